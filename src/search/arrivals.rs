//! Arrivals: which of a request's matches are new, or revised, since a set of
//! matches seen before. A match is known by its story key and the hash of its
//! text, both read from fast columns, so comparing a whole match set costs a
//! pass over its matches; only the arrivals shown are loaded and cut into
//! snippets. What counts as a match is what `stats` counts: every word of the
//! query, narrowed by the filters.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tantivy::query::{EnableScoring, Query};
use tantivy::DocAddress;

use super::copies::{fold, hits, OnPage, Prints, Story};
use super::highlight::Highlighter;
use super::query::{CompiledQuery, UserQuery};
use super::rank::EpochDay;
use super::stats::live_blocks;
use super::{check_section, epoch_day_reader, filtered, search, Hit, SearchRequest};
use crate::error::Result;
use crate::index::schema::text_analyzer;
use crate::index::Archive;

/// The matches of a request as seen once: each story (its key: the URL, or
/// the day and headline, which every version of a story shares and a rebuild
/// computes again alike) → the texts of it seen (the first eight bytes of
/// their hashes). A rebuilt archive is then not "new", and a revised story is
/// told by a text not seen before. A story may hold several texts at once
/// (two different stories under one day and headline): each is remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen(pub BTreeMap<u64, Vec<u64>>);

impl Seen {
    /// How many texts were seen.
    pub fn len(&self) -> usize {
        self.0.values().map(Vec::len).sum()
    }

    /// Whether nothing was seen.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One match to report.
#[derive(Debug, Clone)]
pub struct Arrival {
    /// The article, as a search shows it.
    pub hit: Hit,
    /// Whether an earlier version of it was seen before.
    pub revised: bool,
}

/// What a request matches now, against what was seen.
#[derive(Debug, Clone)]
pub struct Arrivals {
    /// Every match now: what to remember for next time.
    pub seen: Seen,
    /// Matches not seen before.
    pub new: u64,
    /// Matches seen before with other text.
    pub revised: u64,
    /// Up to the request's limit of them, newest first; with nothing seen
    /// before, the request's best matches instead.
    pub shown: Vec<Arrival>,
}

/// A match that arrived since the watch last ran: its day, story key,
/// whether it revises a story seen before, and where it is.
type Arrived = (Option<EpochDay>, u64, bool, DocAddress);

/// Compares a request's matches with `seen` (`None`: never run, so the best
/// matches are shown and all of them become seen).
pub fn arrivals(
    archive: &Archive,
    request: &SearchRequest,
    seen: Option<&Seen>,
) -> Result<Arrivals> {
    let searcher = archive.searcher();
    let fields = archive.fields();
    check_section(&searcher, fields, request.section.as_deref())?;
    let compiled =
        CompiledQuery::compile(&UserQuery::parse(&request.query), fields, &text_analyzer());
    let strict = filtered(compiled.strict, fields, request);
    let weight = strict.weight(EnableScoring::disabled_from_searcher(&searcher))?;
    let mut now = Seen::default();
    // Arrivals: day and story for the order, whether revised, where.
    let mut arrived: Vec<Arrived> = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let stories = segment.fast_fields().u64("story")?;
        let contents = segment.fast_fields().u64("content_number")?;
        let day_of = epoch_day_reader(segment);
        live_blocks(segment, Some(weight.as_ref()), |docs| {
            for &doc in docs {
                let (Some(story), Some(content)) = (stories.first(doc), contents.first(doc)) else {
                    continue;
                };
                now.0.entry(story).or_default().push(content);
                let before = seen.map(|seen| seen.0.get(&story));
                if let Some(before) =
                    before.filter(|before| !before.is_some_and(|texts| texts.contains(&content)))
                {
                    let address = DocAddress::new(segment_ord as u32, doc);
                    arrived.push((day_of(doc), story, before.is_some(), address));
                }
            }
        })?;
    }
    for texts in now.0.values_mut() {
        texts.sort_unstable();
        texts.dedup();
    }
    if seen.is_none() {
        let best = search(archive, request)?;
        return Ok(Arrivals {
            seen: now,
            new: 0,
            revised: 0,
            shown: best
                .hits
                .into_iter()
                .map(|hit| Arrival {
                    hit,
                    revised: false,
                })
                .collect(),
        });
    }
    let revised = arrived.iter().filter(|arrival| arrival.2).count() as u64;
    let new = arrived.len() as u64 - revised;
    // Newest first; undated last; one day's by story key, so runs agree.
    arrived.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let highlighter = Highlighter::new(
        &searcher,
        fields,
        &filtered(compiled.loose, fields, request),
    )?;
    // Three outlets' printings of one wire story arriving in one scrape are
    // one story, as in a search.
    let prints = Prints::new(&searcher);
    let stories: Vec<Story<Arrived>> = fold(&prints, arrived, |arrival| arrival.3)
        .into_iter()
        .take(request.limit)
        .collect();
    let revised_flags: Vec<bool> = stories.iter().map(|story| story.first.2).collect();
    let page: Vec<OnPage> = stories
        .into_iter()
        .enumerate()
        .map(|(at, story)| OnPage {
            address: story.first.3,
            rank: at + 1,
            score: 0.0,
            all_words: true,
            folded: story.others,
        })
        .collect();
    let listing = (Some(&prints), &[][..]);
    let shown = hits(&searcher, fields, request, &highlighter, listing, page)?
        .into_iter()
        .zip(revised_flags)
        .map(|(hit, revised)| Arrival { hit, revised })
        .collect();
    Ok(Arrivals {
        seen: now,
        new,
        revised,
        shown,
    })
}
