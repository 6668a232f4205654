//! Questions asked of every watch at once: the board's order and the one
//! status line across watches.

use chrono::{DateTime, Duration, Utc};

use super::Watch;
use crate::clock::{self, Level, Thresholds};

/// One open indicator of an open watch, with what orders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Urgent {
    /// Index into the watches.
    pub watch: usize,
    pub indicator: usize,
    /// None before the window starts (such rows sort last).
    pub deadline: Option<DateTime<Utc>>,
    pub level: Option<Level>,
}

/// Every open indicator of every open watch, most urgent first: the
/// nearest deadline, then the higher level, then the brief's title and the
/// indicator's number (so the order is the same on every frame).
pub fn board_order(watches: &[Watch], now: DateTime<Utc>, t: Thresholds) -> Vec<Urgent> {
    let mut rows: Vec<Urgent> = watches
        .iter()
        .enumerate()
        .filter(|(_, w)| w.is_open())
        .flat_map(|(wi, w)| {
            w.open_indicators().map(move |i| {
                let deadline = w.deadline(i);
                Urgent {
                    watch: wi,
                    indicator: i,
                    deadline,
                    level: deadline.map(|d| clock::level(d, now, t)),
                }
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |u: &Urgent| (u.deadline.is_none(), u.deadline, std::cmp::Reverse(u.level));
        key(a)
            .cmp(&key(b))
            .then_with(|| {
                watches[a.watch]
                    .brief
                    .title
                    .cmp(&watches[b.watch].brief.title)
            })
            .then_with(|| a.watch.cmp(&b.watch))
            .then_with(|| a.indicator.cmp(&b.indicator))
    });
    rows
}

/// The watches, most urgent first: open ones by their nearest open
/// deadline (those with nothing left to watch after them), then closed
/// ones, newest closure first.
pub fn watch_order(watches: &[Watch]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..watches.len()).collect();
    idx.sort_by_cached_key(|&i| {
        let w = &watches[i];
        let next = w.open_indicators().filter_map(|i| w.deadline(i)).min();
        (
            !w.is_open(),
            next.is_none(),
            next,
            std::cmp::Reverse(w.review.closed.as_ref().map(|c| c.at)),
            i,
        )
    });
    idx
}

const LINE_MAX: usize = 80;

/// One line of at most 80 characters across every open watch, for a tmux
/// status bar, a prompt or the terminal title:
/// `WD 3 watches 2/11 obs | I2 Alliance priorities 05:12:09 RED | 1 alert`.
/// With one open watch it is that watch's own line.
pub fn summary_line(
    watches: &[Watch],
    now: DateTime<Utc>,
    t: Thresholds,
    stale_after: Duration,
) -> String {
    let open: Vec<&Watch> = watches.iter().filter(|w| w.is_open()).collect();
    match open.as_slice() {
        [] => return "WD no open watches".to_string(),
        [one] => return one.status_line(now, t, stale_after),
        _ => {}
    }
    let (obs, total) = open.iter().fold((0, 0), |(o, n), w| {
        let (a, b) = w.counts();
        (o + a, n + b)
    });
    let head = format!("WD {} watches {obs}/{total} obs", open.len());
    let alerts = open.iter().filter(|w| w.has_unacked()).count();
    let tail = if alerts > 0 {
        format!(" | {alerts} to ack")
    } else {
        String::new()
    };
    let Some(top) = board_order(watches, now, t).into_iter().next() else {
        return crate::text::truncate(&format!("{head} | all closed{tail}"), LINE_MAX);
    };
    let w = &watches[top.watch];
    let when = match top.deadline {
        Some(d) => clock::countdown(clock::remaining_seconds(d, now)),
        None => "not started".to_string(),
    };
    let level = match top.level {
        Some(Level::Amber) => " AMBER",
        Some(Level::Red) => " RED",
        Some(Level::Expired) => " EXPIRED",
        _ => "",
    };
    let label = format!("I{}", top.indicator + 1);
    let fixed = head.len() + 3 + label.len() + 1 + 1 + when.len() + level.len() + tail.len();
    let room = LINE_MAX.saturating_sub(fixed).max(4);
    let line = format!(
        "{head} | {label} {} {when}{level}{tail}",
        w.short_title(room)
    );
    crate::text::truncate(&line, LINE_MAX)
}
