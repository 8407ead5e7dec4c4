//! A damaged index (issue #7): missing, truncated, foreign or from another
//! version. Every command says so in one line with the way to rebuild, and
//! `morgue index --rebuild` recovers.

use std::path::{Path, PathBuf};

use crate::util::{bundled_corpus, code, run};

fn built_index(dir: &Path) -> PathBuf {
    let index = dir.join("index");
    let output = run(&index, &["index", bundled_corpus().to_str().unwrap()]);
    assert_eq!(code(&output), 0);
    index
}

fn generation(index: &Path) -> PathBuf {
    index.join(
        std::fs::read_to_string(index.join("CURRENT"))
            .unwrap()
            .trim(),
    )
}

/// Search fails with exit 2 and a one-line message naming the fix; then
/// `--rebuild` makes the index whole again.
fn assert_reported_and_recovered(index: &Path) {
    let search = run(index, &["search", "Motegi"]);
    assert_eq!(code(&search), 2);
    let message = String::from_utf8_lossy(&search.stderr);
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(message.contains("morgue index --rebuild"), "{message}");
    assert!(!message.contains("panicked"), "{message}");

    let rebuild = run(
        index,
        &["index", "--rebuild", bundled_corpus().to_str().unwrap()],
    );
    assert_eq!(
        code(&rebuild),
        0,
        "{}",
        String::from_utf8_lossy(&rebuild.stderr)
    );
    assert_eq!(code(&run(index, &["search", "Motegi"])), 0);
}

#[test]
fn a_truncated_segment_file() {
    let dir = tempfile::tempdir().unwrap();
    let index = built_index(dir.path());
    let generation = generation(&index);
    let biggest = std::fs::read_dir(&generation)
        .unwrap()
        .flatten()
        .filter(|entry| !entry.file_name().to_string_lossy().ends_with(".json"))
        .max_by_key(|entry| entry.metadata().unwrap().len())
        .unwrap()
        .path();
    let bytes = std::fs::read(&biggest).unwrap();
    std::fs::write(&biggest, &bytes[..bytes.len() / 3]).unwrap();
    assert_reported_and_recovered(&index);
}

#[test]
fn a_truncated_tantivy_meta_file() {
    let dir = tempfile::tempdir().unwrap();
    let index = built_index(dir.path());
    std::fs::write(generation(&index).join("meta.json"), b"{\"segments\": [").unwrap();
    assert_reported_and_recovered(&index);
}

#[test]
fn a_pointer_to_a_missing_generation() {
    let dir = tempfile::tempdir().unwrap();
    let index = built_index(dir.path());
    std::fs::remove_dir_all(generation(&index)).unwrap();
    assert_reported_and_recovered(&index);
}

#[test]
fn a_pointer_full_of_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let index = built_index(dir.path());
    std::fs::write(index.join("CURRENT"), b"\x00\xff../../etc").unwrap();
    assert_reported_and_recovered(&index);
}

#[test]
fn an_index_written_by_another_format_version() {
    let dir = tempfile::tempdir().unwrap();
    let index = built_index(dir.path());
    std::fs::write(
        generation(&index).join("morgue.json"),
        br#"{"format_version": 999, "created_by": "morgue 9.9.9"}"#,
    )
    .unwrap();
    let search = run(&index, &["search", "Motegi"]);
    assert!(String::from_utf8_lossy(&search.stderr).contains("morgue 9.9.9 in index format 999"));
    assert_reported_and_recovered(&index);
}

#[test]
fn a_foreign_directory_is_not_mistaken_for_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("meta.json"), b"{}").unwrap();
    let search = run(&foreign, &["search", "Motegi"]);
    assert_eq!(code(&search), 2);
    assert!(String::from_utf8_lossy(&search.stderr).contains("no index at"));
    // Indexing into it adds morgue's files and leaves the foreign ones alone.
    assert_eq!(
        code(&run(
            &foreign,
            &["index", bundled_corpus().to_str().unwrap()]
        )),
        0
    );
    assert!(foreign.join("meta.json").is_file());
    assert_eq!(code(&run(&foreign, &["search", "Motegi"])), 0);
}
