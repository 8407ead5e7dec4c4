//! A search as the library takes it: already validated, dates already days,
//! the order already an enum. The binary builds one from its flags with the
//! parsers here, so every command-line check has one home.

use chrono::{Datelike, Months, NaiveDate};

use crate::error::{Error, Result};

/// How hits are ordered. Within every order, articles holding all the query's
/// words come before those holding only some.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// BM25 relevance, headline weighted.
    Relevance,
    /// Newest first; same-day articles by relevance.
    Date,
    /// Oldest first; same-day articles by relevance.
    Oldest,
    /// Relevance with a mild preference for recent articles (see `rank`).
    #[default]
    Blend,
}

impl Sort {
    /// Every order with its name, as flags and URLs spell them.
    pub const ALL: [(&'static str, Sort); 4] = [
        ("relevance", Sort::Relevance),
        ("date", Sort::Date),
        ("oldest", Sort::Oldest),
        ("blend", Sort::Blend),
    ];

    /// The order a name spells.
    pub fn from_name(name: &str) -> Option<Sort> {
        Sort::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, sort)| *sort)
    }

    /// The name of an order.
    pub fn name(self) -> &'static str {
        Sort::ALL
            .iter()
            .find(|(_, sort)| *sort == self)
            .map_or("blend", |(name, _)| name)
    }
}

/// A validated search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// What the user typed; see `query` for the syntax.
    pub query: String,
    /// First day included.
    pub since: Option<NaiveDate>,
    /// Last day included.
    pub until: Option<NaiveDate>,
    /// Section filter, matched against any level of the section path.
    pub section: Option<String>,
    /// Order of hits.
    pub sort: Sort,
    /// Hits to return; 0 asks only for the count.
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// Half-life of the recency boost in `blend`, in days.
    pub half_life_days: f64,
    /// Longest query accepted, in characters.
    pub max_query_chars: usize,
    /// Every wire copy as a hit of its own, instead of one hit per story.
    pub all_copies: bool,
}

/// Default longest query: a long pasted paragraph fits; a pasted article
/// (thousands of words, each a clause to score) is refused rather than left
/// to run for seconds.
pub const DEFAULT_MAX_QUERY_CHARS: usize = 2_000;

/// Default half-life of the recency boost: a year. News archives span decades;
/// a year keeps last month's story a little ahead of last decade's without
/// reordering stories a few weeks apart.
pub const DEFAULT_HALF_LIFE_DAYS: f64 = 365.0;

impl SearchRequest {
    /// A request with default order and paging for `query`.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            since: None,
            until: None,
            section: None,
            sort: Sort::default(),
            limit: 10,
            offset: 0,
            half_life_days: DEFAULT_HALF_LIFE_DAYS,
            max_query_chars: DEFAULT_MAX_QUERY_CHARS,
            all_copies: false,
        }
    }

    /// Whether dates or a section narrow the request.
    pub fn is_filtered(&self) -> bool {
        self.since.is_some() || self.until.is_some() || self.section.is_some()
    }

    /// Checks what no single flag can: the date range is not empty and the
    /// half-life is a positive number of days.
    pub fn validate(self) -> Result<Self> {
        let length = self.query.chars().count();
        if length > self.max_query_chars {
            return Err(Error::BadRequest(format!(
                "the query is {length} characters long, over the limit of {} (raise it with --max-query-chars)",
                self.max_query_chars
            )));
        }
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(Error::BadRequest(format!(
                    "--since {since} is after --until {until}: no day is in that range"
                )));
            }
        }
        if !(self.half_life_days.is_finite() && self.half_life_days > 0.0) {
            return Err(Error::BadRequest(
                "--half-life must be a positive number of days".to_string(),
            ));
        }
        Ok(self)
    }
}

/// Which end of a date range a flag gives: `2019-12` means the 1st as a start
/// and the 31st as an end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeEnd {
    /// `--since`: the first day of a month or year.
    Start,
    /// `--until`: the last day of a month or year.
    End,
}

/// Parses a date flag: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or a span back from
/// `today` such as `30d`, `2w`, `6m`, `1y`. The error says what is accepted.
pub fn parse_date_flag(text: &str, end: RangeEnd, today: NaiveDate) -> Result<NaiveDate, String> {
    let text = text.trim();
    let bad = || {
        format!(
            "'{text}' is not a date: use YYYY-MM-DD, YYYY-MM, YYYY, or a span back from today like 30d, 2w, 6m, 1y"
        )
    };
    if let Some(date) = relative(text, today) {
        return date.ok_or_else(bad);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|part| part.parse().ok()).collect();
    let numbers = numbers.ok_or_else(bad)?;
    let year = |digits: &str, value: u32| (digits.len() == 4).then_some(value as i32);
    let date = match (parts.as_slice(), numbers.as_slice()) {
        ([y], [yv]) => {
            let year = year(y, *yv).ok_or_else(bad)?;
            match end {
                RangeEnd::Start => NaiveDate::from_ymd_opt(year, 1, 1),
                RangeEnd::End => NaiveDate::from_ymd_opt(year, 12, 31),
            }
        }
        ([y, _], [yv, month]) => {
            let first = NaiveDate::from_ymd_opt(year(y, *yv).ok_or_else(bad)?, *month, 1);
            match end {
                RangeEnd::Start => first,
                RangeEnd::End => first
                    .and_then(|first| first.checked_add_months(Months::new(1)))
                    .and_then(|next| next.pred_opt()),
            }
        }
        ([y, _, _], [yv, month, day]) => {
            NaiveDate::from_ymd_opt(year(y, *yv).ok_or_else(bad)?, *month, *day)
        }
        _ => None,
    };
    date.ok_or_else(bad)
}

/// `Some(None)` for a span-shaped text that overflows the calendar.
fn relative(text: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let unit = text.chars().last()?;
    let amount: u32 = text[..text.len() - unit.len_utf8()].parse().ok()?;
    Some(match unit.to_ascii_lowercase() {
        'd' => today.checked_sub_days(chrono::Days::new(amount.into())),
        'w' => today.checked_sub_days(chrono::Days::new(u64::from(amount) * 7)),
        'm' => today.checked_sub_months(Months::new(amount)),
        'y' => amount
            .checked_mul(12)
            .and_then(|months| today.checked_sub_months(Months::new(months))),
        _ => return None,
    })
    .map(|date| date.filter(|date| date.year() >= 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn whole_months_and_years_are_inclusive() {
        let today = day(2026, 11, 28);
        let parse = |text, end| parse_date_flag(text, end, today).unwrap();
        assert_eq!(parse("2019-12", RangeEnd::Start), day(2019, 12, 1));
        assert_eq!(parse("2019-12", RangeEnd::End), day(2019, 12, 31));
        assert_eq!(parse("2020-02", RangeEnd::End), day(2020, 2, 29));
        assert_eq!(parse("1987", RangeEnd::Start), day(1987, 1, 1));
        assert_eq!(parse("1987", RangeEnd::End), day(1987, 12, 31));
        assert_eq!(parse("2019-12-10", RangeEnd::End), day(2019, 12, 10));
    }

    #[test]
    fn spans_count_back_from_today() {
        let today = day(2026, 11, 28);
        let parse = |text| parse_date_flag(text, RangeEnd::Start, today).unwrap();
        assert_eq!(parse("30d"), day(2026, 10, 29));
        assert_eq!(parse("2w"), day(2026, 11, 14));
        assert_eq!(parse("6m"), day(2026, 5, 28));
        assert_eq!(parse("1y"), day(2025, 11, 28));
    }

    #[test]
    fn bad_dates_say_what_is_accepted() {
        let today = day(2026, 11, 28);
        for text in [
            "2019-13",
            "2019-02-30",
            "yesterday",
            "19-12-01",
            "",
            "99999999999d",
            "-5d",
        ] {
            let error = parse_date_flag(text, RangeEnd::Start, today).unwrap_err();
            assert!(error.contains("YYYY-MM-DD"), "{text}: {error}");
        }
    }

    #[test]
    fn overlong_queries_are_refused_naming_the_flag() {
        let request = SearchRequest::new("word ".repeat(500));
        let error = request.validate().unwrap_err().to_string();
        assert!(error.contains("2500 characters") && error.contains("--max-query-chars"));
    }

    #[test]
    fn inverted_range_is_rejected() {
        let mut request = SearchRequest::new("x");
        request.since = Some(day(2020, 1, 1));
        request.until = Some(day(2019, 1, 1));
        assert!(request.validate().is_err());
    }
}
