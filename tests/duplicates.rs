//! Nothing recorded is lost (issue 14): an event id carried by two records
//! with different content (two desks that minted the same id, a corrupted
//! merge) keeps both, in a merge and when a state file is read.

mod support;

use chrono::{DateTime, TimeZone, Utc};
use watchdesk::review::{self, DUPLICATE_OF, Desk, Event, EventKind, ItemRef};
use watchdesk::store::{Store, parse_state};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 14, 30, 0).unwrap()
}

fn note(desk: &mut Desk, stamp: u64, text: &str) -> Event {
    desk.event_at(
        stamp,
        t0(),
        EventKind::Note {
            item: ItemRef::Theme(0),
            text: text.into(),
            source: None,
            confidence: None,
            author: None,
        },
    )
}

/// Two copies of one id: same id, different text.
fn clash() -> (Event, Event, Event) {
    let mut a = Desk::new("deskA", None, 7);
    let before = note(&mut a, 1, "first");
    let ours = note(&mut a, 2, "ours says this");
    let mut theirs = ours.clone();
    theirs.kind = EventKind::Note {
        item: ItemRef::Theme(0),
        text: "theirs says that".into(),
        source: None,
        confidence: None,
        author: None,
    };
    (before, ours, theirs)
}

fn texts(log: &[Event]) -> Vec<String> {
    let mut out: Vec<String> = log
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Note { text, .. } => Some(text.to_string()),
            _ => None,
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_merge_keeps_both_copies_of_a_clashing_id_whatever_the_order() {
    let (before, ours, theirs) = clash();
    let a = vec![before.clone(), ours.clone()];
    let b = vec![before.clone(), theirs.clone()];
    let ab = review::merge(&a, &b);
    let ba = review::merge(&b, &a);
    assert_eq!(
        texts(&ab),
        vec!["first", "ours says this", "theirs says that"],
        "{ab:#?}"
    );
    assert_eq!(ab, ba, "the merge does not depend on which side is ours");
    // One copy keeps the id; the other is renamed and says so.
    let renamed: Vec<&Event> = ab
        .iter()
        .filter(|e| e.id != ours.id && e.id != before.id)
        .collect();
    assert_eq!(renamed.len(), 1, "{ab:#?}");
    assert!(renamed[0].id.starts_with(&*ours.id));
    assert_eq!(
        renamed[0].extra.get(DUPLICATE_OF).and_then(|v| v.as_str()),
        Some(ours.id.as_str())
    );
    // Merging again with either side changes nothing (no third copy).
    assert_eq!(review::merge(&ab, &a), ab);
    assert_eq!(review::merge(&ab, &b), ab);
    assert_eq!(review::merge(&b, &ab), ab);
    // Identical copies are still one event.
    assert_eq!(review::merge(&a, &a), a);
}

#[test]
fn a_state_file_with_a_clashing_id_keeps_both_and_saves_both() {
    let (before, ours, theirs) = clash();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.json");
    let line = |e: &Event| serde_json::to_string(e).unwrap();
    let text = format!(
        "{{\"version\":2,\"briefs\":{{\"abcd\":{{\"title\":\"T\",\"events\":[\n{},\n{},\n{}\n]}}}}}}\n",
        line(&before),
        line(&ours),
        line(&theirs)
    );
    let state = parse_state(&path, &text).unwrap();
    let log = &state.briefs["abcd"].events;
    assert_eq!(
        texts(log),
        vec!["first", "ours says this", "theirs says that"]
    );

    // Through the store: a save from a desk that holds one copy keeps both.
    std::fs::write(&path, &text).unwrap();
    let store = Store::new(path.clone());
    let opened = store.open().unwrap();
    assert_eq!(opened.state.briefs["abcd"].events.len(), 3);
    let mut desk = Desk::new("deskB", None, 9);
    let mine = vec![before.clone(), ours.clone(), note(&mut desk, 3, "later")];
    let _ = store
        .save(&watchdesk::brief::BriefId("abcd".into()), "T", &mine)
        .unwrap();
    let reread = store.peek().unwrap();
    assert_eq!(
        texts(&reread.briefs["abcd"].events),
        vec!["first", "later", "ours says this", "theirs says that"]
    );
}
