//! Writing files safely: in the share (readable by the team: the sync tool
//! or the network drive's other users must read them) and in the desk's
//! own data directory (private).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::ShareError;
use super::identity::random_hex;

/// Create `dir` (and its parents); a new data directory is private (0700).
pub fn private_dir(dir: &Path) -> Result<(), ShareError> {
    crate::fsio::create_private_dir_all(dir)
        .map_err(ShareError::io(dir, "cannot create the directory"))
}

/// Make a rename or a new file in `dir` durable (best effort: not every
/// file system can sync a directory).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Write `bytes` as `path`: a temporary file in the same directory, synced,
/// renamed over it. `private`: a new file is 0600 (the desk's own data);
/// otherwise it is created as the umask says (files in the share must be
/// readable by whoever carries them to the other desks).
fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> Result<(), ShareError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A dot name ending in .tmp: every desk ignores it.
    let tmp = dir.join(format!(".{name}.{}.tmp", random_hex(4)?));
    let result = (|| -> std::io::Result<()> {
        let mut f = if private {
            super::identity::private_new(&tmp)?
        } else {
            OpenOptions::new().write(true).create_new(true).open(&tmp)?
        };
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(ShareError::io(path, "cannot write"))
}

/// [`write_atomic`] for a private file of the desk.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ShareError> {
    write_atomic(path, bytes, true)
}

/// [`write_atomic`] for a file in the share.
pub fn write_shared(path: &Path, bytes: &[u8]) -> Result<(), ShareError> {
    write_atomic(path, bytes, false)
}

/// Append whole lines to `path` in one write and sync them. Appending keeps
/// what is there as it is: a reader mid-way sees at most an unfinished
/// last line, which it leaves until it is whole.
pub fn append(path: &Path, bytes: &[u8]) -> Result<(), ShareError> {
    let created = !path.exists();
    let mut f = OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(ShareError::io(path, "cannot open to append"))?;
    f.write_all(bytes)
        .map_err(ShareError::io(path, "cannot append"))?;
    f.sync_all()
        .map_err(ShareError::io(path, "cannot flush to disk"))?;
    if created {
        sync_dir(path.parent().unwrap_or(Path::new(".")));
    }
    Ok(())
}
