//! The team's commands: `sync` (the share, and git), `handover` and
//! `accept` (shift sign-over).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::{AppError, Session, open_watch, settings, state_path};
use crate::app::Msg;
use crate::brief::BriefId;
use crate::cli::Global;
use crate::config::Settings;
use crate::effects::{Files, Job};
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

fn open_share(global: &Global, settings: &Settings, store: &Store) -> Result<Share, AppError> {
    let dir = share_dir(global, settings).ok_or(AppError::NoShare)?;
    let desk = std::env::var("WATCHDESK_DESK")
        .ok()
        .filter(|s| !s.trim().is_empty());
    Ok(Share::open(ShareOptions {
        dir,
        data_dir: data_dir(store),
        desk,
        analyst: settings.analyst(),
    })?)
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
    let mut taken = 0;
    for (brief, events) in &r.events {
        taken += store.save(brief, "", events).map(|_| events.len())?;
    }
    let mut new_briefs = 0;
    for (id, text) in &r.briefs {
        let path = library.join(format!("{id}.txt"));
        if !path.exists() {
            std::fs::create_dir_all(&library).map_err(|e| AppError::Report {
                path: library.clone(),
                source: e,
            })?;
            std::fs::write(&path, text).map_err(|e| AppError::Report {
                path: path.clone(),
                source: e,
            })?;
            new_briefs += 1;
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

/// Save a session's watch through the desk's own runner; an error if the
/// save failed.
fn save(session: &mut Session) -> Result<(), AppError> {
    let mut files = Files::new(session.store.clone());
    let mut saved = false;
    for msg in files.run(Job::save(&session.watch)) {
        match msg {
            Msg::Saved {
                generation, theirs, ..
            } => {
                session.watch.absorb(&theirs);
                session.watch.saved_generation = generation;
                saved = true;
            }
            Msg::SaveFailed { error, .. } => return Err(AppError::Team(error)),
            _ => {}
        }
    }
    if saved {
        Ok(())
    } else {
        Err(AppError::Team("the save did not finish".into()))
    }
}

fn writable(global: &Global, now: DateTime<Utc>) -> Result<Session, AppError> {
    let session = open_watch(global, now, true)?;
    if session.read_only {
        return Err(AppError::Team(
            session
                .notice
                .unwrap_or_else(|| "read-only: nothing recorded".into()),
        ));
    }
    Ok(session)
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
    let mut session = writable(global, now)?;
    let text = Report::build(&session.watch, &session.settings, None, now, None).render(Format::Md);
    let file_name = format!(
        "handover-{}-{}.md",
        session.watch.brief.id,
        now.format("%Y%m%dT%H%M%SZ")
    );
    let mut files = Files::new(session.store.clone());
    let mut report = None;
    for msg in files.run(Job::Export { file_name, text }) {
        match msg {
            Msg::Exported { path } => report = Some(path),
            Msg::ExportFailed { error } => return Err(AppError::Team(error)),
            _ => {}
        }
    }
    let report = report.ok_or_else(|| AppError::Team("the report was not written".into()))?;
    session.watch.record(
        now,
        EventKind::Handover {
            to: to.to_string(),
            report: Some(report.clone()),
        },
    );
    save(&mut session)?;
    say(&format!(
        "handed over to {}; report: {}\nwaiting for {} to accept (watchdesk accept)\n",
        sanitize(to),
        sanitize(&report),
        sanitize(to)
    ))
}

/// `watchdesk accept`: accept the handover waiting on this watch.
pub(super) fn accept(global: &Global, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut session = writable(global, now)?;
    let shift = share::shift::shift(&session.watch.log);
    let Some(pending) = shift.pending else {
        return Err(AppError::Team(format!(
            "no handover waits to be accepted on this watch (held by {})",
            sanitize(shift.holder.as_deref().unwrap_or("nobody named"))
        )));
    };
    session.watch.record(
        now,
        EventKind::Accept {
            of: pending.id.clone(),
        },
    );
    save(&mut session)?;
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
