//! W3C Web Annotation (JSON-LD): the project as an `AnnotationCollection` whose
//! embedded first `AnnotationPage` holds one `Annotation` per Dossier annotation and
//! one `linking` annotation per relation.
//!
//! - **Target**: the article, named by [`super::document_iri`] (its canonical URL,
//!   else `urn:dossier:article:sha256:…` of its canonical text), with a
//!   `TextQuoteSelector` (exact, prefix, suffix) and a `TextPositionSelector`
//!   (code points, end exclusive) that describe the same span.
//! - **Discontinuous annotations** get one target per fragment, in text order. In
//!   the Web Annotation model the selectors of one `SpecificResource` are
//!   *alternative* descriptions of one segment (a consumer may use any one of them),
//!   so a selector per fragment would claim that each fragment alone is the whole
//!   span; a `RangeSelector` would cover the gap. Several targets, by contrast, are
//!   each related to the bodies: every fragment carries the tag and the entity, and
//!   the one annotation id keeps them together.
//! - **Bodies**: the tag as a `TextualBody` with purpose `tagging`; the linked
//!   entity as a `SpecificResource` (`urn:uuid:` of the entity) with purpose
//!   `identifying`; a claim's status as a `TextualBody` with purpose `assessing`;
//!   the note as a `TextualBody` with purpose `commenting`.
//! - **Relations** are annotations with motivation `linking`: the target is the
//!   relation's `from` end, a `SpecificResource` body with purpose `linking` names
//!   the `to` end, a `tagging` body gives the kind. Ends are IRIs: `urn:uuid:` of an
//!   annotation or entity, or the article's IRI for a document.
//! - `creator`, `created` and `modified` come from the annotation (or relation).
//!
//! Every annotation carries its own `@context`, so each one passes the W3C
//! conformance assertions on its own (the tests run all 54 MUST assertions of
//! `annotationMusts.test` on every item, and `pageMusts.test` on the page).

use super::{ExportError, Output, document_iri};
use crate::model::{Annotation, Document, Project, Relation, Target};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::collections::HashSet;

/// The JSON-LD context of the Web Annotation vocabulary.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    first: Page,
}

#[derive(Serialize)]
struct Page {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "partOf")]
    part_of: String,
    #[serde(rename = "startIndex")]
    start_index: usize,
    items: Vec<Item>,
}

/// One W3C annotation (a Dossier annotation or a relation).
#[derive(Serialize)]
struct Item {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: OneOrMany,
    #[serde(skip_serializing_if = "Option::is_none")]
    created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent>,
    body: Vec<Body>,
    target: TargetJson,
}

#[derive(Serialize)]
#[serde(untagged)]
enum OneOrMany {
    One(&'static str),
    Many(Vec<&'static str>),
}

#[derive(Serialize)]
struct Agent {
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body {
    Textual {
        #[serde(rename = "type")]
        kind: &'static str,
        value: String,
        format: &'static str,
        purpose: &'static str,
    },
    Resource {
        #[serde(rename = "type")]
        kind: &'static str,
        source: String,
        purpose: &'static str,
    },
}

impl Body {
    fn text(value: impl Into<String>, purpose: &'static str) -> Self {
        Body::Textual {
            kind: "TextualBody",
            value: value.into(),
            format: "text/plain",
            purpose,
        }
    }

    fn resource(source: String, purpose: &'static str) -> Self {
        Body::Resource {
            kind: "SpecificResource",
            source,
            purpose,
        }
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum TargetJson {
    Iri(String),
    One(Span),
    Many(Vec<Span>),
}

/// One span of an article: a `SpecificResource` with two selectors that describe
/// the same segment.
#[derive(Serialize)]
struct Span {
    #[serde(rename = "type")]
    kind: &'static str,
    source: String,
    selector: (QuoteSelector, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    prefix: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    suffix: String,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

/// `urn:uuid:` of an id.
pub fn uuid_iri(id: impl std::fmt::Display) -> String {
    format!("urn:uuid:{id}")
}

fn time(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn creator(author: &str) -> Option<Agent> {
    (!author.trim().is_empty()).then(|| Agent {
        kind: "Person",
        name: author.to_owned(),
    })
}

pub(super) fn export(project: &Project, docs: &[&Document]) -> Result<Output, ExportError> {
    let mut items = Vec::new();
    let mut exported_docs = HashSet::new();
    let mut exported_annotations = HashSet::new();
    for d in docs {
        exported_docs.insert(d.id);
        let iri = document_iri(d);
        for a in d.annotations() {
            exported_annotations.insert(a.id);
            items.push(annotation(project, d, &iri, a));
        }
    }
    let whole = docs.len() == project.documents().len();
    for r in project.relations() {
        let touches = |t: Target| match t {
            Target::Annotation(id) => exported_annotations.contains(&id),
            Target::Document(id) => exported_docs.contains(&id),
            Target::Entity(_) => false,
        };
        if whole || touches(r.from) || touches(r.to) {
            items.push(relation(project, r));
        }
    }
    let id = format!("urn:dossier:project:{}", project.id);
    let collection = Collection {
        context: CONTEXT,
        id: id.clone(),
        kind: "AnnotationCollection",
        label: &project.name,
        total: items.len(),
        first: Page {
            id: format!("{id}:page:1"),
            kind: "AnnotationPage",
            part_of: id,
            start_index: 0,
            items,
        },
    };
    let mut bytes = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut bytes, OnePerLine::default());
    collection.serialize(&mut writer)?;
    bytes.push(b'\n');
    Ok(Output::file(bytes))
}

/// Compact JSON with each item of the page on a line of its own: a third smaller,
/// and quicker to write and to read, than indented JSON, while a diff of two
/// exports still shows one line per changed annotation.
#[derive(Default)]
struct OnePerLine {
    /// How many objects and arrays are open.
    depth: usize,
}

impl OnePerLine {
    /// The depth inside the page's `items` (collection › `first` › `items`).
    const ITEMS: usize = 3;
}

impl serde_json::ser::Formatter for OnePerLine {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        if self.depth == Self::ITEMS {
            w.write_all(b"\n")?;
        }
        self.depth -= 1;
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.depth == Self::ITEMS {
            w.write_all(b"\n")?;
        }
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth += 1;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.depth -= 1;
        w.write_all(b"}")
    }
}

fn annotation(project: &Project, d: &Document, iri: &str, a: &Annotation) -> Item {
    let mut body = vec![Body::text(a.tag.clone(), "tagging")];
    let mut motivation = vec!["tagging"];
    if let Some(e) = a.entity {
        body.push(Body::resource(uuid_iri(e), "identifying"));
        motivation.push("identifying");
    }
    if let Some(s) = a.status {
        body.push(Body::text(s.as_str(), "assessing"));
        motivation.push("assessing");
    }
    if !a.note.is_empty() {
        body.push(Body::text(a.note.clone(), "commenting"));
        motivation.push("commenting");
    }
    let _ = project;
    let spans: Vec<Span> = if a.is_discontinuous() {
        let index = d.char_index();
        a.ranges()
            .map(|(s, e)| {
                let (prefix, suffix) = crate::model::context(d.text(), index, s, e);
                span(iri, d.slice(s, e).unwrap_or_default(), prefix, suffix, s, e)
            })
            .collect()
    } else {
        vec![span(
            iri,
            &a.quote,
            a.prefix.clone(),
            a.suffix.clone(),
            a.start,
            a.end,
        )]
    };
    let target = if spans.len() == 1 {
        spans
            .into_iter()
            .next()
            .map_or(TargetJson::Iri(iri.to_owned()), TargetJson::One)
    } else {
        TargetJson::Many(spans)
    };
    Item {
        context: CONTEXT,
        id: uuid_iri(a.id),
        kind: "Annotation",
        motivation: if motivation.len() == 1 {
            OneOrMany::One(motivation[0])
        } else {
            OneOrMany::Many(motivation)
        },
        created: Some(time(&a.created)),
        modified: Some(time(&a.modified)),
        creator: creator(&a.author),
        body,
        target,
    }
}

fn span(iri: &str, exact: &str, prefix: String, suffix: String, start: usize, end: usize) -> Span {
    Span {
        kind: "SpecificResource",
        source: iri.to_owned(),
        selector: (
            QuoteSelector {
                kind: "TextQuoteSelector",
                exact: exact.to_owned(),
                prefix,
                suffix,
            },
            PositionSelector {
                kind: "TextPositionSelector",
                start,
                end,
            },
        ),
    }
}

/// The IRI of one end of a relation.
pub fn target_iri(project: &Project, t: Target) -> String {
    match t {
        Target::Annotation(id) => uuid_iri(id),
        Target::Entity(id) => uuid_iri(id),
        Target::Document(id) => project
            .document(id)
            .map_or_else(|| uuid_iri(id), document_iri),
    }
}

fn relation(project: &Project, r: &Relation) -> Item {
    let mut body = vec![
        Body::text(r.kind.clone(), "tagging"),
        Body::resource(target_iri(project, r.to), "linking"),
    ];
    if !r.note.is_empty() {
        body.push(Body::text(r.note.clone(), "commenting"));
    }
    Item {
        context: CONTEXT,
        id: uuid_iri(r.id),
        kind: "Annotation",
        motivation: OneOrMany::One("linking"),
        created: None,
        modified: r.modified.as_ref().map(time),
        creator: creator(&r.author),
        body,
        target: TargetJson::Iri(target_iri(project, r.from)),
    }
}
