//! The whole project: what one RON file holds.

use super::Annotation;
use super::conflict::Conflict;
use super::document::Document;
use super::entity::{Entity, Relation, RelationKind};
use super::ids::{AnnotationId, DocumentId, EntityId, IdMap, ProjectId};
use super::tagset::TagSet;

/// Lookups derived from the data, kept in step by the mutation methods below, so
/// that an edit in a project of a million annotations costs what it touches, not
/// the whole project. Not part of the project's value (equality ignores it).
#[derive(Clone, Debug, Default)]
struct ProjectIndex {
    /// Which document holds each annotation.
    annotation_doc: IdMap<AnnotationId, DocumentId>,
    /// Where each entity is in the list.
    entity_at: IdMap<EntityId, usize>,
    /// How many annotations mention each entity (entities without mentions absent).
    mentions: IdMap<EntityId, usize>,
}

impl ProjectIndex {
    fn build(documents: &[Document], entities: &[Entity]) -> Self {
        let annotations = documents.iter().map(|d| d.annotations().len()).sum();
        let mut index = Self {
            annotation_doc: IdMap::with_capacity_and_hasher(annotations, Default::default()),
            entity_at: IdMap::with_capacity_and_hasher(entities.len(), Default::default()),
            ..Self::default()
        };
        index.reindex_entities(entities);
        for d in documents {
            index.add_document(d);
        }
        index
    }

    fn reindex_entities(&mut self, entities: &[Entity]) {
        self.entity_at.clear();
        self.entity_at
            .extend(entities.iter().enumerate().map(|(i, e)| (e.id, i)));
    }

    fn add_document(&mut self, d: &Document) {
        self.annotation_doc.reserve(d.annotations().len());
        for a in d.annotations() {
            self.add_annotation(d.id, a);
        }
    }

    fn remove_document(&mut self, d: &Document) {
        for a in d.annotations() {
            self.remove_annotation(a);
        }
    }

    fn add_annotation(&mut self, doc: DocumentId, a: &Annotation) {
        self.annotation_doc.insert(a.id, doc);
        self.link(None, a.entity);
    }

    fn remove_annotation(&mut self, a: &Annotation) {
        self.annotation_doc.remove(&a.id);
        self.link(a.entity, None);
    }

    /// A mention moved from one entity (or none) to another (or none).
    fn link(&mut self, old: Option<EntityId>, new: Option<EntityId>) {
        if old == new {
            return;
        }
        if let Some(e) = old
            && let Some(n) = self.mentions.get_mut(&e)
        {
            *n -= 1;
            if *n == 0 {
                self.mentions.remove(&e);
            }
        }
        if let Some(e) = new {
            *self.mentions.entry(e).or_insert(0) += 1;
        }
    }
}

/// A project: a named set of documents, their annotations, entities and relations.
#[derive(Clone, Debug)]
pub struct Project {
    /// Unique id.
    pub id: ProjectId,
    /// Name shown in the window title.
    pub name: String,
    /// Tags in display order.
    pub tags: TagSet,
    /// The kinds of relation the project uses.
    pub relation_kinds: Vec<RelationKind>,
    /// Documents in the order the analyst added them. Changed only through the
    /// mutation methods, which keep the index in step.
    pub(super) documents: Vec<Document>,
    /// People, events and other entities. Changed only through the mutation methods.
    pub(super) entities: Vec<Entity>,
    /// Typed links. Changed only through commands.
    pub(crate) relations: Vec<Relation>,
    /// Conflicts a merge left unresolved. Changed only through commands.
    pub(crate) conflicts: Vec<Conflict>,
    index: ProjectIndex,
}

impl PartialEq for Project {
    fn eq(&self, other: &Self) -> bool {
        // Every field but the derived index.
        let Self {
            id,
            name,
            tags,
            relation_kinds,
            documents,
            entities,
            relations,
            conflicts,
            index: _,
        } = self;
        *id == other.id
            && *name == other.name
            && *tags == other.tags
            && *relation_kinds == other.relation_kinds
            && *documents == other.documents
            && *entities == other.entities
            && *relations == other.relations
            && *conflicts == other.conflicts
    }
}

impl Project {
    /// An empty project with the default tags and relation kinds.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id: ProjectId::new(),
            name: name.into(),
            tags: TagSet::default(),
            relation_kinds: RelationKind::defaults(),
            documents: Vec::new(),
            entities: Vec::new(),
            relations: Vec::new(),
            conflicts: Vec::new(),
            index: ProjectIndex::default(),
        }
    }

    /// Assembles a project from parts read from a file. Call [`Project::validate`] next.
    pub fn from_parts(
        id: ProjectId,
        name: String,
        tags: TagSet,
        relation_kinds: Vec<RelationKind>,
        documents: Vec<Document>,
        entities: Vec<Entity>,
        relations: Vec<Relation>,
    ) -> Self {
        let index = ProjectIndex::build(&documents, &entities);
        Self {
            id,
            name,
            tags,
            relation_kinds,
            documents,
            entities,
            relations,
            conflicts: Vec::new(),
            index,
        }
    }

    /// The project with these unresolved conflicts (as read from a file or made by a
    /// merge).
    pub fn with_conflicts(mut self, conflicts: Vec<Conflict>) -> Self {
        self.conflicts = conflicts;
        self
    }

    /// Conflicts a merge left unresolved, in order.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// Documents in order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The document with this id.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Mutable access to a document's own fields (title, source), not its annotations.
    pub(crate) fn document_mut(&mut self, id: DocumentId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id == id)
    }

    /// Position of a document.
    pub fn document_index(&self, id: DocumentId) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    /// Entities in order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.index
            .entity_at
            .get(&id)
            .and_then(|&i| self.entities.get(i))
    }

    /// Position of an entity in the list.
    pub fn entity_index(&self, id: EntityId) -> Option<usize> {
        self.index.entity_at.get(&id).copied()
    }

    /// Relations in order.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Finds an annotation anywhere in the project.
    pub fn find_annotation(&self, id: AnnotationId) -> Option<(&Document, &Annotation)> {
        let doc = self.document(*self.index.annotation_doc.get(&id)?)?;
        doc.annotation(id).map(|a| (doc, a))
    }

    /// Which document holds an annotation.
    pub fn document_of(&self, id: AnnotationId) -> Option<DocumentId> {
        self.index.annotation_doc.get(&id).copied()
    }

    /// The key of the relation kind with this role, if the project has one.
    pub fn relation_kind(&self, role: super::RelationRole) -> Option<&str> {
        self.relation_kinds
            .iter()
            .find(|k| k.role == Some(role))
            .map(|k| k.key.as_str())
    }

    /// The human label of a relation kind (its key if the kind is unknown).
    pub fn relation_label<'a>(&'a self, kind: &'a str) -> &'a str {
        self.relation_kinds
            .iter()
            .find(|k| k.key == kind)
            .map_or(kind, |k| k.label.as_str())
    }

    /// A short human label for one end of a relation, the same in the app and the CLI:
    /// an entity's name, a quoted annotation, or a document standing for its outlet.
    pub fn target_label(&self, t: super::Target) -> String {
        use super::Target;
        match t {
            Target::Entity(id) => self
                .entity(id)
                .map_or("(missing entity)".into(), |e| e.name.clone()),
            Target::Annotation(id) => self
                .find_annotation(id)
                .map_or("(missing annotation)".into(), |(_, a)| {
                    format!("“{}”", super::text::short(&a.quote, 40))
                }),
            Target::Document(id) => {
                self.document(id)
                    .map_or("(missing document)".into(), |d| match d.outlet() {
                        Some(o) => format!("the outlet ({})", super::text::short(&o, 40)),
                        None => "the article’s author".to_owned(),
                    })
            }
        }
    }

    /// Every annotation linked to an entity, as (document, annotation), in document order.
    pub fn mentions(&self, entity: EntityId) -> Vec<(DocumentId, AnnotationId)> {
        self.documents
            .iter()
            .flat_map(|d| {
                d.annotations()
                    .iter()
                    .filter(move |a| a.entity == Some(entity))
                    .map(move |a| (d.id, a.id))
            })
            .collect()
    }

    /// How many annotations link to an entity.
    pub fn mention_count(&self, entity: EntityId) -> usize {
        self.index.mentions.get(&entity).copied().unwrap_or(0)
    }

    /// How many distinct annotation ids the index holds (validation compares it with
    /// the number of annotations to find ids used twice).
    pub(super) fn index_len(&self) -> usize {
        self.index.annotation_doc.len()
    }

    /// Total number of annotations.
    pub fn annotation_count(&self) -> usize {
        self.documents.iter().map(|d| d.annotations().len()).sum()
    }

    /// Resolves a user's document reference: a 1-based position or an id.
    pub fn resolve_document(&self, reference: &str) -> Option<&Document> {
        let reference = reference.trim();
        if let Ok(n) = reference.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| self.documents.get(i));
        }
        DocumentId::parse(reference).and_then(|id| self.document(id))
    }

    // The mutation methods: the only writers of documents, annotations and entities,
    // each keeping the index in step. Crate-private: commands call them.

    /// Inserts an annotation into a document (checks are the caller's).
    pub(crate) fn insert_annotation(&mut self, doc: DocumentId, a: Annotation) -> bool {
        let Some(d) = self.documents.iter_mut().find(|d| d.id == doc) else {
            return false;
        };
        self.index.add_annotation(doc, &a);
        d.annotations_mut().insert(a);
        true
    }

    /// Removes an annotation from a document.
    pub(crate) fn take_annotation(
        &mut self,
        doc: DocumentId,
        id: AnnotationId,
    ) -> Option<Annotation> {
        let d = self.documents.iter_mut().find(|d| d.id == doc)?;
        let a = d.annotations_mut().take(id)?;
        self.index.remove_annotation(&a);
        Some(a)
    }

    /// Removes the annotations of a document whose ids are in `ids`, in one pass.
    pub(crate) fn take_annotations(
        &mut self,
        doc: DocumentId,
        ids: &std::collections::HashSet<AnnotationId>,
    ) -> Vec<Annotation> {
        let Some(d) = self.documents.iter_mut().find(|d| d.id == doc) else {
            return Vec::new();
        };
        let taken = d.annotations_mut().take_where(|a| ids.contains(&a.id));
        for a in &taken {
            self.index.remove_annotation(a);
        }
        taken
    }

    /// Changes an annotation in place (anything but its offsets, which `edit` must
    /// leave alone); returns it as it was.
    pub(crate) fn update_annotation(
        &mut self,
        doc: DocumentId,
        id: AnnotationId,
        edit: impl FnOnce(&mut Annotation),
    ) -> Option<Annotation> {
        let d = self.documents.iter_mut().find(|d| d.id == doc)?;
        let slot = d.annotations_mut().get_mut(id)?;
        let old = slot.clone();
        edit(slot);
        debug_assert_eq!(
            old.sort_key(),
            slot.sort_key(),
            "offsets change only by remove + add"
        );
        let new_entity = slot.entity;
        self.index.link(old.entity, new_entity);
        Some(old)
    }

    /// Unlinks every mention of an entity; returns them as they were.
    pub(crate) fn unlink_mentions(&mut self, entity: EntityId) -> Vec<(DocumentId, Annotation)> {
        let mut old = Vec::new();
        for d in &mut self.documents {
            let doc = d.id;
            for a in d
                .annotations_mut()
                .iter_mut()
                .filter(|a| a.entity == Some(entity))
            {
                old.push((doc, a.clone()));
                a.entity = None;
            }
        }
        for _ in &old {
            self.index.link(Some(entity), None);
        }
        old
    }

    /// Replaces a document's text, annotations, orphans, history and source at
    /// once (a text change), keeping the indexes in step; returns the old ones.
    pub(crate) fn replace_document_contents(
        &mut self,
        doc: DocumentId,
        contents: super::DocumentContents,
    ) -> Option<super::DocumentContents> {
        let d = self.documents.iter_mut().find(|d| d.id == doc)?;
        self.index.remove_document(d);
        let old = d.swap_contents(contents);
        self.index.add_document(d);
        Some(old)
    }

    /// The document holding an orphan with this annotation id, and the orphan.
    pub fn find_orphan(&self, id: AnnotationId) -> Option<(&Document, &super::Orphan)> {
        self.documents
            .iter()
            .find_map(|d| d.orphan(id).map(|o| (d, o)))
    }

    /// Inserts a document at a position (clamped to the end).
    pub(crate) fn insert_document(&mut self, at: usize, doc: Document) -> usize {
        let at = at.min(self.documents.len());
        self.index.add_document(&doc);
        self.documents.insert(at, doc);
        at
    }

    /// Removes the document at a position.
    pub(crate) fn remove_document(&mut self, at: usize) -> Option<Document> {
        (at < self.documents.len()).then(|| {
            let d = self.documents.remove(at);
            self.index.remove_document(&d);
            d
        })
    }

    /// Inserts an entity at a position (clamped to the end).
    pub(crate) fn insert_entity(&mut self, at: usize, entity: Entity) -> usize {
        let at = at.min(self.entities.len());
        self.entities.insert(at, entity);
        if at + 1 == self.entities.len() {
            self.index.entity_at.insert(self.entities[at].id, at);
        } else {
            self.index.reindex_entities(&self.entities);
        }
        at
    }

    /// Removes the entity at a position.
    pub(crate) fn remove_entity(&mut self, at: usize) -> Option<Entity> {
        (at < self.entities.len()).then(|| {
            let e = self.entities.remove(at);
            if at == self.entities.len() {
                self.index.entity_at.remove(&e.id);
            } else {
                self.index.reindex_entities(&self.entities);
            }
            e
        })
    }

    /// An entity's fields, to change anything but its id.
    pub(crate) fn entity_mut(&mut self, id: EntityId) -> Option<&mut Entity> {
        let i = *self.index.entity_at.get(&id)?;
        self.entities.get_mut(i)
    }
}
