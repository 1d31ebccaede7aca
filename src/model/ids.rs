//! Typed identifiers. All are UUID v7: time-ordered, and unique across analysts
//! so that two people's files can be merged without id clashes.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub uuid::Uuid);

        impl $name {
            /// A fresh, time-ordered, globally unique id.
            pub fn new() -> Self {
                Self(uuid::Uuid::now_v7())
            }

            /// Parses the hyphenated text form (as written in project files and the CLI).
            pub fn parse(s: &str) -> Option<Self> {
                uuid::Uuid::parse_str(s.trim()).ok().map(Self)
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }
    };
}

uuid_id!(
    /// Identifies a project.
    ProjectId
);
uuid_id!(
    /// Identifies a document within a project.
    DocumentId
);
uuid_id!(
    /// Identifies an annotation; unique across the whole project.
    AnnotationId
);
uuid_id!(
    /// Identifies an entity (a person, event, …) of the project.
    EntityId
);
uuid_id!(
    /// Identifies a typed relation between annotations, entities and documents.
    RelationId
);

/// A hasher for maps keyed by ids: UUIDs are already random in their low half, so
/// folding the bytes and one multiply spread them well, at a fraction of SipHash's
/// cost (a project index holds a million annotation ids). Not for keys an
/// adversary chooses to collide; ids are made by Dossier.
#[derive(Clone, Copy, Debug, Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_usize(&mut self, _length_prefix: usize) {
        // Ids are fixed-size: the length prefix carries nothing.
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`IdHasher`]s.
pub type IdHashBuilder = std::hash::BuildHasherDefault<IdHasher>;

/// A map keyed by ids, hashed with [`IdHasher`].
pub type IdMap<K, V> = std::collections::HashMap<K, V, IdHashBuilder>;
