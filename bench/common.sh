# Helpers the bench scripts share; sourced from bench/ (each script cds there first). Uses DATABASE_URL for sql,
# VERDICT_WIDTH (40; a script sets its own after sourcing) for the label column of verdict lines; counts missed
# targets in FAILS.

# env_default NAME: NAME's value in ../.env (the server's settings), empty when unset
env_default() { [ -f ../.env ] && sed -n "s/^$1=//p" ../.env | tail -1 | tr -d '"'"'" || true; }
# json EXPR: EXPR of the JSON document on stdin, as d
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
# field KEY LINE: a value of the key=value line a load generator (LoadGen, SyncRush) prints
field() { sed -E "s/.*(^| )$1=([^ ]+).*/\2/" <<< "$2"; }
sql() { psql "$DATABASE_URL" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

# tool CLASS ARGS...: runs one of the bench's Java tools (LoadGen, SyncRush; both speak HTTP through Http1.java),
# compiled into results/classes (git-ignored) when a source is newer than the last build
TOOLS=results/classes
tool() { java -cp "$TOOLS" "$@"; }
if [ ! -f "$TOOLS/.built" ] || [ -n "$(find Http1.java LoadGen.java SyncRush.java -newer "$TOOLS/.built")" ]; then
  rm -rf "$TOOLS" && mkdir -p "$TOOLS" && javac -d "$TOOLS" Http1.java LoadGen.java SyncRush.java && touch "$TOOLS/.built" \
    || { echo "bench: compiling the bench tools (javac) failed" >&2; exit 1; }
fi

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

# require_server HINT: stops the bench unless a server answers ready at BASE
require_server() {
  curl -fsS "$BASE/health/ready" >/dev/null || { echo "bench: no ready server at $BASE (start it with $1)" >&2; exit 1; }
}
