//! Work on many threads, results in order: each job's result is handed over as soon as every
//! job before it has been, and workers never run more than a fixed number of jobs ahead of
//! that, so memory holds a bounded number of results however many jobs there are. (rayon's
//! ordered iterators collect everything first; a reorder buffer under one lock is all this
//! needs.)

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Runs `work` on every job on `threads` threads and calls `emit` with the results in the
/// jobs' order. At most `ahead` results wait for their turn.
///
/// There is no output thread to wake: the worker that finishes the result whose turn it is
/// hands it over, with any that were waiting behind it, while the others work on. Thousands of
/// small files so cost no more sleeping and waking than the work itself needs.
pub fn run<J, R>(
    jobs: Vec<J>,
    threads: usize,
    ahead: usize,
    work: impl Fn(J) -> R + Sync,
    mut emit: impl FnMut(R) + Send,
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
    let state = Mutex::new(State {
        done: BTreeMap::new(),
        next: 0,
        emitting: false,
        waiting: 0,
    });
    let emit = Mutex::new(emit);
    let room = Condvar::new();
    let failed = AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (queue, state, emit, room, failed, work) =
                (&queue, &state, &emit, &room, &failed, &work);
            s.spawn(move || {
                // A worker that panics wakes the others, so that none waits for it in vain.
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
                    {
                        let mut st = lock(state);
                        while i >= st.next + ahead && !failed.load(Ordering::SeqCst) {
                            st.waiting += 1;
                            st = room.wait(st).unwrap_or_else(|e| e.into_inner());
                            st.waiting -= 1;
                        }
                    }
                    if failed.load(Ordering::SeqCst) {
                        return;
                    }
                    let r = work(job);
                    let mut st = lock(state);
                    st.done.insert(i, r);
                    if st.emitting || !st.done.contains_key(&st.next) {
                        continue;
                    }
                    // This worker hands over every result ready from `next` on.
                    st.emitting = true;
                    loop {
                        let mut ready = Vec::new();
                        let head = st.next;
                        while let Some(r) = st.done.remove(&(head + ready.len())) {
                            ready.push(r);
                        }
                        if ready.is_empty() {
                            st.emitting = false;
                            break;
                        }
                        let n = ready.len();
                        drop(st);
                        {
                            let mut emit = lock(emit);
                            ready.into_iter().for_each(|r| (*emit)(r));
                        }
                        st = lock(state);
                        st.next += n;
                        if st.waiting > 0 {
                            room.notify_all();
                        }
                    }
                }
            });
        }
    });
}

/// What the workers share.
struct State<R> {
    /// Results waiting for their turn, by job index.
    done: BTreeMap<usize, R>,
    /// The index of the next result to hand over.
    next: usize,
    /// A worker is handing results over.
    emitting: bool,
    /// Workers waiting for room.
    waiting: usize,
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
