#!/usr/bin/env bash
# Seeds the html and entities fuzz targets with real pages to mutate: every
# page of ../shared/corpora/htmldate-eval and news-html-aeb, unzipped, into
# fuzz/corpus/html/ (which git ignores), and their <title> lines into
# fuzz/corpus/entities/.
#
#   fuzz/seeds.sh && cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -O html
set -euo pipefail
cd "$(dirname "$0")"
corpora=${MORGUE_SHARED_CORPORA:-../../shared/corpora}
mkdir -p corpus/html corpus/entities
for page in "$corpora"/htmldate-eval/html/*.gz "$corpora"/news-html-aeb/html/*.gz; do
  name=$(basename "$page" .gz)
  gzip -dc "$page" > "corpus/html/$name"
done
n=0
for page in corpus/html/*; do
  grep -o -i -m1 '<title[^>]*>[^<]*' "$page" | sed 's/^<[^>]*>//' > "corpus/entities/title-$n" || true
  n=$((n + 1))
done
echo "$(ls corpus/html | wc -l) pages, $(ls corpus/entities | wc -l) titles"
