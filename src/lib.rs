//! watchdesk: a terminal watch-desk for strategic briefs.
//!
//! The crate is split as `../shared/DESIGN.md` describes: a pure core
//! ([`app`]: model, messages, update, keymap) over the domain ([`brief`],
//! [`review`], [`clock`]), a view ([`ui`]) that only draws, and a thin async
//! shell ([`runtime`]) that is the only code touching the terminal, signals
//! and files, through [`store`].

pub mod alerts;
pub mod app;
pub mod brief;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod effects;
pub mod fsio;
pub mod input;
pub mod json;
pub mod report;
pub mod review;
pub mod runtime;
pub mod safe;
pub mod share;
pub mod store;
pub mod text;
pub mod timearg;
pub mod timecheck;
pub mod ui;
pub mod watch;
