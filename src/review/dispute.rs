//! Disputes: two assessments of one indicator made without seeing each other.
//!
//! A Lamport stamp orders the log but cannot say whether the author of an
//! event had seen another: two desks offline both stamp their next change
//! one past what they last shared. So each status event records what its
//! author had seen of that indicator's assessments: `seen`, the ids of the
//! *heads* of the indicator's history in the author's log when recording.
//!
//! "Had seen" is then the smallest relation that holds when:
//! - an event lists another in `seen`;
//! - two events come from one desk, the earlier in log order (a desk sees its
//!   own log);
//! - an event from before `seen` was recorded (`seen: None`) follows another
//!   in log order: such logs were kept on one machine, under one lock;
//! - it is transitive (having seen an event, one has seen what it had seen).
//!
//! The heads of an indicator are its assessments in effect (not undone)
//! that no other assessment in effect had seen. One head is the ordinary
//! case; two or more heads with different statuses are a dispute, shown
//! beside the status the fold chose (the fold's choice does not change). A
//! new assessment recorded having seen every head (any desk's next change
//! of that indicator) resolves it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::{Event, EventId, EventKind, ItemRef, Review, Status};

/// One side of a dispute: who said what, when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The status event's id.
    pub event: String,
    pub desk: String,
    pub analyst: Option<String>,
    pub status: Status,
    /// Wall time, for people.
    pub at: DateTime<Utc>,
    pub stamp: u64,
}

/// An indicator whose assessments in effect disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    /// 0-based, as in [`ItemRef::Indicator`].
    pub indicator: usize,
    /// Every head of the indicator's history, in log order (two or more).
    pub sides: Vec<Side>,
}

/// The indicator's heads: its assessments in effect that no other
/// assessment in effect had seen, in log order. `log` is in (stamp, desk,
/// id) order and `review` is its fold (for what is undone).
pub fn heads<'a>(log: &'a [Event], review: &Review, indicator: usize) -> Vec<&'a Event> {
    let events: Vec<&Event> = log
        .iter()
        .filter(|e| on_indicator(e) == Some(indicator))
        .collect();
    heads_of(&events, &review.undone)
}

/// Every disputed indicator of the log, in indicator order.
pub fn disputes(log: &[Event], review: &Review) -> Vec<Dispute> {
    // One desk's assessments each follow the one before: no dispute, and
    // no need to build the graph of a long log.
    let mut desks = log
        .iter()
        .filter(|e| on_indicator(e).is_some())
        .map(|e| e.desk);
    if let Some(first) = desks.next()
        && desks.all(|d| d == first)
    {
        return Vec::new();
    }
    let mut by_indicator: HashMap<usize, Vec<&Event>> = HashMap::new();
    for e in log {
        if let Some(i) = on_indicator(e) {
            by_indicator.entry(i).or_default().push(e);
        }
    }
    let mut out: Vec<Dispute> = by_indicator
        .into_iter()
        .filter_map(|(indicator, events)| {
            let heads = heads_of(&events, &review.undone);
            let statuses: HashSet<Status> = heads.iter().filter_map(|e| status_to(e)).collect();
            (statuses.len() > 1).then(|| Dispute {
                indicator,
                sides: heads
                    .iter()
                    .filter_map(|e| {
                        Some(Side {
                            event: e.id.to_string(),
                            desk: e.desk.to_string(),
                            analyst: e.analyst.map(String::from),
                            status: status_to(e)?,
                            at: e.at,
                            stamp: e.stamp,
                        })
                    })
                    .collect(),
            })
        })
        .collect();
    out.sort_by_key(|d| d.indicator);
    out
}

fn on_indicator(e: &Event) -> Option<usize> {
    match &e.kind {
        EventKind::Status {
            item: ItemRef::Indicator(i),
            ..
        } => Some(*i),
        _ => None,
    }
}

fn status_to(e: &Event) -> Option<Status> {
    match &e.kind {
        EventKind::Status { to, .. } => Some(*to),
        _ => None,
    }
}

/// The heads among one indicator's status events (in log order). A long
/// log has hundreds of thousands of them: nothing here is allocated per
/// event beyond a few words in flat arrays.
fn heads_of<'a>(events: &[&'a Event], undone: &HashSet<String>) -> Vec<&'a Event> {
    fn seen_of(e: &Event) -> Option<&[EventId]> {
        match &e.kind {
            EventKind::Status { seen, .. } => seen.as_deref(),
            _ => None,
        }
    }
    // Where each id is (for the `seen` lists): (hash of the id, position),
    // sorted; an id repeated keeps its last position, as a map would.
    let mut position: Vec<(u64, usize)> = Vec::new();
    if events.iter().any(|e| seen_of(e).is_some()) {
        position = events
            .iter()
            .enumerate()
            .map(|(k, e)| (super::event::id_hash(&e.id), k))
            .collect();
        position.sort_unstable();
    }
    let find = |id: &str| -> Option<usize> {
        let h = super::event::id_hash(id);
        let from = position.partition_point(|&(x, _)| x < h);
        position[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, k)| k)
            .filter(|&k| events[k].id == id)
            .last()
    };
    // The direct "had seen" edges of each event, all pointing back in the
    // log (a stamp is above everything its author had seen, so a `seen`
    // that points forward is a damaged record and is ignored): event k's
    // are `parents[from[k]..from[k + 1]]`.
    let mut from: Vec<usize> = Vec::with_capacity(events.len() + 1);
    let mut parents: Vec<usize> = Vec::with_capacity(events.len());
    let mut last_of_desk: HashMap<&str, usize> = HashMap::new();
    for (k, e) in events.iter().enumerate() {
        from.push(parents.len());
        match seen_of(e) {
            Some(ids) => parents.extend(
                ids.iter()
                    .filter_map(|id| find(id.as_str()))
                    .filter(|&p| p < k),
            ),
            None if k > 0 => parents.push(k - 1),
            None => {}
        }
        if let Some(&p) = last_of_desk.get(e.desk.as_str()) {
            parents.push(p);
        }
        last_of_desk.insert(e.desk.as_str(), k);
    }
    from.push(parents.len());
    let is_undone = |e: &Event| !undone.is_empty() && undone.contains(e.id.as_str());
    // Newest first: by the time an event is reached, everything that had
    // seen it has been, so `covered` (seen by an assessment in effect,
    // directly or through any other event) is final.
    let mut covered = vec![false; events.len()];
    for k in (0..events.len()).rev() {
        if covered[k] || !is_undone(events[k]) {
            for &p in &parents[from[k]..from[k + 1]] {
                covered[p] = true;
            }
        }
    }
    events
        .iter()
        .enumerate()
        .filter(|(k, e)| !covered[*k] && !is_undone(e))
        .map(|(_, e)| *e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Desk, fold};
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, h, 0, 0)
            .single()
            .expect("a time")
    }

    fn status(i: usize, to: Status, seen: Option<Vec<&Event>>) -> EventKind {
        EventKind::Status {
            item: ItemRef::Indicator(i),
            from: Status::Watching,
            to,
            seen: seen.map(|s| s.iter().map(|e| e.id.clone()).collect()),
        }
    }

    fn sorted(mut log: Vec<Event>) -> Vec<Event> {
        crate::review::normalise_log(&mut log);
        log
    }

    #[test]
    fn concurrent_different_assessments_are_disputed_with_both_sides() {
        let mut a = Desk::new("deska", Some("AB".into()), 1);
        let mut b = Desk::new("deskb", Some("CD".into()), 2);
        let ea = a.event_at(1, t(10), status(0, Status::Observed, Some(vec![])));
        let eb = b.event_at(1, t(9), status(0, Status::NotObserved, Some(vec![])));
        let log = sorted(vec![ea.clone(), eb.clone()]);
        let review = fold(&log, 2);
        let d = disputes(&log, &review);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].indicator, 0);
        let mut sides: Vec<(&str, Option<&str>, Status)> = d[0]
            .sides
            .iter()
            .map(|s| (s.desk.as_str(), s.analyst.as_deref(), s.status))
            .collect();
        sides.sort_by_key(|s| s.0);
        assert_eq!(
            sides,
            [
                ("deska", Some("AB"), Status::Observed),
                ("deskb", Some("CD"), Status::NotObserved)
            ]
        );
        // A later assessment that had seen both resolves it.
        let ec = a.event_at(2, t(11), status(0, Status::Observed, Some(vec![&ea, &eb])));
        let log = sorted(vec![ea, eb, ec.clone()]);
        let review = fold(&log, 2);
        assert!(disputes(&log, &review).is_empty());
        assert_eq!(heads(&log, &review, 0), vec![&ec]);
    }

    #[test]
    fn agreement_and_seen_changes_are_not_disputes() {
        let mut a = Desk::new("deska", None, 1);
        let mut b = Desk::new("deskb", None, 2);
        // Same conclusion reached apart: two heads, one status.
        let ea = a.event_at(1, t(1), status(1, Status::Observed, Some(vec![])));
        let eb = b.event_at(1, t(2), status(1, Status::Observed, Some(vec![])));
        // B changes its mind having seen A: B's change covers A's.
        let eb2 = b.event_at(
            2,
            t(3),
            status(1, Status::NotObserved, Some(vec![&ea, &eb])),
        );
        let log = sorted(vec![ea, eb, eb2.clone()]);
        let review = fold(&log, 2);
        assert!(disputes(&log, &review).is_empty());
        assert_eq!(heads(&log, &review, 1), vec![&eb2]);
    }

    #[test]
    fn a_desk_has_seen_its_own_earlier_assessments() {
        let mut a = Desk::new("deska", None, 1);
        let e1 = a.event_at(1, t(1), status(0, Status::Observed, Some(vec![])));
        let e2 = a.event_at(2, t(2), status(0, Status::NotObserved, Some(vec![])));
        let log = sorted(vec![e1, e2.clone()]);
        let review = fold(&log, 1);
        assert!(disputes(&log, &review).is_empty());
        assert_eq!(heads(&log, &review, 0), vec![&e2]);
    }

    #[test]
    fn events_without_seen_are_taken_in_log_order() {
        // Two desks on one state file before `seen` existed.
        let mut a = Desk::new("deska", None, 1);
        let mut b = Desk::new("deskb", None, 2);
        let e1 = a.event_at(1, t(1), status(0, Status::Observed, None));
        let e2 = b.event_at(2, t(2), status(0, Status::NotObserved, None));
        let log = sorted(vec![e1, e2]);
        let review = fold(&log, 1);
        assert!(disputes(&log, &review).is_empty());
    }

    #[test]
    fn undoing_the_resolution_brings_the_dispute_back() {
        let mut a = Desk::new("deska", None, 1);
        let mut b = Desk::new("deskb", None, 2);
        let ea = a.event_at(1, t(1), status(0, Status::Observed, Some(vec![])));
        let eb = b.event_at(1, t(1), status(0, Status::NotObserved, Some(vec![])));
        let ec = a.event_at(2, t(2), status(0, Status::Observed, Some(vec![&ea, &eb])));
        let undo = a.event_at(
            3,
            t(3),
            EventKind::Undo {
                of: ec.id.to_string(),
            },
        );
        let log = sorted(vec![ea, eb, ec, undo]);
        let review = fold(&log, 1);
        let d = disputes(&log, &review);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].sides.len(), 2);
    }

    #[test]
    fn seen_is_transitive() {
        let mut a = Desk::new("deska", None, 1);
        let mut b = Desk::new("deskb", None, 2);
        let mut c = Desk::new("deskc", None, 3);
        let ea = a.event_at(1, t(1), status(0, Status::Observed, Some(vec![])));
        let eb = b.event_at(2, t(2), status(0, Status::NotObserved, Some(vec![&ea])));
        // C saw only B's, which had seen A's: C has seen A's too.
        let ec = c.event_at(3, t(3), status(0, Status::Observed, Some(vec![&eb])));
        let log = sorted(vec![ea, eb, ec.clone()]);
        let review = fold(&log, 1);
        assert_eq!(heads(&log, &review, 0), vec![&ec]);
    }
}
