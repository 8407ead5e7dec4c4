//! What interrupts a story and is not part of it: advertisements,
//! newsletter and subscription plugs, boxes of links to other stories, and
//! licence notices glued to the last paragraph.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::chrome::{is_chrome_line, is_link_heading, is_teaser_block};
use super::vocabulary::{phrases, Role::*};
use super::{openings, opens_with};
use crate::ingest::shape::{ends_sentence, words};

/// Cuts a licence or copyright sentence off the end of the last paragraph,
/// where body-only dumps leave it ("… he concluded. All Content by … is
/// licensed under a Creative Commons Attribution 4.0 International License.").
pub(crate) fn strip_trailing_notice(paragraph: &mut String) {
    // ASCII lowercasing keeps every byte where it was, so offsets carry over.
    let lower = paragraph.to_ascii_lowercase();
    let Some(notice) = phrases(LicenceNotice)
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
pub(crate) fn last_sentence_end(text: &str) -> Option<usize> {
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

/// Lines some sites put inside a story where an advertisement or a widget
/// sits ("Advertisement", "Continue reading the main story"): the story goes
/// on after them.
pub(crate) fn is_interruption(line: &str) -> bool {
    let line = line.trim_end_matches([':', '.', ' ']);
    line.len() <= 40
        && phrases(Interruption)
            .iter()
            .any(|known| known.eq_ignore_ascii_case(line))
}

/// Lines inside a story that point away from it: a newsletter or app plug
/// ("Sign up for our morning newsletter", ">> Download our app"), or a link
/// to another story ("RELATED: Japan marks ten years since the disaster").
pub(crate) fn is_plug(line: &str) -> bool {
    // Every line of every page is asked: long lines are turned away first,
    // and the rest meet one automaton of every opening at once.
    static OPENINGS: OnceLock<AhoCorasick> = OnceLock::new();
    if line.len() > 200 {
        return false;
    }
    let line = line.trim_start_matches(|ch: char| !ch.is_alphanumeric());
    let plug_openings = OPENINGS.get_or_init(|| openings(phrases(PlugOpening).iter().copied()));
    opens_with(plug_openings, line)
        && !line.ends_with(['.', '"', '”'])
        && line.split_whitespace().count() <= 20
}

/// Blanks each interruption (an advertisement marker, a plug, a link to
/// another story with its headline) that story text follows, so that it
/// neither ends the story nor becomes a paragraph of it; one that only
/// chrome follows stays, and the story ends there.
pub(crate) fn skip_interruptions(lines: &mut [&str]) {
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
            && ends_sentence(&text)
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
pub(crate) fn interruption_end(lines: &[&str], at: usize) -> Option<usize> {
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
pub(crate) const MAX_LINKS_IN_A_BOX: usize = 5;

/// "Click here to …" lines: the page's buttons and app plugs.
pub(crate) fn is_call_to_action(line: &str) -> bool {
    words(line).count() <= 25 && {
        let lower = line.to_lowercase();
        phrases(CallToAction)
            .iter()
            .any(|phrase| lower.contains(phrase))
    }
}
