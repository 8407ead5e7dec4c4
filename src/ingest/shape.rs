//! The shapes of lines that more than one reader asks about: whether a line
//! ends as a headline may and whether it reads as one.

/// How many words a headline has: "Floods close the coast road" is five; a
/// one-word line is a label or a dateline, not a story's headline.
const HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 2..=20;

/// The marks a sentence ends with, in Latin and CJK text.
const STOPS: [char; 6] = ['.', '!', '?', '。', '！', '？'];

/// What may follow a sentence's stop: closing quotes and brackets.
const CLOSERS: [char; 8] = ['"', '”', '’', '\'', ')', '»', '」', '』'];

/// Whether a text ends a sentence: with a stop, and nothing after it but
/// closing quotes and brackets ("… she said.”", "… (Reuters)." , "…です。」").
/// Every rule that asks whether text ends as prose does asks this.
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(CLOSERS).ends_with(STOPS)
}

/// Whether a character may be the last of a run of prose: a stop, or a
/// quote or bracket closing one.
pub(super) fn ends_prose(ch: char) -> bool {
    STOPS.contains(&ch) || CLOSERS.contains(&ch)
}

/// Whether a line ends as a headline or a heading may, not as a sentence or a
/// list item does.
pub(super) fn unpunctuated(line: &str) -> bool {
    !line.ends_with(['.', ',', ';', ':', '!', '"', '”', ')'])
}

/// Whether a line is mostly words, not figures: "Shr 10 cts vs 9 cts" lines
/// are a table.
pub(super) fn wordy(line: &str) -> bool {
    let (words, lettered) = line
        .split_whitespace()
        .fold((0, 0), |(words, lettered), word| {
            (
                words + 1,
                lettered + usize::from(word.starts_with(char::is_alphabetic)),
            )
        });
    lettered * 4 >= words * 3
}

/// Whether a line reads as a headline: short, capitalised, mostly words, and
/// not ending as a sentence does.
pub(super) fn reads_as_headline(line: &str) -> bool {
    line.len() <= 200
        && unpunctuated(line)
        && line.starts_with(char::is_uppercase)
        && !line.contains(':')
        && HEADLINE_WORDS.contains(&line.split_whitespace().count())
        && wordy(line)
}

/// The words of a text: what lies between characters that are not letters or digits.
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_and_what_is_not_one() {
        for headline in [
            "BAHIA COCOA REVIEW",
            "Floods close the coast road",
            "Is the euro finished?",
        ] {
            assert!(reads_as_headline(headline), "{headline}");
        }
        for line in [
            "WASHINGTON",
            "It was a cold morning when the boats came in.",
            "Shr 12 cts vs 10 cts",
            "the ministry said on monday",
            "Editor's note: this story has been updated",
        ] {
            assert!(!reads_as_headline(line), "{line}");
        }
    }
}
