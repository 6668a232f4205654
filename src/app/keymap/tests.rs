use super::*;
use crossterm::event::KeyModifiers;

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    let every: Vec<&Binding> = all().collect();
    for (i, a) in every.iter().enumerate() {
        for b in &every[i + 1..] {
            assert!(
                !(a.mode == b.mode && a.key == b.key),
                "{:?} bound twice in {:?}",
                a.key,
                a.mode
            );
        }
    }
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn bound_keys_act_and_only_text_modes_take_the_rest() {
    use super::super::Msg;
    let x = key(KeyCode::Char('x'));
    assert_eq!(
        message(Mode::Normal, &x),
        Some(Msg::Action(Action::MarkNotObserved))
    );
    // In a note or a search, a letter is text, even one bound elsewhere.
    assert_eq!(message(Mode::Note, &x), Some(Msg::Input(x)));
    assert_eq!(message(Mode::Search, &x), Some(Msg::Input(x)));
    // Keys bound in a text mode still act there.
    assert_eq!(
        message(Mode::Note, &key(KeyCode::Esc)),
        Some(Msg::Action(Action::Close))
    );
    // Unbound keys mean nothing where there is no text input.
    let z = key(KeyCode::Char('Z'));
    for mode in [Mode::Normal, Mode::Help, Mode::Timeline, Mode::Assess] {
        assert_eq!(message(mode, &z), None, "{mode:?}");
    }
    // A key's release is never typed.
    let mut released = key(KeyCode::Char('a'));
    released.kind = KeyEventKind::Release;
    assert_eq!(message(Mode::Note, &released), None);
}
