//! Rebuilding after new scrapes (issue #3): incremental runs, no duplicates,
//! revisions, atomic publication, kills, and a second writer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::reuters_dumps::{batches, full_index};
use crate::util::{
    bundled_corpus, code, json_lines, run, shared_corpus, single_spaced, CORPUS_ARTICLES,
    CORPUS_FILES,
};

/// Every article of an index, by id: (date, title, body).
fn export(index: &Path) -> BTreeMap<String, (Value, String, String)> {
    let output = run(index, &["export"]);
    assert_eq!(
        code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut articles = BTreeMap::new();
    for article in json_lines(&output) {
        let id = article["id"].as_str().unwrap().to_string();
        let body = article["body"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        let previous = articles.insert(
            id.clone(),
            (
                article["date"].clone(),
                article["title"].as_str().unwrap().to_string(),
                body,
            ),
        );
        assert!(previous.is_none(), "duplicate id {id}");
    }
    articles
}

fn index_json(index: &Path, paths: &[impl AsRef<Path>], extra: &[&str]) -> Value {
    let mut command = vec!["index".to_string(), "--json".to_string()];
    command.extend(extra.iter().map(|arg| arg.to_string()));
    command.extend(paths.iter().map(|path| path.as_ref().display().to_string()));
    let command: Vec<&str> = command.iter().map(String::as_str).collect();
    let output = run(index, &command);
    assert_eq!(
        code(&output),
        0,
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    json_lines(&output).remove(0)
}

fn count(index: &Path, query: &str) -> String {
    let output = run(index, &["search", query, "--limit", "0"]);
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The lines of a Reuters dump's story (between byline and chrome).
fn story_lines(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .skip(3)
        .take_while(|line| !line.starts_with("GET THE BEST OF"))
        .map(str::to_string)
        .collect()
}

#[test]
fn batch_by_batch_equals_one_full_build_and_revisions_replace_originals() {
    let Some(root) = shared_corpus("dumps-reuters1987") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    for batch in batches(&root) {
        index_json(&index, &[batch], &[]);
    }
    let stepwise = export(&index);
    let full = export(full_index().unwrap());
    assert_eq!(stepwise.len(), full.len());
    assert_eq!(stepwise, full, "the same articles under the same ids");
    for query in [
        "cocoa",
        "\"money supply\"",
        "oil prices OPEC",
        "Volcker",
        "title:dividend",
    ] {
        assert_eq!(
            count(&index, query),
            count(full_index().unwrap(), query),
            "{query}"
        );
    }

    // Revised stories are present only in their revised text.
    let manifest: Vec<Value> = std::fs::read_to_string(root.join("MANIFEST.jsonl"))
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let by_day_title: BTreeMap<(String, String), Vec<&String>> =
        full.iter()
            .fold(BTreeMap::new(), |mut map, (_, (date, title, body))| {
                map.entry((date.as_str().unwrap_or_default().to_string(), title.clone()))
                    .or_default()
                    .push(body);
                map
            });
    let mut checked = 0;
    for revised in manifest.iter().filter(|entry| entry["revised"] == true) {
        let original = manifest
            .iter()
            .find(|entry| entry["id"] == revised["id"] && entry["revised"] == false);
        let Some(original) = original else { continue };
        let old_lines = story_lines(&root.join(original["file"].as_str().unwrap()));
        let new_lines = story_lines(&root.join(revised["file"].as_str().unwrap()));
        let added: Vec<&String> = new_lines
            .iter()
            .filter(|line| !old_lines.contains(line))
            .collect();
        assert!(!added.is_empty());
        let key = (
            revised["date"].as_str().unwrap().to_string(),
            single_spaced(revised["title"].as_str().unwrap()),
        );
        let bodies = &by_day_title[&key];
        assert!(
            bodies
                .iter()
                .any(|body| added.iter().all(|line| body.contains(line.as_str()))),
            "{key:?}: revision missing"
        );
        for body in bodies {
            let is_this_story = old_lines.iter().all(|line| body.contains(line.as_str()));
            assert!(
                !is_this_story || added.iter().all(|line| body.contains(line.as_str())),
                "{key:?}: original text still indexed"
            );
        }
        checked += 1;
    }
    assert!(checked >= 170, "{checked} revisions checked");
}

/// With a small `--memory` a build checkpoints (15 MB: every 15,360 new
/// articles, once in this corpus) and must still fold every copy and revision
/// that arrives after the checkpoint into the story before it.
#[test]
fn a_build_held_to_a_small_memory_budget_keeps_the_same_articles() {
    let Some(root) = shared_corpus("dumps-reuters1987") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let report = index_json(&index, &[&root], &["--memory", "15"]);
    assert!(report["articles_added"].as_u64().unwrap() > 15_360);
    assert_eq!(export(&index), export(full_index().unwrap()));
}

#[test]
fn a_rerun_with_nothing_new_changes_nothing_and_touch_reingests_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&bundled_corpus(), &corpus);
    let index = dir.path().join("index");
    index_json(&index, &[&corpus], &[]);
    let before = export(&index);

    let again = index_json(&index, &[&corpus], &[]);
    assert_eq!(
        (
            again["files_unchanged"].as_u64(),
            again["files_new"].as_u64(),
            again["articles_added"].as_u64()
        ),
        (Some(CORPUS_FILES), Some(0), Some(0))
    );

    // A new modification time with the same bytes: read, hashed, not re-ingested.
    let file = first_file(&corpus);
    let text = std::fs::read(&file).unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&file, &text).unwrap();
    let touched = index_json(&index, &[&corpus], &[]);
    assert_eq!(
        (
            touched["files_unchanged"].as_u64(),
            touched["files_changed"].as_u64()
        ),
        (Some(CORPUS_FILES), Some(0))
    );
    assert_eq!(export(&index), before);
}

/// An index whose files an older morgue read (its records name no reader
/// version): the next update reads every file again, once, and ends with the
/// same articles, none twice.
#[test]
fn files_an_older_morgue_read_are_read_again_once() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    index_json(&index, &[bundled_corpus()], &[]);
    let before = export(&index);

    let live = std::fs::read_to_string(index.join("CURRENT")).unwrap();
    let state_path = index.join(live.trim()).join("files.json.gz");
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&state_path).unwrap())
        .read_to_string(&mut text)
        .unwrap();
    let mut state: Value = serde_json::from_str(&text).unwrap();
    for record in state["files"].as_object_mut().unwrap().values_mut() {
        assert!(record.as_object_mut().unwrap().remove("reader").is_some());
    }
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&state_path).unwrap(),
        flate2::Compression::fast(),
    );
    encoder.write_all(state.to_string().as_bytes()).unwrap();
    encoder.finish().unwrap();

    let output = run(
        &index,
        &["index", "--json", bundled_corpus().to_str().unwrap()],
    );
    assert_eq!(code(&output), 0);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("reading {CORPUS_FILES} unchanged files again")),
        "{stderr}"
    );
    let again = json_lines(&output).remove(0);
    assert_eq!(
        (
            again["files_read_again"].as_u64(),
            again["files_unchanged"].as_u64(),
            again["articles_total"].as_u64()
        ),
        (Some(CORPUS_FILES), Some(0), Some(CORPUS_ARTICLES))
    );
    assert_eq!(
        (
            again["articles_unchanged"].as_u64(),
            again["articles_added"].as_u64(),
            again["duplicates_collapsed"].as_u64()
        ),
        (Some(CORPUS_ARTICLES), Some(0), Some(0))
    );
    assert_eq!(export(&index), before);

    let then = index_json(&index, &[bundled_corpus()], &[]);
    assert_eq!(
        (
            then["files_read_again"].as_u64(),
            then["files_unchanged"].as_u64()
        ),
        (Some(0), Some(CORPUS_FILES))
    );
}

#[test]
fn files_that_are_not_dumps_are_named_once_then_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&bundled_corpus(), &corpus);
    std::fs::write(corpus.join("README.md"), "# notes about this scrape\n").unwrap();
    let index = dir.path().join("index");
    let first = run(&index, &["index", corpus.to_str().unwrap()]);
    assert_eq!(code(&first), 0);
    assert!(String::from_utf8_lossy(&first.stderr).contains("ignored"));
    assert!(String::from_utf8_lossy(&first.stderr).contains("README.md"));
    let second = run(&index, &["index", "--json", corpus.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&second.stderr).contains("README.md"));
    assert_eq!(json_lines(&second)[0]["files_unchanged"], CORPUS_FILES + 1);
}

#[test]
fn a_changed_file_replaces_its_article_and_prune_removes_vanished_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&bundled_corpus(), &corpus);
    let index = dir.path().join("index");
    index_json(&index, &[&corpus], &[]);

    // Rewrite one story's text: the file now holds a different article.
    let file = corpus_file(&corpus, "Hayabusa2");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("asteroid Ryugu", "asteroid Ryugu (162173 Ryugu)"),
    )
    .unwrap();
    let changed = index_json(&index, &[&corpus], &[]);
    assert_eq!(changed["files_changed"], 1);
    assert_eq!(changed["articles_total"], CORPUS_ARTICLES);
    assert!(count(&index, "162173").starts_with("1 match"));

    // A vanished file's article stays without --prune and goes with it.
    std::fs::remove_file(&file).unwrap();
    assert_eq!(
        index_json(&index, &[&corpus], &[])["articles_total"],
        CORPUS_ARTICLES
    );
    let pruned = index_json(&index, &[&corpus], &["--prune"]);
    assert_eq!(
        (
            pruned["files_pruned"].as_u64(),
            pruned["articles_total"].as_u64()
        ),
        (Some(1), Some(CORPUS_ARTICLES - 1))
    );
    assert!(count(&index, "Hayabusa2").starts_with("no matches"));
}

#[test]
fn the_same_story_under_two_file_names_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    copy_tree(&bundled_corpus(), &corpus.join("batch-1"));
    copy_tree(&bundled_corpus(), &corpus.join("batch-2"));
    let index = dir.path().join("index");
    let report = index_json(&index, &[corpus.join("batch-1")], &[]);
    assert_eq!(report["articles_total"], CORPUS_ARTICLES);
    // Page chrome differs between scrapes of one story; that changes nothing.
    let copy = corpus_file(&corpus.join("batch-2"), "Hayabusa2");
    let text = std::fs::read_to_string(&copy).unwrap();
    std::fs::write(
        copy.with_file_name("renamed.txt"),
        text.replace("JOIN THE CONVERSATION", "READ MORE"),
    )
    .unwrap();
    std::fs::remove_file(&copy).unwrap();
    let report = index_json(&index, &[corpus.join("batch-2")], &[]);
    assert_eq!(
        (
            report["duplicates_collapsed"].as_u64(),
            report["articles_total"].as_u64()
        ),
        (Some(CORPUS_ARTICLES), Some(CORPUS_ARTICLES))
    );
}

/// `kill -9` at several moments of a batch, then a plain re-run: the index
/// ends equal to an uninterrupted build, and was searchable after every kill.
#[test]
fn a_killed_build_leaves_the_old_index_and_the_next_run_completes_it() {
    let Some(root) = shared_corpus("dumps-reuters1987") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let all = batches(&root);
    let (first, rest) = all.split_at(2);
    index_json(&index, first, &[]);
    let baseline = count(&index, "");
    for delay_ms in [50, 400, 1500, 4000] {
        let mut child = spawn_index(&index, &[], rest);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok(); // SIGKILL on Unix: no chance to clean up
        child.wait().unwrap();
        let now = count(&index, "");
        assert!(
            now == baseline || finished,
            "after a kill at {delay_ms} ms the index shows {now}, not {baseline}"
        );
        if finished {
            break;
        }
    }
    index_json(&index, &all, &[]);
    assert_eq!(export(&index), export(full_index().unwrap()));
}

/// Searches in a loop while `--rebuild` replaces the index: every one succeeds
/// and sees the whole archive, never a partial count.
#[test]
fn searches_during_a_rebuild_never_fail_nor_see_a_partial_index() {
    let Some(root) = shared_corpus("dumps-reuters1987") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let all = batches(&root);
    let subset = &all[..3];
    index_json(&index, subset, &[]);
    let expected = count(&index, "");
    let mut rebuild = spawn_index(&index, &["--rebuild"], subset);
    let started = Instant::now();
    let mut searches = 0;
    while rebuild.try_wait().unwrap().is_none() && started.elapsed() < Duration::from_secs(300) {
        let output = run(&index, &["search", "", "--limit", "0"]);
        assert_eq!(
            code(&output),
            0,
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout)
                .lines()
                .next()
                .unwrap_or_default(),
            expected
        );
        searches += 1;
    }
    assert!(rebuild.wait().unwrap().success());
    assert!(
        searches >= 3,
        "only {searches} searches ran during the rebuild"
    );
    assert_eq!(count(&index, ""), expected);
}

#[test]
fn a_second_writer_fails_at_once_naming_the_first() {
    let Some(root) = shared_corpus("dumps-reuters1987") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    let mut first = spawn_index(&index, &[], &batches(&root));
    // Wait until the first writer holds the lock.
    let lock = index.join("LOCK");
    let started = Instant::now();
    while std::fs::read_to_string(&lock).map_or(true, |text| text.is_empty())
        && started.elapsed() < Duration::from_secs(30)
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    let second = run(&index, &["index", bundled_corpus().to_str().unwrap()]);
    let still_running = first.try_wait().unwrap().is_none();
    first.kill().ok();
    first.wait().unwrap();
    // Indexing 19,577 files takes the test build far longer than this check.
    assert!(
        still_running,
        "the first writer finished before the second started"
    );
    assert_eq!(code(&second), 2);
    let message = String::from_utf8_lossy(&second.stderr);
    assert!(
        message.contains(&format!("process {}", first.id())),
        "{message}"
    );
    assert!(message.contains("--wait"), "{message}");
}

/// Starts `morgue index` in the background, for tests that kill it or race it.
fn spawn_index(index: &Path, flags: &[&str], paths: &[PathBuf]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_morgue"))
        .arg("--index")
        .arg(index)
        .arg("index")
        .args(flags)
        .args(paths)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn files(corpus: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(corpus)
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .collect()
}

fn first_file(corpus: &Path) -> PathBuf {
    files(corpus).into_iter().next().unwrap()
}

/// The dump whose headline mentions `word`.
fn corpus_file(corpus: &Path, word: &str) -> PathBuf {
    files(corpus)
        .into_iter()
        .find(|file| {
            std::fs::read_to_string(file)
                .unwrap()
                .lines()
                .take(4)
                .any(|line| line.contains(word))
        })
        .unwrap()
}
