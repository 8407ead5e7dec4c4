//! A build: the files to read found and stamped, read on worker threads,
//! their outcomes taken in file order and handed to the writer, and the
//! result published as a new generation.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use tantivy::{Index, IndexWriter, ReloadPolicy, TantivyDocument};

use super::archive::Archive;
use super::fingerprint::Fingerprint;
use super::generation::{self, WriterLock};
use super::pool::for_each_in_order;
use super::report::{IndexEvent, IndexReport};
use super::revisions::Ingestion;
use super::schema::{self, Fields};
use super::state::{FileHash, FileState, Stamp};
use crate::error::{Error, Result};
use crate::ingest::{self, FileOutcome, Skip};

/// How to build.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Start a new index from nothing instead of adding to the live one.
    pub rebuild: bool,
    /// Remove the articles of files that disappeared from under the given paths.
    pub prune: bool,
    /// Merge the whole index into one segment once the run is done: fewer
    /// files to open and fewer posting lists per word make every later search
    /// faster, at the cost of rewriting the index once.
    pub compact: bool,
    /// When another `morgue index` holds the index, wait for it instead of failing.
    pub wait: bool,
    /// Threads reading and parsing dump files.
    pub parser_threads: usize,
    /// tantivy indexing threads.
    pub writer_threads: usize,
    /// tantivy's memory budget across its indexing threads, in bytes.
    pub writer_memory: usize,
    /// Articles added between two checkpoints, at which the build commits
    /// into its unpublished generation and forgets what it added: this bounds
    /// the build's own memory however many files it reads.
    pub checkpoint_articles: usize,
    /// How much of a file and of a story is taken.
    pub reader: ingest::Reader,
}

/// The least memory tantivy accepts per indexing thread.
const WRITER_MEMORY_PER_THREAD_MIN: usize = 15 << 20;

/// Operations per batch handed to tantivy's indexing threads (see
/// `Ingestion::queue`).
pub(super) const OPERATIONS_PER_BATCH: usize = 64;

impl IndexOptions {
    /// Spends `bytes` on a build: tantivy's buffers (with fewer indexing
    /// threads when each would get less than tantivy's minimum), and one
    /// checkpoint per kilobyte of them in articles, which keeps what a build
    /// remembers about its own additions (a few hundred bytes each) within
    /// about half the budget.
    pub fn set_memory(&mut self, bytes: usize) {
        self.writer_threads = self
            .writer_threads
            .min(bytes / WRITER_MEMORY_PER_THREAD_MIN)
            .max(1);
        self.writer_memory = bytes.max(WRITER_MEMORY_PER_THREAD_MIN);
        self.checkpoint_articles = (bytes / 1024).max(1);
    }
}

impl Default for IndexOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        let mut options = IndexOptions {
            rebuild: false,
            prune: false,
            compact: false,
            wait: false,
            parser_threads: cores,
            writer_threads: cores.clamp(1, 8),
            writer_memory: 0,
            checkpoint_articles: 0,
            reader: ingest::Reader::default(),
        };
        options.set_memory(64 * 1024 * 1024 * cores.clamp(1, 8));
        options
    }
}

/// Ingests every dump under `roots` into the index at `root`: only files new
/// or changed since the last run are read, and the result is published
/// atomically. Bad files are reported through `on_event` and counted; they
/// never stop the build.
pub fn build(
    root: &Path,
    roots: &[PathBuf],
    options: &IndexOptions,
    on_event: &mut dyn FnMut(IndexEvent),
) -> Result<IndexReport> {
    let started = Instant::now();
    let _lock = WriterLock::acquire(root, options.wait)?;
    let live = if options.rebuild {
        None
    } else {
        generation::live(root)?
    };
    let mut state = match &live {
        Some(live) => {
            generation::check(root, live)?;
            FileState::load(root, live)?
        }
        None => FileState::default(),
    };
    let roots: Vec<PathBuf> = roots
        .iter()
        .map(|path| std::path::absolute(path).unwrap_or_else(|_| path.clone()))
        .collect();

    let index_dir = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let discovery = ingest::discover(&roots, Some(&index_dir));
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
    let mut to_read: Vec<(PathBuf, Stamp)> = Vec::new();
    let stamps = stamps(&discovery.files, options.parser_threads);
    for (path, stamp) in discovery.files.into_iter().zip(stamps) {
        match stamp {
            Ok(stamp) => match state.get(&path) {
                Some(record)
                    if record.size == stamp.size && record.modified_ns == stamp.modified_ns =>
                {
                    if record.reader == ingest::READER_VERSION {
                        report.files_unchanged += 1;
                    } else {
                        report.files_read_again += 1;
                        to_read.push((path, stamp));
                    }
                }
                _ => to_read.push((path, stamp)),
            },
            Err(error) => {
                report.files_skipped += 1;
                on_event(IndexEvent::Skipped {
                    path: &path,
                    reason: &Skip::unreadable(error),
                });
            }
        }
    }
    on_event(IndexEvent::Unchanged {
        files: report.files_unchanged,
    });
    if report.files_read_again > 0 {
        on_event(IndexEvent::ReadingAgain {
            files: report.files_read_again,
        });
    }
    let pruned: Vec<PathBuf> = if options.prune {
        state
            .paths_under(&roots)
            .filter(|path| !path.exists())
            .collect()
    } else {
        Vec::new()
    };
    if to_read.is_empty() && pruned.is_empty() && !options.compact {
        if let Some(live) = &live {
            report.articles_total = Archive::open_generation(root, live)?.searcher().num_docs();
            report.seconds = started.elapsed().as_secs_f64();
            return Ok(report);
        }
    }

    let generation = generation::create(root, live.as_deref())?;
    let index = if live.is_some() {
        Index::open_in_dir(&generation)
            .map_err(|error| generation::broken(root, error.to_string()))?
    } else {
        Index::create_in_dir(&generation, Fields::schema())?
    };
    schema::register_analyzer(&index);
    let fields =
        Fields::from_schema(&index.schema()).map_err(|reason| generation::broken(root, reason))?;
    let writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(options.writer_threads.max(1), options.writer_memory)?;
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let mut ingestion = Ingestion::new(
        &fields,
        writer,
        reader,
        options.checkpoint_articles,
        options.reader.clone(),
        &mut report,
    );

    for path in &pruned {
        if let Some(record) = state.remove(path) {
            ingestion.prune(&record.ids, &mut state)?;
        }
    }

    let old_hashes: Vec<Option<FileHash>> = to_read
        .iter()
        .map(|(path, _)| {
            state
                .get(path)
                .filter(|record| record.reader == ingest::READER_VERSION)
                .and_then(|record| record.hash)
        })
        .collect();
    let mut failure = None;
    for_each_in_order(
        to_read.len(),
        options.parser_threads,
        |at| scan_guarded(&to_read[at].0, old_hashes[at], &options.reader),
        |at, scanned| {
            if failure.is_some() {
                return;
            }
            let (path, stamp) = &to_read[at];
            // A panic while indexing (not reading) a file fails the build,
            // naming the file: the index may be half-changed, so nothing is
            // published and the previous generation stays live.
            let applied = std::panic::catch_unwind(AssertUnwindSafe(|| {
                ingestion.file(path, *stamp, scanned, &mut state, on_event)
            }));
            failure = match applied {
                Ok(Ok(())) => None,
                Ok(Err(error)) => Some(error),
                Err(panic) => Some(Error::Internal {
                    path: path.clone(),
                    message: panic_message(panic.as_ref()),
                }),
            };
        },
    );
    if let Some(error) = failure {
        return Err(error);
    }

    on_event(IndexEvent::Committing);
    let mut writer = ingestion.into_writer()?;
    // The record of every file is written while tantivy commits (the end of
    // a build, when its indexing threads leave a core idle): neither needs
    // the other, and both land before the generation is published.
    std::thread::scope(|scope| {
        let saving = scope.spawn(|| state.save(&generation));
        let committed = (|| -> Result<()> {
            writer.commit()?;
            if options.compact {
                on_event(IndexEvent::Compacting);
                let segments = index.searchable_segment_ids()?;
                if segments.len() > 1 {
                    writer.merge(&segments).wait()?;
                }
            }
            writer.wait_merging_threads()?;
            Ok(())
        })();
        let saved = saving
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        committed.and(saved)
    })?;
    generation::publish(root, &generation)?;
    report.articles_total = index.reader()?.searcher().num_docs();
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// The size and time of every file, on several threads: on a re-run with
/// nothing new, these `stat` calls are most of the work.
fn stamps(files: &[PathBuf], threads: usize) -> Vec<std::io::Result<Stamp>> {
    let chunk = files.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|path| Stamp::of(path)).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// What a worker found in one file.
pub(super) enum Scanned {
    /// The bytes hash as when last ingested (only the time changed).
    SameContent,
    /// New or changed content, and what the parser made of it.
    Parsed {
        /// Hash of the bytes, when they were read.
        hash: Option<FileHash>,
        /// The parse.
        outcome: FileOutcome,
        /// The fingerprint of each article read, computed here on the
        /// worker's thread rather than on the writer's (4–5% of a build's
        /// wall time on the Reuters dumps).
        prints: Vec<Option<Fingerprint>>,
    },
}

/// [`scan`], with a panic in a reader turned into that file's skip (#21): a
/// page that trips a bug costs that page, not the night's build, and its
/// record is left as it was, so the next run tries it again.
fn scan_guarded(path: &Path, old_hash: Option<FileHash>, reader: &ingest::Reader) -> Scanned {
    std::panic::catch_unwind(AssertUnwindSafe(|| scan(path, old_hash, reader))).unwrap_or_else(
        |panic| Scanned::Parsed {
            hash: None,
            outcome: FileOutcome::Skipped(Skip::ReaderFailed(format!(
                "internal error while reading it ({}); please report it",
                panic_message(panic.as_ref())
            ))),
            prints: Vec::new(),
        },
    )
}

/// What a panic said. It may quote scraped text: whoever shows it to a
/// person escapes it, as every reason and warning.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
        .to_string()
}

fn scan(path: &Path, old_hash: Option<FileHash>, reader: &ingest::Reader) -> Scanned {
    let unread = |outcome| Scanned::Parsed {
        hash: None,
        outcome,
        prints: Vec::new(),
    };
    let parsed = |hash, outcome: FileOutcome| {
        let prints = match &outcome {
            FileOutcome::Read { articles, .. } if articles.len() >= ingest::SPREAD_FROM => {
                articles.par_iter().map(Fingerprint::of).collect()
            }
            FileOutcome::Read { articles, .. } => articles.iter().map(Fingerprint::of).collect(),
            _ => Vec::new(),
        };
        Scanned::Parsed {
            hash: Some(hash),
            outcome,
            prints,
        }
    };
    let format = match reader.format_of(path) {
        Ok(Some(format)) => format,
        Ok(None) => return unread(FileOutcome::Ignored(ingest::NOT_A_DUMP.to_string())),
        Err(reason) => return unread(FileOutcome::Skipped(reason)),
    };
    if format.is_streamed() {
        return match reader.hash_file(path).map(FileHash::from) {
            Ok(hash) if old_hash == Some(hash) => Scanned::SameContent,
            Ok(hash) => parsed(hash, reader.read_streamed(path, format)),
            Err(reason) => unread(FileOutcome::Skipped(reason)),
        };
    }
    match reader.read_bytes(path) {
        Ok(bytes) => {
            let hash = FileHash::from(blake3::hash(&bytes));
            if old_hash == Some(hash) {
                Scanned::SameContent
            } else {
                parsed(hash, reader.parse(path, format, &bytes))
            }
        }
        Err(reason) => unread(FileOutcome::Skipped(reason)),
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;

    use super::*;
    use crate::article::Article;

    const STORY: &str = "The port authority said on Tuesday that grain shipments through \
        the northern terminal rose for a third month as barges returned to the river \
        after the thaw and freight rates fell back from their winter peak.";

    fn dump(dir: &Path, name: &str, title: &str, body: &str) {
        let record = serde_json::json!({"date": "2020-03-03", "title": title, "body": body});
        std::fs::write(dir.join(name), record.to_string()).unwrap();
    }

    /// Every article in the index (at most 100).
    fn stored_articles(index: &Path) -> Vec<Article> {
        let archive = Archive::open(index).unwrap();
        let searcher = archive.searcher();
        let found = searcher
            .search(
                &tantivy::query::AllQuery,
                &TopDocs::with_limit(100).order_by_score(),
            )
            .unwrap();
        found
            .into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                archive.fields().to_article(&doc)
            })
            .collect()
    }

    fn titles(index: &Path) -> Vec<String> {
        let mut titles: Vec<String> = stored_articles(index)
            .into_iter()
            .map(|article| article.title)
            .collect();
        titles.sort();
        titles
    }

    /// Copies, revisions and releases must be found across checkpoints as
    /// within one: a build that checkpoints after every article ends with the
    /// same articles and counts as one that never does.
    #[test]
    fn checkpoints_change_nothing_a_build_decides() {
        let mut outcomes = Vec::new();
        for checkpoint_articles in [1, 1_000_000] {
            let dir = tempfile::tempdir().unwrap();
            let dumps = dir.path().join("dumps");
            std::fs::create_dir(&dumps).unwrap();
            let index = dir.path().join("index");
            dump(&dumps, "a1.json", "Grain traffic rises", STORY);
            dump(
                &dumps,
                "a2.json",
                "Ferry strike ends",
                "Crews went back to work today.",
            );
            dump(&dumps, "b1.json", "Grain traffic rises", STORY);
            let revised = format!("{STORY} Officials expect the rise to continue into May.");
            dump(&dumps, "b2.json", "Grain traffic rises", &revised);
            let options = IndexOptions {
                checkpoint_articles,
                parser_threads: 1,
                ..IndexOptions::default()
            };
            let first = build(&index, std::slice::from_ref(&dumps), &options, &mut |_| {}).unwrap();
            dump(
                &dumps,
                "a2.json",
                "Ferry timetable",
                "Sailings resume at six.",
            );
            let second =
                build(&index, std::slice::from_ref(&dumps), &options, &mut |_| {}).unwrap();
            let counts = |report: &IndexReport| {
                [
                    report.articles_added,
                    report.duplicates_collapsed,
                    report.articles_replaced,
                    report.articles_removed,
                    report.articles_total as usize,
                ]
            };
            outcomes.push((counts(&first), counts(&second), titles(&index)));
        }
        assert_eq!(outcomes[0], outcomes[1]);
        let (first, second, titles) = &outcomes[0];
        assert_eq!(first, &[2, 1, 1, 0, 2]);
        assert_eq!(second, &[1, 0, 0, 1, 2]);
        assert_eq!(titles, &["Ferry timetable", "Grain traffic rises"]);
    }

    /// The records of one file meet each other as dumps of different files
    /// do: a later record revising an earlier one replaces it, another story
    /// under the same day and headline is kept beside it.
    #[test]
    fn records_of_one_file_resolve_against_each_other() {
        let mut outcomes = Vec::new();
        for checkpoint_articles in [1, 1_000_000] {
            let dir = tempfile::tempdir().unwrap();
            let index = dir.path().join("index");
            let record = |title: &str, body: &str| {
                serde_json::json!({"date": "2020-03-03", "title": title, "body": body}).to_string()
            };
            let revised = format!("{STORY} Officials expect the rise to continue into May.");
            let other = "Millers said flour prices would hold steady through the spring \
                as the new harvest reached the mills earlier than in most years.";
            let lines = [
                record("Grain traffic rises", STORY),
                record("Ferry strike ends", "Crews went back to work today."),
                record("Grain traffic rises", &revised),
                record("Grain traffic rises", other),
            ];
            let file = dir.path().join("day.jsonl");
            std::fs::write(&file, lines.join("\n")).unwrap();
            let options = IndexOptions {
                checkpoint_articles,
                parser_threads: 1,
                ..IndexOptions::default()
            };
            let report = build(&index, &[file], &options, &mut |_| {}).unwrap();
            let counts = [
                report.articles_added,
                report.articles_replaced,
                report.articles_total as usize,
            ];
            let mut bodies: Vec<String> = stored_articles(&index)
                .iter()
                .map(|article| article.body.join(" "))
                .collect();
            bodies.sort();
            outcomes.push((counts, bodies));
        }
        assert_eq!(outcomes[0], outcomes[1]);
        let (counts, bodies) = &outcomes[0];
        assert_eq!(counts, &[3, 1, 3]);
        assert!(bodies.iter().any(|body| body.ends_with("into May.")));
        assert!(!bodies.iter().any(|body| body.as_str() == STORY));
    }

    /// A file read again whose story text is the same but whose other parts
    /// are not (a newer reader found its tags) stores the new reading; a copy
    /// of the story in another file does not replace it.
    #[test]
    fn a_new_reading_of_the_same_text_replaces_the_stored_one() {
        let dir = tempfile::tempdir().unwrap();
        let dumps = dir.path().join("dumps");
        std::fs::create_dir(&dumps).unwrap();
        let index = dir.path().join("index");
        let tagged = |name: &str, tag: &str| {
            let record = serde_json::json!({"date": "2020-03-03", "title": "Grain traffic rises",
                "body": STORY, "tags": [tag]});
            std::fs::write(dumps.join(name), record.to_string()).unwrap();
        };
        let options = IndexOptions {
            parser_threads: 1,
            ..IndexOptions::default()
        };
        let stored_tags = || {
            let articles = stored_articles(&index);
            assert_eq!(articles.len(), 1);
            articles[0].tags.clone()
        };
        tagged("a.json", "grain");
        tagged("b.json", "copy");
        let build_all =
            || build(&index, std::slice::from_ref(&dumps), &options, &mut |_| {}).unwrap();
        assert_eq!(build_all().duplicates_collapsed, 1);
        assert_eq!(stored_tags(), ["grain"]);

        tagged("a.json", "shipping");
        let report = build_all();
        assert_eq!((report.articles_updated, report.articles_unchanged), (1, 0));
        assert_eq!(stored_tags(), ["shipping"]);

        tagged("b.json", "another copy");
        let report = build_all();
        assert_eq!((report.articles_updated, report.articles_unchanged), (0, 1));
        assert_eq!(stored_tags(), ["shipping"]);
    }
}
