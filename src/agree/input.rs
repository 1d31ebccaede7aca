//! What agreement is computed over: per annotator, per document, a list of labelled
//! units, however they were loaded.
//!
//! Documents are matched across annotators by their text, not by id, so two analysts
//! who imported the same article separately (or from brat folders) can be compared:
//! the key is the SHA-256 of the document's canonical text.

use crate::model::{Annotation, Document, Project};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// Identifies a document across projects: the SHA-256 of its canonical text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocKey(pub [u8; 32]);

impl DocKey {
    /// The key of a document with this text.
    pub fn of_text(text: &str) -> Self {
        Self(Sha256::digest(text.as_bytes()).into())
    }
}

impl fmt::Display for DocKey {
    /// Lower-case hex, as in a project's `source.sha256`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// One annotator's labelled unit: a label and the char ranges it covers (end-exclusive;
/// one fragment for an ordinary span, several for a discontinuous one).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    /// The label (a Dossier tag key, a brat entity type).
    pub label: String,
    /// The char ranges, each `start < end`, in the order given.
    pub fragments: Vec<(usize, usize)>,
}

impl Unit {
    /// A unit of one fragment.
    pub fn span(label: impl Into<String>, start: usize, end: usize) -> Self {
        Self {
            label: label.into(),
            fragments: vec![(start, end)],
        }
    }
}

/// The unit an annotation stands for. The one place that knows how a Dossier
/// annotation maps to fragments: today one `start..end`.
pub fn unit_of(a: &Annotation) -> Unit {
    Unit::span(a.tag.as_str(), a.start, a.end)
}

/// A document's annotations as units, in the document's order.
pub fn units_of_document(d: &Document) -> Vec<Unit> {
    d.annotations().iter().map(unit_of).collect()
}

/// Every document's units, keyed by the document's text. Of two documents with the same
/// text in one project, the first is kept (as [`Annotator::from_project`] does, which
/// also reports the other).
pub fn units_of(project: &Project) -> BTreeMap<DocKey, Vec<Unit>> {
    let mut out = BTreeMap::new();
    for d in project.documents() {
        out.entry(DocKey::of_text(d.text()))
            .or_insert_with(|| units_of_document(d));
    }
    out
}

/// One document as one annotator annotated it.
#[derive(Clone, Debug)]
pub struct DocumentUnits<'t> {
    /// SHA-256 of `text`.
    pub key: DocKey,
    /// Its title, for the report.
    pub title: String,
    /// The canonical text (token-level measures need it; units index into it by char).
    pub text: &'t str,
    /// The annotator's units in this document.
    pub units: Vec<Unit>,
}

impl<'t> DocumentUnits<'t> {
    /// A document with its key computed from `text`.
    pub fn new(title: impl Into<String>, text: &'t str, units: Vec<Unit>) -> Self {
        Self {
            key: DocKey::of_text(text),
            title: title.into(),
            text,
            units,
        }
    }
}

/// One annotator: a name for the report and the documents they annotated.
#[derive(Clone, Debug)]
pub struct Annotator<'t> {
    /// How the report names them (the CLI uses the project's path).
    pub name: String,
    /// Their documents, in their order.
    pub documents: Vec<DocumentUnits<'t>>,
}

impl<'t> Annotator<'t> {
    /// Every document of a Dossier project, with its annotations as units.
    pub fn from_project(name: impl Into<String>, project: &'t Project) -> Self {
        Self {
            name: name.into(),
            documents: project
                .documents()
                .iter()
                .map(|d| DocumentUnits::new(d.title.as_str(), d.text(), units_of_document(d)))
                .collect(),
        }
    }
}
