#!/usr/bin/env bash
# What coverage costs: `morgue stats WORD` (every article holding the word
# counted by day, section and byline, the timeline drawn) beside `morgue search
# WORD` (the ten best, with snippets) for the same common words, whole
# processes, interleaved by hyperfine in one run. The target (#22): stats at
# most twice the search.
#
#   benches/stats.sh [INDEX_DIR]    (default: a fresh index of the Reuters dumps)
#
# For a million articles, pass the index benches/million.sh leaves behind.
# MORGUE=path/to/morgue measures another binary (the one that built INDEX_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
morgue=${MORGUE:-$(benches/release-binary.sh)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
index=${1:-}
if [[ -z $index ]]; then
  index=$work/index
  "$morgue" --index "$index" index ../shared/corpora/dumps-reuters1987/scrape-* 2>/dev/null
fi
echo "date: $(date -u +%F), machine: $(nproc) cores, $(uname -sr)"
echo "index: $index, $("$morgue" --index "$index" stats --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])') articles"

for word in said oil bank; do
  matches=$("$morgue" --index "$index" stats "$word" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])')
  hyperfine -N --warmup 3 --runs 30 --export-json "$work/$word.json" \
    "$morgue --index $index search $word" \
    "$morgue --index $index stats $word" >/dev/null 2>&1
  python3 - "$work/$word.json" "$word" "$matches" <<'PY'
import json, sys
search, stats = json.load(open(sys.argv[1]))["results"]
print("%-5s (%7s articles): search median %6.1f ms, stats median %6.1f ms: stats/search %.2f" % (
    sys.argv[2], sys.argv[3], search["median"] * 1000, stats["median"] * 1000,
    stats["median"] / search["median"]))
PY
done
hyperfine -N --warmup 3 --runs 30 --export-json "$work/whole.json" "$morgue --index $index stats" >/dev/null 2>&1
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("whole archive: stats median %.1f ms" % (r["median"]*1000))' "$work/whole.json"
