//! Panel 1: the themes, each with its reviewed mark and note count.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::list::{self, Row};
use super::panel_block;
use crate::app::{Model, Panel};
use crate::review::ItemRef;

pub fn render(frame: &mut Frame, area: Rect, model: &Model) {
    let p = &model.palette;
    let themes = &model.brief.themes;
    let reviewed = (0..themes.len())
        .filter(|&i| model.review.is_reviewed(ItemRef::Theme(i)))
        .count();
    let block = panel_block(
        model,
        Some(Panel::Themes),
        vec![
            Span::raw("1 Themes"),
            Span::styled(format!(" {reviewed}/{} reviewed", themes.len()), p.dim),
        ],
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if themes.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("(no themes)", p.dim)), inner);
        return;
    }
    let rows: Vec<Row> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| Row {
            item: ItemRef::Theme(i),
            label: format!("T{}", i + 1),
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
