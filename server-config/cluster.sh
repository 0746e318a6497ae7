#!/usr/bin/env bash
# Project Spark as a cluster on this machine: a domain whose server (the DAS) keeps the admin console, a deployment
# group of N instances serving the API (Payara's Data Grid joins them), and nginx in front. Run through ./spark:
#
#   ./spark cluster up N    build, provision the domain and the group, create and start N instances, deploy the EAR to
#                           the group, start nginx over the instances, print the URLs
#   ./spark cluster add     one more instance in the running group (nginx sends it traffic once it is ready)
#   ./spark cluster down    nginx, the application, the instances and the domain stopped
#   ./spark cluster status  the instances and their ports
#   ./spark cluster stop spark-N    one instance out of nginx (requests in flight finish), then stopped
#   ./spark cluster start spark-N   one instance started (again, after a stop or a crash): nginx leaves it out until its
#                           application answers ready (a starting instance answers 404 meanwhile), then sends it requests
#   ./spark cluster nginx   nginx (re)started over the instances ready now
#   ./spark cluster test    builds, and runs the cluster tests (spark-it's *ClusterIT) against a cluster of two instances
#                           of their own behind nginx (mvn verify -Pcluster; ports: -Dit.cluster.portbase=...)
#
# Settings (environment or .env): CLUSTER_DOMAIN (spark-cluster), CLUSTER_PORTBASE (4800: console at +48),
# INSTANCE_PORTBASE (8100: instance n at +100*(n-1), HTTP at +80 of that), NGINX_PORT (8080), DAS_HEAP (384m),
# INSTANCE_HEAP (768m), DATA_GRID_INTERFACE (127.0.0.1 here; a host's own address on real hosts), DATA_GRID_NAME,
# SKIP_BUILD (1: deploy the EAR already built). Every application setting reaches the instances from this shell's
# environment, as with ./spark run. Real hosts (SSH nodes): docs/operations.md, "A cluster".
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

export CLUSTER_DOMAIN=${CLUSTER_DOMAIN:-spark-cluster}
export CLUSTER_PORTBASE=${CLUSTER_PORTBASE:-4800}
export INSTANCE_PORTBASE=${INSTANCE_PORTBASE:-8100}
export NGINX_PORT=${NGINX_PORT:-8080}
GROUP=spark-instances
APP=spark
ASADMIN="$ROOT/build/payara6/bin/asadmin"
ADMIN_PORT=$((CLUSTER_PORTBASE + 48))
A=("$ASADMIN" --port "$ADMIN_PORT" --interactive=false)
NODE="localhost-$CLUSTER_DOMAIN"
NGINX_DIR="$ROOT/build/nginx-$CLUSTER_DOMAIN"

say() { echo "cluster[$CLUSTER_DOMAIN]: $*"; }
die() { echo "cluster[$CLUSTER_DOMAIN]: $*" >&2; exit 1; }
for p in "$CLUSTER_PORTBASE" "$INSTANCE_PORTBASE" "$NGINX_PORT"; do
  [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -lt 65000 ] || die "CLUSTER_PORTBASE, INSTANCE_PORTBASE and NGINX_PORT must be port numbers"
done

domain_running() { [ -x "$ASADMIN" ] && "$ASADMIN" list-domains 2>/dev/null | grep -q "^$CLUSTER_DOMAIN running"; }

# instance names of the group, in order (spark-1, spark-2, ...)
instances() { "${A[@]}" list-instances "$GROUP" 2>/dev/null | awk '$1 ~ /^spark-[0-9]+$/ {print $1}' | sort -t- -k2 -n; }
running_instances() { "${A[@]}" list-instances "$GROUP" 2>/dev/null | awk '$1 ~ /^spark-[0-9]+$/ && $2 == "running" {print $1}' | sort -t- -k2 -n; }
instance_http_port() { echo $((INSTANCE_PORTBASE + 100 * (${1#spark-} - 1) + 80)); }
instance_ready() { curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$(instance_http_port "$1")/health/ready" 2>/dev/null; }
# the instances that serve: running, with the application started. A starting instance opens its HTTP port minutes
# before the application is loaded and answers 404 meanwhile (fast, so least_conn would send it most requests)
# (DRAIN: one left out, about to stop)
ready_instances() {
  local name
  for name in $(running_instances); do [ "$name" != "${DRAIN:-}" ] && instance_ready "$name" && echo "$name"; done
  return 0
}

wait_ready() { # name
  local url="http://127.0.0.1:$(instance_http_port "$1")/health/ready"
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 1
  done
  die "$1 was not ready within 10 minutes ($url); see build/payara6/glassfish/nodes/$NODE/$1/logs/server.log"
}

create_instance() { # name
  local n=${1#spark-}
  say "creating instance $1 (port base $((INSTANCE_PORTBASE + 100 * (n - 1))), HTTP $(instance_http_port "$1"))"
  "${A[@]}" create-instance --node "$NODE" --config "$GROUP-config" --portbase $((INSTANCE_PORTBASE + 100 * (n - 1))) "$1" >/dev/null
  "${A[@]}" add-instance-to-deployment-group --instance "$1" --deploymentgroup "$GROUP" >/dev/null
}

start_instance() { # name
  say "starting $1"
  "${A[@]}" start-instance --timeout 900 "$1" >/dev/null
  wait_ready "$1"
  say "$1 ready at http://127.0.0.1:$(instance_http_port "$1")"
}

deployed() { "${A[@]}" list-applications "$GROUP" 2>/dev/null | grep -q "^$APP "; }

# --- nginx (server-config/nginx/nginx.sh) ---------------------------------------------------------------------------
. "$ROOT/server-config/nginx/nginx.sh"

# spark.conf with the upstream list from the ready instances
render_nginx() {
  local servers="" name
  for name in $(ready_instances); do
    servers+="server 127.0.0.1:$(instance_http_port "$name") max_fails=3 fail_timeout=10s;"$'\n'
  done
  [ -n "$servers" ] || servers="server 127.0.0.1:$(instance_http_port spark-1) max_fails=3 fail_timeout=10s;"$'\n'
  nginx_render "./spark cluster from the ready instances of $GROUP" "$servers"
}

start_or_reload_nginx() {
  ensure_nginx
  render_nginx
  nginx_start_or_reload
  if [ "$NGINX_ACTION" = reloaded ]; then
    say "nginx reloaded: $(ready_instances | tr '\n' ' ')"
  else
    say "nginx on port $NGINX_PORT over: $(ready_instances | tr '\n' ' ')"
  fi
}

stop_nginx() { nginx_stop; }

# --- commands ------------------------------------------------------------------------------------------------------
provision() {
  # the domain's server only administers: a small heap; the instances get INSTANCE_HEAP
  SPARK_HEAP=${DAS_HEAP:-384m} SPARK_HEAP_MIN=${DAS_HEAP:-384m} INSTANCE_HEAP=${INSTANCE_HEAP:-768m} \
  DATA_GRID_INTERFACE=${DATA_GRID_INTERFACE:-127.0.0.1} DATA_GRID_NAME=${DATA_GRID_NAME:-$CLUSTER_DOMAIN-$CLUSTER_PORTBASE} \
  GROUP_GRID_PORT=$((INSTANCE_PORTBASE + 59)) \
    server-config/provision.sh --domain "$CLUSTER_DOMAIN" --portbase "$CLUSTER_PORTBASE" --group "$GROUP"
}

up() {
  local n=${1:-2} started=$SECONDS name i
  [[ "$n" =~ ^[1-9][0-9]?$ ]] || die "usage: ./spark cluster up N (N instances, 1-99)"
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building (./mvnw clean install, tests skipped)"
    ./mvnw -q -B clean install -DskipTests -DskipITs
  fi
  # nginx in front believes the instances' X-Forwarded-For only from this machine
  export TRUSTED_PROXIES=${TRUSTED_PROXIES:-127.0.0.1,0:0:0:0:0:0:0:1,::1}
  # a fresh start, so that the domain and its instances see this shell's settings
  down quiet
  provision
  for i in $(seq 1 "$n"); do
    instances | grep -qx "spark-$i" || create_instance "spark-$i"
  done
  say "deploying spark-ear.ear to $GROUP"
  "${A[@]}" deploy --target "$GROUP" --name "$APP" spark-ear/target/spark-ear.ear >/dev/null
  for i in $(seq 1 "$n"); do start_instance "spark-$i"; done
  start_or_reload_nginx
  urls "$started"
}

add() {
  domain_running || die "no cluster is running; ./spark cluster up N first"
  local last next
  last=$(instances | tail -1); next="spark-$(( ${last#spark-} + 1 ))"
  create_instance "$next"
  # a new member takes the group's applications and resources when it joins; said again for an older group
  "${A[@]}" list-applications "$next" 2>/dev/null | grep -q "^$APP " \
    || "${A[@]}" create-application-ref --target "$next" "$APP" >/dev/null
  start_instance "$next"
  start_or_reload_nginx
}

# one instance stopped for a restart or an upgrade: out of nginx first (a reload lets the requests in flight finish), so
# that it is sent nothing while its application stops
stop_one() { # name
  domain_running || die "no cluster is running"
  instances | grep -qx "$1" || die "no instance $1 in $GROUP"
  DRAIN=$1 start_or_reload_nginx
  sleep 2
  "${A[@]}" stop-instance "$1" >/dev/null
  say "$1 stopped"
}

# one instance started again (after a stop, a crash or a kill): nginx over the ready ones first, so that a dead one is
# out while it starts, and it back in once its application answers ready
start_one() { # name
  domain_running || die "no cluster is running"
  instances | grep -qx "$1" || die "no instance $1 in $GROUP"
  start_or_reload_nginx
  start_instance "$1"
  start_or_reload_nginx
}

down() {
  local quiet=${1:-}
  stop_nginx
  domain_running || { [ -n "$quiet" ] || say "not running"; return 0; }
  # undeployed before the instances stop: an instance that boots with the previous EAR may load it without its
  # authentication mechanism (docs/operations.md); ./spark cluster up deploys the new one to stopped instances
  if deployed; then "${A[@]}" undeploy --target "$GROUP" "$APP" >/dev/null || true; fi
  for name in $(running_instances); do
    "${A[@]}" stop-instance "$name" >/dev/null || "${A[@]}" stop-instance --kill=true "$name" >/dev/null || true
  done
  "${A[@]}" stop-domain "$CLUSTER_DOMAIN" >/dev/null
  say "stopped"
}

status() {
  domain_running || { say "not running"; return 0; }
  "${A[@]}" list-instances --long "$GROUP"
  for name in $(running_instances); do echo "  $name  http://127.0.0.1:$(instance_http_port "$name")"; done
  if nginx_pid >/dev/null; then echo "  nginx  http://localhost:$NGINX_PORT"; else echo "  nginx  stopped"; fi
}

urls() {
  cat <<EOT

  Project Spark cluster is ready ($((SECONDS - $1)) s): $(running_instances | wc -l) instances of $GROUP
    API (nginx)    http://localhost:$NGINX_PORT/api/v1
    Health         http://localhost:$NGINX_PORT/health   (detail: /api/v1/health)
    Instances      $(for name in $(running_instances); do printf '%s ' "http://127.0.0.1:$(instance_http_port "$name")"; done)
    Admin console  http://localhost:$ADMIN_PORT   (the instances: Deployment Groups > $GROUP)
    Logs           build/payara6/glassfish/nodes/$NODE/<instance>/logs/server.log, $NGINX_DIR/logs/
  ./spark cluster add adds an instance; ./spark cluster down stops it all.

EOT
}

case "${1:-}" in
  up) up "${2:-2}" ;;
  add) add ;;
  down) down ;;
  status) status ;;
  test)
    shift
    ensure_nginx
    # the reactor builds the EAR; unit tests are ./mvnw verify's, so none run here
    ./mvnw -B verify -Pcluster -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false "$@" ;;
  nginx) domain_running || die "no cluster is running"; start_or_reload_nginx ;;
  stop) [ -n "${2:-}" ] || die "usage: ./spark cluster stop spark-N"; stop_one "$2" ;;
  start) [ -n "${2:-}" ] || die "usage: ./spark cluster start spark-N"; start_one "$2" ;;
  *) echo "usage: ./spark cluster [up N|add|down|status|nginx|stop NAME|start NAME|test]" >&2; exit 2 ;;
esac
