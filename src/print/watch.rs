//! `morgue watch` for a person and for programs: the list of watches, and
//! what each run found (a heading per watch, then its arrivals as search hits,
//! revised ones marked; in JSON, the hit objects with `watch` and `revised`).

use std::io::{self, Write};

use serde::Serialize;

use super::{human_hit, JsonHit, Printer};
use crate::watch::{WatchRun, Watches};

/// A hit of a watch run in JSON Lines.
#[derive(Serialize)]
struct JsonArrival<'a> {
    #[serde(flatten)]
    hit: JsonHit<'a>,
    /// The watch that found it.
    watch: &'a str,
    /// Whether an earlier version of it had been seen.
    revised: bool,
}

pub(super) fn runs(printer: Printer, out: &mut dyn Write, runs: &[WatchRun]) -> io::Result<()> {
    for run in runs {
        match printer {
            Printer::Json => {
                for arrival in &run.shown {
                    let line = JsonArrival {
                        hit: JsonHit::from(&arrival.hit),
                        watch: &run.name,
                        revised: arrival.revised,
                    };
                    serde_json::to_writer(&mut *out, &line)?;
                    writeln!(out)?;
                }
            }
            Printer::Human { color, .. } => {
                writeln!(out, "{}", heading(run))?;
                writeln!(out)?;
                for arrival in &run.shown {
                    if arrival.revised {
                        writeln!(out, "     (revised since last seen)")?;
                    }
                    human_hit(out, &arrival.hit, color)?;
                }
            }
        }
    }
    Ok(())
}

/// "Watch 'talks': 2 new, 1 revised (showing 3)".
fn heading(run: &WatchRun) -> String {
    if run.first {
        return format!(
            "Watch '{}': first run, the best matches now ({}); from the next run on, only what arrives",
            run.name,
            run.shown.len()
        );
    }
    let shown = run.shown.len() as u64;
    let more = run.new + run.revised - shown;
    format!(
        "Watch '{}': {} new, {} revised since the last run{}",
        run.name,
        run.new,
        run.revised,
        match more {
            0 => String::new(),
            more => format!(" (showing the newest {shown}, {more} more)"),
        }
    )
}

pub(super) fn list(out: &mut dyn Write, watches: &Watches) -> io::Result<()> {
    if watches.watches.is_empty() {
        return writeln!(
            out,
            "no watches (add one with `morgue watch add NAME QUERY`)"
        );
    }
    for watch in &watches.watches {
        let mut filters = Vec::new();
        for (flag, value) in [
            ("--since", &watch.since),
            ("--until", &watch.until),
            ("--section", &watch.section),
        ] {
            if let Some(value) = value {
                filters.push(format!("{flag} {value}"));
            }
        }
        let state = match &watch.seen {
            None => "not run yet".to_string(),
            Some(seen) => format!("{} matches seen", seen.len()),
        };
        writeln!(
            out,
            "{}\t{:?}{}\t{state}",
            watch.name,
            watch.query,
            filters
                .iter()
                .map(|filter| format!(" {filter}"))
                .collect::<String>()
        )?;
    }
    Ok(())
}
