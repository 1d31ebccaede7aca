//! Builders for the analyst's larger edits — merging entities, splitting a mention
//! off, annotating every occurrence, setting a claim's speaker and subjects. Each
//! returns one [`Command`] (a batch), so each is one undo step.

use super::{Command, CommandError};
use crate::model::{
    Annotation, AnnotationId, DocumentId, Entity, EntityId, Project, Relation, RelationId,
    RelationRole, TagDef, TagKind, Target, fuzzy,
};

/// Where an occurrence of some text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// The document.
    pub doc: DocumentId,
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
}

/// Which entity new mentions should belong to.
#[derive(Clone, Debug, PartialEq)]
pub enum EntityChoice {
    /// None (plain spans, claims).
    None,
    /// An entity of the project.
    Existing(EntityId),
    /// A new entity, created in the same step.
    New(Box<Entity>),
}

/// Merges `absorb` into `keep`: `absorb`'s mentions link to `keep`, its name and
/// aliases become aliases of `keep`, its relations point to `keep`, and it is removed.
pub fn merge_entities(
    p: &Project,
    keep: EntityId,
    absorb: EntityId,
) -> Result<Command, CommandError> {
    if keep == absorb {
        return Err(CommandError::Empty);
    }
    let k = p.entity(keep).ok_or(CommandError::NoEntity(keep))?;
    let a = p.entity(absorb).ok_or(CommandError::NoEntity(absorb))?;
    let mut merged = k.clone();
    for name in std::iter::once(&a.name).chain(&a.aliases) {
        if !name.eq_ignore_ascii_case(&merged.name)
            && !merged.aliases.iter().any(|x| x.eq_ignore_ascii_case(name))
        {
            merged.aliases.push(name.clone());
        }
    }
    for (mine, theirs) in [
        (&mut merged.note, &a.note),
        (&mut merged.role, &a.role),
        (&mut merged.date, &a.date),
        (&mut merged.place, &a.place),
    ] {
        if mine.trim().is_empty() {
            mine.clone_from(theirs);
        } else if !theirs.trim().is_empty() && mine != theirs {
            mine.push_str("; ");
            mine.push_str(theirs);
        }
    }
    if merged.date_iso.is_none() {
        merged.date_iso.clone_from(&a.date_iso);
    }
    let mut commands = vec![Command::ReplaceEntity { entity: merged }];
    for (doc, id) in p.mentions(absorb) {
        commands.push(Command::LinkEntity {
            doc,
            id,
            entity: Some(keep),
        });
    }
    let retarget = |t: Target| {
        if t == Target::Entity(absorb) {
            Target::Entity(keep)
        } else {
            t
        }
    };
    for r in p
        .relations()
        .iter()
        .filter(|r| r.from == Target::Entity(absorb) || r.to == Target::Entity(absorb))
    {
        let moved = Relation {
            from: retarget(r.from),
            to: retarget(r.to),
            ..r.clone()
        };
        let duplicate = p
            .relations()
            .iter()
            .any(|o| o.kind == moved.kind && o.from == moved.from && o.to == moved.to);
        commands.push(Command::RemoveRelation { id: r.id });
        if !duplicate {
            commands.push(Command::AddRelation {
                relation: Relation {
                    id: RelationId::new(),
                    ..moved
                },
                index: None,
            });
        }
    }
    commands.push(Command::RemoveEntity { id: absorb });
    Ok(Command::Batch {
        label: format!("Merge “{}” into “{}”", a.name, k.name),
        commands,
    })
}

/// Splits one mention off into a new entity (named `name`, else after the quote).
/// Returns the command and the new entity's id.
pub fn split_mention(
    p: &Project,
    doc: DocumentId,
    id: AnnotationId,
    name: Option<String>,
) -> Result<(Command, EntityId), CommandError> {
    let a = p
        .document(doc)
        .ok_or(CommandError::NoDocument(doc))?
        .annotation(id)
        .ok_or(CommandError::NoAnnotation(id))?;
    let entity = Entity::new(a.tag.clone(), name.unwrap_or_else(|| clean_name(&a.quote)));
    let eid = entity.id;
    Ok((
        Command::Batch {
            label: format!("New entity “{}”", entity.name),
            commands: vec![
                Command::AddEntity {
                    entity,
                    index: None,
                },
                Command::LinkEntity {
                    doc,
                    id,
                    entity: Some(eid),
                },
            ],
        },
        eid,
    ))
}

/// A name from a quote: whitespace folded, possessive and surrounding punctuation dropped.
pub fn clean_name(quote: &str) -> String {
    let folded = quote.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = folded.trim_matches(|c: char| !c.is_alphanumeric());
    let trimmed = trimmed
        .strip_suffix("’s")
        .or_else(|| trimmed.strip_suffix("'s"))
        .unwrap_or(trimmed);
    trimmed.to_owned()
}

/// Tags every occurrence with `tag` (skipping spans that already carry that tag),
/// linking them all to the chosen entity; existing unlinked spans with the tag are
/// linked too. One undo step.
pub fn annotate_all(
    p: &Project,
    occurrences: &[Occurrence],
    tag: &str,
    entity: EntityChoice,
    author: &str,
) -> Result<Command, CommandError> {
    if p.tags.get(tag).is_none() {
        return Err(CommandError::UnknownTag(tag.to_owned()));
    }
    let mut commands = Vec::new();
    let target = match entity {
        EntityChoice::None => None,
        EntityChoice::Existing(id) => Some(id),
        EntityChoice::New(e) => {
            let id = e.id;
            commands.push(Command::AddEntity {
                entity: *e,
                index: None,
            });
            Some(id)
        }
    };
    let mut seen = std::collections::HashSet::new();
    for o in occurrences {
        if !seen.insert(*o) {
            continue;
        }
        let d = p.document(o.doc).ok_or(CommandError::NoDocument(o.doc))?;
        let existing = d
            .annotations()
            .iter()
            .find(|a| a.start == o.start && a.end == o.end && a.tag == tag);
        match existing {
            Some(a) => {
                if target.is_some() && a.entity != target {
                    commands.push(Command::LinkEntity {
                        doc: o.doc,
                        id: a.id,
                        entity: target,
                    });
                }
            }
            None => {
                let len = d.char_len();
                let mut a = Annotation::new(d.text(), d.char_index(), tag, o.start, o.end, author)
                    .ok_or(CommandError::BadRange {
                        start: o.start,
                        end: o.end,
                        len,
                    })?;
                a.entity = target;
                commands.push(Command::AddAnnotation {
                    doc: o.doc,
                    annotation: a,
                });
            }
        }
    }
    if commands.is_empty() {
        return Err(CommandError::Empty);
    }
    Ok(Command::Batch {
        label: format!(
            "Annotate {} occurrence{}",
            occurrences.len(),
            if occurrences.len() == 1 { "" } else { "s" }
        ),
        commands,
    })
}

/// The command that adds chars `range` to annotation `id` of `doc` as another
/// fragment (making it discontinuous: "the *Iranian* … *judiciary*"); a range that
/// touches or overlaps a fragment joins it. One undo step, the id and links kept.
pub fn add_fragment(
    p: &Project,
    doc: DocumentId,
    id: AnnotationId,
    range: (usize, usize),
) -> Result<Command, CommandError> {
    let d = p.document(doc).ok_or(CommandError::NoDocument(doc))?;
    let old = d.annotation(id).ok_or(CommandError::NoAnnotation(id))?;
    if range.0 >= range.1 {
        return Err(CommandError::Empty);
    }
    let merged = crate::model::merge_ranges(old.ranges().chain([range]).collect());
    reshape(p, doc, id, &merged)
}

/// The command that moves annotation `id` of `doc` to `ranges` (one range, or the
/// fragments of a discontinuous annotation), with its quote, context and modified
/// time made anew; everything else — id, tag, note, entity, status — stays.
pub fn reshape(
    p: &Project,
    doc: DocumentId,
    id: AnnotationId,
    ranges: &[(usize, usize)],
) -> Result<Command, CommandError> {
    let d = p.document(doc).ok_or(CommandError::NoDocument(doc))?;
    let old = d.annotation(id).ok_or(CommandError::NoAnnotation(id))?;
    let (start, end) = match (ranges.first(), ranges.last()) {
        (Some(f), Some(l)) => (f.0, l.1),
        _ => return Err(CommandError::Empty),
    };
    let shaped =
        Annotation::new_fragmented(d.text(), d.char_index(), &old.tag, ranges, &old.author).ok_or(
            CommandError::BadRange {
                start,
                end,
                len: d.char_len(),
            },
        )?;
    if shaped.ranges().eq(old.ranges()) {
        return Err(CommandError::Empty);
    }
    Ok(Command::Reshape {
        doc,
        annotation: Annotation {
            id: old.id,
            note: old.note.clone(),
            entity: old.entity,
            status: old.status,
            created: old.created,
            ..shaped
        },
    })
}

/// What becomes of a deleted tag's annotations (and, for an entity tag, entities).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagFate {
    /// They are deleted too.
    Delete,
    /// They take this other tag (an entity tag's entities become of its kind).
    RetagTo(String),
}

/// A new tag named `label`: its key made from the label (unique), the first colour
/// of `palette` no tag uses, and the first letter of the label as its shortcut when
/// that letter is free.
pub fn new_tag(
    p: &Project,
    label: &str,
    kind: TagKind,
    role: Option<crate::model::EntityRole>,
    palette: &[crate::model::Color],
) -> TagDef {
    let label = label.trim();
    let base: String = label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .trim_matches('_')
        .to_owned();
    let base = if base.is_empty() {
        "tag".to_owned()
    } else {
        base
    };
    let key = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}_{n}")))
        .find(|k| p.tags.get(k).is_none())
        .unwrap_or(base);
    let color = palette
        .iter()
        .copied()
        .find(|c| !p.tags.tags.iter().any(|t| t.color == *c))
        .or(palette.first().copied())
        .unwrap_or(crate::model::Color([0x80, 0x80, 0x80]));
    let shortcut = label
        .chars()
        .find(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .filter(|c| p.tags.by_shortcut(*c).is_none());
    TagDef {
        key,
        label: label.to_owned(),
        color,
        shortcut,
        kind,
        role: role.filter(|_| kind == TagKind::Entity),
    }
}

/// Deletes tag `key`, first deleting or retagging its annotations (and entities),
/// as one undo step.
pub fn delete_tag(p: &Project, key: &str, fate: &TagFate) -> Result<Command, CommandError> {
    if p.tags.get(key).is_none() {
        return Err(CommandError::UnknownTag(key.to_owned()));
    }
    let mut commands = Vec::new();
    match fate {
        TagFate::Delete => {
            for d in p.documents() {
                for a in d.annotations().iter().filter(|a| a.tag == key) {
                    commands.push(Command::RemoveAnnotation {
                        doc: d.id,
                        id: a.id,
                    });
                }
            }
            for e in p.entities().iter().filter(|e| e.kind == key) {
                commands.push(Command::RemoveEntity { id: e.id });
            }
        }
        TagFate::RetagTo(to) => {
            if p.tags.get(to).is_none() || to == key {
                return Err(CommandError::UnknownTag(to.clone()));
            }
            for e in p.entities().iter().filter(|e| e.kind == key) {
                commands.push(Command::ReplaceEntity {
                    entity: Entity {
                        kind: to.clone(),
                        ..e.clone()
                    },
                });
            }
            for d in p.documents() {
                for a in d.annotations().iter().filter(|a| a.tag == key) {
                    commands.push(Command::RetagAnnotation {
                        doc: d.id,
                        id: a.id,
                        tag: to.clone(),
                    });
                }
            }
        }
    }
    commands.push(Command::RemoveTag {
        key: key.to_owned(),
    });
    Ok(Command::Batch {
        label: format!("Delete tag `{key}`"),
        commands,
    })
}

/// How many fuzzy entity suggestions a fresh mention gets.
pub const SUGGESTIONS: usize = 3;

/// The best entity suggestions for a mention of an entity tag (none when it is
/// already linked, or its tag does not mention entities).
pub fn suggestions(p: &Project, a: &Annotation) -> Vec<fuzzy::Suggestion> {
    let mentions = p
        .tags
        .get(&a.tag)
        .is_some_and(|t| t.kind == TagKind::Entity);
    if a.entity.is_some() || !mentions {
        return Vec::new();
    }
    fuzzy::suggest(p, &a.tag, &a.quote, SUGGESTIONS)
}

/// What Enter does on a fresh mention: link it to the best suggestion, or make a
/// new entity named after it. `None` when there is nothing to do.
pub fn accept_suggestion(p: &Project, doc: DocumentId, a: &Annotation) -> Option<Command> {
    if p.tags.get(&a.tag)?.kind != TagKind::Entity || a.entity.is_some() {
        return None;
    }
    match suggestions(p, a).first() {
        Some(s) => Some(Command::LinkEntity {
            doc,
            id: a.id,
            entity: Some(s.entity),
        }),
        None => split_mention(p, doc, a.id, None).ok().map(|(c, _)| c),
    }
}

/// Which entity annotate-all links new mentions of `text` to: the given one if it
/// exists; else, for an entity tag, the best fuzzy match of the text among the
/// project's entities, or a new entity named after the text; else none.
pub fn entity_choice_for(
    p: &Project,
    tag: &str,
    entity: Option<EntityId>,
    text: &str,
) -> EntityChoice {
    match entity {
        Some(id) if p.entity(id).is_some() => EntityChoice::Existing(id),
        _ if p.tags.get(tag).is_some_and(|t| t.kind == TagKind::Entity) => {
            match fuzzy::suggest(p, tag, text, 1).first() {
                Some(s) => EntityChoice::Existing(s.entity),
                None => EntityChoice::New(Box::new(Entity::new(tag, clean_name(text)))),
            }
        }
        _ => EntityChoice::None,
    }
}

/// The key of the project's relation kind with `role`.
pub fn kind_for(p: &Project, role: RelationRole) -> Result<&str, CommandError> {
    p.relation_kind(role)
        .ok_or(CommandError::NoRelationRole(role))
}

/// The targets of a claim's relations of the kind with `role`, in the project's order.
pub fn related(p: &Project, claim: AnnotationId, role: RelationRole) -> Vec<Target> {
    let Some(kind) = p.relation_kind(role) else {
        return Vec::new();
    };
    p.relations()
        .iter()
        .filter(|r| r.kind == kind && r.from == Target::Annotation(claim))
        .map(|r| r.to)
        .collect()
}

/// Who made a claim: one speaker, or several for a joint statement.
pub fn speakers(p: &Project, claim: AnnotationId) -> Vec<Target> {
    related(p, claim, RelationRole::Speaker)
}

/// Links a claim to something it is about (the relation kind with the subject role).
pub fn add_subject(
    p: &Project,
    claim: AnnotationId,
    subject: Target,
) -> Result<Command, CommandError> {
    let kind = kind_for(p, RelationRole::Subject)?;
    add_relation(p, kind, Target::Annotation(claim), subject)
}

/// Replaces a claim's speakers (`said_by` relations) with `speakers`, keeping the
/// relations of speakers that stay. [`CommandError::Empty`] when nothing changes.
pub fn set_speakers(
    p: &Project,
    claim: AnnotationId,
    speakers: &[Target],
) -> Result<Command, CommandError> {
    let from = Target::Annotation(claim);
    let kind = kind_for(p, RelationRole::Speaker)?;
    let old: Vec<&Relation> = p
        .relations()
        .iter()
        .filter(|r| r.kind == kind && r.from == from)
        .collect();
    let mut commands: Vec<Command> = old
        .iter()
        .filter(|r| !speakers.contains(&r.to))
        .map(|r| Command::RemoveRelation { id: r.id })
        .collect();
    let mut added = Vec::new();
    for &to in speakers {
        if !old.iter().any(|r| r.to == to) && !added.contains(&to) {
            added.push(to);
            commands.push(Command::add_relation(kind, from, to));
        }
    }
    if commands.is_empty() {
        return Err(CommandError::Empty);
    }
    Ok(Command::Batch {
        label: "Set speakers".into(),
        commands,
    })
}

/// Adds a typed relation, unless the same one exists
/// ([`CommandError::DuplicateRelation`]).
pub fn add_relation(
    p: &Project,
    kind: &str,
    from: Target,
    to: Target,
) -> Result<Command, CommandError> {
    if p.relations()
        .iter()
        .any(|r| r.kind == kind && r.from == from && r.to == to)
    {
        return Err(CommandError::DuplicateRelation(kind.to_owned()));
    }
    Ok(Command::add_relation(kind, from, to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::Editor;
    use crate::model::{Document, SourceMeta};

    fn setup() -> (Editor, DocumentId) {
        let doc = Document::new(
            "d",
            SourceMeta::default(),
            "Maryam Rajavi spoke. Rajavi said: Mrs. Rajavi’s call. Raisi denied it. Rajavi again.",
        );
        let id = doc.id;
        let mut e = Editor::new(Project::new("p"));
        e.apply(Command::AddDocument {
            document: Box::new(doc),
            index: None,
        })
        .expect("doc");
        (e, id)
    }

    fn occurrences(e: &Editor, doc: DocumentId, needle: &str) -> Vec<Occurrence> {
        let d = e.project().document(doc).expect("doc");
        d.text()
            .match_indices(needle)
            .filter_map(|(b, _)| d.char_index().char_of(d.text(), b))
            .map(|s| Occurrence {
                doc,
                start: s,
                end: s + needle.chars().count(),
            })
            .collect()
    }

    #[test]
    fn annotate_all_creates_linked_mentions_in_one_step_and_skips_existing() {
        let (mut e, doc) = setup();
        let occ = occurrences(&e, doc, "Rajavi");
        assert_eq!(occ.len(), 4);
        let person = Entity::new("person", "Maryam Rajavi");
        let pid = person.id;
        let c = annotate_all(
            e.project(),
            &occ[..1],
            "person",
            EntityChoice::New(Box::new(person)),
            "me",
        )
        .expect("cmd");
        e.apply(c).expect("first");
        let c = annotate_all(
            e.project(),
            &occ,
            "person",
            EntityChoice::Existing(pid),
            "me",
        )
        .expect("cmd");
        e.apply(c).expect("all");
        assert_eq!(
            e.project().mentions(pid).len(),
            4,
            "the first one is not duplicated"
        );
        assert_eq!(e.project().documents()[0].annotations().len(), 4);
        e.undo().expect("undo");
        assert_eq!(e.project().mentions(pid).len(), 1, "one undo step");
    }

    #[test]
    fn merge_moves_mentions_aliases_and_relations_and_undoes_in_one_step() {
        let (mut e, doc) = setup();
        let a = Entity::new("person", "Maryam Rajavi");
        let b = Entity::new("person", "Mrs. Rajavi");
        let (aid, bid) = (a.id, b.id);
        let occ = occurrences(&e, doc, "Rajavi");
        let c = annotate_all(
            e.project(),
            &occ[..2],
            "person",
            EntityChoice::New(Box::new(a)),
            "me",
        )
        .expect("a");
        e.apply(c).expect("a");
        let c = annotate_all(
            e.project(),
            &occ[2..],
            "person",
            EntityChoice::New(Box::new(b)),
            "me",
        )
        .expect("b");
        e.apply(c).expect("b");
        let claim_occ = occurrences(&e, doc, "Raisi denied it");
        let c = annotate_all(e.project(), &claim_occ, "claim", EntityChoice::None, "me")
            .expect("claim");
        e.apply(c).expect("claim");
        let claim = e.project().documents()[0]
            .annotations()
            .iter()
            .find(|x| x.tag == "claim")
            .expect("claim")
            .id;
        e.apply(
            add_relation(
                e.project(),
                "about",
                Target::Annotation(claim),
                Target::Entity(bid),
            )
            .expect("rel"),
        )
        .expect("rel");
        let before = e.project().clone();

        e.apply(merge_entities(e.project(), aid, bid).expect("merge"))
            .expect("merge");
        let p = e.project();
        assert!(p.entity(bid).is_none());
        assert_eq!(p.mentions(aid).len(), 4);
        assert_eq!(
            p.entity(aid).map(|x| x.aliases.clone()),
            Some(vec!["Mrs. Rajavi".to_owned()])
        );
        assert!(p.relations().iter().all(|r| r.to == Target::Entity(aid)));
        assert!(p.validate().is_ok());
        e.undo().expect("undo");
        assert_eq!(e.project(), &before, "merge undoes in one step");
    }

    #[test]
    fn reshaping_keeps_the_annotation_and_its_links_and_undoes_exactly() {
        let (mut e, doc) = setup();
        let occ = occurrences(&e, doc, "Rajavi");
        let a = Entity::new("person", "Maryam Rajavi");
        let aid = a.id;
        e.apply(
            annotate_all(
                e.project(),
                &occ[..1],
                "person",
                EntityChoice::New(Box::new(a)),
                "me",
            )
            .expect("c"),
        )
        .expect("c");
        let before = e.project().clone();
        let id = e.project().documents()[0].annotations()[0].id;
        // "Rajavi" (7..13) widened to "Maryam Rajavi" (0..13).
        e.apply(reshape(e.project(), doc, id, &[(0, 13)]).expect("reshape"))
            .expect("applies");
        let a = e.project().documents()[0].annotation(id).expect("same id");
        assert_eq!((a.start, a.end, a.quote.as_str()), (0, 13, "Maryam Rajavi"));
        assert_eq!(a.entity, Some(aid));
        // A fragment added through add_fragment joins an overlapping range and
        // adds a separate one; undo gives the single range back.
        let one = e.project().documents()[0]
            .annotation(id)
            .expect("annotation")
            .clone();
        let c = add_fragment(e.project(), doc, id, (one.end - 2, one.end + 1)).expect("joined");
        e.apply(c).expect("apply");
        let joined = e.project().documents()[0]
            .annotation(id)
            .expect("a")
            .clone();
        assert_eq!(
            (joined.start, joined.end, joined.fragments.len()),
            (one.start, one.end + 1, 0)
        );
        e.undo().expect("undo");
        assert_eq!(e.project().documents()[0].annotation(id), Some(&one));
        // A fragment added: "Maryam Rajavi … Rajavi".
        e.apply(add_fragment(e.project(), doc, id, (21, 27)).expect("fragment"))
            .expect("applies");
        let a = e.project().documents()[0].annotation(id).expect("same id");
        assert_eq!(a.quote, "Maryam Rajavi … Rajavi");
        assert!(e.project().validate().is_ok());
        e.undo().expect("undo");
        e.undo().expect("undo");
        assert_eq!(e.project(), &before);
        assert_eq!(
            reshape(e.project(), doc, id, &[(7, 13)]),
            Err(CommandError::Empty),
            "the same ranges change nothing"
        );
    }

    #[test]
    fn split_and_speaker() {
        let (mut e, doc) = setup();
        let a = Entity::new("person", "Maryam Rajavi");
        let aid = a.id;
        let occ = occurrences(&e, doc, "Rajavi");
        e.apply(
            annotate_all(
                e.project(),
                &occ,
                "person",
                EntityChoice::New(Box::new(a)),
                "me",
            )
            .expect("c"),
        )
        .expect("c");
        let m = e.project().mentions(aid)[3];
        let (c, new_id) = split_mention(e.project(), m.0, m.1, None).expect("split");
        e.apply(c).expect("split");
        assert_eq!(e.project().mentions(aid).len(), 3);
        assert_eq!(
            e.project().entity(new_id).map(|x| x.name.as_str()),
            Some("Rajavi")
        );
        let claim_occ = occurrences(&e, doc, "Raisi denied it");
        e.apply(
            annotate_all(e.project(), &claim_occ, "claim", EntityChoice::None, "me").expect("c"),
        )
        .expect("c");
        let claim = e.project().documents()[0]
            .annotations()
            .iter()
            .find(|x| x.tag == "claim")
            .expect("claim")
            .id;
        e.apply(set_speakers(e.project(), claim, &[Target::Entity(aid)]).expect("s"))
            .expect("s");
        let joint = [Target::Entity(aid), Target::Entity(new_id)];
        e.apply(set_speakers(e.project(), claim, &joint).expect("s"))
            .expect("s");
        assert_eq!(speakers(e.project(), claim), joint, "a joint statement");
        assert_eq!(
            set_speakers(e.project(), claim, &joint),
            Err(CommandError::Empty),
            "setting the same speakers changes nothing"
        );
        e.apply(set_speakers(e.project(), claim, &[Target::Document(doc)]).expect("s"))
            .expect("s");
        assert_eq!(speakers(e.project(), claim), vec![Target::Document(doc)]);
        e.undo().expect("undo");
        assert_eq!(speakers(e.project(), claim), joint, "one undo step");
        assert_eq!(clean_name(" Noury’s, "), "Noury");
    }
}
