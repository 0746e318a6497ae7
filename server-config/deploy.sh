#!/usr/bin/env bash
# Blue-green deploys behind nginx: two Payara domains (blue and green), each provisioned by provision.sh on its own
# port base; nginx sends every request to one of them, the live colour. Run through ./spark:
#
#   ./spark deploy EAR        the EAR onto the idle colour (its domain restarted fresh, the previous application there
#                             undeployed), gated on its /health/ready within DEPLOY_READY_TIMEOUT; then nginx switched to
#                             it by a graceful reload and checked through nginx. When the new version fails to deploy or
#                             is not ready in time it is undeployed and its domain stopped: nginx never left the live
#                             colour. The colour that was live keeps running its version, for ./spark rollback.
#   ./spark rollback          nginx back to the other colour (its domain started and its EAR deployed again first if it
#                             was stopped), once it is ready
#   ./spark deploy status     the live colour, and per colour: domain, version, readiness
#   ./spark deploy stop-idle  the idle colour undeployed and stopped (./spark rollback then starts it again)
#   ./spark deploy down       nginx and both domains stopped
#
# Settings (environment or .env): DEPLOY_NAME (spark: domains spark-blue and spark-green, state in
# build/deploy-spark, nginx in build/nginx-spark), BLUE_PORTBASE (9000: admin 9048, HTTP 9080), GREEN_PORTBASE
# (9100), NGINX_PORT (8080), DEPLOY_READY_TIMEOUT (300 s, for the deployment and readiness together, counted once the
# domain is provisioned and running). Every
# application setting reaches both domains from this shell's environment, as with ./spark run; each domain reports
# its colour as DEPLOY_ENV and has a Data Grid of its own (DATA_GRID_NAME-colour), so two versions never share one.
# A cluster does the same per deployment group: docs/operations.md, "Deploy a new version".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

DEPLOY_NAME=${DEPLOY_NAME:-spark}
BLUE_PORTBASE=${BLUE_PORTBASE:-9000}
GREEN_PORTBASE=${GREEN_PORTBASE:-9100}
NGINX_PORT=${NGINX_PORT:-8080}
DEPLOY_READY_TIMEOUT=${DEPLOY_READY_TIMEOUT:-300}
APP=spark
ASADMIN="$ROOT/build/payara6/bin/asadmin"
STATE="$ROOT/build/deploy-$DEPLOY_NAME"
NGINX_DIR="$ROOT/build/nginx-$DEPLOY_NAME"

say() { echo "deploy[$DEPLOY_NAME]: $*"; }
die() { echo "deploy[$DEPLOY_NAME]: $*" >&2; exit 1; }
[[ "$DEPLOY_NAME" =~ ^[A-Za-z0-9_-]+$ ]] || die "DEPLOY_NAME may hold letters, digits, - and _ only"
for p in "$BLUE_PORTBASE" "$GREEN_PORTBASE" "$NGINX_PORT" "$DEPLOY_READY_TIMEOUT"; do
  [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -lt 65000 ] || die "BLUE_PORTBASE, GREEN_PORTBASE, NGINX_PORT and DEPLOY_READY_TIMEOUT must be numbers"
done
[ -x "$ASADMIN" ] || die "Payara is not unpacked at build/payara6; run ./mvnw install first"

. "$ROOT/server-config/nginx/nginx.sh"

# --- the colours ------------------------------------------------------------------------------------------------
other() { if [ "$1" = blue ]; then echo green; else echo blue; fi; }
domain() { echo "$DEPLOY_NAME-$1"; }
portbase() { if [ "$1" = blue ]; then echo "$BLUE_PORTBASE"; else echo "$GREEN_PORTBASE"; fi; }
http_port() { echo $(( $(portbase "$1") + 80 )); }
admin() { local c=$1; shift; "$ASADMIN" --port $(( $(portbase "$c") + 48 )) --interactive=false "$@"; }
live() { cat "$STATE/live" 2>/dev/null || true; }
version_of() { cat "$STATE/$1.version" 2>/dev/null || echo "-"; }

running() { "$ASADMIN" list-domains 2>/dev/null | grep -q "^$(domain "$1") running"; }
ready() { curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$(http_port "$1")/health/ready" 2>/dev/null; }
# the application in a colour's domain (spark, or spark:<version> deployed by hand with Payara's versioning)
applications() { admin "$1" list-applications 2>/dev/null | awk -v app="$APP" '$1 == app || index($1, app ":") == 1 {print $1}' || true; }

# A version's name: from the EAR's SHA-256, so the same build always has the same name
version_label() { echo "v$(sha256sum "$1" | cut -c1-12)"; }

# Undeployed before the domain stops: a domain that boots with an EAR may load it without its HTTP authentication
# mechanism (docs/operations.md, "Upgrade and migrate")
stop_colour() {
  running "$1" || return 0
  local name
  for name in $(applications "$1"); do admin "$1" undeploy "$name" >/dev/null 2>&1 || true; done
  admin "$1" stop-domain "$(domain "$1")" >/dev/null 2>&1 || admin "$1" stop-domain --kill=true "$(domain "$1")" >/dev/null 2>&1 || true
}

# A fresh JVM with this shell's settings and the colour's own (a redeploy over a JVM that held another version is
# where Payara mixed up classes and kept closed EntityManagerFactories), then the EAR, then /health/ready.
# Returns non-zero, with the reason on standard error, when the version did not become ready by the deadline.
start_colour() { # colour ear
  local colour=$1 ear=$2 name deadline out log offset rc=0
  stop_colour "$colour"
  say "$colour: provisioning domain $(domain "$colour") (port base $(portbase "$colour"), HTTP $(http_port "$colour"))"
  if ! DEPLOY_ENV=$colour DATA_GRID_NAME=${DATA_GRID_NAME:-$DEPLOY_NAME}-$colour \
      DATA_GRID_INTERFACE=${DATA_GRID_INTERFACE:-127.0.0.1} \
      server-config/provision.sh --domain "$(domain "$colour")" --portbase "$(portbase "$colour")" 2>&1 \
      | tee "$STATE/provision-$colour.log" | { grep --line-buffered -v '^provision.*:   ' || true; }; then
    echo "provisioning $(domain "$colour") failed (above; every line in $STATE/provision-$colour.log)" >&2
    return 1
  fi
  # a domain left with an application (killed before it could undeploy) is restarted without it
  if [ -n "$(applications "$colour")" ]; then
    for name in $(applications "$colour"); do admin "$colour" undeploy "$name" >/dev/null; done
    admin "$colour" restart-domain "$(domain "$colour")" >/dev/null
  fi
  # one name for every version: deployed as spark:<version> (Payara's application versioning), the application failed
  # to deploy (NoSuchElementException as it registered its MicroProfile metrics); the version is kept in $STATE
  name=$APP
  say "$colour: deploying $(version_label "$ear") as $name (ready within ${DEPLOY_READY_TIMEOUT} s, or rolled back)"
  deadline=$((SECONDS + DEPLOY_READY_TIMEOUT))
  log="$ROOT/build/payara6/glassfish/domains/$(domain "$colour")/logs/server.log"
  offset=$(stat -c %s "$log" 2>/dev/null || echo 0)
  out=$(timeout "$DEPLOY_READY_TIMEOUT" "$ASADMIN" --port $(( $(portbase "$colour") + 48 )) \
      --interactive=false deploy --name "$name" "$ear" 2>&1) || rc=$?
  if [ "$rc" != 0 ]; then
    echo "$out" | grep -v '^Command' >&2 || true
    [ "$rc" != 124 ] || echo "the deployment did not finish within ${DEPLOY_READY_TIMEOUT} s" >&2
    # the application's own reason, from the JSON log: a refused setting is a message, a failed migration an exception
    tail -c +"$((offset + 1))" "$log" 2>/dev/null \
      | grep -o '"LogMessage":"Refusing to start[^"]*"\|"Exception":"Database migration failed","StackTrace":"[^"]*' \
      | sed -E 's/^"LogMessage":"//; s/"$//; s/^"Exception":"Database migration failed","StackTrace":"([^\\]*)(\\n *Reason: )?([^\\]*).*/Database migration failed: \1 \3/; s/([a-z]+\.)+[A-Za-z]*Exception: //g; s/^/  /' \
      | head -5 >&2 || true
    echo "the deployment failed (see above and $log)" >&2
    return 1
  fi
  while ! ready "$colour"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "$colour was not ready within ${DEPLOY_READY_TIMEOUT} s (http://127.0.0.1:$(http_port "$colour")/health/ready; $log)" >&2; return 1; }
    sleep 1
  done
  say "$colour: $(version_label "$ear") ready at http://127.0.0.1:$(http_port "$colour")"
}

# nginx over one colour: started, or reloaded gracefully (the old workers finish their requests on the old colour)
switch_nginx() { # colour
  ensure_nginx
  nginx_render "./spark deploy: the live colour, $1" \
    "server 127.0.0.1:$(http_port "$1") max_fails=3 fail_timeout=10s;"$'\n'
  nginx_start_or_reload
}

# through nginx, the new colour answers (the old workers may still finish a request or two on the other)
check_through_nginx() { # colour
  local doc
  for _ in $(seq 1 30); do
    doc=$(curl -fsS --max-time 5 "http://127.0.0.1:$NGINX_PORT/api/v1/health" 2>/dev/null || true)
    case "$doc" in *"\"environment\":\"$1\""*) return 0 ;; esac
    sleep 1
  done
  return 1
}

# --- commands ---------------------------------------------------------------------------------------------------
deploy() { # ear
  local ear=${1:-} from target started=$SECONDS
  [ -n "$ear" ] && [ -f "$ear" ] || die "usage: ./spark deploy EAR (the EAR file to deploy)"
  from=$(live)
  if [ -n "$from" ]; then target=$(other "$from"); else target=blue; fi
  if [ -n "$from" ] && ! ready "$from"; then say "warning: the live colour $from is not ready; deploying anyway"; fi
  say "deploying $(basename "$ear") ($(version_label "$ear")) to $target; live: ${from:-none}"
  # the idle colour's version is given up from here on: it is the one replaced
  rm -f "$STATE/$target.ear" "$STATE/$target.version"
  cp "$ear" "$STATE/$target.ear.new"
  if ! start_colour "$target" "$STATE/$target.ear.new" 9>&-; then
    say "rolling back: undeploying and stopping $target"
    stop_colour "$target"
    rm -f "$STATE/$target.ear.new"
    if [ -n "$from" ]; then die "rolled back: the new version is not deployed; nginx still sends every request to $from ($(version_of "$from"))"; fi
    die "the new version is not deployed; nothing is live"
  fi
  mv "$STATE/$target.ear.new" "$STATE/$target.ear"
  version_label "$STATE/$target.ear" > "$STATE/$target.version"
  switch_nginx "$target" 9>&-
  echo "$target" > "$STATE/live"
  check_through_nginx "$target" || die "nginx does not reach $target after the switch (see $NGINX_DIR/logs/error.log); ./spark rollback goes back"
  say "live: $target ($(version_of "$target")) at http://localhost:$NGINX_PORT, in $((SECONDS - started)) s"
  [ -z "$from" ] || say "$from keeps running $(version_of "$from") for ./spark rollback (./spark deploy stop-idle stops it)"
}

rollback() {
  local from to
  from=$(live)
  [ -n "$from" ] || die "nothing is deployed"
  to=$(other "$from")
  [ -f "$STATE/$to.ear" ] || die "no previous version to roll back to ($to holds none)"
  if ! ready "$to"; then
    say "$to is not running $(version_of "$to"); starting it again"
    if ! start_colour "$to" "$STATE/$to.ear" 9>&-; then
      stop_colour "$to"
      die "$to did not become ready; nginx still sends every request to $from"
    fi
  fi
  switch_nginx "$to" 9>&-
  echo "$to" > "$STATE/live"
  check_through_nginx "$to" || die "nginx does not reach $to after the switch (see $NGINX_DIR/logs/error.log)"
  say "rolled back: live: $to ($(version_of "$to")); $from keeps running $(version_of "$from")"
}

status() {
  local c l; l=$(live)
  echo "live colour: ${l:-none}; nginx: $(if nginx_pid >/dev/null; then echo "http://localhost:$NGINX_PORT"; else echo stopped; fi)"
  for c in blue green; do
    printf '  %-5s %-20s HTTP %-5s %-8s kept: %-14s deployed: %-20s %s\n' "$c" "$(domain "$c")" "$(http_port "$c")" \
      "$(if running "$c"; then echo running; else echo stopped; fi)" "$(version_of "$c")" \
      "$(if running "$c"; then applications "$c" | tr '\n' ' '; fi)" "$(if ready "$c"; then echo ready; fi)"
  done
}

down() {
  nginx_stop
  local c
  for c in blue green; do
    if running "$c"; then stop_colour "$c"; say "$c stopped"; fi
  done
  rm -f "$STATE/live"
}

mkdir -p "$STATE"
# one deploy or rollback at a time (the lock's descriptor is closed for nginx and the domains, which outlive this)
exec 9> "$STATE/lock"
flock -n 9 || die "another ./spark deploy or rollback is running"

case "${1:-}" in
  rollback) rollback ;;
  status) status ;;
  stop-idle)
    l=$(live); [ -n "$l" ] || die "nothing is deployed"
    stop_colour "$(other "$l")"; say "$(other "$l") stopped; ./spark rollback starts it again" ;;
  down) down ;;
  ''|-h|--help) echo "usage: ./spark deploy EAR|status|stop-idle|down; ./spark rollback" >&2; exit 2 ;;
  *) deploy "$1" ;;
esac
