//! Atomic file replacement: readers see the old file or the new one, never half of one.
//!
//! The new contents go to a temp file beside the target, named
//! `.NAME.PID.RANDOM.tmp` so that a later save of the same file can tell temp files
//! left by killed processes (their PID is gone) from those of a save in progress, and
//! remove them. A symbolic link is followed, so the file it points to is replaced
//! and the link stays a link; the file's owner (where the OS allows) and mode are
//! kept; a read-only file or a non-regular one is refused, never replaced.

use std::fs::{self, File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How many links [`resolve_links`] follows before giving up (Linux's own limit).
const MAX_LINKS: usize = 40;

/// Temp files of a process whose liveness cannot be checked are stale after this.
const STALE_AGE: Duration = Duration::from_secs(24 * 60 * 60);

/// A temp file of a dead process is left alone this long: the PID may belong to
/// another machine or container sharing the folder (NFS), whose processes our
/// `/proc` does not show, and whose save may still be running.
const DEAD_PID_GRACE: Duration = Duration::from_secs(60);

/// Replaces `path` with `bytes` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// Replaces `path` with whatever `write` writes, atomically: the data goes to a temp
/// file in the same folder (so the rename cannot cross file systems), is flushed to
/// disk, then renamed over `path`; the folder is synced so the rename survives a
/// power cut. On any error the temp file is removed and `path` is untouched.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve_links(path)?;
    replace(&target, write, || Ok::<(), io::Error>(()))
        .map(|_| ())
        .map_err(|e| match e {
            ReplaceError::Io(e) | ReplaceError::Refused(e) => e,
        })
}

/// Why [`replace`] did not replace the file.
pub(super) enum ReplaceError<E> {
    /// The OS refused a step.
    Io(io::Error),
    /// The caller's check refused the rename.
    Refused(E),
}

impl<E> From<io::Error> for ReplaceError<E> {
    fn from(e: io::Error) -> Self {
        ReplaceError::Io(e)
    }
}

/// The file a path finally names: symbolic links followed (relative ones from the
/// link's folder), even when the last one dangles (saving then creates its target).
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let points_to = fs::read_link(&current)?;
                current = if points_to.is_absolute() {
                    points_to
                } else {
                    folder_of(&current).join(points_to)
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links in a chain (a loop?)"
    )))
}

/// The folder holding `path` (`.` for a bare file name).
pub(super) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes a temp file beside `target` (a path with no links left), runs `check`
/// immediately before renaming it over `target`, and returns the new file's
/// metadata. If `write`, `check` or the rename fails, `target` is untouched and the
/// temp file removed.
pub(super) fn replace<E>(
    target: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
    check: impl FnOnce() -> Result<(), E>,
) -> Result<Metadata, ReplaceError<E>> {
    let dir = folder_of(target);
    let name = file_name(target);
    let existing = match fs::metadata(target) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(ReplaceError::Io(e)),
    };
    if let Some(m) = &existing {
        refuse_unwritable(m)?;
    }
    let tmp = write_temp(dir, &name, write)?;
    if let Some(m) = &existing {
        keep_owner_and_mode(tmp.as_file(), m)?;
    }
    tmp.as_file().sync_all()?;
    let written = tmp.as_file().metadata()?;
    check().map_err(ReplaceError::Refused)?;
    tmp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(written)
}

/// Creates `target`, which must not exist, with whatever `write` writes: the data
/// goes to a temp file first and is then renamed into place only if nothing is
/// there yet (`renameat2(RENAME_NOREPLACE)`, or a hard link), so of two processes
/// creating one file exactly one succeeds, the other gets `AlreadyExists`, and a
/// crash leaves either no file or the whole one, never an empty or half one.
pub(super) fn create_exclusive(
    target: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<Metadata> {
    let dir = folder_of(target);
    let name = file_name(target);
    let tmp = write_temp(dir, &name, write)?;
    tmp.as_file().sync_all()?;
    let written = tmp.as_file().metadata()?;
    tmp.persist_noclobber(target).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(written)
}

/// The name temp files beside `path` are made from.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "project".into())
}

/// Removes stale temp files of `name`, then writes a new one, flushed.
fn write_temp(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<tempfile::NamedTempFile> {
    remove_stale_temps(dir, name);
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.{}.", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file_mut().flush()?;
    Ok(tmp)
}

/// A read-only file or a non-regular one (a folder, a FIFO, a device) is never
/// replaced: the user made it so on purpose.
fn refuse_unwritable(m: &Metadata) -> io::Result<()> {
    if !m.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file, so Dossier does not replace it",
        ));
    }
    if m.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; nothing was written (make it writable to save over it)",
        ));
    }
    Ok(())
}

#[cfg(unix)]
fn keep_owner_and_mode(tmp: &File, old: &Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    // Owner first: changing it may clear set-id bits, which the mode then restores.
    let mine = tmp.metadata()?;
    if mine.uid() != old.uid() || mine.gid() != old.gid() {
        // Best effort: only root may give a file away, and only to groups we are in
        // may the group change. The file then belongs to whoever saved it.
        let _ = std::os::unix::fs::fchown(tmp, Some(old.uid()), Some(old.gid()));
    }
    tmp.set_permissions(old.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(tmp: &File, old: &Metadata) -> io::Result<()> {
    tmp.set_permissions(old.permissions())
}

/// Removes `.NAME.PID.RANDOM.tmp` files beside a file called `name` that a dead
/// process left behind. Best effort: a file that cannot be removed stays.
fn remove_stale_temps(dir: &Path, name: &str) {
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let me = std::process::id();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|s| s.strip_prefix(&prefix))
            .and_then(|s| s.strip_suffix(".tmp"))
            .and_then(temp_pid)
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != me && is_stale(pid, &entry) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The PID in the `PID.RANDOM` middle of a temp file's name.
fn temp_pid(middle: &str) -> Option<u32> {
    let (pid, random) = middle.split_once('.')?;
    let plain = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
    if !plain(random) || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether the process that made a temp file is gone. Where `/proc` exists this is
/// exact (a reused PID only delays the clean-up), after a minute's grace; elsewhere a
/// file counts as stale once it is a day old, far longer than any save takes.
fn is_stale(pid: u32, entry: &fs::DirEntry) -> bool {
    let age = entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .unwrap_or_default();
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return age > DEAD_PID_GRACE && !proc.join(pid.to_string()).exists();
    }
    age > STALE_AGE
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Best effort: the data is already safe in the renamed file; this only makes the
    // rename itself durable, and some file systems refuse to fsync folders.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_give_their_pid() {
        assert_eq!(temp_pid("1234.aB3xYz"), Some(1234));
        assert_eq!(temp_pid("1234.aB3.xYz"), None, "a longer project name");
        assert_eq!(temp_pid("ron.1234"), None);
        assert_eq!(temp_pid("1234."), None);
        assert_eq!(temp_pid("+1.abc"), None);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_to_their_target_even_when_dangling() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        let chain = dir.path().join("chain.ron");
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        std::os::unix::fs::symlink(&link, &chain).unwrap();
        assert_eq!(resolve_links(&chain).unwrap(), real);
        let looped = dir.path().join("loop.ron");
        std::os::unix::fs::symlink("loop.ron", &looped).unwrap();
        assert!(resolve_links(&looped).is_err());
    }
}
