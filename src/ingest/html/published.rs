//! When a page says its story was published. Pages say it in many places,
//! some more trustworthy than others; they are read in this order and the
//! first that names a real day decides:
//!
//! 1. what the page declares for machines: JSON-LD `datePublished` of an
//!    article (in any graph shape), `article:published_time` and its cousins
//!    in `<meta>` (the most specific name first), `itemprop="datePublished"`,
//!    `<time pubdate>`, `<abbr class="published">`, then the dates of the
//!    page's other JSON-LD objects (a video's `uploadDate`);
//! 2. a day in the page's address (`/2019/11/19/`), the newsroom's own;
//! 3. a publication day in the data of the page's own scripts;
//! 4. the date line a reader sees near the headline (an element whose class
//!    or id says date, time, published, posted…), in the page's language;
//! 5. a plain `<meta name="date">` (as often a change as the publication),
//!    then the day of the last change (`dateModified`, …), nearer than none;
//! 6. a day in the page's title or the text under its headline, then in the
//!    address of its picture;
//! 7. the day the page names most often anywhere in its markup.
//!
//! The day is kept as the page writes it: a stamp in UTC moves an evening
//! story to the next day, so when the page also writes the same moment in
//! its own time zone, that day is taken; and a day in the address within a
//! day of the declared one is the newsroom's own. A page stamped in UTC alone is
//! dated by the offset its other stamps carry.

use std::cmp::Reverse;
use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate};
use dom_query::{Document, NodeId, NodeRef};
use regex::Regex;
use serde_json::Value;

use super::super::dates::{parse_any_date, DayOrder};
use super::super::written_dates::{all_days, first_day};
use super::{date_in_url, folded_words, is_article};

/// A day as a page declares it, and the moment when it names one with its
/// offset from UTC.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    day: NaiveDate,
    moment: Option<DateTime<FixedOffset>>,
}

impl Stamp {
    fn in_utc(&self) -> bool {
        self.moment
            .is_some_and(|moment| moment.offset().local_minus_utc() == 0)
    }

    /// The same moment written in a time zone of its own: the day the
    /// newsroom saw.
    fn local_copy_of(&self, utc: &Stamp) -> bool {
        match (self.moment, utc.moment) {
            (Some(local), Some(utc)) => {
                local.offset().local_minus_utc() != 0
                    && (local - utc).num_minutes().abs() <= SAME_MOMENT_MINUTES
            }
            _ => false,
        }
    }
}

/// Stamps this close are one moment written twice (seconds dropped, a
/// minute rounded).
const SAME_MOMENT_MINUTES: i64 = 2;

/// `<meta>` names (property, name, itemprop or http-equiv, in lower case)
/// that declare the publication day, the most specific first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "article:published",
    "og:published_time",
    "og:article:published_time",
    "og:pubdate",
    "published_time",
    "article.published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "publish-date",
    "published-date",
    "published_date",
    "date_published",
    "publication_date",
    "publicationdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "citation_online_date",
    "citation_date",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "bt:pubdate",
    "rnews:datepublished",
    "displaydate",
    "datecreated",
    "dc.date.created",
    "dcterms.created",
    "uploaddate",
];

/// `<meta>` names that say only "date": as often the day of a change as
/// that of publication, so read after the date line a reader sees.
const DATE_META: &[&str] = &["date", "dc.date", "dcterms.date", "created"];

/// `<meta>` names that declare the day of the last change.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "article:modified",
    "og:updated_time",
    "datemodified",
    "dateupdate",
    "last-modified",
    "lastmod",
    "dc.date.modified",
    "dcterms.modified",
    "modified",
    "revised",
];

/// JSON-LD keys of the publication day, and of the last change.
const PUBLISHED_JSON: &[&str] = &[
    "datePublished",
    "dateCreated",
    "uploadDate",
    "publicationDate",
];
const MODIFIED_JSON: &[&str] = &["dateModified"];

/// A key naming a publication day in a script's data, and its value.
static SCRIPT_PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)["']?[a-z_.]*(?:publish|pubdate|pub_date|datepublished)[a-z_]*["']?\s*[:=]\s*["']([^"']{8,40})["']"#)
        .expect("a valid pattern")
});

/// A kind of day a page declares, and where: JSON-LD keys, `<meta>` names
/// (most specific first), and elements marked up as holding it.
struct Declaration {
    json_keys: &'static [&'static str],
    meta_names: &'static [&'static str],
    marked: Option<&'static str>,
}

const PUBLICATION: Declaration = Declaration {
    json_keys: PUBLISHED_JSON,
    meta_names: PUBLISHED_META,
    marked: Some("[itemprop=datePublished], time[pubdate], abbr.published, time.published"),
};

const PLAIN_DATE: Declaration = Declaration {
    json_keys: &[],
    meta_names: DATE_META,
    marked: None,
};

const LAST_CHANGE: Declaration = Declaration {
    json_keys: MODIFIED_JSON,
    meta_names: MODIFIED_META,
    marked: None,
};

/// Words in a class or id that mark a date line.
const DATE_LINE_HINTS: &[&str] = &[
    "date", "time", "publish", "posted", "datum", "fecha", "data", "byline", "meta", "stand",
    "dateline", "info",
];

/// Words in a class or id that mark blocks of other stories, comments and
/// the like.
const FURNITURE_HINTS: &[&str] = &[
    "comment",
    "comments",
    "related",
    "teaser",
    "teasers",
    "sidebar",
    "recommended",
    "footer",
    "navbar",
];

/// How much text after the headline and before it may hold its date line.
const TEXT_AFTER_HEADLINE: usize = 3000;
const TEXT_BEFORE_HEADLINE: usize = 200;

/// Longest text of an element read as a date line: longer is a container.
const DATE_LINE_LONGEST: usize = 240;

/// What a page is known by when its date is looked for.
pub(super) struct Known<'a> {
    /// Its parsed JSON-LD blocks.
    pub json_ld: &'a [Value],
    /// Its URL, when known.
    pub address: Option<&'a str>,
    /// Its headline.
    pub headline: &'a str,
    /// The story's text.
    pub story: &'a [String],
}

/// The publication day of a page.
pub(super) fn published(document: &Document, known: &Known) -> Option<NaiveDate> {
    let Known {
        json_ld,
        address,
        headline,
        story,
    } = *known;
    let order = day_order(document);
    let headline = headline_node(document, headline);
    let address_day = address.and_then(date_in_url);
    let publication = declared(document, json_ld, &PUBLICATION, order);
    if let Some(first) = publication.first() {
        let near = |day: NaiveDate| (day - first.day).num_days().abs() <= 1;
        if let Some(day) = address_day.filter(|day| near(*day)) {
            return Some(day);
        }
        if !first.in_utc() {
            return Some(first.day);
        }
        let plain = declared(document, json_ld, &PLAIN_DATE, order);
        let modified = declared(document, json_ld, &LAST_CHANGE, order);
        let scripted = in_scripts(document, order);
        let others = || {
            publication
                .iter()
                .chain(&plain)
                .chain(&modified)
                .chain(&scripted)
        };
        if let Some(local) = others().find(|stamp| stamp.local_copy_of(first)) {
            return Some(local.day);
        }
        // Stamped in UTC only: the day on the newsroom's clock, told by the
        // offset its other stamps carry.
        let offset = others()
            .filter_map(|stamp| stamp.moment)
            .map(|moment| *moment.offset())
            .find(|offset| offset.local_minus_utc() != 0);
        return Some(match (first.moment, offset) {
            (Some(moment), Some(offset)) => moment.with_timezone(&offset).date_naive(),
            _ => first.day,
        });
    }
    if let Some(day) = address_day {
        return Some(day);
    }
    if let Some(stamp) = in_scripts(document, order).first() {
        return Some(stamp.day);
    }
    if let Some(day) = date_line(document, headline, order) {
        return Some(day);
    }
    if let Some(stamp) = declared(document, json_ld, &PLAIN_DATE, order).first() {
        return Some(stamp.day);
    }
    let text_day = || {
        let title = document.select("title").text();
        let (before, after) = text_around_headline(document, headline);
        let day = [title.as_ref(), after.as_str(), before.as_str()]
            .into_iter()
            .chain(story.iter().take(3).map(String::as_str))
            .find_map(|text| first_day(text, order));
        day
    };
    let modified = declared(document, json_ld, &LAST_CHANGE, order);
    if let Some(stamp) = modified.first() {
        return Some(stamp.day);
    }
    if let Some(day) = text_day() {
        return Some(day);
    }
    let image = document
        .select("meta[property='og:image'], meta[name='twitter:image'], meta[itemprop=image]")
        .nodes()
        .iter()
        .filter_map(|node| node.attr("content"))
        .find_map(|url| date_in_url(&url));
    image.or_else(|| most_named_day(document, order))
}

/// The day a page names most often anywhere — text, attributes, addresses,
/// scripts — the earliest-written of equals: the last resort of a page that
/// states its day nowhere else (on htmldate-eval it dates 13 of 23 such pages
/// right, which no date would leave all wrong).
fn most_named_day(document: &Document, order: DayOrder) -> Option<NaiveDate> {
    let mut votes: HashMap<NaiveDate, (usize, usize)> = HashMap::new();
    for (at, day) in all_days(&document.html(), order) {
        let (count, first) = votes.entry(day).or_insert((0, at));
        *count += 1;
        *first = (*first).min(at);
    }
    votes
        .into_iter()
        .max_by_key(|(_, (count, first))| (*count, Reverse(*first)))
        .map(|(day, _)| day)
}

/// The page's visible text just before its first `<h1>` and just after it
/// (the headline's own text included), where a date line without a name
/// of its own sits. Navigation, sidebars, footers and scripts are left out.
fn text_around_headline(document: &Document, headline: Option<NodeId>) -> (String, String) {
    let (mut before, mut after) = (String::new(), String::new());
    let Some(root) = document.select("body").nodes().first().cloned() else {
        return (before, after);
    };
    let mut headline_seen = false;
    for node in root.descendants_it() {
        if node.is_element() {
            headline_seen |= Some(node.id) == headline;
            continue;
        }
        if !node.is_text() || in_furniture(&node, false) {
            continue;
        }
        let piece = node.text();
        if piece.trim().is_empty() {
            continue;
        }
        if headline_seen {
            after.push_str(&piece);
            after.push(' ');
            if after.len() >= TEXT_AFTER_HEADLINE {
                break;
            }
        } else {
            before.push_str(&piece);
            before.push(' ');
        }
    }
    let keep_from = before.len().saturating_sub(TEXT_BEFORE_HEADLINE);
    let keep_from = (keep_from..before.len())
        .find(|at| before.is_char_boundary(*at))
        .unwrap_or(before.len());
    (before[keep_from..].to_string(), after)
}

/// Which number comes first in the page's numeric dates, by its language:
/// month first in American English, day first elsewhere.
fn day_order(document: &Document) -> DayOrder {
    let lang = document
        .select("html")
        .attr("lang")
        .map(|lang| lang.to_ascii_lowercase())
        .unwrap_or_default();
    if lang.is_empty() {
        DayOrder::Unknown
    } else if lang == "en" || lang.starts_with("en-us") {
        DayOrder::MonthFirst
    } else {
        DayOrder::DayFirst
    }
}

/// The days a page declares as `what`: JSON-LD of articles first, then
/// `<meta>` (by the rank of the name), marked-up elements in the page's
/// order, the page's other JSON-LD objects.
fn declared(
    document: &Document,
    json_ld: &[Value],
    what: &Declaration,
    order: DayOrder,
) -> Vec<Stamp> {
    let Declaration {
        json_keys,
        meta_names,
        marked,
    } = *what;
    let mut texts = Vec::new();
    for value in json_ld {
        json_dates(value, json_keys, true, &mut texts);
    }
    // `<meta>` by the rank of its name in `meta_names`, then in page order.
    let mut metas: Vec<(usize, String)> = Vec::new();
    for meta in document.select("meta").nodes() {
        let rank = ["property", "name", "itemprop", "http-equiv"]
            .iter()
            .filter_map(|attribute| meta.attr(attribute))
            .filter_map(|name| {
                let name = name.to_ascii_lowercase();
                meta_names.iter().position(|known| *known == name)
            })
            .min();
        if let (Some(rank), Some(content)) = (rank, meta.attr("content")) {
            metas.push((rank, content.to_string()));
        }
    }
    metas.sort_by_key(|(rank, _)| *rank);
    texts.extend(metas.into_iter().map(|(_, content)| content));
    if let Some(marked) = marked {
        for node in document.select(marked).nodes() {
            texts.extend(
                ["datetime", "content", "title"]
                    .iter()
                    .find_map(|attribute| node.attr(attribute))
                    .map(|value| value.to_string())
                    .or_else(|| Some(node.text().to_string())),
            );
        }
    }
    for value in json_ld {
        json_dates(value, json_keys, false, &mut texts);
    }
    texts.iter().filter_map(|text| stamp(text, order)).collect()
}

/// Date texts under `keys` anywhere in a JSON-LD value, from the objects
/// that are articles (`articles`) or from the others (a page's video, its
/// web page, its publisher).
fn json_dates(value: &Value, keys: &[&str], articles: bool, texts: &mut Vec<String>) {
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|item| json_dates(item, keys, articles, texts)),
        Value::Object(object) => {
            if is_article(value) == articles {
                for key in keys {
                    match object.get(*key) {
                        Some(Value::String(text)) => texts.push(text.clone()),
                        Some(Value::Array(items)) => {
                            texts
                                .extend(items.iter().filter_map(Value::as_str).map(str::to_string));
                        }
                        _ => {}
                    }
                }
            }
            for (key, inner) in object {
                if !keys.contains(&key.as_str()) {
                    json_dates(inner, keys, articles, texts);
                }
            }
        }
        _ => {}
    }
}

/// A declared date read into a day.
fn stamp(text: &str, order: DayOrder) -> Option<Stamp> {
    let text = text.trim();
    let day = match parse_any_date(text, order) {
        Some(Ok(day)) => day,
        _ => first_day(text, order)?,
    };
    let moment = DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_rfc2822(text))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%z"))
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S %z"))
        .ok();
    Some(Stamp { day, moment })
}

/// The `<h1>` that holds the story's headline (not the site's name a logo
/// carries in one), else the first.
fn headline_node(document: &Document, headline: &str) -> Option<NodeId> {
    let headline = folded_words(headline);
    let headings = document.select("h1");
    let headings = headings.nodes();
    let holds_it = |node: &&NodeRef| {
        let heading = folded_words(&node.text());
        heading.len() >= 2 && (headline.starts_with(&heading) || heading.starts_with(&headline))
    };
    headings
        .iter()
        .find(holds_it)
        .or_else(|| headings.first())
        .map(|node| node.id)
}

/// The date line near the headline: the first element marked as one (by
/// tag or by a word in its class or id) at or after the headline's `<h1>` that
/// names a day, else the nearest one before it. Navigation, sidebars and
/// footers are passed over.
fn date_line(document: &Document, headline: Option<NodeId>, order: DayOrder) -> Option<NaiveDate> {
    let body = document.select("body");
    let root = body.nodes().first()?;
    let mut headline_seen = false;
    let mut before = None;
    for node in root.descendants_it() {
        if !node.is_element() {
            continue;
        }
        let name = node
            .node_name()
            .map(|name| name.to_ascii_lowercase())
            .unwrap_or_default();
        headline_seen |= Some(node.id) == headline;
        if !marks_a_date_line(&node, &name) || in_furniture(&node, true) {
            continue;
        }
        let Some(day) = day_in(&node, order) else {
            continue;
        };
        if headline_seen {
            return Some(day);
        }
        before = Some(day);
    }
    before
}

fn marks_a_date_line(node: &NodeRef, name: &str) -> bool {
    if name == "time" {
        return true;
    }
    let names = [node.attr("class"), node.attr("id"), node.attr("itemprop")];
    names.iter().flatten().any(|value| {
        let value = value.to_ascii_lowercase();
        DATE_LINE_HINTS.iter().any(|hint| value.contains(hint))
    })
}

/// Whether a node sits in the page's navigation, a sidebar, a footer, a
/// script, or a block of other stories or of readers' comments (by a word
/// in its class or id), whose dates are not the story's.
fn in_furniture(node: &NodeRef, by_class: bool) -> bool {
    node.ancestors_it(None).any(|ancestor| {
        let tag = ancestor.node_name().map(|name| name.to_ascii_lowercase());
        if matches!(
            tag.as_deref(),
            Some("nav" | "aside" | "footer" | "script" | "style" | "noscript" | "template")
        ) {
            return true;
        }
        if !by_class || matches!(tag.as_deref(), Some("body" | "html")) {
            return false;
        }
        [ancestor.attr("class"), ancestor.attr("id")]
            .iter()
            .flatten()
            .any(|names| {
                // Whole words of the names: "comment__date", "default-teaser",
                // not "layoutTwoColumnsRightSidebar" around the whole page.
                names
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|word| {
                        FURNITURE_HINTS
                            .iter()
                            .any(|hint| word.eq_ignore_ascii_case(hint))
                    })
            })
    })
}

/// A day an element states: in a `datetime`, `content` or `title`
/// attribute, or in its (short) text.
fn day_in(node: &NodeRef, order: DayOrder) -> Option<NaiveDate> {
    let attributes = ["datetime", "content", "title"]
        .iter()
        .filter_map(|attribute| node.attr(attribute))
        .find_map(|value| stamp(&value, order).map(|stamp| stamp.day));
    attributes.or_else(|| first_day(&spaced_text(node), order))
}

/// An element's text with its pieces apart: `<span>28.09.19</span><span>12:44</span>`
/// is two things, not "28.09.1912:44".
fn spaced_text(node: &NodeRef) -> String {
    let mut text = String::new();
    for piece in node.descendants_it().filter(NodeRef::is_text) {
        if text.len() >= DATE_LINE_LONGEST {
            break;
        }
        text.push_str(&piece.text());
        text.push(' ');
    }
    text
}

/// Publication days in a page's own scripts: the data a page drawn by
/// script carries (`"publishedDate": "2016-11-04T20:37:27Z"`,
/// `article.publication_date = '2020-12-06 00:15'`), in page order.
fn in_scripts(document: &Document, order: DayOrder) -> Vec<Stamp> {
    let mut stamps = Vec::new();
    for script in document.select("script").iter() {
        let text = script.text();
        stamps.extend(
            SCRIPT_PUBLISHED
                .captures_iter(&text)
                .filter_map(|caps| stamp(&caps[1], order)),
        );
    }
    stamps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_of(html: &str, headline: &str) -> Option<String> {
        let document = Document::from(html);
        let json_ld: Vec<Value> = document
            .select("script")
            .iter()
            .filter_map(|script| serde_json::from_str(&script.text()).ok())
            .collect();
        let known = Known {
            json_ld: &json_ld,
            address: None,
            headline,
            story: &[],
        };
        published(&document, &known).map(|day| day.to_string())
    }

    #[test]
    fn a_utc_stamp_gives_way_to_the_same_moment_in_local_time() {
        let html = r#"<html><head>
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-10-18T22:04:00Z"}</script>
            <meta name="date" content="Sat, 19 Oct 2019 00:04:00 +0200">
            </head><body><h1>Council meets</h1></body></html>"#;
        assert_eq!(day_of(html, "Council meets").as_deref(), Some("2019-10-19"));
        // A stamp of another moment (a later edit) is not a copy of it, but
        // its offset still says which clock the newsroom reads: 22:04 UTC is
        // 17:04 on the 18th at -05:00.
        let edited = html.replace(
            "Sat, 19 Oct 2019 00:04:00 +0200",
            "Sat, 19 Oct 2019 09:30:00 -0500",
        );
        assert_eq!(
            day_of(&edited, "Council meets").as_deref(),
            Some("2019-10-18")
        );
    }

    #[test]
    fn a_page_stamped_only_in_utc_is_dated_by_its_newsrooms_clock() {
        let html = r#"<html><head>
            <meta property="article:published_time" content="2023-11-09T06:35:29+00:00">
            <meta property="article:modified_time" content="2023-11-09T09:10:00-08:00">
            </head><body><h1>Arrest made</h1></body></html>"#;
        // 06:35 UTC on the 9th is 22:35 on the 8th in Los Angeles.
        assert_eq!(day_of(html, "Arrest made").as_deref(), Some("2023-11-08"));
    }

    #[test]
    fn an_articles_date_comes_before_its_videos() {
        let html = r#"<html><head><script>{"@context":"https://schema.org","@graph":[
            {"@type":"VideoObject","uploadDate":"2018-02-23T21:32:02Z"},
            {"@type":"NewsArticle","datePublished":"2020-10-13T20:48:33-04:00"}]}</script>
            </head><body><h1>Wigs</h1></body></html>"#;
        assert_eq!(day_of(html, "Wigs").as_deref(), Some("2020-10-13"));
    }

    #[test]
    fn the_date_line_is_the_headlines_not_the_logos_nor_a_teasers() {
        let html = r#"<html lang="de"><body>
            <h1><a href="/">Radio Eins</a></h1><span class="site-date">Mittwoch, 26.02.2020</span>
            <article><h1>Die Titanic sinkt erneut</h1>
            <div class="related-teaser"><span class="date">04.02.2022</span> Mehr zum Thema</div>
            <p class="meta">Von Anna Berg, 1. Mai 2017</p><p>Text.</p></article>
            <div class="comments"><div class="comment__date">05.02.2022</div></div>
            </body></html>"#;
        assert_eq!(
            day_of(html, "Die Titanic sinkt erneut").as_deref(),
            Some("2017-05-01")
        );
    }

    #[test]
    fn a_page_drawn_by_script_is_dated_from_its_data() {
        let html = r#"<html><head><script>var page = {"section": "news",
            "publishedDate": "2016-11-04T20:37:27-05:00", "updated": "2017-01-02"};</script>
            </head><body><h1>Reviews</h1><p>Great service, 11/20/2019.</p></body></html>"#;
        assert_eq!(day_of(html, "Reviews").as_deref(), Some("2016-11-04"));
    }

    #[test]
    fn the_last_resort_is_the_day_a_page_names_most() {
        let html = r#"<html><body><h1>Bong effect</h1><p>Some words.</p>
            <script>showDate("2020/04/17 01:43:09")</script>
            <a href="/archive/2020/04/17/">more</a>
            <footer>Copyright 2003/01/05</footer></body></html>"#;
        assert_eq!(day_of(html, "Bong effect").as_deref(), Some("2020-04-17"));
    }

    #[test]
    fn a_blogs_date_header_above_the_post_title_counts() {
        let html = r#"<html lang="de"><body><div class="date-outer">
            <h2 class="date-header"><span>Samstag, 5. Oktober 2013</span></h2>
            <h3 class="post-title">Ein Interview</h3><p>Text.</p></div></body></html>"#;
        assert_eq!(day_of(html, "Ein Interview").as_deref(), Some("2013-10-05"));
    }

    #[test]
    fn a_date_under_the_headline_serves_when_nothing_is_declared() {
        let html = r#"<html lang="en-US"><body><nav>Today: 12/07/2026</nav>
            <h1>Harbour fees stay</h1><p>By Jo Lee</p><p>Posted 03/04/2020 at 5 pm</p>
            </body></html>"#;
        assert_eq!(
            day_of(html, "Harbour fees stay").as_deref(),
            Some("2020-03-04")
        );
    }
}
