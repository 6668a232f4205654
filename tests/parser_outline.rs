//! The reading of a brief: its outline, refusals that say what was found,
//! corrections that rebuild the brief from its text, and deadlines.

use chrono::{DateTime, FixedOffset, Utc};
use watchdesk::brief::outline::Role;
use watchdesk::brief::{
    Correction, DayRef, Mark, ParseErrorKind, WindowSpec, apply_corrections, parse,
    parse_with_outline,
};

const NO_OUTLOOK: &str = "\
Grain Corridor Review

Shipping Volumes

Volumes fell by a tenth in the first week of the month.

Analysis

- The insurers may withdraw cover.
- The navy may resume escorts.
";

#[test]
fn a_refusal_names_the_headings_and_lists_it_saw() {
    let (result, outline) = parse_with_outline(NO_OUTLOOK);
    let err = result.expect_err("no Outlook");
    assert_eq!(err.kind, ParseErrorKind::NoOutlook);
    let titles: Vec<(usize, &str)> = err
        .found
        .headings
        .iter()
        .map(|h| (h.line, h.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            (1, "Grain Corridor Review"),
            (3, "Shipping Volumes"),
            (7, "Analysis")
        ]
    );
    assert_eq!(err.found.outlook, None);
    assert_eq!(err.found.lists.len(), 1);
    let list = &err.found.lists[0];
    assert_eq!((list.line, list.items), (9, 2));
    assert_eq!(list.under.as_deref(), Some("Analysis"));
    let message = err.to_string();
    assert!(message.contains("line 7 \"Analysis\""), "{message}");
    assert!(message.contains("taken for the Outlook: none"), "{message}");
    assert!(message.contains("under \"Analysis\""), "{message}");
    // Even refused, the text is outlined for the analyst to correct.
    assert_eq!(outline.role_of(7), Some(Role::ThemeHeading));
    assert_eq!(outline.role_of(9), Some(Role::Text));
    assert_eq!(outline.role_of(2), None);
}

#[test]
fn corrections_turn_a_refused_brief_into_a_working_one() {
    // "Analysis" is the Outlook; its bullets are the indicators.
    let corrections = [
        Correction::Mark {
            first_line: 7,
            last_line: 7,
            mark: Mark::Outlook,
        },
        Correction::SetWindow(WindowSpec::hours(24)),
        Correction::SetDeadline {
            indicator: 1,
            deadline: Some(WindowSpec::hours(6)),
        },
    ];
    let brief = apply_corrections(NO_OUTLOOK, &corrections).expect("corrected");
    let texts: Vec<&str> = brief.indicators.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The insurers may withdraw cover.",
            "The navy may resume escorts."
        ]
    );
    assert_eq!(brief.window, WindowSpec::hours(24));
    assert!(!brief.window_assumed);
    assert_eq!(brief.indicators[0].deadline, None);
    assert_eq!(brief.indicators[1].deadline, Some(WindowSpec::hours(6)));
    let themes: Vec<&str> = brief.themes.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(themes, ["Shipping Volumes"]);
    // The same text and corrections give the same brief, and its id is the
    // text's.
    assert_eq!(
        apply_corrections(NO_OUTLOOK, &corrections).ok(),
        Some(brief.clone())
    );
    assert_eq!(brief.id, watchdesk::brief::BriefId::of_text(NO_OUTLOOK));
}

#[test]
fn lines_marked_as_indicators_or_passed_over() {
    let text = "\
Port Review

Volumes

Volumes fell.
Subscribe for more port news
A strike is called at the container terminal.

Outlook

Over the next 48 hours:

- Talks resume.
";
    let corrections = [
        Correction::Mark {
            first_line: 6,
            last_line: 6,
            mark: Mark::PassedOver,
        },
        Correction::Mark {
            first_line: 7,
            last_line: 7,
            mark: Mark::Indicator,
        },
    ];
    let (brief, outline) = watchdesk::brief::apply_corrections_with_outline(text, &corrections);
    let brief = brief.expect("parses");
    let texts: Vec<&str> = brief.indicators.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "A strike is called at the container terminal.",
            "Talks resume."
        ]
    );
    assert_eq!(brief.themes[0].paragraphs, ["Volumes fell."]);
    assert_eq!(outline.role_of(6), Some(Role::PassedOver));
    assert_eq!(outline.role_of(7), Some(Role::Indicator));
    assert_eq!(outline.role_of(13), Some(Role::Indicator));
    assert_eq!(outline.role_of(9), Some(Role::OutlookHeading));
    assert_eq!(outline.role_of(3), Some(Role::ThemeHeading));
    // A brief parsed with no corrections reads line 6 as text.
    let plain = parse(text).expect("parses");
    assert_eq!(plain.indicators.len(), 1);
}

#[test]
fn the_outline_marks_every_block() {
    let (brief, outline) = parse_with_outline(watchdesk::brief::DEFAULT_BRIEF_TEXT);
    brief.expect("parses");
    let roles: Vec<Role> = outline.blocks.iter().map(|b| b.role).collect();
    // The first heading is both the title and the first theme's heading.
    assert_eq!(roles.first(), Some(&Role::ThemeHeading));
    assert!(roles.contains(&Role::WashingtonHeading));
    assert!(roles.contains(&Role::Washington));
    assert!(roles.contains(&Role::OutlookHeading));
    assert!(roles.contains(&Role::Indicator));
    for pair in outline.blocks.windows(2) {
        assert!(pair[0].last_line < pair[1].first_line, "{pair:?}");
    }
}

#[test]
fn impossible_windows_are_refused_saying_why() {
    for (window, reason) in [
        ("over the next 0 hours", "no time at all"),
        ("over the next 9000 hours", "more than a year"),
    ] {
        let text = format!("Title\n\nTheme\n\nText.\n\nOutlook\n\nWatch {window}:\n\n- A vote.\n");
        let err = parse(&text).expect_err(window);
        match &err.kind {
            ParseErrorKind::ImpossibleWindow { reason: r, .. } => assert_eq!(*r, reason),
            other => panic!("{window}: {other:?}"),
        }
        assert_eq!(err.line, Some(7));
        assert!(err.to_string().contains(reason));
    }
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

#[test]
fn deadlines_count_from_the_start_in_the_analysts_zone() {
    let text = "Title\n\nTheme\n\nText.\n\nOutlook\n\nWatch until Friday:\n\n- A vote within 6 hours.\n- A strike.\n";
    let brief = parse(text).expect("parses");
    assert_eq!(
        brief.window,
        WindowSpec::EndOfDay(DayRef::Weekday(chrono::Weekday::Fri))
    );
    // Wednesday 25 November 2026, 10:00 UTC; the analyst is at UTC-5.
    let start = at("2026-11-25T10:00:00Z");
    let tz = FixedOffset::west_opt(5 * 3600).expect("zone");
    let end = Some(at("2026-11-28T05:00:00Z"));
    assert_eq!(brief.deadline_from(start, &tz), end);
    assert_eq!(
        brief.indicator_deadline_from(0, start, &tz),
        Some(at("2026-11-25T16:00:00Z"))
    );
    assert_eq!(brief.indicator_deadline_from(1, start, &tz), end);
    assert_eq!(brief.indicator_deadline_from(2, start, &tz), None);
}

#[test]
fn check_json_for_a_refused_brief_is_an_error_object() {
    use watchdesk::brief::{BriefError, summary};
    let error = parse(NO_OUTLOOK).expect_err("refused");
    let e = BriefError::Parse {
        source_name: "grain.txt".to_string(),
        error,
    };
    let json: serde_json::Value =
        serde_json::from_str(&summary::to_json(&summary::error_json(&e)).expect("json"))
            .expect("valid JSON");
    assert!(
        json["error"]
            .as_str()
            .is_some_and(|m| m.starts_with("grain.txt: no \"Outlook\""))
    );
    assert_eq!(json["found"]["headings"][2]["title"], "Analysis");
    assert_eq!(json["found"]["lists"][0]["under"], "Analysis");
    assert_eq!(json["found"]["outlook"], serde_json::Value::Null);
}
