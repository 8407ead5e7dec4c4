//! Japanese news (livedoor-ja): one article per file under URL, ISO date-time
//! and headline lines; words found inside longer runs of kanji and kana.

use crate::util::{code, json_lines, run, shared_corpus};

#[test]
fn livedoor_articles_are_read_and_words_inside_kanji_runs_are_found() {
    let Some(root) = shared_corpus("livedoor-ja") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let built = run(
        &index,
        &["index", "--json", root.join("text").to_str().unwrap()],
    );
    assert_eq!(
        code(&built),
        0,
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let report = &json_lines(&built)[0];
    assert_eq!(report["articles_total"], 7_367, "{report}");
    // README.txt, CHANGES.txt and the nine LICENSE.txt are documentation.
    assert_eq!(report["files_ignored"], 11);

    let shown = json_lines(&run(
        &index,
        &["search", "--json", "title:川越シェフ", "--limit", "1"],
    ));
    assert_eq!(shown[0]["title"], "悪評が次から次へと溢れ出る川越シェフ");
    assert_eq!(shown[0]["date"], "2011-10-02");
    assert_eq!(
        shown[0]["url"],
        "http://news.livedoor.com/article/detail/5903225/"
    );

    // スカイツリー stands inside longer runs (東京スカイツリー周辺…): found, and
    // every hit really holds it.
    let hits = json_lines(&run(
        &index,
        &["search", "--json", "スカイツリー", "--limit", "100"],
    ));
    assert!(hits.len() >= 20, "{}", hits.len());
    for hit in &hits {
        let text = format!("{} {}", hit["title"], hit["snippet"]);
        assert!(text.contains("スカイツリー"), "{text}");
        let title = hit["title"].as_str().unwrap();
        for range in hit["title_highlights"].as_array().unwrap() {
            let (from, to) = (
                range[0].as_u64().unwrap() as usize,
                range[1].as_u64().unwrap() as usize,
            );
            let marked: String = title.chars().skip(from).take(to - from).collect();
            assert_eq!(marked, "スカイツリー", "{title}");
        }
    }
    // A date filter in the articles' own time zone (+09:00).
    let day = json_lines(&run(
        &index,
        &[
            "search",
            "--json",
            "",
            "--since",
            "2011-10-02",
            "--until",
            "2011-10-02",
            "--limit",
            "500",
        ],
    ));
    assert!(day
        .iter()
        .any(|hit| hit["title"] == "悪評が次から次へと溢れ出る川越シェフ"));
    assert!(day.iter().all(|hit| hit["date"] == "2011-10-02"));
}
