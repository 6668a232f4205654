//! The brief: what an analyst receives, as domain types, and the loader that
//! turns a plain-text file into one.
//!
//! A brief is a title, a run of *themes* (analysis sections), an optional
//! *Washington angle* (notes on US politics) and an *Outlook* that names a
//! watch window (72 hours unless it says otherwise) and the indicators to
//! watch inside it. See [`parse`] for the text form it reads.

pub mod outline;
mod parse;
pub mod summary;
pub mod window;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use outline::{Correction, Mark, Outline, apply_corrections, apply_corrections_with_outline};
pub use parse::{
    DEFAULT_WINDOW_HOURS, Found, ParseError, ParseErrorKind, SeenHeading, SeenList, normalise,
    parse, parse_with_outline, read_window, text_lines,
};
pub use window::{DayRef, WindowSpec};

/// The brief that ships with the program, as the same plain text an analyst
/// receives. It goes through the same parser as any other brief.
pub const DEFAULT_BRIEF_TEXT: &str = include_str!("../../assets/alliance-priorities.txt");

/// How the embedded default brief is named in messages.
pub const DEFAULT_BRIEF_NAME: &str = "<default brief: alliance-priorities.txt>";

/// Briefs larger than this are refused before they are read.
pub const MAX_BRIEF_BYTES: u64 = 64 * 1024 * 1024;

/// A stable identity for a brief: the first 16 hex digits of the SHA-256 of
/// its normalised text. The same brief has the same id on every machine, with
/// any line endings or trailing blanks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BriefId(pub String);

/// The derived order is the order of the text, so maps keyed by id can be
/// looked up by `&str`.
impl std::borrow::Borrow<str> for BriefId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl BriefId {
    pub fn of_text(text: &str) -> Self {
        let digest = Sha256::digest(normalise(text).as_bytes());
        let mut hex = String::with_capacity(16);
        for byte in &digest[..8] {
            hex.push_str(&format!("{byte:02x}"));
        }
        BriefId(hex)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for BriefId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A titled run of paragraphs: a theme, or the Washington angle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// One thing to watch for inside the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    pub text: String,
    /// Its own deadline, when it names one ("within 24 hours", "by
    /// Thursday"); otherwise it runs to the end of the brief's window.
    pub deadline: Option<WindowSpec>,
}

/// A brief as read. Serialized only as a kept reading
/// (`store::readings`), which is passed over whenever this code changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brief {
    pub id: BriefId,
    pub title: String,
    pub themes: Vec<Section>,
    pub washington: Option<Section>,
    /// The Outlook's own words before the indicators ("Over the next 72 hours...").
    pub outlook_intro: String,
    /// The Outlook's words after the indicators ("These signals will
    /// indicate ..."), shown with them; empty when there are none.
    pub outlook_closing: String,
    /// The window's length in whole hours, rounded up: exact for a span
    /// ("the next 36 hours"), an estimate (seven days) for a named day ("by
    /// Friday"), which only [`Brief::deadline_from`] resolves.
    pub window_hours: u32,
    /// The watch window as written.
    pub window: WindowSpec,
    /// The brief names no window: [`DEFAULT_WINDOW_HOURS`] was assumed.
    pub window_assumed: bool,
    pub indicators: Vec<Indicator>,
}

impl Brief {
    /// The embedded default brief. It is part of the program and covered by
    /// the tests, so a failure here is a build defect, reported as an error
    /// all the same.
    pub fn default_brief() -> Result<Brief, BriefError> {
        parse(DEFAULT_BRIEF_TEXT).map_err(|e| BriefError::Parse {
            source_name: DEFAULT_BRIEF_NAME.to_string(),
            error: e,
        })
    }

    /// The window's length: the span as written, or for a named day an
    /// estimate (see [`WindowSpec::estimate`]); prefer
    /// [`Brief::deadline_from`] where the start is known.
    pub fn window(&self) -> chrono::Duration {
        self.window.estimate()
    }

    /// When the watch ends, counted from its start in the analyst's time
    /// zone. `None` on overflow or a named day that cannot be reached.
    pub fn deadline_from<Tz: chrono::TimeZone>(
        &self,
        start: chrono::DateTime<chrono::Utc>,
        tz: &Tz,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        self.window.deadline_from(start, tz)
    }

    /// When indicator `i` is due: its own deadline if it names one, else the
    /// brief's. `None` for an index past the end, or as for
    /// [`Brief::deadline_from`].
    pub fn indicator_deadline_from<Tz: chrono::TimeZone>(
        &self,
        i: usize,
        start: chrono::DateTime<chrono::Utc>,
        tz: &Tz,
    ) -> Option<chrono::DateTime<chrono::Utc>> {
        match self.indicators.get(i)?.deadline {
            Some(own) => own.deadline_from(start, tz),
            None => self.deadline_from(start, tz),
        }
    }
}

/// Where a brief came from, for messages and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BriefSource {
    Default,
    File(PathBuf),
}

impl fmt::Display for BriefSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BriefSource::Default => f.write_str(DEFAULT_BRIEF_NAME),
            BriefSource::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Everything that can go wrong reading a brief. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    #[error("{path}: cannot read the brief: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: is a directory, not a brief file")]
    IsDirectory { path: String },
    #[error("{path}: is {what}; a brief must be a regular file")]
    NotAFile { path: String, what: &'static str },
    #[error("{path}: the brief is too large ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { path: String, size: u64, limit: u64 },
    #[error("{source_name}{}: {error}", error.line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        source_name: String,
        error: ParseError,
    },
}

/// Read and parse a brief file. Nothing here touches the terminal, so a bad
/// brief is reported before the desk starts.
pub fn load_file(path: &Path) -> Result<Brief, BriefError> {
    read_file(path).map(|r| r.brief)
}

/// A brief with how it was read.
#[derive(Debug, Clone)]
pub struct Reading {
    pub brief: Brief,
    pub outline: Outline,
    pub source: BriefSource,
}

/// Read and parse a brief file, with the outline of its reading.
pub fn read_file(path: &Path) -> Result<Reading, BriefError> {
    let name = path.display().to_string();
    let bytes = read_bytes(path)?;
    let (brief, outline) = parse_bytes_with_outline(&bytes);
    match brief {
        Ok(brief) => Ok(Reading {
            brief,
            outline,
            source: BriefSource::File(path.to_path_buf()),
        }),
        Err(error) => Err(BriefError::Parse {
            source_name: name,
            error,
        }),
    }
}

/// The brief named on the command line, or the embedded default, with the
/// outline of its reading.
pub fn read(path: Option<&Path>) -> Result<Reading, BriefError> {
    match path {
        Some(p) => read_file(p),
        None => {
            let (brief, outline) = parse_with_outline(DEFAULT_BRIEF_TEXT);
            let brief = brief.map_err(|e| BriefError::Parse {
                source_name: DEFAULT_BRIEF_NAME.to_string(),
                error: e,
            })?;
            Ok(Reading {
                brief,
                outline,
                source: BriefSource::Default,
            })
        }
    }
}

/// A brief file's text (decoded as [`parse_bytes`] does), unparsed: for a
/// watch that keeps its text and reads it again with corrections.
pub fn read_text(path: &Path) -> Result<String, BriefError> {
    let bytes = read_bytes(path)?;
    decode(&bytes)
        .map(std::borrow::Cow::into_owned)
        .map_err(|error| BriefError::Parse {
            source_name: path.display().to_string(),
            error,
        })
}

/// A brief file's bytes, refused unread if it is too large.
fn read_bytes(path: &Path) -> Result<Vec<u8>, BriefError> {
    let name = path.display().to_string();
    let io = |source| BriefError::Io {
        path: name.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(BriefError::IsDirectory { path: name });
    }
    if !meta.is_file() {
        // A FIFO would hang the open or the read.
        return Err(BriefError::NotAFile {
            path: name,
            what: crate::fsio::not_regular(meta.file_type()),
        });
    }
    if meta.len() > MAX_BRIEF_BYTES {
        return Err(BriefError::TooLarge {
            path: name,
            size: meta.len(),
            limit: MAX_BRIEF_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Opened without blocking and checked again: the file may have been
    // swapped for a FIFO since.
    crate::fsio::open_regular(path)
        .and_then(|f| f.take(MAX_BRIEF_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > MAX_BRIEF_BYTES {
        return Err(BriefError::TooLarge {
            path: name,
            size: bytes.len() as u64,
            limit: MAX_BRIEF_BYTES,
        });
    }
    Ok(bytes)
}

/// Check that bytes are text before parsing them. UTF-8 (with or without a
/// byte-order mark) is read as is; UTF-16 with a byte-order mark, as Windows
/// editors save "Unicode" text, is decoded first.
pub fn parse_bytes(bytes: &[u8]) -> Result<Brief, ParseError> {
    parse_bytes_with_outline(bytes).0
}

/// [`parse_bytes`] with the outline of the reading.
pub fn parse_bytes_with_outline(bytes: &[u8]) -> (Result<Brief, ParseError>, Outline) {
    match decode(bytes) {
        Ok(text) => parse_with_outline(&text),
        Err(e) => (Err(e), Outline::default()),
    }
}

/// The text of a brief's bytes (UTF-8, or UTF-16 with a byte-order mark),
/// unparsed: what a watch reads with its corrections.
pub fn decode_text(bytes: &[u8]) -> Result<String, ParseError> {
    decode(bytes).map(std::borrow::Cow::into_owned)
}

/// The text of a brief's bytes: UTF-8, or UTF-16 with a byte-order mark.
fn decode(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, ParseError> {
    if let Some(text) = decode_utf16(bytes)? {
        return Ok(std::borrow::Cow::Owned(text));
    }
    // `contains` on bytes is a memchr: the common case, no NUL, is quick.
    if bytes.contains(&0)
        && let Some(offset) = bytes.iter().position(|&b| b == 0)
    {
        return Err(ParseError::new(
            Some(line_of_offset(bytes, offset)),
            ParseErrorKind::Binary { offset },
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        ParseError::new(
            Some(line_of_offset(bytes, offset)),
            ParseErrorKind::NotUtf8 { offset },
        )
    })?;
    Ok(std::borrow::Cow::Borrowed(text))
}

/// The text of a UTF-16 file that starts with a byte-order mark; `None` for
/// any other bytes.
fn decode_utf16(bytes: &[u8]) -> Result<Option<String>, ParseError> {
    let little_endian = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let body = &bytes[2..];
    let units = body.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let mut text = String::with_capacity(body.len() / 2);
    let mut line = 1;
    let mut last_cr = false;
    let mut units_read = 0;
    for c in char::decode_utf16(units) {
        let offset = 2 + 2 * units_read;
        let c = match c {
            Ok('\0') => {
                return Err(ParseError::new(
                    Some(line),
                    ParseErrorKind::Binary { offset },
                ));
            }
            Ok(c) => c,
            Err(_) => {
                return Err(ParseError::new(
                    Some(line),
                    ParseErrorKind::NotUtf16 { offset },
                ));
            }
        };
        if c == '\r' || (c == '\n' && !last_cr) {
            line += 1;
        }
        last_cr = c == '\r';
        units_read += c.len_utf16();
        text.push(c);
    }
    if body.len() % 2 == 1 {
        return Err(ParseError::new(
            Some(line),
            ParseErrorKind::NotUtf16 {
                offset: bytes.len() - 1,
            },
        ));
    }
    Ok(Some(text))
}

/// The 1-based line of a byte offset, counting line breaks as the parser
/// does: `\r\n`, `\r` or `\n`.
fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let before = &bytes[..offset.min(bytes.len())];
    let breaks = before
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && before.get(i + 1) != Some(&b'\n')))
        .count();
    breaks + 1
}

/// Load the brief named on the command line, or the embedded default.
pub fn load(path: Option<&Path>) -> Result<(Brief, BriefSource), BriefError> {
    match path {
        Some(p) => Ok((load_file(p)?, BriefSource::File(p.to_path_buf()))),
        None => Ok((Brief::default_brief()?, BriefSource::Default)),
    }
}
