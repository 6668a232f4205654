//! The effect runner: everything that touches the state file or writes a
//! report runs here, off the UI task, and comes back as a [`Msg`].
//!
//! [`Files`] does the work (save, export, look for another desk's write);
//! a desk runs it on a worker thread through [`Runner`], so a key, a tick
//! or a signal is never held up by a lock, an fsync or a slow drive. The
//! commands (`status`, `export`) call [`Files::run`] directly: the same code,
//! with nothing else to wait for.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;

use crate::app::{Effect, Msg};
use crate::brief::BriefId;
use crate::review::Event;
use crate::store::{Stamp, Store};
use crate::watch::Watch;

/// Work for the runner.
#[derive(Debug, Clone)]
pub enum Job {
    /// Merge this log into the brief's entry in the state file.
    Save {
        brief: BriefId,
        title: String,
        generation: u64,
        log: Arc<Vec<Event>>,
    },
    /// Write a report to `reports/` beside the state file.
    Export { file_name: String, text: String },
    /// Has another desk written the file? Reload these briefs if so.
    Poll { briefs: Vec<BriefId> },
}

impl Job {
    /// The job for an effect that touches files; the effect itself when it
    /// is the terminal's (the bell, the title).
    pub fn of(effect: Effect) -> Result<Job, Effect> {
        match effect {
            Effect::Save {
                brief,
                title,
                generation,
                log,
            } => Ok(Job::Save {
                brief,
                title,
                generation,
                log,
            }),
            Effect::Export { file_name, text } => Ok(Job::Export { file_name, text }),
            other => Err(other),
        }
    }

    /// Save a watch's log as it is now.
    pub fn save(watch: &Watch) -> Job {
        Job::Save {
            brief: watch.brief.id.clone(),
            title: watch.brief.title.clone(),
            generation: watch.generation,
            log: Arc::clone(&watch.log),
        }
    }
}

/// The state file and what this desk knows of it: the stamp of the file as
/// it last wrote or read it, so that its own writes are not taken for
/// another desk's.
#[derive(Debug)]
pub struct Files {
    store: Store,
    stamp: Option<Stamp>,
    /// The team's share, when the desk has one.
    share: Option<share_link::ShareLink>,
}

impl Files {
    pub fn new(store: Store) -> Self {
        let stamp = store.stamp();
        Files {
            store,
            stamp,
            share: None,
        }
    }

    /// With the team's share: published to after each save, looked at
    /// with each poll.
    pub fn with_share(mut self, link: share_link::ShareLink) -> Self {
        self.share = Some(link);
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Do a job; what came of it (nothing, for a look that found nothing
    /// new; a message a watch, for one that did).
    pub fn run(&mut self, job: Job) -> Vec<Msg> {
        vec![match job {
            Job::Save {
                brief,
                title,
                generation,
                log,
            } => match self.store.save(&brief, &title, &log) {
                Ok(theirs) => {
                    // Our own write is not another desk's change.
                    self.stamp = self.store.stamp();
                    let mut out = vec![Msg::Saved {
                        brief: brief.clone(),
                        generation,
                        theirs,
                    }];
                    if let Some(link) = self.share.as_mut() {
                        out.extend(link.publish(&brief, &log));
                    }
                    return out;
                }
                Err(e) => Msg::SaveFailed {
                    brief,
                    generation,
                    error: e.to_string(),
                },
            },
            Job::Export { file_name, text } => match self.write_report(&file_name, &text) {
                Ok(path) => Msg::Exported {
                    path: path.display().to_string(),
                },
                Err(e) => Msg::ExportFailed {
                    error: e.to_string(),
                },
            },
            Job::Poll { briefs } => {
                let mut out = self.poll(&briefs);
                if let Some(link) = self.share.as_mut() {
                    // What was recorded at this desk by another of its
                    // processes (`watchdesk mark`, `note`, `add` while the
                    // desk runs) goes out now, not at the watch's next save.
                    let mut notes = Vec::new();
                    for msg in &out {
                        match msg {
                            Msg::Reloaded { brief, log } => notes.extend(link.publish(brief, log)),
                            Msg::WatchFound { text, log, .. } => {
                                notes.extend(link.publish(&BriefId::of_text(text), log));
                            }
                            _ => {}
                        }
                    }
                    out.extend(notes);
                    // What the share brought is saved to the state file
                    // first; that write is ours, not another desk's.
                    let before = self.store.stamp();
                    out.extend(link.poll(&self.store, &briefs));
                    if self.store.stamp() != before {
                        self.stamp = self.store.stamp();
                    }
                }
                return out;
            }
        }]
    }

    /// Reports go in `reports/` beside the state file.
    fn write_report(&self, file_name: &str, text: &str) -> io::Result<PathBuf> {
        let dir = self
            .store
            .path()
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .join("reports");
        crate::fsio::create_private_dir_all(&dir)?;
        let path = dir.join(file_name);
        crate::fsio::atomic_write(&path, &[text.as_bytes()])
            .map_err(|e| io::Error::other(e.to_string()))?;
        Ok(path)
    }

    /// Has another desk (or `watchdesk add`, `mark`, `close`...) written
    /// the file since we last saw it? Every watch's log as it is now, and
    /// the watches new to this desk whose brief the library holds.
    fn poll(&mut self, briefs: &[BriefId]) -> Vec<Msg> {
        let stamp = self.store.stamp();
        if stamp == self.stamp || stamp.is_none() {
            self.stamp = stamp;
            return Vec::new();
        }
        self.stamp = stamp;
        // One read of the file for every brief.
        let state = match self.store.load_state() {
            Ok(s) => s,
            Err(e) => {
                return vec![Msg::ReloadFailed {
                    error: e.to_string(),
                }];
            }
        };
        let library = crate::store::library::Library::beside(self.store.path());
        let mut out = Vec::new();
        for (id, entry) in state.briefs {
            let brief = BriefId(id);
            if briefs.contains(&brief) {
                out.push(Msg::Reloaded {
                    brief,
                    log: entry.events,
                });
            } else if let Some(Ok(text)) = library.load_text(&brief) {
                out.push(Msg::WatchFound {
                    source: crate::brief::BriefSource::File(library.path_of(&brief)),
                    text: text.into(),
                    log: entry.events,
                    via: None,
                });
            }
        }
        out
    }
}

pub mod share_link;

/// A worker thread that runs [`Files`] jobs in order and hands each result
/// to `deliver`.
pub struct Runner {
    jobs: Option<mpsc::Sender<Job>>,
    worker: Option<JoinHandle<()>>,
}

impl Runner {
    pub fn spawn(mut files: Files, deliver: impl Fn(Msg) + Send + 'static) -> io::Result<Runner> {
        let (tx, rx) = mpsc::channel::<Job>();
        let worker = std::thread::Builder::new()
            .name("watchdesk-files".into())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    // Whatever queued up meanwhile (keys typed while a save
                    // waited for the lock) goes in one batch.
                    let batch = coalesce(std::iter::once(first).chain(rx.try_iter()).collect());
                    for job in batch {
                        for msg in files.run(job) {
                            deliver(msg);
                        }
                    }
                }
            })?;
        Ok(Runner {
            jobs: Some(tx),
            worker: Some(worker),
        })
    }

    /// Queue a job; it never waits.
    pub fn send(&self, job: Job) {
        if let Some(tx) = &self.jobs {
            let _ = tx.send(job);
        }
    }

    /// Let the queued jobs finish, then stop the worker.
    pub fn finish(mut self) {
        self.jobs = None;
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}

/// A batch of jobs with the saves each brief's newest save makes redundant
/// (it carries their events too) and all but one poll left out.
fn coalesce(jobs: Vec<Job>) -> Vec<Job> {
    let mut seen_save: HashSet<BriefId> = HashSet::new();
    let mut polled = false;
    let mut keep: Vec<Job> = Vec::with_capacity(jobs.len());
    for job in jobs.into_iter().rev() {
        match &job {
            Job::Save { brief, .. } if !seen_save.insert(brief.clone()) => continue,
            Job::Poll { .. } if std::mem::replace(&mut polled, true) => continue,
            _ => keep.push(job),
        }
    }
    keep.reverse();
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    fn save(brief: &str, generation: u64) -> Job {
        Job::Save {
            brief: BriefId(brief.into()),
            title: String::new(),
            generation,
            log: Arc::new(Vec::new()),
        }
    }

    fn label(j: &Job) -> String {
        match j {
            Job::Save {
                brief, generation, ..
            } => format!("save {} {generation}", brief.0),
            Job::Export { file_name, .. } => format!("export {file_name}"),
            Job::Poll { .. } => "poll".into(),
        }
    }

    #[test]
    fn a_batch_keeps_each_briefs_newest_save_and_one_poll() {
        let poll = || Job::Poll { briefs: Vec::new() };
        let export = Job::Export {
            file_name: "r.md".into(),
            text: String::new(),
        };
        let jobs = vec![
            save("a", 1),
            poll(),
            save("b", 1),
            save("a", 2),
            export,
            poll(),
            save("a", 3),
        ];
        let kept: Vec<String> = coalesce(jobs).iter().map(label).collect();
        assert_eq!(kept, ["save b 1", "export r.md", "poll", "save a 3"]);
    }

    #[test]
    fn a_look_finds_another_desks_write_once_and_never_our_own() {
        use crate::review::{Desk, EventKind};
        let dir = std::env::temp_dir().join(format!("wd-effects-{}", Desk::random_id()));
        let path = dir.join("state.json");
        let (a, b) = (BriefId("a".into()), BriefId("b".into()));
        let mut files = Files::new(Store::new(path.clone()));
        let poll = || Job::Poll {
            briefs: vec![a.clone(), b.clone()],
        };
        assert!(files.run(poll()).is_empty(), "no file yet");

        // Another desk writes both briefs.
        let other = Store::new(path.clone());
        let mut desk = Desk::new("other", None, 2);
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap_or_default();
        let e = desk.next(
            at,
            EventKind::Undo {
                of: "x".to_string(),
            },
        );
        other
            .save(&a, "A", std::slice::from_ref(&e))
            .expect("save a");
        other.save(&b, "B", &[]).expect("save b");
        let got: Vec<String> = files
            .run(poll())
            .iter()
            .map(|m| match m {
                Msg::Reloaded { brief, log } => format!("{} {}", brief.0, log.len()),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(got, ["a 1", "b 0"]);
        assert!(files.run(poll()).is_empty(), "nothing new since");

        // Our own save is not another desk's write.
        let saved = files.run(Job::Save {
            brief: b.clone(),
            title: "B".into(),
            generation: 1,
            log: Arc::new(vec![e]),
        });
        assert!(matches!(saved.as_slice(), [Msg::Saved { .. }]), "{saved:?}");
        assert!(files.run(poll()).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
