//! Page furniture: everything a scraped page prints around and inside a story
//! that is not the story — navigation, headings of other stories' lists and
//! their teasers, plugs and ads, bylines and signatures, publication stamps,
//! photo captions and credits, tags. One file per kind; the page-dump reader
//! and the HTML reader both ask here, so teaching morgue one more newsletter
//! plug or byline shape is one edit in one place.

use aho_corasick::{AhoCorasick, Anchored, Input, StartKind};

pub(crate) mod bylines;
pub(crate) mod captions;
pub(crate) mod chrome;
pub(crate) mod plugs;
pub(crate) mod stamps;
pub(crate) mod tags;
pub(crate) mod vocabulary;

/// What one line of a page's extracted text is, and so where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// A heading of the page's chrome ("Related stories", "Most read"):
    /// other stories' teasers may follow it.
    ChromeHeading,
    /// A photo's caption, told by its credit or its label.
    Caption,
    /// Page furniture dropped where it stands: a labelled tag line, a
    /// "click here" button, a plug or a link to another story.
    Dropped,
    /// Story text, as far as the line alone can tell.
    Story,
}

/// Judges one line of text extracted from a page, asking the rules of each
/// kind of furniture in turn: chrome first, then captions (so a credited
/// caption that opens like a plug stays a caption), then what is dropped.
pub(crate) fn judge(line: &str) -> Verdict {
    if chrome::is_chrome_line(line) {
        Verdict::ChromeHeading
    } else if captions::is_photo_credit(line) || captions::is_credited_caption(line) {
        Verdict::Caption
    } else if tags::is_labelled_tag_line(line)
        || plugs::is_call_to_action(line)
        || plugs::is_plug(line)
    {
        Verdict::Dropped
    } else {
        Verdict::Story
    }
}

/// An automaton that tells whether a text opens with one of `phrases`,
/// ignoring ASCII case: how the rules match a vocabulary of openings, all
/// at once, on every line of every page.
fn openings<'a>(phrases: impl IntoIterator<Item = &'a str>) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .start_kind(StartKind::Anchored)
        .build(phrases)
        .expect("a few dozen short phrases always build an automaton")
}

/// Whether `text` opens with one of the automaton's phrases.
fn opens_with(openings: &AhoCorasick, text: &str) -> bool {
    openings
        .find(Input::new(text).anchored(Anchored::Yes))
        .is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_gets_the_verdict_of_its_kind() {
        for (line, verdict) in [
            ("Related stories", Verdict::ChromeHeading),
            ("Copyright 2020 Kyodo News", Verdict::ChromeHeading),
            (
                "Firefighters on the ridge on Monday. © Reuters / Jane Doe",
                Verdict::Caption,
            ),
            ("Tags: floods, Kyushu", Verdict::Dropped),
            ("Sign up for our morning briefing", Verdict::ChromeHeading),
            ("Download our app for the latest news", Verdict::Dropped),
            ("Click here to download the app", Verdict::Dropped),
            (
                "The river rose two metres overnight and the town's bridge closed.",
                Verdict::Story,
            ),
        ] {
            assert_eq!(judge(line), verdict, "{line}");
        }
    }
}
