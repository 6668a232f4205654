//! Times out of range in the state file never crash: a window start so far
//! ahead that its deadline cannot be computed, and events stamped at the
//! last representable second, in `status`, `export` and the desk.

mod support;

use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use support::{TIMEOUT, command, temp_state};
use watchdesk::app::{Action, Model, Msg, update};
use watchdesk::brief::{Brief, BriefSource};
use watchdesk::review::{Desk, Event, EventKind, ItemRef};
use watchdesk::store::CURRENT_VERSION;
use watchdesk::ui::styles::Palette;

const FAR: &str = "+262142-12-31T00:00:00Z";
const LAST: &str = "+262142-12-31T23:59:59Z";

fn far_log() -> Vec<Event> {
    let far: DateTime<Utc> = FAR.parse().expect("time");
    let last: DateTime<Utc> = LAST.parse().expect("time");
    let mut desk = Desk::new("far-desk", None, 7);
    let mut window = desk.next(
        far,
        EventKind::WindowSet {
            start: far,
            explicit: true,
        },
    );
    window.id = "far-window".into();
    let mut note = desk.next(
        last,
        EventKind::Note {
            item: ItemRef::Indicator(0),
            text: "from the end of time".into(),
            source: None,
            confidence: None,
            author: None,
        },
    );
    note.id = "last-note".into();
    vec![window, note]
}

fn write_state(state: &Path) -> Brief {
    let brief = Brief::default_brief().expect("default brief");
    let file = serde_json::json!({
        "version": CURRENT_VERSION,
        "briefs": { brief.id.as_str(): { "title": brief.title, "events": far_log() } },
    });
    std::fs::write(state, serde_json::to_vec(&file).expect("json")).expect("write");
    brief
}

#[test]
fn status_and_export_report_the_entry_and_do_not_panic() {
    let (_dir, state) = temp_state();
    write_state(&state);
    for args in [
        vec!["status"],
        vec!["status", "--json"],
        vec!["export"],
        vec!["export", "--format", "json"],
    ] {
        let out = command(&state).args(&args).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?}: {}",
            support::describe(&out)
        );
        assert!(
            err.contains(&state.display().to_string())
                && err.contains("event far-window")
                && err.contains(FAR),
            "{args:?} names the file and the entry: {err}"
        );
    }
}

#[test]
fn the_desk_model_draws_and_ticks_with_far_times() {
    let brief = Brief::default_brief().expect("default brief");
    let mut m = Model::new(brief, BriefSource::Default, far_log(), 7);
    // East of Greenwich: local time of the last second is past the range.
    m.utc_offset = FixedOffset::east_opt(14 * 3600);
    assert_eq!(m.watch().deadline(0), None);
    assert_eq!(m.watch().window_end(), None);
    let now: DateTime<Utc> = "2026-11-26T14:30:00Z".parse().expect("time");
    for msg in [
        Msg::Tick,
        Msg::Action(Action::Timeline),
        Msg::Action(Action::Close),
        Msg::Action(Action::Export),
        Msg::Tick,
    ] {
        update(&mut m, msg, now);
        let mut t = Terminal::new(TestBackend::new(120, 36)).expect("terminal");
        t.draw(|f| watchdesk::ui::draw(f, &m, &Palette::default(), now))
            .expect("draw");
    }
    let report = watchdesk::report::Report::build(m.watch(), &m.settings, m.utc_offset, now, None);
    assert!(report.markdown().contains("from the end of time"));
}

#[test]
fn the_desk_opens_and_says_what_is_wrong() {
    let (_dir, state) = temp_state();
    write_state(&state);
    let mut desk = support::Desk::spawn(&state, 200, 40, &[]).expect("spawn");
    let screen = desk
        .wait_for("far-window", TIMEOUT)
        .expect("the desk names the event");
    assert!(screen.contains("far-window"), "{screen}");
    desk.send("q");
    let status = desk.wait_exit(TIMEOUT).expect("exit");
    assert_eq!(status.exit_code(), 0);
}
