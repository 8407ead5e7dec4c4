"""The peer engines that run inside Python, driven alike for benches/peers.sh.

    engines.py build ENGINE ARTICLES.jsonl DIR     -> seconds to build
    engines.py query ENGINE DIR QUERIES.txt        -> latency lines
    engines.py tantivy-cli-documents ARTICLES.jsonl OUT.jsonl

ENGINE is tantivy-py (PyPI `tantivy`), sqlite-fts5 (the standard library's
sqlite3) or xapian (Debian's python3-xapian); tantivy-py-morgue-schema is
tantivy-py keeping every field morgue keeps, laid out as morgue lays them out
(build only), to tell what morgue's schema costs from what its own work
costs. Articles come from `morgue export`, so every engine indexes exactly
the text morgue indexed. Each query asks for the ten best articles by the engine's own relevance
ranking over headline and body, any word matching (each engine's default),
and again limited to March 1987. Latency is in-process wall time per query.
"""

import json
import os
import re
import statistics
import sys
import time

RUNS = 30
SINCE, UNTIL = "1987-03-01", "1987-03-31"


def articles(path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            body = article.get("body") or []
            body = "\n\n".join(body) if isinstance(body, list) else body
            yield article.get("title") or "", body, (article.get("date") or "")[:10]


def records(path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def queries(path):
    with open(path, encoding="utf-8") as lines:
        return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def words(query):
    return re.findall(r"\w+", query.lower())


class TantivyPy:
    def __init__(self, directory):
        import tantivy

        self.t = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
        builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
        builder.add_date_field("date", stored=True, indexed=True, fast=True)
        self.schema = builder.build()
        os.makedirs(directory, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=directory)

    def build(self, source):
        import datetime

        writer = self.index.writer(heap_size=256_000_000, num_threads=0)
        for title, body, day in source:
            doc = {"title": title, "body": body}
            if day:
                doc["date"] = datetime.datetime.fromisoformat(day + "T00:00:00+00:00")
            writer.add_document(self.t.Document(**doc))
        writer.commit()
        writer.wait_merging_threads()

    def searcher(self):
        import datetime

        self.index.reload()
        searcher = self.index.searcher()
        since = datetime.datetime.fromisoformat(SINCE + "T00:00:00+00:00")
        until = datetime.datetime.fromisoformat(UNTIL + "T00:00:00+00:00")
        dated = self.t.Query.range_query(self.schema, "date", self.t.FieldType.Date, since, until)

        def run(query, with_dates):
            parsed = self.index.parse_query(" ".join(words(query)), ["title", "body"])
            if with_dates:
                parsed = self.t.Query.boolean_query(
                    [(self.t.Occur.Must, parsed), (self.t.Occur.Must, dated)]
                )
            return searcher.search(parsed, 10).hits

        return run


class TantivyPyMorgueSchema:
    """tantivy-py with morgue's fields (src/index/schema.rs): the headline, byline,
    captions, tags and section each searchable and stored, all of them again in
    one searched text field, the body stored only, and the keys morgue's
    incremental builds look articles up by."""

    reads_records = True

    def __init__(self, directory):
        import tantivy

        self.t = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
        builder.add_unsigned_field("id_number", fast=True)
        builder.add_text_field("docno", stored=True, fast=True, tokenizer_name="raw", index_option="basic")
        builder.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
        builder.add_date_field("date", stored=True, indexed=True, fast=True)
        for name in ("section", "title", "byline", "captions", "tags"):
            builder.add_text_field(name, stored=True, tokenizer_name="en_stem")
        builder.add_text_field("section_key", tokenizer_name="raw", index_option="basic")
        builder.add_bytes_field("body", stored=True)
        builder.add_text_field("text", tokenizer_name="en_stem")
        builder.add_bytes_field("path", stored=True)
        builder.add_unsigned_field("story", indexed=True)
        builder.add_bytes_field("content", stored=True)
        builder.add_integer_field("modified", stored=True)
        self.schema = builder.build()
        os.makedirs(directory, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=directory)

    def build(self, source):
        import datetime
        import hashlib

        writer = self.index.writer(heap_size=256_000_000, num_threads=0)
        for article in source:
            title, body = article.get("title") or "", "\n\n".join(article.get("body") or [])
            byline, section = article.get("byline"), article.get("section")
            captions, tags = article.get("captions") or [], article.get("tags") or []
            digest = hashlib.blake2b(body.encode(), digest_size=24).digest()
            doc = self.t.Document()
            doc.add_text("id", article["id"])
            doc.add_unsigned("id_number", int(article["id"], 16))
            if article.get("url"):
                doc.add_text("url", article["url"])
            if article.get("date"):
                doc.add_date("date", datetime.datetime.fromisoformat(article["date"][:10] + "T00:00:00+00:00"))
            if section:
                doc.add_text("section", section)
                doc.add_text("section_key", section.lower())
            doc.add_text("title", title)
            doc.add_text("text", title)
            if byline:
                doc.add_text("byline", byline)
                doc.add_text("text", byline)
            doc.add_text("text", body)
            doc.add_bytes("body", body.encode())
            for caption in captions:
                doc.add_text("captions", caption)
                doc.add_text("text", caption)
            for tag in tags:
                doc.add_text("tags", tag)
                doc.add_text("text", tag)
            doc.add_bytes("path", (article.get("source") or "").encode())
            doc.add_unsigned("story", int.from_bytes(digest[:8], "little"))
            doc.add_bytes("content", digest[8:])
            doc.add_integer("modified", 1_800_000_000)
            writer.add_document(doc)
        writer.commit()
        writer.wait_merging_threads()


class SqliteFts5:
    def __init__(self, directory):
        import sqlite3

        os.makedirs(directory, exist_ok=True)
        self.db = sqlite3.connect(os.path.join(directory, "fts.db"))

    def build(self, source):
        self.db.execute("CREATE VIRTUAL TABLE a USING fts5(title, body, day UNINDEXED, tokenize='porter')")
        self.db.executemany("INSERT INTO a VALUES (?, ?, ?)", source)
        self.db.commit()

    def searcher(self):
        plain = "SELECT rowid FROM a WHERE a MATCH ? ORDER BY rank LIMIT 10"
        dated = "SELECT rowid FROM a WHERE a MATCH ? AND day BETWEEN ? AND ? ORDER BY rank LIMIT 10"

        def run(query, with_dates):
            match = " OR ".join('"%s"' % word for word in words(query))
            if with_dates:
                return self.db.execute(dated, (match, SINCE, UNTIL)).fetchall()
            return self.db.execute(plain, (match,)).fetchall()

        return run


class Xapian:
    def __init__(self, directory):
        import xapian

        self.x = xapian
        self.directory = directory

    def build(self, source):
        x = self.x
        db = x.WritableDatabase(self.directory, x.DB_CREATE_OR_OVERWRITE | x.DB_NO_SYNC)
        generator = x.TermGenerator()
        generator.set_stemmer(x.Stem("en"))
        for title, body, day in source:
            doc = x.Document()
            generator.set_document(doc)
            generator.index_text(title, 1, "S")
            generator.index_text(title)
            generator.increase_termpos()
            generator.index_text(body)
            doc.add_value(0, day.replace("-", ""))
            db.add_document(doc)
        db.commit()
        db.close()

    def searcher(self):
        x = self.x
        db = x.Database(self.directory)
        parser = x.QueryParser()
        parser.set_stemmer(x.Stem("en"))
        parser.set_stemming_strategy(x.QueryParser.STEM_SOME)
        parser.set_database(db)
        in_march = x.Query(x.Query.OP_VALUE_RANGE, 0, SINCE.replace("-", ""), UNTIL.replace("-", ""))

        def run(query, with_dates):
            enquire = x.Enquire(db)
            parsed = parser.parse_query(" ".join(words(query)))
            if with_dates:
                parsed = x.Query(x.Query.OP_FILTER, parsed, in_march)
            enquire.set_query(parsed)
            return list(enquire.get_mset(0, 10))

        return run


def tantivy_cli_documents(source, target):
    """The articles as tantivy-cli's `index` command reads them."""
    with open(target, "w", encoding="utf-8") as out:
        for title, body, day in articles(source):
            doc = {"title": title, "body": body}
            if day:
                doc["date"] = day + "T00:00:00Z"
            out.write(json.dumps(doc) + "\n")


ENGINES = {
    "tantivy-py": TantivyPy,
    "tantivy-py-morgue-schema": TantivyPyMorgueSchema,
    "sqlite-fts5": SqliteFts5,
    "xapian": Xapian,
}


def main():
    if sys.argv[1] == "tantivy-cli-documents":
        tantivy_cli_documents(sys.argv[2], sys.argv[3])
        return
    command, engine = sys.argv[1], ENGINES[sys.argv[2]]
    if command == "build":
        source, directory = sys.argv[3], sys.argv[4]
        started = time.perf_counter()
        engine(directory).build(records(source) if getattr(engine, "reads_records", False) else articles(source))
        print("%.3f" % (time.perf_counter() - started))
    elif command == "query":
        directory, query_file = sys.argv[3], sys.argv[4]
        run = engine(directory).searcher()
        for with_dates in (False, True):
            times = []
            for query in queries(query_file):
                run(query, with_dates)
                for _ in range(RUNS):
                    started = time.perf_counter()
                    run(query, with_dates)
                    times.append(time.perf_counter() - started)
            times.sort()
            p50 = statistics.median(times) * 1e6
            p95 = times[int(len(times) * 0.95)] * 1e6
            print("%s %s p50_us=%.0f p95_us=%.0f" % (sys.argv[2], "dated" if with_dates else "plain", p50, p95))


if __name__ == "__main__":
    main()
