//! Headings: which lines are headings, and the brief cut into sections at
//! them.

use super::lines::*;
use super::lists::list_marker;
use super::vocab::{Kind, classify};

#[derive(Debug)]
pub(super) struct RawSection<'a> {
    pub(super) heading: Option<Line<'a>>,
    pub(super) title: String,
    pub(super) paras: Vec<Para<'a>>,
    /// What a correction says this heading is.
    pub(super) forced: Option<Kind>,
}

/// A heading a correction puts at a line: of what kind, and, when the line
/// is text rather than a heading, the title to give it.
#[derive(Debug, Clone)]
pub(super) struct Forced {
    pub(super) kind: Kind,
    pub(super) title: Option<String>,
}

/// Cut the paragraphs into sections at the heading lines.
pub(super) fn sections<'a>(
    blocks: &[Para<'a>],
    forced: &std::collections::BTreeMap<usize, Forced>,
) -> Vec<RawSection<'a>> {
    /// How many headings may be stacked at the top of a block: a banner, a
    /// title, a subtitle, a date line, the first theme.
    const MAX_STACKED: usize = 5;
    let mut out: Vec<RawSection<'a>> = Vec::new();
    let mut in_outlook = false;
    // No paragraph yet: still in the brief's title lines.
    let mut at_top = true;
    for block in blocks {
        // A horizontal rule ("---", "* * *") between sections.
        if block.lines.iter().all(|l| is_rule(l.text)) {
            continue;
        }
        if let Some(first) = block.lines.first()
            && let Some(f) = forced.get(&first.no)
        {
            let (title, paras) = match &f.title {
                Some(t) => (t.clone(), vec![block.clone()]),
                None => (
                    clean_heading(first.text),
                    (block.lines.len() > 1)
                        .then(|| Para {
                            lines: block.lines[1..].to_vec(),
                        })
                        .into_iter()
                        .collect(),
                ),
            };
            in_outlook = f.kind.is_outlook();
            at_top = false;
            out.push(RawSection {
                heading: Some(*first),
                title,
                paras,
                forced: Some(f.kind),
            });
            continue;
        }
        let parts = split_at_inner_headings(block);
        // Written without blank lines: paragraphs are told apart by their
        // line breaks.
        let dense = parts.len() > 1;
        for (block, forced) in parts {
            let mut pending = Some(block);
            let mut stacked = 0;
            let mut forced = forced;
            while let Some(block) = pending.take() {
                let (heading, body) = if std::mem::take(&mut forced) {
                    let rest = (block.lines.len() > 1).then(|| Para {
                        lines: block.lines[1..].to_vec(),
                    });
                    (Some(block.lines[0]), rest)
                } else {
                    split_heading(&block, in_outlook)
                };
                if let Some(h) = heading {
                    let title = clean_heading(h.text);
                    in_outlook = classify(&title).is_outlook();
                    out.push(RawSection {
                        heading: Some(h),
                        title,
                        paras: Vec::new(),
                        forced: None,
                    });
                    // At the top of the brief a title may sit directly above a
                    // subtitle or the first theme's heading: look again.
                    stacked += 1;
                    if at_top && stacked < MAX_STACKED && body.is_some() {
                        pending = body;
                        continue;
                    }
                }
                if let Some(body) = body {
                    at_top = false;
                    let paras = if dense { split_dense(body) } else { vec![body] };
                    match out.last_mut() {
                        Some(s) => s.paras.extend(paras),
                        None => out.push(RawSection {
                            heading: None,
                            title: String::new(),
                            paras,
                            forced: None,
                        }),
                    }
                }
            }
        }
    }
    out
}

/// Cut a block where a heading line stands inside it, in a brief written
/// without blank lines: a line that looks like a heading (a section name, or
/// a short title-case line, or a short line ending in a colon) between the
/// end of one sentence and the start of the next. Each part after the first
/// starts with its heading (`true`).
pub(super) fn split_at_inner_headings<'a>(block: &Para<'a>) -> Vec<(Para<'a>, bool)> {
    let lines = &block.lines;
    let widest = lines
        .iter()
        .map(|l| l.text.trim().chars().count())
        .max()
        .unwrap_or(0);
    let mut parts = Vec::new();
    let mut start = 0;
    for k in 1..lines.len() {
        if is_inner_heading(lines, k, widest) {
            parts.push((
                Para {
                    lines: lines[start..k].to_vec(),
                },
                start > 0,
            ));
            start = k;
        }
    }
    if start == 0 {
        return vec![(block.clone(), false)];
    }
    parts.push((
        Para {
            lines: lines[start..].to_vec(),
        },
        true,
    ));
    parts
}

pub(super) fn is_inner_heading(lines: &[Line], k: usize, widest: usize) -> bool {
    let line = lines[k].text;
    let prev = lines[k - 1].text;
    if !looks_like_heading(line)
        || list_marker(line).is_some()
        || is_underline(line)
        || is_markdown_heading(prev)
        || !(ends_sentence(prev) || prev.trim_end().ends_with(':') || list_marker(prev).is_some())
    {
        return false;
    }
    let next = lines.get(k + 1).map(|l| l.text);
    // Markdown and underlined headings, and the section names.
    if is_markdown_heading(line) || next.is_some_and(is_underline) {
        return true;
    }
    if !line
        .trim_start()
        .starts_with(|c: char| c.is_uppercase() || c == '*' || c == '_')
    {
        return false;
    }
    let title = clean_heading(line);
    if matches!(classify(&title), Kind::Washington | Kind::Outlook) && is_title_case(line) {
        return true;
    }
    // A line of a hard-wrapped paragraph is about as wide as the widest; a
    // title-case line of prose between two sentences is rare enough at any
    // width.
    let short = line.trim().chars().count() * 10 < widest * 7;
    let next_ok = next.is_none_or(|n| starts_sentence(n) || list_marker(n).is_some());
    let colon = line.trim_end().ends_with(':');
    next_ok
        && (is_title_case(line)
            || (short && colon && next.is_some_and(|n| list_marker(n).is_none())))
}

/// Decide whether a block starts with a heading; return the heading line and
/// what is left of the block.
pub(super) fn split_heading<'a>(
    block: &Para<'a>,
    in_outlook: bool,
) -> (Option<Line<'a>>, Option<Para<'a>>) {
    let lines = &block.lines;
    let first = lines[0];
    let rest = |from: usize| {
        (lines.len() > from).then(|| Para {
            lines: lines[from..].to_vec(),
        })
    };
    // Setext: a line underlined with === or ---.
    if lines.len() >= 2
        && is_underline(lines[1].text)
        && has_letter(first.text)
        && list_marker(first.text).is_none()
    {
        return (Some(first), rest(2));
    }
    if is_markdown_heading(first.text) {
        return (Some(first), rest(1));
    }
    // "Outlook: Over the next 48 hours, ..." with the text on the same line.
    if let Some((label, body)) = inline_label(first.text) {
        let mut body_lines = vec![Line {
            no: first.no,
            text: body,
        }];
        body_lines.extend_from_slice(&lines[1..]);
        return (
            Some(Line {
                no: first.no,
                text: label,
            }),
            Some(Para { lines: body_lines }),
        );
    }
    if !looks_like_heading(first.text) {
        return (None, Some(block.clone()));
    }
    let known = !matches!(
        classify(&clean_heading(first.text)),
        Kind::Theme | Kind::OutlookWeak
    );
    let list_item = list_marker(first.text).is_some();
    let heading = if lines.len() == 1 {
        // In the Outlook a one-line list item is an indicator, not a heading,
        // and a closing line is text; a section name still ends the Outlook.
        !in_outlook || (!list_item && (known || is_title_case(first.text)))
    } else if list_item {
        false
    } else if known || is_title_case(first.text) {
        // A heading with its paragraph directly under it, no blank line
        // between.
        true
    } else {
        // A sentence-case heading directly above its paragraph: a short line,
        // then a new sentence. The first line of a hard-wrapped paragraph is
        // about as long as the lines under it.
        let next = lines[1].text;
        let widest = lines[1..]
            .iter()
            .map(|l| l.text.trim().chars().count())
            .max()
            .unwrap_or(0);
        !in_outlook
            && list_marker(next).is_none()
            && starts_sentence(next)
            && first.text.trim().chars().count() * 10 < widest * 7
    };
    if heading {
        (Some(first), rest(1))
    } else {
        (None, Some(block.clone()))
    }
}

/// A section label with its text on the same line: "Washington Angle: The
/// administration ...", "**Outlook:** Over the next 48 hours, ...". Only
/// the known section names are taken this way. Returns the label and the text.
pub(super) fn inline_label(s: &str) -> Option<(&str, &str)> {
    // The label ends at a colon (perhaps inside bold: "**Outlook:**") or a
    // spaced dash, followed by a space.
    let mut split = None;
    for (i, c) in s.char_indices() {
        if i > 80 {
            break;
        }
        let after = &s[i + c.len_utf8()..];
        let sep = match c {
            ':' => Some(after.trim_start_matches(['*', '_'])),
            '\u{2014}' | '\u{2013}' | '-' if s[..i].ends_with(' ') => Some(after),
            _ => None,
        };
        if let Some(body) = sep
            && body.starts_with(char::is_whitespace)
        {
            split = Some((i, body));
            break;
        }
    }
    let (at, body) = split?;
    let label = s[..at].trim().trim_matches(['#', '*', '_']).trim();
    if !has_letter(label)
        || !is_title_case(label)
        || label.split_whitespace().count() > 6
        || !matches!(classify(label), Kind::Washington | Kind::Outlook)
    {
        return None;
    }
    let body = body.trim_start();
    // "Outlook: Next 48 Hours" is a whole heading, not a label and a
    // sentence.
    let sentence = body.ends_with(['.', ':', '!', '?']) || body.split_whitespace().count() > 8;
    (has_letter(body) && sentence).then_some((label, body))
}

/// A short line with no closing punctuation.
pub(super) fn looks_like_heading(s: &str) -> bool {
    let t = strip_emphasis(s.trim());
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    let t = strip_emphasis(t);
    if !has_letter(t) {
        return false;
    }
    let chars = t.chars().count();
    let words = t.split_whitespace().count();
    if chars > 100 || words > 14 {
        return false;
    }
    if t.starts_with(['-', '*', '+', '•', '–', '—', '>', '|']) {
        return false;
    }
    !t.ends_with(['.', ',', ';', '…', '!', '?'])
}

/// Every longer word capitalised, or the whole line in capitals.
pub(super) fn is_title_case(s: &str) -> bool {
    let t = clean_heading(s);
    let mut long_words = 0;
    for w in t.split_whitespace() {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.chars().count() >= 4 {
            long_words += 1;
            if !letters.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
        }
    }
    long_words > 0
}

/// Markdown emphasis around a whole heading: `**Outlook**`, `*Outlook*`,
/// `__Outlook__`.
pub(super) fn strip_emphasis(s: &str) -> &str {
    let t = s.trim();
    let lead = t.len() - t.trim_start_matches(['*', '_']).len();
    let trail = t.len() - t.trim_end_matches(['*', '_']).len();
    if lead > 0 && lead == trail && lead <= 3 && t.len() > lead + trail {
        t[lead..t.len() - trail].trim()
    } else {
        t
    }
}

/// A heading as shown: no Markdown marks, no numbering, no trailing colon.
pub(super) fn clean_heading(s: &str) -> String {
    let mut t = s.trim();
    if t.starts_with('#') {
        t = t.trim_start_matches('#').trim();
        // Closing hashes: "## Outlook ##".
        let body = t.trim_end_matches('#');
        if body.len() < t.len() && body.ends_with(char::is_whitespace) {
            t = body.trim_end();
        }
    }
    t = strip_emphasis(t);
    if let Some(n) = list_marker(t).or_else(|| roman_marker(t)) {
        t = t[n..].trim_start();
    }
    t = t.strip_suffix(':').unwrap_or(t).trim_end();
    t = strip_emphasis(t);
    t = t.strip_suffix(':').unwrap_or(t).trim_end();
    t.to_string()
}

/// "IV. " or "II) " before a heading: the byte length of the numeral and the
/// space after it.
pub(super) fn roman_marker(s: &str) -> Option<usize> {
    let n = s
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
        .count();
    if !(1..=6).contains(&n) || !matches!(s.as_bytes().get(n), Some(b'.' | b')')) {
        return None;
    }
    let rest = &s[n + 1..];
    let space = rest.len() - rest.trim_start().len();
    (space > 0).then_some(n + 1 + space)
}
