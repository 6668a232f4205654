//! The generated shell completions and manual pages follow the command line
//! definition.

use std::process::Command;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_watchdesk"))
        .args(args)
        .env_remove("WATCHDESK_STATE")
        .env_remove("WATCHDESK_CONFIG")
        .output()
        .expect("run watchdesk");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn completions_name_every_command_and_option() {
    for shell in ["bash", "zsh", "fish"] {
        let (ok, out, err) = run(&["completions", shell]);
        assert!(ok, "{shell}: {err}");
        for word in ["check", "status", "export", "since", "brief", "state"] {
            assert!(out.contains(word), "{shell} completion lacks {word}");
        }
    }
}

#[test]
fn completions_refuse_an_unknown_shell() {
    let (ok, _, err) = run(&["completions", "tcsh-ish"]);
    assert!(!ok);
    assert!(err.contains("tcsh-ish"), "{err}");
}

#[test]
fn man_page_lists_the_commands_and_each_has_a_page() {
    let (ok, out, err) = run(&["man"]);
    assert!(ok, "{err}");
    assert!(out.contains(".TH watchdesk 1"), "{out}");
    for cmd in ["check", "status", "export", "config", "completions"] {
        assert!(out.contains(cmd), "main page lacks {cmd}");
    }
    let (ok, out, err) = run(&["man", "export"]);
    assert!(ok, "{err}");
    assert!(out.contains(".TH watchdesk-export 1"), "{out}");
    assert!(out.contains("since"), "{out}");
}

#[test]
fn man_page_of_an_unknown_command_is_an_error() {
    let (ok, out, err) = run(&["man", "frobnicate"]);
    assert!(!ok);
    assert!(out.is_empty());
    assert!(err.contains("frobnicate"), "{err}");
}
