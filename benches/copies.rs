//! Wire copies (issue #22): precision and recall of copy detection on a
//! syndication set made from Reuters-21578 (`tests/syndication.rs`: copies
//! of some stories as other outlets print them, beside the whole collection
//! with its own look-alikes), indexed by the `morgue` binary.
//!
//!   cargo bench --bench copies [-- STORIES [SEED]]     (default 2000 stories, seed 1987)

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../tests/syndication.rs"]
mod syndication;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| arg != "--bench")
        .collect();
    let stories: usize = args.first().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let seed: u64 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(1987);
    let reuters = std::env::var_os("MORGUE_SHARED_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"))
        .join("reuters21578");
    let sources = syndication::reuters_stories(&reuters);
    let set = syndication::Syndication::generate(&sources, stories, seed);
    // COPIES_WORK=DIR keeps the set and its index there, to look at them.
    let temporary = tempfile::tempdir().expect("a temporary folder");
    let work = std::env::var_os("COPIES_WORK")
        .map_or_else(|| temporary.path().to_path_buf(), PathBuf::from);
    let copies = work.join("syndication");
    set.write(&copies).expect("the set is written");
    let index = work.join("index");
    let _ = std::fs::remove_dir_all(&index);
    let status = Command::new(env!("CARGO_BIN_EXE_morgue"))
        .arg("--index")
        .arg(&index)
        .arg("index")
        .arg(&reuters)
        .arg(&copies)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("morgue runs");
    assert!(
        status.code().is_some_and(|code| code <= 1),
        "morgue index: {status}"
    );
    let printed: usize = set.stories.iter().map(|story| story.len() - 1).sum();
    let started = std::time::Instant::now();
    let measured = syndication::measure(&index, &set.stories);
    println!(
        "{} sources, {} stories copied {} times; {} pairs are one story, {} called copies",
        sources.len(),
        set.stories.len(),
        printed,
        measured.gold,
        measured.found
    );
    println!(
        "precision {:.4}, recall {:.4} ({} wrong, {} missed; every article's copies listed in {:.1} s)",
        measured.precision(),
        measured.recall(),
        measured.wrong.len(),
        measured.missed.len(),
        started.elapsed().as_secs_f64()
    );
    if std::env::var_os("COPIES_WORK").is_some() {
        for (name, pairs) in [
            ("wrong.txt", &measured.wrong),
            ("missed.txt", &measured.missed),
        ] {
            let lines: Vec<String> = pairs.iter().map(|[a, b]| format!("{a}\t{b}\n")).collect();
            std::fs::write(work.join(name), lines.concat()).expect("pairs written");
        }
    }
    let archive = morgue::index::Archive::open(&index).expect("the index opens");
    let title = |docno: &str| {
        morgue::search::show(&archive, docno)
            .map(|article| {
                format!(
                    "{docno} {} ({})",
                    article.title,
                    article.body.join(" ").split_whitespace().count()
                )
            })
            .unwrap_or_default()
    };
    for (label, pairs) in [("wrong", &measured.wrong), ("missed", &measured.missed)] {
        for [a, b] in pairs.iter().take(8) {
            println!("{label}: {}  ~  {}", title(a), title(b));
        }
    }
}
