//! The change log's words for an event.

use super::{Event, EventKind, Level, Status};
use crate::clock::Thresholds;

/// One line for the change log: `I2 watching → observed`.
/// Alert lines name the thresholds `t` the desk runs with.
pub fn describe(event: &Event, log: &[Event], t: Thresholds) -> String {
    match &event.kind {
        EventKind::WindowSet { start, explicit } => format!(
            "watch window {} from {}",
            if *explicit { "set" } else { "started" },
            crate::clock::dtg(*start)
        ),
        EventKind::Status { item, from, to, .. } => {
            let closing = *from == Status::Watching
                && log.iter().any(|a| {
                    a.stamp < event.stamp
                        && matches!(a.kind, EventKind::Alert { item: ai, level: Level::Expired } if ai == *item)
                });
            if closing {
                format!(
                    "{item} closing assessment, after the deadline: {}",
                    to.label()
                )
            } else {
                format!("{item} {} → {}", from.label(), to.label())
            }
        }
        EventKind::Reviewed {
            item,
            reviewed: true,
        } => format!("{item} marked reviewed"),
        EventKind::Reviewed {
            item,
            reviewed: false,
        } => format!("{item} unmarked (not reviewed)"),
        EventKind::Note {
            item,
            text,
            source,
            confidence,
            author,
        } => {
            let mut s = format!(
                "{item} note: {}",
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            let mut meta = Vec::new();
            if let Some(src) = source {
                meta.push(format!("source: {src}"));
            }
            if let Some(c) = confidence {
                meta.push(format!("confidence: {}", c.as_str()));
            }
            if let Some(a) = author {
                meta.push(format!("by {a}"));
            }
            if !meta.is_empty() {
                s += &format!(" ({})", meta.join("; "));
            }
            s
        }
        EventKind::NoteCorrected { of, item, text } => {
            let was = log
                .iter()
                .find(|e| e.id == **of)
                .and_then(|e| match &e.kind {
                    EventKind::Note { text, .. } => Some(one_line(text)),
                    _ => None,
                });
            match (text, was) {
                (Some(t), Some(w)) => format!("{item} note edited: {} (was: {w})", one_line(t)),
                (Some(t), None) => format!("{item} note edited: {}", one_line(t)),
                (None, Some(w)) => format!("{item} note withdrawn: {w}"),
                (None, None) => format!("{item} note withdrawn"),
            }
        }
        EventKind::Undo { of } | EventKind::Redo { of } => {
            let word = if matches!(event.kind, EventKind::Undo { .. }) {
                "undo"
            } else {
                "redo"
            };
            match log.iter().find(|e| &e.id == of) {
                Some(target) => format!("{word}: {}", describe(target, log, t)),
                None => format!("{word} of an event not in this log"),
            }
        }
        EventKind::Alert { item, level } => {
            let what = match level {
                Level::Normal => "back to normal".to_string(),
                Level::Amber => format!("AMBER: {} or less left", t.amber_text()),
                Level::Red => format!("RED: {} or less left", t.red_text()),
                Level::Expired => "EXPIRED: the window has closed".to_string(),
            };
            format!("{item} {what}")
        }
        EventKind::Arrived { via } => format!("brief came onto the desk ({via})"),
        EventKind::Acknowledged { item: Some(item) } => format!("{item} alerts acknowledged"),
        EventKind::Acknowledged { item: None } => "all alerts acknowledged".to_string(),
        EventKind::Closed {
            disposition,
            reason,
        } => match reason {
            Some(r) => format!("watch closed: {disposition} ({r})"),
            None => format!("watch closed: {disposition}"),
        },
        EventKind::Reopened => "watch reopened".to_string(),
        EventKind::Handover { to, report } => match report {
            Some(r) => format!("watch handed over to {to} (report: {r})"),
            None => format!("watch handed over to {to}"),
        },
        EventKind::Accept { of } => match log.iter().find(|e| e.id == *of).map(|e| &e.kind) {
            Some(EventKind::Handover { to, .. }) => format!("handover to {to} accepted"),
            _ => "a handover accepted".to_string(),
        },
        EventKind::Correction { correction } => {
            format!("reading corrected: {}", describe_correction(correction))
        }
    }
}

/// A correction in words: "lines 3-5 marked as an indicator", "window set
/// to 48 hours".
pub fn describe_correction(c: &crate::brief::Correction) -> String {
    use crate::brief::{Correction, Mark};
    match c {
        Correction::Mark {
            first_line,
            last_line,
            mark,
        } => {
            let lines = if first_line >= last_line {
                format!("line {first_line}")
            } else {
                format!("lines {first_line}-{last_line}")
            };
            let what = match mark {
                Mark::ThemeHeading => "a theme heading",
                Mark::Washington => "the Washington angle",
                Mark::Outlook => "the Outlook",
                Mark::Indicator => "an indicator",
                Mark::PassedOver => "passed over",
                Mark::Text => "text (as read)",
            };
            format!("{lines} marked as {what}")
        }
        Correction::SetWindow(w) => format!("window set: {w}"),
        Correction::SetDeadline {
            indicator,
            deadline: Some(d),
        } => format!("I{} deadline set: {d}", indicator + 1),
        Correction::SetDeadline {
            indicator,
            deadline: None,
        } => format!("I{} follows the window", indicator + 1),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
