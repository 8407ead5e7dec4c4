//! Publication stamps: the lines a page prints above or below a story
//! ("Published 10 Dec 2019", "Updated 3:05 p.m.", "Print edition") that say
//! when, not what.

use super::vocabulary::{phrases, Role::*};
use crate::ingest::dates::parse_date_text;

/// A line a page shows above its story that is not story text: when it was
/// published or updated ("Published: Dec. 10, 2019 at 5:00 p.m.", "Updated 3
/// hours ago", "10 December 2019 14:32 GMT") or how long it takes to read
/// ("5 min read").
pub(crate) fn is_page_stamp(paragraph: &str) -> bool {
    // "Posted: June 18, 2018 9:45 AM | Updated: June 18, 2018 1:12 PM".
    if paragraph.contains(" | ") {
        return paragraph.chars().count() <= 160
            && paragraph
                .split(" | ")
                .all(|part| part.trim().is_empty() || is_page_stamp(part));
    }
    // Taken off one word at a time: "Last updated on", "First published",
    // "Sat 4 Jul 2020".
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
        .is_some_and(|word| phrases(StampLead).contains(&bare(word)))
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
            || phrases(StampTimeWord).contains(&bare)
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
pub(crate) fn is_publication_stamp(paragraph: &str) -> bool {
    // Every paragraph is asked: most are turned away on their first letter,
    // which opens a word saying so or one qualifying it ("First published").
    let opens_as_stamp = paragraph.as_bytes().first().is_some_and(|first| {
        [StampSaysSo, StampQualifier]
            .into_iter()
            .flat_map(phrases)
            .any(|word| word.as_bytes().first() == Some(&first.to_ascii_lowercase()))
    });
    if !opens_as_stamp || paragraph.len() > 100 {
        return false;
    }
    paragraph.split_whitespace().take(2).any(|word| {
        let word = word.trim_end_matches(':');
        phrases(StampSaysSo)
            .iter()
            .any(|says| word.eq_ignore_ascii_case(says))
    }) && is_page_stamp(paragraph)
}
