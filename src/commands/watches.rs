//! Opening every watch the desk keeps: the state file's entries and the
//! brief library beside it, with `--brief` and `--watch` picking one.

use std::path::Path;
use std::sync::Arc;

use super::{AppError, desk_id, settings, state_path};
use crate::brief::{self, BriefId, BriefSource};
use crate::cli::Global;
use crate::config::Settings;
use crate::review::{Desk, Event};
use crate::store::library::Library;
use crate::store::{StateFile, Store};
use crate::watch::{ToRead, Watch};

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
    /// `texts`: the watches keep their briefs' texts, to read them again
    /// (`check`); without, a watch read from its kept reading lets its
    /// text go (`status`, `list`, `export` over many watches).
    Query { default: bool, texts: bool },
    /// A desk or a recording command: `--brief` is kept in the library.
    /// `default`: a new user gets the embedded brief (the desk).
    Record { to_save: bool, default: bool },
}

impl Purpose {
    fn default(self) -> bool {
        match self {
            Purpose::Query { default, .. } | Purpose::Record { default, .. } => default,
        }
    }

    /// Whether the watches keep their texts (see [`Purpose::Query`]).
    fn texts(self) -> bool {
        match self {
            Purpose::Query { texts, .. } => texts,
            Purpose::Record { .. } => true,
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
    // One random session for the run, told apart for each watch's desk.
    let session = Desk::random();
    let desks = std::cell::Cell::new(0u64);
    let make_desk = || {
        let k = desks.get();
        desks.set(k + 1);
        Desk::new(desk_id.clone(), settings.analyst(), session.wrapping_add(k))
    };

    // `--brief FILE`: its text, read by its watch with the corrections in
    // the log. Kept in the library by a desk that records, once the watch
    // reads it; a refused one is kept only by the desk that opens it in the
    // outline view (see [`keep_named`]).
    let mut named: Option<(Arc<str>, BriefId, BriefSource)> = None;
    if let Some(path) = &global.brief {
        let text = brief::read_text(path)?;
        let id = BriefId::of_text(&text);
        named = Some((Arc::from(text), id, BriefSource::File(path.clone())));
    }
    let default_text: Arc<str> = Arc::from(brief::DEFAULT_BRIEF_TEXT);
    let default_id = BriefId::of_text(&default_text);

    let mut ids: Vec<BriefId> = library.ids();
    for id in state.briefs.keys() {
        let id = BriefId(id.clone());
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if let Some((_, id, _)) = &named
        && !ids.contains(id)
    {
        ids.push(id.clone());
    }
    // What each watch reads: the named brief, the embedded one, or the
    // library's text.
    let mut jobs = Vec::new();
    let mut missing = Vec::new();
    for id in ids {
        // Taken, not copied: a million-event log is held once.
        let (entry_title, log): (Option<String>, Vec<Event>) =
            match state.briefs.remove(id.as_str()) {
                Some(e) => (Some(e.title), e.events),
                None => (None, Vec::new()),
            };
        let (text, source) = match &named {
            Some((t, nid, s)) if *nid == id => (Text::Have(t.clone()), s.clone()),
            _ if id == default_id => (Text::Have(default_text.clone()), BriefSource::Default),
            // Missing when there is no such file (see `open_parallel`).
            _ => (Text::Kept, BriefSource::File(library.path_of(&id))),
        };
        jobs.push(Job {
            id,
            text,
            source,
            log,
            title: entry_title.unwrap_or_default(),
        });
    }
    let opened = open_jobs(&library, jobs, &make_desk, recording, purpose.texts());
    let mut watches = Vec::new();
    let mut picked = None;
    for opened in opened {
        match opened {
            Ok(w) => {
                if named.as_ref().is_some_and(|(_, n, _)| *n == w.brief.id) {
                    picked = Some(watches.len());
                }
                watches.push(w);
            }
            Err(m) => missing.push(m),
        }
    }
    // A brief named on the command line, kept by a desk that records when
    // its watch reads it.
    if recording
        && let Some(i) = picked
        && watches[i].unread().is_none()
        && let Some(text) = &watches[i].text
    {
        library.keep_text(text).map_err(library_error)?;
    }
    // A new user: the embedded brief, so the desk opens on something real.
    if watches.is_empty() && purpose.default() {
        if recording {
            let _ = library.add_bytes(
                brief::DEFAULT_BRIEF_TEXT.as_bytes(),
                brief::DEFAULT_BRIEF_NAME,
            );
        }
        watches.push(Watch::from_text(
            default_text,
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

/// Keep the text of the brief `--brief` named in the library, read or not:
/// the desk does this for a refused brief it opens in the outline view, so
/// the corrections made there find their text again after a restart.
pub fn keep_named(all: &Watches) -> Result<(), AppError> {
    if let Some(text) = all.picked.and_then(|i| all.watches[i].text.as_deref()) {
        all.library.keep_text(text).map_err(library_error)?;
    }
    Ok(())
}

/// Where a watch's text comes from.
enum Text {
    Have(Arc<str>),
    /// The library's file for the id.
    Kept,
}

/// One watch to open.
struct Job {
    id: BriefId,
    text: Text,
    source: BriefSource,
    log: Vec<Event>,
    /// The title the state file has for it.
    title: String,
}

/// Open the watches, in the jobs' order: read each text and take its kept
/// reading (see [`crate::store::readings`]), in turn; then parse the texts
/// that have none, with the corrections in their logs, on as many threads
/// as there are cores (parsing is most of what opening them costs). A watch
/// whose kept text cannot be read, or is not the text its name says, is
/// missing. `keep`: a desk or a command that records keeps the readings it
/// had to make (a query never writes). `texts`: the watches keep their
/// texts (a watch taken from its reading without it is what a query needs,
/// and holds half the memory).
fn open_jobs(
    library: &Library,
    jobs: Vec<Job>,
    make_desk: &dyn Fn() -> Desk,
    keep: bool,
    texts: bool,
) -> Vec<Result<Watch, Missing>> {
    let mut out: Vec<Option<Result<Watch, Missing>>> = Vec::with_capacity(jobs.len());
    // (slot in `out`, the watch to read, and for a kept text what it is
    // when its text is not the one its name says)
    let mut to_read: Vec<(usize, ToRead, Option<Missing>)> = Vec::new();
    for job in jobs {
        let Job {
            id,
            text,
            source,
            log,
            title,
        } = job;
        let missing = Missing {
            events: log.len(),
            id: id.0.clone(),
            title,
        };
        let (text, kept_file) = match text {
            Text::Have(t) => (t, false),
            Text::Kept => match library.load_text(&id) {
                Some(Ok(t)) => (Arc::<str>::from(t), true),
                _ => {
                    out.push(Some(Err(missing)));
                    continue;
                }
            },
        };
        // A kept reading is kept under the id of its text only, so a text
        // read from it is the one its name says.
        let kept = |corrections: &[_]| library.kept_reading(&id, &text, corrections);
        match Watch::from_kept(text.clone(), source, log, make_desk(), kept) {
            Ok(mut w) => {
                if !texts {
                    w.text = None;
                }
                out.push(Some(Ok(w)));
            }
            Err(unread) => {
                to_read.push((out.len(), unread, kept_file.then_some(missing)));
                out.push(None);
            }
        }
    }
    let read = |(slot, unread, kept_file): (usize, ToRead, Option<Missing>)| {
        let mut w = unread.read();
        if let Some(missing) = kept_file
            && w.id().as_str() != missing.id
        {
            return (slot, Err(missing));
        }
        if keep
            && w.unread().is_none()
            && let Some(text) = &w.text
        {
            // Only a shortcut: one that cannot be kept is made again.
            let _ = library.keep_reading(text, &w.corrections(), &w.brief);
        }
        if !texts {
            w.text = None;
        }
        (slot, Ok(w))
    };
    for (slot, opened) in in_parallel(to_read, read) {
        out[slot] = Some(opened);
    }
    out.into_iter().flatten().collect()
}

/// `f` over `items`, in their order, on up to as many threads as there are
/// cores (at least 4 items to a thread).
fn in_parallel<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(items.len().div_ceil(4).max(1));
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads).max(1);
    let mut parts: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        parts.push(items.by_ref().take(chunk).collect());
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(f).collect::<Vec<_>>()))
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

/// Every watch, opened to record on (a command such as `mark`, `note`,
/// `close`): an error when the state file is read-only here.
pub fn open_to_record(global: &Global) -> Result<Watches, AppError> {
    let all = open_all(
        global,
        Purpose::Record {
            to_save: true,
            default: false,
        },
    )?;
    if all.read_only {
        let why = all
            .notice
            .clone()
            .unwrap_or_else(|| "the state file is read-only here".into());
        return Err(AppError::Watch(why));
    }
    Ok(all)
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
/// only open watch. With several open watches, an error listing them. A
/// watch whose brief is still unread is refused with the parser's reason:
/// only the desk's outline view works on it.
pub fn pick(all: &Watches, global: &Global) -> Result<usize, AppError> {
    let i = pick_any(all, global)?;
    refuse_unread(&all.watches[i])?;
    Ok(i)
}

/// The parser's refusal of an unread watch's brief, as an error naming the
/// file: what a command without the outline view says.
pub fn refuse_unread(watch: &Watch) -> Result<(), AppError> {
    match watch.unread() {
        Some(error) => Err(brief::BriefError::Parse {
            source_name: watch.source.to_string(),
            error: error.clone(),
        }
        .into()),
        None => Ok(()),
    }
}

/// [`pick`], read or not.
pub fn pick_any(all: &Watches, global: &Global) -> Result<usize, AppError> {
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
