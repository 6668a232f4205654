//! The times `--issued` and `--since` take: RFC 3339, a date-time group,
//! or a date. A time of day without a zone is refused, saying so: guessing
//! the zone would move a deadline by hours.
//!
//! | form | example | means |
//! | --- | --- | --- |
//! | RFC 3339, any offset | `2026-11-26T14:30:00Z`, `2026-11-26T09:30:00-05:00` | that instant |
//! | the same without seconds | `2026-11-26T14:30Z` | that instant |
//! | a DTG (Zulu) | `261430Z NOV 26`, `261430ZNOV2026` | that instant |
//! | a DTG without the year | `261430Z NOV` | the nearest such time to now (this year, last or next) |
//! | a date | `2026-11-26` | 00:00Z that day |

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

const EXAMPLES: &str =
    "for example 2026-11-26T14:30:00Z, 261430Z NOV 26 (a DTG) or 2026-11-26 (00:00Z that day)";

/// Read a time as the command line gives it; `now` places a DTG without a
/// year.
pub fn parse(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    // With a zone, without seconds (or with a space for the T).
    let zoned = s
        .strip_suffix(['Z', 'z'])
        .map_or_else(|| s.to_string(), |r| format!("{r}+00:00"));
    for f in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%d %H:%M%:z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
    ] {
        if let Ok(t) = DateTime::<FixedOffset>::parse_from_str(&zoned, f) {
            return Ok(t.with_timezone(&Utc));
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if NaiveDateTime::parse_from_str(s, f).is_ok() {
            return Err(format!(
                "`{s}` has no time zone: add Z for UTC or an offset such as +01:00 ({s}Z or {s}+01:00)"
            ));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d
            .and_hms_opt(0, 0, 0)
            .map(|t| Utc.from_utc_datetime(&t))
            .ok_or_else(|| format!("`{s}`: not a time ({EXAMPLES})"));
    }
    if let Some(t) = dtg(s, now)? {
        return Ok(t);
    }
    Err(format!("`{s}`: not a time ({EXAMPLES})"))
}

/// `DDHHMMZ MON YY`: Ok(None) when `s` does not look like a DTG at all.
fn dtg(s: &str, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>, String> {
    let compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let compact = compact.to_ascii_uppercase();
    let b = compact.as_bytes();
    if b.len() < 10 || !b[..6].iter().all(u8::is_ascii_digit) || !b[6].is_ascii_alphabetic() {
        return Ok(None);
    }
    if b[6] != b'Z' {
        return Err(format!(
            "`{s}`: only Zulu date-time groups are read (DDHHMMZ MON YY, such as 261430Z NOV 26)"
        ));
    }
    let num = |r: std::ops::Range<usize>| compact[r].parse::<u32>().unwrap_or(99);
    let (day, hour, minute) = (num(0..2), num(2..4), num(4..6));
    let Some(month) = MONTHS.iter().position(|m| compact[7..].starts_with(m)) else {
        return Err(format!("`{s}`: no month after the Z (JAN ... DEC)"));
    };
    let year_text = &compact[10..];
    let bad = || format!("`{s}`: not a date-time group (DDHHMMZ MON YY, such as 261430Z NOV 26)");
    let at = |year: i32| {
        NaiveDate::from_ymd_opt(year, month as u32 + 1, day)
            .and_then(|d| d.and_hms_opt(hour, minute, 0))
            .map(|t| Utc.from_utc_datetime(&t))
    };
    let year: i32 = match year_text.len() {
        0 => {
            // The nearest such time to now.
            let y = chrono::Datelike::year(&now);
            return [y - 1, y, y + 1]
                .into_iter()
                .filter_map(at)
                .min_by_key(|t| (*t - now).num_seconds().abs())
                .map(Some)
                .ok_or_else(bad);
        }
        2 => 2000 + year_text.parse::<i32>().map_err(|_| bad())?,
        4 => year_text.parse::<i32>().map_err(|_| bad())?,
        _ => return Err(bad()),
    };
    at(year).map(Some).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().expect("test time")
    }

    fn now() -> DateTime<Utc> {
        at("2026-11-20T00:00:00Z")
    }

    #[test]
    fn rfc3339_in_any_offset() {
        assert_eq!(
            parse("2026-11-26T14:30:00Z", now()),
            Ok(at("2026-11-26T14:30:00Z"))
        );
        assert_eq!(
            parse(" 2026-11-26T09:30:00-05:00 ", now()),
            Ok(at("2026-11-26T14:30:00Z"))
        );
        assert_eq!(
            parse("2026-11-26T14:30Z", now()),
            Ok(at("2026-11-26T14:30:00Z"))
        );
        assert_eq!(
            parse("2026-11-26 15:30+01:00", now()),
            Ok(at("2026-11-26T14:30:00Z"))
        );
    }

    #[test]
    fn date_time_groups() {
        assert_eq!(
            parse("261430Z NOV 26", now()),
            Ok(at("2026-11-26T14:30:00Z"))
        );
        assert_eq!(
            parse("261430z nov 26", now()),
            Ok(at("2026-11-26T14:30:00Z"))
        );
        assert_eq!(
            parse("261430ZNOV2026", now()),
            Ok(at("2026-11-26T14:30:00Z"))
        );
        assert_eq!(
            parse("010000Z JAN 27", now()),
            Ok(at("2027-01-01T00:00:00Z"))
        );
        // Without the year: the nearest to now.
        assert_eq!(parse("261430Z NOV", now()), Ok(at("2026-11-26T14:30:00Z")));
        assert_eq!(parse("020000Z JAN", now()), Ok(at("2027-01-02T00:00:00Z")));
        assert_eq!(
            parse("150000Z DEC", at("2027-01-03T00:00:00Z")),
            Ok(at("2026-12-15T00:00:00Z"))
        );
    }

    #[test]
    fn bad_date_time_groups_say_why() {
        assert!(parse("261430A NOV 26", now()).is_err_and(|e| e.contains("only Zulu")));
        assert!(parse("261430Z FOO 26", now()).is_err_and(|e| e.contains("month")));
        assert!(parse("321430Z NOV 26", now()).is_err_and(|e| e.contains("date-time group")));
        assert!(parse("261460Z NOV 26", now()).is_err());
        assert!(parse("261430Z NOV 2", now()).is_err());
    }

    #[test]
    fn a_date_is_midnight_zulu() {
        assert_eq!(parse("2026-11-26", now()), Ok(at("2026-11-26T00:00:00Z")));
        assert!(parse("2026-02-30", now()).is_err());
    }

    #[test]
    fn a_time_without_a_zone_says_so() {
        for s in [
            "2026-11-26T14:30",
            "2026-11-26T14:30:00",
            "2026-11-26 14:30",
        ] {
            let e = parse(s, now()).expect_err("refused");
            assert!(e.contains("has no time zone"), "{s}: {e}");
            assert!(e.contains(&format!("{s}Z")), "{e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,20}|[0-9]{6}[Zz] ?[A-Za-zé]{0,4} ?[0-9é]{0,5}") {
            let _ = parse(&s, now());
        }
    }

    #[test]
    fn nonsense_names_the_forms() {
        let e = parse("tomorrow", now()).expect_err("refused");
        assert!(
            e.contains("261430Z NOV 26") && e.contains("2026-11-26"),
            "{e}"
        );
        assert!(parse("", now()).is_err());
    }
}
