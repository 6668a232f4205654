//! Compact text for the fields every event carries.
//!
//! A long watch's log holds a million events, and each names its desk, its
//! analyst and its own id. As `String`s those are three heap blocks and 72
//! bytes of handles an event. Here:
//!
//! - [`Name`]: a desk id, an analyst, a note's source. A handful of values
//!   repeat across a whole log, so each distinct one is kept once for the
//!   life of the program and an event holds a pointer to it (8 bytes). The
//!   set only grows by values read or typed, which the log holds anyway.
//! - [`EventId`]: an event's id, held in place when it is short (every id
//!   this program makes is 26 bytes) and on the heap otherwise.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{LazyLock, Mutex};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What the three text types share: read as a `str`, compared with text,
/// printed, written as a JSON string, and made from text. Each has
/// `new(&str)` and `as_str()`.
macro_rules! str_like {
    ($t:ty) => {
        impl Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                *self == other.as_str()
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> $t {
                <$t>::new(s)
            }
        }
        impl From<String> for $t {
            fn from(s: String) -> $t {
                <$t>::new(&s)
            }
        }
        impl From<&String> for $t {
            fn from(s: &String) -> $t {
                <$t>::new(s)
            }
        }
        impl From<$t> for String {
            fn from(t: $t) -> String {
                t.as_str().to_string()
            }
        }
        impl From<&$t> for String {
            fn from(t: &$t) -> String {
                t.as_str().to_string()
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                struct V;
                impl serde::de::Visitor<'_> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<$t, E> {
                        Ok(<$t>::new(v))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

str_like!(Name);
str_like!(EventId);
str_like!(NoteText);

/// A short repeated string, interned: cheap to copy and to compare.
#[derive(Clone, Copy)]
pub struct Name(&'static &'static str);

static NAMES: LazyLock<Mutex<HashMap<&'static str, Name>>> = LazyLock::new(Default::default);

/// How many names each thread remembers it interned last.
const RECENT: usize = 8;

std::thread_local! {
    /// The names this thread interned last: a log names the same desk,
    /// analyst and brief line after line.
    static RECENT_NAMES: std::cell::Cell<[Option<Name>; RECENT]> =
        const { std::cell::Cell::new([None; RECENT]) };
}

impl Name {
    /// The one copy of `s`.
    pub fn new(s: &str) -> Name {
        let mut recent = RECENT_NAMES.get();
        if let Some(found) = recent.iter().flatten().find(|n| n.as_str() == s) {
            return *found;
        }
        let name = {
            let mut names = NAMES.lock().unwrap_or_else(|p| p.into_inner());
            match names.get(s) {
                Some(&found) => found,
                None => {
                    let text: &'static str = Box::leak(s.to_owned().into_boxed_str());
                    let name = Name(Box::leak(Box::new(text)));
                    names.insert(text, name);
                    name
                }
            }
        };
        recent.rotate_right(1);
        recent[0] = Some(name);
        RECENT_NAMES.set(recent);
        name
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        std::ptr::eq(self.0, other.0) || self.0 == other.0
    }
}
impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Name {
    fn cmp(&self, other: &Name) -> Ordering {
        if std::ptr::eq(self.0, other.0) {
            return Ordering::Equal;
        }
        self.0.cmp(other.0)
    }
}
impl Hash for Name {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.hash(h)
    }
}

/// The longest id held in place.
const INLINE: usize = 30;

/// An event id: in place up to 30 bytes, on the heap beyond.
#[derive(Clone)]
pub struct EventId(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl EventId {
    pub fn new(s: &str) -> EventId {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            EventId(Repr::Inline {
                len: s.len() as u8,
                bytes,
            })
        } else {
            EventId(Repr::Heap(s.into()))
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, bytes } => {
                let bytes = &bytes[..usize::from(*len)];
                // SAFETY: `bytes` is a copy of the whole of a `&str` (see
                // `new`), so it is valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Repr::Heap(s) => s,
        }
    }
}

impl PartialEq for EventId {
    fn eq(&self, other: &EventId) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for EventId {}
impl PartialOrd for EventId {
    fn partial_cmp(&self, other: &EventId) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for EventId {
    fn cmp(&self, other: &EventId) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}
impl Hash for EventId {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}
/// A note's text: shared by the note's event and the review's view of it,
/// behind one thin pointer, in one allocation.
#[derive(Clone)]
pub struct NoteText(triomphe::ThinArc<(), u8>);

impl NoteText {
    pub fn new(s: &str) -> NoteText {
        NoteText(triomphe::ThinArc::from_header_and_slice((), s.as_bytes()))
    }

    pub fn as_str(&self) -> &str {
        // SAFETY: the bytes are a copy of the whole of a `&str` (see `new`).
        unsafe { std::str::from_utf8_unchecked(&self.0.slice) }
    }
}

impl PartialEq for NoteText {
    fn eq(&self, other: &NoteText) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for NoteText {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_once_and_reads_back() {
        let a = Name::new("desk-a");
        let b = Name::from(String::from("desk-a"));
        assert!(std::ptr::eq(a.0, b.0));
        assert_eq!(a, "desk-a");
        assert_eq!(a.to_string(), "desk-a");
        assert_ne!(Name::new("desk-b"), a);
        assert!(Name::new("a") < Name::new("b"));
        assert_eq!(std::mem::size_of::<Option<Name>>(), 8);
        let text = NoteText::from("a note: é");
        assert_eq!(text.clone(), "a note: é");
        assert_eq!(std::mem::size_of::<Option<NoteText>>(), 8);
    }

    /// A million-event log is held in under 200 MB only while a record
    /// stays this small (see PERFORMANCE.md, "Huge state files").
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn an_event_record_stays_small() {
        assert!(std::mem::size_of::<crate::review::EventData>() <= 128);
        assert!(std::mem::size_of::<crate::review::EventKind>() <= 56);
        assert_eq!(std::mem::size_of::<crate::review::Event>(), 8);
    }

    #[test]
    fn ids_short_and_long_read_back_and_order_as_text() -> Result<(), serde_json::Error> {
        let ids = [
            "",
            "0193a1b2c3d4-12345678-0001",
            "é-ünïcode-id",
            &"x".repeat(30),
            &"y".repeat(31),
            "a-much-longer-id-than-any-the-desk-makes-itself",
        ];
        for s in ids {
            let id = EventId::new(s);
            assert_eq!(id.as_str(), s);
            let json = serde_json::to_string(&id)?;
            assert_eq!(json, serde_json::to_string(s)?);
            let back: EventId = serde_json::from_str(&json)?;
            assert_eq!(back, id);
        }
        let mut sorted: Vec<EventId> = ids.iter().map(|s| EventId::new(s)).collect();
        sorted.sort();
        let mut texts: Vec<&str> = ids.to_vec();
        texts.sort();
        assert_eq!(
            sorted.iter().map(EventId::as_str).collect::<Vec<_>>(),
            texts
        );
        Ok(())
    }
}
