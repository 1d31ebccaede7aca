//! Two analysts' annotation layers of the same articles, side by side, and curation:
//! taking either side's annotations (or both) into the current project, span by span
//! or, for everything both agree on, at once — INCEpTION's curation, done offline.
//!
//! A layer is a project, or the annotations one author made in a project. Documents
//! are matched by their text ([`DocKey`]), so analysts who imported an article
//! separately compare. In each matched document, annotations pair up by their ranges:
//! the same ranges and tag (and entity, by name, and status) agree; the same ranges
//! otherwise differ; the rest are only in A or only in B.

use crate::agree::{self, Annotator, DocKey, DocumentUnits};
use crate::commands::{Command, CommandError};
use crate::model::{Annotation, AnnotationId, Document, DocumentId, EntityId, Field, Project};
use std::collections::{BTreeMap, HashMap};

/// One analyst's annotations: a project, or one author's annotations in it.
#[derive(Clone, Copy, Debug)]
pub struct Layer<'p> {
    /// The project.
    pub project: &'p Project,
    /// Only the annotations this author made (`None`: all of them).
    pub author: Option<&'p str>,
}

impl<'p> Layer<'p> {
    /// Whether the layer holds `a`.
    pub fn holds(&self, a: &Annotation) -> bool {
        self.author.is_none_or(|who| a.author == who)
    }

    fn annotations(&self, d: &'p Document) -> impl Iterator<Item = &'p Annotation> + '_ {
        d.annotations().iter().filter(|a| self.holds(a))
    }
}

/// How the two layers relate at one place of the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// Same ranges, tag, entity (by name) and status.
    Agree,
    /// Same ranges; these differ (tag, entity, status).
    Differ(Vec<Field>),
    /// Only layer A has it.
    OnlyA,
    /// Only layer B has it.
    OnlyB,
}

/// One place where the layers are compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// How they relate.
    pub kind: RowKind,
    /// Layer A's annotation there.
    pub a: Option<Annotation>,
    /// Layer B's annotation there.
    pub b: Option<Annotation>,
}

impl Row {
    /// The annotation that places the row (A's, else B's).
    pub fn place(&self) -> Option<&Annotation> {
        self.a.as_ref().or(self.b.as_ref())
    }
}

/// One article both layers have.
#[derive(Clone, Debug, PartialEq)]
pub struct DocComparison {
    /// The text's key.
    pub key: DocKey,
    /// Its title in A.
    pub title: String,
    /// The document in A's project.
    pub a: DocumentId,
    /// The document in B's project.
    pub b: DocumentId,
    /// The rows, in text order.
    pub rows: Vec<Row>,
}

impl DocComparison {
    /// How many rows of each kind: agree, differ, only A, only B.
    pub fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for r in &self.rows {
            n[match r.kind {
                RowKind::Agree => 0,
                RowKind::Differ(_) => 1,
                RowKind::OnlyA => 2,
                RowKind::OnlyB => 3,
            }] += 1;
        }
        n
    }
}

/// Two layers compared.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The articles both have.
    pub documents: Vec<DocComparison>,
    /// Titles of the articles only A has.
    pub only_a: Vec<String>,
    /// Titles of the articles only B has.
    pub only_b: Vec<String>,
}

/// The name of the entity an annotation links to, in its own project, folded for
/// comparing across projects.
fn entity_name(p: &Project, a: &Annotation) -> Option<String> {
    a.entity
        .and_then(|e| p.entity(e))
        .map(|e| e.name.trim().to_lowercase())
}

/// Compares two layers.
pub fn compare(a: &Layer<'_>, b: &Layer<'_>) -> Comparison {
    let keys = |p: &Project| -> BTreeMap<DocKey, DocumentId> {
        let mut m = BTreeMap::new();
        for d in p.documents() {
            m.entry(DocKey::of_text(d.text())).or_insert(d.id);
        }
        m
    };
    let (ka, kb) = (keys(a.project), keys(b.project));
    let mut out = Comparison {
        documents: Vec::new(),
        only_a: Vec::new(),
        only_b: Vec::new(),
    };
    for d in a.project.documents() {
        let key = DocKey::of_text(d.text());
        if ka.get(&key) != Some(&d.id) {
            continue;
        }
        let Some(db) = kb.get(&key).and_then(|id| b.project.document(*id)) else {
            out.only_a.push(d.title.clone());
            continue;
        };
        out.documents.push(DocComparison {
            key,
            title: d.title.clone(),
            a: d.id,
            b: db.id,
            rows: rows(a, d, b, db),
        });
    }
    for d in b.project.documents() {
        if !ka.contains_key(&DocKey::of_text(d.text())) {
            out.only_b.push(d.title.clone());
        }
    }
    out
}

/// The rows of one matched document.
fn rows(a: &Layer<'_>, da: &Document, b: &Layer<'_>, db: &Document) -> Vec<Row> {
    type Ranges = Vec<(usize, usize)>;
    let mut by_ranges: HashMap<Ranges, Vec<&Annotation>> = HashMap::new();
    for x in b.annotations(db) {
        by_ranges.entry(x.ranges().collect()).or_default().push(x);
    }
    let mut out = Vec::new();
    let mut unpaired_a = Vec::new();
    // Same ranges and tag first, then same ranges.
    for pass in 0..2 {
        let list: Vec<&Annotation> = if pass == 0 {
            a.annotations(da).collect()
        } else {
            std::mem::take(&mut unpaired_a)
        };
        for x in list {
            let ranges: Ranges = x.ranges().collect();
            let candidates = by_ranges.entry(ranges).or_default();
            let at = candidates.iter().position(|y| pass == 1 || y.tag == x.tag);
            match at {
                Some(i) => {
                    let y = candidates.remove(i);
                    let mut differ = Vec::new();
                    if x.tag != y.tag {
                        differ.push(Field::Tag);
                    }
                    if entity_name(a.project, x) != entity_name(b.project, y) {
                        differ.push(Field::Entity);
                    }
                    if x.status != y.status {
                        differ.push(Field::Status);
                    }
                    out.push(Row {
                        kind: if differ.is_empty() {
                            RowKind::Agree
                        } else {
                            RowKind::Differ(differ)
                        },
                        a: Some(x.clone()),
                        b: Some(y.clone()),
                    });
                }
                None if pass == 0 => unpaired_a.push(x),
                None => out.push(Row {
                    kind: RowKind::OnlyA,
                    a: Some(x.clone()),
                    b: None,
                }),
            }
        }
    }
    for list in by_ranges.into_values() {
        for y in list {
            out.push(Row {
                kind: RowKind::OnlyB,
                a: None,
                b: Some(y.clone()),
            });
        }
    }
    out.sort_by_key(|r| {
        r.place()
            .map(|p| (p.start, p.end, p.id))
            .unwrap_or((0, 0, AnnotationId(uuid::Uuid::nil())))
    });
    out
}

/// The agreement figures (span and token F1, κ, α, α_U) between the two layers over
/// the articles both have.
pub fn agreement(a: &Layer<'_>, b: &Layer<'_>) -> Result<agree::Report, agree::AgreeError> {
    fn annotator<'p>(name: &str, l: &Layer<'p>) -> Annotator<'p> {
        let documents = l
            .project
            .documents()
            .iter()
            .map(|d| {
                DocumentUnits::new(
                    d.title.as_str(),
                    d.text(),
                    l.annotations(d).map(agree::unit_of).collect(),
                )
            })
            .collect();
        Annotator {
            name: name.to_owned(),
            documents,
        }
    }
    let (x, y) = (annotator("A", a), annotator("B", b));
    agree::agree(&[x, y])
}

/// Which layer's judgement to take at a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// A's: the current project gets A's annotation there, and not B's.
    A,
    /// B's.
    B,
    /// Both annotations.
    Both,
}

/// Why curation could not build its edit.
#[derive(Debug, thiserror::Error)]
pub enum CurateError {
    /// The current project does not have this article.
    #[error("the current project has no copy of this article")]
    NoDocument,
    /// Nothing to change: the project already says that.
    #[error("the project already has that")]
    Nothing,
    /// The edit is refused.
    #[error(transparent)]
    Command(#[from] CommandError),
}

/// Builds the edits that make `target` (the current project) say what `choice`
/// takes at `row` of the article `key`; `a` and `b` are the layers' projects.
/// Annotations the target holds already (a layer of the target itself) are used as
/// they are; others are copied in with a new id and their author, linked to the
/// target's entity of the same id, or else of the same kind and name.
pub fn accept(
    target: &Project,
    (a, b): (&Project, &Project),
    key: DocKey,
    row: &Row,
    choice: Choice,
) -> Result<Vec<Command>, CurateError> {
    let doc = target
        .documents()
        .iter()
        .find(|d| DocKey::of_text(d.text()) == key)
        .ok_or(CurateError::NoDocument)?;
    let mut commands = Vec::new();
    let add = |x: &Annotation, source: &Project, commands: &mut Vec<Command>| {
        commands.push(Command::AddAnnotation {
            doc: doc.id,
            annotation: Annotation {
                id: AnnotationId::new(),
                entity: entity_for(target, source, x),
                ..x.clone()
            },
        });
    };
    let both = || row.a.as_ref().zip(row.b.as_ref());
    if row.kind == RowKind::Agree {
        // One annotation is enough: the first the target has, the others removed.
        let (x, y) = both().ok_or(CurateError::Nothing)?;
        let mut found = in_target(doc, x);
        for m in in_target(doc, y) {
            if !found.contains(&m) {
                found.push(m);
            }
        }
        match found.split_first() {
            None => add(x, a, &mut commands),
            Some((_, rest)) => commands.extend(
                rest.iter()
                    .map(|&id| Command::RemoveAnnotation { doc: doc.id, id }),
            ),
        }
    } else {
        let (take, other, source) = match choice {
            Choice::A | Choice::Both => (row.a.as_ref(), row.b.as_ref(), a),
            Choice::B => (row.b.as_ref(), row.a.as_ref(), b),
        };
        let taken = take.map(|x| in_target(doc, x)).unwrap_or_default();
        if let Some(x) = take {
            match taken.first() {
                None => add(x, source, &mut commands),
                Some(&m) => commands.extend(align(target, source, doc, m, x)),
            }
        }
        if let Some(y) = other {
            let theirs = in_target(doc, y);
            if choice == Choice::Both {
                // Both: B's annotation beside A's (A's was taken above).
                if theirs.iter().all(|m| taken.contains(m)) {
                    add(y, b, &mut commands);
                }
            } else {
                commands.extend(
                    theirs
                        .into_iter()
                        .filter(|m| !taken.contains(m))
                        .map(|id| Command::RemoveAnnotation { doc: doc.id, id }),
                );
            }
        }
    }
    if commands.is_empty() {
        return Err(CurateError::Nothing);
    }
    Ok(commands)
}

/// The same edit for every row both layers agree on, in one step.
pub fn accept_agreed(
    target: &Project,
    layers: (&Project, &Project),
    comparison: &DocComparison,
) -> Result<Command, CurateError> {
    let mut commands = Vec::new();
    for row in comparison.rows.iter().filter(|r| r.kind == RowKind::Agree) {
        match accept(target, layers, comparison.key, row, Choice::A) {
            Ok(c) => commands.extend(c),
            Err(CurateError::Nothing) => {}
            Err(e) => return Err(e),
        }
    }
    if commands.is_empty() {
        return Err(CurateError::Nothing);
    }
    Ok(Command::Batch {
        label: format!("Accept agreed annotations of “{}”", comparison.title),
        commands,
    })
}

/// The target's annotations that stand for `x`: `x` itself when the target holds
/// it, else those with its ranges and tag.
fn in_target(doc: &Document, x: &Annotation) -> Vec<AnnotationId> {
    if doc.annotation(x.id).is_some_and(|m| m == x) {
        return vec![x.id];
    }
    let ranges: Vec<(usize, usize)> = x.ranges().collect();
    doc.annotations()
        .iter()
        .filter(|m| m.tag == x.tag && m.ranges().eq(ranges.iter().copied()))
        .map(|m| m.id)
        .collect()
}

/// The target's entity for `x`'s link (made in `source`): the same id, else the one
/// of the same kind and name.
fn entity_for(target: &Project, source: &Project, x: &Annotation) -> Option<EntityId> {
    let id = x.entity?;
    if target.entity(id).is_some() {
        return Some(id);
    }
    let e = source.entity(id)?;
    target
        .entities()
        .iter()
        .find(|t| t.kind == e.kind && t.name.trim().eq_ignore_ascii_case(e.name.trim()))
        .map(|t| t.id)
}

/// Makes the target's annotation `m` carry `x`'s status and entity, if it does not.
fn align(
    target: &Project,
    source: &Project,
    doc: &Document,
    m: AnnotationId,
    x: &Annotation,
) -> Option<Command> {
    let now = doc.annotation(m)?;
    let entity = if x.entity.is_some() {
        entity_for(target, source, x).or(now.entity)
    } else {
        None
    };
    if now.status == x.status && now.entity == entity {
        return None;
    }
    Some(Command::ReplaceAnnotation {
        doc: doc.id,
        annotation: Annotation {
            status: x.status,
            entity,
            ..now.clone()
        },
    })
}

/// The authors of a project's annotations, most prolific first.
pub fn authors(p: &Project) -> Vec<(String, usize)> {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for d in p.documents() {
        for a in d.annotations() {
            *n.entry(a.author.as_str()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = n.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
    out.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    out
}
