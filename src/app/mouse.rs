//! The mouse, as lazygit and htop users expect: a click focuses a panel and
//! selects the row under it, the wheel scrolls what is under the pointer.
//!
//! [`message`] is pure: the last frame's layout ([`Hits`], in its
//! [`super::FrameReport`]) and a mouse event in, a [`Msg`] out.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{Mode, Msg, Panel};

/// What is drawn where, as the last frame drew it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    /// The regions, topmost last (an overlay after the panels under it).
    pub regions: Vec<(Rect, Region)>,
    /// Rows that select something, one screen line each.
    pub rows: Vec<(Rect, RowHit)>,
}

/// A region of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Panel(Panel),
    Reader,
    /// The help or the change log: the wheel scrolls it.
    Overlay,
    /// The board's rows.
    Board,
}

/// What a row selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowHit {
    /// Row `1` of a panel's items.
    Item(Panel, usize),
    /// Row of the board.
    Board(usize),
}

/// What a mouse event asks of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseMsg {
    /// Focus a panel, and select a row of it when one was hit.
    Select(Panel, Option<usize>),
    /// Select a row of the board.
    BoardRow(usize),
    /// The wheel over something that scrolls, down or up.
    Wheel(Region, bool),
}

impl Hits {
    fn region_at(&self, at: Position) -> Option<Region> {
        self.regions
            .iter()
            .rev()
            .find(|(r, _)| r.contains(at))
            .map(|(_, g)| *g)
    }

    fn row_at(&self, at: Position) -> Option<RowHit> {
        self.rows
            .iter()
            .find(|(r, _)| r.contains(at))
            .map(|(_, h)| *h)
    }
}

/// What a mouse event means in `mode`, given the last frame's layout.
/// Clicks act only where keys would (the desk or the board without a box
/// open); the wheel scrolls the help and the log too.
pub fn message(mode: Mode, hits: &Hits, ev: &MouseEvent) -> Option<Msg> {
    let at = Position::new(ev.column, ev.row);
    let region = hits.region_at(at)?;
    let msg = match ev.kind {
        MouseEventKind::Down(MouseButton::Left) => match (mode, region) {
            (Mode::Normal, Region::Panel(panel)) => {
                let row = match hits.row_at(at) {
                    Some(RowHit::Item(p, i)) if p == panel => Some(i),
                    _ => None,
                };
                MouseMsg::Select(panel, row)
            }
            (Mode::Board, Region::Board) => match hits.row_at(at)? {
                RowHit::Board(i) => MouseMsg::BoardRow(i),
                RowHit::Item(..) => return None,
            },
            _ => return None,
        },
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = ev.kind == MouseEventKind::ScrollDown;
            let scrolls = match region {
                Region::Overlay => matches!(mode, Mode::Help | Mode::Timeline),
                Region::Reader | Region::Panel(_) => mode == Mode::Normal,
                Region::Board => mode == Mode::Board,
            };
            if !scrolls {
                return None;
            }
            MouseMsg::Wheel(region, down)
        }
        _ => return None,
    };
    Some(Msg::Mouse(msg))
}

/// Lines the wheel moves the reader, the help or the log.
pub const WHEEL_LINES: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn ev(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    fn layout() -> Hits {
        Hits {
            regions: vec![
                (Rect::new(0, 1, 20, 8), Region::Panel(Panel::Themes)),
                (Rect::new(20, 1, 40, 16), Region::Reader),
                (Rect::new(0, 17, 60, 5), Region::Panel(Panel::Indicators)),
            ],
            rows: vec![
                (Rect::new(1, 2, 18, 1), RowHit::Item(Panel::Themes, 0)),
                (Rect::new(1, 3, 18, 1), RowHit::Item(Panel::Themes, 0)),
                (Rect::new(1, 4, 18, 1), RowHit::Item(Panel::Themes, 1)),
                (Rect::new(1, 18, 58, 1), RowHit::Item(Panel::Indicators, 2)),
            ],
        }
    }

    #[test]
    fn a_click_focuses_the_panel_and_selects_the_row_under_it() {
        let h = layout();
        let click = |x, y| {
            message(
                Mode::Normal,
                &h,
                &ev(MouseEventKind::Down(MouseButton::Left), x, y),
            )
        };
        let sel = |p, r| Some(Msg::Mouse(MouseMsg::Select(p, r)));
        assert_eq!(
            click(5, 3),
            sel(Panel::Themes, Some(0)),
            "a row's second line"
        );
        assert_eq!(click(5, 4), sel(Panel::Themes, Some(1)));
        assert_eq!(
            click(0, 6),
            sel(Panel::Themes, None),
            "the border: focus only"
        );
        assert_eq!(click(10, 18), sel(Panel::Indicators, Some(2)));
        assert_eq!(click(30, 5), None, "a click in the reader selects nothing");
        assert_eq!(click(70, 5), None, "outside everything");
        // With a box open, a click does nothing.
        let up = ev(MouseEventKind::Down(MouseButton::Left), 5, 4);
        assert_eq!(message(Mode::Note, &h, &up), None);
        // A release or a drag is no click.
        assert_eq!(
            message(
                Mode::Normal,
                &h,
                &ev(MouseEventKind::Up(MouseButton::Left), 5, 4)
            ),
            None
        );
    }

    #[test]
    fn the_wheel_scrolls_what_is_under_the_pointer() {
        let mut h = layout();
        let wheel = |h: &Hits, mode, down, x, y| {
            let kind = if down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            };
            message(mode, h, &ev(kind, x, y))
        };
        assert_eq!(
            wheel(&h, Mode::Normal, true, 30, 5),
            Some(Msg::Mouse(MouseMsg::Wheel(Region::Reader, true)))
        );
        assert_eq!(
            wheel(&h, Mode::Normal, false, 5, 5),
            Some(Msg::Mouse(MouseMsg::Wheel(
                Region::Panel(Panel::Themes),
                false
            )))
        );
        // An overlay over the reader takes the wheel, topmost first.
        h.regions.push((Rect::new(20, 1, 40, 16), Region::Overlay));
        assert_eq!(
            wheel(&h, Mode::Help, true, 30, 5),
            Some(Msg::Mouse(MouseMsg::Wheel(Region::Overlay, true)))
        );
        assert_eq!(
            wheel(&h, Mode::Help, true, 5, 5),
            None,
            "the panels wait for the help"
        );
    }
}
