//! The words of headings: which heading names a theme, the Washington
//! angle or the Outlook, and which is a classification banner.

use super::window::is_number_name;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
    pub(super) fn is_outlook(self) -> bool {
        matches!(self, Kind::Outlook | Kind::OutlookWeak)
    }
}

/// A classification or handling banner: "UNCLASSIFIED", "SECRET//NOFORN",
/// "FOR OFFICIAL USE ONLY", "Classification: Official".
pub(super) fn is_banner(title: &str) -> bool {
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
pub(super) fn heading_words(title: &str) -> Vec<String> {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn is_number_word(w: &str) -> bool {
    w.parse::<u32>().is_ok()
        || w.strip_suffix('h')
            .or_else(|| w.strip_suffix("hr"))
            .or_else(|| w.strip_suffix("hrs"))
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        || is_number_name(w)
}

pub(super) fn classify(title: &str) -> Kind {
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
    // "White House", "Congress", "The Hill", "The Administration", "Inside
    // the Beltway": US politics under other names.
    const US_POLITICS: [&str; 9] = [
        "white",
        "house",
        "congress",
        "congressional",
        "senate",
        "administration",
        "beltway",
        "inside",
        "oval",
    ];
    let washington_words = words.len() <= 6
        && words
            .iter()
            .all(|w| *w == "washington" || WASHINGTON_WORDS.contains(w) || US_POLITICS.contains(w));
    let us_name = (has("white") && has("house"))
        || has("congress")
        || has("congressional")
        || has("beltway")
        || (has("hill") && (has("the") || has("capitol") || has("on")))
        || (has("administration") && (has("the") || words.len() == 1));
    if washington_words && us_name {
        return Kind::Washington;
    }
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
    const OUTLOOK_WORDS: [&str; 88] = [
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
        "look",
        "watchpoints",
        "watchpoint",
        "judgments",
        "judgements",
        "through",
        "until",
        "to",
        "by",
        "from",
        "end",
        "on",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "w",
        "wk",
        "months",
        "month",
        "fortnight",
    ];
    const CORE: [&str; 12] = [
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
        "watchpoints",
        "watchpoint",
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
        || joined.contains("what to look for")
        || joined.contains("looking ahead")
        || joined.contains("indicators and warnings")
    {
        return Kind::Outlook;
    }
    // "Key Judgments" lead an intelligence product: its forward-looking
    // section if nothing else is plainly the Outlook.
    if only_outlook_words && (has("judgments") || has("judgements")) {
        return Kind::OutlookWeak;
    }
    if has("outlook") && words.len() <= 8 {
        return Kind::OutlookWeak;
    }
    Kind::Theme
}

/// A heading under the Outlook that names the things to watch: "Political
/// Signals", "Early Warning Indicators".
pub(super) fn names_signals(title: &str) -> bool {
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
