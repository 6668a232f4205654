//! Keys are data: one table maps (mode, key) to an [`Action`]. The help
//! overlay and the hint line are generated from the same table, so they
//! cannot drift apart from what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

/// The input mode decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// Writing a note (a text editor has the keys not in the table).
    Note,
    /// Typing a search (the query line has the keys not in the table).
    Search,
    /// The change log, newest first.
    Timeline,
    /// An indicator expired while watched: asking for a closing assessment.
    Assess,
    /// The board: every open indicator of every open watch.
    Board,
    /// Typing a filter on the board (the query line has the keys).
    BoardSearch,
    /// The list of watches (open and closed).
    Briefs,
    /// Closing a watch: a disposition and an optional reason (the reason
    /// line has the keys).
    Closing,
    /// Signing the watch over: the incoming analyst's name (the name line
    /// has the keys).
    Handover,
    /// The outline view: the brief's text as read, to correct.
    Outline,
    /// The outline view's prompt: a window or a deadline being typed.
    OutlineInput,
}

impl Mode {
    /// Every mode, in the order the help lists them.
    pub const ALL: [Mode; 13] = [
        Mode::Normal,
        Mode::Note,
        Mode::Search,
        Mode::Timeline,
        Mode::Assess,
        Mode::Closing,
        Mode::Handover,
        Mode::Board,
        Mode::BoardSearch,
        Mode::Briefs,
        Mode::Outline,
        Mode::OutlineInput,
        Mode::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "The desk",
            Mode::Help => "This help",
            Mode::Note => "Writing a note",
            Mode::Search => "Typing a search",
            Mode::Timeline => "The change log",
            Mode::Assess => "An indicator expired while watched",
            Mode::Board => "The board (every open watch)",
            Mode::BoardSearch => "Filtering the board",
            Mode::Briefs => "The list of watches",
            Mode::Closing => "Closing a watch",
            Mode::Handover => "Signing the watch over",
            Mode::Outline => "Outline: the brief as read, to correct",
            Mode::OutlineInput => "Outline: typing a window or a deadline",
        }
    }

    /// Modes whose unbound keys go to a text input (see [`message`]).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Note
                | Mode::Search
                | Mode::BoardSearch
                | Mode::Closing
                | Mode::Handover
                | Mode::OutlineInput
        )
    }

    /// The modes of the board screen (the others are the desk's).
    pub fn on_board(self) -> bool {
        matches!(self, Mode::Board | Mode::BoardSearch | Mode::Briefs)
    }
}

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    FocusThemes,
    FocusWashington,
    FocusIndicators,
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Top,
    Bottom,
    ReaderDown,
    ReaderUp,
    Toggle,
    MarkObserved,
    MarkNotObserved,
    AddNote,
    Undo,
    Redo,
    Search,
    NextMatch,
    PrevMatch,
    Timeline,
    Filter,
    Export,
    Commit,
    NextField,
    PrevField,
    Help,
    Close,
    Quit,
    /// Open the selected watch's desk.
    Open,
    /// Back to the board.
    Board,
    /// The list of watches.
    Briefs,
    /// Acknowledge the alerts of the selected row or watch.
    Acknowledge,
    /// Close the watch (asks for a disposition).
    CloseWatch,
    /// Reopen a closed watch.
    Reopen,
    /// Throw away the note being written (and its kept draft).
    Discard,
    /// Edit the selected item's last note (a correction).
    EditNote,
    /// Withdraw the selected item's last note (a correction).
    WithdrawNote,
    /// Sign the watch over to the next analyst (asks for the name).
    Handover,
    /// Accept the handover waiting on this watch.
    Accept,
    /// Open the outline view.
    Outline,
    MarkHeading,
    MarkWashington,
    MarkOutlook,
    MarkIndicator,
    MarkPassed,
    MarkText,
    /// Start or stop extending the selection from the cursor.
    Extend,
    /// Select the block under the cursor.
    SelectBlock,
    SetWindow,
    SetDeadline,
}

mod key;
pub use key::Key;

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    pub key: Key,
    pub action: Action,
    /// The help overlay's words for the action.
    pub help: &'static str,
    /// A short word for the hint line; `None` keeps the key out of it.
    pub hint: Option<&'static str>,
}

const fn bind(mode: Mode, key: Key, action: Action, help: &'static str) -> Binding {
    Binding {
        mode,
        key,
        action,
        help,
        hint: None,
    }
}

const fn hint(mut b: Binding, word: &'static str) -> Binding {
    b.hint = Some(word);
    b
}

use Action as A;
use Mode::{Assess as X, Help as H, Normal as N, Note as E, Search as S, Timeline as T};

mod board;
mod extra;
mod outline;

/// Every binding: the desk's, the board's and the outline view's.
pub fn all() -> impl Iterator<Item = &'static Binding> {
    BINDINGS
        .iter()
        .chain(extra::BINDINGS.iter())
        .chain(board::BINDINGS.iter())
        .chain(outline::BINDINGS.iter())
}

/// Every key binding of the desk.
pub static BINDINGS: &[Binding] = &[
    hint(bind(N, Key::ch('?'), A::Help, "this help"), "help"),
    hint(bind(N, Key::ch('q'), A::Quit, "quit"), "quit"),
    bind(N, Key::ctrl('c'), A::Quit, "quit"),
    bind(N, Key::ch('1'), A::FocusThemes, "focus the themes"),
    bind(
        N,
        Key::ch('2'),
        A::FocusWashington,
        "focus the Washington angle",
    ),
    bind(N, Key::ch('3'), A::FocusIndicators, "focus the indicators"),
    hint(
        bind(N, Key::plain(KeyCode::Tab), A::FocusNext, "next panel"),
        "panel",
    ),
    bind(
        N,
        Key::plain(KeyCode::BackTab),
        A::FocusPrev,
        "previous panel",
    ),
    hint(bind(N, Key::ch('j'), A::Down, "move down"), "move"),
    bind(N, Key::plain(KeyCode::Down), A::Down, "move down"),
    bind(N, Key::ch('k'), A::Up, "move up"),
    bind(N, Key::plain(KeyCode::Up), A::Up, "move up"),
    bind(N, Key::ch('g'), A::Top, "first item"),
    bind(N, Key::plain(KeyCode::Home), A::Top, "first item"),
    bind(N, Key::ch('G'), A::Bottom, "last item"),
    bind(N, Key::plain(KeyCode::End), A::Bottom, "last item"),
    bind(
        N,
        Key::ch('J'),
        A::ReaderDown,
        "scroll the reading pane down",
    ),
    bind(
        N,
        Key::plain(KeyCode::PageDown),
        A::ReaderDown,
        "scroll the reading pane down",
    ),
    bind(
        N,
        Key::ctrl('d'),
        A::ReaderDown,
        "scroll the reading pane down",
    ),
    bind(N, Key::ch('K'), A::ReaderUp, "scroll the reading pane up"),
    bind(
        N,
        Key::plain(KeyCode::PageUp),
        A::ReaderUp,
        "scroll the reading pane up",
    ),
    bind(N, Key::ctrl('u'), A::ReaderUp, "scroll the reading pane up"),
    hint(
        bind(
            N,
            Key::ch(' '),
            A::Toggle,
            "toggle: a theme or note reviewed; an indicator watching → observed → not observed",
        ),
        "mark",
    ),
    bind(
        N,
        Key::ch('o'),
        A::MarkObserved,
        "mark the indicator observed",
    ),
    bind(
        N,
        Key::ch('x'),
        A::MarkNotObserved,
        "mark the indicator not observed",
    ),
    hint(
        bind(
            N,
            Key::ch('n'),
            A::AddNote,
            "add a note to the selected item",
        ),
        "note",
    ),
    hint(
        bind(
            N,
            Key::ch('u'),
            A::Undo,
            "undo the last review action (logged)",
        ),
        "undo",
    ),
    bind(N, Key::ctrl('r'), A::Redo, "redo what was undone"),
    hint(
        bind(
            N,
            Key::ch('/'),
            A::Search,
            "search themes, notes and indicators",
        ),
        "search",
    ),
    bind(N, Key::ch(']'), A::NextMatch, "next search match"),
    hint(
        bind(N, Key::ch('b'), A::Board, "the board: every open watch"),
        "board",
    ),
    bind(
        N,
        Key::plain(KeyCode::Esc),
        A::Board,
        "the board: every open watch",
    ),
    bind(N, Key::ch('w'), A::Briefs, "the list of watches"),
    bind(
        N,
        Key::ch('a'),
        A::Acknowledge,
        "acknowledge this watch's alerts",
    ),
    bind(
        N,
        Key::ch('H'),
        A::Handover,
        "sign the watch over to the next analyst (writes the handover report)",
    ),
    bind(
        N,
        Key::ch('A'),
        A::Accept,
        "accept the handover waiting on this watch",
    ),
    bind(
        Mode::Handover,
        Key::plain(KeyCode::Enter),
        A::Commit,
        "hand over to the name typed",
    ),
    bind(Mode::Handover, Key::plain(KeyCode::Esc), A::Close, "cancel"),
    bind(
        N,
        Key::ch('C'),
        A::CloseWatch,
        "close this watch (a disposition, then its final report)",
    ),
    bind(N, Key::ch('['), A::PrevMatch, "previous search match"),
    hint(
        bind(N, Key::ch('t'), A::Timeline, "the change log (timeline)"),
        "log",
    ),
    hint(
        bind(
            N,
            Key::ch('e'),
            A::Export,
            "write the handover report to a file",
        ),
        "export",
    ),
    hint(
        bind(
            N,
            Key::ch('O'),
            A::Outline,
            "the outline: the brief's text as read, to correct",
        ),
        "outline",
    ),
    hint(bind(E, Key::ctrl('s'), A::Commit, "save the note"), "save"),
    hint(
        bind(
            E,
            Key::plain(KeyCode::Tab),
            A::NextField,
            "next field: note, source, confidence",
        ),
        "field",
    ),
    bind(
        E,
        Key::plain(KeyCode::BackTab),
        A::PrevField,
        "previous field",
    ),
    hint(
        bind(
            E,
            Key::plain(KeyCode::Esc),
            A::Close,
            "close, keeping the note as a draft",
        ),
        "keep draft",
    ),
    bind(
        E,
        Key::ctrl('c'),
        A::Close,
        "close, keeping the note as a draft",
    ),
    hint(
        bind(
            S,
            Key::plain(KeyCode::Enter),
            A::Commit,
            "go to the first match",
        ),
        "find",
    ),
    hint(
        bind(S, Key::plain(KeyCode::Esc), A::Close, "cancel the search"),
        "cancel",
    ),
    bind(S, Key::ctrl('c'), A::Close, "cancel the search"),
    hint(bind(T, Key::ch('j'), A::Down, "scroll down"), "scroll"),
    bind(T, Key::plain(KeyCode::Down), A::Down, "scroll down"),
    bind(T, Key::ch('k'), A::Up, "scroll up"),
    bind(T, Key::plain(KeyCode::Up), A::Up, "scroll up"),
    bind(T, Key::ch('g'), A::Top, "newest"),
    bind(T, Key::ch('G'), A::Bottom, "oldest"),
    hint(
        bind(
            T,
            Key::ch('f'),
            A::Filter,
            "only the selected item / everything",
        ),
        "filter",
    ),
    bind(T, Key::ch('u'), A::Undo, "undo the last review action"),
    bind(T, Key::ctrl('r'), A::Redo, "redo what was undone"),
    hint(
        bind(T, Key::plain(KeyCode::Esc), A::Close, "close the log"),
        "close",
    ),
    bind(T, Key::ch('t'), A::Close, "close the log"),
    bind(T, Key::ch('q'), A::Close, "close the log"),
    bind(T, Key::ctrl('c'), A::Quit, "quit"),
    hint(
        bind(
            X,
            Key::ch('o'),
            A::MarkObserved,
            "observed (then an optional note)",
        ),
        "observed",
    ),
    hint(
        bind(
            X,
            Key::ch('x'),
            A::MarkNotObserved,
            "not observed by the deadline (then an optional note)",
        ),
        "not observed",
    ),
    hint(
        bind(X, Key::plain(KeyCode::Esc), A::Close, "decide later"),
        "later",
    ),
    bind(X, Key::ctrl('c'), A::Quit, "quit"),
    bind(H, Key::ch('j'), A::Down, "scroll down"),
    bind(H, Key::plain(KeyCode::Down), A::Down, "scroll down"),
    bind(H, Key::ch('k'), A::Up, "scroll up"),
    bind(H, Key::plain(KeyCode::Up), A::Up, "scroll up"),
    hint(bind(H, Key::ch('?'), A::Close, "close the help"), "close"),
    bind(H, Key::plain(KeyCode::Esc), A::Close, "close the help"),
    bind(H, Key::ch('q'), A::Close, "close the help"),
    bind(H, Key::ctrl('c'), A::Quit, "quit"),
];

/// The action a key asks for in a mode, if any.
pub fn resolve(mode: Mode, ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    let key = Key::from_event(ev);
    all()
        .find(|b| b.mode == mode && b.key == key)
        .map(|b| b.action)
}

/// The help overlay's rows for a mode: the keys for each action, joined, and
/// the action's words, in table order.
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(String, &'static str, Action)> = Vec::new();
    for b in all().filter(|b| b.mode == mode) {
        match rows.iter_mut().find(|r| r.2 == b.action && r.1 == b.help) {
            Some(row) => {
                row.0.push_str(" / ");
                row.0.push_str(&b.key.label());
            }
            None => rows.push((b.key.label(), b.help, b.action)),
        }
    }
    rows.into_iter().map(|(k, h, _)| (k, h)).collect()
}

/// The hint line's (key, word) pairs for a mode. Help and quit come first,
/// so a narrow terminal keeps them when the line is cut.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    let first = |b: &&Binding| !matches!(b.action, Action::Help | Action::Quit);
    let mut rows: Vec<&Binding> = all()
        .filter(|b| b.mode == mode && b.hint.is_some())
        .collect();
    rows.sort_by_key(first);
    rows.into_iter()
        .filter_map(|b| b.hint.map(|h| (b.key.label(), h)))
        .collect()
}

/// What a key means in `mode`: its action from the table; in a mode with a
/// text input, any other key pressed (not released) is typed into it;
/// anything else means nothing.
pub fn message(mode: Mode, key: &KeyEvent) -> Option<super::Msg> {
    match resolve(mode, key) {
        Some(action) => Some(super::Msg::Action(action)),
        None if mode.takes_text() && key.kind != KeyEventKind::Release => {
            Some(super::Msg::Input(*key))
        }
        None => None,
    }
}

#[cfg(test)]
mod tests;
