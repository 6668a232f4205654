//! Time as the desk shows it: countdowns, urgency levels, date-time groups.
//!
//! Deadlines are UTC instants. Everything here takes `now` as an argument, so
//! a countdown is recomputed from the wall clock at every tick and is right
//! after a laptop sleeps or the clock is adjusted.

use chrono::{DateTime, Datelike, Duration, Local, TimeZone, Timelike, Utc};

use serde::{Deserialize, Serialize};

/// An indicator's urgency level, from the time left before its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Normal,
    Amber,
    Red,
    Expired,
}

/// When an indicator turns amber and red.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    pub amber: Duration,
    pub red: Duration,
}

impl Thresholds {
    /// The amber threshold as people read it: `24 h`, `1.5 h`.
    pub fn amber_text(&self) -> String {
        hours_text(self.amber)
    }

    /// The red threshold as people read it: `6 h`, `0.5 h`.
    pub fn red_text(&self) -> String {
        hours_text(self.red)
    }
}

/// A span in hours, with one decimal when it is not whole: `24 h`, `1.5 h`.
pub fn hours_text(d: Duration) -> String {
    let minutes = d.num_minutes();
    if minutes % 60 == 0 {
        format!("{} h", minutes / 60)
    } else {
        let tenths = (minutes * 10 + 30) / 60;
        format!("{}.{} h", tenths / 10, tenths % 10)
    }
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            amber: Duration::hours(24),
            red: Duration::hours(6),
        }
    }
}

/// The wall clock, as the desk and the commands read it.
///
/// Debug builds (tests) honour `WATCHDESK_CLOCK_SKEW`, a number of seconds
/// (negative for behind) added to the system clock, so that one machine can
/// play two desks whose clocks differ. Release builds ignore it.
pub fn wall_now() -> DateTime<Utc> {
    let now = Utc::now();
    #[cfg(debug_assertions)]
    {
        static SKEW: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
        let skew = *SKEW.get_or_init(|| {
            std::env::var("WATCHDESK_CLOCK_SKEW")
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .unwrap_or(0)
        });
        if let Some(t) = now.checked_add_signed(Duration::seconds(skew)) {
            return t;
        }
    }
    now
}

/// Seconds left until `deadline`, never negative.
pub fn remaining_seconds(deadline: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (deadline - now).num_seconds().max(0)
}

/// A countdown as `HH:MM:SS`; hours run past 24 (`71:59:58`).
pub fn countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// A countdown on the board, where dozens show at once: to the minute
/// (`71h 59m`) while an hour or more is left, to the second (`00:42:17`)
/// within the last hour. Rows far off then change once a minute, not every
/// second (the idle bytes of a board of many watches).
pub fn board_countdown(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3600 {
        format!("{:02}h {:02}m", s / 3600, (s / 60) % 60)
    } else {
        countdown(s)
    }
}

/// A short human span: `3d 04h`, `5h 12m`, `42m`, `18s`.
pub fn span(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        s if s >= 86_400 => format!("{}d {:02}h", s / 86_400, (s / 3600) % 24),
        s if s >= 3600 => format!("{}h {:02}m", s / 3600, (s / 60) % 60),
        s if s >= 60 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

/// The urgency of a deadline at `now`.
pub fn level(deadline: DateTime<Utc>, now: DateTime<Utc>, t: Thresholds) -> Level {
    let left = deadline - now;
    if left <= Duration::zero() {
        Level::Expired
    } else if left <= t.red {
        Level::Red
    } else if left <= t.amber {
        Level::Amber
    } else {
        Level::Normal
    }
}

/// A military date-time group in Zulu time: `261430Z NOV 26`.
/// A date-time group to the second, for logs: `261430:05Z NOV 26`.
pub fn dtg_secs(t: DateTime<Utc>) -> String {
    let d = dtg(t);
    match d.find('Z') {
        Some(z) => format!("{}:{:02}{}", &d[..z], t.second(), &d[z..]),
        None => d,
    }
}

pub fn dtg(t: DateTime<Utc>) -> String {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    format!(
        "{:02}{:02}{:02}Z {} {:02}",
        t.day(),
        t.hour(),
        t.minute(),
        MONTHS[t.month0() as usize],
        t.year().rem_euclid(100)
    )
}

/// Local time, for the second place after the DTG: `Thu 26 Nov 09:30 EST`.
pub fn local(t: DateTime<Utc>) -> String {
    local_in(t, &Local)
}

/// Local time in a given zone (tests pass a fixed offset).
pub fn local_in<Tz: TimeZone>(t: DateTime<Utc>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.with_timezone(tz).format("%a %d %b %H:%M %Z").to_string()
}

/// Local time in a fixed zone, or the system's own when `None`.
pub fn local_opt(t: DateTime<Utc>, offset: Option<chrono::FixedOffset>) -> String {
    match offset {
        Some(tz) => local_in(t, &tz),
        None => local(t),
    }
}

/// The DTG followed by local time: `261430Z NOV 26 (Thu 26 Nov 09:30 EST)`.
pub fn both(t: DateTime<Utc>) -> String {
    format!("{} ({})", dtg(t), local(t))
}

/// Round a time down to the whole second.
pub fn whole_second(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("test time")
    }

    #[test]
    fn board_countdown_is_to_the_minute_beyond_an_hour() {
        assert_eq!(board_countdown(72 * 3600), "72h 00m");
        assert_eq!(board_countdown(71 * 3600 + 59 * 60 + 58), "71h 59m");
        assert_eq!(board_countdown(3600), "01h 00m");
        assert_eq!(board_countdown(3599), "00:59:59");
        assert_eq!(board_countdown(0), "00:00:00");
        assert_eq!(board_countdown(-5), "00:00:00");
    }

    #[test]
    fn countdown_runs_past_a_day() {
        assert_eq!(countdown(72 * 3600 - 2), "71:59:58");
        assert_eq!(countdown(0), "00:00:00");
        assert_eq!(countdown(-5), "00:00:00");
        assert_eq!(countdown(3661), "01:01:01");
        assert_eq!(countdown(100 * 3600), "100:00:00");
    }

    #[test]
    fn dtg_is_zulu_day_hour_minute_month_year() {
        assert_eq!(dtg(at("2026-11-26T14:30:59Z")), "261430Z NOV 26");
        assert_eq!(dtg(at("2027-01-02T03:04:00Z")), "020304Z JAN 27");
        assert_eq!(dtg(at("2000-12-31T23:59:59Z")), "312359Z DEC 00");
        assert_eq!(dtg(at("2109-06-09T00:00:00Z")), "090000Z JUN 09");
    }

    #[test]
    fn local_time_uses_the_zone() {
        let est = FixedOffset::west_opt(5 * 3600).expect("offset");
        assert_eq!(
            local_in(at("2026-11-26T14:30:00Z"), &est),
            "Thu 26 Nov 09:30 -05:00"
        );
    }

    #[test]
    fn levels_at_the_edges() {
        let d = at("2026-11-29T00:00:00Z");
        let t = Thresholds::default();
        assert_eq!(level(d, d - Duration::hours(25), t), Level::Normal);
        assert_eq!(level(d, d - Duration::hours(24), t), Level::Amber);
        assert_eq!(level(d, d - Duration::hours(6), t), Level::Red);
        assert_eq!(level(d, d - Duration::seconds(1), t), Level::Red);
        assert_eq!(level(d, d, t), Level::Expired);
        assert_eq!(level(d, d + Duration::hours(1), t), Level::Expired);
    }

    #[test]
    fn thresholds_read_in_hours() {
        assert_eq!(hours_text(Duration::hours(24)), "24 h");
        assert_eq!(hours_text(Duration::minutes(90)), "1.5 h");
        assert_eq!(hours_text(Duration::minutes(20)), "0.3 h");
        let t = Thresholds::default();
        assert_eq!(
            (t.amber_text(), t.red_text()),
            ("24 h".into(), "6 h".into())
        );
    }

    #[test]
    fn spans() {
        assert_eq!(span(3 * 86_400 + 4 * 3600), "3d 04h");
        assert_eq!(span(5 * 3600 + 12 * 60), "5h 12m");
        assert_eq!(span(42 * 60 + 5), "42m");
        assert_eq!(span(18), "18s");
    }
}
