//! The list of watches (`w`): every watch on the desk, open ones most
//! urgent first, then closed ones, with their counts and state.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::styles::Palette;
use super::{statusbar, text};
use crate::app::{Mode, Model};
use crate::clock;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette, now: DateTime<Utc>) {
    let order = model.listed_watches();
    // Like every overlay, it takes the place of whole panels.
    let rect = area;
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Span::styled(
            format!(" Watches ({}) ", order.len()),
            p.title_focused,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let visible = inner.height.saturating_sub(1) as usize;
    let selected = model.board.listed.min(order.len().saturating_sub(1));
    let skip = super::scroll_for(selected, visible, order.len());
    let w = inner.width as usize;
    let t = model.settings.thresholds;
    let mut lines: Vec<Line> = Vec::new();
    for (n, &wi) in order.iter().enumerate().skip(skip).take(visible) {
        let watch = &model.watches[wi];
        let (obs, total) = watch.counts();
        let open = watch.open_indicators().count();
        let state = match &watch.review.closed {
            Some(c) => format!("closed {}", clock::dtg(c.at).get(..7).unwrap_or("")),
            None if watch.unread().is_some() => "needs reading".to_string(),
            None => match watch.most_urgent(now, t) {
                Some((i, left, _)) => format!("I{} {}", i + 1, clock::countdown(left)),
                None => "all assessed".to_string(),
            },
        };
        let mark = if watch.has_unacked() && watch.is_open() {
            "! "
        } else {
            "  "
        };
        let counts = format!("{obs}/{total} obs, {open} open");
        let fixed = 2 + 18 + 20 + 18;
        let title_w = w.saturating_sub(fixed).max(10);
        let style = if watch.is_open() { p.heading } else { p.dim };
        // With a share: who holds the watch, and a handover waiting on it.
        let mut held = String::new();
        if model.share.is_some() {
            let shift = crate::share::shift::shift(&watch.log);
            if let Some(p) = shift.pending {
                held = format!(" · pending accept: {}", crate::watch::plain(&p.to));
            } else if let Some(h) = shift.holder {
                held = format!(" · held by {}", crate::watch::plain(&h));
            }
        }
        let held = text::truncate(&held, title_w / 2);
        let title = format!(
            "{}{held}",
            watch.short_title(title_w.saturating_sub(text::width(&held)).max(5))
        );
        let mut line = Line::from(vec![
            Span::styled(mark, p.warning),
            Span::styled(text::fit(&title, title_w + 1), style),
            Span::styled(text::fit(&counts, 20), p.dim),
            Span::styled(text::fit(&state, 18), style),
            Span::styled(text::fit(watch.brief.id.as_str(), 17), p.dim),
        ]);
        if n == selected {
            line = line.patch_style(p.selected);
        }
        lines.push(line);
    }
    let (hints, _) = statusbar::hint_spans(model, p, Mode::Briefs, w);
    while lines.len() < visible {
        lines.push(Line::default());
    }
    lines.push(Line::from(hints));
    super::draw_lines(frame, inner, &lines, 0);
}
