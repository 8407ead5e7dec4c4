//! The domain model: one news story as a reader knows it, independent of any
//! dump format (ingest produces it) and of tantivy (index stores it).

use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod folded_hash;
pub(crate) use folded_hash::{hash_day, hash_folded, is_spaced_once};

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
fn opening_words(text: &str) -> String {
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
