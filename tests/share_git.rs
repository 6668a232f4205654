//! Two desks joined only by a git remote: two clones of a local bare
//! repository (no network), `watchdesk sync` run in each with the real
//! binary, and a handover made on one desk and accepted on the other.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_watchdesk");

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A desk: its data folder, config and clone of the share.
struct Desk {
    state: PathBuf,
    config: PathBuf,
    share: PathBuf,
}

impl Desk {
    fn new(root: &Path, name: &str, bare: &Path) -> Desk {
        let home = root.join(name);
        fs::create_dir_all(&home).unwrap();
        let share = home.join("share");
        git(
            root,
            &[
                "clone",
                "--quiet",
                bare.to_str().unwrap(),
                share.to_str().unwrap(),
            ],
        );
        git(&share, &["config", "user.name", name]);
        git(
            &share,
            &["config", "user.email", &format!("{name}@example.invalid")],
        );
        let config = home.join("config.toml");
        fs::write(&config, format!("[analyst]\nname = \"{name}\"\n")).unwrap();
        Desk {
            state: home.join("data/state.json"),
            config,
            share,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .arg("--state")
            .arg(&self.state)
            .arg("--config")
            .arg(&self.config)
            .arg("--share")
            .arg(&self.share)
            .env_remove("WATCHDESK_DESK")
            .env_remove("WATCHDESK_SHARE")
            .env_remove("WATCHDESK_STATE")
            .env_remove("WATCHDESK_CONFIG")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "watchdesk {args:?}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn desk_id(&self) -> String {
        fs::read_to_string(self.state.with_file_name("desk-id"))
            .unwrap()
            .trim()
            .to_string()
    }

    /// The desks that wrote the events of the state file.
    fn desks_in_state(&self) -> Vec<String> {
        let v: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(&self.state).unwrap()).unwrap();
        let mut desks: Vec<String> = v["briefs"]
            .as_object()
            .unwrap()
            .values()
            .flat_map(|b| b["events"].as_array().unwrap().clone())
            .map(|e| e["desk"].as_str().unwrap().to_string())
            .collect();
        desks.sort();
        desks.dedup();
        desks
    }
}

#[test]
fn two_clones_of_a_bare_repository_end_with_both_desks_events() {
    let root = tempfile::tempdir().unwrap();
    let bare = root.path().join("remote.git");
    git(
        root.path(),
        &["init", "--quiet", "--bare", bare.to_str().unwrap()],
    );
    let ann = Desk::new(root.path(), "ann", &bare);
    let bob = Desk::new(root.path(), "bob", &bare);

    // Each desk puts the brief on its desk and records a status offline
    // (queries such as `status` write nothing, so no desk id either).
    let brief = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/alliance-priorities.txt"
    );
    for desk in [&ann, &bob] {
        desk.ok(&["add", brief]);
        desk.ok(&["mark", "I1", "observed"]);
    }
    let (a, b) = (ann.desk_id(), bob.desk_id());
    assert_ne!(a, b);
    assert_eq!(a.len(), 16);

    let out = ann.ok(&["sync"]);
    assert!(out.contains("pushed"), "{out}");
    // Its own events, read back from the share, are not counted as taken.
    assert!(out.contains("took 0 event(s)"), "{out}");
    // Bob's push meets Ann's commit: pull (rebase) first, then push.
    let out = bob.ok(&["sync"]);
    assert!(out.contains("pulled") && out.contains("pushed"), "{out}");
    assert!(
        out.contains("took 3 event(s)"),
        "Ann's arrival, window, mark: {out}"
    );
    let out = ann.ok(&["sync"]);
    assert!(out.contains("took 3 event(s)"), "Bob's three: {out}");
    let out = ann.ok(&["sync"]);
    assert!(out.contains("took 0 event(s)"), "nothing new: {out}");
    let mut both = vec![a.clone(), b.clone()];
    both.sort();
    assert_eq!(ann.desks_in_state(), both);
    assert_eq!(bob.desks_in_state(), both);

    // Each desk committed only its own files.
    for (desk, id) in [(&ann, &a), (&bob, &b)] {
        let log = git(&desk.share, &["log", "--format=%an", "--name-only"]);
        let mut author = "";
        for line in log.lines().filter(|l| !l.is_empty()) {
            if !line.contains('/') && !line.starts_with('.') {
                author = line;
                continue;
            }
            if line.starts_with("desks/") && author == "ann" {
                assert!(line.contains(a.as_str()), "ann committed {line}");
            }
            if line.starts_with("desks/") && author == "bob" {
                assert!(line.contains(b.as_str()), "bob committed {line}");
            }
        }
        let attrs = fs::read_to_string(desk.share.join(".gitattributes")).unwrap();
        assert!(attrs.contains("desks/*.jsonl merge=union"), "{attrs}");
        assert!(desk.share.join(format!("desks/{id}.jsonl")).exists());
    }
    // Nothing left uncommitted in either clone.
    for desk in [&ann, &bob] {
        let status = git(&desk.share, &["status", "--porcelain"]);
        assert!(status.trim().is_empty(), "{status}");
    }

    // A handover made by Ann, accepted by Bob after a sync.
    let out = ann.ok(&["handover", "--to", "bob"]);
    assert!(out.contains("handed over to bob"), "{out}");
    let report = ann.state.with_file_name("reports");
    assert!(fs::read_dir(&report).unwrap().count() == 1);
    ann.ok(&["sync"]);
    let refused = bob.run(&["accept"]);
    assert!(!refused.status.success(), "nothing to accept before a sync");
    bob.ok(&["sync"]);
    let out = bob.ok(&["accept"]);
    assert!(
        out.contains("accepted the handover from ann to bob"),
        "{out}"
    );
    let again = bob.run(&["accept"]);
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("held by bob"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn a_git_failure_is_shown_with_gits_own_words() {
    let root = tempfile::tempdir().unwrap();
    let bare = root.path().join("remote.git");
    git(
        root.path(),
        &["init", "--quiet", "--bare", bare.to_str().unwrap()],
    );
    let ann = Desk::new(root.path(), "ann", &bare);
    ann.ok(&["status"]);
    // The remote goes away.
    git(
        &ann.share,
        &[
            "remote",
            "set-url",
            "origin",
            root.path().join("gone.git").to_str().unwrap(),
        ],
    );
    let out = ann.run(&["sync"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("git ls-remote"), "{err}");
    assert!(err.contains("gone.git"), "git's stderr is shown: {err}");
}

#[test]
fn sync_without_a_share_says_how_to_name_one() {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("config.toml");
    fs::write(&config, "").unwrap();
    let out = Command::new(BIN)
        .args(["sync", "--state"])
        .arg(root.path().join("state.json"))
        .arg("--config")
        .arg(&config)
        .env_remove("WATCHDESK_SHARE")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--share DIR"));
}
