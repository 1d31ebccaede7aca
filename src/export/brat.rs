//! brat standoff: a folder with, per document, `DOC.txt` (the canonical text, byte
//! for byte) and `DOC.ann`, plus an `annotation.conf` and a `visual.conf` generated
//! from the tags and relation kinds used, so brat opens the folder as it is.
//!
//! In `DOC.ann` (offsets in code points, as brat counts):
//! - `T` — every annotation, fragments as `start end;start end`, then its text
//!   (fragments joined by one space; line breaks written as spaces);
//! - `E` — every annotation whose tag stands for events, with its outgoing relations
//!   to annotations of the document as the event's arguments (`Role:T3`), except
//!   relations with a note, which are `R` lines (an argument cannot carry a note);
//! - `R` — the other relations between two annotations of the document;
//! - `A` — a claim's status (`A1<TAB>Status T2 disputed`);
//! - `#` — notes (`AnnotatorNotes`), one line per line of the note;
//! - `N` — entity links: `Reference T5 Dossier:<entity id>` with the entity's name,
//!   or the reference a brat import recorded (e.g. `Wikipedia:64488`).
//!
//! What brat cannot hold is listed in the output's warnings: relations to entities
//! or documents, and relations across documents.

use super::{Content, Output, file_stem};
use crate::model::{
    AnnotationId, ClaimStatus, Document, EntityRole, Project, Relation, RelationId, Target,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

/// The attribute a claim's status is written as.
pub const STATUS_ATTRIBUTE: &str = "Status";

/// The normalisation type of entity links.
pub const REFERENCE_TYPE: &str = "Reference";

/// The knowledge-base prefix of references to Dossier entities (`Dossier:<uuid>`).
pub const DOSSIER_KB: &str = "Dossier";

/// A tag key or relation kind as a brat type: brat splits on white space, `:` and
/// `;`, so those become `_`.
pub fn brat_name(key: &str) -> String {
    let s: String = key
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || matches!(c, ':' | ';' | '|' | ',') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() { "_".into() } else { s }
}

/// The brat reference an entity is written with: `TYPE RID:EID` as a brat import
/// recorded it in the entity's note (`Reference Wikipedia:64488`), or
/// `Reference Dossier:<id>`.
pub fn entity_reference(e: &crate::model::Entity) -> String {
    match recorded_reference(&e.note) {
        Some(r) => r.to_owned(),
        None => format!("{REFERENCE_TYPE} {DOSSIER_KB}:{}", e.id),
    }
}

/// An entity note that is exactly a brat normalisation (`TYPE RID:EID`).
pub fn recorded_reference(note: &str) -> Option<&str> {
    let (kind, reference) = note.split_once(' ')?;
    let ok = !kind.is_empty()
        && !kind.contains(char::is_whitespace)
        && !reference.contains(char::is_whitespace)
        && reference
            .split_once(':')
            .is_some_and(|(db, id)| !db.is_empty() && !id.is_empty());
    ok.then_some(note)
}

/// Writes one line's text column: brat's file is line-based, so line breaks and
/// tabs become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Used types, for the generated configuration.
#[derive(Default)]
struct Conf {
    entities: BTreeSet<String>,
    events: BTreeMap<String, BTreeMap<String, BTreeSet<String>>>,
    relations: BTreeMap<String, [BTreeSet<String>; 2]>,
    status_on: BTreeSet<String>,
    normalised: bool,
}

pub(super) fn export(project: &Project, docs: &[&Document]) -> Output {
    let mut files = Vec::new();
    let mut taken = HashSet::new();
    let mut conf = Conf::default();
    let mut warnings = Vec::new();
    let mut written: HashSet<RelationId> = HashSet::new();
    // Relations by the annotation they start from, for events and R lines.
    let mut from_annotation: HashMap<AnnotationId, Vec<&Relation>> = HashMap::new();
    for r in project.relations() {
        if let Target::Annotation(a) = r.from {
            from_annotation.entry(a).or_default().push(r);
        }
    }
    for d in docs {
        let stem = file_stem(&d.title, &mut taken);
        let ann = ann_file(project, d, &from_annotation, &mut conf, &mut written);
        files.push((format!("{stem}.txt"), d.text().as_bytes().to_vec()));
        files.push((format!("{stem}.ann"), ann.into_bytes()));
    }
    // What brat could not hold: relations touching these documents but not written.
    let in_docs: HashSet<_> = docs.iter().map(|d| d.id).collect();
    let touches = |t: Target| match t {
        Target::Annotation(a) => project.document_of(a).is_some_and(|d| in_docs.contains(&d)),
        Target::Document(d) => in_docs.contains(&d),
        Target::Entity(_) => docs.len() == project.documents().len(),
    };
    let left: Vec<&Relation> = project
        .relations()
        .iter()
        .filter(|r| !written.contains(&r.id) && (touches(r.from) || touches(r.to)))
        .collect();
    if !left.is_empty() {
        let examples: Vec<String> = left
            .iter()
            .take(3)
            .map(|r| {
                format!(
                    "{} {} {}",
                    project.target_label(r.from),
                    project.relation_label(&r.kind),
                    project.target_label(r.to)
                )
            })
            .collect();
        warnings.push(format!(
            "{} relation(s) not exported: brat relations join two annotations of one document, \
             not entities, documents or annotations of different documents (e.g. {})",
            left.len(),
            examples.join("; ")
        ));
    }
    files.push((
        "annotation.conf".into(),
        annotation_conf(project, &conf).into_bytes(),
    ));
    files.push((
        "visual.conf".into(),
        visual_conf(project, &conf).into_bytes(),
    ));
    Output {
        content: Content::Folder(files),
        warnings,
    }
}

fn ann_file(
    project: &Project,
    d: &Document,
    from_annotation: &HashMap<AnnotationId, Vec<&Relation>>,
    conf: &mut Conf,
    written: &mut HashSet<RelationId>,
) -> String {
    let mut out = String::with_capacity(d.annotations().len() * 48);
    // Ids: T per annotation in text order, E per event annotation.
    let mut t_id: HashMap<AnnotationId, usize> = HashMap::with_capacity(d.annotations().len());
    let mut e_id: HashMap<AnnotationId, usize> = HashMap::new();
    for (i, a) in d.annotations().iter().enumerate() {
        t_id.insert(a.id, i + 1);
        if project.tags.role_of(&a.tag) == Some(EntityRole::Event) {
            let n = e_id.len() + 1;
            e_id.insert(a.id, n);
        }
    }
    // The id an annotation is referred to by: its event if it has one.
    let refer = |a: AnnotationId| -> Option<String> {
        match (e_id.get(&a), t_id.get(&a)) {
            (Some(e), _) => Some(format!("E{e}")),
            (None, Some(t)) => Some(format!("T{t}")),
            _ => None,
        }
    };
    let tag_name = |id: AnnotationId| -> String {
        d.annotation(id)
            .map(|a| brat_name(&a.tag))
            .unwrap_or_default()
    };
    let (mut n_attr, mut n_note, mut n_norm, mut n_rel) = (0, 0, 0, 0);
    let mut notes = String::new();
    let mut rest = String::new();
    for a in d.annotations() {
        let t = t_id[&a.id];
        let ty = brat_name(&a.tag);
        let _ = write!(out, "T{t}\t{ty} ");
        for (i, (s, e)) in a.ranges().enumerate() {
            if i > 0 {
                out.push(';');
            }
            let _ = write!(out, "{s} {e}");
        }
        let text: Vec<&str> = a
            .ranges()
            .map(|(s, e)| d.slice(s, e).unwrap_or_default())
            .collect();
        let _ = writeln!(out, "\t{}", one_line(&text.join(" ")));
        let me = refer(a.id).unwrap_or_else(|| format!("T{t}"));
        if let Some(&e) = e_id.get(&a.id) {
            let mut line = format!("E{e}\t{ty}:T{t}");
            let roles = conf.events.entry(ty.clone()).or_default();
            for r in from_annotation.get(&a.id).into_iter().flatten() {
                // An argument cannot carry a note: a relation with one is an R line.
                let Target::Annotation(to) = r.to else {
                    continue;
                };
                if !r.note.is_empty() {
                    continue;
                }
                let Some(arg) = refer(to) else { continue };
                let role = brat_name(&r.kind);
                let _ = write!(line, " {role}:{arg}");
                roles.entry(role).or_default().insert(tag_name(to));
                written.insert(r.id);
            }
            let _ = writeln!(out, "{line}");
        } else {
            conf.entities.insert(ty.clone());
        }
        if let Some(status) = a.status {
            n_attr += 1;
            let _ = writeln!(
                rest,
                "A{n_attr}\t{STATUS_ATTRIBUTE} {me} {}",
                status.as_str()
            );
            conf.status_on.insert(ty.clone());
        }
        if let Some(entity) = a.entity.and_then(|e| project.entity(e)) {
            n_norm += 1;
            let _ = writeln!(
                rest,
                "N{n_norm}\t{}\t{}",
                reference_column(&entity_reference(entity), me.as_str()),
                one_line(&entity.name)
            );
            conf.normalised = true;
        }
        push_notes(&mut notes, &mut n_note, &me, &a.note);
    }
    // R lines: relations between two annotations of this document not written as
    // event arguments, in project order.
    for r in project.relations() {
        if written.contains(&r.id) {
            continue;
        }
        let (Target::Annotation(from), Target::Annotation(to)) = (r.from, r.to) else {
            continue;
        };
        let (Some(a1), Some(a2)) = (refer(from), refer(to)) else {
            continue;
        };
        n_rel += 1;
        let kind = brat_name(&r.kind);
        let _ = writeln!(out, "R{n_rel}\t{kind} Arg1:{a1} Arg2:{a2}\t");
        let types = conf.relations.entry(kind).or_default();
        types[0].insert(tag_name(from));
        types[1].insert(tag_name(to));
        written.insert(r.id);
        push_notes(&mut notes, &mut n_note, &format!("R{n_rel}"), &r.note);
    }
    out.push_str(&rest);
    out.push_str(&notes);
    out
}

/// `TYPE RID:EID` with the annotation's id put between them: `Reference T5 Wikipedia:1`.
fn reference_column(reference: &str, me: &str) -> String {
    match reference.split_once(' ') {
        Some((kind, rid)) => format!("{kind} {me} {rid}"),
        None => format!("{REFERENCE_TYPE} {me} {reference}"),
    }
}

/// One `#` line per line of a note (brat's lines cannot hold a line break).
fn push_notes(out: &mut String, n: &mut usize, target: &str, note: &str) {
    if note.is_empty() {
        return;
    }
    for line in note.split('\n') {
        *n += 1;
        let _ = writeln!(
            out,
            "#{n}\tAnnotatorNotes {target}\t{}",
            line.replace(['\r', '\t'], " ")
        );
    }
}

fn annotation_conf(project: &Project, conf: &Conf) -> String {
    let mut out = format!(
        "# brat configuration generated by Dossier for “{}”.\n\n[entities]\n\n",
        one_line(&project.name)
    );
    for e in &conf.entities {
        let _ = writeln!(out, "{e}");
    }
    out.push_str("\n[relations]\n\n");
    for (kind, [a1, a2]) in &conf.relations {
        let join = |s: &BTreeSet<String>| s.iter().cloned().collect::<Vec<_>>().join("|");
        let _ = writeln!(out, "{kind}\tArg1:{}, Arg2:{}", join(a1), join(a2));
    }
    out.push_str("\n[events]\n\n");
    for (ty, roles) in &conf.events {
        let args: Vec<String> = roles
            .iter()
            .map(|(role, types)| {
                format!(
                    "{role}*:{}",
                    types.iter().cloned().collect::<Vec<_>>().join("|")
                )
            })
            .collect();
        let _ = writeln!(out, "{ty}\t{}", args.join(", "));
    }
    out.push_str("\n[attributes]\n\n");
    if !conf.status_on.is_empty() {
        let values: Vec<&str> = ClaimStatus::ALL.iter().map(|s| s.as_str()).collect();
        let on: Vec<String> = conf.status_on.iter().cloned().collect();
        let _ = writeln!(
            out,
            "{STATUS_ATTRIBUTE}\tArg:{}, Value:{}",
            on.join("|"),
            values.join("|")
        );
    }
    let _ = (project, conf.normalised);
    out
}

fn visual_conf(project: &Project, conf: &Conf) -> String {
    let mut out = String::from("# Labels and colours of the Dossier tags.\n\n[labels]\n\n");
    let used: BTreeSet<&String> = conf.entities.iter().chain(conf.events.keys()).collect();
    let tags: Vec<_> = project
        .tags
        .tags
        .iter()
        .filter(|t| used.contains(&brat_name(&t.key)))
        .collect();
    for t in &tags {
        let _ = writeln!(
            out,
            "{} | {}",
            brat_name(&t.key),
            one_line(&t.label).replace('|', "/")
        );
    }
    for k in &project.relation_kinds {
        if conf.relations.contains_key(&brat_name(&k.key)) {
            let _ = writeln!(
                out,
                "{} | {}",
                brat_name(&k.key),
                one_line(&k.label).replace('|', "/")
            );
        }
    }
    out.push_str("\n[drawing]\n\n");
    for t in &tags {
        let _ = writeln!(out, "{}\tbgColor:{}", brat_name(&t.key), t.color);
    }
    out
}
