//! How a watch reads its brief: from the text it was given and the
//! corrections in its log. The brief's file is never edited; a correction
//! is an event of the review, so it travels, merges and undoes like any
//! other, and the brief is built again whenever the corrections in effect
//! change.
//!
//! A watch whose text the parser refuses is *unread*: it has its text, its
//! log and the refusal, and a stand-in brief with the title and nothing to
//! watch. Only the outline view works on it, until corrections make a
//! reading.
//!
//! Indicators (and themes) are known by their index. A correction that adds
//! or removes indicators before others moves the statuses, notes and alerts
//! recorded by index onto whichever indicator now has that index; events
//! about an index past the end are kept in the log and ignored, and come
//! back if the correction is undone.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::Watch;
use crate::brief::{
    self, Brief, BriefId, BriefSource, Correction, Outline, ParseError, WindowSpec,
};
use crate::review::{self, Desk, Event, EventKind};

impl Watch {
    /// A watch on a brief's text, read with the corrections in `log`. A
    /// text the parser refuses makes an unread watch.
    pub fn from_text(text: Arc<str>, source: BriefSource, log: Vec<Event>, desk: Desk) -> Self {
        Watch::from_kept(text, source, log, desk, |_| None).unwrap_or_else(ToRead::read)
    }

    /// A watch on a brief's text whose reading `kept` has for the
    /// corrections in effect (a reading kept beside the text, see
    /// `store::readings`; it must be of this very text): the parser is not
    /// run. When `kept` has none, the watch still to be read.
    pub fn from_kept(
        text: Arc<str>,
        source: BriefSource,
        log: Vec<Event>,
        desk: Desk,
        kept: impl FnOnce(&[Correction]) -> Option<Brief>,
    ) -> Result<Self, ToRead> {
        // Folded once, when the brief is read: the corrections in effect
        // need only what is undone.
        let mut w = Watch::unfolded(unread_placeholder(), source, log, desk);
        w.review.undone = review::undone(&w.log);
        w.text = Some(text);
        match kept(&w.corrections()) {
            Some(brief) => {
                w.brief = brief;
                w.refusal = None;
                w.applied = w.correction_ids();
                w.refold();
                Ok(w)
            }
            None => Err(ToRead(Box::new(w))),
        }
    }

    /// The reading was refused: why. Only the outline view works on the
    /// watch until it is read.
    pub fn unread(&self) -> Option<&ParseError> {
        self.refusal.as_ref()
    }

    /// The brief's id: that of its text, read or not.
    pub fn id(&self) -> &BriefId {
        &self.brief.id
    }

    /// The corrections in effect, in log order (undone ones left out).
    pub fn corrections(&self) -> Vec<Correction> {
        self.log
            .iter()
            .filter(|e| !self.review.undone.contains(e.id.as_str()))
            .filter_map(|e| match &e.kind {
                EventKind::Correction { correction } => Some(correction.clone()),
                _ => None,
            })
            .collect()
    }

    /// The ids of the corrections in effect.
    fn correction_ids(&self) -> Vec<String> {
        self.log
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Correction { .. }))
            .filter(|e| !self.review.undone.contains(e.id.as_str()))
            .map(|e| e.id.to_string())
            .collect()
    }

    /// The reading with `pending` corrections added after those in effect:
    /// what accepting them would give. Without a text (a watch built from a
    /// brief), the brief as it is.
    pub fn preview(&self, pending: &[Correction]) -> (Result<Brief, ParseError>, Outline) {
        match &self.text {
            Some(text) => {
                let mut all = self.corrections();
                all.extend_from_slice(pending);
                brief::apply_corrections_with_outline(text, &all)
            }
            None => (Ok(self.brief.clone()), Outline::default()),
        }
    }

    /// Record corrections as events, and read the brief again. How many
    /// were recorded.
    pub fn correct(&mut self, now: DateTime<Utc>, corrections: Vec<Correction>) -> usize {
        let n = corrections.len();
        for correction in corrections {
            self.record(now, EventKind::Correction { correction });
        }
        n
    }

    /// Read the brief again if the corrections in effect changed since it
    /// was last read (a correction recorded, undone, redone or merged in).
    pub(super) fn reread_if_changed(&mut self) {
        if self.text.is_some() && self.correction_ids() != self.applied {
            self.reread();
        }
    }

    /// Read the brief from its text and the corrections in effect, and fold
    /// the log again for its indicators.
    pub(super) fn reread(&mut self) {
        let Some(text) = self.text.clone() else {
            return;
        };
        match brief::apply_corrections(&text, &self.corrections()) {
            Ok(b) => {
                self.brief = b;
                self.refusal = None;
            }
            Err(e) => {
                // A refused reading shows nothing to watch, not a stale one.
                self.brief = stand_in(&text);
                self.refusal = Some(e);
            }
        }
        self.applied = self.correction_ids();
        self.refold();
    }

    /// The window as the desk shows it: "48 hours", "to the end of Friday",
    /// with "(assumed)" when the brief names none and no correction set one.
    pub fn window_label(&self) -> String {
        let mut s = match self.brief.window {
            WindowSpec::Span(_) => self.brief.window.to_string(),
            WindowSpec::EndOfDay(d) => format!("to end of {d}"),
        };
        if self.brief.window_assumed {
            s += " (assumed)";
        }
        s
    }
}

/// A watch on a text that the parser has still to read (see
/// [`Watch::from_kept`]).
#[derive(Debug)]
pub struct ToRead(Box<Watch>);

impl ToRead {
    /// Read the text with the corrections in the log: the watch.
    pub fn read(self) -> Watch {
        let mut w = *self.0;
        w.reread();
        w
    }
}

/// The brief of a watch before its text is read: nothing, and nothing to
/// watch (replaced at once by the reading or by [`stand_in`]).
fn unread_placeholder() -> Brief {
    nothing_to_watch(BriefId(String::new()), String::new())
}

/// The brief of an unread watch: its id and a title (the first line with
/// text), and nothing to watch.
pub fn stand_in(text: &str) -> Brief {
    let title = brief::text_lines(text)
        .into_iter()
        .map(|l| l.trim().to_string())
        .find(|l| !l.is_empty())
        .map(|l| crate::text::truncate(&l, 80))
        .unwrap_or_else(|| "(empty brief)".to_string());
    nothing_to_watch(BriefId::of_text(text), title)
}

/// A brief with an id and a title and nothing else: no themes, no
/// indicators, the default window (assumed).
fn nothing_to_watch(id: BriefId, title: String) -> Brief {
    Brief {
        id,
        title,
        themes: Vec::new(),
        washington: None,
        outlook_intro: String::new(),
        outlook_closing: String::new(),
        window_hours: brief::DEFAULT_WINDOW_HOURS,
        window: WindowSpec::hours(i64::from(brief::DEFAULT_WINDOW_HOURS)),
        window_assumed: true,
        indicators: Vec::new(),
    }
}
