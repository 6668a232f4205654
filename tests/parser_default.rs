//! The default brief written in other styles, brief ids, and very large briefs.

use std::path::{Path, PathBuf};

use watchdesk::brief::{
    Brief, BriefId, DEFAULT_BRIEF_TEXT, ParseErrorKind, load_file, normalise, parse, parse_bytes,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/briefs")
        .join(name)
}

/// Every fixture brief's file name.
fn fixture_files() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefs");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------
// The default brief rewritten the ways analysts write briefs

/// Greedy hard wrap of one paragraph at `width` columns.
fn wrap(paragraph: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

/// The default brief rebuilt from its parts: each heading through
/// `heading`, each paragraph through `para`, blocks joined with `gap`.
fn rebuild(
    heading: &dyn Fn(usize, &str) -> String,
    para: &dyn Fn(&str) -> String,
    after_heading: &str,
    gap: &str,
) -> String {
    let base = parse(DEFAULT_BRIEF_TEXT).expect("parses");
    let washington = base.washington.as_ref().expect("Washington");
    let outlook = DEFAULT_BRIEF_TEXT
        .rsplit("\n\n")
        .next()
        .expect("the Outlook paragraph");
    let mut sections: Vec<(&str, Vec<&str>)> = base
        .themes
        .iter()
        .map(|t| {
            (
                t.title.as_str(),
                t.paragraphs.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    sections.push((
        &washington.title,
        washington.paragraphs.iter().map(String::as_str).collect(),
    ));
    sections.push(("Outlook", vec![outlook.trim()]));
    sections
        .iter()
        .enumerate()
        .map(|(i, (title, paras))| {
            let body: Vec<String> = paras.iter().map(|p| para(p)).collect();
            format!("{}{after_heading}{}", heading(i, title), body.join(gap))
        })
        .collect::<Vec<_>>()
        .join(gap)
        + "\n"
}

#[test]
fn the_default_brief_written_in_other_styles() {
    let base = parse(DEFAULT_BRIEF_TEXT).expect("parses");
    let plain = |_: usize, t: &str| t.to_string();
    let same = |p: &str| p.to_string();
    let wrap72 = |p: &str| wrap(p, 72);
    let variants: Vec<(&str, String)> = vec![
        ("rebuilt as it is", rebuild(&plain, &same, "\n\n", "\n\n")),
        (
            "upper-case headings",
            rebuild(&|_, t| t.to_uppercase(), &same, "\n\n", "\n\n"),
        ),
        (
            "Markdown headings",
            rebuild(&|_, t| format!("## {t}"), &same, "\n\n", "\n\n"),
        ),
        (
            "bold headings",
            rebuild(&|_, t| format!("**{t}**"), &same, "\n\n", "\n\n"),
        ),
        (
            "headings with colons",
            rebuild(&|_, t| format!("{t}:"), &same, "\n\n", "\n\n"),
        ),
        (
            "numbered headings",
            rebuild(&|i, t| format!("{}. {t}", i + 1), &same, "\n\n", "\n\n"),
        ),
        (
            "Roman numerals",
            rebuild(
                &|i, t| format!("{}. {t}", ["I", "II", "III", "IV", "V", "VI"][i]),
                &same,
                "\n\n",
                "\n\n",
            ),
        ),
        (
            "underlined headings",
            rebuild(
                &|_, t| format!("{t}\n{}", "-".repeat(t.len())),
                &same,
                "\n\n",
                "\n\n",
            ),
        ),
        (
            "Outlook heading names the window",
            rebuild(
                &|i, t| {
                    if i == 5 {
                        "Outlook (Next 72 Hours)".into()
                    } else {
                        t.into()
                    }
                },
                &same,
                "\n\n",
                "\n\n",
            ),
        ),
        (
            "hard-wrapped at 72",
            rebuild(&plain, &wrap72, "\n\n", "\n\n"),
        ),
        (
            "hard-wrapped, text under headings",
            rebuild(&plain, &wrap72, "\n", "\n\n"),
        ),
        ("no blank lines", rebuild(&plain, &same, "\n", "\n")),
        (
            "hard-wrapped with no blank lines",
            rebuild(&plain, &wrap72, "\n", "\n"),
        ),
        (
            "hard-wrapped at 60, colons, no blank lines",
            rebuild(&|_, t| format!("{t}:"), &|p| wrap(p, 60), "\n", "\n"),
        ),
        (
            "indented paragraphs",
            rebuild(&plain, &|p| format!("\t{p}"), "\n\n", "\n\n"),
        ),
        (
            "extra blank lines",
            rebuild(&plain, &same, "\n\n\n", "\n \n\t\n\n"),
        ),
    ];
    for (what, text) in variants {
        let brief = parse(&text).unwrap_or_else(|e| panic!("{what}: {e}\n{text}"));
        let lower = |s: &str| s.to_lowercase();
        assert_eq!(lower(&brief.title), lower(&base.title), "{what}: title");
        assert_eq!(brief.themes.len(), base.themes.len(), "{what}: themes");
        for (got, want) in brief.themes.iter().zip(&base.themes) {
            assert_eq!(lower(&got.title), lower(&want.title), "{what}");
            assert_eq!(got.paragraphs, want.paragraphs, "{what}: {}", want.title);
        }
        let washington = brief
            .washington
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: Washington"));
        assert_eq!(
            Some(&washington.paragraphs),
            base.washington.as_ref().map(|w| &w.paragraphs),
            "{what}"
        );
        assert_eq!(brief.window_hours, 72, "{what}");
        assert_eq!(brief.indicators, base.indicators, "{what}: indicators");
    }
}

// ---------------------------------------------------------------------------
// The default brief and ids

#[test]
fn default_brief_parses() {
    let brief = Brief::default_brief().expect("the default brief parses");
    assert_eq!(
        brief.title,
        "Nuclear Proliferation Reshapes Alliance Priorities"
    );
    assert_eq!(brief.themes.len(), 4);
    for theme in &brief.themes {
        assert_eq!(theme.paragraphs.len(), 2, "{}", theme.title);
    }
    let washington = brief.washington.as_ref().expect("a Washington angle");
    assert_eq!(washington.title, "Washington Angle");
    assert_eq!(washington.paragraphs.len(), 2);
    assert_eq!(brief.window_hours, 72);
    assert_eq!(brief.window(), chrono::Duration::hours(72));
    let indicators: Vec<&str> = brief.indicators.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        indicators,
        [
            "any official NATO strategic concept reviews or defense ministerial statements regarding North Korea nuclear escalation contingencies and how alliance deterrence assumptions require revision.",
            "coordinated announcements regarding European defense industrial consolidation or new funding mechanisms for onshoring critical supply chains, signaling member-state recognition of Taiwan-scenario vulnerabilities.",
            "statements from the State Department or Pentagon clarifying American policy on private sector space capabilities and whether NATO framework amendments will address dual-use commercial infrastructure dependencies.",
        ]
    );
    // The closing sentence is not part of the last indicator.
    assert!(DEFAULT_BRIEF_TEXT.contains("These signals will indicate"));
    assert!(
        brief
            .indicators
            .iter()
            .all(|i| !i.text.contains("These signals"))
    );
    assert_eq!(
        brief.outlook_intro,
        "Over the next 72 hours, monitor three indicators:"
    );
    // The file in assets/ is what the program embeds, and loads the same.
    let asset = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/alliance-priorities.txt");
    assert_eq!(load_file(&asset).expect("loads"), brief);
}

#[test]
fn default_brief_id_is_pinned() {
    // The id keys each brief's review in the state file: it must never
    // change between versions of the program.
    let brief = Brief::default_brief().expect("parses");
    assert_eq!(brief.id.as_str(), "ab7211feee44458f");
    assert_eq!(brief.id, BriefId::of_text(DEFAULT_BRIEF_TEXT));
    assert_eq!(brief.id.to_string().len(), 16);
}

fn variants(text: &str) -> Vec<(&'static str, String)> {
    let lines: Vec<&str> = text.lines().collect();
    vec![
        ("CRLF", text.replace('\n', "\r\n")),
        ("CR", text.replace('\n', "\r")),
        (
            "trailing blanks",
            lines
                .iter()
                .map(|l| format!("{l}  \t"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        ("BOM", format!("\u{feff}{text}")),
        ("blank lines around", format!("\n\n  \n{text}\n\n\n")),
        ("doubled blank lines", text.replace("\n\n", "\n\n\n\n")),
        (
            "CRLF, blanks and BOM",
            format!(
                "\u{feff}\r\n{}\r\n \r\n",
                lines
                    .iter()
                    .map(|l| format!("{l} "))
                    .collect::<Vec<_>>()
                    .join("\r\n")
            ),
        ),
    ]
}

#[test]
fn id_and_brief_are_stable_across_line_endings_and_blanks() {
    let base = parse(DEFAULT_BRIEF_TEXT).expect("parses");
    for (what, text) in variants(DEFAULT_BRIEF_TEXT) {
        let brief = parse(&text).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(brief.id, base.id, "{what}: id");
        assert_eq!(brief, base, "{what}: brief");
        assert_eq!(normalise(&text), normalise(DEFAULT_BRIEF_TEXT), "{what}");
    }
}

#[test]
fn id_is_stable_for_every_fixture() {
    for file in fixture_files() {
        let text =
            String::from_utf8(std::fs::read(fixture(&file)).expect("fixture")).expect("UTF-8");
        let base = parse(&text).expect("parses");
        let unix = text.replace("\r\n", "\n").replace('\r', "\n");
        for (what, variant) in variants(&unix) {
            let brief = parse(&variant).unwrap_or_else(|e| panic!("{file}: {what}: {e}"));
            assert_eq!(brief.id, base.id, "{file}: {what}");
            assert_eq!(brief, base, "{file}: {what}");
        }
    }
}

#[test]
fn different_briefs_have_different_ids() {
    let a = parse(DEFAULT_BRIEF_TEXT).expect("parses");
    let b = parse(&DEFAULT_BRIEF_TEXT.replace("next 72 hours", "next 48 hours")).expect("parses");
    assert_eq!(b.window_hours, 48);
    assert_ne!(a.id, b.id);
    let files = fixture_files();
    let ids: std::collections::HashSet<String> = files
        .iter()
        .map(|f| load_file(&fixture(f)).expect("parses").id.0)
        .collect();
    assert_eq!(ids.len(), files.len());
}

#[test]
fn utf16_briefs_decode_to_the_same_brief() {
    let base = parse(DEFAULT_BRIEF_TEXT).expect("parses");
    let units: Vec<u16> = DEFAULT_BRIEF_TEXT
        .replace('\n', "\r\n")
        .encode_utf16()
        .collect();
    let mut le = vec![0xFF, 0xFE];
    le.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    let mut be = vec![0xFE, 0xFF];
    be.extend(units.iter().flat_map(|u| u.to_be_bytes()));
    assert_eq!(parse_bytes(&le).expect("UTF-16LE"), base);
    assert_eq!(parse_bytes(&be).expect("UTF-16BE"), base);

    // An odd byte or a lone surrogate is an error, not a panic.
    let mut odd = le.clone();
    odd.push(b'x');
    let err = parse_bytes(&odd).expect_err("odd length");
    assert!(
        matches!(err.kind, ParseErrorKind::NotUtf16 { .. }),
        "{err:?}"
    );
    let mut lone = vec![0xFF, 0xFE, b'A', 0, b'\n', 0];
    lone.extend(0xD800u16.to_le_bytes());
    let err = parse_bytes(&lone).expect_err("lone surrogate");
    assert_eq!(err.line, Some(2));
    assert!(
        matches!(err.kind, ParseErrorKind::NotUtf16 { offset: 6 }),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------
// A very large brief

#[test]
fn a_twenty_megabyte_brief_parses() {
    let base = parse(DEFAULT_BRIEF_TEXT).expect("parses");
    let themes_text: String = base
        .themes
        .iter()
        .map(|t| format!("{}\n\n{}\n\n", t.title, t.paragraphs.join("\n\n")))
        .collect();
    let outlook_at = DEFAULT_BRIEF_TEXT
        .find("Washington Angle")
        .expect("Washington heading");
    let mut text = String::from("A Very Long Brief\n\n");
    let mut copies = 0;
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&themes_text);
        copies += 1;
    }
    text.push_str(&DEFAULT_BRIEF_TEXT[outlook_at..]);
    assert!(text.len() >= 20 * 1024 * 1024);

    let brief = parse(&text).expect("a 20 MB brief parses");
    assert_eq!(brief.title, "A Very Long Brief");
    assert_eq!(brief.themes.len(), copies * base.themes.len());
    assert_eq!(brief.themes[0], base.themes[0]);
    assert_eq!(brief.themes.last(), base.themes.last());
    assert_eq!(brief.washington, base.washington);
    assert_eq!(brief.window_hours, 72);
    assert_eq!(brief.indicators, base.indicators);
}

/// Odd shapes at a megabyte or more: each must finish with a brief or a clear
/// error. (Speed itself is for the benchmarks; a quadratic step here would
/// not finish.)
#[test]
fn large_odd_shapes_finish() {
    const MB: usize = 1024 * 1024;
    let outlook = "Outlook\n\nOver the next 48 hours: First, a vote. Second, a strike.\n";
    let mut shapes: Vec<(&str, String)> = Vec::new();
    // Thousands of lone headings, title case, at the top of the brief.
    shapes.push((
        "lone headings",
        "Grain Corridor Pressure\n\n".repeat(MB / 25) + outlook,
    ));
    // One block of short title-case lines with no blank line anywhere.
    shapes.push((
        "one block of headings",
        "Grain Corridor Pressure\n".repeat(MB / 24),
    ));
    // One line with no line break at all.
    shapes.push(("one long line", "word ".repeat(MB / 5)));
    // A huge Outlook paragraph of ordinal-looking and stop-looking text.
    shapes.push((
        "huge outlook",
        format!(
            "Theme\n\nText here.\n\nOutlook\n\n{}",
            "First, the U.S. Gen. A. 3.5 e.g. and second, ".repeat(MB / 46)
        ),
    ));
    // A list of a hundred thousand indicators.
    shapes.push((
        "long list",
        format!(
            "Theme\n\nText here.\n\nOutlook\n\n{}",
            "- a thing to watch.\n".repeat(MB / 20)
        ),
    ));
    // Deep runs of punctuation, markers and blank lines.
    shapes.push(("dots", ". ".repeat(MB / 2)));
    shapes.push(("hashes", "#".repeat(MB)));
    shapes.push(("blank lines", "\r\n \t\r".repeat(MB / 6)));
    for (what, text) in shapes {
        match parse(&text) {
            Ok(brief) => assert!(!brief.indicators.is_empty(), "{what}"),
            Err(e) => assert!(!e.to_string().is_empty(), "{what}"),
        }
    }
    let lone = "Grain Corridor Pressure\n\n".repeat(1000) + outlook;
    let brief = parse(&lone).expect("lone headings then an Outlook");
    assert_eq!(brief.indicators.len(), 2);
    let list = format!(
        "T\n\nText.\n\nOutlook\n\n{}",
        "- a thing to watch.\n".repeat(100_000)
    );
    assert_eq!(parse(&list).expect("a long list").indicators.len(), 100_000);
}
