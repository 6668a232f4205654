//! The note editor: a multi-line text input (ratatui-textarea), a one-line
//! source and a confidence choice.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use crate::review::{Confidence, ItemRef};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Source,
    Confidence,
}

/// A note kept when its editor was closed with Esc: reopening `n` on the
/// item brings it back. Saving the note or discarding it clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub text: String,
    pub source: String,
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Clone)]
pub struct NoteEditor {
    pub item: ItemRef,
    pub text: TextArea<'static>,
    pub source: TextArea<'static>,
    pub confidence: Option<Confidence>,
    pub field: Field,
    /// What the editor is for, shown in its title ("closing assessment").
    pub purpose: Option<String>,
}

impl NoteEditor {
    pub fn new(item: ItemRef) -> Self {
        let mut text = TextArea::default();
        text.set_placeholder_text("What did you see? Enter starts a new line; Ctrl-s saves.");
        let mut source = TextArea::default();
        source.set_placeholder_text("optional: where it came from");
        NoteEditor {
            item,
            text,
            source,
            confidence: None,
            field: Field::Text,
            purpose: None,
        }
    }

    /// An editor holding a kept draft.
    pub fn from_draft(item: ItemRef, draft: &Draft) -> Self {
        let mut e = NoteEditor::new(item);
        if !draft.text.is_empty() {
            e.text = TextArea::from(draft.text.lines().map(str::to_string));
            e.text.move_cursor(ratatui_textarea::CursorMove::Bottom);
            e.text.move_cursor(ratatui_textarea::CursorMove::End);
        }
        if !draft.source.is_empty() {
            e.source = TextArea::from([draft.source.clone()]);
            e.source.move_cursor(ratatui_textarea::CursorMove::End);
        }
        e.confidence = draft.confidence;
        e
    }

    /// What the editor holds, as a draft; `None` when nothing was typed.
    pub fn draft(&self) -> Option<Draft> {
        let text = self.text.lines().join("\n");
        let source = self.source.lines().join(" ");
        if text.trim().is_empty() && source.trim().is_empty() && self.confidence.is_none() {
            return None;
        }
        Some(Draft {
            text,
            source,
            confidence: self.confidence,
        })
    }

    pub fn next_field(&mut self, forward: bool) {
        self.field = match (self.field, forward) {
            (Field::Text, true) | (Field::Confidence, false) => Field::Source,
            (Field::Source, true) | (Field::Text, false) => Field::Confidence,
            (Field::Confidence, true) | (Field::Source, false) => Field::Text,
        };
    }

    /// A key not in the keymap: typed into the focused field.
    pub fn input(&mut self, key: KeyEvent) {
        match self.field {
            Field::Text => {
                self.text.input(key);
            }
            Field::Source => {
                // One line: Enter moves on rather than breaking the line.
                if key.code == KeyCode::Enter {
                    self.next_field(true);
                } else {
                    self.source.input(key);
                }
            }
            Field::Confidence => {
                let order = [
                    None,
                    Some(Confidence::Low),
                    Some(Confidence::Medium),
                    Some(Confidence::High),
                ];
                let at = order
                    .iter()
                    .position(|c| *c == self.confidence)
                    .unwrap_or(0);
                let step = match key.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => 1,
                    KeyCode::Left | KeyCode::Char('h') => order.len() - 1,
                    KeyCode::Char('1') => return self.confidence = Some(Confidence::Low),
                    KeyCode::Char('2') => return self.confidence = Some(Confidence::Medium),
                    KeyCode::Char('3') => return self.confidence = Some(Confidence::High),
                    KeyCode::Char('0') | KeyCode::Backspace => return self.confidence = None,
                    _ => return,
                };
                self.confidence = order[(at + step) % order.len()];
            }
        }
    }

    /// Pasted text goes into the focused text field, cleaned first
    /// ([`crate::safe`]): no control character, escape sequence, bidi
    /// control or zero-width character reaches the editor's cells.
    pub fn paste(&mut self, text: &str) {
        match self.field {
            Field::Text => {
                let text = text.replace("\r\n", "\n").replace('\r', "\n");
                self.text.insert_str(crate::safe::for_terminal(&text));
            }
            Field::Source => {
                let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
                self.source.insert_str(crate::safe::one_line(&line));
            }
            Field::Confidence => {}
        }
    }

    /// The note's text, trimmed; `None` when there is nothing to save.
    pub fn note_text(&self) -> Option<String> {
        let t = self.text.lines().join("\n").trim().to_string();
        (!t.is_empty()).then_some(t)
    }

    pub fn source_text(&self) -> Option<String> {
        let t = self.source.lines().join(" ").trim().to_string();
        (!t.is_empty()).then_some(t)
    }
}
