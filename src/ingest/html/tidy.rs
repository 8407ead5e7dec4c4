//! What the extractor leaves around a story on a real page, taken off its
//! lines: the headline printed again above the text, dateline and byline
//! lines, "related" headings with the teaser lists under them, photo credits
//! (kept as captions), tag lines and call-to-action lines. Each rule
//! was measured on news-html-aeb (docs/BENCHMARKS.md) and is written for news
//! pages in general, in any language the rule can see.

use super::super::furniture::{judge, Verdict};
use super::super::shape::{ends_sentence, words};
use super::folded_words;

/// A story's paragraphs and the photo captions found among them.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Tidied {
    pub(super) body: Vec<String>,
    pub(super) captions: Vec<String>,
}

/// Sorts extracted lines into the story, its captions and what is dropped.
/// `headline` and `byline` are the page's own, from its metadata;
/// `figure_captions` are the page's marked captions, which come first and
/// which a line repeating one of them is not story.
pub(super) fn tidy(
    lines: Vec<String>,
    headline: &str,
    byline: &[String],
    figure_captions: Vec<String>,
) -> Tidied {
    let marked: Vec<String> = figure_captions
        .iter()
        .map(|caption| folded_words(caption).join(" "))
        .collect();
    let within_marked = |line: &str| {
        let line = folded_words(line).join(" ");
        line.len() >= 20 && marked.iter().any(|caption| caption.contains(&line))
    };
    let mut tidied = Tidied {
        body: Vec::new(),
        captions: figure_captions,
    };
    let mut lines = lines.into_iter().peekable();
    while let Some(line) = lines.next() {
        match judge(&line) {
            Verdict::ChromeHeading => {
                // The heading and the teaser list under it; the story resumes
                // at the first line that reads like prose.
                while lines.next_if(|next| is_list_item(next)).is_some() {}
            }
            // A figure's caption again, already kept as one.
            _ if within_marked(&line) => {}
            Verdict::Caption => tidied.captions.push(line),
            Verdict::Dropped => {}
            Verdict::Story => tidied.body.push(line),
        }
    }
    drop_story_list_items(&mut tidied.body);
    drop_repeated_headline(&mut tidied.body, headline);
    drop_edge_lines(&mut tidied.body, |line| is_dateline_or_byline(line, byline));
    tidied
}

fn word_count(line: &str) -> usize {
    words(line).count()
}

/// A paragraph of the story rather than an item of a list of links.
fn is_prose(line: &str) -> bool {
    let count = word_count(line);
    count >= 15 || (count >= 8 && ends_sentence(line))
}

/// A line of a list of links: short, and not a piece of hard-wrapped prose
/// (which opens in lower case or breaks at a comma).
fn is_list_item(line: &str) -> bool {
    !is_prose(line)
        && !line.chars().next().is_some_and(char::is_lowercase)
        && !line.ends_with([',', ';'])
}

/// Removes the headline when the page prints it again as the first line (or
/// the second, under a kicker).
fn drop_repeated_headline(lines: &mut Vec<String>, headline: &str) {
    let headline = folded_words(headline);
    let is_headline = |line: &str| {
        let line_words = folded_words(line);
        let shared = line_words
            .iter()
            .filter(|word| headline.contains(word))
            .count();
        !line_words.is_empty()
            && !ends_sentence(line)
            && shared * 5 >= line_words.len() * 4
            && line_words.len() <= headline.len() + 4
    };
    if let Some(at) = lines.iter().take(2).position(|line| is_headline(line)) {
        lines.remove(at);
    }
}

/// Removes up to three lines from each end of the story that `is_edge` marks.
fn drop_edge_lines(lines: &mut Vec<String>, is_edge: impl Fn(&str) -> bool) {
    for _ in 0..3 {
        if lines.len() > 1 && is_edge(&lines[0]) {
            lines.remove(0);
        }
        if lines.len() > 1 && lines.last().is_some_and(|line| is_edge(line)) {
            lines.pop();
        }
    }
}

/// A short line giving the story's date, time or author: "By admin -
/// 2018-09-16", "Nov 20 2019, 11:06am ist", "Updated at 1:23 p.m.", "REUTERS".
fn is_dateline_or_byline(line: &str, byline: &[String]) -> bool {
    let line_words: Vec<&str> = words(line).collect();
    if line_words.is_empty() || line_words.len() > 14 {
        return false;
    }
    // Sentences, and the attribution lines of quoted posts ("— Name (@name)
    // October 9, 2018"), are the story's.
    if (line.split_whitespace().count() >= 6 && ends_sentence(line)) || line.contains('@') {
        return false;
    }
    let lower = line.trim_start().to_lowercase();
    let opens_byline = ["by ", "por ", "von ", "par ", "di ", "door "]
        .iter()
        .any(|by| lower.starts_with(by));
    let names_author = byline.iter().any(|author| {
        let author = folded_words(author);
        !author.is_empty()
            && author.iter().all(|name| {
                line_words
                    .iter()
                    .any(|word| word.eq_ignore_ascii_case(name))
            })
    });
    opens_byline || names_author || has_date_or_time(line, &line_words)
}

/// A written date or clock time: 05/10/2018, 2019-04-10, 11:06, or a year
/// beside a day number ("19 NOV 2019", "November 19, 2019").
fn has_date_or_time(line: &str, line_words: &[&str]) -> bool {
    let bytes = line.as_bytes();
    let digits_at = |at: usize| bytes.get(at).is_some_and(u8::is_ascii_digit);
    let clock = (1..bytes.len())
        .any(|at| bytes[at] == b':' && digits_at(at - 1) && digits_at(at + 1) && digits_at(at + 2));
    let numeric_date = line.split_whitespace().any(|token| {
        let parts: Vec<&str> = token
            .trim_matches(|c: char| !c.is_ascii_digit())
            .split(['/', '-', '.'])
            .collect();
        parts.len() == 3
            && parts.iter().all(|part| {
                matches!(part.len(), 1 | 2 | 4) && part.bytes().all(|b| b.is_ascii_digit())
            })
    });
    let is_year = |word: &&str| {
        word.len() == 4
            && (word.starts_with("19") || word.starts_with("20"))
            && word.bytes().all(|b| b.is_ascii_digit())
    };
    let is_day = |word: &&str| {
        (1..=2).contains(&word.len()) && word.parse::<u8>().is_ok_and(|day| (1..=31).contains(&day))
    };
    clock || numeric_date || (line_words.iter().any(is_year) && line_words.iter().any(is_day))
}

/// Removes the items of story lists the extractor took in: a headline-length
/// line, then a byline ("By Reuters"), then a time stamp, as related-story
/// and "latest news" widgets print each teaser.
fn drop_story_list_items(lines: &mut Vec<String>) {
    let is_stamp = |line: &str| {
        line.chars().count() <= 40
            && line.chars().filter(char::is_ascii_digit).count() >= 6
            && !line.contains(". ")
    };
    let is_by = |line: &str| {
        line.chars().count() <= 60
            && line
                .get(..3)
                .is_some_and(|by| by.eq_ignore_ascii_case("by "))
    };
    let mut keep = vec![true; lines.len()];
    for at in 1..lines.len().saturating_sub(1) {
        if is_by(&lines[at]) && is_stamp(&lines[at + 1]) && lines[at - 1].chars().count() <= 150 {
            keep[at - 1] = false;
            keep[at] = false;
            keep[at + 1] = false;
        }
    }
    let mut flags = keep.into_iter();
    lines.retain(|_| flags.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_list_items_are_dropped() {
        let mut lines: Vec<String> = [
            "The story's own first paragraph, long enough to be a paragraph of text.",
            "Liberman: Both parties are to blame",
            "By JERUSALEM POST STAFF",
            "11/20/2019 01:14 PM",
            "Russia: strikes on Syria wrong move",
            "By REUTERS",
            "11/20/2019 10:08 AM",
            "By the end of the week, the talks resumed.",
        ]
        .map(String::from)
        .to_vec();
        drop_story_list_items(&mut lines);
        assert_eq!(
            lines,
            vec![
                "The story's own first paragraph, long enough to be a paragraph of text.",
                "By the end of the week, the talks resumed."
            ]
        );
    }

    fn lines(text: &[&str]) -> Vec<String> {
        text.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn page_furniture_goes_and_the_story_stays() {
        let page = lines(&[
            "Port strike ends after talks",
            "By Ana Ruiz - 2021-05-04",
            "Dockworkers returned to work on Tuesday after union leaders and the port authority agreed on a new contract.",
            "Cranes stand idle at the main terminal. © Harbor Times / Lee Park",
            "Related: Port strike talks collapse",
            "You may also be interested in...",
            "Ferry fares to rise next spring",
            "New bridge opens to traffic",
            "Union members are expected to vote on the agreement next week, and both sides said it would pass.",
            "Tags: ports, labor",
            "Click here to get our app",
            "Updated at 1:23 p.m.",
        ]);
        let tidied = tidy(
            page,
            "Port strike ends after talks",
            &["Ana Ruiz".to_string()],
            Vec::new(),
        );
        assert_eq!(
            tidied.body,
            lines(&[
                "Dockworkers returned to work on Tuesday after union leaders and the port authority agreed on a new contract.",
                "Union members are expected to vote on the agreement next week, and both sides said it would pass.",
            ])
        );
        assert_eq!(
            tidied.captions,
            lines(&["Cranes stand idle at the main terminal. © Harbor Times / Lee Park"])
        );
    }

    #[test]
    fn hard_wrapped_prose_after_a_heading_is_kept() {
        let page = lines(&[
            "Photos",
            "which were released online and are making the rounds on social",
            "media, show the actress in a new light.",
            "Short line",
        ]);
        let tidied = tidy(page, "Actress stuns in new photos", &[], Vec::new());
        assert_eq!(
            tidied.body[0],
            "which were released online and are making the rounds on social"
        );
        assert_eq!(tidied.body.len(), 3);
    }

    #[test]
    fn dates_and_bylines_are_told_from_story_lines() {
        for dateline in [
            "Updated at 1:23 p.m.",
            "Nov 20 2019, 11:06am ist",
            "19 NOV 2019",
            "05/10/2018 - Publicado por: Clarissa Borba",
            "segunda-feira, 22 de janeiro de 2018 às 0:13",
            "REUTERS",
        ] {
            assert!(
                is_dateline_or_byline(dateline, &["Reuters".to_string()]),
                "{dateline}"
            );
        }
        for story in [
            "— The Senate (@senate) October 9, 2018",
            "Call 02-751-1500 for tickets",
            "The 2018 festival opens on Friday with a parade through the old town.",
            "Calendar for 2018",
        ] {
            assert!(!is_dateline_or_byline(story, &[]), "{story}");
        }
    }
}
