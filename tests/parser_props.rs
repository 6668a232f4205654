//! Properties of the brief parser: it never panics, whatever it is given, and
//! a brief reads the same (same id, same content) whatever its line endings,
//! trailing blanks, blank lines or byte-order mark.

use proptest::prelude::*;
use watchdesk::brief::{Brief, BriefId, normalise, parse, parse_bytes};

// ---------------------------------------------------------------------------
// Never a panic

/// Pieces of brief-like text, so that random strings reach deep into the
/// parser (headings, lists, ordinals, windows) rather than stopping at "no
/// structure".
const FRAGMENTS: &[&str] = &[
    "Outlook",
    "OUTLOOK (NEXT 48 HOURS)",
    "Washington Angle",
    "Washington Angle: The Senate votes.",
    "## Key Indicators",
    "**Outlook:**",
    "Looking Ahead",
    "Economic Outlook Darkens",
    "UNCLASSIFIED//FOUO",
    "Grain Corridor Pressure",
    "First, ",
    "Second,",
    "; and third, ",
    "Firstly, ",
    "Finally — ",
    "Lastly:",
    "twelfth,",
    "over the next 48 hours",
    "forty-eight hours",
    "72h",
    "4294967295 days",
    "99999999999 hours",
    "next week",
    "U.S. ",
    "Gen. ",
    "These signals will indicate. ",
    "the port",
    "1. ",
    "(2) ",
    "a) ",
    "- ",
    "* ",
    "•",
    "IV. ",
    "# ",
    "###### ",
    "---",
    "===",
    "* * *",
    ":",
    " — ",
    "“quoted”",
    "\u{feff}",
    "\u{a0}",
    "\t",
    " ",
    ".",
    ",",
    "**",
    "\n",
    "\n",
    "\n\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
];

/// Brief-like text: fragments from the table, with a random character now
/// and then.
fn brief_like() -> impl Strategy<Value = String> {
    prop::collection::vec((0..FRAGMENTS.len() + 4, any::<char>()), 0..60).prop_map(|parts| {
        let mut out = String::new();
        for (i, c) in parts {
            match FRAGMENTS.get(i) {
                Some(f) => out.push_str(f),
                None => out.push(c),
            }
        }
        out
    })
}

fn no_panic(text: &str) {
    // Either result is fine; what matters is that parse returns.
    if let Ok(brief) = parse(text) {
        assert!(!brief.indicators.is_empty());
        assert!(brief.window_hours > 0);
        assert_eq!(brief.id, BriefId::of_text(text));
    }
}

/// Inputs that once panicked (found by the properties below).
#[test]
fn past_panics() {
    no_panic("## Key Indicators• — ");
    no_panic("# Key Indicators- •");
    no_panic(
        "•Outlook:\r\n\n)?\",'Washington Angle###### Economic Outlook DarkensSecond,Washington \
         AngleOUTLOOK (NEXT 48 HOURS){twelfth,Economic Outlook Darkens“quoted”Washington Angle: \
         The Senate votes.:These signals will indicate. Outlook4294967295 daysa) Gen. :“quoted”a)   \
         ###### Finally — \t“quoted”\u{feff}Economic Outlook Darkens## Key Indicators**Outlook:** \
         Finally — **Outlook:**Economic Outlook DarkensThese signals will indicate. U.S. ",
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        no_panic(&text);
    }

    #[test]
    fn brief_like_strings_never_panic(text in brief_like()) {
        no_panic(&text);
        no_panic(&text.to_uppercase());
    }

    #[test]
    fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn bytes_after_a_utf16_mark_never_panic(
        le in any::<bool>(),
        bytes in prop::collection::vec(any::<u8>(), 0..1024),
    ) {
        let mut input = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        input.extend(bytes);
        let _ = parse_bytes(&input);
    }

    #[test]
    fn brief_like_bytes_never_panic(text in brief_like(), noise in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8)) {
        // Text with a few bytes overwritten: broken UTF-8, stray NULs.
        let mut bytes = text.into_bytes();
        if !bytes.is_empty() {
            for (at, b) in noise {
                let i = at.index(bytes.len());
                bytes[i] = b;
            }
        }
        let _ = parse_bytes(&bytes);
    }

    #[test]
    fn errors_point_at_a_line_inside_the_text(text in brief_like()) {
        if let Err(e) = parse(&text)
            && let Some(line) = e.line
        {
            let lines = text.split("\r\n").flat_map(|l| l.split(['\r', '\n'])).count();
            prop_assert!(line >= 1 && line <= lines.max(1), "line {line} of {lines}");
        }
    }
}

// ---------------------------------------------------------------------------
// A generated brief reads the same in every form

const WORDS: &[&str] = &[
    "alliance",
    "ministers",
    "port",
    "grain",
    "tariff",
    "budget",
    "cable",
    "reserve",
    "quota",
    "pipeline",
    "council",
    "treaty",
    "harbour",
    "border",
    "levy",
    "fleet",
    "auction",
    "ration",
    "convoy",
    "ledger",
    "summit",
    "permit",
    "charter",
    "envoy",
    "delta",
    "basin",
    "corridor",
    "market",
    "vote",
    "court",
    "north",
    "coastal",
    "regional",
    "federal",
    "provincial",
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "for",
    "with",
    "on",
    "by",
    "from",
    "its",
];

const TITLE_WORDS: &[&str] = &[
    "Arctic", "Grain", "Cable", "Tariff", "Reserve", "Pipeline", "Harbour", "Border", "Fleet",
    "Summit", "Treaty", "Quota", "Corridor", "Market", "Delta", "Basin", "Council", "Ledger",
    "Pressure", "Dispute", "Stalls", "Widens", "Returns", "Shifts", "Tightens", "Falls",
];

fn words(range: std::ops::Range<usize>) -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(WORDS), range)
}

/// A sentence: capitalised, ending with a full stop.
fn sentence() -> impl Strategy<Value = String> {
    words(4..14).prop_map(|w| {
        let s = w.join(" ");
        let mut c = s.chars();
        let first = c
            .next()
            .map(|f| f.to_uppercase().collect::<String>())
            .unwrap_or_default();
        format!("{first}{}.", c.as_str())
    })
}

/// A clause in lower case with a full stop: an indicator's text.
fn clause() -> impl Strategy<Value = String> {
    words(3..12).prop_map(|w| format!("{}.", w.join(" ")))
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 2..5).prop_map(|s| s.join(" "))
}

fn heading() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TITLE_WORDS), 2..6).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
enum Style {
    Ordinals,
    Numbered,
    Bullets,
}

#[derive(Debug, Clone)]
struct Spec {
    title: Option<String>,
    themes: Vec<(String, Vec<String>)>,
    washington: Option<Vec<String>>,
    window: Option<u32>,
    style: Style,
    indicators: Vec<String>,
    closing: bool,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::option::of(heading()),
        prop::collection::vec((heading(), prop::collection::vec(paragraph(), 1..4)), 1..13),
        prop::option::of(prop::collection::vec(paragraph(), 1..4)),
        prop::option::of(prop::sample::select(&[12u32, 24, 36, 48, 72, 96, 120][..])),
        prop_oneof![
            Just(Style::Ordinals),
            Just(Style::Numbered),
            Just(Style::Bullets)
        ],
        prop::collection::vec(clause(), 1..13),
        any::<bool>(),
    )
        .prop_map(
            |(title, themes, washington, window, style, indicators, closing)| Spec {
                title,
                themes,
                washington,
                window,
                style,
                indicators,
                closing,
            },
        )
}

const ORDINALS: [&str; 12] = [
    "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
    "Eleventh", "Twelfth",
];

fn render(spec: &Spec) -> String {
    let mut out = String::new();
    if let Some(title) = &spec.title {
        out.push_str(&format!("{title} Brief\n\n"));
    }
    for (title, paras) in &spec.themes {
        out.push_str(&format!("{title}\n\n"));
        for p in paras {
            out.push_str(&format!("{p}\n\n"));
        }
    }
    if let Some(notes) = &spec.washington {
        out.push_str("Washington Angle\n\n");
        for p in notes {
            out.push_str(&format!("{p}\n\n"));
        }
    }
    out.push_str("Outlook\n\n");
    let intro = match spec.window {
        Some(h) => format!("Over the next {h} hours, watch these indicators"),
        None => "Watch these indicators".to_string(),
    };
    let closing = "These signals will indicate whether the desk was right.";
    match spec.style {
        Style::Ordinals => {
            out.push_str(&format!("{intro}."));
            for (i, text) in spec.indicators.iter().enumerate() {
                out.push_str(&format!(" {}, {text}", ORDINALS[i]));
            }
            if spec.closing {
                out.push_str(&format!(" {closing}"));
            }
            out.push('\n');
        }
        Style::Numbered | Style::Bullets => {
            out.push_str(&format!("{intro}:\n\n"));
            for (i, text) in spec.indicators.iter().enumerate() {
                let marker = match spec.style {
                    Style::Numbered => format!("{}.", i + 1),
                    _ => "-".to_string(),
                };
                out.push_str(&format!("{marker} {text}\n"));
            }
            if spec.closing {
                out.push_str(&format!("\n{closing}\n"));
            }
        }
    }
    out
}

fn check_against_spec(spec: &Spec, brief: &Brief) -> Result<(), TestCaseError> {
    let want_title = match &spec.title {
        Some(t) => format!("{t} Brief"),
        None => spec.themes[0].0.clone(),
    };
    prop_assert_eq!(&brief.title, &want_title);
    let titles: Vec<&str> = brief.themes.iter().map(|t| t.title.as_str()).collect();
    let want: Vec<&str> = spec.themes.iter().map(|t| t.0.as_str()).collect();
    prop_assert_eq!(titles, want);
    for (got, (_, paras)) in brief.themes.iter().zip(&spec.themes) {
        prop_assert_eq!(&got.paragraphs, paras);
    }
    prop_assert_eq!(
        brief.washington.as_ref().map(|w| &w.paragraphs),
        spec.washington.as_ref()
    );
    prop_assert_eq!(brief.window_hours, spec.window.unwrap_or(72));
    let got: Vec<&str> = brief.indicators.iter().map(|i| i.text.as_str()).collect();
    let want: Vec<&str> = spec.indicators.iter().map(String::as_str).collect();
    prop_assert_eq!(got, want);
    Ok(())
}

/// The same brief with different line endings, trailing blanks, blank lines
/// and byte-order marks.
fn variant(text: &str, ending: &str, trailing: &str, extra_blank: bool, bom: bool) -> String {
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    if extra_blank {
        out.push_str(ending);
        out.push_str(trailing);
        out.push_str(ending);
    }
    for line in text.lines() {
        out.push_str(line);
        out.push_str(trailing);
        out.push_str(ending);
        if extra_blank && line.is_empty() {
            out.push_str(trailing);
            out.push_str(ending);
        }
    }
    if extra_blank {
        out.push_str(ending);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_generated_brief_parses_to_what_was_written(spec in spec()) {
        let text = render(&spec);
        let brief = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        check_against_spec(&spec, &brief)?;
    }

    #[test]
    fn line_endings_and_blanks_do_not_change_a_brief(
        spec in spec(),
        ending in prop::sample::select(&["\n", "\r\n", "\r"][..]),
        trailing in prop::sample::select(&["", " ", "\t", "  \t ", "\u{a0}"][..]),
        extra_blank in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let text = render(&spec);
        let base = parse(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let other = variant(&text, ending, trailing, extra_blank, bom);
        let brief = parse(&other).map_err(|e| TestCaseError::fail(format!("{e}\n{other:?}")))?;
        prop_assert_eq!(&brief.id, &base.id);
        prop_assert_eq!(&brief, &base);
        prop_assert_eq!(normalise(&other), normalise(&text));
        // And through the byte loader.
        prop_assert_eq!(&parse_bytes(other.as_bytes()).expect("parses"), &base);
    }

    #[test]
    fn normalise_is_idempotent(text in brief_like()) {
        let once = normalise(&text);
        prop_assert_eq!(normalise(&once), once.clone());
        prop_assert_eq!(BriefId::of_text(&once), BriefId::of_text(&text));
    }
}

// ---------------------------------------------------------------------------
// Corrections never panic either

fn mark() -> impl Strategy<Value = watchdesk::brief::Mark> {
    use watchdesk::brief::Mark;
    prop_oneof![
        Just(Mark::ThemeHeading),
        Just(Mark::Washington),
        Just(Mark::Outlook),
        Just(Mark::Indicator),
        Just(Mark::PassedOver),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn corrections_on_any_text_never_panic(
        text in brief_like(),
        marks in prop::collection::vec((0usize..40, 0usize..40, mark()), 0..6),
        hours in 0i64..20_000,
    ) {
        use watchdesk::brief::{Correction, WindowSpec, apply_corrections_with_outline};
        let mut corrections: Vec<Correction> = marks
            .into_iter()
            .map(|(first_line, len, mark)| Correction::Mark { first_line, last_line: first_line + len, mark })
            .collect();
        corrections.push(Correction::SetWindow(WindowSpec::hours(hours)));
        corrections.push(Correction::SetDeadline { indicator: 3, deadline: None });
        let (brief, outline) = apply_corrections_with_outline(&text, &corrections);
        if let Ok(brief) = brief {
            prop_assert!(!brief.indicators.is_empty());
            prop_assert_eq!(brief.window, WindowSpec::hours(hours));
        }
        for pair in outline.blocks.windows(2) {
            prop_assert!(pair[0].last_line < pair[1].first_line);
        }
    }
}
