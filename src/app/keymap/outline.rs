//! The outline view's keys: moving over the brief's text, marking lines,
//! the window and deadline prompt, accepting or cancelling.

use crossterm::event::KeyCode;

use super::{Action as A, Binding, Key, bind, hint};
use crate::app::Mode::{Outline as O, OutlineInput as P};

pub static BINDINGS: &[Binding] = &[
    hint(bind(O, Key::ch('?'), A::Help, "this help"), "help"),
    hint(bind(O, Key::ch('q'), A::Quit, "quit"), "quit"),
    bind(O, Key::ctrl('c'), A::Quit, "quit"),
    hint(bind(O, Key::ch('j'), A::Down, "next line"), "move"),
    bind(O, Key::plain(KeyCode::Down), A::Down, "next line"),
    bind(O, Key::ch('k'), A::Up, "previous line"),
    bind(O, Key::plain(KeyCode::Up), A::Up, "previous line"),
    bind(
        O,
        Key::plain(KeyCode::PageDown),
        A::ReaderDown,
        "a page down",
    ),
    bind(O, Key::ctrl('d'), A::ReaderDown, "a page down"),
    bind(O, Key::plain(KeyCode::PageUp), A::ReaderUp, "a page up"),
    bind(O, Key::ctrl('u'), A::ReaderUp, "a page up"),
    bind(O, Key::ch('g'), A::Top, "first line"),
    bind(O, Key::plain(KeyCode::Home), A::Top, "first line"),
    bind(O, Key::ch('G'), A::Bottom, "last line"),
    bind(O, Key::plain(KeyCode::End), A::Bottom, "last line"),
    hint(
        bind(
            O,
            Key::ch('b'),
            A::SelectBlock,
            "select the block under the cursor",
        ),
        "block",
    ),
    bind(
        O,
        Key::ch('v'),
        A::Extend,
        "select from here: move to extend, v again drops it",
    ),
    hint(
        bind(O, Key::ch('i'), A::MarkIndicator, "mark as one indicator"),
        "indicator",
    ),
    hint(
        bind(
            O,
            Key::ch('o'),
            A::MarkOutlook,
            "mark as the Outlook (one line: its heading)",
        ),
        "Outlook",
    ),
    bind(
        O,
        Key::ch('h'),
        A::MarkHeading,
        "mark as a theme heading (one line: the heading)",
    ),
    bind(
        O,
        Key::ch('w'),
        A::MarkWashington,
        "mark as the Washington angle (one line: its heading)",
    ),
    bind(
        O,
        Key::ch('x'),
        A::MarkPassed,
        "mark as passed over (not part of the brief)",
    ),
    bind(
        O,
        Key::ch('t'),
        A::MarkText,
        "mark as text: drop what corrections said of these lines",
    ),
    hint(
        bind(
            O,
            Key::ch('W'),
            A::SetWindow,
            "set the watch window (72h, 3 days, by Friday)",
        ),
        "window",
    ),
    bind(
        O,
        Key::ch('d'),
        A::SetDeadline,
        "set an indicator's own deadline (2 24h, 3 by Friday, 2 none)",
    ),
    bind(
        O,
        Key::ch('u'),
        A::Undo,
        "take back the last correction made here",
    ),
    hint(
        bind(
            O,
            Key::plain(KeyCode::Enter),
            A::Commit,
            "accept the reading: record the corrections",
        ),
        "accept",
    ),
    bind(
        O,
        Key::ch('a'),
        A::Commit,
        "accept the reading: record the corrections",
    ),
    hint(
        bind(
            O,
            Key::plain(KeyCode::Esc),
            A::Close,
            "cancel: drop the corrections made here",
        ),
        "cancel",
    ),
    hint(
        bind(P, Key::plain(KeyCode::Enter), A::Commit, "set it"),
        "set",
    ),
    hint(
        bind(P, Key::plain(KeyCode::Esc), A::Close, "cancel"),
        "cancel",
    ),
    bind(P, Key::ctrl('c'), A::Close, "cancel"),
];
