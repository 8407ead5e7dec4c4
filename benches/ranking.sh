#!/usr/bin/env bash
# Ranking quality on every open collection, in one table (issue #24), with
# `morgue eval` (trec_eval's semantics) and, when Java and the Lucene jar of
# benches/peers.sh are there, Lucene 9.5 (EnglishAnalyzer, BM25, headline and
# body; benches/ranking/LuceneRank.java) on morgue's export of the same
# articles, scored by benches/ranking/trec_map.py:
#  - Cranfield (SMART, graded judgments, converted as its SOURCE.md says:
#    queries numbered by position, grade g becomes gain 5 - g, -1 dropped);
#  - CACM (SMART, binary judgments, topics.tsv as given);
#  - both as archives of stories without headlines (benches/ranking/untitled.py:
#    the title runs into the text, as in the held-out magazine set);
#  - Reuters-21578 subject categories as judged news topics, asked by name and
#    as a reporter's question (benches/ranking/reuters_topics.py);
#  - the same topics over long stories without headlines (each record padded
#    with six others: benches/ranking/long_documents.py), opening on their
#    subject or elsewhere: the shape of the held-out magazine set;
#  - known-item search on the Reuters page dumps: every 50th article (in export
#    order) sought by its exact headline, and by six words of its body (MRR).
#
#   benches/ranking.sh [CORPORA_DIR]      (default ../shared/corpora)
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${1:-../shared/corpora}
morgue=$(benches/release-binary.sh)
here=$PWD/benches/ranking
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lucene_jar=$(ls target/peers/pyserini/pyserini/resources/jars/anserini-*-fatjar.jar 2>/dev/null | head -1 || true)
command -v java >/dev/null || lucene_jar=""

cat >"$work/measure.py" <<'PY'
import json, sys
mean = json.load(sys.stdin)["mean"]
print("%.4f %.4f %.4f" % (mean["map"], mean["ndcg_10"], mean["mrr"]))
PY

# row NAME INDEX TOPICS QRELS: morgue's MAP, nDCG@10 and MRR, and Lucene's MAP.
row() {
  read -r map ndcg mrr < <("$morgue" --index "$2" eval --topics "$3" --qrels "$4" --json |
    python3 "$work/measure.py")
  local lucene="-"
  if [[ -n $lucene_jar ]]; then
    "$morgue" --index "$2" export >"$work/articles.jsonl"
    java -cp "$lucene_jar" "$here/LuceneRank.java" "$work/articles.jsonl" "$3" >"$work/lucene.run" 2>/dev/null
    lucene=$(python3 "$here/trec_map.py" "$work/lucene.run" "$4")
  fi
  printf '| %-34s | %s | %s | %s | %s |\n' "$1" "$map" "$ndcg" "$mrr" "$lucene"
}

# smart NAME FILE: a SMART file indexed on its own.
smart() {
  mkdir -p "$work/$1.src"
  cp "$2" "$work/$1.src/$1.all"
  "$morgue" --index "$work/$1" index "$work/$1.src" 2>/dev/null
}

echo "| collection | morgue MAP | nDCG@10 | MRR | Lucene MAP |"
echo "|---|---|---|---|---|"
cran=$corpora/cranfield
awk '/^\.I/ {n++; next} /^\.W/ {next} {q[n] = q[n] " " $0}
     END {for (i = 1; i <= n; i++) {gsub(/^ +| +$/, "", q[i]); print i "\t" q[i]}}' \
  "$cran/cran.qry" >"$work/cran.topics"
awk '$3 >= 1 && $3 <= 4 {print $1, 0, $2, 5 - $3}' "$cran/cranqrel" >"$work/cran.qrels"
smart cran "$cran/cran.all.1400"
row "Cranfield" "$work/cran" "$work/cran.topics" "$work/cran.qrels"
python3 "$here/untitled.py" "$cran/cran.all.1400" "$work/cran-untitled.all"
smart cran-untitled "$work/cran-untitled.all"
row "Cranfield, no headlines" "$work/cran-untitled" "$work/cran.topics" "$work/cran.qrels"

cacm=$corpora/cacm
smart cacm "$cacm/cacm.all"
row "CACM" "$work/cacm" "$cacm/topics.tsv" "$cacm/qrels.trec"
python3 "$here/untitled.py" "$cacm/cacm.all" "$work/cacm-untitled.all"
smart cacm-untitled "$work/cacm-untitled.all"
row "CACM, no headlines" "$work/cacm-untitled" "$cacm/topics.tsv" "$cacm/qrels.trec"

mkdir -p "$work/reuters-topics"
python3 "$here/reuters_topics.py" "$corpora/reuters21578" "$work/reuters-topics" 2>/dev/null
"$morgue" --index "$work/reuters21578" index "$corpora/reuters21578" 2>/dev/null
row "Reuters-21578 topics, by name" "$work/reuters21578" "$work/reuters-topics/topics.tsv" "$work/reuters-topics/qrels"
row "Reuters-21578 topics, as questions" "$work/reuters21578" "$work/reuters-topics/questions.tsv" "$work/reuters-topics/qrels"
"$morgue" --index "$work/reuters21578" export >"$work/reuters21578.jsonl"
for shape in subject elsewhere; do
  mkdir -p "$work/long-$shape"
  python3 "$here/long_documents.py" "$work/reuters21578.jsonl" "$shape" "$work/long-$shape/stories.jsonl" \
    "$work/reuters-topics/qrels" "$work/long-$shape.qrels"
  "$morgue" --index "$work/long-$shape-index" index --max-file-size 1000000000 "$work/long-$shape" 2>/dev/null
done
row "Long stories opening on their subject, by name" "$work/long-subject-index" "$work/reuters-topics/topics.tsv" "$work/long-subject.qrels"
row "…as questions" "$work/long-subject-index" "$work/reuters-topics/questions.tsv" "$work/long-subject.qrels"
row "Long stories opening elsewhere, by name" "$work/long-elsewhere-index" "$work/reuters-topics/topics.tsv" "$work/long-elsewhere.qrels"
row "…as questions" "$work/long-elsewhere-index" "$work/reuters-topics/questions.tsv" "$work/long-elsewhere.qrels"

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
"$morgue" --index "$work/reuters" index "$corpora"/dumps-reuters1987/scrape-* 2>/dev/null
"$morgue" --index "$work/reuters" export | python3 "$work/known_items.py" "$work"
row "Reuters dumps, known item by headline" "$work/reuters" "$work/ki.title" "$work/ki.qrels"
row "Reuters dumps, known item by body words" "$work/reuters" "$work/ki.body" "$work/ki.qrels"
