#!/usr/bin/env bash
# A full build beside the yardstick issue #25 names for build speed and index
# size: tantivy-py 0.27 at morgue's own schema (benches/peers/engines.py,
# tantivy-py-morgue-schema), fed morgue's export of the same articles. Rounds
# alternate the two (this machine is shared and noisy), and the ratios of the
# medians are printed. morgue's time is the whole process (start, walking the
# folders, parsing the page dumps, chrome, copies, revisions); the peer's is
# its build alone, measured inside Python.
#
#   benches/build-vs-peer.sh [ROUNDS] [CORPUS_DIR]   (default 5, ../shared/corpora/dumps-reuters1987)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
corpus=${2:-../shared/corpora/dumps-reuters1987}
batches=("$corpus"/scrape-*)
morgue=$(benches/release-binary.sh)
engines=$PWD/benches/peers/engines.py
peers=$PWD/target/peers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c 'import tantivy' 2>/dev/null || PYTHONPATH=$peers/py python3 -c 'import tantivy' 2>/dev/null ||
  pip install --quiet --target "$peers/py" tantivy
export PYTHONPATH=$peers/py${PYTHONPATH:+:$PYTHONPATH}

"$morgue" --index "$work/once" index "${batches[@]}" 2>/dev/null
"$morgue" --index "$work/once" export >"$work/articles.jsonl"
mine=() theirs=()
for _ in $(seq "$rounds"); do
  rm -rf "$work/morgue" "$work/peer"
  mine+=("$(python3 -c 'import subprocess, sys, time
started = time.perf_counter()
subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL, check=True)
print("%.3f" % (time.perf_counter() - started))' "$morgue" --index "$work/morgue" index "${batches[@]}")")
  theirs+=("$(python3 "$engines" build tantivy-py-morgue-schema "$work/articles.jsonl" "$work/peer")")
done
python3 - "$work" "${mine[*]}" "${theirs[*]}" <<'PY'
import os, statistics, sys
work, mine, theirs = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
def size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)
m, t = statistics.median(mine), statistics.median(theirs)
sm, st = size(os.path.join(work, "morgue")), size(os.path.join(work, "peer"))
print(f"rounds: {len(mine)}, {os.cpu_count()} cores")
print(f"morgue   build median {m:.2f} s (runs {' '.join('%.2f' % x for x in mine)}), index {sm / 1e6:.1f} MB")
print(f"peer     build median {t:.2f} s (runs {' '.join('%.2f' % x for x in theirs)}), index {st / 1e6:.1f} MB")
print(f"ratio    build {m / t:.2f}x, index {sm / st:.2f}x")
PY
