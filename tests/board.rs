//! The board across several watches: order, Enter and back, the filter,
//! closing and reopening, acknowledging, a brief arriving, the status line
//! across watches; and snapshots of the board at 80x24 and 200x60.

mod common;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use common::t0;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::{Action as A, Effect, Mode, Model, Msg, Screen, update};
use watchdesk::brief::{self, Brief, BriefSource};
use watchdesk::clock::Level;
use watchdesk::review::{Desk, Disposition, EventKind, ItemRef, Status};
use watchdesk::ui::{self, styles::Palette};
use watchdesk::watch::{Watch, summary_line};

const GULF: &str = include_str!("fixtures/board/gulf-shipping.txt");
const SAHEL: &str = include_str!("fixtures/board/sahel-elections.txt");

fn parsed(text: &str) -> Brief {
    brief::parse(text).expect("fixture brief parses")
}

fn watch(b: Brief, start: DateTime<Utc>, n: u64) -> Watch {
    let mut w = Watch::new(
        b,
        BriefSource::Default,
        Vec::new(),
        Desk::new("desk-t", None, n),
    );
    w.ensure_window(start, None);
    w
}

/// Three watches: the default brief (72 h from t0), Gulf shipping (24 h
/// from t0 + 2 h) and the Sahel (48 h from t0 - 30 h): Sahel closes first,
/// then Gulf, then the default.
fn board() -> Model {
    let watches = vec![
        watch(common::default_brief(), t0(), 1),
        watch(parsed(GULF), t0() + Duration::hours(2), 2),
        watch(parsed(SAHEL), t0() - Duration::hours(30), 3),
    ];
    let mut m = Model::with_watches(watches).expect("watches");
    m.utc_offset = FixedOffset::west_opt(5 * 3600);
    m
}

fn at(h: i64) -> DateTime<Utc> {
    t0() + Duration::hours(h)
}

fn act(m: &mut Model, a: A, now: DateTime<Utc>) -> Vec<Effect> {
    update(m, Msg::Action(a), now).effects
}

fn send(m: &mut Model, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
    update(m, msg, now).effects
}

fn tick(m: &mut Model, now: DateTime<Utc>) -> Vec<Effect> {
    send(m, Msg::Tick, now)
}

fn typed(m: &mut Model, s: &str, now: DateTime<Utc>) {
    for c in s.chars() {
        update(
            m,
            Msg::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            now,
        );
    }
}

/// (brief title's first word, indicator number) of each row.
fn rows(m: &Model, now: DateTime<Utc>) -> Vec<(String, usize)> {
    m.board_rows(now)
        .iter()
        .map(|u| {
            let title = &m.watches[u.watch].brief.title;
            (
                title.split_whitespace().next().unwrap_or("").to_string(),
                u.indicator + 1,
            )
        })
        .collect()
}

#[test]
fn several_open_watches_open_on_the_board_and_one_opens_on_its_desk() {
    let m = board();
    assert_eq!(m.screen, Screen::Board);
    assert_eq!(m.mode, Mode::Board);
    let one = Model::with_watches(vec![watch(parsed(GULF), t0(), 1)]).expect("one");
    assert_eq!(one.screen, Screen::Desk);
    assert_eq!(one.mode, Mode::Normal);
}

#[test]
fn rows_run_across_briefs_nearest_deadline_first() {
    let m = board();
    let want: Vec<(String, usize)> = [
        ("Sahel", 1),
        ("Sahel", 2),
        ("Gulf", 1),
        ("Gulf", 2),
        ("Gulf", 3),
        ("Nuclear", 1),
        ("Nuclear", 2),
        ("Nuclear", 3),
    ]
    .iter()
    .map(|(t, i)| (t.to_string(), *i))
    .collect();
    assert_eq!(rows(&m, at(1)), want);
    let levels: Vec<Option<Level>> = m.board_rows(at(13)).iter().map(|u| u.level).collect();
    // At t0 + 13 h the Sahel has 5 h left (red), Gulf 13 h (amber).
    assert_eq!(levels[0], Some(Level::Red));
    assert_eq!(levels[2], Some(Level::Amber));
    assert_eq!(levels[5], Some(Level::Normal));
}

#[test]
fn an_assessed_indicator_leaves_the_board() {
    let mut m = board();
    let sahel = 2;
    m.watches[sahel]
        .set_status(at(1), 0, Status::Observed)
        .expect("a change");
    assert_eq!(rows(&m, at(1))[0], ("Sahel".to_string(), 2));
    assert_eq!(m.board_rows(at(1)).len(), 7);
}

#[test]
fn enter_opens_the_rows_desk_on_its_indicator_and_b_or_esc_come_back() {
    let mut m = board();
    act(&mut m, A::Down, at(1));
    act(&mut m, A::Down, at(1));
    act(&mut m, A::Down, at(1));
    act(&mut m, A::Open, at(1));
    assert_eq!(m.screen, Screen::Desk);
    assert_eq!(m.mode, Mode::Normal);
    assert!(m.watch().brief.title.starts_with("Gulf"));
    assert_eq!(m.current_item(), Some(ItemRef::Indicator(1)));
    act(&mut m, A::Board, at(1));
    assert_eq!(m.screen, Screen::Board);
    assert_eq!(m.board.selected, 3, "the board keeps its place");
    // Esc on the desk is the board too (its keymap entry).
    act(&mut m, A::Open, at(1));
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let a = watchdesk::app::keymap::resolve(m.mode, &esc).expect("Esc is bound");
    act(&mut m, a, at(1));
    assert_eq!(m.screen, Screen::Board);
}

#[test]
fn the_filter_keeps_rows_matching_across_briefs() {
    let mut m = board();
    act(&mut m, A::Search, at(1));
    assert_eq!(m.mode, Mode::BoardSearch);
    typed(&mut m, "brent", at(1));
    assert_eq!(rows(&m, at(1)), vec![("Gulf".to_string(), 3)]);
    act(&mut m, A::Commit, at(1));
    assert_eq!(m.mode, Mode::Board);
    assert_eq!(rows(&m, at(1)).len(), 1);
    act(&mut m, A::Close, at(1));
    assert_eq!(rows(&m, at(1)).len(), 8);
}

#[test]
fn closing_from_the_desk_records_writes_the_final_report_and_reopening_brings_it_back() {
    let mut m = board();
    act(&mut m, A::Open, at(1)); // the Sahel's desk
    assert!(m.watch().brief.title.starts_with("Sahel"));
    act(&mut m, A::CloseWatch, at(1));
    assert_eq!(m.mode, Mode::Closing);
    act(&mut m, A::Down, at(1));
    typed(&mut m, "vote called off", at(1));
    let effects = act(&mut m, A::Commit, at(1));
    let sahel = &m.watches[2];
    let closure = sahel.review.closed.as_ref().expect("closed");
    assert_eq!(closure.disposition, Disposition::OvertakenByEvents);
    assert_eq!(closure.reason.as_deref(), Some("vote called off"));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Export { file_name, text }
                if file_name.contains("-final-") && text.contains("Sahel Election Season"))),
        "the final report is written: {effects:?}"
    );
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert_eq!(m.screen, Screen::Board);
    assert!(rows(&m, at(1)).iter().all(|(t, _)| t != "Sahel"));
    assert!(
        summary_line(&m.watches, at(1), m.settings.thresholds, Duration::hours(4))
            .starts_with("WD 2 watches")
    );

    // The list of watches has it last; r reopens it.
    act(&mut m, A::Briefs, at(2));
    assert_eq!(m.mode, Mode::Briefs);
    let order = m.listed_watches();
    assert_eq!(order.last(), Some(&2));
    assert_eq!(m.board.listed, 2, "the list starts on the watch on screen");
    act(&mut m, A::Reopen, at(2));
    assert!(m.watches[2].is_open());
    assert_eq!(rows(&m, at(2))[0].0, "Sahel");
    let kinds: Vec<&EventKind> = m.watches[2].log.iter().map(|e| &e.kind).collect();
    assert!(matches!(kinds[kinds.len() - 2], EventKind::Closed { .. }));
    assert!(matches!(kinds[kinds.len() - 1], EventKind::Reopened));
}

#[test]
fn closing_is_undone_like_any_review_action() {
    let mut m = board();
    act(&mut m, A::Open, at(1));
    act(&mut m, A::CloseWatch, at(1));
    act(&mut m, A::Commit, at(1));
    assert!(!m.watches[2].is_open());
    m.open_desk(2, None);
    act(&mut m, A::Undo, at(2));
    assert!(m.watches[2].is_open(), "u undoes the close");
}

#[test]
fn an_alert_stays_marked_until_acknowledged_and_reds_ring_again_when_configured() {
    let mut m = board();
    m.settings.rering_red = Some(Duration::minutes(10));
    let effects = tick(&mut m, at(13));
    assert!(effects.iter().any(|e| matches!(e, Effect::Alert { .. })));
    let sahel = &m.watches[2];
    assert_eq!(sahel.unacked_level(0), Some(Level::Red));
    assert!(sahel.has_unacked());
    // Nothing new at +5 min; at +10 min the red rings again.
    let quiet = tick(&mut m, at(13) + Duration::minutes(5));
    assert!(!quiet.iter().any(|e| matches!(e, Effect::Alert { .. })));
    let again = tick(&mut m, at(13) + Duration::minutes(10));
    assert!(again.iter().any(|e| matches!(e, Effect::Alert { .. })));
    // `a` on the Sahel's first row acknowledges it, in the log.
    m.board.selected = 0;
    let effects = act(&mut m, A::Acknowledge, at(13) + Duration::minutes(11));
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    let sahel = &m.watches[2];
    assert_eq!(sahel.unacked_level(0), None);
    assert_eq!(sahel.unacked_level(1), Some(Level::Red), "only that row's");
    assert!(matches!(
        sahel.log.last().map(|e| &e.kind),
        Some(EventKind::Acknowledged {
            item: Some(ItemRef::Indicator(0))
        })
    ));
    // The watch-wide key on the desk takes the rest; no more rings.
    m.open_desk(2, None);
    act(&mut m, A::Acknowledge, at(13) + Duration::minutes(12));
    assert!(!m.watches[2].has_unacked());
    let later = tick(&mut m, at(13) + Duration::minutes(40));
    assert!(!later.iter().any(|e| matches!(e, Effect::Alert { .. })));
}

#[test]
fn reds_ring_once_by_default() {
    let mut m = board();
    tick(&mut m, at(13));
    let later = tick(&mut m, at(14));
    assert!(!later.iter().any(|e| matches!(e, Effect::Alert { .. })));
}

#[test]
fn a_brief_from_the_inbox_joins_the_board_rings_once_and_is_marked_new() {
    let mut m = board();
    let text =
        std::fs::read_to_string("tests/fixtures/briefs/01-baseline-48h.txt").expect("fixture");
    let b = parsed(&text);
    let id = b.id.clone();
    let effects = send(
        &mut m,
        Msg::WatchFound {
            text: text.as_str().into(),
            source: BriefSource::Default,
            log: Vec::new(),
            via: Some("inbox".into()),
        },
        at(3),
    );
    assert_eq!(m.watches.len(), 4);
    let w = m
        .watches
        .iter()
        .find(|w| w.brief.id == id)
        .expect("on the desk");
    assert!(w.review.arrival_unacked);
    assert_eq!(w.window_start(), Some(at(3)));
    let alerts = effects
        .iter()
        .filter(|e| matches!(e, Effect::Alert { .. }))
        .count();
    assert_eq!(alerts, 1, "rings once: {effects:?}");
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Save { brief, .. } if *brief == id))
    );
    // The same brief again is the same watch: nothing new, no ring.
    let again = send(
        &mut m,
        Msg::WatchFound {
            text: text.as_str().into(),
            source: BriefSource::Default,
            log: Vec::new(),
            via: Some("inbox".into()),
        },
        at(4),
    );
    assert_eq!(m.watches.len(), 4);
    assert!(!again.iter().any(|e| matches!(e, Effect::Alert { .. })));
}

#[test]
fn the_status_line_across_twenty_watches_fits_in_80_columns() {
    let mut watches = Vec::new();
    for n in 0..20 {
        let text = GULF.replace(
            "Gulf Shipping Lanes Under Pressure",
            &format!("A very long brief title that goes on and on, number {n}"),
        );
        watches.push(watch(parsed(&text), t0() + Duration::hours(n), n as u64));
    }
    let line = summary_line(&watches, at(20), Default::default(), Duration::hours(4));
    assert!(watchdesk::text::width(&line) <= 80, "{line}");
    assert!(
        line.starts_with("WD 20 watches 0/60 obs | I1 A very long"),
        "{line}"
    );
    // The first watch (24 h from t0) has 4 h left at t0 + 20 h.
    assert!(line.contains("04:00:00 RED"), "{line}");
}

fn screen(m: &Model, w: u16, h: u16, now: DateTime<Utc>) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, &Palette::default(), now))
        .expect("draw");
    t
}

/// The board at t0 + 13 h: Sahel red, Gulf amber, one red acknowledged.
fn snapshot_board() -> Model {
    let mut m = board();
    tick(&mut m, at(13));
    m.watches[1]
        .set_status(at(13), 1, Status::Observed)
        .expect("a change");
    m.board.selected = 1;
    act(&mut m, A::Acknowledge, at(13));
    m.notice = None;
    m
}

#[test]
fn board_80x24() {
    let t = screen(&snapshot_board(), 80, 24, at(13));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn board_200x60() {
    let t = screen(&snapshot_board(), 200, 60, at(13));
    insta::assert_snapshot!(t.backend());
}

#[test]
fn board_list_of_watches_and_close_dialog_120x36() {
    let mut m = snapshot_board();
    act(&mut m, A::Briefs, at(13));
    let t = screen(&m, 120, 36, at(13));
    insta::assert_snapshot!("board_list_of_watches", t.backend());
    act(&mut m, A::Open, at(13));
    act(&mut m, A::CloseWatch, at(13));
    typed(&mut m, "done", at(13));
    let t = screen(&m, 120, 36, at(13));
    insta::assert_snapshot!("board_close_dialog", t.backend());
}

/// A notice on the board at 80 columns keeps its words: the key hints give
/// way to it, down to help and quit.
#[test]
fn a_notice_on_the_board_at_80_columns_is_whole() {
    use watchdesk::app::{Notice, NoticeKind};
    let mut m = snapshot_board();
    let text = "handover report written to reports/sahel-0113Z.md";
    m.notice = Some(Notice {
        text: text.to_string(),
        kind: NoticeKind::Info,
        until: None,
    });
    let t = screen(&m, 80, 24, at(13));
    let buf = t.backend().buffer();
    let last: String = (0..80).map(|x| buf[(x, 23)].symbol().to_string()).collect();
    assert!(last.contains(text), "{last}");
    assert!(last.contains("? help") && last.contains("q quit"), "{last}");
    assert!(
        last.trim_end().ends_with("saving…"),
        "the save state last: {last}"
    );
    // A report's path too long for the line gets lines of its own above it,
    // whole.
    let path = format!(
        "/home/analyst/.local/share/watchdesk/reports/{}.md",
        "x".repeat(60)
    );
    m.notice = Some(Notice {
        text: format!("report written to {path}"),
        kind: NoticeKind::Info,
        until: None,
    });
    let t = screen(&m, 80, 24, at(13));
    let buf = t.backend().buffer();
    let bottom: String = (20..24)
        .map(|y| {
            (0..80)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect();
    assert!(bottom.contains(&path), "{bottom}");
    // Without a notice the hints fill the line again.
    m.notice = None;
    let t = screen(&m, 80, 24, at(13));
    let buf = t.backend().buffer();
    let last: String = (0..80).map(|x| buf[(x, 23)].symbol().to_string()).collect();
    assert!(last.contains("Enter open"), "{last}");
}

/// Signing a watch over from the board at 80 columns: the name being typed
/// shows whole, the watch's title cut to make room for it.
#[test]
fn the_handover_prompt_at_80_columns_shows_the_name_typed() {
    let mut m = snapshot_board();
    act(&mut m, A::Handover, at(13));
    typed(&mut m, "Robin Okafor", at(13));
    let t = screen(&m, 80, 24, at(13));
    let buf = t.backend().buffer();
    let last: String = (0..80).map(|x| buf[(x, 23)].symbol().to_string()).collect();
    assert!(last.contains("hand over"), "{last}");
    assert!(last.contains("to: Robin Okafor"), "{last}");
    assert!(last.contains("Enter sign over"), "{last}");
}
