//! Index: stores articles in a tantivy index on disk and opens it for search.
//!
//! A build (`build`) is incremental: it reads only files that are new or
//! changed since the last run (`state`), folds repeats and revisions of a story
//! into one article (`identity`), and publishes the result as a new generation
//! in one atomic step (`generation`), so a reader never sees half a batch and a
//! killed run leaves the previous index intact.
//!
//! Ingest runs on worker threads; the writer loop here receives their results
//! in file order (so outcomes never depend on thread timing) and hands
//! documents to tantivy's own indexing threads.

pub mod fingerprint;
mod generation;
pub mod identity;
mod in_text_order;
mod pool;
pub mod schema;
mod state;
mod tokenizer;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::indexer::UserOperation;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument};

use crate::article::Article;
use crate::error::{Error, Result};
use crate::ingest::{self, FileOutcome};
use fingerprint::Fingerprint;
use generation::WriterLock;
use identity::{same_story, ContentHash, StoryKey, Version};
use pool::for_each_in_order;
pub use schema::Fields;
use state::{FileHash, FileRecord, FileState, Stamp};

/// An opened index: the searchable archive.
pub struct Archive {
    reader: IndexReader,
    fields: Fields,
    generation: PathBuf,
}

impl Archive {
    /// Whether `root` holds an index.
    pub fn exists(root: &Path) -> bool {
        generation::exists(root)
    }

    /// Opens the live generation of the index at `root` for reading. A writer
    /// may publish a new generation and delete this one between reading
    /// `CURRENT` and opening the files; the open then simply starts over.
    pub fn open(root: &Path) -> Result<Archive> {
        let mut attempts = 0;
        loop {
            let generation =
                generation::live(root)?.ok_or_else(|| Error::NoIndex(root.to_path_buf()))?;
            match Archive::open_generation(root, &generation) {
                Err(_) if attempts < 10 && generation::live(root)? != Some(generation.clone()) => {
                    attempts += 1;
                }
                result => return result,
            }
        }
    }

    fn open_generation(root: &Path, generation: &Path) -> Result<Archive> {
        generation::check(root, generation)?;
        let index = Index::open_in_dir(generation)
            .map_err(|error| generation::broken(root, error.to_string()))?;
        schema::register_analyzer(&index);
        let fields = Fields::from_schema(&index.schema())
            .map_err(|reason| generation::broken(root, reason))?;
        // No cache of decompressed doc store blocks: a search reads ten
        // stories, rarely two from one block, and every cached block is
        // 16 KB of fresh memory (four page faults); uncached, the next block
        // reuses the last one's memory.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(0)
            .try_into()
            .map_err(|error: tantivy::TantivyError| generation::broken(root, error.to_string()))?;
        Ok(Archive {
            reader,
            fields,
            generation: generation.to_path_buf(),
        })
    }

    /// The generation this handle reads: a server compares it with
    /// [`Archive::live_generation`] to follow the index as it is rebuilt.
    pub fn generation(&self) -> &Path {
        &self.generation
    }

    /// The generation `root`'s `CURRENT` names now (`None`: no index yet).
    pub fn live_generation(root: &Path) -> Result<Option<PathBuf>> {
        generation::live(root)
    }

    /// A consistent view of the index as of its last commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// A view of the same commit for reading many stored articles in a row
    /// (an export): it keeps the doc store blocks it decompressed, as
    /// neighbouring articles share them (an export of Reuters took 0.30 s
    /// without, 0.23 s with).
    pub fn bulk_searcher(&self) -> Result<Searcher> {
        let reader: IndexReader = self
            .reader
            .searcher()
            .index()
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .doc_store_cache_num_blocks(BULK_READ_CACHED_BLOCKS)
            .try_into()?;
        Ok(reader.searcher())
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }
}

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
const OPERATIONS_PER_BATCH: usize = 64;

/// Decompressed doc store blocks an export keeps (tantivy's default).
const BULK_READ_CACHED_BLOCKS: usize = 100;

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

/// Something that happened during a build, for the caller to show as it happens.
#[derive(Debug)]
pub enum IndexEvent<'a> {
    /// The walk is done: this many candidate files.
    Discovered {
        /// Candidate files found.
        files: usize,
    },
    /// This many files are unchanged since the last run and will not be read.
    Unchanged {
        /// Files passed over.
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
    /// Only part of a file could be read; the part before the damage was indexed.
    Damaged {
        /// The file.
        path: &'a Path,
        /// What broke, and where.
        reason: &'a str,
    },
    /// A file that is not a dump was passed over.
    Ignored {
        /// The file.
        path: &'a Path,
        /// Why.
        reason: &'a str,
    },
    /// This many files are unchanged but were read by an older morgue, which
    /// took articles out of them differently: they are read again.
    ReadingAgain {
        /// Files read again.
        files: usize,
    },
    /// All files are read; tantivy is writing and merging segments.
    Committing,
    /// The index is being merged into one segment (`compact`).
    Compacting,
}

/// What a build did, for the summary line and `--json`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct IndexReport {
    /// Candidate files found by the walk.
    pub files_seen: usize,
    /// Files never ingested before.
    pub files_new: usize,
    /// Files whose content changed since they were ingested.
    pub files_changed: usize,
    /// Files unchanged since the last run (by size and time, or by content hash).
    pub files_unchanged: usize,
    /// Unchanged files read again because an older morgue read them (counted
    /// among `files_changed`, or `files_ignored`, as well).
    pub files_read_again: usize,
    /// Dumps (or folders) that could not be used.
    pub files_skipped: usize,
    /// Files that are not dumps (README, images), passed over.
    pub files_ignored: usize,
    /// Files gone from disk whose articles `--prune` removed.
    pub files_pruned: usize,
    /// Files indexed with a warning.
    pub files_with_warnings: usize,
    /// Files read only in part (a crawl cut short): the part before the break is indexed.
    pub files_damaged: usize,
    /// Articles new to the index.
    pub articles_added: usize,
    /// Articles replaced by a revised version of the same story.
    pub articles_replaced: usize,
    /// Copies of a story already in the index (same text), folded into it.
    pub duplicates_collapsed: usize,
    /// Articles of a file read again (changed, or read by an older morgue)
    /// that came out as the file gave them before.
    pub articles_unchanged: usize,
    /// Articles of a file read again whose text came out as before but whose
    /// reading did not (a newer reader found captions, tags or a byline):
    /// stored again under their id.
    pub articles_updated: usize,
    /// Older versions of a story whose revision is already in the index.
    pub older_versions_ignored: usize,
    /// Articles removed because no file produces them any more.
    pub articles_removed: usize,
    /// Articles in the index after the build.
    pub articles_total: u64,
    /// Wall time of the whole build.
    pub seconds: f64,
}

impl IndexReport {
    /// Files that were read this run.
    pub fn files_read(&self) -> usize {
        self.files_new + self.files_changed
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
                    reason: &error.to_string(),
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
    let mut ingestion = Ingestion {
        fields: &fields,
        searcher: reader.searcher(),
        reader,
        writer,
        queued: Vec::with_capacity(OPERATIONS_PER_BATCH),
        checkpoint_after: options.checkpoint_articles.max(1),
        pending: FxHashMap::default(),
        pending_ids: FxHashMap::default(),
        deleted: FxHashSet::default(),
        ingest: options.reader.clone(),
        read_again: None,
        report: &mut report,
    };

    for path in &pruned {
        if let Some(record) = state.remove(path) {
            ingestion.report.files_pruned += 1;
            ingestion.release(&record.ids, &mut state)?;
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
enum Scanned {
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
            outcome: FileOutcome::Skipped(format!(
                "internal error while reading it ({}); please report it",
                panic_message(panic.as_ref())
            )),
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

/// A version added during this run (not yet visible to the searcher).
struct Pending {
    id: String,
    content: ContentHash,
    version: Version,
}

/// An existing version of a story that an incoming one is compared with.
struct Candidate {
    id: String,
    content: ContentHash,
    version: Version,
    /// Loaded from the index, or `None` for a pending version (re-read on demand).
    article: Option<Article>,
}

/// The writer side of one build: decides for every incoming article whether
/// it is new, a copy, a revision or an older version, and keeps the counts.
struct Ingestion<'a> {
    fields: &'a Fields,
    writer: IndexWriter<TantivyDocument>,
    /// Adds and deletes not yet handed to the writer, in order.
    queued: Vec<UserOperation<TantivyDocument>>,
    /// Reloaded at each checkpoint.
    reader: IndexReader,
    /// The index as of the last checkpoint (or as it was before this run).
    searcher: Searcher,
    /// Articles added since the last checkpoint that make the next one.
    checkpoint_after: usize,
    /// Versions added since the last checkpoint, by story.
    pending: FxHashMap<StoryKey, Vec<Pending>>,
    /// Ids added (or re-added) since the last checkpoint, with their story:
    /// the searcher's copies are stale, and a release finds the one story to update.
    pending_ids: FxHashMap<String, StoryKey>,
    /// Ids deleted since the last checkpoint.
    deleted: FxHashSet<String>,
    /// How files were read (versions are re-read the same way).
    ingest: ingest::Reader,
    /// The articles of the file last read again for a version added earlier
    /// in this run, by content: a big file's stories often share a day and
    /// headline with another's.
    read_again: Option<(PathBuf, FxHashMap<ContentHash, Article>)>,
    report: &'a mut IndexReport,
}

/// The file whose articles are being resolved, and those of them resolved so
/// far by content: a version added from this same file is compared from here,
/// not read again (which cost a whole re-read of a multi-record file, JSON
/// Lines or a WARC crawl, per story sharing a day and headline).
struct ThisFile<'a> {
    path: &'a Path,
    articles: &'a [Article],
    by_content: FxHashMap<ContentHash, usize>,
}

impl Ingestion<'_> {
    /// Applies one scanned file to the index and the file state.
    fn file(
        &mut self,
        path: &Path,
        stamp: Stamp,
        scanned: Scanned,
        state: &mut FileState,
        on_event: &mut dyn FnMut(IndexEvent),
    ) -> Result<()> {
        let previous = state.get(path).cloned();
        let (hash, outcome, prints) = match scanned {
            Scanned::SameContent => {
                self.report.files_unchanged += 1;
                if let Some(mut record) = previous {
                    record.modified_ns = stamp.modified_ns;
                    record.size = stamp.size;
                    state.insert(path, record);
                }
                on_event(IndexEvent::FileRead { path, articles: 0 });
                return Ok(());
            }
            Scanned::Parsed {
                hash,
                outcome,
                prints,
            } => (hash, outcome, prints),
        };
        match outcome {
            FileOutcome::Read {
                articles,
                warnings,
                damaged,
            } => {
                if let Some(reason) = &damaged {
                    self.report.files_damaged += 1;
                    on_event(IndexEvent::Damaged { path, reason });
                }
                if previous.is_some() {
                    self.report.files_changed += 1;
                } else {
                    self.report.files_new += 1;
                }
                if !warnings.is_empty() {
                    self.report.files_with_warnings += 1;
                }
                for message in &warnings {
                    on_event(IndexEvent::Warning { path, message });
                }
                on_event(IndexEvent::FileRead {
                    path,
                    articles: articles.len(),
                });
                let version = Version {
                    modified_secs: stamp.modified_secs(),
                    path: path.to_path_buf(),
                };
                let before: FxHashSet<&str> = previous
                    .iter()
                    .flat_map(|record| record.ids.iter().map(String::as_str))
                    .collect();
                let mut ids = Vec::with_capacity(articles.len());
                let mut this_file = ThisFile {
                    path,
                    articles: &articles,
                    by_content: FxHashMap::default(),
                };
                for (at, article) in articles.iter().enumerate() {
                    let content = ContentHash::of(article);
                    let incoming = (article, prints.get(at).and_then(Option::as_ref));
                    ids.push(self.resolve(incoming, &content, &version, &before, &this_file)?);
                    this_file.by_content.entry(content).or_insert(at);
                }
                let record = FileRecord {
                    size: stamp.size,
                    modified_ns: stamp.modified_ns,
                    hash,
                    ids,
                    reader: ingest::READER_VERSION,
                };
                if let Some(previous) = state.insert(path, record) {
                    self.release(&previous.ids, state)?;
                }
                if self.pending_ids.len() >= self.checkpoint_after {
                    self.checkpoint()?;
                }
            }
            // Remembered, so that the next run passes over it in silence.
            FileOutcome::Ignored(reason) => {
                self.report.files_ignored += 1;
                on_event(IndexEvent::Ignored {
                    path,
                    reason: &reason,
                });
                let record = FileRecord {
                    size: stamp.size,
                    modified_ns: stamp.modified_ns,
                    hash,
                    ids: Vec::new(),
                    reader: ingest::READER_VERSION,
                };
                state.insert(path, record);
            }
            // A file that broke keeps what it contributed before: nothing is lost,
            // and its record stays as it was, so the next run tries it again.
            FileOutcome::Skipped(reason) => {
                self.report.files_skipped += 1;
                on_event(IndexEvent::Skipped {
                    path,
                    reason: &reason,
                });
            }
        }
        Ok(())
    }

    /// Adds one incoming article unless the index already has it; returns the
    /// id it lives under (a revision keeps the id of the story it revises).
    /// Adds an article, or finds it already indexed; `before` holds the ids
    /// its file gave on its last reading.
    fn resolve(
        &mut self,
        (article, print): (&Article, Option<&Fingerprint>),
        content: &ContentHash,
        version: &Version,
        before: &FxHashSet<&str>,
        this_file: &ThisFile,
    ) -> Result<String> {
        let key = StoryKey::of(article);
        let mut candidates = self.candidates(&key)?;
        if let Some(copy) = candidates
            .iter()
            .find(|candidate| candidate.content == *content)
        {
            if before.contains(copy.id.as_str()) {
                // The content hash covers the text, not what else a reader
                // takes out of the page: a newer reader's captions, tags or
                // byline replace those stored from this same file (a copy
                // stored from another file keeps that file's).
                if let Some(stored) = copy.article.as_ref().filter(|stored| {
                    stored.source == article.source
                        && **stored
                            != Article {
                                id: stored.id.clone(),
                                ..article.clone()
                            }
                }) {
                    let mut reread = article.clone();
                    reread.id = stored.id.clone();
                    self.queue(UserOperation::Delete(Term::from_field_text(
                        self.fields.id,
                        stored.id.as_str(),
                    )))?;
                    self.report.articles_updated += 1;
                    return self.add((&reread, print), key, content.clone(), version);
                }
                self.report.articles_unchanged += 1;
            } else {
                self.report.duplicates_collapsed += 1;
            }
            return Ok(copy.id.clone());
        }
        for candidate in &mut candidates {
            let Some(theirs) = self.text_of(candidate, this_file) else {
                continue;
            };
            if !same_story(article, &theirs) {
                continue;
            }
            if !version.is_newer_than(article, &candidate.version, &theirs) {
                if before.contains(candidate.id.as_str()) {
                    self.report.articles_unchanged += 1;
                } else {
                    self.report.older_versions_ignored += 1;
                }
                return Ok(candidate.id.clone());
            }
            self.queue(UserOperation::Delete(Term::from_field_text(
                self.fields.id,
                &candidate.id,
            )))?;
            if let Some(versions) = self.pending.get_mut(&key) {
                versions.retain(|pending| pending.id != candidate.id);
            }
            let mut revision = article.clone();
            revision.id = crate::ArticleId::from_string(candidate.id.clone());
            self.report.articles_replaced += 1;
            return self.add((&revision, print), key, content.clone(), version);
        }
        self.report.articles_added += 1;
        self.add((article, print), key, content.clone(), version)
    }

    /// A candidate's text: from the index, from the file being resolved, or
    /// read again from the file a version added earlier in this run came from
    /// (rare: two files of one run sharing a story's day and headline), so
    /// that no article text is kept in memory beyond one file's.
    fn text_of(&mut self, candidate: &mut Candidate, this_file: &ThisFile) -> Option<Article> {
        if candidate.article.is_none() {
            candidate.article = if candidate.version.path == this_file.path {
                this_file
                    .by_content
                    .get(&candidate.content)
                    .map(|&at| this_file.articles[at].clone())
            } else {
                let cached = self
                    .read_again
                    .as_ref()
                    .is_some_and(|(path, _)| *path == candidate.version.path);
                if !cached {
                    let by_content = match self.ingest.read(&candidate.version.path) {
                        FileOutcome::Read { articles, .. } => articles
                            .into_iter()
                            .map(|article| (ContentHash::of(&article), article))
                            .collect(),
                        _ => FxHashMap::default(),
                    };
                    self.read_again = Some((candidate.version.path.clone(), by_content));
                }
                self.read_again
                    .as_ref()
                    .and_then(|(_, by_content)| by_content.get(&candidate.content).cloned())
            };
        }
        candidate.article.clone()
    }

    fn add(
        &mut self,
        (article, print): (&Article, Option<&Fingerprint>),
        key: StoryKey,
        content: ContentHash,
        version: &Version,
    ) -> Result<String> {
        let id = article.id.as_str().to_string();
        let doc = self
            .fields
            .to_document(article, (&key, &content), print, version.modified_secs);
        self.queue(UserOperation::Add(doc))?;
        self.deleted.remove(&id);
        self.pending_ids.insert(id.clone(), key.clone());
        self.pending.entry(key).or_default().push(Pending {
            id: id.clone(),
            content,
            version: version.clone(),
        });
        Ok(id)
    }

    /// Every live version of a story: those added in this run, then those
    /// committed before it (minus any this run deleted or superseded).
    fn candidates(&self, key: &StoryKey) -> Result<Vec<Candidate>> {
        let mut candidates: Vec<Candidate> = self
            .pending
            .get(key)
            .into_iter()
            .flatten()
            .map(|pending| Candidate {
                id: pending.id.clone(),
                content: pending.content.clone(),
                version: pending.version.clone(),
                article: None,
            })
            .collect();
        let query = TermQuery::new(
            Term::from_field_u64(self.fields.story, key.0),
            IndexRecordOption::Basic,
        );
        let found = self
            .searcher
            .search(&query, &TopDocs::with_limit(256).order_by_score())?;
        for (_, address) in found {
            let doc: TantivyDocument = self.searcher.doc(address)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|value| value.as_str())
                .unwrap_or_default()
                .to_string();
            if self.deleted.contains(&id) || self.pending_ids.contains_key(&id) {
                continue;
            }
            let (content, version) = self.fields.to_version(&doc);
            candidates.push(Candidate {
                id,
                content,
                version,
                article: Some(self.fields.to_article(&doc)),
            });
        }
        Ok(candidates)
    }

    /// Queues an add or a delete for the writer. Operations go to tantivy's
    /// indexing threads in batches: handed over one at a time, each could
    /// wake a thread, a system call per article.
    fn queue(&mut self, operation: UserOperation<TantivyDocument>) -> Result<()> {
        self.queued.push(operation);
        if self.queued.len() >= OPERATIONS_PER_BATCH {
            self.send_queued()?;
        }
        Ok(())
    }

    /// Hands the queued operations to the writer, which keeps their order.
    fn send_queued(&mut self) -> Result<()> {
        if !self.queued.is_empty() {
            let operations =
                std::mem::replace(&mut self.queued, Vec::with_capacity(OPERATIONS_PER_BATCH));
            self.writer.run(operations)?;
        }
        Ok(())
    }

    /// The writer, once every queued operation is in it.
    fn into_writer(mut self) -> Result<IndexWriter<TantivyDocument>> {
        self.send_queued()?;
        Ok(self.writer)
    }

    /// Makes everything added so far visible to the searcher and forgets it:
    /// what a build remembers about its own additions stays bounded however
    /// many files it reads. The commit lands in the unpublished generation,
    /// so no reader sees it before the build is done.
    fn checkpoint(&mut self) -> Result<()> {
        self.send_queued()?;
        self.writer.commit()?;
        self.reader.reload()?;
        self.searcher = self.reader.searcher();
        self.pending.clear();
        self.pending_ids.clear();
        self.deleted.clear();
        Ok(())
    }

    /// A file no longer produces these ids: each leaves the index once no
    /// file recorded in `state` produces it.
    fn release(&mut self, ids: &[String], state: &mut FileState) -> Result<()> {
        for id in ids {
            if !self.deleted.contains(id) && !state.is_produced(id) {
                self.queue(UserOperation::Delete(Term::from_field_text(
                    self.fields.id,
                    id,
                )))?;
                self.deleted.insert(id.clone());
                // Only the story the id was added under can hold it (every
                // story's list scanned here made a large re-scrape quadratic).
                if let Some(key) = self.pending_ids.remove(id) {
                    if let Some(versions) = self.pending.get_mut(&key) {
                        versions.retain(|pending| &pending.id != id);
                    }
                }
                self.report.articles_removed += 1;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
