//! `update` scripts: key actions in, model and effects out, no terminal.

mod common;

use chrono::Duration;
use common::{model, press, t0};
use watchdesk::app::{Action as A, Effect, Mode, Msg, Panel, update};
use watchdesk::review::{self, EventKind, ItemRef, Status};

fn saved_log(effects: &[Effect]) -> Vec<review::Event> {
    match effects.last() {
        Some(Effect::Save { log, .. }) => log.to_vec(),
        other => panic!("expected a save, got {other:?}"),
    }
}

#[test]
fn the_window_starts_when_the_brief_is_first_opened_and_only_then() {
    let mut m = model();
    assert_eq!(m.watch().window_start(), Some(t0()));
    assert_eq!(m.watch().deadline(0), Some(t0() + Duration::hours(72)));
    // Opening again later does not move it.
    assert!(m.ensure_window(t0() + Duration::hours(5), None).is_empty());
    assert_eq!(m.watch().window_start(), Some(t0()));
    // An explicit --issued time does, once.
    let issued = t0() - Duration::hours(10);
    assert_eq!(m.ensure_window(t0(), Some(issued)).len(), 1);
    assert_eq!(m.watch().window_start(), Some(issued));
    assert!(m.ensure_window(t0(), Some(issued)).is_empty());
}

#[test]
fn space_cycles_an_indicator_and_each_change_is_saved() {
    let mut m = model();
    press(&mut m, &[A::FocusIndicators, A::Down], 1);
    assert_eq!(m.current_item(), Some(ItemRef::Indicator(1)));
    let mut seen = Vec::new();
    for k in 0..4 {
        let effects = press(&mut m, &[A::Toggle], 2 + k);
        assert_eq!(effects.len(), 1, "one save per change");
        seen.push(m.watch().review.status_of(1));
    }
    assert_eq!(
        seen,
        [
            Status::Observed,
            Status::NotObserved,
            Status::Watching,
            Status::Observed
        ]
    );
    // The others are untouched.
    assert_eq!(m.watch().review.status_of(0), Status::Watching);
    assert_eq!(m.watch().review.status_of(2), Status::Watching);
    // The log holds each change with its from and to.
    let changes: Vec<(Status, Status)> = m
        .watch()
        .log
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Status { from, to, .. } => Some((from, to)),
            _ => None,
        })
        .collect();
    assert_eq!(changes.len(), 4);
    assert_eq!(changes[0], (Status::Watching, Status::Observed));
    assert_eq!(changes[1], (Status::Observed, Status::NotObserved));
}

#[test]
fn space_marks_themes_and_washington_notes_reviewed() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::Down, A::Down, A::Toggle], 1);
    assert!(m.watch().review.is_reviewed(ItemRef::Theme(2)));
    assert!(!m.watch().review.is_reviewed(ItemRef::Theme(0)));
    press(&mut m, &[A::Toggle], 2);
    assert!(!m.watch().review.is_reviewed(ItemRef::Theme(2)));
    press(&mut m, &[A::FocusWashington, A::Bottom, A::Toggle], 3);
    assert!(m.watch().review.is_reviewed(ItemRef::WashingtonNote(1)));
}

#[test]
fn focus_keys_and_tab_cycle_the_panels() {
    let mut m = model();
    assert_eq!(m.focus, Panel::Indicators);
    press(&mut m, &[A::FocusNext], 0);
    assert_eq!(m.focus, Panel::Themes);
    press(&mut m, &[A::FocusNext], 0);
    assert_eq!(m.focus, Panel::Washington);
    press(&mut m, &[A::FocusPrev, A::FocusPrev], 0);
    assert_eq!(m.focus, Panel::Indicators);
    press(&mut m, &[A::FocusWashington], 0);
    assert_eq!(m.focus, Panel::Washington);
}

#[test]
fn selection_stays_inside_the_list() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::Up, A::Up], 0);
    assert_eq!(m.selected_in(Panel::Themes), 0);
    press(&mut m, &[A::Down; 10], 0);
    assert_eq!(m.selected_in(Panel::Themes), 3);
    press(&mut m, &[A::Top], 0);
    assert_eq!(m.selected_in(Panel::Themes), 0);
    press(&mut m, &[A::Bottom], 0);
    assert_eq!(m.selected_in(Panel::Themes), 3);
}

#[test]
fn help_opens_and_closes_and_swallows_other_keys() {
    let mut m = model();
    press(&mut m, &[A::Help], 0);
    assert_eq!(m.mode, Mode::Help);
    let effects = press(&mut m, &[A::Toggle, A::FocusThemes], 0);
    assert!(effects.is_empty());
    assert_eq!(
        m.focus,
        Panel::Indicators,
        "keys behind the help do nothing"
    );
    press(&mut m, &[A::Close], 0);
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn quit_is_immediate_when_everything_is_saved() {
    let mut m = model();
    let effects = press(&mut m, &[A::Toggle], 1);
    assert_eq!(saved_log(&effects), *m.watch().log);
    let generation = m.watch().generation;
    // The file held nothing this desk lacked.
    let theirs = Vec::new();
    update(
        &mut m,
        Msg::Saved {
            brief: common::default_brief().id,
            generation,
            theirs,
        },
        t0(),
    );
    assert!(!m.has_unsaved());
    press(&mut m, &[A::Quit], 2);
    assert!(m.quit);
}

#[test]
fn quit_with_unsaved_changes_warns_first_and_retries_the_save() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 1);
    let generation = m.watch().generation;
    let error = "disk full".to_string();
    update(
        &mut m,
        Msg::SaveFailed {
            brief: common::default_brief().id,
            generation,
            error,
        },
        t0(),
    );
    assert!(m.has_unsaved());
    let effects = press(&mut m, &[A::Quit], 2);
    assert!(!m.quit, "the first q only warns");
    assert!(matches!(effects.as_slice(), [Effect::Save { .. }]));
    let notice = m.notice.clone().expect("a warning");
    assert!(notice.text.contains("press q again"), "{}", notice.text);
    press(&mut m, &[A::Quit], 3);
    assert!(m.quit, "the second q quits");
}

#[test]
fn a_failed_save_is_kept_and_retried_on_a_later_tick() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 1);
    let generation = m.watch().generation;
    update(
        &mut m,
        Msg::SaveFailed {
            brief: common::default_brief().id,
            generation,
            error: "read-only file system".into(),
        },
        t0(),
    );
    assert!(m.save_error.is_some());
    assert_eq!(
        m.watch().review.status_of(0),
        Status::Observed,
        "kept in memory"
    );
    let early = update(&mut m, Msg::Tick, t0() + Duration::seconds(1));
    assert!(
        !early.iter().any(|e| matches!(e, Effect::Save { .. })),
        "no retry before its time"
    );
    let retry = update(&mut m, Msg::Tick, t0() + Duration::seconds(6));
    assert_eq!(saved_log(&retry), *m.watch().log);
    update(
        &mut m,
        Msg::Saved {
            brief: common::default_brief().id,
            generation,
            theirs: Vec::new(),
        },
        t0() + Duration::seconds(6),
    );
    assert!(!m.has_unsaved());
    assert!(m.save_error.is_none());
}

#[test]
fn another_desks_changes_are_merged_not_replacing_ours() {
    let mut a = model();
    let mut b = model();
    press(&mut a, &[A::Toggle], 1); // I1 observed on desk A
    press(&mut b, &[A::FocusThemes, A::Toggle], 2); // T1 reviewed on desk B
    let theirs = b.watch().log.to_vec();
    update(
        &mut a,
        Msg::Reloaded {
            brief: common::default_brief().id,
            log: theirs,
        },
        t0() + Duration::seconds(3),
    );
    assert_eq!(a.watch().review.status_of(0), Status::Observed);
    assert!(a.watch().review.is_reviewed(ItemRef::Theme(0)));
}

#[test]
fn a_save_that_found_another_desks_work_brings_it_in() {
    let mut a = model();
    let mut b = model();
    press(&mut b, &[A::FocusThemes, A::Toggle], 1); // T1 reviewed on desk B
    let effects = press(&mut a, &[A::Toggle], 2); // I1 observed on desk A
    assert_eq!(effects.len(), 1);
    let generation = a.watch().generation;
    // What desk A's save found on disk and A lacked: B's mark.
    let theirs = vec![b.watch().log.last().expect("B's mark").clone()];
    update(
        &mut a,
        Msg::Saved {
            brief: common::default_brief().id,
            generation,
            theirs,
        },
        t0() + Duration::seconds(3),
    );
    assert!(!a.has_unsaved());
    assert_eq!(a.watch().review.status_of(0), Status::Observed);
    assert!(a.watch().review.is_reviewed(ItemRef::Theme(0)));
    assert_eq!(
        a.watch().review,
        review::fold(&a.watch().log, a.watch().brief.indicators.len())
    );
}

#[test]
fn read_only_desks_change_nothing() {
    let mut m = model();
    m.read_only = true;
    let before = m.watch().log.len();
    let effects = press(&mut m, &[A::Toggle], 1);
    assert!(effects.is_empty());
    assert_eq!(m.watch().log.len(), before);
    assert!(m.notice.expect("told why").text.contains("read-only"));
}

#[test]
fn shutdown_saves_what_is_unsaved() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 1);
    let effects = update(&mut m, Msg::Shutdown, t0());
    assert!(m.quit);
    let log = saved_log(&effects);
    assert!(
        log.iter()
            .any(|e| matches!(e.kind, EventKind::Status { .. }))
    );
}

#[test]
fn transient_notices_fade_on_a_later_tick() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 0);
    assert!(m.notice.is_some());
    update(&mut m, Msg::Tick, t0() + Duration::seconds(2));
    assert!(m.notice.is_some());
    update(&mut m, Msg::Tick, t0() + Duration::seconds(30));
    assert!(m.notice.is_none());
}

#[test]
fn a_read_only_desk_shows_a_window_but_asks_for_no_save() {
    let mut m = watchdesk::app::Model::new(
        common::default_brief(),
        watchdesk::brief::BriefSource::Default,
        Vec::new(),
        3,
    );
    m.read_only = true;
    assert!(m.ensure_window(t0(), None).is_empty());
    assert_eq!(
        m.watch().window_start(),
        Some(t0()),
        "shown from now, in memory"
    );
}

#[test]
fn nothing_keeps_the_log_after_a_save_has_run() {
    let mut m = model();
    let effects = press(&mut m, &[A::Toggle], 1);
    assert_eq!(
        std::sync::Arc::strong_count(&m.watch().log),
        2,
        "the save shares it"
    );
    drop(effects);
    assert_eq!(
        std::sync::Arc::strong_count(&m.watch().log),
        1,
        "the next change appends without a copy"
    );
}

/// What an analyst can do that changes the review, at a time that mostly
/// moves on and sometimes goes back (a clock step).
#[derive(Debug, Clone)]
enum Step {
    Keys(Vec<A>),
    Note(String),
    Tick,
}

fn arb_step() -> impl proptest::strategy::Strategy<Value = (Step, i64)> {
    use proptest::prelude::*;
    let key = prop_oneof![
        Just(A::FocusThemes),
        Just(A::FocusWashington),
        Just(A::FocusIndicators),
        Just(A::Down),
        Just(A::Up),
        Just(A::Toggle),
        Just(A::MarkObserved),
        Just(A::MarkNotObserved),
        Just(A::Undo),
        Just(A::Redo),
    ];
    let step = prop_oneof![
        6 => proptest::collection::vec(key, 1..4).prop_map(Step::Keys),
        1 => "[a-z ]{1,12}".prop_map(Step::Note),
        1 => Just(Step::Tick),
    ];
    (step, prop_oneof![8 => 0i64..4_000, 1 => -600i64..0])
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// The review the desk keeps up to date change by change is the fold of
    /// its log, whatever the changes and the clock do.
    #[test]
    fn the_review_is_always_the_fold_of_the_log(
        steps in proptest::collection::vec(arb_step(), 1..40),
    ) {
        let mut m = model();
        let mut now = t0();
        for (step, dt) in steps {
            now += Duration::seconds(dt);
            match step {
                Step::Keys(keys) => {
                    for k in keys {
                        update(&mut m, Msg::Action(k), now);
                    }
                }
                Step::Note(text) => {
                    update(&mut m, Msg::Action(A::AddNote), now);
                    update(&mut m, Msg::Paste(text), now);
                    update(&mut m, Msg::Action(A::Commit), now);
                }
                Step::Tick => {
                    update(&mut m, Msg::Tick, now);
                }
            }
            let full = review::fold(&m.watch().log, m.watch().brief.indicators.len());
            proptest::prop_assert_eq!(&m.watch().review, &full);
        }
    }
}

/// `update` says when a frame is needed: after a key, never for the
/// frame's own report, and on a tick only when a countdown shows or the
/// tick changed something.
#[test]
fn update_says_when_to_redraw() {
    use watchdesk::app::FrameReport;
    let mut m = model();
    assert!(update(&mut m, Msg::Action(A::Down), t0()).redraw);
    let small = FrameReport::default();
    assert!(!update(&mut m, Msg::Frame(small), t0()).redraw);
    assert!(!m.countdowns_on_screen);
    // A "too small" screen: a quiet second needs no frame...
    assert!(!update(&mut m, Msg::Tick, t0() + Duration::seconds(1)).redraw);
    // ...but a notice fading does.
    press(&mut m, &[A::Toggle], 2);
    assert!(m.notice.is_some());
    assert!(update(&mut m, Msg::Tick, t0() + Duration::seconds(60)).redraw);
    assert!(m.notice.is_none());
    assert!(!update(&mut m, Msg::Tick, t0() + Duration::seconds(61)).redraw);
    // With countdowns on screen, every second does.
    let full = FrameReport {
        countdowns: true,
        ..FrameReport::default()
    };
    update(&mut m, Msg::Frame(full), t0());
    assert!(update(&mut m, Msg::Tick, t0() + Duration::seconds(62)).redraw);
}
