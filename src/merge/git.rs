//! Working with git: `dossier git-setup` (the attributes and the local merge-driver
//! configuration that make `git merge` and `git pull` call `dossier merge-driver`),
//! the versions git keeps of a file left unmerged, and marking a file resolved.

use crate::git::{self, GitError};
use std::path::{Path, PathBuf};

/// The name git knows the driver by (`merge=dossier` in `.gitattributes`).
pub const DRIVER: &str = "dossier";

/// The pattern `git-setup` gives project files by default.
pub const DEFAULT_PATTERN: &str = "*.ron";

/// Why a git step failed.
#[derive(Debug, thiserror::Error)]
pub enum GitSetupError {
    /// git did not answer.
    #[error(transparent)]
    Git(#[from] GitError),
    /// The folder is not inside a git work tree.
    #[error("{0} is not inside a git repository (run `git init` or `git clone` first)")]
    NotARepository(String),
    /// A git command failed.
    #[error("git {command} failed: {message}")]
    Failed {
        /// The command.
        command: String,
        /// What git said.
        message: String,
    },
    /// Writing `.gitattributes` failed.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        error: std::io::Error,
    },
    /// A pattern that cannot be one line of `.gitattributes`.
    #[error(
        "{0:?} is not a pattern `.gitattributes` can hold (it must be one word without spaces)"
    )]
    BadPattern(String),
}

/// What `git-setup` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setup {
    /// The repository's top folder.
    pub root: PathBuf,
    /// The `.gitattributes` file.
    pub attributes: PathBuf,
    /// Whether the attributes line was added (false: it was there already).
    pub attributes_added: bool,
    /// The command git now runs to merge project files.
    pub driver: String,
}

/// Runs `git ARGS` in `dir` and returns what it printed, or the failure.
fn ok(args: &[&str], dir: &Path, limit: std::time::Duration) -> Result<Vec<u8>, GitSetupError> {
    let out = git::run(args, Some(dir), limit)?;
    if out.success {
        Ok(out.stdout)
    } else {
        Err(GitSetupError::Failed {
            command: args.join(" "),
            message: out.stderr,
        })
    }
}

/// The top folder of the git work tree holding `dir`.
pub fn repository_root(dir: &Path) -> Result<PathBuf, GitSetupError> {
    let out = git::run(&["rev-parse", "--show-toplevel"], Some(dir), git::QUICK)?;
    let root = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.success || root.is_empty() {
        return Err(GitSetupError::NotARepository(dir.display().to_string()));
    }
    Ok(PathBuf::from(root))
}

/// How git should call the running binary: `dossier` when that name on `PATH` is
/// this very program, else its full path (quoted for the shell git runs it with).
pub fn binary_for_git() -> String {
    let Ok(me) = std::env::current_exe() else {
        return "dossier".into();
    };
    let me = std::fs::canonicalize(&me).unwrap_or(me);
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|d| {
            d.join(if cfg!(windows) {
                "dossier.exe"
            } else {
                "dossier"
            })
        })
        .find(|c| c.is_file());
    if on_path.and_then(|p| std::fs::canonicalize(p).ok()) == Some(me.clone()) {
        return "dossier".into();
    }
    shell_quote(&me.display().to_string())
}

/// `s` as one word for a POSIX shell.
fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@".contains(c))
    {
        return s.to_owned();
    }
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Sets up the repository holding `dir` so that git merges files matching `pattern`
/// with `binary merge-driver %O %A %B %L %P`: adds `PATTERN merge=dossier` to the
/// top folder's `.gitattributes` (unless there), and sets `merge.dossier.name` and
/// `merge.dossier.driver` in the repository's own configuration (`.git/config`,
/// which clones do not copy: each clone runs `git-setup` once).
pub fn setup(dir: &Path, pattern: &str, binary: &str) -> Result<Setup, GitSetupError> {
    let pattern = pattern.trim();
    if pattern.is_empty() || pattern.contains(char::is_whitespace) || pattern.starts_with('#') {
        return Err(GitSetupError::BadPattern(pattern.to_owned()));
    }
    let root = repository_root(dir)?;
    let attributes = root.join(".gitattributes");
    let line = format!("{pattern} merge={DRIVER}");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(GitSetupError::Io {
                path: attributes.display().to_string(),
                error,
            });
        }
    };
    let attributes_added = !existing.lines().any(|l| l.trim() == line);
    if attributes_added {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&line);
        text.push('\n');
        crate::store::write_atomic(&attributes, text.as_bytes()).map_err(|error| {
            GitSetupError::Io {
                path: attributes.display().to_string(),
                error,
            }
        })?;
    }
    let driver = format!("{binary} merge-driver %O %A %B %L %P");
    let key = |k: &str| format!("merge.{DRIVER}.{k}");
    ok(
        &[
            "config",
            "--local",
            &key("name"),
            "Dossier: merge projects by meaning",
        ],
        &root,
        git::QUICK,
    )?;
    ok(
        &["config", "--local", &key("driver"), &driver],
        &root,
        git::QUICK,
    )?;
    Ok(Setup {
        root,
        attributes,
        attributes_added,
        driver,
    })
}

/// The versions git keeps of a file it left unmerged (index stages 1, 2 and 3):
/// the base (none when the file was added on both sides), ours and theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stages {
    /// The common ancestor's version, if there is one.
    pub base: Option<Vec<u8>>,
    /// Our version.
    pub ours: Vec<u8>,
    /// Their version.
    pub theirs: Vec<u8>,
}

/// The folder and file name git should be asked about for `file`.
fn locate(file: &Path) -> (PathBuf, String) {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, name)
}

/// The versions git keeps of `file`, if git has it unmerged; `None` when it does
/// not (no git, not a repository, or the file is not in conflict).
pub fn stages(file: &Path) -> Option<Stages> {
    let (dir, name) = locate(file);
    let listed = git::run(&["ls-files", "-u", "--", &name], Some(&dir), git::QUICK).ok()?;
    if !listed.success {
        return None;
    }
    let listing = String::from_utf8_lossy(&listed.stdout).into_owned();
    let has = |stage: &str| {
        listing
            .lines()
            .any(|l| l.split_whitespace().nth(2) == Some(stage))
    };
    if !has("2") || !has("3") {
        return None;
    }
    let show = |stage: &str| -> Option<Vec<u8>> {
        let spec = format!(":{stage}:./{name}");
        let out = git::run(&["show", &spec], Some(&dir), git::SLOW).ok()?;
        out.success.then_some(out.stdout)
    };
    Some(Stages {
        base: if has("1") { show("1") } else { None },
        ours: show("2")?,
        theirs: show("3")?,
    })
}

/// Tells git the conflict in `file` is resolved (`git add`), once the project holds
/// no conflict records.
pub fn mark_resolved(file: &Path) -> Result<(), GitSetupError> {
    let (dir, name) = locate(file);
    ok(&["add", "--", &name], &dir, git::SLOW).map(|_| ())
}

/// Whether git has `file` unmerged (in conflict).
pub fn is_unmerged(file: &Path) -> bool {
    let (dir, name) = locate(file);
    git::run(&["ls-files", "-u", "--", &name], Some(&dir), git::QUICK)
        .is_ok_and(|o| o.success && !o.stdout.is_empty())
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote("/usr/bin/dossier"), "/usr/bin/dossier");
        assert_eq!(shell_quote("/home/a b/dossier"), "'/home/a b/dossier'");
        assert_eq!(shell_quote("/x/it's"), r"'/x/it'\''s'");
    }
}
