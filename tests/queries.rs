//! A query changes nothing (issue 14): `status`, `export` and `list` never
//! write. Each case snapshots the data folder (names, sizes, mtimes, modes)
//! before and after the query and demands the two be identical.
//!
//! Chosen behaviour on a path with nothing there yet: the query exits 0 and
//! answers from memory (status: the embedded brief, its window shown from
//! now; list: no watches) and creates nothing, not even the directory.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Output;

use support::{Failure, command, describe, ensure, temp_state};

/// One entry of a folder: size, mtime (ns), mode, and whether it is a link.
type Entry = (u64, i128, u32, bool);

fn snapshot(root: &Path) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let Ok(m) = fs::symlink_metadata(&path) else {
                continue;
            };
            let name = path
                .strip_prefix(root)
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            let mtime = i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec());
            out.insert(
                name,
                (
                    m.len(),
                    mtime,
                    m.permissions().mode(),
                    m.file_type().is_symlink(),
                ),
            );
            if m.is_dir() {
                todo.push(path);
            }
        }
    }
    out
}

fn run(state: &Path, args: &[&str]) -> Result<Output, Failure> {
    command(state)
        .args(args)
        .output()
        .map_err(|e| Failure(format!("cannot run {args:?}: {e}")))
}

/// The queries, each with the arguments after the global ones.
const QUERIES: &[&[&str]] = &[
    &["status"],
    &["status", "--json"],
    &["--issued", "2026-01-01T00:00:00Z", "status"],
    &["--issued", "261430Z NOV 26", "status", "--json"],
    &["export"],
    &["export", "--format", "json"],
    &["--issued", "2026-01-01T00:00:00Z", "export"],
    &["export", "--all"],
    &["list"],
    &["list", "--json", "--all"],
];

/// Run every query on `state` and check `root` is untouched; returns the
/// outputs for further checks.
fn queries_change_nothing(root: &Path, state: &Path) -> Result<Vec<Output>, Failure> {
    let mut outs = Vec::new();
    for q in QUERIES {
        let before = snapshot(root);
        // Let a write, were there one, show in the mtimes.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let out = run(state, q)?;
        let after = snapshot(root);
        ensure(before == after, || {
            format!(
                "{q:?} changed the data folder:\nbefore {before:#?}\nafter {after:#?}\n{}",
                describe(&out)
            )
        })?;
        outs.push(out);
    }
    Ok(outs)
}

#[test]
fn queries_on_a_running_desks_state_change_nothing() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    // A desk's work: a window started, a mark, a note.
    let brief = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/alliance-priorities.txt"
    );
    for args in [
        &["add", brief][..],
        &["mark", "I1", "observed"],
        &["note", "T1", "seen"],
    ] {
        let out = run(&state, args)?;
        ensure(out.status.success(), || describe(&out))?;
    }
    let before = fs::read(&state).map_err(|e| Failure(e.to_string()))?;
    let window = support::status_json(&state, &[])?["window_start"].clone();
    let outs = queries_change_nothing(dir.path(), &state)?;
    for out in &outs {
        ensure(out.status.success(), || describe(out))?;
    }
    ensure(
        fs::read(&state).ok().as_deref() == Some(&before[..]),
        || "the state file's bytes changed".into(),
    )?;
    // `--issued` on a query shows that window but never moves the desk's.
    let after = support::status_json(&state, &[])?["window_start"].clone();
    ensure(window == after && !window.is_null(), || {
        format!("the window moved: {window} -> {after}")
    })
}

#[test]
fn queries_on_a_new_path_create_nothing() -> Result<(), Failure> {
    let (dir, _) = temp_state();
    let state = dir.path().join("new").join("dir").join("state.json");
    let outs = queries_change_nothing(dir.path(), &state)?;
    for out in &outs {
        ensure(out.status.success(), || describe(out))?;
    }
    ensure(!dir.path().join("new").exists(), || {
        "the data directory was created".into()
    })?;
    // `list` on nothing says so rather than inventing a watch.
    let list = &outs[QUERIES.len() - 2];
    let text = String::from_utf8_lossy(&list.stdout);
    ensure(text.contains("no open watches"), || {
        format!("list on a new path: {text}")
    })
}

/// The default path (no `--state`, no `WATCHDESK_STATE`), in a fresh home:
/// the embedded brief is shown and no data directory appears.
#[test]
fn queries_with_the_default_embedded_brief_create_nothing() -> Result<(), Failure> {
    let home = tempfile::tempdir().map_err(|e| Failure(e.to_string()))?;
    for q in [
        &["status"][..],
        &["status", "--json"],
        &["export"],
        &["list"],
    ] {
        let before = snapshot(home.path());
        let out = command(Path::new("unused"))
            .env_remove("WATCHDESK_STATE")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .args(q)
            .output()
            .map_err(|e| Failure(e.to_string()))?;
        ensure(out.status.success(), || describe(&out))?;
        let after = snapshot(home.path());
        ensure(before == after && after.is_empty(), || {
            format!("{q:?} wrote into the home: {after:#?}")
        })?;
    }
    Ok(())
}

#[test]
fn queries_on_a_broken_state_file_fail_naming_it_and_leave_it() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    fs::write(&state, b"{ not json").map_err(|e| Failure(e.to_string()))?;
    let outs = queries_change_nothing(dir.path(), &state)?;
    for (q, out) in QUERIES.iter().zip(&outs) {
        let err = String::from_utf8_lossy(&out.stderr);
        ensure(
            !out.status.success() && err.contains(&state.display().to_string()),
            || format!("{q:?} on a broken file: {}", describe(out)),
        )?;
    }
    // Then the desk, and only the desk, moves it aside and says where.
    let mut desk = support::Desk::spawn(&state, 250, 40, &[])?;
    desk.wait_until("the moved-aside notice", support::TIMEOUT, |s| {
        s.contains("moved aside") && s.contains(".broken-")
    })?;
    support::quit(&mut desk)?;
    ensure(
        fs::read_dir(dir.path())
            .map_err(|e| Failure(e.to_string()))?
            .flatten()
            .any(|e| e.file_name().to_string_lossy().contains(".broken-")),
        || "the desk did not move the file aside".into(),
    )
}

#[test]
fn queries_on_a_newer_versions_file_fail_saying_so() -> Result<(), Failure> {
    let (dir, state) = temp_state();
    fs::write(&state, b"{\"version\": 99, \"briefs\": {}}\n")
        .map_err(|e| Failure(e.to_string()))?;
    let outs = queries_change_nothing(dir.path(), &state)?;
    for (q, out) in QUERIES.iter().zip(&outs) {
        let err = String::from_utf8_lossy(&out.stderr);
        ensure(!out.status.success() && err.contains("newer"), || {
            format!("{q:?} on a newer file: {}", describe(out))
        })?;
    }
    Ok(())
}
