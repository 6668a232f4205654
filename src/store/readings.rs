//! Readings kept beside the brief texts: `briefs/<id>.reading` holds the
//! brief as the parser read it from `briefs/<id>.txt` with the corrections
//! then in effect, so that `status` over many watches does not parse every
//! brief again on every run.
//!
//! A kept reading is only a shortcut. It is used when it was made from the
//! very same text and corrections (a hash over both: the key), by this
//! parser (the version `build.rs` derives from the parser's source) and its
//! body is whole (a hash of it: the sum). Anything else (no file, another
//! text or corrections, another parser, a damaged or unreadable file) is
//! passed over silently and the brief is parsed, as without it.
//!
//! Written only by commands that already write (the desk when it opens its
//! watches, `add`, the commands that record, the inbox), never by a query:
//! `status`, `list` and `export` only read them. Written to a temporary file
//! and renamed into place, private (0600), without an fsync: a reading lost
//! in a crash is parsed again.
//!
//! The file: one line of JSON, `{"format":1,"parser":"…","key":"…",
//! "sum":"…"}`, then the brief as JSON.

use std::io::Read;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::library::{Library, LibraryError};
use crate::brief::{Brief, BriefId, Correction, MAX_BRIEF_BYTES};

/// The parser's version: see `build.rs`.
pub const PARSER_VERSION: &str = env!("WATCHDESK_PARSER_VERSION");

/// The layout of a reading file.
const FORMAT: u32 = 1;

/// A reading larger than this is not read (a brief's reading is about the
/// size of its text).
const MAX_READING_BYTES: u64 = 2 * MAX_BRIEF_BYTES;

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    format: u32,
    parser: String,
    key: String,
    sum: String,
}

/// A 128-bit hash of `parts` (each with its length): two lanes of
/// xor-multiply-rotate over 8-byte words. Not for adversaries (whoever can
/// write the readings can write anything there), but every step is a
/// bijection of a lane for a given word, so a text or a file that differs
/// in one word always hashes differently, and it runs several times faster
/// than SHA-256 (`status` over a board hashes a megabyte of texts and
/// readings).
fn sum(parts: &[&[u8]]) -> String {
    const K1: u64 = 0x9E37_79B9_7F4A_7C15;
    const K2: u64 = 0xC2B2_AE3D_27D4_EB4F;
    let (mut a, mut b) = (K2, K1);
    let mut mix = |w: u64| {
        a = (a ^ w).wrapping_mul(K1).rotate_left(29);
        b = (b ^ w.rotate_left(17)).wrapping_mul(K2).rotate_left(31);
    };
    for part in parts {
        let mut words = part.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            mix(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        tail[..words.remainder().len()].copy_from_slice(words.remainder());
        mix(u64::from_le_bytes(tail));
        mix(part.len() as u64);
    }
    // Every bit of each lane reaches every bit of the result.
    let fold = |mut x: u64| {
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        x = x.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        x ^ (x >> 33)
    };
    let (a, b) = (fold(a ^ b.rotate_left(7)), fold(b ^ a));
    format!("{a:016x}{b:016x}")
}

/// What a reading is made from: the text (as decoded, byte for byte) and
/// the corrections in effect, in order. None if the corrections cannot be
/// encoded (then nothing is kept or used).
fn key(text: &str, corrections: &[Correction]) -> Option<String> {
    let encoded = serde_json::to_vec(corrections).ok()?;
    Some(sum(&[b"watchdesk reading", &encoded, text.as_bytes()]))
}

impl Library {
    /// Where the reading of a brief is kept.
    pub fn reading_path(&self, id: &BriefId) -> PathBuf {
        self.dir().join(format!("{}.reading", id.as_str()))
    }

    /// The reading kept for brief `id` read from `text` with `corrections`:
    /// None when there is none, or it was made from another text, other
    /// corrections or by another parser, or it is damaged.
    pub fn kept_reading(
        &self,
        id: &BriefId,
        text: &str,
        corrections: &[Correction],
    ) -> Option<Brief> {
        let path = self.reading_path(id);
        // Never blocks on a FIFO put in its place.
        let (file, len) = crate::fsio::open_regular_sized(&path).ok()?;
        if len > MAX_READING_BYTES {
            return None;
        }
        // Sized first: two reads, not one for every doubling.
        let mut bytes = Vec::with_capacity(len as usize + 1);
        file.take(MAX_READING_BYTES + 1)
            .read_to_end(&mut bytes)
            .ok()?;
        if bytes.len() as u64 > MAX_READING_BYTES {
            return None;
        }
        let split = bytes.iter().position(|&b| b == b'\n')?;
        let (head, body) = (&bytes[..split], &bytes[split + 1..]);
        let header: Header = serde_json::from_slice(head).ok()?;
        let whole = header.format == FORMAT
            && header.parser == PARSER_VERSION
            && header.sum == sum(&[body])
            && Some(header.key) == key(text, corrections);
        if !whole {
            return None;
        }
        let brief: Brief = serde_json::from_slice(body).ok()?;
        (brief.id == *id).then_some(brief)
    }

    /// Keep `brief`, read from `text` with `corrections`, as its reading,
    /// unless that reading is kept already. Whether it was written.
    pub fn keep_reading(
        &self,
        text: &str,
        corrections: &[Correction],
        brief: &Brief,
    ) -> Result<bool, LibraryError> {
        if self
            .kept_reading(&brief.id, text, corrections)
            .is_some_and(|kept| kept == *brief)
        {
            return Ok(false);
        }
        let path = self.reading_path(&brief.id);
        let io = |action| {
            let path = path.clone();
            move |source| LibraryError::Io {
                path,
                action,
                source,
            }
        };
        let Some(key) = key(text, corrections) else {
            return Ok(false);
        };
        let body = serde_json::to_vec(brief)
            .map_err(|e| io("cannot encode the reading")(std::io::Error::other(e)))?;
        let header = Header {
            format: FORMAT,
            parser: PARSER_VERSION.to_string(),
            key,
            sum: sum(&[&body]),
        };
        let mut bytes = serde_json::to_vec(&header)
            .map_err(|e| io("cannot encode the reading")(std::io::Error::other(e)))?;
        bytes.push(b'\n');
        bytes.extend_from_slice(&body);
        super::library::create_private_dir(self.dir())?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = path.with_extension(format!("reading.tmp-{}-{nanos}", std::process::id()));
        let written = crate::fsio::create_new_private(&tmp, &bytes)
            .map_err(io("cannot write the reading"))
            .and_then(|()| {
                std::fs::rename(&tmp, &path).map_err(io("cannot put the reading in place"))
            });
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        written.map(|()| true)
    }
}

#[cfg(test)]
mod tests;
