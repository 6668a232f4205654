use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::brief::{self, BriefSource};
use crate::review::{Confidence, Desk, EventKind, ItemRef};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn at(s: &str) -> Result<DateTime<Utc>> {
    Ok(s.parse()?)
}

fn note(item: ItemRef, text: &str, full: bool) -> EventKind {
    EventKind::Note {
        item,
        text: text.into(),
        source: full.then(|| "wire".into()),
        confidence: full.then_some(Confidence::High),
        author: full.then(|| "JD".into()),
    }
}

/// A watch with something in every field `status --json` gives: notes
/// with and without their details, one corrected, reviewed items, and a
/// disputed indicator (two desks assessed it without seeing each other).
fn busy_watch() -> Result<Watch> {
    let t0 = at("2026-11-26T14:30:00Z")?;
    let text: std::sync::Arc<str> = brief::DEFAULT_BRIEF_TEXT.into();
    let mut a = Watch::from_text(
        text.clone(),
        BriefSource::Default,
        Vec::new(),
        Desk::new("desk-a", Some("AA".into()), 1),
    );
    a.ensure_window(t0, Some(t0));
    let mut b = Watch::from_text(
        text,
        BriefSource::Default,
        a.log.to_vec(),
        Desk::new("desk-b", None, 2),
    );
    let later = t0 + Duration::minutes(5);
    a.set_status(later, 0, Status::Observed)
        .map_err(|s| format!("already {s:?}"))?;
    b.set_status(later, 0, Status::NotObserved)
        .map_err(|s| format!("already {s:?}"))?;
    a.absorb(&b.log);
    a.record(
        later,
        note(ItemRef::Indicator(1), "two outlets report it", true),
    );
    let id = a.record(later, note(ItemRef::Indicator(1), "a first draft", false));
    a.record(
        later,
        EventKind::NoteCorrected {
            of: id.into(),
            item: ItemRef::Indicator(1),
            text: Some("a second draft".into()),
        },
    );
    a.record(later, note(ItemRef::Theme(0), "on theme", true));
    a.record(
        later,
        note(ItemRef::WashingtonNote(0), "on Washington", false),
    );
    a.toggle_reviewed(later, ItemRef::Theme(1));
    a.toggle_reviewed(later, ItemRef::WashingtonNote(0));
    if a.dispute(0).is_none() {
        return Err("no dispute on I1".into());
    }
    Ok(a)
}

#[test]
fn status_json_is_encoded_with_its_keys_in_order() -> Result {
    let w = busy_watch()?;
    let settings = crate::config::Settings::default();
    let now = at("2026-11-27T10:00:00Z")?;
    let one = status_json(&w, now, &settings);
    let direct = serde_json::to_string_pretty(&one)?;
    // Through `Value`, whose maps sort their keys: the form the output
    // has always had.
    let sorted = serde_json::to_string_pretty(&serde_json::to_value(&one)?)?;
    assert_eq!(direct, sorted);
    for field in ["\"sides\"", "\"author\"", "\"corrected\"", "\"confidence\""] {
        assert!(direct.contains(field), "{field} is given: {direct}");
    }
    let all = AllJson {
        watches: vec![status_json(&w, now, &settings)],
    };
    assert_eq!(
        serde_json::to_string_pretty(&all)?,
        serde_json::to_string_pretty(&serde_json::to_value(&all)?)?
    );
    Ok(())
}
