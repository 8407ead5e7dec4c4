#!/usr/bin/env bash
# Full builds of one corpus by two or more morgue binaries, interleaved: each
# round builds once with every binary, so a change in the machine's load hits
# them alike (hyperfine runs one command's runs in a block, and on this shared
# machine the same binary has measured 2.3 s and 3.2 s minutes apart).
#
#   benches/build-ab.sh ROUNDS BINARY...
#
# The corpus is the Reuters page dumps' scrape batches (as in peers.sh), or the
# folders in $CORPUS. Prints each binary's median and best wall time and
# median CPU (user + system).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1
shift
read -r -a corpus <<<"${CORPUS:-$(echo ../shared/corpora/dumps-reuters1987/scrape-*)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for _ in $(seq "$rounds"); do
  for binary in "$@"; do
    rm -rf "$work/index"
    /usr/bin/time -f "$binary %e %U %S" -a -o "$work/times" \
      "$binary" --index "$work/index" index "${corpus[@]}" >/dev/null 2>&1
  done
done
python3 - "$work/times" "$@" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for binary in sys.argv[2:]:
    runs = [(float(r[1]), float(r[2]) + float(r[3])) for r in rows if r[0] == binary]
    walls = [wall for wall, _ in runs]
    print("%-40s wall median %.2f s (best %.2f), CPU median %.2f s, %d runs" % (
        binary, statistics.median(walls), min(walls), statistics.median(c for _, c in runs), len(runs)))
PY
