//! Records with named fields (a JSON object, a CSV row) turned into articles.
//! Scrapers name their fields differently (news-please writes `maintext` and
//! `date_publish`, others `body` and `published_at`); the common names are
//! listed here once, and `--field PART=NAME` points a part at any other name.
//! Names match however a scraper spells them (`publishedAt`, `published_at`,
//! `Published At`), and the shapes of the common news APIs and CMS exports
//! are read as they come: WordPress's `{"rendered": …}` values, the fields
//! the Guardian's API nests under `fields`, Elasticsearch's `_source`, story
//! text written as HTML.

use std::path::Path;

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::dates::{parse_any_date, DayOrder};
use super::warning::{Warning, WarningKind};
use super::{after_lead, decode_entities, html, single_spaced};
use crate::article::{Article, ArticleId, Section};

/// A part of an article that a record field can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The record's own id (see [`Article::docno`]); a morgue id from `morgue
    /// export` is kept as the article's id instead.
    Id,
    /// Page address.
    Url,
    /// Publication date: ISO-8601, RFC 2822 or Unix seconds.
    Date,
    /// Section path or category.
    Section,
    /// Headline.
    Title,
    /// Writers (a string, a list, or objects with a `name`).
    Byline,
    /// Story text (a string with blank lines or line breaks between
    /// paragraphs, or a list of paragraphs).
    Body,
    /// A summary, used as the text only when a record has no body.
    Summary,
    /// Photo captions.
    Captions,
    /// Topic tags or keywords.
    Tags,
    /// The publication (news-please's `source_domain`), the byline when no writer is named.
    Source,
}

impl Part {
    /// Every part with the name `--field` takes and the field names tried, in order.
    const ALL: [(Part, &'static str, &'static [&'static str]); 11] = [
        (
            Part::Id,
            "id",
            &["docno", "id", "doc_id", "article_id", "newid", "guid"],
        ),
        (
            Part::Url,
            "url",
            &[
                "url",
                "link",
                "canonical_url",
                "uri",
                "source_url",
                "web_url",
                "website_url",
            ],
        ),
        (
            Part::Date,
            "date",
            &[
                "date_publish",
                "date_published",
                "published_at",
                "published_date",
                "pub_date",
                "web_publication_date",
                "display_date",
                "first_publish_date",
                "published",
                "publish_date",
                "pubdate",
                "date",
                "datetime",
                "timestamp",
                "created_at",
            ],
        ),
        (
            Part::Section,
            "section",
            &[
                "section",
                "article_section",
                "section_name",
                "primary_section",
                "category",
                "categories",
                "desk",
            ],
        ),
        (
            Part::Title,
            "title",
            &[
                "title",
                "headline",
                "headlines",
                "web_title",
                "name",
                "subject",
            ],
        ),
        (
            Part::Byline,
            "byline",
            &[
                "authors", "author", "byline", "creator", "writer", "by", "credits",
            ],
        ),
        (
            Part::Body,
            "body",
            &[
                "maintext",
                "text",
                "body",
                "article_text",
                "article_body",
                "body_text",
                "content",
                "content_html",
                "content_text",
                "content:encoded",
                "story",
                "full_text",
                "article",
                "content_elements",
            ],
        ),
        (
            Part::Summary,
            "summary",
            &[
                "description",
                "summary",
                "abstract",
                "lead",
                "lead_paragraph",
                "excerpt",
                "short_description",
                "highlights",
                "trail_text",
                "standfirst",
            ],
        ),
        (Part::Captions, "captions", &["captions", "caption"]),
        (Part::Tags, "tags", &["tags", "keywords", "topics"]),
        (
            Part::Source,
            "source",
            &[
                "source_domain",
                "site_name",
                "publisher",
                "publication",
                "outlet",
            ],
        ),
    ];

    fn names(self) -> &'static [&'static str] {
        Part::ALL
            .iter()
            .find(|(part, _, _)| *part == self)
            .map_or(&[], |(_, _, names)| names)
    }
}

/// Which record field fills which part: the common names, and the user's
/// `--field` overrides, which are tried first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    overrides: Vec<(Part, String)>,
}

impl FieldMap {
    /// Adds an override written `PART=NAME` (`body=article_text`).
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let (part, name) = spec
            .split_once('=')
            .map(|(part, name)| (part.trim(), name.trim()))
            .filter(|(_, name)| !name.is_empty())
            .ok_or_else(|| format!("'{spec}' is not PART=FIELD (e.g. body=article_text)"))?;
        let known = Part::ALL
            .iter()
            .find(|(_, known, _)| known.eq_ignore_ascii_case(part))
            .ok_or_else(|| {
                let parts: Vec<&str> = Part::ALL.iter().map(|(_, name, _)| *name).collect();
                format!(
                    "'{part}' is not a part of an article; use one of {}",
                    parts.join(", ")
                )
            })?;
        self.overrides.push((known.0, name.to_string()));
        Ok(())
    }

    /// The value a record holds for a part, under the first name it uses.
    /// The first of the part's fields the record fills; for a summary, the
    /// longest (the New York Times' API gives an `abstract` and a fuller
    /// `lead_paragraph`).
    fn value<'a>(&self, record: &Fields<'a>, part: Part) -> Option<&'a Value> {
        let overridden = self
            .overrides
            .iter()
            .filter(|(which, _)| *which == part)
            .map(|(_, name)| name.as_str());
        let mut filled = overridden
            .chain(part.names().iter().copied())
            .filter_map(|name| record.get(name))
            .filter(|value| !is_empty(value));
        if part != Part::Summary {
            return filled.next();
        }
        let mut longest: Option<(&Value, usize)> = None;
        for value in filled {
            let length = flat_text(value).len();
            if longest.is_none_or(|(_, most)| length > most) {
                longest = Some((value, length));
            }
        }
        longest.map(|(value, _)| value)
    }

    /// Whether any record field could give an article its text.
    pub(super) fn has_text(&self, record: &Map<String, Value>) -> bool {
        let record = Fields::of(record);
        self.value(&record, Part::Body).is_some() || self.value(&record, Part::Summary).is_some()
    }

    /// The articles a file's records hold, in the records' order, with the
    /// numbers (line or item) of those that hold none. The file's dates say
    /// together how it writes a day and a month as numbers. A file of many
    /// records (a whole archive in one JSON Lines file) is read on every core:
    /// one core reading it while the other waited was half of such a build.
    pub(super) fn articles(
        &self,
        records: &[(usize, Map<String, Value>)],
        source: &Path,
        warnings: &mut Vec<Warning>,
    ) -> (Vec<Article>, Vec<usize>) {
        let spread = records.len() >= super::SPREAD_FROM;
        let fields: Vec<Fields> = if spread {
            records
                .par_iter()
                .map(|(_, record)| Fields::of(record))
                .collect()
        } else {
            records
                .iter()
                .map(|(_, record)| Fields::of(record))
                .collect()
        };
        let dates: Vec<String> = fields
            .iter()
            .filter_map(|record| self.value(record, Part::Date).map(flat_text))
            .collect();
        let order = DayOrder::of(dates.iter().map(String::as_str));
        let read = |record: &Fields| {
            let mut said = Vec::new();
            let article = self.article(record, source, order, &mut said);
            (article, said)
        };
        let results: Vec<_> = if spread {
            fields.par_iter().map(read).collect()
        } else {
            fields.iter().map(read).collect()
        };
        let mut articles = Vec::with_capacity(results.len());
        let mut textless = Vec::new();
        for ((at, _), (article, said)) in records.iter().zip(results) {
            warnings.extend(said);
            match article {
                Ok(article) => articles.push(article),
                Err(_) => textless.push(*at),
            }
        }
        (articles, textless)
    }

    /// The article a record holds, its numeric dates read in `order`; `Err`
    /// says why it holds none.
    fn article(
        &self,
        record: &Fields,
        source: &Path,
        order: DayOrder,
        warnings: &mut Vec<Warning>,
    ) -> Result<Article, &'static str> {
        // morgue's own export marks a headline it made of the opening words.
        let made_up = record.own("title_origin").and_then(Value::as_str) == Some("opening");
        let text = |part| self.value(record, part).map(flat_text);
        let (body, html_captions) = self
            .value(record, Part::Body)
            .or_else(|| self.value(record, Part::Summary))
            .map(story_text)
            .unwrap_or_default();
        let title = text(Part::Title).filter(|title| !title.is_empty() && !made_up);
        let mut article = match title {
            Some(title) => Article::new(title, body, source.to_path_buf()),
            None => {
                super::without_marked_headline(body, source).ok_or("no headline or story text")?
            }
        };
        article.url = text(Part::Url);
        article.date = match text(Part::Date)
            .as_deref()
            .map(|date| parse_any_date(date, order))
        {
            Some(Some(Ok(date))) => Some(date),
            Some(Some(Err(problem))) => {
                warnings.push(Warning::new(
                    WarningKind::Undated,
                    format!("\"{}\": {problem}; indexed undated", article.title),
                ));
                None
            }
            Some(None) => {
                warnings.push(Warning::new(
                    WarningKind::Undated,
                    format!(
                        "\"{}\": unreadable date '{}'; indexed undated",
                        article.title,
                        text(Part::Date).unwrap_or_default()
                    ),
                ));
                None
            }
            None => None,
        };
        article.section = self
            .value(record, Part::Section)
            .map(labels)
            .and_then(|levels| Section::parse(&levels.join(" / ")));
        article.byline = self
            .value(record, Part::Byline)
            .map(|value| {
                labels(value)
                    .iter()
                    .map(|name| without_by(name))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .or_else(|| text(Part::Source))
            .filter(|byline| !byline.is_empty());
        article.captions = self
            .value(record, Part::Captions)
            .map(labels)
            .unwrap_or_default();
        article.captions.extend(html_captions);
        article.tags = self
            .value(record, Part::Tags)
            .map_or_else(Vec::new, tag_list);
        let id = text(Part::Id);
        match id {
            Some(id) if is_morgue_id(&id) => {
                article.docno = record.get("docno").map(flat_text);
                article.id = ArticleId::from_string(id);
                Ok(article)
            }
            other => {
                article.docno = other;
                Ok(article.identified())
            }
        }
    }
}

/// Objects in which a record keeps its fields: Elasticsearch and OpenSearch
/// exports (`_source`), the Guardian's API (`fields`), JSON:API (`attributes`),
/// Arc XP's section and tags (`taxonomy`).
const CONTAINERS: &[&str] = &["_source", "fields", "attributes", "taxonomy"];

/// A record's fields as its parts are looked up: by exact name, else by the
/// letters of the name — case, underscores, dashes, colons and spaces
/// ignored, as scrapers vary them — in the record itself and then in its
/// [`CONTAINERS`]. Each key's letters are taken once per record: every part
/// is looked for under several names (comparing them afresh for each name was
/// half of reading a JSON Lines dump).
struct Fields<'a> {
    levels: Vec<Level<'a>>,
}

/// The record or one of its containers, with the letters of each key in the
/// map's order.
struct Level<'a> {
    record: &'a Map<String, Value>,
    letters: Vec<(String, &'a Value)>,
}

impl<'a> Fields<'a> {
    fn of(record: &'a Map<String, Value>) -> Fields<'a> {
        let containers = CONTAINERS
            .iter()
            .filter_map(|container| match record.get(*container) {
                Some(Value::Object(inner)) => Some(inner),
                _ => None,
            });
        Fields {
            levels: std::iter::once(record)
                .chain(containers)
                .map(|record| Level {
                    record,
                    letters: record
                        .iter()
                        .map(|(key, value)| (letters(key).collect(), value))
                        .collect(),
                })
                .collect(),
        }
    }

    /// The record's own field of exactly this name.
    fn own(&self, name: &str) -> Option<&'a Value> {
        self.levels.first()?.record.get(name)
    }

    /// The field `name`, from the first level that has it.
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.levels.iter().find_map(|level| {
            level.record.get(name).or_else(|| {
                level
                    .letters
                    .iter()
                    .find(|(key, _)| letters_are(key, name))
                    .map(|(_, value)| *value)
            })
        })
    }
}

/// The letters of a field name, lowercased.
fn letters(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|ch| ch.is_alphanumeric())
        .flat_map(char::to_lowercase)
}

/// Whether `name` has exactly the letters `key_letters` (a key's
/// [`letters`]). Nearly every name is ASCII, compared a byte at a time: a
/// letter lowercased into ASCII (the Kelvin sign's "k") is ASCII in
/// `key_letters` too.
fn letters_are(key_letters: &str, name: &str) -> bool {
    if name.is_ascii() {
        key_letters.bytes().eq(name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|byte| byte.to_ascii_lowercase()))
    } else {
        key_letters.chars().eq(letters(name))
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.iter().all(is_empty),
        _ => false,
    }
}

/// An id as `morgue export` writes it (16 lowercase hex digits), so that a
/// re-ingested export keeps every article's id.
fn is_morgue_id(text: &str) -> bool {
    text.len() == 16
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A value as one line of text (lists joined; an object by its `name`),
/// HTML entities decoded (WordPress writes `&#8211;` into headlines) before
/// the spacing is folded, so that a decoded `&nbsp;` is folded too.
fn flat_text(value: &Value) -> String {
    let text = list(value).join(", ");
    if text.contains('&') {
        single_spaced(&decode_entities(&text))
    } else {
        single_spaced(&text)
    }
}

/// Keys under which an object value holds its text: a name-value pair's
/// `value` (the New York Times API's keywords), WordPress's `rendered`, the
/// New York Times API's `main` headline and `original` byline, a person's
/// `name`, Arc XP's `basic` headline, `content` of a story element and `by`
/// list of credits.
const TEXT_KEYS: &[&str] = &[
    "value", "rendered", "main", "original", "name", "text", "basic", "content", "by",
];

fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().flat_map(list).collect(),
        Value::Object(object) => TEXT_KEYS
            .iter()
            .find_map(|key| object.get(*key))
            .map(list)
            .unwrap_or_default(),
        Value::String(text) => {
            let text = text.trim();
            if text.is_empty() {
                Vec::new()
            } else {
                vec![text.to_string()]
            }
        }
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

/// Names, sections, tags and captions: numbers there are a CMS's ids for them
/// (WordPress's `"author": 3`, `"tags": [12, 40]`), not their text.
fn labels(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().flat_map(labels).collect(),
        Value::Number(_) | Value::Bool(_) => Vec::new(),
        other => list(other)
            .iter()
            .map(|label| flat_text(&Value::String(label.clone())))
            .collect(),
    }
}

/// Tags: a list's items, or a text's parts between commas, semicolons or
/// bars (one spreadsheet cell holds all of an article's tags).
fn tag_list(value: &Value) -> Vec<String> {
    let tags = labels(value);
    if value.is_array() {
        return tags;
    }
    tags.iter()
        .flat_map(|tags| tags.split([',', ';', '|']))
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_string)
        .collect()
}

/// A writer's name without the "By " that bylines print before it.
fn without_by(name: &str) -> &str {
    after_lead(name, "by ").map_or(name, str::trim_start)
}

/// The story's paragraphs, and the captions of pictures when it is HTML.
fn story_text(value: &Value) -> (Vec<String>, Vec<String>) {
    let (mut paragraphs, mut captions) = (Vec::new(), Vec::new());
    for text in list(value) {
        if html::is_fragment(&text) {
            let fragment = html::fragment_text(&text);
            paragraphs.extend(fragment.body);
            captions.extend(fragment.captions);
            continue;
        }
        let text = text.replace("\r\n", "\n");
        let separator = if text.contains("\n\n") { "\n\n" } else { "\n" };
        paragraphs.extend(
            text.split(separator)
                .map(single_spaced)
                .filter(|paragraph| !paragraph.is_empty()),
        );
    }
    if let Some(last) = paragraphs.last_mut() {
        *last = without_truncation_mark(last).to_string();
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    (paragraphs, captions)
}

/// Text without the "[+1234 chars]" that news APIs (NewsAPI) put where they
/// cut a story short: it is no word of the story.
fn without_truncation_mark(text: &str) -> &str {
    let Some(open) = text
        .strip_suffix(" chars]")
        .and_then(|rest| rest.rfind("[+"))
    else {
        return text;
    };
    let count = &text[open + 2..text.len() - " chars]".len()];
    if !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()) {
        text[..open].trim_end()
    } else {
        text
    }
}

#[cfg(test)]
mod tests;
