//! List items: their markers, and lists read as paragraphs or indicators.

use super::lines::*;
use super::ordinals::{ORDINALS, marker_at, ordinal_indicators};

/// The kind of a list marker: a list ends where the kind changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkerKind {
    /// `-`, `+`
    Hyphen,
    /// `*`
    Star,
    /// `–`, `—`
    Dash,
    /// `•`, `▪`, `●` and the other typographic bullets.
    Bullet,
    /// `→`, `->`, `=>`, `➤`, `►`, `▶`, `⇒`
    Arrow,
    /// `>`
    Quote,
    /// `1.`
    NumberDot,
    /// `1)`
    NumberParen,
    /// `(1)`
    NumberEnclosed,
    /// `a.`
    LetterDot,
    /// `a)`
    LetterParen,
    /// `(a)`
    LetterEnclosed,
}

/// If the line starts with a list marker, the byte length of the marker and
/// the space after it.
pub(super) fn list_marker(s: &str) -> Option<usize> {
    list_marker_kind(s).map(|(n, _)| n)
}

/// The byte length of a line's list marker with the space after it, and the
/// marker's kind.
pub(super) fn list_marker_kind(s: &str) -> Option<(usize, MarkerKind)> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let space_after = |rest: &str| rest.len() - rest.trim_start().len();
    const SPACED: [(&str, MarkerKind); 9] = [
        ("->", MarkerKind::Arrow),
        ("=>", MarkerKind::Arrow),
        ("-", MarkerKind::Hyphen),
        ("+", MarkerKind::Hyphen),
        ("*", MarkerKind::Star),
        ("–", MarkerKind::Dash),
        ("—", MarkerKind::Dash),
        (">", MarkerKind::Quote),
        ("→", MarkerKind::Arrow),
    ];
    for (bullet, kind) in SPACED {
        if let Some(rest) = t.strip_prefix(bullet)
            && rest.starts_with([' ', '\t'])
        {
            return Some((lead + bullet.len() + space_after(rest), kind));
        }
    }
    // Typographic bullets and arrows need no space after them.
    for bullet in [
        '•', '▪', '◦', '‣', '●', '■', '∙', '·', '►', '➤', '➢', '▶', '⇒', '→', '➔', '➜',
    ] {
        if let Some(rest) = t.strip_prefix(bullet)
            && has_letter(rest)
        {
            let kind = if "•▪◦‣●■∙·".contains(bullet) {
                MarkerKind::Bullet
            } else {
                MarkerKind::Arrow
            };
            return Some((lead + bullet.len_utf8() + space_after(rest), kind));
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
    let number = digits > 0;
    let kind = match bytes.get(i) {
        Some(b')') if paren && number => MarkerKind::NumberEnclosed,
        Some(b')') if paren => MarkerKind::LetterEnclosed,
        Some(b')') if number => MarkerKind::NumberParen,
        Some(b')') => MarkerKind::LetterParen,
        Some(b'.') if !paren && number => MarkerKind::NumberDot,
        Some(b'.') if !paren => MarkerKind::LetterDot,
        _ => return None,
    };
    i += 1;
    let rest = &t[i..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    // "a. The ..." with a capital after it: not "e. coli" or "i. e.".
    if kind == MarkerKind::LetterDot && !rest.trim_start().starts_with(char::is_uppercase) {
        return None;
    }
    Some((lead + i + space_after(rest), kind))
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

/// One indicator as read, with the lines it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Item {
    pub(super) text: String,
    pub(super) first: usize,
    pub(super) last: usize,
}

/// List items after the indicators' list ended (a plain paragraph, or a
/// change of marker): not indicators, and said so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Cut {
    pub(super) first: usize,
    pub(super) last: usize,
    pub(super) items: usize,
}

/// What the Outlook's paragraphs hold: its introduction, its indicators,
/// and any list items passed over after them.
#[derive(Debug, Default)]
pub(super) struct Reading {
    pub(super) intro: String,
    pub(super) items: Vec<Item>,
    pub(super) cut: Vec<Cut>,
    /// The Outlook's words after its indicators ("These signals will
    /// indicate ...").
    pub(super) closing: String,
}

/// The Outlook's introduction and its indicators.
pub(super) fn indicators(paras: &[Para]) -> Reading {
    if paras
        .iter()
        .any(|p| p.lines.iter().any(|l| list_marker(l.text).is_some()))
    {
        return list_indicators(paras);
    }
    let (intro, found, closing) = ordinal_indicators(paras);
    if !found.is_empty() {
        let items = found
            .into_iter()
            .filter_map(|(p, text)| {
                let para = paras.get(p)?;
                Some(Item {
                    text,
                    first: para.lines.first()?.no,
                    last: para.lines.last()?.no,
                })
            })
            .collect();
        return Reading {
            intro,
            items,
            cut: Vec::new(),
            closing,
        };
    }
    inline_enumeration(paras)
}

fn list_indicators(paras: &[Para]) -> Reading {
    let mut intro: Vec<&str> = Vec::new();
    // Each item's lines and line numbers.
    let mut items: Vec<(Vec<&str>, usize, usize)> = Vec::new();
    let mut cut: Vec<Cut> = Vec::new();
    let mut kind: Option<MarkerKind> = None;
    let mut ended = false;
    // Plain text after the list: its closing remark.
    let mut closing: Vec<String> = Vec::new();
    for p in paras {
        let has_items = p.lines.iter().any(|l| list_marker(l.text).is_some());
        if ended {
            if !has_items && cut.is_empty() {
                closing.push(p.joined());
            }
            if has_items {
                let count = p
                    .lines
                    .iter()
                    .filter(|l| list_marker(l.text).is_some())
                    .count();
                push_cut(&mut cut, p.lines.iter().map(|l| l.no), count);
            }
            continue;
        }
        if !has_items {
            if items.is_empty() {
                intro.extend(p.lines.iter().map(|l| l.text));
            } else if !(p.lines.len() == 1 && p.lines[0].text.trim_end().ends_with(':')) {
                // A plain paragraph ends the list; a one-line label ("Also
                // watch:") leads on to more items of the same list.
                ended = true;
                closing.push(p.joined());
            }
            continue;
        }
        let mut in_item = false;
        for (k, l) in p.lines.iter().enumerate() {
            match list_marker_kind(l.text) {
                Some((n, this)) => {
                    if kind.is_some_and(|k| k != this) {
                        // The marker changed: another list.
                        ended = true;
                        let rest = &p.lines[k..];
                        let count = rest
                            .iter()
                            .filter(|l| list_marker(l.text).is_some())
                            .count();
                        push_cut(&mut cut, rest.iter().map(|l| l.no), count);
                        break;
                    }
                    kind = Some(this);
                    items.push((vec![&l.text[n..]], l.no, l.no));
                    in_item = true;
                }
                None if in_item => {
                    if let Some(item) = items.last_mut() {
                        item.0.push(l.text);
                        item.2 = l.no;
                    }
                }
                // Text before the list is the introduction; text after it
                // (a closing remark) is not part of any indicator.
                None if items.is_empty() => intro.push(l.text),
                None => closing.push(l.text.trim().to_string()),
            }
        }
    }
    // A closing remark written straight under the last item, not indented as
    // its continuation, is not part of it either.
    if let Some(last) = items.last_mut()
        && let Some(k) = (1..last.0.len()).find(|&k| {
            !last.0[k].starts_with(char::is_whitespace)
                && ends_sentence(last.0[k - 1])
                && starts_sentence(last.0[k])
        })
    {
        let tail: Vec<String> = last.0[k..].iter().map(|l| l.trim().to_string()).collect();
        closing.splice(0..0, [join_lines(tail.iter().map(String::as_str))]);
        last.0.truncate(k);
        last.2 = last.1 + k - 1;
    }
    let items = items
        .into_iter()
        .map(|(lines, first, last)| {
            let text = join_lines(lines.into_iter());
            Item {
                text: without_ordinal(&text).to_string(),
                first,
                last,
            }
        })
        .filter(|i| has_letter(&i.text))
        .collect();
    Reading {
        intro: join_lines(intro.into_iter()),
        items,
        cut,
        closing: closing
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

fn push_cut(cut: &mut Vec<Cut>, mut lines: impl Iterator<Item = usize>, items: usize) {
    let Some(first) = lines.next() else { return };
    let last = lines.last().unwrap_or(first);
    match cut.last_mut() {
        Some(c) if c.last + 2 >= first => {
            c.last = last;
            c.items += items;
        }
        _ => cut.push(Cut { first, last, items }),
    }
}

/// "1. First, whether ...": the number already says it.
fn without_ordinal(text: &str) -> &str {
    let start = ORDINALS
        .iter()
        .chain(&["finally", "last"])
        .find_map(|w| marker_at(text, 0, w))
        .unwrap_or(0);
    &text[start..]
}

/// Where the enclosed number or letter `(n)` stands in `text`, from `from`,
/// as a word of its own: the marker's start and the text after it.
fn find_enclosed(text: &str, from: usize, label: &str) -> Option<(usize, usize)> {
    let needle = format!("({label})");
    let mut pos = from;
    while let Some(found) = text.get(pos..)?.find(&needle) {
        let at = pos + found;
        let after = at + needle.len();
        let alone_before = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if alone_before && text[after..].starts_with(char::is_whitespace) {
            let skip = text[after..].len() - text[after..].trim_start().len();
            return Some((at, after + skip));
        }
        pos = after;
    }
    None
}

/// Indicators enumerated inside a paragraph: "watch for (1) a vote, (2) a
/// statement and (3) a strike."
fn inline_enumeration(paras: &[Para]) -> Reading {
    const LETTERS: [&str; 12] = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"];
    let numbers: Vec<String> = (1..=20).map(|n| n.to_string()).collect();
    let sequences: [Vec<&str>; 2] = [
        numbers.iter().map(String::as_str).collect(),
        LETTERS.to_vec(),
    ];
    for (pi, para) in paras.iter().enumerate() {
        let text = para.joined();
        for labels in &sequences {
            let mut marks: Vec<(usize, usize)> = Vec::new();
            let mut pos = 0;
            for label in labels {
                match find_enclosed(&text, pos, label) {
                    Some((m, t)) => {
                        marks.push((m, t));
                        pos = t;
                    }
                    None => break,
                }
            }
            if marks.len() < 2 {
                continue;
            }
            let (Some(first), Some(last)) = (para.lines.first(), para.lines.last()) else {
                continue;
            };
            let mut items = Vec::new();
            for (k, &(_, t)) in marks.iter().enumerate() {
                let end = match marks.get(k + 1) {
                    Some(&(next, _)) => next,
                    None => t + super::ordinals::sentence_end(&text[t..]),
                };
                let item = text[t..end].trim();
                let item = item
                    .strip_suffix(" and")
                    .or_else(|| item.strip_suffix(" or"))
                    .unwrap_or(item)
                    .trim_end_matches([';', ','])
                    .trim_end();
                if has_letter(item) {
                    items.push(Item {
                        text: item.to_string(),
                        first: first.no,
                        last: last.no,
                    });
                }
            }
            let mut intro: Vec<String> = paras[..pi].iter().map(Para::joined).collect();
            intro.push(text[..marks[0].0].to_string());
            return Reading {
                intro: join_lines(intro.iter().map(String::as_str)),
                items,
                cut: Vec::new(),
                closing: String::new(),
            };
        }
    }
    Reading::default()
}
