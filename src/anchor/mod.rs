//! A document's text can change, and its annotations follow.
//!
//! - [`changeset`]: changes to a text as retain/delete/insert operations, with
//!   helix's position mapping ([`ChangeSet::map_pos`], [`Assoc`]).
//! - [`edit_text`]: the analyst deletes or replaces a range (trimming junk,
//!   correcting a typo): every annotation's ranges are mapped through the change;
//!   those whose text is entirely gone become orphans.
//! - [`update_text`]: a new version of the article: every annotation is
//!   re-anchored — by position (its range followed through the diff of the two
//!   versions still holds its quote), by its quote with its prefix and suffix, by its
//!   quote where most of its context matches, then by a fuzzy match found through
//!   the diff — or becomes an orphan with the reason. Never dropped.
//! - [`restore_orphan`]: an orphan comes back, where the analyst says or where
//!   its quote is found.
//!
//! Each builds a [`TextChange`]: the exact change of one document (text,
//! annotations, orphans, history, source), applied by `Command::ChangeText`,
//! whose inverse is again a `TextChange`, so undo and redo give back exactly
//! what was there. Annotations whose range and context lie in text the change
//! keeps are only shifted, so a change costs what it touches, not the whole book.

pub mod changeset;
mod diff;
mod edit;
mod reanchor;
mod restore;
mod spans;
mod update;
mod write;

pub use changeset::{Assoc, ChangeError, ChangeSet, Operation, PositionMap};
pub use diff::{diff, similarity};
pub use edit::edit_text;
pub use restore::restore_orphan;
pub use update::{Reanchored, UpdateReport, update_text};
pub(crate) use write::apply;

use crate::model::{
    Annotation, AnnotationId, DocumentId, Orphan, Relation, SourceMeta, TextVersion,
};

/// What a text change does to the document's history of versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryStep {
    /// Nothing (an orphan restored, no text changed).
    Keep,
    /// The old text becomes an earlier version.
    Push(Box<TextVersion>),
    /// The latest earlier version is dropped (the inverse of a push).
    Pop,
}

/// The exact change of one document's text and of everything tied to its
/// offsets. Build one with [`edit_text`], [`update_text`] or [`restore_orphan`].
#[derive(Clone, Debug, PartialEq)]
pub struct TextChange {
    /// What the command is called in the Undo menu.
    pub label: String,
    /// The old text to the new.
    pub changes: ChangeSet,
    /// Annotations placed explicitly in the new text (matched by id): those the
    /// change touches (within their context), those re-anchored elsewhere, and the
    /// orphans restored. Every other annotation is shifted with the text around it.
    pub placed: Vec<Annotation>,
    /// Annotations that leave the text, with the reason. The relations that point
    /// to them are taken out of the project into the orphan.
    pub orphaned: Vec<Orphan>,
    /// Orphans that come back (each is also in `placed`).
    pub restored: Vec<AnnotationId>,
    /// Relations put back at these positions of the project's list (filled in by
    /// inverses, so that undoing an orphaning restores the list exactly; a restore
    /// built by [`restore_orphan`] leaves it empty and adds the orphan's relations
    /// at the end).
    pub relations: Vec<(usize, Relation)>,
    /// What happens to the history of versions.
    pub history: HistoryStep,
    /// The document's new source (`None`: unchanged).
    pub source: Option<SourceMeta>,
}

/// Why a text change could not be built or applied. The project is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// No document with that id.
    #[error("no document with id {0}")]
    NoDocument(DocumentId),
    /// No annotation with that id in the document.
    #[error("no annotation with id {0} in the document")]
    NoAnnotation(AnnotationId),
    /// No orphan with that id in the document.
    #[error("no orphaned annotation with id {0} in the document")]
    NoOrphan(AnnotationId),
    /// The range is reversed or leaves the text.
    #[error("range {start}..{end} is not inside the text ({len} chars)")]
    BadRange {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
        /// Length of the text in chars.
        len: usize,
    },
    /// The change was made for a text of another length.
    #[error("the change is for a text of {expected} chars, but the text has {found}")]
    LengthMismatch {
        /// What the change expects.
        expected: usize,
        /// What the document has.
        found: usize,
    },
    /// The new text holds a NUL character, which articles never do.
    #[error("the new text contains a NUL character")]
    Nul,
    /// Nothing would change.
    #[error("the text is unchanged")]
    Unchanged,
    /// An annotation the change touches is neither placed nor orphaned.
    #[error("annotation {0} is touched by the change, which does not say where it goes")]
    Untracked(AnnotationId),
    /// An annotation is placed where its quote does not match, or twice.
    #[error("annotation {id} cannot be placed: {reason}")]
    Misplaced {
        /// Which annotation.
        id: AnnotationId,
        /// Why.
        reason: String,
    },
    /// The change drops an earlier version the document does not have.
    #[error("the document has no earlier version to drop")]
    NoEarlierVersion,
    /// An orphan's quote is not in the text, so the analyst must say where it goes.
    #[error(
        "the quote of {0} does not occur in the text; select where it belongs and restore it there"
    )]
    NotFound(AnnotationId),
}
