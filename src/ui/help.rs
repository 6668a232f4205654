//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::marks::Hidden;
use super::text;
use crate::app::{Mode, Model, keymap};
use crate::ui::styles::Palette;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette) {
    let width = area.width.saturating_sub(2).min(84);
    let all: Vec<(Mode, Vec<(String, &'static str)>)> = Mode::ALL
        .iter()
        .map(|&m| (m, keymap::help_rows(m)))
        .collect();
    let key_w = all
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| text::width(k)))
        .max()
        .unwrap_or(0)
        + 2;
    let text_w = (width as usize).saturating_sub(key_w).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (mode, rows) in all {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(mode.title(), p.heading)));
        for (k, h) in rows {
            for (n, part) in text::wrap(h, text_w).into_iter().enumerate() {
                let key = if n == 0 { k.as_str() } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(text::fit(key, key_w), p.key),
                    Span::raw(part),
                ]));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled("Indicator states", p.heading)));
    lines.push(Line::from("○ watching  ● OBSERVED  ✕ NOT OBSERVED"));
    lines.push(Line::from(
        "▲ AMBER ≤ 24 h left   ▲ RED ≤ 6 h left   EXPIRED: the window has closed",
    ));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "In this help: j/k scroll, ? or Esc closes",
        p.dim,
    )));

    let rect = area;
    let height = area.height;
    let max_scroll = (lines.len() as u16).saturating_sub(height.saturating_sub(2));
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Line::from(Span::styled(
            " watchdesk keys ",
            p.title_focused,
        )));
    let scroll = model.help_scroll.min(max_scroll);
    let shown = usize::from(height.saturating_sub(2));
    let below = lines.len().saturating_sub(usize::from(scroll) + shown);
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), rect);
    super::marks::draw(
        frame.buffer_mut(),
        rect,
        Hidden::count(usize::from(scroll)),
        Hidden::count(below),
        p.dim,
    );
}
