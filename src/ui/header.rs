//! The top line: the program, the brief's title, and the time now.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::text;
use crate::app::Model;
use crate::clock;
use crate::ui::styles::Palette;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette, now: DateTime<Utc>) {
    let w = area.width as usize;
    let right = if w >= 100 {
        format!(" {} · {} ", clock::dtg(now), model.local(now))
    } else {
        format!(" {} ", clock::dtg(now))
    };
    // How long since the review was last touched; flagged when stale.
    let (touched, touched_style) = match model.last_touched() {
        Some(t) if model.is_stale(now) => (
            format!(
                " STALE: untouched {} ",
                clock::span((now - t).num_seconds())
            ),
            p.warning,
        ),
        Some(t) if w >= 90 => {
            let ago = (now - t).num_seconds();
            let words = if ago < 60 {
                " touched just now ".to_string()
            } else {
                format!(" touched {} ago ", clock::span(ago))
            };
            (words, p.dim)
        }
        _ => (String::new(), p.dim),
    };
    // The team: the other desks and when each was last seen, the share's
    // trouble, and a handover waiting to be accepted.
    let (team, team_style) = match &model.share {
        Some(share) => {
            let mut words = share.summary(now);
            if let Some(p) = model.holder().pending {
                words = format!("pending accept: {} · {words}", crate::watch::plain(&p.to));
            }
            let style = if share.in_trouble(now) {
                p.warning
            } else {
                p.dim
            };
            (format!(" {words} "), style)
        }
        None => (String::new(), p.dim),
    };
    let left = " WATCHDESK ";
    // The team's words take at most half the line.
    let team = text::truncate(&team, w / 2);
    let title_room = w.saturating_sub(
        text::width(left) + text::width(&right) + text::width(&touched) + text::width(&team) + 1,
    );
    let title = text::fit(&format!(" {}", model.watch().brief.title), title_room);
    let line = Line::from(vec![
        Span::styled(left, p.header),
        Span::styled(title, p.heading),
        Span::styled(team, team_style),
        Span::styled(touched, touched_style),
        Span::raw(" "),
        Span::styled(right, p.header),
    ]);
    super::draw_lines(frame, area, &[line], 0);
}
