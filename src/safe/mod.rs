//! The one gate for text from outside (briefs, notes, file names) on its way
//! out: to a terminal, a tmux status bar, a JSON consumer or a Markdown
//! report. Depends on nothing else in the crate.
//!
//! What happens to each kind of character on its way to a terminal
//! ([`for_terminal`], [`one_line`], and the desk's cells through `ui::put_str`):
//!
//! | characters | becomes |
//! | --- | --- |
//! | C0 controls U+0000-U+001F (ESC, BEL, BS, CR, ...) | their Unicode control picture, `␛` `␇` `␈` `␍` (U+2400-U+241F) |
//! | DEL U+007F | `␡` (U+2421) |
//! | C1 controls U+0080-U+009F (CSI U+009B, OSC U+009D, NEL U+0085, ...) | `�` (U+FFFD) |
//! | `\n` and `\t` | kept by [`for_terminal`]; a space in [`one_line`] |
//! | `\r\n` | `\n` in [`for_terminal`], a space in [`one_line`] |
//! | U+2028, U+2029 (line and paragraph separators) | a space |
//! | bidi embeddings, overrides, isolates and marks (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) | removed |
//! | zero-width characters (U+200B-U+200D, U+2060, U+FEFF) and the other format characters (general category Cf: soft hyphen, U+2061-U+2064, tags, ...) | removed |
//!
//! Escape sequences are not parsed: their introducer (ESC, or a C1 control)
//! becomes visible, and what followed it (`[2J`, `]52;c;...`) is then plain
//! printable text that a terminal shows as it is. A filter that parses
//! sequences is a filter a cleverly broken sequence gets past; this one has
//! nothing to parse. Controls are shown, not dropped, so that an analyst sees
//! that a brief carried something odd; bidi and zero-width characters are
//! removed, since there is nothing useful to show for them and a stand-in
//! would break every word they sit in. (An emoji joined by U+200D falls
//! apart into its pieces: `👩‍💻` shows as `👩💻`.)
//!
//! For JSON ([`for_json`]) nothing is lost: serde_json already writes C0
//! controls as `\u001b` and the like, and the post-pass writes DEL, the C1
//! controls, the line separators and every format character (bidi, zero
//! width) as `\uXXXX` too, so the bytes hold none of them raw while a JSON
//! reader gets the text back exactly.
//!
//! Markdown has a gate of its own: [`markdown`].

use std::borrow::Cow;

pub mod markdown;

/// What a character becomes on a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    Becomes(char),
    Drop,
}

/// Bidi controls: embeddings, overrides, isolates and the marks.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Zero-width characters: spaces, joiners, the word joiner and the BOM.
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Format characters (general category Cf, Unicode 15), which include the
/// bidi controls and the zero-width characters above.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

/// A C1 control (U+0080-U+009F).
pub fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// Would [`one_line`] change this character? (Everything a terminal could
/// take as an instruction, or that is invisible and moves text around.)
pub fn is_unsafe(c: char) -> bool {
    fate(c, false) != Fate::Keep
}

fn fate(c: char, multiline: bool) -> Fate {
    match c {
        '\n' | '\t' if multiline => Fate::Keep,
        '\n' | '\t' => Fate::Becomes(' '),
        '\u{0}'..='\u{1F}' => {
            Fate::Becomes(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'))
        }
        '\u{7F}' => Fate::Becomes('\u{2421}'),
        c if is_c1(c) => Fate::Becomes('\u{FFFD}'),
        '\u{2028}' | '\u{2029}' => Fate::Becomes(' '),
        c if is_format(c) => Fate::Drop,
        _ => Fate::Keep,
    }
}

/// Text as it may go to a terminal or a report file, keeping its line
/// breaks and tabs. Borrowed when there is nothing to change.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// [`for_terminal`] on one line: line breaks and tabs become spaces too (a
/// status bar, a terminal title, a cell of the desk).
pub fn one_line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

fn clean(s: &str, multiline: bool) -> Cow<'_, str> {
    // Printable ASCII (most text) has nothing to change.
    let first = s
        .bytes()
        .position(|b| !(matches!(b, b' '..=b'~') || (multiline && matches!(b, b'\n' | b'\t'))));
    let Some(first) = first else {
        return Cow::Borrowed(s);
    };
    let bad = s[first..]
        .char_indices()
        .find(|&(_, c)| fate(c, multiline) != Fate::Keep);
    let Some((at, _)) = bad else {
        return Cow::Borrowed(s);
    };
    let at = first + at;
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..at]);
    let mut chars = s[at..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            // A Windows line end is a line end.
            if !multiline {
                out.push(' ');
                chars.next();
            }
            continue;
        }
        match fate(c, multiline) {
            Fate::Keep => out.push(c),
            Fate::Becomes(r) => out.push(r),
            Fate::Drop => {}
        }
    }
    Cow::Owned(out)
}

/// serde_json output made safe to print: DEL, the C1 controls, U+2028,
/// U+2029 and every format character (bidi controls, zero-width characters)
/// written as `\uXXXX` escapes. Only valid on JSON text, where such
/// characters can only stand inside strings; a JSON reader gets the same
/// strings back.
pub fn for_json(json: &str) -> Cow<'_, str> {
    let needs = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            || matches!(c, '\u{2028}' | '\u{2029}')
            || is_format(c)
    };
    if json.is_ascii()
        && !json
            .bytes()
            .any(|b| b == 0x7f || (b < 0x20 && !b"\n\r\t".contains(&b)))
    {
        return Cow::Borrowed(json);
    }
    if !json.chars().any(needs) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
