//! The best matches of a query of plain words, found without scoring most of
//! them (the idea of Turtle and Flood's max-score, fitted to morgue's one
//! query shape).
//!
//! An article's score is the sum of each word's BM25 in the whole text plus
//! each word's weighted BM25 in the boosted fields (headline, section). So an
//! article with no query word in a boosted field scores at most the sum of the
//! words' largest possible whole-text scores. Once the worst of the best so
//! far sorts above that, the search stops visiting every article holding all
//! the words and jumps from one article with a word in a boosted field to the
//! next: at a million articles "oil prices" has 65,555 matches, about 12,000
//! with a word in the headline, and far fewer are scored. In the date orders
//! the day is read first, and an article that cannot place is not scored.
//!
//! Scores and order are those of the same query run through tantivy's scorers
//! (up to the last bits of a float sum taken in another order).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EnableScoring, Query, Scorer};
use tantivy::schema::{IndexRecordOption, Term};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED};

use super::epoch_day_reader;
use super::query::Shortcut;
use super::rank::{self, EpochDay};
use crate::error::{Error, Result};

/// What the best matches are sorted by.
#[derive(Debug, Clone, Copy)]
pub(super) enum Order {
    /// BM25 alone.
    Relevance,
    /// BM25 times the recency factor (see `rank::blend`), then BM25.
    Blend {
        newest: EpochDay,
        half_life_days: f64,
    },
    /// The publication day (see `rank::date_key`), then BM25.
    Date { newest_first: bool },
}

impl Order {
    /// The most the order's key can be for a BM25 of `bm25`, for the orders
    /// whose key grows with it.
    fn ceiling(self, bm25: f32) -> Option<f64> {
        match self {
            Order::Relevance => Some(f64::from(bm25)),
            Order::Blend { .. } => Some(f64::from(bm25 * rank::MAX_RECENCY_FACTOR)),
            Order::Date { .. } => None,
        }
    }
}

/// A scored word: its postings in one field and how to score them.
struct Word {
    postings: SegmentPostings,
    norms: FieldNormReader,
    weight: Bm25Weight,
}

impl Word {
    fn open(segment: &SegmentReader, term: &Term, weight: &Bm25Weight) -> Result<Option<Word>> {
        let postings = segment
            .inverted_index(term.field())?
            .read_postings(term, IndexRecordOption::WithFreqs)
            .map_err(|error| Error::io("index", error))?;
        let Some(postings) = postings else {
            return Ok(None);
        };
        Ok(Some(Word {
            postings,
            norms: segment.get_fieldnorms_reader(term.field())?,
            weight: weight.clone(),
        }))
    }

    fn score(&self, doc: DocId) -> f32 {
        self.weight
            .score(self.norms.fieldnorm_id(doc), self.postings.term_freq())
    }
}

/// What [`best`] found.
pub(super) struct Found {
    /// The best matches with their BM25, best first.
    pub best: Vec<(f32, DocAddress)>,
    /// How many articles match, unless some were skipped uncounted.
    pub count: Option<u64>,
}

/// One of the best so far; the heap keeps the worst on top.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Candidate {
    /// The order's key (a score, or a day).
    key: f64,
    /// What breaks a tie of keys: BM25 for the blend and the dates, nothing
    /// for relevance (whose key is BM25).
    tie: f32,
    bm25: f32,
    address: DocAddress,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    /// Better first: a higher key, a higher tie-breaker, then the earlier
    /// article, as tantivy's collectors order them.
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .total_cmp(&other.key)
            .then_with(|| self.tie.total_cmp(&other.tie))
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The best `window` articles holding every word of `shortcut` and matching
/// `conditions` (filters and exclusions, when there are any), each with its
/// BM25, best first.
pub(super) fn best(
    searcher: &Searcher,
    shortcut: &Shortcut,
    conditions: Option<&dyn Query>,
    order: Order,
    window: usize,
) -> Result<Found> {
    let weighted = |term: Term, boost: f32| -> Result<(Term, Bm25Weight)> {
        let weight = Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))?;
        Ok((term, weight.boost_by(boost)))
    };
    let text: Vec<(Term, Bm25Weight)> = shortcut
        .text_terms()
        .map(|term| weighted(term, 1.0))
        .collect::<Result<_>>()?;
    let boosted: Vec<(Term, Bm25Weight)> = shortcut
        .boosted_terms()
        .map(|(term, boost)| weighted(term, boost))
        .collect::<Result<_>>()?;
    // An article without a word in a boosted field scores below each word's
    // limit as its count grows without end; the margin covers float sums.
    let unboosted_most: f32 = text
        .iter()
        .map(|(_, weight)| weight.score(0, u32::MAX))
        .sum::<f32>()
        * (1.0 + 1e-5);
    let conditions = conditions
        .map(|query| query.weight(EnableScoring::disabled_from_searcher(searcher)))
        .transpose()?;

    let mut heap: BinaryHeap<Reverse<Candidate>> = BinaryHeap::with_capacity(window + 1);
    let (mut matched, mut skipped) = (0u64, false);
    let worst_kept = |heap: &BinaryHeap<Reverse<Candidate>>| -> Option<Candidate> {
        if heap.len() < window {
            return None;
        }
        heap.peek().map(|worst| worst.0)
    };
    let unboosted_ceiling = order.ceiling(unboosted_most);
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let mut words = Vec::with_capacity(text.len());
        for (term, weight) in &text {
            words.extend(Word::open(segment, term, weight)?);
        }
        // A word missing from the segment leaves nothing to find in it.
        if words.len() < text.len() {
            continue;
        }
        words.sort_by_key(|word| word.postings.doc_freq());
        let mut in_boosted = Vec::with_capacity(boosted.len());
        for (term, weight) in &boosted {
            in_boosted.extend(Word::open(segment, term, weight)?);
        }
        let mut conditions: Option<Box<dyn Scorer>> = conditions
            .as_ref()
            .map(|weight| weight.scorer(segment, 1.0))
            .transpose()?;
        let alive = segment.alive_bitset();
        let day = epoch_day_reader(segment);
        let segment_ord = segment_ord as u32;

        // Each required set is brought up to the candidate in turn, the
        // sparsest first; one that lands past it makes the next candidate.
        // The conditions go first when they are sparser than every word (a
        // narrow date range).
        let conditions_first = conditions
            .as_ref()
            .is_some_and(|conditions| conditions.size_hint() < words[0].postings.doc_freq());
        let mut target: DocId = 0;
        'docs: while target < TERMINATED {
            if out_of_reach(unboosted_ceiling, worst_kept(&heap)) {
                // Only an article with a word in a boosted field can still place.
                let next = in_boosted
                    .iter_mut()
                    .map(|word| reach(&mut word.postings, target))
                    .min()
                    .unwrap_or(TERMINATED);
                if next > target {
                    skipped = true;
                    target = next;
                    continue;
                }
            }
            if conditions_first {
                if let Some(found) = past(conditions.as_deref_mut(), target) {
                    target = found;
                    continue;
                }
            }
            for word in words.iter_mut() {
                let found = reach(&mut word.postings, target);
                if found > target {
                    target = found;
                    continue 'docs;
                }
            }
            if !conditions_first {
                if let Some(found) = past(conditions.as_deref_mut(), target) {
                    target = found;
                    continue;
                }
            }
            let doc = target;
            target += 1;
            if alive.is_some_and(|alive| alive.is_deleted(doc)) {
                continue;
            }
            matched += 1;
            let worst = worst_kept(&heap);
            let day_key = match order {
                Order::Date { newest_first } => {
                    let key = rank::date_key(day(doc), newest_first) as f64;
                    if worst.is_some_and(|worst| key < worst.key) {
                        continue;
                    }
                    Some(key)
                }
                _ => None,
            };
            let mut bm25: f32 = words.iter().map(|word| word.score(doc)).sum();
            for word in in_boosted.iter_mut() {
                if reach(&mut word.postings, doc) == doc {
                    bm25 += word.score(doc);
                }
            }
            if out_of_reach(order.ceiling(bm25), worst) {
                continue;
            }
            let (key, tie) = match order {
                Order::Relevance => (f64::from(bm25), 0.0),
                Order::Blend {
                    newest,
                    half_life_days,
                } => {
                    let blended = rank::blend(bm25, day(doc), newest, half_life_days);
                    (f64::from(blended), bm25)
                }
                Order::Date { .. } => (day_key.unwrap_or(f64::MIN), bm25),
            };
            let candidate = Candidate {
                key,
                tie,
                bm25,
                address: DocAddress::new(segment_ord, doc),
            };
            if worst.is_none_or(|worst| candidate > worst) {
                heap.push(Reverse(candidate));
                if heap.len() > window {
                    heap.pop();
                }
            }
        }
    }
    let best = heap
        .into_sorted_vec()
        .into_iter()
        .map(|Reverse(candidate)| (candidate.bm25, candidate.address))
        .collect();
    Ok(Found {
        best,
        count: (!skipped).then_some(matched),
    })
}

/// Whether a key of at most `ceiling` sorts below the worst kept, when both
/// are known.
fn out_of_reach(ceiling: Option<f64>, worst: Option<Candidate>) -> bool {
    matches!((ceiling, worst), (Some(ceiling), Some(worst)) if ceiling < worst.key)
}

/// Where the conditions, when there are any, resume past `target` if they
/// do not hold it.
fn past(conditions: Option<&mut dyn Scorer>, target: DocId) -> Option<DocId> {
    let found = reach(conditions?, target);
    (found > target).then_some(found)
}

/// Moves `docs` to the first document at or after `target`, if it is not
/// there already, and says where it stands.
/// Generic, so that postings are sought without a virtual call per step.
fn reach<D: DocSet + ?Sized>(docs: &mut D, target: DocId) -> DocId {
    if docs.doc() < target {
        docs.seek(target)
    } else {
        docs.doc()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::query::{CompiledQuery, UserQuery};
    use super::super::ranker::{PlainWords, Ranker};
    use super::super::{filtered, SearchRequest, Sort};
    use super::*;
    use crate::index::schema::text_analyzer;
    use crate::index::{build, Archive, IndexOptions};

    const WORDS: &[&str] = &[
        "oil", "prices", "grain", "harbour", "strike", "tariff", "coffee", "quota", "bank",
        "rates", "ferry", "council", "budget", "drought", "yen", "export",
    ];

    /// A few thousand articles of shuffled words, over five years, some with
    /// query words in the headline: enough for the best ten to be settled
    /// long before the last match.
    fn archive(dir: &Path) -> Archive {
        let dumps = dir.join("dumps");
        std::fs::create_dir(&dumps).unwrap();
        let mut state = 7u64;
        let mut next = |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below
        };
        let mut lines = String::new();
        for number in 0..3000 {
            let title: Vec<&str> = (0..3).map(|_| WORDS[next(WORDS.len())]).collect();
            let body: Vec<&str> = (0..20 + next(60))
                .map(|_| WORDS[next(WORDS.len())])
                .collect();
            let record = serde_json::json!({
                "date": format!("{}-{:02}-{:02}", 2015 + next(5), 1 + next(12), 1 + next(28)),
                "title": format!("{} {number}", title.join(" ")),
                "section": if next(3) == 0 { "Business / Oil" } else { "World" },
                "body": body.join(" "),
            });
            lines.push_str(&format!("{record}\n"));
        }
        std::fs::write(dumps.join("articles.jsonl"), lines).unwrap();
        let index = dir.join("index");
        build(&index, &[dumps], &IndexOptions::default(), &mut |_| {}).unwrap();
        Archive::open(&index).unwrap()
    }

    /// The shortcut finds what scoring every match finds, in the same order,
    /// for each sort it serves, with and without filters and exclusions; and
    /// it does skip matches where the headline decides.
    #[test]
    fn the_shortcut_ranks_as_scoring_every_match_does() {
        let dir = tempfile::tempdir().unwrap();
        let archive = archive(dir.path());
        let searcher = archive.searcher();
        let fields = archive.fields();
        let (mut skipped_some, mut narrowed_some) = (false, false);
        for query in [
            "oil",
            "oil prices",
            "grain strike -ferry",
            "yen export bank",
        ] {
            for sort in [Sort::Relevance, Sort::Blend, Sort::Date, Sort::Oldest] {
                for (since, until, section) in [
                    (None, None, None),
                    (Some("2017-01-01"), None, Some("Oil")),
                    (Some("2019-09-01"), None, None),
                    (Some("2015-03-01"), Some("2016-06-30"), None),
                ] {
                    let mut request = SearchRequest::new(query);
                    request.sort = sort;
                    request.since = since.map(|day| day.parse().unwrap());
                    request.until = until.map(|day| day.parse().unwrap());
                    request.section = section.map(str::to_string);
                    let compiled =
                        CompiledQuery::compile(&UserQuery::parse(query), fields, &text_analyzer());
                    let shortcut = compiled.shortcut.as_ref().unwrap();
                    let conditions = super::super::ranker::conditions(shortcut, fields, &request);
                    let ranker = Ranker::new(&searcher, &request, &[]).unwrap();
                    let strict = filtered(compiled.strict.box_clone(), fields, &request);
                    let order = ranker.plain_words_order();
                    for window in [1, 10, 100] {
                        let every = ranker.best(&strict, window).unwrap();
                        let conditions = conditions.as_ref().map(|query| query as &dyn Query);
                        let Found { best: top, count } =
                            best(&searcher, shortcut, conditions, order, window).unwrap();
                        let label = format!("{query} {sort:?} {since:?} {until:?} {window}");
                        let addresses = |top: &[(f32, DocAddress)]| -> Vec<DocAddress> {
                            top.iter().map(|(_, address)| *address).collect()
                        };
                        assert_eq!(addresses(&top), addresses(&every.top), "{label}");
                        for ((mine, _), (theirs, _)) in top.iter().zip(&every.top) {
                            assert!((mine - theirs).abs() < 1e-4, "{label}");
                        }
                        match count {
                            Some(count) => assert_eq!(count, every.count, "{label}"),
                            None => skipped_some = true,
                        }
                        // The date orders may first walk the last or first days alone.
                        let plain = PlainWords {
                            shortcut,
                            fields,
                            request: &request,
                        };
                        let walked = ranker.walk(plain, window).unwrap();
                        assert_eq!(addresses(&walked.best), addresses(&top), "{label}");
                        if matches!(sort, Sort::Date | Sort::Oldest) && walked.count.is_none() {
                            narrowed_some = true;
                        }
                    }
                }
            }
        }
        assert!(skipped_some, "no search took the shortcut");
        assert!(
            narrowed_some,
            "no search in date order walked a span of days alone"
        );
    }
}
