//! The JSON state file: one entry per brief id, each an event log.
//!
//! Saving takes an advisory lock on a sidecar lock file, reads what is on
//! disk, merges its events with ours, writes a temporary file in the same
//! directory, fsyncs it, renames it over the state file, fsyncs the directory
//! and releases the lock. A file that cannot be read is moved aside, never
//! overwritten; a file from a newer version of watchdesk is left alone and
//! the desk runs read-only.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use chrono::Utc;
use serde::{Deserialize, Serialize};

use crate::brief::BriefId;
use crate::review::{self, Event};

/// The state file format this program writes.
pub const CURRENT_VERSION: u32 = 1;

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

/// One brief's entry in the state file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BriefState {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// The whole state file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateFile {
    pub version: u32,
    #[serde(default)]
    pub briefs: BTreeMap<String, BriefState>,
}

impl Default for StateFile {
    fn default() -> Self {
        StateFile {
            version: CURRENT_VERSION,
            briefs: BTreeMap::new(),
        }
    }
}

/// Bring an older file up to the current layout. Each step takes the JSON of
/// one version to the next; version 1 is the first, so there are none yet,
/// but the loader runs every file through here.
fn migrate(mut value: serde_json::Value, from: u32) -> Result<serde_json::Value, String> {
    let mut version = from;
    while version < CURRENT_VERSION {
        match version {
            // A file without a version (or version 0) is the same layout.
            0 => version = 1,
            v => return Err(format!("no migration from state version {v}")),
        }
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("version".into(), CURRENT_VERSION.into());
    }
    Ok(value)
}

/// Parse the text of a state file. `Err(Corrupt)` for broken JSON or the
/// wrong shape, `Err(TooNew)` for a newer version.
pub fn parse_state(path: &Path, text: &str) -> Result<StateFile, StoreError> {
    // The everyday case: a file of the current version, read straight into
    // the types. Anything else (an older or newer file, a broken one) takes
    // the slow path below, which migrates and words the errors.
    if let Ok(mut state) = serde_json::from_str::<StateFile>(text)
        && state.version == CURRENT_VERSION
    {
        for brief in state.briefs.values_mut() {
            review::normalise_log(&mut brief.events);
        }
        return Ok(state);
    }
    parse_state_slow(path, text)
}

fn parse_state_slow(path: &Path, text: &str) -> Result<StateFile, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| corrupt(format!("not valid JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| corrupt("the top level is not a JSON object".into()))?;
    let version = match obj.get("version") {
        None => 0,
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| corrupt(format!("\"version\" is not a whole number: {v}")))?,
    };
    if version > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
        });
    }
    let value = migrate(value, version).map_err(corrupt)?;
    let mut state: StateFile =
        serde_json::from_value(value).map_err(|e| corrupt(format!("unexpected layout: {e}")))?;
    for brief in state.briefs.values_mut() {
        review::normalise_log(&mut brief.events);
    }
    Ok(state)
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

/// A state file as read: the state, the stamp of the file it came from (none
/// when there is no file) and its text.
struct ReadState {
    state: StateFile,
    stamp: Option<Stamp>,
    text: String,
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

/// Each brief's events encoded as JSON, by brief id.
type Frags = BTreeMap<String, Encoded>;

/// A brief's events as they stand in the file: `e1,\ne2,\n...en`, in one
/// buffer, so a save appends the new events and writes it as it is.
#[derive(Debug, Default)]
struct Encoded {
    text: Vec<u8>,
    /// Where event i's text ends in `text`.
    ends: Vec<usize>,
}

impl Encoded {
    /// Bring the text in step with `events`, of which it holds a prefix:
    /// encode only the events it lacks.
    fn update(&mut self, events: &[Event]) -> serde_json::Result<()> {
        if self.ends.len() > events.len() {
            self.ends.truncate(events.len());
            self.text.truncate(self.ends.last().copied().unwrap_or(0));
        }
        for e in &events[self.ends.len()..] {
            if !self.ends.is_empty() {
                self.text.extend_from_slice(b",\n");
            }
            serde_json::to_writer(&mut self.text, e)?;
            self.ends.push(self.text.len());
        }
        Ok(())
    }
}

/// What this desk last wrote: the state, the file's stamp just after, and
/// each brief's events already encoded as JSON.
#[derive(Debug)]
struct Cached {
    stamp: Stamp,
    state: StateFile,
    frags: Frags,
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

    /// The state as this desk last wrote it, if the file is still that one.
    fn cached(&self) -> Option<(StateFile, Frags)> {
        let mut cache = self.cache.lock().ok()?;
        let stamp = cache.as_ref()?.stamp;
        if self.stamp() != Some(stamp) {
            *cache = None;
            return None;
        }
        cache.take().map(|c| (c.state, c.frags))
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
        let ReadState { state, stamp, text } = read;
        if let (Some(stamp), Ok(mut cache)) = (stamp, self.cache.lock()) {
            *cache = Some(Cached {
                stamp,
                frags: frags_of(&state, &text).unwrap_or_default(),
                state: state.clone(),
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
            let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
            io::Read::read_to_end(&mut f, &mut bytes)?;
            Ok((bytes, Some(Stamp::of(&meta))))
        });
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
                Ok(parse_state(&self.path, &text).map(|state| ReadState { state, stamp, text }))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Ok(ReadState {
                state: StateFile::default(),
                stamp: None,
                text: String::new(),
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
        let (mut state, mut frags) = match self.cached() {
            Some(c) => c,
            None => (self.read()??.state, BTreeMap::new()),
        };
        let entry = state.briefs.entry(id.0.clone()).or_default();
        // The everyday save: the file holds a prefix of our log (nothing new
        // from another desk), so our new events are appended as they are.
        let on_disk = entry.events.len();
        let mut theirs = Vec::new();
        if on_disk <= events.len()
            && entry.events.iter().zip(events).all(|(a, b)| a.id == b.id)
            && events[on_disk..]
                .windows(2)
                .all(|w| (w[0].at, &w[0].id) < (w[1].at, &w[1].id))
            && entry
                .events
                .last()
                .zip(events.get(on_disk))
                .is_none_or(|(a, b)| (a.at, &a.id) < (b.at, &b.id))
        {
            entry.events.extend_from_slice(&events[on_disk..]);
        } else {
            // Another desk wrote since (or the file is new to us): the
            // caller is told what it lacks, not handed the whole log back.
            let ours: HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
            theirs = entry
                .events
                .iter()
                .filter(|e| !ours.contains(e.id.as_str()))
                .cloned()
                .collect();
            entry.events = review::merge(events, &entry.events);
            frags.remove(&id.0);
        }
        if !title.is_empty() {
            entry.title = title.to_string();
        }
        state.version = CURRENT_VERSION;
        let glue = encode(&state, &mut frags).map_err(|e| StoreError::Io {
            path: self.path.clone(),
            action: "cannot encode the state",
            source: io::Error::other(e),
        })?;
        // The text around each brief's events, then its events, in order.
        let mut parts: Vec<&[u8]> = Vec::with_capacity(2 * glue.len());
        for (g, id) in glue.iter().zip(state.briefs.keys().map(Some).chain([None])) {
            parts.push(g);
            if let Some(f) = id.and_then(|id| frags.get(id)) {
                parts.push(&f.text);
            }
        }
        self.write_atomic(&parts)?;
        if let (Some(stamp), Ok(mut cache)) = (self.stamp(), self.cache.lock()) {
            *cache = Some(Cached {
                stamp,
                state,
                frags,
            });
        }
        Ok(theirs)
    }

    /// The brief's log as it is on disk now (for picking up another desk's
    /// work). Unreadable files give an error and are left alone.
    pub fn load_events(&self, id: &BriefId) -> Result<Vec<Event>, StoreError> {
        let mut state = self.remember(self.read()??);
        Ok(state
            .briefs
            .remove(&id.0)
            .map(|b| b.events)
            .unwrap_or_default())
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

    /// Write `parts`, one after the other, as the new state file: see
    /// [`crate::fsio::atomic_write`] (mode kept, links written through).
    fn write_atomic(&self, parts: &[&[u8]]) -> Result<(), StoreError> {
        crate::fsio::atomic_write(&self.path, parts).map_err(|e| StoreError::Io {
            path: e.path,
            action: e.action,
            source: e.source,
        })
    }
}

/// The state as JSON, one event a line, without copying the events: brings
/// each brief's encoded events in `frags` up to date (encoding only the new
/// ones) and returns the text around them (see [`glue`]).
fn encode(state: &StateFile, frags: &mut Frags) -> serde_json::Result<Vec<Vec<u8>>> {
    for (id, brief) in &state.briefs {
        frags.entry(id.clone()).or_default().update(&brief.events)?;
    }
    glue(state)
}

/// The text around the briefs' events in the file: the file is `glue[0]`,
/// the first brief's events, `glue[1]`, the second's, ..., and the last
/// `glue`.
fn glue(state: &StateFile) -> serde_json::Result<Vec<Vec<u8>>> {
    let mut glue = Vec::with_capacity(state.briefs.len() + 1);
    let mut g = Vec::new();
    write!(g, "{{\"version\":{},\"briefs\":{{", state.version).map_err(serde_json::Error::io)?;
    for (k, (id, brief)) in state.briefs.iter().enumerate() {
        if k > 0 {
            g.extend_from_slice(b"\n]},");
        }
        serde_json::to_writer(&mut g, id)?;
        g.extend_from_slice(b":{\"title\":");
        serde_json::to_writer(&mut g, &brief.title)?;
        g.extend_from_slice(b",\"events\":[\n");
        glue.push(std::mem::take(&mut g));
    }
    if !state.briefs.is_empty() {
        g.extend_from_slice(b"\n]}");
    }
    g.extend_from_slice(b"}}\n");
    glue.push(g);
    Ok(glue)
}

/// Each brief's encoded events, taken from the text of a file laid out as
/// `encode` writes it (the glue exactly, one event a line), so a desk that
/// opened the file need not encode them all on its first save. None for any
/// other layout (another writer, a hand edit): the save encodes them then.
/// Written again, the events keep the very bytes they had in the file.
fn frags_of(state: &StateFile, text: &str) -> Option<Frags> {
    let glue = glue(state).ok()?;
    let mut rest = text.strip_prefix(std::str::from_utf8(&glue[0]).ok()?)?;
    let mut frags = Frags::new();
    for ((id, brief), after) in state.briefs.iter().zip(&glue[1..]) {
        // A newline is never inside an event (JSON escapes it in strings),
        // so the first one followed by `]}` closes the brief's events.
        let len = rest.find("\n]}")?;
        let section = &rest[..len];
        let mut ends = Vec::with_capacity(brief.events.len());
        for (at, _) in section.match_indices('\n') {
            // Each event but the last ends in a comma before its newline.
            section[..at].ends_with(',').then_some(())?;
            ends.push(at - 1);
        }
        if !section.is_empty() {
            ends.push(section.len());
        }
        (ends.len() == brief.events.len()).then_some(())?;
        // In the order read: the events are sorted as they are parsed, and a
        // file put out of order by hand would otherwise keep its order.
        let starts = std::iter::once(0).chain(ends.iter().map(|e| e + 2));
        for ((start, end), event) in starts.zip(&ends).zip(&brief.events) {
            let fields = section[start..*end].strip_prefix("{\"id\":")?;
            let id = serde_json::to_string(&event.id).ok()?;
            fields.starts_with(&id).then_some(())?;
        }
        frags.insert(
            id.clone(),
            Encoded {
                text: section.as_bytes().to_vec(),
                ends,
            },
        );
        rest = rest[len..].strip_prefix(std::str::from_utf8(after).ok()?)?;
    }
    rest.is_empty().then_some(frags)
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
