#!/usr/bin/env bash
# morgue beside the engines a user would pick instead, on the same articles and
# the same queries, in one run (this machine is shared and noisy: read ratios).
#
#   benches/peers.sh [CORPUS_DIR]     (default ../shared/corpora/dumps-reuters1987)
#
# Peers, found or installed into target/peers (never committed):
#   tantivy-py   PyPI `tantivy`                (pip install --target); once with
#                headline and body, once with morgue's whole schema (build only)
#   tantivy-cli  crates.io `tantivy-cli`       (cargo install --root)
#   SQLite FTS5  Python's standard sqlite3, and the sqlite3 shell (Debian)
#   Xapian       Debian's python3-xapian       (skipped when missing)
#   Lucene 9.5   the jars in PyPI's pyserini==0.22.1 wheel, on the JDK (skipped without java)
#   ripgrep      Debian's ripgrep              (skipped when missing)
# Every engine indexes the articles morgue indexed (`morgue export` of the
# full build), so the text is the same; morgue alone parses the page dumps,
# strips their chrome and collapses copies.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/dumps-reuters1987}
batches=("$corpus"/scrape-*)
queries=$PWD/benches/peers/queries.txt
engines=$PWD/benches/peers/engines.py
peers=$PWD/target/peers
morgue=$(benches/release-binary.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)"; exit 2; }

mkdir -p "$peers"
python3 -c 'import tantivy' 2>/dev/null || PYTHONPATH=$peers/py python3 -c 'import tantivy' 2>/dev/null ||
  pip install --quiet --target "$peers/py" tantivy
export PYTHONPATH=$peers/py${PYTHONPATH:+:$PYTHONPATH}
tantivy_cli=$(command -v tantivy || true)
if [[ -z $tantivy_cli ]]; then
  [[ -x $peers/bin/tantivy ]] || cargo install --quiet --root "$peers" tantivy-cli
  tantivy_cli=$peers/bin/tantivy
fi
lucene_jar=""
if command -v java >/dev/null; then
  lucene_jar=$(ls "$peers"/pyserini/pyserini/resources/jars/anserini-*-fatjar.jar 2>/dev/null | head -1 || true)
  if [[ -z $lucene_jar ]]; then
    pip download --quiet --no-deps -d "$peers/wheels" pyserini==0.22.1
    unzip -q -o "$peers"/wheels/pyserini-0.22.1-*.whl 'pyserini/resources/jars/*' -d "$peers/pyserini"
    lucene_jar=$(ls "$peers"/pyserini/pyserini/resources/jars/anserini-*-fatjar.jar | head -1)
  fi
fi
lucene() { java -cp "$lucene_jar" "$PWD/benches/peers/LuceneBench.java" "$@"; }
xapian_python=""
for python in python3 /usr/bin/python3; do
  if "$python" -c 'import xapian' 2>/dev/null; then xapian_python=$python; break; fi
done

echo "date: $(date -u +%F), machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "corpus: $corpus ($(find "${batches[@]}" -type f | wc -l) files)"

# --- full builds -------------------------------------------------------------
hyperfine --warmup 1 --runs 3 --prepare "rm -rf $work/morgue" \
  --export-json "$work/build-morgue.json" \
  "$morgue --index $work/morgue index ${batches[*]}" >/dev/null 2>&1
"$morgue" --index "$work/morgue" index "${batches[@]}" 2>/dev/null
"$morgue" --index "$work/morgue" export >"$work/articles.jsonl"
python3 "$engines" tantivy-cli-documents "$work/articles.jsonl" "$work/tantivy-cli.jsonl"
text_bytes=$(python3 -c "
import json, sys
total = 0
for line in open(sys.argv[1], encoding='utf-8'):
    a = json.loads(line)
    total += len((a.get('title') or '').encode()) + sum(len(p.encode()) for p in a.get('body') or [])
print(total)" "$work/articles.jsonl")
articles=$(wc -l <"$work/articles.jsonl")
echo "articles: $articles, text: $((text_bytes / 1000)) kB (headlines and bodies)"
echo

median_of() { python3 -c "import json,sys,statistics; print('%.2f' % statistics.median(json.load(open(sys.argv[1]))['results'][0]['times']))" "$1"; }
size_of() { du -sb "$1" | cut -f1; }
declare -A build size
build[morgue]=$(median_of "$work/build-morgue.json")
size[morgue]=$(size_of "$work/morgue")

build_in_process() { # engine command...
  local engine=$1 times=()
  shift
  for _ in 1 2 3; do
    rm -rf "$work/$engine"
    times+=("$("$@" "$work/articles.jsonl" "$work/$engine")")
  done
  build[$engine]=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  size[$engine]=$(size_of "$work/$engine")
}
build_in_process tantivy-py python3 "$engines" build tantivy-py
build_in_process tantivy-py-morgue-schema python3 "$engines" build tantivy-py-morgue-schema
build_in_process sqlite-fts5 python3 "$engines" build sqlite-fts5
if [[ -n $xapian_python ]]; then build_in_process xapian "$xapian_python" "$engines" build xapian; fi
if [[ -n $lucene_jar ]]; then build_in_process lucene lucene build; fi

tantivy_cli_index() {
  rm -rf "$work/tantivy-cli" && mkdir -p "$work/tantivy-cli"
  cp benches/peers/tantivy-cli-meta.json "$work/tantivy-cli/meta.json"
}
hyperfine --runs 3 --prepare "bash -c '$(declare -f tantivy_cli_index); work=$work; cd $PWD; tantivy_cli_index'" \
  --export-json "$work/build-tantivy-cli.json" \
  "$tantivy_cli index -i $work/tantivy-cli -f $work/tantivy-cli.jsonl" >/dev/null 2>&1
build[tantivy-cli]=$(median_of "$work/build-tantivy-cli.json")
size[tantivy-cli]=$(size_of "$work/tantivy-cli")

echo "| engine | full build (s) | vs morgue | index bytes / text byte |"
echo "|---|---|---|---|"
for engine in morgue tantivy-py tantivy-py-morgue-schema tantivy-cli sqlite-fts5 xapian lucene; do
  [[ -n ${build[$engine]:-} ]] || continue
  python3 -c "
import sys
name, t, base, size, text = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print('| %s | %.2f | %.2f | %.2f |' % (name, t, t / base, size / text))" \
    "$engine" "${build[$engine]}" "${build[morgue]}" "${size[$engine]}" "$text_bytes"
done
echo
echo "(morgue and tantivy-cli: whole process, from the page dumps and from clean JSON; the Python"
echo " engines and Lucene: in-process time from clean JSON, the median of three;"
echo " tantivy-py-morgue-schema: tantivy-py keeping every field morgue keeps, in morgue's layout)"
echo

# --- in-process latency --------------------------------------------------------
echo "In-process latency over $(grep -cv '^#' "$queries") queries x 30 runs, top ten (µs):"
echo
{
  cargo bench --quiet --bench latency -- "$work/morgue" "$queries" 2>/dev/null
  python3 "$engines" query tantivy-py "$work/tantivy-py" "$queries"
  python3 "$engines" query sqlite-fts5 "$work/sqlite-fts5" "$queries"
  if [[ -n $xapian_python ]]; then "$xapian_python" "$engines" query xapian "$work/xapian" "$queries"; fi
  if [[ -n $lucene_jar ]]; then lucene query "$work/lucene" "$queries"; fi
} | tee "$work/latency.txt" | sed 's/^/    /'
echo

# --- whole process -----------------------------------------------------------
echo "Whole process (start, open, search, print), hyperfine -N, 50 runs each:"
args=()
for query in "cocoa" "oil prices" "interest rates and the dollar"; do
  args+=(-n "morgue: $query" "$morgue --index $work/morgue search '$query'")
  args+=(-n "tantivy-cli: $query" "$tantivy_cli search -i $work/tantivy-cli -q '$query'")
  if command -v sqlite3 >/dev/null; then
    match=$(python3 -c "import re,sys; print(' OR '.join(re.findall(r'\w+', sys.argv[1])))" "$query")
    args+=(-n "sqlite3: $query" "sqlite3 $work/sqlite-fts5/fts.db \"SELECT title FROM a WHERE a MATCH '$match' ORDER BY rank LIMIT 10\"")
  fi
  if command -v rg >/dev/null; then
    pattern=$(python3 -c "import re,sys; print('|'.join(re.findall(r'\w+', sys.argv[1])))" "$query")
    args+=(-n "ripgrep: $query" "rg -l -i -w '$pattern' ${batches[*]}")
  fi
done
hyperfine -N --warmup 5 --runs 50 -i --export-markdown "$work/search.md" "${args[@]}" >/dev/null 2>&1
cat "$work/search.md"
