//! The closing-assessment prompt for an indicator that expired while it was
//! still being watched. Its key line is always shown: the indicator's text is
//! cut to the room left, never the keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use super::text;
use crate::app::{Mode, Model};
use crate::clock;
use crate::ui::styles::Palette;

pub fn render(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: chrono::DateTime<chrono::Utc>,
) {
    let Some(i) = model.assessing else {
        return;
    };
    let room = usize::from(area.width.saturating_sub(2)).max(1);
    let deadline = model
        .watch()
        .deadline(i)
        .map(|d| model.dtg_local(d))
        .unwrap_or_default();
    let head = text::wrap(
        &format!(
            "I{} EXPIRED while still watching (deadline {deadline})",
            i + 1
        ),
        room,
    );
    let body = text::wrap(
        &crate::safe::one_line(&model.watch().brief.indicators[i].text),
        room,
    );
    let why = text::wrap(
        "A closing assessment is evidence too. It is recorded with the time now.",
        room,
    );
    let keys = super::statusbar::hint_spans(model, p, Mode::Assess, room).0;

    // Everything, with a blank line between the parts, if it fits; else
    // the explanation goes, then the blank lines, then the indicator's text
    // is cut (to one line at the least).
    let most = usize::from(area.height.saturating_sub(2));
    let full = head.len() + 1 + body.len() + 1 + why.len() + 1;
    let (why, gaps) = if full <= most {
        (why, true)
    } else if full - why.len() <= most {
        (Vec::new(), true)
    } else {
        (Vec::new(), false)
    };
    let fixed = 1 + usize::from(gaps) * 2;
    let head_n = head.len().min(most.saturating_sub(fixed + 1).max(1));
    let body_n = body
        .len()
        .min(most.saturating_sub(fixed + head_n + why.len()).max(1));

    let mut lines: Vec<Line> = Vec::new();
    let styled = |s: &str, style: Style| Line::from(Span::styled(s.to_string(), style));
    lines.extend(head.iter().take(head_n).map(|l| styled(l, p.expired)));
    if gaps {
        lines.push(Line::default());
    }
    for (k, l) in body.iter().take(body_n).enumerate() {
        let cut = k + 1 == body_n && body_n < body.len();
        let l = if cut {
            text::truncate(&format!("{l} …"), room)
        } else {
            l.clone()
        };
        lines.push(Line::from(l));
    }
    if gaps {
        lines.push(Line::default());
    }
    lines.extend(why.iter().map(|l| styled(l, Style::new())));
    lines.push(Line::from(keys));

    let rect = area;
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Span::styled(
            format!(" Closing assessment · now {} ", clock::dtg(now)),
            p.title_focused,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // The key line comes after the text, and on the box's last row at the
    // lowest, whatever came before it.
    let Some((keys, rest)) = lines.split_last() else {
        return;
    };
    let body_rows = inner
        .height
        .saturating_sub(1)
        .min(u16::try_from(rest.len()).unwrap_or(u16::MAX));
    super::draw_lines(
        frame,
        Rect {
            height: body_rows,
            ..inner
        },
        rest,
        0,
    );
    if inner.height > 0 {
        super::draw_line(
            frame.buffer_mut(),
            inner.x,
            inner.y + body_rows,
            keys,
            inner.width,
        );
    }
}
