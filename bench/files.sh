#!/usr/bin/env bash
# Files at a school's scale, against a running server (./spark run), each next to a reference measured in the same run:
#   1. uploads: PHOTOS (50) students each send a different 2 MB phone photo at once (POST /api/v1/files, an assignment
#      answer: type detected, Exif stripped, hashed, stored, recorded), ROUNDS (3) times after one warm-up round; the
#      reference writes the same files at the same concurrency straight into the same storage: `cp` into a folder
#      beside the server's blobs (STORAGE_PROVIDER=local), or the AWS SDK's putObject into the server's bucket
#      (STORAGE_PROVIDER=aws). MB/s over every round, from the first request's start to the last answer. Target: the
#      API at least 0.5x of the reference. The server's heap after a full GC, before and after the uploads, printed.
#   2. range reads (local storage): a 20 MiB WAV, uploaded as lesson media by a teacher, read by READERS (200) clients
#      at once, each asking for RANGE_MIB (1) MiB from the middle again and again for DURATION (15) s
#      (GET /api/v1/files/{id}/content, Range); the reference: Debian's nginx serving the same storage folder on
#      REF_PORT, the same requests. Target: at least 0.5x of nginx's MB/s. On S3 the server answers reads with a
#      redirect to the bucket (docs/api.md), so there is nothing of ours to measure.
#
#   RATE_LIMIT_MAX=100000000 ./spark run          (then, in another shell)   bench/files.sh
# For S3: start the server with STORAGE_PROVIDER=aws and its AWS_* settings (an S3-compatible store on loopback with
# AWS_S3_ENDPOINT), and run this with the same settings in the environment or .env.
# Options (environment): BASE (http://localhost:8080), PHOTOS (50), ROUNDS (3), READERS (200), DURATION (15),
# RANGE_MIB (1), REF_PORT (8092), TEACHER (demo-teacher), TEACHER_PASSWORD (learn-with-spark: the demo data),
# WARMUP_ROUNDS (3) and MAX_WARMUP_ROUNDS (8) of uploads, READ_WARMUP (15 s of range reads).
# Needs: java (the JDK), nginx (Debian's), curl, psql, ss, unzip; the built EAR (spark-ear/target) for the S3 reference.
# Removed after the run: the students it registered (their files with them) and the blobs of their files.
set -euo pipefail
cd "$(dirname "$0")"
. ./common.sh
VERDICT_WIDTH=46
BASE=${BASE:-http://localhost:8080}
PHOTOS=${PHOTOS:-50}
ROUNDS=${ROUNDS:-3}
READERS=${READERS:-200}
DURATION=${DURATION:-15}
RANGE_MIB=${RANGE_MIB:-1}
WARMUP_ROUNDS=${WARMUP_ROUNDS:-3}
MAX_WARMUP_ROUNDS=${MAX_WARMUP_ROUNDS:-8}
READ_WARMUP=${READ_WARMUP:-15}
REF_PORT=${REF_PORT:-8092}
TEACHER=${TEACHER:-demo-teacher}
TEACHER_PASSWORD=${TEACHER_PASSWORD:-learn-with-spark}
setting() { local v=${!1:-}; [ -n "$v" ] || v=$(env_default "$1"); echo "${v:-$2}"; }
STORAGE=$(setting STORAGE_PROVIDER local)
PORT=$(sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#' <<< "$BASE"); PORT=${PORT:-80}
RUN=$(date +%s)
WORK=$(mktemp -d)
NGINX_STARTED=0

require_tools "postgresql-client curl iproute2 unzip" psql curl ss unzip java
[ "$STORAGE" = local ] && require_tools nginx nginx
require_server "RATE_LIMIT_MAX=100000000 ./spark run"

PID=$(ss -Hltnp "sport = :$PORT" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
[ -n "$PID" ] || { echo "bench: no process found listening on port $PORT" >&2; exit 1; }
JCMD=$(dirname "$(readlink -f "/proc/$PID/exe")")/jcmd
[ -x "$JCMD" ] || JCMD=$(command -v jcmd) || { echo "bench: jcmd is missing (the JDK's)" >&2; exit 1; }
# the server's storage folder: UPLOAD_DIR, relative to the domain's folder (MediaSettings.uploadDir)
UPLOAD_DIR=$(setting UPLOAD_DIR uploads)
if [[ $UPLOAD_DIR != /* ]]; then
  ROOT=$(tr '\0' '\n' < "/proc/$PID/cmdline" | sed -n 's/^-Dcom.sun.aas.instanceRoot=//p' | head -1)
  UPLOAD_DIR=$(realpath -m "${ROOT:-/proc/$PID/cwd}/$UPLOAD_DIR")
fi

cleanup() {
  [ "$NGINX_STARTED" = 1 ] && nginx -p "$WORK" -c "$WORK/nginx.conf" -s stop 2>/dev/null || true
  if [ -s "$WORK/hashes" ] && [ "$STORAGE" = local ]; then
    # blobs of the run's files that no other file uses
    while read -r h; do
      [ "$(sql "SELECT count(*) FROM files f JOIN users u ON u.id = f.owner_id WHERE f.content_hash = '$h' AND u.username NOT LIKE 'bench-files-$RUN-%'")" = 0 ] \
        && rm -f "$UPLOAD_DIR/blobs/${h:0:2}/${h:2:2}/$h"
    done < "$WORK/hashes"
  fi
  sql "DELETE FROM users WHERE username LIKE 'bench-files-$RUN-%'" >/dev/null 2>&1 || true
  rm -rf "$WORK" "$UPLOAD_DIR/bench-reference-$RUN"
}
trap cleanup EXIT

load=$(cut -d' ' -f1 /proc/loadavg)
if python3 -c "import sys; sys.exit(0 if $load > 1.5 else 1)"; then
  echo "bench: WARNING: the machine is busy (load $load): the figures will be noisy" >&2
fi

# heap_used_kib: Payara's heap in use after a full collection, in KiB
heap_used_kib() {
  "$JCMD" "$PID" GC.run >/dev/null && "$JCMD" "$PID" GC.run >/dev/null
  "$JCMD" "$PID" GC.heap_info | sed -nE 's/.* used ([0-9]+)K.*/\1/p' | head -1
}
now_ms() { date +%s%3N; }

echo "== files bench: storage $STORAGE ($([ "$STORAGE" = local ] && echo "$UPLOAD_DIR" || setting AWS_S3_BUCKET '')), $PHOTOS uploads at once x $ROUNDS rounds"
echo "making $(((ROUNDS + 1) * PHOTOS)) photos and a 20 MiB lesson recording ..."
java files/Samples.java photos "$WORK/photos" $(((ROUNDS + 1) * PHOTOS))
java files/Samples.java audio "$WORK/lesson.wav" 20

echo "registering $PHOTOS students ..."
seq 1 "$PHOTOS" | xargs -P 4 -I{} curl -fsS --retry 20 -o /dev/null -X POST "$BASE/api/v1/auth/register" -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench-files-$RUN-{}\",\"password\":\"bench password\",\"displayName\":\"Bench Files {}\"}"
seq 1 "$PHOTOS" | xargs -P 4 -I{} sh -c "curl -fsS --retry 20 -X POST '$BASE/api/v1/auth/login' -H 'Content-Type: application/json' \
  -d '{\"username\":\"bench-files-$RUN-{}\",\"password\":\"bench password\"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"accessToken\"])'" \
  > "$WORK/tokens"
[ "$(wc -l < "$WORK/tokens")" = "$PHOTOS" ] || { echo "bench: signing in the bench students failed" >&2; exit 1; }

# api_round K: the K-th set of photos, one per student, all at once; prints the wall time in ms; statuses to $WORK/statuses
api_round() {
  local start end
  ls "$WORK"/photos/photo-*.jpg | sed -n "$(($1 * PHOTOS + 1)),$((($1 + 1) * PHOTOS))p" | paste "$WORK/tokens" - > "$WORK/round"
  start=$(now_ms)
  xargs -P "$PHOTOS" -L 1 sh -c "curl -sS -o \"\$1.json\" -w '%{http_code}\n' -X POST '$BASE/api/v1/files?purpose=ASSIGNMENT&name=photo.jpg' \
    -H \"Authorization: Bearer \$0\" -H 'Content-Type: image/jpeg' --data-binary @\"\$1\"" < "$WORK/round" >> "$WORK/statuses"
  end=$(now_ms)
  cut -f2 "$WORK/round" | while read -r f; do json 'd["sha256"]' < "$f.json" 2>/dev/null || true; done >> "$WORK/hashes"
  echo $((end - start))
}

# reference_round K: the same photos written straight into the storage at the same concurrency; wall time in ms
reference_round() {
  local files start end
  files=$(ls "$WORK"/photos/photo-*.jpg | sed -n "$(($1 * PHOTOS + 1)),$((($1 + 1) * PHOTOS))p")
  if [ "$STORAGE" = local ]; then
    local dir="$UPLOAD_DIR/bench-reference-$RUN"
    mkdir -p "$dir"
    start=$(now_ms)
    xargs -P "$PHOTOS" -I{} cp {} "$dir/" <<< "$files"
    end=$(now_ms)
    rm -rf "$dir"
    echo $((end - start))
  else
    # shellcheck disable=SC2086
    java -cp "$WORK/ear/lib/*" files/S3Put.java "$(setting AWS_S3_ENDPOINT '')" "$(setting AWS_REGION us-east-1)" \
      "$(setting AWS_S3_BUCKET '')" "$(setting AWS_ACCESS_KEY_ID '')" "$(setting AWS_SECRET_ACCESS_KEY '')" \
      "$(setting AWS_S3_PATH_STYLE false)" "bench-reference-$RUN/" "$PHOTOS" $files | sed -n 's/^ms=//p'
  fi
}

if [ "$STORAGE" != local ]; then
  EAR=../spark-ear/target/spark-ear.ear
  [ -f "$EAR" ] || { echo "bench: $EAR is missing (./spark run builds it): the S3 reference uses its AWS SDK" >&2; exit 1; }
  unzip -q "$EAR" 'lib/*' -d "$WORK/ear"
fi

# a server just started is still compiling the upload path: rounds of the warm-up set (the same photos again, so the
# same work but for the database row) until a round is no more than 10 % faster than the one before
echo "warming up (at least $WARMUP_ROUNDS rounds of uploads, until steady) ..."
prev=0
for w in $(seq 1 "$MAX_WARMUP_ROUNDS"); do
  t=$(api_round 0)
  echo "  warm-up round $w: API $t ms"
  [ "$w" -ge "$WARMUP_ROUNDS" ] && [ "$prev" -gt 0 ] && [ $((t * 10)) -ge $((prev * 9)) ] && break
  prev=$t
done
reference_round 0 >/dev/null
: > "$WORK/statuses"
HEAP_BEFORE=$(heap_used_kib)
api_ms=0; ref_ms=0
for k in $(seq 1 "$ROUNDS"); do
  a=$(api_round "$k"); r=$(reference_round "$k")
  echo "  round $k: API $a ms, reference $r ms"
  api_ms=$((api_ms + a)); ref_ms=$((ref_ms + r))
done
HEAP_AFTER=$(heap_used_kib)
bytes=$(ls "$WORK"/photos/photo-*.jpg | sed -n "$((PHOTOS + 1)),$(((ROUNDS + 1) * PHOTOS))p" | xargs stat -c %s | awk "{s += \$1} END {print s}")
created=$(grep -c '^201$' "$WORK/statuses" || true)
api_mbs=$(python3 -c "print(f'{$bytes / 1e6 / ($api_ms / 1000):.1f}')")
ref_mbs=$(python3 -c "print(f'{$bytes / 1e6 / ($ref_ms / 1000):.1f}')")
echo
echo "uploads: $((ROUNDS * PHOTOS)) photos of $((bytes / ROUNDS / PHOTOS / 1024)) KiB, $PHOTOS at once"
echo "  API:       $api_mbs MB/s ($api_ms ms over $ROUNDS rounds; statuses: $(sort "$WORK/statuses" | uniq -c | awk '{printf "%s %s ", $1, $2}'))"
echo "  reference: $ref_mbs MB/s ($ref_ms ms; $([ "$STORAGE" = local ] && echo "cp into $UPLOAD_DIR" || echo "the AWS SDK's putObject"))"
echo "  heap after a full GC: $((HEAP_BEFORE / 1024)) MiB before the uploads, $((HEAP_AFTER / 1024)) MiB after"
check "every upload stored (201)" "$([ "$created" = $((ROUNDS * PHOTOS)) ] && echo 1)" "$created of $((ROUNDS * PHOTOS))"
check "heap flat (within 32 MiB after the uploads)" "$([ $((HEAP_AFTER - HEAP_BEFORE)) -lt 32768 ] && echo 1)" \
  "$(((HEAP_AFTER - HEAP_BEFORE) / 1024)) MiB more"
verdict "uploads MB/s, API vs reference" "$api_mbs" "$ref_mbs" ge 0.5

if [ "$STORAGE" = local ]; then
  TEACHER_TOKEN=$(login "$TEACHER" "$TEACHER_PASSWORD") \
    || { echo "bench: $TEACHER could not sign in (TEACHER, TEACHER_PASSWORD: a teacher of the server)" >&2; exit 1; }
  curl -fsS -X POST "$BASE/api/v1/files?purpose=LESSON_MEDIA&name=bench-lesson.wav" -H "Authorization: Bearer $TEACHER_TOKEN" \
    -H 'Content-Type: audio/wav' --data-binary @"$WORK/lesson.wav" > "$WORK/lesson.json"
  FILE_ID=$(json 'd["id"]' < "$WORK/lesson.json")
  SHA=$(json 'd["sha256"]' < "$WORK/lesson.json")
  KEY="blobs/${SHA:0:2}/${SHA:2:2}/$SHA"
  [ -f "$UPLOAD_DIR/$KEY" ] || { echo "bench: the lesson recording is not at $UPLOAD_DIR/$KEY" >&2; exit 1; }
  # the teacher's file is the demo school's lesson media: removed after the run (its blob only if no other file has it)
  sql "UPDATE files SET owner_id = (SELECT id FROM users WHERE username = 'bench-files-$RUN-1') WHERE id = '$FILE_ID'" >/dev/null
  echo "$SHA" >> "$WORK/hashes"

  # workers as this user (the storage folder is the server's, not www-data's)
  cat > "$WORK/nginx.conf" <<NGINX
user $(id -un);
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { audio/wav wav; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$REF_PORT;
    root $UPLOAD_DIR;
    location /blobs/ { }
  }
}
NGINX
  nginx -p "$WORK" -c "$WORK/nginx.conf"
  NGINX_STARTED=1
  first=$((10 * 1024 * 1024)); last=$((first + RANGE_MIB * 1024 * 1024 - 1))
  echo
  echo "range reads: $READERS readers, bytes=$first-$last of a 20 MiB recording, $DURATION s each (after a warm-up) ..."
  tool LoadGen rate "$BASE/api/v1/files/$FILE_ID/content" "$READERS" "$READ_WARMUP" "Range:bytes=$first-$last" >/dev/null
  tool LoadGen rate "http://127.0.0.1:$REF_PORT/$KEY" "$READERS" 5 "Range:bytes=$first-$last" >/dev/null
  spark=$(tool LoadGen rate "$BASE/api/v1/files/$FILE_ID/content" "$READERS" "$DURATION" "Range:bytes=$first-$last")
  ref=$(tool LoadGen rate "http://127.0.0.1:$REF_PORT/$KEY" "$READERS" "$DURATION" "Range:bytes=$first-$last")
  mbs() { python3 -c "print(f'{$(field rps "$1") * $RANGE_MIB * 1.048576:.1f}')"; }
  echo "  API:   $(mbs "$spark") MB/s ($spark)"
  echo "  nginx: $(mbs "$ref") MB/s ($ref)"
  check "every range read answered 206" "$([[ $(field statuses "$spark") =~ ^\{206=[0-9]+\}$ ]] && [[ $(field statuses "$ref") =~ ^\{206=[0-9]+\}$ ]] && echo 1)" \
    "API $(field statuses "$spark"), nginx $(field statuses "$ref")"
  verdict "range reads MB/s, API vs nginx" "$(mbs "$spark")" "$(mbs "$ref")" ge 0.5
fi

finish files
