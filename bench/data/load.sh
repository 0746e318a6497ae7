#!/usr/bin/env bash
# The bench data set (bench-data.sql: Bench School, 10,000 students, 2 courses, 90 days of quiz history):
#   bench/data/load.sh            load it into DATABASE_URL unless it is there (about a minute); prints row counts
#   bench/data/load.sh --check    check its invariants (ledger = totals, levels, grading, progress, streaks ...)
#   bench/data/load.sh --drop     remove it (drop-bench-data.sql)
# DATABASE_URL: postgresql://postgres@localhost:5432/project_spark unless set; the schema must be there
# (./spark migrate). Extra psql variables for a smaller set: STUDENTS=2000 DAYS=30 bench/data/load.sh
# After a load or a drop, a server on this database has cached leaderboards (Redis keys spark:lb:*, at
# REDIS_URL) that no longer match it: CLEAR_CACHES=1 deletes them so the server builds them again
# (bench/learning.sh does). Off by default: the Redis may serve other databases' servers too (tests).
# When the server runs with autovacuum off, a load (or a run finding the data there) also runs VACUUM (ANALYZE).
set -euo pipefail
cd "$(dirname "$0")"
DATABASE_URL=${DATABASE_URL:-postgresql://postgres@localhost:5432/project_spark}
REDIS_URL=${REDIS_URL:-redis://localhost:6379}
CLEAR_CACHES=${CLEAR_CACHES:-0}

run_psql() { psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

clear_caches() {
  [ "$CLEAR_CACHES" = 1 ] || return 0
  if ! command -v redis-cli >/dev/null || ! redis-cli -u "$REDIS_URL" ping >/dev/null 2>&1; then
    echo "bench data: no Redis at $REDIS_URL; nothing cached to clear"
    return 0
  fi
  local n
  n=$(redis-cli -u "$REDIS_URL" --scan --pattern 'spark:lb:*' | tee "$TMP_KEYS" | wc -l)
  if [ "$n" -gt 0 ]; then xargs -r -n 100 redis-cli -u "$REDIS_URL" del < "$TMP_KEYS" >/dev/null; fi
  echo "bench data: cleared $n cached leaderboard key(s) (spark:lb:*) in Redis"
}
TMP_KEYS=$(mktemp); trap 'rm -f "$TMP_KEYS"' EXIT

if ! run_psql -c 'SELECT 1' >/dev/null 2>&1; then
  echo "bench data: cannot connect to $DATABASE_URL (create and migrate it: DATABASE_URL=... ./spark migrate)" >&2
  exit 1
fi

case "${1:-load}" in
  load)
    vars=()
    [ -n "${STUDENTS:-}" ] && vars+=(-v "students=$STUDENTS")
    [ -n "${DAYS:-}" ] && vars+=(-v "days=$DAYS")
    SECONDS=0
    out=$(run_psql "${vars[@]}" -f bench-data.sql) || { echo "$out"; exit 1; }
    echo "$out"
    if grep -q 'bench data: loaded' <<< "$out"; then
      echo "bench data: loaded into $DATABASE_URL in ${SECONDS} s"
      clear_caches
    fi
    # A database whose autovacuum is off (this machine's is) keeps the dead rows of every earlier run, and tables
    # created after the load (sign-in sessions, synced events) have no statistics: each run would be slower than
    # the last, and some plans wrong. Vacuumed and analyzed here, as autovacuum keeps a production database.
    if [ "$(run_psql -At -c 'SHOW autovacuum')" = off ]; then
      SECONDS=0
      run_psql -c 'VACUUM (ANALYZE)'
      echo "bench data: autovacuum is off on this server; vacuumed and analyzed the database in ${SECONDS} s"
    fi
    ;;
  --check)
    run_psql -f check-bench-data.sql
    ;;
  --drop)
    run_psql -f drop-bench-data.sql
    clear_caches
    ;;
  *)
    echo "usage: bench/data/load.sh [--check | --drop]" >&2; exit 2 ;;
esac
