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
//! Fields this version does not know are kept in [`Event::extra`] and
//! written back, so a newer desk's additions survive an older desk's save.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::de::{DeserializeSeed, Error as _, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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
        seen: Option<Vec<String>>,
    },
    /// A theme or Washington note marked reviewed, or unmarked.
    Reviewed { item: ItemRef, reviewed: bool },
    /// A note on an item.
    Note {
        item: ItemRef,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        source: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidence: Option<Confidence>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        author: Option<String>,
    },
    /// An earlier note corrected: its text replaced (`text`), or the note
    /// withdrawn (no `text`). The note itself stays in the log.
    NoteCorrected {
        of: String,
        item: ItemRef,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
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
        to: String,
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

/// One entry of the review log. Written by the derived serializer; read by
/// [`EventVisitor`], which takes the common fields into their types and
/// hands the rest of the record, as it streams past, to the derived reader
/// of [`EventKind`] (nothing flattened, so no record is buffered whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub id: String,
    /// Wall time, for people: never used to order the log.
    #[serde(serialize_with = "time_str")]
    pub at: DateTime<Utc>,
    /// The desk that wrote the event.
    pub desk: String,
    /// The Lamport stamp: one more than the highest the desk had seen.
    pub stamp: u64,
    /// The analyst at that desk (the config's initials), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyst: Option<String>,
    #[serde(flatten)]
    pub kind: EventKind,
    /// Fields of the record this version does not know, written back as
    /// they were.
    #[serde(flatten, skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

/// A time as chrono writes it, formatted once instead of through
/// `collect_str` (which escapes every fragment the formatter writes).
fn time_str<S: serde::Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

std::thread_local! {
    /// For each event type, the fields found to be that kind's own: a kind
    /// wrote them back when encoded. Learnt as events are read.
    static KNOWN: std::cell::RefCell<std::collections::HashMap<String, HashSet<String>>> =
        Default::default();
}

fn is_known(tag: &str, key: &str) -> bool {
    KNOWN.with(|k| k.borrow().get(tag).is_some_and(|s| s.contains(key)))
}

/// The common fields of a record, as they are read.
#[derive(Default)]
struct Common {
    id: Option<String>,
    at: Option<DateTime<Utc>>,
    desk: Option<String>,
    stamp: Option<u64>,
    analyst: Option<Option<String>>,
}

impl Common {
    /// Read the value of `key` if it is a common field; false if it is not.
    fn take<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        fn once<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
            slot: &mut Option<T>,
            key: &'static str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            if slot.is_some() {
                return Err(A::Error::duplicate_field(key));
            }
            *slot = Some(map.next_value()?);
            Ok(true)
        }
        match key {
            "id" => once(&mut self.id, "id", map),
            "at" => once(&mut self.at, "at", map),
            "desk" => once(&mut self.desk, "desk", map),
            "stamp" => once(&mut self.stamp, "stamp", map),
            "analyst" => once(&mut self.analyst, "analyst", map),
            _ => Ok(false),
        }
    }
}

/// The rest of a record after its `type`, as the kind's reader sees it: the
/// tag, the fields met before it, then the record's remaining fields as they
/// stream past. Common fields on the way are taken into `common`; the value
/// of a field not known to be the kind's is also kept in `kept`.
struct Rest<'a, A> {
    map: &'a mut A,
    tag: String,
    tag_given: bool,
    early: std::vec::IntoIter<(String, Value)>,
    common: &'a mut Common,
    kept: &'a mut Vec<(String, Value)>,
    /// The value of the key just given: from `early`, or to be kept.
    value: Option<Value>,
    keep_next: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        use serde::de::IntoDeserializer;
        if !self.tag_given {
            self.tag_given = true;
            self.value = Some(Value::String(self.tag.clone()));
            return seed.deserialize("type".into_deserializer()).map(Some);
        }
        if let Some((key, value)) = self.early.next() {
            self.kept.push((key.clone(), value.clone()));
            self.value = Some(value);
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        while let Some(key) = self.map.next_key::<String>()? {
            if self.common.take(&key, self.map)? {
                continue;
            }
            if !is_known(&self.tag, &key) {
                self.keep_next = Some(key.clone());
            }
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        if let Some(value) = self.value.take() {
            return seed.deserialize(value).map_err(A::Error::custom);
        }
        if let Some(key) = self.keep_next.take() {
            let value: Value = self.map.next_value()?;
            self.kept.push((key, value.clone()));
            return seed.deserialize(value).map_err(A::Error::custom);
        }
        self.map.next_value_seed(seed)
    }
}

struct EventVisitor;

impl<'de> Visitor<'de> for EventVisitor {
    type Value = Event;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Event, A::Error> {
        let mut common = Common::default();
        let mut early = Vec::new();
        let mut kept = Vec::new();
        let mut kind = None;
        while let Some(key) = map.next_key::<String>()? {
            if common.take(&key, &mut map)? {
                continue;
            }
            if key != "type" {
                early.push((key, map.next_value::<Value>()?));
                continue;
            }
            let tag: String = map.next_value()?;
            let rest = Rest {
                map: &mut map,
                tag: tag.clone(),
                tag_given: false,
                early: std::mem::take(&mut early).into_iter(),
                common: &mut common,
                kept: &mut kept,
                value: None,
                keep_next: None,
            };
            kind = Some((
                tag,
                EventKind::deserialize(serde::de::value::MapAccessDeserializer::new(rest))?,
            ));
            break;
        }
        let (tag, kind) = kind.ok_or_else(|| A::Error::missing_field("type"))?;
        let mut extra = Map::new();
        if !kept.is_empty() {
            // What the kind reads is what it writes: the fields it writes
            // back are its own (and learnt as such); the rest are unknown to
            // this version, and kept.
            let written = match serde_json::to_value(&kind) {
                Ok(Value::Object(m)) => m,
                _ => Map::new(),
            };
            for (key, value) in kept {
                if written.contains_key(&key) {
                    KNOWN.with(|k| {
                        k.borrow_mut().entry(tag.clone()).or_default().insert(key);
                    });
                } else {
                    extra.insert(key, value);
                }
            }
        }
        Ok(Event {
            id: common.id.ok_or_else(|| A::Error::missing_field("id"))?,
            at: common.at.ok_or_else(|| A::Error::missing_field("at"))?,
            desk: common.desk.ok_or_else(|| A::Error::missing_field("desk"))?,
            stamp: common
                .stamp
                .ok_or_else(|| A::Error::missing_field("stamp"))?,
            analyst: common.analyst.flatten(),
            kind,
            extra,
        })
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(EventVisitor)
    }
}

impl Event {
    /// The log's order: (stamp, desk, id).
    pub fn order_key(&self) -> (u64, &str, &str) {
        (self.stamp, &self.desk, &self.id)
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
        Event {
            id: self.next_id(at),
            at,
            desk: self.id.clone(),
            stamp,
            analyst: self.analyst.clone(),
            kind,
            extra: Map::new(),
        }
    }
}

/// Sort a log into (stamp, desk, id) order and drop repeated copies of an
/// event; an id repeated with different content keeps every copy (see
/// [`super::dupes`]).
pub fn normalise_log(events: &mut Vec<Event>) {
    // Logs are kept in order: check before sorting and cloning every id.
    if events
        .windows(2)
        .all(|w| w[0].order_key() < w[1].order_key())
    {
        let mut seen = HashSet::with_capacity(events.len());
        if events.iter().all(|e| seen.insert(e.id.as_str())) {
            return;
        }
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
    let sorted = |l: &[Event]| l.windows(2).all(|w| w[0].order_key() < w[1].order_key());
    if sorted(ours) && sorted(theirs) {
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        let (mut i, mut j) = (0, 0);
        while i < ours.len() && j < theirs.len() {
            match ours[i].order_key().cmp(&theirs[j].order_key()) {
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
        let mut seen = HashSet::with_capacity(out.len());
        if out.iter().all(|e| seen.insert(e.id.as_str())) {
            return out;
        }
    }
    super::dupes::union_by_id(theirs.iter().chain(ours))
}
