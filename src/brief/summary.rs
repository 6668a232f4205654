//! What `watchdesk check` prints: a brief as read, in text or JSON, with
//! what was assumed and what was passed over; or, for a refused brief, a
//! JSON error object with what was found.

use serde::Serialize;

use super::outline::PassedOver;
use super::window::WindowSpec;
use super::{BriefError, BriefSource, Found, Reading, Section};

/// The `check` text for a brief that was read.
pub fn check_text(reading: &Reading) -> String {
    let Reading {
        brief,
        outline,
        source,
    } = reading;
    let mut s = format!("{source}: a valid brief\n\n");
    s += &format!("Title       {}\n", brief.title);
    s += &format!("Brief id    {}\n", brief.id);
    s += &format!("Themes      {}\n", brief.themes.len());
    for (i, t) in brief.themes.iter().enumerate() {
        s += &format!(
            "  T{:<3} {} ({} paragraph{})\n",
            i + 1,
            t.title,
            t.paragraphs.len(),
            if t.paragraphs.len() == 1 { "" } else { "s" }
        );
    }
    match &brief.washington {
        Some(w) => s += &format!("Washington  {} ({} notes)\n", w.title, w.paragraphs.len()),
        None => s += "Washington  (none)\n",
    }
    s += &format!(
        "Window      {}\n",
        window_text(&brief.window, brief.window_assumed)
    );
    s += &format!("Indicators  {}\n", brief.indicators.len());
    for (i, ind) in brief.indicators.iter().enumerate() {
        s += &format!("  I{:<3} {}\n", i + 1, ind.text);
        if let Some(d) = ind.deadline {
            s += &format!("       own deadline: {}\n", deadline_text(&d));
        }
    }
    if !outline.passed_over.is_empty() {
        s += &format!("Passed over {}\n", outline.passed_over.len());
        for p in &outline.passed_over {
            s += &format!("  {}  {}\n", lines_text(p), p.reason.describe());
        }
    }
    s
}

fn lines_text(p: &PassedOver) -> String {
    if p.first_line == p.last_line {
        format!("line {}", p.first_line)
    } else {
        format!("lines {}-{}", p.first_line, p.last_line)
    }
}

/// "48 hours", "72 hours (assumed: the brief names no window)", "to the
/// end of Friday (analyst's time zone)".
pub fn window_text(w: &WindowSpec, assumed: bool) -> String {
    let mut s = deadline_text(w);
    if assumed {
        s += " (assumed: the brief names no window)";
    }
    s
}

fn deadline_text(w: &WindowSpec) -> String {
    match w {
        WindowSpec::Span(_) => w.to_string(),
        WindowSpec::EndOfDay(_) => format!("{w} (analyst's time zone)"),
    }
}

/// `check --json` for a brief that was read.
#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    pub title: &'a str,
    pub id: &'a str,
    pub themes: &'a [Section],
    pub washington: Option<&'a Section>,
    /// Whole hours, rounded up; for a named day an estimate (see `window`).
    pub window_hours: u32,
    pub window: WindowJson,
    pub window_assumed: bool,
    pub indicators: Vec<IndicatorJson<'a>>,
    pub passed_over: Vec<PassedJson>,
}

/// A window as written: `{"kind": "span", "minutes": 2160, "text": "36
/// hours"}` or `{"kind": "end_of_day", "day": "Friday", "text": ...}`.
#[derive(Debug, Serialize)]
pub struct WindowJson {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day: Option<String>,
    pub text: String,
}

impl WindowJson {
    pub fn of(w: &WindowSpec) -> WindowJson {
        match w {
            WindowSpec::Span(d) => WindowJson {
                kind: "span",
                minutes: Some(d.num_minutes()),
                day: None,
                text: w.to_string(),
            },
            WindowSpec::EndOfDay(day) => WindowJson {
                kind: "end_of_day",
                minutes: None,
                day: Some(day.to_string()),
                text: w.to_string(),
            },
        }
    }
}

#[derive(Debug, Serialize)]
pub struct IndicatorJson<'a> {
    pub text: &'a str,
    /// Its own deadline; absent when it runs to the end of the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<WindowJson>,
}

#[derive(Debug, Serialize)]
pub struct PassedJson {
    pub first_line: usize,
    pub last_line: usize,
    pub reason: String,
}

pub fn check_json(reading: &Reading) -> CheckJson<'_> {
    let b = &reading.brief;
    CheckJson {
        title: &b.title,
        id: b.id.as_str(),
        themes: &b.themes,
        washington: b.washington.as_ref(),
        window_hours: b.window_hours,
        window: WindowJson::of(&b.window),
        window_assumed: b.window_assumed,
        indicators: b
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                text: &i.text,
                deadline: i.deadline.as_ref().map(WindowJson::of),
            })
            .collect(),
        passed_over: reading
            .outline
            .passed_over
            .iter()
            .map(|p| PassedJson {
                first_line: p.first_line,
                last_line: p.last_line,
                reason: p.reason.describe(),
            })
            .collect(),
    }
}

/// `check --json` for a brief that could not be read.
#[derive(Debug, Serialize)]
pub struct ErrorJson<'a> {
    /// The whole message, as `check` prints it.
    pub error: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// What the parser saw, for a brief it refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<&'a Found>,
}

pub fn error_json(e: &BriefError) -> ErrorJson<'_> {
    match e {
        BriefError::Parse { error, .. } => ErrorJson {
            error: e.to_string(),
            line: error.line,
            found: (!error.found.is_empty()).then_some(&*error.found),
        },
        _ => ErrorJson {
            error: e.to_string(),
            line: None,
            found: None,
        },
    }
}

/// Pretty JSON with a closing newline.
pub fn to_json<T: Serialize>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(value).map(|s| s + "\n")
}

/// Where a brief came from, as `check` names it.
pub fn source_name(source: &BriefSource) -> String {
    source.to_string()
}
