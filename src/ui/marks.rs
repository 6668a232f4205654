//! Scroll marks: what a panel or overlay cannot show is said on its border,
//! `▲ 2 more` on the top edge and `▼ 5 more` on the bottom edge, at the
//! right. A mark is only written over plain border cells, so it never hides
//! a title or a key line drawn on the same edge.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// How much is cut off on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// Nothing: no mark.
    None,
    /// This many rows (or items).
    Count(usize),
    /// Some, of a length the view did not measure.
    Some,
}

impl Hidden {
    pub fn count(n: usize) -> Hidden {
        if n == 0 {
            Hidden::None
        } else {
            Hidden::Count(n)
        }
    }

    fn short(self, arrow: &str) -> String {
        match self {
            Hidden::Count(n) => format!("{arrow}{n}"),
            Hidden::None | Hidden::Some => arrow.to_string(),
        }
    }

    fn words(self, arrow: &str) -> Option<String> {
        match self {
            Hidden::None => None,
            Hidden::Count(n) => Some(format!(" {arrow} {n} more ")),
            Hidden::Some => Some(format!(" {arrow} more ")),
        }
    }
}

/// The mark of an item's notes: `✎2` for two notes, `✎2…` with an
/// unsaved draft too, `✎…` for a draft alone; `None` for neither.
pub fn noted(notes: usize, draft: bool) -> Option<String> {
    let tail = if draft { "…" } else { "" };
    match notes {
        0 if !draft => None,
        0 => Some(format!("✎{tail}")),
        n => Some(format!("✎{n}{tail}")),
    }
}

/// Write the marks on the top and bottom edges of the bordered `area`.
pub fn draw(buf: &mut Buffer, area: Rect, above: Hidden, below: Hidden, style: Style) {
    let area = area.intersection(buf.area);
    if area.height < 2 {
        return;
    }
    let mut pending = String::new();
    for (hidden, arrow, y) in [(above, "▲", area.top()), (below, "▼", area.bottom() - 1)] {
        let Some(words) = hidden.words(arrow) else {
            continue;
        };
        // A top mark with no room beside the title joins the bottom one.
        let words = if pending.is_empty() {
            words
        } else {
            format!(" {}{words}", std::mem::take(&mut pending))
        };
        // On a narrow edge, beside a long title, the short form: `▲6`.
        let placed = put(buf, area, y, &words, (1, 1), style)
            || put(buf, area, y, &hidden.short(arrow), (0, 0), style);
        if !placed && arrow == "▲" {
            pending = hidden.short(arrow);
        }
    }
    if !pending.is_empty() {
        let words = format!(" {pending} ");
        put(buf, area, area.bottom() - 1, &words, (1, 1), style);
    }
}

/// `words` right-aligned on row `y` of `area`'s border, `gap` cells in from
/// the corner, if those cells and `lead` cells before them are all border;
/// whether it was written.
fn put(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    words: &str,
    (lead, gap): (u16, u16),
    style: Style,
) -> bool {
    let w = super::text::width(words) as u16;
    if area.width < w + lead + gap + 2 {
        return false;
    }
    let x = area.right() - 1 - gap - w;
    let plain = (x - lead..x + w).all(|cx| matches!(buf[(cx, y)].symbol(), "─" | "━"));
    if plain {
        super::put_str(buf, x, y, words, w, style);
    }
    plain
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::{Block, Widget};

    fn bordered(title: &str, w: u16) -> Buffer {
        let area = Rect::new(0, 0, w, 4);
        let mut buf = Buffer::empty(area);
        Block::bordered().title(title).render(area, &mut buf);
        buf
    }

    fn row(buf: &Buffer, y: u16) -> String {
        (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }

    #[test]
    fn marks_go_on_the_border_at_the_right() {
        let mut buf = bordered("T", 30);
        let area = buf.area;
        draw(&mut buf, area, Hidden::count(2), Hidden::Some, Style::new());
        assert_eq!(row(&buf, 0), "┌T──────────────── ▲ 2 more ─┐");
        assert_eq!(row(&buf, 3), "└─────────────────── ▼ more ─┘");
    }

    #[test]
    fn beside_a_long_title_the_mark_is_short() {
        let mut buf = bordered(" a title, 24 characters ", 28);
        let area = buf.area;
        draw(&mut buf, area, Hidden::count(6), Hidden::None, Style::new());
        assert_eq!(row(&buf, 0), "┌ a title, 24 characters ▲6┐");
    }

    #[test]
    fn with_no_room_beside_the_title_the_top_mark_joins_the_bottom_one() {
        let mut buf = bordered(" a title of 25 characters ", 28);
        let area = buf.area;
        draw(
            &mut buf,
            area,
            Hidden::count(2),
            Hidden::count(1),
            Style::new(),
        );
        assert_eq!(row(&buf, 0), "┌ a title of 25 characters ┐");
        assert_eq!(row(&buf, 3), "└──────────── ▲2 ▼ 1 more ─┘");
    }

    #[test]
    fn a_mark_never_covers_a_title_and_nothing_hidden_draws_nothing() {
        let title = "a title as long as the edge is";
        let mut buf = bordered(title, 30);
        let before = buf.clone();
        let area = buf.area;
        draw(
            &mut buf,
            area,
            Hidden::count(0),
            Hidden::count(0),
            Style::new(),
        );
        assert_eq!(buf, before);
        draw(
            &mut buf,
            area,
            Hidden::count(9),
            Hidden::count(0),
            Style::new(),
        );
        assert_eq!(row(&buf, 0), row(&before, 0), "the title is whole");
        assert_eq!(row(&buf, 3), "└─────────────────────── ▲9 ─┘");
    }
}
