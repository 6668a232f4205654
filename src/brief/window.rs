//! Watch windows as a brief writes them: a span ("the next 36 hours", "1.5
//! days") or the end of a named day ("by Friday", "through 4 July"). A
//! window is resolved against the instant the watch started and the
//! analyst's time zone; the result is a UTC deadline.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// The longest window a brief may name: a year (a leap year's worth).
pub const MAX_WINDOW: Duration = Duration::days(366);

/// A watch window, before it is counted from a start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WindowSpec {
    /// A length of time from the start: "the next 48 hours".
    Span(Duration),
    /// To the end of a day, in the analyst's time zone: "by Friday".
    EndOfDay(DayRef),
}

/// A day named in a brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayRef {
    /// The next such weekday on or after the start ("by Friday" on a Friday
    /// is the end of that Friday).
    Weekday(Weekday),
    /// A calendar day; without a year, its next occurrence on or after the
    /// start.
    Date {
        day: u32,
        month: u32,
        year: Option<i32>,
    },
}

impl WindowSpec {
    /// A span of whole hours.
    pub fn hours(h: i64) -> WindowSpec {
        WindowSpec::Span(Duration::hours(h))
    }

    /// The deadline: the start plus the span, or the end of the named day
    /// (midnight after it, local time) in `tz`. `None` when the arithmetic
    /// overflows, the date does not exist, or a named day ends before the
    /// start or more than a year after it.
    pub fn deadline_from<Tz: TimeZone>(
        &self,
        start: DateTime<Utc>,
        tz: &Tz,
    ) -> Option<DateTime<Utc>> {
        match *self {
            WindowSpec::Span(d) => start.checked_add_signed(d),
            WindowSpec::EndOfDay(day) => {
                let today = start.with_timezone(tz).date_naive();
                let date = day.on_or_after(today)?;
                let end = local_midnight(tz, date.succ_opt()?)?;
                (end > start && end - start <= MAX_WINDOW).then_some(end)
            }
        }
    }

    /// The window's length when it is not yet counted from a start: the span
    /// itself, or for a named day an estimate of seven days (the longest a
    /// weekday can be away). Use [`WindowSpec::deadline_from`] where the
    /// start is known.
    pub fn estimate(&self) -> Duration {
        match self {
            WindowSpec::Span(d) => *d,
            WindowSpec::EndOfDay(_) => Duration::days(7),
        }
    }

    /// Whole hours of [`WindowSpec::estimate`], rounded up.
    pub fn estimate_hours(&self) -> u32 {
        let minutes = self.estimate().num_minutes().max(0);
        u32::try_from((minutes + 59) / 60).unwrap_or(u32::MAX)
    }
}

impl DayRef {
    /// The first date on or after `today` that this names.
    pub fn on_or_after(&self, today: NaiveDate) -> Option<NaiveDate> {
        match *self {
            DayRef::Weekday(w) => {
                let ahead =
                    (7 + w.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
                today.checked_add_days(chrono::Days::new(u64::from(ahead)))
            }
            DayRef::Date {
                day,
                month,
                year: Some(y),
            } => NaiveDate::from_ymd_opt(y, month, day),
            DayRef::Date {
                day,
                month,
                year: None,
            } => (0..=8)
                .filter_map(|k| NaiveDate::from_ymd_opt(today.year().checked_add(k)?, month, day))
                .find(|d| *d >= today),
        }
    }
}

/// The UTC instant of local midnight at the start of `date`. In a
/// daylight-saving gap the first local time after it.
fn local_midnight<Tz: TimeZone>(tz: &Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight: NaiveDateTime = date.and_hms_opt(0, 0, 0)?;
    (0..=4)
        .filter_map(|h| midnight.checked_add_signed(Duration::minutes(30 * h)))
        .find_map(|t| tz.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&Utc))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a month, 1-based; `?` outside 1..=12.
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|m| MONTHS.get(m as usize))
        .copied()
        .unwrap_or("?")
}

impl fmt::Display for DayRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DayRef::Weekday(w) => {
                let name = match w {
                    Weekday::Mon => "Monday",
                    Weekday::Tue => "Tuesday",
                    Weekday::Wed => "Wednesday",
                    Weekday::Thu => "Thursday",
                    Weekday::Fri => "Friday",
                    Weekday::Sat => "Saturday",
                    Weekday::Sun => "Sunday",
                };
                f.write_str(name)
            }
            DayRef::Date { day, month, year } => {
                write!(f, "{day} {}", month_name(*month))?;
                match year {
                    Some(y) => write!(f, " {y}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// "36 hours", "2 hours 30 minutes", "to the end of Friday".
impl fmt::Display for WindowSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WindowSpec::Span(d) => {
                let minutes = d.num_minutes();
                let (h, m) = (minutes / 60, minutes % 60);
                let plural = |n: i64| if n == 1 { "" } else { "s" };
                match (h, m) {
                    (h, 0) => write!(f, "{h} hour{}", plural(h)),
                    (0, m) => write!(f, "{m} minute{}", plural(m)),
                    (h, m) => write!(f, "{h} hour{} {m} minute{}", plural(h), plural(m)),
                }
            }
            WindowSpec::EndOfDay(day) => write!(f, "to the end of {day}"),
        }
    }
}

/// How a window is written in the state file (a correction's window):
/// `{"span_seconds": 129600}`, `{"weekday": "Fri"}` or `{"day": 4,
/// "month": 7}` (with `"year"` when the brief names one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct WindowRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    span_seconds: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weekday: Option<Weekday>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
}

impl Serialize for WindowSpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut r = WindowRecord {
            span_seconds: None,
            weekday: None,
            day: None,
            month: None,
            year: None,
        };
        match *self {
            WindowSpec::Span(d) => r.span_seconds = Some(d.num_seconds()),
            WindowSpec::EndOfDay(DayRef::Weekday(w)) => r.weekday = Some(w),
            WindowSpec::EndOfDay(DayRef::Date { day, month, year }) => {
                (r.day, r.month, r.year) = (Some(day), Some(month), year);
            }
        }
        r.serialize(s)
    }
}

impl<'de> Deserialize<'de> for WindowSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let r = WindowRecord::deserialize(d)?;
        match r {
            WindowRecord {
                span_seconds: Some(secs),
                ..
            } => Duration::try_seconds(secs)
                .map(WindowSpec::Span)
                .ok_or_else(|| D::Error::custom(format!("window of {secs} s is out of range"))),
            WindowRecord {
                weekday: Some(w), ..
            } => Ok(WindowSpec::EndOfDay(DayRef::Weekday(w))),
            WindowRecord {
                day: Some(day),
                month: Some(month),
                year,
                ..
            } => Ok(WindowSpec::EndOfDay(DayRef::Date { day, month, year })),
            _ => Err(D::Error::custom(
                "a window needs span_seconds, weekday, or day and month",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, Offset};

    /// A test instant; a malformed literal gives the epoch, which no
    /// assertion below expects, so the test fails on it.
    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    /// The offset `hours` east of UTC (UTC itself if out of range, which no
    /// assertion below expects).
    fn east(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap_or(Utc.fix())
    }

    #[test]
    fn spans_add_to_the_start() {
        let start = at("2026-11-26T14:30:00Z");
        let utc = east(0);
        let w = WindowSpec::Span(Duration::minutes(150));
        assert_eq!(
            w.deadline_from(start, &utc),
            Some(at("2026-11-26T17:00:00Z"))
        );
        assert_eq!(w.to_string(), "2 hours 30 minutes");
        assert_eq!(w.estimate_hours(), 3);
        let huge = WindowSpec::Span(Duration::MAX);
        assert_eq!(huge.deadline_from(start, &utc), None);
    }

    #[test]
    fn weekdays_end_at_local_midnight() {
        // Thursday 26 November 2026, 14:30 UTC; the analyst is at UTC+2.
        let start = at("2026-11-26T14:30:00Z");
        let tz = east(2);
        let fri = WindowSpec::EndOfDay(DayRef::Weekday(Weekday::Fri));
        // Midnight after Friday, local, is Saturday 00:00 +02:00.
        assert_eq!(
            fri.deadline_from(start, &tz),
            Some(at("2026-11-27T22:00:00Z"))
        );
        // "by Thursday" on a Thursday: the end of that day.
        let thu = WindowSpec::EndOfDay(DayRef::Weekday(Weekday::Thu));
        assert_eq!(
            thu.deadline_from(start, &tz),
            Some(at("2026-11-26T22:00:00Z"))
        );
        // Late on Thursday in UTC is already Friday at UTC+10.
        let east = east(10);
        let late = at("2026-11-26T20:00:00Z");
        assert_eq!(
            thu.deadline_from(late, &east),
            Some(at("2026-12-03T14:00:00Z"))
        );
    }

    #[test]
    fn dates_roll_to_the_next_year_and_past_dates_have_none() {
        let start = at("2026-11-26T14:30:00Z");
        let utc = east(0);
        let july = WindowSpec::EndOfDay(DayRef::Date {
            day: 4,
            month: 7,
            year: None,
        });
        assert_eq!(
            july.deadline_from(start, &utc),
            Some(at("2027-07-05T00:00:00Z"))
        );
        let dec = WindowSpec::EndOfDay(DayRef::Date {
            day: 12,
            month: 12,
            year: None,
        });
        assert_eq!(
            dec.deadline_from(start, &utc),
            Some(at("2026-12-13T00:00:00Z"))
        );
        let past = WindowSpec::EndOfDay(DayRef::Date {
            day: 1,
            month: 1,
            year: Some(2020),
        });
        assert_eq!(past.deadline_from(start, &utc), None);
        let never = WindowSpec::EndOfDay(DayRef::Date {
            day: 31,
            month: 2,
            year: None,
        });
        assert_eq!(never.deadline_from(start, &utc), None);
        assert_eq!(dec.to_string(), "to the end of 12 December");
    }
}
