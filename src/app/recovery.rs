//! Recovery copies: unsaved work written to the app's data folder (never beside the
//! user's file), offered back after a crash, removed on a clean save or discard.

use super::settings::AppDirs;
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

fn copy_path(dirs: &AppDirs, id: ProjectId) -> PathBuf {
    dirs.recovery_dir().join(format!("{id}.ron"))
}

fn origin_path(dirs: &AppDirs, id: ProjectId) -> PathBuf {
    dirs.recovery_dir().join(format!("{id}.origin"))
}

/// Writes (atomically) the recovery copy of `project`, noting which file it belongs to.
pub fn write(dirs: &AppDirs, project: &Project, original: Option<&Path>) -> Result<(), String> {
    let dir = dirs.recovery_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let text = crate::store::to_ron(project).map_err(|e| e.to_string())?;
    let file = copy_path(dirs, project.id);
    crate::store::write_atomic(&file, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let origin = original
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let origin_file = origin_path(dirs, project.id);
    crate::store::write_atomic(&origin_file, origin.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", origin_file.display()))
}

/// Removes the recovery copy of a project, if there is one.
pub fn remove(dirs: &AppDirs, id: ProjectId) {
    // Missing files are fine: there was nothing to recover.
    let _ = std::fs::remove_file(copy_path(dirs, id));
    let _ = std::fs::remove_file(origin_path(dirs, id));
}

/// Removes a recovery copy found by [`find`].
pub fn discard(copy: &RecoveryCopy) {
    let _ = std::fs::remove_file(&copy.file);
    let _ = std::fs::remove_file(copy.file.with_extension("origin"));
}

/// Recovery copies left by earlier runs, newest first.
pub fn find(dirs: &AppDirs) -> Vec<RecoveryCopy> {
    let Ok(entries) = std::fs::read_dir(dirs.recovery_dir()) else {
        return Vec::new();
    };
    let mut out: Vec<RecoveryCopy> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|file| {
            let original = std::fs::read_to_string(file.with_extension("origin"))
                .ok()
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
