//! Reading input files safely: only regular files, size checked first, read through a
//! bounded reader.
//!
//! Projects and articles are both read here, so a FIFO (which would block forever),
//! `/dev/zero` or `/dev/urandom` (endless), or a huge sparse file (gigabytes of zeros
//! that cost nothing on disk) is refused at once with a sentence, before a byte is read.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, Read as _};
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The OS refused to open or read it.
    #[error("{path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said. Shown in this error's own message, so it is not also
        /// reported as its `source` (that would print it twice).
        error: io::Error,
    },
    /// The path is a folder.
    #[error("{0} is a folder")]
    IsDirectory(String),
    /// The path is a FIFO, a device, a socket…: reading it could block or never end.
    #[error("{path} is a {kind}, not a regular file")]
    NotRegular {
        /// The file.
        path: String,
        /// What it is instead ("named pipe (FIFO)", "character device", …).
        kind: &'static str,
    },
    /// The file is larger than the limit the caller gave.
    #[error("{path} is {} ({size} bytes), more than {}", Size(*.size), Size(*.max))]
    TooLarge {
        /// The file.
        path: String,
        /// Its size (or, if it grew while being read, at least this much).
        size: u64,
        /// The limit.
        max: u64,
    },
}

/// A file read whole, with the metadata of the handle it was read through.
#[derive(Debug)]
pub struct ReadFile {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// Size, modification time… of the file that was read (not of whatever the path
    /// names a moment later).
    pub metadata: Metadata,
}

/// Reads the regular file at `path` (symbolic links followed), refusing anything else
/// and anything larger than `max` bytes without reading it.
pub fn read_regular_file(path: &Path, max: u64) -> Result<ReadFile, ReadError> {
    let (file, metadata) = open_regular_file(path, max)?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // One byte more than allowed tells a file that grew past the limit from one at it.
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| ReadError::Io {
            path: path.display().to_string(),
            error,
        })?;
    check_size(bytes.len() as u64, max, path)?;
    Ok(ReadFile { bytes, metadata })
}

/// Reads the regular file at `path` (at most `max` bytes, checked like
/// [`read_regular_file`]) in chunks handed to `each`, without holding it all in
/// memory; returns its metadata.
pub fn read_chunks(
    path: &Path,
    max: u64,
    mut each: impl FnMut(&[u8]),
) -> Result<Metadata, ReadError> {
    let (file, metadata) = open_regular_file(path, max)?;
    let io = |error| ReadError::Io {
        path: path.display().to_string(),
        error,
    };
    let mut reader = file.take(max.saturating_add(1));
    let mut buf = vec![0u8; 1 << 20];
    let mut total = 0u64;
    loop {
        match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                total += n as u64;
                each(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    check_size(total, max, path)?;
    Ok(metadata)
}

/// Opens the regular file at `path` for reading, refusing anything else (a FIFO, a
/// device, a folder) and anything larger than `max`, both before and after opening
/// (the path may be swapped between the look and the open).
fn open_regular_file(path: &Path, max: u64) -> Result<(File, Metadata), ReadError> {
    let io = |error| ReadError::Io {
        path: path.display().to_string(),
        error,
    };
    // Look before opening: opening a FIFO for reading blocks until a writer appears.
    let before = std::fs::metadata(path).map_err(io)?;
    check_kind(&before, path)?;
    check_size(before.len(), max, path)?;
    let file = open_nonblocking(path, false).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    check_kind(&metadata, path)?;
    check_size(metadata.len(), max, path)?;
    Ok((file, metadata))
}

/// Reads at most `max` bytes of the regular file at `path`; see [`read_regular_file`].
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    read_regular_file(path, max).map(|f| f.bytes)
}

fn check_kind(meta: &Metadata, path: &Path) -> Result<(), ReadError> {
    if meta.is_file() {
        return Ok(());
    }
    if meta.is_dir() {
        return Err(ReadError::IsDirectory(path.display().to_string()));
    }
    Err(ReadError::NotRegular {
        path: path.display().to_string(),
        kind: kind_name(meta),
    })
}

fn check_size(size: u64, max: u64, path: &Path) -> Result<(), ReadError> {
    if size > max {
        return Err(ReadError::TooLarge {
            path: path.display().to_string(),
            size,
            max,
        });
    }
    Ok(())
}

/// What a file that is neither a regular file nor a folder is, in words.
#[cfg(unix)]
pub(crate) fn kind_name(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    if t.is_fifo() {
        "named pipe (FIFO)"
    } else if t.is_char_device() {
        "character device"
    } else if t.is_block_device() {
        "block device"
    } else if t.is_socket() {
        "socket"
    } else {
        "special file"
    }
}

/// What a file that is neither a regular file nor a folder is, in words.
#[cfg(not(unix))]
pub(crate) fn kind_name(_meta: &Metadata) -> &'static str {
    "special file"
}

/// Opens an existing file for reading (and writing, if `write`) without ever
/// blocking in `open`: a FIFO swapped in after a check would otherwise hang there.
/// Reads from a regular file are unaffected by the flag.
#[cfg(unix)]
pub(crate) fn open_nonblocking(path: &Path, write: bool) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new()
        .read(true)
        .write(write)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
pub(crate) fn open_nonblocking(path: &Path, write: bool) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(write)
        .open(path)
}

/// A byte count as people read it: `512 MiB`, `6.0 GiB`, `48 KiB`, `17 bytes`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
        let n = self.0;
        if n < 1024 {
            return write!(f, "{n} bytes");
        }
        let mut value = n as f64 / 1024.0;
        let mut unit = 0;
        while value >= 1024.0 && unit + 1 < UNITS.len() {
            value /= 1024.0;
            unit += 1;
        }
        if value.fract() == 0.0 {
            write!(f, "{value:.0} {}", UNITS[unit])
        } else {
            write!(f, "{value:.1} {}", UNITS[unit])
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(Size(17).to_string(), "17 bytes");
        assert_eq!(Size(48 * 1024).to_string(), "48 KiB");
        assert_eq!(Size(512 * 1024 * 1024).to_string(), "512 MiB");
        assert_eq!(Size(6 * 1024 * 1024 * 1024).to_string(), "6 GiB");
        assert_eq!(Size(1536 * 1024 * 1024).to_string(), "1.5 GiB");
    }

    #[test]
    fn a_file_at_the_limit_is_read_and_one_past_it_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        let err = read_bounded(&path, 4).unwrap_err();
        assert!(
            matches!(
                err,
                ReadError::TooLarge {
                    size: 5,
                    max: 4,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn a_sparse_file_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sparse");
        let f = File::create(&path).unwrap();
        // 6 GiB of nothing: costs no disk, would cost 6 GiB of memory if read.
        f.set_len(6 * 1024 * 1024 * 1024).unwrap();
        let err = read_bounded(&path, 1024).unwrap_err();
        assert!(err.to_string().contains("6 GiB"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_folders_are_refused_at_once() {
        for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            let err = read_bounded(Path::new(dev), 1024).unwrap_err();
            assert!(
                err.to_string()
                    .contains("character device, not a regular file"),
                "{err}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_bounded(dir.path(), 1024),
            Err(ReadError::IsDirectory(_))
        ));
    }
}
