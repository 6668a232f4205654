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
    let rank = title_ranks(watches);
    let rows: Vec<Urgent> = open_rows(watches, now, t).collect();
    // Sorted as packed keys with the row's place (a board has a thousand
    // rows, sorted for every frame): the same order as `row_key`'s.
    let mut keys: Vec<(u128, u64, usize)> = rows
        .iter()
        .enumerate()
        .map(|(n, u)| {
            let (hi, lo) = packed_key(&row_key(u, &rank));
            (hi, lo, n)
        })
        .collect();
    keys.sort_unstable();
    keys.into_iter().map(|(_, _, n)| rows[n]).collect()
}

/// [`RowKey`] as two integers in the same order: no deadline, the
/// deadline's seconds and nanoseconds, the level (higher first); then the
/// title's rank and the indicator.
fn packed_key(k: &RowKey) -> (u128, u64) {
    let (none, deadline, std::cmp::Reverse(level), rank, indicator) = *k;
    // i64 to u64, order kept.
    let (secs, nanos) = deadline.map_or((0, 0), |d| {
        (
            (d.timestamp() as u64) ^ (1 << 63),
            u64::from(d.timestamp_subsec_nanos()),
        )
    });
    let level = match level {
        None => 0,
        Some(l) => 1 + l as u128,
    };
    let hi = (u128::from(none) << 100)
        | (u128::from(secs) << 36)
        | (u128::from(nanos) << 4)
        | (7 - level);
    let low32 = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    (
        hi,
        (u64::from(low32(rank)) << 32) | u64::from(low32(indicator)),
    )
}

/// The first of [`board_order`]'s rows, without ordering the rest.
pub fn most_urgent_row(watches: &[Watch], now: DateTime<Utc>, t: Thresholds) -> Option<Urgent> {
    let rank = title_ranks(watches);
    open_rows(watches, now, t).min_by_key(|u| row_key(u, &rank))
}

fn open_rows(
    watches: &[Watch],
    now: DateTime<Utc>,
    t: Thresholds,
) -> impl Iterator<Item = Urgent> + '_ {
    watches
        .iter()
        .enumerate()
        .filter(|(_, w)| w.is_open())
        .flat_map(move |(wi, w)| {
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
}

/// Each watch's place among the watches ordered by title, then by index.
fn title_ranks(watches: &[Watch]) -> Vec<usize> {
    let mut by_title: Vec<usize> = (0..watches.len()).collect();
    // Stable: equal titles keep the watches' order.
    by_title.sort_by(|&a, &b| watches[a].brief.title.cmp(&watches[b].brief.title));
    let mut rank = vec![0; watches.len()];
    for (r, &w) in by_title.iter().enumerate() {
        rank[w] = r;
    }
    rank
}

/// What orders a row: no deadline last, the nearest deadline, the higher
/// level, the title (its rank) and the indicator's number.
type RowKey = (
    bool,
    Option<DateTime<Utc>>,
    std::cmp::Reverse<Option<Level>>,
    usize,
    usize,
);

fn row_key(u: &Urgent, rank: &[usize]) -> RowKey {
    (
        u.deadline.is_none(),
        u.deadline,
        std::cmp::Reverse(u.level),
        rank.get(u.watch).copied().unwrap_or(usize::MAX),
        u.indicator,
    )
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
    let Some(top) = most_urgent_row(watches, now, t) else {
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
