//! Output: renders results for a person (aligned, coloured on a terminal) or for
//! a program (JSON Lines). Only results go to the writer given, which is stdout
//! in the binary; counts and diagnostics are the caller's, on stderr.

mod stats;
mod watch;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

use anstyle::Style;
use serde::Serialize;

use crate::article::Article;
use crate::eval::Evaluation;
use crate::search::{Hit, SearchResults, Stats, StatsRequest, StoryCopy};
use crate::watch::{WatchRun, Watches};

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printer {
    /// For reading: one block per hit; `color` adds ANSI styles.
    Human {
        /// Whether to emit ANSI colour (a terminal without `NO_COLOR`).
        color: bool,
        /// Columns a line may take (charts fit it).
        width: usize,
    },
    /// For programs: one JSON object per line, see [`JsonHit`].
    Json,
}

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const MATCH: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Red)));
/// No style: a passage's own text between its matches.
const PLAIN: Style = Style::new();

impl Printer {
    /// Writes a page of search hits.
    pub fn hits(self, out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
        for hit in &results.hits {
            match self {
                Printer::Json => {
                    serde_json::to_writer(&mut *out, &JsonHit::from(hit))?;
                    writeln!(out)?;
                }
                Printer::Human { color, .. } => human_hit(out, hit, color)?,
            }
        }
        Ok(())
    }

    /// Writes one article in full.
    pub fn article(self, out: &mut dyn Write, article: &Article) -> io::Result<()> {
        match self {
            Printer::Json => {
                serde_json::to_writer(&mut *out, article)?;
                writeln!(out)
            }
            Printer::Human { color, .. } => human_article(out, article, color),
        }
    }

    /// Writes one article in full as `morgue show` does: with the other
    /// printings of its story (in JSON, the article's fields and `copies`).
    pub fn shown(
        self,
        out: &mut dyn Write,
        article: &Article,
        copies: &[StoryCopy],
    ) -> io::Result<()> {
        match self {
            Printer::Json => {
                serde_json::to_writer(&mut *out, &JsonShown::new(article, copies))?;
                writeln!(out)
            }
            Printer::Human { color, .. } => {
                human_article(out, article, color)?;
                if !copies.is_empty() {
                    writeln!(out)?;
                    let title = format!("Also printed as ({})", copies.len());
                    writeln!(out, "{}", style(&title, BOLD, color))?;
                    for copy in copies {
                        writeln!(out, "  {}", copy_line(copy))?;
                    }
                }
                Ok(())
            }
        }
    }

    /// Writes what the archive holds about a request: in JSON the counts, for
    /// a person also a timeline chart fitted to the width.
    pub fn stats(
        self,
        out: &mut dyn Write,
        stats: &Stats,
        request: &StatsRequest,
    ) -> io::Result<()> {
        match self {
            Printer::Json => {
                serde_json::to_writer(&mut *out, stats)?;
                writeln!(out)
            }
            Printer::Human { width, .. } => stats::human(out, stats, request, width),
        }
    }

    /// Writes what watch runs found.
    pub fn watch_runs(self, out: &mut dyn Write, runs: &[WatchRun]) -> io::Result<()> {
        watch::runs(self, out, runs)
    }

    /// Writes the list of watches (for a person, whatever the printer).
    pub fn watches(self, out: &mut dyn Write, watches: &Watches) -> io::Result<()> {
        watch::list(out, watches)
    }

    /// Prints the result of `morgue eval`: the means, and in JSON each topic's too.
    pub fn evaluation(self, out: &mut dyn Write, evaluation: &Evaluation) -> io::Result<()> {
        match self {
            Printer::Json => {
                serde_json::to_writer(&mut *out, evaluation)?;
                writeln!(out)
            }
            Printer::Human { .. } => {
                let mean = &evaluation.mean;
                writeln!(
                    out,
                    "{} topics judged{}",
                    evaluation.topics,
                    match evaluation.unjudged_topics {
                        0 => String::new(),
                        n => format!(" ({n} more without a relevant judgment, not scored)"),
                    }
                )?;
                for (name, value) in [
                    ("MAP", mean.map),
                    ("nDCG@10", mean.ndcg_10),
                    ("P@10", mean.p_10),
                    ("Recall@100", mean.recall_100),
                    ("MRR", mean.mrr),
                ] {
                    writeln!(out, "{name:<11} {value:.4}")?;
                }
                Ok(())
            }
        }
    }
}

/// The JSON Lines form of a hit. Highlight ranges are `[start, end)` offsets
/// in Unicode characters (code points) of `snippet` and `title`, so that any
/// language can slice the strings with them.
#[derive(Debug, Serialize)]
pub struct JsonHit<'a> {
    /// Position in the whole result list, from 1.
    pub rank: usize,
    /// Article id, for `morgue show`.
    pub id: &'a str,
    /// The source collection's own record number, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub docno: Option<&'a str>,
    /// The score the hit was ordered by.
    pub score: f32,
    /// `YYYY-MM-DD`, or null when the article is undated.
    pub date: Option<String>,
    /// Section path.
    pub section: Option<&'a str>,
    /// Headline.
    pub title: &'a str,
    /// Query words in the headline.
    pub title_highlights: Vec<[usize; 2]>,
    /// Writer or wire.
    pub byline: Option<&'a str>,
    /// Page URL, when known.
    pub url: Option<&'a str>,
    /// The dump file it came from.
    pub path: &'a str,
    /// The best-matching passage, plain text.
    pub snippet: &'a str,
    /// Query words in the snippet.
    pub highlights: Vec<[usize; 2]>,
    /// Whether the article holds every word of the query.
    pub all_words: bool,
    /// The other printings of its story (empty with `--all-copies`).
    pub copies: Vec<JsonCopy<'a>>,
}

/// An article as `show --json` prints it (and the server's API gives it):
/// its fields, and its copies.
#[derive(Serialize)]
pub struct JsonShown<'a> {
    #[serde(flatten)]
    article: &'a Article,
    copies: Vec<JsonCopy<'a>>,
}

impl<'a> JsonShown<'a> {
    /// An article and the other printings of its story.
    pub fn new(article: &'a Article, copies: &'a [StoryCopy]) -> Self {
        JsonShown {
            article,
            copies: copies.iter().map(JsonCopy::from).collect(),
        }
    }
}

/// One of a hit's wire copies in JSON.
#[derive(Debug, Serialize)]
pub struct JsonCopy<'a> {
    /// Article id, for `morgue show`.
    pub id: &'a str,
    /// Its own headline.
    pub title: &'a str,
    /// `YYYY-MM-DD`, or null.
    pub date: Option<String>,
    /// Section path.
    pub section: Option<&'a str>,
    /// Writer or wire, as this outlet printed it.
    pub byline: Option<&'a str>,
    /// Page URL, when known.
    pub url: Option<&'a str>,
}

impl<'a> From<&'a StoryCopy> for JsonCopy<'a> {
    fn from(copy: &'a StoryCopy) -> Self {
        JsonCopy {
            id: copy.id.as_str(),
            title: &copy.title,
            date: copy.date.map(|date| date.to_string()),
            section: copy.section.as_deref(),
            byline: copy.byline.as_deref(),
            url: copy.url.as_deref(),
        }
    }
}

impl<'a> From<&'a Hit> for JsonHit<'a> {
    fn from(hit: &'a Hit) -> Self {
        JsonHit {
            rank: hit.rank,
            id: hit.id.as_str(),
            docno: hit.docno.as_deref(),
            score: hit.score,
            date: hit.date.map(|date| date.to_string()),
            section: hit.section.as_deref(),
            title: &hit.title,
            title_highlights: char_ranges(&hit.title, &hit.title_highlights),
            byline: hit.byline.as_deref(),
            url: hit.url.as_deref(),
            path: &hit.path,
            snippet: &hit.snippet.text,
            highlights: char_ranges(&hit.snippet.text, &hit.snippet.highlights),
            all_words: hit.all_words,
            copies: hit.copies.iter().map(JsonCopy::from).collect(),
        }
    }
}

/// Converts byte ranges of `text` to character ranges.
fn char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    let chars_before = |byte: usize| text.get(..byte).map_or(0, |head| head.chars().count());
    ranges
        .iter()
        .map(|range| [chars_before(range.start), chars_before(range.end)])
        .collect()
}

/// Scraped text for a terminal: a control character (an escape sequence in a
/// byline, or in a headline a warning quotes) is shown as its escape, never
/// sent to the terminal.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.contains(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if ch.is_control() {
            shown.extend(ch.escape_default());
        } else {
            shown.push(ch);
        }
    }
    Cow::Owned(shown)
}

/// `text` in the `base` style with `ranges` in the match style (or plain).
fn marked(text: &str, ranges: &[Range<usize>], color: bool, base: Style) -> String {
    if !color {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + ranges.len() * 12);
    let _ = write!(out, "{base}");
    let mut at = 0;
    for range in ranges.iter().filter(|range| !range.is_empty()) {
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        let _ = write!(out, "{MATCH}{word}{MATCH:#}{base}");
        at = range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    let _ = write!(out, "{base:#}");
    out
}

fn style(text: &str, style: Style, color: bool) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}

fn human_hit(out: &mut dyn Write, hit: &Hit, color: bool) -> io::Result<()> {
    let mut meta = vec![hit
        .date
        .map_or_else(|| "undated".to_string(), |date| date.to_string())];
    meta.extend(hit.section.clone());
    meta.extend(hit.byline.clone());
    writeln!(
        out,
        "{:>3}. {}",
        hit.rank,
        marked(&hit.title, &hit.title_highlights, color, BOLD)
    )?;
    writeln!(out, "     {}", style(&meta.join(" · "), DIM, color))?;
    let snippet = &hit.snippet;
    writeln!(
        out,
        "     {}{}{}",
        if snippet.starts_mid_text { "…" } else { "" },
        marked(&snippet.text, &snippet.highlights, color, PLAIN),
        if snippet.ends_mid_text { "…" } else { "" }
    )?;
    let location = hit.url.as_deref().unwrap_or(&hit.path);
    writeln!(
        out,
        "     {}",
        style(
            &match &hit.docno {
                Some(docno) => format!("{} (record {docno}) · {location}", hit.id),
                None => format!("{} · {location}", hit.id),
            },
            DIM,
            color
        )
    )?;
    if !hit.copies.is_empty() {
        let count = hit.copies.len();
        let noun = if count == 1 { "copy" } else { "copies" };
        writeln!(
            out,
            "     {}",
            style(&format!("+{count} {noun}"), BOLD, color)
        )?;
        for copy in &hit.copies {
            writeln!(out, "       {}", style(&copy_line(copy), DIM, color))?;
        }
    }
    writeln!(out)
}

/// A wire copy on one line: day, headline, byline, id (scraped text escaped).
fn copy_line(copy: &StoryCopy) -> String {
    let mut line = vec![copy
        .date
        .map_or_else(|| "undated".to_string(), |date| date.to_string())];
    line.push(for_terminal(&copy.title).into_owned());
    line.extend(
        copy.byline
            .as_deref()
            .map(|byline| for_terminal(byline).into_owned()),
    );
    line.push(copy.id.to_string());
    line.join(" · ")
}

fn human_article(out: &mut dyn Write, article: &Article, color: bool) -> io::Result<()> {
    writeln!(out, "{}", style(&article.title, BOLD, color))?;
    let mut meta = vec![article
        .date
        .map_or_else(|| "undated".to_string(), |date| date.to_string())];
    meta.extend(article.section.as_ref().map(ToString::to_string));
    meta.extend(article.byline.clone());
    writeln!(out, "{}", meta.join(" · "))?;
    let location = article.source.display().to_string();
    writeln!(
        out,
        "{}",
        style(
            &format!(
                "{} · {}",
                article.id,
                article.url.as_deref().unwrap_or(&location)
            ),
            DIM,
            color
        )
    )?;
    for paragraph in &article.body {
        writeln!(out)?;
        writeln!(out, "{paragraph}")?;
    }
    if !article.captions.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style("Photos", BOLD, color))?;
        for caption in &article.captions {
            writeln!(out, "  - {caption}")?;
        }
    }
    if !article.tags.is_empty() {
        writeln!(out)?;
        writeln!(out, "Tags: {}", article.tags.join(", "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ranges_count_characters_not_bytes() {
        let text = "Motegi’s talks with Lavrov";
        let lavrov = text.find("Lavrov").unwrap();
        let ranges = vec![lavrov..lavrov + 6, 0..3];
        assert_eq!(char_ranges(text, &ranges), vec![[20, 26], [0, 3]]);
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(for_terminal("Ana\u{1b}[31m Ruiz"), "Ana\\u{1b}[31m Ruiz");
        assert!(matches!(
            for_terminal("Ana Ruiz"),
            Cow::Borrowed("Ana Ruiz")
        ));
    }

    #[test]
    fn marking_is_plain_without_color() {
        let (first, second) = (vec![0..1, 2..3], vec![2..3, 3..3]);
        assert_eq!(marked("a b", &first, false, PLAIN), "a b");
        assert_eq!(
            marked("a b", &second, true, PLAIN),
            "a \x1b[1m\x1b[31mb\x1b[0m"
        );
    }
}
