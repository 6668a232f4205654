//! Panel 1: the themes, each with its reviewed mark and note count.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::list::{self, Row};
use crate::app::{Model, Panel};
use crate::review::ItemRef;
use crate::ui::styles::Palette;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
) -> Vec<(Rect, crate::app::mouse::RowHit)> {
    let rows: Vec<Row> = model
        .watch()
        .brief
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| Row {
            item: ItemRef::Theme(i),
            text: &t.title,
        })
        .collect();
    let heading = (Panel::Themes, "1 Themes");
    list::render_panel(frame, area, (model, p), heading, &rows, "(no themes)", 2)
}
