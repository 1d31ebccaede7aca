//! How each command changes the project, and what undoes it.

use super::{Command, CommandError};
use crate::model::{Annotation, DocumentId, Project, Target};

type Result<T> = std::result::Result<T, CommandError>;

pub(super) fn apply(cmd: Command, p: &mut Project) -> Result<Command> {
    match cmd {
        Command::AddAnnotation { doc, annotation } => add_annotation(p, doc, annotation),
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
            edit_annotation(p, doc, id, |a| a.tag = tag)
        }
        Command::SetNote { doc, id, note } => edit_annotation(p, doc, id, |a| a.note = note),
        Command::SetStatus { doc, id, status } => {
            edit_annotation(p, doc, id, |a| a.status = status)
        }
        Command::LinkEntity { doc, id, entity } => {
            if let Some(e) = entity
                && p.entity(e).is_none()
            {
                return Err(CommandError::NoEntity(e));
            }
            edit_annotation(p, doc, id, |a| a.entity = entity)
        }
        Command::ReplaceAnnotation { doc, annotation } => {
            if p.tags.get(&annotation.tag).is_none() {
                return Err(CommandError::UnknownTag(annotation.tag));
            }
            if let Some(e) = annotation.entity
                && p.entity(e).is_none()
            {
                return Err(CommandError::NoEntity(e));
            }
            let d = p.document(doc).ok_or(CommandError::NoDocument(doc))?;
            let slot = d
                .annotation(annotation.id)
                .ok_or(CommandError::NoAnnotation(annotation.id))?;
            if (slot.start, slot.end) != (annotation.start, annotation.end)
                || slot.quote != annotation.quote
            {
                return Err(CommandError::MovedAnnotation);
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
        Command::Reshape { doc, annotation } => {
            let d = p.document(doc).ok_or(CommandError::NoDocument(doc))?;
            if d.annotation(annotation.id).is_none() {
                return Err(CommandError::NoAnnotation(annotation.id));
            }
            if p.tags.get(&annotation.tag).is_none() {
                return Err(CommandError::UnknownTag(annotation.tag));
            }
            if let Some(e) = annotation.entity
                && p.entity(e).is_none()
            {
                return Err(CommandError::NoEntity(e));
            }
            let (start, end) = (annotation.start, annotation.end);
            let len = d.char_len();
            if start >= end || end > len {
                return Err(CommandError::BadRange { start, end, len });
            }
            if d.range_problem(&annotation).is_some() {
                return Err(CommandError::QuoteMismatch { start, end });
            }
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
        Command::AddEntity { entity, index } => {
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
        Command::ReplaceEntity { entity } => {
            if p.tags.get(&entity.kind).is_none() {
                return Err(CommandError::UnknownTag(entity.kind));
            }
            let slot = p
                .entity_mut(entity.id)
                .ok_or(CommandError::NoEntity(entity.id))?;
            let old = std::mem::replace(slot, entity);
            Ok(Command::ReplaceEntity { entity: old })
        }
        Command::AddRelation { relation, index } => {
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
            if tag.key.trim().is_empty() || p.tags.get(&tag.key).is_some() {
                return Err(CommandError::DuplicateKey(tag.key));
            }
            if tag.shortcut.is_some_and(char::is_control) {
                return Err(CommandError::BadShortcut(tag.key));
            }
            let key = tag.key.clone();
            let at = index.unwrap_or(usize::MAX).min(p.tags.tags.len());
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
                return Err(CommandError::InUse(key));
            }
            let tag = p.tags.tags.remove(at);
            Ok(Command::AddTag {
                tag,
                index: Some(at),
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
            for c in commands {
                match c.apply(p) {
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

fn add_annotation(p: &mut Project, doc: DocumentId, annotation: Annotation) -> Result<Command> {
    if p.tags.get(&annotation.tag).is_none() {
        return Err(CommandError::UnknownTag(annotation.tag));
    }
    if let Some(e) = annotation.entity
        && p.entity(e).is_none()
    {
        return Err(CommandError::NoEntity(e));
    }
    if p.document_of(annotation.id).is_some() {
        return Err(CommandError::DuplicateId(annotation.id.to_string()));
    }
    let d = p.document(doc).ok_or(CommandError::NoDocument(doc))?;
    let (start, end) = (annotation.start, annotation.end);
    let len = d.char_len();
    if start >= end || end > len {
        return Err(CommandError::BadRange { start, end, len });
    }
    if d.range_problem(&annotation).is_some() {
        return Err(CommandError::QuoteMismatch { start, end });
    }
    let id = annotation.id;
    p.insert_annotation(doc, annotation);
    Ok(Command::RemoveAnnotation { doc, id })
}

/// Applies `edit` to a copy of the annotation, stamps `modified`, and stores it.
fn edit_annotation(
    p: &mut Project,
    doc: DocumentId,
    id: crate::model::AnnotationId,
    edit: impl FnOnce(&mut Annotation),
) -> Result<Command> {
    if p.document(doc).is_none() {
        return Err(CommandError::NoDocument(doc));
    }
    let old = p
        .update_annotation(doc, id, |a| {
            edit(a);
            a.modified = crate::model::now();
        })
        .ok_or(CommandError::NoAnnotation(id))?;
    Ok(Command::ReplaceAnnotation {
        doc,
        annotation: old,
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
