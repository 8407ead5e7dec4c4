//! How a build looks on a terminal: a progress bar while it runs, one line
//! on stderr for every skipped or odd file (the same kind of warning shown
//! ten times, then counted), and the summary line at the end.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use morgue::index::{self, IndexEvent, IndexOptions, IndexReport};
use morgue::ingest::WarningKind;
use morgue::print::for_terminal;

/// How many files are named for one and the same warning ("no date line"
/// across an undated archive); the rest are counted in one line.
const SAME_WARNING_SHOWN: usize = 10;

/// Runs a build, drawing a progress bar on a terminal, naming every skipped
/// or odd file on stderr, and ending with a one-line summary.
pub fn build_with_progress(
    index_dir: &Path,
    paths: &[PathBuf],
    options: &IndexOptions,
) -> Result<IndexReport> {
    let bar = ProgressBar::hidden();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    }
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} files · {msg} · {elapsed} (eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut articles = 0usize;
    let mut warned: std::collections::BTreeMap<WarningKind, usize> = Default::default();
    let report = index::build(index_dir, paths, options, &mut |event| match event {
        IndexEvent::Discovered { files } => bar.set_length(files as u64),
        IndexEvent::Unchanged { files } => bar.inc(files as u64),
        IndexEvent::FileRead {
            articles: count, ..
        } => {
            articles += count;
            bar.inc(1);
            let seconds = started.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!(
                "{articles} articles · {:.0} files/s · {:.0} articles/s",
                bar.position() as f64 / seconds,
                articles as f64 / seconds
            ));
        }
        IndexEvent::Warning { path, warning } => {
            let seen = warned.entry(warning.kind).or_insert(0);
            *seen += 1;
            if *seen <= SAME_WARNING_SHOWN {
                bar.suspend(|| file_note("warning:", path, &warning.to_string()));
            }
        }
        IndexEvent::Skipped { path, reason } => {
            bar.inc(1);
            bar.suspend(|| file_note("skipped", path, &reason.to_string()));
        }
        IndexEvent::Damaged { path, reason } => {
            bar.suspend(|| file_note("damaged", path, reason));
        }
        IndexEvent::Ignored { path, reason } => {
            bar.inc(1);
            bar.suspend(|| file_note("ignored", path, reason));
        }
        IndexEvent::ReadingAgain { files } => bar.suspend(|| {
            eprintln!(
                "morgue: reading {files} unchanged files again: an older morgue read them, and this \
                 one takes articles out of dumps differently"
            )
        }),
        IndexEvent::Committing => bar.set_message(format!("{articles} articles · committing")),
        IndexEvent::Compacting => bar.set_message(format!("{articles} articles · compacting")),
    })
    .with_context(|| format!("indexing into {}", index_dir.display()))?;
    bar.finish_and_clear();
    for (kind, count) in warned {
        if count > SAME_WARNING_SHOWN {
            let more = count - SAME_WARNING_SHOWN;
            eprintln!(
                "morgue: warning: {more} more of the same kind: {}",
                kind.describe()
            );
        }
    }
    eprintln!("{}", summary_line(index_dir, &report));
    Ok(report)
}

/// One line on stderr about one file. Paths and reasons can quote scraped
/// text (a headline in a warning, a panic's message), so control characters
/// are shown escaped.
fn file_note(what: &str, path: &Path, text: &str) {
    eprintln!(
        "morgue: {what} {}: {}",
        for_terminal(&path.to_string_lossy()),
        for_terminal(text)
    );
}

fn summary_line(index_dir: &Path, report: &IndexReport) -> String {
    let rate = report.files_read() as f64 / report.seconds.max(1e-3);
    format!(
        "{} files in {:.2}s ({rate:.0} files/s read): {} new, {} changed, {} unchanged, {} skipped, \
         {} ignored{}; articles: {} added, {} unchanged{}, {} replaced by revisions, {} duplicates \
         collapsed, {} older versions ignored, {} removed; {} articles in {}",
        report.files_seen,
        report.seconds,
        report.files_new,
        report.files_changed,
        report.files_unchanged,
        report.files_skipped,
        report.files_ignored,
        [
            (report.files_damaged, "damaged (read in part)"),
            (report.files_pruned, "pruned"),
            (report.files_read_again, "read again by this version's readers"),
        ]
        .iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| format!(", {count} {what}"))
        .collect::<String>(),
        report.articles_added,
        report.articles_unchanged,
        match report.articles_updated {
            0 => String::new(),
            updated => format!(", {updated} updated with a new reading"),
        },
        report.articles_replaced,
        report.duplicates_collapsed,
        report.older_versions_ignored,
        report.articles_removed,
        report.articles_total,
        index_dir.display(),
    )
}
