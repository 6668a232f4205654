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
//! Forward-looking sections go by many names ("What to Watch", "Looking
//! Ahead", "Watchpoints", "Indicators and Warnings", "Key Judgments", an
//! Outlook with dates in its heading), and so do US-politics sections
//! ("White House", "Congress", "The Hill", "The Administration", "Inside the
//! Beltway"): several of them are merged into the Washington angle, each
//! note led by its section's title. Lists take any common marker (`1.`,
//! `1)`, `(1)`, `a.`, `-`, `*`, `•`, `–`, `>`, arrows); the indicators'
//! list ends at a plain paragraph or where the marker changes, and what
//! follows is passed over, and said so. Inline "(1) ... (2) ..."
//! enumerations count too. Web boilerplate (table borders, lines that only
//! look empty, share/subscribe/comment/cookie prompts) is not content.
//!
//! The window is read as written (see [`window`]); a brief that names none
//! gets 72 hours, marked assumed. Impossible windows are refused. An
//! indicator that names its own time ("within 24 hours", "by Thursday") gets
//! its own deadline.
//!
//! Besides the brief, the parser returns an [`Outline`]: every block of the
//! text with what it was read as, and what was passed over and why.
//!
//! Known limits: the last of several ordinal indicators in one paragraph is
//! taken to be one sentence (what follows it is the closing remark); a
//! heading that is a whole sentence with a full stop is read as text.

mod boilerplate;
mod error;
mod headings;
mod lines;
mod lists;
mod ordinals;
#[cfg(test)]
mod tests;
mod vocab;
mod window;

use std::collections::BTreeMap;

pub use error::{Found, ParseError, ParseErrorKind, SeenHeading, SeenList};
pub use lines::normalise;

use super::outline::{Mark, Outline, Overrides, PassReason, PassedOver, Role};
use super::window::WindowSpec;
use super::{Brief, BriefId, Indicator, Section};
use headings::*;
use lines::*;
use lists::*;
use vocab::*;
use window::*;

/// Parse the plain text of a brief.
pub fn parse(text: &str) -> Result<Brief, ParseError> {
    parse_with_outline(text).0
}

/// Parse the plain text of a brief, and say how each block of it was read
/// (also when the brief is refused).
pub fn parse_with_outline(text: &str) -> (Result<Brief, ParseError>, Outline) {
    read(text, &Overrides::default())
}

/// The lines of a brief's text as the parser numbers them (line 1 is
/// index 0): split at `\r\n`, `\r` or `\n`, byte-order marks removed.
pub fn text_lines(text: &str) -> Vec<String> {
    split_lines(&strip_bom(text)).map(str::to_string).collect()
}

/// A window as the analyst types it ("72h", "3 days", "36 hours", "by
/// Friday", "through 4 July"), read as the parser reads an Outlook's; why
/// not, when it names none or an impossible one.
pub fn read_window(phrase: &str) -> Result<WindowSpec, String> {
    let t = phrase.trim();
    if t.is_empty() {
        return Err("type a window: 72h, 3 days, by Friday".to_string());
    }
    // A bare number is hours; a bare day name is the end of that day.
    let padded = if t.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        format!("the next {t} hours")
    } else {
        format!("the next {t}")
    };
    match window_in(&padded).or_else(|| window_in(&format!("by {t}"))) {
        Some(Ok(w)) => Ok(w),
        Some(Err(i)) => Err(format!("{}: {}", i.phrase, i.reason)),
        None => Err(format!(
            "not a window: {t:?} (try 72h, 3 days, 1.5 days, by Friday, through 4 July)"
        )),
    }
}

/// The watch window when the Outlook names none.
pub const DEFAULT_WINDOW_HOURS: u32 = 72;

/// Per-line roles and what was passed over, gathered while reading.
struct Marks {
    roles: Vec<Option<Role>>,
    passed: Vec<PassedOver>,
}

impl Marks {
    fn set(&mut self, line: usize, role: Role) {
        if let Some(r) = line.checked_sub(1).and_then(|i| self.roles.get_mut(i)) {
            *r = Some(role);
        }
    }
    fn para(&mut self, p: &Para, role: Role) {
        for l in &p.lines {
            self.set(l.no, role);
        }
    }
    fn pass(&mut self, first: usize, last: usize, reason: PassReason) {
        for line in first..=last {
            self.set(line, Role::PassedOver);
        }
        self.passed.push(PassedOver {
            first_line: first,
            last_line: last,
            reason,
        });
    }
    fn outline(mut self, text: &str) -> Outline {
        // Lines with text and no role are layout: rules, underlines.
        for (i, raw) in split_lines(text).enumerate() {
            if let Some(r) = self.roles.get_mut(i)
                && r.is_none()
                && !raw.trim().is_empty()
            {
                *r = Some(Role::Markup);
            }
        }
        self.passed.sort_by_key(|p| p.first_line);
        Outline::from_roles(&self.roles, self.passed)
    }
}

fn read_as(kind: Kind) -> &'static str {
    match kind {
        Kind::Theme => "theme",
        Kind::Washington => "Washington",
        Kind::Outlook => "Outlook",
        Kind::OutlookWeak => "Outlook?",
    }
}

/// Parse with the analyst's corrections applied.
pub(crate) fn read(text: &str, o: &Overrides) -> (Result<Brief, ParseError>, Outline) {
    let text = strip_bom(text);
    let text = text.as_ref();
    let line_count = split_lines(text).count();
    let mut marks = Marks {
        roles: vec![None; line_count],
        passed: Vec::new(),
    };
    let result = read_marked(text, o, &mut marks);
    (result, marks.outline(text))
}

fn read_marked(text: &str, o: &Overrides, marks: &mut Marks) -> Result<Brief, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::new(None, ParseErrorKind::Empty));
    }

    // Lines that are not content: web boilerplate, and what the analyst
    // passed over or took as indicators.
    let mut junk: Vec<(usize, boilerplate::Boilerplate)> = Vec::new();
    let blocks = blocks(
        text,
        |no, line| {
            if o.skips(no) {
                return true;
            }
            match boilerplate::boilerplate(line) {
                Some(b) => {
                    junk.push((no, b));
                    true
                }
                None => false,
            }
        },
        |no| o.heading_at.contains_key(&no),
    );
    for (no, b) in junk {
        marks.pass(no, no, PassReason::Boilerplate(b.describe()));
    }
    for (&line, mark) in &o.marks {
        if *mark == Mark::PassedOver {
            marks.pass(line, line, PassReason::Corrected);
        }
    }
    let forced: BTreeMap<usize, Forced> = o
        .heading_at
        .iter()
        .map(|(&line, &(mark, single))| {
            let kind = match mark {
                Mark::Washington => Kind::Washington,
                Mark::Outlook => Kind::Outlook,
                _ => Kind::Theme,
            };
            let title = (!single).then(|| {
                match kind {
                    Kind::Washington => "Washington Angle",
                    Kind::Outlook | Kind::OutlookWeak => "Outlook",
                    Kind::Theme => "Theme",
                }
                .to_string()
            });
            (line, Forced { kind, title })
        })
        .collect();
    let mut secs = sections(&blocks, &forced);
    let marked: Vec<Item> = o
        .indicator_ranges
        .iter()
        .map(|(&first, &last)| {
            let lines: Vec<&str> = split_lines(text)
                .skip(first.saturating_sub(1))
                .take(last + 1 - first)
                .collect();
            let joined = join_lines(lines.iter().copied());
            let text = match list_marker(&joined) {
                Some(n) => joined[n..].to_string(),
                None => joined,
            };
            Item { text, first, last }
        })
        .filter(|i| has_letter(&i.text))
        .collect();
    for i in &marked {
        for line in i.first..=i.last {
            marks.set(line, Role::Indicator);
        }
    }

    if secs.iter().all(|s| s.heading.is_none()) && marked.is_empty() {
        return Err(ParseError::new(Some(1), ParseErrorKind::NoHeadings));
    }
    // Classification banners ("UNCLASSIFIED//FOUO") above and below the text
    // carry nothing of the brief.
    secs.retain(|s| {
        let banner =
            s.forced.is_none() && s.heading.is_some() && s.paras.is_empty() && is_banner(&s.title);
        if let (true, Some(h)) = (banner, s.heading) {
            marks.pass(h.no, h.no, PassReason::Banner);
        }
        !banner
    });

    let kinds: Vec<Kind> = secs
        .iter()
        .map(|s| match (s.forced, s.heading) {
            (Some(k), _) => k,
            (None, Some(_)) => classify(&s.title),
            (None, None) => Kind::Theme,
        })
        .collect();
    let outlook_at = secs
        .iter()
        .zip(&kinds)
        .position(|(s, &k)| s.forced == Some(Kind::Outlook) && k == Kind::Outlook)
        .or_else(|| kinds.iter().position(|&k| k == Kind::Outlook))
        .or_else(|| kinds.iter().rposition(|&k| k == Kind::OutlookWeak));
    let found = || what_was_found(&secs, &kinds, outlook_at);
    let Some(outlook_at) = outlook_at.or_else(|| (!marked.is_empty()).then_some(secs.len())) else {
        // Refused: outline what was seen, for the analyst to correct.
        for (s, &k) in secs.iter().zip(&kinds) {
            if let Some(h) = s.heading {
                let role = match k {
                    Kind::Washington => Role::WashingtonHeading,
                    Kind::Theme => Role::ThemeHeading,
                    Kind::Outlook | Kind::OutlookWeak => Role::OutlookHeading,
                };
                marks.set(h.no, role);
            }
            for p in &s.paras {
                marks.para(p, Role::Text);
            }
        }
        return Err(ParseError::new(None, ParseErrorKind::NoOutlook).with_found(found()));
    };

    let mut title = None;
    let mut themes = Vec::new();
    let mut washington: Vec<(&str, Vec<String>)> = Vec::new();
    let mut i = 0;
    // Text before the first heading: a title too long to pass for a heading,
    // or a summary, kept as a theme of its own.
    if secs.first().is_some_and(|s| s.heading.is_none()) {
        match title_line(&secs[0]) {
            Some(t) => {
                title = Some(t);
                for p in &secs[0].paras {
                    marks.para(p, Role::Title);
                }
            }
            None => {
                for p in &secs[0].paras {
                    marks.para(p, Role::Text);
                }
                themes.push(Section {
                    title: "Summary".to_string(),
                    paragraphs: secs[0].paras.iter().flat_map(section_paragraphs).collect(),
                })
            }
        }
        i = 1;
    }
    // A heading with nothing under it, followed by more headings, is the
    // brief's title; more empty headings straight after it are a subtitle or
    // a date line. Otherwise the first heading is both the brief's title and
    // its first theme's.
    while i < outlook_at
        && secs[i].paras.is_empty()
        && secs[i].forced.is_none()
        && kinds[i] != Kind::Washington
    {
        if let Some(h) = secs[i].heading {
            if title.is_none() {
                marks.set(h.no, Role::Title);
            } else {
                marks.pass(h.no, h.no, PassReason::Subtitle);
            }
        }
        if title.is_none() {
            title = Some(secs[i].title.clone());
        }
        i += 1;
    }

    let mut outlook: Vec<Para> = Vec::new();
    let mut outlook_titles: Vec<&str> = Vec::new();
    let outlook_line = secs.get(outlook_at).and_then(|s| s.heading).map(|l| l.no);
    for (j, s) in secs.iter().enumerate().skip(i) {
        if title.is_none() {
            title = Some(s.title.clone());
        }
        let paragraphs = || s.paras.iter().flat_map(section_paragraphs).collect();
        let kind = kinds[j];
        let (heading, body) = if j != outlook_at && kind == Kind::Washington {
            washington.push((&s.title, paragraphs()));
            (Role::WashingtonHeading, Role::Washington)
        } else if j == outlook_at
            || (j > outlook_at
                && s.forced.is_none()
                && (kind.is_outlook() || names_signals(&s.title)))
        {
            // The Outlook, and any sub-headings of it ("Indicators to Watch",
            // "Political Signals").
            outlook_titles.push(&s.title);
            outlook.extend(s.paras.iter().cloned());
            (Role::OutlookHeading, Role::Outlook)
        } else if j < outlook_at || !s.paras.is_empty() || s.forced.is_some() {
            // After the Outlook, an empty heading is a sign-off or a date
            // line; a section with text is kept rather than lost.
            themes.push(Section {
                title: s.title.clone(),
                paragraphs: paragraphs(),
            });
            (Role::ThemeHeading, Role::Text)
        } else {
            if let Some(h) = s.heading {
                marks.pass(h.no, h.no, PassReason::SignOff);
            }
            continue;
        };
        if let Some(h) = s.heading {
            marks.set(h.no, heading);
        }
        // A heading a correction gave to text: the text keeps its role.
        for p in &s.paras {
            marks.para(p, body);
        }
    }

    let reading = indicators(&outlook);
    for item in &reading.items {
        for line in item.first..=item.last {
            marks.set(line, Role::Indicator);
        }
    }
    for c in &reading.cut {
        marks.pass(c.first, c.last, PassReason::ListCut { items: c.items });
    }
    let mut items = reading.items;
    if !marked.is_empty() {
        items.extend(marked);
        items.sort_by_key(|i| i.first);
    }
    if items.is_empty() {
        return Err(ParseError::new(outlook_line, ParseErrorKind::NoIndicators).with_found(found()));
    }
    let intro = reading.intro;

    let (window, window_assumed) = match o.window {
        Some(w) => (w, false),
        None => {
            let mention = outlook_titles
                .iter()
                .find_map(|t| window_in(t))
                .or_else(|| window_in(&intro))
                .or_else(|| {
                    let all: Vec<String> = outlook.iter().map(Para::joined).collect();
                    stated_window(&all.join(" "))
                });
            match mention {
                Some(Ok(w)) => (w, false),
                Some(Err(Impossible { phrase, reason })) => {
                    return Err(ParseError::new(
                        outlook_line,
                        ParseErrorKind::ImpossibleWindow { phrase, reason },
                    ));
                }
                None => (WindowSpec::hours(i64::from(DEFAULT_WINDOW_HOURS)), true),
            }
        }
    };

    let indicators = items
        .into_iter()
        .enumerate()
        .map(|(k, item)| Indicator {
            deadline: match o.deadlines.get(&k) {
                Some(d) => *d,
                None => indicator_deadline(&item.text),
            },
            text: item.text,
        })
        .collect();

    Ok(Brief {
        id: BriefId::of_text(text),
        title: title.unwrap_or_default(),
        themes,
        washington: merge_washington(washington),
        outlook_intro: intro,
        window_hours: window.estimate_hours(),
        window,
        window_assumed,
        indicators,
    })
}

/// One Washington angle from every US-politics section. With several, the
/// angle is titled "Washington Angle" (or the first section's title if it
/// names Washington) and each note is led by its own section's title.
fn merge_washington(sections: Vec<(&str, Vec<String>)>) -> Option<Section> {
    match sections.len() {
        0 => None,
        1 => sections
            .into_iter()
            .next()
            .map(|(title, paragraphs)| Section {
                title: title.to_string(),
                paragraphs,
            }),
        _ => {
            let first = sections[0].0;
            let title = if first.to_lowercase().contains("washington") {
                first.to_string()
            } else {
                "Washington Angle".to_string()
            };
            let mut paragraphs = Vec::new();
            for (t, ps) in sections {
                for p in ps {
                    if t == title {
                        paragraphs.push(p);
                    } else {
                        paragraphs.push(format!("{t}: {p}"));
                    }
                }
            }
            Some(Section { title, paragraphs })
        }
    }
}

/// What a refusal reports: the headings, the one taken for the Outlook, the
/// lists and the headings they stand under.
fn what_was_found(secs: &[RawSection], kinds: &[Kind], outlook_at: Option<usize>) -> Found {
    let seen = |s: &RawSection, k: Kind| {
        s.heading.map(|h| SeenHeading {
            line: h.no,
            title: s.title.clone(),
            read_as: read_as(k),
        })
    };
    let headings = secs
        .iter()
        .zip(kinds)
        .filter_map(|(s, &k)| seen(s, k))
        .collect();
    let outlook = outlook_at.and_then(|j| seen(secs.get(j)?, *kinds.get(j)?));
    let mut lists = Vec::new();
    for s in secs {
        let under = s.heading.map(|_| s.title.clone());
        for p in &s.paras {
            let mut run: Option<(usize, usize, String)> = None;
            for l in &p.lines {
                match (list_marker(l.text), &mut run) {
                    (Some(_), Some(r)) => r.1 += 1,
                    (Some(n), None) => {
                        run = Some((l.no, 1, l.text[..n].trim().to_string()));
                    }
                    (None, _) => {}
                }
            }
            if let Some((line, items, marker)) = run {
                lists.push(SeenList {
                    line,
                    items,
                    marker,
                    under: under.clone(),
                });
            }
        }
    }
    Found {
        headings,
        outlook,
        lists,
    }
}

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
