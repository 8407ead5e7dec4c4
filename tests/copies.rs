//! Wire copies (issue #22) on Reuters-21578 with a syndication set made from
//! it (`syndication.rs`): a search shows a story once with its copies named,
//! `--all-copies` shows each, `related` never offers a copy of its article,
//! and copy detection holds its precision and recall, with no two companies'
//! earnings reports taken for one story.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::syndication::{measure, reuters_stories, Syndication};
use crate::util::{json_lines, run, shared_corpus, succeed};

struct Set {
    _dir: tempfile::TempDir,
    index: PathBuf,
    syndication: Syndication,
}

/// Reuters-21578 and copies of 300 of its stories, indexed once.
fn set() -> Option<&'static Set> {
    static SET: OnceLock<Option<Set>> = OnceLock::new();
    SET.get_or_init(|| {
        let reuters = shared_corpus("reuters21578")?;
        let sources = reuters_stories(&reuters);
        let syndication = Syndication::generate(&sources, 300, 7);
        let dir = tempfile::tempdir().unwrap();
        let copies = dir.path().join("syndication");
        syndication.write(&copies).unwrap();
        let index = dir.path().join("index");
        let output = run(&index, &["index", &path(&reuters), &path(&copies)]);
        assert!(
            output.status.code().is_some_and(|code| code <= 1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(Set {
            _dir: dir,
            index,
            syndication,
        })
    })
    .as_ref()
}

fn path(path: &Path) -> String {
    path.display().to_string()
}

/// The generated records, by record number.
fn records(set: &Set) -> Vec<Value> {
    set.syndication
        .outlets
        .iter()
        .flat_map(|(_, lines)| lines.iter().map(|line| serde_json::from_str(line).unwrap()))
        .collect()
}

#[test]
fn detection_keeps_its_precision_and_recall() {
    let Some(set) = set() else { return };
    let measured = measure(&set.index, &set.syndication.stories);
    assert!(measured.gold > 600, "{} pairs", measured.gold);
    assert!(
        measured.precision() >= 0.97 && measured.recall() >= 0.88,
        "precision {:.3}, recall {:.3}; wrong {:?}; missed {:?}",
        measured.precision(),
        measured.recall(),
        &measured.wrong[..measured.wrong.len().min(10)],
        &measured.missed[..measured.missed.len().min(10)]
    );
}

#[test]
fn two_companies_earnings_reports_are_never_one_story() {
    let Some(set) = set() else { return };
    let exported = json_lines(&succeed(&set.index, &["export"]));
    // The company, as an earnings headline names it first ("CANADA SOUTHERN
    // PETROLEUM LTD<CSW> 2ND QTR LOSS"), after any correction or repeat mark.
    let company = |title: &str| -> Option<String> {
        let words: Vec<String> = title
            .to_uppercase()
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|word| !["", "CORRECTED", "RPT", "REPEAT"].contains(word))
            .take(2)
            .map(str::to_string)
            .collect();
        (words.len() == 2).then(|| words.join(" "))
    };
    let generated: BTreeSet<&str> = exported
        .iter()
        .filter(|article| {
            article["docno"]
                .as_str()
                .is_some_and(|d| d.starts_with("syn-"))
        })
        .map(|article| article["id"].as_str().unwrap())
        .collect();
    let mut reports = 0;
    for article in &exported {
        let tags = article["tags"].as_array().unwrap();
        if !tags.iter().any(|tag| tag == "earn") {
            continue;
        }
        let Some(ours) = company(article["title"].as_str().unwrap()) else {
            continue;
        };
        reports += 1;
        let docno = article["docno"].as_str().unwrap();
        for copy in morgue_copies(&set.index, docno) {
            if generated.contains(copy["id"].as_str().unwrap()) {
                continue;
            }
            if let Some(theirs) = company(copy["title"].as_str().unwrap()) {
                assert_eq!(
                    ours, theirs,
                    "{docno} {} ~ {}",
                    article["title"], copy["title"]
                );
            }
        }
    }
    assert!(reports > 3_000, "{reports} earnings reports");
}

/// The copies `morgue show --json` lists for an article.
fn morgue_copies(index: &Path, id: &str) -> Vec<Value> {
    let shown = json_lines(&succeed(index, &["show", "--json", id])).remove(0);
    shown["copies"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_search_shows_a_story_once_and_names_its_copies() {
    let Some(set) = set() else { return };
    let records = records(set);
    // A copied story whose every printing keeps its lede word for word.
    let (story, phrase) = set
        .syndication
        .stories
        .iter()
        .filter(|story| story.len() >= 3)
        .find_map(|story| {
            let source = morgue::search::show(
                &morgue::index::Archive::open(&set.index).unwrap(),
                &story[0],
            )
            .unwrap();
            let lede: Vec<&str> = source.body[0].split_whitespace().take(8).collect();
            let phrase = lede.join(" ");
            let everywhere = story[1..].iter().all(|docno| {
                records
                    .iter()
                    .find(|record| record["docno"] == docno.as_str())
                    .is_some_and(|record| record["body"].to_string().contains(&phrase))
            });
            (everywhere && !phrase.contains('"')).then(|| (story.clone(), phrase))
        })
        .expect("a story printed three times with its lede intact");
    let query = format!("\"{phrase}\"");
    let every = json_lines(&succeed(
        &set.index,
        &["search", "--json", "--all-copies", &query],
    ));
    let printings: BTreeSet<String> = every
        .iter()
        .map(|hit| hit["docno"].as_str().unwrap().to_string())
        .collect();
    assert!(
        story.iter().all(|docno| printings.contains(docno)),
        "{story:?} in {printings:?}"
    );
    let folded = json_lines(&succeed(&set.index, &["search", "--json", &query]));
    let first = folded
        .iter()
        .find(|hit| story.contains(&hit["docno"].as_str().unwrap().to_string()))
        .expect("the story is found");
    let named: BTreeSet<String> = std::iter::once(first["id"].as_str().unwrap().to_string())
        .chain(
            first["copies"]
                .as_array()
                .unwrap()
                .iter()
                .map(|copy| copy["id"].as_str().unwrap().to_string()),
        )
        .collect();
    let of_story: BTreeSet<String> = every
        .iter()
        .filter(|hit| story.contains(&hit["docno"].as_str().unwrap().to_string()))
        .map(|hit| hit["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        of_story.is_subset(&named),
        "{of_story:?} named as {named:?}"
    );
    assert_eq!(
        folded.len() + named.len() - 1,
        every.len(),
        "every printing is a hit or a copy named under one"
    );
    for copy in first["copies"].as_array().unwrap() {
        for field in ["id", "title", "date", "section", "byline", "url"] {
            assert!(copy.get(field).is_some(), "{field} in {copy}");
        }
    }
    let human = succeed(&set.index, &["search", &query]);
    let human = String::from_utf8_lossy(&human.stdout);
    assert!(
        human.contains(&format!("+{} copies", named.len() - 1)),
        "{human}"
    );
}

#[test]
fn related_never_offers_a_copy_of_its_article() {
    let Some(set) = set() else { return };
    for story in set
        .syndication
        .stories
        .iter()
        .filter(|story| story.len() >= 3)
        .take(5)
    {
        let related = json_lines(&succeed(&set.index, &["related", "--json", &story[0]]));
        assert!(!related.is_empty(), "{}", story[0]);
        for hit in &related {
            let docno = hit["docno"].as_str().unwrap_or_default();
            assert!(
                !story.iter().any(|d| d == docno),
                "{docno} is a copy of {}",
                story[0]
            );
        }
    }
}

#[test]
fn a_copy_pruned_leaves_its_story_with_the_rest() {
    let Some(set) = set() else { return };
    // The outlets' files alone, each story's first copy in a file of its own.
    let dir = tempfile::tempdir().unwrap();
    let outlets = dir.path().join("outlets");
    std::fs::create_dir_all(outlets.join("single")).unwrap();
    for (name, lines) in &set.syndication.outlets {
        let (single, rest): (Vec<&String>, Vec<&String>) =
            lines.iter().partition(|line| line.contains("-0\","));
        for line in single {
            let record: Value = serde_json::from_str(line).unwrap();
            let file = format!("{}.jsonl", record["docno"].as_str().unwrap());
            std::fs::write(outlets.join("single").join(file), format!("{line}\n")).unwrap();
        }
        let rest: Vec<&str> = rest.iter().map(|line| line.as_str()).collect();
        std::fs::write(outlets.join(name), rest.join("\n") + "\n").unwrap();
    }
    let index = dir.path().join("index");
    succeed(&index, &["index", &path(&outlets)]);
    // A story of four printings here, each found a copy of the others.
    let story = set
        .syndication
        .stories
        .iter()
        .filter(|story| story.len() >= 5)
        .find(|story| morgue_copies(&index, &story[2]).len() == story.len() - 2)
        .expect("a story printed four times, its copies all found");
    std::fs::remove_file(outlets.join("single").join(format!("{}.jsonl", story[1]))).unwrap();
    succeed(&index, &["index", "--prune", &path(&outlets)]);
    let after: BTreeSet<String> = morgue_copies(&index, &story[2])
        .iter()
        .map(|copy| copy["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(after.len(), story.len() - 3, "{after:?}");
    let shown = run(&index, &["show", &story[1]]);
    assert_ne!(shown.status.code(), Some(0), "{} was pruned", story[1]);
}
