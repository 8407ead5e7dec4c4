//! A bug in a reader costs one file, never the run (issue #21). One real page
//! once panicked the HTML reader and the build then hung forever: every test
//! here runs the binary under a timeout, so a hang fails instead of waiting.

use std::path::Path;
use std::time::Duration;

use crate::util::{bundled_corpus, code, json_lines, morgue, shared_corpus, CORPUS_ARTICLES};

/// Far beyond what each run takes, short of CI's patience.
const TIMEOUT: Duration = Duration::from_secs(300);

/// A dump of the bundled corpus with one story of its own (the file the
/// panicking reader is told to fail on): Ghosn's flight to Lebanon.
const VICTIM: &str = "016_313cb971e6d497c0.txt";

#[test]
fn issue_21_a_panicking_reader_skips_its_file_and_the_rest_is_indexed() {
    assert!(
        bundled_corpus().join("2019").join(VICTIM).is_file(),
        "the bundled corpus has {VICTIM}"
    );
    for threads in ["1", "2"] {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        let output = morgue()
            .env("MORGUE_TEST_PANIC_ON_FILE", VICTIM)
            .arg("--index")
            .arg(&index)
            .args(["index", "--threads", threads])
            .arg(bundled_corpus())
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(code(&output), 1, "{threads} threads: {stderr}");
        let skipped: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("morgue: skipped "))
            .collect();
        assert_eq!(skipped.len(), 1, "{stderr}");
        assert!(skipped[0].contains(VICTIM), "{stderr}");
        assert!(
            skipped[0].contains("internal error while reading it (deliberate panic")
                && skipped[0].ends_with("please report it"),
            "{stderr}"
        );
        // Every other story is there, and the victim's is not.
        let all = morgue()
            .arg("--index")
            .arg(&index)
            .args(["search", "", "--all-copies", "--limit", "1000", "--json"])
            .output()
            .unwrap();
        let hits = json_lines(&all);
        assert_eq!(hits.len() as u64, CORPUS_ARTICLES - 1, "{threads} threads");
        assert!(hits
            .iter()
            .all(|hit| !hit["path"].as_str().unwrap().ends_with(VICTIM)));
        // Skipped, not remembered: the next run reads the file again.
        let again = morgue()
            .arg("--index")
            .arg(&index)
            .args(["index"])
            .arg(bundled_corpus())
            .timeout(TIMEOUT)
            .output()
            .unwrap();
        assert_eq!(
            code(&again),
            0,
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        let found = morgue()
            .arg("--index")
            .arg(&index)
            .args(["search", "Ghosn Lebanon", "--json"])
            .output()
            .unwrap();
        assert!(json_lines(&found)
            .iter()
            .any(|hit| hit["path"].as_str().unwrap().ends_with(VICTIM)));
    }
}

/// Every page of two folders of real scraped pages in one run: no panic,
/// exit 0 or 1, within the timeout, with 1 and 2 threads.
#[test]
fn issue_21_real_pages_index_without_a_panic_or_a_hang() {
    let (Some(dates), Some(aeb)) = (
        shared_corpus("htmldate-eval"),
        shared_corpus("news-html-aeb"),
    ) else {
        return;
    };
    for threads in ["1", "2"] {
        let dir = tempfile::tempdir().unwrap();
        let output = index_pages(&dir.path().join("index"), threads, &dates, &aeb);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            [0, 1].contains(&code(&output)),
            "{threads} threads, exit {:?}: {stderr}",
            output.status
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!stderr.contains("internal error"), "{stderr}");
        let summary = stderr.lines().last().unwrap_or_default();
        assert!(
            summary.starts_with("1175 files in "),
            "every page is seen: {summary}"
        );
        // The four pages that once panicked the entity decoder are indexed.
        let articles: u64 = summary
            .rsplit_once("; ")
            .and_then(|(_, tail)| tail.split_whitespace().next())
            .and_then(|count| count.parse().ok())
            .unwrap_or(0);
        assert!(articles >= 1165, "{summary}");
        // One of them, its title decoded whole: `&quot;` beside Cyrillic.
        let found = morgue()
            .arg("--index")
            .arg(dir.path().join("index"))
            .args(["search", "title:минера", "--json"])
            .output()
            .unwrap();
        let hits = json_lines(&found);
        assert_eq!(
            hits.first().and_then(|hit| hit["title"].as_str()),
            Some("Полиция направила дело \"минера\" столичного метро в суд")
        );
    }
}

fn index_pages(index: &Path, threads: &str, dates: &Path, aeb: &Path) -> std::process::Output {
    morgue()
        .arg("--index")
        .arg(index)
        .args(["index", "--threads", threads])
        .arg(dates.join("html"))
        .arg(aeb.join("html"))
        .timeout(TIMEOUT)
        .output()
        .unwrap()
}
