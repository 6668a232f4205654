//! The JSON state file: one entry per brief id, each an event log (the
//! records and versions are in [`format`]).
//!
//! Saving takes an advisory lock on a sidecar lock file, reads what is on
//! disk, merges its events with ours, writes a temporary file in the same
//! directory, fsyncs it, renames it over the state file, fsyncs the directory
//! and releases the lock. A file that cannot be read is moved aside, never
//! overwritten; a file from a newer version of watchdesk is left alone and
//! the desk runs read-only.

pub mod drafts;
mod format;
pub mod inbox;
pub mod library;
pub mod readings;

pub use format::{BriefState, CURRENT_VERSION, StateFile, parse_state};

use std::collections::HashMap;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::brief::BriefId;
use crate::review::{self, Event};
use chrono::Utc;

/// State files larger than this are decoded as they are read.
const STREAM_ABOVE: u64 = 16 * 1024 * 1024;

/// How long a save waits for another desk to release the lock.
const LOCK_WAIT: Duration = Duration::from_secs(3);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{path}: another desk holds the lock for more than {secs} s", secs = LOCK_WAIT.as_secs())]
    Locked { path: PathBuf },
    #[error(
        "{path}: written by a newer watchdesk (state version {found}, this one reads up to {CURRENT_VERSION}); opened read-only"
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error("{path}: the state file cannot be read ({reason})")]
    Corrupt { path: PathBuf, reason: String },
}

impl StoreError {
    fn io<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError + 'a {
        move |source| StoreError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

/// A cheap fingerprint of the file on disk, to notice another desk's writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    #[cfg(unix)]
    ino: u64,
}

impl Stamp {
    fn of(m: &fs::Metadata) -> Stamp {
        Stamp {
            modified: m.modified().ok(),
            len: m.len(),
            #[cfg(unix)]
            ino: std::os::unix::fs::MetadataExt::ino(m),
        }
    }
}

/// A state file as read: the state and the stamp of the file it came from
/// (none when there is no file).
struct ReadState {
    state: StateFile,
    stamp: Option<Stamp>,
}

/// What opening the state found.
#[derive(Debug)]
pub struct Opened {
    pub state: StateFile,
    /// Something the analyst must be told (a file moved aside, read-only).
    pub notice: Option<String>,
    /// True when the file must not be written (it is from a newer version).
    pub read_only: bool,
}

/// What this desk last wrote (or read): the state, and the file's stamp
/// just after.
#[derive(Debug)]
struct Cached {
    stamp: Stamp,
    state: StateFile,
    /// The events of `state` as last encoded.
    encoded: format::EncodedLogs,
}

/// The state file and its lock.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    /// What this desk last wrote, with the file's stamp just after: while the
    /// file still has that stamp, a save need not read and parse it again.
    cache: std::sync::Arc<std::sync::Mutex<Option<Cached>>>,
}

impl Store {
    pub fn new(path: PathBuf) -> Self {
        Store {
            path,
            cache: Default::default(),
        }
    }

    /// The state as this desk last wrote it (and its encoded events), if
    /// the file is still that one.
    fn cached(&self) -> Option<(StateFile, format::EncodedLogs)> {
        let mut cache = self.cache.lock().ok()?;
        let stamp = cache.as_ref()?.stamp;
        if self.stamp() != Some(stamp) {
            *cache = None;
            return None;
        }
        cache.take().map(|c| (c.state, c.encoded))
    }

    /// `--state`, then `WATCHDESK_STATE` (both handled by the CLI), then the
    /// platform data directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "watchdesk").map(|d| d.data_dir().join("state.json"))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock_path(&self) -> PathBuf {
        sibling(&self.path, ".lock")
    }

    pub fn stamp(&self) -> Option<Stamp> {
        fs::metadata(&self.path).ok().map(|m| Stamp::of(&m))
    }

    /// Read the state file. A missing file is an empty state. A broken one is
    /// moved aside (under the lock, so no desk writes over it meanwhile) and
    /// reported in `notice`.
    pub fn open(&self) -> Result<Opened, StoreError> {
        self.open_keeping(false)
    }

    /// [`Store::open`] for a desk that will save: the store keeps a copy of
    /// what it read, so the first save does not read and parse the file
    /// again (a copy costs a few ms here, the parse three times that there).
    pub fn open_to_save(&self) -> Result<Opened, StoreError> {
        self.open_keeping(true)
    }

    fn open_keeping(&self, keep: bool) -> Result<Opened, StoreError> {
        let remember = |read: ReadState| {
            if keep {
                self.remember(read)
            } else {
                read.state
            }
        };
        match self.read()? {
            Ok(read) => Ok(Opened {
                state: remember(read),
                notice: None,
                read_only: false,
            }),
            Err(err @ StoreError::TooNew { .. }) => Ok(Opened {
                state: StateFile::default(),
                notice: Some(err.to_string()),
                read_only: true,
            }),
            Err(StoreError::Corrupt { reason, .. }) => {
                let _lock = self.lock()?;
                // Look again under the lock: another desk may have fixed it.
                match self.read()? {
                    Ok(read) => Ok(Opened {
                        state: remember(read),
                        notice: None,
                        read_only: false,
                    }),
                    Err(_) => {
                        let aside = self.move_aside()?;
                        Ok(Opened {
                            state: StateFile::default(),
                            notice: Some(format!(
                                "state file moved aside to {} (it could not be read: {reason})",
                                aside.display()
                            )),
                            read_only: false,
                        })
                    }
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Keep a state just read as the cache, while the file is the one it was
    /// read from: the next save need not read the file again, nor encode
    /// the events it already holds.
    fn remember(&self, read: ReadState) -> StateFile {
        let ReadState { state, stamp } = read;
        if let (Some(stamp), Ok(mut cache)) = (stamp, self.cache.lock()) {
            *cache = Some(Cached {
                stamp,
                state: clone_with_room(&state),
                encoded: Default::default(),
            });
        }
        state
    }

    /// Ok(Ok) with the state as read, Ok(Err) for a file that is there but
    /// cannot be used, Err for an I/O failure.
    fn read(&self) -> Result<Result<ReadState, StoreError>, StoreError> {
        // The stamp comes from the open file, taken before reading it: it is
        // that of the bytes read even if another desk renames a new file in
        // meanwhile, and a write in place while reading changes the file's
        // stamp after it.
        let read = File::open(&self.path).and_then(|mut f| {
            let meta = f.metadata()?;
            let stamp = Stamp::of(&meta);
            // A big file of the current version is decoded as it is read,
            // so its text and its events are not held at once (a
            // million-event file is 150 MB of text); anything else, or a
            // file that does not decode so, is read whole below.
            if meta.len() > STREAM_ABOVE {
                if let Some(state) = format::parse_state_streaming(io::BufReader::new(&f)) {
                    return Ok(Err(ReadState {
                        state,
                        stamp: Some(stamp),
                    }));
                }
                io::Seek::rewind(&mut f)?;
            }
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            io::Read::read_to_end(&mut f, &mut bytes)?;
            Ok(Ok((bytes, Some(stamp))))
        });
        let read = match read {
            Ok(Err(streamed)) => return Ok(Ok(streamed)),
            Ok(Ok(r)) => Ok(r),
            Err(e) => Err(e),
        };
        match read {
            Ok((bytes, stamp)) => {
                let text = match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(_) => {
                        return Ok(Err(StoreError::Corrupt {
                            path: self.path.clone(),
                            reason: "not UTF-8 text".into(),
                        }));
                    }
                };
                if text.trim().is_empty() {
                    return Ok(Err(StoreError::Corrupt {
                        path: self.path.clone(),
                        reason: "the file is empty".into(),
                    }));
                }
                Ok(parse_state(&self.path, &text).map(|state| ReadState { state, stamp }))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Ok(ReadState {
                state: StateFile::default(),
                stamp: None,
            })),
            Err(e) => Err(StoreError::io(&self.path, "cannot read the state file")(e)),
        }
    }

    fn move_aside(&self) -> Result<PathBuf, StoreError> {
        let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
        let mut aside = sibling(&self.path, &format!(".broken-{stamp}"));
        let mut n = 1;
        while aside.exists() {
            aside = sibling(&self.path, &format!(".broken-{stamp}-{n}"));
            n += 1;
        }
        fs::rename(&self.path, &aside).map_err(StoreError::io(
            &self.path,
            "cannot move the unreadable state file aside",
        ))?;
        Ok(aside)
    }

    fn lock(&self) -> Result<File, StoreError> {
        let lock_path = self.lock_path();
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            crate::fsio::create_private_dir_all(dir)
                .map_err(StoreError::io(dir, "cannot create the state directory"))?;
        }
        let file = crate::fsio::open_lock(&lock_path)
            .map_err(StoreError::io(&lock_path, "cannot open the lock file"))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked { path: lock_path });
                }
                Err(fs::TryLockError::Error(e)) => {
                    return Err(StoreError::io(&lock_path, "cannot lock the state file")(e));
                }
            }
        }
    }

    /// Merge `events` into the brief's log on disk and write the file
    /// atomically. Returns the events the file held that `events` lacks (the
    /// other desks' work, usually none): with `events` they make up the log
    /// now on disk. A file on disk that cannot be read is never overwritten.
    pub fn save(
        &self,
        id: &BriefId,
        title: &str,
        events: &[Event],
    ) -> Result<Vec<Event>, StoreError> {
        let _lock = self.lock()?;
        self.clear_stale_temps();
        let (mut state, mut encoded) = match self.cached() {
            Some(c) => c,
            None => (self.read()??.state, Default::default()),
        };
        let entry = state.briefs.entry(id.0.clone()).or_default();
        // The everyday save: the file holds a prefix of our log (nothing new
        // from another desk), so our new events are appended as they are.
        let on_disk = entry.events.len();
        let mut theirs = Vec::new();
        if on_disk <= events.len()
            && entry.events.iter().zip(events).all(|(a, b)| a == b)
            && events[on_disk..]
                .windows(2)
                .all(|w| w[0].order(&w[1]).is_lt())
            && entry
                .events
                .last()
                .zip(events.get(on_disk))
                .is_none_or(|(a, b)| a.order(b).is_lt())
        {
            entry.events.extend_from_slice(&events[on_disk..]);
        } else {
            // Another desk wrote since (or the file is new to us): the
            // caller is told what it lacks, not handed the whole log back.
            // An id both hold with different content is kept twice by the
            // merge; the caller lacks every record it does not hold as is.
            let merged = review::merge(events, &entry.events);
            let ours: HashMap<&str, &Event> = events.iter().map(|e| (e.id.as_str(), e)).collect();
            theirs = merged
                .iter()
                .filter(|e| ours.get(e.id.as_str()).is_none_or(|o| *o != *e))
                .cloned()
                .collect();
            entry.events = merged;
            encoded.forget(&id.0);
        }
        if !title.is_empty() {
            entry.title = title.to_string();
        }
        state.version = CURRENT_VERSION;
        crate::fsio::atomic_write_with(&self.path, |f| {
            let mut w = io::BufWriter::with_capacity(1 << 20, f);
            format::encode_cached_to(&mut state, &mut encoded, &mut w).map_err(io::Error::other)?;
            io::Write::flush(&mut w)
        })
        .map_err(|e| StoreError::Io {
            path: e.path,
            action: e.action,
            source: e.source,
        })?;
        if let (Some(stamp), Ok(mut cache)) = (self.stamp(), self.cache.lock()) {
            *cache = Some(Cached {
                stamp,
                state,
                encoded,
            });
        }
        Ok(theirs)
    }

    /// The whole state as it is on disk now, for a query: a file that
    /// cannot be read is an error and is left where it is.
    pub fn peek(&self) -> Result<StateFile, StoreError> {
        self.read()?.map(|r| r.state)
    }

    /// The whole state as it is on disk now (for picking up another desk's
    /// work and new watches); kept as the save cache like [`Store::load_events`].
    pub fn load_state(&self) -> Result<StateFile, StoreError> {
        Ok(self.remember(self.read()??))
    }

    /// The brief's log as it is on disk now (for picking up another desk's
    /// work). Unreadable files give an error and are left alone.
    pub fn load_events(&self, id: &BriefId) -> Result<Vec<Event>, StoreError> {
        let mut logs = self.load_logs(std::slice::from_ref(id))?;
        Ok(logs.pop().unwrap_or_default())
    }

    /// Each brief's log as it is on disk now, in the order asked, from one
    /// read of the file (a desk with many watches).
    pub fn load_logs(&self, ids: &[BriefId]) -> Result<Vec<Vec<Event>>, StoreError> {
        let mut state = self.remember(self.read()??);
        Ok(ids
            .iter()
            .map(|id| {
                state
                    .briefs
                    .remove(&id.0)
                    .map(|b| b.events)
                    .unwrap_or_default()
            })
            .collect())
    }

    /// Every write happens under the lock, so a temp file seen while it is
    /// held was left by a writer that died mid-save (kill -9, power loss).
    fn clear_stale_temps(&self) {
        let Some(name) = self.path.file_name() else {
            return;
        };
        let mut prefix = name.to_os_string();
        prefix.push(".tmp-");
        let prefix = prefix.to_string_lossy().into_owned();
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if let Ok(entries) = fs::read_dir(&dir) {
            for e in entries.flatten() {
                if e.file_name().to_string_lossy().starts_with(&prefix) {
                    let _ = fs::remove_file(e.path());
                }
            }
        }
    }
}

/// A copy of `state` whose logs have room for an eighth more events: the
/// saves that follow append to them without moving them (a million
/// events' handles are 8 MB, and a move leaves the old block to the
/// allocator).
fn clone_with_room(state: &StateFile) -> StateFile {
    let briefs = state
        .briefs
        .iter()
        .map(|(id, b)| {
            let mut events = Vec::with_capacity(b.events.len() + b.events.len() / 8 + 16);
            events.extend_from_slice(&b.events);
            let entry = format::BriefState {
                title: b.title.clone(),
                events,
                extra: b.extra.clone(),
            };
            (id.clone(), entry)
        })
        .collect();
    StateFile {
        version: state.version,
        briefs,
        extra: state.extra.clone(),
    }
}

/// `state.json` + suffix, in the same directory.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}
