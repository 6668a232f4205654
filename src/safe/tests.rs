use super::*;
use proptest::prelude::*;

#[test]
fn printable_text_is_borrowed_untouched() {
    for s in ["", "plain ASCII ~!", "é漢👍 e\u{301}", "line\nbreak\ttab"] {
        assert!(matches!(for_terminal(s), Cow::Borrowed(_)), "{s:?}");
        assert_eq!(for_terminal(s), s);
    }
    assert!(matches!(one_line("é漢 ok"), Cow::Borrowed(_)));
}

#[test]
fn c0_controls_become_their_pictures() {
    assert_eq!(for_terminal("a\x1b[2Jb"), "a\u{241b}[2Jb");
    assert_eq!(for_terminal("bell\x07"), "bell\u{2407}");
    assert_eq!(for_terminal("\x00\x08\x0c"), "\u{2400}\u{2408}\u{240c}");
    assert_eq!(for_terminal("\x1b]0;pwned\x07"), "\u{241b}]0;pwned\u{2407}");
    assert_eq!(
        for_terminal("\x1b]52;c;ZWNobw==\x1b\\"),
        "\u{241b}]52;c;ZWNobw==\u{241b}\\"
    );
    assert_eq!(for_terminal("\x1bPq#0\x1b\\"), "\u{241b}Pq#0\u{241b}\\");
}

#[test]
fn del_and_c1_controls_are_replaced() {
    assert_eq!(for_terminal("a\x7fb"), "a\u{2421}b");
    assert_eq!(for_terminal("\u{9b}31m"), "\u{fffd}31m");
    assert_eq!(for_terminal("\u{9d}0;t\u{9c}"), "\u{fffd}0;t\u{fffd}");
    assert_eq!(for_terminal("next\u{85}line"), "next\u{fffd}line");
}

#[test]
fn line_breaks_and_tabs_kept_or_flattened() {
    assert_eq!(for_terminal("a\r\nb\n\tc"), "a\nb\n\tc");
    assert_eq!(for_terminal("a\rb"), "a\u{240d}b");
    assert_eq!(one_line("a\r\nb\n\tc"), "a b  c");
    assert_eq!(one_line("a\u{2028}b\u{2029}c"), "a b c");
}

#[test]
fn bidi_controls_are_removed() {
    let s = "abc\u{202e}fed\u{202c} \u{2066}x\u{2069}\u{2067}\u{2068}\u{200e}\u{200f}\u{61c}\u{202a}\u{202b}\u{202d}";
    assert_eq!(for_terminal(s), "abcfed x");
    assert!(for_terminal(s).chars().all(|c| !is_bidi_control(c)));
}

#[test]
fn zero_width_and_format_characters_are_removed() {
    assert_eq!(
        for_terminal("z\u{200b}e\u{200c}r\u{200d}o\u{2060}\u{feff}"),
        "zero"
    );
    assert_eq!(for_terminal("soft\u{ad}hy\u{2061}\u{e0001}"), "softhy");
    // Combining marks and variation selectors are text: kept.
    assert_eq!(
        for_terminal("e\u{301}\u{2764}\u{fe0f}"),
        "e\u{301}\u{2764}\u{fe0f}"
    );
}

#[test]
fn json_escapes_what_serde_json_leaves_raw() {
    let v = serde_json::json!({"t": "\x1b[2J\x07\x7f\u{9b}\u{202e}\u{200b}\u{2028}\u{e0001} é"});
    let raw = serde_json::to_string(&v).expect("json");
    assert!(raw.contains('\u{9b}'), "serde_json leaves C1 raw");
    let safe = for_json(&raw);
    assert!(safe.chars().all(|c| !is_unsafe(c) || c == '\n'), "{safe}");
    assert!(
        safe.contains("\\u009b") && safe.contains("\\u202e") && safe.contains("\\udb40\\udc01")
    );
    // Nothing is lost: the same value comes back.
    let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
    assert_eq!(back, v);
    // Structure (pretty printing) is kept.
    let pretty = serde_json::to_string_pretty(&v).expect("json");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&for_json(&pretty)).expect("json"),
        v
    );
    assert!(matches!(for_json("{\n  \"a\": \"b\"\n}"), Cow::Borrowed(_)));
}

/// Text from outside, hostile on purpose.
pub(crate) fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        " ",
        "é",
        "漢",
        "👩\u{200d}💻",
        "\n",
        "\t",
        "\r\n",
        "\r",
        "\x1b",
        "\x1b[2J",
        "\x1b[31m",
        "\x1b]0;title\x07",
        "\x1b]52;c;ZWNobw==\x1b\\",
        "\x1bP1$r\x1b\\",
        "\u{9b}",
        "\u{9d}",
        "\u{85}",
        "\x07",
        "\x00",
        "\x7f",
        "\u{202e}",
        "\u{2066}",
        "\u{200f}",
        "\u{200b}",
        "\u{feff}",
        "\u{2060}",
        "\u{ad}",
        "\u{2028}",
        "# ",
        "[x](y)",
        "<b>",
    ]);
    prop_oneof![
        prop::collection::vec(pieces, 0..30).prop_map(|p| p.concat()),
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn nothing_unsafe_survives(s in hostile()) {
        let t = for_terminal(&s);
        prop_assert!(t.chars().all(|c| !is_unsafe(c) || c == '\n' || c == '\t'), "{:?}", t);
        let l = one_line(&s);
        prop_assert!(l.chars().all(|c| !is_unsafe(c)), "{:?}", l);
        // Cleaning twice changes nothing more.
        prop_assert_eq!(for_terminal(&t), t.clone());
        prop_assert_eq!(one_line(&l), l.clone());
    }

    #[test]
    fn json_round_trips_and_is_clean(s in hostile()) {
        let raw = serde_json::to_string_pretty(&serde_json::json!({"s": s})).expect("json");
        let safe = for_json(&raw);
        prop_assert!(safe.chars().all(|c| !is_unsafe(c) || c == '\n'), "{:?}", safe);
        let back: serde_json::Value = serde_json::from_str(&safe).expect("json");
        prop_assert_eq!(back["s"].as_str(), Some(s.as_str()));
    }
}
