//! The help overlay, generated from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::marks::Hidden;
use super::text;
use crate::app::{Mode, Model, keymap};
use crate::ui::styles::Palette;

/// Draw the help; its height inside the border and its length in lines.
pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette) -> (usize, usize) {
    let width = area.width.saturating_sub(2).min(84);
    // The screen's own keys first: the board's on the board, the outline
    // view's over the outline.
    let board = model.screen == crate::app::Screen::Board;
    let outline = !board && model.outline.is_some();
    let own = |m: &Mode| {
        if outline {
            matches!(m, Mode::Outline | Mode::OutlineInput)
        } else {
            m.on_board() == board
        }
    };
    let mut modes = Mode::ALL.to_vec();
    modes.sort_by_key(|m| !own(m));
    let all: Vec<(Mode, Vec<(String, &'static str)>)> =
        modes.iter().map(|&m| (m, keymap::help_rows(m))).collect();
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
    let t = model.settings.thresholds;
    lines.push(Line::from(format!(
        "▲ AMBER ≤ {} left   ▲ RED ≤ {} left   EXPIRED: the window has closed",
        t.amber_text(),
        t.red_text()
    )));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "In this help: j/k scroll, ? or Esc closes",
        p.dim,
    )));

    let rect = area;
    let viewport = usize::from(area.height.saturating_sub(2));
    let length = lines.len();
    let max_scroll = length.saturating_sub(viewport);
    let scroll = model.help.offset.min(max_scroll);
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Line::from(Span::styled(
            " watchdesk keys ",
            p.title_focused,
        )));
    let below = length.saturating_sub(scroll + viewport);
    let offset = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((offset, 0)), rect);
    super::marks::draw(
        frame.buffer_mut(),
        rect,
        Hidden::count(scroll),
        Hidden::count(below),
        p.dim,
    );
    (viewport, length)
}
