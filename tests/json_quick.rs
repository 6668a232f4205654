//! The quick JSON reader (`watchdesk::json`) never reads a text otherwise
//! than serde_json does: whenever it returns a value, serde_json returns
//! the same one. It gives up (and serde_json reads the text) on anything
//! outside the shapes it takes, which the share's and the state file's
//! lines never leave.

use proptest::prelude::*;
use serde_json::Value;
use watchdesk::json;
use watchdesk::review::Event;

/// The same reading, or the quick reader gave up.
fn agrees<T>(text: &str) -> Result<bool, TestCaseError>
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    match json::from_str::<T>(text) {
        Some(quick) => {
            let slow = serde_json::from_str::<T>(text);
            prop_assert!(slow.is_ok(), "quick read what serde_json refuses: {text:?}");
            prop_assert_eq!(Some(quick), slow.ok(), "{:?}", text);
            Ok(true)
        }
        None => Ok(false),
    }
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "(.|\n|\"|\\\\|/|\u{1b}|\u{7f}|\u{2028}|\u{1F600}){0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z\"\\\\]{0,6}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Whether every number in `v` is whole and not below zero.
fn plain(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.is_u64(),
        Value::Array(a) => a.iter().all(plain),
        Value::Object(m) => m.values().all(plain),
        _ => true,
    }
}

/// A text changed at one place: a byte dropped, doubled or replaced.
fn mutate(text: &str, at: usize, how: u8, byte: u8) -> String {
    let mut b = text.as_bytes().to_vec();
    if b.is_empty() {
        return String::from_utf8_lossy(&[byte]).into_owned();
    }
    let at = at % b.len();
    match how % 3 {
        0 => {
            b.remove(at);
        }
        1 => b.insert(at, b[at]),
        _ => b[at] = byte,
    }
    String::from_utf8_lossy(&b).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_value_is_read_as_serde_json_reads_it(v in arb_value(), pretty in any::<bool>()) {
        let text = if pretty {
            serde_json::to_string_pretty(&v).unwrap()
        } else {
            serde_json::to_string(&v).unwrap()
        };
        let read = agrees::<Value>(&text)?;
        // Only numbers below zero or with fractions are left to serde_json.
        prop_assert!(read || !plain(&v), "gave up on {text:?}");
    }

    #[test]
    fn a_damaged_text_is_refused_or_read_as_serde_json_reads_it(
        v in arb_value(),
        at in any::<usize>(),
        how in any::<u8>(),
        byte in prop_oneof![Just(b'"'), Just(b'\\'), Just(b','), Just(b'}'), Just(b']'),
            Just(b'0'), Just(b'-'), Just(b' '), Just(b'\n'), Just(0u8), any::<u8>()],
    ) {
        let text = mutate(&serde_json::to_string(&v).unwrap(), at, how, byte);
        agrees::<Value>(&text)?;
    }

    #[test]
    fn text_of_any_kind_is_refused_or_read_alike(text in "[\\[\\]{}\":,0-9a-z\\\\ .\\-]{0,40}") {
        agrees::<Value>(&text)?;
        agrees::<Event>(&text)?;
    }
}

#[test]
fn what_the_desk_writes_is_read_without_giving_up() {
    let samples = [
        r#"{"a":"plain","b":"esc \" \\ \/ \b \f \n \r \t \u001b \u00e9 \u2028","c":[1,0,18446744073709551615],"d":{"e":null,"f":true,"g":false},"h":[]}"#,
        "  {\n  \"pretty\": [\n    1,\n    {}\n  ]\n}\n",
        r#""é and 😀 as they are""#,
        "0",
    ];
    for text in samples {
        let quick: Option<Value> = json::from_str(text);
        let slow: Value = serde_json::from_str(text).unwrap();
        assert_eq!(quick, Some(slow), "{text}");
    }
}

#[test]
fn what_it_does_not_take_is_left_to_serde_json() {
    for text in [
        "1.5",
        "-1",
        "1e3",
        "01",
        "18446744073709551616",
        r#""\ud83d\ude00""#,
        r#""\ud800""#,
        "[1,]",
        r#"{"a":1,}"#,
        "[1] x",
        "\"raw \u{1} control\"",
        r#""\x""#,
        "nul",
        "",
    ] {
        assert!(json::from_str::<Value>(text).is_none(), "{text:?}");
    }
    let deep = "[".repeat(150) + &"]".repeat(150);
    assert!(json::from_str::<Value>(&deep).is_none(), "deep nesting");
    // Refused by the type: serde_json gives the message.
    assert!(json::from_str::<Event>(r#"{"id":"x"}"#).is_none());
    assert!(serde_json::from_str::<Event>(r#"{"id":"x"}"#).is_err());
}
