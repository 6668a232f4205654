//! The pure core: [`Model`], [`Msg`], [`update`] and the keymap.
//!
//! `update` is plain, synchronous and deterministic: it takes `now` as an
//! argument, does no I/O and returns the side effects it wants as data
//! ([`Effect`]). The runtime runs them and feeds the results back as messages.

pub mod editor;
pub mod keymap;

pub use editor::NoteEditor;

use std::collections::HashSet;
use std::sync::Arc;

use chrono::{DateTime, Duration, FixedOffset, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::brief::{Brief, BriefId, BriefSource};
use crate::clock;
use crate::config::Settings;
use crate::report::{Format, Report};
use crate::review::{self, Event, EventKind, IdGen, ItemRef, Level, Review, Status};
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
    /// A key with no binding, while a text input has the keys.
    Input(KeyEvent),
    /// Text pasted into the terminal.
    Paste(String),
    /// The wall clock reached a new second.
    Tick,
    /// The terminal changed size.
    Resize,
    /// The reader's text ends at this scroll offset: scrolling further
    /// shows nothing new (the view works it out, at the pane's width).
    ReaderEnd(u16),
    /// A save finished: the events the file held that the saved log lacked
    /// (another desk's work; usually none), and the change generation that
    /// save carried.
    Saved { generation: u64, theirs: Vec<Event> },
    /// A save failed; the change stays in memory and is retried.
    SaveFailed { generation: u64, error: String },
    /// Another desk changed the state file: its log for this brief.
    Reloaded { log: Vec<Event> },
    /// The state file changed but could not be read.
    ReloadFailed { error: String },
    /// The report was written.
    Exported { path: String },
    /// The report could not be written.
    ExportFailed { error: String },
    /// A signal or a lost terminal: save what there is and go.
    Shutdown,
}

/// What `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Merge this log into the brief's entry in the state file. The log is
    /// the model's own, shared: drop the effect once it has run, or the
    /// model's next change copies the whole log.
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

/// The whole state of the desk.
#[derive(Debug, Clone)]
pub struct Model {
    pub brief: Brief,
    pub source: BriefSource,
    /// The review log for this brief, in (time, id) order. Shared with the
    /// save effect, which is dropped before the next change, so appending
    /// does not copy it.
    pub log: Arc<Vec<Event>>,
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
    pub settings: Settings,
    /// No changes, no saves: a wall display, or a state file from a newer
    /// version.
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
    /// The note being written.
    pub editor: Option<NoteEditor>,
    pub search: Search,
    /// The change log view: its scroll and the item it is filtered to.
    pub timeline_scroll: usize,
    pub timeline_filter: Option<ItemRef>,
    /// The item that was selected when the log was opened.
    pub timeline_item: Option<ItemRef>,
    /// The indicator whose closing assessment is being asked for, and the
    /// ones waiting their turn.
    pub assessing: Option<usize>,
    pub pending_assessments: Vec<usize>,
    /// Alerts raised by a read-only desk, which records nothing.
    pub local_alerts: HashSet<(ItemRef, Level)>,
    /// The terminal title last set.
    pub title: String,
    /// A change was recorded during this update: save once at its end.
    needs_save: bool,
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
            log: Arc::new(log),
            review,
            ids: IdGen::new(desk),
            focus: Panel::Indicators,
            selected: [0; 3],
            reader_scroll: 0,
            mode: Mode::Normal,
            help_scroll: 0,
            notice: None,
            settings: Settings::default(),
            read_only: false,
            generation: 0,
            saved_generation: 0,
            retry_at: None,
            save_error: None,
            quit_armed: false,
            quit: false,
            palette: Palette::default(),
            utc_offset: None,
            editor: None,
            search: Search::default(),
            timeline_scroll: 0,
            timeline_filter: None,
            timeline_item: None,
            assessing: None,
            pending_assessments: Vec::new(),
            local_alerts: HashSet::new(),
            title: String::new(),
            needs_save: false,
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
        // Checked: the start comes from a file (see `timecheck`).
        self.window_start()
            .and_then(|s| crate::timecheck::deadline(s, self.brief.window()))
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
        self.record(now, kind);
        self.take_save()
    }

    /// The save a recorded change needs, once per update.
    fn take_save(&mut self) -> Vec<Effect> {
        if std::mem::take(&mut self.needs_save) {
            self.save_effect()
        } else {
            Vec::new()
        }
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

    /// Append an event to the log; the update that did it ends with a save.
    fn record(&mut self, now: DateTime<Utc>, kind: EventKind) -> String {
        let event = self.ids.event(now, kind);
        let id = event.id.clone();
        // Events are appended at `now`, which is after everything this desk
        // has seen unless the clock went back; keep the order either way.
        let newest = self
            .log
            .last()
            .is_none_or(|l| (l.at, &l.id) < (event.at, &event.id));
        let log = Arc::make_mut(&mut self.log);
        log.push(event);
        if !newest {
            review::normalise_log(log);
            self.refold();
        } else if !review::apply_newest(&mut self.review, &log[log.len() - 1]) {
            self.refold();
        }
        self.generation += 1;
        self.needs_save = true;
        id
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
            log: Arc::clone(&self.log),
        }]
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

    /// Refuse a change on a read-only desk, saying why.
    fn refuse_if_read_only(&mut self) -> bool {
        if self.read_only {
            self.warn("read-only: this desk cannot change the review");
        }
        self.read_only
    }

    /// Set an indicator's status, if that is a change.
    fn set_status(&mut self, now: DateTime<Utc>, i: usize, to: Status) {
        let from = self.review.status_of(i);
        if from == to {
            self.info(now, format!("I{}: already {}", i + 1, to.label()));
            return;
        }
        self.record(
            now,
            EventKind::Status {
                item: ItemRef::Indicator(i),
                from,
                to,
            },
        );
        self.info(
            now,
            format!("I{}: {} → {}", i + 1, from.label(), to.label()),
        );
    }

    fn toggle(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.current_item() {
            Some(ItemRef::Indicator(i)) => {
                let next = self.review.status_of(i).next();
                self.set_status(now, i, next);
            }
            Some(item) => {
                let reviewed = !self.review.is_reviewed(item);
                self.record(now, EventKind::Reviewed { item, reviewed });
                let word = if reviewed { "reviewed" } else { "not reviewed" };
                self.info(now, format!("{item}: {word}"));
            }
            None => {}
        }
    }

    fn mark(&mut self, now: DateTime<Utc>, to: Status) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.current_item() {
            Some(ItemRef::Indicator(i)) => self.set_status(now, i, to),
            _ => self.info(now, "o and x mark indicators: focus them with 3"),
        }
    }

    fn open_editor(&mut self, item: ItemRef, purpose: Option<String>) {
        if self.refuse_if_read_only() {
            return;
        }
        let mut editor = NoteEditor::new(item);
        editor.purpose = purpose;
        self.editor = Some(editor);
        self.mode = Mode::Note;
    }

    fn commit_note(&mut self, now: DateTime<Utc>) {
        self.mode = Mode::Normal;
        let Some(editor) = self.editor.take() else {
            return;
        };
        let Some(text) = editor.note_text() else {
            self.info(now, "empty note: nothing saved");
            return;
        };
        let item = editor.item;
        self.record(
            now,
            EventKind::Note {
                item,
                text,
                source: editor.source_text(),
                confidence: editor.confidence,
                author: self.settings.initials.clone(),
            },
        );
        self.info(now, format!("note added to {item}"));
    }

    fn undo(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        match review::undo_target(&self.log, &self.review) {
            Some(target) => {
                let (of, what) = (target.id.clone(), review::describe(target, &self.log));
                self.record(now, EventKind::Undo { of });
                self.info(now, format!("undone: {what} (Ctrl-r redoes)"));
            }
            None => self.info(now, "nothing to undo"),
        }
    }

    fn redo(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        match review::redo_target(&self.log, &self.review) {
            Some(target) => {
                let (of, what) = (target.id.clone(), review::describe(target, &self.log));
                self.record(now, EventKind::Redo { of });
                self.info(now, format!("redone: {what}"));
            }
            None => self.info(now, "nothing to redo"),
        }
    }

    /// Select an item, focusing its panel.
    pub fn focus_item(&mut self, item: ItemRef) {
        let (panel, i) = match item {
            ItemRef::Theme(i) => (Panel::Themes, i),
            ItemRef::Washington => (Panel::Washington, 0),
            ItemRef::WashingtonNote(i) => (Panel::Washington, i),
            ItemRef::Indicator(i) => (Panel::Indicators, i),
        };
        self.set_focus(panel);
        if i < self.len(panel) && self.selected[panel.index()] != i {
            self.selected[panel.index()] = i;
            self.reader_scroll = 0;
        }
    }

    /// Every item whose text or notes contain `query` (any case), in screen
    /// order.
    pub fn search_matches(&self, query: &str) -> Vec<ItemRef> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let has = |s: &str| s.to_lowercase().contains(&q);
        let noted = |item: ItemRef| self.review.notes_on(item).any(|n| has(&n.text));
        let mut out = Vec::new();
        for (i, t) in self.brief.themes.iter().enumerate() {
            let item = ItemRef::Theme(i);
            if has(&t.title) || t.paragraphs.iter().any(|p| has(p)) || noted(item) {
                out.push(item);
            }
        }
        if let Some(w) = &self.brief.washington {
            let whole = has(&w.title) || noted(ItemRef::Washington);
            for (i, p) in w.paragraphs.iter().enumerate() {
                let item = ItemRef::WashingtonNote(i);
                if has(p) || noted(item) || (whole && i == 0) {
                    out.push(item);
                }
            }
        }
        for (i, ind) in self.brief.indicators.iter().enumerate() {
            let item = ItemRef::Indicator(i);
            if has(&ind.text) || noted(item) {
                out.push(item);
            }
        }
        out
    }

    fn search_input(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                self.search.query.push(c)
            }
            KeyCode::Backspace => {
                self.search.query.pop();
            }
            _ => return,
        }
        self.refresh_search();
    }

    /// Recompute the matches and jump to the first (search as you type).
    fn refresh_search(&mut self) {
        self.search.matches = self.search_matches(&self.search.query);
        self.search.current = 0;
        if let Some(&first) = self.search.matches.first() {
            self.focus_item(first);
        }
    }

    fn step_match(&mut self, now: DateTime<Utc>, forward: bool) {
        let n = self.search.matches.len();
        if n == 0 {
            let msg = if self.search.query.is_empty() {
                "no search yet: / starts one".to_string()
            } else {
                format!("no matches for \"{}\"", self.search.query)
            };
            self.info(now, msg);
            return;
        }
        self.search.current = if forward {
            (self.search.current + 1) % n
        } else {
            (self.search.current + n - 1) % n
        };
        let item = self.search.matches[self.search.current];
        self.focus_item(item);
        self.info(
            now,
            format!(
                "match {} of {n} for \"{}\": {item}",
                self.search.current + 1,
                self.search.query
            ),
        );
    }

    fn export(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let report = Report::build(self, now, None);
        let file_name = format!(
            "watchdesk-{}-{}.md",
            self.brief.id,
            now.format("%Y%m%dT%H%M%SZ")
        );
        vec![Effect::Export {
            file_name,
            text: report.render(Format::Md),
        }]
    }

    fn quit_requested(&mut self) -> Vec<Effect> {
        if !self.has_unsaved() || self.read_only || self.quit_armed {
            self.quit = true;
            return Vec::new();
        }
        self.quit_armed = true;
        self.warn(format!(
            "press q again to quit and lose unsaved changes ({})",
            self.save_error.as_deref().unwrap_or("saving")
        ));
        self.save_effect()
    }

    fn action(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        if action != Action::Quit {
            self.quit_armed = false;
        }
        match (self.mode, action) {
            (_, Action::Quit) => return self.quit_requested(),
            (Mode::Help, Action::Down) => self.help_scroll = self.help_scroll.saturating_add(1),
            (Mode::Help, Action::Up) => self.help_scroll = self.help_scroll.saturating_sub(1),
            (Mode::Help, Action::Close | Action::Help) => self.mode = Mode::Normal,
            (Mode::Help, _) => {}

            (Mode::Note, Action::Commit) => self.commit_note(now),
            (Mode::Note, Action::Close) => {
                self.editor = None;
                self.mode = Mode::Normal;
                self.info(now, "note cancelled");
            }
            (Mode::Note, Action::NextField | Action::PrevField) => {
                if let Some(e) = self.editor.as_mut() {
                    e.next_field(action == Action::NextField);
                }
            }
            (Mode::Note, _) => {}

            (Mode::Search, Action::Commit) => {
                self.mode = Mode::Normal;
                let n = self.search.matches.len();
                let msg = match n {
                    0 => format!("no matches for \"{}\"", self.search.query),
                    n => format!(
                        "{n} match{} for \"{}\": ] next, [ previous",
                        if n == 1 { "" } else { "es" },
                        self.search.query
                    ),
                };
                self.info(now, msg);
            }
            (Mode::Search, Action::Close) => {
                self.mode = Mode::Normal;
                self.search = Search::default();
            }
            (Mode::Search, _) => {}

            (Mode::Timeline, Action::Down) => self.timeline_scroll += 1,
            (Mode::Timeline, Action::Up) => {
                self.timeline_scroll = self.timeline_scroll.saturating_sub(1);
            }
            (Mode::Timeline, Action::Top) => self.timeline_scroll = 0,
            (Mode::Timeline, Action::Bottom) => self.timeline_scroll = usize::MAX / 2,
            (Mode::Timeline, Action::Filter) => {
                self.timeline_filter = match self.timeline_filter {
                    Some(_) => None,
                    None => self.timeline_item,
                };
                self.timeline_scroll = 0;
            }
            (Mode::Timeline, Action::Undo) => self.undo(now),
            (Mode::Timeline, Action::Redo) => self.redo(now),
            (Mode::Timeline, Action::Close) => self.mode = Mode::Normal,
            (Mode::Timeline, _) => {}

            (Mode::Assess, Action::MarkObserved | Action::MarkNotObserved) => {
                self.mode = Mode::Normal;
                if let Some(i) = self.assessing.take() {
                    let (to, words) = if action == Action::MarkObserved {
                        (Status::Observed, "observed")
                    } else {
                        (Status::NotObserved, "not observed by the deadline")
                    };
                    self.set_status(now, i, to);
                    self.focus_item(ItemRef::Indicator(i));
                    self.open_editor(
                        ItemRef::Indicator(i),
                        Some(format!(
                            "closing assessment for I{}: {words}; a note is optional (Esc skips)",
                            i + 1
                        )),
                    );
                }
            }
            (Mode::Assess, Action::Close) => {
                self.mode = Mode::Normal;
                if let Some(i) = self.assessing.take() {
                    self.info(
                        now,
                        format!("I{} stays EXPIRED: o or x records it later", i + 1),
                    );
                }
            }
            (Mode::Assess, _) => {}

            (Mode::Normal, Action::Help) => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
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
            (Mode::Normal, Action::Toggle) => self.toggle(now),
            (Mode::Normal, Action::MarkObserved) => self.mark(now, Status::Observed),
            (Mode::Normal, Action::MarkNotObserved) => self.mark(now, Status::NotObserved),
            (Mode::Normal, Action::AddNote) => {
                if let Some(item) = self.current_item() {
                    self.open_editor(item, None);
                }
            }
            (Mode::Normal, Action::Undo) => self.undo(now),
            (Mode::Normal, Action::Redo) => self.redo(now),
            (Mode::Normal, Action::Search) => {
                self.mode = Mode::Search;
                self.search = Search::default();
            }
            (Mode::Normal, Action::NextMatch) => self.step_match(now, true),
            (Mode::Normal, Action::PrevMatch) => self.step_match(now, false),
            (Mode::Normal, Action::Timeline) => {
                self.mode = Mode::Timeline;
                self.timeline_scroll = 0;
                self.timeline_item = self.current_item();
                self.timeline_filter = None;
            }
            (Mode::Normal, Action::Export) => return self.export(now),
            (
                Mode::Normal,
                Action::Close
                | Action::Commit
                | Action::Filter
                | Action::NextField
                | Action::PrevField,
            ) => {}
        }
        Vec::new()
    }

    /// Merge events from disk (the file's log, or what a save found there
    /// that ours lacked) into ours; nothing of ours is lost.
    fn absorb(&mut self, log: &[Event]) {
        // Nothing new (a save that found only ours, a reload of our own
        // write): no 10,000-event rebuild.
        if log.len() <= self.log.len() && log.iter().zip(self.log.iter()).all(|(a, b)| a.id == b.id)
        {
            return;
        }
        let merged = review::merge(&self.log, log);
        if merged.len() != self.log.len() {
            self.log = Arc::new(merged);
            self.refold();
        }
    }

    /// Whether an alert at `level` (or a later one) was raised for `item`.
    fn alerted(&self, item: ItemRef, level: Level) -> bool {
        let raised = |l: Level| {
            self.review.alerts.contains(&(item, l)) || self.local_alerts.contains(&(item, l))
        };
        [Level::Amber, Level::Red, Level::Expired]
            .into_iter()
            .filter(|l| *l >= level)
            .any(raised)
    }

    /// Raise an alert for every open indicator that crossed into a new
    /// level: once per crossing, remembered in the log.
    fn check_alerts(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let Some(deadline) = self.deadline() else {
            return Vec::new();
        };
        let level = clock::level(deadline, now, self.settings.thresholds);
        if level == Level::Normal {
            return Vec::new();
        }
        let crossed: Vec<usize> = (0..self.brief.indicators.len())
            .filter(|&i| self.review.status_of(i) == Status::Watching)
            .filter(|&i| !self.alerted(ItemRef::Indicator(i), level))
            .collect();
        if crossed.is_empty() {
            return Vec::new();
        }
        for &i in &crossed {
            let item = ItemRef::Indicator(i);
            if self.read_only {
                self.local_alerts.insert((item, level));
            } else {
                self.record(now, EventKind::Alert { item, level });
            }
        }
        let labels: Vec<String> = crossed.iter().map(|i| format!("I{}", i + 1)).collect();
        let (word, detail) = match level {
            Level::Amber => (
                "AMBER",
                format!(
                    "{} left",
                    clock::span(clock::remaining_seconds(deadline, now))
                ),
            ),
            Level::Red => (
                "RED",
                format!(
                    "{} left",
                    clock::span(clock::remaining_seconds(deadline, now))
                ),
            ),
            _ => ("EXPIRED", "the watch window has closed".to_string()),
        };
        let body = format!(
            "{} {word}: {detail} (deadline {})",
            labels.join(", "),
            clock::dtg(deadline)
        );
        if level == Level::Expired && !self.read_only {
            self.pending_assessments.extend(crossed);
        }
        self.warn(body.clone());
        vec![Effect::Alert {
            bell: self.settings.bell,
            notify: self
                .settings
                .notify
                .then(|| (format!("watchdesk: {}", self.brief.title), body)),
        }]
    }

    /// Ask for the next closing assessment when the desk is free.
    fn next_assessment(&mut self) {
        if self.mode != Mode::Normal || self.assessing.is_some() {
            return;
        }
        while let Some(i) = self.pending_assessments.first().copied() {
            self.pending_assessments.remove(0);
            if self.review.status_of(i) == Status::Watching {
                self.assessing = Some(i);
                self.mode = Mode::Assess;
                self.focus_item(ItemRef::Indicator(i));
                return;
            }
        }
    }

    /// The most urgent open indicator: `(index, seconds left, level)`.
    pub fn most_urgent(&self, now: DateTime<Utc>) -> Option<(usize, i64, Level)> {
        let deadline = self.deadline()?;
        let i = (0..self.brief.indicators.len())
            .find(|&i| self.review.status_of(i) == Status::Watching)?;
        Some((
            i,
            clock::remaining_seconds(deadline, now),
            clock::level(deadline, now, self.settings.thresholds),
        ))
    }

    /// One line of at most 80 characters for a tmux status bar, a shell
    /// prompt or the terminal title: `WD 1/3 obs | I2 05:12:09 RED`.
    pub fn status_line(&self, now: DateTime<Utc>) -> String {
        let n = self.brief.indicators.len();
        let observed = (0..n)
            .filter(|&i| self.review.status_of(i) == Status::Observed)
            .count();
        let mut line = format!("WD {observed}/{n} obs");
        match self.most_urgent(now) {
            Some((i, left, level)) => {
                line += &format!(" | I{} {}", i + 1, clock::countdown(left));
                line += match level {
                    Level::Normal => "",
                    Level::Amber => " AMBER",
                    Level::Red => " RED",
                    Level::Expired => " EXPIRED",
                };
            }
            None if self.deadline().is_some() => line += " | all closed",
            None => {}
        }
        if self.is_stale(now) {
            line += " | STALE";
        }
        crate::ui::text::truncate(&line, 80)
    }

    /// When the review was last touched (or the window started).
    pub fn last_touched(&self) -> Option<DateTime<Utc>> {
        self.review.last_touched.or(self.window_start())
    }

    /// Nothing has changed for longer than the staleness limit.
    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        self.last_touched()
            .is_some_and(|t| now - t > self.settings.stale_after)
    }

    fn tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        if self
            .notice
            .as_ref()
            .is_some_and(|n| n.until.is_some_and(|u| now >= u))
        {
            self.notice = None;
        }
        let mut effects = self.check_alerts(now);
        self.next_assessment();
        let title = self.status_line(now);
        if title != self.title {
            self.title = title.clone();
            effects.push(Effect::Title(title));
        }
        if let Some(at) = self.retry_at
            && now >= at
            && self.has_unsaved()
        {
            self.retry_at = None;
            self.needs_save = true;
        }
        effects
    }
}

/// Apply a message to the model at `now`; return the effects to run.
pub fn update(model: &mut Model, msg: Msg, now: DateTime<Utc>) -> Vec<Effect> {
    let mut effects = match msg {
        Msg::Action(a) => model.action(a, now),
        Msg::Input(key) => {
            match model.mode {
                Mode::Note => {
                    if let Some(e) = model.editor.as_mut() {
                        e.input(key);
                    }
                }
                Mode::Search => model.search_input(key),
                _ => {}
            }
            Vec::new()
        }
        Msg::Paste(text) => {
            match model.mode {
                Mode::Note => {
                    if let Some(e) = model.editor.as_mut() {
                        e.paste(&text);
                    }
                }
                Mode::Search => {
                    model
                        .search
                        .query
                        .push_str(text.lines().next().unwrap_or(""));
                    model.refresh_search();
                }
                _ => {}
            }
            Vec::new()
        }
        Msg::Tick => model.tick(now),
        Msg::Resize => Vec::new(),
        Msg::ReaderEnd(end) => {
            // So that K scrolls back at once after J went past the end.
            model.reader_scroll = model.reader_scroll.min(end);
            Vec::new()
        }
        Msg::Saved { generation, theirs } => {
            model.absorb(&theirs);
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
        Msg::SaveFailed { error, .. } => {
            if model.quit_armed {
                model.warn(format!(
                    "press q again to quit and lose unsaved changes (save failed: {error})"
                ));
            } else {
                model.warn(format!(
                    "save failed, kept in memory, retrying in {SAVE_RETRY} s: {error}"
                ));
            }
            model.save_error = Some(error);
            model.retry_at = now.checked_add_signed(Duration::seconds(SAVE_RETRY));
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
        Msg::Exported { path } => {
            model.notice = Some(Notice {
                text: format!("report written to {path}"),
                kind: NoticeKind::Info,
                until: now.checked_add_signed(Duration::seconds(NOTICE_SECS * 3)),
            });
            Vec::new()
        }
        Msg::ExportFailed { error } => {
            model.warn(format!("the report could not be written: {error}"));
            Vec::new()
        }
        Msg::Shutdown => {
            model.quit = true;
            if model.has_unsaved() {
                model.needs_save = true;
            }
            Vec::new()
        }
    };
    effects.extend(model.take_save());
    effects
}
