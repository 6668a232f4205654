//! The note editor overlay: the note text, its source and confidence.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use ratatui_textarea::WrapMode;

use super::text;
use crate::app::editor::Field;
use crate::app::{Mode, Model};
use crate::ui::styles::Palette;

pub fn render(frame: &mut Frame, area: Rect, model: &Model, p: &Palette) {
    let Some(editor) = &model.editor else {
        return;
    };
    let rect = area;
    frame.render_widget(Clear, rect);
    // The title fits the box: the purpose goes in it when there is room,
    // else on lines of its own at the top of the box.
    let room = rect.width.saturating_sub(4) as usize;
    let short = format!(" Note on {} ", editor.item);
    let (title, purpose) = match &editor.purpose {
        Some(purpose) => {
            let long = format!(" Note on {}: {purpose} ", editor.item);
            if text::width(&long) <= room {
                (long, Vec::new())
            } else {
                (
                    short,
                    text::wrap_first(purpose, rect.width.saturating_sub(2) as usize, 3),
                )
            }
        }
        None => (short, Vec::new()),
    };
    let block = Block::bordered()
        .border_style(p.border_focused)
        .title(Line::from(Span::styled(
            text::truncate(&title, room),
            p.title_focused,
        )))
        .title_bottom(Line::from(
            super::statusbar::hint_spans(model, p, Mode::Note, room).0,
        ));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [purpose_area, inner] =
        Layout::vertical([Constraint::Length(purpose.len() as u16), Constraint::Min(0)])
            .areas(inner);
    let purpose: Vec<Line> = purpose
        .into_iter()
        .map(|l| Line::from(Span::styled(l, p.info)))
        .collect();
    super::draw_lines(frame, purpose_area, &purpose, 0);
    let [text_area, source_area, conf_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(inner);

    let field_block = |name: &'static str, field: Field| {
        let focused = editor.field == field;
        Block::bordered()
            .border_style(if focused { p.border_focused } else { p.border })
            .title(Span::styled(
                format!(" {name} "),
                if focused { p.title_focused } else { p.title },
            ))
    };
    let mut note = editor.text.clone();
    note.set_block(field_block("Note", Field::Text));
    note.set_cursor_line_style(ratatui::style::Style::new());
    // Long lines wrap at the box's edge, so all of a paragraph is seen.
    note.set_wrap_mode(WrapMode::WordOrGlyph);
    if editor.field != Field::Text {
        note.set_cursor_style(ratatui::style::Style::new());
    }
    frame.render_widget(&note, text_area);

    let mut source = editor.source.clone();
    source.set_block(field_block("Source (optional)", Field::Source));
    source.set_cursor_line_style(ratatui::style::Style::new());
    if editor.field != Field::Source {
        source.set_cursor_style(ratatui::style::Style::new());
    }
    frame.render_widget(&source, source_area);

    let focused = editor.field == Field::Confidence;
    let mut spans = vec![Span::styled(
        " Confidence: ",
        if focused { p.title_focused } else { p.title },
    )];
    for (label, value) in [
        ("none", None),
        ("low", Some(crate::review::Confidence::Low)),
        ("medium", Some(crate::review::Confidence::Medium)),
        ("high", Some(crate::review::Confidence::High)),
    ] {
        let chosen = editor.confidence == value;
        let mark = if chosen {
            format!("[{label}]")
        } else {
            format!(" {label} ")
        };
        spans.push(Span::styled(mark, if chosen { p.selected } else { p.dim }));
        spans.push(Span::raw(" "));
    }
    if focused {
        spans.push(Span::styled("←/→ change", p.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), conf_area);
}
