//! SMART tagged records, the layout of the classic IR test collections
//! (Cranfield, CACM, CISI, Medline): each record opens with `.I <number>`,
//! then fields each under a line of their own: `.T` title, `.A` authors,
//! `.W` text, `.K` keywords, and others (`.B` bibliography, `.N`, `.X`, …)
//! that say nothing a reader searches for and are passed over.
//!
//! The number after `.I` is the record's own id ([`Article::docno`]):
//! relevance judgments cite it. A field marker repeated inside one record is
//! a stray line in the text (Cranfield has a few), so the text goes on.

use std::path::Path;

use super::format::{DumpFormat, Parsed};
use super::records::FieldMap;
use super::warning::{Warning, WarningKind};
use crate::article::Article;

/// SMART tagged records (`.I` number, `.T` title, `.A` authors, `.W` text),
/// the layout of the classic IR test collections (Cranfield, CACM, Medline).
pub(super) struct Smart;

impl DumpFormat for Smart {
    fn name(&self) -> &'static str {
        "smart"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["smart"]
    }

    fn looks_like(&self, head: &str) -> bool {
        looks_like(head)
    }

    fn read(&self, text: &str, source: &Path, _: &FieldMap) -> Result<Parsed, String> {
        parse(text, source)
    }
}

/// Whether text starts like a SMART file: the first non-blank line is `.I`
/// with a number, and a field marker follows.
fn looks_like(head: &str) -> bool {
    let mut lines = head
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    let opens_record = record_number(first).is_some_and(|number| !number.is_empty());
    opens_record && lines.take(20).any(|line| marker(line).is_some())
}

/// The text after `.I`, when the line opens a record.
fn record_number(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(".I")?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// The field letter of a marker line such as `.T` (text after it on the same
/// line, as some collections write, belongs to the field).
fn marker(line: &str) -> Option<(char, &str)> {
    let rest = line.strip_prefix('.')?;
    let mut chars = rest.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    let after = chars.as_str();
    (after.is_empty() || after.starts_with(char::is_whitespace)).then(|| (letter, after.trim()))
}

/// One record's fields as read, before they become an article.
#[derive(Default)]
struct Record {
    number: String,
    title: Vec<String>,
    authors: Vec<String>,
    text: Vec<String>,
    keywords: Vec<String>,
}

fn parse(text: &str, source: &Path) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let mut records: Vec<Record> = Vec::new();
    let mut field = None;
    let mut seen = Vec::new();
    let mut stray_lines = 0usize;
    for line in text.lines() {
        if let Some(number) = record_number(line.trim_end()) {
            records.push(Record {
                number: number.to_string(),
                ..Record::default()
            });
            field = None;
            seen.clear();
            continue;
        }
        let Some(record) = records.last_mut() else {
            stray_lines += usize::from(!line.trim().is_empty());
            continue;
        };
        let mut content = line;
        if let Some((letter, rest)) = marker(line.trim_end()) {
            if !seen.contains(&letter) {
                seen.push(letter);
                field = Some(letter);
                content = rest;
            } else {
                continue;
            }
        }
        let target = match field {
            Some('T') => &mut record.title,
            Some('A') => &mut record.authors,
            Some('W') => &mut record.text,
            Some('K') => &mut record.keywords,
            _ => continue,
        };
        target.push(content.to_string());
    }
    if records.is_empty() {
        return Err("no SMART record (a line '.I <number>') in the file".to_string());
    }
    if stray_lines > 0 {
        parsed.warnings.push(Warning::new(
            WarningKind::StrayText,
            format!("{stray_lines} lines before the first '.I' record were not indexed"),
        ));
    }
    let mut empty = Vec::new();
    for record in records {
        match to_article(record, source) {
            Ok(article) => parsed.articles.push(article),
            Err(number) => empty.push(number),
        }
    }
    if !empty.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} records have no title or text and were not indexed: .I {}",
                empty.len(),
                empty.join(", ")
            ),
        ));
    }
    Ok(parsed)
}

/// The article a record holds, or its number when it holds no text.
fn to_article(record: Record, source: &Path) -> Result<Article, String> {
    let body = paragraphs(&record.text);
    let title = one_line(&record.title);
    let mut article = if title.is_empty() {
        match super::without_marked_headline(body, source) {
            Some(article) => article,
            None => return Err(record.number),
        }
    } else {
        Article::new(title, body, source.to_path_buf())
    };
    article.docno = (!record.number.is_empty()).then_some(record.number);
    let authors: Vec<String> = record
        .authors
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect();
    article.byline = (!authors.is_empty()).then(|| authors.join("; "));
    article.tags = one_line(&record.keywords)
        .split([',', ';'])
        .map(str::trim)
        .filter(|keyword| !keyword.is_empty())
        .map(str::to_string)
        .collect();
    Ok(article.identified())
}

/// Lines joined into one, spacing folded.
fn one_line(lines: &[String]) -> String {
    lines
        .iter()
        .flat_map(|line| line.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Paragraphs of a text field: blank lines separate them, and so does an
/// indented line (the old collections mark paragraphs that way).
fn paragraphs(lines: &[String]) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in lines {
        let starts_new = line.trim().is_empty() || line.starts_with("  ") || line.starts_with('\t');
        if starts_new && !current.is_empty() {
            paragraphs.push(one_line(&current));
            current.clear();
        }
        if !line.trim().is_empty() {
            current.push(line.clone());
        }
    }
    if !current.is_empty() {
        paragraphs.push(one_line(&current));
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_RECORDS: &str = "\
.I 1
.T
experimental investigation of the aerodynamics of a
wing in a slipstream .
.A
brenckman,m.
.B
j. ae. scs. 25, 1958, 324.
.W
experimental investigation of the aerodynamics of a
wing in a slipstream .
  an experimental study of a wing in a propeller slipstream was
made .
.A
a stray marker line inside the text .
.I 2
.W
a record with text only and no title line at all
";

    #[test]
    fn reads_records_with_their_numbers() {
        let parsed = parse(TWO_RECORDS, Path::new("cran.all")).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        let [first, second] = &parsed.articles[..] else {
            panic!("{:?}", parsed.articles);
        };
        assert_eq!(first.docno.as_deref(), Some("1"));
        assert_eq!(
            first.title,
            "experimental investigation of the aerodynamics of a wing in a slipstream ."
        );
        assert_eq!(first.byline.as_deref(), Some("brenckman,m."));
        assert_eq!(first.body.len(), 2);
        assert!(first.body[1].starts_with("an experimental study"));
        assert!(first.body[1].ends_with("a stray marker line inside the text ."));
        assert_eq!(second.docno.as_deref(), Some("2"));
        assert_eq!(
            second.title,
            "a record with text only and no title line at all"
        );
        assert_ne!(first.id, second.id);
    }

    #[test]
    fn detection_and_empty_records() {
        assert!(looks_like("\n.I 001\n.W\nwhat similarity laws"));
        assert!(!looks_like(".Intro to the notes\n.T\n"));
        assert!(!looks_like("date 2019-12-10 National\n.I 1\n.T\n"));
        let parsed = parse("junk\n.I 7\n.B\nonly a citation\n", Path::new("x")).unwrap();
        assert!(parsed.articles.is_empty());
        assert_eq!(parsed.warnings.len(), 2, "{:?}", parsed.warnings);
        assert!(parse("no records here", Path::new("x")).is_err());
    }
}
