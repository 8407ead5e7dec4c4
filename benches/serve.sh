#!/usr/bin/env bash
# `morgue serve` under load beside tantivy-cli's `tantivy serve` (issue #23):
# the same articles (morgue's own export, indexed by tantivy-cli with headline,
# body and date), the same queries (benches/peers/queries.txt), wrk at 1, 8
# and 64 connections, the two servers in alternating runs. Then morgue's
# memory over 200,000 requests.
#
#   benches/serve.sh [MORGUE_INDEX]   (default: a fresh index of the Reuters dumps)
#
# DURATION=seconds per run (default 10). Needs wrk (apt-get install wrk);
# tantivy-cli 0.24 is installed into target/peers (never committed).
# MORGUE=path/to/morgue measures another binary.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 2; }
morgue=${MORGUE:-$(benches/release-binary.sh)}
peers=$PWD/target/peers
tantivy_cli=$peers/bin/tantivy
[[ -x $tantivy_cli ]] || cargo install --quiet --root "$peers" tantivy-cli --version 0.24.0
duration=${DURATION:-10}
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

index=${1:-}
if [[ -z $index ]]; then
  index=$work/morgue
  "$morgue" --index "$index" index ../shared/corpora/dumps-reuters1987/scrape-* 2>/dev/null
fi
"$morgue" --index "$index" export >"$work/articles.jsonl"
python3 benches/peers/engines.py tantivy-cli-documents "$work/articles.jsonl" "$work/tantivy-cli.jsonl"
mkdir -p "$work/tantivy"
cp benches/peers/tantivy-cli-meta.json "$work/tantivy/meta.json"
"$tantivy_cli" index -i "$work/tantivy" -f "$work/tantivy-cli.jsonl" >/dev/null 2>&1

echo "date: $(date -u +%F), machine: $(nproc) cores, $(uname -sr); $(wc -l <"$work/articles.jsonl") articles"
"$morgue" --index "$index" serve --addr 127.0.0.1:7711 2>/dev/null &
pids+=($!)
morgue_pid=$!
"$tantivy_cli" serve -i "$work/tantivy" --host 127.0.0.1 --port 7712 >/dev/null 2>&1 &
pids+=($!)
for url in "http://127.0.0.1:7711/api/search?q=gold" "http://127.0.0.1:7712/api/?q=gold"; do
  for _ in $(seq 100); do curl -sf "$url" >/dev/null && break; sleep 0.2; done
done

export QUERIES=$PWD/benches/peers/queries.txt
load() { # ENGINE CONNECTIONS SECONDS
  local prefix suffix=""
  case $1 in
    morgue) prefix="/api/search?q=" ;;
    tantivy-cli) prefix="/api/?q="; suffix="&nhits=10" ;;
  esac
  local port=$([[ $1 == morgue ]] && echo 7711 || echo 7712)
  PREFIX=$prefix SUFFIX=$suffix wrk -t "$(($2 < 2 ? 1 : 2))" -c "$2" -d "${3}s" --latency \
    -s benches/serve-queries.lua "http://127.0.0.1:$port" | grep '^RESULT' | sed "s/^RESULT/$1 c=$2/"
}
for connections in 1 8 64; do
  for round in 1 2; do
    for engine in morgue tantivy-cli; do
      load "$engine" "$connections" "$duration"
    done
  done
done

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$morgue_pid/status"; }
echo "morgue RSS at start of the memory run: $(rss)"
for step in 1 2 3 4; do
  load morgue 8 "$((duration * 2))"
  echo "morgue RSS after run $step: $(rss)"
done
