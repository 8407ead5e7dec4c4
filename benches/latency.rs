//! In-process query latency over a query file, printed the way
//! `benches/peers/engines.py` prints the peers' (p50 and p95 in microseconds),
//! so `benches/peers.sh` can put morgue beside them in one table.
//!
//! `cargo bench --bench latency -- INDEX QUERIES` (run by `benches/peers.sh`).
//! Without arguments (as `cargo bench` runs every target) it does nothing.
//!
//! Two numbers per query kind: `ranking` is the ordered top ten by id, what
//! the peers' searches return; `search` is what `morgue search` shows, with
//! stored text loaded and snippets made.

use std::path::Path;
use std::time::Instant;

use morgue::index::Archive;
use morgue::search::{ranked_ids, search, SearchRequest};

const RUNS: usize = 30;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let [index, queries] = &args[..] else {
        eprintln!("usage: cargo bench --bench latency -- INDEX QUERIES (nothing to do)");
        return;
    };
    let archive = Archive::open(Path::new(index)).expect("the index opens");
    let text = std::fs::read_to_string(queries).expect("the query file reads");
    let queries: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let day = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    for (kind, with_snippets) in [("ranking", false), ("search", true)] {
        for dated in [false, true] {
            let mut times = Vec::new();
            for query in &queries {
                let mut request = SearchRequest::new(*query);
                if dated {
                    (request.since, request.until) = (day("1987-03-01"), day("1987-03-31"));
                }
                let once = || {
                    if with_snippets {
                        search(&archive, &request).map(|_| ())
                    } else {
                        ranked_ids(&archive, &request).map(|_| ())
                    }
                    .expect("the search runs")
                };
                once();
                for _ in 0..RUNS {
                    let started = Instant::now();
                    once();
                    times.push(started.elapsed().as_secs_f64() * 1e6);
                }
            }
            times.sort_by(f64::total_cmp);
            let p50 = times[times.len() / 2];
            let p95 = times[times.len() * 95 / 100];
            let filter = if dated { "dated" } else { "plain" };
            println!("morgue-{kind} {filter} p50_us={p50:.0} p95_us={p95:.0}");
        }
    }
}
