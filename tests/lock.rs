//! The desk answers keys while another desk holds the state file's lock:
//! saves wait for the lock on the runner's thread, never on the keys.

mod support;

use std::fs::OpenOptions;
use std::time::{Duration, Instant};

use support::{Desk, Failure, TIMEOUT, ensure, quit, read_state, row_has, temp_state};

/// The screen's last line.
fn status_bar(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// How many status events in the file set `item` to `to`.
fn changes_to(state: &serde_json::Value, item: &str, to: &str) -> usize {
    state["briefs"]
        .as_object()
        .into_iter()
        .flat_map(|b| b.values())
        .flat_map(|b| b["events"].as_array().cloned().unwrap_or_default())
        .filter(|e| e["type"] == "status" && e["item"] == item && e["to"] == to)
        .count()
}

#[test]
fn keys_are_answered_while_the_lock_is_held_and_saved_after() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_until("the desk, saved", TIMEOUT, |s| {
        row_has(s, "I1", "watching") && status_bar(s).trim_end().ends_with(" saved")
    })?;

    // Hold the lock as another desk's save would (flock on the sidecar).
    let lock_path = state.with_file_name("state.json.lock");
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| format!("{}: {e}", lock_path.display()))?;
    lock.lock().map_err(|e| format!("flock: {e}"))?;
    let held = Instant::now();

    // Each change is on screen while its save still waits for the lock: the
    // status bar says "saving", not that a save failed (which is what a
    // desk that waited on the lock before drawing would show first).
    desk.send("3 ");
    desk.wait_until("I1 OBSERVED, still saving", TIMEOUT, |s| {
        row_has(s, "I1", "OBSERVED") && status_bar(s).contains("saving")
    })?;
    desk.send("j ");
    desk.wait_until("I2 OBSERVED, still saving", TIMEOUT, |s| {
        row_has(s, "I2", "OBSERVED") && status_bar(s).contains("saving")
    })?;
    desk.send("jx");
    desk.wait_until("I3 NOT OBSERVED", TIMEOUT, |s| {
        row_has(s, "I3", "NOT OBSERVED")
    })?;
    let file = read_state(&state)?;
    ensure(changes_to(&file, "I1", "observed") == 0, || {
        format!("nothing can be saved while the lock is held:\n{file:#}")
    })?;
    // Keep it several seconds, so the desk's save gives up once and retries.
    while held.elapsed() < Duration::from_secs(4) {
        std::thread::sleep(Duration::from_millis(100));
    }
    // Still answering with the lock held: I2 back to watching on screen.
    desk.send("k ");
    desk.wait_until("I2 NOT OBSERVED, with the lock held", TIMEOUT, |s| {
        row_has(s, "I2", "NOT OBSERVED")
    })?;
    drop(lock);

    // Released: the retry saves every change.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let file = read_state(&state)?;
        if changes_to(&file, "I1", "observed") == 1
            && changes_to(&file, "I2", "observed") == 1
            && changes_to(&file, "I2", "not_observed") == 1
            && changes_to(&file, "I3", "not_observed") == 1
        {
            break;
        }
        ensure(Instant::now() < deadline, || {
            format!("the changes were not saved after the lock was released:\n{file:#}")
        })?;
        std::thread::sleep(Duration::from_millis(100));
    }
    desk.wait_until("saved", TIMEOUT, |s| {
        status_bar(s).trim_end().ends_with(" saved")
    })?;
    quit(&mut desk)
}
