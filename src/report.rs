//! The handover report, in Markdown and JSON, built from a watch at a given
//! time. Pure: the caller writes the text wherever it goes.

use chrono::{DateTime, FixedOffset, Utc};
use serde::Serialize;

use crate::clock;
use crate::config::Settings;
use crate::review::{self, ItemRef, NoteView, Status};
use crate::safe::markdown as md;
use crate::watch::Watch;

/// Which form the report takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    #[default]
    Md,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Json => "json",
        }
    }
}

/// A time, three ways.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct When {
    pub utc: DateTime<Utc>,
    pub dtg: String,
    pub local: String,
}

impl When {
    fn new(zone: Option<FixedOffset>, t: DateTime<Utc>) -> Self {
        When {
            utc: t,
            dtg: clock::dtg(t),
            local: clock::local_opt(t, zone),
        }
    }

    fn text(&self) -> String {
        format!("{} ({})", self.dtg, self.local)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct NoteOut {
    pub at: When,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// `edited` or `withdrawn`, when the note was corrected later.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub corrected: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IndicatorOut {
    pub index: usize,
    pub text: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_changed: Option<When>,
    pub deadline: Option<When>,
    pub remaining_seconds: i64,
    pub time_left: String,
    pub notes: Vec<NoteOut>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ThemeOut {
    pub index: usize,
    pub title: String,
    pub reviewed: bool,
    pub notes: Vec<NoteOut>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WashingtonNoteOut {
    pub index: usize,
    pub text: String,
    pub reviewed: bool,
    pub notes: Vec<NoteOut>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WashingtonOut {
    pub title: String,
    pub notes: Vec<NoteOut>,
    pub items: Vec<WashingtonNoteOut>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LogOut {
    pub at: When,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    pub change: String,
    /// Undone later (the desk's log says so too).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub undone: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BriefOut {
    pub id: String,
    pub title: String,
    pub source: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WindowOut {
    pub hours: u32,
    pub start: Option<When>,
    pub end: Option<When>,
}

/// Everything the next analyst needs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub classification: Option<String>,
    pub brief: BriefOut,
    pub generated: When,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub analyst: Option<String>,
    pub window: WindowOut,
    pub indicators: Vec<IndicatorOut>,
    pub themes: Vec<ThemeOut>,
    pub washington: Option<WashingtonOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_since: Option<When>,
    pub log: Vec<LogOut>,
}

fn notes(watch: &Watch, zone: Option<FixedOffset>, item: ItemRef) -> Vec<NoteOut> {
    watch
        .review
        .notes_on(item)
        .map(|n: &NoteView| NoteOut {
            at: When::new(zone, n.at),
            text: n.text.to_string(),
            source: n.source().map(String::from),
            confidence: n.confidence().map(|c| c.as_str()),
            author: n.author().map(String::from),
            corrected: n.corrected.map(|c| c.word()),
        })
        .collect()
}

impl Report {
    /// The report of a watch at `now`, with local times in `zone` (the
    /// system's own when `None`); the log keeps only what happened after
    /// `since`, when given.
    pub fn build(
        watch: &Watch,
        settings: &Settings,
        zone: Option<FixedOffset>,
        now: DateTime<Utc>,
        since: Option<DateTime<Utc>>,
    ) -> Report {
        let brief = &watch.brief;
        let when = |t: DateTime<Utc>| When::new(zone, t);
        let indicators = brief
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| IndicatorOut {
                index: i + 1,
                text: ind.text.clone(),
                status: watch.review.status_of(i),
                status_changed: watch.review.status_at.get(i).copied().flatten().map(when),
                deadline: watch.deadline(i).map(when),
                remaining_seconds: watch.remaining(i, now),
                time_left: clock::countdown(watch.remaining(i, now)),
                notes: notes(watch, zone, ItemRef::Indicator(i)),
            })
            .collect();
        let themes = brief
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| ThemeOut {
                index: i + 1,
                title: t.title.clone(),
                reviewed: watch.review.is_reviewed(ItemRef::Theme(i)),
                notes: notes(watch, zone, ItemRef::Theme(i)),
            })
            .collect();
        let washington = brief.washington.as_ref().map(|w| WashingtonOut {
            title: w.title.clone(),
            notes: notes(watch, zone, ItemRef::Washington),
            items: w
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| WashingtonNoteOut {
                    index: i + 1,
                    text: p.clone(),
                    reviewed: watch.review.is_reviewed(ItemRef::WashingtonNote(i)),
                    notes: notes(watch, zone, ItemRef::WashingtonNote(i)),
                })
                .collect(),
        });
        let team = review::several_desks(&watch.log);
        let log = watch
            .log
            .iter()
            .rev()
            .filter(|e| since.is_none_or(|s| e.at > s))
            .map(|e| LogOut {
                at: when(e.at),
                item: review::subject(e, &watch.log).map(|i| i.to_string()),
                change: match review::who(e).filter(|_| team) {
                    Some(w) => format!(
                        "{} ({w})",
                        review::describe(e, &watch.log, settings.thresholds)
                    ),
                    None => review::describe(e, &watch.log, settings.thresholds),
                },
                undone: watch.review.undone.contains(e.id.as_str())
                    && !matches!(
                        e.kind,
                        review::EventKind::Undo { .. } | review::EventKind::Redo { .. }
                    ),
            })
            .collect();
        Report {
            classification: settings.classification.clone(),
            brief: BriefOut {
                id: brief.id.to_string(),
                title: brief.title.clone(),
                source: watch.source.to_string(),
            },
            generated: when(now),
            analyst: settings.analyst(),
            window: WindowOut {
                hours: brief.window_hours,
                start: watch.window_start().map(when),
                end: watch.window_end().map(when),
            },
            indicators,
            themes,
            washington,
            log_since: since.map(when),
            log,
        }
    }

    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Md => crate::safe::for_terminal(&self.markdown()).into_owned(),
            Format::Json => {
                let json = serde_json::to_string_pretty(self)
                    .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
                    + "\n";
                crate::safe::for_json(&json).into_owned()
            }
        }
    }

    pub fn markdown(&self) -> String {
        let mut s = String::new();
        if let Some(c) = &self.classification {
            s += &format!("**{}**\n\n", md::inline(c));
        }
        s += &format!("# Handover: {}\n\n", md::inline(&self.brief.title));
        s += &format!(
            "- Brief: `{}` ({})\n",
            self.brief.id,
            md::inline(&self.brief.source)
        );
        s += &format!("- Generated: {}\n", self.generated.text());
        if let Some(a) = &self.analyst {
            s += &format!("- Analyst: {}\n", md::inline(a));
        }
        match (&self.window.start, &self.window.end) {
            (Some(start), Some(end)) => {
                s += &format!(
                    "- Watch window: {} h, from {} to {}\n",
                    self.window.hours,
                    start.text(),
                    end.text()
                );
            }
            _ => s += &format!("- Watch window: {} h, not started\n", self.window.hours),
        }
        let observed = self
            .indicators
            .iter()
            .filter(|i| i.status == Status::Observed)
            .count();
        let reviewed = self.themes.iter().filter(|t| t.reviewed).count();
        s += &format!(
            "- Indicators observed: {observed} of {}; themes reviewed: {reviewed} of {}\n",
            self.indicators.len(),
            self.themes.len()
        );

        s += "\n## Indicators\n";
        for i in &self.indicators {
            s += &format!(
                "\n### I{}: {}\n\n{}\n\n",
                i.index,
                i.status.label(),
                md::block(&i.text, "")
            );
            if let Some(d) = &i.deadline {
                s += &format!("- Deadline: {}\n", d.text());
            }
            s += &format!("- Time left: {}\n", i.time_left);
            if let Some(c) = &i.status_changed {
                s += &format!("- Status {} since {}\n", i.status.label(), c.text());
            }
            note_list(&mut s, &i.notes);
        }

        s += "\n## Themes\n";
        for t in &self.themes {
            let mark = if t.reviewed { "[x]" } else { "[ ]" };
            s += &format!("\n### T{}: {} {mark}\n", t.index, md::inline(&t.title));
            s += if t.reviewed {
                "\nReviewed.\n"
            } else {
                "\nNot reviewed.\n"
            };
            note_list(&mut s, &t.notes);
        }

        if let Some(w) = &self.washington {
            s += &format!("\n## {}\n", md::inline(&w.title));
            note_list(&mut s, &w.notes);
            for item in &w.items {
                let mark = if item.reviewed { "[x]" } else { "[ ]" };
                s += &format!(
                    "\n### W{} {mark}\n\n{}\n",
                    item.index,
                    md::block(&item.text, "")
                );
                note_list(&mut s, &item.notes);
            }
        }

        match &self.log_since {
            Some(since) => s += &format!("\n## Log since {}\n\n", since.text()),
            None => s += "\n## Log\n\n",
        }
        if self.log.is_empty() {
            s += "No changes.\n";
        }
        for l in &self.log {
            s += &format!(
                "- {} ({}) {}{}\n",
                clock::dtg_secs(l.at.utc),
                l.at.local,
                md::inline(&l.change),
                if l.undone { " (undone)" } else { "" }
            );
        }
        if let Some(c) = &self.classification {
            s += &format!("\n**{}**\n", md::inline(c));
        }
        s
    }
}

fn note_list(s: &mut String, notes: &[NoteOut]) {
    if notes.is_empty() {
        return;
    }
    *s += "\nNotes:\n\n";
    for n in notes {
        let mut meta = Vec::new();
        if let Some(src) = &n.source {
            meta.push(format!("source: {}", md::inline(src)));
        }
        if let Some(c) = n.confidence {
            meta.push(format!("confidence: {c}"));
        }
        if let Some(a) = &n.author {
            meta.push(format!("by {}", md::inline(a)));
        }
        if let Some(c) = n.corrected {
            meta.push(c.to_string());
        }
        let meta = if meta.is_empty() {
            String::new()
        } else {
            format!(" [{}]", meta.join("; "))
        };
        let text = md::block(&n.text, "  ");
        *s += &format!("- {}{meta}: {text}\n", n.at.text());
    }
}
