use chrono::{DateTime, Duration, FixedOffset, Utc};

use super::*;
use crate::brief::{self, BriefId, Correction, WindowSpec};
use crate::clock::Thresholds;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn at(s: &str) -> Result<DateTime<Utc>> {
    Ok(s.parse()?)
}

/// A watch on the embedded brief, titled `title`, its window started at
/// `start`.
fn watch(title: &str, start: DateTime<Utc>, n: u64) -> Result<Watch> {
    let text = brief::DEFAULT_BRIEF_TEXT.replacen(
        "Nuclear Proliferation Reshapes Alliance Priorities",
        &format!("{title}\n\nNuclear Proliferation Reshapes Alliance Priorities"),
        1,
    );
    let mut w = Watch::from_text(
        text.into(),
        BriefSource::Default,
        Vec::new(),
        Desk::new("test", None, n),
    );
    if w.unread().is_some() {
        return Err("the brief is not read".into());
    }
    w.ensure_window(start, Some(start));
    Ok(w)
}

/// Every deadline as counted from scratch.
fn counted(w: &Watch) -> Vec<Option<DateTime<Utc>>> {
    (0..=w.brief.indicators.len())
        .map(|i| w.count_deadline(i))
        .collect()
}

fn kept(w: &Watch) -> Vec<Option<DateTime<Utc>>> {
    (0..=w.brief.indicators.len())
        .map(|i| w.deadline(i))
        .collect()
}

#[test]
fn kept_deadlines_follow_the_window_the_reading_and_the_time_zone() -> Result {
    let mut w = watch("Kept", at("2026-11-26T14:30:00Z")?, 1)?;
    assert_eq!(kept(&w), counted(&w));
    assert!(w.deadline(0).is_some());
    assert_eq!(w.deadline(w.brief.indicators.len()), None, "past the end");
    let now = at("2026-11-26T15:00:00Z")?;
    // The window moved.
    w.ensure_window(now, Some(at("2026-11-25T00:00:00Z")?));
    assert_eq!(kept(&w), counted(&w));
    assert_eq!(w.deadline(0), Some(at("2026-11-28T00:00:00Z")?));
    // The reading corrected: a named day, and an indicator's own deadline.
    let friday = brief::read_window("by Friday")?;
    w.correct(
        now,
        vec![
            Correction::SetWindow(friday),
            Correction::SetDeadline {
                indicator: 1,
                deadline: Some(WindowSpec::hours(6)),
            },
        ],
    );
    assert_eq!(kept(&w), counted(&w));
    assert_eq!(w.deadline(1), Some(at("2026-11-25T06:00:00Z")?));
    // Another time zone set on the watch: counted in it.
    w.utc_offset = FixedOffset::east_opt(14 * 3600);
    assert_eq!(kept(&w), counted(&w));
    w.utc_offset = FixedOffset::west_opt(11 * 3600);
    assert_eq!(kept(&w), counted(&w));
    // Undone: back to the window as read.
    w.undo(now, Thresholds::default());
    assert_eq!(kept(&w), counted(&w));
    Ok(())
}

/// The board's order as it was first written: a stable sort on the
/// deadline, the level, the title, the watch and the indicator.
fn reference(watches: &[Watch], now: DateTime<Utc>, t: Thresholds) -> Vec<Urgent> {
    let mut rows: Vec<Urgent> = Vec::new();
    for (wi, w) in watches.iter().enumerate().filter(|(_, w)| w.is_open()) {
        for i in w.open_indicators() {
            let deadline = w.deadline(i);
            rows.push(Urgent {
                watch: wi,
                indicator: i,
                deadline,
                level: deadline.map(|d| clock::level(d, now, t)),
            });
        }
    }
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

#[test]
fn the_board_order_is_by_deadline_level_title_watch_and_indicator() -> Result {
    let t = Thresholds::default();
    let now = at("2026-11-26T12:00:00Z")?;
    let mut watches = vec![
        watch("Bravo", at("2026-11-25T00:00:00Z")?, 1)?,
        watch("Alpha", at("2026-11-25T00:00:00Z")?, 2)?,
        watch("Bravo", at("2026-11-25T00:00:00Z")?, 3)?,
        watch("Charlie", at("2026-11-24T00:00:00Z")?, 4)?,
        watch("Alpha", at("2026-11-26T00:00:00Z")?, 5)?,
    ];
    // An indicator with a deadline of its own, one settled, one not started.
    watches[2].correct(
        now,
        vec![Correction::SetDeadline {
            indicator: 2,
            deadline: Some(WindowSpec::hours(30)),
        }],
    );
    watches[0].set_status(now, 1, Status::Observed).ok();
    watches.push(Watch::from_text(
        brief::DEFAULT_BRIEF_TEXT.into(),
        BriefSource::Default,
        Vec::new(),
        Desk::new("test", None, 6),
    ));
    for later in [0, 30, 20 * 3600, 80 * 3600] {
        let now = now + Duration::seconds(later);
        let order = board_order(&watches, now, t);
        assert_eq!(order, reference(&watches, now, t));
        assert_eq!(
            many::most_urgent_row(&watches, now, t),
            order.first().copied()
        );
    }
    assert_eq!(
        BriefId::of_text(brief::DEFAULT_BRIEF_TEXT),
        watches[5].brief.id
    );
    Ok(())
}

#[test]
fn plain_turns_every_control_into_a_space() {
    let reference = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    for s in [
        "plain ASCII text",
        "tab\there",
        "line\nbreak\r\n",
        "esc\u{1b}[31m",
        "del\u{7f}",
        "next line\u{85}C1",
        "no-break\u{a0}space",
        "café naïve",
        "漢字 ✓ 👍",
        "",
    ] {
        assert_eq!(plain(s), reference(s), "{s:?}");
    }
}
