//! Dump formats other than the page dump, on real data: Reuters-21578 as its
//! own SGML, and as JSON Lines and CSV written here from the SGML (as other
//! scrapers would have written it); field overrides; export and re-ingest.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::util::{bundled_corpus, code, json_lines, run, shared_corpus, CORPUS_ARTICLES};

/// One Reuters-21578 record as this test reads it, independently of morgue.
struct Record {
    newid: String,
    day: String,
    title: String,
    body: String,
}

/// Cuts the records out of the SGML files with plain string search.
fn reuters_records(files: &[PathBuf]) -> Vec<Record> {
    let between = |text: &str, open: &str, close: &str| -> Option<String> {
        let start = text.find(open)? + open.len();
        let end = text[start..].find(close)? + start;
        Some(text[start..end].to_string())
    };
    let mut records = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for chunk in text.split("<REUTERS ").skip(1) {
            let newid = between(chunk, "NEWID=\"", "\"").unwrap();
            let date = between(chunk, "<DATE>", "</DATE>").unwrap();
            let parsed = chrono::NaiveDate::parse_from_str(
                date.split_whitespace().next().unwrap(),
                "%d-%b-%Y",
            )
            .unwrap();
            let unescape = |text: String| text.replace("&lt;", "<").replace("&amp;", "&");
            records.push(Record {
                newid,
                day: parsed.to_string(),
                title: unescape(between(chunk, "<TITLE>", "</TITLE>").unwrap_or_default()),
                body: unescape(between(chunk, "<BODY>", "</BODY>").unwrap_or_default())
                    .replace("&#3;", ""),
            });
        }
    }
    records
}

fn sgml_files(root: &Path, count: usize) -> Vec<PathBuf> {
    (0..count)
        .map(|n| root.join(format!("reut2-{n:03}.sgm")))
        .collect()
}

fn index(index: &Path, args: &[&str]) -> Value {
    let mut all = vec!["index", "--json"];
    all.extend_from_slice(args);
    let output = run(index, &all);
    assert!(
        code(&output) <= 1,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    json_lines(&output).remove(0)
}

fn search(index: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    json_lines(&run(index, &all))
}

#[test]
fn reuters_sgml_every_record_with_text_is_an_article() {
    let Some(root) = shared_corpus("reuters21578") else {
        return;
    };
    let files = sgml_files(&root, 22);
    let records = reuters_records(&files);
    assert_eq!(records.len(), 21_578);
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let paths: Vec<&str> = files.iter().map(|file| file.to_str().unwrap()).collect();
    let report = index(&index_dir, &paths);
    // NEWID 12793 is an empty UNPROC record: the only one without text.
    assert_eq!(report["articles_total"], 21_577);
    assert_eq!(report["files_skipped"], 0);

    let shown = json_lines(&run(&index_dir, &["show", "1", "--json"]));
    assert_eq!(shown[0]["title"], "BAHIA COCOA REVIEW");
    assert_eq!(shown[0]["date"], "1987-02-26");
    assert!(shown[0]["body"][0]
        .as_str()
        .unwrap()
        .starts_with("Showers continued"));
    assert!(!shown[0]["body"].to_string().contains("Reuter\""));

    // A day's articles are exactly the day's records (boundaries inclusive).
    let mut per_day: BTreeMap<&str, usize> = BTreeMap::new();
    for record in &records {
        *per_day.entry(record.day.as_str()).or_default() += 1;
    }
    for day in ["1987-02-26", "1987-03-02", "1987-10-20"] {
        let hits = search(
            &index_dir,
            &["", "--since", day, "--until", day, "--limit", "0"],
        );
        assert!(hits.is_empty());
        let counted = run(
            &index_dir,
            &["search", "", "--since", day, "--until", day, "--limit", "0"],
        );
        let headline = String::from_utf8_lossy(&counted.stdout).to_string();
        assert!(
            headline.starts_with(&format!("{} matches", per_day[day])),
            "{day}: {headline}"
        );
    }

    // Exported and read back, headline-only briefs included, nothing is lost.
    let export = run(&index_dir, &["export"]);
    let exported = dir.path().join("export").join("reuters.jsonl");
    std::fs::create_dir_all(exported.parent().unwrap()).unwrap();
    std::fs::write(&exported, &export.stdout).unwrap();
    let again = dir.path().join("again");
    let report = index(&again, &[exported.to_str().unwrap()]);
    assert_eq!(report["articles_total"], 21_577);
    assert_eq!(
        without_source(&export.stdout),
        without_source(&run(&again, &["export"]).stdout)
    );
}

/// Exported articles without the dump path they were read from (which a
/// re-ingested export changes by design).
fn without_source(lines: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(lines)
        .lines()
        .map(|line| {
            let mut article: Value = serde_json::from_str(line).unwrap();
            article.as_object_mut().unwrap().remove("source");
            article
        })
        .collect()
}

#[test]
fn reuters_as_json_lines_and_csv() {
    let Some(root) = shared_corpus("reuters21578") else {
        return;
    };
    let records = reuters_records(&sgml_files(&root, 3));
    let with_body: Vec<&Record> = records
        .iter()
        .filter(|record| !record.body.trim().is_empty())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let dumps = dir.path().join("dumps");
    std::fs::create_dir_all(&dumps).unwrap();

    // JSON Lines as news-please writes them, with ISO date-times.
    let jsonl: String = with_body
        .iter()
        .map(|record| {
            json!({
                "id": record.newid,
                "title": record.title,
                "maintext": record.body,
                "date_publish": format!("{} 12:00:00", record.day),
                "authors": [],
                "source_domain": "reuters.com",
                "language": "en",
            })
            .to_string()
                + "\n"
        })
        .collect();
    std::fs::write(dumps.join("reuters.jsonl"), jsonl).unwrap();
    let json_index = dir.path().join("json-index");
    let report = index(&json_index, &[dumps.to_str().unwrap()]);
    assert_eq!(report["articles_total"], with_body.len() as u64);

    // CSV with other column names, pointed at with --field.
    let mut csv = String::from("newid,headline,published,storytext\n");
    for record in &with_body {
        let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
        csv.push_str(&format!(
            "{},{},{},{}\n",
            record.newid,
            quote(&record.title),
            record.day,
            quote(&record.body)
        ));
    }
    let csv_dir = dir.path().join("csv");
    std::fs::create_dir_all(&csv_dir).unwrap();
    std::fs::write(csv_dir.join("reuters.csv"), csv).unwrap();
    let csv_index = dir.path().join("csv-index");
    let without = run(&csv_index, &["index", csv_dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&without.stderr);
    assert!(
        stderr.contains("ignored") && stderr.contains("storytext"),
        "{stderr}"
    );
    let report = index(
        &csv_index,
        &[
            "--rebuild",
            "--field",
            "body=storytext",
            csv_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(report["articles_total"], with_body.len() as u64);

    // Both read the same stories: the same record leads the same search.
    for index_dir in [&json_index, &csv_index] {
        let hits = search(index_dir, &["Bahia cocoa review", "--limit", "1"]);
        assert_eq!(hits[0]["title"], "BAHIA COCOA REVIEW");
        assert_eq!(hits[0]["docno"], "1");
        assert_eq!(hits[0]["date"], "1987-02-26");
    }
}

#[test]
fn an_export_re_ingested_gives_the_same_archive() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first");
    index(&first, &[bundled_corpus().to_str().unwrap()]);
    let export = run(&first, &["export"]);
    assert_eq!(code(&export), 0);
    let exported = dir.path().join("moved").join("archive.jsonl");
    std::fs::create_dir_all(exported.parent().unwrap()).unwrap();
    std::fs::write(&exported, &export.stdout).unwrap();

    let second = dir.path().join("second");
    let report = index(&second, &[exported.to_str().unwrap()]);
    assert_eq!(report["articles_total"], CORPUS_ARTICLES);
    let again = run(&second, &["export"]);
    assert_eq!(
        without_source(&export.stdout),
        without_source(&again.stdout)
    );
    assert_eq!(
        search(&first, &["Motegi Lavrov"])
            .iter()
            .map(|hit| hit["id"].clone())
            .collect::<Vec<_>>(),
        search(&second, &["Motegi Lavrov"])
            .iter()
            .map(|hit| hit["id"].clone())
            .collect::<Vec<_>>()
    );
}
