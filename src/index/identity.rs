//! When two dumps hold "the same story" (issue #3), and which version wins.
//!
//! - **Same text**: the same [`ContentHash`] (headline and body with case and
//!   spacing folded; page chrome never counts). A story scraped twice, in any
//!   batch or under any file name, is one article.
//! - **Revised**: the same URL, or, without URLs, the same day and headline
//!   ([`StoryKey`]) and bodies that share at least [`SAME_STORY_OVERLAP`] of
//!   the shorter one's three-word sequences. A correction changes a few words
//!   of a story; two different stories under one recurring headline ("PROPOSED
//!   OFFERINGS RECENTLY FILED WITH THE SEC") share little beyond it, and a
//!   headline and a day alone never make two stories one.
//! - **Newer**: see [`Version::is_newer_than`].

use std::cmp::Ordering;
use std::hash::Hasher;
use std::path::PathBuf;

use rustc_hash::{FxHashSet, FxHasher};

use crate::article::{hash_day, hash_folded, Article};

/// Share of the shorter body's word trigrams that the other body must also
/// hold for two same-day, same-headline dumps to be versions of one story.
/// Revisions in real scrapes add or fix a sentence (overlap near 1.0);
/// distinct stories sharing a headline in Reuters-21578 mostly overlap below 0.8.
pub const SAME_STORY_OVERLAP: f64 = 0.9;

/// Identifies the text of a story (what must be equal for two dumps to be one article).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ContentHash(pub [u8; 16]);

impl ContentHash {
    /// The hash's first eight bytes as a number, for a fast column.
    pub fn number(&self) -> u64 {
        let mut first = [0; 8];
        first.copy_from_slice(&self.0[..8]);
        u64::from_le_bytes(first)
    }

    /// Hashes the record number, the headline, the date and the body, folded
    /// like [`crate::ArticleId`]: two numbered records are two articles even
    /// when their texts agree.
    pub fn of(article: &Article) -> Self {
        let mut hasher = blake3::Hasher::new();
        if let Some(docno) = &article.docno {
            hasher.update(docno.trim().as_bytes());
        }
        hasher.update(b"\0");
        hash_day_and_headline(&mut hasher, article);
        for paragraph in &article.body {
            hasher.update(b"\0");
            hash_folded(&mut hasher, paragraph);
        }
        let mut first = [0; 16];
        first.copy_from_slice(&hasher.finalize().as_bytes()[..16]);
        ContentHash(first)
    }
}

/// Groups the dumps that may be versions of one story: the record number or
/// the URL when known, otherwise the day and the headline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoryKey(pub u64);

impl StoryKey {
    /// The key of an article.
    pub fn of(article: &Article) -> Self {
        let mut hasher = blake3::Hasher::new();
        if let Some(docno) = &article.docno {
            hasher.update(b"docno\0");
            hasher.update(docno.trim().as_bytes());
        } else if let Some(url) = &article.url {
            hasher.update(b"url\0");
            hasher.update(url.trim().as_bytes());
        } else {
            hasher.update(b"day+headline\0");
            hash_day_and_headline(&mut hasher, article);
        }
        let digest = hasher.finalize();
        let mut first = [0; 8];
        first.copy_from_slice(&digest.as_bytes()[..8]);
        StoryKey(u64::from_le_bytes(first))
    }
}

fn hash_day_and_headline(hasher: &mut blake3::Hasher, article: &Article) {
    if let Some(date) = article.date {
        hash_day(hasher, date);
    }
    hasher.update(b"\0");
    hash_folded(hasher, &article.title);
}

/// Whether two articles with the same [`StoryKey`] are versions of one story.
pub fn same_story(a: &Article, b: &Article) -> bool {
    if (a.docno.is_some() && a.docno == b.docno) || (a.url.is_some() && a.url == b.url) {
        return true;
    }
    let (first, second) = (trigrams(&a.body), trigrams(&b.body));
    let shorter = first.len().min(second.len());
    if shorter == 0 {
        return first.len() == second.len();
    }
    let shared = first.intersection(&second).count();
    shared as f64 / shorter as f64 >= SAME_STORY_OVERLAP
}

/// When and from where a version was scraped, to tell which of two versions is newer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// The dump file's modification time, in whole seconds since the epoch.
    pub modified_secs: i64,
    /// The dump file.
    pub path: PathBuf,
}

impl Version {
    /// Decides which of two versions of a story is the revision, in order:
    /// 1. a file rewritten in place holds its own latest version;
    /// 2. the version whose text holds all of the other's and more (updates add
    ///    a correction or a paragraph; they rarely only delete), a signal that
    ///    survives copying, unlike file times;
    /// 3. the file written later (modification time, to the second: copies made
    ///    in one go tie, and then say nothing);
    /// 4. the later path in sort order (scrape folders are named by date).
    ///
    /// The rule depends only on the two versions, never on which was indexed
    /// first, so batch-by-batch and one-shot builds agree.
    pub fn is_newer_than(&self, mine: &Article, other: &Version, theirs: &Article) -> bool {
        if self.path == other.path {
            return true;
        }
        let (my_words, their_words) = (trigrams(&mine.body), trigrams(&theirs.body));
        match (
            my_words.is_superset(&their_words),
            their_words.is_superset(&my_words),
        ) {
            (true, false) => return true,
            (false, true) => return false,
            _ => {}
        }
        match self.modified_secs.cmp(&other.modified_secs) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => self.path > other.path,
        }
    }
}

/// The set of consecutive word triples of a body (words: alphanumeric runs,
/// lowercased), each triple as a 64-bit hash; a body of one or two words is
/// padded to one triple. Hashes instead of three owned strings per triple:
/// every same-day, same-headline pair of dumps is compared this way.
fn trigrams(body: &[String]) -> FxHashSet<u64> {
    let word_hash = |word: &str| {
        let mut hasher = FxHasher::default();
        for ch in word.chars().flat_map(char::to_lowercase) {
            hasher.write_u32(u32::from(ch));
        }
        hasher.finish()
    };
    let mut words: Vec<u64> = body
        .iter()
        .flat_map(|paragraph| paragraph.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .map(word_hash)
        .collect();
    if words.is_empty() {
        return FxHashSet::default();
    }
    while words.len() < 3 {
        words.push(word_hash(""));
    }
    words
        .windows(3)
        .map(|triple| {
            let mut hasher = FxHasher::default();
            triple.iter().for_each(|&word| hasher.write_u64(word));
            hasher.finish()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn article(title: &str, body: &[&str]) -> Article {
        let body: Vec<String> = body.iter().map(|p| p.to_string()).collect();
        let mut article = Article::new(title.into(), body, "a.txt".into());
        article.date = NaiveDate::from_ymd_opt(1987, 3, 2);
        article
    }

    fn version(secs: i64, path: &str) -> Version {
        Version {
            modified_secs: secs,
            path: path.into(),
        }
    }

    const TABLE: &str = "Shr 81 cts vs 57 cts Net 3,660,273 vs 2,437,914 Revs 28.5 mln vs 23.1 mln Six mths Shr 29 cts vs 12 cts";

    #[test]
    fn a_correction_note_is_a_revision_and_the_longer_version_wins() {
        let original = article("S-K-I LTD 2ND QTR NET", &[TABLE]);
        let revised = article(
            "s-k-i ltd 2nd qtr net",
            &[
                TABLE,
                "(This story was updated with a correction to the figures.)",
            ],
        );
        assert_eq!(StoryKey::of(&original), StoryKey::of(&revised));
        assert_ne!(ContentHash::of(&original), ContentHash::of(&revised));
        assert!(same_story(&original, &revised));
        // Same second, revised sorts first by path: the content decides.
        let (old, new) = (version(100, "b/2.txt"), version(100, "a/1.txt"));
        assert!(new.is_newer_than(&revised, &old, &original));
        assert!(!old.is_newer_than(&original, &new, &revised));
        // Text that adds to the other version beats a later file time.
        assert!(!version(200, "a").is_newer_than(&original, &version(100, "z"), &revised));
        // Without such a sign, the later file time decides.
        let refigured = article(
            "S-K-I LTD 2ND QTR NET",
            &[&TABLE.replace("81 cts", "82 cts")],
        );
        assert!(version(200, "a").is_newer_than(&refigured, &version(100, "z"), &original));
        assert!(!version(100, "z").is_newer_than(&refigured, &version(200, "a"), &original));
    }

    #[test]
    fn different_stories_under_one_headline_stay_apart() {
        let title = "PROPOSED OFFERINGS RECENTLY FILED WITH THE SEC";
        let first = article(
            title,
            &["Acme Corp filed for 50 mln dlrs of debentures due 2017 through Smith Barney."],
        );
        let second = article(
            title,
            &["Widget Inc filed for an offering of two mln common shares through Drexel Burnham."],
        );
        assert_eq!(StoryKey::of(&first), StoryKey::of(&second));
        assert!(!same_story(&first, &second));
    }

    #[test]
    fn same_text_is_one_article_whatever_the_spacing() {
        let a = article("Title", &["One two  three four."]);
        let b = article("TITLE", &["one two three four."]);
        assert_eq!(ContentHash::of(&a), ContentHash::of(&b));
    }

    #[test]
    fn a_file_rewritten_in_place_holds_the_newer_version() {
        let a = article("T", &["Samples from the asteroid Ryugu landed."]);
        let b = article("T", &["Samples from the asteroid Ryugu (162173) landed."]);
        assert!(version(5, "x.txt").is_newer_than(&b, &version(5, "x.txt"), &a));
    }

    #[test]
    fn equal_versions_fall_back_to_path_order() {
        let a = article("T", &["Rates rose by a quarter point on Monday."]);
        let b = article("T", &["Rates rose by a quarter point on Monday!"]);
        assert!(version(5, "scrape-1987-04/x.txt").is_newer_than(
            &b,
            &version(5, "scrape-1987-03/y.txt"),
            &a
        ));
    }
}
