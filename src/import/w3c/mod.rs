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

mod shape;

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
use shape::{Agent, Body, Many, Node, Ref, Str, has_type, iri_of};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// A W3C JSON file read into memory; [`import`] parses it in place, borrowing its
/// strings instead of copying them.
#[derive(Clone, Debug)]
pub struct W3cFile {
    /// The file's name, for messages.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Reads W3C JSON files (parsed by [`import`], once).
pub fn read_files(paths: &[PathBuf]) -> Result<Vec<W3cFile>, AnnotationImportError> {
    if paths.is_empty() {
        return Err(AnnotationImportError::NoFiles(
            "W3C JSON",
            "the arguments".into(),
        ));
    }
    paths
        .iter()
        .map(|p| {
            let bytes = read(p)?;
            let name = p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok(W3cFile { name, bytes })
        })
        .collect()
}

/// Collects the annotations of a collection, page, annotation or list.
fn collect<'n, 'a: 'n, N: std::borrow::Borrow<Node<'a>>>(
    file: &str,
    item: &'n Ref<'a, N>,
    out: &mut Vec<&'n Node<'a>>,
    warnings: &mut Vec<String>,
    depth: usize,
) {
    match item {
        Ref::Object(node) => collect_node(file, node.borrow(), out, warnings, depth),
        Ref::Iri(iri) => warnings.push(format!(
            "{file}: an item given only by its IRI ({}) is not imported; put the annotation itself in the file",
            crate::model::text::short(iri, 120)
        )),
        Ref::Other => warnings.push(format!(
            "{file}: an item that is not an Annotation, page or collection is not imported"
        )),
    }
}

fn collect_node<'n, 'a>(
    file: &str,
    v: &'n Node<'a>,
    out: &mut Vec<&'n Node<'a>>,
    warnings: &mut Vec<String>,
    depth: usize,
) {
    if depth > 16 {
        warnings.push(format!("{file}: nested too deeply; the rest is not read"));
        return;
    }
    if has_type(&v.types, "AnnotationCollection") {
        match &v.first {
            Some(Ref::Object(page)) => collect_node(file, page, out, warnings, depth + 1),
            Some(Ref::Iri(s)) => warnings.push(format!(
                "{file}: the collection's pages are not in the file (first page {s}); fetch them and import the pages"
            )),
            _ => {}
        }
    } else if has_type(&v.types, "AnnotationPage") {
        for i in v.items.iter() {
            collect(file, i, out, warnings, depth + 1);
        }
        match &v.next {
            Some(Ref::Object(next)) => collect_node(file, next, out, warnings, depth + 1),
            Some(Ref::Iri(s)) => warnings.push(format!(
                "{file}: the next page {s} is not in the file; import it too"
            )),
            _ => {}
        }
    } else if has_type(&v.types, "Annotation") {
        out.push(v);
    } else {
        let types: Vec<&str> = v.types.iter().filter_map(Str::get).collect();
        warnings.push(format!(
            "{file}: an item that is not an Annotation, page or collection is not imported (id {}, type {})",
            v.id.get().unwrap_or("none"),
            if types.is_empty() { "none".into() } else { types.join(", ") }
        ));
    }
}

fn uuid_of(iri: &str) -> Option<uuid::Uuid> {
    iri.strip_prefix("urn:uuid:")
        .and_then(|u| uuid::Uuid::parse_str(u).ok())
}

fn time_of(v: &Str<'_>) -> Option<DateTime<Utc>> {
    v.get()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
}

fn author_of(v: &Many<Ref<'_, Agent<'_>>>) -> String {
    match v.first() {
        Some(Ref::Iri(s)) => s.to_string(),
        Some(Ref::Object(o)) => [&o.name, &o.nickname, &o.id]
            .into_iter()
            .find_map(Str::get)
            .unwrap_or_default()
            .to_owned(),
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
fn target_parts<'t>(
    t: &'t Ref<'_, shape::Target<'_>>,
) -> (Option<&'t str>, Option<(usize, usize)>, Option<Quote<'t>>) {
    let t = match t {
        Ref::Iri(s) => return (Some(s), None, None),
        Ref::Object(t) => t,
        Ref::Other => return (None, None, None),
    };
    let mut position = None;
    let mut quote = None;
    for s in t.selector.iter() {
        let Ref::Object(s) = s else { continue };
        if has_type(&s.types, "TextPositionSelector") {
            if let (Some(a), Some(b)) = (s.start.0, s.end.0) {
                position = Some((a, b));
            }
        } else if has_type(&s.types, "TextQuoteSelector")
            && let Some(exact) = s.exact.get()
        {
            quote = Some(Quote {
                exact,
                prefix: s.prefix.or_empty(),
                suffix: s.suffix.or_empty(),
            });
        }
    }
    (t.source_iri(), position, quote)
}

/// What the bodies of one annotation say.
#[derive(Default)]
struct Bodies<'b> {
    tag: Option<&'b str>,
    entity: Option<&'b str>,
    status: Option<ClaimStatus>,
    notes: Vec<String>,
    links: Vec<&'b str>,
    homeless: Vec<String>,
}

fn bodies<'b>(item: &'b Node<'_>) -> Bodies<'b> {
    let mut b = Bodies::default();
    if let Some(v) = item.body_value.get() {
        b.notes.push(v.to_owned());
    }
    for body in item.body.iter() {
        let body: &Body<'_> = match body {
            Ref::Object(body) => body,
            Ref::Iri(iri) => {
                b.homeless.push(format!("the resource {iri}"));
                continue;
            }
            Ref::Other => {
                b.homeless
                    .push("a body that is not an object or an IRI".into());
                continue;
            }
        };
        let purpose = body.purpose.or_empty();
        match (purpose, body.text(), body.source_iri()) {
            ("tagging" | "classifying", Some(v), _) if b.tag.is_none() => b.tag = Some(v),
            ("identifying", _, Some(s)) if b.entity.is_none() => b.entity = Some(s),
            ("assessing", Some(v), _) if b.status.is_none() => match ClaimStatus::parse(v) {
                Some(s) => b.status = Some(s),
                None => b.notes.push(format!("assessing: {v}")),
            },
            ("linking", _, Some(s)) => b.links.push(s),
            ("commenting" | "describing" | "replying" | "", Some(v), _) => {
                b.notes.push(v.to_owned())
            }
            ("tagging" | "classifying", Some(v), _) => b.notes.push(format!("{purpose}: {v}")),
            _ => b.homeless.push(body.describe()),
        }
    }
    b
}

/// One annotation of a file, anchored and built as far as it can be on its own.
// Nearly every item is `Ready`: boxing it would cost an allocation per annotation.
#[allow(clippy::large_enum_variant)]
enum Prepared<'b> {
    /// A `linking` annotation: a relation, read once every annotation has an id.
    Linking,
    /// Its id is an annotation the project has.
    Present(AnnotationId),
    /// It cannot be anchored, for this reason.
    Unanchored(String),
    /// Anchored in `doc`.
    Ready {
        /// The document.
        doc: DocumentId,
        /// The annotation, with a fresh id and no entity yet.
        annotation: Annotation,
        /// What its bodies say.
        bodies: Bodies<'b>,
        /// Whether its tag is not in the project yet.
        new_tag: bool,
    },
}

/// Anchors `item` and builds its annotation: everything that depends on nothing
/// but the project and the item, so items can be prepared on several threads.
fn prepare<'b>(
    project: &Project,
    docs_by_iri: &HashMap<String, Vec<DocumentId>>,
    item: &'b Node<'_>,
) -> Prepared<'b> {
    let item_iri = item.id.or_empty();
    let first_motivation = item.motivation.iter().find_map(Str::get);
    let b = bodies(item);
    let linking = item.motivation.iter().any(|m| m.get() == Some("linking"));
    if linking || (!b.links.is_empty() && b.entity.is_none()) {
        return Prepared::Linking;
    }
    if let Some(id) = uuid_of(item_iri)
        .map(AnnotationId)
        .filter(|id| project.document_of(*id).is_some())
    {
        return Prepared::Present(id);
    }
    let mut doc: Option<&Document> = None;
    let mut fragments = Vec::new();
    for t in item.target.iter() {
        let (source, position, quote) = target_parts(t);
        let Some(source) = source else {
            return Prepared::Unanchored("a target without a source".into());
        };
        let candidates = docs_by_iri
            .get(source)
            .into_iter()
            .flatten()
            .filter_map(|id| project.document(*id));
        let mut any = false;
        let mut found = None;
        for d in candidates {
            any = true;
            if doc.is_none_or(|x| x.id == d.id)
                && let Some(r) = anchor(d, position, quote.as_ref())
            {
                found = Some((d, r));
                break;
            }
        }
        if !any {
            return Prepared::Unanchored(format!(
                "its target {source} is not a document of the project"
            ));
        }
        if position.is_none() && quote.is_none() {
            return Prepared::Unanchored(format!(
                "its target {source} names the whole document, not a span"
            ));
        }
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
                return Prepared::Unanchored(format!("{what} is not in the text of {source}"));
            }
        }
    }
    let Some(d) = doc else {
        return Prepared::Unanchored("it has no target".into());
    };
    let merged = crate::model::merge_ranges(fragments);
    // The tag: by key, else by label, else a new one named so.
    let tag_name = b.tag.or(first_motivation).unwrap_or("annotation");
    let known = project
        .tags
        .get(tag_name)
        .or_else(|| project.tags.find(tag_name));
    let tag = known.map_or(tag_name, |t| t.key.as_str());
    let author = author_of(&item.creator);
    let Some(mut a) = Annotation::new_fragmented(d.text(), d.char_index(), tag, &merged, &author)
    else {
        return Prepared::Unanchored("its fragments lie outside the text".into());
    };
    if let Some(t) = time_of(&item.created) {
        a.created = t;
    }
    a.modified = time_of(&item.modified).unwrap_or(a.created);
    a.status = b.status;
    a.note = b.notes.join("\n");
    Prepared::Ready {
        doc: d.id,
        annotation: a,
        bodies: b,
        new_tag: known.is_none(),
    }
}

/// Builds the import of parsed W3C files (file name, JSON) into `project`.
/// A file that is not JSON (or nests deeper than the parser allows) fails the
/// whole import: nothing is imported then.
pub fn import(
    project: &Project,
    files: &[W3cFile],
) -> Result<AnnotationImport, AnnotationImportError> {
    let mut warnings = Vec::new();
    let parsed = files
        .iter()
        .map(|f| {
            shape::parse(&f.bytes)
                .map(|file| (f.name.as_str(), file))
                .map_err(|e| AnnotationImportError::Json {
                    path: f.name.clone(),
                    why: e.to_string(),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut items: Vec<(&str, &Node<'_>)> = Vec::new();
    for (name, file) in &parsed {
        let mut found = Vec::new();
        for item in file.iter() {
            collect(name, item, &mut found, &mut warnings, 0);
        }
        items.extend(found.into_iter().map(|i| (*name, i)));
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
    let mut annotations: Vec<(DocumentId, Annotation)> = Vec::with_capacity(items.len());
    let mut imported_ids: HashSet<AnnotationId> = HashSet::with_capacity(items.len());
    // IRIs of imported (or already present) annotations, for relations.
    let mut annotation_by_iri: HashMap<&str, AnnotationId> = HashMap::with_capacity(items.len());
    let mut linking: Vec<(&str, &Node<'_>)> = Vec::new();
    // Each annotation is anchored and built on its own, spread over the cores
    // (the bulk of the work); what ties them together — new tags and entities,
    // ids and the IRIs relations point to — is settled after, in file order.
    let prepared = crate::par::map(&items, 2_000, |(_, item)| {
        prepare(project, &docs_by_iri, item)
    });
    for ((file, item), prepared) in items.iter().copied().zip(prepared) {
        let item_iri = item.id.or_empty();
        // For warnings only.
        let name = || {
            if item_iri.is_empty() {
                "an annotation without id"
            } else {
                item_iri
            }
        };
        let (doc, mut a, b, new_tag) = match prepared {
            Prepared::Linking => {
                linking.push((file, item));
                continue;
            }
            Prepared::Present(id) => {
                annotation_by_iri.insert(item_iri, id);
                warnings.push(format!(
                    "{file}: {} is already in the project; kept as it is",
                    name()
                ));
                continue;
            }
            Prepared::Unanchored(why) => {
                warnings.push(format!(
                    "{file}: {} cannot be anchored: {why}; not imported",
                    name()
                ));
                continue;
            }
            Prepared::Ready {
                doc,
                annotation,
                bodies,
                new_tag,
            } => (doc, annotation, bodies, new_tag),
        };
        if new_tag {
            match new_tags.iter_mut().find(|(k, _)| *k == a.tag) {
                Some(t) => t.1 |= b.entity.is_some(),
                None => new_tags.push((a.tag.clone(), b.entity.is_some())),
            }
        }
        if let Some(id) = uuid_of(item_iri).map(AnnotationId)
            && !imported_ids.contains(&id)
        {
            a.id = id;
        }
        imported_ids.insert(a.id);
        if !item_iri.is_empty() {
            annotation_by_iri.insert(item_iri, a.id);
        }
        if let Some(e) = b.entity {
            let id = uuid_of(e)
                .map(EntityId)
                .filter(|id| project.entity(*id).is_some());
            a.entity = Some(match (id, entity_ids.get(e)) {
                (Some(id), _) => id,
                (None, Some(id)) => *id,
                (None, None) => {
                    let tag = &a.tag;
                    let mut entity = Entity::new(tag.clone(), a.quote.clone());
                    if let Some(u) = uuid_of(e) {
                        entity.id = EntityId(u);
                    } else {
                        entity.note = e.to_owned();
                    }
                    warnings.push(format!(
                        "{file}: {} identifies {e}, which is not in the project; a {tag} entity “{}” was created for it",
                        name(),
                        entity.name
                    ));
                    entity_ids.insert(e.to_owned(), entity.id);
                    let id = entity.id;
                    new_entities.push(entity);
                    id
                }
            });
        }
        for h in &b.homeless {
            warnings.push(format!(
                "{file}: {}: a body with no place in Dossier is not imported: {h}",
                name()
            ));
        }
        annotations.push((doc, a));
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
        let item_iri = item.id.or_empty();
        let name = if item_iri.is_empty() {
            "a linking annotation without id".to_owned()
        } else {
            item_iri.to_owned()
        };
        let b = bodies(item);
        let from = item.target.first().and_then(|t| iri_of(t, |t| t.id.get()));
        let (Some(from), Some(to)) = (from, b.links.first().copied()) else {
            warnings.push(format!(
                "{file}: {name} does not link a target to a resource; not imported"
            ));
            continue;
        };
        let (Some(from_t), Some(to_t)) = (resolve(from), resolve(to)) else {
            warnings.push(format!(
                "{file}: {name} links {from} to {to}, not both in the project; not imported"
            ));
            continue;
        };
        let kind = b.tag.unwrap_or("linked").to_owned();
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
            author: author_of(&item.creator),
            modified: time_of(&item.modified),
        });
    }
    // The batch: tags, kinds, entities, annotations, relations.
    let mut summary = ImportSummary::default();
    let mut commands = Vec::with_capacity(
        new_tags.len() + new_kinds.len() + new_entities.len() + annotations.len() + relations.len(),
    );
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
    Ok(AnnotationImport {
        command,
        warnings,
        summary,
    })
}
