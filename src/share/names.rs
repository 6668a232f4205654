//! What the files in a share are, by their names: a desk's events or meta
//! file, a sync tool's conflict copy of one, or something to leave alone
//! (temporary files of sync tools and editors, anything unknown).

/// What a file in `desks/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskFile {
    /// A desk's events (`<desk>.jsonl`), or a conflict copy of them.
    Events { desk: String, conflict: bool },
    /// A desk's meta file (`<desk>.meta.json`), or a conflict copy of it.
    Meta { desk: String, conflict: bool },
    /// Not ours to read: a temporary file, or a name we do not know.
    Ignore,
}

/// Whether `s` can be a desk id (and so a file name in the share): 1 to 64
/// ASCII letters, digits, `-` and `_`.
pub fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Temporary files of sync tools, editors and of watchdesk itself: never
/// read. Syncthing (`.syncthing.*.tmp`, `~syncthing~*`), Dropbox
/// (`.dropbox*`), partial downloads (`*.part`, `*.partial`, `*.crdownload`),
/// any `*.tmp`, office and Emacs locks (`.~lock*`, `.#*`). Every name
/// starting with a dot is one: watchdesk's own files never do.
pub fn is_temporary(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.starts_with('~')
        || lower.ends_with(".tmp")
        || lower.ends_with(".part")
        || lower.ends_with(".partial")
        || lower.ends_with(".crdownload")
        || lower.ends_with('~')
        || lower.ends_with(".swp")
}

/// Whether what follows a desk id in a file name marks a conflict copy:
/// Syncthing's `.sync-conflict-YYYYMMDD-HHMMSS-DEVICE`, Dropbox's,
/// OneDrive's and Nextcloud's ` (... conflicted copy ...)`,
/// ` (Case Conflict)`, and `-conflict-...`.
fn is_conflict_marker(rest: &str) -> bool {
    let lower = rest.to_ascii_lowercase();
    lower.starts_with(".sync-conflict-")
        || (lower.starts_with(" (") && lower.contains("conflict"))
        || lower.starts_with("-conflict")
        || lower.starts_with("_conflict")
}

/// What a file in `desks/` is, by its name.
pub fn classify(name: &str) -> DeskFile {
    if is_temporary(name) {
        return DeskFile::Ignore;
    }
    let (stem, meta) = if let Some(stem) = name.strip_suffix(".jsonl") {
        (stem, false)
    } else if let Some(stem) = name.strip_suffix(".json") {
        (stem, true)
    } else {
        return DeskFile::Ignore;
    };
    // The desk id is the leading run of id characters, short of a
    // `-conflict` marker that runs on from it.
    let run = stem
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        .count();
    let mut id = &stem[..run];
    for marker in ["-conflict", "_conflict"] {
        if let Some(at) = id.to_ascii_lowercase().find(marker) {
            id = &id[..at];
        }
    }
    if !valid_id(id) {
        return DeskFile::Ignore;
    }
    let mut rest = &stem[id.len()..];
    if meta {
        // `<id>.meta`, with a conflict marker before or after `.meta`.
        if let Some(r) = rest.strip_prefix(".meta") {
            rest = r;
        } else if let Some(r) = rest.strip_suffix(".meta") {
            rest = r;
        } else {
            return DeskFile::Ignore;
        }
    }
    let conflict = match rest {
        "" => false,
        r if is_conflict_marker(r) => true,
        _ => return DeskFile::Ignore,
    };
    let desk = id.to_string();
    if meta {
        DeskFile::Meta { desk, conflict }
    } else {
        DeskFile::Events { desk, conflict }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(desk: &str, conflict: bool) -> DeskFile {
        DeskFile::Events {
            desk: desk.into(),
            conflict,
        }
    }

    fn meta(desk: &str, conflict: bool) -> DeskFile {
        DeskFile::Meta {
            desk: desk.into(),
            conflict,
        }
    }

    #[test]
    fn names_are_classified() {
        let id = "0123456789abcdef";
        let table: Vec<(String, DeskFile)> = vec![
            (format!("{id}.jsonl"), events(id, false)),
            (format!("{id}.meta.json"), meta(id, false)),
            (
                format!("{id}.sync-conflict-20261126-143000-ABCDEFG.jsonl"),
                events(id, true),
            ),
            (
                format!("{id}.meta.sync-conflict-20261126-143000-ABCDEFG.json"),
                meta(id, true),
            ),
            (
                format!("{id} (Jane's conflicted copy 2026-11-26).jsonl"),
                events(id, true),
            ),
            (
                format!("{id}.meta (conflicted copy 2026-11-26 143000).json"),
                meta(id, true),
            ),
            (format!("{id} (Case Conflict).jsonl"), events(id, true)),
            (format!("{id}-conflict-laptop.jsonl"), events(id, true)),
            (format!(".syncthing.{id}.jsonl.tmp"), DeskFile::Ignore),
            (format!("~syncthing~{id}.jsonl.tmp"), DeskFile::Ignore),
            (format!("{id}.jsonl.tmp"), DeskFile::Ignore),
            (format!("{id}.jsonl.part"), DeskFile::Ignore),
            (".dropbox.cache".into(), DeskFile::Ignore),
            (format!(".~lock.{id}.jsonl#"), DeskFile::Ignore),
            (format!(".#{id}.jsonl"), DeskFile::Ignore),
            (format!("{id}.bak.jsonl"), DeskFile::Ignore),
            (format!("{id}.txt"), DeskFile::Ignore),
            ("notes.json".into(), DeskFile::Ignore),
            ("desk-a.jsonl".into(), events("desk-a", false)),
            (
                "desk-a-conflict-20261126.jsonl".into(),
                events("desk-a", true),
            ),
            ("../x.jsonl".into(), DeskFile::Ignore),
        ];
        for (name, want) in table {
            assert_eq!(classify(&name), want, "{name}");
        }
    }

    #[test]
    fn ids_that_can_name_files() {
        assert!(valid_id("0123456789abcdef"));
        assert!(valid_id("desk_a-1"));
        for bad in ["", "a/b", "a.b", "a b", "..", &"x".repeat(65)] {
            assert!(!valid_id(bad), "{bad:?}");
        }
    }
}
