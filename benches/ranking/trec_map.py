#!/usr/bin/env python3
"""Mean average precision of a TREC run, as trec_eval computes it by
default: over the topics that have both results and relevant documents.

    trec_map.py RUN QRELS   -> MAP
"""
import collections
import sys


def main():
    relevant = collections.defaultdict(set)
    for line in open(sys.argv[2]):
        topic, _, doc, grade = line.split()
        if int(grade) >= 1:
            relevant[topic].add(doc)
    ranked = collections.defaultdict(list)
    for line in open(sys.argv[1]):
        topic, _, doc, rank, score, _ = line.split()
        ranked[topic].append((-float(score), int(rank), doc))
    precisions = []
    for topic, docs in ranked.items():
        if not relevant[topic]:
            continue
        found, total = 0, 0.0
        for at, (_, _, doc) in enumerate(sorted(docs), 1):
            if doc in relevant[topic]:
                found += 1
                total += found / at
        precisions.append(total / len(relevant[topic]))
    print(f"{sum(precisions) / len(precisions):.4f}")


if __name__ == "__main__":
    main()
