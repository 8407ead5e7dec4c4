//! Index: stores articles in a tantivy index on disk and opens it for search.
//!
//! On disk an index directory holds generations: `CURRENT` names the live one
//! (`gen-…/`, a tantivy index plus `morgue.json`). A fresh build or `--rebuild`
//! writes a new generation beside the live one and then replaces `CURRENT` with
//! an atomic rename, so a reader always opens a complete index. Adding to an
//! existing index is one tantivy commit, which is atomic too.
//!
//! Ingest runs on worker threads; this module's writer loop receives their
//! articles in file order and hands them to tantivy's own indexing threads.

pub mod schema;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tantivy::schema::Term;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument};

use crate::error::{Error, Result};
use crate::ingest::{self, FileOutcome};
pub use schema::Fields;

/// Bumped whenever the schema or analysis changes in a way old indexes cannot serve.
const FORMAT_VERSION: u32 = 1;
const CURRENT: &str = "CURRENT";
const META: &str = "morgue.json";

/// What morgue records about an index generation, beside tantivy's own files.
#[derive(Debug, Serialize, Deserialize)]
struct GenerationMeta {
    format_version: u32,
    created_by: String,
}

/// An opened index: the searchable archive.
pub struct Archive {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

impl Archive {
    /// Whether `root` holds an index (a `CURRENT` pointer).
    pub fn exists(root: &Path) -> bool {
        root.join(CURRENT).is_file()
    }

    /// Opens the live generation of the index at `root` for reading.
    pub fn open(root: &Path) -> Result<Archive> {
        let index = open_generation(root)?;
        let fields = Fields::from_schema(&index.schema()).map_err(|reason| broken(root, reason))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Archive {
            index,
            reader,
            fields,
        })
    }

    /// A consistent view of the index as of its last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index, for building queries and snippets against it.
    pub fn tantivy(&self) -> &Index {
        &self.index
    }
}

fn broken(root: &Path, reason: impl Into<String>) -> Error {
    Error::BrokenIndex {
        path: root.to_path_buf(),
        reason: reason.into(),
    }
}

fn open_generation(root: &Path) -> Result<Index> {
    let pointer = root.join(CURRENT);
    let name = match std::fs::read_to_string(&pointer) {
        Ok(name) => name.trim().to_string(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoIndex(root.to_path_buf()))
        }
        Err(error) => return Err(Error::io(pointer, error)),
    };
    if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(broken(
            root,
            format!("{CURRENT} names no generation ('{name}')"),
        ));
    }
    let generation = root.join(&name);
    let meta_path = generation.join(META);
    let meta: GenerationMeta = std::fs::read(&meta_path)
        .map_err(|error| broken(root, format!("{}: {error}", meta_path.display())))
        .and_then(|bytes| {
            serde_json::from_slice(&bytes)
                .map_err(|error| broken(root, format!("{}: {error}", meta_path.display())))
        })?;
    if meta.format_version != FORMAT_VERSION {
        return Err(broken(
            root,
            format!(
                "it was written by {} in index format {}, this morgue reads format {FORMAT_VERSION}",
                meta.created_by, meta.format_version
            ),
        ));
    }
    let index = Index::open_in_dir(&generation).map_err(|error| broken(root, error.to_string()))?;
    schema::register_analyzer(&index);
    Ok(index)
}

/// How to build.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Start a new generation from nothing instead of adding to the live one.
    pub rebuild: bool,
    /// Threads parsing dump files.
    pub parser_threads: usize,
    /// tantivy indexing threads.
    pub writer_threads: usize,
    /// tantivy's memory budget across its indexing threads, in bytes.
    pub writer_memory: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        IndexOptions {
            rebuild: false,
            parser_threads: cores,
            writer_threads: cores.clamp(1, 8),
            writer_memory: 64 * 1024 * 1024 * cores.clamp(1, 8),
        }
    }
}

/// Something that happened during a build, for the caller to show as it happens.
#[derive(Debug)]
pub enum IndexEvent<'a> {
    /// The walk is done: this many candidate files.
    Discovered {
        /// Candidate files found.
        files: usize,
    },
    /// A file was read; `articles` stories came out of it.
    FileRead {
        /// The file.
        path: &'a Path,
        /// Stories it held.
        articles: usize,
    },
    /// A file was indexed but something in it was odd.
    Warning {
        /// The file.
        path: &'a Path,
        /// What was odd.
        message: &'a str,
    },
    /// A file or folder could not be used; the rest goes on.
    Skipped {
        /// The file or folder.
        path: &'a Path,
        /// Why.
        reason: &'a str,
    },
    /// A file that is not a dump was passed over.
    Ignored {
        /// The file.
        path: &'a Path,
        /// Why.
        reason: &'a str,
    },
    /// All files are read; tantivy is writing and merging segments.
    Committing,
}

/// What a build did, for the summary line and `--json`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct IndexReport {
    /// Candidate files found by the walk.
    pub files_seen: usize,
    /// Files read as dumps.
    pub files_read: usize,
    /// Files that are not dumps (README, images), passed over.
    pub files_ignored: usize,
    /// Dumps (or folders) that could not be used.
    pub files_skipped: usize,
    /// Files indexed with a warning.
    pub files_with_warnings: usize,
    /// Articles new to the index.
    pub articles_added: usize,
    /// Articles already in the index with the same text.
    pub articles_unchanged: usize,
    /// Repeats of one story within this run, collapsed into one article.
    pub duplicates_collapsed: usize,
    /// Articles in the index after the build.
    pub articles_total: u64,
    /// Wall time of the whole build.
    pub seconds: f64,
}

/// Ingests every dump under `roots` into the index at `root`, creating it (or a
/// new generation with `rebuild`) when needed. Bad files are reported through
/// `on_event` and counted; they never stop the build.
pub fn build(
    root: &Path,
    roots: &[PathBuf],
    options: &IndexOptions,
    on_event: &mut dyn FnMut(IndexEvent),
) -> Result<IndexReport> {
    let started = std::time::Instant::now();
    let fresh = options.rebuild || !Archive::exists(root);
    let (index, generation) = if fresh {
        let (index, generation) = create_generation(root)?;
        (index, Some(generation))
    } else {
        (open_generation(root)?, None)
    };
    let fields = Fields::from_schema(&index.schema()).map_err(|reason| broken(root, reason))?;
    let existing = index.reader()?.searcher();
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(options.writer_threads.max(1), options.writer_memory)?;

    let discovery = ingest::discover(roots);
    let mut report = IndexReport {
        files_seen: discovery.files.len(),
        ..IndexReport::default()
    };
    on_event(IndexEvent::Discovered {
        files: discovery.files.len(),
    });
    for problem in &discovery.problems {
        report.files_skipped += 1;
        on_event(IndexEvent::Skipped {
            path: &problem.path,
            reason: &problem.reason,
        });
    }

    let mut seen_this_run: HashSet<String> = HashSet::new();
    let mut failure = None;
    for_each_in_order(&discovery.files, options.parser_threads, |path, outcome| {
        if failure.is_some() {
            return;
        }
        match outcome {
            FileOutcome::Read { articles, warnings } => {
                report.files_read += 1;
                if !warnings.is_empty() {
                    report.files_with_warnings += 1;
                }
                for message in &warnings {
                    on_event(IndexEvent::Warning { path, message });
                }
                on_event(IndexEvent::FileRead {
                    path,
                    articles: articles.len(),
                });
                for article in articles {
                    let id = article.id.as_str();
                    if !seen_this_run.insert(id.to_string()) {
                        report.duplicates_collapsed += 1;
                        continue;
                    }
                    let term = Term::from_field_text(fields.id, id);
                    match existing.doc_freq(&term) {
                        Ok(0) => {}
                        Ok(_) => {
                            report.articles_unchanged += 1;
                            continue;
                        }
                        Err(error) => {
                            failure = Some(error);
                            return;
                        }
                    }
                    if let Err(error) = writer.add_document(fields.to_document(&article)) {
                        failure = Some(error);
                        return;
                    }
                    report.articles_added += 1;
                }
            }
            FileOutcome::Ignored(reason) => {
                report.files_ignored += 1;
                on_event(IndexEvent::Ignored {
                    path,
                    reason: &reason,
                });
            }
            FileOutcome::Skipped(reason) => {
                report.files_skipped += 1;
                on_event(IndexEvent::Skipped {
                    path,
                    reason: &reason,
                });
            }
        }
    });
    if let Some(error) = failure {
        return Err(error.into());
    }

    on_event(IndexEvent::Committing);
    writer.commit()?;
    writer.wait_merging_threads()?;
    if let Some(generation) = generation {
        publish_generation(root, &generation)?;
    }
    report.articles_total = index.reader()?.searcher().num_docs();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Reads `files` on `threads` worker threads and calls `handle` for each in the
/// order of `files`, whatever order the workers finish in: results are then the
/// same run after run (which duplicate is kept, which path is shown).
fn for_each_in_order(
    files: &[PathBuf],
    threads: usize,
    mut handle: impl FnMut(&Path, FileOutcome),
) {
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<(usize, FileOutcome)>(1024);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(at) else { break };
                if sender.send((at, ingest::read_file(path))).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        let mut pending = BTreeMap::new();
        let mut expected = 0;
        for (at, outcome) in receiver {
            pending.insert(at, outcome);
            while let Some(outcome) = pending.remove(&expected) {
                handle(&files[expected], outcome);
                expected += 1;
            }
        }
    });
}

/// Creates an empty generation directory with a fresh tantivy index in it.
fn create_generation(root: &Path) -> Result<(Index, PathBuf)> {
    std::fs::create_dir_all(root).map_err(|error| Error::io(root, error))?;
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let generation = root.join(format!("gen-{stamp}-{}", std::process::id()));
    std::fs::create_dir(&generation).map_err(|error| Error::io(&generation, error))?;
    let meta = GenerationMeta {
        format_version: FORMAT_VERSION,
        created_by: format!("morgue {}", env!("CARGO_PKG_VERSION")),
    };
    let meta_path = generation.join(META);
    let meta_json = serde_json::to_vec_pretty(&meta).unwrap_or_default();
    std::fs::write(&meta_path, meta_json).map_err(|error| Error::io(&meta_path, error))?;
    let index = Index::create_in_dir(&generation, Fields::schema())?;
    schema::register_analyzer(&index);
    Ok((index, generation))
}

/// Points `CURRENT` at `generation` with an atomic rename, then removes the
/// generations no longer named. Readers that opened an old generation keep
/// their open files (on Unix an unlinked file lives until closed).
fn publish_generation(root: &Path, generation: &Path) -> Result<()> {
    let name = generation
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staged = root.join(format!("{CURRENT}.tmp-{}", std::process::id()));
    std::fs::write(&staged, format!("{name}\n")).map_err(|error| Error::io(&staged, error))?;
    let pointer = root.join(CURRENT);
    std::fs::rename(&staged, &pointer).map_err(|error| Error::io(&pointer, error))?;
    let entries = std::fs::read_dir(root).map_err(|error| Error::io(root, error))?;
    for entry in entries.flatten() {
        let old = entry.file_name().to_string_lossy().into_owned();
        if old.starts_with("gen-") && old != name {
            // Best effort: a generation left behind is only disk space.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}
