//! Saved web pages: the 181 real news pages of news-html-aeb, with hand-checked
//! bodies, indexed by the binary and scored with the Article Extraction
//! Benchmark's own metric; and the same pages inside a WARC crawl.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::Value;

use crate::util::{code, json_lines, run, shared_corpus};

/// The benchmark's metric for one page: precision and recall over 4-word
/// shingles of `\w+` tokens, counted with multiplicity (`None` where the
/// benchmark leaves a page out of that average).
fn shingle_scores(truth: &str, predicted: &str) -> (Option<f64>, Option<f64>) {
    fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
        let tokens: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|token| !token.is_empty())
            .collect();
        let mut counts = HashMap::new();
        for start in 0..tokens.len().saturating_sub(3).max(1) {
            let shingle = tokens[start..(start + 4).min(tokens.len())].to_vec();
            if !shingle.is_empty() {
                *counts.entry(shingle).or_insert(0) += 1;
            }
        }
        counts
    }
    let (truth, predicted) = (shingles(truth), shingles(predicted));
    let (mut tp, mut fp, mut fn_) = (0.0f64, 0.0f64, 0.0f64);
    let keys: HashSet<&Vec<&str>> = truth.keys().chain(predicted.keys()).collect();
    for key in keys {
        let (t, p) = (
            *truth.get(key).unwrap_or(&0) as f64,
            *predicted.get(key).unwrap_or(&0) as f64,
        );
        tp += t.min(p);
        fp += (p - t).max(0.0);
        fn_ += (t - p).max(0.0);
    }
    let precision = if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    };
    let recall = if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    };
    (
        (tp + fp > 0.0).then_some(precision),
        (tp + fn_ > 0.0).then_some(recall),
    )
}

/// The benchmark's summary: precision and recall averaged over pages, and F1
/// from those averages.
fn benchmark_f1(precisions: &[f64], recalls: &[f64]) -> (f64, f64, f64) {
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    let (precision, recall) = (mean(precisions), mean(recalls));
    (
        precision,
        recall,
        2.0 * precision * recall / (precision + recall),
    )
}

#[test]
fn news_pages_bodies_match_the_hand_checked_text() {
    let Some(root) = shared_corpus("news-html-aeb") else {
        return;
    };
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("ground-truth.json")).unwrap())
            .unwrap();
    let truth = truth.as_object().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let built = run(
        &index,
        &["index", "--json", root.join("html").to_str().unwrap()],
    );
    assert!(code(&built) <= 1);
    let report = &json_lines(&built)[0];
    assert_eq!(report["files_new"], 181, "{report}");

    let exported = json_lines(&run(&index, &["export"]));
    let mut by_page: HashMap<String, &Value> = HashMap::new();
    for article in &exported {
        let source = article["source"].as_str().unwrap();
        let name = Path::new(source).file_name().unwrap().to_str().unwrap();
        by_page.insert(name.trim_end_matches(".html.gz").to_string(), article);
    }
    let (mut precisions, mut recalls) = (Vec::new(), Vec::new());
    let (mut titled, mut dated) = (0, 0);
    for (page, expected) in truth {
        let body = by_page.get(page).map_or(String::new(), |article| {
            article["body"]
                .as_array()
                .unwrap()
                .iter()
                .map(|paragraph| paragraph.as_str().unwrap())
                .collect::<Vec<_>>()
                .join("\n\n")
        });
        let (precision, recall) = shingle_scores(expected["articleBody"].as_str().unwrap(), &body);
        precisions.extend(precision);
        recalls.extend(recall);
        if let Some(article) = by_page.get(page) {
            titled += usize::from(!article["title"].as_str().unwrap().is_empty());
            dated += usize::from(!article["date"].is_null());
        }
    }
    let (precision, recall, f1) = benchmark_f1(&precisions, &recalls);
    eprintln!(
        "news-html-aeb: P {precision:.4} R {recall:.4} F1 {f1:.4}; {} pages, {titled} titled, {dated} dated",
        by_page.len()
    );
    assert!(f1 >= 0.95, "extraction F1 {f1:.4} fell below 0.95");
    assert_eq!(by_page.len(), 181);
}

#[test]
fn a_warc_crawl_of_the_same_pages_gives_the_same_articles() {
    let (Some(crawl), Some(pages)) = (shared_corpus("news-warc"), shared_corpus("news-html-aeb"))
    else {
        return;
    };
    let truth: Value =
        serde_json::from_str(&std::fs::read_to_string(pages.join("ground-truth.json")).unwrap())
            .unwrap();
    let by_url: HashMap<&str, &str> = truth
        .as_object()
        .unwrap()
        .values()
        .map(|page| {
            (
                page["url"].as_str().unwrap(),
                page["articleBody"].as_str().unwrap(),
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let file = crawl.join("aeb-2019.warc.gz");
    let built = run(&index, &["index", "--json", file.to_str().unwrap()]);
    assert_eq!(
        code(&built),
        0,
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let exported = json_lines(&run(&index, &["export"]));
    assert_eq!(exported.len(), 181);
    let (mut precisions, mut recalls) = (Vec::new(), Vec::new());
    for article in &exported {
        let url = article["url"].as_str().unwrap();
        let expected = by_url
            .get(url)
            .unwrap_or_else(|| panic!("{url} is no page of the crawl"));
        let body: Vec<&str> = article["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|paragraph| paragraph.as_str().unwrap())
            .collect();
        let (precision, recall) = shingle_scores(expected, &body.join("\n\n"));
        precisions.extend(precision);
        recalls.extend(recall);
    }
    let (_, _, f1) = benchmark_f1(&precisions, &recalls);
    assert!(f1 >= 0.95, "F1 through the crawl {f1:.4}");

    // A crawl cut off mid-transfer: the pages before the cut are kept, the cut is reported.
    let bytes = std::fs::read(&file).unwrap();
    let cut = dir.path().join("cut").join("crawl.warc.gz");
    std::fs::create_dir_all(cut.parent().unwrap()).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let partial = dir.path().join("partial");
    let built = run(&partial, &["index", "--json", cut.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(
        stderr.contains("crawl.warc.gz") && stderr.contains("cut short"),
        "{stderr}"
    );
    let total = json_lines(&built)[0]["articles_total"].as_u64().unwrap();
    assert!((60..181).contains(&total), "{total} pages before the cut");
}
