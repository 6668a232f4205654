//! Clocks that jump (issue 14): an alert recorded at a wall time later
//! than now (a desk whose clock was ahead, a forward jump since corrected)
//! is not taken as rung for the real crossing, which rings again; events
//! stamped in the future are marked "(clock ahead)" in the change log.

use chrono::{DateTime, Duration, TimeZone, Utc};
use watchdesk::app::Model;
use watchdesk::brief::{Brief, BriefSource};
use watchdesk::clock::Thresholds;
use watchdesk::review::{Desk, EventKind, ItemRef, Level};
use watchdesk::watch::Watch;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 14, 30, 0).unwrap()
}

/// A watch of the default brief whose 72-hour window starts at t0.
fn watch(desk: &str) -> Watch {
    let brief = Brief::default_brief().expect("the default brief");
    let mut w = Watch::new(
        brief,
        BriefSource::Default,
        Vec::new(),
        Desk::new(desk, None, 1),
    );
    w.ensure_window(t0(), Some(t0()));
    w
}

fn amber_crossing() -> DateTime<Utc> {
    let deadline = watch("x").deadline(0).expect("a deadline");
    deadline - Thresholds::default().amber
}

fn due(w: &mut Watch, now: DateTime<Utc>) -> Vec<(Level, Vec<usize>)> {
    w.alerts_due(now, Thresholds::default())
        .into_iter()
        .map(|c| (c.level, c.indicators))
        .collect()
}

/// A desk whose clock is three hours ahead rings amber at what it takes
/// for the crossing; the real crossing still rings here.
#[test]
fn an_alert_from_a_clock_ahead_does_not_use_up_the_real_crossing() {
    let c = amber_crossing();
    let skew = Duration::hours(3);
    let mut ahead = watch("ahead");
    // Its clock says c (really c - 3h).
    let rung = due(&mut ahead, c);
    assert_eq!(rung[0].0, Level::Amber);
    for crossing in ahead.alerts_due(c, Thresholds::default()) {
        ahead.raise(c, &crossing, true);
    }
    let mut here = watch("here");
    let real = c - skew;
    here.absorb(&ahead.log);
    assert!(
        here.review
            .alerts
            .contains(&(ItemRef::Indicator(0), Level::Amber))
    );
    assert!(due(&mut here, real).is_empty(), "nothing is due yet");
    // The real crossing rings, once.
    let at_crossing = due(&mut here, c);
    assert_eq!(at_crossing.len(), 1, "{at_crossing:?}");
    assert_eq!(at_crossing[0].0, Level::Amber);
    assert_eq!(at_crossing[0].1, vec![0, 1, 2]);
    for crossing in here.alerts_due(c, Thresholds::default()) {
        here.raise(c, &crossing, true);
    }
    assert!(
        due(&mut here, c + Duration::seconds(1)).is_empty(),
        "rung once"
    );
    assert!(due(&mut here, c + Duration::hours(1)).is_empty());
}

/// This desk's own clock jumped forward two days, rang, and was put right:
/// the crossings ring again when they really come.
#[test]
fn a_forward_jump_then_corrected_rings_again() {
    let mut w = watch("here");
    let jumped = t0() + Duration::hours(80);
    let expired = due(&mut w, jumped);
    assert_eq!(expired[0].0, Level::Expired);
    for crossing in w.alerts_due(jumped, Thresholds::default()) {
        w.raise(jumped, &crossing, true);
    }
    let corrected = t0() + Duration::hours(10);
    assert!(due(&mut w, corrected).is_empty());
    let c = amber_crossing();
    let again = due(&mut w, c);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].0, Level::Amber);
}

/// Control: an alert recorded at the crossing by a right clock is rung,
/// and a desk seeing it a little later does not ring it again.
#[test]
fn an_alert_from_a_right_clock_stays_rung() {
    let c = amber_crossing();
    let mut other = watch("other");
    for crossing in other.alerts_due(c, Thresholds::default()) {
        other.raise(c, &crossing, true);
    }
    let mut here = watch("here");
    here.absorb(&other.log);
    // Seen seconds before (within the tolerance) and after the crossing.
    assert!(due(&mut here, c - Duration::seconds(30)).is_empty());
    assert!(due(&mut here, c + Duration::seconds(5)).is_empty());
}

#[test]
fn events_stamped_in_the_future_are_marked_in_the_change_log() {
    let now = t0() + Duration::hours(1);
    let mut w = watch("here");
    let mut ahead = Desk::new("ahead", None, 2);
    let early = ahead.event(
        &w.log,
        now + Duration::hours(5),
        EventKind::Reviewed {
            item: ItemRef::Theme(0),
            reviewed: true,
        },
    );
    let mut log = (*w.log).clone();
    log.push(early);
    w.absorb(&log);
    let m = Model::with_watches(vec![w]).expect("a model");
    let rows = watchdesk::ui::timeline::rows_at(&m, Some(now));
    let marked: Vec<&String> = rows
        .iter()
        .map(|r| &r.2)
        .filter(|w| w.contains("(clock ahead)"))
        .collect();
    assert_eq!(marked.len(), 1, "{rows:#?}");
    assert!(
        rows[0].2.contains("(clock ahead)"),
        "the newest is the early one"
    );
    // Once the clock catches up, it is an ordinary entry.
    let later = watchdesk::ui::timeline::rows_at(&m, Some(now + Duration::hours(6)));
    assert!(later.iter().all(|r| !r.2.contains("(clock ahead)")));
}
