//! What the index remembers about the files it ingested (`files.json.gz` in
//! each generation), so a re-run reads only what is new or changed (issue #3).
//! Gzipped JSON: `zcat` shows it, and it is a quarter of the plain text (for
//! Reuters, 4.5 MB of JSON was a sixth of the whole index).
//!
//! A file is unchanged when its size and modification time match; when only
//! the time moved, its content hash decides, so `touch` re-ingests nothing.
//! Each record lists the article ids the file produced: when a file changes or
//! is pruned, the articles no other file still produces leave the index.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use flate2::{read::GzDecoder, write::GzEncoder, Compression};
use serde::{Deserialize, Serialize};

use super::generation::{self, write_durably};
use crate::error::{Error, Result};

const FILE: &str = "files.json.gz";

/// One ingested file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// Size in bytes when ingested.
    pub size: u64,
    /// Modification time when ingested, in nanoseconds since the epoch.
    pub modified_ns: i128,
    /// Hash of the content (hex in the file; empty for a file that is not a
    /// dump, whose content was never read).
    #[serde(with = "hex_or_empty")]
    pub hash: Option<FileHash>,
    /// Ids of the articles the file produced (empty for a file that is not a dump).
    pub ids: Vec<String>,
    /// The [`crate::ingest::READER_VERSION`] that read it (0: before there was one).
    #[serde(default)]
    pub reader: u32,
}

/// The first 128 bits of a file's BLAKE3, which tell a touched file from a
/// changed one as surely as all 256 (a chance match is 2^-128) in half the
/// bytes; random digits are most of what `files.json.gz` cannot compress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileHash([u8; 16]);

impl From<blake3::Hash> for FileHash {
    fn from(hash: blake3::Hash) -> Self {
        let mut first = [0; 16];
        first.copy_from_slice(&hash.as_bytes()[..16]);
        FileHash(first)
    }
}

impl FileHash {
    fn to_hex(self) -> String {
        let mut hex = String::with_capacity(32);
        for byte in self.0 {
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }

    fn from_hex(hex: &str) -> Option<FileHash> {
        if hex.len() != 32 || !hex.is_ascii() {
            return None;
        }
        let mut bytes = [0; 16];
        for (byte, pair) in bytes.iter_mut().zip(hex.as_bytes().chunks(2)) {
            let pair = std::str::from_utf8(pair).ok()?;
            *byte = u8::from_str_radix(pair, 16).ok()?;
        }
        Some(FileHash(bytes))
    }
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

/// A file's key in the state: its path as text, borrowed when it is UTF-8, so
/// looking a file up copies nothing.
fn key(path: &Path) -> std::borrow::Cow<'_, str> {
    path.to_string_lossy()
}

impl FileState {
    /// Loads the state of a generation; a generation without one starts empty.
    pub fn load(root: &Path, generation: &Path) -> Result<FileState> {
        let path = generation.join(FILE);
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(FileState::default())
            }
            Err(error) => return Err(Error::io(path, error)),
        };
        let broken = |error: &dyn std::fmt::Display| {
            generation::broken(root, format!("{}: {error}", path.display()))
        };
        let mut json = Vec::new();
        GzDecoder::new(std::io::BufReader::new(file))
            .read_to_end(&mut json)
            .map_err(|error| broken(&error))?;
        serde_json::from_slice(&json).map_err(|error| broken(&error))
    }

    /// Writes the state into a generation, durably, streaming it: at a
    /// million files the text would be a few hundred megabytes. The fastest
    /// gzip level: on Reuters' state level 6 took five times as long (163
    /// against 32 ms) for a file no smaller.
    pub fn save(&self, generation: &Path) -> Result<()> {
        write_durably(&generation.join(FILE), |file| {
            // serde writes a token at a time; the encoder wants whole blocks.
            let mut json =
                BufWriter::with_capacity(1 << 16, GzEncoder::new(file, Compression::fast()));
            serde_json::to_writer(&mut json, self).map_err(std::io::Error::from)?;
            json.into_inner()
                .map_err(|error| error.into_error())?
                .finish()
                .map(drop)
        })
    }

    /// The record of a file.
    pub fn get(&self, path: &Path) -> Option<&FileRecord> {
        self.files.get(key(path).as_ref())
    }

    /// Records a file, returning what it replaced.
    pub fn insert(&mut self, path: &Path, record: FileRecord) -> Option<FileRecord> {
        if let Some(counts) = &mut self.producers {
            count_producer(counts, &record);
        }
        let previous = self.files.insert(key(path).into_owned(), record);
        self.forget_producer(previous.as_ref());
        previous
    }

    /// Forgets a file, returning its record.
    pub fn remove(&mut self, path: &Path) -> Option<FileRecord> {
        let previous = self.files.remove(key(path).as_ref());
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

    use super::FileHash;

    pub fn serialize<S: Serializer>(
        hash: &Option<FileHash>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match hash {
            Some(hash) => serializer.serialize_str(&hash.to_hex()),
            None => serializer.serialize_str(""),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<FileHash>, D::Error> {
        let hex = <&str>::deserialize(deserializer)?;
        if hex.is_empty() {
            return Ok(None);
        }
        FileHash::from_hex(hex)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("'{hex}' is not 32 hex digits")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(hash: Option<FileHash>, ids: &[&str]) -> FileRecord {
        FileRecord {
            size: 1234,
            modified_ns: 1_795_910_974_052_084_902,
            hash,
            ids: ids.iter().map(|id| id.to_string()).collect(),
            reader: crate::ingest::READER_VERSION,
        }
    }

    #[test]
    fn a_saved_state_loads_back_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let hashed = record(Some(blake3::hash(b"a dump").into()), &["072e834db36ddace"]);
        let unread = record(None, &[]);
        let mut state = FileState::default();
        state.insert(Path::new("/dumps/a.txt"), hashed.clone());
        state.insert(Path::new("/dumps/MANIFEST"), unread.clone());
        state.save(dir.path()).unwrap();

        let mut loaded = FileState::load(dir.path(), dir.path()).unwrap();
        assert_eq!(loaded.get(Path::new("/dumps/a.txt")), Some(&hashed));
        assert_eq!(loaded.get(Path::new("/dumps/MANIFEST")), Some(&unread));
        assert!(loaded.is_produced("072e834db36ddace"));
        assert!(!loaded.is_produced("0000000000000000"));
    }

    #[test]
    fn a_state_with_a_mangled_hash_is_reported_with_its_path() {
        let dir = tempfile::tempdir().unwrap();
        let json =
            br#"{"files":{"/dumps/a.txt":{"size":1,"modified_ns":2,"hash":"not hex","ids":[]}}}"#;
        let mut gzip = GzEncoder::new(Vec::new(), Compression::fast());
        std::io::Write::write_all(&mut gzip, json).unwrap();
        std::fs::write(dir.path().join(FILE), gzip.finish().unwrap()).unwrap();

        let error = FileState::load(dir.path(), dir.path())
            .unwrap_err()
            .to_string();
        assert!(error.contains(FILE), "{error}");
        assert!(error.contains("'not hex' is not 32 hex digits"), "{error}");
    }
}
