#!/usr/bin/env bash
# Whole-process searches by two or more morgue binaries, interleaved: each
# round runs the query once with every binary, so a change in the shared
# machine's load hits them alike (the same binary has measured 3.2 ms and
# 5.6 ms an hour apart here).
#
#   benches/search-ab.sh ROUNDS QUERY BINARY...
#
# Searches the index in $INDEX, or else a full build of the Reuters page dumps
# made once by the first binary. Prints each binary's median, 90th percentile
# and best wall time of the whole process (start, open, search, print).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1
query=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
index=${INDEX:-}
if [[ -z $index ]]; then
  index=$work/index
  "$1" --index "$index" index ../shared/corpora/dumps-reuters1987/scrape-* >/dev/null 2>&1
fi
for _ in $(seq "$rounds"); do
  for binary in "$@"; do
    start=$(date +%s%N)
    "$binary" --index "$index" search "$query" >/dev/null 2>&1
    end=$(date +%s%N)
    echo "$binary $(((end - start) / 1000))" >>"$work/times"
  done
done
python3 - "$work/times" "$@" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for binary in sys.argv[2:]:
    times = sorted(int(r[1]) for r in rows if r[0] == binary)
    print("%-40s median %.2f ms, p90 %.2f, best %.2f, %d runs" % (
        binary, statistics.median(times) / 1000, times[int(len(times) * 0.9)] / 1000,
        times[0] / 1000, len(times)))
PY
