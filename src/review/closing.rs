//! Closing a watch and acknowledging its alerts: the records the log keeps
//! of them, and what the fold makes of them.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Why a watch was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disposition {
    /// Every indicator was assessed.
    Assessed,
    /// Events moved past the brief.
    OvertakenByEvents,
    /// A newer brief replaces it.
    Superseded,
    Other,
}

impl Disposition {
    pub const ALL: [Disposition; 4] = [
        Disposition::Assessed,
        Disposition::OvertakenByEvents,
        Disposition::Superseded,
        Disposition::Other,
    ];

    /// The word on the command line and in the state file.
    pub fn as_str(self) -> &'static str {
        match self {
            Disposition::Assessed => "assessed",
            Disposition::OvertakenByEvents => "overtaken_by_events",
            Disposition::Superseded => "superseded",
            Disposition::Other => "other",
        }
    }

    /// The words people read.
    pub fn label(self) -> &'static str {
        match self {
            Disposition::Assessed => "all indicators assessed",
            Disposition::OvertakenByEvents => "overtaken by events",
            Disposition::Superseded => "superseded by a newer brief",
            Disposition::Other => "other",
        }
    }
}

impl fmt::Display for Disposition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for Disposition {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm: String = s
            .trim()
            .to_ascii_lowercase()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .collect();
        match norm.as_str() {
            "assessed" | "all_assessed" | "done" => Ok(Disposition::Assessed),
            "overtaken_by_events" | "overtaken" | "obe" => Ok(Disposition::OvertakenByEvents),
            "superseded" => Ok(Disposition::Superseded),
            "other" => Ok(Disposition::Other),
            _ => Err(format!(
                "not a disposition: {s:?} (expected assessed, overtaken_by_events, superseded or other)"
            )),
        }
    }
}

/// A closed watch, as the fold leaves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub disposition: Disposition,
    pub reason: Option<String>,
    pub at: DateTime<Utc>,
    pub analyst: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispositions_read_their_own_words_and_short_forms() {
        for d in Disposition::ALL {
            assert_eq!(d.as_str().parse::<Disposition>(), Ok(d));
        }
        assert_eq!("OBE".parse(), Ok(Disposition::OvertakenByEvents));
        assert_eq!(
            "overtaken-by-events".parse(),
            Ok(Disposition::OvertakenByEvents)
        );
        assert!("finished".parse::<Disposition>().is_err());
    }
}
