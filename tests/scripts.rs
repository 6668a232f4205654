//! The commands for many watches, run as the binary: `add` (file, stdin,
//! twice, refused), the inbox, `list`, `close` / `reopen`, `mark` / `note`
//! (also against a running desk), migration from a version-1 file, and
//! queries that write nothing.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use support::{Desk, Failure, command, ensure, row_has, temp_state};

const GULF: &str = "tests/fixtures/board/gulf-shipping.txt";
const SAHEL: &str = "tests/fixtures/board/sahel-elections.txt";
const TIMEOUT: Duration = Duration::from_secs(10);

fn run(state: &Path, args: &[&str]) -> Output {
    command(state).args(args).output().expect("runs")
}

fn ok(state: &Path, args: &[&str]) -> String {
    let out = run(state, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        support::describe(&out)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn list_json(state: &Path, all: bool) -> serde_json::Value {
    let mut args = vec!["list", "--json"];
    if all {
        args.push("--all");
    }
    serde_json::from_str(&ok(state, &args)).expect("list --json is JSON")
}

/// The id in `added: ID  title` / `already on the desk: ID  title`.
fn id_of(text: &str) -> String {
    let (_, rest) = text.split_once(": ").expect("a colon");
    rest.split_whitespace().next().expect("an id").to_string()
}

#[test]
fn add_keeps_the_brief_and_the_same_text_twice_is_one_watch() {
    let (dir, state) = temp_state();
    let copy = dir.path().join("gulf.txt");
    std::fs::copy(GULF, &copy).expect("copy");
    let first = ok(&state, &["add", copy.to_str().expect("utf-8")]);
    assert!(first.starts_with("added: "), "{first}");
    assert!(
        first.contains("Gulf Shipping Lanes Under Pressure"),
        "{first}"
    );
    let id = id_of(&first);
    let kept = state.with_file_name("briefs").join(format!("{id}.txt"));
    assert!(kept.exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kept).expect("kept").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // The original goes away; the watch stays.
    std::fs::remove_file(&copy).expect("rm");
    // The same text from standard input, with other line endings.
    let mut child = command(&state)
        .args(["add", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    let text = std::fs::read_to_string(GULF)
        .expect("read")
        .replace('\n', "\r\n");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let second = String::from_utf8_lossy(&out.stdout);
    assert!(second.starts_with("already on the desk: "), "{second}");
    assert_eq!(id_of(&second), id);
    let sahel = ok(&state, &["add", SAHEL]);
    let list = list_json(&state, false);
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|w| w["id"].as_str().unwrap_or(""))
        .collect();
    // Gulf (24 h) closes before the Sahel (48 h).
    assert_eq!(ids, [id.as_str(), id_of(&sahel).as_str()]);
    assert_eq!(list[0]["total"], 3);
    assert_eq!(list[0]["state"], "open");
}

#[test]
fn a_file_that_is_not_a_brief_is_refused_and_nothing_is_kept() {
    let (dir, state) = temp_state();
    let bad = dir.path().join("notes.txt");
    std::fs::write(&bad, "just a line\n").expect("write");
    let out = run(&state, &["add", bad.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt"));
    assert!(
        !state.with_file_name("briefs").exists()
            || list_json(&state, false)
                .as_array()
                .is_some_and(|a| a.len() <= 1)
    );
}

#[test]
fn close_by_prefix_writes_the_final_report_and_reopen_brings_it_back() {
    let (_dir, state) = temp_state();
    let gulf = id_of(&ok(&state, &["add", GULF]));
    ok(&state, &["add", SAHEL]);
    let out = ok(
        &state,
        &[
            "close",
            &gulf[..6],
            "--reason",
            "strait reopened",
            "--disposition",
            "overtaken_by_events",
        ],
    );
    let report = out
        .lines()
        .find_map(|l| l.strip_prefix("final report: "))
        .expect("the report's path");
    let text = std::fs::read_to_string(report).expect("the report exists");
    assert!(text.contains("Gulf Shipping Lanes Under Pressure"));
    let open = list_json(&state, false);
    assert!(
        open.as_array()
            .expect("array")
            .iter()
            .all(|w| w["id"] != gulf.as_str())
    );
    let all = list_json(&state, true);
    let closed = all
        .as_array()
        .expect("array")
        .iter()
        .find(|w| w["id"] == gulf.as_str())
        .expect("listed with --all");
    assert_eq!(closed["state"], "closed");
    let out = run(&state, &["close", &gulf[..6]]);
    assert!(!out.status.success(), "closing twice is an error");
    ok(&state, &["reopen", &gulf]);
    assert_eq!(
        list_json(&state, false).as_array().map(|a| a.len()),
        Some(2)
    );
}

#[test]
fn an_unknown_or_ambiguous_id_lists_the_candidates() {
    let (_dir, state) = temp_state();
    ok(&state, &["add", GULF]);
    ok(&state, &["add", SAHEL]);
    let out = run(&state, &["close", "zzzz"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Gulf Shipping") && err.contains("Sahel Election"),
        "{err}"
    );
    let out = run(&state, &["close", ""]);
    assert!(!out.status.success());
}

#[test]
fn mark_and_note_refuse_with_several_open_watches_and_act_on_the_one_named() {
    let (_dir, state) = temp_state();
    let gulf = id_of(&ok(&state, &["add", GULF]));
    ok(&state, &["add", SAHEL]);
    let out = run(&state, &["mark", "I2", "observed"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--watch"));
    ok(&state, &["--watch", &gulf[..5], "mark", "I2", "observed"]);
    ok(&state, &["--watch", &gulf, "mark", "T1", "reviewed"]);
    ok(
        &state,
        &["--watch", &gulf, "note", "I2", "escort convoy seen"],
    );
    let status = support::status_json(&state, &["--watch", &gulf])
        .map_err(|e| e.to_string())
        .expect("status");
    assert_eq!(status["indicators"][1]["status"], "observed");
    assert_eq!(status["themes"][0]["reviewed"], true);
    let out = run(&state, &["--watch", &gulf, "mark", "I9", "observed"]);
    assert!(!out.status.success(), "no I9 in the brief");
    let all = support::status_json_all(&state, &[]).expect("status");
    assert_eq!(all["watches"].as_array().map(|a| a.len()), Some(2));
}

#[test]
fn queries_write_nothing() {
    let (dir, state) = temp_state();
    ok(&state, &["add", GULF]);
    let before: Vec<_> = walk(dir.path());
    let bytes = std::fs::read(&state).expect("state");
    for args in [
        &["status"][..],
        &["status", "--json"],
        &["list", "--all"],
        &["export", "--all"],
    ] {
        ok(&state, args);
    }
    assert_eq!(walk(dir.path()), before);
    assert_eq!(std::fs::read(&state).expect("state"), bytes);
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn a_version_1_file_opens_with_nothing_lost_and_a_missing_brief_comes_back_when_added() {
    let (_dir, state) = temp_state();
    std::fs::copy("tests/fixtures/state-v1.json", &state).expect("copy");
    let all = list_json(&state, true);
    let rows = all.as_array().expect("array");
    let default = rows
        .iter()
        .find(|w| w["id"] == "ab7211feee44458f")
        .expect("default brief");
    assert_eq!(default["observed"], 2);
    let arctic = rows
        .iter()
        .find(|w| w["id"] == "83262a492c841e6f")
        .expect("kept");
    assert_eq!(arctic["state"], "missing");
    assert!(ok(&state, &["list", "--all"]).contains("brief text missing"));
    // Adding the brief again shows its review: I1 observed.
    ok(
        &state,
        &["add", "tests/fixtures/briefs/01-baseline-48h.txt"],
    );
    let status = support::status_json(&state, &["--watch", "83262a"]).expect("status");
    assert_eq!(status["indicators"][0]["status"], "observed");
}

#[test]
fn the_inbox_takes_a_brief_and_refuses_a_bad_file_while_the_desk_runs() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    ok(&state, &["add", SAHEL]);
    let mut desk = Desk::spawn(&state, 120, 36, &[])?;
    desk.wait_for("Sahel", TIMEOUT)?;
    let inbox = state.with_file_name("inbox");
    std::fs::create_dir_all(&inbox).map_err(|e| e.to_string())?;
    std::fs::write(inbox.join(".hidden.txt"), "x").map_err(|e| e.to_string())?;
    std::fs::write(inbox.join("half.part"), "x").map_err(|e| e.to_string())?;
    std::fs::copy(GULF, inbox.join("gulf.txt")).map_err(|e| e.to_string())?;
    std::fs::write(inbox.join("junk.txt"), "not a brief\n").map_err(|e| e.to_string())?;
    desk.wait_for("Gulf Shipping", TIMEOUT)?;
    desk.wait_until("the inbox emptied", TIMEOUT, |_| {
        !inbox.join("gulf.txt").exists() && inbox.join("rejected/junk.txt").exists()
    })?;
    let reason = std::fs::read_to_string(inbox.join("rejected/junk.txt.reason"))
        .map_err(|e| e.to_string())?;
    ensure(reason.contains("junk.txt"), || reason.clone())?;
    ensure(
        inbox.join(".hidden.txt").exists() && inbox.join("half.part").exists(),
        || "ignored files stay".into(),
    )?;
    desk.send("q");
    desk.wait_exit(TIMEOUT)?;
    let list = list_json(&state, false);
    ensure(list.as_array().is_some_and(|a| a.len() == 2), || {
        format!("{list:#}")
    })?;
    Ok(())
}

#[test]
fn mark_from_a_shell_shows_on_the_running_desk() -> Result<(), Failure> {
    let (_dir, state) = temp_state();
    ok(&state, &["add", GULF]);
    let gulf = std::fs::canonicalize(GULF).map_err(|e| e.to_string())?;
    let gulf = gulf.to_str().ok_or_else(|| "a UTF-8 path".to_string())?;
    let mut desk = Desk::spawn(&state, 120, 36, &["--brief", gulf])?;
    desk.wait_until("the desk", TIMEOUT, |s| row_has(s, "I2", "watching"))?;
    ok(&state, &["mark", "I2", "observed"]);
    desk.wait_until("I2 observed from the shell", TIMEOUT, |s| {
        row_has(s, "I2", "OBSERVED")
    })?;
    desk.send("q");
    desk.wait_exit(TIMEOUT)?;
    Ok(())
}
