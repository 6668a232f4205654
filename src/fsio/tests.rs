use super::*;

fn mode(p: &Path) -> u32 {
    fs::metadata(p).expect("metadata").permissions().mode() & 0o7777
}

fn set_mode(p: &Path, m: u32) {
    fs::set_permissions(p, fs::Permissions::from_mode(m)).expect("chmod");
}

#[test]
fn a_new_file_is_private_and_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("new.json");
    atomic_write(&p, &[b"{\"a\":", b"1}"]).expect("write");
    assert_eq!(fs::read(&p).expect("read"), b"{\"a\":1}");
    assert_eq!(mode(&p), 0o600);
    // No temporary file left behind.
    assert_eq!(fs::read_dir(dir.path()).expect("dir").count(), 1);
}

#[test]
fn an_existing_file_keeps_its_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    for m in [0o600, 0o640, 0o644, 0o660] {
        let p = dir.path().join(format!("f{m:o}"));
        fs::write(&p, "old").expect("write");
        set_mode(&p, m);
        atomic_write(&p, &[b"new"]).expect("write");
        assert_eq!(fs::read_to_string(&p).expect("read"), "new");
        assert_eq!(mode(&p), m, "mode {m:o} kept");
    }
}

#[test]
fn a_symlink_is_written_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).expect("mkdir");
    let target = real_dir.join("state.json");
    fs::write(&target, "old").expect("write");
    set_mode(&target, 0o640);
    // A relative link, and a link to that link.
    let link = dir.path().join("state.json");
    std::os::unix::fs::symlink("real/state.json", &link).expect("symlink");
    let link2 = dir.path().join("again.json");
    std::os::unix::fs::symlink(&link, &link2).expect("symlink");
    atomic_write(&link2, &[b"new"]).expect("write");
    for l in [&link, &link2] {
        assert!(
            fs::symlink_metadata(l)
                .expect("lstat")
                .file_type()
                .is_symlink()
        );
    }
    assert_eq!(fs::read_to_string(&target).expect("read"), "new");
    assert_eq!(mode(&target), 0o640);
    // A dangling link: its target is created, privately.
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink("real/later.json", &dangling).expect("symlink");
    atomic_write(&dangling, &[b"x"]).expect("write");
    assert_eq!(
        fs::read_to_string(real_dir.join("later.json")).expect("read"),
        "x"
    );
    assert_eq!(mode(&real_dir.join("later.json")), 0o600);
}

#[test]
fn a_link_loop_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    std::os::unix::fs::symlink(&b, &a).expect("symlink");
    std::os::unix::fs::symlink(&a, &b).expect("symlink");
    let e = atomic_write(&a, &[b"x"]).expect_err("a loop");
    assert!(e.to_string().contains("symbolic link"), "{e}");
}

#[test]
fn a_symlinked_lock_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let elsewhere = dir.path().join("elsewhere");
    fs::write(&elsewhere, "keep").expect("write");
    let lock = dir.path().join("state.json.lock");
    std::os::unix::fs::symlink(&elsewhere, &lock).expect("symlink");
    let e = open_lock(&lock).expect_err("refused");
    assert!(e.to_string().contains("symbolic link"), "{e}");
    assert_eq!(fs::read_to_string(&elsewhere).expect("read"), "keep");
}

#[test]
fn a_fifo_lock_file_is_refused_without_blocking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lock = dir.path().join("state.json.lock");
    let c = std::ffi::CString::new(lock.to_str().expect("utf-8")).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    assert!(open_lock(&lock).is_err());
}

#[test]
fn a_new_lock_file_is_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let lock = dir.path().join("x.lock");
    open_lock(&lock).expect("open");
    assert_eq!(mode(&lock), 0o600);
    open_lock(&lock).expect("open again");
}

#[test]
fn new_folders_are_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = dir.path().join("a/b/c");
    create_private_dir_all(&deep).expect("mkdir");
    for d in ["a", "a/b", "a/b/c"] {
        assert_eq!(mode(&dir.path().join(d)), 0o700, "{d}");
    }
    // An existing folder is left as it is.
    set_mode(&dir.path().join("a"), 0o755);
    create_private_dir_all(&deep).expect("again");
    assert_eq!(mode(&dir.path().join("a")), 0o755);
}

#[test]
fn a_report_to_a_device_is_written_into_it() {
    // Not replaced by a regular file (which, for /dev/null, would fail).
    write_report(Path::new("/dev/null"), b"report").expect("write to /dev/null");
}
