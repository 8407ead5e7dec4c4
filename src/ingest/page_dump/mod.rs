//! The plain-text page dump: a scraped web page saved as text, one per file.
//!
//! ```text
//!  date 2019-12-10 National / Politics     ← date line (optional, may be malformed)
//! Headline                                 ← title
//! Kyodo                                    ← byline (optional)
//! Paragraph…                               ← body, one block per paragraph
//! GET THE BEST OF … / JOIN THE CONVERSATION ← page chrome starts here
//! LATEST NATIONAL STORIES + teasers        ← other stories: never this article's text
//! PHOTOS + captions                        ← this story's photo captions
//! tag, tag, , ,                            ← tags line
//! ```
//!
//! Everything after the body is chrome. The body ends at the first line that is
//! recognisably chrome: a heading such as "LATEST … STORIES", "PHOTOS" or a
//! newsletter plug, or a block of teasers (lines run together, one of them an
//! opening cut off with "..."). Headings are matched by their shape and a small
//! vocabulary, not by one paper's wording, because other papers' scrapes say
//! "MORE WORLD NEWS" or "Related articles" where this one says "LATEST … STORIES".
//! Teasers repeat other stories' text word for word, so a leak here would make
//! this page match searches for those stories (issue #2).

use std::path::Path;

use chrono::NaiveDate;

use super::dates::parse_date_text;
use super::format::{DumpFormat, Parsed};
use super::records::FieldMap;
use super::shape::ends_prose;
use super::single_spaced;
use super::warning::{Warning, WarningKind};
use crate::article::{Article, Section};

use super::furniture::bylines::{
    closing_credit, is_byline, is_wire_or_by, reporters_credit, strip_by,
};
use super::furniture::captions::{is_credited_caption, photo_captions, without_caption_label};
use super::furniture::chrome::{find_chrome, is_navigation};
use super::furniture::plugs::{skip_interruptions, strip_trailing_notice};
use super::furniture::stamps::{is_page_stamp, is_publication_stamp};
use super::furniture::tags::{is_tags_line, parse_tags};

/// The plain-text page dump: date line, headline, byline, body, page chrome.
pub(super) struct PageDump;

impl DumpFormat for PageDump {
    fn name(&self) -> &'static str {
        "page"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["txt", "text"]
    }

    fn read(&self, text: &str, source: &Path, _: &FieldMap) -> Result<Parsed, String> {
        parse(text, source)
    }
}

/// Reads one page dump into one article, with warnings for what was odd but
/// usable: the stages below, in the order a page prints what they read.
fn parse(text: &str, source: &Path) -> Result<Parsed, String> {
    let mut lines: Vec<&str> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    lines.extend(text.lines().map(clean_line));
    let mut warnings = Vec::new();
    let header = Header::read(&lines, &mut warnings)?;
    let headline = Headline::find(&lines, header.next, source)?;
    let span = Span::find(&mut lines, headline.rest);
    let (mut paragraphs, mut captions) = story_paragraphs(&lines[headline.rest..span.chrome]);
    let byline = take_head_furniture(&mut paragraphs);
    let byline = take_foot_credit(&mut paragraphs, byline);
    let mut title = headline.title;
    if paragraphs.is_empty() {
        // One sentence and the chrome: the "headline" was the story, and the
        // file name may carry the real one.
        let mut story = lines[headline.at].to_string();
        strip_trailing_notice(&mut story);
        match title_from_file_name(source) {
            Some(name_title) if header.date.is_none() && !story.is_empty() => {
                title = Some(name_title);
                paragraphs = vec![story];
            }
            None if headline.rest == headline.at && !story.is_empty() => {
                paragraphs = vec![story];
            }
            _ => return Err("no story text between the headline and the page chrome".to_string()),
        }
    }

    captions.extend(photo_captions(&lines[span.chrome..span.body_end]));
    let tags = span
        .tags
        .map(|at| parse_tags(lines[at]))
        .unwrap_or_default();
    // "NORTH YEMEN  -- USDA": runs of spaces in a headline are the page's
    // layout, and other readers (and an export read back) give single spaces.
    let mut article = match title {
        Some(title) => Article::new(
            single_spaced(without_site_name(&title)),
            paragraphs,
            source.to_path_buf(),
        ),
        None => super::without_marked_headline(paragraphs, source)
            .ok_or("no story text between the headline and the page chrome")?,
    };
    article.url = header.url;
    article.date = header.date;
    article.section = header.section;
    article.byline = byline;
    article.captions = captions;
    article.tags = tags;
    Ok(Parsed {
        articles: vec![article.identified()],
        warnings,
        ..Parsed::default()
    })
}

/// What a page prints above its headline: maybe its address, then the date
/// line with the section.
struct Header {
    url: Option<String>,
    date: Option<NaiveDate>,
    section: Option<Section>,
    /// The line after the header.
    next: usize,
}

impl Header {
    fn read(lines: &[&str], warnings: &mut Vec<Warning>) -> Result<Header, &'static str> {
        let mut cursor = next_non_blank(lines, 0).ok_or("no text")?;
        // Some scrapers put the page address above the date line (livedoor
        // writes URL, ISO date-time, headline, body).
        let mut url = None;
        if is_url(lines[cursor]) {
            url = Some(lines[cursor].to_string());
            cursor = next_non_blank(lines, cursor + 1).ok_or("nothing after the page address")?;
        }
        let (mut date, mut section) = (None, None);
        match DateLine::parse(lines[cursor]) {
            Some(line) => {
                match line.date {
                    Ok(parsed) => date = Some(parsed),
                    Err(reason) => warnings.push(Warning::new(
                        WarningKind::Undated,
                        format!("{reason}; indexed without a date"),
                    )),
                }
                section = Section::parse(line.section);
                cursor += 1;
            }
            None => warnings.push(Warning::new(
                WarningKind::Undated,
                "no date line; indexed without a date",
            )),
        }
        Ok(Header {
            url,
            date,
            section,
            next: cursor,
        })
    }
}

/// The headline, past any navigation above it.
struct Headline {
    /// `None`: the page gives no headline, and its opening words stand in.
    title: Option<String>,
    /// The headline's line (or the story's first, when it has none).
    at: usize,
    /// Where the story text starts.
    rest: usize,
}

impl Headline {
    fn find(lines: &[&str], from: usize, source: &Path) -> Result<Headline, &'static str> {
        let mut at =
            next_non_blank(lines, from).ok_or("no headline: the file ends after the date line")?;
        while is_navigation(lines[at]) {
            match next_non_blank(lines, at + 1) {
                Some(next) => at = next,
                None => break,
            }
        }
        // A first line longer than any headline is story text: the file holds
        // the body alone, and its name carries the headline
        // (`_news_437847_Bike-lane-….txt`).
        Ok(if lines[at].chars().count() > MAX_HEADLINE_CHARS {
            Headline {
                title: title_from_file_name(source),
                at,
                rest: at,
            }
        } else {
            Headline {
                title: Some(lines[at].to_string()),
                at,
                rest: at + 1,
            }
        })
    }
}

/// Where the story's lines end: at the page chrome, before the photo
/// captions and the tags line under it.
struct Span {
    /// The tags line, the last of the page, if it has one.
    tags: Option<usize>,
    /// Where the lines before the tags line end.
    body_end: usize,
    /// Where the page chrome starts.
    chrome: usize,
}

impl Span {
    /// Also blanks the interruptions inside the story (ads, plugs, links).
    fn find(lines: &mut [&str], rest: usize) -> Span {
        let tags = last_non_blank(lines, rest).filter(|&at| is_tags_line(lines[at]));
        let body_end = tags.unwrap_or(lines.len());
        skip_interruptions(&mut lines[rest..body_end]);
        let mut chrome = find_chrome(lines, rest, body_end, true).unwrap_or(body_end);
        // Teaser blocks are told by shape alone; a story that seems to start
        // with one (prose trailing off in "…") is the story after all.
        if next_non_blank(lines, rest).is_none_or(|first| first >= chrome) {
            chrome = find_chrome(lines, rest, body_end, false).unwrap_or(body_end);
        }
        Span {
            tags,
            body_end,
            chrome,
        }
    }
}

/// The story's lines as paragraphs, and the photo captions placed between
/// them.
fn story_paragraphs(story: &[&str]) -> (Vec<String>, Vec<String>) {
    // Text said twice is said once: nothing is lost, so no warning.
    let mut body_lines = without_repeats(story);
    // A byline ("By …", a wire) or a date stamp on a line of its own above
    // the story, with no blank line below it, is not the story's first words.
    let mut head = next_non_blank(&body_lines, 0);
    while let Some(at) = head.filter(|&at| {
        body_lines.get(at + 1).is_some_and(|next| {
            !next.is_empty()
                && (is_wire_or_by(body_lines[at])
                    || is_page_stamp(body_lines[at])
                    || is_page_stamp(next))
        })
    }) {
        body_lines.insert(at + 1, "");
        head = Some(at + 2);
    }
    let mut paragraphs = paragraphs(&body_lines);
    if let Some(last) = paragraphs.last_mut() {
        strip_trailing_notice(last);
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    // Photos placed between paragraphs leave their captions there.
    let (mut captions, story): (Vec<String>, Vec<String>) = paragraphs
        .into_iter()
        .partition(|paragraph| is_credited_caption(paragraph));
    for caption in &mut captions {
        without_caption_label(caption);
    }
    (story, captions)
}

/// Takes what stands between the headline and the story: the byline, and
/// page furniture that is not story text (a date stamp, a reading time), in
/// any order; and publication stamps anywhere in a story of more than one
/// paragraph. Returns the byline.
fn take_head_furniture(paragraphs: &mut Vec<String>) -> Option<String> {
    let mut byline = None;
    while let Some(first) = paragraphs.first() {
        if is_page_stamp(first) {
            paragraphs.remove(0);
            continue;
        }
        let lone_line_is_only_a_byline = paragraphs.len() == 1 && is_wire_or_by(first);
        if byline.is_none()
            && (paragraphs.len() > 1 || lone_line_is_only_a_byline)
            && is_byline(first)
        {
            byline = Some(strip_by(&paragraphs.remove(0)));
            continue;
        }
        break;
    }
    if paragraphs.len() > 1 {
        paragraphs.retain(|paragraph| !is_publication_stamp(paragraph));
    }
    byline
}

/// Takes a signature at the story's foot: some papers sign there ("By Kim
/// Ji-hoon (jhkim@…)", "SOURCE: AL JAZEERA"), a credit and not story text;
/// a wire story names its reporters there, in a sentence that stays. Returns
/// the byline, the one from the head first.
fn take_foot_credit(paragraphs: &mut Vec<String>, byline: Option<String>) -> Option<String> {
    let mut byline = byline;
    if let Some(credit) = paragraphs
        .last()
        .filter(|_| paragraphs.len() > 1)
        .and_then(|last| closing_credit(last))
    {
        paragraphs.pop();
        byline = byline.or(Some(credit));
    }
    if byline.is_none() {
        byline = paragraphs.last().and_then(|last| reporters_credit(last));
    }
    byline
}

/// A headline taken from the page's title bar carries the site's name after
/// a bar ("Crash site reached | The Daily Courier"): the name is not the
/// story's, and every page of the site would match it.
fn without_site_name(title: &str) -> &str {
    let Some((headline, site)) = title.rsplit_once(" | ") else {
        return title;
    };
    let site_words: Vec<&str> = site.split_whitespace().collect();
    let is_name = (1..=4).contains(&site_words.len())
        && site_words
            .iter()
            .all(|word| word.starts_with(|ch: char| ch.is_uppercase() || ch.is_ascii_digit()));
    if is_name && headline.split_whitespace().count() >= 3 {
        headline.trim_end()
    } else {
        title
    }
}

/// Longer than any headline: a first line this long is story text.
const MAX_HEADLINE_CHARS: usize = 300;

fn is_url(line: &str) -> bool {
    (line.starts_with("http://") || line.starts_with("https://"))
        && !line.contains(char::is_whitespace)
}

/// The headline a file name carries: its longest `_`-separated part with
/// letters in it, dashes read as spaces (`_news_437847_Bike-lane-opens.txt`
/// gives "Bike lane opens"). `None` when the name has no such part (`0042.txt`).
fn title_from_file_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_string_lossy().into_owned();
    let part = stem
        .split('_')
        .filter(|part| part.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .max_by_key(|part| part.len())?;
    let title = part
        .split(['-', '\u{a0}'])
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Some(title)
}

/// The lines without those whose text an earlier line already holds
/// (crawlers that append the story again, minus its opening, line by line).
fn without_repeats<'a>(lines: &[&'a str]) -> Vec<&'a str> {
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    // The kept lines, each ended by a newline (which no line holds): one
    // search over them finds a line inside any earlier one. Only a line no
    // longer than the longest kept one can be inside one.
    let mut earlier = String::new();
    let mut longest = 0;
    for &line in lines {
        // A line of fewer than 80 bytes has fewer than 80 characters.
        let repeated = line.len() >= 80
            && line.chars().count() >= 80
            && line.len() <= longest
            && (seen.contains(line) || holds(earlier.as_bytes(), line.as_bytes()));
        if !repeated {
            kept.push(line);
            if line.len() >= 80 {
                seen.insert(line);
            }
            earlier.push_str(line);
            earlier.push('\n');
            longest = longest.max(line.len());
        }
    }
    kept
}

/// Whether `needle` occurs in `haystack`. On a page's few kilobytes, trying
/// every place that starts with the needle's first byte costs less than
/// setting up memchr's `memmem` searcher for each needle (which showed in
/// profiles of full builds); past that, `memmem` keeps the search linear.
fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    const SMALL: usize = 64 * 1024;
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    if haystack.len() > SMALL {
        return memchr::memmem::find(haystack, needle).is_some();
    }
    memchr::memchr_iter(first, haystack).any(|at| haystack[at + 1..].starts_with(rest))
}

/// Trims a line, including the no-break spaces and stray byte-order marks that
/// scrapers copy from HTML.
fn clean_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{a0}')
}

fn next_non_blank(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&at| !lines[at].is_empty())
}

fn last_non_blank(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).rev().find(|&at| !lines[at].is_empty())
}

/// The first line of a dump: `date YYYY-MM-DD Section / Subsection`.
struct DateLine<'a> {
    date: Result<NaiveDate, String>,
    section: &'a str,
}

impl<'a> DateLine<'a> {
    /// `None` when the line is not a date line at all (then it is the headline).
    /// A line that starts with the `date` keyword but whose date is unreadable is
    /// still a date line: its section is kept and the date is reported.
    fn parse(line: &'a str) -> Option<Self> {
        let keyword_rest = line
            .get(..4)
            .filter(|head| head.eq_ignore_ascii_case("date"))
            .map(|_| &line[4..])
            .filter(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == ':'))
            .map(|rest| rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':'));
        let text = keyword_rest.unwrap_or(line);
        let tokens: Vec<(usize, &str)> = token_spans(text);
        for count in (1..=tokens.len().min(4)).rev() {
            let (start, last) = (tokens[0].0, tokens[count - 1]);
            let end = last.0 + last.1.len();
            if let Some(date) = parse_date_text(&text[start..end]) {
                // "Date: Tuesday, December 10, 2019 - World".
                let section = text[end..].trim_start_matches(|ch: char| {
                    ch.is_whitespace() || matches!(ch, '-' | '–' | '—' | '|' | ',' | '·')
                });
                return Some(DateLine {
                    date,
                    section: section.trim_end(),
                });
            }
        }
        let first = tokens.first()?;
        if keyword_rest.is_some() {
            return Some(DateLine {
                date: Err(format!("unreadable date '{}'", first.1)),
                section: text[first.0 + first.1.len()..].trim(),
            });
        }
        None
    }
}

fn token_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (at, ch) in text.char_indices() {
        match (ch.is_whitespace(), start) {
            (true, Some(from)) => {
                spans.push((from, &text[from..at]));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    if let Some(from) = start {
        spans.push((from, &text[from..]));
    }
    spans
}

/// Blocks of non-blank lines: a hard-wrapped paragraph (lines broken inside
/// sentences) becomes one line again; a block whose every line but the last
/// ends a sentence is a page saved with one line break between paragraphs,
/// and each line is one.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    // Closing a quote or a bracket, introducing what follows or trailing
    // off ends a line of prose too: "(Source: Reuters)" is a line of its own.
    let ends_line = |line: &&str| line.ends_with(|ch| ends_prose(ch) || matches!(ch, ':' | '…'));
    let mut paragraphs = Vec::new();
    for block in lines
        .split(|line| line.is_empty())
        .filter(|block| !block.is_empty())
    {
        if block[..block.len() - 1].iter().all(ends_line) {
            paragraphs.extend(block.iter().map(|line| line.to_string()));
        } else {
            paragraphs.push(block.join(" "));
        }
    }
    paragraphs
}

#[cfg(test)]
mod tests;
