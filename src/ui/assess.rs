//! The closing-assessment prompt for an indicator that expired while it was
//! still being watched.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::centered;
use crate::app::Model;
use crate::clock;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, now: chrono::DateTime<chrono::Utc>) {
    let Some(i) = model.assessing else {
        return;
    };
    let p = &model.palette;
    let rect = centered(area, 70, 12);
    frame.render_widget(Clear, rect);
    let deadline = model
        .deadline()
        .map(|d| model.dtg_local(d))
        .unwrap_or_default();
    let lines = vec![
        Line::from(Span::styled(
            format!(
                "I{} EXPIRED while still watching (deadline {deadline})",
                i + 1
            ),
            p.expired,
        )),
        Line::default(),
        Line::from(crate::safe::one_line(&model.brief.indicators[i].text).into_owned()),
        Line::default(),
        Line::from("A closing assessment is evidence too. It is recorded with the time now."),
        Line::from(vec![
            Span::styled("o", p.key),
            Span::raw(" observed   "),
            Span::styled("x", p.key),
            Span::raw(" not observed by the deadline   "),
            Span::styled("Esc", p.key),
            Span::raw(" decide later"),
        ]),
    ];
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Span::styled(
            format!(" Closing assessment · now {} ", clock::dtg(now)),
            p.title_focused,
        ));
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        rect,
    );
}
