#!/usr/bin/env python3
"""A judged news set from Reuters-21578 (issue #24): every record marked
TOPICS="YES" is a document; each subject category with at least 20 such
records is a topic, and its records are the relevant ones. The query is the
category's name as Lewis's list spells it ("Consumer Price Index", "cocoa")
and, in the questions set, the same name asked as a reporter would
("What has been reported about consumer price index?").

    reuters_topics.py REUTERS_DIR OUT_DIR   -> OUT_DIR/{topics,questions}.tsv, qrels
"""
import collections
import re
import sys
from pathlib import Path

MIN_RELEVANT = 20
# Commodity codes that are no words a reporter would type.
SPELLED_OUT = {
    "alum": "aluminium",
    "carcass": "meat carcasses",
    "f-cattle": "feeder cattle",
    "l-cattle": "live cattle",
    "nat-gas": "natural gas",
    "veg-oil": "vegetable oil",
    "pet-chem": "petrochemicals",
    "iron-steel": "iron and steel",
    "strategic-metal": "strategic metals",
    "crude": "crude oil",
    "gas": "gasoline",
    "fuel": "fuel oil",
    "hog": "hogs",
    "oilseed": "oilseeds",
}
QUESTIONS = [
    "What has been reported about {}?",
    "What were the latest developments in {} and how did markets react?",
    "Find news stories about {} and the companies and governments involved.",
]


def names(descriptions):
    """Lewis's list: 'Money Supply (MONEY-SUPPLY)' or a bare 'COCOA'."""
    found = {}
    for line in descriptions.splitlines():
        line = line.strip()
        match = re.fullmatch(r"(.+?)\s*\(([A-Z0-9-]+)\)", line)
        if match:
            found[match.group(2).lower()] = match.group(1)
        elif re.fullmatch(r"[A-Z0-9-]+", line):
            found[line.lower()] = line.lower().replace("-", " ")
    return found


def main():
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    spelled = names((source / "cat-descriptions_120396.txt").read_text(errors="replace"))
    relevant = collections.defaultdict(list)
    for sgm in sorted(source.glob("reut2-*.sgm")):
        text = sgm.read_text(errors="replace")
        for record in re.finditer(r'<REUTERS TOPICS="YES"[^>]*NEWID="(\d+)">(.*?)</REUTERS>', text, re.S):
            topics = re.search(r"<TOPICS>(.*?)</TOPICS>", record.group(2), re.S)
            for topic in re.findall(r"<D>(.*?)</D>", topics.group(1) if topics else ""):
                relevant[topic].append(record.group(1))
    chosen = sorted(t for t, docs in relevant.items() if len(docs) >= MIN_RELEVANT and t in spelled)
    with open(out / "topics.tsv", "w") as topics, open(out / "questions.tsv", "w") as questions, \
            open(out / "qrels", "w") as qrels:
        for number, topic in enumerate(chosen, 1):
            name = SPELLED_OUT.get(topic, spelled[topic]).replace("/", " and ")
            topics.write(f"{number}\t{name}\n")
            questions.write(f"{number}\t{QUESTIONS[number % len(QUESTIONS)].format(name.lower())}\n")
            for doc in relevant[topic]:
                qrels.write(f"{number} 0 {doc} 1\n")
    print(f"{len(chosen)} topics", file=sys.stderr)


if __name__ == "__main__":
    main()
