#!/usr/bin/env bash
# Ranking quality, measured with `morgue eval`:
#  - Cranfield (SMART records, graded judgments), converted as its SOURCE.md
#    says: judgments number queries by position, grades run backwards
#    (1 best .. 4, -1 a marker), so grade g becomes gain 5 - g and -1 is dropped;
#  - known-item search on the Reuters page dumps: every 50th article (in export
#    order) is sought by its exact headline, and by six words of its body.
#
#   benches/ranking.sh [CORPORA_DIR]      (default ../shared/corpora)
#
# Prints one line of measures per test set; docs/BENCHMARKS.md has the table.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${1:-../shared/corpora}
morgue=$(benches/release-binary.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/measures.py" <<'PY'
import json, sys
evaluation = json.load(sys.stdin)
mean = evaluation["mean"]
print("topics %4d  MAP %.4f  nDCG@10 %.4f  P@10 %.4f  R@100 %.4f  MRR %.4f" % (
    evaluation["topics"], mean["map"], mean["ndcg_10"], mean["p_10"], mean["recall_100"], mean["mrr"]))
PY
cat >"$work/known_items.py" <<'PY'
import json, re, sys
out = sys.argv[1]
by_title, by_body, qrels = (open(out + name, "w") for name in ("/ki.title", "/ki.body", "/ki.qrels"))
for n, line in enumerate(sys.stdin):
    if n % 50:
        continue
    article = json.loads(line)
    words = re.findall(r"[A-Za-z]{4,}", " ".join(article["body"]))
    if len(words) < 12:
        continue
    by_title.write("%d\t%s\n" % (n, article["title"].lower()))
    by_body.write("%d\t%s\n" % (n, " ".join(words[5:11])))
    qrels.write("%d 0 %s 1\n" % (n, article["id"]))
PY

measures() {
  "$morgue" --index "$1" eval --topics "$2" --qrels "$3" --json | python3 "$work/measures.py"
}

cran=$corpora/cranfield
awk '/^\.I/ {n++; next} /^\.W/ {next} {q[n] = q[n] " " $0}
     END {for (i = 1; i <= n; i++) {gsub(/^ +| +$/, "", q[i]); print i "\t" q[i]}}' \
  "$cran/cran.qry" >"$work/cran.topics"
awk '$3 >= 1 && $3 <= 4 {print $1, 0, $2, 5 - $3}' "$cran/cranqrel" >"$work/cran.qrels"
"$morgue" --index "$work/cran" index "$cran/cran.all.1400" 2>/dev/null
echo "cranfield               $(measures "$work/cran" "$work/cran.topics" "$work/cran.qrels")"

"$morgue" --index "$work/reuters" index "$corpora"/dumps-reuters1987/scrape-* 2>/dev/null
"$morgue" --index "$work/reuters" export | python3 "$work/known_items.py" "$work"
echo "reuters, by headline    $(measures "$work/reuters" "$work/ki.title" "$work/ki.qrels")"
echo "reuters, by body words  $(measures "$work/reuters" "$work/ki.body" "$work/ki.qrels")"
