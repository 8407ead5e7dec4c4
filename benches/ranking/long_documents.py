#!/usr/bin/env python3
"""Long stories without headlines, from Reuters-21578 (issue #24): the held-out
news set that morgue ranked below Lucene is magazine stories of thousands of
words whose text runs in without a headline. Every other record of morgue's
export becomes one such story (its relevance stays the record's); the records
in between are only padding, never a story of their own, so a topic's words
met in the padding are noise and nothing else. Each story holds six padding
records (drawn at random, seed fixed) and its record, in one of two shapes:

  subject    the record's headline and text first, as a story that opens on
             its subject (the made-up headline is then the record's own);
  elsewhere  two padding records first, then the record's text without its
             headline, as a magazine piece that opens on a scene.

Judgments of records that are padding are left out of QRELS_OUT.

    long_documents.py EXPORT.jsonl {subject|elsewhere} OUT.jsonl QRELS QRELS_OUT
"""
import json
import random
import sys

PADDING_RECORDS = 6
SEED = 11


def main():
    export, shape, out_path, qrels_path, qrels_out = sys.argv[1:6]
    records = [json.loads(line) for line in open(export)]
    stories = records[0::2]
    padding = [record["body"] for record in records[1::2] if record["body"]]
    chance = random.Random(SEED)
    kept = set()
    with open(out_path, "w") as out:
        for record in stories:
            pads = [chance.choice(padding) for _ in range(PADDING_RECORDS)]
            if shape == "subject":
                body = [record["title"]] + record["body"] + sum(pads, [])
            else:
                body = sum(pads[:2], []) + record["body"] + sum(pads[2:], [])
            kept.add(record.get("docno"))
            story = {"docno": record.get("docno"), "date": record["date"], "body": body}
            out.write(json.dumps(story) + "\n")
    with open(qrels_out, "w") as out:
        for line in open(qrels_path):
            if line.split()[2] in kept:
                out.write(line)


if __name__ == "__main__":
    main()
