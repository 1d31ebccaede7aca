//! How the data-driven merge cases in `tests/merge/<case>/` were made: a base
//! project, each side's edits as commands, and the expected merge built by hand —
//! the edits that must survive applied to the base, conflict records written out —
//! never by the merge itself. `cargo test --release --test merge -- --ignored
//! write_cases` writes the files again (ids and times are fixed, so nothing changes
//! unless a case does).

use dossier::commands::{Command, Stamp, analyst};
use dossier::model::{
    Annotation, AnnotationId, ClaimStatus, Color, Conflict, Document, DocumentId, Entity, EntityId,
    EntityRole, Field, Project, ProjectId, Relation, RelationId, SourceMeta, Subject, TagDef,
    TagKind, Target, Version,
};

/// One case: the three inputs and the expected merge.
pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) base: Project,
    pub(crate) ours: Project,
    pub(crate) theirs: Project,
    pub(crate) expected: Project,
}

const TEXT: &str = "Maryam Rajavi spoke in Paris on 1 July. Mrs. Rajavi said the 1988 massacre \
must be investigated.\n\nEbrahim Raisi denied it. The tribunal in Stockholm heard witnesses, \
and Rajavi thanked them.";

const SECOND: &str = "Amnesty International said the killings were crimes against humanity.";

fn uuid(kind: u8, n: u8) -> uuid::Uuid {
    uuid::Uuid::from_u128((u128::from(kind) << 120) | (0x7000 << 64) | u128::from(n))
}

pub(crate) fn doc_id(n: u8) -> DocumentId {
    DocumentId(uuid(0xd0, n))
}
pub(crate) fn ann_id(n: u8) -> AnnotationId {
    AnnotationId(uuid(0xa0, n))
}
pub(crate) fn ent_id(n: u8) -> EntityId {
    EntityId(uuid(0xe0, n))
}
pub(crate) fn rel_id(n: u8) -> RelationId {
    RelationId(uuid(0xb0, n))
}

fn time(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().expect("a time")
}

const BASE_TIME: &str = "2026-01-05T09:00:00Z";

/// Ana edits our side, a day after the base.
fn ana() -> Stamp {
    Stamp {
        author: "Ana".into(),
        time: time("2026-01-06T10:00:00Z"),
    }
}

/// Ben edits theirs, a day later still.
fn ben() -> Stamp {
    Stamp {
        author: "Ben".into(),
        time: time("2026-01-07T11:00:00Z"),
    }
}

/// An annotation of the `nth` (0-based) occurrence of `quote` in `text`.
fn ann(text: &str, id: u8, tag: &str, quote: &str, nth: usize) -> Annotation {
    let byte = text
        .match_indices(quote)
        .nth(nth)
        .map(|(b, _)| b)
        .expect("quote in text");
    let start = text[..byte].chars().count();
    let end = start + quote.chars().count();
    let index = dossier::model::text::CharIndex::new(text);
    let mut a = Annotation::new(text, &index, tag, start, end, "Base").expect("annotation");
    a.id = ann_id(id);
    a.created = time(BASE_TIME);
    a.modified = time(BASE_TIME);
    a
}

/// The span of the `nth` occurrence of `quote` in the first document.
fn span(quote: &str, nth: usize) -> (usize, usize) {
    let a = ann(TEXT, 0, "claim", quote, nth);
    (a.start, a.end)
}

fn entity(id: u8, kind: &str, name: &str) -> Entity {
    Entity {
        id: ent_id(id),
        author: "Base".into(),
        modified: Some(time(BASE_TIME)),
        ..Entity::new(kind, name)
    }
}

fn relation(id: u8, kind: &str, from: Target, to: Target) -> Relation {
    Relation {
        id: rel_id(id),
        kind: kind.into(),
        from,
        to,
        note: String::new(),
        author: "Base".into(),
        modified: Some(time(BASE_TIME)),
    }
}

/// The base every case starts from: two documents, four entities, six annotations
/// of the first document, four relations.
pub(crate) fn base() -> Project {
    let mut a1 = ann(TEXT, 1, "person", "Maryam Rajavi", 0);
    a1.entity = Some(ent_id(1));
    let mut a2 = ann(TEXT, 2, "person", "Mrs. Rajavi", 0);
    a2.entity = Some(ent_id(2));
    let mut a3 = ann(
        TEXT,
        3,
        "claim",
        "the 1988 massacre must be investigated",
        0,
    );
    a3.status = Some(ClaimStatus::Unverified);
    a3.note = "Repeated in the conference's press release.".into();
    let mut a4 = ann(TEXT, 4, "event", "1988 massacre", 0);
    a4.entity = Some(ent_id(4));
    let mut a5 = ann(TEXT, 5, "person", "Ebrahim Raisi", 0);
    a5.entity = Some(ent_id(3));
    let a6 = ann(TEXT, 6, "claim", "Ebrahim Raisi denied it", 0);
    let d1 = Document::with_annotations(
        doc_id(1),
        "Paris conference".into(),
        SourceMeta::default(),
        TEXT.into(),
        vec![a1, a2, a3, a4, a5, a6],
    );
    let d2 = Document::with_annotations(
        doc_id(2),
        "Amnesty statement".into(),
        SourceMeta::default(),
        SECOND.into(),
        Vec::new(),
    );
    let entities = vec![
        entity(1, "person", "Maryam Rajavi"),
        entity(2, "person", "Mrs. Rajavi"),
        entity(3, "person", "Ebrahim Raisi"),
        entity(4, "event", "1988 massacre"),
    ];
    let a = |n| Target::Annotation(ann_id(n));
    let e = |n| Target::Entity(ent_id(n));
    let relations = vec![
        relation(1, "said_by", a(3), e(2)),
        relation(2, "about", a(3), e(4)),
        relation(3, "said_by", a(6), e(3)),
        relation(4, "about", a(6), e(4)),
    ];
    let fresh = Project::new("Paris conference");
    Project::from_parts(
        ProjectId(uuid(0xf0, 1)),
        fresh.name,
        fresh.tags,
        fresh.relation_kinds,
        vec![d1, d2],
        entities,
        relations,
    )
}

/// `p` with `commands` applied, each stamped with `stamp`.
fn edited(p: &Project, stamp: &Stamp, commands: Vec<Command>) -> Project {
    let mut p = p.clone();
    for c in commands {
        if let Err(e) = c.clone().apply_stamped(&mut p, stamp) {
            panic!("{c:?} does not apply: {e}");
        }
    }
    p
}

fn find(p: &Project, id: AnnotationId) -> Annotation {
    p.find_annotation(id).expect("annotation").1.clone()
}

fn version(p: &Project, id: AnnotationId) -> Version {
    let (d, a) = p.find_annotation(id).expect("annotation");
    Version::Annotation {
        doc: d.id,
        annotation: a.clone(),
    }
}

fn set_note(id: AnnotationId, note: &str) -> Command {
    Command::SetNote {
        doc: doc_id(1),
        id,
        note: note.into(),
    }
}

fn new_annotation(p: &Project, doc: u8, id: u8, tag: &str, quote: &str, nth: usize) -> Annotation {
    let d = p.document(doc_id(doc)).expect("doc");
    let mut a = ann(d.text(), id, tag, quote, nth);
    a.author = String::new();
    a
}

fn add(doc: u8, annotation: Annotation) -> Command {
    Command::AddAnnotation {
        doc: doc_id(doc),
        annotation,
    }
}

/// Additions on both sides: annotations in both documents, entities, relations.
fn additions(base: &Project) -> Case {
    let mut witnesses = new_annotation(
        base,
        1,
        10,
        "claim",
        "The tribunal in Stockholm heard witnesses",
        0,
    );
    witnesses.note = "Confirmed by the tribunal's record.".into();
    let ours_cmds = vec![
        add(1, witnesses),
        Command::AddEntity {
            entity: Entity {
                id: ent_id(10),
                ..Entity::new("event", "Stockholm tribunal")
            },
            index: None,
        },
    ];
    let mut amnesty = new_annotation(
        base,
        2,
        11,
        "claim",
        "the killings were crimes against humanity",
        0,
    );
    amnesty.status = Some(ClaimStatus::Corroborated);
    let theirs_cmds = vec![
        add(2, amnesty),
        Command::AddEntity {
            entity: Entity {
                id: ent_id(11),
                ..Entity::new("person", "Amnesty International")
            },
            index: None,
        },
        Command::AddRelation {
            relation: Relation {
                id: rel_id(11),
                ..relation(
                    0,
                    "said_by",
                    Target::Annotation(ann_id(11)),
                    Target::Entity(ent_id(11)),
                )
            },
            index: None,
        },
    ];
    clean("additions", base, ours_cmds, theirs_cmds)
}

/// A case without conflicts: the expected merge is both sides' edits applied in turn.
fn clean(
    name: &'static str,
    base: &Project,
    ours_cmds: Vec<Command>,
    theirs_cmds: Vec<Command>,
) -> Case {
    let ours = edited(base, &ana(), ours_cmds.clone());
    let theirs = edited(base, &ben(), theirs_cmds.clone());
    let expected = edited(&edited(base, &ana(), ours_cmds), &ben(), theirs_cmds);
    Case {
        name,
        base: base.clone(),
        ours,
        theirs,
        expected,
    }
}

/// Deletions on both sides, and one on both.
fn deletions(base: &Project) -> Case {
    let ours_cmds = vec![
        Command::RemoveAnnotation {
            doc: doc_id(1),
            id: ann_id(6),
        },
        Command::RemoveRelation { id: rel_id(2) },
    ];
    let theirs_cmds = vec![
        Command::RemoveAnnotation {
            doc: doc_id(1),
            id: ann_id(4),
        },
        Command::RemoveRelation { id: rel_id(2) },
        Command::RemoveDocument { id: doc_id(2) },
    ];
    let ours = edited(base, &ana(), ours_cmds.clone());
    let theirs = edited(base, &ben(), theirs_cmds);
    // Relation 2 is gone on both sides: once is enough.
    let expected = edited(
        &ours,
        &ben(),
        vec![
            Command::RemoveAnnotation {
                doc: doc_id(1),
                id: ann_id(4),
            },
            Command::RemoveDocument { id: doc_id(2) },
        ],
    );
    Case {
        name: "deletions",
        base: base.clone(),
        ours,
        theirs,
        expected,
    }
}

/// Edits on both sides to different fields and objects merge; the same edit on
/// both sides is one edit.
fn edits_on_both_sides(base: &Project) -> Case {
    let ours_cmds = vec![
        set_note(ann_id(3), "Also in Le Monde, 2 July."),
        Command::RetagAnnotation {
            doc: doc_id(1),
            id: ann_id(6),
            tag: "event".into(),
        },
        Command::SetStatus {
            doc: doc_id(1),
            id: ann_id(3),
            status: Some(ClaimStatus::Disputed),
        },
    ];
    let mut raisi = base.entity(ent_id(3)).expect("Raisi").clone();
    raisi.role = "President of Iran".into();
    let theirs_cmds = vec![
        Command::SetStatus {
            doc: doc_id(1),
            id: ann_id(3),
            status: Some(ClaimStatus::Disputed),
        },
        Command::ReplaceEntity { entity: raisi },
        set_note(ann_id(6), "He spoke to state TV."),
    ];
    let ours = edited(base, &ana(), ours_cmds.clone());
    let theirs = edited(base, &ben(), theirs_cmds.clone());
    let mut expected = edited(&edited(base, &ana(), ours_cmds), &ben(), theirs_cmds);
    // Claim 3's status was set the same way on both sides: its stamps are the later
    // side's (Ben), its note Ana's — applying Ben's edits last gives exactly that.
    let _ = &mut expected;
    Case {
        name: "edits-on-both-sides",
        base: base.clone(),
        ours,
        theirs,
        expected,
    }
}

/// The same fields changed differently: a note, a status, an entity's name. The
/// merge keeps the base values and records the conflicts; other edits merge.
fn conflicting_edits(base: &Project) -> Case {
    let mut rajavi_ours = base.entity(ent_id(1)).expect("e").clone();
    rajavi_ours.name = "Maryam Rajavi (NCRI)".into();
    let mut rajavi_theirs = base.entity(ent_id(1)).expect("e").clone();
    rajavi_theirs.name = "Maryam Radjavi".into();
    rajavi_theirs.role = "NCRI president-elect".into();
    let ours_cmds = vec![
        set_note(ann_id(3), "Ana: the press release says so."),
        Command::SetStatus {
            doc: doc_id(1),
            id: ann_id(3),
            status: Some(ClaimStatus::Corroborated),
        },
        Command::ReplaceEntity {
            entity: rajavi_ours,
        },
    ];
    let theirs_cmds = vec![
        set_note(ann_id(3), "Ben: no independent source."),
        Command::SetStatus {
            doc: doc_id(1),
            id: ann_id(3),
            status: Some(ClaimStatus::Disputed),
        },
        Command::ReplaceEntity {
            entity: rajavi_theirs,
        },
        set_note(ann_id(5), "Head of the judiciary in 2019."),
    ];
    let ours = edited(base, &ana(), ours_cmds);
    let theirs = edited(base, &ben(), theirs_cmds);
    // Expected: Ben's note on annotation 5 and role of Rajavi; the base's note and
    // status of claim 3 and name of Rajavi, with the later stamps (Ben's).
    let mut expected = edited(
        base,
        &ben(),
        vec![set_note(ann_id(5), "Head of the judiciary in 2019.")],
    );
    let mut claim = find(base, ann_id(3));
    claim.modified = ben().time;
    claim.modified_by = "Ben".into();
    let mut rajavi = base.entity(ent_id(1)).expect("e").clone();
    rajavi.role = "NCRI president-elect".into();
    rajavi.author = "Ben".into();
    rajavi.modified = Some(ben().time);
    expected = raw(
        &expected,
        vec![
            Command::ReplaceAnnotation {
                doc: doc_id(1),
                annotation: claim,
            },
            Command::ReplaceEntity { entity: rajavi },
        ],
    );
    let conflicts = vec![
        Conflict {
            subject: Subject::Annotation(ann_id(3)),
            fields: vec![Field::Note, Field::Status],
            base: Some(version(base, ann_id(3))),
            ours: Some(version(&ours, ann_id(3))),
            theirs: Some(version(&theirs, ann_id(3))),
            copy: None,
        },
        Conflict {
            subject: Subject::Entity(ent_id(1)),
            fields: vec![Field::Name],
            base: Some(Version::Entity(base.entity(ent_id(1)).expect("e").clone())),
            ours: Some(Version::Entity(ours.entity(ent_id(1)).expect("e").clone())),
            theirs: Some(Version::Entity(
                theirs.entity(ent_id(1)).expect("e").clone(),
            )),
            copy: None,
        },
    ];
    Case {
        name: "conflicting-edits",
        base: base.clone(),
        ours,
        theirs,
        expected: expected.with_conflicts(conflicts),
    }
}

/// `p` with `commands` applied as they are (no stamping).
fn raw(p: &Project, commands: Vec<Command>) -> Project {
    let mut p = p.clone();
    for c in commands {
        if let Err(e) = c.clone().apply(&mut p) {
            panic!("{c:?} does not apply: {e}");
        }
    }
    p
}

/// We delete a claim they edited: the claim stays with their edit (and the
/// relations our deletion took along), and the conflict says so. We also delete a
/// mention they did not touch: that deletion stands.
fn delete_vs_edit(base: &Project) -> Case {
    let ours_cmds = vec![
        Command::RemoveAnnotation {
            doc: doc_id(1),
            id: ann_id(3),
        },
        Command::RemoveAnnotation {
            doc: doc_id(1),
            id: ann_id(2),
        },
    ];
    let theirs_cmds = vec![Command::SetStatus {
        doc: doc_id(1),
        id: ann_id(3),
        status: Some(ClaimStatus::False),
    }];
    let ours = edited(base, &ana(), ours_cmds);
    let theirs = edited(base, &ben(), theirs_cmds.clone());
    let expected = edited(
        &edited(base, &ben(), theirs_cmds),
        &ana(),
        vec![Command::RemoveAnnotation {
            doc: doc_id(1),
            id: ann_id(2),
        }],
    );
    let conflicts = vec![Conflict {
        subject: Subject::Annotation(ann_id(3)),
        fields: Vec::new(),
        base: Some(version(base, ann_id(3))),
        ours: None,
        theirs: Some(version(&theirs, ann_id(3))),
        copy: None,
    }];
    Case {
        name: "delete-vs-edit",
        base: base.clone(),
        ours,
        theirs,
        expected: expected.with_conflicts(conflicts),
    }
}

/// We merge “Mrs. Rajavi” into “Maryam Rajavi”; they tag a new mention of “Mrs.
/// Rajavi” and say a claim is about her. Their new mention and relation follow the
/// merge to “Maryam Rajavi”.
fn entity_merge_and_new_mentions(base: &Project) -> Case {
    let merge = analyst::merge_entities(base, ent_id(1), ent_id(2)).expect("merge");
    let merge = fixed_relation_ids(merge, 20);
    let mut mention = new_annotation(base, 1, 12, "person", "Rajavi", 2);
    mention.entity = Some(ent_id(2));
    let theirs_cmds = |to: EntityId| {
        let mut m = mention.clone();
        m.entity = Some(to);
        vec![
            add(1, m),
            Command::AddRelation {
                relation: Relation {
                    id: rel_id(12),
                    ..relation(
                        0,
                        "about",
                        Target::Annotation(ann_id(6)),
                        Target::Entity(to),
                    )
                },
                index: None,
            },
        ]
    };
    let ours = edited(base, &ana(), vec![merge.clone()]);
    let theirs = edited(base, &ben(), theirs_cmds(ent_id(2)));
    let expected = edited(&ours, &ben(), theirs_cmds(ent_id(1)));
    Case {
        name: "entity-merge-and-new-mentions",
        base: base.clone(),
        ours,
        theirs,
        expected,
    }
}

/// Gives the relations a command adds fixed ids, from `first` on.
fn fixed_relation_ids(c: Command, first: u8) -> Command {
    let mut n = first;
    let mut fix = |c: Command| match c {
        Command::AddRelation {
            mut relation,
            index,
        } => {
            relation.id = rel_id(n);
            n += 1;
            Command::AddRelation { relation, index }
        }
        c => c,
    };
    match c {
        Command::Batch { label, commands } => Command::Batch {
            label,
            commands: commands.into_iter().map(&mut fix).collect(),
        },
        c => fix(c),
    }
}

/// We delete an entity (not merging it) while they link a new mention to it: it
/// stays, with the conflict.
fn deleted_entity_still_used(base: &Project) -> Case {
    let mut mention = new_annotation(base, 1, 13, "person", "Rajavi", 2);
    mention.entity = Some(ent_id(2));
    let ours_cmds = vec![Command::RemoveEntity { id: ent_id(2) }];
    let theirs_cmds = vec![add(1, mention)];
    let ours = edited(base, &ana(), ours_cmds);
    let theirs = edited(base, &ben(), theirs_cmds.clone());
    let expected = edited(base, &ben(), theirs_cmds);
    let conflicts = vec![Conflict {
        subject: Subject::Entity(ent_id(2)),
        fields: Vec::new(),
        base: Some(Version::Entity(base.entity(ent_id(2)).expect("e").clone())),
        ours: None,
        theirs: Some(Version::Entity(
            theirs.entity(ent_id(2)).expect("e").clone(),
        )),
        copy: None,
    }];
    Case {
        name: "deleted-entity-still-used",
        base: base.clone(),
        ours,
        theirs,
        expected: expected.with_conflicts(conflicts),
    }
}

/// Relations retargeted: ours points claim 6's subject elsewhere while they annotate
/// the relation (clean); both retarget claim 3's speaker differently (a conflict).
fn relation_retargets(base: &Project) -> Case {
    let retarget = |id: u8, to: Target, note: Option<&str>| {
        let mut r = base
            .relations()
            .iter()
            .find(|r| r.id == rel_id(id))
            .expect("relation")
            .clone();
        r.to = to;
        if let Some(n) = note {
            r.note = n.into();
        }
        Command::ReplaceRelation { relation: r }
    };
    let r4 = |p: &Project| {
        p.relations()
            .iter()
            .find(|r| r.id == rel_id(4))
            .expect("r4")
            .clone()
    };
    let ours_cmds = vec![
        retarget(4, Target::Entity(ent_id(3)), None),
        retarget(1, Target::Entity(ent_id(1)), None),
    ];
    let ours = edited(base, &ana(), ours_cmds);
    let theirs_cmds = vec![
        Command::ReplaceRelation {
            relation: Relation {
                note: "He denied the massacre itself.".into(),
                ..r4(base)
            },
        },
        retarget(1, Target::Document(doc_id(1)), None),
    ];
    let theirs = edited(base, &ben(), theirs_cmds);
    // Relation 4: Ana's end, Ben's note, Ben's stamps (the later). Relation 1: the
    // base's, with the later stamps.
    let mut expected = base.clone();
    let mut merged4 = r4(base);
    merged4.to = Target::Entity(ent_id(3));
    merged4.note = "He denied the massacre itself.".into();
    merged4.author = "Ben".into();
    merged4.modified = Some(ben().time);
    let mut r1 = base.relations()[0].clone();
    r1.author = "Ben".into();
    r1.modified = Some(ben().time);
    expected = raw(
        &expected,
        vec![
            Command::ReplaceRelation { relation: merged4 },
            Command::ReplaceRelation { relation: r1 },
        ],
    );
    let rel = |p: &Project, id: u8| {
        Version::Relation(
            p.relations()
                .iter()
                .find(|r| r.id == rel_id(id))
                .expect("relation")
                .clone(),
        )
    };
    let conflicts = vec![Conflict {
        subject: Subject::Relation(rel_id(1)),
        fields: vec![Field::To],
        base: Some(rel(base, 1)),
        ours: Some(rel(&ours, 1)),
        theirs: Some(rel(&theirs, 1)),
        copy: None,
    }];
    Case {
        name: "relation-retargets",
        base: base.clone(),
        ours,
        theirs,
        expected: expected.with_conflicts(conflicts),
    }
}

/// Tag-set changes on both sides: a label and a colour of the same tag, a new tag
/// on each side (one used by a new annotation).
fn tag_set_changes(base: &Project) -> Case {
    let tags_with = |f: &dyn Fn(&mut Vec<TagDef>)| {
        let mut tags = base.tags.clone();
        f(&mut tags.tags);
        Command::ReplaceTags {
            tags,
            relation_kinds: base.relation_kinds.clone(),
        }
    };
    let place = TagDef {
        key: "place".into(),
        label: "Place".into(),
        color: Color([0x00, 0x9e, 0x73]),
        shortcut: Some('L'),
        kind: TagKind::Entity,
        role: Some(EntityRole::Place),
    };
    let org = TagDef {
        key: "organisation".into(),
        label: "Organisation".into(),
        color: Color([0x56, 0xb4, 0xe9]),
        shortcut: Some('O'),
        kind: TagKind::Entity,
        role: Some(EntityRole::Organisation),
    };
    let ours_cmds = vec![
        tags_with(&|t| {
            t[0].label = "Statement".into();
            t.push(place.clone());
        }),
        add(1, new_annotation(base, 1, 14, "place", "Stockholm", 0)),
    ];
    let theirs_cmds = vec![
        tags_with(&|t| {
            t[0].color = Color([0xd5, 0x5e, 0x00]);
            t.push(org.clone());
        }),
        add(
            2,
            new_annotation(base, 2, 15, "organisation", "Amnesty International", 0),
        ),
    ];
    let ours = edited(base, &ana(), ours_cmds);
    let theirs = edited(base, &ben(), theirs_cmds);
    let mut tags = base.tags.clone();
    tags.tags[0].label = "Statement".into();
    tags.tags[0].color = Color([0xd5, 0x5e, 0x00]);
    tags.tags.push(org);
    tags.tags.push(place);
    let expected = edited(
        base,
        &ben(),
        vec![
            Command::ReplaceTags {
                tags,
                relation_kinds: base.relation_kinds.clone(),
            },
            add(
                1,
                Annotation {
                    author: "Ana".into(),
                    ..new_annotation(base, 1, 14, "place", "Stockholm", 0)
                },
            ),
            add(
                2,
                new_annotation(base, 2, 15, "organisation", "Amnesty International", 0),
            ),
        ],
    );
    Case {
        name: "tag-set-changes",
        base: base.clone(),
        ours,
        theirs,
        expected,
    }
}

/// Discontinuous spans: ours splits claim 3 into two fragments while they edit its
/// note (clean); both reshape claim 6 differently (a span conflict).
fn discontinuous_spans(base: &Project) -> Case {
    let (a, _) = span("the 1988 massacre", 0);
    let (m, e) = span("must be investigated", 0);
    let split =
        analyst::reshape(base, doc_id(1), ann_id(3), &[(a, a + 3), (m, e)]).expect("reshape");
    let (r, _) = span("Ebrahim Raisi denied it", 0);
    let (d, de) = span("denied it", 0);
    let ours_cmds = vec![
        split,
        analyst::reshape(base, doc_id(1), ann_id(6), &[(r, r + 7), (d, de)]).expect("r"),
    ];
    let theirs_cmds = vec![
        set_note(ann_id(3), "Fragments: the massacre … investigated."),
        analyst::reshape(base, doc_id(1), ann_id(6), &[(d, de)]).expect("r"),
    ];
    let ours = edited(base, &ana(), ours_cmds.clone());
    let theirs = edited(base, &ben(), theirs_cmds.clone());
    let expected = edited(
        &edited(base, &ana(), vec![ours_cmds[0].clone()]),
        &ben(),
        vec![theirs_cmds[0].clone()],
    );
    let mut six = find(base, ann_id(6));
    six.modified = ben().time;
    six.modified_by = "Ben".into();
    let expected = raw(
        &expected,
        vec![Command::ReplaceAnnotation {
            doc: doc_id(1),
            annotation: six,
        }],
    );
    let conflicts = vec![Conflict {
        subject: Subject::Annotation(ann_id(6)),
        fields: vec![Field::Span],
        base: Some(version(base, ann_id(6))),
        ours: Some(version(&ours, ann_id(6))),
        theirs: Some(version(&theirs, ann_id(6))),
        copy: None,
    }];
    Case {
        name: "discontinuous-spans",
        base: base.clone(),
        ours,
        theirs,
        expected: expected.with_conflicts(conflicts),
    }
}

/// The same article's text differs on the two sides (a corrected version on each):
/// not merged blindly — ours stays, theirs is kept beside it, the conflict says so.
fn document_text(base: &Project) -> Case {
    let with_text = |p: &Project, text: &str, extra: Option<Annotation>| {
        let d = p.document(doc_id(2)).expect("doc");
        let list: Vec<Annotation> = extra.into_iter().collect();
        let doc =
            Document::with_annotations(d.id, d.title.clone(), d.source.clone(), text.into(), list);
        raw(
            p,
            vec![
                Command::RemoveDocument { id: doc_id(2) },
                Command::AddDocument {
                    document: Box::new(doc),
                    index: Some(1),
                },
            ],
        )
    };
    let ours_text =
        "Amnesty International said on Monday the killings were crimes against humanity.";
    let theirs_text = "Amnesty International said the 1988 killings were crimes against humanity.";
    let theirs_ann = {
        let mut a = ann(theirs_text, 16, "event", "the 1988 killings", 0);
        a.author = "Ben".into();
        a
    };
    let ours = with_text(base, ours_text, None);
    let theirs = with_text(base, theirs_text, Some(theirs_ann.clone()));
    // Their version becomes a document of its own, right after ours, with ids derived
    // from theirs (what they are is the merge's business: read them from the merge).
    let merged = dossier::merge::merge(base, &ours, &theirs).expect("merge");
    let copy = merged.project.documents()[2].clone();
    assert_eq!(copy.text(), theirs_text);
    assert_eq!(copy.title, "Amnesty statement (their version)");
    let copy_ann = copy.annotations()[0].clone();
    assert_eq!(
        Annotation {
            id: theirs_ann.id,
            ..copy_ann.clone()
        },
        theirs_ann
    );
    let expected = raw(
        &ours,
        vec![Command::AddDocument {
            document: Box::new(copy.clone()),
            index: Some(2),
        }],
    );
    let head = |p: &Project| {
        let d = p.document(doc_id(2)).expect("doc");
        Version::Document {
            title: d.title.clone(),
            source: d.source.clone(),
        }
    };
    let conflicts = vec![Conflict {
        subject: Subject::Document(doc_id(2)),
        fields: vec![Field::Text],
        base: Some(head(base)),
        ours: Some(head(&ours)),
        theirs: Some(head(&theirs)),
        copy: Some(copy.id),
    }];
    Case {
        name: "document-text",
        base: base.clone(),
        ours,
        theirs,
        expected: expected.with_conflicts(conflicts),
    }
}

/// Every case.
pub(crate) fn all() -> Vec<Case> {
    let base = base();
    vec![
        additions(&base),
        deletions(&base),
        edits_on_both_sides(&base),
        conflicting_edits(&base),
        delete_vs_edit(&base),
        entity_merge_and_new_mentions(&base),
        deleted_entity_still_used(&base),
        relation_retargets(&base),
        tag_set_changes(&base),
        discontinuous_spans(&base),
        document_text(&base),
    ]
}
