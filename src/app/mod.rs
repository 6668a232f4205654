//! The pure core: [`Model`], [`Msg`], [`update`] and the keymap.
//!
//! `update` is plain, synchronous and deterministic: it takes `now` as an
//! argument, does no I/O and returns the side effects it wants as data
//! ([`Effect`]). The runtime runs them and feeds the results back as messages.
//!
//! The model holds the watches (the domain, [`crate::watch`]) and the state
//! of the screen around them, nothing else.

mod actions;
pub mod board;
mod drafts;
pub mod editor;
pub mod keymap;
pub mod mouse;
pub mod outline;
pub mod scroll;
pub mod team;
mod update;

pub use board::{BoardRow, BoardState, CloseDraft, Screen};
pub use editor::{Draft, NoteEditor};
pub use outline::OutlineView;
pub use scroll::{FrameReport, Scroll};
pub use team::{PeerSeen, ShareSeen, ShareState};
pub use update::{Update, update};

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use crossterm::event::KeyEvent;

use crate::brief::{Brief, BriefId, BriefSource};
use crate::clock;
use crate::config::Settings;
use crate::review::{Desk, Event, ItemRef};
use crate::watch::Watch;

pub use keymap::{Action, Mode};

/// The three panels that can have focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Themes,
    Washington,
    Indicators,
}

impl Panel {
    pub const ALL: [Panel; 3] = [Panel::Themes, Panel::Washington, Panel::Indicators];

    fn index(self) -> usize {
        match self {
            Panel::Themes => 0,
            Panel::Washington => 1,
            Panel::Indicators => 2,
        }
    }
}

/// How a status-bar message should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub kind: NoticeKind,
    /// Transient notices fade after a few seconds; warnings and errors stay
    /// until something replaces them.
    pub until: Option<DateTime<Utc>>,
}

/// Everything that can happen to the desk.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key asked for something.
    Action(Action),
    /// A key with no binding, while a text input has the keys.
    Input(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// A click or the wheel (see [`mouse::message`]).
    Mouse(mouse::MouseMsg),
    /// The wall clock reached a new second.
    Tick,
    /// The terminal changed size.
    Resize,
    /// What the last frame found: the sizes of what scrolls (the view
    /// works them out, at the pane's width), whether countdowns show.
    Frame(FrameReport),
    /// A save finished: the events the file held that the saved log lacked
    /// (another desk's work; usually none), and the change generation that
    /// save carried.
    Saved {
        brief: BriefId,
        generation: u64,
        theirs: Vec<Event>,
    },
    /// A save failed; the change stays in memory and is retried.
    SaveFailed {
        brief: BriefId,
        generation: u64,
        error: String,
    },
    /// Another desk changed the state file: its log for this brief.
    Reloaded { brief: BriefId, log: Vec<Event> },
    /// A brief came onto the desk while it runs: from the inbox (`via`
    /// `inbox`: its arrival is recorded here) or added elsewhere (`via`
    /// none: the log already says).
    /// The watch reads `text` with the corrections in `log`.
    WatchFound {
        text: Arc<str>,
        source: BriefSource,
        log: Vec<Event>,
        via: Option<String>,
    },
    /// A file in the inbox was refused (moved to `rejected/`) or could not
    /// be taken.
    InboxRefused { file: String, reason: String },
    /// The state file changed but could not be read.
    ReloadFailed { error: String },
    /// The report was written.
    Exported { path: String },
    /// The report could not be written.
    ExportFailed { error: String },
    /// A signal or a lost terminal: save what there is and go.
    Shutdown,
    /// A look at the team's share: the other desks, or why it cannot be read.
    ShareSeen(ShareSeen),
    /// Something about the share the analyst should be told (a cloned desk
    /// id, a file that cannot be written).
    ShareNote { text: String, warning: bool },
    /// The desk's git timer ran `watchdesk sync`'s git half: git's own
    /// error when it failed.
    GitSynced { error: Option<String> },
}

/// What `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Merge this log into the brief's entry in the state file. The log is
    /// the watch's own, shared: drop the effect once it has run, or the
    /// watch's next change copies the whole log.
    Save {
        brief: BriefId,
        title: String,
        generation: u64,
        log: Arc<Vec<Event>>,
    },
    /// Write the handover report to a file of this name in the reports
    /// directory.
    Export { file_name: String, text: String },
    /// Catch the analyst's eye: the bell, and a desktop notification.
    Alert {
        bell: bool,
        notify: Option<(String, String)>,
    },
    /// Set the terminal's title.
    Title(String),
}

/// How long a failed save waits before it is tried again.
const SAVE_RETRY: i64 = 5;
/// How long an informational notice stays.
const NOTICE_SECS: i64 = 6;

/// A search and where it stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub matches: Vec<ItemRef>,
    pub current: usize,
}

/// The desk: the watches, and the state of the screen around them.
#[derive(Debug, Clone)]
pub struct Model {
    /// Every watch on the desk (one today).
    pub watches: Vec<Watch>,
    /// The watch the screen shows.
    pub active: usize,
    pub focus: Panel,
    /// The selected row in each panel.
    pub selected: [usize; 3],
    /// The reading pane's scroll.
    pub reader: Scroll,
    pub mode: Mode,
    pub help: Scroll,
    pub notice: Option<Notice>,
    pub settings: Settings,
    /// No changes, no saves: a wall display, or a state file from a newer
    /// version.
    pub read_only: bool,
    /// When a failed save is tried again.
    pub retry_at: Option<DateTime<Utc>>,
    /// The last save error, while the change is not on disk.
    pub save_error: Option<String>,
    /// `q` was pressed with unsaved changes: a second `q` quits anyway.
    pub quit_armed: bool,
    pub quit: bool,
    /// The zone for local times; `None` is the system's own.
    pub utc_offset: Option<FixedOffset>,
    /// The note being written.
    pub editor: Option<NoteEditor>,
    /// Notes left unsaved with Esc, by watch and item: `n` on the item
    /// brings its draft back; saving or discarding (Ctrl-g) clears it.
    pub drafts: BTreeMap<(BriefId, ItemRef), Draft>,
    pub search: Search,
    /// Where the focus and the selections were when `/` was pressed: Esc
    /// in the search goes back there.
    pub search_origin: Option<(Panel, [usize; 3])>,
    /// A note was just added: the next frame scrolls the reader to it.
    pub reader_reveal: bool,
    /// The change log view: its scroll and the item it is filtered to.
    pub timeline: Scroll,
    pub timeline_filter: Option<ItemRef>,
    /// The item that was selected when the log was opened.
    pub timeline_item: Option<ItemRef>,
    /// The indicator whose closing assessment is being asked for, and the
    /// ones waiting their turn.
    pub assessing: Option<usize>,
    pub pending_assessments: Vec<usize>,
    /// The terminal title last set.
    pub title: String,
    /// The board or one watch's desk.
    pub screen: Screen,
    pub board: BoardState,
    /// The close dialog, while it is open.
    pub closing: Option<CloseDraft>,
    /// The last frame showed countdowns (so each second needs a frame).
    pub countdowns_on_screen: bool,
    /// From the last frame: when it was drawn and until when the clock
    /// leaves it as it is (see [`FrameReport::still`]).
    pub still: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// The team's share, when the desk has one.
    pub share: Option<ShareState>,
    /// The incoming analyst's name, while it is typed.
    pub handover_to: Option<String>,
    /// The watch being signed over (the board's selected row's); `None`:
    /// the watch on screen.
    pub handover_watch: Option<usize>,
    /// The outline view of the active watch, while it is open (see
    /// [`outline`]).
    pub outline: Option<OutlineView>,
    /// A change was recorded during this update: save once at its end.
    needs_save: bool,
}

impl Model {
    /// A desk on one brief with the log found in the state file, for
    /// tests and benches: the desk is named by `desk` in hex, and that
    /// number seeds its event ids.
    pub fn new(brief: Brief, source: BriefSource, log: Vec<Event>, desk: u64) -> Self {
        let desk = Desk::new(format!("{desk:016x}"), None, desk);
        Model::with_watch(Watch::new(brief, source, log, desk))
    }

    /// A desk on one watch.
    pub fn with_watch(watch: Watch) -> Self {
        Model {
            watches: vec![watch],
            active: 0,
            focus: Panel::Indicators,
            selected: [0; 3],
            reader: Scroll::default(),
            mode: Mode::Normal,
            help: Scroll::default(),
            notice: None,
            settings: Settings::default(),
            read_only: false,
            retry_at: None,
            save_error: None,
            quit_armed: false,
            quit: false,
            utc_offset: None,
            editor: None,
            drafts: BTreeMap::new(),
            search: Search::default(),
            search_origin: None,
            reader_reveal: false,
            timeline: Scroll::default(),
            timeline_filter: None,
            timeline_item: None,
            assessing: None,
            pending_assessments: Vec::new(),
            title: String::new(),
            screen: Screen::Desk,
            board: BoardState::default(),
            closing: None,
            countdowns_on_screen: true,
            still: None,
            share: None,
            handover_to: None,
            handover_watch: None,
            outline: None,
            needs_save: false,
        }
        .opened()
    }

    /// An unread watch opens in the outline view.
    fn opened(mut self) -> Self {
        self.keep_unread_in_outline();
        self
    }

    /// The watch on screen.
    pub fn watch(&self) -> &Watch {
        &self.watches[self.active]
    }

    pub fn watch_mut(&mut self) -> &mut Watch {
        &mut self.watches[self.active]
    }

    /// The watch on this brief, if it is on the desk.
    pub fn watch_of(&mut self, brief: &BriefId) -> Option<&mut Watch> {
        self.watches.iter_mut().find(|w| &w.brief.id == brief)
    }

    /// Local time for the second place after a DTG.
    pub fn local(&self, t: DateTime<Utc>) -> String {
        clock::local_opt(t, self.utc_offset)
    }

    /// The DTG and the local time: `261430Z NOV 26 (Thu 26 Nov 09:30 EST)`.
    pub fn dtg_local(&self, t: DateTime<Utc>) -> String {
        format!("{} ({})", clock::dtg(t), self.local(t))
    }

    /// Some watch has changes the state file does not hold yet.
    pub fn has_unsaved(&self) -> bool {
        self.watches.iter().any(Watch::has_unsaved)
    }

    /// Start the watch window if it has not started, or move it to an
    /// explicit `issued` time. Returns the save this needs, if any.
    pub fn ensure_window(
        &mut self,
        now: DateTime<Utc>,
        issued: Option<DateTime<Utc>>,
    ) -> Vec<Effect> {
        if self.watch_mut().ensure_window(now, issued) {
            self.needs_save = true;
        }
        self.take_save()
    }

    /// The active watch's status line, with this desk's thresholds.
    pub fn status_line(&self, now: DateTime<Utc>) -> String {
        crate::watch::summary_line(
            &self.watches,
            now,
            self.settings.thresholds,
            self.settings.stale_after,
        )
    }

    /// When the review was last touched (or the window started).
    pub fn last_touched(&self) -> Option<DateTime<Utc>> {
        self.watch().last_touched()
    }

    /// Nothing has changed for longer than the staleness limit.
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        self.watch().is_stale(now, self.settings.stale_after)
    }

    /// The saves recorded changes need, once per update.
    fn take_save(&mut self) -> Vec<Effect> {
        if std::mem::take(&mut self.needs_save) {
            self.save_effects()
        } else {
            Vec::new()
        }
    }

    /// A save for every watch with changes the file lacks.
    fn save_effects(&self) -> Vec<Effect> {
        if self.read_only {
            return Vec::new();
        }
        self.watches
            .iter()
            .filter(|w| w.has_unsaved())
            .map(|w| Effect::Save {
                brief: w.brief.id.clone(),
                title: w.brief.title.clone(),
                generation: w.generation,
                log: Arc::clone(&w.log),
            })
            .collect()
    }

    /// The kept draft on an item of the watch on screen.
    pub fn draft_on(&self, item: ItemRef) -> Option<&Draft> {
        self.drafts.get(&(self.watch().brief.id.clone(), item))
    }

    /// The number of rows in a panel.
    pub fn len(&self, panel: Panel) -> usize {
        let brief = &self.watch().brief;
        match panel {
            Panel::Themes => brief.themes.len(),
            Panel::Washington => brief.washington.as_ref().map_or(0, |w| w.paragraphs.len()),
            Panel::Indicators => brief.indicators.len(),
        }
    }

    pub fn selected_in(&self, panel: Panel) -> usize {
        self.selected[panel.index()]
    }

    /// The item under the cursor of the focused panel.
    pub fn current_item(&self) -> Option<ItemRef> {
        let i = self.selected_in(self.focus);
        if i >= self.len(self.focus) {
            return None;
        }
        Some(match self.focus {
            Panel::Themes => ItemRef::Theme(i),
            Panel::Washington => ItemRef::WashingtonNote(i),
            Panel::Indicators => ItemRef::Indicator(i),
        })
    }

    fn info(&mut self, now: DateTime<Utc>, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            kind: NoticeKind::Info,
            until: now.checked_add_signed(Duration::seconds(NOTICE_SECS)),
        });
    }

    fn warn(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            kind: NoticeKind::Warning,
            until: None,
        });
    }

    /// Show a notice that stays until replaced (a moved-aside state file).
    pub fn set_warning(&mut self, text: impl Into<String>) {
        self.warn(text);
    }
}
