//! Why a file meant to be a dump was not indexed: the kind, for whoever
//! counts or sorts them, and the words for the user (which quote what broke).

use std::fmt;

/// Why a file was skipped. Each kind keeps the reason in words; `Display`
/// gives those words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// It could not be listed, opened or read (a permission, a vanished file,
    /// a link loop).
    Unreadable(String),
    /// It is over `--max-file-size`, or inflates past it.
    TooLarge(String),
    /// Its bytes are not text: empty, binary, damaged gzip data.
    NotText(String),
    /// Its format could not make a story of it, in the format's words.
    NoStory(String),
    /// morgue's reader failed on it: a bug, to be reported.
    ReaderFailed(String),
}

impl Skip {
    /// An I/O error met while listing, opening or reading a file.
    pub fn unreadable(error: impl fmt::Display) -> Skip {
        Skip::Unreadable(error.to_string())
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (Skip::Unreadable(reason)
        | Skip::TooLarge(reason)
        | Skip::NotText(reason)
        | Skip::NoStory(reason)
        | Skip::ReaderFailed(reason)) = self;
        f.write_str(reason)
    }
}
