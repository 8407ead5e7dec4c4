//! The desk a page files its story under. A section comes only from where
//! sites declare one — JSON-LD `articleSection`, `article:section` and its
//! cousins in `<meta>`, breadcrumbs (JSON-LD `BreadcrumbList` or a
//! breadcrumb trail in the page) — and only when it reads like a desk's
//! name: a few words, no markup, no share bar, no plug, no sentence, no lone
//! number. Otherwise the article has none: a wrong section misleads every
//! facet and filter, a missing one only leaves a gap.

use dom_query::Document;
use serde_json::Value;

use super::folded_words;
use crate::article::Section;
use crate::ingest::furniture::vocabulary::{phrases, Role::NotADesk};

/// Longest desk name, in characters and in words.
const LONGEST_NAME: usize = 40;
const MOST_WORDS: usize = 5;

/// Labels that name no desk: content-management defaults for "no section".
const NO_DESK: &[&str] = &[
    "all",
    "article",
    "articles",
    "uncategorized",
    "uncategorised",
    "allgemein",
    "non classé",
    "sin categoría",
    "sem categoria",
];

/// Names of the first crumb of a trail that are the site's front page.
const HOME: &[&str] = &[
    "home",
    "homepage",
    "start",
    "startseite",
    "accueil",
    "inicio",
    "início",
    "главная",
];

/// The page's section: the first declared one that reads like a desk.
/// `declared` are the values of `articleSection` and `<meta>` in the order
/// found; `headline` is dropped from the end of a breadcrumb trail.
pub(super) fn section(
    document: &Document,
    declared: &[String],
    json_ld: &[Value],
    headline: &str,
) -> Option<Section> {
    declared
        .iter()
        .find_map(|text| desk(first_listed(text)).and_then(|name| Section::parse(&name)))
        .or_else(|| {
            let site = document
                .select("meta[property='og:site_name']")
                .attr("content")
                .map(|name| name.trim().to_lowercase());
            let front = |crumb: &str| {
                let crumb = crumb.trim().to_lowercase();
                HOME.contains(&crumb.as_str())
                    || site.as_deref().is_some_and(|site| site.contains(&crumb))
            };
            trail(&json_crumbs(json_ld), headline, &front)
                .or_else(|| trail(&page_crumbs(document), headline, &front))
        })
}

/// The first item of a keyword list ("game,news,slider").
fn first_listed(text: &str) -> &str {
    text.split([',', ';']).next().unwrap_or(text)
}

/// The text, cleaned, when it reads like a desk's name.
fn desk(text: &str) -> Option<String> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<&str> = name.split(' ').filter(|word| !word.is_empty()).collect();
    let lower = name.to_lowercase();
    let fits = (2..=LONGEST_NAME).contains(&name.chars().count()) && words.len() <= MOST_WORDS;
    let markup = name.contains([
        '{', '}', '[', ']', '<', '>', '=', '#', '@', ':', ';', '"', '\\', '…',
    ]) || name.ends_with(['?', '!'])
        // A sentence ends in a full stop; "U.S." does not end a sentence.
        || (name.ends_with('.') && words.last().is_some_and(|word| word.matches('.').count() < 2));
    let lone_number = words
        .iter()
        .any(|word| word.chars().all(|c| c.is_ascii_digit() || c == ','));
    let domain = words.iter().any(|word| looks_like_a_domain(word));
    // A sentence's fragment: several words, the first in lower case.
    let fragment = words.len() >= 3 && name.starts_with(char::is_lowercase);
    let furniture = phrases(NotADesk)
        .iter()
        .any(|phrase| lower.contains(phrase));
    let letters = name.chars().any(char::is_alphabetic);
    let no_desk = NO_DESK.contains(&lower.as_str());
    (fits && letters && !markup && !lone_number && !domain && !fragment && !furniture && !no_desk)
        .then_some(name)
}

/// "gizmodo.com", "www.example.co.uk": a site, not a desk ("U.S." is not one).
fn looks_like_a_domain(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|part| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && parts
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A breadcrumb trail as a section: the site's front page (`front`: home,
/// or the site's name) and the story
/// itself left off, the rest (at most two levels, the innermost) kept
/// when every crumb reads like a desk.
fn trail(crumbs: &[String], headline: &str, front: &dyn Fn(&str) -> bool) -> Option<Section> {
    let headline = folded_words(headline);
    let mut crumbs: Vec<&String> = crumbs.iter().collect();
    if crumbs.first().is_some_and(|first| front(first)) {
        crumbs.remove(0);
    }
    if crumbs.last().is_some_and(|last| {
        let last = folded_words(last);
        !last.is_empty() && (headline.starts_with(&last) || last.starts_with(&headline))
    }) {
        crumbs.pop();
    }
    let kept = &crumbs[crumbs.len().saturating_sub(2)..];
    let names: Option<Vec<String>> = kept.iter().map(|crumb| desk(crumb)).collect();
    let names = names.filter(|names| !names.is_empty())?;
    Section::parse(&names.join(" / "))
}

/// The names of a JSON-LD `BreadcrumbList`, by position.
fn json_crumbs(json_ld: &[Value]) -> Vec<String> {
    fn find(value: &Value) -> Option<&Value> {
        match value {
            Value::Array(items) => items.iter().find_map(find),
            Value::Object(object) => {
                if object.get("@type").and_then(Value::as_str) == Some("BreadcrumbList") {
                    return Some(value);
                }
                object.values().find_map(find)
            }
            _ => None,
        }
    }
    let Some(Value::Array(items)) = json_ld
        .iter()
        .find_map(find)
        .and_then(|list| list.get("itemListElement"))
    else {
        return Vec::new();
    };
    let mut crumbs: Vec<(i64, String)> = items
        .iter()
        .filter_map(|item| {
            let position = item.get("position").and_then(Value::as_i64).unwrap_or(0);
            let name = item
                .get("name")
                .or_else(|| item.get("item").and_then(|inner| inner.get("name")))
                .and_then(Value::as_str)?;
            Some((position, name.trim().to_string()))
        })
        .collect();
    crumbs.sort_by_key(|(position, _)| *position);
    crumbs.into_iter().map(|(_, name)| name).collect()
}

/// The links of a breadcrumb trail in the page (an element whose class or
/// id says breadcrumb), in order.
fn page_crumbs(document: &Document) -> Vec<String> {
    let trail = document.select(
        "[class*=breadcrumb] a, [id*=breadcrumb] a, nav[aria-label=breadcrumb] a, \
         [itemtype*=BreadcrumbList] [itemprop=name]",
    );
    let mut crumbs: Vec<String> = Vec::new();
    for node in trail.nodes() {
        let text = node.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && crumbs.last() != Some(&text) {
            crumbs.push(text);
        }
    }
    crumbs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn desks_are_names_and_furniture_is_not() {
        for good in [
            "Business",
            "Sci-Tech",
            "U.S.",
            "Science & Health",
            "early retirement",
            "Советы хозяйке",
        ] {
            assert_eq!(desk(good).as_deref(), Some(good), "{good}");
        }
        for bad in [
            "#outer-wrapper{max-width:none}",
            "Facebook Twitter Instagram Pinterest Email Bloglovin",
            "Click to Skip Ad Closing in...",
            "Want more deals? Join the IGN Deals Newsletter.",
            "2019",
            "Nov 20",
            "@post-id:1913719",
            "gizmodo.com",
            "related stories",
            "sei es im Finanzbereich",
            "National News National Sports Local News Local Sports Obits E-Edition",
            "Newswire Powered by",
        ] {
            assert_eq!(desk(bad), None, "{bad}");
        }
        assert_eq!(
            desk(first_listed("game,news,slider")).as_deref(),
            Some("game")
        );
    }

    #[test]
    fn a_breadcrumb_trail_without_home_and_the_story() {
        let html = r#"<html><body><ol class="breadcrumbs"><li><a href="/">Home</a></li>
            <li><a href="/world">World</a></li><li><a href="/world/europe">Europe</a></li>
            <li><a href="/x">Sweden drops Assange investigation</a></li></ol>
            <h1>Sweden drops Assange investigation</h1></body></html>"#;
        let document = Document::from(html);
        let found = section(&document, &[], &[], "Sweden drops Assange investigation");
        assert_eq!(
            found.map(|s| s.to_string()).as_deref(),
            Some("World / Europe")
        );
        // A declared section that is furniture gives way to the trail.
        let declared = ["Facebook Twitter Email".to_string()];
        let found = section(
            &document,
            &declared,
            &[],
            "Sweden drops Assange investigation",
        );
        assert_eq!(
            found.map(|s| s.to_string()).as_deref(),
            Some("World / Europe")
        );
    }

    #[test]
    fn a_json_ld_trail() {
        let json: Value = serde_json::from_str(
            r#"{"@type":"BreadcrumbList","itemListElement":[
                {"@type":"ListItem","position":2,"name":"Markets"},
                {"@type":"ListItem","position":1,"name":"Home"}]}"#,
        )
        .unwrap();
        let document = Document::from("<html><body></body></html>");
        let found = section(&document, &[], &[json], "Stocks drift");
        assert_eq!(found.map(|s| s.to_string()).as_deref(), Some("Markets"));
    }
}
