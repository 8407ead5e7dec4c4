//! JSON dumps: JSON Lines (one record per line, as news-please and most
//! crawlers stream them), a single JSON object per file (news-please's
//! default), a JSON array of objects, or an API's answer holding the list of
//! records somewhere inside (`{"response": {"results": [...]}}` from the
//! Guardian, `{"articles": [...]}` from NewsAPI, a JSON Feed's `items`,
//! Elasticsearch's `hits.hits`). Fields are mapped by [`FieldMap`].

use std::path::Path;

use serde_json::{Map, Value};

use super::first_few;
use super::format::{DumpFormat, Parsed};
use super::records::FieldMap;
use super::warning::{Warning, WarningKind};

/// JSON Lines, a JSON object, or a JSON array of objects, one article per
/// object (news-please and most crawlers).
pub(super) struct Json;

impl DumpFormat for Json {
    fn name(&self) -> &'static str {
        "json"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["json", "jsonl", "ndjson", "jsonlines"]
    }

    fn looks_like(&self, head: &str) -> bool {
        looks_like(head)
    }

    fn read(&self, text: &str, source: &Path, fields: &FieldMap) -> Result<Parsed, String> {
        parse(text, source, fields)
    }
}

/// Whether text starts like JSON records: a `{` or a `[` first.
fn looks_like(head: &str) -> bool {
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
}

fn parse(text: &str, source: &Path, fields: &FieldMap) -> Result<Parsed, String> {
    let mut records: Vec<(usize, Map<String, Value>)> = Vec::new();
    let mut broken_lines = Vec::new();
    let whole = serde_json::from_str::<Value>(text).map(|value| match value {
        // An object without stories in it or anywhere inside is some other
        // kind of file, whatever else it holds: an empty one stands for it.
        Value::Object(record) if !fields.has_text(&record) => {
            inner_records(record, fields, 3).map_or(Value::Object(Map::new()), Value::Array)
        }
        other => other,
    });
    match whole {
        Ok(Value::Object(record)) => records.push((1, record)),
        Ok(Value::Array(items)) => {
            for (at, item) in items.into_iter().enumerate() {
                match item {
                    Value::Object(record) => records.push((at + 1, record)),
                    _ => broken_lines.push(at + 1),
                }
            }
        }
        Ok(_) => return Err("JSON that is neither an object nor a list of objects".to_string()),
        Err(_) => {
            for (at, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(line) {
                    Ok(Value::Object(record)) => records.push((at + 1, record)),
                    _ => broken_lines.push(at + 1),
                }
            }
        }
    }
    if records.is_empty() {
        return Err(
            "no JSON object could be read (not JSON, or JSON Lines with every line broken)"
                .to_string(),
        );
    }
    let mut parsed = Parsed::default();
    if !broken_lines.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} records are not JSON objects and were not indexed (line or item {})",
                broken_lines.len(),
                first_few(&broken_lines)
            ),
        ));
    }
    if !records.iter().any(|(_, record)| fields.has_text(record)) {
        parsed.foreign = Some(
            "JSON records without a story text field (use --field body=NAME if it has another name)"
                .to_string(),
        );
        return Ok(parsed);
    }
    let (articles, textless) = fields.articles(&records, source, &mut parsed.warnings);
    parsed.articles = articles;
    if !textless.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} records have no headline or story text and were not indexed (line or item {})",
                textless.len(),
                first_few(&textless)
            ),
        ));
    }
    Ok(parsed)
}

/// The first list of records with story text inside an object, looked for
/// `depth` levels down.
fn inner_records(
    object: Map<String, Value>,
    fields: &FieldMap,
    depth: usize,
) -> Option<Vec<Value>> {
    let holds_stories = |items: &[Value]| {
        items.iter().any(|item| match item {
            Value::Object(record) => fields.has_text(record),
            _ => false,
        })
    };
    object.into_iter().find_map(|(_, value)| match value {
        Value::Array(items) if holds_stories(&items) => Some(items),
        Value::Object(inner) if depth > 1 => inner_records(inner, fields, depth - 1),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_default(text: &str) -> Result<Parsed, String> {
        parse(text, Path::new("x.jsonl"), &FieldMap::default())
    }

    /// A record without a headline: a first paragraph shaped as one is its
    /// headline, kept in the text by the dump; else the opening words stand in.
    #[test]
    fn a_headline_left_in_the_text_is_the_headline() {
        use crate::article::TitleOrigin;
        let parsed = parse_default(concat!(
            r#"{"text": "Floods close the coast road\n\nThe road was shut on Monday."}"#,
            "\n",
            r#"{"text": "The road was shut on Monday, and it stays shut.\n\nMore rain is due."}"#,
            "\n",
            r#"{"text": "WASHINGTON\n\nThe road was shut on Monday."}"#,
        ))
        .unwrap();
        let headed = &parsed.articles[0];
        assert_eq!(headed.title, "Floods close the coast road");
        assert_eq!(headed.title_origin, TitleOrigin::Given);
        assert_eq!(headed.body, ["The road was shut on Monday."]);
        for opening in &parsed.articles[1..] {
            assert_eq!(opening.title_origin, TitleOrigin::Opening, "{opening:?}");
            assert!(opening.body[0].starts_with(&opening.title), "{opening:?}");
        }
    }

    /// A file of enough records to be read on every core gives what one
    /// thread gives: articles, warnings and records left out in file order.
    #[test]
    fn a_file_of_many_records_keeps_their_order() {
        let records = 3 * crate::ingest::SPREAD_FROM;
        let text: String = (0..records)
            .map(|at| match at % 100 {
                7 => "{\"section\": \"Sport\"}\n".to_string(),
                9 => {
                    format!("{{\"title\": \"Story {at}\", \"text\": \"t\", \"date\": \"soon\"}}\n")
                }
                _ => format!("{{\"title\": \"Story {at}\", \"text\": \"Text {at}.\"}}\n"),
            })
            .collect();
        let parsed = parse_default(&text).unwrap();
        let expected: Vec<String> = (0..records)
            .filter(|at| at % 100 != 7)
            .map(|at| format!("Story {at}"))
            .collect();
        let titles: Vec<&str> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
        assert!(titles == expected, "articles out of order");
        let undated: Vec<String> = parsed
            .warnings
            .iter()
            .filter(|warning| warning.kind == WarningKind::Undated)
            .map(ToString::to_string)
            .collect();
        let every_hundredth = (0..records).filter(|at| at % 100 == 9).count();
        assert_eq!(undated.len(), every_hundredth);
        assert!(undated[0].contains("Story 9\""), "{undated:?}");
        assert!(undated[1].contains("Story 109\""), "{undated:?}");
        assert!(parsed.warnings.iter().any(|warning| {
            let said = warning.to_string();
            said.contains(&format!("{every_hundredth} records have no headline"))
                && said.contains("line or item 8, 108, 208")
        }));
    }

    #[test]
    fn lines_objects_and_arrays() {
        let lines = "{\"title\": \"A\", \"text\": \"one\"}\n\n{broken\n{\"title\": \"B\", \"text\": \"two\"}\n";
        let parsed = parse_default(lines).unwrap();
        assert_eq!(parsed.articles.len(), 2);
        assert!(
            parsed.warnings[0].to_string().contains("line or item 3"),
            "{:?}",
            parsed.warnings
        );
        let object = parse_default("{\"headline\": \"A\", \"articleBody\": \"one\"}").unwrap();
        assert_eq!(object.articles[0].title, "A");
        let array = parse_default(
            "[{\"title\": \"A\", \"body\": \"x\"}, 3, {\"title\": \"B\"}, {\"url\": \"u\"}]",
        )
        .unwrap();
        assert_eq!(array.articles.len(), 2, "a headline alone is a brief");
        assert_eq!(array.warnings.len(), 2, "{:?}", array.warnings);
    }

    #[test]
    fn news_api_answers_are_read_as_lists_of_stories() {
        let guardian = r#"{"response": {"status": "ok", "results": [
            {"id": "world/2019/dec/10/talks", "sectionName": "World news",
             "webPublicationDate": "2019-12-10T18:05:12Z", "webTitle": "Island talks resume",
             "webUrl": "https://example.com/world/2019/dec/10/talks",
             "fields": {"byline": "Ana Ruiz", "body": "<p>Ministers met on Tuesday.</p><p>Talks go on.</p>"}}]}}"#;
        let article = &parse_default(guardian).unwrap().articles[0];
        assert_eq!(article.title, "Island talks resume");
        assert_eq!(
            article.body,
            vec!["Ministers met on Tuesday.", "Talks go on."]
        );
        assert_eq!(article.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(article.section.as_ref().unwrap().to_string(), "World news");
        assert_eq!(article.date.unwrap().to_string(), "2019-12-10");

        let times = r#"{"status": "OK", "response": {"docs": [{"abstract": "Rates held.",
            "lead_paragraph": "The central bank left interest rates unchanged on Wednesday.",
            "headline": {"main": "Fed Holds Rates Steady", "kicker": null},
            "pub_date": "2019-12-11T19:00:00+0000", "byline": {"original": "By Jane Doe"},
            "keywords": [{"name": "subject", "value": "Interest Rates"}]}]}}"#;
        let article = &parse_default(times).unwrap().articles[0];
        assert_eq!(article.title, "Fed Holds Rates Steady");
        assert_eq!(
            article.body,
            vec!["The central bank left interest rates unchanged on Wednesday."]
        );
        assert_eq!(article.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(article.tags, vec!["Interest Rates"]);

        let search_engine = r#"{"hits": {"hits": [{"_id": "a1", "_source":
            {"headline": "Port reopens", "text": "The port reopened on Friday.", "date": "2021-05-07"}}]}}"#;
        let article = &parse_default(search_engine).unwrap().articles[0];
        assert_eq!(article.title, "Port reopens");
        assert_eq!(article.docno.as_deref(), Some("a1"));

        let news_api = r#"{"articles": [{"source": {"id": "wire", "name": "Wire"}, "title": "Storm shuts schools",
            "publishedAt": "2020-02-10T08:00:00Z", "content": "Schools closed on Monday as winds rose… [+1234 chars]"}]}"#;
        let article = &parse_default(news_api).unwrap().articles[0];
        assert_eq!(
            article.body,
            vec!["Schools closed on Monday as winds rose…"]
        );
        assert_eq!(article.date.unwrap().to_string(), "2020-02-10");
        assert_eq!(article.docno, None, "a publisher's id names no story");
    }

    #[test]
    fn manifests_are_not_dumps_and_garbage_is_an_error() {
        let manifest = parse_default("{\"file\": \"a.txt\", \"title\": \"A\"}\n").unwrap();
        assert!(manifest.articles.is_empty() && manifest.foreign.is_some());
        assert!(parse_default("{not json\nat all").is_err());
        assert!(parse_default("42").is_err());
        assert!(looks_like("\u{feff}  {\"a\": 1}") && !looks_like("date 2019"));
    }
}
