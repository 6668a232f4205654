//! Reading the share: every desk's files as far as they are whole, only what
//! changed since the last look.

use std::fs;
use std::path::{Path, PathBuf};

use super::cursor::Growth;
use super::names::{DeskFile, classify, is_temporary, valid_id};
use super::{
    HEARTBEAT_SECS, LineIn, Meta, Peer, PollResult, Problem, Seen, Share, ShareError, files,
    line_hash,
};
use crate::brief::{BriefId, MAX_BRIEF_BYTES};

/// Skipped lines reported one by one per file; past that they are counted.
const SKIPS_REPORTED: usize = 10;

impl Share {
    /// Look at the share: what is new since the last look. Cheap when
    /// nothing changed (a directory listing and a `stat` per file); only
    /// what a file gained is read. Never fails: a share that cannot be read
    /// is `unreachable`, a file that cannot be read is a problem.
    pub fn poll(&mut self) -> PollResult {
        let mut r = std::mem::take(&mut self.pending);
        let desks = self.dir.join("desks");
        let entries = match fs::read_dir(&desks) {
            Ok(e) => e,
            Err(e) => {
                r.unreachable = Some(format!("{}: {e}", desks.display()));
                return r;
            }
        };
        let mut found: Vec<(PathBuf, DeskFile)> = entries
            .flatten()
            .map(|e| (e.path(), classify(&e.file_name().to_string_lossy())))
            .filter(|(_, kind)| *kind != DeskFile::Ignore)
            .collect();
        // Main files first, so a conflict copy is folded into a file whose
        // lines are known.
        found.sort_by_key(|(path, kind)| {
            let conflict = matches!(
                kind,
                DeskFile::Events { conflict: true, .. } | DeskFile::Meta { conflict: true, .. }
            );
            (conflict, path.clone())
        });
        let me = self.identity.desk.clone();
        let own = self.events_path();
        let mut own_present = false;
        let (mut grown, mut own_copies, mut metas) = (Vec::new(), Vec::new(), Vec::new());
        for (path, kind) in found {
            match kind {
                DeskFile::Events { desk, conflict } => {
                    let own_main = !conflict && desk == me;
                    own_present |= own_main;
                    if let Some(g) = self.grow(&path, own_main, &mut r) {
                        grown.push((path.clone(), desk.clone(), own_main, g));
                    }
                    if conflict && desk == me {
                        own_copies.push(path);
                    }
                }
                DeskFile::Meta { desk, conflict } => metas.push((path, desk, conflict)),
                DeskFile::Ignore => {}
            }
        }
        let parsed = parse_all(&grown);
        for ((path, desk, own_main, growth), lines) in grown.iter().zip(parsed) {
            self.absorb_lines(desk, path, growth, lines, *own_main, &mut r);
        }
        for path in own_copies {
            self.fold_back(&path, &mut r);
        }
        for (path, desk, conflict) in metas {
            self.read_meta(&path, &desk, conflict, &mut r);
        }
        if !own_present && !self.own_ids.is_empty() {
            // Our file is gone: what it held must be written again.
            r.republish = true;
            self.own_ids.clear();
            self.cursors.remove(&own);
        }
        self.read_briefs(&mut r);
        let now = (self.clock)();
        if self
            .meta_written
            .is_none_or(|t| (now - t).num_seconds() >= HEARTBEAT_SECS)
            && let Err(e) = self.write_meta()
        {
            let file = self.meta_path();
            self.report(&mut r, format!("io:{}", file.display()), || Problem::Io {
                file,
                error: e.to_string(),
            });
        }
        r.peers = self.peers();
        for events in r.events.values_mut() {
            // Unique by id already (`known`): only the order is wanted. A
            // stable sort, for it merges the runs each desk's file is in.
            events.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        }
        self.polled = true;
        r
    }

    /// Push `problem` unless one with `key` was reported before.
    fn report(&mut self, r: &mut PollResult, key: String, problem: impl FnOnce() -> Problem) {
        if self.reported.insert(key) {
            r.problems.push(problem());
        }
    }

    /// Read what this desk's own file gained (another process of this desk,
    /// or a clone, may have appended) and mend an unfinished last line.
    /// Called under the local lock.
    pub(super) fn catch_up_own(&mut self, own: &Path) -> Result<(), ShareError> {
        let mut r = std::mem::take(&mut self.pending);
        if own.exists() {
            self.read_events(own, &self.identity.desk.clone(), true, &mut r);
        } else if !self.own_ids.is_empty() {
            r.republish = true;
            self.own_ids.clear();
            self.cursors.remove(own);
        }
        self.pending = r;
        let torn = self.cursors.get(own).is_some_and(|c| !c.at_end());
        if torn {
            // A write that died mid-line (we hold the lock: no process of
            // this desk is writing). Keep the whole lines; the lost event
            // is still in the state file and is published again.
            let whole = self.cursors.get(own).map_or(0, |c| c.offset) as usize;
            let bytes = fs::read(own).map_err(ShareError::io(own, "cannot read"))?;
            files::write_shared(own, &bytes[..whole.min(bytes.len())])?;
            let mut r = std::mem::take(&mut self.pending);
            self.read_events(own, &self.identity.desk.clone(), true, &mut r);
            self.pending = r;
        }
        Ok(())
    }

    fn read_events(&mut self, path: &Path, desk: &str, own_main: bool, r: &mut PollResult) {
        if let Some(growth) = self.grow(path, own_main, r) {
            let lines = parse_lines(&growth, desk);
            self.absorb_lines(desk, path, &growth, lines, own_main, r);
        }
    }

    /// The whole lines `path` gained since the last look, if any.
    fn grow(&mut self, path: &Path, own_main: bool, r: &mut PollResult) -> Option<Growth> {
        let Ok(meta) = fs::metadata(path) else {
            return None; // gone since the listing: nothing is taken away
        };
        let cursor = self.cursors.entry(path.to_path_buf()).or_default();
        if cursor.unchanged(&meta) {
            return None;
        }
        let growth = match cursor.read(path, &meta) {
            Ok(g) => g,
            Err(e) => {
                self.report(r, format!("io:{}", path.display()), || Problem::Io {
                    file: path.to_path_buf(),
                    error: e.to_string(),
                });
                return None;
            }
        };
        if own_main && growth.restarted {
            if self.polled {
                r.republish = true;
            }
            self.own_ids.clear();
        }
        Some(growth)
    }

    /// Take the events of whole lines read from `path`, the file of `desk`.
    fn absorb_lines(
        &mut self,
        desk: &str,
        path: &Path,
        growth: &Growth,
        lines: Vec<Parsed>,
        own_main: bool,
        r: &mut PollResult,
    ) {
        let is_own = desk == self.identity.desk;
        let mut skipped_here = 0;
        self.known.reserve(lines.len());
        // What the desk has been seen to do, taken out while its lines are
        // read (one file is one desk's).
        let mut seen = self.seen.remove(desk);
        for Parsed { number, line } in lines {
            let (l, hash) = match line {
                Ok(l) => l,
                Err(reason) => {
                    r.skipped += 1;
                    skipped_here += 1;
                    if skipped_here <= SKIPS_REPORTED {
                        let key = format!("skip:{}:{number}", path.display());
                        self.report(r, key, || Problem::SkippedLine {
                            file: path.to_path_buf(),
                            line: number,
                            reason,
                        });
                    }
                    continue;
                }
            };
            if is_own && let Some(inc) = &l.inc {
                // Another install under our id, or the one we were copied
                // from still writing.
                let foreign = !self.identity.is_mine_or_previous(inc)
                    || (*inc != self.identity.incarnation && self.polled && !growth.restarted);
                if foreign {
                    let (desk, inc) = (desk.to_string(), *inc);
                    self.report(r, format!("clone:{inc}"), || Problem::ClonedDesk {
                        desk,
                        incarnation: inc.to_string(),
                        file: path.to_path_buf(),
                    });
                }
            }
            if own_main {
                self.own_ids.insert(l.event.id.clone());
            }
            match self.known.get(&l.event.id) {
                Some(&h) if h == hash => continue,
                Some(_) => {
                    let id = l.event.id.to_string();
                    self.report(r, format!("dup:{id}:{hash}"), || Problem::DuplicateId {
                        id,
                        file: path.to_path_buf(),
                    });
                    continue;
                }
                None => {}
            }
            self.known.insert(l.event.id.clone(), hash);
            let seen = seen.get_or_insert_with(Seen::default);
            seen.events += 1;
            seen.newest = seen.newest.max(Some(l.event.at));
            if let Some(analyst) = l.event.analyst
                && l.event.stamp >= seen.analyst_stamp
            {
                seen.analyst_stamp = l.event.stamp;
                if seen.analyst.as_deref() != Some(analyst.as_str()) {
                    seen.analyst = Some(analyst.to_string());
                }
            }
            match r.events.iter_mut().find(|(k, _)| k.0 == l.brief.as_str()) {
                Some((_, events)) => events.push(l.event),
                None => {
                    r.events.insert(BriefId(l.brief.to_string()), vec![l.event]);
                }
            }
        }
        if let Some(seen) = seen {
            self.seen.insert(desk.to_string(), seen);
        }
    }

    /// A conflict copy of our own file: append what our file lacks, then
    /// remove the copy (ours alone; a peer's copies are only read).
    fn fold_back(&mut self, path: &Path, r: &mut PollResult) {
        let result = (|| -> Result<Option<usize>, ShareError> {
            let _lock = self.lock()?;
            let bytes = fs::read(path).map_err(ShareError::io(path, "cannot read"))?;
            if !bytes.is_empty() && !bytes.ends_with(b"\n") {
                return Ok(None); // still arriving
            }
            let own = self.events_path();
            self.catch_up_own(&own)?;
            let mut out = Vec::new();
            let (mut folded, mut foreign) = (0, 0);
            for line in bytes.split(|&b| b == b'\n') {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match serde_json::from_slice::<LineIn>(line) {
                    Ok(l) if l.event.desk == self.identity.desk => {
                        if !self.own_ids.contains(&l.event.id) {
                            out.extend_from_slice(line);
                            out.push(b'\n');
                            folded += 1;
                        }
                    }
                    _ => foreign += 1,
                }
            }
            if !out.is_empty() {
                files::append(&own, &out)?;
                self.catch_up_own(&own)?;
            }
            if foreign > 0 {
                // Lines that are not our events: not ours to throw away.
                return Ok(None);
            }
            fs::remove_file(path).map_err(ShareError::io(path, "cannot remove"))?;
            files::sync_dir(path.parent().unwrap_or(Path::new(".")));
            self.cursors.remove(path);
            Ok(Some(folded))
        })();
        match result {
            Ok(Some(events)) => r.problems.push(Problem::FoldedConflictCopy {
                file: path.to_path_buf(),
                events,
            }),
            Ok(None) => {}
            Err(e) => self.report(r, format!("fold:{}", path.display()), || Problem::Io {
                file: path.to_path_buf(),
                error: e.to_string(),
            }),
        }
    }

    fn read_meta(&mut self, path: &Path, desk: &str, conflict: bool, r: &mut PollResult) {
        let Ok(m) = fs::metadata(path) else {
            return;
        };
        let look = (m.len(), m.modified().ok());
        if self.meta_looks.get(path) == Some(&look) {
            return;
        }
        self.meta_looks.insert(path.to_path_buf(), look);
        let meta = match fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Meta>(&t).map_err(|e| e.to_string()))
        {
            Ok(m) if m.desk == desk => m,
            Ok(m) => {
                let reason = format!("names desk {:?}", m.desk);
                self.report(r, format!("meta:{}", path.display()), || {
                    Problem::SkippedLine {
                        file: path.to_path_buf(),
                        line: 1,
                        reason,
                    }
                });
                return;
            }
            // Half copied, perhaps: looked at again when it changes.
            Err(_) => return,
        };
        if desk == self.identity.desk {
            let inc = &meta.incarnation;
            if *inc != self.identity.incarnation
                && (!self.identity.is_mine_or_previous(inc) || self.polled)
            {
                let (desk, inc) = (desk.to_string(), inc.clone());
                self.report(r, format!("clone:{inc}"), || Problem::ClonedDesk {
                    desk,
                    incarnation: inc,
                    file: path.to_path_buf(),
                });
            }
            if conflict && fs::remove_file(path).is_ok() {
                self.meta_looks.remove(path);
            }
            return;
        }
        let newer = self
            .metas
            .get(desk)
            .is_none_or(|old| old.last_seen <= meta.last_seen);
        if newer {
            self.metas.insert(desk.to_string(), meta);
        }
    }

    fn read_briefs(&mut self, r: &mut PollResult) {
        let dir = self.dir.join("briefs");
        let Ok(entries) = fs::read_dir(&dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if is_temporary(&name) || !name.ends_with(".txt") {
                continue;
            }
            let path = e.path();
            let Ok(m) = fs::metadata(&path) else {
                continue;
            };
            let look = (m.len(), m.modified().ok());
            match self.brief_files.get(&name) {
                Some(None) => continue,
                Some(Some(l)) if *l == look => continue,
                _ => {}
            }
            let text = if m.len() > MAX_BRIEF_BYTES {
                Err("too large for a brief".to_string())
            } else {
                fs::read(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".into()))
            };
            let checked = text.and_then(|text| {
                let id = BriefId::of_text(&text);
                if name.starts_with(id.as_str()) {
                    Ok((id, text))
                } else {
                    Err(format!("its text hashes to {id}, not to its name"))
                }
            });
            match checked {
                Ok((id, text)) => {
                    self.brief_files.insert(name, None);
                    if !r.briefs.iter().any(|(b, _)| *b == id) {
                        r.briefs.push((id, text));
                    }
                }
                Err(reason) => {
                    self.brief_files.insert(name.clone(), Some(look));
                    let key = format!("brief:{name}:{}", look.0);
                    self.report(r, key, || Problem::BadBrief { file: path, reason });
                }
            }
        }
    }

    /// Every other desk seen: by its meta file or its events.
    fn peers(&self) -> Vec<Peer> {
        let mut desks: Vec<&String> = self.metas.keys().chain(self.seen.keys()).collect();
        desks.sort();
        desks.dedup();
        desks
            .into_iter()
            .filter(|d| **d != self.identity.desk)
            .map(|d| {
                let meta = self.metas.get(d);
                let seen = self.seen.get(d).cloned().unwrap_or_else(Seen::default);
                Peer {
                    desk: d.clone(),
                    analyst: meta.and_then(|m| m.analyst.clone()).or(seen.analyst),
                    last_seen: meta.map(|m| m.last_seen).max(seen.newest),
                    events: seen.events,
                }
            })
            .collect()
    }
}

/// One line of a desk's file, parsed: its number, and the line with the
/// hash of its bytes or why it was not taken.
pub(super) struct Parsed {
    number: usize,
    line: Result<(LineIn, u64), String>,
}

/// Parse the whole lines of `growth`, read from the file of `desk`.
fn parse_lines(growth: &Growth, desk: &str) -> Vec<Parsed> {
    let mut out = Vec::with_capacity(growth.bytes.len() / 200);
    for (k, raw) in growth.bytes.split(|&b| b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // Checked as UTF-8 once, then read as text: faster than checking
        // each string of the record as it is read.
        let parsed = match std::str::from_utf8(line)
            .map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
            .and_then(serde_json::from_str::<LineIn>)
        {
            Ok(l) if !valid_id(&l.brief) => Err(format!("brief id {:?}", l.brief)),
            Ok(l) if l.event.desk != desk => Err(format!(
                "an event of desk {:?} in the file of desk {desk:?}",
                l.event.desk
            )),
            Ok(l) => Ok((l, line_hash(line))),
            Err(e) => Err(e.to_string()),
        };
        out.push(Parsed {
            number: growth.first_line + k,
            line: parsed,
        });
    }
    out
}

/// Below this many new bytes a look parses on one thread.
const PARALLEL_BYTES: usize = 1 << 20;

/// Parse every file's new lines; a big first look (a desk joining a share
/// with a long history) on two threads, one file to a thread at a time.
fn parse_all(grown: &[(PathBuf, String, bool, Growth)]) -> Vec<Vec<Parsed>> {
    let total: usize = grown.iter().map(|g| g.3.bytes.len()).sum();
    if total < PARALLEL_BYTES || grown.len() < 2 {
        return grown.iter().map(|g| parse_lines(&g.3, &g.1)).collect();
    }
    // Two halves of about equal bytes.
    let mut half = 0;
    let mut split = grown.len();
    for (k, g) in grown.iter().enumerate() {
        if half * 2 >= total {
            split = k;
            break;
        }
        half += g.3.bytes.len();
    }
    let (first, second) = grown.split_at(split);
    let parse = |part: &[(PathBuf, String, bool, Growth)]| -> Vec<Vec<Parsed>> {
        part.iter().map(|g| parse_lines(&g.3, &g.1)).collect()
    };
    std::thread::scope(|scope| {
        let other = scope.spawn(|| parse(second));
        let mut out = parse(first);
        match other.join() {
            Ok(rest) => out.extend(rest),
            // A panic cannot come from parsing, but never lose the lines.
            Err(_) => out.extend(parse(second)),
        }
        out
    })
}
