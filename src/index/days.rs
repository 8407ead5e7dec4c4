//! Publication days, the one place they change form: a calendar day
//! ([`NaiveDate`]) as the index stores it (a tantivy date at midnight UTC,
//! to the second) and as ranking and counting read it (an [`EpochDay`], a
//! plain integer).

use chrono::{Datelike, NaiveDate, NaiveTime};
use tantivy::DateTime;

/// A day counted from 1970-01-01. Ranking reads one for every match (a
/// million-article search reads hundreds of thousands), and plain integers
/// keep calendar arithmetic out of that loop.
pub type EpochDay = i64;

/// Days from 1970-01-01 to the first day of the era.
const EPOCH_FROM_CE: EpochDay = 719_163;

/// Nanoseconds in a day.
const DAY_NANOS: i64 = 86_400_000_000_000;

/// The seconds the index can hold: its dates are nanoseconds since 1970 in
/// 64 bits, from 21 September 1677 to 11 April 2262.
const STORABLE_SECONDS: std::ops::RangeInclusive<i64> =
    (i64::MIN / 1_000_000_000)..=(i64::MAX / 1_000_000_000);

/// A day as the index stores it: its midnight, UTC. A day outside what the
/// index can hold (a filter `--since 1500`) becomes the nearest it can:
/// every stored day is inside, so a bound beyond them means "from the first"
/// or "to the last".
pub fn stored(date: NaiveDate) -> DateTime {
    let seconds = date.and_time(NaiveTime::MIN).and_utc().timestamp();
    DateTime::from_timestamp_secs(seconds.clamp(*STORABLE_SECONDS.start(), *STORABLE_SECONDS.end()))
}

/// The calendar day of a stored date.
pub fn day_of(value: DateTime) -> NaiveDate {
    date_of(epoch_day_of(value))
}

/// The day of a stored date: one division of its nanoseconds, not two (a
/// date to seconds, then to days), as `stats` does it for every match.
pub fn epoch_day_of(value: DateTime) -> EpochDay {
    value.into_timestamp_nanos().div_euclid(DAY_NANOS)
}

/// The calendar day of an [`EpochDay`].
pub fn date_of(day: EpochDay) -> NaiveDate {
    i32::try_from(day + EPOCH_FROM_CE)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or_default()
}

/// The [`EpochDay`] of a calendar day.
pub fn epoch_day(date: NaiveDate) -> EpochDay {
    EpochDay::from(date.num_days_from_ce()) - EPOCH_FROM_CE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_a_day_comes_back_the_same() {
        for (y, m, d) in [
            (1678, 1, 1),
            (1969, 12, 31),
            (1970, 1, 1),
            (1987, 3, 2),
            (2019, 12, 10),
            (2026, 12, 7),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(day_of(stored(date)), date);
            assert_eq!(date_of(epoch_day(date)), date);
            assert_eq!(epoch_day_of(stored(date)), epoch_day(date));
        }
    }

    #[test]
    fn days_beyond_what_the_index_holds_become_its_ends() {
        let early = NaiveDate::from_ymd_opt(1500, 1, 1).unwrap();
        let late = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        assert_eq!(day_of(stored(early)).to_string(), "1677-09-21");
        assert_eq!(day_of(stored(late)).to_string(), "2262-04-11");
    }
}
