//! What morgue says about a real web page besides its text (issue #24): the
//! day it was published, on the 994 pages of `htmldate-eval` with their
//! gold days. The whole set is indexed by the real binary and exported; the
//! floors sit just under what `benches/dates.py` measured, so a change that
//! loses dates fails here.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::util::{json_lines, run, shared_corpus};

/// Share of pages dated to the gold day (measured: 0.908; trafilatura 2.0: 0.906).
const DATE_ACCURACY_FLOOR: f64 = 0.9;

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

/// Kinds of text the issue found posing as a section, a byline or a title.
fn furniture(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.contains(['{', '}', '@', '"', '#'])
        || text.contains("://")
        || text
            .split_whitespace()
            .any(|word| word.chars().all(|c| c.is_ascii_digit()))
        || [
            "facebook",
            "twitter",
            "newsletter",
            "skip ad",
            "view more articles",
            "related",
            "posted on",
            "powered by",
        ]
        .iter()
        .any(|phrase| lower.contains(phrase))
}

#[test]
fn issue_24_news_pages_have_desks_bylines_and_headlines_not_furniture() {
    let Some(pages) = shared_corpus("news-html-aeb") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let found = exported(&pages, &dir.path().join("index"));
    assert!(found.len() >= 175, "{} pages indexed", found.len());
    // Nearly every news page says when it ran (179 of 181 measured).
    let dated = found.values().filter(|a| a["date"].is_string()).count();
    assert!(dated >= 170, "{dated} dated");
    let field = |article: &Value, name: &str| article[name].as_str().map(str::to_string);
    let sections: Vec<String> = found.values().filter_map(|a| field(a, "section")).collect();
    // A desk's name is a few words; a longer one is a sentence or a list.
    let bad_sections: Vec<&String> = sections
        .iter()
        .filter(|section| furniture(section) || section.split_whitespace().count() > 6)
        .collect();
    assert!(bad_sections.len() <= 5, "{bad_sections:?}");
    // Most pages still say where they file the story.
    assert!(sections.len() >= 90, "{} sections", sections.len());
    let bylines: Vec<String> = found.values().filter_map(|a| field(a, "byline")).collect();
    let bad_bylines: Vec<&String> = bylines
        .iter()
        .filter(|byline| furniture(byline) || byline.starts_with("By "))
        .collect();
    assert!(bad_bylines.len() <= 3, "{bad_bylines:?}");
    // Titles keep the headline, not the site's name after a bar.
    let with_site: Vec<String> = found
        .values()
        .filter_map(|a| field(a, "title"))
        .filter(|title| {
            [
                "| TheHill",
                "| MoreBikes",
                "- Sportsnet.ca",
                "- Digg",
                "- The GiveWell Blog",
            ]
            .iter()
            .any(|tail| title.ends_with(tail))
        })
        .collect();
    assert_eq!(with_site, Vec::<String>::new());
}
