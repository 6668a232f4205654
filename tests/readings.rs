//! Readings kept beside the brief texts (`briefs/<id>.reading`, see
//! `src/store/readings.rs`): written by the commands that write, never by a
//! query, used by the queries when they were made from the same text and
//! corrections by this parser, and passed over otherwise. Whatever is kept
//! (nothing, a stale reading, a damaged one), the queries print the same.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::{Failure, command, describe, ensure};
use watchdesk::brief::{self, BriefId, BriefSource, Correction, WindowSpec};
use watchdesk::review::Desk;
use watchdesk::store::Store;
use watchdesk::store::library::Library;
use watchdesk::watch::Watch;

fn err(e: impl std::fmt::Display) -> Failure {
    Failure(e.to_string())
}

/// Run watchdesk and return what it printed; an error unless it succeeded.
fn run(state: &Path, args: &[&str]) -> Result<String, Failure> {
    let out = command(state).args(args).output().map_err(err)?;
    ensure(out.status.success(), || {
        format!("watchdesk {args:?} failed: {}", describe(&out))
    })?;
    String::from_utf8(out.stdout).map_err(err)
}

/// The queries compared, with windows long past so nothing in them moves
/// while the test runs.
const QUERIES: &[&[&str]] = &[
    &["status"],
    &["status", "--json"],
    &["list", "--json", "--all"],
    &["list"],
];

fn queries(state: &Path) -> Result<Vec<String>, Failure> {
    QUERIES.iter().map(|q| run(state, q)).collect()
}

/// Three watches added with windows from January 2020; their ids.
fn three_watches(dir: &Path, state: &Path) -> Result<Vec<String>, Failure> {
    let mut ids = Vec::new();
    for n in 1..=3 {
        let text = brief::DEFAULT_BRIEF_TEXT.replacen(
            "Nuclear Proliferation Reshapes Alliance Priorities",
            &format!("Watch {n}\n\nNuclear Proliferation Reshapes Alliance Priorities"),
            1,
        );
        let file = dir.join(format!("b{n}.txt"));
        fs::write(&file, text).map_err(err)?;
        let issued = format!("2020-01-0{n}T00:00:00Z");
        let out = run(
            state,
            &["--issued", &issued, "add", file.to_str().unwrap_or("")],
        )?;
        let id = out
            .split_whitespace()
            .nth(1)
            .ok_or_else(|| Failure(format!("no id in {out:?}")))?;
        ids.push(id.to_string());
    }
    Ok(ids)
}

fn reading(dir: &Path, id: &str) -> PathBuf {
    dir.join("briefs").join(format!("{id}.reading"))
}

fn readings(dir: &Path) -> Result<Vec<String>, Failure> {
    let mut names: Vec<String> = fs::read_dir(dir.join("briefs"))
        .map_err(err)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".reading"))
        .collect();
    names.sort();
    Ok(names)
}

/// Record a correction on watch `id` as the desk's outline view does: its
/// window becomes 24 hours.
fn correct_window(dir: &Path, state: &Path, id: &str) -> Result<(), Failure> {
    let store = Store::new(state.to_path_buf());
    let log = store
        .peek()
        .map_err(err)?
        .briefs
        .remove(id)
        .map(|b| b.events)
        .unwrap_or_default();
    let text = fs::read_to_string(dir.join("briefs").join(format!("{id}.txt"))).map_err(err)?;
    let mut w = Watch::from_text(
        text.into(),
        BriefSource::Default,
        log,
        Desk::new("test", None, 1),
    );
    let now = "2020-01-01T06:00:00Z"
        .parse()
        .map_err(|e: chrono::ParseError| err(e))?;
    w.correct(now, vec![Correction::SetWindow(WindowSpec::hours(24))]);
    store
        .save(&w.brief.id, &w.brief.title, &w.log)
        .map_err(err)?;
    Ok(())
}

fn same(what: &str, a: &[String], b: &[String]) -> Result<(), Failure> {
    for ((q, x), y) in QUERIES.iter().zip(a).zip(b) {
        ensure(x == y, || {
            format!("{what}: `watchdesk {q:?}` differs:\n--- with ---\n{x}\n--- without ---\n{y}")
        })?;
    }
    Ok(())
}

#[test]
fn queries_print_the_same_with_or_without_kept_readings() -> Result<(), Failure> {
    let tmp = tempfile::tempdir().map_err(err)?;
    let dir = tmp.path();
    let state = dir.join("state.json");
    let ids = three_watches(dir, &state)?;
    ensure(readings(dir)?.len() == 3, || {
        format!("add keeps each brief's reading: {:?}", readings(dir))
    })?;

    // A correction recorded since watch 1's reading was kept: the reading
    // is of no use for it, and the correction applies.
    correct_window(dir, &state, &ids[0])?;
    let kept_before: Vec<Vec<u8>> = ids
        .iter()
        .map(|id| fs::read(reading(dir, id)))
        .collect::<Result<_, _>>()
        .map_err(err)?;
    let with = queries(&state)?;
    let list: serde_json::Value = serde_json::from_str(&with[2]).map_err(err)?;
    let end = list
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == ids[0].as_str()))
        .map(|r| r["window_end"].clone());
    ensure(end == Some("2020-01-02T00:00:00Z".into()), || {
        format!("the corrected window (24 h) is read: {end:?}\n{list:#}")
    })?;
    // The queries wrote nothing: the readings are as they were.
    for (id, before) in ids.iter().zip(&kept_before) {
        ensure(
            fs::read(reading(dir, id)).ok().as_ref() == Some(before),
            || format!("a query rewrote the reading of {id}"),
        )?;
    }

    // Without any reading kept: the same, and the queries keep none.
    for id in &ids {
        fs::remove_file(reading(dir, id)).map_err(err)?;
    }
    let without = queries(&state)?;
    same("no readings kept", &with, &without)?;
    ensure(readings(dir)?.is_empty(), || {
        format!("a query kept readings: {:?}", readings(dir))
    })?;

    // A command that records keeps them again (watch 1's with its
    // correction), and the queries print the same from them.
    run(&state, &["add", dir.join("b2.txt").to_str().unwrap_or("")])?;
    ensure(readings(dir)?.len() == 3, || {
        format!("add keeps every reading: {:?}", readings(dir))
    })?;
    same("readings kept again", &queries(&state)?, &without)?;

    // Damaged readings are passed over.
    for id in &ids {
        fs::write(reading(dir, id), b"{\"format\":1}\n{\"id\":").map_err(err)?;
    }
    same("damaged readings", &queries(&state)?, &without)?;
    Ok(())
}

#[test]
fn a_kept_reading_is_what_the_queries_show_until_it_is_stale() -> Result<(), Failure> {
    let tmp = tempfile::tempdir().map_err(err)?;
    let dir = tmp.path();
    let state = dir.join("state.json");
    let ids = three_watches(dir, &state)?;
    let plain = queries(&state)?;

    // A reading kept for watch 2's very text, by this parser, with a title
    // of its own: the queries take it (they do not parse the brief).
    let library = Library::beside(&state);
    let id = BriefId(ids[1].clone());
    let text = library
        .load_text(&id)
        .ok_or_else(|| Failure("no text".into()))?
        .map_err(err)?;
    let mut planted = brief::parse(&text).map_err(err)?;
    planted.title = "Planted Title".into();
    library.keep_reading(&text, &[], &planted).map_err(err)?;
    let shown = run(&state, &["list"])?;
    ensure(shown.contains("Planted Title"), || {
        format!("the kept reading is used:\n{shown}")
    })?;

    // Made by another parser: passed over.
    let path = reading(dir, &ids[1]);
    let kept = fs::read_to_string(&path).map_err(err)?;
    let older = kept.replacen("\"parser\":\"", "\"parser\":\"0", 1);
    ensure(older != kept, || "the header names its parser".into())?;
    fs::write(&path, older).map_err(err)?;
    same("a reading by another parser", &queries(&state)?, &plain)?;

    // Made from another text: passed over.
    library
        .keep_reading(&(text.clone() + "\nmore"), &[], &planted)
        .map_err(err)?;
    same("a reading of another text", &queries(&state)?, &plain)?;
    Ok(())
}
