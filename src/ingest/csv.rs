//! CSV and TSV dumps with a header row naming the fields, as spreadsheet
//! exports and many scrapers write them; fields are mapped by [`FieldMap`].
//! Quoted fields may span lines.

use std::path::Path;

use serde_json::{Map, Value};

use super::first_few;
use super::format::{DumpFormat, Parsed};
use super::records::FieldMap;
use super::warning::{Warning, WarningKind};

/// CSV or TSV with a header row, one article per row.
pub(super) struct Csv;

impl DumpFormat for Csv {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["csv", "tsv"]
    }

    fn read(&self, text: &str, source: &Path, fields: &FieldMap) -> Result<Parsed, String> {
        parse(text, source, fields)
    }
}

fn parse(text: &str, source: &Path, fields: &FieldMap) -> Result<Parsed, String> {
    let header = text.lines().next().unwrap_or_default();
    let is_tsv = source
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("tsv"));
    let delimiter = if is_tsv || header.matches('\t').count() > header.matches(',').count() {
        b'\t'
    } else if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .map_err(|error| format!("unreadable CSV header: {error}"))?
        .iter()
        .map(|name| name.trim().to_string())
        .collect();
    let mut parsed = Parsed::default();
    let mut broken = Vec::new();
    // Read whole first: the file's dates say together how it orders a day
    // and a month.
    let mut records = Vec::new();
    for (at, row) in reader.records().enumerate() {
        let row = match row {
            Ok(row) => row,
            Err(error) => {
                let line = error.position().map_or(at + 2, |at| at.line() as usize);
                broken.push(line);
                continue;
            }
        };
        let line = row.position().map_or(at + 2, |at| at.line() as usize);
        let record: Map<String, Value> = names
            .iter()
            .zip(row.iter())
            .map(|(name, value)| (name.clone(), Value::String(value.to_string())))
            .collect();
        records.push((line, record));
    }
    let any_text_field = records.iter().any(|(_, record)| fields.has_text(record));
    let (articles, textless) = fields.articles(&records, source, &mut parsed.warnings);
    parsed.articles = articles;
    if !any_text_field {
        parsed.articles.clear();
        parsed.foreign = Some(format!(
            "CSV without a story text column (columns: {}; use --field body=NAME)",
            names.join(", ")
        ));
        return Ok(parsed);
    }
    if !broken.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} rows could not be read (line {})",
                broken.len(),
                first_few(&broken)
            ),
        ));
    }
    if !textless.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} rows have no headline or story text and were not indexed (line {})",
                textless.len(),
                first_few(&textless)
            ),
        ));
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_quoted_multiline_fields_and_delimiters() {
        let text =
            "title,date,body\n\"Rates, again\",1987-03-02,\"First.\n\nSecond.\"\n,1987-03-03,\n";
        let parsed = parse(text, Path::new("a.csv"), &FieldMap::default()).unwrap();
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].title, "Rates, again");
        assert_eq!(parsed.articles[0].body, vec!["First.", "Second."]);
        assert!(
            parsed.warnings[0].to_string().contains("line 5"),
            "{:?}",
            parsed.warnings
        );

        let tsv = parse(
            "title\ttext\nA\tbody text\n",
            Path::new("a.tsv"),
            &FieldMap::default(),
        )
        .unwrap();
        assert_eq!(tsv.articles[0].body, vec!["body text"]);
        let semicolons = parse(
            "title;text\nA;body\n",
            Path::new("a.csv"),
            &FieldMap::default(),
        )
        .unwrap();
        assert_eq!(semicolons.articles.len(), 1);
    }

    #[test]
    fn a_table_without_text_is_not_a_dump() {
        let parsed = parse(
            "name,price\nx,1\n",
            Path::new("p.csv"),
            &FieldMap::default(),
        )
        .unwrap();
        assert!(parsed.foreign.unwrap().contains("name, price"));
    }
}
