//! Ordinal indicators ("First, ... Second, ... Finally, ...") and the
//! sentence boundaries around them.

use super::lines::*;

pub(super) const ORDINALS: [&str; 20] = [
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
pub(super) fn find_marker(p: &str, from: usize, word: &str) -> Option<(usize, usize)> {
    let bytes = p.as_bytes();
    let w = word.len();
    let (lower, upper) = match word.as_bytes().first() {
        Some(b) => (b.to_ascii_lowercase(), b.to_ascii_uppercase()),
        None => return None,
    };
    let mut i = from;
    while i + w <= bytes.len() {
        // The first letter, either case, then the whole word.
        let found = bytes[i..=bytes.len() - w]
            .iter()
            .position(|&b| b == lower || b == upper)?;
        let at = i + found;
        i = at + 1;
        if let Some(text_start) = marker_at(p, at, word) {
            return Some((at, text_start));
        }
    }
    None
}

/// Whether an ordinal marker for `word` starts at byte `at` of `p`: the start
/// of the text after it.
pub(super) fn marker_at(p: &str, at: usize, word: &str) -> Option<usize> {
    let bytes = p.as_bytes();
    let w = word.len();
    if !bytes
        .get(at..at + w)
        .is_some_and(|s| s.eq_ignore_ascii_case(word.as_bytes()))
    {
        return None;
    }
    // The word must stand alone and start a sentence or a clause.
    if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
        return None;
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
    let rest = p.get(after..)?;
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
    .map(|m| m.len())?;
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
        return None;
    }
    let text_start = after + marker_len;
    let skip = p[text_start..].len() - p[text_start..].trim_start().len();
    Some(text_start + skip)
}

/// The Outlook's introduction and its ordinal indicators, each with the
/// index of the paragraph it starts in.
pub(super) fn ordinal_indicators(paras: &[Para]) -> (String, Vec<(usize, String)>, String) {
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
        return (String::new(), Vec::new(), String::new());
    }
    // "Finally," or "Lastly," closes the run.
    let Some(&(lp, _, lt)) = marks.last() else {
        return (String::new(), Vec::new(), String::new());
    };
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
    let mut closing = String::new();
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
        if k + 1 == marks.len() {
            // What follows the last indicator, in its paragraph and after.
            let mut rest: Vec<&str> = vec![text.get(end..).unwrap_or("").trim()];
            rest.extend(texts[p + 1..].iter().map(|t| t.trim()));
            closing = rest
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
        }
        let item = text[t..end].trim();
        let item = item
            .strip_suffix(" and")
            .or_else(|| item.strip_suffix(" And"))
            .unwrap_or(item)
            .trim_end_matches([';', ','])
            .trim_end();
        if has_letter(item) {
            out.push((p, item.to_string()));
        }
    }
    (intro, out, closing)
}

/// Words that open a closing remark after an indicator: an abbreviation's
/// stop ("... outside the U.S. These signals ...") ends the sentence before
/// them.
pub(super) const CLOSING_STARTERS: [&str; 16] = [
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
pub(super) fn closing_remark_start(s: &str) -> usize {
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
pub(super) fn sentence_end(s: &str) -> usize {
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
