//! The board's keys: the board, its filter, the list of watches and the
//! close dialog.

use crossterm::event::KeyCode;

use super::{Action as A, Binding, Key, bind, hint};
use crate::app::Mode::{Board as B, BoardSearch as BS, Briefs as L, Closing as C};

pub static BINDINGS: &[Binding] = &[
    hint(bind(B, Key::ch('?'), A::Help, "this help"), "help"),
    hint(bind(B, Key::ch('q'), A::Quit, "quit"), "quit"),
    bind(B, Key::ctrl('c'), A::Quit, "quit"),
    hint(bind(B, Key::ch('j'), A::Down, "move down"), "move"),
    bind(B, Key::plain(KeyCode::Down), A::Down, "move down"),
    bind(B, Key::ch('k'), A::Up, "move up"),
    bind(B, Key::plain(KeyCode::Up), A::Up, "move up"),
    bind(B, Key::ch('g'), A::Top, "most urgent"),
    bind(B, Key::plain(KeyCode::Home), A::Top, "most urgent"),
    bind(B, Key::ch('G'), A::Bottom, "least urgent"),
    bind(B, Key::plain(KeyCode::End), A::Bottom, "least urgent"),
    hint(
        bind(
            B,
            Key::plain(KeyCode::Enter),
            A::Open,
            "open the brief's desk on this indicator",
        ),
        "open",
    ),
    hint(
        bind(
            B,
            Key::ch('a'),
            A::Acknowledge,
            "acknowledge the row's alert (and a new brief's)",
        ),
        "ack",
    ),
    hint(
        bind(
            B,
            Key::ch('H'),
            A::Handover,
            "sign the row's watch over to the next analyst (asks for the name, writes the handover report)",
        ),
        "hand over",
    ),
    hint(
        bind(
            B,
            Key::ch('A'),
            A::Accept,
            "accept the handover waiting on the row's watch",
        ),
        "accept",
    ),
    hint(
        bind(
            B,
            Key::ch('w'),
            A::Briefs,
            "the list of watches (open, closed)",
        ),
        "watches",
    ),
    hint(
        bind(
            B,
            Key::ch('/'),
            A::Search,
            "filter the rows by text across briefs",
        ),
        "filter",
    ),
    bind(B, Key::plain(KeyCode::Esc), A::Close, "clear the filter"),
    hint(
        bind(BS, Key::plain(KeyCode::Enter), A::Commit, "keep the filter"),
        "keep",
    ),
    hint(
        bind(BS, Key::plain(KeyCode::Esc), A::Close, "clear the filter"),
        "clear",
    ),
    bind(BS, Key::plain(KeyCode::Down), A::Down, "move down"),
    bind(BS, Key::plain(KeyCode::Up), A::Up, "move up"),
    bind(BS, Key::ctrl('c'), A::Close, "clear the filter"),
    hint(bind(L, Key::ch('j'), A::Down, "move down"), "move"),
    bind(L, Key::plain(KeyCode::Down), A::Down, "move down"),
    bind(L, Key::ch('k'), A::Up, "move up"),
    bind(L, Key::plain(KeyCode::Up), A::Up, "move up"),
    hint(
        bind(
            L,
            Key::plain(KeyCode::Enter),
            A::Open,
            "open the watch's desk",
        ),
        "open",
    ),
    hint(
        bind(L, Key::ch('r'), A::Reopen, "reopen a closed watch"),
        "reopen",
    ),
    bind(
        L,
        Key::ch('a'),
        A::Acknowledge,
        "acknowledge the watch's alerts",
    ),
    hint(
        bind(L, Key::plain(KeyCode::Esc), A::Close, "back to the board"),
        "back",
    ),
    bind(L, Key::ch('w'), A::Close, "back to the board"),
    bind(L, Key::ch('q'), A::Close, "back to the board"),
    bind(L, Key::ctrl('c'), A::Quit, "quit"),
    hint(
        bind(C, Key::plain(KeyCode::Down), A::Down, "next disposition"),
        "disposition",
    ),
    bind(C, Key::plain(KeyCode::Up), A::Up, "previous disposition"),
    bind(C, Key::plain(KeyCode::Tab), A::Down, "next disposition"),
    bind(
        C,
        Key::plain(KeyCode::BackTab),
        A::Up,
        "previous disposition",
    ),
    hint(
        bind(
            C,
            Key::plain(KeyCode::Enter),
            A::Commit,
            "close the watch and write its final report",
        ),
        "close",
    ),
    hint(
        bind(C, Key::plain(KeyCode::Esc), A::Close, "keep the watch open"),
        "cancel",
    ),
    bind(C, Key::ctrl('c'), A::Close, "keep the watch open"),
];
