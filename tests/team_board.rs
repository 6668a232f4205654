//! Shift sign-over from the board: `H` signs the selected row's watch over
//! (asking for the incoming analyst's name, as on the desk) and `A` accepts
//! the handover waiting on it; the help and the footer list both keys.

mod common;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use common::t0;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::keymap::{self, message};
use watchdesk::app::{Action as A, Effect, Mode, Model, Msg, Screen, ShareState, update};
use watchdesk::brief::{self, Brief, BriefSource};
use watchdesk::review::{Desk, EventKind};
use watchdesk::share::shift::shift;
use watchdesk::ui::{self, styles::Palette};
use watchdesk::watch::Watch;

const GULF: &str = include_str!("fixtures/board/gulf-shipping.txt");
const SAHEL: &str = include_str!("fixtures/board/sahel-elections.txt");

fn watch(b: Brief, start: DateTime<Utc>, n: u64) -> Watch {
    let mut w = Watch::new(
        b,
        BriefSource::Default,
        Vec::new(),
        Desk::new("desk-t", Some("Ann".into()), n),
    );
    w.ensure_window(start, None);
    w
}

/// The default brief, Gulf shipping and the Sahel on the board (rows:
/// Sahel's two, Gulf's three, the default's three), with a share.
fn board() -> Model {
    let parsed = |t| brief::parse(t).expect("fixture brief parses");
    let watches = vec![
        watch(common::default_brief(), t0(), 1),
        watch(parsed(GULF), t0() + Duration::hours(2), 2),
        watch(parsed(SAHEL), t0() - Duration::hours(30), 3),
    ];
    let mut m = Model::with_watches(watches).expect("watches");
    m.utc_offset = FixedOffset::west_opt(5 * 3600);
    m.share = Some(ShareState::default());
    m
}

const GULF_W: usize = 1;

fn at(s: i64) -> DateTime<Utc> {
    t0() + Duration::hours(1) + Duration::seconds(s)
}

fn act(m: &mut Model, a: A, s: i64) -> Vec<Effect> {
    update(m, Msg::Action(a), at(s)).effects
}

fn typed(m: &mut Model, text: &str, s: i64) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let _ = update(m, Msg::Input(key), at(s));
    }
}

/// Move the board's selection to Gulf's first row (the third).
fn select_gulf(m: &mut Model) {
    act(m, A::Top, 0);
    act(m, A::Down, 0);
    act(m, A::Down, 0);
    assert_eq!(m.board_watch(at(0)), Some(GULF_W));
}

fn screen(m: &Model, w: u16, h: u16, s: i64) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, &Palette::default(), at(s)))
        .expect("draw");
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

fn handovers(w: &Watch) -> usize {
    w.log
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Handover { .. }))
        .count()
}

#[test]
fn h_on_the_board_signs_the_selected_rows_watch_over_and_stays_on_the_board() {
    let mut m = board();
    select_gulf(&mut m);
    act(&mut m, A::Handover, 1);
    assert_eq!(m.mode, Mode::Handover);
    assert_eq!(m.screen, Screen::Board, "the board stays on screen");
    // The prompt names the watch being signed over.
    let bottom = screen(&m, 160, 40, 1).pop().unwrap_or_default();
    assert!(bottom.contains("hand over Gulf Shipping"), "{bottom}");
    typed(&mut m, "Bob", 2);
    let bottom = screen(&m, 160, 40, 2).pop().unwrap_or_default();
    assert!(bottom.contains("to: Bob"), "{bottom}");

    let effects = act(&mut m, A::Commit, 3);
    assert_eq!(m.mode, Mode::Board, "back on the board");
    assert_eq!(m.screen, Screen::Board);
    // The Gulf watch's report is written and its handover recorded; the
    // other watches are untouched.
    let (file_name, text) = effects
        .iter()
        .find_map(|e| match e {
            Effect::Export { file_name, text } => Some((file_name.clone(), text.clone())),
            _ => None,
        })
        .expect("the handover report");
    let gulf = &m.watches[GULF_W];
    assert!(
        file_name.starts_with(&format!("handover-{}", gulf.brief.id.as_str())),
        "{file_name}"
    );
    assert!(
        text.contains("Gulf Shipping Lanes Under Pressure"),
        "{text}"
    );
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert_eq!(
        gulf.log.last().map(|e| e.kind.clone()),
        Some(EventKind::Handover {
            to: "Bob".into(),
            report: Some(format!("reports/{file_name}")),
        })
    );
    assert_eq!(handovers(&m.watches[0]), 0);
    assert_eq!(handovers(&m.watches[2]), 0);
    // The board's header says what waits on the selected row's watch.
    let top = screen(&m, 200, 40, 4).remove(0);
    assert!(top.contains("pending accept: Bob"), "{top}");
    // ...and not on another watch's row.
    act(&mut m, A::Top, 5);
    let top = screen(&m, 200, 40, 5).remove(0);
    assert!(!top.contains("pending accept"), "{top}");
}

#[test]
fn a_on_the_board_accepts_what_waits_on_the_selected_rows_watch_only() {
    let mut m = board();
    select_gulf(&mut m);
    act(&mut m, A::Handover, 1);
    typed(&mut m, "Bob", 2);
    act(&mut m, A::Commit, 3);

    // On the Sahel's row nothing waits: nothing is recorded.
    act(&mut m, A::Top, 4);
    let before: Vec<usize> = m.watches.iter().map(|w| w.log.len()).collect();
    let effects = act(&mut m, A::Accept, 5);
    assert!(effects.is_empty(), "{effects:?}");
    let after: Vec<usize> = m.watches.iter().map(|w| w.log.len()).collect();
    assert_eq!(before, after);
    assert!(shift(&m.watches[GULF_W].log).pending.is_some());

    // On Gulf's row: accepted, Bob holds it.
    select_gulf(&mut m);
    let effects = act(&mut m, A::Accept, 6);
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert_eq!(m.mode, Mode::Board);
    let s = shift(&m.watches[GULF_W].log);
    assert!(s.pending.is_none());
    assert_eq!(s.holder.as_deref(), Some("Bob"));
    let top = screen(&m, 200, 40, 7).remove(0);
    assert!(top.contains("held by Bob"), "{top}");
    assert!(!top.contains("pending accept"), "{top}");
}

#[test]
fn esc_or_no_name_on_the_board_records_nothing_and_a_read_only_board_refuses() {
    let mut m = board();
    select_gulf(&mut m);
    let before = m.watches[GULF_W].log.len();
    act(&mut m, A::Handover, 1);
    typed(&mut m, "Bob", 2);
    act(&mut m, A::Close, 3);
    assert_eq!(m.mode, Mode::Board);
    act(&mut m, A::Handover, 4);
    let effects = act(&mut m, A::Commit, 5);
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(m.mode, Mode::Board);
    assert_eq!(m.watches[GULF_W].log.len(), before);

    let mut ro = board();
    ro.read_only = true;
    select_gulf(&mut ro);
    act(&mut ro, A::Handover, 1);
    assert_eq!(ro.mode, Mode::Board, "no name is asked for");
    act(&mut ro, A::Accept, 2);
    assert_eq!(ro.watches[GULF_W].log.len(), before);
}

#[test]
fn the_board_maps_capital_h_and_a_and_its_help_and_footer_list_them() {
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    assert_eq!(
        message(Mode::Board, &key('H')),
        Some(Msg::Action(A::Handover))
    );
    assert_eq!(
        message(Mode::Board, &key('A')),
        Some(Msg::Action(A::Accept))
    );
    let help = keymap::help_rows(Mode::Board);
    assert!(
        help.iter()
            .any(|(k, h)| k == "H" && h.contains("sign the row's watch over")),
        "{help:?}"
    );
    assert!(
        help.iter()
            .any(|(k, h)| k == "A" && h.contains("accept the handover")),
        "{help:?}"
    );

    // The help overlay, opened on the board, shows them with the board's keys.
    let mut m = board();
    act(&mut m, A::Help, 0);
    let s = screen(&m, 160, 60, 0).join("\n");
    assert!(s.contains("sign the row's watch over"), "{s}");
    act(&mut m, A::Close, 0);

    // The footer: with room, both; at 80 columns the board's first keys
    // keep their places and these two give way.
    let wide = screen(&m, 200, 40, 0).pop().unwrap_or_default();
    assert!(wide.contains("H hand over"), "{wide}");
    assert!(wide.contains("A accept"), "{wide}");
    let narrow = screen(&m, 80, 24, 0).pop().unwrap_or_default();
    assert!(narrow.contains("/ filter"), "{narrow}");
    assert!(!narrow.contains("hand over"), "{narrow}");
    // A read-only board does not offer them.
    m.read_only = true;
    let wide = screen(&m, 200, 40, 0).pop().unwrap_or_default();
    assert!(!wide.contains("H hand over"), "{wide}");
}
