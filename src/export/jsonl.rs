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
use serde_json::{Value, json};
use std::collections::HashMap;

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
                entities.push(json!({
                    "id": next,
                    "start_offset": at(s),
                    "end_offset": at(e),
                    "label": tag_label(project, &a.tag),
                }));
                next += 1;
            }
        }
        let relations: Vec<Value> = relations_in(project, d)
            .enumerate()
            .filter_map(|(i, (r, a, b))| {
                Some(json!({
                    "id": i + 1,
                    "from_id": first_id.get(&a)?,
                    "to_id": first_id.get(&b)?,
                    "type": project.relation_label(&r.kind),
                }))
            })
            .collect();
        let line = json!({
            "text": d.text(),
            "entities": entities,
            "relations": relations,
            "title": d.title,
            "document_id": d.id.to_string(),
        });
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
                let mut region = json!({
                    "id": id,
                    "from_name": "label",
                    "to_name": "text",
                    "type": "labels",
                    "origin": "manual",
                    "value": {
                        "start": at(s),
                        "end": at(e),
                        "text": d.slice(s, e).unwrap_or_default(),
                        "labels": [tag_label(project, &a.tag)],
                    },
                });
                if !a.note.is_empty() {
                    region["meta"] = json!({ "text": [a.note] });
                }
                result.push(region);
            }
        }
        for (r, a, b) in relations_in(project, d) {
            result.push(json!({
                "from_id": a.to_string(),
                "to_id": b.to_string(),
                "type": "relation",
                "direction": "right",
                "labels": [project.relation_label(&r.kind)],
            }));
        }
        tasks.push(json!({
            "id": i + 1,
            "data": {
                "text": d.text(),
                "title": d.title,
                "document_id": d.id.to_string(),
            },
            "annotations": [{ "result": result }],
        }));
    }
    let mut bytes = serde_json::to_vec_pretty(&tasks)?;
    bytes.push(b'\n');
    Ok(Output {
        content: Content::File(bytes),
        warnings: split_warning(split),
    })
}
