//! One error type for the library. Messages are lowercase, name the thing that
//! failed and, where there is one, the fix; the binary adds context with `anyhow`.

use std::path::PathBuf;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index directory holds no index yet.
    #[error("no index at {0}: build one with `morgue index [PATH…] --index {0}`")]
    NoIndex(PathBuf),

    /// The index directory exists but cannot be read as a morgue index.
    #[error("the index at {path} cannot be read ({reason}): rebuild it with `morgue index --rebuild --index {path}`")]
    BrokenIndex {
        /// The index directory.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },

    /// Another `morgue index` is writing to this index.
    #[error("the index at {path} is being updated by another {holder}: wait for it to finish, or pass --wait")]
    Busy {
        /// The index directory.
        path: PathBuf,
        /// Who holds the lock, as that process recorded it.
        holder: String,
    },

    /// A search request that cannot be run as asked, such as `--since` after `--until`.
    #[error("{0}")]
    BadRequest(String),

    /// No article has the id given to `morgue show`.
    #[error("no article with id {0}")]
    UnknownId(String),

    /// A bug in morgue met while indexing a file: the build stops and the
    /// previous index stays live (a bug met while *reading* a file only
    /// skips that file).
    #[error("internal error while indexing {path} ({message}); please report it")]
    Internal {
        /// The file being indexed.
        path: PathBuf,
        /// What the failing code said.
        message: String,
    },

    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying failure.
        source: std::io::Error,
    },

    /// tantivy reported a failure while reading or writing the index.
    #[error("index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),

    /// A tantivy directory operation failed (opening the index files).
    #[error("index directory: {0}")]
    OpenDirectory(#[from] tantivy::directory::error::OpenDirectoryError),
}

impl Error {
    /// Wraps an I/O failure with the path it concerns, so messages always say where.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
