//! Writing files the way DESIGN.md asks: atomically, keeping what the user
//! set up. Depends on nothing else in the crate.
//!
//! - [`atomic_write`]: a temporary file in the same directory, fsynced,
//!   renamed over the file, the directory fsynced. A new file is private
//!   (0600); an existing file keeps its permission bits; a symbolic link is
//!   written through (its target gets the new content, the link stays).
//! - [`open_lock`]: a lock file is opened without following a symbolic link
//!   (O_NOFOLLOW) and without blocking on a FIFO (O_NONBLOCK), and must be a
//!   regular file.
//! - [`create_private_dir_all`]: new folders are 0700.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The mode of a file this program creates.
pub const FILE_MODE: u32 = 0o600;
/// The mode of a folder this program creates.
pub const DIR_MODE: u32 = 0o700;

/// How many links deep a path may go before it is taken for a loop.
const MAX_LINKS: usize = 40;

/// A write that failed, with the file and the step it failed at.
#[derive(Debug, thiserror::Error)]
#[error("{}: {action}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub action: &'static str,
    #[source]
    pub source: io::Error,
}

fn err<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |source| WriteError {
        path: path.to_path_buf(),
        action,
        source,
    }
}

/// The file a path names once every symbolic link on its last component is
/// followed (the target of a link to a link...). The target need not exist.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(p),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(p),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links (a loop?)"
    )))
}

/// `path` + `suffix`, in the same directory.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Write `parts`, one after the other, as the new content of `path`,
/// atomically. The temporary file is `NAME.tmp-PID-NANOS` beside the file
/// (beside the link's target for a link).
pub fn atomic_write(path: &Path, parts: &[&[u8]]) -> Result<(), WriteError> {
    atomic_write_with(path, |f| write_all_vectored(f, parts))
}

/// [`atomic_write`] with the content written by `write` as it is made (a
/// state file of a million events is not built in memory first).
pub fn atomic_write_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<(), WriteError> {
    let target = resolve_links(path).map_err(err(path, "cannot follow the symbolic link"))?;
    let mode = match fs::metadata(&target) {
        Ok(m) => m.permissions().mode() & 0o7777,
        Err(e) if e.kind() == io::ErrorKind::NotFound => FILE_MODE,
        Err(e) => return Err(err(&target, "cannot read the file's permissions")(e)),
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = sibling(&target, &format!(".tmp-{}-{nanos}", std::process::id()));
    let result = (|| {
        let mut f = OpenOptions::new()
            .create_new(true)
            .write(true)
            .mode(FILE_MODE)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&tmp)
            .map_err(err(&tmp, "cannot create a temporary file"))?;
        // The mode asked at creation is cut by the umask; this one is not.
        f.set_permissions(fs::Permissions::from_mode(mode))
            .map_err(err(&tmp, "cannot set the file's permissions"))?;
        write(&mut f).map_err(err(&tmp, "cannot write"))?;
        f.sync_all()
            .map_err(err(&tmp, "cannot flush the file to disk"))?;
        fs::rename(&tmp, &target).map_err(err(&target, "cannot replace the file"))?;
        // Make the rename itself durable.
        if let Ok(d) = File::open(dir_of(&target)) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Write a report to `path`: atomically ([`atomic_write`]) when it is a
/// regular file or does not exist yet; straight into it when it is a
/// device or a pipe the user named (`-o /dev/stdout`).
pub fn write_report(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(err(path, "cannot write the report")),
        _ => atomic_write(path, &[bytes]),
    }
}

/// Create `path` (0600, never through a symbolic link) holding `bytes`;
/// fails if it exists. For small files made once, then linked into place.
/// Not fsynced: the temporary file lives only between its write and its
/// link, and a kill in that window leaves it behind.
pub fn create_new_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    OpenOptions::new()
        .create_new(true)
        .write(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)?
        .write_all(bytes)
}

/// Open (creating it 0600) a lock file. A symbolic link is refused, never
/// followed, and so is anything that is not a regular file.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| {
            if e.raw_os_error() == Some(libc::ELOOP) {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the lock file is a symbolic link, which is never followed; remove the link",
                )
            } else {
                e
            }
        })?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the lock file is not a regular file; remove it",
        ));
    }
    Ok(file)
}

/// Open a file to read only if it is a regular file: a FIFO, a device or a
/// socket is refused at once instead of blocking the open or the read.
pub fn open_regular(path: &Path) -> io::Result<File> {
    open_regular_sized(path).map(|(file, _)| file)
}

/// [`open_regular`], with the file's length (from the same `fstat`).
pub fn open_regular_sized(path: &Path) -> io::Result<(File, u64)> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)?;
    let meta = file.metadata()?;
    let kind = meta.file_type();
    if !kind.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            not_regular(kind),
        ));
    }
    Ok((file, meta.len()))
}

/// What a file that is not a regular file is, in words.
pub fn not_regular(kind: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_dir() {
        "a directory, not a file"
    } else if kind.is_fifo() {
        "a named pipe (FIFO), not a regular file"
    } else if kind.is_socket() {
        "a socket, not a regular file"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device, not a regular file"
    } else {
        "not a regular file"
    }
}

/// Create a folder and any missing parents, each new one 0700 (before the
/// umask, which can only take more away).
pub fn create_private_dir_all(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
}

/// `Write::write_all` over several buffers, in as few writes as the system
/// takes (one, usually).
fn write_all_vectored(f: &mut File, parts: &[&[u8]]) -> io::Result<()> {
    let mut slices: Vec<io::IoSlice<'_>> = parts.iter().map(|p| io::IoSlice::new(p)).collect();
    let mut bufs = &mut slices[..];
    io::IoSlice::advance_slices(&mut bufs, 0);
    while !bufs.is_empty() {
        match f.write_vectored(bufs) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => io::IoSlice::advance_slices(&mut bufs, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
