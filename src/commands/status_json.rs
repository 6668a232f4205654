//! What `status --json` prints for one watch: the whole review.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::review::Status;
use crate::watch::Watch;

// Every record's fields are in alphabetical order: the output has been
// written with sorted keys (through `serde_json::Value`) and is encoded
// straight from these records now; a test checks the two agree.

#[derive(Serialize)]
pub(super) struct StatusJson<'a> {
    brief: BriefRef<'a>,
    indicators: Vec<IndicatorJson<'a>>,
    last_touched: Option<DateTime<Utc>>,
    /// Nothing has changed for longer than the desk's staleness limit.
    stale: bool,
    themes: Vec<ThemeJson<'a>>,
    washington: Vec<WashingtonJson<'a>>,
    /// The brief names no window and no correction set one.
    window_assumed: bool,
    window_end: Option<DateTime<Utc>>,
    window_start: Option<DateTime<Utc>>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    corrected: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct WashingtonJson<'a> {
    index: usize,
    notes: Vec<NoteJson<'a>>,
    reviewed: bool,
    text: &'a str,
}

fn notes_json(watch: &Watch, item: crate::review::ItemRef) -> Vec<NoteJson<'_>> {
    watch
        .review
        .notes_on(item)
        .map(|n| NoteJson {
            at: n.at,
            text: &n.text,
            author: n.author().map(|a| a.as_str()),
            source: n.source().map(|s| s.as_str()),
            confidence: n.confidence().map(|c| c.as_str()),
            corrected: n.corrected.map(|c| c.word()),
        })
        .collect()
}

#[derive(Serialize)]
struct BriefRef<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    deadline: Option<DateTime<Utc>>,
    /// Assessed differently by desks that had not seen each other's.
    disputed: bool,
    index: usize,
    /// The urgency of an open indicator: normal, amber, red, expired.
    level: crate::clock::Level,
    notes: Vec<NoteJson<'a>>,
    remaining_seconds: i64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sides: Vec<SideJson>,
    status: Status,
    text: &'a str,
}

/// One side of a dispute: who assessed what, when.
#[derive(Serialize)]
struct SideJson {
    analyst: Option<String>,
    at: DateTime<Utc>,
    desk: String,
    status: Status,
}

#[derive(Serialize)]
struct ThemeJson<'a> {
    notes: Vec<NoteJson<'a>>,
    reviewed: bool,
    title: &'a str,
}

/// Every open watch, as `status --json` across watches gives them.
#[derive(Serialize)]
pub(super) struct AllJson<'a> {
    pub(super) watches: Vec<StatusJson<'a>>,
}

/// One watch as `status --json` gives it.
pub(super) fn status_json<'a>(
    watch: &'a Watch,
    now: DateTime<Utc>,
    settings: &crate::config::Settings,
) -> StatusJson<'a> {
    use crate::review::ItemRef;
    StatusJson {
        brief: BriefRef {
            id: watch.brief.id.as_str(),
            title: &watch.brief.title,
        },
        window_start: watch.window_start(),
        window_end: watch.window_end(),
        window_assumed: watch.brief.window_assumed,
        stale: watch.is_stale(now, settings.stale_after),
        last_touched: watch.last_touched(),
        indicators: watch
            .brief
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| IndicatorJson {
                index: i + 1,
                text: &ind.text,
                status: watch.review.status_of(i),
                deadline: watch.deadline(i),
                remaining_seconds: watch.remaining(i, now),
                level: watch.deadline(i).map_or(crate::clock::Level::Normal, |d| {
                    crate::clock::level(d, now, settings.thresholds)
                }),
                notes: notes_json(watch, ItemRef::Indicator(i)),
                disputed: watch.dispute(i).is_some(),
                sides: watch
                    .dispute(i)
                    .map(|d| {
                        d.sides
                            .iter()
                            .map(|s| SideJson {
                                desk: s.desk.clone(),
                                analyst: s.analyst.clone(),
                                status: s.status,
                                at: s.at,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect(),
        themes: watch
            .brief
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| ThemeJson {
                title: &t.title,
                reviewed: watch.review.is_reviewed(ItemRef::Theme(i)),
                notes: notes_json(watch, ItemRef::Theme(i)),
            })
            .collect(),
        washington: watch
            .brief
            .washington
            .iter()
            .flat_map(|w| w.paragraphs.iter())
            .enumerate()
            .map(|(i, text)| WashingtonJson {
                index: i + 1,
                text,
                reviewed: watch.review.is_reviewed(ItemRef::WashingtonNote(i)),
                notes: notes_json(watch, ItemRef::WashingtonNote(i)),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
