//! The whole project: what one RON file holds.

use super::Annotation;
use super::document::Document;
use super::entity::{Entity, Relation, RelationKind};
use super::ids::{AnnotationId, DocumentId, EntityId, ProjectId};
use super::tagset::TagSet;

/// A project: a named set of documents, their annotations, entities and relations.
#[derive(Clone, Debug, PartialEq)]
pub struct Project {
    /// Unique id.
    pub id: ProjectId,
    /// Name shown in the window title.
    pub name: String,
    /// Tags in display order.
    pub tags: TagSet,
    /// The kinds of relation the project uses.
    pub relation_kinds: Vec<RelationKind>,
    /// Documents in the order the analyst added them. Changed only through commands.
    pub(crate) documents: Vec<Document>,
    /// People, events and other entities. Changed only through commands.
    pub(crate) entities: Vec<Entity>,
    /// Typed links. Changed only through commands.
    pub(crate) relations: Vec<Relation>,
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
        Self {
            id,
            name,
            tags,
            relation_kinds,
            documents,
            entities,
            relations,
        }
    }

    /// Documents in order.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// The document with this id.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// Mutable access for commands.
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
        self.entities.iter().find(|e| e.id == id)
    }

    /// Relations in order.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    /// Finds an annotation anywhere in the project.
    pub fn find_annotation(&self, id: AnnotationId) -> Option<(&Document, &Annotation)> {
        self.documents
            .iter()
            .find_map(|d| d.annotation(id).map(|a| (d, a)))
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
                d.annotations
                    .iter()
                    .filter(move |a| a.entity == Some(entity))
                    .map(move |a| (d.id, a.id))
            })
            .collect()
    }

    /// How many annotations link to each entity.
    pub fn mention_counts(&self) -> std::collections::HashMap<EntityId, usize> {
        let mut counts = std::collections::HashMap::new();
        for a in self.documents.iter().flat_map(|d| &d.annotations) {
            if let Some(e) = a.entity {
                *counts.entry(e).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Total number of annotations.
    pub fn annotation_count(&self) -> usize {
        self.documents.iter().map(|d| d.annotations.len()).sum()
    }

    /// Resolves a user's document reference: a 1-based position or an id.
    pub fn resolve_document(&self, reference: &str) -> Option<&Document> {
        let reference = reference.trim();
        if let Ok(n) = reference.parse::<usize>() {
            return n.checked_sub(1).and_then(|i| self.documents.get(i));
        }
        DocumentId::parse(reference).and_then(|id| self.document(id))
    }
}
