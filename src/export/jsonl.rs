//! The JSON of two annotation tools:
//! - **doccano** (JSONL, one document per line): `{"text", "entities": [{"id",
//!   "start_offset", "end_offset", "label"}], "relations": [{"id", "from_id",
//!   "to_id", "type"}]}`, plus the document's title and id;
//! - **Label Studio** (a JSON array of tasks): `{"data": {"text"}, "annotations":
//!   [{"result": [...]}]}` with a `labels` region per span (`from_name` `label`,
//!   `to_name` `text`), a `relation` result per relation, and the note as the
//!   region's `meta.text`.
//!
//! Offsets are UTF-16 code units by default — both tools' front ends count
//! JavaScript string indices — or code points ([`Offsets::CodePoints`]). Neither
//! tool has discontinuous spans: such an annotation becomes one span per fragment
//! (listed in the warnings). Labels are the tags' and relation kinds' labels.

use super::{Content, ExportError, Offsets, Output};
use crate::model::utf16::Utf16Map;
use crate::model::{AnnotationId, Document, Project, Target};
use serde::Serialize;
use std::collections::HashMap;

// The records both formats are made of, borrowing from the project: a
// 100,000-annotation export built as `serde_json::Value` maps spent most of its
// time allocating their keys.

/// A doccano span.
#[derive(Serialize)]
struct DoccanoEntity<'p> {
    id: usize,
    start_offset: usize,
    end_offset: usize,
    label: &'p str,
}

/// A doccano relation between two spans' ids.
#[derive(Serialize)]
struct DoccanoRelation<'p> {
    id: usize,
    from_id: usize,
    to_id: usize,
    #[serde(rename = "type")]
    kind: &'p str,
}

/// One doccano line: a document with its spans and relations.
#[derive(Serialize)]
struct DoccanoLine<'p> {
    text: &'p str,
    entities: Vec<DoccanoEntity<'p>>,
    relations: Vec<DoccanoRelation<'p>>,
    title: &'p str,
    document_id: String,
}

/// A Label Studio result: a labelled region or a relation.
#[derive(Serialize)]
#[serde(untagged)]
enum LabelStudioResult<'p> {
    Region(LabelStudioRegion<'p>),
    Relation(LabelStudioRelation<'p>),
}

/// A Label Studio `labels` region.
#[derive(Serialize)]
struct LabelStudioRegion<'p> {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    origin: &'static str,
    value: LabelStudioValue<'p>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<LabelStudioMeta<'p>>,
}

/// Where a region lies and what it is labelled.
#[derive(Serialize)]
struct LabelStudioValue<'p> {
    start: usize,
    end: usize,
    text: &'p str,
    labels: [&'p str; 1],
}

/// A region's note.
#[derive(Serialize)]
struct LabelStudioMeta<'p> {
    text: [&'p str; 1],
}

/// A Label Studio relation between two regions.
#[derive(Serialize)]
struct LabelStudioRelation<'p> {
    from_id: String,
    to_id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    direction: &'static str,
    labels: [&'p str; 1],
}

/// A Label Studio task: a document and its one annotation.
#[derive(Serialize)]
struct LabelStudioTask<'p> {
    id: usize,
    data: LabelStudioData<'p>,
    annotations: [LabelStudioAnnotation<'p>; 1],
}

/// A task's document.
#[derive(Serialize)]
struct LabelStudioData<'p> {
    text: &'p str,
    title: &'p str,
    document_id: String,
}

/// A task's annotation: its results.
#[derive(Serialize)]
struct LabelStudioAnnotation<'p> {
    result: Vec<LabelStudioResult<'p>>,
}

fn converter(d: &Document, offsets: Offsets) -> impl Fn(usize) -> usize {
    let map = match offsets {
        Offsets::Utf16 => Some(Utf16Map::new(d.text())),
        Offsets::CodePoints => None,
    };
    move |cp| map.as_ref().map_or(cp, |m| m.to_utf16(cp))
}

fn tag_label<'p>(project: &'p Project, key: &'p str) -> &'p str {
    project.tags.get(key).map_or(key, |t| t.label.as_str())
}

/// Relations between two annotations of `d`: (relation, from, to).
fn relations_in<'p>(
    project: &'p Project,
    d: &Document,
) -> impl Iterator<Item = (&'p crate::model::Relation, AnnotationId, AnnotationId)> {
    let doc = d.id;
    project
        .relations()
        .iter()
        .filter_map(move |r| match (r.from, r.to) {
            (Target::Annotation(a), Target::Annotation(b))
                if project.document_of(a) == Some(doc) && project.document_of(b) == Some(doc) =>
            {
                Some((r, a, b))
            }
            _ => None,
        })
}

fn split_warning(n: usize) -> Vec<String> {
    if n == 0 {
        Vec::new()
    } else {
        vec![format!(
            "{n} discontinuous annotation(s) written as one span per fragment \
             (the format has no discontinuous spans)"
        )]
    }
}

pub(super) fn doccano(
    project: &Project,
    docs: &[&Document],
    offsets: Offsets,
) -> Result<Output, ExportError> {
    let mut out = Vec::new();
    let mut split = 0;
    for d in docs {
        let at = converter(d, offsets);
        let mut entities = Vec::with_capacity(d.annotations().len());
        // Each annotation's (first) entity id, for relations.
        let mut first_id: HashMap<AnnotationId, usize> = HashMap::new();
        let mut next = 1;
        for a in d.annotations() {
            split += usize::from(a.is_discontinuous());
            for (s, e) in a.ranges() {
                first_id.entry(a.id).or_insert(next);
                entities.push(DoccanoEntity {
                    id: next,
                    start_offset: at(s),
                    end_offset: at(e),
                    label: tag_label(project, &a.tag),
                });
                next += 1;
            }
        }
        let relations = relations_in(project, d)
            .enumerate()
            .filter_map(|(i, (r, a, b))| {
                Some(DoccanoRelation {
                    id: i + 1,
                    from_id: *first_id.get(&a)?,
                    to_id: *first_id.get(&b)?,
                    kind: project.relation_label(&r.kind),
                })
            })
            .collect();
        let line = DoccanoLine {
            text: d.text(),
            entities,
            relations,
            title: &d.title,
            document_id: d.id.to_string(),
        };
        serde_json::to_writer(&mut out, &line)?;
        out.push(b'\n');
    }
    Ok(Output {
        content: Content::File(out),
        warnings: split_warning(split),
    })
}

pub(super) fn label_studio(
    project: &Project,
    docs: &[&Document],
    offsets: Offsets,
) -> Result<Output, ExportError> {
    let mut tasks = Vec::with_capacity(docs.len());
    let mut split = 0;
    for (i, d) in docs.iter().enumerate() {
        let at = converter(d, offsets);
        let mut result = Vec::with_capacity(d.annotations().len());
        for a in d.annotations() {
            split += usize::from(a.is_discontinuous());
            for (k, (s, e)) in a.ranges().enumerate() {
                let id = if k == 0 {
                    a.id.to_string()
                } else {
                    format!("{}-{}", a.id, k + 1)
                };
                result.push(LabelStudioResult::Region(LabelStudioRegion {
                    id,
                    from_name: "label",
                    to_name: "text",
                    kind: "labels",
                    origin: "manual",
                    value: LabelStudioValue {
                        start: at(s),
                        end: at(e),
                        text: d.slice(s, e).unwrap_or_default(),
                        labels: [tag_label(project, &a.tag)],
                    },
                    meta: (!a.note.is_empty()).then_some(LabelStudioMeta { text: [&a.note] }),
                }));
            }
        }
        for (r, a, b) in relations_in(project, d) {
            result.push(LabelStudioResult::Relation(LabelStudioRelation {
                from_id: a.to_string(),
                to_id: b.to_string(),
                kind: "relation",
                direction: "right",
                labels: [project.relation_label(&r.kind)],
            }));
        }
        tasks.push(LabelStudioTask {
            id: i + 1,
            data: LabelStudioData {
                text: d.text(),
                title: &d.title,
                document_id: d.id.to_string(),
            },
            annotations: [LabelStudioAnnotation { result }],
        });
    }
    let mut bytes = serde_json::to_vec_pretty(&tasks)?;
    bytes.push(b'\n');
    Ok(Output {
        content: Content::File(bytes),
        warnings: split_warning(split),
    })
}
