//! Reading the share: every desk's files as far as they are whole, only what
//! changed since the last look.

use std::collections::hash_map::Entry;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::cursor::Growth;
use super::load::{self, Done, Job, Parsed};
use super::names::{DeskFile, classify, is_temporary};
use super::{
    HEARTBEAT_SECS, LineIn, Meta, Peer, PollResult, Problem, Seen, Share, ShareError, files,
    write_meta_file,
};
use crate::brief::{BriefId, MAX_BRIEF_BYTES};
use crate::review::{Event, Name};

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
        let conflict = |kind: &DeskFile| {
            matches!(
                kind,
                DeskFile::Events { conflict: true, .. } | DeskFile::Meta { conflict: true, .. }
            )
        };
        found.sort_by(|(p, k), (q, l)| (conflict(k), p).cmp(&(conflict(l), q)));
        let me = self.identity.desk.clone();
        let own = self.events_path();
        let mut own_present = false;
        let (mut jobs, mut own_copies, mut metas) = (Vec::new(), Vec::new(), Vec::new());
        for (path, kind) in found {
            match kind {
                DeskFile::Events { desk, conflict } => {
                    let own_main = !conflict && desk == me;
                    own_present |= own_main;
                    if conflict && desk == me {
                        own_copies.push(path.clone());
                    }
                    jobs.extend(self.job(path, desk, own_main));
                }
                DeskFile::Meta { desk, conflict } => metas.push((path, desk, conflict)),
                DeskFile::Ignore => {}
            }
        }
        // Room for the ids a big look brings, made once (guessed from the
        // bytes to read, and bounded: a huge file of junk reserves no more).
        let coming: u64 = jobs.iter().map(Job::size).sum();
        self.known
            .reserve(usize::try_from(coming / 160).map_or(0, |n| n.min(1 << 20)));
        // Metas first: our own, as a clone of this desk may have left it,
        // is read before this look rewrites it.
        for (path, desk, conflict) in metas {
            self.read_meta(&path, &desk, conflict, &mut r);
        }
        let now = (self.clock)();
        let heartbeat = self
            .meta_written
            .is_none_or(|t| (now - t).num_seconds() >= HEARTBEAT_SECS)
            .then(|| self.meta_text(now));
        // The heartbeat is written (and synced) while the files are read.
        let beat = std::thread::scope(|scope| {
            let writer = heartbeat.map(|text| {
                let (lock, path) = (self.lock_path.clone(), self.meta_path());
                let write = move || write_meta_file(&lock, &path, &text?);
                std::thread::Builder::new()
                    .name("share-meta".into())
                    .spawn_scoped(scope, write)
            });
            load::run_all(jobs, |done| self.take(done, &mut r));
            writer.map(|w| {
                let failed = |e| ShareError::io(&self.meta_path(), "cannot write")(e);
                match w {
                    Ok(h) => h
                        .join()
                        .unwrap_or_else(|_| Err(failed(io::Error::other("its thread failed")))),
                    Err(e) => Err(failed(e)),
                }
            })
        });
        match beat {
            Some(Ok(look)) => self.meta_done(now, look),
            Some(Err(e)) => {
                let file = self.meta_path();
                self.report(&mut r, format!("io:{}", file.display()), || Problem::Io {
                    file,
                    error: e.to_string(),
                });
            }
            None => {}
        }
        for path in own_copies {
            self.fold_back(&path, &mut r);
        }
        if !own_present && !self.own_ids.is_empty() {
            // Our file is gone: what it held must be written again.
            r.republish = true;
            self.own_ids.clear();
            self.cursors.remove(&own);
        }
        self.read_briefs(&mut r);
        r.peers = self.peers();
        let mut order = std::mem::take(&mut r.order);
        for (brief, events) in r.events.iter_mut() {
            // Unique by id already (`known`): only the order is wanted.
            match order.remove(brief) {
                Some(keys) => crate::review::sort_events_by(events, &keys),
                None => crate::review::sort_events(events),
            }
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
        if let Some(job) = self.job(path.to_path_buf(), desk.to_string(), own_main) {
            self.take(job.run(), r);
        }
    }

    /// The work of reading `path` if it changed since the last look.
    fn job(&mut self, path: PathBuf, desk: String, own_main: bool) -> Option<Job> {
        let Ok(meta) = fs::metadata(&path) else {
            return None; // gone since the listing: nothing is taken away
        };
        let cursor = self.cursors.remove(&path).unwrap_or_default();
        if cursor.unchanged(&meta) {
            self.cursors.insert(path, cursor);
            return None;
        }
        Some(Job {
            path,
            desk,
            own_main,
            meta,
            cursor,
        })
    }

    /// Take what a file read gained: its cursor kept, its lines absorbed.
    fn take(&mut self, done: Done, r: &mut PollResult) {
        let Done {
            path,
            desk,
            own_main,
            cursor,
            read,
        } = done;
        self.cursors.insert(path.clone(), cursor);
        let (growth, lines) = match read {
            Ok(g) => g,
            Err(e) => {
                self.report(r, format!("io:{}", path.display()), || Problem::Io {
                    file: path.clone(),
                    error: e.to_string(),
                });
                return;
            }
        };
        if own_main && growth.restarted {
            if self.polled {
                r.republish = true;
            }
            self.own_ids.clear();
        }
        self.absorb_lines(&desk, &path, &growth, lines, own_main, r);
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
        let mut current: Option<(Name, Vec<Event>, Keys)> = None;
        for Parsed { number, line } in lines {
            let l = match line {
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
                self.own_ids.insert(l.id.clone());
            }
            match self.known.entry(l.id) {
                Entry::Occupied(e) if *e.get() == l.hash => continue,
                Entry::Occupied(e) => {
                    let (id, hash) = (e.key().to_string(), l.hash);
                    self.report(r, format!("dup:{id}:{hash}"), || Problem::DuplicateId {
                        id,
                        file: path.to_path_buf(),
                    });
                    continue;
                }
                Entry::Vacant(e) => {
                    e.insert(l.hash);
                }
            }
            let seen = seen.get_or_insert_with(Seen::default);
            seen.events += 1;
            seen.newest = seen.newest.max(Some(l.at));
            if let Some(analyst) = l.analyst
                && l.stamp >= seen.analyst_stamp
            {
                seen.analyst_stamp = l.stamp;
                if seen.analyst.as_deref() != Some(analyst.as_str()) {
                    seen.analyst = Some(analyst.to_string());
                }
            }
            // A file's lines are mostly of one brief: the list of the last
            // line's brief is kept at hand.
            let (events, keys) = match &mut current {
                Some((brief, events, keys)) if *brief == l.brief => (events, keys),
                _ => {
                    if let Some((brief, events, keys)) = current.take() {
                        put_back(r, brief, events, keys);
                    }
                    let events = r.events.remove(l.brief.as_str()).unwrap_or_default();
                    let keys = r.order.remove(l.brief.as_str()).unwrap_or_default();
                    let (_, events, keys) = current.insert((l.brief, events, keys));
                    (events, keys)
                }
            };
            keys.push((l.stamp, l.desk));
            events.push(l.event);
        }
        if let Some((brief, events, keys)) = current {
            put_back(r, brief, events, keys);
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

/// Each new event's stamp and desk, for their sort.
type Keys = Vec<(u64, Name)>;

/// Put a brief's list of new events, and their keys, back among the look's.
fn put_back(r: &mut PollResult, brief: Name, events: Vec<Event>, keys: Keys) {
    if !events.is_empty() {
        r.events.insert(BriefId(brief.to_string()), events);
        r.order.insert(BriefId(brief.to_string()), keys);
    }
}
