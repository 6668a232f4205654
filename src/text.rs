//! Measuring and cutting text by display width (below every module that
//! shows text: the watch's status line, the view).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    // Printable ASCII is a column a byte.
    if s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return s.len();
    }
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` columns, ending in `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    // Printable ASCII, most of what the desk shows, is a column a byte: no
    // need to measure a long text to cut it.
    if s.bytes().all(|b| matches!(b, b' '..=b'~')) {
        return match max {
            _ if s.len() <= max => s.to_string(),
            0 => String::new(),
            _ => {
                let mut out = String::with_capacity(max + '…'.len_utf8());
                out.push_str(&s[..max - 1]);
                out.push('…');
                out
            }
        };
    }
    truncate_measured(s, max)
}

/// [`truncate`] by its definition: the whole is measured as a string (a ZWJ
/// sequence or an emoji presentation is narrower or wider than its
/// characters summed), then the characters that fit before the ellipsis
/// are kept.
pub(crate) fn truncate_measured(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A quick hash of bytes, the same on every run: not keyed (no defence
/// against chosen collisions), for checks over a whole log or share that
/// must not hold a set of a million ids, and for maps keyed by event id.
pub fn quick_hash(bytes: &[u8]) -> u64 {
    // Sixteen bytes at a time in two lanes (a first look hashes every line
    // of every desk, and one lane waits on each multiply): a multiply-rotate
    // mix, the lanes and the length folded together last.
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    const L: u64 = 0xc2b2_ae3d_27d4_eb4f;
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        u64::from_le_bytes(w)
    };
    let (mut a, mut b): (u64, u64) = (0, L);
    let mut chunks = bytes.chunks_exact(16);
    for c in &mut chunks {
        a = (a ^ word(&c[..8])).wrapping_mul(K).rotate_left(29);
        b = (b ^ word(&c[8..])).wrapping_mul(L).rotate_left(31);
    }
    for c in chunks.remainder().chunks(8) {
        a = (a ^ word(c)).wrapping_mul(K).rotate_left(29);
    }
    (a ^ b.rotate_left(17) ^ bytes.len() as u64).wrapping_mul(K)
}

#[cfg(test)]
mod hash_tests {
    use super::quick_hash;

    #[test]
    fn quick_hash_tells_lines_apart_and_is_stable() {
        let a = br#"{"id":"01a2-0001","type":"status","to":"observed"}"#;
        let b = br#"{"id":"01a2-0001","type":"status","to":"watching"}"#;
        assert_eq!(quick_hash(a), quick_hash(a));
        assert_ne!(quick_hash(a), quick_hash(b));
        // Trailing zero bytes and the length count.
        assert_ne!(quick_hash(b""), quick_hash(b"\0"));
        assert_ne!(quick_hash(b"\0"), quick_hash(b"\0\0"));
        assert_ne!(quick_hash(b"12345678"), quick_hash(b"123456789"));
    }
}
