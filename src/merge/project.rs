//! The three-way merge of whole projects.
//!
//! Objects are matched by id. In dependency order — entities, documents, their
//! annotations, relations, then the tag set — each object's three versions give its
//! fate: kept (merged field by field), deleted, redirected (an entity one side merged
//! into another), or kept with a conflict. A deletion on one side stands unless the
//! other side changed the object or still uses it (a new mention, a new relation);
//! then the changed version stays, with a deletion conflict, and what the deleting
//! side removed with it (mentions unlinked, relations dropped) stays too, so that
//! "keep mine" is exactly the deletion and "take theirs" nothing at all. Whatever is
//! deleted takes along what the other side did not newly attach to it, as the
//! deleting command would have.

use super::index::{Indexed, NewReferences};
use super::objects::{self, Head};
use super::three::{order, pick};
use crate::model::{
    Annotation, AnnotationId, Conflict, Document, DocumentId, Entity, EntityId, Field, IdMap,
    Project, ProjectId, Relation, RelationId, RelationKind, Subject, TagDef, TagSet, Target,
    Version,
};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// Which side of a merge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Ours,
    Theirs,
}

/// What becomes of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DocPlan {
    /// Both sides have it with the same text: merge its annotations one by one.
    Merge,
    /// One side's version whole (added there; or kept against the other's deletion;
    /// or the side that changed the text while the other did not touch it).
    Whole(Side),
    /// Texts differ and both sides changed it: ours in place, theirs as a copy.
    Both,
}

/// The merge's working state.
struct Cx<'p> {
    b: Indexed<'p>,
    o: Indexed<'p>,
    t: Indexed<'p>,
    new_o: NewReferences,
    new_t: NewReferences,
    /// Merged entities by id.
    entities: IdMap<EntityId, Entity>,
    /// Entities whose references go to another entity (merged into it on one side,
    /// or the same entity added by both sides).
    entity_to: IdMap<EntityId, EntityId>,
    /// Entities one side deleted that the merge keeps.
    entities_kept: HashSet<EntityId>,
    /// Merged annotations by id, with their document.
    annotations: IdMap<AnnotationId, DocumentId>,
    /// Annotations whose references go to another (the same span added by both).
    annotation_to: IdMap<AnnotationId, AnnotationId>,
    /// Documents in the merge, by id.
    documents: IdMap<DocumentId, Document>,
    /// New conflicts, in the order found.
    conflicts: Vec<Conflict>,
}

/// Merges `ours` and `theirs`, two descendants of `base`; returns the merged project
/// (not yet validated) and how many new conflicts it records.
pub(super) fn merge(base: &Project, ours: &Project, theirs: &Project) -> (Project, usize) {
    // The three indexes, then what each side newly references, side by side.
    let (b, o, t) = std::thread::scope(|s| {
        let o = s.spawn(|| Indexed::new(ours));
        let t = s.spawn(|| Indexed::new(theirs));
        let b = Indexed::new(base);
        (b, joined(o), joined(t))
    });
    let (new_o, new_t) = std::thread::scope(|s| {
        let new_o = s.spawn(|| NewReferences::of(&o, &b));
        let new_t = NewReferences::of(&t, &b);
        (joined(new_o), new_t)
    });
    let mut cx = Cx {
        b,
        o,
        t,
        new_o,
        new_t,
        entities: IdMap::default(),
        entity_to: IdMap::default(),
        entities_kept: HashSet::new(),
        annotations: IdMap::default(),
        annotation_to: IdMap::default(),
        documents: IdMap::default(),
        conflicts: Vec::new(),
    };
    cx.entities();
    let plans = cx.documents();
    let copies = cx.annotations(&plans);
    let relations = cx.relations(&copies);
    let (tags, relation_kinds) = cx.tags(&relations);

    let name = match pick(Some(&base.name), &ours.name, &theirs.name) {
        Some(n) => n.clone(),
        None => {
            cx.conflicts.push(Conflict {
                subject: Subject::Project,
                fields: vec![Field::Name],
                base: Some(Version::Project {
                    name: base.name.clone(),
                }),
                ours: Some(Version::Project {
                    name: ours.name.clone(),
                }),
                theirs: Some(Version::Project {
                    name: theirs.name.clone(),
                }),
                copy: None,
            });
            base.name.clone()
        }
    };
    let id: ProjectId = *pick(Some(&base.id), &ours.id, &theirs.id).unwrap_or(&ours.id);

    let doc_order = cx.document_order(&copies);
    let entity_order = order(
        &ids(base.entities(), |e| e.id),
        &ids(ours.entities(), |e| e.id),
        &ids(theirs.entities(), |e| e.id),
        &|id| cx.entities.contains_key(id),
    );
    let entities: Vec<Entity> = entity_order
        .into_iter()
        .filter_map(|id| cx.entities.remove(&id))
        .collect();
    let documents: Vec<Document> = doc_order
        .into_iter()
        .filter_map(|id| cx.documents.remove(&id))
        .collect();
    let mut new = std::mem::take(&mut cx.conflicts);
    new.sort_by(|a, b| a.subject.cmp(&b.subject));
    let added = new.len();
    let mut conflicts = earlier_conflicts(base, ours, theirs);
    conflicts.extend(new);
    let project = Project::from_parts(
        id,
        name,
        TagSet { tags },
        relation_kinds,
        documents,
        entities,
        relations,
    )
    .with_conflicts(conflicts);
    (project, added)
}

/// What a scoped thread returned (a panic in it is a bug: raised here as itself).
fn joined<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn ids<T, K>(items: &[T], id: impl Fn(&T) -> K) -> Vec<K> {
    items.iter().map(id).collect()
}

/// Conflict records the inputs already held: those both sides kept, and those either
/// added (resolving one on either side resolves it).
fn earlier_conflicts(base: &Project, ours: &Project, theirs: &Project) -> Vec<Conflict> {
    let (b, o, t) = (base.conflicts(), ours.conflicts(), theirs.conflicts());
    let mut out: Vec<Conflict> = b
        .iter()
        .filter(|c| o.contains(c) && t.contains(c))
        .cloned()
        .collect();
    let mut added: Vec<&Conflict> = o.iter().chain(t).filter(|c| !b.contains(c)).collect();
    added.sort_by(|a, b| a.subject.cmp(&b.subject));
    for c in added {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

/// A deterministic id for the copy of something: the same inputs always give the
/// same copy, so merging is repeatable.
fn derived(id: uuid::Uuid, salt: &[u8]) -> uuid::Uuid {
    let mut bytes = id.as_bytes().to_vec();
    bytes.extend_from_slice(salt);
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes).to_le_bytes();
    uuid::Builder::from_custom_bytes(hash).into_uuid()
}

impl<'p> Cx<'p> {
    fn side(&self, s: Side) -> &Indexed<'p> {
        match s {
            Side::Ours => &self.o,
            Side::Theirs => &self.t,
        }
    }

    fn new_refs(&self, s: Side) -> &NewReferences {
        match s {
            Side::Ours => &self.new_o,
            Side::Theirs => &self.new_t,
        }
    }

    /// Records a deletion conflict (see [`deletion_record`]).
    fn deletion_conflict(
        &mut self,
        subject: Subject,
        deleted_by: Side,
        base: Option<Version>,
        kept: Version,
    ) {
        self.conflicts
            .push(deletion_record(subject, deleted_by, base, kept));
    }

    // --- Entities -------------------------------------------------------------

    fn entities(&mut self) {
        let mut all: Vec<EntityId> = Vec::new();
        let mut seen = HashSet::new();
        for p in [self.b.p, self.o.p, self.t.p] {
            for e in p.entities() {
                if seen.insert(e.id) {
                    all.push(e.id);
                }
            }
        }
        // Entities one side deleted but the other still uses: kept, or redirected to
        // what the deleting side merged them into. Decided after the loop, when it is
        // known which entities survive.
        let mut used_after_deletion: Vec<(EntityId, Side)> = Vec::new();
        for id in all {
            let (b, o, t) = (self.b.entity(id), self.o.entity(id), self.t.entity(id));
            match (b, o, t) {
                (_, Some(o), Some(t)) => {
                    let m = objects::entity(b, o, t);
                    if !m.conflicts.is_empty() {
                        self.conflicts.push(Conflict {
                            subject: Subject::Entity(id),
                            fields: m.conflicts,
                            base: b.cloned().map(Version::Entity),
                            ours: Some(Version::Entity(o.clone())),
                            theirs: Some(Version::Entity(t.clone())),
                            copy: None,
                        });
                    }
                    self.entities.insert(id, m.value);
                }
                (Some(b), None, Some(other)) | (Some(b), Some(other), None) => {
                    let deleter = if o.is_none() {
                        Side::Ours
                    } else {
                        Side::Theirs
                    };
                    let keeper = other_side(deleter);
                    if !b.same_content(other) {
                        self.keep_entity(id, deleter, b, other);
                    } else if self.new_refs(keeper).entities.contains(&id) {
                        used_after_deletion.push((id, deleter));
                    }
                }
                (None, Some(e), None) | (None, None, Some(e)) => {
                    self.entities.insert(id, e.clone());
                }
                (Some(_), None, None) | (None, None, None) => {}
            }
        }
        self.same_entities_added();
        for (id, deleter) in used_after_deletion {
            let target = self.merged_into(deleter, id).filter(|y| {
                let y = self.entity_to.get(y).copied().unwrap_or(*y);
                self.entities.contains_key(&y)
            });
            match target {
                Some(y) => {
                    self.entity_to.insert(id, y);
                }
                None => {
                    let keeper = self.side(other_side(deleter));
                    if let (Some(b), Some(other)) = (self.b.entity(id), keeper.entity(id)) {
                        let (b, other) = (b.clone(), other.clone());
                        self.keep_entity(id, deleter, &b, &other);
                    }
                }
            }
        }
        // Chains (merged into one that was merged again) end at a kept entity.
        let keys: Vec<EntityId> = self.entity_to.keys().copied().collect();
        for id in keys {
            let mut to = id;
            for _ in 0..16 {
                match self.entity_to.get(&to) {
                    Some(&next) if next != to => to = next,
                    _ => break,
                }
            }
            self.entity_to.insert(id, to);
        }
    }

    fn keep_entity(&mut self, id: EntityId, deleter: Side, base: &Entity, other: &Entity) {
        self.deletion_conflict(
            Subject::Entity(id),
            deleter,
            Some(Version::Entity(base.clone())),
            Version::Entity(other.clone()),
        );
        self.entities.insert(id, other.clone());
        self.entities_kept.insert(id);
    }

    /// The entity `deleter` merged `id` into: the one its surviving mentions of `id`
    /// all link to now, or else the one of the same kind that took its name as an
    /// alias.
    fn merged_into(&self, deleter: Side, id: EntityId) -> Option<EntityId> {
        let side = self.side(deleter);
        let old = self.b.entity(id)?;
        let mut linked: Option<EntityId> = None;
        let mut consistent = true;
        for d in self.b.p.documents() {
            for a in d.annotations().iter().filter(|a| a.entity == Some(id)) {
                let Some(now) = side.annotation(a.id) else {
                    continue;
                };
                match (now.entity, linked) {
                    (Some(e), None) => linked = Some(e),
                    (Some(e), Some(l)) if e == l => {}
                    _ => consistent = false,
                }
            }
        }
        if consistent
            && let Some(y) = linked
            && side.entity(y).is_some_and(|e| e.kind == old.kind)
        {
            return Some(y);
        }
        let named = |e: &Entity| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| n.eq_ignore_ascii_case(&old.name))
        };
        let mut candidates = side.p.entities().iter().filter(|e| {
            e.id != id
                && e.kind == old.kind
                && named(e)
                && self.b.entity(e.id).is_none_or(|before| !named(before))
        });
        match (candidates.next(), candidates.next()) {
            (Some(y), None) => Some(y.id),
            _ => None,
        }
    }

    /// The same entity added by both sides (same kind, name and details, different
    /// ids) becomes one: the smaller id, with the aliases of both.
    fn same_entities_added(&mut self) {
        type Key<'a> = (
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            &'a str,
            &'a Option<String>,
            &'a str,
        );
        let key = |e: &'p Entity| -> Key<'p> {
            (
                &e.kind,
                &e.name,
                &e.note,
                &e.role,
                &e.date,
                &e.date_iso,
                &e.place,
            )
        };
        let added =
            |side: &Indexed<'p>, other: &Indexed<'p>| -> HashMap<Key<'p>, Vec<&'p Entity>> {
                let mut m: HashMap<Key<'p>, Vec<&'p Entity>> = HashMap::new();
                for e in side.p.entities() {
                    if self.b.entity(e.id).is_none() && other.entity(e.id).is_none() {
                        m.entry(key(e)).or_default().push(e);
                    }
                }
                m
            };
        let ours = added(&self.o, &self.t);
        let theirs = added(&self.t, &self.o);
        let mut pairs: Vec<(&Entity, &Entity)> = Vec::new();
        for (k, o) in &ours {
            if let ([o], Some([t])) = (o.as_slice(), theirs.get(k).map(Vec::as_slice)) {
                pairs.push((o, t));
            }
        }
        for (o, t) in pairs {
            let (keep, drop) = if o.id < t.id { (o, t) } else { (t, o) };
            let mut merged = keep.clone();
            merged.aliases = super::three::merge_set(&[], &o.aliases, &t.aliases);
            if (drop.modified, &drop.author) > (keep.modified, &keep.author) {
                merged.modified = drop.modified;
                merged.author.clone_from(&drop.author);
            }
            self.entities.remove(&drop.id);
            self.entities.insert(keep.id, merged);
            self.entity_to.insert(drop.id, keep.id);
        }
    }

    /// Where a reference to entity `id` goes in the merge (`None`: it is gone).
    fn entity_ref(&self, id: EntityId) -> Option<EntityId> {
        let to = self.entity_to.get(&id).copied().unwrap_or(id);
        self.entities.contains_key(&to).then_some(to)
    }

    // --- Documents ------------------------------------------------------------

    fn documents(&mut self) -> Vec<(DocumentId, DocPlan)> {
        let mut plans = Vec::new();
        let mut seen = HashSet::new();
        for p in [self.b.p, self.o.p, self.t.p] {
            for d in p.documents() {
                if !seen.insert(d.id) {
                    continue;
                }
                let id = d.id;
                let (b, o, t) = (
                    self.b.docs.get(&id).copied(),
                    self.o.docs.get(&id).copied(),
                    self.t.docs.get(&id).copied(),
                );
                let plan = match (b, o, t) {
                    (_, Some(o), Some(t)) if o.text() == t.text() => Some(DocPlan::Merge),
                    (b, Some(o), Some(t)) => Some(self.text_plan(b, o, t)),
                    (Some(b), None, Some(_)) | (Some(b), Some(_), None) => {
                        let deleter = if o.is_none() {
                            Side::Ours
                        } else {
                            Side::Theirs
                        };
                        let keeper = other_side(deleter);
                        if self.touched(keeper, b) {
                            let kept = self.side(keeper).docs[&id];
                            self.deletion_conflict(
                                Subject::Document(id),
                                deleter,
                                Some(head_version(b)),
                                head_version(kept),
                            );
                            Some(DocPlan::Whole(keeper))
                        } else {
                            None
                        }
                    }
                    (None, Some(_), None) => Some(DocPlan::Whole(Side::Ours)),
                    (None, None, Some(_)) => Some(DocPlan::Whole(Side::Theirs)),
                    (Some(_), None, None) | (None, None, None) => None,
                };
                if let Some(plan) = plan {
                    plans.push((id, plan));
                }
            }
        }
        plans
    }

    /// Whether `side` changed document `base` in any way, or points to it or its
    /// annotations from a new relation.
    fn touched(&self, side: Side, base: &Document) -> bool {
        let s = self.side(side);
        let refs = self.new_refs(side);
        let Some(now) = s.docs.get(&base.id) else {
            return false;
        };
        now != &base
            || refs.documents.contains(&base.id)
            || refs.annotations.iter().any(|a| {
                s.anns.get(a).is_some_and(|(d, _)| *d == base.id)
                    || self.b.anns.get(a).is_some_and(|(d, _)| *d == base.id)
            })
    }

    /// Both sides have the document with different texts: one side's version whole
    /// when the other left it exactly as it was; else both versions.
    fn text_plan(&mut self, b: Option<&Document>, o: &Document, t: &Document) -> DocPlan {
        if b.is_some_and(|b| b == o) {
            return DocPlan::Whole(Side::Theirs);
        }
        if b.is_some_and(|b| b == t) {
            return DocPlan::Whole(Side::Ours);
        }
        DocPlan::Both
    }

    // --- Annotations ----------------------------------------------------------

    /// Merges every document's annotations and builds the documents. Returns the
    /// copies made of documents whose text differs: (original, copy, the copy's
    /// annotation ids by their ids in their side).
    fn annotations(&mut self, plans: &[(DocumentId, DocPlan)]) -> Vec<DocCopy> {
        let mut copies = Vec::new();
        for &(id, plan) in plans {
            let (list, head) = match plan {
                DocPlan::Merge => self.merge_document(id),
                DocPlan::Whole(side) => self.whole_document(id, side),
                DocPlan::Both => {
                    let (list, head) = self.whole_document(id, Side::Ours);
                    copies.push(self.copy_of_theirs(id));
                    (list, head)
                }
            };
            let text = match plan {
                DocPlan::Whole(Side::Theirs) => self.t.docs[&id].text(),
                _ => self
                    .o
                    .docs
                    .get(&id)
                    .or_else(|| self.t.docs.get(&id))
                    .map_or("", |d| d.text()),
            };
            for a in &list {
                self.annotations.insert(a.id, id);
            }
            self.documents.insert(
                id,
                Document::with_annotations(id, head.title, head.source, text.to_owned(), list),
            );
        }
        copies
    }

    fn whole_document(&mut self, id: DocumentId, side: Side) -> (Vec<Annotation>, Head) {
        let d = self.side(side).docs[&id];
        let list = d
            .annotations()
            .iter()
            .map(|a| self.fix(a.clone()))
            .collect();
        (list, head_of(d))
    }

    /// Their version of a document whose text both sides changed, as a new document
    /// with ids derived from theirs, and the conflict that says so.
    fn copy_of_theirs(&mut self, id: DocumentId) -> DocCopy {
        let t = self.t.docs[&id];
        let copy_id = DocumentId(derived(id.0, b"their version"));
        let mut ids = IdMap::default();
        let list: Vec<Annotation> = t
            .annotations()
            .iter()
            .map(|a| {
                let new = AnnotationId(derived(a.id.0, b"their version"));
                ids.insert(a.id, new);
                self.fix(Annotation {
                    id: new,
                    ..a.clone()
                })
            })
            .collect();
        for a in &list {
            self.annotations.insert(a.id, copy_id);
        }
        let title = format!("{} (their version)", t.title);
        self.documents.insert(
            copy_id,
            Document::with_annotations(copy_id, title, t.source.clone(), t.text().to_owned(), list),
        );
        self.conflicts.push(Conflict {
            subject: Subject::Document(id),
            fields: vec![Field::Text],
            base: self.b.docs.get(&id).map(|d| head_version(d)),
            ours: Some(head_version(self.o.docs[&id])),
            theirs: Some(head_version(t)),
            copy: Some(copy_id),
        });
        DocCopy {
            original: id,
            copy: copy_id,
            ids,
        }
    }

    /// Merges a document both sides have with the same text: its title and source,
    /// then each annotation by id.
    fn merge_document(&mut self, id: DocumentId) -> (Vec<Annotation>, Head) {
        let (b, o, t) = (
            self.b.docs.get(&id).copied(),
            self.o.docs[&id],
            self.t.docs[&id],
        );
        let bh = b.map(head_of);
        let h = objects::head(bh.as_ref(), &head_of(o), &head_of(t));
        if !h.conflicts.is_empty() {
            self.conflicts.push(Conflict {
                subject: Subject::Document(id),
                fields: h.conflicts,
                base: b.map(head_version),
                ours: Some(head_version(o)),
                theirs: Some(head_version(t)),
                copy: None,
            });
        }
        // Each annotation's three versions decide its fate on their own: in
        // parallel, then gathered in order.
        let ours: Vec<&'p Annotation> = o.annotations().iter().collect();
        let theirs_only: Vec<&'p Annotation> = t
            .annotations()
            .iter()
            .filter(|a| self.in_doc(&self.o, a.id, id).is_none())
            .collect();
        let from_ours = crate::par::map(&ours, ANNOTATIONS_PER_THREAD, |a| {
            let vb = self.in_doc(&self.b, a.id, id);
            let vt = self.in_doc(&self.t, a.id, id);
            let added = vb.is_none() && vt.is_none();
            (self.annotation(id, vb, Some(a), vt), added)
        });
        let from_theirs = crate::par::map(&theirs_only, ANNOTATIONS_PER_THREAD, |a| {
            let vb = self.in_doc(&self.b, a.id, id);
            (self.annotation(id, vb, None, Some(a)), vb.is_none())
        });
        let mut out = Vec::with_capacity(ours.len() + theirs_only.len());
        // Added by both sides: (span, tag, entity, status, note) → id, to fold twins.
        let mut added_ours: HashMap<TwinKey, AnnotationId> = HashMap::new();
        let mut added_theirs: Vec<usize> = Vec::new();
        for (side, ((merged, conflict), added)) in from_ours
            .into_iter()
            .map(|r| (Side::Ours, r))
            .chain(from_theirs.into_iter().map(|r| (Side::Theirs, r)))
        {
            if let Some(c) = conflict {
                self.conflicts.push(c);
            }
            let Some(m) = merged else { continue };
            if added {
                match side {
                    Side::Ours => {
                        added_ours.insert(twin_key(&m), m.id);
                    }
                    Side::Theirs => added_theirs.push(out.len()),
                }
            }
            out.push(m);
        }
        // Twins: the same span with the same tag, entity, status and note, added by
        // both sides under different ids, is one annotation.
        let mut dropped = HashSet::new();
        for i in added_theirs {
            let a = &out[i];
            let Some(&twin) = added_ours.get(&twin_key(a)) else {
                continue;
            };
            let (keep, drop) = if twin < a.id {
                (twin, a.id)
            } else {
                (a.id, twin)
            };
            self.annotation_to.insert(drop, keep);
            dropped.insert(drop);
            added_ours.remove(&twin_key(a));
        }
        if !dropped.is_empty() {
            out.retain(|a| !dropped.contains(&a.id));
        }
        (out, h.value)
    }

    fn in_doc(
        &self,
        side: &Indexed<'p>,
        id: AnnotationId,
        doc: DocumentId,
    ) -> Option<&'p Annotation> {
        side.anns
            .get(&id)
            .filter(|(d, _)| *d == doc)
            .map(|(_, a)| *a)
    }

    /// The merged annotation of three versions (`None`: deleted), and the conflict
    /// it records, if any.
    fn annotation(
        &self,
        doc: DocumentId,
        b: Option<&'p Annotation>,
        o: Option<&'p Annotation>,
        t: Option<&'p Annotation>,
    ) -> (Option<Annotation>, Option<Conflict>) {
        let o = o.map(|o| self.effective(Side::Ours, b, o));
        let t = t.map(|t| self.effective(Side::Theirs, b, t));
        match (b, o, t) {
            (_, Some(o), Some(t)) => {
                if Some(o.as_ref()) == b {
                    return (Some(self.fix(t.into_owned())), None);
                }
                if Some(t.as_ref()) == b {
                    return (Some(self.fix(o.into_owned())), None);
                }
                let m = objects::annotation(b, &o, &t);
                let conflict = (!m.conflicts.is_empty()).then(|| {
                    let version = |a: &Annotation| Version::Annotation {
                        doc,
                        annotation: a.clone(),
                    };
                    Conflict {
                        subject: Subject::Annotation(m.value.id),
                        fields: m.conflicts,
                        base: b.map(version),
                        ours: Some(version(&o)),
                        theirs: Some(version(&t)),
                        copy: None,
                    }
                });
                (Some(self.fix(m.value)), conflict)
            }
            (Some(b), None, Some(t)) => self.deleted_annotation(doc, Side::Ours, b, t),
            (Some(b), Some(o), None) => self.deleted_annotation(doc, Side::Theirs, b, o),
            (None, Some(a), None) | (None, None, Some(a)) => (Some(self.fix(a.into_owned())), None),
            (Some(_), None, None) | (None, None, None) => (None, None),
        }
    }

    /// `other_side(deleter)` kept an annotation `deleter` deleted: it stays, with a
    /// conflict, if the keeper changed it or points to it from a new relation.
    fn deleted_annotation(
        &self,
        doc: DocumentId,
        deleter: Side,
        b: &Annotation,
        other: Cow<'p, Annotation>,
    ) -> (Option<Annotation>, Option<Conflict>) {
        let keeper = other_side(deleter);
        let used = self.new_refs(keeper).annotations.contains(&b.id);
        if b.same_content(&other) && !used {
            return (None, None);
        }
        let version = |a: &Annotation| Version::Annotation {
            doc,
            annotation: a.clone(),
        };
        let conflict = deletion_record(
            Subject::Annotation(b.id),
            deleter,
            Some(version(b)),
            version(&other),
        );
        (Some(self.fix(other.into_owned())), Some(conflict))
    }

    /// An annotation's entity link as the merge has it: to the entity it was merged
    /// into, or none when the entity is gone.
    fn fix(&self, mut a: Annotation) -> Annotation {
        if let Some(x) = a.entity {
            a.entity = self.entity_ref(x);
        }
        a
    }

    /// A side's annotation as the merge should see it: a mention its side unlinked
    /// only because that side deleted the entity, which the merge keeps, is still
    /// linked.
    fn effective(
        &self,
        side: Side,
        b: Option<&Annotation>,
        a: &'p Annotation,
    ) -> Cow<'p, Annotation> {
        if let Some(b) = b
            && let (Some(x), None) = (b.entity, a.entity)
            && self.side(side).entity(x).is_none()
            && self.entities_kept.contains(&x)
        {
            return Cow::Owned(Annotation {
                entity: Some(x),
                ..a.clone()
            });
        }
        Cow::Borrowed(a)
    }

    // --- Relations ------------------------------------------------------------

    /// Merges relations by id; ends follow entities merged into others, twins and
    /// copies; a relation whose end is gone goes too (as deleting that end would
    /// have taken it).
    fn relations(&mut self, copies: &[DocCopy]) -> Vec<Relation> {
        let copy_ids: IdMap<AnnotationId, AnnotationId> = copies
            .iter()
            .flat_map(|c| c.ids.iter().map(|(k, v)| (*k, *v)))
            .collect();
        let (b, o, t) = (self.b.p, self.o.p, self.t.p);
        let mut merged: IdMap<RelationId, Relation> = IdMap::default();
        let mut seen = HashSet::new();
        for p in [b, o, t] {
            for r in p.relations() {
                if !seen.insert(r.id) {
                    continue;
                }
                let vb = self.b.rels.get(&r.id).copied();
                let vo = self.relation_effective(Side::Ours, r.id, vb, &copy_ids);
                let vt = self.relation_effective(Side::Theirs, r.id, vb, &copy_ids);
                let (value, conflict) = match (vb, vo, vt) {
                    (_, Some(o), Some(t)) => {
                        let m = objects::relation(vb, o, t);
                        let conflict = (!m.conflicts.is_empty()).then(|| Conflict {
                            subject: Subject::Relation(r.id),
                            fields: m.conflicts,
                            base: vb.cloned().map(Version::Relation),
                            ours: Some(Version::Relation(o.clone())),
                            theirs: Some(Version::Relation(t.clone())),
                            copy: None,
                        });
                        (m.value, conflict)
                    }
                    (Some(b), None, Some(other)) | (Some(b), Some(other), None) => {
                        if b.same_content(other) {
                            continue;
                        }
                        let kept = Some(Version::Relation(other.clone()));
                        let (ours, theirs) = if vo.is_none() {
                            (None, kept)
                        } else {
                            (kept, None)
                        };
                        let conflict = Conflict {
                            subject: Subject::Relation(r.id),
                            fields: Vec::new(),
                            base: Some(Version::Relation(b.clone())),
                            ours,
                            theirs,
                            copy: None,
                        };
                        (other.clone(), Some(conflict))
                    }
                    (None, Some(r), None) | (None, None, Some(r)) => (r.clone(), None),
                    (Some(_), None, None) | (None, None, None) => continue,
                };
                let from_theirs_only = vo.is_none();
                let Some(value) = self.relation_ends(value, from_theirs_only, &copy_ids) else {
                    continue;
                };
                if let Some(c) = conflict {
                    self.conflicts.push(c);
                }
                merged.insert(value.id, value);
            }
        }
        self.drop_twin_relations(&mut merged);
        let kept = order(
            &ids(b.relations(), |r| r.id),
            &ids(o.relations(), |r| r.id),
            &ids(t.relations(), |r| r.id),
            &|id| merged.contains_key(id),
        );
        kept.into_iter()
            .filter_map(|id| merged.remove(&id))
            .collect()
    }

    /// A side's version of a relation as the merge should see it: one it dropped only
    /// because it deleted an end the merge keeps is still there.
    fn relation_effective(
        &self,
        side: Side,
        id: RelationId,
        base: Option<&'p Relation>,
        copy_ids: &IdMap<AnnotationId, AnnotationId>,
    ) -> Option<&'p Relation> {
        let s = self.side(side);
        if let Some(r) = s.rels.get(&id) {
            return Some(r);
        }
        let b = base?;
        let cascade = [b.from, b.to].into_iter().any(|e| !s.has(e));
        let ends_kept = [b.from, b.to]
            .into_iter()
            .all(|e| self.target(e, false, copy_ids) == Some(e));
        (cascade && ends_kept).then_some(b)
    }

    /// Where a relation end points in the merge (`None`: it is gone).
    fn target(
        &self,
        t: Target,
        from_theirs: bool,
        copy_ids: &IdMap<AnnotationId, AnnotationId>,
    ) -> Option<Target> {
        match t {
            Target::Entity(id) => self.entity_ref(id).map(Target::Entity),
            Target::Annotation(id) => {
                let id = self.annotation_to.get(&id).copied().unwrap_or(id);
                if self.annotations.contains_key(&id) {
                    Some(Target::Annotation(id))
                } else if from_theirs {
                    copy_ids.get(&id).map(|c| Target::Annotation(*c))
                } else {
                    None
                }
            }
            Target::Document(id) => self.documents.contains_key(&id).then_some(t),
        }
    }

    fn relation_ends(
        &self,
        mut r: Relation,
        from_theirs: bool,
        copy_ids: &IdMap<AnnotationId, AnnotationId>,
    ) -> Option<Relation> {
        r.from = self.target(r.from, from_theirs, copy_ids)?;
        r.to = self.target(r.to, from_theirs, copy_ids)?;
        Some(r)
    }

    /// The same link (kind, ends and note) made on both sides — added by both, or
    /// made the same by an entity merge — is kept once: the base's, else the
    /// smaller id. Links one side itself holds twice stay as they are.
    fn drop_twin_relations(&self, merged: &mut IdMap<RelationId, Relation>) {
        let mut by_link: HashMap<(&str, Target, Target, &str), Vec<RelationId>> = HashMap::new();
        for r in merged.values() {
            by_link
                .entry((r.kind.as_str(), r.from, r.to, r.note.as_str()))
                .or_default()
                .push(r.id);
        }
        // The side that alone added a relation, if one did.
        let added_by = |id: &RelationId| -> Option<&Indexed<'p>> {
            if self.b.rels.contains_key(id) {
                return None;
            }
            match (self.o.rels.contains_key(id), self.t.rels.contains_key(id)) {
                (true, false) => Some(&self.o),
                (false, true) => Some(&self.t),
                _ => None,
            }
        };
        let mut drop = Vec::new();
        for mut group in by_link.into_values().filter(|g| g.len() > 1) {
            group.sort_by_key(|id| (!self.b.rels.contains_key(id), *id));
            let mut kept: Vec<RelationId> = Vec::new();
            for id in group {
                let twin = added_by(&id)
                    .is_some_and(|side| kept.iter().any(|q| !side.rels.contains_key(q)));
                if twin {
                    drop.push(id);
                } else {
                    kept.push(id);
                }
            }
        }
        for id in drop {
            merged.remove(&id);
        }
    }

    // --- Tags and relation kinds ---------------------------------------------

    /// Merges the tag set and the relation kinds by key. A tag one side deleted stays
    /// if the other changed it or the merged project still uses it.
    fn tags(&mut self, relations: &[Relation]) -> (Vec<TagDef>, Vec<RelationKind>) {
        let mut used: HashSet<&str> = HashSet::new();
        for d in self.documents.values() {
            for a in d.annotations() {
                used.insert(a.tag.as_str());
            }
        }
        for e in self.entities.values() {
            used.insert(e.kind.as_str());
        }
        let used: HashSet<String> = used.into_iter().map(str::to_owned).collect();
        let tags = keyed(
            &self.b.p.tags.tags,
            &self.o.p.tags.tags,
            &self.t.p.tags.tags,
            |t| t.key.as_str(),
            &used,
            objects::tag,
            |t| Version::Tag(t.clone()),
            |k| Subject::Tag(k.to_owned()),
            &mut self.conflicts,
        );
        let used: HashSet<String> = relations.iter().map(|r| r.kind.clone()).collect();
        let kinds = keyed(
            &self.b.p.relation_kinds,
            &self.o.p.relation_kinds,
            &self.t.p.relation_kinds,
            |k| k.key.as_str(),
            &used,
            objects::relation_kind,
            |k| Version::RelationKind(k.clone()),
            |k| Subject::RelationKind(k.to_owned()),
            &mut self.conflicts,
        );
        (tags, kinds)
    }

    // --- Order ----------------------------------------------------------------

    /// The documents' order: merged like any list, each copy after its original.
    fn document_order(&self, copies: &[DocCopy]) -> Vec<DocumentId> {
        let list = |p: &Project| ids(p.documents(), |d| d.id);
        let mut out = order(&list(self.b.p), &list(self.o.p), &list(self.t.p), &|id| {
            self.documents.contains_key(id) && !copies.iter().any(|c| c.copy == *id)
        });
        for c in copies {
            let at = out
                .iter()
                .position(|d| *d == c.original)
                .map_or(out.len(), |i| i + 1);
            out.insert(at, c.copy);
        }
        out
    }
}

/// Merges a keyed list (tags, relation kinds): by key, field by field; one side's
/// deletion stands unless the other changed the item or the merge still uses it.
#[allow(clippy::too_many_arguments)]
fn keyed<T: Clone + PartialEq>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    key: impl Fn(&T) -> &str,
    used: &HashSet<String>,
    merge: impl Fn(Option<&T>, &T, &T) -> objects::Merged<T>,
    version: impl Fn(&T) -> Version,
    subject: impl Fn(&str) -> Subject,
    conflicts: &mut Vec<Conflict>,
) -> Vec<T> {
    let find = |list: &'_ [T], k: &str| list.iter().find(|x| key(x) == k).cloned();
    let mut merged: HashMap<String, T> = HashMap::new();
    let all: Vec<String> = base
        .iter()
        .chain(ours)
        .chain(theirs)
        .map(|x| key(x).to_owned())
        .collect();
    for k in &all {
        if merged.contains_key(k) {
            continue;
        }
        let (b, o, t) = (find(base, k), find(ours, k), find(theirs, k));
        let value = match (&b, &o, &t) {
            (_, Some(o), Some(t)) => {
                let m = merge(b.as_ref(), o, t);
                if !m.conflicts.is_empty() {
                    conflicts.push(Conflict {
                        subject: subject(k),
                        fields: m.conflicts,
                        base: b.as_ref().map(&version),
                        ours: Some(version(o)),
                        theirs: Some(version(t)),
                        copy: None,
                    });
                }
                Some(m.value)
            }
            (Some(b), None, Some(other)) | (Some(b), Some(other), None) => {
                if other != b || used.contains(k) {
                    let kept = Some(version(other));
                    let (ours, theirs) = if o.is_none() {
                        (None, kept)
                    } else {
                        (kept, None)
                    };
                    conflicts.push(Conflict {
                        subject: subject(k),
                        fields: Vec::new(),
                        base: Some(version(b)),
                        ours,
                        theirs,
                        copy: None,
                    });
                    Some(other.clone())
                } else {
                    None
                }
            }
            (None, Some(x), None) | (None, None, Some(x)) => Some(x.clone()),
            // Deleted by both, yet used (a conflict's base value): kept as it was.
            (Some(b), None, None) => used.contains(k).then(|| b.clone()),
            (None, None, None) => None,
        };
        if let Some(v) = value {
            merged.insert(k.clone(), v);
        }
    }
    let keys = |list: &[T]| -> Vec<String> { list.iter().map(|x| key(x).to_owned()).collect() };
    let (kb, ko, kt) = (keys(base), keys(ours), keys(theirs));
    fn refs(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let sorted = order(&refs(&kb), &refs(&ko), &refs(&kt), &|k: &&str| {
        merged.contains_key(*k)
    });
    let sorted: Vec<String> = sorted.into_iter().map(str::to_owned).collect();
    sorted
        .into_iter()
        .filter_map(|k| merged.remove(&k))
        .collect()
}

/// How many annotations one thread merges at least.
const ANNOTATIONS_PER_THREAD: usize = 8192;

/// A deletion conflict: `deleted_by` deleted the subject, the other side kept it
/// as `kept`.
fn deletion_record(
    subject: Subject,
    deleted_by: Side,
    base: Option<Version>,
    kept: Version,
) -> Conflict {
    let (ours, theirs) = match deleted_by {
        Side::Ours => (None, Some(kept)),
        Side::Theirs => (Some(kept), None),
    };
    Conflict {
        subject,
        fields: Vec::new(),
        base,
        ours,
        theirs,
        copy: None,
    }
}

/// What [`twin_key`] compares.
type TwinKey = (
    usize,
    usize,
    Vec<(usize, usize)>,
    String,
    Option<EntityId>,
    Option<crate::model::ClaimStatus>,
    String,
);

fn twin_key(a: &Annotation) -> TwinKey {
    (
        a.start,
        a.end,
        a.fragments.clone(),
        a.tag.clone(),
        a.entity,
        a.status,
        a.note.clone(),
    )
}

/// A document kept twice because its text differs between the sides.
struct DocCopy {
    original: DocumentId,
    copy: DocumentId,
    /// Their annotations' ids in the copy, by their own ids.
    ids: IdMap<AnnotationId, AnnotationId>,
}

fn other_side(s: Side) -> Side {
    match s {
        Side::Ours => Side::Theirs,
        Side::Theirs => Side::Ours,
    }
}

fn head_of(d: &Document) -> Head {
    Head {
        title: d.title.clone(),
        source: d.source.clone(),
    }
}

fn head_version(d: &Document) -> Version {
    Version::Document {
        title: d.title.clone(),
        source: d.source.clone(),
    }
}
