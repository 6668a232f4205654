//! A small harness that drives the real `watchdesk` binary in a
//! pseudo-terminal and reads its screen through a `vt100` parser.
//!
//! ```ignore
//! let dir = tempfile::tempdir()?;
//! let state = dir.path().join("state.json");
//! let mut desk = Desk::spawn(&state, 120, 36, &[])?;
//! desk.wait_for("3 Indicators", TIMEOUT)?;
//! desk.send("3j ");
//! desk.send("q");
//! assert_eq!(desk.wait_exit(TIMEOUT)?.exit_code(), 0);
//! ```
//!
//! A reader thread owns the PTY's read side: it feeds every byte to the
//! parser, keeps the raw stream (for checks on escape sequences), answers the
//! terminal queries a real terminal would (cursor position), and stops at end
//! of stream, so a child that writes a lot never blocks on a full PTY buffer.
//! Timeouts are failure guards only, never assertions about speed. Dropping a
//! [`Desk`] kills the child if it is still running, so a failed test leaves no
//! process behind.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The default guard against a hung test. Generous: a loaded 2-core CI box
/// must never hit it.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_watchdesk")
}

/// A config path beside the state file, so the tester's own config file
/// never changes what the tests see (a test may write one there).
pub fn isolated_config(state: &Path) -> PathBuf {
    state.with_file_name("config.toml")
}

/// What `WATCHDESK_CONFIG` is set to: the isolated config when a test wrote
/// one, else an empty file (a named config file must exist).
pub fn config_env(state: &Path) -> PathBuf {
    let config = isolated_config(state);
    if config.exists() {
        config
    } else {
        PathBuf::from("/dev/null")
    }
}

/// `watchdesk` as a plain process (no PTY) with `WATCHDESK_STATE` set.
pub fn command(state: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("WATCHDESK_STATE", state)
        .env("WATCHDESK_CONFIG", config_env(state))
        .env_remove("NO_COLOR")
        .env("TERM", "xterm-256color");
    cmd
}

/// Run `watchdesk status --json` (plus `extra` arguments) on a state file
/// and parse what it prints.
pub fn status_json(state: &Path, extra: &[&str]) -> Result<serde_json::Value, String> {
    let out = command(state)
        .args(extra)
        .args(["status", "--json"])
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin()))?;
    if !out.status.success() {
        return Err(format!("status --json failed: {}", describe(&out)));
    }
    serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("status --json is not JSON ({e}): {}", describe(&out)))
}

/// Read and parse the state file.
pub fn read_state(state: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(state)
        .map_err(|e| format!("cannot read {}: {e}", state.display()))?;
    serde_json::from_str(&text)
        .map_err(|e| format!("{} is not JSON ({e}):\n{text}", state.display()))
}

/// A process's exit status and output, for failure messages.
pub fn describe(out: &Output) -> String {
    format!(
        "{}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Answers to the queries a terminal must reply to. vt100 leaves them to us.
#[derive(Default)]
pub struct Replies {
    pub pending: Vec<u8>,
}

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        // DSR 6: report the cursor position (1-based row;col). ratatui asks
        // for it when it clears the screen; crossterm gives up after 2 s.
        if c == 'n' && i1.is_none() && params.first().and_then(|p| p.first()) == Some(&6) {
            let (row, col) = screen.cursor_position();
            self.pending
                .extend_from_slice(format!("\x1b[{};{}R", row + 1, col + 1).as_bytes());
        }
    }
}

/// What the reader thread shares with the test.
struct Captured {
    parser: vt100::Parser<Replies>,
    raw: Vec<u8>,
    /// The read side reached end of stream (every slave fd is closed).
    eof: bool,
}

struct Shared {
    out: Mutex<Captured>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Captured> {
        // A panic in another thread must not hide the screen from the test.
        self.out.lock().unwrap_or_else(|e| e.into_inner())
    }
}

type Writer = Arc<Mutex<Box<dyn Write + Send>>>;

/// The real binary running in a pseudo-terminal.
pub struct Desk {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Writer,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

impl Desk {
    /// Start `watchdesk args...` in a `cols` x `rows` PTY, with
    /// `WATCHDESK_STATE=state`, `TERM=xterm-256color` and no `NO_COLOR`.
    pub fn spawn(state: &Path, cols: u16, rows: u16, args: &[&str]) -> Result<Desk, String> {
        Desk::spawn_with_env(state, cols, rows, args, &[])
    }

    /// [`Desk::spawn`] with extra environment variables for the program.
    pub fn spawn_with_env(
        state: &Path,
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Result<Desk, String> {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("openpty: {e}"))?;
        let mut cmd = CommandBuilder::new(bin());
        cmd.args(args);
        cmd.env("WATCHDESK_STATE", state);
        cmd.env("WATCHDESK_CONFIG", config_env(state));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLUMNS");
        cmd.env_remove("LINES");
        for (key, value) in env {
            cmd.env(key, value);
        }
        if let Some(dir) = state.parent() {
            cmd.cwd(dir);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .map_err(|e| format!("spawn {}: {e}", bin()))?;
        // Only the child may hold the slave side: then the reader sees end of
        // stream when the child is gone.
        drop(pair.slave);
        let master = pair.master;
        let mut reader = master
            .try_clone_reader()
            .map_err(|e| format!("pty reader: {e}"))?;
        let writer: Writer = Arc::new(Mutex::new(
            master
                .take_writer()
                .map_err(|e| format!("pty writer: {e}"))?,
        ));
        let shared = Arc::new(Shared {
            out: Mutex::new(Captured {
                parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Replies::default()),
                raw: Vec::new(),
                eof: false,
            }),
            changed: Condvar::new(),
        });

        let thread_shared = Arc::clone(&shared);
        let thread_writer = Arc::clone(&writer);
        let handle = std::thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    let n = match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        // EIO on Linux once the child closed the slave side.
                        Err(_) => break,
                    };
                    let reply = {
                        let mut out = thread_shared.lock();
                        out.raw.extend_from_slice(&buf[..n]);
                        out.parser.process(&buf[..n]);
                        std::mem::take(&mut out.parser.callbacks_mut().pending)
                    };
                    thread_shared.changed.notify_all();
                    if !reply.is_empty() {
                        let mut w = thread_writer.lock().unwrap_or_else(|e| e.into_inner());
                        let _ = w.write_all(&reply);
                        let _ = w.flush();
                    }
                }
                thread_shared.lock().eof = true;
                thread_shared.changed.notify_all();
            })
            .map_err(|e| format!("reader thread: {e}"))?;

        Ok(Desk {
            child,
            master,
            writer,
            shared,
            reader: Some(handle),
            status: None,
        })
    }

    /// Type `keys` (sent as their UTF-8 bytes; "\x03" is Ctrl-C).
    pub fn send(&self, keys: &str) {
        self.send_bytes(keys.as_bytes());
    }

    pub fn send_bytes(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap_or_else(|e| e.into_inner());
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// The screen as text, one line per row, trailing blanks trimmed.
    pub fn screen(&self) -> String {
        self.shared.lock().parser.screen().contents()
    }

    /// Every byte the program wrote so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.shared.lock().raw.clone()
    }

    /// Whether the program is in the alternate screen now.
    pub fn alternate_screen(&self) -> bool {
        self.shared.lock().parser.screen().alternate_screen()
    }

    /// Whether the program left the cursor hidden.
    pub fn cursor_hidden(&self) -> bool {
        self.shared.lock().parser.screen().hide_cursor()
    }

    /// Wait until the screen contains `text`; the screen then, or an error
    /// that shows what was on screen.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<String, String> {
        self.wait_until(&format!("{text:?} on screen"), timeout, |s| {
            s.contains(text)
        })
    }

    /// Wait until `pred` holds for the screen's text.
    ///
    /// The screen is parsed as the bytes arrive, and a frame reaches the PTY
    /// in several writes, so a screen may be caught half drawn (new rows on
    /// top, the previous frame below). Put every condition that must hold at
    /// once in `pred`, rather than checking the returned screen afterwards.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + timeout;
        let mut out = self.shared.lock();
        loop {
            let screen = out.parser.screen().contents();
            if pred(&screen) {
                return Ok(screen);
            }
            let now = Instant::now();
            if now >= deadline || out.eof {
                let why = if out.eof {
                    "the program closed its terminal"
                } else {
                    "timed out"
                };
                return Err(format!(
                    "waiting for {what}: {why} after {:?}; the screen:\n{screen}",
                    timeout.saturating_sub(deadline.saturating_duration_since(now))
                ));
            }
            // Woken by new output; the short cap also covers a missed wake-up.
            let wait = (deadline - now).min(Duration::from_millis(200));
            out = self
                .shared
                .changed
                .wait_timeout(out, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Resize the terminal (the program gets SIGWINCH) and the parser.
    pub fn resize(&self, cols: u16, rows: u16) -> Result<(), String> {
        // Resize the parser first, under its lock, so the program's next
        // frame lands on a screen of the new size.
        // vt100 0.16 overflows (and kills the reader) when a line wraps on
        // a 1-row screen or a wide character lands on a 1-column one, so
        // its screen keeps at least 2 x 2.
        let mut out = self.shared.lock();
        out.parser.screen_mut().set_size(rows.max(2), cols.max(2));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .map_err(|e| format!("resize: {e}"))
    }

    /// Wait for the program to exit and for the rest of its output to be
    /// read. Kills it (and fails) after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        if let Some(status) = &self.status {
            return Ok(status.clone());
        }
        let deadline = Instant::now() + timeout;
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => {}
                Err(e) => return Err(format!("wait: {e}")),
            }
            if Instant::now() >= deadline {
                self.kill();
                return Err(format!(
                    "the program did not exit within {timeout:?}; the screen:\n{}",
                    self.screen()
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        self.status = Some(status.clone());
        // Drain what it wrote last (restoring the terminal) before reporting.
        let mut out = self.shared.lock();
        while !out.eof {
            let now = Instant::now();
            if now >= deadline {
                return Err("the program exited but its terminal output never ended".into());
            }
            out = self
                .shared
                .changed
                .wait_timeout(out, (deadline - now).min(Duration::from_millis(200)))
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        drop(out);
        if let Some(h) = self.reader.take() {
            let _ = h.join();
        }
        Ok(status)
    }

    /// Kill the program if it still runs (SIGHUP, then SIGKILL after a short
    /// grace) and reap it.
    pub fn kill(&mut self) {
        if self.status.is_some() {
            return;
        }
        if let Ok(Some(status)) = self.child.try_wait() {
            self.status = Some(status);
            return;
        }
        let _ = self.child.kill();
        if let Ok(status) = self.child.wait() {
            self.status = Some(status);
        }
    }

    /// Whether the terminal is in cooked mode (canonical input and echo on),
    /// as a shell expects it. `None` where this cannot be read.
    pub fn cooked_mode(&self) -> Option<bool> {
        #[cfg(target_os = "linux")]
        {
            // <termios.h> on Linux: ICANON 0o2, ECHO 0o10.
            const ICANON: u64 = 0o2;
            const ECHO: u64 = 0o10;
            let t = self.master.get_termios()?;
            let bits = u64::from(t.local_flags.bits());
            Some(bits & ICANON != 0 && bits & ECHO != 0)
        }
        #[cfg(not(target_os = "linux"))]
        {
            None
        }
    }

    /// The cursor's (row, column) on the screen, 0-based.
    pub fn cursor_position(&self) -> (u16, u16) {
        self.shared.lock().parser.screen().cursor_position()
    }

    /// Whether the program is still running. Does not wait, and leaves the
    /// exit status for [`Desk::wait_exit`].
    pub fn is_running(&mut self) -> bool {
        self.status.is_none() && matches!(self.child.try_wait(), Ok(None))
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        self.kill();
        // The reader ends at end of stream, now that the child is gone; if
        // something else holds the slave open, leave the thread detached
        // rather than hang the test.
        if let Some(h) = self.reader.take() {
            let deadline = Instant::now() + Duration::from_secs(2);
            while !h.is_finished() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            if h.is_finished() {
                let _ = h.join();
            }
        }
    }
}

/// A test failure whose message prints as is (with the screen's line
/// breaks), not as a quoted string: tests return `Result<(), Failure>` and
/// use `?` on the harness's `Result<_, String>`.
pub struct Failure(pub String);

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Failure {
    fn from(s: String) -> Self {
        Failure(s)
    }
}

/// Fail with a message unless `cond` holds.
pub fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Result<(), Failure> {
    if cond { Ok(()) } else { Err(Failure(msg())) }
}

/// A fresh temporary directory and the state file path inside it.
pub fn temp_state() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state.json");
    (dir, state)
}

/// The first `H+:MM:SS` countdown on the screen line that starts with
/// `label` (after the panel border), in seconds.
pub fn countdown_on_row(screen: &str, label: &str) -> Option<u64> {
    let line = row_of(screen, label)?;
    line.split_whitespace().find_map(parse_hms)
}

/// The screen line holding the row for `label` ("I2"): the label right
/// after the panel's border.
pub fn row_of<'a>(screen: &'a str, label: &str) -> Option<&'a str> {
    screen.lines().find(|l| {
        let inner = l.trim_start_matches(|c: char| !c.is_alphanumeric());
        inner
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with(' '))
    })
}

/// `HH:MM:SS` (hours may run past 24) in seconds.
pub fn parse_hms(s: &str) -> Option<u64> {
    let mut parts = s.split(':');
    let (h, m, sec) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || m.len() != 2 || sec.len() != 2 || h.len() < 2 {
        return None;
    }
    let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(h) && all_digits(m) && all_digits(sec)) {
        return None;
    }
    let (h, m, sec): (u64, u64, u64) = (h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?);
    (m < 60 && sec < 60).then_some(h * 3600 + m * 60 + sec)
}

/// How many themes the embedded brief has, from `watchdesk check --json`
/// (which does not touch the state).
pub fn themes_in_default_brief() -> Result<usize, Failure> {
    let (_dir, state) = temp_state();
    let out = command(&state)
        .args(["check", "--json"])
        .output()
        .map_err(|e| format!("cannot run watchdesk check: {e}"))?;
    let check: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("check --json is not JSON ({e}): {}", describe(&out)))?;
    let n = check["themes"].as_array().map_or(0, Vec::len);
    ensure(n > 0, || {
        format!("no themes in check --json: {}", describe(&out))
    })?;
    Ok(n)
}

/// `label`'s row on the screen shows `word`.
pub fn row_has(screen: &str, label: &str, word: &str) -> bool {
    row_of(screen, label).is_some_and(|l| l.contains(word))
}

/// Quit with `q` and expect exit code 0.
pub fn quit(desk: &mut Desk) -> Result<(), Failure> {
    desk.send("q");
    let status = desk.wait_exit(TIMEOUT)?;
    ensure(status.exit_code() == 0 && status.signal().is_none(), || {
        format!(
            "q should exit with 0, got {status}; the screen:\n{}",
            desk.screen()
        )
    })
}

/// Every event of every brief in a state file.
pub fn all_events(state: &serde_json::Value) -> Vec<&serde_json::Value> {
    state["briefs"]
        .as_object()
        .into_iter()
        .flat_map(|b| b.values())
        .filter_map(|b| b["events"].as_array())
        .flatten()
        .collect()
}
