#!/usr/bin/env bash
# Provisions the Payara Server 6 domain for Project Spark from the files in this folder, idempotently:
# creates the domain if absent, installs the PostgreSQL driver, creates the database and migrates it,
# and applies asadmin/*.asadmin, running only the commands whose effect is not there yet.
# A second run with the same settings changes nothing and says so.
#
#   server-config/provision.sh [--domain spark] [--portbase N] [--group NAME] [--leave-running|--stop]
#   server-config/provision.sh --micro DIR
#
# --micro DIR: no domain; for Payara Micro, writes the same command files, filled in the same way, as
# DIR/postboot.asadmin (for --postbootcommandfile) and DIR/jvm.options (the JVM options, one a line), and creates
# the database if missing (the application migrates it when it starts). Only what Micro takes after boot is
# written: the pools, resources, mail session, set and log levels. Micro has no password store: passwords are
# ${ENV=...} references (SPARK_DB_PASSWORD, SPARK_READ_PASSWORD, SMTP_PASS) that Payara resolves from the
# environment of the Micro process, so the file holds none. The Data Grid's interface and name are Micro's
# --interfaces and --clustername, the log file is its standard output.
#
# SPARK_ENV=production also secures the administration (server-config/production/admin.sh): PAYARA_ADMIN_PASSWORD
# required and given to the admin user, the admin listener on 127.0.0.1 only, secure admin on.
#
# --group NAME also makes the deployment group NAME (server-config/cluster/*.asadmin) with its configuration NAME-config,
# which gets the same settings as the domain's server (heap: INSTANCE_HEAP); instances are added by ./spark cluster.
#
# Settings come from the environment (see .env.example): DATABASE_URL, DATABASE_READ_URL, DATABASE_MIGRATION_URL, PORT, LOG_LEVEL,
# SPARK_HEAP, SMTP_HOST, SMTP_PORT, SMTP_USER, SMTP_PASS, SMTP_FROM, SMTP_SECURITY, DATA_GRID_INTERFACE, DATA_GRID_NAME.
# The Payara distribution is unpacked into build/ by `./mvnw install` (server-config module).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PAYARA_HOME=${PAYARA_HOME:-$ROOT/build/payara6}
ASADMIN="$PAYARA_HOME/bin/asadmin"
DOMAIN=spark
PORTBASE=
GROUP=
AFTER=leave-running
MICRO_DIR=

while [ $# -gt 0 ]; do
  case "$1" in
    --domain) DOMAIN=$2; shift 2 ;;
    --portbase) PORTBASE=$2; shift 2 ;;
    --group) GROUP=$2; shift 2 ;;
    --stop) AFTER=stop; shift ;;
    --leave-running) AFTER=leave-running; shift ;;
    --micro) MICRO_DIR=$2; DOMAIN=micro; shift 2 ;;
    *) echo "provision: unknown option $1" >&2; exit 2 ;;
  esac
done

say() { echo "provision[$DOMAIN]: $*"; }
die() { echo "provision[$DOMAIN]: $*" >&2; exit 1; }

[ -n "$MICRO_DIR" ] || [ -x "$ASADMIN" ] || die "Payara is not unpacked at $PAYARA_HOME; run ./mvnw install first"

if [ -n "$PORTBASE" ]; then
  ADMIN_PORT=$((PORTBASE + 48)); export PORT=$((PORTBASE + 80))
else
  ADMIN_PORT=${ADMIN_PORT:-4848}; export PORT=${PORT:-8080}
fi
A=("$ASADMIN" --port "$ADMIN_PORT" --interactive=false)
DOMAIN_DIR="$PAYARA_HOME/glassfish/domains/$DOMAIN"

# --- settings -> values for the command files -------------------------------------------------------
export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@localhost:5432/project_spark}
MIGRATOR_CP="$ROOT/liquibase/target/spark-liquibase.jar:$ROOT/liquibase/target/migrator-lib/*"
pool_settings() { java -cp "$MIGRATOR_CP" org.projectspark.platform.migration.PoolSettingsCommand "$1" "$2"; }
eval "$(pool_settings SPARK_DB "$DATABASE_URL")" || die "DATABASE_URL is not usable"
eval "$(pool_settings SPARK_READ "${DATABASE_READ_URL:-$DATABASE_URL}")" || die "DATABASE_READ_URL is not usable"
escape_colons() { printf '%s' "$1" | sed 's/:/\\\\:/g'; }
export SPARK_DB_JDBC_URL SPARK_DB_USER SPARK_READ_JDBC_URL SPARK_READ_USER
export SPARK_DB_JDBC_URL_ESCAPED=$(escape_colons "$SPARK_DB_JDBC_URL")
export SPARK_READ_JDBC_URL_ESCAPED=$(escape_colons "$SPARK_READ_JDBC_URL")
export SPARK_DB_POOL_MAX=${DB_POOL_MAX:-8}
export SPARK_DB_LEAK_SECONDS=${DB_LEAK_SECONDS:-0}
export SPARK_HTTP_THREADS=${HTTP_THREADS:-64}
export SPARK_HEAP=${SPARK_HEAP:-1g}
export SPARK_HEAP_MIN=${SPARK_HEAP_MIN:-$SPARK_HEAP}
INSTANCE_HEAP=${INSTANCE_HEAP:-$SPARK_HEAP}
case "${LOG_LEVEL:-info}" in
  error) SPARK_LOG_LEVEL=SEVERE ;; warn) SPARK_LOG_LEVEL=WARNING ;; debug) SPARK_LOG_LEVEL=FINE ;; *) SPARK_LOG_LEVEL=INFO ;;
esac
export SPARK_LOG_LEVEL
export SPARK_GRID_INTERFACE=${DATA_GRID_INTERFACE:-}
export SPARK_GRID_NAME=${DATA_GRID_NAME:-}
# mail/spark: placeholders while SMTP_HOST is unset (the resource must exist for the application to deploy)
export SPARK_SMTP_HOST=${SMTP_HOST:-localhost}
export SPARK_SMTP_PORT=${SMTP_PORT:-587}
export SPARK_SMTP_USER=${SMTP_USER:-spark}
export SPARK_SMTP_FROM=${SMTP_FROM:-noreply@localhost}
if [ -n "${SMTP_USER:-}" ]; then SPARK_SMTP_AUTH=true; else SPARK_SMTP_AUTH=false; fi
case "${SMTP_SECURITY:-starttls}" in
  starttls) SPARK_SMTP_STARTTLS=true; SPARK_SMTP_SSL=false ;;
  tls) SPARK_SMTP_STARTTLS=false; SPARK_SMTP_SSL=true ;;
  none) SPARK_SMTP_STARTTLS=false; SPARK_SMTP_SSL=false ;;
  *) die "SMTP_SECURITY must be starttls, tls or none (got '$SMTP_SECURITY')" ;;
esac
[[ "$SPARK_SMTP_PORT" =~ ^[0-9]+$ ]] || die "SMTP_PORT must be a port number (got '$SPARK_SMTP_PORT')"
[[ "$SPARK_SMTP_HOST" =~ ^[A-Za-z0-9.-]+$ ]] || die "SMTP_HOST must be a host name or address (got '$SPARK_SMTP_HOST')"
[[ "$SPARK_SMTP_FROM" =~ ^[^[:space:]:]+@[^[:space:]:]+$ ]] || die "SMTP_FROM must be an email address (got '$SPARK_SMTP_FROM')"
[[ "$SPARK_SMTP_USER" =~ ^[^[:space:]:]+$ ]] || die "SMTP_USER must not hold spaces or colons"
export SPARK_SMTP_AUTH SPARK_SMTP_STARTTLS SPARK_SMTP_SSL

# production: an admin password that is refused stops everything before anything is changed
PRODUCTION=false
if [ -z "$MICRO_DIR" ] && [ "${SPARK_ENV:-development}" = production ]; then
  PRODUCTION=true
  . "$ROOT/server-config/production/admin.sh"
  problem=$(admin_password_problem "${PAYARA_ADMIN_PASSWORD:-}")
  [ -z "$problem" ] || die "refusing to provision a production domain: $problem"
fi

# --- database: create if missing, migrate (the guide's "migrate deploy") ---------------------------------
say "database $SPARK_DB_SAFE"
# DATABASE_MIGRATION_URL (the owner role, server-config/postgres/roles.sql) migrates when set, else DATABASE_URL's role.
# Micro without it: the database is created and the application migrates it at its start.
if [ -n "$MICRO_DIR" ] && [ -z "${DATABASE_MIGRATION_URL:-}" ]; then
  java -cp "$MIGRATOR_CP" org.projectspark.platform.migration.MigrateCommand --create-only | sed "s/^/provision[$DOMAIN]: /"
else
  java -Dliquibase.showSummary=OFF -Dliquibase.showSummaryOutput=LOG -Dliquibase.showBanner=false -cp "$MIGRATOR_CP" org.projectspark.platform.migration.MigrateCommand | grep "^migrate:" | sed "s/^/provision[$DOMAIN]: /"
fi

vars='$SPARK_DB_JDBC_URL $SPARK_DB_JDBC_URL_ESCAPED $SPARK_DB_USER $SPARK_DB_PASSWORD_REF $SPARK_READ_JDBC_URL $SPARK_READ_JDBC_URL_ESCAPED $SPARK_READ_USER $SPARK_READ_PASSWORD_REF $SPARK_DB_POOL_MAX $SPARK_DB_LEAK_SECONDS $SPARK_HTTP_THREADS $SPARK_HEAP $SPARK_HEAP_MIN $SPARK_LOG_LEVEL $PORT $SPARK_SMTP_HOST $SPARK_SMTP_PORT $SPARK_SMTP_USER $SPARK_SMTP_FROM $SPARK_SMTP_AUTH $SPARK_SMTP_PASSWORD_REF $SPARK_SMTP_STARTTLS $SPARK_SMTP_SSL $SPARK_GRID_INTERFACE $SPARK_GRID_NAME $SPARK_GROUP $SPARK_GROUP_CONFIG $SPARK_GROUP_GRID_PORT'
# every command of the files, filled in: "file<TAB>line"
commands() {
  local file line
  for file in "$ROOT"/server-config/asadmin/*.asadmin; do
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in ''|'#'*) continue ;; esac
      printf '%s\t%s\n' "$(basename "$file")" "$(printf '%s' "$line" | envsubst "$vars")"
    done < "$file"
  done
}

# --- Payara Micro: the same commands as a post-boot file -------------------------------------------------
micro_postboot() {
  env_ref() { if [ -n "$2" ]; then REF="\${ENV=$1}"; else REF="()"; fi; }
  env_ref SPARK_DB_PASSWORD "$SPARK_DB_PASSWORD"; SPARK_DB_PASSWORD_REF=$REF
  env_ref SPARK_READ_PASSWORD "$SPARK_READ_PASSWORD"; SPARK_READ_PASSWORD_REF=$REF
  if [ -n "${SMTP_PASS:-}" ]; then SPARK_SMTP_PASSWORD_REF="\${ENV=SMTP_PASS}"; else SPARK_SMTP_PASSWORD_REF=; fi
  export SPARK_DB_PASSWORD_REF SPARK_READ_PASSWORD_REF SPARK_SMTP_PASSWORD_REF
  mkdir -p "$MICRO_DIR"
  local postboot="$MICRO_DIR/postboot.asadmin" jvm="$MICRO_DIR/jvm.options" file line verb rest
  { echo "# generated by server-config/provision.sh --micro from server-config/asadmin/*.asadmin: edit those"; } > "$postboot"
  : > "$jvm"
  while IFS=$'\t' read -r file line; do
    # Micro's boot commands unescape once (a domain's multimode file twice); its listener is http-listener
    line=${line//'\\:'/'\:'}
    line=${line//.http-listener-1./.http-listener.}
    read -r verb rest <<< "$line"
    case "$verb" in
      create-jdbc-connection-pool|create-jdbc-resource|create-javamail-resource|set-log-levels) echo "$line" >> "$postboot" ;;
      set)
        case "$rest" in
          *=) ;;                                   # unset setting: Payara's default stays
          hazelcast-runtime-configuration.*) ;;    # the Data Grid: Micro's --interfaces and --clustername
          *.network-listener.http-listener.port=*) ;; # Micro's --port
          *) echo "$line" >> "$postboot" ;;
        esac ;;
      create-jvm-options) echo "$rest" >> "$jvm" ;;
      delete-jvm-options|set-log-attributes) ;;    # defaults of a domain's JVM; the domain's log file
      *) die "$file: unsupported command '$verb'" ;;
    esac
  done < <(commands)
  say "wrote $postboot ($(grep -vc '^#' "$postboot") commands) and $jvm"
}
if [ -n "$MICRO_DIR" ]; then micro_postboot; exit 0; fi

# --- domain ----------------------------------------------------------------------------------------
restart_needed=false
if [ ! -d "$DOMAIN_DIR" ]; then
  say "creating domain (admin port $ADMIN_PORT, HTTP port $PORT)"
  if [ -n "$PORTBASE" ]; then
    "$ASADMIN" create-domain --nopassword --portbase "$PORTBASE" "$DOMAIN" >/dev/null
  else
    "$ASADMIN" create-domain --nopassword --adminport "$ADMIN_PORT" --instanceport "$PORT" "$DOMAIN" >/dev/null
  fi
fi
driver=$(ls "$ROOT"/build/lib/postgresql-*.jar 2>/dev/null | head -1)
[ -n "$driver" ] || die "PostgreSQL driver missing in build/lib; run ./mvnw install first"
if [ ! -f "$DOMAIN_DIR/lib/$(basename "$driver")" ]; then
  say "installing JDBC driver $(basename "$driver")"
  rm -f "$DOMAIN_DIR"/lib/postgresql-*.jar
  cp "$driver" "$DOMAIN_DIR/lib/"
  restart_needed=true
fi

running() { "$ASADMIN" list-domains 2>/dev/null | grep -q "^$DOMAIN running"; }
was_running=false
if running; then
  was_running=true
  if $restart_needed; then "${A[@]}" stop-domain "$DOMAIN" >/dev/null; fi
fi
running || { say "starting domain"; "$ASADMIN" start-domain "$DOMAIN" >/dev/null; }

# production: the admin user has a real password from here on (server-config/production/admin.sh)
A_ALIAS=("${A[@]}") # alias commands name their own password file (asadmin takes one), holding the admin password too
if $PRODUCTION; then admin_login; A_ALIAS+=(--user admin); fi

# --- passwords go into password aliases, never into domain.xml -------------------------------------------
alias_for() { # name password -> sets REF to the property value to use
  local name=$1 password=$2 stamp="$DOMAIN_DIR/config/.$1.sha256" digest
  if [ -z "$password" ]; then REF="()"; return; fi  # () is GlassFish for "empty password" (trust auth)
  digest=$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    local pwfile; pwfile=$(mktemp); chmod 600 "$pwfile"
    printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$password" > "$pwfile"
    # in production the admin password too: this call's --passwordfile is the one asadmin reads
    if [ -n "${ADMIN_PWFILE:-}" ]; then cat "$ADMIN_PWFILE" >> "$pwfile"; fi
    if "${A[@]}" list-password-aliases 2>/dev/null | grep -qx "$name"; then
      "${A_ALIAS[@]}" --passwordfile "$pwfile" update-password-alias "$name" >/dev/null
    else
      "${A_ALIAS[@]}" --passwordfile "$pwfile" create-password-alias "$name" >/dev/null
    fi
    rm -f "$pwfile"; echo "$digest" > "$stamp"; chmod 600 "$stamp"
    say "password alias $name set"
  fi
  REF="\${ALIAS=$name}"
}
alias_for spark-db-password "$SPARK_DB_PASSWORD"; export SPARK_DB_PASSWORD_REF=$REF
alias_for spark-read-db-password "$SPARK_READ_PASSWORD"; export SPARK_READ_PASSWORD_REF=$REF
if [ -n "${SMTP_PASS:-}" ]; then
  alias_for spark-smtp-password "$SMTP_PASS"; export SPARK_SMTP_PASSWORD_REF=$REF
else
  export SPARK_SMTP_PASSWORD_REF=
fi

# --- reconcile the command files ------------------------------------------------------------------------
# reconcile TARGET FILE...: queues the lines of the files whose effect is not there yet and applies them in one
# multimode call. TARGET is the configuration the server-scoped lines act on: server-config (the domain's own server),
# or a deployment group's configuration, which gets the same settings as the domain's server apart from its HTTP port
# (each instance's port comes from its port base). Pools, resources and the Data Grid are the domain's, set once.
reconcile() {
  local target=$1; shift
  local current pending tgt=() operand=() scope="server"
  [ "$target" = server-config ] || { tgt=(--target "$target"); operand=("$target"); scope="$target"; }
  current=$(mktemp); pending=$(mktemp)
  "${A[@]}" get '*' > "$current"
  local pools resources mailresources jvm logattrs loglevels configs groups refs
  pools=$("${A[@]}" list-jdbc-connection-pools 2>/dev/null || true)
  resources=$("${A[@]}" list-jdbc-resources 2>/dev/null || true)
  mailresources=$("${A[@]}" list-javamail-resources 2>/dev/null || true)
  configs=$("${A[@]}" list-configs 2>/dev/null || true)
  groups=$("${A[@]}" list-deployment-groups 2>/dev/null | sed "s/^[[:space:]]*//" || true)
  if grep -q "^$target$" <<< "$configs"; then
    jvm=$("${A[@]}" list-jvm-options "${tgt[@]}" 2>/dev/null || true)
    logattrs=$("${A[@]}" list-log-attributes "${operand[@]}" 2>/dev/null || true)
    loglevels=$("${A[@]}" list-log-levels "${operand[@]}" 2>/dev/null || true)
  fi
  changes=0
  add() { echo "$1" >> "$pending"; say "  $2"; changes=$((changes + 1)); }
  local file line verb rest name key want opt optkey old
  for file in "$@"; do
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in ''|'#'*) continue ;; esac
      line=$(printf '%s' "$line" | envsubst "$vars")
      read -r verb rest <<< "$line"
      name=${line##* }
      if [ "$target" != server-config ]; then
        case "$verb" in
          create-jdbc-connection-pool|create-jdbc-resource|create-javamail-resource) continue ;;
          set)
            case "$rest" in
              configs.config.server-config.network-config.network-listeners.*.port=*) continue ;;
              configs.config.server-config.*) rest="configs.config.$target.${rest#configs.config.server-config.}"; line="set $rest" ;;
              resources.*|hazelcast-runtime-configuration.*) continue ;;
            esac ;;
        esac
      fi
      case "$verb" in
        create-jdbc-connection-pool)
          grep -qx "$name" <<< "$pools" || add "$line" "create pool $name" ;;
        create-jdbc-resource)
          grep -qx "$name" <<< "$resources" || add "$line" "create resource $name" ;;
        create-javamail-resource)
          grep -qx "$name" <<< "$mailresources" || add "$line" "create mail resource $name" ;;
        copy-config)
          grep -qx "$name" <<< "$configs" || add "$line" "create configuration $name" ;;
        create-deployment-group)
          grep -qx "$name" <<< "$groups" || add "$line" "create deployment group $name" ;;
        create-resource-ref)
          refs=$("${A[@]}" list-resource-refs "$target" 2>/dev/null || true)
          grep -qx "$name" <<< "$refs" || add "$line" "reference $name from $target" ;;
        set)
          key=${rest%%=*}; want=${rest#*=}
          if ! grep -qxF "$key=$want" "$current"; then
            if [ -z "$want" ] && ! grep -q -F "$key=" "$current"; then continue; fi
            if [ "$target" != server-config ] && [[ $key == *.microprofile-healthcheck-configuration.enabled ]] \
               && ! grep -q -F "${key%.enabled}." "$current"; then
              # a configuration copied from default-config has no such element, which a dotted set cannot create
              add "set-microprofile-healthcheck-configuration --target $target --enabled=$want" "set $key"
              continue
            fi
            add "$line" "set $key"
          fi ;;
        create-jvm-options)
          opt=$rest; optkey=$(sed -E 's/^(-Xmx|-Xms|-XX:[+-]?[^=]+|-D[^=]+=?).*$/\1/' <<< "$opt")
          if ! grep -qxF -- "$opt" <<< "$jvm"; then
            while IFS= read -r old; do
              [ -n "$old" ] && add "delete-jvm-options ${tgt[*]} $(sed 's/:/\\\\:/g' <<< "$old")" "drop JVM option $old ($scope)"
            done < <(grep -F -- "$optkey" <<< "$jvm" | grep -vxF -- "$opt" || true)
            add "create-jvm-options ${tgt[*]} $(sed 's/:/\\\\:/g' <<< "$opt")" "JVM option $opt ($scope)"
            restart_needed=true
          fi ;;
        delete-jvm-options)
          # a default of Payara's domain that we do not want: dropped when present
          if grep -qxF -- "$rest" <<< "$jvm"; then
            add "delete-jvm-options ${tgt[*]} $(sed 's/:/\\\\:/g' <<< "$rest")" "drop JVM option $rest ($scope)"
            restart_needed=true
          fi ;;
        set-log-attributes)
          key=${rest%%=*}; want=${rest#*=}
          grep -qxF "$key	<$want>" <<< "$logattrs" || add "set-log-attributes ${tgt[*]} $rest" "log attribute $key ($scope)" ;;
        set-log-levels)
          key=${rest%%=*}; want=${rest#*=}
          grep -qxF "$key	<$want>" <<< "$loglevels" || add "set-log-levels ${tgt[*]} $rest" "log level $key=$want ($scope)" ;;
        *) die "$(basename "$file"): unsupported command '$verb'" ;;
      esac
    done < "$file"
  done
  if [ "$changes" -gt 0 ]; then
    local out
    out=$("${A[@]}" multimode --file "$pending" 2>&1) || { echo "$out" >&2; rm -f "$current" "$pending"; die "applying configuration failed"; }
    say "$changes configuration changes applied ($scope)"
    restart_needed=true # listeners, thread pools and JVM options take effect on restart
  else
    say "configuration is up to date ($scope: no changes)"
  fi
  rm -f "$current" "$pending"
}

reconcile server-config "$ROOT"/server-config/asadmin/*.asadmin
if [ -n "$GROUP" ]; then
  # the group, its configuration and its references first, then the same settings as the server's on that configuration
  export SPARK_GROUP=$GROUP SPARK_GROUP_CONFIG=$GROUP-config
  export SPARK_GROUP_GRID_PORT=${GROUP_GRID_PORT:-5900}
  das_restart=$restart_needed # the instances take the group's changes when they start; the domain's server need not restart
  reconcile "$SPARK_GROUP" "$ROOT"/server-config/cluster/*.asadmin
  SPARK_HEAP=$INSTANCE_HEAP SPARK_HEAP_MIN=$INSTANCE_HEAP reconcile "$SPARK_GROUP_CONFIG" "$ROOT"/server-config/asadmin/*.asadmin
  restart_needed=$das_restart
fi
# production: administration on 127.0.0.1 only, over TLS
if $PRODUCTION; then secure_admin; fi
"${A[@]}" ping-connection-pool spark-pool >/dev/null || die "cannot connect to $SPARK_DB_SAFE from the spark-pool"
# a read replica that is down does not stop the application: its reads go to the primary until it answers
if "${A[@]}" ping-connection-pool spark-read-pool >/dev/null 2>&1; then
  say "connection pools spark-pool and spark-read-pool answer"
else
  say "WARNING: the read database (DATABASE_READ_URL) does not answer: reads go to the primary until it does"
fi

if [ "$AFTER" = stop ]; then
  "${A[@]}" stop-domain "$DOMAIN" >/dev/null; say "domain stopped"
elif $restart_needed; then
  say "restarting domain for JVM changes"; "${A[@]}" restart-domain "$DOMAIN" >/dev/null
fi
