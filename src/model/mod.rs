//! The project model: documents, annotations, entities and the tag set.
//!
//! Nothing here knows about egui, files or the command line. Every change to a
//! [`Project`] goes through [`crate::commands::Command`]; the model itself only
//! offers read access plus the low-level mutations the commands are built on.

mod annotation;
mod annotations;
mod conflict;
mod document;
mod entity;
pub mod fold;
pub mod fuzzy;
mod history;
mod ids;
pub mod iso_date;
mod project;
pub mod search;
pub mod span;
mod tagset;
pub mod text;
pub mod utf16;
mod validate;

pub use annotation::{
    Annotation, CONTEXT_CHARS, ClaimStatus, FRAGMENT_JOINER, context, fragments_are_valid,
    merge_ranges, now, quote_of,
};
pub use annotations::{Annotations, SpanKey};
pub use conflict::{Conflict, Field, Subject, Version};
pub use document::{Document, DocumentContents, SourceMeta, range_problem};
pub use entity::{Entity, Relation, RelationKind, RelationRole, Target};
pub use history::{AnchorMethod, Orphan, Reanchor, TextVersion, VersionKind, text_sha256};
pub use ids::{
    AnnotationId, DocumentId, EntityId, IdHashBuilder, IdHasher, IdMap, ProjectId, RelationId,
};
pub use project::Project;
pub use tagset::{Color, EntityRole, TagDef, TagKind, TagSet};
pub use validate::{InvariantError, Violation};
