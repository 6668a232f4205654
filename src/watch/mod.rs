//! A watch: one brief, its event log, the folded review and its alert
//! state, with the operations on them. It knows nothing of the terminal:
//! the desk, `status`, `export` and the report all work on watches.
//!
//! Every deadline is computed by [`Watch::deadline`], and nowhere else.

mod lifecycle;
mod many;
mod query;
mod reading;
#[cfg(test)]
mod tests;

pub use reading::{ToRead, stand_in};

pub use lifecycle::plain;
pub use many::{Urgent, board_order, summary_line, watch_order};

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};

use crate::brief::{Brief, BriefSource, ParseError};
use crate::clock::{self, Level, Thresholds};
use crate::review::{self, Desk, Event, EventKind, ItemRef, Review, Status};

/// Indicators that crossed into a new urgency level together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crossing {
    pub level: Level,
    pub indicators: Vec<usize>,
    /// The deadline of the first of them.
    pub deadline: DateTime<Utc>,
}

/// One brief under watch.
#[derive(Debug, Clone)]
pub struct Watch {
    /// The brief as read. Changed only by the watch itself (its reading),
    /// which counts the deadlines again.
    pub brief: Brief,
    pub source: BriefSource,
    /// The review log, in (stamp, desk, id) order. Shared with the save effect, which
    /// is dropped before the next change, so appending does not copy it.
    pub log: Arc<Vec<Event>>,
    /// The fold of `log`, kept in step with it.
    pub review: Review,
    /// Who records here: the desk, its analyst and its event ids.
    pub desk: Desk,
    /// Alerts raised by a read-only desk, which records nothing.
    pub local_alerts: HashSet<(ItemRef, Level)>,
    /// Alerts in the log first seen stamped later than now (a desk whose
    /// clock ran ahead, a forward jump since corrected): not taken as rung;
    /// the real crossing rings again.
    pub early_alerts: HashSet<(ItemRef, Level)>,
    /// The change generation: bumped by every new event.
    pub generation: u64,
    /// The last generation the state file is known to hold.
    pub saved_generation: u64,
    /// Indicators whose assessments disagree, made without seeing each
    /// other (kept in step with `log`).
    pub disputes: Vec<review::Dispute>,
    /// The brief's text, when the watch was opened from it: the brief is
    /// read again from it with the corrections in the log (see
    /// [`Watch::from_text`]). `None` for a watch built from a brief.
    pub text: Option<Arc<str>>,
    /// Why the text could not be read (the watch is unread).
    refusal: Option<ParseError>,
    /// The ids of the corrections the brief was last read with.
    applied: Vec<String>,
    /// The analyst's time zone for named days ("by Friday"); `None` is the
    /// system's own.
    pub utc_offset: Option<FixedOffset>,
    /// The indicators' deadlines as last computed (see [`Watch::deadline`]).
    deadlines: Deadlines,
}

/// The indicators' deadlines, computed when the log or the reading changes
/// (a board asks for a thousand of them every second), with the start and
/// time zone they were counted from: they are used only while those still
/// hold and the brief has as many indicators.
#[derive(Debug, Clone, Default)]
struct Deadlines {
    start: Option<DateTime<Utc>>,
    utc_offset: Option<FixedOffset>,
    at: Vec<Option<DateTime<Utc>>>,
}

impl Watch {
    /// A watch on a brief with the log found in the state file, kept at
    /// `desk`.
    pub fn new(brief: Brief, source: BriefSource, log: Vec<Event>, desk: Desk) -> Self {
        let mut w = Watch::unfolded(brief, source, log, desk);
        w.refold();
        w
    }

    /// A watch whose review is not folded yet (the caller folds it): only
    /// the log is put in order.
    pub(super) fn unfolded(
        brief: Brief,
        source: BriefSource,
        mut log: Vec<Event>,
        desk: Desk,
    ) -> Self {
        review::normalise_log(&mut log);
        Watch {
            brief,
            source,
            log: Arc::new(log),
            review: Review::default(),
            desk,
            local_alerts: HashSet::new(),
            early_alerts: HashSet::new(),
            generation: 0,
            saved_generation: 0,
            disputes: Vec::new(),
            text: None,
            refusal: None,
            applied: Vec::new(),
            utc_offset: None,
            deadlines: Deadlines::default(),
        }
    }

    pub fn has_unsaved(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// The start of the watch window (set when the brief is first opened).
    pub fn window_start(&self) -> Option<DateTime<Utc>> {
        self.review.window_start
    }

    /// When `indicator` must be settled: its own deadline when it names one
    /// ("within 24 hours", "by Thursday"), else the window's end, counted
    /// from the window's start in the analyst's time zone. The one place a
    /// deadline is computed. None before the window starts, for an index
    /// past the end, for a window that runs past chrono's range and for a
    /// named day that cannot be reached from the start.
    pub fn deadline(&self, indicator: usize) -> Option<DateTime<Utc>> {
        let d = &self.deadlines;
        if d.start == self.window_start()
            && d.utc_offset == self.utc_offset
            && d.at.len() == self.brief.indicators.len()
        {
            return d.at.get(indicator).copied().flatten();
        }
        self.count_deadline(indicator)
    }

    /// [`Watch::deadline`], counted.
    fn count_deadline(&self, indicator: usize) -> Option<DateTime<Utc>> {
        // Checked: the start comes from a file (see `timecheck`); the
        // window's arithmetic is checked in `WindowSpec::deadline_from`.
        let start = self.window_start()?;
        match self.utc_offset {
            Some(tz) => self.brief.indicator_deadline_from(indicator, start, &tz),
            None => self
                .brief
                .indicator_deadline_from(indicator, start, &chrono::Local),
        }
    }

    /// The end of the whole watch: the latest of the indicators' deadlines.
    pub fn window_end(&self) -> Option<DateTime<Utc>> {
        (0..self.brief.indicators.len())
            .filter_map(|i| self.deadline(i))
            .max()
    }

    /// Seconds left before `indicator`'s deadline (0 once past, or with no
    /// deadline).
    pub fn remaining(&self, indicator: usize, now: DateTime<Utc>) -> i64 {
        self.deadline(indicator)
            .map_or(0, |d| clock::remaining_seconds(d, now))
    }

    /// `indicator`'s urgency at `now`, once the window has started.
    pub fn level(&self, indicator: usize, now: DateTime<Utc>, t: Thresholds) -> Option<Level> {
        self.deadline(indicator).map(|d| clock::level(d, now, t))
    }

    /// Append an event to the log, keeping the fold in step. Returns its id.
    pub fn record(&mut self, now: DateTime<Utc>, kind: EventKind) -> String {
        // The Lamport clock: one more than the highest stamp seen, so the
        // new event sorts after everything in the log.
        let event = self.desk.event(&self.log, now, kind);
        let id = event.id.to_string();
        let assessed = matches!(
            event.kind,
            EventKind::Status { .. } | EventKind::Undo { .. } | EventKind::Redo { .. }
        );
        let newest = self.log.last().is_none_or(|l| l.order(&event).is_lt());
        let log = Arc::make_mut(&mut self.log);
        log.push(event);
        if !newest {
            review::normalise_log(log);
            self.refold();
        } else if !review::apply_newest(&mut self.review, &log[log.len() - 1]) {
            self.refold();
        } else if assessed || !self.disputes.is_empty() {
            self.disputes = review::disputes(&self.log, &self.review);
        }
        self.generation += 1;
        if matches!(
            self.log.last().map(|e| &e.kind),
            Some(EventKind::Correction { .. } | EventKind::Undo { .. } | EventKind::Redo { .. })
        ) || !newest
        {
            self.reread_if_changed();
        }
        self.count_deadlines();
        id
    }

    fn refold(&mut self) {
        // The old review goes first: a long log's notes are not held twice.
        self.review = Review::default();
        self.disputes = Vec::new();
        self.review = review::fold(&self.log, self.brief.indicators.len());
        self.disputes = review::disputes(&self.log, &self.review);
        self.count_deadlines();
    }

    /// Count every indicator's deadline again (the window's start or the
    /// reading may have changed).
    fn count_deadlines(&mut self) {
        self.deadlines = Deadlines {
            start: self.window_start(),
            utc_offset: self.utc_offset,
            at: (0..self.brief.indicators.len())
                .map(|i| self.count_deadline(i))
                .collect(),
        };
    }

    /// The dispute over `indicator`, if its assessments disagree.
    pub fn dispute(&self, indicator: usize) -> Option<&review::Dispute> {
        self.disputes.iter().find(|d| d.indicator == indicator)
    }

    /// Start the window if it has not started, or move it to an explicit
    /// `issued` time. True when that recorded an event.
    pub fn ensure_window(&mut self, now: DateTime<Utc>, issued: Option<DateTime<Utc>>) -> bool {
        let kind = match (issued, self.window_start()) {
            (Some(at), current) if current != Some(at) => EventKind::WindowSet {
                start: at,
                explicit: true,
            },
            (None, None) => EventKind::WindowSet {
                start: clock::whole_second(now),
                explicit: false,
            },
            _ => return false,
        };
        self.record(now, kind);
        true
    }

    /// Set an indicator's status. `Err(status)` when it already is that.
    pub fn set_status(
        &mut self,
        now: DateTime<Utc>,
        i: usize,
        to: Status,
    ) -> Result<Status, Status> {
        let from = self.review.status_of(i);
        if from == to {
            return Err(to);
        }
        // What this desk had seen of the indicator's assessments: a
        // colleague's made without seeing ours is a dispute (review::disputes).
        let seen = review::heads(&self.log, &self.review, i)
            .into_iter()
            .map(|e| e.id.clone())
            .collect();
        self.record(
            now,
            EventKind::Status {
                item: ItemRef::Indicator(i),
                from,
                to,
                seen: Some(seen),
            },
        );
        Ok(from)
    }

    /// Flip whether a theme or Washington note is reviewed; the new state.
    pub fn toggle_reviewed(&mut self, now: DateTime<Utc>, item: ItemRef) -> bool {
        let reviewed = !self.review.is_reviewed(item);
        self.record(now, EventKind::Reviewed { item, reviewed });
        reviewed
    }

    /// Undo this desk's newest review action still in effect (never a
    /// colleague's); what it was.
    pub fn undo(&mut self, now: DateTime<Utc>, t: Thresholds) -> Option<String> {
        let target = review::undo_target(&self.log, &self.review, &self.desk.id)?;
        let (of, what) = (
            target.id.to_string(),
            review::describe(target, &self.log, t),
        );
        self.record(now, EventKind::Undo { of });
        Some(what)
    }

    /// Redo what this desk last undid; what it was.
    pub fn redo(&mut self, now: DateTime<Utc>, t: Thresholds) -> Option<String> {
        let target = review::redo_target(&self.log, &self.review, &self.desk.id)?;
        let (of, what) = (
            target.id.to_string(),
            review::describe(target, &self.log, t),
        );
        self.record(now, EventKind::Redo { of });
        Some(what)
    }

    /// Merge events from disk (the file's log, or what a save found there
    /// that ours lacked) into ours; nothing of ours is lost. How many events
    /// were new.
    pub fn absorb(&mut self, log: &[Event]) -> usize {
        // Nothing new (a save that found only ours, a reload of our own
        // write): no 10,000-event rebuild.
        // (Whole records compared: an id with other content is news.)
        if log.len() <= self.log.len() && log.iter().zip(self.log.iter()).all(|(a, b)| a == b) {
            return 0;
        }
        let before = self.log.len();
        let merged = review::merge(&self.log, log);
        if merged.len() != before {
            self.log = Arc::new(merged);
            self.refold();
            self.reread_if_changed();
        }
        self.log.len() - before
    }

    /// Whether an alert at `level` (or a later one) was raised for `item`.
    fn alerted(&self, item: ItemRef, level: Level) -> bool {
        let raised = |l: Level| {
            (self.review.alerts.contains(&(item, l)) && !self.early_alerts.contains(&(item, l)))
                || self.local_alerts.contains(&(item, l))
        };
        [Level::Amber, Level::Red, Level::Expired]
            .into_iter()
            .filter(|l| *l >= level)
            .any(raised)
    }

    /// The open indicators that crossed into a new level at `now` and have
    /// not been alerted for it, grouped by level (most urgent first).
    ///
    /// An alert in the log stamped later than `now` (beyond
    /// [`CLOCK_TOLERANCE`]) was recorded by a clock that was ahead: it is
    /// not taken as rung for the real crossing, here or later (the first
    /// sight of it is remembered), until this desk rings it itself.
    pub fn alerts_due(&mut self, now: DateTime<Utc>, t: Thresholds) -> Vec<Crossing> {
        for (key, at) in &self.review.alert_at {
            if is_ahead(*at, now) {
                self.early_alerts.insert(*key);
            }
        }
        let mut out: Vec<Crossing> = Vec::new();
        for i in 0..self.brief.indicators.len() {
            if self.review.status_of(i) != Status::Watching {
                continue;
            }
            let Some(deadline) = self.deadline(i) else {
                continue;
            };
            let level = clock::level(deadline, now, t);
            if level == Level::Normal || self.alerted(ItemRef::Indicator(i), level) {
                continue;
            }
            match out.iter_mut().find(|c| c.level == level) {
                Some(c) => c.indicators.push(i),
                None => out.push(Crossing {
                    level,
                    indicators: vec![i],
                    deadline,
                }),
            }
        }
        out.sort_by_key(|c| std::cmp::Reverse(c.level));
        out
    }

    /// Remember that `crossing` was alerted: in the log, or (read-only) in
    /// memory only.
    pub fn raise(&mut self, now: DateTime<Utc>, crossing: &Crossing, record: bool) {
        for &i in &crossing.indicators {
            let item = ItemRef::Indicator(i);
            self.early_alerts.remove(&(item, crossing.level));
            if record {
                self.record(
                    now,
                    EventKind::Alert {
                        item,
                        level: crossing.level,
                    },
                );
            } else {
                self.local_alerts.insert((item, crossing.level));
            }
        }
    }

    /// The most urgent open indicator: `(index, seconds left, level)`.
    pub fn most_urgent(&self, now: DateTime<Utc>, t: Thresholds) -> Option<(usize, i64, Level)> {
        (0..self.brief.indicators.len())
            .filter(|&i| self.review.status_of(i) == Status::Watching)
            .filter_map(|i| Some((i, self.deadline(i)?)))
            .min_by_key(|&(i, d)| (d, i))
            .map(|(i, d)| (i, clock::remaining_seconds(d, now), clock::level(d, now, t)))
    }

    /// When the review was last touched (or the window started).
    pub fn last_touched(&self) -> Option<DateTime<Utc>> {
        self.review.last_touched.or_else(|| self.opened())
    }

    /// When the watch came onto a desk: its window's start, or later when
    /// it was first opened after that (an `--issued` time in the past), so
    /// that a brief opened for the first time is never already stale.
    fn opened(&self) -> Option<DateTime<Utc>> {
        let first_set = self.log.iter().find_map(|e| match e.kind {
            EventKind::WindowSet { .. } => Some(e.at),
            _ => None,
        });
        [self.window_start(), self.review.arrived, first_set]
            .into_iter()
            .flatten()
            .max()
    }

    /// Nothing has changed for longer than `stale_after`.
    pub fn is_stale(&self, now: DateTime<Utc>, stale_after: chrono::Duration) -> bool {
        self.last_touched().is_some_and(|t| now - t > stale_after)
    }
}

/// How far ahead of this desk's clock an event's wall time may be before
/// it is taken as stamped by a clock that was ahead.
pub const CLOCK_TOLERANCE: chrono::Duration = chrono::Duration::minutes(2);

/// Whether wall time `at` lies beyond `now` + [`CLOCK_TOLERANCE`]: stamped
/// by a clock that was ahead (shown as such in the change log).
pub fn is_ahead(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now.checked_add_signed(CLOCK_TOLERANCE)
        .is_some_and(|limit| at > limit)
}
