//! The board: every open indicator of every open watch, most urgent first,
//! under a strip that pictures the watches' windows on one time axis.
//!
//! ```text
//! WATCHDESK  board · 3 watches · 14 open · 1 to acknowledge     261430Z NOV 26
//! ┌ Time · ◆ deadline · │ now ───────────────────────────────────────────────┐
//! │ (timeline_strip)                                                         │
//! └──────────────────────────────────────────────────────────────────────────┘
//! ┌ Open indicators, most urgent first ──────────────────────────────────────┐
//! │ ! Gulf shipping     I2  ○ watching  ▲ RED    05:12:09  Tanker seizures … │
//! │   Alliance priori…  I1  ○ watching           47:59:58  Joint statement … │
//! └──────────────────────────────────────────────────────────────────────────┘
//!  ? help  q quit  j move  Enter open  a ack  w watches  / filter      saved
//! ```

use chrono::{DateTime, Utc};
use ratatui::Frame;

use crate::app::mouse::{Region, RowHit};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::indicators::{level_style, level_word, status_cell, status_style};
use super::styles::Palette;
use super::{briefs, help, statusbar, text, timeline_strip};
use crate::app::{Mode, Model};
use crate::clock::{self, Level, Thresholds};

/// Draw the board; what the frame found out (the help's size, when it is
/// open).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: DateTime<Utc>,
) -> crate::app::FrameReport {
    let mut still = Still::new(now);
    let strip_max = (area.height / 3).max(4);
    let strip_h = timeline_strip::height(model, strip_max);
    // A notice too long for the status line (a report's path) takes lines
    // of its own above it, as on the desk.
    let bottom_h = match model.mode {
        Mode::BoardSearch => 1,
        _ => statusbar::height(model, area.width),
    };
    let [top, strip, rows_area, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(strip_h),
        Constraint::Min(3),
        Constraint::Length(bottom_h),
    ])
    .areas(area);
    header(frame, top, model, p, now, &mut still);
    if strip_h > 0 {
        timeline_strip::render(frame, strip, model, p, now, &mut still);
    }
    let row_hits = rows(frame, rows_area, model, p, now, &mut still);
    if model.mode == Mode::BoardSearch {
        let prompt = format!(" filter: {}▏", crate::watch::plain(&model.board.filter));
        let help = "  Enter keep · Esc clear";
        let line = Line::from(vec![Span::styled(prompt, p.key), Span::styled(help, p.dim)]);
        super::draw_lines(frame, bottom, &[line], 0);
    } else {
        statusbar::render(frame, bottom, model, p);
    }
    let above = Rect {
        height: bottom.y.saturating_sub(area.y),
        ..area
    };
    let mut report = crate::app::FrameReport {
        countdowns: true,
        ..Default::default()
    };
    report.hits.regions.push((rows_area, Region::Board));
    report.hits.rows = row_hits;
    match model.mode {
        Mode::Help => {
            report.help = Some(help::render(frame, above, model, p));
            report.hits.regions.push((above, Region::Overlay));
        }
        Mode::Briefs => {
            briefs::render(frame, above, model, p, now);
            still.every_second();
        }
        _ => {}
    }
    report.still = still.until().map(|until| (now, until));
    report
}

/// The first instant after `now` at which the clock alone changes what the
/// board shows, gathered while it is drawn: a countdown's minute (its
/// second in the last hour), a level, the header's minute, the strip's `│`.
/// Without it, every second.
pub(super) struct Still {
    now: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
    every_second: bool,
}

impl Still {
    fn new(now: DateTime<Utc>) -> Still {
        // The header's clock: its next minute.
        let secs = now.timestamp();
        Still {
            now,
            until: DateTime::from_timestamp(secs - secs.rem_euclid(60) + 60, 0),
            every_second: false,
        }
    }

    /// Something shown changes with every second.
    pub(super) fn every_second(&mut self) {
        self.every_second = true;
    }

    /// Something shown changes just after `t` (at once, when `t` is now).
    pub(super) fn at(&mut self, t: DateTime<Utc>) {
        if t >= self.now {
            self.until = Some(self.until.map_or(t, |u| u.min(t)));
        }
    }

    /// A deadline's level changes (amber, red, expired).
    pub(super) fn level(&mut self, deadline: DateTime<Utc>, t: Thresholds) {
        for before in [t.amber, t.red, chrono::Duration::zero()] {
            if let Some(at) = deadline.checked_sub_signed(before) {
                self.at(at);
            }
        }
    }

    /// A countdown to `deadline` as [`clock::board_countdown`] shows it,
    /// and its level.
    fn countdown(&mut self, deadline: DateTime<Utc>, t: Thresholds) {
        let left = clock::remaining_seconds(deadline, self.now);
        if left > 0 {
            // Its minute beyond the last hour, its second within it.
            let shown = if left >= 3600 { left - left % 60 } else { left };
            if let Some(at) = deadline.checked_sub_signed(chrono::Duration::seconds(shown)) {
                self.at(at);
            }
        }
        self.level(deadline, t);
    }

    fn until(&self) -> Option<DateTime<Utc>> {
        if self.every_second { None } else { self.until }
    }
}

fn header(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: DateTime<Utc>,
    still: &mut Still,
) {
    let w = area.width as usize;
    let open: Vec<_> = model.watches.iter().filter(|x| x.is_open()).collect();
    let indicators: usize = open.iter().map(|x| x.open_indicators().count()).sum();
    let to_ack = open.iter().filter(|x| x.has_unacked()).count();
    let closed = model.watches.len() - open.len();
    let mut words = format!(
        " board · {} watch{} · {indicators} open",
        open.len(),
        if open.len() == 1 { "" } else { "es" },
    );
    let unread = open.iter().filter(|x| x.unread().is_some()).count();
    if unread > 0 {
        words += &format!(" · {unread} to read");
    }
    if closed > 0 {
        words += &format!(" · {closed} closed");
    }
    let right = if w >= 100 {
        format!(" {} · {} ", clock::dtg(now), model.local(now))
    } else {
        format!(" {} ", clock::dtg(now))
    };
    let ack = if to_ack > 0 {
        format!(" {to_ack} to acknowledge (a) ")
    } else {
        String::new()
    };
    if let Some(share) = &model.share {
        // "seen 5s ago"
        words += &format!(" · {}", share.summary(now));
        still.every_second();
    }
    // Who holds the selected row's watch, and a handover waiting on it.
    if model.share.is_some()
        && let Some(w) = model.board_watch(now)
        && let Some(watch) = model.watches.get(w)
    {
        let shift = crate::share::shift::shift(&watch.log);
        if let Some(h) = shift.holder {
            words += &format!(" · held by {}", crate::watch::plain(&h));
        }
        if let Some(pending) = shift.pending {
            words += &format!(" · pending accept: {}", crate::watch::plain(&pending.to));
        }
    }
    let left = " WATCHDESK ";
    let room = w.saturating_sub(text::width(left) + text::width(&right) + text::width(&ack));
    let line = Line::from(vec![
        Span::styled(left, p.header),
        Span::styled(text::fit(&words, room), p.heading),
        Span::styled(ack, p.warning),
        Span::styled(right, p.header),
    ]);
    super::draw_lines(frame, area, &[line], 0);
}

/// Column widths for a row at `width`.
struct Cols {
    brief: usize,
    status: usize,
    level: usize,
    countdown: usize,
    deadline: usize,
}

impl Cols {
    fn at(width: usize) -> Cols {
        Cols {
            brief: (width / 5).clamp(12, 30),
            status: if width >= 100 { 11 } else { 0 },
            level: 8,
            countdown: 10,
            deadline: if width >= 120 { 16 } else { 0 },
        }
    }
}

fn rows(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: DateTime<Utc>,
    still: &mut Still,
) -> Vec<(Rect, RowHit)> {
    let rows = model.board_rows(now);
    let unread = model.board_unread();
    let title = if model.board.filter.trim().is_empty() {
        format!(" Open indicators, most urgent first ({}) ", rows.len())
    } else {
        format!(
            " Open indicators matching \"{}\" ({}) · Esc clears ",
            text::truncate(&crate::watch::plain(&model.board.filter), 30),
            rows.len()
        )
    };
    let focused = matches!(model.mode, Mode::Board | Mode::BoardSearch);
    let block = Block::bordered()
        .border_style(if focused { p.border_focused } else { p.border })
        .title(Span::styled(
            title,
            if focused { p.title_focused } else { p.title },
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() && unread.is_empty() {
        let words = if model.board.filter.trim().is_empty() {
            "No open indicators. w lists every watch; `watchdesk add FILE` or the inbox brings briefs in."
        } else {
            "Nothing matches the filter. Esc clears it."
        };
        let line = Line::from(Span::styled(words, p.dim));
        super::draw_lines(frame, inner, &[line], 0);
        return Vec::new();
    }
    let visible = inner.height as usize;
    let total = unread.len() + rows.len();
    let selected = model.board.selected.min(total - 1);
    let skip = super::scroll_for(selected, visible, total);
    let w = inner.width as usize;
    let c = Cols::at(w);
    let fixed = 2 + c.brief + 1 + 4 + c.status + c.level + c.countdown + c.deadline;
    let text_w = w.saturating_sub(fixed);
    let mut lines: Vec<Line> = Vec::with_capacity(visible);
    // Briefs that still need reading come first: they have no indicators
    // until the analyst reads them in the outline view.
    for (n, &wi) in unread.iter().enumerate().skip(skip).take(visible) {
        let watch = &model.watches[wi];
        let mut line = Line::from(vec![
            Span::styled("? ", p.warning),
            Span::styled(
                text::fit(&watch.short_title(c.brief), c.brief + 1),
                p.heading,
            ),
            Span::styled(
                text::fit(
                    "needs reading: Enter opens the outline",
                    w.saturating_sub(2 + c.brief + 1),
                ),
                p.warning,
            ),
        ]);
        if n == selected && focused {
            line = line.patch_style(p.selected);
        }
        lines.push(line);
    }
    let skip_rows = skip.saturating_sub(unread.len());
    let room = visible.saturating_sub(lines.len());
    for (n, row) in rows
        .iter()
        .enumerate()
        .map(|(n, r)| (n + unread.len(), r))
        .skip(skip_rows)
        .take(room)
    {
        let watch = &model.watches[row.watch];
        let i = row.indicator;
        let (mark, mark_style) = match watch.unacked_level(i) {
            Some(l) if l >= Level::Amber => ("! ", level_style(p, l)),
            _ if watch.review.arrival_unacked => ("+ ", p.info),
            _ => ("  ", Style::new()),
        };
        let level = row.level.unwrap_or(Level::Normal);
        let countdown = match row.deadline {
            Some(d) => {
                still.countdown(d, model.settings.thresholds);
                clock::board_countdown(clock::remaining_seconds(d, now))
            }
            None => "--:--:--".to_string(),
        };
        let status = watch.review.status_of(i);
        let mut ind_text = watch
            .brief
            .indicators
            .get(i)
            .map(|x| crate::watch::plain(&x.text))
            .unwrap_or_default();
        if watch.dispute(i).is_some() {
            ind_text = format!("DISPUTED {ind_text}");
        }
        let mut spans = vec![
            Span::styled(mark, mark_style),
            Span::styled(
                text::fit(&watch.short_title(c.brief), c.brief + 1),
                p.heading,
            ),
            Span::styled(text::fit(&format!("I{}", i + 1), 4), p.key),
        ];
        if c.status > 0 {
            spans.push(Span::styled(
                text::fit(status_cell(status), c.status),
                status_style(p, status),
            ));
        }
        spans.push(Span::styled(
            text::fit(level_word(level), c.level),
            level_style(p, level),
        ));
        spans.push(Span::styled(
            text::fit(&countdown, c.countdown),
            level_style(p, level),
        ));
        if c.deadline > 0 {
            let dtg = row.deadline.map(clock::dtg).unwrap_or_default();
            spans.push(Span::styled(text::fit(&dtg, c.deadline), p.dim));
        }
        spans.push(Span::raw(text::fit(&ind_text, text_w)));
        let mut line = Line::from(spans);
        if n == selected && focused {
            line = line.patch_style(p.selected);
        }
        lines.push(line);
    }
    super::draw_lines(frame, inner, &lines, 0);
    (skip..skip + lines.len())
        .zip(inner.y..inner.bottom())
        .map(|(n, y)| (Rect::new(inner.x, y, inner.width, 1), RowHit::Board(n)))
        .collect()
}
