//! Search: runs a [`SearchRequest`] against an [`Archive`] and returns ranked
//! [`Hit`]s with snippets. Filters (dates, section) are applied here, in
//! [`filtered`]; ordering formulas live in `rank`, query syntax in `query`.
//!
//! Hits come in two tiers: first the articles holding every word of the query,
//! then, when those run out, the articles holding only some (a pasted question
//! rarely has every word in one story). Each tier is ordered by the requested
//! sort, and paging runs across the two as one list.

mod arrivals;
mod copies;
mod day_range;
mod highlight;
mod plain_words;
pub mod query;
pub mod rank;
mod ranker;
mod related;
pub mod request;
pub mod stats;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::columnar::StrColumn;
use tantivy::query::{BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, DocSet, Searcher, SegmentReader, TantivyDocument, TERMINATED};

use crate::article::{section_filter_key, Article, ArticleId};
use crate::error::{Error, Result};
use crate::index::days::{self, day_of, epoch_day_of};
use crate::index::schema::text_analyzer;
use crate::index::{Archive, Fields};
pub use arrivals::{arrivals, Arrival, Arrivals, Seen};
pub use copies::{show_with_copies, StoryCopy};
use day_range::DayRange;
use query::{CompiledQuery, Shortcut, UserQuery};
use rank::EpochDay;
use ranker::{narrowed, PlainWords, Ranker};
pub use related::{related, RelatedRequest};
pub use request::{SearchRequest, Sort};
pub use stats::{stats, Period, Stats, StatsRequest};

/// One result, with what a reader needs to judge it without opening it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Position in the whole result list, from 1.
    pub rank: usize,
    /// For `morgue show`.
    pub id: ArticleId,
    /// The source collection's own record number, when it has one.
    pub docno: Option<String>,
    /// The score the hit was ordered by (BM25, or blended with recency).
    pub score: f32,
    /// Publication day.
    pub date: Option<NaiveDate>,
    /// Section path.
    pub section: Option<String>,
    /// Headline.
    pub title: String,
    /// Byte ranges of query words in the headline.
    pub title_highlights: Vec<Range<usize>>,
    /// Writer or wire.
    pub byline: Option<String>,
    /// Page URL, when known.
    pub url: Option<String>,
    /// The dump file it came from.
    pub path: String,
    /// The passage of the story that best matches the query.
    pub snippet: Snippet,
    /// Whether the article holds every word of the query (the first tier).
    pub all_words: bool,
    /// The other printings of its story within the request's filters, oldest
    /// first (none when the request asks for every copy on its own).
    pub copies: Vec<StoryCopy>,
}

/// A passage of an article with the query words marked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snippet {
    /// Plain text, on one line.
    pub text: String,
    /// Byte ranges of query words in `text`.
    pub highlights: Vec<Range<usize>>,
    /// The passage starts inside the story rather than at its beginning.
    pub starts_mid_text: bool,
    /// The story goes on after the passage.
    pub ends_mid_text: bool,
}

/// The answer to a search.
#[derive(Debug, Clone)]
pub struct SearchResults {
    /// Articles matching at least part of the query (after filters).
    pub total: MatchCount,
    /// Of those, articles holding every word.
    pub all_words: u64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
}

/// How many articles match. Those holding every word are always counted;
/// those holding only some are counted up to [`PARTIAL_MATCHES_COUNTED`] more,
/// as Lucene and Elasticsearch count to 10,000 by default: counting the whole
/// match set of two common words took 5 ms of a search at a million articles.
/// A search for the count alone (a limit of 0) counts them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MatchCount {
    /// Exactly this many.
    Exact(u64),
    /// More than this many.
    MoreThan(u64),
}

impl MatchCount {
    /// The count, or its lower bound.
    pub fn at_least(self) -> u64 {
        match self {
            MatchCount::Exact(count) | MatchCount::MoreThan(count) => count,
        }
    }
}

/// See [`MatchCount`].
pub const PARTIAL_MATCHES_COUNTED: u64 = 10_000;

/// Runs a search. Wire copies fold into one hit per story unless the
/// request asks for every copy (`all_copies`).
pub fn search(archive: &Archive, request: &SearchRequest) -> Result<SearchResults> {
    let searcher = archive.searcher();
    let fields = archive.fields();
    let wanted = request.offset.saturating_add(request.limit);
    // Fingerprints are read only to fold copies.
    let prints = (!request.all_copies).then(|| copies::Prints::new(&searcher));
    // Folding needs matches beyond the page: twice as many at first, more
    // while the page is not full and the matches have not run out.
    let mut window = match prints {
        Some(_) => wanted.saturating_mul(2),
        None => wanted,
    };
    let (ranking, stories) = loop {
        let mut ranking = rank(&searcher, fields, request, window)?;
        let ranked = std::mem::take(&mut ranking.ranked);
        let exhausted = ranked.len() < window;
        let stories = match &prints {
            Some(prints) => copies::fold(prints, ranked, |(_, address, _)| *address),
            None => ranked
                .into_iter()
                .map(|first| copies::Story {
                    first,
                    others: Vec::new(),
                })
                .collect(),
        };
        if stories.len() >= wanted || exhausted {
            break (ranking, stories);
        }
        window = window.saturating_mul(2);
    };
    let page: Vec<copies::OnPage> = stories
        .into_iter()
        .take(wanted)
        .enumerate()
        .skip(request.offset)
        .map(|(at, story)| {
            let (score, address, all_words) = story.first;
            copies::OnPage {
                address,
                rank: at + 1,
                score,
                all_words,
                folded: story.others,
            }
        })
        .collect();
    let mut hits = Vec::new();
    // Snippet generators look up every query term: only worth it for a page with hits.
    if !page.is_empty() {
        let highlighter = highlight::Highlighter::new(&searcher, fields, &ranking.loose)?;
        let listing = (prints.as_ref(), &[][..]);
        hits = copies::hits(&searcher, fields, request, &highlighter, listing, page)?;
    }
    Ok(SearchResults {
        total: ranking.total,
        all_words: ranking.all_words,
        hits,
    })
}

/// One match named by its ids alone: what evaluation and run files need,
/// without loading stored text or making snippets.
#[derive(Debug, Clone, PartialEq)]
pub struct RankedId {
    /// Position in the whole result list, from 1.
    pub rank: usize,
    /// morgue's id.
    pub id: ArticleId,
    /// The source collection's own record number, when it has one.
    pub docno: Option<String>,
    /// The score the match was ordered by.
    pub score: f32,
}

/// The ranked matches of a request (the page `offset..offset + limit`), in
/// exactly the order [`search`] shows them with `all_copies` (judged
/// rankings name documents, so copies are not folded here).
pub fn ranked_ids(archive: &Archive, request: &SearchRequest) -> Result<Vec<RankedId>> {
    let searcher = archive.searcher();
    let wanted = request.offset.saturating_add(request.limit);
    let mut ranking = rank(&searcher, archive.fields(), request, wanted)?;
    let page: Vec<(usize, (f32, DocAddress, bool))> = ranking.page(request.offset).collect();
    let mut by_segment: BTreeMap<u32, Vec<tantivy::DocId>> = BTreeMap::new();
    for (_, (_, address, _)) in &page {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    let mut names: HashMap<DocAddress, (ArticleId, Option<String>)> = HashMap::new();
    for (segment_ord, docs) in by_segment {
        let segment = searcher.segment_reader(segment_ord);
        let id = id_reader(segment);
        let docnos = fast_texts(segment.fast_fields().str("docno")?.as_ref(), &docs)?;
        for (doc, docno) in docs.into_iter().zip(docnos) {
            names.insert(DocAddress::new(segment_ord, doc), (id(doc), docno));
        }
    }
    Ok(page
        .into_iter()
        .map(|(rank, (score, address, _))| {
            let (id, docno) = names
                .remove(&address)
                .unwrap_or_else(|| (ArticleId::from_string(""), None));
            RankedId {
                rank,
                id,
                docno,
                score,
            }
        })
        .collect())
}

/// The ordered matches of a request, before any document is loaded.
struct Ranking {
    /// Articles matching at least part of the query.
    total: MatchCount,
    /// Of those, articles holding every word.
    all_words: u64,
    /// The first `offset + limit` matches: score, address, whether in the first tier.
    ranked: Vec<(f32, DocAddress, bool)>,
    /// The query with every word optional: what snippets highlight.
    loose: BooleanQuery,
}

impl Ranking {
    /// The matches from `offset` on, each with its rank from 1.
    fn page(&mut self, offset: usize) -> impl Iterator<Item = (usize, (f32, DocAddress, bool))> {
        std::mem::take(&mut self.ranked)
            .into_iter()
            .enumerate()
            .skip(offset)
            .map(|(at, hit)| (at + 1, hit))
    }
}

/// Finds and orders the matches: the tier holding every word first, then the rest.
/// Each tier is counted in the same pass that ranks it; only when the first
/// tier fills the page is the whole match set counted on its own, and then
/// only up to a bound (see [`MatchCount`]).
fn rank(
    searcher: &Searcher,
    fields: &Fields,
    request: &SearchRequest,
    wanted: usize,
) -> Result<Ranking> {
    check_section(searcher, fields, request.section.as_deref())?;
    let compiled =
        CompiledQuery::compile(&UserQuery::parse(&request.query), fields, &text_analyzer());
    let ranker = Ranker::new(searcher, request, &compiled.proximity)?;
    let strict = filtered(compiled.strict, fields, request);
    let loose = filtered(compiled.loose, fields, request);
    let plain_words = compiled.shortcut.as_ref().map(|shortcut| PlainWords {
        shortcut,
        fields,
        request,
    });

    let (all_words, first) = ranker.top(&strict, wanted, plain_words)?;
    let mut ranked: Vec<(f32, DocAddress, bool)> = first
        .into_iter()
        .map(|(score, address)| (score, address, true))
        .collect();
    let total = if !compiled.tiered {
        MatchCount::Exact(all_words)
    } else if ranked.len() < wanted {
        let rest = BooleanQuery::new(vec![
            (Occur::Must, Box::new(loose.clone()) as Box<dyn Query>),
            (Occur::MustNot, Box::new(strict.clone())),
        ]);
        let (some_words, more) = ranker.top(&rest, wanted - ranked.len(), None)?;
        ranked.extend(
            more.into_iter()
                .map(|(score, address)| (score, address, false)),
        );
        MatchCount::Exact(all_words + some_words)
    } else {
        // A request for the count alone gets it exact.
        let cap = match request.limit {
            0 => u64::MAX,
            _ => all_words + PARTIAL_MATCHES_COUNTED,
        };
        let at_least = match &compiled.shortcut {
            Some(shortcut) if !narrowed(shortcut, request) => holding_one_word(searcher, shortcut)?,
            _ => 0,
        };
        if at_least > cap {
            MatchCount::MoreThan(cap)
        } else {
            count_up_to(searcher, &loose, cap)?
        }
    };
    Ok(Ranking {
        total,
        all_words,
        ranked,
        loose,
    })
}

/// How many articles at least hold one of the words of a query of plain words
/// (when nothing is [`narrowed`], all of them match it): the most holding any
/// one word, less every deleted article. At a million articles `oil prices`
/// counted 75,555 matches to say "more than"; the word counts say it at once.
fn holding_one_word(searcher: &Searcher, shortcut: &Shortcut) -> Result<u64> {
    let deleted: u64 = searcher
        .segment_readers()
        .iter()
        .map(|segment| u64::from(segment.num_deleted_docs()))
        .sum();
    let mut most = 0;
    for term in shortcut.text_terms() {
        most = most.max(searcher.doc_freq(&term)?);
    }
    Ok(most.saturating_sub(deleted))
}

/// Counts the matches of `query`, stopping once there are more than `cap`.
fn count_up_to(searcher: &Searcher, query: &dyn Query, cap: u64) -> Result<MatchCount> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut count = 0;
    for segment in searcher.segment_readers() {
        let alive = segment.alive_bitset();
        let mut matches = weight.scorer(segment, 1.0)?;
        let mut doc = matches.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                if count == cap {
                    return Ok(MatchCount::MoreThan(cap));
                }
                count += 1;
            }
            doc = matches.advance();
        }
    }
    Ok(MatchCount::Exact(count))
}

/// Reads a segment's article ids from the numeric id column.
fn id_reader(segment: &SegmentReader) -> impl Fn(tantivy::DocId) -> ArticleId {
    let numbers = segment.fast_fields().u64("id_number").ok();
    move |doc| {
        numbers
            .as_ref()
            .and_then(|numbers| numbers.first(doc))
            .map_or_else(|| ArticleId::from_string(""), ArticleId::from_number)
    }
}

/// The first value of an untokenised fast text column for each of `docs`.
/// Values are looked up in ordinal order, one pass over the dictionary: a
/// lookup per document would decompress a dictionary block each time.
fn fast_texts(column: Option<&StrColumn>, docs: &[tantivy::DocId]) -> Result<Vec<Option<String>>> {
    let Some(column) = column else {
        return Ok(vec![None; docs.len()]);
    };
    let ordinals: Vec<Option<u64>> = docs
        .iter()
        .map(|&doc| column.term_ords(doc).next())
        .collect();
    let mut sorted: Vec<u64> = ordinals.iter().flatten().copied().collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut texts = Vec::with_capacity(sorted.len());
    column
        .dictionary()
        .sorted_ords_to_term_cb(&sorted, |bytes| {
            texts.push(String::from_utf8_lossy(bytes).into_owned());
        })
        .map_err(|error| Error::io("index", error))?;
    Ok(ordinals
        .into_iter()
        .map(|ordinal| {
            let at = sorted.binary_search(&ordinal?).ok()?;
            texts.get(at).cloned()
        })
        .collect())
}

/// Adds the request's filters to a query: the one place dates and sections
/// narrow a search. Dates are inclusive at both ends; undated articles never
/// pass a date filter.
pub fn filtered(query: Box<dyn Query>, fields: &Fields, request: &SearchRequest) -> BooleanQuery {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    if request.since.is_some() || request.until.is_some() {
        let range = DayRange::new(
            fields.date,
            request.since.map(days::stored),
            request.until.map(days::stored),
        );
        parts.push((Occur::Must, unscored(Box::new(range))));
    }
    if let Some(section) = &request.section {
        let term = Term::from_field_text(fields.section_key, &section_filter_key(section));
        let in_section = TermQuery::new(term, IndexRecordOption::Basic);
        parts.push((Occur::Must, unscored(Box::new(in_section))));
    }
    BooleanQuery::new(parts)
}

/// A condition that narrows the matches without touching their scores: it
/// says nothing about relevance, and a filter adding to every score would
/// break the bound that `plain_words` skips articles by.
fn unscored(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

/// An unknown `--section` is an error naming the sections that exist, rather
/// than a silent empty result the user would read as "never covered".
fn check_section(searcher: &Searcher, fields: &Fields, section: Option<&str>) -> Result<()> {
    let Some(section) = section else {
        return Ok(());
    };
    let term = Term::from_field_text(fields.section_key, &section_filter_key(section));
    if searcher.doc_freq(&term)? > 0 {
        return Ok(());
    }
    let known = stats::sections(searcher)?;
    Err(Error::BadRequest(format!(
        "no article is filed under section '{section}'; sections in this index: {}",
        if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        }
    )))
}

/// Reads a segment's publication days from the date column.
fn day_reader(segment: &SegmentReader) -> impl Fn(tantivy::DocId) -> Option<NaiveDate> {
    date_reader(segment, day_of)
}

/// Reads a segment's publication days as [`EpochDay`]s, for ranking.
fn epoch_day_reader(segment: &SegmentReader) -> impl Fn(tantivy::DocId) -> Option<EpochDay> {
    date_reader(segment, epoch_day_of)
}

fn date_reader<T>(
    segment: &SegmentReader,
    convert: fn(tantivy::DateTime) -> T,
) -> impl Fn(tantivy::DocId) -> Option<T> {
    let dates = date_column(segment);
    move |doc| {
        dates
            .as_ref()
            .and_then(|dates| dates.first(doc))
            .map(convert)
    }
}

fn date_column(segment: &SegmentReader) -> Option<tantivy::columnar::Column<tantivy::DateTime>> {
    segment.fast_fields().date("date").ok()
}

/// Every section path the archive files articles under, in order: what a
/// section picker offers.
pub fn sections(archive: &Archive) -> Result<Vec<String>> {
    stats::sections(&archive.searcher())
}

/// One article in full, by morgue's id or by the collection's own record number.
pub fn show(archive: &Archive, id: &str) -> Result<Article> {
    let searcher = archive.searcher();
    let fields = archive.fields();
    let doc: TantivyDocument = searcher.doc(find(&searcher, fields, id)?)?;
    Ok(fields.to_article(&doc))
}

/// Where the article with morgue's id or the collection's record number `id` is.
fn find(searcher: &Searcher, fields: &Fields, id: &str) -> Result<DocAddress> {
    let by = |field| -> Box<dyn Query> {
        let term = Term::from_field_text(field, id.trim());
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    };
    let query = BooleanQuery::new(vec![
        (Occur::Should, by(fields.id)),
        (Occur::Should, by(fields.docno)),
    ]);
    let found = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
    found
        .first()
        .map(|(_, address)| *address)
        .ok_or_else(|| Error::UnknownId(id.to_string()))
}

/// Calls `each` with every article the filters of `filters` let through (its
/// query is not used; no filter: every article), oldest first, then by id: the
/// order is stable, so two exports of the same archive are byte-identical.
pub fn export(
    archive: &Archive,
    filters: &SearchRequest,
    each: &mut dyn FnMut(Article) -> Result<()>,
) -> Result<()> {
    let searcher = archive.bulk_searcher()?;
    let fields = archive.fields();
    check_section(&searcher, fields, filters.section.as_deref())?;
    let query = filtered(Box::new(tantivy::query::AllQuery), fields, filters);
    let addresses = searcher.search(&query, &tantivy::collector::DocSetCollector)?;
    let mut by_segment: BTreeMap<u32, Vec<tantivy::DocId>> = BTreeMap::new();
    for address in addresses {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    let mut keyed = Vec::new();
    for (segment_ord, docs) in by_segment {
        let segment = searcher.segment_reader(segment_ord);
        let (day, id) = (day_reader(segment), id_reader(segment));
        for doc in docs {
            keyed.push((day(doc), id(doc), DocAddress::new(segment_ord, doc)));
        }
    }
    keyed.sort();
    for (_, _, address) in keyed {
        let doc: TantivyDocument = searcher.doc(address)?;
        each(fields.to_article(&doc))?;
    }
    Ok(())
}
