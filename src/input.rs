//! Terminal input, read on a thread of its own.
//!
//! crossterm's reader spins inside its own read loop, without returning,
//! once its terminal is hung up (a closed tmux pane, a dropped SSH link):
//! `read` keeps answering end-of-file and the loop keeps asking. So this
//! thread waits on the terminal with `poll(2)` itself, reports a hang-up as
//! [`Input::Gone`] at once, and hands over to crossterm only when there are
//! bytes to read. crossterm is built with `use-dev-tty`, whose reader waits
//! level-triggered: with its default (edge-triggered) reader, a key that
//! arrives with a resize signal is held back until the next key. Resizes
//! reach the runtime as SIGWINCH. The async task also checks [`hung_up`]
//! once a second, and SIGHUP ends the desk too.

use std::os::fd::{AsRawFd, RawFd};
use std::sync::OnceLock;

use crossterm::event::{self, Event};
use tokio::sync::mpsc::UnboundedSender;

/// What the input thread reports.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// The terminal went away.
    Gone,
}

/// Read failures in a row after which the terminal is taken to be gone.
const MAX_ERRORS: u32 = 3;

/// How long to look for events crossterm has already read ahead.
///
/// crossterm looks at what it holds only while some of the timeout is left,
/// and hands poll(2) what is left in whole milliseconds, rounded down. So a
/// zero timeout finds nothing it holds (a key stays there until the next
/// one), and a sub-millisecond timeout or tail is spent spinning on poll(2)
/// with no wait (50 us cost 50 us of CPU a key). Whole milliseconds and a
/// little: one look at what it holds, then one poll(2) that sleeps (or
/// wakes at once for the next key), and at most the little tail spun.
/// Twenty of them so that a thread kept off the CPU under load still gets
/// its look (one kept off for more than 20 ms would leave a read-ahead key
/// until the next key); a terminal hung up inside that window costs at most
/// that much spinning, once.
const DRAIN_WAIT: std::time::Duration = std::time::Duration::from_micros(20_020);

/// The descriptor crossterm reads from: standard input when it is a
/// terminal, `/dev/tty` otherwise (kept open for the life of the program).
fn tty_fd() -> Option<RawFd> {
    static TTY: OnceLock<Option<RawFd>> = OnceLock::new();
    *TTY.get_or_init(|| {
        // SAFETY: isatty only inspects the descriptor.
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Some(libc::STDIN_FILENO);
        }
        let f = std::fs::File::open("/dev/tty").ok()?;
        let fd = f.as_raw_fd();
        std::mem::forget(f);
        Some(fd)
    })
}

/// Whether the terminal has been hung up (or was never there). A cheap,
/// non-blocking check.
pub fn hung_up() -> bool {
    let Some(fd) = tty_fd() else {
        return true;
    };
    let mut pfd = libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, for the length given, no waiting.
    let n = unsafe { libc::poll(&mut pfd, 1, 0) };
    n > 0 && pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// Start the input thread. It ends when the terminal goes away or the
/// receiver is dropped.
pub fn spawn(tx: UnboundedSender<Input>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("watchdesk-input".into())
        .spawn(move || run(tx))?;
    Ok(())
}

fn run(tx: UnboundedSender<Input>) {
    let mut errors = 0;
    loop {
        // Wait on the terminal here, not in crossterm: its reader loops for
        // ever once the terminal is hung up. Resizes come as SIGWINCH to the
        // runtime.
        if let Some(fd) = tty_fd() {
            let mut pfd = libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for the length given.
            let n = unsafe { libc::poll(&mut pfd, 1, -1) };
            if n < 0 {
                continue;
            }
            if pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                let _ = tx.send(Input::Gone);
                return;
            }
        }
        match event::read() {
            Ok(ev) => {
                errors = 0;
                if tx.send(Input::Event(ev)).is_err() {
                    return;
                }
                // What crossterm read ahead and holds, before waiting again
                // (see DRAIN_WAIT for the length of the wait).
                while let Ok(true) = event::poll(DRAIN_WAIT) {
                    match event::read() {
                        Ok(ev) => {
                            if tx.send(Input::Event(ev)).is_err() {
                                return;
                            }
                        }
                        Err(_) => break,
                    }
                }
            }
            Err(_) => {
                errors += 1;
                if errors >= MAX_ERRORS || hung_up() {
                    let _ = tx.send(Input::Gone);
                    return;
                }
            }
        }
    }
}
