//! Jobs shared between threads, their results handed over in the jobs'
//! order: the calling thread hands over each result as soon as all before
//! it are, and runs jobs itself while none is waiting.

use std::sync::{Condvar, Mutex, MutexGuard};

/// Run every job on `workers` threads (this one among them) and hand each
/// result to `take`, in the jobs' order. A worker that dies (a panic in
/// `run`) loses only the job it held: the other results are handed over
/// without it, and the panic goes no further. A thread that cannot be
/// started leaves its share of the work to the others.
pub(super) fn in_order<T: Send, R: Send>(
    jobs: Vec<T>,
    workers: usize,
    run: impl Fn(T) -> R + Sync,
    mut take: impl FnMut(R),
) {
    let count = jobs.len();
    let board = Board {
        state: Mutex::new(State {
            jobs: jobs.into_iter().map(Some).collect(),
            next: 0,
            done: (0..count).map(|_| None).collect(),
            finished: 0,
            failed: 0,
        }),
        changed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let mut helpers = Vec::new();
        for _ in 1..workers {
            let (board, run) = (&board, &run);
            let work = move || {
                // Said on the board if this worker dies, so that the hand
                // over does not wait for it.
                let _watch = Watch(board);
                while let Some((k, job)) = board.claim() {
                    let done = run(job);
                    board.finish(k, done);
                }
            };
            let started = std::thread::Builder::new()
                .name("share-reader".into())
                .spawn_scoped(scope, work);
            helpers.extend(started.ok());
        }
        hand_over(&board, count, &run, &mut take);
        for h in helpers {
            // A worker's panic is taken here, not passed on.
            let _ = h.join();
        }
    });
}

/// Hand the results to `take` in the jobs' order, running jobs while none
/// is waiting.
fn hand_over<T, R>(
    board: &Board<T, R>,
    count: usize,
    run: &impl Fn(T) -> R,
    take: &mut impl FnMut(R),
) {
    let mut handed = 0;
    while handed < count {
        let mut state = board.lock();
        if let Some(done) = state.done[handed].take() {
            drop(state);
            take(done);
            handed += 1;
        } else if let Some((k, job)) = state.claim() {
            drop(state);
            let done = run(job);
            board.finish(k, done);
        } else if state.failed > 0 && state.finished + state.failed == count {
            // Every job is done but those of workers that died (each held
            // one): hand over the rest, skipping theirs.
            let rest: Vec<R> = state.done[handed..]
                .iter_mut()
                .filter_map(Option::take)
                .collect();
            drop(state);
            rest.into_iter().for_each(take);
            return;
        } else {
            drop(board.changed.wait(state).unwrap_or_else(|e| e.into_inner()));
        }
    }
}

/// What the threads share.
struct Board<T, R> {
    state: Mutex<State<T, R>>,
    changed: Condvar,
}

struct State<T, R> {
    /// The jobs, taken out as they are claimed.
    jobs: Vec<Option<T>>,
    /// The first job not claimed.
    next: usize,
    /// Results waiting to be handed over, by job.
    done: Vec<Option<R>>,
    /// Jobs done (handed over or waiting).
    finished: usize,
    /// Workers that died, each with the job it held.
    failed: usize,
}

impl<T, R> State<T, R> {
    fn claim(&mut self) -> Option<(usize, T)> {
        let k = self.next;
        let job = self.jobs.get_mut(k)?.take()?;
        self.next += 1;
        Some((k, job))
    }
}

impl<T, R> Board<T, R> {
    fn lock(&self) -> MutexGuard<'_, State<T, R>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn claim(&self) -> Option<(usize, T)> {
        self.lock().claim()
    }

    fn finish(&self, k: usize, done: R) {
        let mut state = self.lock();
        state.done[k] = Some(done);
        state.finished += 1;
        drop(state);
        self.changed.notify_all();
    }
}

/// Marks a worker's death on the board (its drop runs while unwinding).
struct Watch<'a, T, R>(&'a Board<T, R>);

impl<T, R> Drop for Watch<'_, T, R> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().failed += 1;
            self.0.changed.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn results_come_in_the_jobs_order_whoever_ran_them() {
        for workers in 1..=4 {
            let mut got = Vec::new();
            in_order(
                (0..40u64).collect(),
                workers,
                |n| {
                    // Later jobs quicker: they finish before earlier ones.
                    std::thread::sleep(Duration::from_micros((40 - n) * 50));
                    n * 10
                },
                |r| got.push(r),
            );
            assert_eq!(got, (0..40).map(|n| n * 10).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_worker_that_dies_loses_only_its_job_and_nothing_hangs() {
        for _ in 0..20 {
            let mut got = Vec::new();
            in_order(
                (0..12u64).collect(),
                3,
                |n| {
                    std::thread::sleep(Duration::from_micros(200));
                    let worker = std::thread::current().name() == Some("share-reader");
                    if n == 5 && worker {
                        panic!("a worker dies on job 5 (expected by this test)");
                    }
                    n
                },
                |r| got.push(r),
            );
            let want: Vec<u64> = (0..12).filter(|&n| n != 5).collect();
            let all: Vec<u64> = (0..12).collect();
            assert!(got == want || got == all, "{got:?}");
        }
    }
}
