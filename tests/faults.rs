//! Faults: the real `watchdesk` binary under the failures issue 3 lists.
//! SIGKILL in the middle of a burst of changes, two desks on one state file,
//! unreadable and future state files, signals, a panic, a terminal that goes
//! away, saves that fail, frantic resizing and bad briefs.
//!
//! Every wait has a generous timeout that only guards against a hung test.
//! The two "within about a second / within 2 s" behaviours of the issue are
//! guarded at 5 s and the measured time is printed (`--nocapture` shows it).

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;
use support::{
    Desk, Failure, TIMEOUT, all_events, command, countdown_on_row, describe, ensure, quit,
    read_state, row_has, row_of, status_json, temp_state,
};

// ---- small helpers ---------------------------------------------------------

/// The status bar: the last line of the screen.
fn status_bar(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The desk is drawn (three indicators with countdowns) and says "saved".
fn ready(screen: &str) -> bool {
    ["I1", "I2", "I3"]
        .iter()
        .all(|l| countdown_on_row(screen, l).is_some())
        && status_bar(screen).trim_end().ends_with(" saved")
}

/// `row` shows `word` and the status bar says the change is saved.
fn shows_saved(screen: &str, row: &str, word: &str) -> bool {
    row_has(screen, row, word) && status_bar(screen).trim_end().ends_with(" saved")
}

/// Send `sig` to the desk's process.
fn send_signal(desk: &Desk, sig: libc::c_int) -> Result<(), Failure> {
    let pid = desk
        .pid()
        .ok_or_else(|| Failure("the desk has no pid".into()))?;
    // SAFETY: kill(2) on the pid of a child this test started and has not
    // reaped yet, so the pid cannot have been reused.
    let rc = unsafe { libc::kill(pid as libc::pid_t, sig) };
    ensure(rc == 0, || {
        format!("kill({pid}, {sig}): {}", std::io::Error::last_os_error())
    })
}

fn find_last(raw: &[u8], needle: &[u8]) -> Option<usize> {
    raw.windows(needle.len()).rposition(|w| w == needle)
}

fn find_from(raw: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    raw.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

fn tail(raw: &[u8]) -> String {
    let from = raw.len().saturating_sub(300);
    format!("{:?}", String::from_utf8_lossy(&raw[from..]))
}

const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// The desk has exited and left the terminal as a shell wants it: it left
/// the alternate screen and showed the cursor after it last entered, the
/// emulator agrees, and the line discipline is back in cooked mode.
fn terminal_restored(desk: &Desk) -> Result<(), Failure> {
    let raw = desk.raw_output();
    let entered = find_last(&raw, ENTER_ALT);
    ensure(entered.is_some(), || {
        format!(
            "never entered the alternate screen; output ends {}",
            tail(&raw)
        )
    })?;
    let entered = entered.unwrap_or(0);
    ensure(find_from(&raw, entered, LEAVE_ALT).is_some(), || {
        format!(
            "did not leave the alternate screen; output ends {}",
            tail(&raw)
        )
    })?;
    ensure(find_from(&raw, entered, SHOW_CURSOR).is_some(), || {
        format!("did not show the cursor; output ends {}", tail(&raw))
    })?;
    ensure(!desk.alternate_screen(), || {
        format!("left in the alternate screen; output ends {}", tail(&raw))
    })?;
    ensure(!desk.cursor_hidden(), || {
        format!("the cursor is left hidden; output ends {}", tail(&raw))
    })?;
    if let Some(cooked) = desk.cooked_mode() {
        ensure(cooked, || "the terminal is left in raw mode".into())?;
    }
    Ok(())
}

fn event_ids(state: &Value) -> BTreeSet<String> {
    all_events(state)
        .iter()
        .filter_map(|e| e["id"].as_str().map(str::to_string))
        .collect()
}

/// Status events on `item` that go to `to`.
fn count_status(state: &Value, item: &str, to: Option<&str>) -> usize {
    all_events(state)
        .iter()
        .filter(|e| e["type"] == "status" && e["item"] == item)
        .filter(|e| to.is_none_or(|t| e["to"] == t))
        .count()
}

/// The state file holds exactly one change of `item` to observed; `what`
/// says which case failed when it does not.
fn observed_once_on_disk(state: &Path, item: &str, what: &str) -> Result<(), Failure> {
    let file = read_state(state)?;
    ensure(count_status(&file, item, Some("observed")) == 1, || {
        format!("{what}: the change is not on disk:\n{file:#}")
    })
}

fn next_status(s: &str) -> &'static str {
    match s {
        "watching" => "observed",
        "observed" => "not_observed",
        _ => "watching",
    }
}

/// How an indicator's row shows a status.
fn shown_as(status: &str) -> &'static str {
    match status {
        "observed" => "● OBSERVED",
        "not_observed" => "NOT OBSERVED",
        _ => "watching",
    }
}

/// The status events, in the (time, id) order the review folds them in, must
/// form one chain per item: the first starts from "watching", each `from` is
/// the previous `to`, and each step is one turn of the Space cycle. Returns
/// each item's last status.
fn status_chains(state: &Value) -> Result<BTreeMap<String, String>, Failure> {
    let mut events: Vec<(chrono::DateTime<chrono::FixedOffset>, &str, &Value)> = Vec::new();
    for e in all_events(state) {
        if e["type"] != "status" {
            continue;
        }
        let at = e["at"]
            .as_str()
            .and_then(|a| chrono::DateTime::parse_from_rfc3339(a).ok())
            .ok_or_else(|| Failure(format!("an event without a time: {e}")))?;
        events.push((at, e["id"].as_str().unwrap_or(""), e));
    }
    events.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut last: BTreeMap<String, String> = BTreeMap::new();
    for (_, _, e) in events {
        let item = e["item"].as_str().unwrap_or("?").to_string();
        let (from, to) = (
            e["from"].as_str().unwrap_or("?"),
            e["to"].as_str().unwrap_or("?"),
        );
        let before = last.get(&item).map_or("watching", String::as_str);
        ensure(from == before && to == next_status(from), || {
            format!("broken chain for {item}: {e} follows status {before:?}\nthe file:\n{state:#}")
        })?;
        last.insert(item, to.to_string());
    }
    Ok(last)
}

/// Names in `dir` that contain `part`.
fn names_with(dir: &Path, part: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.contains(part))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

// ---- 1. SIGKILL in the middle of a burst -----------------------------------

/// After a SIGKILL: the file parses, every event known before is still
/// there, the status events chain, `status --json` agrees with the chains.
/// Returns the event ids now in the file.
fn check_after_kill(
    state: &Path,
    known: &BTreeSet<String>,
    round: &str,
) -> Result<BTreeSet<String>, Failure> {
    let file = read_state(state).map_err(|e| Failure(format!("{round}: {e}")))?;
    ensure(file["version"] == 2, || {
        format!("{round}: the version is gone:\n{file:#}")
    })?;
    let ids = event_ids(&file);
    let lost: Vec<&String> = known.difference(&ids).collect();
    ensure(lost.is_empty(), || {
        format!("{round}: saved events were lost: {lost:?}\nthe file:\n{file:#}")
    })?;
    let last = status_chains(&file).map_err(|f| Failure(format!("{round}: {}", f.0)))?;
    let status = status_json(state, &[]).map_err(|e| Failure(format!("{round}: {e}")))?;
    for (i, label) in ["I1", "I2", "I3"].iter().enumerate() {
        let want = last.get(*label).map_or("watching", String::as_str);
        let got = &status["indicators"][i]["status"];
        ensure(got == want, || {
            format!(
                "{round}: status --json says {label} is {got}, the file's last event says {want}:\n{status:#}"
            )
        })?;
    }
    Ok(ids)
}

#[test]
fn sigkill_during_a_burst_never_breaks_the_file() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    // 40 toggles over I1..I3: Space, then move down, down, up, up.
    let burst: String = (0..40)
        .flat_map(|i| [' ', ['j', 'j', 'k', 'k'][i % 4]])
        .collect();
    // When to kill: during startup (after `n` ms), or `n` ms into the burst.
    let rounds: [(&str, u64); 7] = [
        ("startup", 15),
        ("burst", 0),
        ("burst", 3),
        ("burst", 10),
        ("startup", 60),
        ("burst", 25),
        ("burst", 60),
    ];
    let mut known = BTreeSet::new();
    let mut saved_counts = Vec::new();
    for (n, (when, ms)) in rounds.iter().enumerate() {
        let round = format!("round {n} (kill {ms} ms into the {when})");
        let mut desk = Desk::spawn(&state, 120, 36, &[])?;
        if *when == "burst" {
            desk.wait_until("the desk, saved", TIMEOUT, ready)?;
            desk.send("3");
            desk.send(&burst);
        }
        std::thread::sleep(Duration::from_millis(*ms));
        send_signal(&desk, libc::SIGKILL)?;
        let status = desk.wait_exit(TIMEOUT)?;
        ensure(status.signal().is_some(), || {
            format!("{round}: the desk should have died of SIGKILL, got {status}")
        })?;
        if !state.exists() {
            // Killed before its first save: nothing was saved, nothing lost.
            ensure(known.is_empty(), || {
                format!("{round}: the state file is gone")
            })?;
            continue;
        }
        known = check_after_kill(&state, &known, &round)?;
        saved_counts.push(count_status(&read_state(&state)?, "I1", None));
    }
    eprintln!("sigkill: I1 status events on disk after each round: {saved_counts:?}");

    // A stale lock or a half-written temp file must not stop the next desk.
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk after the kills", TIMEOUT, ready)?;
    let before = read_state(&state)?;
    let last = status_chains(&before)?;
    let shown = shown_as(next_status(
        last.get("I3").map_or("watching", String::as_str),
    ));
    desk.send("3jj ");
    desk.wait_until(&format!("I3 {shown}, saved"), TIMEOUT, |s| {
        shows_saved(s, "I3", shown)
    })?;
    quit(&mut desk)?;
    drop(desk);
    let after = check_after_kill(&state, &known, "after a clean run")?;
    ensure(after.len() == known.len() + 1, || {
        format!(
            "the clean run should add exactly one event: {} before, {} after",
            known.len(),
            after.len()
        )
    })?;
    // A temp file a killed desk left behind is litter, and a desk that opens
    // and saves the file should clear it: nothing but the state file and its
    // lock may stay beside it.
    let litter = names_with(dir.path(), ".tmp-");
    ensure(litter.is_empty(), || {
        format!(
            "temporary files left beside the state file after the kills and a clean run: {litter:?}"
        )
    })?;
    Ok(())
}

/// A temp file left by a desk that was killed mid-save (its pid is gone) is
/// removed by the next desk that saves, so kills do not litter the data
/// directory for ever. Deterministic: the litter is made by hand.
#[test]
fn a_dead_desks_temp_file_is_cleared_by_the_next_save() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    quit(&mut desk)?;
    drop(desk);
    // pid_max is at most 2^22 on Linux: this pid cannot be running.
    let stale = dir.path().join("state.json.tmp-99999999-1700000000000000");
    fs::write(&stale, b"{\"version\":1,\"briefs\":{")
        .map_err(|e| format!("write {}: {e}", stale.display()))?;

    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    desk.send("3 ");
    desk.wait_until("I1 OBSERVED, saved", TIMEOUT, |s| {
        shows_saved(s, "I1", "OBSERVED")
    })?;
    quit(&mut desk)?;
    ensure(
        count_status(&read_state(&state)?, "I1", Some("observed")) == 1,
        || "the change is not on disk".into(),
    )?;
    let litter = names_with(dir.path(), ".tmp-");
    ensure(litter.is_empty(), || {
        format!("a dead desk's temp file is still beside the state file after a save: {litter:?}")
    })
}

// ---- 2. Two desks on one file ---------------------------------------------

#[test]
fn two_desks_on_one_file_see_each_other_and_lose_nothing() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let themes = support::themes_in_default_brief()?;
    let mut a = Desk::spawn(&state, 120, 36, &[])?;
    a.wait_until("desk A, saved", TIMEOUT, ready)?;
    let mut b = Desk::spawn(&state, 120, 36, &[])?;
    b.wait_until("desk B, saved", TIMEOUT, ready)?;

    // A changes I1; B shows it without a key pressed.
    a.send("3 ");
    a.wait_until("I1 OBSERVED in A", TIMEOUT, |s| {
        shows_saved(s, "I1", "OBSERVED")
    })?;
    let t = Instant::now();
    let screen = b.wait_until(
        "I1 OBSERVED in B, with no key pressed in B",
        Duration::from_secs(5),
        |s| row_has(s, "I1", "OBSERVED"),
    )?;
    let b_took = t.elapsed();
    // The two windows share the data folder, so they are one desk: the
    // change was made outside B's window.
    ensure(
        screen.contains("picked up 1 change made outside this window"),
        || format!("B should say it picked up a change made outside it:\n{screen}"),
    )?;

    // B marks T1 reviewed; A picks it up.
    b.send("1 ");
    let reviewed = format!("1/{themes} reviewed");
    b.wait_until("T1 reviewed in B", TIMEOUT, |s| s.contains(&reviewed))?;
    let t = Instant::now();
    a.wait_until(
        "T1 reviewed in A, with no key pressed in A",
        Duration::from_secs(5),
        |s| s.contains(&reviewed),
    )?;
    let a_took = t.elapsed();
    eprintln!("two desks: B saw A's change after {b_took:?}, A saw B's after {a_took:?}");

    // Both desks change things at once: A cycles I2, B cycles I3. Every
    // press must end up in the file, whatever order the saves take.
    let (a_presses, b_presses) = (7, 5);
    b.send("3jj");
    a.send("j");
    for i in 0..a_presses.max(b_presses) {
        if i < a_presses {
            a.send(" ");
        }
        if i < b_presses {
            b.send(" ");
        }
    }
    // 7 presses from watching end at "observed", 5 at "not observed".
    a.wait_until("A: I2 OBSERVED and I3 NOT OBSERVED, saved", TIMEOUT, |s| {
        row_has(s, "I3", "NOT OBSERVED") && shows_saved(s, "I2", "OBSERVED")
    })?;
    b.wait_until("B: I2 OBSERVED and I3 NOT OBSERVED, saved", TIMEOUT, |s| {
        row_has(s, "I2", "OBSERVED") && shows_saved(s, "I3", "NOT OBSERVED")
    })?;
    quit(&mut a)?;
    quit(&mut b)?;

    let file = read_state(&state)?;
    status_chains(&file)?;
    let counts = (
        count_status(&file, "I1", None),
        count_status(&file, "I2", None),
        count_status(&file, "I3", None),
    );
    ensure(counts == (1, a_presses, b_presses), || {
        format!(
            "expected 1, {a_presses} and {b_presses} status events for I1, I2, I3, got {counts:?}:\n{file:#}"
        )
    })?;
    let windows = all_events(&file)
        .iter()
        .filter(|e| e["type"] == "window_set")
        .count();
    ensure(windows == 1, || {
        format!("two desks should share one window start, found {windows}:\n{file:#}")
    })?;
    let status = status_json(&state, &[])?;
    let want = ["observed", "observed", "not_observed"];
    for (i, w) in want.iter().enumerate() {
        ensure(status["indicators"][i]["status"] == *w, || {
            format!("I{} should be {w}:\n{status:#}", i + 1)
        })?;
    }
    ensure(status["themes"][0]["reviewed"] == true, || {
        format!("T1 should be reviewed:\n{status:#}")
    })?;
    Ok(())
}

// ---- 3. Unreadable and future state files ---------------------------------

#[test]
fn an_unreadable_state_file_is_moved_aside_and_named() -> Result<(), Failure> {
    let cases: [(&str, &[u8]); 4] = [
        ("broken JSON", b"{ not json"),
        ("the wrong shape", br#"{"version": 1, "briefs": [1, 2, 3]}"#),
        ("not UTF-8", b"\xff\xfe\x00\x01 binary \x80\x81"),
        ("an empty file", b""),
    ];
    for (what, bytes) in cases {
        let (dir, state) = temp_state();
        fs::write(&state, bytes).map_err(|e| format!("write the state: {e}"))?;
        // Wide enough that the whole notice, path and all, fits on the line.
        let mut desk = Desk::spawn(&state, 250, 40, &[])?;
        desk.wait_until(&format!("{what}: the desk"), TIMEOUT, |s| {
            row_of(s, "I1").is_some()
        })?;
        // The file was moved before the desk drew.
        let broken = names_with(dir.path(), ".broken-");
        ensure(broken.len() == 1, || {
            format!("{what}: expected one moved-aside file, found {broken:?}")
        })?;
        let aside: PathBuf = dir.path().join(&broken[0]);
        let named = aside.display().to_string();
        desk.wait_until(&format!("{what}: a notice naming {named}"), TIMEOUT, |s| {
            s.contains("moved aside") && s.contains(&named)
        })?;
        ensure(fs::read(&aside).ok().as_deref() == Some(bytes), || {
            format!("{what}: the moved-aside file's bytes changed")
        })?;

        // The desk works and writes a new, good file.
        desk.send("3 ");
        desk.wait_until(&format!("{what}: I1 OBSERVED, saved"), TIMEOUT, |s| {
            shows_saved(s, "I1", "OBSERVED")
        })?;
        quit(&mut desk)?;
        let file = read_state(&state)?;
        ensure(
            file["version"] == 2 && count_status(&file, "I1", Some("observed")) == 1,
            || format!("{what}: the new state file should hold the change:\n{file:#}"),
        )?;
        ensure(fs::read(&aside).ok().as_deref() == Some(bytes), || {
            format!("{what}: the moved-aside file changed after the desk saved")
        })?;
    }
    Ok(())
}

/// At an ordinary 120-column terminal the moved-aside notice must still
/// name the file it moved (that name is the one thing the analyst needs).
#[test]
fn the_moved_aside_notice_names_the_file_at_120_columns() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    fs::write(&state, b"{ not json").map_err(|e| format!("write the state: {e}"))?;
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk with its notice", TIMEOUT, |s| {
        s.contains("moved aside") && row_of(s, "I1").is_some()
    })?;
    let broken = names_with(dir.path(), ".broken-");
    ensure(broken.len() == 1, || {
        format!("expected one moved-aside file: {broken:?}")
    })?;
    // The notice is on screen now; the guard only covers a frame still
    // being written.
    desk.wait_until(
        &format!(
            "the notice to show the moved-aside file's name {}",
            broken[0]
        ),
        Duration::from_secs(5),
        |s| s.contains(&broken[0]),
    )?;
    quit(&mut desk)
}

#[test]
fn a_state_file_from_a_newer_version_opens_read_only_and_stays_untouched() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    let future = b"{\n  \"version\": 99,\n  \"briefs\": {},\n  \"comes_from\": \"the future\"\n}\n";
    fs::write(&state, future).map_err(|e| format!("write the state: {e}"))?;
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("READ-ONLY and the indicators", TIMEOUT, |s| {
        status_bar(s).contains("READ-ONLY") && row_has(s, "I1", "watching")
    })?;
    desk.send("3 ");
    let screen = desk.wait_until("a refusal", TIMEOUT, |s| s.contains("read-only:"))?;
    ensure(row_has(&screen, "I1", "watching"), || {
        format!("a read-only desk changed I1:\n{screen}")
    })?;
    desk.send("1 ");
    std::thread::sleep(Duration::from_millis(300));
    quit(&mut desk)?;
    ensure(
        fs::read(&state).ok().as_deref() == Some(&future[..]),
        || {
            format!(
                "the newer file was changed: {:?}",
                fs::read_to_string(&state).unwrap_or_default()
            )
        },
    )?;
    let other = names_with(dir.path(), "state.json.");
    ensure(other.iter().all(|n| n == "state.json.lock"), || {
        format!("files made beside a read-only state: {other:?}")
    })
}

// ---- 4. Signals --------------------------------------------------------------

fn a_signal_saves_and_restores(sig: libc::c_int, name: &str) -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    desk.send("3j ");
    desk.wait_until("I2 OBSERVED, saved", TIMEOUT, |s| {
        shows_saved(s, "I2", "OBSERVED")
    })?;
    send_signal(&desk, sig)?;
    let status = desk.wait_exit(TIMEOUT)?;
    ensure(status.exit_code() == 0 && status.signal().is_none(), || {
        format!(
            "{name} should end the desk with 0, got {status}:\n{}",
            desk.screen()
        )
    })?;
    terminal_restored(&desk).map_err(|f| Failure(format!("after {name}: {}", f.0)))?;
    let raw = desk.raw_output();
    ensure(!String::from_utf8_lossy(&raw).contains("panicked"), || {
        format!("{name}: a panic: {}", tail(&raw))
    })?;
    observed_once_on_disk(&state, "I2", name)
}

#[test]
fn sigterm_saves_and_restores_the_terminal() -> Result<(), Failure> {
    a_signal_saves_and_restores(libc::SIGTERM, "SIGTERM")
}

#[test]
fn sighup_saves_and_restores_the_terminal() -> Result<(), Failure> {
    a_signal_saves_and_restores(libc::SIGHUP, "SIGHUP")
}

#[test]
fn sigint_saves_and_restores_the_terminal() -> Result<(), Failure> {
    a_signal_saves_and_restores(libc::SIGINT, "SIGINT")
}

// ---- 5. Panic ---------------------------------------------------------------

#[test]
fn a_panic_restores_the_terminal_then_reports() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn_with_env(
        &state,
        120,
        36,
        &[],
        // A short message: a backtrace would scroll it off the screen.
        &[("WATCHDESK_TEST_PANIC", "1"), ("RUST_BACKTRACE", "0")],
    )?;
    let status = desk.wait_exit(TIMEOUT)?;
    let raw = desk.raw_output();
    let text = String::from_utf8_lossy(&raw).into_owned();
    ensure(
        status.exit_code() == 101 && status.signal().is_none(),
        || {
            format!(
                "a panic should exit with 101, got {status}; output ends {}",
                tail(&raw)
            )
        },
    )?;
    terminal_restored(&desk)?;

    // The message comes after the restore, so it lands on the main screen.
    let entered = find_last(&raw, ENTER_ALT).unwrap_or(0);
    let left = find_from(&raw, entered, LEAVE_ALT).unwrap_or(usize::MAX);
    let shown = find_from(&raw, entered, SHOW_CURSOR).unwrap_or(usize::MAX);
    let message = find_from(&raw, entered, b"panicked");
    ensure(message.is_some(), || {
        format!(
            "no panic message on the terminal; output ends {}",
            tail(&raw)
        )
    })?;
    let message = message.unwrap_or(0);
    ensure(message > left && message > shown, || {
        format!(
            "the panic message was written before the terminal was restored; output ends {}",
            tail(&raw)
        )
    })?;
    ensure(text.contains("WATCHDESK_TEST_PANIC"), || {
        format!(
            "the panic message is not the hook's; output ends {}",
            tail(&raw)
        )
    })?;

    // And it stays readable: on the final screen, above the cursor, where
    // the shell's next prompt will not overwrite it.
    let screen = desk.screen();
    let row = screen.lines().position(|l| l.contains("panicked"));
    let cursor_row = usize::from(desk.cursor_position().0);
    ensure(row.is_some_and(|r| cursor_row > r), || {
        format!(
            "the panic message is not above the cursor (cursor on row {cursor_row}), so the shell's prompt overwrites it; the screen:\n{screen}\noutput ends {}",
            tail(&raw)
        )
    })?;

    // What was saved at startup (the window start) is kept.
    let file = read_state(&state)?;
    let windows = all_events(&file)
        .iter()
        .filter(|e| e["type"] == "window_set")
        .count();
    ensure(windows == 1, || {
        format!("the window start saved at startup is missing:\n{file:#}")
    })?;
    status_json(&state, &[])?;
    Ok(())
}

// ---- 6. The terminal goes away ---------------------------------------------

mod bare {
    //! A pseudo-terminal made by hand, so that the test holds the one and
    //! only descriptor of its master side and can close it: the harness's
    //! reader thread keeps a copy open, so it cannot hang the terminal up.

    use std::ffi::CStr;
    use std::fs::{File, OpenOptions};
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::process::CommandExt;
    use std::path::Path;
    use std::process::Command;
    use std::time::{Duration, Instant};

    use super::support::Replies;

    pub struct BareDesk {
        master: Option<File>,
        pid: libc::pid_t,
        parser: vt100::Parser<Replies>,
        reaped: bool,
    }

    fn os_err(what: &str) -> String {
        format!("{what}: {}", std::io::Error::last_os_error())
    }

    impl BareDesk {
        /// Start the desk on a new PTY, as the leader of a new session. With
        /// `controlling`, the PTY becomes its controlling terminal (so the
        /// kernel sends SIGHUP when the master closes, as with tmux or sshd);
        /// without, closing the master hangs the line up with no signal.
        pub fn spawn(
            state: &Path,
            cols: u16,
            rows: u16,
            controlling: bool,
        ) -> Result<BareDesk, String> {
            let master = OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(libc::O_NOCTTY)
                .open("/dev/ptmx")
                .map_err(|e| format!("open /dev/ptmx: {e}"))?;
            let fd = master.as_raw_fd();
            let mut name = [0 as libc::c_char; 128];
            // SAFETY: fd is an open ptmx descriptor; name is a buffer of the
            // length given; ws is a valid winsize.
            unsafe {
                if libc::grantpt(fd) != 0 || libc::unlockpt(fd) != 0 {
                    return Err(os_err("grantpt/unlockpt"));
                }
                if libc::ptsname_r(fd, name.as_mut_ptr(), name.len()) != 0 {
                    return Err(os_err("ptsname_r"));
                }
                let ws = libc::winsize {
                    ws_row: rows,
                    ws_col: cols,
                    ws_xpixel: 0,
                    ws_ypixel: 0,
                };
                if libc::ioctl(fd, libc::TIOCSWINSZ, &ws) != 0 {
                    return Err(os_err("TIOCSWINSZ"));
                }
            }
            // SAFETY: ptsname_r wrote a NUL-terminated string.
            let slave_path = unsafe { CStr::from_ptr(name.as_ptr()) }
                .to_string_lossy()
                .into_owned();
            let slave = OpenOptions::new()
                .read(true)
                .write(true)
                .custom_flags(libc::O_NOCTTY)
                .open(&slave_path)
                .map_err(|e| format!("open {slave_path}: {e}"))?;
            let dup = |f: &File| f.try_clone().map_err(|e| format!("dup the slave: {e}"));
            let mut cmd = Command::new(super::support::bin());
            cmd.env("WATCHDESK_STATE", state)
                .env("TERM", "xterm-256color")
                .env_remove("NO_COLOR")
                .env_remove("COLUMNS")
                .env_remove("LINES")
                .stdin(dup(&slave)?)
                .stdout(dup(&slave)?)
                .stderr(slave);
            if let Some(dir) = state.parent() {
                cmd.current_dir(dir);
            }
            // SAFETY: setsid and ioctl are async-signal-safe.
            unsafe {
                cmd.pre_exec(move || {
                    if libc::setsid() < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    if controlling && libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            let child = cmd.spawn().map_err(|e| format!("spawn: {e}"))?;
            // The command holds the slave's descriptors: close them here, so
            // only the child has the slave open.
            drop(cmd);
            Ok(BareDesk {
                master: Some(master),
                pid: child.id() as libc::pid_t,
                parser: vt100::Parser::new_with_callbacks(rows, cols, 0, Replies::default()),
                reaped: false,
            })
        }

        pub fn pid(&self) -> libc::pid_t {
            self.pid
        }

        /// Read what the desk wrote within `wait`. False at end of stream.
        fn pump(&mut self, wait: Duration) -> bool {
            let Some(master) = self.master.as_mut() else {
                return false;
            };
            let mut pfd = libc::pollfd {
                fd: master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let n = unsafe { libc::poll(&mut pfd, 1, wait.as_millis() as libc::c_int) };
            if n <= 0 {
                return true;
            }
            let mut buf = [0u8; 16384];
            match master.read(&mut buf) {
                Ok(0) => false,
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    let reply = std::mem::take(&mut self.parser.callbacks_mut().pending);
                    if !reply.is_empty() {
                        let _ = master.write_all(&reply);
                    }
                    true
                }
                Err(e) => e.kind() == std::io::ErrorKind::Interrupted,
            }
        }

        pub fn wait_until(
            &mut self,
            what: &str,
            timeout: Duration,
            pred: impl Fn(&str) -> bool,
        ) -> Result<String, String> {
            let deadline = Instant::now() + timeout;
            loop {
                let screen = self.parser.screen().contents();
                if pred(&screen) {
                    return Ok(screen);
                }
                if Instant::now() >= deadline {
                    return Err(format!(
                        "waiting for {what}: timed out; the screen:\n{screen}"
                    ));
                }
                if !self.pump(Duration::from_millis(50)) {
                    return Err(format!(
                        "waiting for {what}: end of stream; the screen:\n{screen}"
                    ));
                }
            }
        }

        pub fn send(&mut self, keys: &str) -> Result<(), String> {
            let master = self.master.as_mut().ok_or("the terminal is closed")?;
            master
                .write_all(keys.as_bytes())
                .map_err(|e| format!("write to the pty: {e}"))
        }

        /// Close the master side: the terminal is gone.
        pub fn hang_up(&mut self) {
            self.master = None;
        }

        /// Wait for the desk to end; its wait status and the CPU time it
        /// used in all. Kills it and fails after `timeout`.
        pub fn wait_exit(&mut self, timeout: Duration) -> Result<(libc::c_int, Duration), String> {
            let deadline = Instant::now() + timeout;
            loop {
                let mut status = 0;
                // SAFETY: rusage is plain data; wait4 on our own child.
                let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
                let got = unsafe { libc::wait4(self.pid, &mut status, libc::WNOHANG, &mut ru) };
                if got == self.pid {
                    self.reaped = true;
                    let tv = |t: libc::timeval| {
                        Duration::from_secs(t.tv_sec as u64)
                            + Duration::from_micros(t.tv_usec as u64)
                    };
                    return Ok((status, tv(ru.ru_utime) + tv(ru.ru_stime)));
                }
                if got < 0 {
                    return Err(os_err("wait4"));
                }
                if Instant::now() >= deadline {
                    let cpu = cpu_time(self.pid);
                    self.kill();
                    return Err(format!(
                        "the desk did not exit within {timeout:?} (CPU time used so far: {cpu:?})"
                    ));
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }

        fn kill(&mut self) {
            if self.reaped {
                return;
            }
            // SAFETY: our own unreaped child.
            unsafe {
                libc::kill(self.pid, libc::SIGKILL);
                let mut status = 0;
                libc::waitpid(self.pid, &mut status, 0);
            }
            self.reaped = true;
        }
    }

    impl Drop for BareDesk {
        fn drop(&mut self) {
            self.kill();
        }
    }

    /// User plus system CPU time of a running process, from /proc.
    pub fn cpu_time(pid: libc::pid_t) -> Option<Duration> {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let after = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = after.split_whitespace().collect();
        // Fields 14 and 15 (utime, stime) of stat(5); `after` starts at 3.
        let ticks: u64 =
            fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
        // SAFETY: sysconf only reads a configuration value.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        Some(Duration::from_millis(ticks * 1000 / hz))
    }
}

fn the_terminal_goes_away(controlling: bool) -> Result<(), Failure> {
    let how = if controlling {
        "controlling terminal closed (SIGHUP)"
    } else {
        "terminal hung up with no SIGHUP"
    };
    let (_dir, state) = temp_state();
    let mut desk = bare::BareDesk::spawn(&state, 120, 36, controlling)?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    desk.send("3 ")?;
    desk.wait_until("I1 OBSERVED, saved", TIMEOUT, |s| {
        shows_saved(s, "I1", "OBSERVED")
    })?;
    // Hang up just after a whole second of the wall clock: right after the
    // desk's once-a-second tick, the worst moment for a desk that only
    // notices a dead terminal when it next looks.
    let into_second = chrono::Utc::now().timestamp_subsec_millis();
    std::thread::sleep(Duration::from_millis(u64::from(
        1060 - into_second.min(999),
    )));
    let before = bare::cpu_time(desk.pid())
        .ok_or_else(|| Failure("cannot read the desk's CPU time".into()))?;
    let t = Instant::now();
    desk.hang_up();
    let (status, cpu) = desk
        .wait_exit(Duration::from_secs(5))
        .map_err(|e| Failure(format!("{how}: {e}")))?;
    let took = t.elapsed();
    let spent = cpu.saturating_sub(before);
    eprintln!("{how}: exited after {took:?}, using {spent:?} of CPU after the hang-up");
    ensure(libc::WIFEXITED(status), || {
        format!(
            "{how}: the desk should exit by itself, not die of signal {}",
            libc::WTERMSIG(status)
        )
    })?;
    // A spinning thread burns a core until the exit; a desk that saves and
    // leaves (or sleeps until it notices) uses a small fraction of that.
    ensure(spent <= Duration::from_millis(100) + took / 5, || {
        format!("{how}: the desk spun: {spent:?} of CPU in the {took:?} before it exited")
    })?;
    observed_once_on_disk(&state, "I1", how)
}

#[test]
fn a_closed_terminal_ends_the_desk_without_spinning() -> Result<(), Failure> {
    the_terminal_goes_away(true)
}

#[test]
fn a_hung_up_terminal_without_sighup_ends_the_desk_without_spinning() -> Result<(), Failure> {
    the_terminal_goes_away(false)
}

// ---- 7. Saves that fail ----------------------------------------------------

/// Saves are made to fail by putting a regular file where the state's
/// directory was: a read-only directory (chmod 555) does not stop root, who
/// runs these tests in CI, but ENOTDIR/EEXIST stop everyone. The directory is
/// moved away (not deleted), so the saved file survives the fault.
struct BrokenDir {
    dir: PathBuf,
    away: PathBuf,
}

impl BrokenDir {
    fn break_it(dir: &Path) -> Result<BrokenDir, Failure> {
        let away = dir.with_extension("away");
        fs::rename(dir, &away).map_err(|e| format!("move {} away: {e}", dir.display()))?;
        fs::write(dir, b"not a directory").map_err(|e| format!("write {}: {e}", dir.display()))?;
        Ok(BrokenDir {
            dir: dir.to_path_buf(),
            away,
        })
    }

    fn fix(self) -> Result<(), Failure> {
        fs::remove_file(&self.dir).map_err(|e| format!("remove {}: {e}", self.dir.display()))?;
        fs::rename(&self.away, &self.dir)
            .map_err(|e| format!("move {} back: {e}", self.dir.display()))?;
        Ok(())
    }
}

/// A desk on `<tmp>/data/state.json`, drawn and saved.
fn desk_in_a_data_dir() -> Result<(tempfile::TempDir, PathBuf, PathBuf, Desk), Failure> {
    let (top, _) = temp_state();
    let dir = top.path().join("data");
    fs::create_dir(&dir).map_err(|e| format!("mkdir: {e}"))?;
    let state = dir.join("state.json");
    let desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    Ok((top, dir, state, desk))
}

#[test]
fn a_failed_save_keeps_the_change_and_retries() -> Result<(), Failure> {
    let (_top, dir, state, mut desk) = desk_in_a_data_dir()?;
    let fault = BrokenDir::break_it(&dir)?;
    desk.send("3 ");
    desk.wait_until("I1 OBSERVED, UNSAVED, save failed", TIMEOUT, |s| {
        row_has(s, "I1", "OBSERVED")
            && status_bar(s).contains("UNSAVED")
            && s.contains("save failed")
    })?;
    // Keys go on working; the change stays on screen and unsaved.
    desk.send("jk");
    std::thread::sleep(Duration::from_millis(200));
    desk.wait_until("I1 still OBSERVED and UNSAVED", TIMEOUT, |s| {
        row_has(s, "I1", "OBSERVED") && status_bar(s).contains("UNSAVED")
    })?;

    // The fault goes away: the desk saves by itself.
    fault.fix()?;
    let t = Instant::now();
    desk.wait_until(
        "the retry to save, with no key pressed",
        Duration::from_secs(10),
        |s| shows_saved(s, "I1", "OBSERVED"),
    )?;
    eprintln!(
        "failed save: the retry saved {:?} after the fault was removed",
        t.elapsed()
    );
    observed_once_on_disk(&state, "I1", "the retried save")?;
    // Nothing is left over from the failed attempts.
    let litter = names_with(&dir, ".tmp-");
    ensure(litter.is_empty(), || {
        format!("temp files left by failed saves: {litter:?}")
    })?;
    quit(&mut desk)
}

#[test]
fn quitting_while_saves_fail_warns_first() -> Result<(), Failure> {
    let (_top, dir, state, mut desk) = desk_in_a_data_dir()?;
    let saved = fs::read(&state).map_err(|e| format!("read the state: {e}"))?;
    let fault = BrokenDir::break_it(&dir)?;
    desk.send("3j ");
    desk.wait_until("I2 OBSERVED, UNSAVED", TIMEOUT, |s| {
        row_has(s, "I2", "OBSERVED") && status_bar(s).contains("UNSAVED")
    })?;

    // One q: a warning that a second q loses the change; no quit.
    desk.send("q");
    let warned = desk.wait_until("a warning that q again loses the change", TIMEOUT, |s| {
        s.contains("press q again") && row_has(s, "I2", "OBSERVED")
    });
    // Give a wrong quit time to happen, then make sure it did not.
    std::thread::sleep(Duration::from_millis(300));
    ensure(desk.is_running(), || {
        format!("one q quit a desk with unsaved changes:\n{}", desk.screen())
    })?;
    if let Err(e) = warned {
        let _ = fault.fix();
        return Err(Failure(e));
    }

    // Two: it quits, and says on the restored terminal what was lost.
    desk.send("q");
    let status = desk.wait_exit(TIMEOUT)?;
    fault.fix()?;
    ensure(status.signal().is_none(), || {
        format!("the desk died: {status}")
    })?;
    terminal_restored(&desk)?;
    let raw = desk.raw_output();
    let left = find_last(&raw, LEAVE_ALT).unwrap_or(usize::MAX);
    let said = find_last(&raw, b"could not be saved");
    ensure(said.is_some_and(|at| at > left), || {
        format!(
            "no word on the restored terminal about the lost change; output ends {}",
            tail(&raw)
        )
    })?;
    ensure(fs::read(&state).ok() == Some(saved), || {
        "the state file changed while saves were failing".into()
    })
}

// ---- 8. Resizing -------------------------------------------------------------

#[test]
fn resizing_at_any_moment_is_safe() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    let sizes: [(u16, u16); 16] = [
        (1, 1),
        (10, 5),
        (300, 100),
        (80, 24),
        (2, 60),
        (250, 2),
        (50, 12),
        (1, 1),
        (79, 23),
        (81, 25),
        (300, 100),
        (33, 9),
        (160, 48),
        (10, 5),
        (120, 1),
        (1, 36),
    ];
    let keys = ["j", "k", "3", "1", "??", "2", "jj", "kk"];
    for round in 0..3 {
        for (i, (cols, rows)) in sizes.iter().enumerate() {
            desk.resize(*cols, *rows)?;
            desk.send(keys[(i + round) % keys.len()]);
            if i % 5 == round {
                std::thread::sleep(Duration::from_millis(5));
            }
        }
    }
    // Tiny: the desk lives, and says it is too small once it can.
    desk.resize(1, 1)?;
    std::thread::sleep(Duration::from_millis(200));
    ensure(desk.is_running(), || {
        format!(
            "the desk died at 1x1; output ends {}",
            tail(&desk.raw_output())
        )
    })?;
    desk.resize(60, 10)?;
    desk.wait_until("too small at 60x10", TIMEOUT, |s| {
        s.contains("too small") && !s.contains("3 Indicators")
    })?;
    desk.resize(300, 100)?;
    desk.wait_until("the whole desk at 300x100", TIMEOUT, |s| {
        !s.contains("too small") && ready(s)
    })?;
    desk.resize(120, 36)?;
    desk.wait_until("the desk back at 120x36", TIMEOUT, |s| {
        !s.contains("too small") && ready(s) && s.contains("? help")
    })?;
    let raw = desk.raw_output();
    ensure(!String::from_utf8_lossy(&raw).contains("panicked"), || {
        format!("a panic while resizing: {}", tail(&raw))
    })?;
    quit(&mut desk)?;
    terminal_restored(&desk)?;
    // Only Space changes the review, and no Space was pressed.
    let file = read_state(&state)?;
    ensure(
        all_events(&file).iter().all(|e| e["type"] != "status"),
        || format!("resizing changed the review:\n{file:#}"),
    )
}

/// A key typed just as the terminal is resized must be applied at once,
/// not held in the terminal until the next key: one resize and one Space a
/// round, and each round waits for that Space to show.
#[test]
fn a_key_typed_during_a_resize_is_not_held_back() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, ready)?;
    desk.send("3");
    let rounds = 120;
    let mut status = "watching";
    for i in 0..rounds {
        let (cols, rows) = if i % 2 == 0 { (100, 30) } else { (120, 36) };
        desk.resize(cols, rows)?;
        desk.send(" ");
        status = next_status(status);
        let shown = shown_as(status);
        let seen = desk.wait_until(
            &format!("round {i}: I1 {shown}"),
            Duration::from_secs(5),
            |s| row_has(s, "I1", shown) && !(status == "observed" && row_has(s, "I1", "NOT")),
        );
        if let Err(e) = seen {
            let on_disk = count_status(&read_state(&state)?, "I1", None);
            // Another key (Up, which changes nothing on I1) wakes it.
            desk.send("k");
            let woken = desk
                .wait_until("the held key, after another key", TIMEOUT, |s| {
                    row_has(s, "I1", shown)
                })
                .is_ok();
            return Err(Failure(format!(
                "round {i}: the Space typed with the resize was not applied ({on_disk} of {} status \
                 changes on disk){}:\n{e}",
                i + 1,
                if woken {
                    "; it was applied only when another key came"
                } else {
                    ""
                }
            )));
        }
    }
    quit(&mut desk)?;
    let on_disk = count_status(&read_state(&state)?, "I1", None);
    ensure(on_disk == rounds, || {
        format!("{rounds} Spaces typed, {on_disk} status changes on disk")
    })
}

// ---- 9. Bad briefs -------------------------------------------------------------

#[test]
fn bad_briefs_fail_before_the_terminal_is_touched() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    let d = dir.path();
    let as_dir = d.join("a-directory.txt");
    fs::create_dir(&as_dir).map_err(|e| format!("mkdir: {e}"))?;
    let empty = d.join("empty.txt");
    let binary = d.join("binary.bin");
    let blank = d.join("blank.txt");
    let shapeless = d.join("shapeless.txt");
    let writes: [(&Path, Vec<u8>); 4] = [
        (&empty, Vec::new()),
        (
            &binary,
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
        ),
        (&blank, b"\n\n   \n\t\n".to_vec()),
        (
            &shapeless,
            b"just some words on a line\nand some more words on another line\nnothing else\n"
                .to_vec(),
        ),
    ];
    for (path, bytes) in &writes {
        fs::write(path, bytes).map_err(|e| format!("write {}: {e}", path.display()))?;
    }
    for path in [&as_dir, &empty, &binary, &blank, &shapeless] {
        let name = path.display().to_string();
        let out = command(&state)
            .args(["--brief", &name])
            .output()
            .map_err(|e| format!("cannot run watchdesk: {e}"))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        ensure(!out.status.success() && out.status.code().is_some(), || {
            format!("{name}: should fail with an exit code: {}", describe(&out))
        })?;
        ensure(stderr.contains(&name), || {
            format!("{name}: stderr should name the file: {}", describe(&out))
        })?;
        ensure(!stderr.contains("panicked"), || {
            format!("{name}: a panic: {}", describe(&out))
        })?;
        ensure(!out.stdout.windows(8).any(|w| w == ENTER_ALT), || {
            format!("{name}: entered the alternate screen: {}", describe(&out))
        })?;

        // Text the parser cannot shape opens in the outline view in a
        // terminal, to be put right there (issue 13); nothing else does.
        if path == &shapeless {
            // Its own state file: opening it starts a watch, which is saved.
            let (_other, other_state) = temp_state();
            let mut desk = Desk::spawn(&other_state, 120, 30, &["--brief", &name])?;
            desk.wait_until("the outline view", TIMEOUT, |s| {
                s.contains("Outline") && s.contains("refused")
            })?;
            quit(&mut desk)?;
            continue;
        }
        // In a terminal too, where the desk could think it may draw.
        let mut desk = Desk::spawn(&state, 250, 30, &["--brief", &name])?;
        let status = desk.wait_exit(TIMEOUT)?;
        let raw = desk.raw_output();
        ensure(status.exit_code() != 0 && status.signal().is_none(), || {
            format!(
                "{name}: should fail in a terminal: {status}\n{}",
                desk.screen()
            )
        })?;
        ensure(!raw.windows(8).any(|w| w == ENTER_ALT), || {
            format!("{name}: entered the alternate screen: {}", tail(&raw))
        })?;
        ensure(desk.screen().contains(&name), || {
            format!("{name}: the error should name the file:\n{}", desk.screen())
        })?;
        if let Some(cooked) = desk.cooked_mode() {
            ensure(cooked, || format!("{name}: the terminal was left raw"))?;
        }
    }
    ensure(!state.exists(), || {
        "a failed start wrote the state file".into()
    })?;

    // 20 MB of text: refused with the file named, or read; never a hang or
    // a panic. The time is reported, not asserted.
    let huge = d.join("huge.txt");
    let para = "Officials said the talks would continue and that nothing was decided yet. ";
    let text: String = std::iter::repeat_n(para, 20 * 1024 * 1024 / para.len()).collect();
    fs::write(&huge, text).map_err(|e| format!("write the huge brief: {e}"))?;
    let name = huge.display().to_string();
    let t = Instant::now();
    let out = command(&state)
        .args(["--brief", &name, "check"])
        .output()
        .map_err(|e| format!("cannot run watchdesk: {e}"))?;
    eprintln!(
        "a 20 MB brief: check took {:?}, {}",
        t.elapsed(),
        out.status
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    ensure(
        !stderr.contains("panicked") && out.status.code().is_some(),
        || format!("the huge brief crashed check: {}", describe(&out)),
    )?;
    ensure(out.status.success() || stderr.contains(&name), || {
        format!("refusing the huge brief should name it: {}", describe(&out))
    })
}
