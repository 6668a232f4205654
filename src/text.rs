//! Measuring and cutting text by display width (below every module that
//! shows text: the watch's status line, the view).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    // Printable ASCII is a column a byte.
    if s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending in `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    // Printable ASCII, most of what the desk shows, is a column a byte: no
    // need to measure a long text to cut it.
    if s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return match max {
            _ if s.len() <= max => s.to_string(),
            0 => String::new(),
            _ => {
                let mut out = String::with_capacity(max + '…'.len_utf8());
                out.push_str(&s[..max - 1]);
                out.push('…');
                out
            }
        };
    }
    truncate_measured(s, max)
}

/// [`truncate`] by its definition: the whole is measured as a string (a ZWJ
/// sequence or an emoji presentation is narrower or wider than its
/// characters summed), then the characters that fit before the ellipsis
/// are kept.
pub(crate) fn truncate_measured(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}
