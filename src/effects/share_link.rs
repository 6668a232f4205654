//! The desk's link to the team's share, owned by the effect runner (never
//! the UI task): after each save this desk's new events go out, a brief on
//! the desk has its text published, and every look (with the runner's poll
//! of the state file, each second) takes in the other desks' events and
//! brief texts. Events taken in are saved to the state file first, so it
//! stays the desk's local truth; then the watches absorb them.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use crate::app::{Msg, PeerSeen, ShareSeen};
use crate::brief::{BriefId, BriefSource};
use crate::review::Event;
use crate::share::{Share, ShareOptions, git, sanitize};
use crate::store::Store;
use crate::store::library::Library;

/// How often a look that found nothing to show still tells the UI task
/// the share was read: well within [`crate::app::team::SHARE_STALE_SECS`].
pub const SEEN_REFRESH: Duration = Duration::from_secs(10);

/// The share as the runner keeps it: opened on the first look (a share
/// that cannot be opened yet is tried again on the next).
pub struct ShareLink {
    opts: ShareOptions,
    share: Option<Share>,
    /// Brief texts this desk has put in the share (or found there).
    published: HashSet<BriefId>,
    /// Watches whose events could not go out (the share was away): tried
    /// again on every look until they do.
    unpublished: HashSet<BriefId>,
    /// Every watch's events went out once (on the first good look: what
    /// was recorded while the desk was not running, or offline).
    caught_up: bool,
    /// `git_sync_minutes`, when set and above zero.
    git_every: Option<Duration>,
    /// When the timer last ran git (by [`ShareLink::mono`]).
    last_git: Option<Instant>,
    /// The timer is on but the share is not a git work tree: said once.
    said_not_git: bool,
    /// The wall clock, for the header's "last read".
    clock: Box<dyn Fn() -> chrono::DateTime<chrono::Utc> + Send>,
    /// The other desks as the UI task was last told of them, and when.
    told: Option<(Vec<PeerSeen>, Instant)>,
    /// A monotonic clock, for the git timer (a wall clock set back or
    /// forward neither stops it nor makes it run at every look).
    mono: Box<dyn Fn() -> Instant + Send>,
}

impl ShareLink {
    pub fn new(opts: ShareOptions, git_sync_minutes: Option<u32>) -> ShareLink {
        ShareLink {
            opts,
            share: None,
            published: HashSet::new(),
            unpublished: HashSet::new(),
            caught_up: false,
            git_every: git_sync_minutes
                .filter(|m| *m > 0)
                .map(|m| Duration::from_secs(u64::from(m) * 60)),
            last_git: None,
            said_not_git: false,
            told: None,
            clock: Box::new(crate::clock::wall_now),
            mono: Box::new(Instant::now),
        }
    }

    /// The same link with other clocks: `wall` for what the header shows,
    /// `mono` for the git timer (tests, to run the timer without waiting).
    pub fn with_clocks(
        mut self,
        wall: impl Fn() -> chrono::DateTime<chrono::Utc> + Send + 'static,
        mono: impl Fn() -> Instant + Send + 'static,
    ) -> ShareLink {
        self.clock = Box::new(wall);
        self.mono = Box::new(mono);
        self
    }

    /// Whether the desk runs git on a timer (`git_sync_minutes` above 0).
    pub fn git_timer(&self) -> Option<Duration> {
        self.git_every
    }

    fn open(&mut self) -> Result<&mut Share, String> {
        if self.share.is_none() {
            let s = Share::open(self.opts.clone()).map_err(|e| e.to_string())?;
            self.share = Some(s);
        }
        self.share
            .as_mut()
            .ok_or_else(|| "the share is not open".into())
    }

    /// After a save: this desk's new events of `brief` go out. A message
    /// only when that failed.
    pub fn publish(&mut self, brief: &BriefId, log: &[Event]) -> Option<Msg> {
        let published = match self.open() {
            Ok(share) => share.publish(brief, log).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match published {
            Ok(_) => None,
            Err(e) => {
                // The look says the share is away; this goes out when it is back.
                self.unpublished.insert(brief.clone());
                Some(Msg::ShareNote {
                    text: format!(
                        "share: kept here, published when the share is back: {}",
                        sanitize(&e)
                    ),
                    warning: true,
                })
            }
        }
    }

    /// A look at the share (and, on its timer, a git sync). `briefs`: the
    /// watches on the desk. Saves what is new into `store` (the caller
    /// takes the file's new stamp as its own write).
    pub fn poll(&mut self, store: &Store, briefs: &[BriefId]) -> Vec<Msg> {
        let now = (self.clock)();
        let library = Library::beside(store.path());
        let mut out = Vec::new();
        if let Err(why) = self.open() {
            self.told = None;
            {
                out.push(Msg::ShareSeen(ShareSeen {
                    peers: Vec::new(),
                    unreachable: Some(why),
                    at: now,
                }));
                return out;
            }
        }
        let Some(share) = self.share.as_mut() else {
            return out;
        };
        // Brief texts on the desk that the share lacks.
        for id in briefs {
            if self.published.contains(id) {
                continue;
            }
            if let Ok(text) = std::fs::read_to_string(library.path_of(id)) {
                match share.publish_brief(&text) {
                    Ok(_) => {
                        self.published.insert(id.clone());
                    }
                    Err(e) => out.push(Msg::ShareNote {
                        text: format!("share: {}", sanitize(&e.to_string())),
                        warning: true,
                    }),
                }
            } else {
                // Not kept as a file (nothing to publish).
                self.published.insert(id.clone());
            }
        }
        let r = share.poll();
        if let Some(why) = r.unreachable {
            self.told = None;
            out.push(Msg::ShareSeen(ShareSeen {
                peers: Vec::new(),
                unreachable: Some(sanitize(&why)),
                at: now,
            }));
            return out;
        }
        // Every watch once (what was recorded offline), again when this
        // desk's own file lost events, and what could not go out before.
        if (r.republish || !self.caught_up || !self.unpublished.is_empty())
            && let Ok(state) = store.peek()
        {
            let all = r.republish || !self.caught_up;
            let mut failed = false;
            for (id, entry) in &state.briefs {
                let id = BriefId(id.clone());
                if all || self.unpublished.contains(&id) {
                    failed |= share.publish(&id, &entry.events).is_err();
                }
            }
            if !failed {
                self.caught_up = true;
                self.unpublished.clear();
            }
        }
        // Events first into the state file, then to the watches.
        for (brief, events) in &r.events {
            if let Err(e) = store.save(brief, "", events) {
                out.push(Msg::ShareNote {
                    text: format!("share: the state file: {e}"),
                    warning: true,
                });
                continue;
            }
            if briefs.contains(brief) {
                out.push(Msg::Reloaded {
                    brief: brief.clone(),
                    log: events.clone(),
                });
            } else if !r.briefs.iter().any(|(id, _)| id == brief)
                && let Some(Ok(text)) = library.load_text(brief)
            {
                out.push(Msg::WatchFound {
                    source: BriefSource::File(library.path_of(brief)),
                    text: text.into(),
                    log: logged(store, brief),
                    via: None,
                });
            }
        }
        // New brief texts: kept in the library, on the board as arrivals.
        for (id, text) in &r.briefs {
            self.published.insert(id.clone());
            if briefs.contains(id) {
                continue;
            }
            // Kept as it is, read or not (an unread brief opens in the
            // outline view, as on the desk that added it).
            match library.keep_text(text) {
                Ok((path, _)) => out.push(Msg::WatchFound {
                    source: BriefSource::File(path),
                    text: text.as_str().into(),
                    log: logged(store, id),
                    via: Some("share".into()),
                }),
                Err(e) => out.push(Msg::ShareNote {
                    text: format!("share: {}", sanitize(&e.to_string())),
                    warning: true,
                }),
            }
        }
        for p in &r.problems {
            out.push(Msg::ShareNote {
                text: format!("share: {}", sanitize(&p.to_string())),
                warning: true,
            });
        }
        let peers: Vec<PeerSeen> = r
            .peers
            .iter()
            .map(|p| PeerSeen {
                desk: sanitize(&p.desk),
                analyst: p.analyst.as_deref().map(sanitize),
                last_seen: p.last_seen,
            })
            .collect();
        // The UI task is woken for what it shows: other desks, or the
        // share back; else only often enough that it is not taken for
        // stale. An idle look sends nothing.
        let mono = (self.mono)();
        let due = match &self.told {
            Some((told, at)) => {
                *told != peers || mono.saturating_duration_since(*at) >= SEEN_REFRESH
            }
            None => true,
        };
        if due {
            self.told = Some((peers.clone(), mono));
            out.push(Msg::ShareSeen(ShareSeen {
                peers,
                unreachable: None,
                at: now,
            }));
        }
        out.extend(self.git_on_timer());
        out
    }

    /// `watchdesk sync`'s git half, when its timer is due (at the first
    /// good look, then every `git_sync_minutes`) and the share is a git
    /// work tree; git's error as a warning, and once a warning that the
    /// share is not a work tree.
    fn git_on_timer(&mut self) -> Option<Msg> {
        let every = self.git_every?;
        let now = (self.mono)();
        if self
            .last_git
            .is_some_and(|t| now.saturating_duration_since(t) < every)
        {
            return None;
        }
        self.last_git = Some(now);
        let share = self.share.as_ref()?;
        if !git::is_work_tree(share.dir()) {
            if std::mem::replace(&mut self.said_not_git, true) {
                return None;
            }
            return Some(Msg::ShareNote {
                text: format!(
                    "git: git_sync_minutes is set but the share is not a git work tree \
                     (or git cannot be run): {}",
                    sanitize(&share.dir().display().to_string())
                ),
                warning: true,
            });
        }
        let mut own = vec![share.events_path(), share.meta_path()];
        for id in &self.published {
            let p = share.dir().join("briefs").join(format!("{id}.txt"));
            if p.exists() {
                own.push(p);
            }
        }
        let message = sanitize(&format!(
            "watchdesk: desk {} {}",
            share.identity().desk,
            self.opts.analyst.clone().unwrap_or_default()
        ));
        let error = git::sync(share.dir(), &own, message.trim())
            .err()
            .map(|e| sanitize(&e.to_string()));
        Some(Msg::GitSynced { error })
    }
}

/// The brief's log as the state file holds it now.
fn logged(store: &Store, brief: &BriefId) -> Vec<Event> {
    store
        .peek()
        .ok()
        .and_then(|mut s| s.briefs.remove(brief.as_str()).map(|b| b.events))
        .unwrap_or_default()
}

impl std::fmt::Debug for ShareLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShareLink")
            .field("dir", &self.opts.dir)
            .field("open", &self.share.is_some())
            .field("git_every", &self.git_every)
            .finish()
    }
}
