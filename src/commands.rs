//! The commands: the desk itself, `check` and `status`. Each returns its
//! result; `main` prints errors and picks the exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::app::{Effect, Model};
use crate::brief::{self, Brief, BriefError, BriefSource, Section};
use crate::cli::{Cli, Command, Global};
use crate::clock;
use crate::review::{Level, Status};
use crate::store::{Store, StoreError};
use crate::ui::styles::Palette;

/// Everything that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Brief(#[from] BriefError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "cannot find a data directory for the state file; pass --state PATH or set WATCHDESK_STATE"
    )]
    NoDataDir,
    #[error("the terminal: {0}")]
    Terminal(std::io::Error),
    #[error("writing the output: {0}")]
    Output(std::io::Error),
    #[error("{0}")]
    Usage(String),
}

pub fn run(cli: Cli) -> Result<(), AppError> {
    match cli.command {
        None => desk(&cli.global),
        Some(Command::Check { file, json }) => {
            check(file.as_deref().or(cli.global.brief.as_deref()), json)
        }
        Some(Command::Status { json }) => status(&cli.global, json, Utc::now()),
    }
}

fn state_path(global: &Global) -> Result<PathBuf, AppError> {
    match &global.state {
        Some(p) => Ok(p.clone()),
        None => Store::default_path().ok_or(AppError::NoDataDir),
    }
}

/// A brief, its review from the state file and the model over them, with
/// the window started (or moved to `--issued`).
struct Session {
    model: Model,
    store: Store,
    initial: Vec<Effect>,
}

fn open_session(global: &Global, now: DateTime<Utc>) -> Result<Session, AppError> {
    let (brief, source) = brief::load(global.brief.as_deref())?;
    let store = Store::new(state_path(global)?);
    let opened = store.open()?;
    let log = opened
        .state
        .briefs
        .get(brief.id.as_str())
        .map(|b| b.events.clone())
        .unwrap_or_default();
    let mut model = Model::new(brief, source, log, crate::review::IdGen::random_desk());
    model.read_only = opened.read_only;
    if let Some(n) = opened.notice {
        model.set_warning(n);
    }
    let initial = model.ensure_window(now, global.issued);
    Ok(Session {
        model,
        store,
        initial,
    })
}

fn desk(global: &Global) -> Result<(), AppError> {
    let Session {
        mut model,
        store,
        initial,
    } = open_session(global, Utc::now())?;
    model.palette = Palette::from_env();
    let model = crate::runtime::run(model, store, initial).map_err(AppError::Terminal)?;
    if model.has_unsaved() && !model.read_only {
        eprintln!(
            "watchdesk: some changes could not be saved ({})",
            model
                .save_error
                .as_deref()
                .unwrap_or("the save did not finish")
        );
    }
    Ok(())
}

/// Run a session's pending effects without a terminal (for `status`).
fn settle(session: &mut Session, now: DateTime<Utc>) {
    let mut queue = std::mem::take(&mut session.initial);
    while let Some(Effect::Save {
        brief,
        title,
        generation,
        log,
    }) = queue.pop()
    {
        let msg = match session.store.save(&brief, &title, &log) {
            Ok(log) => crate::app::Msg::Saved { generation, log },
            Err(e) => {
                eprintln!("watchdesk: {e}");
                crate::app::Msg::SaveFailed {
                    generation,
                    error: e.to_string(),
                }
            }
        };
        let _ = crate::app::update(&mut session.model, msg, now);
    }
}

// ---- check ---------------------------------------------------------------

#[derive(Serialize)]
struct CheckJson<'a> {
    title: &'a str,
    themes: &'a [Section],
    washington: Option<&'a Section>,
    window_hours: u32,
    indicators: &'a [brief::Indicator],
}

fn check(path: Option<&Path>, json: bool) -> Result<(), AppError> {
    let (brief, source) = brief::load(path)?;
    let mut out = std::io::stdout().lock();
    let text = if json {
        let obj = CheckJson {
            title: &brief.title,
            themes: &brief.themes,
            washington: brief.washington.as_ref(),
            window_hours: brief.window_hours,
            indicators: &brief.indicators,
        };
        serde_json::to_string_pretty(&obj).map_err(|e| AppError::Output(e.into()))? + "\n"
    } else {
        check_text(&brief, &source)
    };
    out.write_all(text.as_bytes()).map_err(AppError::Output)
}

fn check_text(brief: &Brief, source: &BriefSource) -> String {
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
    s += &format!("Window      {} hours\n", brief.window_hours);
    s += &format!("Indicators  {}\n", brief.indicators.len());
    for (i, ind) in brief.indicators.iter().enumerate() {
        s += &format!("  I{:<3} {}\n", i + 1, ind.text);
    }
    s
}

// ---- status --------------------------------------------------------------

#[derive(Serialize)]
struct StatusJson<'a> {
    brief: BriefRef<'a>,
    window_start: Option<DateTime<Utc>>,
    window_end: Option<DateTime<Utc>>,
    indicators: Vec<IndicatorJson<'a>>,
    themes: Vec<ThemeJson<'a>>,
}

#[derive(Serialize)]
struct BriefRef<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct IndicatorJson<'a> {
    index: usize,
    text: &'a str,
    status: Status,
    deadline: Option<DateTime<Utc>>,
    remaining_seconds: i64,
}

#[derive(Serialize)]
struct ThemeJson<'a> {
    title: &'a str,
    reviewed: bool,
}

fn status(global: &Global, json: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut session = open_session(global, now)?;
    settle(&mut session, now);
    let model = &session.model;
    let text = if json {
        status_json(model, now)?
    } else {
        status_line(model, now) + "\n"
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(AppError::Output)
}

fn status_json(model: &Model, now: DateTime<Utc>) -> Result<String, AppError> {
    let deadline = model.deadline();
    let obj = StatusJson {
        brief: BriefRef {
            id: model.brief.id.as_str(),
            title: &model.brief.title,
        },
        window_start: model.window_start(),
        window_end: deadline,
        indicators: model
            .brief
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| IndicatorJson {
                index: i + 1,
                text: &ind.text,
                status: model.review.status_of(i),
                deadline,
                remaining_seconds: deadline.map_or(0, |d| clock::remaining_seconds(d, now)),
            })
            .collect(),
        themes: model
            .brief
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| ThemeJson {
                title: &t.title,
                reviewed: model.review.is_reviewed(crate::review::ItemRef::Theme(i)),
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&obj).map_err(|e| AppError::Output(e.into()))? + "\n")
}

/// One line of at most 80 characters for a tmux status bar or a prompt:
/// `WD 1/3 obs | I2 05:12:09 RED`.
pub fn status_line(model: &Model, now: DateTime<Utc>) -> String {
    let n = model.brief.indicators.len();
    let observed = (0..n)
        .filter(|&i| model.review.status_of(i) == Status::Observed)
        .count();
    let mut line = format!("WD {observed}/{n} obs");
    let open = (0..n).find(|&i| model.review.status_of(i) == Status::Watching);
    match (open, model.deadline()) {
        (Some(i), Some(d)) => {
            let level = clock::level(d, now, model.thresholds);
            line += &format!(
                " | I{} {}",
                i + 1,
                clock::countdown(clock::remaining_seconds(d, now))
            );
            let word = match level {
                Level::Normal => "",
                Level::Amber => " AMBER",
                Level::Red => " RED",
                Level::Expired => " EXPIRED",
            };
            line += word;
        }
        (None, _) => line += " | all closed",
        (Some(_), None) => {}
    }
    crate::ui::text::truncate(&line, 80)
}
