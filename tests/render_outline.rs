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
