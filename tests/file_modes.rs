//! The state file keeps its mode and its link; new files and folders are
//! private; a symlinked lock file is refused; reports are private.

mod support;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use watchdesk::brief::BriefId;
use watchdesk::review::{Desk, Event, EventKind, ItemRef, Status};
use watchdesk::store::Store;

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("metadata").permissions().mode() & 0o7777
}

fn event(n: u32) -> Event {
    let at = format!("2026-11-26T14:30:{:02}Z", n % 60)
        .parse()
        .expect("time");
    let mut e = Desk::new("d1", None, 7).event_at(
        u64::from(n) + 1,
        at,
        EventKind::Status {
            item: ItemRef::Indicator(0),
            from: Status::Watching,
            to: Status::Observed,
            seen: None,
        },
    );
    e.id = format!("e{n:04}").into();
    e
}

fn save(store: &Store, n: u32) -> Result<(), String> {
    let log: Vec<Event> = (0..n).map(event).collect();
    store
        .save(&BriefId("b".into()), "B", &log)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn a_new_state_file_and_its_folders_are_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("data/watchdesk/state.json");
    save(&Store::new(path.clone()), 1).expect("save");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("data")), 0o700);
    assert_eq!(mode(&dir.path().join("data/watchdesk")), 0o700);
    assert_eq!(
        mode(&dir.path().join("data/watchdesk/state.json.lock")),
        0o600
    );
}

#[test]
fn an_existing_mode_survives_saves() {
    for m in [0o600, 0o640] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("state.json");
        let store = Store::new(path.clone());
        save(&store, 1).expect("save");
        fs::set_permissions(&path, fs::Permissions::from_mode(m)).expect("chmod");
        save(&store, 2).expect("save");
        save(&Store::new(path.clone()), 3).expect("save again");
        assert_eq!(mode(&path), m, "{m:o}");
    }
}

#[test]
fn a_symlinked_state_file_stays_a_link_and_its_target_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).expect("mkdir");
    let target = synced.join("state.json");
    let link = dir.path().join("state.json");
    save(&Store::new(target.clone()), 1).expect("save");
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).expect("chmod");
    symlink(&target, &link).expect("symlink");
    let store = Store::new(link.clone());
    save(&store, 3).expect("save through the link");
    assert!(
        fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink()
    );
    let text = fs::read_to_string(&target).expect("read");
    assert!(
        text.contains("e0002"),
        "the target has the new content: {text}"
    );
    assert_eq!(mode(&target), 0o640);
    // And the store reads it back through the link.
    let opened = store.open().expect("open");
    assert_eq!(opened.state.briefs["b"].events.len(), 3);
}

#[test]
fn a_symlinked_lock_file_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let victim = dir.path().join("victim");
    fs::write(&victim, "keep").expect("write");
    symlink(&victim, dir.path().join("state.json.lock")).expect("symlink");
    let e = save(&Store::new(path.clone()), 1).expect_err("refused");
    assert!(
        e.contains("state.json.lock") && e.contains("symbolic link"),
        "{e}"
    );
    assert_eq!(fs::read_to_string(&victim).expect("read"), "keep");
    assert!(!path.exists());
}

#[test]
fn an_exported_report_is_private_and_keeps_a_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.json");
    let report = dir.path().join("report.md");
    let out = support::command(&state)
        .args(["export", "-o", report.to_str().expect("path")])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", support::describe(&out));
    assert_eq!(mode(&report), 0o600);
    fs::set_permissions(&report, fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = support::command(&state)
        .args(["export", "-o", report.to_str().expect("path")])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", support::describe(&out));
    assert_eq!(mode(&report), 0o644);
    assert!(
        fs::read_to_string(&report)
            .expect("read")
            .starts_with("# Handover")
    );
}
