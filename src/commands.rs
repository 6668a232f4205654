//! The commands: the desk itself, `check` and `status`. Each returns its
//! result; `main` prints errors and picks the exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::app::{Effect, Model};
use crate::brief::{self, BriefError};
use crate::cli::{Cli, Command, Global};
use crate::clock;
use crate::config::Settings;
use crate::report::{Format, Report};
use crate::review::Status;
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
    #[error(
        "the desk needs a terminal that can draw (TERM is `dumb`); use `watchdesk status` or `watchdesk export`, or set TERM"
    )]
    DumbTerminal,
    #[error(
        "the desk needs a terminal, and standard output is not one; use `watchdesk status` or `watchdesk export` in scripts"
    )]
    NotATerminal,
    #[error("{path}: the config file does not exist (only the default config file may be absent)")]
    NoConfig { path: PathBuf },
    #[error("writing the output: {0}")]
    Output(std::io::Error),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    #[error("{path}: {problem}")]
    Time { path: PathBuf, problem: String },
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
        Some(Command::Check { file, json }) => {
            check(file.as_deref().or(cli.global.brief.as_deref()), json)
        }
        Some(Command::Status { json }) => status(&cli.global, json, Utc::now()),
        Some(Command::Export {
            format,
            since,
            output,
        }) => export(&cli.global, format, since, output.as_deref(), Utc::now()),
        Some(Command::Config { path, default }) => config(&cli.global, path, default),
        Some(Command::Completions { shell }) => completions(shell),
        Some(Command::Man { command }) => man_page(command.as_deref()),
    }
}

/// The completion script for `shell`, generated from the command line
/// definition so it never drifts from it.
fn completions(shell: clap_complete::Shell) -> Result<(), AppError> {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "watchdesk", &mut out);
    std::io::stdout()
        .lock()
        .write_all(&out)
        .map_err(AppError::Output)
}

/// The manual page, generated from the command line definition: the main
/// page, or with a command name that command's own page (`watchdesk-export`).
fn man_page(command: Option<&str>) -> Result<(), AppError> {
    use clap::CommandFactory;
    let cmd = Cli::command();
    let page = match command {
        None => cmd,
        Some(name) => {
            let sub = cmd
                .find_subcommand(name)
                .ok_or_else(|| AppError::Usage(format!("man: no command `{name}`")))?;
            sub.clone().name(format!("watchdesk-{name}"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(AppError::Output)?;
    std::io::stdout()
        .lock()
        .write_all(&out)
        .map_err(AppError::Output)
}

fn config_path(global: &Global) -> Option<PathBuf> {
    global.config.clone().or_else(crate::config::default_path)
}

fn settings(global: &Global) -> Result<Settings, AppError> {
    // A config file named on the command line or in WATCHDESK_CONFIG must
    // be there; only the default one may be absent.
    if let Some(p) = &global.config
        && !p.exists()
    {
        return Err(AppError::NoConfig { path: p.clone() });
    }
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
    let mut session = open_session(global, now, false)?;
    settle(&mut session, now);
    time_problem(&session)?;
    let text = Report::build(&session.model, now, since).render(format);
    let text = out_text(&text, format == Format::Json);
    match output {
        Some(path) => {
            crate::fsio::write_report(path, text.as_bytes()).map_err(|e| AppError::Report {
                path: path.to_path_buf(),
                source: io_error(e),
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

/// Every command's output passes here on its way out: no control
/// character, escape sequence, bidi control or zero-width character from a
/// brief or a note reaches the terminal or the file raw.
fn out_text(text: &str, json: bool) -> std::borrow::Cow<'_, str> {
    if json {
        crate::safe::for_json(text)
    } else {
        crate::safe::for_terminal(text)
    }
}

fn io_error(e: crate::fsio::WriteError) -> std::io::Error {
    std::io::Error::new(e.source.kind(), format!("{}: {}", e.action, e.source))
}

fn window_problem(model: &Model) -> Option<String> {
    crate::timecheck::window_problem(
        model.brief.id.as_str(),
        &model.log,
        model.window_start(),
        model.brief.window(),
    )
}

/// A time in the state file that cannot be computed with stops a query,
/// named with the file and the entry.
fn time_problem(session: &Session) -> Result<(), AppError> {
    match window_problem(&session.model) {
        Some(problem) => Err(AppError::Time {
            path: session.store.path().to_path_buf(),
            problem,
        }),
        None => Ok(()),
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

/// `to_save`: the session goes on to save changes (an interactive desk that
/// is not read-only), so the store keeps what it read for its first save.
fn open_session(global: &Global, now: DateTime<Utc>, to_save: bool) -> Result<Session, AppError> {
    let (brief, source) = brief::load(global.brief.as_deref())?;
    let store = Store::new(state_path(global)?);
    let mut opened = if to_save {
        store.open_to_save()?
    } else {
        store.open()?
    };
    let log = opened
        .state
        .briefs
        .remove(brief.id.as_str())
        .map(|b| b.events)
        .unwrap_or_default();
    let mut model = Model::new(brief, source, log, crate::review::IdGen::random_desk());
    model.settings = settings(global)?;
    model.read_only = opened.read_only || global.read_only;
    if let Some(n) = opened.notice {
        model.set_warning(n);
    }
    if let Some(p) = window_problem(&model) {
        model.set_warning(format!("{}: {p}", store.path().display()));
    }
    // A read-only desk asks for no save: an unstarted window is shown from
    // now, in memory only.
    let initial = model.ensure_window(now, global.issued);
    if model.read_only {
        model.saved_generation = model.generation;
    }
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
    } = open_session(global, Utc::now(), !global.read_only)?;
    // After the brief, the state and the config are known good (their
    // errors come first), before anything touches the terminal or saves.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(AppError::DumbTerminal);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(AppError::NotATerminal);
    }
    model.palette = Palette::from_settings(&model.settings);
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
            Ok(theirs) => crate::app::Msg::Saved { generation, theirs },
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
                .write_all(out_text(&obj, true).as_bytes())
                .map_err(AppError::Output)?;
            return Err(e.into());
        }
        (Err(e), false) => return Err(e.into()),
    };
    std::io::stdout()
        .lock()
        .write_all(out_text(&text, json).as_bytes())
        .map_err(AppError::Output)
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
    let mut session = open_session(global, now, false)?;
    settle(&mut session, now);
    time_problem(&session)?;
    let model = &session.model;
    let text = if json {
        status_json(model, now)?
    } else {
        crate::safe::one_line(&model.status_line(now)).into_owned() + "\n"
    };
    let text = out_text(&text, json);
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
