//! Odd inputs and terminals: a FIFO as a brief, `TERM=dumb`, no terminal,
//! a missing named config file, times in several forms.

mod support;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::{Desk, TIMEOUT, command, describe, temp_state};

/// Run to the end, or kill it and fail after `TIMEOUT` (a hang is the bug).
fn run_guarded(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!("hung: {}", describe(&out));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().expect("utf-8")).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

#[test]
fn a_fifo_as_a_brief_is_refused_at_once() {
    let (dir, state) = temp_state();
    let fifo = dir.path().join("brief.fifo");
    mkfifo(&fifo);
    let f = fifo.to_str().expect("path");
    for args in [
        vec!["check", f],
        vec!["--brief", f, "check"],
        vec!["--brief", f, "status"],
    ] {
        let mut cmd = command(&state);
        cmd.args(&args);
        let out = run_guarded(cmd);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", describe(&out));
        assert!(
            err.contains("named pipe (FIFO)") && err.contains(f),
            "{args:?}: {err}"
        );
    }
    // A device too.
    let mut cmd = command(&state);
    cmd.args(["check", "/dev/zero"]);
    let out = run_guarded(cmd);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("a device"),
        "{}",
        describe(&out)
    );
    assert!(!state.exists(), "nothing written");
}

#[test]
fn the_desk_refuses_a_dumb_terminal() {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn_with_env(&state, 80, 24, &[], &[("TERM", "dumb")]).expect("spawn");
    let status = desk.wait_exit(TIMEOUT).expect("it exits by itself");
    assert_eq!(status.exit_code(), 1);
    let raw = String::from_utf8_lossy(&desk.raw_output()).into_owned();
    assert!(raw.contains("TERM is `dumb`"), "{raw}");
    // The terminal was never touched: no alternate screen, no escapes.
    assert!(!raw.contains('\x1b'), "{raw:?}");
    assert!(!state.exists(), "nothing written");
}

#[test]
fn the_desk_refuses_when_output_is_not_a_terminal() {
    let (_dir, state) = temp_state();
    let out = run_guarded(command(&state));
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(out.stdout.is_empty(), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("standard output is not one"),
        "{}",
        describe(&out)
    );
    assert!(!state.exists(), "nothing written");
}

#[test]
fn a_named_config_file_must_exist() {
    let (dir, state) = temp_state();
    let missing = dir.path().join("nope.toml");
    let m = missing.to_str().expect("path");
    let mut by_flag = command(&state);
    by_flag.args(["--config", m, "status"]);
    let mut by_env = command(&state);
    by_env.env("WATCHDESK_CONFIG", m).arg("status");
    for cmd in [by_flag, by_env] {
        let out = run_guarded(cmd);
        assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(m) && err.contains("does not exist"), "{err}");
    }
    // The default config file may be absent.
    let mut default = command(&state);
    default
        .env_remove("WATCHDESK_CONFIG")
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("xdg"))
        .arg("status");
    let out = run_guarded(default);
    assert!(out.status.success(), "{}", describe(&out));
}

fn since(state: &Path, value: &str) -> Output {
    let mut cmd = command(state);
    cmd.args(["export", "--format", "json", "--since", value]);
    run_guarded(cmd)
}

#[test]
fn since_takes_a_dtg_a_date_and_refuses_a_time_without_a_zone() {
    let (_dir, state) = temp_state();
    for (value, utc) in [
        ("261430Z NOV 26", "2026-11-26T14:30:00Z"),
        ("2026-11-26", "2026-11-26T00:00:00Z"),
        ("2026-11-26T09:30:00-05:00", "2026-11-26T14:30:00Z"),
    ] {
        let out = since(&state, value);
        assert!(out.status.success(), "{value}: {}", describe(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(json["log_since"]["utc"], utc, "{value}");
    }
    let out = since(&state, "2026-11-26T14:30");
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`2026-11-26T14:30` has no time zone"), "{err}");
}
