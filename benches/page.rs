//! The search page as a reporter's browser gets it (issue #23): headless
//! Chromium against the release `morgue serve`, one page per query of
//! `benches/peers/queries.txt`; prints the bytes transferred, when the
//! results had arrived (the response's end) and when the page was ready
//! (DOMContentLoaded), in milliseconds from the start of the navigation.
//!
//!   cargo bench --bench page -- INDEX        (default: the bundled corpus, indexed first)

use std::path::{Path, PathBuf};
use std::process::Command;

#[allow(dead_code)]
#[path = "../tests/chromium.rs"]
mod chromium;
#[allow(dead_code)]
#[path = "../tests/server.rs"]
mod server;

/// The page's own measurements of the navigation just made.
const TIMING: &str = "(() => { const n = performance.getEntriesByType('navigation')[0]; \
     const bytes = performance.getEntriesByType('resource') \
       .reduce((sum, entry) => sum + entry.transferSize, n.transferSize); \
     return `${bytes} ${n.responseEnd} ${n.domContentLoadedEventEnd}`; })()";

fn main() {
    let index = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with("--"))
        .map(PathBuf::from);
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let index = index.unwrap_or_else(|| bundled_index(scratch.path()));
    let Some(browser) = chromium::browser() else {
        eprintln!("no chromium: nothing measured");
        return;
    };
    let server = server::Server::start(&index, &[]);
    let tab = browser.new_tab().expect("a tab");
    let queries = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/queries.txt"),
    )
    .expect("the query set");
    let queries: Vec<&str> = queries
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();

    // The first page also fetches the stylesheet and the script; the rest
    // find them cached, as a reporter's second search does.
    let mut pages = Vec::new();
    for query in &queries {
        let url = format!("{}/?q={}", server.base, query.replace(' ', "+"));
        tab.navigate_to(&url)
            .and_then(|tab| tab.wait_until_navigated())
            .expect("the page loads");
        let timing = chromium::script(&tab, TIMING);
        let numbers: Vec<f64> = timing
            .split(' ')
            .filter_map(|number| number.parse().ok())
            .collect();
        if let [bytes, results, ready] = numbers[..] {
            pages.push((bytes, results, ready));
        }
    }
    let Some(&(first_bytes, first_results, first_ready)) = pages.first() else {
        eprintln!("no page measured");
        return;
    };
    println!("index: {}", index.display());
    println!(
        "first page (assets fetched): {first_bytes:.0} bytes, results at {first_results:.1} ms, ready at {first_ready:.1} ms"
    );
    let later = &pages[1..];
    let median = |pick: fn(&(f64, f64, f64)) -> f64| {
        let mut values: Vec<f64> = later.iter().map(pick).collect();
        values.sort_by(f64::total_cmp);
        values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let worst = |pick: fn(&(f64, f64, f64)) -> f64| later.iter().map(pick).fold(0.0, f64::max);
    println!(
        "{} later pages, median (worst): {:.0} ({:.0}) bytes, results at {:.1} ({:.1}) ms, ready at {:.1} ({:.1}) ms",
        later.len(),
        median(|page| page.0),
        worst(|page| page.0),
        median(|page| page.1),
        worst(|page| page.1),
        median(|page| page.2),
        worst(|page| page.2),
    );
}

/// The bundled corpus indexed by the release binary.
fn bundled_index(scratch: &Path) -> PathBuf {
    let index = scratch.join("index");
    let status = Command::new(env!("CARGO_BIN_EXE_morgue"))
        .arg("--index")
        .arg(&index)
        .arg("index")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"))
        .status()
        .expect("morgue runs");
    assert!(status.success(), "the bundled corpus indexes");
    index
}
