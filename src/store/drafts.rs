//! Notes still being written when the desk went down (SIGTERM, SIGHUP, a
//! lost terminal), kept in `drafts.json` beside the state file (0600,
//! written atomically) and offered on the next start.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::review::{Confidence, ItemRef};

/// The file's name, beside the state file.
pub const DRAFTS_FILE: &str = "drafts.json";

/// One kept note: the watch (brief id), the item and what was typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptDraft {
    pub brief: String,
    pub item: ItemRef,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct DraftsFile {
    version: u32,
    #[serde(default)]
    drafts: Vec<KeptDraft>,
}

#[derive(Debug, thiserror::Error)]
pub enum DraftsError {
    #[error("{path}: {action}: {source}")]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{path}: the kept drafts cannot be read: {reason}")]
    Corrupt { path: PathBuf, reason: String },
}

/// `drafts.json` beside `state`.
pub fn path_beside(state: &Path) -> PathBuf {
    state.with_file_name(DRAFTS_FILE)
}

/// The drafts kept beside `state`; none when there is no file.
pub fn load(state: &Path) -> Result<Vec<KeptDraft>, DraftsError> {
    let path = path_beside(state);
    let mut f = match crate::fsio::open_regular(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(DraftsError::Io {
                path,
                action: "cannot open the kept drafts",
                source,
            });
        }
    };
    let mut text = String::new();
    io::Read::read_to_string(&mut f, &mut text).map_err(|source| DraftsError::Io {
        path: path.clone(),
        action: "cannot read the kept drafts",
        source,
    })?;
    serde_json::from_str::<DraftsFile>(&text)
        .map(|f| f.drafts)
        .map_err(|e| DraftsError::Corrupt {
            path,
            reason: e.to_string(),
        })
}

/// Keep `drafts` beside `state` (atomically, 0600 when new); with none,
/// remove the file.
pub fn store(state: &Path, drafts: &[KeptDraft]) -> Result<(), DraftsError> {
    let path = path_beside(state);
    if drafts.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(DraftsError::Io {
                path,
                action: "cannot remove the kept drafts",
                source: e,
            }),
            _ => Ok(()),
        };
    }
    let file = DraftsFile {
        version: 1,
        drafts: drafts.to_vec(),
    };
    let bytes = serde_json::to_vec_pretty(&file).map_err(|e| DraftsError::Io {
        path: path.clone(),
        action: "cannot encode the drafts",
        source: io::Error::other(e),
    })?;
    crate::fsio::atomic_write(&path, &[&bytes, b"\n"]).map_err(|e| DraftsError::Io {
        path: e.path,
        action: e.action,
        source: e.source,
    })
}
