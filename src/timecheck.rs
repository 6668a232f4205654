//! Times read from files, checked before anything computes with them. A
//! state file can hold any time chrono can parse (years up to 262143): a
//! window start so far ahead that its deadline cannot be represented is
//! reported, with the brief and the event that set it, instead of
//! panicking in `DateTime + Duration`.

use chrono::{DateTime, Duration, Utc};

use crate::review::{Event, EventKind};

/// `start + window`, or `None` past the last representable time.
pub fn deadline(start: DateTime<Utc>, window: Duration) -> Option<DateTime<Utc>> {
    start.checked_add_signed(window)
}

/// What is wrong with a brief's watch window, if anything: its start (from
/// `log`) plus `window` is out of range. Names the brief and the event.
pub fn window_problem(
    brief_id: &str,
    log: &[Event],
    start: Option<DateTime<Utc>>,
    window: Duration,
) -> Option<String> {
    let start = start?;
    if deadline(start, window).is_some() {
        return None;
    }
    let event = log
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::WindowSet { start: s, .. } if s == start))
        .map_or_else(|| "(none)".to_string(), |e| e.id.to_string());
    Some(format!(
        "brief {brief_id}, event {event}: the watch window starts at {}, and {} h after that is past the last time this program can count to; \
         the window has no deadline",
        start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        window.num_hours()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_far_future_start_is_a_problem_naming_the_event() {
        let start: DateTime<Utc> = "+262142-12-31T00:00:00Z".parse().expect("time");
        let mut desk = crate::review::Desk::new("d1", None, 1);
        let mut event = desk.next(
            start,
            EventKind::WindowSet {
                start,
                explicit: true,
            },
        );
        event.id = "ev-1".into();
        let log = vec![event];
        assert_eq!(deadline(start, Duration::hours(72)), None);
        let p = window_problem("abc", &log, Some(start), Duration::hours(72)).expect("a problem");
        assert!(
            p.contains("brief abc, event ev-1") && p.contains("+262142-12-31T00:00:00Z"),
            "{p}"
        );
        let ok: DateTime<Utc> = "2026-11-26T14:30:00Z".parse().expect("time");
        assert_eq!(
            window_problem("abc", &log, Some(ok), Duration::hours(72)),
            None
        );
        assert_eq!(window_problem("abc", &log, None, Duration::hours(72)), None);
    }
}
