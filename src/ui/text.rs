//! Measuring, cutting and wrapping text by display width.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending in `…` when it was cut. Only
/// the part that is kept is measured, however long `s` is.
pub fn truncate(s: &str, max: usize) -> String {
    match cut(s, max) {
        None => s.to_string(),
        Some(_) if max == 0 => String::new(),
        Some(end) => {
            let mut out = String::with_capacity(end + '…'.len_utf8());
            out.push_str(&s[..end]);
            out.push('…');
            out
        }
    }
}

/// Where `s` is cut to fit `max` columns with an ellipsis after it (a byte
/// offset), or `None` when all of it fits.
fn cut(s: &str, max: usize) -> Option<usize> {
    let mut used = 0;
    let mut keep = None;
    for (at, c) in s.char_indices() {
        let w = c.width().unwrap_or(0);
        if keep.is_none() && used + w > max.saturating_sub(1) {
            keep = Some(at);
        }
        used += w;
        if used > max {
            return keep;
        }
    }
    None
}

/// Pad `s` with spaces to exactly `w` columns (cutting it if longer).
pub fn fit(s: &str, w: usize) -> String {
    let mut t = truncate(s, w);
    let pad = w.saturating_sub(width(&t));
    t.extend(std::iter::repeat_n(' ', pad));
    t
}

/// Word-wrap `s` to lines of at most `max` columns. Words longer than a line
/// are broken. Never returns an empty vector for non-empty input.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    wrap_first(s, max, usize::MAX)
}

/// The first `limit` lines of [`wrap`], without wrapping the rest of `s`
/// (a list row shows two or six lines of a long paragraph).
pub fn wrap_first(s: &str, max: usize, limit: usize) -> Vec<String> {
    if limit == 0 {
        return Vec::new();
    }
    let max = max.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in s.split_whitespace() {
        let ww = width(word);
        if used > 0 && used + 1 + ww <= max {
            line.push(' ');
            line.push_str(word);
            used += 1 + ww;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
            if lines.len() >= limit {
                return lines;
            }
        }
        if ww <= max {
            line.push_str(word);
            used = ww;
            continue;
        }
        // A word wider than the line: break it.
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if used + cw > max {
                lines.push(std::mem::take(&mut line));
                used = 0;
                if lines.len() >= limit {
                    return lines;
                }
            }
            line.push(c);
            used += cw;
        }
    }
    if (used > 0 || lines.is_empty()) && lines.len() < limit {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
    }

    /// Cutting as it is defined: measure the whole, then keep what fits
    /// before the ellipsis.
    fn truncate_by_definition(s: &str, max: usize) -> String {
        let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
        if total <= max {
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

    proptest::proptest! {
        #[test]
        fn wrap_first_is_the_start_of_wrap(
            s in "[a-z é漢👍]{0,60}", max in 0usize..12, limit in 0usize..8,
        ) {
            let all = wrap(&s, max);
            let first = wrap_first(&s, max, limit);
            proptest::prop_assert_eq!(&first[..], &all[..limit.min(all.len())]);
        }

        #[test]
        fn truncate_keeps_what_fits(s in "[a-z é漢\u{301}👍]{0,30}", max in 0usize..34) {
            let t = truncate(&s, max);
            proptest::prop_assert_eq!(&t, &truncate_by_definition(&s, max));
            proptest::prop_assert!(width(&t) <= max || max == 0);
        }
    }

    #[test]
    fn truncates_by_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(fit("ab", 4), "ab  ");
    }
}
