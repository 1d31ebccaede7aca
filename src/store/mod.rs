//! The project file: versioned RON, migrated on load, written atomically.
//!
//! One file holds the whole project, article text included. The text is stored as a
//! list of lines so that changing one word changes one line of `git diff`; each
//! annotation is one line; output is deterministic (same project, same bytes).

mod atomic;
mod format;
mod migrate;
pub mod recovery;
mod writer;

pub use atomic::{write_atomic, write_atomic_with};
pub use format::{CURRENT_VERSION, FORMAT_NAME};

use crate::model::{InvariantError, Project};
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
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        source: std::io::Error,
    },
    /// The path is a folder.
    #[error("{0} is a folder, not a project file")]
    IsDirectory(String),
    /// The file exceeds [`MAX_PROJECT_BYTES`].
    #[error("{path} is {size} bytes, larger than the {max} bytes a project file may have")]
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
    #[error("{path} is not a consistent project: {source}")]
    Invalid {
        /// The file.
        path: String,
        /// What is broken.
        source: InvariantError,
    },
    /// Serialising failed (should not happen with valid data).
    #[error("could not write the project: {0}")]
    Serialize(String),
}

/// Reads, migrates and validates a project file.
pub fn load(path: &Path) -> Result<Project, StoreError> {
    let shown = path.display().to_string();
    let io = |source| StoreError::Io {
        path: shown.clone(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(StoreError::IsDirectory(shown));
    }
    if meta.len() > MAX_PROJECT_BYTES {
        return Err(StoreError::TooLarge {
            path: shown,
            size: meta.len(),
            max: MAX_PROJECT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = String::from_utf8(bytes).map_err(|_| StoreError::NotText(shown.clone()))?;
    from_ron(&text, &shown)
}

/// Parses, migrates and validates project text; `path` names it in messages.
pub fn from_ron(text: &str, path: &str) -> Result<Project, StoreError> {
    if text.len() as u64 > MAX_PROJECT_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            size: text.len() as u64,
            max: MAX_PROJECT_BYTES,
        });
    }
    let project = migrate::parse_any_version(text, path)?;
    project.validate().map_err(|source| StoreError::Invalid {
        path: path.to_owned(),
        source,
    })?;
    Ok(project)
}

/// The canonical RON text of a project (what [`save`] writes).
pub fn to_ron(project: &Project) -> Result<String, StoreError> {
    format::write(project)
}

/// Writes the project atomically: a temp file beside `path`, fsync, rename. If
/// anything fails, the file already at `path` is untouched.
pub fn save(project: &Project, path: &Path) -> Result<(), StoreError> {
    let text = to_ron(project)?;
    write_atomic(path, text.as_bytes()).map_err(|source| StoreError::Io {
        path: path.display().to_string(),
        source,
    })
}
