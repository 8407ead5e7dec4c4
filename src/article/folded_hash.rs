//! Hashing text as a story's identity reads it: case and spacing folded, so
//! that a re-flowed or re-cased copy hashes alike. Kept apart from the domain
//! types because it is tuned for speed (every story is hashed this way two or
//! three times per build; measured in docs/BENCHMARKS.md).

use chrono::{Datelike, NaiveDate};

/// Feeds `text` to the hasher lowercased with runs of whitespace folded to one
/// space, so that re-flowed or re-cased copies of a story hash alike. Every
/// story is hashed this way two or three times per build, so text is folded
/// through a small buffer instead of word by word into a string.
pub(crate) fn hash_folded(hasher: &mut blake3::Hasher, text: &str) {
    let mut buffer = FoldBuffer {
        hasher,
        bytes: [0; 1024],
        len: 0,
        begun: false,
    };
    let bytes = text.as_bytes();
    // Most paragraphs are spaced once already: folding them is lowercasing
    // them, which runs on whole slices.
    if is_spaced_once(text) {
        buffer.push_lowercase(bytes);
        buffer.flush();
        return;
    }
    // `char::is_whitespace` on ASCII: tab to carriage return, and space.
    let is_space = |byte: u8| matches!(byte, b'\t'..=b'\r' | b' ');
    let mut space_due = false;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if is_space(byte) {
            space_due = buffer.begun;
            at += 1;
            continue;
        }
        if byte.is_ascii() {
            let end = bytes[at..]
                .iter()
                .position(|&byte| !byte.is_ascii() || is_space(byte))
                .map_or(bytes.len(), |length| at + length);
            buffer.space_if(&mut space_due);
            buffer.push_lowercase(&bytes[at..end]);
            at = end;
            continue;
        }
        let Some(ch) = text[at..].chars().next() else {
            break;
        };
        at += ch.len_utf8();
        if ch.is_whitespace() {
            space_due = buffer.begun;
            continue;
        }
        buffer.space_if(&mut space_due);
        for lower in ch.to_lowercase() {
            buffer.push_lowercase(lower.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    buffer.flush();
}

/// Whether text is ASCII with one space between words and none at its ends:
/// most news text, which folding whitespace leaves as it is (so hashing and
/// spacing it can take it whole).
pub(crate) fn is_spaced_once(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Branch-free over the bytes: no other whitespace, nothing beyond ASCII.
    let unusual = bytes.iter().fold(false, |unusual, &byte| {
        unusual | !byte.is_ascii() | matches!(byte, b'\t'..=b'\r')
    });
    !unusual
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && memchr::memmem::find(bytes, b"  ").is_none()
}

/// Folded bytes on their way to a hasher (one `update` per kilobyte, not
/// per word).
struct FoldBuffer<'h> {
    hasher: &'h mut blake3::Hasher,
    bytes: [u8; 1024],
    len: usize,
    /// Whether a word has been pushed: spaces go between words only.
    begun: bool,
}

impl FoldBuffer<'_> {
    /// Appends bytes with ASCII letters lowercased (other bytes as they are).
    fn push_lowercase(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() {
            if self.len == self.bytes.len() {
                self.flush();
            }
            let take = bytes.len().min(self.bytes.len() - self.len);
            let room = &mut self.bytes[self.len..self.len + take];
            room.copy_from_slice(&bytes[..take]);
            room.make_ascii_lowercase();
            self.len += take;
            bytes = &bytes[take..];
        }
        self.begun = true;
    }

    /// The one space between two words, owed since the last word ended.
    fn space_if(&mut self, due: &mut bool) {
        if std::mem::take(due) {
            self.push_lowercase(b" ");
        }
    }

    fn flush(&mut self) {
        self.hasher.update(&self.bytes[..self.len]);
        self.len = 0;
    }
}

/// Feeds a day to the hasher as `YYYY-MM-DD` (what `NaiveDate`'s `Display`
/// writes for the years news is from), without a formatter per story.
pub(crate) fn hash_day(hasher: &mut blake3::Hasher, day: NaiveDate) {
    let (year, month, date) = (day.year(), day.month(), day.day());
    if !(0..=9999).contains(&year) {
        hasher.update(day.to_string().as_bytes());
        return;
    }
    let year = year as u32;
    let text = [
        b'0' + (year / 1000 % 10) as u8,
        b'0' + (year / 100 % 10) as u8,
        b'0' + (year / 10 % 10) as u8,
        b'0' + (year % 10) as u8,
        b'-',
        b'0' + (month / 10) as u8,
        b'0' + (month % 10) as u8,
        b'-',
        b'0' + (date / 10) as u8,
        b'0' + (date % 10) as u8,
    ];
    hasher.update(&text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_streams_what_splitting_into_lowercased_words_gives() {
        let reference = |text: &str| {
            let words: Vec<String> = text
                .split_whitespace()
                .map(|word| word.chars().flat_map(char::to_lowercase).collect())
                .collect();
            blake3::hash(words.join(" ").as_bytes())
        };
        let long = "Word ".repeat(700);
        for text in [
            "",
            "   ",
            " Motegi  WILL\tvisit\n\nMoscow. ",
            "\u{a0}Élysée\u{2003}ΣΟΦΙΑ İstanbul\u{0b}x ",
            "東京 都庁\r\nend",
            "Plain Text Of A Story, Spaced As Most Are.",
            "Split\tby a tab,\na newline\rand\x0bothers",
            long.as_str(),
            long.trim_end(),
        ] {
            let mut hasher = blake3::Hasher::new();
            hash_folded(&mut hasher, text);
            assert_eq!(hasher.finalize(), reference(text), "{text:?}");
        }
    }

    #[test]
    fn days_hash_as_they_display() {
        for (year, month, day) in [
            (1987, 3, 1),
            (2019, 12, 31),
            (33, 1, 9),
            (-44, 3, 15),
            (12000, 1, 1),
        ] {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                continue;
            };
            let mut hasher = blake3::Hasher::new();
            hash_day(&mut hasher, date);
            assert_eq!(hasher.finalize(), blake3::hash(date.to_string().as_bytes()));
        }
    }
}
