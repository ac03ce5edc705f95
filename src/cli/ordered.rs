//! Work on many threads, results in order: each job's result is handed over on the calling
//! thread as soon as every job before it has been, and workers never run more than a fixed
//! number of jobs ahead of that, so memory holds a bounded number of results however many
//! jobs there are. (rayon's ordered iterators collect everything first; a channel and a
//! reorder buffer is all this needs.)

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `work` on every job on `threads` threads and calls `emit` with the results in the
/// jobs' order. At most `ahead` results wait for their turn.
pub fn run<J, R>(
    jobs: Vec<J>,
    threads: usize,
    ahead: usize,
    work: impl Fn(J) -> R + Sync,
    mut emit: impl FnMut(R),
) where
    J: Send,
    R: Send,
{
    if threads <= 1 || jobs.len() <= 1 {
        jobs.into_iter().for_each(|j| emit(work(j)));
        return;
    }
    let ahead = ahead.max(1);
    let queue = Mutex::new(jobs.into_iter().enumerate());
    // How many results have been handed over; workers wait on it for room.
    let emitted = Mutex::new(0usize);
    let room = Condvar::new();
    let failed = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (queue, emitted, room, failed, work) = (&queue, &emitted, &room, &failed, &work);
            s.spawn(move || {
                // A worker that panics wakes the others, so that none waits for its result.
                struct Alarm<'a>(&'a AtomicBool, &'a Condvar);
                impl Drop for Alarm<'_> {
                    fn drop(&mut self) {
                        if std::thread::panicking() {
                            self.0.store(true, Ordering::SeqCst);
                            self.1.notify_all();
                        }
                    }
                }
                let _alarm = Alarm(failed, room);
                loop {
                    let Some((i, job)) = lock(queue).next() else {
                        return;
                    };
                    let mut done = lock(emitted);
                    while i >= *done + ahead && !failed.load(Ordering::SeqCst) {
                        done = room.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                    drop(done);
                    if failed.load(Ordering::SeqCst) || tx.send((i, work(job))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut next = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&next) {
                emit(r);
                next += 1;
                *lock(&emitted) = next;
                room.notify_all();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn results_come_in_order_and_workers_stay_within_the_window() {
        let running_ahead = AtomicUsize::new(0);
        let handed = AtomicUsize::new(0);
        let mut seen = Vec::new();
        run(
            (0..500).collect(),
            4,
            3,
            |i: usize| {
                // Jobs are taken in order, so a worker runs job i only once i - 3 is handed over.
                let h = handed.load(Ordering::SeqCst);
                running_ahead.fetch_max(i.saturating_sub(h), Ordering::SeqCst);
                if i.is_multiple_of(7) {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                i * 2
            },
            |r| {
                seen.push(r);
                handed.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        assert!(running_ahead.load(Ordering::SeqCst) < 3);
    }

    #[test]
    fn one_thread_runs_inline() {
        let mut seen = Vec::new();
        run(vec!["a", "b"], 1, 1, |s| s.to_uppercase(), |r| seen.push(r));
        assert_eq!(seen, ["A", "B"]);
    }
}
