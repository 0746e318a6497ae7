# Helpers the bench scripts share; sourced from bench/ (each script cds there first). Sets DATABASE_URL and REDIS_URL
# to the server's (the environment's, else .env's, else the local defaults) and COURSES to the bench courses' ids;
# VERDICT_WIDTH (40; a script sets its own after sourcing) is the label column of verdict lines; missed targets and
# failed checks are counted in FAILS.

# env_default NAME: NAME's value in ../.env (the server's settings), empty when unset
env_default() { [ -f ../.env ] && sed -n "s/^$1=//p" ../.env | tail -1 | tr -d '"'"'" || true; }
DATABASE_URL=${DATABASE_URL:-$(env_default DATABASE_URL)}
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@localhost:5432/project_spark}
REDIS_URL=${REDIS_URL:-$(env_default REDIS_URL)}
REDIS_URL=${REDIS_URL:-redis://localhost:6379}
# the two courses of the bench school (data/bench-data.sql), as an SQL list
COURSES="'be4c0000-0000-4000-8000-0000000c0001','be4c0000-0000-4000-8000-0000000c0002'"

# json EXPR: EXPR of the JSON document on stdin, as d
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# field KEY LINE: a value of the key=value line a load generator (LoadGen, SyncRush) prints
field() { sed -E "s/.*(^| )$1=([^ ]+).*/\2/" <<< "$2"; }
# login USERNAME PASSWORD: an access token from BASE
login() {
  curl -fsS -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$2\"}" | json 'd["accessToken"]'
}
sql() { psql "$DATABASE_URL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

# require_tools PACKAGES TOOL...: stops the bench unless every TOOL is installed (PACKAGES: the Debian packages to name)
require_tools() {
  local packages=$1 tool; shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install $packages)" >&2; exit 1; }
  done
}

# tool CLASS ARGS...: runs one of the bench's Java tools (LoadGen, SyncRush; both speak HTTP through Http1.java),
# compiled into results/classes (git-ignored) when a source is newer than the last build
TOOLS=results/classes
tool() { java -cp "$TOOLS" "$@"; }
if [ ! -f "$TOOLS/.built" ] || [ -n "$(find Http1.java LoadGen.java SyncRush.java -newer "$TOOLS/.built")" ]; then
  rm -rf "$TOOLS" && mkdir -p "$TOOLS" && javac -d "$TOOLS" Http1.java LoadGen.java SyncRush.java && touch "$TOOLS/.built" \
    || { echo "bench: compiling the bench tools (javac) failed" >&2; exit 1; }
fi

# cpu_mark, then cpu_since MARK: the CPU PostgreSQL and Payara spent in between (cpu.py's format, for cpu.py per)
cpu_mark() { python3 cpu.py; }
cpu_since() { python3 cpu.py "$1" "$(python3 cpu.py)"; }

# warmed_up ROUND RATE PREVIOUS: true once ROUND reached WARMUP_ROUNDS and RATE is less than 10 % above PREVIOUS
# (a server still compiling gains more than that a round)
warmed_up() { [ "$1" -ge "$WARMUP_ROUNDS" ] && python3 -c "import sys; sys.exit(0 if $2 < 1.1 * $3 else 1)"; }

FAILS=0
VERDICT_WIDTH=40
# verdict LABEL VALUE REFERENCE ge|le TARGET: prints the ratio and PASS/FAIL, counts failures
verdict() {
  local line
  line=$(python3 - "$VERDICT_WIDTH" "$@" <<'PY'
import sys
width, label, value, ref, op, target = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], float(sys.argv[6])
r = value / ref if ref else float('inf')
ok = r >= target if op == 'ge' else r <= target
print(f"{label:<{width}} {r:6.2f}x (target {'>=' if op == 'ge' else '<='} {target:g}x): {'PASS' if ok else 'FAIL'}")
PY
)
  echo "$line"
  [[ $line == *PASS ]] || FAILS=$((FAILS + 1))
}
# check LABEL OK [DETAIL]: a correctness check's PASS (OK is 1) or FAIL line, failures counted
check() {
  if [ "$2" = 1 ]; then echo "$1: PASS${3:+ ($3)}"; else echo "$1: FAIL${3:+ ($3)}"; FAILS=$((FAILS + 1)); fi
}
# finish NAME: the bench's verdict line; exits 1 when a target was missed or a check failed
finish() {
  echo
  if [ "$FAILS" = 0 ]; then echo "$1 bench: every target met"; else echo "$1 bench: $FAILS target(s) missed"; exit 1; fi
}

# require_server HINT: stops the bench unless a server answers ready at BASE
require_server() {
  curl -fsS "$BASE/health/ready" >/dev/null || { echo "bench: no ready server at $BASE (start it with $1)" >&2; exit 1; }
}

# load_bench_data: the bench school in DATABASE_URL, loaded when missing (data/load.sh, which also vacuums and
# analyzes a database whose autovacuum is off), and the leaderboards cached in REDIS_URL cleared after a load.
# data/load.sh reads STUDENTS and DAYS as the size of the set to load.
load_bench_data() { CLEAR_CACHES=1 DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" data/load.sh; }
bench_students() { sql "SELECT count(*) FROM users WHERE username LIKE 'bench-student-%'"; }

# fresh_stats TABLE...: ANALYZE the tables a run has just filled, right before a check reads them. With autovacuum off
# (this machine's PostgreSQL), the planner otherwise works from the statistics of the last ANALYZE, taken by
# data/load.sh before the run while sync_events was nearly empty: it then planned the sync check's join of the sent
# events to sync_events as a nested loop reading one whole table for every row of the other, which ran for many
# minutes, where with fresh statistics it is a hash join of a few seconds.
fresh_stats() { sql "ANALYZE $(IFS=,; echo "$*")" >/dev/null; }

# answer_sets: six answer sets for each bench quiz, built from its answer key: bit n of a mask says whether the
# question at position n is answered right (all right; four right, three ways; three right; none right), so the
# runs grade a spread of scores and earn XP as a class does. One tab-separated line per set and quiz, by set, then
# quiz: activity id, question count, answers (the JSON array a submission carries).
answer_sets() {
  psql "$DATABASE_URL" -X -q -At -F $'\t' -v ON_ERROR_STOP=1 <<SQL
SELECT a.id, count(*), '[' || string_agg(
         '{"questionId":"' || q.id || '",' || CASE
           WHEN q.type = 'TRUE_FALSE' THEN '"value":' ||
             CASE WHEN (v.mask >> q.position) & 1 = 1 THEN (q.answer_key::json ->> 'correctBoolean')
                  ELSE (NOT (q.answer_key::json ->> 'correctBoolean')::boolean)::text END
           WHEN q.type = 'NUMERIC' THEN '"number":' ||
             CASE WHEN (v.mask >> q.position) & 1 = 1 THEN (q.answer_key::json ->> 'number')
                  ELSE ((q.answer_key::json ->> 'number')::float8 + coalesce((q.answer_key::json ->> 'tolerance')::float8, 0) + 1000)::text END
           WHEN q.type = 'SHORT_TEXT' THEN '"text":' ||
             CASE WHEN (v.mask >> q.position) & 1 = 1 THEN (q.answer_key::json -> 'accepted' -> 0)::text
                  ELSE '"not the answer"' END
           ELSE '"options":' ||
             CASE WHEN (v.mask >> q.position) & 1 = 1 THEN (q.answer_key::json -> 'correctOptions')::text
                  ELSE '["' || (SELECT o ->> 'id' FROM json_array_elements(q.options::json) o
                                WHERE NOT (q.answer_key::json -> 'correctOptions')::jsonb ? (o ->> 'id') LIMIT 1) || '"]' END END
         || '}', ',' ORDER BY q.position) || ']'
FROM activities a JOIN lessons l ON l.id = a.lesson_id JOIN course_units u ON u.id = l.unit_id
JOIN questions q ON q.activity_id = a.id
CROSS JOIN (VALUES (1, -1), (2, 15), (3, 30), (4, 7), (5, 27), (6, 0)) v(n, mask)
WHERE u.course_id IN ($COURSES) AND a.type = 'QUIZ'
GROUP BY v.n, v.mask, a.id ORDER BY v.n, a.id;
SQL
}

# check_ledger: every student's XP equals their ledger (SUM(xp_events.points) = profiles.xp_points) and their level is
# the one the curve gives that XP (LevelCurve: level n+1 from round(100 n^1.5) XP); two check lines. Reads profiles
# and xp_events: a run that wrote them calls fresh_stats first.
check_ledger() {
  local checked mismatched levels_off
  read -r checked mismatched levels_off <<< "$(sql "
    SELECT count(*), count(*) FILTER (WHERE p.xp_points <> coalesce(x.xp, 0)),
           count(*) FILTER (WHERE p.level <> 1 + (SELECT max(n) FROM generate_series(greatest(0, c.n0 - 2), c.n0 + 2) n
                                                  WHERE floor(100 * power(n::float8, 1.5) + 0.5) <= p.xp_points))
    FROM profiles p JOIN user_roles r ON r.user_id = p.user_id AND r.role = 'STUDENT'
    LEFT JOIN (SELECT student_id, sum(points) AS xp FROM xp_events GROUP BY student_id) x ON x.student_id = p.user_id
    CROSS JOIN LATERAL (SELECT floor(power(p.xp_points / 100.0, 2.0 / 3))::int AS n0) c
    " | tr '|' ' ')"
  check "ledger consistent (SUM(xp_events.points) = profiles.xp_points)" "$([ "$mismatched" = 0 ] && echo 1)" \
    "$checked students, $mismatched mismatches"
  check "levels follow the curve (base 100, exponent 1.5)" "$([ "$levels_off" = 0 ] && echo 1)" \
    "$levels_off of $checked off$([ "$levels_off" = 0 ] || echo "; a server with other LEVEL_XP_* settings?")"
}

# pgbench_tps OUT, pgbench_failed OUT, pgbench_processed OUT: from the summary pgbench wrote to OUT (tps without
# connecting; failed is 0 when pgbench does not report it)
pgbench_tps() { sed -nE 's/^tps = ([0-9.]+) \(without initial connection time\)/\1/p' "$1"; }
pgbench_failed() { local n; n=$(sed -nE 's/^number of failed transactions: ([0-9]+).*/\1/p' "$1"); echo "${n:-0}"; }
pgbench_processed() { sed -nE 's/^number of transactions actually processed: ([0-9]+).*/\1/p' "$1"; }
# latencies LOG...: "p50 p95 p99 max" in ms (nearest rank) of the transactions in pgbench's logs (-l; the third field
# is the latency in microseconds)
latencies() {
  cat "$@" | awk '{print $3 / 1000}' | sort -n | awk '{a[NR] = $1} END {
    n = NR; split("0.50 0.95 0.99", p, " ")
    for (k = 1; k <= 3; k++) { i = int(n * p[k] + 0.999999); if (i < 1) i = 1; printf "%.2f ", a[i] }
    printf "%.2f\n", a[n] }'
}

# add_bench_teachers N CLASS_ID: bench-teacher-1 ... -N (password "bench password") teach CLASS_ID; the ones past the
# bench data's four are added to the bench school once (bench/data/load.sh --drop removes them with the rest)
add_bench_teachers() {
  psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 -v teachers="$1" -v class_id="$2" <<'SQL'
BEGIN;
CREATE TEMP TABLE extra ON COMMIT DROP AS
  SELECT t, md5('bench-teacher:' || t)::uuid AS id, 'bench-teacher-' || t AS username FROM generate_series(5, :teachers) t;
INSERT INTO users (id, username, email, password_hash, is_active, created_at, updated_at)
SELECT e.id, e.username, NULL, u.password_hash, true, now(), now()
FROM extra e CROSS JOIN (SELECT password_hash FROM users WHERE username = 'bench-teacher-1') u
ON CONFLICT DO NOTHING;
INSERT INTO user_roles (user_id, role) SELECT id, 'TEACHER' FROM extra ON CONFLICT DO NOTHING;
INSERT INTO profiles (id, user_id, display_name, locale, xp_points, level, time_zone, school_id, ranked, created_at, updated_at)
SELECT md5('bench-profile:' || id)::uuid, id, 'Bench Teacher ' || t, 'en', 0, 1, 'UTC', 'be4c0000-0000-4000-8000-000000000001',
       false, now(), now()
FROM extra ON CONFLICT DO NOTHING;
INSERT INTO class_teachers (class_id, teacher_id)
SELECT :'class_id'::uuid, md5('bench-teacher:' || t)::uuid FROM generate_series(1, :teachers) t ON CONFLICT DO NOTHING;
COMMIT;
SQL
}
