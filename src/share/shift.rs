//! Shift sign-over: who holds a watch, and whether a handover waits to be
//! accepted. A pure reading of the log.
//!
//! A handover names the incoming analyst; it is pending until an accept
//! names it. A newer handover replaces a pending one. Before any accepted
//! handover the watch is held by whoever started its window (the analyst of
//! its first window event), when known.

use chrono::{DateTime, Utc};

use crate::review::{Event, EventKind};

/// A handover not yet accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The handover event's id (what `accept` names).
    pub id: String,
    /// Who handed over (the analyst, or the desk when no analyst is set).
    pub from: String,
    pub to: String,
    pub report: Option<String>,
    pub at: DateTime<Utc>,
}

/// Who holds a watch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shift {
    /// The analyst holding the watch, when known.
    pub holder: Option<String>,
    /// When the holder took it (the accept, or the first window event).
    pub since: Option<DateTime<Utc>>,
    /// A handover waiting for the incoming analyst to accept it.
    pub pending: Option<Pending>,
}

fn who(e: &Event) -> String {
    e.analyst.unwrap_or(e.desk).to_string()
}

/// Who holds the watch whose log (in (stamp, desk, id) order) is `log`.
pub fn shift(log: &[Event]) -> Shift {
    let mut s = Shift::default();
    for e in log {
        match &e.kind {
            EventKind::WindowSet { .. } if s.holder.is_none() && s.since.is_none() => {
                s.holder = e.analyst.map(String::from);
                s.since = Some(e.at);
            }
            EventKind::Handover { to, report } => {
                s.pending = Some(Pending {
                    id: e.id.to_string(),
                    from: who(e),
                    to: to.to_string(),
                    report: report.clone(),
                    at: e.at,
                });
            }
            EventKind::Accept { of } => {
                if let Some(p) = s.pending.take_if(|p| p.id == *of) {
                    s.holder = Some(p.to);
                    s.since = Some(e.at);
                }
            }
            _ => {}
        }
    }
    s
}

/// The handover report's file name: `handover-<brief id>-<UTC time>.md`.
pub fn handover_file_name(brief: &str, now: DateTime<Utc>) -> String {
    format!("handover-{brief}-{}.md", now.format("%Y%m%dT%H%M%SZ"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::Desk;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, h, 0, 0)
            .single()
            .expect("a time")
    }

    #[test]
    fn a_handover_is_pending_until_accepted() {
        let mut a = Desk::new("deska", Some("AB".into()), 1);
        let mut b = Desk::new("deskb", Some("CD".into()), 2);
        let start = a.next(
            t(1),
            EventKind::WindowSet {
                start: t(1),
                explicit: false,
            },
        );
        let log = vec![start.clone()];
        assert_eq!(shift(&log).holder.as_deref(), Some("AB"));
        assert!(shift(&log).pending.is_none());
        let hand = a.next(
            t(8),
            EventKind::Handover {
                to: "CD".into(),
                report: Some("r.md".into()),
            },
        );
        let log = vec![start.clone(), hand.clone()];
        let s = shift(&log);
        assert_eq!(s.holder.as_deref(), Some("AB"));
        let p = s.pending.expect("pending");
        assert_eq!((p.from.as_str(), p.to.as_str()), ("AB", "CD"));
        assert_eq!(p.report.as_deref(), Some("r.md"));
        // An accept of something else does nothing.
        let stray = b.event_at(3, t(9), EventKind::Accept { of: "nope".into() });
        let ok = b.event_at(
            4,
            t(9),
            EventKind::Accept {
                of: hand.id.to_string(),
            },
        );
        let log = vec![start, hand, stray, ok];
        let s = shift(&log);
        assert_eq!(s.holder.as_deref(), Some("CD"));
        assert_eq!(s.since, Some(t(9)));
        assert!(s.pending.is_none());
    }

    #[test]
    fn a_newer_handover_replaces_a_pending_one() {
        let mut a = Desk::new("deska", Some("AB".into()), 1);
        let h1 = a.next(
            t(1),
            EventKind::Handover {
                to: "X".into(),
                report: None,
            },
        );
        let h2 = a.next(
            t(2),
            EventKind::Handover {
                to: "Y".into(),
                report: None,
            },
        );
        let late = a.next(
            t(3),
            EventKind::Accept {
                of: h1.id.to_string(),
            },
        );
        let s = shift(&[h1, h2.clone(), late]);
        assert_eq!(s.holder, None);
        assert_eq!(s.pending.map(|p| p.id), Some(h2.id.to_string()));
    }
}
