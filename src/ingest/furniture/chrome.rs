//! Page chrome around a story: the navigation above its headline, the
//! headings of story lists and widgets ("LATEST … STORIES", "Related"),
//! blocks of teasers for other stories, and copyright footers. Where the
//! chrome starts, the story has ended.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::plugs::{is_interruption, is_plug};
use super::vocabulary::{phrases, Role::*};
use super::{openings, opens_with};
use crate::ingest::shape::{reads_as_headline, unpunctuated, wordy};

/// What a scraper may keep above the headline: a breadcrumb trail ("Home >
/// World > Europe") or a link for screen readers ("Skip to main content").
pub(crate) fn is_navigation(line: &str) -> bool {
    if line.len() > 120 {
        return false;
    }
    let bare = line.trim().trim_end_matches(['.', ':']);
    if phrases(Navigation)
        .iter()
        .any(|link| link.eq_ignore_ascii_case(bare))
    {
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

/// Whether a line is page chrome on its own: a heading of a story list or a
/// widget, or a copyright footer. Other formats cut their text at one too.
pub(crate) fn is_chrome_line(line: &str) -> bool {
    is_chrome_heading(line) || is_footer(line)
}

/// Where the page chrome starts in `lines[from..to]`, if anywhere.
pub(crate) fn find_chrome(lines: &[&str], from: usize, to: usize, teasers: bool) -> Option<usize> {
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
pub(crate) fn list_of_headlines(lines: &[&str], from: usize, to: usize) -> Option<usize> {
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
pub(crate) fn is_teaser_block(lines: &[&str]) -> bool {
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
pub(crate) fn is_chrome_heading(line: &str) -> bool {
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
    static FIRST_WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let first_words = FIRST_WORDS.get_or_init(|| {
        openings(
            [Heading, HeadingOpening, ListOpening]
                .into_iter()
                .flat_map(phrases)
                .map(|phrase| phrase.split(' ').next().unwrap_or_default()),
        )
    });
    let Some(first) = line.split_whitespace().next() else {
        return false;
    };
    if first.is_ascii() && !opens_with(first_words, first) {
        return false;
    }
    let lower = line.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    if phrases(Heading).contains(&lower.trim_end_matches(':')) {
        return true;
    }
    // Without spaces between words, a heading is one only when it is about
    // all there is on its line ("この記事を読んだ人におすすめ").
    let heads = |prefix: &&str| {
        lower.starts_with(prefix)
            && (prefix.is_ascii() || lower.chars().count() <= prefix.chars().count() + 10)
    };
    if words.len() <= 16 && phrases(HeadingOpening).iter().any(heads) {
        return true;
    }
    // "More from Business", "More from The Herald".
    if words.len() <= 5 && words.len() >= 3 && words[..2] == ["more", "from"] {
        return true;
    }
    words.len() <= 6
        && words
            .first()
            .is_some_and(|first| phrases(ListOpening).contains(first))
        && words
            .last()
            .is_some_and(|last| phrases(ListClosing).contains(last))
}

/// Copyright and rights lines close a page; no story paragraph is one.
pub(crate) fn is_footer(line: &str) -> bool {
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

/// Headings of a box of links to other stories or sites that stand on their
/// own line, the links on the lines under them ("Read more", "Related
/// links", "■関連リンク"): sites put such boxes between a story's sections.
pub(crate) fn is_link_heading(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    let line = line.trim_matches(|ch: char| !ch.is_alphanumeric());
    line.len() <= 20
        && phrases(LinkBoxHeading)
            .iter()
            .any(|heading| heading.eq_ignore_ascii_case(line))
}
