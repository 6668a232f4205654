//! Every error a bad brief file can give.

use std::path::PathBuf;

use watchdesk::brief::{self, BriefError, ParseErrorKind, load_file, parse, parse_bytes};

// ---------------------------------------------------------------------------
// Errors

fn write_temp(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// Load a file that must fail; check that the message names the file (and
/// the line, when given) and return the parse error kind, if any.
fn load_error(bytes: &[u8], line: Option<usize>) -> (BriefError, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_temp(&dir, "bad brief.txt", bytes);
    let err = load_file(&path).expect_err("must fail");
    let msg = err.to_string();
    let name = path.display().to_string();
    assert!(msg.starts_with(&name), "the message names the file: {msg}");
    match line {
        Some(n) => assert!(
            msg.starts_with(&format!("{name}:{n}: ")),
            "the message names line {n}: {msg}"
        ),
        None => assert!(
            msg.starts_with(&format!("{name}: ")),
            "no line in the message: {msg}"
        ),
    }
    if let BriefError::Parse { error, .. } = &err {
        assert_eq!(error.line, line, "{msg}");
    }
    (err, msg)
}

fn parse_kind(err: &BriefError) -> &ParseErrorKind {
    match err {
        BriefError::Parse { error, .. } => &error.kind,
        other => panic!("not a parse error: {other:?}"),
    }
}

#[test]
fn empty_file() {
    let (err, msg) = load_error(b"", None);
    assert_eq!(parse_kind(&err), &ParseErrorKind::Empty);
    assert!(msg.contains("empty"), "{msg}");
}

#[test]
fn whitespace_only_file() {
    for text in [" ", "\n\n\n", "\r\n \t \r\n", "\u{feff}\n  \n", "\u{a0}\n"] {
        let (err, _) = load_error(text.as_bytes(), None);
        assert_eq!(parse_kind(&err), &ParseErrorKind::Empty, "{text:?}");
    }
}

#[test]
fn nul_bytes() {
    let (err, msg) = load_error(b"Title\n\nSome text\0\0\x01\x02", Some(3));
    assert_eq!(parse_kind(&err), &ParseErrorKind::Binary { offset: 16 });
    assert!(msg.contains("binary"), "{msg}");
    // A real binary header.
    let (err, _) = load_error(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", Some(3));
    assert!(matches!(parse_kind(&err), ParseErrorKind::Binary { .. }));
}

#[test]
fn invalid_utf8() {
    let (err, msg) = load_error(b"Title\r\n\r\nCaf\xe9 society\r\n", Some(3));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NotUtf8 { offset: 12 });
    assert!(msg.contains("UTF-8"), "{msg}");
    // CR-only line endings count as lines too.
    let (_, _) = load_error(b"Title\r\rText \xff\xfe", Some(3));
}

#[test]
fn lone_paragraph_without_headings() {
    let text = "The alliance met on Tuesday. Ministers agreed to meet again, and nothing \
                else was decided. Officials said the talks were useful.\n";
    let (err, msg) = load_error(text.as_bytes(), Some(1));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoHeadings);
    assert!(msg.contains("no structure"), "{msg}");
    // Several paragraphs of prose are no better.
    let (err, _) = load_error(format!("{text}\n{text}\n{text}").as_bytes(), Some(1));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoHeadings);
}

#[test]
fn headings_without_an_outlook() {
    let text = "Arctic Shipping\n\nThe passage is open. Insurers are nervous.\n\n\
                Washington Angle\n\nCongress will hold a hearing.\n";
    let (err, msg) = load_error(text.as_bytes(), None);
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoOutlook);
    assert!(msg.contains("Outlook"), "{msg}");
    // A lone heading is not a brief either.
    let (err, _) = load_error(b"Arctic Shipping\n", None);
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoOutlook);
}

#[test]
fn outlook_without_indicators() {
    let text = "Arctic Shipping\n\nThe passage is open. Insurers are nervous.\n\n\
                Outlook\n\nOver the next 48 hours, the desk will keep watching the passage.\n";
    let (err, msg) = load_error(text.as_bytes(), Some(5));
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoIndicators);
    assert!(msg.contains("no indicators"), "{msg}");
    // An empty Outlook at the end of the file.
    let (err, _) = load_error(
        b"Arctic Shipping\n\nThe passage is open.\n\nOutlook\n",
        Some(5),
    );
    assert_eq!(parse_kind(&err), &ParseErrorKind::NoIndicators);
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = load_file(dir.path()).expect_err("a directory");
    assert!(matches!(err, BriefError::IsDirectory { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with(&dir.path().display().to_string()), "{msg}");
    assert!(msg.contains("directory"), "{msg}");
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no-such-brief.txt");
    let err = load_file(&path).expect_err("missing");
    assert!(matches!(err, BriefError::Io { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with(&path.display().to_string()), "{msg}");
    // `load` with a path goes the same way; without one it is the default.
    assert!(brief::load(Some(&path)).is_err());
    let (default, source) = brief::load(None).expect("default brief");
    assert_eq!(source, brief::BriefSource::Default);
    assert_eq!(default.themes.len(), 4);
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    // Sparse: no disk is used for it.
    file.set_len(brief::MAX_BRIEF_BYTES + 1).expect("set_len");
    let err = load_file(&path).expect_err("too large");
    assert!(matches!(err, BriefError::TooLarge { .. }), "{err:?}");
    assert!(err.to_string().starts_with(&path.display().to_string()));
}

#[test]
fn errors_from_parse_carry_lines_without_a_file() {
    let err = parse("").expect_err("empty");
    assert_eq!(err.line, None);
    let err = parse_bytes(b"Heading\n\nText\xc3(").expect_err("bad UTF-8");
    assert_eq!(err.line, Some(3));
    assert!(matches!(err.kind, ParseErrorKind::NotUtf8 { offset: 13 }));
}
