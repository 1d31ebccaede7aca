//! CSV, doccano, Label Studio and the report: columns, RFC 4180 quoting, exact
//! UTF-16 offsets for astral characters, and escaping of hostile text.

use super::sample::{NEWS, sample, span};
use dossier::export::{self, Content, Format, Offsets, Options, Table};
use dossier::model::Project;
use serde_json::Value;

fn bytes(p: &Project, format: Format, options: &Options) -> Vec<u8> {
    let out = export::export(p, format, options).unwrap();
    let Content::File(b) = out.content else {
        panic!("one file")
    };
    b
}

fn csv_rows(b: &[u8]) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(b);
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_has_one_row_per_annotation_with_the_issues_columns() {
    let p = sample();
    let b = bytes(&p, Format::Csv, &Options::default());
    let rows = csv_rows(&b);
    assert_eq!(
        rows[0],
        [
            "id",
            "document",
            "tag",
            "start",
            "end",
            "quote",
            "entity",
            "status",
            "speakers",
            "subjects",
            "note",
            "author",
            "created",
            "fragments",
            "page"
        ]
    );
    assert_eq!(rows.len(), 1 + p.annotation_count());
    let claim = rows.iter().find(|r| r[7] == "disputed").unwrap();
    assert_eq!(claim[8], "Volodymyr Zelensky");
    assert_eq!(claim[9], "Talks with Poland and Lithuania");
    // Multi-line notes and quotes stay in their cell; formulas are defused.
    assert_eq!(
        claim[10],
        "Two sources say otherwise.\nSee <b>the</b> \"ministry\" & =SUM(A1)."
    );
    let formula = rows.iter().find(|r| r[5].contains("HYPERLINK")).unwrap();
    assert_eq!(formula[5], "'=HYPERLINK(\"http://x\")");
    let polish = rows
        .iter()
        .find(|r| r[5] == "Polish … governments")
        .unwrap();
    assert_eq!(polish[13], "72-78;94-105");
    // CRLF records, RFC 4180 quoting of the quote character.
    let text = String::from_utf8(b).unwrap();
    assert!(
        text.contains("\"See <b>the</b> \"\"ministry\"\" & =SUM(A1).\"\r\n")
            || text.contains("\"\"ministry\"\"")
    );
    assert!(text.ends_with("\r\n"));
}

#[test]
fn csv_tables_and_the_byte_order_mark() {
    let p = sample();
    let with_bom = bytes(
        &p,
        Format::Csv,
        &Options {
            bom: true,
            ..Options::default()
        },
    );
    assert!(with_bom.starts_with("\u{feff}id,".as_bytes()));
    let entities = csv_rows(&bytes(
        &p,
        Format::Csv,
        &Options {
            table: Table::Entities,
            ..Options::default()
        },
    ));
    assert_eq!(entities.len(), 1 + p.entities().len());
    let z = entities
        .iter()
        .find(|r| r[2] == "Volodymyr Zelensky")
        .unwrap();
    assert_eq!((z[3].as_str(), z[9].as_str()), ("Zelensky", "2"));
    let claims = csv_rows(&bytes(
        &p,
        Format::Csv,
        &Options {
            table: Table::Claims,
            ..Options::default()
        },
    ));
    assert!(claims[1..].iter().all(|r| r[2] == "claim"));
    assert_eq!(claims.len(), 1 + 5);
    let relations = csv_rows(&bytes(
        &p,
        Format::Csv,
        &Options {
            table: Table::Relations,
            ..Options::default()
        },
    ));
    assert_eq!(relations.len(), 1 + p.relations().len());
    assert!(
        relations
            .iter()
            .any(|r| r[1] == "said_by" && r[3] == "Volodymyr Zelensky")
    );
}

fn jsonl(p: &Project, offsets: Option<Offsets>) -> Vec<Value> {
    let b = bytes(
        p,
        Format::Doccano,
        &Options {
            offsets,
            ..Options::default()
        },
    );
    String::from_utf8(b)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn doccano_offsets_are_utf16_by_default_and_code_points_on_request() {
    let p = sample();
    let lines = jsonl(&p, None);
    assert_eq!(lines.len(), 2);
    let doc = &lines[0];
    assert_eq!(doc["text"], NEWS);
    let utf16: Vec<u16> = NEWS.encode_utf16().collect();
    for e in doc["entities"].as_array().unwrap() {
        let (s, en) = (
            e["start_offset"].as_u64().unwrap() as usize,
            e["end_offset"].as_u64().unwrap() as usize,
        );
        // What JavaScript's text.slice(s, e) gives is the span's text.
        let js = String::from_utf16(&utf16[s..en]).unwrap();
        assert!(NEWS.contains(&js) && !js.is_empty());
    }
    let kyiv = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["start_offset"] == 0)
        .unwrap();
    // "🇺🇦 Kyiv": the flag is 2 code points, 4 UTF-16 units.
    assert_eq!(
        (kyiv["end_offset"].as_u64(), kyiv["label"].as_str()),
        (Some(9), Some("Claim"))
    );
    let cp = jsonl(&p, Some(Offsets::CodePoints));
    let kyiv = cp[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["start_offset"] == 0)
        .unwrap();
    assert_eq!(kyiv["end_offset"], 7);
    // The discontinuous annotation is two entities; relations name entity ids.
    let polish: Vec<_> = cp[0]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["label"] == "Organisation")
        .collect();
    assert_eq!(polish.len(), 3);
    let rel = &cp[0]["relations"][0];
    assert!(rel["from_id"].is_u64() && rel["type"].is_string());
    // Persian and a musical symbol (astral) in the second document.
    let clef = span(super::sample::PERSIAN, "𝄞", 0);
    let e = lines[1]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["label"] == "Event")
        .unwrap();
    assert_eq!(e["start_offset"].as_u64().unwrap() as usize, clef.0);
    assert_eq!(e["end_offset"].as_u64().unwrap() as usize, clef.0 + 2);
}

#[test]
fn label_studio_tasks_hold_labels_relations_and_notes() {
    let p = sample();
    let tasks: Value =
        serde_json::from_slice(&bytes(&p, Format::LabelStudio, &Options::default())).unwrap();
    let tasks = tasks.as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0]["data"]["text"], NEWS);
    let result = tasks[0]["annotations"][0]["result"].as_array().unwrap();
    let utf16: Vec<u16> = NEWS.encode_utf16().collect();
    for r in result.iter().filter(|r| r["type"] == "labels") {
        let v = &r["value"];
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&utf16[s..e]).unwrap(),
            v["text"].as_str().unwrap()
        );
        assert_eq!(
            (r["from_name"].as_str(), r["to_name"].as_str()),
            (Some("label"), Some("text"))
        );
    }
    let relation = result.iter().find(|r| r["type"] == "relation").unwrap();
    let ids: Vec<&str> = result.iter().filter_map(|r| r["id"].as_str()).collect();
    assert!(ids.contains(&relation["from_id"].as_str().unwrap()));
    let noted = result
        .iter()
        .find(|r| r["meta"]["text"][0].is_string())
        .unwrap();
    assert_eq!(noted["value"]["labels"][0], "Claim");
}

#[test]
fn the_html_report_is_self_contained_escaped_and_complete() {
    let p = sample();
    let html = String::from_utf8(bytes(&p, Format::Report, &Options::default())).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@media print"));
    // No external resources: no scripts, images, stylesheets, fonts or frames.
    for banned in [
        "<script", "<img", "<link", "<iframe", "@import", "url(", "src=",
    ] {
        assert!(!html.to_lowercase().contains(banned), "{banned}");
    }
    // The article's markup and the analyst's are text.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Talks &lt;b&gt;&amp; “quotes”&lt;/b&gt;"));
    assert!(html.contains("<a href=\"https://example.org/news/talks?id=1&amp;x=2\">"));
    // Sources, claims by status with speaker and subject, entities, timeline.
    for s in [
        "A. Reporter",
        "2025-03-03",
        "Example &lt;News&gt;",
        "Disputed",
        "Speaker: Volodymyr Zelensky",
        "About: Talks with Poland and Lithuania",
        "President",
        "Kyiv",
        "2025-03",
        "early March",
        "<h2 id=\"timeline\">",
    ] {
        assert!(html.contains(s), "{s}");
    }
    let claims = html.find("id=\"claims\"").unwrap();
    let disputed = html.find(">Disputed<").unwrap();
    let none = html.find(">No status<").unwrap();
    assert!(claims < disputed && disputed < none);
    // Every mention of an entity is listed.
    assert_eq!(html.matches("<li>Talks to resume: …").count(), 3);
}

#[test]
fn the_markdown_report_escapes_markup() {
    let p = sample();
    let md = String::from_utf8(bytes(&p, Format::ReportMarkdown, &Options::default())).unwrap();
    assert!(md.starts_with("# Talks &lt;b&gt;&amp; “quotes”&lt;/b&gt;\n"));
    assert!(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!md.contains("<script>"));
    assert!(md.contains("## Timeline") && md.contains("| 2025\\-03") || md.contains("| 2025-03"));
    assert!(md.contains("<https://example.org/news/talks?id=1&x=2>"));
    assert!(md.contains("### Disputed (1)"));
}
