#!/usr/bin/env bash
# Japanese search on livedoor-ja (7,367 articles), measured with `morgue eval`:
# known-item topics from every 20th article (in export order), sought
#  - by pieces: three characters from inside the headline's longest kanji/kana
#    run plus four from inside the body's first long run (words that stand
#    inside longer runs, as a reader remembers them);
#  - by the whole headline;
#  - by dictionary words, when Debian's `mecab` (with mecab-ipadic, the
#    dictionary lindera ships) is installed: the longest noun of the headline
#    and the longest noun of the body's opening, as IPADIC cuts them (a set
#    that favours a dictionary tokenizer using the same dictionary).
# Also the full build's time and peak memory, and the index size.
#
#   benches/japanese.sh [CORPORA_DIR]      (default ../shared/corpora)
#   MORGUE=path/to/morgue benches/japanese.sh   (another build, e.g. another tokenizer)
#
# docs/BENCHMARKS.md has the table.
set -euo pipefail
cd "$(dirname "$0")/.."
corpora=${1:-../shared/corpora}
if [[ -z "${MORGUE:-}" ]]; then
  MORGUE=$(benches/release-binary.sh)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

/usr/bin/time -f "%e %M" -o "$work/time" \
  "$MORGUE" index --index "$work/index" "$corpora/livedoor-ja/text" 2>/dev/null
read -r seconds kilobytes <"$work/time"
"$MORGUE" export --index "$work/index" >"$work/export.jsonl"

cat >"$work/topics.py" <<'PY'
import json, re, sys
out = sys.argv[1]
run_of_cjk = re.compile(r"[\u3005-\u3007\u3040-\u30ff\u4e00-\u9fff]+")
def longest_run(text):
    runs = run_of_cjk.findall(text)
    return max(runs, key=len) if runs else ""
pieces, headlines, openings, qrels = (
    open(out + name, "w") for name in ("/pieces", "/headlines", "/openings", "/qrels"))
for n, line in enumerate(sys.stdin):
    if n % 20:
        continue
    article = json.loads(line)
    head = longest_run(article["title"])
    body = longest_run(" ".join(article["body"])[:300])
    if len(head) < 4 or len(body) < 6:
        continue
    middle = len(body) // 2 - 2
    pieces.write("%d\t%s %s\n" % (n, head[1:4], body[middle:middle + 4]))
    headlines.write("%d\t%s\n" % (n, article["title"]))
    openings.write("%d\t%s\n%d\t%s\n" % (n, article["title"], n, " ".join(article["body"])[:300]))
    qrels.write("%d 0 %s 1\n" % (n, article["id"]))
PY
python3 "$work/topics.py" "$work" <"$work/export.jsonl"

mrr() {
  "$MORGUE" eval --index "$work/index" --topics "$work/$1" --qrels "$work/qrels" --json |
    python3 -c 'import json, sys; e = json.load(sys.stdin); print("%d topics, MRR %.3f" % (e["topics"], e["mean"]["mrr"]))'
}
echo "build: ${seconds} s, peak RSS $((kilobytes / 1024)) MB, index $(du -sm "$work/index" | cut -f1) MB"
echo "pieces:    $(mrr pieces)"
echo "headlines: $(mrr headlines)"
if command -v mecab >/dev/null; then
  cat >"$work/words.py" <<'PY'
import subprocess, sys
from collections import defaultdict
lines = open(sys.argv[1] + "/openings").read().splitlines()
texts = "\n".join(line.split("\t", 1)[1].replace("\n", " ") for line in lines) + "\n"
parsed = subprocess.run("iconv -f UTF-8 -t EUC-JP//TRANSLIT | mecab | iconv -f EUC-JP -t UTF-8",
                        shell=True, input=texts.encode(), capture_output=True).stdout.decode()
nouns, sentence = defaultdict(list), 0
for row in parsed.splitlines():
    if row == "EOS":
        sentence += 1
        continue
    surface, _, features = row.partition("\t")
    kind = features.split(",")
    if kind[0] == "名詞" and kind[1] not in ("数", "非自立", "代名詞", "接尾") and len(surface) >= 2 \
            and all("\u3040" <= c <= "\u9fff" for c in surface):
        nouns[sentence].append(surface)
with open(sys.argv[1] + "/words", "w") as words:
    for at in range(0, len(lines), 2):
        qid = lines[at].split("\t")[0]
        head, body = nouns[at], nouns[at + 1]
        if head and body:
            words.write("%s\t%s %s\n" % (qid, max(head, key=len), max(body, key=len)))
PY
  python3 "$work/words.py" "$work"
  echo "words:     $(mrr words)"
fi
