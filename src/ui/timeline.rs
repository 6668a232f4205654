//! The change log overlay: every event, newest first, with DTG and local
//! time; it can be filtered to one item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::marks::Hidden;
use super::text;
use crate::app::{Mode, Model};
use crate::clock;
use crate::review::{self, EventKind};
use crate::ui::styles::Palette;

/// The rows of the log as shown: (DTG, local, description, undone).
pub fn rows(model: &Model) -> Vec<(String, String, String, bool)> {
    rows_at(model, None)
}

/// [`rows`], with events stamped later than `now` (a desk whose clock was
/// ahead) marked "(clock ahead)".
pub fn rows_at(
    model: &Model,
    now: Option<chrono::DateTime<chrono::Utc>>,
) -> Vec<(String, String, String, bool)> {
    model
        .watch()
        .log
        .iter()
        .rev()
        .filter(|e| {
            model
                .timeline_filter
                .is_none_or(|f| review::subject(e, &model.watch().log) == Some(f))
        })
        .map(|e| {
            let undone = model.watch().review.undone.contains(&e.id)
                && !matches!(e.kind, EventKind::Undo { .. } | EventKind::Redo { .. });
            (
                clock::dtg(e.at),
                model.local(e.at),
                {
                    let what = review::describe(e, &model.watch().log, model.settings.thresholds);
                    match now {
                        Some(now) if crate::watch::is_ahead(e.at, now) => {
                            format!("{what} (clock ahead)")
                        }
                        _ => what,
                    }
                },
                undone,
            )
        })
        .collect()
}

/// Draw the change log; its height and its length in rows.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: chrono::DateTime<chrono::Utc>,
) -> (usize, usize) {
    let rect = area;
    frame.render_widget(Clear, rect);
    let rows = rows_at(model, Some(now));
    let scope = match model.timeline_filter {
        Some(item) => format!("only {item}"),
        None => "everything".to_string(),
    };
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Line::from(vec![
            Span::styled(" Change log ", p.title_focused),
            Span::styled(
                format!("· {} entries · {scope} · newest first ", rows.len()),
                p.dim,
            ),
        ]))
        .title_bottom(Line::from(
            super::statusbar::hint_spans(
                model,
                p,
                Mode::Timeline,
                rect.width.saturating_sub(4) as usize,
            )
            .0,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let width = inner.width as usize;
    let local_w = rows.iter().map(|r| text::width(&r.1)).max().unwrap_or(0);
    let show_local = width >= 15 + local_w + 30;
    let visible = inner.height as usize;
    let first = model
        .timeline
        .offset
        .min(rows.len().saturating_sub(visible));
    let lines: Vec<Line> = if rows.is_empty() {
        vec![Line::from(Span::styled("(nothing recorded yet)", p.dim))]
    } else {
        rows.iter()
            .skip(first)
            .take(visible)
            .map(|(dtg, local, what, undone)| {
                let mut spans = vec![Span::styled(format!("{dtg} "), p.heading)];
                let mut used = text::width(dtg) + 1;
                if show_local {
                    spans.push(Span::styled(
                        format!("{} ", text::fit(local, local_w)),
                        p.dim,
                    ));
                    used += local_w + 1;
                }
                let what = if *undone {
                    format!("{what} (undone)")
                } else {
                    what.clone()
                };
                spans.push(Span::styled(
                    text::truncate(&crate::safe::one_line(&what), width.saturating_sub(used)),
                    if *undone {
                        p.dim
                    } else {
                        ratatui::style::Style::new()
                    },
                ));
                Line::from(spans)
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines), inner);
    super::marks::draw(
        frame.buffer_mut(),
        rect,
        Hidden::count(first),
        Hidden::count(rows.len().saturating_sub(first + visible)),
        p.dim,
    );
    (visible, rows.len())
}
