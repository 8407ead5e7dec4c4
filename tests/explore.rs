//! Exploring the archive (issue #22): `morgue stats` on the real Reuters page
//! dumps agrees, count for count, with the hits of the same search and with
//! an export of the whole archive.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::reuters_dumps::full_index;
use crate::util::{code, json_lines, run, shared_corpus, succeed};

fn stats(index: &Path, args: &[&str]) -> Value {
    let mut all = vec!["stats", "--json"];
    all.extend_from_slice(args);
    json_lines(&succeed(index, &all)).remove(0)
}

/// Every article a search matches (all of them, not a page; wire copies each
/// on its own, as stats counts them).
fn hits(index: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search", "--json", "--all-copies", "--limit", "100000"];
    all.extend_from_slice(args);
    json_lines(&run(index, &all))
}

/// What stats should say of a set of articles, counted by hand: articles,
/// undated, first and last date, sections, and the day of each dated one.
struct Counted {
    articles: u64,
    undated: u64,
    first: Option<String>,
    last: Option<String>,
    sections: BTreeMap<String, u64>,
    bylines: BTreeMap<String, u64>,
    days: Vec<String>,
}

fn count(articles: &[Value]) -> Counted {
    let mut counted = Counted {
        articles: articles.len() as u64,
        undated: 0,
        first: None,
        last: None,
        sections: BTreeMap::new(),
        bylines: BTreeMap::new(),
        days: Vec::new(),
    };
    for article in articles {
        match article["date"].as_str() {
            Some(day) => counted.days.push(day.to_string()),
            None => counted.undated += 1,
        }
        if let Some(section) = article["section"].as_str() {
            *counted.sections.entry(section.to_string()).or_default() += 1;
        }
        if let Some(byline) = article["byline"].as_str() {
            *counted.bylines.entry(byline.to_string()).or_default() += 1;
        }
    }
    counted.days.sort();
    counted.first = counted.days.first().cloned();
    counted.last = counted.days.last().cloned();
    counted
}

/// Checks a stats object against a hand count, its timeline per month included.
fn assert_agrees(stats: &Value, counted: &Counted, what: &str) {
    assert_eq!(stats["articles"], counted.articles, "{what}");
    assert_eq!(stats["undated"], counted.undated, "{what}");
    assert_eq!(
        stats["first_date"].as_str().map(String::from),
        counted.first,
        "{what}"
    );
    assert_eq!(
        stats["last_date"].as_str().map(String::from),
        counted.last,
        "{what}"
    );
    let sections: BTreeMap<String, u64> =
        serde_json::from_value(stats["sections"].clone()).unwrap();
    assert_eq!(sections, counted.sections, "{what}");
    // The twenty most frequent bylines, with their exact counts.
    let bylines: BTreeMap<String, u64> = serde_json::from_value(stats["bylines"].clone()).unwrap();
    assert_eq!(bylines.len(), counted.bylines.len().min(20), "{what}");
    for (name, count) in &bylines {
        assert_eq!(counted.bylines.get(name), Some(count), "{what}: {name}");
    }
    let least_shown = bylines.values().min().copied().unwrap_or(0);
    let more_frequent_left_out = counted
        .bylines
        .iter()
        .filter(|(name, count)| !bylines.contains_key(*name) && **count > least_shown)
        .count();
    assert_eq!(more_frequent_left_out, 0, "{what}: top 20 bylines");
}

fn per_month(days: &[String]) -> BTreeMap<String, u64> {
    let mut months = BTreeMap::new();
    for day in days {
        *months.entry(day[..7].to_string()).or_default() += 1;
    }
    months
}

fn timeline(stats: &Value) -> Vec<(String, u64)> {
    stats["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|bar| {
            (
                bar["period"].as_str().unwrap().to_string(),
                bar["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn issue_22_the_whole_archive_timeline_agrees_with_a_count_of_its_dates() {
    let Some(index) = full_index() else { return };
    let articles = json_lines(&succeed(index, &["export"]));
    let counted = count(&articles);
    let whole = stats(index, &["--by", "month"]);
    assert_agrees(&whole, &counted, "whole archive");
    assert_eq!(whole["by"], "month");
    let months = per_month(&counted.days);
    let bars = timeline(&whole);
    // Every month from the first to the last, zeros included, in order.
    assert_eq!(
        bars.first().map(|bar| bar.0.as_str()),
        counted.first.as_deref().map(|day| &day[..7])
    );
    assert_eq!(
        bars.last().map(|bar| bar.0.as_str()),
        counted.last.as_deref().map(|day| &day[..7])
    );
    for (month, count) in &bars {
        assert_eq!(months.get(month).copied().unwrap_or(0), *count, "{month}");
    }
    assert_eq!(
        bars.iter().map(|bar| bar.1).sum::<u64>(),
        counted.articles - counted.undated
    );
    // Without --by, the finest period that keeps about sixty bars: Reuters'
    // 1987 spans about eight months, more than sixty days, fewer than sixty weeks.
    let fitted = stats(index, &[]);
    assert_eq!(fitted["by"], "week");
    let weeks = timeline(&fitted);
    assert!(
        weeks.len() <= 60 && weeks.len() > 9,
        "{} weeks",
        weeks.len()
    );
    assert!(weeks.iter().all(|(week, _)| week.starts_with("1987-W")));
    assert_eq!(
        weeks.iter().map(|bar| bar.1).sum::<u64>(),
        counted.articles - counted.undated
    );
}

#[test]
fn issue_22_the_stats_of_a_query_agree_with_its_hits() {
    let Some(index) = full_index() else { return };
    for (query, filters) in [
        ("cocoa", &[][..]),
        (
            "oil prices",
            &["--since", "1987-03", "--until", "1987-04"][..],
        ),
        ("\"trade deficit\" Japan", &[][..]),
        ("title:coffee -Brazil", &[][..]),
        ("gold OR silver", &["--section", "Markets"][..]),
        (
            "bank",
            &["--since", "1987-10-19", "--until", "1987-10-19"][..],
        ),
    ] {
        let mut search_args = vec![query];
        search_args.extend_from_slice(filters);
        let found = hits(index, &search_args);
        let every_word: Vec<Value> = found
            .iter()
            .filter(|hit| hit["all_words"] == true)
            .cloned()
            .collect();
        assert!(!every_word.is_empty(), "{query}");
        let mut stats_args = vec![query];
        stats_args.extend_from_slice(filters);
        let narrow = stats(index, &stats_args);
        assert_agrees(&narrow, &count(&every_word), query);
        stats_args.push("--any");
        assert_agrees(
            &stats(index, &stats_args),
            &count(&found),
            &format!("{query} --any"),
        );
    }
}

#[test]
fn issue_22_stats_errors_are_those_of_search() {
    let Some(index) = full_index() else { return };
    for args in [
        &["oil", "--since", "1987-02-30"][..],
        &["oil", "--since", "1987-05", "--until", "1987-04"][..],
        &["oil", "--section", "No such desk"][..],
    ] {
        let mut stats_args = vec!["stats"];
        stats_args.extend_from_slice(args);
        let mut search_args = vec!["search"];
        search_args.extend_from_slice(args);
        let (stats, search) = (run(index, &stats_args), run(index, &search_args));
        assert_eq!(code(&stats), 2, "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&stats.stderr),
            String::from_utf8_lossy(&search.stderr),
            "{args:?}"
        );
    }
}

#[test]
fn issue_22_the_timeline_chart_names_its_peak_and_fits_the_width() {
    let Some(index) = full_index() else { return };
    let json = stats(index, &["cocoa", "--by", "month"]);
    let peak = timeline(&json)
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap();
    for width in ["60", "120"] {
        let output = crate::util::morgue()
            .env("COLUMNS", width)
            .arg("--index")
            .arg(index)
            .args(["stats", "cocoa", "--by", "month"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            text.contains(&format!(
                "Timeline by month (peak: {}, {} articles)",
                peak.0, peak.1
            )),
            "{text}"
        );
        let width: usize = width.parse().unwrap();
        let bars: Vec<&str> = text.lines().filter(|line| line.contains('│')).collect();
        assert_eq!(bars.len(), timeline(&json).len(), "{text}");
        assert!(
            bars.iter().all(|line| line.chars().count() <= width),
            "{text}"
        );
        // The peak's bar is drawn full width: the longest line of all.
        let peak_line = bars.iter().find(|line| line.starts_with(&peak.0)).unwrap();
        assert_eq!(peak_line.chars().count(), width, "{text}");
        assert!(text.contains('└'), "{text}");
    }
}

/// A phrase in a tiered query is excluded from the second tier through
/// tantivy's lazy seeking (see Cargo.toml on tantivy's debug assertions):
/// every order must still list exactly the same articles, each in its tier.
#[test]
fn every_order_lists_the_same_articles_for_a_phrase_and_a_word() {
    let Some(index) = full_index() else { return };
    let listed = |sort: &str| {
        let mut ids: Vec<(String, bool)> =
            hits(index, &["\"trade deficit\" Japan", "--sort", sort])
                .iter()
                .map(|hit| {
                    (
                        hit["id"].as_str().unwrap().to_string(),
                        hit["all_words"] == true,
                    )
                })
                .collect();
        ids.sort();
        ids
    };
    let by_relevance = listed("relevance");
    assert!(by_relevance.iter().filter(|(_, all)| *all).count() > 50);
    assert!(by_relevance.iter().filter(|(_, all)| !*all).count() > 500);
    for sort in ["date", "oldest", "blend"] {
        assert_eq!(listed(sort), by_relevance, "{sort}");
    }
}

/// Reuters-21578's first five files (5,000 wire stories), indexed once, and
/// each record's TOPICS categories, read from the SGML with plain string search.
struct Topics {
    _dir: tempfile::TempDir,
    index: PathBuf,
    of: HashMap<String, Vec<String>>,
}

fn reuters_topics() -> Option<&'static Topics> {
    static INDEX: OnceLock<Option<Topics>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            let root = shared_corpus("reuters21578")?;
            let files: Vec<PathBuf> = (0..5)
                .map(|n| root.join(format!("reut2-{n:03}.sgm")))
                .collect();
            let mut topics = HashMap::new();
            for file in &files {
                let text = String::from_utf8_lossy(&std::fs::read(file).unwrap()).into_owned();
                for record in text.split("<REUTERS ").skip(1) {
                    let newid = record
                        .split("NEWID=\"")
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap();
                    let listed = record
                        .split("<TOPICS>")
                        .nth(1)
                        .and_then(|rest| rest.split("</TOPICS>").next())
                        .unwrap_or_default();
                    let names: Vec<String> = listed
                        .split("<D>")
                        .skip(1)
                        .filter_map(|name| name.split("</D>").next())
                        .map(String::from)
                        .collect();
                    topics.insert(newid.to_string(), names);
                }
            }
            let dir = tempfile::tempdir().unwrap();
            let index = dir.path().join("index");
            let mut args = vec!["index".to_string()];
            args.extend(files.iter().map(|file| file.display().to_string()));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            succeed(&index, &args);
            Some(Topics {
                _dir: dir,
                index,
                of: topics,
            })
        })
        .as_ref()
}

#[test]
fn issue_22_related_stories_share_the_article_s_topics_and_never_include_it() {
    let Some(Topics {
        index, of: topics, ..
    }) = reuters_topics()
    else {
        return;
    };
    let mut asked: Vec<&String> = topics
        .iter()
        .filter(|(_, names)| !names.is_empty())
        .map(|(newid, _)| newid)
        .collect();
    asked.sort_by_key(|newid| newid.parse::<u32>().unwrap());
    let asked: Vec<&String> = asked.into_iter().step_by(40).collect();
    assert!(asked.len() >= 50);
    let mut shares = Vec::new();
    for newid in &asked {
        let output = run(index, &["related", newid, "--json"]);
        assert_eq!(code(&output), 0, "{newid}");
        let hits = json_lines(&output);
        assert_eq!(hits.len(), 10, "{newid}");
        let related: Vec<&str> = hits
            .iter()
            .map(|hit| hit["docno"].as_str().unwrap())
            .collect();
        assert!(
            !related.contains(&newid.as_str()),
            "{newid} is related to itself"
        );
        let mut unique = related.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10, "{newid}");
        // The hit objects of search --json, ranked from 1.
        for (at, hit) in hits.iter().enumerate() {
            assert_eq!(hit["rank"], at + 1);
            for field in [
                "id",
                "score",
                "date",
                "title",
                "snippet",
                "highlights",
                "path",
            ] {
                assert!(hit.get(field).is_some(), "{field}");
            }
        }
        let own = &topics[newid.as_str()];
        let sharing = related
            .iter()
            .filter(|other| topics[**other].iter().any(|name| own.contains(name)))
            .count();
        shares.push(sharing as f64 / 10.0);
    }
    // benches/related.sh measures 0.70 on the whole collection (Lucene's
    // MoreLikeThis: 0.61 at its defaults); a floor well under that.
    let mean = shares.iter().sum::<f64>() / shares.len() as f64;
    assert!(mean >= 0.6, "{mean:.3} of related articles share a topic");
}

#[test]
fn issue_22_related_stories_obey_the_filters() {
    let Some(Topics { index, .. }) = reuters_topics() else {
        return;
    };
    let narrowed = json_lines(&run(
        index,
        &[
            "related",
            "5",
            "--since",
            "1987-03-01",
            "--until",
            "1987-03-02",
            "--json",
            "--limit",
            "20",
        ],
    ));
    assert!(!narrowed.is_empty());
    assert!(narrowed.iter().all(|hit| {
        let day = hit["date"].as_str().unwrap();
        ("1987-03-01"..="1987-03-02").contains(&day)
    }));
    assert_eq!(code(&run(index, &["related", "no-such-article"])), 2);
    assert_eq!(
        code(&run(index, &["related", "5", "--section", "Nowhere"])),
        2
    );
}

/// A word in most articles (`said`, in 72% of Reuters-21578) is counted as
/// the whole archive less the articles without it, in a fresh build (no
/// deletions): the counts must be those of its hits all the same.
#[test]
fn issue_22_the_stats_of_a_word_in_most_articles_agree_with_its_hits() {
    let Some(reuters) = crate::util::shared_corpus("reuters21578") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let built = run(&index, &["index", &reuters.display().to_string()]);
    assert!(built.status.code().is_some_and(|code| code <= 1));
    for (query, filters) in [
        ("said", &[][..]),
        (
            "said",
            &["--since", "1987-03-01", "--until", "1987-06-30"][..],
        ),
    ] {
        let mut args = vec![query];
        args.extend_from_slice(filters);
        let found = hits(&index, &args);
        assert!(found.len() > 10_000, "{query} {filters:?}: {}", found.len());
        let counted = count(&found);
        let counts = stats(&index, &[&args[..], &["--by", "month"]].concat());
        assert_agrees(&counts, &counted, query);
        let months = per_month(&counted.days);
        for (month, count) in timeline(&counts) {
            assert_eq!(months.get(&month).copied().unwrap_or(0), count, "{month}");
        }
    }
}
