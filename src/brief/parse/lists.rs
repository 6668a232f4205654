//! List items: their markers, and lists read as paragraphs or indicators.

use super::lines::*;
use super::ordinals::{ORDINALS, find_marker, ordinal_indicators};

/// If the line starts with a list marker, the byte length of the marker and
/// the space after it.
pub(super) fn list_marker(s: &str) -> Option<usize> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let space_after = |rest: &str| rest.len() - rest.trim_start().len();
    for bullet in ['-', '*', '+', '–', '—'] {
        if let Some(rest) = t.strip_prefix(bullet)
            && rest.starts_with([' ', '\t'])
        {
            return Some(lead + bullet.len_utf8() + space_after(rest));
        }
    }
    // Typographic bullets need no space after them.
    for bullet in ['•', '▪', '◦', '‣', '●', '■', '►', '➤', '➢', '∙', '·'] {
        if let Some(rest) = t.strip_prefix(bullet)
            && has_letter(rest)
        {
            return Some(lead + bullet.len_utf8() + space_after(rest));
        }
    }
    let bytes = t.as_bytes();
    let mut i = 0;
    let paren = bytes.first() == Some(&b'(');
    if paren {
        i += 1;
    }
    let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let letters = if digits == 0 {
        usize::from(bytes.get(i).is_some_and(|b| b.is_ascii_lowercase()))
    } else {
        0
    };
    if (digits == 0 || digits > 3) && letters == 0 {
        return None;
    }
    i += digits + letters;
    match bytes.get(i) {
        Some(b')') => i += 1,
        Some(b'.') if !paren && digits > 0 => i += 1,
        _ => return None,
    }
    let rest = &t[i..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(lead + i + space_after(rest))
}

/// Theme and Washington paragraphs: a list inside a paragraph becomes one
/// paragraph per item.
pub(super) fn section_paragraphs(p: &Para) -> Vec<String> {
    if !p.lines.iter().any(|l| list_marker(l.text).is_some()) {
        return vec![p.joined()];
    }
    let mut out: Vec<Vec<&str>> = Vec::new();
    for l in &p.lines {
        match list_marker(l.text) {
            Some(n) => out.push(vec![&l.text[n..]]),
            None => match out.last_mut() {
                Some(item) => item.push(l.text),
                None => out.push(vec![l.text]),
            },
        }
    }
    out.into_iter()
        .map(|item| join_lines(item.into_iter()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The Outlook's introduction and its indicators.
pub(super) fn indicators(paras: &[Para]) -> (String, Vec<String>) {
    if paras
        .iter()
        .any(|p| p.lines.iter().any(|l| list_marker(l.text).is_some()))
    {
        return list_indicators(paras);
    }
    ordinal_indicators(paras)
}

pub(super) fn list_indicators(paras: &[Para]) -> (String, Vec<String>) {
    let mut intro: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<&str>> = Vec::new();
    for p in paras {
        let mut in_item = false;
        for l in &p.lines {
            match list_marker(l.text) {
                Some(n) => {
                    items.push(vec![&l.text[n..]]);
                    in_item = true;
                }
                None if in_item => {
                    if let Some(item) = items.last_mut() {
                        item.push(l.text);
                    }
                }
                // Text before the list is the introduction; text after it
                // (a closing remark) is not part of any indicator.
                None if items.is_empty() => intro.push(l.text),
                None => {}
            }
        }
    }
    // A closing remark written straight under the last item, not indented as
    // its continuation, is not part of it either.
    if let Some(last) = items.last_mut()
        && let Some(k) = (1..last.len()).find(|&k| {
            !last[k].starts_with(char::is_whitespace)
                && ends_sentence(last[k - 1])
                && starts_sentence(last[k])
        })
    {
        last.truncate(k);
    }
    let items = items
        .into_iter()
        .map(|i| {
            let text = join_lines(i.into_iter());
            // "1. First, whether ...": the number already says it.
            let start = ORDINALS
                .iter()
                .chain(&["finally", "last"])
                .find_map(|w| find_marker(&text, 0, w).filter(|&(m, _)| m == 0))
                .map_or(0, |(_, t)| t);
            text[start..].to_string()
        })
        .filter(|s| has_letter(s))
        .collect();
    (join_lines(intro.into_iter()), items)
}
