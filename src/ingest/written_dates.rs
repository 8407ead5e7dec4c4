//! Days written in running text, as a page's date line prints them in its
//! own language: "5. Oktober 2013", "October 5, 2013", "5 de octubre de
//! 2013", "07.11.2023", "2020/07/13 01:10", "2019年12月10日". Where a day
//! first or a month first cannot be told from the numbers, the page's
//! language decides (see [`DayOrder`]).

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::{Captures, Regex};

use super::dates::{plausible, DayOrder};

/// Year first, any of `-`, `/`, `.` between: 2020-07-13, 2020/7/13, 2020.07.13.
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})\b").expect("a valid pattern")
});

/// Year last: 07.11.2023, 7/11/2023, 10.12.19 (two-digit years with dots only).
static YEAR_LAST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\s?([./-])\s?(\d{1,2})\s?([./-])\s?(\d{4}|\d{2})\b")
        .expect("a valid pattern")
});

/// A day, a month's name, a year: "5. Oktober 2013", "5 de octubre de 2013", "5th Oct 2013".
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:\.|er|st|nd|rd|th|º)?\s+(?:de\s+)?(\p{L}{3,10})\.?,?\s+(?:de\s+|del\s+)?(\d{4})\b")
        .expect("a valid pattern")
});

/// A month's name, a day, a year: "October 5, 2013", "Oct. 5th 2013".
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
        .expect("a valid pattern")
});

/// 2019年12月10日 (Chinese, Japanese), 2019년 12월 10일 (Korean).
static EAST_ASIAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
        .expect("a valid pattern")
});

/// Month names and their common short forms in the languages news pages
/// most often come in (English, German, French, Spanish, Italian,
/// Portuguese, Dutch, Russian in the genitive a date uses).
const MONTHS: [&[&str]; 12] = [
    &[
        "january",
        "jan",
        "januar",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "gennaio",
        "gen",
        "janeiro",
        "januari",
        "января",
        "янв",
    ],
    &[
        "february",
        "feb",
        "februar",
        "feber",
        "février",
        "févr",
        "fevr",
        "febrero",
        "febbraio",
        "fevereiro",
        "fev",
        "februari",
        "февраля",
        "фев",
    ],
    &[
        "march",
        "mar",
        "märz",
        "mrz",
        "maerz",
        "mars",
        "marzo",
        "março",
        "maart",
        "mrt",
        "марта",
        "мар",
    ],
    &[
        "april",
        "apr",
        "avril",
        "avr",
        "abril",
        "abr",
        "aprile",
        "апреля",
        "апр",
    ],
    &["may", "mai", "mayo", "maggio", "mag", "maio", "mei", "мая"],
    &[
        "june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "июня", "июн",
    ],
    &[
        "july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "июля", "июл",
    ],
    &[
        "august",
        "aug",
        "août",
        "aout",
        "agosto",
        "ago",
        "augustus",
        "августа",
        "авг",
    ],
    &[
        "september",
        "sep",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "set",
        "setembro",
        "сентября",
        "сен",
    ],
    &[
        "october",
        "oct",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "ottobre",
        "ott",
        "outubro",
        "out",
        "октября",
        "окт",
    ],
    &[
        "november",
        "nov",
        "novembre",
        "noviembre",
        "novembro",
        "ноября",
        "ноя",
    ],
    &[
        "december",
        "dec",
        "dezember",
        "dez",
        "décembre",
        "déc",
        "diciembre",
        "dic",
        "dicembre",
        "dezembro",
        "desember",
        "декабря",
        "дек",
    ],
];

/// The month a word names, 1 to 12.
fn month_named(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|at| u32::try_from(at + 1).ok())
}

/// The first day written in `text`, by where it starts; numbers that are
/// no day (2019-02-30, a year out of range) are passed over.
pub(super) fn first_day(text: &str, order: DayOrder) -> Option<NaiveDate> {
    all_days(text, order)
        .into_iter()
        .min_by_key(|(at, _)| *at)
        .map(|(_, day)| day)
}

/// Every day written in `text`, with the byte offset where each starts.
pub(super) fn all_days(text: &str, order: DayOrder) -> Vec<(usize, NaiveDate)> {
    let forms: [(&Regex, Reading); 5] = [
        (&YEAR_FIRST, year_first),
        (&YEAR_LAST, year_last),
        (&DAY_MONTH_YEAR, day_month_year),
        (&MONTH_DAY_YEAR, month_day_year),
        (&EAST_ASIAN, year_first_east_asian),
    ];
    let mut found = Vec::new();
    for (pattern, read) in forms {
        for caps in pattern.captures_iter(text) {
            let at = caps.get(0).map_or(0, |whole| whole.start());
            let day = read(&caps, order).and_then(|(year, month, day)| day_of(year, month, day));
            found.extend(day.map(|day| (at, day)));
        }
    }
    found
}

/// How one written form's match reads as year, month and day.
type Reading = fn(&Captures, DayOrder) -> Option<(u32, u32, u32)>;

fn number(text: &str) -> Option<u32> {
    text.parse().ok()
}

fn year_first(caps: &Captures, _: DayOrder) -> Option<(u32, u32, u32)> {
    // The same separator twice: "2020-07.13" is not a date.
    (caps[2] == caps[4]).then_some(())?;
    Some((number(&caps[1])?, number(&caps[3])?, number(&caps[5])?))
}

fn year_last(caps: &Captures, order: DayOrder) -> Option<(u32, u32, u32)> {
    if caps[2] != caps[4] || (caps[5].len() == 2 && &caps[2] != ".") {
        return None;
    }
    let (first, second, mut year) = (number(&caps[1])?, number(&caps[3])?, number(&caps[5])?);
    if caps[5].len() == 2 {
        let this_year = u32::try_from(chrono::Local::now().year() % 100).unwrap_or(0);
        year += if year <= this_year + 1 { 2000 } else { 1900 };
    }
    // Dots are written day first the world over; slashes and dashes as
    // the numbers or the page's language say.
    let order = match (&caps[2], first > 12, second > 12) {
        (".", _, _) | (_, true, false) => DayOrder::DayFirst,
        (_, false, true) => DayOrder::MonthFirst,
        _ => order,
    };
    match order {
        DayOrder::DayFirst => Some((year, second, first)),
        DayOrder::MonthFirst => Some((year, first, second)),
        DayOrder::Unknown => None,
    }
}

fn day_month_year(caps: &Captures, _: DayOrder) -> Option<(u32, u32, u32)> {
    Some((number(&caps[3])?, month_named(&caps[2])?, number(&caps[1])?))
}

fn month_day_year(caps: &Captures, _: DayOrder) -> Option<(u32, u32, u32)> {
    Some((number(&caps[3])?, month_named(&caps[1])?, number(&caps[2])?))
}

fn year_first_east_asian(caps: &Captures, _: DayOrder) -> Option<(u32, u32, u32)> {
    Some((number(&caps[1])?, number(&caps[2])?, number(&caps[3])?))
}

/// A real, plausible day, or nothing.
fn day_of(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    plausible(date).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Option<String> {
        first_day(text, DayOrder::Unknown).map(|date| date.to_string())
    }

    #[test]
    fn date_lines_in_several_languages() {
        let cases = [
            ("Samstag, 5. Oktober 2013", "2013-10-05"),
            ("Posted on October 5, 2013 by admin", "2013-10-05"),
            ("Oct. 5th 2013", "2013-10-05"),
            ("le 5 octobre 2013 à 10h", "2013-10-05"),
            ("5 de octubre de 2013", "2013-10-05"),
            ("Stand: 28.04.2020 18:00 Uhr", "2020-04-28"),
            ("質問日時：2020/07/13 01:10", "2020-07-13"),
            ("2019年12月10日（火）", "2019-12-10"),
            ("10.12.19", "2019-12-10"),
            ("28 июня 2020, 21:16", "2020-06-28"),
            ("22/11/2020 - 04:30", "2020-11-22"),
        ];
        for (text, wanted) in cases {
            assert_eq!(day(text).as_deref(), Some(wanted), "{text}");
        }
    }

    #[test]
    fn the_first_day_wins_and_non_days_are_passed_over() {
        assert_eq!(
            day("2019-02-30, then 3 March 2019").as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(
            day("Updated May 2, 2020; first published 1 May 2020").as_deref(),
            Some("2020-05-02")
        );
        assert_eq!(day("in 2019 some 12 people"), None);
        assert_eq!(day("version 1.2.3"), None);
    }

    #[test]
    fn numbers_alone_are_read_in_the_pages_order() {
        assert_eq!(day("03/04/2020"), None);
        assert_eq!(
            first_day("03/04/2020", DayOrder::MonthFirst)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-03-04")
        );
        assert_eq!(
            first_day("03/04/2020", DayOrder::DayFirst)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-04-03")
        );
    }
}
