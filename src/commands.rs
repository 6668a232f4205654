//! The commands: the desk itself, `check` and `status`. Each returns its
//! result; `main` prints errors and picks the exit code.

mod scripts;
mod status_json;
mod watches;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::app::Model;
use crate::brief::{self, BriefError};
use crate::cli::{Cli, Command, Global};
use crate::config::Settings;
use crate::report::{Format, Report};
use crate::review::Desk;
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
    #[error("{0}")]
    Watch(String),
    /// The desk ended with work it could not write (exit non-zero).
    #[error("{0}")]
    Unsaved(String),
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
        Some(Command::Check { file, json }) if cli.global.watch.is_some() => {
            check_watch(&cli.global, file.as_deref(), json)
        }
        Some(Command::Check { file, json }) => {
            check(file.as_deref().or(cli.global.brief.as_deref()), json)
        }
        Some(Command::Status { json }) => {
            scripts::status(&cli.global, json, crate::clock::wall_now())
        }
        Some(Command::Export {
            format,
            since,
            output,
            all,
        }) => export(
            &cli.global,
            format,
            since,
            output.as_deref(),
            all,
            crate::clock::wall_now(),
        ),
        Some(Command::Add { file }) => scripts::add(&cli.global, &file, crate::clock::wall_now()),
        Some(Command::List { json, all }) => scripts::list(&cli.global, json, all),
        Some(Command::Close {
            id,
            reason,
            disposition,
        }) => scripts::close(
            &cli.global,
            &id,
            reason,
            disposition,
            crate::clock::wall_now(),
        ),
        Some(Command::Reopen { id }) => scripts::reopen(&cli.global, &id, crate::clock::wall_now()),
        Some(Command::Mark { item, status }) => {
            scripts::mark(&cli.global, &item, &status, crate::clock::wall_now())
        }
        Some(Command::Note { item, text }) => {
            scripts::note(&cli.global, &item, &text, crate::clock::wall_now())
        }
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
    all: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let text = if all {
        if format != Format::Md {
            return Err(AppError::Watch(
                "export --all writes one Markdown handover; drop --format".into(),
            ));
        }
        scripts::export_all(global, since, now)?
    } else {
        // A query: nothing is written, an unstarted window is shown from now.
        let mut all = watches::open_all(
            global,
            watches::Purpose::Query {
                default: true,
                texts: false,
            },
        )?;
        let i = watches::pick(&all, global)?;
        let w = &mut all.watches[i];
        w.ensure_window(now, global.issued);
        if let Some(problem) = window_problem(w) {
            return Err(AppError::Time {
                path: all.store.path().to_path_buf(),
                problem,
            });
        }
        Report::build(w, &all.settings, None, now, since).render(format)
    };
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

fn state_path(global: &Global) -> Result<PathBuf, AppError> {
    match &global.state {
        Some(p) => Ok(p.clone()),
        None => Store::default_path().ok_or(AppError::NoDataDir),
    }
}

/// The desk's id: `WATCHDESK_DESK` when set (two desks on one machine, and
/// tests), else the one kept beside the state file (the share's identity
/// module makes it once, from the OS random source, 0600, linked into place);
/// a desk that records nothing (read-only) makes none and goes by a random one.
fn desk_id(store: &Store, create: bool) -> String {
    std::env::var("WATCHDESK_DESK")
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| crate::share::names::valid_id(s))
        .or_else(|| {
            let dir = crate::store::library::data_dir(store.path());
            if create {
                crate::share::identity::desk_id(&dir).ok()
            } else {
                crate::share::identity::read_desk_id(&dir)
            }
        })
        .unwrap_or_else(Desk::random_id)
}

pub(super) fn desk(global: &Global) -> Result<(), AppError> {
    let now = crate::clock::wall_now();
    let all = watches::open_all(
        global,
        watches::Purpose::Record {
            to_save: !global.read_only,
            default: true,
        },
    )?;
    // A refused brief named with --brief opens in the outline view, to be
    // put right there; with no terminal to show it in (or a desk that may
    // not record the corrections), the refusal is the answer. An empty
    // brief has nothing to mark: refused there too.
    if let Some(w) = all.picked.map(|i| &all.watches[i])
        && let Some(refusal) = w.unread()
        && (!std::io::IsTerminal::is_terminal(&std::io::stdout())
            || all.read_only
            || refusal.kind == brief::ParseErrorKind::Empty)
    {
        watches::refuse_unread(w)?;
    }
    // After the briefs, the state and the config are known good (their
    // errors come first), before anything touches the terminal or saves.
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(AppError::DumbTerminal);
    }
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return Err(AppError::NotATerminal);
    }
    if !all.read_only {
        // Kept for the corrections the outline view will record on it.
        watches::keep_named(&all)?;
    }
    let problems: Vec<String> = all.watches.iter().filter_map(window_problem).collect();
    let state_path = all.store.path().to_path_buf();
    let picked = all.picked;
    let Some(mut model) = Model::with_watches(all.watches) else {
        return Err(AppError::Watch("no watch to open".into()));
    };
    if let Some(i) = picked {
        model.open_desk(i, None);
    }
    model.settings = all.settings;
    model.read_only = all.read_only;
    // Notes being typed when the last desk went down (SIGTERM, SIGHUP).
    let mut drafts_unreadable = false;
    if !model.read_only {
        match crate::store::drafts::load(&state_path) {
            Ok(kept) => {
                let items: Vec<String> = kept.iter().map(|k| k.item.to_string()).collect();
                if model.restore_drafts(kept) > 0 {
                    model.set_warning(format!(
                        "unsaved note draft{} kept from the last session on {}: n there brings it back (Ctrl-g in it discards it)",
                        if items.len() == 1 { "" } else { "s" },
                        items.join(", ")
                    ));
                }
            }
            Err(e) => {
                drafts_unreadable = true;
                model.set_warning(e.to_string());
            }
        }
    }
    if let Some(n) = all.notice {
        model.set_warning(n);
    }
    if let Some(p) = problems.first() {
        model.set_warning(format!("{}: {p}", state_path.display()));
    }
    // Every open watch's window runs from when it is first on a desk.
    let active = model.active;
    for (i, w) in model.watches.iter_mut().enumerate() {
        if i != active && w.is_open() {
            w.ensure_window(now, None);
        }
    }
    let initial = model.ensure_window(now, global.issued);
    if model.read_only {
        for w in &mut model.watches {
            w.saved_generation = w.generation;
        }
    }
    let palette = Palette::from_settings(&model.settings);
    // The team's share: `--share`, WATCHDESK_SHARE or `share.dir`.
    let share = team::share_dir(global, &model.settings).map(|dir| {
        model.share = Some(crate::app::ShareState::default());
        crate::effects::share_link::ShareLink::new(
            team::share_options(dir, &model.settings, &all.store),
            Some(model.settings.git_sync_minutes),
        )
    });
    let model = crate::runtime::run(model, palette, all.store, initial, share)
        .map_err(AppError::Terminal)?;
    if model.read_only {
        return Ok(());
    }
    // Every draft (the open editor's, the ones kept with Esc) is kept
    // beside the state file for the next start.
    let drafts = model.drafts_to_keep();
    let mut lost = Vec::new();
    if !(drafts.is_empty() && drafts_unreadable)
        && let Err(e) = crate::store::drafts::store(&state_path, &drafts)
    {
        lost.push(format!("the note drafts could not be kept: {e}"));
    }
    if model.has_unsaved() {
        lost.push(format!(
            "some changes could not be saved ({})",
            model
                .save_error
                .as_deref()
                .unwrap_or("the save did not finish")
        ));
    }
    if lost.is_empty() {
        Ok(())
    } else {
        Err(AppError::Unsaved(lost.join("; ")))
    }
}

// ---- check ---------------------------------------------------------------

fn check(path: Option<&Path>, json: bool) -> Result<(), AppError> {
    print_check(brief::read(path), json)
}

/// `check --watch [ID]`: the brief as its watch reads it, with the
/// corrections recorded in the state file: the watch of FILE (or
/// `--brief`), or the one `--watch ID` names. Nothing is written.
fn check_watch(global: &Global, file: Option<&Path>, json: bool) -> Result<(), AppError> {
    let mut g = global.clone();
    let named = global.watch.as_deref().filter(|v| !v.trim().is_empty());
    match (file, named) {
        (Some(f), _) => {
            g.brief = Some(f.to_path_buf());
            g.watch = None;
        }
        // `check --watch FILE`: the value is the brief's file.
        (None, Some(v)) if Path::new(v).is_file() => {
            g.brief = Some(PathBuf::from(v));
            g.watch = None;
        }
        (None, Some(_)) => {}
        (None, None) => g.watch = None,
    }
    let all = watches::open_all(
        &g,
        watches::Purpose::Query {
            default: true,
            texts: true,
        },
    )?;
    let w = &all.watches[watches::pick_any(&all, &g)?];
    let reading = match w.unread() {
        None => Ok(brief::Reading {
            brief: w.brief.clone(),
            // The outline of the reading in effect (the watch keeps none).
            outline: w.preview(&[]).1,
            source: w.source.clone(),
        }),
        Some(error) => Err(BriefError::Parse {
            source_name: w.source.to_string(),
            error: error.clone(),
        }),
    };
    print_check(reading, json)
}

/// What `check` prints: the reading, or the refusal (as JSON on stdout
/// too with `--json`, and still a failure). Through the output gate.
fn print_check(reading: Result<brief::Reading, BriefError>, json: bool) -> Result<(), AppError> {
    use crate::brief::summary;
    let json_err = |e: serde_json::Error| AppError::Output(e.into());
    let text = match (reading, json) {
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
