//! Render tests: the view drawn on a `TestBackend` at a fixed time and
//! compared with `insta` snapshots. One per panel, and full screens.

mod common;

use chrono::Duration;
use common::{model, press, t0};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use watchdesk::app::{Action as A, FrameReport, Model, Msg, update};
use watchdesk::ui::{self, styles::Palette};

fn screen(m: &Model, w: u16, h: u16, seconds: i64) -> Terminal<TestBackend> {
    screen_in(m, &Palette::default(), w, h, seconds)
}

fn screen_in(m: &Model, p: &Palette, w: u16, h: u16, seconds: i64) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, p, t0() + Duration::seconds(seconds)))
        .expect("draw");
    t
}

/// A model part-way through a review: I2 observed, I3 not observed, T1
/// reviewed, focus back on the indicators.
fn reviewed() -> Model {
    let mut m = model();
    press(&mut m, &[A::FocusThemes, A::Toggle], 60);
    press(
        &mut m,
        &[
            A::FocusIndicators,
            A::Down,
            A::Toggle,
            A::Down,
            A::Toggle,
            A::Toggle,
        ],
        120,
    );
    m
}

#[test]
fn full_screen_80x24() {
    let t = screen(&reviewed(), 80, 24, 3600);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn full_screen_120x36() {
    let t = screen(&reviewed(), 120, 36, 3600);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn full_screen_160x48() {
    let t = screen(&reviewed(), 160, 48, 3600);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn full_screen_200x60_theme_focused() {
    let mut m = reviewed();
    press(&mut m, &[A::FocusThemes, A::Down], 200);
    let t = screen(&m, 200, 60, 3600);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_overlay_lists_every_key() {
    let mut m = model();
    press(&mut m, &[A::Help], 0);
    // Tall enough for the whole of the desk's keys above the indicators.
    let t = screen(&m, 100, 70, 0);
    insta::assert_snapshot!(t.backend());
    let text = t.backend().to_string();
    for (key, words) in watchdesk::app::keymap::help_rows(watchdesk::app::Mode::Normal) {
        assert!(text.contains(&key), "help shows the key {key}");
        let first_word = words.split_whitespace().next().unwrap_or_default();
        assert!(text.contains(first_word), "help shows {words}");
    }
}

#[test]
fn too_small_terminal_shows_a_message() {
    let t = screen(&model(), 40, 10, 0);
    insta::assert_snapshot!(t.backend());
    assert!(t.backend().to_string().contains("too small"));
}

#[test]
fn every_size_from_tiny_to_huge_draws_without_panicking() {
    let m = reviewed();
    for w in (1..=220).step_by(7) {
        for h in (1..=70).step_by(5) {
            screen(&m, w, h, 10);
        }
    }
}

/// Draw one panel into a rect of its own.
fn panel(w: u16, h: u16, draw: impl Fn(&mut ratatui::Frame, Rect)) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| {
        let area = f.area();
        draw(f, area)
    })
    .expect("draw");
    t
}

#[test]
fn panel_indicators() {
    let m = reviewed();
    let now = t0() + Duration::hours(50);
    let t = panel(100, 6, |f, a| {
        ui::indicators::render(f, a, &m, &Palette::default(), now)
    });
    insta::assert_snapshot!(t.backend());
    let text = t.backend().to_string();
    assert!(text.contains("OBSERVED"));
    assert!(text.contains("NOT OBSERVED"));
    assert!(text.contains("22:00:00"), "72 h window, 50 h in");
    assert!(
        text.contains("AMBER"),
        "22 h left on an open indicator is amber"
    );
}

#[test]
fn panel_themes() {
    let m = reviewed();
    let t = panel(40, 6, |f, a| {
        ui::themes::render(f, a, &m, &Palette::default())
    });
    insta::assert_snapshot!(t.backend());
}

#[test]
fn panel_washington() {
    let m = reviewed();
    let t = panel(40, 5, |f, a| {
        ui::washington::render(f, a, &m, &Palette::default())
    });
    insta::assert_snapshot!(t.backend());
}

#[test]
fn panel_reader_on_a_theme() {
    let mut m = reviewed();
    press(&mut m, &[A::FocusThemes], 0);
    let t = panel(60, 20, |f, a| {
        ui::reader::render(f, a, &m, &Palette::default(), t0());
    });
    insta::assert_snapshot!(t.backend());
}

#[test]
fn panel_header_and_status_bar() {
    let m = reviewed();
    let t = panel(100, 2, |f, a| {
        let [top, bottom] =
            ratatui::layout::Layout::vertical([ratatui::layout::Constraint::Length(1); 2]).areas(a);
        ui::header::render(f, top, &m, &Palette::default(), t0());
        ui::statusbar::render(f, bottom, &m, &Palette::default());
    });
    insta::assert_snapshot!(t.backend());
}

#[test]
fn the_countdown_moves_every_second() {
    let m = model();
    let a = screen(&m, 80, 24, 1).backend().to_string();
    let b = screen(&m, 80, 24, 2).backend().to_string();
    assert!(a.contains("71:59:59"));
    assert!(b.contains("71:59:58"));
}

#[test]
fn no_color_uses_no_colour_but_keeps_the_selection_visible() {
    let m = reviewed();
    let t = screen_in(&m, &Palette::mono(), 100, 30, 3600);
    let buf = t.backend().buffer();
    let mut reversed = 0;
    for cell in buf.content() {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "no foreground colour at {:?}",
            cell.symbol()
        );
        assert_eq!(cell.bg, Color::Reset, "no background colour");
        if cell.modifier.contains(Modifier::REVERSED) {
            reversed += 1;
        }
    }
    assert!(reversed > 0, "the selection is shown in reverse video");
}

/// The reader scrolls five lines a press and stops at the end of the text:
/// the last words of the theme are on screen however far it is scrolled.
#[test]
fn the_reader_scrolls_to_the_end_of_a_long_theme_and_stops() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes], 0);
    let theme = m.watch().brief.themes[0].clone();
    let last_para = theme.paragraphs.last().expect("T1 has paragraphs");
    let last_word = last_para
        .split_whitespace()
        .last()
        .expect("words")
        .to_string();
    let first_words: String = theme.paragraphs[0]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let text = |m: &Model| screen(m, 80, 24, 0).backend().to_string();

    let top = text(&m);
    assert!(top.contains(&first_words), "the theme opens at its start");
    assert!(
        !top.contains(&last_word),
        "T1 is longer than the pane at 80x24"
    );
    press(&mut m, &[A::ReaderDown], 0);
    let scrolled = text(&m);
    assert!(
        !scrolled.contains(&first_words),
        "one press scrolls the opening away"
    );
    press(&mut m, &[A::ReaderDown; 40], 0);
    let end = text(&m);
    assert!(
        end.contains(&last_word),
        "the end of the theme is shown:\n{end}"
    );
    press(&mut m, &[A::ReaderDown; 40], 0);
    assert_eq!(text(&m), end, "scrolling past the end shows the same end");

    // The frame reports where the text ends, and the desk takes its scroll
    // back there: one K then scrolls up at once.
    let mut term = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    let mut drawn = FrameReport::default();
    term.draw(|f| drawn = ui::draw_desk(f, &m, &Palette::default(), t0()))
        .expect("draw");
    let (viewport, length) = drawn.reader.expect("the frame reports the reader");
    let length = length.expect("the frame reached the end of T1");
    let at_end = length - viewport;
    assert!(m.reader.offset > at_end, "J went past the end");
    let out = update(&mut m, Msg::Frame(drawn), t0());
    assert!(!out.redraw, "the screen already shows the end");
    assert_eq!(m.reader.offset, at_end);
    assert_eq!(
        text(&m),
        end,
        "taking the scroll back changes nothing on screen"
    );
    press(&mut m, &[A::ReaderUp], 0);
    assert_ne!(text(&m), end, "one K scrolls back up");
}

/// Draw the desk at 100x30 and give the model what the frame found, as the
/// runtime does after every frame. The screen's text.
fn frame(m: &mut Model) -> String {
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
    let mut drawn = FrameReport::default();
    term.draw(|f| drawn = ui::draw_desk(f, m, &Palette::default(), t0()))
        .expect("draw");
    update(m, Msg::Frame(drawn), t0());
    term.backend().to_string()
}

/// The change log: `G` goes to the very end, and one `k` after it moves up
/// one line at once (not a long way back from a huge offset).
#[test]
fn in_the_change_log_g_then_k_moves_up_one_line() {
    let mut m = model();
    press(&mut m, &[A::FocusIndicators], 0);
    press(&mut m, &[A::Toggle; 60], 1);
    press(&mut m, &[A::Timeline], 2);
    frame(&mut m);
    let length = m.timeline.length.expect("the frame measured the log");
    assert!(
        length > m.timeline.viewport,
        "the log is longer than the view"
    );
    press(&mut m, &[A::Bottom], 3);
    assert_eq!(m.timeline.offset, length - m.timeline.viewport);
    let bottom = frame(&mut m);
    assert!(bottom.contains("window started"), "the oldest entry shows");
    press(&mut m, &[A::Up], 4);
    assert_eq!(m.timeline.offset, length - m.timeline.viewport - 1);
    assert_ne!(frame(&mut m), bottom, "one k changes the screen at once");
    // Past the end, j stays at the end.
    press(&mut m, &[A::Down; 10], 5);
    assert_eq!(m.timeline.offset, length - m.timeline.viewport);
}

/// The help: j past its end stops there, so one k scrolls back at once.
#[test]
fn the_help_stops_at_its_end_and_k_comes_back_at_once() {
    let mut m = model();
    press(&mut m, &[A::Help], 0);
    let top = frame(&mut m);
    press(&mut m, &[A::Down; 500], 0);
    let max = m.help.max_offset().expect("the frame measured the help");
    assert!(max > 0, "the help is longer than the screen");
    assert_eq!(m.help.offset, max, "stopped at the end");
    let end = frame(&mut m);
    assert_ne!(end, top);
    press(&mut m, &[A::Up], 0);
    assert_eq!(m.help.offset, max - 1);
    assert_ne!(frame(&mut m), end, "one k scrolls back at once");
}
