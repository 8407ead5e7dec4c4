//! What was odd in a file that was still indexed, as a kind (for counting and
//! grouping: a scrape of 40,000 pages should not print 40,000 lines) and the
//! words for the user.

use std::fmt;

/// The kinds of oddity a reader reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarningKind {
    /// A story indexed without a date: none given, or one unreadable or
    /// implausible.
    Undated,
    /// Records, rows or pages of the file that hold no story and were left
    /// out (no text, not a record, unreadable).
    RecordsLeftOut,
    /// Text outside any record, not indexed.
    StrayText,
    /// Records over the size limit, not read.
    RecordsTooLarge,
    /// The text was not clean UTF-8 and was decoded another way.
    Decoding,
    /// A story longer than the limit, cut.
    StoryCut,
    /// A crawl file that ends inside a record it skips.
    CutShort,
}

impl WarningKind {
    /// What every warning of this kind says, for the line that counts the
    /// ones not shown.
    pub fn describe(self) -> &'static str {
        match self {
            WarningKind::Undated => "stories indexed without a date",
            WarningKind::RecordsLeftOut => "records that hold no story, left out",
            WarningKind::StrayText => "text outside any record, not indexed",
            WarningKind::RecordsTooLarge => "records over the size limit, not read",
            WarningKind::Decoding => "text that was not clean UTF-8",
            WarningKind::StoryCut => "stories cut at --max-article-chars",
            WarningKind::CutShort => "crawls cut short",
        }
    }
}

/// One oddity in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// What sort of oddity.
    pub kind: WarningKind,
    text: String,
}

impl Warning {
    /// A warning of `kind`, in `text`'s words.
    pub fn new(kind: WarningKind, text: impl Into<String>) -> Warning {
        Warning {
            kind,
            text: text.into(),
        }
    }

    /// The same warning, said of a part of the file (a page of a crawl).
    pub fn within(self, part: &str) -> Warning {
        Warning::new(self.kind, format!("{part}: {}", self.text))
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
