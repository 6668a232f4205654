//! The brief parser over a table of varied briefs (tests/fixtures/briefs/),
//! the default brief, brief ids, and every error a bad file can give.

use std::path::{Path, PathBuf};

use watchdesk::brief::{
    self, Brief, BriefError, BriefId, DEFAULT_BRIEF_TEXT, ParseErrorKind, load_file, normalise,
    parse, parse_bytes,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/briefs")
        .join(name)
}

/// What one fixture brief must parse to.
struct Case {
    file: &'static str,
    title: &'static str,
    themes: &'static [&'static str],
    /// The Washington section's title and note count, if it has one.
    washington: Option<(&'static str, usize)>,
    window_hours: u32,
    indicators: &'static [&'static str],
    /// Words of the closing remark after the last indicator, which no
    /// indicator may contain.
    closing: Option<&'static str>,
    /// Paragraphs per theme, where the layout makes them worth checking.
    paragraphs: Option<&'static [usize]>,
}

const CASES: &[Case] = &[
    Case {
        file: "01-baseline-48h.txt",
        title: "Arctic Shipping Lanes Test Coastal Alliances",
        themes: &[
            "Arctic Shipping Lanes Test Coastal Alliances",
            "Fisheries Pressure Moves North",
        ],
        washington: Some(("Washington Angle", 2)),
        window_hours: 48,
        indicators: &[
            "whether the Ostmark cutters shadow a foreign-flagged carrier beyond their own exclusive economic zone.",
            "any emergency session of the northern fisheries council called to discuss provisional quotas.",
            "new insurance circulars that price escort requirements into passage premiums.",
            "a statement from the Kestrian harbour authority on reciprocal pilotage fees.",
        ],
        closing: Some("These signals will show"),
        paragraphs: None,
    },
    Case {
        file: "02-crlf-trailing-blanks.txt",
        title: "Freshwater Treaty Talks Stall Upstream",
        themes: &[
            "Freshwater Treaty Talks Stall Upstream",
            "Hydropower Revenue Shapes Negotiating Positions",
        ],
        washington: Some(("Washington Angle", 1)),
        // "Over the coming days" names no figure: the default.
        window_hours: 72,
        indicators: &[
            "a date for the next ministerial round and whether the technical committee is named in the invitation.",
            "reports of unscheduled spillway releases from the upper reservoirs.",
            "any move by the delta cities to seek arbitration under the old navigation convention.",
        ],
        closing: Some("Taken together"),
        paragraphs: Some(&[2, 1]),
    },
    Case {
        file: "03-markdown-numbered.txt",
        title: "Undersea Cable Security in the Varna Strait",
        themes: &[
            "Repair Capacity Falls Behind Demand",
            "Attribution Remains Contested",
        ],
        washington: Some(("Washington Angle", 2)),
        window_hours: 24,
        indicators: &[
            "A notice from the coastal authority closing anchorage zones above the cable corridor to commercial traffic.",
            "Confirmation that a third repair ship has been chartered from outside the region.",
            "Any statement from the shipping registry revising its account of the second break.",
        ],
        closing: Some("treating the breaks as sabotage"),
        paragraphs: None,
    },
    Case {
        file: "04-bold-colon-bullets.txt",
        title: "Semiconductor Export Licensing Tightens",
        themes: &[
            "Semiconductor Export Licensing Tightens",
            "Allied Coordination Frays",
        ],
        washington: Some(("Washington Angle", 2)),
        window_hours: 36,
        indicators: &[
            "Publication of the draft tooling rule in the Federal Register.",
            "A joint statement by partner trade ministers on harmonising their lists.",
            "Notice from any major foundry that it is relocating spare-parts inventory.",
        ],
        closing: Some("expect a sharp tightening"),
        paragraphs: None,
    },
    Case {
        file: "05-allcaps-window-in-heading.txt",
        title: "GRAIN CORRIDOR INSURANCE CRISIS",
        themes: &["GRAIN CORRIDOR INSURANCE CRISIS", "PORT LABOUR UNREST"],
        washington: Some(("WASHINGTON ANGLE", 2)),
        // Named only in the heading: "OUTLOOK (NEXT 48 HOURS)".
        window_hours: 48,
        indicators: &[
            "whether the third syndicate renews its cover on the current terms.",
            "a settlement or escalation in the dockworkers' dispute.",
            "any public offer of a state reinsurance facility.",
        ],
        closing: Some("before the harvest arrives"),
        paragraphs: None,
    },
    Case {
        file: "06-hardwrapped-no-blank-after-heading.txt",
        title: "Energy Grid Interconnection Stalls",
        themes: &[
            "Energy Grid Interconnection Stalls",
            "Price spikes reach the border towns",
        ],
        washington: Some(("Washington Angle", 1)),
        window_hours: 72,
        indicators: &[
            "a new commissioning date published by either grid operator.",
            "a decision from the loan office on the consortium's application, or a request for more information.",
            "emergency tariff relief announced by either national regulator.",
        ],
        closing: Some("before peak demand"),
        paragraphs: Some(&[2, 1]),
    },
    Case {
        file: "07-semicolon-ordinals.txt",
        title: "Lunar Resource Compact Faces First Test",
        themes: &["Lunar Resource Compact Faces First Test"],
        washington: Some(("Washington Angle", 1)),
        window_hours: 36,
        indicators: &[
            "whether the registry secretariat accepts the filing for publication",
            "a formal objection from either surveying state",
            "any statement by the claimant about landing hardware in the crater this year.",
        ],
        closing: Some("settle a real dispute"),
        paragraphs: None,
    },
    Case {
        file: "08-twelve-ordinals-words.txt",
        title: "Sovereign Debt Restructuring in Caldera",
        themes: &[
            "Sovereign Debt Restructuring in Caldera",
            "Currency Controls Return",
            "Bank Deposits Drift Offshore",
        ],
        washington: Some(("Washington Angle", 1)),
        // "forty-eight hours"
        window_hours: 48,
        indicators: &[
            "the formation of the creditor committee.",
            "the appointment of a financial adviser to the government.",
            "a standstill on litigation by the distressed funds.",
            "a staff-level visit from the Fund.",
            "any change to the export surrender rate.",
            "a weekly deposit figure below the prior month's average.",
            "a downgrade by a second rating agency.",
            "a statement from the bilateral lenders' club.",
            "parliamentary approval of the emergency budget.",
            "a strike call by the public-sector unions.",
            "an informal parallel exchange rate more than a fifth above the official one.",
            "a request by the government for a payment holiday from regional development banks.",
        ],
        closing: Some("collapses into default"),
        paragraphs: None,
    },
    Case {
        file: "09-finally-48-hour.txt",
        title: "Pandemic Preparedness Fund Loses Donors",
        themes: &[
            "Pandemic Preparedness Fund Loses Donors",
            "Laboratory Network Fragments",
        ],
        washington: Some(("Washington Angle", 1)),
        window_hours: 48,
        indicators: &[
            "whether the board approves an emergency drawdown to replace the diagnostic kits.",
            "a statement from any remaining donor increasing its pledge.",
            "resumption of sequence sharing by at least two national laboratories.",
            "the text of the agency's report on overhead costs, if it is released.",
        ],
        closing: Some("change the fund's prospects"),
        paragraphs: None,
    },
    Case {
        file: "10-paren-list-days.txt",
        title: "Desalination Plant Procurement Dispute",
        themes: &[
            "Desalination Plant Procurement Dispute",
            "Water Tariff Reform Delayed",
        ],
        washington: Some(("Washington Angle", 1)),
        // "the next 5 days"
        window_hours: 120,
        indicators: &[
            "A hearing date set by the administrative court.",
            "Any revised bid submitted by the losing consortium.",
            "A statement from the utility on interim rationing.",
            "Export-Import Bank board minutes referring to the project.",
        ],
        closing: Some("stays on schedule"),
        paragraphs: None,
    },
    Case {
        file: "11-title-line-no-washington.txt",
        title: "Regional Migration Compact: Situation Brief",
        themes: &["Border Processing Backlog", "Relocation Quotas Unfilled"],
        washington: None,
        window_hours: 36,
        indicators: &[
            "the publication of revised quota figures by the compact secretariat.",
            "a decision by the frontier province to open a temporary centre.",
            "any announcement of bilateral return agreements outside the compact.",
        ],
        closing: Some("survives the summer"),
        paragraphs: None,
    },
    Case {
        file: "12-single-theme-bullet-dots.txt",
        title: "Rare-Earth Stockpile Release",
        themes: &["Rare-Earth Stockpile Release"],
        washington: Some(("Washington Angle", 1)),
        window_hours: 24,
        indicators: &[
            "The first auction notice from the Union's stockpile agency, with volumes and reserve prices.",
            "Confirmation of whether foreign buyers may bid.",
            "A spot price for neodymium oxide below last month's low.",
        ],
        closing: Some("eases the shortage"),
        paragraphs: None,
    },
    Case {
        file: "13-twelve-themes.txt",
        title: "Twelve Threads in the High North",
        themes: &[
            "Arctic Council Observer Seats",
            "Fishing Licence Auctions",
            "Icebreaker Leasing",
            "Permafrost Road Closures",
            "Satellite Ground Stations",
            "Indigenous Land Claims",
            "Search and Rescue Coverage",
            "Mineral Exploration Permits",
            "Tourism Cruise Limits",
            "Military Exercise Notifications",
            "Undersea Survey Vessels",
            "Health Services in Remote Settlements",
        ],
        washington: Some(("Washington Angle", 3)),
        window_hours: 96,
        indicators: &[
            "the observer-seat vote at the council.",
            "the coastguard's revised response plan for the outer lane.",
            "a public exercise notification by either neighbour.",
        ],
        closing: Some("cooperation in the region holds"),
        paragraphs: None,
    },
    Case {
        file: "14-unicode-bom-tabs.txt",
        title: "Hydrogen Pipeline Diplomacy — The Southern Route",
        themes: &[
            "Hydrogen Pipeline Diplomacy — The Southern Route",
            "Transit-State Leverage",
        ],
        washington: Some(("Washington Angle", 1)),
        window_hours: 36,
        indicators: &[
            "the signing—or further delay—of the sovereign guarantee.",
            "a published transit-fee formula from the transit state’s ministry.",
            "comments by U.S. officials on whether the route qualifies for the clean-hydrogen tax credit under U.S. law.",
        ],
        closing: Some("from diplomacy to construction"),
        paragraphs: None,
    },
    Case {
        file: "15-cr-only.txt",
        title: "Central Bank Independence Under Pressure",
        themes: &["Central Bank Independence Under Pressure"],
        washington: Some(("Washington Angle", 1)),
        window_hours: 48,
        indicators: &[
            "the parliamentary committee vote on the appointments bill.",
            "the bond auction on Thursday and the bid-to-cover ratio it achieves.",
        ],
        closing: Some("independence is at risk"),
        paragraphs: None,
    },
    Case {
        file: "16-star-bullets-wrapped.txt",
        title: "Satellite Spectrum Allocation Dispute",
        themes: &[
            "Satellite Spectrum Allocation Dispute",
            "Spectrum Auctions at Home",
        ],
        washington: Some(("Washington Angle", 1)),
        window_hours: 72,
        indicators: &[
            "A coordination agreement announced by the two operators, even a partial one covering only the polar shells.",
            "A letter from the radio committee chair setting out a procedure for ruling on the overlapping filings.",
            "Launch of a further batch of satellites by either operator into the contested band.",
        ],
        closing: Some("negotiated split"),
        paragraphs: Some(&[2, 1]),
    },
    Case {
        file: "17-setext-headings.txt",
        title: "Carbon Border Levy Enters Its Pilot Phase",
        themes: &[
            "Carbon Border Levy Enters Its Pilot Phase",
            "Trading Partners Retaliate",
        ],
        washington: Some(("Washington Angle", 1)),
        window_hours: 48,
        indicators: &[
            "guidance from the customs union on default emission values.",
            "publication of the tariff reviews by either exporting state.",
            "a request for formal consultations filed at the trade organisation.",
        ],
        closing: Some("without a trade dispute"),
        paragraphs: None,
    },
    Case {
        file: "18-ten-ordinal-paragraphs-days.txt",
        title: "Election Season in the Federated Isles",
        themes: &[
            "Election Season in the Federated Isles",
            "Ferry Logistics Threaten Turnout",
        ],
        washington: Some(("Washington Angle", 1)),
        // "the next seven days"
        window_hours: 168,
        indicators: &[
            "the commission's final confirmation of polling-station locations on the outer islands.",
            "any strike notice served by the ferry crews.",
            "the number of accredited observers, against the commission's target.",
            "reported incidents of intimidation at candidate rallies.",
            "turnout figures at the midday update.",
            "delays in transporting sealed ballot boxes.",
            "the first provisional results from the capital island.",
            "formal complaints lodged by any party.",
            "statements by the observer mission.",
            "the date set for the assemblies to convene.",
        ],
        closing: Some("accepted as fair"),
        paragraphs: None,
    },
    Case {
        file: "19-firstly-indicators-heading.txt",
        title: "Fertiliser Export Quotas",
        themes: &["Fertiliser Export Quotas"],
        washington: Some(("Washington Angle", 1)),
        window_hours: 48,
        indicators: &[
            "spot prices for granular potash at the southern ports.",
            "any exemption granted to long-term contract buyers.",
            "a statement from the producers' association on the quota's duration.",
        ],
        closing: Some("new market regime"),
        paragraphs: None,
    },
    Case {
        file: "20-banner-subtitle-dateline.txt",
        title: "Cyber Incident Reporting Rules in the Baltic Littoral",
        themes: &[
            "Mandatory Reporting Takes Effect",
            "Cross-Border Sharing Gaps",
        ],
        washington: Some(("Washington Angle", 1)),
        window_hours: 72,
        indicators: &[
            "the first public summary of incident reports by any regulator.",
            "ratification of the sharing memorandum by either parliament.",
            "a reported incident at a port or pipeline operator that crosses a border.",
        ],
        closing: Some("only paperwork"),
        paragraphs: None,
    },
    Case {
        file: "21-inline-section-labels.txt",
        title: "Strait Toll Increase",
        themes: &["Strait Toll Increase", "Rerouting Begins"],
        washington: Some(("Washington Angle", 1)),
        window_hours: 48,
        indicators: &[
            "a revised toll schedule or exemption list from the canal authority.",
            "further carrier announcements of cape routings.",
            "spot freight rates on the main east-west lanes.",
        ],
        closing: Some("toll increase holds"),
        paragraphs: None,
    },
    Case {
        file: "22-numbered-headings.txt",
        title: "Drone Airspace Rules Diverge",
        themes: &["Drone Airspace Rules Diverge", "Counter-Drone Procurement"],
        washington: Some(("Washington Angle", 1)),
        window_hours: 72,
        indicators: &[
            "a joint statement by the three aviation authorities on mutual recognition.",
            "an airport closure caused by an unidentified drone.",
            "publication of the FAA rule text.",
        ],
        closing: Some("regional rules converge"),
        paragraphs: None,
    },
    Case {
        file: "23-wrapped-bullets-closing-no-blank.txt",
        title: "Teachers' Strike Spreads Across the Provinces",
        themes: &[
            "Teachers' Strike Spreads Across the Provinces",
            "Exam Calendar at Risk",
        ],
        washington: Some(("Washington Angle", 1)),
        window_hours: 48,
        indicators: &[
            "Whether the education ministry returns to talks with a revised salary offer.",
            "Announcements by the examination board on a contingency exam calendar.",
            "Any call by the union for a general strike with the transport workers.",
        ],
        closing: Some("strike ends before the exams"),
        paragraphs: None,
    },
    Case {
        file: "24-outlook-and-washington-in-theme-titles.txt",
        title: "Economic Outlook Darkens for the Coastal Provinces",
        themes: &[
            "Economic Outlook Darkens for the Coastal Provinces",
            "Washington Pushes Allies on Port Investment Screening",
        ],
        washington: Some(("The View From Washington", 1)),
        window_hours: 72,
        indicators: &[
            "whether the investment-screening bill reaches the floor of the national assembly.",
            "any announcement by the terminal's owners of a revised buyer.",
        ],
        closing: Some("sale goes ahead as planned"),
        paragraphs: None,
    },
    Case {
        file: "25-long-title-hours-abbrev-paren-list.txt",
        title: "Nickel Smelter Emissions Dispute Threatens the Northern Mining Compact Between Three Provincial Governments",
        themes: &["Smelter Emissions", "Compact Renegotiation"],
        washington: Some(("Washington Angle", 1)),
        // "72h" style: "the next 60h"
        window_hours: 60,
        indicators: &[
            "Findings published by the environment agency's inquiry.",
            "A compensation demand tabled formally by the downwind province.",
            "A statement on the smelter's future by its owner, Kessel Metals Inc. and the provincial government of the U.S.-listed parent.",
        ],
        closing: Some("renegotiation collapses"),
        paragraphs: None,
    },
    Case {
        file: "26-markdown-rules-emphasis.md.txt",
        title: "Critical Minerals Club Expands",
        themes: &["Membership Widens", "Standards Enforcement"],
        washington: Some(("Washington Angle", 1)),
        window_hours: 72,
        indicators: &[
            "the club's communiqué and whether it names an inspectorate.",
            "a financing commitment for the lithium project in the western highlands.",
            // "U.S." ends the last indicator and its sentence.
            "any new offtake agreement signed with suppliers outside the U.S.",
        ],
        closing: Some("hold its members to its standards"),
        paragraphs: Some(&[1, 1]),
    },
    Case {
        file: "27-paragraph-per-indicator-multi-sentence.txt",
        title: "WATER RIGHTS ARBITRATION: DESK NOTE",
        themes: &["Arbitration Panel Convenes", "Upstream Dam Filling"],
        washington: None,
        window_hours: 48,
        indicators: &[
            // One indicator to a paragraph: each keeps all its sentences.
            "the panel's procedural order. It will show whether interim measures are on the table.",
            "satellite estimates of the reservoir level. A rise of more than two metres would mean filling is ahead of the published schedule.",
            // "Third and finally,"
            "the downstream state's response. A recall of its ambassador would be the clearest sign that talks have stalled.",
        ],
        closing: Some("These signals will indicate"),
        paragraphs: None,
    },
    Case {
        file: "28-no-blank-lines-hardwrapped.txt",
        title: "Border crossing queues lengthen",
        themes: &["Border crossing queues lengthen", "Retail shortages appear"],
        washington: Some(("Washington angle", 1)),
        window_hours: 48,
        indicators: &[
            "whether customs suspends the new software.",
            "reports of lorries being diverted to the coastal ferry.",
            "a statement by the transport ministry on emergency staffing.",
        ],
        closing: Some("before the weekend"),
        // No blank lines: the short line that ends a sentence ends a
        // paragraph.
        paragraphs: Some(&[2, 1]),
    },
    Case {
        file: "29-us-angle-list-with-ordinals.txt",
        title: "Municipal Bond Stress in the Delta Cities",
        themes: &[
            "Municipal Bond Stress in the Delta Cities",
            "Pension Obligations",
        ],
        washington: Some(("U.S. Angle", 1)),
        window_hours: 36,
        indicators: &[
            // "1. First, whether ...": the ordinal is dropped.
            "whether any of the three cities misses a payment date.",
            "a downgrade by either rating agency.",
            "an emergency session of the state finance board.",
        ],
        closing: Some("regional credit event"),
        paragraphs: None,
    },
];

fn check_case(case: &Case) {
    let path = fixture(case.file);
    let name = case.file;
    let brief = load_file(&path).unwrap_or_else(|e| panic!("{name}: {e}"));

    assert_eq!(brief.title, case.title, "{name}: title");
    let titles: Vec<&str> = brief.themes.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, case.themes, "{name}: theme titles");
    assert_eq!(brief.themes.len(), case.themes.len(), "{name}: theme count");
    for theme in &brief.themes {
        assert!(
            !theme.paragraphs.is_empty(),
            "{name}: theme {:?} has no paragraphs",
            theme.title
        );
        for p in &theme.paragraphs {
            assert!(
                !p.trim().is_empty() && p.trim() == p && !p.contains('\n'),
                "{name}: paragraph {p:?} is not one clean line"
            );
        }
    }
    if let Some(counts) = case.paragraphs {
        let got: Vec<usize> = brief.themes.iter().map(|t| t.paragraphs.len()).collect();
        assert_eq!(got, counts, "{name}: paragraphs per theme");
    }
    match (&brief.washington, case.washington) {
        (None, None) => {}
        (Some(w), Some((title, notes))) => {
            assert_eq!(w.title, title, "{name}: Washington title");
            assert_eq!(w.paragraphs.len(), notes, "{name}: Washington notes");
        }
        (got, want) => panic!("{name}: Washington section: got {got:?}, want {want:?}"),
    }
    assert_eq!(brief.window_hours, case.window_hours, "{name}: window");

    let got: Vec<&str> = brief.indicators.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        got.len(),
        case.indicators.len(),
        "{name}: indicator count: {got:#?}"
    );
    assert_eq!(got, case.indicators, "{name}: indicator texts");
    for (g, want) in got.iter().zip(case.indicators) {
        let first = |s: &str| s.split_whitespace().next().map(str::to_string);
        let last = |s: &str| s.split_whitespace().last().map(str::to_string);
        assert_eq!(first(g), first(want), "{name}: first word of {g:?}");
        assert_eq!(last(g), last(want), "{name}: last word of {g:?}");
    }

    if let Some(closing) = case.closing {
        let raw = std::fs::read_to_string(&path).expect("fixture is UTF-8");
        assert!(
            raw.contains(closing),
            "{name}: the closing words {closing:?} are not in the fixture"
        );
        for i in &brief.indicators {
            assert!(
                !i.text.contains(closing),
                "{name}: the closing remark leaked into {:?}",
                i.text
            );
        }
    }

    // Parsing the text directly gives the same brief as loading the file.
    let bytes = std::fs::read(&path).expect("fixture");
    assert_eq!(parse_bytes(&bytes).expect("parses"), brief, "{name}");
}

#[test]
fn fixture_table() {
    let mut failures = Vec::new();
    for case in CASES {
        if let Err(panic) = std::panic::catch_unwind(|| check_case(case)) {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {msg}", case.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_fixture_is_in_the_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefs");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
    assert!(CASES.len() >= 15);
}

#[test]
fn fixtures_really_have_the_byte_level_variants_they_claim() {
    let read = |name: &str| std::fs::read(fixture(name)).expect("fixture");
    let crlf = read("02-crlf-trailing-blanks.txt");
    assert!(crlf.windows(2).any(|w| w == b"\r\n"));
    assert!(crlf.windows(4).any(|w| w == b" \r\n\r"), "trailing blanks");
    let cr = read("15-cr-only.txt");
    assert!(cr.contains(&b'\r') && !cr.contains(&b'\n'));
    let bom = read("14-unicode-bom-tabs.txt");
    assert!(bom.starts_with(&[0xEF, 0xBB, 0xBF]));
    assert!(bom.contains(&b'\t'));
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
    for case in CASES {
        let text =
            String::from_utf8(std::fs::read(fixture(case.file)).expect("fixture")).expect("UTF-8");
        let base = parse(&text).expect("parses");
        let unix = text.replace("\r\n", "\n").replace('\r', "\n");
        for (what, variant) in variants(&unix) {
            let brief = parse(&variant).unwrap_or_else(|e| panic!("{}: {what}: {e}", case.file));
            assert_eq!(brief.id, base.id, "{}: {what}", case.file);
            assert_eq!(brief, base, "{}: {what}", case.file);
        }
    }
}

#[test]
fn different_briefs_have_different_ids() {
    let a = parse(DEFAULT_BRIEF_TEXT).expect("parses");
    let b = parse(&DEFAULT_BRIEF_TEXT.replace("next 72 hours", "next 48 hours")).expect("parses");
    assert_eq!(b.window_hours, 48);
    assert_ne!(a.id, b.id);
    let ids: std::collections::HashSet<String> = CASES
        .iter()
        .map(|c| load_file(&fixture(c.file)).expect("parses").id.0)
        .collect();
    assert_eq!(ids.len(), CASES.len());
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

// ---------------------------------------------------------------------------
// Errors

fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Load a file that must fail; check that the message names the file (and
/// the line, when given) and return the parse error kind, if any.
fn load_error(bytes: &[u8], line: Option<usize>) -> (BriefError, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_temp(&dir, "bad brief.txt", bytes);
    let err = load_file(&path).expect_err("must fail");
    let msg = err.to_string();
    let name = path.display().to_string();
    assert!(msg.starts_with(&name), "the message names the file: {msg}");
    match line {
        Some(n) => assert!(
            msg.starts_with(&format!("{name}:{n}: ")),
            "the message names line {n}: {msg}"
        ),
        None => assert!(
            msg.starts_with(&format!("{name}: ")),
            "no line in the message: {msg}"
        ),
    }
    if let BriefError::Parse { error, .. } = &err {
        assert_eq!(error.line, line, "{msg}");
    }
    (err, msg)
}

fn parse_kind(err: &BriefError) -> &ParseErrorKind {
    match err {
        BriefError::Parse { error, .. } => &error.kind,
        other => panic!("not a parse error: {other:?}"),
    }
}

#[test]
fn empty_file() {
    let (err, msg) = load_error(b"", None);
    assert_eq!(parse_kind(&err), &ParseErrorKind::Empty);
    assert!(msg.contains("empty"), "{msg}");
}

#[test]
fn whitespace_only_file() {
    for text in [" ", "\n\n\n", "\r\n \t \r\n", "\u{feff}\n  \n", "\u{a0}\n"] {
        let (err, _) = load_error(text.as_bytes(), None);
        assert_eq!(parse_kind(&err), &ParseErrorKind::Empty, "{text:?}");
    }
}

#[test]
fn nul_bytes() {
    let (err, msg) = load_error(b"Title\n\nSome text\0\0\x01\x02", Some(3));
    assert_eq!(parse_kind(&err), &ParseErrorKind::Binary { offset: 16 });
    assert!(msg.contains("binary"), "{msg}");
    // A real binary header.
    let (err, _) = load_error(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some(3));
    assert!(matches!(parse_kind(&err), ParseErrorKind::Binary { .. }));
}

#[test]
fn invalid_utf8() {
    let (err, msg) = load_error(b"Title\r\n\r\nCaf\xe9 society\r\n", Some(3));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NotUtf8 { offset: 12 });
    assert!(msg.contains("UTF-8"), "{msg}");
    // CR-only line endings count as lines too.
    let (_, _) = load_error(b"Title\r\rText \xff\xfe", Some(3));
}

#[test]
fn lone_paragraph_without_headings() {
    let text = "The alliance met on Tuesday. Ministers agreed to meet again, and nothing \
                else was decided. Officials said the talks were useful.\n";
    let (err, msg) = load_error(text.as_bytes(), Some(1));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoHeadings);
    assert!(msg.contains("no structure"), "{msg}");
    // Several paragraphs of prose are no better.
    let (err, _) = load_error(format!("{text}\n{text}\n{text}").as_bytes(), Some(1));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoHeadings);
}

#[test]
fn headings_without_an_outlook() {
    let text = "Arctic Shipping\n\nThe passage is open. Insurers are nervous.\n\n\
                Washington Angle\n\nCongress will hold a hearing.\n";
    let (err, msg) = load_error(text.as_bytes(), None);
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoOutlook);
    assert!(msg.contains("Outlook"), "{msg}");
    // A lone heading is not a brief either.
    let (err, _) = load_error(b"Arctic Shipping\n", None);
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoOutlook);
}

#[test]
fn outlook_without_indicators() {
    let text = "Arctic Shipping\n\nThe passage is open. Insurers are nervous.\n\n\
                Outlook\n\nOver the next 48 hours, the desk will keep watching the passage.\n";
    let (err, msg) = load_error(text.as_bytes(), Some(5));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoIndicators);
    assert!(msg.contains("no indicators"), "{msg}");
    // An empty Outlook at the end of the file.
    let (err, _) = load_error(
        b"Arctic Shipping\n\nThe passage is open.\n\nOutlook\n",
        Some(5),
    );
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoIndicators);
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = load_file(dir.path()).expect_err("a directory");
    assert!(matches!(err, BriefError::IsDirectory { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with(&dir.path().display().to_string()), "{msg}");
    assert!(msg.contains("directory"), "{msg}");
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no-such-brief.txt");
    let err = load_file(&path).expect_err("missing");
    assert!(matches!(err, BriefError::Io { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    // `load` with a path goes the same way; without one it is the default.
    assert!(brief::load(Some(&path)).is_err());
    let (default, source) = brief::load(None).expect("default brief");
    assert_eq!(source, brief::BriefSource::Default);
    assert_eq!(default.themes.len(), 4);
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: no disk is used for it.
    file.set_len(brief::MAX_BRIEF_BYTES + 1).expect("set_len");
    let err = load_file(&path).expect_err("too large");
    assert!(matches!(err, BriefError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&path.display().to_string()));
}

#[test]
fn errors_from_parse_carry_lines_without_a_file() {
    let err = parse("").expect_err("empty");
    assert_eq!(err.line, None);
    let err = parse_bytes(b"Heading\n\nText\xc3(").expect_err("bad UTF-8");
    assert_eq!(err.line, Some(3));
    assert!(matches!(err.kind, ParseErrorKind::NotUtf8 { offset: 13 }));
}
