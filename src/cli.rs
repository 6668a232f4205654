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

    /// The watch for `mark`, `note`, `status` and `export`: its brief id or a
    /// unique prefix of it (see `watchdesk list`). `check --watch [ID]`
    /// reads the brief as its watch does: with the corrections made in the
    /// desk's outline view (the watch of FILE or --brief without an id).
    #[arg(long, global = true, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub watch: Option<String>,
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
        /// One shift handover covering every open watch.
        #[arg(long)]
        all: bool,
    },
    /// Put a brief on the desk (FILE, or - for standard input): its text is
    /// kept beside the state file. Prints its id and title.
    Add {
        /// The brief file, or - to read standard input.
        file: PathBuf,
    },
    /// The watches, most urgent first.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Closed watches too (and watches whose brief text is missing).
        #[arg(long)]
        all: bool,
    },
    /// Close a watch: it leaves the board and its final report is written.
    Close {
        /// The brief id or a unique prefix of it.
        id: String,
        /// Why it is closed.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
        /// assessed (the default), overtaken_by_events, superseded or other.
        #[arg(long, default_value = "assessed", value_parser = parse_disposition)]
        disposition: crate::review::Disposition,
    },
    /// Reopen a closed watch.
    Reopen {
        /// The brief id or a unique prefix of it.
        id: String,
    },
    /// Record a status from the command line: `I2 observed`, `I2
    /// not_observed`, `I2 watching`, `T1 reviewed`, `W1 unreviewed`.
    Mark {
        /// The item: I1, T2, W1...
        item: String,
        /// observed, not_observed, watching (indicators); reviewed,
        /// unreviewed (themes, Washington notes).
        status: String,
    },
    /// Add a note to an item from the command line.
    Note {
        /// The item: I1, T2, W, W1...
        item: String,
        /// The note's text.
        text: String,
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

fn parse_disposition(s: &str) -> Result<crate::review::Disposition, String> {
    s.parse()
}

/// A time as `--issued` and `--since` take it (see [`crate::timearg`]).
pub fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    crate::timearg::parse(s, Utc::now())
}
