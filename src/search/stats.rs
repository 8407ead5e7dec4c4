//! Coverage: how much the archive holds about a query (or holds at all), when,
//! under which sections and by whom. The counted set is what a reader means by
//! "the articles about X": the articles holding every word of the query (the
//! first tier of a search, the number it reports as holding every word), or
//! with `any_word` every article holding one; the search filters apply as in
//! [`super::filtered`]. Everything is read from fast columns (day, section,
//! byline): no stored text is loaded. At a million articles a count costs
//! 1.6-1.8 times the search for a word in a quarter of the articles, 2.5 times
//! for one in nearly all of them (docs/BENCHMARKS.md).

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{AllQuery, BooleanQuery, EnableScoring, Occur, Query, Weight};
use tantivy::{DateTime, DocId, DocSet, Searcher, SegmentReader, COLLECT_BLOCK_BUFFER_LEN};

use super::query::{CompiledQuery, UserQuery};
use super::rank::EpochDay;
use super::{check_section, filtered, SearchRequest};
use crate::error::{Error, Result};
use crate::index::days::{date_of, epoch_day_of};
use crate::index::schema::text_analyzer;
use crate::index::Archive;

/// How many bylines the coverage lists: enough for the wires and the regular
/// writers of a story, few enough to read at a glance.
pub const TOP_BYLINES: usize = 20;

/// About this many bars at most in a timeline whose period is not asked for:
/// what fits a terminal's height or a page's width and still reads as a shape.
pub const MOST_BARS: i64 = 60;

/// The length of a timeline bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar years, `YYYY`.
    Year,
    /// Calendar months, `YYYY-MM`.
    Month,
    /// ISO weeks (Monday to Sunday), `YYYY-Www`.
    Week,
    /// Days, `YYYY-MM-DD`.
    Day,
}

impl Period {
    /// The finest period that draws `first..=last` in at most [`MOST_BARS`] bars.
    pub fn fitting(first: NaiveDate, last: NaiveDate) -> Period {
        [Period::Day, Period::Week, Period::Month]
            .into_iter()
            .find(|period| period.bars(first, last) <= MOST_BARS)
            .unwrap_or(Period::Year)
    }

    /// The name `--by` takes and JSON gives.
    pub fn name(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Month => "month",
            Period::Week => "week",
            Period::Day => "day",
        }
    }

    /// The period a name spells (as `--by` and URLs give it).
    pub fn from_name(name: &str) -> Option<Period> {
        [Period::Year, Period::Month, Period::Week, Period::Day]
            .into_iter()
            .find(|period| period.name() == name)
    }

    /// How many bars `first..=last` takes.
    fn bars(self, first: NaiveDate, last: NaiveDate) -> i64 {
        let (first, last) = (self.start(first), self.start(last));
        match self {
            Period::Day => (last - first).num_days() + 1,
            Period::Week => (last - first).num_days() / 7 + 1,
            Period::Month => months_from_zero(last) - months_from_zero(first) + 1,
            Period::Year => i64::from(last.year() - first.year()) + 1,
        }
    }

    /// The first day of the period holding `day`.
    fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => day,
            Period::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Period::Month => day.with_day(1).unwrap_or(day),
            Period::Year => day.with_ordinal(1).unwrap_or(day),
        }
    }

    /// The first day of the period after the one starting on `start`.
    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => start.checked_add_days(Days::new(1)),
            Period::Week => start.checked_add_days(Days::new(7)),
            Period::Month => start.checked_add_months(Months::new(1)),
            Period::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// The period's label, as JSON and the chart give it.
    pub fn label(self, day: NaiveDate) -> String {
        match self {
            Period::Day => day.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let week = day.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Period::Month => day.format("%Y-%m").to_string(),
            Period::Year => day.format("%Y").to_string(),
        }
    }
}

fn months_from_zero(day: NaiveDate) -> i64 {
    i64::from(day.year()) * 12 + i64::from(day.month0())
}

/// What a coverage count is asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsRequest {
    /// The query and filters, as for a search (order and paging are unused).
    pub search: SearchRequest,
    /// Count every article holding any word of the query, not only those
    /// holding all of them.
    pub any_word: bool,
    /// The timeline's period; `None` picks one with [`Period::fitting`].
    pub by: Option<Period>,
}

/// One bar of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// The period's label (`1987`, `1987-03`, `1987-W11`, `1987-03-09`).
    pub period: String,
    /// Articles dated within it.
    pub count: u64,
    /// Its first day: what a click on its bar narrows a search to, with `last_day`.
    #[serde(skip)]
    pub first_day: NaiveDate,
    /// Its last day.
    #[serde(skip)]
    pub last_day: NaiveDate,
}

/// What the archive holds about a query: `morgue stats`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Number of articles counted.
    pub articles: u64,
    /// Of those, articles without a usable date (in no timeline bar).
    pub undated: u64,
    /// Oldest publication day.
    pub first_date: Option<NaiveDate>,
    /// Newest publication day.
    pub last_date: Option<NaiveDate>,
    /// Articles per section path (every section).
    pub sections: BTreeMap<String, u64>,
    /// Articles per byline, the [`TOP_BYLINES`] most frequent (wires and
    /// people alike; ties by name).
    pub bylines: BTreeMap<String, u64>,
    /// Articles per period, every period from the first to the last, zeros
    /// included.
    pub timeline: Vec<PeriodCount>,
    /// The timeline's period.
    pub by: Option<Period>,
    /// Index segments: each is opened by every search, so many of them on a
    /// large archive say `morgue index --compact` would pay off.
    pub segments: usize,
}

/// Counts the articles a request covers by day, section and byline, from the
/// fast columns alone.
pub fn stats(archive: &Archive, request: &StatsRequest) -> Result<Stats> {
    let searcher = archive.searcher();
    let fields = archive.fields();
    check_section(&searcher, fields, request.search.section.as_deref())?;
    let compiled = CompiledQuery::compile(
        &UserQuery::parse(&request.search.query),
        fields,
        &text_analyzer(),
    );
    let matching = if request.any_word {
        compiled.loose
    } else {
        compiled.strict
    };
    let search = &request.search;
    let unfiltered = search.since.is_none() && search.until.is_none() && search.section.is_none();
    // The whole archive: every live article, no query to run.
    let query = (!(unfiltered && compiled.everything)).then(|| filtered(matching, fields, search));
    Ok(Tally::of(&searcher, query.as_ref())?
        .into_stats(request.by, searcher.segment_readers().len()))
}

/// Every section path the archive files articles under, in order.
pub(super) fn sections(searcher: &Searcher) -> Result<Vec<String>> {
    let mut names: Vec<String> = Tally::of(searcher, None)?.sections.into_keys().collect();
    names.sort();
    Ok(names)
}

/// Counts gathered over the segments, by raw day and by name.
#[derive(Default)]
struct Tally {
    articles: u64,
    undated: u64,
    days: FxHashMap<EpochDay, u64>,
    sections: FxHashMap<String, u64>,
    bylines: FxHashMap<String, u64>,
}

impl Tally {
    /// Counts the matches of `query` (`None`: every live article).
    fn of(searcher: &Searcher, query: Option<&BooleanQuery>) -> Result<Tally> {
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        let weights = query
            .map(|query| -> Result<(Box<dyn Weight>, Box<dyn Weight>)> {
                let others = BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, Box::new(query.clone())),
                ]);
                Ok((query.weight(scoring)?, others.weight(scoring)?))
            })
            .transpose()?;
        let mut tally = Tally::default();
        for segment in searcher.segment_readers() {
            let weights = weights
                .as_ref()
                .map(|(ours, others)| (ours.as_ref(), others.as_ref()));
            tally.segment(segment, weights)?;
        }
        Ok(tally)
    }

    /// Counts the matches of `weight` in one segment (`None`: every live
    /// article). Matches are taken 64 at a time and their columns read a
    /// block at a time into counters indexed by day and by ordinal: per
    /// match, reading and hashing one value at a time made a stats call
    /// 1.7-3.0 times the search for the same word at a million articles.
    ///
    /// `weights` are the query's and its complement's (every article it does
    /// not match). When a segment has no deletions and the query matches most
    /// of it (a word such as "said", in 94% of a million articles), the
    /// segment is counted whole, straight through its columns, less the few
    /// articles the query leaves out: 2.5 times the search for the word
    /// before, as each match had its rows found one block at a time. (The
    /// complement as the gaps between a block read of the matches measured
    /// slower than tantivy's exclusion, 15.1 against 11.8 ms.)
    fn segment(
        &mut self,
        segment: &SegmentReader,
        weights: Option<(&dyn Weight, &dyn Weight)>,
    ) -> Result<()> {
        let fast = segment.fast_fields();
        let new_counter = || -> Result<SegmentCounter> {
            Ok(SegmentCounter::new(
                fast.date("date").ok(),
                fast.str("section")?,
                fast.str("byline")?,
            ))
        };
        let mut counter = new_counter()?;
        let whole = segment.alive_bitset().is_none();
        match weights {
            None if whole => counter.count_all(segment.max_doc()),
            Some((ours, others)) if whole && mostly_matched(segment, ours)? => {
                counter.count_all(segment.max_doc());
                let mut left_out = new_counter()?;
                live_blocks(segment, Some(others), |docs| left_out.count(docs))?;
                counter.subtract(&left_out);
            }
            _ => live_blocks(segment, weights.map(|(ours, _)| ours), |docs| {
                counter.count(docs)
            })?,
        }
        self.articles += counter.articles;
        self.undated += counter.undated;
        counter.days.add_to(&mut self.days);
        add_names(
            counter.sections.as_ref(),
            &counter.section_counts,
            &mut self.sections,
        )?;
        add_names(
            counter.bylines.as_ref(),
            &counter.byline_counts,
            &mut self.bylines,
        )?;
        Ok(())
    }

    fn into_stats(self, by: Option<Period>, segments: usize) -> Stats {
        let first = self.days.keys().min().copied().map(date_of);
        let last = self.days.keys().max().copied().map(date_of);
        let by = by.or_else(|| Some(Period::fitting(first?, last?)));
        let timeline = match (first, last, by) {
            (Some(first), Some(last), Some(period)) => timeline(&self.days, first, last, period),
            _ => Vec::new(),
        };
        let mut bylines: Vec<(String, u64)> = self.bylines.into_iter().collect();
        bylines.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        bylines.truncate(TOP_BYLINES);
        Stats {
            articles: self.articles,
            undated: self.undated,
            first_date: first,
            last_date: last,
            sections: self.sections.into_iter().collect(),
            bylines: bylines.into_iter().collect(),
            timeline,
            by,
            segments,
        }
    }
}

/// Whether a query matches more than three in five articles of a segment, as
/// its posting lists estimate it (a word's document count).
fn mostly_matched(segment: &SegmentReader, weight: &dyn Weight) -> Result<bool> {
    let matches = weight.scorer(segment, 1.0)?;
    Ok(u64::from(matches.size_hint()) * 5 > u64::from(segment.max_doc()) * 3)
}

/// Calls `each` with the live documents of `segment` that `weight` matches
/// (`None`: every live document), 64 at a time, in order.
pub(super) fn live_blocks(
    segment: &SegmentReader,
    weight: Option<&dyn Weight>,
    mut each: impl FnMut(&[DocId]),
) -> Result<()> {
    let mut block = [0; COLLECT_BLOCK_BUFFER_LEN];
    let Some(weight) = weight else {
        let mut alive = segment.doc_ids_alive();
        loop {
            let mut read = 0;
            for slot in block.iter_mut() {
                let Some(doc) = alive.next() else { break };
                *slot = doc;
                read += 1;
            }
            each(&block[..read]);
            if read < COLLECT_BLOCK_BUFFER_LEN {
                return Ok(());
            }
        }
    };
    let alive = segment.alive_bitset();
    let mut matches = weight.scorer(segment, 1.0)?;
    loop {
        let read = matches.fill_buffer(&mut block);
        let mut kept = 0;
        for at in 0..read {
            let doc = block[at];
            if alive.is_none_or(|alive| alive.is_alive(doc)) {
                block[kept] = doc;
                kept += 1;
            }
        }
        each(&block[..kept]);
        if read < COLLECT_BLOCK_BUFFER_LEN {
            return Ok(());
        }
    }
}

/// Adds a segment's counts per column ordinal to the counts per name, looking
/// the names up in one ordered pass over the column's dictionary.
fn add_names(
    column: Option<&StrColumn>,
    by_ord: &[u64],
    by_name: &mut FxHashMap<String, u64>,
) -> Result<()> {
    let Some(column) = column else {
        return Ok(());
    };
    let ords: Vec<u64> = (0..by_ord.len() as u64)
        .filter(|&ord| by_ord[ord as usize] > 0)
        .collect();
    let mut counts = ords.iter().map(|&ord| by_ord[ord as usize]);
    column
        .dictionary()
        .sorted_ords_to_term_cb(&ords, |bytes| {
            let name = String::from_utf8_lossy(bytes);
            *by_name.entry(name.into_owned()).or_default() += counts.next().unwrap_or(0);
        })
        .map_err(|error| Error::io("index", error))?;
    Ok(())
}

/// One segment's counts, kept where they are cheapest to bump.
struct SegmentCounter {
    dates: Option<Column<DateTime>>,
    sections: Option<StrColumn>,
    bylines: Option<StrColumn>,
    articles: u64,
    undated: u64,
    days: DayCounts,
    section_counts: Vec<u64>,
    byline_counts: Vec<u64>,
    /// Reused for every block of matches.
    day_values: [Option<DateTime>; COLLECT_BLOCK_BUFFER_LEN],
    doc_rows: Vec<DocId>,
    rows: Vec<u32>,
    row_values: Vec<u64>,
}

impl SegmentCounter {
    fn new(
        dates: Option<Column<DateTime>>,
        sections: Option<StrColumn>,
        bylines: Option<StrColumn>,
    ) -> Self {
        let terms = |column: &Option<StrColumn>| {
            column
                .as_ref()
                .map_or(0, |column| column.dictionary().num_terms())
        };
        SegmentCounter {
            days: DayCounts::for_column(dates.as_ref()),
            section_counts: vec![0; terms(&sections)],
            byline_counts: vec![0; terms(&bylines)],
            dates,
            sections,
            bylines,
            articles: 0,
            undated: 0,
            day_values: [None; COLLECT_BLOCK_BUFFER_LEN],
            doc_rows: Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN),
            rows: Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN),
            row_values: Vec::with_capacity(COLLECT_BLOCK_BUFFER_LEN),
        }
    }

    /// Counts a block of live matching documents.
    fn count(&mut self, docs: &[DocId]) {
        self.articles += docs.len() as u64;
        let days = &mut self.day_values[..docs.len()];
        days.fill(None);
        if let Some(dates) = &self.dates {
            dates.first_vals(docs, days);
        }
        for day in days.iter() {
            match day {
                Some(value) => self.days.add(epoch_day_of(*value)),
                None => self.undated += 1,
            }
        }
        for (column, counts) in [
            (&self.sections, &mut self.section_counts),
            (&self.bylines, &mut self.byline_counts),
        ] {
            let Some(column) = column else { continue };
            // Rows found for the whole block at once: one by one, finding
            // each document's row in an optional column was most of the cost.
            let ords = column.ords();
            self.doc_rows.clear();
            self.rows.clear();
            ords.row_ids_for_docs(docs, &mut self.doc_rows, &mut self.rows);
            self.row_values.resize(self.rows.len(), 0);
            ords.values.get_vals(&self.rows, &mut self.row_values);
            for &ord in &self.row_values {
                if let Some(count) = counts.get_mut(ord as usize) {
                    *count += 1;
                }
            }
        }
    }
}

impl SegmentCounter {
    /// Counts every document of a segment without deletions: the columns'
    /// values are read straight through, without finding each document's row
    /// (the whole archive's stats at a million articles: 21.5 ms before).
    fn count_all(&mut self, documents: u32) {
        self.articles += u64::from(documents);
        let mut dated = 0;
        if let Some(dates) = &self.dates {
            let mut values = [DateTime::default(); COLLECT_BLOCK_BUFFER_LEN];
            for_each_value(dates, &mut values, |value| {
                dated += 1;
                self.days.add(epoch_day_of(value));
            });
        }
        self.undated += u64::from(documents).saturating_sub(dated);
        let mut values = [0; COLLECT_BLOCK_BUFFER_LEN];
        for (column, counts) in [
            (&self.sections, &mut self.section_counts),
            (&self.bylines, &mut self.byline_counts),
        ] {
            let Some(column) = column else { continue };
            for_each_value(column.ords(), &mut values, |ord| {
                if let Some(count) = counts.get_mut(ord as usize) {
                    *count += 1;
                }
            });
        }
    }
}

impl SegmentCounter {
    /// Takes another count of the same segment's columns from this one.
    fn subtract(&mut self, other: &SegmentCounter) {
        self.articles = self.articles.saturating_sub(other.articles);
        self.undated = self.undated.saturating_sub(other.undated);
        self.days.subtract(&other.days);
        for (ours, theirs) in [
            (&mut self.section_counts, &other.section_counts),
            (&mut self.byline_counts, &other.byline_counts),
        ] {
            for (count, taken) in ours.iter_mut().zip(theirs) {
                *count = count.saturating_sub(*taken);
            }
        }
    }
}

/// Calls `each` with every value of a column, read a block at a time.
fn for_each_value<T: Copy + PartialOrd + std::fmt::Debug + Send + Sync + 'static>(
    column: &Column<T>,
    block: &mut [T; COLLECT_BLOCK_BUFFER_LEN],
    mut each: impl FnMut(T),
) {
    let rows = column.values.num_vals();
    let mut indexes = [0u32; COLLECT_BLOCK_BUFFER_LEN];
    let mut from = 0;
    while from < rows {
        let length = (rows - from).min(COLLECT_BLOCK_BUFFER_LEN as u32) as usize;
        for (at, index) in indexes[..length].iter_mut().enumerate() {
            *index = from + at as u32;
        }
        column
            .values
            .get_vals(&indexes[..length], &mut block[..length]);
        block[..length].iter().copied().for_each(&mut each);
        from += length as u32;
    }
}

/// Articles per day: a counter per day of the segment's span when that span
/// is sane (up to about three centuries), else a map.
enum DayCounts {
    Span { first: EpochDay, counts: Vec<u64> },
    Map(FxHashMap<EpochDay, u64>),
}

/// Longest span of days counted in a plain array.
const MOST_DAYS_IN_AN_ARRAY: i64 = 1 << 17;

impl DayCounts {
    fn for_column(dates: Option<&Column<DateTime>>) -> Self {
        if let Some(dates) = dates {
            let (first, last) = (
                epoch_day_of(dates.min_value()),
                epoch_day_of(dates.max_value()),
            );
            if (0..MOST_DAYS_IN_AN_ARRAY).contains(&(last - first)) {
                return DayCounts::Span {
                    first,
                    counts: vec![0; (last - first + 1) as usize],
                };
            }
        }
        DayCounts::Map(FxHashMap::default())
    }

    fn add(&mut self, day: EpochDay) {
        match self {
            DayCounts::Span { first, counts } => {
                if let Some(count) = usize::try_from(day - *first)
                    .ok()
                    .and_then(|at| counts.get_mut(at))
                {
                    *count += 1;
                }
            }
            DayCounts::Map(counts) => *counts.entry(day).or_default() += 1,
        }
    }

    /// Takes counts made over the same column from these.
    fn subtract(&mut self, other: &DayCounts) {
        match (self, other) {
            (DayCounts::Span { counts, .. }, DayCounts::Span { counts: taken, .. }) => {
                for (count, taken) in counts.iter_mut().zip(taken) {
                    *count = count.saturating_sub(*taken);
                }
            }
            (DayCounts::Map(counts), DayCounts::Map(taken)) => {
                for (day, taken) in taken {
                    if let Some(count) = counts.get_mut(day) {
                        *count = count.saturating_sub(*taken);
                    }
                }
                counts.retain(|_, count| *count > 0);
            }
            // Counts over one column always take the same shape.
            _ => {}
        }
    }

    fn add_to(self, all: &mut FxHashMap<EpochDay, u64>) {
        match self {
            DayCounts::Span { first, counts } => {
                for (offset, count) in counts.into_iter().enumerate() {
                    if count > 0 {
                        *all.entry(first + offset as EpochDay).or_default() += count;
                    }
                }
            }
            DayCounts::Map(counts) => {
                for (day, count) in counts {
                    *all.entry(day).or_default() += count;
                }
            }
        }
    }
}

/// Every period from the one holding `first` to the one holding `last`, with
/// its count (zero where nothing ran).
fn timeline(
    days: &FxHashMap<EpochDay, u64>,
    first: NaiveDate,
    last: NaiveDate,
    period: Period,
) -> Vec<PeriodCount> {
    let mut per_start: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (&day, &count) in days {
        *per_start.entry(period.start(date_of(day))).or_default() += count;
    }
    let mut bars = Vec::new();
    let mut start = Some(period.start(first));
    while let Some(at) = start.filter(|&at| at <= last) {
        let next = period.next(at);
        bars.push(PeriodCount {
            period: period.label(at),
            count: per_start.get(&at).copied().unwrap_or(0),
            first_day: at,
            last_day: next.and_then(|next| next.pred_opt()).unwrap_or(at),
        });
        start = next;
    }
    bars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_finest_period_that_keeps_sixty_bars_is_picked() {
        for (first, last, period) in [
            (day(2019, 12, 1), day(2019, 12, 31), Period::Day),
            (day(2019, 1, 1), day(2019, 3, 1), Period::Day),
            (day(2019, 1, 1), day(2019, 3, 2), Period::Week),
            (day(2019, 1, 1), day(2019, 12, 31), Period::Week),
            (day(1987, 1, 1), day(1990, 12, 31), Period::Month),
            (day(1987, 1, 1), day(1992, 1, 1), Period::Year),
            (day(1900, 1, 1), day(2024, 1, 1), Period::Year),
        ] {
            assert_eq!(Period::fitting(first, last), period, "{first} to {last}");
        }
    }

    #[test]
    fn periods_are_labelled_as_json_gives_them() {
        let sunday = day(2019, 12, 29);
        assert_eq!(Period::Day.label(sunday), "2019-12-29");
        assert_eq!(Period::Week.label(sunday), "2019-W52");
        // ISO weeks belong to the year of their Thursday.
        assert_eq!(Period::Week.label(day(2019, 12, 30)), "2020-W01");
        assert_eq!(Period::Month.label(sunday), "2019-12");
        assert_eq!(Period::Year.label(sunday), "2019");
    }

    #[test]
    fn a_timeline_has_every_period_between_first_and_last_with_zeros() {
        let epoch = |date: NaiveDate| crate::index::days::epoch_day(date);
        let days: FxHashMap<EpochDay, u64> = [
            (epoch(day(2019, 11, 30)), 2),
            (epoch(day(2020, 2, 1)), 3),
            (epoch(day(2020, 2, 29)), 1),
        ]
        .into_iter()
        .collect();
        let bars = timeline(&days, day(2019, 11, 30), day(2020, 2, 29), Period::Month);
        let shown: Vec<(&str, u64)> = bars
            .iter()
            .map(|bar| (bar.period.as_str(), bar.count))
            .collect();
        assert_eq!(
            shown,
            [
                ("2019-11", 2),
                ("2019-12", 0),
                ("2020-01", 0),
                ("2020-02", 4)
            ]
        );
        let weeks = timeline(&days, day(2019, 11, 30), day(2020, 2, 29), Period::Week);
        assert_eq!(
            weeks.first().map(|bar| bar.period.as_str()),
            Some("2019-W48")
        );
        assert_eq!(
            weeks.last().map(|bar| bar.period.as_str()),
            Some("2020-W09")
        );
        assert_eq!(weeks.iter().map(|bar| bar.count).sum::<u64>(), 6);
        assert_eq!(weeks.len(), 14);
    }
}
