//! The pure core: [`Model`], [`Msg`], [`update`] and the keymap.
//!
//! `update` is plain, synchronous and deterministic: it takes `now` as an
//! argument, does no I/O and returns the side effects it wants as data
//! ([`Effect`]). The runtime runs them and feeds the results back as messages.

pub mod keymap;

use chrono::{DateTime, Duration, FixedOffset, Utc};

use crate::brief::{Brief, BriefId, BriefSource};
use crate::clock::{self, Thresholds};
use crate::review::{self, Event, EventKind, IdGen, ItemRef, Review};
use crate::ui::styles::Palette;

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
    /// The wall clock reached a new second.
    Tick,
    /// The terminal changed size.
    Resize,
    /// A save finished: the merged log on disk, and the change generation
    /// that save carried.
    Saved { generation: u64, log: Vec<Event> },
    /// A save failed; the change stays in memory and is retried.
    SaveFailed { generation: u64, error: String },
    /// Another desk changed the state file: its log for this brief.
    Reloaded { log: Vec<Event> },
    /// The state file changed but could not be read.
    ReloadFailed { error: String },
    /// A signal or a lost terminal: save what there is and go.
    Shutdown,
}

/// What `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Merge this log into the brief's entry in the state file.
    Save {
        brief: BriefId,
        title: String,
        generation: u64,
        log: Vec<Event>,
    },
}

/// How long a failed save waits before it is tried again.
const SAVE_RETRY: i64 = 5;
/// How long an informational notice stays.
const NOTICE_SECS: i64 = 6;

/// The whole state of the desk.
#[derive(Debug, Clone)]
pub struct Model {
    pub brief: Brief,
    pub source: BriefSource,
    /// The review log for this brief, in (time, id) order.
    pub log: Vec<Event>,
    /// The fold of `log`, kept in step with it.
    pub review: Review,
    ids: IdGen,
    pub focus: Panel,
    /// The selected row in each panel.
    pub selected: [usize; 3],
    pub reader_scroll: u16,
    pub mode: Mode,
    pub help_scroll: u16,
    pub notice: Option<Notice>,
    pub thresholds: Thresholds,
    /// No changes, no saves (a state file from a newer version).
    pub read_only: bool,
    /// The change generation: bumped by every new event.
    pub generation: u64,
    /// The last generation the state file is known to hold.
    pub saved_generation: u64,
    /// When a failed save is tried again.
    pub retry_at: Option<DateTime<Utc>>,
    /// The last save error, while the change is not on disk.
    pub save_error: Option<String>,
    /// `q` was pressed with unsaved changes: a second `q` quits anyway.
    pub quit_armed: bool,
    pub quit: bool,
    /// The styles the view draws with (colour, or none under `NO_COLOR`).
    pub palette: Palette,
    /// The zone for local times; `None` is the system's own.
    pub utc_offset: Option<FixedOffset>,
}

impl Model {
    /// A desk on a brief with the log found in the state file. `desk` seeds
    /// the event ids (random in the program, fixed in tests).
    pub fn new(brief: Brief, source: BriefSource, mut log: Vec<Event>, desk: u64) -> Self {
        review::normalise_log(&mut log);
        let review = review::fold(&log, brief.indicators.len());
        Model {
            brief,
            source,
            log,
            review,
            ids: IdGen::new(desk),
            focus: Panel::Indicators,
            selected: [0; 3],
            reader_scroll: 0,
            mode: Mode::Normal,
            help_scroll: 0,
            notice: None,
            thresholds: Thresholds::default(),
            read_only: false,
            generation: 0,
            saved_generation: 0,
            retry_at: None,
            save_error: None,
            quit_armed: false,
            quit: false,
            palette: Palette::default(),
            utc_offset: None,
        }
    }

    /// Local time for the second place after a DTG.
    pub fn local(&self, t: DateTime<Utc>) -> String {
        match self.utc_offset {
            Some(tz) => clock::local_in(t, &tz),
            None => clock::local(t),
        }
    }

    /// The DTG and the local time: `261430Z NOV 26 (Thu 26 Nov 09:30 EST)`.
    pub fn dtg_local(&self, t: DateTime<Utc>) -> String {
        format!("{} ({})", clock::dtg(t), self.local(t))
    }

    pub fn has_unsaved(&self) -> bool {
        self.generation != self.saved_generation
    }

    /// The start of the watch window (set when the brief is first opened).
    pub fn window_start(&self) -> Option<DateTime<Utc>> {
        self.review.window_start
    }

    /// The deadline of the window, if it has started.
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        self.window_start().map(|s| s + self.brief.window())
    }

    /// Start the watch window if it has not started, or move it to an
    /// explicit `issued` time. Returns the save this needs, if any.
    pub fn ensure_window(
        &mut self,
        now: DateTime<Utc>,
        issued: Option<DateTime<Utc>>,
    ) -> Vec<Effect> {
        let kind = match (issued, self.window_start()) {
            (Some(at), current) if current != Some(at) => EventKind::WindowSet {
                start: at,
                explicit: true,
            },
            (None, None) => EventKind::WindowSet {
                start: clock::whole_second(now),
                explicit: false,
            },
            _ => return Vec::new(),
        };
        self.record(now, kind)
    }

    /// The number of rows in a panel.
    pub fn len(&self, panel: Panel) -> usize {
        match panel {
            Panel::Themes => self.brief.themes.len(),
            Panel::Washington => self
                .brief
                .washington
                .as_ref()
                .map_or(0, |w| w.paragraphs.len()),
            Panel::Indicators => self.brief.indicators.len(),
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

    /// Append an event to the log and ask for a save.
    fn record(&mut self, now: DateTime<Utc>, kind: EventKind) -> Vec<Effect> {
        let event = self.ids.event(now, kind);
        // Events are appended at `now`, which is after everything this desk
        // has seen unless the clock went back; keep the order either way.
        let in_order = self
            .log
            .last()
            .is_none_or(|l| (l.at, &l.id) <= (event.at, &event.id));
        self.log.push(event);
        if !in_order {
            review::normalise_log(&mut self.log);
        }
        self.refold();
        self.generation += 1;
        self.save_effect()
    }

    fn refold(&mut self) {
        self.review = review::fold(&self.log, self.brief.indicators.len());
    }

    fn save_effect(&self) -> Vec<Effect> {
        if self.read_only {
            return Vec::new();
        }
        vec![Effect::Save {
            brief: self.brief.id.clone(),
            title: self.brief.title.clone(),
            generation: self.generation,
            log: self.log.clone(),
        }]
    }

    fn info(&mut self, now: DateTime<Utc>, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            kind: NoticeKind::Info,
            until: Some(now + Duration::seconds(NOTICE_SECS)),
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

    fn move_selection(&mut self, delta: isize) {
        let len = self.len(self.focus);
        let sel = &mut self.selected[self.focus.index()];
        if len == 0 {
            *sel = 0;
            return;
        }
        let next = (*sel as isize + delta).clamp(0, len as isize - 1) as usize;
        if next != *sel {
            *sel = next;
            self.reader_scroll = 0;
        }
    }

    fn set_focus(&mut self, panel: Panel) {
        if self.focus != panel {
            self.focus = panel;
            self.reader_scroll = 0;
        }
    }

    fn toggle(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        if self.read_only {
            self.warn("read-only: this desk cannot change the review");
            return Vec::new();
        }
        let Some(item) = self.current_item() else {
            return Vec::new();
        };
        let kind = match item {
            ItemRef::Indicator(i) => {
                let from = self.review.status_of(i);
                EventKind::Status {
                    item,
                    from,
                    to: from.next(),
                }
            }
            other => EventKind::Reviewed {
                item: other,
                reviewed: !self.review.is_reviewed(other),
            },
        };
        let effects = self.record(now, kind.clone());
        let what = match kind {
            EventKind::Status { from, to, .. } => format!("{item}: {from} → {to}"),
            EventKind::Reviewed { reviewed: true, .. } => format!("{item}: reviewed"),
            _ => format!("{item}: not reviewed"),
        };
        self.info(now, what);
        effects
    }

    fn quit_requested(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        if !self.has_unsaved() || self.read_only || self.quit_armed {
            self.quit = true;
            return Vec::new();
        }
        self.quit_armed = true;
        self.warn(format!(
            "changes not saved yet ({}): press q again to quit and lose them",
            self.save_error.as_deref().unwrap_or("saving")
        ));
        let _ = now;
        self.save_effect()
    }

    fn action(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        if action != Action::Quit {
            self.quit_armed = false;
        }
        match (self.mode, action) {
            (_, Action::Quit) => return self.quit_requested(now),
            (Mode::Help, Action::Down) => self.help_scroll = self.help_scroll.saturating_add(1),
            (Mode::Help, Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::Help, Action::Close | Action::Help) => self.mode = Mode::Normal,
            (Mode::Help, _) => {}
            (Mode::Normal, Action::Help) => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            (Mode::Normal, Action::Close) => {}
            (Mode::Normal, Action::FocusThemes) => self.set_focus(Panel::Themes),
            (Mode::Normal, Action::FocusWashington) => self.set_focus(Panel::Washington),
            (Mode::Normal, Action::FocusIndicators) => self.set_focus(Panel::Indicators),
            (Mode::Normal, Action::FocusNext) => {
                self.set_focus(Panel::ALL[(self.focus.index() + 1) % 3]);
            }
            (Mode::Normal, Action::FocusPrev) => {
                self.set_focus(Panel::ALL[(self.focus.index() + 2) % 3]);
            }
            (Mode::Normal, Action::Down) => self.move_selection(1),
            (Mode::Normal, Action::Up) => self.move_selection(-1),
            (Mode::Normal, Action::Top) => self.move_selection(isize::MIN / 2),
            (Mode::Normal, Action::Bottom) => self.move_selection(isize::MAX / 2),
            (Mode::Normal, Action::ReaderDown) => {
                self.reader_scroll = self.reader_scroll.saturating_add(5);
            }
            (Mode::Normal, Action::ReaderUp) => {
                self.reader_scroll = self.reader_scroll.saturating_sub(5);
            }
            (Mode::Normal, Action::Toggle) => return self.toggle(now),
        }
        Vec::new()
    }

    /// Merge a log from disk into ours; nothing of ours is lost.
    fn absorb(&mut self, log: &[Event]) {
        let merged = review::merge(&self.log, log);
        if merged.len() != self.log.len() {
            self.log = merged;
            self.refold();
        }
    }
}

/// Apply a message to the model at `now`; return the effects to run.
pub fn update(model: &mut Model, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
    match msg {
        Msg::Action(a) => model.action(a, now),
        Msg::Tick => {
            if model
                .notice
                .as_ref()
                .is_some_and(|n| n.until.is_some_and(|u| now >= u))
            {
                model.notice = None;
            }
            match model.retry_at {
                Some(at) if now >= at && model.has_unsaved() => {
                    model.retry_at = None;
                    model.save_effect()
                }
                _ => Vec::new(),
            }
        }
        Msg::Resize => Vec::new(),
        Msg::Saved { generation, log } => {
            model.absorb(&log);
            model.saved_generation = model.saved_generation.max(generation);
            if model.save_error.take().is_some() {
                model.info(now, "saved: the state file is up to date again");
            }
            model.retry_at = None;
            if model.quit_armed && !model.has_unsaved() {
                model.quit = true;
            }
            Vec::new()
        }
        Msg::SaveFailed { generation, error } => {
            let _ = generation;
            model.warn(format!(
                "save failed, kept in memory, retrying in {SAVE_RETRY} s: {error}"
            ));
            model.save_error = Some(error);
            model.retry_at = Some(now + Duration::seconds(SAVE_RETRY));
            Vec::new()
        }
        Msg::Reloaded { log } => {
            let before = model.log.len();
            model.absorb(&log);
            let added = model.log.len() - before;
            if added > 0 {
                model.info(
                    now,
                    format!(
                        "picked up {added} change{} from another desk",
                        if added == 1 { "" } else { "s" }
                    ),
                );
            }
            Vec::new()
        }
        Msg::ReloadFailed { error } => {
            model.warn(format!(
                "the state file changed but cannot be read: {error}"
            ));
            Vec::new()
        }
        Msg::Shutdown => {
            model.quit = true;
            if model.has_unsaved() {
                model.save_effect()
            } else {
                Vec::new()
            }
        }
    }
}
