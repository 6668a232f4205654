//! The board's picture of time: every open watch's window as a bar on one
//! axis, from the earliest open start to the latest deadline, with now and
//! each open indicator's deadline marked.
//!
//! ```text
//! ┌ Time · ◆ deadline · │ now ─────────────────────────────────────────┐
//! │ Alliance priori… ━━━━━━━━━━━━│━━━━━━━━━━━━━◆━━━━━━━━◆               │
//! │ Gulf shipping            ────│━━━━━◆                                 │
//! │ 261200Z          270000Z     271200Z      280000Z      281200Z       │
//! └──────────────────────────────────────────────────────────────────────┘
//! ```
//!
//! Plain cells: a character per column is all a bar needs, and it reads the
//! same without colour (elapsed `─`, to run `━`, `◆`, `│`).

use chrono::{DateTime, Duration, Timelike, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::board::Still;
use super::indicators::level_style;
use super::styles::Palette;
use super::text;
use crate::app::Model;
use crate::clock::{self, Level};
use crate::watch::{Watch, watch_order};

/// One bar: a watch's window and its open deadlines.
struct Bar<'a> {
    watch: &'a Watch,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    deadlines: Vec<DateTime<Utc>>,
    level: Level,
}

/// The watches with a bar (open, window started), most urgent first.
fn bars(model: &Model, now: DateTime<Utc>) -> Vec<Bar<'_>> {
    let t = model.settings.thresholds;
    watch_order(&model.watches)
        .into_iter()
        .map(|i| &model.watches[i])
        .filter(|w| w.is_open())
        .filter_map(|w| {
            let start = w.window_start()?;
            let end = w.window_end()?;
            let deadlines: Vec<_> = w.open_indicators().filter_map(|i| w.deadline(i)).collect();
            let level = w.most_urgent(now, t).map_or(Level::Normal, |(_, _, l)| l);
            Some(Bar {
                watch: w,
                start,
                end,
                deadlines,
                level,
            })
        })
        .collect()
}

/// The rows the strip wants inside `height` lines: its bars, the axis and
/// the border.
pub fn height(model: &Model, max: u16) -> u16 {
    // Counted as `bars` finds them, without making them.
    let n = model
        .watches
        .iter()
        .filter(|w| w.is_open() && w.window_start().is_some() && w.window_end().is_some())
        .count() as u16;
    if n == 0 {
        return 0;
    }
    (n + 3).min(max)
}

/// A step between ticks, in hours, that leaves `min_cols` columns between
/// labels.
fn tick_step(span: Duration, cols: usize, min_cols: usize) -> i64 {
    let hours = span.num_minutes() as f64 / 60.0;
    for step in [1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720] {
        let ticks = hours / step as f64;
        if ticks <= 0.0 || (cols as f64 / ticks) >= min_cols as f64 {
            return step;
        }
    }
    720
}

pub(super) fn render(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: DateTime<Utc>,
    still: &mut Still,
) {
    if area.height < 4 || area.width < 30 {
        return;
    }
    let bars = bars(model, now);
    let shown = bars.len().min(area.height.saturating_sub(3) as usize);
    let more = bars.len() - shown;
    let title = if more > 0 {
        format!(" Time · ◆ deadline · │ now · {shown} most urgent, {more} more ")
    } else {
        " Time · ◆ deadline · │ now ".to_string()
    };
    let block = Block::bordered()
        .border_style(p.border)
        .title(Span::styled(title, p.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(first) = bars.first() else {
        return;
    };
    let mut t0 = first.start;
    let mut t1 = first.end;
    for b in &bars {
        t0 = t0.min(b.start);
        t1 = t1.max(b.end);
    }
    if now < t0 || now > t1 {
        // The axis runs to now: it moves every second.
        still.every_second();
    }
    t0 = t0.min(now);
    t1 = t1.max(now);
    if t1 <= t0 {
        t1 = t0 + Duration::hours(1);
    }
    let label_w = (inner.width as usize / 5).clamp(10, 28);
    let bar_w = (inner.width as usize).saturating_sub(label_w + 1).max(10);
    let span_s = (t1 - t0).num_seconds().max(1) as f64;
    let col = |t: DateTime<Utc>| -> usize {
        let f = (t - t0).num_seconds() as f64 / span_s;
        ((f * (bar_w - 1) as f64).round().max(0.0) as usize).min(bar_w - 1)
    };
    let now_col = col(now);
    // When `│` moves to the next column (a second early: the columns are
    // rounded); at once if that is past.
    let next_col = ((now_col as f64 + 0.5) * span_s / (bar_w - 1).max(1) as f64) as i64 - 1;
    still.at((t0 + Duration::seconds(next_col)).max(now));
    let mut lines: Vec<Line> = Vec::with_capacity(shown + 1);
    for b in bars.iter().take(shown) {
        let mut cells: Vec<(char, Style)> = vec![(' ', Style::new()); bar_w];
        let (a, z) = (col(b.start), col(b.end));
        let run = level_style(p, b.level);
        for (c, cell) in cells.iter_mut().enumerate().take(z + 1).skip(a) {
            *cell = if c < now_col {
                ('─', p.dim)
            } else {
                ('━', run)
            };
        }
        cells[now_col] = ('│', p.key);
        let mut last = None;
        for d in &b.deadlines {
            if last != Some(*d) {
                still.level(*d, model.settings.thresholds);
                last = Some(*d);
            }
            let style = level_style(p, clock::level(*d, now, model.settings.thresholds));
            cells[col(*d)] = ('◆', style);
        }
        let mut spans = vec![Span::styled(
            text::fit(&b.watch.short_title(label_w), label_w + 1),
            p.heading,
        )];
        // Runs of one style as one span.
        let mut run_text = String::new();
        let mut run_style = cells[0].1;
        for (ch, st) in cells {
            if st != run_style && !run_text.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run_text), run_style));
            }
            run_style = st;
            run_text.push(ch);
        }
        spans.push(Span::styled(run_text, run_style));
        lines.push(Line::from(spans));
    }
    // The axis: a DTG at each tick, ticks on whole hours of the step.
    let step = tick_step(t1 - t0, bar_w, 10);
    let mut axis: Vec<char> = vec![' '; bar_w];
    let mut t = t0
        .with_minute(0)
        .and_then(|t| t.with_second(0))
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t0);
    while (t.timestamp() / 3600) % step != 0 || t < t0 {
        t += Duration::hours(1);
    }
    let mut next_free = 0;
    while t <= t1 {
        let c = col(t);
        let dtg = clock::dtg(t);
        let label = format!("┴{}", dtg.get(..7).unwrap_or(""));
        if c >= next_free && c + text::width(&label) <= bar_w {
            for (k, ch) in label.chars().enumerate() {
                axis[c + k] = ch;
            }
            next_free = c + text::width(&label) + 2;
        }
        t += Duration::hours(step);
    }
    let step_words = if step % 24 == 0 {
        format!("{}d ticks", step / 24)
    } else {
        format!("{step}h ticks")
    };
    lines.push(Line::from(vec![
        Span::styled(text::fit(&step_words, label_w + 1), p.dim),
        Span::styled(axis.into_iter().collect::<String>(), p.dim),
    ]));
    super::draw_lines(frame, inner, &lines, 0);
}

#[cfg(test)]
mod tests {
    use super::tick_step;
    use chrono::Duration;

    #[test]
    fn ticks_leave_room_for_their_labels() {
        assert_eq!(tick_step(Duration::hours(72), 144, 10), 6);
        assert_eq!(tick_step(Duration::hours(72), 40, 10), 24);
        assert_eq!(tick_step(Duration::hours(6), 100, 10), 1);
    }
}
