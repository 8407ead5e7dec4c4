//! Faults while indexing (issue #7): a disk that fills up mid-build, files
//! that cannot be read or are gone by the time they are read. The previous
//! index stays whole and searchable, and nothing good is lost.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

use crate::util::{bundled_corpus, code, json_lines, run, CORPUS_ARTICLES};

/// Writes `count` distinct page dumps of about 2 KB each.
fn write_dumps(folder: &Path, count: usize) {
    std::fs::create_dir_all(folder).unwrap();
    let words = [
        "harbor", "crane", "strike", "union", "wage", "cargo", "ferry", "council", "river",
        "bridge",
    ];
    for n in 0..count {
        let body: Vec<String> = (0..5)
            .map(|paragraph| {
                (0..60)
                    .map(|at| words[(n * 7 + paragraph * 13 + at * at) % words.len()])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        std::fs::write(
            folder.join(format!("{n:05}.txt")),
            format!(
                "date 2022-03-{:02} Local / City\n\nStory {n} of the harbor\n\nBy Test Writer\n\n{}\n",
                n % 28 + 1,
                body.join(".\n\n")
            ),
        )
        .unwrap();
    }
}

fn article_count(index: &Path) -> u64 {
    let stats = json_lines(&run(index, &["stats", "--json"]));
    stats[0]["articles"].as_u64().unwrap()
}

/// A disk that fills up during the build (each file the process writes is
/// limited to 256 KB with `ulimit -f`; writes past it fail as on a full
/// disk): the build fails with a message and exit status 2, the previous
/// index is untouched and searchable, and the next run completes.
#[test]
fn a_full_disk_fails_the_build_and_keeps_the_previous_index() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let corpus = bundled_corpus();
    assert_eq!(code(&run(&index, &["index", corpus.to_str().unwrap()])), 0);
    let extra = dir.path().join("extra");
    write_dumps(&extra, 2000);

    let script = format!(
        "trap '' XFSZ; ulimit -f 256; exec '{}' --index '{}' index '{}' '{}'",
        env!("CARGO_BIN_EXE_morgue"),
        index.display(),
        corpus.display(),
        extra.display()
    );
    let full: Output = Command::new("bash")
        .args(["-c", &script])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&full.stderr);
    assert_eq!(code(&full), 2, "{stderr}");
    assert!(stderr.starts_with("morgue: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        article_count(&index),
        CORPUS_ARTICLES,
        "the old index is intact"
    );
    let search = run(&index, &["search", "Motegi Lavrov"]);
    assert_eq!(code(&search), 0);

    let done = run(
        &index,
        &[
            "index",
            "--json",
            corpus.to_str().unwrap(),
            extra.to_str().unwrap(),
        ],
    );
    assert_eq!(code(&done), 0, "{}", String::from_utf8_lossy(&done.stderr));
    assert_eq!(article_count(&index), CORPUS_ARTICLES + 2000);
    let generations = std::fs::read_dir(&index)
        .unwrap()
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert_eq!(generations, 1, "the failed build's leftovers are removed");
}

/// A file without read permission and a name whose file is gone by the time
/// it is read (a dangling link): each is named with the reason, the run
/// says files were skipped, and every good story is indexed. Run as an
/// unprivileged user when the tests run as root (root reads anything).
#[test]
fn unreadable_and_vanished_files_are_reported_and_the_rest_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let open = |path: &Path| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o777)).unwrap()
    };
    open(dir.path());
    let corpus = dir.path().join("corpus");
    write_dumps(&corpus, 3);
    open(&corpus);
    let locked = corpus.join("locked.txt");
    std::fs::copy(corpus.join("00000.txt"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), corpus.join("vanished.txt")).unwrap();
    let index = dir.path().join("index");

    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    let mut command = if as_root {
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(env!("CARGO_BIN_EXE_morgue"));
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_morgue"))
    };
    let output = command
        .env("NO_COLOR", "1")
        .arg("--index")
        .arg(&index)
        .args(["index", "--json"])
        .arg(&corpus)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(code(&output), 1, "{stderr}");
    let named = |name: &str, reason: &str| {
        stderr
            .lines()
            .filter(|line| line.contains(name) && line.contains(reason))
            .count()
    };
    assert_eq!(named("locked.txt", "ermission denied"), 1, "{stderr}");
    assert_eq!(named("vanished.txt", "No such file"), 1, "{stderr}");
    let report = &json_lines(&output)[0];
    assert_eq!(report["files_skipped"], 2);
    assert_eq!(report["articles_total"], 3);
}
