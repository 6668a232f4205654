//! Lines and paragraphs: line endings, byte-order marks, the canonical
//! text a brief's id is computed from, and the small tests on a line's text.

use super::lists::list_marker;

/// Split text into lines on `\r\n`, `\r` or `\n`, without the endings.
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        // Both are ASCII, so a byte search finds them at char boundaries.
        match s.bytes().position(|b| b == b'\r' || b == b'\n') {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// The text without byte-order marks: the one at the start, a second one
/// from a file saved twice, and any left inside by files joined together.
pub(super) fn strip_bom(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.trim_start_matches('\u{feff}');
    if text.contains('\u{feff}') {
        std::borrow::Cow::Owned(text.replace('\u{feff}', ""))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The canonical form of a brief's text, from which its id is computed:
/// `\n` line endings, no trailing blanks, no leading or trailing blank lines,
/// and at most one blank line in a row.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in split_lines(&strip_bom(text)) {
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        out.push_str(line);
    }
    out
}

/// One line of text with its 1-based line number.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) no: usize,
    pub(super) text: &'a str,
}

/// A paragraph: consecutive non-blank lines.
#[derive(Debug, Clone)]
pub(super) struct Para<'a> {
    pub(super) lines: Vec<Line<'a>>,
}

impl Para<'_> {
    pub(super) fn joined(&self) -> String {
        join_lines(self.lines.iter().map(|l| l.text))
    }
}

pub(super) fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// Group lines into paragraphs separated by blank lines. Lines for which
/// `skip` says so are dropped and end the paragraph; a line for which
/// `starts_block` says so starts a new one.
pub(super) fn blocks<'a>(
    text: &'a str,
    mut skip: impl FnMut(usize, &str) -> bool,
    starts_block: impl Fn(usize) -> bool,
) -> Vec<Para<'a>> {
    let mut blocks = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    for (i, raw) in split_lines(text).enumerate() {
        let t = raw.trim_end();
        let no = i + 1;
        // Only ASCII blanks make a blank line; a line of no-break or
        // zero-width spaces is web boilerplate, said as such.
        let blank = raw
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .is_empty();
        let skipped = !blank && (skip(no, raw) || t.trim().is_empty());
        if (blank || skipped || starts_block(no)) && !current.is_empty() {
            blocks.push(Para {
                lines: std::mem::take(&mut current),
            });
        }
        if !blank && !skipped {
            current.push(Line { no, text: t });
        }
    }
    if !current.is_empty() {
        blocks.push(Para { lines: current });
    }
    blocks
}

pub(super) fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

pub(super) fn starts_sentence(s: &str) -> bool {
    s.trim_start().chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || "\"'\u{201c}\u{2018}(".contains(c)
    })
}

pub(super) fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}'])
        .ends_with(['.', '!', '?'])
}

pub(super) fn is_underline(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

/// A horizontal rule: "---", "***", "___", "* * *", "====".
pub(super) fn is_rule(s: &str) -> bool {
    let mut chars = s.chars().filter(|c| !c.is_whitespace());
    let Some(first) = chars.next() else {
        return false;
    };
    let mut n = 1;
    for c in chars {
        if c != first {
            return false;
        }
        n += 1;
    }
    n >= 3 && "-*_=~".contains(first)
}

pub(super) fn is_markdown_heading(s: &str) -> bool {
    let t = s.trim_start();
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) && has_letter(&t[hashes..])
}

/// Paragraphs in text written without blank lines. Long lines that each
/// end a sentence are a paragraph each; hard-wrapped lines are filled to the
/// width before they break, so a line that ends a sentence with room left
/// for the next line's first word ends its paragraph.
pub(super) fn split_dense(p: Para<'_>) -> Vec<Para<'_>> {
    let lines = &p.lines;
    if lines.len() < 2 || lines.iter().any(|l| list_marker(l.text).is_some()) {
        return vec![p];
    }
    let width = |l: &Line| l.text.trim().chars().count();
    let widest = lines.iter().map(width).max().unwrap_or(0);
    let unwrapped = widest > 100 && lines.iter().all(|l| ends_sentence(l.text));
    let mut out = Vec::new();
    let mut start = 0;
    for k in 0..lines.len() - 1 {
        let next = lines[k + 1].text.trim();
        let next_word = next.split_whitespace().next().unwrap_or("").chars().count();
        let ends_paragraph = unwrapped
            || (ends_sentence(lines[k].text)
                && starts_sentence(next)
                && width(&lines[k]) + 1 + next_word <= widest);
        if ends_paragraph {
            out.push(Para {
                lines: lines[start..=k].to_vec(),
            });
            start = k + 1;
        }
    }
    out.push(Para {
        lines: lines[start..].to_vec(),
    });
    out
}
