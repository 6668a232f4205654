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
    assert_eq!(note.source().as_deref(), Some("ship spotters"));
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

#[test]
fn esc_in_a_search_goes_back_to_the_panel_and_item_before_it() {
    let mut m = model();
    press(&mut m, &[A::FocusWashington, A::Down], 1);
    press(&mut m, &[A::Search], 1);
    typed(&mut m, "space");
    assert_ne!(m.focus, Panel::Washington, "the search jumped to a match");
    press(&mut m, &[A::Close], 2);
    assert_eq!(m.focus, Panel::Washington);
    assert_eq!(m.current_item(), Some(ItemRef::WashingtonNote(1)));
    assert!(m.search.query.is_empty());
    // Enter stays on the match.
    press(&mut m, &[A::Search], 3);
    typed(&mut m, "space");
    let at = m.current_item();
    press(&mut m, &[A::Commit], 3);
    assert_eq!(m.current_item(), at);
    assert_ne!(at, Some(ItemRef::WashingtonNote(1)));
}

/// Draw and feed the frame's report back, as the runtime does.
fn frame(m: &mut Model, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let mut report = None;
    t.draw(|f| report = Some(ui::draw_desk(f, m, &Palette::default(), t0())))
        .expect("draw");
    if let Some(r) = report {
        update(m, Msg::Frame(r), t0());
    }
    t.backend().to_string()
}

#[test]
fn g_and_capital_g_go_to_the_ends_of_the_help_and_the_log() {
    use watchdesk::app::keymap::message;
    let mut m = model();
    for k in [
        KeyCode::Char('g'),
        KeyCode::Char('G'),
        KeyCode::Home,
        KeyCode::End,
    ] {
        for mode in [Mode::Help, Mode::Timeline] {
            let msg = message(mode, &KeyEvent::new(k, KeyModifiers::NONE));
            let want = if matches!(k, KeyCode::Char('g') | KeyCode::Home) {
                A::Top
            } else {
                A::Bottom
            };
            assert_eq!(msg, Some(Msg::Action(want)), "{k:?} in {mode:?}");
        }
    }
    press(&mut m, &[A::Help], 1);
    frame(&mut m, 80, 24);
    press(&mut m, &[A::Bottom], 1);
    let max = m.help.max_offset().expect("the frame measured the help");
    assert!(max > 0, "the help is longer than the screen");
    assert_eq!(m.help.offset, max, "G: the end, exactly");
    let t = frame(&mut m, 80, 24);
    assert!(t.contains("▲"), "the top is marked hidden:\n{t}");
    press(&mut m, &[A::Top], 1);
    assert_eq!(m.help.offset, 0);
    // The log: many changes, G to the oldest, g back.
    press(&mut m, &[A::Close, A::FocusThemes], 2);
    for k in 0..30 {
        press(&mut m, &[A::Toggle], 3 + k);
    }
    press(&mut m, &[A::Timeline], 40);
    frame(&mut m, 80, 24);
    press(&mut m, &[A::Bottom], 40);
    let max = m.timeline.max_offset().expect("measured");
    assert!(max > 0);
    assert_eq!(m.timeline.offset, max);
    press(&mut m, &[A::Top], 40);
    assert_eq!(m.timeline.offset, 0);
}

#[test]
fn after_a_note_is_added_the_reader_shows_it() {
    let mut m = model();
    press(&mut m, &[A::FocusIndicators, A::Down], 1);
    for k in 0..4 {
        press(&mut m, &[A::AddNote], 2);
        typed(
            &mut m,
            &format!("earlier note {k} with enough words to wrap once or twice at eighty"),
        );
        press(&mut m, &[A::Commit], 2);
        frame(&mut m, 80, 24);
    }
    press(&mut m, &[A::AddNote], 3);
    typed(&mut m, "NEWEST NOTE");
    press(&mut m, &[A::Commit], 3);
    let t = frame(&mut m, 80, 24);
    assert!(t.contains("NEWEST NOTE"), "the new note is in view:\n{t}");
    assert!(!m.reader_reveal, "the frame's report took the offset");
    assert!(m.reader.offset > 0);
    // And the model keeps that offset: the next frame still shows it.
    let t = frame(&mut m, 80, 24);
    assert!(t.contains("NEWEST NOTE"), "{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn a_click_on_a_row_focuses_its_panel_and_selects_it_and_the_wheel_scrolls() {
    use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    use watchdesk::app::mouse;
    let mut m = model();
    let mut t = Terminal::new(TestBackend::new(120, 36)).expect("test terminal");
    let mut report = None;
    t.draw(|f| report = Some(ui::draw_desk(f, &m, &Palette::default(), t0())))
        .expect("draw");
    let report = report.expect("a report");
    let screen = t.backend().to_string();
    // Find T3's label on screen and click it.
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("T3 "))
        .expect("T3 shows");
    let x = line
        .trim_start_matches('"')
        .chars()
        .position(|c| c == 'T')
        .expect("T");
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x as u16,
        row: y as u16,
        modifiers: KeyModifiers::NONE,
    };
    let msg = mouse::message(m.mode, &report.hits, &click).expect("a click means something");
    update(&mut m, msg, t0());
    assert_eq!(m.focus, Panel::Themes);
    assert_eq!(m.current_item(), Some(ItemRef::Theme(2)));
    // The wheel over the indicators moves their selection.
    let (y, _) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("┃I2"))
        .expect("I2 shows");
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 5,
        row: y as u16,
        modifiers: KeyModifiers::NONE,
    };
    let msg = mouse::message(m.mode, &report.hits, &wheel).expect("the wheel scrolls");
    update(&mut m, msg, t0());
    assert_eq!(m.current_item(), Some(ItemRef::Indicator(1)));
    // A click on I3's second line selects I3.
    let (y, _) = screen
        .lines()
        .enumerate()
        .skip_while(|(_, l)| !l.contains("┃I3"))
        .nth(1)
        .expect("I3's second line");
    let click = MouseEvent {
        row: y as u16,
        column: 60,
        ..click
    };
    let msg = mouse::message(m.mode, &report.hits, &click).expect("a click");
    update(&mut m, msg, t0());
    assert_eq!(m.current_item(), Some(ItemRef::Indicator(2)));
}

#[test]
fn a_note_can_be_edited_or_withdrawn_and_the_original_stays_in_the_log() {
    use watchdesk::review::{Correction, EventKind};
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::Down, A::AddNote], 1);
    typed(&mut m, "first tkae");
    press(&mut m, &[A::Commit], 1);
    // E: the editor opens on the note's text; the change is a correction.
    press(&mut m, &[A::EditNote], 2);
    assert_eq!(
        m.editor.as_ref().and_then(|e| e.note_text()).as_deref(),
        Some("first tkae")
    );
    for _ in 0..4 {
        key(&mut m, KeyCode::Backspace);
    }
    typed(&mut m, "take");
    let effects = press(&mut m, &[A::Commit], 3);
    assert_eq!(effects.len(), 1, "saved");
    let notes: Vec<_> = m.watch().review.notes_on(ItemRef::Theme(1)).collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "first take");
    assert_eq!(notes[0].corrected, Some(Correction::Edited));
    let original = m
        .watch()
        .log
        .iter()
        .any(|e| matches!(&e.kind, EventKind::Note { text, .. } if **text == *"first tkae"));
    assert!(original, "the original stays in the log");
    let t = text(&m, 120, 36);
    assert!(t.contains("edited"), "the reader marks it:\n{t}");
    let report = watchdesk::report::Report::build(m.watch(), &m.settings, None, t0(), None)
        .render(watchdesk::report::Format::Md);
    assert!(
        report.contains("first take") && report.contains("edited"),
        "{report}"
    );
    // D withdraws it; the list's count drops; u brings it back and
    // selects the item it changed.
    press(&mut m, &[A::WithdrawNote], 4);
    let n = m.watch().review.notes_on(ItemRef::Theme(1)).next().cloned();
    assert_eq!(n.map(|n| n.corrected), Some(Some(Correction::Withdrawn)));
    assert_eq!(m.watch().review.notes_count(ItemRef::Theme(1)), 0);
    let t = text(&m, 120, 36);
    assert!(t.contains("withdrawn"), "{t}");
    press(&mut m, &[A::FocusIndicators, A::Down], 5);
    press(&mut m, &[A::Undo], 6);
    assert_eq!(m.current_item(), Some(ItemRef::Theme(1)), "undo went to T2");
    assert_eq!(m.watch().review.notes_count(ItemRef::Theme(1)), 1);
    let n = m.watch().review.notes_on(ItemRef::Theme(1)).next().cloned();
    assert_eq!(
        n.map(|n| n.text.to_string()),
        Some("first take".to_string())
    );
    // A restart folds the same.
    let log = m.watch().log.to_vec();
    let again = watchdesk::review::fold(&log, 3);
    assert_eq!(again.notes, m.watch().review.notes);
}

#[test]
fn the_outlooks_closing_remark_is_kept_and_shown_with_the_indicators() {
    let m = model();
    let closing = &m.watch().brief.outlook_closing;
    assert!(
        closing.starts_with("These signals will indicate whether the alliance"),
        "{closing:?}"
    );
    assert!(!m.watch().brief.indicators[2].text.contains("These signals"));
    let t = text(&m, 200, 60);
    assert!(t.contains("These signals will indicate"), "{t}");
    // A numbered list with a remark after it.
    let brief = watchdesk::brief::parse(
        "Title\n\nTheme\n\nText.\n\nOutlook\n\nOver the next 24 hours watch:\n\n\
         1. The vote in the assembly.\n2. The statement of the minister.\n\n\
         Either would mark a turn in the crisis.\n",
    )
    .expect("parses");
    assert_eq!(brief.indicators.len(), 2);
    assert_eq!(
        brief.outlook_closing,
        "Either would mark a turn in the crisis."
    );
}
