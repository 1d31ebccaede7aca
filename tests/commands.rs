//! Commands and the editor: every edit undoes exactly, the dirty flag follows saves.

use dossier::commands::{CoalesceKey, Command, CommandError, Editor};
use dossier::model::{
    Annotation, ClaimStatus, Document, Entity, Project, Relation, RelationId, SourceMeta, Target,
};

fn editor_with_doc() -> (Editor, dossier::model::DocumentId) {
    let doc = Document::new(
        "Doc",
        SourceMeta::default(),
        "Maryam Rajavi said the 1988 massacre was never investigated.",
    );
    let id = doc.id;
    let mut e = Editor::new(Project::new("P"));
    e.apply(Command::AddDocument {
        document: Box::new(doc),
        index: None,
    })
    .expect("doc");
    e.mark_saved();
    (e, id)
}

fn annotation(
    e: &Editor,
    doc: dossier::model::DocumentId,
    tag: &str,
    s: usize,
    end: usize,
) -> Annotation {
    let d = e.project().document(doc).expect("doc");
    Annotation::new(d.text(), d.char_index(), tag, s, end, "t").expect("ann")
}

#[test]
fn add_undo_redo_and_dirty_flag() {
    let (mut e, doc) = editor_with_doc();
    let before = e.project().clone();
    assert!(!e.is_dirty());
    let a = annotation(&e, doc, "person", 0, 13);
    e.apply(Command::AddAnnotation {
        doc,
        annotation: a.clone(),
    })
    .expect("add");
    assert!(e.is_dirty());
    let after = e.project().clone();
    assert_eq!(
        e.undo().expect("undo").as_deref(),
        Some("Tag “Maryam Rajavi”")
    );
    assert_eq!(e.project(), &before);
    assert!(!e.is_dirty(), "undo back to the saved state is clean");
    e.redo().expect("redo");
    assert_eq!(e.project(), &after);
    assert!(e.is_dirty());
    e.mark_saved();
    assert!(!e.is_dirty());
    e.undo().expect("undo");
    assert!(
        e.is_dirty(),
        "history survives a save, and leaving the saved state is dirty"
    );
    assert_eq!(e.undo().expect("undo doc").as_deref(), Some("Add “Doc”"));
    assert_eq!(e.undo().expect("nothing"), None);
}

#[test]
fn invalid_commands_change_nothing() {
    let (mut e, doc) = editor_with_doc();
    let before = e.project().clone();
    let mut a = annotation(&e, doc, "person", 0, 13);
    a.quote = "Someone else".into();
    assert!(matches!(
        e.apply(Command::AddAnnotation { doc, annotation: a }),
        Err(CommandError::QuoteMismatch { .. })
    ));
    let a = annotation(&e, doc, "nope", 0, 13);
    assert!(matches!(
        e.apply(Command::AddAnnotation { doc, annotation: a }),
        Err(CommandError::UnknownTag(_))
    ));
    // A batch that fails half-way rolls back what it did.
    let ok = annotation(&e, doc, "person", 0, 13);
    let dup = ok.clone();
    let r = e.apply(Command::Batch {
        label: "two".into(),
        commands: vec![
            Command::AddAnnotation {
                doc,
                annotation: ok,
            },
            Command::AddAnnotation {
                doc,
                annotation: dup,
            },
        ],
    });
    assert!(matches!(r, Err(CommandError::DuplicateId(_))));
    assert_eq!(e.project(), &before);
    assert!(!e.is_dirty());
}

#[test]
fn retag_note_status_and_coalesced_note_bursts() {
    let (mut e, doc) = editor_with_doc();
    let a = annotation(&e, doc, "claim", 0, 60);
    let id = a.id;
    e.apply(Command::AddAnnotation { doc, annotation: a })
        .expect("add");
    e.apply(Command::RetagAnnotation {
        doc,
        id,
        tag: "event".into(),
    })
    .expect("retag");
    assert_eq!(
        e.project()
            .document(doc)
            .and_then(|d| d.annotation(id))
            .map(|a| a.tag.as_str()),
        Some("event")
    );
    for note in ["N", "No", "Not", "Note"] {
        e.apply_coalescing(
            Command::SetNote {
                doc,
                id,
                note: note.into(),
            },
            Some(CoalesceKey::Note(id)),
        )
        .expect("note");
    }
    e.end_burst();
    e.apply_coalescing(
        Command::SetNote {
            doc,
            id,
            note: "Note 2".into(),
        },
        Some(CoalesceKey::Note(id)),
    )
    .expect("note");
    e.apply(Command::SetStatus {
        doc,
        id,
        status: Some(ClaimStatus::Disputed),
    })
    .expect("status");
    let get = |e: &Editor| {
        e.project()
            .document(doc)
            .and_then(|d| d.annotation(id))
            .cloned()
            .expect("ann")
    };
    assert_eq!(get(&e).status, Some(ClaimStatus::Disputed));
    e.undo().expect("undo status");
    assert_eq!(get(&e).note, "Note 2");
    e.undo().expect("undo second burst");
    assert_eq!(get(&e).note, "Note", "one undo step per burst");
    e.undo().expect("undo first burst");
    assert_eq!(get(&e).note, "");
    e.undo().expect("undo retag");
    assert_eq!(get(&e).tag, "claim");
    assert!(matches!(
        e.apply(Command::RetagAnnotation {
            doc,
            id,
            tag: "unknown".into()
        }),
        Err(CommandError::UnknownTag(_))
    ));
}

#[test]
fn removing_cascades_and_undo_restores_everything() {
    let (mut e, doc) = editor_with_doc();
    let person = Entity::new("person", "Maryam Rajavi");
    let pid = person.id;
    e.apply(Command::AddEntity {
        entity: person,
        index: None,
    })
    .expect("entity");
    let mut mention = annotation(&e, doc, "person", 0, 13);
    mention.entity = Some(pid);
    let claim = annotation(&e, doc, "claim", 14, 60);
    let cid = claim.id;
    e.apply(Command::AddAnnotation {
        doc,
        annotation: mention,
    })
    .expect("mention");
    e.apply(Command::AddAnnotation {
        doc,
        annotation: claim,
    })
    .expect("claim");
    for kind in ["said_by", "about"] {
        e.apply(Command::AddRelation {
            relation: Relation {
                id: RelationId::new(),
                kind: kind.into(),
                from: Target::Annotation(cid),
                to: Target::Entity(pid),
                note: String::new(),
                author: String::new(),
                modified: None,
            },
            index: None,
        })
        .expect("relation");
    }
    let full = e.project().clone();

    e.apply(Command::RemoveEntity { id: pid })
        .expect("remove entity");
    assert!(e.project().relations().is_empty());
    assert!(
        e.project().documents()[0]
            .annotations()
            .iter()
            .all(|a| a.entity.is_none())
    );
    assert!(e.project().validate().is_ok());
    e.undo().expect("undo");
    assert_eq!(e.project(), &full);

    e.apply(Command::RemoveAnnotation { doc, id: cid })
        .expect("remove claim");
    assert!(e.project().relations().is_empty());
    e.undo().expect("undo");
    assert_eq!(e.project(), &full);

    e.apply(Command::RemoveDocument { id: doc })
        .expect("remove doc");
    assert!(e.project().documents().is_empty());
    assert!(e.project().validate().is_ok());
    e.undo().expect("undo");
    assert_eq!(e.project(), &full);
}

#[test]
fn the_editor_stamps_who_and_when_and_undo_restores_the_stamps() {
    let (e, doc) = editor_with_doc();
    let mut e = Editor::new(e.into_project()).with_author("Ana");
    let mut a = annotation(&e, doc, "claim", 0, 13);
    a.author = String::new();
    let id = a.id;
    let old = chrono::DateTime::parse_from_rfc3339("2020-01-01T00:00:00Z")
        .expect("time")
        .with_timezone(&chrono::Utc);
    a.modified = old;
    e.apply(Command::AddAnnotation { doc, annotation: a })
        .expect("add");
    let get = |e: &Editor| e.project().find_annotation(id).expect("ann").1.clone();
    assert_eq!(get(&e).author, "Ana", "a new annotation gets its author");
    e.set_author("Ben");
    let before = e.project().clone();
    e.apply(Command::SetNote {
        doc,
        id,
        note: "checked".into(),
    })
    .expect("note");
    let changed = get(&e);
    assert_eq!(
        (changed.author.as_str(), changed.modified_by.as_str()),
        ("Ana", "Ben")
    );
    assert!(changed.modified > old, "the time of the change");
    let entity = Entity::new("person", "Maryam Rajavi");
    let eid = entity.id;
    e.apply(Command::AddEntity {
        entity,
        index: None,
    })
    .expect("entity");
    let stamped = e.project().entity(eid).expect("entity").clone();
    assert_eq!(stamped.author, "Ben");
    assert!(stamped.modified.is_some());
    e.undo().expect("undo");
    e.undo().expect("undo");
    assert_eq!(e.project(), &before, "undo restores the stamps exactly");
    e.set_author("Ana");
    e.apply(Command::SetNote {
        doc,
        id,
        note: "by Ana again".into(),
    })
    .expect("note");
    assert_eq!(get(&e).modified_by, "", "changed last by its own author");
}

/// A batch of many removals (undoing an import, deleting a tag) runs in one pass;
/// it must do exactly what the removals one by one do: relations between removed
/// annotations and to others go, undo restores the very same project, redo again,
/// and a batch naming an annotation twice changes nothing.
#[test]
fn a_batch_of_removals_equals_removing_one_by_one() {
    let (mut e, doc) = editor_with_doc();
    let words: Vec<(usize, usize)> = {
        let text = e.project().document(doc).expect("doc").text().to_owned();
        let mut spans = Vec::new();
        let mut start = None;
        for (i, c) in text.chars().chain([' ']).enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    spans.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        spans
    };
    let mut ids = Vec::new();
    for &(s, end) in &words {
        let a = annotation(&e, doc, "claim", s, end);
        ids.push(a.id);
        e.apply(Command::AddAnnotation { doc, annotation: a })
            .expect("add");
    }
    // Relations: removed → removed, removed → kept, kept → kept.
    let (removed, kept) = ids.split_at(ids.len() / 2);
    for (from, to) in [
        (removed[0], removed[1]),
        (removed[2], kept[0]),
        (kept[0], kept[1]),
    ] {
        e.apply(Command::AddRelation {
            relation: Relation {
                id: RelationId::new(),
                kind: "about".into(),
                from: Target::Annotation(from),
                to: Target::Annotation(to),
                note: String::new(),
                author: String::new(),
                modified: None,
            },
            index: None,
        })
        .expect("relation");
    }
    let before = e.project().clone();
    let batch = |ids: &[dossier::model::AnnotationId]| Command::Batch {
        label: "remove".into(),
        commands: ids
            .iter()
            .map(|&id| Command::RemoveAnnotation { doc, id })
            .collect(),
    };
    // One by one, for reference.
    let mut one_by_one = Editor::new(before.clone());
    for &id in removed {
        one_by_one
            .apply(Command::RemoveAnnotation { doc, id })
            .expect("remove");
    }
    e.apply(batch(removed)).expect("batch");
    assert_eq!(e.project(), one_by_one.project());
    assert_eq!(e.project().relations().len(), 1, "only kept → kept stays");
    assert!(e.project().validate().is_ok());
    e.undo().expect("undo");
    assert_eq!(e.project(), &before);
    e.redo().expect("redo");
    assert_eq!(e.project(), one_by_one.project());
    e.undo().expect("undo");
    // Named twice: refused, nothing changed.
    let twice: Vec<_> = removed.iter().chain(&removed[..1]).copied().collect();
    assert!(e.apply(batch(&twice)).is_err());
    assert_eq!(e.project(), &before);
}
