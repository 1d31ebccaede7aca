//! Read-modify-write of a project file, safe against other writers.

use super::{FileStamp, MAX_PROJECT_BYTES, StoreError, lock, resolve_links};
use crate::fsutil;
use crate::model::Project;
use std::path::Path;

/// What an [`edit`] closure decided.
// One per command, moved once: the size difference of the variants costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Outcome<R> {
    /// Save this project (if its canonical bytes differ from the file's) and return `R`.
    Save(Project, R),
    /// Leave the file as it is and return `R`.
    Keep(R),
}

/// What [`edit`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited<R> {
    /// What the closure returned.
    pub value: R,
    /// Whether the file was rewritten (false when nothing changed, byte for byte).
    pub written: bool,
}

/// Locks the project file at `path`, loads it, lets `change` work on it, and saves
/// the result under the same lock: two commands editing one project run one after
/// the other, and neither loses the other's change.
///
/// Other Dossier processes wait for the lock; a program that does not lock (an
/// editor, `git checkout`) may still replace the file in between, which the
/// conditional save notices: the edit is then redone once on the new file, and if
/// the file changed again, [`StoreError::ChangedOnDisk`] is returned. On any error
/// the file is left untouched. `change` may therefore run twice; it should only
/// compute, not print.
pub fn edit<R, E>(
    path: &Path,
    mut change: impl FnMut(Project) -> Result<Outcome<R>, E>,
) -> Result<Edited<R>, E>
where
    E: From<StoreError>,
{
    let shown = path.display().to_string();
    let target = resolve_links(path).map_err(|error| StoreError::Io {
        path: shown.clone(),
        error,
    })?;
    let _lock = lock::lock(&target, &shown)?;
    let mut redone = false;
    loop {
        let file =
            fsutil::read_regular_file(&target, MAX_PROJECT_BYTES).map_err(StoreError::from_read)?;
        let stamp = FileStamp::new(&file.bytes, &file.metadata);
        let project = super::from_bytes(&file.bytes, &shown)?;
        drop(file);
        let (project, value) = match change(project)? {
            Outcome::Keep(value) => {
                return Ok(Edited {
                    value,
                    written: false,
                });
            }
            Outcome::Save(project, value) => (project, value),
        };
        let text = super::to_loadable_ron(&project, &shown, MAX_PROJECT_BYTES)?;
        if stamp.describes_parts(text.parts()) {
            return Ok(Edited {
                value,
                written: false,
            });
        }
        match super::write_checked(&target, &text, Some(&stamp), &shown) {
            Ok(_) => {
                return Ok(Edited {
                    value,
                    written: true,
                });
            }
            Err(StoreError::ChangedOnDisk { .. }) if !redone => redone = true,
            Err(e) => return Err(e.into()),
        }
    }
}
