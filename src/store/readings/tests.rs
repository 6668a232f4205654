use std::fs;
use std::path::Path;

use super::*;
use crate::brief::{self, WindowSpec};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

fn library(dir: &Path) -> Library {
    Library::beside(&dir.join("state.json"))
}

/// A text the parser reads, and its reading.
fn read_text() -> Result<(String, Brief)> {
    let text = brief::DEFAULT_BRIEF_TEXT.to_string();
    let b = brief::parse(&text)?;
    Ok((text, b))
}

fn fail(what: &str) -> Box<dyn std::error::Error> {
    what.into()
}

#[test]
fn a_kept_reading_is_taken_back_and_not_written_twice() -> Result {
    let dir = tempfile::tempdir()?;
    let lib = library(dir.path());
    let (text, b) = read_text()?;
    assert!(lib.kept_reading(&b.id, &text, &[]).is_none(), "none yet");
    assert!(lib.keep_reading(&text, &[], &b)?, "written");
    assert_eq!(lib.kept_reading(&b.id, &text, &[]), Some(b.clone()));
    assert!(!lib.keep_reading(&text, &[], &b)?, "the same one is kept");
    // Private, and no temporary file left behind.
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &fs::metadata(lib.reading_path(&b.id))?.permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(fs::read_dir(lib.dir())?.count(), 1);
    Ok(())
}

#[test]
fn another_text_or_other_corrections_pass_it_over() -> Result {
    let dir = tempfile::tempdir()?;
    let lib = library(dir.path());
    let (text, b) = read_text()?;
    lib.keep_reading(&text, &[], &b)?;
    // The text changed (even in a way that keeps its id).
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(BriefId::of_text(&crlf), b.id);
    assert!(lib.kept_reading(&b.id, &crlf, &[]).is_none());
    assert!(
        lib.kept_reading(&b.id, &(text.clone() + "x"), &[])
            .is_none()
    );
    // Corrections in effect that the reading was not made with.
    let window = [Correction::SetWindow(WindowSpec::hours(24))];
    assert!(lib.kept_reading(&b.id, &text, &window).is_none());
    // Kept with them, it is taken with them only.
    let corrected = brief::apply_corrections(&text, &window)?;
    lib.keep_reading(&text, &window, &corrected)?;
    assert_eq!(lib.kept_reading(&b.id, &text, &window), Some(corrected));
    assert!(lib.kept_reading(&b.id, &text, &[]).is_none());
    Ok(())
}

/// The reading file's header and body.
fn parts(lib: &Library, id: &BriefId) -> Result<(Header, Vec<u8>)> {
    let bytes = fs::read(lib.reading_path(id))?;
    let split = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| fail("no header line"))?;
    Ok((
        serde_json::from_slice(&bytes[..split])?,
        bytes[split + 1..].to_vec(),
    ))
}

fn write_parts(lib: &Library, id: &BriefId, header: &Header, body: &[u8]) -> Result {
    let mut bytes = serde_json::to_vec(header)?;
    bytes.push(b'\n');
    bytes.extend_from_slice(body);
    fs::write(lib.reading_path(id), bytes)?;
    Ok(())
}

#[test]
fn a_reading_by_another_parser_or_format_is_passed_over() -> Result {
    let dir = tempfile::tempdir()?;
    let lib = library(dir.path());
    let (text, b) = read_text()?;
    lib.keep_reading(&text, &[], &b)?;
    let (header, body) = parts(&lib, &b.id)?;
    assert_eq!(header.parser, PARSER_VERSION);
    let older = Header {
        parser: "0123456789abcdef".into(),
        ..parts(&lib, &b.id)?.0
    };
    write_parts(&lib, &b.id, &older, &body)?;
    assert!(lib.kept_reading(&b.id, &text, &[]).is_none());
    // A writer puts this parser's reading back.
    assert!(lib.keep_reading(&text, &[], &b)?);
    assert_eq!(parts(&lib, &b.id)?.0, header);
    let other_format = Header {
        format: FORMAT + 1,
        ..parts(&lib, &b.id)?.0
    };
    write_parts(&lib, &b.id, &other_format, &body)?;
    assert!(lib.kept_reading(&b.id, &text, &[]).is_none());
    Ok(())
}

#[test]
fn a_damaged_reading_is_passed_over() -> Result {
    let dir = tempfile::tempdir()?;
    let lib = library(dir.path());
    let (text, b) = read_text()?;
    lib.keep_reading(&text, &[], &b)?;
    let path = lib.reading_path(&b.id);
    let whole = fs::read(&path)?;
    let (header, body) = parts(&lib, &b.id)?;

    let mut damaged: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\n".to_vec(),
        b"not json\n{}".to_vec(),
        whole[..whole.len() / 2].to_vec(),
        whole[..whole.len() - 1].to_vec(),
        [whole.as_slice(), b" "].concat(),
    ];
    // One byte of the body changed, in a way JSON still reads.
    let at = body
        .windows(5)
        .position(|w| w == b"title")
        .ok_or_else(|| fail("no title in the body"))?;
    let mut flipped = body.clone();
    flipped[at + 9] ^= 0x01;
    let mut bytes = serde_json::to_vec(&header)?;
    bytes.push(b'\n');
    bytes.extend_from_slice(&flipped);
    damaged.push(bytes);
    // A body that is whole but not a brief.
    let not_a_brief = br#"{"title": 3}"#;
    let h = Header {
        sum: sum(&[not_a_brief]),
        ..parts(&lib, &b.id)?.0
    };
    let mut bytes = serde_json::to_vec(&h)?;
    bytes.push(b'\n');
    bytes.extend_from_slice(not_a_brief);
    damaged.push(bytes);

    for (n, bytes) in damaged.iter().enumerate() {
        fs::write(&path, bytes)?;
        assert!(
            lib.kept_reading(&b.id, &text, &[]).is_none(),
            "damaged reading {n} taken"
        );
    }
    // A directory, or a FIFO (never blocks), in its place.
    fs::remove_file(&path)?;
    fs::create_dir(&path)?;
    assert!(lib.kept_reading(&b.id, &text, &[]).is_none());
    fs::remove_dir(&path)?;
    let fifo = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())?;
    // SAFETY: a valid NUL-terminated path.
    if unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) } == 0 {
        assert!(lib.kept_reading(&b.id, &text, &[]).is_none());
        fs::remove_file(&path)?;
    }
    // And the writer replaces what is there.
    fs::write(&path, b"junk")?;
    assert!(lib.keep_reading(&text, &[], &b)?);
    assert_eq!(lib.kept_reading(&b.id, &text, &[]), Some(b));
    Ok(())
}

#[test]
fn a_reading_kept_under_another_id_is_not_taken() -> Result {
    let dir = tempfile::tempdir()?;
    let lib = library(dir.path());
    let (text, b) = read_text()?;
    lib.keep_reading(&text, &[], &b)?;
    let other = BriefId("0123456789abcdef".into());
    fs::copy(lib.reading_path(&b.id), lib.reading_path(&other))?;
    assert!(lib.kept_reading(&other, &text, &[]).is_none());
    Ok(())
}

#[test]
fn the_sum_tells_texts_apart() {
    let a = sum(&[b"watchdesk reading", b"[]", b"Alpha text"]);
    assert_eq!(a.len(), 32);
    assert_eq!(a, sum(&[b"watchdesk reading", b"[]", b"Alpha text"]));
    // A byte, a bit, the length, where the parts meet.
    assert_ne!(a, sum(&[b"watchdesk reading", b"[]", b"Alpha texu"]));
    assert_ne!(a, sum(&[b"watchdesk reading", b"[]", b"Alpha text "]));
    assert_ne!(a, sum(&[b"watchdesk reading", b"[]", b"Alpha tex"]));
    assert_ne!(a, sum(&[b"watchdesk reading", b"[]A", b"lpha text"]));
    assert_ne!(sum(&[b"a\0"]), sum(&[b"a"]));
    let long = vec![b'x'; 4096];
    let mut flipped = long.clone();
    for i in [0, 7, 8, 2048, 4095] {
        flipped[i] ^= 1;
        assert_ne!(sum(&[&long]), sum(&[&flipped]), "byte {i}");
        flipped[i] ^= 1;
    }
}
