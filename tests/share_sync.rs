//! Two desks, each over its own copy of the share, and a harness that
//! carries files between the two folders the way a sync tool does: late,
//! partly (cut mid-line), through temporary files, as conflict copies, and
//! with deletions. Nothing recorded is lost, and no desk ever moves,
//! rewrites or removes another desk's file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use watchdesk::brief::{Brief, BriefSource};
use watchdesk::review::{Desk, ItemRef, Status};
use watchdesk::share::{Problem, Share, ShareOptions};
use watchdesk::watch::Watch;

fn t0() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().unwrap()
}

struct Station {
    watch: Watch,
    share: Share,
    dir: PathBuf,
}

fn station(root: &Path, name: &str) -> Station {
    let dir = root.join(format!("share-{name}"));
    let share = Share::open(ShareOptions {
        dir: dir.clone(),
        data_dir: root.join(format!("data-{name}")),
        desk: None,
        analyst: Some(name.into()),
    })
    .unwrap()
    .with_clock(t0);
    let desk = Desk::new(share.identity().desk.clone(), Some(name.into()), 7);
    let watch = Watch::new(
        Brief::default_brief().unwrap(),
        BriefSource::Default,
        Vec::new(),
        desk,
    );
    Station { watch, share, dir }
}

impl Station {
    fn record(&mut self, minutes: i64, n: usize) {
        for k in 0..n {
            let at = t0() + Duration::minutes(minutes + k as i64);
            self.watch.toggle_reviewed(at, ItemRef::Theme(k % 3));
        }
        let id = self.watch.brief.id.clone();
        self.share.publish(&id, &self.watch.log).unwrap();
    }

    /// Poll, checking that no other desk's file was touched; take what is
    /// new. Returns the problems reported.
    fn poll(&mut self) -> Vec<Problem> {
        let me = self.share.identity().desk.clone();
        let before = others(&self.dir, &me);
        let r = self.share.poll();
        let after = others(&self.dir, &me);
        assert_eq!(before, after, "a peer's file was moved, changed or removed");
        if r.republish {
            let id = self.watch.brief.id.clone();
            self.share.publish(&id, &self.watch.log).unwrap();
        }
        if let Some(events) = r.events.get(&self.watch.brief.id) {
            self.watch.absorb(events);
        }
        r.problems
    }

    fn ids(&self) -> Vec<String> {
        let mut v: Vec<String> = self.watch.log.iter().map(|e| e.id.to_string()).collect();
        v.sort();
        v
    }
}

/// Every file in `desks/` that is not `me`'s, with its contents.
fn others(dir: &Path, me: &str) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir.join("desks"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with(me))
        .map(|n| {
            let bytes = fs::read(dir.join("desks").join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

/// The sync tool: carries `desks/NAME` from one folder to another.
struct Tool;

impl Tool {
    fn path(dir: &Path, name: &str) -> PathBuf {
        dir.join("desks").join(name)
    }
    /// The whole file, through a temporary file the desks must ignore until
    /// it is renamed; `between` runs while the temporary file is there.
    fn carry(from: &Path, to: &Path, name: &str, between: impl FnOnce()) {
        let bytes = fs::read(Self::path(from, name)).unwrap();
        let tmp = Self::path(to, &format!(".syncthing.{name}.tmp"));
        fs::write(&tmp, &bytes).unwrap();
        fs::write(
            Self::path(to, &format!("~syncthing~{name}.tmp")),
            b"{\"brief\"",
        )
        .unwrap();
        between();
        fs::rename(&tmp, Self::path(to, name)).unwrap();
        fs::remove_file(Self::path(to, &format!("~syncthing~{name}.tmp"))).unwrap();
    }
    /// The first `fraction` of the file, straight under its name (a network
    /// drive showing a copy in progress).
    fn part(from: &Path, to: &Path, name: &str, fraction: f64) {
        let bytes = fs::read(Self::path(from, name)).unwrap();
        let cut = (bytes.len() as f64 * fraction) as usize;
        fs::write(Self::path(to, name), &bytes[..cut]).unwrap();
    }
}

#[test]
fn nothing_recorded_is_lost_to_what_a_sync_tool_does() {
    let root = tempfile::tempdir().unwrap();
    let mut ann = station(root.path(), "ann");
    let mut bob = station(root.path(), "bob");
    let a_file = format!("{}.jsonl", ann.share.identity().desk);
    let a_meta = format!("{}.meta.json", ann.share.identity().desk);
    let b_file = format!("{}.jsonl", bob.share.identity().desk);
    ann.record(0, 6);
    bob.record(1, 2);

    // Late: nothing has arrived yet.
    assert!(bob.poll().is_empty());
    assert_eq!(bob.watch.log.len(), 2);

    // Partly: cut mid-line. Only whole lines are read, none is "bad".
    Tool::part(&ann.dir, &bob.dir, &a_file, 0.55);
    let problems = bob.poll();
    assert!(problems.is_empty(), "{problems:?}");
    let partly = bob.watch.log.len() - 2;
    assert!(partly > 0 && partly < 6, "{partly}");

    // The rest, through temporary files that are ignored meanwhile.
    let bob_dir = bob.dir.clone();
    Tool::carry(&ann.dir, &bob_dir, &a_file, || {
        assert!(bob.poll().is_empty());
        assert_eq!(bob.watch.log.len() - 2, partly);
    });
    Tool::carry(&ann.dir, &bob.dir, &a_meta, || {});
    assert!(bob.poll().is_empty());
    assert_eq!(bob.watch.log.len(), 8);
    assert!(bob.poll().is_empty(), "nothing new the second time");

    // Deleted on the way: Bob keeps what he has seen.
    fs::remove_file(Tool::path(&bob.dir, &a_file)).unwrap();
    assert!(bob.poll().is_empty());
    assert_eq!(bob.watch.log.len(), 8);

    // A conflict copy of Ann's file at Bob's, with an event Bob has not
    // seen (Ann's newer version lost the race): absorbed, left in place.
    ann.record(30, 2);
    let newer = fs::read(Tool::path(&ann.dir, &a_file)).unwrap();
    let copy = a_file.replace(".jsonl", ".sync-conflict-20261126-150000-BOBSDEV.jsonl");
    fs::write(Tool::path(&bob.dir, &copy), &newer).unwrap();
    assert!(bob.poll().is_empty());
    assert_eq!(bob.watch.log.len(), 10);
    assert!(Tool::path(&bob.dir, &copy).exists(), "not Bob's to remove");

    // At Ann's: the tool rolled her file back one line and kept her
    // version as a conflict copy. She folds it back and removes the copy.
    let text = String::from_utf8(newer.clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let rolled = lines[..lines.len() - 1].join("\n") + "\n";
    fs::write(Tool::path(&ann.dir, &a_file), rolled).unwrap();
    let own_copy = format!(
        "{} (bob's conflicted copy 2026-11-26).jsonl",
        ann.share.identity().desk
    );
    fs::write(Tool::path(&ann.dir, &own_copy), &newer).unwrap();
    let problems = ann.poll();
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Problem::FoldedConflictCopy { events: 1, .. })),
        "{problems:?}"
    );
    assert!(!Tool::path(&ann.dir, &own_copy).exists());
    let mended = fs::read_to_string(Tool::path(&ann.dir, &a_file)).unwrap();
    assert_eq!(mended.lines().count(), 8, "her 8 events, each once");
    let a_ids: Vec<String> = ann.watch.log.iter().map(|e| e.id.to_string()).collect();
    for id in &a_ids {
        assert!(mended.contains(id.as_str()), "{id} is in Ann's file again");
    }

    // Bob's file reaches Ann half-way, then whole; everything meets.
    Tool::part(&bob.dir, &ann.dir, &b_file, 0.7);
    ann.poll();
    Tool::carry(&bob.dir, &ann.dir, &b_file, || {});
    Tool::carry(&ann.dir, &bob.dir, &a_file, || {});
    assert!(ann.poll().is_empty());
    assert!(bob.poll().is_empty());
    assert_eq!(ann.ids(), bob.ids());
    assert_eq!(ann.ids().len(), 10);
}

#[test]
fn bad_lines_in_the_middle_are_skipped_and_counted() {
    let root = tempfile::tempdir().unwrap();
    let mut ann = station(root.path(), "ann");
    let mut bob = station(root.path(), "bob");
    ann.record(0, 3);
    let a_file = format!("{}.jsonl", ann.share.identity().desk);
    let text = fs::read_to_string(Tool::path(&ann.dir, &a_file)).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // A line of garbage, a line claiming to be another desk's event, a
    // line that is not UTF-8, and a line ended the Windows way.
    let forged = lines[0].replace(ann.share.identity().desk.as_str(), "someoneelse");
    let mut damaged = format!(
        "{}\n\u{0}\u{0}garbage\n{}\n{}\r\n",
        lines[0], forged, lines[1]
    )
    .into_bytes();
    damaged.extend_from_slice(b"{\"brief\":\"\xff\xfe\"}\n");
    damaged.extend_from_slice(format!("{}\n", lines[2]).as_bytes());
    fs::write(Tool::path(&bob.dir, &a_file), damaged).unwrap();
    let r = bob.share.poll();
    assert_eq!(r.skipped, 3);
    assert_eq!(r.event_count(), 3);
    let lines_named: Vec<usize> = r
        .problems
        .iter()
        .filter_map(|p| match p {
            Problem::SkippedLine { line, .. } => Some(*line),
            _ => None,
        })
        .collect();
    assert_eq!(lines_named, [2, 3, 5]);
    // The status of I1 set at Ann's arrives too, later.
    ann.watch.set_status(t0(), 0, Status::Observed).unwrap();
    let id = ann.watch.brief.id.clone();
    ann.share.publish(&id, &ann.watch.log).unwrap();
    let newest = fs::read_to_string(Tool::path(&ann.dir, &a_file)).unwrap();
    let last = newest.lines().last().unwrap().to_string() + "\n";
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(Tool::path(&bob.dir, &a_file))
        .unwrap();
    std::io::Write::write_all(&mut f, last.as_bytes()).unwrap();
    let r = bob.share.poll();
    assert_eq!(r.event_count(), 1);
    assert_eq!(r.skipped, 0, "bad lines are counted once");
}
