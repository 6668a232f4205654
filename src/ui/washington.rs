//! Panel 2: the Washington angle, one row per note, with the opening of
//! each note over as many lines as the panel has room for.

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
    let notes = model
        .watch()
        .brief
        .washington
        .as_ref()
        .map(|w| w.paragraphs.as_slice())
        .unwrap_or_default();
    let rows: Vec<Row> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| Row {
            item: ItemRef::WashingtonNote(i),
            text: n,
        })
        .collect();
    let heading = if area.width >= 36 {
        "2 Washington angle"
    } else {
        "2 Washington"
    };
    let empty = "(this brief has no Washington angle)";
    list::render_panel(
        frame,
        area,
        (model, p),
        (Panel::Washington, heading),
        &rows,
        empty,
        6,
    )
}
