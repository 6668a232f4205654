//! The state file's records, read and written through serde alone (one
//! definition of each), its versions and their migration.
//!
//! Version 2 (this one): every event has `desk` and `stamp` (see
//! [`crate::review::Event`]). Version 1 had neither: its events are given
//! stamps in the order version 1 folded them (wall time, then id) and the
//! desk `legacy`. A file without a version is version 1's layout.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::StoreError;
use crate::review::{self, Event, LEGACY_DESK};

/// The state file format this program writes.
pub const CURRENT_VERSION: u32 = 2;

/// One brief's entry in the state file. Read by [`keyed`] rather than a
/// derived reader: a derived one with a flattened `extra` buffers the whole
/// entry, events and all, before reading any of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BriefState {
    pub title: String,
    pub events: Vec<Event>,
    /// Fields this version does not know, written back as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The whole state file: one entry per brief id (read like [`BriefState`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateFile {
    pub version: u32,
    pub briefs: BTreeMap<String, BriefState>,
    /// Fields this version does not know, written back as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Default for StateFile {
    fn default() -> Self {
        StateFile {
            version: CURRENT_VERSION,
            briefs: BTreeMap::new(),
            extra: Map::new(),
        }
    }
}

// The readers of the two records: each known field straight into its type,
// any other kept as a value (a derived reader with a flattened `extra`
// buffers the whole record, the 10,000 events of a brief included, before
// reading any of it). The struct literals name every field, so a field
// added to a record does not compile until it is read here too.

impl<'de> Deserialize<'de> for BriefState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = BriefState;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a brief's entry")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<BriefState, A::Error> {
                let (mut title, mut events, mut extra) = (None, None, Map::new());
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "title" if title.is_none() => title = Some(map.next_value()?),
                        "events" if events.is_none() => events = Some(map.next_value()?),
                        _ => {
                            extra.insert(key, map.next_value()?);
                        }
                    }
                }
                Ok(BriefState {
                    title: title.unwrap_or_default(),
                    events: events.unwrap_or_default(),
                    extra,
                })
            }
        }
        d.deserialize_map(V)
    }
}

impl<'de> Deserialize<'de> for StateFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = StateFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a state file")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<StateFile, A::Error> {
                let (mut version, mut briefs, mut extra) = (None, None, Map::new());
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "version" if version.is_none() => version = Some(map.next_value()?),
                        "briefs" if briefs.is_none() => briefs = Some(map.next_value()?),
                        _ => {
                            extra.insert(key, map.next_value()?);
                        }
                    }
                }
                Ok(StateFile {
                    version: version.ok_or_else(|| serde::de::Error::missing_field("version"))?,
                    briefs: briefs.unwrap_or_default(),
                    extra,
                })
            }
        }
        d.deserialize_map(V)
    }
}

/// Bring an older file up to the current layout, one version at a time.
fn migrate(mut value: Value, from: u32) -> Result<Value, String> {
    let mut version = from;
    while version < CURRENT_VERSION {
        match version {
            // A file without a version (or version 0) is version 1's layout.
            0 => version = 1,
            1 => {
                v1_to_v2(&mut value)?;
                version = 2;
            }
            v => return Err(format!("no migration from state version {v}")),
        }
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("version".into(), CURRENT_VERSION.into());
    }
    Ok(value)
}

/// Version 1 ordered each brief's events by (wall time, id) and named no
/// desk: stamp them 1, 2, 3... in that order, from the desk `legacy`.
fn v1_to_v2(value: &mut Value) -> Result<(), String> {
    let Some(briefs) = value.get_mut("briefs").and_then(Value::as_object_mut) else {
        return Ok(());
    };
    for (id, brief) in briefs.iter_mut() {
        let Some(events) = brief.get_mut("events").and_then(Value::as_array_mut) else {
            continue;
        };
        let mut keyed = Vec::with_capacity(events.len());
        for (n, e) in events.drain(..).enumerate() {
            let at = e
                .get("at")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<chrono::DateTime<chrono::Utc>>().ok())
                .ok_or_else(|| format!("brief {id}: event {} has no valid `at`", n + 1))?;
            let eid = e
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            keyed.push(((at, eid), e));
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        for (stamp, (_, mut e)) in (1u64..).zip(keyed) {
            if let Some(obj) = e.as_object_mut() {
                obj.entry("desk").or_insert_with(|| LEGACY_DESK.into());
                obj.entry("stamp").or_insert_with(|| stamp.into());
            }
            events.push(e);
        }
    }
    Ok(())
}

/// Parse the text of a state file. `Err(Corrupt)` for broken JSON or the
/// wrong shape, `Err(TooNew)` for a newer version.
pub fn parse_state(path: &Path, text: &str) -> Result<StateFile, StoreError> {
    // The everyday case: a file of the current version, read straight into
    // the types. Anything else (an older or newer file, a broken one) takes
    // the slow path below, which migrates and words the errors.
    if let Ok(mut state) = serde_json::from_str::<StateFile>(text)
        && state.version == CURRENT_VERSION
    {
        for brief in state.briefs.values_mut() {
            review::normalise_log(&mut brief.events);
        }
        return Ok(state);
    }
    parse_state_slow(path, text)
}

/// [`parse_state`]'s everyday case from a reader, decoding as it reads:
/// None when the file is not a whole state file of the current version
/// (the caller then reads it whole, to migrate it or word the error).
pub fn parse_state_streaming(reader: impl io::Read) -> Option<StateFile> {
    let mut state: StateFile = serde_json::from_reader(reader).ok()?;
    if state.version != CURRENT_VERSION {
        return None;
    }
    for brief in state.briefs.values_mut() {
        review::normalise_log(&mut brief.events);
    }
    Some(state)
}

fn parse_state_slow(path: &Path, text: &str) -> Result<StateFile, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    let value: Value =
        serde_json::from_str(text).map_err(|e| corrupt(format!("not valid JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| corrupt("the top level is not a JSON object".into()))?;
    let version = match obj.get("version") {
        None => 0,
        Some(v) => v
            .as_u64()
            .and_then(|v| u32::try_from(v).ok())
            .ok_or_else(|| corrupt(format!("\"version\" is not a whole number: {v}")))?,
    };
    if version > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
        });
    }
    let value = migrate(value, version).map_err(corrupt)?;
    let mut state: StateFile =
        serde_json::from_value(value).map_err(|e| corrupt(format!("unexpected layout: {e}")))?;
    for brief in state.briefs.values_mut() {
        review::normalise_log(&mut brief.events);
    }
    Ok(state)
}

/// The state as JSON, compact, with each event on a line of its own (so a
/// diff of two files shows the events that differ). The reference that
/// [`encode_cached`] is tested against.
#[cfg(test)]
pub fn encode(state: &StateFile) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 * 1024);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, OneEventALine::default());
    state.serialize(&mut ser)?;
    out.push(b'\n');
    Ok(out)
}

/// Each brief's events as last encoded (through serde, one a line): how
/// many, and their text. A save encodes only the events added since.
#[derive(Debug, Default)]
pub struct EncodedLogs {
    briefs: HashMap<String, (usize, Vec<u8>)>,
}

impl EncodedLogs {
    /// Forget a brief's text: its log changed other than at its end.
    pub fn forget(&mut self, id: &str) {
        self.briefs.remove(id);
    }
}

/// [`encode`], the same bytes, reusing the events encoded last time: each
/// brief's new events are encoded and appended to its kept text, and the
/// file is written by serde around those texts. (For the tests: a log of
/// more than three events is encoded where it stands, as a very long one
/// is.)
#[cfg(test)]
pub fn encode_cached(
    state: &mut StateFile,
    cache: &mut EncodedLogs,
) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    encode_keeping(state, cache, &mut out, 3)?;
    Ok(out)
}

/// [`encode_cached`] written to `out` as it is made. A very long log's
/// text is not kept between saves (it would hold as much memory again as
/// its events: 190 MB for a million): its events are encoded where they
/// stand, each save.
pub fn encode_cached_to<W: io::Write>(
    state: &mut StateFile,
    cache: &mut EncodedLogs,
    out: W,
) -> serde_json::Result<()> {
    encode_keeping(state, cache, out, KEEP_ENCODED_EVENTS)
}

/// [`encode_cached_to`], keeping the text of logs of up to `keep` events.
fn encode_keeping<W: io::Write>(
    state: &mut StateFile,
    cache: &mut EncodedLogs,
    mut out: W,
    keep: usize,
) -> serde_json::Result<()> {
    cache.briefs.retain(|id, _| state.briefs.contains_key(id));
    for (id, brief) in &state.briefs {
        if brief.events.len() > keep {
            cache.briefs.remove(id);
            continue;
        }
        let (count, text) = cache.briefs.entry(id.clone()).or_default();
        if *count > brief.events.len() {
            (*count, *text) = (0, Vec::new());
        }
        for e in &brief.events[*count..] {
            if !text.is_empty() {
                text.push(b',');
            }
            text.push(b'\n');
            serde_json::to_writer(&mut *text, e)?;
        }
        *count = brief.events.len();
    }
    // The events kept as text are taken out while the rest is written (the
    // text is spliced in their place), and put back.
    let taken: Vec<Option<Vec<Event>>> = state
        .briefs
        .iter_mut()
        .map(|(id, b)| {
            cache
                .briefs
                .contains_key(id)
                .then(|| std::mem::take(&mut b.events))
        })
        .collect();
    let splices: Vec<&[u8]> = state
        .briefs
        .keys()
        .map(|id| cache.briefs.get(id).map_or(&[][..], |(_, t)| t.as_slice()))
        .collect();
    let written = {
        let mut ser = serde_json::Serializer::with_formatter(
            &mut out,
            OneEventALine {
                splices,
                ..Default::default()
            },
        );
        state.serialize(&mut ser)
    };
    for (brief, events) in state.briefs.values_mut().zip(taken) {
        if let Some(events) = events {
            brief.events = events;
        }
    }
    written?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

/// The longest log whose encoded text is kept for the next save.
const KEEP_ENCODED_EVENTS: usize = 100_000;

/// serde_json's compact output, with a line break before each element of
/// the arrays four levels down (`{"briefs":{ID:{"events":[` ...). With
/// `splices`, each brief's (emptied) `events` array is filled with the next
/// of them, already encoded.
#[derive(Default)]
struct OneEventALine<'a> {
    depth: usize,
    wrote: bool,
    splices: Vec<&'a [u8]>,
    next: usize,
    /// The key being written in a brief's entry, and the last one written.
    in_key: bool,
    key: Vec<u8>,
}

/// How deep the events arrays sit: the file, `briefs`, a brief, `events`.
const EVENTS_DEPTH: usize = 4;

impl serde_json::ser::Formatter for OneEventALine<'_> {
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if self.depth == EVENTS_DEPTH - 1 {
            self.in_key = true;
            self.key.clear();
        }
        if first { Ok(()) } else { w.write_all(b",") }
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.in_key = false;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if self.in_key {
            self.key.extend_from_slice(fragment.as_bytes());
        }
        w.write_all(fragment.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        if self.depth == EVENTS_DEPTH {
            self.wrote = false;
            w.write_all(b"[")?;
            if !self.splices.is_empty() && self.key == b"events" {
                let text = self.splices.get(self.next).copied().unwrap_or_default();
                self.next += 1;
                self.wrote = !text.is_empty();
                w.write_all(text)?;
            }
            return Ok(());
        }
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        if self.depth == EVENTS_DEPTH && self.wrote {
            w.write_all(b"\n")?;
        }
        self.depth -= 1;
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth == EVENTS_DEPTH {
            self.wrote = true;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Desk, EventKind, ItemRef, Status};

    fn status(desk: &mut Desk, n: i64) -> Event {
        let at = chrono::DateTime::from_timestamp(1_800_000_000 + n, 0).unwrap_or_default();
        desk.next(
            at,
            EventKind::Status {
                item: ItemRef::Indicator(0),
                from: Status::Watching,
                to: Status::Observed,
                seen: None,
            },
        )
    }

    /// Encoding with kept texts gives the bytes of a whole encoding, as
    /// events are appended, a brief's log is rewritten, and briefs come and
    /// go; arrays beside `events` (a brief's unknown fields) are not
    /// mistaken for it.
    #[test]
    fn encode_cached_writes_what_encode_writes() -> Result<(), Box<dyn std::error::Error>> {
        let mut desk = Desk::new("d", Some("AB".into()), 1);
        let mut state = StateFile::default();
        state
            .extra
            .insert("owner".into(), serde_json::json!({"events": [1, 2]}));
        let mut a = BriefState {
            title: "A \"quoted\" \u{1b} title".into(),
            ..Default::default()
        };
        a.extra.insert("tags".into(), serde_json::json!(["x", "y"]));
        a.extra
            .insert("zz".into(), serde_json::json!([[], {"events": []}]));
        state.briefs.insert("a".into(), a);
        state.briefs.insert("b\"esc".into(), BriefState::default());
        let mut cache = EncodedLogs::default();
        for round in 0..6 {
            for n in 0..round {
                let e = status(&mut desk, n);
                let brief = if n % 2 == 0 { "a" } else { "b\"esc" };
                state.briefs.entry(brief.into()).or_default().events.push(e);
            }
            if round == 3 {
                state
                    .briefs
                    .get_mut("a")
                    .ok_or("brief a is missing")?
                    .events
                    .remove(0);
                cache.forget("a");
            }
            if round == 4 {
                state.briefs.insert("c".into(), BriefState::default());
                state.briefs.remove("b\"esc");
            }
            let want = encode(&state)?;
            let got = encode_cached(&mut state, &mut cache)?;
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want),
                "round {round}"
            );
            let back: StateFile = serde_json::from_slice(&got)?;
            assert_eq!(back, state);
        }
        Ok(())
    }

    /// The streaming read gives what the whole-text read gives for a
    /// current file, and declines (None) an old, broken or newer one.
    #[test]
    fn streaming_reads_current_files_only() -> Result<(), Box<dyn std::error::Error>> {
        let mut desk = Desk::new("d", None, 1);
        let mut state = StateFile::default();
        let mut b = BriefState::default();
        b.extra.insert("pinned".into(), serde_json::json!(true));
        for n in 0..5 {
            b.events.push(status(&mut desk, n));
        }
        state.briefs.insert("b".into(), b);
        let text = encode(&state)?;
        let whole = parse_state(std::path::Path::new("s"), std::str::from_utf8(&text)?)?;
        assert_eq!(parse_state_streaming(&text[..]), Some(whole));
        assert_eq!(parse_state_streaming(&text[..text.len() / 2]), None);
        let v1 = br#"{"version":1,"briefs":{}}"#;
        assert_eq!(parse_state_streaming(&v1[..]), None);
        let v3 = br#"{"version":3,"briefs":{}}"#;
        assert_eq!(parse_state_streaming(&v3[..]), None);
        Ok(())
    }
}
