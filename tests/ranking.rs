//! Ranking quality on judged data: Cranfield indexed through the SMART ingest
//! path and scored by `morgue eval`, with a floor that catches regressions.

use std::path::Path;

use crate::util::{code, json_lines, run, shared_corpus, succeed};

/// Lucene 9.5 BM25 (EnglishAnalyzer) on Cranfield, as published in issue #6.
const LUCENE_MAP: f64 = 0.3107;
const LUCENE_NDCG_10: f64 = 0.3783;

/// Writes Cranfield's queries and judgments in the interchange forms `morgue
/// eval` reads. Two traps (SOURCE.md): judgments number queries by position,
/// not by their `.I`; and grades run backwards (1 most relevant, −1 a marker),
/// so grade g in 1..=4 becomes gain 5 − g and −1 is dropped.
fn cranfield_judgments(corpus: &Path, out: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let queries = std::fs::read_to_string(corpus.join("cran.qry")).unwrap();
    let mut topics = String::new();
    let mut current: Option<Vec<&str>> = None;
    let mut position = 0;
    let flush = |words: Option<Vec<&str>>, position: usize, topics: &mut String| {
        if let Some(words) = words {
            topics.push_str(&format!("{position}\t{}\n", words.join(" ")));
        }
    };
    for line in queries.lines() {
        if line.starts_with(".I") {
            flush(current.take(), position, &mut topics);
            position += 1;
            current = Some(Vec::new());
        } else if line.trim() != ".W" {
            if let Some(words) = current.as_mut() {
                words.extend(line.split_whitespace());
            }
        }
    }
    flush(current.take(), position, &mut topics);
    assert_eq!(topics.lines().count(), 225);

    let judgments = std::fs::read_to_string(corpus.join("cranqrel")).unwrap();
    let mut qrels = String::new();
    for line in judgments.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [query, doc, grade] = fields[..] else {
            continue;
        };
        let grade: i32 = grade.parse().unwrap();
        if (1..=4).contains(&grade) {
            qrels.push_str(&format!("{query} 0 {doc} {}\n", 5 - grade));
        }
    }
    let (topics_path, qrels_path) = (out.join("topics.tsv"), out.join("qrels.txt"));
    std::fs::write(&topics_path, topics).unwrap();
    std::fs::write(&qrels_path, qrels).unwrap();
    (topics_path, qrels_path)
}

#[test]
fn cranfield_ranks_above_the_floor_and_above_lucene() {
    let Some(corpus) = shared_corpus("cranfield") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let collection = corpus.join("cran.all.1400");
    let built = run(&index, &["index", "--json", collection.to_str().unwrap()]);
    assert_eq!(
        code(&built),
        0,
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let report = &json_lines(&built)[0];
    // 1400 records; .I 471 and .I 995 are empty and reported as such.
    assert_eq!(report["articles_total"], 1398);
    assert!(String::from_utf8_lossy(&built.stderr).contains(".I 471, 995"));

    let (topics, qrels) = cranfield_judgments(&corpus, dir.path());
    let run_file = dir.path().join("run.txt");
    let output = run(
        &index,
        &[
            "eval",
            "--json",
            "--topics",
            topics.to_str().unwrap(),
            "--qrels",
            qrels.to_str().unwrap(),
            "--run",
            run_file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let evaluation = &json_lines(&output)[0];
    assert_eq!(evaluation["topics"], 225);
    let mean = |name: &str| evaluation["mean"][name].as_f64().unwrap();
    assert!(
        mean("map") >= 0.31,
        "MAP fell below the floor: {evaluation}"
    );
    assert!(mean("map") > LUCENE_MAP, "MAP {} ≤ Lucene", mean("map"));
    assert!(
        mean("ndcg_10") > LUCENE_NDCG_10,
        "nDCG@10 {} ≤ Lucene",
        mean("ndcg_10")
    );

    // The run file names documents by their .I and keeps morgue's order.
    let run_text = std::fs::read_to_string(&run_file).unwrap();
    let first: Vec<&str> = run_text.lines().next().unwrap().split(' ').collect();
    assert_eq!((first[0], first[1], first[3]), ("1", "Q0", "1"));
    assert!(first[2]
        .parse::<u32>()
        .is_ok_and(|doc| (1..=1400).contains(&doc)));
    let lines_of_topic_1 = run_text.lines().filter(|l| l.starts_with("1 ")).count();
    assert!(lines_of_topic_1 > 100 && lines_of_topic_1 <= 1000);

    // A record is shown by its collection number too.
    let shown = run(&index, &["show", "184", "--json"]);
    assert_eq!(code(&shown), 0);
    let article = &json_lines(&shown)[0];
    assert_eq!(article["docno"], "184");
    assert!(article["title"].as_str().unwrap().contains("aeroelastic"));
}

#[test]
fn eval_names_the_bad_line_of_its_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("records.smart"),
        ".I 1\n.T\nshock waves\n.W\nshock waves in a tube\n.I 2\n.T\nwings\n.W\nswept wings\n",
    )
    .unwrap();
    let index = dir.path().join("index");
    assert_eq!(code(&run(&index, &["index", corpus.to_str().unwrap()])), 0);

    let topics = dir.path().join("topics.tsv");
    let qrels = dir.path().join("qrels.txt");
    std::fs::write(&topics, "1\tshock waves\n2 missing tab\n").unwrap();
    std::fs::write(&qrels, "1 0 1 1\n").unwrap();
    let args = |topics: &Path, qrels: &Path| {
        vec![
            "eval".to_string(),
            "--topics".into(),
            topics.display().to_string(),
            "--qrels".into(),
            qrels.display().to_string(),
        ]
    };
    let eval = |topics: &Path, qrels: &Path| {
        let args = args(topics, qrels);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&index, &args)
    };
    let output = eval(&topics, &qrels);
    assert_eq!(code(&output), 2);
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("topics line 2") && error.contains("topics.tsv"),
        "{error}"
    );

    std::fs::write(&topics, "1\tshock waves\n").unwrap();
    let output = eval(&topics, &qrels);
    assert_eq!(code(&output), 0);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(printed.contains("MAP         1.0000"), "{printed}");

    std::fs::write(&qrels, "7 0 1 1\n").unwrap();
    let output = eval(&topics, &qrels);
    assert_eq!(code(&output), 2);
    assert!(String::from_utf8_lossy(&output.stderr).contains("no topic"));
}

/// Judgments say what is relevant, not what is recent: `eval` ranks by
/// relevance unless told `--sort blend`, whose order it then follows.
#[test]
fn eval_measures_relevance_unless_asked_for_the_blend() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let corpus = crate::util::bundled_corpus();
    assert_eq!(code(&run(&index, &["index", corpus.to_str().unwrap()])), 0);
    let topics = dir.path().join("topics.tsv");
    let qrels = dir.path().join("qrels.txt");
    std::fs::write(&topics, "1\tAbe\n").unwrap();
    std::fs::write(&qrels, "1 0 nothing-judged 1\n").unwrap();
    let ranked = |sort: Option<&str>| -> Vec<String> {
        let run_file = dir.path().join("run.txt");
        let mut args = vec![
            "eval",
            "--topics",
            topics.to_str().unwrap(),
            "--qrels",
            qrels.to_str().unwrap(),
            "--run",
            run_file.to_str().unwrap(),
        ];
        if let Some(sort) = sort {
            args.extend(["--sort", sort]);
        }
        assert_eq!(code(&run(&index, &args)), 0);
        std::fs::read_to_string(&run_file)
            .unwrap()
            .lines()
            .filter_map(|line| line.split_whitespace().nth(2).map(str::to_string))
            .collect()
    };
    let searched = |sort: &str| -> Vec<String> {
        let output = run(
            &index,
            &[
                "search",
                "--json",
                "--all-copies",
                "--sort",
                sort,
                "-n",
                "100",
                "Abe",
            ],
        );
        json_lines(&output)
            .iter()
            .map(|hit| hit["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (by_relevance, blended) = (searched("relevance"), searched("blend"));
    assert_ne!(by_relevance, blended, "the two orders differ on this query");
    assert_eq!(ranked(None), by_relevance);
    assert_eq!(ranked(Some("blend")), blended);
}

/// A story the dump gives no headline is shown under its opening words, but
/// those words are searched only as the text they are: a magazine piece that
/// opens on a scene is not lifted above the story a query is about, `title:`
/// finds only headlines a dump gave, and an export read back keeps the
/// difference.
#[test]
fn a_story_without_a_headline_is_not_lifted_by_its_opening_words() {
    let dir = tempfile::tempdir().unwrap();
    let dumps = dir.path().join("dumps");
    std::fs::create_dir(&dumps).unwrap();
    let filler = "The council met again on Tuesday and the agenda ran long. ".repeat(6);
    let records = [
        serde_json::json!({"url": "https://example.com/scene", "date": "2021-05-03",
            "body": format!("Cocoa growers crowded the square at dawn, but the meeting that \
                followed was about the port strike and nothing else. {filler}")}),
        serde_json::json!({"url": "https://example.com/prices", "date": "2021-05-03",
            "body": format!("{filler}Buyers said cocoa growers would be paid less this year, \
                and cocoa growers' unions asked for talks. {filler}")}),
        serde_json::json!({"url": "https://example.com/headed", "date": "2021-05-04",
            "title": "Cocoa prices slide", "body": format!("{filler}Markets fell. {filler}")}),
        serde_json::json!({"url": "https://example.com/other", "date": "2021-05-04",
            "title": "Rain floods the market", "body": format!("{filler}Water rose. {filler}")}),
    ];
    let lines: Vec<String> = records.iter().map(|record| record.to_string()).collect();
    std::fs::write(dumps.join("stories.jsonl"), lines.join("\n")).unwrap();

    let urls = |index: &Path, query: &str| -> Vec<String> {
        let output = succeed(index, &["search", "--json", "--sort", "relevance", query]);
        json_lines(&output)
            .iter()
            .map(|hit| hit["url"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let index = dir.path().join("index");
    succeed(&index, &["index", dumps.to_str().unwrap()]);
    let found = urls(&index, "cocoa growers");
    assert_eq!(
        found.first().map(String::as_str),
        Some("https://example.com/prices"),
        "the story about cocoa growers first, not the one opening on them: {found:?}"
    );
    let scene = json_lines(&succeed(&index, &["search", "--json", "strike"]));
    assert_eq!(
        scene[0]["title"],
        "Cocoa growers crowded the square at dawn, but the meeting that followed",
        "the opening words are shown in place of a headline"
    );
    assert_eq!(urls(&index, "title:cocoa"), ["https://example.com/headed"]);

    let exported = dir.path().join("export");
    std::fs::create_dir(&exported).unwrap();
    let export = succeed(&index, &["export"]);
    let text = String::from_utf8_lossy(&export.stdout);
    assert_eq!(text.matches("\"title_origin\":\"opening\"").count(), 2);
    std::fs::write(exported.join("export.jsonl"), export.stdout).unwrap();
    let again = dir.path().join("again");
    succeed(&again, &["index", exported.to_str().unwrap()]);
    assert_eq!(urls(&again, "title:cocoa"), ["https://example.com/headed"]);
    assert_eq!(urls(&again, "cocoa growers"), found);
}
