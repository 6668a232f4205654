//! The share: a folder that a team's desks keep in step through tools they
//! already run (Syncthing, Dropbox, a network drive, a git repository), with
//! no server and no lock across machines.
//!
//! # Layout
//!
//! ```text
//! DIR/desks/<desk>.jsonl       this desk's events, one JSON object a line, appended
//! DIR/desks/<desk>.meta.json   desk id, analyst, last seen, incarnation (rewritten)
//! DIR/briefs/<brief-id>.txt    brief texts, named by the hash of their text
//! DIR/.gitattributes           when the share is a git work tree (see [`git`])
//! ```
//!
//! Each desk writes only its own two files and brief texts (which are the
//! same bytes whoever writes them), and reads everyone else's: one writer
//! per file, as maildir does. Only events recorded at this desk (whose
//! `desk` is this desk's id) are published, so no two desks ever write one
//! event.
//!
//! Events are appended as JSON Lines, `{"brief":ID,"inc":INCARNATION,
//! "event":{...}}`, rather than the file being rewritten: a sync tool sends
//! only the new tail, a reader reads only what grew since its last look, a
//! half-copied file is still good up to its last whole line, and git merges
//! two versions of it line by line (`merge=union`). An append is one write
//! of whole lines followed by an fsync; the one thing it cannot promise is
//! that a crash mid-write leaves no unfinished last line, so a desk that
//! finds its own file ending in one rewrites it without that line (a temp
//! file, fsync, rename) and publishes the event again (it is still in the
//! state file). The meta file and brief texts are written whole, to a temp
//! file in the same directory, fsynced and renamed into place.
//!
//! # What sync tools leave behind
//!
//! Temporary files (`.syncthing.*.tmp`, `~syncthing~*`, `.dropbox*`,
//! `*.tmp`, `*.part`, `.~lock*`, `.#*`, any dot file) are never read.
//! Conflict copies (`NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT`,
//! `NAME (... conflicted copy ...)`, `NAME (Case Conflict)`,
//! `NAME-conflict-...`) are read like the file they copy; a conflict copy of
//! this desk's own events file is folded back into it (the events it lacks
//! are appended) and then removed; nobody else's file is ever moved,
//! rewritten or removed. A line that is not whole yet is left until it is;
//! a bad line in the middle is skipped and counted. A file that shrinks or
//! disappears takes nothing away: the caller keeps what it has seen.
//! An event id seen twice with different contents is reported as a
//! [`Problem::DuplicateId`] (the first copy is kept, the second is left
//! in its file).
//!
//! # The API the desk calls (through the effect runner, off the UI task)
//!
//! ```text
//! let mut share = Share::open(ShareOptions { dir, data_dir, desk: None, analyst })?;
//! share.publish_brief(&brief_text)?;         // when a brief is added
//! share.publish(&watch.brief.id, &watch.log)?; // after each save: appends this desk's new events
//! let r = share.poll();                       // every <= 2 s: cheap when nothing changed
//! //  r.events: new events per brief id       -> Watch::absorb (union by id)
//! //  r.briefs: new brief texts (verified)    -> the brief library
//! //  r.peers: the other desks, analyst, last seen -> the header
//! //  r.problems: cloned desk id, skipped lines, duplicate ids -> the status bar
//! //  r.unreachable: the share cannot be read -> "share unreachable" in the header
//! //  r.republish: this desk's file lost events -> publish every watch again
//! ```
//!
//! `git::sync` commits, pulls and pushes a share that is a git work tree
//! (the `watchdesk sync` command, and the desk's timer, `git_sync_minutes`).
//! [`shift::shift`] says who holds a watch and whether a handover waits to
//! be accepted; `review::disputes` which indicators are disputed.

mod cursor;
mod files;
pub mod git;
pub mod identity;
mod load;
pub mod names;
mod poll;
mod pool;
pub mod shift;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::brief::BriefId;
use crate::review::Event;

pub use identity::Identity;

/// How often a desk rewrites its meta file to say it is still there.
pub const HEARTBEAT_SECS: i64 = 60;

/// The local lock (in the desk's data directory, never in the share) that
/// keeps two processes of one desk (the desk and `watchdesk sync`) from
/// appending at once.
const LOCK_FILE: &str = "share.lock";

#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    #[error("{path}: {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{path}: the desk id {id:?} cannot name a file in the share (1-64 of A-Z a-z 0-9 - _)")]
    BadDeskId { path: PathBuf, id: String },
    #[error("the operating system's random source failed: {0}")]
    Random(String),
    #[error("{0}")]
    Git(String),
}

impl ShareError {
    pub(crate) fn io<'a>(
        path: &'a Path,
        action: &'static str,
    ) -> impl FnOnce(io::Error) -> ShareError + 'a {
        move |source| ShareError::Io {
            path: path.to_path_buf(),
            action,
            source,
        }
    }
}

/// Where the share is and who this desk is.
#[derive(Debug, Clone)]
pub struct ShareOptions {
    /// The shared folder.
    pub dir: PathBuf,
    /// The desk's own data directory (beside the state file): its id,
    /// incarnation and local lock live there.
    pub data_dir: PathBuf,
    /// The desk id, instead of the one kept in the data directory.
    pub desk: Option<String>,
    /// The analyst's name, shown to the other desks.
    pub analyst: Option<String>,
}

/// A desk's meta file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub desk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analyst: Option<String>,
    pub last_seen: DateTime<Utc>,
    pub incarnation: String,
}

/// Another desk on the share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub desk: String,
    pub analyst: Option<String>,
    /// The later of its meta file's heartbeat and its newest event.
    pub last_seen: Option<DateTime<Utc>>,
    /// How many of its events this desk has read.
    pub events: usize,
}

/// Something the analyst should be told; each is reported once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Another install writes under this desk's id (a copied data folder).
    ClonedDesk {
        desk: String,
        incarnation: String,
        file: PathBuf,
    },
    /// A line that is not an event (it is skipped; the rest is read).
    SkippedLine {
        file: PathBuf,
        line: usize,
        reason: String,
    },
    /// One event id with two different contents.
    DuplicateId { id: String, file: PathBuf },
    /// A file in `briefs/` whose text does not hash to its name.
    BadBrief { file: PathBuf, reason: String },
    /// A file that could not be read or written.
    Io { file: PathBuf, error: String },
    /// A conflict copy of this desk's file, folded back and removed.
    FoldedConflictCopy { file: PathBuf, events: usize },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::ClonedDesk {
                desk,
                incarnation,
                file,
            } => write!(
                f,
                "{}: another desk writes as this desk ({desk}, install {incarnation}): a copied data folder? Remove desk-id and desk-incarnation from the copy's data directory",
                file.display()
            ),
            Problem::SkippedLine { file, line, reason } => {
                write!(f, "{}:{line}: skipped: {reason}", file.display())
            }
            Problem::DuplicateId { id, file } => write!(
                f,
                "{}: event {id} is there with different contents from the copy already read; both are kept on disk, the first is used",
                file.display()
            ),
            Problem::BadBrief { file, reason } => {
                write!(f, "{}: ignored: {reason}", file.display())
            }
            Problem::Io { file, error } => write!(f, "{}: {error}", file.display()),
            Problem::FoldedConflictCopy { file, events } => write!(
                f,
                "{}: a conflict copy of this desk's file: {events} event(s) folded back, the copy removed",
                file.display()
            ),
        }
    }
}

/// What one look at the share found.
#[derive(Debug, Default)]
pub struct PollResult {
    /// Events not seen before, per brief id, each list in (stamp, desk, id)
    /// order.
    pub events: BTreeMap<BriefId, Vec<Event>>,
    /// Brief texts not seen before, checked against their ids.
    pub briefs: Vec<(BriefId, String)>,
    /// Every other desk seen so far.
    pub peers: Vec<Peer>,
    pub problems: Vec<Problem>,
    /// Lines skipped in this look.
    pub skipped: usize,
    /// The share could not be read (a network drive gone): why.
    pub unreachable: Option<String>,
    /// This desk's own file lost events (it shrank, was replaced or
    /// removed): publish every watch again.
    pub republish: bool,
    /// Each new event's stamp and desk, beside `events`, for their sort.
    order: HashMap<BriefId, Vec<(u64, crate::review::Name)>>,
}

impl PollResult {
    /// How many new events in all.
    pub fn event_count(&self) -> usize {
        self.events.values().map(Vec::len).sum()
    }
}

/// A line of a desk's events file, as written.
#[derive(Serialize)]
struct LineOut<'a> {
    brief: &'a str,
    inc: &'a str,
    event: &'a Event,
}

/// A line of a desk's events file, as read.
#[derive(Deserialize)]
struct LineIn {
    /// Interned: every line of a file names the same few.
    brief: crate::review::Name,
    #[serde(default)]
    inc: Option<crate::review::Name>,
    event: Event,
}

/// What a desk has been seen to do, from its events.
#[derive(Debug, Default, Clone)]
struct Seen {
    events: usize,
    newest: Option<DateTime<Utc>>,
    analyst: Option<String>,
    analyst_stamp: u64,
}

/// This desk's view of a share.
pub struct Share {
    dir: PathBuf,
    identity: Identity,
    analyst: Option<String>,
    lock_path: PathBuf,
    clock: Box<dyn Fn() -> DateTime<Utc> + Send>,
    cursors: HashMap<PathBuf, cursor::Cursor>,
    /// Every event id read or written, with a hash of its line.
    known: HashMap<crate::review::EventId, u64, Quick>,
    /// The ids in this desk's own events file.
    own_ids: HashSet<crate::review::EventId, Quick>,
    /// Brief files read (None) or refused (with their length and mtime, to
    /// look again once they change: a half-copied text).
    brief_files: HashMap<String, Option<(u64, Option<std::time::SystemTime>)>>,
    metas: HashMap<String, Meta>,
    meta_looks: HashMap<PathBuf, FileLook>,
    seen: HashMap<String, Seen>,
    reported: HashSet<String>,
    meta_written: Option<DateTime<Utc>>,
    polled: bool,
    /// Found while publishing, handed out by the next poll.
    pending: PollResult,
}

impl std::fmt::Debug for Share {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Share")
            .field("dir", &self.dir)
            .field("identity", &self.identity)
            .finish_non_exhaustive()
    }
}

impl Share {
    /// Open a share: make `desks/` and `briefs/` if missing, load or make
    /// this desk's identity. Nothing is read yet (the first [`Share::poll`]
    /// reads everything).
    pub fn open(opts: ShareOptions) -> Result<Share, ShareError> {
        let identity = Identity::load_or_create(&opts.data_dir, opts.desk.as_deref())?;
        for sub in ["desks", "briefs"] {
            let d = opts.dir.join(sub);
            fs::create_dir_all(&d).map_err(ShareError::io(&d, "cannot create the folder"))?;
        }
        Ok(Share {
            dir: opts.dir,
            identity,
            analyst: opts.analyst,
            lock_path: opts.data_dir.join(LOCK_FILE),
            clock: Box::new(crate::clock::wall_now),
            cursors: HashMap::new(),
            known: HashMap::default(),
            own_ids: HashSet::default(),
            brief_files: HashMap::new(),
            metas: HashMap::new(),
            meta_looks: HashMap::new(),
            seen: HashMap::new(),
            reported: HashSet::new(),
            meta_written: None,
            polled: false,
            pending: PollResult::default(),
        })
    }

    /// The same share read with another clock (tests, and skewed desks).
    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + 'static) -> Share {
        self.clock = Box::new(clock);
        self
    }

    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This desk's events file.
    pub fn events_path(&self) -> PathBuf {
        self.dir
            .join("desks")
            .join(format!("{}.jsonl", self.identity.desk))
    }

    /// This desk's meta file.
    pub fn meta_path(&self) -> PathBuf {
        self.dir
            .join("desks")
            .join(format!("{}.meta.json", self.identity.desk))
    }

    /// The local lock, held while this desk's own files are written.
    fn lock(&self) -> Result<File, ShareError> {
        lock_at(&self.lock_path)
    }

    /// Append this desk's events of `log` (those whose `desk` is this
    /// desk's) that its file lacks. How many were written.
    pub fn publish(&mut self, brief: &BriefId, log: &[Event]) -> Result<usize, ShareError> {
        self.publish_many(&[(brief, log)])
    }

    /// [`Share::publish`] for several watches at once, in one write.
    pub fn publish_many(&mut self, logs: &[(&BriefId, &[Event])]) -> Result<usize, ShareError> {
        let _lock = self.lock()?;
        let own = self.events_path();
        // What is in the file now (another process of this desk may have
        // appended), and a torn last line mended.
        self.catch_up_own(&own)?;
        let mut out = Vec::new();
        let mut written = 0;
        let mut added: Vec<String> = Vec::new();
        for (brief, log) in logs {
            for e in log.iter().filter(|e| e.desk == self.identity.desk) {
                if self.own_ids.contains(e.id.as_str()) {
                    continue;
                }
                let start = out.len();
                let line = LineOut {
                    brief: brief.as_str(),
                    inc: &self.identity.incarnation,
                    event: e,
                };
                serde_json::to_writer(&mut out, &line)
                    .map_err(|err| ShareError::io(&own, "cannot encode an event")(err.into()))?;
                out.push(b'\n');
                self.known
                    .insert(e.id.clone(), line_hash(&out[start..out.len() - 1]));
                self.own_ids.insert(e.id.clone());
                added.push(e.id.to_string());
                written += 1;
            }
        }
        if !out.is_empty() {
            if let Err(e) = files::append(&own, &out) {
                // Not written (the share is away): they go out next time.
                for id in &added {
                    self.own_ids.remove(id.as_str());
                    self.known.remove(id.as_str());
                }
                return Err(e);
            }
            self.catch_up_own(&own)?;
        }
        if self.meta_written.is_none() {
            self.write_meta_locked()?;
        }
        Ok(written)
    }

    /// Put a brief's text in `briefs/<id>.txt` unless it is there. Its id.
    pub fn publish_brief(&mut self, text: &str) -> Result<BriefId, ShareError> {
        let id = BriefId::of_text(text);
        let name = format!("{id}.txt");
        let path = self.dir.join("briefs").join(&name);
        if !path.exists() {
            files::write_shared(&path, text.as_bytes())?;
        }
        self.brief_files.insert(name, None);
        Ok(id)
    }

    /// Rewrite this desk's meta file now (it says when it was last seen).
    pub fn write_meta(&mut self) -> Result<(), ShareError> {
        let _lock = self.lock()?;
        self.write_meta_locked()
    }

    fn write_meta_locked(&mut self) -> Result<(), ShareError> {
        let now = (self.clock)();
        let text = self.meta_text(now)?;
        let path = self.meta_path();
        files::write_shared(&path, &text)?;
        self.meta_done(now, look_of_meta(&path));
        Ok(())
    }

    /// The meta file's text, saying this desk was seen at `now`.
    fn meta_text(&self, now: DateTime<Utc>) -> Result<Vec<u8>, ShareError> {
        let meta = Meta {
            desk: self.identity.desk.clone(),
            analyst: self.analyst.clone(),
            last_seen: now,
            incarnation: self.identity.incarnation.clone(),
        };
        serde_json::to_vec_pretty(&meta)
            .map_err(|e| ShareError::io(&self.meta_path(), "cannot encode")(e.into()))
    }

    /// The meta file was written at `now`, and looked like `look` right
    /// after (under the lock): that look is ours, not a clone's.
    fn meta_done(&mut self, now: DateTime<Utc>, look: Option<FileLook>) {
        if let Some(look) = look {
            self.meta_looks.insert(self.meta_path(), look);
        }
        self.meta_written = Some(now);
    }
}

/// Take the local lock at `path`, held while this desk's own files are
/// written (released when the file is dropped).
fn lock_at(path: &Path) -> Result<File, ShareError> {
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(ShareError::io(path, "cannot open the lock file"))?;
    f.lock().map_err(ShareError::io(path, "cannot lock"))?;
    Ok(f)
}

/// Write this desk's meta file under the local lock at `lock`, and take its
/// look right after, still under the lock: a clone of this desk rewriting
/// it later is then a change to read.
fn write_meta_file(lock: &Path, path: &Path, text: &[u8]) -> Result<Option<FileLook>, ShareError> {
    let _lock = lock_at(lock)?;
    files::write_shared(path, text)?;
    Ok(look_of_meta(path))
}

/// A small file's length and modification time, to tell when it changed.
type FileLook = (u64, Option<std::time::SystemTime>);

fn look_of_meta(path: &Path) -> Option<FileLook> {
    fs::metadata(path)
        .ok()
        .map(|m| (m.len(), m.modified().ok()))
}

/// A hash of a line's bytes, to tell two copies of one event id apart.
/// The hasher of the maps keyed by event id: a share's first look fills
/// them with every event of every desk, and the standard hasher's keyed
/// SipHash costs more than the lookups themselves.
type Quick = std::hash::BuildHasherDefault<QuickHasher>;

#[derive(Default)]
struct QuickHasher(u64);

impl std::hash::Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(5) ^ line_hash(bytes);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A line's hash, to tell a repeated line from a changed one.
fn line_hash(bytes: &[u8]) -> u64 {
    crate::text::quick_hash(bytes)
}

/// Text from outside (git's messages, names from files) fit for a terminal:
/// control characters (escape sequences, C1, bidi overrides) become `?`;
/// line breaks and tabs stay.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
            if (c.is_control() && c != '\n' && c != '\t') || bidi {
                '?'
            } else {
                c
            }
        })
        .collect()
}
