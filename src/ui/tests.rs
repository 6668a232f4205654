use super::*;
use proptest::prelude::*;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;

/// Text mixing what the fast path takes (printable ASCII, controls) with
/// what it hands to ratatui (wide, combining and emoji characters).
fn text() -> impl Strategy<Value = String> {
    pieces(vec![
        "a",
        "Z",
        " ",
        "-",
        "~",
        "42",
        "\t",
        "\n",
        "\r\n",
        "\u{1b}",
        "\u{7f}",
        "é",
        "e\u{301}",
        "漢",
        "…",
        "✓",
        "👍",
        "ﾞ",
        "👩\u{200d}💻",
        "\u{600}",
        "\u{200d}",
        "\u{fe0f}",
        "─",
        "━",
        "│",
        "┴",
        "◆",
        "○",
        "▲",
        "█",
        "▶",
        "◽",
        "\u{301}",
    ])
}

#[test]
fn one_cell_characters_are_one_column() {
    use ratatui::buffer::CellWidth;
    for c in ('\u{2500}'..='\u{25FF}').filter(|&c| one_cell(c)) {
        let s = c.to_string();
        assert_eq!(s.as_str().cell_width(), 1, "{c:?} U+{:04X}", c as u32);
        assert_eq!(crate::text::width(&s), 1, "{c:?}");
    }
}

fn pieces(from: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(from), 0..40).prop_map(|p| p.concat())
}

fn style() -> impl Strategy<Value = Style> {
    prop::sample::select(vec![
        Style::new(),
        Style::new().fg(Color::Red),
        Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD),
        Style::new().remove_modifier(Modifier::BOLD),
    ])
}

fn line() -> impl Strategy<Value = Line<'static>> {
    spans_of(text())
}

fn spans_of(text: impl Strategy<Value = String>) -> impl Strategy<Value = Line<'static>> {
    (prop::collection::vec((text, style()), 0..4), style()).prop_map(|(spans, s)| {
        Line::from(
            spans
                .into_iter()
                .map(|(t, st)| Span::styled(t, st))
                .collect::<Vec<_>>(),
        )
        .style(s)
    })
}

fn through_the_gate(l: &Line<'static>) -> Line<'static> {
    let mut out = l.clone();
    for sp in &mut out.spans {
        sp.content = crate::safe::one_line(&sp.content).into_owned().into();
    }
    out
}

/// A buffer away from the origin, already holding styled text, so that
/// overwriting is compared too.
fn canvas() -> Buffer {
    let area = Rect::new(3, 2, 30, 8);
    let mut buf = Buffer::empty(area);
    for y in area.top()..area.bottom() {
        buf.set_string(3, y, "x".repeat(30), Style::new().fg(Color::Green));
    }
    buf
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn draw_line_writes_what_set_line_writes(
        l in line(), x in 3u16..36, y in 2u16..10, max in 0u16..40,
    ) {
        let (mut ours, mut theirs) = (canvas(), canvas());
        let end = draw_line(&mut ours, x, y, &l, max);
        // What ratatui draws of the text once it is through the gate.
        let expected = theirs.set_line(x, y, &through_the_gate(&l), max);
        prop_assert_eq!(end, expected.0);
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn draw_panel_draws_what_a_bordered_block_draws(
        title in line(), x in 3u16..34, y in 2u16..10, w in 0u16..34, h in 0u16..10,
        s in style(), thick in any::<bool>(),
    ) {
        let set = if thick {
            ratatui::symbols::border::THICK
        } else {
            ratatui::symbols::border::PLAIN
        };
        let area = Rect::new(x, y, w, h);
        let (mut ours, mut theirs) = (canvas(), canvas());
        let inner = draw_panel(&mut ours, area, s, set, &title);
        let block = Block::bordered()
            .border_style(s)
            .border_set(set)
            .title(through_the_gate(&title));
        let expected = block.inner(area.intersection(theirs.area));
        block.render(area, &mut theirs);
        prop_assert_eq!(inner, expected);
        prop_assert_eq!(ours, theirs);
    }
}
