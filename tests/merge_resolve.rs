//! Resolving recorded conflicts and curating two analysts' annotations: each
//! resolution of each conflict of the data-driven cases applies, gives a valid
//! project with the chosen values and one record fewer, and undoes exactly;
//! comparison rows and curation choices do what they say.

#![allow(clippy::unwrap_used)]

use dossier::agree::DocKey;
use dossier::commands::{Command, Editor};
use dossier::merge::compare::{self, Choice, Layer, RowKind};
use dossier::merge::resolve::{self, Resolution};
use dossier::model::{
    Annotation, ClaimStatus, Document, Entity, Field, Project, SourceMeta, Subject, Version,
};
use dossier::store;
use std::path::Path;

fn expected(case: &str) -> Project {
    store::load(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/merge")
            .join(case)
            .join("expected.ron"),
    )
    .unwrap()
}

fn annotation(p: &Project, s: &Subject) -> Option<Annotation> {
    match s {
        Subject::Annotation(id) => p.find_annotation(*id).map(|(_, a)| a.clone()),
        _ => None,
    }
}

/// Every resolution of every conflict of every case with conflicts.
#[test]
fn every_resolution_applies_validates_and_undoes() {
    for case in [
        "conflicting-edits",
        "delete-vs-edit",
        "deleted-entity-still-used",
        "relation-retargets",
        "discontinuous-spans",
        "document-text",
    ] {
        let p = expected(case);
        assert!(!p.conflicts().is_empty(), "{case}");
        for (i, c) in p.conflicts().iter().enumerate() {
            let choices = resolve::choices(c);
            let mut ways = vec![
                Resolution::KeepMine,
                Resolution::TakeTheirs,
                Resolution::AsIs,
            ];
            if choices.keep_both {
                ways.push(Resolution::KeepBoth);
            }
            if choices.edit.is_some() {
                ways.push(Resolution::Edit("typed by hand".into()));
            }
            for how in ways {
                let mut e = Editor::new(p.clone()).with_author("Cleo");
                let command = resolve::resolve(e.project(), i, &how)
                    .unwrap_or_else(|err| panic!("{case} #{i} {how:?}: {err}"));
                e.apply(command)
                    .unwrap_or_else(|err| panic!("{case} #{i} {how:?}: {err}"));
                let after = e.project().clone();
                assert!(after.validate().is_ok(), "{case} #{i} {how:?}");
                assert_eq!(after.conflicts().len(), p.conflicts().len() - 1);
                check_values(case, c, &how, &after);
                e.undo().unwrap();
                assert_eq!(e.project(), &p, "{case} #{i} {how:?} undoes exactly");
            }
        }
    }
}

/// What each resolution leaves in the project for the fields in conflict.
fn check_values(case: &str, c: &dossier::model::Conflict, how: &Resolution, p: &Project) {
    let side = match how {
        Resolution::KeepMine => Some(&c.ours),
        Resolution::TakeTheirs => Some(&c.theirs),
        _ => None,
    };
    match (side, &c.subject) {
        (Some(None), Subject::Annotation(id)) => {
            assert!(p.find_annotation(*id).is_none(), "{case}: deleted")
        }
        (Some(None), Subject::Entity(id)) => assert!(p.entity(*id).is_none(), "{case}: deleted"),
        (
            Some(Some(Version::Annotation {
                annotation: want, ..
            })),
            s,
        ) => {
            let now = annotation(p, s).unwrap();
            for f in &c.fields {
                match f {
                    Field::Note => assert_eq!(now.note, want.note, "{case}"),
                    Field::Status => assert_eq!(now.status, want.status, "{case}"),
                    Field::Span => assert_eq!(now.fragments, want.fragments, "{case}"),
                    _ => {}
                }
            }
        }
        (Some(Some(Version::Entity(want))), Subject::Entity(id)) => {
            let now = p.entity(*id).unwrap();
            if c.fields.contains(&Field::Name) {
                assert_eq!(now.name, want.name, "{case}");
            }
        }
        (Some(Some(Version::Relation(want))), Subject::Relation(id)) => {
            let now = p.relations().iter().find(|r| r.id == *id).unwrap();
            assert_eq!(now.to, want.to, "{case}");
        }
        _ => {}
    }
    if c.fields == [Field::Text] {
        let copy = c.copy.unwrap();
        let Subject::Document(original) = c.subject else {
            panic!("a text conflict is about a document")
        };
        let (has_original, has_copy) = (p.document(original).is_some(), p.document(copy).is_some());
        match how {
            Resolution::KeepMine => assert!(has_original && !has_copy),
            Resolution::TakeTheirs => assert!(!has_original && has_copy),
            _ => assert!(has_original && has_copy),
        }
    }
}

#[test]
fn keep_both_joins_notes_adds_aliases_and_keeps_two_spans() {
    // Notes: joined.
    let p = expected("conflicting-edits");
    let claim = p
        .conflicts()
        .iter()
        .position(|c| matches!(c.subject, Subject::Annotation(_)))
        .unwrap();
    assert!(
        !resolve::choices(&p.conflicts()[claim]).keep_both,
        "a status has no 'both'"
    );
    let rajavi = p
        .conflicts()
        .iter()
        .position(|c| matches!(c.subject, Subject::Entity(_)))
        .unwrap();
    let mut e = Editor::new(p.clone());
    e.apply(resolve::resolve(e.project(), rajavi, &Resolution::KeepBoth).unwrap())
        .unwrap();
    let Subject::Entity(id) = p.conflicts()[rajavi].subject else {
        panic!()
    };
    let now = e.project().entity(id).unwrap();
    assert_eq!(now.name, "Maryam Rajavi (NCRI)", "our name");
    assert!(
        now.aliases.contains(&"Maryam Radjavi".to_owned()),
        "their name an alias"
    );

    // Spans: two annotations.
    let p = expected("discontinuous-spans");
    let before = p.annotation_count();
    let mut e = Editor::new(p.clone());
    e.apply(resolve::resolve(e.project(), 0, &Resolution::KeepBoth).unwrap())
        .unwrap();
    assert_eq!(e.project().annotation_count(), before + 1);
    assert!(e.project().conflicts().is_empty());

    // Edit: the typed value.
    let p = expected("conflicting-edits");
    let mut e = Editor::new(p.clone());
    assert_eq!(
        resolve::choices(&p.conflicts()[rajavi]).edit,
        Some(Field::Name)
    );
    e.apply(
        resolve::resolve(
            e.project(),
            rajavi,
            &Resolution::Edit("Maryam Rajavi".into()),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(e.project().entity(id).unwrap().name, "Maryam Rajavi");
    assert!(matches!(
        resolve::resolve(e.project(), 0, &Resolution::KeepBoth),
        Err(resolve::ResolveError::NotPossible(_))
    ));
}

/// Two analysts' projects of one article, imported separately (different ids).
fn two_analysts() -> (Project, Project) {
    let text =
        "Maryam Rajavi said the 1988 massacre was never investigated. Ebrahim Raisi denied it.";
    let make = |tags: &[(&str, &str, Option<ClaimStatus>)], person: &str| {
        let mut p = Project::new("P");
        let doc = Document::new("Article", SourceMeta::default(), text);
        let id = doc.id;
        Command::AddDocument {
            document: Box::new(doc),
            index: None,
        }
        .apply(&mut p)
        .unwrap();
        let e = Entity::new("person", person);
        let eid = e.id;
        Command::AddEntity {
            entity: e,
            index: None,
        }
        .apply(&mut p)
        .unwrap();
        for &(tag, quote, status) in tags {
            let d = p.document(id).unwrap();
            let start = text[..text.find(quote).unwrap()].chars().count();
            let mut a = Annotation::new(
                d.text(),
                d.char_index(),
                tag,
                start,
                start + quote.chars().count(),
                "x",
            )
            .unwrap();
            a.status = status;
            if tag == "person" {
                a.entity = Some(eid);
            }
            Command::AddAnnotation {
                doc: id,
                annotation: a,
            }
            .apply(&mut p)
            .unwrap();
        }
        p
    };
    let a = make(
        &[
            ("person", "Maryam Rajavi", None),
            (
                "claim",
                "the 1988 massacre was never investigated",
                Some(ClaimStatus::Disputed),
            ),
            ("event", "1988 massacre", None),
        ],
        "Maryam Rajavi",
    );
    let b = make(
        &[
            ("person", "Maryam Rajavi", None),
            (
                "claim",
                "the 1988 massacre was never investigated",
                Some(ClaimStatus::Corroborated),
            ),
            ("claim", "Ebrahim Raisi denied it", None),
        ],
        "maryam rajavi",
    );
    (a, b)
}

#[test]
fn comparing_two_projects_and_curating_into_the_first() {
    let (a, b) = two_analysts();
    let (la, lb) = (
        Layer {
            project: &a,
            author: None,
        },
        Layer {
            project: &b,
            author: None,
        },
    );
    let c = compare::compare(&la, &lb);
    assert_eq!(c.documents.len(), 1, "matched by text, not id");
    let d = &c.documents[0];
    // Rajavi agrees (entity names folded); the claim differs in status; the event is
    // only in A, Raisi's denial only in B.
    assert_eq!(d.counts(), [1, 1, 1, 1]);
    assert!(
        d.rows
            .iter()
            .any(|r| r.kind == RowKind::Differ(vec![Field::Status]))
    );
    let report = compare::agreement(&la, &lb).unwrap();
    let f1 = report.overall.exact_f1.mean.unwrap();
    assert!((f1 - 4.0 / 6.0).abs() < 1e-9, "2 of 3 and 3 matched: {f1}");

    let key = DocKey::of_text(a.documents()[0].text());
    let row = |kind: &RowKind| d.rows.iter().find(|r| &r.kind == kind).unwrap().clone();
    let mut e = Editor::new(a.clone());
    let apply = |e: &mut Editor, commands: Vec<Command>| {
        e.apply(Command::Batch {
            label: "curate".into(),
            commands,
        })
        .unwrap();
    };
    // B's status for the claim; B's extra claim; A's event dropped by taking B.
    apply(
        &mut e,
        compare::accept(
            &a,
            (&a, &b),
            key,
            &row(&RowKind::Differ(vec![Field::Status])),
            Choice::B,
        )
        .unwrap(),
    );
    for kind in [RowKind::OnlyB, RowKind::OnlyA] {
        let commands = compare::accept(e.project(), (&a, &b), key, &row(&kind), Choice::B).unwrap();
        apply(&mut e, commands);
    }
    let anns = e.project().documents()[0].annotations().to_vec();
    assert_eq!(anns.len(), 3, "{anns:?}");
    assert!(anns.iter().all(|x| x.tag != "event"));
    assert!(
        anns.iter()
            .any(|x| x.quote == "Ebrahim Raisi denied it" && x.author == "x")
    );
    assert!(
        anns.iter()
            .any(|x| x.tag == "claim" && x.status == Some(ClaimStatus::Corroborated))
    );
    // Agreements are already in A: nothing to accept.
    assert!(matches!(
        compare::accept_agreed(e.project(), (&a, &b), d),
        Err(compare::CurateError::Nothing)
    ));
}

#[test]
fn two_authors_in_one_project_curated_into_it() {
    let (a, _) = two_analysts();
    // The same spans annotated again by a second author: twins and one difference.
    let mut p = a.clone();
    let doc = p.documents()[0].id;
    let theirs: Vec<Annotation> = p.documents()[0]
        .annotations()
        .iter()
        .map(|x| Annotation {
            id: dossier::model::AnnotationId::new(),
            author: "Ben".into(),
            tag: if x.tag == "event" {
                "person".into()
            } else {
                x.tag.clone()
            },
            entity: None,
            ..x.clone()
        })
        .collect();
    for x in theirs {
        Command::AddAnnotation { doc, annotation: x }
            .apply(&mut p)
            .unwrap();
    }
    let la = Layer {
        project: &p,
        author: Some("x"),
    };
    let lb = Layer {
        project: &p,
        author: Some("Ben"),
    };
    let c = compare::compare(&la, &lb);
    let d = &c.documents[0];
    // The claim agrees; Rajavi differs in entity (Ben linked none); the event/person
    // span differs in tag.
    assert_eq!(d.counts()[0], 1, "{:?}", d.rows);
    let mut e = Editor::new(p.clone());
    let before = e.project().annotation_count();
    e.apply(compare::accept_agreed(e.project(), (&p, &p), d).unwrap())
        .unwrap();
    assert_eq!(e.project().annotation_count(), before - 1, "the twin goes");
    let tag_row = d
        .rows
        .iter()
        .find(|r| matches!(&r.kind, RowKind::Differ(f) if f.contains(&Field::Tag)))
        .unwrap();
    let key = DocKey::of_text(p.documents()[0].text());
    let commands = compare::accept(e.project(), (&p, &p), key, tag_row, Choice::A).unwrap();
    e.apply(Command::Batch {
        label: "A".into(),
        commands,
    })
    .unwrap();
    assert_eq!(e.project().annotation_count(), before - 2, "B's retag goes");
    assert!(e.project().validate().is_ok());
}
