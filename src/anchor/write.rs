//! Applying a [`TextChange`] to a project: checked first, then done at once,
//! returning the change that undoes it exactly.

use super::changeset::PositionMap;
use super::spans::{shift, shift_of};
use super::{HistoryStep, TextChange, TextError};
use crate::model::text::CharIndex;
use crate::model::{
    Annotation, AnnotationId, Annotations, DocumentContents, DocumentId, Orphan, Project, Relation,
    Target, range_problem,
};
use std::collections::{HashMap, HashSet};

type Result<T> = std::result::Result<T, TextError>;

/// What checking a change found, to do it without looking again.
struct Checked {
    new_text: String,
    /// For each annotation of the document in order: its shift, or `None` when the
    /// change places or orphans it.
    shifts: Vec<Option<isize>>,
    inverse_changes: super::ChangeSet,
}

/// Applies `change` to document `doc` of `p` and returns its inverse. On error the
/// project is unchanged.
pub(crate) fn apply(p: &mut Project, doc: DocumentId, change: TextChange) -> Result<TextChange> {
    let checked = check(p, doc, &change)?;
    let TextChange {
        label,
        changes: _,
        placed,
        orphaned,
        restored,
        relations,
        history,
        source,
    } = change;
    let orphaned_ids: HashSet<AnnotationId> = orphaned.iter().map(|o| o.annotation.id).collect();
    let restored_ids: HashSet<AnnotationId> = restored.iter().copied().collect();

    // Relations pointing to annotations that leave the text leave with them.
    let taken = take_relations(p, &orphaned_ids);

    let old = p
        .replace_document_contents(doc, DocumentContents::default())
        .ok_or(TextError::NoDocument(doc))?;
    let DocumentContents {
        text: _,
        annotations: old_annotations,
        orphans: old_orphans,
        history: mut versions,
        source: old_source,
    } = old;

    let mut placed_by_id: HashMap<AnnotationId, Annotation> =
        placed.into_iter().map(|a| (a.id, a)).collect();
    let mut boxes = Vec::with_capacity(old_annotations.len() + restored.len());
    let mut inverse_placed = Vec::new();
    for (b, delta) in old_annotations
        .into_boxes()
        .into_iter()
        .zip(&checked.shifts)
    {
        let mut b = b;
        if orphaned_ids.contains(&b.id) {
            // Undoing brings it back where it was.
            inverse_placed.push(*b);
        } else if let Some(new) = placed_by_id.remove(&b.id) {
            inverse_placed.push(std::mem::replace(&mut *b, new));
            boxes.push(b);
        } else if let Some(delta) = delta {
            shift(&mut b, *delta);
            boxes.push(b);
        }
    }
    // What is left are the orphans coming back.
    boxes.extend(placed_by_id.into_values().map(Box::new));

    let mut orphans = Vec::with_capacity(old_orphans.len() + orphaned.len());
    let mut inverse_orphaned = Vec::new();
    for o in old_orphans {
        if restored_ids.contains(&o.annotation.id) {
            inverse_orphaned.push(o);
        } else {
            orphans.push(o);
        }
    }
    // The record keeps the annotation the builder gave (as it was last anchored),
    // and every relation that pointed to it.
    for mut o in orphaned {
        let id = o.annotation.id;
        for (_, r) in taken.iter().filter(|(_, r)| points_to(r, id)) {
            if !o.relations.iter().any(|x| x.id == r.id) {
                o.relations.push(r.clone());
            }
        }
        orphans.push(o);
    }

    let inverse_history = match history {
        HistoryStep::Keep => HistoryStep::Keep,
        HistoryStep::Push(v) => {
            versions.push(*v);
            HistoryStep::Pop
        }
        HistoryStep::Pop => versions
            .pop()
            .map_or(HistoryStep::Keep, |v| HistoryStep::Push(Box::new(v))),
    };
    let (new_source, inverse_source) = match source {
        Some(s) => (s, Some(old_source)),
        None => (old_source, None),
    };
    p.replace_document_contents(
        doc,
        DocumentContents {
            text: checked.new_text,
            annotations: Annotations::from_boxes(boxes),
            orphans,
            history: versions,
            source: new_source,
        },
    )
    .ok_or(TextError::NoDocument(doc))?;

    // Relations of the orphans that came back: where they were (an undo), or at the
    // end when both their ends exist again (a restore).
    if relations.is_empty() {
        for o in &inverse_orphaned {
            for r in &o.relations {
                if !p.relations.iter().any(|x| x.id == r.id) && ends_exist(p, r) {
                    p.relations.push(r.clone());
                }
            }
        }
    } else {
        let mut back = relations;
        back.sort_by_key(|(at, _)| *at);
        for (at, r) in back {
            let at = at.min(p.relations.len());
            p.relations.insert(at, r);
        }
    }

    Ok(TextChange {
        label,
        changes: checked.inverse_changes,
        placed: inverse_placed,
        orphaned: inverse_orphaned,
        restored: sorted(&orphaned_ids),
        relations: taken,
        history: inverse_history,
        source: inverse_source,
    })
}

/// The ids in a fixed order (so equal changes compare equal).
fn sorted(ids: &HashSet<AnnotationId>) -> Vec<AnnotationId> {
    let mut v: Vec<AnnotationId> = ids.iter().copied().collect();
    v.sort_unstable();
    v
}

/// Checks everything `apply` relies on, without changing anything.
fn check(p: &Project, doc: DocumentId, change: &TextChange) -> Result<Checked> {
    let d = p.document(doc).ok_or(TextError::NoDocument(doc))?;
    let len = d.char_len();
    if change.changes.len() != len {
        return Err(TextError::LengthMismatch {
            expected: change.changes.len(),
            found: len,
        });
    }
    let misplaced = |id, reason: &str| TextError::Misplaced {
        id,
        reason: reason.to_owned(),
    };
    let mut placed = HashSet::new();
    for a in &change.placed {
        if !placed.insert(a.id) {
            return Err(misplaced(a.id, "it is placed twice"));
        }
    }
    let restored: HashSet<AnnotationId> = change.restored.iter().copied().collect();
    for &id in &change.restored {
        if d.orphan(id).is_none() {
            return Err(TextError::NoOrphan(id));
        }
        if !placed.contains(&id) {
            return Err(misplaced(id, "it is restored without a place"));
        }
        if p.document_of(id).is_some() {
            return Err(misplaced(id, "its id is in use"));
        }
    }
    let mut orphaned = HashSet::new();
    for o in &change.orphaned {
        let id = o.annotation.id;
        if p.document_of(id) != Some(doc) {
            return Err(TextError::NoAnnotation(id));
        }
        if placed.contains(&id) || !orphaned.insert(id) {
            return Err(misplaced(id, "it is both placed and orphaned"));
        }
    }
    for a in &change.placed {
        if !restored.contains(&a.id) && p.document_of(a.id) != Some(doc) {
            return Err(TextError::NoAnnotation(a.id));
        }
    }
    if change.history == HistoryStep::Pop && d.history().is_empty() {
        return Err(TextError::NoEarlierVersion);
    }

    let new_text = if change.changes.is_identity() {
        d.text().to_owned()
    } else {
        change
            .changes
            .apply(d.text(), d.char_index())
            .ok_or(TextError::LengthMismatch {
                expected: change.changes.len(),
                found: len,
            })?
    };
    if memchr::memchr(0, new_text.as_bytes()).is_some() {
        return Err(TextError::Nul);
    }
    let new_index = CharIndex::new(&new_text);
    for a in &change.placed {
        if p.tags.get(&a.tag).is_none() {
            return Err(misplaced(a.id, &format!("unknown tag `{}`", a.tag)));
        }
        if let Some(e) = a.entity
            && p.entity(e).is_none()
        {
            return Err(misplaced(a.id, &format!("entity {e} does not exist")));
        }
        if let Some(reason) = range_problem(&new_text, &new_index, a) {
            return Err(misplaced(a.id, &reason));
        }
    }
    let map = PositionMap::new(&change.changes);
    let mut shifts = Vec::with_capacity(d.annotations().len());
    for a in d.annotations() {
        if placed.contains(&a.id) || orphaned.contains(&a.id) {
            shifts.push(None);
            continue;
        }
        match shift_of(&map, a) {
            Some(delta) => shifts.push(Some(delta)),
            None => return Err(TextError::Untracked(a.id)),
        }
    }
    let inverse_changes =
        change
            .changes
            .invert(d.text(), d.char_index())
            .ok_or(TextError::LengthMismatch {
                expected: change.changes.len(),
                found: len,
            })?;
    Ok(Checked {
        new_text,
        shifts,
        inverse_changes,
    })
}

fn points_to(r: &Relation, id: AnnotationId) -> bool {
    r.from == Target::Annotation(id) || r.to == Target::Annotation(id)
}

/// Takes the relations with an end in `ids` out of the project's list, with where
/// each was.
fn take_relations(p: &mut Project, ids: &HashSet<AnnotationId>) -> Vec<(usize, Relation)> {
    if ids.is_empty() {
        return Vec::new();
    }
    let hit = |t: Target| matches!(t, Target::Annotation(a) if ids.contains(&a));
    let mut taken = Vec::new();
    let mut kept = Vec::with_capacity(p.relations.len());
    for (i, r) in std::mem::take(&mut p.relations).into_iter().enumerate() {
        if hit(r.from) || hit(r.to) {
            taken.push((i, r));
        } else {
            kept.push(r);
        }
    }
    p.relations = kept;
    taken
}

fn ends_exist(p: &Project, r: &Relation) -> bool {
    [r.from, r.to].into_iter().all(|t| match t {
        Target::Annotation(id) => p.document_of(id).is_some(),
        Target::Entity(id) => p.entity(id).is_some(),
        Target::Document(id) => p.document(id).is_some(),
    })
}

/// An orphan record for `a`, as builders make them.
pub(super) fn orphan(
    a: &Annotation,
    reason: String,
    date: chrono::DateTime<chrono::Utc>,
) -> Orphan {
    Orphan {
        annotation: a.clone(),
        reason,
        date,
        relations: Vec::new(),
    }
}
