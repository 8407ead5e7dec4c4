//! The build's ordered pool: workers read files in parallel while one
//! handler takes their results in file order (so a build's outcome never
//! depends on thread timing), reading no further ahead than memory allows.
//! A panic in any of its threads ends the run instead of leaving the others
//! waiting (#21).
//!
//! Built on crossbeam's channels, whose receivers can be shared: the read-ahead
//! bound is a channel of permits every worker takes from and the handler gives
//! back to, and a closed channel is how every thread learns the run is over.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use crossbeam_channel::{bounded, Sender};

/// How far workers may read ahead of the writer, in files. With the writer
/// held up (one huge file, a slow disk) the others wait instead of piling
/// parsed files in memory: at most this many files, each under
/// `--max-file-size`, are held between reading and indexing.
const READ_AHEAD: usize = 64;

/// What a worker sends the handler: an item's result, or word that the
/// worker panicked, so the handler stops waiting for that item.
enum Scanned<T> {
    Item(usize, T),
    Panicked,
}

/// Tells the handler when its worker unwinds from a panic.
struct ReportPanic<'a, T>(&'a Sender<Scanned<T>>);

impl<T> Drop for ReportPanic<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.0.send(Scanned::Panicked);
        }
    }
}

/// Runs `scan` for items `0..count` on `threads` worker threads and calls
/// `handle` in item order, whatever order the workers finish in: results are
/// then the same run after run (which copy is kept, which path is shown).
/// A worker claims the next item only with a permit, which the handler gives
/// back once it has handled an item: items are claimed in order and handled
/// in order, so no worker is ever [`READ_AHEAD`] items ahead of the handler.
pub(super) fn for_each_in_order<T: Send>(
    count: usize,
    threads: usize,
    scan: impl Fn(usize) -> T + Sync,
    mut handle: impl FnMut(usize, T),
) {
    let next = AtomicUsize::new(0);
    let (give, take) = bounded::<()>(READ_AHEAD);
    for _ in 0..READ_AHEAD {
        // The channel holds exactly READ_AHEAD permits and has a receiver here.
        let _ = give.send(());
    }
    let (results, received) = bounded::<Scanned<T>>(READ_AHEAD);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let (take, results, next, scan) = (take.clone(), results.clone(), &next, &scan);
            scope.spawn(move || {
                let _report = ReportPanic(&results);
                // Ends when the handler has stopped (the permits' sender is gone).
                while take.recv().is_ok() {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    if at >= count || results.send(Scanned::Item(at, scan(at))).is_err() {
                        break;
                    }
                }
            });
        }
        drop((take, results));
        // Everything the handler holds is dropped when it returns or unwinds,
        // which wakes and ends every worker.
        let (give, received) = (give, received);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        while expected < count {
            match received.recv() {
                Ok(Scanned::Item(at, item)) => {
                    waiting.insert(at, item);
                }
                // A worker panicked (the scope passes its panic on) or all are gone.
                Ok(Scanned::Panicked) | Err(_) => break,
            }
            while let Some(item) = waiting.remove(&expected) {
                handle(expected, item);
                expected += 1;
                let _ = give.send(());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::AssertUnwindSafe;
    use std::sync::mpsc;

    #[test]
    fn items_are_handled_in_order_and_workers_never_run_far_ahead() {
        let in_flight = AtomicUsize::new(0);
        let peak = AtomicUsize::new(0);
        let mut seen = Vec::new();
        for_each_in_order(
            1000,
            4,
            |at| {
                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                if at % 97 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                at
            },
            |at, item| {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                assert_eq!(at, item);
                seen.push(at);
            },
        );
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        assert!(peak.load(Ordering::SeqCst) <= READ_AHEAD + 4);
    }

    /// Runs `work` on a thread of its own and says whether it ended within
    /// ten seconds, so that a test of a hang fails instead of hanging.
    fn ends_in_time(work: impl FnOnce() + Send + 'static) -> bool {
        let (done, ended) = mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(work));
            let _ = done.send(outcome.is_err());
        });
        ended.recv_timeout(std::time::Duration::from_secs(10)) == Ok(true)
    }

    #[test]
    fn a_panicking_worker_ends_the_run_instead_of_hanging_it() {
        for threads in [1, 2, 4] {
            assert!(
                ends_in_time(move || for_each_in_order(
                    1000,
                    threads,
                    |at| assert_ne!(at, 3, "deliberate"),
                    |_, _| {}
                )),
                "{threads} threads"
            );
        }
    }

    #[test]
    fn a_panicking_handler_ends_the_run_instead_of_hanging_it() {
        for threads in [1, 2, 4] {
            assert!(
                ends_in_time(move || for_each_in_order(
                    1000,
                    threads,
                    |at| at,
                    |at, _| assert_ne!(at, 3, "deliberate")
                )),
                "{threads} threads"
            );
        }
    }
}
