//! The state file through serde: a version-1 file written by the previous
//! binary loads with nothing lost, fields this version does not know survive
//! a save, and every event kind with every field round-trips.

use std::fs;
use std::path::Path;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use watchdesk::brief::BriefId;
use watchdesk::review::{
    self, Confidence, Event, EventData, EventKind, ItemRef, LEGACY_DESK, Level, Status,
};
use watchdesk::store::{CURRENT_VERSION, Store, parse_state};

const V1: &str = include_str!("fixtures/state-v1.json");
const DEFAULT_BRIEF: &str = "ab7211feee44458f";
const OTHER_BRIEF: &str = "83262a492c841e6f";

fn t0() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().unwrap()
}

/// The ids of a brief's events in a version-1 text, in file order.
fn v1_ids(brief: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(V1).unwrap();
    v["briefs"][brief]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_version_1_file_loads_with_every_event() {
    let state = parse_state(Path::new("state-v1.json"), V1).unwrap();
    assert_eq!(state.version, CURRENT_VERSION);
    for brief in [DEFAULT_BRIEF, OTHER_BRIEF] {
        let events = &state.briefs[brief].events;
        let ids: Vec<String> = events.iter().map(|e| e.id.to_string()).collect();
        assert_eq!(
            ids,
            v1_ids(brief),
            "{brief}: every event, in the order v1 kept"
        );
        assert!(events.iter().all(|e| e.desk == LEGACY_DESK));
        let stamps: Vec<u64> = events.iter().map(|e| e.stamp).collect();
        assert_eq!(stamps, (1..=events.len() as u64).collect::<Vec<_>>());
        assert!(events.iter().all(|e| e.extra.is_empty()), "nothing unknown");
    }
    assert_eq!(
        state.briefs[DEFAULT_BRIEF].title,
        "Nuclear Proliferation Reshapes Alliance Priorities"
    );

    // The review is what version 1 showed.
    let r = review::fold(&state.briefs[DEFAULT_BRIEF].events, 3);
    assert_eq!(
        r.status,
        [Status::Observed, Status::Observed, Status::Watching]
    );
    assert!(r.is_reviewed(ItemRef::Theme(0)));
    assert!(!r.is_reviewed(ItemRef::Theme(1)), "T2's mark was undone");
    assert!(r.is_reviewed(ItemRef::WashingtonNote(0)));
    let note = r
        .notes_on(ItemRef::Indicator(2))
        .next()
        .expect("the I3 note");
    assert_eq!(note.text, "Troop movement seen near the border");
    assert_eq!(note.source().as_deref(), Some("press wire"));
    assert_eq!(note.confidence(), Some(Confidence::Medium));
    assert_eq!(note.author().as_deref(), Some("JD"));
    let w1 = r
        .notes_on(ItemRef::WashingtonNote(0))
        .next()
        .expect("the W1 note");
    assert_eq!(w1.text, "line one\nquote \" and \\ back");
    assert!(r.alerts.contains(&(ItemRef::Indicator(0), Level::Amber)));

    let other = review::fold(&state.briefs[OTHER_BRIEF].events, 4);
    assert_eq!(
        other.window_start,
        Some("2026-11-20T08:00:00Z".parse().unwrap())
    );
    assert_eq!(other.status[0], Status::Observed);
    assert_eq!(other.notes.len(), 0, "the note was undone");
    assert!(
        other
            .alerts
            .contains(&(ItemRef::Indicator(3), Level::Expired))
    );
}

/// The version-1 file opened by a desk and saved: version 2 on disk, every
/// event of both briefs still there, and the new one after them.
#[test]
fn a_version_1_file_saved_again_keeps_every_event() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    fs::write(&path, V1).unwrap();
    let store = Store::new(path.clone());
    let mut log = store.open_to_save().unwrap().state.briefs[DEFAULT_BRIEF]
        .events
        .clone();
    let mut desk = review::Desk::new("mine", Some("AB".into()), 1);
    let undone = review::undo_target(&log, &review::fold(&log, 3), "mine")
        .expect("a legacy action can be undone")
        .id
        .clone();
    log.push(desk.event(
        &log,
        t0(),
        EventKind::Undo {
            of: undone.to_string(),
        },
    ));
    assert!(
        store
            .save(&BriefId(DEFAULT_BRIEF.into()), "", &log)
            .unwrap()
            .is_empty()
    );

    let text = fs::read_to_string(&path).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 2);
    for brief in [DEFAULT_BRIEF, OTHER_BRIEF] {
        let on_disk: Vec<&str> = v["briefs"][brief]["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        for id in v1_ids(brief) {
            assert!(on_disk.contains(&id.as_str()), "{brief}: {id} kept");
        }
    }
    let last = &v["briefs"][DEFAULT_BRIEF]["events"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["type"], "undo");
    assert_eq!(last["desk"], "mine");
    assert_eq!(last["analyst"], "AB");
    assert_eq!(last["stamp"], 17, "after the 16 stamped in migration");
}

/// Fields this version does not know, at every level of the file, are
/// written back on the next save.
#[test]
fn unknown_fields_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let text = r#"{"version":2,"owner":{"team":"east"},"briefs":{"b1":{"title":"B","pinned":true,"events":[
{"id":"e1","at":"2026-11-26T14:30:00Z","desk":"d1","stamp":1,"type":"status","item":"I1","from":"watching","to":"observed","seen_by":["d2"],"weight":0.5},
{"id":"e2","at":"2026-11-26T14:30:01Z","desk":"d1","stamp":2,"type":"note","item":"T1","text":"x","source":null,"mood":"calm"}
]}}}"#;
    fs::write(&path, text).unwrap();
    let store = Store::new(path.clone());
    let state = store.open_to_save().unwrap().state;
    let mut log = state.briefs["b1"].events.clone();
    assert_eq!(log[0].extra["weight"], 0.5);
    assert_eq!(log[1].extra["mood"], "calm");
    let mut desk = review::Desk::new("d9", None, 9);
    log.push(desk.event(
        &log,
        t0(),
        EventKind::Reviewed {
            item: ItemRef::Theme(0),
            reviewed: true,
        },
    ));
    store.save(&BriefId("b1".into()), "B", &log).unwrap();

    let v: serde_json::Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(v["owner"]["team"], "east");
    assert_eq!(v["briefs"]["b1"]["pinned"], true);
    let events = v["briefs"]["b1"]["events"].as_array().unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[0]["seen_by"][0], "d2");
    assert_eq!(events[0]["weight"], 0.5);
    assert_eq!(events[0]["to"], "observed");
    assert_eq!(events[1]["mood"], "calm");
    assert_eq!(events[1]["text"], "x");
    // No field is written twice.
    let raw = fs::read_to_string(&path).unwrap();
    let line = raw.lines().find(|l| l.contains("\"e1\"")).unwrap();
    assert_eq!(line.matches("\"type\"").count(), 1, "{line}");
}

fn arb_item() -> impl Strategy<Value = ItemRef> {
    prop_oneof![
        (0usize..20).prop_map(ItemRef::Theme),
        Just(ItemRef::Washington),
        (0usize..20).prop_map(ItemRef::WashingtonNote),
        (0usize..20).prop_map(ItemRef::Indicator),
    ]
}

fn arb_status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Watching),
        Just(Status::Observed),
        Just(Status::NotObserved)
    ]
}

fn arb_time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..10_000_000_000, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap_or_else(t0))
}

/// Every event kind, with every field set or not.
fn arb_kind() -> impl Strategy<Value = EventKind> {
    let text = "(.|\n|\"|\\\\|\u{1b}){0,30}";
    let opt = || proptest::option::of(text);
    let confidence = proptest::option::of(prop_oneof![
        Just(Confidence::Low),
        Just(Confidence::Medium),
        Just(Confidence::High)
    ]);
    let level = prop_oneof![
        Just(Level::Normal),
        Just(Level::Amber),
        Just(Level::Red),
        Just(Level::Expired)
    ];
    prop_oneof![
        (arb_time(), any::<bool>())
            .prop_map(|(start, explicit)| EventKind::WindowSet { start, explicit }),
        (
            arb_item(),
            arb_status(),
            arb_status(),
            proptest::option::of(proptest::collection::vec("[a-z0-9-]{1,20}", 0..3))
        )
            .prop_map(|(item, from, to, seen)| EventKind::Status {
                item,
                from,
                to,
                seen: seen.map(|s| s.into_iter().map(Into::into).collect())
            }),
        ("[ -~]{1,20}", opt()).prop_map(|(to, report)| EventKind::Handover {
            to: to.into(),
            report
        }),
        "[a-z0-9-]{1,30}".prop_map(|of| EventKind::Accept { of }),
        (arb_item(), any::<bool>())
            .prop_map(|(item, reviewed)| EventKind::Reviewed { item, reviewed }),
        (arb_item(), text, opt(), confidence, opt()).prop_map(
            |(item, text, source, confidence, author)| EventKind::Note {
                item,
                text: text.into(),
                source: source.map(Into::into),
                confidence,
                author: author.map(Into::into)
            }
        ),
        "[a-z0-9-]{1,30}".prop_map(|of| EventKind::Undo { of }),
        "[a-z0-9-]{1,30}".prop_map(|of| EventKind::Redo { of }),
        (arb_item(), level).prop_map(|(item, level)| EventKind::Alert { item, level }),
    ]
}

fn arb_full_event() -> impl Strategy<Value = Event> {
    (
        "[a-z0-9-]{1,30}",
        arb_time(),
        "[ -~]{1,20}",
        any::<u64>(),
        proptest::option::of("(.|\u{1b}){0,10}"),
        arb_kind(),
    )
        .prop_map(|(id, at, desk, stamp, analyst, kind)| {
            Event::from(EventData {
                id: id.into(),
                at,
                desk: desk.into(),
                stamp,
                analyst: analyst.map(Into::into),
                kind,
                extra: Default::default(),
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every kind with every field (desk, analyst and stamp too) is read
    /// back as it was written, alone and through the whole file.
    #[test]
    fn every_event_round_trips(events in proptest::collection::vec(arb_full_event(), 0..12)) {
        for e in &events {
            let text = serde_json::to_string(e).unwrap();
            let back: Event = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&back, e);
            // The quick reader the share's lines go through reads it alike,
            // without leaving it to serde_json.
            let quick = watchdesk::json::from_str::<Event>(&text);
            prop_assert_eq!(quick.as_ref(), Some(e));
        }
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("state.json"));
        let mut log = events.clone();
        review::normalise_log(&mut log);
        store.save(&BriefId("b".into()), "T", &log).unwrap();
        let loaded = store.open().unwrap().state.briefs["b"].events.clone();
        prop_assert_eq!(loaded, log);
    }
}

/// A version-1 event that named no `at` cannot be ordered: the file is
/// refused as unreadable (and so moved aside by a desk), never half-read.
#[test]
fn a_version_1_event_without_a_time_is_refused() {
    let text =
        r#"{"version":1,"briefs":{"b":{"title":"","events":[{"id":"x","type":"undo","of":"y"}]}}}"#;
    let err = parse_state(Path::new("s.json"), text)
        .unwrap_err()
        .to_string();
    assert!(err.contains("s.json") && err.contains("at"), "{err}");
}

/// An unknown field on an event of a type already read many times (the
/// reader has learnt that type's fields) is kept all the same, and a field
/// another type has is not taken for this one's.
#[test]
fn unknown_fields_are_kept_after_many_known_events() {
    let mut lines = Vec::new();
    for n in 1..=50 {
        lines.push(format!(
            r#"{{"id":"e{n}","at":"2026-11-26T14:30:00Z","desk":"d","stamp":{n},"type":"status","item":"I1","from":"watching","to":"observed"}}"#
        ));
    }
    lines.push(r#"{"id":"n1","at":"2026-11-26T14:30:00Z","desk":"d","stamp":51,"type":"note","item":"I1","text":"t"}"#.into());
    lines.push(r#"{"id":"z","at":"2026-11-26T14:30:00Z","desk":"d","stamp":52,"type":"status","item":"I1","from":"observed","to":"watching","text":"not a status field","weight":2}"#.into());
    let text = format!(
        r#"{{"version":2,"briefs":{{"b":{{"title":"","events":[{}]}}}}}}"#,
        lines.join(",")
    );
    let state = parse_state(Path::new("s.json"), &text).unwrap();
    let events = &state.briefs["b"].events;
    assert_eq!(events.len(), 52);
    let z = events.iter().find(|e| e.id == "z").unwrap();
    assert_eq!(z.extra["weight"], 2);
    assert_eq!(z.extra["text"], "not a status field");
    assert!(
        events
            .iter()
            .filter(|e| e.id != "z")
            .all(|e| e.extra.is_empty())
    );
}
