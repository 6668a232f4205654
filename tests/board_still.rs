//! An idle board draws only when what it shows changes: each frame reports
//! until when the clock alone leaves it as it is (a countdown's minute, its
//! second in the last hour, a level, the header's minute, the strip's now
//! column). Checked against the frames themselves: every second before
//! that instant draws the very same screen.

mod common;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use common::t0;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use watchdesk::app::{FrameReport, Model, Msg, update};
use watchdesk::brief::{self, BriefSource};
use watchdesk::review::Desk;
use watchdesk::ui::{self, styles::Palette};
use watchdesk::watch::Watch;

const GULF: &str = include_str!("fixtures/board/gulf-shipping.txt");
const SAHEL: &str = include_str!("fixtures/board/sahel-elections.txt");

fn watch(text: &str, start: DateTime<Utc>, n: u64) -> Watch {
    let mut w = Watch::new(
        brief::parse(text).expect("fixture brief parses"),
        BriefSource::Default,
        Vec::new(),
        Desk::new("desk-t", None, n),
    );
    // Windows that do not start on a whole minute: their countdowns'
    // minutes turn at other seconds than the clock's.
    w.ensure_window(start, Some(start));
    w
}

/// Three watches whose deadlines fall at t0 + 72 h, t0 + 26 h 00 m 17 s and
/// t0 + 18 h 00 m 43 s.
fn board() -> Model {
    let watches = vec![
        watch(brief::DEFAULT_BRIEF_TEXT, t0(), 1),
        watch(GULF, t0() + Duration::seconds(2 * 3600 + 17), 2),
        watch(SAHEL, t0() - Duration::seconds(30 * 3600 - 43), 3),
    ];
    let mut m = Model::with_watches(watches).expect("watches");
    m.utc_offset = FixedOffset::west_opt(5 * 3600);
    m
}

fn frame(m: &Model, w: u16, h: u16, now: DateTime<Utc>) -> (Buffer, FrameReport) {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let mut report = FrameReport::default();
    t.draw(|f| report = ui::draw_desk(f, m, &Palette::default(), now))
        .expect("draw");
    (t.backend().buffer().clone(), report)
}

/// From `now`, every frame up to the reported instant is the first one;
/// the instant, at most a minute on.
fn still_holds(m: &Model, w: u16, h: u16, now: DateTime<Utc>) -> DateTime<Utc> {
    let (first, report) = frame(m, w, h, now);
    let Some((drawn, until)) = report.still else {
        panic!("the board at {now} reports no still span");
    };
    assert_eq!(drawn, now);
    assert!(
        until >= now && until <= now + Duration::seconds(60),
        "{now} .. {until}"
    );
    let mut t = now + Duration::seconds(1);
    while t < until {
        let (later, _) = frame(m, w, h, t);
        assert!(
            later == first,
            "the board at {t} differs from the one at {now}, reported unchanged until {until}"
        );
        t += Duration::seconds(1);
    }
    until
}

#[test]
fn the_board_is_unchanged_until_the_instant_it_reports() {
    let m = board();
    // Through a few minutes of an ordinary hour, across the Sahel's last
    // hour (seconds shown), its level turning red (6 h left) and expiring.
    let starts = [
        t0() + Duration::seconds(5),
        t0() + Duration::seconds(12 * 3600 - 30),
        t0() + Duration::seconds(17 * 3600 - 10),
        t0() + Duration::seconds(18 * 3600 + 20),
    ];
    for start in starts {
        let mut now = start;
        for _ in 0..4 {
            let until = still_holds(&m, 120, 36, now);
            now = until.max(now + Duration::seconds(1));
        }
    }
    // A narrow board (no deadline column, another strip).
    still_holds(
        &m,
        80,
        24,
        t0() + Duration::seconds(17 * 3600 + 59 * 60 + 30),
    );
}

#[test]
fn a_tick_draws_only_past_the_still_span_or_when_the_clock_went_back() {
    let mut m = board();
    let now = t0() + Duration::seconds(90);
    let (_, report) = frame(&m, 120, 36, now);
    let (drawn, until) = report.still.expect("a still span");
    update(&mut m, Msg::Frame(report), now);
    // Alerts and the rest of a first tick out of the way.
    update(&mut m, Msg::Tick, now);
    if until > now + Duration::seconds(1) {
        assert!(!update(&mut m, Msg::Tick, now + Duration::seconds(1)).redraw);
    }
    assert!(update(&mut m, Msg::Tick, until).redraw, "past the span");
    assert!(
        update(&mut m, Msg::Tick, drawn - Duration::seconds(3600)).redraw,
        "the clock went back"
    );
}

#[test]
fn the_desk_of_one_watch_still_draws_every_second() {
    let mut m = board();
    m.open_desk(0, None);
    let (_, report) = frame(&m, 120, 36, t0() + Duration::seconds(90));
    assert_eq!(report.still, None, "its countdowns run to the second");
}
