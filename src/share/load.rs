//! The heavy part of a look at the share: reading what each desk's file
//! gained and parsing its lines. A desk joining a share with a long history
//! reads every desk's whole file at its first look; that is spread over the
//! machine's cores, each worker reading one file and parsing it before it
//! takes the next, so reading one file overlaps parsing another.

use std::fs;
use std::io;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};

use super::cursor::{Cursor, Growth};
use super::names::valid_id;
use super::{LineIn, line_hash};
use crate::review::{Event, EventId, Name};

/// Below this many new bytes in all a look works on one thread.
const PARALLEL_BYTES: u64 = 1 << 20;

/// At most this many threads read and parse.
const MAX_WORKERS: usize = 4;

/// One file to read: its path, whose it is, and its cursor (taken out of
/// the share's map while the file is read, put back after).
pub(super) struct Job {
    pub path: PathBuf,
    pub desk: String,
    pub own_main: bool,
    pub meta: fs::Metadata,
    pub cursor: Cursor,
}

/// A file read: the job's cursor moved on, and what it gained, parsed.
pub(super) struct Done {
    pub path: PathBuf,
    pub desk: String,
    pub own_main: bool,
    pub cursor: Cursor,
    pub read: io::Result<(Growth, Vec<Parsed>)>,
}

/// One line of a desk's file, parsed: its number, and the line or why it
/// was not taken.
pub(super) struct Parsed {
    pub number: usize,
    pub line: Result<Line, String>,
}

/// A line taken: its event, the hash of its bytes, and the event's fields
/// the look needs, copied while the event is in the reading thread's cache
/// (the thread that takes the lines in then reads only this, in order).
pub(super) struct Line {
    pub brief: Name,
    pub inc: Option<Name>,
    pub event: Event,
    pub hash: u64,
    pub id: EventId,
    pub at: DateTime<Utc>,
    pub stamp: u64,
    pub desk: Name,
    pub analyst: Option<Name>,
}

impl Job {
    /// Bytes the file may have gained.
    pub fn size(&self) -> u64 {
        self.meta.len().saturating_sub(self.cursor.offset)
    }

    pub fn run(mut self) -> Done {
        let read = self.cursor.read(&self.path, &self.meta).map(|g| {
            let lines = parse_lines(&g, &self.desk);
            (g, lines)
        });
        Done {
            path: self.path,
            desk: self.desk,
            own_main: self.own_main,
            cursor: self.cursor,
            read,
        }
    }
}

/// Run every job and hand each result to `take`, in the jobs' order. A big
/// look is shared between threads: each worker reads and parses the next
/// file not yet started, while this thread hands over, in order, the files
/// that are done, and parses too when none is waiting. Should a worker
/// fail, the file it held is not handed over; its cursor is lost with it
/// and the file is read from its start at the next look: nothing is lost,
/// only read again.
pub(super) fn run_all(jobs: Vec<Job>, take: impl FnMut(Done)) {
    let total: u64 = jobs.iter().map(Job::size).sum();
    // The everyday look (a line or two, or nothing) stays on this thread
    // without asking how many cores there are (a few files' reading).
    let workers = if total < PARALLEL_BYTES || jobs.len() < 2 {
        1
    } else {
        cores().min(MAX_WORKERS).min(jobs.len())
    };
    if workers < 2 {
        jobs.into_iter().map(Job::run).for_each(take);
        return;
    }
    super::pool::in_order(jobs, workers, Job::run, take);
}

/// The cores this process may use, asked once.
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Parse the whole lines of `growth`, read from the file of `desk`.
pub(super) fn parse_lines(growth: &Growth, desk: &str) -> Vec<Parsed> {
    let bytes = &growth.bytes[..];
    // Checked as UTF-8 once, then each line read as text (a file with a
    // bad line is checked line by line, to skip only that one).
    let text = std::str::from_utf8(bytes).ok();
    let mut out = Vec::with_capacity(bytes.len() / 200 + 1);
    let mut start = 0;
    // Every line ends in `\n` (a growth holds whole lines only).
    for (k, end) in (growth.first_line..).zip(memchr::memchr_iter(b'\n', bytes)) {
        let mut range = start..end;
        start = end + 1;
        if bytes[range.clone()].ends_with(b"\r") {
            range.end -= 1;
        }
        let line = &bytes[range.clone()];
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // The range ends at a line's end: a boundary of characters.
        let text = match text.and_then(|t| t.get(range)) {
            Some(t) => Ok(t),
            None => std::str::from_utf8(line),
        };
        out.push(Parsed {
            number: k,
            line: parse_line(line, text, desk),
        });
    }
    out
}

fn parse_line(
    line: &[u8],
    text: Result<&str, std::str::Utf8Error>,
    desk: &str,
) -> Result<Line, String> {
    match text
        .map_err(|e| serde_json::Error::io(io::Error::other(e)))
        .and_then(|text| match crate::json::from_str::<LineIn>(text) {
            Some(l) => Ok(l),
            None => serde_json::from_str::<LineIn>(text),
        }) {
        Ok(l) if !valid_id(&l.brief) => Err(format!("brief id {:?}", l.brief)),
        Ok(l) if l.event.desk != desk => Err(format!(
            "an event of desk {:?} in the file of desk {desk:?}",
            l.event.desk
        )),
        Ok(LineIn { brief, inc, event }) => Ok(Line {
            brief,
            inc,
            hash: line_hash(line),
            id: event.id.clone(),
            at: event.at,
            stamp: event.stamp,
            desk: event.desk,
            analyst: event.analyst,
            event,
        }),
        Err(e) => Err(e.to_string()),
    }
}
