//! Reading an append-only JSON Lines file a little at a time: only what grew
//! since the last look, and only as far as it is whole.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;
use std::time::SystemTime;

/// How many bytes before the offset are kept to check, on the next read,
/// that the file still begins as it did (and was not replaced by another).
const TAIL: usize = 64;

/// What is known of one file: how far it is read, and its look when it was.
#[derive(Debug, Default, Clone)]
pub struct Cursor {
    /// Bytes read, up to the end of the last whole line.
    pub offset: u64,
    /// The last bytes before `offset`.
    tail: Vec<u8>,
    /// Whole lines read so far (for the line numbers in messages).
    pub lines: usize,
    /// The file's length, mtime and inode when last read.
    look: Option<(u64, Option<SystemTime>, u64)>,
}

/// Whole lines that are new in a file.
#[derive(Debug, Default)]
pub struct Growth {
    /// The new bytes, every line ending in `\n`.
    pub bytes: Vec<u8>,
    /// The 1-based number of the first of those lines.
    pub first_line: usize,
    /// The file was read again from its start (it shrank or was replaced):
    /// its lines may repeat what was read before.
    pub restarted: bool,
}

fn look_of(m: &fs::Metadata) -> (u64, Option<SystemTime>, u64) {
    #[cfg(unix)]
    let ino = std::os::unix::fs::MetadataExt::ino(m);
    #[cfg(not(unix))]
    let ino = 0;
    (m.len(), m.modified().ok(), ino)
}

impl Cursor {
    /// Whether the file looks as it did when last read (nothing to do).
    pub fn unchanged(&self, meta: &fs::Metadata) -> bool {
        self.look == Some(look_of(meta))
    }

    /// Whether the file was read to its end (no unfinished line).
    pub fn at_end(&self) -> bool {
        self.look.is_some_and(|(len, _, _)| len == self.offset)
    }

    /// The new whole lines of `path`, whose metadata is `meta`. A file that
    /// shrank, or whose bytes before the offset changed, is read again from
    /// its start.
    pub fn read(&mut self, path: &Path, meta: &fs::Metadata) -> io::Result<Growth> {
        let look = look_of(meta);
        let mut f = File::open(path)?;
        let mut restarted = false;
        if meta.len() < self.offset || !self.same_start(&mut f)? {
            *self = Cursor::default();
            restarted = true;
        }
        f.seek(SeekFrom::Start(self.offset))?;
        let mut bytes = Vec::with_capacity(meta.len().saturating_sub(self.offset) as usize);
        f.read_to_end(&mut bytes)?;
        let whole = memchr::memrchr(b'\n', &bytes).map_or(0, |p| p + 1);
        bytes.truncate(whole);
        let first_line = self.lines + 1;
        self.lines += memchr::memchr_iter(b'\n', &bytes).count();
        self.offset += whole as u64;
        if whole > 0 {
            self.tail = bytes[whole.saturating_sub(TAIL)..].to_vec();
        }
        // The look is of the file before reading: a write meanwhile changes
        // it again, and the next look reads what it added.
        self.look = Some(look);
        Ok(Growth {
            bytes,
            first_line,
            restarted,
        })
    }

    /// Whether the bytes just before the offset are still those read.
    fn same_start(&self, f: &mut File) -> io::Result<bool> {
        if self.offset == 0 || self.tail.is_empty() {
            return Ok(true);
        }
        let at = self.offset - self.tail.len() as u64;
        f.seek(SeekFrom::Start(at))?;
        let mut buf = vec![0u8; self.tail.len()];
        match f.read_exact(&mut buf) {
            Ok(()) => Ok(buf == self.tail),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn grow(path: &Path, bytes: &[u8]) {
        let mut f = fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .expect("open");
        f.write_all(bytes).expect("write");
    }

    fn read(c: &mut Cursor, path: &Path) -> Growth {
        let meta = fs::metadata(path).expect("meta");
        c.read(path, &meta).expect("read")
    }

    #[test]
    fn reads_whole_lines_only_and_then_only_what_grew() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.jsonl");
        grow(&path, b"one\ntw");
        let mut c = Cursor::default();
        let g = read(&mut c, &path);
        assert_eq!(g.bytes, b"one\n");
        assert!(!c.at_end());
        grow(&path, b"o\nthree\n");
        let g = read(&mut c, &path);
        assert_eq!(g.bytes, b"two\nthree\n");
        assert_eq!(g.first_line, 2);
        assert!(!g.restarted);
        assert!(c.at_end());
        assert!(c.unchanged(&fs::metadata(&path).expect("meta")));
    }

    #[test]
    fn a_replaced_or_shrunk_file_is_read_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.jsonl");
        grow(&path, b"one\ntwo\n");
        let mut c = Cursor::default();
        read(&mut c, &path);
        fs::write(&path, b"uno\ndos\ntres\n").expect("replace");
        let g = read(&mut c, &path);
        assert!(g.restarted);
        assert_eq!(g.bytes, b"uno\ndos\ntres\n");
        fs::write(&path, b"x\n").expect("shrink");
        let g = read(&mut c, &path);
        assert!(g.restarted);
        assert_eq!(g.bytes, b"x\n");
    }
}
