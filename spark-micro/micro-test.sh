#!/usr/bin/env bash
# ./spark micro-test: the WAR on Payara Micro, end to end. Starts spark-micro.war with `./spark micro` against a
# database of its own (dropped and created again, so the application's own start migrates it and loads the demo
# data), runs a smoke subset of the API (register, login, a quiz submission, a sync batch, /health/ready,
# /metrics, /openapi) on one, checks that the second process, started beside it, joined the first one's Data Grid
# and serves the same users, and that the daily maintenance timer, which fires on both, runs each job once
# (maintenance_runs).
#
# Settings (defaults in brackets): MICRO_TEST_DATABASE_URL [postgresql://postgres@localhost:5432/project_spark_micro_test],
# MICRO_TEST_REDIS_URL [redis://localhost:6379/2], MICRO_TEST_PORT [8180; the second process uses the next port],
# MICRO_TEST_GRID_PORT [6900; the Data Grid's first port, on 127.0.0.1], MICRO_TEST_TIMER_LEAD [240 s: how far ahead
# the timer is set; both processes must be ready by then], MICRO_TEST_READY_WITHIN [600 s]. Takes about LEAD + 1 minute.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DB_URL=${MICRO_TEST_DATABASE_URL:-postgresql://postgres@localhost:5432/project_spark_micro_test}
PORT1=${MICRO_TEST_PORT:-8180}
PORT2=$((PORT1 + 1))
GRID_PORT=${MICRO_TEST_GRID_PORT:-6900}
LEAD=${MICRO_TEST_TIMER_LEAD:-240}
READY_WITHIN=${MICRO_TEST_READY_WITHIN:-600}
LOGS=build/micro/test
mkdir -p "$LOGS"

say() { echo "micro-test: $*"; }
PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
fail() {
  echo "micro-test: FAILED: $*" >&2
  for f in "$LOGS"/micro-*.log; do echo "--- last lines of $f" >&2; tail -n 30 "$f" | cut -c1-400 >&2; done
  exit 1
}
trap stop_all EXIT

# --- a fresh, empty database (made here: two processes starting at once would both try) ---------
DB_NAME=${DB_URL##*/}
psql -q "${DB_URL%/*}/postgres" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
sql() { psql -qtAX "$DB_URL" -c "$1"; }

# The daily slot both processes will fire for: a whole minute, far enough ahead for both to be ready
SLOT_EPOCH=$(( ($(date +%s) + LEAD + 59) / 60 * 60 ))
SLOT_AT=$(date -u -d "@$SLOT_EPOCH" +%H:%M)
SLOT_ISO=$(date -u -d "@$SLOT_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

export DATABASE_URL=$DB_URL DATABASE_READ_URL= REDIS_URL=${MICRO_TEST_REDIS_URL:-redis://localhost:6379/2}
export SPARK_ENV=development DEMO_DATA=true MAINTENANCE_TIMERS_ENABLED=true
export MAINTENANCE_TIME_ZONE=UTC MAINTENANCE_DAILY_AT=$SLOT_AT
export DATA_GRID_NAME=spark-micro-test-$PORT1 DATA_GRID_INTERFACE=127.0.0.1
export SPARK_HEAP=${SPARK_HEAP:-512m}
# both find each other on loopback at the first process's Data Grid port (multicast may be off on lo)
GRID=(--clustermode "tcpip:127.0.0.1:$GRID_PORT" --nohostaware)

start() { # n port
  say "starting Payara Micro $1 on port $2"
  PORT=$2 ./spark micro --name "micro-$1" --startport $((GRID_PORT + $1 - 1)) "${GRID[@]}" > "$LOGS/micro-$1.log" 2>&1 &
  PIDS+=($!)
}
wait_ready() { # n port
  local started=$SECONDS
  until curl -fsS "http://localhost:$2/health/ready" >/dev/null 2>&1; do
    kill -0 "${PIDS[$1 - 1]}" 2>/dev/null || fail "Payara Micro $1 exited before it was ready"
    [ $((SECONDS - started)) -lt "$READY_WITHIN" ] || fail "Payara Micro $1 was not ready within $READY_WITHIN s"
    sleep 2
  done
  say "Payara Micro $1 ready ($((SECONDS - started)) s)"
}

# --- HTTP checks -------------------------------------------------------------------------------------------
BODY=$LOGS/body
call() { # method url [json] [token] -> prints the status, body in $BODY
  local args=(-s -o "$BODY" -w '%{http_code}' -X "$1" "$2")
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' -d "$3")
  [ -n "${4:-}" ] && args+=(-H "Authorization: Bearer $4")
  curl "${args[@]}"
}
expect() { # want-status what method url [json] [token]
  local want=$1 what=$2 got; shift 2
  got=$(call "$@")
  [ "$got" = "$want" ] || fail "$what: HTTP $got, expected $want: $(head -c 400 "$BODY")"
  say "ok  $what ($got)"
}
field() { sed -nE "s/.*\"$1\":\"?([^\",}]*).*/\1/p" "$BODY" | head -1; }
has() { grep -q -- "$1" "$BODY" || fail "$2: the answer lacks $1: $(head -c 400 "$BODY")"; }

# Both start at once, as a container platform starts two replicas: the second waits for the first one's Liquibase
# lock and finds the schema up to date, and each joins the other's Data Grid
start 1 "$PORT1"
start 2 "$PORT2"
wait_ready 1 "$PORT1"
[ "$(sql "SELECT count(*) FROM databasechangelog")" -gt 0 ] || fail "the application's start did not migrate the database"
say "ok  Liquibase ran at the application's start ($(sql "SELECT count(*) FROM databasechangelog") changesets)"

API=http://localhost:$PORT1/api/v1
expect 200 "GET /health/ready" GET "http://localhost:$PORT1/health/ready"; has '"UP"' "/health/ready"
user="micro-$(date +%s)-$RANDOM"
expect 201 "register $user" POST "$API/auth/register" "{\"username\":\"$user\",\"password\":\"correct horse battery\",\"displayName\":\"Micro Test\"}"
expect 200 "login" POST "$API/auth/login" "{\"username\":\"$user\",\"password\":\"correct horse battery\"}"
token=$(field accessToken); [ -n "$token" ] || fail "login gave no accessToken"
expect 200 "GET /users/me" GET "$API/users/me" "" "$token"; has "\"username\":\"$user\"" "/users/me"
# the demo school's first Fractions quiz (liquibase/.../008-demo-data.sql), nothing answered: graded, 0 %
quiz=5c400013-0000-4000-8000-000000001112
expect 201 "quiz submission" POST "$API/activities/$quiz/submissions" "{\"clientSubmissionId\":\"$(cat /proc/sys/kernel/random/uuid)\",\"answers\":[]}" "$token"
has '"attempt":1' "the quiz submission"
device="micro-tab-$RANDOM"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
expect 200 "sync batch" POST "$API/sync/events" "{\"deviceId\":\"$device\",\"events\":[{\"id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"sequence\":1,\"type\":\"QUIZ_SUBMITTED\",\"deviceTime\":\"$now\",\"data\":{\"activityId\":\"$quiz\",\"startedAt\":\"$now\",\"answers\":[]}}]}" "$token"
has '"status":"APPLIED"' "the sync batch's result"
expect 200 "GET /metrics" GET "http://localhost:$PORT1/metrics"; has 'mp_scope="base"' "/metrics"
# the first request builds the document: it must not fail (mp.openapi.scan.beanvalidation in spark-ejb's settings)
expect 200 "GET /openapi" GET "http://localhost:$PORT1/openapi"; has 'paths:' "/openapi"; has '  /api/v1/auth/login:' "/openapi"

# --- the second process; the timer fires on both and each job runs once -----------------------------------------
wait_ready 2 "$PORT2"
expect 200 "the first process's token on the second" GET "http://localhost:$PORT2/api/v1/users/me" "" "$token"
grep -q 'DG Size: 2' "$LOGS/micro-1.log" "$LOGS/micro-2.log" || fail "the two processes did not form one Data Grid"
say "ok  the second process joined the Data Grid (2 members)"
[ "$(date +%s)" -lt "$SLOT_EPOCH" ] || fail "both processes were ready only after the timer's time ($SLOT_AT UTC); raise MICRO_TEST_TIMER_LEAD"

jobs="'analyze','purge-read-notifications','purge-sync-logs','notify-inactive-children','refresh-class-summary'"
say "waiting for the daily timer at $SLOT_AT UTC on both processes"
until [ "$(sql "SELECT count(*) FROM maintenance_runs WHERE job IN ($jobs) AND last_slot = '$SLOT_ISO' AND last_finished_at IS NOT NULL")" = 5 ]; do
  [ "$(date +%s)" -lt $((SLOT_EPOCH + 180)) ] || fail "the daily jobs did not all run for the slot $SLOT_ISO: $(sql "SELECT job, last_slot, runs FROM maintenance_runs")"
  sleep 3
done
sleep 10 # the other process's firing, had it claimed a job too, has finished by now
runs=$(sql "SELECT string_agg(job || '=' || runs || '@' || last_instance, ' ' ORDER BY job) FROM maintenance_runs WHERE job IN ($jobs)")
[ "$(sql "SELECT count(*) FROM maintenance_runs WHERE job IN ($jobs) AND runs = 1")" = 5 ] || fail "a daily job ran more than once: $runs"
grep -q "Maintenance daily at $SLOT_AT" "$LOGS/micro-1.log" && grep -q "Maintenance daily at $SLOT_AT" "$LOGS/micro-2.log" \
  || fail "a process did not set the daily timer"
say "ok  the daily timer fired on both processes; each job ran once: $runs"
say "PASSED"
