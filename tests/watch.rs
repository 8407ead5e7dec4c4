//! Watches (issue #22): what a scrape added, remembered per watch in the
//! index folder, through revisions, rebuilds and compactions.

use std::path::Path;

use serde_json::Value;

use crate::util::{bundled_corpus, code, json_lines, run, succeed};

const NEW_STORY: &str = " date 2020-02-02 National / Politics\n\nMotegi phones Lavrov on virus \
    evacuations\n\nKyodo\n\nForeign Minister Toshimitsu Motegi spoke by phone with Sergey Lavrov on \
    Sunday about flights out of Wuhan.\n";

fn index(index: &Path, args: &[&str]) {
    let mut all = vec!["index"];
    all.extend_from_slice(args);
    succeed(index, &all);
}

fn watch_run(index: &Path, names: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["watch", "run", "--json"];
    all.extend_from_slice(names);
    let output = run(index, &all);
    (code(&output), json_lines(&output))
}

#[test]
fn issue_22_a_watch_reports_what_each_scrape_added_and_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let year = corpus.join("2019");
    std::fs::create_dir_all(&year).unwrap();
    for entry in std::fs::read_dir(bundled_corpus().join("2019"))
        .unwrap()
        .flatten()
    {
        std::fs::copy(entry.path(), year.join(entry.file_name())).unwrap();
    }
    let index_dir = dir.path().join("index");
    let corpus_arg = corpus.to_str().unwrap();
    index(&index_dir, &[corpus_arg]);

    assert_eq!(
        code(&run(
            &index_dir,
            &["watch", "add", "talks", "Motegi Lavrov"]
        )),
        0
    );
    assert_eq!(
        code(&run(
            &index_dir,
            &["watch", "add", "storms", "typhoon", "--since", "2019-10"]
        )),
        0
    );
    // Names are unique; filters are checked when the watch is added.
    assert_eq!(code(&run(&index_dir, &["watch", "add", "talks", "Abe"])), 2);
    let unknown = run(
        &index_dir,
        &["watch", "add", "x", "Abe", "--section", "Nowhere"],
    );
    assert_eq!(code(&unknown), 2);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("sections in this index"));
    let listed = String::from_utf8_lossy(&run(&index_dir, &["watch", "list"]).stdout).into_owned();
    assert!(
        listed.contains("talks\t\"Motegi Lavrov\"\tnot run yet"),
        "{listed}"
    );
    assert!(
        listed.contains("storms\t\"typhoon\" --since 2019-10\tnot run yet"),
        "{listed}"
    );

    // The first run shows the best matches now, and remembers them.
    let (status, first) = watch_run(&index_dir, &["talks"]);
    assert_eq!(status, 0);
    assert_eq!(first.len(), 3);
    assert!(first
        .iter()
        .all(|hit| hit["watch"] == "talks" && hit["revised"] == false));
    let (status, again) = watch_run(&index_dir, &["talks"]);
    assert_eq!((status, again.len()), (1, 0));

    // A scrape brings one new story and a revision of one seen.
    let fresh = corpus.join("2020");
    std::fs::create_dir_all(&fresh).unwrap();
    std::fs::write(fresh.join("motegi-phone.txt"), NEW_STORY).unwrap();
    let revised_file = year.join("014_5a7e440b5e19c6ad.txt");
    let text = std::fs::read_to_string(&revised_file).unwrap();
    assert!(text.contains("agreeing to continue negotiations"));
    std::fs::write(
        &revised_file,
        text.replace(
            "agreeing to continue negotiations",
            "agreeing to keep negotiating",
        ),
    )
    .unwrap();
    index(&index_dir, &[corpus_arg]);
    let (status, arrived) = watch_run(&index_dir, &[]);
    assert_eq!(status, 0);
    let shown: Vec<(&str, &str, bool)> = arrived
        .iter()
        .map(|hit| {
            (
                hit["watch"].as_str().unwrap(),
                hit["title"].as_str().unwrap(),
                hit["revised"].as_bool().unwrap(),
            )
        })
        .collect();
    // Newest first; the storms watch ran for the first time and shows its best.
    assert_eq!(
        shown,
        [
            ("talks", "Motegi phones Lavrov on virus evacuations", false),
            (
                "talks",
                "Motegi and Lavrov hold peace treaty talks in Moscow, agree to keep working",
                true
            ),
            (
                "storms",
                "Typhoon Hagibis floods rivers across eastern Japan",
                false
            ),
        ]
    );
    assert!(arrived[1]["snippet"]
        .as_str()
        .unwrap()
        .contains("keep negotiating"));

    // Nothing twice; a rebuild and a compaction make nothing new.
    assert_eq!(watch_run(&index_dir, &[]), (1, vec![]));
    index(&index_dir, &["--rebuild", corpus_arg]);
    assert_eq!(watch_run(&index_dir, &[]), (1, vec![]));
    index(&index_dir, &["--compact", corpus_arg]);
    assert_eq!(watch_run(&index_dir, &[]), (1, vec![]));

    // Human output says what it counted.
    std::fs::write(
        fresh.join("second.txt"),
        NEW_STORY
            .replace("Sunday", "Monday")
            .replace("02-02", "02-03"),
    )
    .unwrap();
    index(&index_dir, &[corpus_arg]);
    let human = run(&index_dir, &["watch", "run", "talks"]);
    assert_eq!(code(&human), 0);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(
        text.starts_with("Watch 'talks': 1 new, 0 revised since the last run\n"),
        "{text}"
    );

    assert_eq!(code(&run(&index_dir, &["watch", "run", "nosuch"])), 2);
    assert_eq!(code(&run(&index_dir, &["watch", "remove", "talks"])), 0);
    assert_eq!(code(&run(&index_dir, &["watch", "remove", "talks"])), 2);
    let listed = String::from_utf8_lossy(&run(&index_dir, &["watch", "list"]).stdout).into_owned();
    assert!(
        !listed.contains("talks") && listed.contains("storms"),
        "{listed}"
    );
}

#[test]
fn issue_22_watches_need_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        &dir.path().join("index"),
        &["watch", "add", "talks", "Motegi"],
    );
    assert_eq!(code(&output), 2);
    assert!(!dir.path().join("index").join("watches.json").exists());
}
