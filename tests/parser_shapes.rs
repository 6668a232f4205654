//! Briefs in the shapes they really come in (tests/fixtures/briefs/30-*
//! and on): situation reports, risk newsletters, think-tank notes, daily
//! intelligence summaries, web copy; one test per fixture.

use std::path::Path;

use chrono::Weekday;
use watchdesk::brief::outline::Role;
use watchdesk::brief::{DayRef, WindowSpec, read_file};

/// The window a shape must be read with.
#[derive(Debug, Clone, Copy)]
enum Window {
    Minutes(i64),
    Hours(i64),
    /// 72 hours, marked assumed.
    Assumed,
    Day(DayRef),
}

struct Shape {
    file: &'static str,
    title: &'static str,
    themes: &'static [&'static str],
    /// The Washington angle's title and its notes' first words.
    washington: Option<(&'static str, &'static [&'static str])>,
    window: Window,
    indicators: &'static [&'static str],
    /// Indicators (0-based) with their own deadline, as shown.
    deadlines: &'static [(usize, &'static str)],
    /// Lines passed over, with words of the reason.
    passed_over: &'static [(usize, usize, &'static str)],
}

const fn date(day: u32, month: u32) -> Window {
    Window::Day(DayRef::Date {
        day,
        month,
        year: None,
    })
}

const SHAPES: &[Shape] = &[
    Shape {
        file: "30-sitrep-what-to-watch-decimal-days.txt",
        title: "SITUATION REPORT — LOWER DANUBE FLOODING",
        themes: &["Situation", "Logistics"],
        washington: None,
        window: Window::Hours(36),
        indicators: &[
            "A decision by the river authority to open the secondary spillway.",
            "Any closure of the Cernavoda canal to commercial traffic.",
            "Reopening of rail freight over the bridge within 24 hours.",
        ],
        deadlines: &[(2, "24 hours")],
        passed_over: &[],
    },
    Shape {
        file: "31-risk-newsletter-advice-bullets-boilerplate.txt",
        title: "Weekly Risk Monitor: Andean Mining Royalties",
        themes: &["Royalty Bill Advances", "Community Blockades"],
        washington: None,
        window: Window::Hours(336),
        indicators: &[
            "Publication of the committee's amended text.",
            "A statement from the mining chamber on investment plans.",
            "Any police operation to clear the corridor.",
        ],
        deadlines: &[],
        passed_over: &[
            (24, 26, "3 items"),
            (28, 28, "prompt"),
            (29, 29, "prompt"),
            (30, 30, "prompt"),
        ],
    },
    Shape {
        file: "32-think-tank-looking-ahead-fortnight.txt",
        title: "Policy Note: Gulf Desalination and Regional Water Security",
        themes: &["Introduction", "Concentration Risk"],
        washington: None,
        window: Window::Hours(336),
        indicators: &[
            "whether the summit communique mentions shared water infrastructure.",
            "whether the tender is extended again.",
            "any announcement of strategic storage targets.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "33-daily-intel-key-judgments-whitehouse-congress.txt",
        title: "DAILY INTELLIGENCE SUMMARY",
        themes: &["Key Judgments", "Market Reaction"],
        washington: Some((
            "Washington Angle",
            &["White House: The National", "Congress: Two senators"],
        )),
        window: Window::Assumed,
        indicators: &[
            "A second cable or pipeline incident in the same waters.",
            "Detention of the suspect vessel's crew by either coastal state.",
            "Repair ship arrival on site by Thursday.",
        ],
        deadlines: &[(2, "to the end of Thursday")],
        passed_over: &[(3, 3, "subtitle")],
    },
    Shape {
        file: "34-no-window-named.txt",
        title: "Port Strike in the Southern Hub",
        themes: &["The Dispute", "Knock-on Effects"],
        washington: None,
        window: Window::Assumed,
        indicators: &[
            "Return of the parties to mediated talks.",
            "Court injunction sought by the port operator.",
            "Diversion notices from the two largest carriers.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "35-several-us-politics-sections.txt",
        title: "Trade Brief: Steel Safeguard Review",
        themes: &["European Position"],
        washington: Some((
            "Washington Angle",
            &[
                "The Administration: The Commerce",
                "On the Hill: A bipartisan",
                "Inside the Beltway: Lobbyists",
            ],
        )),
        window: Window::Hours(240),
        indicators: &[
            "the Commission's decision on the safeguard.",
            "any Commerce Department announcement of a matching measure.",
            "the House scheduling of the tariff bill.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "36-web-copy-table-borders-nbsp.txt",
        title: "Analysis: Central Asian Rail Corridor Gains Momentum",
        themes: &["Corridor Volumes", "Financing"],
        washington: None,
        window: Window::Hours(72),
        indicators: &[
            "Signature of the rail tariff agreement by the transit states.",
            "Ferry schedule changes at Aktau.",
            "Any new loan announcement by the development banks.",
        ],
        deadlines: &[],
        passed_over: &[
            (3, 3, "prompt"),
            (4, 4, "prompt"),
            (8, 8, "table border"),
            (9, 9, "looks empty"),
            (13, 13, "looks empty"),
            (26, 26, "prompt"),
            (27, 27, "prompt"),
        ],
    },
    Shape {
        file: "37-arrow-markers-by-friday.txt",
        title: "Fisheries Access Talks",
        themes: &["State of Play"],
        washington: None,
        window: Window::Day(DayRef::Weekday(Weekday::Fri)),
        indicators: &[
            "A joint statement on the mackerel quota.",
            "Any walkout by the coastal state's delegation.",
            "Fleet movements toward the disputed box.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "38-inline-enumeration-through-date.txt",
        title: "Election Monitoring Note: Coastal Republic",
        themes: &["Campaign Climate", "Electoral Commission"],
        washington: None,
        window: date(4, 7),
        indicators: &[
            "publication of the polling-station list",
            "deployment of the observer mission to the north",
            "any postponement request by the opposition.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "39-letter-markers-weeks.txt",
        title: "Sanctions Update: Shipping Registry Crackdown",
        themes: &["Registry Changes", "Enforcement"],
        washington: None,
        window: Window::Hours(336),
        indicators: &[
            "New designations of tankers by the treasury office.",
            "Any reflagging to the remaining open registries.",
            "Insurance cancellations announced by the protection clubs.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "40-analysis-label-not-outlook-half-day.txt",
        title: "Flash Update: Refinery Fire at Port Harmon",
        themes: &["Analysis"],
        washington: Some(("Washington Angle", &["The Energy Department"])),
        window: Window::Hours(12),
        indicators: &[
            "The operator's statement on casualties and damage.",
            "Any emergency waiver of fuel specifications.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "41-range-hours-dash-markers.txt",
        title: "Cyber Incident: Hospital Network Outage",
        themes: &["Impact", "Attribution"],
        washington: None,
        window: Window::Hours(72),
        indicators: &[
            "Restoration of electronic records at the main hospital.",
            "A ransom deadline set by the group.",
            "A statement from the national cyber agency on attribution.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
    Shape {
        file: "42-numbered-list-cut-by-marker-change.txt",
        title: "Currency Brief: Lira Under Pressure",
        themes: &["Market Moves", "Policy Options"],
        washington: None,
        window: Window::Minutes(150),
        indicators: &[
            "The central bank's statement on the policy rate.",
            "Intervention by state banks in the currency market.",
        ],
        deadlines: &[],
        passed_over: &[(18, 19, "2 items")],
    },
    Shape {
        file: "43-outlook-dated-heading-blockquote.txt",
        title: "Humanitarian Access in the Border Province",
        themes: &["Access", "Needs"],
        washington: None,
        window: date(12, 12),
        indicators: &[
            "Reopening of the main crossing to convoys.",
            "A statement by the security council before the 12 December summit.",
            "Reports of new displacement toward the camps.",
        ],
        deadlines: &[(1, "to the end of 12 December")],
        passed_over: &[],
    },
    Shape {
        file: "44-capitol-hill-several-and-key-judgments.txt",
        title: "Defence Procurement Brief: Frigate Programme",
        themes: &["Key Judgments", "Industrial Base"],
        washington: Some((
            "Washington Angle",
            &["Capitol Hill: Appropriators", "White House: The budget"],
        )),
        window: Window::Hours(168),
        indicators: &[
            "The committee's markup of the defence bill.",
            "A revised schedule from the shipyard.",
            "Any statement by the Navy on cancelling the second batch.",
        ],
        deadlines: &[],
        passed_over: &[],
    },
];

fn check_shape(file: &str) {
    let shape = SHAPES
        .iter()
        .find(|s| s.file == file)
        .unwrap_or_else(|| panic!("{file}: not in the table"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/briefs")
        .join(file);
    let reading = read_file(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let brief = &reading.brief;
    assert_eq!(brief.title, shape.title, "{file}: title");
    let themes: Vec<&str> = brief.themes.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(themes, shape.themes, "{file}: themes");
    match (&brief.washington, shape.washington) {
        (None, None) => {}
        (Some(w), Some((title, notes))) => {
            assert_eq!(w.title, title, "{file}: Washington title");
            assert_eq!(
                w.paragraphs.len(),
                notes.len(),
                "{file}: {:#?}",
                w.paragraphs
            );
            for (p, start) in w.paragraphs.iter().zip(notes) {
                assert!(
                    p.starts_with(start),
                    "{file}: note {p:?} should start {start:?}"
                );
            }
        }
        (got, want) => panic!("{file}: Washington: got {got:?}, want {want:?}"),
    }
    let (spec, assumed) = match shape.window {
        Window::Minutes(m) => (WindowSpec::Span(chrono::Duration::minutes(m)), false),
        Window::Hours(h) => (WindowSpec::hours(h), false),
        Window::Assumed => (WindowSpec::hours(72), true),
        Window::Day(d) => (WindowSpec::EndOfDay(d), false),
    };
    assert_eq!(brief.window, spec, "{file}: window");
    assert_eq!(brief.window_assumed, assumed, "{file}: window assumed");
    let texts: Vec<&str> = brief.indicators.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, shape.indicators, "{file}: indicators");
    let deadlines: Vec<(usize, String)> = brief
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(k, i)| i.deadline.map(|d| (k, d.to_string())))
        .collect();
    let want: Vec<(usize, String)> = shape
        .deadlines
        .iter()
        .map(|(k, d)| (*k, d.to_string()))
        .collect();
    assert_eq!(deadlines, want, "{file}: indicator deadlines");
    let passed = &reading.outline.passed_over;
    assert_eq!(passed.len(), shape.passed_over.len(), "{file}: {passed:#?}");
    for (p, (first, last, why)) in passed.iter().zip(shape.passed_over) {
        assert_eq!(
            (p.first_line, p.last_line),
            (*first, *last),
            "{file}: {p:?}"
        );
        assert!(
            p.reason.describe().contains(why),
            "{file}: {p:?} is not {why:?}"
        );
        assert_eq!(reading.outline.role_of(*first), Some(Role::PassedOver));
    }
    // Each indicator's lines are marked as such in the outline.
    let indicator_blocks = reading
        .outline
        .blocks
        .iter()
        .filter(|b| b.role == Role::Indicator)
        .count();
    assert!(indicator_blocks >= 1, "{file}: no indicator in the outline");
}

macro_rules! shape_tests {
    ($($name:ident: $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_shape($file);
            }
        )*
        const TESTED: &[&str] = &[$($file),*];
    };
}

shape_tests! {
    s30_sitrep_what_to_watch_decimal_days: "30-sitrep-what-to-watch-decimal-days.txt",
    s31_risk_newsletter_advice_bullets_boilerplate: "31-risk-newsletter-advice-bullets-boilerplate.txt",
    s32_think_tank_looking_ahead_fortnight: "32-think-tank-looking-ahead-fortnight.txt",
    s33_daily_intel_key_judgments_whitehouse_congress: "33-daily-intel-key-judgments-whitehouse-congress.txt",
    s34_no_window_named: "34-no-window-named.txt",
    s35_several_us_politics_sections: "35-several-us-politics-sections.txt",
    s36_web_copy_table_borders_nbsp: "36-web-copy-table-borders-nbsp.txt",
    s37_arrow_markers_by_friday: "37-arrow-markers-by-friday.txt",
    s38_inline_enumeration_through_date: "38-inline-enumeration-through-date.txt",
    s39_letter_markers_weeks: "39-letter-markers-weeks.txt",
    s40_analysis_label_not_outlook_half_day: "40-analysis-label-not-outlook-half-day.txt",
    s41_range_hours_dash_markers: "41-range-hours-dash-markers.txt",
    s42_numbered_list_cut_by_marker_change: "42-numbered-list-cut-by-marker-change.txt",
    s43_outlook_dated_heading_blockquote: "43-outlook-dated-heading-blockquote.txt",
    s44_capitol_hill_several_and_key_judgments: "44-capitol-hill-several-and-key-judgments.txt",
}

#[test]
fn every_shape_fixture_has_a_test() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefs");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|f| f.as_str() >= "30")
        .collect();
    files.sort();
    let tested: Vec<&str> = TESTED.to_vec();
    let listed: Vec<&str> = SHAPES.iter().map(|s| s.file).collect();
    assert_eq!(files, tested);
    assert_eq!(files, listed);
    assert!(files.len() >= 15);
}
