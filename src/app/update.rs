//! [`update`]: a message in, the model changed, effects out.

use chrono::{DateTime, Duration, Utc};

use super::mouse::{MouseMsg, Region, WHEEL_LINES};
use super::{
    Action, Effect, FrameReport, Mode, Model, Msg, NOTICE_SECS, Notice, NoticeKind, Panel,
    SAVE_RETRY,
};
use crate::clock::{self, Level};
use crate::review::{ItemRef, Status};

impl Model {
    fn action(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        if action != Action::Quit {
            self.quit_armed = false;
        }
        if action != Action::Quit
            && let Some(effects) = self.board_action(action, now)
        {
            return effects;
        }
        match (self.mode, action) {
            (_, Action::Quit) => return self.quit_requested(),
            (Mode::Outline | Mode::OutlineInput, a) => self.outline_action(a, now),
            (Mode::Help, Action::Down) => self.help.down(1),
            (Mode::Help, Action::Up) => self.help.up(1),
            (Mode::Help, Action::Top) => self.help.top(),
            (Mode::Help, Action::Bottom) => self.help.bottom(),
            (Mode::Help, Action::Close | Action::Help) => self.mode = self.home_mode(),
            (Mode::Help, _) => {}

            (Mode::Normal, Action::Handover) => self.start_handover(now),
            (Mode::Normal, Action::Accept) => self.accept_handover(now),
            (Mode::Handover, Action::Commit) => return self.commit_handover(now),
            (Mode::Handover, Action::Close) => self.cancel_handover(now),
            (Mode::Handover, _) => {}
            (Mode::Note, Action::Commit) => self.commit_note(now),
            (Mode::Note, Action::Close) => self.close_editor(now, false),
            (Mode::Note, Action::Discard) => self.close_editor(now, true),
            (Mode::Note, Action::NextField | Action::PrevField) => {
                if let Some(e) = self.editor.as_mut() {
                    e.next_field(action == Action::NextField);
                }
            }
            (Mode::Note, _) => {}

            (Mode::Search, Action::Commit) => {
                self.mode = Mode::Normal;
                self.search_origin = None;
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
                self.search = Default::default();
                if let Some((panel, selected)) = self.search_origin.take() {
                    self.set_focus(panel);
                    if self.selected != selected {
                        self.selected = selected;
                        self.reader.reset();
                    }
                }
            }
            (Mode::Search, _) => {}

            (Mode::Timeline, Action::Down) => self.timeline.down(1),
            (Mode::Timeline, Action::Up) => self.timeline.up(1),
            (Mode::Timeline, Action::Top) => self.timeline.top(),
            (Mode::Timeline, Action::Bottom) => self.timeline.bottom(),
            (Mode::Timeline, Action::Filter) => {
                self.timeline_filter = match self.timeline_filter {
                    Some(_) => None,
                    None => self.timeline_item,
                };
                self.timeline.reset();
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
                self.help.reset();
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
            (Mode::Normal, Action::ReaderDown) => self.reader.down(5),
            (Mode::Normal, Action::ReaderUp) => self.reader.up(5),
            (Mode::Normal, Action::Toggle) => self.toggle(now),
            (Mode::Normal, Action::MarkObserved) => self.mark(now, Status::Observed),
            (Mode::Normal, Action::MarkNotObserved) => self.mark(now, Status::NotObserved),
            (Mode::Normal, Action::AddNote) => {
                if let Some(item) = self.current_item() {
                    self.open_editor(item, None);
                }
            }
            (Mode::Normal, Action::EditNote) => self.edit_last_note(now),
            (Mode::Normal, Action::WithdrawNote) => self.withdraw_last_note(now),
            (Mode::Normal, Action::Undo) => self.undo(now),
            (Mode::Normal, Action::Redo) => self.redo(now),
            (Mode::Normal, Action::Search) => self.start_search(),
            (Mode::Normal, Action::NextMatch) => self.step_match(now, true),
            (Mode::Normal, Action::PrevMatch) => self.step_match(now, false),
            (Mode::Normal, Action::Timeline) => {
                self.mode = Mode::Timeline;
                self.timeline.reset();
                self.timeline_item = self.current_item();
                self.timeline_filter = None;
            }
            (Mode::Normal, Action::Export) => return self.export(now),
            (Mode::Normal, Action::Outline) => self.open_outline(),
            (
                Mode::Normal,
                Action::Close
                | Action::Commit
                | Action::Filter
                | Action::NextField
                | Action::PrevField
                | Action::MarkHeading
                | Action::MarkWashington
                | Action::MarkOutlook
                | Action::MarkIndicator
                | Action::MarkPassed
                | Action::MarkText
                | Action::Extend
                | Action::SelectBlock
                | Action::SetWindow
                | Action::SetDeadline,
            ) => {}
            // The board's modes and keys are board_action's.
            _ => {}
        }
        Vec::new()
    }

    /// Raise an alert for every open indicator that crossed into a new
    /// level: once per crossing, remembered in the log.
    fn check_alerts(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let t = self.settings.thresholds;
        let record = !self.read_only;
        let mut effects = Vec::new();
        for w in 0..self.watches.len() {
            if !self.watches[w].is_open() {
                continue;
            }
            for crossing in self.watches[w].alerts_due(now, t) {
                if crossing.level == Level::Red {
                    let id = self.watches[w].brief.id.clone();
                    self.board.last_ring.insert(id, now);
                }
                self.watches[w].raise(now, &crossing, record);
                if record {
                    self.needs_save = true;
                }
                let labels: Vec<String> = crossing
                    .indicators
                    .iter()
                    .map(|i| format!("I{}", i + 1))
                    .collect();
                let left = clock::remaining_seconds(crossing.deadline, now);
                let (word, detail) = match crossing.level {
                    Level::Amber => ("AMBER", format!("{} left", clock::span(left))),
                    Level::Red => ("RED", format!("{} left", clock::span(left))),
                    _ => ("EXPIRED", "the watch window has closed".to_string()),
                };
                let body = format!(
                    "{} {word}: {detail} (deadline {})",
                    labels.join(", "),
                    clock::dtg(crossing.deadline)
                );
                if crossing.level == Level::Expired && record && w == self.active {
                    self.pending_assessments.extend(&crossing.indicators);
                }
                self.warn(body.clone());
                effects.push(Effect::Alert {
                    bell: self.settings.bell,
                    notify: self
                        .settings
                        .notify
                        .then(|| (format!("watchdesk: {}", self.watches[w].brief.title), body)),
                });
            }
        }
        effects
    }

    /// Ask for the next closing assessment when the desk is free.
    fn next_assessment(&mut self) {
        if self.mode != Mode::Normal || self.assessing.is_some() {
            return;
        }
        while let Some(i) = self.pending_assessments.first().copied() {
            self.pending_assessments.remove(0);
            if self.watch().review.status_of(i) == Status::Watching {
                self.assessing = Some(i);
                self.mode = Mode::Assess;
                self.focus_item(ItemRef::Indicator(i));
                return;
            }
        }
    }

    /// A new second: fade notices, raise alerts, ask for assessments,
    /// retry a failed save. Whether the screen needs a frame: when a
    /// countdown shows (its second changed; on the board, once what it
    /// shows changes) or the tick changed something.
    fn tick(&mut self, now: DateTime<Utc>) -> (Vec<Effect>, bool) {
        let mut changed = false;
        if self
            .notice
            .as_ref()
            .is_some_and(|n| n.until.is_some_and(|u| now >= u))
        {
            self.notice = None;
            changed = true;
        }
        let mut effects = self.check_alerts(now);
        effects.extend(self.rering(now));
        changed |= !effects.is_empty();
        let mode = self.mode;
        self.next_assessment();
        changed |= mode != self.mode;
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
        // A clock moved back, or past what the last frame showed: a frame.
        let still = self
            .still
            .is_some_and(|(drawn, until)| drawn <= now && now < until);
        (effects, changed || (self.countdowns_on_screen && !still))
    }

    /// A click or the wheel.
    fn mouse(&mut self, m: MouseMsg, now: DateTime<Utc>) -> Vec<Effect> {
        self.quit_armed = false;
        match m {
            MouseMsg::Select(panel, row) => {
                self.set_focus(panel);
                if let Some(i) = row
                    && i < self.len(panel)
                    && self.selected_in(panel) != i
                {
                    self.focus_item(match panel {
                        Panel::Themes => ItemRef::Theme(i),
                        Panel::Washington => ItemRef::WashingtonNote(i),
                        Panel::Indicators => ItemRef::Indicator(i),
                    });
                }
                Vec::new()
            }
            MouseMsg::BoardRow(i) => {
                self.board.selected = i;
                Vec::new()
            }
            MouseMsg::Wheel(Region::Reader, down) => {
                if down {
                    self.reader.down(WHEEL_LINES);
                } else {
                    self.reader.up(WHEEL_LINES);
                }
                Vec::new()
            }
            MouseMsg::Wheel(region, down) => {
                if let Region::Panel(panel) = region {
                    self.set_focus(panel);
                }
                let step = if down { Action::Down } else { Action::Up };
                let times = if region == Region::Overlay {
                    WHEEL_LINES
                } else {
                    1
                };
                (0..times).flat_map(|_| self.action(step, now)).collect()
            }
        }
    }

    /// Take in what a frame found: clamp every scroll to its content.
    fn framed(&mut self, report: FrameReport) {
        self.countdowns_on_screen = report.countdowns;
        self.still = report.still;
        if let Some((viewport, length)) = report.reader {
            match length {
                Some(length) => self.reader.measured(viewport, length),
                None => self.reader.viewport = viewport,
            }
        }
        if let Some(offset) = report.reader_revealed {
            self.reader.offset = offset;
            self.reader_reveal = false;
        }
        if let Some((viewport, length)) = report.help {
            self.help.measured(viewport, length);
        }
        if let Some((viewport, length)) = report.timeline {
            self.timeline.measured(viewport, length);
        }
    }
}

/// What [`update`] asks of the runtime: effects to run, and whether the
/// screen must be drawn again. Derefs to the effects.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Update {
    pub effects: Vec<Effect>,
    pub redraw: bool,
}

impl std::ops::Deref for Update {
    type Target = Vec<Effect>;
    fn deref(&self) -> &Vec<Effect> {
        &self.effects
    }
}

impl IntoIterator for Update {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;
    fn into_iter(self) -> Self::IntoIter {
        self.effects.into_iter()
    }
}

/// Apply a message to the model at `now`; return the effects to run and
/// whether a frame is needed.
pub fn update(model: &mut Model, msg: Msg, now: DateTime<Utc>) -> Update {
    // Everything but the clock and the frame's report changes what shows.
    let mut redraw = !matches!(msg, Msg::Tick | Msg::Frame(_));
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
                Mode::BoardSearch | Mode::Closing => model.board_input(key),
                Mode::Handover => model.handover_input(key),
                Mode::OutlineInput => model.prompt_input(key),
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
                        .push_str(&crate::safe::one_line(text.lines().next().unwrap_or("")));
                    model.refresh_search();
                }
                Mode::Handover => {
                    if let Some(name) = model.handover_to.as_mut() {
                        name.push_str(text.lines().next().unwrap_or(""));
                    }
                }
                Mode::BoardSearch | Mode::Closing => model.board_paste(&text),
                Mode::OutlineInput => model.prompt_paste(&text),
                _ => {}
            }
            Vec::new()
        }
        Msg::Mouse(m) => model.mouse(m, now),
        Msg::Tick => {
            let (effects, changed) = model.tick(now);
            redraw = changed;
            effects
        }
        Msg::Resize => Vec::new(),
        Msg::Frame(report) => {
            // So that K scrolls back at once after J went past the end, and
            // k at once after G.
            model.framed(report);
            Vec::new()
        }
        Msg::Saved {
            brief,
            generation,
            theirs,
        } => {
            if let Some(w) = model.watch_of(&brief) {
                w.absorb(&theirs);
                w.saved_generation = w.saved_generation.max(generation);
            }
            model.retry_at = None;
            if model.save_error.take().is_some() {
                // A q pressed while saves failed was a choice to lose the
                // changes; now that they are on disk it no longer stands.
                let word = if model.quit_armed { "; q quits" } else { "" };
                model.quit_armed = false;
                model.info(
                    now,
                    format!("saved: the state file is up to date again{word}"),
                );
            } else if model.quit_armed && !model.has_unsaved() {
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
        Msg::Reloaded { brief, log } => {
            // Whose: another desk's, or this desk's recorded by another of
            // its processes (`watchdesk mark`, or a second window on the
            // same data folder).
            let (added, ours) = model.watch_of(&brief).map_or((0, 0), |w| {
                let own =
                    |w: &crate::watch::Watch| w.log.iter().filter(|e| e.desk == w.desk.id).count();
                let before = own(w);
                let added = w.absorb(&log);
                (added, own(w).saturating_sub(before))
            });
            if added > 0 {
                let s = if added == 1 { "" } else { "s" };
                let text = if ours == 0 {
                    format!("picked up {added} change{s} from another desk")
                } else if ours == added {
                    format!("picked up {added} change{s} made outside this window")
                } else {
                    format!("picked up {added} changes, {ours} made outside this window")
                };
                model.info(now, text);
            }
            Vec::new()
        }
        Msg::WatchFound {
            text,
            source,
            log,
            via,
        } => {
            let desk = model.watch().desk.clone();
            let watch = crate::watch::Watch::from_text(text, source, log, desk);
            model.watch_found(now, watch, via)
        }
        Msg::InboxRefused { file, reason } => {
            let file = crate::watch::plain(&file);
            // A refusal never hides what came in with it (a new brief's
            // notice from the same look at the inbox).
            let mut text = format!("inbox: {file} refused: {reason}");
            if let Some(n) = &model.notice
                && n.until.is_none_or(|u| u > now)
            {
                text = format!("{} · {text}", n.text);
            }
            model.warn(text);
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
        Msg::ShareSeen(seen) => {
            redraw = model.share_seen(seen, now);
            Vec::new()
        }
        Msg::GitSynced { error } => {
            redraw = model.git_synced(error, now);
            Vec::new()
        }
        Msg::ShareNote { text, warning } => {
            let text = crate::watch::plain(&text);
            if warning {
                model.warn(text);
            } else {
                model.info(now, text);
            }
            Vec::new()
        }
    };
    model.keep_unread_in_outline();
    effects.extend(model.take_save());
    Update { effects, redraw }
}
