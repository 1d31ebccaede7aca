//! Three-way semantic merge of projects, and working with git.
//!
//! Two analysts annotate copies of one project; [`merge`] combines their versions
//! with their common ancestor by id, not by line: additions on both sides are
//! kept, a change on one side wins over no change, identical changes merge, and a
//! field changed differently on both sides (or a change against a deletion) is a
//! [`Conflict`] recorded in the merged project itself, which stays a valid project.
//! Merging is deterministic and symmetric: `merge(A, A, A) = A`,
//! `merge(base, ours, base) = ours`, and swapping ours and theirs swaps only the
//! labels in the conflict records.
//!
//! - `three`, `objects`, `index`, `project`: the merge itself;
//! - [`markers`]: the three versions rebuilt from a file git merged line by line;
//! - [`git`]: `dossier git-setup`, the merge driver's inputs, marking a file resolved;
//! - [`resolve`]: each way of resolving a conflict, as one undoable command;
//! - [`compare`]: two analysts' annotation layers side by side, and curation.
//!
//! This layer uses [`crate::model`], [`crate::commands`], [`crate::store`] and
//! [`crate::agree`]; the CLI and the app use it.

pub mod compare;
pub mod git;
mod index;
pub mod markers;
mod objects;
mod project;
pub mod resolve;
mod three;

use crate::model::{Conflict, InvariantError, Project};

/// The result of a merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The merged project, conflict records included; it validates.
    pub project: Project,
    /// How many conflicts this merge found (records the inputs held not counted).
    pub new_conflicts: usize,
}

impl Merged {
    /// Every unresolved conflict the merged project holds.
    pub fn conflicts(&self) -> &[Conflict] {
        self.project.conflicts()
    }

    /// Whether nothing is left to resolve.
    pub fn is_clean(&self) -> bool {
        self.project.conflicts().is_empty()
    }
}

/// Why a merge gave no project.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The merged project breaks an invariant: the inputs are inconsistent with each
    /// other in a way the merge does not repair (e.g. one annotation id in two
    /// documents). Nothing is written.
    #[error("the merged project would not be consistent, so nothing was merged: {0}")]
    Inconsistent(InvariantError),
}

/// Merges `ours` and `theirs`, two versions of `base`, three-way, object by object.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
    let (project, new_conflicts) = project::merge(base, ours, theirs);
    project.validate().map_err(MergeError::Inconsistent)?;
    Ok(Merged {
        project,
        new_conflicts,
    })
}

/// Merges two versions that have no common ancestor (a file added on both sides):
/// everything either has is kept; what both have with different values is a
/// conflict, our value in place.
pub fn merge_two(ours: &Project, theirs: &Project) -> Result<Merged, MergeError> {
    let empty = Project::from_parts(
        ours.id,
        ours.name.clone(),
        crate::model::TagSet { tags: Vec::new() },
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    merge(&empty, ours, theirs)
}
