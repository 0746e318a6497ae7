#!/usr/bin/env bash
# Speed of the walking skeleton, against a running server (./spark run), each figure next to a reference
# measured in the same run:
#   1. GET /api/v1/users/me with a valid token vs the server's own /health/live, same concurrency:
#      target >= 0.5x its requests/s and p99 <= 3x its p99.
#   2. A login storm: 200 students signing in at once (Argon2id, 64 MiB each): every answer 200/401/429/503
#      with Retry-After, none 500, heap stays under its limit. Prints logins/s and p99.
#
# The general API limit would stop a load test, so start the server for it with a high one:
#   RATE_LIMIT_MAX=100000000 ./spark run          (then, in another shell)   bench/auth.sh
# Options (environment): BASE (http://localhost:8080), CONCURRENCY (16), DURATION (15, seconds per measurement), LOGINS (200).
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
BASE=${BASE:-http://localhost:8080}
CONCURRENCY=${CONCURRENCY:-16}
DURATION=${DURATION:-15}
LOGINS=${LOGINS:-200}
RUN=$(date +%s)
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT

post() { curl -fsS -X POST "$BASE$1" -H 'Content-Type: application/json' -d "$2"; }

require_server "./spark run"

# --- 1. /users/me vs /health/live ---------------------------------------------------------------------
post /api/v1/auth/register "{\"username\":\"bench-$RUN\",\"password\":\"bench password\",\"displayName\":\"Bench\"}" >/dev/null
TOKEN=$(post /api/v1/auth/login "{\"username\":\"bench-$RUN\",\"password\":\"bench password\"}" | json 'd["accessToken"]')
limit=$(curl -fsS -D - -o /dev/null "$BASE/api/v1/users/me" -H "Authorization: Bearer $TOKEN" | tr -d '\r' | sed -n 's/^RateLimit-Limit: //Ip')
if [ "${limit:-0}" -lt 10000000 ]; then
  echo "bench: the server's RATE_LIMIT_MAX is $limit; restart it with RATE_LIMIT_MAX=100000000 ./spark run" >&2; exit 1
fi

echo "warming up (the JIT needs tens of seconds under load on 2 cores) ..."
for _ in 1 2 3; do
  tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" 8 >/dev/null
  tool LoadGen rate "$BASE/api/v1/users/me" "$CONCURRENCY" 8 "Authorization: Bearer $TOKEN" >/dev/null
done

ref=$(tool LoadGen rate "$BASE/health/live" "$CONCURRENCY" "$DURATION")
me=$(tool LoadGen rate "$BASE/api/v1/users/me" "$CONCURRENCY" "$DURATION" "Authorization: Bearer $TOKEN")
ref_rps=$(field rps "$ref"); ref_p99=$(field p99_ms "$ref")
me_rps=$(field rps "$me"); me_p99=$(field p99_ms "$me")
echo
echo "== GET /api/v1/users/me vs /health/live, $CONCURRENCY concurrent clients, ${DURATION}s each"
printf '%-22s %10s %9s %9s   %s\n' "" "req/s" "p50 ms" "p99 ms" "statuses"
printf '%-22s %10s %9s %9s   %s\n' "/health/live (ref)" "$ref_rps" "$(field p50_ms "$ref")" "$ref_p99" "$(field statuses "$ref")"
printf '%-22s %10s %9s %9s   %s\n' "/api/v1/users/me" "$me_rps" "$(field p50_ms "$me")" "$me_p99" "$(field statuses "$me")"
python3 - "$me_rps" "$ref_rps" "$me_p99" "$ref_p99" <<'PY'
import sys
me_rps, ref_rps, me_p99, ref_p99 = map(float, sys.argv[1:])
r, p = me_rps / ref_rps, me_p99 / ref_p99
print(f"throughput ratio {r:.2f}x (target >= 0.5x): {'PASS' if r >= 0.5 else 'FAIL'}")
print(f"p99 ratio        {p:.2f}x (target <= 3x):   {'PASS' if p <= 3 else 'FAIL'}")
PY

# --- 2. login storm ------------------------------------------------------------------------------------
echo
echo "== login storm: registering $LOGINS students ..."
seq 1 "$LOGINS" | xargs -P 8 -I{} curl -fsS -o /dev/null -X POST "$BASE/api/v1/auth/register" \
  -H 'Content-Type: application/json' -d "{\"username\":\"storm-$RUN-{}\",\"password\":\"storm password\",\"displayName\":\"Storm {}\"}"
for i in $(seq 1 "$LOGINS"); do
  echo "{\"username\":\"storm-$RUN-$i\",\"password\":\"storm password\"}"
done > "$WORK/bodies"

# sample the heap while the storm runs
( while :; do curl -fsS "$BASE/health/live" 2>/dev/null | json '[c["data"] for c in d["checks"] if c["name"]=="heap"][0]["usedMiB"]' || true; sleep 0.1; done ) > "$WORK/heap" &
SAMPLER=$!
storm=$(tool LoadGen burst "$BASE/api/v1/auth/login" "$WORK/bodies")
kill $SAMPLER 2>/dev/null || true
heap_max=$(curl -fsS "$BASE/health/live" | json '[c["data"] for c in d["checks"] if c["name"]=="heap"][0]["maxMiB"]')
heap_peak=$(sort -n "$WORK/heap" | tail -1)
statuses=$(field statuses "$storm")
echo "$LOGINS concurrent logins: $(field rps "$storm") logins/s, p50 $(field p50_ms "$storm") ms, p99 $(field p99_ms "$storm") ms, all answered in $(field seconds "$storm") s"
echo "statuses: $statuses   (-1 = no answer, -2 = 429/503 without Retry-After)"
echo "heap: peak ${heap_peak} MiB sampled during the storm, limit ${heap_max} MiB"
python3 - "$statuses" "$heap_peak" "$heap_max" <<'PY'
import sys, re
st = dict((int(k), int(v)) for k, v in re.findall(r'(-?\d+)=(\d+)', sys.argv[1]))
bad = {k: v for k, v in st.items() if k not in (200, 401, 429, 503)}
peak, cap = float(sys.argv[2] or 0), float(sys.argv[3])
print(f"every login answered 200/401/429/503 (none 500, none lost): {'PASS' if not bad else 'FAIL ' + str(bad)}")
print(f"heap under its limit: {'PASS' if peak < cap else 'FAIL'}")
PY
