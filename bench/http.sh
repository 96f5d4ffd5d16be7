#!/usr/bin/env bash
# HTTP benchmarks: examples/benchmark_server.tnt under `./ntnt run` against raw Bun.serve and the
# shared peers in ../shared/bench/peers. About 7 minutes by default; --quick about 2.
#
# usage: bash bench/http.sh [--quick] [--duration S] [--warmup S] [--rounds N] [--sections "..."]
#                           [--servers "..."] [--paths "..."] [--prime S] [--base NAME=DIR] [--together] [--idle-conns N] [--paced-rate R]
#                           [--app FILE] [--out DIR]
#   main     (bench/http/main.ts) servers bun, bun-spec, ntnt (production), ntnt-dev (default
#            `ntnt run`, hot reload on), ntnt-log (production, access log on), ntnt-bunserve (production on Bun.serve alone) x paths
#            "/ /json /echo/42 /compute", interleaved, --rounds times (default 3): CPU per
#            request, req/s, p99, peak RSS; medians with min-max; --servers picks a subset,
#            --base NAME=DIR adds NTNT from another checkout (before/after in one run;
#            DIR+log, +dev, +front for its log on, development mode, NTNT's own transport);
#            --together loads every server of a path at once (steadier paired ratios)
#   c1000    1,000 connections on "/ /json": p99 and errors (NTNT vs Bun.serve), saturated
#            (every connection sends as fast as it can) and paced (--paced-rate req/s in all,
#            default 30000, spread over the 1,000 connections by bench/http/paced.lua)
#   workers  `--workers 2` vs 1 on "/ /compute"
#   idle     N (default 10,000) idle keep-alive connections: RSS per connection (idle-conns.py)
#   startup  compiled dist/ntnt (npm run build) on a hello program: median of repeated runs
#   --quick  1 s cells and the main section only (a busy machine: CPU per request still holds)
# Results: one JSON per section in DIR (default .bench-results/http), merged into DIR.json
# (.bench-results/http.json), and a summary with every issue #17 target printed by
# bench/http/report.ts.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1
DURATION=3 WARMUP=1 SECTIONS="main startup idle c1000 workers" IDLE_N=10000 ROUNDS=3 OUT=.bench-results/http PACED_RATE=30000
MAIN_ARGS=()
APP=examples/benchmark_server.tnt
while (($#)); do
  case $1 in
    --quick) DURATION=1; SECTIONS=main; shift ;;
    --duration) DURATION=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --sections) SECTIONS=$2; shift 2 ;;
    --idle-conns) IDLE_N=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --paced-rate) PACED_RATE=$2; shift 2 ;;
    --app) APP=$2; shift 2 ;;
    --servers | --base | --paths | --prime) MAIN_ARGS+=("$1" "$2"); shift 2 ;;
    --together) MAIN_ARGS+=("$1"); shift ;;
    --out) OUT=$2; shift 2 ;;
    *) sed -n '2,/^set -uo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

SHARED=../shared/bench
COMPARE=$SHARED/compare.sh
BUN=node_modules/.bin/bun
log() { printf '\n[bench] %s\n' "$*" >&2; }

[[ -f $COMPARE ]] || { echo "missing $COMPARE (the shared benchmark kit beside this project)" >&2; exit 2; }
[[ -f $APP ]] || { echo "missing $APP" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "wrk missing: installing it with apt-get"
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null || { echo "could not install wrk" >&2; exit 2; }
  else
    echo "wrk is required: apt-get update && apt-get install -y wrk" >&2; exit 2
  fi
fi
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.jsonl "$OUT"/*.txt "$OUT"/idle-*
# The revision measured, taken now: others may commit while this runs.
{ git rev-parse --short HEAD 2>/dev/null || echo unknown; } | tr -d '\n' >"$OUT/revision.txt"
[[ -n $(git status --porcelain -- src 2>/dev/null) ]] && printf '+dirty' >>"$OUT/revision.txt"
rm -f "$OUT"/*.log

# Server commands for compare.sh ({port} and {peers} are filled in by it). `exec` keeps each
# server the leader of its own session, so RSS and stop cover exactly that server.
NTNT_ENVS="NTNT_HOST=127.0.0.1 NTNT_LISTEN_PORT={port} NO_COLOR=1"
NTNT="exec env $NTNT_ENVS NTNT_ENV=production NTNT_ACCESS_LOG=0 ./ntnt run $APP"
PEER_BUN="exec $BUN {peers}/bun-serve.ts {port}"
PEER_NODE="exec node {peers}/node-http.mjs {port}"

compare() { # NAME ARGS... : runs compare.sh, keeps its table in OUT/NAME.txt and JSON in OUT/NAME.json
  local name=$1; shift
  bash "$COMPARE" --duration "$DURATION" --warmup "$WARMUP" --json "$OUT/$name.json" "$@" 2>&1 | tee "$OUT/$name.txt"
}

has() { [[ " $SECTIONS " == *" $1 "* ]]; }

# Start CMD ({port}, {peers} filled in) in a session of its own, logging to $2; sets PORT and
# PID once it answers on "/".
launch() { # CMD LOGFILE
  local cmd=$1 i
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cmd=${cmd//\{port\}/$PORT}; cmd=${cmd//\{peers\}/$SHARED/peers}
  setsid bash -c "$cmd" >"$2" 2>&1 </dev/null &
  PID=$!
  for ((i = 0; i < 300; i++)); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
}

# Stop every process of the session led by PID: TERM, then KILL after 5 s.
stop_session() { # PID
  local p i
  for p in $(ps -s "$1" -o pid= 2>/dev/null); do kill -TERM "$p" 2>/dev/null; done
  for ((i = 0; i < 50; i++)); do [[ -z $(ps -s "$1" -o pid= 2>/dev/null) ]] && break; sleep 0.1; done
  for p in $(ps -s "$1" -o pid= 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
  wait "$1" 2>/dev/null
}

if has main; then
  log "main: $ROUNDS rounds, servers interleaved, CPU per request"
  "$BUN" bench/http/main.ts --rounds "$ROUNDS" --duration "$DURATION" --warmup "$WARMUP" --app "$APP" \
    --out "$OUT/main.json" "${MAIN_ARGS[@]}"
fi

if has c1000; then
  log "c1000: 1,000 connections"
  compare c1000 --conns 1000 --paths "/ /json" bun="$PEER_BUN" node="$PEER_NODE" ntnt="$NTNT"
  log "c1000 paced: 1,000 connections offering $PACED_RATE req/s in all"
  ulimit -n "$(ulimit -Hn)" 2>/dev/null
  paced() { # NAME CMD : one JSON line per path in OUT/c1000-paced.jsonl
    local name=$1 p line
    launch "$2" /dev/null
    export WRK_DELAY_MS=$((1000 * 1000 / PACED_RATE))
    for p in / /json; do
      wrk -t1 -c1000 -d"${WARMUP}s" -s bench/http/paced.lua "http://127.0.0.1:$PORT$p" >/dev/null 2>&1
      line=$(wrk -t1 -c1000 -d"$((DURATION + 2))s" --timeout 2s -s bench/http/paced.lua "http://127.0.0.1:$PORT$p" 2>&1 | grep '^PACED')
      read -r _ reqs dur mean p99 econn eread ewrite estatus etimeout <<<"$line"
      printf '{"server":"%s","path":"%s","offered_rps":%d,"rps":%s,"mean_ms":%s,"p99_ms":%s,"errors":%d}\n' "$name" "$p" "$PACED_RATE" \
        "$(awk -v r="${reqs:-0}" -v d="${dur:-1}" 'BEGIN{printf "%.0f", r / (d / 1e6)}')" \
        "$(awk -v x="${mean:-0}" 'BEGIN{printf "%.2f", x / 1000}')" "$(awk -v x="${p99:-0}" 'BEGIN{printf "%.2f", x / 1000}')" \
        $((${econn:-0} + ${eread:-0} + ${ewrite:-0} + ${estatus:-0} + ${etimeout:-0})) | tee -a "$OUT/c1000-paced.jsonl"
    done
    stop_session "$PID"
  }
  paced bun "$PEER_BUN"
  paced ntnt "$NTNT"
fi

if has workers; then
  log "workers: --workers 1 vs 2 (2 cores; wrk uses one of them)"
  compare workers --paths "/ /compute" ntnt-w1="$NTNT --workers 1" ntnt-w2="$NTNT --workers 2"
fi

if has idle; then
  log "idle: $IDLE_N idle keep-alive connections"
  ulimit -n "$(ulimit -Hn)" 2>/dev/null
  idle() { # NAME CMD
    local name=$1
    launch "$2" "$OUT/idle-$name.log"
    python3 "$SHARED/idle-conns.py" "$PORT" "$PID" "$IDLE_N" --json >"$OUT/idle-$name.out" 2>"$OUT/idle-$name.err"
    printf '{"server":"%s","exit":%d,"result":%s}\n' "$name" $? "$(tail -n 1 "$OUT/idle-$name.out" | grep '^{' || echo null)" \
      >>"$OUT/idle.jsonl"
    echo "$name: $(cat "$OUT/idle-$name.out") $(tr '\n' ' ' <"$OUT/idle-$name.err")"
    stop_session "$PID"
  }
  # The peers need their dependencies only for Elysia, which is not used here.
  idle bun "$PEER_BUN"
  idle node "$PEER_NODE"
  idle ntnt "$NTNT"
fi

if has startup; then
  log "startup: compiled dist/ntnt"
  "$BUN" bench/http/startup.ts --json "$OUT/startup.json"
fi

"$BUN" bench/http/report.ts "$OUT"
