//! A watch's life on the desk: it arrives, its alerts are acknowledged, it
//! is closed and perhaps reopened. Each step is an event of its log.

use chrono::{DateTime, Utc};

use super::Watch;
use crate::clock::Level;
use crate::review::{Disposition, EventKind, ItemRef};

impl Watch {
    /// The watch is on the board (not closed).
    pub fn is_open(&self) -> bool {
        self.review.closed.is_none()
    }

    /// Record that the brief came onto the desk (it rings once).
    pub fn arrive(&mut self, now: DateTime<Utc>, via: &str) {
        self.record(now, EventKind::Arrived { via: via.into() });
    }

    /// Close the watch. `Err` when it is closed already.
    pub fn close(
        &mut self,
        now: DateTime<Utc>,
        disposition: Disposition,
        reason: Option<String>,
    ) -> Result<(), &'static str> {
        if !self.is_open() {
            return Err("the watch is closed already");
        }
        let reason = reason
            .map(|r| r.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|r| !r.is_empty());
        self.record(
            now,
            EventKind::Closed {
                disposition,
                reason,
            },
        );
        Ok(())
    }

    /// Open a closed watch again. `Err` when it is open.
    pub fn reopen(&mut self, now: DateTime<Utc>) -> Result<(), &'static str> {
        if self.is_open() {
            return Err("the watch is open");
        }
        self.record(now, EventKind::Reopened);
        Ok(())
    }

    /// Something is waiting to be acknowledged: an alert, or the brief's
    /// arrival.
    pub fn has_unacked(&self) -> bool {
        self.review.arrival_unacked || !self.review.unacked.is_empty()
    }

    /// The unacknowledged alert on an indicator, if any.
    pub fn unacked_level(&self, indicator: usize) -> Option<Level> {
        self.review
            .unacked
            .get(&ItemRef::Indicator(indicator))
            .copied()
    }

    /// Acknowledge the alerts on `item` (all of them with `None`) and the
    /// brief's arrival. False when there was nothing to acknowledge.
    pub fn acknowledge(&mut self, now: DateTime<Utc>, item: Option<ItemRef>) -> bool {
        let pending = match item {
            Some(i) => self.review.unacked.contains_key(&i),
            None => !self.review.unacked.is_empty(),
        };
        if !pending && !self.review.arrival_unacked {
            return false;
        }
        self.record(now, EventKind::Acknowledged { item });
        true
    }

    /// The brief's title cut to `max` characters, for rows and the status
    /// line.
    pub fn short_title(&self, max: usize) -> String {
        crate::text::truncate(&plain(&self.brief.title), max)
    }

    /// Indicators observed, and indicators in all.
    pub fn counts(&self) -> (usize, usize) {
        let n = self.brief.indicators.len();
        let observed = (0..n)
            .filter(|&i| self.review.status_of(i) == crate::review::Status::Observed)
            .count();
        (observed, n)
    }

    /// Indicators still being watched.
    pub fn open_indicators(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.brief.indicators.len())
            .filter(|&i| self.review.status_of(i) == crate::review::Status::Watching)
    }
}

/// Text with control characters (escape sequences' lead-ins, line breaks)
/// turned into spaces, for one-line places: rows, titles, the status line.
pub fn plain(s: &str) -> String {
    // No control character (C0, DEL, or C1, which UTF-8 starts with 0xC2):
    // copied as it is.
    if !s.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return s.to_string();
    }
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
