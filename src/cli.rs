//! The command line.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "watchdesk",
    version,
    about = "A terminal watch-desk for strategic briefs: themes, the Washington angle, and a live countdown for each indicator.",
    long_about = None,
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes, before or after the command name.
#[derive(Debug, Args, Clone, Default)]
pub struct Global {
    /// The brief to open (plain text). Without it, the embedded default brief.
    #[arg(long, global = true, value_name = "FILE")]
    pub brief: Option<PathBuf>,

    /// The state file (JSON). Default: state.json in the watchdesk data directory.
    #[arg(long, global = true, value_name = "PATH", env = "WATCHDESK_STATE")]
    pub state: Option<PathBuf>,

    /// When the watch window started: RFC 3339 (2026-11-26T14:30:00Z), a DTG
    /// (261430Z NOV 26) or a date (2026-11-26, 00:00Z).
    /// Without it, the window starts when the brief is first opened.
    #[arg(long, global = true, value_name = "TIME", value_parser = parse_time)]
    pub issued: Option<DateTime<Utc>>,

    /// Display only (a wall screen): no changes, no saves.
    #[arg(long, global = true)]
    pub read_only: bool,

    /// The team's shared folder (Syncthing, Dropbox, a network drive or a git
    /// work tree). Default: `share.dir` in the config.
    #[arg(long, global = true, value_name = "DIR", env = "WATCHDESK_SHARE")]
    pub share: Option<PathBuf>,

    /// The config file (TOML). Default: config.toml in the watchdesk config directory.
    #[arg(long, global = true, value_name = "PATH", env = "WATCHDESK_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a brief and print what was found in it.
    Check {
        /// The brief to check (default: --brief, or the embedded default brief).
        file: Option<PathBuf>,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print the current review of the brief: one line for a status bar, or JSON.
    Status {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Write the handover report for the brief.
    Export {
        /// Markdown (the default) or JSON.
        #[arg(long, value_enum, default_value_t = Format::Md)]
        format: Format,
        /// Keep the log to what happened after this time (RFC 3339, a DTG or a date).
        #[arg(long, value_name = "TIME", value_parser = parse_time)]
        since: Option<DateTime<Utc>>,
        /// Write the report here instead of to standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Publish this desk's events to the share and take the other desks';
    /// when the share is a git work tree, commit this desk's files, pull
    /// (rebasing) and push.
    Sync,
    /// Sign the watch over to the next analyst: write the handover report to
    /// the reports folder and record the handover.
    Handover {
        /// Who takes the watch.
        #[arg(long, value_name = "NAME")]
        to: String,
    },
    /// Accept the handover waiting on this watch.
    Accept,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `watchdesk man > watchdesk.1`, or one command's page.
    Man {
        /// A command whose own page to print (e.g. `export`).
        command: Option<String>,
    },
    /// Help with the config file.
    Config {
        /// Print where the config file is read from.
        #[arg(long)]
        path: bool,
        /// Print a config file with every key at its default.
        #[arg(long)]
        default: bool,
    },
}

/// A time as `--issued` and `--since` take it (see [`crate::timearg`]).
pub fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    crate::timearg::parse(s, Utc::now())
}
