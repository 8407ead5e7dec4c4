//! The 19,577 real page dumps of `dumps-reuters1987`, checked against the
//! corpus's MANIFEST.jsonl (ground truth the program itself never reads).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::util::{code, json_lines, run, shared_corpus, single_spaced};

struct Reuters {
    _dir: tempfile::TempDir,
    index: PathBuf,
    root: PathBuf,
    manifest: Vec<Value>,
    report: Value,
}

/// Indexes every scrape batch once for all tests here (the corpus root also
/// holds MANIFEST.jsonl and SOURCE.md, which are not dumps, so the batches are
/// named one by one).
fn reuters() -> Option<&'static Reuters> {
    static REUTERS: OnceLock<Option<Reuters>> = OnceLock::new();
    REUTERS
        .get_or_init(|| {
            let root = shared_corpus("dumps-reuters1987")?;
            let dir = tempfile::tempdir().unwrap();
            let index = dir.path().join("index");
            let mut args = vec!["index".to_string(), "--json".to_string()];
            args.extend(
                batches(&root)
                    .iter()
                    .map(|batch| batch.display().to_string()),
            );
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = run(&index, &args);
            assert_eq!(
                code(&output),
                0,
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            let report = json_lines(&output).remove(0);
            let manifest = std::fs::read_to_string(root.join("MANIFEST.jsonl"))
                .unwrap()
                .lines()
                .map(|line| serde_json::from_str(line).unwrap())
                .collect();
            Some(Reuters {
                _dir: dir,
                index,
                root,
                manifest,
                report,
            })
        })
        .as_ref()
}

/// The index of every batch, built once; `None` without the shared corpora.
pub fn full_index() -> Option<&'static Path> {
    reuters().map(|reuters| reuters.index.as_path())
}

/// The scrape batches of the corpus, in order.
pub fn batches(root: &Path) -> Vec<PathBuf> {
    let mut batches: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    batches.sort();
    batches
}

/// The hits of a search, each wire copy on its own: these tests follow
/// articles (copies fold into one hit per story in `copies.rs`).
fn search(reuters: &Reuters, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--json", "--all-copies"];
    all.extend_from_slice(args);
    let output = run(&reuters.index, &all);
    assert!(
        [0, 1].contains(&code(&output)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    json_lines(&output)
}

#[test]
fn every_file_ingests() {
    let Some(reuters) = reuters() else { return };
    assert_eq!(reuters.report["files_seen"], 19_577);
    assert_eq!(reuters.report["files_new"], 19_577);
    assert_eq!(reuters.report["files_skipped"], 0);
    assert_eq!(reuters.report["files_with_warnings"], 0);
    // Every story of the manifest is in the index once at least.
    let stats = json_lines(&run(&reuters.index, &["stats", "--json"])).remove(0);
    let stories: BTreeSet<(&str, &str)> = reuters
        .manifest
        .iter()
        .map(|entry| {
            (
                entry["date"].as_str().unwrap(),
                entry["title"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(stats["articles"].as_u64().unwrap() as usize >= stories.len());
}

/// A distinctive run of words from each teaser's opening, searched as a phrase,
/// finds the teased story and never the page that carries the teaser.
#[test]
fn teaser_text_never_finds_the_page_carrying_it() {
    let Some(reuters) = reuters() else { return };
    let files_of: HashMap<&str, Vec<&str>> =
        reuters
            .manifest
            .iter()
            .fold(HashMap::new(), |mut map, entry| {
                map.entry(entry["id"].as_str().unwrap())
                    .or_default()
                    .push(entry["file"].as_str().unwrap());
                map
            });
    let mut checked = 0;
    for carrier in reuters
        .manifest
        .iter()
        .filter(|entry| entry["repeat"] == false && entry["revised"] == false)
        .step_by(40)
    {
        let carrier_file = carrier["file"].as_str().unwrap();
        let text = std::fs::read_to_string(reuters.root.join(carrier_file)).unwrap();
        let chrome_at = text.find("\nLATEST ").unwrap();
        for opening in text[chrome_at..]
            .lines()
            .filter(|line| line.ends_with("..."))
        {
            let words: Vec<&str> = opening
                .split_whitespace()
                .filter(|word| word.chars().all(char::is_alphabetic))
                .collect();
            if words.len() < 12 {
                continue;
            }
            let phrase = words[2..8].join(" ");
            // The phrase must occur in the page only inside the teaser.
            if text.matches(&phrase).count() != 1 || !opening.contains(&phrase) {
                continue;
            }
            let hits = search(reuters, &[&format!("\"{phrase}\""), "--limit", "1000"]);
            let carrier_path = reuters.root.join(carrier_file).display().to_string();
            assert!(
                hits.iter().all(|hit| hit["path"] != carrier_path.as_str()),
                "{phrase}: found the page {carrier_file} that only teases it"
            );
            let teased: Vec<&str> = carrier["teasers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|id| id.as_str().unwrap())
                .collect();
            let teased_files: Vec<String> = teased
                .iter()
                .flat_map(|id| files_of.get(id).into_iter().flatten())
                .map(|file| reuters.root.join(file).display().to_string())
                .collect();
            let teased_text: Vec<String> = teased_files
                .iter()
                .map(|file| std::fs::read_to_string(file).unwrap())
                .collect();
            if teased_text.iter().any(|text| text.contains(&phrase)) {
                assert!(
                    !hits.is_empty(),
                    "{phrase}: the teased story itself is not found"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 300, "only {checked} teasers checked");
}

/// Date filters return exactly the stories of the manifest dated in range,
/// boundaries included.
#[test]
fn date_filters_return_exactly_the_articles_in_range() {
    let Some(reuters) = reuters() else { return };
    for (since, until) in [
        ("1987-03-02", "1987-03-04"),
        ("1987-06-02", "1987-06-29"),
        ("1987-10-19", "1987-10-20"),
    ] {
        let expected: BTreeSet<(String, String)> = reuters
            .manifest
            .iter()
            .filter(|entry| (since..=until).contains(&entry["date"].as_str().unwrap()))
            .map(|entry| {
                (
                    entry["date"].as_str().unwrap().to_string(),
                    single_spaced(entry["title"].as_str().unwrap()),
                )
            })
            .collect();
        let hits = search(
            reuters,
            &["", "--since", since, "--until", until, "--limit", "100000"],
        );
        let got: BTreeSet<(String, String)> = hits
            .iter()
            .map(|hit| {
                (
                    hit["date"].as_str().unwrap().to_string(),
                    hit["title"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{since}..{until}");
        // Stories on both boundary days exist, so inclusivity is really tested.
        assert!(
            got.iter().any(|(date, _)| date == since) && got.iter().any(|(date, _)| date == until)
        );
        assert!(!got
            .iter()
            .any(|(date, _)| date.as_str() < since || date.as_str() > until));
    }
}

/// A filter narrows the list and changes nothing else: the first page for
/// one section, or for a range holding every article, is the unfiltered list
/// narrowed to it, with the same scores, in every ordering by score.
#[test]
fn filters_narrow_the_list_without_reordering_or_rescoring_it() {
    let Some(reuters) = reuters() else { return };
    let page = |hits: &[Value]| -> Vec<(String, f64)> {
        hits.iter()
            .take(10)
            .map(|hit| {
                let id = hit["id"].as_str().unwrap().to_string();
                (id, hit["score"].as_f64().unwrap())
            })
            .collect()
    };
    let same = |got: Vec<(String, f64)>, expected: Vec<(String, f64)>, label: &str| {
        let ids =
            |page: &[(String, f64)]| page.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&got), ids(&expected), "{label}");
        for ((_, got), (_, expected)) in got.iter().zip(&expected) {
            assert!(
                (got - expected).abs() < 1e-3,
                "{label}: {got} vs {expected}"
            );
        }
    };
    for sort in ["relevance", "blend"] {
        for query in ["oil prices", "cocoa", "trade deficit -japan"] {
            let label = format!("{query} by {sort}");
            let all = search(reuters, &[query, "--sort", sort, "--limit", "100000"]);
            assert!(all.len() > 10, "{label}");
            let filtered = search(
                reuters,
                &[
                    query,
                    "--sort",
                    sort,
                    "--section",
                    "Business / Energy",
                    "--limit",
                    "100000",
                ],
            );
            let energy_only: Vec<Value> = all
                .iter()
                .filter(|hit| hit["section"] == "Business / Energy")
                .cloned()
                .collect();
            same(page(&filtered), page(&energy_only), &label);
            let whole_year = search(
                reuters,
                &[
                    query,
                    "--sort",
                    sort,
                    "--since",
                    "1987-01-01",
                    "--until",
                    "1987-12-31",
                ],
            );
            same(page(&whole_year), page(&all), &label);
        }
    }
}

#[test]
fn keyword_search_puts_articles_with_every_word_first() {
    let Some(reuters) = reuters() else { return };
    let hits = search(reuters, &["Bahia cocoa", "--limit", "30"]);
    // The headlines naming both words lead: the weekly review and the futures close.
    let top: Vec<&str> = hits[..2]
        .iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect();
    assert!(top.contains(&"BAHIA COCOA REVIEW"), "{top:?}");
    assert!(
        top.iter().all(|title| title.starts_with("BAHIA COCOA")),
        "{top:?}"
    );
    let first_partial = hits
        .iter()
        .position(|hit| hit["all_words"] == false)
        .unwrap_or(hits.len());
    assert!(first_partial >= 10);
    assert!(hits[first_partial..]
        .iter()
        .all(|hit| hit["all_words"] == false));
}

#[test]
fn partial_matches_are_counted_up_to_a_bound() {
    let Some(reuters) = reuters() else { return };
    let headline = |query: &str| {
        let output = run(&reuters.index, &["search", query, "--limit", "1"]);
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    // "said" is in most wire stories: the articles with only one of the two
    // words are counted to 10,000 beyond those with both, then "more than".
    let common = headline("said tonnes");
    let with_both: u64 = common
        .split('(')
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("{common}"));
    assert!(
        common.starts_with(&format!("more than {} matches (", with_both + 10_000)),
        "{common}"
    );
    // The count alone is exact.
    let alone = run(&reuters.index, &["search", "said tonnes", "--limit", "0"]);
    let alone = String::from_utf8_lossy(&alone.stdout);
    assert!(!alone.starts_with("more than"), "{alone}");
    // Below the bound the count is exact.
    assert!(
        headline("Bahia cocoa").contains(" matches ("),
        "{}",
        headline("Bahia cocoa")
    );
    assert!(!headline("Bahia cocoa").starts_with("more than"));
}
