//! The row list shared by the themes and Washington panels: a mark, a label,
//! the text (wrapped over several lines when the panel has room) and a note
//! count.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::marks::Hidden;
use super::{panel, scroll_for, text};
use crate::app::{Model, Panel};
use crate::review::ItemRef;
use crate::ui::styles::Palette;

/// One row to draw; its label is the item's (`T3`, `W2`).
pub struct Row<'a> {
    pub item: ItemRef,
    pub text: &'a str,
}

/// The lines `rows` need at `width` columns, at most `max` each.
pub fn needed(texts: &[&str], width: u16, max: usize) -> usize {
    let room = (width as usize).saturating_sub(2 + 4 + 3).max(1);
    texts
        .iter()
        .map(|t| text::wrap_first(t, room, max).len())
        .sum()
}

/// A list panel (themes, Washington angle): its border and title with the
/// reviewed count, `empty` when there are no rows, else the rows, each over
/// at most `max_lines` lines.
pub fn render_panel(
    frame: &mut Frame,
    area: Rect,
    (model, p): (&Model, &Palette),
    (which, heading): (Panel, &str),
    rows: &[Row],
    empty: &str,
    max_lines: usize,
) {
    let reviewed = rows
        .iter()
        .filter(|r| model.watch().review.is_reviewed(r.item))
        .count();
    let title = vec![
        Span::raw(heading),
        Span::styled(format!(" {reviewed}/{} reviewed", rows.len()), p.dim),
    ];
    let inner = panel(frame, area, model, p, Some(which), title);
    if rows.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled(empty, p.dim)), inner);
        return;
    }
    let (first, end) = render(
        frame,
        inner,
        (model, p),
        rows,
        model.selected_in(which),
        model.focus == which,
        max_lines,
    );
    super::marks::draw(
        frame.buffer_mut(),
        area,
        Hidden::count(first),
        Hidden::count(rows.len().saturating_sub(end)),
        p.dim,
    );
}

/// Lines each row may take in `height` rows: as many as fit, up to `max`.
pub fn lines_each(rows: usize, height: usize, max: usize) -> usize {
    if rows == 0 {
        return 1;
    }
    (height / rows).clamp(1, max)
}

/// Draw the rows that fit; gives back the first row drawn and the row after
/// the last one begun.
pub fn render(
    frame: &mut Frame,
    inner: Rect,
    (model, p): (&Model, &Palette),
    rows: &[Row],
    selected: usize,
    focused: bool,
    max_lines: usize,
) -> (usize, usize) {
    let visible = inner.height as usize;
    let width = inner.width as usize;
    let noted = |row: &Row| {
        super::marks::noted(
            model.watch().review.notes_count(row.item),
            model.draft_on(row.item).is_some(),
        )
        .map(|m| format!(" {m}"))
        .unwrap_or_default()
    };
    let indent = |row: &Row| 2 + label_width(row.item) + 1;
    let room = |row: &Row| width.saturating_sub(indent(row) + text::width(&noted(row)));
    // Each row wraps over as many lines as it needs (up to `max_lines`) when
    // they all fit; otherwise every row gets the same share.
    let full: Option<Vec<Vec<String>>> = (rows.len() <= visible).then(|| {
        rows.iter()
            .map(|r| text::wrap_first(r.text, room(r).max(1), max_lines + 1))
            .collect()
    });
    let fits = full
        .as_ref()
        .is_some_and(|w| w.iter().map(|l| l.len().min(max_lines)).sum::<usize>() <= visible);
    let per = if fits {
        max_lines
    } else {
        lines_each(rows.len(), visible, max_lines)
    };
    // When every row fits, the list starts at its top whatever is selected
    // (a page of `visible / per` rows would otherwise scroll a list that
    // needs no scrolling, after a resize say).
    let first = if fits {
        0
    } else {
        scroll_for(selected, (visible / per).max(1), rows.len())
    };
    let mut end = first;
    let mut lines: Vec<Line> = Vec::with_capacity(visible);
    for (i, row) in rows.iter().enumerate().skip(first) {
        if lines.len() >= visible {
            break;
        }
        end = i + 1;
        let done = model.watch().review.is_reviewed(row.item);
        let noted = noted(row);
        let (indent, room) = (indent(row), room(row));
        let mut parts = match (&full, per) {
            (_, 1) => vec![text::truncate(row.text, room)],
            (Some(w), _) => w[i].clone(),
            (None, _) => text::wrap_first(row.text, room.max(1), per + 1),
        };
        if parts.len() > per {
            parts.truncate(per);
            let last = format!("{}…", parts[per - 1]);
            parts[per - 1] = text::truncate(&last, room);
        }
        let style = if i == selected && focused {
            p.selected
        } else {
            ratatui::style::Style::new()
        };
        for (k, part) in parts.into_iter().enumerate() {
            if lines.len() >= visible {
                break;
            }
            let line = if k == 0 {
                Line::from(vec![
                    Span::styled(
                        if done { "✓ " } else { "· " },
                        if done { p.reviewed } else { p.dim },
                    ),
                    Span::styled(format!("{} ", row.item), p.dim),
                    Span::raw(text::fit(&part, room)),
                    Span::styled(noted.clone(), p.info),
                ])
            } else {
                Line::from(vec![
                    Span::raw(" ".repeat(indent)),
                    Span::raw(text::fit(&part, room + text::width(&noted))),
                ])
            };
            lines.push(line.style(style));
        }
    }
    let query = super::highlight::active_query(model);
    let lines = super::highlight::mark(lines, query.as_deref(), p.matched);
    super::draw_lines(frame, inner, &lines, 0);
    (first, end)
}

/// The width of an item's label (`T12` is three columns), without
/// formatting it.
fn label_width(item: ItemRef) -> usize {
    match item {
        ItemRef::Washington => 1,
        ItemRef::Theme(i) | ItemRef::WashingtonNote(i) | ItemRef::Indicator(i) => {
            1 + (i + 1).ilog10() as usize + 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_width_counts_the_digits() {
        for item in [
            ItemRef::Washington,
            ItemRef::Theme(0),
            ItemRef::Theme(8),
            ItemRef::Theme(9),
            ItemRef::WashingtonNote(98),
            ItemRef::Indicator(99),
            ItemRef::Indicator(12_345),
        ] {
            assert_eq!(label_width(item), item.to_string().len(), "{item}");
        }
    }
}
