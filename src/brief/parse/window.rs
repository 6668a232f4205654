//! The watch window a text names.

/// The watch window a text names: "next 48 hours", "72-hour",
/// "seventy-two hours", "next 3 days", "72h". A figure after "next",
/// "over", "within" and the like wins over one elsewhere in the text.
pub(super) fn window_hours(text: &str) -> Option<u32> {
    window_mentions(text).into_iter().flatten().next()
}

/// Only a window stated as one: "the next 48 hours", "the coming 3 days".
pub(super) fn stated_window_hours(text: &str) -> Option<u32> {
    window_mentions(text)[0]
}

/// The windows a text names, best first: the first after "next", "coming"
/// and the like; the first after "over", "within", "the"; the first at all.
pub(super) fn window_mentions(text: &str) -> [Option<u32>; 3] {
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

pub(super) const UNITS: [&str; 20] = [
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

pub(super) const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number written in digits or words ending the slice: the value and how
/// many words it took.
pub(super) fn number_before(words: &[&str]) -> Option<(u32, usize)> {
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
