//! The outline view's state and what its keys do: the brief's text line by
//! line, each marked with what it was read as; the analyst re-marks lines,
//! sets the window or an indicator's deadline, sees the reading that gives,
//! and accepts (the corrections are recorded as events of the review) or
//! cancels. An unread watch (a refused brief) shows only this view until a
//! reading is accepted.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Action, Mode, Model};
use crate::brief::{self, Brief, Correction, Mark, Outline, ParseError, WindowSpec};
use crate::watch::Watch;

/// Lines a page key moves.
pub const PAGE: usize = 12;

/// What the one-line prompt is asking for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// The watch window ("72h", "3 days", "by Friday").
    Window,
    /// An indicator's own deadline ("2 24h", "3 by Friday", "2 none").
    Deadline,
}

/// The one-line prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub asking: Asking,
    pub text: String,
    /// Why the last try was refused.
    pub error: Option<String>,
}

/// The outline view.
#[derive(Debug, Clone)]
pub struct OutlineView {
    /// The brief's text, line by line (line 1 is index 0).
    pub lines: Arc<Vec<String>>,
    /// The cursor's line, 0-based.
    pub cursor: usize,
    /// The other end of the selection while one is being extended (`v`).
    pub anchor: Option<usize>,
    /// Corrections made here and not yet accepted, oldest first.
    pub pending: Vec<Correction>,
    /// The reading with them: the brief (or the refusal) and its outline.
    pub reading: Result<Brief, ParseError>,
    pub outline: Outline,
    pub prompt: Option<Prompt>,
}

impl OutlineView {
    /// The view on a watch's text (the reading it has now).
    pub fn open(watch: &Watch) -> OutlineView {
        let lines = watch
            .text
            .as_deref()
            .map(brief::text_lines)
            .unwrap_or_default();
        let (reading, outline) = watch.preview(&[]);
        let mut view = OutlineView {
            lines: Arc::new(lines),
            cursor: 0,
            anchor: None,
            pending: Vec::new(),
            reading,
            outline,
            prompt: None,
        };
        view.cursor = view.next_text_line(0, 1).unwrap_or(0);
        view
    }

    /// The selected lines, 0-based and inclusive.
    pub fn selection(&self) -> (usize, usize) {
        let a = self.anchor.unwrap_or(self.cursor);
        (a.min(self.cursor), a.max(self.cursor))
    }

    fn is_blank(&self, i: usize) -> bool {
        self.lines.get(i).is_none_or(|l| l.trim().is_empty())
    }

    /// The first line with text from `from` on, stepping by `dir`.
    fn next_text_line(&self, from: usize, dir: isize) -> Option<usize> {
        let mut i = from as isize;
        while i >= 0 && (i as usize) < self.lines.len() {
            if !self.is_blank(i as usize) {
                return Some(i as usize);
            }
            i += dir;
        }
        None
    }

    /// Move the cursor by `delta` lines with text, within the text.
    pub fn move_by(&mut self, delta: isize) {
        if self.lines.is_empty() {
            return;
        }
        let last = self.lines.len() - 1;
        let mut at = self.cursor;
        for _ in 0..delta.unsigned_abs() {
            let step = if delta < 0 {
                at.checked_sub(1).and_then(|s| self.next_text_line(s, -1))
            } else {
                self.next_text_line((at + 1).min(last), 1)
                    .filter(|&n| n > at)
            };
            match step {
                Some(n) => at = n,
                None => break,
            }
        }
        self.cursor = at;
    }

    /// Select the block (the run of lines read alike) under the cursor.
    pub fn select_block(&mut self) {
        let line = self.cursor + 1;
        if let Some(b) = self
            .outline
            .blocks
            .iter()
            .find(|b| b.first_line <= line && line <= b.last_line)
        {
            self.anchor = Some(b.first_line - 1);
            self.cursor = b.last_line - 1;
        }
    }

    /// Add a correction and read the brief again with it.
    fn push(&mut self, watch: &Watch, c: Correction) {
        self.pending.push(c);
        self.refresh(watch);
    }

    fn refresh(&mut self, watch: &Watch) {
        let (reading, outline) = watch.preview(&self.pending);
        self.reading = reading;
        self.outline = outline;
    }

    /// Whether line `i` (0-based) is named by a pending correction.
    pub fn is_pending(&self, i: usize) -> bool {
        let line = i + 1;
        self.pending.iter().any(|c| match c {
            Correction::Mark {
                first_line,
                last_line,
                ..
            } => (*first_line..=*last_line).contains(&line),
            _ => false,
        })
    }
}

/// The mark an action gives.
fn mark_of(action: Action) -> Option<Mark> {
    Some(match action {
        Action::MarkHeading => Mark::ThemeHeading,
        Action::MarkWashington => Mark::Washington,
        Action::MarkOutlook => Mark::Outlook,
        Action::MarkIndicator => Mark::Indicator,
        Action::MarkPassed => Mark::PassedOver,
        Action::MarkText => Mark::Text,
        _ => return None,
    })
}

/// An indicator's deadline as typed: "2 24h", "I3 by Friday", "2 none".
fn read_deadline(text: &str, count: usize) -> Result<(usize, Option<WindowSpec>), String> {
    let t = text.trim();
    let (num, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    let num = num.trim_start_matches(['I', 'i']);
    let n: usize = num
        .parse()
        .map_err(|_| "start with the indicator's number: 2 24h, 3 by Friday, 2 none".to_string())?;
    if n == 0 || n > count {
        return Err(format!(
            "no indicator {n}: the reading has {count} (I1-I{count})"
        ));
    }
    let rest = rest.trim();
    if rest.eq_ignore_ascii_case("none") || rest.is_empty() {
        return Ok((n - 1, None));
    }
    brief::read_window(rest).map(|w| (n - 1, Some(w)))
}

impl Model {
    /// Open the outline view on the active watch.
    pub(super) fn open_outline(&mut self) {
        if self.outline.is_none() {
            self.outline = Some(OutlineView::open(self.watch()));
        }
        self.mode = Mode::Outline;
    }

    /// An unread watch shows only the outline view (after a refused brief
    /// is opened, or a correction that made its reading is undone).
    /// On the board it waits in its row until opened.
    pub(super) fn keep_unread_in_outline(&mut self) {
        if self.screen == super::Screen::Desk
            && self.watch().unread().is_some()
            && !matches!(self.mode, Mode::Outline | Mode::OutlineInput | Mode::Help)
        {
            self.open_outline();
        }
    }

    /// What a key does in the outline view.
    pub(super) fn outline_action(&mut self, action: Action, now: DateTime<Utc>) {
        if self.mode == Mode::OutlineInput {
            self.prompt_action(action, now);
            return;
        }
        let Some(mut view) = self.outline.take() else {
            self.mode = Mode::Normal;
            return;
        };
        match action {
            Action::Down => view.move_by(1),
            Action::Up => view.move_by(-1),
            Action::ReaderDown => view.move_by(PAGE as isize),
            Action::ReaderUp => view.move_by(-(PAGE as isize)),
            Action::Top => view.move_by(isize::MIN / 2),
            Action::Bottom => view.move_by(isize::MAX / 2),
            Action::Extend => {
                view.anchor = match view.anchor {
                    Some(_) => None,
                    None => Some(view.cursor),
                }
            }
            Action::SelectBlock => view.select_block(),
            Action::Undo => {
                if view.pending.pop().is_some() {
                    view.refresh(self.watch());
                    self.info(now, "last correction taken back");
                } else {
                    self.info(
                        now,
                        "no correction to take back here (u on the desk undoes accepted ones)",
                    );
                }
            }
            Action::SetWindow | Action::SetDeadline => {
                let asking = if action == Action::SetWindow {
                    Asking::Window
                } else {
                    Asking::Deadline
                };
                if asking == Asking::Deadline
                    && view.reading.as_ref().map_or(0, |b| b.indicators.len()) == 0
                {
                    self.info(now, "no indicators in this reading: mark some with i first");
                } else {
                    view.prompt = Some(Prompt {
                        asking,
                        text: String::new(),
                        error: None,
                    });
                    self.mode = Mode::OutlineInput;
                }
            }
            Action::Commit => {
                self.outline = Some(view);
                self.accept_outline(now);
                return;
            }
            Action::Close => {
                if self.watch().unread().is_some() && self.watches.len() > 1 {
                    // Back to the board, where it waits to be read.
                    self.outline = None;
                    self.show_board();
                    let dropped = if view.pending.is_empty() {
                        ""
                    } else {
                        " (corrections made here dropped)"
                    };
                    self.info(
                        now,
                        format!("this brief still needs reading: it waits on the board{dropped}"),
                    );
                    return;
                } else if self.watch().unread().is_some() {
                    let n = view.pending.len();
                    view.pending.clear();
                    view.anchor = None;
                    view.refresh(self.watch());
                    self.warn(format!(
                        "this brief cannot be read yet: {n} correction{} dropped; mark it and Enter accepts, q quits",
                        if n == 1 { "" } else { "s" }
                    ));
                } else {
                    self.mode = Mode::Normal;
                    if !view.pending.is_empty() {
                        self.info(now, "outline closed: corrections dropped");
                    }
                    return;
                }
            }
            Action::Help => {
                self.mode = Mode::Help;
                self.help.reset();
            }
            a => {
                if let Some(mark) = mark_of(a) {
                    let (first, last) = view.selection();
                    let watch = &self.watches[self.active];
                    view.push(
                        watch,
                        Correction::Mark {
                            first_line: first + 1,
                            last_line: last + 1,
                            mark,
                        },
                    );
                    view.anchor = None;
                    view.cursor = last;
                    view.move_by(1);
                }
            }
        }
        self.outline = Some(view);
    }

    /// Keys while the prompt is open: Enter reads it, Esc closes it.
    fn prompt_action(&mut self, action: Action, now: DateTime<Utc>) {
        let Some(view) = self.outline.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        match action {
            Action::Close => {
                view.prompt = None;
                self.mode = Mode::Outline;
            }
            Action::Commit => {
                let Some(prompt) = view.prompt.as_mut() else {
                    self.mode = Mode::Outline;
                    return;
                };
                let count = view.reading.as_ref().map_or(0, |b| b.indicators.len());
                let read = match prompt.asking {
                    Asking::Window => brief::read_window(&prompt.text).map(Correction::SetWindow),
                    Asking::Deadline => {
                        read_deadline(&prompt.text, count).map(|(indicator, deadline)| {
                            Correction::SetDeadline {
                                indicator,
                                deadline,
                            }
                        })
                    }
                };
                match read {
                    Ok(c) => {
                        let said = crate::review::describe_correction(&c);
                        view.prompt = None;
                        let watch = &self.watches[self.active];
                        view.push(watch, c);
                        self.mode = Mode::Outline;
                        self.info(now, said);
                    }
                    Err(e) => prompt.error = Some(e),
                }
            }
            _ => {}
        }
    }

    /// A key typed into the prompt.
    pub(super) fn prompt_input(&mut self, key: KeyEvent) {
        let Some(prompt) = self.outline.as_mut().and_then(|v| v.prompt.as_mut()) else {
            return;
        };
        match key.code {
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL)
                    && !c.is_control()
                    && prompt.text.chars().count() < 60 =>
            {
                prompt.text.push(c);
            }
            KeyCode::Backspace => {
                prompt.text.pop();
            }
            _ => {}
        }
        prompt.error = None;
    }

    /// Text pasted into the prompt: its first line, without control
    /// characters.
    pub(super) fn prompt_paste(&mut self, text: &str) {
        if let Some(prompt) = self.outline.as_mut().and_then(|v| v.prompt.as_mut()) {
            let line = text.lines().next().unwrap_or("");
            prompt
                .text
                .extend(line.chars().filter(|c| !c.is_control()).take(60));
            prompt.error = None;
        }
    }

    /// Accept the reading: record the pending corrections as events of the
    /// review. A reading the parser still refuses is not accepted.
    fn accept_outline(&mut self, now: DateTime<Utc>) {
        let Some(view) = self.outline.as_ref() else {
            return;
        };
        if let Err(e) = &view.reading {
            self.warn(format!("not accepted: the brief still cannot be read: {e}"));
            return;
        }
        if self.read_only {
            self.warn("read-only: this desk cannot record corrections");
            return;
        }
        let pending = view.pending.clone();
        let n = self.watch_mut().correct(now, pending);
        self.outline = None;
        self.mode = Mode::Normal;
        if n > 0 {
            self.needs_save = true;
        }
        // The reading changed: keep the selections inside it.
        for panel in super::Panel::ALL {
            let len = self.len(panel);
            let sel = &mut self.selected[panel.index()];
            *sel = (*sel).min(len.saturating_sub(1));
        }
        let b = &self.watch().brief;
        let said = format!(
            "reading accepted ({n} correction{}): {} theme{}, {} indicator{}, window {}{}",
            if n == 1 { "" } else { "s" },
            b.themes.len(),
            if b.themes.len() == 1 { "" } else { "s" },
            b.indicators.len(),
            if b.indicators.len() == 1 { "" } else { "s" },
            self.watch().window_label(),
            if n > 0 { "; u undoes" } else { "" }
        );
        self.info(now, said);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadlines_are_read_with_their_indicator() {
        assert_eq!(
            read_deadline("2 24h", 3),
            Ok((1, Some(WindowSpec::hours(24))))
        );
        assert_eq!(read_deadline("I3 none", 3), Ok((2, None)));
        assert!(read_deadline("4 24h", 3).is_err());
        assert!(read_deadline("soon", 3).is_err());
        assert!(read_deadline("1 0 hours", 3).is_err());
    }
}
