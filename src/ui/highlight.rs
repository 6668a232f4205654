//! Search highlighting: while a search is active, the text it matched is
//! marked wherever the lists and the reader show it.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::app::Model;

/// The query to mark, as the search compares it (trimmed, any case), if a
/// search is active.
pub fn active_query(model: &Model) -> Option<String> {
    let q = model.search.query.trim().to_lowercase();
    (!q.is_empty()).then_some(q)
}

/// Mark every match of `query` (lower case) in `lines`.
pub fn mark<'a>(lines: Vec<Line<'a>>, query: Option<&str>, style: Style) -> Vec<Line<'a>> {
    match query {
        Some(q) => lines.into_iter().map(|l| line(l, q, style)).collect(),
        None => lines,
    }
}

/// `l` with every match of `query` (lower case) drawn in `style` over its own.
pub fn line<'a>(l: Line<'a>, query: &str, style: Style) -> Line<'a> {
    let Line {
        spans,
        style: line_style,
        alignment,
        ..
    } = l;
    let mut out: Vec<Span<'a>> = Vec::with_capacity(spans.len());
    for span in spans {
        let found = matches(&span.content, query);
        if found.is_empty() {
            out.push(span);
            continue;
        }
        let mut at = 0;
        for r in found {
            if r.start > at {
                out.push(Span::styled(
                    span.content[at..r.start].to_string(),
                    span.style,
                ));
            }
            out.push(Span::styled(
                span.content[r.clone()].to_string(),
                span.style.patch(style),
            ));
            at = r.end;
        }
        if at < span.content.len() {
            out.push(Span::styled(span.content[at..].to_string(), span.style));
        }
    }
    let mut l = Line::from(out).style(line_style);
    l.alignment = alignment;
    l
}

/// The byte ranges of `hay` that match `query` (lower case), compared a
/// character at a time in lower case, without overlaps.
pub fn matches(hay: &str, query: &str) -> Vec<Range<usize>> {
    let q: Vec<char> = query.chars().collect();
    if q.is_empty() {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = hay.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Match from character i: each character's lower case must be the
        // next piece of the query.
        let (mut j, mut k) = (i, 0);
        let mut ok = true;
        while k < q.len() && ok {
            let Some(&(_, c)) = chars.get(j) else {
                ok = false;
                break;
            };
            for lc in c.to_lowercase() {
                if q.get(k) != Some(&lc) {
                    ok = false;
                    break;
                }
                k += 1;
            }
            j += 1;
        }
        if ok && k == q.len() {
            let end = chars.get(j).map_or(hay.len(), |&(b, _)| b);
            out.push(chars[i].0..end);
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn matches_any_case_without_overlaps() {
        assert_eq!(matches("NATO and nato", "nato"), vec![0..4, 9..13]);
        assert_eq!(matches("aaaa", "aa"), vec![0..2, 2..4]);
        assert_eq!(matches("Ünïcode ünï", "ünï"), vec![0..5, 10..15]);
        assert!(matches("abc", "").is_empty());
        assert!(matches("ab", "abc").is_empty());
    }

    #[test]
    fn a_line_keeps_its_text_and_marks_the_match() {
        let hl = Style::new().add_modifier(Modifier::UNDERLINED);
        let l = Line::from(vec![
            Span::raw("the NATO "),
            Span::styled("nato!", Style::new().add_modifier(Modifier::BOLD)),
        ]);
        let out = line(l, "nato", hl);
        let text: String = out.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "the NATO nato!");
        let marked: Vec<&str> = out
            .spans
            .iter()
            .filter(|s| s.style.add_modifier.contains(Modifier::UNDERLINED))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, vec!["NATO", "nato"]);
        assert!(
            out.spans
                .iter()
                .any(|s| s.content == "nato" && s.style.add_modifier.contains(Modifier::BOLD)),
            "the span's own style stays under the mark"
        );
    }
}
