//! A quick reader for JSON of the shapes this program writes: objects,
//! arrays, strings, whole numbers from 0 up, `true`, `false` and `null`.
//!
//! It is a serde `Deserializer`, so every type reads through it exactly as
//! it reads through serde_json. Anything it does not take (a fraction or a
//! negative number, a `\u` escape of a surrogate, deep nesting, bad JSON, a
//! value its type refuses) makes it give up, and the caller reads the text
//! with serde_json, whose reading and error messages are the reference.
//! So whenever this reader returns a value, serde_json would have returned
//! the same one (a differential test holds it to that); it only does less
//! work on the way: no positions kept for messages, and strings scanned
//! eight bytes at a time.

use std::fmt;

use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Deeper nesting is left to serde_json (which refuses past 128).
const MAX_DEPTH: usize = 100;

/// `text` read as a `T`, or None when this reader does not take it: then
/// read it with serde_json.
pub fn from_str<'a, T: Deserialize<'a>>(text: &'a str) -> Option<T> {
    let mut scan = Scan {
        text,
        at: 0,
        depth: 0,
    };
    let value = T::deserialize(&mut scan).ok()?;
    scan.skip_space();
    (scan.at == text.len()).then_some(value)
}

/// This reader gave up (see the module's note); never shown to anyone.
#[derive(Debug)]
pub struct GaveUp;

impl fmt::Display for GaveUp {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("left to serde_json")
    }
}

impl std::error::Error for GaveUp {}

impl de::Error for GaveUp {
    fn custom<T: fmt::Display>(_: T) -> GaveUp {
        GaveUp
    }
}

type Result<T> = std::result::Result<T, GaveUp>;

struct Scan<'a> {
    text: &'a str,
    at: usize,
    depth: usize,
}

/// A string as read: a slice of the text, or built when it had escapes.
enum Text<'a> {
    Slice(&'a str),
    Built(String),
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `w` may be a quote, a backslash or a control
/// character. Never false when one is; true at times when none is (a
/// borrow), which only costs a look byte by byte.
fn may_stop(w: u64) -> bool {
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let quote = zero(w ^ (ONES * u64::from(b'"')));
    let slash = zero(w ^ (ONES * u64::from(b'\\')));
    let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
    quote | slash | control != 0
}

impl<'a> Scan<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// The next thing after any space.
    fn next_thing(&mut self) -> Result<u8> {
        self.skip_space();
        self.peek().ok_or(GaveUp)
    }

    fn expect(&mut self, word: &str) -> Result<()> {
        if self.bytes()[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(())
        } else {
            Err(GaveUp)
        }
    }

    /// Past the plain bytes of a string: at a quote, a backslash, a
    /// control character or the end.
    fn skip_plain(&mut self) {
        let b = self.bytes();
        while let Some(chunk) = b.get(self.at..self.at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            if may_stop(u64::from_le_bytes(word)) {
                break;
            }
            self.at += 8;
        }
        while let Some(&c) = b.get(self.at) {
            if c == b'"' || c == b'\\' || c < 0x20 {
                break;
            }
            self.at += 1;
        }
    }

    /// A string, the scan at its opening quote.
    fn string(&mut self) -> Result<Text<'a>> {
        self.at += 1;
        let start = self.at;
        self.skip_plain();
        match self.peek() {
            Some(b'"') => {
                let s = self.text.get(start..self.at).ok_or(GaveUp)?;
                self.at += 1;
                Ok(Text::Slice(s))
            }
            Some(b'\\') => {
                let mut built = self.text.get(start..self.at).ok_or(GaveUp)?.to_owned();
                self.escaped(&mut built)?;
                Ok(Text::Built(built))
            }
            _ => Err(GaveUp),
        }
    }

    /// The rest of a string with escapes, the scan at a backslash.
    fn escaped(&mut self, out: &mut String) -> Result<()> {
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    let c = match self.bytes().get(self.at + 1) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hex = self.text.get(self.at + 2..self.at + 6).ok_or(GaveUp)?;
                            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return Err(GaveUp);
                            }
                            let n = u32::from_str_radix(hex, 16).map_err(|_| GaveUp)?;
                            // A surrogate (half of a pair, or alone): serde_json's.
                            self.at += 4;
                            char::from_u32(n).ok_or(GaveUp)?
                        }
                        _ => return Err(GaveUp),
                    };
                    out.push(c);
                    self.at += 2;
                }
                Some(_) => {
                    let start = self.at;
                    self.skip_plain();
                    if start == self.at {
                        return Err(GaveUp); // a control character
                    }
                    out.push_str(self.text.get(start..self.at).ok_or(GaveUp)?);
                }
                None => return Err(GaveUp),
            }
        }
    }

    /// A whole number from 0 up that fits 64 bits.
    fn number(&mut self) -> Result<u64> {
        let b = self.bytes();
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(&c) = b.get(self.at) {
            if !c.is_ascii_digit() {
                break;
            }
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(c - b'0')))
                .ok_or(GaveUp)?;
            self.at += 1;
        }
        let digits = self.at - start;
        let leading_zero = digits > 1 && b[start] == b'0';
        let fraction = matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        if digits == 0 || leading_zero || fraction {
            return Err(GaveUp);
        }
        Ok(n)
    }

    fn deeper(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GaveUp);
        }
        Ok(())
    }

    /// The closing `close` of an object or array whose visitor is done.
    fn close(&mut self, close: u8) -> Result<()> {
        if self.next_thing()? != close {
            return Err(GaveUp);
        }
        self.at += 1;
        self.depth -= 1;
        Ok(())
    }
}

impl<'de> Deserializer<'de> for &mut Scan<'de> {
    type Error = GaveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.next_thing()? {
            b'"' => match self.string()? {
                Text::Slice(s) => visitor.visit_borrowed_str(s),
                Text::Built(s) => visitor.visit_string(s),
            },
            b'0'..=b'9' => visitor.visit_u64(self.number()?),
            b't' => {
                self.expect("true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.expect("false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.expect("null")?;
                visitor.visit_unit()
            }
            b'[' => {
                self.at += 1;
                self.deeper()?;
                let value = visitor.visit_seq(Items {
                    scan: self,
                    first: true,
                })?;
                self.close(b']')?;
                Ok(value)
            }
            b'{' => {
                self.at += 1;
                self.deeper()?;
                let value = visitor.visit_map(Entries {
                    scan: self,
                    first: true,
                })?;
                self.close(b'}')?;
                Ok(value)
            }
            _ => Err(GaveUp),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.next_thing()? == b'n' {
            self.expect("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        // A unit variant, written as its name; any other form is
        // serde_json's.
        if self.next_thing()? != b'"' {
            return Err(GaveUp);
        }
        match self.string()? {
            Text::Slice(s) => visitor.visit_enum(BorrowedStrDeserializer::<GaveUp>::new(s)),
            Text::Built(s) => visitor.visit_enum(StringDeserializer::<GaveUp>::new(s)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value> {
        Err(GaveUp)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The entries of an object, the scan inside it.
struct Entries<'s, 'a> {
    scan: &'s mut Scan<'a>,
    first: bool,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = GaveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.scan.next_thing()? {
            b'}' => return Ok(None),
            b',' if !self.first => {
                self.scan.at += 1;
                if self.scan.next_thing()? != b'"' {
                    return Err(GaveUp);
                }
            }
            b'"' if self.first => {}
            _ => return Err(GaveUp),
        }
        self.first = false;
        seed.deserialize(&mut *self.scan).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        if self.scan.next_thing()? != b':' {
            return Err(GaveUp);
        }
        self.scan.at += 1;
        seed.deserialize(&mut *self.scan)
    }
}

/// The items of an array, the scan inside it.
struct Items<'s, 'a> {
    scan: &'s mut Scan<'a>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = GaveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        match self.scan.next_thing()? {
            b']' => return Ok(None),
            b',' if !self.first => {
                self.scan.at += 1;
                if self.scan.next_thing()? == b']' {
                    return Err(GaveUp); // a trailing comma
                }
            }
            _ if self.first => {}
            _ => return Err(GaveUp),
        }
        self.first = false;
        seed.deserialize(&mut *self.scan).map(Some)
    }
}
