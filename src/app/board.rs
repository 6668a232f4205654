//! The board: every open indicator of every open watch in one list, the
//! list of watches, closing a watch and acknowledging alerts. The screen
//! state lives here; the review changes only through the watches.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Effect, Mode, Model, Panel, Search};
use crate::brief::BriefId;
use crate::clock::Level;
use crate::report::{Format, Report};
use crate::review::{Disposition, ItemRef};
use crate::watch::{Urgent, Watch, board_order, watch_order};

/// Which screen the desk shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// One watch's desk (themes, Washington, indicators).
    #[default]
    Desk,
    /// Every open watch.
    Board,
}

/// The board's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BoardState {
    /// The selected row (of the filtered rows).
    pub selected: usize,
    /// Rows are kept to those whose brief, indicator or notes hold this.
    pub filter: String,
    /// The selected line of the list of watches.
    pub listed: usize,
    /// When each watch last rang for an unacknowledged red.
    pub last_ring: HashMap<BriefId, DateTime<Utc>>,
}

/// A row of the board: a watch whose brief still needs reading (it has no
/// indicators until it is read in the outline view), or an open indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardRow {
    Unread(usize),
    Indicator(Urgent),
}

/// The close dialog: which watch, the disposition chosen, the reason typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseDraft {
    pub watch: usize,
    pub choice: usize,
    pub reason: String,
}

impl CloseDraft {
    pub fn disposition(&self) -> Disposition {
        Disposition::ALL[self.choice % Disposition::ALL.len()]
    }
}

impl Model {
    /// A desk on several watches: the board when more than one is open,
    /// else straight on the desk of the open one (or the first).
    pub fn with_watches(mut watches: Vec<Watch>) -> Option<Self> {
        if watches.is_empty() {
            return None;
        }
        let first = watches.remove(0);
        let mut model = Model::with_watch(first);
        model.watches.extend(watches);
        model.start_screen();
        Some(model)
    }

    /// The board with more than one open watch, else the desk of the open
    /// one.
    pub fn start_screen(&mut self) {
        let open: Vec<usize> = (0..self.watches.len())
            .filter(|&i| self.watches[i].is_open())
            .collect();
        match open.as_slice() {
            [one] => self.open_desk(*one, None),
            [] if self.watches.len() == 1 => self.open_desk(0, None),
            _ => self.show_board(),
        }
    }

    /// The mode the screen falls back to when an overlay closes.
    pub fn home_mode(&self) -> Mode {
        match self.screen {
            Screen::Board => Mode::Board,
            Screen::Desk if self.outline.is_some() => Mode::Outline,
            Screen::Desk => Mode::Normal,
        }
    }

    /// The board's rows at `now`: open indicators of open watches, most
    /// urgent first, kept to those matching the filter.
    pub fn board_rows(&self, now: DateTime<Utc>) -> Vec<Urgent> {
        let rows = board_order(&self.watches, now, self.settings.thresholds);
        let q = self.board.filter.trim().to_lowercase();
        if q.is_empty() {
            return rows;
        }
        rows.into_iter()
            .filter(|u| self.row_matches(&q, u.watch, u.indicator))
            .collect()
    }

    /// Whether indicator `i` of watch `w` matches the filter `q` (lower
    /// case): the brief's title or id, the indicator's text or its notes.
    fn row_matches(&self, q: &str, w: usize, i: usize) -> bool {
        let has = |s: &str| s.to_lowercase().contains(q);
        let w = &self.watches[w];
        has(&w.brief.title)
            || w.brief.id.as_str().starts_with(q)
            || w.brief.indicators.get(i).is_some_and(|x| has(&x.text))
            || w.review
                .notes_on(ItemRef::Indicator(i))
                .any(|n| has(&n.text))
    }

    /// The open watches whose brief still needs reading, kept to those
    /// matching the filter: the board's first rows.
    pub fn board_unread(&self) -> Vec<usize> {
        let q = self.board.filter.trim().to_lowercase();
        (0..self.watches.len())
            .filter(|&i| {
                let w = &self.watches[i];
                w.is_open()
                    && w.unread().is_some()
                    && (q.is_empty()
                        || w.brief.title.to_lowercase().contains(&q)
                        || w.brief.id.as_str().starts_with(&q))
            })
            .collect()
    }

    /// How many rows the board has (the same at any time: the rows are
    /// counted, not ordered).
    pub fn board_len(&self, _now: DateTime<Utc>) -> usize {
        let q = self.board.filter.trim().to_lowercase();
        let rows: usize = (0..self.watches.len())
            .filter(|&w| self.watches[w].is_open())
            .map(|w| {
                self.watches[w]
                    .open_indicators()
                    .filter(|&i| q.is_empty() || self.row_matches(&q, w, i))
                    .count()
            })
            .sum();
        self.board_unread().len() + rows
    }

    /// The board's `n`th row at `now`: the unread watches, then the
    /// indicators.
    pub fn board_row(&self, now: DateTime<Utc>, n: usize) -> Option<BoardRow> {
        let unread = self.board_unread();
        match unread.get(n) {
            Some(&w) => Some(BoardRow::Unread(w)),
            None => self
                .board_rows(now)
                .get(n - unread.len())
                .copied()
                .map(BoardRow::Indicator),
        }
    }

    /// The watch of the board's selected row.
    pub fn board_watch(&self, now: DateTime<Utc>) -> Option<usize> {
        match self.board_row(now, self.board.selected)? {
            BoardRow::Indicator(row) => Some(row.watch),
            BoardRow::Unread(w) => Some(w),
        }
    }

    /// The watches in the list's order: open ones most urgent first, then
    /// closed ones.
    pub fn listed_watches(&self) -> Vec<usize> {
        watch_order(&self.watches)
    }

    /// Show one watch's desk, on `indicator` when given.
    pub fn open_desk(&mut self, watch: usize, indicator: Option<usize>) {
        if watch >= self.watches.len() {
            return;
        }
        if watch != self.active {
            self.active = watch;
            self.selected = [0; 3];
            self.search = Search::default();
            self.pending_assessments.clear();
            self.assessing = None;
            self.outline = None;
        }
        self.reader.reset();
        if let Some(i) = indicator {
            self.focus = Panel::Indicators;
            self.selected[2] = i;
        }
        self.screen = Screen::Desk;
        self.mode = Mode::Normal;
        // A brief not yet read opens in the outline view.
        self.keep_unread_in_outline();
    }

    /// Show the board.
    pub fn show_board(&mut self) {
        self.screen = Screen::Board;
        self.mode = Mode::Board;
        self.outline = None;
        self.editor = None;
        self.assessing = None;
    }

    /// What the board's keys, the list's and the close dialog's do, and the
    /// desk's keys that lead to them. None for everything else.
    pub(super) fn board_action(
        &mut self,
        action: Action,
        now: DateTime<Utc>,
    ) -> Option<Vec<Effect>> {
        let none = Vec::new;
        match (self.mode, action) {
            (Mode::Board, Action::Down) => self.step_row(now, 1),
            (Mode::Board, Action::Up) => self.step_row(now, -1),
            (Mode::Board, Action::Top) => self.board.selected = 0,
            (Mode::Board, Action::Bottom) => {
                self.board.selected = self.board_len(now).saturating_sub(1);
            }
            (Mode::Board, Action::Open) => match self.board_row(now, self.board.selected) {
                Some(BoardRow::Indicator(row)) => self.open_desk(row.watch, Some(row.indicator)),
                // Its desk is the outline view, until it is read.
                Some(BoardRow::Unread(w)) => self.open_desk(w, None),
                None => {}
            },
            (Mode::Board, Action::Acknowledge) => match self.board_row(now, self.board.selected) {
                Some(BoardRow::Indicator(row)) => {
                    self.ack(now, row.watch, Some(ItemRef::Indicator(row.indicator)));
                }
                Some(BoardRow::Unread(w)) => self.ack(now, w, None),
                None => {}
            },
            (Mode::Board, Action::Handover) => match self.board_watch(now) {
                Some(w) => self.start_handover_of(w, now),
                None => self.info(now, "no watch on this row to hand over"),
            },
            (Mode::Board, Action::Accept) => match self.board_watch(now) {
                Some(w) => self.accept_handover_of(w, now),
                None => self.info(now, "no watch on this row"),
            },
            (Mode::Board | Mode::Normal, Action::Briefs) => {
                self.mode = Mode::Briefs;
                let order = self.listed_watches();
                self.board.listed = order.iter().position(|&w| w == self.active).unwrap_or(0);
            }
            (Mode::Board, Action::Search) => self.mode = Mode::BoardSearch,
            (Mode::Board, Action::Close) => {
                self.board.filter.clear();
                self.board.selected = 0;
            }
            (Mode::Board, Action::Help) => {
                self.mode = Mode::Help;
                self.help.reset();
            }
            (Mode::Board, _) => {}

            (Mode::BoardSearch, Action::Commit) => self.mode = Mode::Board,
            (Mode::BoardSearch, Action::Close) => {
                self.board.filter.clear();
                self.board.selected = 0;
                self.mode = Mode::Board;
            }
            (Mode::BoardSearch, Action::Down) => self.step_row(now, 1),
            (Mode::BoardSearch, Action::Up) => self.step_row(now, -1),
            (Mode::BoardSearch, _) => {}

            (Mode::Briefs, Action::Down | Action::Up) => {
                let n = self.watches.len();
                let d = if action == Action::Down {
                    1
                } else {
                    n.saturating_sub(1)
                };
                self.board.listed = (self.board.listed + d) % n.max(1);
            }
            (Mode::Briefs, Action::Open) => {
                if let Some(&w) = self.listed_watches().get(self.board.listed) {
                    self.open_desk(w, None);
                }
            }
            (Mode::Briefs, Action::Reopen) => {
                if let Some(&w) = self.listed_watches().get(self.board.listed) {
                    self.reopen(now, w);
                }
            }
            (Mode::Briefs, Action::Acknowledge) => {
                if let Some(&w) = self.listed_watches().get(self.board.listed) {
                    self.ack(now, w, None);
                }
            }
            (Mode::Briefs, Action::Close) => self.mode = self.home_mode(),
            (Mode::Briefs, _) => {}

            (Mode::Closing, Action::Down | Action::Up) => {
                if let Some(d) = self.closing.as_mut() {
                    let n = Disposition::ALL.len();
                    d.choice = (d.choice + if action == Action::Down { 1 } else { n - 1 }) % n;
                }
            }
            (Mode::Closing, Action::Commit) => return Some(self.commit_close(now)),
            (Mode::Closing, Action::Close) => {
                self.closing = None;
                self.mode = self.home_mode();
                self.info(now, "the watch stays open");
            }
            (Mode::Closing, _) => {}

            (Mode::Normal, Action::Board) => self.show_board(),
            (Mode::Normal, Action::Acknowledge) => {
                let w = self.active;
                self.ack(now, w, None);
            }
            (Mode::Normal, Action::CloseWatch) => {
                if self.read_only {
                    self.warn("read-only: this desk cannot close a watch");
                } else if !self.watch().is_open() {
                    self.info(now, "this watch is closed: w lists it, r reopens it");
                } else {
                    self.closing = Some(CloseDraft {
                        watch: self.active,
                        choice: 0,
                        reason: String::new(),
                    });
                    self.mode = Mode::Closing;
                }
            }
            _ => return None,
        }
        Some(none())
    }

    fn step_row(&mut self, now: DateTime<Utc>, delta: isize) {
        let n = self.board_len(now);
        if n == 0 {
            self.board.selected = 0;
            return;
        }
        let next = (self.board.selected as isize + delta).clamp(0, n as isize - 1);
        self.board.selected = next as usize;
    }

    /// Typed keys while filtering the board or writing a close reason.
    pub(super) fn board_input(&mut self, key: KeyEvent) {
        let text = match (self.mode, self.closing.as_mut()) {
            (Mode::BoardSearch, _) => &mut self.board.filter,
            (Mode::Closing, Some(d)) => &mut d.reason,
            _ => return,
        };
        match key.code {
            KeyCode::Char(c)
                if !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                if text.chars().count() < 500 {
                    text.push(c);
                }
            }
            KeyCode::Backspace => {
                text.pop();
            }
            _ => return,
        }
        if self.mode == Mode::BoardSearch {
            self.board.selected = 0;
        }
    }

    /// Pasted text while filtering the board or writing a close reason:
    /// its first line, without control characters.
    pub(super) fn board_paste(&mut self, pasted: &str) {
        let line: String = crate::safe::one_line(pasted.lines().next().unwrap_or(""))
            .chars()
            .take(500)
            .collect();
        match (self.mode, self.closing.as_mut()) {
            (Mode::BoardSearch, _) => {
                self.board.filter.push_str(&line);
                self.board.selected = 0;
            }
            (Mode::Closing, Some(d)) => d.reason.push_str(&line),
            _ => {}
        }
    }

    fn ack(&mut self, now: DateTime<Utc>, watch: usize, item: Option<ItemRef>) {
        if self.read_only {
            self.warn("read-only: this desk cannot acknowledge");
            return;
        }
        let w = &mut self.watches[watch];
        if w.acknowledge(now, item) {
            self.needs_save = true;
            let title = w.short_title(40);
            self.info(now, format!("acknowledged: {title}"));
        } else {
            self.info(now, "nothing to acknowledge here");
        }
    }

    fn reopen(&mut self, now: DateTime<Utc>, watch: usize) {
        if self.read_only {
            self.warn("read-only: this desk cannot reopen a watch");
            return;
        }
        let w = &mut self.watches[watch];
        match w.reopen(now) {
            Ok(()) => {
                self.needs_save = true;
                let title = w.short_title(40);
                self.info(now, format!("reopened: {title}"));
            }
            Err(why) => self.info(now, why),
        }
    }

    fn commit_close(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let Some(draft) = self.closing.take() else {
            self.mode = self.home_mode();
            return Vec::new();
        };
        let reason = Some(draft.reason.trim().to_string()).filter(|r| !r.is_empty());
        let Some(w) = self.watches.get_mut(draft.watch) else {
            self.mode = self.home_mode();
            return Vec::new();
        };
        if let Err(why) = w.close(now, draft.disposition(), reason) {
            self.mode = self.home_mode();
            self.info(now, why);
            return Vec::new();
        }
        self.needs_save = true;
        let watch = &self.watches[draft.watch];
        let effect = final_report(watch, self, now);
        let title = watch.short_title(40);
        self.show_board();
        self.board.selected = 0;
        self.info(now, format!("closed: {title}; writing its final report"));
        vec![effect]
    }

    /// A watch that came onto the desk while it runs (the inbox, `add` from
    /// a shell, another desk): added, or merged with the one already here.
    /// `via` records its arrival (it rings once).
    pub(super) fn watch_found(
        &mut self,
        now: DateTime<Utc>,
        mut watch: Watch,
        via: Option<String>,
    ) -> Vec<Effect> {
        if let Some(have) = self
            .watches
            .iter_mut()
            .find(|w| w.brief.id == watch.brief.id)
        {
            have.absorb(&watch.log);
            return Vec::new();
        }
        // The same desk records on it: its id and analyst, a session of its own.
        let desk = &self.watch().desk;
        watch.desk = crate::review::Desk::new(
            desk.id.clone(),
            desk.analyst.clone(),
            crate::review::Desk::random(),
        );
        let record = !self.read_only;
        if record {
            if let Some(via) = &via {
                watch.arrive(now, via);
            }
            watch.ensure_window(now, None);
            self.needs_save = true;
        }
        let title = watch.short_title(50);
        let ring = watch.has_unacked() && via.is_some();
        self.watches.push(watch);
        self.info(now, format!("new brief on the desk: {title}"));
        if !ring {
            return Vec::new();
        }
        vec![Effect::Alert {
            bell: self.settings.bell,
            notify: self
                .settings
                .notify
                .then(|| ("watchdesk: new brief".to_string(), title)),
        }]
    }

    /// Ring again for an unacknowledged red, every `rering_red` (off when
    /// unset).
    pub(super) fn rering(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let Some(every) = self.settings.rering_red.filter(|d| *d > Duration::zero()) else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        for w in self.watches.iter().filter(|w| w.is_open()) {
            let red = w
                .open_indicators()
                .any(|i| w.unacked_level(i) == Some(Level::Red));
            let id = w.brief.id.clone();
            if !red {
                self.board.last_ring.remove(&id);
                continue;
            }
            let last = *self.board.last_ring.entry(id.clone()).or_insert(now);
            if now - last >= every {
                self.board.last_ring.insert(id, now);
                effects.push(Effect::Alert {
                    bell: self.settings.bell,
                    notify: self.settings.notify.then(|| {
                        (
                            "watchdesk: still RED".to_string(),
                            format!("{}: unacknowledged RED", w.short_title(50)),
                        )
                    }),
                });
            }
        }
        effects
    }
}

/// The final report of a closed watch, as a file for the reports folder.
fn final_report(watch: &Watch, model: &Model, now: DateTime<Utc>) -> Effect {
    let report = Report::build(watch, &model.settings, model.utc_offset, now, None);
    Effect::Export {
        file_name: super::actions::report_file_name(&watch.brief.title, "-final", now),
        text: report.render(Format::Md),
    }
}
