//! The async shell: the only code that touches the terminal, tokio, signals
//! and files while the desk runs.
//!
//! One task `select!`s over terminal input (read on a thread of its own, see
//! [`crate::input`]), a tick on the next whole second, and the signals that
//! end a desk. Every input becomes a
//! [`Msg`] for [`update`]; the effects it returns are run here and their
//! results fed back. The screen is drawn once after a burst of input, only
//! when something changed; idle, the task sleeps until the next second.

mod inbox;

use std::io::{self, BufWriter, Stdout, Write};
use std::time::Duration as StdDuration;

use chrono::{DateTime, Utc};
use crossterm::event::{self, Event as TermEvent};
use crossterm::{cursor, execute, queue, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::signal::unix::{SignalKind, signal};

use crate::app::{Effect, FrameReport, Mode, Model, Msg, keymap, update};
use crate::effects::share_link::ShareLink;
use crate::effects::{Files, Job, Runner};
use crate::input::Input;
use crate::store::Store;
use crate::ui;
use crate::ui::styles::Palette;

type Term = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

static TERMINAL_TAKEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Put the terminal back as it was: cooked mode, main screen, cursor shown.
/// Safe to call more than once and from a panic hook.
pub fn restore_terminal() {
    // Once only: a second LeaveAlternateScreen also restores the cursor
    // saved on entry, moving it back over whatever was printed since (the
    // panic message).
    if !TERMINAL_TAKEN.swap(false, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        event::DisableBracketedPaste,
        event::DisableMouseCapture,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    // Give back the title the terminal had (xterm's title stack).
    let _ = io::stdout().write_all(b"\x1b[23;0t");
    let _ = io::stdout().flush();
}

/// Restores the terminal when dropped, whatever way the desk ends.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The message must land on a usable terminal, after the restore.
        restore_terminal();
        previous(info);
    }));
}

/// Run the desk until the analyst quits, a signal arrives or the terminal
/// goes away. `initial` are effects to run before the first frame (the
/// window start's save).
pub fn run(
    model: Model,
    palette: Palette,
    store: Store,
    initial: Vec<Effect>,
    share: Option<ShareLink>,
) -> io::Result<Model> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(run_async(model, palette, store, initial, share))
}

async fn run_async(
    mut model: Model,
    palette: Palette,
    store: Store,
    initial: Vec<Effect>,
    share: Option<ShareLink>,
) -> io::Result<Model> {
    // Signals are caught before the terminal changes, so none of them can
    // leave it raw.
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut sigwinch = signal(SignalKind::window_change())?;

    install_panic_hook();
    terminal::enable_raw_mode()?;
    TERMINAL_TAKEN.store(true, std::sync::atomic::Ordering::SeqCst);
    let _guard = TerminalGuard;
    // Keep the terminal's title on its stack, to give it back at the end.
    io::stdout().write_all(b"\x1b[22;0t")?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        event::EnableBracketedPaste,
        event::EnableMouseCapture
    )?;
    // Clear with a plain escape: ratatui's `clear` asks the terminal where
    // its cursor is and waits for an answer that a dying terminal never sends.
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))?;
    // A fixed viewport, resized on SIGWINCH and resize events: ratatui's
    // autoresize would ask the terminal for its size on every frame (an open,
    // an ioctl and a close of /dev/tty each second while idle).
    let mut term: Term = Terminal::with_options(
        CrosstermBackend::new(BufWriter::with_capacity(64 * 1024, io::stdout())),
        TerminalOptions {
            viewport: Viewport::Fixed(screen_rect()?),
        },
    )?;

    // Files are the runner's, on a thread of its own; what comes of them
    // arrives here as messages.
    let (done_tx, mut done) = tokio::sync::mpsc::unbounded_channel::<Msg>();
    // The inbox, polled on a thread of its own (a read-only desk takes
    // nothing in); what it takes arrives here as messages too.
    if !model.read_only {
        inbox::spawn(store.clone(), done_tx.clone())?;
    }
    let mut files = Files::new(store);
    // The team's share is the runner's too (a read-only desk publishes
    // nothing but still reads the others).
    if let Some(link) = share {
        files = files.with_share(link);
    }
    let runner = Runner::spawn(files, move |msg| {
        let _ = done_tx.send(msg);
    })?;
    let mut shell = Shell {
        runner,
        title: None,
    };
    for effect in initial {
        shell.run_effect(effect);
    }

    // A test hook, in debug builds only: make the desk panic on its first
    // tick once what it recorded at startup is saved (the save runs on the
    // worker), to prove that a panic restores the terminal and keeps what
    // was saved.
    #[cfg(debug_assertions)]
    let panic_on_tick = std::env::var_os("WATCHDESK_TEST_PANIC").is_some();
    let (tx, mut input) = tokio::sync::mpsc::unbounded_channel();
    crate::input::spawn(tx)?;
    let mut dirty = true;
    // What the last frame drew where, for the mouse.
    let mut layout = crate::app::mouse::Hits::default();
    loop {
        if dirty {
            let now = crate::clock::wall_now();
            // A new title goes out with the frame, in the same write.
            if let Some(title) = shell.title.take() {
                let _ = queue!(
                    term.backend_mut(),
                    terminal::SetTitle(crate::safe::one_line(&title))
                );
            }
            let mut drawn = FrameReport::default();
            if term
                .draw(|f| drawn = ui::draw_desk(f, &model, &palette, now))
                .is_err()
            {
                // The terminal is gone: keep what there is and go.
                shell.dispatch(&mut model, Msg::Shutdown);
                break;
            }
            dirty = false;
            // The sizes the frame found: the model clamps its scrolls (the
            // screen already shows them clamped, so no frame is needed).
            layout = drawn.hits.clone();
            shell.dispatch(&mut model, Msg::Frame(drawn));
        } else if let Some(title) = shell.title.take() {
            // No frame (the board between two changes): the title alone.
            let backend = term.backend_mut();
            let _ = queue!(backend, terminal::SetTitle(crate::safe::one_line(&title)))
                .and_then(|()| std::io::Write::flush(backend));
        }
        if model.quit {
            break;
        }
        let wake = tokio::time::sleep(until_next_second(crate::clock::wall_now()));
        tokio::select! {
            first = input.recv() => {
                let Some(first) = first else {
                    // The input thread ended: there is no terminal to read.
                    shell.dispatch(&mut model, Msg::Shutdown);
                    continue;
                };
                // Take the whole burst (a paste, a held key), then draw once.
                let mut next = Some(first);
                while let Some(got) = next.take() {
                    match got {
                        Input::Event(ev) => {
                            if let TermEvent::Resize(..) = ev {
                                resize(&mut term);
                            }
                            let msg = match &ev {
                                TermEvent::Mouse(m) => {
                                    crate::app::mouse::message(model.mode, &layout, m)
                                }
                                _ => message_for(model.mode, ev),
                            };
                            if let Some(msg) = msg {
                                dirty |= shell.dispatch(&mut model, msg);
                            }
                        }
                        Input::Gone => {
                            shell.dispatch(&mut model, Msg::Shutdown);
                        }
                    }
                    if model.quit {
                        break;
                    }
                    next = input.try_recv().ok();
                }
            }
            _ = wake => {
                if crate::input::hung_up() {
                    // No SIGHUP came, but the terminal is gone all the same.
                    shell.dispatch(&mut model, Msg::Shutdown);
                    continue;
                }
                #[cfg(debug_assertions)]
                if panic_on_tick && !model.has_unsaved() {
                    panic!("WATCHDESK_TEST_PANIC is set: panicking on purpose");
                }
                dirty |= shell.dispatch(&mut model, Msg::Tick);
                // Another desk's write (the state file, the share) is
                // looked for by the runner, off this task.
                for job in on_wake(&model) {
                    shell.runner.send(job);
                }
            }
            Some(msg) = done.recv() => dirty |= shell.dispatch(&mut model, msg),
            _ = sigterm.recv() => {
                shell.dispatch(&mut model, Msg::Shutdown);
            }
            _ = sighup.recv() => {
                shell.dispatch(&mut model, Msg::Shutdown);
            }
            _ = sigint.recv() => {
                shell.dispatch(&mut model, Msg::Shutdown);
            }
            _ = sigwinch.recv() => {
                resize(&mut term);
                dirty = true;
            }
        }
    }
    // Let the saves asked for finish (the last one, for a signal or a
    // quit), and take in what came of them.
    let Shell { runner, .. } = shell;
    runner.finish();
    while let Ok(msg) = done.try_recv() {
        let _ = update(&mut model, msg, crate::clock::wall_now());
    }
    // Show the cursor now; on a terminal that is gone, skip ratatui's own
    // attempt on drop, which would only complain about it on stderr.
    if term.show_cursor().is_err() {
        std::mem::forget(term);
    }
    Ok(model)
}

/// The longest the desk sleeps between two wakes, each of which looks at
/// the state file and the team's share ([`on_wake`]): a peer's new file is
/// read within this of landing (issue 12 asks for 2 seconds or less).
pub const WAKE_EVERY: StdDuration = StdDuration::from_secs(1);

/// What the runner is sent at every wake: one look at the state file and
/// the share for the watches on the desk.
pub fn on_wake(model: &Model) -> Vec<Job> {
    vec![Job::Poll {
        briefs: model.watches.iter().map(|w| w.brief.id.clone()).collect(),
    }]
}

/// The time until the wall clock's next whole second: how long the desk
/// sleeps when nothing else wakes it (never more than [`WAKE_EVERY`]).
pub fn until_next_second(now: DateTime<Utc>) -> StdDuration {
    let nanos = u64::from(now.timestamp_subsec_nanos().min(999_999_999));
    StdDuration::from_nanos(1_000_000_000 - nanos)
}

fn message_for(mode: Mode, ev: TermEvent) -> Option<Msg> {
    match ev {
        TermEvent::Key(key) => keymap::message(mode, &key),
        TermEvent::Paste(text) => Some(Msg::Paste(text)),
        TermEvent::Resize(..) => Some(Msg::Resize),
        TermEvent::FocusGained => Some(Msg::Resize),
        _ => None,
    }
}

/// The whole terminal as a rect.
fn screen_rect() -> io::Result<Rect> {
    let (w, h) = terminal::size()?;
    Ok(Rect::new(0, 0, w, h))
}

/// Fit the viewport to the terminal's size now, and clear it: a full
/// redraw follows. Done even when the size looks unchanged: the terminal
/// may have gone through another size meanwhile (two resizes before the
/// first signal is handled), and a frame drawn then is not what it shows.
fn resize(term: &mut Term) {
    if let Ok(area) = screen_rect() {
        let _ = term.resize(area);
    }
}

/// What the runtime keeps beside the model: the effect runner, and a
/// terminal title waiting to go out with the next frame.
struct Shell {
    runner: Runner,
    title: Option<String>,
}

impl Shell {
    /// Apply a message and start the effects it asks for: files go to the
    /// runner (their results come back as messages), the rest is the
    /// terminal's and done here. Whether the screen needs a frame.
    fn dispatch(&mut self, model: &mut Model, msg: Msg) -> bool {
        let out = update(model, msg, crate::clock::wall_now());
        let redraw = out.redraw;
        for effect in out {
            self.run_effect(effect);
        }
        redraw
    }

    fn run_effect(&mut self, effect: Effect) {
        match Job::of(effect) {
            Ok(job) => self.runner.send(job),
            Err(Effect::Alert { bell, notify }) => {
                let mut out = io::stdout();
                let mut seq = String::new();
                if bell {
                    seq.push('\x07');
                }
                if let Some((title, body)) = notify {
                    seq.push_str(&crate::alerts::notification(&title, &body));
                }
                let _ = out.write_all(seq.as_bytes()).and_then(|()| out.flush());
            }
            Err(Effect::Title(title)) => self.title = Some(title),
            Err(Effect::Save { .. } | Effect::Export { .. }) => {}
        }
    }
}
