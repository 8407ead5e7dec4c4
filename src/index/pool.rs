//! The build's ordered pool: workers read files in parallel while one
//! handler takes their results in file order (so a build's outcome never
//! depends on thread timing), reading no further ahead than memory allows.
//! A panic in any of its threads ends the run instead of leaving the others
//! waiting (#21).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// How far workers may read ahead of the writer, in files. With the writer
/// held up (one huge file, a slow disk) the others wait instead of piling
/// parsed files in memory: at most this many files, each under
/// `--max-file-size`, are held between reading and indexing.
const READ_AHEAD: usize = 64;

/// How far [`for_each_in_order`] has handled items, for workers that must
/// not read too far ahead. Workers and the handler touch it once per item, so
/// the lock is taken only to wait or to wake a waiter: std's `notify_all` is
/// a system call even when no one waits.
#[derive(Default)]
struct Progress {
    handled: AtomicUsize,
    waiting: AtomicUsize,
    /// Set when a worker or the handler panicked: nobody waits any more, so
    /// the panic reaches the caller instead of leaving threads asleep (#21).
    abandoned: AtomicBool,
    lock: Mutex<()>,
    advanced: Condvar,
}

impl Progress {
    /// Blocks until item `at` is within [`READ_AHEAD`] of the handled ones.
    fn wait_until_near(&self, at: usize) {
        let near = || {
            at < self.handled.load(Ordering::SeqCst) + READ_AHEAD
                || self.abandoned.load(Ordering::SeqCst)
        };
        if near() {
            return;
        }
        let mut guard = self
            .lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Counted before the check, so that the handler, which stores its
        // progress before it reads this count, either sees a waiter or has
        // already moved on far enough for the check to pass.
        self.waiting.fetch_add(1, Ordering::SeqCst);
        while !near() {
            guard = self
                .advanced
                .wait(guard)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        self.waiting.fetch_sub(1, Ordering::SeqCst);
    }

    /// Records that items before `handled` are done, waking any waiter.
    fn handled_up_to(&self, handled: usize) {
        self.handled.store(handled, Ordering::SeqCst);
        self.wake();
    }

    fn wake(&self) {
        if self.waiting.load(Ordering::SeqCst) > 0 {
            let _guard = self
                .lock
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            self.advanced.notify_all();
        }
    }

    fn is_abandoned(&self) -> bool {
        self.abandoned.load(Ordering::SeqCst)
    }
}

/// Abandons the [`Progress`] it guards if its thread unwinds from a panic.
struct AbandonOnPanic<'a>(&'a Progress);

impl Drop for AbandonOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.abandoned.store(true, Ordering::SeqCst);
            self.0.wake();
        }
    }
}

/// Runs `scan` for items `0..count` on `threads` worker threads and calls
/// `handle` in item order, whatever order the workers finish in: results are
/// then the same run after run (which copy is kept, which path is shown).
pub(super) fn for_each_in_order<T: Send>(
    count: usize,
    threads: usize,
    scan: impl Fn(usize) -> T + Sync,
    mut handle: impl FnMut(usize, T),
) {
    let next = AtomicUsize::new(0);
    let progress = Progress::default();
    let (sender, receiver) = mpsc::sync_channel::<(usize, T)>(READ_AHEAD);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            let sender = sender.clone();
            let (next, scan, progress) = (&next, &scan, &progress);
            scope.spawn(move || {
                let _guard = AbandonOnPanic(progress);
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    if at >= count {
                        break;
                    }
                    progress.wait_until_near(at);
                    if progress.is_abandoned() || sender.send((at, scan(at))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let _guard = AbandonOnPanic(&progress);
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        for (at, item) in receiver {
            waiting.insert(at, item);
            while let Some(item) = waiting.remove(&expected) {
                handle(expected, item);
                expected += 1;
                progress.handled_up_to(expected);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::AssertUnwindSafe;

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
