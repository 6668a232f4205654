//! The outline view: the brief's text, line by line, each marked in a
//! gutter with what it was read as; beside it (or under it, on a narrow
//! terminal) the reading those marks give.
//!
//! ```text
//!  WATCHDESK  Outline · title                                   now DTG
//! ┌ Outline  brief.txt ───────────────────────────┐┌ Reading ──────────┐
//! │  12 OUTLOOK ▸ │ What we are watching           ││ reads: 2 themes   │
//! │  13 outlook   │ Over the coming days ...       ││ window 72 hours   │
//! │  15 indicator │ - Ceasefire talks resume ...   ││ I1 Ceasefire ...  │
//! └───────────────────────────────────────────────┘└───────────────────┘
//!  prompt, notice or key hints                                     saved
//! ```

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::styles::Palette;
use super::{draw_lines, draw_panel, scroll_for, text};
use crate::app::outline::{Asking, OutlineView};
use crate::app::{Mode, Model};
use crate::brief::outline::Role;
use crate::brief::summary::window_text;
use crate::clock;

/// Width of the gutter's word.
const WORD: usize = 10;
/// Below this width the reading goes under the text, not beside it.
const SIDE_BY_SIDE: u16 = 100;

/// The gutter's word for a role on the first line of its block, and its
/// style.
pub fn role_word(role: Option<Role>, p: &Palette) -> (&'static str, Style) {
    match role {
        None => ("", Style::new()),
        Some(Role::Title) => ("TITLE", p.heading.add_modifier(Modifier::UNDERLINED)),
        Some(Role::ThemeHeading) => ("THEME ▸", p.title_focused),
        Some(Role::Text) => ("text", Style::new()),
        Some(Role::WashingtonHeading) => ("WASH. ▸", p.not_observed),
        Some(Role::Washington) => ("Washington", p.not_observed.remove_modifier(Modifier::BOLD)),
        Some(Role::OutlookHeading) => ("OUTLOOK ▸", p.amber),
        Some(Role::Outlook) => ("outlook", p.amber.remove_modifier(Modifier::BOLD)),
        Some(Role::Indicator) => ("indicator", p.observed),
        Some(Role::PassedOver) => ("passed", p.dim),
        Some(Role::Markup) => ("layout", p.dim),
    }
}

/// Text from a brief as it may be drawn: through the output gate (control
/// characters shown as their pictures, tabs as spaces).
fn printable(s: &str) -> String {
    crate::safe::one_line(s).into_owned()
}

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette, now: DateTime<Utc>) {
    let Some(view) = model.outline.as_ref() else {
        return;
    };
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(1),
    ])
    .areas(area);
    header(frame, top, model, p, now);
    let (text_area, side) = if area.width >= SIDE_BY_SIDE {
        let side_w = (area.width * 40 / 100).clamp(40, 64);
        let [a, b] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(side_w)]).areas(body);
        (a, b)
    } else {
        let side_h = 8.min(body.height / 2);
        let [a, b] = Layout::vertical([Constraint::Min(3), Constraint::Length(side_h)]).areas(body);
        (a, b)
    };
    text_panel(frame, text_area, model, view, p);
    reading_panel(frame, side, model, view, p);
    bottom_line(frame, bottom, model, view, p);
}

fn header(frame: &mut Frame, area: Rect, model: &Model, p: &Palette, now: DateTime<Utc>) {
    let right = format!(" {} ", clock::dtg(now));
    let left = " WATCHDESK ";
    let room = (area.width as usize).saturating_sub(text::width(left) + text::width(&right));
    let title = text::fit(
        &format!(" Outline · {}", printable(&model.watch().brief.title)),
        room,
    );
    let line = Line::from(vec![
        Span::styled(left, p.header),
        Span::styled(title, p.heading),
        Span::styled(right, p.header),
    ]);
    draw_lines(frame, area, &[line], 0);
}

fn text_panel(frame: &mut Frame, area: Rect, model: &Model, view: &OutlineView, p: &Palette) {
    let source = printable(&model.watch().source.to_string());
    let title = Line::from(vec![
        Span::styled(" Outline ", p.title_focused),
        Span::styled(format!("{source} "), p.dim),
    ]);
    let inner = draw_panel(
        frame.buffer_mut(),
        area,
        p.border_focused,
        ratatui::symbols::border::PLAIN,
        &title,
    );
    let n = view.lines.len();
    let visible = inner.height as usize;
    let first = scroll_for(view.cursor, visible, n);
    let num_w = n.max(1).to_string().len();
    let text_w = (inner.width as usize).saturating_sub(num_w + 2 + WORD + 2);
    let (sel_a, sel_b) = view.selection();
    let mut lines = Vec::with_capacity(visible);
    for i in first..(first + visible).min(n) {
        let line_no = i + 1;
        let role = view.outline.role_of(line_no);
        let starts = role.is_some()
            && (i == 0
                || view.outline.role_of(line_no - 1) != role
                || view.outline.blocks.iter().any(|b| b.first_line == line_no));
        let (word, style) = role_word(role, p);
        let body = printable(&view.lines[i]);
        let item = match (role, &view.reading) {
            (Some(Role::Indicator), Ok(b)) => indicator_on(&b.indicators, &body),
            _ => None,
        };
        let word = match (role, starts, item) {
            (None, _, _) => String::new(),
            (_, _, Some(k)) => format!("I{} ▸", k + 1),
            (Some(_), true, None) => word.to_string(),
            (Some(_), false, None) => "┆".to_string(),
        };
        let cursor = if i == view.cursor { "▶" } else { " " };
        let pending = if view.is_pending(i) { "*" } else { " " };
        let text_style = match role {
            Some(Role::PassedOver | Role::Markup) => p.dim,
            Some(
                Role::ThemeHeading | Role::WashingtonHeading | Role::OutlookHeading | Role::Title,
            ) => p.heading,
            _ => Style::new(),
        };
        let mut line = Line::from(vec![
            Span::styled(format!("{line_no:>num_w$}"), p.dim),
            Span::styled(cursor, p.key),
            Span::styled(pending, p.key),
            Span::styled(text::fit(&word, WORD), style),
            Span::styled("│ ", style),
            Span::styled(text::truncate(&body, text_w), text_style),
        ]);
        if (sel_a..=sel_b).contains(&i) {
            line = line.style(p.selected);
        }
        lines.push(line);
    }
    draw_lines(frame, inner, &lines, 0);
}

/// The indicator a line of the text starts, if any: the first whose text
/// begins with the line's words (less a list marker).
fn indicator_on(indicators: &[crate::brief::Indicator], line: &str) -> Option<usize> {
    let words: Vec<&str> = line.split_whitespace().collect();
    indicators.iter().position(|ind| {
        let first: Vec<&str> = ind.text.split_whitespace().take(4).collect();
        !first.is_empty()
            && (0..=2.min(words.len()))
                .any(|skip| words.iter().skip(skip).take(first.len()).eq(first.iter()))
    })
}

fn reading_panel(frame: &mut Frame, area: Rect, model: &Model, view: &OutlineView, p: &Palette) {
    let ok = view.reading.is_ok();
    let n = view.pending.len();
    let title = Line::from(vec![
        Span::styled(" Reading ", p.title_focused),
        if ok {
            Span::styled("✓ reads ", p.observed)
        } else {
            Span::styled("✕ refused ", p.red)
        },
        Span::styled(
            match n {
                0 => String::new(),
                n => format!("· {n} to accept "),
            },
            p.info,
        ),
    ]);
    let inner = draw_panel(
        frame.buffer_mut(),
        area,
        p.border,
        ratatui::symbols::border::PLAIN,
        &title,
    );
    let w = inner.width as usize;
    let mut out: Vec<Line> = Vec::new();
    let field = |out: &mut Vec<Line>, k: &str, v: String, style: Style| {
        let head = format!("{k:<11}");
        for (n, part) in text::wrap(&v, w.saturating_sub(11).max(8))
            .into_iter()
            .enumerate()
        {
            let key = if n == 0 { head.clone() } else { " ".repeat(11) };
            out.push(Line::from(vec![
                Span::styled(key, p.dim),
                Span::styled(part, style),
            ]));
        }
    };
    match &view.reading {
        Ok(b) => {
            field(&mut out, "Themes", b.themes.len().to_string(), Style::new());
            let wash = b.washington.as_ref().map_or("none".to_string(), |s| {
                format!(
                    "{} note{}",
                    s.paragraphs.len(),
                    if s.paragraphs.len() == 1 { "" } else { "s" }
                )
            });
            field(&mut out, "Washington", wash, Style::new());
            let window_style = if b.window_assumed {
                p.warning
            } else {
                Style::new()
            };
            let window = if b.window_assumed {
                format!("{} (assumed: W sets it)", b.window)
            } else {
                window_text(&b.window, false)
            };
            field(&mut out, "Window", window, window_style);
            field(
                &mut out,
                "Indicators",
                b.indicators.len().to_string(),
                if b.indicators.is_empty() {
                    p.warning
                } else {
                    Style::new()
                },
            );
            for (i, ind) in b.indicators.iter().enumerate() {
                let label = format!(" I{:<3}", i + 1);
                let mut s = printable(&ind.text);
                if let Some(d) = ind.deadline {
                    s = format!("[{d}] {s}");
                }
                out.push(Line::from(vec![
                    Span::styled(text::fit(&label, 5), p.heading),
                    Span::raw(text::truncate(&s, w.saturating_sub(5))),
                ]));
            }
        }
        Err(e) => {
            for (k, said) in e.to_string().lines().enumerate() {
                let style = if k == 0 { p.red } else { p.dim };
                for part in text::wrap(&printable(said.trim()), w.max(8)) {
                    out.push(Line::from(Span::styled(part, style)));
                }
            }
        }
    }
    // The line under the cursor in full (the text column cuts long ones),
    // where there is room.
    let line = view.cursor + 1;
    if let Some(full) = view.lines.get(view.cursor).filter(|l| !l.trim().is_empty())
        && area.height > 12
    {
        out.push(Line::default());
        field(
            &mut out,
            &format!("Line {line}"),
            printable(full.trim()),
            Style::new(),
        );
    }
    // What it was passed over for.
    if let Some(po) = view
        .outline
        .passed_over
        .iter()
        .find(|po| po.first_line <= line && line <= po.last_line)
    {
        out.push(Line::default());
        field(
            &mut out,
            &format!("Line {line}"),
            format!("passed over: {}", po.reason.describe()),
            p.dim,
        );
    }
    out.push(Line::default());
    let said = match (n, ok) {
        (0, _) if model.watch().unread().is_some() => {
            "mark the Outlook (o) and indicators (i), W sets the window".to_string()
        }
        (0, _) => "no corrections yet".to_string(),
        (n, true) => format!(
            "{n} correction{} · Enter accepts, Esc drops",
            if n == 1 { "" } else { "s" }
        ),
        (n, false) => format!(
            "{n} correction{} · still refused",
            if n == 1 { "" } else { "s" }
        ),
    };
    for part in text::wrap(&said, w.max(8)) {
        out.push(Line::from(Span::styled(part, p.info)));
    }
    draw_lines(frame, inner, &out, 0);
}

fn bottom_line(frame: &mut Frame, area: Rect, model: &Model, view: &OutlineView, p: &Palette) {
    let room = area.width as usize;
    let line = match (&view.prompt, model.mode) {
        (Some(prompt), Mode::OutlineInput) => {
            let ask = match prompt.asking {
                Asking::Window => " Window (72h, 3 days, by Friday): ",
                Asking::Deadline => " Deadline (2 24h, 3 by Friday, 2 none): ",
            };
            let mut spans = vec![
                Span::styled(ask, p.key),
                Span::raw(format!("{}▏", printable(&prompt.text))),
            ];
            if let Some(e) = &prompt.error {
                spans.push(Span::styled(format!("  {}", printable(e)), p.warning));
            }
            Line::from(spans)
        }
        _ => match &model.notice {
            Some(n) => {
                let style = match n.kind {
                    crate::app::NoticeKind::Info => p.info,
                    _ => p.warning,
                };
                Line::from(Span::styled(
                    text::fit(&format!(" {}", printable(&n.text)), room),
                    style,
                ))
            }
            None => Line::from(super::statusbar::hint_spans(model, p, Mode::Outline, room).0),
        },
    };
    draw_lines(frame, area, &[line], 0);
}
