//! Reuters-21578 SGML: many `<REUTERS NEWID="…">` records per file, each with
//! `<DATE>`, topic lists (`<TOPICS><D>…</D></TOPICS>`, places, people…) and a
//! `<TEXT>` holding `<TITLE>`, `<AUTHOR>`, `<DATELINE>` and `<BODY>`. The files
//! are not well-formed XML, so records are cut out by their tags, not by an
//! XML parser. `TYPE="BRIEF"` records are a headline only; `TYPE="UNPROC"`
//! records are raw text whose first line is the headline.

use std::path::Path;

use chrono::NaiveDate;

use super::format::{DumpFormat, Parsed};
use super::records::FieldMap;
use super::warning::{Warning, WarningKind};
use super::{decode_entities, first_few, single_spaced};
use crate::article::Article;

/// Reuters-21578 SGML: `<REUTERS NEWID="…">` records, many per file.
pub(super) struct ReutersSgml;

impl DumpFormat for ReutersSgml {
    fn name(&self) -> &'static str {
        "reuters-sgml"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["sgm"]
    }

    fn looks_like(&self, head: &str) -> bool {
        looks_like(head)
    }

    fn read(&self, text: &str, source: &Path, _: &FieldMap) -> Result<Parsed, String> {
        parse(text, source)
    }
}

/// Whether text looks like Reuters-21578 SGML.
fn looks_like(head: &str) -> bool {
    head.contains("<!DOCTYPE lewis") || head.contains("<REUTERS ")
}

fn parse(text: &str, source: &Path) -> Result<Parsed, String> {
    let mut parsed = Parsed::default();
    let mut empty = Vec::new();
    let mut bad_dates = Vec::new();
    let mut records = 0;
    let mut rest = text;
    while let Some(start) = rest.find("<REUTERS") {
        let record = &rest[start..];
        let end = record.find("</REUTERS>").unwrap_or(record.len());
        rest = &record[end..];
        let record = &record[..end];
        records += 1;
        let docno = attribute(record, "NEWID").map(str::to_string);
        let name = docno.clone().unwrap_or_else(|| format!("#{records}"));
        match to_article(record, source) {
            Some((mut article, date_ok)) => {
                article.docno = docno;
                if !date_ok {
                    bad_dates.push(name);
                }
                parsed.articles.push(article.identified());
            }
            None => empty.push(name),
        }
    }
    if records == 0 {
        return Err("no <REUTERS> record in the file".to_string());
    }
    if !empty.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::RecordsLeftOut,
            format!(
                "{} records have no headline or text and were not indexed (NEWID {})",
                empty.len(),
                first_few(&empty)
            ),
        ));
    }
    if !bad_dates.is_empty() {
        parsed.warnings.push(Warning::new(
            WarningKind::Undated,
            format!(
                "{} records have an unreadable <DATE> and were indexed undated (NEWID {})",
                bad_dates.len(),
                first_few(&bad_dates)
            ),
        ));
    }
    Ok(parsed)
}

/// The article of one record, and whether its date could be read; `None`
/// when it holds no text at all.
fn to_article(record: &str, source: &Path) -> Option<(Article, bool)> {
    let text = element(record, "TEXT").unwrap_or_default();
    let mut title = element(text, "TITLE").map(clean).unwrap_or_default();
    let mut body: Vec<String> = element(text, "BODY").map(paragraphs).unwrap_or_default();
    if title.is_empty() && body.is_empty() {
        // UNPROC: raw text; its first line is the headline.
        let raw = paragraphs(text);
        let mut lines = raw.into_iter();
        let first = lines.next()?;
        title = first;
        body = lines.collect();
    }
    let mut article = if title.is_empty() {
        super::without_marked_headline(body, source)?
    } else {
        Article::new(title, body, source.to_path_buf())
    };
    article.byline = element(text, "AUTHOR")
        .map(clean)
        .map(|author| {
            author
                .strip_prefix("by ")
                .or_else(|| author.strip_prefix("By "))
                .or_else(|| author.strip_prefix("BY "))
                .unwrap_or(&author)
                .to_string()
        })
        .filter(|author| !author.is_empty())
        .or_else(|| Some("Reuters".to_string()));
    let date_text = element(record, "DATE").unwrap_or_default();
    article.date = reuters_date(date_text);
    let date_ok = article.date.is_some() || date_text.trim().is_empty();
    for list in ["TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES"] {
        if let Some(items) = element(record, list) {
            article.tags.extend(
                items
                    .split("<D>")
                    .skip(1)
                    .map(|item| clean(item.split("</D>").next().unwrap_or_default())),
            );
        }
    }
    article.tags.retain(|tag| !tag.is_empty());
    Some((article, date_ok))
}

/// `26-FEB-1987 15:01:01.79` (sometimes with two spaces or junk after it).
fn reuters_date(text: &str) -> Option<NaiveDate> {
    let day = text.split_whitespace().next()?;
    NaiveDate::parse_from_str(day, "%d-%b-%Y").ok()
}

/// The text between `<NAME…>` and `</NAME>` (to the end when unclosed).
fn element<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    let start = loop {
        let at = from + text[from..].find(&open)?;
        let after = &text[at + open.len()..];
        if after.starts_with(['>', ' ']) {
            break at + open.len() + after.find('>')? + 1;
        }
        from = at + open.len();
    };
    let close = format!("</{name}>");
    let end = text[start..]
        .find(&close)
        .map_or(text.len(), |at| start + at);
    Some(&text[start..end])
}

/// The value of `NAME="…"` in a record's opening tag.
fn attribute<'a>(record: &'a str, name: &str) -> Option<&'a str> {
    let tag = &record[..record.find('>')?];
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// Text with entities decoded, control entities dropped and spacing folded.
fn clean(text: &str) -> String {
    single_spaced(&decode_entities(text))
}

/// Body text as paragraphs (indented lines start them), without the closing
/// "Reuter" signature.
fn paragraphs(text: &str) -> Vec<String> {
    let decoded = decode_entities(text);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in decoded.lines() {
        let starts_new = line.starts_with("    ") || line.trim().is_empty();
        if starts_new && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    if let Some(last) = paragraphs.last_mut() {
        if let Some(kept) = last
            .strip_suffix("Reuter")
            .or_else(|| last.strip_suffix("REUTER"))
        {
            *last = kept.trim_end().to_string();
        }
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" NEWID="1">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>BAHIA COCOA REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
the Bahia cocoa zone &lt;BAC> &amp; more.
    Second paragraph here.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="2">
<DATE>27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM</DATE>
<TEXT TYPE="BRIEF">&#2;
<TITLE>BRIEF HEADLINE ONLY</TITLE>
&#3;</TEXT>
</REUTERS>
<REUTERS NEWID="3">
<DATE>3-MAR-1987  09:15:05.40</DATE>
<TEXT TYPE="UNPROC">&#2;
CORRECTED - SOME BANK
    The warrants will be issued.
&#3;</TEXT>
</REUTERS>
<REUTERS NEWID="4">
<DATE>garbage</DATE>
<TEXT>&#2;&#3;</TEXT>
</REUTERS>"#;

    #[test]
    fn records_briefs_and_unprocessed_text() {
        let parsed = parse(SAMPLE, Path::new("reut2-000.sgm")).unwrap();
        assert_eq!(parsed.articles.len(), 3);
        let [review, brief, unproc] = &parsed.articles[..] else {
            panic!()
        };
        assert_eq!(review.docno.as_deref(), Some("1"));
        assert_eq!(review.title, "BAHIA COCOA REVIEW");
        assert_eq!(
            review.body,
            vec![
                "Showers continued throughout the week in the Bahia cocoa zone <BAC> & more.",
                "Second paragraph here."
            ]
        );
        assert_eq!(review.date, NaiveDate::from_ymd_opt(1987, 2, 26));
        assert_eq!(review.tags, vec!["cocoa", "el-salvador", "usa"]);
        assert_eq!(brief.title, "BRIEF HEADLINE ONLY");
        assert!(brief.body.is_empty());
        assert_eq!(brief.date, NaiveDate::from_ymd_opt(1987, 3, 27));
        assert_eq!(unproc.title, "CORRECTED - SOME BANK");
        assert_eq!(unproc.body, vec!["The warrants will be issued."]);
        assert_eq!(unproc.date, NaiveDate::from_ymd_opt(1987, 3, 3));
        assert!(
            parsed
                .warnings
                .iter()
                .any(|w| w.to_string().contains("NEWID 4")),
            "{:?}",
            parsed.warnings
        );
        assert!(looks_like(SAMPLE));
        assert!(parse("<html>", Path::new("x")).is_err());
    }
}
