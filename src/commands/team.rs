//! The team's commands: `sync` (the share, and git), `handover` and
//! `accept` (shift sign-over).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::watches::{self, Watches};
use super::{AppError, settings, state_path};
use crate::brief::BriefId;
use crate::cli::Global;
use crate::config::Settings;
use crate::report::{Format, Report};
use crate::review::{Event, EventKind};
use crate::share::{self, Share, ShareOptions, git, sanitize};
use crate::store::Store;

/// The share: `--share`, then `WATCHDESK_SHARE` (both through the CLI),
/// then `share.dir` in the config.
pub(super) fn share_dir(global: &Global, settings: &Settings) -> Option<PathBuf> {
    global.share.clone().or_else(|| settings.share.clone())
}

fn data_dir(store: &Store) -> PathBuf {
    store
        .path()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// How this desk opens the share in `dir`: its data folder, its id
/// (`WATCHDESK_DESK` when set, else the one kept beside the state file) and
/// the analyst the others see.
pub(super) fn share_options(dir: PathBuf, settings: &Settings, store: &Store) -> ShareOptions {
    let desk = std::env::var("WATCHDESK_DESK")
        .ok()
        .filter(|s| !s.trim().is_empty());
    ShareOptions {
        dir,
        data_dir: data_dir(store),
        desk,
        analyst: settings.analyst(),
    }
}

fn open_share(global: &Global, settings: &Settings, store: &Store) -> Result<Share, AppError> {
    let dir = share_dir(global, settings).ok_or(AppError::NoShare)?;
    Ok(Share::open(share_options(dir, settings, store))?)
}

/// Through the output gate every command's output takes.
fn say(text: &str) -> Result<(), AppError> {
    std::io::stdout()
        .lock()
        .write_all(super::out_text(text, false).as_bytes())
        .map_err(AppError::Output)
}

/// `watchdesk sync`: publish this desk's events and brief texts, run git
/// when the share is a work tree, then take the other desks' events into
/// the state file and their brief texts into `briefs/` beside it.
pub(super) fn sync(global: &Global) -> Result<(), AppError> {
    let settings = settings(global)?;
    let store = Store::new(state_path(global)?);
    let mut share = open_share(global, &settings, &store)?;
    let opened = store.open()?;
    if opened.read_only {
        return Err(AppError::Team(opened.notice.unwrap_or_default()));
    }
    if let Some(n) = &opened.notice {
        eprintln!("watchdesk: {n}");
    }
    let logs: Vec<(BriefId, Vec<Event>)> = opened
        .state
        .briefs
        .into_iter()
        .map(|(id, b)| (BriefId(id), b.events))
        .collect();
    let refs: Vec<(&BriefId, &[Event])> = logs.iter().map(|(b, l)| (b, l.as_slice())).collect();
    let published = share.publish_many(&refs)?;
    // Brief texts: the one named on the command line, and the desk's
    // library (`briefs/` beside the state file) when there is one.
    let library = data_dir(&store).join("briefs");
    let mut own: Vec<PathBuf> = vec![share.events_path(), share.meta_path()];
    let mut texts: Vec<String> = Vec::new();
    if let Some(p) = &global.brief
        && let Ok(t) = std::fs::read_to_string(p)
    {
        texts.push(t);
    }
    if let Ok(entries) = std::fs::read_dir(&library) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".txt")
                && !share::names::is_temporary(&name)
                && let Ok(t) = std::fs::read_to_string(e.path())
            {
                texts.push(t);
            }
        }
    }
    for t in &texts {
        let id = share.publish_brief(t)?;
        own.push(share.dir().join("briefs").join(format!("{id}.txt")));
    }
    let mut out = format!("published {published} event(s) of this desk\n");
    if git::is_work_tree(share.dir()) {
        let who = settings.analyst().unwrap_or_default();
        let message = sanitize(&format!("watchdesk: desk {} {who}", share.identity().desk));
        let g = git::sync(share.dir(), &own, message.trim())?;
        out += &format!(
            "git: {}, {}, {}{}\n",
            if g.committed {
                "committed"
            } else {
                "nothing to commit"
            },
            if g.pulled {
                "pulled"
            } else {
                "nothing to pull"
            },
            if g.pushed { "pushed" } else { "not pushed" },
            if g.retries > 0 {
                format!(" (after {} push(es) turned away)", g.retries)
            } else {
                String::new()
            }
        );
        if let Some(n) = g.note {
            out += &format!("git: {n}\n");
        }
    }
    let r = share.poll();
    if let Some(why) = &r.unreachable {
        return Err(AppError::Team(format!(
            "the share cannot be read: {}",
            sanitize(why)
        )));
    }
    // The look hands back this desk's own events too (its file is read like
    // any other): only what the state file lacked is counted as taken.
    let mut taken = 0;
    for (brief, events) in &r.events {
        let had: std::collections::HashSet<&str> = logs
            .iter()
            .filter(|(b, _)| b == brief)
            .flat_map(|(_, l)| l.iter().map(|e| e.id.as_str()))
            .collect();
        taken += events
            .iter()
            .filter(|e| !had.contains(e.id.as_str()))
            .count();
        store.save(brief, "", events)?;
    }
    let kept = crate::store::library::Library::beside(store.path());
    let mut new_briefs = 0;
    for (id, text) in &r.briefs {
        match kept.add_bytes(text.as_bytes(), &format!("the share's brief {id}")) {
            Ok(a) if a.new => new_briefs += 1,
            Ok(_) => {}
            Err(e) => eprintln!("watchdesk: {}", sanitize(&e.to_string())),
        }
    }
    out += &format!("took {taken} event(s) and {new_briefs} brief(s) from the share\n");
    for p in &r.peers {
        out += &format!(
            "  desk {} ({}) last seen {}, {} event(s)\n",
            sanitize(&p.desk),
            sanitize(p.analyst.as_deref().unwrap_or("no name")),
            p.last_seen.map_or("never".to_string(), crate::clock::dtg),
            p.events
        );
    }
    for p in &r.problems {
        eprintln!("watchdesk: {}", sanitize(&p.to_string()));
    }
    say(&out)
}

/// Every watch, to record on one of them (`--watch`, `--brief` or the
/// only open one); an error when the state file is read-only.
fn writable(global: &Global, now: DateTime<Utc>) -> Result<(Watches, usize), AppError> {
    let mut all = watches::open_to_record(global)?;
    let i = watches::pick(&all, global)?;
    all.watches[i].ensure_window(now, global.issued);
    Ok((all, i))
}

/// `watchdesk handover --to NAME`: the handover report to `reports/`, and
/// the handover event.
pub(super) fn handover(global: &Global, to: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let to = to.trim();
    if to.is_empty() || to.chars().any(char::is_control) {
        return Err(AppError::Team(
            "handover --to: a name, without control characters".into(),
        ));
    }
    let (mut all, i) = writable(global, now)?;
    let report = handover_report(&all, i, now)?;
    all.watches[i].record(
        now,
        EventKind::Handover {
            to: to.into(),
            report: Some(report.clone()),
        },
    );
    watches::save(&mut all, i)?;
    say(&format!(
        "handed over to {}; report: {}\nwaiting for {} to accept (watchdesk accept)\n",
        sanitize(to),
        sanitize(&report),
        sanitize(to)
    ))
}

/// `watchdesk accept`: accept the handover waiting on this watch.
pub(super) fn accept(global: &Global, now: DateTime<Utc>) -> Result<(), AppError> {
    let (mut all, i) = writable(global, now)?;
    let shift = share::shift::shift(&all.watches[i].log);
    let Some(pending) = shift.pending else {
        return Err(AppError::Team(format!(
            "no handover waits to be accepted on this watch (held by {})",
            sanitize(shift.holder.as_deref().unwrap_or("nobody named"))
        )));
    };
    all.watches[i].record(
        now,
        EventKind::Accept {
            of: pending.id.clone(),
        },
    );
    watches::save(&mut all, i)?;
    say(&format!(
        "accepted the handover from {} to {}{}\n",
        sanitize(&pending.from),
        sanitize(&pending.to),
        pending
            .report
            .map(|r| format!("; report: {}", sanitize(&r)))
            .unwrap_or_default()
    ))
}

/// Write the handover report of watch `i` to `reports/` beside the state
/// file; its path, as the handover event names it.
pub(super) fn handover_report(
    all: &Watches,
    i: usize,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let w = &all.watches[i];
    let text = Report::build(w, &all.settings, None, now, None).render(Format::Md);
    let file_name = share::shift::handover_file_name(w.brief.id.as_str(), now);
    let path = watches::write_report(all.store.path(), &file_name, &text)?;
    Ok(path.display().to_string())
}
