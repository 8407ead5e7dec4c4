//! `morgue stats` for a person: what was counted, the timeline as a bar chart
//! fitted to the line width (one bar per period, in eighths of a block, a
//! labelled axis, the peak named), then the sections and bylines by count.

use std::io::{self, Write};

use super::for_terminal;
use crate::search::{Period, Stats, StatsRequest};

/// Eighths of a block, for bar ends finer than one column.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
/// The narrowest bar area drawn, whatever the width says.
const MIN_BAR_COLUMNS: usize = 10;

pub(super) fn human(
    out: &mut dyn Write,
    stats: &Stats,
    request: &StatsRequest,
    width: usize,
) -> io::Result<()> {
    writeln!(out, "{}", headline(stats, request))?;
    if stats.undated > 0 {
        writeln!(out, "{} without a date", grouped(stats.undated))?;
    }
    if let Some(period) = stats.by.filter(|_| !stats.timeline.is_empty()) {
        writeln!(out)?;
        timeline(out, stats, period, width)?;
    }
    let count_width = grouped(stats.articles).len();
    for (heading, counts) in [("Sections", &stats.sections), ("Bylines", &stats.bylines)] {
        if counts.is_empty() {
            continue;
        }
        writeln!(out, "\n{heading}")?;
        let mut rows: Vec<_> = counts.iter().collect();
        rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        for (name, count) in rows {
            writeln!(
                out,
                "  {:>count_width$}  {}",
                grouped(*count),
                for_terminal(name)
            )?;
        }
    }
    Ok(())
}

/// What was counted, how many, and over which days.
fn headline(stats: &Stats, request: &StatsRequest) -> String {
    let search = &request.search;
    let query = search.query.trim();
    let mut line = match stats.articles {
        1 => "1 article".to_string(),
        n => format!("{} articles", grouped(n)),
    };
    if !query.is_empty() {
        let which = if request.any_word { "any" } else { "every" };
        line = format!("{line} with {which} word of \"{}\"", for_terminal(query));
    }
    let mut narrowed = Vec::new();
    if let Some(since) = search.since {
        narrowed.push(format!("since {since}"));
    }
    if let Some(until) = search.until {
        narrowed.push(format!("until {until}"));
    }
    if let Some(section) = &search.section {
        narrowed.push(format!("in section {}", for_terminal(section)));
    }
    if !narrowed.is_empty() {
        line = format!("{line} ({})", narrowed.join(", "));
    }
    if let (Some(first), Some(last)) = (stats.first_date, stats.last_date) {
        line = format!("{line}, {first} to {last}");
    }
    if query.is_empty() && narrowed.is_empty() {
        let plural = if stats.segments == 1 { "" } else { "s" };
        line = format!("{line}, in {} segment{plural}", stats.segments);
    }
    line
}

/// One bar per period: label, bar scaled to the busiest period, count; an
/// axis under the bars marks zero and the peak.
fn timeline(out: &mut dyn Write, stats: &Stats, period: Period, width: usize) -> io::Result<()> {
    let peak = stats
        .timeline
        .iter()
        .max_by(|a, b| a.count.cmp(&b.count).then(b.period.cmp(&a.period)))
        .map(|bar| (bar.period.as_str(), bar.count))
        .unwrap_or_default();
    writeln!(
        out,
        "Timeline by {} (peak: {}, {} article{})",
        period.name(),
        peak.0,
        grouped(peak.1),
        if peak.1 == 1 { "" } else { "s" }
    )?;
    let label_width = stats
        .timeline
        .iter()
        .map(|bar| bar.period.len())
        .max()
        .unwrap_or(0);
    let count_width = grouped(peak.1).len();
    let columns = width
        .saturating_sub(label_width + count_width + 3)
        .max(MIN_BAR_COLUMNS);
    for bar in &stats.timeline {
        let drawn = bar_text(bar.count, peak.1, columns);
        writeln!(
            out,
            "{:<label_width$} │{drawn:<columns$} {:>count_width$}",
            bar.period,
            grouped(bar.count)
        )?;
    }
    let peak_label = grouped(peak.1);
    writeln!(out, "{:label_width$} └{}", "", "─".repeat(columns))?;
    writeln!(
        out,
        "{:label_width$}  0{:>gap$}",
        "",
        peak_label,
        gap = columns.saturating_sub(1)
    )
}

/// A bar `count / peak` of `columns` long, in eighths of a block; any count
/// above zero shows at least a sliver.
fn bar_text(count: u64, peak: u64, columns: usize) -> String {
    if count == 0 || peak == 0 {
        return String::new();
    }
    let eighths = (u128::from(count) * (columns as u128) * 8 / u128::from(peak)).max(1);
    let eighths = usize::try_from(eighths).unwrap_or(columns * 8);
    let mut text = "█".repeat(eighths / 8);
    if eighths % 8 > 0 {
        text.push(EIGHTHS[eighths % 8]);
    }
    text
}

/// A count with thousands separated: 18,666.
fn grouped(count: u64) -> String {
    let digits = count.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_peak_in_eighths() {
        assert_eq!(bar_text(10, 10, 4), "████");
        assert_eq!(bar_text(5, 10, 4), "██");
        assert_eq!(bar_text(3, 16, 4), "▊");
        assert_eq!(bar_text(1, 1000, 4), "▏");
        assert_eq!(bar_text(0, 1000, 4), "");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(18_666), "18,666");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
