//! The commands for many watches: `add`, `list`, `close`, `reopen`,
//! `mark`, `note`, and `status` / `export` across watches. Queries (`list`,
//! `status`, `export`) never write; the others record through the store's
//! locked merge-save, like a second desk, so a running desk picks them up
//! on its next reload.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::AppError;
use super::status_json::{AllJson, status_json};
use super::watches::{self, Purpose, Watches, library_error, open_all, pick, resolve, save};
use crate::brief::{BriefError, BriefSource};
use crate::cli::Global;
use crate::report::{Format, Report};
use crate::review::{Disposition, EventKind, ItemRef, Status};
use crate::store::library::LibraryError;
use crate::store::library::read_capped;
use crate::watch::{Watch, summary_line, watch_order};

/// Print text that may hold outside text (titles, notes) through the gate.
fn out(text: &str) -> Result<(), AppError> {
    print_gated(text, false)
}

/// Print JSON through the gate (C1, bidi and zero-width escaped).
fn out_json(text: &str) -> Result<(), AppError> {
    print_gated(text, true)
}

fn print_gated(text: &str, json: bool) -> Result<(), AppError> {
    let text = if json {
        crate::safe::for_json(text)
    } else {
        crate::safe::for_terminal(text)
    };
    std::io::stdout()
        .lock()
        .write_all(text.as_bytes())
        .map_err(AppError::Output)
}

/// A watch whose times cannot be computed stops a query, named with the
/// state file and the entry.
fn refuse_time_problems<'a>(
    all: &Watches,
    watches: impl IntoIterator<Item = &'a Watch>,
) -> Result<(), AppError> {
    for w in watches {
        if let Some(problem) = super::window_problem(w) {
            return Err(AppError::Time {
                path: all.store.path().to_path_buf(),
                problem,
            });
        }
    }
    Ok(())
}

/// Both ends of the session are a terminal (standard input and output).
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// `watchdesk add FILE` / `add -`.
pub fn add(global: &Global, file: &Path, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut all = watches::open_to_record(global)?;
    let added = if file == Path::new("-") {
        let bytes = read_capped(Ok(std::io::stdin().lock()), "<stdin>").map_err(library_error)?;
        all.library.add_bytes(&bytes, "<stdin>")
    } else {
        all.library.add_file(file)
    };
    let added = match added {
        Ok(added) => added,
        // A brief the parser refuses, added from a terminal: open it in the
        // desk, where the outline view lets the analyst fix the reading.
        Err(LibraryError::Brief(BriefError::Parse { .. }))
            if file != Path::new("-") && interactive() =>
        {
            drop(all);
            let mut named = global.clone();
            named.brief = Some(file.to_path_buf());
            return super::desk(&named);
        }
        Err(e) => return Err(library_error(e)),
    };
    let id = added.brief.id.clone();
    let i = match all.watches.iter().position(|w| w.brief.id == id) {
        Some(i) => i,
        None => {
            let desk = crate::review::Desk::new(
                super::desk_id(&all.store, true),
                all.settings.initials.clone(),
                crate::review::Desk::random(),
            );
            let log = all
                .store
                .peek()
                .ok()
                .and_then(|mut s| s.briefs.remove(id.as_str()))
                .map(|b| b.events)
                .unwrap_or_default();
            all.watches.push(Watch::new(
                added.brief.clone(),
                BriefSource::File(added.path.clone()),
                log,
                desk,
            ));
            all.watches.len() - 1
        }
    };
    let w = &mut all.watches[i];
    let arrived = w
        .log
        .iter()
        .any(|e| matches!(e.kind, EventKind::Arrived { .. }));
    let mut changed = false;
    if !arrived {
        w.arrive(now, "add");
        changed = true;
    }
    changed |= w.ensure_window(now, global.issued);
    if changed {
        save(&mut all, i)?;
    }
    let w = &all.watches[i];
    let what = if arrived {
        "already on the desk"
    } else {
        "added"
    };
    out(&format!(
        "{what}: {}  {}\n",
        w.brief.id,
        crate::watch::plain(&w.brief.title)
    ))
}

#[derive(Serialize)]
struct ListRow {
    id: String,
    title: String,
    window_end: Option<DateTime<Utc>>,
    observed: usize,
    total: usize,
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// The rows of `list`: open watches most urgent first, then (with
/// `--all`) closed ones and the ones whose text is missing.
fn list_rows(all: &Watches, every: bool) -> Vec<ListRow> {
    let mut rows: Vec<ListRow> = watch_order(&all.watches)
        .into_iter()
        .map(|i| &all.watches[i])
        .filter(|w| every || w.is_open())
        .map(|w| {
            let (observed, total) = w.counts();
            ListRow {
                id: w.brief.id.to_string(),
                title: crate::watch::plain(&w.brief.title),
                window_end: w.window_end(),
                observed,
                total,
                state: match (w.is_open(), w.unread().is_some()) {
                    (true, false) => "open",
                    // Opened with --brief in the desk, not yet read in its
                    // outline view: nothing to watch yet.
                    (true, true) => "unread",
                    (false, _) => "closed",
                },
                note: w.review.closed.as_ref().map(|c| match &c.reason {
                    Some(r) => format!("{}: {}", c.disposition, crate::watch::plain(r)),
                    None => c.disposition.to_string(),
                }),
            }
        })
        .collect();
    if every {
        rows.extend(all.missing.iter().map(|m| ListRow {
            id: m.id.clone(),
            title: crate::watch::plain(&m.title),
            window_end: None,
            observed: 0,
            total: 0,
            state: "missing",
            note: Some(format!("brief text missing ({} events kept)", m.events)),
        }));
    }
    rows
}

/// `watchdesk list [--json] [--all]`.
pub fn list(global: &Global, json: bool, every: bool) -> Result<(), AppError> {
    let all = open_all(
        global,
        Purpose::Query {
            default: false,
            texts: false,
        },
    )?;
    let rows = list_rows(&all, every);
    if json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| AppError::Output(e.into()))?;
        return out_json(&(text + "\n"));
    }
    let mut s = String::new();
    for r in &rows {
        let end = r
            .window_end
            .map(crate::clock::dtg)
            .unwrap_or_else(|| "-".into());
        s += &format!(
            "{}  {:<7} {:>3}/{:<3} {:<15} {}",
            r.id,
            r.state,
            r.observed,
            r.total,
            end,
            crate::text::truncate(&r.title, 60)
        );
        if let Some(n) = &r.note {
            s += &format!("  [{n}]");
        }
        s.push('\n');
    }
    if rows.is_empty() {
        s += "no open watches (--all lists closed ones)\n";
    }
    out(&s)
}

/// `watchdesk close ID`.
pub fn close(
    global: &Global,
    id: &str,
    reason: Option<String>,
    disposition: Disposition,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut all = open_all(
        global,
        Purpose::Record {
            to_save: true,
            default: false,
        },
    )?;
    let i = resolve(&all, id)?;
    let w = &mut all.watches[i];
    w.close(now, disposition, reason)
        .map_err(|why| AppError::Watch(format!("{}: {why}", w.brief.id)))?;
    save(&mut all, i)?;
    let w = &all.watches[i];
    let report = Report::build(w, &all.settings, None, now, None).render(Format::Md);
    let name = format!(
        "watchdesk-{}-final-{}.md",
        w.brief.id,
        now.format("%Y%m%dT%H%M%SZ")
    );
    let path = watches::write_report(all.store.path(), &name, &report)?;
    out(&format!(
        "closed: {}  {} ({})\nfinal report: {}\n",
        w.brief.id,
        w.short_title(60),
        disposition,
        path.display()
    ))
}

/// `watchdesk reopen ID`.
pub fn reopen(global: &Global, id: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut all = open_all(
        global,
        Purpose::Record {
            to_save: true,
            default: false,
        },
    )?;
    let i = resolve(&all, id)?;
    let w = &mut all.watches[i];
    w.reopen(now)
        .map_err(|why| AppError::Watch(format!("{}: {why}", w.brief.id)))?;
    save(&mut all, i)?;
    let w = &all.watches[i];
    out(&format!(
        "reopened: {}  {}\n",
        w.brief.id,
        w.short_title(60)
    ))
}

/// The item a command names, checked against the brief.
fn item_in(w: &Watch, item: &str) -> Result<ItemRef, AppError> {
    let it: ItemRef = item
        .trim()
        .to_ascii_uppercase()
        .parse()
        .map_err(AppError::Watch)?;
    let b = &w.brief;
    let ok = match it {
        ItemRef::Indicator(i) => i < b.indicators.len(),
        ItemRef::Theme(i) => i < b.themes.len(),
        ItemRef::Washington => b.washington.is_some(),
        ItemRef::WashingtonNote(i) => b
            .washington
            .as_ref()
            .is_some_and(|x| i < x.paragraphs.len()),
    };
    if !ok {
        return Err(AppError::Watch(format!(
            "{it}: the brief has no such item ({} themes, {} Washington notes, {} indicators)",
            b.themes.len(),
            b.washington.as_ref().map_or(0, |x| x.paragraphs.len()),
            b.indicators.len()
        )));
    }
    Ok(it)
}

/// `watchdesk mark ITEM STATUS`.
pub fn mark(global: &Global, item: &str, status: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut all = watches::open_to_record(global)?;
    let i = pick(&all, global)?;
    let it = item_in(&all.watches[i], item)?;
    let word = status.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    let w = &mut all.watches[i];
    w.ensure_window(now, None);
    let said = match (it, word.as_str()) {
        (ItemRef::Indicator(n), s) => {
            let to = match s {
                "observed" => Status::Observed,
                "not_observed" => Status::NotObserved,
                "watching" => Status::Watching,
                _ => {
                    return Err(AppError::Watch(format!(
                        "{status:?}: an indicator is observed, not_observed or watching"
                    )));
                }
            };
            match w.set_status(now, n, to) {
                Ok(from) => format!("{it}: {} -> {}", from.label(), to.label()),
                Err(_) => format!("{it}: already {}", to.label()),
            }
        }
        (_, "reviewed" | "unreviewed") => {
            let want = word == "reviewed";
            if w.review.is_reviewed(it) == want {
                format!("{it}: already {word}")
            } else {
                w.toggle_reviewed(now, it);
                format!("{it}: {word}")
            }
        }
        _ => {
            return Err(AppError::Watch(format!(
                "{status:?}: a theme or Washington note is reviewed or unreviewed"
            )));
        }
    };
    if w.has_unsaved() {
        save(&mut all, i)?;
    }
    let w = &all.watches[i];
    out(&format!("{}  {said}\n", w.short_title(40)))
}

/// `watchdesk note ITEM TEXT`.
pub fn note(global: &Global, item: &str, text: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut all = watches::open_to_record(global)?;
    let i = pick(&all, global)?;
    let it = item_in(&all.watches[i], item)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::Watch("an empty note".into()));
    }
    let author = all.settings.initials.clone();
    let w = &mut all.watches[i];
    w.ensure_window(now, None);
    w.record(
        now,
        EventKind::Note {
            item: it,
            text: text.into(),
            source: None,
            confidence: None,
            author: author.map(crate::review::Name::from),
        },
    );
    save(&mut all, i)?;
    out(&format!(
        "{}  {it}: note added\n",
        all.watches[i].short_title(40)
    ))
}

/// Every watch for a query, with the default brief, each unstarted window
/// shown from `now` (nothing is written).
fn open_for_query(global: &Global, now: DateTime<Utc>) -> Result<Watches, AppError> {
    let mut all = open_all(
        global,
        Purpose::Query {
            default: true,
            texts: false,
        },
    )?;
    for w in &mut all.watches {
        w.ensure_window(now, None);
    }
    Ok(all)
}

/// `watchdesk status` across watches (with `--watch` / `--brief`, one
/// watch as before). Nothing is written: an unstarted window is shown from
/// now.
pub fn status(global: &Global, json: bool, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut all = open_for_query(global, now)?;
    let one = global.watch.is_some() || global.brief.is_some();
    if one {
        let i = pick(&all, global)?;
        if let Some(at) = global.issued {
            all.watches[i].ensure_window(now, Some(at));
        }
        let w = &all.watches[i];
        refuse_time_problems(&all, [w])?;
        if json {
            let v = status_json(w, now, &all.settings);
            let text =
                serde_json::to_string_pretty(&v).map_err(|e| AppError::Output(e.into()))? + "\n";
            return out_json(&text);
        }
        let s = &all.settings;
        let line = w.status_line(now, s.thresholds, s.stale_after);
        return out(&(crate::safe::one_line(&line).into_owned() + "\n"));
    }
    refuse_time_problems(&all, all.watches.iter().filter(|w| w.is_open()))?;
    if json {
        let watches = watch_order(&all.watches)
            .into_iter()
            .filter(|&i| all.watches[i].is_open())
            .map(|i| status_json(&all.watches[i], now, &all.settings))
            .collect();
        let v = AllJson { watches };
        let text = serde_json::to_string_pretty(&v).map_err(|e| AppError::Output(e.into()))?;
        return out_json(&(text + "\n"));
    }
    let s = &all.settings;
    let line = summary_line(&all.watches, now, s.thresholds, s.stale_after);
    out(&(crate::safe::one_line(&line).into_owned() + "\n"))
}

/// `watchdesk export --all`: one shift handover covering every open watch.
pub fn export_all(
    global: &Global,
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let all = open_for_query(global, now)?;
    let order: Vec<usize> = watch_order(&all.watches)
        .into_iter()
        .filter(|&i| all.watches[i].is_open())
        .collect();
    let mut s = format!(
        "# Shift handover: {} open watch{}\n\nGenerated {}.\n\n",
        order.len(),
        if order.len() == 1 { "" } else { "es" },
        crate::clock::dtg(now)
    );
    s += &format!(
        "{}\n\n",
        summary_line(
            &all.watches,
            now,
            all.settings.thresholds,
            all.settings.stale_after
        )
    );
    for (n, &i) in order.iter().enumerate() {
        let w = &all.watches[i];
        s += &format!("- {}. {} ({})\n", n + 1, w.short_title(80), w.brief.id);
    }
    for &i in &order {
        s += "\n---\n\n";
        s += &Report::build(&all.watches[i], &all.settings, None, now, since).render(Format::Md);
    }
    Ok(s)
}
