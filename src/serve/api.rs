//! The JSON API: the CLI's `--json` answers over HTTP, documented in
//! `docs/openapi.json`. Errors are `{"error": …}` with 400, 404 or 503.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State as Extract};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use super::params::Params;
use super::{on_archive, Failure, State};
use crate::print::{JsonHit, JsonShown};
use crate::search::{self, MatchCount, SearchResults, Stats};

/// `GET /api/search`: one page of hits, and the query's coverage when `stats`
/// is set.
pub async fn search(
    Extract(shared): Extract<State>,
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    let answer = async {
        let params = query(params)?;
        let request = params.search(today())?;
        let stats = if params.wants_stats()? {
            Some(params.stats(today())?)
        } else {
            None
        };
        on_archive(&shared, move |archive| {
            // Test builds only: a query that takes a while, so that tests can
            // see the time limit and the bound on requests in flight at work.
            #[cfg(debug_assertions)]
            if std::env::var("MORGUE_TEST_SLOW_QUERY").is_ok_and(|slow| slow == request.query) {
                std::thread::sleep(std::time::Duration::from_millis(1_500));
            }
            let results = search::search(archive, &request)?;
            let stats = stats
                .map(|stats| search::stats(archive, &stats))
                .transpose()?;
            Ok((results, stats))
        })
        .await
    };
    match answer.await {
        Ok((results, stats)) => Json(SearchAnswer::new(&results, stats.as_ref())).into_response(),
        Err(failure) => failure.json(),
    }
}

/// `GET /api/stats`: what `stats --json` prints.
pub async fn stats(
    Extract(shared): Extract<State>,
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    let answer = async {
        let request = query(params)?.stats(today())?;
        on_archive(&shared, move |archive| search::stats(archive, &request)).await
    };
    match answer.await {
        Ok(stats) => Json(stats).into_response(),
        Err(failure) => failure.json(),
    }
}

/// `GET /api/articles/{id}`: what `show --json` prints.
pub async fn article(
    Extract(shared): Extract<State>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let answer = async {
        let id = path(id)?;
        on_archive(&shared, move |archive| {
            search::show_with_copies(archive, &id)
        })
        .await
    };
    match answer.await {
        Ok((article, copies)) => Json(JsonShown::new(&article, &copies)).into_response(),
        Err(failure) => failure.json(),
    }
}

/// `GET /api/articles/{id}/related`: what `related --json` prints, as `hits`.
pub async fn related(
    Extract(shared): Extract<State>,
    id: Result<Path<String>, PathRejection>,
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    let answer = async {
        let request = query(params)?.related(&path(id)?, today())?;
        on_archive(&shared, move |archive| search::related(archive, &request)).await
    };
    match answer.await {
        Ok(results) => Json(SearchAnswer::new(&results, None)).into_response(),
        Err(failure) => failure.json(),
    }
}

/// Any other path under `/api/`.
pub async fn not_found() -> Response {
    Failure::NotFound("no such API path; see docs/openapi.json".into()).json()
}

/// The answer of `/api/search`.
#[derive(Serialize)]
struct SearchAnswer<'a> {
    /// Articles matching (a lower bound when `matches_exact` is false).
    matches: u64,
    matches_exact: bool,
    /// Of those, articles holding every word.
    all_words: u64,
    /// The hits, as `search --json` prints them.
    hits: Vec<JsonHit<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<&'a Stats>,
}

impl<'a> SearchAnswer<'a> {
    fn new(results: &'a SearchResults, stats: Option<&'a Stats>) -> Self {
        SearchAnswer {
            matches: results.total.at_least(),
            matches_exact: matches!(results.total, MatchCount::Exact(_)),
            all_words: results.all_words,
            hits: results.hits.iter().map(JsonHit::from).collect(),
            stats,
        }
    }
}

/// The parameters, or a 400 saying what could not be read.
pub(super) fn query(params: Result<Query<Params>, QueryRejection>) -> Result<Params, Failure> {
    params.map(|Query(params)| params).map_err(|rejection| {
        Failure::BadRequest(format!("bad parameters: {}", rejection.body_text()))
    })
}

/// An article id from the path, or a 400.
pub(super) fn path(id: Result<Path<String>, PathRejection>) -> Result<String, Failure> {
    id.map(|Path(id)| id).map_err(|rejection| {
        Failure::BadRequest(format!("bad article id: {}", rejection.body_text()))
    })
}

/// Today, for relative dates (`since=30d`).
pub(super) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
