//! Render tests for the desk's polish (issue 15): what is hidden is marked,
//! boxes keep their keys, the footer fits, search shows what matched, the
//! banner's colour follows the marking, overlays keep panel borders whole.

mod common;

use chrono::Duration;
use common::{model, press, t0};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::{Action as A, Model};
use watchdesk::brief::{BriefSource, parse};
use watchdesk::ui;
use watchdesk::ui::styles::Palette;

fn screen(m: &Model, w: u16, h: u16) -> Terminal<TestBackend> {
    screen_in(m, &Palette::default(), w, h)
}

/// The desk drawn with the palette `p`.
fn screen_in(m: &Model, p: &Palette, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, p, t0() + Duration::seconds(60)))
        .expect("draw");
    t
}

fn text(m: &Model, w: u16, h: u16) -> String {
    screen(m, w, h).backend().to_string()
}

/// A model on a brief of twelve themes.
fn twelve() -> Model {
    let text = include_str!("fixtures/briefs/13-twelve-themes.txt");
    let brief = parse(text).expect("the fixture parses");
    let mut m = Model::new(brief, BriefSource::Default, Vec::new(), 7);
    m.ensure_window(t0(), None);
    m
}

#[test]
fn the_reader_marks_text_below_the_fold_and_above_it_once_scrolled() {
    let mut m = model();
    press(&mut m, &[A::FocusThemes], 0);
    let top = text(&m, 80, 24);
    assert!(top.contains("▼ more"), "T1 runs past the pane:\n{top}");
    assert!(!top.contains("▲"), "nothing above at the start:\n{top}");
    press(&mut m, &[A::ReaderDown], 0);
    let down = text(&m, 80, 24);
    assert!(
        down.contains("▲ 5 more"),
        "five lines scrolled away:\n{down}"
    );
    insta::assert_snapshot!(down);
}

#[test]
fn a_list_whose_rows_do_not_fit_says_how_many_are_hidden() {
    let mut m = twelve();
    let t = text(&m, 80, 24);
    let marked = t.lines().any(|l| l.contains("▼") && l.contains("more"));
    assert!(marked, "twelve themes do not fit at 80x24:\n{t}");
    press(&mut m, &[A::FocusThemes, A::Bottom], 0);
    let t = text(&m, 80, 24);
    assert!(
        t.contains("T12"),
        "the last theme is shown when selected:\n{t}"
    );
    assert!(t.contains("▲"), "and the ones above it are marked:\n{t}");
    insta::assert_snapshot!(t);
}

#[test]
fn help_and_the_change_log_mark_what_they_cut() {
    let mut m = model();
    press(&mut m, &[A::Help], 0);
    let t = text(&m, 80, 24);
    assert!(
        t.lines().any(|l| l.contains("▼") && l.contains(" more ─┘")),
        "help is longer than 80x24 allows, and says so on its edge:\n{t}"
    );
    press(&mut m, &[A::Close], 0);
    // Thirty changes: more than the log can show at 80x24.
    press(&mut m, &[A::FocusThemes], 0);
    for s in 0..30 {
        press(&mut m, &[A::Toggle], s);
    }
    press(&mut m, &[A::Timeline], 40);
    let t = text(&m, 80, 24);
    let hidden = t
        .lines()
        .find_map(|l| {
            let at = l.find("▼ ")?;
            l[at + "▼ ".len()..]
                .split(' ')
                .next()?
                .parse::<usize>()
                .ok()
        })
        .unwrap_or_else(|| panic!("the log marks the entries below:\n{t}"));
    let shown = t
        .lines()
        .filter(|l| l.contains("Z NOV 26 ") && !l.contains("WATCHDESK") && !l.contains("window"))
        .count();
    assert_eq!(hidden + shown, 31, "31 entries in all:\n{t}");
}

/// The closing-assessment box for indicator `i`.
fn assessing(i: usize) -> Model {
    let mut m = model();
    m.assessing = Some(i);
    m.mode = watchdesk::app::Mode::Assess;
    m
}

#[test]
fn the_assessment_box_always_shows_its_keys() {
    for i in 0..3 {
        for (w, h) in [(80, 24), (60, 16), (120, 36)] {
            let t = text(&assessing(i), w, h);
            assert!(
                t.contains("o observed") && t.contains("Esc"),
                "I{} at {w}x{h} shows the keys:\n{t}",
                i + 1
            );
        }
    }
    let t = text(&assessing(2), 80, 24);
    assert!(t.contains("I3 EXPIRED"), "{t}");
    insta::assert_snapshot!(t);
}

/// The symbol at (x, y) of a drawn screen.
fn cell(t: &Terminal<TestBackend>, x: u16, y: u16) -> String {
    t.backend().buffer()[(x, y)].symbol().to_string()
}

#[test]
fn overlays_take_whole_panels_and_cut_no_border() {
    type Open = fn(&mut Model);
    let opened: [(&str, Open); 4] = [
        ("watchdesk keys", |m| {
            press(m, &[A::Help], 0);
        }),
        ("Change log", |m| {
            press(m, &[A::Timeline], 0);
        }),
        ("Note on I1", |m| {
            press(m, &[A::AddNote], 0);
        }),
        ("Closing assessment", |m| {
            m.assessing = Some(1);
            m.mode = watchdesk::app::Mode::Assess;
        }),
    ];
    for (name, open) in opened {
        for (w, h) in [(80, 24), (120, 36), (200, 60)] {
            let mut m = model();
            open(&mut m);
            let t = screen(&m, w, h);
            let shown = t.backend().to_string();
            // The overlay's top-left corner is on the first row under the
            // header: at the left edge, or just right of the nav column.
            let titled = |x: u16| {
                cell(&t, x, 1) == "┌"
                    && (0..name.len() as u16)
                        .map(|k| cell(&t, x + 2 + k, 1))
                        .collect::<String>()
                        == name
            };
            let x = (0..w - 2 - name.len() as u16)
                .find(|&x| titled(x))
                .unwrap_or_else(|| panic!("{name} at {w}x{h}:\n{shown}"));
            let bottom = (2..h)
                .find(|&y| cell(&t, x, y) == "└")
                .unwrap_or_else(|| panic!("{name} at {w}x{h} has a bottom:\n{shown}"));
            for y in 2..bottom {
                assert_eq!(cell(&t, x, y), "│", "{name} at {w}x{h}, row {y}:\n{shown}");
                if x > 0 {
                    let left = cell(&t, x - 1, y);
                    assert!(
                        ["┐", "│", "┘"].contains(&left.as_str()),
                        "{name} at {w}x{h}: the nav column's border is whole at row {y}:\n{shown}"
                    );
                }
            }
            // It reaches the right edge and sits on the indicators' border.
            assert_eq!(cell(&t, w - 1, 1), "┐", "{name} at {w}x{h}:\n{shown}");
            assert_eq!(cell(&t, 0, bottom + 1), "┌", "{name} at {w}x{h}:\n{shown}");
        }
    }
}

/// The status bar alone, `w` columns wide.
fn footer(m: &Model, w: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, 1)).expect("test terminal");
    t.draw(|f| ui::statusbar::render(f, f.area(), m, &Palette::default()))
        .expect("draw");
    t.backend().to_string()
}

#[test]
fn the_footer_at_80_columns_keeps_the_log_and_export_keys() {
    let m = model();
    let f = footer(&m, 80);
    for hint in ["? help", "q quit", "t log", "e export", "n note"] {
        assert!(f.contains(hint), "{hint} in {f}");
    }
    insta::assert_snapshot!(f);
    // The widest footer shows every hint, in the keymap's order.
    let wide = footer(&m, 160);
    let at = |s: &str| wide.find(s).unwrap_or_else(|| panic!("{s} in {wide}"));
    assert!(at("? help") < at("Tab panel") && at("Tab panel") < at("t log"));
    assert!(wide.contains("j move"), "{wide}");
}

#[test]
fn a_read_only_footer_lists_no_editing_keys() {
    let mut m = model();
    m.read_only = true;
    let f = footer(&m, 160);
    for hint in ["Space mark", "n note", "u undo"] {
        assert!(!f.contains(hint), "{hint} in a read-only footer: {f}");
    }
    assert!(f.contains("READ-ONLY") && f.contains("t log"), "{f}");
}

#[test]
fn the_footer_shows_the_keys_of_the_open_box_even_with_a_notice() {
    let mut m = model();
    // A notice from the desk ("I1: watching → observed")...
    press(&mut m, &[A::Toggle], 0);
    assert!(m.notice.is_some());
    // ...does not hide the note editor's keys.
    press(&mut m, &[A::AddNote], 0);
    let f = footer(&m, 80);
    assert!(
        f.contains("Ctrl-s save") && f.contains("Esc keep draft"),
        "{f}"
    );
}

#[test]
fn a_long_message_is_cut_before_the_save_state() {
    let mut m = model();
    m.notice = Some(watchdesk::app::Notice {
        text: "could not write /home/analyst/.local/share/watchdesk/state.json: \
               No space left on device (os error 28), retrying in five seconds"
            .to_string(),
        kind: watchdesk::app::NoticeKind::Error,
        until: None,
    });
    let f = footer(&m, 80);
    let f = f.trim().trim_matches('"');
    assert!(f.ends_with("…   saving… "), "[{f}]");
}

#[test]
fn indicator_rows_keep_no_room_for_an_urgency_word_they_do_not_show() {
    let m = model();
    let now = t0() + Duration::seconds(60);
    let row = |at| {
        let mut t = Terminal::new(TestBackend::new(80, 5)).expect("test terminal");
        t.draw(|f| ui::indicators::render(f, f.area(), &m, &Palette::default(), at))
            .expect("draw");
        t.backend().to_string()
    };
    let calm = row(now);
    assert!(calm.contains("71:59:00 291430Z any"), "{calm}");
    // 22 h left: the word is shown, one column from the countdown and the
    // deadline.
    let amber = row(t0() + Duration::hours(50));
    assert!(amber.contains("22:00:00 ▲ AMBER 291430Z any"), "{amber}");
}

/// Type `query` into a new search and press Enter.
fn search(m: &mut Model, query: &str) {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    press(m, &[A::Search], 0);
    for c in query.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        watchdesk::app::update(m, watchdesk::app::Msg::Input(key), t0());
    }
    press(m, &[A::Commit], 0);
}

/// The words drawn in the search-match style, in screen order.
fn marked(t: &Terminal<TestBackend>, _m: &Model) -> Vec<String> {
    let buf = t.backend().buffer();
    let mut words = Vec::new();
    let mut word = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let hit = c.bg == Palette::default().matched.bg.expect("a background");
            if hit {
                word.push_str(c.symbol());
            } else if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
    }
    words
}

#[test]
fn search_marks_what_it_matched_in_the_lists_and_the_reader() {
    let mut m = model();
    assert!(
        marked(&screen(&m, 120, 36), &m).is_empty(),
        "no search, no marks"
    );
    search(&mut m, "nato");
    assert_eq!(m.mode, watchdesk::app::Mode::Normal);
    let t = screen(&m, 120, 36);
    let words = marked(&t, &m);
    assert!(words.len() >= 3, "NATO marked in several places: {words:?}");
    assert!(
        words.iter().all(|w| w.eq_ignore_ascii_case("nato")),
        "only what matched is marked: {words:?}"
    );
    // The first match (a theme) is in the reader, and marked there.
    let reader_x = 44;
    let in_reader = (0..36).any(|y| {
        (reader_x..120)
            .any(|x| t.backend().buffer()[(x, y)].bg == Palette::default().matched.bg.unwrap())
    });
    assert!(in_reader, "{}", t.backend());
    // A cancelled search marks nothing.
    press(&mut m, &[A::Search, A::Close], 0);
    assert!(marked(&screen(&m, 120, 36), &m).is_empty());
}

#[test]
fn the_banner_is_drawn_in_the_colour_of_its_marking() {
    use ratatui::style::Color;
    for (marking, bg) in [
        ("CONFIDENTIAL", Color::Blue),
        ("UNCLASSIFIED", Color::Green),
    ] {
        let mut m = model();
        m.settings.classification = Some(marking.to_string());
        let p = Palette::colour().for_marking(Some(marking), None);
        let t = screen_in(&m, &p, 80, 24);
        let row: String = (0..80).map(|x| cell(&t, x, 0)).collect();
        assert_eq!(row.trim(), marking);
        assert!(
            (0..80).all(|x| t.backend().buffer()[(x, 0)].bg == bg),
            "{marking}"
        );
    }
}

#[test]
fn the_note_editor_wraps_its_text_and_its_title_fits() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut m = assessing(1);
    // o: observed, and the editor opens for a closing note.
    press(&mut m, &[A::MarkObserved], 0);
    assert_eq!(m.mode, watchdesk::app::Mode::Note);
    let words = "the ministers met on Tuesday and agreed a joint statement on \
                 supply chains that names Taiwan for the first time; ENDWORD";
    for c in words.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        watchdesk::app::update(&mut m, watchdesk::app::Msg::Input(key), t0());
    }
    let t = text(&m, 80, 24);
    assert!(
        t.contains("ENDWORD"),
        "the end of a long line is on screen:\n{t}"
    );
    assert!(t.contains("the ministers met"), "and its start:\n{t}");
    assert!(t.contains("┌ Note on I2 ─"), "the title fits:\n{t}");
    assert!(
        t.contains("closing assessment for I2"),
        "the purpose is shown:\n{t}"
    );
    insta::assert_snapshot!(t);
}

#[test]
fn resizing_keeps_the_selected_theme_in_view() {
    for (selected, focus_themes) in [(0, false), (0, true), (2, true), (3, false)] {
        let mut m = model();
        press(&mut m, &[A::FocusThemes], 0);
        press(&mut m, &vec![A::Down; selected], 0);
        if !focus_themes {
            press(&mut m, &[A::FocusIndicators], 0);
        }
        let label = format!("T{} ", selected + 1);
        let mut t = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        for (w, h) in [(80, 24), (60, 16), (80, 24), (200, 60), (60, 16), (120, 36)] {
            t.backend_mut().resize(w, h);
            t.draw(|f| ui::draw(f, &m, &Palette::default(), t0()))
                .expect("draw");
            let shown = t.backend().to_string();
            let themes: String = shown
                .lines()
                .take_while(|l| !l.contains("2 Washington"))
                .collect();
            assert!(
                themes.contains(&label),
                "{label}selected, at {w}x{h}:\n{shown}"
            );
        }
    }
}
