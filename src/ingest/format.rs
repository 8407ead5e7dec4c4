//! The dump formats as one kind of thing: each reader implements
//! [`DumpFormat`] in its own file and is listed once in [`FORMATS`]. Adding a
//! format is that file and that line; detection, `--format` and streaming
//! follow from what the format says of itself.

use std::io::BufRead;
use std::path::Path;

use super::records::FieldMap;
use super::warning::Warning;
use super::{csv, html, json, page_dump, sgml, smart, warc};
use crate::article::Article;

/// Every format morgue reads, in the order `--format` lists them and content
/// detection asks them (the most particular shapes first: a crawl file or a
/// Reuters collection may quote HTML within its first bytes).
const FORMATS: &[&dyn DumpFormat] = &[
    &page_dump::PageDump,
    &warc::Warc,
    &smart::Smart,
    &sgml::ReutersSgml,
    &json::Json,
    &csv::Csv,
    &html::Html,
];

/// One dump layout: its name, the files that are its, and how to read them.
pub(super) trait DumpFormat: Sync {
    /// The name `--format` takes.
    fn name(&self) -> &'static str;

    /// The lower-case file extensions that name this format.
    fn extensions(&self) -> &'static [&'static str];

    /// Whether the first bytes of a file whose extension names no format
    /// look like this one (test collections ship as "cran.all.1400").
    fn looks_like(&self, _head: &str) -> bool {
        false
    }

    /// Reads the articles of a whole file's decoded text.
    fn read(&self, text: &str, source: &Path, fields: &FieldMap) -> Result<Parsed, String>;

    /// Whether files of this format are read as a stream rather than whole:
    /// crawl files can be many gigabytes. `--max-file-size` then limits each
    /// record, not the file, and [`DumpFormat::read_stream`] is what reads them.
    fn is_streamed(&self) -> bool {
        false
    }

    /// Reads a stream (already gunzipped), each record at most
    /// `max_record_bytes`. Only streamed formats are asked: the reader
    /// decodes every other file whole and calls [`DumpFormat::read`].
    fn read_stream(
        &self,
        _input: &mut dyn BufRead,
        _source: &Path,
        _max_record_bytes: u64,
        _fields: &FieldMap,
    ) -> Result<Parsed, String> {
        Err(format!(
            "{} files are read whole, not as a stream",
            self.name()
        ))
    }
}

/// What a format made of a file's text.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    pub(super) articles: Vec<Article>,
    /// Oddities that did not stop the file being indexed.
    pub(super) warnings: Vec<Warning>,
    /// Set when the file is well-formed in the format but holds no articles
    /// (a JSON manifest, a price table): it is passed over, not an error.
    pub(super) foreign: Option<String>,
    /// Set when the file broke part way: the articles before the break are kept.
    pub(super) damaged: Option<String>,
}

/// A dump layout morgue reads (see [`DumpFormat`]): a small handle, compared
/// and printed by name.
#[derive(Clone, Copy)]
pub struct Format(&'static dyn DumpFormat);

impl Format {
    /// Every format, in the order `--format` lists them.
    pub fn all() -> impl Iterator<Item = Format> {
        FORMATS.iter().map(|&format| Format(format))
    }

    /// The format a `--format` name means.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::all().find(|format| format.name().eq_ignore_ascii_case(name))
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The format an extension names, if any; `page.html.gz` is named by `.html`.
    pub(super) fn by_extension(path: &Path) -> Option<Format> {
        let lowercase = |ext: &std::ffi::OsStr| ext.to_str().map(str::to_ascii_lowercase);
        let mut extension = path.extension().and_then(lowercase);
        if extension.as_deref() == Some("gz") {
            extension = path
                .file_stem()
                .map(Path::new)
                .and_then(Path::extension)
                .and_then(lowercase);
        }
        let extension = extension?;
        Format::all().find(|format| format.0.extensions().contains(&extension.as_str()))
    }

    /// The format whose shape the first bytes of a file have.
    pub(super) fn by_content(head: &[u8]) -> Option<Format> {
        let head = String::from_utf8_lossy(head);
        Format::all().find(|format| format.0.looks_like(&head))
    }

    /// Whether files of this format are read as a stream rather than whole
    /// (see [`DumpFormat::is_streamed`]).
    pub fn is_streamed(self) -> bool {
        self.0.is_streamed()
    }

    pub(super) fn read(
        self,
        text: &str,
        source: &Path,
        fields: &FieldMap,
    ) -> Result<Parsed, String> {
        self.0.read(text, source, fields)
    }

    pub(super) fn read_stream(
        self,
        input: &mut dyn BufRead,
        source: &Path,
        max_record_bytes: u64,
        fields: &FieldMap,
    ) -> Result<Parsed, String> {
        self.0.read_stream(input, source, max_record_bytes, fields)
    }
}

impl PartialEq for Format {
    fn eq(&self, other: &Format) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Format {}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_and_extension_belongs_to_one_format() {
        let distinct =
            |items: &[&str]| items.iter().collect::<std::collections::HashSet<_>>().len();
        let names: Vec<&str> = Format::all().map(Format::name).collect();
        assert_eq!(distinct(&names), names.len(), "{names:?}");
        let extensions: Vec<&str> = FORMATS
            .iter()
            .flat_map(|f| f.extensions())
            .copied()
            .collect();
        assert_eq!(distinct(&extensions), extensions.len(), "{extensions:?}");
        assert_eq!(Format::from_name("SMART").map(Format::name), Some("smart"));
        assert_eq!(
            Format::by_extension(Path::new("a/page.HTML.gz")).map(Format::name),
            Some("html")
        );
    }
}
