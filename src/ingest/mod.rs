//! Ingest: turns the files of a scrape into [`Article`]s. This module walks the
//! folders, decodes bytes to text and picks the dump format; each format lives in
//! a file of its own and only knows how to read its text. The index stage calls
//! a [`Reader`] from several threads and never looks inside a format.

mod csv;
mod dates;
mod decode;
mod entities;
mod format;
mod furniture;
mod html;
mod json;
mod page_dump;
mod records;
mod sgml;
mod shape;
mod skip;
mod smart;
mod warc;
mod warning;
mod written_dates;

pub use entities::decode_entities;
pub use format::Format;
pub use records::{FieldMap, Part};
pub use skip::Skip;
pub use warning::{Warning, WarningKind};

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::article::Article;
use decode::{decode, gunzip, GZIP_MAGIC};
use format::Parsed;

/// How much of a file ingest will take, so that a runaway file (a 200 MB line
/// of junk, a mis-scraped archive) costs a report, not the machine's memory.
/// Every limit that is hit is reported; nothing is cut silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Files larger than this are skipped with a report (`--max-file-size`).
    pub max_file_bytes: u64,
    /// Story text beyond this many characters is not indexed, with a warning
    /// (`--max-article-chars`).
    pub max_article_chars: usize,
}

impl Default for Limits {
    /// 64 MiB per file (no news dump comes near), and a million characters per
    /// story (about 150,000 words: ten times the longest long-read).
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_article_chars: 1_000_000,
        }
    }
}

/// How many leading bytes content detection looks at.
const SNIFF_BYTES: u64 = 4096;

/// How files are read: the limits, the format when the user names one, and
/// the field names of record formats. The index stage holds one and hands it
/// to its reading threads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reader {
    /// Size limits, reported when hit.
    pub limits: Limits,
    /// `--format`: read every file as this, instead of detecting.
    pub format: Option<Format>,
    /// `--field`: record fields with names of their own.
    pub fields: FieldMap,
}

impl Reader {
    /// The format that reads `path`: the forced one, else the one its extension
    /// names, else the one its first bytes look like; `None` when no format
    /// claims the file (a README, an image), which is then left alone.
    pub fn format_of(&self, path: &Path) -> Result<Option<Format>, Skip> {
        if let Some(format) = self.format {
            return Ok(Some(format));
        }
        if is_documentation(path) {
            return Ok(None);
        }
        if let Some(format) = Format::by_extension(path) {
            return Ok(Some(format));
        }
        let mut head = Vec::new();
        let file = std::fs::File::open(path).map_err(Skip::unreadable)?;
        let mut file = std::io::BufReader::new(file);
        let gzipped = file
            .fill_buf()
            .map_err(Skip::unreadable)?
            .starts_with(GZIP_MAGIC);
        let read = if gzipped {
            flate2::bufread::MultiGzDecoder::new(file)
                .take(SNIFF_BYTES)
                .read_to_end(&mut head)
        } else {
            file.take(SNIFF_BYTES).read_to_end(&mut head)
        };
        // A damaged gzip still shows its first bytes; an unreadable file is an error.
        if let Err(error) = read {
            if head.is_empty() && !gzipped {
                return Err(Skip::unreadable(error));
            }
        }
        Ok(Format::by_content(&head))
    }

    /// Reads, decodes and parses one file. Never panics on content: every
    /// failure becomes a [`FileOutcome::Skipped`] with a reason a person understands.
    pub fn read(&self, path: &Path) -> FileOutcome {
        let format = match self.format_of(path) {
            Ok(Some(format)) => format,
            Ok(None) => return FileOutcome::Ignored(NOT_A_DUMP.to_string()),
            Err(reason) => return FileOutcome::Skipped(reason),
        };
        if format.is_streamed() {
            return self.read_streamed(path, format);
        }
        match self.read_bytes(path) {
            Ok(bytes) => self.parse(path, format, &bytes),
            Err(reason) => FileOutcome::Skipped(reason),
        }
    }

    /// Reads a file of a streamed format ([`Format::is_streamed`]) from disk,
    /// inflating gzip on the way, without holding the file in memory.
    pub fn read_streamed(&self, path: &Path, format: Format) -> FileOutcome {
        if !format.is_streamed() {
            return self.read(path);
        }
        let file = match std::fs::File::open(path) {
            Ok(file) => file,
            Err(error) => return FileOutcome::Skipped(Skip::unreadable(error)),
        };
        let mut input = std::io::BufReader::with_capacity(1 << 16, file);
        let gzipped = match input.fill_buf() {
            Ok(head) => head.starts_with(GZIP_MAGIC),
            Err(error) => return FileOutcome::Skipped(Skip::unreadable(error)),
        };
        let limit = self.limits.max_file_bytes;
        let parsed = if gzipped {
            let mut inflated = std::io::BufReader::new(flate2::bufread::MultiGzDecoder::new(input));
            format.read_stream(&mut inflated, path, limit, &self.fields)
        } else {
            format.read_stream(&mut input, path, limit, &self.fields)
        };
        self.finish(parsed, Vec::new())
    }

    /// The BLAKE3 hash of a file, read in pieces: how the index tells that a
    /// streamed file is unchanged without parsing it.
    pub fn hash_file(&self, path: &Path) -> Result<blake3::Hash, Skip> {
        let file = std::fs::File::open(path).map_err(Skip::unreadable)?;
        let mut hasher = blake3::Hasher::new();
        hasher.update_reader(file).map_err(Skip::unreadable)?;
        Ok(hasher.finalize())
    }

    /// A file's bytes, refusing files over the size limit. Split from parsing so
    /// that the index can tell an unchanged file by its hash without parsing it.
    pub fn read_bytes(&self, path: &Path) -> Result<Vec<u8>, Skip> {
        let mut file = std::fs::File::open(path).map_err(Skip::unreadable)?;
        let size = file.metadata().map_err(Skip::unreadable)?.len();
        if size > self.limits.max_file_bytes {
            return Err(Skip::TooLarge(format!(
                "file is {size} bytes, over the limit of {} (raise it with --max-file-size)",
                self.limits.max_file_bytes
            )));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        // Through `take`, which also stops a file that grew since its size
        // was read: a `File`'s own `read_to_end` would ask for the size and
        // position again (two more system calls per file).
        (&mut file)
            .take(self.limits.max_file_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(Skip::unreadable)?;
        if bytes.len() as u64 > self.limits.max_file_bytes {
            return Err(Skip::TooLarge(format!(
                "reading it gave more than the limit of {} bytes (raise it with --max-file-size)",
                self.limits.max_file_bytes
            )));
        }
        Ok(bytes)
    }

    /// Decodes the bytes of the file at `path` (gunzipping them first when
    /// they are gzip) and parses them as `format`.
    pub fn parse(&self, path: &Path, format: Format, bytes: &[u8]) -> FileOutcome {
        // Test builds only: a reader that panics on the file named, so that
        // tests can check a bug in a reader costs one file, not the run (#21).
        #[cfg(debug_assertions)]
        if std::env::var_os("MORGUE_TEST_PANIC_ON_FILE")
            .is_some_and(|name| path.file_name() == Some(name.as_os_str()))
        {
            panic!("deliberate panic for a test, on {}", path.display());
        }
        let gunzipped;
        let bytes = if bytes.starts_with(GZIP_MAGIC) {
            match gunzip(bytes, self.limits.max_file_bytes) {
                Ok(inflated) => {
                    gunzipped = inflated;
                    &gunzipped[..]
                }
                Err(reason) => return FileOutcome::Skipped(reason),
            }
        } else {
            bytes
        };
        let decoded = match decode(bytes) {
            Ok(decoded) => decoded,
            Err(reason) => return FileOutcome::Skipped(Skip::NotText(reason)),
        };
        let warnings: Vec<Warning> = decoded
            .note
            .into_iter()
            .map(|note| Warning::new(WarningKind::Decoding, note))
            .collect();
        self.finish(format.read(&decoded.text, path, &self.fields), warnings)
    }

    /// Applies the limits and checks every format shares to a parse.
    fn finish(&self, parsed: Result<Parsed, String>, mut warnings: Vec<Warning>) -> FileOutcome {
        match parsed {
            Ok(parsed) if parsed.articles.is_empty() && parsed.foreign.is_some() => {
                FileOutcome::Ignored(parsed.foreign.unwrap_or_default())
            }
            Ok(mut parsed) => {
                warnings.extend(parsed.warnings);
                for article in &mut parsed.articles {
                    warnings.extend(cap_story(article, self.limits.max_article_chars));
                    if let Some(Err(problem)) = article.date.map(dates::plausible) {
                        warnings.push(Warning::new(
                            WarningKind::Undated,
                            format!("\"{}\": {problem}; indexed undated", article.title),
                        ));
                        article.date = None;
                    }
                }
                FileOutcome::Read {
                    articles: parsed.articles,
                    warnings,
                    damaged: parsed.damaged,
                }
            }
            Err(reason) => FileOutcome::Skipped(Skip::NoStory(reason)),
        }
    }
}

/// What became of one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// Read: its articles, with anything odd that did not stop them being indexed.
    Read {
        /// The stories in the file.
        articles: Vec<Article>,
        /// Oddities worth telling the user (a lossy decode, a bad date).
        warnings: Vec<Warning>,
        /// Set when only part of the file could be read (a crawl cut short):
        /// what came before the damage is in `articles`, and the run's exit
        /// status says something was lost.
        damaged: Option<String>,
    },
    /// Not a dump morgue knows (a README, an image): left alone.
    Ignored(String),
    /// Meant to be a dump but unreadable: reported, and the run's exit status says so.
    Skipped(Skip),
}

/// A file or folder that could not even be listed.
#[derive(Debug, Clone)]
pub struct WalkProblem {
    /// Where the walk failed.
    pub path: PathBuf,
    /// Why.
    pub reason: Skip,
}

/// The files found under the given roots, in a stable order, and what could not be listed.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Candidate dump files, sorted by path so that runs are reproducible.
    pub files: Vec<PathBuf>,
    /// Folders or files that could not be listed (permissions, loops, vanished).
    pub problems: Vec<WalkProblem>,
}

/// Walks every root recursively, in path order (each folder's entries sorted
/// by name). Hidden files and folders (".git", ".DS_Store") are passed over,
/// and so is the folder `index_dir` when a root holds it (`morgue index .`
/// beside `./index` must not read the index's own files as dumps); symbolic
/// links are followed, and a loop is a reported problem.
pub fn discover(roots: &[PathBuf], index_dir: Option<&Path>) -> Discovery {
    let mut discovery = Discovery::default();
    let mut roots = roots.to_vec();
    roots.sort();
    let mut seen = std::collections::HashSet::new();
    for root in &roots {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0
                    || !(is_hidden(entry.file_name()) || Some(entry.path()) == index_dir)
            });
        let mut files = Vec::new();
        for entry in walker {
            match entry {
                Ok(entry) if entry.file_type().is_file() => {
                    // Overlapping roots ("corpus" and "corpus/2019") list a file once.
                    if seen.insert(entry.path().as_os_str().to_owned()) {
                        files.push(entry.into_path());
                    }
                }
                Ok(_) => {}
                Err(error) => discovery.problems.push(walk_problem(root, error)),
            }
        }
        // Sorted once, by a key compared byte by byte: walkdir's sorting by
        // name parses each path's components again for every comparison
        // (2% of a Reuters build's instructions, before any file is read).
        files.sort_by_cached_key(|path| path_order_key(path));
        discovery.files.extend(files);
    }
    discovery
}

/// A path's bytes with each separator made the least byte, which no name
/// holds: such keys sort as the paths' components do, so a folder's files
/// come together, in name order, before those of the next folder.
fn path_order_key(path: &Path) -> Vec<u8> {
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for byte in &mut key {
        if std::path::is_separator(char::from(*byte)) {
            *byte = 0;
        }
    }
    key
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|name| name.starts_with('.'))
}

fn walk_problem(root: &Path, error: walkdir::Error) -> WalkProblem {
    let path = error.path().unwrap_or(root).to_path_buf();
    let reason = if error.loop_ancestor().is_some() {
        "symbolic link loop".to_string()
    } else if let Some(io) = error.io_error() {
        io.to_string()
    } else {
        error.to_string()
    };
    WalkProblem {
        path,
        reason: Skip::Unreadable(reason),
    }
}

/// The article of a story whose dump marks no headline. A first paragraph
/// that reads as a headline is one, kept in the text by the dump; otherwise
/// the opening words stand in for one ([`Article::untitled`]). `None` when
/// there is no text.
fn without_marked_headline(mut body: Vec<String>, source: &Path) -> Option<Article> {
    if body.len() > 1 && shape::reads_as_headline(&body[0]) {
        let title = body.remove(0);
        return Some(Article::new(title, body, source.to_path_buf()));
    }
    Article::untitled(body, source.to_path_buf())
}

/// Up to five items of a list, and how many more: for warnings about many records.
fn first_few<T: std::fmt::Display>(items: &[T]) -> String {
    let shown: Vec<String> = items.iter().take(5).map(T::to_string).collect();
    match items.len() {
        0..=5 => shown.join(", "),
        more => format!("{} and {} more", shown.join(", "), more - 5),
    }
}

/// What follows `lead` at the start of `text`, compared ignoring ASCII case
/// ("By ", "Image caption", "Source:"): the labels every reader strips.
fn after_lead<'a>(text: &'a str, lead: &str) -> Option<&'a str> {
    text.get(..lead.len())
        .filter(|head| head.eq_ignore_ascii_case(lead))
        .map(|_| &text[lead.len()..])
}

/// Text with every run of whitespace made one space, ends trimmed: how
/// every reader gives headlines and paragraphs, whatever the page's layout.
fn single_spaced(text: &str) -> String {
    // Most text is spaced once already: copied as it is. (Every record field,
    // headline and paragraph passes here; the general way below was 15% of
    // reading a JSON Lines dump.)
    if crate::article::is_spaced_once(text) {
        return text.to_string();
    }
    let mut spaced = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        spaced.push_str(word);
    }
    spaced
}

/// Whether a file is a collection's own documentation (README.txt,
/// LICENSE.txt, CHANGES.txt…), which sits beside dumps and is never one.
fn is_documentation(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "README",
        "LICENSE",
        "LICENCE",
        "COPYING",
        "CHANGES",
        "CHANGELOG",
        "NOTICE",
        "AUTHORS",
        "CONTRIBUTING",
        "INSTALL",
        "MANIFEST",
        "SOURCE",
    ];
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| {
            let stem = stem.split('.').next().unwrap_or(stem);
            NAMES.iter().any(|name| name.eq_ignore_ascii_case(stem))
        })
}

/// Records or articles in one file from which their work is spread over every
/// core (rayon's pool): a file of fewer is read on its own thread, as handing
/// a few records to other threads costs more than reading them, and a build
/// of many files already keeps every core busy with one file each.
pub const SPREAD_FROM: usize = 1024;

/// Why a file no format claims is passed over.
pub const NOT_A_DUMP: &str = "not a dump format morgue reads";

/// Bumped whenever the readers take different articles out of the same file
/// (chrome, captions, dates, a new format): each file's record in the index
/// says which readers read it, and an update reads again every file an older
/// one read, so an archive gets the better reading without a rebuild.
pub const READER_VERSION: u32 = 4;

/// Keeps the first `max_chars` characters of a story's text (whole paragraphs,
/// then part of the one that crosses the limit), and says so.
fn cap_story(article: &mut Article, max_chars: usize) -> Option<Warning> {
    // A story has no more characters than bytes: most never need counting.
    let bytes: usize = article.body.iter().map(String::len).sum();
    if bytes <= max_chars {
        return None;
    }
    let total: usize = article
        .body
        .iter()
        .map(|paragraph| paragraph.chars().count())
        .sum();
    if total <= max_chars {
        return None;
    }
    let mut left = max_chars;
    let mut kept = Vec::new();
    for paragraph in article.body.drain(..) {
        if left == 0 {
            break;
        }
        let length = paragraph.chars().count();
        if length <= left {
            left -= length;
            kept.push(paragraph);
        } else {
            kept.push(paragraph.chars().take(left).collect());
            left = 0;
        }
    }
    article.body = kept;
    Some(Warning::new(
        WarningKind::StoryCut,
        format!(
        "story \"{}\" is {total} characters long; indexed the first {max_chars} (raise the limit with --max-article-chars)",
        article.title
    ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_single_spaced_the_same_on_the_quick_way_and_the_long() {
        for text in [
            "",
            "one",
            "Two words",
            " leading",
            "trailing ",
            "   ",
            "a  b",
            "tab\there",
            "line\nbreak\r\n",
            "no\u{a0}break space",
            "東京\u{3000}大阪",
            "café au lait",
            "\u{b}vertical\u{c}feed",
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(single_spaced(text), expected, "{text:?}");
        }
    }

    /// Names that sort differently as whole paths and as components ("a-c"
    /// before "a/b" byte by byte, after it by folder), hidden ones, nesting.
    #[test]
    fn files_are_found_in_folder_then_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "a/b.txt",
            "a-c.txt",
            "a.txt",
            "a/z/y.txt",
            "a/c.txt",
            "B.txt",
            "b/.hidden.txt",
            ".git/x.txt",
            "ab/a.txt",
            "é.txt",
        ];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let found: Vec<String> = discover(&[dir.path().to_path_buf()], None)
            .files
            .iter()
            .map(|path| {
                let relative = path.strip_prefix(dir.path()).unwrap();
                relative.to_string_lossy().into_owned()
            })
            .collect();
        assert_eq!(
            found,
            [
                "B.txt",
                "a/b.txt",
                "a/c.txt",
                "a/z/y.txt",
                "a-c.txt",
                "a.txt",
                "ab/a.txt",
                "é.txt"
            ]
        );
    }

    #[test]
    fn the_index_folder_inside_a_root_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let index = dir.path().join("index");
        std::fs::create_dir_all(index.join("gen-1")).unwrap();
        std::fs::write(index.join("gen-1/meta.json"), "{}").unwrap();
        std::fs::write(dir.path().join("story.txt"), "x").unwrap();
        let found = discover(&[dir.path().to_path_buf()], Some(&index)).files;
        assert_eq!(found, [dir.path().join("story.txt")]);
    }

    #[test]
    fn long_stories_are_capped_with_a_warning() {
        let mut article = Article::new(
            "Long".into(),
            vec!["abcd".into(), "efgh".into(), "ijkl".into()],
            "x.txt".into(),
        );
        assert!(cap_story(&mut article, 100).is_none());
        let warning = cap_story(&mut article, 6).unwrap();
        assert_eq!(article.body, vec!["abcd", "ef"]);
        assert_eq!(warning.kind, WarningKind::StoryCut);
        let warning = warning.to_string();
        assert!(warning.contains("12 characters") && warning.contains("--max-article-chars"));
    }

    #[test]
    fn files_over_the_size_limit_are_refused_with_the_flag_to_raise_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "x".repeat(100)).unwrap();
        let small = Reader {
            limits: Limits {
                max_file_bytes: 10,
                ..Limits::default()
            },
            ..Reader::default()
        };
        let refused = small.read_bytes(&path).unwrap_err();
        assert!(
            matches!(&refused, Skip::TooLarge(reason) if reason.contains("--max-file-size")),
            "{refused:?}"
        );
        assert_eq!(Reader::default().read_bytes(&path).unwrap().len(), 100);
    }

    /// A skipped file says which kind of trouble it was, in the words shown.
    #[test]
    fn skipped_files_say_what_kind_of_trouble() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let reader = Reader::default();
        let skipped = |path: &Path| match reader.read(path) {
            FileOutcome::Skipped(skip) => skip,
            other => panic!("{path:?} was not skipped: {other:?}"),
        };
        assert_eq!(
            skipped(&write("empty.txt", b"  \n")),
            Skip::NotText("empty file".into())
        );
        assert!(matches!(
            skipped(&write("torn.txt.gz", &[0x1f, 0x8b, 8, 0, 0])),
            Skip::NotText(_)
        ));
        let headless = skipped(&write("dated.txt", b"date 2019-12-10 World\n"));
        assert!(matches!(headless, Skip::NoStory(_)), "{headless:?}");
        assert_eq!(
            headless.to_string(),
            "no headline: the file ends after the date line"
        );
        assert!(matches!(
            skipped(&dir.path().join("gone.txt")),
            Skip::Unreadable(_)
        ));
    }

    /// A file whose size says nothing of what reading it gives (a device, a
    /// file still being written) is read no further than the limit.
    #[cfg(unix)]
    #[test]
    fn reading_stops_at_the_limit_whatever_the_size_said() {
        let small = Reader {
            limits: Limits {
                max_file_bytes: 1000,
                ..Limits::default()
            },
            ..Reader::default()
        };
        let refused = small.read_bytes(Path::new("/dev/zero")).unwrap_err();
        assert!(
            matches!(&refused, Skip::TooLarge(reason) if reason.contains("more than the limit of 1000")),
            "{refused:?}"
        );
    }

    #[test]
    fn format_is_claimed_by_extension_then_content_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let reader = Reader::default();
        let page = write("B.TXT", ".I 1\n.W\ntext\n");
        let records = write("cran.all.1400", "\n.I 1\n.T\ntitle\n.W\ntext\n");
        let readme = write("README.md", "# Notes\n");
        let license = write(
            "LICENSE.txt",
            "date 2019-12-10 World\n\nNot a story\n\nText.\n",
        );
        assert_eq!(reader.format_of(&license), Ok(None));
        assert_eq!(
            reader.format_of(&page).map(|found| found.map(Format::name)),
            Ok(Some("page"))
        );
        assert_eq!(
            reader
                .format_of(&records)
                .map(|found| found.map(Format::name)),
            Ok(Some("smart"))
        );
        assert_eq!(reader.format_of(&readme), Ok(None));
        let forced = Reader {
            format: Format::from_name("SMART"),
            ..Reader::default()
        };
        assert_eq!(
            forced
                .format_of(&readme)
                .map(|found| found.map(Format::name)),
            Ok(Some("smart"))
        );
        assert!(reader.format_of(&dir.path().join("gone")).is_err());
    }
}
