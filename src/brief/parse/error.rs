//! Why a brief is refused.

use std::fmt;

use serde::Serialize;

/// A parse failure, with the 1-based line it concerns where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub kind: ParseErrorKind,
    /// What the parser saw before it gave up: the headings, the one taken
    /// for the Outlook, the lists.
    pub found: Box<Found>,
}

impl ParseError {
    pub fn new(line: Option<usize>, kind: ParseErrorKind) -> Self {
        ParseError {
            line,
            kind,
            found: Box::default(),
        }
    }

    pub fn with_found(mut self, found: Found) -> Self {
        self.found = Box::new(found);
        self
    }
}

/// What a refused brief was seen to hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Found {
    pub headings: Vec<SeenHeading>,
    /// The heading taken for the Outlook, if one was.
    pub outlook: Option<SeenHeading>,
    pub lists: Vec<SeenList>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenHeading {
    pub line: usize,
    pub title: String,
    /// "theme", "Washington", "Outlook", "Outlook?" (an Outlook only if no
    /// heading is plainly one).
    pub read_as: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeenList {
    pub line: usize,
    pub items: usize,
    /// The first item's marker as written: "1.", "-", "(a)".
    pub marker: String,
    /// The heading it stands under, if any.
    pub under: Option<String>,
}

impl Found {
    pub fn is_empty(&self) -> bool {
        self.headings.is_empty() && self.outlook.is_none() && self.lists.is_empty()
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 12;
        let heading = |h: &SeenHeading| format!("line {} \"{}\" ({})", h.line, h.title, h.read_as);
        if !self.headings.is_empty() {
            let mut seen: Vec<String> = self.headings.iter().take(SHOWN).map(heading).collect();
            if self.headings.len() > SHOWN {
                seen.push(format!("and {} more", self.headings.len() - SHOWN));
            }
            write!(f, "\n  headings seen: {}", seen.join(", "))?;
        }
        match &self.outlook {
            Some(h) => write!(f, "\n  taken for the Outlook: {}", heading(h))?,
            None => f.write_str("\n  taken for the Outlook: none")?,
        }
        if self.lists.is_empty() {
            f.write_str("\n  lists seen: none")?;
        } else {
            let mut seen: Vec<String> = self
                .lists
                .iter()
                .take(SHOWN)
                .map(|l| {
                    let under = match &l.under {
                        Some(h) => format!("under \"{h}\""),
                        None => "before any heading".to_string(),
                    };
                    format!(
                        "line {}, {} item{} (\"{}\") {under}",
                        l.line,
                        l.items,
                        if l.items == 1 { "" } else { "s" },
                        l.marker
                    )
                })
                .collect();
            if self.lists.len() > SHOWN {
                seen.push(format!("and {} more", self.lists.len() - SHOWN));
            }
            write!(f, "\n  lists seen: {}", seen.join("; "))?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    Empty,
    Binary {
        offset: usize,
    },
    NotUtf8 {
        offset: usize,
    },
    /// A UTF-16 file (it starts with a byte-order mark) that does not decode.
    NotUtf16 {
        offset: usize,
    },
    NoHeadings,
    NoOutlook,
    NoIndicators,
    /// The window the brief names cannot be watched.
    ImpossibleWindow {
        phrase: String,
        reason: &'static str,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ParseErrorKind::Empty => f.write_str("the brief is empty"),
            ParseErrorKind::Binary { offset } => write!(
                f,
                "this is not a text brief (a NUL byte at offset {offset}: binary data, or UTF-16 without a byte-order mark)"
            ),
            ParseErrorKind::NotUtf8 { offset } => write!(
                f,
                "this is not UTF-8 text (an invalid byte at offset {offset}); save the brief as UTF-8"
            ),
            ParseErrorKind::NotUtf16 { offset } => write!(
                f,
                "this UTF-16 text is damaged (an invalid sequence at byte offset {offset}); save the brief as UTF-8"
            ),
            ParseErrorKind::NoHeadings => f.write_str(
                "no structure found: a brief needs heading lines (a title, themes, \"Outlook\") between its paragraphs",
            ),
            ParseErrorKind::NoOutlook => f.write_str(
                "no \"Outlook\" section: the brief must end with an Outlook heading that names the indicators to watch",
            ),
            ParseErrorKind::NoIndicators => f.write_str(
                "the Outlook names no indicators: expected \"First, ... Second, ...\" sentences or a numbered or bulleted list",
            ),
            ParseErrorKind::ImpossibleWindow { phrase, reason } => write!(
                f,
                "the watch window \"{phrase}\" cannot be watched: {reason}"
            ),
        }?;
        if !self.found.is_empty() {
            write!(f, "{}", self.found)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}
