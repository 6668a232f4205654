//! The team in the desk, without a terminal: the header's peers line
//! (who else is on the watch and when each was last seen, the share's
//! trouble) and the handover keys (`H` asks for a name and records the
//! handover with its report; `A` accepts it).

mod common;

use chrono::Duration;
use common::{model, press, t0};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::team::seen;
use watchdesk::app::{Action as A, Effect, Mode, Model, Msg, PeerSeen, ShareState, update};
use watchdesk::review::EventKind;
use watchdesk::ui::{self, styles::Palette};

fn header(m: &Model, seconds: i64) -> String {
    let mut t = Terminal::new(TestBackend::new(160, 30)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, &Palette::default(), t0() + Duration::seconds(seconds)))
        .expect("draw");
    let buf = t.backend().buffer();
    (0..buf.area.width)
        .map(|x| buf[(x, 0)].symbol().to_string())
        .collect()
}

fn peer(desk: &str, analyst: Option<&str>, ago: i64) -> PeerSeen {
    PeerSeen {
        desk: desk.into(),
        analyst: analyst.map(Into::into),
        last_seen: Some(t0() - Duration::seconds(ago)),
    }
}

fn typed(m: &mut Model, s: &str, seconds: i64) {
    for c in s.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let _ = update(m, Msg::Input(key), t0() + Duration::seconds(seconds));
    }
}

#[test]
fn the_header_names_the_other_desks_newest_first_with_how_long_ago() {
    let mut m = model();
    assert!(!header(&m, 0).contains("desks:"), "no share, no peers line");
    m.share = Some(ShareState::default());
    assert!(
        header(&m, 0).contains("share not read yet"),
        "{}",
        header(&m, 0)
    );
    let out = update(
        &mut m,
        seen(
            vec![
                peer("cd00000000000000", None, 3600),
                peer("ab00000000000000", Some("Ann"), 120),
            ],
            None,
            t0(),
        ),
        t0(),
    );
    assert!(out.redraw, "a new peer is worth a frame");
    let h = header(&m, 0);
    assert!(h.contains("desks: Ann 2m, cd0000 1h"), "{h}");
    // The same look again changes nothing on screen.
    let again = update(
        &mut m,
        seen(
            vec![
                peer("cd00000000000000", None, 3600),
                peer("ab00000000000000", Some("Ann"), 120),
            ],
            None,
            t0(),
        ),
        t0(),
    );
    assert!(!again.redraw);
    // Under a minute: "now" (the header does not tick every second).
    let _ = update(
        &mut m,
        seen(vec![peer("ab00000000000000", Some("Ann"), 45)], None, t0()),
        t0(),
    );
    assert!(
        header(&m, 0).contains("desks: Ann now"),
        "{}",
        header(&m, 0)
    );
    assert_eq!(header(&m, 0), header(&m, 10), "the same for ten seconds");
}

#[test]
fn the_header_says_when_the_share_is_unreachable_or_stale() {
    let mut m = model();
    m.share = Some(ShareState::default());
    let _ = update(
        &mut m,
        seen(vec![peer("ab00000000000000", Some("Ann"), 0)], None, t0()),
        t0(),
    );
    assert!(!header(&m, 5).contains("STALE"), "{}", header(&m, 5));
    // No good look for a minute: stale.
    assert!(header(&m, 61).contains("SHARE STALE"), "{}", header(&m, 61));
    // A look that cannot read it: unreachable, with the reason; the peers
    // seen before stay.
    let _ = update(
        &mut m,
        seen(
            Vec::new(),
            Some("/mnt/team: gone".into()),
            t0() + Duration::seconds(70),
        ),
        t0() + Duration::seconds(70),
    );
    let h = header(&m, 70);
    assert!(h.contains("SHARE UNREACHABLE"), "{h}");
    assert!(h.contains("/mnt/team: gone"), "{h}");
    assert!(h.contains("Ann"), "{h}");
}

#[test]
fn h_asks_for_a_name_and_records_the_handover_with_its_report() {
    let mut m = model();
    m.share = Some(ShareState::default());
    press(&mut m, &[A::Handover], 10);
    assert_eq!(m.mode, Mode::Handover);
    typed(&mut m, "Bob", 11);
    let effects = press(&mut m, &[A::Commit], 12);
    assert_eq!(m.mode, Mode::Normal);
    // The report is written and the handover recorded (and saved).
    let report = effects.iter().find_map(|e| match e {
        Effect::Export { file_name, text } => Some((file_name.clone(), text.clone())),
        _ => None,
    });
    let (file_name, text) = report.expect("the handover report");
    assert!(file_name.starts_with("handover-"), "{file_name}");
    assert!(!text.is_empty());
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    let last = m.watch().log.last().expect("an event").kind.clone();
    assert_eq!(
        last,
        EventKind::Handover {
            to: "Bob".into(),
            report: Some(format!("reports/{file_name}")),
        }
    );
    assert!(
        header(&m, 13).contains("pending accept: Bob"),
        "{}",
        header(&m, 13)
    );

    // A accepts: nothing pending any more.
    let effects = press(&mut m, &[A::Accept], 20);
    assert!(effects.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert!(matches!(
        m.watch().log.last().map(|e| &e.kind),
        Some(EventKind::Accept { .. })
    ));
    assert!(
        !header(&m, 21).contains("pending accept"),
        "{}",
        header(&m, 21)
    );
    assert_eq!(m.holder().holder.as_deref(), Some("Bob"));
}

#[test]
fn esc_or_an_empty_name_records_nothing_and_a_accepts_only_what_waits() {
    let mut m = model();
    let before = m.watch().log.len();
    press(&mut m, &[A::Handover], 10);
    typed(&mut m, "Bob", 11);
    press(&mut m, &[A::Close], 12);
    assert_eq!(m.mode, Mode::Normal);
    press(&mut m, &[A::Handover, A::Commit], 13);
    assert_eq!(m.watch().log.len(), before, "nothing recorded");
    let effects = press(&mut m, &[A::Accept], 14);
    assert!(effects.is_empty(), "nothing to accept: {effects:?}");
    assert_eq!(m.watch().log.len(), before);
}

#[test]
fn the_keys_are_capital_h_and_capital_a_and_the_name_line_takes_letters() {
    use watchdesk::app::keymap::message;
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    assert_eq!(
        message(Mode::Normal, &key('H')),
        Some(Msg::Action(A::Handover))
    );
    assert_eq!(
        message(Mode::Normal, &key('A')),
        Some(Msg::Action(A::Accept))
    );
    // While the name is typed, letters (even q) are the name's.
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(message(Mode::Handover, &q), Some(Msg::Input(q)));
}

fn whole_screen(m: &Model, seconds: i64) -> String {
    let mut t = Terminal::new(TestBackend::new(160, 40)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, &Palette::default(), t0() + Duration::seconds(seconds)))
        .expect("draw");
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_list_of_watches_says_who_holds_each_and_what_waits() {
    let mut m = model();
    m.share = Some(ShareState::default());
    press(&mut m, &[A::Handover], 10);
    typed(&mut m, "Bob", 11);
    press(&mut m, &[A::Commit], 12);
    press(&mut m, &[A::Briefs], 13);
    assert_eq!(m.mode, Mode::Briefs);
    let s = whole_screen(&m, 14);
    assert!(s.contains("pending accept: Bob"), "{s}");
    press(&mut m, &[A::Close], 15);
    press(&mut m, &[A::Accept], 16);
    press(&mut m, &[A::Briefs], 17);
    let s = whole_screen(&m, 18);
    assert!(s.contains("held by Bob"), "{s}");
}
