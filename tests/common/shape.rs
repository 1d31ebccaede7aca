//! A project's content without ids, times and list order: what must survive an
//! export and an import when the format cannot carry Dossier's ids.

use dossier::model::{Project, Target};
use std::collections::BTreeSet;

/// One annotation, keyed by its document's title and its ranges.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct AnnotationShape {
    pub(crate) document: String,
    pub(crate) ranges: Vec<(usize, usize)>,
    pub(crate) tag: String,
    pub(crate) quote: String,
    pub(crate) note: String,
    pub(crate) status: Option<String>,
    /// The entity's kind, name, aliases and note.
    pub(crate) entity: Option<(String, String, Vec<String>, String)>,
}

/// Everything compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Shape {
    pub(crate) documents: Vec<(String, String)>,
    pub(crate) tags: BTreeSet<String>,
    pub(crate) tag_kinds: BTreeSet<String>,
    pub(crate) relation_kinds: BTreeSet<String>,
    pub(crate) annotations: BTreeSet<AnnotationShape>,
    /// Relations by the shapes of their ends (annotations) and kind and note.
    pub(crate) relations: BTreeSet<(String, String, String, String)>,
    /// Which annotations share an entity: sets of (document, ranges).
    pub(crate) groups: BTreeSet<Vec<(String, Vec<(usize, usize)>)>>,
}

fn label(p: &Project, t: Target) -> String {
    match t {
        Target::Annotation(id) => {
            let (d, a) = p.find_annotation(id).expect("end exists");
            format!("{}@{:?}", d.title, a.ranges().collect::<Vec<_>>())
        }
        Target::Entity(id) => format!("entity {}", p.entity(id).expect("entity").name),
        Target::Document(id) => format!("document {}", p.document(id).expect("doc").title),
    }
}

/// The shape of `p`, with only the tags and kinds that are used (the defaults of a
/// fresh project are not data).
pub(crate) fn shape(p: &Project) -> Shape {
    let mut s = Shape {
        documents: p
            .documents()
            .iter()
            .map(|d| (d.title.clone(), d.text().to_owned()))
            .collect(),
        tags: BTreeSet::new(),
        tag_kinds: BTreeSet::new(),
        relation_kinds: BTreeSet::new(),
        annotations: BTreeSet::new(),
        relations: BTreeSet::new(),
        groups: BTreeSet::new(),
    };
    let mut by_entity: std::collections::BTreeMap<String, Vec<(String, Vec<(usize, usize)>)>> =
        Default::default();
    for d in p.documents() {
        for a in d.annotations() {
            let t = p.tags.get(&a.tag).expect("tag");
            s.tags.insert(format!("{} {} {}", t.key, t.label, t.color));
            s.tag_kinds
                .insert(format!("{} {:?} {:?}", t.key, t.kind, t.role));
            let ranges: Vec<(usize, usize)> = a.ranges().collect();
            let entity = a.entity.map(|id| {
                let e = p.entity(id).expect("entity");
                by_entity
                    .entry(id.to_string())
                    .or_default()
                    .push((d.title.clone(), ranges.clone()));
                (
                    e.kind.clone(),
                    e.name.clone(),
                    e.aliases.clone(),
                    e.note.clone(),
                )
            });
            s.annotations.insert(AnnotationShape {
                document: d.title.clone(),
                ranges,
                tag: a.tag.clone(),
                quote: a.quote.clone(),
                note: a.note.clone(),
                status: a.status.map(|x| x.as_str().to_owned()),
                entity,
            });
        }
    }
    s.groups = by_entity
        .into_values()
        .map(|mut v| {
            v.sort();
            v
        })
        .collect();
    for r in p.relations() {
        s.relation_kinds.insert(r.kind.clone());
        s.relations.insert((
            r.kind.clone(),
            label(p, r.from),
            label(p, r.to),
            r.note.clone(),
        ));
    }
    s
}
