//! Lines of web copy that are not content: table borders, lines that only
//! look empty (no-break and zero-width spaces), and the prompts a web page
//! puts around an article (share, subscribe, comment, read more, cookies).

/// Why a line is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Boilerplate {
    /// Only invisible or space-like characters.
    LooksEmpty,
    /// A table border or box-drawing line.
    TableBorder,
    /// A web page's prompt: share, subscribe, comment, read more, cookies.
    Prompt,
}

impl Boilerplate {
    pub fn describe(self) -> &'static str {
        match self {
            Boilerplate::LooksEmpty => "a line that only looks empty",
            Boilerplate::TableBorder => "a table border",
            Boilerplate::Prompt => "a web page prompt",
        }
    }
}

/// Characters that show as nothing or as a space.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}'
                | '\u{200c}'
                | '\u{200d}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{00ad}'
                | '\u{180e}'
        )
}

/// Whether a line is boilerplate, and which.
pub(super) fn boilerplate(line: &str) -> Option<Boilerplate> {
    if line.chars().all(invisible) {
        // A truly blank line is a paragraph break, not boilerplate.
        return line
            .chars()
            .any(|c| !c.is_ascii_whitespace())
            .then_some(Boilerplate::LooksEmpty);
    }
    let t = line.trim_matches(invisible);
    if is_table_border(t) {
        return Some(Boilerplate::TableBorder);
    }
    is_prompt(t).then_some(Boilerplate::Prompt)
}

/// "+----+----+", "|----|----|", "┌──┬──┐", "│", "|:---|:---:|".
fn is_table_border(t: &str) -> bool {
    let box_drawing = |c: char| ('\u{2500}'..='\u{257f}').contains(&c);
    let has_frame = t.chars().any(|c| matches!(c, '|' | '+') || box_drawing(c));
    has_frame
        && t.chars()
            .all(|c| matches!(c, '|' | '+' | '-' | '=' | ':' | ' ' | '\t') || box_drawing(c))
}

/// A short line that is a web page's prompt, not the brief's words.
fn is_prompt(t: &str) -> bool {
    let words: Vec<String> = t
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let joined = words.join(" ");
    const WHOLE: [&str; 22] = [
        "share",
        "share this",
        "share this article",
        "share this page",
        "share this story",
        "tweet",
        "print",
        "email",
        "print this page",
        "email this",
        "comments",
        "comment",
        "read more",
        "continue reading",
        "advertisement",
        "related",
        "related articles",
        "related stories",
        "most read",
        "back to top",
        "subscribe",
        "subscribe now",
    ];
    if WHOLE.contains(&joined.as_str()) {
        return true;
    }
    const SOCIAL: [&str; 9] = [
        "facebook", "twitter", "x", "linkedin", "whatsapp", "email", "reddit", "telegram", "copy",
    ];
    // "Share on Facebook", "Share: Twitter LinkedIn Email"
    if words[0] == "share"
        && words[1..].iter().all(|w| {
            SOCIAL.contains(&w.as_str())
                || matches!(w.as_str(), "on" | "via" | "link" | "this" | "article")
        })
    {
        return true;
    }
    const LEADS: [&str; 14] = [
        "subscribe to",
        "sign up for",
        "sign up to",
        "leave a comment",
        "view comments",
        "show comments",
        "join the conversation",
        "we use cookies",
        "this site uses cookies",
        "this website uses cookies",
        "accept all cookies",
        "accept cookies",
        "click here to",
        "follow us on",
    ];
    if LEADS.iter().any(|l| joined.starts_with(l)) {
        return true;
    }
    // "12 comments", "Read more: ...", "Continue reading ...".
    matches!(words.as_slice(), [n, c] if n.parse::<u32>().is_ok() && (c == "comments" || c == "comment" || c == "shares"))
        || ((joined.starts_with("read more") || joined.starts_with("continue reading"))
            && words.len() <= 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_copy() {
        assert_eq!(
            boilerplate("\u{a0}\u{200b} "),
            Some(Boilerplate::LooksEmpty)
        );
        assert_eq!(boilerplate("   "), None);
        assert_eq!(
            boilerplate("+------+-----+"),
            Some(Boilerplate::TableBorder)
        );
        assert_eq!(boilerplate("|:----|----:|"), Some(Boilerplate::TableBorder));
        assert_eq!(boilerplate("└──────┘"), Some(Boilerplate::TableBorder));
        assert_eq!(boilerplate("Share this article"), Some(Boilerplate::Prompt));
        assert_eq!(
            boilerplate("Share on Facebook | Twitter"),
            Some(Boilerplate::Prompt)
        );
        assert_eq!(
            boilerplate("Subscribe to our daily briefing"),
            Some(Boilerplate::Prompt)
        );
        assert_eq!(
            boilerplate("We use cookies to improve your experience."),
            Some(Boilerplate::Prompt)
        );
        assert_eq!(
            boilerplate("Read more: Port strikes spread"),
            Some(Boilerplate::Prompt)
        );
        assert_eq!(boilerplate("14 comments"), Some(Boilerplate::Prompt));
        assert_eq!(boilerplate("The ministry will share its data."), None);
        assert_eq!(boilerplate("Comments by the minister drew fire."), None);
        assert_eq!(boilerplate("---"), None);
    }
}
