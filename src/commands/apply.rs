//! How each command changes the project, and what undoes it.

use super::stamp::Stamp;
use super::{Command, CommandError};
use crate::model::{Annotation, DocumentId, Project, Target};

type Result<T> = std::result::Result<T, CommandError>;

/// Applies `cmd`; with a `stamp`, what it creates or changes is stamped with it.
pub(super) fn apply(cmd: Command, p: &mut Project, stamp: Option<&Stamp>) -> Result<Command> {
    match cmd {
        Command::AddAnnotation {
            doc,
            mut annotation,
        } => {
            if let Some(s) = stamp {
                s.new_annotation(&mut annotation);
            }
            add_annotation(p, doc, annotation)
        }
        Command::RemoveAnnotation { doc, id } => {
            // Relations that point to the annotation go with it, so none dangle.
            if p.document(doc).is_none() {
                return Err(CommandError::NoDocument(doc));
            }
            if p.document_of(id) != Some(doc) {
                return Err(CommandError::NoAnnotation(id));
            }
            let mut commands = remove_relations_where(p, |t| t == Target::Annotation(id));
            let annotation = match p.take_annotation(doc, id) {
                Some(a) => a,
                None => {
                    restore(p, commands);
                    return Err(CommandError::NoAnnotation(id));
                }
            };
            // The annotation comes back before the relations that point to it.
            commands.insert(0, Command::AddAnnotation { doc, annotation });
            Ok(batch_or_single("Restore annotation", commands))
        }
        Command::RetagAnnotation { doc, id, tag } => {
            if p.tags.get(&tag).is_none() {
                return Err(CommandError::UnknownTag(tag));
            }
            edit_annotation(p, doc, id, stamp, |a| a.tag = tag)
        }
        Command::SetNote { doc, id, note } => edit_annotation(p, doc, id, stamp, |a| a.note = note),
        Command::SetStatus { doc, id, status } => {
            edit_annotation(p, doc, id, stamp, |a| a.status = status)
        }
        Command::LinkEntity { doc, id, entity } => {
            if let Some(e) = entity
                && p.entity(e).is_none()
            {
                return Err(CommandError::NoEntity(e));
            }
            edit_annotation(p, doc, id, stamp, |a| a.entity = entity)
        }
        Command::ReplaceAnnotation {
            doc,
            mut annotation,
        } => {
            check_references(p, &annotation)?;
            let d = p.document(doc).ok_or(CommandError::NoDocument(doc))?;
            let slot = d
                .annotation(annotation.id)
                .ok_or(CommandError::NoAnnotation(annotation.id))?;
            if (slot.start, slot.end) != (annotation.start, annotation.end)
                || slot.quote != annotation.quote
            {
                return Err(CommandError::MovedAnnotation);
            }
            if let Some(s) = stamp
                && !slot.same_content(&annotation)
            {
                s.changed_annotation(&mut annotation);
            }
            let id = annotation.id;
            let old = p
                .update_annotation(doc, id, |a| *a = annotation)
                .ok_or(CommandError::NoAnnotation(id))?;
            Ok(Command::ReplaceAnnotation {
                doc,
                annotation: old,
            })
        }
        Command::Reshape {
            doc,
            mut annotation,
        } => {
            let d = p.document(doc).ok_or(CommandError::NoDocument(doc))?;
            let Some(old) = d.annotation(annotation.id) else {
                return Err(CommandError::NoAnnotation(annotation.id));
            };
            if let Some(s) = stamp
                && !old.same_content(&annotation)
            {
                s.changed_annotation(&mut annotation);
            }
            check_references(p, &annotation)?;
            check_ranges(d, &annotation)?;
            let old = p
                .take_annotation(doc, annotation.id)
                .ok_or(CommandError::NoAnnotation(annotation.id))?;
            p.insert_annotation(doc, annotation);
            Ok(Command::Reshape {
                doc,
                annotation: old,
            })
        }
        Command::AddDocument { document, index } => {
            if p.document(document.id).is_some() {
                return Err(CommandError::DuplicateId(document.id.to_string()));
            }
            let mut ids = std::collections::HashSet::new();
            for a in document.annotations() {
                if p.tags.get(&a.tag).is_none() {
                    return Err(CommandError::UnknownTag(a.tag.clone()));
                }
                if p.document_of(a.id).is_some() || !ids.insert(a.id) {
                    return Err(CommandError::DuplicateId(a.id.to_string()));
                }
                if let Some(e) = a.entity
                    && p.entity(e).is_none()
                {
                    return Err(CommandError::NoEntity(e));
                }
            }
            let id = document.id;
            p.insert_document(index.unwrap_or(usize::MAX), *document);
            Ok(Command::RemoveDocument { id })
        }
        Command::RemoveDocument { id } => {
            let at = p.document_index(id).ok_or(CommandError::NoDocument(id))?;
            let ann_ids: std::collections::HashSet<_> = p.documents()[at]
                .annotations()
                .iter()
                .map(|a| a.id)
                .collect();
            let mut commands = remove_relations_where(p, |t| match t {
                Target::Annotation(a) => ann_ids.contains(&a),
                Target::Document(d) => d == id,
                Target::Entity(_) => false,
            });
            let document = p.remove_document(at).ok_or(CommandError::NoDocument(id))?;
            // The document goes back first, then the relations that point into it.
            commands.insert(
                0,
                Command::AddDocument {
                    document: Box::new(document),
                    index: Some(at),
                },
            );
            Ok(batch_or_single("Restore document", commands))
        }
        Command::RenameDocument { id, title } => {
            let d = p.document_mut(id).ok_or(CommandError::NoDocument(id))?;
            let old = std::mem::replace(&mut d.title, title);
            Ok(Command::RenameDocument { id, title: old })
        }
        Command::RenameProject { name } => {
            let old = std::mem::replace(&mut p.name, name);
            Ok(Command::RenameProject { name: old })
        }
        Command::AddEntity { mut entity, index } => {
            if let Some(s) = stamp {
                s.new_entity(&mut entity);
            }
            if p.entity(entity.id).is_some() {
                return Err(CommandError::DuplicateId(entity.id.to_string()));
            }
            if p.tags.get(&entity.kind).is_none() {
                return Err(CommandError::UnknownTag(entity.kind));
            }
            let id = entity.id;
            p.insert_entity(index.unwrap_or(usize::MAX), entity);
            Ok(Command::RemoveEntity { id })
        }
        Command::RemoveEntity { id } => {
            let at = p.entity_index(id).ok_or(CommandError::NoEntity(id))?;
            let mut commands = remove_relations_where(p, |t| t == Target::Entity(id));
            // Mentions are unlinked, not deleted: the spans stay tagged.
            for (doc, annotation) in p.unlink_mentions(id) {
                commands.push(Command::ReplaceAnnotation { doc, annotation });
            }
            let entity = p.remove_entity(at).ok_or(CommandError::NoEntity(id))?;
            commands.insert(
                0,
                Command::AddEntity {
                    entity,
                    index: Some(at),
                },
            );
            Ok(batch_or_single("Restore entity", commands))
        }
        Command::ReplaceEntity { mut entity } => {
            if p.tags.get(&entity.kind).is_none() {
                return Err(CommandError::UnknownTag(entity.kind));
            }
            let slot = p
                .entity_mut(entity.id)
                .ok_or(CommandError::NoEntity(entity.id))?;
            if let Some(s) = stamp
                && !slot.same_content(&entity)
            {
                s.changed_entity(&mut entity);
            }
            let old = std::mem::replace(slot, entity);
            Ok(Command::ReplaceEntity { entity: old })
        }
        Command::AddRelation {
            mut relation,
            index,
        } => {
            if let Some(s) = stamp {
                s.new_relation(&mut relation);
            }
            if p.relations.iter().any(|r| r.id == relation.id) {
                return Err(CommandError::DuplicateId(relation.id.to_string()));
            }
            if !p.relation_kinds.iter().any(|k| k.key == relation.kind) {
                return Err(CommandError::UnknownRelationKind(relation.kind));
            }
            for t in [relation.from, relation.to] {
                check_target(p, t)?;
            }
            let id = relation.id;
            let at = index.unwrap_or(p.relations.len()).min(p.relations.len());
            p.relations.insert(at, relation);
            Ok(Command::RemoveRelation { id })
        }
        Command::RemoveRelation { id } => {
            let at = p
                .relations
                .iter()
                .position(|r| r.id == id)
                .ok_or(CommandError::NoRelation(id))?;
            let relation = p.relations.remove(at);
            Ok(Command::AddRelation {
                relation,
                index: Some(at),
            })
        }
        Command::AddTag { tag, index } => {
            check_tag(p, &tag, None)?;
            if p.tags.get(&tag.key).is_some() {
                return Err(CommandError::DuplicateId(tag.key));
            }
            let key = tag.key.clone();
            let at = index.unwrap_or(p.tags.tags.len()).min(p.tags.tags.len());
            p.tags.tags.insert(at, tag);
            Ok(Command::RemoveTag { key })
        }
        Command::RemoveTag { key } => {
            let at = p
                .tags
                .index_of(&key)
                .ok_or_else(|| CommandError::UnknownTag(key.clone()))?;
            let used = p.entities().iter().any(|e| e.kind == key)
                || p.documents()
                    .iter()
                    .any(|d| d.annotations().iter().any(|a| a.tag == key));
            if used {
                return Err(CommandError::TagInUse(key));
            }
            let tag = p.tags.tags.remove(at);
            Ok(Command::AddTag {
                tag,
                index: Some(at),
            })
        }
        Command::ReplaceTag { tag } => {
            let at = p
                .tags
                .index_of(&tag.key)
                .ok_or_else(|| CommandError::UnknownTag(tag.key.clone()))?;
            check_tag(p, &tag, Some(&tag.key))?;
            let old = std::mem::replace(&mut p.tags.tags[at], tag);
            Ok(Command::ReplaceTag { tag: old })
        }
        Command::MoveTag { key, to } => {
            let at = p
                .tags
                .index_of(&key)
                .ok_or_else(|| CommandError::UnknownTag(key.clone()))?;
            let to = to.min(p.tags.tags.len() - 1);
            let tag = p.tags.tags.remove(at);
            p.tags.tags.insert(to, tag);
            Ok(Command::MoveTag { key, to: at })
        }
        Command::EditText {
            doc,
            range,
            replacement,
        } => {
            let change = crate::anchor::edit_text(p, doc, range.0, range.1, &replacement)?;
            change_text(p, doc, change)
        }
        Command::UpdateText { doc, text, source } => {
            let (change, _) = crate::anchor::update_text(p, doc, &text, source.map(|s| *s))?;
            change_text(p, doc, change)
        }
        Command::ChangeText { doc, change } => change_text(p, doc, *change),
        Command::ReplaceRelation { mut relation } => {
            let at = p
                .relations
                .iter()
                .position(|r| r.id == relation.id)
                .ok_or(CommandError::NoRelation(relation.id))?;
            if !p.relation_kinds.iter().any(|k| k.key == relation.kind) {
                return Err(CommandError::UnknownRelationKind(relation.kind));
            }
            for t in [relation.from, relation.to] {
                check_target(p, t)?;
            }
            if let Some(s) = stamp
                && !p.relations[at].same_content(&relation)
            {
                s.changed_relation(&mut relation);
            }
            let old = std::mem::replace(&mut p.relations[at], relation);
            Ok(Command::ReplaceRelation { relation: old })
        }
        Command::SetDocumentSource { id, source } => {
            let d = p.document_mut(id).ok_or(CommandError::NoDocument(id))?;
            let old = std::mem::replace(&mut d.source, *source);
            Ok(Command::SetDocumentSource {
                id,
                source: Box::new(old),
            })
        }
        Command::ReplaceTags {
            tags,
            relation_kinds,
        } => replace_tags(p, tags, relation_kinds),
        Command::AddConflict { conflict, index } => {
            if let Some(reason) = conflict.problem() {
                return Err(CommandError::BadConflict(reason));
            }
            let at = index.unwrap_or(p.conflicts.len()).min(p.conflicts.len());
            p.conflicts.insert(at, *conflict);
            Ok(Command::RemoveConflict { index: at })
        }
        Command::RemoveConflict { index } => {
            if index >= p.conflicts.len() {
                return Err(CommandError::NoConflict(index));
            }
            let conflict = p.conflicts.remove(index);
            Ok(Command::AddConflict {
                conflict: Box::new(conflict),
                index: Some(index),
            })
        }
        Command::AddRelationKind { kind, index } => {
            if kind.key.trim().is_empty() || p.relation_kinds.iter().any(|k| k.key == kind.key) {
                return Err(CommandError::DuplicateKey(kind.key));
            }
            let key = kind.key.clone();
            let at = index.unwrap_or(usize::MAX).min(p.relation_kinds.len());
            p.relation_kinds.insert(at, kind);
            Ok(Command::RemoveRelationKind { key })
        }
        Command::RemoveRelationKind { key } => {
            let at = p
                .relation_kinds
                .iter()
                .position(|k| k.key == key)
                .ok_or_else(|| CommandError::UnknownRelationKind(key.clone()))?;
            if p.relations.iter().any(|r| r.kind == key) {
                return Err(CommandError::InUse(key));
            }
            let kind = p.relation_kinds.remove(at);
            Ok(Command::AddRelationKind {
                kind,
                index: Some(at),
            })
        }
        Command::Batch { label, commands } => {
            if commands.is_empty() {
                return Err(CommandError::Empty);
            }
            let mut inverses = Vec::with_capacity(commands.len());
            let mut commands = commands.into_iter().peekable();
            while let Some(c) = commands.next() {
                // A long run of removals (undoing an import, deleting a tag) is done
                // in one pass: one by one it is quadratic (11.6 s for 100,000).
                let result = match c {
                    Command::RemoveAnnotation { doc, id }
                        if commands
                            .peek()
                            .is_some_and(|n| matches!(n, Command::RemoveAnnotation { .. })) =>
                    {
                        let mut run = vec![(doc, id)];
                        while let Some(Command::RemoveAnnotation { doc, id }) =
                            commands.next_if(|n| matches!(n, Command::RemoveAnnotation { .. }))
                        {
                            run.push((doc, id));
                        }
                        remove_annotations(p, &run)
                    }
                    c => apply(c, p, stamp),
                };
                match result {
                    Ok(inv) => inverses.push(inv),
                    Err(e) => {
                        // All or nothing: undo what this batch already did.
                        inverses.reverse();
                        restore(p, inverses);
                        return Err(e);
                    }
                }
            }
            inverses.reverse();
            Ok(Command::Batch {
                label,
                commands: inverses,
            })
        }
    }
}

/// Applies an exact text change; its inverse is another one.
fn change_text(
    p: &mut Project,
    doc: DocumentId,
    change: crate::anchor::TextChange,
) -> Result<Command> {
    let inverse = crate::anchor::apply(p, doc, change)?;
    Ok(Command::ChangeText {
        doc,
        change: Box::new(inverse),
    })
}

fn add_annotation(p: &mut Project, doc: DocumentId, annotation: Annotation) -> Result<Command> {
    check_references(p, &annotation)?;
    if p.document_of(annotation.id).is_some() {
        return Err(CommandError::DuplicateId(annotation.id.to_string()));
    }
    check_ranges(
        p.document(doc).ok_or(CommandError::NoDocument(doc))?,
        &annotation,
    )?;
    let id = annotation.id;
    p.insert_annotation(doc, annotation);
    Ok(Command::RemoveAnnotation { doc, id })
}

/// A tag has a key, and its shortcut is a key one can type that no other tag has
/// (`replacing`: the tag's own key). These are exactly the invariants
/// `Project::validate` checks, so every state a command leaves can be restored by
/// its inverse; friendlier rules (a label, a letter rather than a 1–9 position
/// key) belong to the tag editor, which offers only those.
fn check_tag(p: &Project, tag: &crate::model::TagDef, replacing: Option<&str>) -> Result<()> {
    if tag.key.trim().is_empty() {
        return Err(CommandError::EmptyTag);
    }
    if let Some(c) = tag.shortcut {
        let taken = p.tags.tags.iter().any(|t| {
            Some(t.key.as_str()) != replacing
                && t.shortcut.is_some_and(|s| s.eq_ignore_ascii_case(&c))
        });
        if taken || c.is_control() {
            return Err(CommandError::ShortcutTaken(c));
        }
    }
    Ok(())
}

/// The annotation's tag and entity exist in the project.
fn check_references(p: &Project, a: &Annotation) -> Result<()> {
    if p.tags.get(&a.tag).is_none() {
        return Err(CommandError::UnknownTag(a.tag.clone()));
    }
    match a.entity {
        Some(e) if p.entity(e).is_none() => Err(CommandError::NoEntity(e)),
        _ => Ok(()),
    }
}

/// The annotation's ranges lie inside the document and its quote matches them.
fn check_ranges(d: &crate::model::Document, a: &Annotation) -> Result<()> {
    let (start, end, len) = (a.start, a.end, d.char_len());
    if start >= end || end > len {
        return Err(CommandError::BadRange { start, end, len });
    }
    match d.range_problem(a) {
        Some(_) => Err(CommandError::QuoteMismatch { start, end }),
        None => Ok(()),
    }
}

/// Applies `edit` to a copy of the annotation, stamps `modified`, and stores it.
/// Applies `edit` to the annotation and stamps it (`modified` now, when unstamped).
fn edit_annotation(
    p: &mut Project,
    doc: DocumentId,
    id: crate::model::AnnotationId,
    stamp: Option<&Stamp>,
    edit: impl FnOnce(&mut Annotation),
) -> Result<Command> {
    if p.document(doc).is_none() {
        return Err(CommandError::NoDocument(doc));
    }
    let old = p
        .update_annotation(doc, id, |a| {
            edit(a);
            match stamp {
                Some(s) => s.changed_annotation(a),
                None => a.modified = crate::model::now(),
            }
        })
        .ok_or(CommandError::NoAnnotation(id))?;
    Ok(Command::ReplaceAnnotation {
        doc,
        annotation: old,
    })
}

/// Replaces the tag set and relation kinds, if every tag and kind in use stays.
fn replace_tags(
    p: &mut Project,
    tags: crate::model::TagSet,
    relation_kinds: Vec<crate::model::RelationKind>,
) -> Result<Command> {
    let mut keys = std::collections::HashSet::new();
    let mut shortcuts = std::collections::HashSet::new();
    for t in &tags.tags {
        if t.key.trim().is_empty() || !keys.insert(t.key.as_str()) {
            return Err(CommandError::DuplicateId(t.key.clone()));
        }
        // The same shortcut rules as a single tag's (see `check_tag`).
        if let Some(c) = t.shortcut
            && (c.is_control() || !shortcuts.insert(c.to_ascii_lowercase()))
        {
            return Err(CommandError::ShortcutTaken(c));
        }
    }
    let mut kind_keys = std::collections::HashSet::new();
    for k in &relation_kinds {
        if !kind_keys.insert(k.key.as_str()) {
            return Err(CommandError::DuplicateId(k.key.clone()));
        }
    }
    let used_tag = p
        .entities()
        .iter()
        .map(|e| e.kind.as_str())
        .chain(
            p.documents()
                .iter()
                .flat_map(|d| d.annotations().iter().map(|a| a.tag.as_str())),
        )
        .find(|k| !keys.contains(k));
    if let Some(k) = used_tag {
        return Err(CommandError::InUse(k.to_owned()));
    }
    if let Some(r) = p
        .relations
        .iter()
        .find(|r| !kind_keys.contains(r.kind.as_str()))
    {
        return Err(CommandError::InUse(r.kind.clone()));
    }
    let old_tags = std::mem::replace(&mut p.tags, tags);
    let old_kinds = std::mem::replace(&mut p.relation_kinds, relation_kinds);
    Ok(Command::ReplaceTags {
        tags: old_tags,
        relation_kinds: old_kinds,
    })
}

fn check_target(p: &Project, t: Target) -> Result<()> {
    match t {
        Target::Annotation(id) => p
            .find_annotation(id)
            .map(|_| ())
            .ok_or(CommandError::NoAnnotation(id)),
        Target::Entity(id) => p.entity(id).map(|_| ()).ok_or(CommandError::NoEntity(id)),
        Target::Document(id) => p
            .document(id)
            .map(|_| ())
            .ok_or(CommandError::NoDocument(id)),
    }
}

/// Removes every relation with an end matching `hits`; returns the commands that restore them.
fn remove_relations_where(p: &mut Project, hits: impl Fn(Target) -> bool) -> Vec<Command> {
    let mut restore = Vec::new();
    let mut kept = Vec::with_capacity(p.relations.len());
    for (original_index, relation) in std::mem::take(&mut p.relations).into_iter().enumerate() {
        if hits(relation.from) || hits(relation.to) {
            // Re-inserted in ascending order of their old positions, each lands where it was.
            restore.push(Command::AddRelation {
                relation,
                index: Some(original_index),
            });
        } else {
            kept.push(relation);
        }
    }
    p.relations = kept;
    restore
}

/// Removes annotations `run` (document, id) as the `RemoveAnnotation` commands
/// would one after another — relations that point to any of them go too — with the
/// same result and an inverse that restores the same project, but in one pass over
/// the relations and one over each document. Nothing changes when one is refused.
fn remove_annotations(
    p: &mut Project,
    run: &[(DocumentId, crate::model::AnnotationId)],
) -> Result<Command> {
    let mut ids = std::collections::HashSet::with_capacity(run.len());
    let mut by_doc: Vec<(
        DocumentId,
        std::collections::HashSet<crate::model::AnnotationId>,
    )> = Vec::new();
    for &(doc, id) in run {
        if p.document(doc).is_none() {
            return Err(CommandError::NoDocument(doc));
        }
        // Not there, or named twice (the second removal would find nothing).
        if p.document_of(id) != Some(doc) || !ids.insert(id) {
            return Err(CommandError::NoAnnotation(id));
        }
        match by_doc.iter_mut().find(|(d, _)| *d == doc) {
            Some((_, set)) => {
                set.insert(id);
            }
            None => by_doc.push((doc, std::iter::once(id).collect())),
        }
    }
    let relations = remove_relations_where(
        p,
        |t| matches!(t, Target::Annotation(a) if ids.contains(&a)),
    );
    let mut commands = Vec::with_capacity(run.len() + relations.len());
    for (doc, set) in &by_doc {
        commands.extend(p.take_annotations(*doc, set).into_iter().map(|annotation| {
            Command::AddAnnotation {
                doc: *doc,
                annotation,
            }
        }));
    }
    // The annotations come back before the relations that point to them.
    commands.extend(relations);
    Ok(batch_or_single("Restore annotations", commands))
}

/// Re-applies inverse commands after a failure. They undo what was just done, so they
/// cannot fail; if one somehow does, the rest are still applied.
fn restore(p: &mut Project, commands: Vec<Command>) {
    for c in commands {
        let _ = c.apply(p);
    }
}

fn batch_or_single(label: &str, mut commands: Vec<Command>) -> Command {
    if commands.len() == 1
        && let Some(c) = commands.pop()
    {
        return c;
    }
    Command::Batch {
        label: label.into(),
        commands,
    }
}
