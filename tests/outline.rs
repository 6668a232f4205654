//! The outline view driven from the keyboard: a refused brief put right
//! into a working watch; corrections that survive a restart and undo.

mod common;

use std::sync::Arc;

use chrono::{Duration, FixedOffset};
use common::{press, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use watchdesk::app::{Action as A, BoardRow, Effect, Mode, Model, Msg, Screen, update};
use watchdesk::brief::{BriefSource, Correction, Mark, WindowSpec};
use watchdesk::review::{Desk, EventKind, Status};
use watchdesk::store::Store;
use watchdesk::watch::Watch;

const REFUSED: &str = include_str!("fixtures/outline/refused.txt");
const OWN_DEADLINES: &str = include_str!("fixtures/outline/own-deadlines.txt");

fn watch_on(text: &str, log: Vec<watchdesk::review::Event>) -> Watch {
    let mut w = Watch::from_text(
        Arc::from(text),
        BriefSource::Default,
        log,
        Desk::new("desk-a", None, 1),
    );
    w.utc_offset = FixedOffset::east_opt(0);
    w
}

fn desk_on(text: &str) -> Model {
    let mut m = Model::with_watch(watch_on(text, Vec::new()));
    m.ensure_window(t0(), None);
    m
}

fn type_text(m: &mut Model, s: &str) {
    for c in s.chars() {
        update(
            m,
            Msg::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            t0(),
        );
    }
}

/// The refused brief fixed from the keyboard: line 9 is the Outlook, lines
/// 10-12 are three indicators, the window is 48 hours.
fn fix_refused(m: &mut Model) -> Vec<Effect> {
    // Lines with text: 1, 3, 4, 6, 7, 9: five steps down to "Signals".
    press(m, &[A::Down; 5], 1);
    let mut effects = press(
        m,
        &[
            A::MarkOutlook,
            A::MarkIndicator,
            A::MarkIndicator,
            A::MarkIndicator,
            A::SetWindow,
        ],
        2,
    );
    type_text(m, "48h");
    effects.extend(press(m, &[A::Commit, A::Commit], 3));
    effects
}

#[test]
fn a_refused_brief_opens_in_the_outline_and_is_fixed_into_a_working_watch() {
    let mut m = desk_on(REFUSED);
    assert!(m.watch().unread().is_some(), "the parser refuses it");
    assert_eq!(m.mode, Mode::Outline, "only the outline view works on it");
    assert!(m.watch().brief.indicators.is_empty());
    // Enter before it reads is refused, and records nothing.
    press(&mut m, &[A::Commit], 1);
    assert_eq!(m.mode, Mode::Outline);
    assert!(
        m.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("cannot be read"))
    );

    let effects = fix_refused(&mut m);
    assert_eq!(m.mode, Mode::Normal, "accepted: the desk opens");
    assert!(m.watch().unread().is_none());
    let b = &m.watch().brief;
    let texts: Vec<&str> = b.indicators.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "A formal strike notice filed with the labour board.",
            "The employers' association requesting emergency arbitration.",
            "Shipping lines diverting vessels to other ports.",
        ]
    );
    assert_eq!(b.window, WindowSpec::hours(48));
    assert!(!b.window_assumed);
    assert_eq!(b.themes.len(), 2, "{:?}", b.themes);
    assert_eq!(m.watch().deadline(2), Some(t0() + Duration::hours(48)));
    // Five corrections, recorded as events and saved.
    let corrections = m
        .watch()
        .log
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Correction { .. }))
        .count();
    assert_eq!(corrections, 5);
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    // The desk works on it: the indicators take statuses.
    press(&mut m, &[A::FocusIndicators, A::Down, A::Toggle], 4);
    assert_eq!(m.watch().review.status_of(1), Status::Observed);
}

#[test]
fn corrections_survive_a_restart_through_the_state_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path().join("state.json"));
    let mut m = desk_on(REFUSED);
    fix_refused(&mut m);
    let w = m.watch();
    store
        .save(&w.brief.id, &w.brief.title, &w.log)
        .expect("saved");

    let opened = store.open().expect("opened");
    let log = opened
        .state
        .briefs
        .get(w.brief.id.as_str())
        .expect("the brief's entry")
        .events
        .clone();
    let again = watch_on(REFUSED, log);
    assert!(again.unread().is_none());
    assert_eq!(again.brief, w.brief, "the same reading after a restart");
    assert_eq!(again.corrections(), w.corrections());
    assert_eq!(again.deadline(0), w.deadline(0));
}

#[test]
fn undo_of_a_correction_restores_the_previous_reading() {
    let mut m = desk_on(REFUSED);
    fix_refused(&mut m);
    let fixed = m.watch().brief.clone();
    press(&mut m, &[A::Undo], 10);
    // The window correction is undone: 72 hours, assumed again.
    assert_eq!(m.watch().brief.window, WindowSpec::hours(72));
    assert!(m.watch().brief.window_assumed);
    assert_eq!(m.watch().brief.indicators, fixed.indicators);
    press(&mut m, &[A::Redo], 11);
    assert_eq!(m.watch().brief, fixed);
    // Undo everything down to the Outlook mark: the brief is refused again
    // and the desk goes back to the outline view.
    press(&mut m, &[A::Undo; 5], 12);
    assert!(m.watch().unread().is_some());
    assert_eq!(m.mode, Mode::Outline);
}

#[test]
fn escape_drops_the_corrections_and_the_file_reading_stands() {
    let mut m = desk_on(OWN_DEADLINES);
    assert_eq!(m.mode, Mode::Normal);
    let before = m.watch().brief.clone();
    press(&mut m, &[A::Outline, A::Down, A::MarkPassed], 1);
    let view = m.outline.as_ref().expect("the outline is open");
    assert_eq!(view.pending.len(), 1);
    assert!(view.reading.as_ref().is_ok_and(|b| *b != before));
    press(&mut m, &[A::Close], 2);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.watch().brief, before);
    assert!(m.outline.is_none());
}

#[test]
fn indicators_with_their_own_time_count_down_to_it() {
    let mut m = desk_on(OWN_DEADLINES);
    let w = m.watch();
    // Thursday 26 November 2026, 14:30 UTC; the analyst is at UTC.
    assert_eq!(w.deadline(0), Some(t0() + Duration::hours(24)));
    assert_eq!(w.deadline(1), Some(t0() + Duration::hours(48)));
    assert_eq!(
        w.deadline(2),
        Some("2026-11-28T00:00:00Z".parse().expect("time")),
        "by Friday: the end of Friday"
    );
    // The watch ends with the latest of them: the 48-hour window.
    assert_eq!(w.window_end(), w.deadline(1));
    assert_eq!(
        w.most_urgent(t0(), Default::default()).map(|u| u.0),
        Some(0)
    );
    // An indicator's deadline set in the outline: I2 within 6 hours.
    press(&mut m, &[A::Outline, A::SetDeadline], 1);
    type_text(&mut m, "2 6h");
    press(&mut m, &[A::Commit, A::Commit], 2);
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.watch().deadline(1), Some(t0() + Duration::hours(6)));
    assert_eq!(
        m.watch().most_urgent(t0(), Default::default()).map(|u| u.0),
        Some(1)
    );
}

#[test]
fn a_bad_window_is_refused_in_the_prompt_and_nothing_changes() {
    let mut m = desk_on(OWN_DEADLINES);
    press(&mut m, &[A::Outline, A::SetWindow], 1);
    type_text(&mut m, "0 hours");
    press(&mut m, &[A::Commit], 2);
    assert_eq!(m.mode, Mode::OutlineInput, "the prompt stays open");
    let prompt = m
        .outline
        .as_ref()
        .and_then(|v| v.prompt.as_ref())
        .expect("prompt");
    assert!(
        prompt
            .error
            .as_deref()
            .is_some_and(|e| e.contains("no time"))
    );
    press(&mut m, &[A::Close, A::Close], 3);
    assert_eq!(m.mode, Mode::Normal);
    assert!(m.watch().corrections().is_empty());
}

#[test]
fn a_correction_event_round_trips_through_json() {
    let corrections = [
        Correction::Mark {
            first_line: 3,
            last_line: 5,
            mark: Mark::Indicator,
        },
        Correction::SetWindow(WindowSpec::Span(Duration::minutes(150))),
        Correction::SetDeadline {
            indicator: 1,
            deadline: Some(WindowSpec::EndOfDay(watchdesk::brief::DayRef::Weekday(
                chrono::Weekday::Fri,
            ))),
        },
        Correction::SetDeadline {
            indicator: 0,
            deadline: Some(WindowSpec::EndOfDay(watchdesk::brief::DayRef::Date {
                day: 4,
                month: 7,
                year: None,
            })),
        },
        Correction::SetDeadline {
            indicator: 0,
            deadline: None,
        },
    ];
    let mut desk = Desk::new("d", None, 1);
    for c in corrections {
        let e = desk.next(t0(), EventKind::Correction { correction: c });
        let json = serde_json::to_string(&e).expect("json");
        let back: watchdesk::review::Event = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, e, "{json}");
        assert!(back.extra.is_empty(), "{json}");
    }
}

/// The board with the default brief and `text`'s watch (started at t0).
fn board_with(text: &str) -> Model {
    let mut other = Watch::new(
        common::default_brief(),
        BriefSource::Default,
        Vec::new(),
        Desk::new("desk-a", None, 2),
    );
    other.ensure_window(t0(), None);
    let mut w = watch_on(text, Vec::new());
    w.ensure_window(t0(), None);
    let mut m = Model::with_watches(vec![other, w]).expect("watches");
    m.utc_offset = FixedOffset::east_opt(0);
    m
}

#[test]
fn an_unread_watch_is_one_board_row_that_opens_its_outline() {
    let mut m = board_with(REFUSED);
    assert_eq!(m.screen, Screen::Board);
    assert_eq!(m.mode, Mode::Board, "the board is not taken over");
    // Its row comes first, before the default brief's three indicators.
    assert_eq!(m.board_unread(), vec![1]);
    assert_eq!(m.board_len(t0()), 4);
    assert_eq!(m.board_row(t0(), 0), Some(BoardRow::Unread(1)));
    // Enter: its outline, not an empty desk.
    press(&mut m, &[A::Open], 1);
    assert_eq!(
        (m.screen, m.mode, m.active),
        (Screen::Desk, Mode::Outline, 1)
    );
    // Esc with other watches on the desk: back to the board, still unread.
    press(&mut m, &[A::Close], 2);
    assert_eq!((m.screen, m.mode), (Screen::Board, Mode::Board));
    assert!(m.outline.is_none());
    assert_eq!(m.board_len(t0()), 4);
    // Read it: its row becomes its three indicators, its deadlines 48 h
    // after t0, before the default brief's 72 h.
    press(&mut m, &[A::Open], 3);
    fix_refused(&mut m);
    assert_eq!((m.screen, m.mode), (Screen::Desk, Mode::Normal));
    press(&mut m, &[A::Board], 4);
    assert!(m.board_unread().is_empty());
    let rows: Vec<(usize, usize)> = m
        .board_rows(t0())
        .iter()
        .map(|u| (u.watch, u.indicator))
        .collect();
    assert_eq!(rows, [(1, 0), (1, 1), (1, 2), (0, 0), (0, 1), (0, 2)]);
}

#[test]
fn an_indicators_own_deadline_orders_the_board() {
    let mut m = board_with(OWN_DEADLINES);
    // I1 within 24 h, I2 the 48 h window, I3 by Friday (end of 27 Nov, UTC):
    // the default brief's 72 h rows come after all three.
    let order: Vec<(usize, usize)> = m
        .board_rows(t0())
        .iter()
        .map(|u| (u.watch, u.indicator))
        .collect();
    assert_eq!(order, [(1, 0), (1, 2), (1, 1), (0, 0), (0, 1), (0, 2)]);
    // Set I2's own deadline to 6 h in the outline: it goes first.
    m.open_desk(1, None);
    press(&mut m, &[A::Outline, A::SetDeadline], 1);
    type_text(&mut m, "2 6h");
    press(&mut m, &[A::Commit, A::Commit, A::Board], 2);
    let first = m.board_rows(t0())[0];
    assert_eq!((first.watch, first.indicator), (1, 1));
    assert_eq!(first.deadline, Some(t0() + Duration::hours(6)));
}
