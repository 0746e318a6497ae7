#!/usr/bin/env bash
# Offline sync survives a crash: a batch of 5,000 events is uploaded, the server is killed with kill -9 while it is
# applying it, started again, and the device sends the same batch again. Checked in PostgreSQL afterwards: every
# event applied exactly once (none lost, none twice), the XP ledger equal to the profile, the interrupted session
# FAILED. It kills and restarts the server of ./spark run (domain "spark" in build/payara6), so run it against that:
#   ./spark run          (then, in another shell)          bench/sync-crash.sh
# Options (environment): BASE (http://localhost:8080), EVENTS (5000), DATABASE_URL (the server's: .env's, else
# postgresql://postgres@localhost:5432/project_spark), ADMIN_PORT (4848). Needs psql, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
env_default() { [ -f .env ] && sed -n "s/^$1=//p" .env | tail -1 | tr -d '"'"'" || true; }
BASE=${BASE:-http://localhost:8080}
EVENTS=${EVENTS:-5000}
ADMIN_PORT=${ADMIN_PORT:-4848}
DATABASE_URL=${DATABASE_URL:-$(env_default DATABASE_URL)}
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@localhost:5432/project_spark}
ASADMIN=build/payara6/bin/asadmin
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
sql() { psql "$DATABASE_URL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
server_pid() { pgrep -f "com.sun.aas.instanceRoot=.*/domains/spark" | head -1; }
# the application's own endpoint: the server's /health/ready answers before the application is deployed again
ready() { curl -fsS "$BASE/health/ready" >/dev/null 2>&1 && curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1; }

ready || { echo "sync-crash: no server at $BASE; start it with ./spark run" >&2; exit 1; }
[ -n "$(server_pid)" ] || { echo "sync-crash: the server at $BASE is not this checkout's ./spark run domain; refusing to kill anything" >&2; exit 1; }

# a fresh student and device
USERNAME="crash-$(date +%s)-$RANDOM"
curl -fsS -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"crash test password\",\"displayName\":\"Crash Test\"}" >/dev/null
LOGIN=$(curl -fsS -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"$USERNAME\",\"password\":\"crash test password\"}")
TOKEN=$(json 'd["accessToken"]' <<< "$LOGIN")
STUDENT=$(json 'd["user"]["id"]' <<< "$LOGIN")
curl -fsS -X PUT "$BASE/api/v1/sync/devices/crash-tablet" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{}' >/dev/null

# published readings and quizzes (with their question ids) to learn in
sql "SELECT a.id, a.type, COALESCE(string_agg(q.id::text, ',' ORDER BY q.position), '')
       FROM activities a JOIN lessons l ON l.id = a.lesson_id JOIN course_units u ON u.id = l.unit_id
       JOIN courses c ON c.id = u.course_id AND c.status = 'PUBLISHED'
       LEFT JOIN questions q ON q.activity_id = a.id
      WHERE a.type IN ('READING', 'QUIZ') GROUP BY a.id, a.type ORDER BY a.id LIMIT 40" > "$WORK/activities"
[ -s "$WORK/activities" ] || { echo "sync-crash: no published course in the database (the demo data loads with ./spark run)" >&2; exit 1; }

python3 - "$WORK" "$EVENTS" <<'PY'
import json, sys, uuid, datetime, random
work, n = sys.argv[1], int(sys.argv[2])
acts = [line.split('|') for line in open(f"{work}/activities").read().split('\n') if line]
readings = [a for a in acts if a[1] == 'READING']
quizzes = [a for a in acts if a[1] == 'QUIZ']
now = datetime.datetime.now(datetime.timezone.utc)
random.seed(6)
events, quiz_ids = [], []
for i in range(n):
    at = now - datetime.timedelta(seconds=(n - i) * 0.1)
    if i % 3 == 0 and quizzes:
        a = random.choice(quizzes)
        answers = [{"questionId": q, "value": True} for q in a[2].split(',') if q][:1]
        e = {"id": str(uuid.uuid4()), "sequence": i + 1, "type": "QUIZ_SUBMITTED", "deviceTime": at.isoformat(),
             "data": {"activityId": a[0], "startedAt": (at - datetime.timedelta(minutes=2)).isoformat(), "answers": answers}}
        quiz_ids.append(e["id"])
    else:
        a = random.choice(readings)
        e = {"id": str(uuid.uuid4()), "sequence": i + 1, "type": "PROGRESS", "deviceTime": at.isoformat(),
             "data": {"activityId": a[0], "percent": random.choice([20, 50, 80, 100])}}
    events.append(e)
json.dump({"deviceId": "crash-tablet", "events": events}, open(f"{work}/batch.json", "w"))
open(f"{work}/ids", "w").write("\n".join(e["id"] for e in events) + "\n")
open(f"{work}/quiz-ids", "w").write("\n".join(quiz_ids) + "\n")
PY
QUIZZES=$(grep -c . "$WORK/quiz-ids" || true)
echo "sync-crash: student $USERNAME, batch of $EVENTS events ($QUIZZES quiz submissions), $(stat -c %s "$WORK/batch.json") bytes"

upload() { # prints the HTTP status, 000 when the connection broke
  local code
  code=$(curl -sS -o "$1" -w '%{http_code}' --max-time 600 -X POST "$BASE/api/v1/sync/events" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' --data-binary @"$WORK/batch.json" 2>/dev/null) || true
  echo "${code:-000}"
}
held() { sql "SELECT count(*) FROM sync_events WHERE user_id = '$STUDENT'"; }

# 1. upload, and kill the server once part of the batch is committed
upload "$WORK/first.json" > "$WORK/first.status" &
UPLOAD=$!
PID=$(server_pid)
for _ in $(seq 1 3000); do
  N=$(held)
  if [ "$N" -gt 0 ] && [ "$N" -lt "$EVENTS" ]; then break; fi
  sleep 0.05
done
kill -9 "$PID"
BEFORE=$(held)
wait "$UPLOAD" || true
STATUS1=$(cat "$WORK/first.status"); [ "$STATUS1" -ge 200 ] 2>/dev/null && [ "$STATUS1" != 100 ] || STATUS1="nothing (the connection was cut)"
echo "sync-crash: killed the server (pid $PID, kill -9) with $BEFORE of $EVENTS events committed; the upload got $STATUS1"
[ "$BEFORE" -gt 0 ] && [ "$BEFORE" -lt "$EVENTS" ] || { echo "sync-crash: FAIL: the kill did not land in the middle of the batch" >&2; exit 1; }
RECEIPT=$(sql "SELECT id FROM sync_logs WHERE user_id = '$STUDENT' ORDER BY created_at LIMIT 1")

# 2. start it again and let the device retry
echo "sync-crash: starting the server again"
"$ASADMIN" --port "$ADMIN_PORT" start-domain spark >/dev/null
for _ in $(seq 1 240); do ready && break; sleep 1; done
ready || { echo "sync-crash: FAIL: the server did not come back" >&2; exit 1; }
STATUS=$(upload "$WORK/retry.json")
[ "$STATUS" = 200 ] || { echo "sync-crash: FAIL: the retry answered $STATUS: $(head -c 500 "$WORK/retry.json")" >&2; exit 1; }
read -r APPLIED DUPLICATE REJECTED < <(json 'd["applied"], d["duplicate"], d["rejected"]' < "$WORK/retry.json" | tr -d '(),')
echo "sync-crash: the retry: $APPLIED applied, $DUPLICATE duplicate (applied before the crash), $REJECTED rejected"

# 3. exactly once, nothing lost. The tables the upload filled are analyzed first: with autovacuum off (this machine's
# PostgreSQL) the planner would otherwise join the sent ids to sync_events on statistics taken before this upload (and
# before any bench that filled it).
psql "$DATABASE_URL" -X -q -At -v ON_ERROR_STOP=1 <<SQL > "$WORK/check"
CREATE TEMP TABLE sent (id uuid);
\copy sent FROM '$WORK/ids'
CREATE TEMP TABLE sent_quiz (id uuid);
\copy sent_quiz FROM '$WORK/quiz-ids'
ANALYZE sent, sent_quiz, sync_events, submissions, xp_events, profiles, sync_logs;
SELECT (SELECT count(*) FROM sent s WHERE NOT EXISTS (SELECT 1 FROM sync_events e WHERE e.id = s.id)),
       (SELECT count(*) FROM sync_events WHERE user_id = '$STUDENT') - (SELECT count(*) FROM sent),
       (SELECT count(*) FROM submissions WHERE student_id = '$STUDENT'),
       (SELECT count(*) FROM sent_quiz q JOIN submissions s ON s.client_submission_id = q.id AND s.student_id = '$STUDENT'),
       (SELECT COALESCE(SUM(points), 0) FROM xp_events WHERE student_id = '$STUDENT'),
       (SELECT xp_points FROM profiles WHERE user_id = '$STUDENT'),
       (SELECT status FROM sync_logs WHERE id = '$RECEIPT');
SQL
IFS='|' read -r LOST EXTRA SUBMISSIONS MATCHED LEDGER XP FIRST_STATUS < "$WORK/check"
echo
printf '%-52s %s\n' "events sent" "$EVENTS" "committed before kill -9" "$BEFORE" \
  "applied by the retry" "$APPLIED" "answered duplicate by the retry" "$DUPLICATE" \
  "events lost (sent, not held)" "$LOST" "events held beyond those sent" "$EXTRA" \
  "quiz submissions stored / sent" "$SUBMISSIONS / $QUIZZES ($MATCHED matched by id)" \
  "XP ledger sum / profile XP" "$LEDGER / $XP" "interrupted session's status" "$FIRST_STATUS"
FAILS=0
check() { if eval "$2"; then echo "PASS  $1"; else echo "FAIL  $1"; FAILS=$((FAILS + 1)); fi; }
echo
check "no event lost" "[ $LOST = 0 ]"
check "no event held twice or extra" "[ $EXTRA = 0 ]"
check "every event applied exactly once ($APPLIED + $DUPLICATE = $EVENTS, duplicates = committed before the kill)" \
  "[ $((APPLIED + DUPLICATE)) = $EVENTS ] && [ $DUPLICATE = $BEFORE ] && [ $REJECTED = 0 ]"
check "one submission per quiz event" "[ $SUBMISSIONS = $QUIZZES ] && [ $MATCHED = $QUIZZES ]"
check "XP ledger equals profile XP" "[ $LEDGER = $XP ]"
check "the interrupted session is FAILED" "[ $FIRST_STATUS = FAILED ]"
exit $FAILS
