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
