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

    /// Pasted text goes into the focused text field.
    pub fn paste(&mut self, text: &str) {
        match self.field {
            Field::Text => {
                self.text
                    .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            }
            Field::Source => {
                self.source
                    .insert_str(text.split_whitespace().collect::<Vec<_>>().join(" "));
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
