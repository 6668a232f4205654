//! Nothing recorded is lost on SIGTERM / SIGHUP (issue 14): a note being
//! typed is kept as a draft beside the state file and offered on the next
//! start; a change that could not be saved makes the exit non-zero, with a
//! message on stderr.

mod support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use support::{Desk, Failure, TIMEOUT, countdown_on_row, ensure, quit, row_has, temp_state};

fn status_bar(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

fn ready(screen: &str) -> bool {
    ["I1", "I2", "I3"]
        .iter()
        .all(|l| countdown_on_row(screen, l).is_some())
        && status_bar(screen).trim_end().ends_with(" saved")
}

fn send_signal(desk: &Desk, sig: libc::c_int) -> Result<(), Failure> {
    let pid = desk
        .pid()
        .ok_or_else(|| Failure("the desk has no pid".into()))?;
    // SAFETY: kill(2) on a child this test started and has not reaped.
    let rc = unsafe { libc::kill(pid as libc::pid_t, sig) };
    ensure(rc == 0, || format!("kill({pid}, {sig}) failed"))
}

fn a_note_being_typed_survives(sig: libc::c_int, name: &str) -> Result<(), Failure> {
    let (dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    desk.send("j");
    desk.send("n");
    desk.wait_for("Note on I2", TIMEOUT)?;
    desk.send("convoy at the pass");
    desk.send("\t");
    desk.send("ship spotters");
    desk.wait_for("ship spotters", TIMEOUT)?;
    send_signal(&desk, sig)?;
    let status = desk.wait_exit(TIMEOUT)?;
    ensure(status.exit_code() == 0, || {
        format!("{name} with everything saved should exit 0, got {status}")
    })?;
    let drafts = dir.path().join("drafts.json");
    let text =
        fs::read_to_string(&drafts).map_err(|e| Failure(format!("{name}: no drafts file: {e}")))?;
    ensure(
        text.contains("convoy at the pass")
            && text.contains("ship spotters")
            && text.contains("I2"),
        || format!("{name}: the drafts file lacks the note: {text}"),
    )?;
    let mode = fs::metadata(&drafts)
        .map_err(|e| Failure(e.to_string()))?
        .permissions()
        .mode();
    ensure(mode & 0o777 == 0o600, || {
        format!("{name}: drafts file mode {mode:o}")
    })?;

    // The next start offers it; `n` on I2 brings it back; Ctrl-s saves it.
    let mut desk = Desk::spawn(&state, 160, 40, &[])?;
    desk.wait_until("the offer of the kept draft", TIMEOUT, |s| {
        s.contains("draft") && s.contains("I2")
    })?;
    desk.send("j");
    desk.send("n");
    desk.wait_until("the editor holding the draft", TIMEOUT, |s| {
        s.contains("Note on I2") && s.contains("convoy at the pass") && s.contains("ship spotters")
    })?;
    desk.send_bytes(b"\x13"); // Ctrl-s
    desk.wait_until("the note saved under I2", TIMEOUT, |s| {
        s.contains("Notes on I2 (1)") && status_bar(s).trim_end().ends_with(" saved")
    })?;
    quit(&mut desk)?;
    ensure(!drafts.exists(), || {
        format!("{name}: the drafts file outlived the saved note")
    })?;
    let out = support::command(&state)
        .arg("export")
        .output()
        .map_err(|e| Failure(e.to_string()))?;
    let md = String::from_utf8_lossy(&out.stdout);
    ensure(md.contains("convoy at the pass"), || {
        format!("{name}: the note is not in the export:\n{md}")
    })
}

#[test]
fn a_note_being_typed_survives_sigterm() -> Result<(), Failure> {
    a_note_being_typed_survives(libc::SIGTERM, "SIGTERM")
}

#[test]
fn a_note_being_typed_survives_sighup() -> Result<(), Failure> {
    a_note_being_typed_survives(libc::SIGHUP, "SIGHUP")
}

/// Saves are made to fail by a regular file where the state's directory
/// was (a chmod does not stop root); it is moved back afterwards.
fn break_dir(dir: &Path) -> Result<PathBuf, Failure> {
    let away = dir.with_extension("away");
    fs::rename(dir, &away).map_err(|e| Failure(format!("move away: {e}")))?;
    fs::write(dir, b"not a directory").map_err(|e| Failure(format!("write: {e}")))?;
    Ok(away)
}

fn an_unsaved_change_fails_the_exit(sig: libc::c_int, name: &str) -> Result<(), Failure> {
    let (top, _) = temp_state();
    let dir = top.path().join("data");
    fs::create_dir(&dir).map_err(|e| Failure(e.to_string()))?;
    let state = dir.join("state.json");
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    let away = break_dir(&dir)?;
    desk.send("3 ");
    desk.wait_until("I1 OBSERVED, UNSAVED", TIMEOUT, |s| {
        row_has(s, "I1", "OBSERVED") && status_bar(s).contains("UNSAVED")
    })?;
    send_signal(&desk, sig)?;
    let status = desk.wait_exit(TIMEOUT)?;
    let raw = String::from_utf8_lossy(&desk.raw_output()).into_owned();
    ensure(status.exit_code() != 0, || {
        format!("{name} with an unsaved change should exit non-zero, got {status}")
    })?;
    ensure(raw.contains("could not be saved"), || {
        format!(
            "{name}: no message about the lost change; output ends {:?}",
            &raw[raw.len().saturating_sub(400)..]
        )
    })?;
    fs::remove_file(&dir).map_err(|e| Failure(e.to_string()))?;
    fs::rename(&away, &dir).map_err(|e| Failure(e.to_string()))?;
    // The control: with the fault gone, the same signal exits 0.
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    desk.send("3 ");
    desk.wait_until("I1 OBSERVED, saved", TIMEOUT, |s| {
        row_has(s, "I1", "OBSERVED") && status_bar(s).trim_end().ends_with(" saved")
    })?;
    std::thread::sleep(Duration::from_millis(50));
    send_signal(&desk, sig)?;
    let status = desk.wait_exit(TIMEOUT)?;
    ensure(status.exit_code() == 0, || {
        format!("{name} with everything saved should exit 0, got {status}")
    })
}

#[test]
fn sigterm_with_an_unsaved_change_exits_non_zero() -> Result<(), Failure> {
    an_unsaved_change_fails_the_exit(libc::SIGTERM, "SIGTERM")
}

#[test]
fn sighup_with_an_unsaved_change_exits_non_zero() -> Result<(), Failure> {
    an_unsaved_change_fails_the_exit(libc::SIGHUP, "SIGHUP")
}
