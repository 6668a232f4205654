//! Several desks, each with its own data folder, over one shared folder:
//! publishing, polling, union by id, clocks hours apart, disputes made
//! offline and joined, shift sign-over, a cloned desk id, brief texts.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use watchdesk::brief::{Brief, BriefId, BriefSource};
use watchdesk::review::{self, Desk, EventKind, Status};
use watchdesk::share::{Problem, Share, ShareOptions, shift};
use watchdesk::watch::Watch;

fn t0() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().unwrap()
}

/// A desk: its own data folder, a watch of the default brief, its view of
/// the share, and a wall clock `skew` off the true time.
struct Station {
    watch: Watch,
    share: Share,
    skew: Duration,
}

fn station(root: &Path, share_dir: &Path, name: &str, analyst: &str, skew: Duration) -> Station {
    let data = root.join(name);
    let share = Share::open(ShareOptions {
        dir: share_dir.to_path_buf(),
        data_dir: data,
        desk: None,
        analyst: Some(analyst.into()),
    })
    .unwrap()
    .with_clock(move || t0() + skew);
    let id = share.identity().desk.clone();
    let brief = Brief::default_brief().unwrap();
    let watch = Watch::new(
        brief,
        BriefSource::Default,
        Vec::new(),
        Desk::new(id, Some(analyst.into()), Desk::random()),
    );
    Station { watch, share, skew }
}

impl Station {
    fn now(&self, minutes: i64) -> DateTime<Utc> {
        t0() + self.skew + Duration::minutes(minutes)
    }
    fn publish(&mut self) -> usize {
        self.share
            .publish(&self.watch.brief.id.clone(), &self.watch.log)
            .unwrap()
    }
    /// Poll and take the new events of this watch; how many were new.
    fn sync(&mut self) -> usize {
        let r = self.share.poll();
        assert!(r.unreachable.is_none(), "{:?}", r.unreachable);
        r.events
            .get(&self.watch.brief.id)
            .map_or(0, |events| self.watch.absorb(events))
    }
    fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.watch.log.iter().map(|e| e.id.to_string()).collect();
        ids.sort();
        ids
    }
}

#[test]
fn three_desks_take_the_union_of_their_events() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let mut desks: Vec<Station> = ["ann", "bob", "cy"]
        .iter()
        .map(|n| station(root.path(), &share, n, n, Duration::zero()))
        .collect();
    for (k, d) in desks.iter_mut().enumerate() {
        let at = d.now(k as i64);
        d.watch.ensure_window(at, None);
        d.watch.set_status(at, k, Status::Observed).unwrap();
        d.watch
            .toggle_reviewed(at, watchdesk::review::ItemRef::Theme(k));
        assert_eq!(d.publish(), 3);
        // Publishing again writes nothing.
        assert_eq!(d.publish(), 0);
    }
    for d in &mut desks {
        assert_eq!(d.sync(), 6, "two other desks' three events each");
        assert_eq!(d.sync(), 0, "a second look finds nothing new");
    }
    let ids = desks[0].ids();
    assert_eq!(ids.len(), 9);
    for d in &desks {
        assert_eq!(d.ids(), ids);
        for k in 0..3 {
            assert_eq!(d.watch.review.status_of(k), Status::Observed);
        }
    }
    // Each desk wrote only its own file; all three are seen as peers.
    let names: Vec<String> = fs::read_dir(share.join("desks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 6, "{names:?}");
    let r = desks[0].share.poll();
    let peers: Vec<Option<&str>> = r.peers.iter().map(|p| p.analyst.as_deref()).collect();
    assert_eq!(peers.len(), 2);
    assert!(peers.contains(&Some("bob")) && peers.contains(&Some("cy")));
    assert!(
        r.peers
            .iter()
            .all(|p| p.events == 3 && p.last_seen.is_some())
    );
}

#[test]
fn clocks_hours_apart_still_order_by_what_was_seen() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    // Ann's clock runs five hours fast, Bob's three hours slow.
    let mut ann = station(root.path(), &share, "a", "ann", Duration::hours(5));
    let mut bob = station(root.path(), &share, "b", "bob", Duration::hours(-3));
    let at = ann.now(0);
    ann.watch.ensure_window(at, None);
    ann.watch.set_status(at, 0, Status::Observed).unwrap();
    ann.publish();
    bob.sync();
    assert_eq!(bob.watch.review.status_of(0), Status::Observed);
    // Bob, having seen Ann's change, changes it back: eight hours "earlier"
    // by the wall clocks, later by what he had seen.
    let at = bob.now(10);
    bob.watch.set_status(at, 0, Status::NotObserved).unwrap();
    bob.publish();
    ann.sync();
    for d in [&ann, &bob] {
        assert_eq!(d.watch.review.status_of(0), Status::NotObserved);
        assert!(review::disputes(&d.watch.log, &d.watch.review).is_empty());
    }
    let last = ann.watch.log.last().unwrap();
    assert_eq!(last.analyst.as_deref(), Some("bob"));
    assert!(
        last.at < ann.watch.log[0].at,
        "wall time is for display only"
    );
}

#[test]
fn a_dispute_made_offline_shows_both_sides_until_someone_has_seen_both() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let mut ann = station(root.path(), &share, "a", "ann", Duration::zero());
    let mut bob = station(root.path(), &share, "b", "bob", Duration::minutes(7));
    ann.watch.ensure_window(ann.now(0), None);
    ann.publish();
    bob.sync();
    // Both offline: Ann says I2 observed, Bob says not observed.
    ann.watch
        .set_status(ann.now(5), 1, Status::Observed)
        .unwrap();
    bob.watch
        .set_status(bob.now(6), 1, Status::NotObserved)
        .unwrap();
    // Joined.
    ann.publish();
    bob.publish();
    ann.sync();
    bob.sync();
    for d in [&ann, &bob] {
        let disputes = review::disputes(&d.watch.log, &d.watch.review);
        assert_eq!(disputes.len(), 1, "{disputes:?}");
        assert_eq!(disputes[0].indicator, 1);
        let mut sides: Vec<(String, Status)> = disputes[0]
            .sides
            .iter()
            .map(|s| (s.analyst.clone().unwrap(), s.status))
            .collect();
        sides.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(
            sides,
            [
                ("ann".to_string(), Status::Observed),
                ("bob".to_string(), Status::NotObserved)
            ]
        );
        // Both desks fold the same current status.
        assert_eq!(
            d.watch.review.status_of(1),
            ann.watch.review.status_of(1),
            "one order on every desk"
        );
    }
    // Ann, having seen both, records her assessment again: resolved.
    let current = ann.watch.review.status_of(1);
    let to = if current == Status::Observed {
        Status::NotObserved
    } else {
        Status::Observed
    };
    ann.watch.set_status(ann.now(20), 1, to).unwrap();
    ann.publish();
    bob.sync();
    for d in [&ann, &bob] {
        assert!(review::disputes(&d.watch.log, &d.watch.review).is_empty());
        assert_eq!(d.watch.review.status_of(1), to);
    }
}

#[test]
fn a_handover_travels_and_is_accepted_at_the_other_desk() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let mut ann = station(root.path(), &share, "a", "ann", Duration::zero());
    let mut bob = station(root.path(), &share, "b", "bob", Duration::zero());
    ann.watch.ensure_window(ann.now(0), None);
    ann.watch.record(
        ann.now(480),
        EventKind::Handover {
            to: "bob".into(),
            report: Some("reports/handover.md".into()),
        },
    );
    ann.publish();
    bob.sync();
    let s = shift::shift(&bob.watch.log);
    assert_eq!(s.holder.as_deref(), Some("ann"));
    let pending = s.pending.expect("pending accept");
    assert_eq!(pending.to, "bob");
    bob.watch
        .record(bob.now(485), EventKind::Accept { of: pending.id });
    bob.publish();
    ann.sync();
    let s = shift::shift(&ann.watch.log);
    assert_eq!(s.holder.as_deref(), Some("bob"));
    assert!(s.pending.is_none());
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn a_cloned_data_folder_is_noticed_by_both_desks() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let mut ann = station(root.path(), &share, "a", "ann", Duration::zero());
    ann.watch.ensure_window(ann.now(0), None);
    ann.publish();
    assert!(ann.share.poll().problems.is_empty());
    // The data folder restored onto a second machine.
    copy_dir(&root.path().join("a"), &root.path().join("a2"));
    let mut twin = station(root.path(), &share, "a2", "ann", Duration::zero());
    assert_eq!(twin.share.identity().desk, ann.share.identity().desk);
    assert_ne!(
        twin.share.identity().incarnation,
        ann.share.identity().incarnation
    );
    let first = twin.share.poll();
    assert!(
        !first
            .problems
            .iter()
            .any(|p| matches!(p, Problem::ClonedDesk { .. })),
        "the history it was copied with is its own: {:?}",
        first.problems
    );
    twin.watch.ensure_window(twin.now(1), None);
    twin.publish();
    let cloned = |r: &watchdesk::share::PollResult| {
        r.problems
            .iter()
            .any(|p| matches!(p, Problem::ClonedDesk { .. }))
    };
    assert!(cloned(&ann.share.poll()), "the original sees the copy");
    ann.watch
        .set_status(ann.now(2), 0, Status::Observed)
        .unwrap();
    ann.publish();
    assert!(cloned(&twin.share.poll()), "the copy sees the original");
}

#[test]
fn brief_texts_travel_and_a_tampered_one_is_ignored() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let mut ann = station(root.path(), &share, "a", "ann", Duration::zero());
    let mut bob = station(root.path(), &share, "b", "bob", Duration::zero());
    let text = "Night Brief\n\nTheme\n\nSomething.\n\nOutlook\n\nOver the next 24 hours, watch for: first, a thing.\n";
    let id = ann.share.publish_brief(text).unwrap();
    assert_eq!(id, BriefId::of_text(text));
    // A second copy writes nothing new.
    assert_eq!(ann.share.publish_brief(text).unwrap(), id);
    let forged = share.join("briefs").join("0123456789abcdef.txt");
    fs::write(&forged, "not the brief it claims to be").unwrap();
    fs::write(share.join("briefs").join(".syncthing.x.txt.tmp"), "half").unwrap();
    let r = bob.share.poll();
    assert_eq!(r.briefs, vec![(id.clone(), text.to_string())]);
    assert!(
        r.problems
            .iter()
            .any(|p| matches!(p, Problem::BadBrief { file, .. } if *file == forged)),
        "{:?}",
        r.problems
    );
    assert!(forged.exists(), "a peer's file is never removed");
    assert!(bob.share.poll().briefs.is_empty());
    let _ = ann.share.poll();
}

#[test]
fn one_id_with_two_contents_is_reported_and_nothing_is_dropped_on_disk() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let mut ann = station(root.path(), &share, "a", "ann", Duration::zero());
    let mut bob = station(root.path(), &share, "b", "bob", Duration::zero());
    ann.watch.ensure_window(ann.now(0), None);
    ann.publish();
    bob.sync();
    // A conflict copy of Ann's file where her event says something else.
    let own = ann.share.events_path();
    let text = fs::read_to_string(&own).unwrap();
    let changed = text.replace("\"explicit\":false", "\"explicit\":true");
    assert_ne!(text, changed);
    let copy = share.join("desks").join(format!(
        "{}.sync-conflict-20261126-150000-ABCDEFG.jsonl",
        ann.share.identity().desk
    ));
    fs::write(&copy, changed).unwrap();
    let r = bob.share.poll();
    assert!(
        r.problems
            .iter()
            .any(|p| matches!(p, Problem::DuplicateId { .. })),
        "{:?}",
        r.problems
    );
    assert!(copy.exists(), "Bob never removes Ann's files");
}

#[test]
fn a_torn_last_line_of_our_own_file_is_mended_and_the_event_written_again() {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let mut ann = station(root.path(), &share, "a", "ann", Duration::zero());
    let mut bob = station(root.path(), &share, "b", "bob", Duration::zero());
    ann.watch.ensure_window(ann.now(0), None);
    ann.watch
        .set_status(ann.now(1), 0, Status::Observed)
        .unwrap();
    ann.publish();
    // A crash mid-write: the last line cut short.
    let own = ann.share.events_path();
    let text = fs::read_to_string(&own).unwrap();
    let cut = text.trim_end().len() - 10;
    fs::write(&own, &text[..cut]).unwrap();
    // A fresh start of Ann's desk (its state file still has everything).
    let mut ann2 = station(root.path(), &share, "a", "ann", Duration::zero());
    ann2.watch.absorb(&ann.watch.log.clone());
    assert_eq!(ann2.publish(), 1, "the torn event is written again");
    bob.sync();
    assert_eq!(bob.ids(), ann.ids());
    let text = fs::read_to_string(&own).unwrap();
    assert!(text.ends_with('\n'));
    assert_eq!(text.lines().count(), 2);
}

#[test]
fn a_share_that_is_gone_is_unreachable_not_an_error() {
    let root = tempfile::tempdir().unwrap();
    let share: PathBuf = root.path().join("share");
    let mut ann = station(root.path(), &share, "a", "ann", Duration::zero());
    fs::remove_dir_all(&share).unwrap();
    let r = ann.share.poll();
    assert!(r.unreachable.is_some());
}
