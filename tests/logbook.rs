//! Notes, the change log, undo and redo, search and the handover report, as
//! `update` scripts at fixed times.

mod common;

use chrono::Duration;
use common::{model, press, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use watchdesk::app::{Action as A, Effect, Mode, Model, Msg, Panel, update};
use watchdesk::report::{Format, Report};
use watchdesk::review::{Confidence, EventKind, ItemRef, Status, describe};
use watchdesk::ui::styles::Palette;

fn typed(m: &mut Model, text: &str) {
    for c in text.chars() {
        let key = match c {
            '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        update(m, Msg::Input(key), t0());
    }
}

fn key(m: &mut Model, code: KeyCode) {
    update(m, Msg::Input(KeyEvent::new(code, KeyModifiers::NONE)), t0());
}

/// Write a note on the selected item with a source and a confidence.
fn note(m: &mut Model, text: &str, source: Option<&str>, confidence_steps: usize, at: i64) {
    press(m, &[A::AddNote], at);
    assert_eq!(m.mode, Mode::Note);
    typed(m, text);
    if let Some(src) = source {
        press(m, &[A::NextField], at);
        typed(m, src);
    }
    press(m, &[A::NextField], at);
    for _ in 0..confidence_steps {
        key(m, KeyCode::Right);
    }
    let effects = press(m, &[A::Commit], at);
    assert!(
        matches!(effects.as_slice(), [Effect::Save { .. }]),
        "a note is saved at once"
    );
}

#[test]
fn a_note_is_stamped_and_shown_under_its_item() {
    let mut m = model();
    m.settings.initials = Some("JD".into());
    press(&mut m, &[A::FocusIndicators, A::Down], 0);
    note(
        &mut m,
        "Ministry statement seen\non the wires",
        Some("Agency wire"),
        3,
        90,
    );
    assert_eq!(m.mode, Mode::Normal);
    let notes: Vec<_> = m.watch().review.notes_on(ItemRef::Indicator(1)).collect();
    assert_eq!(notes.len(), 1);
    let n = notes[0];
    assert_eq!(n.text, "Ministry statement seen\non the wires");
    assert_eq!(n.source().as_deref(), Some("Agency wire"));
    assert_eq!(n.confidence(), Some(Confidence::High));
    assert_eq!(n.author().as_deref(), Some("JD"));
    assert_eq!(n.at, t0() + Duration::seconds(90));
    // Shown under the item in the reading pane.
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 36)).unwrap();
    t.draw(|f| watchdesk::ui::draw(f, &m, &Palette::default(), t0() + Duration::seconds(100)))
        .unwrap();
    let screen = t.backend().to_string();
    assert!(screen.contains("Notes on I2 (1)"), "{screen}");
    assert!(screen.contains("source: Agency wire"));
    assert!(screen.contains("Ministry statement seen"));
}

#[test]
fn esc_cancels_a_note_and_an_empty_note_is_not_saved() {
    let mut m = model();
    press(&mut m, &[A::AddNote], 0);
    typed(&mut m, "half a thought");
    let effects = press(&mut m, &[A::Close], 1);
    assert!(effects.is_empty());
    assert_eq!(m.mode, Mode::Normal);
    assert_eq!(m.watch().review.notes.len(), 0);
    // Esc kept the text as a draft (issue 15): discard it, then an empty note.
    assert_eq!(m.drafts.len(), 1);
    press(&mut m, &[A::AddNote, A::Discard, A::AddNote], 2);
    typed(&mut m, "   \n  ");
    assert!(press(&mut m, &[A::Commit], 3).is_empty());
    assert_eq!(m.watch().review.notes.len(), 0);
}

#[test]
fn pasted_text_lands_in_the_note() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::AddNote], 0);
    update(&mut m, Msg::Paste("line one\r\nline two".into()), t0());
    press(&mut m, &[A::Commit], 1);
    let n = m
        .watch()
        .review
        .notes_on(ItemRef::Theme(0))
        .next()
        .expect("a note");
    assert_eq!(n.text, "line one\nline two");
}

#[test]
fn undo_is_logged_and_redo_brings_it_back() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 10); // I1 observed
    press(&mut m, &[A::Toggle], 20); // I1 not observed
    assert_eq!(m.watch().review.status_of(0), Status::NotObserved);
    let before = m.watch().log.len();
    press(&mut m, &[A::Undo], 30);
    assert_eq!(m.watch().review.status_of(0), Status::Observed);
    assert_eq!(
        m.watch().log.len(),
        before + 1,
        "undo adds an event, deletes nothing"
    );
    press(&mut m, &[A::Undo], 40);
    assert_eq!(m.watch().review.status_of(0), Status::Watching);
    press(&mut m, &[A::Redo], 50);
    assert_eq!(m.watch().review.status_of(0), Status::Observed);
    press(&mut m, &[A::Redo], 60);
    assert_eq!(m.watch().review.status_of(0), Status::NotObserved);
    // Nothing left to redo.
    let n = m.watch().log.len();
    press(&mut m, &[A::Redo], 70);
    assert_eq!(m.watch().log.len(), n);
    // A new action after an undo clears the redo.
    press(&mut m, &[A::Undo], 80);
    press(&mut m, &[A::FocusThemes, A::Toggle], 90);
    let n = m.watch().log.len();
    press(&mut m, &[A::Redo], 100);
    assert_eq!(m.watch().log.len(), n, "no redo after a new action");
    let last_undo = m
        .watch()
        .log
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::Undo { .. }))
        .expect("an undo event");
    assert_eq!(
        describe(last_undo, &m.watch().log, m.settings.thresholds),
        "undo: I1 observed → not observed"
    );
}

#[test]
fn notes_can_be_undone_too() {
    let mut m = model();
    note(&mut m, "wrong indicator", None, 0, 5);
    assert_eq!(m.watch().review.notes.len(), 1);
    press(&mut m, &[A::Undo], 6);
    assert_eq!(m.watch().review.notes.len(), 0);
    assert!(
        m.watch()
            .log
            .iter()
            .any(|e| matches!(e.kind, EventKind::Note { .. })),
        "still in the log"
    );
}

#[test]
fn the_timeline_lists_newest_first_and_filters_to_one_item() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 60); // I1 watching → observed
    press(&mut m, &[A::FocusThemes, A::Toggle], 120); // T1 reviewed
    press(&mut m, &[A::FocusIndicators, A::Timeline], 180);
    assert_eq!(m.mode, Mode::Timeline);
    let rows = watchdesk::ui::timeline::rows(&m);
    assert_eq!(rows[0].2, "T1 marked reviewed");
    assert_eq!(rows[0].0, "261432Z NOV 26");
    assert_eq!(rows[1].2, "I1 watching → observed");
    assert_eq!(rows[1].0, "261431Z NOV 26");
    assert!(rows[2].2.starts_with("watch window started"));
    press(&mut m, &[A::Filter], 180);
    let rows = watchdesk::ui::timeline::rows(&m);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].2, "I1 watching → observed");
    press(&mut m, &[A::Filter, A::Close], 180);
    assert_eq!(m.mode, Mode::Normal);
}

#[test]
fn search_finds_themes_indicators_and_notes_and_steps_between_them() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::Bottom], 0);
    note(&mut m, "a remark about Svalbard", None, 0, 1);
    press(&mut m, &[A::FocusIndicators, A::Search], 2);
    typed(&mut m, "svalbard");
    assert_eq!(m.search.matches, vec![ItemRef::Theme(3)]);
    assert_eq!(m.focus, Panel::Themes, "jumps as you type");
    press(&mut m, &[A::Commit], 3);
    assert_eq!(m.mode, Mode::Normal);

    press(&mut m, &[A::Search], 4);
    typed(&mut m, "TAIWAN");
    let found = m.search.matches.clone();
    assert!(found.contains(&ItemRef::Theme(2)));
    assert!(found.contains(&ItemRef::WashingtonNote(0)));
    assert!(found.contains(&ItemRef::Indicator(1)));
    press(&mut m, &[A::Commit], 5);
    let first = m.current_item();
    press(&mut m, &[A::NextMatch], 6);
    assert_ne!(m.current_item(), first);
    press(&mut m, &[A::PrevMatch], 7);
    assert_eq!(m.current_item(), first);
    // Backspace edits the query; Esc clears it.
    press(&mut m, &[A::Search], 8);
    typed(&mut m, "xyzzy");
    assert!(m.search.matches.is_empty());
    key(&mut m, KeyCode::Backspace);
    assert_eq!(m.search.query, "xyzz");
    press(&mut m, &[A::Close], 9);
    assert!(m.search.query.is_empty());
}

#[test]
fn e_asks_for_the_report_to_be_written() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 60);
    let effects = press(&mut m, &[A::Export], 120);
    match effects.as_slice() {
        [Effect::Export { file_name, text }] => {
            assert!(file_name.ends_with(".md"));
            assert_eq!(
                file_name, "nuclear-proliferation-reshapes-alliance-priorities-20261126-143200Z.md",
                "named by the brief's title and the time"
            );
            assert!(
                text.contains("261431:00Z NOV 26 (Thu 26 Nov 09:31 -05:00) I1 watching → observed")
            );
        }
        other => panic!("expected an export, got {other:?}"),
    }
    update(
        &mut m,
        Msg::Exported {
            path: "/tmp/r.md".into(),
        },
        t0(),
    );
    assert!(m.notice.expect("says where").text.contains("/tmp/r.md"));
}

/// The model every report test shares: a little of everything.
fn worked() -> Model {
    let mut m = model();
    m.settings.initials = Some("AB".into());
    m.settings.classification = Some("UNCLASSIFIED // EXERCISE".into());
    press(&mut m, &[A::FocusThemes, A::Toggle], 600);
    note(&mut m, "Read twice; strong framing.", None, 0, 700);
    press(&mut m, &[A::FocusWashington], 800);
    note(
        &mut m,
        "Watch the appropriations calendar.",
        Some("Hill staff"),
        2,
        800,
    );
    press(&mut m, &[A::FocusIndicators, A::Down, A::Toggle], 3600);
    note(
        &mut m,
        "Joint communique published.",
        Some("Official release"),
        3,
        3700,
    );
    press(&mut m, &[A::Down, A::Toggle, A::Toggle], 7200);
    m
}

#[test]
fn report_markdown_golden() {
    let m = worked();
    let now = t0() + Duration::hours(3);
    let md = Report::build(m.watch(), &m.settings, m.utc_offset, now, None).render(Format::Md);
    insta::assert_snapshot!(md);
}

#[test]
fn report_json_golden_carries_the_same_content() {
    let m = worked();
    let now = t0() + Duration::hours(3);
    let report = Report::build(m.watch(), &m.settings, m.utc_offset, now, None);
    let json = report.render(Format::Json);
    insta::assert_snapshot!(json);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["indicators"][1]["status"], "observed");
    assert_eq!(v["indicators"][1]["notes"][0]["source"], "Official release");
    assert_eq!(v["indicators"][2]["status"], "not_observed");
    assert_eq!(v["themes"][0]["reviewed"], true);
    assert_eq!(v["indicators"][0]["time_left"], "69:00:00");
    assert_eq!(v["log"].as_array().map(Vec::len), Some(m.watch().log.len()));
}

#[test]
fn report_since_keeps_only_later_changes() {
    let m = worked();
    let now = t0() + Duration::hours(3);
    let since = t0() + Duration::minutes(30);
    let r = Report::build(m.watch(), &m.settings, m.utc_offset, now, Some(since));
    assert!(r.log.iter().all(|l| l.at.utc > since));
    assert!(r.log.iter().any(|l| l.change == "I2 watching → observed"));
    assert!(!r.log.iter().any(|l| l.change == "T1 marked reviewed"));
    let md = r.render(Format::Md);
    assert!(md.contains("## Log since 261500Z NOV 26"));
}
