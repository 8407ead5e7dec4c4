//! The pages a browser gets, rendered on the server with maud, which escapes
//! every value it is given: scraped titles, bylines, snippets and bodies are
//! text, never markup. Everything works without the script: filters are a
//! form, facets and timeline bars are links, the state is the URL.

use std::ops::Range;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State as Extract};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::api::{path, query, today};
use super::params::Params;
use super::{on_archive, on_generation, sections, Failure, State};
use crate::article::Article;
use crate::search::{self, Hit, MatchCount, SearchResults, Sort, Stats, StoryCopy};

/// Bylines listed as a facet.
const BYLINES_SHOWN: usize = 10;

/// `GET /`: the search form, and for a query its hits, timeline and facets.
pub async fn search(
    Extract(shared): Extract<State>,
    params: Result<Query<Params>, QueryRejection>,
) -> Response {
    let params = match query(params) {
        Ok(params) => params,
        Err(failure) => return error_page(&Params::default(), &[], &failure),
    };
    let request = params.search(today()).map(|mut request| {
        // No query: the archive's latest stories, unless an order is asked for.
        if request.query.trim().is_empty() && params.sort.is_none() {
            request.sort = Sort::Date;
        }
        request
    });
    let sections = sections(&shared);
    let (request, coverage) = match (request, params.stats(today())) {
        (Ok(request), Ok(coverage)) => (request, coverage),
        (Err(error), _) | (_, Err(error)) => {
            return error_page(&params, &sections, &Failure::from(error))
        }
    };
    // The hits and the coverage beside them on two search threads, from the
    // same generation: a page takes the longer of the two, not their sum.
    let live = shared.live.load_full();
    let asked = request.clone();
    let (results, stats) = tokio::join!(
        on_generation(live.clone(), move |archive| search::search(archive, &asked)),
        on_generation(live, move |archive| search::stats(archive, &coverage)),
    );
    match results.and_then(|results| Ok((results, stats?))) {
        Ok((results, stats)) => {
            let title = if request.query.trim().is_empty() {
                "morgue".to_string()
            } else {
                format!("{} — morgue", request.query)
            };
            let body = html! {
                p.summary role="status" { (summary(&results, request.offset)) }
                div.layout {
                    section aria-label="Results" {
                        ol.hits start=(request.offset + 1) {
                            @for hit in &results.hits { (hit_item(hit)) }
                        }
                        (paging(&params, &results, request.offset, request.limit))
                    }
                    aside aria-label="Coverage" {
                        (timeline(&params, &stats))
                        (facets(&params, &stats))
                    }
                }
            };
            page(&title, &params, &sections, body).into_response()
        }
        Err(failure) => error_page(&params, &sections, &failure),
    }
}

/// `GET /articles/{id}`: one article in full, its copies and related stories.
pub async fn article(
    Extract(shared): Extract<State>,
    id: Result<Path<String>, PathRejection>,
) -> Response {
    let id = match path(id) {
        Ok(id) => id,
        Err(failure) => return error_page(&Params::default(), &[], &failure),
    };
    let found = on_archive(&shared, move |archive| {
        let (article, copies) = search::show_with_copies(archive, &id)?;
        let related = search::related(
            archive,
            &search::RelatedRequest {
                id: id.clone(),
                search: search::SearchRequest::new(""),
            },
        )?;
        Ok((article, copies, related))
    })
    .await;
    match found {
        Ok((article, copies, related)) => {
            let title = format!("{} — morgue", article.title);
            let body = html! {
                div.layout {
                    (story(&article, &copies))
                    aside aria-label="Related stories" {
                        h2 { "Related stories" }
                        @if related.hits.is_empty() { p.meta { "None found." } }
                        ol.hits {
                            @for hit in &related.hits { (hit_item(hit)) }
                        }
                    }
                }
            };
            page(&title, &Params::default(), &[], body).into_response()
        }
        Err(failure) => error_page(&Params::default(), &[], &failure),
    }
}

/// Any other path.
pub async fn not_found() -> Response {
    let failure = Failure::NotFound("no such page".into());
    error_page(&Params::default(), &[], &failure)
}

/// A page with the search form on top.
fn page(title: &str, params: &Params, sections: &[String], body: Markup) -> Html<String> {
    let value = |field: &Option<String>| field.clone().unwrap_or_default();
    let section = value(&params.section);
    let sort = params.sort.clone().unwrap_or_default();
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                    link rel="stylesheet" href="/assets/app.css";
                    script src="/assets/app.js" defer {}
                }
                body {
                    a.skip href="#content" { "Skip to content" }
                    header {
                        form role="search" action="/" method="get" {
                            a.brand href="/" { "morgue" }
                            label.query {
                                "Search the archive (press /)"
                                input #q type="search" name="q" value=(value(&params.q))
                                    placeholder="Motegi Lavrov, \"peace treaty\", byline:Kyodo";
                            }
                            label { "From" input type="text" name="since" value=(value(&params.since)) placeholder="1987-03"; }
                            label { "Until" input type="text" name="until" value=(value(&params.until)) placeholder="2019-12-31"; }
                            label { "Section"
                                select name="section" {
                                    option value="" { "All sections" }
                                    @for name in sections {
                                        option value=(name) selected[*name == section] { (name) }
                                    }
                                }
                            }
                            label { "Order"
                                select name="sort" {
                                    option value="" { "Best match" }
                                    @for (name, label) in [("relevance", "Relevance only"), ("date", "Newest first"), ("oldest", "Oldest first")] {
                                        option value=(name) selected[sort == name] { (label) }
                                    }
                                }
                            }
                            button type="submit" { "Search" }
                        }
                    }
                    // Live search tells screen readers what it changed here.
                    p #announce.visually-hidden aria-live="polite" {}
                    main #content tabindex="-1" { (body) }
                }
            }
        }
        .into_string(),
    )
}

/// A failure outside any handler (the server busy or too slow) as a page.
pub(super) fn failure_page(failure: &Failure) -> Response {
    error_page(&Params::default(), &[], failure)
}

/// An error as a page: the form, and what went wrong.
fn error_page(params: &Params, sections: &[String], failure: &Failure) -> Response {
    let body = html! { p.error role="alert" { (failure.message()) } };
    (failure.status(), page("morgue", params, sections, body)).into_response()
}

fn summary(results: &SearchResults, offset: usize) -> String {
    let matches = match results.total {
        MatchCount::Exact(0) => return "No matches.".to_string(),
        MatchCount::Exact(1) => "1 match".to_string(),
        MatchCount::Exact(count) => format!("{count} matches"),
        MatchCount::MoreThan(count) => format!("More than {count} matches"),
    };
    // Copies folded under a hit are matches too: say so, or "3 matches;
    // showing 1–1" reads as a fault.
    let folded = match results.hits.iter().map(|hit| hit.copies.len()).sum() {
        0 => String::new(),
        1 => ", with 1 copy folded in".to_string(),
        copies => format!(", with {copies} copies folded in"),
    };
    match results.hits.len() {
        0 => format!("{matches}; none on this page."),
        shown => format!(
            "{matches} ({} with every word); showing {}–{}{folded}.",
            results.all_words,
            offset + 1,
            offset + shown
        ),
    }
}

fn hit_item(hit: &Hit) -> Markup {
    let mut meta = vec![hit
        .date
        .map_or_else(|| "undated".to_string(), |date| date.to_string())];
    meta.extend(hit.section.clone());
    meta.extend(hit.byline.clone());
    html! {
        li.hit {
            h2 { a href=(article_link(hit.id.as_str())) { (marked(&hit.title, &hit.title_highlights)) } }
            p.meta { (meta.join(" · ")) }
            p.snippet {
                @if hit.snippet.starts_mid_text { "…" }
                (marked(&hit.snippet.text, &hit.snippet.highlights))
                @if hit.snippet.ends_mid_text { "…" }
            }
            @if !hit.copies.is_empty() { (copies_list(&hit.copies)) }
        }
    }
}

fn copies_list(copies: &[StoryCopy]) -> Markup {
    let noun = if copies.len() == 1 { "copy" } else { "copies" };
    html! {
        details.copies {
            summary { "+" (copies.len()) " " (noun) }
            ul {
                @for copy in copies {
                    li {
                        a href=(article_link(copy.id.as_str())) { (copy.title) }
                        " · " (copy.date.map_or_else(|| "undated".to_string(), |date| date.to_string()))
                        @if let Some(byline) = &copy.byline { " · " (byline) }
                    }
                }
            }
        }
    }
}

/// Text with byte ranges marked; a range that is not on character
/// boundaries is left unmarked rather than cut.
fn marked(text: &str, ranges: &[Range<usize>]) -> Markup {
    let mut parts: Vec<(bool, &str)> = Vec::new();
    let mut at = 0;
    for range in ranges {
        if let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone())) {
            parts.push((false, before));
            parts.push((true, word));
            at = range.end;
        }
    }
    parts.push((false, text.get(at..).unwrap_or_default()));
    html! {
        @for (is_match, part) in parts {
            @if is_match { mark { (part) } } @else { (part) }
        }
    }
}

fn paging(params: &Params, results: &SearchResults, offset: usize, limit: usize) -> Markup {
    let previous = (offset > 0).then(|| offset.saturating_sub(limit));
    let more = results.total.at_least() > (offset + results.hits.len()) as u64
        && results.hits.len() == limit;
    html! {
        nav.pages aria-label="Pages" {
            @if let Some(previous) = previous {
                a rel="prev" href=(link(params, &[("offset", Some(previous.to_string()))])) { "← Previous" }
            } @else { span {} }
            @if more {
                a rel="next" href=(link(params, &[("offset", Some((offset + limit).to_string()))])) { "Next →" }
            }
        }
    }
}

/// The query's coverage over time: a bar per period, each a link that
/// narrows the search to it (SVG attributes, not styles, so the page's
/// policy holds).
fn timeline(params: &Params, stats: &Stats) -> Markup {
    let bars = &stats.timeline;
    let Some(peak) = bars.iter().max_by_key(|bar| bar.count) else {
        return html! {};
    };
    let highest = peak.count.max(1);
    let width = bars.len() * 10;
    html! {
        section.timeline aria-label="Coverage over time" {
            h2 { "Coverage by " (stats.by.map_or("period", |by| by.name())) }
            svg viewBox=(format!("0 0 {width} 100")) preserveAspectRatio="none" role="img"
                aria-label=(format!("{} articles; the most, {}, in {}", stats.articles, peak.count, peak.period)) {
                @for (at, bar) in bars.iter().enumerate() {
                    @let height = (bar.count * 100).div_ceil(highest);
                    a href=(link(params, &[
                        ("since", Some(bar.first_day.to_string())),
                        ("until", Some(bar.last_day.to_string())),
                        ("offset", None),
                    ])) aria-label=(format!("{}: {} articles", bar.period, bar.count)) {
                        rect x=(at * 10) y=(100 - height) width="9" height=(height.max(1)) {
                            title { (bar.period) ": " (bar.count) }
                        }
                    }
                }
            }
            div.axis {
                span { (bars.first().map(|bar| bar.period.as_str()).unwrap_or_default()) }
                span { "peak " (peak.period) " (" (peak.count) ")" }
                span { (bars.last().map(|bar| bar.period.as_str()).unwrap_or_default()) }
            }
        }
    }
}

/// Sections and bylines of the query's articles, each a link that narrows it.
fn facets(params: &Params, stats: &Stats) -> Markup {
    let mut sections: Vec<(&String, &u64)> = stats.sections.iter().collect();
    sections.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let mut bylines: Vec<(&String, &u64)> = stats.bylines.iter().collect();
    bylines.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    bylines.truncate(BYLINES_SHOWN);
    let query = params.q.clone().unwrap_or_default();
    html! {
        @if !sections.is_empty() {
            section.facet aria-label="Sections" {
                h2 { "Sections" }
                ul {
                    @for (name, count) in &sections {
                        li {
                            a href=(link(params, &[("section", Some((*name).clone())), ("offset", None)])) { (name) }
                            span.count { (count) }
                        }
                    }
                }
            }
        }
        @if !bylines.is_empty() {
            section.facet aria-label="Bylines" {
                h2 { "Bylines" }
                ul {
                    @for (name, count) in &bylines {
                        @let narrowed = format!("{} byline:\"{}\"", query.trim(), name.replace('"', " "));
                        li {
                            a href=(link(params, &[("q", Some(narrowed.trim().to_string())), ("offset", None)])) { (name) }
                            span.count { (count) }
                        }
                    }
                }
            }
        }
    }
}

fn story(article: &Article, copies: &[StoryCopy]) -> Markup {
    let mut meta = vec![article
        .date
        .map_or_else(|| "undated".to_string(), |date| date.to_string())];
    meta.extend(article.section.as_ref().map(ToString::to_string));
    meta.extend(article.byline.clone());
    html! {
        article.story {
            h1 { (article.title) }
            p.meta { (meta.join(" · ")) }
            div.body {
                @for paragraph in &article.body { p { (paragraph) } }
            }
            @if !article.captions.is_empty() {
                h2 { "Photos" }
                ul { @for caption in &article.captions { li { (caption) } } }
            }
            dl.facts {
                @if !article.tags.is_empty() { dt { "Tags" } dd { (article.tags.join(", ")) } }
                @if let Some(url) = &article.url {
                    dt { "URL" }
                    dd {
                        // Only a web address becomes a link (never javascript:).
                        @if url.starts_with("https://") || url.starts_with("http://") {
                            a href=(url) rel="noreferrer nofollow" { (url) }
                        } @else { (url) }
                    }
                }
                dt { "Source file" } dd { (article.source.display().to_string()) }
                dt { "Id" } dd { (article.id.as_str()) }
            }
            @if !copies.is_empty() { (copies_list(copies)) }
        }
    }
}

fn article_link(id: &str) -> String {
    let encoded: String = serde_urlencoded::to_string([("", id)])
        .unwrap_or_default()
        .trim_start_matches('=')
        .to_string();
    format!("/articles/{encoded}")
}

/// The page's URL with some parameters changed (`None` removes one).
fn link(params: &Params, changes: &[(&str, Option<String>)]) -> String {
    let current = [
        ("q", &params.q),
        ("since", &params.since),
        ("until", &params.until),
        ("section", &params.section),
        ("sort", &params.sort),
        ("offset", &params.offset),
    ];
    let mut pairs: Vec<(&str, String)> = current
        .iter()
        .filter(|(name, _)| !changes.iter().any(|(changed, _)| changed == name))
        .filter_map(|(name, value)| Some((*name, (*value).clone()?)))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    for (name, value) in changes {
        if let Some(value) = value {
            pairs.push((name, value.clone()));
        }
    }
    format!(
        "/?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}
