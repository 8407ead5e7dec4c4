#!/usr/bin/env python3
"""A SMART collection as a news archive of stories without headlines (issue
#24): each record's `.T` title is moved to the start of its `.W` text, where
a magazine story's opening runs in. Cranfield's texts already open with their
title, so there the title line only goes.

    untitled.py IN.all OUT.all
"""
import re
import sys

FIELD = re.compile(r"^\.[A-Z]( |$)")


def main():
    text = open(sys.argv[1], encoding="latin-1").read()
    out = []
    for record in re.split(r"(?m)^(?=\.I )", text):
        fields, current = [], None
        for line in record.split("\n"):
            if FIELD.match(line):
                current = [line, []]
                fields.append(current)
            elif current is not None:
                current[1].append(line)
        title = next((lines for marker, lines in fields if marker == ".T"), [])
        fields = [field for field in fields if field[0] != ".T"]
        texts = [field for field in fields if field[0] == ".W"]
        if texts:
            opening = [line.strip() for line in texts[0][1][: len(title)]]
            if opening != [line.strip() for line in title]:
                texts[0][1] = title + texts[0][1]
        elif title:
            fields.append([".W", title])
        for marker, lines in fields:
            out.append(marker)
            out.extend(lines)
    open(sys.argv[2], "w", encoding="latin-1").write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
