//! One event id carried by records that differ (two desks that minted the
//! same id, a hand edit, a merge gone wrong): every copy is kept.
//!
//! The copies are told apart by a digest of their content. The first in
//! (stamp, desk, digest) order keeps the id; each other one is kept under
//! `ID~DIGEST` with `"duplicate_of": ID` among its fields. The choice does
//! not depend on which log a copy came from nor on the order of the merge,
//! so every desk that sees the same copies ends with the same log, and a
//! copy renamed before is recognised (same new id, same content) when it
//! comes back under its first id.

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::event::Event;

/// The field a renamed copy carries: the id it was recorded under.
pub const DUPLICATE_OF: &str = "duplicate_of";

fn digest(e: &Event) -> String {
    let bytes = serde_json::to_vec(e).unwrap_or_default();
    let sum = Sha256::digest(&bytes);
    sum.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// The union of `events` by id, in (stamp, desk, id) order: identical
/// copies become one, differing copies are all kept (see the module notes).
pub fn union_by_id<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<Event> {
    let mut by_id: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for e in events {
        let copies = by_id.entry(e.id.as_str()).or_default();
        if !copies.contains(&e) {
            copies.push(e);
        }
    }
    let mut out: Vec<Event> = Vec::with_capacity(by_id.len());
    for (id, copies) in by_id {
        if let [one] = copies.as_slice() {
            out.push((*one).clone());
            continue;
        }
        let mut keyed: Vec<(u64, &str, String, &Event)> = copies
            .iter()
            .map(|c| (c.stamp, c.desk.as_str(), digest(c), *c))
            .collect();
        keyed.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
        for (n, (_, _, sum, e)) in keyed.into_iter().enumerate() {
            let mut e = e.clone();
            if n > 0 {
                e.id = format!("{id}~{sum}").into();
                e.extra
                    .insert(DUPLICATE_OF.to_string(), Value::String(id.to_string()));
            }
            out.push(e);
        }
    }
    super::event::sort_events(&mut out);
    // A copy renamed in an earlier merge and met again under its first id
    // gives the same new id and the same record: one is kept.
    let mut seen = HashSet::with_capacity(out.len());
    out.retain(|e| seen.insert(e.id.clone()));
    out
}
