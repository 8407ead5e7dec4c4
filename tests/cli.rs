//! The command line on the bundled corpus: what a newcomer sees.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

use crate::util::{
    bundled_corpus, code, json_lines, morgue, run, succeed, CORPUS_ARTICLES, CORPUS_FILES,
};

/// One index of `corpus/` shared by the tests that only read it.
fn corpus_index() -> &'static Path {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        let output = run(&index, &["index", bundled_corpus().to_str().unwrap()]);
        assert_eq!(
            code(&output),
            0,
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        (dir, index)
    });
    path
}

fn search(args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let output = run(corpus_index(), &all);
    (code(&output), json_lines(&output))
}

fn titles(hits: &[Value]) -> Vec<&str> {
    hits.iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect()
}

fn dates(hits: &[Value]) -> Vec<&str> {
    hits.iter()
        .map(|hit| hit["date"].as_str().unwrap())
        .collect()
}

#[test]
fn indexing_reports_counts_and_a_rerun_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let corpus = bundled_corpus();
    let first = run(&index, &["index", "--json", corpus.to_str().unwrap()]);
    assert_eq!(code(&first), 0);
    let report = &json_lines(&first)[0];
    assert_eq!(report["files_new"], CORPUS_FILES);
    assert_eq!(report["files_skipped"], 0);
    assert_eq!(report["articles_added"], CORPUS_ARTICLES);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        stderr.contains(&format!("{CORPUS_FILES} new"))
            && stderr.contains(&format!("{CORPUS_ARTICLES} added")),
        "{stderr}"
    );

    let again = run(&index, &["index", "--json", corpus.to_str().unwrap()]);
    let report = &json_lines(&again)[0];
    assert_eq!(report["articles_added"], 0);
    assert_eq!(report["files_unchanged"], CORPUS_FILES);
    assert_eq!(report["articles_total"], CORPUS_ARTICLES);
}

/// The sample archive holds one file of each other dump format; each story
/// in them is found with what its format carries.
#[test]
fn stories_from_every_format_of_the_corpus_are_found() {
    for (query, file, title, date, section, byline) in [
        (
            "Nakamura Afghanistan",
            "wire-2019-12.jsonl",
            "Japanese doctor Tetsu Nakamura killed in Afghanistan attack",
            "2019-12-04",
            None,
            "Kyodo",
        ),
        (
            "tag:Komuro",
            "desk-export-2021.csv",
            "Princess Mako marries Kei Komuro and leaves the imperial family",
            "2021-10-26",
            Some("National / Imperial family"),
            "Kyodo",
        ),
        (
            "caption:seawall",
            "typhoon-nanmadol.html",
            "Typhoon Nanmadol makes landfall in Kyushu after rare special warning",
            "2022-09-18",
            Some("National / Disasters"),
            "Jiji",
        ),
        (
            "SLIM moon lander",
            "crawl-2024-01.warc",
            "Japan becomes fifth nation to land on the moon, but SLIM's power is in doubt",
            "2024-01-20",
            Some("Science / Space"),
            "Kyodo",
        ),
    ] {
        let (status, hits) = search(&[query]);
        assert_eq!(status, 0, "{query}");
        let hit = &hits[0];
        assert!(
            hit["path"].as_str().unwrap().ends_with(file),
            "{query}: {hit}"
        );
        assert_eq!(hit["title"], title);
        assert_eq!(hit["date"], date);
        assert_eq!(hit["section"].as_str(), section, "{query}");
        assert_eq!(hit["byline"], byline, "{query}");
    }
    // Teasers of other stories on the HTML page are not its text.
    let (status, _) = search(&["\"Yen slides as traders\""]);
    assert_eq!(status, 1);
}

/// A search typed one way finds the story written the other: "US" and
/// "U.S.", "nonalcoholic" and "non-alcoholic".
#[test]
fn spellings_written_two_ways_meet() {
    for (typed, written, story) in [
        (
            "US interest rates",
            "U.S. interest rates",
            "Yen weakens past 150 to the dollar for first time since 1990",
        ),
        (
            "nonalcoholic",
            "non-alcoholic",
            "Consumption tax rises to 10 percent",
        ),
    ] {
        let (status, typed_hits) = search(&[typed]);
        assert_eq!(status, 0, "{typed}");
        assert_eq!(titles(&typed_hits)[0], story, "{typed}");
        assert_eq!(typed_hits[0]["all_words"], true, "{typed}");
        let (_, written_hits) = search(&[written]);
        assert_eq!(
            titles(&typed_hits),
            titles(&written_hits),
            "{typed} / {written}"
        );
    }
}

#[test]
fn motegi_lavrov_finds_the_december_2019_talks_first() {
    let (status, hits) = search(&["Motegi Lavrov"]);
    assert_eq!(status, 0);
    let top: Vec<&str> = titles(&hits).into_iter().take(3).collect();
    assert!(
        top.iter()
            .all(|title| title.contains("Motegi") || title.contains("Editorial")),
        "{top:?}"
    );
    assert!(hits[..3].iter().all(|hit| hit["all_words"] == true));
    assert!(dates(&hits[..3])
        .iter()
        .all(|date| date.starts_with("2019-12")));
    // Every hit holds a query word in its own text, never only in a teaser.
    for hit in &hits {
        let shown = morgue()
            .args([
                "--index",
                corpus_index().to_str().unwrap(),
                "show",
                "--json",
            ])
            .arg(hit["id"].as_str().unwrap())
            .output()
            .unwrap();
        let article = String::from_utf8_lossy(&shown.stdout).to_lowercase();
        assert!(
            article.contains("motegi") || article.contains("lavrov"),
            "{article}"
        );
    }
}

#[test]
fn words_only_in_a_teaser_do_not_find_the_page_carrying_it() {
    // The Ghosn escape story is teased on its neighbours' pages.
    let (_, hits) = search(&["\"Ghosn has left Japan and arrived in Lebanon\""]);
    assert_eq!(
        titles(&hits),
        vec!["Ghosn flees Japan for Lebanon while awaiting trial"]
    );
    // And the pages next to the Motegi stories carry Motegi teasers.
    let (_, hits) = search(&["Motegi", "--limit", "50"]);
    assert!(!titles(&hits).contains(&"Ghosn flees Japan for Lebanon while awaiting trial"));
    assert!(!titles(&hits).contains(&"Britain leaves the European Union after 47 years"));
}

#[test]
fn photo_captions_are_searchable_but_weigh_less_than_the_body() {
    let (_, hits) = search(&["Nagoya", "--sort", "relevance"]);
    assert_eq!(
        titles(&hits),
        vec!["Motegi to travel to Moscow for peace treaty talks with Lavrov"]
    );
    assert!(hits[0]["snippet"].as_str().unwrap().contains("Nagoya"));
}

#[test]
fn date_filters_are_inclusive_whole_months_and_days() {
    let (status, hits) = search(&[
        "", "--since", "2019-12", "--until", "2019-12", "--limit", "100",
    ]);
    assert_eq!(status, 0);
    let mut got = dates(&hits);
    got.sort();
    assert_eq!(
        got,
        vec![
            "2019-12-04",
            "2019-12-10",
            "2019-12-19",
            "2019-12-20",
            "2019-12-21",
            "2019-12-31"
        ]
    );

    let (_, hits) = search(&["", "--since", "2019-12-19", "--until", "2019-12-19"]);
    assert_eq!(dates(&hits), vec!["2019-12-19"]);

    let (_, hits) = search(&["Abe", "--since", "2020", "--limit", "100"]);
    assert!(!hits.is_empty());
    assert!(dates(&hits).iter().all(|date| *date >= "2020-01-01"));

    // Bounds before the first day the index can hold (1677) mean "from the
    // start" and "nothing": no overflow, no panic.
    let (status, all) = search(&["Abe", "--since", "1500-01-01", "--limit", "100"]);
    assert_eq!(status, 0);
    assert_eq!(all.len(), search(&["Abe", "--limit", "100"]).1.len());
    let (status, none) = search(&["Abe", "--until", "1000"]);
    assert_eq!((status, none.len()), (1, 0));
}

#[test]
fn sort_orders() {
    let (_, by_date) = search(&["Abe", "--sort", "date", "--limit", "100"]);
    let newest = dates(&by_date);
    assert!(
        newest.windows(2).all(|pair| pair[0] >= pair[1]),
        "{newest:?}"
    );
    let (_, oldest) = search(&["Abe", "--sort", "oldest", "--limit", "100"]);
    let oldest = dates(&oldest);
    assert!(
        oldest.windows(2).all(|pair| pair[0] <= pair[1]),
        "{oldest:?}"
    );
    assert_eq!(newest.len(), oldest.len());
    for sort in ["relevance", "blend"] {
        let (_, hits) = search(&["Abe Putin", "--sort", sort, "--limit", "100"]);
        let scores: Vec<f64> = hits
            .iter()
            .map(|hit| hit["score"].as_f64().unwrap())
            .collect();
        let tiers: Vec<bool> = hits.iter().map(|hit| hit["all_words"] == true).collect();
        // Within each tier (all words, then some), scores never rise.
        for pair in scores.windows(2).zip(tiers.windows(2)) {
            if pair.1[0] == pair.1[1] {
                assert!(pair.0[0] >= pair.0[1], "{sort}: {scores:?}");
            }
        }
        assert!(
            tiers.windows(2).all(|pair| pair[0] >= pair[1]),
            "{sort}: all-word hits come first"
        );
    }
}

#[test]
fn blend_prefers_recent_only_among_comparable_matches() {
    let (_, relevance) = search(&["Bank of Japan negative rates", "--sort", "relevance"]);
    let (_, blend) = search(&["Bank of Japan negative rates", "--sort", "blend"]);
    assert_eq!(titles(&relevance).len(), titles(&blend).len());
    // Both negative-rate stories lead either way; recency may swap them, not bury them.
    let top_blend: Vec<&str> = titles(&blend).into_iter().take(2).collect();
    assert!(
        top_blend.iter().all(|title| title.contains("negative")),
        "{top_blend:?}"
    );
}

#[test]
fn query_syntax_phrases_fields_exclusion_and_or() {
    let (_, hits) = search(&["\"peace treaty\"", "--limit", "50"]);
    assert!(hits.len() >= 4);
    for hit in &hits {
        let text = format!("{} {}", hit["title"], hit["snippet"]).to_lowercase();
        assert!(text.contains("peace treaty"), "{text}");
    }
    let (_, hits) = search(&["title:Ohtani"]);
    assert_eq!(hits.len(), 2);
    let (_, hits) = search(&["Ohtani -Dodgers"]);
    assert_eq!(
        titles(&hits),
        vec!["Ohtani hits first major league home run in home debut"]
    );
    let (_, hits) = search(&["Ghosn OR Hayabusa2", "--limit", "50"]);
    assert_eq!(hits.len(), 3);
    let (_, hits) = search(&["byline:Jiji", "--limit", "50"]);
    assert!(hits.len() >= 5);
}

#[test]
fn a_pasted_question_still_ranks_even_when_no_article_has_every_word() {
    let (status, hits) =
        search(&["why did the flooding in Nagano put so many bullet trains out of service"]);
    assert_eq!(status, 0);
    assert_eq!(
        hits[0]["title"],
        "Typhoon Hagibis floods rivers across eastern Japan"
    );
    assert_eq!(hits[0]["all_words"], false);
}

#[test]
fn nothing_a_user_types_breaks_the_query() {
    for query in [
        "\"",
        "title:",
        "(((",
        "-",
        "OR",
        "a OR",
        "\"unclosed Motegi",
        "x:y:z",
        "🦀",
        "*?[]{}^~\\/",
        "NOT",
        "+",
        "-\"\"",
        "AND AND",
        "%00",
    ] {
        let output = run(corpus_index(), &["search", query]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!([0, 1].contains(&code(&output)), "{query}: {stderr}");
        assert!(!stderr.contains("panicked"), "{query}: {stderr}");
    }
}

#[test]
fn a_query_that_is_not_utf8_is_searched_not_refused() {
    use std::os::unix::ffi::OsStrExt;
    let bytes = std::ffi::OsStr::from_bytes(b"Motegi \xff\xfe\x01Lavrov");
    let output = morgue()
        .arg("--index")
        .arg(corpus_index())
        .args(["search", "--json"])
        .arg(bytes)
        .output()
        .unwrap();
    assert_eq!(
        code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(titles(&json_lines(&output))[0].contains("Motegi"));
}

#[test]
fn exit_statuses_and_errors_name_the_problem() {
    let none = run(corpus_index(), &["search", "zzyzx"]);
    assert_eq!(code(&none), 1);
    assert!(String::from_utf8_lossy(&none.stdout).contains("no matches"));

    let bad_date = run(corpus_index(), &["search", "Abe", "--since", "2019-13"]);
    assert_eq!(code(&bad_date), 2);
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("--since"));

    let inverted = run(
        corpus_index(),
        &["search", "Abe", "--since", "2020", "--until", "2019"],
    );
    assert_eq!(code(&inverted), 2);

    let section = run(corpus_index(), &["search", "Abe", "--section", "Sprots"]);
    assert_eq!(code(&section), 2);
    let message = String::from_utf8_lossy(&section.stderr);
    assert!(
        message.contains("Sprots") && message.contains("National / Politics"),
        "{message}"
    );

    let dir = tempfile::tempdir().unwrap();
    let missing = run(&dir.path().join("nowhere"), &["search", "Abe"]);
    assert_eq!(code(&missing), 2);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("morgue index"));
}

#[test]
fn section_filter_matches_any_level() {
    let (_, politics) = search(&["", "--section", "politics", "--limit", "100"]);
    assert!(politics
        .iter()
        .all(|hit| hit["section"] == "National / Politics"));
    let (_, national) = search(&["", "--section", "National", "--limit", "100"]);
    assert!(national.len() > politics.len());
    let (_, exact) = search(&["", "--section", "national/politics", "--limit", "100"]);
    assert_eq!(exact.len(), politics.len());
}

#[test]
fn paging_and_limits() {
    let (_, all) = search(&["Abe", "--limit", "100"]);
    let (_, page) = search(&["Abe", "--limit", "2", "--offset", "2"]);
    assert_eq!(titles(&page), titles(&all)[2..4].to_vec());
    let (status, past_end) = search(&["Abe", "--offset", "1000"]);
    assert_eq!((status, past_end.len()), (0, 0));
    // The count is of articles: of the wire story's three printings, two
    // name Abe (one paper cut his paragraph), one hit and one copy.
    let (_, every) = search(&["Abe", "--all-copies", "--limit", "100"]);
    assert_eq!(every.len(), all.len() + 1);
    let counted = run(corpus_index(), &["search", "Abe", "--limit", "0"]);
    assert_eq!(code(&counted), 0);
    assert!(String::from_utf8_lossy(&counted.stdout).contains(&format!("{} matches", every.len())));
    let (_, huge) = search(&["Abe", "--limit", "18446744073709551615"]);
    assert_eq!(huge.len(), all.len());
}

#[test]
fn json_hits_carry_fields_and_highlights_that_slice_to_query_words() {
    let (_, hits) = search(&["Lavrov"]);
    let hit = &hits[0];
    for key in [
        "id",
        "score",
        "date",
        "section",
        "title",
        "byline",
        "path",
        "snippet",
        "highlights",
        "rank",
    ] {
        assert!(hit.get(key).is_some(), "missing {key}");
    }
    assert!(hit["path"].as_str().unwrap().ends_with(".txt"));
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let highlights = hit["highlights"].as_array().unwrap();
    assert!(!highlights.is_empty());
    for range in highlights {
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        let word: String = snippet[start..end].iter().collect();
        assert_eq!(word.to_lowercase(), "lavrov");
    }
}

#[test]
fn human_output_has_no_colour_when_piped() {
    let output = run(corpus_index(), &["search", "Motegi"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("Motegi to travel to Moscow"));
    assert!(stdout.contains("2019-12-10 · National / Politics · Kyodo"));
    assert!(!stdout.contains('\x1b'));
    // --color always colours even piped output (NO_COLOR, set by `run`, is
    // for `auto`): the headline bold, the query word in bold red.
    let coloured = run(corpus_index(), &["search", "Motegi", "--color", "always"]);
    let stdout = String::from_utf8_lossy(&coloured.stdout);
    assert!(
        stdout.contains("\x1b[1m\x1b[31mMotegi\x1b[0m"),
        "{stdout:?}"
    );
}

#[test]
fn show_and_stats() {
    let (_, hits) = search(&["Hayabusa2"]);
    let id = hits[0]["id"].as_str().unwrap();
    let shown = run(corpus_index(), &["show", id]);
    assert_eq!(code(&shown), 0);
    let text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        text.contains("asteroid Ryugu") && text.contains("Woomera"),
        "{text}"
    );
    let as_json = &json_lines(&run(corpus_index(), &["show", "--json", id]))[0];
    assert_eq!(as_json["date"], "2020-12-07");
    assert_eq!(as_json["body"].as_array().unwrap().len(), 4);
    assert_eq!(code(&run(corpus_index(), &["show", "0000000000000000"])), 2);

    let stats = &json_lines(&run(corpus_index(), &["stats", "--json"]))[0];
    assert_eq!(stats["articles"], CORPUS_ARTICLES);
    assert_eq!(stats["first_date"], "2016-01-29");
    assert_eq!(stats["by"], "year");
    assert!(stats["timeline"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!({"period": "2019", "count": 13})));
    assert_eq!(stats["bylines"]["Kyodo"], 23);
    // The whole archive is counted from the columns' values; through a
    // filter that passes every (dated) article, match by match: the same.
    assert_eq!(stats["undated"], 0);
    let through_a_filter = &json_lines(&run(
        corpus_index(),
        &["stats", "--json", "--until", "2100"],
    ))[0];
    assert_eq!(through_a_filter, stats);
    assert!(stats["sections"]["National / Politics"].as_u64().unwrap() >= 8);
    let human = run(corpus_index(), &["stats"]);
    assert!(String::from_utf8_lossy(&human.stdout).starts_with(&format!(
        "{CORPUS_ARTICLES} articles, 2016-01-29 to 2024-07-03"
    )));
}

#[test]
fn a_first_search_in_a_fresh_clone_builds_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in walkdir::WalkDir::new(bundled_corpus())
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            let name = entry.file_name();
            std::fs::copy(entry.path(), corpus.join(name)).unwrap();
        }
    }
    let output = morgue()
        .current_dir(dir.path())
        .args(["search", "Motegi Lavrov"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 0);
    assert!(String::from_utf8_lossy(&output.stderr).contains("building it from corpus"));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Motegi"));
    assert!(dir.path().join("index/CURRENT").is_file());
    let again = morgue()
        .current_dir(dir.path())
        .args(["search", "Motegi Lavrov"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("building"));
}

#[test]
fn compacting_merges_the_index_into_one_segment_and_keeps_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    // One run per dump file of the bundled corpus: one segment (at least) each.
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(bundled_corpus())
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .collect();
    files.sort();
    for file in files.iter().take(4) {
        assert!(code(&run(&index, &["index", file.to_str().unwrap()])) <= 1);
    }
    let stats = |index: &Path| json_lines(&run(index, &["stats", "--json"])).remove(0);
    let before = stats(&index);
    assert!(before["segments"].as_u64().unwrap() > 1, "{before}");
    let hits = |index: &Path| -> Vec<Value> {
        json_lines(&run(index, &["search", "--json", "", "--limit", "100"]))
    };
    let found_before = hits(&index);

    let compacted = run(&index, &["index", "--compact", files[0].to_str().unwrap()]);
    assert_eq!(
        code(&compacted),
        0,
        "{}",
        String::from_utf8_lossy(&compacted.stderr)
    );
    let after = stats(&index);
    assert_eq!(after["segments"], 1, "{after}");
    assert_eq!(after["articles"], before["articles"]);
    let ids = |hits: &[Value]| -> BTreeSet<String> {
        hits.iter()
            .map(|hit| hit["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&hits(&index)), ids(&found_before));
}

#[test]
fn issue_22_shell_completions_and_the_manual_come_from_the_same_definitions() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let bash = run(&index, &["completions", "bash"]);
    assert_eq!(code(&bash), 0);
    let script = dir.path().join("morgue.bash");
    std::fs::write(&script, &bash.stdout).unwrap();
    // The script parses, and completes the subcommands and their flags.
    let checked = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let completed = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source {}; COMP_WORDS=(morgue st); COMP_CWORD=1; _morgue morgue st morgue; echo \"${{COMPREPLY[@]}}\"",
            script.display()
        ))
        .output()
        .unwrap();
    let offered = String::from_utf8_lossy(&completed.stdout);
    assert!(
        offered.split_whitespace().any(|word| word == "stats"),
        "{offered}"
    );
    let text = String::from_utf8_lossy(&bash.stdout);
    for flag in ["--since", "--section", "--by", "--any", "--all-copies"] {
        assert!(text.contains(flag), "{flag}");
    }
    let zsh = run(&index, &["completions", "zsh"]);
    assert!(String::from_utf8_lossy(&zsh.stdout).starts_with("#compdef morgue"));
    let fish = run(&index, &["completions", "fish"]);
    assert!(String::from_utf8_lossy(&fish.stdout).contains("complete -c morgue"));
    assert_eq!(code(&run(&index, &["completions", "tcsh"])), 2);

    let man = run(&index, &["man"]);
    assert_eq!(code(&man), 0);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH morgue 1"), "{page}");
    // The main page lists each command's page, and each of those exists.
    for command in ["index", "search", "stats", "completions"] {
        assert!(
            page.contains(&format!("morgue\\-{command}(1)")),
            "{command}: {page}"
        );
        let own = run(&index, &["man", command]);
        assert_eq!(code(&own), 0);
        let own = String::from_utf8_lossy(&own.stdout);
        assert!(own.contains(&format!(".TH morgue-{command} 1")), "{own}");
    }
    let stats = String::from_utf8_lossy(&run(&index, &["man", "stats"]).stdout).into_owned();
    assert!(
        stats.contains("\\-\\-by") && stats.contains("\\-\\-any"),
        "{stats}"
    );
    assert_eq!(code(&run(&index, &["man", "nonsense"])), 2);
}

#[test]
fn issue_22_related_lists_the_other_stories_of_the_same_talks() {
    let (_, hits) = search(&["Motegi Lavrov Moscow agree to keep working", "--limit", "1"]);
    let id = hits[0]["id"].as_str().unwrap();
    assert!(hits[0]["title"]
        .as_str()
        .unwrap()
        .starts_with("Motegi and Lavrov hold"));
    let related = json_lines(&run(corpus_index(), &["related", id, "--json", "-n", "3"]));
    let titles: Vec<&str> = related
        .iter()
        .map(|hit| hit["title"].as_str().unwrap())
        .collect();
    assert_eq!(related.len(), 3);
    assert!(related.iter().all(|hit| hit["id"] != id), "{titles:?}");
    assert!(
        titles[..2].contains(&"Motegi to travel to Moscow for peace treaty talks with Lavrov"),
        "{titles:?}"
    );
    // Filters narrow the list as they narrow a search.
    let since = json_lines(&run(
        corpus_index(),
        &["related", id, "--json", "--since", "2019-12-20"],
    ));
    assert!(!since.is_empty());
    assert!(since
        .iter()
        .all(|hit| hit["date"].as_str().unwrap() >= "2019-12-20"));
    let human = run(corpus_index(), &["related", id, "-n", "1"]);
    assert_eq!(code(&human), 0);
    assert!(String::from_utf8_lossy(&human.stdout).starts_with("  1. "));
}

/// The bundled corpus's wire story printed by three outlets is one hit with
/// its two copies named; `--all-copies` shows the three.
#[test]
fn issue_22_a_wire_story_in_three_papers_is_one_hit() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    succeed(&index, &["index", &bundled_corpus().display().to_string()]);
    let folded = json_lines(&succeed(
        &index,
        &["search", "--json", "Nakamura Jalalabad"],
    ));
    assert_eq!(folded.len(), 1, "{folded:?}");
    let copies: Vec<&str> = folded[0]["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|copy| copy["title"].as_str().unwrap())
        .collect();
    assert_eq!(copies.len(), 2, "{copies:?}");
    let every = json_lines(&succeed(
        &index,
        &["search", "--json", "--all-copies", "Nakamura Jalalabad"],
    ));
    assert_eq!(every.len(), 3);
    let human = succeed(&index, &["search", "Nakamura Jalalabad"]);
    assert!(String::from_utf8_lossy(&human.stdout).contains("+2 copies"));
    let shown = json_lines(&succeed(
        &index,
        &["show", "--json", every[0]["id"].as_str().unwrap()],
    ));
    assert_eq!(shown[0]["copies"].as_array().unwrap().len(), 2);
}
