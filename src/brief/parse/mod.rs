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

mod error;
mod headings;
mod lines;
mod lists;
mod ordinals;
mod vocab;
mod window;

pub use error::{ParseError, ParseErrorKind};
pub use lines::normalise;

use super::{Brief, BriefId, Indicator, Section};
use headings::*;
use lines::*;
use lists::*;
use vocab::*;
use window::*;

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

#[cfg(test)]
mod tests {
    use super::headings::*;
    use super::lists::*;
    use super::ordinals::*;
    use super::vocab::*;
    use super::window::*;
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
