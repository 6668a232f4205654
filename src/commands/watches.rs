//! Opening every watch the desk keeps: the state file's entries and the
//! brief library beside it, with `--brief` and `--watch` picking one.

use std::path::Path;

use super::{AppError, desk_id, settings, state_path};
use crate::brief::{self, Brief, BriefId, BriefSource};
use crate::cli::Global;
use crate::config::Settings;
use crate::review::{Desk, Event};
use crate::store::library::Library;
use crate::store::{StateFile, Store};
use crate::watch::Watch;

/// A watch the state file keeps whose brief text the desk does not have
/// (opened with `--brief` before briefs were kept): kept, and shown again
/// as soon as that brief is opened or added.
#[derive(Debug, Clone)]
pub struct Missing {
    pub id: String,
    pub title: String,
    pub events: usize,
}

/// Every watch, as read.
pub struct Watches {
    pub store: Store,
    pub library: Library,
    pub settings: Settings,
    pub watches: Vec<Watch>,
    pub missing: Vec<Missing>,
    /// The watch `--brief` named, if any.
    pub picked: Option<usize>,
    pub notice: Option<String>,
    pub read_only: bool,
}

/// How the watches are opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A query (`status`, `list`, `export`): nothing is written, a broken
    /// state file is an error and is left alone; `--brief` is read, not kept.
    /// `default`: with no watch at all, the embedded brief, in memory.
    Query { default: bool },
    /// A desk or a recording command: `--brief` is kept in the library.
    /// `default`: a new user gets the embedded brief (the desk).
    Record { to_save: bool, default: bool },
}

impl Purpose {
    fn default(self) -> bool {
        match self {
            Purpose::Query { default } | Purpose::Record { default, .. } => default,
        }
    }
}

type Read = (StateFile, Option<String>, bool);

fn state_of(store: &Store, purpose: Purpose) -> Result<Read, AppError> {
    match purpose {
        Purpose::Query { .. } => Ok((store.peek()?, None, false)),
        Purpose::Record { to_save, .. } => {
            let opened = if to_save {
                store.open_to_save()?
            } else {
                store.open()?
            };
            Ok((opened.state, opened.notice, opened.read_only))
        }
    }
}

/// Open every watch: each entry of the state file whose brief the library
/// (or the program, for the embedded brief) holds, and each kept brief.
pub fn open_all(global: &Global, purpose: Purpose) -> Result<Watches, AppError> {
    let store = Store::new(state_path(global)?);
    let library = Library::beside(store.path());
    let settings = settings(global)?;
    let (mut state, notice, file_read_only) = state_of(&store, purpose)?;
    let read_only = file_read_only || global.read_only;
    let recording = matches!(purpose, Purpose::Record { .. }) && !read_only;
    let desk_id = desk_id(&store, recording);
    let make_desk = || Desk::new(desk_id.clone(), settings.initials.clone(), Desk::random());

    // `--brief FILE`: kept in the library by a desk that records.
    let mut named: Option<(Brief, BriefSource)> = None;
    if let Some(path) = &global.brief {
        named = Some(if recording {
            let added = library.add_file(path).map_err(library_error)?;
            (added.brief, BriefSource::File(path.clone()))
        } else {
            brief::load(Some(path))?
        });
    }
    let default = Brief::default_brief()?;

    let mut ids: Vec<BriefId> = library.ids();
    for id in state.briefs.keys() {
        let id = BriefId(id.clone());
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut loaded = load_parallel(&library, &ids, named.as_ref().map(|n| &n.0.id), &default.id);
    let mut watches = Vec::new();
    let mut missing = Vec::new();
    let mut picked = None;
    for id in ids {
        // Taken, not copied: a million-event log is held once.
        let (entry_title, log): (Option<String>, Vec<Event>) =
            match state.briefs.remove(id.as_str()) {
                Some(e) => (Some(e.title), e.events),
                None => (None, Vec::new()),
            };
        let found = match &named {
            Some((b, s)) if b.id == id => Some((b.clone(), s.clone())),
            _ if id == default.id => Some((default.clone(), BriefSource::Default)),
            _ => match loaded.remove(&id) {
                Some(b) if b.id == id => Some((b, BriefSource::File(library.path_of(&id)))),
                _ => None,
            },
        };
        match found {
            Some((b, s)) => {
                if named.as_ref().is_some_and(|(n, _)| n.id == id) {
                    picked = Some(watches.len());
                }
                watches.push(Watch::new(b, s, log, make_desk()));
            }
            None => missing.push(Missing {
                title: entry_title.unwrap_or_default(),
                id: id.0,
                events: log.len(),
            }),
        }
    }
    // A brief named on the command line that nothing holds yet.
    if let Some((b, s)) = named
        && picked.is_none()
    {
        picked = Some(watches.len());
        watches.push(Watch::new(b, s, Vec::new(), make_desk()));
    }
    // A new user: the embedded brief, so the desk opens on something real.
    if watches.is_empty() && purpose.default() {
        if recording {
            let _ = library.add_bytes(
                brief::DEFAULT_BRIEF_TEXT.as_bytes(),
                brief::DEFAULT_BRIEF_NAME,
            );
        }
        watches.push(Watch::new(
            default,
            BriefSource::Default,
            Vec::new(),
            make_desk(),
        ));
    }
    Ok(Watches {
        store,
        library,
        settings,
        watches,
        missing,
        picked,
        notice,
        read_only,
    })
}

/// Read and parse the kept briefs (all but the ones named on the command
/// line and the embedded one), on as many threads as there are cores:
/// parsing is most of what `status` over many watches costs.
fn load_parallel(
    library: &Library,
    ids: &[BriefId],
    named: Option<&BriefId>,
    default: &BriefId,
) -> std::collections::HashMap<BriefId, Brief> {
    let todo: Vec<&BriefId> = ids
        .iter()
        .filter(|id| Some(*id) != named && *id != default)
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(todo.len().div_ceil(4).max(1));
    let chunk = todo.len().div_ceil(threads).max(1);
    let load = |part: &[&BriefId]| -> Vec<(BriefId, Brief)> {
        part.iter()
            .filter_map(|id| match library.load(id) {
                Some(Ok(b)) => Some(((*id).clone(), b)),
                _ => None,
            })
            .collect()
    };
    if threads == 1 {
        return load(&todo).into_iter().collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = todo
            .chunks(chunk)
            .map(|part| scope.spawn(move || load(part)))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

pub fn library_error(e: crate::store::library::LibraryError) -> AppError {
    match e {
        crate::store::library::LibraryError::Brief(b) => AppError::Brief(b),
        other => AppError::Watch(other.to_string()),
    }
}

/// The watch an id (or a unique prefix) names, among the watches and the
/// ones whose text is missing. Ambiguous or unknown: an error listing the
/// candidates.
pub fn resolve(all: &Watches, id: &str) -> Result<usize, AppError> {
    let id = id.trim().to_ascii_lowercase();
    if id.is_empty() {
        return Err(AppError::Watch("an empty watch id".into()));
    }
    let hits: Vec<usize> = (0..all.watches.len())
        .filter(|&i| all.watches[i].brief.id.as_str().starts_with(&id))
        .collect();
    let gone: Vec<&Missing> = all
        .missing
        .iter()
        .filter(|m| m.id.starts_with(&id))
        .collect();
    match (hits.as_slice(), gone.as_slice()) {
        ([one], []) => Ok(*one),
        ([], [m]) => Err(AppError::Watch(format!(
            "watch {} ({}): its brief text is missing; `watchdesk add FILE` with that brief brings it back",
            m.id,
            crate::watch::plain(&m.title)
        ))),
        ([], []) => Err(AppError::Watch(format!(
            "no watch with id {id:?}; the watches are:\n{}",
            candidates(all, &(0..all.watches.len()).collect::<Vec<_>>())
        ))),
        _ => Err(AppError::Watch(format!(
            "{id:?} names more than one watch:\n{}",
            candidates(all, &hits)
        ))),
    }
}

/// `  ID  title (open|closed)` lines.
pub fn candidates(all: &Watches, which: &[usize]) -> String {
    which
        .iter()
        .map(|&i| {
            let w = &all.watches[i];
            format!(
                "  {}  {} ({})",
                w.brief.id,
                w.short_title(60),
                if w.is_open() { "open" } else { "closed" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one watch a command acts on: `--watch`, else `--brief`, else the
/// only open watch. With several open watches, an error listing them.
pub fn pick(all: &Watches, global: &Global) -> Result<usize, AppError> {
    if let Some(id) = &global.watch {
        return resolve(all, id);
    }
    if let Some(i) = all.picked {
        return Ok(i);
    }
    let open: Vec<usize> = (0..all.watches.len())
        .filter(|&i| all.watches[i].is_open())
        .collect();
    match open.as_slice() {
        [one] => Ok(*one),
        [] if all.watches.len() == 1 => Ok(0),
        [] => Err(AppError::Watch("no open watch; pass --watch ID".into())),
        _ => Err(AppError::Watch(format!(
            "{} watches are open; say which with --watch ID (or --brief FILE):\n{}",
            open.len(),
            candidates(all, &open)
        ))),
    }
}

/// Save one watch's log (the store's locked merge-save) and take in what
/// the file held that it lacked.
pub fn save(all: &mut Watches, i: usize) -> Result<(), AppError> {
    let w = &mut all.watches[i];
    let theirs = all.store.save(&w.brief.id, &w.brief.title, &w.log)?;
    w.absorb(&theirs);
    w.saved_generation = w.generation;
    Ok(())
}

/// Write a report into `reports/` beside the state file; its path.
pub fn write_report(
    store_path: &Path,
    file_name: &str,
    text: &str,
) -> Result<std::path::PathBuf, AppError> {
    let dir = crate::store::library::data_dir(store_path).join("reports");
    let path = dir.join(file_name);
    let err = |source| AppError::Report {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(err)?;
    std::fs::write(&path, text).map_err(err)?;
    Ok(path)
}
