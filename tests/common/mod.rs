//! Shared set-up for the plain and render tests: the default brief in a
//! model at a fixed time, with a fixed desk id and a fixed local zone.
#![allow(dead_code)]

use chrono::{DateTime, Duration, FixedOffset, Utc};
use watchdesk::app::{Action, Effect, Model, Msg, update};
use watchdesk::brief::{Brief, BriefSource};

/// 26 Nov 2026, 14:30:00 Zulu.
pub fn t0() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().expect("fixed time")
}

pub fn default_brief() -> Brief {
    Brief::default_brief().expect("the default brief parses")
}

/// A model on the default brief whose window started at `t0()`.
pub fn model() -> Model {
    let mut m = Model::new(default_brief(), BriefSource::Default, Vec::new(), 7);
    m.utc_offset = FixedOffset::west_opt(5 * 3600);
    let effects = m.ensure_window(t0(), None);
    assert_eq!(effects.len(), 1, "starting the window asks for one save");
    m
}

/// Press a sequence of actions at `t0() + seconds`, returning every effect.
pub fn press(m: &mut Model, actions: &[Action], seconds: i64) -> Vec<Effect> {
    let now = t0() + Duration::seconds(seconds);
    actions
        .iter()
        .flat_map(|a| update(m, Msg::Action(*a), now))
        .collect()
}
