//! Panel 1: the themes, each with its reviewed mark and note count.

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
    let themes = &model.brief.themes;
    let reviewed = (0..themes.len())
        .filter(|&i| model.review.is_reviewed(ItemRef::Theme(i)))
        .count();
    let inner = panel(
        frame,
        area,
        model,
        Some(Panel::Themes),
        vec![
            Span::raw("1 Themes"),
            Span::styled(format!(" {reviewed}/{} reviewed", themes.len()), p.dim),
        ],
    );
    if themes.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("(no themes)", p.dim)), inner);
        return;
    }
    let rows: Vec<Row> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| Row {
            item: ItemRef::Theme(i),
            text: &t.title,
        })
        .collect();
    list::render(
        frame,
        inner,
        model,
        &rows,
        model.selected_in(Panel::Themes),
        model.focus == Panel::Themes,
        2,
    );
}
