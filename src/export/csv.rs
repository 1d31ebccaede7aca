//! CSV (RFC 4180, through the `csv` crate): one row per annotation, or per entity,
//! claim or relation. Fields with commas, quotes or line breaks are quoted; an
//! optional UTF-8 byte-order mark makes spreadsheets read the file as UTF-8.
//!
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return) get a leading `'`: an article's text is
//! written by anyone, and a quote must never become a formula on an analyst's
//! machine. Offsets and counts are plain numbers.

use super::{ExportError, Output, Table};
use crate::model::{Annotation, Document, Project, RelationRole, TagKind, Target};

/// The columns of the annotation and claim tables.
pub const ANNOTATION_COLUMNS: [&str; 15] = [
    "id",
    "document",
    "tag",
    "start",
    "end",
    "quote",
    "entity",
    "status",
    "speakers",
    "subjects",
    "note",
    "author",
    "created",
    "fragments",
    "page",
];

/// The columns of the entity table.
pub const ENTITY_COLUMNS: [&str; 12] = [
    "id", "kind", "name", "aliases", "role", "date", "date_iso", "place", "note", "mentions",
    "author", "modified",
];

/// The columns of the relation table.
pub const RELATION_COLUMNS: [&str; 9] = [
    "id", "kind", "from", "to", "from_id", "to_id", "note", "author", "modified",
];

/// A text cell made safe from formula evaluation in spreadsheets.
pub fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(super) fn export(
    project: &Project,
    docs: &[&Document],
    table: Table,
    bom: bool,
) -> Result<Output, ExportError> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(bytes);
    let err = |e: ::csv::Error| ExportError::Csv(e.to_string());
    match table {
        Table::Annotations | Table::Claims => {
            w.write_record(ANNOTATION_COLUMNS).map_err(err)?;
            let people = Links::new(project);
            for d in docs {
                for a in d.annotations() {
                    let is_claim = project
                        .tags
                        .get(&a.tag)
                        .is_some_and(|t| t.kind == TagKind::Claim);
                    if table == Table::Claims && !is_claim {
                        continue;
                    }
                    w.write_record(annotation_row(project, &people, d, a))
                        .map_err(err)?;
                }
            }
        }
        Table::Entities => {
            w.write_record(ENTITY_COLUMNS).map_err(err)?;
            let in_docs: std::collections::HashSet<_> = docs.iter().map(|d| d.id).collect();
            let whole = docs.len() == project.documents().len();
            let mut counts: crate::model::IdMap<crate::model::EntityId, usize> = Default::default();
            for d in docs {
                for a in d.annotations() {
                    if let Some(e) = a.entity {
                        *counts.entry(e).or_default() += 1;
                    }
                }
            }
            for e in project.entities() {
                let n = counts.get(&e.id).copied().unwrap_or(0);
                if !whole && n == 0 {
                    continue;
                }
                let _ = &in_docs;
                let row = [
                    e.id.to_string(),
                    cell(&e.kind).into_owned(),
                    cell(&e.name).into_owned(),
                    cell(&e.aliases.join("; ")).into_owned(),
                    cell(&e.role).into_owned(),
                    cell(&e.date).into_owned(),
                    cell(e.date_iso.as_deref().unwrap_or_default()).into_owned(),
                    cell(&e.place).into_owned(),
                    cell(&e.note).into_owned(),
                    n.to_string(),
                    cell(&e.author).into_owned(),
                    e.modified.map(|t| t.to_rfc3339()).unwrap_or_default(),
                ];
                w.write_record(row).map_err(err)?;
            }
        }
        Table::Relations => {
            w.write_record(RELATION_COLUMNS).map_err(err)?;
            let in_docs: std::collections::HashSet<_> = docs.iter().map(|d| d.id).collect();
            let whole = docs.len() == project.documents().len();
            let touches = |t: Target| match t {
                Target::Annotation(a) => {
                    project.document_of(a).is_some_and(|d| in_docs.contains(&d))
                }
                Target::Document(d) => in_docs.contains(&d),
                Target::Entity(_) => false,
            };
            for r in project.relations() {
                if !whole && !touches(r.from) && !touches(r.to) {
                    continue;
                }
                let row = [
                    r.id.to_string(),
                    cell(&r.kind).into_owned(),
                    cell(&project.target_label(r.from)).into_owned(),
                    cell(&project.target_label(r.to)).into_owned(),
                    target_id(r.from),
                    target_id(r.to),
                    cell(&r.note).into_owned(),
                    cell(&r.author).into_owned(),
                    r.modified.map(|t| t.to_rfc3339()).unwrap_or_default(),
                ];
                w.write_record(row).map_err(err)?;
            }
        }
    }
    let bytes = w
        .into_inner()
        .map_err(|e| ExportError::Csv(e.to_string()))?;
    Ok(Output::file(bytes))
}

fn target_id(t: Target) -> String {
    match t {
        Target::Annotation(id) => id.to_string(),
        Target::Entity(id) => id.to_string(),
        Target::Document(id) => id.to_string(),
    }
}

/// Each claim's speakers and subjects, by relation role, gathered once.
pub(crate) struct Links {
    by_from: crate::model::IdMap<crate::model::AnnotationId, Vec<(RelationRole, String)>>,
}

impl Links {
    pub(crate) fn new(project: &Project) -> Self {
        let speaker = project.relation_kind(RelationRole::Speaker);
        let subject = project.relation_kind(RelationRole::Subject);
        let mut by_from: crate::model::IdMap<_, Vec<_>> = Default::default();
        for r in project.relations() {
            let Target::Annotation(from) = r.from else {
                continue;
            };
            let role = if Some(r.kind.as_str()) == speaker {
                RelationRole::Speaker
            } else if Some(r.kind.as_str()) == subject {
                RelationRole::Subject
            } else {
                continue;
            };
            by_from
                .entry(from)
                .or_default()
                .push((role, project.target_label(r.to)));
        }
        Self { by_from }
    }

    /// The labels of an annotation's speakers or subjects.
    pub(crate) fn of(&self, a: crate::model::AnnotationId, role: RelationRole) -> Vec<&str> {
        self.by_from
            .get(&a)
            .into_iter()
            .flatten()
            .filter(|(r, _)| *r == role)
            .map(|(_, l)| l.as_str())
            .collect()
    }
}

fn annotation_row(project: &Project, links: &Links, d: &Document, a: &Annotation) -> [String; 15] {
    let entity = a
        .entity
        .and_then(|e| project.entity(e))
        .map(|e| e.name.as_str())
        .unwrap_or_default();
    let fragments = if a.is_discontinuous() {
        a.ranges()
            .map(|(s, e)| format!("{s}-{e}"))
            .collect::<Vec<_>>()
            .join(";")
    } else {
        String::new()
    };
    [
        a.id.to_string(),
        cell(&d.title).into_owned(),
        cell(&a.tag).into_owned(),
        a.start.to_string(),
        a.end.to_string(),
        cell(&a.quote).into_owned(),
        cell(entity).into_owned(),
        a.status.map(|s| s.as_str().to_owned()).unwrap_or_default(),
        cell(&links.of(a.id, RelationRole::Speaker).join("; ")).into_owned(),
        cell(&links.of(a.id, RelationRole::Subject).join("; ")).into_owned(),
        cell(&a.note).into_owned(),
        cell(&a.author).into_owned(),
        a.created.to_rfc3339(),
        fragments,
        // The page of a PDF the quote is on, to cite it ("4", "4–5"; empty otherwise).
        d.source.pages_of(a.start, a.end).unwrap_or_default(),
    ]
}
