//! Conflicts a merge could not decide, recorded in the merged project itself.
//!
//! When two analysts change the same field of the same object differently, or one
//! deletes what the other changed, the merge keeps every non-conflicting change and
//! writes one [`Conflict`] per object: the common ancestor's version and both
//! sides' versions (each carrying who made it and when). The project stays a valid
//! project that opens anywhere; the app lists the records and resolves them one by
//! one, each resolution an undoable command.

use super::annotation::Annotation;
use super::entity::{Entity, Relation, RelationKind};
use super::ids::{AnnotationId, DocumentId, EntityId, RelationId};
use super::tagset::TagDef;
use super::{Project, SourceMeta};
use serde::{Deserialize, Serialize};

/// What a conflict is about: one object of the project.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Subject {
    /// The project itself (its name).
    Project,
    /// A tag of the tag set, by key.
    Tag(String),
    /// A relation kind, by key.
    RelationKind(String),
    /// A document (its title, source or text).
    Document(DocumentId),
    /// An annotation.
    Annotation(AnnotationId),
    /// An entity.
    Entity(EntityId),
    /// A relation.
    Relation(RelationId),
}

impl Subject {
    /// A short noun for messages ("annotation", "entity", …).
    pub fn noun(&self) -> &'static str {
        match self {
            Subject::Project => "project",
            Subject::Tag(_) => "tag",
            Subject::RelationKind(_) => "relation kind",
            Subject::Document(_) => "document",
            Subject::Annotation(_) => "annotation",
            Subject::Entity(_) => "entity",
            Subject::Relation(_) => "relation",
        }
    }
}

/// A field that two sides changed differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    /// The project's or an entity's name.
    Name,
    /// A document's title.
    Title,
    /// A document's source (where it came from).
    Source,
    /// A document's text: both versions are kept (see [`Conflict::copy`]).
    Text,
    /// An annotation's tag.
    Tag,
    /// An annotation's range(s) and quote.
    Span,
    /// A note (annotation, entity or relation).
    Note,
    /// The entity an annotation mentions.
    Entity,
    /// A claim's status.
    Status,
    /// An entity's or a relation's kind, or a tag's kind.
    Kind,
    /// An entity's role or affiliation, or a tag's or relation kind's role.
    Role,
    /// An event's date as free text.
    Date,
    /// An event's ISO date.
    DateIso,
    /// An event's place.
    Place,
    /// Where a relation starts.
    From,
    /// Where a relation points.
    To,
    /// A tag's or relation kind's label.
    Label,
    /// A tag's colour.
    Color,
    /// A tag's shortcut.
    Shortcut,
}

impl Field {
    /// The field's name as the app and the CLI show it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Title => "title",
            Field::Source => "source",
            Field::Text => "text",
            Field::Tag => "tag",
            Field::Span => "span",
            Field::Note => "note",
            Field::Entity => "entity",
            Field::Status => "status",
            Field::Kind => "kind",
            Field::Role => "role",
            Field::Date => "date",
            Field::DateIso => "ISO date",
            Field::Place => "place",
            Field::From => "from",
            Field::To => "to",
            Field::Label => "label",
            Field::Color => "colour",
            Field::Shortcut => "shortcut",
        }
    }
}

/// One side's version of a conflict's subject.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Version {
    /// The project's name.
    Project {
        /// The name.
        name: String,
    },
    /// A tag definition.
    Tag(TagDef),
    /// A relation kind.
    RelationKind(RelationKind),
    /// A document's own fields (its text is in the project, see [`Conflict::copy`]).
    Document {
        /// Its title.
        title: String,
        /// Its source.
        source: SourceMeta,
    },
    /// An annotation and the document holding it.
    Annotation {
        /// The document.
        doc: DocumentId,
        /// The annotation.
        annotation: Annotation,
    },
    /// An entity.
    Entity(Entity),
    /// A relation.
    Relation(Relation),
}

impl Version {
    /// Who made this version, when the object records it.
    pub fn author(&self) -> &str {
        match self {
            Version::Annotation { annotation, .. } => annotation.last_author(),
            Version::Entity(e) => &e.author,
            Version::Relation(r) => &r.author,
            _ => "",
        }
    }

    /// Whether this is a version of `subject`.
    pub fn belongs_to(&self, subject: &Subject) -> bool {
        match (subject, self) {
            (Subject::Project, Version::Project { .. }) => true,
            (Subject::Tag(k), Version::Tag(t)) => *k == t.key,
            (Subject::RelationKind(k), Version::RelationKind(r)) => *k == r.key,
            (Subject::Document(_), Version::Document { .. }) => true,
            (Subject::Annotation(id), Version::Annotation { annotation, .. }) => {
                *id == annotation.id
            }
            (Subject::Entity(id), Version::Entity(e)) => *id == e.id,
            (Subject::Relation(id), Version::Relation(r)) => *id == r.id,
            _ => false,
        }
    }
}

/// A difference between two analysts' versions that the merge left to a person.
///
/// Field conflicts (`fields` not empty): the project holds the base value of each
/// listed field (or our value when there is no base) and every other change of
/// both sides. Deletion conflicts (`ours` or `theirs` is `None`): one side deleted
/// the object while the other changed it or still uses it; the project keeps the
/// changed version, so nothing is lost until someone decides. Text conflicts
/// (`fields` is `[Text]`): both versions of the document are in the project, ours
/// under its id and theirs as the document `copy`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// What the conflict is about.
    pub subject: Subject,
    /// The fields both sides changed differently; empty for a deletion conflict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// The common ancestor's version (`None`: both sides added it, or unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Version>,
    /// Our version (`None`: we deleted it).
    pub ours: Option<Version>,
    /// Their version (`None`: they deleted it).
    pub theirs: Option<Version>,
    /// For a text conflict: the document that holds their version of the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy: Option<DocumentId>,
}

impl Conflict {
    /// Whether one side deleted the object.
    pub fn is_deletion(&self) -> bool {
        self.ours.is_none() || self.theirs.is_none()
    }

    /// The same conflict seen from the other side: ours and theirs swapped.
    pub fn swapped(&self) -> Conflict {
        Conflict {
            ours: self.theirs.clone(),
            theirs: self.ours.clone(),
            ..self.clone()
        }
    }

    /// A one-line description for lists and the CLI, e.g. "annotation “Raisi
    /// denied it”: note and status changed on both sides".
    pub fn describe(&self, p: &Project) -> String {
        let what = self.what(p);
        if !self.fields.is_empty() {
            if self.fields == [Field::Text] {
                return format!("{what}: the text differs; both versions are kept");
            }
            let names: Vec<&str> = self.fields.iter().map(|f| f.label()).collect();
            return format!("{what}: {} changed on both sides", join_and(&names));
        }
        let (deleter, other) = match (&self.ours, &self.theirs) {
            (None, Some(v)) => ("we", v),
            (Some(v), None) => ("they", v),
            _ => return format!("{what}: deleted on both sides"),
        };
        let still = if self.base.as_ref() == Some(other) {
            "the other side still uses it"
        } else {
            "the other side changed it"
        };
        format!("{what}: {deleter} deleted it, {still}")
    }

    /// The subject named for people: a quote, a name, a title.
    fn what(&self, p: &Project) -> String {
        let short = |s: &str| super::text::short(s, 40);
        // The base's version names what the project shows until it is resolved.
        let any = || {
            [&self.base, &self.ours, &self.theirs]
                .into_iter()
                .flatten()
                .next()
        };
        match (&self.subject, any()) {
            (_, Some(Version::Annotation { annotation, .. })) => {
                format!("annotation “{}”", short(&annotation.quote))
            }
            (_, Some(Version::Entity(e))) => format!("{} “{}”", e.kind, short(&e.name)),
            (_, Some(Version::Relation(r))) => format!(
                "relation {} {} {}",
                p.target_label(r.from),
                p.relation_label(&r.kind),
                p.target_label(r.to)
            ),
            (_, Some(Version::Document { title, .. })) => format!("document “{}”", short(title)),
            (_, Some(Version::Tag(t))) => format!("tag “{}”", short(&t.label)),
            (_, Some(Version::RelationKind(k))) => format!("relation kind “{}”", short(&k.label)),
            (_, Some(Version::Project { .. })) | (Subject::Project, None) => {
                "the project's name".into()
            }
            (s, None) => s.noun().to_owned(),
        }
    }

    /// What is wrong with the record itself, if anything: each version must be of
    /// its subject, and at least one side must have a version.
    pub fn problem(&self) -> Option<String> {
        if self.ours.is_none() && self.theirs.is_none() {
            return Some(format!(
                "a conflict about a {} has neither our nor their version",
                self.subject.noun()
            ));
        }
        [&self.base, &self.ours, &self.theirs]
            .into_iter()
            .flatten()
            .find(|v| !v.belongs_to(&self.subject))
            .map(|_| {
                format!(
                    "a conflict about a {} holds a version of something else",
                    self.subject.noun()
                )
            })
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
