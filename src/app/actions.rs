//! What the keys do to the model: selection, marks, notes, undo, search,
//! export and quit. The review itself changes only through the watch.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Effect, Mode, Model, NoteEditor, Panel, Search};
use crate::report::{Format, Report};
use crate::review::{EventKind, ItemRef, Name, Status};

/// A report's file name: the brief's title as a slug and the time,
/// `alliance-priorities-20261126-143000Z.md` (`tail` goes after the slug:
/// `-final` for a closed watch's report).
pub fn report_file_name(title: &str, tail: &str, now: DateTime<Utc>) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 60 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "watch" } else { slug };
    format!("{slug}{tail}-{}.md", now.format("%Y%m%d-%H%M%SZ"))
}

impl Model {
    pub(super) fn move_selection(&mut self, delta: isize) {
        let len = self.len(self.focus);
        let sel = &mut self.selected[self.focus.index()];
        if len == 0 {
            *sel = 0;
            return;
        }
        let next = (*sel as isize + delta).clamp(0, len as isize - 1) as usize;
        if next != *sel {
            *sel = next;
            self.reader.reset();
        }
    }

    pub(super) fn set_focus(&mut self, panel: Panel) {
        if self.focus != panel {
            self.focus = panel;
            self.reader.reset();
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
    pub(super) fn set_status(&mut self, now: DateTime<Utc>, i: usize, to: Status) {
        match self.watch_mut().set_status(now, i, to) {
            Ok(from) => {
                self.needs_save = true;
                self.info(
                    now,
                    format!("I{}: {} → {}", i + 1, from.label(), to.label()),
                );
            }
            Err(_) => self.info(now, format!("I{}: already {}", i + 1, to.label())),
        }
    }

    pub(super) fn toggle(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.current_item() {
            Some(ItemRef::Indicator(i)) => {
                let next = self.watch().review.status_of(i).next();
                self.set_status(now, i, next);
            }
            Some(item) => {
                let reviewed = self.watch_mut().toggle_reviewed(now, item);
                self.needs_save = true;
                let word = if reviewed { "reviewed" } else { "not reviewed" };
                self.info(now, format!("{item}: {word}"));
            }
            None => {}
        }
    }

    pub(super) fn mark(&mut self, now: DateTime<Utc>, to: Status) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.current_item() {
            Some(ItemRef::Indicator(i)) => self.set_status(now, i, to),
            _ => self.info(now, "o and x mark indicators: focus them with 3"),
        }
    }

    pub(super) fn open_editor(&mut self, item: ItemRef, purpose: Option<String>) {
        if self.refuse_if_read_only() {
            return;
        }
        let mut editor = match self.draft_on(item) {
            Some(draft) => NoteEditor::from_draft(item, draft),
            None => NoteEditor::new(item),
        };
        editor.purpose = purpose;
        self.editor = Some(editor);
        self.mode = Mode::Note;
    }

    /// Esc keeps what was typed as the item's draft; `discard` (Ctrl-g)
    /// throws it away.
    pub(super) fn close_editor(&mut self, now: DateTime<Utc>, discard: bool) {
        self.mode = Mode::Normal;
        let Some(editor) = self.editor.take() else {
            return;
        };
        if editor.correcting.is_some() {
            self.info(now, "edit cancelled: the note is as it was");
            return;
        }
        let key = (self.watch().brief.id.clone(), editor.item);
        let kept = if discard { None } else { editor.draft() };
        let had = self.drafts.remove(&key).is_some();
        match kept {
            Some(draft) => {
                self.drafts.insert(key, draft);
                self.info(
                    now,
                    format!(
                        "draft kept on {}: n brings it back (Ctrl-g there discards it)",
                        editor.item
                    ),
                );
            }
            None if discard && (had || editor.draft().is_some()) => {
                self.info(now, format!("draft on {} discarded", editor.item))
            }
            None => self.info(now, "note cancelled"),
        }
    }

    pub(super) fn commit_note(&mut self, now: DateTime<Utc>) {
        self.mode = Mode::Normal;
        let Some(editor) = self.editor.take() else {
            return;
        };
        if let Some(of) = editor.correcting.clone() {
            return self.correct_note(now, editor.item, of, editor.note_text());
        }
        let key = (self.watch().brief.id.clone(), editor.item);
        self.drafts.remove(&key);
        let Some(text) = editor.note_text() else {
            self.info(now, "empty note: nothing saved");
            return;
        };
        let item = editor.item;
        let author = self.settings.initials.clone();
        self.watch_mut().record(
            now,
            EventKind::Note {
                item,
                text: text.into(),
                source: editor.source_text().map(Name::from),
                confidence: editor.confidence,
                author: author.map(Name::from),
            },
        );
        self.needs_save = true;
        self.reader_reveal = true;
        self.info(now, format!("note added to {item}"));
    }

    /// The last note on the selected item still standing.
    fn last_note(&self) -> Option<(ItemRef, crate::review::NoteView)> {
        let item = self.current_item()?;
        let review = &self.watch().review;
        let found = review.notes_on(item).filter(|n| !n.withdrawn()).last();
        found.map(|n| (item, n.clone()))
    }

    /// `E`: the selected item's last note, in the editor, to correct.
    pub(super) fn edit_last_note(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        let Some((item, note)) = self.last_note() else {
            return self.info(now, "no note here to edit (n adds one)");
        };
        let mut editor = NoteEditor::from_draft(
            item,
            &super::Draft {
                text: note.text.to_string(),
                ..Default::default()
            },
        );
        editor.purpose = Some(format!(
            "editing the note of {} (logged as a correction)",
            crate::clock::dtg(note.at)
        ));
        editor.correcting = Some(note.id.to_string());
        self.editor = Some(editor);
        self.mode = Mode::Note;
    }

    /// `D`: withdraw the selected item's last note.
    pub(super) fn withdraw_last_note(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        match self.last_note() {
            Some((item, note)) => self.correct_note(now, item, note.id.to_string(), None),
            None => self.info(now, "no note here to withdraw"),
        }
    }

    /// Record a correction of note `of`: new text, or withdrawn.
    fn correct_note(
        &mut self,
        now: DateTime<Utc>,
        item: ItemRef,
        of: String,
        text: Option<String>,
    ) {
        let unchanged = text.is_some()
            && self
                .watch()
                .review
                .notes
                .iter()
                .any(|n| n.id == of && Some(&*n.text) == text.as_deref());
        if unchanged {
            return self.info(now, "the note is unchanged");
        }
        let word = if text.is_some() {
            "edited"
        } else {
            "withdrawn"
        };
        self.watch_mut().record(
            now,
            EventKind::NoteCorrected {
                of: of.into(),
                item,
                text: text.map(Into::into),
            },
        );
        self.needs_save = true;
        self.reader_reveal = true;
        self.info(now, format!("note on {item} {word} (u undoes)"));
    }

    /// The item the event that undo (or redo) would act on is about.
    fn undo_subject(&self, redo: bool) -> Option<ItemRef> {
        let w = self.watch();
        let target = if redo {
            crate::review::redo_target(&w.log, &w.review, &w.desk.id)
        } else {
            crate::review::undo_target(&w.log, &w.review, &w.desk.id)
        };
        target.and_then(|e| crate::review::item_of(&e.kind))
    }

    pub(super) fn undo(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        let t = self.settings.thresholds;
        let subject = self.undo_subject(false);
        match self.watch_mut().undo(now, t) {
            Some(what) => {
                if let Some(item) = subject {
                    self.focus_item(item);
                }
                self.needs_save = true;
                self.info(now, format!("undone: {what} (Ctrl-r redoes)"));
            }
            None => self.info(now, "nothing to undo"),
        }
    }

    pub(super) fn redo(&mut self, now: DateTime<Utc>) {
        if self.refuse_if_read_only() {
            return;
        }
        let t = self.settings.thresholds;
        let subject = self.undo_subject(true);
        match self.watch_mut().redo(now, t) {
            Some(what) => {
                if let Some(item) = subject {
                    self.focus_item(item);
                }
                self.needs_save = true;
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
            self.reader.reset();
        }
    }

    /// Every item of the watch on screen whose text or notes contain
    /// `query` (any case), in screen order.
    pub fn search_matches(&self, query: &str) -> Vec<ItemRef> {
        self.watch().search_matches(query)
    }

    pub(super) fn search_input(&mut self, key: KeyEvent) {
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
    pub(super) fn refresh_search(&mut self) {
        self.search.matches = self.search_matches(&self.search.query);
        self.search.current = 0;
        if let Some(&first) = self.search.matches.first() {
            self.focus_item(first);
        }
    }

    pub(super) fn start_search(&mut self) {
        self.mode = Mode::Search;
        self.search_origin = Some((self.focus, self.selected));
        self.search = Search::default();
    }

    pub(super) fn step_match(&mut self, now: DateTime<Utc>, forward: bool) {
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

    pub(super) fn export(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let watch = self.watch();
        let report = Report::build(watch, &self.settings, self.utc_offset, now, None);
        let file_name = report_file_name(&watch.brief.title, "", now);
        vec![Effect::Export {
            file_name,
            text: report.render(Format::Md),
        }]
    }

    pub(super) fn quit_requested(&mut self) -> Vec<Effect> {
        if !self.has_unsaved() || self.read_only || self.quit_armed {
            self.quit = true;
            return Vec::new();
        }
        self.quit_armed = true;
        self.warn(format!(
            "press q again to quit and lose unsaved changes ({})",
            self.save_error.as_deref().unwrap_or("saving")
        ));
        self.save_effects()
    }
}
