//! JSON dumps: JSON Lines (one record per line, as news-please and most
//! crawlers stream them), a single JSON object per file (news-please's
//! default), or a JSON array of objects. Fields are mapped by [`FieldMap`].

use std::path::Path;

use serde_json::{Map, Value};

use super::records::FieldMap;
use super::{first_few, Parsed};

/// Whether text starts like JSON records: a `{` or a `[` first.
pub(super) fn looks_like(head: &str) -> bool {
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with(['{', '['])
}

pub(super) fn parse(text: &str, source: &Path, fields: &FieldMap) -> Result<Parsed, String> {
    let mut records: Vec<(usize, Map<String, Value>)> = Vec::new();
    let mut broken_lines = Vec::new();
    match serde_json::from_str::<Value>(text) {
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
        parsed.warnings.push(format!(
            "{} records are not JSON objects and were not indexed (line or item {})",
            broken_lines.len(),
            first_few(&broken_lines)
        ));
    }
    if !records.iter().any(|(_, record)| fields.has_text(record)) {
        parsed.foreign = Some(
            "JSON records without a story text field (use --field body=NAME if it has another name)"
                .to_string(),
        );
        return Ok(parsed);
    }
    let mut textless = Vec::new();
    for (at, record) in &records {
        match fields.article(record, source, &mut parsed.warnings) {
            Ok(article) => parsed.articles.push(article),
            Err(_) => textless.push(*at),
        }
    }
    if !textless.is_empty() {
        parsed.warnings.push(format!(
            "{} records have no headline or story text and were not indexed (line or item {})",
            textless.len(),
            first_few(&textless)
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_default(text: &str) -> Result<Parsed, String> {
        parse(text, Path::new("x.jsonl"), &FieldMap::default())
    }

    #[test]
    fn lines_objects_and_arrays() {
        let lines = "{\"title\": \"A\", \"text\": \"one\"}\n\n{broken\n{\"title\": \"B\", \"text\": \"two\"}\n";
        let parsed = parse_default(lines).unwrap();
        assert_eq!(parsed.articles.len(), 2);
        assert!(
            parsed.warnings[0].contains("line or item 3"),
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
    fn manifests_are_not_dumps_and_garbage_is_an_error() {
        let manifest = parse_default("{\"file\": \"a.txt\", \"title\": \"A\"}\n").unwrap();
        assert!(manifest.articles.is_empty() && manifest.foreign.is_some());
        assert!(parse_default("{not json\nat all").is_err());
        assert!(parse_default("42").is_err());
        assert!(looks_like("\u{feff}  {\"a\": 1}") && !looks_like("date 2019"));
    }
}
