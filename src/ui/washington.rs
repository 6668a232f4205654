//! Panel 2: the Washington angle, one row per note, with the opening of
//! each note over as many lines as the panel has room for.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::list::{self, Row};
use super::panel;
use crate::app::{Model, Panel};
use crate::review::ItemRef;

pub fn render(frame: &mut Frame, area: Rect, model: &Model) {
    let p = &model.palette;
    let notes = model
        .brief
        .washington
        .as_ref()
        .map(|w| w.paragraphs.as_slice())
        .unwrap_or_default();
    let reviewed = (0..notes.len())
        .filter(|&i| model.review.is_reviewed(ItemRef::WashingtonNote(i)))
        .count();
    let inner = panel(
        frame,
        area,
        model,
        Some(Panel::Washington),
        vec![
            Span::raw(if area.width >= 36 {
                "2 Washington angle"
            } else {
                "2 Washington"
            }),
            Span::styled(format!(" {reviewed}/{} reviewed", notes.len()), p.dim),
        ],
    );
    if notes.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("(this brief has no Washington angle)", p.dim)),
            inner,
        );
        return;
    }
    let rows: Vec<Row> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| Row {
            item: ItemRef::WashingtonNote(i),
            text: n,
        })
        .collect();
    list::render(
        frame,
        inner,
        model,
        &rows,
        model.selected_in(Panel::Washington),
        model.focus == Panel::Washington,
        6,
    );
}
