//! W3C Web Annotation in: annotations whose target names a document of the project
//! — by its canonical URL, by `urn:dossier:article:sha256:…` of its text, or by
//! `urn:uuid:` of its id — become annotations of that document.
//!
//! A target is anchored by its `TextPositionSelector` when the text there is the
//! `TextQuoteSelector`'s `exact` (or there is no quote), else by the quote: every
//! occurrence of `exact` is scored by how much of `prefix` and `suffix` matches
//! around it, the best kept (ties: the one nearest the position given). Several
//! targets on one document are the fragments of one discontinuous annotation (the
//! shape Dossier's export writes). Bodies: `tagging`/`classifying` → the tag
//! (created if missing), `identifying` → the entity (`urn:uuid:` of an entity of the
//! project, else one is created named by the quote), `assessing` → a claim's status,
//! `commenting` or a `bodyValue` → the note. `linking` annotations become relations.
//! Ids (`urn:uuid:`), `creator`, `created` and `modified` are kept, so an export
//! imported into a copy of the project without its annotations gives them back
//! exactly. Annotations that cannot be anchored, bodies with no home, and ids the
//! project already has are listed in the warnings, never dropped silently.

use super::annotations::{
    AnnotationImport, AnnotationImportError, ImportSummary, new_colors, read,
};
use crate::commands::Command;
use crate::export::{document_iri, text_hash_iri};
use crate::model::{
    Annotation, AnnotationId, ClaimStatus, Document, DocumentId, Entity, EntityId, Project,
    Relation, RelationId, RelationKind, TagDef, TagKind, Target,
};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Reads and parses W3C JSON files.
pub fn read_files(paths: &[PathBuf]) -> Result<Vec<(String, Value)>, AnnotationImportError> {
    if paths.is_empty() {
        return Err(AnnotationImportError::NoFiles(
            "W3C JSON",
            "the arguments".into(),
        ));
    }
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        let bytes = read(p)?;
        let value: Value =
            serde_json::from_slice(&bytes).map_err(|e| AnnotationImportError::Json {
                path: p.display().to_string(),
                why: e.to_string(),
            })?;
        let name = p.file_name().map_or_else(
            || p.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        files.push((name, value));
    }
    Ok(files)
}

/// Whether `v`'s `type` is (or includes) `name`.
fn has_type(v: &Value, name: &str) -> bool {
    match v.get("type").or_else(|| v.get("@type")) {
        Some(Value::String(s)) => s == name,
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str() == Some(name)),
        _ => false,
    }
}

/// A value that may be one item or a list of them.
fn many(v: Option<&Value>) -> Vec<&Value> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
    }
}

/// An IRI given as a string or as an object's `id`.
fn iri(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id").or_else(|| o.get("@id")).and_then(Value::as_str),
        _ => None,
    }
}

/// Collects the annotations of a collection, page, annotation or list.
fn collect<'v>(
    file: &str,
    v: &'v Value,
    out: &mut Vec<&'v Value>,
    warnings: &mut Vec<String>,
    depth: usize,
) {
    if depth > 16 {
        warnings.push(format!("{file}: nested too deeply; the rest is not read"));
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                collect(file, i, out, warnings, depth + 1);
            }
        }
        v if has_type(v, "AnnotationCollection") => match v.get("first") {
            Some(page @ Value::Object(_)) => collect(file, page, out, warnings, depth + 1),
            Some(Value::String(s)) => warnings.push(format!(
                "{file}: the collection's pages are not in the file (first page {s}); fetch them and import the pages"
            )),
            _ => {}
        },
        v if has_type(v, "AnnotationPage") => {
            for i in many(v.get("items")) {
                collect(file, i, out, warnings, depth + 1);
            }
            match v.get("next") {
                Some(next @ Value::Object(_)) => collect(file, next, out, warnings, depth + 1),
                Some(Value::String(s)) => warnings.push(format!(
                    "{file}: the next page {s} is not in the file; import it too"
                )),
                _ => {}
            }
        }
        v if has_type(v, "Annotation") => out.push(v),
        other => warnings.push(format!(
            "{file}: an item that is not an Annotation, page or collection is not imported: {}",
            short_json(other)
        )),
    }
}

fn short_json(v: &Value) -> String {
    crate::model::text::short(&v.to_string(), 120)
}

fn uuid_of(iri: &str) -> Option<uuid::Uuid> {
    iri.strip_prefix("urn:uuid:")
        .and_then(|u| uuid::Uuid::parse_str(u).ok())
}

fn time_of(v: Option<&Value>) -> Option<DateTime<Utc>> {
    v.and_then(Value::as_str)
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn author_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Object(o)) => ["name", "nickname", "id"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .unwrap_or_default()
            .to_owned(),
        Some(Value::Array(a)) => a.first().map(|x| author_of(Some(x))).unwrap_or_default(),
        _ => String::new(),
    }
}

/// A target's quote selector.
struct Quote<'v> {
    exact: &'v str,
    prefix: &'v str,
    suffix: &'v str,
}

/// The span a target names in `d`, if it can be found.
fn anchor(
    d: &Document,
    position: Option<(usize, usize)>,
    quote: Option<&Quote<'_>>,
) -> Option<(usize, usize)> {
    let len = d.char_len();
    if let Some((s, e)) = position
        && s < e
        && e <= len
    {
        match quote {
            None => return Some((s, e)),
            Some(q) if d.slice(s, e) == Some(q.exact) => return Some((s, e)),
            _ => {}
        }
    }
    let q = quote?;
    if q.exact.is_empty() {
        return None;
    }
    let text = d.text();
    let index = d.char_index();
    let finder = memchr::memmem::Finder::new(q.exact.as_bytes());
    let exact_chars = q.exact.chars().count();
    let mut best: Option<(usize, usize, usize)> = None; // score, distance, start
    for byte in finder.find_iter(text.as_bytes()) {
        let before = &text[..byte];
        let after = &text[byte + q.exact.len()..];
        let pre = before
            .chars()
            .rev()
            .zip(q.prefix.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let suf = after
            .chars()
            .zip(q.suffix.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let Some(start) = index.char_of(text, byte) else {
            continue;
        };
        let distance = position.map_or(0, |(s, _)| s.abs_diff(start));
        let score = pre + suf;
        let better = match best {
            None => true,
            Some((bs, bd, _)) => score > bs || (score == bs && distance < bd),
        };
        if better {
            best = Some((score, distance, start));
        }
    }
    best.map(|(_, _, s)| (s, s + exact_chars))
}

/// One target: its document IRI and selectors.
fn target_parts(t: &Value) -> (Option<&str>, Option<(usize, usize)>, Option<Quote<'_>>) {
    let source = t.get("source").and_then(iri);
    let mut position = None;
    let mut quote = None;
    for s in many(t.get("selector")) {
        if has_type(s, "TextPositionSelector") {
            let n = |k| {
                s.get(k)
                    .and_then(Value::as_u64)
                    .and_then(|n| usize::try_from(n).ok())
            };
            if let (Some(a), Some(b)) = (n("start"), n("end")) {
                position = Some((a, b));
            }
        } else if has_type(s, "TextQuoteSelector")
            && let Some(exact) = s.get("exact").and_then(Value::as_str)
        {
            quote = Some(Quote {
                exact,
                prefix: s.get("prefix").and_then(Value::as_str).unwrap_or_default(),
                suffix: s.get("suffix").and_then(Value::as_str).unwrap_or_default(),
            });
        }
    }
    (source, position, quote)
}

/// What the bodies of one annotation say.
#[derive(Default)]
struct Bodies {
    tag: Option<String>,
    entity: Option<String>,
    status: Option<ClaimStatus>,
    notes: Vec<String>,
    links: Vec<String>,
    homeless: Vec<String>,
}

fn bodies(item: &Value) -> Bodies {
    let mut b = Bodies::default();
    if let Some(v) = item.get("bodyValue").and_then(Value::as_str) {
        b.notes.push(v.to_owned());
    }
    for body in many(item.get("body")) {
        let purpose = body
            .get("purpose")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let value = body
            .get("value")
            .or_else(|| body.get("rdf:value"))
            .and_then(Value::as_str);
        let source = body.get("source").and_then(iri);
        match (purpose, value, source) {
            ("tagging" | "classifying", Some(v), _) if b.tag.is_none() => {
                b.tag = Some(v.to_owned())
            }
            ("identifying", _, Some(s)) if b.entity.is_none() => b.entity = Some(s.to_owned()),
            ("assessing", Some(v), _) if b.status.is_none() => match ClaimStatus::parse(v) {
                Some(s) => b.status = Some(s),
                None => b.notes.push(format!("assessing: {v}")),
            },
            ("linking", _, Some(s)) => b.links.push(s.to_owned()),
            ("commenting" | "describing" | "replying" | "", Some(v), _) => {
                b.notes.push(v.to_owned())
            }
            ("tagging" | "classifying", Some(v), _) => b.notes.push(format!("{purpose}: {v}")),
            _ => b.homeless.push(short_json(body)),
        }
    }
    b
}

/// Builds the import of parsed W3C files (file name, JSON) into `project`.
pub fn import(project: &Project, files: &[(String, Value)]) -> AnnotationImport {
    let mut warnings = Vec::new();
    let mut items: Vec<(&str, &Value)> = Vec::new();
    for (name, v) in files {
        let mut found = Vec::new();
        collect(name, v, &mut found, &mut warnings, 0);
        items.extend(found.into_iter().map(|i| (name.as_str(), i)));
    }
    // Documents by every name they go by.
    let mut docs_by_iri: HashMap<String, Vec<DocumentId>> = HashMap::new();
    for d in project.documents() {
        let mut names = vec![
            document_iri(d),
            text_hash_iri(d.text()),
            format!("urn:uuid:{}", d.id),
        ];
        names.dedup();
        for n in names {
            docs_by_iri.entry(n).or_default().push(d.id);
        }
    }
    let mut new_tags: Vec<(String, bool)> = Vec::new(); // key, has an entity
    let mut new_entities: Vec<Entity> = Vec::new();
    let mut entity_ids: HashMap<String, EntityId> = HashMap::new();
    let mut annotations: Vec<(DocumentId, Annotation)> = Vec::new();
    let mut imported_ids: HashSet<AnnotationId> = HashSet::new();
    // IRIs of imported (or already present) annotations, for relations.
    let mut annotation_by_iri: HashMap<String, AnnotationId> = HashMap::new();
    let mut linking: Vec<(&str, &Value)> = Vec::new();
    for (file, item) in items {
        let item_iri = item.get("id").and_then(Value::as_str).unwrap_or_default();
        let motivations: Vec<&str> = many(item.get("motivation"))
            .into_iter()
            .filter_map(Value::as_str)
            .collect();
        let b = bodies(item);
        if motivations.contains(&"linking") || (!b.links.is_empty() && b.entity.is_none()) {
            linking.push((file, item));
            continue;
        }
        let name = if item_iri.is_empty() {
            "an annotation without id".to_owned()
        } else {
            item_iri.to_owned()
        };
        let existing = uuid_of(item_iri)
            .map(AnnotationId)
            .filter(|id| project.document_of(*id).is_some());
        if let Some(id) = existing {
            annotation_by_iri.insert(item_iri.to_owned(), id);
            warnings.push(format!(
                "{file}: {name} is already in the project; kept as it is"
            ));
            continue;
        }
        let targets = many(item.get("target"));
        let mut doc: Option<&Document> = None;
        let mut fragments = Vec::new();
        let mut failed: Option<String> = None;
        for t in &targets {
            let (source, position, quote) = match t {
                Value::String(s) => (Some(s.as_str()), None, None),
                t => target_parts(t),
            };
            let Some(source) = source else {
                failed = Some("a target without a source".into());
                break;
            };
            let candidates: Vec<&Document> = docs_by_iri
                .get(source)
                .into_iter()
                .flatten()
                .filter_map(|id| project.document(*id))
                .collect();
            if candidates.is_empty() {
                failed = Some(format!(
                    "its target {source} is not a document of the project"
                ));
                break;
            }
            if position.is_none() && quote.is_none() {
                failed = Some(format!(
                    "its target {source} names the whole document, not a span"
                ));
                break;
            }
            let found = candidates
                .iter()
                .filter(|d| doc.is_none_or(|x| x.id == d.id))
                .find_map(|d| anchor(d, position, quote.as_ref()).map(|r| (*d, r)));
            match found {
                Some((d, r)) => {
                    doc = Some(d);
                    fragments.push(r);
                }
                None => {
                    let what = quote.as_ref().map_or_else(
                        || format!("{position:?}"),
                        |q| format!("“{}”", crate::model::text::short(q.exact, 60)),
                    );
                    failed = Some(format!("{what} is not in the text of {source}"));
                    break;
                }
            }
        }
        let (Some(d), None) = (doc, failed.as_ref()) else {
            let why = failed.unwrap_or_else(|| "it has no target".into());
            warnings.push(format!(
                "{file}: {name} cannot be anchored: {why}; not imported"
            ));
            continue;
        };
        fragments.sort_unstable();
        fragments.dedup();
        let mut merged = Vec::with_capacity(fragments.len());
        for (s, e) in fragments {
            match merged.last_mut() {
                Some((_, le)) if s <= *le => *le = (*le).max(e),
                _ => merged.push((s, e)),
            }
        }
        // The tag: by key, else by label, else a new one.
        let tag_name = b
            .tag
            .clone()
            .or_else(|| motivations.first().map(|m| (*m).to_owned()))
            .unwrap_or_else(|| "annotation".into());
        let tag = match project
            .tags
            .get(&tag_name)
            .or_else(|| project.tags.find(&tag_name))
        {
            Some(t) => t.key.clone(),
            None => {
                match new_tags.iter_mut().find(|(k, _)| *k == tag_name) {
                    Some(t) => t.1 |= b.entity.is_some(),
                    None => new_tags.push((tag_name.clone(), b.entity.is_some())),
                }
                tag_name
            }
        };
        let author = author_of(item.get("creator"));
        let Some(mut a) =
            Annotation::new_fragmented(d.text(), d.char_index(), &tag, &merged, &author)
        else {
            warnings.push(format!(
                "{file}: {name} has fragments outside the text; not imported"
            ));
            continue;
        };
        if let Some(id) = uuid_of(item_iri).map(AnnotationId)
            && !imported_ids.contains(&id)
        {
            a.id = id;
        }
        imported_ids.insert(a.id);
        if !item_iri.is_empty() {
            annotation_by_iri.insert(item_iri.to_owned(), a.id);
        }
        if let Some(t) = time_of(item.get("created")) {
            a.created = t;
        }
        a.modified = time_of(item.get("modified")).unwrap_or(a.created);
        a.status = b.status;
        a.note = b.notes.join("\n");
        if let Some(e) = &b.entity {
            let id = uuid_of(e)
                .map(EntityId)
                .filter(|id| project.entity(*id).is_some());
            a.entity = Some(match (id, entity_ids.get(e)) {
                (Some(id), _) => id,
                (None, Some(id)) => *id,
                (None, None) => {
                    let mut entity = Entity::new(tag.clone(), a.quote.clone());
                    if let Some(u) = uuid_of(e) {
                        entity.id = EntityId(u);
                    } else {
                        entity.note = e.clone();
                    }
                    warnings.push(format!(
                        "{file}: {name} identifies {e}, which is not in the project; a {tag} entity “{}” was created for it",
                        entity.name
                    ));
                    entity_ids.insert(e.clone(), entity.id);
                    let id = entity.id;
                    new_entities.push(entity);
                    id
                }
            });
        }
        for h in &b.homeless {
            warnings.push(format!(
                "{file}: {name}: a body with no place in Dossier is not imported: {h}"
            ));
        }
        annotations.push((d.id, a));
    }
    // Relations.
    let mut relations: Vec<Relation> = Vec::new();
    let mut new_kinds: Vec<String> = Vec::new();
    let mut seen: HashSet<(String, Target, Target)> = project
        .relations()
        .iter()
        .map(|r| (r.kind.clone(), r.from, r.to))
        .collect();
    let resolve = |s: &str| -> Option<Target> {
        if let Some(id) = annotation_by_iri.get(s) {
            return Some(Target::Annotation(*id));
        }
        if let Some(u) = uuid_of(s) {
            if project.document_of(AnnotationId(u)).is_some() {
                return Some(Target::Annotation(AnnotationId(u)));
            }
            if project.entity(EntityId(u)).is_some() || new_entities.iter().any(|e| e.id.0 == u) {
                return Some(Target::Entity(EntityId(u)));
            }
            if project.document(DocumentId(u)).is_some() {
                return Some(Target::Document(DocumentId(u)));
            }
        }
        match docs_by_iri.get(s).map(Vec::as_slice) {
            Some([one]) => Some(Target::Document(*one)),
            _ => None,
        }
    };
    for (file, item) in linking {
        let item_iri = item.get("id").and_then(Value::as_str).unwrap_or_default();
        let name = if item_iri.is_empty() {
            "a linking annotation without id".to_owned()
        } else {
            item_iri.to_owned()
        };
        let b = bodies(item);
        let from = many(item.get("target"))
            .first()
            .and_then(|t| iri(t))
            .map(str::to_owned);
        let (Some(from), Some(to)) = (from, b.links.first().cloned()) else {
            warnings.push(format!(
                "{file}: {name} does not link a target to a resource; not imported"
            ));
            continue;
        };
        let (Some(from_t), Some(to_t)) = (resolve(&from), resolve(&to)) else {
            warnings.push(format!(
                "{file}: {name} links {from} to {to}, not both in the project; not imported"
            ));
            continue;
        };
        let kind = b.tag.clone().unwrap_or_else(|| "linked".into());
        let kind = match project
            .relation_kinds
            .iter()
            .find(|k| k.key == kind || k.label == kind)
        {
            Some(k) => k.key.clone(),
            None => {
                if !new_kinds.contains(&kind) {
                    new_kinds.push(kind.clone());
                }
                kind
            }
        };
        if !seen.insert((kind.clone(), from_t, to_t)) {
            warnings.push(format!(
                "{file}: {name} repeats a relation the project has; not imported"
            ));
            continue;
        }
        let id = uuid_of(item_iri)
            .map(RelationId)
            .filter(|id| {
                !project.relations().iter().any(|r| r.id == *id)
                    && !relations.iter().any(|r| r.id == *id)
            })
            .unwrap_or_default();
        relations.push(Relation {
            id,
            kind,
            from: from_t,
            to: to_t,
            note: b.notes.join("\n"),
            author: author_of(item.get("creator")),
            modified: time_of(item.get("modified")),
        });
    }
    // The batch: tags, kinds, entities, annotations, relations.
    let mut summary = ImportSummary::default();
    let mut commands = Vec::new();
    let colors = new_colors(&project.tags, new_tags.len());
    for ((key, entity), color) in new_tags.into_iter().zip(colors) {
        commands.push(Command::AddTag {
            tag: TagDef {
                label: key.clone(),
                key,
                color,
                shortcut: None,
                kind: if entity {
                    TagKind::Entity
                } else {
                    TagKind::Span
                },
                role: None,
            },
            index: None,
        });
        summary.tags += 1;
    }
    for key in new_kinds {
        commands.push(Command::AddRelationKind {
            kind: RelationKind {
                label: key.clone(),
                key,
                role: None,
            },
            index: None,
        });
        summary.relation_kinds += 1;
    }
    summary.entities = new_entities.len();
    commands.extend(new_entities.into_iter().map(|entity| Command::AddEntity {
        entity,
        index: None,
    }));
    summary.annotations = annotations.len();
    let touched: HashSet<DocumentId> = annotations.iter().map(|(d, _)| *d).collect();
    summary.documents = touched.len();
    // In text order per document, so each insertion lands at the end.
    let position: HashMap<DocumentId, usize> = project
        .documents()
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id, i))
        .collect();
    annotations.sort_by_key(|(d, a)| (position.get(d).copied(), a.sort_key()));
    commands.extend(
        annotations
            .into_iter()
            .map(|(doc, annotation)| Command::AddAnnotation { doc, annotation }),
    );
    summary.relations = relations.len();
    commands.extend(relations.into_iter().map(|relation| Command::AddRelation {
        relation,
        index: None,
    }));
    let command = (!commands.is_empty()).then(|| Command::Batch {
        label: format!(
            "Import {}",
            crate::model::text::count(summary.annotations, "W3C annotation")
        ),
        commands,
    });
    AnnotationImport {
        command,
        warnings,
        summary,
    }
}
