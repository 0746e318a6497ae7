#!/usr/bin/env bash
# Point-in-time recovery, shown end to end on a scratch PostgreSQL cluster of its own (port 5451, under /tmp):
# WAL archiving on, a base backup, more writes, an accident (every row deleted), then a new data folder from the
# base backup replayed from the archive up to the moment before the accident. Prints the rows before and after.
# Run as the postgres user (initdb refuses root): su postgres -c server-config/backup/pitr-demo.sh
# The production procedure is the same with the real data folder and archive: see docs/operations.md.
set -euo pipefail
B=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
P=${PITR_DIR:-/tmp/spark-pitr-demo}
export PGPORT=5451 PGHOST=$P
say() { echo "pitr-demo: $*"; }
rm -rf "$P"; mkdir -p "$P/archive"

say "a cluster with WAL archiving (wal_level=replica, archive_mode=on, archive_command copying each WAL file)"
"$B/initdb" -D "$P/data" -A trust -U postgres >/dev/null
cat >> "$P/data/postgresql.conf" <<CONF
port = 5451
unix_socket_directories = '$P'
listen_addresses = ''
wal_level = replica
archive_mode = on
archive_command = 'test ! -f $P/archive/%f && cp %p $P/archive/%f'
archive_timeout = 60
CONF
"$B/pg_ctl" -D "$P/data" -l "$P/data.log" -w start >/dev/null
createdb spark
psql -Xq -d spark -c "CREATE TABLE xp_events (id serial PRIMARY KEY, student text, xp int)"
psql -Xq -d spark -c "INSERT INTO xp_events (student, xp) SELECT 'student-' || g, 10 FROM generate_series(1, 1000) g"
say "base backup (pg_basebackup -Ft -z -X stream), then 500 more rows"
pg_basebackup -D "$P/base" -Ft -z -X stream -c fast
psql -Xq -d spark -c "INSERT INTO xp_events (student, xp) SELECT 'student-' || g, 20 FROM generate_series(1, 500) g"
say "before the accident: $(psql -XAt -d spark -c "SELECT count(*) || ' rows, ' || sum(xp) || ' XP' FROM xp_events")"
sleep 1; TARGET=$(psql -XAt -d spark -c "SELECT now()"); sleep 1
psql -Xq -d spark -c "DELETE FROM xp_events"
say "the accident: every row deleted; recovery target: $TARGET"
psql -XAtq -d spark -c "SELECT pg_switch_wal()" >/dev/null; sleep 2 # the last WAL file reaches the archive
"$B/pg_ctl" -D "$P/data" -w stop >/dev/null

say "recovery: a new data folder from the base backup, restore_command, recovery_target_time, recovery.signal"
mkdir -m 700 "$P/restored"
tar -xzf "$P/base/base.tar.gz" -C "$P/restored"
tar -xzf "$P/base/pg_wal.tar.gz" -C "$P/restored/pg_wal"
cat >> "$P/restored/postgresql.conf" <<CONF
restore_command = 'cp $P/archive/%f %p'
recovery_target_time = '$TARGET'
recovery_target_action = 'promote'
archive_mode = off
CONF
touch "$P/restored/recovery.signal"
"$B/pg_ctl" -D "$P/restored" -l "$P/restored.log" -w start >/dev/null
for _ in $(seq 1 30); do [ "$(psql -XAt -d postgres -c 'SELECT pg_is_in_recovery()')" = f ] && break; sleep 1; done
say "after recovery: $(psql -XAt -d spark -c "SELECT count(*) || ' rows, ' || sum(xp) || ' XP' FROM xp_events")"
grep -oE '(recovery stopping .*|archive recovery complete|selected new timeline ID: [0-9]+)' "$P/restored.log" | sed 's/^/pitr-demo:   log: /'
"$B/pg_ctl" -D "$P/restored" -w stop >/dev/null
rm -rf "$P"
