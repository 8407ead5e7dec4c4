//! Dirty scrapes (issue #7): a corpus mixing good dumps with broken files,
//! generated here. Every good story is indexed, every bad file is named once
//! on stderr with a reason, and the exit status says something was skipped.

use std::path::Path;

use crate::util::{bundled_corpus, code, json_lines, run, CORPUS_ARTICLES};

const GOOD: &str = " date 2021-05-04 World / Asia\n\nHarbor cranes return to work\n\nBy Ana Ruiz\n\n\
                    Dockworkers in the port restarted the cranes on Tuesday after a week-long repair.\n\n\
                    JOIN THE CONVERSATION\n";

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn broken_files_are_reported_and_everything_good_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for entry in walkdir::WalkDir::new(bundled_corpus())
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_file() {
            write(
                &corpus.join("good").join(entry.file_name()),
                &std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    let bad = corpus.join("bad");
    write(&bad.join("empty.txt"), b"");
    write(&bad.join("blank.txt"), b"  \n\t\n  ");
    write(&bad.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    write(
        &bad.join("random.txt"),
        &(0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<_>>(),
    );
    write(&bad.join("only-date.txt"), b"date 2020-01-01 World\n");
    write(
        &bad.join("no-story.txt"),
        b"date 2020-01-01 World\n\nA headline\n\nReuters\n\nJOIN THE CONVERSATION\n",
    );
    write(&bad.join("too-big.txt"), GOOD.repeat(40).as_bytes());
    let gzip = |bytes: &[u8]| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut encoder, bytes).unwrap();
        encoder.finish().unwrap()
    };
    write(&bad.join("nothing.html.gz"), &gzip(b""));
    let page = gzip(format!("<html><body><p>{}</p></body></html>", GOOD.repeat(3)).as_bytes());
    write(&bad.join("cut.html.gz"), &page[..page.len() / 2]);
    // Usable despite their faults: indexed, with a warning.
    let odd = corpus.join("odd");
    let mut latin1 = GOOD
        .replace("Harbor cranes", "Harbor caf\u{e9} cranes")
        .into_bytes();
    let e_acute = latin1.iter().position(|&byte| byte == 0xC3).unwrap();
    latin1.splice(e_acute..e_acute + 2, [0xE9]);
    write(&odd.join("latin1.txt"), &latin1);
    write(
        &odd.join("no-date-line.txt"),
        GOOD.replace(" date 2021-05-04 World / Asia\n", "")
            .replace("Harbor", "Undated harbor")
            .as_bytes(),
    );
    for (name, date) in [
        ("feb-30.txt", "2019-02-30"),
        ("year-0.txt", "0000-01-01"),
        ("future.txt", "2999-01-01"),
    ] {
        write(
            &odd.join(name),
            GOOD.replace("2021-05-04", date)
                .replace("Harbor", &format!("Harbor {name}"))
                .as_bytes(),
        );
    }
    let mut deep = odd.clone();
    for level in 0..40 {
        deep = deep.join(format!("level-{level}"));
    }
    write(
        &deep.join("deep.txt"),
        GOOD.replace("Harbor", "Deep harbor").as_bytes(),
    );
    #[cfg(unix)]
    std::os::unix::fs::symlink(&corpus, corpus.join("odd").join("loop")).unwrap();
    write(&corpus.join("notes.md"), b"# not a dump\n");

    let index = dir.path().join("index");
    let output = run(
        &index,
        &[
            "index",
            "--json",
            "--max-file-size",
            "4K",
            corpus.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(code(&output), 1, "{stderr}");
    let report = &json_lines(&output)[0];

    // Each bad file once, by path, with a reason a person understands.
    for (name, reason) in [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("image.txt", "binary data"),
        ("random.txt", "binary data"),
        ("only-date.txt", "no headline"),
        ("no-story.txt", "no story text"),
        ("too-big.txt", "--max-file-size"),
        ("nothing.html.gz", "empty file"),
        ("cut.html.gz", "damaged gzip data"),
    ] {
        let lines: Vec<&str> = stderr
            .lines()
            .filter(|line| line.contains(&format!("bad/{name}")))
            .collect();
        assert_eq!(lines.len(), 1, "{name}: {lines:?}");
        assert!(
            lines[0].contains("skipped") && lines[0].contains(reason),
            "{name}: {}",
            lines[0]
        );
    }
    assert!(
        stderr
            .lines()
            .any(|line| line.contains("symbolic link loop")),
        "{stderr}"
    );
    assert_eq!(report["files_skipped"], 10, "nine bad files and the loop");
    assert_eq!(report["files_ignored"], 1);

    // Every good story is there: the corpus's and the 6 odd but usable ones.
    assert_eq!(report["articles_total"], CORPUS_ARTICLES + 6, "{stderr}");
    for warned in [
        "latin1.txt",
        "no-date-line.txt",
        "feb-30.txt",
        "year-0.txt",
        "future.txt",
    ] {
        assert!(
            stderr
                .lines()
                .any(|line| line.contains("warning") && line.contains(warned)),
            "{warned}: {stderr}"
        );
    }
    let undated = run(&index, &["search", "harbor", "--json", "--limit", "50"]);
    let hits = json_lines(&undated);
    assert_eq!(
        hits.iter().filter(|hit| hit["date"].is_null()).count(),
        4,
        "no date line, Feb 30, year 0, 2999"
    );
    assert_eq!(
        hits.iter()
            .filter(|hit| hit["date"] == "2021-05-04")
            .count(),
        2,
        "latin1 and the deep one"
    );
    // The Latin-1 story was decoded, not mangled: its accented word is searchable.
    let cafe = json_lines(&run(&index, &["search", "café", "--json"]));
    assert_eq!(cafe.len(), 1);
    assert_eq!(cafe[0]["title"], "Harbor café cranes return to work");
}

#[test]
fn limits_are_explicit_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let long_story = GOOD.replace(
        "after a week-long repair.",
        &"after a week-long repair, ".repeat(100),
    );
    write(&corpus.join("long.txt"), long_story.as_bytes());
    let index = dir.path().join("index");
    let output = run(
        &index,
        &[
            "index",
            "--max-article-chars",
            "500",
            corpus.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&output), 0);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("indexed the first 500") && stderr.contains("--max-article-chars"),
        "{stderr}"
    );

    let long_query = "word ".repeat(1000);
    let refused = run(&index, &["search", &long_query]);
    assert_eq!(code(&refused), 2);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--max-query-chars"));
    let allowed = run(
        &index,
        &["search", &long_query, "--max-query-chars", "6000"],
    );
    assert_eq!(code(&allowed), 1);
}

/// A warning quotes the headline it is about; an escape sequence scraped into
/// that headline is shown escaped, never sent to the terminal.
#[test]
fn control_characters_in_warnings_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    write(
        &corpus.join("a.jsonl"),
        br#"{"title":"Evil\u001b[31m headline","text":"A story body long enough to be indexed as a story of the day.","date":"2199-01-01"}"#,
    );
    let output = run(
        &dir.path().join("index"),
        &["index", corpus.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(
        stderr.contains(r#""Evil\u{1b}[31m headline": implausible date 2199-01-01"#),
        "{stderr}"
    );
}

/// A scrape where every page has the same fault names the first ten files
/// and counts the rest in one line that says what they have in common, even
/// when their messages differ (an unreadable date, a missing one).
#[test]
fn many_warnings_of_one_kind_are_counted_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    for n in 0..14 {
        let date_line = if n % 2 == 0 {
            ""
        } else {
            "date someday World\n\n"
        };
        write(
            &corpus.join(format!("page-{n:02}.txt")),
            format!("{date_line}Harbour story number {n}\n\nThe harbour reopened on day {n}.\n")
                .as_bytes(),
        );
    }
    let output = run(
        &dir.path().join("index"),
        &["index", corpus.to_str().unwrap()],
    );
    assert_eq!(code(&output), 0);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let named = stderr
        .lines()
        .filter(|line| line.contains("warning: ") && line.contains("page-"));
    assert_eq!(named.count(), 10, "{stderr}");
    assert!(
        stderr.contains("warning: 4 more of the same kind: stories indexed without a date"),
        "{stderr}"
    );
}
