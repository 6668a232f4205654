//! The bottom line: a notice when there is one, else the key hints; the save
//! state on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text;
use crate::app::keymap::{Action, Binding};
use crate::app::{Mode, Model, NoticeKind, keymap};
use crate::ui::styles::Palette;

/// The save state shown at the right.
fn save_state(model: &Model) -> &'static str {
    if model.read_only {
        " READ-ONLY "
    } else if model.save_error.is_some() {
        " UNSAVED · retrying "
    } else if model.has_unsaved() {
        " saving… "
    } else {
        " saved "
    }
}

/// A notice too long for the line (a report's path, a whole OS error), in
/// lines of its own above the status line: at most two.
fn long_notice(model: &Model, width: u16) -> Vec<String> {
    let Some(n) = model.notice.as_ref().filter(|_| model.mode != Mode::Search) else {
        return Vec::new();
    };
    let room = (width as usize).saturating_sub(text::width(save_state(model)) + 2);
    let shown = format!(" {}", n.text);
    if text::width(&shown) <= room {
        return Vec::new();
    }
    // Cut by columns, not words: a path has no spaces to break at.
    let per = (width as usize).saturating_sub(1).max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for c in shown.chars() {
        if text::width(&line) + text::width(c.encode_utf8(&mut [0; 4])) > per {
            lines.push(std::mem::take(&mut line));
        }
        line.push(c);
    }
    lines.push(line);
    lines.truncate(3);
    lines
}

/// The status bar's height at this width: one line, and the lines of a
/// notice too long for it.
pub fn height(model: &Model, width: u16) -> u16 {
    1 + long_notice(model, width).len() as u16
}

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette) {
    let long = long_notice(model, area.width);
    if area.height as usize > long.len() && !long.is_empty() {
        let style = match model.notice.as_ref().map(|n| n.kind) {
            Some(NoticeKind::Info) | None => p.info,
            Some(NoticeKind::Warning) => p.warning,
            Some(NoticeKind::Error) => p.error,
        };
        let lines: Vec<Line> = long
            .iter()
            .map(|l| Line::from(Span::styled(l.clone(), style)))
            .collect();
        let top = Rect {
            height: long.len() as u16,
            ..area
        };
        super::draw_lines(frame, top, &lines, 0);
        let last = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        return status_line(frame, last, model, p, false);
    }
    status_line(frame, area, model, p, true)
}

fn status_line(frame: &mut Frame, area: Rect, model: &Model, p: &Palette, notice: bool) {
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
    let mut used = 0;
    if let (Mode::Handover, Some(name)) = (model.mode, &model.handover_to) {
        let name = crate::watch::plain(name);
        let help = "  Enter sign over · Esc cancel";
        let room_for_prompt = room.saturating_sub(text::width(help));
        // The name typed always shows: the watch's title is cut to what
        // is left, or left out.
        let title_room = room_for_prompt
            .saturating_sub(text::width(&name) + 20)
            .min(30);
        let what = match model.handover_watch.and_then(|w| model.watches.get(w)) {
            Some(w) if model.screen == crate::app::Screen::Board && title_room >= 8 => {
                format!("hand over {} to", w.short_title(title_room))
            }
            _ => "hand over to".to_string(),
        };
        let prompt = format!(" {what}: {name}▏");
        spans.push(Span::styled(text::fit(&prompt, room_for_prompt), p.key));
        spans.push(Span::styled(
            text::fit(help, room.saturating_sub(room_for_prompt)),
            p.dim,
        ));
        used = room;
    } else if model.mode == Mode::Search {
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
        used = room;
    } else {
        // In a box (help, a note, the log, an assessment) its keys come
        // first; on the desk a notice takes the line from the hints.
        let notice = if notice { model.notice.as_ref() } else { None };
        // On the board a notice keeps its words: the hints give way to it,
        // down to help and quit, or altogether (as on the desk) when even
        // those leave it too little room.
        let beside = notice.map(|n| room.saturating_sub(text::width(&n.text) + 3));
        let hints = match (model.mode, beside) {
            (Mode::Normal, Some(_)) => None,
            (Mode::Board, Some(left)) if left < MIN_HINTS => None,
            (Mode::Board, Some(left)) => Some(left),
            _ => Some(room),
        };
        if let Some(hint_room) = hints {
            let (hints, w) = hint_spans(model, p, model.mode, hint_room);
            spans.extend(hints);
            used = w;
        }
        if let Some(n) = notice {
            let style = match n.kind {
                NoticeKind::Info => p.info,
                NoticeKind::Warning => p.warning,
                NoticeKind::Error => p.error,
            };
            // Two columns kept clear before the save state: a long message
            // ends in "…" and never runs into it.
            let left = room.saturating_sub(used + 2);
            if left > 3 {
                let shown = text::truncate(&format!(" {}", n.text), left);
                used += text::width(&shown);
                spans.push(Span::styled(shown, style));
            }
        }
    }
    spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    spans.push(Span::styled(right, right_style));
    super::draw_lines(frame, area, &[Line::from(spans)], 0);
}

/// The columns of the hints kept beside a notice on the board: `? help`
/// and `q quit`.
const MIN_HINTS: usize = 16;

/// Keys that change the review: a read-only desk does not offer them.
fn edits(action: Action) -> bool {
    matches!(
        action,
        Action::Toggle
            | Action::MarkObserved
            | Action::MarkNotObserved
            | Action::AddNote
            | Action::Undo
            | Action::Redo
            | Action::Handover
            | Action::Accept
    )
}

/// Which hints stay when not all fit: lower first. Help, quit, the log and
/// the export before the keys a new user finds by trying.
fn priority(action: Action) -> u8 {
    match action {
        Action::Help | Action::Quit => 0,
        Action::Timeline | Action::Export => 1,
        Action::AddNote | Action::Toggle => 2,
        Action::Search => 3,
        Action::Undo => 4,
        Action::FocusNext | Action::Outline => 5,
        Action::Down => 6,
        // The board's sign-over keys: shown when there is room.
        Action::Handover | Action::Accept => 7,
        _ => 1,
    }
}

/// The key hints of a mode, from the keymap table, as many as fit in `room`
/// columns: the spans and the columns they take. The status bar and the
/// overlays' bottom lines both show them, so neither can drift from the keys.
/// When not all fit, the least important go first; a read-only desk shows
/// no editing keys.
pub fn hint_spans(
    model: &Model,
    p: &Palette,
    mode: Mode,
    room: usize,
) -> (Vec<Span<'static>>, usize) {
    let hinted: Vec<(&Binding, String, &'static str)> = keymap::all()
        .filter(|b| b.mode == mode && !(model.read_only && edits(b.action)))
        .filter_map(|b| b.hint.map(|h| (b, b.key.label(), h)))
        .collect();
    let cost = |(_, key, word): &(&Binding, String, &str)| text::width(key) + text::width(word) + 3;
    // Keep the most important that fit...
    let mut by_rank: Vec<usize> = (0..hinted.len()).collect();
    by_rank.sort_by_key(|&i| priority(hinted[i].0.action));
    let mut keep = vec![false; hinted.len()];
    let mut used = 0;
    for i in by_rank {
        let w = cost(&hinted[i]);
        if used + w <= room {
            keep[i] = true;
            used += w;
        }
    }
    // ...shown in the keymap's order, help and quit first.
    let mut shown: Vec<usize> = (0..hinted.len()).filter(|&i| keep[i]).collect();
    shown.sort_by_key(|&i| !matches!(hinted[i].0.action, Action::Help | Action::Quit));
    let mut spans = Vec::new();
    for i in shown {
        let (_, key, word) = &hinted[i];
        spans.push(Span::styled(format!(" {key}"), p.key));
        spans.push(Span::styled(format!(" {word} "), p.dim));
    }
    (spans, used)
}
