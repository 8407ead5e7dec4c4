#!/usr/bin/env bash
# Related stories, judged by Reuters-21578's TOPICS categories: for every 20th
# article that has a topic, the share of its ten related articles that share a
# topic with it (P@10, averaged), morgue's `related` beside Lucene 9.5's
# MoreLikeThis on the same articles (morgue's export: headline and body).
# Lucene is run twice: with its defaults (a word must occur twice in the
# article, in five articles of the archive) and with the thresholds morgue
# uses (once; in two articles).
#
#   benches/related.sh [CORPORA_DIR]      (default ../shared/corpora)
#
# The Lucene jars come from PyPI's pyserini==0.22.1 wheel, into target/peers
# (never committed), and run on the machine's JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${1:-../shared/corpora}
morgue=$(benches/release-binary.sh)
peers=$PWD/target/peers
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

lucene_jar=$(ls "$peers"/pyserini/pyserini/resources/jars/anserini-*-fatjar.jar 2>/dev/null | head -1 || true)
if [[ -z $lucene_jar ]]; then
  pip download --quiet --no-deps -d "$peers/wheels" pyserini==0.22.1
  unzip -q -o "$peers"/wheels/pyserini-0.22.1-*.whl 'pyserini/resources/jars/*' -d "$peers/pyserini"
  lucene_jar=$(ls "$peers"/pyserini/pyserini/resources/jars/anserini-*-fatjar.jar | head -1)
fi

"$morgue" --index "$work/index" index "$corpora"/reuters21578/*.sgm 2>/dev/null
"$morgue" --index "$work/index" export >"$work/articles.jsonl"

# Record number -> topics, read from the SGML itself (morgue's tags also hold
# places, people and organisations).
python3 - "$corpora/reuters21578" "$work" <<'PY'
import glob, json, re, sys
corpus, work = sys.argv[1:]
topics = {}
for path in sorted(glob.glob(corpus + "/*.sgm")):
    text = open(path, encoding="latin-1").read()
    for record in re.findall(r"<REUTERS.*?</REUTERS>", text, re.S):
        newid = re.search(r'NEWID="(\d+)"', record).group(1)
        block = re.search(r"<TOPICS>(.*?)</TOPICS>", record, re.S)
        topics[newid] = re.findall(r"<D>(.*?)</D>", block.group(1)) if block else []
json.dump(topics, open(work + "/topics.json", "w"))
asked = []
for line in open(work + "/articles.jsonl"):
    docno = json.loads(line).get("docno")
    if docno and topics.get(docno):
        asked.append(docno)
with open(work + "/asked.txt", "w") as out:
    out.write("\n".join(asked[::20]) + "\n")
print("articles %d, with a topic %d, asked about %d" % (
    sum(1 for _ in open(work + "/articles.jsonl")), len(asked), len(asked[::20])))
PY

started=$(date +%s.%N)
while read -r docno; do
  printf '%s\t%s\n' "$docno" \
    "$("$morgue" --index "$work/index" related "$docno" --limit 10 --json | python3 -c '
import json, sys
print(" ".join(json.loads(line).get("docno", "") for line in sys.stdin))')"
done <"$work/asked.txt" >"$work/morgue.tsv"
echo "morgue: $(python3 -c "print('%.1f' % ($(date +%s.%N) - $started))") s for every ask, one process each"
java -cp "$lucene_jar" benches/peers/RelatedBench.java "$work/articles.jsonl" "$work/asked.txt" 2 5 \
  >"$work/lucene-defaults.tsv" 2>/dev/null
java -cp "$lucene_jar" benches/peers/RelatedBench.java "$work/articles.jsonl" "$work/asked.txt" 1 2 \
  >"$work/lucene-1-2.tsv" 2>/dev/null

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
topics = {docno: set(names) for docno, names in json.load(open(work + "/topics.json")).items()}
for name in ("morgue", "lucene-defaults", "lucene-1-2"):
    shares, empty = [], 0
    for line in open("%s/%s.tsv" % (work, name)):
        docno, _, related = line.rstrip("\n").partition("\t")
        related = related.split()
        empty += not related
        shares.append(sum(1 for other in related[:10] if topics[docno] & topics.get(other, set())) / 10)
    print("%-16s asked %4d  P@10 sharing a topic %.4f  (nothing related: %d)" % (
        name, len(shares), sum(shares) / len(shares), empty))
PY
