//! Bylines and signatures: who wrote a story or which wire sent it, at its
//! head ("By Jane Doe", "Kyodo") or its foot ("Reporting by …").

use super::stamps::is_page_stamp;
use super::vocabulary::{phrases, Role::*};
use crate::ingest::after_lead;
use crate::ingest::shape::ends_sentence;

/// A line that can only be a byline: a wire's name, or "By …".
pub(crate) fn is_wire_or_by(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    phrases(Wire).contains(&lower.as_str())
        || (after_byline_lead(line).is_some() && is_byline(line))
}

/// A byline is short and unpunctuated: "Kyodo", "By Jane Doe", "Jane Doe,
/// Reuters", "JANE DOE". A short first paragraph such as "Qtly div 10 cts" is
/// not one: it has digits and lowercase words.
pub(crate) fn is_byline(line: &str) -> bool {
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
        phrases(Wire).contains(name)
            || name.ends_with(" staff writer")
            || name
                .strip_suffix(" staff")
                .or_else(|| name.strip_suffix(" staff and agencies"))
                .is_some_and(|wire| phrases(Wire).contains(&wire))
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

/// The line without its byline lead, if it has one.
pub(crate) fn after_byline_lead(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    phrases(BylineLead)
        .iter()
        .find_map(|lead| after_lead(trimmed, lead))
        .map(str::trim)
}

/// The byline's names, without its lead and contact address: "By Kim
/// Ji-hoon (jhkim@heraldcorp.com)" gives "Kim Ji-hoon".
pub(crate) fn strip_by(line: &str) -> String {
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
pub(crate) fn without_stamps(byline: &str) -> String {
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
pub(crate) const BYLINE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " • ", " · ", " / "];

/// Who a signature at the foot of a story names: "By Jane Doe
/// (jdoe@paper.com)" or "Source: Al Jazeera and news agencies".
pub(crate) fn closing_credit(paragraph: &str) -> Option<String> {
    match after_lead(paragraph, "source:").map(str::trim) {
        Some(named) => (!named.is_empty() && named.chars().count() <= 80 && !ends_sentence(named))
            .then(|| named.to_string()),
        None => (after_byline_lead(paragraph).is_some() && is_byline(paragraph))
            .then(|| strip_by(paragraph)),
    }
}

/// The reporters a wire story's closing credit names ("Reporting by Ana
/// Ruiz and Li Wei; Editing by Tom Roe" gives "Ana Ruiz and Li Wei"). The
/// line stays story text: it is what the wire printed.
pub(crate) fn reporters_credit(paragraph: &str) -> Option<String> {
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
