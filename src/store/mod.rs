//! The project file: versioned RON, migrated on load, written atomically.
//!
//! One file holds the whole project, article text included. The text is stored as a
//! list of lines so that changing one word changes one line of `git diff`; each
//! annotation is one line; output is deterministic (same project, same bytes).
//!
//! Writers never lose each other's work: every read-modify-write of a project goes
//! through [`edit`], which holds an OS lock on the file from the read to the rename,
//! and every save that started from a read ([`save_if_unchanged`]) renames its new
//! file into place only if the file on disk is still the one that was read
//! ([`FileStamp`]). A save that would give a file the loader refuses is refused
//! before anything is written.

mod atomic;
mod canonical;
mod edit;
mod format;
mod lock;
mod migrate;
pub mod recovery;
mod stamp;
mod writer;

pub use atomic::{resolve_links, write_atomic, write_atomic_with};
pub use edit::{Edited, Outcome, edit};
pub use format::{CURRENT_VERSION, FORMAT_NAME};
pub use lock::LOCK_WAIT;
pub use stamp::FileStamp;
pub use writer::Serialized;

use crate::fsutil::{self, ReadError, Size};
use crate::model::{InvariantError, Project};
use std::fs::Metadata;
use std::io;
use std::path::Path;

/// The largest project file Dossier reads: far above a library of books, far below
/// what would exhaust memory.
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

/// How deeply nested a project file may be; real files need 6 levels.
pub const RECURSION_LIMIT: usize = 32;

/// Why a project could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The OS refused a read or write.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said. Part of this error's own message, so it is not also its
        /// `source` (error chains would print it twice).
        error: io::Error,
    },
    /// The path is a folder.
    #[error("{0} is a folder, not a project file")]
    IsDirectory(String),
    /// The path is a FIFO, a device or a socket, which could block or never end.
    #[error("{path} is a {kind}, not a project file")]
    NotRegular {
        /// The file.
        path: String,
        /// What it is ("named pipe (FIFO)", "character device", …).
        kind: &'static str,
    },
    /// The file exceeds [`MAX_PROJECT_BYTES`].
    #[error(
        "{path} is {} ({size} bytes), larger than the {} a project file may have",
        Size(*.size),
        Size(*.max)
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{0} is not a text file (it is not valid UTF-8), so it cannot be a Dossier project")]
    NotText(String),
    /// The RON is malformed.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// git merged the file line by line and left conflict markers in it.
    #[error(
        "{path} holds {hunks} git conflict marker block(s) (<<<<<<< … >>>>>>>): git merged it \
         line by line, because Dossier's merge driver is not set up in this clone. Run \
         `dossier resolve {path}` to merge the versions by meaning (and `dossier git-setup` \
         so git does it by itself next time); nothing was changed"
    )]
    ConflictMarkers {
        /// The file.
        path: String,
        /// How many `<<<<<<<` blocks it holds.
        hunks: usize,
    },
    /// Valid RON, but not a Dossier project.
    #[error(
        "{path} is not a Dossier project (its `format` is {found:?}, expected \"{FORMAT_NAME}\")"
    )]
    NotAProject {
        /// The file.
        path: String,
        /// The `format` it declares.
        found: String,
    },
    /// Written by a newer Dossier.
    #[error(
        "{path} is a version {found} project, but this Dossier reads versions up to {supported}; \
         open it with a newer Dossier (nothing was changed)"
    )]
    TooNew {
        /// The file.
        path: String,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The project breaks an invariant.
    #[error("{path} is not a consistent project: {problems}")]
    Invalid {
        /// The file.
        path: String,
        /// What is broken (shown in this message, so not also a `source`).
        problems: InvariantError,
    },
    /// Serialising failed (should not happen with valid data).
    #[error("could not write the project: {0}")]
    Serialize(String),
    /// Saving would give a file that Dossier could not open again.
    #[error(
        "{path} was not saved, because Dossier could not open the result: {reason}; nothing was written"
    )]
    Unloadable {
        /// The file.
        path: String,
        /// Why the loader would refuse it.
        reason: String,
    },
    /// The file's permissions forbid writing it.
    #[error("{0} is read-only; nothing was written (make it writable, or save under another name)")]
    ReadOnly(String),
    /// `new` was asked to create a file that is already there.
    #[error("{0} already exists")]
    AlreadyExists(String),
    /// Someone else wrote the file after it was read: saving would lose their work.
    #[error(
        "{path} changed on disk since it was read ({what}): another program or Dossier window \
         wrote it, so nothing was written"
    )]
    ChangedOnDisk {
        /// The file.
        path: String,
        /// What differs ("its contents changed", "it was deleted", …).
        what: &'static str,
    },
    /// Another writer held the project's lock for too long.
    #[error(
        "{path} is being changed by another Dossier command or window, which did not finish \
         within {waited} s; nothing was written"
    )]
    Busy {
        /// The file.
        path: String,
        /// How long we waited, in seconds.
        waited: u64,
    },
}

impl StoreError {
    fn from_read(e: ReadError) -> Self {
        match e {
            ReadError::Io { path, error } => StoreError::Io { path, error },
            ReadError::IsDirectory(path) => StoreError::IsDirectory(path),
            ReadError::NotRegular { path, kind } => StoreError::NotRegular { path, kind },
            ReadError::TooLarge { path, size, max } => StoreError::TooLarge { path, size, max },
        }
    }
}

/// Reads, migrates and validates a project file.
pub fn load(path: &Path) -> Result<Project, StoreError> {
    let file = read_project_file(path)?;
    from_bytes(&file.bytes, &path.display().to_string())
}

/// Reads a project file like [`load`], with the stamp of exactly the bytes it was
/// read from, for a later [`save_if_unchanged`].
pub fn load_with_stamp(path: &Path) -> Result<(Project, FileStamp), StoreError> {
    let file = read_project_file(path)?;
    let stamp = FileStamp::new(&file.bytes, &file.metadata);
    let project = from_bytes(&file.bytes, &path.display().to_string())?;
    Ok((project, stamp))
}

/// The bytes of the regular file at `path`, if it is at most [`MAX_PROJECT_BYTES`].
fn read_project_file(path: &Path) -> Result<fsutil::ReadFile, StoreError> {
    fsutil::read_regular_file(path, MAX_PROJECT_BYTES).map_err(StoreError::from_read)
}

/// Parses, migrates and validates a project file's bytes; `path` names it in
/// messages. A UTF-8 byte-order mark at the start is accepted and dropped.
pub fn from_bytes(bytes: &[u8], path: &str) -> Result<Project, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|_| StoreError::NotText(path.to_owned()))?;
    from_ron(text, path)
}

/// Parses, migrates and validates project text; `path` names it in messages. A
/// byte-order mark at the start (some Windows editors add one) is dropped.
pub fn from_ron(text: &str, path: &str) -> Result<Project, StoreError> {
    if text.len() as u64 > MAX_PROJECT_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: text.len() as u64,
            max: MAX_PROJECT_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (project, mut violations) = match migrate::parse_any_version(text, path) {
        Ok(parsed) => parsed,
        Err(e) => {
            let hunks = conflict_marker_blocks(text);
            return Err(if hunks > 0 {
                StoreError::ConflictMarkers {
                    path: path.to_owned(),
                    hunks,
                }
            } else {
                e
            });
        }
    };
    if let Err(e) = project.validate() {
        violations.extend(e.violations);
    }
    if !violations.is_empty() {
        return Err(StoreError::Invalid {
            path: path.to_owned(),
            problems: InvariantError { violations },
        });
    }
    Ok(project)
}

/// How many git conflict blocks (`<<<<<<<` at the start of a line, later closed by a
/// `>>>>>>>` line) a file's text holds. A project file never has a line starting so:
/// its strings are quoted and indented.
pub fn conflict_marker_blocks(text: &str) -> usize {
    let mut open = false;
    let mut blocks = 0;
    for line in text.lines() {
        if line.starts_with("<<<<<<<") {
            open = true;
        } else if open && line.starts_with(">>>>>>>") {
            open = false;
            blocks += 1;
        }
    }
    blocks
}

/// The canonical RON text of a project (what [`save`] writes).
pub fn to_ron(project: &Project) -> Result<String, StoreError> {
    format::write(project).map(Serialized::into_string)
}

/// The canonical text of a project that the loader will accept, or why not: the
/// project is validated and the size checked, so nothing unloadable is ever written.
fn to_loadable_ron(project: &Project, path: &str, max: u64) -> Result<Serialized, StoreError> {
    let unloadable = |reason: String| StoreError::Unloadable {
        path: path.to_owned(),
        reason,
    };
    project
        .validate()
        .map_err(|e| unloadable(format!("the project is not consistent: {e}")))?;
    let text = format::write(project)?;
    // The writer's layout has a fixed depth (6 levels, below `RECURSION_LIMIT`) and
    // escapes every string the reader could misread, so size is what remains.
    let size = text.len() as u64;
    if size > max {
        return Err(unloadable(format!(
            "it would be {} ({size} bytes), more than the {} a project file may have; \
             remove a document or split the project",
            Size(size),
            Size(max)
        )));
    }
    Ok(text)
}

/// Writes the project atomically: a temp file beside `path`, fsync, rename. If
/// anything fails, the file already at `path` is untouched. Overwrites whatever is
/// at `path` (while holding its lock); use [`save_if_unchanged`] to save over a file
/// that was read before.
pub fn save(project: &Project, path: &Path) -> Result<(), StoreError> {
    save_locked(project, path, None).map(|_| ())
}

/// Saves like [`save`], but only if the file at `path` is still the one `expected`
/// describes (`None`: whatever is there may be replaced, e.g. after a "Save as"
/// dialog confirmed it); otherwise [`StoreError::ChangedOnDisk`] and nothing is
/// written. The check runs under the file's lock, immediately before the rename.
/// A symbolic link is followed: its target is replaced and the link kept. Returns
/// the stamp of the file just written.
pub fn save_if_unchanged(
    project: &Project,
    path: &Path,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, StoreError> {
    let (text, written) = save_locked(project, path, expected)?;
    Ok(FileStamp::of_parts(text.parts(), &written))
}

/// [`save_if_unchanged`] without the stamp: the text written and its file's metadata.
fn save_locked(
    project: &Project,
    path: &Path,
    expected: Option<&FileStamp>,
) -> Result<(Serialized, Metadata), StoreError> {
    let shown = path.display().to_string();
    let text = to_loadable_ron(project, &shown, MAX_PROJECT_BYTES)?;
    let target = resolve_links(path).map_err(|error| StoreError::Io {
        path: shown.clone(),
        error,
    })?;
    let _lock = lock::lock(&target, &shown)?;
    let written = write_checked(&target, &text, expected, &shown)?;
    Ok((text, written))
}

/// Creates a new project file at `path`, which must not exist (nor be a link):
/// exactly one of two processes creating the same file succeeds, the other gets
/// [`StoreError::AlreadyExists`]. The file appears whole or not at all.
pub fn create_new(project: &Project, path: &Path) -> Result<FileStamp, StoreError> {
    let shown = path.display().to_string();
    let text = to_loadable_ron(project, &shown, MAX_PROJECT_BYTES)?;
    match atomic::create_exclusive(path, |f| text.write_to(f)) {
        Ok(written) => Ok(FileStamp::of_parts(text.parts(), &written)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::AlreadyExists(shown)),
        Err(error) => Err(StoreError::Io { path: shown, error }),
    }
}

/// Refuses to replace a read-only or non-regular file, with the store's messages.
fn refuse_unwritable(existing: &Metadata, shown: &str) -> Result<(), StoreError> {
    if existing.is_dir() {
        return Err(StoreError::IsDirectory(shown.to_owned()));
    }
    if !existing.is_file() {
        return Err(StoreError::NotRegular {
            path: shown.to_owned(),
            kind: fsutil::kind_name(existing),
        });
    }
    if existing.permissions().readonly() {
        return Err(StoreError::ReadOnly(shown.to_owned()));
    }
    Ok(())
}

/// Replaces `target` (links resolved, lock held) with `text`, if the file is still
/// the one `expected` describes; returns the new file's metadata.
fn write_checked(
    target: &Path,
    text: &Serialized,
    expected: Option<&FileStamp>,
    shown: &str,
) -> Result<Metadata, StoreError> {
    let io = |error| StoreError::Io {
        path: shown.to_owned(),
        error,
    };
    match std::fs::metadata(target) {
        Ok(m) => refuse_unwritable(&m, shown)?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(e)),
    }
    let check = || match expected {
        None => Ok(()),
        Some(expected) => unchanged(target, expected, shown),
    };
    atomic::replace(target, |f| text.write_to(f), check).map_err(|e| match e {
        atomic::ReplaceError::Io(error) => io(error),
        atomic::ReplaceError::Refused(e) => e,
    })
}

/// Whether the file at `target` is still the version `expected` describes.
fn unchanged(target: &Path, expected: &FileStamp, shown: &str) -> Result<(), StoreError> {
    let changed = |what| StoreError::ChangedOnDisk {
        path: shown.to_owned(),
        what,
    };
    let now = match FileStamp::of_file(target, MAX_PROJECT_BYTES) {
        Ok(stamp) => stamp,
        Err(ReadError::Io { error, .. }) if error.kind() == io::ErrorKind::NotFound => {
            return Err(changed("it was deleted or moved away"));
        }
        Err(ReadError::TooLarge { .. }) => return Err(changed("its size changed")),
        Err(ReadError::IsDirectory(_) | ReadError::NotRegular { .. }) => {
            return Err(changed("it is no longer a regular file"));
        }
        Err(e) => return Err(StoreError::from_read(e)),
    };
    if now == *expected {
        Ok(())
    } else {
        Err(changed(expected.difference(&now)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_save_bigger_than_the_loader_reads_is_refused_before_writing() {
        let mut project = Project::new("big");
        let doc = crate::model::Document::new(
            "d",
            crate::model::SourceMeta::default(),
            "word ".repeat(2000),
        );
        project.insert_document(usize::MAX, doc);
        let ok = to_loadable_ron(&project, "p.ron", 1 << 20).unwrap();
        assert!(ok.len() > 10_000);
        let err = to_loadable_ron(&project, "p.ron", 4096).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, StoreError::Unloadable { .. }), "{msg}");
        assert!(
            msg.contains("more than the 4 KiB a project file may have"),
            "{msg}"
        );
        assert!(msg.contains("nothing was written"), "{msg}");
    }

    #[test]
    fn an_inconsistent_project_is_not_saved() {
        let mut project = Project::new("nul");
        let doc = crate::model::Document::new(
            "d",
            crate::model::SourceMeta::default(),
            "text with a \0 inside\n",
        );
        project.insert_document(usize::MAX, doc);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let err = save(&project, &path).unwrap_err();
        assert!(err.to_string().contains("NUL"), "{err}");
        assert!(!path.exists(), "nothing was written");
    }
}
