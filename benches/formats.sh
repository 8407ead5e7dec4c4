#!/usr/bin/env bash
# Ingest throughput per dump format: a full `morgue index` (release build,
# whole process, hyperfine) of each real corpus, and of Reuters-21578 written
# out as JSON Lines and as CSV (from morgue's own export of the SGML, so the
# three carry the same articles).
#
#   benches/formats.sh [CORPORA_DIR]      (default ../shared/corpora)
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${1:-../shared/corpora}
morgue=$(benches/release-binary.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/sgml" "$work/jsonl" "$work/csv"
cp "$corpora"/reuters21578/reut2-*.sgm "$work/sgml/"
"$morgue" --index "$work/export-index" index "$work/sgml" 2>/dev/null
"$morgue" --index "$work/export-index" export >"$work/jsonl/reuters.jsonl"
python3 - "$work" <<'PY'
import csv, json, sys
work = sys.argv[1]
with open(work + "/jsonl/reuters.jsonl") as lines, open(work + "/csv/reuters.csv", "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(["docno", "title", "date", "byline", "body"])
    for line in lines:
        a = json.loads(line)
        writer.writerow([a.get("docno", ""), a["title"], a["date"] or "", a["byline"] or "", "\n\n".join(a["body"])])
PY

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
printf '| format | input | size | articles |\n|---|---|---|---|\n'
row() { # name, path
  local articles
  articles=$("$morgue" --index "$work/count" index --json "$2" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["articles_total"])' || true)
  rm -rf "$work/count"
  printf '| %s | %s | %s | %s |\n' "$1" "$2" "$(du -sh --apparent-size "$2" | cut -f1)" "$articles"
}
row "page dump" "$corpora/dumps-reuters1987"
row "Reuters SGML" "$work/sgml"
row "JSON Lines" "$work/jsonl"
row "CSV" "$work/csv"
row "SMART" "$corpora/cranfield/cran.all.1400"
row "HTML (gzipped)" "$corpora/news-html-aeb/html"
row "WARC (gzipped)" "$corpora/news-warc/aeb-2019.warc.gz"
echo
hyperfine --warmup 1 --runs 3 --prepare "rm -rf $work/index" \
  -n "page dump" "$morgue --index $work/index index $corpora/dumps-reuters1987" \
  -n "Reuters SGML" "$morgue --index $work/index index $work/sgml" \
  -n "JSON Lines" "$morgue --index $work/index index $work/jsonl" \
  -n "CSV" "$morgue --index $work/index index $work/csv" \
  -n "SMART" "$morgue --index $work/index index $corpora/cranfield/cran.all.1400" \
  -n "HTML" "$morgue --index $work/index index $corpora/news-html-aeb/html" \
  -n "WARC" "$morgue --index $work/index index $corpora/news-warc/aeb-2019.warc.gz" \
  --export-markdown "$work/times.md" >/dev/null 2>&1 || true
cat "$work/times.md"
