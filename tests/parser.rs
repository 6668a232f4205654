//! The brief parser over a table of varied briefs (tests/fixtures/briefs/),
//! one test per fixture.

use std::path::{Path, PathBuf};

use watchdesk::brief::{load_file, parse_bytes};

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

/// The table's case for a fixture file.
fn case(file: &str) -> &'static Case {
    CASES
        .iter()
        .find(|c| c.file == file)
        .unwrap_or_else(|| panic!("{file}: not in the table"))
}

/// One test per fixture, named after its file, so a failing fixture names
/// itself and hides none of the others.
macro_rules! fixture_tests {
    ($($name:ident: $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_case(case($file));
            }
        )*
        /// The fixtures that have a test of their own.
        const TESTED: &[&str] = &[$($file),*];
    };
}

fixture_tests! {
    f01_baseline_48h: "01-baseline-48h.txt",
    f02_crlf_trailing_blanks: "02-crlf-trailing-blanks.txt",
    f03_markdown_numbered: "03-markdown-numbered.txt",
    f04_bold_colon_bullets: "04-bold-colon-bullets.txt",
    f05_allcaps_window_in_heading: "05-allcaps-window-in-heading.txt",
    f06_hardwrapped_no_blank_after_heading: "06-hardwrapped-no-blank-after-heading.txt",
    f07_semicolon_ordinals: "07-semicolon-ordinals.txt",
    f08_twelve_ordinals_words: "08-twelve-ordinals-words.txt",
    f09_finally_48_hour: "09-finally-48-hour.txt",
    f10_paren_list_days: "10-paren-list-days.txt",
    f11_title_line_no_washington: "11-title-line-no-washington.txt",
    f12_single_theme_bullet_dots: "12-single-theme-bullet-dots.txt",
    f13_twelve_themes: "13-twelve-themes.txt",
    f14_unicode_bom_tabs: "14-unicode-bom-tabs.txt",
    f15_cr_only: "15-cr-only.txt",
    f16_star_bullets_wrapped: "16-star-bullets-wrapped.txt",
    f17_setext_headings: "17-setext-headings.txt",
    f18_ten_ordinal_paragraphs_days: "18-ten-ordinal-paragraphs-days.txt",
    f19_firstly_indicators_heading: "19-firstly-indicators-heading.txt",
    f20_banner_subtitle_dateline: "20-banner-subtitle-dateline.txt",
    f21_inline_section_labels: "21-inline-section-labels.txt",
    f22_numbered_headings: "22-numbered-headings.txt",
    f23_wrapped_bullets_closing_no_blank: "23-wrapped-bullets-closing-no-blank.txt",
    f24_outlook_and_washington_in_theme_titles: "24-outlook-and-washington-in-theme-titles.txt",
    f25_long_title_hours_abbrev_paren_list: "25-long-title-hours-abbrev-paren-list.txt",
    f26_markdown_rules_emphasis: "26-markdown-rules-emphasis.md.txt",
    f27_paragraph_per_indicator_multi_sentence: "27-paragraph-per-indicator-multi-sentence.txt",
    f28_no_blank_lines_hardwrapped: "28-no-blank-lines-hardwrapped.txt",
    f29_us_angle_list_with_ordinals: "29-us-angle-list-with-ordinals.txt",
}

#[test]
fn every_fixture_is_in_the_table() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/briefs");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        // 30 and on are the shapes of tests/parser_shapes.rs.
        .filter(|f| f.as_str() < "30")
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|c| c.file.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
    let mut tested: Vec<String> = TESTED.iter().map(|f| f.to_string()).collect();
    tested.sort();
    assert_eq!(files, tested);
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
