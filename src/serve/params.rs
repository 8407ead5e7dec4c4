//! URL parameters, parsed into the library's requests with the CLI's rules
//! and messages (a parameter is named as the URL names it: `since`, not
//! `--since`). Pages and the JSON API take the same parameters.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::search::request::{parse_date_flag, RangeEnd};
use crate::search::{Period, RelatedRequest, SearchRequest, Sort, StatsRequest};

/// Most hits a page or an API call returns: a deeper page is asked for with
/// `offset`.
pub const MOST_HITS: usize = 100;

/// The parameters of a search, as the URL gives them (all text: a bad value
/// is a 400 with the CLI's message, not a rejection by the extractor).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Params {
    /// The query, in the CLI's syntax.
    pub q: Option<String>,
    /// First day, in any form `--since` takes.
    pub since: Option<String>,
    /// Last day, in any form `--until` takes.
    pub until: Option<String>,
    /// Section filter.
    pub section: Option<String>,
    /// `relevance`, `date`, `oldest` or `blend`.
    pub sort: Option<String>,
    /// Hits per page (at most [`MOST_HITS`]).
    pub limit: Option<String>,
    /// Hits to skip.
    pub offset: Option<String>,
    /// Every wire copy as a hit of its own.
    pub all_copies: Option<String>,
    /// `/api/search`: add the query's coverage (`stats --json`).
    pub stats: Option<String>,
    /// `/api/stats`: the timeline's period.
    pub by: Option<String>,
    /// `/api/stats`: count articles holding any word.
    pub any: Option<String>,
}

impl Params {
    /// The search these parameters ask for.
    pub fn search(&self, today: NaiveDate) -> Result<SearchRequest> {
        // Test builds only: a query that panics its handler, so that tests
        // can check a bug costs one request a 500, not the server (#21).
        #[cfg(debug_assertions)]
        if std::env::var("MORGUE_TEST_PANIC_ON_QUERY").is_ok_and(|query| Some(query) == self.q) {
            panic!("deliberate panic for a test");
        }
        let mut request = self.filtered(today)?;
        if let Some(sort) = nonempty(&self.sort) {
            request.sort = Sort::from_name(sort).ok_or_else(|| {
                let names: Vec<&str> = Sort::ALL.iter().map(|(name, _)| *name).collect();
                bad(format!("sort: '{sort}' is not one of {}", names.join(", ")))
            })?;
        }
        request.limit = number("limit", &self.limit, 10)?.min(MOST_HITS);
        request.offset = number("offset", &self.offset, 0)?;
        request.all_copies = flag("all_copies", &self.all_copies)?;
        request.validate()
    }

    /// The coverage these parameters ask for.
    pub fn stats(&self, today: NaiveDate) -> Result<StatsRequest> {
        let search = self.filtered(today)?.validate()?;
        let by = match nonempty(&self.by) {
            Some(name) => Some(Period::from_name(name).ok_or_else(|| {
                bad(format!("by: '{name}' is not one of year, month, week, day"))
            })?),
            None => None,
        };
        Ok(StatsRequest {
            search,
            by,
            any_word: flag("any", &self.any)?,
        })
    }

    /// The related stories of article `id` these parameters ask for.
    pub fn related(&self, id: &str, today: NaiveDate) -> Result<RelatedRequest> {
        let mut search = self.filtered(today)?;
        search.limit = number("limit", &self.limit, 10)?.min(MOST_HITS);
        Ok(RelatedRequest {
            id: id.to_string(),
            search: search.validate()?,
        })
    }

    /// Whether the coverage of the query is asked for with its hits.
    pub fn wants_stats(&self) -> Result<bool> {
        flag("stats", &self.stats)
    }

    /// The query and its date and section filters, everything else default.
    fn filtered(&self, today: NaiveDate) -> Result<SearchRequest> {
        let date = |name: &str, value: &Option<String>, end| {
            nonempty(value)
                .map(|text| parse_date_flag(text, end, today))
                .transpose()
                .map_err(|message| bad(format!("{name}: {message}")))
        };
        Ok(SearchRequest {
            since: date("since", &self.since, RangeEnd::Start)?,
            until: date("until", &self.until, RangeEnd::End)?,
            section: nonempty(&self.section).map(str::to_string),
            ..SearchRequest::new(self.q.clone().unwrap_or_default())
        })
    }
}

/// A parameter's value, unless it is absent or blank (an empty form field).
fn nonempty(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
}

fn number(name: &str, value: &Option<String>, default: usize) -> Result<usize> {
    match nonempty(value) {
        None => Ok(default),
        Some(text) => text
            .parse()
            .map_err(|_| bad(format!("{name}: '{text}' is not a whole number"))),
    }
}

fn flag(name: &str, value: &Option<String>) -> Result<bool> {
    match nonempty(value) {
        None | Some("0" | "false" | "no") => Ok(false),
        Some("1" | "true" | "yes" | "on") => Ok(true),
        Some(text) => Err(bad(format!("{name}: '{text}' is not true or false"))),
    }
}

fn bad(message: String) -> Error {
    Error::BadRequest(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    #[test]
    fn parameters_become_the_request_the_cli_would_build() {
        let params = Params {
            q: Some("oil prices".into()),
            since: Some("1987-03".into()),
            until: Some("1987".into()),
            section: Some("  ".into()),
            sort: Some("date".into()),
            limit: Some("500".into()),
            all_copies: Some("1".into()),
            ..Params::default()
        };
        let request = params.search(today()).unwrap();
        assert_eq!(request.since, NaiveDate::from_ymd_opt(1987, 3, 1));
        assert_eq!(request.until, NaiveDate::from_ymd_opt(1987, 12, 31));
        assert_eq!(request.section, None);
        assert_eq!((request.sort, request.limit), (Sort::Date, MOST_HITS));
        assert!(request.all_copies);
    }

    #[test]
    fn bad_values_are_named_as_the_url_names_them() {
        let message = |params: Params| params.search(today()).unwrap_err().to_string();
        let since = Params {
            since: Some("yesterday-ish".into()),
            ..Params::default()
        };
        assert!(message(since).starts_with("since: "));
        let sort = Params {
            sort: Some("best".into()),
            ..Params::default()
        };
        assert!(message(sort).contains("relevance, date, oldest, blend"));
        let limit = Params {
            limit: Some("-3".into()),
            ..Params::default()
        };
        assert!(message(limit).starts_with("limit: "));
        let backwards = Params {
            since: Some("1988".into()),
            until: Some("1987".into()),
            ..Params::default()
        };
        assert!(backwards.search(today()).is_err());
    }
}
