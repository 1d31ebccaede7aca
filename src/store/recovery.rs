//! Recovery copies: unsaved work written to the app's data folder (never beside the
//! user's file), offered back after a crash, removed on a clean save or discard.

use crate::model::{Project, ProjectId};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryCopy {
    /// The copy itself.
    pub file: PathBuf,
    /// The project file it is a newer version of, if it had one.
    pub original: Option<PathBuf>,
    /// When the copy was written.
    pub written: SystemTime,
}

/// Why a recovery copy could not be written.
#[derive(Debug, thiserror::Error)]
pub enum RecoveryError {
    /// The recovery folder could not be created.
    #[error("cannot create the recovery folder {dir}: {source}")]
    CreateDir {
        /// The folder.
        dir: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A file of the copy could not be written.
    #[error("cannot write the recovery copy {file}: {source}")]
    Write {
        /// The file.
        file: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A file of the copy could not be removed.
    #[error("cannot remove the recovery copy {file}: {source}")]
    Remove {
        /// The file.
        file: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The project could not be serialised.
    #[error(transparent)]
    Serialize(#[from] super::StoreError),
}

fn copy_path(dir: &Path, id: ProjectId) -> PathBuf {
    dir.join(format!("{id}.ron"))
}

fn origin_path(dir: &Path, id: ProjectId) -> PathBuf {
    dir.join(format!("{id}.origin"))
}

/// Writes (atomically) the recovery copy of `project` into `dir`, noting which file
/// it belongs to.
pub fn write(dir: &Path, project: &Project, original: Option<&Path>) -> Result<(), RecoveryError> {
    std::fs::create_dir_all(dir).map_err(|source| RecoveryError::CreateDir {
        dir: dir.to_path_buf(),
        source,
    })?;
    let text = super::to_ron(project)?;
    let write = |file: PathBuf, bytes: &[u8]| {
        super::write_atomic(&file, bytes).map_err(|source| RecoveryError::Write { file, source })
    };
    write(copy_path(dir, project.id), text.as_bytes())?;
    let origin = original
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    write(origin_path(dir, project.id), origin.as_bytes())
}

/// Removes the recovery copy of a project, if there is one.
pub fn remove(dir: &Path, id: ProjectId) -> Result<(), RecoveryError> {
    remove_files(&copy_path(dir, id))
}

/// Removes a recovery copy found by [`find`].
pub fn discard(copy: &RecoveryCopy) -> Result<(), RecoveryError> {
    remove_files(&copy.file)
}

/// Removes a copy and its `.origin` note; a file that is already gone is fine.
fn remove_files(copy: &Path) -> Result<(), RecoveryError> {
    for file in [copy.to_path_buf(), copy.with_extension("origin")] {
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(RecoveryError::Remove { file, source: e });
            }
            _ => {}
        }
    }
    Ok(())
}

/// Recovery copies in `dir` left by earlier runs, newest first.
pub fn find(dir: &Path) -> Vec<RecoveryCopy> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<RecoveryCopy> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|file| {
            let original = crate::fsutil::read_bounded(&file.with_extension("origin"), 64 << 10)
                .ok()
                .and_then(|bytes| String::from_utf8(bytes).ok())
                .filter(|s| !s.trim().is_empty())
                .map(|s| PathBuf::from(s.trim()));
            let written = std::fs::metadata(&file)
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            RecoveryCopy {
                file,
                original,
                written,
            }
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.written));
    out
}
