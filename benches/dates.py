#!/usr/bin/env python3
"""Publication dates of real web pages (issue #24): morgue's date for each page
of ../shared/corpora/htmldate-eval against its gold day. A page is right when
the day is the gold day; no date, or a page morgue skips, is wrong.

    python3 benches/dates.py [--morgue PATH] [--errors FILE.tsv]

Prints accuracy and the right / wrong / none counts; --errors writes one line
per miss (file, gold, morgue's date or "-", the URL the set gives).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("MORGUE_SHARED_CORPORA", ROOT.parent / "shared" / "corpora"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--morgue", help="the binary (default: a release build)")
    parser.add_argument("--errors", help="write the misses here as TSV")
    args = parser.parse_args()
    morgue = args.morgue or subprocess.run(
        [str(ROOT / "benches" / "release-binary.sh")], check=True, capture_output=True, text=True
    ).stdout.strip()
    pages = CORPORA / "htmldate-eval"
    gold = json.loads((pages / "gold.json").read_text())
    with tempfile.TemporaryDirectory() as scratch:
        index = Path(scratch) / "index"
        subprocess.run([morgue, "--index", index, "index", pages / "html"], check=False,
                       stderr=subprocess.DEVNULL)
        export = subprocess.run([morgue, "--index", index, "export"], check=True,
                                capture_output=True, text=True).stdout
    found = {}
    for line in export.splitlines():
        article = json.loads(line)
        name = Path(article["source"]).name.removesuffix(".gz")
        found[name] = article["date"]
    right = wrong = none = 0
    misses = []
    for name, entry in sorted(gold.items()):
        date = found.get(name)
        if date == entry["date"]:
            right += 1
            continue
        if date is None:
            none += 1
        else:
            wrong += 1
        misses.append((name, entry["date"], date or "-", entry.get("url") or ""))
    total = len(gold)
    print(f"htmldate-eval: {total} pages; accuracy {right / total:.3f} "
          f"({right} right / {wrong} wrong / {none} none)")
    if args.errors:
        with open(args.errors, "w") as out:
            for miss in misses:
                out.write("\t".join(miss) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
