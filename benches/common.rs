//! Where benchmarks find their data: `../shared/corpora/dumps-reuters1987`
//! (or `MORGUE_SHARED_CORPORA`), else the bundled `corpus/` with a warning.

use std::path::{Path, PathBuf};

/// The scrape batches of the Reuters page dumps, or the bundled corpus.
pub fn dump_folders() -> Vec<PathBuf> {
    let root = std::env::var_os("MORGUE_SHARED_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"))
        .join("dumps-reuters1987");
    let mut batches: Vec<PathBuf> = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    batches.sort();
    if batches.is_empty() {
        eprintln!(
            "{} not found: benchmarking the bundled corpus instead",
            root.display()
        );
        batches.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    }
    batches
}
