//! Dates as scrapers write them, read into publication days. Shared by every
//! format: a page's date line, a JSON field, a feed's RFC 2822 stamp.

use chrono::{DateTime, Datelike, NaiveDate};

/// Reads a date written in any common form: ISO-8601 (`2019-12-10`, with or
/// without a time and offset, in which case the day is the one written, in
/// the writer's own time zone), RFC 2822 (`Tue, 10 Dec 2019 14:30:00 +0900`),
/// Unix seconds or milliseconds, and the forms of [`parse_date_text`].
/// A day and month written as numbers ("12/10/2019", "25-12-2019") are read
/// in `order`, the one the rest of the file uses.
pub(super) fn parse_any_date(text: &str, order: DayOrder) -> Option<Result<NaiveDate, String>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(date) = text
        .split_whitespace()
        .next()
        .and_then(|first| numeric_day(first, order))
    {
        return Some(date);
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
        .or_else(|| compact_date(day_part))
        .or_else(|| east_asian_day(day_part));
    if parsed.is_none() {
        if let Some(numeric) = numeric_day(day_part, DayOrder::Unknown) {
            return Some(numeric);
        }
    }
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

/// Which number comes first in a file's numeric dates: the day (most of the
/// world) or the month (the United States). "12/10/2019" alone cannot say;
/// "25/12/2019" elsewhere in the same file can.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) enum DayOrder {
    /// Nothing told, or the file's dates disagree: ambiguous dates stay unread.
    #[default]
    Unknown,
    DayFirst,
    MonthFirst,
}

impl DayOrder {
    /// The order a file's dates show, told by the ones with a number over 12.
    pub(super) fn of<'a>(dates: impl Iterator<Item = &'a str>) -> DayOrder {
        let (mut day_first, mut month_first) = (false, false);
        for date in dates {
            let Some((first, second, _)) = date.split_whitespace().next().and_then(numbers) else {
                continue;
            };
            day_first |= first > 12 && second <= 12;
            month_first |= second > 12 && first <= 12;
        }
        match (day_first, month_first) {
            (true, false) => DayOrder::DayFirst,
            (false, true) => DayOrder::MonthFirst,
            _ => DayOrder::Unknown,
        }
    }
}

/// The three numbers of "12/10/2019" or "25-12-2019" (year last).
fn numbers(text: &str) -> Option<(u32, u32, i32)> {
    if !text.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let mut parts = text.split(['/', '-']);
    let (first, second, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some()
        || !digits(first, 1..=2)
        || !digits(second, 1..=2)
        || !digits(year, 4..=4)
    {
        return None;
    }
    Some((
        first.parse().ok()?,
        second.parse().ok()?,
        year.parse().ok()?,
    ))
}

/// A date of numbers with the year last, read in `order` unless a number over
/// 12 or two equal numbers settle it; `Some(Err)` when nothing does.
fn numeric_day(text: &str, order: DayOrder) -> Option<Result<NaiveDate, String>> {
    let (first, second, year) = numbers(text)?;
    let order = match (first > 12, second > 12) {
        (true, false) => DayOrder::DayFirst,
        (false, true) => DayOrder::MonthFirst,
        (false, false) if first == second => DayOrder::DayFirst,
        _ => order,
    };
    let (day, month) = match order {
        DayOrder::DayFirst => (first, second),
        DayOrder::MonthFirst => (second, first),
        DayOrder::Unknown if first > 12 => return Some(Err(format!("impossible date '{text}'"))),
        DayOrder::Unknown => {
            return Some(Err(format!(
                "ambiguous date '{text}' (day/month or month/day: no date in the file over the 12th says which)"
            )))
        }
    };
    Some(
        NaiveDate::from_ymd_opt(year, month, day)
            .map_or_else(|| Err(format!("impossible date '{text}'")), plausible),
    )
}

/// `2019年12月10日` (Chinese, Japanese) or `2019년 12월 10일` (Korean).
fn east_asian_day(text: &str) -> Option<NaiveDate> {
    if text.is_ascii() {
        return None;
    }
    let mut numbers = [0; 3];
    let mut rest = text;
    for (number, marks) in numbers
        .iter_mut()
        .zip([['年', '년'], ['月', '월'], ['日', '일']])
    {
        let (head, tail) = rest.split_once(marks)?;
        *number = head.trim().parse::<u32>().ok()?;
        rest = tail;
    }
    let [year, month, day] = numbers;
    // Nothing after it but the weekday: "（火）".
    let rest = rest.trim();
    let weekday =
        rest.starts_with(['(', '（']) && rest.ends_with([')', '）']) && rest.chars().count() <= 4;
    (rest.is_empty() || weekday).then_some(())?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
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

/// The first year the index can store whole: it keeps days as nanoseconds
/// since 1970 in 64 bits, which reach back to 21 September 1677.
const FIRST_STORABLE_YEAR: i32 = 1678;

/// Newspapers have printed since the 1600s, but the index holds days from
/// 1678 on; a date past next year is a scraper bug.
pub(super) fn plausible(date: NaiveDate) -> Result<NaiveDate, String> {
    let next_year = chrono::Local::now().year() + 1;
    if (FIRST_STORABLE_YEAR..=next_year).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!("implausible date {date}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<NaiveDate> {
        parse_any_date(text, DayOrder::Unknown).and_then(Result::ok)
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
        assert!(matches!(
            parse_any_date("2019-02-30", DayOrder::Unknown),
            Some(Err(_))
        ));
        assert!(matches!(
            parse_any_date("2999-01-01", DayOrder::Unknown),
            Some(Err(_))
        ));
        assert_eq!(parse_any_date("yesterday", DayOrder::Unknown), None);
        assert_eq!(parse_any_date("", DayOrder::Unknown), None);
        assert_eq!(parse_any_date("12345", DayOrder::Unknown), None);
    }

    #[test]
    fn numeric_days_and_months_in_the_file_order() {
        let december_10 = NaiveDate::from_ymd_opt(2019, 12, 10);
        assert_eq!(day("25/12/2019"), NaiveDate::from_ymd_opt(2019, 12, 25));
        assert_eq!(
            day("12-25-2019 08:00"),
            NaiveDate::from_ymd_opt(2019, 12, 25)
        );
        assert_eq!(day("10/10/2019"), NaiveDate::from_ymd_opt(2019, 10, 10));
        let ambiguous = parse_any_date("12/10/2019", DayOrder::Unknown);
        assert!(
            matches!(&ambiguous, Some(Err(why)) if why.contains("ambiguous")),
            "{ambiguous:?}"
        );
        assert!(matches!(
            parse_any_date("13/13/2019", DayOrder::Unknown),
            Some(Err(_))
        ));
        let us = DayOrder::of(["12/25/2019", "12/10/2019"].into_iter());
        assert_eq!(us, DayOrder::MonthFirst);
        assert_eq!(
            parse_any_date("12/10/2019", us),
            Some(Ok(december_10.unwrap()))
        );
        let elsewhere = DayOrder::of(["25/12/2019 14:00", "2019-12-10"].into_iter());
        assert_eq!(elsewhere, DayOrder::DayFirst);
        assert_eq!(
            parse_any_date("10/12/2019", elsewhere),
            Some(Ok(december_10.unwrap()))
        );
        assert_eq!(
            DayOrder::of(["25/12/2019", "12/25/2019"].into_iter()),
            DayOrder::Unknown
        );
        assert_eq!(day("2019年12月10日"), december_10);
        assert_eq!(day("2019년 12월 10일"), december_10);
        assert_eq!(day("2019年12月10日（火）"), december_10);
        assert_eq!(day("2019年12月10日 国際"), None);
        // Dotted dates are day first everywhere; year-first dates are not these.
        assert_eq!(day("10.12.2019"), december_10);
        assert_eq!(day("2019/12/10"), december_10);
    }
}
