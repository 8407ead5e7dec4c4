//! One result per story (issue #22): the wire copies among ranked matches
//! fold into their best-ranked one, which then lists every copy of its story
//! the archive holds within the request's filters. What makes two articles
//! copies is `index::fingerprint`'s to say; this module only reads the
//! fingerprints the index keeps and asks it.

use std::collections::HashSet;

use chrono::NaiveDate;
use tantivy::collector::DocSetCollector;
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, Searcher, TantivyDocument};

use super::{date_column, filtered, find, SearchRequest};
use crate::article::{Article, ArticleId};
use crate::error::Result;
use crate::index::fingerprint::{are_copies, Fingerprint};
use crate::index::schema::day_of;
use crate::index::{Archive, Fields};

/// A candidate term held by more articles than this is boilerplate that won
/// a slot (a stock phrase with a small hash), not a story: the other terms
/// still find the copies, without verifying thousands of articles.
const MAX_BAND_ARTICLES: u64 = 5_000;

/// Another printing of a hit's story, as a search lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryCopy {
    /// For `morgue show`.
    pub id: ArticleId,
    /// Its own headline.
    pub title: String,
    /// Publication day.
    pub date: Option<NaiveDate>,
    /// Section path.
    pub section: Option<String>,
    /// Writer or wire, as this outlet printed it.
    pub byline: Option<String>,
    /// Page URL, when known.
    pub url: Option<String>,
}

impl From<Article> for StoryCopy {
    fn from(article: Article) -> Self {
        StoryCopy {
            id: article.id,
            title: article.title,
            date: article.date,
            section: article.section.map(|section| section.to_string()),
            byline: article.byline,
            url: article.url,
        }
    }
}

/// A story among ranked matches: its best-ranked match, and the copies of it
/// ranked below.
#[derive(Debug)]
pub(super) struct Story<T> {
    pub first: T,
    pub others: Vec<DocAddress>,
}

/// The fingerprints and days the index keeps, per segment.
pub(super) struct Prints {
    columns: Vec<SegmentPrints>,
}

/// One segment's fingerprint and date columns (absent in an empty segment).
type SegmentPrints = (Option<Column<u64>>, Option<Column<tantivy::DateTime>>);

impl Prints {
    pub fn new(searcher: &Searcher) -> Prints {
        let columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| {
                let prints = segment.fast_fields().u64("fingerprint").ok();
                (prints, date_column(segment))
            })
            .collect();
        Prints { columns }
    }

    /// The fingerprint and day of an article; `None` for a text too short to
    /// have a fingerprint.
    pub fn of(&self, address: DocAddress) -> Option<(Fingerprint, Option<NaiveDate>)> {
        let (prints, dates) = self.columns.get(address.segment_ord as usize)?;
        let print = Fingerprint::from_words(prints.as_ref()?.values_for_doc(address.doc_id))?;
        let day = dates.as_ref().and_then(|dates| dates.first(address.doc_id));
        Some((print, day.map(day_of)))
    }
}

/// Folds ranked matches into stories, keeping their order: a match joins
/// the first story above it whose first match it is a copy of.
pub(super) fn fold<T>(
    prints: &Prints,
    ranked: impl IntoIterator<Item = T>,
    address: impl Fn(&T) -> DocAddress,
) -> Vec<Story<T>> {
    let mut stories: Vec<Story<T>> = Vec::new();
    let mut firsts: Vec<(usize, Fingerprint, Option<NaiveDate>)> = Vec::new();
    for item in ranked {
        let at = address(&item);
        if let Some((print, day)) = prints.of(at) {
            let story = firsts
                .iter()
                .find(|(_, first, first_day)| are_copies((first, *first_day), (&print, day)))
                .map(|(story, _, _)| *story);
            if let Some(story) = story {
                stories[story].others.push(at);
                continue;
            }
            firsts.push((stories.len(), print, day));
        }
        stories.push(Story {
            first: item,
            others: Vec::new(),
        });
    }
    stories
}

/// Every copy of `article` (at `address`) in the archive that passes the
/// request's filters, oldest first, with those already `folded` under it;
/// `claimed` are articles shown elsewhere on the page, never listed here.
pub(super) fn listed(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
    prints: &Prints,
    (article, address): (&Article, DocAddress),
    folded: &[DocAddress],
    claimed: &HashSet<DocAddress>,
) -> Result<Vec<StoryCopy>> {
    let mut found: Vec<DocAddress> = folded.to_vec();
    if let Some(print) = Fingerprint::of(article) {
        for candidate in candidates(searcher, fields, request, &print)? {
            if candidate == address || found.contains(&candidate) || claimed.contains(&candidate) {
                continue;
            }
            if let Some((theirs, day)) = prints.of(candidate) {
                if are_copies((&print, article.date), (&theirs, day)) {
                    found.push(candidate);
                }
            }
        }
    }
    let mut copies = Vec::with_capacity(found.len());
    for at in found {
        let doc: TantivyDocument = searcher.doc(at)?;
        copies.push(StoryCopy::from(fields.to_article(&doc)));
    }
    copies.sort_by(|a, b| (a.date, &a.title, &a.id).cmp(&(b.date, &b.title, &b.id)));
    Ok(copies)
}

/// The articles within the request's filters that share a candidate term
/// with `print`.
fn candidates(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
    print: &Fingerprint,
) -> Result<HashSet<DocAddress>> {
    let mut bands: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for band in print.bands() {
        let term = Term::from_field_u64(fields.copy_bands, band);
        if searcher.doc_freq(&term)? <= MAX_BAND_ARTICLES {
            let query = TermQuery::new(term, IndexRecordOption::Basic);
            bands.push((Occur::Should, Box::new(query)));
        }
    }
    if bands.is_empty() {
        return Ok(HashSet::new());
    }
    let query = filtered(Box::new(BooleanQuery::new(bands)), fields, request);
    Ok(searcher.search(&query, &DocSetCollector)?)
}

/// Whether the article at `address` is a copy of `article`.
pub(super) fn is_copy_of(
    prints: &Prints,
    article: (&Fingerprint, Option<NaiveDate>),
    address: DocAddress,
) -> bool {
    prints
        .of(address)
        .is_some_and(|(print, day)| are_copies(article, (&print, day)))
}

/// Every copy of one article (by morgue's id or the collection's record
/// number) in the archive, oldest first: what `morgue show` lists.
pub fn copies_of(archive: &Archive, id: &str) -> Result<Vec<StoryCopy>> {
    let searcher = archive.searcher();
    let fields = archive.fields();
    let address = find(&searcher, fields, id)?;
    let doc: TantivyDocument = searcher.doc(address)?;
    let article = fields.to_article(&doc);
    let everything = SearchRequest::new("");
    let prints = Prints::new(&searcher);
    let shown = (&article, address);
    listed(
        &searcher,
        fields,
        &everything,
        &prints,
        shown,
        &[],
        &HashSet::new(),
    )
}
