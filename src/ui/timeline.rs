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
    // Who did what, once more than one desk keeps the watch.
    let team = review::several_desks(&model.watch().log);
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
            let who = if team { review::who(e) } else { None };
            let undone = model.watch().review.undone.contains(e.id.as_str())
                && !matches!(e.kind, EventKind::Undo { .. } | EventKind::Redo { .. });
            (
                clock::dtg(e.at),
                model.local(e.at),
                {
                    let what = review::describe(e, &model.watch().log, model.settings.thresholds);
                    let what = match who {
                        Some(w) => format!("{what} · {w}"),
                        None => what,
                    };
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

/// A row of the log as the overlay shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogRow {
    /// The time to the second (`261430:05Z NOV 26`).
    pub when: String,
    pub local: String,
    pub what: String,
    /// The change was undone later.
    pub undone: bool,
    /// An undo or a redo: shown quietly.
    pub quiet: bool,
}

/// The log as read, newest first: undo and redo shown quietly, and a run
/// of them on one change (u, Ctrl-r, u, ...) folded into one row.
pub fn entries(model: &Model) -> Vec<LogRow> {
    entries_at(model, None)
}

/// [`entries`], with events stamped later than `now` (a desk whose clock
/// was ahead) marked "(clock ahead)".
pub fn entries_at(model: &Model, now: Option<chrono::DateTime<chrono::Utc>>) -> Vec<LogRow> {
    let log = &model.watch().log;
    let t = model.settings.thresholds;
    let shown: Vec<&review::Event> = log
        .iter()
        .filter(|e| {
            model
                .timeline_filter
                .is_none_or(|f| review::subject(e, log) == Some(f))
        })
        .collect();
    let of = |e: &review::Event| match &e.kind {
        EventKind::Undo { of } | EventKind::Redo { of } => Some(of.clone()),
        _ => None,
    };
    // Who did what, once more than one desk keeps the watch.
    let team = review::several_desks(log);
    let mut out = Vec::new();
    let mut k = 0;
    while k < shown.len() {
        let e = shown[k];
        let Some(target) = of(e) else {
            let mut what = review::describe(e, log, t);
            if let Some(w) = review::who(e).filter(|_| team) {
                what = format!("{what} · {w}");
            }
            if now.is_some_and(|now| crate::watch::is_ahead(e.at, now)) {
                what += " (clock ahead)";
            }
            out.push(LogRow {
                when: clock::dtg_secs(e.at),
                local: model.local(e.at),
                what,
                undone: model.watch().review.undone.contains(e.id.as_str()),
                quiet: false,
            });
            k += 1;
            continue;
        };
        let run = shown[k..]
            .iter()
            .take_while(|x| of(x).as_deref() == Some(target.as_str()))
            .count();
        let last = shown[k + run - 1];
        let what = if run == 1 {
            review::describe(e, log, t)
        } else {
            let now_undone = matches!(last.kind, EventKind::Undo { .. });
            let change = log
                .iter()
                .find(|x| x.id == target)
                .map(|x| review::describe(x, log, t))
                .unwrap_or_else(|| "an event not in this log".to_string());
            format!(
                "undo/redo ×{run}: {change} ({})",
                if now_undone {
                    "left undone"
                } else {
                    "left in effect"
                }
            )
        };
        out.push(LogRow {
            when: clock::dtg_secs(last.at),
            local: model.local(last.at),
            what,
            undone: false,
            quiet: true,
        });
        k += run;
    }
    out.reverse();
    out
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
    let rows = entries_at(model, Some(now));
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
    let local_w = rows
        .iter()
        .map(|r| text::width(&r.local))
        .max()
        .unwrap_or(0);
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
            .map(|row| {
                let LogRow {
                    when: dtg,
                    local,
                    what,
                    undone,
                    quiet,
                } = row;
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
                    if *undone || *quiet {
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
