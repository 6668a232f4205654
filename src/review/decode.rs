//! Reading an event record in one pass.
//!
//! A record is a flat object: the common fields, a `type` tag and the
//! kind's own fields, in any order (this program writes the tag first).
//! Each key is matched without allocating, each value read straight into
//! its type; a field the record's kind does not have (a newer version's
//! addition, or a hand edit) is kept whole in the event's `extra`, to be
//! written back. Only fields met before the tag are held as values until
//! the tag says whose they are. This is what a state file of a million
//! events, or the first look at a share of ten desks, spends its time on.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, Error as _, MapAccess, Visitor};
use serde::{Deserialize, de::DeserializeOwned};
use serde_json::{Map, Value};

use super::event::{EventData, EventKind, Extra};
use super::text::{EventId, Name};
use super::{Confidence, Disposition, ItemRef, Level, Status};
use crate::brief::Correction;

pub(super) fn event<'de, D: Deserializer<'de>>(d: D) -> Result<EventData, D::Error> {
    d.deserialize_map(RecordVisitor)
}

/// The kinds, by their `type`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    WindowSet,
    Status,
    Reviewed,
    Note,
    NoteCorrected,
    Undo,
    Redo,
    Alert,
    Arrived,
    Acknowledged,
    Closed,
    Reopened,
    Handover,
    Accept,
    Correction,
}

const TAGS: &[&str] = &[
    "window_set",
    "status",
    "reviewed",
    "note",
    "note_corrected",
    "undo",
    "redo",
    "alert",
    "arrived",
    "acknowledged",
    "closed",
    "reopened",
    "handover",
    "accept",
    "correction",
];

impl Tag {
    fn of(s: &str) -> Option<Tag> {
        Some(match s {
            "window_set" => Tag::WindowSet,
            "status" => Tag::Status,
            "reviewed" => Tag::Reviewed,
            "note" => Tag::Note,
            "note_corrected" => Tag::NoteCorrected,
            "undo" => Tag::Undo,
            "redo" => Tag::Redo,
            "alert" => Tag::Alert,
            "arrived" => Tag::Arrived,
            "acknowledged" => Tag::Acknowledged,
            "closed" => Tag::Closed,
            "reopened" => Tag::Reopened,
            "handover" => Tag::Handover,
            "accept" => Tag::Accept,
            "correction" => Tag::Correction,
            _ => return None,
        })
    }

    /// Is `f` one of this kind's fields?
    fn owns(self, f: F) -> bool {
        use F::*;
        match self {
            Tag::WindowSet => matches!(f, Start | Explicit),
            Tag::Status => matches!(f, Item | From | To | Seen),
            Tag::Reviewed => matches!(f, Item | Reviewed),
            Tag::Note => matches!(f, Item | Text | Source | Confidence | Author),
            Tag::NoteCorrected => matches!(f, Of | Item | Text),
            Tag::Undo | Tag::Redo | Tag::Accept => f == Of,
            Tag::Alert => matches!(f, Item | Level),
            Tag::Arrived => f == Via,
            Tag::Acknowledged => f == Item,
            Tag::Closed => matches!(f, Disposition | Reason),
            Tag::Reopened => false,
            Tag::Handover => matches!(f, To | Report),
            Tag::Correction => f == Correction,
        }
    }
}

/// The fields some kind has.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum F {
    Start,
    Explicit,
    Item,
    From,
    To,
    Seen,
    Reviewed,
    Text,
    Source,
    Confidence,
    Author,
    Of,
    Level,
    Via,
    Disposition,
    Reason,
    Report,
    Correction,
}

impl F {
    fn name(self) -> &'static str {
        match self {
            F::Start => "start",
            F::Explicit => "explicit",
            F::Item => "item",
            F::From => "from",
            F::To => "to",
            F::Seen => "seen",
            F::Reviewed => "reviewed",
            F::Text => "text",
            F::Source => "source",
            F::Confidence => "confidence",
            F::Author => "author",
            F::Of => "of",
            F::Level => "level",
            F::Via => "via",
            F::Disposition => "disposition",
            F::Reason => "reason",
            F::Report => "report",
            F::Correction => "correction",
        }
    }
}

/// A key of a record.
enum Key {
    Id,
    At,
    Desk,
    Stamp,
    Analyst,
    Type,
    Field(F),
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(match v {
                    "id" => Key::Id,
                    "at" => Key::At,
                    "desk" => Key::Desk,
                    "stamp" => Key::Stamp,
                    "analyst" => Key::Analyst,
                    "type" => Key::Type,
                    "start" => Key::Field(F::Start),
                    "explicit" => Key::Field(F::Explicit),
                    "item" => Key::Field(F::Item),
                    "from" => Key::Field(F::From),
                    "to" => Key::Field(F::To),
                    "seen" => Key::Field(F::Seen),
                    "reviewed" => Key::Field(F::Reviewed),
                    "text" => Key::Field(F::Text),
                    "source" => Key::Field(F::Source),
                    "confidence" => Key::Field(F::Confidence),
                    "author" => Key::Field(F::Author),
                    "of" => Key::Field(F::Of),
                    "level" => Key::Field(F::Level),
                    "via" => Key::Field(F::Via),
                    "disposition" => Key::Field(F::Disposition),
                    "reason" => Key::Field(F::Reason),
                    "report" => Key::Field(F::Report),
                    "correction" => Key::Field(F::Correction),
                    other => Key::Other(other.to_owned()),
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// A wall time: the form this program writes (`2026-11-26T14:30:00Z`, with
/// up to nine digits of fraction) read directly, any other through chrono.
struct Time(DateTime<Utc>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Time;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an RFC 3339 time")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Time, E> {
                match utc_time(v) {
                    Some(t) => Ok(Time(t)),
                    None => v.parse().map(Time).map_err(E::custom),
                }
            }
        }
        d.deserialize_str(V)
    }
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, or None for anything else (left to
/// chrono, which reads every form and words the errors).
pub(super) fn utc_time(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || *b.last()? != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', digits @ ..] if (1..=9).contains(&digits.len()) => {
            let n = num(20..20 + digits.len())?;
            n * 10u32.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    if second > 59 {
        return None; // a leap second: chrono's
    }
    let date = chrono::NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(
        date.and_hms_nano_opt(hour, minute, second, nanos)?
            .and_utc(),
    )
}

/// The `type` of a record.
struct TagName(Tag);

impl<'de> Deserialize<'de> for TagName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TagName, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = TagName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event type")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TagName, E> {
                Tag::of(v)
                    .map(TagName)
                    .ok_or_else(|| E::unknown_variant(v, TAGS))
            }
        }
        d.deserialize_str(V)
    }
}

/// Where a field's value comes from: the record as it streams past, or a
/// value held because it came before the tag.
trait Source<E> {
    fn take<T: DeserializeOwned>(&mut self) -> Result<T, E>;
}

struct Stream<'a, A>(&'a mut A);

impl<'de, A: MapAccess<'de>> Source<A::Error> for Stream<'_, A> {
    fn take<T: DeserializeOwned>(&mut self) -> Result<T, A::Error> {
        self.0.next_value()
    }
}

struct Held(Option<Value>);

impl<E: de::Error> Source<E> for Held {
    fn take<T: DeserializeOwned>(&mut self) -> Result<T, E> {
        T::deserialize(self.0.take().unwrap_or(Value::Null)).map_err(E::custom)
    }
}

/// The kind's fields as read.
#[derive(Default)]
struct Slots {
    start: Option<Time>,
    explicit: Option<bool>,
    item: Option<ItemRef>,
    maybe_item: Option<Option<ItemRef>>,
    from: Option<Status>,
    to_status: Option<Status>,
    to_name: Option<String>,
    seen: Option<Option<Vec<EventId>>>,
    reviewed: Option<bool>,
    text: Option<Option<String>>,
    source: Option<Option<Name>>,
    confidence: Option<Option<Confidence>>,
    author: Option<Option<Name>>,
    of: Option<String>,
    level: Option<Level>,
    via: Option<String>,
    disposition: Option<Disposition>,
    reason: Option<Option<String>>,
    report: Option<Option<String>>,
    correction: Option<Correction>,
}

fn once<T: DeserializeOwned, E: de::Error>(
    slot: &mut Option<T>,
    f: F,
    src: &mut impl Source<E>,
) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(f.name()));
    }
    *slot = Some(src.take()?);
    Ok(())
}

impl Slots {
    /// Read field `f` of kind `tag` (which owns it).
    fn read<E: de::Error>(&mut self, tag: Tag, f: F, src: &mut impl Source<E>) -> Result<(), E> {
        match f {
            F::Start => once(&mut self.start, f, src),
            F::Explicit => once(&mut self.explicit, f, src),
            F::Item if tag == Tag::Acknowledged => once(&mut self.maybe_item, f, src),
            F::Item => once(&mut self.item, f, src),
            F::From => once(&mut self.from, f, src),
            F::To if tag == Tag::Status => once(&mut self.to_status, f, src),
            F::To => once(&mut self.to_name, f, src),
            F::Seen => once(&mut self.seen, f, src),
            F::Reviewed => once(&mut self.reviewed, f, src),
            F::Text => once(&mut self.text, f, src),
            F::Source => once(&mut self.source, f, src),
            F::Confidence => once(&mut self.confidence, f, src),
            F::Author => once(&mut self.author, f, src),
            F::Of => once(&mut self.of, f, src),
            F::Level => once(&mut self.level, f, src),
            F::Via => once(&mut self.via, f, src),
            F::Disposition => once(&mut self.disposition, f, src),
            F::Reason => once(&mut self.reason, f, src),
            F::Report => once(&mut self.report, f, src),
            F::Correction => once(&mut self.correction, f, src),
        }
    }

    /// The kind, once every field is read.
    fn kind<E: de::Error>(self, tag: Tag) -> Result<EventKind, E> {
        fn need<T, E: de::Error>(v: Option<T>, name: &'static str) -> Result<T, E> {
            v.ok_or_else(|| E::missing_field(name))
        }
        Ok(match tag {
            Tag::WindowSet => EventKind::WindowSet {
                start: need(self.start, "start")?.0,
                explicit: self.explicit.unwrap_or(false),
            },
            Tag::Status => EventKind::Status {
                item: need(self.item, "item")?,
                from: need(self.from, "from")?,
                to: need(self.to_status, "to")?,
                seen: self.seen.flatten(),
            },
            Tag::Reviewed => EventKind::Reviewed {
                item: need(self.item, "item")?,
                reviewed: need(self.reviewed, "reviewed")?,
            },
            Tag::Note => EventKind::Note {
                item: need(self.item, "item")?,
                text: need(self.text.flatten(), "text")?.into(),
                source: self.source.flatten(),
                confidence: self.confidence.flatten(),
                author: self.author.flatten(),
            },
            Tag::NoteCorrected => EventKind::NoteCorrected {
                of: need(self.of, "of")?.into(),
                item: need(self.item, "item")?,
                text: self.text.flatten().map(Into::into),
            },
            Tag::Undo => EventKind::Undo {
                of: need(self.of, "of")?,
            },
            Tag::Redo => EventKind::Redo {
                of: need(self.of, "of")?,
            },
            Tag::Alert => EventKind::Alert {
                item: need(self.item, "item")?,
                level: need(self.level, "level")?,
            },
            Tag::Arrived => EventKind::Arrived {
                via: need(self.via, "via")?,
            },
            Tag::Acknowledged => EventKind::Acknowledged {
                item: self.maybe_item.flatten(),
            },
            Tag::Closed => EventKind::Closed {
                disposition: need(self.disposition, "disposition")?,
                reason: self.reason.flatten(),
            },
            Tag::Reopened => EventKind::Reopened,
            Tag::Handover => EventKind::Handover {
                to: need(self.to_name, "to")?.into(),
                report: self.report.flatten(),
            },
            Tag::Accept => EventKind::Accept {
                of: need(self.of, "of")?,
            },
            Tag::Correction => EventKind::Correction {
                correction: need(self.correction, "correction")?,
            },
        })
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = EventData;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an event")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EventData, A::Error> {
        let mut id: Option<EventId> = None;
        let mut at: Option<Time> = None;
        let mut desk: Option<Name> = None;
        let mut stamp: Option<u64> = None;
        let mut analyst: Option<Option<Name>> = None;
        let mut tag: Option<Tag> = None;
        let mut slots = Slots::default();
        let mut extra = Map::new();
        // Fields of the kind met before the tag.
        let mut early: Vec<(F, Value)> = Vec::new();
        fn common<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
            slot: &mut Option<T>,
            name: &'static str,
            map: &mut A,
        ) -> Result<(), A::Error> {
            if slot.is_some() {
                return Err(A::Error::duplicate_field(name));
            }
            *slot = Some(map.next_value()?);
            Ok(())
        }
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Id => common(&mut id, "id", &mut map)?,
                Key::At => common(&mut at, "at", &mut map)?,
                Key::Desk => common(&mut desk, "desk", &mut map)?,
                Key::Stamp => common(&mut stamp, "stamp", &mut map)?,
                Key::Analyst => common(&mut analyst, "analyst", &mut map)?,
                Key::Type => {
                    if tag.is_some() {
                        return Err(A::Error::duplicate_field("type"));
                    }
                    let t = map.next_value::<TagName>()?.0;
                    tag = Some(t);
                    for (f, value) in early.drain(..) {
                        if t.owns(f) {
                            slots.read(t, f, &mut Held(Some(value)))?;
                        } else {
                            extra.insert(f.name().to_owned(), value);
                        }
                    }
                }
                Key::Field(f) => match tag {
                    Some(t) if t.owns(f) => slots.read(t, f, &mut Stream(&mut map))?,
                    Some(_) => {
                        extra.insert(f.name().to_owned(), map.next_value()?);
                    }
                    None => early.push((f, map.next_value()?)),
                },
                Key::Other(name) => {
                    let value = map.next_value()?;
                    if extra.insert(name.clone(), value).is_some() {
                        return Err(A::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                }
            }
        }
        let tag = tag.ok_or_else(|| A::Error::missing_field("type"))?;
        Ok(EventData {
            id: id.ok_or_else(|| A::Error::missing_field("id"))?,
            at: at.ok_or_else(|| A::Error::missing_field("at"))?.0,
            desk: desk.ok_or_else(|| A::Error::missing_field("desk"))?,
            stamp: stamp.ok_or_else(|| A::Error::missing_field("stamp"))?,
            analyst: analyst.flatten(),
            kind: slots.kind(tag)?,
            extra: Extra::from(extra),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_written_form_is_read_as_chrono_reads_it() {
        for s in [
            "2026-11-26T14:30:00Z",
            "2026-11-26T14:30:00.5Z",
            "2026-11-26T14:30:00.123456789Z",
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999Z",
        ] {
            let want: DateTime<Utc> = s.parse().expect("chrono reads it");
            assert_eq!(utc_time(s), Some(want), "{s}");
        }
        // Not the written form: left to chrono.
        for s in [
            "2026-11-26T14:30:00+01:00",
            "2026-11-26 14:30:00Z",
            "2026-02-30T14:30:00Z",
            "2026-11-26T24:30:00Z",
            "2026-11-26T14:30:60Z",
            "2026-11-26T14:30:00.Z",
            "2026-11-26T14:30:00.1234567890Z",
            "+2026-11-26T14:30:00Z",
            "2026-11-26T14:30:00z",
        ] {
            assert_eq!(utc_time(s), None, "{s}");
        }
    }

    proptest! {
        /// Whatever the text, the direct reading never disagrees with
        /// chrono's: it reads the same time or leaves the text to chrono.
        #[test]
        fn never_disagrees_with_chrono(
            s in "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,10})?Z?"
        ) {
            if let Some(t) = utc_time(&s) {
                prop_assert_eq!(Some(t), s.parse::<DateTime<Utc>>().ok());
            }
        }

        #[test]
        fn any_time_written_reads_back(secs in -62_000_000_000i64..250_000_000_000, nanos in 0u32..1_000_000_000) {
            let t = DateTime::from_timestamp(secs, nanos).expect("in range");
            let s = t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
            prop_assert_eq!(utc_time(&s).or_else(|| s.parse().ok()), Some(t));
        }
    }
}
