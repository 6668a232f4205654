//! Render tests of the outline view: a refused brief part-way through
//! being put right, at 80x24 and 120x36.

mod common;

use std::sync::Arc;

use chrono::{Duration, FixedOffset};
use common::{press, t0};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::{Action as A, Model};
use watchdesk::brief::BriefSource;
use watchdesk::review::Desk;
use watchdesk::ui::{self, styles::Palette};
use watchdesk::watch::Watch;

const REFUSED: &str = include_str!("fixtures/outline/refused.txt");

/// The refused brief with "Signals" marked as the Outlook and two of its
/// lines as indicators; the cursor on the third.
fn part_fixed() -> Model {
    let mut w = Watch::from_text(
        Arc::from(REFUSED),
        BriefSource::File("briefs/harbour-watch.txt".into()),
        Vec::new(),
        Desk::new("desk-a", None, 1),
    );
    w.utc_offset = FixedOffset::east_opt(0);
    let mut m = Model::with_watch(w);
    m.ensure_window(t0(), None);
    press(&mut m, &[A::Down; 5], 1);
    press(
        &mut m,
        &[A::MarkOutlook, A::MarkIndicator, A::MarkIndicator],
        2,
    );
    m.notice = None;
    m
}

fn screen(m: &Model, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, &Palette::default(), t0() + Duration::seconds(60)))
        .expect("draw");
    t
}

#[test]
fn outline_refused_80x24() {
    let mut t = Watch::from_text(
        Arc::from(REFUSED),
        BriefSource::File("briefs/harbour-watch.txt".into()),
        Vec::new(),
        Desk::new("desk-a", None, 1),
    );
    t.utc_offset = FixedOffset::east_opt(0);
    let m = Model::with_watch(t);
    insta::assert_snapshot!(screen(&m, 80, 24).backend());
}

#[test]
fn outline_part_fixed_80x24() {
    insta::assert_snapshot!(screen(&part_fixed(), 80, 24).backend());
}

#[test]
fn outline_part_fixed_120x36() {
    insta::assert_snapshot!(screen(&part_fixed(), 120, 36).backend());
}

#[test]
fn the_help_over_the_outline_lists_its_keys_first_and_takes_both_panels() {
    let mut m = part_fixed();
    press(&mut m, &[A::Help], 3);
    let t = screen(&m, 120, 36);
    let text = t.backend().to_string();
    let lines: Vec<&str> = text.lines().collect();
    // Under the header, the help's border runs the whole width: it takes
    // the place of the text and the reading, not a box inside one.
    assert!(lines[1].contains("┌ watchdesk keys"), "{}", lines[1]);
    assert!(
        lines[1].trim_end_matches('"').ends_with('┐'),
        "{}",
        lines[1]
    );
    // Its own keys come first (the desk's further down).
    assert!(
        lines[2].contains("Outline: the brief as read, to correct"),
        "{text}"
    );
    assert!(text.contains("mark as one indicator"), "{text}");
    if let Some(desk) = text.find("The desk") {
        assert!(text.find("mark as one indicator") < Some(desk), "{text}");
    }
    // Closing the help goes back to the outline.
    press(&mut m, &[A::Close], 4);
    assert_eq!(m.mode, watchdesk::app::Mode::Outline);
}
