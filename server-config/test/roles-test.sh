#!/usr/bin/env bash
# PostgreSQL least privilege, for real: server-config/postgres/roles.sql on a fresh database, Liquibase migrating as the
# owner role, then the application role shown to read and write every table (including one the owner creates after the
# grants, as the next migration would) and to run the maintenance procedures, but refused DROP, ALTER, CREATE and
# TRUNCATE; and a start of the application (a migration with nothing pending) works as the application role.
#
#   server-config/test/roles-test.sh        (after ./mvnw install; needs psql 15+ and the local PostgreSQL)
#
# ROLES_TEST_DB (default project_spark_rolestest) names the database; the roles are named after it, so two checkouts
# testing at once do not meet. Drops the database and the roles at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DB=${ROLES_TEST_DB:-project_spark_rolestest}
OWNER=${DB}_owner
APP=${DB}_app
MIGRATOR_CP="$ROOT/liquibase/target/spark-liquibase.jar:$ROOT/liquibase/target/migrator-lib/*"
export PGOPTIONS="-c client_min_messages=warning"
PG=(psql -XAtq -h localhost -v ON_ERROR_STOP=1)
step() { echo "roles-test: $*"; }
fail() { echo "roles-test: FAILED: $*" >&2; exit 1; }
[ -f "$ROOT/liquibase/target/spark-liquibase.jar" ] || fail "run ./mvnw install first (the migrator jar is missing)"

drop_all() {
  "${PG[@]}" -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"
  for r in "$APP" "$OWNER"; do "${PG[@]}" -U postgres -d postgres -c "DROP ROLE IF EXISTS \"$r\""; done
}
drop_all
trap drop_all EXIT

step "roles.sql on a fresh database ($DB; roles $OWNER, $APP)"
SPARK_OWNER_PASSWORD=owner-pw-for-this-test SPARK_APP_PASSWORD=app-pw-for-this-test \
  psql -X -q -h localhost -U postgres -d postgres -v db="$DB" -v owner="$OWNER" -v app="$APP" -f "$ROOT/server-config/postgres/roles.sql"
step "a second run changes nothing and does not fail"
psql -X -q -h localhost -U postgres -d postgres -v db="$DB" -v owner="$OWNER" -v app="$APP" -f "$ROOT/server-config/postgres/roles.sql" >/dev/null

as_owner() { "${PG[@]}" -U "$OWNER" -d "$DB" "$@"; }
as_app() { "${PG[@]}" -U "$APP" -d "$DB" "$@"; }
refused() { # what, sql: the application role must get an error, a permission one
  local out
  if out=$(as_app -c "$2" 2>&1); then fail "the application role could $1"; fi
  echo "$out" | grep -qE "must be owner|permission denied" || fail "$1: refused, but not for want of a privilege: $out"
  step "refused to the application role: $1 ($(echo "$out" | sed 's/^psql:[^E]*ERROR: *//' | head -1))"
}

step "Liquibase migrates as the owner (DATABASE_MIGRATION_URL)"
DATABASE_MIGRATION_URL="postgresql://$OWNER:owner-pw-for-this-test@localhost:5432/$DB" \
DATABASE_URL="postgresql://$APP:app-pw-for-this-test@localhost:5432/$DB" SPARK_ENV=test \
  java -Dliquibase.showBanner=false -cp "$MIGRATOR_CP" org.projectspark.platform.migration.MigrateCommand | grep '^migrate:'
[ "$("${PG[@]}" -U postgres -d "$DB" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" -gt 30 ] || fail "the migration made too few tables"
others=$("${PG[@]}" -U postgres -d "$DB" -c "SELECT string_agg(tablename, ', ') FROM pg_tables WHERE schemaname = 'public' AND tableowner <> '$OWNER'")
[ -z "$others" ] || fail "tables not owned by $OWNER: $others"
"${PG[@]}" -U postgres -d "$DB" -c "SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname IN ('$OWNER', '$APP')" | grep -q t \
  && fail "a role may create databases or roles, or is a superuser"

step "the application role reads and writes"
school=$(as_app -c "INSERT INTO schools (id, name) VALUES (gen_random_uuid(), 'Least Privilege School') RETURNING id")
as_app -c "UPDATE schools SET name = 'Renamed' WHERE id = '$school'"
[ "$(as_app -c "SELECT name FROM schools WHERE id = '$school'")" = Renamed ] || fail "the update was not read back"
as_app -c "DELETE FROM schools WHERE id = '$school'"
as_app -c "SELECT count(*) FROM users" >/dev/null
as_app -c "SELECT count(*) FROM class_performance_summary" >/dev/null
step "and runs the maintenance procedures that need the owner (ANALYZE, the class summary's refresh)"
as_app -c "CALL spark_analyze()"
[ "$(as_app -c "SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'schools' AND last_analyze IS NOT NULL")" = 1 ] \
  || fail "spark_analyze() did not analyze the schema's tables"
as_app -c "CALL spark_refresh_class_summary()"

refused "drop a table" "DROP TABLE schools CASCADE"
refused "alter a table" "ALTER TABLE schools ADD COLUMN sneaky int"
refused "create a table" "CREATE TABLE sneaky (id int)"
refused "create a function" "CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'"
refused "truncate a table" "TRUNCATE schools CASCADE"
refused "refresh the view directly" "REFRESH MATERIALIZED VIEW class_performance_summary"
refused "create an index" "CREATE INDEX sneaky ON schools (name)"

step "a table the owner creates later (the next migration) is usable by the application role at once"
as_owner -c "CREATE TABLE next_release (id bigserial PRIMARY KEY, note text)"
as_app -c "INSERT INTO next_release (note) VALUES ('default privileges')"
[ "$(as_app -c "SELECT count(*) FROM next_release")" = 1 ] || fail "the new table was not readable"
as_owner -c "DROP TABLE next_release"

step "the application's start (Liquibase with nothing pending) works as the application role"
DATABASE_URL="postgresql://$APP:app-pw-for-this-test@localhost:5432/$DB" SPARK_ENV=test \
  java -Dliquibase.showBanner=false -cp "$MIGRATOR_CP" org.projectspark.platform.migration.MigrateCommand | grep '^migrate:'

step "a database first migrated by the superuser is taken over by roles.sql"
"${PG[@]}" -U postgres -d "$DB" -c "CREATE TABLE legacy (id int); CREATE MATERIALIZED VIEW legacy_view AS SELECT 1 AS one"
psql -X -q -h localhost -U postgres -d postgres -v db="$DB" -v owner="$OWNER" -v app="$APP" -f "$ROOT/server-config/postgres/roles.sql" >/dev/null
[ "$("${PG[@]}" -U postgres -d "$DB" -c "SELECT count(*) FROM pg_class WHERE relname IN ('legacy', 'legacy_view') AND pg_get_userbyid(relowner) = '$OWNER'")" = 2 ] \
  || fail "the superuser's tables were not handed to the owner"
as_app -c "INSERT INTO legacy VALUES (1)"
refused "drop a table the superuser made" "DROP TABLE legacy"
step "pg_dump (the nightly backup) works as the application role"
PGPASSWORD=app-pw-for-this-test pg_dump -h localhost -U "$APP" -d "$DB" -Fc > /dev/null

step "server-config/postgres/spark.conf names only settings this PostgreSQL knows"
names=$(sed -n 's/^\([a-z_]*\) *=.*/\1/p' "$ROOT/server-config/postgres/spark.conf")
for n in $names; do
  [ "$("${PG[@]}" -U postgres -d postgres -c "SELECT count(*) FROM pg_settings WHERE name = '$n'")" = 1 ] || fail "spark.conf: unknown setting $n"
done
step "  $(echo $names | wc -w) settings, all known"
step "PASSED"
