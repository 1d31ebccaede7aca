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
mod stamp;
pub mod text;

pub use author::{default_author, git_user_name};
pub use changes::{Change, ChangeLog, changes_of};
pub use stamp::Stamp;

pub use editor::{CoalesceKey, Editor};

use crate::model::{
    Annotation, AnnotationId, ClaimStatus, Conflict, Document, DocumentId, Entity, EntityId,
    Project, Relation, RelationId, RelationKind, SourceMeta, TagDef, TagSet,
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
    /// Adds a tag to the project's tag set at a position (`None`: at the end).
    AddTag {
        /// The tag (its key must be new).
        tag: TagDef,
        /// Where to insert it.
        index: Option<usize>,
    },
    /// Removes a tag no annotation or entity uses any more.
    RemoveTag {
        /// The tag's key.
        key: String,
    },
    /// Changes a tag's label, colour, shortcut, kind or role (matched by key).
    ReplaceTag {
        /// The tag as it should be.
        tag: TagDef,
    },
    /// Moves a tag to another place in the order (which also gives its 1–9 key).
    MoveTag {
        /// The tag's key.
        key: String,
        /// Its new position.
        to: usize,
    },
    /// Replaces chars `range` of a document's text with `replacement` (empty: a
    /// deletion; an empty range: an insertion). Annotations are mapped through the
    /// change (see [`crate::anchor::edit_text`]); those whose text is deleted become
    /// orphans; the old text goes into the document's history. Its inverse is a
    /// [`Command::ChangeText`]. Apply each finished correction as its own step (not
    /// with `Editor::apply_coalescing`: an undo step keeps only the first inverse,
    /// which fits only the text before the burst's later edits). See also
    /// [`text::edit`], which builds the exact change first.
    EditText {
        /// The document.
        doc: DocumentId,
        /// The chars replaced, `(start, end)`.
        range: (usize, usize),
        /// What replaces them.
        replacement: String,
    },
    /// Replaces a document's text with a new version of the article and re-anchors
    /// every annotation onto it, or orphans it with the reason (see
    /// [`crate::anchor::update_text`]). Its inverse is a [`Command::ChangeText`].
    UpdateText {
        /// The document.
        doc: DocumentId,
        /// The new text.
        text: String,
        /// The new version's source (`None`: keep the old one).
        source: Option<Box<crate::model::SourceMeta>>,
    },
    /// An exact change of a document's text, annotations, orphans, history and
    /// source, as [`crate::anchor`] builds them; its inverse is another one.
    ChangeText {
        /// The document.
        doc: DocumentId,
        /// The change.
        change: Box<crate::anchor::TextChange>,
    },
    /// Replaces a relation's kind, ends or note, matched by id (e.g. retargets it).
    ReplaceRelation {
        /// The relation as it should be.
        relation: Relation,
    },
    /// Replaces a document's source (where it came from).
    SetDocumentSource {
        /// Which document.
        id: DocumentId,
        /// The new source.
        source: Box<SourceMeta>,
    },
    /// Replaces the tag set and the relation kinds. Every tag and kind in use must
    /// stay.
    ReplaceTags {
        /// The new tags.
        tags: TagSet,
        /// The new relation kinds.
        relation_kinds: Vec<RelationKind>,
    },
    /// Records an unresolved merge conflict at a position (`None`: at the end).
    AddConflict {
        /// The conflict.
        conflict: Box<Conflict>,
        /// Where to insert it.
        index: Option<usize>,
    },
    /// Removes the conflict record at a position (it was resolved).
    RemoveConflict {
        /// Its position in the project's list.
        index: usize,
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
    /// The tag is still used by annotations or entities.
    #[error("tag `{0}` is still used by annotations or entities")]
    TagInUse(String),
    /// Two tags would have the same shortcut key.
    #[error("the key {0} is taken by another tag")]
    ShortcutTaken(char),
    /// A tag's key is empty.
    #[error("a tag needs a key")]
    EmptyTag,
    /// The relation kind is not among the project's relation kinds.
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
    /// A tag or relation kind in use would be removed from the tag set.
    #[error("`{0}` is in use, so it cannot be removed")]
    InUse(String),
    /// A conflict record that does not hold versions of its own subject.
    #[error("not a valid conflict record: {0}")]
    BadConflict(String),
    /// No conflict record at that position.
    #[error("no conflict number {0}")]
    NoConflict(usize),
    /// A relation kind with this key exists already, or the key is empty.
    #[error("the key `{0}` is empty or already used")]
    DuplicateKey(String),
    /// Nothing to do (e.g. an empty batch).
    #[error("nothing to do")]
    Empty,
    /// A change of a document's text could not be made.
    #[error(transparent)]
    Text(#[from] crate::anchor::TextError),
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
            Command::RemoveTag { key } => format!("Delete tag `{key}`"),
            Command::ReplaceTag { tag } => format!("Edit tag “{}”", short(&tag.label)),
            Command::MoveTag { .. } => "Reorder tags".into(),
            Command::EditText {
                range, replacement, ..
            } => {
                if replacement.is_empty() {
                    format!("Delete chars {}–{}", range.0, range.1)
                } else {
                    format!("Edit “{}”", short(replacement))
                }
            }
            Command::UpdateText { .. } => "Update article".into(),
            Command::ChangeText { change, .. } => change.label.clone(),
            Command::ReplaceRelation { .. } => "Edit relation".into(),
            Command::SetDocumentSource { .. } => "Change document source".into(),
            Command::ReplaceTags { .. } => "Change tags".into(),
            Command::AddConflict { .. } => "Record conflict".into(),
            Command::RemoveConflict { .. } => "Resolve conflict".into(),
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
        apply::apply(self, project, None)
    }

    /// Applies the command as a new edit by `stamp`'s author at its time: what it
    /// creates or changes (annotations, entities, relations) is stamped with them;
    /// the inverse restores the objects as they were, stamps included.
    pub fn apply_stamped(
        self,
        project: &mut Project,
        stamp: &Stamp,
    ) -> Result<Command, CommandError> {
        apply::apply(self, project, Some(stamp))
    }
}

fn short(s: &str) -> String {
    crate::model::text::short(s, 30)
}
