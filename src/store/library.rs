//! The brief library: every brief on the desk kept as text under its id,
//! `DIR/briefs/<id>.txt` beside the state file, so a watch opens later when
//! the original file is moved or deleted.
//!
//! A brief is written to a temporary file in the same folder, flushed and
//! renamed into place; the folder is private (0700) and the files too
//! (0600). The same text added twice is the same file: the id is a hash of
//! the normalised text.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::brief::{self, Brief, BriefError, BriefId, MAX_BRIEF_BYTES};

/// Everything that can go wrong keeping a brief.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error(transparent)]
    Brief(#[from] BriefError),
    #[error("{path}: {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
}

fn io_err<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> LibraryError + 'a {
    move |source| LibraryError::Io {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// A brief taken into the library.
#[derive(Debug, Clone)]
pub struct Added {
    pub brief: Brief,
    /// Its text, as decoded: what its watch reads (with corrections).
    pub text: Arc<str>,
    /// Where its text is kept.
    pub path: PathBuf,
    /// False when the library held this text already.
    pub new: bool,
}

/// The folder of kept briefs.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
}

/// The folder the state file is in (`.` for a bare file name).
pub fn data_dir(state: &Path) -> PathBuf {
    match state.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Library {
    /// The library beside a state file: `DIR/briefs/`.
    pub fn beside(state: &Path) -> Library {
        Library {
            dir: data_dir(state).join("briefs"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a brief's text is kept.
    pub fn path_of(&self, id: &BriefId) -> PathBuf {
        self.dir.join(format!("{}.txt", id.as_str()))
    }

    /// Read a brief's bytes from `path` (at most [`MAX_BRIEF_BYTES`]), parse
    /// them and keep them. `name` says in errors where they came from.
    pub fn add_file(&self, path: &Path) -> Result<Added, LibraryError> {
        let name = path.display().to_string();
        let bytes = read_file_capped(path, &name)?;
        self.add_bytes(&bytes, &name)
    }

    /// Parse a brief's bytes and keep them (a brief refused by the parser
    /// is not kept). `name` says in errors where they came from.
    pub fn add_bytes(&self, bytes: &[u8], name: &str) -> Result<Added, LibraryError> {
        let refused = |error| BriefError::Parse {
            source_name: name.to_string(),
            error,
        };
        let text = brief::decode_text(bytes).map_err(refused)?;
        let brief = brief::parse(&text).map_err(refused)?;
        let text: Arc<str> = Arc::from(text);
        let path = self.path_of(&brief.id);
        if self.holds(&path, &brief.id) {
            return Ok(Added {
                brief,
                text,
                path,
                new: false,
            });
        }
        self.write(&path, bytes)?;
        // Its reading, for the queries (only a shortcut: see `readings`).
        let _ = self.keep_reading(&text, &[], &brief);
        Ok(Added {
            brief,
            text,
            path,
            new: true,
        })
    }

    /// Keep a brief's text whether or not the parser reads it (a refused
    /// brief the analyst puts right in the outline view: the corrections
    /// are re-applied to this text whenever the watch is opened). Where it
    /// is kept, and whether it is new.
    pub fn keep_text(&self, text: &str) -> Result<(PathBuf, bool), LibraryError> {
        let id = BriefId::of_text(text);
        let path = self.path_of(&id);
        if self.holds(&path, &id) {
            return Ok((path, false));
        }
        self.write(&path, text.as_bytes())?;
        Ok((path, true))
    }

    /// The file at `path` is text with this id.
    fn holds(&self, path: &Path, id: &BriefId) -> bool {
        fs::read(path)
            .is_ok_and(|kept| brief::decode_text(&kept).is_ok_and(|t| BriefId::of_text(&t) == *id))
    }

    /// The kept text with this id, unparsed: None when the library has no
    /// text for it, an error when the file is there but not text.
    pub fn load_text(&self, id: &BriefId) -> Option<Result<String, LibraryError>> {
        let path = self.path_of(id);
        let name = path.display().to_string();
        let bytes = match read_file_capped(&path, &name) {
            Ok(b) => b,
            Err(LibraryError::Brief(BriefError::Io { source, .. }))
                if source.kind() == io::ErrorKind::NotFound =>
            {
                return None;
            }
            Err(e) => return Some(Err(e)),
        };
        Some(brief::decode_text(&bytes).map_err(|error| {
            BriefError::Parse {
                source_name: name,
                error,
            }
            .into()
        }))
    }

    /// The ids of every kept brief, sorted.
    pub fn ids(&self) -> Vec<BriefId> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut ids: Vec<BriefId> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name();
                let stem = name.to_str()?.strip_suffix(".txt")?;
                (stem.len() == 16 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then(|| BriefId(stem.to_string()))
            })
            .collect();
        ids.sort();
        ids
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), LibraryError> {
        create_private_dir(&self.dir)?;
        let tmp = path.with_extension(format!("txt.tmp-{}", std::process::id()));
        let result = (|| {
            let mut f = private_options()
                .open(&tmp)
                .map_err(io_err(&tmp, "cannot create a temporary file"))?;
            f.write_all(bytes)
                .map_err(io_err(&tmp, "cannot write the brief"))?;
            f.sync_all()
                .map_err(io_err(&tmp, "cannot flush the brief to disk"))?;
            fs::rename(&tmp, path).map_err(io_err(path, "cannot put the brief in place"))?;
            if let Ok(d) = File::open(&self.dir) {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }
}

/// Read a file of at most [`MAX_BRIEF_BYTES`] (a larger one is refused),
/// sized from its length first: two reads, not one for every doubling.
pub fn read_file_capped(path: &Path, name: &str) -> Result<Vec<u8>, LibraryError> {
    let file = File::open(path);
    let len = file
        .as_ref()
        .ok()
        .and_then(|f| f.metadata().ok())
        .map_or(0, |m| m.len().min(MAX_BRIEF_BYTES));
    read_capped_sized(file, name, len as usize)
}

/// Read at most [`MAX_BRIEF_BYTES`] (a larger input is refused).
pub fn read_capped(file: io::Result<impl Read>, name: &str) -> Result<Vec<u8>, LibraryError> {
    read_capped_sized(file, name, 0)
}

fn read_capped_sized(
    file: io::Result<impl Read>,
    name: &str,
    expected: usize,
) -> Result<Vec<u8>, LibraryError> {
    let io = |source| {
        LibraryError::Brief(BriefError::Io {
            path: name.to_string(),
            source,
        })
    };
    // One byte more than expected, so that the end is seen at once.
    let mut bytes = Vec::with_capacity(expected + 1);
    file.and_then(|f| f.take(MAX_BRIEF_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io)?;
    if bytes.len() as u64 > MAX_BRIEF_BYTES {
        return Err(BriefError::TooLarge {
            path: name.to_string(),
            size: bytes.len() as u64,
            limit: MAX_BRIEF_BYTES,
        }
        .into());
    }
    Ok(bytes)
}

/// A new file, readable and writable by its owner only.
pub fn private_options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.create_new(true).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o
}

/// Make a folder (and its parents) if missing; a new one is the owner's
/// only.
pub fn create_private_dir(dir: &Path) -> Result<(), LibraryError> {
    crate::fsio::create_private_dir_all(dir).map_err(io_err(dir, "cannot create the folder"))
}
