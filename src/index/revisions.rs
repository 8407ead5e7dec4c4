//! The writer side of a build: for every incoming article, whether it is new,
//! a copy of one already kept, a revision of a story, or an older version
//! (the dedupe and revision state machine), and the counts.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::TopDocs;
use tantivy::indexer::UserOperation;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Term, Value};
use tantivy::{IndexReader, IndexWriter, Searcher, TantivyDocument};

use super::build::{Scanned, OPERATIONS_PER_BATCH};
use super::fingerprint::Fingerprint;
use super::identity::{same_story, ContentHash, StoryKey, Version};
use super::report::{IndexEvent, IndexReport};
use super::schema::Fields;
use super::state::{FileRecord, FileState, Stamp};
use crate::article::Article;
use crate::error::Result;
use crate::ingest::{self, FileOutcome};

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
pub(super) struct Ingestion<'a> {
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

impl<'a> Ingestion<'a> {
    /// The writer side of a build over `writer`, whose index `reader` reads;
    /// a checkpoint every `checkpoint_after` articles; counts go to `report`.
    pub(super) fn new(
        fields: &'a Fields,
        writer: IndexWriter<TantivyDocument>,
        reader: IndexReader,
        checkpoint_after: usize,
        ingest: ingest::Reader,
        report: &'a mut IndexReport,
    ) -> Ingestion<'a> {
        Ingestion {
            fields,
            searcher: reader.searcher(),
            reader,
            writer,
            queued: Vec::with_capacity(OPERATIONS_PER_BATCH),
            checkpoint_after: checkpoint_after.max(1),
            pending: FxHashMap::default(),
            pending_ids: FxHashMap::default(),
            deleted: FxHashSet::default(),
            ingest,
            read_again: None,
            report,
        }
    }

    /// Forgets a file the build no longer finds: its articles go unless
    /// another file still holds them.
    pub(super) fn prune(&mut self, ids: &[String], state: &mut FileState) -> Result<()> {
        self.report.files_pruned += 1;
        self.release(ids, state)
    }

    /// Applies one scanned file to the index and the file state.
    pub(super) fn file(
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
                for warning in &warnings {
                    on_event(IndexEvent::Warning { path, warning });
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
        // A new index before its first checkpoint has nothing committed to
        // look in (a fresh build, until then: a query per article for nothing).
        if self.searcher.num_docs() == 0 {
            return Ok(candidates);
        }
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
    pub(super) fn into_writer(mut self) -> Result<IndexWriter<TantivyDocument>> {
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
