//! The modules depend downwards only, and no source file is two concerns.
//!
//! Reads every file under `src/` and checks each `crate::module` it names
//! against the layer order below: a module may name only modules on lower
//! layers (so there can be no cycle between top-level modules). Doc
//! comments and plain comments are skipped.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, lowest first. Modules on one layer may not name each other.
const LAYERS: &[&[&str]] = &[
    &["safe", "fsio", "timearg", "json"],
    &["text", "alerts", "input"],
    &["brief", "clock"],
    &["config"],
    &["review"],
    &["timecheck"],
    &["watch"],
    &["store", "report", "share"],
    &["cli"],
    &["app"],
    &["ui"],
    &["effects"],
    &["runtime"],
    &["commands"],
];

/// Source files may not pass this many lines (the parser is being split on
/// a branch of its own).
const MAX_LINES: usize = 600;
const EXEMPT: &[&str] = &["src/brief/parse.rs"];

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read src")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file under `src/` belongs to (None for the crate
/// root and the binary).
fn module_of(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// Every `crate::name` in the code of `text` (not in comments), with its
/// line number.
fn crate_refs(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((n + 1, name));
            }
            rest = after;
        }
    }
    out
}

#[test]
fn modules_depend_downwards_only() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let mut edges: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in &files {
        let Some(module) = module_of(&root, file) else {
            continue;
        };
        let Some(from) = layer(&module) else {
            wrong.push(format!(
                "{}: module `{module}` has no layer",
                file.display()
            ));
            continue;
        };
        let text = fs::read_to_string(file).expect("read");
        for (line, target) in crate_refs(&text) {
            if target == module {
                continue;
            }
            match layer(&target) {
                Some(to) if to < from => {
                    edges
                        .entry((module.clone(), target))
                        .or_insert_with(|| format!("{}:{line}", file.display()));
                }
                Some(_) => wrong.push(format!(
                    "{}:{line}: `{module}` names `{target}`, which is not below it",
                    file.display()
                )),
                None => wrong.push(format!(
                    "{}:{line}: `{target}` has no layer",
                    file.display()
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "upward or sideways imports:\n{}",
        wrong.join("\n")
    );
    // The order is real: the app, the store and the watch are used.
    for (from, to) in [
        ("app", "watch"),
        ("watch", "review"),
        ("runtime", "effects"),
    ] {
        assert!(
            edges.contains_key(&(from.to_string(), to.to_string())),
            "expected {from} → {to}"
        );
    }
}

#[test]
fn the_checker_sees_an_upward_import() {
    let refs =
        crate_refs("use crate::app::Model; // crate::ui in a comment\nlet x = crate::ui::draw;");
    assert_eq!(refs, [(1, "app".to_string()), (2, "ui".to_string())]);
    assert!(layer("app") > layer("report"), "report may not name app");
}

#[test]
fn no_source_file_is_over_600_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter(|f| {
            let rel = f
                .strip_prefix(root)
                .unwrap_or(f)
                .to_string_lossy()
                .into_owned();
            !EXEMPT.contains(&rel.as_str())
        })
        .filter_map(|f| {
            let n = fs::read_to_string(f).expect("read").lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by concern:\n{}",
        long.join("\n")
    );
}
