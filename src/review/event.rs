//! The events of a review log, their order, and how they are written.
//!
//! # Order: a Lamport clock
//!
//! Every event carries the desk that wrote it and a logical `stamp`. A desk
//! stamps a new event with one more than the highest stamp it has seen, in
//! its own log or in anything it merged from another desk. So a change made
//! after seeing another always has the higher stamp and sorts after it,
//! whatever the machines' wall clocks say. The log is ordered by
//! (stamp, desk, id): two changes made without seeing each other may share a
//! stamp, and the desk and then the id settle their order the same way on
//! every machine. The wall time `at` is kept for people and never orders
//! anything. A Lamport counter rather than a hybrid logical clock: the desk
//! never needs to read a time out of a stamp, and a counter cannot run away
//! with a machine whose clock is wrong.
//!
//! # Records
//!
//! An event is one flat JSON object, read and written through serde alone:
//! `{"id":…,"at":…,"desk":…,"stamp":…,"analyst":…,"type":"status",…}`.
//! Fields this version does not know are kept in [`EventData::extra`] and
//! written back, so a newer desk's additions survive an older desk's save.

use std::collections::HashMap;

// No weak count: an event is 8 bytes smaller, and a million events fit the
// allocator's next smaller size.
use triomphe::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

pub use super::text::{EventId, Name, NoteText};
use super::{Confidence, Disposition, ItemRef, Level, Status};
use crate::brief::Correction;

/// The desk of events from a version-1 state file, which did not record
/// one. Any desk may undo them: they were made before desks had names.
pub const LEGACY_DESK: &str = "legacy";

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The watch window was set: automatically when the brief was first
    /// opened (`explicit: false`), or by the analyst (`--issued`).
    WindowSet {
        start: DateTime<Utc>,
        #[serde(default)]
        explicit: bool,
    },
    /// An indicator's status changed.
    Status {
        item: ItemRef,
        from: Status,
        to: Status,
        /// The assessments of this indicator the author had seen when
        /// recording this one (their event ids: the heads of the
        /// indicator's history, see [`super::dispute`]). `None` in events
        /// written before desks recorded it: those are taken to have seen
        /// every earlier assessment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seen: Option<Vec<EventId>>,
    },
    /// A theme or Washington note marked reviewed, or unmarked.
    Reviewed { item: ItemRef, reviewed: bool },
    /// A note on an item.
    Note {
        item: ItemRef,
        /// Shared with the review's view of the note.
        text: NoteText,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<Name>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidence: Option<Confidence>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        author: Option<Name>,
    },
    /// An earlier note corrected: its text replaced (`text`), or the note
    /// withdrawn (no `text`). The note itself stays in the log.
    NoteCorrected {
        of: Box<str>,
        item: ItemRef,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<NoteText>,
    },
    /// The analyst undid an earlier event.
    Undo { of: String },
    /// The analyst redid an event they had undone.
    Redo { of: String },
    /// An urgency alert was raised for an indicator (so it is raised once).
    Alert { item: ItemRef, level: Level },
    /// The brief came onto the desk (`add`, the inbox, `--brief`): a new
    /// brief rings once and stays marked until acknowledged.
    Arrived {
        /// How it came: `add`, `inbox`, `brief` or `default`.
        via: String,
    },
    /// The alerts on `item` (with none: every alert of the watch) were seen.
    /// Acknowledging anything also acknowledges the brief's arrival.
    Acknowledged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<ItemRef>,
    },
    /// The watch was closed: it leaves the board.
    Closed {
        disposition: Disposition,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// A closed watch was opened again.
    Reopened,
    /// The analyst signed the watch over to `to` at the end of a shift,
    /// with the handover report written to `report` (a path on the
    /// author's machine, for people).
    Handover {
        to: Name,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        report: Option<String>,
    },
    /// The incoming analyst accepted the handover `of` (an event id).
    Accept { of: String },
    /// The analyst corrected the brief's reading (the file is never edited:
    /// the watch reads its text again with every correction in effect, in
    /// log order).
    Correction { correction: Correction },
}

impl EventKind {
    /// Events the analyst can undo: the review actions.
    pub fn is_undoable(&self) -> bool {
        matches!(
            self,
            EventKind::Status { .. }
                | EventKind::Reviewed { .. }
                | EventKind::Note { .. }
                | EventKind::NoteCorrected { .. }
                | EventKind::Closed { .. }
                | EventKind::Reopened
                | EventKind::Correction { .. }
        )
    }
}

/// One entry of the review log: a shared handle on its [`EventData`], so a
/// log is copied (into a save, the store's cache, a merge) for the price of
/// a pointer an event. Read it as an `EventData` (`event.id`, `event.kind`);
/// a change through `&mut` copies the record first if it is shared.
#[derive(Clone)]
pub struct Event(Arc<EventData>);

/// The record of an event. Written by the derived serializer; read by
/// [`super::decode`], one pass over the record's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventData {
    pub id: EventId,
    /// Wall time, for people: never used to order the log.
    #[serde(serialize_with = "time_str")]
    pub at: DateTime<Utc>,
    /// The desk that wrote the event.
    pub desk: Name,
    /// The Lamport stamp: one more than the highest the desk had seen.
    pub stamp: u64,
    /// The analyst at that desk (the config's initials), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyst: Option<Name>,
    #[serde(flatten)]
    pub kind: EventKind,
    /// Fields of the record this version does not know, written back as
    /// they were.
    #[serde(flatten, skip_serializing_if = "Extra::is_empty")]
    pub extra: Extra,
}

impl From<EventData> for Event {
    fn from(data: EventData) -> Event {
        Event(Arc::new(data))
    }
}

impl std::ops::Deref for Event {
    type Target = EventData;
    fn deref(&self) -> &EventData {
        &self.0
    }
}

impl std::ops::DerefMut for Event {
    fn deref_mut(&mut self) -> &mut EventData {
        Arc::make_mut(&mut self.0)
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Event) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}
impl Eq for Event {}

impl std::fmt::Debug for Event {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Event {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        super::decode::event(d).map(Event::from)
    }
}

/// The unknown fields of a record: nothing allocated while there are none
/// (nearly always).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Extra(Option<Box<Map<String, Value>>>);

static NO_FIELDS: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

impl Extra {
    pub fn is_empty(&self) -> bool {
        self.0.as_ref().is_none_or(|m| m.is_empty())
    }
}

impl From<Map<String, Value>> for Extra {
    fn from(m: Map<String, Value>) -> Extra {
        Extra((!m.is_empty()).then(|| Box::new(m)))
    }
}

impl std::ops::Deref for Extra {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        self.0.as_deref().unwrap_or(&NO_FIELDS)
    }
}

impl std::ops::DerefMut for Extra {
    fn deref_mut(&mut self) -> &mut Map<String, Value> {
        self.0.get_or_insert_with(Default::default)
    }
}

impl std::fmt::Debug for Extra {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl Serialize for Extra {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

/// A time as chrono writes it, formatted once instead of through
/// `collect_str` (which escapes every fragment the formatter writes).
fn time_str<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

impl Event {
    /// The log's order: by stamp, then desk, then id. (Two events of one
    /// desk share its interned name, which compares without reading it.)
    pub fn order(&self, other: &Event) -> std::cmp::Ordering {
        self.stamp
            .cmp(&other.stamp)
            .then_with(|| self.desk.cmp(&other.desk))
            .then_with(|| self.id.cmp(&other.id))
    }
}

/// Who records: a desk and its analyst. Makes event ids unique across
/// desks (the time, a random number for this run of the program and a
/// sequence number) and stamps events with the Lamport clock.
#[derive(Debug, Clone)]
pub struct Desk {
    /// The desk's id, written in every event.
    pub id: String,
    /// The analyst's initials, written in every event.
    pub analyst: Option<String>,
    session: u64,
    seq: u64,
    /// The highest stamp this desk has given.
    clock: u64,
}

impl Desk {
    /// A desk named `id`; `session` tells apart the runs of the program
    /// (random in the program, fixed in tests).
    pub fn new(id: impl Into<String>, analyst: Option<String>, session: u64) -> Self {
        Desk {
            id: id.into(),
            analyst,
            session,
            seq: 0,
            clock: 0,
        }
    }

    /// A random number, from the standard library's randomly keyed hasher.
    pub fn random() -> u64 {
        use std::hash::{BuildHasher, Hasher};
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        h.write_u32(std::process::id());
        h.finish()
    }

    /// A new desk id: 16 random hex digits.
    pub fn random_id() -> String {
        format!("{:016x}", Desk::random())
    }

    fn next_id(&mut self, at: DateTime<Utc>) -> String {
        self.seq += 1;
        format!(
            "{:012x}-{:08x}-{:04x}",
            at.timestamp_millis().max(0),
            self.session & 0xffff_ffff,
            self.seq
        )
    }

    /// A new event at wall time `at`, after every event of `log` (which is
    /// in order) and every event this desk made: its stamp is one more than
    /// the highest of those.
    pub fn event(&mut self, log: &[Event], at: DateTime<Utc>, kind: EventKind) -> Event {
        let stamp = log.last().map_or(0, |e| e.stamp).max(self.clock) + 1;
        self.event_at(stamp, at, kind)
    }

    /// A new event after every event this desk made (tests build logs with
    /// it).
    pub fn next(&mut self, at: DateTime<Utc>, kind: EventKind) -> Event {
        self.event(&[], at, kind)
    }

    /// A new event with a given stamp (tests build logs with it).
    pub fn event_at(&mut self, stamp: u64, at: DateTime<Utc>, kind: EventKind) -> Event {
        self.clock = self.clock.max(stamp);
        Event::from(EventData {
            id: self.next_id(at).into(),
            at,
            desk: Name::new(&self.id),
            stamp,
            analyst: self.analyst.as_deref().map(Name::new),
            kind,
            extra: Extra::default(),
        })
    }
}

/// A hash of an event id (see [`crate::text::quick_hash`]).
pub(super) fn id_hash(id: &str) -> u64 {
    crate::text::quick_hash(id.as_bytes())
}

/// True when no two events share an id; false may also mean two ids share a
/// hash (the caller then takes the careful way).
fn ids_surely_unique(events: &[Event]) -> bool {
    let mut hashes: Vec<u64> = events.iter().map(|e| id_hash(&e.id)).collect();
    hashes.sort_unstable();
    hashes.windows(2).all(|w| w[0] != w[1])
}

/// Sort events into the log's order, [`Event::order`]; equal events keep
/// their places.
pub fn sort_events(events: &mut Vec<Event>) {
    if events.len() < 64 {
        events.sort_by(|a, b| a.order(b));
        return;
    }
    let keys: Vec<(u64, Name)> = events.iter().map(|e| (e.stamp, e.desk)).collect();
    sort_events_by(events, &keys);
}

/// [`sort_events`] given each event's stamp and desk, taken while the
/// events were at hand (a desk's first look at a share sorts a hundred
/// thousand of them): the sort itself then stays in the cache, reading an
/// event only to order two of one desk with one stamp.
pub fn sort_events_by(events: &mut Vec<Event>, keys: &[(u64, Name)]) {
    let Ok(count) = u32::try_from(events.len()) else {
        events.sort_by(|a, b| a.order(b));
        return;
    };
    if keys.len() != events.len() {
        events.sort_by(|a, b| a.order(b));
        return;
    }
    // Each desk by its place among the desks' names.
    let mut desks: HashMap<Name, u32> = HashMap::new();
    let mut last: Option<(Name, u32)> = None;
    let mut sorted: Vec<(u64, u32, u32)> = Vec::with_capacity(keys.len());
    for (k, &(stamp, desk)) in (0..count).zip(keys) {
        let d = match last {
            Some((name, d)) if name == desk => d,
            _ => {
                let next = desks.len() as u32;
                let d = *desks.entry(desk).or_insert(next);
                last = Some((desk, d));
                d
            }
        };
        sorted.push((stamp, d, k));
    }
    let mut names: Vec<(Name, u32)> = desks.into_iter().collect();
    names.sort_unstable();
    let mut rank = vec![0; names.len()];
    for (r, (_, d)) in (0..).zip(&names) {
        rank[*d as usize] = r;
    }
    for key in &mut sorted {
        key.1 = rank[key.1 as usize];
    }
    // Stable (it finds the runs each desk's events come in); the place
    // breaks ties, so equal events keep their order.
    sorted.sort();
    // Events of one desk with one stamp, by id.
    let mut start = 0;
    while start < sorted.len() {
        let (stamp, desk, _) = sorted[start];
        let end = start
            + sorted[start..]
                .iter()
                .take_while(|k| k.0 == stamp && k.1 == desk)
                .count();
        if end - start > 1 {
            sorted[start..end].sort_by(|a, b| {
                events[a.2 as usize]
                    .id
                    .cmp(&events[b.2 as usize].id)
                    .then(a.2.cmp(&b.2))
            });
        }
        start = end;
    }
    let mut slots: Vec<Option<Event>> = std::mem::take(events).into_iter().map(Some).collect();
    events.extend(sorted.iter().filter_map(|k| slots[k.2 as usize].take()));
}

/// Sort a log into (stamp, desk, id) order and drop repeated copies of an
/// event; an id repeated with different content keeps every copy (see
/// [`super::dupes`]).
pub fn normalise_log(events: &mut Vec<Event>) {
    // Logs are kept in order: check before sorting and cloning every id.
    if events.windows(2).all(|w| w[0].order(&w[1]).is_lt()) && ids_surely_unique(events) {
        return;
    }
    *events = super::dupes::union_by_id(events.iter());
}

/// The union of two logs by event id, in (stamp, desk, id) order. Nothing in
/// either is lost: an id carried by two different records keeps both (see
/// [`super::dupes`]).
pub fn merge(ours: &[Event], theirs: &[Event]) -> Vec<Event> {
    // Both logs are normalised, so a linear merge of the two sorted runs
    // does it; an id repeated with a different stamp (a hand-edited file)
    // (or with different content) falls back to the union by id below.
    let sorted = |l: &[Event]| l.windows(2).all(|w| w[0].order(&w[1]).is_lt());
    if sorted(ours) && sorted(theirs) {
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        let (mut i, mut j) = (0, 0);
        while i < ours.len() && j < theirs.len() {
            match ours[i].order(&theirs[j]) {
                std::cmp::Ordering::Less => {
                    out.push(ours[i].clone());
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(theirs[j].clone());
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    if ours[i] != theirs[j] {
                        // Same id, different content: both, sorted out below.
                        out.push(ours[i].clone());
                    }
                    out.push(theirs[j].clone());
                    i += 1;
                    j += 1;
                }
            }
        }
        out.extend_from_slice(&ours[i..]);
        out.extend_from_slice(&theirs[j..]);
        if ids_surely_unique(&out) {
            return out;
        }
    }
    super::dupes::union_by_id(theirs.iter().chain(ours))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn event(id: String, stamp: u64, desk: &str) -> Event {
        Event::from(EventData {
            id: id.into(),
            at: DateTime::UNIX_EPOCH,
            desk: desk.into(),
            stamp,
            analyst: None,
            kind: EventKind::Reopened,
            extra: Default::default(),
        })
    }

    proptest! {
        /// Sorting by keys gives the order a plain stable sort gives: ties
        /// of stamp and desk by id, equal events in their first order.
        #[test]
        fn keyed_sort_is_the_plain_sort(
            spec in proptest::collection::vec((0u64..6, 0usize..4, 0u8..20, any::<u8>()), 0..300)
        ) {
            let desks = ["b", "a", "cc", "c"];
            let events: Vec<Event> = spec
                .iter()
                .map(|&(stamp, d, id, tag)| {
                    let mut e = event(format!("e{id}"), stamp, desks[d]);
                    e.extra.insert("tag".into(), tag.into());
                    e
                })
                .collect();
            let mut plain = events.clone();
            plain.sort_by(|a, b| a.order(b));
            let mut keyed = events.clone();
            sort_events(&mut keyed);
            let same = plain.iter().zip(&keyed).all(|(a, b)| Arc::ptr_eq(&a.0, &b.0));
            prop_assert!(same && plain.len() == keyed.len());
        }
    }
}
