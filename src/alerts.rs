//! The escapes that catch an analyst's eye: the bell and desktop
//! notifications (OSC 9, understood by iTerm2, WezTerm, kitty and others;
//! OSC 777, understood by VTE terminals and foot). tmux passes them on when
//! `allow-passthrough` is on, so inside tmux they are wrapped for it.

/// Control characters could end the escape early or smuggle in another.
fn clean(s: &str) -> String {
    crate::safe::one_line(s).replace(['\u{241b}', '\u{2407}', ';'], " ")
}

/// OSC 9 and OSC 777 notifications for `title` and `body`, wrapped for tmux
/// when running inside it.
pub fn notification(title: &str, body: &str) -> String {
    notification_for(title, body, std::env::var_os("TMUX").is_some())
}

pub fn notification_for(title: &str, body: &str, in_tmux: bool) -> String {
    let (title, body) = (clean(title), clean(body));
    let osc9 = format!("\x1b]9;{title}: {body}\x1b\\");
    let osc777 = format!("\x1b]777;notify;{title};{body}\x1b\\");
    if in_tmux {
        // tmux passthrough: ESC P tmux; <escape with ESC doubled> ESC \
        let wrap = |s: &str| format!("\x1bPtmux;{}\x1b\\", s.replace('\x1b', "\x1b\x1b"));
        wrap(&osc9) + &wrap(&osc777)
    } else {
        osc9 + &osc777
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_escapes_are_written_and_control_characters_dropped() {
        let s = notification_for("watchdesk", "I1 RED\x07;x", false);
        assert!(s.starts_with("\x1b]9;watchdesk: I1 RED  x\x1b\\"));
        assert!(s.ends_with("\x1b]777;notify;watchdesk;I1 RED  x\x1b\\"));
        assert_eq!(s.matches('\x07').count(), 0);
    }

    #[test]
    fn inside_tmux_they_are_wrapped_for_passthrough() {
        let s = notification_for("t", "b", true);
        assert!(s.starts_with("\x1bPtmux;\x1b\x1b]9;t: b"));
        assert_eq!(s.matches("\x1bPtmux;").count(), 2);
    }
}
