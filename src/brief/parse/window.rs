//! The watch window a text names, as written: "the next 48 hours", "1.5
//! days", "half a day", "a fortnight", "48-72 hours" (a range takes its
//! end), "two to three days", "by Friday", "through 4 July", "before the
//! 12 December summit".

use chrono::{Duration, Weekday};

use crate::brief::window::{DayRef, MAX_WINDOW, WindowSpec};

/// A window a brief names that cannot be watched: why, and the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Impossible {
    pub(super) phrase: String,
    pub(super) reason: &'static str,
}

/// One window named in a text.
pub(super) type Mention = Result<WindowSpec, Impossible>;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Num(f64),
    Word(&'a str),
}

/// Lower-case words and numbers ("1.5", "72" of "72h", "4" of "4th"); a
/// `½` is a half.
fn tokens(lower: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let bytes = lower.as_bytes();
    let mut i = 0;
    while i < lower.len() {
        let Some(c) = lower[i..].chars().next() else {
            break;
        };
        if c.is_ascii_digit() {
            let mut j = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
            // A decimal point between digits: "1.5", "2.5".
            if bytes.get(j) == Some(&b'.') && bytes.get(j + 1).is_some_and(u8::is_ascii_digit) {
                j += 1 + bytes[j + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_digit())
                    .count();
            }
            let mut n: f64 = lower[i..j].parse().unwrap_or(f64::INFINITY);
            if lower[j..].starts_with('½') {
                n += 0.5;
                j += '½'.len_utf8();
            }
            out.push(Tok::Num(n));
            i = j;
        } else if c == '½' {
            out.push(Tok::Num(0.5));
            i += c.len_utf8();
        } else if c.is_alphabetic() {
            let j = lower[i..]
                .char_indices()
                .find(|(_, c)| !c.is_alphabetic())
                .map_or(lower.len(), |(k, _)| i + k);
            out.push(Tok::Word(&lower[i..j]));
            i = j;
        } else {
            i += c.len_utf8();
        }
    }
    out
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

/// A number word: "seven", "forty".
pub(super) fn is_number_name(w: &str) -> bool {
    UNITS.contains(&w) || TENS.contains(&w)
}

fn word_value(w: &str) -> Option<f64> {
    if let Some(u) = UNITS.iter().position(|u| *u == w) {
        return Some(u as f64);
    }
    TENS.iter()
        .position(|t| *t == w)
        .map(|t| (t as f64 + 2.0) * 10.0)
}

/// The hours in one of a unit.
fn unit_hours(w: &str) -> Option<f64> {
    Some(match w {
        "hour" | "hours" | "hrs" | "hr" | "h" => 1.0,
        "day" | "days" => 24.0,
        "week" | "weeks" | "wk" | "wks" => 24.0 * 7.0,
        "fortnight" | "fortnights" => 24.0 * 14.0,
        "month" | "months" => 24.0 * 30.0,
        _ => return None,
    })
}

/// A number ending `toks`: its value and how many tokens it took. A range
/// ("48-72", "two to three") takes its end and counts its start too.
fn number_before(toks: &[Tok]) -> Option<(f64, usize)> {
    let (value, used) = single_number_before(toks)?;
    let rest = &toks[..toks.len() - used];
    // "48-72 hours", "48 to 72 hours", "two to three days", "24 or 48 hours".
    let range = match rest {
        [.., Tok::Num(_)] => 1,
        [.., _, Tok::Word("to" | "or")] => match single_number_before(&rest[..rest.len() - 1]) {
            Some((_, u)) => u + 1,
            None => 0,
        },
        _ => 0,
    };
    Some((value, used + range))
}

fn single_number_before(toks: &[Tok]) -> Option<(f64, usize)> {
    match toks {
        // "one and a half", "two and a half"
        [.., a, Tok::Word("and"), Tok::Word("a"), Tok::Word("half")] => {
            let whole = match a {
                Tok::Num(n) => *n,
                Tok::Word(w) => word_value(w)?,
            };
            Some((whole + 0.5, 4))
        }
        // "half a day", "half an hour"
        [.., Tok::Word("half"), Tok::Word("a" | "an")] => Some((0.5, 2)),
        [.., Tok::Num(n)] => Some((*n, 1)),
        // "forty-eight"
        [.., Tok::Word(t), Tok::Word(u)] if TENS.contains(t) && UNITS[1..10].contains(u) => {
            Some((word_value(t)? + word_value(u)?, 2))
        }
        [.., Tok::Word(w)] => match *w {
            "a" | "an" => Some((1.0, 1)),
            _ => word_value(w).map(|v| (v, 1)),
        },
        [] => None,
    }
}

/// A span from a value and a unit, or why it cannot be watched.
fn span(value: f64, unit: &str, per: f64) -> Mention {
    let phrase = if value.fract() == 0.0 && value.abs() < 1e12 {
        format!("{value:.0} {unit}")
    } else {
        format!("{value} {unit}")
    };
    let minutes = (value * per * 60.0).round();
    if !minutes.is_finite() || minutes > MAX_WINDOW.num_minutes() as f64 {
        return Err(Impossible {
            phrase,
            reason: "more than a year",
        });
    }
    if minutes < 1.0 {
        return Err(Impossible {
            phrase,
            reason: "no time at all",
        });
    }
    Ok(WindowSpec::Span(Duration::minutes(minutes as i64)))
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

fn month_of(w: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &["january", "jan"],
        &["february", "feb"],
        &["march", "mar"],
        &["april", "apr"],
        &["may"],
        &["june", "jun"],
        &["july", "jul"],
        &["august", "aug"],
        &["september", "sep", "sept"],
        &["october", "oct"],
        &["november", "nov"],
        &["december", "dec"],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&w))
        .map(|m| m as u32 + 1)
}

fn day_number(t: Option<&Tok>) -> Option<u32> {
    match t {
        Some(Tok::Num(n)) if n.fract() == 0.0 && (1.0..=31.0).contains(n) => Some(*n as u32),
        _ => None,
    }
}

fn year_number(t: Option<&Tok>) -> Option<i32> {
    match t {
        Some(Tok::Num(n)) if n.fract() == 0.0 && (2000.0..=2200.0).contains(n) => Some(*n as i32),
        _ => None,
    }
}

/// A day named after "by", "through", "until", "before" at `toks[i]`:
/// "by Friday", "through 4 July", "before the 12th of December", "until
/// July 4 2027", "by the end of Thursday".
fn day_after(toks: &[Tok], i: usize) -> Option<Mention> {
    let mut k = i + 1;
    let skip = |k: &mut usize, words: &[&str]| {
        while let Some(Tok::Word(w)) = toks.get(*k) {
            if !words.contains(w) {
                break;
            }
            *k += 1;
        }
    };
    skip(
        &mut k,
        &["the", "end", "close", "of", "cob", "eod", "next", "this"],
    );
    if let Some(Tok::Word(w)) = toks.get(k)
        && let Some((_, day)) = WEEKDAYS.iter().find(|(name, _)| name == w)
    {
        return Some(Ok(WindowSpec::EndOfDay(DayRef::Weekday(*day))));
    }
    // "4 July", "4th of July", "July 4", "July 4th 2027"
    let (day, month, after) = if let Some(day) = day_number(toks.get(k)) {
        let mut m = k + 1;
        skip(&mut m, &["st", "nd", "rd", "th", "of"]);
        let Some(Tok::Word(w)) = toks.get(m) else {
            return None;
        };
        (day, month_of(w)?, m + 1)
    } else if let Some(Tok::Word(w)) = toks.get(k)
        && let Some(month) = month_of(w)
        && let Some(day) = day_number(toks.get(k + 1))
    {
        let mut m = k + 2;
        skip(&mut m, &["st", "nd", "rd", "th"]);
        (day, month, m)
    } else {
        return None;
    };
    let year = year_number(toks.get(after));
    let date = DayRef::Date { day, month, year };
    let exists = match year {
        Some(y) => chrono::NaiveDate::from_ymd_opt(y, month, day).is_some(),
        None => chrono::NaiveDate::from_ymd_opt(2028, month, day).is_some(),
    };
    if !exists {
        return Some(Err(Impossible {
            phrase: date.to_string(),
            reason: "no such date",
        }));
    }
    Some(Ok(WindowSpec::EndOfDay(date)))
}

/// The windows a text names, best first: the first after "next",
/// "coming" and the like; the first after "over", "within", "the", or a
/// named day after "by", "through", "until", "before"; the first at all.
pub(super) fn window_mentions(text: &str) -> [Option<Mention>; 3] {
    let lower = text.to_lowercase();
    let toks = tokens(&lower);
    let mut found: [Option<Mention>; 3] = [None, None, None];
    for (i, t) in toks.iter().enumerate() {
        let Tok::Word(w) = *t else { continue };
        if matches!(
            w,
            "by" | "through" | "thru" | "until" | "till" | "before" | "to"
        ) {
            if let Some(m) = day_after(&toks, i) {
                found[1].get_or_insert(m);
            }
            continue;
        }
        let Some(per) = unit_hours(w) else { continue };
        let (value, used) = match number_before(&toks[..i]) {
            Some(found) => found,
            // "the next day", "the coming week"
            None if !w.ends_with('s') && i > 0 => (1.0, 0),
            None => continue,
        };
        // "a day and a half"
        let value = match toks.get(i + 1..i + 4) {
            Some([Tok::Word("and"), Tok::Word("a"), Tok::Word("half")]) => value + 0.5,
            _ => value,
        };
        let rank = match i.checked_sub(used + 1).map(|j| toks[j]) {
            Some(Tok::Word("next" | "coming" | "following" | "upcoming")) => 0,
            _ if used == 0 => continue,
            Some(Tok::Word("over" | "within" | "the" | "for" | "in" | "a" | "an")) => 1,
            // "a day after the vote" names no window.
            _ if matches!(toks.get(i - used), Some(Tok::Word("a" | "an"))) => continue,
            _ => 2,
        };
        found[rank].get_or_insert(span(value, w, per));
    }
    found
}

/// The best window a text names, at any rank.
pub(super) fn window_in(text: &str) -> Option<Mention> {
    window_mentions(text).into_iter().flatten().next()
}

/// Only a window stated as one: "the next 48 hours", "the coming 3 days".
pub(super) fn stated_window(text: &str) -> Option<Mention> {
    let [first, ..] = window_mentions(text);
    first
}

/// A deadline an indicator names for itself: "within 24 hours", "in the
/// next 48 hours", "by Thursday", "before 12 December". A bare "24-hour"
/// ("a 24-hour strike") is not one.
pub(super) fn indicator_deadline(text: &str) -> Option<WindowSpec> {
    let lower = text.to_lowercase();
    let toks = tokens(&lower);
    for (i, t) in toks.iter().enumerate() {
        let Tok::Word(w) = *t else { continue };
        match w {
            "by" | "through" | "thru" | "until" | "till" | "before" => {
                if let Some(Ok(spec)) = day_after(&toks, i) {
                    return Some(spec);
                }
            }
            "within" | "next" | "coming" => {
                // The unit within a few words: "within 24 hours", "within
                // the next two days".
                for j in i + 1..(i + 6).min(toks.len()) {
                    let Tok::Word(u) = toks[j] else { continue };
                    let Some(per) = unit_hours(u) else { continue };
                    let (value, used) = match number_before(&toks[i + 1..j]) {
                        Some(n) => n,
                        None if !u.ends_with('s') => (1.0, 0),
                        None => break,
                    };
                    // Only "the"/"next" between the word and the number.
                    let between = &toks[i + 1..j - used];
                    if between
                        .iter()
                        .all(|t| matches!(t, Tok::Word("the" | "next" | "coming")))
                        && let Ok(spec) = span(value, u, per)
                    {
                        return Some(spec);
                    }
                    break;
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(text: &str) -> Option<f64> {
        match window_in(text)? {
            Ok(WindowSpec::Span(d)) => Some(d.num_minutes() as f64 / 60.0),
            _ => None,
        }
    }

    #[test]
    fn spans_as_written() {
        assert_eq!(hours("Over the next 72 hours, watch"), Some(72.0));
        assert_eq!(hours("over the next forty-eight hours"), Some(48.0));
        assert_eq!(hours("In the 24-hour window"), Some(24.0));
        assert_eq!(hours("over the next 3 days"), Some(72.0));
        assert_eq!(hours("watch over the next 60h for"), Some(60.0));
        assert_eq!(hours("during the coming week"), Some(168.0));
        assert_eq!(hours("over the next 1.5 days"), Some(36.0));
        assert_eq!(hours("within 2.5 hours"), Some(2.5));
        assert_eq!(hours("over the next half a day"), Some(12.0));
        assert_eq!(hours("over the next fortnight"), Some(336.0));
        assert_eq!(hours("over a fortnight"), Some(336.0));
        assert_eq!(hours("in the next week"), Some(168.0));
        assert_eq!(hours("over the next 48-72 hours"), Some(72.0));
        assert_eq!(hours("over the next 48 to 72 hours"), Some(72.0));
        assert_eq!(hours("over the next two to three days"), Some(72.0));
        assert_eq!(hours("over the next one and a half days"), Some(36.0));
        assert_eq!(hours("over the next day and a half"), Some(36.0));
        assert_eq!(hours("for the next 2 weeks"), Some(336.0));
        assert_eq!(hours("over the coming month"), Some(720.0));
        assert_eq!(hours("over the next 1½ days"), Some(36.0));
        assert_eq!(
            hours("within 24 hours of the vote, over the next 48 hours"),
            Some(48.0)
        );
        assert_eq!(hours("watch closely"), None);
        assert_eq!(hours("over the coming days"), None);
        assert!(stated_window("within 24 hours of the vote").is_none());
    }

    #[test]
    fn impossible_spans_say_why() {
        let reason = |t: &str| window_in(t).and_then(|m| m.err()).map(|e| e.reason);
        assert_eq!(reason("over the next 0 hours"), Some("no time at all"));
        assert_eq!(reason("over the next 9000 hours"), Some("more than a year"));
        assert_eq!(
            reason("the next 99999999999999999999 days"),
            Some("more than a year")
        );
        assert_eq!(reason("the next 2 years"), None);
    }

    #[test]
    fn named_days() {
        let day = |t: &str| match window_in(t) {
            Some(Ok(WindowSpec::EndOfDay(d))) => Some(d),
            _ => None,
        };
        assert_eq!(day("Watch by Friday"), Some(DayRef::Weekday(Weekday::Fri)));
        assert_eq!(
            day("through 4 July"),
            Some(DayRef::Date {
                day: 4,
                month: 7,
                year: None
            })
        );
        assert_eq!(
            day("before the 12 December summit"),
            Some(DayRef::Date {
                day: 12,
                month: 12,
                year: None
            })
        );
        assert_eq!(
            day("until July 4th 2027"),
            Some(DayRef::Date {
                day: 4,
                month: 7,
                year: Some(2027)
            })
        );
        assert_eq!(
            day("by the end of Thursday"),
            Some(DayRef::Weekday(Weekday::Thu))
        );
        assert_eq!(day("by the ministry"), None);
        assert!(matches!(window_in("by 31 February"), Some(Err(_))));
        // A stated span wins over a named day.
        assert!(matches!(
            window_in("by Friday, over the next 48 hours"),
            Some(Ok(WindowSpec::Span(_)))
        ));
    }

    #[test]
    fn indicator_deadlines() {
        assert_eq!(
            indicator_deadline("a vote within 24 hours"),
            Some(WindowSpec::hours(24))
        );
        assert_eq!(
            indicator_deadline("a statement in the next 48 hours"),
            Some(WindowSpec::hours(48))
        );
        assert_eq!(
            indicator_deadline("a filing by Thursday"),
            Some(WindowSpec::EndOfDay(DayRef::Weekday(Weekday::Thu)))
        );
        assert_eq!(indicator_deadline("a 24-hour general strike"), None);
        assert_eq!(indicator_deadline("a decision by the court"), None);
    }
}
