//! Two desks on one share, end to end: the real binary in two
//! pseudo-terminals, each with its own data folder, one share folder
//! between them (as a sync tool would keep it). A change on one desk shows
//! on the other with the analyst's name; assessments made while the share
//! was away are shown as disputed on both.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::{Desk as Pty, Failure, TIMEOUT, ensure, quit, row_has, status_json};

/// A desk's data folder with its analyst's name in its config.
fn data_folder(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name.to_lowercase());
    fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    fs::write(
        support::isolated_config(&state),
        format!("[analyst]\nname = \"{name}\"\n"),
    )
    .unwrap();
    state
}

fn spawn(state: &Path, share: &Path, desk: &str) -> Result<Pty, String> {
    Pty::spawn_with_env(
        state,
        140,
        36,
        &[],
        &[
            ("WATCHDESK_SHARE", share.to_str().unwrap()),
            ("WATCHDESK_DESK", desk),
        ],
    )
}

#[test]
fn a_change_on_one_desk_shows_on_the_other_with_the_analysts_name() -> Result<(), Failure> {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let (ann, bob) = (
        data_folder(root.path(), "Ann"),
        data_folder(root.path(), "Bob"),
    );
    let mut a = spawn(&ann, &share, "desk-ann")?;
    let mut b = spawn(&bob, &share, "desk-bob")?;
    a.wait_until("the indicators", TIMEOUT, |s| row_has(s, "I1", "watching"))?;
    b.wait_until("the indicators", TIMEOUT, |s| row_has(s, "I1", "watching"))?;
    // Each header names the other desk once it has seen it.
    a.wait_for("desks: Bob", TIMEOUT)?;
    b.wait_for("desks: Ann", TIMEOUT)?;

    a.send("3o");
    a.wait_until("I1 OBSERVED on A", TIMEOUT, |s| {
        row_has(s, "I1", "OBSERVED")
    })?;
    b.wait_until("A's change on B", TIMEOUT, |s| row_has(s, "I1", "OBSERVED"))?;
    // B's change log says who made it.
    b.send("t");
    b.wait_until("Ann in B's change log", TIMEOUT, |s| {
        s.lines()
            .any(|l| l.contains("I1 watching → observed") && l.contains("Ann"))
    })?;
    b.send("\x1b");
    quit(&mut a)?;
    quit(&mut b)?;
    // B's state file holds A's change: the local truth caught up.
    let v = status_json(&bob, &[]).map_err(Failure)?;
    ensure(v["indicators"][0]["status"] == "observed", || {
        format!("B's state file: {v}")
    })?;
    Ok(())
}

#[test]
fn assessments_made_while_the_share_was_away_are_disputed_on_both() -> Result<(), Failure> {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let away = root.path().join("share-away");
    let (ann, bob) = (
        data_folder(root.path(), "Ann"),
        data_folder(root.path(), "Bob"),
    );
    let mut a = spawn(&ann, &share, "desk-ann")?;
    let mut b = spawn(&bob, &share, "desk-bob")?;
    a.wait_for("desks: Bob", TIMEOUT)?;
    b.wait_for("desks: Ann", TIMEOUT)?;

    // The share goes away (a network drive unmounted); both desks say so.
    fs::rename(&share, &away).unwrap();
    a.wait_for("SHARE UNREACHABLE", TIMEOUT)?;
    b.wait_for("SHARE UNREACHABLE", TIMEOUT)?;
    // Each assesses I1 without seeing the other's.
    a.send("3o");
    a.wait_until("I1 OBSERVED on A", TIMEOUT, |s| {
        row_has(s, "I1", "OBSERVED")
    })?;
    b.send("3x");
    b.wait_until("I1 NOT OBSERVED on B", TIMEOUT, |s| {
        row_has(s, "I1", "NOT OBSERVED")
    })?;
    // The share comes back: both desks show the dispute.
    fs::rename(&away, &share).unwrap();
    a.wait_until("DISPUTED on A", TIMEOUT, |s| row_has(s, "I1", "DISPUTED"))?;
    b.wait_until("DISPUTED on B", TIMEOUT, |s| row_has(s, "I1", "DISPUTED"))?;
    // The reader gives both sides.
    a.wait_until("both sides in A's reader", TIMEOUT, |s| {
        s.contains("Ann: observed") && s.contains("Bob: not observed")
    })?;
    quit(&mut a)?;
    quit(&mut b)?;
    let v = status_json(&ann, &[]).map_err(Failure)?;
    let i1 = &v["indicators"][0];
    ensure(i1["disputed"] == true, || format!("status --json: {i1}"))?;
    let sides = i1["sides"].as_array().cloned().unwrap_or_default();
    ensure(
        sides.len() == 2
            && sides.iter().any(|s| s["analyst"] == "Ann")
            && sides.iter().any(|s| s["analyst"] == "Bob"),
        || format!("the sides: {sides:?}"),
    )?;
    Ok(())
}

#[test]
fn a_brief_added_on_one_desk_arrives_on_the_others_board() -> Result<(), Failure> {
    let root = tempfile::tempdir().unwrap();
    let share = root.path().join("share");
    let (ann, bob) = (
        data_folder(root.path(), "Ann"),
        data_folder(root.path(), "Bob"),
    );
    let mut a = spawn(&ann, &share, "desk-ann")?;
    let mut b = spawn(&bob, &share, "desk-bob")?;
    a.wait_for("desks: Bob", TIMEOUT)?;
    b.wait_for("desks: Ann", TIMEOUT)?;
    // Bob adds a brief from a shell while his desk runs.
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/board/gulf-shipping.txt"
    );
    let out = support::command(&bob)
        .env("WATCHDESK_DESK", "desk-bob")
        .args(["add", fixture])
        .output()
        .unwrap();
    ensure(out.status.success(), || support::describe(&out))?;
    // Ann's desk finds it in the share and puts it on her board.
    a.send("\x1b");
    a.wait_for("Gulf Shipping", TIMEOUT)?;
    quit(&mut a)?;
    quit(&mut b)?;
    // Ann's library keeps it: a query sees the watch.
    let list = support::command(&ann).args(["list"]).output().unwrap();
    ensure(
        String::from_utf8_lossy(&list.stdout).contains("Gulf Shipping"),
        || support::describe(&list),
    )?;
    Ok(())
}
