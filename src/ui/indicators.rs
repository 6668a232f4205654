//! Panel 3: every indicator with its status, deadline and live countdown.
//! It is on screen whatever has focus.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::marks::Hidden;
use super::styles::Palette;
use super::{panel, scroll_for, text};
use crate::app::{Model, Panel};
use crate::clock;
use crate::review::{ItemRef, Level, Status};

/// Rows the rest of the desk needs at the least.
const MIN_BODY: u16 = 8;
/// Most lines one indicator may take when there is room.
const MAX_LINES_EACH: usize = 3;

/// The glyph and word for a status, so it reads without colour.
pub fn status_cell(s: Status) -> &'static str {
    match s {
        Status::Watching => "○ watching",
        Status::Observed => "● OBSERVED",
        Status::NotObserved => "✕ NOT OBSERVED",
    }
}

pub fn status_style(p: &Palette, s: Status) -> Style {
    match s {
        Status::Watching => p.watching,
        Status::Observed => p.observed,
        Status::NotObserved => p.not_observed,
    }
}

/// The word for an urgency level ("" for normal).
pub fn level_word(l: Level) -> &'static str {
    match l {
        Level::Normal => "",
        Level::Amber => "▲ AMBER",
        Level::Red => "▲ RED",
        Level::Expired => "EXPIRED",
    }
}

pub fn level_style(p: &Palette, l: Level) -> Style {
    match l {
        Level::Normal => p.countdown,
        Level::Amber => p.amber,
        Level::Red => p.red,
        Level::Expired => p.expired,
    }
}

struct Columns {
    label: usize,
    status: usize,
    countdown: usize,
    level: usize,
    deadline: usize,
    text: usize,
}

/// The columns, laid out from what the rows hold: the widest status shown,
/// the countdown, and the urgency word only when an open row shows one.
fn columns(model: &Model, inner_width: usize, now: DateTime<Utc>) -> Columns {
    let watch = model.watch();
    let n = watch.brief.indicators.len();
    let label = format!("I{n} ").len();
    let deadline = match inner_width {
        w if w >= 170 => model
            .watch()
            .deadline(0)
            .map_or(15, |d| text::width(&model.dtg_local(d)) + 1),
        w if w >= 110 => 15,
        _ => 8,
    };
    let status = (0..n)
        .map(|i| text::width(status_cell(watch.review.status_of(i))) + 1)
        .max()
        .unwrap_or(0);
    // Each open row's own deadline decides its word (`Watch::deadline`).
    let level = (0..n)
        .filter(|&i| watch.review.status_of(i) == Status::Watching)
        .filter_map(|i| watch.level(i, now, model.settings.thresholds))
        .map(|l| match level_word(l) {
            "" => 0,
            word => text::width(word) + 1,
        })
        .max()
        .unwrap_or(0);
    let countdown = 9;
    let fixed = label + status + countdown + level + deadline;
    Columns {
        label,
        status,
        countdown,
        level,
        deadline,
        text: inner_width.saturating_sub(fixed).max(8),
    }
}

/// The panel's height: each indicator wrapped over up to three lines when
/// the terminal has room, one line each when it has less, and a scrolling
/// window when even that does not fit.
pub fn height(model: &Model, area: Rect, now: DateTime<Utc>) -> u16 {
    let n = model.watch().brief.indicators.len();
    let budget = area.height.saturating_sub(2 + MIN_BODY).max(3) as usize;
    if n + 2 > budget {
        return budget as u16;
    }
    let cols = columns(model, area.width.saturating_sub(2) as usize, now);
    let wrapped: usize = model
        .watch()
        .brief
        .indicators
        .iter()
        .map(|i| text::wrap_first(&i.text, cols.text, MAX_LINES_EACH).len())
        .sum();
    // Wrap only while the panels above keep most of the screen.
    let share = (area.height.saturating_sub(2) as usize) * 2 / 5;
    let lines = if wrapped + 2 <= budget.min(share) {
        wrapped
    } else {
        n
    };
    (lines + 2) as u16
}

pub fn render(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: DateTime<Utc>,
) -> Vec<(Rect, crate::app::mouse::RowHit)> {
    let inds = &model.watch().brief.indicators;
    let observed = (0..inds.len())
        .filter(|&i| model.watch().review.status_of(i) == Status::Observed)
        .count();
    let mut title = vec![
        Span::raw("3 Indicators"),
        Span::styled(
            format!(
                " {observed}/{} observed · window {}",
                inds.len(),
                model.watch().window_label()
            ),
            p.dim,
        ),
    ];
    if let Some(start) = model.watch().window_start() {
        title.push(Span::styled(format!(" from {}", clock::dtg(start)), p.dim));
    }
    let inner = panel(frame, area, model, p, Some(Panel::Indicators), title);

    let cols = columns(model, inner.width as usize, now);
    let visible = inner.height as usize;
    let one_line_each = visible < inds.len() * 2;
    let selected = model.selected_in(Panel::Indicators);
    let focused = model.focus == Panel::Indicators;
    let first = if one_line_each {
        scroll_for(selected, visible, inds.len())
    } else {
        0
    };

    // A row's countdown, level and deadline cells; rows with the same
    // deadline (all of them, with one window) share them.
    let cells = |deadline: Option<DateTime<Utc>>| {
        let (count, level) = match deadline {
            Some(d) => (
                clock::countdown(clock::remaining_seconds(d, now)),
                clock::level(d, now, model.settings.thresholds),
            ),
            None => ("--:--:--".to_string(), Level::Normal),
        };
        let due = match (deadline, cols.deadline) {
            (None, w) => text::fit("", w),
            (Some(d), 8) => text::fit(&clock::dtg(d)[..7], 8),
            (Some(d), 15) => text::fit(&clock::dtg(d), 15),
            (Some(d), w) => text::fit(&model.dtg_local(d), w),
        };
        let count_open = text::fit(&count, cols.countdown);
        let level_open = text::fit(level_word(level), cols.level);
        (deadline, level, due, count_open, level_open)
    };
    let mut shared = cells(model.watch().deadline(first));
    let level_closed = " ".repeat(cols.level);
    let indent = " ".repeat(cols.label + cols.status + cols.countdown + cols.level + cols.deadline);

    let mut end = first;
    let mut lines: Vec<Line> = Vec::with_capacity(visible);
    let mut owners: Vec<usize> = Vec::with_capacity(visible);
    for (i, ind) in inds.iter().enumerate().skip(first) {
        if lines.len() >= visible {
            break;
        }
        end = i + 1;
        let deadline = model.watch().deadline(i);
        if deadline != shared.0 {
            shared = cells(deadline);
        }
        let (_, level, due, count_open, level_open) = &shared;
        let level = *level;
        let status = model.watch().review.status_of(i);
        let open = status == Status::Watching;
        let count_style = if open { level_style(p, level) } else { p.dim };
        let level_text = if open { level_open } else { &level_closed };
        let notes = model.watch().review.notes_count(ItemRef::Indicator(i));
        let draft = model.draft_on(ItemRef::Indicator(i)).is_some();
        let disputed = if model.watch().dispute(i).is_some() {
            "DISPUTED "
        } else {
            ""
        };
        let shown = match (super::marks::noted(notes, draft), disputed.is_empty()) {
            (Some(mark), _) => std::borrow::Cow::Owned(format!("{disputed}{mark} {}", ind.text)),
            (None, false) => std::borrow::Cow::Owned(format!("{disputed}{}", ind.text)),
            (None, true) => std::borrow::Cow::Borrowed(ind.text.as_str()),
        };
        let wrapped = if one_line_each {
            vec![text::truncate(&shown, cols.text)]
        } else {
            let mut w = text::wrap_first(&shown, cols.text, MAX_LINES_EACH + 1);
            if w.len() > MAX_LINES_EACH {
                w.truncate(MAX_LINES_EACH);
                let last = w[MAX_LINES_EACH - 1].clone() + " …";
                w[MAX_LINES_EACH - 1] = text::truncate(&last, cols.text);
            }
            w
        };
        let row_style = if i == selected && focused {
            p.selected
        } else {
            Style::new()
        };
        for (k, part) in wrapped.into_iter().enumerate() {
            if lines.len() >= visible {
                break;
            }
            let line = if k == 0 {
                Line::from(vec![
                    Span::styled(text::fit(&format!("I{}", i + 1), cols.label), p.heading),
                    Span::styled(
                        text::fit(status_cell(status), cols.status),
                        status_style(p, status),
                    ),
                    Span::styled(count_open.clone(), count_style),
                    Span::styled(level_text.clone(), level_style(p, level)),
                    Span::styled(due.clone(), p.dim),
                    Span::raw(part),
                ])
            } else {
                Line::from(vec![Span::raw(indent.as_str()), Span::raw(part)])
            };
            lines.push(line.style(row_style));
            owners.push(i);
        }
    }
    let query = super::highlight::active_query(model);
    let lines = super::highlight::mark(lines, query.as_deref(), p.matched);
    super::draw_lines(frame, inner, &lines, 0);
    super::marks::draw(
        frame.buffer_mut(),
        area,
        Hidden::count(first),
        Hidden::count(inds.len().saturating_sub(end)),
        p.dim,
    );
    super::list::row_hits(inner, Panel::Indicators, &owners)
}
