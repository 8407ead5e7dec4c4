//! Saved HTML pages (`.html`, `.htm`, gzipped too, and the pages inside WARC
//! crawls). The story text is found by rs-trafilatura, a Rust port of
//! trafilatura (navigation, related-story lists, comments, ads and footers
//! left out); headline, byline, section, tags and address come from the
//! page's own metadata: JSON-LD `NewsArticle`, Open Graph and `article:*`
//! tags, the canonical link, then `<title>`. The day it was published is
//! looked for in every place a page states one (`published`).

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use dom_query::Document;
use serde_json::Value;

mod byline;
mod published;
mod section;
mod tidy;
mod title;

use super::dates::{parse_any_date, plausible, DayOrder};
use super::format::{DumpFormat, Parsed};
use super::furniture::vocabulary::{phrases, Role::CaptionLabel};
use super::records::FieldMap;
use super::shape::words;
use super::{after_lead, decode_entities, single_spaced};
use crate::article::Article;
use byline::byline_name;
use published::{published, Known};
use section::section;
use tidy::{tidy, Tidied};
use title::{address_names, without_site_name};

/// A saved web page: the story text without the site around it, and the
/// page's metadata.
pub(super) struct Html;

impl DumpFormat for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml", "shtml"]
    }

    fn looks_like(&self, head: &str) -> bool {
        looks_like(head)
    }

    fn read(&self, text: &str, source: &Path, _: &FieldMap) -> Result<Parsed, String> {
        parse_page(text, source, None, None)
    }
}

/// Whether text starts like an HTML page.
fn looks_like(head: &str) -> bool {
    let start = head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .get(..15)
        .unwrap_or_default()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html") || start.starts_with("<head")
}

/// What the page says about itself, gathered before the text is extracted.
#[derive(Debug, Default)]
struct PageFacts {
    title: Option<String>,
    /// The first `<h1>`: the headline when the metadata names none.
    heading: Option<String>,
    /// The page's JSON-LD blocks, parsed.
    json_ld: Vec<Value>,
    byline: Vec<String>,
    /// The site's name, as its Open Graph tags give it.
    site_name: Option<String>,
    /// Sections as the page declares them, most specific source first.
    sections: Vec<String>,
    tags: Vec<String>,
    url: Option<String>,
    /// The story's text as the page's JSON-LD gives it.
    article_body: Option<Vec<String>>,
}

/// Reads one page. `url` and `fallback_date` come from outside the page (a
/// WARC record's target and date) and are used when the page names none.
pub(super) fn parse_page(
    html: &str,
    source: &Path,
    url: Option<&str>,
    fallback_date: Option<NaiveDate>,
) -> Result<Parsed, String> {
    let document = Document::from(html);
    let facts = page_facts(&document);
    let headline = facts
        .title
        .clone()
        .unwrap_or_else(|| document.select("title").text().to_string());
    let story_only =
        leave_only_the_story(&document, &headline).then(|| document.html().to_string());
    let figure_captions = figure_captions(&document);
    let extracted = rs_trafilatura::extract_with_options(
        story_only.as_deref().unwrap_or(html),
        &extractor_options(),
    );
    let dom_lines = extracted
        .as_ref()
        .map(|extracted| text_lines(&extracted.content_text))
        .unwrap_or_default();
    // The page's own markup is the better source (measured on news-html-aeb);
    // the JSON-LD copy of the text serves pages whose story is drawn by script,
    // where what the extractor found is not that story.
    let lines = match &facts.article_body {
        Some(structured) if !mostly_within(structured, &dom_lines) => structured.clone(),
        _ => dom_lines,
    };
    let Tidied { body, captions } = tidy(lines, &headline, &facts.byline, figure_captions);
    if body.is_empty() {
        return Err(match extracted {
            Err(error) => format!("no story text found in the page ({error})"),
            Ok(_) => "no story text found in the page".to_string(),
        });
    }
    let default_metadata = rs_trafilatura::Metadata::default();
    let metadata = extracted
        .as_ref()
        .map_or(&default_metadata, |extracted| &extracted.metadata);
    let mut site_names: Vec<String> = facts.site_name.iter().cloned().collect();
    site_names.extend(metadata.sitename.clone());
    site_names.extend(facts.sections.iter().cloned());
    site_names.extend(
        url.or(facts.url.as_deref())
            .map(address_names)
            .unwrap_or_default(),
    );
    let title = facts
        .title
        .clone()
        .or_else(|| metadata.title.clone())
        .or_else(|| facts.heading.clone())
        .map(|title| decode_entities(&title))
        .map(|title| single_spaced(&title))
        .map(|title| without_site_name(&title, &site_names, facts.heading.as_deref()))
        .filter(|title| !title.is_empty());
    let mut parsed = Parsed::default();
    let mut article = match title {
        Some(title) => Article::new(title, body, source.to_path_buf()),
        None => super::without_marked_headline(body, source)
            .ok_or_else(|| "no story text".to_string())?,
    };
    article.captions = captions;
    article.url = url
        .map(str::to_string)
        .or(facts.url)
        .or_else(|| metadata.url.clone());
    let known = Known {
        json_ld: &facts.json_ld,
        address: article.url.as_deref(),
        headline: &headline,
        story: &article.body,
    };
    article.date = published(&document, &known).or(fallback_date);
    article.section = section(&document, &facts.sections, &facts.json_ld, &headline);
    drop(document);
    let names: Vec<String> = facts
        .byline
        .iter()
        .filter_map(|name| byline_name(name))
        .collect();
    let byline = if names.is_empty() {
        metadata.author.as_deref().and_then(byline_name)
    } else {
        Some(names.join(", "))
    };
    article.byline = byline.or_else(|| metadata.sitename.as_deref().and_then(byline_name));
    article.tags = if facts.tags.is_empty() {
        metadata.tags.clone()
    } else {
        facts.tags
    };
    parsed.articles.push(article.identified());
    Ok(parsed)
}

/// rs-trafilatura's options for a news page. Its page classifier is bypassed:
/// everything morgue reads is meant to be a story, yet the classifier called 11
/// of news-html-aeb's 181 story pages forums, listings or service pages. The
/// profile named "category" is its article extraction without the step that
/// merges the page's other text blocks into a short story (side columns and
/// "more from" lists glued into one line): F1 on news-html-aeb 0.957 → 0.962.
fn extractor_options() -> rs_trafilatura::Options {
    rs_trafilatura::Options {
        page_type: Some(rs_trafilatura::page_type::PageType::Category),
        ..rs_trafilatura::Options::default()
    }
}

/// Paragraph lines of extracted text, whitespace collapsed, blank lines gone.
fn text_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(single_spaced)
        .filter(|line| !line.is_empty())
        .collect()
}

/// Whether most of the distinct words of `part` occur in `whole`.
fn mostly_within(part: &[String], whole: &[String]) -> bool {
    let distinct = |lines: &[String]| -> HashSet<String> {
        lines.iter().flat_map(|line| folded_words(line)).collect()
    };
    let (part, whole) = (distinct(part), distinct(whole));
    part.iter().filter(|word| whole.contains(*word)).count() * 2 >= part.len()
}

/// The paragraphs of a JSON-LD `articleBody`, which some sites fill with HTML.
fn structured_body_lines(body: &str) -> Vec<String> {
    if is_fragment(body) {
        fragment_text(body).body
    } else {
        text_lines(body)
    }
}

/// Whether a text field holds HTML rather than text (a CMS's story field, a
/// site's JSON-LD `articleBody`).
pub(super) fn is_fragment(text: &str) -> bool {
    text.contains("</") || text.contains("<br")
}

/// A piece of HTML read as story text: its paragraphs, and its figures'
/// captions apart.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Fragment {
    pub(super) body: Vec<String>,
    pub(super) captions: Vec<String>,
}

/// Reads a piece of HTML: one paragraph per block, captions apart, scripts
/// and styles left out.
pub(super) fn fragment_text(html: &str) -> Fragment {
    let mut spaced = html.to_string();
    for block_end in [
        "</p>",
        "<br",
        "</h1>",
        "</h2>",
        "</h3>",
        "</h4>",
        "</li>",
        "</blockquote>",
        "</div>",
        "</figure>",
    ] {
        spaced = spaced.replace(block_end, &format!("\n{block_end}"));
    }
    let document = Document::from(spaced.as_str());
    let captions = figure_captions(&document);
    document.select("figcaption, script, style").remove();
    Fragment {
        body: text_lines(&document.select("body").text()),
        captions,
    }
}

/// A day written in a page address, as most news sites do: `/2019/11/19/`,
/// `/2019-11-19/`.
fn date_in_url(url: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = url.split(['/', '?', '#']).collect();
    parts
        .windows(3)
        .find_map(|window| {
            let [year, month, day] = window else {
                return None;
            };
            let all_digits = |text: &str, len: usize| {
                text.len() == len && text.bytes().all(|b| b.is_ascii_digit())
            };
            if all_digits(year, 4) && all_digits(month, 2) && all_digits(day, 2) {
                let date = NaiveDate::from_ymd_opt(
                    year.parse().ok()?,
                    month.parse().ok()?,
                    day.parse().ok()?,
                )?;
                return plausible(date).ok();
            }
            None
        })
        .or_else(|| {
            parts.iter().find_map(|part| {
                let day = part.get(..10)?;
                match parse_any_date(day, DayOrder::Unknown) {
                    Some(Ok(date)) if day.as_bytes()[4] == b'-' => Some(date),
                    _ => None,
                }
            })
        })
}

/// Removes from the page what the extractor would take for the story but is
/// not: the JSON-LD copy of the text (left in, rs-trafilatura prefers it
/// whenever it is twice the length of the page's paragraphs, and flattens HTML
/// inside it into one glued line), and, on a page with several `<article>`s of
/// which one is headed by the page's headline, the others: they are other
/// stories (the "more posts" of blogs, "latest" rails). Says whether anything
/// went.
fn leave_only_the_story(document: &Document, headline: &str) -> bool {
    let mut changed = false;
    for script in document.select("script[type='application/ld+json']").iter() {
        if script.text().contains("\"articleBody\"") {
            script.remove();
            changed = true;
        }
    }
    let headline = folded_words(headline);
    let heads_the_page = |heading: &str| {
        let heading = folded_words(heading);
        heading.len() >= 2 && (headline.starts_with(&heading) || heading.starts_with(&headline))
    };
    let outermost: Vec<_> = document
        .select("article")
        .iter()
        .filter(|article| !article.ancestors(None).is("article"))
        .collect();
    let is_the_story: Vec<bool> = outermost
        .iter()
        .map(|article| {
            article
                .select("h1, h2, h3")
                .iter()
                .any(|heading| heads_the_page(&heading.text()))
        })
        .collect();
    if outermost.len() >= 2 && is_the_story.iter().filter(|&&story| story).count() == 1 {
        for (article, is_the_story) in outermost.iter().zip(is_the_story) {
            if !is_the_story {
                article.remove();
                changed = true;
            }
        }
    }
    changed
}

/// The text under the story's pictures (`<figcaption>`), one caption each:
/// the extractor leaves it out of the story, yet captions name the people and
/// places in a photo, which is what a reader often searches by. Figures in
/// navigation, side columns, footers and links are other stories' teasers, as
/// is a caption that is all one link; one asking the reader to subscribe is
/// an advertisement.
fn figure_captions(document: &Document) -> Vec<String> {
    let mut captions: Vec<String> = Vec::new();
    for figcaption in document.select("figcaption").iter() {
        if figcaption
            .ancestors(None)
            .is("nav, aside, footer, a, [role='complementary'], [role='navigation']")
        {
            continue;
        }
        let text = single_spaced(&figcaption.text());
        let caption = caption_text(&text);
        let linked = single_spaced(&figcaption.select("a").text());
        let lower = caption.to_lowercase();
        let is_promotion = ["subscribe to", "sign up"]
            .iter()
            .any(|call| lower.contains(call));
        if !caption.is_empty()
            && linked.len() < caption.len()
            && !is_promotion
            && !captions.iter().any(|kept| kept == caption)
        {
            captions.push(caption.to_string());
        }
    }
    captions
}

/// A figure caption without what sites print before it: labels for screen
/// readers ("Image caption") and a gallery's counter ("2 of 4", "2of4").
fn caption_text(caption: &str) -> &str {
    let mut caption = caption;
    for label in phrases(CaptionLabel) {
        if let Some(shown) = after_lead(caption, label) {
            caption = shown.trim_start();
        }
    }
    let digits =
        |text: &str| text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let first = digits(caption);
    if first > 0 {
        let after = caption[first..].trim_start();
        if let Some(rest) = after.strip_prefix("of") {
            let rest = rest.trim_start();
            let second = digits(rest);
            if second > 0 {
                return rest[second..].trim_start();
            }
        }
    }
    caption
}

/// Lower-cased words, for comparing headlines however they are punctuated.
fn folded_words(text: &str) -> Vec<String> {
    words(text).map(str::to_lowercase).collect()
}

/// Headline, date, byline, section, tags and address from the page's metadata,
/// most specific source first.
fn page_facts(document: &Document) -> PageFacts {
    let meta = |selectors: &[&str]| -> Option<String> {
        selectors.iter().find_map(|selector| {
            document
                .select(selector)
                .iter()
                .filter_map(|node| node.attr("content").or_else(|| node.attr("datetime")))
                .map(|value| value.trim().to_string())
                .find(|value| !value.is_empty())
        })
    };
    let mut facts = PageFacts::default();
    // JSON-LD, also where a page left out the script's type.
    for script in document
        .select("script[type='application/ld+json'], script:not([type])")
        .iter()
    {
        let text = script.text();
        let untyped = script.attr("type").is_none();
        if untyped && !(text.trim_start().starts_with(['{', '[']) && text.contains("schema.org")) {
            continue;
        }
        if let Ok(value) = serde_json::from_str::<Value>(&text) {
            if let Some(article) = find_article(&value) {
                facts.merge_json_ld(article);
                if let Some(Value::String(body)) = article.get("articleBody") {
                    facts.article_body = Some(structured_body_lines(body));
                }
            }
            facts.json_ld.push(value);
        }
    }
    facts.title = facts
        .title
        .or_else(|| meta(&["meta[property='og:title']", "meta[name='twitter:title']"]));
    let heading = document.select("h1").first().text().trim().to_string();
    facts.heading = (!heading.is_empty()).then_some(heading);
    if facts.byline.is_empty() {
        facts.byline.extend(
            meta(&["meta[name='author']", "meta[name='byl']"])
                .filter(|author| !author.starts_with("http")),
        );
    }
    facts.site_name = meta(&[
        "meta[property='og:site_name']",
        "meta[name='application-name']",
    ]);
    facts.sections.extend(
        document
            .select("meta[property='article:section'], meta[name='section'], meta[name='parsely-section']")
            .iter()
            .filter_map(|node| node.attr("content").map(|value| value.trim().to_string()))
            .filter(|value| !value.is_empty()),
    );
    if facts.tags.is_empty() {
        facts.tags = document
            .select("meta[property='article:tag']")
            .iter()
            .filter_map(|node| node.attr("content").map(|tag| tag.trim().to_string()))
            .filter(|tag| !tag.is_empty())
            .collect();
    }
    if facts.tags.is_empty() {
        if let Some(keywords) = meta(&["meta[name='news_keywords']", "meta[name='keywords']"]) {
            facts.tags = split_keywords(&keywords);
        }
    }
    facts.url = document
        .select("link[rel='canonical']")
        .attr("href")
        .map(|href| href.trim().to_string())
        .filter(|href| href.starts_with("http"))
        .or_else(|| meta(&["meta[property='og:url']"]));
    facts
}

impl PageFacts {
    fn merge_json_ld(&mut self, article: &Value) {
        let text = |key: &str| -> Option<String> {
            match article.get(key)? {
                Value::String(text) => Some(text.trim().to_string()).filter(|t| !t.is_empty()),
                Value::Array(items) => items
                    .iter()
                    .find_map(|item| item.as_str())
                    .map(str::to_string),
                _ => None,
            }
        };
        self.title = text("headline").or_else(|| text("name"));
        self.sections = match article.get("articleSection") {
            Some(Value::String(name)) => vec![name.trim().to_string()],
            Some(Value::Array(names)) => names
                .iter()
                .filter_map(Value::as_str)
                .map(|name| name.trim().to_string())
                .collect(),
            _ => Vec::new(),
        };
        self.byline = names(article.get("author"));
        if let Some(keywords) = article.get("keywords") {
            self.tags = match keywords {
                Value::String(list) => split_keywords(list),
                Value::Array(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            };
        }
    }
}

/// The first object of a JSON-LD value (a list or an `@graph` too) whose
/// `@type` is an article of some kind.
fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(object) => {
            if is_article(value) {
                return Some(value);
            }
            object.get("@graph").and_then(find_article)
        }
        _ => None,
    }
}

/// Whether a JSON-LD object's `@type` is an article of some kind.
fn is_article(value: &Value) -> bool {
    match value.get("@type") {
        Some(Value::String(kind)) => is_article_type(kind),
        Some(Value::Array(kinds)) => kinds.iter().filter_map(Value::as_str).any(is_article_type),
        _ => false,
    }
}

fn is_article_type(kind: &str) -> bool {
    kind.ends_with("Article") || kind == "BlogPosting" || kind == "Report"
}

/// Author names from JSON-LD: a string, an object with a `name`, or a list of either.
fn names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(name)) => vec![name.trim().to_string()],
        Some(Value::Object(object)) => names(object.get("name")),
        Some(Value::Array(items)) => items.iter().flat_map(|item| names(Some(item))).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|name| !name.is_empty() && !name.starts_with("http"))
    .collect()
}

fn split_keywords(list: &str) -> Vec<String> {
    list.split([',', ';'])
        .map(str::trim)
        .filter(|keyword| !keyword.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head>
<title>Port strike ends after talks - The Harbor Times</title>
<link rel="canonical" href="https://example.com/2021/05/04/port-strike">
<meta property="og:title" content="Port strike ends after talks">
<meta property="article:published_time" content="2021-05-04T22:30:00+09:00">
<meta property="article:section" content="Business">
<meta property="article:tag" content="ports"><meta property="article:tag" content="labor">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
 {"@type":"NewsArticle","author":[{"@type":"Person","name":"Ana Ruiz"}]}]}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/business">Business</a> <a href="/world">World</a></nav>
<article><h1>Port strike ends after talks</h1>
<p>Dockworkers at the city's main port returned to work on Tuesday after union leaders and the port
authority agreed on a new contract covering wages, shift lengths and safety equipment for crane crews.</p>
<p>The strike had lasted eleven days and left dozens of container ships waiting offshore, delaying
deliveries of electronics and auto parts across the region, according to the port authority.</p>
<p>Union members are expected to vote on the agreement next week, and both sides said they expected it
to pass by a wide margin after months of difficult negotiations over overtime rules.</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ferry fares to rise</a></li><li><a href="/b">New bridge opens</a></li></ul></aside>
<footer>Copyright 2021 The Harbor Times. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn metadata_and_text_without_chrome() {
        assert!(looks_like(PAGE));
        let parsed = parse_page(PAGE, Path::new("a.html"), None, None).unwrap();
        let article = &parsed.articles[0];
        assert_eq!(article.title, "Port strike ends after talks");
        // The day as written in the page's own time zone.
        assert_eq!(article.date, NaiveDate::from_ymd_opt(2021, 5, 4));
        assert_eq!(
            article.url.as_deref(),
            Some("https://example.com/2021/05/04/port-strike")
        );
        assert_eq!(article.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(article.section.as_ref().unwrap().to_string(), "Business");
        assert_eq!(article.tags, vec!["ports", "labor"]);
        let text = article.body.join("\n");
        assert!(
            text.starts_with("Dockworkers at the city's main port"),
            "{text}"
        );
        assert!(text.contains("wide margin"));
        for chrome in ["Most read", "Ferry fares", "Copyright", "Home"] {
            assert!(!text.contains(chrome), "{chrome} in {text}");
        }
    }

    #[test]
    fn figure_captions_are_captions_and_teasers_are_not() {
        let page = r#"<html><head><title>Flood waters recede</title></head><body>
<article><h1>Flood waters recede</h1>
<figure><img src="a.jpg"><figcaption>Image caption Volunteers stack sandbags outside a bakery in Millbrook. (AP Photo/Jane Carter)</figcaption></figure>
<p>Residents of three river towns began clearing mud from their homes on Monday as flood waters receded after a week of rain.</p>
<p>Volunteers stack sandbags outside a bakery in Millbrook. (AP Photo/Jane Carter)</p>
<figure><img src="b.jpg"><figcaption>2 of 3 <span>A farmer checks a flooded field.</span> <span>Photo: Tom Reyes</span></figcaption></figure>
<p>The river crested on Saturday night about two metres above its usual level, the highest reading since records began in 1952.</p>
<figure><figcaption><a href="/live">Watch live</a></figcaption></figure>
<figure><figcaption>Need more news? Subscribe to our weekly magazine.</figcaption></figure>
</article>
<aside><figure><img src="c.jpg"><figcaption>Election night in the capital</figcaption></figure></aside>
</body></html>"#;
        let article = &parse_page(page, Path::new("f.html"), None, None)
            .unwrap()
            .articles[0];
        assert_eq!(
            article.captions,
            vec![
                "Volunteers stack sandbags outside a bakery in Millbrook. (AP Photo/Jane Carter)",
                "A farmer checks a flooded field. Photo: Tom Reyes",
            ]
        );
        let text = article.body.join("\n");
        assert!(text.starts_with("Residents of three river towns"), "{text}");
        assert!(!text.contains("sandbags"), "{text}");
    }

    #[test]
    fn outside_facts_fill_gaps_and_empty_pages_are_errors() {
        let bare = "<html><body><p>Short notice about the weather turning colder over the weekend, with rain expected on Sunday across the north and snow on the hills above five hundred metres, forecasters said on Friday.</p></body></html>";
        let day = NaiveDate::from_ymd_opt(2019, 11, 20);
        let parsed = parse_page(bare, Path::new("w"), Some("https://example.com/x"), day).unwrap();
        assert_eq!(parsed.articles[0].date, day);
        assert_eq!(
            parsed.articles[0].url.as_deref(),
            Some("https://example.com/x")
        );
        assert!(parse_page("<html><body></body></html>", Path::new("e"), None, None).is_err());
        assert_eq!(
            date_in_url("https://example.com/story/news/2019/11/19/slug/"),
            NaiveDate::from_ymd_opt(2019, 11, 19)
        );
        assert_eq!(
            date_in_url("https://example.com/business/story/2019-11-19/slug"),
            NaiveDate::from_ymd_opt(2019, 11, 19)
        );
        assert_eq!(date_in_url("https://example.com/2019/13/40/x"), None);
    }

    #[test]
    fn a_page_drawn_by_script_is_read_from_its_json_ld() {
        let page = r#"<html><head><title>Ferry service resumes - Island News</title>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry service resumes",
"articleBody":"<p>The island ferry resumed its morning crossings on Monday after a week of repairs to the hull and engines.</p><p>Operators said the evening crossing would return on Thursday once the crew had finished sea trials.</p>"}</script>
</head><body><div id="app">Loading</div></body></html>"#;
        let article = &parse_page(page, Path::new("f.html"), None, None)
            .unwrap()
            .articles[0];
        assert_eq!(article.title, "Ferry service resumes");
        assert_eq!(article.body.len(), 2, "{:?}", article.body);
        assert!(article.body[0].starts_with("The island ferry resumed"));
        assert!(article.body[1].ends_with("sea trials."));
    }

    #[test]
    fn other_posts_on_the_page_are_not_the_story() {
        let teaser = |n: usize| {
            format!(
                "<article class=\"post\"><h2><a href=\"/p{n}\">Another post number {n}</a></h2>\
                 <p>Other post {n} text, a whole paragraph of it about a different subject entirely, \
                 with enough words in it to look like a story of its own to any extractor.</p></article>"
            )
        };
        let page = format!(
            r#"<html><head><meta property="og:title" content="Library extends opening hours"></head><body>
<article class="post"><h1>Library extends opening hours</h1>
<p>The city library will stay open until nine in the evening on weekdays from next month, the council said.</p>
<p>Librarians welcomed the change, which follows a survey in which readers asked for later hours.</p></article>
{}</body></html>"#,
            (1..=6).map(teaser).collect::<String>()
        );
        let article = &parse_page(&page, Path::new("p.html"), None, None)
            .unwrap()
            .articles[0];
        let text = article.body.join("\n");
        assert!(text.contains("until nine in the evening"), "{text}");
        assert!(!text.contains("Other post"), "{text}");
    }
}
