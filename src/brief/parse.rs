//! The plain-text brief parser.
//!
//! The form it reads is the one analysts receive: a heading line, paragraphs,
//! the next heading. Headings are short lines without closing punctuation;
//! Markdown `#` headings, `**bold**` headings, headings ending in a colon,
//! numbered (`1.`, `IV.`) and `===`/`---` underlined headings count too, with
//! or without a blank line under them, and even in a brief written with no
//! blank lines at all. A lone line above the first theme is the brief's title
//! (classification banners, subtitles and date lines under it are passed
//! over); otherwise the first heading is both the title and the first
//! theme's.
//!
//! Sections before "Washington Angle" are themes; "Washington Angle" (or "The
//! View from Washington", "U.S. Angle") holds the notes on US politics and
//! may be missing. "Outlook" (or "OUTLOOK (NEXT 48 HOURS)", "Key Indicators",
//! "What to Watch"; "Washington Angle: ..." and "Outlook: ..." may also lead
//! their paragraph) names the watch window ("over the next 48 hours", "a
//! 72-hour window", "forty-eight hours", "the next 3 days"; 72 hours when it
//! names none) and the indicators, either as ordinal sentences ("First, ...
//! Second, ... Finally, ...", "Firstly,", or "first, ...; second, ...; and
//! third, ..." in one sentence) or as a numbered or bulleted list, items
//! hard-wrapped or not. A closing remark after the last indicator ("These
//! signals will indicate ...") is not part of it. Line endings (LF, CRLF,
//! CR), byte-order marks, trailing blanks, tabs, extra blank lines,
//! hard-wrapped lines and the case of headings do not matter.
//!
//! Known limits: the last of several ordinal indicators in one paragraph is
//! taken to be one sentence (what follows it is the closing remark); a
//! heading that is a whole sentence with a full stop is read as text.

use std::fmt;

use super::{Brief, BriefId, Indicator, Section};

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

/// Split text into lines on `\r\n`, `\r` or `\n`, without the endings.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
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
fn strip_bom(text: &str) -> std::borrow::Cow<'_, str> {
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
struct Line<'a> {
    no: usize,
    text: &'a str,
}

/// A paragraph: consecutive non-blank lines.
#[derive(Debug, Clone)]
struct Para<'a> {
    lines: Vec<Line<'a>>,
}

impl Para<'_> {
    fn joined(&self) -> String {
        join_lines(self.lines.iter().map(|l| l.text))
    }
}

fn join_lines<'a>(lines: impl Iterator<Item = &'a str>) -> String {
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

#[derive(Debug)]
struct RawSection<'a> {
    heading: Option<Line<'a>>,
    title: String,
    paras: Vec<Para<'a>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Theme,
    Washington,
    /// A heading that can only be the Outlook: "Outlook", "OUTLOOK (NEXT 48
    /// HOURS)", "Key Indicators", "What to Watch".
    Outlook,
    /// A short heading that mentions the outlook among other words
    /// ("Strategic Outlook", but also a theme such as "Economic Outlook
    /// Darkens"): the Outlook only if no heading is plainly one, and then the
    /// last of them.
    OutlookWeak,
}

impl Kind {
    fn is_outlook(self) -> bool {
        matches!(self, Kind::Outlook | Kind::OutlookWeak)
    }
}

/// Parse the plain text of a brief.
pub fn parse(text: &str) -> Result<Brief, ParseError> {
    let text = strip_bom(text);
    let text = text.as_ref();
    if text.trim().is_empty() {
        return Err(ParseError::new(None, ParseErrorKind::Empty));
    }

    let blocks = blocks(text);
    let mut secs = sections(&blocks);
    if secs.iter().all(|s| s.heading.is_none()) {
        return Err(ParseError::new(Some(1), ParseErrorKind::NoHeadings));
    }
    // Classification banners ("UNCLASSIFIED//FOUO") above and below the text
    // carry nothing of the brief.
    secs.retain(|s| !(s.heading.is_some() && s.paras.is_empty() && is_banner(&s.title)));

    let kinds: Vec<Kind> = secs
        .iter()
        .map(|s| match s.heading {
            Some(_) => classify(&s.title),
            None => Kind::Theme,
        })
        .collect();
    let outlook_at = kinds
        .iter()
        .position(|&k| k == Kind::Outlook)
        .or_else(|| kinds.iter().rposition(|&k| k == Kind::OutlookWeak));
    let Some(outlook_at) = outlook_at else {
        return Err(ParseError::new(None, ParseErrorKind::NoOutlook));
    };

    let mut title = None;
    let mut themes = Vec::new();
    let mut washington: Option<Section> = None;
    let mut i = 0;
    // Text before the first heading: a title too long to pass for a heading,
    // or a summary, kept as a theme of its own.
    if secs[0].heading.is_none() {
        match title_line(&secs[0]) {
            Some(t) => title = Some(t),
            None => themes.push(Section {
                title: "Summary".to_string(),
                paragraphs: secs[0].paras.iter().flat_map(section_paragraphs).collect(),
            }),
        }
        i = 1;
    }
    // A heading with nothing under it, followed by more headings, is the
    // brief's title; more empty headings straight after it are a subtitle or
    // a date line. Otherwise the first heading is both the brief's title and
    // its first theme's.
    while i < outlook_at && secs[i].paras.is_empty() && kinds[i] != Kind::Washington {
        if title.is_none() {
            title = Some(secs[i].title.clone());
        }
        i += 1;
    }

    let mut outlook: Vec<Para> = Vec::new();
    let mut outlook_titles: Vec<&str> = Vec::new();
    let outlook_line = secs[outlook_at].heading.map(|l| l.no);
    for (j, s) in secs.iter().enumerate().skip(i) {
        if title.is_none() {
            title = Some(s.title.clone());
        }
        let as_section = || Section {
            title: s.title.clone(),
            paragraphs: s.paras.iter().flat_map(section_paragraphs).collect(),
        };
        let kind = kinds[j];
        let washington_free = washington.is_none();
        if j != outlook_at && kind == Kind::Washington && washington_free {
            washington = Some(as_section());
        } else if j == outlook_at
            || (j > outlook_at && (kind.is_outlook() || names_signals(&s.title)))
        {
            // The Outlook, and any sub-headings of it ("Indicators to Watch",
            // "Political Signals").
            outlook_titles.push(&s.title);
            outlook.extend(s.paras.iter().cloned());
        } else if j < outlook_at || !s.paras.is_empty() {
            // After the Outlook, an empty heading is a sign-off or a date
            // line; a section with text is kept rather than lost.
            themes.push(as_section());
        }
    }

    let (intro, indicators) = indicators(&outlook);
    if indicators.is_empty() {
        return Err(ParseError::new(outlook_line, ParseErrorKind::NoIndicators));
    }
    let window_hours = outlook_titles
        .iter()
        .find_map(|t| window_hours(t))
        .or_else(|| window_hours(&intro))
        .or_else(|| {
            let all: Vec<String> = outlook.iter().map(Para::joined).collect();
            stated_window_hours(&all.join(" "))
        })
        .unwrap_or(DEFAULT_WINDOW_HOURS);

    Ok(Brief {
        id: BriefId::of_text(text),
        title: title.unwrap_or_default(),
        themes,
        washington,
        outlook_intro: intro,
        window_hours,
        indicators: indicators
            .into_iter()
            .map(|text| Indicator { text })
            .collect(),
    })
}

/// The watch window when the Outlook names none.
const DEFAULT_WINDOW_HOURS: u32 = 72;

/// Text before the first heading that is one line with no closing stop: the
/// brief's title, too long to pass for a heading.
fn title_line(pre: &RawSection) -> Option<String> {
    let [para] = pre.paras.as_slice() else {
        return None;
    };
    let [line] = para.lines.as_slice() else {
        return None;
    };
    let t = clean_heading(line.text);
    let ok = has_letter(&t)
        && t.split_whitespace().count() <= 30
        && !t.ends_with(['.', ',', ';', '!', '?', '…'])
        && list_marker(line.text).is_none();
    ok.then_some(t)
}

/// Group lines into paragraphs separated by blank lines.
fn blocks(text: &str) -> Vec<Para<'_>> {
    let mut blocks = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    for (i, raw) in split_lines(text).enumerate() {
        let t = raw.trim_end();
        if t.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(Para {
                    lines: std::mem::take(&mut current),
                });
            }
        } else {
            current.push(Line { no: i + 1, text: t });
        }
    }
    if !current.is_empty() {
        blocks.push(Para { lines: current });
    }
    blocks
}

/// Cut the paragraphs into sections at the heading lines.
fn sections<'a>(blocks: &[Para<'a>]) -> Vec<RawSection<'a>> {
    /// How many headings may be stacked at the top of a block: a banner, a
    /// title, a subtitle, a date line, the first theme.
    const MAX_STACKED: usize = 5;
    let mut out: Vec<RawSection<'a>> = Vec::new();
    let mut in_outlook = false;
    // No paragraph yet: still in the brief's title lines.
    let mut at_top = true;
    for block in blocks {
        // A horizontal rule ("---", "* * *") between sections.
        if block.lines.iter().all(|l| is_rule(l.text)) {
            continue;
        }
        let parts = split_at_inner_headings(block);
        // Written without blank lines: paragraphs are told apart by their
        // line breaks.
        let dense = parts.len() > 1;
        for (block, forced) in parts {
            let mut pending = Some(block);
            let mut stacked = 0;
            let mut forced = forced;
            while let Some(block) = pending.take() {
                let (heading, body) = if std::mem::take(&mut forced) {
                    let rest = (block.lines.len() > 1).then(|| Para {
                        lines: block.lines[1..].to_vec(),
                    });
                    (Some(block.lines[0]), rest)
                } else {
                    split_heading(&block, in_outlook)
                };
                if let Some(h) = heading {
                    let title = clean_heading(h.text);
                    in_outlook = classify(&title).is_outlook();
                    out.push(RawSection {
                        heading: Some(h),
                        title,
                        paras: Vec::new(),
                    });
                    // At the top of the brief a title may sit directly above a
                    // subtitle or the first theme's heading: look again.
                    stacked += 1;
                    if at_top && stacked < MAX_STACKED && body.is_some() {
                        pending = body;
                        continue;
                    }
                }
                if let Some(body) = body {
                    at_top = false;
                    let paras = if dense { split_dense(body) } else { vec![body] };
                    match out.last_mut() {
                        Some(s) => s.paras.extend(paras),
                        None => out.push(RawSection {
                            heading: None,
                            title: String::new(),
                            paras,
                        }),
                    }
                }
            }
        }
    }
    out
}

/// Cut a block where a heading line stands inside it, in a brief written
/// without blank lines: a line that looks like a heading (a section name, or
/// a short title-case line, or a short line ending in a colon) between the
/// end of one sentence and the start of the next. Each part after the first
/// starts with its heading (`true`).
fn split_at_inner_headings<'a>(block: &Para<'a>) -> Vec<(Para<'a>, bool)> {
    let lines = &block.lines;
    let widest = lines
        .iter()
        .map(|l| l.text.trim().chars().count())
        .max()
        .unwrap_or(0);
    let mut parts = Vec::new();
    let mut start = 0;
    for k in 1..lines.len() {
        if is_inner_heading(lines, k, widest) {
            parts.push((
                Para {
                    lines: lines[start..k].to_vec(),
                },
                start > 0,
            ));
            start = k;
        }
    }
    if start == 0 {
        return vec![(block.clone(), false)];
    }
    parts.push((
        Para {
            lines: lines[start..].to_vec(),
        },
        true,
    ));
    parts
}

fn is_inner_heading(lines: &[Line], k: usize, widest: usize) -> bool {
    let line = lines[k].text;
    let prev = lines[k - 1].text;
    if !looks_like_heading(line)
        || list_marker(line).is_some()
        || is_underline(line)
        || is_markdown_heading(prev)
        || !(ends_sentence(prev) || prev.trim_end().ends_with(':') || list_marker(prev).is_some())
    {
        return false;
    }
    let next = lines.get(k + 1).map(|l| l.text);
    // Markdown and underlined headings, and the section names.
    if is_markdown_heading(line) || next.is_some_and(is_underline) {
        return true;
    }
    if !line
        .trim_start()
        .starts_with(|c: char| c.is_uppercase() || c == '*' || c == '_')
    {
        return false;
    }
    let title = clean_heading(line);
    if matches!(classify(&title), Kind::Washington | Kind::Outlook) && is_title_case(line) {
        return true;
    }
    // A line of a hard-wrapped paragraph is about as wide as the widest; a
    // title-case line of prose between two sentences is rare enough at any
    // width.
    let short = line.trim().chars().count() * 10 < widest * 7;
    let next_ok = next.is_none_or(|n| starts_sentence(n) || list_marker(n).is_some());
    let colon = line.trim_end().ends_with(':');
    next_ok
        && (is_title_case(line)
            || (short && colon && next.is_some_and(|n| list_marker(n).is_none())))
}

/// Decide whether a block starts with a heading; return the heading line and
/// what is left of the block.
fn split_heading<'a>(block: &Para<'a>, in_outlook: bool) -> (Option<Line<'a>>, Option<Para<'a>>) {
    let lines = &block.lines;
    let first = lines[0];
    let rest = |from: usize| {
        (lines.len() > from).then(|| Para {
            lines: lines[from..].to_vec(),
        })
    };
    // Setext: a line underlined with === or ---.
    if lines.len() >= 2
        && is_underline(lines[1].text)
        && has_letter(first.text)
        && list_marker(first.text).is_none()
    {
        return (Some(first), rest(2));
    }
    if is_markdown_heading(first.text) {
        return (Some(first), rest(1));
    }
    // "Outlook: Over the next 48 hours, ..." with the text on the same line.
    if let Some((label, body)) = inline_label(first.text) {
        let mut body_lines = vec![Line {
            no: first.no,
            text: body,
        }];
        body_lines.extend_from_slice(&lines[1..]);
        return (
            Some(Line {
                no: first.no,
                text: label,
            }),
            Some(Para { lines: body_lines }),
        );
    }
    if !looks_like_heading(first.text) {
        return (None, Some(block.clone()));
    }
    let known = !matches!(
        classify(&clean_heading(first.text)),
        Kind::Theme | Kind::OutlookWeak
    );
    let list_item = list_marker(first.text).is_some();
    let heading = if lines.len() == 1 {
        // In the Outlook a one-line list item is an indicator, not a heading,
        // and a closing line is text; a section name still ends the Outlook.
        !in_outlook || (!list_item && (known || is_title_case(first.text)))
    } else if list_item {
        false
    } else if known || is_title_case(first.text) {
        // A heading with its paragraph directly under it, no blank line
        // between.
        true
    } else {
        // A sentence-case heading directly above its paragraph: a short line,
        // then a new sentence. The first line of a hard-wrapped paragraph is
        // about as long as the lines under it.
        let next = lines[1].text;
        let widest = lines[1..]
            .iter()
            .map(|l| l.text.trim().chars().count())
            .max()
            .unwrap_or(0);
        !in_outlook
            && list_marker(next).is_none()
            && starts_sentence(next)
            && first.text.trim().chars().count() * 10 < widest * 7
    };
    if heading {
        (Some(first), rest(1))
    } else {
        (None, Some(block.clone()))
    }
}

/// A section label with its text on the same line: "Washington Angle: The
/// administration ...", "**Outlook:** Over the next 48 hours, ...". Only
/// the known section names are taken this way. Returns the label and the text.
fn inline_label(s: &str) -> Option<(&str, &str)> {
    // The label ends at a colon (perhaps inside bold: "**Outlook:**") or a
    // spaced dash, followed by a space.
    let mut split = None;
    for (i, c) in s.char_indices() {
        if i > 80 {
            break;
        }
        let after = &s[i + c.len_utf8()..];
        let sep = match c {
            ':' => Some(after.trim_start_matches(['*', '_'])),
            '\u{2014}' | '\u{2013}' | '-' if s[..i].ends_with(' ') => Some(after),
            _ => None,
        };
        if let Some(body) = sep
            && body.starts_with(char::is_whitespace)
        {
            split = Some((i, body));
            break;
        }
    }
    let (at, body) = split?;
    let label = s[..at].trim().trim_matches(['#', '*', '_']).trim();
    if !has_letter(label)
        || !is_title_case(label)
        || label.split_whitespace().count() > 6
        || !matches!(classify(label), Kind::Washington | Kind::Outlook)
    {
        return None;
    }
    let body = body.trim_start();
    // "Outlook: Next 48 Hours" is a whole heading, not a label and a
    // sentence.
    let sentence = body.ends_with(['.', ':', '!', '?']) || body.split_whitespace().count() > 8;
    (has_letter(body) && sentence).then_some((label, body))
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn starts_sentence(s: &str) -> bool {
    s.trim_start().chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || "\"'\u{201c}\u{2018}(".contains(c)
    })
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', ')', '\u{201d}', '\u{2019}'])
        .ends_with(['.', '!', '?'])
}

fn is_underline(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

/// A horizontal rule: "---", "***", "___", "* * *", "====".
fn is_rule(s: &str) -> bool {
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

fn is_markdown_heading(s: &str) -> bool {
    let t = s.trim_start();
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) && has_letter(&t[hashes..])
}

/// A short line with no closing punctuation.
fn looks_like_heading(s: &str) -> bool {
    let t = strip_emphasis(s.trim());
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    let t = strip_emphasis(t);
    if !has_letter(t) {
        return false;
    }
    let chars = t.chars().count();
    let words = t.split_whitespace().count();
    if chars > 100 || words > 14 {
        return false;
    }
    if t.starts_with(['-', '*', '+', '•', '–', '—', '>', '|']) {
        return false;
    }
    !t.ends_with(['.', ',', ';', '…', '!', '?'])
}

/// Every longer word capitalised, or the whole line in capitals.
fn is_title_case(s: &str) -> bool {
    let t = clean_heading(s);
    let mut long_words = 0;
    for w in t.split_whitespace() {
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.chars().count() >= 4 {
            long_words += 1;
            if !letters.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
        }
    }
    long_words > 0
}

/// Markdown emphasis around a whole heading: `**Outlook**`, `*Outlook*`,
/// `__Outlook__`.
fn strip_emphasis(s: &str) -> &str {
    let t = s.trim();
    let lead = t.len() - t.trim_start_matches(['*', '_']).len();
    let trail = t.len() - t.trim_end_matches(['*', '_']).len();
    if lead > 0 && lead == trail && lead <= 3 && t.len() > lead + trail {
        t[lead..t.len() - trail].trim()
    } else {
        t
    }
}

/// A heading as shown: no Markdown marks, no numbering, no trailing colon.
fn clean_heading(s: &str) -> String {
    let mut t = s.trim();
    if t.starts_with('#') {
        t = t.trim_start_matches('#').trim();
        // Closing hashes: "## Outlook ##".
        let body = t.trim_end_matches('#');
        if body.len() < t.len() && body.ends_with(char::is_whitespace) {
            t = body.trim_end();
        }
    }
    t = strip_emphasis(t);
    if let Some(n) = list_marker(t).or_else(|| roman_marker(t)) {
        t = t[n..].trim_start();
    }
    t = t.strip_suffix(':').unwrap_or(t).trim_end();
    t = strip_emphasis(t);
    t = t.strip_suffix(':').unwrap_or(t).trim_end();
    t.to_string()
}

/// "IV. " or "II) " before a heading: the byte length of the numeral and the
/// space after it.
fn roman_marker(s: &str) -> Option<usize> {
    let n = s
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
        .count();
    if !(1..=6).contains(&n) || !matches!(s.as_bytes().get(n), Some(b'.' | b')')) {
        return None;
    }
    let rest = &s[n + 1..];
    let space = rest.len() - rest.trim_start().len();
    (space > 0).then_some(n + 1 + space)
}

/// A classification or handling banner: "UNCLASSIFIED", "SECRET//NOFORN",
/// "FOR OFFICIAL USE ONLY", "Classification: Official".
fn is_banner(title: &str) -> bool {
    let t = title.trim();
    if t.to_ascii_lowercase().starts_with("classification") {
        return true;
    }
    if t.chars().any(char::is_lowercase) {
        return false;
    }
    const BANNERS: [&str; 10] = [
        "CONFIDENTIAL",
        "SECRET",
        "TOP SECRET",
        "RESTRICTED",
        "OFFICIAL",
        "OFFICIAL-SENSITIVE",
        "OFFICIAL SENSITIVE",
        "FOR OFFICIAL USE ONLY",
        "FOUO",
        "SENSITIVE BUT UNCLASSIFIED",
    ];
    t.contains("CLASSIFIED") || t.contains("//") || BANNERS.contains(&t)
}

/// The words of a heading, in lower case, without punctuation.
fn heading_words(title: &str) -> Vec<String> {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_number_word(w: &str) -> bool {
    w.parse::<u32>().is_ok()
        || w.strip_suffix('h')
            .or_else(|| w.strip_suffix("hr"))
            .or_else(|| w.strip_suffix("hrs"))
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        || UNITS.contains(&w)
        || TENS.contains(&w)
}

fn classify(title: &str) -> Kind {
    let words = heading_words(title);
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    if words.is_empty() {
        return Kind::Theme;
    }
    let has = |w: &str| words.contains(&w);

    // "Washington Angle", "The View from Washington", "U.S. Politics".
    const WASHINGTON_WORDS: [&str; 33] = [
        "the",
        "a",
        "an",
        "and",
        "of",
        "on",
        "in",
        "for",
        "from",
        "angle",
        "view",
        "perspective",
        "lens",
        "politics",
        "political",
        "notes",
        "implications",
        "dimension",
        "desk",
        "reaction",
        "reactions",
        "watch",
        "outlook",
        "corner",
        "context",
        "domestic",
        "debate",
        "hill",
        "capitol",
        "us",
        "u",
        "s",
        "american",
    ];
    let washington_words = words.len() <= 6
        && words
            .iter()
            .all(|w| *w == "washington" || WASHINGTON_WORDS.contains(w));
    let us_angle = (has("us") || has("u") || has("american") || has("capitol"))
        && [
            "angle",
            "view",
            "perspective",
            "lens",
            "politics",
            "hill",
            "implications",
        ]
        .iter()
        .any(|w| has(w));
    if washington_words && (has("washington") || us_angle) {
        return Kind::Washington;
    }

    // "Outlook", "OUTLOOK (NEXT 48 HOURS)", "72-Hour Outlook", "Key
    // Indicators", "What to Watch", "Looking Ahead".
    const OUTLOOK_WORDS: [&str; 40] = [
        "the",
        "a",
        "an",
        "and",
        "for",
        "of",
        "to",
        "in",
        "over",
        "next",
        "coming",
        "following",
        "days",
        "day",
        "hours",
        "hour",
        "hrs",
        "hr",
        "h",
        "week",
        "weeks",
        "key",
        "near",
        "short",
        "term",
        "window",
        "list",
        "what",
        "ahead",
        "looking",
        "signs",
        "signals",
        "indicators",
        "indicator",
        "signposts",
        "watch",
        "warnings",
        "warning",
        "outlook",
        "forecast",
    ];
    const CORE: [&str; 10] = [
        "outlook",
        "indicators",
        "indicator",
        "signposts",
        "watch",
        "watchlist",
        "ahead",
        "signals",
        "warnings",
        "forecast",
    ];
    let unit = words.iter().any(|w| {
        matches!(
            *w,
            "hours" | "hour" | "days" | "day" | "week" | "weeks" | "hrs" | "h"
        )
    });
    let only_outlook_words = words.len() <= 10
        && words
            .iter()
            .all(|w| OUTLOOK_WORDS.contains(w) || *w == "watchlist" || is_number_word(w));
    let joined = words.join(" ");
    if (only_outlook_words && (CORE.iter().any(|w| has(w)) || (has("next") && unit)))
        || matches!(words[0], "indicators" | "signposts")
        || joined.contains("indicators to watch")
        || joined.contains("key indicators")
        || joined.contains("what to watch")
    {
        return Kind::Outlook;
    }
    if has("outlook") && words.len() <= 8 {
        return Kind::OutlookWeak;
    }
    Kind::Theme
}

/// A heading under the Outlook that names the things to watch: "Political
/// Signals", "Early Warning Indicators".
fn names_signals(title: &str) -> bool {
    heading_words(title).iter().any(|w| {
        matches!(
            w.as_str(),
            "indicator"
                | "indicators"
                | "signal"
                | "signals"
                | "signpost"
                | "signposts"
                | "watch"
                | "warning"
                | "warnings"
                | "triggers"
        )
    })
}

/// If the line starts with a list marker, the byte length of the marker and
/// the space after it.
fn list_marker(s: &str) -> Option<usize> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    let space_after = |rest: &str| rest.len() - rest.trim_start().len();
    for bullet in ['-', '*', '+', '–', '—'] {
        if let Some(rest) = t.strip_prefix(bullet)
            && rest.starts_with([' ', '\t'])
        {
            return Some(lead + bullet.len_utf8() + space_after(rest));
        }
    }
    // Typographic bullets need no space after them.
    for bullet in ['•', '▪', '◦', '‣', '●', '■', '►', '➤', '➢', '∙', '·'] {
        if let Some(rest) = t.strip_prefix(bullet)
            && has_letter(rest)
        {
            return Some(lead + bullet.len_utf8() + space_after(rest));
        }
    }
    let bytes = t.as_bytes();
    let mut i = 0;
    let paren = bytes.first() == Some(&b'(');
    if paren {
        i += 1;
    }
    let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let letters = if digits == 0 {
        usize::from(bytes.get(i).is_some_and(|b| b.is_ascii_lowercase()))
    } else {
        0
    };
    if (digits == 0 || digits > 3) && letters == 0 {
        return None;
    }
    i += digits + letters;
    match bytes.get(i) {
        Some(b')') => i += 1,
        Some(b'.') if !paren && digits > 0 => i += 1,
        _ => return None,
    }
    let rest = &t[i..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some(lead + i + space_after(rest))
}

/// Theme and Washington paragraphs: a list inside a paragraph becomes one
/// paragraph per item.
fn section_paragraphs(p: &Para) -> Vec<String> {
    if !p.lines.iter().any(|l| list_marker(l.text).is_some()) {
        return vec![p.joined()];
    }
    let mut out: Vec<Vec<&str>> = Vec::new();
    for l in &p.lines {
        match list_marker(l.text) {
            Some(n) => out.push(vec![&l.text[n..]]),
            None => match out.last_mut() {
                Some(item) => item.push(l.text),
                None => out.push(vec![l.text]),
            },
        }
    }
    out.into_iter()
        .map(|item| join_lines(item.into_iter()))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Paragraphs in text written without blank lines. Long lines that each
/// end a sentence are a paragraph each; hard-wrapped lines are filled to the
/// width before they break, so a line that ends a sentence with room left
/// for the next line's first word ends its paragraph.
fn split_dense(p: Para<'_>) -> Vec<Para<'_>> {
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

/// The Outlook's introduction and its indicators.
fn indicators(paras: &[Para]) -> (String, Vec<String>) {
    if paras
        .iter()
        .any(|p| p.lines.iter().any(|l| list_marker(l.text).is_some()))
    {
        return list_indicators(paras);
    }
    ordinal_indicators(paras)
}

fn list_indicators(paras: &[Para]) -> (String, Vec<String>) {
    let mut intro: Vec<&str> = Vec::new();
    let mut items: Vec<Vec<&str>> = Vec::new();
    for p in paras {
        let mut in_item = false;
        for l in &p.lines {
            match list_marker(l.text) {
                Some(n) => {
                    items.push(vec![&l.text[n..]]);
                    in_item = true;
                }
                None if in_item => {
                    if let Some(item) = items.last_mut() {
                        item.push(l.text);
                    }
                }
                // Text before the list is the introduction; text after it
                // (a closing remark) is not part of any indicator.
                None if items.is_empty() => intro.push(l.text),
                None => {}
            }
        }
    }
    // A closing remark written straight under the last item, not indented as
    // its continuation, is not part of it either.
    if let Some(last) = items.last_mut()
        && let Some(k) = (1..last.len()).find(|&k| {
            !last[k].starts_with(char::is_whitespace)
                && ends_sentence(last[k - 1])
                && starts_sentence(last[k])
        })
    {
        last.truncate(k);
    }
    let items = items
        .into_iter()
        .map(|i| {
            let text = join_lines(i.into_iter());
            // "1. First, whether ...": the number already says it.
            let start = ORDINALS
                .iter()
                .chain(&["finally", "last"])
                .find_map(|w| find_marker(&text, 0, w).filter(|&(m, _)| m == 0))
                .map_or(0, |(_, t)| t);
            text[start..].to_string()
        })
        .filter(|s| has_letter(s))
        .collect();
    (join_lines(intro.into_iter()), items)
}

const ORDINALS: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// Where an ordinal marker ("Second," "and third:", "Thirdly," "Finally —")
/// stands in a paragraph: the marker's start and the start of the text after
/// it.
fn find_marker(p: &str, from: usize, word: &str) -> Option<(usize, usize)> {
    let bytes = p.as_bytes();
    let w = word.len();
    let mut i = from;
    while i + w <= bytes.len() {
        let found = bytes[i..]
            .windows(w)
            .position(|win| win.eq_ignore_ascii_case(word.as_bytes()))?;
        let at = i + found;
        i = at + 1;
        // The word must stand alone and start a sentence or a clause.
        if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut after = at + w;
        // "Firstly," "Secondly,"
        if bytes
            .get(after..after + 2)
            .is_some_and(|s| s.eq_ignore_ascii_case(b"ly"))
        {
            after += 2;
        }
        // "Third and finally,"
        for tail in [" and finally", " and lastly", " and last"] {
            if p.get(after..after + tail.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(tail))
            {
                after += tail.len();
                break;
            }
        }
        let rest = &p[after..];
        let marker_len = [
            ",",
            ":",
            "\u{2014}",
            "\u{2013}",
            " \u{2014}",
            " \u{2013}",
            " -",
        ]
        .iter()
        .find(|m| rest.starts_with(*m))
        .map(|m| m.len());
        let Some(marker_len) = marker_len else {
            continue;
        };
        let before = p[..at].trim_end();
        let before = before
            .strip_suffix("and")
            .or_else(|| before.strip_suffix("And"))
            .filter(|b| b.is_empty() || b.ends_with(char::is_whitespace))
            .map(str::trim_end)
            .unwrap_or(before);
        let starts_clause = before.is_empty()
            || before.ends_with([
                '.', ':', ';', '!', '?', ',', ')', '"', '\u{201d}', '\u{2019}', '—',
            ]);
        if !starts_clause {
            continue;
        }
        let text_start = after + marker_len;
        let skip = p[text_start..].len() - p[text_start..].trim_start().len();
        return Some((at, text_start + skip));
    }
    None
}

fn ordinal_indicators(paras: &[Para]) -> (String, Vec<String>) {
    let texts: Vec<String> = paras.iter().map(Para::joined).collect();
    // (paragraph, marker start, text start)
    let mut marks: Vec<(usize, usize, usize)> = Vec::new();
    let (mut pi, mut pos) = (0, 0);
    'ordinals: for word in ORDINALS {
        while pi < texts.len() {
            if let Some((m, t)) = find_marker(&texts[pi], pos, word) {
                marks.push((pi, m, t));
                pos = t;
                continue 'ordinals;
            }
            // The first marker may be in any paragraph; after that, the next
            // one must be in this paragraph or the one right after it.
            let next_para = pi + 1 < texts.len()
                && (marks.is_empty() || find_marker(&texts[pi + 1], 0, word).is_some());
            if !next_para {
                break 'ordinals;
            }
            pi += 1;
            pos = 0;
        }
        break;
    }
    if marks.is_empty() {
        return (String::new(), Vec::new());
    }
    // "Finally," or "Lastly," closes the run.
    let (lp, _, lt) = *marks.last().expect("not empty");
    for closing in ["finally", "last"] {
        let found = find_marker(&texts[lp], lt, closing)
            .map(|(m, t)| (lp, m, t))
            .or_else(|| {
                texts
                    .get(lp + 1)
                    .and_then(|p| find_marker(p, 0, closing))
                    .filter(|&(m, _)| m == 0)
                    .map(|(m, t)| (lp + 1, m, t))
            });
        if let Some(mark) = found {
            marks.push(mark);
            break;
        }
    }

    let (fp, fm, _) = marks[0];
    let mut intro: Vec<&str> = texts[..fp].iter().map(String::as_str).collect();
    intro.push(&texts[fp][..fm]);
    let intro = join_lines(intro.into_iter());

    // One indicator to a paragraph: each is the whole of its paragraph, the
    // last one too, up to a closing remark.
    let one_per_paragraph = marks.len() > 1
        && marks.iter().all(|&(_, m, _)| m == 0)
        && marks.windows(2).all(|w| w[0].0 != w[1].0);
    let mut out = Vec::with_capacity(marks.len());
    for (k, &(p, _, t)) in marks.iter().enumerate() {
        let text = &texts[p];
        let end = match marks.get(k + 1) {
            Some(&(np, nm, _)) if np == p => nm,
            Some(_) => text.len(),
            None if one_per_paragraph => t + closing_remark_start(&text[t..]),
            // The last indicator is one sentence: what follows it ("These
            // signals will indicate ...") closes the Outlook.
            None => t + sentence_end(&text[t..]),
        };
        let item = text[t..end].trim();
        let item = item
            .strip_suffix(" and")
            .or_else(|| item.strip_suffix(" And"))
            .unwrap_or(item)
            .trim_end_matches([';', ','])
            .trim_end();
        if has_letter(item) {
            out.push(item.to_string());
        }
    }
    (intro, out)
}

/// Words that open a closing remark after an indicator: an abbreviation's
/// stop ("... outside the U.S. These signals ...") ends the sentence before
/// them.
const CLOSING_STARTERS: [&str; 16] = [
    "These",
    "This",
    "Those",
    "Together",
    "Taken",
    "Such",
    "Any",
    "All",
    "Each",
    "Collectively",
    "Combined",
    "If",
    "Should",
    "Absent",
    "Overall",
    "Watch",
];

/// Where a closing remark ("These signals ...", "Taken together, ...")
/// starts in `s`, at a sentence boundary; the end of `s` if none does.
fn closing_remark_start(s: &str) -> usize {
    let mut pos = 0;
    while pos < s.len() {
        let end = pos + sentence_end(&s[pos..]);
        let rest = &s[end..];
        let next = end + (rest.len() - rest.trim_start().len());
        let first_word = s[next..]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if next < s.len() && CLOSING_STARTERS.contains(&first_word) {
            return end;
        }
        if next <= pos {
            break;
        }
        pos = next;
    }
    s.len()
}

/// The end of the first sentence of `s` (the whole of `s` if it has one).
fn sentence_end(s: &str) -> usize {
    // Titles before a name never end a sentence; other abbreviations may.
    const TITLES: [&str; 18] = [
        "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "adm", "amb", "col", "lt",
        "sgt", "capt", "maj", "pres", "no",
    ];
    const ABBREVIATIONS: [&str; 6] = ["vs", "etc", "inc", "corp", "ltd", "approx"];
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if !matches!(b, b'.' | b'!' | b'?') {
            continue;
        }
        // Closing quotes or brackets belong to the sentence.
        let mut end = i + 1;
        while let Some(c) = s[end..].chars().next() {
            if matches!(c, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let rest = &s[end..];
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() {
            continue; // "U.S" or "3.5": no space after the stop.
        }
        let next_starts_sentence = trimmed
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'\u{201c}(".contains(c));
        if !next_starts_sentence {
            continue;
        }
        if b == b'.' {
            let word = s[..i]
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            let lower = word.to_ascii_lowercase();
            if TITLES.contains(&lower.as_str()) {
                continue;
            }
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if word.contains('.') || initial || ABBREVIATIONS.contains(&lower.as_str()) {
                let next_word = trimmed
                    .split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("");
                if !CLOSING_STARTERS.contains(&next_word) {
                    continue;
                }
            }
        }
        return end;
    }
    s.len()
}

/// The watch window a text names: "next 48 hours", "72-hour",
/// "seventy-two hours", "next 3 days", "72h". A figure after "next",
/// "over", "within" and the like wins over one elsewhere in the text.
fn window_hours(text: &str) -> Option<u32> {
    window_mentions(text).into_iter().flatten().next()
}

/// Only a window stated as one: "the next 48 hours", "the coming 3 days".
fn stated_window_hours(text: &str) -> Option<u32> {
    window_mentions(text)[0]
}

/// The windows a text names, best first: the first after "next", "coming"
/// and the like; the first after "over", "within", "the"; the first at all.
fn window_mentions(text: &str) -> [Option<u32>; 3] {
    let lower = text.to_lowercase();
    let mut words: Vec<&str> = Vec::new();
    for w in lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // "72h", "48hrs", "3days": the figure and the unit.
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits < w.len() {
            words.push(&w[..digits]);
            words.push(&w[digits..]);
        } else {
            words.push(w);
        }
    }
    let mut found = [None; 3];
    for (i, w) in words.iter().enumerate() {
        let per = match *w {
            "hour" | "hours" | "hrs" | "hr" | "h" => 1,
            "day" | "days" => 24,
            "week" | "weeks" => 24 * 7,
            _ => continue,
        };
        let (n, used) = match number_before(&words[..i]) {
            Some(found) => found,
            // "the next day", "the coming week"
            None if !w.ends_with('s') && i > 0 => (1, 0),
            None => continue,
        };
        let Some(hours) = n.checked_mul(per).filter(|&h| h > 0 && h <= 24 * 366) else {
            continue;
        };
        let rank = match i.checked_sub(used + 1).map(|j| words[j]) {
            Some("next" | "coming" | "following" | "upcoming") => 0,
            _ if used == 0 => continue,
            Some("over" | "within" | "the" | "a" | "an" | "for") => 1,
            _ => 2,
        };
        found[rank].get_or_insert(hours);
    }
    found
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number written in digits or words ending the slice: the value and how
/// many words it took.
fn number_before(words: &[&str]) -> Option<(u32, usize)> {
    let last = *words.last()?;
    if let Ok(n) = last.parse::<u32>() {
        return Some((n, 1));
    }
    let tens = |w: &str| {
        TENS.iter()
            .position(|t| *t == w)
            .map(|i| (i as u32 + 2) * 10)
    };
    if let Some(u) = UNITS.iter().position(|u| *u == last) {
        let u = u as u32;
        if (1..10).contains(&u)
            && let Some(t) = words.len().checked_sub(2).and_then(|j| tens(words[j]))
        {
            return Some((t + u, 2));
        }
        return Some((u, 1));
    }
    tens(last).map(|t| (t, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(list_marker("- a"), Some(2));
        assert_eq!(list_marker("  12. a"), Some(6));
        assert_eq!(list_marker("(3) a"), Some(4));
        assert_eq!(list_marker("b) a"), Some(3));
        assert_eq!(list_marker("•a"), Some(3));
        assert_eq!(list_marker("1.5 million"), None);
        assert_eq!(list_marker("-dash"), None);
        assert_eq!(list_marker("2026. The year"), None);
    }

    #[test]
    fn sentences() {
        assert_eq!(sentence_end("a b. C d."), 4);
        assert_eq!(sentence_end("the U.S. Navy acts. Then"), 19);
        assert_eq!(sentence_end("Gen. Smith speaks. These"), 18);
        assert_eq!(sentence_end("ships outside the U.S. These signals"), 22);
        assert_eq!(sentence_end("no stop"), 7);
    }

    #[test]
    fn windows() {
        assert_eq!(window_hours("Over the next 72 hours, watch"), Some(72));
        assert_eq!(window_hours("over the next forty-eight hours"), Some(48));
        assert_eq!(window_hours("In the 24-hour window"), Some(24));
        assert_eq!(window_hours("over the next 3 days"), Some(72));
        assert_eq!(window_hours("watch over the next 60h for"), Some(60));
        assert_eq!(window_hours("during the coming week"), Some(168));
        assert_eq!(
            window_hours("within 24 hours of the vote, over the next 48 hours"),
            Some(48)
        );
        assert_eq!(window_hours("watch closely"), None);
        assert_eq!(stated_window_hours("within 24 hours of the vote"), None);
    }

    #[test]
    fn headings() {
        assert_eq!(classify("Washington Angle"), Kind::Washington);
        assert_eq!(classify("WASHINGTON ANGLE"), Kind::Washington);
        assert_eq!(classify("The View From Washington"), Kind::Washington);
        assert_eq!(classify("U.S. Politics"), Kind::Washington);
        assert_eq!(classify("Washington Pushes Allies on Tariffs"), Kind::Theme);
        assert_eq!(classify("Outlook"), Kind::Outlook);
        assert_eq!(classify("OUTLOOK (NEXT 48 HOURS)"), Kind::Outlook);
        assert_eq!(classify("Outlook — Next Seventy-Two Hours"), Kind::Outlook);
        assert_eq!(classify("72-Hour Outlook"), Kind::Outlook);
        assert_eq!(classify("Key Indicators"), Kind::Outlook);
        assert_eq!(classify("What to Watch"), Kind::Outlook);
        assert_eq!(classify("Strategic Outlook"), Kind::OutlookWeak);
        assert_eq!(classify("Economic Outlook Darkens"), Kind::OutlookWeak);
        assert_eq!(classify("Fisheries Pressure Moves North"), Kind::Theme);
        assert_eq!(clean_heading("## **Outlook:** ##"), "Outlook");
        assert_eq!(clean_heading("IV. Washington Angle"), "Washington Angle");
        assert_eq!(clean_heading("*Membership Widens*"), "Membership Widens");
        // Found by proptest: closing hashes next to a multi-byte character.
        assert_eq!(clean_heading("# Key Indicators- •"), "Key Indicators- •");
        assert_eq!(clean_heading("## Outlook •##"), "Outlook •##");
        assert!(is_banner("UNCLASSIFIED//FOR OFFICIAL USE ONLY"));
        assert!(!is_banner("Grain Corridor"));
    }

    #[test]
    fn inline_labels() {
        assert_eq!(
            inline_label("Outlook: Over the next 48 hours, watch two things."),
            Some(("Outlook", "Over the next 48 hours, watch two things."))
        );
        assert_eq!(
            inline_label("**Washington Angle:** The Senate will vote."),
            Some(("Washington Angle", "The Senate will vote."))
        );
        assert_eq!(inline_label("Outlook: Next 48 Hours"), None);
        assert_eq!(inline_label("The outlook: grim."), None);
    }
}
