//! A share that is a git work tree: commit this desk's own files, pull
//! (rebasing), push, and pull again when the push is turned away.
//!
//! Git runs as the `git` command, in the share; whatever it says on its
//! standard error is part of the error when it fails, never swallowed. Only
//! the paths the caller names are staged and committed (`git commit --
//! PATHS`), so nothing else in the work tree is touched. With one writer
//! per file a rebase never conflicts; if one does all the same, it is
//! aborted (the work tree is left as before the pull) and reported.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::ShareError;

/// The lines watchdesk keeps in the share's `.gitattributes`.
pub const ATTRIBUTES: &str = "\
# watchdesk: each desk appends to its own events file; should two versions of
# one ever meet, keep the lines of both.
desks/*.jsonl merge=union
# Brief texts are named by the hash of their bytes: never convert line endings.
briefs/*.txt -text
";

/// How many times a push turned away (someone pushed first) is retried.
pub const PUSH_TRIES: usize = 5;

/// What a sync did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct GitReport {
    /// This desk's files had changes, now committed.
    pub committed: bool,
    /// The remote branch existed and was pulled.
    pub pulled: bool,
    pub pushed: bool,
    /// Pushes turned away before one went through.
    pub retries: usize,
    /// Something to say (no remote: committed only).
    pub note: Option<String>,
}

/// Whether `dir` is inside a git work tree.
pub fn is_work_tree(dir: &Path) -> bool {
    git(dir, &["rev-parse", "--is-inside-work-tree"]).is_ok_and(|out| out.trim() == "true")
}

/// Run git in `dir`; its standard output, or an error with its standard
/// error.
fn git(dir: &Path, args: &[&str]) -> Result<String, ShareError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| ShareError::Git(format!("cannot run git: {e}")))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let said = [stderr.trim(), stdout.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        Err(ShareError::Git(format!(
            "git {} (in {}) failed ({}): {}",
            args.join(" "),
            dir.display(),
            out.status,
            crate::share::sanitize(&said)
        )))
    }
}

/// Make sure the share's `.gitattributes` has watchdesk's lines (written
/// whole, through a temp file). True when it changed.
pub fn write_attributes(dir: &Path) -> Result<bool, ShareError> {
    let path = dir.join(".gitattributes");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current.contains("desks/*.jsonl merge=union") {
        return Ok(false);
    }
    let mut text = current;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(ATTRIBUTES);
    super::files::write_shared(&path, text.as_bytes())?;
    Ok(true)
}

/// Commit `own` (paths inside `dir`, this desk's files), pull with rebase,
/// push; a push turned away is pulled again and retried up to
/// [`PUSH_TRIES`] times.
pub fn sync(dir: &Path, own: &[PathBuf], message: &str) -> Result<GitReport, ShareError> {
    let mut report = GitReport::default();
    write_attributes(dir)?;
    let mut paths: Vec<String> = vec![".gitattributes".into()];
    for p in own {
        let rel = p.strip_prefix(dir).unwrap_or(p);
        if dir.join(rel).exists() {
            paths.push(rel.to_string_lossy().into_owned());
        }
    }
    let mut add = vec!["add", "--"];
    add.extend(paths.iter().map(String::as_str));
    git(dir, &add)?;
    let mut diff = vec!["diff", "--cached", "--name-only", "--"];
    diff.extend(paths.iter().map(String::as_str));
    if !git(dir, &diff)?.trim().is_empty() {
        let mut commit = vec!["commit", "--quiet", "-m", message, "--"];
        commit.extend(paths.iter().map(String::as_str));
        git(dir, &commit)?;
        report.committed = true;
    }
    let remote = git(dir, &["remote"])?
        .lines()
        .next()
        .map(str::to_string)
        .filter(|r| !r.is_empty());
    let Some(remote) = remote else {
        report.note = Some("the share's git repository has no remote: committed only".into());
        return Ok(report);
    };
    let branch = git(dir, &["symbolic-ref", "--short", "HEAD"])?
        .trim()
        .to_string();
    if !git(dir, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_ok_and(|o| !o.trim().is_empty())
    {
        // Nothing committed here yet: take what the remote has.
        if remote_has(dir, &remote, &branch)? {
            git(dir, &["pull", "--quiet", &remote, &branch])?;
            report.pulled = true;
        }
        return Ok(report);
    }
    for attempt in 0..=PUSH_TRIES {
        if remote_has(dir, &remote, &branch)? {
            pull(dir, &remote, &branch)?;
            report.pulled = true;
        }
        let target = format!("HEAD:refs/heads/{branch}");
        match git(dir, &["push", "--quiet", "-u", &remote, &target]) {
            Ok(_) => {
                report.pushed = true;
                report.retries = attempt;
                return Ok(report);
            }
            Err(ShareError::Git(msg)) if turned_away(&msg) && attempt < PUSH_TRIES => continue,
            Err(e) => return Err(e),
        }
    }
    Err(ShareError::Git(format!(
        "git push: turned away {} times (others kept pushing first)",
        PUSH_TRIES + 1
    )))
}

fn remote_has(dir: &Path, remote: &str, branch: &str) -> Result<bool, ShareError> {
    let out = git(dir, &["ls-remote", "--heads", remote, branch])?;
    Ok(!out.trim().is_empty())
}

/// `git pull --rebase`; a rebase that stops on a conflict is aborted.
fn pull(dir: &Path, remote: &str, branch: &str) -> Result<(), ShareError> {
    match git(
        dir,
        &["pull", "--rebase", "--autostash", "--quiet", remote, branch],
    ) {
        Ok(_) => Ok(()),
        Err(e) => {
            let stopped = ["rebase-merge", "rebase-apply"].iter().any(|d| {
                git(dir, &["rev-parse", "--git-path", d])
                    .is_ok_and(|p| dir.join(p.trim()).exists() || Path::new(p.trim()).exists())
            });
            if stopped {
                let aborted = git(dir, &["rebase", "--abort"]);
                return Err(ShareError::Git(format!(
                    "{e}\nthe rebase was aborted{}; this desk's commit is kept and nothing was pushed",
                    match aborted {
                        Ok(_) => String::new(),
                        Err(a) => format!(" (the abort failed too: {a})"),
                    }
                )));
            }
            Err(e)
        }
    }
}

/// A push refused because the remote moved on.
fn turned_away(msg: &str) -> bool {
    msg.contains("[rejected]")
        || msg.contains("non-fast-forward")
        || msg.contains("fetch first")
        || msg.contains("cannot lock ref")
}
