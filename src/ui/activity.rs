//! The recent-changes column, shown when the terminal is wide: the newest
//! entries of the change log, so the room of a big screen is put to use.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::{panel, text, timeline};
use crate::app::Model;
use crate::ui::styles::Palette;

/// Terminals at least this wide show the column.
pub const MIN_TERMINAL_WIDTH: u16 = 160;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette) {
    let inner = panel(
        frame,
        area,
        model,
        p,
        None,
        vec![
            Span::raw("Recent changes"),
            Span::styled(" t: whole log", p.dim),
        ],
    );
    let width = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    // Undo and redo are said by "(undone)" on what they touched: the
    // column keeps to the changes themselves.
    for row in timeline::entries(model).into_iter().filter(|r| !r.quiet) {
        let (dtg, what, undone) = (row.when, row.what, row.undone);
        if lines.len() + 2 > inner.height as usize {
            break;
        }
        lines.push(Line::from(Span::styled(dtg, p.heading)));
        let what = if undone {
            format!("{what} (undone)")
        } else {
            what
        };
        for part in text::wrap(&what, width.saturating_sub(2))
            .into_iter()
            .take(2)
        {
            lines.push(Line::from(Span::styled(
                format!("  {part}"),
                if undone {
                    p.dim
                } else {
                    ratatui::style::Style::new()
                },
            )));
        }
    }
    super::draw_lines(frame, inner, &lines, 0);
}
