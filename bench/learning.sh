#!/usr/bin/env bash
# Speed of learning at school scale, against a running server (./spark run) whose database holds the bench
# school (bench/data: 10,000 students, 2 courses, 90 days of history; loaded here when missing). Each figure
# is printed next to a reference measured in the same run:
#   a. leaderboards: GET /api/v1/leaderboards/global?period=all&limit=10 and .../global/me?period=all&neighbours=2
#      (each client its own student) vs /health/live at the same concurrency: target >= 0.5x its requests/s and
#      p99 <= 3x its p99. Raw Redis doing the same reads (redis-benchmark ZREVRANGE / ZREVRANK on
#      spark:lb:{global:all}) is printed as a reference line. /me reads the board in Redis on every request and sends
#      the rendering it holds for the student again while that read finds the same standings; the same reads with
#      Cache-Control: no-cache (rendered anew every time, as when the board around the student moved) are printed too.
#   b. quiz submissions: POST /api/v1/activities/{id}/submissions, a new attempt each (201), rotating over the
#      bench quizzes with answers right and wrong, vs PostgreSQL's own TPC-B (pgbench -s 10, same clients, same
#      database): target >= 0.25x its transactions/s. Then the XP ledger is checked for every student:
#      SUM(xp_events.points) = profiles.xp_points (and the level follows the curve). Printed too (cpu.py): the CPU
#      PostgreSQL and Payara spend per submission, and PostgreSQL per TPC-B transaction.
#   c. student dashboard: GET /api/v1/me/dashboard (cached, warmed first) vs /health/live: p99 <= 2x.
#
# The general API limit would stop a load test, so start the server for it with a high one:
#   RATE_LIMIT_MAX=100000000 ./spark run          (then, in another shell)   bench/learning.sh
# Options (environment): BASE (http://localhost:8080), CONCURRENCY (16: clients, and students signed in),
# DURATION (15, seconds per measurement), DATABASE_URL (the server's: .env's, else
# postgresql://postgres@localhost:5432/project_spark), REDIS_URL (likewise, redis://localhost:6379),
# WARMUP_ROUNDS (3), WARMUP_SUBMIT_SECONDS (60: submissions per warm-up round; on 2 cores the submission path keeps
# getting faster, as the JIT compiles more of it, for about three minutes of load). Needs psql, pgbench and
# redis-benchmark (Debian: postgresql-client, redis-tools).
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
VERDICT_WIDTH=34
BASE=${BASE:-http://localhost:8080}
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-15}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-3}
WARMUP_SUBMIT_SECONDS=${WARMUP_SUBMIT_SECONDS:-60}
LB_KEY='spark:lb:{global:all}'
WORK=$(mktemp -d)
PGBENCH_TABLES=0
cleanup() {
  if [ "$PGBENCH_TABLES" = 1 ]; then pgbench -i -I d -q "$DATABASE_URL" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

row() { printf '%-44s %10s %9s %9s   %s\n' "$@"; }
row_of() { row "$1" "$(field rps "$2")" "$(field p50_ms "$2")" "$(field p99_ms "$2")" "$(field statuses "$2")"; }
header() { echo; echo "== $1"; row "" "req/s" "p50 ms" "p99 ms" "statuses"; }
# status GET PATH TOKEN: the HTTP status of one request
status() { curl -s -o "$WORK/last" -w '%{http_code}' "$BASE$1" -H "Authorization: Bearer $2" || true; }

require_server "RATE_LIMIT_MAX=100000000 ./spark run"
require_tools "postgresql-client redis-tools" psql pgbench redis-benchmark redis-cli

# --- bench data, students ----------------------------------------------------------------------------------
load_bench_data
students=$(bench_students)
[ "$students" -ge "$CONCURRENCY" ] || { echo "bench: only $students bench students for $CONCURRENCY clients" >&2; exit 1; }

# CONCURRENCY students picked at random (a student may sign in 5 times in 15 minutes: runs rarely reuse one)
echo "signing in $CONCURRENCY bench students ..."
: > "$WORK/tokens"; : > "$WORK/ids"
tries=0
while [ "$(wc -l < "$WORK/tokens")" -lt "$CONCURRENCY" ]; do
  tries=$((tries + 1)); [ $tries -le $((CONCURRENCY * 3)) ] || { echo "bench: too many failed sign-ins" >&2; exit 1; }
  name=$(printf 'bench-student-%05d' "$(shuf -i 1-"$students" -n 1)")
  grep -qx "$name" "$WORK/ids" 2>/dev/null && continue
  code=$(curl -s -o "$WORK/login" -w '%{http_code}' -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$name\",\"password\":\"bench password\"}" || true)
  if [ "$code" != 200 ]; then echo "  $name: sign-in answered $code, trying another student"; continue; fi
  json 'd["accessToken"]' < "$WORK/login" >> "$WORK/tokens"
  echo "$name" >> "$WORK/ids"
done
TOKEN=$(head -1 "$WORK/tokens")
names=$(sed "s/.*/'&'/" "$WORK/ids" | paste -sd,)
# the server must be on DATABASE_URL: the sign-ins just made must be there
fresh=$(sql "SELECT count(DISTINCT s.user_id) FROM auth_sessions s JOIN users u ON u.id = s.user_id
             WHERE u.username IN ($names) AND s.created_at > now() - interval '10 minutes'")
if [ "$fresh" -lt "$CONCURRENCY" ]; then
  echo "bench: the server at $BASE does not use $DATABASE_URL (its sign-ins are not there); set DATABASE_URL" >&2; exit 1
fi
limit=$(curl -fsS -D - -o /dev/null "$BASE/api/v1/users/me" -H "Authorization: Bearer $TOKEN" | tr -d '\r' | sed -n 's/^RateLimit-Limit: //Ip')
if [ "${limit:-0}" -lt 10000000 ]; then
  echo "bench: the server's RATE_LIMIT_MAX is $limit; restart it with RATE_LIMIT_MAX=100000000 ./spark run" >&2; exit 1
fi

# --- what is there to measure --------------------------------------------------------------------------------
TOP="/api/v1/leaderboards/global?period=all&limit=10"
ME="/api/v1/leaderboards/global/me?period=all&neighbours=2"
DASH="/api/v1/me/dashboard"
declare -A AVAILABLE
for path in "$TOP" "$ME" "$DASH"; do
  code=$(status "$path" "$TOKEN")
  if [ "$code" = 200 ]; then
    AVAILABLE[$path]=1
    echo "GET $path: 200, $(head -c 160 "$WORK/last")..."
  else
    echo "GET $path: answered $code, not measured: FAIL"; FAILS=$((FAILS + 1))
  fi
done

# the quizzes' answer sets (LoadGen's rows file: a header, then activity and answers per line)
{ printf 'activity\tanswers\n'; answer_sets | cut -f1,3; } > "$WORK/quiz-rows"
quizzes=$(($(wc -l < "$WORK/quiz-rows") - 1))
[ "$quizzes" -gt 0 ] || { echo "bench: no bench quizzes in the database" >&2; exit 1; }
SUBMIT_URL="$BASE/api/v1/activities/{activity}/submissions"
SUBMIT_BODY='{"clientSubmissionId":"{uuid}","answers":{answers}}'
submit() { tool LoadGen post "$SUBMIT_URL" "$SUBMIT_BODY" "$WORK/tokens" "$CONCURRENCY" "$1" "rows=$WORK/quiz-rows"; }
code=$(curl -s -o "$WORK/last" -w '%{http_code}' -X POST "$BASE/api/v1/activities/$(sed -n 2p "$WORK/quiz-rows" | cut -f1)/submissions" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d "{\"clientSubmissionId\":\"$(python3 -c 'import uuid; print(uuid.uuid4())')\",\"answers\":$(sed -n 2p "$WORK/quiz-rows" | cut -f2)}" || true)
echo "POST a perfect quiz: $code, $(head -c 160 "$WORK/last")..."
[ "$code" = 201 ] || { echo "bench: a submission of a bench quiz answered $code, expected 201" >&2; exit 1; }

echo "warming up (the JIT needs tens of seconds under load on 2 cores) ..."
for _ in $(seq 1 "$WARMUP_ROUNDS"); do
  tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" 8 >/dev/null
  for path in "${!AVAILABLE[@]}"; do
    tool LoadGen rate-tokens "$BASE$path" "$WORK/tokens" "$CONCURRENCY" 8 >/dev/null 2>&1
  done
  submit "$WARMUP_SUBMIT_SECONDS" >/dev/null 2>&1 # the submission path has the most code for the JIT to compile
done

# --- a. leaderboards -----------------------------------------------------------------------------------------
if [ -n "${AVAILABLE[$TOP]:-}${AVAILABLE[$ME]:-}" ]; then
  ref=$(tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" "$DURATION")
  top=""; me=""; me_fresh=""
  [ -n "${AVAILABLE[$TOP]:-}" ] && top=$(tool LoadGen rate-tokens "$BASE$TOP" "$WORK/tokens" "$CONCURRENCY" "$DURATION")
  [ -n "${AVAILABLE[$ME]:-}" ] && me=$(tool LoadGen rate-tokens "$BASE$ME" "$WORK/tokens" "$CONCURRENCY" "$DURATION")
  # for information: the same reads with every answer rendered anew (what a read costs when the board around the student moved)
  [ -n "${AVAILABLE[$ME]:-}" ] && me_fresh=$(tool LoadGen rate-tokens "$BASE$ME" "$WORK/tokens" "$CONCURRENCY" "$DURATION" "Cache-Control:no-cache")
  header "a. global leaderboard ($students bench students and any others) vs /health/live, $CONCURRENCY concurrent clients, ${DURATION}s each"
  row_of "/health/live (ref)" "$ref"
  [ -n "$top" ] && row_of "GET /leaderboards/global?period=all&limit=10" "$top"
  [ -n "$me" ] && row_of "GET /leaderboards/global/me (own student)" "$me"
  [ -n "$me" ] && row_of "  same, no-cache: rendered anew (info)" "$me_fresh"
  # raw Redis doing the same reads: the floor any cached board can reach
  if [ "$(redis-cli -u "$REDIS_URL" EXISTS "$LB_KEY" 2>/dev/null)" = 1 ]; then
    member=$(sql "SELECT id FROM users WHERE username = '$(head -1 "$WORK/ids")'")
    [ -n "$(redis-cli -u "$REDIS_URL" ZSCORE "$LB_KEY" "$member")" ] \
      || echo "(note: $member is not a member of $LB_KEY; ZREVRANK below measures a miss)"
    members=$(redis-cli -u "$REDIS_URL" ZCARD "$LB_KEY")
    for cmd in "ZREVRANGE $LB_KEY 0 9 WITHSCORES" "ZREVRANK $LB_KEY $member"; do
      # shellcheck disable=SC2086
      csv=$(redis-benchmark -u "$REDIS_URL" -c "$CONCURRENCY" -n 200000 --csv $cmd | tail -1 | tr -d '"')
      IFS=, read -r _ rps _ _ p50 _ p99 _ <<< "$csv"
      row "redis ${cmd%% *} ($members members, ref)" "$rps" "$p50" "$p99" "redis-benchmark"
    done
  else
    echo "(redis reference skipped: $LB_KEY does not exist in $REDIS_URL)"
  fi
  if [ -n "$top" ]; then
    verdict "leaderboard top 10 throughput" "$(field rps "$top")" "$(field rps "$ref")" ge 0.5
    verdict "leaderboard top 10 p99" "$(field p99_ms "$top")" "$(field p99_ms "$ref")" le 3
  fi
  if [ -n "$me" ]; then
    verdict "leaderboard /me throughput" "$(field rps "$me")" "$(field rps "$ref")" ge 0.5
    verdict "leaderboard /me p99" "$(field p99_ms "$me")" "$(field p99_ms "$ref")" le 3
  fi
fi

# --- b. quiz submissions vs pgbench TPC-B ---------------------------------------------------------------------
echo
echo "== b. quiz submissions vs pgbench TPC-B, $CONCURRENCY concurrent clients, ${DURATION}s each"
echo "pgbench: initialising scale 10 (1,000,000 accounts) in the same database ..."
PGBENCH_TABLES=1
pgbench -i -s 10 -q "$DATABASE_URL" >/dev/null 2>&1
cpu0=$(cpu_mark)
(cd "$WORK" && pgbench -c "$CONCURRENCY" -j 2 -T "$DURATION" -l --log-prefix=pgb "$DATABASE_URL" > "$WORK/pgbench.out" 2>&1)
cpu_ref=$(cpu_since "$cpu0")
pgbench -i -I d -q "$DATABASE_URL" >/dev/null 2>&1; PGBENCH_TABLES=0
sql "CHECKPOINT" >/dev/null
tps=$(pgbench_tps "$WORK/pgbench.out")
read -r pg_p50 _ pg_p99 _ <<< "$(latencies "$WORK"/pgb.*)"

before=$(sql "SELECT count(*) FROM submissions s JOIN users u ON u.id = s.student_id WHERE u.username IN ($names)")
cpu0=$(cpu_mark)
sub=$(submit "$DURATION")
cpu_sub=$(cpu_since "$cpu0")
# the checks below read what the submissions just wrote (submissions, the ledger, profiles): on fresh statistics
fresh_stats submissions xp_events profiles
after=$(sql "SELECT count(*) FROM submissions s JOIN users u ON u.id = s.student_id WHERE u.username IN ($names)")
row "" "per s" "p50 ms" "p99 ms" "statuses"
row "pgbench TPC-B -s 10 (ref, transactions)" "$(printf '%.1f' "$tps")" "$pg_p50" "$pg_p99" "failed=$(pgbench_failed "$WORK/pgbench.out")"
row_of "POST /activities/{id}/submissions" "$sub"
verdict "submission throughput vs TPC-B" "$(field rps "$sub")" "$tps" ge 0.25
python3 cpu.py per "$cpu_sub" "$(field requests "$sub")" submission "$cpu_ref" \
  "$(pgbench_processed "$WORK/pgbench.out")" "TPC-B transaction"
created=$(field statuses "$sub" | sed -nE 's/.*201=([0-9]+).*/\1/p')
other=$(field statuses "$sub" | tr -d '{}' | tr ',' '\n' | grep -v '^201=' | paste -sd, || true)
check "every submission answered 201" "$([ -z "$other" ] && [ "${created:-0}" -gt 0 ] && echo 1)" "${other:-${created:-0} answered 201}"
check "rows stored = 201 answers" "$([ $((after - before)) = "${created:-0}" ] && echo 1)" \
  "$((after - before)) new submissions for ${created:-0} answers 201"
check_ledger

# --- c. dashboard -----------------------------------------------------------------------------------------------
if [ -n "${AVAILABLE[$DASH]:-}" ]; then
  while read -r t; do curl -fsS -o /dev/null "$BASE$DASH" -H "Authorization: Bearer $t" || true; done < "$WORK/tokens"
  tool LoadGen rate-tokens "$BASE$DASH" "$WORK/tokens" "$CONCURRENCY" 8 >/dev/null 2>&1
  ref=$(tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" "$DURATION")
  dash=$(tool LoadGen rate-tokens "$BASE$DASH" "$WORK/tokens" "$CONCURRENCY" "$DURATION")
  header "c. student dashboard (each client its own student, warmed) vs /health/live, $CONCURRENCY clients, ${DURATION}s each"
  row_of "/health/live (ref)" "$ref"
  row_of "GET /me/dashboard" "$dash"
  verdict "dashboard p99" "$(field p99_ms "$dash")" "$(field p99_ms "$ref")" le 2
fi

finish learning
