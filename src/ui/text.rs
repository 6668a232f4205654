//! Measuring, cutting and wrapping text by display width.

use unicode_width::UnicodeWidthChar;

pub use crate::text::{truncate, width};

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
        fn truncate_keeps_what_fits(
            s in "[ -~]{0,40}|[ -~\té…]{0,40}",
            max in 0usize..34,
        ) {
            // The ASCII shortcut cuts where measuring would.
            proptest::prop_assert_eq!(truncate(&s, max), crate::text::truncate_measured(&s, max));
        }
    }

    #[test]
    fn a_zwj_sequence_that_fits_is_not_cut() {
        // Three characters of two columns each, drawn as one two-column
        // glyph: the string is 6 columns wide, not 8.
        assert_eq!(truncate("👩\u{200d}💻 dev", 6), "👩\u{200d}💻 dev");
    }

    #[test]
    fn truncates_by_width() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(fit("ab", 4), "ab  ");
    }
}
