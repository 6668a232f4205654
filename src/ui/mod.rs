//! The view: draws a [`Model`] at a given `now`. It never changes the model.
//!
//! ```text
//! ┌──────────────────────────────── header ────────────────────────────────┐
//! │ WATCHDESK  brief title                         now DTG · local time     │
//! ├─ 1 Themes ──────────┬─ reader ─────────────────────────────────────────┤
//! │ ✓ T1 …              │ the selected theme, note or indicator, wrapped    │
//! │   T2 …              │                                                   │
//! ├─ 2 Washington ──────┤                                                   │
//! │   W1 …              │                                                   │
//! ├─ 3 Indicators ───────────────────────────────────────────────────────────┤
//! │ I1 ○ watching   71:59:58  290517Z  text …  (always on screen)             │
//! ├──────────────────────────────── status bar ─────────────────────────────┤
//! │ notice, or the key hints                                    save state   │
//! └─────────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! One render function per panel, each in its own file.

pub mod activity;
pub mod assess;
pub mod header;
pub mod help;
pub mod indicators;
pub mod list;
pub mod note;
pub mod reader;
pub mod statusbar;
pub mod styles;
pub mod text;
pub mod themes;
pub mod timeline;
pub mod washington;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::{Mode, Model, Panel};

/// Below this the desk shows a "too small" message instead of its panels.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Whether a screen of this size shows the countdowns (and is not the "too
/// small" message).
pub fn countdowns_shown(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Draw the whole desk.
pub fn draw(frame: &mut Frame, model: &Model, now: DateTime<Utc>) {
    let area = frame.area();
    if !countdowns_shown(area) {
        too_small(frame, area);
        return;
    }
    let banner = model.settings.classification.as_ref();
    let [banner_area, rest] = Layout::vertical([
        Constraint::Length(u16::from(banner.is_some())),
        Constraint::Min(0),
    ])
    .areas(area);
    if let Some(text) = banner {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(text.clone(), model.palette.banner)))
                .alignment(ratatui::layout::Alignment::Center)
                .style(model.palette.banner),
            banner_area,
        );
    }
    let ind_height = indicators::height(model, rest);
    let [top, body, ind, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(6),
        Constraint::Length(ind_height),
        Constraint::Length(1),
    ])
    .areas(rest);
    header::render(frame, top, model, now);

    let nav_width = (area.width * 36 / 100).clamp(26, 60);
    let activity_width = if area.width >= activity::MIN_TERMINAL_WIDTH {
        area.width / 4
    } else {
        0
    };
    let [nav, read, recent] = Layout::horizontal([
        Constraint::Length(nav_width),
        Constraint::Min(20),
        Constraint::Length(activity_width),
    ])
    .areas(body);
    if activity_width > 0 {
        activity::render(frame, recent, model);
    }
    // Themes wrap over two lines each when the column has room for that
    // and for the Washington angle under them.
    let n_themes = model.brief.themes.len();
    let themes_cap = nav.height.saturating_sub(6).max(3) as usize;
    let wrapped = if n_themes <= themes_cap {
        let titles: Vec<&str> = model
            .brief
            .themes
            .iter()
            .map(|t| t.title.as_str())
            .collect();
        list::needed(&titles, nav.width.saturating_sub(2), 2)
    } else {
        n_themes
    };
    let rows = if wrapped + 2 <= (nav.height / 2) as usize {
        wrapped
    } else {
        n_themes
    };
    let themes_height = u16::try_from((rows + 2).min(themes_cap)).unwrap_or(u16::MAX);
    let [themes_area, wash_area] =
        Layout::vertical([Constraint::Length(themes_height), Constraint::Min(3)]).areas(nav);
    themes::render(frame, themes_area, model);
    washington::render(frame, wash_area, model);
    reader::render(frame, read, model, now);
    indicators::render(frame, ind, model, now);
    statusbar::render(frame, bottom, model);

    // Overlays cover the panels above the indicators, never the countdowns.
    let above = Rect {
        height: ind.y.saturating_sub(area.y),
        ..area
    };
    match model.mode {
        Mode::Help => help::render(frame, above, model),
        Mode::Note => note::render(frame, above, model),
        Mode::Timeline => timeline::render(frame, above, model),
        Mode::Assess => assess::render(frame, above, model, now),
        Mode::Normal | Mode::Search => {}
    }
}

/// A rect of at most `w` x `h`, centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1.min(area.width));
    let h = h.min(area.height.saturating_sub(2)).max(1.min(area.height));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let msg = vec![
        Line::from("watchdesk: terminal too small"),
        Line::from(format!(
            "{}x{} here, {MIN_WIDTH}x{MIN_HEIGHT} needed",
            area.width, area.height
        )),
        Line::from("enlarge the pane, or q to quit"),
    ];
    let y = area.height.saturating_sub(msg.len() as u16) / 2;
    let rect = Rect {
        y: area.y + y,
        height: area.height.saturating_sub(y),
        ..area
    };
    frame.render_widget(
        Paragraph::new(msg).alignment(ratatui::layout::Alignment::Center),
        rect,
    );
}

/// A bordered panel block, with the focused look when it has focus.
fn panel_block<'a>(model: &Model, panel: Option<Panel>, title: Vec<Span<'a>>) -> Block<'a> {
    let p = &model.palette;
    let focused = panel.is_some_and(|x| x == model.focus) && model.mode == Mode::Normal;
    let (border, title_style) = if focused {
        (p.border_focused, p.title_focused)
    } else {
        (p.border, p.title)
    };
    let mut spans = vec![Span::raw(" ")];
    spans.extend(title.into_iter().map(|s| {
        if s.style == Style::default() {
            s.style(title_style)
        } else {
            s
        }
    }));
    spans.push(Span::raw(" "));
    Block::bordered()
        .border_style(border)
        .border_type(if focused {
            ratatui::widgets::BorderType::Thick
        } else {
            ratatui::widgets::BorderType::Plain
        })
        .title(Line::from(spans))
}

/// The first row to show so that `selected` stays in a window of `visible`
/// rows. The window moves a page at a time: moving the selection inside it
/// changes two rows on screen, not every row (less to draw and to send).
fn scroll_for(selected: usize, visible: usize, len: usize) -> usize {
    if visible == 0 || len <= visible {
        return 0;
    }
    (selected / visible * visible).min(len - visible)
}

/// Draw `lines` one per row from `skip` on, cut at the area's width: what
/// `Paragraph` does without wrap, minus its reflow machinery and the pass
/// that styles every cell of the area.
pub(crate) fn draw_lines(frame: &mut Frame, area: Rect, lines: &[Line], skip: usize) {
    let buf = frame.buffer_mut();
    for (row, line) in lines
        .iter()
        .skip(skip)
        .take(area.height as usize)
        .enumerate()
    {
        buf.set_line(area.x, area.y + row as u16, line, area.width);
    }
}
