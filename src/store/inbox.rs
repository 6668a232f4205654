//! The inbox: a folder beside the state file (`DIR/inbox/`) where briefs
//! are dropped. It is polled, never watched (network drives send no
//! change events): a file whose size and time are the same on two polls in
//! a row is whole, and is taken into the library and removed; one that
//! cannot be read goes to `inbox/rejected/` with `NAME.reason` beside it.
//! Dotfiles and the partial files of editors, browsers and sync tools are
//! left alone.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::library::{Added, Library, LibraryError, create_private_dir, data_dir};

/// What a poll did with one file.
#[derive(Debug)]
pub enum Taken {
    /// A brief was taken into the library and removed from the inbox.
    Added { file: String, added: Box<Added> },
    /// A file that is not a brief, moved to `rejected/`.
    Rejected {
        file: String,
        reason: String,
        moved_to: PathBuf,
    },
    /// A file that could not be moved or removed (left where it is, and
    /// not tried again until it changes).
    Stuck { file: String, reason: String },
}

/// The inbox and what the last poll saw in it.
#[derive(Debug)]
pub struct Inbox {
    dir: PathBuf,
    seen: HashMap<PathBuf, (u64, Option<SystemTime>)>,
    /// Files that could not be moved, by what they were when tried.
    stuck: HashMap<PathBuf, (u64, Option<SystemTime>)>,
}

/// Names the inbox never takes: dotfiles, and the partial or temporary
/// files of editors, browsers and sync tools.
pub fn ignored(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || [
            ".tmp",
            ".temp",
            ".part",
            ".partial",
            ".crdownload",
            ".download",
            ".swp",
            ".reason",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || lower.contains(".sync-conflict-") && lower.ends_with(".tmp")
}

impl Inbox {
    /// The inbox beside a state file: `DIR/inbox/`.
    pub fn beside(state: &Path) -> Inbox {
        Inbox {
            dir: data_dir(state).join("inbox"),
            seen: HashMap::new(),
            stuck: HashMap::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Look at the inbox once. Files seen unchanged since the last poll are
    /// taken; the others are remembered for the next one.
    pub fn poll(&mut self, library: &Library) -> Vec<Taken> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            self.seen.clear();
            return Vec::new();
        };
        let mut now_seen = HashMap::new();
        let mut out = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if ignored(&name) {
                continue;
            }
            let Ok(meta) = e.metadata() else { continue };
            if !meta.is_file() {
                continue;
            }
            let path = e.path();
            let shape = (meta.len(), meta.modified().ok());
            if self.stuck.get(&path) == Some(&shape) {
                now_seen.insert(path, shape);
                continue;
            }
            if self.seen.get(&path) != Some(&shape) {
                // New, or still being written: look again next time.
                now_seen.insert(path, shape);
                continue;
            }
            let taken = self.take(&path, &name, library);
            if let Taken::Stuck { .. } = taken {
                self.stuck.insert(path.clone(), shape);
                now_seen.insert(path, shape);
            }
            out.push(taken);
        }
        self.stuck.retain(|p, _| now_seen.contains_key(p));
        self.seen = now_seen;
        out
    }

    fn take(&self, path: &Path, name: &str, library: &Library) -> Taken {
        match library.add_file(path) {
            Ok(added) => match fs::remove_file(path) {
                Ok(()) => Taken::Added {
                    file: name.to_string(),
                    added: Box::new(added),
                },
                Err(e) => Taken::Stuck {
                    file: name.to_string(),
                    reason: format!("taken, but cannot be removed from the inbox: {e}"),
                },
            },
            Err(LibraryError::Io {
                path: p, source, ..
            }) => Taken::Stuck {
                file: name.to_string(),
                reason: format!("{}: {source}", p.display()),
            },
            Err(LibraryError::Brief(err)) => {
                let reason = err.to_string();
                match self.reject(path, name, &reason) {
                    Ok(moved_to) => Taken::Rejected {
                        file: name.to_string(),
                        reason,
                        moved_to,
                    },
                    Err(e) => Taken::Stuck {
                        file: name.to_string(),
                        reason: format!("{reason}; and it cannot be moved to rejected/: {e}"),
                    },
                }
            }
        }
    }

    /// Move a refused file to `rejected/` (under a free name) and write
    /// why beside it.
    fn reject(&self, path: &Path, name: &str, reason: &str) -> Result<PathBuf, String> {
        let dir = self.dir.join("rejected");
        create_private_dir(&dir).map_err(|e| e.to_string())?;
        let mut target = dir.join(name);
        let mut n = 1;
        while target.exists() {
            target = dir.join(format!("{name}.{n}"));
            n += 1;
        }
        fs::rename(path, &target).map_err(|e| e.to_string())?;
        let mut why = target.clone().into_os_string();
        why.push(".reason");
        let text = format!("{name}: refused by watchdesk: {reason}\n");
        let _ = fs::write(PathBuf::from(why), text);
        Ok(target)
    }
}

#[cfg(test)]
mod tests {
    use super::ignored;

    #[test]
    fn partial_and_hidden_files_are_ignored() {
        for name in [
            ".hidden",
            ".~lock.brief.txt#",
            "~$brief.docx",
            "brief.txt.tmp",
            "brief.part",
            "brief.txt.crdownload",
            "brief.txt~",
            "brief.txt.reason",
        ] {
            assert!(ignored(name), "{name} should be ignored");
        }
        for name in ["brief.txt", "monday", "tmp-brief.txt"] {
            assert!(!ignored(name), "{name} should be taken");
        }
    }
}
