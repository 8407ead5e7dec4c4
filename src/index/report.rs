//! What a build tells its caller: events as they happen and the report at
//! the end (the summary line and `--json`).

use std::path::Path;

use serde::Serialize;

use crate::ingest::{Skip, Warning};

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
        warning: &'a Warning,
    },
    /// A file or folder could not be used; the rest goes on.
    Skipped {
        /// The file or folder.
        path: &'a Path,
        /// Why.
        reason: &'a Skip,
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
