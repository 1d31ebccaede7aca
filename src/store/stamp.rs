//! What a project file was when it was read: size, modification time and a hash of
//! its bytes, so a save can tell whether someone else replaced it since.

use std::fs::Metadata;
use std::time::SystemTime;

/// The identity of one version of a file's contents.
///
/// Two stamps are equal only if size, modification time and hash all agree: the
/// hash catches a same-size edit within the file system's timestamp granularity, the
/// time catches a rewrite with identical bytes (harmless, but someone else was there).
/// The hash is the 128-bit xxh3: it guards against accidents (another program, a
/// `git pull`), not against an adversary, and it keeps up with a 400 MB corpus.
#[derive(Clone, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u128,
}

impl FileStamp {
    /// The stamp of `bytes`, read from (or just written to) a file with `metadata`.
    pub fn new(bytes: &[u8], metadata: &Metadata) -> Self {
        Self {
            len: bytes.len() as u64,
            modified: metadata.modified().ok(),
            hash: hash(bytes),
        }
    }

    /// The stamp of a text written in parts, just written to a file with `metadata`.
    pub fn of_parts<'a>(parts: impl Iterator<Item = &'a [u8]>, metadata: &Metadata) -> Self {
        let (len, hash) = hash_parts(parts);
        Self {
            len,
            modified: metadata.modified().ok(),
            hash,
        }
    }

    /// The stamp of the regular file at `path` as it is now, read in chunks (a file
    /// larger than `max` is refused, like every read of the store).
    pub fn of_file(path: &std::path::Path, max: u64) -> Result<Self, crate::fsutil::ReadError> {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut len = 0u64;
        let metadata = crate::fsutil::read_chunks(path, max, |chunk| {
            len += chunk.len() as u64;
            hasher.update(chunk);
        })?;
        Ok(Self {
            len,
            modified: metadata.modified().ok(),
            hash: hasher.digest128(),
        })
    }

    /// The file's size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file was empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `metadata` still describes this version (same size and time), without
    /// reading the file: cheap enough to poll, but blind to same-size edits made
    /// within the clock's granularity; a save compares the full stamp.
    pub fn metadata_matches(&self, metadata: &Metadata) -> bool {
        self.len == metadata.len() && self.modified == metadata.modified().ok()
    }

    /// Whether `bytes` are exactly the contents this stamp was taken of.
    pub fn describes(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() as u64 && self.hash == hash(bytes)
    }

    /// Whether a text written in parts is exactly the contents this stamp was taken of.
    pub fn describes_parts<'a>(&self, parts: impl Iterator<Item = &'a [u8]>) -> bool {
        (self.len, self.hash) == hash_parts(parts)
    }

    /// A short description of what differs from `other`, for messages.
    pub(super) fn difference(&self, other: &FileStamp) -> &'static str {
        if self.len != other.len {
            "its size changed"
        } else if self.hash != other.hash {
            "its contents changed"
        } else {
            "it was rewritten"
        }
    }
}

impl std::fmt::Debug for FileStamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStamp")
            .field("len", &self.len)
            .field("modified", &self.modified)
            .field("hash", &format_args!("{:012x}…", self.hash >> 80))
            .finish()
    }
}

/// The 128-bit xxh3 of some bytes.
fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The length and 128-bit xxh3 of the concatenation of `parts`.
fn hash_parts<'a>(parts: impl Iterator<Item = &'a [u8]>) -> (u64, u128) {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut len = 0u64;
    for p in parts {
        len += p.len() as u64;
        hasher.update(p);
    }
    (len, hasher.digest128())
}
