//! Properties: any sequence of corrections, made in the outline view from
//! the keyboard or recorded on a watch and undone, never panics, and the
//! watch reads the same after a restart from its log.

mod common;

use std::sync::Arc;

use chrono::{Duration, FixedOffset};
use common::t0;
use proptest::prelude::*;
use watchdesk::app::{Action as A, Model, Msg, update};
use watchdesk::brief::{BriefSource, Correction, Mark, WindowSpec};
use watchdesk::review::Desk;
use watchdesk::watch::Watch;

const TEXTS: [&str; 2] = [
    include_str!("fixtures/outline/refused.txt"),
    include_str!("fixtures/outline/own-deadlines.txt"),
];

fn watch(text: &str, log: Vec<watchdesk::review::Event>) -> Watch {
    let mut w = Watch::from_text(
        Arc::from(text),
        BriefSource::Default,
        log,
        Desk::new("p", None, 3),
    );
    w.utc_offset = FixedOffset::east_opt(3600);
    w
}

fn mark() -> impl Strategy<Value = Mark> {
    prop_oneof![
        Just(Mark::ThemeHeading),
        Just(Mark::Washington),
        Just(Mark::Outlook),
        Just(Mark::Indicator),
        Just(Mark::PassedOver),
        Just(Mark::Text),
    ]
}

fn correction() -> impl Strategy<Value = Correction> {
    prop_oneof![
        (0usize..20, 0usize..20, mark()).prop_map(|(a, b, mark)| Correction::Mark {
            first_line: a,
            last_line: b,
            mark
        }),
        (-5i64..10_000).prop_map(|h| Correction::SetWindow(WindowSpec::hours(h))),
        (0usize..6, proptest::option::of(1i64..500)).prop_map(|(i, h)| {
            Correction::SetDeadline {
                indicator: i,
                deadline: h.map(WindowSpec::hours),
            }
        }),
    ]
}

fn action() -> impl Strategy<Value = A> {
    prop_oneof![
        Just(A::Down),
        Just(A::Up),
        Just(A::Top),
        Just(A::Bottom),
        Just(A::ReaderDown),
        Just(A::Extend),
        Just(A::SelectBlock),
        Just(A::MarkHeading),
        Just(A::MarkWashington),
        Just(A::MarkOutlook),
        Just(A::MarkIndicator),
        Just(A::MarkPassed),
        Just(A::MarkText),
        Just(A::Undo),
        Just(A::Commit),
        Just(A::Close),
        Just(A::Outline),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn recorded_corrections_and_undos_never_panic_and_survive_a_restart(
        which in 0usize..2,
        steps in proptest::collection::vec((correction(), any::<bool>()), 0..12),
    ) {
        let mut w = watch(TEXTS[which], Vec::new());
        w.ensure_window(t0(), None);
        for (k, (c, undo)) in steps.into_iter().enumerate() {
            let now = t0() + Duration::seconds(k as i64);
            w.correct(now, vec![c]);
            if undo {
                w.undo(now, Default::default());
            }
            for i in 0..w.brief.indicators.len() + 1 {
                let _ = w.deadline(i);
            }
        }
        let again = watch(TEXTS[which], w.log.to_vec());
        prop_assert_eq!(&again.brief, &w.brief);
        prop_assert_eq!(again.unread().is_some(), w.unread().is_some());
    }

    #[test]
    fn any_keys_in_the_outline_view_never_panic(
        which in 0usize..2,
        keys in proptest::collection::vec(action(), 0..40),
    ) {
        let mut m = Model::with_watch(watch(TEXTS[which], Vec::new()));
        m.ensure_window(t0(), None);
        update(&mut m, Msg::Action(A::Outline), t0());
        for (k, a) in keys.into_iter().enumerate() {
            update(&mut m, Msg::Action(a), t0() + Duration::seconds(k as i64));
            let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24))
                .expect("terminal");
            t.draw(|f| watchdesk::ui::draw(f, &m, &Default::default(), t0())).expect("draw");
        }
        // A watch that reads is never left in a refused state by the view.
        if m.watch().unread().is_some() {
            prop_assert!(m.outline.is_some());
        }
    }
}
