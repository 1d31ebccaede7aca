//! Random sequences of every kind of edit, as helix tests its transactions: after
//! each step the project validates; undo gives back exactly the project before the
//! step, redo exactly the one after; a refused command changes nothing.

use dossier::commands::{Command, Editor};
use dossier::model::{
    Annotation, AnnotationId, ClaimStatus, Conflict, Document, DocumentId, Entity, Field, Project,
    Relation, RelationId, RelationKind, SourceMeta, Subject, Target, Version,
};
use proptest::prelude::*;

/// Texts with what trips char/byte confusion: Persian, emoji, combining marks.
const TEXTS: &[&str] = &[
    "Maryam Rajavi — مریم رجوی — spoke in Paris about the 1988 massacre.\nWitnesses 🙂 testified.",
    "Ebrahim Raisi denied it.\n\nThe tribunal in Stockholm heard e\u{301}vidence.",
    "سه هزار زندانی در تابستان ۱۳۶۷ اعدام شدند.\nAmnesty International said so.",
];

const WORDS: &[&str] = &[
    "",
    "note",
    "مریم",
    "🙂 ok",
    "line\nbreak",
    "“quoted”",
    "tab\tx",
];

/// How many kinds of step the generator makes: one per `Command` variant.
const KINDS: u8 = 32;

/// The generator's number for a command's variant. Exhaustive on purpose: a new
/// variant does not compile until this test learns to generate it.
fn kind_of(c: &Command) -> u8 {
    match c {
        Command::AddAnnotation { .. } => 0,
        Command::RemoveAnnotation { .. } => 1,
        Command::RetagAnnotation { .. } => 2,
        Command::SetNote { .. } => 3,
        Command::SetStatus { .. } => 4,
        Command::LinkEntity { .. } => 5,
        Command::ReplaceAnnotation { .. } => 6,
        Command::Reshape { .. } => 17,
        Command::AddTag { .. } => 18,
        Command::RemoveTag { .. } => 19,
        Command::ReplaceTag { .. } => 20,
        Command::MoveTag { .. } => 21,
        Command::AddDocument { .. } => 7,
        Command::RemoveDocument { .. } => 8,
        Command::RenameDocument { .. } => 9,
        Command::RenameProject { .. } => 10,
        Command::AddEntity { .. } => 11,
        Command::RemoveEntity { .. } => 12,
        Command::ReplaceEntity { .. } => 13,
        Command::AddRelation { .. } => 14,
        Command::RemoveRelation { .. } => 15,
        Command::Batch { .. } => 16,
        Command::EditText { .. } => 22,
        Command::UpdateText { .. } => 23,
        Command::ChangeText { .. } => 24,
        Command::ReplaceRelation { .. } => 25,
        Command::SetDocumentSource { .. } => 26,
        Command::ReplaceTags { .. } => 27,
        Command::AddConflict { .. } => 28,
        Command::RemoveConflict { .. } => 29,
        Command::AddRelationKind { .. } => 30,
        Command::RemoveRelationKind { .. } => 31,
    }
}

/// One random step: which kind, and numbers to pick targets and values with.
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

fn all_annotations(p: &Project) -> Vec<(DocumentId, &Annotation)> {
    p.documents()
        .iter()
        .flat_map(|d| d.annotations().iter().map(move |a| (d.id, a)))
        .collect()
}

fn targets(p: &Project) -> Vec<Target> {
    let mut t: Vec<Target> = p.entities().iter().map(|e| Target::Entity(e.id)).collect();
    t.extend(p.documents().iter().map(|d| Target::Document(d.id)));
    t.extend(
        all_annotations(p)
            .into_iter()
            .map(|(_, a)| Target::Annotation(a.id)),
    );
    t
}

/// Builds the command a step stands for, against the project as it is now. Some
/// steps build commands that must be refused (unknown tag, moved span, missing id).
fn build(p: &Project, s: &Step) -> Option<Command> {
    let [a, b, c, d] = s.n;
    let anns = all_annotations(p);
    let tags: Vec<&str> = p.tags.tags.iter().map(|t| t.key.as_str()).collect();
    let word = WORDS[c % WORDS.len()].to_owned();
    Some(match s.kind {
        0 => {
            let doc = pick(p.documents(), a)?;
            let len = doc.char_len();
            let start = b % len.max(1);
            let end = (start + 1 + c % 12).min(len);
            let tag = if d % 13 == 0 { "nope" } else { pick(&tags, d)? };
            let mut ann = if d % 5 == 1 && end + 2 < len {
                // A discontinuous annotation: the range and a later one.
                let later = (end + 1 + b % 7).min(len - 1);
                Annotation::new_fragmented(
                    doc.text(),
                    doc.char_index(),
                    tag,
                    &[(start, end), (later, later + 1)],
                    "me",
                )?
            } else {
                Annotation::new(doc.text(), doc.char_index(), tag, start, end, "me")?
            };
            ann.entity = pick(p.entities(), d / 7)
                .map(|e| e.id)
                .filter(|_| d % 3 == 0);
            Command::AddAnnotation {
                doc: doc.id,
                annotation: ann,
            }
        }
        1 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::RemoveAnnotation {
                doc: *doc,
                id: ann.id,
            }
        }
        2 => {
            let (doc, ann) = pick(&anns, a)?;
            let tag = if b % 11 == 0 { "nope" } else { pick(&tags, b)? };
            Command::RetagAnnotation {
                doc: *doc,
                id: ann.id,
                tag: tag.to_owned(),
            }
        }
        3 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::SetNote {
                doc: *doc,
                id: ann.id,
                note: word,
            }
        }
        4 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::SetStatus {
                doc: *doc,
                id: ann.id,
                status: pick(&ClaimStatus::ALL, b).copied().filter(|_| c % 4 != 0),
            }
        }
        5 => {
            let (doc, ann) = pick(&anns, a)?;
            Command::LinkEntity {
                doc: *doc,
                id: ann.id,
                entity: pick(p.entities(), b).map(|e| e.id).filter(|_| c % 4 != 0),
            }
        }
        6 => {
            let (doc, ann) = pick(&anns, a)?;
            let mut new = (*ann).clone();
            new.note = word;
            if b % 5 == 0 {
                new.end += 1; // a moved span: refused
            }
            Command::ReplaceAnnotation {
                doc: *doc,
                annotation: new,
            }
        }
        7 => Command::AddDocument {
            document: Box::new(Document::new(
                format!("Doc {a}"),
                SourceMeta::default(),
                TEXTS[a % TEXTS.len()],
            )),
            index: Some(b % (p.documents().len() + 2)),
        },
        8 => Command::RemoveDocument {
            id: pick(p.documents(), a)?.id,
        },
        9 => Command::RenameDocument {
            id: pick(p.documents(), a)?.id,
            title: word,
        },
        10 => Command::RenameProject { name: word },
        11 => {
            let kind = if b % 9 == 0 { "nope" } else { pick(&tags, b)? };
            Command::AddEntity {
                entity: Entity::new(kind, format!("Entity {c}")),
                index: Some(a % (p.entities().len() + 2)),
            }
        }
        12 => Command::RemoveEntity {
            id: pick(p.entities(), a)?.id,
        },
        13 => {
            let mut e = pick(p.entities(), a)?.clone();
            e.name = word;
            e.aliases.push("alias".into());
            Command::ReplaceEntity { entity: e }
        }
        14 => {
            let t = targets(p);
            let kinds: Vec<&str> = p.relation_kinds.iter().map(|k| k.key.as_str()).collect();
            Command::AddRelation {
                relation: Relation {
                    id: RelationId::new(),
                    kind: if d % 10 == 0 {
                        "nope"
                    } else {
                        pick(&kinds, d)?
                    }
                    .to_owned(),
                    from: *pick(&t, a)?,
                    to: *pick(&t, b)?,
                    note: word,
                    author: "me".into(),
                    modified: Some(dossier::model::now()),
                },
                index: Some(c % (p.relations().len() + 2)),
            }
        }
        15 => Command::RemoveRelation {
            id: pick(p.relations(), a)?.id,
        },
        18 => {
            let palette = dossier::ui::theme::TAG_PALETTE;
            let kinds = [
                dossier::model::TagKind::Span,
                dossier::model::TagKind::Claim,
                dossier::model::TagKind::Entity,
            ];
            let mut tag = dossier::commands::analyst::new_tag(
                p,
                &format!("Tag {}", a % 50),
                kinds[b % 3],
                None,
                &palette,
            );
            if c % 4 == 0 {
                tag.shortcut = Some('C'); // taken by Claim: refused
            }
            Command::AddTag {
                tag,
                index: Some(d % (p.tags.tags.len() + 2)),
            }
        }
        19 => Command::RemoveTag {
            // An unused tag goes; a used one is refused.
            key: pick(&p.tags.tags, a)?.key.clone(),
        },
        20 => {
            let mut tag = pick(&p.tags.tags, a)?.clone();
            tag.label = format!("{} {}", tag.label, WORDS[b % WORDS.len()]);
            tag.color = dossier::ui::theme::TAG_PALETTE[c % 10];
            if d % 5 == 0 {
                tag.label.clear(); // refused
            }
            Command::ReplaceTag { tag }
        }
        21 => Command::MoveTag {
            key: pick(&p.tags.tags, a)?.key.clone(),
            to: b % (p.tags.tags.len() + 1),
        },
        17 => {
            let (doc, ann) = pick(&anns, a)?;
            let len = p.document(*doc)?.char_len();
            let start = b % len;
            let end = (start + 1 + c % 9).min(len);
            let ranges = if d % 3 == 0 && end + 2 < len {
                vec![(start, end), (end + 1, end + 2)]
            } else {
                vec![(start, end)]
            };
            match dossier::commands::analyst::reshape(p, *doc, ann.id, &ranges) {
                Ok(c) => c,
                // Unchanged ranges: a moved span that must be refused instead.
                Err(_) => {
                    let mut moved = (*ann).clone();
                    moved.start = len + 1;
                    Command::Reshape {
                        doc: *doc,
                        annotation: moved,
                    }
                }
            }
        }
        22 => {
            // Trim, correct or insert: a range of a document replaced with a word
            // (empty words delete; some ranges are out of the text and refused).
            let doc = pick(p.documents(), a)?;
            let len = doc.char_len();
            let start = b % (len + 1);
            let end = if d % 17 == 0 {
                len + 1 + c % 3
            } else {
                (start + c % 24).min(len)
            };
            Command::EditText {
                doc: doc.id,
                range: (start, end),
                replacement: word,
            }
        }
        23 => {
            // A new version: another sample text, or this one with a paragraph
            // moved, a word changed and a line inserted.
            let doc = pick(p.documents(), a)?;
            let text = match b % 3 {
                0 => TEXTS[c % TEXTS.len()].to_owned(),
                1 => {
                    let mut lines: Vec<&str> = doc.text().split('\n').collect();
                    if lines.len() > 1 {
                        lines.rotate_left(1);
                    }
                    lines.join("\n")
                }
                _ => format!("{word}\n{}", doc.text().replacen("the", "a", 1)),
            };
            Command::UpdateText {
                doc: doc.id,
                text,
                source: (d % 2 == 0).then(|| Box::new(SourceMeta::default())),
            }
        }
        24 => {
            // Restore an orphan where its quote is, or at a given range; or a change
            // built for another text length (refused).
            let orphans: Vec<(DocumentId, AnnotationId)> = p
                .documents()
                .iter()
                .flat_map(|d| d.orphans().iter().map(move |o| (d.id, o.annotation.id)))
                .collect();
            match pick(&orphans, a) {
                Some(&(doc, id)) => {
                    let len = p.document(doc)?.char_len();
                    let start = b % len.max(1);
                    let ranges = [(start, (start + 1 + c % 8).min(len))];
                    let change = match dossier::anchor::restore_orphan(p, doc, id, None) {
                        Ok(c) if d % 2 == 0 => c,
                        _ => dossier::anchor::restore_orphan(p, doc, id, Some(&ranges)).ok()?,
                    };
                    Command::ChangeText {
                        doc,
                        change: Box::new(change),
                    }
                }
                None => {
                    let doc = pick(p.documents(), a)?;
                    let len = doc.char_len();
                    let mut change =
                        dossier::anchor::edit_text(p, doc.id, 0, len.min(1), "x").ok()?;
                    change.changes = dossier::anchor::ChangeSet::identity(len + 2);
                    Command::ChangeText {
                        doc: doc.id,
                        change: Box::new(change),
                    }
                }
            }
        }
        25 => {
            let mut r = pick(p.relations(), a)?.clone();
            let t = targets(p);
            if b % 3 == 0 {
                r.to = *pick(&t, c)?;
            } else {
                r.note = word;
            }
            if d % 9 == 0 {
                r.kind = "nope".into(); // refused
            }
            Command::ReplaceRelation { relation: r }
        }
        26 => Command::SetDocumentSource {
            id: pick(p.documents(), a)?.id,
            source: Box::new(SourceMeta {
                byline: Some(word),
                page_starts: if b % 4 == 0 { vec![0, 3] } else { Vec::new() },
                ..SourceMeta::default()
            }),
        },
        27 => {
            let mut tags = p.tags.clone();
            let mut kinds = p.relation_kinds.clone();
            match b % 4 {
                0 => {
                    // Removing a tag: refused when something uses it.
                    let i = c % tags.tags.len().max(1);
                    if i < tags.tags.len() {
                        tags.tags.remove(i);
                    }
                }
                1 => {
                    let mut extra = tags.tags.first()?.clone();
                    extra.key = format!("extra{}", c % 3);
                    extra.shortcut = None;
                    tags.tags.push(extra); // a duplicate key is refused
                }
                2 => kinds.reverse(),
                // Other kinds may have removed tags: any of those left.
                _ => {
                    let n = tags.tags.len();
                    tags.tags.get_mut(c % n.max(1))?.label = word;
                }
            }
            Command::ReplaceTags {
                tags,
                relation_kinds: kinds,
            }
        }
        28 => {
            let (doc, ann) = pick(&anns, a)?;
            let version = |note: &str| Version::Annotation {
                doc: *doc,
                annotation: Annotation {
                    note: note.into(),
                    ..(*ann).clone()
                },
            };
            let subject = if b % 7 == 0 {
                Subject::Entity(pick(p.entities(), c)?.id) // holds another subject's version: refused
            } else {
                Subject::Annotation(ann.id)
            };
            Command::AddConflict {
                conflict: Box::new(Conflict {
                    subject,
                    fields: vec![Field::Note],
                    base: Some(version(&ann.note)),
                    ours: Some(version("ours")),
                    theirs: (c % 3 != 0).then(|| version(&word)),
                    copy: None,
                }),
                index: Some(d % (p.conflicts().len() + 2)),
            }
        }
        29 => Command::RemoveConflict {
            index: a % (p.conflicts().len() + 1),
        },
        30 => Command::AddRelationKind {
            kind: RelationKind {
                key: if b % 4 == 0 {
                    pick(&p.relation_kinds, c)?.key.clone()
                } else {
                    format!("kind{c}")
                },
                label: word,
                role: None,
            },
            index: Some(a % (p.relation_kinds.len() + 2)),
        },
        31 => Command::RemoveRelationKind {
            key: pick(&p.relation_kinds, a)?.key.clone(),
        },
        _ => {
            // A batch of two or three other steps, built against the same state.
            let parts: Vec<Command> = (0..2 + a % 2)
                .filter_map(|i| {
                    build(
                        p,
                        &Step {
                            // Any kind but a nested batch (16 stands for an edit of the text).
                            kind: match ((b >> (4 * i)) % usize::from(KINDS)) as u8 {
                                16 => 22,
                                k => k,
                            },
                            n: [c.wrapping_add(i), d, a ^ i, b],
                        },
                    )
                })
                .collect();
            Command::Batch {
                label: "batch".into(),
                commands: parts,
            }
        }
    })
}

/// A project with two documents, entities of each kind and a few annotations.
/// (Built without the editor, so undoing the whole history stops here.)
fn start() -> Editor {
    let mut p = Project::new("P");
    for (i, t) in TEXTS.iter().take(2).enumerate() {
        Command::AddDocument {
            document: Box::new(Document::new(format!("D{i}"), SourceMeta::default(), *t)),
            index: None,
        }
        .apply(&mut p)
        .expect("doc");
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
        .expect("entity");
    }
    Editor::new(p).with_author("Tester")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_edit_undoes_and_redoes_exactly(steps in prop::collection::vec(step(), 1..40)) {
        let mut e = start();
        let initial = e.project().clone();
        for s in &steps {
            let Some(cmd) = build(e.project(), s) else { continue };
            let before = e.project().clone();
            match e.apply(cmd.clone()) {
                Ok(()) => {
                    let after = e.project().clone();
                    prop_assert!(after.validate().is_ok(), "{:?} broke an invariant: {:?}", cmd, after.validate());
                    e.undo().expect("undo");
                    prop_assert_eq!(e.project(), &before, "undo of {:?}", cmd);
                    prop_assert!(e.project().validate().is_ok());
                    e.redo().expect("redo");
                    prop_assert_eq!(e.project(), &after, "redo of {:?}", cmd);
                }
                Err(_) => prop_assert_eq!(e.project(), &before, "a refused {:?} changed the project", cmd),
            }
        }
        // And the whole history unwinds to the start, then replays to the end.
        let end = e.project().clone();
        while e.undo().expect("undo").is_some() {}
        prop_assert_eq!(e.project(), &initial);
        while e.redo().expect("redo").is_some() {}
        prop_assert_eq!(e.project(), &end);
    }
}

#[test]
fn the_generator_makes_every_kind_of_command() {
    let mut e = start();
    // Some annotations and a relation, so every kind has something to act on.
    for n in 0..6 {
        let cmd = build(
            e.project(),
            &Step {
                kind: 0,
                n: [n, n * 7, 3, 1],
            },
        )
        .expect("add");
        e.apply(cmd).expect("add applies");
    }
    let cmd = build(
        e.project(),
        &Step {
            kind: 14,
            n: [0, 1, 0, 1],
        },
    )
    .expect("relation");
    e.apply(cmd).expect("relation applies");
    let cmd = build(
        e.project(),
        &Step {
            kind: 21,
            n: [0, 1, 1, 0],
        },
    )
    .expect("conflict");
    e.apply(cmd).expect("a conflict record applies");
    for kind in 0..KINDS {
        let cmd = (0..50)
            .find_map(|n| {
                build(
                    e.project(),
                    &Step {
                        kind,
                        n: [n, n + 1, n + 2, n + 3],
                    },
                )
            })
            .unwrap_or_else(|| panic!("kind {kind} is never generated"));
        assert_eq!(kind_of(&cmd), kind);
    }
}
