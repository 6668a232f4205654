//! A note or a brief cannot forge the Markdown report: headings, rules,
//! HTML, links, images, autolinks, code, tables and list markers in outside
//! text come out as the analyst's text, escaped.

mod common;

use chrono::Duration;
use common::t0;
use watchdesk::app::Model;
use watchdesk::brief::BriefSource;
use watchdesk::report::Report;
use watchdesk::review::{Desk, Event, EventKind, ItemRef};

const FORGERY: &str = "# Heading\n\
---\n\
===\n\
Setext\n\
---\n\
<script>alert(1)</script>\n\
[click](http://evil.example/)\n\
![pixel](http://evil.example/p.png)\n\
<http://evil.example/auto>\n\
`code` and ```fence```\n\
| a | b |\n\
|---|---|\n\
- fake item\n\
* star item\n\
+ plus item\n\
1. fake numbered\n\
> fake quote\n\
    indented code\n\
&lt;entity&gt; **bold** _em_ ~~gone~~ [ref]: http://evil.example/";

const BRIEF: &str = "Title [t](http://evil.example/) <b>bold</b>\n\n\
Theme `x` | y <img src=x>\n\nA paragraph.\n\n\
Washington Angle\n\n+ Congress met <iframe> [w](http://evil.example/).\n\n\
Outlook\n\n\
Over the next 72 hours, watch two indicators. First, whether <script>x</script> [a](b) happens. \
Second, whether the council meets.\n";

fn report() -> String {
    let brief = watchdesk::brief::parse(BRIEF).expect("the brief parses");
    // The desk's analyst is outside text too (another desk's state file).
    let mut desk = Desk::new("d1", Some("<b>JD</b> # x".into()), 7);
    let mut event = |id: &str, at, kind| -> Event {
        let mut e = desk.next(at, kind);
        e.id = id.into();
        e
    };
    let note = |item| EventKind::Note {
        item,
        text: FORGERY.into(),
        source: Some("[src](http://evil.example/) <i>".into()),
        confidence: None,
        author: Some("<b>JD</b> # x".into()),
    };
    let noted = t0() + Duration::seconds(10);
    let log = vec![
        event(
            "0",
            t0(),
            EventKind::WindowSet {
                start: t0(),
                explicit: true,
            },
        ),
        event("1", noted, note(ItemRef::Indicator(0))),
        event("2", noted, note(ItemRef::Theme(0))),
        event("3", noted, note(ItemRef::Washington)),
        event("4", noted, note(ItemRef::WashingtonNote(0))),
    ];
    let m = Model::new(brief, BriefSource::File("b<x>.txt".into()), log, 7);
    Report::build(
        m.watch(),
        &m.settings,
        m.utc_offset,
        t0() + Duration::seconds(60),
        None,
    )
    .markdown()
}

/// Occurrences of `pat` in `s` not escaped by a backslash before them.
fn unescaped(s: &str, pat: &str) -> usize {
    s.match_indices(pat)
        .filter(|&(i, _)| !s[..i].ends_with('\\'))
        .count()
}

#[test]
fn headings_are_only_the_reports_own() {
    let md = report();
    for line in md.lines() {
        let t = line.trim_start();
        if t.starts_with('#') {
            let ours = [
                "# Handover: ",
                "## Indicators",
                "## Themes",
                "## Log",
                "## Washington",
            ]
            .iter()
            .any(|p| t.starts_with(p))
                || t.starts_with("### I")
                || t.starts_with("### T")
                || t.starts_with("### W");
            assert!(ours, "a forged heading: {line:?}\n{md}");
        }
        // No rule, setext underline, quote or list item of the note's.
        for forged in ["---", "===", "> ", "* ", "+ ", "1. ", "- fake"] {
            assert!(!t.starts_with(forged), "forged structure {line:?}\n{md}");
        }
        // No indented code block (four spaces of indent, beyond a list
        // item's two).
        assert!(!line.starts_with("    "), "an indented block: {line:?}");
    }
}

#[test]
fn no_html_links_images_or_code() {
    // (The brief's id is the report's own code span.)
    let md: String = report()
        .lines()
        .filter(|l| !l.starts_with("- Brief: `"))
        .collect::<Vec<_>>()
        .join("\n");
    for pat in [
        "<script", "<b>", "<i>", "<img", "<http", "[click]", "](http", "![", "`", "|", "**bold",
        "_em_", "~~", "&lt;", "[ref]",
    ] {
        assert_eq!(unescaped(&md, pat), 0, "{pat:?} is live in:\n{md}");
    }
}

#[test]
fn the_text_is_all_there_escaped() {
    let md = report();
    // The note's words are kept, line by line, inside its list item.
    assert!(md.contains("]: \\# Heading\n  \\---\n"), "{md}");
    assert!(
        md.contains("\nCongress met \\<iframe> \\[w\\](http://evil.example/)."),
        "{md}"
    );
    assert!(md.contains("  \\<script>alert(1)\\</script>\n"), "{md}");
    assert!(
        md.contains("  !\\[pixel\\](http://evil.example/p.png)\n"),
        "{md}"
    );
    assert!(md.contains("  1\\. fake numbered\n"), "{md}");
    assert!(md.contains("[source: \\[src\\](http://evil.example/) \\<i>; by \\<b>JD\\</b> \\# x]"));
    // Brief text too.
    assert!(md.contains("# Handover: Title \\[t\\](http://evil.example/) \\<b>bold\\</b>\n"));
    assert!(md.contains("whether \\<script>x\\</script> \\[a\\](b) happens"));
    assert!(md.contains("(b\\<x>.txt)"));
}
