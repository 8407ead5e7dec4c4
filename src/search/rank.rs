//! Ranking by relevance and date, as pure functions of a hit's BM25 score and
//! its age, so the formula can be read and tested without an index.
//!
//! `blend` multiplies relevance by a recency factor:
//!
//! ```text
//! blended = bm25 × (1 + RECENCY_WEIGHT × 0.5^(age_days / half_life_days))
//! ```
//!
//! where `age_days` counts back from the newest article in the index (not from
//! today: an archive of 1987 wires is not all equally stale). A story from the
//! newest day gets at most `1 + RECENCY_WEIGHT` = 1.25× its relevance, one a
//! half-life older 1.125×, an undated one 1×. So a fresher article can only pass
//! an older one whose relevance is less than 25% higher: a passing mention never
//! buries a clearly better match (issue #2).

/// The largest recency bonus, as a fraction of relevance.
pub const RECENCY_WEIGHT: f32 = 0.25;

/// The most a blend can multiply relevance by: the newest day's factor.
pub const MAX_RECENCY_FACTOR: f32 = 1.0 + RECENCY_WEIGHT;

pub use crate::index::days::EpochDay;

/// The blended score of a hit; `day` is `None` for undated articles.
pub fn blend(bm25: f32, day: Option<EpochDay>, newest: EpochDay, half_life_days: f64) -> f32 {
    bm25 * recency_factor(day, newest, half_life_days)
}

fn recency_factor(day: Option<EpochDay>, newest: EpochDay, half_life_days: f64) -> f32 {
    let Some(day) = day else { return 1.0 };
    let age_days = (newest - day).max(0) as f64;
    let decay = (-age_days / half_life_days).exp2();
    1.0 + RECENCY_WEIGHT * decay as f32
}

/// A sort key for date order: newer is larger; undated articles sort after
/// every dated one in either direction.
pub fn date_key(day: Option<EpochDay>, newest_first: bool) -> i64 {
    match day {
        Some(day) if newest_first => day,
        Some(day) => -day,
        None => i64::MIN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> EpochDay {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        (date - NaiveDate::default()).num_days()
    }

    #[test]
    fn newest_gets_the_full_bonus_and_a_half_life_halves_it() {
        let newest = day(2020, 1, 1);
        assert_eq!(blend(10.0, Some(newest), newest, 365.0), 12.5);
        let year_before = day(2019, 1, 1);
        assert!((blend(10.0, Some(year_before), newest, 365.0) - 11.25).abs() < 1e-4);
        assert_eq!(blend(10.0, None, newest, 365.0), 10.0);
    }

    #[test]
    fn a_fresh_passing_mention_never_beats_a_much_better_old_match() {
        let newest = day(2020, 1, 1);
        let fresh_mention = blend(4.0, Some(newest), newest, 365.0);
        let old_match = blend(5.1, Some(day(1987, 1, 1)), newest, 365.0);
        assert!(old_match > fresh_mention);
    }

    #[test]
    fn date_keys_order_both_ways_and_undated_last() {
        let (old, new) = (Some(day(1987, 3, 1)), Some(day(2019, 12, 10)));
        assert!(date_key(new, true) > date_key(old, true));
        assert!(date_key(old, false) > date_key(new, false));
        assert!(date_key(None, true) < date_key(old, true));
        assert!(date_key(None, false) < date_key(new, false));
    }
}
