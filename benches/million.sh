#!/usr/bin/env bash
# A million articles on this machine: generate a realistic dump tree from the
# real corpora (benches/million.py, deterministic), build the index, and time
# whole-process searches at that size.
#
#   benches/million.sh [COUNT] [WORK_DIR]     (default 1000000, a fresh temp dir)
#
# Needs about 3 GB of disk for the dumps and 2 GB for the index per million.
# MORGUE_MEMORY=MB sets `morgue index --memory` (the writer's budget);
# MORGUE=path/to/morgue measures another build (a before/after on the same dumps).
set -euo pipefail
cd "$(dirname "$0")/.."
# Checked first: the searches are timed after a build of several minutes.
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }
count=${1:-1000000}
work=${2:-$(mktemp -d)}
shared=${MORGUE_SHARED_CORPORA:-../shared/corpora}
if [[ -z "${MORGUE:-}" ]]; then
  MORGUE=$(benches/release-binary.sh)
fi
morgue=$MORGUE
mkdir -p "$work"
echo "date: $(date -u +%F), machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"

# Sources: morgue's own export of the Reuters page dumps and of the Tehran Times
# crawl (body-only files, unpacked here), so the recombined text is clean.
if [[ ! -s $work/sources/reuters.jsonl ]]; then
  mkdir -p "$work/sources"
  "$morgue" --index "$work/sources/reuters-index" index "$shared/dumps-reuters1987" 2>/dev/null || true
  "$morgue" --index "$work/sources/reuters-index" export >"$work/sources/reuters.jsonl"
  mkdir -p "$work/sources/tehran"
  tar -xzf "$shared/tehran-times/tehran-times-data.tar.gz" -C "$work/sources/tehran"
  "$morgue" --index "$work/sources/tehran-index" index "$work/sources/tehran" 2>/dev/null || true
  "$morgue" --index "$work/sources/tehran-index" export >"$work/sources/tehran.jsonl"
fi
if [[ ! -d $work/dumps ]]; then
  /usr/bin/time -f "generated in %e s" python3 benches/million.py "$work/dumps" "$count" \
    "$work/sources/reuters.jsonl" "$work/sources/tehran.jsonl"
fi
echo "dumps: $(du -sh --apparent-size "$work/dumps" | cut -f1) in $(find "$work/dumps" -type f | wc -l) files"

rm -rf "$work/index"
memory=()
[[ -n ${MORGUE_MEMORY:-} ]] && memory=(--memory "$MORGUE_MEMORY")
benches/peak-memory.sh "$morgue" --index "$work/index" index "${memory[@]}" "$work/dumps" \
  2>"$work/build.txt" || true
grep -E "files in|wall|peak memory" "$work/build.txt"
articles=$("$morgue" --index "$work/index" stats --json | python3 -c "import json,sys; print(json.load(sys.stdin)['articles'])")
bytes=$(du -sb "$work/index" | cut -f1)
echo "index: $((bytes / 1048576)) MB for $articles articles ($((bytes / articles)) bytes per article)"
/usr/bin/time -f "re-run with nothing new: %e s, %M KB peak" "$morgue" --index "$work/index" index "$work/dumps" 2>&1 | tail -1

args=()
while read -r query; do
  [[ -z $query || $query == \#* ]] && continue
  args+=("$morgue --index $work/index search '$query'")
done <benches/peers/queries.txt
args+=("$morgue --index $work/index search 'oil prices' --since 1987-03-01 --until 1987-03-31")
args+=("$morgue --index $work/index search 'bank rates' --sort date")
hyperfine -N --warmup 2 --runs 20 -i --export-json "$work/search.json" "${args[@]}" >/dev/null 2>&1
python3 - "$work/search.json" <<'PY'
import json, sys
times = sorted(t * 1000 for r in json.load(open(sys.argv[1]))["results"] for t in r["times"])
print("whole-process search over %d runs of %d queries: p50 %.1f ms, p99 %.1f ms"
      % (len(times), len(json.load(open(sys.argv[1]))["results"]), times[len(times) // 2], times[len(times) * 99 // 100]))
PY
