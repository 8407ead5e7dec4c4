//! The domain model: one news story as a reader knows it, independent of any
//! dump format (ingest produces it) and of tantivy (index stores it).

use std::fmt;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One story: what a journalist would cite, with the page chrome already gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identity; see [`ArticleId`].
    pub id: ArticleId,
    /// The number the source collection gave the record (a SMART `.I`, a
    /// Reuters `NEWID`): relevance judgments and other tools cite it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docno: Option<String>,
    /// The page's address, when the dump knows it.
    pub url: Option<String>,
    /// Publication day; `None` when the dump has no usable date.
    pub date: Option<NaiveDate>,
    /// Where the paper filed it, e.g. "National / Politics".
    pub section: Option<Section>,
    /// The headline.
    pub title: String,
    /// Whether the dump gave the headline or the story's opening words stand
    /// in for one.
    #[serde(default, skip_serializing_if = "TitleOrigin::is_given")]
    pub title_origin: TitleOrigin,
    /// The writer or the wire ("Kyodo", "Jane Doe, Reuters").
    pub byline: Option<String>,
    /// The story's own paragraphs, in order.
    pub body: Vec<String>,
    /// Captions of this story's own photos (never those of teased stories).
    pub captions: Vec<String>,
    /// Topic tags the page carried.
    pub tags: Vec<String>,
    /// The dump file the story was read from.
    pub source: PathBuf,
}

impl Article {
    /// A story with its headline, text and file; a format sets what else its
    /// dump knows, then calls [`Article::identified`].
    pub fn new(title: String, body: Vec<String>, source: PathBuf) -> Article {
        Article {
            id: ArticleId(String::new()),
            docno: None,
            url: None,
            date: None,
            section: None,
            title,
            title_origin: TitleOrigin::Given,
            byline: None,
            body,
            captions: Vec::new(),
            tags: Vec::new(),
            source,
        }
    }

    /// A story whose dump gives it no headline: its opening words are shown
    /// in place of one. `None` when it has no text either.
    pub fn untitled(body: Vec<String>, source: PathBuf) -> Option<Article> {
        let title = opening_words(body.first()?);
        let mut article = Article::new(title, body, source);
        article.title_origin = TitleOrigin::Opening;
        Some(article)
    }

    /// Gives the story its id, derived from the fields set so far.
    pub fn identified(mut self) -> Article {
        self.id = ArticleId::derive(&self);
        self
    }

    /// The body as one text, paragraphs separated by blank lines (how it is stored).
    pub fn body_text(&self) -> String {
        self.body.join("\n\n")
    }
}

/// Where a headline came from. A story's opening words are a label for a
/// list of results, not a headline: searched as one, they would lift every
/// story that merely opens on a query's words (a magazine piece opening on a
/// scene, an anecdote), so they are shown but searched only as the text they
/// are (docs/BENCHMARKS.md, session 16).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleOrigin {
    /// The dump gave it.
    #[default]
    Given,
    /// The dump gave none: the first words of the story stand in.
    Opening,
}

impl TitleOrigin {
    fn is_given(&self) -> bool {
        *self == TitleOrigin::Given
    }
}

/// How many of a story's first words stand in for a headline it lacks.
const OPENING_WORDS: usize = 12;

/// The first words of `text`, to stand in for a headline.
pub fn opening_words(text: &str) -> String {
    text.split_whitespace()
        .take(OPENING_WORDS)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A short stable identifier: the same story always gets the same id, whichever
/// file or scrape it came from, so re-ingesting replaces instead of duplicating.
///
/// It is the first 64 bits of a BLAKE3 hash, hex-encoded: of the record number
/// and headline when the collection numbers its records, else of the URL when
/// the dump has one (a URL names a story), otherwise of the date, headline and
/// body with case and spacing folded (page chrome, which changes between
/// scrapes of the same page, is not part of it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(String);

impl ArticleId {
    /// Derives the id of a story from what identifies it (its own `id` is ignored).
    pub fn derive(article: &Article) -> Self {
        let mut hasher = blake3::Hasher::new();
        if let Some(docno) = &article.docno {
            hasher.update(b"docno\0");
            hasher.update(docno.trim().as_bytes());
            hasher.update(b"\0");
            hash_folded(&mut hasher, &article.title);
        } else if let Some(url) = &article.url {
            hasher.update(b"url\0");
            hasher.update(url.trim().as_bytes());
        } else {
            hasher.update(b"text\0");
            if let Some(date) = article.date {
                hash_day(&mut hasher, date);
            }
            hasher.update(b"\0");
            hash_folded(&mut hasher, &article.title);
            for paragraph in &article.body {
                hasher.update(b"\0");
                hash_folded(&mut hasher, paragraph);
            }
        }
        let digest = hasher.finalize();
        let mut first = [0; 8];
        first.copy_from_slice(&digest.as_bytes()[..8]);
        ArticleId(format!("{:016x}", u64::from_be_bytes(first)))
    }

    /// Wraps an id read back from the index or typed by a user.
    pub fn from_string(id: impl Into<String>) -> Self {
        ArticleId(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id as the number its 16 hex digits spell, for the index's numeric
    /// column (read in nanoseconds, where a text column must decompress a
    /// dictionary block per lookup). `None` for an id of another shape.
    pub fn number(&self) -> Option<u64> {
        if self.0.len() != 16 {
            return None;
        }
        u64::from_str_radix(&self.0, 16).ok()
    }

    /// The id whose [`number`](Self::number) this is.
    pub fn from_number(number: u64) -> Self {
        ArticleId(format!("{number:016x}"))
    }
}

/// Feeds `text` to the hasher lowercased with runs of whitespace folded to one
/// space, so that re-flowed or re-cased copies of a story hash alike. Every
/// story is hashed this way two or three times per build, so text is folded
/// through a small buffer instead of word by word into a string.
pub(crate) fn hash_folded(hasher: &mut blake3::Hasher, text: &str) {
    let mut buffer = FoldBuffer {
        hasher,
        bytes: [0; 1024],
        len: 0,
        begun: false,
    };
    let bytes = text.as_bytes();
    // `char::is_whitespace` on ASCII: tab to carriage return, and space.
    let is_space = |byte: u8| matches!(byte, b'\t'..=b'\r' | b' ');
    // Most paragraphs are ASCII with single spaces between words already:
    // folding them is lowercasing them, which runs on whole slices.
    let unusual = bytes.iter().fold(false, |unusual, &byte| {
        unusual | !byte.is_ascii() | (is_space(byte) & (byte != b' '))
    });
    if !unusual
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && memchr::memmem::find(bytes, b"  ").is_none()
    {
        buffer.push_lowercase(bytes);
        buffer.flush();
        return;
    }
    let mut space_due = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if is_space(byte) {
            space_due = buffer.begun;
            at += 1;
            continue;
        }
        if byte.is_ascii() {
            let end = bytes[at..]
                .iter()
                .position(|&byte| !byte.is_ascii() || is_space(byte))
                .map_or(bytes.len(), |length| at + length);
            buffer.space_if(&mut space_due);
            buffer.push_lowercase(&bytes[at..end]);
            at = end;
            continue;
        }
        let Some(ch) = text[at..].chars().next() else {
            break;
        };
        at += ch.len_utf8();
        if ch.is_whitespace() {
            space_due = buffer.begun;
            continue;
        }
        buffer.space_if(&mut space_due);
        for lower in ch.to_lowercase() {
            buffer.push_lowercase(lower.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    buffer.flush();
}

/// Folded bytes on their way to a hasher (one `update` per kilobyte, not
/// per word).
struct FoldBuffer<'h> {
    hasher: &'h mut blake3::Hasher,
    bytes: [u8; 1024],
    len: usize,
    /// Whether a word has been pushed: spaces go between words only.
    begun: bool,
}

impl FoldBuffer<'_> {
    /// Appends bytes with ASCII letters lowercased (other bytes as they are).
    fn push_lowercase(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.len == self.bytes.len() {
                self.flush();
            }
            let take = bytes.len().min(self.bytes.len() - self.len);
            let room = &mut self.bytes[self.len..self.len + take];
            room.copy_from_slice(&bytes[..take]);
            room.make_ascii_lowercase();
            self.len += take;
            bytes = &bytes[take..];
        }
        self.begun = true;
    }

    /// The one space between two words, owed since the last word ended.
    fn space_if(&mut self, due: &mut bool) {
        if std::mem::take(due) {
            self.push_lowercase(b" ");
        }
    }

    fn flush(&mut self) {
        self.hasher.update(&self.bytes[..self.len]);
        self.len = 0;
    }
}

/// Feeds a day to the hasher as `YYYY-MM-DD` (what `NaiveDate`'s `Display`
/// writes for the years news is from), without a formatter per story.
pub(crate) fn hash_day(hasher: &mut blake3::Hasher, day: NaiveDate) {
    let (year, month, date) = (day.year(), day.month(), day.day());
    if !(0..=9999).contains(&year) {
        hasher.update(day.to_string().as_bytes());
        return;
    }
    let year = year as u32;
    let text = [
        b'0' + (year / 1000 % 10) as u8,
        b'0' + (year / 100 % 10) as u8,
        b'0' + (year / 10 % 10) as u8,
        b'0' + (year % 10) as u8,
        b'-',
        b'0' + (month / 10) as u8,
        b'0' + (month % 10) as u8,
        b'-',
        b'0' + (date / 10) as u8,
        b'0' + (date % 10) as u8,
    ];
    hasher.update(&text);
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A section path such as "Business / Markets": a newsroom files stories in a
/// tree, and a reader filters by any level of it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", from = "String")]
pub struct Section(Vec<String>);

impl Section {
    /// Parses "National / Politics" (also with `>`, `»` or `|` between levels);
    /// `None` when nothing is left after trimming.
    pub fn parse(text: &str) -> Option<Self> {
        let parts: Vec<String> = text
            .split(['/', '>', '»', '|'])
            .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|part| !part.is_empty())
            .collect();
        (!parts.is_empty()).then_some(Section(parts))
    }

    /// The levels, outermost first.
    pub fn levels(&self) -> &[String] {
        &self.0
    }

    /// The keys a `--section` filter matches: every level on its own and the
    /// whole path, lowercased ("national", "politics", "national / politics").
    pub fn filter_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.0.iter().map(|level| level.to_lowercase()).collect();
        if self.0.len() > 1 {
            keys.push(self.to_string().to_lowercase());
        }
        keys
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" / "))
    }
}

impl From<Section> for String {
    fn from(section: Section) -> String {
        section.to_string()
    }
}

impl From<String> for Section {
    fn from(text: String) -> Section {
        Section::parse(&text).unwrap_or(Section(vec![text]))
    }
}

/// Normalises a user's `--section` value the way [`Section::filter_keys`] does.
pub fn section_filter_key(text: &str) -> String {
    match Section::parse(text) {
        Some(section) => section.to_string().to_lowercase(),
        None => text.trim().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_levels_and_keys() {
        let section = Section::parse(" National /Politics ").unwrap();
        assert_eq!(section.to_string(), "National / Politics");
        assert_eq!(
            section.filter_keys(),
            vec!["national", "politics", "national / politics"]
        );
        assert_eq!(
            section_filter_key("national/politics"),
            "national / politics"
        );
        assert!(Section::parse(" / ").is_none());
    }

    #[test]
    fn id_ignores_case_and_spacing_but_not_words() {
        let story = |title: &str, body: &str, day: Option<u32>| {
            let mut article = Article::new(title.into(), vec![body.into()], "a.txt".into());
            article.date = day.and_then(|day| NaiveDate::from_ymd_opt(2019, 12, day));
            article.identified().id
        };
        let id = story("Talks", "Motegi will  visit Moscow.", Some(10));
        assert_eq!(id, story("TALKS", "motegi will visit\nMoscow.", Some(10)));
        assert_ne!(id, story("Talks", "Motegi will visit Tokyo.", Some(10)));
        assert_ne!(id, story("Talks", "Motegi will  visit Moscow.", None));
        assert_eq!(id.as_str().len(), 16);
    }

    #[test]
    fn folding_streams_what_splitting_into_lowercased_words_gives() {
        let reference = |text: &str| {
            let words: Vec<String> = text
                .split_whitespace()
                .map(|word| word.chars().flat_map(char::to_lowercase).collect())
                .collect();
            blake3::hash(words.join(" ").as_bytes())
        };
        let long = "Word ".repeat(700);
        for text in [
            "",
            "   ",
            " Motegi  WILL\tvisit\n\nMoscow. ",
            "\u{a0}Élysée\u{2003}ΣΟΦΙΑ İstanbul\u{0b}x ",
            "東京 都庁\r\nend",
            "Plain Text Of A Story, Spaced As Most Are.",
            "Split\tby a tab,\na newline\rand\x0bothers",
            long.as_str(),
            long.trim_end(),
        ] {
            let mut hasher = blake3::Hasher::new();
            hash_folded(&mut hasher, text);
            assert_eq!(hasher.finalize(), reference(text), "{text:?}");
        }
    }

    #[test]
    fn days_hash_as_they_display() {
        for (year, month, day) in [
            (1987, 3, 1),
            (2019, 12, 31),
            (33, 1, 9),
            (-44, 3, 15),
            (12000, 1, 1),
        ] {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                continue;
            };
            let mut hasher = blake3::Hasher::new();
            hash_day(&mut hasher, date);
            assert_eq!(hasher.finalize(), blake3::hash(date.to_string().as_bytes()));
        }
    }

    #[test]
    fn url_is_the_identity_when_known() {
        let page = |title: &str| {
            let mut article = Article::new(title.into(), vec![], "a.txt".into());
            article.url = Some("https://example.com/a".into());
            article.identified().id
        };
        assert_eq!(page("One"), page("Two"));
    }

    #[test]
    fn numbered_records_with_one_text_stay_apart() {
        let record = |docno: &str| {
            let mut article = Article::new("Same".into(), vec!["Same.".into()], "a".into());
            article.docno = Some(docno.into());
            article.identified().id
        };
        assert_ne!(record("1"), record("2"));
        assert_eq!(record("1"), record(" 1"));
    }
}
