//! The team around the desk: the other desks seen in the share (the
//! header's peers line), whether the share can be read, and the shift
//! sign-over (who holds each watch, a handover waiting to be accepted).

use chrono::{DateTime, Utc};

use super::{Model, Msg};
use crate::review::EventKind;

/// A share older than this since its last good read is said to be stale.
pub const SHARE_STALE_SECS: i64 = 30;

/// Another desk, as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerSeen {
    pub desk: String,
    pub analyst: Option<String>,
    pub last_seen: Option<DateTime<Utc>>,
}

impl PeerSeen {
    /// The analyst, else the desk id's first characters; never raw control
    /// characters.
    pub fn label(&self) -> String {
        let raw = match &self.analyst {
            Some(a) if !a.trim().is_empty() => a.trim().to_string(),
            _ => self.desk.chars().take(6).collect(),
        };
        crate::watch::plain(&raw)
    }
}

/// What the desk knows of the share (absent: the desk has no share).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareState {
    pub peers: Vec<PeerSeen>,
    /// Why the share could not be read at the last look.
    pub unreachable: Option<String>,
    /// The last look that read the share.
    pub last_ok: Option<DateTime<Utc>>,
    /// git's error from the desk's last timed git sync, until one works.
    pub git_failed: Option<String>,
}

/// One look at the share, from the effect runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareSeen {
    pub peers: Vec<PeerSeen>,
    pub unreachable: Option<String>,
    pub at: DateTime<Utc>,
}

impl ShareState {
    /// "desks: AB 2m, CD 1h" (newest first), and the share's trouble, if
    /// any: the header's words for the team.
    pub fn summary(&self, now: DateTime<Utc>) -> String {
        let mut peers: Vec<&PeerSeen> = self.peers.iter().collect();
        peers.sort_by_key(|p| std::cmp::Reverse(p.last_seen));
        let mut out = if peers.is_empty() {
            "desks: none yet".to_string()
        } else {
            let each: Vec<String> = peers
                .iter()
                .map(|p| match p.last_seen {
                    Some(t) => format!("{} {}", p.label(), peer_ago((now - t).num_seconds())),
                    None => p.label(),
                })
                .collect();
            format!("desks: {}", each.join(", "))
        };
        if let Some(why) = &self.unreachable {
            let since = self
                .last_ok
                .map(|t| format!(" (last read {} ago)", short_ago((now - t).num_seconds())))
                .unwrap_or_default();
            out = format!(
                "SHARE UNREACHABLE{since}: {} · {out}",
                crate::watch::plain(why)
            );
        } else if self.last_ok.is_none() {
            out = format!("share not read yet · {out}");
        } else if self.is_stale(now) {
            let ago = self
                .last_ok
                .map_or("never".to_string(), |t| short_ago((now - t).num_seconds()));
            out = format!("SHARE STALE (last read {ago} ago) · {out}");
        }
        if let Some(why) = &self.git_failed {
            out = format!("GIT SYNC FAILED: {} · {out}", crate::watch::plain(why));
        }
        out
    }

    /// Not read for [`SHARE_STALE_SECS`] (the runner is stuck on a slow
    /// drive, or has never got through).
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        self.last_ok
            .is_none_or(|t| (now - t).num_seconds() > SHARE_STALE_SECS)
    }

    /// Whether the header's words need a warning colour.
    pub fn in_trouble(&self, now: DateTime<Utc>) -> bool {
        self.unreachable.is_some() || self.git_failed.is_some() || self.is_stale(now)
    }
}

/// How long ago another desk was seen: `now` under a minute (a desk
/// writes its heartbeat about once a minute, and an idle header that
/// changes once a minute costs the terminal less), then as [`short_ago`].
pub fn peer_ago(secs: i64) -> String {
    if secs < 60 {
        "now".to_string()
    } else {
        short_ago(secs)
    }
}

/// `45s`, `2m`, `3h`, `2d`.
pub fn short_ago(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m", s / 60),
        3600..86400 => format!("{}h", s / 3600),
        _ => format!("{}d", s / 86400),
    }
}

impl Model {
    /// Take a look at the share; whether the screen changes.
    pub(super) fn share_seen(&mut self, seen: ShareSeen, now: DateTime<Utc>) -> bool {
        let before = self.share.as_ref().map(|s| s.summary(now));
        let state = self.share.get_or_insert_with(ShareState::default);
        state.unreachable = seen.unreachable;
        if state.unreachable.is_none() {
            state.last_ok = Some(seen.at);
            state.peers = seen.peers;
        }
        self.share.as_ref().map(|s| s.summary(now)) != before
    }

    /// The git timer's sync: its error stays in the header (and shows in
    /// the status bar) until a sync works. Whether the screen changes.
    pub(super) fn git_synced(&mut self, error: Option<String>, now: DateTime<Utc>) -> bool {
        let state = self.share.get_or_insert_with(ShareState::default);
        let was = state.git_failed.take();
        state.git_failed = error.as_deref().map(crate::watch::plain);
        match (&was, error) {
            (_, Some(e)) => {
                self.warn(format!("git sync failed: {}", crate::watch::plain(&e)));
                true
            }
            (Some(_), None) => {
                self.info(now, "git sync works again: committed, pulled and pushed");
                true
            }
            (None, None) => false,
        }
    }

    /// Who holds the watch on screen, and who is waiting to accept it.
    pub fn holder(&self) -> crate::share::shift::Shift {
        crate::share::shift::shift(&self.watch().log)
    }

    /// `H`: ask for the incoming analyst's name, to sign over the watch
    /// on screen.
    pub(super) fn start_handover(&mut self, now: DateTime<Utc>) {
        self.start_handover_of(self.active, now);
    }

    /// Ask for the incoming analyst's name, to sign over watch `w` (the
    /// board's selected row's).
    pub(super) fn start_handover_of(&mut self, w: usize, now: DateTime<Utc>) {
        if self.read_only {
            self.warn("read-only: nothing is recorded here");
            return;
        }
        let Some(watch) = self.watches.get(w) else {
            return;
        };
        let what = if self.screen == super::Screen::Board {
            format!("hand over {} to whom?", watch.short_title(40))
        } else {
            "hand over to whom?".to_string()
        };
        self.handover_to = Some(String::new());
        self.handover_watch = Some(w);
        self.mode = super::Mode::Handover;
        self.info(
            now,
            format!("{what} type the name, Enter to sign over, Esc to cancel"),
        );
    }

    /// Esc: nothing recorded; back to the desk or the board.
    pub(super) fn cancel_handover(&mut self, now: DateTime<Utc>) {
        self.handover_to = None;
        self.handover_watch = None;
        self.mode = self.home_mode();
        self.info(now, "handover cancelled");
    }

    /// A key typed into the name.
    pub(super) fn handover_input(&mut self, key: crossterm::event::KeyEvent) {
        use crossterm::event::{KeyCode, KeyModifiers};
        let Some(name) = self.handover_to.as_mut() else {
            return;
        };
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && name.chars().count() < 80 =>
            {
                name.push(c)
            }
            KeyCode::Backspace => {
                name.pop();
            }
            _ => {}
        }
    }

    /// Enter: write the handover report (the runner writes it to
    /// `reports/`) and record the handover naming it.
    pub(super) fn commit_handover(&mut self, now: DateTime<Utc>) -> Vec<super::Effect> {
        let to = crate::watch::plain(self.handover_to.take().unwrap_or_default().trim());
        let w = self.handover_watch.take().unwrap_or(self.active);
        self.mode = self.home_mode();
        if to.is_empty() {
            self.warn("handover: no name given, nothing recorded");
            return Vec::new();
        }
        let Some(watch) = self.watches.get(w) else {
            return Vec::new();
        };
        let file_name = crate::share::shift::handover_file_name(watch.brief.id.as_str(), now);
        let text = crate::report::Report::build(watch, &self.settings, None, now, None)
            .render(crate::report::Format::Md);
        self.record_handover_of(w, now, &to, format!("reports/{file_name}"));
        vec![super::Effect::Export { file_name, text }]
    }

    /// Record a handover of watch `w` to `to`, with the report at `report`.
    fn record_handover_of(&mut self, w: usize, now: DateTime<Utc>, to: &str, report: String) {
        let to = crate::watch::plain(to.trim());
        if to.is_empty() || self.read_only {
            return;
        }
        let Some(watch) = self.watches.get_mut(w) else {
            return;
        };
        watch.record(
            now,
            EventKind::Handover {
                to: crate::review::Name::from(to.as_str()),
                report: Some(report),
            },
        );
        let title = watch.short_title(40);
        self.needs_save = true;
        let what = if self.screen == super::Screen::Board {
            format!("{title} handed over to {to}")
        } else {
            format!("handed over to {to}")
        };
        self.info(now, format!("{what}; waiting for them to accept"));
    }

    /// Accept the handover waiting on the watch on screen.
    pub(super) fn accept_handover(&mut self, now: DateTime<Utc>) {
        self.accept_handover_of(self.active, now);
    }

    /// Accept the handover waiting on watch `w`.
    pub(super) fn accept_handover_of(&mut self, w: usize, now: DateTime<Utc>) {
        if self.read_only {
            self.warn("read-only: nothing is recorded here");
            return;
        }
        let Some(watch) = self.watches.get_mut(w) else {
            return;
        };
        let shift = crate::share::shift::shift(&watch.log);
        let Some(pending) = shift.pending else {
            self.warn("no handover waits to be accepted on this watch");
            return;
        };
        watch.record(now, EventKind::Accept { of: pending.id });
        let title = watch.short_title(40);
        self.needs_save = true;
        let from = crate::watch::plain(&pending.from);
        let what = if self.screen == super::Screen::Board {
            format!("accepted {title} from {from}")
        } else {
            format!("accepted the handover from {from}")
        };
        self.info(now, what);
    }
}

/// A message for tests and the runner: one look at the share.
pub fn seen(peers: Vec<PeerSeen>, unreachable: Option<String>, at: DateTime<Utc>) -> Msg {
    Msg::ShareSeen(ShareSeen {
        peers,
        unreachable,
        at,
    })
}
