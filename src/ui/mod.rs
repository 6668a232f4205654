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
pub mod board;
pub mod briefs;
pub mod close_dialog;
pub mod header;
pub mod help;
pub mod highlight;
pub mod indicators;
pub mod list;
pub mod marks;
pub mod note;
pub mod outline;
pub mod reader;
pub mod statusbar;
pub mod styles;
pub mod text;
pub mod themes;
pub mod timeline;
pub mod timeline_strip;
pub mod washington;

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::app::mouse::{Hits, Region};
use crate::app::{FrameReport, Mode, Model, Panel};
use crate::ui::styles::Palette;

/// Below this the desk shows a "too small" message instead of its panels.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// An overlay narrower than this would take the whole body, not just the
/// reader's place.
const OVERLAY_MIN_WIDTH: u16 = 60;

/// Whether a screen of this size shows the countdowns (and is not the "too
/// small" message).
pub fn countdowns_shown(area: Rect) -> bool {
    area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT
}

/// Draw the whole desk.
pub fn draw(frame: &mut Frame, model: &Model, p: &Palette, now: DateTime<Utc>) {
    draw_desk(frame, model, p, now);
}

/// Draw the whole desk, and report what the frame found out (the sizes of
/// what scrolls), for the model to clamp its scrolls to.
pub fn draw_desk(frame: &mut Frame, model: &Model, p: &Palette, now: DateTime<Utc>) -> FrameReport {
    let area = frame.area();
    if !countdowns_shown(area) {
        too_small(frame, area);
        return FrameReport::default();
    }
    if model.screen == crate::app::Screen::Board {
        return board::render(frame, area, model, p, now);
    }
    if model.outline.is_some()
        && matches!(model.mode, Mode::Outline | Mode::OutlineInput | Mode::Help)
    {
        outline::render(frame, area, model, p, now);
        let mut report = FrameReport::default();
        if model.mode == Mode::Help {
            // The help takes the place of both panels, between the header
            // and the bottom line.
            let body = Rect {
                y: area.y.saturating_add(1),
                height: area.height.saturating_sub(2),
                ..area
            };
            report.help = Some(help::render(frame, body, model, p));
        }
        return report;
    }
    let banner = model.settings.classification.as_ref();
    let [banner_area, rest] = Layout::vertical([
        Constraint::Length(u16::from(banner.is_some())),
        Constraint::Min(0),
    ])
    .areas(area);
    if let Some(text) = banner {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                crate::safe::one_line(text).into_owned(),
                p.banner,
            )))
            .alignment(ratatui::layout::Alignment::Center)
            .style(p.banner),
            banner_area,
        );
    }
    let ind_height = indicators::height(model, rest, now);
    let [top, body, ind, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(6),
        Constraint::Length(ind_height),
        Constraint::Length(statusbar::height(model, area.width)),
    ])
    .areas(rest);
    header::render(frame, top, model, p, now);

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
        activity::render(frame, recent, model, p);
    }
    // Themes wrap over two lines each when the column has room for that
    // and for the Washington angle under them.
    let n_themes = model.watch().brief.themes.len();
    let themes_cap = nav.height.saturating_sub(6).max(3) as usize;
    let wrapped = if n_themes <= themes_cap {
        let titles: Vec<&str> = model
            .watch()
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
    let mut hits = Hits::default();
    hits.rows
        .extend(themes::render(frame, themes_area, model, p));
    hits.rows
        .extend(washington::render(frame, wash_area, model, p));
    hits.regions.extend([
        (themes_area, Region::Panel(Panel::Themes)),
        (wash_area, Region::Panel(Panel::Washington)),
        (read, Region::Reader),
        (ind, Region::Panel(Panel::Indicators)),
    ]);
    let shown = reader::render(frame, read, model, p, now);
    let mut report = FrameReport {
        countdowns: true,
        reader: Some((shown.viewport, shown.length)),
        reader_revealed: shown.revealed,
        ..FrameReport::default()
    };
    hits.rows
        .extend(indicators::render(frame, ind, model, p, now));
    statusbar::render(frame, bottom, model, p);

    // Overlays take the place of whole panels, never the countdowns, so no
    // panel border is cut mid-line: the reader (and the recent changes) when
    // that is wide enough, the whole body between the header and the
    // indicators when it is not.
    let beside = Rect {
        x: read.x,
        width: body.right().saturating_sub(read.x),
        ..body
    };
    let region = if beside.width >= OVERLAY_MIN_WIDTH {
        beside
    } else {
        body
    };
    if matches!(model.mode, Mode::Help | Mode::Timeline) {
        hits.regions.push((region, Region::Overlay));
    }
    report.hits = hits;
    match model.mode {
        Mode::Help => report.help = Some(help::render(frame, region, model, p)),
        Mode::Note => note::render(frame, region, model, p),
        Mode::Timeline => report.timeline = Some(timeline::render(frame, region, model, p, now)),
        Mode::Assess => assess::render(frame, region, model, p, now),
        Mode::Briefs => briefs::render(frame, region, model, p, now),
        Mode::Closing => close_dialog::render(frame, region, model, p),
        Mode::Normal
        | Mode::Search
        | Mode::Board
        | Mode::BoardSearch
        | Mode::Handover
        | Mode::Outline
        | Mode::OutlineInput => {}
    }
    report
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

/// Draw a bordered panel, with the focused look when it has focus, and give
/// back the area inside the border. It draws what `Block::bordered()` with
/// a left-aligned title draws, writing the border cells directly instead of
/// first styling every cell of the area.
fn panel(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    panel: Option<Panel>,
    title: Vec<Span<'_>>,
) -> Rect {
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
    let set = if focused {
        ratatui::symbols::border::THICK
    } else {
        ratatui::symbols::border::PLAIN
    };
    draw_panel(frame.buffer_mut(), area, border, set, &Line::from(spans))
}

/// Draw a border in `set` and `style` round `area`, with `title` on its top
/// edge, and give back the area inside. It draws what `Block::bordered()`
/// with a left-aligned title draws, writing the border cells directly
/// instead of first styling every cell of the area.
pub(crate) fn draw_panel(
    buf: &mut Buffer,
    area: Rect,
    style: Style,
    set: ratatui::symbols::border::Set,
    title: &Line,
) -> Rect {
    let title = &*gated(title);
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        let block = Block::bordered()
            .border_style(style)
            .border_set(set)
            .title(title.clone());
        let inner = block.inner(area);
        ratatui::widgets::Widget::render(block, area, buf);
        return inner;
    }
    let (left, right) = (area.left(), area.right() - 1);
    let (top, bottom) = (area.top(), area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| {
        buf[(x, y)].set_symbol(symbol).set_style(style);
    };
    for x in left + 1..right {
        put(x, top, set.horizontal_top);
        put(x, bottom, set.horizontal_bottom);
    }
    for y in top + 1..bottom {
        put(left, y, set.vertical_left);
        put(right, y, set.vertical_right);
    }
    put(left, top, set.top_left);
    put(right, top, set.top_right);
    put(left, bottom, set.bottom_left);
    put(right, bottom, set.bottom_right);
    // The title as a bordered block draws it: ratatui's own line, over as
    // many columns as it measures (a few dozen cells, once a frame).
    let room = area.width - 2;
    let title_area = Rect::new(
        left + 1,
        top,
        title.width().min(usize::from(room)) as u16,
        1,
    );
    ratatui::widgets::Widget::render(title, title_area, buf);
    Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width - 2,
        height: area.height - 2,
    }
}

/// A line with every span through [`crate::safe::one_line`], for what
/// ratatui draws itself (a panel's title); borrowed when already clean.
fn gated<'a>(l: &'a Line<'a>) -> std::borrow::Cow<'a, Line<'a>> {
    use std::borrow::Cow;
    if l.spans
        .iter()
        .all(|sp| matches!(crate::safe::one_line(&sp.content), Cow::Borrowed(_)))
    {
        return Cow::Borrowed(l);
    }
    let mut out = l.clone();
    for sp in &mut out.spans {
        sp.content = crate::safe::one_line(&sp.content).into_owned().into();
    }
    Cow::Owned(out)
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
        draw_line(buf, area.x, area.y + row as u16, line, area.width);
    }
}

/// Draw one line at (`x`, `y`), at most `max` columns: what
/// `Buffer::set_line` draws.
pub(crate) fn draw_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, max: u16) -> u16 {
    let mut x = x;
    let mut left = max;
    for span in line {
        if left == 0 {
            break;
        }
        let end = put_str(buf, x, y, &span.content, left, line.style.patch(span.style));
        left = left.saturating_sub(end.saturating_sub(x));
        x = end;
    }
    x
}

/// Write `s` from (`x`, `y`) in `style`, at most `max` columns, and give
/// back the column after it: what `Buffer::set_stringn` writes. Most of what
/// the desk draws is ASCII, where a printable byte followed by another ASCII
/// byte is a cell of its own; those are written without segmenting
/// graphemes, and only the rest goes through the grapheme rules.
pub(crate) fn put_str(buf: &mut Buffer, x: u16, y: u16, s: &str, max: u16, style: Style) -> u16 {
    use ratatui::buffer::CellWidth;
    use unicode_segmentation::UnicodeSegmentation;

    // Outside text reaches a cell only through the crate's one gate:
    // controls shown as pictures, bidi and zero-width characters gone (a
    // zero-width character left in a cell is a stray cell in tmux).
    let s = &*crate::safe::one_line(s);
    let area = buf.area;
    if y < area.top() || y >= area.bottom() || x < area.left() {
        return buf.set_stringn(x, y, s, max as usize, style).0;
    }
    let row = buf.index_of(area.left(), y);
    let (mut x, mut room, mut rest) = (x, area.right().saturating_sub(x).min(max), s);
    while room > 0 && !rest.is_empty() {
        let bytes = rest.as_bytes();
        let at = row + usize::from(x - area.left());
        if bytes[0].is_ascii() && bytes.get(1).is_none_or(u8::is_ascii) {
            // (CR LF is one grapheme, but a control: dropped either way.)
            rest = &rest[1..];
            if !bytes[0].is_ascii_control() {
                buf.content[at]
                    .set_char(char::from(bytes[0]))
                    .set_style(style);
                x += 1;
                room -= 1;
            }
            continue;
        }
        // A line-drawing character or a shape (the board's strip, the
        // marks) before ASCII or another of them is a cell of its own too.
        let mut chars = rest.chars();
        if let Some(c) = chars.next()
            && one_cell(c)
            && chars.next().is_none_or(|n| n.is_ascii() || one_cell(n))
        {
            rest = &rest[c.len_utf8()..];
            buf.content[at].set_char(c).set_style(style);
            x += 1;
            room -= 1;
            continue;
        }
        let g = rest.graphemes(true).next().unwrap_or(rest);
        rest = &rest[g.len()..];
        if g.contains(char::is_control) {
            continue;
        }
        let w = g.cell_width();
        if w == 0 {
            continue;
        }
        if w > room {
            break;
        }
        buf.content[at].set_symbol(g).set_style(style);
        for cell in &mut buf.content[at + 1..at + usize::from(w)] {
            cell.reset();
        }
        x += w;
        room -= w;
    }
    x
}

/// Box drawing, block elements and the geometric shapes that are never
/// emoji: one column each, and a grapheme of their own unless a combining
/// mark or a joiner follows (see [`put_str`]).
fn one_cell(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{25FF}')
        && !matches!(
            c,
            '\u{25AA}' | '\u{25AB}' | '\u{25B6}' | '\u{25C0}' | '\u{25FB}'..='\u{25FE}'
        )
}

#[cfg(test)]
mod tests;
