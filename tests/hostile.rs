//! Hostile text from a brief or a note never reaches an output raw: the
//! desk's frame, `check`, `status` and `export` (Markdown and JSON, to
//! standard output and to a file), and the error messages. Proptests feed
//! control characters, escape sequences (CSI, OSC 0 and 52, DCS), C1
//! controls, bells, bidi controls and zero-width characters in as brief
//! text and note text.

mod support;

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::{Action, Model, Msg, update};
use watchdesk::brief::{Brief, BriefSource};
use watchdesk::review::{Desk, Event, EventKind, ItemRef};
use watchdesk::safe::is_unsafe;
use watchdesk::store::CURRENT_VERSION;
use watchdesk::ui::styles::Palette;

fn t0() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().expect("fixed time")
}

/// Pieces of hostile text (no line breaks: those go in notes).
const PIECES: &[&str] = &[
    "a",
    "Z",
    " ",
    "é",
    "漢",
    "👩\u{200d}💻",
    "\t",
    "\x1b",
    "\x1b[2J",
    "\x1b[31m",
    "\x1b[?1049h",
    "\x1b]0;pwned\x07",
    "\x1b]52;c;ZWNobw==\x1b\\",
    "\x1bP1$r q\x1b\\",
    "\x1b_apc\x1b\\",
    "\u{9b}2J",
    "\u{9d}0;t\u{9c}",
    "\u{90}dcs\u{9c}",
    "\u{85}",
    "\x07",
    "\x08",
    "\x7f",
    "\r",
    "\u{202e}",
    "\u{202a}",
    "\u{2066}",
    "\u{2069}",
    "\u{200e}",
    "\u{200f}",
    "\u{61c}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{ad}",
    "\u{2028}",
];

fn hostile_line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..12).prop_map(|p| p.concat())
}

/// Note text: hostile pieces and line breaks.
fn hostile_text() -> impl Strategy<Value = String> {
    let mut pieces = PIECES.to_vec();
    // A brief with a NUL is refused as binary; a note may hold one.
    pieces.extend(["\n", "\r\n", "\x00", "\n# Heading\n", "[x](y)"]);
    prop::collection::vec(prop::sample::select(pieces), 1..20).prop_map(|p| p.concat())
}

/// A brief of the usual form with hostile text in every part.
fn brief_text(h: &[String; 5]) -> String {
    format!(
        "Title {}\n\nFirst Theme {}\n\nA paragraph about ports {}.\n\nWashington Angle\n\n\
         Congress weighs in {}.\n\nOutlook\n\nOver the next 72 hours, watch two indicators. \
         First, whether the cutters sail {}. Second, whether the council meets.\n",
        h[0], h[1], h[2], h[3], h[4]
    )
}

/// The desk that wrote the log: its analyst's initials are outside text
/// too (another desk's state file).
fn desk(extra: &str) -> Desk {
    Desk::new("hostile-desk", Some(format!("JD{extra}")), 7)
}

fn note(desk: &mut Desk, id: &str, seconds: i64, item: ItemRef, text: &str, extra: &str) -> Event {
    let mut event = desk.next(
        t0() + Duration::seconds(seconds),
        EventKind::Note {
            item,
            text: text.to_string().into(),
            source: Some(format!("src {extra}").into()),
            confidence: None,
            author: Some(format!("JD{extra}").into()),
        },
    );
    event.id = id.to_string().into();
    event
}

fn log(text: &str, extra: &str) -> Vec<Event> {
    let mut d = desk(extra);
    let mut window = d.next(
        t0(),
        EventKind::WindowSet {
            start: t0(),
            explicit: true,
        },
    );
    window.id = "0-window".into();
    vec![
        window,
        note(&mut d, "1-note", 10, ItemRef::Indicator(0), text, extra),
        note(&mut d, "2-note", 20, ItemRef::Theme(0), text, extra),
        note(&mut d, "3-note", 30, ItemRef::Washington, text, extra),
    ]
}

/// A character that must not be in a cell of the desk, or in bytes a
/// command writes.
fn bad(c: char) -> bool {
    is_unsafe(c)
}

fn assert_cells_clean(term: &Terminal<TestBackend>, what: &str) -> Result<(), TestCaseError> {
    for cell in term.backend().buffer().content() {
        let sym = cell.symbol();
        prop_assert!(
            !sym.chars().any(bad),
            "{what}: a cell holds {:?}\n{}",
            sym,
            term.backend()
        );
    }
    Ok(())
}

fn draw(m: &Model, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| watchdesk::ui::draw(f, m, &Palette::default(), t0() + Duration::seconds(60)))
        .expect("draw");
    t
}

/// Bytes a command wrote: none of the characters a terminal could act on,
/// whether raw or (for C1) as UTF-8.
fn assert_bytes_clean(bytes: &[u8], what: &str) -> Result<(), TestCaseError> {
    prop_assert!(!bytes.contains(&0x1b), "{what}: an ESC got out");
    prop_assert!(!bytes.contains(&0x07), "{what}: a BEL got out");
    let text = String::from_utf8_lossy(bytes);
    let found = text.chars().find(|&c| bad(c) && c != '\n' && c != '\t');
    prop_assert!(found.is_none(), "{what}: {found:?} got out:\n{text}");
    Ok(())
}

/// Every command that prints brief or note text, run on `brief` and a state
/// file holding `events`; each one's standard output and error.
fn run_commands(
    dir: &Path,
    brief_file: &Path,
    brief: &Brief,
    events: &[Event],
) -> Vec<(String, Vec<u8>)> {
    let state = dir.join("state.json");
    let file = serde_json::json!({
        "version": CURRENT_VERSION,
        "briefs": { brief.id.as_str(): { "title": brief.title, "events": events } },
    });
    std::fs::write(&state, serde_json::to_vec(&file).expect("json")).expect("write state");
    let brief_arg = brief_file.to_str().expect("utf-8 path");
    let report = dir.join("report.md");
    let report_json = dir.join("report.json");
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("check", vec!["check", brief_arg]),
        ("check --json", vec!["check", "--json", brief_arg]),
        ("status", vec!["--brief", brief_arg, "status"]),
        (
            "status --json",
            vec!["--brief", brief_arg, "status", "--json"],
        ),
        ("export", vec!["--brief", brief_arg, "export"]),
        (
            "export json",
            vec!["--brief", brief_arg, "export", "--format", "json"],
        ),
        (
            "export -o",
            vec![
                "--brief",
                brief_arg,
                "export",
                "-o",
                report.to_str().expect("path"),
            ],
        ),
        (
            "export json -o",
            vec![
                "--brief",
                brief_arg,
                "export",
                "--format",
                "json",
                "-o",
                report_json.to_str().expect("path"),
            ],
        ),
    ];
    let mut out = Vec::new();
    for (name, args) in runs {
        let o = support::command(&state).args(&args).output().expect("run");
        out.push((format!("{name} (stdout)"), o.stdout));
        out.push((format!("{name} (stderr)"), o.stderr));
    }
    for f in [&report, &report_json] {
        out.push((
            f.display().to_string(),
            std::fs::read(f).unwrap_or_default(),
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// The desk's frame: no cell holds a control, bidi or zero-width
    /// character, on the desk, with the reader on each noted item, and in
    /// the timeline.
    #[test]
    fn the_desk_frame_holds_nothing_hostile(
        h in [hostile_line(), hostile_line(), hostile_line(), hostile_line(), hostile_line()],
        text in hostile_text(),
        extra in hostile_line(),
    ) {
        let parsed = watchdesk::brief::parse_bytes(brief_text(&h).as_bytes());
        // What the parser refuses never reaches the desk; most parse.
        prop_assume!(parsed.is_ok());
        let Ok(brief) = parsed else { return Ok(()) };
        let mut m = Model::new(brief, BriefSource::File("b\x1b]0;x\x07.txt".into()), log(&text, &extra), 7);
        for (w, hgt) in [(120, 36), (80, 24)] {
            assert_cells_clean(&draw(&m, w, hgt), "desk")?;
        }
        let now = t0() + Duration::seconds(60);
        for a in [Action::FocusThemes, Action::FocusWashington, Action::FocusIndicators] {
            update(&mut m, Msg::Action(a), now);
            assert_cells_clean(&draw(&m, 120, 36), "reader")?;
        }
        update(&mut m, Msg::Action(Action::Timeline), now);
        assert_cells_clean(&draw(&m, 120, 36), "timeline")?;
    }
}

proptest! {
    // Each case runs the binary ten times.
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn commands_write_nothing_hostile(
        h in [hostile_line(), hostile_line(), hostile_line(), hostile_line(), hostile_line()],
        text in hostile_text(),
        extra in hostile_line(),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let brief_file = dir.path().join("brief.txt");
        let body = brief_text(&h);
        std::fs::write(&brief_file, &body).expect("write brief");
        let Ok(brief) = watchdesk::brief::parse_bytes(body.as_bytes()) else {
            // A brief that does not parse: the error message is output too.
            let o = support::command(&dir.path().join("state.json"))
                .args(["check", brief_file.to_str().expect("path")])
                .output()
                .expect("run");
            assert_bytes_clean(&o.stderr, "check's error")?;
            return Ok(());
        };
        for (what, bytes) in run_commands(dir.path(), &brief_file, &brief, &log(&text, &extra)) {
            assert_bytes_clean(&bytes, &what)?;
        }
    }
}

/// The worst of it, spelled out: every kind of hostile text at once, and the
/// commands succeed and show the text's visible stand-ins.
#[test]
fn every_kind_at_once_is_shown_defused() {
    let all = PIECES.concat();
    let h = [
        all.clone(),
        all.clone(),
        all.clone(),
        all.clone(),
        all.clone(),
    ];
    let body = brief_text(&h);
    let brief = watchdesk::brief::parse_bytes(body.as_bytes()).expect("the brief parses");
    let dir = tempfile::tempdir().expect("tempdir");
    let brief_file = dir.path().join("brief.txt");
    std::fs::write(&brief_file, &body).expect("write brief");
    let noted = all.clone() + "\x00";
    let outputs = run_commands(dir.path(), &brief_file, &brief, &log(&noted, &noted));
    for (what, bytes) in &outputs {
        assert_bytes_clean(bytes, what).unwrap_or_else(|e| panic!("{e}"));
    }
    let text_of = |name: &str| {
        outputs
            .iter()
            .find(|(w, _)| w == name)
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    };
    // The stand-ins are there for the analyst to see.
    assert!(text_of("check (stdout)").contains("\u{241b}]0;pwned\u{2407}"));
    assert!(text_of("export (stdout)").contains("\u{241b}\\]52;c;ZWNobw=="));
    // JSON keeps the text exactly, escaped.
    let json: serde_json::Value = serde_json::from_slice(
        outputs
            .iter()
            .find(|(w, _)| w == "status --json (stdout)")
            .map(|(_, b)| b.as_slice())
            .unwrap_or_default(),
    )
    .expect("status --json is JSON");
    assert!(
        json["indicators"][0]["text"]
            .as_str()
            .is_some_and(|t| t.contains("\x1b]52;c;") && t.contains('\u{202e}')),
        "{json}"
    );
}
