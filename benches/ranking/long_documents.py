#!/usr/bin/env python3
"""Long stories without headlines, from Reuters-21578 (issue #24): the held-out
news set that morgue ranks below Lucene is magazine stories of thousands of
words whose text runs in without a headline. Each record of morgue's export
becomes one such story: its headline and text, then the text of six other
records drawn at random (seed fixed), no headline. The relevance of the
Reuters topics is the first record's, so a topic's words met only in the
padding are the noise long stories carry.

    long_documents.py EXPORT.jsonl OUT.jsonl
"""
import json
import random
import sys

PADDING_RECORDS = 6
SEED = 11


def main():
    records = [json.loads(line) for line in open(sys.argv[1])]
    texts = [record["body"] for record in records if record["body"]]
    chance = random.Random(SEED)
    with open(sys.argv[2], "w") as out:
        for record in records:
            body = [record["title"]] + record["body"]
            for _ in range(PADDING_RECORDS):
                body += chance.choice(texts)
            story = {"docno": record.get("docno"), "date": record["date"], "title": "", "body": body}
            out.write(json.dumps(story) + "\n")


if __name__ == "__main__":
    main()
