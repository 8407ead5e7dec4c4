//! The tags line under a story: its topic tags, comma-separated or as
//! hashtags.

use super::vocabulary::{phrases, Role::TagLabel};

/// A tags line closes the page: comma-separated short labels, often with empty
/// slots ("acq, usa, , , ,"), or introduced by a label ("Tags:", "Filed
/// under:").
pub(crate) fn is_tags_line(line: &str) -> bool {
    if hashtags(line).is_some() {
        return true;
    }
    if is_labelled_tag_line(line) {
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
pub(crate) fn hashtags(line: &str) -> Option<Vec<String>> {
    line.split_whitespace()
        .map(|word| {
            word.strip_prefix('#')
                .filter(|tag| tag.starts_with(char::is_alphabetic))
                .map(|tag| tag.trim_end_matches([',', ';']).to_string())
        })
        .collect::<Option<Vec<String>>>()
        .filter(|tags| !tags.is_empty())
}

pub(crate) fn parse_tags(line: &str) -> Vec<String> {
    if let Some(tags) = hashtags(line) {
        return tags;
    }
    let list = if is_labelled_tag_line(line) {
        line.split_once([':', '：']).map_or(line, |(_, rest)| rest)
    } else {
        match line.split_once(':') {
            Some((label, rest)) if label.split_whitespace().count() == 1 => rest,
            _ => line,
        }
    };
    list.split(',')
        .map(str::trim)
        .filter(|tag| !tag.is_empty())
        .map(str::to_string)
        .collect()
}

/// "Tags: …", "Filed under: …": the page's index terms, not its text.
pub(crate) fn is_labelled_tag_line(line: &str) -> bool {
    let lower = line.to_lowercase();
    phrases(TagLabel).iter().any(|label| {
        lower
            .strip_prefix(label)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
    })
}
