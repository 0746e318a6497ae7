#!/usr/bin/env bash
# Offline sync, the morning rush, against a running server (./spark run) whose database holds the bench
# school (bench/data: loaded here when missing). STUDENTS bench students (the highest-numbered, so the other
# benches' students are left alone) each upload one batch of EVENTS_PER_STUDENT offline events (20% LESSON_OPENED,
# 56% PROGRESS, 24% QUIZ_SUBMITTED with answers right and wrong, dated between the device's registration and now)
# through POST /api/v1/sync/events, gzip, CONCURRENCY clients at once (bench/SyncRush.java):
#   1. the rush: 2,000 x 50 = 100,000 events, 50 clients: total time, events/s, p50/p95/p99/max per batch. Then
#      checked in SQL: every event sent is in sync_events exactly once (lost 0), applied once (duplicated 0: one
#      sync_events row, one submission per quiz event, attempts = submissions), nothing rejected or flagged
#      implausible, and the XP ledger holds for every student: SUM(xp_events.points) = profiles.xp_points.
#   2. the reference, in the same run and database: raw PostgreSQL inserting as many rows (sync_events' columns)
#      in batches of 50 with INSERT ... ON CONFLICT (id) DO NOTHING, pgbench with the same clients, into a scratch
#      copy of sync_events (bench_sync_reference, dropped after). Target: API events/s >= 0.2x its rows/s. Printed
#      too (cpu.py): the CPU PostgreSQL and Payara spend per event in the rush, and PostgreSQL per reference row.
#   2b. for information, the floor: PostgreSQL alone writing, set-based and one transaction per batch, the rows the
#      rush's applied batches write (events with results, submissions, progress, ledger lines, profile, session log,
#      change-log rows) into scratch copies (bench_floor_*, dropped after): what a server costing nothing would reach.
#   3. the rush again with new events (the next sequences), every batch POSTed twice (half the copies side by
#      side, so in flight together): each event applied once and answered DUPLICATE once, the same checks.
#   4. run 1's batches sent again (the same event ids): every event answered DUPLICATE, nothing held or applied
#      again; for information, its events/s against the reference and its CPU per event (an upload's work around
#      the applying).
# Every check reads the tables the run has just filled on fresh statistics (fresh_stats in common.sh says why).
#
# The general API limit would stop a load test (the sign-ins come from one address), so start the server for it
# with a high one:
#   RATE_LIMIT_MAX=100000000 ./spark run          (then, in another shell)   bench/sync.sh
# (Anonymous requests, sign-ins among them, are limited per client address: at the default 100 per 15 minutes
# the sign-ins alone would take five hours.) Each student signs in once (Argon2: LOGIN_CONCURRENCY at a time);
# the tokens are kept in TOKEN_CACHE and reused for 50 minutes, so a second run within the hour signs nobody in
# (a cached token the server refuses 401 is dropped and its student signed in again). A sign-in refused 429
# stops the bench; the tokens got so far stay cached, so the next run goes on from there.
# Options (environment): BASE (http://localhost:8080), STUDENTS (2000), EVENTS_PER_STUDENT (50), CONCURRENCY (50),
# LOGIN_CONCURRENCY (4), WARMUP_BATCHES (1000: batches of the first students from another device, not measured;
# the JIT needs them on 2 cores) sent WARMUP_ROUNDS (2) times, then again while the warm-up's rate still rises by
# 10 % or more a round, at most MAX_WARMUP_ROUNDS (5) times (a freshly started server is still compiling after the
# first thousand batches), DEVICE (bench-sync-1), TOKEN_CACHE (results/sync-tokens.tsv, under bench/: git-ignored),
# DATABASE_URL (the server's: .env's, else postgresql://postgres@localhost:5432/project_spark), REDIS_URL (likewise,
# redis://localhost:6379; only to clear cached leaderboards after loading the bench data). Needs java 17+,
# python3, psql and pgbench (Debian: postgresql-client).
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
VERDICT_WIDTH=38
BASE=${BASE:-http://localhost:8080}
STUDENTS=${STUDENTS:-2000}
EVENTS_PER_STUDENT=${EVENTS_PER_STUDENT:-50}
CONCURRENCY=${CONCURRENCY:-50}
LOGIN_CONCURRENCY=${LOGIN_CONCURRENCY:-4}
WARMUP_BATCHES=${WARMUP_BATCHES:-1000}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-2}
MAX_WARMUP_ROUNDS=${MAX_WARMUP_ROUNDS:-5}
DEVICE=${DEVICE:-bench-sync-1}
TOKEN_CACHE=${TOKEN_CACHE:-results/sync-tokens.tsv}
WORK=$(mktemp -d)
REF_TABLE=0
FLOOR_TABLES=0
DROP_FLOOR='DROP TABLE IF EXISTS bench_floor_events, bench_floor_submissions, bench_floor_progress, bench_floor_xp, bench_floor_changes, bench_floor_profiles, bench_floor_logs; DROP FUNCTION IF EXISTS bench_floor_change()'
cleanup() {
  if [ "$REF_TABLE" = 1 ]; then psql "$DATABASE_URL" -X -q -c 'DROP TABLE IF EXISTS bench_sync_reference' >/dev/null 2>&1 || true; fi
  if [ "$FLOOR_TABLES" = 1 ]; then psql "$DATABASE_URL" -X -q -c "$DROP_FLOOR" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# chosen_sql: runs the SQL on stdin in a session holding the students of the run in temp table chosen(username, user_id)
# (analyzed: a temp table has no statistics until then)
chosen_sql() {
  { echo "CREATE TEMP TABLE chosen (username text, user_id uuid PRIMARY KEY);"
    echo "\\copy chosen FROM '$WORK/chosen.tsv'"
    echo "ANALYZE chosen;"
    cat; } | psql "$DATABASE_URL" -X -q -At -F ' ' -v ON_ERROR_STOP=1 -f -
}
row() { printf '%-46s %8s %9s %10s %9s %9s %9s %9s\n' "$@"; }
head_row() { row "" "events" "seconds" "per s" "p50 ms" "p95 ms" "p99 ms" "max ms"; }
row_of() { row "$1" "$(field events "$2")" "$(field seconds "$2")" "$(field events_per_s "$2")" "$(field p50_ms "$2")" \
  "$(field p95_ms "$2")" "$(field p99_ms "$2")" "$(field max_ms "$2")"; }
now_ms() { date +%s%3N; }

require_server "RATE_LIMIT_MAX=100000000 ./spark run"
require_tools "postgresql-client" java python3 psql pgbench
for n in STUDENTS EVENTS_PER_STUDENT CONCURRENCY LOGIN_CONCURRENCY WARMUP_BATCHES WARMUP_ROUNDS MAX_WARMUP_ROUNDS; do
  [[ ${!n} =~ ^[0-9]+$ ]] || { echo "bench: $n must be a whole number" >&2; exit 2; }
done
[ "$STUDENTS" -ge 1 ] && [ "$EVENTS_PER_STUDENT" -ge 5 ] && [ "$CONCURRENCY" -ge 1 ] \
  || { echo "bench: STUDENTS and CONCURRENCY must be at least 1, EVENTS_PER_STUDENT at least 5" >&2; exit 2; }
STARTED_MS=$(now_ms)

# --- bench data, students, devices -------------------------------------------------------------------------
# (load.sh reads STUDENTS and DAYS as the data set's size: not ours to pass on)
(unset STUDENTS DAYS; load_bench_data)
total=$(bench_students)
[ "$total" -ge "$STUDENTS" ] || { echo "bench: only $total bench students for STUDENTS=$STUDENTS" >&2; exit 1; }
for n in $(seq $((total - STUDENTS + 1)) "$total"); do printf 'bench-student-%05d\n' "$n"; done > "$WORK/usernames"

echo "signing in $STUDENTS bench students (bench-student-$(printf '%05d' $((total - STUDENTS + 1))) .. $(printf '%05d' "$total")), $LOGIN_CONCURRENCY at a time, tokens cached in $TOKEN_CACHE ..."
mkdir -p "$(dirname "$TOKEN_CACHE")"

sign_in() {
  if ! out=$(tool SyncRush login "$BASE" "$WORK/usernames" "$TOKEN_CACHE" "$WORK/tokens" "$LOGIN_CONCURRENCY" 50); then
    echo "  $out"
    if [ "$(field retry_after "$out")" != "-" ]; then
      echo "bench: a sign-in was refused 429 (the general API limit, RATE_LIMIT_MAX, counts sign-ins per client address):" \
           "restart the server with RATE_LIMIT_MAX=100000000 ./spark run, or run again in $(field retry_after "$out") s;" \
           "the $(($(field cached "$out") + $(field signed_in "$out"))) tokens got so far are kept in $TOKEN_CACHE" >&2
    else
      echo "bench: could not sign in every student (see above)" >&2
    fi
    exit 1
  fi
  echo "  $out"
}
sign_in
echo "registering device $DEVICE for each student ..."
out=$(tool SyncRush register "$BASE" "$WORK/tokens" "$DEVICE" "$CONCURRENCY" "$WORK/students") || true
if [ -s "$WORK/students.401" ]; then # cached tokens of sessions that ended (data reloaded, signed out): sign those in again
  echo "  $(wc -l < "$WORK/students.401") cached token(s) refused 401; signing those students in again"
  awk -F'\t' 'NR == FNR { gone[$1] = 1; next } !($1 in gone)' "$WORK/students.401" "$TOKEN_CACHE" > "$WORK/cache" \
    && cat "$WORK/cache" > "$TOKEN_CACHE"
  sign_in
  out=$(tool SyncRush register "$BASE" "$WORK/tokens" "$DEVICE" "$CONCURRENCY" "$WORK/students") || true
fi
[ "$(field registered "$out")" = "$STUDENTS" ] || { echo "  $out"; echo "bench: a device registration failed (see above)" >&2; exit 1; }
echo "  $out"
cut -f1,2 "$WORK/tokens" > "$WORK/chosen.tsv"
limit=$(field rate_limit "$out")
if [[ $limit =~ ^[0-9]+$ ]] && [ "$limit" -lt 10000000 ]; then
  echo "  (note: the server's RATE_LIMIT_MAX is $limit; a full run needs RATE_LIMIT_MAX=100000000 ./spark run: any 429 below fails it)"
fi
# the server must be on DATABASE_URL: the devices just registered must be there
held=$(chosen_sql <<SQL
SELECT count(*) FROM sync_devices d JOIN chosen c ON c.user_id = d.user_id WHERE d.device_id = '$DEVICE';
SQL
)
[ "$held" = "$STUDENTS" ] || { echo "bench: the server at $BASE does not use $DATABASE_URL ($held of $STUDENTS devices there); set DATABASE_URL" >&2; exit 1; }

# --- what the students learn: the bench courses' lessons and activities, answer sets for each quiz -----------
# SyncRush's content file: "activity LESSON ACTIVITY TYPE" lines in course order, then "quiz ACTIVITY QUESTIONS ANSWERS"
psql "$DATABASE_URL" -X -q -At -F $'\t' -v ON_ERROR_STOP=1 > "$WORK/content" <<SQL
SELECT 'activity', l.id, a.id, a.type
FROM activities a JOIN lessons l ON l.id = a.lesson_id JOIN course_units u ON u.id = l.unit_id
WHERE u.course_id IN ($COURSES) ORDER BY u.course_id, u.position, l.position, a.position;
SQL
answer_sets | sed 's/^/quiz\t/' >> "$WORK/content"
grep -q '^quiz' "$WORK/content" || { echo "bench: no bench quizzes in the database" >&2; exit 1; }
echo "content: $(grep -c '^activity' "$WORK/content") activities in $(grep '^activity' "$WORK/content" | cut -f2 | sort -u | wc -l) lessons," \
     "$(grep '^quiz' "$WORK/content" | cut -f2 | sort -u | wc -l) quizzes (bench courses)"

# sequences go on from what the device already sent (an earlier run)
FIRST_SEQ=$(chosen_sql <<SQL
SELECT coalesce(max(e.sequence), 0) + 1 FROM sync_events e JOIN chosen c ON c.user_id = e.user_id WHERE e.device_id = '$DEVICE';
SQL
)
# rush RUN COPIES FIRST_SEQ FROM_MS [STUDENTS_FILE DEVICE]: one upload run; prints SyncRush's line. RUSH_SEED, when set,
# makes its event ids (the same seed, students and sequences make the same batches again)
rush() {
  tool SyncRush upload "base=$BASE" "students=${5:-$WORK/students}" "content=$WORK/content" "device=${6:-$DEVICE}" \
    "concurrency=$CONCURRENCY" "events=$EVENTS_PER_STUDENT" "first-seq=$3" "copies=$2" "from=$4" "sent=$WORK/sent-$1" ${RUSH_SEED:+"seed=$RUSH_SEED"} \
    2> "$WORK/rush-$1.err" || { cat "$WORK/rush-$1.err" >&2; echo "bench: the upload run $1 failed" >&2; return 1; }
}

# --- warm-up: another device of the first students, not measured ----------------------------------------------
if [ "$WARMUP_BATCHES" -gt 0 ]; then
  w=$((WARMUP_BATCHES < STUDENTS ? WARMUP_BATCHES : STUDENTS))
  echo "warming up: $w batches from device $DEVICE-warmup a round, at least $WARMUP_ROUNDS rounds, then until their rate stops rising (at most $MAX_WARMUP_ROUNDS) ..."
  head -n "$w" "$WORK/tokens" > "$WORK/warm-tokens"
  tool SyncRush register "$BASE" "$WORK/warm-tokens" "$DEVICE-warmup" "$CONCURRENCY" "$WORK/warm-students" >/dev/null \
    || { echo "bench: registering the warm-up device failed" >&2; exit 1; }
  previous=0
  for round in $(seq "$MAX_WARMUP_ROUNDS"); do
    warm_seq=$(chosen_sql <<SQL
SELECT coalesce(max(e.sequence), 0) + 1 FROM sync_events e JOIN chosen c ON c.user_id = e.user_id WHERE e.device_id = '$DEVICE-warmup';
SQL
)
    out=$(rush "warmup-$round" 1 "$warm_seq" $((STARTED_MS - 20 * 60000)) "$WORK/warm-students" "$DEVICE-warmup") || exit 1
    rate=$(field events_per_s "$out")
    echo "  round $round: $(field events "$out") events in $(field seconds "$out") s ($rate/s), http=$(field http "$out")"
    if warmed_up "$round" "$rate" "$previous"; then
      break
    fi
    previous=$rate
  done
fi

# raw_sql NAME: PostgreSQL alone running $WORK/NAME.sql with pgbench, the rush's clients, after a checkpoint; latencies
# logged to $WORK/NAME-latency.*, output in $WORK/NAME.out; sets RAW_TPS (without connecting), RAW_WALL_MS (with it)
# and RAW_CPU (cpu.py's difference)
raw_sql() {
  sql "CHECKPOINT" >/dev/null 2>&1 || true
  local cpu0 began; cpu0=$(cpu_mark); began=$(now_ms)
  (cd "$WORK" && pgbench -n -c "$PG_CLIENTS" -j 2 -t "$PG_TX" -f "$1.sql" -l --log-prefix="$1-latency" "$DATABASE_URL" > "$WORK/$1.out" 2>&1) \
    || { cat "$WORK/$1.out"; echo "bench: pgbench ($1) failed" >&2; exit 1; }
  RAW_WALL_MS=$(( $(now_ms) - began ))
  RAW_CPU=$(cpu_since "$cpu0")
  RAW_TPS=$(pgbench_tps "$WORK/$1.out")
}

# exact RUN COPIES LINE: is every event of the run held once and applied once? (prints PASS/FAIL lines)
exact() {
  local run=$1 copies=$2 line=$3 events applied duplicate rejected retries
  events=$(field events "$line"); applied=$(field applied "$line"); duplicate=$(field duplicate "$line")
  rejected=$(field rejected "$line"); retries=$(field retries "$line")
  # the run just wrote these; the queries below join them by the hundred thousand
  fresh_stats sync_events submissions student_progress xp_events profiles
  read -r sent sent_twice missing other_owner held_applied held_rejected flagged rows_twice quiz_applied quiz_none quiz_twice attempts_off \
    <<< "$(chosen_sql <<SQL
CREATE TEMP TABLE sent (id uuid, user_id uuid, type text, sequence bigint);
\\copy sent FROM '$WORK/sent-$run'
ANALYZE sent;
SELECT (SELECT count(*) FROM sent), (SELECT count(*) - count(DISTINCT id) FROM sent),
       count(*) FILTER (WHERE e.id IS NULL), count(*) FILTER (WHERE e.user_id <> s.user_id),
       count(*) FILTER (WHERE e.outcome = 'APPLIED'), count(*) FILTER (WHERE e.outcome = 'REJECTED'),
       count(*) FILTER (WHERE coalesce(e.flags, '') <> ''),
       (SELECT count(*) FROM (SELECT e2.id FROM sync_events e2 JOIN sent s2 ON s2.id = e2.id GROUP BY e2.id HAVING count(*) > 1) d),
       q.applied, q.none, q.twice, a.off
FROM sent s LEFT JOIN sync_events e ON e.id = s.id
CROSS JOIN (SELECT count(*) AS applied, count(*) FILTER (WHERE n = 0) AS none, count(*) FILTER (WHERE n > 1) AS twice
            FROM (SELECT (SELECT count(*) FROM submissions sub WHERE sub.student_id = s3.user_id AND sub.client_submission_id = s3.id) AS n
                  FROM sent s3 JOIN sync_events e3 ON e3.id = s3.id AND e3.outcome = 'APPLIED'
                  WHERE s3.type = 'QUIZ_SUBMITTED') x) q
CROSS JOIN (SELECT count(*) FILTER (WHERE sp.attempts <> coalesce(n.n, 0)) AS off
            FROM student_progress sp JOIN chosen c ON c.user_id = sp.student_id
            LEFT JOIN (SELECT sub.student_id, sub.activity_id, count(*) AS n FROM submissions sub JOIN chosen c2 ON c2.user_id = sub.student_id
                       GROUP BY 1, 2) n ON n.student_id = sp.student_id AND n.activity_id = sp.activity_id) a
GROUP BY q.applied, q.none, q.twice, a.off;
SQL
)"
  echo "held in sync_events: $((sent - missing)) of $sent sent (APPLIED $held_applied, REJECTED $held_rejected, flagged $flagged);" \
       "quiz events applied $quiz_applied, their submissions: none for $quiz_none, several for $quiz_twice"
  check "lost 0" "$([ "$missing" = 0 ] && [ "$other_owner" = 0 ] && [ "$sent" = "$events" ] && [ "$sent_twice" = 0 ] && echo 1)" \
    "lost $missing of $sent$([ "$other_owner" = 0 ] || echo ", $other_owner held under another account")"
  local dup=$((rows_twice + quiz_twice + $(field applied_twice "$line")))
  check "duplicated 0" "$([ "$dup" = 0 ] && [ "$quiz_none" = 0 ] && [ "$attempts_off" = 0 ] && echo 1)" \
    "duplicated $dup: sync_events rows twice $rows_twice, quiz events with several submissions $quiz_twice, answered APPLIED/REJECTED twice $(field applied_twice "$line"); quiz events without their submission $quiz_none, attempts <> submissions $attempts_off"
  local want_dup=$((events * (copies - 1)))
  if [ "$retries" = 0 ]; then
    check "API answers: APPLIED+REJECTED = $events, DUPLICATE = $want_dup" \
      "$([ $((applied + rejected)) = "$events" ] && [ "$duplicate" = "$want_dup" ] && [ "$(field unanswered "$line")" = 0 ] && echo 1)" \
      "APPLIED $applied, REJECTED $rejected, DUPLICATE $duplicate, malformed receipts $(field malformed "$line")"
  else # a resent batch answers DUPLICATE for what its stopped send had applied
    check "API answers: APPLIED+REJECTED+DUPLICATE = $((events * copies)) ($retries sends retried)" \
      "$([ $((applied + rejected + duplicate)) = $((events * copies)) ] && [ "$(field unanswered "$line")" = 0 ] && echo 1)" \
      "APPLIED $applied, REJECTED $rejected, DUPLICATE $duplicate"
  fi
  check "API and database agree" "$([ "$held_applied" -ge "$applied" ] && [ "$held_rejected" -ge "$rejected" ] \
    && { [ "$retries" != 0 ] || { [ "$held_applied" = "$applied" ] && [ "$held_rejected" = "$rejected" ]; }; } && echo 1)" \
    "held APPLIED $held_applied / answered $applied, held REJECTED $held_rejected / answered $rejected"
  check "nothing rejected" "$([ "$held_rejected" = 0 ] && echo 1)" "$held_rejected rejected$([ "$held_rejected" = 0 ] || echo ": $(sort "$WORK/rush-$run.err" | grep '^rejected' | head -5 | paste -sd';')")"
  check "nothing flagged implausible" "$([ "$flagged" = 0 ] && echo 1)" "$flagged flagged$([ "$flagged" = 0 ] || echo ": $(grep '^flagged' "$WORK/rush-$run.err" | paste -sd';')")"
  check "every batch answered 200" "$([ "$(field http_errors "$line")" = 0 ] && echo 1)" \
    "answers $(field http "$line"), $retries resent, $(field http_errors "$line") failed$(grep '^first' "$WORK/rush-$run.err" | head -3 | sed 's/^/; /' | tr -d '\n')"
  check_ledger
}

# --- 1. the rush ----------------------------------------------------------------------------------------------
EVENTS=$((STUDENTS * EVENTS_PER_STUDENT))
echo
echo "== 1. morning rush: $STUDENTS students x $EVENTS_PER_STUDENT events = $EVENTS events, one gzip batch each, $CONCURRENCY clients (sequences $FIRST_SEQ..$((FIRST_SEQ + EVENTS_PER_STUDENT - 1)))"
sql "CHECKPOINT" >/dev/null 2>&1 || true
cpu_rush0=$(cpu_mark)
RUN1_SEED=$(now_ms); RUN1_FROM=$((STARTED_MS - 20 * 60000))
run1=$(RUSH_SEED=$RUN1_SEED rush 1 1 "$FIRST_SEQ" "$RUN1_FROM") || exit 1
cpu_rush=$(cpu_since "$cpu_rush0")
RUN1_DONE_MS=$(now_ms)
head_row
row_of "POST /sync/events (batches of $EVENTS_PER_STUDENT)" "$run1"
echo "batches: $(field batches "$run1"), gzip $(field gzip_bytes_per_batch "$run1") bytes each ($(field raw_bytes_per_batch "$run1") raw);" \
     "APPLIED $(field applied "$run1"), DUPLICATE $(field duplicate "$run1"), REJECTED $(field rejected "$run1");" \
     "HTTP $(field http "$run1"), resent $(field retries "$run1"), failed $(field http_errors "$run1")"
exact 1 1 "$run1"

# --- 2. the reference: raw inserts of as many rows, batches of 50, ON CONFLICT DO NOTHING ----------------------
echo
PG_CLIENTS=$((CONCURRENCY < STUDENTS ? CONCURRENCY : STUDENTS))
free=$(sql "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int - count(*) FROM pg_stat_activity")
if [ "$PG_CLIENTS" -gt $((free - 2)) ]; then
  echo "(note: PostgreSQL has $free free connections; pgbench runs $((free - 2)) clients instead of $PG_CLIENTS)"
  PG_CLIENTS=$((free - 2))
  [ "$PG_CLIENTS" -ge 1 ] || { echo "bench: no free PostgreSQL connections for the reference" >&2; exit 1; }
fi
PG_TX=$(((STUDENTS + PG_CLIENTS - 1) / PG_CLIENTS))
REF_ROWS=$((PG_CLIENTS * PG_TX * EVENTS_PER_STUDENT))
echo "== 2. reference: raw PostgreSQL, $REF_ROWS rows in transactions of one INSERT of $EVENTS_PER_STUDENT rows ... ON CONFLICT (id) DO NOTHING, pgbench $PG_CLIENTS clients x $PG_TX"
sql "SET client_min_messages = warning; DROP TABLE IF EXISTS bench_sync_reference"
REF_TABLE=1
sql "CREATE TABLE bench_sync_reference (LIKE sync_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
cat > "$WORK/ref.sql" <<SQL
\\set n random($((total - STUDENTS + 1)), $total)
INSERT INTO bench_sync_reference (id, user_id, device_id, sequence, type, device_time, received_at, receipt_id, outcome)
SELECT gen_random_uuid(), md5('bench-student:' || :n)::uuid, '$DEVICE', s,
       CASE WHEN s % 5 = 1 THEN 'LESSON_OPENED' WHEN s % 4 = 0 THEN 'QUIZ_SUBMITTED' ELSE 'PROGRESS' END,
       now() - ($EVENTS_PER_STUDENT - s) * interval '20 seconds', now(), r.id, 'APPLIED'
FROM generate_series(1, $EVENTS_PER_STUDENT) s CROSS JOIN (SELECT gen_random_uuid() AS id) r
ON CONFLICT (id) DO NOTHING;
SQL
raw_sql ref; cpu_ref=$RAW_CPU; tps=$RAW_TPS; ref_wall=$RAW_WALL_MS
ref_held=$(sql "SELECT count(*) FROM bench_sync_reference")
sql "DROP TABLE bench_sync_reference"; REF_TABLE=0
sql "CHECKPOINT" >/dev/null 2>&1 || true
failed=$(pgbench_failed "$WORK/ref.out")
read -r ref_p50 ref_p95 ref_p99 ref_max <<< "$(latencies "$WORK"/ref-latency.*)"
REF_RATE=$(python3 -c "print(f'{$tps * $EVENTS_PER_STUDENT:.1f}')")
REF_SECONDS=$(python3 -c "print(f'{$REF_ROWS / ($tps * $EVENTS_PER_STUDENT):.2f}')")
ref_line="events=$REF_ROWS seconds=$REF_SECONDS events_per_s=$REF_RATE p50_ms=$ref_p50 p95_ms=$ref_p95 p99_ms=$ref_p99 max_ms=$ref_max"
head_row
row_of "raw INSERT ... ON CONFLICT (ref, rows)" "$ref_line"
echo "pgbench: $(printf '%.1f' "$tps") transactions/s (without connecting; $(python3 -c "print(f'{$ref_wall / 1000:.2f}')") s wall with it), failed $failed, rows held $ref_held of $REF_ROWS"
check "reference inserted every row" "$([ "$ref_held" = "$REF_ROWS" ] && [ "$failed" = 0 ] && echo 1)" "$ref_held of $REF_ROWS"
row_of "POST /sync/events (run 1, events)" "$run1"
verdict "sync upload events/s vs raw inserts" "$(field events_per_s "$run1")" "$REF_RATE" ge 0.2
python3 cpu.py per "$cpu_rush" "$(field events "$run1")" event "$cpu_ref" "$REF_ROWS" "reference row"

# --- 2b. the floor (information): the rows an applied batch writes, by PostgreSQL alone ------------------------
# What the target leaves for the server: one transaction per batch writing, set-based (one statement per table), the
# rows the rush's batches write (measured: per 50 events, 50 events with their results, 12 submissions with answers
# and feedback, 10 progress rows moved, 5 ledger lines, the profile, the session log; the change-log rows by the same
# kind of trigger), into scratch copies of the tables with their indexes and checks (no foreign keys, as the
# reference), after locking the profile as the server does. No HTTP, JSON, grading or reads: a server that cost
# nothing would stop near this rate.
echo
QUIZZES=$((EVENTS_PER_STUDENT * 24 / 100)); MOVED=$((EVENTS_PER_STUDENT / 5)); LINES=$((EVENTS_PER_STUDENT / 10))
echo "== 2b. floor (information): PostgreSQL alone writing what an applied batch writes, set-based, one transaction per batch, pgbench $PG_CLIENTS clients x $PG_TX"
FLOOR_TABLES=1
sql "SET client_min_messages = warning; $DROP_FLOOR"
psql "$DATABASE_URL" -X -q -At -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE bench_floor_events (LIKE sync_events INCLUDING ALL);
CREATE TABLE bench_floor_submissions (LIKE submissions INCLUDING ALL);
CREATE TABLE bench_floor_progress (LIKE student_progress INCLUDING ALL);
CREATE TABLE bench_floor_xp (LIKE xp_events INCLUDING ALL);
CREATE TABLE bench_floor_changes (LIKE sync_changes INCLUDING ALL);
CREATE TABLE bench_floor_profiles (LIKE profiles INCLUDING ALL);
CREATE TABLE bench_floor_logs (LIKE sync_logs INCLUDING ALL);
INSERT INTO bench_floor_profiles SELECT * FROM profiles;
INSERT INTO bench_floor_progress (id, student_id, activity_id, status, percent, attempts, last_accessed)
SELECT gen_random_uuid(), md5('bench-student:' || n)::uuid, md5('bench-floor-activity:' || k)::uuid, 'IN_PROGRESS', 10, 0,
       now() - interval '2 days'
FROM generate_series($((total - STUDENTS + 1)), $total) n, generate_series(1, $MOVED) k;
CREATE FUNCTION bench_floor_change() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
  IF TG_TABLE_NAME = 'bench_floor_progress' THEN
    INSERT INTO bench_floor_changes (scope_id, entity, entity_key) VALUES (NEW.student_id, 'progress', NEW.activity_id::text);
  ELSE
    INSERT INTO bench_floor_changes (scope_id, entity, entity_key) VALUES (NEW.student_id, 'submission', NEW.id::text);
  END IF;
  RETURN NULL;
END \$\$;
CREATE TRIGGER bench_floor_progress_changed AFTER UPDATE ON bench_floor_progress FOR EACH ROW EXECUTE FUNCTION bench_floor_change();
CREATE TRIGGER bench_floor_submission_changed AFTER INSERT ON bench_floor_submissions FOR EACH ROW EXECUTE FUNCTION bench_floor_change();
ANALYZE bench_floor_progress, bench_floor_profiles;
SQL
result_bytes=$(sql "SELECT round(avg(length(result))) FROM (SELECT result FROM sync_events WHERE device_id = '$DEVICE' AND result IS NOT NULL LIMIT 5000) r")
cat > "$WORK/floor.sql" <<SQL
\\set n random($((total - STUDENTS + 1)), $total)
BEGIN;
SELECT xp_points FROM bench_floor_profiles WHERE user_id = md5('bench-student:' || :n)::uuid FOR UPDATE;
INSERT INTO bench_floor_events (id, user_id, device_id, sequence, type, device_time, received_at, receipt_id, outcome, result)
SELECT gen_random_uuid(), md5('bench-student:' || :n)::uuid, '$DEVICE', s,
       CASE WHEN s % 5 = 1 THEN 'LESSON_OPENED' WHEN s % 4 = 0 THEN 'QUIZ_SUBMITTED' ELSE 'PROGRESS' END,
       now() - ($EVENTS_PER_STUDENT - s) * interval '20 seconds', now(), r.id, 'APPLIED', repeat('r', ${result_bytes:-250})
FROM generate_series(1, $EVENTS_PER_STUDENT) s CROSS JOIN (SELECT gen_random_uuid() AS id) r
ON CONFLICT (id) DO NOTHING;
INSERT INTO bench_floor_submissions (id, client_submission_id, student_id, activity_id, attempt, answers, feedback, score,
                                     correct_count, question_count, xp_awarded, submitted_at)
SELECT gen_random_uuid(), gen_random_uuid(), md5('bench-student:' || :n)::uuid, md5('bench-floor-activity:' || s)::uuid, 1,
       repeat('a', 346), repeat('f', 347), 80, 4, 5, 10, now()
FROM generate_series(1, $QUIZZES) s;
UPDATE bench_floor_progress SET percent = LEAST(100, percent + 1), attempts = attempts + 1, last_accessed = now()
 WHERE student_id = md5('bench-student:' || :n)::uuid;
INSERT INTO bench_floor_xp (student_id, points, reason, source_id, created_at)
SELECT md5('bench-student:' || :n)::uuid, 10, 'QUIZ', gen_random_uuid(), now() FROM generate_series(1, $LINES);
UPDATE bench_floor_profiles SET xp_points = xp_points + 10 * $LINES WHERE user_id = md5('bench-student:' || :n)::uuid;
INSERT INTO bench_floor_logs (id, user_id, device_id, status, bytes_received, events_received, source, instance,
                              events_applied, events_duplicate, events_rejected, duration_ms, completed_at)
VALUES (gen_random_uuid(), md5('bench-student:' || :n)::uuid, '$DEVICE', 'COMPLETED', 4000, $EVENTS_PER_STUDENT, 'API', 'bench',
        $EVENTS_PER_STUDENT, 0, 0, 10, now());
COMMIT;
SQL
raw_sql floor; cpu_floor=$RAW_CPU; floor_tps=$RAW_TPS
floor_rows=$(sql "SELECT (SELECT count(*) FROM bench_floor_events) || ' events, ' || (SELECT count(*) FROM bench_floor_submissions)
  || ' submissions, ' || (SELECT count(*) FROM bench_floor_changes) || ' change-log rows, ' || (SELECT count(*) FROM bench_floor_xp) || ' ledger lines'")
sql "$DROP_FLOOR"; FLOOR_TABLES=0
sql "CHECKPOINT" >/dev/null 2>&1 || true
FLOOR_RATE=$(python3 -c "print(f'{$floor_tps * $EVENTS_PER_STUDENT:.1f}')")
floor_line="events=$REF_ROWS seconds=$(python3 -c "print(f'{$REF_ROWS / $FLOOR_RATE:.2f}')") events_per_s=$FLOOR_RATE p50_ms=- p95_ms=- p99_ms=- max_ms=-"
echo "floor: $FLOOR_RATE events/s ($(printf '%.1f' "$floor_tps") batches/s; written: $floor_rows): $(python3 -c "print(f'{$FLOOR_RATE / $REF_RATE:.2f}x')") of raw inserts"
python3 cpu.py per "$cpu_floor" "$REF_ROWS" event "$cpu_ref" "$REF_ROWS" "reference row"
echo "(information: the API reached $(python3 -c "print(f'{$(field events_per_s "$run1") / $FLOOR_RATE:.2f}x')") of this floor; 0.2x of raw inserts is $(python3 -c "print(f'{0.2 * $REF_RATE / $FLOOR_RATE:.2f}x')") of it)"

# --- 3. the rush again, every batch sent twice ---------------------------------------------------------------
SEQ2=$((FIRST_SEQ + EVENTS_PER_STUDENT))
echo
echo "== 3. the rush again, new events (sequences $SEQ2..$((SEQ2 + EVENTS_PER_STUDENT - 1))), every batch POSTed twice: $((2 * STUDENTS)) POSTs, $CONCURRENCY clients"
sql "CHECKPOINT" >/dev/null 2>&1 || true
run2=$(rush 2 2 "$SEQ2" "$RUN1_DONE_MS") || exit 1
head_row
row_of "POST /sync/events, each batch twice" "$run2"
echo "POSTs: $(field sends "$run2") ($(field batches_per_s "$run2")/s), the two copies in flight together for $(field together "$run2") of $(field batches "$run2") batches;" \
     "APPLIED $(field applied "$run2"), DUPLICATE $(field duplicate "$run2"), REJECTED $(field rejected "$run2");" \
     "HTTP $(field http "$run2"), resent $(field retries "$run2"), failed $(field http_errors "$run2")"
exact 2 2 "$run2"
echo "(information: new events/s, each batch twice, vs raw inserts: $(python3 -c "print(f'{$(field events_per_s "$run2") / $REF_RATE:.2f}x')"))"

# --- 4. run 1's batches sent again: every event already held -------------------------------------------------
# A device that never got its receipts sends its batches again, maybe days later: each event is answered DUPLICATE
# with its first result and nothing is applied again. For information, it also prices the work of an upload
# around the applying (HTTP, gzip, token, JSON in and out, the student's lock, the held-events read).
echo
echo "== 4. run 1's batches sent again (the same event ids): every event already held, $CONCURRENCY clients"
held_now() {
  chosen_sql <<SQL
SELECT (SELECT count(*) FROM sync_events e JOIN chosen c ON c.user_id = e.user_id) || ' events, '
    || (SELECT count(*) FROM submissions s JOIN chosen c ON c.user_id = s.student_id) || ' submissions, '
    || (SELECT coalesce(sum(p.xp_points), 0) FROM profiles p JOIN chosen c ON c.user_id = p.user_id) || ' XP';
SQL
}
held_before=$(held_now)
sql "CHECKPOINT" >/dev/null 2>&1 || true
cpu_again0=$(cpu_mark)
run4=$(RUSH_SEED=$RUN1_SEED rush 4 1 "$FIRST_SEQ" "$RUN1_FROM") || exit 1
cpu_again=$(cpu_since "$cpu_again0")
held_after=$(held_now)
head_row
row_of "POST /sync/events, run 1's batches again" "$run4"
check "the same event ids as run 1" "$(cmp -s "$WORK/sent-1" "$WORK/sent-4" && echo 1)" "$(cut -f1 "$WORK/sent-4" | sort -u | wc -l) ids"
check "resent: every event answered DUPLICATE" "$([ "$(field duplicate "$run4")" = "$EVENTS" ] && [ "$(field applied "$run4")" = 0 ] \
  && [ "$(field rejected "$run4")" = 0 ] && [ "$(field http_errors "$run4")" = 0 ] && [ "$(field unanswered "$run4")" = 0 ] && echo 1)" \
  "DUPLICATE $(field duplicate "$run4"), APPLIED $(field applied "$run4"), REJECTED $(field rejected "$run4"), HTTP $(field http "$run4")"
check "resent: nothing held or applied again" "$([ "$held_before" = "$held_after" ] && echo 1)" "before: $held_before; after: $held_after"
echo "(information: every event already held, vs raw inserts: $(python3 -c "print(f'{$(field events_per_s "$run4") / $REF_RATE:.2f}x')"))"
python3 cpu.py per "$cpu_again" "$EVENTS" event "$cpu_ref" "$REF_ROWS" "reference row"

# --- summary -----------------------------------------------------------------------------------------------------
echo
echo "== summary: $STUDENTS students x $EVENTS_PER_STUDENT events, $CONCURRENCY clients"
row "" "events" "seconds" "per s" "p50 ms" "p95 ms" "p99 ms" "max ms"
row_of "raw INSERT ... ON CONFLICT (ref, rows)" "$ref_line"
row_of "floor: a batch's writes, PostgreSQL alone" "$floor_line"
row_of "1. upload, gzip batches" "$run1"
row_of "3. upload, each batch twice (new events)" "$run2"
row_of "4. run 1's batches again (all held)" "$run4"
finish sync
