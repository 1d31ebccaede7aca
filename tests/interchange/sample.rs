//! A small project with what trips exporters: astral characters (a flag, an emoji),
//! Persian, combining marks, markup and formula-like text, a discontinuous span,
//! claims with statuses, speakers and subjects, entities and relations of every kind
//! of end.

use dossier::commands::{Command, Editor};
use dossier::model::{
    Annotation, ClaimStatus, Color, Document, Entity, EntityRole, Project, Relation, RelationId,
    RelationKind, RelationRole, SourceMeta, TagDef, TagKind, Target,
};

pub(crate) const NEWS: &str = "🇺🇦 Kyiv, 3 March — President Volodymyr Zelensky said the talks with the Polish and Lithuanian governments would resume. 😊 Reuters reported the claim.\n“Ceasefire” was not discussed, Zelensky’s spokesman added.\n<script>alert(1)</script> & =HYPERLINK(\"http://x\") \"quoted\", e\u{301}te\u{301}.";

pub(crate) const PERSIAN: &str =
    "سه هزار زندانی در تابستان ۱۳۶۷ اعدام شدند.\nAmnesty International said so 𝄞 in 2018.";

/// Char offsets of the `nth` (0-based) occurrence of `needle` in `text`.
pub(crate) fn span(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let byte = text.match_indices(needle).nth(nth).unwrap().0;
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

pub(crate) fn sample() -> Project {
    let mut e = Editor::new_unsaved(Project::new("Talks <b>& “quotes”</b>"));
    e.apply(Command::AddTag {
        tag: TagDef {
            key: "organisation".into(),
            label: "Organisation".into(),
            color: Color([0x56, 0xb4, 0xe9]),
            shortcut: Some('O'),
            kind: TagKind::Entity,
            role: Some(EntityRole::Organisation),
        },
        index: None,
    })
    .unwrap();
    e.apply(Command::AddRelationKind {
        kind: RelationKind {
            key: "reports".into(),
            label: "reports".into(),
            role: None,
        },
        index: None,
    })
    .unwrap();
    let news = Document::new(
        "Talks to resume",
        SourceMeta {
            url: Some("https://example.org/news/talks?id=1&x=2".into()),
            byline: Some("A. Reporter".into()),
            published: Some("2025-03-03".into()),
            site_name: Some("Example <News>".into()),
            ..SourceMeta::default()
        },
        NEWS,
    );
    let persian = Document::new("گزارش", SourceMeta::default(), PERSIAN);
    let (news_id, persian_id) = (news.id, persian.id);
    for d in [news, persian] {
        e.apply(Command::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .unwrap();
    }
    let mut zelensky = Entity::new("person", "Volodymyr Zelensky");
    zelensky.aliases.push("Zelensky".into());
    zelensky.role = "President".into();
    let mut talks = Entity::new("event", "Talks with Poland and Lithuania");
    talks.date = "early March".into();
    talks.date_iso = Some("2025-03".into());
    talks.place = "Kyiv".into();
    let amnesty = Entity::new("organisation", "Amnesty International");
    let (z, t, am) = (zelensky.id, talks.id, amnesty.id);
    for entity in [zelensky, talks, amnesty] {
        e.apply(Command::AddEntity {
            entity,
            index: None,
        })
        .unwrap();
    }
    let p = e.project();
    let news = p.document(news_id).unwrap();
    let text = news.text().to_owned();
    let idx = news.char_index().clone();
    let ann = |tag: &str, needle: &str, nth: usize| {
        let (s, en) = span(&text, needle, nth);
        Annotation::new(&text, &idx, tag, s, en, "alice").unwrap()
    };
    let mut person = ann("person", "Volodymyr Zelensky", 0);
    person.entity = Some(z);
    let mut person2 = ann("person", "Zelensky", 1);
    person2.entity = Some(z);
    let mut claim = ann(
        "claim",
        "the talks with the Polish and Lithuanian governments would resume",
        0,
    );
    claim.status = Some(ClaimStatus::Disputed);
    claim.note = "Two sources say otherwise.\nSee <b>the</b> \"ministry\" & =SUM(A1).".into();
    let mut event = ann("event", "talks", 0);
    event.entity = Some(t);
    let reuters = ann("organisation", "Reuters", 0);
    let flag = ann("claim", "🇺🇦 Kyiv", 0);
    let hostile = ann("claim", "<script>alert(1)</script>", 0);
    let formula = ann("person", "=HYPERLINK(\"http://x\")", 0);
    let (p1, p2) = (span(&text, "Polish", 0), span(&text, "governments", 0));
    let mut polish =
        Annotation::new_fragmented(&text, &idx, "organisation", &[p1, p2], "bob").unwrap();
    polish.note = "Polish … governments".into();
    let combining = ann("claim", "e\u{301}te\u{301}", 0);
    let ids = [claim.id, person.id, reuters.id, event.id];
    for annotation in [
        person, person2, claim, event, reuters, flag, hostile, formula, polish, combining,
    ] {
        e.apply(Command::AddAnnotation {
            doc: news_id,
            annotation,
        })
        .unwrap();
    }
    let p = e.project();
    let pd = p.document(persian_id).unwrap();
    let ptext = pd.text().to_owned();
    let pidx = pd.char_index().clone();
    let (s, en) = span(&ptext, "Amnesty International", 0);
    let mut amn = Annotation::new(&ptext, &pidx, "organisation", s, en, "").unwrap();
    amn.entity = Some(am);
    let (s, en) = span(&ptext, "سه هزار زندانی", 0);
    let pclaim = Annotation::new(&ptext, &pidx, "claim", s, en, "").unwrap();
    let (s, en) = span(&ptext, "𝄞", 0);
    let clef = Annotation::new(&ptext, &pidx, "event", s, en, "").unwrap();
    let pclaim_id = pclaim.id;
    for annotation in [amn, pclaim, clef] {
        e.apply(Command::AddAnnotation {
            doc: persian_id,
            annotation,
        })
        .unwrap();
    }
    let speaker = e
        .project()
        .relation_kind(RelationRole::Speaker)
        .unwrap()
        .to_owned();
    let subject = e
        .project()
        .relation_kind(RelationRole::Subject)
        .unwrap()
        .to_owned();
    let participant = e
        .project()
        .relation_kind(RelationRole::Participant)
        .unwrap()
        .to_owned();
    let [claim_id, person_id, reuters_id, event_id] = ids;
    let rel = |kind: &str, from, to, note: &str| Command::AddRelation {
        relation: Relation {
            id: RelationId::new(),
            kind: kind.into(),
            from,
            to,
            note: note.into(),
            author: "alice".into(),
            modified: Some(dossier::model::now()),
        },
        index: None,
    };
    for c in [
        rel(
            &speaker,
            Target::Annotation(claim_id),
            Target::Entity(z),
            "on TV",
        ),
        rel(
            &subject,
            Target::Annotation(claim_id),
            Target::Entity(t),
            "",
        ),
        rel(
            "reports",
            Target::Annotation(reuters_id),
            Target::Annotation(claim_id),
            "wire",
        ),
        rel(
            &participant,
            Target::Annotation(person_id),
            Target::Annotation(event_id),
            "",
        ),
        rel(
            &speaker,
            Target::Annotation(pclaim_id),
            Target::Document(persian_id),
            "",
        ),
        rel(&participant, Target::Entity(z), Target::Entity(t), ""),
    ] {
        e.apply(c).unwrap();
    }
    let p = e.into_project();
    p.validate().unwrap();
    p
}
