//! Who this desk is in the share: its id and its incarnation.
//!
//! The desk id is random (16 hex digits from the operating system's random
//! source), made once and kept in `desk-id` in the desk's data directory
//! (beside the state file), never derived from the host name. The same
//! file the store reads, so a desk keeps the id it already has.
//!
//! A data folder copied to a second machine (a backup restored onto a new
//! laptop while the old one still runs) carries the same id: two desks
//! would then write one file in the share. To notice, the desk also keeps
//! an *incarnation* (`desk-incarnation`): a random nonce tied to the data
//! directory it was made in (its device and inode). A copied folder is a
//! new directory, so the copy makes itself a new incarnation on its first
//! run and remembers the old one as its predecessor. Every line a desk
//! writes to the share carries its incarnation; a desk that finds, under
//! its own id, lines or a meta file of an incarnation other than its own
//! (or a predecessor still writing) reports a cloned desk id.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::ShareError;
use super::names::valid_id;

/// The file beside the state file that names this desk.
pub const DESK_ID_FILE: &str = "desk-id";
/// The file beside it that holds this install's incarnation.
pub const INCARNATION_FILE: &str = "desk-incarnation";

/// This desk in the share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub desk: String,
    /// This install of the desk: random, new for every copy of the folder.
    pub incarnation: String,
    /// Incarnations this desk had in the folders it was copied from.
    pub previous: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct IncarnationFile {
    desk: String,
    incarnation: String,
    /// Where it was made: the data directory's device and inode.
    anchor: String,
    #[serde(default)]
    previous: Vec<String>,
}

/// `n` random bytes from the operating system, as hex.
pub fn random_hex(n: usize) -> Result<String, ShareError> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).map_err(|e| ShareError::Random(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

impl Identity {
    /// The identity kept in `data_dir`, made there when missing. `desk`
    /// overrides the id in `desk-id` (`WATCHDESK_DESK`, tests).
    pub fn load_or_create(data_dir: &Path, desk: Option<&str>) -> Result<Identity, ShareError> {
        super::files::private_dir(data_dir)?;
        let desk = match desk {
            Some(d) => d.trim().to_string(),
            None => desk_id(data_dir)?,
        };
        if !valid_id(&desk) {
            return Err(ShareError::BadDeskId {
                path: data_dir.join(DESK_ID_FILE),
                id: desk,
            });
        }
        let anchor = anchor(data_dir);
        let path = data_dir.join(INCARNATION_FILE);
        let kept: Option<IncarnationFile> = fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok());
        match kept {
            Some(k) if k.desk == desk && k.anchor == anchor && valid_id(&k.incarnation) => {
                Ok(Identity {
                    desk,
                    incarnation: k.incarnation,
                    previous: k.previous,
                })
            }
            kept => {
                // New here: a first run, or a folder copied from elsewhere
                // (its incarnation is a predecessor of ours).
                let mut previous = Vec::new();
                if let Some(k) = kept.filter(|k| k.desk == desk) {
                    previous = k.previous;
                    previous.push(k.incarnation);
                }
                let file = IncarnationFile {
                    desk: desk.clone(),
                    incarnation: random_hex(8)?,
                    anchor,
                    previous,
                };
                let text = serde_json::to_string_pretty(&file)
                    .map_err(|e| ShareError::io(&path, "cannot encode")(e.into()))?;
                super::files::write_private(&path, text.as_bytes())?;
                Ok(Identity {
                    desk,
                    incarnation: file.incarnation,
                    previous: file.previous,
                })
            }
        }
    }

    /// Whether `incarnation` is this install's or one it was copied from.
    pub fn is_mine_or_previous(&self, incarnation: &str) -> bool {
        incarnation == self.incarnation || self.previous.iter().any(|p| p == incarnation)
    }
}

/// The desk id kept in `data_dir/desk-id`, if there is a valid one. Read
/// only: a desk that records nothing makes none.
pub fn read_desk_id(data_dir: &Path) -> Option<String> {
    let mut text = String::new();
    crate::fsio::open_regular(&data_dir.join(DESK_ID_FILE))
        .and_then(|mut f| std::io::Read::read_to_string(&mut f, &mut text))
        .ok()?;
    let id = text.trim();
    valid_id(id).then(|| id.to_string())
}

/// The desk id kept in `data_dir/desk-id`, made (random, 0600, never
/// through a symbolic link) when there is none. The one way a desk id is
/// made: the desk, the commands and the share all come here.
pub fn desk_id(data_dir: &Path) -> Result<String, ShareError> {
    let path = data_dir.join(DESK_ID_FILE);
    let bad = |id: String| ShareError::BadDeskId {
        path: path.clone(),
        id,
    };
    let kept = |p: &Path| -> Option<String> {
        let mut text = String::new();
        crate::fsio::open_regular(p)
            .and_then(|mut f| std::io::Read::read_to_string(&mut f, &mut text))
            .ok()
            .map(|_| text.trim().to_string())
    };
    if let Some(id) = kept(&path) {
        return if valid_id(&id) { Ok(id) } else { Err(bad(id)) };
    }
    crate::fsio::create_private_dir_all(data_dir)
        .map_err(ShareError::io(data_dir, "cannot create the directory"))?;
    let id = random_hex(8)?;
    // Written to a temporary name and linked into place: two desks starting
    // at once agree on one id, and none reads half of it.
    let tmp = data_dir.join(format!("{DESK_ID_FILE}.tmp-{}", std::process::id()));
    let made = crate::fsio::create_new_private(&tmp, format!("{id}\n").as_bytes())
        .and_then(|()| fs::hard_link(&tmp, &path));
    let _ = fs::remove_file(&tmp);
    match made {
        Ok(()) => {
            super::files::sync_dir(data_dir);
            Ok(id)
        }
        Err(e) => match kept(&path) {
            Some(id) if valid_id(&id) => Ok(id),
            Some(id) => Err(bad(id)),
            None => Err(ShareError::io(&path, "cannot write the desk id")(e)),
        },
    }
}

/// A new file readable by its owner only.
pub(super) fn private_new(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)
}

/// What ties an incarnation to one data directory: its device and inode
/// (a copy is a new directory), or its full path where there are none.
fn anchor(dir: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = fs::metadata(dir) {
            return format!("{}:{}", m.dev(), m.ino());
        }
    }
    fs::canonicalize(dir)
        .unwrap_or_else(|_| PathBuf::from(dir))
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_is_made_once_random_and_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = Identity::load_or_create(dir.path(), None).expect("made");
        assert_eq!(a.desk.len(), 16);
        assert!(a.desk.bytes().all(|b| b.is_ascii_hexdigit()));
        let again = Identity::load_or_create(dir.path(), None).expect("read");
        assert_eq!(a, again);
        let other = tempfile::tempdir().expect("tempdir");
        let b = Identity::load_or_create(other.path(), None).expect("made");
        assert_ne!(a.desk, b.desk);
        assert_ne!(a.incarnation, b.incarnation);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for f in [DESK_ID_FILE, INCARNATION_FILE] {
                let mode = fs::metadata(dir.path().join(f))
                    .expect("meta")
                    .permissions();
                assert_eq!(mode.mode() & 0o777, 0o600, "{f}");
            }
        }
        // No temporary file left behind.
        let names: Vec<String> = fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn a_copied_folder_keeps_the_id_and_gets_a_new_incarnation() {
        let root = tempfile::tempdir().expect("tempdir");
        let first = root.path().join("a");
        let copy = root.path().join("b");
        let a = Identity::load_or_create(&first, None).expect("made");
        fs::create_dir_all(&copy).expect("mkdir");
        for f in [DESK_ID_FILE, INCARNATION_FILE] {
            fs::copy(first.join(f), copy.join(f)).expect("copy");
        }
        let b = Identity::load_or_create(&copy, None).expect("read");
        assert_eq!(a.desk, b.desk);
        assert_ne!(a.incarnation, b.incarnation);
        assert_eq!(b.previous, vec![a.incarnation.clone()]);
        assert!(b.is_mine_or_previous(&a.incarnation));
        assert!(!a.is_mine_or_previous(&b.incarnation));
    }

    #[test]
    fn a_desk_id_that_cannot_name_a_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let e = Identity::load_or_create(dir.path(), Some("../x")).expect_err("refused");
        assert!(e.to_string().contains("../x"), "{e}");
    }
}
