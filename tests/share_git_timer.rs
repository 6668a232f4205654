//! The desk's git timer (`git_sync_minutes`): the runner's link to the
//! share runs `watchdesk sync`'s git half on its looks at the share once
//! the timer is due, and not before. Clocks are injected (no test waits
//! minutes); the remote is a local bare repository (no network).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use watchdesk::app::{Msg, update};
use watchdesk::brief::{Brief, BriefId};
use watchdesk::config::Settings;
use watchdesk::effects::share_link::ShareLink;
use watchdesk::review::{Desk, Event, EventKind, ItemRef, Status};
use watchdesk::share::ShareOptions;
use watchdesk::store::Store;
use watchdesk::ui::{self, styles::Palette};

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Commits the bare repository holds, on any branch.
fn commits(bare: &Path) -> usize {
    git(bare, &["rev-list", "--all", "--count"])
        .trim()
        .parse()
        .expect("a count")
}

fn t0() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().expect("time")
}

/// A desk over a clone of a bare repository, with a hand on the link's
/// monotonic clock.
struct Rig {
    _root: tempfile::TempDir,
    bare: PathBuf,
    share: PathBuf,
    store: Store,
    brief: BriefId,
    desk: Desk,
    log: Vec<Event>,
    /// Seconds the link's monotonic clock is past its start.
    elapsed: Arc<AtomicU64>,
    link: ShareLink,
}

impl Rig {
    /// `minutes`: `git_sync_minutes` as the config gives it. `git_share`:
    /// the share is a clone (else a plain folder).
    fn new(minutes: Option<u32>, git_share: bool) -> Rig {
        let root = tempfile::tempdir().expect("temp dir");
        let bare = root.path().join("remote.git");
        let share = root.path().join("share");
        git(
            root.path(),
            &["init", "--quiet", "--bare", bare.to_str().expect("utf-8")],
        );
        if git_share {
            git(
                root.path(),
                &[
                    "clone",
                    "--quiet",
                    bare.to_str().expect("utf-8"),
                    share.to_str().expect("utf-8"),
                ],
            );
            git(&share, &["config", "user.name", "ann"]);
            git(&share, &["config", "user.email", "ann@example.invalid"]);
        } else {
            fs::create_dir_all(&share).expect("share folder");
        }
        let data = root.path().join("data");
        let store = Store::new(data.join("state.json"));
        let brief = Brief::default_brief().expect("default brief").id;
        let elapsed = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let hand = Arc::clone(&elapsed);
        let link = ShareLink::new(
            ShareOptions {
                dir: share.clone(),
                data_dir: data,
                desk: Some("deskann".into()),
                analyst: Some("Ann".into()),
            },
            minutes,
        )
        .with_clocks(t0, move || {
            start + Duration::from_secs(hand.load(Ordering::SeqCst))
        });
        Rig {
            _root: root,
            bare,
            share,
            store,
            brief,
            desk: Desk::new("deskann", Some("Ann".into()), 1),
            log: Vec::new(),
            elapsed,
            link,
        }
    }

    /// Record a status change and save it, as the desk does (the runner
    /// publishes after each save).
    fn record(&mut self, n: usize) {
        let e = self.desk.next(
            t0(),
            EventKind::Status {
                item: ItemRef::Indicator(n % 3),
                from: Status::Watching,
                to: Status::Observed,
                seen: None,
            },
        );
        self.log.push(e);
        self.store
            .save(&self.brief, "brief", &self.log)
            .expect("save");
        let _ = self.link.publish(&self.brief, &self.log);
    }

    /// One look at the share at `secs` seconds after the start.
    fn look_at(&mut self, secs: u64) -> Vec<Msg> {
        self.elapsed.store(secs, Ordering::SeqCst);
        self.link
            .poll(&self.store, std::slice::from_ref(&self.brief))
    }

    fn last_id(&self) -> String {
        self.log
            .last()
            .map(|e| e.id.to_string())
            .unwrap_or_default()
    }

    /// This desk's events file as the remote has it.
    fn remote_events(&self) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.bare)
            .args(["log", "--all", "-p", "--format=%H"])
            .output()
            .expect("git runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// The git timer's messages among what a look brought.
fn git_results(msgs: &[Msg]) -> Vec<Option<String>> {
    msgs.iter()
        .filter_map(|m| match m {
            Msg::GitSynced { error } => Some(error.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_timer_syncs_at_the_first_look_then_only_once_its_minutes_have_passed() {
    let mut rig = Rig::new(Some(5), true);
    assert_eq!(rig.link.git_timer(), Some(Duration::from_secs(300)));
    rig.record(0);
    let first = rig.last_id();
    assert_eq!(commits(&rig.bare), 0);

    // The first look: due at once (the desk starts caught up).
    let msgs = rig.look_at(0);
    assert_eq!(git_results(&msgs), [None], "{msgs:?}");
    assert_eq!(commits(&rig.bare), 1, "committed and pushed");
    assert!(rig.remote_events().contains(&first));
    assert!(
        rig.remote_events().contains("desks/deskann.jsonl"),
        "{}",
        rig.remote_events()
    );

    // A change a minute later: published to the share at once, but git
    // waits for its timer, look after look.
    rig.record(1);
    let second = rig.last_id();
    for secs in [1, 2, 60, 120, 240, 299] {
        let msgs = rig.look_at(secs);
        assert!(git_results(&msgs).is_empty(), "at {secs} s: {msgs:?}");
    }
    assert_eq!(commits(&rig.bare), 1, "nothing pushed before it is due");
    assert!(!rig.remote_events().contains(&second));
    let own = fs::read_to_string(rig.share.join("desks/deskann.jsonl")).expect("own file");
    assert!(own.contains(&second), "the share has it already");

    // Due: five minutes after the last run.
    let msgs = rig.look_at(300);
    assert_eq!(git_results(&msgs), [None], "{msgs:?}");
    assert_eq!(commits(&rig.bare), 2);
    assert!(rig.remote_events().contains(&second));
    // And not again until five more minutes have passed.
    rig.record(2);
    assert!(git_results(&rig.look_at(301)).is_empty());
    assert!(git_results(&rig.look_at(599)).is_empty());
    assert_eq!(commits(&rig.bare), 2);
    assert_eq!(git_results(&rig.look_at(600)), [None]);
    assert_eq!(commits(&rig.bare), 3);
    // Nothing of this desk left uncommitted in the clone.
    let status = git(&rig.share, &["status", "--porcelain", "--", "desks"]);
    assert!(status.trim().is_empty(), "{status}");
}

#[test]
fn the_timer_is_off_by_default_and_at_zero() {
    assert_eq!(Settings::default().git_sync_minutes, 0, "off by default");
    for minutes in [Some(Settings::default().git_sync_minutes), None] {
        let mut rig = Rig::new(minutes, true);
        assert_eq!(rig.link.git_timer(), None);
        rig.record(0);
        // A day of looks, an hour apart: the share is read, git never runs.
        for hour in 0..24 {
            let msgs = rig.look_at(hour * 3600);
            assert!(git_results(&msgs).is_empty(), "{msgs:?}");
            assert!(
                msgs.iter().any(|m| matches!(m, Msg::ShareSeen(_))),
                "the share is still read: {msgs:?}"
            );
        }
        assert_eq!(commits(&rig.bare), 0);
        let local = git(&rig.share, &["rev-list", "--all", "--count"]);
        assert_eq!(local.trim(), "0", "nothing committed in the clone either");
    }
}

fn screen(m: &watchdesk::app::Model) -> String {
    let mut t = Terminal::new(TestBackend::new(160, 40)).expect("test terminal");
    t.draw(|f| ui::draw(f, m, &Palette::default(), common::t0()))
        .expect("draw");
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_git_error_reaches_the_analyst_in_gits_own_words_until_a_sync_works() {
    let mut rig = Rig::new(Some(1), true);
    // The remote refuses every push, saying why.
    let hook = rig.bare.join("hooks/pre-receive");
    fs::write(
        &hook,
        "#!/bin/sh\necho 'pushes are frozen by the test hook' >&2\nexit 1\n",
    )
    .expect("hook");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    rig.record(0);
    let msgs = rig.look_at(0);
    let results = git_results(&msgs);
    let [Some(error)] = results.as_slice() else {
        panic!("one failed sync expected: {msgs:?}");
    };
    assert!(
        error.contains("pushes are frozen by the test hook"),
        "git's own words: {error}"
    );
    assert_eq!(commits(&rig.bare), 0);

    // On the desk: in the status bar and, until a sync works, the header.
    let mut m = common::model();
    m.share = Some(Default::default());
    for msg in msgs {
        let _ = update(&mut m, msg, common::t0());
    }
    let s = screen(&m);
    assert!(s.contains("GIT SYNC FAILED: git push"), "{s}");
    assert!(s.contains(" git sync failed: git push"), "{s}");
    let notice = m
        .notice
        .as_ref()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(
        notice.contains("pushes are frozen by the test hook"),
        "the status bar has all git said: {notice}"
    );
    // Another notice takes the status bar; the header keeps it.
    let _ = update(
        &mut m,
        Msg::ShareNote {
            text: "something else".into(),
            warning: false,
        },
        common::t0(),
    );
    assert!(screen(&m).contains("GIT SYNC FAILED"), "{}", screen(&m));

    // The remote takes pushes again: the next due sync clears it.
    fs::remove_file(&hook).expect("hook removed");
    assert!(git_results(&rig.look_at(30)).is_empty(), "not due yet");
    let msgs = rig.look_at(60);
    assert_eq!(git_results(&msgs), [None], "{msgs:?}");
    assert_eq!(commits(&rig.bare), 1);
    for msg in msgs {
        let _ = update(&mut m, msg, common::t0());
    }
    let s = screen(&m);
    assert!(!s.contains("GIT SYNC FAILED"), "{s}");
    assert!(s.contains("git sync works again"), "{s}");
}

#[test]
fn a_timer_on_a_share_that_is_not_a_git_work_tree_says_so_once() {
    let mut rig = Rig::new(Some(1), false);
    rig.record(0);
    let said = |msgs: &[Msg]| {
        msgs.iter()
            .filter(|m| {
                matches!(m, Msg::ShareNote { text, warning: true }
                    if text.contains("not a git work tree"))
            })
            .count()
    };
    assert_eq!(said(&rig.look_at(0)), 1);
    assert_eq!(said(&rig.look_at(60)), 0, "said once only");
    assert_eq!(said(&rig.look_at(120)), 0);
    assert!(git_results(&rig.look_at(180)).is_empty());
}
