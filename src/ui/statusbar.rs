//! The bottom line: a notice when there is one, else the key hints; the save
//! state on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text;
use crate::app::{Mode, Model, NoticeKind, keymap};
use crate::ui::styles::Palette;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette) {
    let (right, right_style) = if model.read_only {
        (" READ-ONLY ".to_string(), p.warning)
    } else if model.save_error.is_some() {
        (" UNSAVED · retrying ".to_string(), p.error)
    } else if model.has_unsaved() {
        (" saving… ".to_string(), p.dim)
    } else {
        (" saved ".to_string(), p.dim)
    };
    let room = (area.width as usize).saturating_sub(text::width(&right));
    let mut spans: Vec<Span> = Vec::new();
    match &model.notice {
        _ if model.mode == crate::app::Mode::Search => {
            let n = model.search.matches.len();
            let count = if model.search.query.is_empty() {
                String::new()
            } else {
                format!("  {n} match{}", if n == 1 { "" } else { "es" })
            };
            let help = "  Enter go · Esc cancel";
            let prompt = format!(" /{}▏", model.search.query);
            let room_for_prompt = room.saturating_sub(text::width(&count) + text::width(help));
            spans.push(Span::styled(text::fit(&prompt, room_for_prompt), p.key));
            spans.push(Span::styled(count.clone(), p.info));
            spans.push(Span::styled(
                text::fit(
                    help,
                    room.saturating_sub(room_for_prompt + text::width(&count)),
                ),
                p.dim,
            ));
        }
        Some(n) => {
            let style = match n.kind {
                NoticeKind::Info => p.info,
                NoticeKind::Warning => p.warning,
                NoticeKind::Error => p.error,
            };
            spans.push(Span::styled(
                text::fit(&format!(" {}", n.text), room),
                style,
            ));
        }
        None => {
            let (hints, used) = hint_spans(p, model.mode, room);
            spans.extend(hints);
            spans.push(Span::raw(" ".repeat(room - used)));
        }
    }
    spans.push(Span::styled(right, right_style));
    super::draw_lines(frame, area, &[Line::from(spans)], 0);
}

/// The key hints of a mode, from the keymap table, as many as fit in `room`
/// columns: the spans and the columns they take. The status bar and the
/// overlays' bottom lines both show them, so neither can drift from the keys.
pub fn hint_spans(p: &Palette, mode: Mode, room: usize) -> (Vec<Span<'static>>, usize) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, word) in keymap::hints(mode) {
        let w = text::width(&format!(" {key} {word} "));
        if used + w > room {
            break;
        }
        used += w;
        spans.push(Span::styled(format!(" {key}"), p.key));
        spans.push(Span::styled(format!(" {word} "), p.dim));
    }
    (spans, used)
}
