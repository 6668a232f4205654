//! Why a brief is refused.

use std::fmt;

/// A parse failure, with the 1-based line it concerns where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub kind: ParseErrorKind,
}

impl ParseError {
    pub fn new(line: Option<usize>, kind: ParseErrorKind) -> Self {
        ParseError { line, kind }
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
        }
    }
}

impl std::error::Error for ParseError {}
