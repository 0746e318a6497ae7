#!/usr/bin/env bash
# Live notifications at school scale, against a running server (./spark run), next to a reference measured in the same
# run with the same clients:
#   CLIENTS (10,000) bench students connect to /ws/notifications (one Node process, bench/ws/clients.js, speaking
#   Spark's protocol through bench/ws/protocol.js), then
#   a. a teacher's message to a class of 60 (Bench Class 001), ROUNDS_CLASS times;
#   b. a teacher's message to a class holding every connected student (made for the run, removed after), ROUNDS_ALL
#      times;
#   each timed from the moment the POST is sent to each client's receipt: p50, p99, max over every recipient of every
#   round, and the time until the last client had it. Spark writes one notification per recipient (a row and its sync
#   change each) and sends each recipient its own message.
#   The reference: a plain broadcast server on Node's `ws` (bench/ws/reference-server.js; the guide's design was
#   socket.io on Node), the same clients connected the same way, the same fan-outs (POST /notify with the 60 students'
#   ids, or "all"), messages of the same shape and size, no database.
#   Targets: Spark's p99 <= 2x the reference's for each fan-out; heap per connection (Payara's heap after a full GC,
#   connected minus before, over CLIENTS) under 64 KiB; every client receives every notification once.
#
# Tokens: the students' sessions are written into auth_sessions and their access tokens signed here with the server's
# JWT_SECRET (the environment's, else ../.env's, else the development default), claims as TokenService issues them:
# 10,000 sign-ins would cost 10,000 Argon2 hashes (about 14 minutes on 2 cores). Removed after the run: the sessions,
# the notifications the run raised and their sync changes, and the all-students class.
#
# File limits: each open socket is a file on both sides. This script raises its own limit (the Node processes inherit
# it) to the hard limit; Payara's JVM keeps the limit of the shell that started the domain, checked here in
# /proc/<pid>/limits. Too low: stop the server and start it again from a shell with a higher limit
# (`ulimit -n 65536; RATE_LIMIT_MAX=100000000 ./spark run`; `ulimit -Hn` is the most a shell may ask for).
#
#   RATE_LIMIT_MAX=100000000 ./spark run          (then, in another shell)   bench/notifications.sh
# Options (environment): BASE (http://localhost:8080), CLIENTS (10000), ROUNDS_CLASS (30), ROUNDS_ALL (3),
# WARMUP_CLASS (20), WARMUP_ALL (2), REF_PORT (8091), CONNECT_CONCURRENCY (200), AUTH_MODE (subprotocol | message).
# Needs: node 20 and npm (bench/ws/package.json: `ws`, installed here with npm ci), jcmd (the JDK's), psql, curl, ss.
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
VERDICT_WIDTH=44
BASE=${BASE:-http://localhost:8080}
CLIENTS=${CLIENTS:-10000}
ROUNDS_CLASS=${ROUNDS_CLASS:-30}
ROUNDS_ALL=${ROUNDS_ALL:-3}
WARMUP_CLASS=${WARMUP_CLASS:-20}
WARMUP_ALL=${WARMUP_ALL:-2}
REF_PORT=${REF_PORT:-8091}
JWT_SECRET=${JWT_SECRET:-$(env_default JWT_SECRET)}
JWT_SECRET=${JWT_SECRET:-your-super-secret-jwt-key-change-in-production}
export CONNECT_CONCURRENCY=${CONNECT_CONCURRENCY:-200} AUTH_MODE=${AUTH_MODE:-subprotocol}
PORT=$(sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#' <<< "$BASE"); PORT=${PORT:-80}
WS_URL="$(sed -E 's#^http#ws#' <<< "$BASE")/ws/notifications"
SCHOOL="be4c0000-0000-4000-8000-000000000001"
CLASS60=$(sql "SELECT md5('bench-class:1')::uuid" 2>/dev/null || true)
TEACHER=$(sql "SELECT md5('bench-teacher:1')::uuid" 2>/dev/null || true)
ALL_CLASS=$(sql "SELECT md5('bench-ws-class:all')::uuid" 2>/dev/null || true)
WORK=$(mktemp -d)
REF_PID=
CLIENT_PID=
SQL_DIRTY=0

require_tools "nodejs npm" node npm
require_tools "postgresql-client curl iproute2" psql curl ss
[ "$CLIENTS" -ge 60 ] || { echo "bench: CLIENTS must be at least 60 (the class of 60)" >&2; exit 1; }

# remove_run_data: what the run added to the database (sessions, notifications and their sync changes, the class)
remove_run_data() {
  psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -v all_class="$ALL_CLASS" <<'SQL'
BEGIN;
CREATE TEMP TABLE gone ON COMMIT DROP AS
  WITH d AS (DELETE FROM user_notifications WHERE kind = 'TEACHER_MESSAGE' AND body LIKE 'Bench message #bench-ws-%' RETURNING id)
  SELECT id::text AS key FROM d;
DELETE FROM sync_changes WHERE entity = 'notification' AND entity_key IN (SELECT key FROM gone);
DELETE FROM classes WHERE id = :'all_class';
DELETE FROM sync_changes WHERE entity = 'class' AND entity_key = :'all_class';
DELETE FROM auth_sessions WHERE user_agent = 'bench/notifications.sh';
COMMIT;
SQL
}
cleanup() {
  [ -n "$CLIENT_PID" ] && kill "$CLIENT_PID" 2>/dev/null || true
  [ -n "$REF_PID" ] && kill "$REF_PID" 2>/dev/null || true
  if [ "$SQL_DIRTY" = 1 ]; then remove_run_data || echo "bench: removing the run's data failed" >&2; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- the machine, the server, its JVM and file limits -----------------------------------------------------------
load=$(cut -d' ' -f1 /proc/loadavg)
mavens=$(pgrep -fc 'plexus-classworlds' || true)
if python3 -c "import sys; sys.exit(0 if $load > 1.5 else 1)" && [ "${mavens:-0}" -gt 0 ]; then
  echo "bench: WARNING: the machine is busy (load $load, $mavens Maven process(es)): the figures will be noisy" >&2
fi
require_server "RATE_LIMIT_MAX=100000000 ./spark run"
ws_status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/ws/notifications")
# a plain request is refused (400, or 426 in the first builds of the endpoint); 404: no endpoint
case "$ws_status" in 400|426) ;; *) echo "bench: $BASE/ws/notifications answered $ws_status: a server without the WebSocket endpoint?" >&2; exit 1 ;; esac

PID=$(ss -Hltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$PID" ] || { echo "bench: no process found listening on port $PORT" >&2; exit 1; }
if ! tr '\0' ' ' < "/proc/$PID/cmdline" | grep -Eq 'domains/spark( |/|$)'; then
  echo "bench: the process on port $PORT ($PID) is not Payara's domain spark (./spark run); refusing to measure it" >&2; exit 1
fi
JCMD=$(dirname "$(readlink -f "/proc/$PID/exe")")/jcmd
[ -x "$JCMD" ] || JCMD=$(command -v jcmd) || { echo "bench: jcmd is missing (the JDK's)" >&2; exit 1; }
server_files=$(awk '/^Max open files/ {print $4}' "/proc/$PID/limits")
server_open=$(ls "/proc/$PID/fd" | wc -l)
if [ "$server_files" != unlimited ] && [ "$server_files" -lt $((server_open + CLIENTS + 500)) ]; then
  echo "bench: Payara (pid $PID) may open $server_files files and has $server_open open: too few for $CLIENTS more sockets." >&2
  echo "       Stop it and start it again from a shell with a higher limit: ulimit -n $((CLIENTS * 2 + 10000)) (at most $(ulimit -Hn));" \
       "RATE_LIMIT_MAX=100000000 ./spark run. Or run with CLIENTS=$((server_files - server_open - 500))." >&2
  exit 1
fi
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $((CLIENTS + 200)) ]; then
  echo "bench: this shell may open $(ulimit -n) files (its hard limit), too few for $CLIENTS clients; run with CLIENTS=$(($(ulimit -n) - 200))" >&2
  exit 1
fi
ports=$(awk '{print $2 - $1 + 1}' /proc/sys/net/ipv4/ip_local_port_range)
[ "$ports" -gt "$CLIENTS" ] || { echo "bench: $ports ephemeral ports, too few for $CLIENTS clients to one address" >&2; exit 1; }
! ss -Hltn "sport = :$REF_PORT" | grep -q . || { echo "bench: port $REF_PORT is taken; set REF_PORT" >&2; exit 1; }

(cd ws && if [ ! -d node_modules/ws ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
   npm ci --silent --no-audit --no-fund; fi) || { echo "bench: npm ci in bench/ws failed" >&2; exit 1; }

# --- data: the bench school, sessions and tokens, the class of everyone --------------------------------------------
load_bench_data
students=$(bench_students)
[ "$students" -ge "$CLIENTS" ] || { echo "bench: the bench school has $students students, fewer than CLIENTS=$CLIENTS" >&2; exit 1; }
remove_run_data # left by an interrupted run
SQL_DIRTY=1
psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -v n="$CLIENTS" -v teacher="$TEACHER" -v all_class="$ALL_CLASS" -v school="$SCHOOL" <<'SQL'
BEGIN;
INSERT INTO auth_sessions (id, user_id, created_at, expires_at, client_address, user_agent)
SELECT md5('bench-ws-session:' || u)::uuid, u, now(), now() + interval '1 day', '127.0.0.1', 'bench/notifications.sh'
FROM (SELECT md5('bench-student:' || n)::uuid AS u FROM generate_series(1, :n) n UNION ALL SELECT :'teacher'::uuid) s;
INSERT INTO classes (id, school_id, name, grade, subject, join_code, created_at)
VALUES (:'all_class', :'school', 'Bench Notifications (every student connected)', NULL, NULL, 'BNCHWSA', now());
INSERT INTO class_teachers (class_id, teacher_id) VALUES (:'all_class', :'teacher');
INSERT INTO class_enrolments (class_id, student_id, enrolled_at)
SELECT :'all_class', md5('bench-student:' || n)::uuid, now() FROM generate_series(1, :n) n;
COMMIT;
ANALYZE auth_sessions; ANALYZE class_enrolments;
SQL
# user id, username, session id, roles: the students, in order, then the teacher
psql "$DATABASE_URL" -X -q -At -F $'\t' -v ON_ERROR_STOP=1 -v n="$CLIENTS" -v teacher="$TEACHER" > "$WORK/users" <<'SQL'
SELECT u.id, u.username, md5('bench-ws-session:' || u.id)::uuid, (SELECT string_agg(role, ',') FROM user_roles r WHERE r.user_id = u.id)
FROM (SELECT n, md5('bench-student:' || n)::uuid AS id FROM generate_series(1, :n) n UNION ALL SELECT :n + 1, :'teacher'::uuid) s
JOIN users u ON u.id = s.id ORDER BY s.n;
SQL
JWT_SECRET=$JWT_SECRET node ws/token.js < "$WORK/users" > "$WORK/all-tokens"
head -n "$CLIENTS" "$WORK/all-tokens" > "$WORK/tokens"
TEACHER_TOKEN=$(tail -1 "$WORK/all-tokens" | cut -f2)
me=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/users/me" -H "Authorization: Bearer $TEACHER_TOKEN")
[ "$me" = 200 ] || { echo "bench: a token signed here was answered $me: set JWT_SECRET to the server's" >&2; exit 1; }
sql "SELECT student_id FROM class_enrolments WHERE class_id = '$CLASS60'" > "$WORK/class60"
class_size=$(wc -l < "$WORK/class60")

# plan SERVER: the rounds clients.js runs against SERVER (spark | reference): warm-ups, then the measured ones
plan() {
  python3 - "$1" "$BASE" "$REF_PORT" "$TEACHER_TOKEN" "$CLASS60" "$ALL_CLASS" "$TEACHER" "$class_size" "$CLIENTS" \
    "$WARMUP_CLASS" "$WARMUP_ALL" "$ROUNDS_CLASS" "$ROUNDS_ALL" "$WORK/class60" <<'PY'
import json, sys, uuid
server, base, ref_port, token, class60, all_class, teacher, size, clients, wc, wa, rc, ra, members = sys.argv[1:]
members = open(members).read().split()
text = "Bench message #bench-ws-{tag}"
def spark(class_id, n):
    return {"url": f"{base}/api/v1/classes/{class_id}/messages", "expect": n,
            "headers": {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            "body": json.dumps({"text": text})}
def ref(class_id, to, n):
    return {"url": f"http://127.0.0.1:{ref_port}/notify", "expect": n, "headers": {"Content-Type": "application/json"},
            "body": json.dumps({"to": to, "title": "Message from Bench Teacher 1", "body": text,
                                "data": {"classId": class_id, "messageId": str(uuid.uuid4()), "fromId": teacher}})}
c = spark(class60, int(size)) if server == "spark" else ref(class60, members, int(size))
a = spark(all_class, int(clients)) if server == "spark" else ref(all_class, "all", int(clients))
rounds = [dict(c, figure="class", measure=False) for _ in range(int(wc))] + [dict(a, figure="all", measure=False) for _ in range(int(wa))]
rounds += [dict(c, figure="class", measure=True) for _ in range(int(rc))] + [dict(a, figure="all", measure=True) for _ in range(int(ra))]
print(json.dumps({"rounds": rounds}))
PY
}

# heap_used_kib: Payara's heap in use after a full collection, in KiB
heap_used_kib() {
  "$JCMD" "$PID" GC.run >/dev/null && "$JCMD" "$PID" GC.run >/dev/null
  "$JCMD" "$PID" GC.heap_info | sed -nE 's/.* used ([0-9]+)K.*/\1/p' | head -1
}

# clients NAME URL: the clients against one server; their output in $WORK/NAME.out; measures Payara's heap around the
# connecting when NAME is spark
clients() {
  local name=$1 url=$2 signal="$WORK/$1.signal"
  mkdir -p "$signal"
  plan "$name" > "$WORK/$name.plan"
  [ "$name" = spark ] && HEAP_BEFORE=$(heap_used_kib)
  node ws/clients.js "$url" "$WORK/tokens" "$WORK/$name.plan" "$signal" > "$WORK/$name.out" &
  CLIENT_PID=$!
  while [ ! -f "$signal/connected" ]; do
    kill -0 "$CLIENT_PID" 2>/dev/null || { echo "bench: the clients stopped before connecting" >&2; cat "$WORK/$name.out" >&2; exit 1; }
    sleep 0.5
  done
  echo "  $(cat "$signal/connected")"
  if [ "$name" = spark ]; then
    sleep 2
    HEAP_AFTER=$(heap_used_kib)
    SERVER_FILES_OPEN=$(ls "/proc/$PID/fd" | wc -l)
  fi
  touch "$signal/go"
  wait "$CLIENT_PID" || { echo "bench: the clients failed" >&2; cat "$WORK/$name.out" >&2; exit 1; }
  CLIENT_PID=
}

echo "== $CLIENTS WebSocket clients, a class of $class_size and a class of all $CLIENTS: the reference, then Spark"
echo "reference: Node $(node --version), ws $(node -p "require('./ws/node_modules/ws/package.json').version") on port $REF_PORT"
node ws/reference-server.js "$REF_PORT" > "$WORK/ref.log" 2>&1 &
REF_PID=$!
for _ in $(seq 1 50); do ss -Hltn "sport = :$REF_PORT" | grep -q . && break; sleep 0.1; done
clients reference "ws://127.0.0.1:$REF_PORT/ws/notifications"
kill "$REF_PID"; wait "$REF_PID" 2>/dev/null || true; REF_PID=
echo "spark: $WS_URL (Payara pid $PID, $server_files files allowed)"
clients spark "$WS_URL"

# --- results -----------------------------------------------------------------------------------------------------
line() { grep "^figure=$2 " "$WORK/$1.out" || echo "figure=$2 received=0"; }
connected() { field connected "$(grep '^connect ' "$WORK/$1.out")"; }
printf '\n%-26s %9s %9s %9s %9s %9s %12s %10s %6s\n' "" "p50 ms" "p99 ms" "max ms" "last ms" "spread ms" "received" "answer ms" "bytes"
for fig in class all; do
  for srv in reference spark; do
    l=$(line "$srv" "$fig")
    label="$([ "$fig" = class ] && echo "class of $class_size" || echo "all $CLIENTS") $srv"
    printf '%-26s %9s %9s %9s %9s %9s %12s %10s %6s\n' "$label" "$(field p50_ms "$l")" "$(field p99_ms "$l")" "$(field max_ms "$l")" \
      "$(field last_ms "$l")" "$(field spread_ms "$l")" "$(field received "$l")/$(field expected "$l")" "$(field answer_ms "$l")" "$(field bytes "$l")"
  done
done
echo "(receipt times from the POST to each recipient, over $ROUNDS_CLASS and $ROUNDS_ALL rounds; last: median over rounds of the"
echo " time until the last recipient had it; spread: median over rounds of the first receipt to the last, the fan-out"
echo " alone; answer: median time to the POST's answer, which Spark gives once the notifications are committed)"
grep -h '^end ' "$WORK/reference.out" | sed 's/^/reference: /'
grep -h '^end ' "$WORK/spark.out" | sed 's/^/spark:     /'
sc=$(connected spark)
per_conn=$(python3 -c "print(f'{($HEAP_AFTER - $HEAP_BEFORE) / max(1, $sc):.1f}')")
echo "heap per connection: $per_conn KiB (after a full GC: $((HEAP_BEFORE / 1024)) MiB before connecting, $((HEAP_AFTER / 1024)) MiB with $sc connected)"
echo "Payara: $SERVER_FILES_OPEN files open with the clients connected, $server_files allowed"
echo
verdict "class of $class_size: p99 Spark / reference" "$(field p99_ms "$(line spark class)")" "$(field p99_ms "$(line reference class)")" le 2
verdict "all $CLIENTS: p99 Spark / reference" "$(field p99_ms "$(line spark all)")" "$(field p99_ms "$(line reference all)")" le 2
check "heap per connection under 64 KiB" "$(python3 -c "print(1 if $per_conn < 64 else 0)")" "$per_conn KiB"
for srv in reference spark; do
  ok=1; detail=""
  [ "$(connected $srv)" = "$CLIENTS" ] || ok=0
  for fig in class all; do
    l=$(line "$srv" "$fig")
    [ "$(field received "$l")" = "$(field expected "$l")" ] && [ "$(field duplicates "$l")" = 0 ] || ok=0
    detail+="$fig $(field received "$l")/$(field expected "$l"), $(field duplicates "$l") twice; "
  done
  check "$srv: $CLIENTS connected, every notification received once" "$ok" "$(connected $srv) connected; ${detail%; }"
done
finish notifications
