//! End to end: the real `watchdesk` binary in a pseudo-terminal. Keys are
//! typed, the screen is read through `vt100`, and the state file and
//! `watchdesk status --json` are checked after the desk quits.
//!
//! Every wait has a generous timeout that only guards against a hung test;
//! nothing here asserts how fast the program is.

mod support;

use std::time::Duration;

use serde_json::Value;
use support::{
    Desk, Failure, TIMEOUT, all_events, command, countdown_on_row, describe, ensure, quit,
    read_state, row_has, status_json, temp_state,
};

/// 71:59:00, the least a fresh 72-hour countdown shows in its first minute.
const FRESH: u64 = 71 * 3600 + 59 * 60;
const WINDOW_SECS: i64 = 72 * 3600;

/// The screen shows the indicator panel and `label`'s row with a countdown.
fn has_countdown(screen: &str, label: &str) -> bool {
    screen.contains("3 Indicators") && countdown_on_row(screen, label).is_some()
}

/// The indicator with 1-based `index` in a `status --json` object.
fn indicator(status: &Value, index: u64) -> Result<&Value, Failure> {
    status["indicators"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["index"] == index))
        .ok_or_else(|| {
            Failure(format!(
                "no indicator {index} in status --json:\n{status:#}"
            ))
        })
}

#[test]
fn review_an_indicator_quit_and_come_back() -> Result<(), Failure> {
    let (_dir, state) = temp_state();

    // First run: a fresh window, countdowns just under 72 hours.
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    let screen = desk.wait_until(
        "the indicators, all watching, with countdowns",
        TIMEOUT,
        |s| {
            ["I1", "I2", "I3"]
                .iter()
                .all(|l| has_countdown(s, l) && row_has(s, l, "watching"))
        },
    )?;
    let first = countdown_on_row(&screen, "I1").unwrap_or(0);
    ensure((FRESH..WINDOW_SECS as u64).contains(&first), || {
        format!("a fresh window should show 71:59:xx, got {first} s:\n{screen}")
    })?;

    desk.send("3");
    desk.send("j");
    desk.send(" ");
    let screen = desk.wait_until("I2 OBSERVED", TIMEOUT, |s| row_has(s, "I2", "OBSERVED"))?;
    for other in ["I1", "I3"] {
        ensure(row_has(&screen, other, "watching"), || {
            format!("only I2 should change, {other} too:\n{screen}")
        })?;
    }
    quit(&mut desk)?;
    drop(desk);

    // The state file holds the change as an event.
    let file = read_state(&state)?;
    ensure(file["version"] == 2, || format!("state version:\n{file:#}"))?;
    let events = all_events(&file);
    ensure(
        events
            .iter()
            .any(|e| e["item"] == "I2" && e["to"] == "observed"),
        || format!("no status event I2 → observed in the state file:\n{file:#}"),
    )?;

    let status = status_json(&state, &[])?;
    let i2 = indicator(&status, 2)?;
    ensure(i2["status"] == "observed", || {
        format!("I2 should be observed:\n{status:#}")
    })?;
    let remaining = i2["remaining_seconds"].as_i64().unwrap_or(-1);
    ensure((1..=WINDOW_SECS).contains(&remaining), || {
        format!("remaining_seconds should be in 1..=259200:\n{status:#}")
    })?;
    let window_start = status["window_start"].clone();
    ensure(window_start.is_string(), || {
        format!("no window_start:\n{status:#}")
    })?;

    // Second run: the review stayed and the countdown went on.
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    let screen = desk.wait_until("I2 OBSERVED with a countdown", TIMEOUT, |s| {
        has_countdown(s, "I2") && row_has(s, "I2", "OBSERVED")
    })?;
    let before = countdown_on_row(&screen, "I2").unwrap_or(0);
    ensure(before <= first, || {
        format!("the countdown was reset: {before} s now, {first} s in the first run:\n{screen}")
    })?;
    std::thread::sleep(Duration::from_millis(1100));
    let screen = desk.wait_until("the I2 countdown to move on", TIMEOUT, |s| {
        countdown_on_row(s, "I2").is_some_and(|now| now < before)
    })?;
    ensure(row_has(&screen, "I2", "OBSERVED"), || {
        format!("I2 lost its status:\n{screen}")
    })?;
    quit(&mut desk)?;

    let again = status_json(&state, &[])?;
    ensure(again["window_start"] == window_start, || {
        format!("window_start changed: {window_start} before, now:\n{again:#}")
    })?;
    ensure(indicator(&again, 2)?["status"] == "observed", || {
        format!("I2 should still be observed:\n{again:#}")
    })?;
    Ok(())
}

#[test]
fn mark_a_theme_reviewed() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    let themes = support::themes_in_default_brief()?;
    desk.wait_until("the desk, no theme reviewed", TIMEOUT, |s| {
        s.contains(&format!("0/{themes} reviewed")) && has_countdown(s, "I1")
    })?;

    desk.send("1");
    desk.send(" ");
    desk.wait_for(&format!("1/{themes} reviewed"), TIMEOUT)?;
    quit(&mut desk)?;

    let status = status_json(&state, &[])?;
    ensure(status["themes"][0]["reviewed"] == true, || {
        format!("themes[0] should be reviewed:\n{status:#}")
    })?;
    ensure(status["themes"][1]["reviewed"] == false, || {
        format!("only themes[0] should be reviewed:\n{status:#}")
    })?;
    Ok(())
}

#[test]
fn help_opens_and_closes() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_for("3 Indicators", TIMEOUT)?;

    desk.send("?");
    desk.wait_until("the help, listing quit and focus", TIMEOUT, |s| {
        s.contains("focus the indicators") && s.contains("quit")
    })?;

    desk.send("?");
    // The screen is read as the program writes it, so a frame can be caught
    // half drawn: wait for the whole desk, not just for the help to go.
    desk.wait_until(
        "the help to close and the desk to come back",
        TIMEOUT,
        |s| {
            !s.contains("focus the indicators")
                && ["I1", "I2", "I3"].iter().all(|l| has_countdown(s, l))
                && s.contains("? help")
        },
    )?;
    quit(&mut desk)
}

#[test]
fn a_window_issued_long_ago_has_expired() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let issued = "2026-01-01T00:00:00Z";
    let mut desk = Desk::spawn(&state, 120, 36, &["--issued", issued])?;
    let screen = desk.wait_until("expired countdowns", TIMEOUT, |s| {
        ["I1", "I2", "I3"].iter().all(|l| {
            countdown_on_row(s, l) == Some(0)
                && row_has(s, l, "00:00:00")
                && row_has(s, l, "EXPIRED")
        })
    })?;
    ensure(!screen.contains("71:59:"), || {
        format!("no countdown should run:\n{screen}")
    })?;
    quit(&mut desk)?;

    // Without --issued: the window start was kept in the state.
    let status = status_json(&state, &[])?;
    let start = status["window_start"].as_str().unwrap_or("");
    ensure(
        chrono::DateTime::parse_from_rfc3339(start)
            .is_ok_and(|t| t == chrono::DateTime::parse_from_rfc3339(issued).unwrap()),
        || format!("window_start should be {issued}:\n{status:#}"),
    )?;
    let inds = status["indicators"].as_array().cloned().unwrap_or_default();
    ensure(
        inds.len() == 3 && inds.iter().all(|i| i["remaining_seconds"] == 0),
        || format!("every remaining_seconds should be 0:\n{status:#}"),
    )?;
    Ok(())
}

#[test]
fn small_terminals() -> Result<(), Failure> {
    let (_dir, state) = temp_state();

    // 80x24: every indicator and the key hints fit.
    let mut desk = Desk::spawn(&state, 80, 24, &[])?;
    let screen = desk.wait_until("I1 I2 I3 and the hint line at 80x24", TIMEOUT, |s| {
        ["I1", "I2", "I3"].iter().all(|l| has_countdown(s, l))
            && s.contains("? help")
            && s.contains("q quit")
    })?;
    ensure(!screen.contains("too small"), || {
        format!("80x24 is not too small:\n{screen}")
    })?;
    quit(&mut desk)?;
    drop(desk);

    // 50x12: a short message, not a garbled desk; growing brings it back.
    let mut desk = Desk::spawn(&state, 50, 12, &[])?;
    let screen = desk.wait_for("too small", TIMEOUT)?;
    ensure(!screen.contains("3 Indicators"), || {
        format!("no panels at 50x12:\n{screen}")
    })?;

    desk.resize(100, 30)?;
    desk.wait_until("the desk at 100x30", TIMEOUT, |s| {
        !s.contains("too small") && ["I1", "I2", "I3"].iter().all(|l| has_countdown(s, l))
    })?;

    desk.resize(50, 12)?;
    desk.wait_until("too small again", TIMEOUT, |s| {
        s.contains("too small") && !s.contains("3 Indicators")
    })?;
    // The message says q quits, and it does.
    quit(&mut desk)
}

#[test]
fn ctrl_c_quits_and_restores_the_terminal() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_for("3 Indicators", TIMEOUT)?;
    ensure(desk.alternate_screen(), || {
        "the desk should run in the alternate screen".into()
    })?;

    desk.send("\x03");
    let status = desk.wait_exit(TIMEOUT)?;
    ensure(status.exit_code() == 0 && status.signal().is_none(), || {
        format!(
            "Ctrl-C should exit with 0, got {status}:\n{}",
            desk.screen()
        )
    })?;

    let raw = desk.raw_output();
    let find_last = |needle: &[u8]| raw.windows(needle.len()).rposition(|w| w == needle);
    let entered = find_last(b"\x1b[?1049h");
    let left = find_last(b"\x1b[?1049l");
    let shown = find_last(b"\x1b[?25h");
    let tail = || {
        let from = raw.len().saturating_sub(200);
        format!("{:?}", String::from_utf8_lossy(&raw[from..]))
    };
    ensure(entered.is_some(), || {
        format!("never entered the alternate screen; output ends {}", tail())
    })?;
    ensure(left > entered, || {
        format!(
            "did not leave the alternate screen at the end; output ends {}",
            tail()
        )
    })?;
    ensure(shown > entered, || {
        format!("did not show the cursor at the end; output ends {}", tail())
    })?;
    // Nothing was drawn after the restore.
    let after = &raw[left.unwrap_or(0)..];
    ensure(after.len() < 64, || {
        format!("output after leaving the alternate screen: {}", tail())
    })?;
    ensure(!desk.alternate_screen(), || {
        "the terminal is left in the alternate screen".into()
    })?;
    ensure(!desk.cursor_hidden(), || "the cursor is left hidden".into())?;
    if let Some(cooked) = desk.cooked_mode() {
        ensure(cooked, || "the terminal is left in raw mode".into())?;
    }
    Ok(())
}

#[test]
fn a_missing_brief_is_an_error_before_the_terminal_is_touched() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let missing = "/nonexistent";

    let out = command(&state)
        .args(["--brief", missing])
        .output()
        .map_err(|e| format!("cannot run watchdesk: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure(!out.status.success(), || {
        format!("a missing brief should fail: {}", describe(&out))
    })?;
    ensure(stderr.contains(missing), || {
        format!("stderr should name {missing}: {}", describe(&out))
    })?;
    ensure(!stderr.contains("panicked"), || {
        format!("a missing brief must not panic: {}", describe(&out))
    })?;
    for stream in [&out.stdout, &out.stderr] {
        ensure(!stream.windows(8).any(|w| w == b"\x1b[?1049h"), || {
            format!("entered the alternate screen: {}", describe(&out))
        })?;
    }
    ensure(!state.exists(), || {
        format!("a failed start should not write {}", state.display())
    })?;

    // The same in a real terminal, where the program could think it may draw.
    let mut desk = Desk::spawn(&state, 80, 24, &["--brief", missing])?;
    let status = desk.wait_exit(TIMEOUT)?;
    let raw = desk.raw_output();
    ensure(status.exit_code() != 0, || {
        format!(
            "a missing brief should fail in a terminal too:\n{}",
            desk.screen()
        )
    })?;
    ensure(!raw.windows(8).any(|w| w == b"\x1b[?1049h"), || {
        format!(
            "entered the alternate screen: {:?}",
            String::from_utf8_lossy(&raw)
        )
    })?;
    ensure(desk.screen().contains(missing), || {
        format!("the error should name {missing}:\n{}", desk.screen())
    })?;
    Ok(())
}

/// Issue 4: a note typed at the keyboard is saved with its source and
/// confidence and comes out in the handover report, in both formats.
#[test]
fn a_note_typed_in_the_desk_is_in_the_export() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let config = support::isolated_config(&state);
    std::fs::write(&config, "[analyst]\ninitials = \"QA\"\n")
        .map_err(|e| Failure(e.to_string()))?;
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk", TIMEOUT, |s| has_countdown(s, "I1"))?;
    // I2: observed, then a note on it.
    desk.send("3");
    desk.send("j");
    desk.send(" ");
    desk.wait_until("I2 observed", TIMEOUT, |s| row_has(s, "I2", "OBSERVED"))?;
    desk.send("n");
    desk.wait_for("Note on I2", TIMEOUT)?;
    desk.send("Communique issued at 0900");
    desk.send("\r");
    desk.send("second line of the note");
    desk.send("\t");
    desk.send("Press office");
    desk.send("\t");
    desk.send_bytes(b"\x1b[C\x1b[C\x1b[C"); // right x3: high
    desk.wait_for("[high]", TIMEOUT)?;
    desk.send_bytes(b"\x13"); // Ctrl-s
    desk.wait_until("the note under I2", TIMEOUT, |s| {
        s.contains("Notes on I2 (1)") && s.contains("Communique issued at 0900")
    })?;
    quit(&mut desk)?;

    let out = command(&state)
        .args(["export"])
        .output()
        .map_err(|e| Failure(e.to_string()))?;
    ensure(out.status.success(), || describe(&out))?;
    let md = String::from_utf8_lossy(&out.stdout);
    for want in [
        "### I2: observed",
        "[source: Press office; confidence: high; by QA]: Communique issued at 0900",
        "  second line of the note",
        "I2 watching → observed",
        "I2 note: Communique issued at 0900 second line of the note",
    ] {
        ensure(md.contains(want), || {
            format!("the report lacks {want:?}:\n{md}")
        })?;
    }

    let out_file = state.with_file_name("handover.json");
    let out = command(&state)
        .args(["export", "--format", "json", "-o"])
        .arg(&out_file)
        .output()
        .map_err(|e| Failure(e.to_string()))?;
    ensure(out.status.success(), || describe(&out))?;
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(&out_file).map_err(|e| Failure(e.to_string()))?,
    )
    .map_err(|e| Failure(e.to_string()))?;
    let note = &json["indicators"][1]["notes"][0];
    ensure(
        note["text"] == "Communique issued at 0900\nsecond line of the note"
            && note["source"] == "Press office"
            && note["confidence"] == "high"
            && note["author"] == "QA",
        || format!("the JSON note is wrong: {note:#}"),
    )?;
    // --since after everything keeps the log empty but the notes in.
    let out = command(&state)
        .args(["export", "--since", "2999-01-01T00:00:00Z"])
        .output()
        .map_err(|e| Failure(e.to_string()))?;
    let md = String::from_utf8_lossy(&out.stdout);
    ensure(
        md.contains("No changes.") && md.contains("Communique issued at 0900"),
        || format!("--since in the future:\n{md}"),
    )
}

/// Issue 5: crossing into amber rings the bell and sends OSC 9 and OSC 777
/// once; a restart does not ring again for the same crossing.
#[test]
fn an_alert_is_raised_once_per_crossing_even_across_restarts() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    // Issued 60 hours ago: 12 hours left, amber.
    let issued = (chrono::Utc::now() - chrono::Duration::hours(60))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let count = |raw: &[u8], pat: &[u8]| raw.windows(pat.len()).filter(|w| *w == pat).count();

    let mut desk = Desk::spawn(&state, 120, 36, &["--issued", &issued])?;
    desk.wait_until("the amber alert", TIMEOUT, |s| {
        s.contains("AMBER") && s.contains("I1, I2, I3 AMBER")
    })?;
    // Wait past a few more ticks: it must not ring again.
    std::thread::sleep(Duration::from_millis(2200));
    let raw = desk.raw_output();
    ensure(count(&raw, b"\x1b]9;") == 1, || {
        format!("OSC 9 {} times", count(&raw, b"\x1b]9;"))
    })?;
    ensure(count(&raw, b"\x1b]777;notify;") == 1, || {
        "OSC 777 once".into()
    })?;
    ensure(count(&raw, b"\x07") >= 1, || "the bell".into())?;
    quit(&mut desk)?;

    let alerts = read_state(&state)?;
    let amber = all_events(&alerts)
        .into_iter()
        .filter(|e| e["type"] == "alert" && e["level"] == "amber")
        .count();
    ensure(amber == 3, || format!("3 amber alerts kept, found {amber}"))?;

    let mut again = Desk::spawn(&state, 120, 36, &[])?;
    again.wait_until("the desk again", TIMEOUT, |s| has_countdown(s, "I1"))?;
    std::thread::sleep(Duration::from_millis(1500));
    let raw = again.raw_output();
    ensure(count(&raw, b"\x1b]9;") == 0, || {
        "no second ring after a restart".into()
    })?;
    quit(&mut again)?;

    // The status line for tmux says so too.
    let out = command(&state)
        .arg("status")
        .output()
        .map_err(|e| Failure(e.to_string()))?;
    let line = String::from_utf8_lossy(&out.stdout);
    ensure(
        line.starts_with("WD 0/3 obs | I1 ") && line.contains(" AMBER") && line.len() <= 81,
        || format!("status line: {line:?}"),
    )
}
