//! Panel 2: the Washington angle, one row per note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{panel_block, scroll_for, text};
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
    let block = panel_block(
        model,
        Some(Panel::Washington),
        vec![
            Span::raw("2 Washington angle"),
            Span::styled(format!(" {}", notes.len()), p.dim),
        ],
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if notes.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("(this brief has no Washington angle)", p.dim)),
            inner,
        );
        return;
    }
    let visible = inner.height as usize;
    let selected = model.selected_in(Panel::Washington);
    let first = scroll_for(selected, visible, notes.len());
    let focused = model.focus == Panel::Washington;
    let lines: Vec<Line> = notes
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
        .map(|(i, note)| {
            let done = model.review.is_reviewed(ItemRef::WashingtonNote(i));
            let mark = if done { "✓ " } else { "· " };
            let label = format!("W{} ", i + 1);
            let notes = model.review.notes_on(ItemRef::WashingtonNote(i)).count();
            let noted = if notes > 0 {
                format!(" ✎{notes}")
            } else {
                String::new()
            };
            let room = (inner.width as usize).saturating_sub(2 + label.len() + text::width(&noted));
            let mut line = Line::from(vec![
                Span::styled(mark, if done { p.reviewed } else { p.dim }),
                Span::styled(label, p.dim),
                Span::raw(text::fit(note, room)),
                Span::styled(noted, p.info),
            ]);
            if i == selected && focused {
                line = line.style(p.selected);
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
