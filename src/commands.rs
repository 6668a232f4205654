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

mod team;

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
    #[error(transparent)]
    Share(#[from] crate::share::ShareError),
    #[error("no shared folder: pass --share DIR, set WATCHDESK_SHARE or share.dir in the config")]
    NoShare,
    #[error("{0}")]
    Team(String),
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
        Some(Command::Sync) => team::sync(&cli.global),
        Some(Command::Handover { to }) => {
            team::handover(&cli.global, &to, crate::clock::wall_now())
        }
        Some(Command::Accept) => team::accept(&cli.global, crate::clock::wall_now()),
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
    let session = open_watch(global, now, false)?;
    time_problem(&session)?;
    let text = Report::build(&session.watch, &session.settings, None, now, since).render(format);
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

fn window_problem(watch: &Watch) -> Option<String> {
    crate::timecheck::window_problem(
        watch.brief.id.as_str(),
        &watch.log,
        watch.window_start(),
        watch.brief.window(),
    )
}

/// A time in the state file that cannot be computed with stops a query,
/// named with the file and the entry.
fn time_problem(session: &Session) -> Result<(), AppError> {
    match window_problem(&session.watch) {
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
    let settings = settings(global)?;
    let read_only = opened.read_only || global.read_only;
    let desk = Desk::new(
        desk_id(&store, !read_only),
        settings.analyst(),
        Desk::random(),
    );
    let watch = Watch::new(brief, source, log, desk);
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
        .or_else(|| {
            // Made from the operating system's random source, 0600,
            // written atomically (the share's identity, one file for both).
            let dir = store.path().parent().filter(|d| !d.as_os_str().is_empty());
            dir.filter(|_| create)
                .and_then(|d| crate::share::identity::desk_id(d).ok())
        })
        .or_else(|| store.desk_id(create))
        .unwrap_or_else(Desk::random_id)
}

/// Open the brief's watch for a command (`status`, `export`), with the
/// window started (or moved to `--issued`) and that saved, unless the desk
/// is read-only: then an unstarted window is shown from now, in memory only.
fn open_watch(global: &Global, now: DateTime<Utc>, to_save: bool) -> Result<Session, AppError> {
    let mut session = open_session(global, to_save)?;
    if session.watch.ensure_window(now, global.issued) && !session.read_only {
        // The desk's own runner, run here: there is nothing else to wait.
        let mut files = Files::new(session.store.clone());
        for msg in files.run(Job::save(&session.watch)) {
            match msg {
                Msg::Saved {
                    generation, theirs, ..
                } => {
                    session.watch.absorb(&theirs);
                    session.watch.saved_generation = generation;
                }
                Msg::SaveFailed { error, .. } => eprintln!("watchdesk: {error}"),
                _ => {}
            }
        }
    }
    Ok(session)
}

fn desk(global: &Global) -> Result<(), AppError> {
    let now = crate::clock::wall_now();
    let session = open_session(global, !global.read_only)?;
    // After the brief, the state and the config are known good (their
    // errors come first), before anything touches the terminal or saves.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(AppError::DumbTerminal);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(AppError::NotATerminal);
    }
    let problem = window_problem(&session.watch);
    let mut model = Model::with_watch(session.watch);
    model.settings = session.settings;
    model.read_only = session.read_only;
    if let Some(n) = session.notice {
        model.set_warning(n);
    }
    if let Some(p) = problem {
        model.set_warning(format!("{}: {p}", session.store.path().display()));
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
    let session = open_watch(global, now, false)?;
    time_problem(&session)?;
    let text = if json {
        status_json(&session.watch, now)?
    } else {
        let s = &session.settings;
        let line = session.watch.status_line(now, s.thresholds, s.stale_after);
        crate::safe::one_line(&line).into_owned() + "\n"
    };
    let text = out_text(&text, json);
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
