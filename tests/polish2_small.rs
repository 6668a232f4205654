//! Issue 15, the log and the small things: folded undo/redo, the closing
//! assessment named as one, report file names, long notices, a cancelled
//! quit after a failed save, staleness on first opening, `status --json`.

mod common;
mod support;

use chrono::Duration;
use common::{model, press, t0};
use watchdesk::app::{Action as A, Effect, Msg, update};
use watchdesk::review::{ItemRef, Status};
use watchdesk::ui::timeline;

#[test]
fn undo_and_redo_are_quiet_and_a_run_of_them_is_one_row() {
    let mut m = model();
    press(&mut m, &[A::FocusIndicators, A::Toggle], 1);
    for k in 0..3 {
        press(&mut m, &[A::Undo], 2 + 2 * k);
        press(&mut m, &[A::Redo], 3 + 2 * k);
    }
    press(&mut m, &[A::Undo], 10);
    let rows = timeline::entries(&m);
    // The window, the change, and one folded row for seven undos and redos.
    assert_eq!(rows.len(), 3, "{rows:#?}");
    assert!(rows[0].quiet);
    assert_eq!(
        rows[0].what,
        "undo/redo ×7: I1 watching → observed (left undone)"
    );
    assert!(rows[1].undone && rows[1].what == "I1 watching → observed");
    assert_eq!(rows[1].when, "261430:01Z NOV 26", "to the second");
    // The report says (undone) where the desk does.
    let r = watchdesk::report::Report::build(m.watch(), &m.settings, None, t0(), None);
    assert!(
        r.log
            .iter()
            .any(|l| l.undone && l.change == "I1 watching → observed")
    );
    let md = r.render(watchdesk::report::Format::Md);
    assert!(md.contains("I1 watching → observed (undone)"), "{md}");
    // One lone undo is a quiet row of its own.
    press(&mut m, &[A::Down, A::Toggle, A::Undo], 20);
    let rows = timeline::entries(&m);
    assert!(
        rows[0].quiet && rows[0].what.starts_with("undo: I2"),
        "{rows:#?}"
    );
}

#[test]
fn a_closing_assessment_is_logged_as_one_after_the_deadline() {
    let mut m = model();
    let late = 72 * 3600 + 5;
    update(&mut m, Msg::Tick, t0() + Duration::seconds(late));
    assert_eq!(m.mode, watchdesk::app::Mode::Assess);
    press(&mut m, &[A::MarkObserved], late + 1);
    assert_eq!(m.watch().review.status_of(0), Status::Observed);
    let rows = timeline::entries(&m);
    let row = rows
        .iter()
        .find(|r| r.what.contains("closing assessment"))
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert_eq!(
        row.what,
        "I1 closing assessment, after the deadline: observed"
    );
}

#[test]
fn the_report_file_is_named_by_title_and_time_and_its_path_shows_whole() {
    let mut m = model();
    let effects = press(&mut m, &[A::Export], 65);
    let Some(Effect::Export { file_name, .. }) = effects.first() else {
        panic!("{effects:?}");
    };
    assert_eq!(
        file_name,
        "nuclear-proliferation-reshapes-alliance-priorities-20261126-143105Z.md"
    );
    let path =
        format!("/home/analyst/.local/share/watchdesk/reports/a/deeply/nested/folder/{file_name}");
    update(&mut m, Msg::Exported { path: path.clone() }, t0());
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("t");
    t.draw(|f| watchdesk::ui::draw(f, &m, &Default::default(), t0()))
        .expect("draw");
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .chunks(80)
        .map(|row| {
            row.iter()
                .map(|c| c.symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("");
    assert!(screen.contains(&path), "the whole path:\n{}", t.backend());
    insta::assert_snapshot!(t.backend());
}

#[test]
fn after_a_failed_save_q_and_then_a_good_retry_do_not_quit() {
    let mut m = model();
    let effects = press(&mut m, &[A::Toggle], 1);
    let Some(Effect::Save {
        brief, generation, ..
    }) = effects.last().cloned()
    else {
        panic!("a save");
    };
    let error = "Permission denied (os error 13): /very/long/path/to/the/state/file/state.json \
                 could not be replaced";
    update(
        &mut m,
        Msg::SaveFailed {
            brief: brief.clone(),
            generation,
            error: error.into(),
        },
        t0(),
    );
    assert!(
        m.notice.as_ref().is_some_and(|n| n.text.contains(error)),
        "whole error"
    );
    press(&mut m, &[A::Quit], 2);
    assert!(!m.quit && m.quit_armed);
    update(
        &mut m,
        Msg::Saved {
            brief,
            generation,
            theirs: Vec::new(),
        },
        t0() + Duration::seconds(7),
    );
    assert!(!m.quit, "the success does not quit by itself");
    assert!(!m.quit_armed, "the pending quit is cancelled");
    press(&mut m, &[A::Quit], 8);
    assert!(m.quit, "q quits now that all is saved");
}

#[test]
fn a_brief_opened_for_the_first_time_is_not_stale() {
    use watchdesk::brief::BriefSource;
    let mut m =
        watchdesk::app::Model::new(common::default_brief(), BriefSource::Default, Vec::new(), 9);
    // Issued a day ago, opened now for the first time.
    m.ensure_window(t0(), Some(t0() - Duration::hours(24)));
    assert!(!m.is_stale(t0() + Duration::minutes(1)));
    assert!(
        m.is_stale(t0() + Duration::hours(7)),
        "but it goes stale untouched"
    );
    press(&mut m, &[A::Toggle], 7 * 3600);
    assert!(!m.is_stale(t0() + Duration::hours(7)));
    let _ = ItemRef::Theme(0);
}

#[test]
fn status_json_carries_the_whole_review() {
    let (_dir, state) = support::temp_state();
    let run = |args: &[&str]| {
        let out = support::command(&state).args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            support::describe(&out)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let added = run(&["add", "tests/fixtures/board/gulf-shipping.txt"]);
    let (_, rest) = added.split_once(": ").expect("added: ID title");
    let id = rest.split_whitespace().next().expect("an id").to_string();
    run(&["--watch", &id, "mark", "W1", "reviewed"]);
    run(&["--watch", &id, "note", "I2", "convoy seen"]);
    let v: serde_json::Value =
        serde_json::from_str(&run(&["--watch", &id, "status", "--json"])).expect("JSON");
    let w = &v;
    assert_eq!(w["stale"], false);
    assert!(w["last_touched"].is_string());
    let level = w["indicators"][1]["level"].as_str().expect("a level");
    assert!(
        ["normal", "amber", "red", "expired"].contains(&level),
        "{level}"
    );
    let note = &w["indicators"][1]["notes"][0];
    assert_eq!(note["text"], "convoy seen");
    assert!(note["at"].is_string());
    assert_eq!(w["washington"][0]["reviewed"], true);
    assert_eq!(w["window_assumed"], false, "the brief names its window");
}
