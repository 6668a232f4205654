//! Pasted text is cleaned through `safe` (issue 14): bidi overrides,
//! zero-width characters, escape sequences and other controls pasted into
//! the note editor (or search) never reach a cell or the saved note.

mod common;

use chrono::Duration;
use common::{model, press, t0};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::{Action as A, Mode, Model, Msg, update};
use watchdesk::ui;
use watchdesk::ui::styles::Palette;

const HOSTILE: &str = "seen\u{1b}]52;c;QUFB\u{7}at\u{202e}dne\u{202c} the\u{200b}pass\u{9b}31m\r\nline two\u{1b}[2J\u{feff}\u{2066}x";

fn clean(s: &str) -> bool {
    s.chars()
        .all(|c| c == '\n' || !watchdesk::safe::is_unsafe(c))
}

fn cells(m: &Model) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 36)).expect("test terminal");
    t.draw(|f| {
        let _ = ui::draw_desk(f, m, &Palette::default(), t0() + Duration::seconds(60));
    })
    .expect("draw");
    t.backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect()
}

#[test]
fn a_paste_into_the_note_editor_is_cleaned() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::AddNote], 1);
    assert_eq!(m.mode, Mode::Note);
    update(&mut m, Msg::Paste(HOSTILE.into()), t0());
    let e = m.editor.as_ref().expect("the editor");
    let text = e.note_text().expect("text");
    assert!(clean(&text), "{text:?}");
    // What was readable stays; the line break stays a line break.
    assert!(text.contains("seen") && text.contains("pass"), "{text:?}");
    assert_eq!(text.lines().count(), 2, "{text:?}");
    let screen = cells(&m);
    assert!(clean(&screen), "a cell holds an unsafe character");
    // The source field, one line.
    press(&mut m, &[A::NextField], 1);
    update(&mut m, Msg::Paste(HOSTILE.into()), t0());
    let source = m
        .editor
        .as_ref()
        .and_then(|e| e.source_text())
        .expect("source");
    assert!(clean(&source) && !source.contains('\n'), "{source:?}");
    assert!(clean(&cells(&m)));
    // Saved as the analyst's text, cleaned.
    let effects = press(&mut m, &[A::Commit], 2);
    assert_eq!(effects.len(), 1);
    let note = m.watch().review.notes.last().expect("a note");
    assert!(clean(&note.text), "{:?}", note.text);
}

#[test]
fn a_paste_into_search_is_cleaned() {
    let mut m = model();
    press(&mut m, &[A::Search], 1);
    assert_eq!(m.mode, Mode::Search);
    update(&mut m, Msg::Paste(HOSTILE.into()), t0());
    assert!(
        clean(&m.search.query) && m.search.query.contains("seen"),
        "{:?}",
        m.search.query
    );
    assert!(clean(&cells(&m)));
}
