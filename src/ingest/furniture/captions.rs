//! This story's photo captions, told from story text: labelled captions,
//! short texts ending in a picture credit, and the photo blocks of the page.

use super::chrome::is_chrome_heading;
use super::vocabulary::{phrases, Role::*};
use crate::ingest::after_lead;
use crate::ingest::shape::{ends_sentence, words};

/// A paragraph that is a photo's caption: introduced as one ("Photo: …",
/// "Caption: …"), or a sentence or two ending with the picture's credit
/// ("… on Monday. | REUTERS", "… (AP Photo/Jane Doe)", "… Photograph: Jane
/// Doe/AFP"). Story text with a credit glued to its end (scrapers join a
/// caption to the paragraph before it) stays story: only a short text
/// before a credit is taken for a caption.
pub(crate) fn is_credited_caption(paragraph: &str) -> bool {
    const CAPTION_CHARS: usize = 300;
    let bytes = paragraph.as_bytes();
    let opens_as_caption = phrases(CaptionOpening).iter().any(|opening| {
        bytes.len() > opening.len()
            && bytes[..opening.len()].eq_ignore_ascii_case(opening.as_bytes())
    });
    if opens_as_caption {
        return paragraph.chars().count() <= CAPTION_CHARS + 100;
    }
    let caption_before = |said: &str, sentences: usize| {
        let said = said.trim_end();
        ends_sentence(said)
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
        phrases(CreditLead).iter().any(|credit| {
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
pub(crate) fn sentence_breaks(text: &str) -> usize {
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

pub(crate) fn is_photo_heading(line: &str) -> bool {
    let lower = line.trim_end_matches(':').to_lowercase();
    phrases(PhotoHeading).contains(&lower.as_str())
}

/// Lines inside a photo block that are widget text, not captions.
pub(crate) fn is_photo_widget(line: &str) -> bool {
    let lower = line.to_lowercase();
    // A button of one word is one only as a whole line ("Enlarge"; an
    // enlarged view is a caption).
    lower == "enlarge"
        || phrases(PhotoWidget)
            .iter()
            .any(|phrase| lower.contains(phrase))
}

/// Captions are the lines of the photo block(s); every other chrome block
/// (teasers, plugs) is dropped whole, captions of teased stories included.
pub(crate) fn photo_captions(chrome: &[&str]) -> Vec<String> {
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

/// Drops the label a screen reader's caption carries ("Image caption:
/// Naomi Osaka lights the cauldron" keeps what the picture shows).
pub(crate) fn without_caption_label(caption: &mut String) {
    let Some(shown) = phrases(CaptionLabel)
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

/// A photo credit, and so the caption it ends: "… © Reuters / David Mercado",
/// "… (credit: NASA)", "… [File: Reuters]". A line opening with © is the
/// page's copyright footer instead.
pub(crate) fn is_photo_credit(line: &str) -> bool {
    let lower = line.to_lowercase();
    words(line).count() <= 40
        && ((line.contains('©') && !line.trim_start().starts_with('©'))
            || phrases(CreditMark).iter().any(|mark| lower.contains(mark)))
}
