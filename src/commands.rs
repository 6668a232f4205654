//! The commands: the desk itself, `check` and `status`. Each returns its
//! result; `main` prints errors and picks the exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::app::{Model, Msg};
use crate::brief::{self, BriefError};
use crate::cli::{Cli, Command, Global};
use crate::config::Settings;
use crate::effects::{Files, Job};
use crate::report::{Format, Report};
use crate::review::Desk;
use crate::review::Status;
use crate::store::{Store, StoreError};
use crate::ui::styles::Palette;
use crate::watch::Watch;

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
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("{path}: cannot write the report: {source}")]
    Report {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

pub fn run(cli: Cli) -> Result<(), AppError> {
    match cli.command {
        None => desk(&cli.global),
        Some(Command::Check {
            file,
            json,
            watch: false,
        }) => check(file.as_deref().or(cli.global.brief.as_deref()), json),
        Some(Command::Check {
            file,
            json,
            watch: true,
        }) => check_watch(
            &cli.global,
            file.as_deref().or(cli.global.brief.as_deref()),
            json,
        ),
        Some(Command::Status { json }) => status(&cli.global, json, crate::clock::wall_now()),
        Some(Command::Export {
            format,
            since,
            output,
        }) => export(
            &cli.global,
            format,
            since,
            output.as_deref(),
            crate::clock::wall_now(),
        ),
        Some(Command::Config { path, default }) => config(&cli.global, path, default),
    }
}

fn config_path(global: &Global) -> Option<PathBuf> {
    global.config.clone().or_else(crate::config::default_path)
}

fn settings(global: &Global) -> Result<Settings, AppError> {
    match config_path(global) {
        Some(p) => Ok(crate::config::load(&p)?),
        None => Ok(Settings::default()),
    }
}

fn config(global: &Global, path: bool, default: bool) -> Result<(), AppError> {
    let mut out = String::new();
    if path || !default {
        match config_path(global) {
            Some(p) => {
                let state = if p.exists() {
                    "exists"
                } else {
                    "not created yet"
                };
                if path && !default {
                    out += &format!("{}\n", p.display());
                } else {
                    out += &format!("# {} ({state})\n", p.display());
                }
            }
            None => out += "# no config directory on this system; pass --config PATH\n",
        }
    }
    if default {
        out += crate::config::DEFAULT_CONFIG;
    } else if !path {
        // Plain `watchdesk config`: where it is and what it holds.
        let s = settings(global)?;
        out += &format!(
            "amber at {} h, red at {} h, stale after {} h, bell {}, notify {}, initials {}, classification {}, colour {}\n",
            s.thresholds.amber.num_minutes() as f64 / 60.0,
            s.thresholds.red.num_minutes() as f64 / 60.0,
            s.stale_after.num_minutes() as f64 / 60.0,
            s.bell,
            s.notify,
            s.initials.as_deref().unwrap_or("(none)"),
            s.classification.as_deref().unwrap_or("(none)"),
            s.color,
        );
    }
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .map_err(AppError::Output)
}

fn export(
    global: &Global,
    format: Format,
    since: Option<DateTime<Utc>>,
    output: Option<&Path>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let session = open_watch(global, now, false)?;
    let text = Report::build(&session.watch, &session.settings, None, now, since).render(format);
    match output {
        Some(path) => {
            std::fs::write(path, text).map_err(|source| AppError::Report {
                path: path.to_path_buf(),
                source,
            })?;
            eprintln!("watchdesk: report written to {}", path.display());
            Ok(())
        }
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(AppError::Output),
    }
}

fn state_path(global: &Global) -> Result<PathBuf, AppError> {
    match &global.state {
        Some(p) => Ok(p.clone()),
        None => Store::default_path().ok_or(AppError::NoDataDir),
    }
}

/// A brief's watch, from the state file, with what opening it found.
struct Session {
    watch: Watch,
    store: Store,
    settings: Settings,
    /// Something the analyst must be told (a file moved aside, read-only).
    notice: Option<String>,
    read_only: bool,
}

/// Open the brief's watch. `to_save`: the session goes on to save changes
/// (an interactive desk that is not read-only), so the store keeps what it
/// read for its first save.
fn open_session(global: &Global, to_save: bool) -> Result<Session, AppError> {
    open_session_of(global, global.brief.as_deref(), to_save)
}

/// [`open_session`] on the brief at `path` (the default brief without one).
/// The watch reads the brief's text with the corrections in its log; a
/// text the parser refuses gives an unread watch (see
/// [`Watch::unread`]), which only the desk's outline view can work on.
fn open_session_of(
    global: &Global,
    path: Option<&Path>,
    to_save: bool,
) -> Result<Session, AppError> {
    let (text, source) = match path {
        Some(p) => (
            brief::read_text(p)?,
            brief::BriefSource::File(p.to_path_buf()),
        ),
        None => (
            brief::DEFAULT_BRIEF_TEXT.to_string(),
            brief::BriefSource::Default,
        ),
    };
    let id = brief::BriefId::of_text(&text);
    let store = Store::new(state_path(global)?);
    let mut opened = if to_save {
        store.open_to_save()?
    } else {
        store.open()?
    };
    let log = opened
        .state
        .briefs
        .remove(id.as_str())
        .map(|b| b.events)
        .unwrap_or_default();
    let settings = settings(global)?;
    let read_only = opened.read_only || global.read_only;
    let desk = Desk::new(
        desk_id(&store, !read_only),
        settings.initials.clone(),
        Desk::random(),
    );
    let watch = Watch::from_text(std::sync::Arc::from(text), source, log, desk);
    Ok(Session {
        watch,
        store,
        settings,
        notice: opened.notice,
        read_only,
    })
}

/// The desk's id: `WATCHDESK_DESK` when set (two desks on one machine, and
/// tests), else the one kept beside the state file, made once; a desk that
/// records nothing (read-only) makes none and goes by a random one.
fn desk_id(store: &Store, create: bool) -> String {
    std::env::var("WATCHDESK_DESK")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_graphic()))
        .or_else(|| store.desk_id(create))
        .unwrap_or_else(Desk::random_id)
}

/// Open the brief's watch for a command (`status`, `export`), with the
/// window started (or moved to `--issued`) and that saved, unless the desk
/// is read-only: then an unstarted window is shown from now, in memory only.
fn open_watch(global: &Global, now: DateTime<Utc>, to_save: bool) -> Result<Session, AppError> {
    let mut session = open_session(global, to_save)?;
    refuse_unread(&session.watch)?;
    if session.watch.ensure_window(now, global.issued) && !session.read_only {
        // The desk's own runner, run here: there is nothing else to wait.
        let mut files = Files::new(session.store.clone());
        match files.run(Job::save(&session.watch)) {
            Some(Msg::Saved {
                generation, theirs, ..
            }) => {
                session.watch.absorb(&theirs);
                session.watch.saved_generation = generation;
            }
            Some(Msg::SaveFailed { error, .. }) => eprintln!("watchdesk: {error}"),
            _ => {}
        }
    }
    Ok(session)
}

/// The parser's refusal of an unread watch's brief, as an error naming the
/// file: what a command without the outline view says.
fn refuse_unread(watch: &Watch) -> Result<(), AppError> {
    match watch.unread() {
        Some(error) => Err(BriefError::Parse {
            source_name: watch.source.to_string(),
            error: error.clone(),
        }
        .into()),
        None => Ok(()),
    }
}

fn desk(global: &Global) -> Result<(), AppError> {
    let now = crate::clock::wall_now();
    let session = open_session(global, !global.read_only)?;
    // A refused brief opens in the outline view, to be put right there; with
    // no terminal to show it in (or a desk that may not record the
    // corrections), the refusal is the answer.
    // An empty brief has nothing to mark: refused there too.
    let nothing_to_mark = session
        .watch
        .unread()
        .is_some_and(|e| e.kind == brief::ParseErrorKind::Empty);
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) || session.read_only || nothing_to_mark
    {
        refuse_unread(&session.watch)?;
    }
    let mut model = Model::with_watch(session.watch);
    model.settings = session.settings;
    model.read_only = session.read_only;
    if let Some(n) = session.notice {
        model.set_warning(n);
    }
    let initial = model.ensure_window(now, global.issued);
    if model.read_only {
        for w in &mut model.watches {
            w.saved_generation = w.generation;
        }
    }
    let palette = Palette::from_settings(&model.settings);
    let model =
        crate::runtime::run(model, palette, session.store, initial).map_err(AppError::Terminal)?;
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

// ---- check ---------------------------------------------------------------

fn check(path: Option<&Path>, json: bool) -> Result<(), AppError> {
    use crate::brief::summary;
    let json_err = |e: serde_json::Error| AppError::Output(e.into());
    let text = match (brief::read(path), json) {
        (Ok(reading), true) => {
            summary::to_json(&summary::check_json(&reading)).map_err(json_err)?
        }
        (Ok(reading), false) => summary::check_text(&reading),
        (Err(e), true) => {
            // A refusal is still JSON on stdout, and still a failure.
            let obj = summary::to_json(&summary::error_json(&e)).map_err(json_err)?;
            std::io::stdout()
                .lock()
                .write_all(obj.as_bytes())
                .map_err(AppError::Output)?;
            return Err(e.into());
        }
        (Err(e), false) => return Err(e.into()),
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(AppError::Output)
}

/// `check --watch`: the brief as its watch reads it, with the corrections
/// recorded in the state file. Nothing is written.
fn check_watch(global: &Global, path: Option<&Path>, json: bool) -> Result<(), AppError> {
    use crate::brief::summary;
    let session = open_session_of(global, path, false)?;
    let w = &session.watch;
    let reading = match w.unread() {
        None => Ok(brief::Reading {
            brief: w.brief.clone(),
            outline: w.outline.clone(),
            source: w.source.clone(),
        }),
        Some(error) => Err(BriefError::Parse {
            source_name: w.source.to_string(),
            error: error.clone(),
        }),
    };
    let json_err = |e: serde_json::Error| AppError::Output(e.into());
    let text = match (reading, json) {
        (Ok(r), true) => summary::to_json(&summary::check_json(&r)).map_err(json_err)?,
        (Ok(r), false) => summary::check_text(&r),
        (Err(e), true) => {
            let obj = summary::to_json(&summary::error_json(&e)).map_err(json_err)?;
            std::io::stdout()
                .lock()
                .write_all(obj.as_bytes())
                .map_err(AppError::Output)?;
            return Err(e.into());
        }
        (Err(e), false) => return Err(e.into()),
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(AppError::Output)
}

// ---- status --------------------------------------------------------------

#[derive(Serialize)]
struct StatusJson<'a> {
    brief: BriefRef<'a>,
    window_start: Option<DateTime<Utc>>,
    window_end: Option<DateTime<Utc>>,
    /// The brief names no window and no correction set one.
    window_assumed: bool,
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
    let session = open_watch(global, now, false)?;
    let text = if json {
        status_json(&session.watch, now)?
    } else {
        let s = &session.settings;
        session.watch.status_line(now, s.thresholds, s.stale_after) + "\n"
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(AppError::Output)
}

fn status_json(watch: &Watch, now: DateTime<Utc>) -> Result<String, AppError> {
    let obj = StatusJson {
        brief: BriefRef {
            id: watch.brief.id.as_str(),
            title: &watch.brief.title,
        },
        window_start: watch.window_start(),
        window_end: watch.window_end(),
        window_assumed: watch.brief.window_assumed,
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
            })
            .collect(),
        themes: watch
            .brief
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| ThemeJson {
                title: &t.title,
                reviewed: watch.review.is_reviewed(crate::review::ItemRef::Theme(i)),
            })
            .collect(),
    };
    Ok(serde_json::to_string_pretty(&obj).map_err(|e| AppError::Output(e.into()))? + "\n")
}
