"""Writes a deterministic, realistic dump tree of N articles (default one
million) for benches/million.sh, from articles morgue exported from the real
corpora (JSON Lines, `morgue export`).

    million.py OUT_DIR COUNT EXPORT.jsonl [EXPORT.jsonl ...]

Every generated article takes a real headline and real paragraphs, recombined:
the opening paragraphs of one source article followed by paragraphs of one or
two others. Its day is drawn from 1960-2025, so an archive spans decades. Term
statistics stay those of real news text (words, lengths, rare names), which a
synthetic vocabulary would not give. Each file is a page dump in the seed
layout, with page chrome (a newsletter line, "latest stories" teasers of other
articles with captions, a tag line) that morgue must strip. Files go into
year/month folders, about 1,300 to a folder. The same arguments always write
the same bytes (Python's random with a fixed seed).
"""

import datetime
import json
import os
import random
import sys

SEED = 20261128
FIRST_DAY = datetime.date(1960, 1, 1).toordinal()
LAST_DAY = datetime.date(2025, 12, 31).toordinal()
SECTIONS = [
    "World / Politics", "World / Asia Pacific", "Business / Markets", "Business / Commodities",
    "Business / Companies", "National / Crime", "National / Politics", "Sports / Football",
    "Culture / Books", "Science / Environment", "Opinion / Editorials", "Business / Economy",
]
NEWSLETTER = [
    "SIGN UP FOR THE MORNING BRIEFING, DELIVERED BEFORE BREAKFAST",
    "OUR NEWSLETTERS: THE WEEK IN MARKETS, EVERY FRIDAY",
    "SUBSCRIBE TO READ EVERY STORY IN THE ARCHIVE",
]


def load(paths):
    pool = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                body = [p for p in article.get("body") or [] if p.strip()]
                title = (article.get("title") or "").strip()
                if title and body:
                    pool.append((title, body, article.get("section"), article.get("byline")))
    return pool


def page(rng, pool, number):
    title, body, section, byline = pool[rng.randrange(len(pool))]
    paragraphs = body[: max(1, len(body) // 2)]
    for _ in range(rng.randint(1, 2)):
        other = pool[rng.randrange(len(pool))][1]
        start = rng.randrange(len(other))
        paragraphs += other[start : start + rng.randint(1, 4)]
    day = datetime.date.fromordinal(rng.randint(FIRST_DAY, LAST_DAY))
    section = section if section and rng.random() < 0.5 else rng.choice(SECTIONS)
    lines = [" date %s %s" % (day.isoformat(), section), "", title, "", byline or "Staff reporter", ""]
    for paragraph in paragraphs:
        lines += [paragraph, ""]
    lines += [rng.choice(NEWSLETTER), "", "LATEST %s STORIES" % section.split(" / ")[0].upper(), ""]
    for _ in range(3):
        teaser_title, teaser_body, _, _ = pool[rng.randrange(len(pool))]
        lines.append("A file photo from the archive, %s. | STAFF" % day.strftime("%b. %d"))
        lines.append(teaser_title)
        lines.append(teaser_body[0][:200].rstrip() + "...")
    lines += ["", ", ".join(rng.sample(["economy", "trade", "politics", "markets", "energy", "asia", "europe"], 3))]
    return day, "\n".join(lines) + "\n"


def main():
    out, count, exports = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    pool = load(exports)
    if not pool:
        sys.exit("no articles in %s" % ", ".join(exports))
    rng = random.Random(SEED)
    written = 0
    for number in range(count):
        day, text = page(rng, pool, number)
        folder = os.path.join(out, "%04d" % day.year, "%02d" % day.month)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "%07d.txt" % number), "w", encoding="utf-8") as file:
            file.write(text)
        written += len(text)
        if number % 100_000 == 99_999:
            print("%d articles, %d MB" % (number + 1, written // 1_000_000), file=sys.stderr)
    print("%d articles from %d sources, %d MB in %s" % (count, len(pool), written // 1_000_000, out))


if __name__ == "__main__":
    main()
