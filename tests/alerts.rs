//! Urgency levels, alerts once per crossing, expiry and the closing
//! assessment, staleness and the status line, at fixed times.

mod common;

use chrono::Duration;
use common::{default_brief, model, press, t0};
use watchdesk::app::{Action as A, Effect, Mode, Model, Msg, update};
use watchdesk::brief::BriefSource;
use watchdesk::review::{EventKind, ItemRef, Level, Status};

fn tick(m: &mut Model, hours: f64) -> Vec<Effect> {
    let at = t0() + Duration::seconds((hours * 3600.0) as i64);
    update(m, Msg::Tick, at).effects
}

fn alerts(effects: &[Effect]) -> Vec<&Effect> {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Alert { .. }))
        .collect()
}

fn alert_events(m: &Model) -> Vec<(ItemRef, Level)> {
    m.watch()
        .log
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Alert { item, level } => Some((item, level)),
            _ => None,
        })
        .collect()
}

#[test]
fn each_crossing_alerts_once_and_is_remembered() {
    let mut m = model();
    assert!(alerts(&tick(&mut m, 1.0)).is_empty(), "71 h left: normal");
    assert!(alerts(&tick(&mut m, 47.0)).is_empty(), "25 h left: normal");
    let first = tick(&mut m, 48.0);
    let a = alerts(&first);
    assert_eq!(a.len(), 1, "one alert for the crossing into amber");
    match a[0] {
        Effect::Alert { bell, notify } => {
            assert!(*bell);
            let (_, body) = notify.as_ref().expect("a notification");
            assert!(body.contains("I1, I2, I3 AMBER"), "{body}");
        }
        _ => unreachable!(),
    }
    assert!(
        first.iter().any(|e| matches!(e, Effect::Save { .. })),
        "the crossing is saved"
    );
    assert!(alerts(&tick(&mut m, 50.0)).is_empty(), "not again in amber");
    assert_eq!(alerts(&tick(&mut m, 66.5)).len(), 1, "red");
    assert!(alerts(&tick(&mut m, 67.0)).is_empty());

    // A desk started again from the saved log does not ring for them again.
    let mut again = Model::new(
        default_brief(),
        BriefSource::Default,
        m.watch().log.to_vec(),
        9,
    );
    assert!(alerts(&tick(&mut again, 67.0)).is_empty());
    assert_eq!(
        alerts(&tick(&mut again, 72.0)).len(),
        1,
        "expiry still rings"
    );
}

#[test]
fn closed_indicators_do_not_alert() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 10); // I1 observed
    tick(&mut m, 48.0);
    let items: Vec<ItemRef> = alert_events(&m).into_iter().map(|(i, _)| i).collect();
    assert_eq!(items, vec![ItemRef::Indicator(1), ItemRef::Indicator(2)]);
}

#[test]
fn a_desk_opened_late_rings_once_for_the_current_level_only() {
    let mut m = model();
    let a = tick(&mut m, 70.0);
    assert_eq!(alerts(&a).len(), 1);
    let levels: Vec<Level> = alert_events(&m).into_iter().map(|(_, l)| l).collect();
    assert_eq!(levels, vec![Level::Red; 3]);
}

#[test]
fn thresholds_come_from_the_settings() {
    let mut m = model();
    m.settings.thresholds.amber = Duration::hours(60);
    assert_eq!(
        alerts(&tick(&mut m, 13.0)).len(),
        1,
        "59 h left is amber at 60 h"
    );
}

#[test]
fn no_bell_or_notification_when_turned_off() {
    let mut m = model();
    m.settings.bell = false;
    m.settings.notify = false;
    let a = tick(&mut m, 48.0);
    assert!(matches!(
        alerts(&a)[..],
        [Effect::Alert {
            bell: false,
            notify: None
        }]
    ));
}

#[test]
fn expiry_asks_for_a_closing_assessment_with_an_optional_note() {
    let mut m = model();
    press(&mut m, &[A::FocusIndicators, A::Toggle], 10); // I1 observed, closed
    tick(&mut m, 72.0);
    assert_eq!(m.mode, Mode::Assess);
    assert_eq!(m.assessing, Some(1), "the first indicator still watching");
    press(&mut m, &[A::MarkNotObserved], 72 * 3600 + 30);
    assert_eq!(m.watch().review.status_of(1), Status::NotObserved);
    assert_eq!(
        m.watch().review.status_at[1],
        Some(t0() + Duration::seconds(72 * 3600 + 30)),
        "the desk says when it was recorded"
    );
    assert_eq!(m.mode, Mode::Note, "then an optional note");
    press(&mut m, &[A::Close], 72 * 3600 + 31);
    // The next expired indicator is asked for on the next tick.
    tick(&mut m, 72.01);
    assert_eq!(m.assessing, Some(2));
    press(&mut m, &[A::Close], 72 * 3600 + 40);
    assert_eq!(
        m.watch().review.status_of(2),
        Status::Watching,
        "decided later"
    );
    assert_eq!(m.mode, Mode::Normal);
    tick(&mut m, 73.0);
    assert_eq!(m.mode, Mode::Normal, "asked once");
}

#[test]
fn staleness_is_flagged_after_the_limit() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 60);
    let at = |h: f64| t0() + Duration::seconds((h * 3600.0) as i64);
    assert!(!m.is_stale(at(3.0)));
    assert!(m.is_stale(at(4.1)));
    assert!(m.status_line(at(4.1)).ends_with("| STALE"));
    m.settings.stale_after = Duration::hours(8);
    assert!(!m.is_stale(at(4.1)));
}

#[test]
fn the_status_line_names_the_most_urgent_open_indicator() {
    let mut m = model();
    press(&mut m, &[A::Toggle], 0); // I1 observed
    let at = t0() + Duration::hours(66) + Duration::minutes(47) + Duration::seconds(51);
    assert_eq!(m.status_line(at), "WD 1/3 obs | I2 05:12:09 RED | STALE");
    press(
        &mut m,
        &[A::Down, A::Toggle, A::Down, A::Toggle, A::Toggle],
        60,
    );
    assert_eq!(
        m.status_line(t0() + Duration::hours(1)),
        "WD 2/3 obs | all closed"
    );
}

#[test]
fn the_status_line_stays_under_80_columns_for_long_briefs() {
    let text = {
        let mut s = String::from("A Title\n\nSome text.\n\nOutlook\n\nOver the next 72 hours:\n\n");
        for i in 1..=250 {
            s += &format!("{i}. indicator number {i} with a long description of what to watch\n");
        }
        s
    };
    let brief = watchdesk::brief::parse(&text).expect("parses");
    assert_eq!(brief.indicators.len(), 250);
    let mut m = Model::new(brief, BriefSource::Default, Vec::new(), 1);
    m.ensure_window(t0(), None);
    for h in [0, 50, 70, 80] {
        let line = m.status_line(t0() + Duration::hours(h) + Duration::hours(10));
        assert!(line.chars().count() <= 80, "{line}");
        assert!(line.starts_with("WD 0/250 obs | I1 "), "{line}");
    }
}

#[test]
fn the_terminal_title_follows_the_countdown() {
    let mut m = model();
    let first = update(&mut m, Msg::Tick, t0() + Duration::seconds(1));
    assert!(first.contains(&Effect::Title("WD 0/3 obs | I1 71:59:59".into())));
    let same = update(&mut m, Msg::Tick, t0() + Duration::seconds(1));
    assert!(
        !same.iter().any(|e| matches!(e, Effect::Title(_))),
        "only on change"
    );
}

#[test]
fn a_read_only_desk_alerts_but_records_nothing() {
    let mut m = model();
    m.read_only = true;
    let before = m.watch().log.len();
    let a = tick(&mut m, 48.0);
    assert_eq!(alerts(&a).len(), 1);
    assert_eq!(m.watch().log.len(), before);
    assert!(!a.iter().any(|e| matches!(e, Effect::Save { .. })));
    assert!(alerts(&tick(&mut m, 49.0)).is_empty(), "still only once");
    assert_eq!(m.mode, Mode::Normal);
    tick(&mut m, 72.0);
    assert_eq!(m.mode, Mode::Normal, "no assessment on a wall display");
}

/// Thresholds from the config are the ones the log, the help legend and
/// the report name, and the ones the levels follow.
#[test]
fn configured_thresholds_are_named_everywhere() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use watchdesk::clock::Thresholds;
    use watchdesk::report::{Format, Report};
    use watchdesk::ui::{self, styles::Palette};

    let mut m = model();
    m.settings.thresholds = Thresholds {
        amber: Duration::hours(30),
        red: Duration::minutes(90),
    };
    // 29 h left: amber with these thresholds (normal with 24 h).
    let effects = tick(&mut m, 43.0);
    assert_eq!(alerts(&effects).len(), 1, "one amber alert");
    assert!(alert_events(&m).contains(&(ItemRef::Indicator(0), Level::Amber)));
    // 1 h left: red at 1.5 h.
    let effects = tick(&mut m, 71.0);
    assert_eq!(alerts(&effects).len(), 1, "one red alert");

    let now = t0() + Duration::hours(71);
    let md = Report::build(m.watch(), &m.settings, m.utc_offset, now, None).render(Format::Md);
    assert!(md.contains("AMBER: 30 h or less left"), "{md}");
    assert!(md.contains("RED: 1.5 h or less left"), "{md}");
    assert!(!md.contains("24 h"), "{md}");

    update(&mut m, Msg::Action(A::Timeline), now);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    term.draw(|f| ui::draw(f, &m, &Palette::default(), now))
        .expect("draw");
    let log = term.backend().to_string();
    assert!(log.contains("AMBER: 30 h or less left"), "{log}");

    update(&mut m, Msg::Action(A::Close), now);
    update(&mut m, Msg::Action(A::Help), now);
    for _ in 0..200 {
        update(&mut m, Msg::Action(A::Down), now);
    }
    term.draw(|f| ui::draw(f, &m, &Palette::default(), now))
        .expect("draw");
    let help = term.backend().to_string();
    assert!(help.contains("AMBER ≤ 30 h left"), "{help}");
    assert!(help.contains("RED ≤ 1.5 h left"), "{help}");
}
