//! What the analyst did, as an append-only log of events, and the fold of
//! that log into the current review.
//!
//! Every change is an [`Event`] with a unique id, the desk that wrote it and
//! a logical clock stamp (see [`event`]). The current [`Review`] is a fold of
//! the events in (stamp, desk, id) order; wall time is for people. Undo is a
//! compensating event, never a deletion; two copies of a log merge by taking
//! the union of their events by id.

mod closing;
mod decode;
mod describe;
mod dispute;
mod dupes;
mod event;
mod text;

pub use closing::{Closure, Disposition};
pub use describe::{describe, describe_correction};
pub use dispute::{Dispute, Side, disputes, heads};
pub use dupes::DUPLICATE_OF;
pub use event::{
    Desk, Event, EventData, EventKind, Extra, LEGACY_DESK, merge, normalise_log, sort_events,
    sort_events_by,
};
pub use text::{EventId, Name, NoteText};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// An indicator's state in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Watching,
    Observed,
    NotObserved,
}

impl Status {
    /// The Space-key cycle: watching -> observed -> not observed -> watching.
    pub fn next(self) -> Status {
        match self {
            Status::Watching => Status::Observed,
            Status::Observed => Status::NotObserved,
            Status::NotObserved => Status::Watching,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Watching => "watching",
            Status::Observed => "observed",
            Status::NotObserved => "not_observed",
        }
    }

    /// The words people read: "not observed", not "not_observed".
    pub fn label(self) -> &'static str {
        match self {
            Status::Watching => "watching",
            Status::Observed => "observed",
            Status::NotObserved => "not observed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// An item of the brief that the review can speak of. Written in the state
/// file as a short label, 1-based as on screen: `T2`, `W`, `W1`, `I3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemRef {
    /// A theme, by 0-based index.
    Theme(usize),
    /// The Washington angle as a whole.
    Washington,
    /// One Washington-angle note (paragraph), by 0-based index.
    WashingtonNote(usize),
    /// An indicator, by 0-based index.
    Indicator(usize),
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemRef::Theme(i) => write!(f, "T{}", i + 1),
            ItemRef::Washington => f.write_str("W"),
            ItemRef::WashingtonNote(i) => write!(f, "W{}", i + 1),
            ItemRef::Indicator(i) => write!(f, "I{}", i + 1),
        }
    }
}

impl std::str::FromStr for ItemRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "W" {
            return Ok(ItemRef::Washington);
        }
        let bad = || format!("not an item label: {s:?} (expected T1, W, W1 or I1)");
        let (kind, num) = s.split_at_checked(1).ok_or_else(bad)?;
        let n: usize = num.parse().map_err(|_| bad())?;
        let i = n.checked_sub(1).ok_or_else(bad)?;
        match kind {
            "T" => Ok(ItemRef::Theme(i)),
            "W" => Ok(ItemRef::WashingtonNote(i)),
            "I" => Ok(ItemRef::Indicator(i)),
            _ => Err(bad()),
        }
    }
}

impl Serialize for ItemRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ItemRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// How sure the analyst is of a note's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

pub use crate::clock::Level;

/// A note as the review shows it: its event (read through it: `id`, `at`)
/// and the text in effect. A long log holds a great many notes, so nothing
/// of the event is copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteView {
    event: Event,
    /// Shared with the note's event (or its correction's).
    pub text: NoteText,
    /// The note was corrected later: edited (the text is the new one) or
    /// withdrawn.
    pub corrected: Option<Correction>,
}

impl std::ops::Deref for NoteView {
    type Target = EventData;
    fn deref(&self) -> &EventData {
        &self.event
    }
}

/// What became of a corrected note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correction {
    Edited,
    Withdrawn,
}

impl Correction {
    pub fn word(self) -> &'static str {
        match self {
            Correction::Edited => "edited",
            Correction::Withdrawn => "withdrawn",
        }
    }
}

impl NoteView {
    pub fn withdrawn(&self) -> bool {
        self.corrected == Some(Correction::Withdrawn)
    }

    fn note(&self) -> (ItemRef, Option<Name>, Option<Confidence>, Option<Name>) {
        match &self.event.kind {
            EventKind::Note {
                item,
                source,
                confidence,
                author,
                ..
            } => (*item, *source, *confidence, *author),
            // Only notes are made into views.
            _ => (ItemRef::Washington, None, None, None),
        }
    }

    pub fn item(&self) -> ItemRef {
        self.note().0
    }

    pub fn source(&self) -> Option<Name> {
        self.note().1
    }

    pub fn confidence(&self) -> Option<Confidence> {
        self.note().2
    }

    /// Who wrote it: the note's author, else the analyst of its desk.
    pub fn author(&self) -> Option<Name> {
        self.note().3.or(self.event.analyst)
    }
}

/// The current review: the fold of the log.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Review {
    pub window_start: Option<DateTime<Utc>>,
    pub status: Vec<Status>,
    /// When each indicator's status last changed.
    pub status_at: Vec<Option<DateTime<Utc>>>,
    pub reviewed: HashMap<ItemRef, bool>,
    pub notes: Vec<NoteView>,
    /// How many of `notes` are on each item (the lists show the count on
    /// every row of every frame).
    pub note_count: HashMap<ItemRef, usize>,
    pub alerts: HashSet<(ItemRef, Level)>,
    /// The earliest wall time each alert was recorded at (a desk whose
    /// clock ran ahead records its crossings early: see `Watch::alerts_due`).
    pub alert_at: HashMap<(ItemRef, Level), DateTime<Utc>>,
    /// The last time the analyst changed anything (status, mark or note).
    pub last_touched: Option<DateTime<Utc>>,
    /// Ids of events that are undone, as of the end of the log.
    pub undone: HashSet<String>,
    /// Alerts not yet acknowledged: the highest level raised on each item.
    pub unacked: BTreeMap<ItemRef, Level>,
    /// The brief arrived and nobody has acknowledged it yet.
    pub arrival_unacked: bool,
    /// When the brief came onto the desk, if the log says.
    pub arrived: Option<DateTime<Utc>>,
    /// Set while the watch is closed.
    pub closed: Option<Closure>,
}

impl Review {
    pub fn status_of(&self, indicator: usize) -> Status {
        self.status.get(indicator).copied().unwrap_or_default()
    }

    pub fn is_reviewed(&self, item: ItemRef) -> bool {
        self.reviewed.get(&item).copied().unwrap_or(false)
    }

    pub fn notes_on(&self, item: ItemRef) -> impl Iterator<Item = &NoteView> {
        self.notes.iter().filter(move |n| n.item() == item)
    }

    /// How many notes are on `item`.
    pub fn notes_count(&self, item: ItemRef) -> usize {
        self.note_count.get(&item).copied().unwrap_or(0)
    }
}

/// Fold a log (in (stamp, desk, id) order) into the review of a brief with
/// `indicators` indicators. Events about items the brief does not have are
/// kept in the log but ignored here.
pub fn fold(events: &[Event], indicators: usize) -> Review {
    let mut review = Review {
        status: vec![Status::Watching; indicators],
        status_at: vec![None; indicators],
        ..Review::default()
    };
    review.undone = undone(events);
    let mut auto_start: Option<DateTime<Utc>> = None;
    let mut explicit_start: Option<DateTime<Utc>> = None;
    for e in events {
        if review.undone.contains(e.id.as_str()) {
            continue;
        }
        match &e.kind {
            EventKind::WindowSet { start, explicit } => {
                if *explicit {
                    explicit_start = Some(*start);
                } else if auto_start.is_none_or(|s| *start < s) {
                    auto_start = Some(*start);
                }
            }
            _ => apply_counted(&mut review, e),
        }
    }
    review.window_start = explicit_start.or(auto_start);
    review.notes.shrink_to_fit();
    review
}

/// The events of a log (in order) that are undone at its end: whether an
/// event counts depends on the last word said about it.
pub fn undone(events: &[Event]) -> HashSet<String> {
    let mut undone = HashSet::new();
    for e in events {
        match &e.kind {
            EventKind::Undo { of } => {
                undone.insert(of.clone());
            }
            EventKind::Redo { of } => {
                undone.remove(of);
            }
            _ => {}
        }
    }
    undone
}

/// Bring `review`, the fold of a log, up to date with `event` appended to
/// that log, when that can be done without the log: `event` must come after
/// every event already folded, in (stamp, desk, id) order. Returns false, leaving
/// `review` as it was, for the events whose effect depends on the rest of
/// the log (undo, redo, the window's start); fold the whole log then.
pub fn apply_newest(review: &mut Review, event: &Event) -> bool {
    match event.kind {
        EventKind::Undo { .. } | EventKind::Redo { .. } | EventKind::WindowSet { .. } => false,
        _ => {
            // An undo earlier in the log may already name this event.
            if !review.undone.contains(event.id.as_str()) {
                apply_counted(review, event);
            }
            true
        }
    }
}

/// What one event that counts (is not undone) does to the review, in log
/// order. The window's start is the caller's: it needs the whole log.
fn apply_counted(review: &mut Review, e: &Event) {
    match &e.kind {
        EventKind::WindowSet { .. } => {}
        EventKind::Status {
            item: ItemRef::Indicator(i),
            to,
            ..
        } => {
            if let Some(s) = review.status.get_mut(*i) {
                *s = *to;
                review.status_at[*i] = Some(e.at);
            }
            review.last_touched = Some(e.at);
        }
        EventKind::Status { .. } => {}
        EventKind::Reviewed { item, reviewed } => {
            review.reviewed.insert(*item, *reviewed);
            review.last_touched = Some(e.at);
        }
        EventKind::Note { item, text, .. } => {
            *review.note_count.entry(*item).or_default() += 1;
            review.notes.push(NoteView {
                event: e.clone(),
                text: text.clone(),
                corrected: None,
            });
            review.last_touched = Some(e.at);
        }
        EventKind::NoteCorrected { of, text, .. } => {
            if let Some(n) = review.notes.iter_mut().find(|n| n.id == **of)
                && !n.withdrawn()
            {
                match text {
                    Some(t) => {
                        n.text = t.clone();
                        n.corrected = Some(Correction::Edited);
                    }
                    None => {
                        n.corrected = Some(Correction::Withdrawn);
                        if let Some(c) = review.note_count.get_mut(&n.item()) {
                            *c = c.saturating_sub(1);
                        }
                    }
                }
                review.last_touched = Some(e.at);
            }
        }
        EventKind::Undo { .. }
        | EventKind::Redo { .. }
        | EventKind::Handover { .. }
        | EventKind::Accept { .. } => {
            review.last_touched = Some(e.at);
        }
        EventKind::Alert { item, level } => {
            review.alerts.insert((*item, *level));
            review
                .alert_at
                .entry((*item, *level))
                .and_modify(|t| *t = (*t).min(e.at))
                .or_insert(e.at);
            let held = review.unacked.entry(*item).or_insert(*level);
            *held = (*held).max(*level);
        }
        EventKind::Arrived { .. } => {
            review.arrived.get_or_insert(e.at);
            review.arrival_unacked = true;
        }
        EventKind::Acknowledged { item } => {
            match item {
                Some(item) => {
                    review.unacked.remove(item);
                }
                None => review.unacked.clear(),
            }
            review.arrival_unacked = false;
        }
        EventKind::Closed {
            disposition,
            reason,
        } => {
            review.closed = Some(Closure {
                disposition: *disposition,
                reason: reason.clone(),
                at: e.at,
                analyst: e.analyst.map(String::from),
            });
            review.last_touched = Some(e.at);
        }
        EventKind::Reopened => {
            review.closed = None;
            review.last_touched = Some(e.at);
        }
        // The watch reads the brief again; the review only notes the touch.
        EventKind::Correction { .. } => review.last_touched = Some(e.at),
    }
}

/// The item an event is about, if any.
pub fn item_of(kind: &EventKind) -> Option<ItemRef> {
    match kind {
        EventKind::Status { item, .. }
        | EventKind::Reviewed { item, .. }
        | EventKind::Note { item, .. }
        | EventKind::NoteCorrected { item, .. }
        | EventKind::Alert { item, .. } => Some(*item),
        EventKind::Acknowledged { item } => *item,
        EventKind::WindowSet { .. }
        | EventKind::Undo { .. }
        | EventKind::Redo { .. }
        | EventKind::Arrived { .. }
        | EventKind::Closed { .. }
        | EventKind::Reopened
        | EventKind::Handover { .. }
        | EventKind::Accept { .. }
        | EventKind::Correction { .. } => None,
    }
}

/// The item an event concerns, following undo and redo to their target.
pub fn subject(event: &Event, log: &[Event]) -> Option<ItemRef> {
    match &event.kind {
        EventKind::Undo { of } | EventKind::Redo { of } => log
            .iter()
            .find(|e| &e.id == of)
            .and_then(|e| item_of(&e.kind)),
        other => item_of(other),
    }
}

/// Whether more than one desk recorded in `log` (a team's watch: the
/// change log and the reports then say who did what).
pub fn several_desks(log: &[Event]) -> bool {
    let mut desks = log
        .iter()
        .map(|e| e.desk.as_str())
        .filter(|d| *d != LEGACY_DESK);
    match desks.next() {
        Some(first) => desks.any(|d| d != first),
        None => false,
    }
}

/// Who recorded `event`: the analyst, else the desk (its id's first six
/// characters); none for events older than desks. Control characters are
/// never let through.
pub fn who(event: &Event) -> Option<String> {
    let raw = match &event.analyst {
        Some(a) if !a.trim().is_empty() => a.trim().to_string(),
        _ if event.desk == LEGACY_DESK || event.desk.is_empty() => return None,
        _ => format!("desk {}", event.desk.chars().take(6).collect::<String>()),
    };
    Some(raw.chars().filter(|c| !c.is_control()).collect())
}

/// Whether `desk` may undo or redo `event`: its own, and the events of a
/// version-1 file, which named no desk.
fn owned_by(event: &Event, desk: &str) -> bool {
    event.desk == desk || event.desk == LEGACY_DESK
}

/// The event that `u` would undo at `desk`: the desk's newest review action
/// still in effect (never a colleague's).
pub fn undo_target<'a>(log: &'a [Event], review: &Review, desk: &str) -> Option<&'a Event> {
    log.iter().rev().find(|e| {
        e.kind.is_undoable() && owned_by(e, desk) && !review.undone.contains(e.id.as_str())
    })
}

/// The event that Ctrl-r would redo at `desk`: the newest action the desk
/// undid, as long as the desk has taken no new action since.
pub fn redo_target<'a>(log: &'a [Event], review: &Review, desk: &str) -> Option<&'a Event> {
    for e in log.iter().rev().filter(|e| owned_by(e, desk)) {
        match &e.kind {
            k if k.is_undoable() && !review.undone.contains(e.id.as_str()) => return None,
            EventKind::Undo { of } if review.undone.contains(of) => {
                return log.iter().find(|t| &t.id == of);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_labels_round_trip() {
        for item in [
            ItemRef::Theme(0),
            ItemRef::Washington,
            ItemRef::WashingtonNote(3),
            ItemRef::Indicator(11),
        ] {
            assert_eq!(item.to_string().parse::<ItemRef>(), Ok(item));
        }
        assert!("I0".parse::<ItemRef>().is_err());
        assert!("X1".parse::<ItemRef>().is_err());
        assert!("".parse::<ItemRef>().is_err());
    }
}
