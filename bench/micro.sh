#!/usr/bin/env bash
# Payara Micro next to the Payara Server domain, in one run, on the same database, Redis and heap size:
#   1. start to ready: the domain (start-domain, deploy spark-ear.ear, /health/ready, as ./spark run does after its
#      build) vs Micro (./spark micro: post-boot file, java -jar payara-micro.jar with spark-micro.war, /health/ready)
#   2. memory: the resident set (RSS) of each JVM when ready, and after the load
#   3. GET /api/v1/users/me requests/s with one token, same concurrency, measured alternately (server, Micro, server,
#      Micro) after a warm-up: target Micro >= 0.9x the server.
# Needs the domain provisioned once (./spark run or ./spark provision) and both artifacts built (./spark run builds
# the EAR, ./spark micro the WAR). Stops the domain first (to time its start) and leaves it as it found it; the
# general API limit is raised for both (RATE_LIMIT_MAX), so no other server should use the same database meanwhile.
# Options (environment): PORT (8080) and ADMIN_PORT (4848) of the domain, MICRO_PORT (8180), CONCURRENCY (16),
# DURATION (15, seconds per measurement), plus the server's own settings (.env, DATABASE_URL, REDIS_URL, SPARK_HEAP).
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
ROOT=$(cd .. && pwd)
if [ -f ../.env ]; then set -a; . ../.env; set +a; fi
PORT=${PORT:-8080}; ADMIN_PORT=${ADMIN_PORT:-4848}; MICRO_PORT=${MICRO_PORT:-8180}
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-15}
ASADMIN=(../build/payara6/bin/asadmin --port "$ADMIN_PORT" --interactive=false)
DOMAIN_DIR=../build/payara6/glassfish/domains/spark
SERVER=http://localhost:$PORT
MICRO=http://localhost:$MICRO_PORT
export RATE_LIMIT_MAX=100000000 DATABASE_URL REDIS_URL
mkdir -p results

[ -d "$DOMAIN_DIR" ] || { echo "bench: no domain at $DOMAIN_DIR; run ./spark run (or ./spark provision) once" >&2; exit 1; }
for a in ../spark-ear/target/spark-ear.ear ../spark-micro/target/spark-micro.war; do
  [ -f "$a" ] || { echo "bench: $a is missing; build with ./mvnw install -DskipTests" >&2; exit 1; }
done
if [ -n "$(cd .. && find pom.xml */pom.xml */src/main -newer spark-micro/target/spark-micro.war -type f -print -quit)" ]; then
  echo "bench: the sources are newer than spark-micro.war; build first (./mvnw install -DskipTests)" >&2; exit 1
fi

domain_running() { ../build/payara6/bin/asadmin list-domains 2>/dev/null | grep -q '^spark running'; }
was_running=false
stop_domain() {
  if "${ASADMIN[@]}" list-applications 2>/dev/null | grep -q '^spark '; then "${ASADMIN[@]}" undeploy spark >/dev/null; fi
  "${ASADMIN[@]}" stop-domain spark >/dev/null
}
if domain_running; then was_running=true; echo "stopping the domain, to time its start ..."; stop_domain; fi
MICRO_LAUNCHER=
cleanup() {
  [ -n "$MICRO_LAUNCHER" ] && { kill "$MICRO_LAUNCHER" 2>/dev/null; wait "$MICRO_LAUNCHER" 2>/dev/null || true; }
  if ! $was_running && domain_running; then stop_domain; fi
}
trap cleanup EXIT

now_ms() { date +%s%3N; }
wait_ready() { until curl -fsS "$1/health/ready" >/dev/null 2>&1; do sleep 0.2; done; }
rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)

# --- 1 and 2: start to ready, memory -----------------------------------------------------------------------
echo "starting the domain and deploying the EAR ..."
t0=$(now_ms)
../build/payara6/bin/asadmin start-domain spark >/dev/null
"${ASADMIN[@]}" deploy --name spark ../spark-ear/target/spark-ear.ear >/dev/null
wait_ready "$SERVER"
server_start=$(( $(now_ms) - t0 ))
server_pid=$(cat "$DOMAIN_DIR/config/pid")
server_rss=$(rss_mib "$server_pid")

echo "starting Payara Micro ..."
t0=$(now_ms)
# the settings above (.env's included) are in the environment already; PORT is Micro's own
(cd .. && SPARK_IGNORE_DOTENV=1 PORT=$MICRO_PORT exec ./spark micro --name "bench-micro-$$" --nocluster) > results/micro.log 2>&1 &
MICRO_LAUNCHER=$!
until curl -fsS "$MICRO/health/ready" >/dev/null 2>&1; do
  kill -0 "$MICRO_LAUNCHER" 2>/dev/null || { echo "bench: Payara Micro exited; see bench/results/micro.log" >&2; exit 1; }
  sleep 0.2
done
micro_start=$(( $(now_ms) - t0 ))
micro_pid=$(pgrep -f -- "payara-micro.jar .*--name bench-micro-$$")
micro_rss=$(rss_mib "$micro_pid")

# --- 3. GET /api/v1/users/me ---------------------------------------------------------------------------------
RUN=$(date +%s)
curl -fsS -X POST "$SERVER/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench-micro-$RUN\",\"password\":\"bench password\",\"displayName\":\"Bench\"}" >/dev/null
BASE=$SERVER
TOKEN=$(login "bench-micro-$RUN" "bench password")
AUTH="Authorization: Bearer $TOKEN"
echo "warming up both (the JIT needs tens of seconds under load on 2 cores) ..."
for _ in 1 2 3; do
  tool LoadGen rate "$SERVER/api/v1/users/me" "$CONCURRENCY" 8 "$AUTH" >/dev/null
  tool LoadGen rate "$MICRO/api/v1/users/me" "$CONCURRENCY" 8 "$AUTH" >/dev/null
done
s1=$(tool LoadGen rate "$SERVER/api/v1/users/me" "$CONCURRENCY" "$DURATION" "$AUTH")
m1=$(tool LoadGen rate "$MICRO/api/v1/users/me" "$CONCURRENCY" "$DURATION" "$AUTH")
s2=$(tool LoadGen rate "$SERVER/api/v1/users/me" "$CONCURRENCY" "$DURATION" "$AUTH")
m2=$(tool LoadGen rate "$MICRO/api/v1/users/me" "$CONCURRENCY" "$DURATION" "$AUTH")
mean() { python3 -c "print(round(($1 + $2) / 2, 1))"; }
server_rps=$(mean "$(field rps "$s1")" "$(field rps "$s2")")
micro_rps=$(mean "$(field rps "$m1")" "$(field rps "$m2")")
server_rss_after=$(rss_mib "$server_pid"); micro_rss_after=$(rss_mib "$micro_pid")

echo
echo "== Payara Micro ${MICRO_PORT} vs the Payara Server domain ${PORT}: same database, Redis, heap (SPARK_HEAP ${SPARK_HEAP:-1g})"
echo "   load average before the run: $LOAD_BEFORE (2 cores)"
printf '%-34s %16s %16s\n' "" "server (ref)" "Micro"
printf '%-34s %16s %16s\n' "start to ready (s)" "$(python3 -c "print(round($server_start / 1000, 1))")" "$(python3 -c "print(round($micro_start / 1000, 1))")"
printf '%-34s %16s %16s\n' "RSS when ready (MiB)" "$server_rss" "$micro_rss"
printf '%-34s %16s %16s\n' "RSS after the load (MiB)" "$server_rss_after" "$micro_rss_after"
printf '%-34s %16s %16s\n' "GET /users/me req/s (2 rounds)" "$server_rps" "$micro_rps"
printf '%-34s %16s %16s\n' "  rounds" "$(field rps "$s1") $(field rps "$s2")" "$(field rps "$m1") $(field rps "$m2")"
printf '%-34s %16s %16s\n' "  p99 ms (last round)" "$(field p99_ms "$s2")" "$(field p99_ms "$m2")"
printf '%-34s %16s %16s\n' "  statuses" "$(field statuses "$s2")" "$(field statuses "$m2")"
echo
check "every answer 200" "$( [[ "$(field statuses "$s1") $(field statuses "$s2") $(field statuses "$m1") $(field statuses "$m2")" =~ ^(\{200=[0-9]+\} ?)+$ ]] && echo 1)"
verdict "Micro GET /users/me req/s vs the server" "$micro_rps" "$server_rps" ge 0.9
finish micro
