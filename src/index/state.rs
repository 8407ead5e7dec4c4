//! What the index remembers about the files it ingested (`files.json` in each
//! generation), so a re-run reads only what is new or changed (issue #3).
//!
//! A file is unchanged when its size and modification time match; when only
//! the time moved, its content hash decides, so `touch` re-ingests nothing.
//! Each record lists the article ids the file produced: when a file changes or
//! is pruned, the articles no other file still produces leave the index.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::generation::{self, write_durably};
use crate::error::{Error, Result};

const FILE: &str = "files.json";

/// One ingested file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Size in bytes when ingested.
    pub size: u64,
    /// Modification time when ingested, in nanoseconds since the epoch.
    pub modified_ns: i128,
    /// BLAKE3 of the content, hex.
    pub hash: String,
    /// Ids of the articles the file produced (empty for a file that is not a dump).
    pub ids: Vec<String>,
}

/// Size and time of a file on disk now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the epoch.
    pub modified_ns: i128,
}

impl Stamp {
    /// Reads a file's size and modification time.
    pub fn of(path: &Path) -> std::io::Result<Stamp> {
        let metadata = std::fs::metadata(path)?;
        let modified_ns = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |elapsed| elapsed.as_nanos() as i128);
        Ok(Stamp {
            size: metadata.len(),
            modified_ns,
        })
    }

    /// The modification time in whole seconds, for comparing versions.
    pub fn modified_secs(self) -> i64 {
        (self.modified_ns / 1_000_000_000) as i64
    }
}

/// Every ingested file, by absolute path (as text: comparing strings is far
/// cheaper than comparing paths component by component, which showed in
/// profiles of re-runs over 20,000 files).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct FileState {
    files: BTreeMap<String, FileRecord>,
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl FileState {
    /// Loads the state of a generation; a generation without one starts empty.
    pub fn load(root: &Path, generation: &Path) -> Result<FileState> {
        let path = generation.join(FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|error| generation::broken(root, format!("{}: {error}", path.display()))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(FileState::default()),
            Err(error) => Err(Error::io(path, error)),
        }
    }

    /// Writes the state into a generation, durably.
    pub fn save(&self, generation: &Path) -> Result<()> {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        write_durably(&generation.join(FILE), &bytes)
    }

    /// The record of a file.
    pub fn get(&self, path: &Path) -> Option<&FileRecord> {
        self.files.get(&key(path))
    }

    /// Records a file, returning what it replaced.
    pub fn insert(&mut self, path: &Path, record: FileRecord) -> Option<FileRecord> {
        self.files.insert(key(path), record)
    }

    /// Forgets a file, returning its record.
    pub fn remove(&mut self, path: &Path) -> Option<FileRecord> {
        self.files.remove(&key(path))
    }

    /// Recorded files under any of `roots`.
    pub fn paths_under<'a>(&'a self, roots: &'a [PathBuf]) -> impl Iterator<Item = PathBuf> + 'a {
        self.files
            .keys()
            .map(PathBuf::from)
            .filter(move |path| roots.iter().any(|root| path.starts_with(root)))
    }

    /// How many files produce each article id (several do, for a story
    /// scraped twice): an article leaves the index only when none does.
    pub fn producers(&self) -> HashMap<String, usize> {
        let mut counts = HashMap::new();
        for record in self.files.values() {
            for id in &record.ids {
                *counts.entry(id.clone()).or_insert(0) += 1;
            }
        }
        counts
    }
}
