//! Keys added for a day at the desk: discarding a draft, the ends of the
//! help and the change log, and correcting a note.

use crossterm::event::KeyCode;

use super::{Action as A, Binding, Key, bind, hint};
use crate::app::Mode::{Help as H, Normal as N, Note as E, Timeline as T};

pub static BINDINGS: &[Binding] = &[
    bind(
        N,
        Key::ch('E'),
        A::EditNote,
        "edit the selected item's last note (a logged correction)",
    ),
    bind(
        N,
        Key::ch('D'),
        A::WithdrawNote,
        "withdraw the selected item's last note (a logged correction)",
    ),
    hint(
        bind(
            E,
            Key::ctrl('g'),
            A::Discard,
            "discard the note (Esc keeps it as a draft)",
        ),
        "discard",
    ),
    bind(T, Key::plain(KeyCode::Home), A::Top, "newest"),
    bind(T, Key::plain(KeyCode::End), A::Bottom, "oldest"),
    bind(H, Key::ch('g'), A::Top, "top"),
    bind(H, Key::plain(KeyCode::Home), A::Top, "top"),
    bind(H, Key::ch('G'), A::Bottom, "end"),
    bind(H, Key::plain(KeyCode::End), A::Bottom, "end"),
];
