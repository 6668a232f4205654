//! Issue 15, second half: drafts kept by Esc, search going back, the ends
//! of help and the log, the reader following a new note, the mouse, notes
//! corrected, the log read as a log, and the small things.

mod common;

use chrono::Duration;
use common::{model, press, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
// Panel is used by polish2's later tests; harden2 carries only its first commit (lead: drop this allow after merging polish2).
#[allow(unused_imports)]
use watchdesk::app::{Action as A, Mode, Model, Msg, Panel, update};
use watchdesk::review::{Confidence, ItemRef};
use watchdesk::ui;
use watchdesk::ui::styles::Palette;

fn screen(m: &Model, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| {
        let report = ui::draw_desk(f, m, &Palette::default(), t0() + Duration::seconds(60));
        let _ = report;
    })
    .expect("draw");
    t
}

fn text(m: &Model, w: u16, h: u16) -> String {
    screen(m, w, h).backend().to_string()
}

fn typed(m: &mut Model, s: &str) {
    for c in s.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        update(m, Msg::Input(key), t0());
    }
}

fn key(m: &mut Model, code: KeyCode) {
    update(m, Msg::Input(KeyEvent::new(code, KeyModifiers::NONE)), t0());
}

#[test]
fn esc_in_the_note_editor_keeps_the_draft_and_n_brings_it_back() {
    let mut m = model();
    press(&mut m, &[A::FocusIndicators, A::Down, A::AddNote], 1);
    typed(&mut m, "convoy seen");
    press(&mut m, &[A::NextField], 1);
    typed(&mut m, "ship spotters");
    press(&mut m, &[A::NextField], 1);
    typed(&mut m, "3");
    let effects = press(&mut m, &[A::Close], 2);
    assert!(effects.is_empty(), "nothing is recorded: {effects:?}");
    assert_eq!(m.mode, Mode::Normal);
    let id = m.watch().brief.id.clone();
    let draft = m.drafts.get(&(id.clone(), ItemRef::Indicator(1))).cloned();
    let draft = draft.expect("the draft is kept");
    assert_eq!(draft.text, "convoy seen");
    assert_eq!(draft.source, "ship spotters");
    assert_eq!(draft.confidence, Some(Confidence::High));
    // Another item's editor starts empty.
    press(&mut m, &[A::Up, A::AddNote], 3);
    assert_eq!(m.editor.as_ref().and_then(|e| e.note_text()), None);
    press(&mut m, &[A::Close, A::Down, A::AddNote], 3);
    let e = m.editor.as_ref().expect("the editor is open");
    assert_eq!(e.note_text().as_deref(), Some("convoy seen"));
    assert_eq!(e.source_text().as_deref(), Some("ship spotters"));
    assert_eq!(e.confidence, Some(Confidence::High));
    // Typing goes on at the end of the kept text.
    typed(&mut m, " today");
    let effects = press(&mut m, &[A::Commit], 4);
    assert_eq!(effects.len(), 1, "the note is saved");
    assert!(m.drafts.is_empty(), "saving clears the draft");
    let note = m.watch().review.notes.last().expect("a note");
    assert_eq!(note.text, "convoy seen today");
    assert_eq!(note.source.as_deref(), Some("ship spotters"));
}

#[test]
fn ctrl_g_discards_the_draft_and_an_emptied_editor_keeps_none() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::AddNote], 1);
    typed(&mut m, "half a thought");
    press(&mut m, &[A::Close], 1);
    assert_eq!(m.drafts.len(), 1);
    press(&mut m, &[A::AddNote, A::Discard], 2);
    assert!(m.drafts.is_empty(), "the explicit discard clears it");
    assert_eq!(m.mode, Mode::Normal);
    press(&mut m, &[A::AddNote], 3);
    assert_eq!(m.editor.as_ref().and_then(|e| e.note_text()), None);
    // A draft whose text is rubbed out is no draft.
    typed(&mut m, "ab");
    press(&mut m, &[A::Close, A::AddNote], 3);
    key(&mut m, KeyCode::Backspace);
    key(&mut m, KeyCode::Backspace);
    press(&mut m, &[A::Close], 3);
    assert!(m.drafts.is_empty());
}

#[test]
fn an_item_with_a_draft_is_marked_in_its_list() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::Down, A::AddNote], 1);
    typed(&mut m, "draft");
    press(&mut m, &[A::Close], 1);
    press(&mut m, &[A::FocusIndicators, A::AddNote], 1);
    typed(&mut m, "draft");
    press(&mut m, &[A::Close], 1);
    let t = text(&m, 120, 36);
    let left = |label: &str| {
        t.lines()
            .map(|l| l.split("││").next().unwrap_or(l))
            .find(|l| l.contains(&format!("{label} ")))
            .unwrap_or_else(|| panic!("{label} shows:\n{t}"))
            .to_string()
    };
    assert!(left("T2").contains("✎…"), "{}", left("T2"));
    assert!(!left("T1").contains('✎'), "{}", left("T1"));
    let i1 = t
        .lines()
        .find(|l| l.contains("┃I1"))
        .unwrap_or_else(|| panic!("{t}"));
    assert!(i1.contains("✎…"), "{i1}");
    insta::assert_snapshot!(t);
}
