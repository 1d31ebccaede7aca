//! The field-by-field merge of each kind of object, and what counts as a change.

use super::three::{Fields, merge_set};
use crate::model::{Annotation, Entity, Field, Relation, RelationKind, SourceMeta, TagDef};

/// An object merged from both sides, with the fields they changed differently.
pub(super) struct Merged<T> {
    pub(super) value: T,
    pub(super) conflicts: Vec<Field>,
}

/// An annotation's stamps: who made it and when, who changed it last and when.
type AnnotationStamps = (
    chrono::DateTime<chrono::Utc>,
    String,
    String,
    chrono::DateTime<chrono::Utc>,
);

fn annotation_stamps(a: &Annotation) -> AnnotationStamps {
    (
        a.modified,
        a.modified_by.clone(),
        a.author.clone(),
        a.created,
    )
}

/// Merges two versions of an annotation field by field: tag, span (ranges, quote and
/// context together), note, entity link and status.
pub(super) fn annotation(
    base: Option<&Annotation>,
    ours: &Annotation,
    theirs: &Annotation,
) -> Merged<Annotation> {
    if ours == theirs {
        return whole(ours);
    }
    let mut f = Fields::new(base, ours, theirs);
    f.field(Field::Tag, |a| &a.tag, |a, v| a.tag = v);
    f.field_by(
        Field::Span,
        |a| (a.start, a.end, a.fragments.clone()),
        |a, w| {
            a.start = w.start;
            a.end = w.end;
            a.fragments.clone_from(&w.fragments);
            a.quote.clone_from(&w.quote);
            a.prefix.clone_from(&w.prefix);
            a.suffix.clone_from(&w.suffix);
        },
    );
    f.field(Field::Note, |a| &a.note, |a, v| a.note = v);
    f.field(Field::Entity, |a| &a.entity, |a, v| a.entity = v);
    f.field(Field::Status, |a| &a.status, |a, v| a.status = v);
    let (modified, modified_by, author, created) = f.stamps(annotation_stamps);
    let mut out = f.out;
    out.modified = modified;
    out.modified_by = modified_by;
    out.author = author;
    out.created = created;
    Merged {
        value: out,
        conflicts: f.conflicts,
    }
}

/// Merges two versions of an entity: each field three-way, aliases as a set.
pub(super) fn entity(base: Option<&Entity>, ours: &Entity, theirs: &Entity) -> Merged<Entity> {
    if ours == theirs {
        return whole(ours);
    }
    let mut f = Fields::new(base, ours, theirs);
    f.field(Field::Kind, |e| &e.kind, |e, v| e.kind = v);
    f.field(Field::Name, |e| &e.name, |e, v| e.name = v);
    f.field(Field::Note, |e| &e.note, |e, v| e.note = v);
    f.field(Field::Role, |e| &e.role, |e, v| e.role = v);
    f.field(Field::Date, |e| &e.date, |e, v| e.date = v);
    f.field(Field::DateIso, |e| &e.date_iso, |e, v| e.date_iso = v);
    f.field(Field::Place, |e| &e.place, |e, v| e.place = v);
    // Aliases merge as a set, never in conflict: each side's change is in.
    let base_aliases = base.map_or(&[][..], |b| &b.aliases);
    f.ours_in |= ours.aliases != base_aliases;
    f.theirs_in |= theirs.aliases != base_aliases;
    let (modified, author) = f.stamps(|e| (e.modified, e.author.clone()));
    let mut out = f.out;
    out.aliases = merge_set(base_aliases, &ours.aliases, &theirs.aliases);
    out.modified = modified;
    out.author = author;
    Merged {
        value: out,
        conflicts: f.conflicts,
    }
}

/// Merges two versions of a relation: kind, ends (a retarget on one side wins over
/// no change) and note.
pub(super) fn relation(
    base: Option<&Relation>,
    ours: &Relation,
    theirs: &Relation,
) -> Merged<Relation> {
    if ours == theirs {
        return whole(ours);
    }
    let mut f = Fields::new(base, ours, theirs);
    f.field(Field::Kind, |r| &r.kind, |r, v| r.kind = v);
    f.field(Field::From, |r| &r.from, |r, v| r.from = v);
    f.field(Field::To, |r| &r.to, |r, v| r.to = v);
    f.field(Field::Note, |r| &r.note, |r, v| r.note = v);
    let (modified, author) = f.stamps(|r| (r.modified, r.author.clone()));
    let mut out = f.out;
    out.modified = modified;
    out.author = author;
    Merged {
        value: out,
        conflicts: f.conflicts,
    }
}

/// A document's own fields (its text and annotations are merged apart).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Head {
    pub(super) title: String,
    pub(super) source: SourceMeta,
}

/// Merges two versions of a document's title and source.
pub(super) fn head(base: Option<&Head>, ours: &Head, theirs: &Head) -> Merged<Head> {
    let mut f = Fields::new(base, ours, theirs);
    f.field(Field::Title, |h| &h.title, |h, v| h.title = v);
    f.field(Field::Source, |h| &h.source, |h, v| h.source = v);
    Merged {
        value: f.out,
        conflicts: f.conflicts,
    }
}

/// Merges two versions of a tag definition field by field.
pub(super) fn tag(base: Option<&TagDef>, ours: &TagDef, theirs: &TagDef) -> Merged<TagDef> {
    let mut f = Fields::new(base, ours, theirs);
    f.field(Field::Label, |t| &t.label, |t, v| t.label = v);
    f.field(Field::Color, |t| &t.color, |t, v| t.color = v);
    f.field(Field::Shortcut, |t| &t.shortcut, |t, v| t.shortcut = v);
    f.field(Field::Kind, |t| &t.kind, |t, v| t.kind = v);
    f.field(Field::Role, |t| &t.role, |t, v| t.role = v);
    Merged {
        value: f.out,
        conflicts: f.conflicts,
    }
}

/// Merges two versions of a relation kind.
pub(super) fn relation_kind(
    base: Option<&RelationKind>,
    ours: &RelationKind,
    theirs: &RelationKind,
) -> Merged<RelationKind> {
    let mut f = Fields::new(base, ours, theirs);
    f.field(Field::Label, |k| &k.label, |k, v| k.label = v);
    f.field(Field::Role, |k| &k.role, |k, v| k.role = v);
    Merged {
        value: f.out,
        conflicts: f.conflicts,
    }
}

fn whole<T: Clone>(v: &T) -> Merged<T> {
    Merged {
        value: v.clone(),
        conflicts: Vec::new(),
    }
}
