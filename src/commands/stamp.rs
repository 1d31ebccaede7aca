//! Who made an edit and when: stamped on what a command creates or changes.
//!
//! Stamping happens in one place, when the [`super::Editor`] applies a new command
//! (the app and the CLI both edit through it), never on undo or redo: those apply
//! recorded inverses, which hold the objects exactly as they were, stamps included.

use crate::model::{Annotation, Entity, Relation};
use chrono::{DateTime, Utc};

/// The author and time of one edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// Who edits (empty: unknown, so only the time is stamped).
    pub author: String,
    /// When.
    pub time: DateTime<Utc>,
}

impl Stamp {
    /// An edit by `author`, now (to the second, as files keep times).
    pub fn now(author: &str) -> Self {
        Self {
            author: author.trim().to_owned(),
            time: crate::model::now(),
        }
    }

    /// A new annotation: its author, when it has none.
    pub(super) fn new_annotation(&self, a: &mut Annotation) {
        if a.author.is_empty() {
            a.author.clone_from(&self.author);
        }
    }

    /// A changed annotation: its modified time, and who changed it when that is not
    /// its author.
    pub(super) fn changed_annotation(&self, a: &mut Annotation) {
        a.modified = self.time;
        if self.author.is_empty() {
            return;
        }
        if self.author == a.author {
            a.modified_by.clear();
        } else {
            a.modified_by.clone_from(&self.author);
        }
    }

    /// A new entity: its author and time, when it has none.
    pub(super) fn new_entity(&self, e: &mut Entity) {
        if e.author.is_empty() {
            e.author.clone_from(&self.author);
        }
        if e.modified.is_none() {
            e.modified = Some(self.time);
        }
    }

    /// A changed entity: who changed it last, and when.
    pub(super) fn changed_entity(&self, e: &mut Entity) {
        if !self.author.is_empty() {
            e.author.clone_from(&self.author);
        }
        e.modified = Some(self.time);
    }

    /// A new relation: its author and time, when it has none.
    pub(super) fn new_relation(&self, r: &mut Relation) {
        if r.author.is_empty() {
            r.author.clone_from(&self.author);
        }
        if r.modified.is_none() {
            r.modified = Some(self.time);
        }
    }

    /// A changed relation: who changed it last, and when.
    pub(super) fn changed_relation(&self, r: &mut Relation) {
        if !self.author.is_empty() {
            r.author.clone_from(&self.author);
        }
        r.modified = Some(self.time);
    }
}
