//! Resolving a recorded conflict: keep mine, take theirs, keep both (where that makes
//! sense), edit the value, or accept the project as it now is. Each resolution is
//! one [`Command`] — the edit it implies and the removal of the record, in one
//! batch — so it undoes in one step and the record comes back with it.

use crate::commands::{Command, CommandError};
use crate::model::{
    Annotation, AnnotationId, Conflict, Entity, Field, Project, Relation, RelationId, Version,
};

/// How to resolve a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// Our version (our deletion, when we deleted it).
    KeepMine,
    /// Their version (their deletion, when they deleted it).
    TakeTheirs,
    /// Both: two notes joined, their name as an alias, their span as a second
    /// annotation, their relation beside ours, their version of a text kept.
    KeepBoth,
    /// A value typed by the analyst, for a conflict on one text field.
    Edit(String),
    /// The project as it is now (e.g. after fixing it by hand): only the record goes.
    AsIs,
}

/// Which resolutions a conflict allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choices {
    /// "Keep mine" and "Take theirs" (always).
    pub sides: bool,
    /// "Keep both".
    pub keep_both: bool,
    /// "Edit": the one text field in conflict.
    pub edit: Option<Field>,
}

/// Why a resolution could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// No conflict record at that position.
    #[error("there is no conflict number {0}")]
    NoConflict(usize),
    /// That resolution does not apply to this conflict.
    #[error("“{0}” does not apply to this conflict")]
    NotPossible(&'static str),
    /// What the conflict is about is no longer in the project.
    #[error("the {0} this conflict is about is no longer in the project; mark it resolved")]
    Gone(&'static str),
    /// The edit the resolution implies is refused.
    #[error(transparent)]
    Command(#[from] CommandError),
}

/// Which resolutions `c` allows.
pub fn choices(c: &Conflict) -> Choices {
    let text_field = |f: Field| {
        matches!(
            f,
            Field::Name
                | Field::Title
                | Field::Note
                | Field::Role
                | Field::Date
                | Field::DateIso
                | Field::Place
                | Field::Label
        )
    };
    let keep_both = if c.fields == [Field::Text] || c.is_deletion() {
        false
    } else {
        match (&c.ours, &c.fields[..]) {
            (Some(Version::Annotation { .. }), f) => f
                .iter()
                .all(|f| matches!(f, Field::Note | Field::Span | Field::Tag | Field::Entity)),
            (Some(Version::Entity(_)), f) => f.iter().all(|f| {
                matches!(
                    f,
                    Field::Name | Field::Note | Field::Role | Field::Date | Field::Place
                )
            }),
            (Some(Version::Relation(_)), f) => f
                .iter()
                .all(|f| matches!(f, Field::Note | Field::From | Field::To)),
            _ => false,
        }
    };
    let edit = match c.fields[..] {
        [f] if text_field(f) && !c.is_deletion() => Some(f),
        _ => None,
    };
    Choices {
        sides: true,
        keep_both: keep_both || c.fields == [Field::Text],
        edit,
    }
}

/// The command that resolves conflict number `index` of `p` as `how` says.
pub fn resolve(p: &Project, index: usize, how: &Resolution) -> Result<Command, ResolveError> {
    let c = p
        .conflicts()
        .get(index)
        .ok_or(ResolveError::NoConflict(index))?;
    let allowed = choices(c);
    let label = match how {
        Resolution::KeepMine => "Keep mine",
        Resolution::TakeTheirs => "Take theirs",
        Resolution::KeepBoth => "Keep both",
        Resolution::Edit(_) => "Edit",
        Resolution::AsIs => "Mark resolved",
    };
    match how {
        Resolution::KeepBoth if !allowed.keep_both => return Err(ResolveError::NotPossible(label)),
        Resolution::Edit(_) if allowed.edit.is_none() => {
            return Err(ResolveError::NotPossible(label));
        }
        _ => {}
    }
    let mut commands = match how {
        Resolution::AsIs => Vec::new(),
        _ => edits(p, c, how)?,
    };
    commands.push(Command::RemoveConflict { index });
    Ok(Command::Batch {
        label: format!("{label}: {}", crate::model::text::short(&c.describe(p), 60)),
        commands,
    })
}

/// The edits a resolution implies (the record's removal aside).
fn edits(p: &Project, c: &Conflict, how: &Resolution) -> Result<Vec<Command>, ResolveError> {
    if c.fields == [Field::Text] {
        return text(p, c, how);
    }
    // The version to take, or `None` for a deletion.
    let chosen = match how {
        Resolution::KeepMine => c.ours.as_ref(),
        Resolution::TakeTheirs => c.theirs.as_ref(),
        _ => c.ours.as_ref(),
    };
    if c.is_deletion() {
        return deletion(p, c, chosen);
    }
    let chosen = chosen.ok_or(ResolveError::NotPossible("Keep both"))?;
    match (chosen, c.theirs.as_ref()) {
        (Version::Annotation { doc, annotation }, Some(theirs)) => {
            let (_, now) = p
                .find_annotation(annotation.id)
                .ok_or(ResolveError::Gone("annotation"))?;
            let mut want = now.clone();
            copy_annotation_fields(&mut want, annotation, &c.fields);
            let mut out = Vec::new();
            match how {
                Resolution::Edit(text) => want.note.clone_from(text),
                Resolution::KeepBoth => {
                    if let Version::Annotation {
                        annotation: other, ..
                    } = theirs
                    {
                        if c.fields == [Field::Note] {
                            want.note = join(&annotation.note, &other.note, "\n\n");
                        } else {
                            out.push(Command::AddAnnotation {
                                doc: *doc,
                                annotation: Annotation {
                                    id: AnnotationId::new(),
                                    ..other.clone()
                                },
                            });
                        }
                    }
                }
                _ => {}
            }
            if want != *now {
                let moved =
                    (want.start, want.end, &want.fragments) != (now.start, now.end, &now.fragments);
                out.insert(
                    0,
                    if moved {
                        Command::Reshape {
                            doc: *doc,
                            annotation: want,
                        }
                    } else {
                        Command::ReplaceAnnotation {
                            doc: *doc,
                            annotation: want,
                        }
                    },
                );
            }
            Ok(out)
        }
        (Version::Entity(e), Some(theirs)) => {
            let now = p.entity(e.id).ok_or(ResolveError::Gone("entity"))?;
            let mut want = now.clone();
            copy_entity_fields(&mut want, e, &c.fields);
            match (how, theirs) {
                (Resolution::Edit(text), _) => set_entity_text(&mut want, &c.fields, text),
                (Resolution::KeepBoth, Version::Entity(other)) => {
                    for f in &c.fields {
                        match f {
                            Field::Name if !want.aliases.iter().any(|a| a == &other.name) => {
                                want.aliases.push(other.name.clone());
                            }
                            Field::Note => want.note = join(&e.note, &other.note, "; "),
                            Field::Role => want.role = join(&e.role, &other.role, "; "),
                            Field::Date => want.date = join(&e.date, &other.date, "; "),
                            Field::Place => want.place = join(&e.place, &other.place, "; "),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
            Ok(replace_entity(now, want))
        }
        (Version::Relation(r), Some(theirs)) => {
            let now = relation(p, r.id)?;
            let mut want = now.clone();
            for f in &c.fields {
                match f {
                    Field::Kind => want.kind.clone_from(&r.kind),
                    Field::From => want.from = r.from,
                    Field::To => want.to = r.to,
                    Field::Note => want.note.clone_from(&r.note),
                    _ => {}
                }
            }
            let mut out = Vec::new();
            match (how, theirs) {
                (Resolution::Edit(text), _) => want.note.clone_from(text),
                (Resolution::KeepBoth, Version::Relation(other)) => {
                    if c.fields == [Field::Note] {
                        want.note = join(&r.note, &other.note, "\n\n");
                    } else {
                        out.push(Command::AddRelation {
                            relation: Relation {
                                id: RelationId::new(),
                                ..other.clone()
                            },
                            index: None,
                        });
                    }
                }
                _ => {}
            }
            if want != *now {
                out.insert(0, Command::ReplaceRelation { relation: want });
            }
            Ok(out)
        }
        (Version::Document { title, source }, _) => {
            let id = match c.subject {
                crate::model::Subject::Document(id) => id,
                _ => return Err(ResolveError::Gone("document")),
            };
            let now = p.document(id).ok_or(ResolveError::Gone("document"))?;
            let mut out = Vec::new();
            let title = match how {
                Resolution::Edit(text) => text.clone(),
                _ => title.clone(),
            };
            if c.fields.contains(&Field::Title) && title != now.title {
                out.push(Command::RenameDocument { id, title });
            }
            if c.fields.contains(&Field::Source) && *source != now.source {
                out.push(Command::SetDocumentSource {
                    id,
                    source: Box::new(source.clone()),
                });
            }
            Ok(out)
        }
        (Version::Tag(t), _) => {
            let mut tags = p.tags.clone();
            let slot = tags
                .tags
                .iter_mut()
                .find(|x| x.key == t.key)
                .ok_or(ResolveError::Gone("tag"))?;
            for f in &c.fields {
                match f {
                    Field::Label => slot.label.clone_from(&t.label),
                    Field::Color => slot.color = t.color,
                    Field::Shortcut => slot.shortcut = t.shortcut,
                    Field::Kind => slot.kind = t.kind,
                    Field::Role => slot.role = t.role,
                    _ => {}
                }
            }
            if let Resolution::Edit(text) = how {
                slot.label.clone_from(text);
            }
            Ok(vec![Command::ReplaceTags {
                tags,
                relation_kinds: p.relation_kinds.clone(),
            }])
        }
        (Version::RelationKind(k), _) => {
            let mut kinds = p.relation_kinds.clone();
            let slot = kinds
                .iter_mut()
                .find(|x| x.key == k.key)
                .ok_or(ResolveError::Gone("relation kind"))?;
            slot.label.clone_from(&k.label);
            slot.role = k.role;
            if let Resolution::Edit(text) = how {
                slot.label.clone_from(text);
            }
            Ok(vec![Command::ReplaceTags {
                tags: p.tags.clone(),
                relation_kinds: kinds,
            }])
        }
        (Version::Project { name }, _) => {
            let name = match how {
                Resolution::Edit(text) => text.clone(),
                _ => name.clone(),
            };
            Ok(if name == p.name {
                Vec::new()
            } else {
                vec![Command::RenameProject { name }]
            })
        }
        _ => Err(ResolveError::NotPossible("this resolution")),
    }
}

/// A deletion conflict: the project holds the changed version; the side chosen
/// either has it too (nothing to do) or deleted it (delete it now).
fn deletion(
    p: &Project,
    c: &Conflict,
    chosen: Option<&Version>,
) -> Result<Vec<Command>, ResolveError> {
    use crate::model::Subject;
    if chosen.is_some() {
        return Ok(Vec::new());
    }
    Ok(match &c.subject {
        Subject::Annotation(id) => match p.document_of(*id) {
            Some(doc) => vec![Command::RemoveAnnotation { doc, id: *id }],
            None => Vec::new(),
        },
        Subject::Entity(id) => match p.entity(*id) {
            Some(_) => vec![Command::RemoveEntity { id: *id }],
            None => Vec::new(),
        },
        Subject::Relation(id) => match p.relations().iter().any(|r| r.id == *id) {
            true => vec![Command::RemoveRelation { id: *id }],
            false => Vec::new(),
        },
        Subject::Document(id) => match p.document(*id) {
            Some(_) => vec![Command::RemoveDocument { id: *id }],
            None => Vec::new(),
        },
        Subject::Tag(key) => {
            let mut tags = p.tags.clone();
            tags.tags.retain(|t| &t.key != key);
            vec![Command::ReplaceTags {
                tags,
                relation_kinds: p.relation_kinds.clone(),
            }]
        }
        Subject::RelationKind(key) => {
            let mut kinds = p.relation_kinds.clone();
            kinds.retain(|k| &k.key != key);
            vec![Command::ReplaceTags {
                tags: p.tags.clone(),
                relation_kinds: kinds,
            }]
        }
        Subject::Project => Vec::new(),
    })
}

/// A text conflict: ours is the document itself, theirs the copy.
fn text(p: &Project, c: &Conflict, how: &Resolution) -> Result<Vec<Command>, ResolveError> {
    use crate::model::Subject;
    let Subject::Document(original) = c.subject else {
        return Err(ResolveError::Gone("document"));
    };
    let remove = |id| {
        p.document(id)
            .map(|_| Command::RemoveDocument { id })
            .into_iter()
            .collect::<Vec<_>>()
    };
    Ok(match (how, c.copy) {
        (Resolution::KeepMine, Some(copy)) => remove(copy),
        (Resolution::TakeTheirs, Some(_)) => remove(original),
        _ => Vec::new(),
    })
}

fn relation(p: &Project, id: RelationId) -> Result<&Relation, ResolveError> {
    p.relations()
        .iter()
        .find(|r| r.id == id)
        .ok_or(ResolveError::Gone("relation"))
}

fn copy_annotation_fields(to: &mut Annotation, from: &Annotation, fields: &[Field]) {
    for f in fields {
        match f {
            Field::Tag => to.tag.clone_from(&from.tag),
            Field::Span => {
                to.start = from.start;
                to.end = from.end;
                to.fragments.clone_from(&from.fragments);
                to.quote.clone_from(&from.quote);
                to.prefix.clone_from(&from.prefix);
                to.suffix.clone_from(&from.suffix);
            }
            Field::Note => to.note.clone_from(&from.note),
            Field::Entity => to.entity = from.entity,
            Field::Status => to.status = from.status,
            _ => {}
        }
    }
}

fn copy_entity_fields(to: &mut Entity, from: &Entity, fields: &[Field]) {
    for f in fields {
        match f {
            Field::Kind => to.kind.clone_from(&from.kind),
            Field::Name => to.name.clone_from(&from.name),
            Field::Note => to.note.clone_from(&from.note),
            Field::Role => to.role.clone_from(&from.role),
            Field::Date => to.date.clone_from(&from.date),
            Field::DateIso => to.date_iso.clone_from(&from.date_iso),
            Field::Place => to.place.clone_from(&from.place),
            _ => {}
        }
    }
}

fn set_entity_text(e: &mut Entity, fields: &[Field], text: &str) {
    match fields.first() {
        Some(Field::Name) => text.clone_into(&mut e.name),
        Some(Field::Note) => text.clone_into(&mut e.note),
        Some(Field::Role) => text.clone_into(&mut e.role),
        Some(Field::Date) => text.clone_into(&mut e.date),
        Some(Field::DateIso) => {
            e.date_iso = (!text.trim().is_empty()).then(|| text.trim().to_owned())
        }
        Some(Field::Place) => text.clone_into(&mut e.place),
        _ => {}
    }
}

fn replace_entity(now: &Entity, want: Entity) -> Vec<Command> {
    if want == *now {
        Vec::new()
    } else {
        vec![Command::ReplaceEntity { entity: want }]
    }
}

/// Two texts joined, or the one that is not empty.
fn join(a: &str, b: &str, sep: &str) -> String {
    match (a.trim().is_empty(), b.trim().is_empty()) {
        (true, _) => b.to_owned(),
        (_, true) => a.to_owned(),
        _ if a == b => a.to_owned(),
        _ => format!("{a}{sep}{b}"),
    }
}
