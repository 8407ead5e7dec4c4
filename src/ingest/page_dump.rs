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
use std::sync::OnceLock;

use chrono::NaiveDate;

use super::dates::parse_date_text;
use super::format::{DumpFormat, Parsed};
use super::records::FieldMap;
use super::shape::{reads_as_headline, unpunctuated, wordy};
use super::{after_lead, single_spaced};
use crate::article::{Article, Section};

/// Reads one page dump into one article, with warnings for what was odd but usable.
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

pub(super) fn parse(text: &str, source: &Path) -> Result<Parsed, String> {
    let mut lines: Vec<&str> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    lines.extend(text.lines().map(clean_line));
    let mut warnings = Vec::new();
    let mut cursor = next_non_blank(&lines, 0).ok_or("no text")?;

    // Some scrapers put the page address above the date line (livedoor writes
    // URL, ISO date-time, headline, body).
    let mut url = None;
    if is_url(lines[cursor]) {
        url = Some(lines[cursor].to_string());
        cursor = next_non_blank(&lines, cursor + 1).ok_or("nothing after the page address")?;
    }
    let mut date = None;
    let mut section = None;
    match DateLine::parse(lines[cursor]) {
        Some(line) => {
            match line.date {
                Ok(parsed) => date = Some(parsed),
                Err(reason) => warnings.push(format!("{reason}; indexed without a date")),
            }
            section = Section::parse(line.section);
            cursor += 1;
        }
        None => warnings.push("no date line; indexed without a date".to_string()),
    }

    let mut title_at =
        next_non_blank(&lines, cursor).ok_or("no headline: the file ends after the date line")?;
    while is_navigation(lines[title_at]) {
        match next_non_blank(&lines, title_at + 1) {
            Some(next) => title_at = next,
            None => break,
        }
    }
    // A first line longer than any headline is story text: the file holds the
    // body alone, and its name carries the headline (`_news_437847_Bike-lane-….txt`).
    // `None`: the page gives no headline, and its opening words stand in.
    let (mut title, rest) = if lines[title_at].chars().count() > MAX_HEADLINE_CHARS {
        (title_from_file_name(source), title_at)
    } else {
        (Some(lines[title_at].to_string()), title_at + 1)
    };

    let tags_at = last_non_blank(&lines, rest).filter(|&at| is_tags_line(lines[at]));
    let body_end = tags_at.unwrap_or(lines.len());
    skip_interruptions(&mut lines[rest..body_end]);
    let mut chrome_at = find_chrome(&lines, rest, body_end, true).unwrap_or(body_end);
    // Teaser blocks are told by shape alone; a story that seems to start with
    // one (prose trailing off in "…") is the story after all.
    if next_non_blank(&lines, rest).is_none_or(|first| first >= chrome_at) {
        chrome_at = find_chrome(&lines, rest, body_end, false).unwrap_or(body_end);
    }

    // Text said twice is said once: nothing is lost, so no warning.
    let mut body_lines = without_repeats(&lines[rest..chrome_at]);
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
    paragraphs = story;
    // Between the headline and the story: the byline, and page furniture
    // that is not story text (a date stamp, a reading time), in any order.
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
    // Some papers sign a story at its foot ("By Kim Ji-hoon (jhkim@…)",
    // "SOURCE: AL JAZEERA"): a credit, not story text.
    if let Some(credit) = paragraphs
        .last()
        .filter(|_| paragraphs.len() > 1)
        .and_then(|last| closing_credit(last))
    {
        paragraphs.pop();
        byline = byline.or(Some(credit));
    }
    // A wire story names its reporters at the end instead.
    if byline.is_none() {
        byline = paragraphs.last().and_then(|last| reporters_credit(last));
    }
    if paragraphs.is_empty() {
        // One sentence and the chrome: the "headline" was the story, and the
        // file name may carry the real one.
        let mut story = lines[title_at].to_string();
        strip_trailing_notice(&mut story);
        match title_from_file_name(source) {
            Some(name_title) if date.is_none() && !story.is_empty() => {
                title = Some(name_title);
                paragraphs = vec![story];
            }
            None if rest == title_at && !story.is_empty() => {
                paragraphs = vec![story];
            }
            _ => return Err("no story text between the headline and the page chrome".to_string()),
        }
    }

    captions.extend(photo_captions(&lines[chrome_at..body_end]));
    let tags = tags_at.map(|at| parse_tags(lines[at])).unwrap_or_default();
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
    article.url = url;
    article.date = date;
    article.section = section;
    article.byline = byline;
    article.captions = captions;
    article.tags = tags;
    Ok(Parsed {
        articles: vec![article.identified()],
        warnings,
        ..Parsed::default()
    })
}

/// What a scraper may keep above the headline: a breadcrumb trail ("Home >
/// World > Europe") or a link for screen readers ("Skip to main content").
fn is_navigation(line: &str) -> bool {
    const LINKS: &[&str] = &[
        "skip to main content",
        "skip to content",
        "skip to navigation",
        "skip navigation",
        "jump to content",
        "menu",
        "search",
        "sign in",
        "log in",
        "home",
    ];
    if line.len() > 120 {
        return false;
    }
    let bare = line.trim().trim_end_matches(['.', ':']);
    if LINKS.iter().any(|link| link.eq_ignore_ascii_case(bare)) {
        return true;
    }
    // Spaced, unlike the ticker in "CYCARE <CYCR.O> BUYS CONTROL DATA <CAD> UNIT".
    let Some(separator) = [" > ", " › ", " » ", " → "]
        .into_iter()
        .find(|separator| bare.contains(separator))
    else {
        return false;
    };
    let crumbs: Vec<&str> = bare.split(separator).map(str::trim).collect();
    crumbs.len() >= 2
        && crumbs
            .iter()
            .all(|crumb| (1..=4).contains(&crumb.split_whitespace().count()))
        && (crumbs.len() >= 3 || crumbs[0].eq_ignore_ascii_case("home"))
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

/// Cuts a licence or copyright sentence off the end of the last paragraph,
/// where body-only dumps leave it ("… he concluded. All Content by … is
/// licensed under a Creative Commons Attribution 4.0 International License.").
fn strip_trailing_notice(paragraph: &mut String) {
    const NOTICES: &[&str] = &[
        "licensed under a creative commons",
        "all rights reserved",
        "©",
    ];
    // ASCII lowercasing keeps every byte where it was, so offsets carry over.
    let lower = paragraph.to_ascii_lowercase();
    let Some(notice) = NOTICES
        .iter()
        .filter_map(|notice| lower.rfind(notice))
        .min()
    else {
        return;
    };
    if lower.len() - notice > 300 {
        return;
    }
    let sentence_start = last_sentence_end(&paragraph[..notice]).unwrap_or(0);
    paragraph.truncate(sentence_start);
    let trimmed = paragraph.trim_end().len();
    paragraph.truncate(trimmed);
}

/// Where the last full sentence of `text` ends: after a `.`, `!` or `?` (and
/// any closing quotes or brackets) that whitespace follows.
fn last_sentence_end(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut end = None;
    for (at, &(_, ch)) in chars.iter().enumerate() {
        if !matches!(ch, '.' | '!' | '?') {
            continue;
        }
        let mut next = at + 1;
        while chars
            .get(next)
            .is_some_and(|&(_, ch)| matches!(ch, '"' | '”' | '’' | '\'' | ')'))
        {
            next += 1;
        }
        if let Some(&(offset, ch)) = chars.get(next) {
            if ch.is_whitespace() {
                end = Some(offset);
            }
        }
    }
    end
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

/// Where the page chrome starts in `lines[from..to]`, if anywhere.
/// Whether a line is page chrome on its own: a heading of a story list or a
/// widget, or a copyright footer. Other formats cut their text at one too.
pub(super) fn is_chrome_line(line: &str) -> bool {
    is_chrome_heading(line) || is_footer(line)
}

fn find_chrome(lines: &[&str], from: usize, to: usize, teasers: bool) -> Option<usize> {
    // Looked for once, and only when a line that could open such a list
    // starts a block: most pages end in chrome found by its words first.
    let mut headlines_from: Option<Option<usize>> = None;
    (from..to).find(|&at| {
        let line = lines[at];
        if line.is_empty() {
            return false;
        }
        // A copyright line before any story text is a photo credit, not the footer.
        if is_chrome_heading(line)
            || is_interruption(line)
            || is_plug(line)
            || (is_footer(line) && at > from)
        {
            return true;
        }
        let starts_block = at == from || lines[at - 1].is_empty();
        let could_open_list =
            || line.len() <= 200 && unpunctuated(line) && line.starts_with(char::is_uppercase);
        teasers
            && starts_block
            && (is_teaser_block(&lines[at..to])
                || (could_open_list()
                    && *headlines_from.get_or_insert_with(|| list_of_headlines(lines, from, to))
                        == Some(at)))
    })
}

/// Where the foot of a page that is nothing but other stories' headlines
/// begins: under a short heading whatever it says ("Up next", "Also in
/// Business", "In Other News") or, three or more of them, under none. A story
/// ends on a sentence, and a list closing one names its items in lines that
/// a bullet, a number or a colon opens or a full stop closes. Read upwards
/// from the foot, once per page.
fn list_of_headlines(lines: &[&str], from: usize, to: usize) -> Option<usize> {
    // Teased headlines run to four words and more; shorter lines are labels.
    let is_headline = |line: &str| reads_as_headline(line) && line.split_whitespace().count() >= 4;
    let mut headlines = 0;
    let mut first_headline = None;
    let mut at = to;
    while at > from {
        let line = lines[at - 1];
        if is_headline(line) {
            headlines += 1;
            first_headline = Some(at - 1);
        } else if !line.is_empty() && !is_chrome_line(line) {
            break;
        }
        at -= 1;
    }
    let heading = at
        .checked_sub(1)
        .filter(|&above| above >= from)
        .filter(|&above| {
            let line = lines[above];
            line.len() <= 60
                && unpunctuated(line)
                && !line.ends_with('?')
                && line.starts_with(char::is_uppercase)
                && (1..=6).contains(&line.split_whitespace().count())
                && wordy(line)
        });
    match heading {
        Some(heading) if headlines >= 2 => Some(heading),
        _ if headlines >= 3 => first_headline,
        _ => None,
    }
}

/// A run of lines without blank lines between them (story paragraphs are
/// separated by blank lines) in which some line is an opening cut off with an
/// ellipsis: the "caption / headline / opening..." shape of a teaser list.
fn is_teaser_block(lines: &[&str]) -> bool {
    let block: Vec<&str> = lines
        .iter()
        .take_while(|line| !line.is_empty())
        .copied()
        .collect();
    // A teaser is a headline-length line over an opening cut short ("...");
    // prose trailing off (Japanese "……") in a paragraph of long lines is not.
    let is_cut = |line: &str| {
        line.chars().count() >= 40
            && (line.ends_with("...") || line.ends_with('…'))
            && !line.ends_with("……")
    };
    let cut = block.iter().filter(|line| is_cut(line)).count();
    block.len() >= 2
        && cut > 0
        && cut * 2 >= block.len()
        && block
            .iter()
            .filter(|line| !is_cut(line))
            .all(|line| line.chars().count() <= 150)
}

/// Headings and widgets of page chrome, recognised by shape and a small
/// vocabulary: short, unpunctuated, and naming a list of stories, a photo block,
/// or a newsletter or social plug.
fn is_chrome_heading(line: &str) -> bool {
    const EXACT: &[&str] = &[
        "photos",
        "photo",
        "photo gallery",
        "gallery",
        "images",
        "pictures",
        "videos",
        "video",
        "related",
        "related content",
        "advertisement",
        "comments",
        "share",
        "share this",
        "read more",
        "see also",
        "tags",
        "topics",
        "keywords",
        "keep reading",
        "recommended",
        "trending",
        "trending now",
        "popular",
        "popular now",
        "most popular",
        "more",
        "more stories",
        "sponsored",
    ];
    const PREFIXES: &[&str] = &[
        "get the best of",
        "join the conversation",
        "sign up for",
        "sign up to",
        "subscribe to",
        "subscribe for",
        "subscribe now",
        "follow us",
        "you may also like",
        "recommended for you",
        "read next",
        "most read",
        "most popular",
        "most viewed",
        "don't miss",
        "newsletter",
        "search icon",
        "click to enlarge",
        "share on",
        "share via",
        "you might also like",
        "you may be interested in",
        "you might be interested in",
        "also read",
        "read also",
        "further reading",
        "around the web",
        "from around the web",
        "from the web",
        "sponsored content",
        "sponsored stories",
        "promoted stories",
        "promoted content",
        "more like this",
        "most shared",
        "most commented",
        "what to read next",
        "in case you missed",
        "what others are reading",
        "more on this",
        "listen to this article",
        "you may also",
        "you might also",
        "also on ",
        "more in ",
        "see more",
        // Other languages' "related" and "recommended" headings.
        "leia também",
        "leia mais",
        "veja também",
        "lee también",
        "ver también",
        "lire aussi",
        "à lire aussi",
        "lesen sie auch",
        "mehr zum thema",
        "leggi anche",
        "читайте также",
        "関連記事",
        "関連ニュース",
        "関連リンク",
        "関連情報",
        "関連サイト",
        "あわせて読みたい",
        "この記事を読んだ人",
        "おすすめ記事",
        "人気記事",
        "ランキング",
        "相关文章",
        "相关新闻",
        "相關新聞",
        "관련기사",
        "관련 기사",
    ];
    const LIST_FIRST: &[&str] = &[
        "latest",
        "more",
        "related",
        "top",
        "other",
        "recent",
        "popular",
        "trending",
        "recommended",
        "featured",
        "editors'",
        "editor's",
    ];
    const LIST_LAST: &[&str] = &[
        "stories",
        "news",
        "articles",
        "headlines",
        "reads",
        "coverage",
        "picks",
        "posts",
        "links",
        "videos",
        "topics",
    ];
    // "You may also like...": a heading trailing off is still one; "■関連記事":
    // a heading after a bullet too.
    let line = line
        .strip_suffix("...")
        .or_else(|| line.strip_suffix('…'))
        .unwrap_or(line)
        .trim_start_matches(|ch: char| !ch.is_alphanumeric());
    // Longer than 120 characters: told from the length in bytes alone when
    // it can be (a story paragraph), counted only in between.
    let too_long = line.len() > 480 || (line.len() > 120 && line.chars().count() > 120);
    if too_long || line.ends_with(['.', ',', ';', '?', '!', '"', '”', '。', '！', '？']) {
        return false;
    }
    // Every heading begins with the first word of one of these phrases, so
    // most lines are turned away on their first word, before the line is
    // lowercased and split (which every short line of a page paid for).
    // They are kept by their first letter, so a line is compared with a few.
    static FIRST_WORDS: OnceLock<Vec<Vec<&str>>> = OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| {
        let mut by_letter = vec![Vec::new(); 128];
        for phrase in [EXACT, PREFIXES, LIST_FIRST].concat() {
            let word = phrase.split(' ').next().unwrap_or_default();
            if let Some(&letter) = word.as_bytes().first().filter(|letter| letter.is_ascii()) {
                let words: &mut Vec<&str> = &mut by_letter[usize::from(letter)];
                if !words.contains(&word) {
                    words.push(word);
                }
            }
        }
        by_letter
    });
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    let begins_with = |word: &&str| {
        first.len() >= word.len()
            && first.as_bytes()[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    if first.is_ascii() {
        let letter = usize::from(first.as_bytes()[0].to_ascii_lowercase());
        if !first_words[letter].iter().any(begins_with) {
            return false;
        }
    }
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if EXACT.contains(&lower.trim_end_matches(':')) {
        return true;
    }
    // Without spaces between words, a heading is one only when it is about
    // all there is on its line ("この記事を読んだ人におすすめ").
    let heads = |prefix: &&str| {
        lower.starts_with(prefix)
            && (prefix.is_ascii() || lower.chars().count() <= prefix.chars().count() + 10)
    };
    if words.len() <= 16 && PREFIXES.iter().any(heads) {
        return true;
    }
    // "More from Business", "More from The Herald".
    if words.len() <= 5 && words.len() >= 3 && words[..2] == ["more", "from"] {
        return true;
    }
    words.len() <= 6
        && words
            .first()
            .is_some_and(|first| LIST_FIRST.contains(first))
        && words.last().is_some_and(|last| LIST_LAST.contains(last))
}

/// Copyright and rights lines close a page; no story paragraph is one.
fn is_footer(line: &str) -> bool {
    // Compared without lowercasing the line (an allocation for every line
    // of every page): the phrases are ASCII.
    let bytes = line.as_bytes();
    let starts = |phrase: &str| {
        bytes.len() >= phrase.len() && bytes[..phrase.len()].eq_ignore_ascii_case(phrase.as_bytes())
    };
    const RESERVED: &[u8] = b"all rights reserved";
    line.starts_with('©')
        || starts("(c) ")
        || starts("copyright ")
        || (line.chars().count() < 200
            && memchr::memchr2_iter(b'a', b'A', bytes).any(|at| {
                bytes[at..]
                    .get(..RESERVED.len())
                    .is_some_and(|words| words.eq_ignore_ascii_case(RESERVED))
            }))
}

/// Lines some sites put inside a story where an advertisement or a widget
/// sits ("Advertisement", "Continue reading the main story"): the story goes
/// on after them.
fn is_interruption(line: &str) -> bool {
    const LINES: &[&str] = &[
        "advertisement",
        "ad",
        "skip advertisement",
        "continue reading the main story",
        "continue reading below",
        "story continues below",
        "story continues below advertisement",
        "article continues below",
        "article continues below advertisement",
        "article continues after advertisement",
        "scroll to continue with content",
        "advertisement - scroll to continue",
    ];
    let line = line.trim_end_matches([':', '.', ' ']);
    line.len() <= 40 && LINES.iter().any(|known| known.eq_ignore_ascii_case(line))
}

/// Lines inside a story that point away from it: a newsletter or app plug
/// ("Sign up for our morning newsletter", ">> Download our app"), or a link
/// to another story ("RELATED: Japan marks ten years since the disaster").
pub(super) fn is_plug(line: &str) -> bool {
    const PLUGS: &[&str] = &[
        "sign up for",
        "sign up to",
        "subscribe to",
        "subscribe for",
        "download our app",
        "download the app",
        "get our app",
        "get the app",
        "listen to this article",
        "related:",
        "related coverage:",
        "read more:",
        "read also:",
        "also read:",
        "see also:",
        "read next:",
        "more:",
        "watch:",
    ];
    // Every line of every page is asked: long lines and lines opening with a
    // letter no plug opens with are turned away first.
    if line.len() > 200 {
        return false;
    }
    let line = line.trim_start_matches(|ch: char| !ch.is_alphanumeric());
    // The first letters of the phrases below.
    let Some(first @ (b'a' | b'd' | b'g' | b'l' | b'm' | b'r' | b's' | b'w')) =
        line.bytes().next().map(|byte| byte.to_ascii_lowercase())
    else {
        return false;
    };
    let starts = |phrase: &&str| {
        phrase.as_bytes()[0] == first
            && line
                .get(..phrase.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(phrase))
    };
    PLUGS.iter().any(starts)
        && !line.ends_with(['.', '"', '”'])
        && line.split_whitespace().count() <= 20
}

/// Headings of a box of links to other stories or sites that stand on their
/// own line, the links on the lines under them ("Read more", "Related
/// links", "■関連リンク"): sites put such boxes between a story's sections.
fn is_link_heading(line: &str) -> bool {
    const HEADINGS: &[&str] = &[
        "read more",
        "related",
        "related links",
        "related stories",
        "related articles",
        "related coverage",
        "see also",
        "also read",
        "read also",
        "関連記事",
        "関連リンク",
        "関連情報",
        "関連ニュース",
        "関連サイト",
    ];
    if line.len() > 40 {
        return false;
    }
    let line = line.trim_matches(|ch: char| !ch.is_alphanumeric());
    line.len() <= 20
        && HEADINGS
            .iter()
            .any(|heading| heading.eq_ignore_ascii_case(line))
}

/// Blanks each interruption (an advertisement marker, a plug, a link to
/// another story with its headline) that story text follows, so that it
/// neither ends the story nor becomes a paragraph of it; one that only
/// chrome follows stays, and the story ends there.
fn skip_interruptions(lines: &mut [&str]) {
    let mut at = 0;
    while at < lines.len() {
        let Some(mut next) = interruption_end(lines, at) else {
            at += 1;
            continue;
        };
        // Interruptions come in runs ("Advertisement", "Continue reading…").
        loop {
            while lines.get(next).is_some_and(|line| line.is_empty()) {
                next += 1;
            }
            match interruption_end(lines, next) {
                Some(end) => next = end,
                None => break,
            }
        }
        if next >= lines.len() {
            return;
        }
        // The paragraph after it, up to a blank line or the next interruption.
        let end = (next + 1..lines.len())
            .find(|&end| lines[end].is_empty() || interruption_end(lines, end).is_some())
            .unwrap_or(lines.len());
        let block = &lines[next..end];
        let text = block.join(" ");
        let is_story = !is_chrome_line(block[0])
            && !is_teaser_block(block)
            // Bytes, not characters: twenty kanji say what sixty letters do.
            && text.len() >= 60
            && text.ends_with(['.', '!', '?', '"', '”', '’', '\'', ')', '。', '！', '？', '」'])
            && !text.ends_with("...")
            && !text.ends_with('…');
        if is_story {
            for line in &mut lines[at..next] {
                *line = "";
            }
        }
        at = next;
    }
}

/// The line after the interruption that starts at `at`, if one does: an
/// advertisement marker or a plug is one line, a link heading takes the
/// links under it along.
fn interruption_end(lines: &[&str], at: usize) -> Option<usize> {
    let line = lines.get(at)?;
    if is_interruption(line) || is_plug(line) {
        return Some(at + 1);
    }
    if !is_link_heading(line) {
        return None;
    }
    // The links under it, a few short lines without a sentence among them.
    let links = lines[at + 1..]
        .iter()
        .take(MAX_LINKS_IN_A_BOX)
        .take_while(|link| {
            !link.is_empty()
                && link.chars().count() <= 100
                && link.split_whitespace().count() <= 15
                && !link.ends_with(['.', '"', '”', '。'])
                && !is_interruption(link)
                && !is_plug(link)
                && !is_link_heading(link)
        })
        .count();
    Some(at + 1 + links)
}

/// A box of more links than this is a list of other stories, not a box
/// inside one.
const MAX_LINKS_IN_A_BOX: usize = 5;

/// A paragraph that is a photo's caption: introduced as one ("Photo: …",
/// "Caption: …"), or a sentence or two ending with the picture's credit
/// ("… on Monday. | REUTERS", "… (AP Photo/Jane Doe)", "… Photograph: Jane
/// Doe/AFP"). Story text with a credit glued to its end (scrapers join a
/// caption to the paragraph before it) stays story: only a short text
/// before a credit is taken for a caption.
pub(super) fn is_credited_caption(paragraph: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "photo:",
        "photo caption:",
        "caption:",
        "pictured:",
        "photograph:",
        "image caption",
        "media caption",
        "image:",
    ];
    const CREDITS: &[&str] = &["photograph: ", "photo: ", "photo credit: ", "photo by "];
    const CAPTION_CHARS: usize = 300;
    let bytes = paragraph.as_bytes();
    let opens_as_caption = OPENINGS.iter().any(|opening| {
        bytes.len() > opening.len()
            && bytes[..opening.len()].eq_ignore_ascii_case(opening.as_bytes())
    });
    if opens_as_caption {
        return paragraph.chars().count() <= CAPTION_CHARS + 100;
    }
    let caption_before = |said: &str, sentences: usize| {
        let said = said.trim_end();
        said.ends_with(['.', '!', '?', ')', '"', '”'])
            && said.chars().count() <= CAPTION_CHARS
            && sentence_breaks(said) < sentences
    };
    // Each credit below is at most 60 characters after a caption.
    if bytes.len() > 4 * (CAPTION_CHARS + 60) {
        return false;
    }
    // "… on Monday. | POOL / VIA KYODO": a credit in capitals after a bar.
    if let Some(bar) = memchr::memrchr(b'|', bytes) {
        if let (Some(said), Some(credit)) = (
            paragraph[..bar].strip_suffix(' '),
            paragraph[bar + 1..].strip_prefix(' '),
        ) {
            let letters = credit.chars().filter(|ch| ch.is_alphabetic()).count();
            let capitals = credit.chars().filter(|ch| ch.is_uppercase()).count();
            if (2..=40).contains(&letters) && capitals == letters && caption_before(said, 2) {
                return true;
            }
        }
    }
    // "… (AP Photo/Jane Doe)", "(Photo: Reuters)", "(Getty Images)".
    if let Some((said, inside)) = paragraph
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
    {
        let inside = inside.to_lowercase();
        let is_credit = inside.chars().count() <= 60
            && (inside.starts_with("photo")
                || inside.starts_with("ap photo")
                || inside.starts_with("image")
                || inside.contains("getty images"));
        if is_credit && (said.trim().is_empty() || caption_before(said, 1)) {
            return true;
        }
    }
    // "… on Monday. Photograph: Jane Doe/AFP", near the end.
    let tail_from = bytes.len().saturating_sub(80);
    memchr::memchr2_iter(b'p', b'P', &bytes[tail_from..]).any(|at| {
        let at = tail_from + at;
        CREDITS.iter().any(|credit| {
            bytes[at..]
                .get(..credit.len())
                .is_some_and(|word| word.eq_ignore_ascii_case(credit.as_bytes()))
                && {
                    let credit = &paragraph[at + credit.len()..];
                    caption_before(&paragraph[..at], 1)
                        && credit.chars().count() <= 60
                        && !credit.contains(". ")
                        && !credit.ends_with('.')
                }
        })
    })
}

/// Places where one sentence ends and a capitalised one begins.
fn sentence_breaks(text: &str) -> usize {
    let mut chars = text.chars().peekable();
    let mut breaks = 0;
    while let Some(ch) = chars.next() {
        if matches!(ch, '.' | '!' | '?') && chars.peek().is_some_and(|next| next.is_whitespace()) {
            while chars.next_if(|next| next.is_whitespace()).is_some() {}
            breaks += usize::from(chars.peek().is_some_and(|next| next.is_uppercase()));
        }
    }
    breaks
}

fn is_photo_heading(line: &str) -> bool {
    let lower = line.trim_end_matches(':').to_lowercase();
    matches!(
        lower.as_str(),
        "photos" | "photo" | "photo gallery" | "gallery" | "images" | "pictures"
    )
}

/// Lines inside a photo block that are widget text, not captions.
fn is_photo_widget(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.starts_with("search icon") || lower.contains("click to enlarge") || lower == "enlarge"
}

/// Captions are the lines of the photo block(s); every other chrome block
/// (teasers, plugs) is dropped whole, captions of teased stories included.
fn photo_captions(chrome: &[&str]) -> Vec<String> {
    let mut in_photos = false;
    let mut captions = Vec::new();
    for line in chrome.iter().filter(|line| !line.is_empty()) {
        if is_photo_heading(line) {
            in_photos = true;
        } else if is_chrome_heading(line) && !is_photo_widget(line) {
            in_photos = false;
        } else if in_photos && !is_photo_widget(line) {
            captions.push(line.to_string());
        }
    }
    captions
}

/// Blocks of non-blank lines: a hard-wrapped paragraph (lines broken inside
/// sentences) becomes one line again; a block whose every line but the last
/// ends a sentence is a page saved with one line break between paragraphs,
/// and each line is one.
fn paragraphs(lines: &[&str]) -> Vec<String> {
    let ends_sentence = |line: &&str| {
        line.ends_with([
            '.', '!', '?', ':', '"', '”', '’', '\'', ')', '…', '。', '！', '？', '」', '』',
        ])
    };
    let mut paragraphs = Vec::new();
    for block in lines
        .split(|line| line.is_empty())
        .filter(|block| !block.is_empty())
    {
        if block[..block.len() - 1].iter().all(ends_sentence) {
            paragraphs.extend(block.iter().map(|line| line.to_string()));
        } else {
            paragraphs.push(block.join(" "));
        }
    }
    paragraphs
}

/// A tags line closes the page: comma-separated short labels, often with empty
/// slots ("acq, usa, , , ,"), or introduced by "Tags:".
fn is_tags_line(line: &str) -> bool {
    if hashtags(line).is_some() {
        return true;
    }
    let lower = line.to_lowercase();
    if ["tags:", "topics:", "keywords:"]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
    {
        return true;
    }
    let items: Vec<&str> = line.split(',').map(str::trim).collect();
    if items.len() < 2 {
        return false;
    }
    let short = items
        .iter()
        .all(|item| item.chars().count() <= 40 && item.split_whitespace().count() <= 4);
    let has_empty_slot = items.iter().any(|item| item.is_empty());
    let wordlike = items.iter().all(|item| {
        !item.ends_with('.') && !item.chars().any(|c| c.is_ascii_digit()) && !item.is_empty()
    });
    short && (has_empty_slot || wordlike)
}

/// A line of hashtags alone ("#Economy #Banking"), as tags without their marks.
fn hashtags(line: &str) -> Option<Vec<String>> {
    line.split_whitespace()
        .map(|word| {
            word.strip_prefix('#')
                .filter(|tag| tag.starts_with(char::is_alphabetic))
                .map(|tag| tag.trim_end_matches([',', ';']).to_string())
        })
        .collect::<Option<Vec<String>>>()
        .filter(|tags| !tags.is_empty())
}

fn parse_tags(line: &str) -> Vec<String> {
    if let Some(tags) = hashtags(line) {
        return tags;
    }
    let list = match line.split_once(':') {
        Some((label, rest)) if label.split_whitespace().count() == 1 => rest,
        _ => line,
    };
    list.split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_string)
        .collect()
}

/// Drops the label a screen reader's caption carries ("Image caption:
/// Naomi Osaka lights the cauldron" keeps what the picture shows).
fn without_caption_label(caption: &mut String) {
    const LABELS: &[&str] = &["image caption", "media caption", "photo caption", "caption"];
    let Some(shown) = LABELS
        .iter()
        .find_map(|label| after_lead(caption, label).filter(|shown| shown.starts_with([':', ' '])))
    else {
        return;
    };
    let shown = shown.trim_start_matches([':', ' ']);
    if !shown.is_empty() {
        *caption = shown.to_string();
    }
}

/// A line a page shows above its story that is not story text: when it was
/// published or updated ("Published: Dec. 10, 2019 at 5:00 p.m.", "Updated 3
/// hours ago", "10 December 2019 14:32 GMT") or how long it takes to read
/// ("5 min read").
fn is_page_stamp(paragraph: &str) -> bool {
    // "Posted: June 18, 2018 9:45 AM | Updated: June 18, 2018 1:12 PM".
    if paragraph.contains(" | ") {
        return paragraph.chars().count() <= 160
            && paragraph
                .split(" | ")
                .all(|part| part.trim().is_empty() || is_page_stamp(part));
    }
    // Taken off one word at a time: "Last updated on", "First published",
    // "Sat 4 Jul 2020".
    const LEADS: &[&str] = &[
        "published",
        "updated",
        "last",
        "first",
        "posted",
        "modified",
        "on",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    const TIME_WORDS: &[&str] = &[
        "at", "am", "pm", "a.m.", "p.m.", "gmt", "utc", "bst", "cet", "cest", "est", "edt", "cst",
        "cdt", "pst", "pdt", "jst", "kst", "ist", "et", "pt", "updated", "|", "-", "–", "—", "/",
    ];
    if paragraph.chars().count() > 80 {
        return false;
    }
    /// A word without the punctuation stamps put around it.
    fn bare(word: &str) -> &str {
        word.trim_matches([',', ':', '(', ')', '|'])
    }
    let lower = paragraph.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    // "5 min read", "2-minute read".
    match words
        .iter()
        .map(|word| bare(word))
        .collect::<Vec<_>>()
        .as_slice()
    {
        [number, "min" | "mins" | "minute" | "minutes", "read"] => {
            return number.parse::<u32>().is_ok()
        }
        [number, "read"] => {
            let number = number.trim_end_matches(|ch: char| ch.is_alphabetic() || ch == '-');
            return number.parse::<u32>().is_ok();
        }
        _ => {}
    }
    let before_leads = words.len();
    while words
        .first()
        .is_some_and(|word| LEADS.contains(&bare(word)))
    {
        words.remove(0);
    }
    // "3 hours ago".
    if let [number, unit, "ago"] = words.as_slice() {
        return number.parse::<u32>().is_ok() && unit.trim_end_matches('s').len() >= 3;
    }
    // "11:06", "08.20".
    let is_clock = |word: &&str| {
        bare(word)
            .split_once(['.', ':'])
            .is_some_and(|(hours, minutes)| {
                (1..=2).contains(&hours.len())
                    && minutes.len() == 2
                    && hours
                        .bytes()
                        .chain(minutes.bytes())
                        .all(|b| b.is_ascii_digit())
            })
    };
    let is_time = |word: &&str| {
        let bare = bare(word);
        bare.is_empty()
            || TIME_WORDS.contains(&bare)
            || is_clock(word)
            || (bare.contains(':') && bare.bytes().any(|byte| byte.is_ascii_digit()))
            || (bare.starts_with('+') && bare[1..].bytes().all(|byte| byte.is_ascii_digit()))
    };
    // "Updated 6:42 p.m.", the second half of a pair: a time alone is a
    // stamp when a word such as "updated" says so.
    if words.len() < before_leads && words.iter().any(is_clock) && words.iter().all(is_time) {
        return true;
    }
    // A date in its first words ("Fri, September 02 2011."), and nothing
    // after it but a time.
    (1..=4.min(words.len())).any(|taken| {
        parse_date_text(words[..taken].join(" ").trim_end_matches('.'))
            .is_some_and(|date| date.is_ok())
            && words[taken..].iter().all(is_time)
    })
}

/// A stamp that says what it is ("Published On 12 Dec 2019", "First
/// Published: Fri, September 02 2011. 18:05 IST"): page furniture wherever
/// it stands, below a standfirst or at the foot of the story. A bare date
/// may head a section of a timeline, so it stays unless it opens the page.
fn is_publication_stamp(paragraph: &str) -> bool {
    const SAYS_SO: &[&str] = &["published", "updated", "posted", "modified"];
    // Every paragraph is asked: most are turned away on their first letter
    // (the words above, or "First" and "Last" before them).
    if !matches!(
        paragraph.as_bytes().first().map(u8::to_ascii_lowercase),
        Some(b'p' | b'u' | b'm' | b'f' | b'l')
    ) || paragraph.len() > 100
    {
        return false;
    }
    paragraph.split_whitespace().take(2).any(|word| {
        let word = word.trim_end_matches(':');
        SAYS_SO.iter().any(|says| word.eq_ignore_ascii_case(says))
    }) && is_page_stamp(paragraph)
}

/// Wires and agencies whose name alone makes a byline.
const WIRES: &[&str] = &[
    "reuters",
    "kyodo",
    "jiji",
    "jiji press",
    "ap",
    "associated press",
    "afp",
    "agence france-presse",
    "bloomberg",
    "dpa",
    "xinhua",
    "efe",
    "ansa",
    "upi",
    "tass",
    "yonhap",
    "pti",
    "press trust of india",
    "ians",
    "bernama",
    "antara",
    "anadolu agency",
    "irna",
    "the associated press",
    "the canadian press",
    "australian associated press",
    "aap",
    "staff",
    "staff writer",
    "staff report",
    "wire reports",
    "staff and wire reports",
    "from staff and wire reports",
    "wire services",
    "news agencies",
    "共同通信",
    "共同",
    "時事通信",
    "時事",
    "ロイター",
    "afp時事",
    "afp=時事",
    "新华社",
    "연합뉴스",
];

/// A line that can only be a byline: a wire's name, or "By …".
fn is_wire_or_by(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    WIRES.contains(&lower.as_str()) || (after_byline_lead(line).is_some() && is_byline(line))
}

/// A byline is short and unpunctuated: "Kyodo", "By Jane Doe", "Jane Doe,
/// Reuters", "JANE DOE". A short first paragraph such as "Qtly div 10 cts" is
/// not one: it has digits and lowercase words.
fn is_byline(line: &str) -> bool {
    let text = strip_by(line);
    let lower = text.to_lowercase();
    if text.is_empty() || text.chars().count() > 80 || text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if text.ends_with(['.', ':', ';', '?', '!', '"', '”']) && !lower.ends_with(" jr.") {
        return false;
    }
    let names: Vec<&str> = lower.split([',', '/', '&', '|']).map(str::trim).collect();
    if names.iter().any(|name| {
        WIRES.contains(name)
            || name.ends_with(" staff writer")
            || name
                .strip_suffix(" staff")
                .or_else(|| name.strip_suffix(" staff and agencies"))
                .is_some_and(|wire| WIRES.contains(&wire))
    }) {
        return true;
    }
    // Capitals tell a name only in scripts that have them: in Japanese or
    // Arabic text a "word" without spaces may be a whole sentence.
    let caseless = text
        .chars()
        .any(|ch| ch.is_alphabetic() && !ch.is_uppercase() && !ch.is_lowercase());
    // "Staff Reporter | Chennai": separators are not words.
    let words: Vec<&str> = text
        .split_whitespace()
        .filter(|word| !matches!(*word, "|" | "-" | "–" | "—" | "•" | "·" | "/"))
        .collect();
    let capitalised = |word: &&str| word.starts_with(|c: char| c.is_uppercase());
    // After "By", a name may keep lowercase company: "By the Editorial
    // Board", "By Jane Doe, Special to The Times".
    let led_by_by = after_byline_lead(line).is_some()
        && words.len() <= 10
        && words.iter().filter(|word| capitalised(word)).count() * 2 >= words.len();
    let name_like = !caseless
        && (led_by_by
            || (1..=8).contains(&words.len())
                && words.iter().all(|word| {
                    let lower = word.to_lowercase();
                    capitalised(word)
                        || matches!(
                            lower.as_str(),
                            "and"
                                | "in"
                                | "of"
                                | "de"
                                | "da"
                                | "di"
                                | "van"
                                | "von"
                                | "der"
                                | "la"
                                | "le"
                                | "al"
                                | "bin"
                        )
                }));
    // A lone capitalised word ("Nikkei", "AFP-JIJI") is a wire's name: no
    // story opens with a one-word paragraph.
    name_like
}

/// How a byline may open: "By Jane Doe", "Posted by Jane Doe".
const BYLINE_LEADS: &[&str] = &[
    "by ",
    "posted by ",
    "written by ",
    "story by ",
    "words by ",
    "reported by ",
    "report by ",
    "analysis by ",
];

/// The line without its byline lead, if it has one.
pub(super) fn after_byline_lead(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    BYLINE_LEADS
        .iter()
        .find_map(|lead| after_lead(trimmed, lead))
        .map(str::trim)
}

/// The byline's names, without its lead and contact address: "By Kim
/// Ji-hoon (jhkim@heraldcorp.com)" gives "Kim Ji-hoon".
fn strip_by(line: &str) -> String {
    let named = after_byline_lead(line).unwrap_or(line.trim());
    // "Story by Jane Doe; Photos by John Roe": the writer.
    let named = named.split(';').next().unwrap_or(named).trim();
    // "Jane Doe | Updated May 1, 2020": a stamp beside the name is not one.
    let named = without_stamps(named);
    let named = named.as_str();
    if !named.contains('@') {
        return named.to_string();
    }
    let mut kept = String::with_capacity(named.len());
    let mut rest = named;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|at| open + at) else {
            break;
        };
        kept.push_str(&rest[..open]);
        if !rest[open..close].contains('@') {
            kept.push_str(&rest[open..=close]);
        }
        rest = &rest[close + 1..];
    }
    kept.push_str(rest);
    let words: Vec<&str> = kept
        .split_whitespace()
        .filter(|word| !word.contains('@'))
        .collect();
    words
        .join(" ")
        .trim_end_matches([',', '|', '-', '–', '—', ' '])
        .to_string()
}

/// A byline without the parts of it that are date stamps ("Jane Doe -
/// May 1, 2020" gives "Jane Doe").
fn without_stamps(byline: &str) -> String {
    // Every stamp has a figure in it.
    if !byline.bytes().any(|byte| byte.is_ascii_digit()) {
        return byline.to_string();
    }
    for separator in BYLINE_SEPARATORS {
        if byline.contains(separator) {
            let parts: Vec<&str> = byline.split(separator).collect();
            let names: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|part| !is_page_stamp(part))
                .collect();
            if !names.is_empty() && names.len() < parts.len() {
                return names.join(separator);
            }
        }
    }
    byline.to_string()
}

/// What sites put between a byline's names, roles and stamps.
const BYLINE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " • ", " · ", " / "];

/// Who a signature at the foot of a story names: "By Jane Doe
/// (jdoe@paper.com)" or "Source: Al Jazeera and news agencies".
fn closing_credit(paragraph: &str) -> Option<String> {
    match after_lead(paragraph, "source:").map(str::trim) {
        Some(named) => {
            (!named.is_empty() && named.chars().count() <= 80 && !named.ends_with(['.', '!', '?']))
                .then(|| named.to_string())
        }
        None => (after_byline_lead(paragraph).is_some() && is_byline(paragraph))
            .then(|| strip_by(paragraph)),
    }
}

/// The reporters a wire story's closing credit names ("Reporting by Ana
/// Ruiz and Li Wei; Editing by Tom Roe" gives "Ana Ruiz and Li Wei"). The
/// line stays story text: it is what the wire printed.
fn reporters_credit(paragraph: &str) -> Option<String> {
    let credit = paragraph.trim_start_matches(|ch: char| !ch.is_alphanumeric());
    if credit.len() > 200 {
        return None;
    }
    let names = after_lead(credit, "reporting by ")?
        .split([';', '.'])
        .next()?;
    // "…, editing by …", "… Writing by …" when no semicolon parts them.
    let lower = names.to_ascii_lowercase();
    let end = [" editing by", ", editing by", " writing by", ", writing by"]
        .iter()
        .filter_map(|role| lower.find(role))
        .min()
        .unwrap_or(names.len());
    let names = names[..end].trim().trim_end_matches(',');
    (!names.is_empty() && names.split_whitespace().count() <= 12).then(|| names.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page in the seed's layout, written for these tests.
    const PAGE: &str = " date 2019-12-10 National / Politics

Minister to visit Moscow for treaty talks

Kyodo

The foreign minister said Tuesday he will travel to Moscow next week.

The talks will focus on a peace treaty and disputed islands.

GET THE BEST OF THE DAILY TIMES IN FIVE EASY PIECES
JOIN THE CONVERSATION

LATEST NATIONAL STORIES

A crowd gathers outside a station in Osaka on Monday.
Rail operator raises fares for the first time in decades
A regional rail operator said it will raise fares next spring, citing the cost of maintaining rural lines that carry few...
Typhoon damage repairs to take years, officials say
Officials in the prefecture estimated the cost of repairing roads and bridges damaged by the typhoon at several billion...

PHOTOS

search icon Click to enlarge

The minister shakes hands with his counterpart in Nagoya. | POOL

search icon Click to enlarge

Delegates arrive for the meeting. | KYODO

diplomacy, russia, , , ,";

    fn article(text: &str) -> Article {
        let parsed = parse(text, Path::new("x.txt")).unwrap();
        assert_eq!(parsed.articles.len(), 1);
        parsed.articles.into_iter().next().unwrap()
    }

    #[test]
    fn reads_the_layout() {
        let article = article(PAGE);
        assert_eq!(article.date, NaiveDate::from_ymd_opt(2019, 12, 10));
        assert_eq!(
            article.section.as_ref().map(Section::to_string).as_deref(),
            Some("National / Politics")
        );
        assert_eq!(article.title, "Minister to visit Moscow for treaty talks");
        assert_eq!(article.byline.as_deref(), Some("Kyodo"));
        assert_eq!(article.body.len(), 2);
        let spaced = PAGE.replace("Minister to visit Moscow", "Minister to visit  Moscow\t");
        assert_eq!(
            self::article(&spaced).title,
            "Minister to visit Moscow for treaty talks"
        );
        assert_eq!(
            article.captions,
            vec![
                "The minister shakes hands with his counterpart in Nagoya. | POOL",
                "Delegates arrive for the meeting. | KYODO"
            ]
        );
        assert_eq!(article.tags, vec!["diplomacy", "russia"]);
    }

    #[test]
    fn chrome_never_reaches_the_article() {
        let article = article(PAGE);
        let text = format!("{article:?}").to_lowercase();
        for chrome in [
            "fares",
            "typhoon",
            "osaka",
            "join the conversation",
            "click to enlarge",
        ] {
            assert!(!text.contains(chrome), "{chrome} leaked");
        }
    }

    #[test]
    fn crlf_and_no_photos_and_no_byline() {
        let page = PAGE
            .replace("Kyodo\n\n", "")
            .split("PHOTOS")
            .next()
            .unwrap()
            .replace('\n', "\r\n");
        let article = article(&page);
        assert_eq!(article.byline, None);
        assert_eq!(article.body.len(), 2);
        assert!(article.captions.is_empty());
        assert!(article.body[1].ends_with("disputed islands."));
    }

    #[test]
    fn missing_and_malformed_dates_are_warnings() {
        let missing = parse(
            &PAGE.replace(" date 2019-12-10 National / Politics\n", ""),
            Path::new("x"),
        )
        .unwrap();
        assert_eq!(missing.articles[0].date, None);
        assert_eq!(
            missing.articles[0].title,
            "Minister to visit Moscow for treaty talks"
        );
        assert!(missing.warnings[0].contains("no date line"));

        let impossible = parse(&PAGE.replace("2019-12-10", "2019-02-30"), Path::new("x")).unwrap();
        assert_eq!(impossible.articles[0].date, None);
        assert_eq!(
            impossible.articles[0].title,
            "Minister to visit Moscow for treaty talks"
        );
        assert!(
            impossible.warnings[0].contains("2019-02-30"),
            "{:?}",
            impossible.warnings
        );
        assert!(impossible.articles[0].section.is_some());

        let garbage = parse(&PAGE.replace("2019-12-10", "someday"), Path::new("x")).unwrap();
        assert!(garbage.warnings[0].contains("someday"));
        assert_eq!(
            garbage.articles[0].title,
            "Minister to visit Moscow for treaty talks"
        );
    }

    #[test]
    fn other_date_forms() {
        for (text, expected) in [
            ("date December 10, 2019 World", (2019, 12, 10)),
            ("Date: 2019/12/10 World", (2019, 12, 10)),
            ("date 2019-12-10T09:30:00+09:00 World", (2019, 12, 10)),
            ("date 10 Dec 2019 World", (2019, 12, 10)),
        ] {
            let line = DateLine::parse(text).unwrap();
            let (y, m, d) = expected;
            assert_eq!(
                line.date,
                Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap()),
                "{text}"
            );
            assert_eq!(line.section, "World");
        }
        assert!(DateLine::parse("date 0000-01-01 World")
            .unwrap()
            .date
            .is_err());
        assert!(DateLine::parse("date 2999-01-01 World")
            .unwrap()
            .date
            .is_err());
        assert!(DateLine::parse("Minister to visit Moscow").is_none());
    }

    #[test]
    fn other_papers_chrome_headings() {
        for heading in [
            "MORE WORLD NEWS",
            "Related articles",
            "Top Stories",
            "Most read",
            "Photo gallery",
            "You might also like",
            "More from Business",
            "Promoted Stories",
            "Sponsored",
        ] {
            assert!(is_chrome_heading(heading), "{heading}");
        }
        for body in [
            "More than 70 years after the war, no treaty.",
            "Latest figures show growth",
            "More from the central bank is expected in the spring",
            "Photos",
        ] {
            assert_eq!(is_chrome_heading(body), body == "Photos", "{body}");
        }
    }

    /// Navigation kept above the headline is skipped, and a site's name after
    /// the headline dropped; tickers and bars inside headlines stay.
    #[test]
    fn navigation_above_the_headline_and_the_site_name_after_it() {
        for top in [
            "Home > World > Europe\n\n",
            "Skip to main content\n\n",
            "News » Asia » Japan\n",
        ] {
            let page = format!(
                "date 2014-07-17 World\n\n{top}Airliner crashes in Ukraine | The Daily Courier\n\n\
                By Olga Ivanova\n\nA passenger jet came down on Thursday, officials said.\n"
            );
            let saved = article(&page);
            assert_eq!(saved.title, "Airliner crashes in Ukraine", "{top}");
            assert_eq!(saved.byline.as_deref(), Some("Olga Ivanova"), "{top}");
        }
        for headline in [
            "CYCARE <CYCR.O> BUYS CONTROL DATA <CAD> UNIT",
            "Match report | Arsenal beat Chelsea in the rain",
            "Exports > imports for first time",
        ] {
            let page = format!("date 1987-03-01 Business\n\n{headline}\n\nThe story.\n");
            assert_eq!(article(&page).title, headline);
        }
    }

    /// Other stories' headlines under any short heading at the foot of the
    /// page are chrome; a list that closes a story is not.
    #[test]
    fn a_list_of_headlines_at_the_foot_is_chrome_whatever_its_heading() {
        let story = "date 2020-05-01 World\n\nTrade talks resume\n\n\
            Negotiators met in Geneva on Monday to restart talks on tariffs.\n\n";
        for heading in [
            "Up next",
            "In Other News",
            "Also in Business",
            "Trending in Sports",
        ] {
            let page = format!(
                "{story}{heading}\n\nCity council approves new budget after long debate\n\
                Flooding closes roads across the region for a second day\n"
            );
            assert_eq!(article(&page).body.len(), 1, "{heading}");
        }
        let headless = format!(
            "{story}City council approves new budget after long debate\n\
            Flooding closes roads across the region for a second day\n\
            Local team wins the regional title in overtime\n"
        );
        assert_eq!(article(&headless).body.len(), 1);
        for list in [
            "- The talks resume in June\n- A deal is due by the autumn\n- Tariffs stay until then\n",
            "Key dates\n\n1945: the war ends\n1956: a joint declaration is signed\n",
            "Winners\nBest Picture: Parasite\nBest Director: Bong Joon-ho\n",
            "Results\nShr 10 cts vs 9 cts\nNet 1,000 vs 900 dlrs\nRevs 5,000 vs 4,000 dlrs\n",
            "What happens next\nThe talks resume in June\n",
        ] {
            let page = format!("{story}{list}");
            assert!(article(&page).body.len() > 1, "{list}");
        }
    }

    /// A news site's page: advertisement markers between paragraphs, then a
    /// marker that only chrome follows.
    #[test]
    fn the_story_goes_on_after_an_advertisement() {
        let page = "date 2022-02-24 World\n\nTroops cross the border\n\nBy Anna Petrova\n\n\
            Troops crossed the border before dawn on Thursday, officials in the capital said.\n\n\
            Advertisement\n\nContinue reading the main story\n\n\
            The president declared martial law and urged residents to stay at home.\n\n\
            Story continues below advertisement\n\n\
            Allies promised sanctions within days, diplomats in Brussels said.\n\n\
            Advertisement\n\n\
            Markets tumble as oil tops $100\nWhat we know about the fighting so far\n";
        assert_eq!(
            article(page).body,
            [
                "Troops crossed the border before dawn on Thursday, officials in the capital said.",
                "The president declared martial law and urged residents to stay at home.",
                "Allies promised sanctions within days, diplomats in Brussels said.",
            ]
        );
    }

    /// Plugs and links to other stories inside a story are neither its text
    /// nor its end.
    #[test]
    fn the_story_goes_on_after_plugs_and_links() {
        let page = "date 2021-02-14 World\n\nQuake shakes Fukushima\n\nBy Mari Ono\n\n\
            A powerful earthquake struck off the coast of Fukushima late on Saturday.\n\n\
            Sign up for our daily newsletter\n\n\
            The prime minister urged residents to stay alert for aftershocks.\n\
            Read more\n\
            Japan marks ten years since the 2011 disaster\n\n\
            RELATED: How the 2011 tsunami changed the coast\n\n\
            >> Download our app for breaking news alerts\n\
            Read more\n\n\
            The power company said there were no abnormalities at the nuclear plant.\n\n\
            Sign up for our daily newsletter\n\n\
            Most read\nFerry fares to rise\nNew bridge opens\n";
        assert_eq!(
            article(page).body,
            [
                "A powerful earthquake struck off the coast of Fukushima late on Saturday.",
                "The prime minister urged residents to stay alert for aftershocks.",
                "The power company said there were no abnormalities at the nuclear plant.",
            ]
        );
        // A box of links between a story's sections is skipped too...
        let boxed = "date 2010-06-01 スポーツ\n\nゴルフ教室\n\n\
            実際のコースで使用されている動画があるので、参考にして欲しい。\n\n\
            ■関連リンク\n・ゴルフクリニック 公式サイト\n・商品説明ページ\n\n\
            続けて、千葉のゴルフ場でコースレッスンを開いている代表の小渕さんにも話を聞いた。\n\n\
            【関連記事】\n・第１回／ゴルフ男子とは\n";
        assert_eq!(
            article(boxed).body,
            [
                "実際のコースで使用されている動画があるので、参考にして欲しい。",
                "続けて、千葉のゴルフ場でコースレッスンを開いている代表の小渕さんにも話を聞いた。",
            ]
        );
        // ...but a heading over a list of other stories ends the story.
        let listed = "date 2021-02-14 World\n\nQuake\n\n\
            A powerful earthquake struck off the coast of Fukushima late on Saturday.\n\n\
            Most read\nFerry fares to rise\nNew bridge opens\nSchools close early\n\n\
            A council meeting on the new budget ran late into the night on Friday.\n";
        assert_eq!(article(listed).body.len(), 1);
        let long_list = "date 2021-02-14 World\n\nQuake\n\n\
            A powerful earthquake struck off the coast of Fukushima late on Saturday.\n\n\
            Related\nOne\nTwo\nThree\nFour\nFive\nSix\n\n\
            A council meeting on the new budget ran late into the night on Friday.\n";
        assert_eq!(article(long_list).body.len(), 1);
    }

    /// Captions left between paragraphs, each with its credit; a story
    /// paragraph that a credit was glued to stays story.
    #[test]
    fn captions_between_paragraphs_are_captions() {
        let page = "date 2021-03-04 Business\n\nCopper climbs\n\n\
            Copper rose on Thursday to its highest in a decade as factories restarted.\n\n\
            Copper cathodes at a warehouse in Qingdao on Monday. | REUTERS\n\n\
            A trader on the floor of the exchange. (AP Photo/Jane Doe)\n\n\
            Dockers unload a ship in Rotterdam. Photograph: Jan de Vries/AFP\n\n\
            PHOTO: The exchange's trading floor in London\n\n\
            Stocks rose in Shanghai. Traders said demand was strong, and prices held. Photo: Li Wei\n\n\
            The metal gained 2.1 percent on the London Metal Exchange.\n";
        let article = article(page);
        assert_eq!(
            article.body,
            [
                "Copper rose on Thursday to its highest in a decade as factories restarted.",
                "Stocks rose in Shanghai. Traders said demand was strong, and prices held. Photo: Li Wei",
                "The metal gained 2.1 percent on the London Metal Exchange.",
            ]
        );
        assert_eq!(
            article.captions,
            [
                "Copper cathodes at a warehouse in Qingdao on Monday. | REUTERS",
                "A trader on the floor of the exchange. (AP Photo/Jane Doe)",
                "Dockers unload a ship in Rotterdam. Photograph: Jan de Vries/AFP",
                "PHOTO: The exchange's trading floor in London",
            ]
        );
    }

    /// Other sites' furniture between headline and story, around the byline.
    #[test]
    fn stamps_above_the_story_are_not_story_text() {
        let pages = [
            ("By JANE DOE | Staff Writer\n\nPublished: Dec. 10, 2019 at 5:00 p.m.\n\nUpdated 3 hours ago\n\n5 min read", "JANE DOE | Staff Writer"),
            ("Posted by John Roe\n\nDecember 11, 2019 14:32 GMT", "John Roe"),
            ("Reuters staff\n\n2 Min Read", "Reuters staff"),
            ("Updated: 2019-12-12 09:15 JST\n\nWritten by Ana Silva", "Ana Silva"),
            ("By Ana Silva\n\nLast updated on 12 December 2019", "Ana Silva"),
            ("Justin Roe in Tokyo\nSat 4 Jul 2020 08.20 BST", "Justin Roe in Tokyo"),
            (
                "Staff Writer\n\nPosted: June 18, 2018 9:45 AM | Updated: June 18, 2018 1:12 PM",
                "Staff Writer",
            ),
        ];
        for (head, byline) in pages {
            let page = format!(
                "date 2019-12-10 World\n\nA headline\n\n{head}\n\n\
                 The story opens here, on a Tuesday, with a sentence of news.\n\nIt goes on.\n"
            );
            let article = article(&page);
            assert_eq!(article.byline.as_deref(), Some(byline), "{head}");
            assert_eq!(
                article.body,
                [
                    "The story opens here, on a Tuesday, with a sentence of news.",
                    "It goes on."
                ],
                "{head}"
            );
        }
        for story in [
            "December 11, 2019 was a day to remember.",
            "On Monday the minister resigned",
            "5 reasons to read",
            "2019 at a glance",
        ] {
            assert!(!is_page_stamp(story), "{story}");
        }
    }

    /// Other papers' furniture around a story: a stamp pair with a bare
    /// time, an agency and its city, a stamp below the standfirst or at the
    /// foot, a signature with an address at the end, a closing source line.
    #[test]
    fn stamps_and_signatures_of_other_papers() {
        let stamped = "date 2008-03-14 World\n\nMonks march for a third day\n\nBy JOHN HARTLEY, Staff Writer\n\n\
            Published March 14, 2008 | Updated 6:42 p.m.\n\nCrowds marched through the old quarter on Friday.\n\n\
            Officials said order would be restored.\n";
        let saved = article(stamped);
        assert_eq!(saved.byline.as_deref(), Some("JOHN HARTLEY, Staff Writer"));
        assert_eq!(
            saved.body,
            [
                "Crowds marched through the old quarter on Friday.",
                "Officials said order would be restored."
            ]
        );

        let agency = "date 2011-09-02 Economy\n\nRupee slips to a two-year low\n\n\
            Press Trust of India | New Delhi\n\nLast Updated: September 2, 2011 18:05 IST\n\n\
            The rupee weakened against the dollar on Friday.\n\nDealers blamed importers.\n\n\
            First Published: Fri, September 02 2011. 18:05 IST\n\nTrending\n";
        let saved = article(agency);
        assert_eq!(
            saved.byline.as_deref(),
            Some("Press Trust of India | New Delhi")
        );
        assert_eq!(
            saved.body,
            [
                "The rupee weakened against the dollar on Friday.",
                "Dealers blamed importers."
            ]
        );

        let signed = "date 2015-06-11 National\n\nSeoul widens quarantine\n\n\
            Health authorities widened quarantine measures on Thursday.\n\n\
            Schools will stay closed until next week.\n\nBy Kim Ji-hoon (jhkim@example.com)\n\n\
            Related Articles\nTourism suffers as visitors cancel trips\n";
        let saved = article(signed);
        assert_eq!(saved.byline.as_deref(), Some("Kim Ji-hoon"));
        assert_eq!(saved.body.len(), 2, "{:?}", saved.body);

        let sourced = "date 2019-12-12 Europe\n\nBritain votes again\n\n\
            Voters go to the polls in an election dominated by Brexit.\n\nPublished On 12 Dec 2019\n\n\
            Polling stations opened at 07:00 GMT.\n\nSOURCE: AL JAZEERA AND NEWS AGENCIES\n\n\
            Keep reading\nlist of 4 items\nEU leaders prepare for trade talks\n";
        let saved = article(sourced);
        assert_eq!(
            saved.byline.as_deref(),
            Some("AL JAZEERA AND NEWS AGENCIES")
        );
        assert_eq!(
            saved.body,
            [
                "Voters go to the polls in an election dominated by Brexit.",
                "Polling stations opened at 07:00 GMT."
            ]
        );

        // A closing sentence that opens with "By" is story text.
        let closing = "date 2019-12-12 Europe\n\nTitle\n\nThe count went on overnight.\n\n\
            By morning the result was clear.\n";
        assert_eq!(article(closing).body.len(), 2);
        assert_eq!(article(closing).byline, None);
    }

    /// Pages saved with one line break between paragraphs, no blank lines.
    #[test]
    fn one_line_per_paragraph_without_blank_lines() {
        let page = "date 2016-06-24 World\nBritain votes to leave\nBy Jane Doe\n\
            Updated June 24, 2016 08:00 GMT\n\
            Britain has voted to leave the European Union, official results showed.\n\
            The prime minister said he would step down.\nMarkets fell as the results came in.\n\
            Most Read\nPound falls to a 31-year low\n";
        let saved = article(page);
        assert_eq!(saved.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(
            saved.body,
            [
                "Britain has voted to leave the European Union, official results showed.",
                "The prime minister said he would step down.",
                "Markets fell as the results came in.",
            ]
        );
        // Lines broken inside sentences are one paragraph, wrapped.
        let wrapped = "date 2016-06-24 World\n\nHeadline\n\nBritain has voted to leave the\n\
            European Union, official results\nshowed on Friday.\n";
        assert_eq!(
            article(wrapped).body,
            ["Britain has voted to leave the European Union, official results showed on Friday."]
        );
    }

    /// In a script without capitals a short first paragraph is no name.
    #[test]
    fn a_japanese_opening_sentence_is_not_a_byline() {
        let page = "date 2012-05-01 IT\n\nアプリ紹介\n\nAndroid版のLINEに新サービス追加！\n\n\
            新しいサービスが今日から使えるようになった。\n";
        let article = article(page);
        assert_eq!(article.byline, None);
        assert_eq!(article.body[0], "Android版のLINEに新サービス追加！");
    }

    #[test]
    fn labelled_captions_between_paragraphs_are_captions() {
        let page =
            "date 2021-07-23 Sports\n\nTokyo opens the Games\n\nThe Games opened on Friday.\n\n\
            Image caption: Naomi Osaka lights the cauldron.\n\nFans were barred.\n";
        let saved = article(page);
        assert_eq!(
            saved.body,
            ["The Games opened on Friday.", "Fans were barred."]
        );
        assert_eq!(saved.captions, ["Naomi Osaka lights the cauldron."]);
    }

    #[test]
    fn copyright_lines_end_the_body() {
        let page = "date 2020-01-01 World\n\nTitle\n\nFirst paragraph.\n\n© 2020 The Daily Times. All rights reserved.\n";
        assert_eq!(article(page).body, vec!["First paragraph."]);
        assert!(is_footer("Copyright 2020 Kyodo News"));
        assert!(!is_footer("The copyright dispute went to court."));
        assert!(is_footer("(C) 1987 Reuters"));
        assert!(is_footer("The Daily Times, ALL RIGHTS RESERVED"));
        assert!(!is_footer("All rights reserved, said the lawyer, who then spoke at length about what the clause meant for the paper and its readers and why it had been added to the contract in the first place, long ago, before any of the current editors had joined the paper."));
        assert!(!is_footer("Rights reserved for members"));
    }

    #[test]
    fn teaser_block_without_heading_ends_the_body() {
        let page = "date 2020-01-01 World\n\nTitle\n\nFirst paragraph.\n\nSecond paragraph.\n\n\
                    Other story headline\nAn opening of some other story that runs on and is then cut short...\n";
        let article = article(page);
        assert_eq!(article.body, vec!["First paragraph.", "Second paragraph."]);
    }

    #[test]
    fn bylines() {
        for byline in [
            "Reuters",
            "Kyodo",
            "By Jane Doe",
            "Jane Doe, Reuters",
            "BY TED D'AFFLISIO, REUTERS",
            "Ana de la Cruz",
            "By JANE DOE and JOHN ROE / Staff Writers",
            "By Jane Doe • Senior Correspondent",
            "By the Editorial Board",
            "By Jane Doe, Special to The Times",
            "From staff and wire reports",
        ] {
            assert!(is_byline(byline), "{byline}");
        }
        assert_eq!(strip_by("By Jane Doe - May 1, 2020"), "Jane Doe");
        assert_eq!(strip_by("Jane Doe | Updated May 1, 2020"), "Jane Doe");
        assert_eq!(
            strip_by("Story by Jane Doe; Photos by John Roe"),
            "Jane Doe"
        );
        assert!(!is_byline(
            "By the time rescuers arrived, the building had collapsed."
        ));
        assert!(!is_byline(
            "By then the talks had stalled on most of the points raised by the other side"
        ));
        for body in [
            "Qtly div eights cts vs 7.5 cts prior",
            "Pay March 31",
            "The minister said so.",
            "Shares fell",
        ] {
            assert!(!is_byline(body), "{body}");
        }
        assert_eq!(
            article(&PAGE.replace("Kyodo", "By Jane Doe"))
                .byline
                .as_deref(),
            Some("Jane Doe")
        );
        // A wire's closing credit names the reporters when nothing above does.
        let credited = "date 2019-12-10 Business\n\nSoftBank posts loss\n\n\
            SoftBank Group reported a quarterly loss on Tuesday as its investments fell.\n\n\
            — Reporting by Ana Ruiz and Li Wei, editing by Tom Roe\n";
        let article = self::article(credited);
        assert_eq!(article.byline.as_deref(), Some("Ana Ruiz and Li Wei"));
        assert_eq!(article.body.len(), 2, "the credit stays story text");
        for (credit, names) in [
            (
                "Reporting by Jane Doe; Editing by Tom Roe",
                Some("Jane Doe"),
            ),
            ("Reporting by Jane Doe Writing by Li Wei", Some("Jane Doe")),
            ("Additional reporting by Jane Doe", None),
            ("The reporting by the paper was wrong.", None),
        ] {
            assert_eq!(reporters_credit(credit).as_deref(), names, "{credit}");
        }
    }

    #[test]
    fn a_lone_name_like_paragraph_is_kept_as_the_story() {
        let page = "date 2020-01-01 World\n\nFUND RESULTS\n\nLord Abbett Bond Debenture Fund\n\nJOIN THE CONVERSATION\n";
        let article = article(page);
        assert_eq!(article.body, vec!["Lord Abbett Bond Debenture Fund"]);
        assert_eq!(article.byline, None);
    }

    #[test]
    fn a_page_without_body_is_an_error() {
        let page = "date 2020-01-01 World\n\nTitle\n\nReuters\n\nJOIN THE CONVERSATION\n";
        assert!(parse(page, Path::new("x"))
            .unwrap_err()
            .contains("no story text"));
        assert!(parse("date 2020-01-01 World\n", Path::new("x"))
            .unwrap_err()
            .contains("no headline"));
    }

    #[test]
    fn tags_lines() {
        assert!(is_tags_line(", , , , ,"));
        assert!(is_tags_line("acq, usa, , , , "));
        assert!(is_tags_line("Tags: Japan, Russia"));
        assert!(is_tags_line("#Economy #Banking"));
        assert_eq!(parse_tags("#Economy #Banking"), ["Economy", "Banking"]);
        assert!(!is_tags_line("#1 seed wins again"));
        assert!(!is_tags_line("Net 226,653,000 vs 186,790,000"));
        assert!(!is_tags_line(
            "Officials said the plan, which was delayed, will proceed."
        ));
    }

    #[test]
    fn url_and_iso_date_time_header_lines() {
        let parsed = parse(
            "http://news.example.jp/article/detail/5903225/\n2011-10-02T10:00:00+0900\n川越シェフの悪評\n最近、テレビでも人気者の川越シェフ。\n\n二段落目。\n",
            Path::new("topic-news-5903225.txt"),
        )
        .unwrap();
        let article = &parsed.articles[0];
        assert_eq!(
            article.url.as_deref(),
            Some("http://news.example.jp/article/detail/5903225/")
        );
        assert_eq!(article.date, NaiveDate::from_ymd_opt(2011, 10, 2));
        assert_eq!(article.title, "川越シェフの悪評");
        assert_eq!(article.body.len(), 2);
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    }

    #[test]
    fn a_line_is_found_inside_small_and_large_pages_alike() {
        let line = b"the bike track for women is as long as 2,500 meters";
        for filler in [10, 100_000] {
            let mut page = "x".repeat(filler).into_bytes();
            assert!(!holds(&page, line));
            page.extend_from_slice(b"\nand the bike track for women is as long as 2,500 meters.");
            assert!(holds(&page, line), "{filler}");
            assert!(!holds(&page, b"the bike track for men"), "{filler}");
        }
    }

    #[test]
    fn body_only_files_take_the_headline_from_their_name_and_lose_repeats() {
        let opening = "TEHRAN – A bike lane stretching to 9,300 meters will be built around the stadium, the district mayor has said on Saturday at a ceremony.";
        let rest = "The bike track for women is as long as 2,500 meters, he noted, and more lanes will follow next year across the district.";
        let text = format!(
            "{opening} {rest} FB/MG All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.\n                  {rest} FB/MG All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.\n"
        );
        let parsed = parse(
            &text,
            Path::new(
                "data/_news_437847_9-000-meter-bike-lane-to-be-set-up-around-Azadi-Stadium.txt",
            ),
        )
        .unwrap();
        let article = &parsed.articles[0];
        assert_eq!(
            article.title,
            "9 000 meter bike lane to be set up around Azadi Stadium"
        );
        assert_eq!(article.body, vec![format!("{opening} {rest}")]);
        // No usable name: the opening words stand in for the headline.
        let nameless = parse(&"word ".repeat(100), Path::new("0042.txt")).unwrap();
        assert_eq!(nameless.articles[0].title, "word ".repeat(12).trim_end());
        let quoted = "TEHRAN - The leader called it the year of \"resistance and jobs.\"  All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.";
        let mut paragraph = quoted.to_string();
        strip_trailing_notice(&mut paragraph);
        assert_eq!(
            paragraph,
            "TEHRAN - The leader called it the year of \"resistance and jobs.\""
        );
    }
}
