//! Questions asked of a watch: its one-line status, and search.

use chrono::{DateTime, Duration, Utc};

use super::Watch;
use crate::clock::{self, Level, Thresholds};
use crate::review::{ItemRef, Status};

impl Watch {
    /// One line of at most 80 characters for a tmux status bar, a shell
    /// prompt or the terminal title: `WD 1/3 obs | I2 05:12:09 RED`.
    pub fn status_line(&self, now: DateTime<Utc>, t: Thresholds, stale_after: Duration) -> String {
        let n = self.brief.indicators.len();
        let observed = (0..n)
            .filter(|&i| self.review.status_of(i) == Status::Observed)
            .count();
        let mut line = format!("WD {observed}/{n} obs");
        match self.most_urgent(now, t) {
            Some((i, left, level)) => {
                line += &format!(" | I{} {}", i + 1, clock::countdown(left));
                line += match level {
                    Level::Normal => "",
                    Level::Amber => " AMBER",
                    Level::Red => " RED",
                    Level::Expired => " EXPIRED",
                };
            }
            None if self.window_start().is_some() => line += " | all closed",
            None => {}
        }
        if self.is_stale(now, stale_after) {
            line += " | STALE";
        }
        crate::text::truncate(&line, 80)
    }

    /// Every item whose text or notes contain `query` (any case), in screen
    /// order.
    pub fn search_matches(&self, query: &str) -> Vec<ItemRef> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let has = |s: &str| s.to_lowercase().contains(&q);
        let noted = |item: ItemRef| self.review.notes_on(item).any(|n| has(&n.text));
        let mut out = Vec::new();
        for (i, t) in self.brief.themes.iter().enumerate() {
            let item = ItemRef::Theme(i);
            if has(&t.title) || t.paragraphs.iter().any(|p| has(p)) || noted(item) {
                out.push(item);
            }
        }
        if let Some(w) = &self.brief.washington {
            let whole = has(&w.title) || noted(ItemRef::Washington);
            for (i, p) in w.paragraphs.iter().enumerate() {
                let item = ItemRef::WashingtonNote(i);
                if has(p) || noted(item) || (whole && i == 0) {
                    out.push(item);
                }
            }
        }
        for (i, ind) in self.brief.indicators.iter().enumerate() {
            let item = ItemRef::Indicator(i);
            if has(&ind.text) || noted(item) {
                out.push(item);
            }
        }
        out
    }
}
