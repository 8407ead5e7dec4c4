//! The index directory on disk, and why readers never see half a batch (issue #3).
//!
//! ```text
//! index/CURRENT        names the live generation ("gen-…"); replaced by atomic rename
//! index/gen-…/         one complete tantivy index + morgue.json + files.json.gz
//! index/LOCK           held (flock) by the one `morgue index` writing
//! ```
//!
//! Every `morgue index` that changes something writes a *new* generation: a
//! copy of the live one made of hard links (tantivy never rewrites a segment
//! file, so sharing them is safe and costs no copy), updated and committed, then
//! published by renaming a new `CURRENT` into place. A reader that read
//! `CURRENT` keeps a complete generation for as long as it has it open; a
//! `kill -9` at any moment leaves `CURRENT` naming the last complete one, and
//! the unfinished directory is removed by the next run.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Bumped whenever the schema or analysis changes in a way old indexes cannot serve.
pub const FORMAT_VERSION: u32 = 13;
const CURRENT: &str = "CURRENT";
const LOCK: &str = "LOCK";
const META: &str = "morgue.json";
const PREFIX: &str = "gen-";

/// What morgue records about a generation, beside tantivy's own files.
#[derive(Debug, Serialize, Deserialize)]
struct GenerationMeta {
    format_version: u32,
    created_by: String,
}

/// Whether `root` holds a published index.
pub fn exists(root: &Path) -> bool {
    root.join(CURRENT).is_file()
}

/// The live generation's directory, or `None` before the first build.
pub fn live(root: &Path) -> Result<Option<PathBuf>> {
    let pointer = root.join(CURRENT);
    let name = match fs::read(&pointer) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_string(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io(pointer, error)),
    };
    if !name.starts_with(PREFIX) || name.contains(['/', '\\', '\u{fffd}', '\0']) {
        return Err(broken(
            root,
            format!("{CURRENT} names no generation ({name:?})"),
        ));
    }
    Ok(Some(root.join(name)))
}

/// Checks that a generation was written by a compatible morgue.
pub fn check(root: &Path, generation: &Path) -> Result<()> {
    let meta_path = generation.join(META);
    let bytes = fs::read(&meta_path)
        .map_err(|error| broken(root, format!("{}: {error}", meta_path.display())))?;
    let meta: GenerationMeta = serde_json::from_slice(&bytes)
        .map_err(|error| broken(root, format!("{}: {error}", meta_path.display())))?;
    if meta.format_version != FORMAT_VERSION {
        return Err(broken(
            root,
            format!(
                "it was written by {} in index format {}, this morgue reads format {FORMAT_VERSION}",
                meta.created_by, meta.format_version
            ),
        ));
    }
    Ok(())
}

/// An error for an index directory that exists but cannot be used.
pub fn broken(root: &Path, reason: impl Into<String>) -> Error {
    Error::BrokenIndex {
        path: root.to_path_buf(),
        reason: reason.into(),
    }
}

/// The writer's exclusive hold on an index directory, released when dropped
/// or when the process dies (an flock dies with its process, so a killed run
/// never leaves a stale lock behind).
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the lock; when another process holds it, waits for it if `wait`,
    /// otherwise fails at once naming that process.
    pub fn acquire(root: &Path, wait: bool) -> Result<WriterLock> {
        fs::create_dir_all(root).map_err(|error| Error::io(root, error))?;
        let path = root.join(LOCK);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|error| Error::io(&path, error))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) if wait => {
                file.lock().map_err(|error| Error::io(&path, error))?;
            }
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                return Err(Error::Busy {
                    path: root.to_path_buf(),
                    holder: holder.trim().to_string(),
                });
            }
            Err(TryLockError::Error(error)) => return Err(Error::io(&path, error)),
        }
        // Say who holds it, for the message a second writer prints.
        let since = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
        let _ = file.set_len(0);
        let _ = write!(
            file,
            "morgue index, process {}, since {since}",
            std::process::id()
        );
        let _ = file.flush();
        Ok(WriterLock { _file: file })
    }
}

/// Creates a new generation directory: empty, or sharing the files of `base`
/// through hard links (copies where the filesystem has none). Only the holder
/// of the [`WriterLock`] calls this.
pub fn create(root: &Path, base: Option<&Path>) -> Result<PathBuf> {
    remove_unpublished(root)?;
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_nanos());
    let generation = root.join(format!("{PREFIX}{stamp}-{}", std::process::id()));
    fs::create_dir(&generation).map_err(|error| Error::io(&generation, error))?;
    if let Some(base) = base {
        let entries = fs::read_dir(base).map_err(|error| Error::io(base, error))?;
        for entry in entries {
            let entry = entry.map_err(|error| Error::io(base, error))?;
            let name = entry.file_name();
            let text = name.to_string_lossy();
            // tantivy's lock files belong to the process that made them.
            if text.starts_with(".tantivy-") && text.ends_with(".lock") {
                continue;
            }
            let (from, to) = (entry.path(), generation.join(&name));
            let small_json = text.ends_with(".json");
            if small_json || fs::hard_link(&from, &to).is_err() {
                fs::copy(&from, &to).map_err(|error| Error::io(&from, error))?;
            }
        }
    }
    let meta = GenerationMeta {
        format_version: FORMAT_VERSION,
        created_by: format!("morgue {}", env!("CARGO_PKG_VERSION")),
    };
    write_durably(&generation.join(META), |file| {
        serde_json::to_writer_pretty(file, &meta).map_err(std::io::Error::from)
    })?;
    Ok(generation)
}

/// Makes `generation` the live one with an atomic rename of `CURRENT`, then
/// removes the generations no longer named. Readers that opened an old one
/// keep their open files (on Unix an unlinked file lives until closed).
pub fn publish(root: &Path, generation: &Path) -> Result<()> {
    sync_dir(generation)?;
    let name = generation
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_durably(&root.join(CURRENT), |file| writeln!(file, "{name}"))?;
    remove_unpublished(root)
}

/// Removes every generation `CURRENT` does not name: old ones, and ones a
/// killed run left unfinished. Only the holder of the [`WriterLock`] calls this.
fn remove_unpublished(root: &Path) -> Result<()> {
    // An unreadable CURRENT names nothing worth keeping: this is how
    // `--rebuild` recovers a damaged index.
    let keep = live(root).ok().flatten();
    let entries = fs::read_dir(root).map_err(|error| Error::io(root, error))?;
    for entry in entries.flatten() {
        let is_generation = entry.file_name().to_string_lossy().starts_with(PREFIX);
        if is_generation && Some(entry.path()) != keep {
            // Best effort: a generation left behind costs only disk space.
            let _ = fs::remove_dir_all(entry.path());
        }
    }
    Ok(())
}

/// Writes a file so that after a crash it holds either its old or its new
/// content: a temporary file, written by `write_to`, flushed to disk, renamed
/// over the target.
pub fn write_durably(
    path: &Path,
    write_to: impl FnOnce(&mut BufWriter<&File>) -> std::io::Result<()>,
) -> Result<()> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let staged = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let write = || -> std::io::Result<()> {
        let file = File::create(&staged)?;
        let mut buffered = BufWriter::new(&file);
        write_to(&mut buffered)?;
        buffered.flush()?;
        file.sync_all()?;
        fs::rename(&staged, path)
    };
    write().map_err(|error| Error::io(path, error))?;
    sync_dir(parent)
}

fn sync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|handle| handle.sync_all())
        .map_err(|error| Error::io(dir, error))
}
