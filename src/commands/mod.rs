//! Commands: the only way to change a [`Project`].
//!
//! Each command, applied, returns its inverse (helix-style transactions), so undo
//! and redo are the same operation. The [`Editor`] owns a project, applies commands
//! in one place, records the history and tracks whether the project is dirty.

pub mod analyst;
mod apply;
mod author;
mod changes;
mod editor;

pub use author::default_author;
pub use changes::{Change, ChangeLog, changes_of};

pub use editor::{CoalesceKey, Editor};

use crate::model::{
    Annotation, AnnotationId, ClaimStatus, Document, DocumentId, Entity, EntityId, Project,
    Relation, RelationId, RelationKind, TagDef,
};

/// A change to a project. Build one, hand it to [`Editor::apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Adds an annotation to a document.
    AddAnnotation {
        /// Target document.
        doc: DocumentId,
        /// The new annotation (its quote must match the text).
        annotation: Annotation,
    },
    /// Removes an annotation, and the relations that point to it.
    RemoveAnnotation {
        /// The document holding it.
        doc: DocumentId,
        /// Which annotation.
        id: AnnotationId,
    },
    /// Gives an annotation another tag.
    RetagAnnotation {
        /// The document holding it.
        doc: DocumentId,
        /// Which annotation.
        id: AnnotationId,
        /// Key of the new tag.
        tag: String,
    },
    /// Replaces an annotation's note.
    SetNote {
        /// The document holding it.
        doc: DocumentId,
        /// Which annotation.
        id: AnnotationId,
        /// The new note.
        note: String,
    },
    /// Sets a claim's verification status.
    SetStatus {
        /// The document holding it.
        doc: DocumentId,
        /// Which annotation.
        id: AnnotationId,
        /// The new status (`None` clears it).
        status: Option<ClaimStatus>,
    },
    /// Links an annotation to an entity, or unlinks it.
    LinkEntity {
        /// The document holding it.
        doc: DocumentId,
        /// Which annotation.
        id: AnnotationId,
        /// The entity it mentions.
        entity: Option<EntityId>,
    },
    /// Restores an annotation wholesale (the inverse of the edits above).
    ReplaceAnnotation {
        /// The document holding it.
        doc: DocumentId,
        /// The annotation as it should be (matched by id; offsets must not change).
        annotation: Annotation,
    },
    /// Moves an annotation to other ranges of its document — a widened or narrowed
    /// span, a fragment added or removed — keeping its id, so its links and
    /// relations stay. Its quote and context must match the new ranges.
    Reshape {
        /// The document holding it.
        doc: DocumentId,
        /// The annotation as it should be (matched by id).
        annotation: Annotation,
    },
    /// Adds a document at a position (`None`: at the end).
    AddDocument {
        /// The document.
        document: Box<Document>,
        /// Where to insert it.
        index: Option<usize>,
    },
    /// Removes a document, and the relations that point into it.
    RemoveDocument {
        /// Which document.
        id: DocumentId,
    },
    /// Changes a document's title.
    RenameDocument {
        /// Which document.
        id: DocumentId,
        /// The new title.
        title: String,
    },
    /// Renames the project.
    RenameProject {
        /// The new name.
        name: String,
    },
    /// Adds an entity at a position (`None`: at the end).
    AddEntity {
        /// The entity.
        entity: Entity,
        /// Where to insert it.
        index: Option<usize>,
    },
    /// Removes an entity, unlinking its mentions and dropping its relations.
    RemoveEntity {
        /// Which entity.
        id: EntityId,
    },
    /// Replaces an entity's fields (name, aliases, note…), matched by id.
    ReplaceEntity {
        /// The entity as it should be.
        entity: Entity,
    },
    /// Adds a relation at a position (`None`: at the end).
    AddRelation {
        /// The relation.
        relation: Relation,
        /// Where to insert it.
        index: Option<usize>,
    },
    /// Removes a relation.
    RemoveRelation {
        /// Which relation.
        id: RelationId,
    },
    /// Adds a tag to the tag set at a position (`None`: at the end). Importers
    /// create the tags a file uses this way, inside their one undo step.
    AddTag {
        /// The tag (its key must be new and not empty).
        tag: TagDef,
        /// Where to insert it.
        index: Option<usize>,
    },
    /// Removes a tag that no annotation or entity uses (the inverse of [`Command::AddTag`]).
    RemoveTag {
        /// The tag's key.
        key: String,
    },
    /// Adds a relation kind at a position (`None`: at the end).
    AddRelationKind {
        /// The kind (its key must be new and not empty).
        kind: RelationKind,
        /// Where to insert it.
        index: Option<usize>,
    },
    /// Removes a relation kind that no relation uses.
    RemoveRelationKind {
        /// The kind's key.
        key: String,
    },
    /// Several commands applied as one undo step, all or nothing.
    Batch {
        /// What the user did, for the Undo menu.
        label: String,
        /// The commands, in order.
        commands: Vec<Command>,
    },
}

/// Why a command could not be applied. The project is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// No document with that id.
    #[error("no document with id {0}")]
    NoDocument(DocumentId),
    /// No annotation with that id in the document.
    #[error("no annotation with id {0}")]
    NoAnnotation(AnnotationId),
    /// No entity with that id.
    #[error("no entity with id {0}")]
    NoEntity(EntityId),
    /// No relation with that id.
    #[error("no relation with id {0}")]
    NoRelation(RelationId),
    /// The tag is not in the project's tag set.
    #[error("unknown tag `{0}`")]
    UnknownTag(String),
    /// The relation kind is not in the project's tag set.
    #[error("unknown relation kind `{0}`")]
    UnknownRelationKind(String),
    /// The id is already used.
    #[error("id {0} is already used")]
    DuplicateId(String),
    /// The span is empty or outside the text.
    #[error("span {start}..{end} is not a non-empty range inside the text ({len} chars)")]
    BadRange {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
        /// Length of the text in chars.
        len: usize,
    },
    /// The quote does not match the text at the offsets.
    #[error("the quote does not match the text at {start}..{end}")]
    QuoteMismatch {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
    },
    /// A replacement tried to move an annotation.
    #[error("an annotation's offsets cannot be changed in place")]
    MovedAnnotation,
    /// The project has no relation kind with this role.
    #[error("this project has no relation kind for {0:?} (add one with that role)")]
    NoRelationRole(crate::model::RelationRole),
    /// The same relation (kind, from, to) exists already.
    #[error("that {0} relation exists already")]
    DuplicateRelation(String),
    /// A tag or relation kind with this key exists already, or the key is empty.
    #[error("the key `{0}` is empty or already used")]
    DuplicateKey(String),
    /// The tag or relation kind is still used, so it cannot be removed.
    #[error("`{0}` is still in use")]
    InUse(String),
    /// The tag's shortcut is not a key one can type.
    #[error("tag `{0}` has a control character as its shortcut")]
    BadShortcut(String),
    /// Nothing to do (e.g. an empty batch).
    #[error("nothing to do")]
    Empty,
}

impl Command {
    /// A short description for the Undo/Redo menu items and the CLI.
    pub fn label(&self) -> String {
        match self {
            Command::AddAnnotation { annotation, .. } => {
                format!("Tag “{}”", short(&annotation.quote))
            }
            Command::RemoveAnnotation { .. } => "Delete annotation".into(),
            Command::RetagAnnotation { tag, .. } => format!("Retag as {tag}"),
            Command::SetNote { .. } => "Edit note".into(),
            Command::SetStatus { .. } => "Set claim status".into(),
            Command::LinkEntity { .. } => "Link to entity".into(),
            Command::ReplaceAnnotation { .. } => "Change annotation".into(),
            Command::Reshape { annotation, .. } => {
                format!("Adjust “{}”", short(&annotation.quote))
            }
            Command::AddDocument { document, .. } => format!("Add “{}”", short(&document.title)),
            Command::RemoveDocument { .. } => "Remove document".into(),
            Command::RenameDocument { .. } => "Rename document".into(),
            Command::RenameProject { .. } => "Rename project".into(),
            Command::AddEntity { entity, .. } => format!("Add entity “{}”", short(&entity.name)),
            Command::RemoveEntity { .. } => "Remove entity".into(),
            Command::ReplaceEntity { .. } => "Edit entity".into(),
            Command::AddRelation { .. } => "Add relation".into(),
            Command::RemoveRelation { .. } => "Remove relation".into(),
            Command::AddTag { tag, .. } => format!("Add tag “{}”", short(&tag.label)),
            Command::RemoveTag { key } => format!("Remove tag “{}”", short(key)),
            Command::AddRelationKind { kind, .. } => {
                format!("Add relation kind “{}”", short(&kind.label))
            }
            Command::RemoveRelationKind { key } => format!("Remove relation kind “{}”", short(key)),
            Command::Batch { label, .. } => label.clone(),
        }
    }

    /// Adds a new relation (fresh id, no note) at the end of the project's list.
    pub fn add_relation(
        kind: &str,
        from: crate::model::Target,
        to: crate::model::Target,
    ) -> Command {
        Command::AddRelation {
            relation: Relation {
                id: RelationId::new(),
                kind: kind.to_owned(),
                from,
                to,
                note: String::new(),
                author: String::new(),
                modified: None,
            },
            index: None,
        }
    }

    /// Applies the command and returns its inverse. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Command, CommandError> {
        apply::apply(self, project)
    }
}

fn short(s: &str) -> String {
    crate::model::text::short(s, 30)
}
