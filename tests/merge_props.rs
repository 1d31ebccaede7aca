//! The merge on random edit scripts: a random base, then two analysts each apply a
//! random script of edits (annotations added, removed, retagged, reshaped, noted;
//! entities added, renamed, merged, deleted; relations added, retargeted, removed;
//! documents renamed, added, removed; tags changed). For every such pair:
//! - the merge is a valid project;
//! - it contains every edit of both sides that is not in a conflict;
//! - it equals the merge with the sides swapped, up to the ours/theirs labels;
//! - it is idempotent, and one side's edits alone come out exactly.

#![allow(clippy::unwrap_used)]

use dossier::commands::{Command, Editor, analyst};
use dossier::merge;
use dossier::model::{
    Annotation, ClaimStatus, Conflict, Document, DocumentId, Entity, EntityId, Project, Relation,
    RelationId, SourceMeta, Subject, TagDef, Target,
};
use proptest::prelude::*;
use std::collections::{HashMap, HashSet};

const TEXTS: &[&str] = &[
    "Maryam Rajavi — مریم رجوی — spoke in Paris about the 1988 massacre.\nWitnesses 🙂 testified.",
    "Ebrahim Raisi denied it.\n\nThe tribunal in Stockholm heard e\u{301}vidence.",
    "سه هزار زندانی در تابستان ۱۳۶۷ اعدام شدند.\nAmnesty International said so.",
];

const WORDS: &[&str] = &["", "note", "مریم", "🙂 ok", "checked", "“quoted”"];

/// How many kinds of edit a script step makes.
const KINDS: u8 = 19;

#[derive(Clone, Debug)]
struct Step {
    kind: u8,
    n: [usize; 4],
}

fn step() -> impl Strategy<Value = Step> {
    (0..KINDS, any::<[usize; 4]>()).prop_map(|(kind, n)| Step { kind, n })
}

fn pick<T>(items: &[T], n: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[n % items.len()])
}

fn annotations(p: &Project) -> Vec<(DocumentId, &Annotation)> {
    p.documents()
        .iter()
        .flat_map(|d| d.annotations().iter().map(move |a| (d.id, a)))
        .collect()
}

/// The edit a step stands for, against the project as it is (`None`: nothing fits).
fn edit(p: &Project, s: &Step) -> Option<Command> {
    let [a, b, c, d] = s.n;
    let anns = annotations(p);
    let tags: Vec<&str> = p.tags.tags.iter().map(|t| t.key.as_str()).collect();
    let word = WORDS[c % WORDS.len()].to_owned();
    Some(match s.kind {
        0 | 1 => {
            let doc = pick(p.documents(), a)?;
            let len = doc.char_len();
            let start = b % len.max(1);
            let end = (start + 1 + c % 9).min(len);
            let mut ann = Annotation::new(
                doc.text(),
                doc.char_index(),
                pick(&tags, d)?,
                start,
                end,
                "",
            )?;
            ann.entity = pick(p.entities(), d / 5)
                .filter(|e| e.kind == ann.tag)
                .map(|e| e.id);
            Command::AddAnnotation {
                doc: doc.id,
                annotation: ann,
            }
        }
        2 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::RemoveAnnotation {
                doc: *doc,
                id: ann.id,
            }
        }
        3 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::RetagAnnotation {
                doc: *doc,
                id: ann.id,
                tag: pick(&tags, b)?.to_string(),
            }
        }
        4 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::SetNote {
                doc: *doc,
                id: ann.id,
                note: word,
            }
        }
        5 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::SetStatus {
                doc: *doc,
                id: ann.id,
                status: pick(&ClaimStatus::ALL, b).copied().filter(|_| c % 3 != 0),
            }
        }
        6 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::LinkEntity {
                doc: *doc,
                id: ann.id,
                entity: pick(p.entities(), b).map(|e| e.id).filter(|_| c % 4 != 0),
            }
        }
        7 => {
            let (doc, ann) = pick(&anns, a)?;
            let len = p.document(*doc)?.char_len();
            let start = b % len;
            let end = (start + 1 + c % 7).min(len);
            let ranges = if d % 2 == 0 && end + 2 < len {
                vec![(start, end), (end + 1, end + 2)]
            } else {
                vec![(start, end)]
            };
            analyst::reshape(p, *doc, ann.id, &ranges).ok()?
        }
        8 => Command::AddEntity {
            entity: Entity::new(
                pick(&["person", "event"], b)?.to_string(),
                format!("Entity {}", c % 5),
            ),
            index: Some(a % (p.entities().len() + 1)),
        },
        9 => {
            let mut e = pick(p.entities(), a)?.clone();
            match b % 4 {
                0 => e.name = format!("{} {word}", e.name),
                1 => e.aliases.push(format!("alias {}", c % 3)),
                2 => {
                    e.aliases.pop();
                }
                _ => e.note = word,
            }
            Command::ReplaceEntity { entity: e }
        }
        10 => Command::RemoveEntity {
            id: pick(p.entities(), a)?.id,
        },
        11 => {
            let keep = pick(p.entities(), a)?;
            let absorb = pick(p.entities(), b)?;
            if keep.kind != absorb.kind {
                return None;
            }
            analyst::merge_entities(p, keep.id, absorb.id).ok()?
        }
        12 => {
            let claims: Vec<_> = anns.iter().filter(|(_, a)| a.tag == "claim").collect();
            let (_, claim) = pick(&claims, a)?;
            let e = pick(p.entities(), b)?;
            let kind = if c % 2 == 0 { "said_by" } else { "about" };
            analyst::add_relation(p, kind, Target::Annotation(claim.id), Target::Entity(e.id))
                .ok()?
        }
        13 => Command::RemoveRelation {
            id: pick(p.relations(), a)?.id,
        },
        14 => {
            let mut r = pick(p.relations(), a)?.clone();
            if b % 2 == 0 {
                r.to = Target::Entity(pick(p.entities(), c)?.id);
            } else {
                r.note = word;
            }
            Command::ReplaceRelation { relation: r }
        }
        15 => {
            let doc = pick(p.documents(), a)?;
            if b % 4 == 0 {
                Command::RemoveDocument { id: doc.id }
            } else {
                Command::RenameDocument {
                    id: doc.id,
                    title: format!("Doc {word}"),
                }
            }
        }
        16 => Command::AddDocument {
            document: Box::new(Document::new(
                format!("New {}", b % 3),
                SourceMeta::default(),
                TEXTS[a % TEXTS.len()],
            )),
            index: None,
        },
        17 => {
            let mut tags = p.tags.clone();
            if b % 2 == 0 {
                let i = c % tags.tags.len();
                tags.tags[i].label = format!("Label {word}");
            } else {
                tags.tags.push(TagDef {
                    key: format!("tag{}", c % 4),
                    shortcut: None,
                    ..tags.tags[0].clone()
                });
            }
            Command::ReplaceTags {
                tags,
                relation_kinds: p.relation_kinds.clone(),
            }
        }
        _ => Command::RenameProject {
            name: format!("Project {word}"),
        },
    })
}

/// `p` after a script of edits by `author` (edits that do not apply are skipped).
fn run(p: &Project, author: &str, script: &[Step]) -> Project {
    let mut e = Editor::new(p.clone()).with_author(author);
    for s in script {
        if let Some(c) = edit(e.project(), s) {
            let _ = e.apply(c);
        }
    }
    e.into_project()
}

/// A start with two documents, entities of both kinds, some claims and relations.
fn start() -> Project {
    let mut p = Project::new("P");
    for (i, t) in TEXTS.iter().take(2).enumerate() {
        Command::AddDocument {
            document: Box::new(Document::new(format!("D{i}"), SourceMeta::default(), *t)),
            index: None,
        }
        .apply(&mut p)
        .unwrap();
    }
    for (kind, name) in [
        ("person", "Maryam Rajavi"),
        ("event", "1988 massacre"),
        ("person", "Ebrahim Raisi"),
    ] {
        Command::AddEntity {
            entity: Entity::new(kind, name),
            index: None,
        }
        .apply(&mut p)
        .unwrap();
    }
    // Annotations in both documents, mentions linked, claims with a speaker.
    let docs: Vec<DocumentId> = p.documents().iter().map(|d| d.id).collect();
    let people: Vec<EntityId> = p.entities().iter().map(|e| e.id).collect();
    for i in 0..12 {
        let d = p.document(docs[i % 2]).unwrap();
        let len = d.char_len();
        let start = (i * 7) % (len - 10);
        let tag = ["claim", "person", "event"][i % 3];
        let mut a = Annotation::new(
            d.text(),
            d.char_index(),
            tag,
            start,
            start + 3 + i % 5,
            "Base",
        )
        .unwrap();
        a.entity = match tag {
            "person" => Some(people[if i % 2 == 0 { 0 } else { 2 }]),
            "event" => Some(people[1]),
            _ => None,
        };
        let (doc, id) = (d.id, a.id);
        Command::AddAnnotation { doc, annotation: a }
            .apply(&mut p)
            .unwrap();
        if tag == "claim" {
            let c = analyst::add_relation(
                &p,
                "said_by",
                Target::Annotation(id),
                Target::Entity(people[i % 3]),
            )
            .unwrap();
            c.apply(&mut p).unwrap();
        }
    }
    p
}

/// Conflicts in a fixed order, to compare two merges as sets of records.
fn sorted(mut v: Vec<Conflict>) -> Vec<Conflict> {
    v.sort_by_key(|c| format!("{c:?}"));
    v
}

fn same_up_to_labels(a: &Project, b: &Project) -> bool {
    let strip = |p: &Project| p.clone().with_conflicts(Vec::new());
    strip(a) == strip(b)
        && sorted(a.conflicts().to_vec())
            == sorted(b.conflicts().iter().map(Conflict::swapped).collect())
}

/// What the merged project must show of one side's edits: every added, changed or
/// deleted object or field of `side` against `base`, unless the merge recorded a
/// conflict about it (or about what it depends on), or folded it into an equal
/// object of the other side.
fn check_side(base: &Project, side: &Project, merged: &Project) -> Result<(), String> {
    let conflict: HashSet<&Subject> = merged.conflicts().iter().map(|c| &c.subject).collect();
    let entity_conflict = |e: EntityId| conflict.contains(&Subject::Entity(e));
    let doc_conflict = |d: DocumentId| conflict.contains(&Subject::Document(d));
    let ann_in = |p: &Project| -> HashMap<_, _> {
        annotations(p)
            .into_iter()
            .map(|(d, a)| (a.id, (d, a.clone())))
            .collect()
    };
    let (b, s, m) = (ann_in(base), ann_in(side), ann_in(merged));
    // An annotation twin: the same document, span, tag.
    let twin = |d: DocumentId, a: &Annotation| {
        m.values()
            .any(|(md, x)| *md == d && x.start == a.start && x.end == a.end && x.tag == a.tag)
    };
    for (id, (d, a)) in &s {
        let ok_conflict = conflict.contains(&Subject::Annotation(*id)) || doc_conflict(*d);
        match (b.get(id), m.get(id)) {
            (None, None) if !ok_conflict && !twin(*d, a) => {
                return Err(format!("added annotation {id} is missing"));
            }
            (Some((_, old)), Some((_, now))) if !ok_conflict => {
                let fields: [(&str, bool, bool); 5] = [
                    ("tag", old.tag != a.tag, now.tag == a.tag),
                    (
                        "span",
                        (old.start, old.end, &old.fragments) != (a.start, a.end, &a.fragments),
                        (now.start, now.end, &now.fragments) == (a.start, a.end, &a.fragments),
                    ),
                    ("note", old.note != a.note, now.note == a.note),
                    ("status", old.status != a.status, now.status == a.status),
                    (
                        "entity",
                        old.entity != a.entity,
                        now.entity == a.entity
                            // Followed a merge of entities, or unlinked with its entity.
                            || a.entity.is_some_and(|e| merged.entity(e).is_none())
                            // Unlinked because the side deleted an entity kept in a conflict.
                            || old.entity.is_some_and(entity_conflict),
                    ),
                ];
                for (name, changed, kept) in fields {
                    if changed && !kept {
                        return Err(format!("the {name} edit of annotation {id} is lost"));
                    }
                }
            }
            _ => {}
        }
    }
    for (id, (d, _)) in &b {
        if !s.contains_key(id)
            && m.contains_key(id)
            && !conflict.contains(&Subject::Annotation(*id))
            && !doc_conflict(*d)
        {
            // Deleted on this side; it may stay only when the deletion came with an
            // entity or document kept in a conflict (nothing else) — not here.
            return Err(format!("deleted annotation {id} is still there"));
        }
    }
    for e in side.entities() {
        let old = base.entity(e.id);
        let now = merged.entity(e.id);
        let named = |p: &Project| {
            p.entities()
                .iter()
                .any(|x| x.kind == e.kind && x.name == e.name)
        };
        match (old, now) {
            (None, None) if !entity_conflict(e.id) && !named(merged) => {
                return Err(format!("added entity {} is missing", e.name));
            }
            (Some(old), Some(now)) if !entity_conflict(e.id) => {
                for (name, changed, kept) in [
                    ("name", old.name != e.name, now.name == e.name),
                    ("note", old.note != e.note, now.note == e.note),
                ] {
                    if changed && !kept {
                        return Err(format!("the {name} edit of entity {} is lost", e.id));
                    }
                }
                for alias in e.aliases.iter().filter(|x| !old.aliases.contains(x)) {
                    if !now.aliases.contains(alias) {
                        return Err(format!("alias {alias} added to {} is lost", e.id));
                    }
                }
            }
            _ => {}
        }
    }
    for e in base.entities() {
        if side.entity(e.id).is_none() && merged.entity(e.id).is_some() && !entity_conflict(e.id) {
            return Err(format!("deleted entity {} is still there", e.name));
        }
    }
    let rel = |p: &Project| -> HashMap<RelationId, Relation> {
        p.relations().iter().map(|r| (r.id, r.clone())).collect()
    };
    let (rb, rs, rm) = (rel(base), rel(side), rel(merged));
    let gone = |t: Target| match t {
        Target::Entity(e) => merged.entity(e).is_none(),
        Target::Annotation(a) => !m.contains_key(&a),
        Target::Document(d) => merged.document(d).is_none(),
    };
    for (id, r) in &rs {
        let ok = conflict.contains(&Subject::Relation(*id));
        let ends_gone = gone(r.from) || gone(r.to);
        match (rb.get(id), rm.get(id)) {
            (None, None) if !ok && !ends_gone => {
                let same = rm
                    .values()
                    .any(|x| x.kind == r.kind && x.from == r.from && x.to == r.to);
                if !same {
                    return Err(format!("added relation {id} is missing"));
                }
            }
            (Some(old), Some(now)) if !ok => {
                if old.note != r.note && now.note != r.note {
                    return Err(format!("the note edit of relation {id} is lost"));
                }
                if old.to != r.to && now.to != r.to && !gone(r.to) {
                    return Err(format!("the retarget of relation {id} is lost"));
                }
            }
            _ => {}
        }
    }
    for d in side.documents() {
        if let (Some(old), Some(now)) = (base.document(d.id), merged.document(d.id))
            && old.title != d.title
            && now.title != d.title
            && !doc_conflict(d.id)
        {
            return Err(format!("the title edit of document {} is lost", d.id));
        }
    }
    for t in &side.tags.tags {
        let old = base.tags.get(&t.key);
        let now = merged.tags.get(&t.key);
        let ok = conflict.contains(&Subject::Tag(t.key.clone()));
        if now.is_none() && !ok {
            return Err(format!("tag {} is missing", t.key));
        }
        if let (Some(old), Some(now)) = (old, now)
            && old.label != t.label
            && now.label != t.label
            && !ok
        {
            return Err(format!("the label edit of tag {} is lost", t.key));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn merges_keep_every_edit_and_are_symmetric(
        setup in prop::collection::vec(step(), 0..30),
        ours in prop::collection::vec(step(), 0..20),
        theirs in prop::collection::vec(step(), 0..20),
    ) {
        let base = run(&start(), "Base", &setup);
        let o = run(&base, "Ana", &ours);
        let t = run(&base, "Ben", &theirs);
        let merged = merge::merge(&base, &o, &t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let m = &merged.project;
        prop_assert!(m.validate().is_ok());
        if let Err(e) = check_side(&base, &o, m) {
            return Err(TestCaseError::fail(format!("ours: {e}")));
        }
        if let Err(e) = check_side(&base, &t, m) {
            return Err(TestCaseError::fail(format!("theirs: {e}")));
        }
        let other = merge::merge(&base, &t, &o).unwrap();
        prop_assert!(same_up_to_labels(&other.project, m), "not symmetric");
        prop_assert_eq!(&merge::merge(&base, &o, &base).unwrap().project, &o);
        prop_assert_eq!(&merge::merge(&base, &base, &t).unwrap().project, &t);
        prop_assert_eq!(&merge::merge(m, m, m).unwrap().project, m);
        // Saved and read back, the merge is the same project.
        let text = dossier::store::to_ron(m).unwrap();
        prop_assert_eq!(&dossier::store::from_ron(&text, "merged.ron").unwrap(), m);
    }
}
