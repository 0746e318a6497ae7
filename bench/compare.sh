#!/usr/bin/env bash
# Compares builds of Spark by alternating runs on one machine: the way to tell whether a piece of code pays for
# itself (docs/architecture.md lists each fast path with the gain measured here). Each round deploys every EAR in
# turn into a freshly restarted domain (the one `./spark run` started), warms it up and measures, each against
# /health/live in the same run (its mean before and after the figures; the ratio cancels most of the machine's drift):
#   me      GET /api/v1/users/me
#   top     GET /api/v1/leaderboards/global?period=all&limit=10
#   rank    GET /api/v1/leaderboards/global/me?period=all&neighbours=2
#   dash    GET /api/v1/me/dashboard (the student's, warmed)
#   class   GET /api/v1/classes/{Bench Class 001}/dashboard (the teacher's, warmed, gzip asked)
#   submit  POST /api/v1/activities/{id}/submissions (a new attempt each)
# and prints, per build, the mean ratio of each figure and its gain over the first build.
#
# Usage:   RATE_LIMIT_MAX=100000000 ./spark run           (once, in one shell; the domain keeps its settings)
#          bench/compare.sh NAME=EAR NAME=EAR ...        (in another; e.g. main=/tmp/main.ear bare=/tmp/bare.ear)
# Options: ROUNDS (2), CONCURRENCY (16), DURATION (10 s per figure), WARMUP_ROUNDS (2), WARMUP_SUBMIT_SECONDS (20),
#          FIGURES ("me top rank dash class submit"). The last build deployed stays deployed.
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
BASE=${BASE:-http://localhost:8080}
ROUNDS=${ROUNDS:-2}
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-10}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-2}
WARMUP_SUBMIT_SECONDS=${WARMUP_SUBMIT_SECONDS:-20}
FIGURES=${FIGURES:-me top rank dash class submit}
ASADMIN=../build/payara6/bin/asadmin
ADMIN_PORT=${ADMIN_PORT:-4848}
CLASS_ID=$(python3 -c "import hashlib, uuid; print(uuid.UUID(hashlib.md5(b'bench-class:1').hexdigest()))")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

[ $# -ge 2 ] || { echo "usage: bench/compare.sh NAME=EAR NAME=EAR ..." >&2; exit 2; }
for build in "$@"; do
  [ -f "${build#*=}" ] || { echo "bench: no EAR at ${build#*=}" >&2; exit 2; }
done
require_server "RATE_LIMIT_MAX=100000000 ./spark run"
require_tools "postgresql-client" psql

declare -A PATHS=(
  [me]="/api/v1/users/me"
  [top]="/api/v1/leaderboards/global?period=all&limit=10"
  [rank]="/api/v1/leaderboards/global/me?period=all&neighbours=2"
  [dash]="/api/v1/me/dashboard"
  [class]="/api/v1/classes/$CLASS_ID/dashboard"
)

# --- the same students, teachers and quizzes for every run --------------------------------------------------------
load_bench_data
add_bench_teachers "$CONCURRENCY" "$CLASS_ID"
sql "SELECT username FROM users WHERE username LIKE 'bench-student-%' ORDER BY random() LIMIT $CONCURRENCY" > "$WORK/students"
{ printf 'activity\tanswers\n'; answer_sets | cut -f1,3; } > "$WORK/quiz-rows"

# deploy EAR: the domain restarted without the application, then EAR deployed into it (a redeploy into a running
# JVM keeps the old build's compiled code and runs slower), and ready
deploy() {
  "$ASADMIN" --port "$ADMIN_PORT" undeploy spark >/dev/null 2>&1 || true
  "$ASADMIN" --port "$ADMIN_PORT" restart-domain spark >/dev/null
  "$ASADMIN" --port "$ADMIN_PORT" deploy --name spark "$1" >/dev/null
  for _ in $(seq 120); do
    curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "bench: $1 did not become ready" >&2; exit 1
}

sign_in() {
  : > "$WORK/tokens"; : > "$WORK/teachers"
  while read -r s; do login "$s" "bench password" >> "$WORK/tokens"; done < "$WORK/students"
  for t in $(seq 1 "$CONCURRENCY"); do login "bench-teacher-$t" "bench password" >> "$WORK/teachers"; done
  limit=$(curl -fsS -D - -o /dev/null "$BASE/api/v1/users/me" -H "Authorization: Bearer $(head -1 "$WORK/tokens")" \
    | tr -d '\r' | sed -n 's/^RateLimit-Limit: //Ip')
  [ "${limit:-0}" -ge 10000000 ] || { echo "bench: RATE_LIMIT_MAX is $limit; start the server with RATE_LIMIT_MAX=100000000 ./spark run" >&2; exit 1; }
}

# load FIGURE SECONDS: LoadGen's line for one figure
load() {
  case $1 in
    submit) tool LoadGen post "$BASE/api/v1/activities/{activity}/submissions" '{"clientSubmissionId":"{uuid}","answers":{answers}}' \
              "$WORK/tokens" "$CONCURRENCY" "$2" "rows=$WORK/quiz-rows" 2>/dev/null ;;
    class) tool LoadGen rate-tokens "$BASE${PATHS[class]}" "$WORK/teachers" "$CONCURRENCY" "$2" "Accept-Encoding:gzip" 2>/dev/null ;;
    *) tool LoadGen rate-tokens "$BASE${PATHS[$1]}" "$WORK/tokens" "$CONCURRENCY" "$2" 2>/dev/null ;;
  esac
}

echo "figure ratios to /health/live requests/s in the same run (higher is better)"
printf '%-8s %-5s %8s' build round "live/s"; for f in $FIGURES; do printf ' %8s' "$f"; done; echo
for round in $(seq "$ROUNDS"); do
  for build in "$@"; do
    name=${build%%=*}
    deploy "${build#*=}"
    sign_in
    for _ in $(seq "$WARMUP_ROUNDS"); do
      tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" 5 >/dev/null
      for f in $FIGURES; do load "$f" "$([ "$f" = submit ] && echo "$WARMUP_SUBMIT_SECONDS" || echo 5)" >/dev/null; done
    done
    # the reference before and after the figures: its mean is what each figure is divided by
    before=$(field rps "$(tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" "$DURATION")")
    : > "$WORK/run"
    for f in $FIGURES; do
      line=$(load "$f" "$DURATION")
      bad=$(field statuses "$line" | tr -d '{}' | tr ',' '\n' | grep -Ev '^(200|201)=' | paste -sd, || true)
      [ -z "$bad" ] || echo "bench: $name $f answered $bad" >&2
      echo "$f $(field rps "$line")" >> "$WORK/run"
    done
    after=$(field rps "$(tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" "$DURATION")")
    ref=$(python3 -c "print(($before + $after) / 2)")
    printf '%-8s %-5s %8.0f' "$name" "$round" "$ref"
    while read -r f rps; do
      ratio=$(python3 -c "print(f'{$rps / $ref:.3f}')")
      printf ' %8s' "$ratio"
      echo "$name $f $ratio" >> "$WORK/ratios"
    done < "$WORK/run"
    echo
  done
done

echo
echo "mean ratio per build, and its gain over ${1%%=*}"
python3 - "$WORK/ratios" "${1%%=*}" $FIGURES <<'PY'
import sys, collections
path, first, figures = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = collections.defaultdict(list)
order = []
for line in open(path):
    name, fig, r = line.split()
    runs[(name, fig)].append(float(r))
    if name not in order: order.append(name)
print(f"{'build':<8}" + "".join(f" {f:>16}" for f in figures))
for name in order:
    cells = []
    for f in figures:
        m = sum(runs[(name, f)]) / len(runs[(name, f)])
        base = sum(runs[(first, f)]) / len(runs[(first, f)])
        cells.append(f"{m:.3f}" + ("" if name == first else f" ({(m / base - 1) * 100:+.0f}%)"))
    print(f"{name:<8}" + "".join(f" {c:>16}" for c in cells))
PY
