//! Entities (people, events, …) that annotations mention, and typed relations.

use super::ids::{AnnotationId, DocumentId, EntityId, RelationId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person, event or other thing that mentions in many documents refer to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Unique id.
    pub id: EntityId,
    /// Key of the tag its mentions carry (`person`, `event`, …).
    pub kind: String,
    /// Canonical name, e.g. "Maryam Rajavi".
    pub name: String,
    /// Other names it goes by, e.g. "Mrs. Rajavi".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The analyst's note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// For people: role or affiliation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// For events: the date as free text ("summer 1988").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// For events: an ISO 8601 date or range (`1988-07/1988-09`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_iso: Option<String>,
    /// For events: where it happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// Who created or last changed it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// When it last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<DateTime<Utc>>,
}

impl Entity {
    /// Whether two versions of an entity say the same, stamps (author, modified)
    /// and id aside. Every field is listed, so a new one is a decision here.
    pub fn same_content(&self, other: &Entity) -> bool {
        let Entity {
            id: _,
            kind,
            name,
            aliases,
            note,
            role,
            date,
            date_iso,
            place,
            author: _,
            modified: _,
        } = self;
        *kind == other.kind
            && *name == other.name
            && *aliases == other.aliases
            && *note == other.note
            && *role == other.role
            && *date == other.date
            && *date_iso == other.date_iso
            && *place == other.place
    }

    /// A new entity with just a kind and a name.
    pub fn new(kind: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            id: EntityId::new(),
            kind: kind.into(),
            name: name.into(),
            aliases: Vec::new(),
            note: String::new(),
            role: String::new(),
            date: String::new(),
            date_iso: None,
            place: String::new(),
            author: String::new(),
            modified: None,
        }
    }
}

/// One end of a relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    /// An annotation (e.g. a claim).
    Annotation(AnnotationId),
    /// An entity (e.g. a person).
    Entity(EntityId),
    /// A document — standing for its author or outlet, e.g. as a claim's source.
    Document(DocumentId),
}

/// A typed link, e.g. claim `said_by` person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// Unique id.
    pub id: RelationId,
    /// Key of the relation kind in the project's `relation_kinds` (`said_by`, `about`, …).
    pub kind: String,
    /// Where the link starts.
    pub from: Target,
    /// Where it points.
    pub to: Target,
    /// The analyst's note.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Who created or last changed it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// When it last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<DateTime<Utc>>,
}

impl Relation {
    /// Whether two versions of a relation say the same (kind, ends, note), stamps
    /// aside.
    pub fn same_content(&self, other: &Relation) -> bool {
        let Relation {
            id: _,
            kind,
            from,
            to,
            note,
            author: _,
            modified: _,
        } = self;
        *kind == other.kind && *from == other.from && *to == other.to && *note == other.note
    }
}

/// What a kind of relation means to Dossier, so no code depends on a kind's key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelationRole {
    /// A claim is said by a person, an organisation or the article's outlet.
    Speaker,
    /// A claim is about an entity.
    Subject,
    /// A person or organisation took part in an event.
    Participant,
    /// An event happened at a place.
    Location,
}

/// A kind of relation; the project's `relation_kinds` lists them and can be extended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationKind {
    /// Stable key, e.g. `said_by`.
    pub key: String,
    /// Human label, e.g. "said by".
    pub label: String,
    /// What the kind means to Dossier, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RelationRole>,
}

impl RelationKind {
    /// The default relation kinds: said_by, about, participant_in, located_at.
    pub fn defaults() -> Vec<RelationKind> {
        [
            ("said_by", "said by", RelationRole::Speaker),
            ("about", "about", RelationRole::Subject),
            (
                "participant_in",
                "participant in",
                RelationRole::Participant,
            ),
            ("located_at", "located at", RelationRole::Location),
        ]
        .into_iter()
        .map(|(key, label, role)| RelationKind {
            key: key.into(),
            label: label.into(),
            role: Some(role),
        })
        .collect()
    }
}
