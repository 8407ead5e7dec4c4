//! One result per story (issue #22): the wire copies among ranked matches
//! fold into their best-ranked one, which then lists every copy of its story
//! the archive holds within the request's filters. What makes two articles
//! copies is `index::fingerprint`'s to say; this module only reads the
//! fingerprints the index keeps and asks it.

use std::collections::HashSet;

use chrono::NaiveDate;
use tantivy::columnar::Column;
use tantivy::query::{AllQuery, EnableScoring, Query};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, TERMINATED};

use super::highlight::Highlighter;
use super::{date_column, filtered, find, Hit, SearchRequest};
use crate::article::{Article, ArticleId};
use crate::error::{Error, Result};
use crate::index::days::day_of;
use crate::index::fingerprint::{are_copies, ran_close, Fingerprint};
use crate::index::{Archive, Fields};

/// A candidate term held by more articles than this in one segment is
/// boilerplate that won a slot (a stock phrase with a small hash), not one
/// story's printings: the other terms still find the copies. Each candidate
/// costs reads at random places in the date and fingerprint columns; at a
/// million articles recombined from shared paragraphs, a page of ten had up
/// to 2,000 candidates under a bound of 5,000, and listing their copies
/// doubled the search. A story printed more than 100 times in one segment
/// has the copies beyond these listed only when they rank beside it.
const MAX_BAND_ARTICLES: u64 = 100;

/// Matches folded into stories, from the top: each is compared with every
/// story above it, so a page a hundred thousand matches deep would cost
/// billions of comparisons (and hold a search thread for minutes). Pages
/// that deep list every article below this on its own.
const FOLDED_AT_MOST: usize = 2_000;

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
        Some((self.print(address)?, self.day(address)))
    }

    fn print(&self, address: DocAddress) -> Option<Fingerprint> {
        let (prints, _) = self.columns.get(address.segment_ord as usize)?;
        Fingerprint::from_words(prints.as_ref()?.values_for_doc(address.doc_id))
    }

    fn day(&self, address: DocAddress) -> Option<NaiveDate> {
        let (_, dates) = self.columns.get(address.segment_ord as usize)?;
        let day = dates.as_ref().and_then(|dates| dates.first(address.doc_id));
        day.map(day_of)
    }
}

/// Folds ranked matches into stories, keeping their order: a match joins
/// the first story above it whose first match it is a copy of. Only the
/// first [`FOLDED_AT_MOST`] matches are folded; those below stand alone.
pub(super) fn fold<T>(
    prints: &Prints,
    ranked: impl IntoIterator<Item = T>,
    address: impl Fn(&T) -> DocAddress,
) -> Vec<Story<T>> {
    let mut stories: Vec<Story<T>> = Vec::new();
    let mut firsts: Vec<(usize, Fingerprint, Option<NaiveDate>)> = Vec::new();
    for (rank, item) in ranked.into_iter().enumerate() {
        let at = address(&item);
        let print = (rank < FOLDED_AT_MOST).then(|| prints.of(at)).flatten();
        if let Some((print, day)) = print {
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

/// A story on a page: where its first match is, its rank, score and tier,
/// and the copies of it folded under it there.
pub(super) struct OnPage {
    pub address: DocAddress,
    pub rank: usize,
    pub score: f32,
    pub all_words: bool,
    pub folded: Vec<DocAddress>,
}

/// The hits of a page: each story's first match loaded and cut into a
/// snippet, with every copy of it listed (`prints`; `None` when every copy is
/// a hit of its own). An article on the page, or in `never`, is never listed
/// as another's copy.
pub(super) fn hits(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
    highlighter: &Highlighter,
    (prints, never): (Option<&Prints>, &[DocAddress]),
    page: Vec<OnPage>,
) -> Result<Vec<Hit>> {
    let mut articles = Vec::with_capacity(page.len());
    for story in &page {
        let doc: TantivyDocument = searcher.doc(story.address)?;
        articles.push(fields.to_article(&doc));
    }
    let copies = match prints {
        Some(prints) => {
            let shown: Vec<(&Article, DocAddress, &[DocAddress])> = page
                .iter()
                .zip(&articles)
                .map(|(story, article)| (article, story.address, story.folded.as_slice()))
                .collect();
            listed(searcher, fields, request, prints, &shown, never)?
        }
        None => vec![Vec::new(); page.len()],
    };
    Ok(page
        .into_iter()
        .zip(articles)
        .zip(copies)
        .map(|((story, article), copies)| {
            let mut hit = highlighter.hit(article, story.rank, story.score, story.all_words);
            hit.copies = copies;
            hit
        })
        .collect())
}

/// For each article shown on a page (with the copies folded under it there),
/// every copy of it in the archive that passes the request's filters, oldest
/// first, with those folded under it; an article shown on the page, or in
/// `never`, is never listed as another's copy.
fn listed(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
    prints: &Prints,
    page: &[(&Article, DocAddress, &[DocAddress])],
    never: &[DocAddress],
) -> Result<Vec<Vec<StoryCopy>>> {
    let claimed: HashSet<DocAddress> = page
        .iter()
        .flat_map(|(_, address, folded)| std::iter::once(*address).chain(folded.iter().copied()))
        .chain(never.iter().copied())
        .collect();
    let own: Vec<Option<Fingerprint>> = page
        .iter()
        .map(|(article, _, _)| Fingerprint::of(article))
        .collect();
    let candidates = within_filters(
        searcher,
        fields,
        request,
        candidates(searcher, fields, &own)?,
    )?;
    let mut listed = Vec::with_capacity(page.len());
    for ((&(article, _, folded), own), candidates) in page.iter().zip(&own).zip(candidates) {
        let mut found: Vec<DocAddress> = folded.to_vec();
        if let Some(own) = own {
            for candidate in candidates {
                if claimed.contains(&candidate) || found.contains(&candidate) {
                    continue;
                }
                if is_copy_of(prints, (own, article.date), candidate) {
                    found.push(candidate);
                }
            }
        }
        let mut copies = Vec::with_capacity(found.len());
        for at in found {
            let doc: TantivyDocument = searcher.doc(at)?;
            copies.push(StoryCopy::from(fields.to_article(&doc)));
        }
        copies.sort_by(|a, b| (a.date, &a.title, &a.id).cmp(&(b.date, &b.title, &b.id)));
        listed.push(copies);
    }
    Ok(listed)
}

/// For each fingerprint, the live articles sharing one of its bands, read
/// straight from the band's postings in each segment: through the query
/// machinery (a search per article, and a document count per band first),
/// listing the copies of a page of ten took 7.7 ms at a million articles.
fn candidates(
    searcher: &Searcher,
    fields: &Fields,
    prints: &[Option<Fingerprint>],
) -> Result<Vec<Vec<DocAddress>>> {
    let mut bands: Vec<(u64, usize)> = prints
        .iter()
        .enumerate()
        .filter_map(|(owner, print)| print.as_ref().map(|print| (owner, print.bands())))
        .flat_map(|(owner, bands)| bands.into_iter().map(move |band| (band, owner)))
        .collect();
    bands.sort_unstable();
    let mut found = vec![Vec::new(); prints.len()];
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let postings_of = segment.inverted_index(fields.copy_bands)?;
        let alive = segment.alive_bitset();
        for owners in bands.chunk_by(|a, b| a.0 == b.0) {
            let term = Term::from_field_u64(fields.copy_bands, owners[0].0);
            let info = postings_of.get_term_info(&term);
            let Some(info) = info.map_err(|error| Error::io("index", error))? else {
                continue;
            };
            if u64::from(info.doc_freq) > MAX_BAND_ARTICLES {
                continue;
            }
            let mut postings = postings_of
                .read_postings_from_terminfo(&info, IndexRecordOption::Basic)
                .map_err(|error| Error::io("index", error))?;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|alive| alive.is_alive(doc)) {
                    for &(_, owner) in owners {
                        found[owner].push(DocAddress::new(segment_ord as u32, doc));
                    }
                }
                doc = postings.advance();
            }
        }
    }
    Ok(found)
}

/// Keeps the candidates that pass the request's date and section filters.
fn within_filters(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
    candidates: Vec<Vec<DocAddress>>,
) -> Result<Vec<Vec<DocAddress>>> {
    if !request.is_filtered() {
        return Ok(candidates);
    }
    let mut all: Vec<DocAddress> = candidates.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    let filter = filtered(Box::new(AllQuery), fields, request);
    let weight = filter.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut passing = HashSet::new();
    for in_segment in all.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
        let segment = searcher.segment_reader(in_segment[0].segment_ord);
        let mut matches = weight.scorer(segment, 1.0)?;
        for address in in_segment {
            if matches.doc() < address.doc_id {
                matches.seek(address.doc_id);
            }
            if matches.doc() == address.doc_id {
                passing.insert(*address);
            }
        }
    }
    Ok(candidates
        .into_iter()
        .map(|found| {
            found
                .into_iter()
                .filter(|at| passing.contains(at))
                .collect()
        })
        .collect())
}

/// Whether the article at `address` is a copy of `article`. Its day is
/// read first: the date column holds a few bytes per article against the
/// fingerprint's 48, and most candidates sharing a stock phrase ran on
/// other days.
pub(super) fn is_copy_of(
    prints: &Prints,
    (print, day): (&Fingerprint, Option<NaiveDate>),
    address: DocAddress,
) -> bool {
    let theirs = prints.day(address);
    ran_close(day, theirs)
        && prints
            .print(address)
            .is_some_and(|other| are_copies((print, day), (&other, theirs)))
}

/// One article in full (by morgue's id or the collection's record number)
/// and every copy of it in the archive, oldest first: what `morgue show`
/// prints.
pub fn show_with_copies(archive: &Archive, id: &str) -> Result<(Article, Vec<StoryCopy>)> {
    let searcher = archive.searcher();
    let fields = archive.fields();
    let address = find(&searcher, fields, id)?;
    let doc: TantivyDocument = searcher.doc(address)?;
    let article = fields.to_article(&doc);
    let everything = SearchRequest::new("");
    let prints = Prints::new(&searcher);
    let shown = [(&article, address, &[][..])];
    let copies = listed(&searcher, fields, &everything, &prints, &shown, &[])?;
    Ok((article, copies.into_iter().next().unwrap_or_default()))
}
