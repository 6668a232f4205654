//! The reading pane: the whole of the selected theme, Washington note or
//! indicator, wrapped to the pane.

use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::indicators::{level_style, level_word, status_cell, status_style};
use super::marks::Hidden;
use super::{panel, text};
use crate::app::{Model, Panel};
use crate::clock;
use crate::review::{ItemRef, Status};
use crate::ui::styles::Palette;

/// Draw the pane; gives back the scroll offset at which its text ends, when
/// the end was reached (beyond that, scrolling shows nothing new).
pub fn render(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    p: &Palette,
    now: DateTime<Utc>,
) -> Shown {
    let block_title = match model.current_item() {
        Some(ItemRef::Theme(i)) => format!("T{} of {}", i + 1, model.len(Panel::Themes)),
        Some(ItemRef::WashingtonNote(i)) => {
            format!(
                "Washington angle · W{} of {}",
                i + 1,
                model.len(Panel::Washington)
            )
        }
        Some(ItemRef::Indicator(i)) => format!("I{} of {}", i + 1, model.len(Panel::Indicators)),
        _ => "Reader".to_string(),
    };
    let inner = panel(frame, area, model, p, None, vec![Span::raw(block_title)]);
    let width = inner.width.saturating_sub(1).max(10) as usize;
    // Build no more rows than can be seen: a long note history would
    // otherwise be formatted and wrapped in full every second.
    // One line more than is shown says whether the text goes on below.
    let viewport = inner.height as usize;
    // A note just added: build as far as it, and scroll so it shows (its
    // end, and its start when the note is taller than the pane).
    let budget = if model.reader_reveal {
        usize::MAX - 1
    } else {
        model.reader.offset.saturating_add(viewport)
    };
    let (lines, last_note) = content(model, p, now, width, budget.saturating_add(1));
    let max_scroll = lines.len().saturating_sub(viewport);
    let mut scroll = model.reader.offset.min(max_scroll);
    let mut revealed = None;
    if model.reader_reveal
        && let Some((start, end)) = last_note
    {
        if end > scroll + viewport {
            scroll = end.saturating_sub(viewport);
        }
        scroll = scroll.min(start).min(max_scroll);
    }
    if model.reader_reveal {
        revealed = Some(scroll);
    }
    let query = super::highlight::active_query(model);
    let shown: Vec<Line> = lines.iter().skip(scroll).take(viewport).cloned().collect();
    let shown = super::highlight::mark(shown, query.as_deref(), p.matched);
    super::draw_lines(frame, inner, &shown, 0);
    let below = if lines.len() > scroll + viewport {
        Hidden::Some
    } else {
        Hidden::None
    };
    super::marks::draw(
        frame.buffer_mut(),
        area,
        Hidden::count(scroll),
        below,
        p.dim,
    );
    // No more lines than the budget: the text ended, and this is its length.
    Shown {
        viewport,
        length: (lines.len() <= budget).then_some(lines.len()),
        revealed,
    }
}

/// What the reader's frame found: its height, its text's length when the
/// frame reached the end, and the offset it moved to for a new note.
pub struct Shown {
    pub viewport: usize,
    pub length: Option<usize>,
    pub revealed: Option<usize>,
}

/// `s` wrapped to `width`, as far as the pane can show: the lines past
/// `budget` in all are not built.
fn wrapped(out: &mut Vec<Line<'static>>, s: &str, width: usize, style: Style, budget: usize) {
    let room = budget.saturating_sub(out.len());
    out.extend(
        text::wrap_first(s, width, room)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, style))),
    );
}

/// A labelled value, wrapped under its label.
fn field(out: &mut Vec<Line<'static>>, name: &str, value: &str, width: usize, style: Style) {
    const LABEL: usize = 11;
    for (k, part) in text::wrap(value, width.saturating_sub(LABEL))
        .into_iter()
        .enumerate()
    {
        let label = if k == 0 { name } else { "" };
        out.push(Line::from(vec![
            Span::raw(format!("{label:<LABEL$}")),
            Span::styled(part, style),
        ]));
    }
}

fn content(
    model: &Model,
    p: &Palette,
    now: DateTime<Utc>,
    width: usize,
    budget: usize,
) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let mut out: Vec<Line<'static>> = Vec::new();
    let reviewed_line = |done: bool| {
        if done {
            Line::from(Span::styled("✓ reviewed", p.reviewed))
        } else {
            Line::from(Span::styled("· not reviewed (Space marks it)", p.dim))
        }
    };
    match model.current_item() {
        Some(ItemRef::Theme(i)) => {
            let theme = &model.watch().brief.themes[i];
            wrapped(&mut out, &theme.title, width, p.heading, budget);
            out.push(reviewed_line(
                model.watch().review.is_reviewed(ItemRef::Theme(i)),
            ));
            for para in &theme.paragraphs {
                out.push(Line::default());
                wrapped(&mut out, para, width, Style::new(), budget);
            }
        }
        Some(ItemRef::WashingtonNote(i)) => {
            if let Some(w) = &model.watch().brief.washington {
                wrapped(&mut out, &w.title, width, p.heading, budget);
                out.push(reviewed_line(
                    model.watch().review.is_reviewed(ItemRef::WashingtonNote(i)),
                ));
                out.push(Line::default());
                wrapped(&mut out, &w.paragraphs[i], width, Style::new(), budget);
            }
        }
        Some(ItemRef::Indicator(i)) => {
            let status = model.watch().review.status_of(i);
            out.push(Line::from(vec![
                Span::styled(format!("Indicator I{}  ", i + 1), p.heading),
                Span::styled(status_cell(status), status_style(p, status)),
            ]));
            out.push(Line::default());
            wrapped(
                &mut out,
                &model.watch().brief.indicators[i].text,
                width,
                Style::new(),
                budget,
            );
            out.push(Line::default());
            if let (Some(start), Some(deadline)) =
                (model.watch().window_start(), model.watch().deadline(i))
            {
                let left = clock::remaining_seconds(deadline, now);
                let level = clock::level(deadline, now, model.settings.thresholds);
                field(
                    &mut out,
                    "Deadline",
                    &model.dtg_local(deadline),
                    width,
                    p.heading,
                );
                let mut left_text = format!("{} ({})", clock::countdown(left), clock::span(left));
                if status == Status::Watching && !level_word(level).is_empty() {
                    left_text.push_str("  ");
                    left_text.push_str(level_word(level));
                }
                field(
                    &mut out,
                    "Time left",
                    &left_text,
                    width,
                    level_style(p, level),
                );
                let own = model
                    .watch()
                    .brief
                    .indicators
                    .get(i)
                    .and_then(|ind| ind.deadline);
                let window = match own {
                    Some(d) => format!("its own: {d}, from {}", model.dtg_local(start)),
                    None => format!(
                        "{} from {}",
                        model.watch().window_label(),
                        model.dtg_local(start)
                    ),
                };
                field(&mut out, "Window", &window, width, Style::new());
            }
            if let Some(at) = model.watch().review.status_at.get(i).copied().flatten() {
                let changed = format!("{} at {}", status.label(), model.dtg_local(at));
                field(&mut out, "Changed", &changed, width, Style::new());
            }
            if let Some(d) = model.watch().dispute(i) {
                out.push(Line::default());
                out.push(Line::from(Span::styled(
                    "DISPUTED: assessed differently without seeing each other",
                    p.warning,
                )));
                for side in &d.sides {
                    let who = side.analyst.clone().unwrap_or_else(|| {
                        format!("desk {}", side.desk.chars().take(6).collect::<String>())
                    });
                    let line = format!(
                        "  {}: {} at {}",
                        crate::watch::plain(&who),
                        side.status.label(),
                        model.dtg_local(side.at)
                    );
                    wrapped(&mut out, &line, width, p.warning, budget);
                }
                wrapped(
                    &mut out,
                    "  A new assessment made having seen both settles it.",
                    width,
                    p.dim,
                    budget,
                );
            }
        }
        _ => out.push(Line::from(Span::styled("(nothing selected)", p.dim))),
    }
    // The notes come right under the item; the Outlook's own words, for
    // context, after them.
    let mut last_note = None;
    if let Some(item) = model.current_item() {
        last_note = notes(&mut out, model, p, item, width, budget);
        if let ItemRef::WashingtonNote(_) = item {
            notes(&mut out, model, p, ItemRef::Washington, width, budget);
        }
        if let ItemRef::Indicator(_) = item
            && !model.watch().brief.outlook_intro.is_empty()
            && out.len() < budget
        {
            out.push(Line::default());
            wrapped(
                &mut out,
                &model.watch().brief.outlook_intro,
                width,
                p.dim,
                budget,
            );
        }
        // And its closing remark, after the indicators.
        if let ItemRef::Indicator(_) = item
            && !model.watch().brief.outlook_closing.is_empty()
            && out.len() < budget
        {
            out.push(Line::default());
            for para in model.watch().brief.outlook_closing.split("\n\n") {
                wrapped(&mut out, para, width, p.dim, budget);
            }
        }
    }
    (out, last_note)
}

/// The notes on an item, oldest first, under the item's text.
fn notes(
    out: &mut Vec<Line<'static>>,
    model: &Model,
    p: &Palette,
    item: ItemRef,
    width: usize,
    budget: usize,
) -> Option<(usize, usize)> {
    let notes: Vec<_> = model.watch().review.notes_on(item).collect();
    if notes.is_empty() {
        return None;
    }
    let mut last = None;
    out.push(Line::default());
    let count = notes.iter().filter(|n| !n.withdrawn()).count();
    out.push(Line::from(Span::styled(
        format!("Notes on {item} ({count}) · E edits the last, D withdraws it"),
        p.heading,
    )));
    for n in notes {
        if out.len() >= budget {
            break;
        }
        let mut meta = model.dtg_local(n.at);
        if let Some(src) = &n.source() {
            meta += &format!(" · source: {src}");
        }
        if let Some(c) = n.confidence() {
            meta += &format!(" · confidence: {}", c.as_str());
        }
        if let Some(a) = &n.author() {
            meta += &format!(" · {a}");
        }
        if let Some(c) = n.corrected {
            meta += &format!(" · {}", c.word());
        }
        let start = out.len();
        wrapped(out, &format!("✎ {meta}"), width, p.info, budget);
        let style = if n.withdrawn() {
            p.dim.add_modifier(ratatui::style::Modifier::CROSSED_OUT)
        } else {
            Style::new()
        };
        for line in n.text.lines() {
            wrapped(out, &format!("  {line}"), width, style, budget);
        }
        last = Some((start, out.len()));
    }
    last
}
