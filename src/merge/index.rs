//! One side of a merge, indexed by id, and what it changed against the base.

use crate::model::{
    Annotation, AnnotationId, Document, DocumentId, Entity, EntityId, IdMap, Project, Relation,
    RelationId, Target,
};
use std::collections::HashSet;

/// A project with every object findable by id in constant time.
pub(super) struct Indexed<'p> {
    /// The project.
    pub(super) p: &'p Project,
    /// Documents by id.
    pub(super) docs: IdMap<DocumentId, &'p Document>,
    /// Annotations by id, with their document.
    pub(super) anns: IdMap<AnnotationId, (DocumentId, &'p Annotation)>,
    /// Relations by id.
    pub(super) rels: IdMap<RelationId, &'p Relation>,
}

impl<'p> Indexed<'p> {
    pub(super) fn new(p: &'p Project) -> Self {
        let count = p.annotation_count();
        let mut anns = IdMap::with_capacity_and_hasher(count, Default::default());
        for d in p.documents() {
            for a in d.annotations() {
                anns.insert(a.id, (d.id, a));
            }
        }
        Self {
            p,
            docs: p.documents().iter().map(|d| (d.id, d)).collect(),
            anns,
            rels: p.relations().iter().map(|r| (r.id, r)).collect(),
        }
    }

    pub(super) fn entity(&self, id: EntityId) -> Option<&'p Entity> {
        self.p.entity(id)
    }

    pub(super) fn annotation(&self, id: AnnotationId) -> Option<&'p Annotation> {
        self.anns.get(&id).map(|(_, a)| *a)
    }

    /// Whether the thing a relation end names is in this project.
    pub(super) fn has(&self, t: Target) -> bool {
        match t {
            Target::Annotation(id) => self.anns.contains_key(&id),
            Target::Entity(id) => self.p.entity(id).is_some(),
            Target::Document(id) => self.docs.contains_key(&id),
        }
    }
}

/// What one side references that it did not reference in the base: the entities its
/// new or relinked mentions and new or retargeted relations point to, and the
/// annotations and documents its new or retargeted relations point to. A side that
/// still uses something the other side deleted keeps it alive.
#[derive(Default)]
pub(super) struct NewReferences {
    pub(super) entities: HashSet<EntityId>,
    pub(super) annotations: HashSet<AnnotationId>,
    pub(super) documents: HashSet<DocumentId>,
    /// Tags new or retagged annotations and new or re-kinded entities carry.
    pub(super) tags: HashSet<String>,
    /// Kinds of new or changed relations.
    pub(super) relation_kinds: HashSet<String>,
}

impl NewReferences {
    pub(super) fn of(side: &Indexed<'_>, base: &Indexed<'_>) -> Self {
        let mut out = Self::default();
        // In document order (not the map's), which walks memory in order.
        for a in side
            .p
            .documents()
            .iter()
            .flat_map(|d| d.annotations().iter())
        {
            let old = base.annotation(a.id);
            if let Some(e) = a.entity
                && old.is_none_or(|o| o.entity != Some(e))
            {
                out.entities.insert(e);
            }
            if old.is_none_or(|o| o.tag != a.tag) {
                out.tags.insert(a.tag.clone());
            }
        }
        for e in side.p.entities() {
            if base.entity(e.id).is_none_or(|o| o.kind != e.kind) {
                out.tags.insert(e.kind.clone());
            }
        }
        for r in side.p.relations() {
            let old = base.rels.get(&r.id);
            if old.is_none_or(|o| o.kind != r.kind) {
                out.relation_kinds.insert(r.kind.clone());
            }
            for (end, old_end) in [(r.from, old.map(|o| o.from)), (r.to, old.map(|o| o.to))] {
                if old_end == Some(end) {
                    continue;
                }
                match end {
                    Target::Entity(id) => out.entities.insert(id),
                    Target::Annotation(id) => out.annotations.insert(id),
                    Target::Document(id) => out.documents.insert(id),
                };
            }
        }
        out
    }
}
