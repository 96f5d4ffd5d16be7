#!/usr/bin/env bash
# Builds the single binary (`npm run build` → dist/ntnt; NTNT_SKIP_BUILD=1 reuses it) and checks
# it: copied alone into an empty folder it must run programs that import std modules, serve
# HTTP, pass an `intent check` and run Intent Studio, and start up in well under 100 ms. Start-up is timed over repeated runs of a hello
# program; the fastest run is the one compared with the limit, because on a busy machine the
# average mostly measures waiting for a CPU.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${NTNT_SKIP_BUILD:-}" = 1 ] && [ -x dist/ntnt ] || npm run build

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp dist/ntnt "$tmp/ntnt"
cd "$tmp"

cat > std.tnt <<'EOF'
import { split, join, to_upper } from "std/string"
import { keys } from "std/collections"
import { stringify } from "std/json"
import "std/math" as m
print(join(split("a,b,c", ","), "+"))
print(to_upper("ok"))
print(keys(map { "x": 1, "y": 2 }))
print(stringify(map { "n": [1, 2] }))
print(round(m.PI, 2))
EOF
expected=$'a+b+c\nOK\n[x, y]\n{"n":[1,2]}\n3.14'
actual=$(env -i PATH=/usr/bin:/bin NO_COLOR=1 ./ntnt run std.tnt)
if [ "$actual" != "$expected" ]; then
  printf 'check-binary: std program output differs\n--- expected\n%s\n--- actual\n%s\n' "$expected" "$actual" >&2
  exit 1
fi
echo "check-binary: std modules OK"

# The compile cache (src/engine/compile-cache.ts): the first run keeps a record, the second uses it.
for pass in first second; do
  actual=$(env -i PATH=/usr/bin:/bin NO_COLOR=1 XDG_CACHE_HOME="$tmp/cache" ./ntnt run std.tnt)
  if [ "$actual" != "$expected" ]; then
    printf 'check-binary: std program output differs on its %s cached run\n%s\n' "$pass" "$actual" >&2
    exit 1
  fi
done
records=$(find "$tmp/cache/ntnt/compile" -name '*.json' 2>/dev/null | wc -l)
[ "$records" = 1 ] || { echo "check-binary: expected one compile cache record, found $records" >&2; exit 1; }
echo "check-binary: compile cache OK"

cat > app.tnt <<'EOF'
import { json } from "std/http/server"
fn health(req) { return json(map { "status": "ok" }) }
get("/health", health)
listen(8080)
EOF
port=$(( 20000 + RANDOM % 20000 ))
if ! out=$(env -i PATH=/usr/bin:/bin NO_COLOR=1 ./ntnt test app.tnt --get /health --port "$port" 2>&1); then
  printf 'check-binary: ntnt test failed\n%s\n' "$out" >&2
  exit 1
fi
grep -q '1 passed, 0 failed' <<<"$out" || { printf 'check-binary: unexpected test output\n%s\n' "$out" >&2; exit 1; }
echo "check-binary: HTTP server OK"

# intent check starts the app with the binary itself and loads call: sources in-process.
mkdir -p lib
printf 'fn shout(w) { return w + "!" }\n' > lib/words.tnt
cat > app.intent <<'EOF'
## Glossary
| Term | Means |
|------|-------|
| a user visits {path} | GET {path} |
| shouting {w} | call: shout({w}), source: lib/words.tnt |

Feature: Health
  Scenario: Up
    When a user visits /health
    → body contains "ok"
  Scenario: Shout
    When shouting hey
    → result is "hey!"
EOF
port=$(( 20000 + RANDOM % 20000 ))
if ! out=$(env -i PATH=/usr/bin:/bin NO_COLOR=1 ./ntnt intent check app.tnt --port "$port" 2>&1); then
  printf 'check-binary: ntnt intent check failed\n%s\n' "$out" >&2
  exit 1
fi
grep -q 'Assertions: 3 passed, 0 failed' <<<"$out" || { printf 'check-binary: unexpected intent check output\n%s\n' "$out" >&2; exit 1; }
echo "check-binary: intent check OK"

# Intent Studio from the binary on the same files: its embedded page, a run against the app it
# started with this same executable, and Ctrl-C stopping both.
studio_port=$(( port + 1 )); app_port=$(( port + 2 ))
env -i PATH=/usr/bin:/bin NO_COLOR=1 ./ntnt intent studio app.intent --port "$studio_port" --app-port "$app_port" --no-open > studio.log 2>&1 &
studio_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$studio_port/" -o studio.html && break; sleep 0.1; done
grep -q 'Intent Studio' studio.html || { echo "check-binary: Studio page missing" >&2; cat studio.log >&2; kill "$studio_pid"; exit 1; }
report=$(curl -sf -X POST "http://127.0.0.1:$studio_port/api/run-tests" || true)
kill -INT "$studio_pid"
wait "$studio_pid" || { echo "check-binary: Studio exited with an error" >&2; cat studio.log >&2; exit 1; }
grep -q '"passed_assertions":3' <<<"$report" || { printf 'check-binary: Studio run failed\n%s\n' "$report" >&2; exit 1; }
grep -q 'Intent Studio stopped' studio.log || { echo "check-binary: Studio did not stop cleanly" >&2; cat studio.log >&2; exit 1; }
if curl -s "http://127.0.0.1:$app_port/health" > /dev/null; then echo "check-binary: the app outlived Studio" >&2; exit 1; fi
echo "check-binary: Intent Studio OK"

echo 'print("hello")' > hello.tnt
runs=20
total=0
min=999999
for _ in $(seq "$runs"); do
  t0=$(date +%s%N)
  ./ntnt run hello.tnt > /dev/null
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  total=$(( total + ms ))
  [ "$ms" -lt "$min" ] && min=$ms
done
echo "check-binary: start-up fastest ${min} ms, average $(( total / runs )) ms ($runs runs of hello.tnt)"
if [ "$min" -ge 100 ]; then
  echo "check-binary: start-up is not under 100 ms" >&2
  exit 1
fi
echo "check-binary: OK ($(du -h ntnt | cut -f1) binary)"
