//! W3C Web Annotation: every exported annotation passes the 54 MUST assertions, the
//! page and collection theirs; offsets and quotes are exact; export → import into a
//! copy of the project without its annotations gives them back exactly.

use super::sample::{NEWS, sample, span};
use super::w3c_schemas::{Suite, root};
use dossier::commands::{Command, Editor};
use dossier::export::{self, Content, Format, Options};
use dossier::import::{self, AnnotationFiles, w3c::W3cFile};
use dossier::model::{Document, Project, SourceMeta};
use serde_json::{Value, json};

fn exported(p: &Project) -> Value {
    let out = export::export(p, Format::W3c, &Options::default()).unwrap();
    let Content::File(bytes) = out.content else {
        panic!("one file")
    };
    serde_json::from_slice(&bytes).unwrap()
}

fn items(v: &Value) -> &Vec<Value> {
    v["first"]["items"].as_array().unwrap()
}

#[test]
fn the_schema_runner_passes_the_corpus_examples_and_fails_broken_ones() {
    let musts = Suite::load("annotations/annotationMusts.test");
    assert_eq!(musts.musts(), 54);
    for ex in ["tagged-span", "claim-with-status", "relation-linking"] {
        let v: Value = serde_json::from_str(
            &std::fs::read_to_string(root().join(format!("examples/{ex}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(musts.failures(&v), Vec::<String>::new(), "{ex}");
    }
    // The runner can fail: each of these breaks a MUST.
    let good: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/tagged-span.json")).unwrap(),
    )
    .unwrap();
    let mut no_uri = good.clone();
    no_uri["id"] = json!("not a uri");
    let mut both = good.clone();
    both["bodyValue"] = json!("x");
    let mut textual_target = good.clone();
    textual_target["target"] = json!({"type": "TextualBody", "value": "x"});
    let mut bad_position = good.clone();
    bad_position["target"]["selector"][1]["start"] = json!("twelve");
    let mut purpose_on_resource = good.clone();
    purpose_on_resource["body"] = json!([{"id": "http://example.org/x", "purpose": "tagging"}]);
    for (what, v) in [
        ("id not a URI", no_uri),
        ("body and bodyValue", both),
        ("TextualBody target", textual_target),
        ("start not a number", bad_position),
        ("purpose on an external resource", purpose_on_resource),
    ] {
        assert!(!musts.failures(&v).is_empty(), "{what} passed");
    }
}

#[test]
fn every_exported_annotation_passes_the_54_must_assertions() {
    let p = sample();
    let v = exported(&p);
    let musts = Suite::load("annotations/annotationMusts.test");
    assert_eq!(items(&v).len(), p.annotation_count() + p.relations().len());
    for item in items(&v) {
        let failures = musts.failures(item);
        assert!(failures.is_empty(), "{item:#}\n{failures:#?}");
    }
    let page = Suite::load("collections/pages/pageMusts.test");
    assert_eq!(page.failures(&v), Vec::<String>::new());
    let collection = Suite::load("collections/collectionMusts.test");
    assert_eq!(collection.failures(&v), Vec::<String>::new());
}

#[test]
fn exported_selectors_are_code_points_and_quotes_match_the_text() {
    let p = sample();
    let v = exported(&p);
    let news = &p.documents()[0];
    let persian = &p.documents()[1];
    let mut seen_fragments = false;
    for item in items(&v) {
        if item["motivation"] == "linking" {
            continue;
        }
        let targets: Vec<&Value> = match &item["target"] {
            Value::Array(a) => a.iter().collect(),
            t => vec![t],
        };
        seen_fragments |= targets.len() > 1;
        for t in targets {
            let source = t["source"].as_str().unwrap();
            let d: &Document = if source == "https://example.org/news/talks?id=1&x=2" {
                news
            } else {
                assert_eq!(source, export::text_hash_iri(PERSIAN_TEXT()));
                persian
            };
            let sel = t["selector"].as_array().unwrap();
            let (q, pos) = (&sel[0], &sel[1]);
            assert_eq!(q["type"], "TextQuoteSelector");
            assert_eq!(pos["type"], "TextPositionSelector");
            let (s, e) = (
                pos["start"].as_u64().unwrap() as usize,
                pos["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(d.slice(s, e).unwrap(), q["exact"].as_str().unwrap());
            let prefix = q["prefix"].as_str().unwrap_or_default();
            assert!(d.slice(0, s).unwrap().ends_with(prefix));
        }
    }
    assert!(
        seen_fragments,
        "the discontinuous annotation has one target per fragment"
    );
    // The flag is 2 code points (4 UTF-16 units): "Kyiv" starts at code point 3.
    let flag = items(&v)
        .iter()
        .find(|i| i["target"]["selector"][0]["exact"] == "🇺🇦 Kyiv")
        .unwrap();
    assert_eq!(flag["target"]["selector"][1]["end"], 7);
    assert_eq!(span(NEWS, "Kyiv", 0), (3, 7));
}

#[allow(non_snake_case)]
fn PERSIAN_TEXT() -> &'static str {
    super::sample::PERSIAN
}

#[test]
fn exported_bodies_carry_tag_entity_status_note_and_relations_link() {
    let p = sample();
    let v = exported(&p);
    let claim = items(&v)
        .iter()
        .find(|i| {
            i["body"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["purpose"] == "assessing")
        })
        .unwrap();
    let purposes: Vec<&str> = claim["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["purpose"].as_str().unwrap())
        .collect();
    assert_eq!(purposes, ["tagging", "assessing", "commenting"]);
    assert_eq!(claim["creator"]["name"], "alice");
    assert!(claim["created"].as_str().unwrap().ends_with('Z'));
    let person = items(&v)
        .iter()
        .find(|i| {
            i["body"]
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["purpose"] == "identifying")
        })
        .unwrap();
    let id = person["body"][1]["source"].as_str().unwrap();
    assert!(id.starts_with("urn:uuid:"));
    let links: Vec<&Value> = items(&v)
        .iter()
        .filter(|i| i["motivation"] == "linking")
        .collect();
    assert_eq!(links.len(), p.relations().len());
    assert!(
        links
            .iter()
            .all(|l| l["body"][1]["purpose"] == "linking" && l["target"].is_string())
    );
}

/// The project with its annotations and relations removed (documents, tags,
/// entities kept): what a colleague has before importing the export.
fn without_annotations(p: &Project) -> Project {
    let mut e = Editor::new(p.clone());
    let rels: Vec<_> = p.relations().iter().map(|r| r.id).collect();
    for id in rels {
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

fn w3c_files(p: &Project) -> AnnotationFiles {
    json_files("export.jsonld", &exported(p))
}

/// One W3C file holding `v`.
fn json_files(name: &str, v: &Value) -> AnnotationFiles {
    AnnotationFiles::W3c(vec![W3cFile {
        name: name.into(),
        bytes: serde_json::to_vec(v).unwrap(),
    }])
}

#[test]
fn export_then_import_into_a_fresh_copy_reproduces_every_annotation() {
    let p = sample();
    let fresh = without_annotations(&p);
    let imported = import::import_files(&fresh, &w3c_files(&p)).unwrap();
    assert_eq!(imported.warnings, Vec::<String>::new());
    assert_eq!(imported.summary.annotations, p.annotation_count());
    assert_eq!(imported.summary.relations, p.relations().len());
    let mut e = Editor::new(fresh.clone());
    e.apply(imported.command.unwrap()).unwrap();
    assert_eq!(
        e.project(),
        &p,
        "the same annotations and relations, ids and times included"
    );
    // One undo step takes it all back.
    e.undo().unwrap();
    assert_eq!(e.project(), &fresh);
}

#[test]
fn importing_what_is_already_there_adds_nothing_and_says_so() {
    let p = sample();
    let imported = import::import_files(&p, &w3c_files(&p)).unwrap();
    assert_eq!(imported.summary.annotations, 0);
    assert_eq!(imported.summary.relations, 0);
    assert_eq!(
        imported.warnings.len(),
        p.annotation_count() + p.relations().len()
    );
}

#[test]
fn moved_text_is_anchored_by_quote_and_context_and_the_rest_is_listed() {
    let text = "Intro. The minister said no. Later the minister said yes. End.";
    let mut p = Project::new("p");
    let d = Document::new("d", SourceMeta::default(), text);
    let iri = export::text_hash_iri(text);
    p = {
        let mut e = Editor::new(p);
        e.apply(Command::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .unwrap();
        e.into_project()
    };
    let anno = |id: &str, start: usize, end: usize, exact: &str, prefix: &str, suffix: &str| {
        json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": id, "type": "Annotation",
            "body": {"type": "TextualBody", "value": "claim", "purpose": "tagging"},
            "target": {"source": iri, "selector": [
                {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": start, "end": end}
            ]}
        })
    };
    let page = json!({
        "@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:page", "type": "AnnotationPage",
        "items": [
            // Right offsets.
            anno("urn:x:1", 7, 28, "The minister said no.", "Intro. ", " Later"),
            // Wrong offsets: the quote and its context find the second "minister said".
            anno("urn:x:2", 0, 13, "minister said", "Later the ", " yes"),
            // Not in the text at all.
            anno("urn:x:3", 0, 4, "prime minister", "", ""),
            // Another article.
            json!({"id": "urn:x:4", "type": "Annotation", "bodyValue": "hi",
                   "target": {"source": "https://elsewhere.example/", "selector": {"type": "TextQuoteSelector", "exact": "x"}}}),
        ]
    });
    let imported = import::import_files(&p, &json_files("page.json", &page)).unwrap();
    assert_eq!(imported.summary.annotations, 2);
    assert_eq!(imported.warnings.len(), 2, "{:#?}", imported.warnings);
    assert!(
        imported.warnings[0].contains("urn:x:3") && imported.warnings[0].contains("prime minister")
    );
    assert!(imported.warnings[1].contains("urn:x:4") && imported.warnings[1].contains("elsewhere"));
    let mut e = Editor::new(p);
    e.apply(imported.command.unwrap()).unwrap();
    let quotes: Vec<(usize, String)> = e.project().documents()[0]
        .annotations()
        .iter()
        .map(|a| (a.start, a.quote.clone()))
        .collect();
    let second = span(text, "minister said", 1).0;
    assert_eq!(
        quotes,
        [
            (7, "The minister said no.".to_owned()),
            (second, "minister said".to_owned())
        ]
    );
}

/// Other tools write JSON-LD in all its freedoms: one value or a list, an IRI or an
/// object, numbers where strings were expected, and fields of other vocabularies.
/// What Dossier can place it takes; the rest reads as absent, never as an error.
#[test]
fn loosely_shaped_json_ld_imports_what_it_can_and_lists_the_rest() {
    let p = without_annotations(&sample());
    let d = &p.documents()[0];
    let iri = dossier::export::document_iri(d);
    let (start, end) = span(d.text(), "Kyiv", 0);
    let page = json!({
        "@type": ["AnnotationPage", "Extra"],
        // One annotation given as an object, not a list.
        "items": {
            "@id": 42,
            "type": "Annotation",
            "motivation": ["highlighting", 7],
            "creator": ["https://example.org/ana", {"name": "Ben"}],
            "created": 1_700_000_000,
            "body": [
                {"purpose": "tagging", "rdf:value": "event", "x:extra": {"deep": [1, [2]]}},
                "https://example.org/a-resource-body",
                17
            ],
            "target": {"source": {"@id": iri}, "selector": {
                "type": ["TextPositionSelector"], "start": start, "end": end, "refinedBy": null
            }}
        },
        "next": "https://example.org/page/2"
    });
    let imported = import::import_files(&p, &json_files("loose.json", &page)).unwrap();
    assert_eq!(imported.summary.annotations, 1, "{:#?}", imported.warnings);
    let e = {
        let mut e = Editor::new(p.clone());
        e.apply(imported.command.clone().unwrap()).unwrap();
        e
    };
    let a = &e.project().documents()[0].annotations()[0];
    assert_eq!((a.start, a.end, a.quote.as_str()), (start, end, "Kyiv"));
    assert_eq!(a.tag, "event");
    assert_eq!(a.author, "https://example.org/ana");
    // The resource body, the number and the unread next page are each listed.
    let w = imported.warnings.join("\n");
    assert!(w.contains("a-resource-body"), "{w}");
    assert!(w.contains("not an object or an IRI"), "{w}");
    assert!(w.contains("page/2"), "{w}");
    assert_eq!(imported.warnings.len(), 3, "{w}");
}

#[test]
fn a_file_that_is_not_json_fails_the_import_and_names_itself() {
    let p = sample();
    let files = AnnotationFiles::W3c(vec![
        W3cFile {
            name: "good.json".into(),
            bytes: serde_json::to_vec(&exported(&p)).unwrap(),
        },
        W3cFile {
            name: "broken.json".into(),
            bytes: br#"{"type": "AnnotationPage", "items": [{"type": "Annot"#.to_vec(),
        },
    ]);
    let err = import::import_files(&without_annotations(&p), &files).unwrap_err();
    assert!(
        matches!(&err, import::AnnotationImportError::Json { path, .. } if path == "broken.json"),
        "{err}"
    );
    assert!(err.to_string().contains("is not JSON"), "{err}");
}

#[test]
fn the_export_puts_each_annotation_on_a_line_of_its_own() {
    let p = sample();
    let out = export::export(&p, Format::W3c, &Options::default()).unwrap();
    let Content::File(bytes) = out.content else {
        panic!("one file")
    };
    let text = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let v = exported(&p);
    // The collection's opening, one line per item, the closing.
    assert_eq!(lines.len(), items(&v).len() + 2);
    assert!(lines[0].ends_with("\"items\":["), "{}", lines[0]);
    assert_eq!(*lines.last().unwrap(), "]}}");
    for (line, item) in lines[1..lines.len() - 1].iter().zip(items(&v)) {
        let parsed: Value = serde_json::from_str(line.trim_end_matches(',')).unwrap();
        assert_eq!(&parsed, item);
    }
}

/// A hostile file nested a million levels deep, where an annotation, a body, a
/// selector or an ignored field would be: a clear error or a listed item, never a
/// stack overflow or a hang.
#[test]
fn json_nested_a_million_levels_deep_is_refused_not_a_crash() {
    let p = sample();
    let deep = |open: &str, close: &str| -> Vec<u8> {
        let n = 1_000_000;
        let mut s = String::with_capacity(n * 2);
        for _ in 0..n {
            s.push_str(open);
        }
        for _ in 0..n {
            s.push_str(close);
        }
        s.into_bytes()
    };
    let arrays = deep("[", "]");
    let inner = String::from_utf8(deep("[", "]")).unwrap();
    let shapes: Vec<(&str, Vec<u8>)> = vec![
        ("top.json", arrays.clone()),
        (
            "items.json",
            format!(r#"{{"type": "AnnotationPage", "items": {inner}}}"#).into_bytes(),
        ),
        (
            "body.json",
            format!(r#"{{"type": "Annotation", "body": {inner}, "target": "urn:x"}}"#).into_bytes(),
        ),
        (
            "ignored.json",
            format!(r#"{{"type": "Annotation", "x:extra": {inner}}}"#).into_bytes(),
        ),
        ("objects.json", deep(r#"{"a":"#, "}")),
    ];
    for (name, bytes) in shapes {
        let files = AnnotationFiles::W3c(vec![W3cFile {
            name: name.into(),
            bytes,
        }]);
        match import::import_files(&p, &files) {
            Err(e) => assert!(e.to_string().contains(name), "{e}"),
            Ok(i) => assert!(i.command.is_none(), "{name}: {:?}", i.summary),
        }
    }
}
