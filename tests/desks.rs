//! Two desks on one watch whose wall clocks differ by minutes: the change
//! made after seeing the other's is the one that counts, and `u` undoes a
//! desk's own change, never a colleague's. On the domain (two watches over
//! one state file) and with the real binary (two runs, one with its clock
//! five minutes ahead through `WATCHDESK_CLOCK_SKEW`).

mod support;

use chrono::{DateTime, Duration, Utc};
use support::{Desk as Pty, Failure, TIMEOUT, ensure, quit, row_has, status_json, temp_state};
use watchdesk::brief::{Brief, BriefSource};
use watchdesk::review::{Desk, Status};
use watchdesk::store::Store;
use watchdesk::watch::Watch;

fn t0() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().unwrap()
}

/// The desk's watch of the default brief, as the file has it now.
fn open(store: &Store, desk: &str) -> Watch {
    let brief = Brief::default_brief().unwrap();
    let log = store
        .open()
        .unwrap()
        .state
        .briefs
        .remove(brief.id.as_str())
        .map(|b| b.events)
        .unwrap_or_default();
    Watch::new(brief, BriefSource::Default, log, Desk::new(desk, None, 1))
}

fn save(store: &Store, w: &mut Watch) {
    let theirs = store.save(&w.brief.id, &w.brief.title, &w.log).unwrap();
    w.absorb(&theirs);
}

#[test]
fn the_later_change_wins_whatever_the_clocks_say() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path().join("state.json"));
    // Desk A's clock is five minutes ahead of desk B's.
    let ahead = t0() + Duration::minutes(5);

    let mut a = open(&store, "desk-a");
    a.ensure_window(ahead, None);
    a.set_status(ahead, 0, Status::Observed).unwrap();
    save(&store, &mut a);

    // B sees A's change, then disagrees with it, at a wall time that reads
    // earlier than A's.
    let mut b = open(&store, "desk-b");
    assert_eq!(b.review.status_of(0), Status::Observed);
    b.set_status(t0() + Duration::seconds(30), 0, Status::NotObserved)
        .unwrap();
    assert_eq!(b.review.status_of(0), Status::NotObserved);
    save(&store, &mut b);
    let e = b.log.last().unwrap();
    assert!(e.at < a.log.last().unwrap().at, "B's wall time is earlier");
    assert!(e.stamp > a.log.last().unwrap().stamp, "its stamp is later");

    // Every desk that reads the file now sees B's change.
    let mut fresh = open(&store, "desk-c");
    assert_eq!(fresh.review.status_of(0), Status::NotObserved);
    save(&store, &mut a);
    assert_eq!(a.review.status_of(0), Status::NotObserved, "A picked it up");

    // A's `u` undoes A's own change (I1 observed), not B's; B's change
    // still stands because it came after.
    let what = a
        .undo(ahead + Duration::seconds(1), Default::default())
        .expect("A has one to undo");
    assert!(what.contains("watching -> observed"), "{what}");
    assert_eq!(a.review.status_of(0), Status::NotObserved);
    save(&store, &mut a);
    fresh = open(&store, "desk-c");
    assert_eq!(fresh.review.status_of(0), Status::NotObserved);
    // And B's `u` undoes B's.
    save(&store, &mut b);
    let what = b
        .undo(t0() + Duration::minutes(1), Default::default())
        .expect("B has one to undo");
    assert!(what.contains("observed -> not observed"), "{what}");
    // A desk with nothing of its own has nothing to undo.
    assert!(fresh.undo(t0(), Default::default()).is_none());
}

/// The real binary: desk A, five minutes ahead, marks I1 observed; desk B,
/// with the right time, then cycles it to not observed. B's change holds.
#[test]
fn two_desks_with_skewed_clocks_keep_the_later_change() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut a = Pty::spawn_with_env(
        &state,
        120,
        36,
        &[],
        &[
            ("WATCHDESK_DESK", "desk-a"),
            ("WATCHDESK_CLOCK_SKEW", "300"),
        ],
    )?;
    a.wait_until("the indicators", TIMEOUT, |s| row_has(s, "I1", "watching"))?;
    a.send("3 ");
    a.wait_until("I1 OBSERVED", TIMEOUT, |s| row_has(s, "I1", "OBSERVED"))?;
    quit(&mut a)?;
    drop(a);

    let mut b = Pty::spawn_with_env(&state, 120, 36, &[], &[("WATCHDESK_DESK", "desk-b")])?;
    b.wait_until("A's change", TIMEOUT, |s| row_has(s, "I1", "OBSERVED"))?;
    b.send("3 ");
    b.wait_until("I1 NOT OBSERVED", TIMEOUT, |s| {
        row_has(s, "I1", "NOT OBSERVED")
    })?;
    quit(&mut b)?;
    drop(b);

    let status = status_json(&state, &[])?;
    ensure(status["indicators"][0]["status"] == "not_observed", || {
        format!("B's later change should hold:\n{status:#}")
    })?;
    Ok(())
}
