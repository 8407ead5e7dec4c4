//! Ordering one tier of matches by the requested sort: relevance (BM25,
//! headline weighted, a proximity bonus for the best few), date either way
//! (tried on growing spans of days before the whole archive), or the blend
//! of relevance and recency; queries of plain words go to `plain_words`.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, EnableScoring, Occur, Query, Weight};
use tantivy::{DocAddress, DocSet, Searcher, SeekDangerResult, SegmentReader};

use crate::error::Result;
use crate::index::days::{date_of, epoch_day, epoch_day_of};
use crate::index::Fields;

use super::query::Shortcut;
use super::rank::{self, EpochDay};
use super::{date_column, epoch_day_reader, filtered, plain_words, SearchRequest, Sort};

/// The spans of days, from the newest (or oldest) article, that a search in
/// date order tries before the whole archive: a month, about a year and a
/// half, about twenty-two years.
const DATE_SPANS: [EpochDay; 3] = [32, 512, 8192];

/// How many of a tier's best matches by BM25 get the proximity bonus before
/// the final order is taken: a match the bonus would lift onto the first page
/// from further down than this is rare (the bonus is a fraction of a word's
/// score), and Cranfield measures the same with it (docs/BENCHMARKS.md).
const PROXIMITY_WINDOW: usize = 100;

/// Orders matches of one tier by the requested sort.
pub(super) struct Ranker<'a> {
    searcher: &'a Searcher,
    sort: Sort,
    newest: EpochDay,
    /// The oldest publication day in the index.
    oldest: EpochDay,
    half_life_days: f64,
    limit_cap: usize,
    /// The proximity pairs (see [`CompiledQuery::proximity`]), ready to score.
    proximity: Vec<Box<dyn Weight>>,
}

impl<'a> Ranker<'a> {
    pub(super) fn new(
        searcher: &'a Searcher,
        request: &SearchRequest,
        proximity: &[Box<dyn Query>],
    ) -> Result<Self> {
        let columns: Vec<_> = searcher
            .segment_readers()
            .iter()
            .filter_map(date_column)
            .filter(|column| column.num_docs() > 0)
            .collect();
        let newest = columns
            .iter()
            .map(|column| epoch_day_of(column.max_value()))
            .max()
            .unwrap_or_default();
        let oldest = columns
            .iter()
            .map(|column| epoch_day_of(column.min_value()))
            .min()
            .unwrap_or_default();
        let proximity = proximity
            .iter()
            .map(|query| query.weight(EnableScoring::enabled_from_searcher(searcher)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Ranker {
            searcher,
            sort: request.sort,
            newest,
            oldest,
            half_life_days: request.half_life_days,
            limit_cap: searcher.num_docs().max(1) as usize,
            proximity,
        })
    }

    /// How many articles match `query`, and the best `limit` of them with the
    /// score they are ordered by: one pass over the matches (or, for a query
    /// of plain words, a pass that skips most of them and a count), then the
    /// proximity bonus for the best few.
    pub(super) fn top(
        &self,
        query: &dyn Query,
        limit: usize,
        plain_words: Option<PlainWords>,
    ) -> Result<Counted> {
        if limit == 0 {
            return Ok((self.searcher.search(query, &Count)? as u64, Vec::new()));
        }
        let window = if self.proximity.is_empty() {
            limit
        } else {
            limit.max(PROXIMITY_WINDOW)
        };
        let window = window.min(self.limit_cap);
        let (count, candidates) = match plain_words {
            Some(plain) => {
                let found = self.walk(plain, window)?;
                let count = match found.count {
                    Some(count) => count,
                    None => self.searcher.search(query, &Count)? as u64,
                };
                (count, found.best)
            }
            None => {
                let best = self.best(query, window)?;
                (best.count, best.top)
            }
        };
        if self.proximity.is_empty() {
            return Ok((count, self.shown_scores(candidates)));
        }
        let mut scored = self.with_bonus(candidates)?;
        self.order(&mut scored);
        scored.truncate(limit);
        Ok((count, self.shown_scores(scored)))
    }

    /// The best `window` matches of a query of plain words (see
    /// `plain_words`). In the date orders the walk first covers only the last
    /// (or first) days of the archive, then longer spans, until a span holds
    /// `window` matches: no article outside it can come before them. Then the
    /// tier is counted on its own.
    pub(super) fn walk(&self, plain: PlainWords, window: usize) -> Result<plain_words::Found> {
        let order = self.plain_words_order();
        let walk = |request: &SearchRequest| {
            let conditions = conditions(plain.shortcut, plain.fields, request);
            let conditions = conditions.as_ref().map(|query| query as &dyn Query);
            plain_words::best(self.searcher, plain.shortcut, conditions, order, window)
        };
        if let plain_words::Order::Date { newest_first } = order {
            // A span is worth a try when it is a small part of the archive
            // (a longer one costs nearly what the whole does) and, were the
            // rarest word spread evenly over the archive's days, it would
            // hold the window twice over.
            let mut rarest = u64::MAX;
            for term in plain.shortcut.text_terms() {
                rarest = rarest.min(self.searcher.doc_freq(&term)?);
            }
            let archive_days = (self.newest - self.oldest + 1).max(1);
            for days in DATE_SPANS {
                let expected = rarest as f64 * days as f64 / archive_days as f64;
                if days * 8 > archive_days || expected < 2.0 * window as f64 {
                    continue;
                }
                // The span ends (or starts) where the archive and the
                // request's own range do.
                let mut narrowed = plain.request.clone();
                if newest_first {
                    let last = plain
                        .request
                        .until
                        .map_or(self.newest, |until| epoch_day(until).min(self.newest));
                    let start = date_of(last - days);
                    if plain.request.since.is_some_and(|since| since >= start) {
                        break;
                    }
                    narrowed.since = Some(start);
                } else {
                    let first = plain
                        .request
                        .since
                        .map_or(self.oldest, |since| epoch_day(since).max(self.oldest));
                    let end = date_of(first + days);
                    if plain.request.until.is_some_and(|until| until <= end) {
                        break;
                    }
                    narrowed.until = Some(end);
                }
                let found = walk(&narrowed)?;
                if found.best.len() == window {
                    return Ok(plain_words::Found {
                        best: found.best,
                        count: None,
                    });
                }
            }
        }
        walk(plain.request)
    }

    /// The requested sort, as `plain_words` takes it.
    pub(super) fn plain_words_order(&self) -> plain_words::Order {
        match self.sort {
            Sort::Relevance => plain_words::Order::Relevance,
            Sort::Blend => plain_words::Order::Blend {
                newest: self.newest,
                half_life_days: self.half_life_days,
            },
            Sort::Date => plain_words::Order::Date { newest_first: true },
            Sort::Oldest => plain_words::Order::Date {
                newest_first: false,
            },
        }
    }

    /// The best `window` matches of `query` in the requested order, each with
    /// its BM25, and how many matched.
    pub(super) fn best(&self, query: &dyn Query, window: usize) -> Result<Best> {
        let collector = TopDocs::with_limit(window);
        let (newest, half_life) = (self.newest, self.half_life_days);
        Ok(match self.sort {
            Sort::Relevance => {
                let (count, top) = self.run(query, collector.order_by_score())?;
                Best { count, top }
            }
            Sort::Blend => {
                let blended = collector.tweak_score(move |segment: &SegmentReader| {
                    let day = epoch_day_reader(segment);
                    move |doc, score| (rank::blend(score, day(doc), newest, half_life), score)
                });
                let (count, top) = self.run(query, blended)?;
                Best {
                    count,
                    top: bm25_of(top),
                }
            }
            Sort::Date | Sort::Oldest => {
                let newest_first = self.sort == Sort::Date;
                let by_date = collector.tweak_score(move |segment: &SegmentReader| {
                    let day = epoch_day_reader(segment);
                    move |doc, score| (rank::date_key(day(doc), newest_first), score)
                });
                let (count, top) = self.run(query, by_date)?;
                Best {
                    count,
                    top: bm25_of(top),
                }
            }
        })
    }

    fn run<C, K>(&self, query: &dyn Query, collector: C) -> Result<(u64, Vec<(K, DocAddress)>)>
    where
        C: tantivy::collector::Collector<Fruit = Vec<(K, DocAddress)>>,
    {
        let (count, top) = self.searcher.search(query, &(Count, collector))?;
        Ok((count as u64, top))
    }

    /// Adds the proximity bonus to each candidate's score, pair by pair and
    /// segment by segment in document order. Each pair's positions are read
    /// at the candidates alone: a plain `seek` would go on to the next
    /// document where the pair stands close, reading the positions of every
    /// document holding both words on the way (at a million articles, most
    /// of a long question's time).
    fn with_bonus(&self, mut candidates: Vec<(f32, DocAddress)>) -> Result<Vec<(f32, DocAddress)>> {
        candidates.sort_by_key(|(_, address)| *address);
        for pair in &self.proximity {
            for segment_candidates in
                candidates.chunk_by_mut(|a, b| a.1.segment_ord == b.1.segment_ord)
            {
                let segment = self
                    .searcher
                    .segment_reader(segment_candidates[0].1.segment_ord);
                let mut scorer = pair.scorer(segment, 1.0)?;
                // No document below this can match (`seek_danger`'s contract).
                let mut lowest_possible = 0;
                for (score, address) in segment_candidates {
                    if address.doc_id < lowest_possible || address.doc_id < scorer.doc() {
                        continue;
                    }
                    match scorer.seek_danger(address.doc_id) {
                        SeekDangerResult::Found => *score += scorer.score(),
                        SeekDangerResult::SeekLowerBound(next) => lowest_possible = next,
                    }
                }
            }
        }
        Ok(candidates)
    }

    /// Sorts scored candidates by the requested sort, best first; ties go to
    /// the earlier document, as tantivy's own collector orders them.
    fn order(&self, scored: &mut [(f32, DocAddress)]) {
        let days = match self.sort {
            Sort::Relevance => HashMap::new(),
            _ => self.days_of(scored),
        };
        let day = |address: &DocAddress| days.get(address).copied().flatten();
        let key = |&(score, address): &(f32, DocAddress)| -> (f64, f32) {
            match self.sort {
                Sort::Relevance => (f64::from(score), 0.0),
                Sort::Blend => {
                    let blended =
                        rank::blend(score, day(&address), self.newest, self.half_life_days);
                    (f64::from(blended), score)
                }
                Sort::Date | Sort::Oldest => {
                    let newest_first = self.sort == Sort::Date;
                    (rank::date_key(day(&address), newest_first) as f64, score)
                }
            }
        };
        // Keys computed once each, not once per comparison (a blend is an `exp2`).
        let mut keyed: Vec<((f64, f32), (f32, DocAddress))> = scored
            .iter()
            .map(|candidate| (key(candidate), *candidate))
            .collect();
        keyed.sort_by(|(a_key, a), (b_key, b)| {
            b_key
                .partial_cmp(a_key)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        for (slot, (_, candidate)) in scored.iter_mut().zip(keyed) {
            *slot = candidate;
        }
    }

    /// The score a hit shows: blended with recency for the blend, BM25 (with
    /// any bonus) otherwise.
    fn shown_scores(&self, scored: Vec<(f32, DocAddress)>) -> Vec<(f32, DocAddress)> {
        if self.sort != Sort::Blend {
            return scored;
        }
        let days = self.days_of(&scored);
        scored
            .into_iter()
            .map(|(score, address)| {
                let day = days.get(&address).copied().flatten();
                let blended = rank::blend(score, day, self.newest, self.half_life_days);
                (blended, address)
            })
            .collect()
    }

    /// The publication day of each scored match, one date column per segment.
    fn days_of(&self, scored: &[(f32, DocAddress)]) -> HashMap<DocAddress, Option<EpochDay>> {
        let mut by_segment: BTreeMap<u32, Vec<DocAddress>> = BTreeMap::new();
        for (_, address) in scored {
            by_segment
                .entry(address.segment_ord)
                .or_default()
                .push(*address);
        }
        let mut days = HashMap::new();
        for (segment_ord, addresses) in by_segment {
            let day = epoch_day_reader(self.searcher.segment_reader(segment_ord));
            for address in addresses {
                days.insert(address, day(address.doc_id));
            }
        }
        days
    }
}

/// A tier's match count and its best matches, each with the score it is
/// ordered or shown by.
type Counted = (u64, Vec<(f32, DocAddress)>);

/// One pass's best matches.
pub(super) struct Best {
    /// How many articles the pass matched.
    pub(super) count: u64,
    /// Each with its BM25, best first.
    pub(super) top: Vec<(f32, DocAddress)>,
}

/// A query of plain words, with the request whose filters its matches must
/// pass.
#[derive(Clone, Copy)]
pub(super) struct PlainWords<'q> {
    pub(super) shortcut: &'q Shortcut,
    pub(super) fields: &'q Fields,
    pub(super) request: &'q SearchRequest,
}

/// Whether a filter or an exclusion narrows the matches of a query of plain
/// words below the articles holding its words.
pub(super) fn narrowed(shortcut: &Shortcut, request: &SearchRequest) -> bool {
    let filters = request.since.is_some() || request.until.is_some() || request.section.is_some();
    filters || !shortcut.excluded.is_empty()
}

/// What a match of a query of plain words must satisfy besides holding the
/// words: the request's filters and the query's exclusions, or `None`.
pub(super) fn conditions(
    shortcut: &Shortcut,
    fields: &Fields,
    request: &SearchRequest,
) -> Option<BooleanQuery> {
    if !narrowed(shortcut, request) {
        return None;
    }
    let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(AllQuery))];
    for query in &shortcut.excluded {
        parts.push((Occur::MustNot, query.box_clone()));
    }
    Some(filtered(
        Box::new(BooleanQuery::new(parts)),
        fields,
        request,
    ))
}

/// A collector's `((sort key, BM25), address)` list as `(BM25, address)`.
fn bm25_of<K>(top: Vec<((K, f32), DocAddress)>) -> Vec<(f32, DocAddress)> {
    top.into_iter()
        .map(|((_, score), at)| (score, at))
        .collect()
}
