//! One writer at a time: an advisory OS lock on the project file itself.
//!
//! The lock is taken on the project file, not on a lock file beside it, so nothing
//! is left in the user's folder (or in their `git status`). Because a save renames a
//! new file over the old one, a process that waited for the lock may end up holding
//! it on the replaced file; it then checks that the file it locked is still the one
//! the path names, and if not, locks the new one. The lock is released when the
//! [`ProjectLock`] is dropped (closing the handle), and by the OS if the process dies.

use super::StoreError;
use std::fs::{self, File, TryLockError};
use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

/// How long a command waits for another writer before giving up with a message.
/// Every writer holds the lock only while it reads, changes and writes one project.
pub const LOCK_WAIT: Duration = Duration::from_secs(60);

/// Holds the write lock on one project file until dropped.
#[derive(Debug)]
pub(super) struct ProjectLock {
    _file: File,
}

/// Waits for and takes the write lock on `target` (links already resolved); `shown`
/// names it in messages. `Ok(None)` if there is no file to lock.
pub(super) fn lock(target: &Path, shown: &str) -> Result<Option<ProjectLock>, StoreError> {
    let deadline = Instant::now() + LOCK_WAIT;
    let io = |error| StoreError::Io {
        path: shown.to_owned(),
        error,
    };
    loop {
        let before = match fs::metadata(target) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        super::refuse_unwritable(&before, shown)?;
        // Opened for writing: on NFS, Linux emulates the lock with a byte-range lock,
        // which needs a handle that may write. Nothing is written through it.
        let file = match crate::fsutil::open_nonblocking(target, true) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                return Err(StoreError::ReadOnly(shown.to_owned()));
            }
            Err(e) => return Err(io(e)),
        };
        if !wait_for(&file, deadline).map_err(io)? {
            return Err(StoreError::Busy {
                path: shown.to_owned(),
                waited: LOCK_WAIT.as_secs(),
            });
        }
        if still_named_by(&file, target).map_err(io)? {
            return Ok(Some(ProjectLock { _file: file }));
        }
        // A save replaced the file while we waited: lock the new one.
    }
}

/// Polls for the lock until `deadline`; `Ok(false)` if it stayed taken. A file
/// system without locks (some network and FUSE ones) counts as locked: the
/// conditional save still refuses to overwrite another writer's file.
fn wait_for(file: &File, deadline: Instant) -> io::Result<bool> {
    let mut pause = Duration::from_millis(1);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(TryLockError::WouldBlock) => {
                if Instant::now() >= deadline {
                    return Ok(false);
                }
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(true);
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// Whether `path` still names the file `file` was opened from.
#[cfg(unix)]
fn still_named_by(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt as _;
    let locked = file.metadata()?;
    match fs::metadata(path) {
        Ok(now) => Ok(now.dev() == locked.dev() && now.ino() == locked.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn still_named_by(_file: &File, _path: &Path) -> io::Result<bool> {
    // Without inode numbers in stable std, trust the open: the conditional save
    // still refuses to overwrite a file that changed.
    Ok(true)
}
