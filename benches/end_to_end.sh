#!/usr/bin/env bash
# Whole-process timings of the release binary on the Reuters page dumps:
# a full index build, a re-run with nothing new, and `morgue search` per query
# kind (start, open, query, rank, snippets, print). Uses hyperfine when present.
#
#   benches/end_to_end.sh [CORPUS_DIR]      (default ../shared/corpora/dumps-reuters1987)
#
# Prints a Markdown table; the numbers in docs/BENCHMARKS.md come from this script.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/dumps-reuters1987}
batches=("$corpus"/scrape-*)
morgue=$(benches/release-binary.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
index=$work/index

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "corpus: $corpus ($(find "${batches[@]}" -type f | wc -l) files, $(du -sh --apparent-size "$corpus" | cut -f1))"
echo

if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 5 --export-markdown "$work/build.md" \
    --prepare "rm -rf $index" -n "full build" "$morgue --index $index index ${batches[*]}" \
    2>/dev/null >/dev/null
  cat "$work/build.md"
  "$morgue" --index "$index" index "${batches[@]}" 2>/dev/null
  hyperfine --warmup 1 --runs 10 --export-markdown "$work/rerun.md" \
    -n "re-run, nothing new" "$morgue --index $index index ${batches[*]}" >/dev/null 2>&1 || true
  cat "$work/rerun.md"
  # Adding the last scrape batch to an index of all the others.
  last=${batches[${#batches[@]}-1]}
  others=("${batches[@]:0:${#batches[@]}-1}")
  "$morgue" --index "$work/base" index "${others[@]}" 2>/dev/null
  hyperfine --warmup 1 --runs 5 --export-markdown "$work/last.md" \
    --prepare "rm -rf $work/grown; cp -a $work/base $work/grown" \
    -n "add last batch ($(find "$last" -type f | wc -l) files)" "$morgue --index $work/grown index ${batches[*]}" \
    >/dev/null 2>&1
  cat "$work/last.md"
  queries=(
    "one word|cocoa"
    "two words|oil prices"
    "phrase|\"money supply\""
    "question|what did the federal reserve say about interest rates and the dollar"
  )
  args=()
  for entry in "${queries[@]}"; do
    name=${entry%%|*}; query=${entry#*|}
    args+=(-n "search: $name" "$morgue --index $index search '${query//\'/}' --json")
  done
  args+=(-n "search: date-filtered" "$morgue --index $index search 'oil prices' --since 1987-03 --until 1987-03 --json")
  args+=(-n "search: sort by date" "$morgue --index $index search 'bank rates' --sort date --json")
  args+=(-n "search: blend" "$morgue --index $index search 'bank rates' --sort blend --json")
  hyperfine -N --warmup 5 --runs 100 -i --export-markdown "$work/search.md" "${args[@]}" >/dev/null 2>&1
  cat "$work/search.md"
else
  echo "hyperfine not found (apt-get install hyperfine); timing one full build with time(1)"
  rm -rf "$index"
  /usr/bin/time -v "$morgue" --index "$index" index "${batches[@]}" 2>&1 | grep -E "Elapsed|Maximum resident"
fi
echo
echo "index size: $(du -sh --apparent-size "$index" | cut -f1) for $(du -sh --apparent-size "$corpus" | cut -f1) of dumps"
