//! Random projects — random Unicode (astral, combining, right-to-left, line breaks),
//! discontinuous annotations, notes, statuses, entities and relations — survive
//! export → import: exactly through W3C (ids and times included), and as far as brat
//! can carry them through brat (documents, spans, tags, notes, statuses, which
//! annotations share an entity and its name, relations between annotations).

use super::brat::apply;
use dossier::commands::{Command, Editor};
use dossier::export::{self, Content, Format, Options};
use dossier::import::{self, AnnotationFiles, brat::BratDocument, w3c::W3cFile};
use dossier::model::{
    Annotation, ClaimStatus, Color, Document, Entity, Project, Relation, RelationId, RelationKind,
    SourceMeta, TagDef, TagKind, Target,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

const CHARS: &[char] = &[
    'a',
    'b',
    'z',
    ' ',
    ' ',
    '\n',
    'é',
    'e',
    '\u{301}',
    'ß',
    'م',
    'ر',
    '۱',
    '中',
    '😊',
    '🇺',
    '🇦',
    '𝄞',
    '\u{10FFFF}',
    '"',
    '<',
    '&',
    '\t',
    '’',
    '—',
    '…',
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(CHARS), 1..120).prop_map(|v| v.into_iter().collect())
}

fn note() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&CHARS[..CHARS.len() - 4]), 0..12)
        .prop_map(|v| v.into_iter().filter(|c| *c != '\t').collect())
}

#[derive(Clone, Debug)]
struct Spec {
    texts: Vec<String>,
    /// Per annotation: doc, start seed, length seed, fragment seed, tag, note, status, entity seed.
    annotations: Vec<(
        usize,
        usize,
        usize,
        usize,
        usize,
        String,
        Option<usize>,
        usize,
    )>,
    /// Relation seeds: from, to, kind, note, end kinds.
    relations: Vec<(usize, usize, usize, String, usize)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(text(), 1..3),
        prop::collection::vec(
            (
                any::<usize>(),
                any::<usize>(),
                1..8usize,
                any::<usize>(),
                0..5usize,
                note(),
                prop::option::of(0..4usize),
                any::<usize>(),
            ),
            0..14,
        ),
        prop::collection::vec(
            (any::<usize>(), any::<usize>(), 0..4usize, note(), 0..4usize),
            0..8,
        ),
    )
        .prop_map(|(texts, annotations, relations)| Spec {
            texts,
            annotations,
            relations,
        })
}

const TAGS: [&str; 5] = ["claim", "person", "event", "topic", "org unit"];
const KINDS: [&str; 4] = ["said_by", "about", "cites", "participant_in"];

fn build(s: &Spec) -> Project {
    let mut e = Editor::new_unsaved(Project::new("random"));
    for key in ["topic", "org unit"] {
        e.apply(Command::AddTag {
            tag: TagDef {
                key: key.into(),
                label: key.to_uppercase(),
                color: Color([0x44, 0xaa, 0x99]),
                shortcut: None,
                kind: if key == "topic" {
                    TagKind::Span
                } else {
                    TagKind::Entity
                },
                role: None,
            },
            index: None,
        })
        .unwrap();
    }
    e.apply(Command::AddRelationKind {
        kind: RelationKind {
            key: "cites".into(),
            label: "cites".into(),
            role: None,
        },
        index: None,
    })
    .unwrap();
    let mut docs = Vec::new();
    for (i, t) in s.texts.iter().enumerate() {
        // Distinct texts: W3C names an article without URL by its text's hash.
        let d = Document::new(format!("d{i}"), SourceMeta::default(), format!("{i}{t}"));
        docs.push(d.id);
        e.apply(Command::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .unwrap();
    }
    // One entity per tag, mentioned by some annotations of that tag.
    let mut entities = Vec::new();
    for tag in ["person", "event", "org unit"] {
        let ent = Entity::new(tag, format!("{tag} entité 😊"));
        entities.push((tag, ent.id));
        e.apply(Command::AddEntity {
            entity: ent,
            index: None,
        })
        .unwrap();
    }
    let mut anns: Vec<(usize, dossier::model::AnnotationId)> = Vec::new();
    for (doc, start, len, frag, tag, note, status, ent) in &s.annotations {
        let d = e.project().document(docs[doc % docs.len()]).unwrap();
        let n = d.char_len();
        let s0 = start % n;
        let e0 = (s0 + len).min(n);
        let tag = TAGS[*tag];
        let mut ranges = vec![(s0, e0)];
        if frag % 3 == 0 && e0 + 2 <= n {
            let s1 = e0 + 1 + frag % (n - e0 - 1).max(1);
            if s1 < n {
                ranges.push((s1, (s1 + 1 + frag % 3).min(n)));
            }
        }
        let Some(mut a) =
            Annotation::new_fragmented(d.text(), d.char_index(), tag, &ranges, "alice")
        else {
            continue;
        };
        a.note = note.clone();
        a.status = status.map(|k| ClaimStatus::ALL[k]);
        if ent % 2 == 0 {
            a.entity = entities.iter().find(|(t, _)| *t == tag).map(|(_, id)| *id);
        }
        let id = a.id;
        let di = doc % docs.len();
        e.apply(Command::AddAnnotation {
            doc: docs[di],
            annotation: a,
        })
        .unwrap();
        anns.push((di, id));
    }
    let mut seen = BTreeSet::new();
    for (from, to, kind, note, ends) in &s.relations {
        if anns.is_empty() {
            break;
        }
        let (fd, fa) = anns[from % anns.len()];
        // Between annotations of one document (what brat holds), or — for W3C — to
        // entities and documents too (ends > 1), kept out of the brat comparison.
        let same_doc: Vec<_> = anns.iter().filter(|(d, _)| *d == fd).collect();
        let to_t = match ends {
            0 | 1 => Target::Annotation(same_doc[to % same_doc.len()].1),
            2 => Target::Entity(entities[to % entities.len()].1),
            _ => Target::Document(docs[fd]),
        };
        let kind = KINDS[*kind];
        if !seen.insert((kind, fa, format!("{to_t:?}"))) {
            continue;
        }
        e.apply(Command::AddRelation {
            relation: Relation {
                id: RelationId::new(),
                kind: kind.into(),
                from: Target::Annotation(fa),
                to: to_t,
                note: note.clone(),
                author: "bob".into(),
                modified: Some(dossier::model::now()),
            },
            index: None,
        })
        .unwrap();
    }
    let p = e.into_project();
    p.validate().unwrap();
    p
}

fn without_annotations(p: &Project) -> Project {
    let mut e = Editor::new(p.clone());
    for id in p.relations().iter().map(|r| r.id).collect::<Vec<_>>() {
        e.apply(Command::RemoveRelation { id }).unwrap();
    }
    for d in p.documents() {
        for a in d.annotations() {
            e.apply(Command::RemoveAnnotation {
                doc: d.id,
                id: a.id,
            })
            .unwrap();
        }
    }
    e.into_project()
}

/// What brat carries: per annotation (document, ranges, tag, quote, note, status,
/// entity name); entity groups; relations between annotations.
fn brat_view(p: &Project) -> (BTreeSet<String>, BTreeSet<Vec<String>>, BTreeSet<String>) {
    let key = |id| {
        let (d, a) = p.find_annotation(id).unwrap();
        format!(
            "{}|{:?}|{}|{:?}|{:?}|{:?}",
            d.title,
            a.ranges().collect::<Vec<_>>(),
            a.tag.replace(' ', "_"),
            a.quote,
            a.note,
            a.status.map(|s| s.as_str())
        )
    };
    let mut anns = BTreeSet::new();
    let mut groups: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for d in p.documents() {
        for a in d.annotations() {
            let name = a.entity.map(|e| p.entity(e).unwrap().name.clone());
            anns.insert(format!("{} → {name:?}", key(a.id)));
            if let Some(e) = a.entity {
                groups.entry(e.to_string()).or_default().push(key(a.id));
            }
        }
    }
    let rels = p
        .relations()
        .iter()
        .filter_map(|r| match (r.from, r.to) {
            (Target::Annotation(a), Target::Annotation(b)) => Some(format!(
                "{} {} {} {:?}",
                r.kind.replace(' ', "_"),
                key(a),
                key(b),
                r.note
            )),
            _ => None,
        })
        .collect();
    let groups = groups
        .into_values()
        .map(|mut v| {
            v.sort();
            v
        })
        .collect();
    (anns, groups, rels)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_projects_survive_w3c_exactly(s in spec()) {
        let p = build(&s);
        let out = export::export(&p, Format::W3c, &Options::default()).unwrap();
        let Content::File(bytes) = out.content else { panic!() };
        let fresh = without_annotations(&p);
        let files = AnnotationFiles::W3c(vec![W3cFile { name: "x.jsonld".into(), bytes }]);
        let imported = import::import_files(&fresh, &files).unwrap();
        prop_assert_eq!(&imported.warnings, &Vec::<String>::new());
        let q = apply(fresh, &imported);
        prop_assert_eq!(&q, &p);
    }

    #[test]
    fn random_projects_survive_brat(s in spec()) {
        let p = build(&s);
        let out = export::export(&p, Format::Brat, &Options::default()).unwrap();
        let Content::Folder(files) = out.content else { panic!() };
        let docs: Vec<BratDocument> = files
            .iter()
            .filter_map(|(n, b)| n.strip_suffix(".ann").map(|stem| (stem, b)))
            .map(|(stem, ann)| BratDocument {
                name: stem.to_owned(),
                ann: String::from_utf8(ann.clone()).unwrap(),
                txt: files.iter().find(|(n, _)| *n == format!("{stem}.txt")).unwrap().1.clone(),
            })
            .collect();
        let imported = import::import_files(&Project::new("again"), &AnnotationFiles::Brat(docs)).unwrap();
        prop_assert_eq!(&imported.warnings, &Vec::<String>::new());
        let q = apply(Project::new("again"), &imported);
        let texts = |p: &Project| p.documents().iter().map(|d| (d.title.clone(), d.text().to_owned())).collect::<Vec<_>>();
        prop_assert_eq!(texts(&q), texts(&p));
        let (a0, g0, r0) = brat_view(&p);
        let (a1, g1, r1) = brat_view(&q);
        prop_assert_eq!(a1, a0);
        prop_assert_eq!(g1, g0);
        prop_assert_eq!(r1, r0);
    }
}
