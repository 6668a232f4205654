//! End to end: a brief the parser refuses, opened with `--brief`, put
//! right in the outline view of the real binary in a pseudo-terminal; then
//! `status --json` and `check --watch` see the corrected reading. Without a
//! terminal the desk refuses the brief with the parser's message.

mod support;

use std::path::PathBuf;

use serde_json::Value;
use support::{Desk, Failure, TIMEOUT, command, describe, ensure, quit, status_json, temp_state};

fn refused_brief() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outline/refused.txt")
}

fn texts(v: &Value) -> Vec<String> {
    v["indicators"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|i| i["text"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_refused_brief_is_fixed_in_the_outline_view() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let brief = refused_brief();
    let brief_arg = brief.to_string_lossy().to_string();
    let args = ["--brief", brief_arg.as_str()];

    // No terminal: the parser's message, and a failure.
    let out = command(&state)
        .args(args)
        .output()
        .map_err(|e| Failure(format!("cannot run: {e}")))?;
    ensure(!out.status.success(), || {
        format!(
            "a refused brief without a terminal should fail: {}",
            describe(&out)
        )
    })?;
    let err = String::from_utf8_lossy(&out.stderr);
    ensure(err.contains("names no indicators"), || {
        format!("the refusal should say why: {}", describe(&out))
    })?;

    let mut desk = Desk::spawn(&state, 120, 36, &args)?;
    desk.wait_until("the outline view, refused", TIMEOUT, |s| {
        s.contains("Outline") && s.contains("refused")
    })?;
    // Down to "Signals" (line 9): the Outlook; then three indicators.
    desk.send("jjjjj");
    desk.send("o");
    desk.send("iii");
    desk.wait_until("three indicators read", TIMEOUT, |s| {
        s.contains("✓ reads") && s.contains("I3")
    })?;
    desk.send("W");
    desk.wait_for("Window (72h", TIMEOUT)?;
    desk.send("48h");
    desk.send("\r");
    desk.wait_for("48 hours", TIMEOUT)?;
    desk.send("\r");
    let screen = desk.wait_until("the desk with three indicators", TIMEOUT, |s| {
        s.contains("3 Indicators") && s.contains("window 48 hours") && s.contains("I3")
    })?;
    ensure(!screen.contains("assumed"), || {
        format!("the window was set, not assumed:\n{screen}")
    })?;
    quit(&mut desk)?;
    drop(desk);

    let status = status_json(&state, &args).map_err(Failure)?;
    ensure(
        texts(&status)
            == [
                "A formal strike notice filed with the labour board.",
                "The employers' association requesting emergency arbitration.",
                "Shipping lines diverting vessels to other ports.",
            ],
        || format!("status --json should show the corrected indicators:\n{status:#}"),
    )?;
    ensure(status["window_assumed"] == false, || {
        format!("window_assumed:\n{status:#}")
    })?;
    // Without --brief, the watch is opened from the brief library beside
    // the state file (the file need not be there any more): the same
    // corrected reading.
    let kept = state
        .parent()
        .map(|d| d.join("briefs"))
        .and_then(|d| std::fs::read_dir(d).ok())
        .map_or(0, |d| d.count());
    ensure(kept == 1, || {
        format!("the refused brief's text kept: {kept} files")
    })?;
    let from_library = status_json(&state, &[]).map_err(Failure)?;
    ensure(texts(&from_library) == texts(&status), || {
        format!("status --json from the library:\n{from_library:#}")
    })?;

    // `check --watch` reads it with the corrections; plain `check` still
    // refuses the file, which was never edited.
    let out = command(&state)
        .args(["check", "--watch", "--json", brief_arg.as_str()])
        .output()
        .map_err(|e| Failure(format!("cannot run: {e}")))?;
    ensure(out.status.success(), || {
        format!("check --watch: {}", describe(&out))
    })?;
    let check: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| Failure(format!("check --watch --json is not JSON: {e}")))?;
    ensure(texts(&check).len() == 3, || {
        format!("check --watch:\n{check:#}")
    })?;
    let plain = command(&state)
        .args(["check", brief_arg.as_str()])
        .output()
        .map_err(|e| Failure(format!("cannot run: {e}")))?;
    ensure(!plain.status.success(), || {
        format!("plain check reads the file alone: {}", describe(&plain))
    })?;
    Ok(())
}

#[test]
fn adding_a_refused_brief_opens_the_outline_in_a_terminal_and_refuses_without_one()
-> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let brief = refused_brief();
    let brief_arg = brief.to_string_lossy().to_string();

    // No terminal: refused with the parser's message, nothing added.
    let out = command(&state)
        .args(["add", brief_arg.as_str()])
        .output()
        .map_err(|e| Failure(format!("cannot run: {e}")))?;
    ensure(!out.status.success(), || {
        format!(
            "add of a refused brief without a terminal: {}",
            describe(&out)
        )
    })?;
    ensure(
        String::from_utf8_lossy(&out.stderr).contains("names no indicators"),
        || format!("the refusal should say why: {}", describe(&out)),
    )?;

    // In a terminal: the desk opens on the brief's outline, and what is
    // fixed there is a working watch.
    let mut desk = Desk::spawn(&state, 120, 36, &["add", brief_arg.as_str()])?;
    desk.wait_until("the outline view, refused", TIMEOUT, |s| {
        s.contains("Outline") && s.contains("refused")
    })?;
    desk.send("jjjjj");
    desk.send("o");
    desk.send("iii");
    desk.wait_until("three indicators read", TIMEOUT, |s| {
        s.contains("✓ reads") && s.contains("I3")
    })?;
    desk.send("\r");
    desk.wait_until("the desk with three indicators", TIMEOUT, |s| {
        s.contains("3 Indicators") && s.contains("I3")
    })?;
    quit(&mut desk)?;
    drop(desk);
    let status = status_json(&state, &["--brief", brief_arg.as_str()]).map_err(Failure)?;
    ensure(texts(&status).len() == 3, || {
        format!("status --json after add:\n{status:#}")
    })?;
    Ok(())
}
