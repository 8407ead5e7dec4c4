//! Helpers shared by the integration tests: running the binary, and finding the
//! shared real-data corpora (the one place their location is decided).

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

/// The `morgue` binary under test, with a clean environment for its settings.
pub fn morgue() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_morgue"));
    command.env_remove("MORGUE_INDEX").env("NO_COLOR", "1");
    command
}

/// `morgue --index INDEX ARGS…`, returning the output without judging it.
pub fn run(index: &Path, args: &[&str]) -> Output {
    morgue()
        .arg("--index")
        .arg(index)
        .args(args)
        .output()
        .expect("the morgue binary runs")
}

/// `morgue --index INDEX ARGS…`, which must exit 0 (its stderr says why not).
pub fn succeed(index: &Path, args: &[&str]) -> Output {
    let output = run(index, args);
    assert_eq!(
        code(&output),
        0,
        "morgue {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The bundled corpus holds this many dump files (page dumps, two files of
/// JSON Lines, one each of CSV, HTML and WARC)...
pub const CORPUS_FILES: u64 = 39;
/// ...and this many articles, none of them twice (three are printings of one
/// wire story by three outlets).
pub const CORPUS_ARTICLES: u64 = 42;

/// The bundled corpus of this repository.
pub fn bundled_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// A folder of `../shared/corpora/`, found from `MORGUE_SHARED_CORPORA` or beside
/// the repository. `None` lets a developer without the data skip the test; under
/// `CI=true` a missing corpus fails loudly instead, so CI never passes by skipping.
pub fn shared_corpus(name: &str) -> Option<PathBuf> {
    let root = std::env::var_os("MORGUE_SHARED_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    let path = root.join(name);
    if path.is_dir() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|value| value == "true") {
        panic!(
            "shared corpus {} is missing; CI must run beside ../shared/corpora (or set MORGUE_SHARED_CORPORA)",
            path.display()
        );
    }
    eprintln!("skipping: shared corpus {} not found", path.display());
    None
}

/// Parses JSON Lines from a command's stdout.
pub fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("every stdout line is JSON"))
        .collect()
}

/// The exit code, for assertions.
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

/// A headline as morgue gives it: runs of spaces in the page are one space.
pub fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
