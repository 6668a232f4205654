//! The plain-text brief parser.
//!
//! The form it reads is the one analysts receive: a heading line, paragraphs,
//! the next heading. Headings are short lines without closing punctuation
//! (Markdown `#` headings and `===`/`---` underlined headings count too).
//! Sections before "Washington Angle" are themes; "Washington Angle" holds the
//! notes on US politics; "Outlook" names the watch window ("over the next 72
//! hours") and the indicators, either as ordinal sentences ("First, ...
//! Second, ...") or as a numbered or bulleted list. Line endings, trailing
//! blanks, extra blank lines and the case of headings do not matter.

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
    Binary { offset: usize },
    NotUtf8 { offset: usize },
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
                "this is not a text brief (a NUL byte at offset {offset}: binary data)"
            ),
            ParseErrorKind::NotUtf8 { offset } => write!(
                f,
                "this is not UTF-8 text (an invalid byte at offset {offset}); save the brief as UTF-8"
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
        match s.find(['\r', '\n']) {
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

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The canonical form of a brief's text, from which its id is computed:
/// `\n` line endings, no trailing blanks, no leading or trailing blank lines,
/// and at most one blank line in a row.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_blank = false;
    for line in split_lines(strip_bom(text)) {
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
    Outlook,
}

/// Parse the plain text of a brief.
pub fn parse(text: &str) -> Result<Brief, ParseError> {
    let text = strip_bom(text);
    if text.trim().is_empty() {
        return Err(ParseError::new(None, ParseErrorKind::Empty));
    }

    let blocks = blocks(text);
    let sections = sections(&blocks);
    if sections.iter().all(|s| s.heading.is_none()) {
        return Err(ParseError::new(Some(1), ParseErrorKind::NoHeadings));
    }

    let mut sections = sections.into_iter().peekable();
    // A heading with nothing under it, followed by another heading, is the
    // brief's title alone; otherwise the first heading is both the title and
    // the first theme's.
    let mut title = None;
    let mut preamble = None;
    if let Some(first) = sections.peek()
        && first.heading.is_none()
    {
        preamble = sections.next();
    }
    if let Some(first) = sections.peek()
        && first.paras.is_empty()
        && classify(&first.title) == Kind::Theme
    {
        let first = sections.next().expect("peeked");
        if sections.peek().is_some() {
            title = Some(first.title);
        } else {
            // A lone heading and nothing else: there is no brief here.
            return Err(ParseError::new(
                first.heading.map(|l| l.no),
                ParseErrorKind::NoOutlook,
            ));
        }
    }

    let mut themes = Vec::new();
    let mut washington: Option<Section> = None;
    let mut outlook: Vec<Para> = Vec::new();
    let mut outlook_line = None;
    if let Some(pre) = preamble {
        themes.push(Section {
            title: "Summary".to_string(),
            paragraphs: pre.paras.iter().flat_map(section_paragraphs).collect(),
        });
    }
    for s in sections {
        if title.is_none() {
            title = Some(s.title.clone());
        }
        match classify(&s.title) {
            Kind::Washington if washington.is_none() => {
                washington = Some(Section {
                    title: s.title,
                    paragraphs: s.paras.iter().flat_map(section_paragraphs).collect(),
                });
            }
            Kind::Outlook => {
                if outlook_line.is_none() {
                    outlook_line = s.heading.map(|l| l.no);
                }
                outlook.extend(s.paras);
            }
            Kind::Theme | Kind::Washington => themes.push(Section {
                title: s.title,
                paragraphs: s.paras.iter().flat_map(section_paragraphs).collect(),
            }),
        }
    }

    let Some(outlook_line) = outlook_line else {
        return Err(ParseError::new(None, ParseErrorKind::NoOutlook));
    };
    let (intro, indicators) = indicators(&outlook);
    if indicators.is_empty() {
        return Err(ParseError::new(
            Some(outlook_line),
            ParseErrorKind::NoIndicators,
        ));
    }
    let window_hours = window_hours(&intro)
        .or_else(|| {
            window_hours(
                &outlook
                    .iter()
                    .map(Para::joined)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })
        .unwrap_or(72);

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
    let mut out: Vec<RawSection<'a>> = Vec::new();
    let mut in_outlook = false;
    for block in blocks {
        let (heading, body) = split_heading(block, in_outlook);
        if let Some(h) = heading {
            let title = clean_heading(h.text);
            in_outlook = classify(&title) == Kind::Outlook;
            out.push(RawSection {
                heading: Some(h),
                title,
                paras: Vec::new(),
            });
        }
        if let Some(body) = body {
            match out.last_mut() {
                Some(s) => s.paras.push(body),
                None => out.push(RawSection {
                    heading: None,
                    title: String::new(),
                    paras: vec![body],
                }),
            }
        }
    }
    out
}

/// Decide whether a block starts with a heading; return the heading line and
/// what is left of the block.
fn split_heading<'a>(block: &Para<'a>, in_outlook: bool) -> (Option<Line<'a>>, Option<Para<'a>>) {
    let first = block.lines[0];
    let rest = |from: usize| {
        (block.lines.len() > from).then(|| Para {
            lines: block.lines[from..].to_vec(),
        })
    };
    // Setext: a line underlined with === or ---.
    if block.lines.len() >= 2 && is_underline(block.lines[1].text) && has_letter(first.text) {
        return (Some(first), rest(2));
    }
    if is_markdown_heading(first.text) {
        return (Some(first), rest(1));
    }
    if block.lines.len() == 1 {
        let list_item = list_marker(first.text).is_some();
        // In the Outlook a one-line list item is an indicator, not a heading;
        // a known section name still ends the Outlook.
        let heading = if in_outlook && list_item {
            false
        } else if in_outlook {
            looks_like_heading(first.text)
                && (classify(&clean_heading(first.text)) != Kind::Theme
                    || is_title_case(first.text))
        } else {
            looks_like_heading(first.text)
        };
        return if heading {
            (Some(first), None)
        } else {
            (None, Some(block.clone()))
        };
    }
    // A heading with its paragraph directly under it, no blank line between:
    // only when the first line clearly is one.
    if looks_like_heading(first.text)
        && list_marker(first.text).is_none()
        && (classify(&clean_heading(first.text)) != Kind::Theme || is_title_case(first.text))
    {
        return (Some(first), rest(1));
    }
    (None, Some(block.clone()))
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

fn is_underline(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 3 && (t.chars().all(|c| c == '=') || t.chars().all(|c| c == '-'))
}

fn is_markdown_heading(s: &str) -> bool {
    let t = s.trim_start();
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') && has_letter(&t[hashes..])
}

/// A short line with no closing punctuation.
fn looks_like_heading(s: &str) -> bool {
    let t = strip_emphasis(s.trim());
    let t = t.strip_suffix(':').unwrap_or(t).trim_end();
    if !has_letter(t) {
        return false;
    }
    let chars = t.chars().count();
    let words = t.split_whitespace().count();
    if chars > 100 || words > 14 {
        return false;
    }
    if t.starts_with(['-', '*', '+', '•', '–', '—', '>']) {
        return false;
    }
    !t.ends_with(['.', ',', ';', '…'])
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

fn strip_emphasis(s: &str) -> &str {
    for mark in ["**", "__"] {
        if let Some(inner) = s.strip_prefix(mark).and_then(|r| r.strip_suffix(mark)) {
            return inner.trim();
        }
    }
    s
}

/// A heading as shown: no Markdown marks, no list numbering, no trailing colon.
fn clean_heading(s: &str) -> String {
    let mut t = s.trim();
    t = t.trim_start_matches('#').trim();
    t = strip_emphasis(t);
    if let Some(n) = list_marker(t) {
        t = t[n..].trim_start();
    }
    t = t.strip_suffix(':').unwrap_or(t).trim_end();
    t = strip_emphasis(t);
    t.to_string()
}

fn classify(title: &str) -> Kind {
    let norm: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    let words: Vec<&str> = norm.split_whitespace().collect();
    if words.contains(&"washington") && words.len() <= 6 {
        return Kind::Washington;
    }
    let joined = words.join(" ");
    if words.contains(&"outlook")
        || words.first() == Some(&"indicators")
        || joined.contains("indicators to watch")
        || joined.contains("key indicators")
        || joined.contains("what to watch")
    {
        return Kind::Outlook;
    }
    Kind::Theme
}

/// If the line starts with a list marker, the byte length of the marker and
/// the space after it.
fn list_marker(s: &str) -> Option<usize> {
    let lead = s.len() - s.trim_start().len();
    let t = &s[lead..];
    for bullet in ['-', '*', '+', '•', '–', '—', '▪', '◦', '‣'] {
        if let Some(rest) = t.strip_prefix(bullet)
            && rest.starts_with([' ', '\t'])
        {
            let n = bullet.len_utf8();
            return Some(lead + n + (rest.len() - rest.trim_start().len()));
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
    Some(lead + i + (rest.len() - rest.trim_start().len()))
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
    let items = items
        .into_iter()
        .map(|i| join_lines(i.into_iter()))
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

/// Where an ordinal marker ("Second," "and third:", "Finally,") stands in a
/// paragraph: the marker's start and the start of the text after it.
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
        let after = at + w;
        let Some(&punct) = bytes.get(after) else {
            continue;
        };
        if !matches!(punct, b',' | b':') {
            continue;
        }
        let before = p[..at].trim_end();
        let before = before
            .strip_suffix("and")
            .or_else(|| before.strip_suffix("And"))
            .filter(|b| b.is_empty() || b.ends_with(char::is_whitespace))
            .map(str::trim_end)
            .unwrap_or(before);
        let starts_clause = before.is_empty()
            || before.ends_with(['.', ':', ';', '!', '?', ',', ')', '"', '\u{201d}', '—']);
        if !starts_clause {
            continue;
        }
        let text_start = after + 1;
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
    for closing in ["finally", "lastly"] {
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

    let mut out = Vec::with_capacity(marks.len());
    for (k, &(p, _, t)) in marks.iter().enumerate() {
        let text = &texts[p];
        let end = match marks.get(k + 1) {
            Some(&(np, nm, _)) if np == p => nm,
            Some(_) => text.len(),
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

/// The end of the first sentence of `s` (the whole of `s` if it has one).
fn sentence_end(s: &str) -> usize {
    const ABBREVIATIONS: [&str; 24] = [
        "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "adm", "amb", "col", "lt",
        "sgt", "capt", "maj", "pres", "no", "vs", "etc", "inc", "corp", "ltd", "approx",
    ];
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
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if word.contains('.') || initial || ABBREVIATIONS.contains(&lower.as_str()) {
                continue;
            }
        }
        return end;
    }
    s.len()
}

/// The watch window named in the Outlook: "next 48 hours", "72-hour",
/// "seventy-two hours", "next 3 days".
fn window_hours(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut fallback = None;
    for (i, w) in words.iter().enumerate() {
        let per = match *w {
            "hour" | "hours" | "hrs" | "hr" | "h" => 1,
            "day" | "days" => 24,
            _ => continue,
        };
        let Some((n, used)) = number_before(&words[..i]) else {
            continue;
        };
        let hours = n.checked_mul(per).filter(|&h| h > 0 && h <= 24 * 365);
        let Some(hours) = hours else { continue };
        let lead = i.checked_sub(used + 1).map(|j| words[j]);
        if matches!(
            lead,
            Some("next" | "coming" | "following" | "upcoming" | "over" | "within" | "the")
        ) {
            return Some(hours);
        }
        fallback.get_or_insert(hours);
    }
    fallback
}

/// A number written in digits or words ending the slice: the value and how
/// many words it took.
fn number_before(words: &[&str]) -> Option<(u32, usize)> {
    let last = *words.last()?;
    if let Ok(n) = last.parse::<u32>() {
        return Some((n, 1));
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
        assert_eq!(list_marker("1.5 million"), None);
        assert_eq!(list_marker("-dash"), None);
        assert_eq!(list_marker("2026. The year"), None);
    }

    #[test]
    fn sentences() {
        assert_eq!(sentence_end("a b. C d."), 4);
        assert_eq!(sentence_end("the U.S. Navy acts. Then"), 19);
        assert_eq!(sentence_end("Gen. Smith speaks. These"), 18);
        assert_eq!(sentence_end("no stop"), 7);
    }

    #[test]
    fn windows() {
        assert_eq!(window_hours("Over the next 72 hours, watch"), Some(72));
        assert_eq!(window_hours("over the next forty-eight hours"), Some(48));
        assert_eq!(window_hours("In the 24-hour window"), Some(24));
        assert_eq!(window_hours("over the next 3 days"), Some(72));
        assert_eq!(window_hours("watch closely"), None);
    }
}
