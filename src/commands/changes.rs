//! What each step changed, for views that keep caches: the reader re-indexes the
//! one paragraph an annotation was added to instead of the whole book, the entity
//! list re-sorts only when entities change. Views that fall too far behind (or see
//! a change they cannot follow) rebuild from scratch.

use super::Command;
use crate::model::{AnnotationId, DocumentId, EntityId, Project, SpanKey};
use std::collections::VecDeque;

/// One thing a step changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// An annotation was added to a document.
    Added {
        /// The document.
        doc: DocumentId,
        /// The annotation's sort key.
        key: SpanKey,
    },
    /// An annotation was removed from a document.
    Removed {
        /// The document.
        doc: DocumentId,
        /// The annotation's sort key.
        key: SpanKey,
    },
    /// An annotation changed in place: tag, note, status or entity link.
    Edited {
        /// The document.
        doc: DocumentId,
        /// The annotation.
        id: AnnotationId,
    },
    /// An entity was added, removed or changed.
    Entity(EntityId),
    /// How many annotations mention an entity changed.
    Mentions(EntityId),
    /// Relations were added, removed or changed.
    Relations,
    /// Conflict records were added or removed (a conflict was resolved, or its
    /// resolution undone).
    Conflicts,
    /// Anything else (documents added, removed, renamed or given another source, a
    /// document's text changed, the project renamed, the tag set changed, or a step
    /// not describable in the terms above): caches of the project start over — a view
    /// that derives something from a document's text checks
    /// [`crate::model::Document::text_revision`].
    Structure,
}

/// What `command` will change in `before` (the project it is about to be applied to).
pub fn changes_of(command: &Command, before: &Project) -> Vec<Change> {
    // A batch of many removals looks its annotations up in one map, not by a scan
    // each (the batch applies them in one pass too; see `apply`).
    if let Command::Batch { commands, .. } = command
        && commands
            .iter()
            .filter(|c| matches!(c, Command::RemoveAnnotation { .. }))
            .count()
            > 64
    {
        let found: std::collections::HashMap<AnnotationId, &crate::model::Annotation> = before
            .documents()
            .iter()
            .flat_map(|d| d.annotations().iter().map(|a| (a.id, a)))
            .collect();
        let mut out = Vec::new();
        for c in commands {
            match c {
                Command::RemoveAnnotation { doc, id } => {
                    match found.get(id) {
                        Some(a) => {
                            out.push(Change::Removed {
                                doc: *doc,
                                key: a.sort_key(),
                            });
                            out.extend(a.entity.map(Change::Mentions));
                        }
                        None => out.push(Change::Structure),
                    }
                    out.push(Change::Relations);
                }
                c => collect(c, before, &mut out),
            }
        }
        return out;
    }
    let mut out = Vec::new();
    collect(command, before, &mut out);
    out
}

fn collect(command: &Command, p: &Project, out: &mut Vec<Change>) {
    let relink = |out: &mut Vec<Change>, old: Option<EntityId>, new: Option<EntityId>| {
        if old != new {
            out.extend(old.into_iter().chain(new).map(Change::Mentions));
        }
    };
    let entity_of = |id: AnnotationId| p.find_annotation(id).and_then(|(_, a)| a.entity);
    match command {
        Command::AddAnnotation { doc, annotation } => {
            out.push(Change::Added {
                doc: *doc,
                key: annotation.sort_key(),
            });
            relink(out, None, annotation.entity);
        }
        Command::RemoveAnnotation { doc, id } => {
            match p.find_annotation(*id) {
                Some((_, a)) => {
                    out.push(Change::Removed {
                        doc: *doc,
                        key: a.sort_key(),
                    });
                    relink(out, a.entity, None);
                }
                // Added earlier in the same batch: not describable against `p`.
                None => out.push(Change::Structure),
            }
            out.push(Change::Relations);
        }
        Command::RetagAnnotation { doc, id, .. }
        | Command::SetNote { doc, id, .. }
        | Command::SetStatus { doc, id, .. } => out.push(Change::Edited { doc: *doc, id: *id }),
        Command::LinkEntity { doc, id, entity } => {
            out.push(Change::Edited { doc: *doc, id: *id });
            relink(out, entity_of(*id), *entity);
        }
        Command::ReplaceAnnotation { doc, annotation } => {
            out.push(Change::Edited {
                doc: *doc,
                id: annotation.id,
            });
            relink(out, entity_of(annotation.id), annotation.entity);
        }
        Command::Reshape { doc, annotation } => match p.find_annotation(annotation.id) {
            Some((_, old)) => {
                out.push(Change::Removed {
                    doc: *doc,
                    key: old.sort_key(),
                });
                out.push(Change::Added {
                    doc: *doc,
                    key: annotation.sort_key(),
                });
            }
            None => out.push(Change::Structure),
        },
        Command::AddEntity { entity, .. } | Command::ReplaceEntity { entity } => {
            out.push(Change::Entity(entity.id))
        }
        Command::RemoveEntity { id } => {
            out.push(Change::Entity(*id));
            out.push(Change::Mentions(*id));
            out.push(Change::Relations);
            // Its mentions are unlinked wherever they are.
            out.extend(
                p.mentions(*id)
                    .into_iter()
                    .map(|(doc, id)| Change::Edited { doc, id }),
            );
        }
        Command::AddRelation { .. }
        | Command::RemoveRelation { .. }
        | Command::ReplaceRelation { .. } => out.push(Change::Relations),
        Command::AddConflict { .. } | Command::RemoveConflict { .. } => out.push(Change::Conflicts),
        // A changed text moves every offset after the change (and orphans, restores,
        // relations): views start over.
        Command::SetDocumentSource { .. }
        | Command::ReplaceTags { .. }
        | Command::AddTag { .. }
        | Command::RemoveTag { .. }
        | Command::ReplaceTag { .. }
        | Command::MoveTag { .. }
        | Command::AddDocument { .. }
        | Command::RemoveDocument { .. }
        | Command::RenameDocument { .. }
        | Command::RenameProject { .. }
        | Command::EditText { .. }
        | Command::UpdateText { .. }
        | Command::ChangeText { .. }
        | Command::AddRelationKind { .. }
        | Command::RemoveRelationKind { .. } => out.push(Change::Structure),
        Command::Batch { commands, .. } => {
            for c in commands {
                collect(c, p, out);
            }
        }
    }
}

/// How many steps the log remembers; a view further behind rebuilds.
const KEPT: usize = 64;

/// The changes of the last steps, numbered by a generation that grows with every
/// step (edit, undo or redo alike).
#[derive(Clone, Debug, Default)]
pub struct ChangeLog {
    generation: u64,
    steps: VecDeque<(u64, Vec<Change>)>,
}

impl ChangeLog {
    /// The generation of the latest step (0 before any).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Every change made after `generation`, oldest first; `None` when the log no
    /// longer reaches back that far (the caller rebuilds).
    pub fn since(&self, generation: u64) -> Option<Vec<&Change>> {
        if generation == self.generation {
            return Some(Vec::new());
        }
        let oldest_kept = self.steps.front().map_or(self.generation, |(g, _)| *g);
        if generation + 1 < oldest_kept || generation > self.generation {
            return None;
        }
        Some(
            self.steps
                .iter()
                .filter(|(g, _)| *g > generation)
                .flat_map(|(_, c)| c.iter())
                .collect(),
        )
    }

    /// Whether any change after `generation` satisfies `pred` — or the log no longer
    /// reaches back that far, so anything may have changed.
    pub fn any_since(&self, generation: u64, pred: impl Fn(&Change) -> bool) -> bool {
        match self.since(generation) {
            Some(list) => list.into_iter().any(|c| *c == Change::Structure || pred(c)),
            None => true,
        }
    }

    /// Records one step's changes.
    pub(super) fn record(&mut self, changes: Vec<Change>) {
        self.generation += 1;
        self.steps.push_back((self.generation, changes));
        while self.steps.len() > KEPT {
            self.steps.pop_front();
        }
    }

    /// Records that everything may have changed (e.g. a new project).
    pub fn reset(&mut self) {
        self.record(vec![Change::Structure]);
    }
}
