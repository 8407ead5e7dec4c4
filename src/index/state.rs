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
    /// BLAKE3 of the content (hex in the file; empty for a file that is not
    /// a dump, whose content was never read). Kept as 32 bytes in memory, a
    /// third of what the hex string and its allocation take.
    #[serde(with = "hex_or_empty")]
    pub hash: Option<blake3::Hash>,
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
    /// How many records list each article id (several do, for a story scraped
    /// twice): an article leaves the index only when none does. Counted on the
    /// first question and kept in step after that, so a build that only adds
    /// files never holds a second copy of every id.
    #[serde(skip)]
    producers: Option<HashMap<String, usize>>,
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

    /// Writes the state into a generation, durably, streaming it: at a
    /// million files the text would be a few hundred megabytes.
    pub fn save(&self, generation: &Path) -> Result<()> {
        write_durably(&generation.join(FILE), |file| {
            serde_json::to_writer(file, self).map_err(std::io::Error::from)
        })
    }

    /// The record of a file.
    pub fn get(&self, path: &Path) -> Option<&FileRecord> {
        self.files.get(&key(path))
    }

    /// Records a file, returning what it replaced.
    pub fn insert(&mut self, path: &Path, record: FileRecord) -> Option<FileRecord> {
        if let Some(counts) = &mut self.producers {
            count_producer(counts, &record);
        }
        let previous = self.files.insert(key(path), record);
        self.forget_producer(previous.as_ref());
        previous
    }

    /// Forgets a file, returning its record.
    pub fn remove(&mut self, path: &Path) -> Option<FileRecord> {
        let previous = self.files.remove(&key(path));
        self.forget_producer(previous.as_ref());
        previous
    }

    fn forget_producer(&mut self, record: Option<&FileRecord>) {
        let (Some(counts), Some(record)) = (&mut self.producers, record) else {
            return;
        };
        for id in &record.ids {
            if let Some(count) = counts.get_mut(id) {
                *count -= 1;
                if *count == 0 {
                    counts.remove(id);
                }
            }
        }
    }

    /// Recorded files under any of `roots`.
    pub fn paths_under<'a>(&'a self, roots: &'a [PathBuf]) -> impl Iterator<Item = PathBuf> + 'a {
        self.files
            .keys()
            .map(PathBuf::from)
            .filter(move |path| roots.iter().any(|root| path.starts_with(root)))
    }

    /// Whether any recorded file still produces the article `id`.
    pub fn is_produced(&mut self, id: &str) -> bool {
        let files = &self.files;
        let counts = self.producers.get_or_insert_with(|| {
            let mut counts = HashMap::new();
            for record in files.values() {
                count_producer(&mut counts, record);
            }
            counts
        });
        counts.contains_key(id)
    }
}

fn count_producer(counts: &mut HashMap<String, usize>, record: &FileRecord) {
    for id in &record.ids {
        *counts.entry(id.clone()).or_insert(0) += 1;
    }
}

/// A file hash in `files.json`: hex digits, or an empty string for none.
mod hex_or_empty {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        hash: &Option<blake3::Hash>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match hash {
            Some(hash) => serializer.serialize_str(hash.to_hex().as_str()),
            None => serializer.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<blake3::Hash>, D::Error> {
        let hex = <&str>::deserialize(deserializer)?;
        if hex.is_empty() {
            return Ok(None);
        }
        blake3::Hash::from_hex(hex)
            .map(Some)
            .map_err(D::Error::custom)
    }
}
