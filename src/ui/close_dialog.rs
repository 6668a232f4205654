//! The close dialog: a disposition and an optional reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::styles::Palette;
use super::{statusbar, text};
use crate::app::{Mode, Model};
use crate::review::Disposition;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette) {
    let Some(draft) = &model.closing else {
        return;
    };
    let Some(watch) = model.watches.get(draft.watch) else {
        return;
    };
    // Like every overlay, it takes the place of whole panels.
    let rect = area;
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Span::styled(
            format!(" Close: {} ", watch.short_title(50)),
            p.title_focused,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let w = inner.width as usize;
    let mut lines = vec![Line::from(Span::styled("Disposition", p.heading))];
    for d in Disposition::ALL {
        let chosen = d == draft.disposition();
        let line = Line::from(vec![
            Span::styled(if chosen { " ● " } else { " ○ " }, p.key),
            Span::raw(d.label()),
        ]);
        lines.push(if chosen {
            line.patch_style(p.selected)
        } else {
            line
        });
    }
    lines.push(Line::default());
    let reason = format!("Reason (optional): {}▏", crate::watch::plain(&draft.reason));
    lines.push(Line::from(Span::raw(text::truncate(&reason, w))));
    lines.push(Line::from(Span::styled(
        "The final report is written to the reports folder.",
        p.dim,
    )));
    let (hints, _) = statusbar::hint_spans(model, p, Mode::Closing, w);
    lines.push(Line::from(hints));
    super::draw_lines(frame, inner, &lines, 0);
}
