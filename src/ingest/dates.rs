//! Dates as scrapers write them, read into publication days. Shared by every
//! format: a page's date line, a JSON field, a feed's RFC 2822 stamp.

use chrono::{DateTime, Datelike, NaiveDate};

/// Reads a date written in any common form: ISO-8601 (`2019-12-10`, with or
/// without a time and offset, in which case the day is the one written, in
/// the writer's own time zone), RFC 2822 (`Tue, 10 Dec 2019 14:30:00 +0900`),
/// Unix seconds or milliseconds, and the forms of [`parse_date_text`].
pub(super) fn parse_any_date(text: &str) -> Option<Result<NaiveDate, String>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(moment) = DateTime::parse_from_rfc3339(text) {
        return Some(plausible(moment.date_naive()));
    }
    if let Ok(moment) = DateTime::parse_from_rfc2822(text) {
        return Some(plausible(moment.date_naive()));
    }
    if let Some(date) = unix_time(text) {
        return Some(date);
    }
    // "2019-12-10 14:30:00", "2019-12-10T14:30:00Z"-like forms chrono did not take.
    let day = text.get(..10).filter(|day| looks_like_iso_date(day));
    parse_date_text(day.unwrap_or(text))
}

/// Seconds (or milliseconds) since 1970, as 9 to 13 digits.
fn unix_time(text: &str) -> Option<Result<NaiveDate, String>> {
    let digits = text.split('.').next()?;
    if !(9..=13).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut seconds: i64 = digits.parse().ok()?;
    if digits.len() > 11 {
        seconds /= 1000;
    }
    DateTime::from_timestamp(seconds, 0).map(|moment| plausible(moment.date_naive()))
}

/// Parses the date forms scrapers write. `Some(Err)` is a date-shaped token that
/// names no real day (2019-02-30) or an implausible year; `None` is not a date.
pub(super) fn parse_date_text(text: &str) -> Option<Result<NaiveDate, String>> {
    const FORMATS: &[&str] = &[
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%d.%m.%Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%d %B %Y",
        "%d %b %Y",
        "%A, %B %d, %Y",
    ];
    let text = text.trim_end_matches(',');
    let day_part = match text.find(['T', 't']) {
        Some(10) if text.as_bytes()[4] == b'-' && !text.contains(char::is_whitespace) => {
            &text[..10]
        }
        _ => text,
    };
    let parsed = iso_day(day_part)
        .or_else(|| {
            letters_may_name_a_day(day_part).then(|| {
                FORMATS
                    .iter()
                    .find_map(|format| NaiveDate::parse_from_str(day_part, format).ok())
            })?
        })
        .or_else(|| compact_date(day_part));
    match parsed {
        Some(date) => Some(plausible(date)),
        None if looks_like_iso_date(day_part) => Some(Err(format!("impossible date '{day_part}'"))),
        None => None,
    }
}

/// `2019-12-10` read directly: the form nearly every dump's date takes, which
/// chrono's format parser would re-read its format string for.
fn iso_day(text: &str) -> Option<NaiveDate> {
    if !looks_like_iso_date(text) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// Whether every run of letters in `text` could be a month or a weekday:
/// the only words the formats above read (the rest of a format is digits and
/// punctuation). A page's first line is tried as a date with up to four of
/// its words, and a headline word rules a try out before ten format parses.
fn letters_may_name_a_day(text: &str) -> bool {
    const NAMES: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon",
        "tue", "wed", "thu", "fri", "sat", "sun",
    ];
    text.split(|ch: char| !ch.is_alphabetic())
        .filter(|run| !run.is_empty())
        .all(|run| {
            run.get(..3)
                .is_some_and(|head| NAMES.iter().any(|name| head.eq_ignore_ascii_case(name)))
        })
}

/// `20191210`, as some scrapers name and date files.
fn compact_date(text: &str) -> Option<NaiveDate> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(text, "%Y%m%d").ok()
    } else {
        None
    }
}

fn looks_like_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(at, b)| at == 4 || at == 7 || b.is_ascii_digit())
}

/// Newspapers have printed since the 1600s; a date past next year is a scraper bug.
pub(super) fn plausible(date: NaiveDate) -> Result<NaiveDate, String> {
    let next_year = chrono::Local::now().year() + 1;
    if (1600..=next_year).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!("implausible date {date}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<NaiveDate> {
        parse_any_date(text).and_then(Result::ok)
    }

    #[test]
    fn every_common_form() {
        let expected = NaiveDate::from_ymd_opt(2019, 12, 10);
        for text in [
            "2019-12-10",
            "2019-12-10T23:30:00+09:00",
            "2019-12-10T14:30:00Z",
            "2019-12-10 14:30:00",
            "2019-12-10T14:30:00.123",
            "Tue, 10 Dec 2019 14:30:00 +0900",
            "1575936000",
            "1575936000000",
            "December 10, 2019",
            "Tuesday, December 10, 2019",
            "Dec. 10, 2019",
            "10 Dec 2019",
            "2019/12/10",
        ] {
            assert_eq!(day(text), expected, "{text}");
        }
        // The day as written where it was written, not as in UTC.
        assert_eq!(day("2019-12-10T01:00:00+09:00"), expected);
    }

    #[test]
    fn impossible_and_implausible_dates_are_errors_and_words_are_not_dates() {
        assert!(matches!(parse_any_date("2019-02-30"), Some(Err(_))));
        assert!(matches!(parse_any_date("2999-01-01"), Some(Err(_))));
        assert_eq!(parse_any_date("yesterday"), None);
        assert_eq!(parse_any_date(""), None);
        assert_eq!(parse_any_date("12345"), None);
    }
}
