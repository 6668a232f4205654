//! Outside text in a Markdown report stays text: a note that says
//! `# Heading`, `---`, `<script>`, `[x](y)` or `| a | b |` is shown as the
//! analyst wrote it, never as structure, HTML or a live link.
//!
//! The rule, for CommonMark and GitHub's dialect:
//! - everywhere, the characters that open inline syntax are escaped with a
//!   backslash: `\` `` ` `` `*` `_` `[` `]` `<` `&` `|` `~` `#` `$`
//!   (emphasis, code, links and images, autolinks and HTML, entities,
//!   tables, strikethrough, heading closers, maths; a `>` is harmless
//!   once every `<` is escaped, so `->` stays as it is);
//! - at the start of a line (after its leading blanks, which are dropped so
//!   that nothing becomes an indented code block), the block markers are
//!   escaped too: `-` `+` `=` `>` (lists, thematic breaks, setext
//!   underlines, quotes)
//!   and the `.` or `)` after a number (ordered lists).
//!
//! A bare `https://...` may still be turned into a link by renderers that
//! autolink bare addresses (GitHub does); it then shows the address as
//! written, so it cannot pretend to be other text.

/// Characters escaped wherever they stand.
fn always(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '&' | '|' | '~' | '#' | '$'
    )
}

/// One line of text escaped, as if it started a line of the report.
fn line(s: &str, out: &mut String) {
    let s = s.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    for (i, c) in s.char_indices() {
        let at_start = i == 0 && matches!(c, '-' | '+' | '=' | '>');
        let list_number = digits > 0 && i == digits && matches!(c, '.' | ')');
        if always(c) || at_start || list_number {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Text for a place inside one line (a heading, a list item's first line,
/// a bracketed remark): line breaks become spaces.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let joined = s.split(['\n', '\r']).collect::<Vec<_>>().join(" ");
    line(&joined, &mut out);
    out
}

/// Text of several lines (a paragraph, a note), each line escaped, the
/// lines after the first indented by `indent` (to stay inside a list item).
pub fn block(s: &str, indent: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (n, l) in s.lines().enumerate() {
        if n > 0 {
            out.push('\n');
            if !l.trim().is_empty() {
                out.push_str(indent);
            }
        }
        line(l, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_syntax_is_escaped() {
        assert_eq!(inline("[x](http://y)"), r"\[x\](http://y)");
        assert_eq!(inline("![img](a.png)"), r"!\[img\](a.png)");
        assert_eq!(inline("<script>"), r"\<script>");
        assert_eq!(inline("<http://evil>"), r"\<http://evil>");
        assert_eq!(inline("I1 watching -> observed"), "I1 watching -> observed");
        assert_eq!(inline("a `b` *c* _d_"), r"a \`b\` \*c\* \_d\_");
        assert_eq!(inline("a | b"), r"a \| b");
        assert_eq!(inline("&amp; ~~x~~ $m$"), r"\&amp; \~\~x\~\~ \$m\$");
        assert_eq!(inline(r"back\slash"), r"back\\slash");
        assert_eq!(inline("two\nlines"), "two lines");
    }

    #[test]
    fn block_markers_at_line_start_are_escaped() {
        assert_eq!(block("# Heading", ""), r"\# Heading");
        assert_eq!(block("---", ""), r"\---");
        assert_eq!(block("===", ""), r"\===");
        assert_eq!(block("- item", ""), r"\- item");
        assert_eq!(block("+ item", ""), r"\+ item");
        assert_eq!(block("12. item", ""), r"12\. item");
        assert_eq!(block("3) item", ""), r"3\) item");
        assert_eq!(block("> quote", ""), r"\> quote");
        assert_eq!(block("    code", ""), "code");
        // Not at the start of a line: left alone.
        assert_eq!(block("well-known 1. 2+2=4", ""), "well-known 1. 2+2=4");
    }

    #[test]
    fn every_line_of_a_block_is_escaped_and_indented() {
        assert_eq!(
            block("first\n# second\n\n---", "  "),
            "first\n  \\# second\n\n  \\---"
        );
    }
}
