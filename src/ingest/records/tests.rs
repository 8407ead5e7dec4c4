//! The record reader on records of many sites' shapes.

use super::*;
use chrono::NaiveDate;

fn record(json: &str) -> Map<String, Value> {
    serde_json::from_str(json).unwrap()
}

/// The article of a record that reads without a warning.
fn clean_article(json: &str) -> Article {
    let mut warnings = Vec::new();
    let article = FieldMap::default()
        .article(
            &Fields::of(&record(json)),
            Path::new("a.json"),
            DayOrder::Unknown,
            &mut warnings,
        )
        .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    article
}

/// Arc XP, the CMS behind many papers' sites: headline under `basic`,
/// story elements with `content`, credits, section in the taxonomy.
#[test]
fn an_arc_xp_story() {
    let article = clean_article(
        r#"{"headlines": {"basic": "Council approves bus lanes"},
            "display_date": "2020-02-03T10:00:00Z",
            "credits": {"by": [{"name": "Jane Doe"}, {"name": "John Roe"}]},
            "taxonomy": {"primary_section": {"name": "Local"}, "tags": [{"text": "transit"}]},
            "content_elements": [
                {"type": "text", "content": "The council approved bus lanes on Monday."},
                {"type": "image", "caption": "Buses on Main Street."},
                {"type": "text", "content": "Work starts in spring."}],
            "canonical_url": "/local/2020/02/03/bus-lanes/"}"#,
    );
    assert_eq!(article.title, "Council approves bus lanes");
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2020, 2, 3));
    assert_eq!(article.byline.as_deref(), Some("Jane Doe, John Roe"));
    assert_eq!(article.section.unwrap().to_string(), "Local");
    assert_eq!(article.tags, ["transit"]);
    assert_eq!(
        article.body,
        [
            "The council approved bus lanes on Monday.",
            "Work starts in spring."
        ]
    );
    assert_eq!(article.url.as_deref(), Some("/local/2020/02/03/bus-lanes/"));
}

#[test]
fn a_wordpress_post_reads_as_its_site_shows_it() {
    let article = clean_article(
        r#"{"id": 4512, "date": "2021-06-03T08:15:00", "link": "https://example.org/crane/",
                    "title": {"rendered": "Crane topples in gale &#8211; nobody hurt"},
                    "content": {"rendered": "<p>A crane toppled into the water on Wednesday.</p>\n<p>Divers will <strong>inspect</strong> the quay.</p><figure><img src=\"x.jpg\"><figcaption>The crane on Thursday.</figcaption></figure>", "protected": false},
                    "author": 3, "tags": [12, 40]}"#,
    );
    assert_eq!(article.title, "Crane topples in gale \u{2013} nobody hurt");
    assert_eq!(
        article.body,
        vec![
            "A crane toppled into the water on Wednesday.",
            "Divers will inspect the quay."
        ]
    );
    assert_eq!(article.captions, vec!["The crane on Thursday."]);
    assert_eq!(article.byline, None, "an author number is no name");
    assert!(article.tags.is_empty());
    assert_eq!(article.docno.as_deref(), Some("4512"));
}

#[test]
fn field_names_match_however_they_are_spelled() {
    let article = clean_article(
        r#"{"Headline": "Talks resume", "Article Body": "", "bodyText": "Text.",
                    "publishedAt": "2019-12-10", "Web-URL": "https://example.com/a",
                    "Keywords": "ports, labor; strikes"}"#,
    );
    assert_eq!(article.body, vec!["Text."], "an empty field gives way");
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2019, 12, 10));
    assert_eq!(article.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(article.tags, vec!["ports", "labor", "strikes"]);
    let listed = tag_list(&serde_json::json!(["Washington, D.C.", "budget"]));
    assert_eq!(listed, vec!["Washington, D.C.", "budget"]);
}

#[test]
fn news_please_fields() {
    let article = clean_article(
        r#"{"title": "Talks resume", "maintext": "First.\nSecond.", "authors": ["A One", "B Two"],
                    "date_publish": "2019-12-10 14:30:00", "url": "https://example.com/a",
                    "source_domain": "example.com", "language": "en"}"#,
    );
    assert_eq!(article.body, vec!["First.", "Second."]);
    assert_eq!(article.byline.as_deref(), Some("A One, B Two"));
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2019, 12, 10));
    assert_eq!(article.url.as_deref(), Some("https://example.com/a"));
}

/// schema.org's NewsArticle, as sites embed it and crawlers save it.
#[test]
fn schema_org_news_article_fields() {
    let article = clean_article(
        r#"{"@type": "NewsArticle", "headline": "Typhoon hits", "articleBody": "A typhoon struck.",
                    "datePublished": "2019-12-11T06:32:00Z", "author": {"@type": "Person", "name": "John Roe"},
                    "articleSection": "World", "keywords": ["typhoon"], "url": "https://news.example.org/t"}"#,
    );
    assert_eq!(article.title, "Typhoon hits");
    assert_eq!(article.body, ["A typhoon struck."]);
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2019, 12, 11));
    assert_eq!(article.byline.as_deref(), Some("John Roe"));
    assert_eq!(article.section.unwrap().to_string(), "World");
    assert_eq!(article.tags, ["typhoon"]);
}

#[test]
fn overrides_other_names_and_fallbacks() {
    let mut fields = FieldMap::default();
    fields.add("body=article_text").unwrap();
    assert!(fields.add("bodytext").is_err());
    assert!(fields.add("colour=x").unwrap_err().contains("body"));
    let mut warnings = Vec::new();
    let article = fields
        .article(
            &Fields::of(&record(
                r#"{"article_text": "The text itself, long enough to name it.", "text": "not this",
                    "source": "Kyodo", "Date": "1575936000", "author": {"name": "Jane Doe"},
                    "category": ["World", "Asia"], "keywords": "asia"}"#,
            )),
            Path::new("a.json"),
            DayOrder::Unknown,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(
        article.body,
        vec!["The text itself, long enough to name it."]
    );
    assert_eq!(article.title, "The text itself, long enough to name it.");
    assert_eq!(article.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(article.section.unwrap().to_string(), "World / Asia");
    assert_eq!(article.tags, vec!["asia"]);
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2019, 12, 10));
}

#[test]
fn bad_dates_warn_briefs_are_kept_and_empty_records_refused() {
    let mut warnings = Vec::new();
    let article = FieldMap::default()
        .article(
            &Fields::of(&record(
                r#"{"title": "T", "body": "B", "date": "2019-02-30"}"#,
            )),
            Path::new("a"),
            DayOrder::Unknown,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(article.date, None);
    assert!(
        warnings[0].to_string().contains("2019-02-30"),
        "{warnings:?}"
    );
    let brief = FieldMap::default()
        .article(
            &Fields::of(&record(r#"{"title": "Only a title"}"#)),
            Path::new("a"),
            DayOrder::Unknown,
            &mut warnings,
        )
        .unwrap();
    assert!(brief.body.is_empty());
    let refused = FieldMap::default().article(
        &Fields::of(&record(
            r#"{"url": "https://example.com/x", "date": "2019-12-10"}"#,
        )),
        Path::new("a"),
        DayOrder::Unknown,
        &mut warnings,
    );
    assert!(refused.is_err());
}

#[test]
fn exported_ids_are_kept() {
    let mut warnings = Vec::new();
    let fields = FieldMap::default();
    let exported = fields
        .article(
            &Fields::of(&record(
                r#"{"id": "0123456789abcdef", "title": "T", "body": ["B"]}"#,
            )),
            Path::new("a"),
            DayOrder::Unknown,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(exported.id.as_str(), "0123456789abcdef");
    assert_eq!(exported.docno, None);
    let scraped = fields
        .article(
            &Fields::of(&record(r#"{"id": 12345, "title": "T", "body": "B"}"#)),
            Path::new("a"),
            DayOrder::Unknown,
            &mut warnings,
        )
        .unwrap();
    assert_eq!(scraped.docno.as_deref(), Some("12345"));
}
