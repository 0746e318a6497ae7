#!/usr/bin/env bash
# What a second instance costs: the learning bench's mixed load (bench/learning.sh's requests, all at once) through
# nginx against the deployment group with one instance serving, then two, on the same machine, printed side by side:
# requests/s, p99 of each kind of request, and the CPU per request of the instances, nginx and PostgreSQL. On one
# machine this shows the cluster's overhead (the Data Grid, cache invalidations, a second JIT), not its gain.
# Target: two instances cost at most 15 % more CPU per request than one.
#
# The load, CONCURRENCY clients split in four, each client its own bench student: the student dashboard, the global
# top 10, the student's own rank, and quiz submissions (a new attempt each). Every answer must be 200 (201 for a
# submission), and every student's XP must equal their ledger afterwards.
#
# Needs a cluster of two on the bench database, started for a load test:
#   RATE_LIMIT_MAX=100000000 ./spark cluster up 2          (then, in another shell)   bench/cluster.sh
# with the same CLUSTER_DOMAIN, CLUSTER_PORTBASE, INSTANCE_PORTBASE, NGINX_PORT and DATABASE_URL as the cluster's.
# For the one-instance side spark-2 is stopped (./spark cluster stop spark-2: out of nginx first); it is started again
# before the bench ends. Options (environment): CONCURRENCY (16), DURATION (30, seconds per measurement),
# WARMUP_SECONDS (90, mixed load before the first measurement), ROUNDS (1: two then one; 2 adds two and one again).
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
ROOT=$(cd .. && pwd)
CLUSTER_DOMAIN=${CLUSTER_DOMAIN:-spark-cluster}
CLUSTER_PORTBASE=${CLUSTER_PORTBASE:-4800}
INSTANCE_PORTBASE=${INSTANCE_PORTBASE:-8100}
NGINX_PORT=${NGINX_PORT:-8080}
export CLUSTER_DOMAIN CLUSTER_PORTBASE INSTANCE_PORTBASE NGINX_PORT
BASE=http://localhost:$NGINX_PORT
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-90}
ROUNDS=${ROUNDS:-1}
NODE_DIR=$ROOT/build/payara6/glassfish/nodes/localhost-$CLUSTER_DOMAIN
NGINX_PID=$ROOT/build/nginx-$CLUSTER_DOMAIN/nginx.pid
QUARTER=$(( CONCURRENCY / 4 ))
[ "$QUARTER" -ge 1 ] || { echo "bench: CONCURRENCY must be at least 4" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

require_server "RATE_LIMIT_MAX=100000000 ./spark cluster up 2"
require_tools "postgresql-client" psql
for i in 1 2; do
  curl -fsS -o /dev/null "http://127.0.0.1:$((INSTANCE_PORTBASE + 100 * (i - 1) + 80))/health/ready" \
    || { echo "bench: spark-$i of $CLUSTER_DOMAIN is not ready; start the cluster with ./spark cluster up 2" >&2; exit 1; }
done

# --- CPU of the cluster's processes -----------------------------------------------------------------------------
# cpu_mark FILE: per process CPU ticks of the instances, the DAS, nginx (master and workers) and the PostgreSQL
# backends serving the application's pools on this database (other databases' work on a shared server is left out)
cpu_mark() {
  local backends
  backends=$(sql "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity
                  WHERE datname = current_database() AND application_name LIKE 'project-spark%'")
  python3 - "$NODE_DIR" "$ROOT/build/payara6/glassfish/domains/$CLUSTER_DOMAIN/config/pid" "$NGINX_PID" "$backends" > "$1" <<'PY'
import glob, os, sys
node_dir, das_pid_file, nginx_pid_file, backends = sys.argv[1:5]
def ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12]), int(fields[1])
    except OSError:
        return None
def pid_in(path):
    try:
        return int(open(path).read().strip())
    except (OSError, ValueError):
        return None
for path in glob.glob(f"{node_dir}/*/config/pid"):
    pid = pid_in(path)
    if pid and ticks(pid):
        print("instances", pid, ticks(pid)[0])
pid = pid_in(das_pid_file)
if pid and ticks(pid):
    print("das", pid, ticks(pid)[0])
master = pid_in(nginx_pid_file)
if master:
    for p in os.listdir("/proc"):
        if p.isdigit():
            t = ticks(int(p))
            if t and (int(p) == master or t[1] == master):
                print("nginx", p, t[0])
for p in backends.split():
    t = ticks(int(p))
    if t:
        print("postgres", p, t[0])
PY
}
# cpu_spent BEFORE AFTER: "instances=S das=S nginx=S postgres=S", CPU seconds in between (a process new since BEFORE
# counts from zero; one gone since is lost: the pools keep their connections for minutes)
cpu_spent() {
  python3 - "$1" "$2" <<'PY'
import os, sys
tick = os.sysconf("SC_CLK_TCK")
def read(path):
    return {(k, p): int(t) for k, p, t in (line.split() for line in open(path))}
a, b = read(sys.argv[1]), read(sys.argv[2])
out = {k: 0 for k in ("instances", "das", "nginx", "postgres")}
for (kind, pid), t in b.items():
    out[kind] += t - a.get((kind, pid), 0)
print(" ".join(f"{k}={v / tick:.2f}" for k, v in out.items()))
PY
}

# --- students and the load ----------------------------------------------------------------------------------------
load_bench_data
students=$(bench_students)
[ "$students" -ge "$CONCURRENCY" ] || { echo "bench: only $students bench students for $CONCURRENCY clients" >&2; exit 1; }
echo "signing in $CONCURRENCY bench students through nginx ..."
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
names=$(sed "s/.*/'&'/" "$WORK/ids" | paste -sd,)
fresh=$(sql "SELECT count(DISTINCT s.user_id) FROM auth_sessions s JOIN users u ON u.id = s.user_id
             WHERE u.username IN ($names) AND s.created_at > now() - interval '10 minutes'")
[ "$fresh" -ge "$CONCURRENCY" ] || { echo "bench: the cluster at $BASE does not use $DATABASE_URL; set DATABASE_URL" >&2; exit 1; }
limit=$(curl -fsS -D - -o /dev/null "$BASE/api/v1/users/me" -H "Authorization: Bearer $(head -1 "$WORK/tokens")" | tr -d '\r' | sed -n 's/^RateLimit-Limit: //Ip')
[ "${limit:-0}" -ge 10000000 ] || { echo "bench: the cluster's RATE_LIMIT_MAX is $limit; start it with RATE_LIMIT_MAX=100000000" >&2; exit 1; }
# each quarter of the clients its own students
split -n l/4 -d "$WORK/tokens" "$WORK/tokens."
{ printf 'activity\tanswers\n'; answer_sets | cut -f1,3; } > "$WORK/quiz-rows"
[ "$(wc -l < "$WORK/quiz-rows")" -gt 1 ] || { echo "bench: no bench quizzes in the database" >&2; exit 1; }

KINDS=(dashboard top10 rank submission)
# mixed SECONDS PREFIX: the four kinds at once for SECONDS; LoadGen's line of each kind in PREFIX.<kind>
mixed() {
  tool LoadGen rate-tokens "$BASE/api/v1/me/dashboard" "$WORK/tokens.00" "$QUARTER" "$1" > "$2.dashboard" 2>/dev/null &
  tool LoadGen rate-tokens "$BASE/api/v1/leaderboards/global?period=all&limit=10" "$WORK/tokens.01" "$QUARTER" "$1" > "$2.top10" 2>/dev/null &
  tool LoadGen rate-tokens "$BASE/api/v1/leaderboards/global/me?period=all&neighbours=2" "$WORK/tokens.02" "$QUARTER" "$1" > "$2.rank" 2>/dev/null &
  tool LoadGen post "$BASE/api/v1/activities/{activity}/submissions" '{"clientSubmissionId":"{uuid}","answers":{answers}}' \
    "$WORK/tokens.03" "$QUARTER" "$1" "rows=$WORK/quiz-rows" > "$2.submission" 2>/dev/null &
  wait
}

# measure SIDE N: one measurement of the mixed load with N instances serving; its figures in $WORK/SIDE.N.*
measure() {
  local out="$WORK/$1.$2"
  cpu_mark "$out.cpu0"
  mixed "$DURATION" "$out"
  cpu_mark "$out.cpu1"
  cpu_spent "$out.cpu0" "$out.cpu1" > "$out.cpu"
  local total=0 kind line
  for kind in "${KINDS[@]}"; do
    line=$(cat "$out.$kind")
    total=$((total + $(field requests "$line")))
    printf '  %-11s %s\n' "$kind" "$line"
  done
  echo "$total" > "$out.requests"
  echo "  CPU s: $(cat "$out.cpu") for $total requests"
}

serving() { # N: nginx over the instances running, N of them
  ../server-config/cluster.sh nginx >/dev/null
  local n; n=$(grep -c '^server ' "$ROOT/build/nginx-$CLUSTER_DOMAIN/spark-instances.conf")
  [ "$n" = "$1" ] || { echo "bench: nginx has $n instances, expected $1" >&2; exit 1; }
}
one_instance() { ../server-config/cluster.sh stop spark-2 >/dev/null; serving 1; }
two_instances() {
  curl -fsS -o /dev/null "http://127.0.0.1:$((INSTANCE_PORTBASE + 180))/health/ready" 2>/dev/null \
    || ../server-config/cluster.sh start spark-2 >/dev/null
  serving 2
}
trap 'two_instances >/dev/null 2>&1 || echo "bench: start spark-2 again: ./spark cluster start spark-2" >&2; rm -rf "$WORK"' EXIT

before=$(sql "SELECT count(*) FROM submissions s JOIN users u ON u.id = s.student_id WHERE u.username IN ($names)")
for round in $(seq 1 "$ROUNDS"); do
  two_instances
  echo "round $round: warming up two instances (${WARMUP_SECONDS}s of the mixed load) ..."
  mixed "$WARMUP_SECONDS" "$WORK/warm"
  echo "round $round: two instances, ${DURATION}s"
  measure two "$round"
  one_instance
  mixed 10 "$WORK/settle" # nginx's connections to spark-2 are gone, spark-1 takes all
  echo "round $round: one instance, ${DURATION}s"
  measure one "$round"
done
two_instances

# --- the table -------------------------------------------------------------------------------------------------------
python3 - "$WORK" "$ROUNDS" "$DURATION" "$CONCURRENCY" > "$WORK/table" <<'PY'
import os, re, sys
work, rounds, duration, clients = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
kinds = ["dashboard", "top10", "rank", "submission"]
def kv(line):
    return dict(m.groups() for m in re.finditer(r"(\w+)=(\S+)", line))
def side(name):
    reqs, secs, cpu, p99, bad = 0, 0.0, {}, {k: 0.0 for k in kinds}, []
    for r in range(1, rounds + 1):
        base = f"{work}/{name}.{r}"
        for k in kinds:
            line = open(f"{base}.{k}").read()
            d = kv(line)
            reqs += int(d["requests"])
            p99[k] = max(p99[k], float(d["p99_ms"]))
            ok = "201" if k == "submission" else "200"
            for status, n in re.findall(r"(\d+)=(\d+)", line.split("statuses=", 1)[1]):
                if status != ok:
                    bad.append(f"{k} {status}x{n}")
        secs += float(duration)
        for k, v in kv(open(f"{base}.cpu").read()).items():
            cpu[k] = cpu.get(k, 0) + float(v)
    return reqs, secs, cpu, p99, bad
one, two = side("one"), side("two")
def per(s, keys):
    return 1000 * sum(s[2][k] for k in keys) / s[0]
rows = [("requests/s", lambda s: f"{s[0] / s[1]:.1f}")]
rows += [(f"p99 ms, {k}", (lambda k: lambda s: f"{s[3][k]:.1f}")(k)) for k in kinds]
rows += [("CPU ms/request, Payara instances", lambda s: f"{per(s, ['instances']):.3f}"),
         ("CPU ms/request, DAS", lambda s: f"{per(s, ['das']):.3f}"),
         ("CPU ms/request, nginx", lambda s: f"{per(s, ['nginx']):.3f}"),
         ("CPU ms/request, PostgreSQL (its backends)", lambda s: f"{per(s, ['postgres']):.3f}"),
         ("CPU ms/request, all of these", lambda s: f"{per(s, ['instances', 'das', 'nginx', 'postgres']):.3f}")]
print(f"== mixed load through nginx, {clients} clients (a quarter each: dashboard, top 10, own rank, submissions), {duration}s x {rounds}")
print(f"{'':44} {'one instance':>14} {'two instances':>14}")
for label, f in rows:
    print(f"{label:44} {f(one):>14} {f(two):>14}")
keys = ["instances", "das", "nginx", "postgres"]
ratio = per(two, keys) / per(one, keys)
print(f"RATIO {ratio:.3f}")
print("BAD " + ("; ".join(one[4] + two[4]) or "none"))
PY
echo
grep -v '^RATIO\|^BAD' "$WORK/table"
ratio=$(sed -n 's/^RATIO //p' "$WORK/table")
bad=$(sed -n 's/^BAD //p' "$WORK/table")
verdict "CPU per request, two vs one instance" "$ratio" 1 le 1.15
check "every request answered 200 (submissions 201)" "$([ "$bad" = none ] && echo 1)" "$([ "$bad" = none ] || echo "$bad")"
fresh_stats submissions xp_events profiles
after=$(sql "SELECT count(*) FROM submissions s JOIN users u ON u.id = s.student_id WHERE u.username IN ($names)")
echo "submissions stored: $((after - before))"
check_ledger
finish cluster
