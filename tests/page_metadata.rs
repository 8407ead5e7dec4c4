//! What morgue says about a real web page besides its text (issue #24): the
//! day it was published, on the 994 pages of `htmldate-eval` with their
//! gold days. The whole set is indexed by the real binary and exported; the
//! floors sit just under what `benches/dates.py` measured, so a change that
//! loses dates fails here.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::util::{json_lines, run, shared_corpus};

/// Share of pages dated to the gold day (measured: 0.894).
const DATE_ACCURACY_FLOOR: f64 = 0.885;

/// Index `pages`' `html/` and export it: each article's source file name
/// (without `.gz`) with its exported record.
fn exported(pages: &Path, index: &Path) -> HashMap<String, Value> {
    run(index, &["index", &pages.join("html").display().to_string()]);
    let export = run(index, &["export"]);
    json_lines(&export)
        .into_iter()
        .filter_map(|article| {
            let name = Path::new(article["source"].as_str()?)
                .file_name()?
                .to_str()?
                .trim_end_matches(".gz")
                .to_string();
            Some((name, article))
        })
        .collect()
}

#[test]
fn issue_24_real_pages_are_dated_to_the_day_they_say() {
    let Some(pages) = shared_corpus("htmldate-eval") else {
        return;
    };
    let gold: HashMap<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(pages.join("gold.json")).expect("gold.json"))
            .expect("gold.json is JSON");
    let dir = tempfile::tempdir().unwrap();
    let found = exported(&pages, &dir.path().join("index"));
    let right = gold
        .iter()
        .filter(|(name, entry)| {
            found
                .get(*name)
                .and_then(|article| article["date"].as_str())
                .is_some_and(|date| Some(date) == entry["date"].as_str())
        })
        .count();
    let accuracy = right as f64 / gold.len() as f64;
    eprintln!(
        "htmldate-eval: {right} of {} pages dated right ({accuracy:.3})",
        gold.len()
    );
    assert!(
        accuracy >= DATE_ACCURACY_FLOOR,
        "{right} of {} pages dated right ({accuracy:.3})",
        gold.len()
    );
    // A page whose metadata stamps the story in UTC and writes the same
    // moment in its own time zone keeps its own day (nachrichten.at: 00:04
    // on the 19th in Linz is 22:04 on the 18th in UTC).
    assert_eq!(
        found["0b96fc66e2c94f45a1b923ec9a31fcf2.html"]["date"],
        "2019-10-19"
    );
}
