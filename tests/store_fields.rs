//! Every field of every stored type survives save and load: a property test that
//! fills each optional field with tricky text, so a field the writer forgot (or
//! writes wrongly) fails here.

use dossier::model::{
    AnchorMethod, Annotation, ClaimStatus, Document, DocumentId, Entity, Orphan, Project, Reanchor,
    Relation, RelationId, SourceMeta, Target, TextVersion, VersionKind,
};
use dossier::store;
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "Z", " ", "é", "e\u{301}", "🙂", "مریم", "\u{200c}", "\"", "\\", "\t", "\n", "ß",
        "中", "}", ")", ",", "Some(", "r#\"", "\u{7}",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

fn some_text() -> impl Strategy<Value = Option<String>> {
    text().prop_map(Some)
}

#[derive(Debug, Clone)]
struct Fields {
    source: [Option<String>; 8],
    note: String,
    author: String,
    status: usize,
    entity: [String; 7],
    relation_note: String,
    title: String,
    name: String,
}

fn fields() -> impl Strategy<Value = Fields> {
    (
        prop::array::uniform8(some_text()),
        (text(), text(), 0usize..4),
        prop::array::uniform7(text()),
        (text(), text(), text()),
    )
        .prop_map(
            |(source, (note, author, status), entity, (relation_note, title, name))| Fields {
                source,
                note,
                author,
                status,
                entity,
                relation_note,
                title,
                name,
            },
        )
}

fn project(f: &Fields) -> Project {
    let [
        file_name,
        url,
        byline,
        published,
        site_name,
        format,
        sha256,
        encoding,
    ] = f.source.clone();
    let source = SourceMeta {
        file_name,
        url,
        byline,
        published,
        site_name,
        format,
        sha256,
        encoding,
        imported: Some(dossier::model::now()),
        import_note: Some(f.note.clone()),
        page_starts: vec![0, 5, 5, 30],
    };
    let body = "Maryam Rajavi — مریم رجوی 🙂 spoke.\nSecond line.";
    let [name, alias, note, role, date, date_iso, place] = f.entity.clone();
    let entity = Entity {
        name,
        aliases: vec![alias],
        note,
        role,
        date,
        date_iso: Some(date_iso),
        place,
        ..Entity::new("person", "x")
    };
    let doc_id = DocumentId::new();
    let plain = Document::with_annotations(
        doc_id,
        String::new(),
        SourceMeta::default(),
        body.into(),
        vec![],
    );
    let mut a = Annotation::new(plain.text(), plain.char_index(), "claim", 0, 13, &f.author)
        .expect("annotation");
    a.note = f.note.clone();
    a.status = Some(ClaimStatus::ALL[f.status]);
    a.reanchored = Some(Reanchor {
        method: AnchorMethod::ALL[f.status],
        date: dossier::model::now(),
        was: f.note.clone(),
    });
    let mut m = Annotation::new(
        plain.text(),
        plain.char_index(),
        "person",
        16,
        25,
        &f.author,
    )
    .expect("mention");
    m.entity = Some(entity.id);
    let relation = Relation {
        id: RelationId::new(),
        kind: "said_by".into(),
        from: Target::Annotation(a.id),
        to: Target::Entity(entity.id),
        note: f.relation_note.clone(),
        author: f.author.clone(),
        modified: Some(dossier::model::now()),
    };
    let outlet = Relation {
        id: RelationId::new(),
        kind: "about".into(),
        from: Target::Annotation(a.id),
        to: Target::Document(doc_id),
        note: String::new(),
        author: String::new(),
        modified: None,
    };
    // A text that changed: an orphan (its relation kept with it) and an earlier version.
    let mut lost = Annotation {
        id: dossier::model::AnnotationId::new(),
        quote: f.note.clone(),
        prefix: f.title.clone(),
        suffix: f.author.clone(),
        ..m.clone()
    };
    lost.reanchored = a.reanchored.clone();
    let orphan = Orphan {
        relations: vec![Relation {
            id: RelationId::new(),
            from: Target::Annotation(lost.id),
            ..relation.clone()
        }],
        annotation: lost,
        reason: f.relation_note.clone(),
        date: dossier::model::now(),
    };
    let version = TextVersion {
        kind: VersionKind::Update,
        date: dossier::model::now(),
        sha256: f.author.clone(),
        chars: 12,
        restore: vec![(0, 3, f.title.clone()), (5, 5, f.note.clone())],
        source: Some(source.clone()),
        summary: f.name.clone(),
    };
    let doc = Document::with_annotations(doc_id, f.title.clone(), source, body.into(), vec![a, m])
        .with_history(vec![orphan], vec![version]);
    let base = Project::new(f.name.clone());
    Project::from_parts(
        base.id,
        base.name,
        base.tags,
        base.relation_kinds,
        vec![doc],
        vec![entity],
        vec![relation, outlet],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_field_round_trips(f in fields()) {
        let p = project(&f);
        prop_assert!(p.validate().is_ok(), "{:?}", p.validate());
        let ron = store::to_ron(&p).expect("serialise");
        let back = store::from_ron(&ron, "p.ron").expect("load");
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(store::to_ron(&back).expect("serialise"), ron);
    }
}
