//! Panel 1: the themes, each with its reviewed mark.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{panel_block, scroll_for, text};
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
    let visible = inner.height as usize;
    let selected = model.selected_in(Panel::Themes);
    let first = scroll_for(selected, visible, themes.len());
    let focused = model.focus == Panel::Themes;
    let lines: Vec<Line> = themes
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, theme)| {
            let done = model.review.is_reviewed(ItemRef::Theme(i));
            let mark = if done { "✓ " } else { "· " };
            let label = format!("T{} ", i + 1);
            let notes = model.review.notes_on(ItemRef::Theme(i)).count();
            let noted = if notes > 0 {
                format!(" ✎{notes}")
            } else {
                String::new()
            };
            let room = (inner.width as usize).saturating_sub(2 + label.len() + text::width(&noted));
            let mut line = Line::from(vec![
                Span::styled(mark, if done { p.reviewed } else { p.dim }),
                Span::styled(label, p.dim),
                Span::raw(text::fit(&theme.title, room)),
                Span::styled(noted, p.info),
            ]);
            if i == selected && focused {
                line = line.style(p.selected);
            }
            line
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("(no themes)", p.dim)), inner);
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
