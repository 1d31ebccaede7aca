//! Agreement measures against published figures: bratiaa's reports on its 4-annotator
//! brat project (instance and token F1, every printed figure) and DKPro Statistics'
//! textbook values (Cohen 1960, Fleiss 1971, Krippendorff 1995 and 2004); properties
//! (a project agrees with itself, the measures are symmetric); and `dossier agree`.

#![allow(clippy::unwrap_used)]

#[path = "common/brat.rs"]
mod brat;

use dossier::agree::{
    self, Annotator, Contingency, DocumentUnits, Report, Segment, Unit, cohen_kappa, fleiss_kappa,
    krippendorff_alpha_nominal, krippendorff_alpha_u,
};
use dossier::model::{Annotation, Document, Project, SourceMeta};
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agreement")
}

// ---------------------------------------------------------------------------------
// bratiaa

/// One table row of a bratiaa report: name, mean, SD as printed.
type Row = (String, String, String);

/// The figures of a published bratiaa report.
struct Published {
    documents: Vec<Row>,
    labels: Vec<Row>,
    overall: (String, String),
}

fn published(report: &str) -> Published {
    let text =
        std::fs::read_to_string(fixtures().join("bratiaa/example-files").join(report)).unwrap();
    let (mut documents, mut labels, mut overall) = (Vec::new(), Vec::new(), None);
    let mut section = "";
    for line in text.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            section = if title.contains("Document") {
                "document"
            } else if title.contains("Label") {
                "label"
            } else {
                "overall"
            };
        } else if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            if cells[0].starts_with('-') || cells[1] == "Mean F1" {
                continue;
            }
            let row = (
                cells[0].to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
            );
            match section {
                "document" => documents.push(row),
                "label" => labels.push(row),
                _ => panic!("table row outside a table section: {line}"),
            }
        } else if let Some(rest) = line.strip_prefix("* Mean F1: ") {
            let (mean, sd) = rest.split_once(", SD F1: ").unwrap();
            overall = Some((mean.to_owned(), sd.trim().to_owned()));
        }
    }
    Published {
        documents,
        labels,
        overall: overall.unwrap(),
    }
}

/// bratiaa's example project, one Dossier project per annotator (sorted by name, as
/// bratiaa sorts them).
fn bratiaa_projects() -> Vec<(String, Project)> {
    let root = fixtures().join("bratiaa/example-files/example-project");
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| {
            let p = brat::project(&root.join(&n));
            (n, p)
        })
        .collect()
}

fn bratiaa_report() -> Report {
    let projects = bratiaa_projects();
    let annotators: Vec<Annotator<'_>> = projects
        .iter()
        .map(|(n, p)| Annotator::from_project(n.as_str(), p))
        .collect();
    agree::agree(&annotators).unwrap()
}

fn f3(v: Option<f64>) -> String {
    format!("{:.3}", v.expect("a defined value"))
}

/// Checks every figure of a published report against `pick` of ours.
fn check_against(
    report: &Report,
    published: &Published,
    pick: fn(&agree::Summary) -> &agree::Spread,
    label_pick: fn(&agree::LabelSummary) -> &agree::Spread,
) {
    assert_eq!(report.annotators, ["Lisa", "Maria", "Max", "Peter"]);
    assert_eq!(report.by_document.len(), 7);
    assert!(report.unmatched.is_empty() && report.duplicates.is_empty());
    assert_eq!(published.documents.len(), 7);
    for (name, mean, sd) in &published.documents {
        let title = name.trim_end_matches(".ann");
        let d = report
            .by_document
            .iter()
            .find(|d| d.title == title)
            .unwrap_or_else(|| panic!("no document {title}"));
        let s = pick(&d.summary);
        assert_eq!(
            (f3(s.mean), f3(s.sd)),
            (mean.clone(), sd.clone()),
            "document {title}"
        );
        assert_eq!(s.pairs.len(), 6);
    }
    assert_eq!(
        report.labels,
        published
            .labels
            .iter()
            .map(|r| r.0.clone())
            .collect::<Vec<_>>()
    );
    for (label, mean, sd) in &published.labels {
        let l = report.by_label.iter().find(|l| &l.label == label).unwrap();
        let s = label_pick(l);
        assert_eq!(
            (f3(s.mean), f3(s.sd)),
            (mean.clone(), sd.clone()),
            "label {label}"
        );
    }
    let s = pick(&report.overall);
    assert_eq!((f3(s.mean), f3(s.sd)), published.overall.clone(), "overall");
}

#[test]
fn bratiaa_instance_report_is_reproduced() {
    let published = published("instance-agreement-report.md");
    assert_eq!(published.overall, ("0.890".to_owned(), "0.053".to_owned()));
    check_against(
        &bratiaa_report(),
        &published,
        |s| &s.exact_f1,
        |l| &l.exact_f1,
    );
}

#[test]
fn bratiaa_token_report_is_reproduced() {
    let published = published("token-agreement-report.md");
    assert_eq!(published.overall, ("0.964".to_owned(), "0.015".to_owned()));
    check_against(
        &bratiaa_report(),
        &published,
        |s| &s.token_f1,
        |l| &l.token_f1,
    );
}

#[test]
fn bratiaa_project_other_measures_are_sane() {
    let r = bratiaa_report();
    let o = &r.overall;
    // Overlap matching forgives boundary differences, so it agrees at least as much.
    assert!(o.overlap_f1.mean.unwrap() >= o.exact_f1.mean.unwrap());
    for m in [
        o.cohen_kappa.mean,
        o.fleiss_kappa,
        o.krippendorff_alpha,
        o.alpha_u,
    ] {
        let m = m.unwrap();
        assert!(m > 0.5 && m < 1.0, "{m}");
    }
    assert_eq!(r.pairs.len(), 6);
}

// ---------------------------------------------------------------------------------
// DKPro's textbook values

fn oracles() -> Value {
    let text =
        std::fs::read_to_string(fixtures().join("dkpro/classic-agreement-oracles.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance + 1e-12,
        "{what}: {actual} vs {expected} ± {tolerance}"
    );
}

/// Equal when both are written to 4 decimals (the bar for textbook values).
fn four(actual: f64, expected: &str, what: &str) {
    assert_eq!(format!("{actual:.4}"), expected, "{what}");
}

fn table(v: &Value) -> Contingency {
    let rows: Vec<Vec<u64>> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap())
                .collect()
        })
        .collect();
    Contingency::from_rows(&rows)
}

#[test]
fn cohen_1960_both_examples() {
    let o = &oracles()["cohen1960"];
    let e1 = &o["example1_p37"];
    let k = cohen_kappa(&table(&e1["table_rows_rater1_cols_rater2"])).unwrap();
    let tol = num(&e1["expected"]["tolerance"]);
    close(
        k.observed,
        num(&e1["expected"]["observed_agreement"]),
        tol,
        "p_o",
    );
    close(
        k.expected,
        num(&e1["expected"]["expected_agreement"]),
        tol,
        "p_e",
    );
    four(k.kappa.unwrap(), "-0.0923", "κ (p. 37)");

    let e2 = &o["example2_p45"];
    let x = &e2["expected"];
    let k = cohen_kappa(&table(&e2["table_rows_rater1_cols_rater2"])).unwrap();
    let tol = num(&x["tolerance"]);
    close(k.observed, num(&x["observed_agreement"]), tol, "p_o");
    close(k.expected, num(&x["expected_agreement"]), tol, "p_e");
    close(k.kappa.unwrap(), num(&x["cohen_kappa"]), tol, "κ");
    close(k.max_kappa.unwrap(), num(&x["max_kappa"]), tol, "κ_max");
    four(k.observed, "0.7000", "p_o");
    four(k.expected, "0.4100", "p_e");
    four(k.kappa.unwrap(), "0.4915", "κ = 0.29 / 0.59");
}

#[test]
fn fleiss_1971() {
    let o = &oracles()["fleiss1971"];
    let items: Vec<Vec<u32>> = o["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_u64().unwrap() as u32)
                .collect()
        })
        .collect();
    assert!(items.iter().all(|i| i.len() == 6));
    let f = fleiss_kappa(items.iter().map(Vec::as_slice)).unwrap();
    let x = &o["expected"];
    let tol = num(&x["tolerance"]);
    four(f.observed, "0.5556", "P̄");
    close(f.expected, num(&x["expected_agreement"]), tol, "P̄e");
    // Exactly, P̄e = 0.21994; the paper's 0.2201 sums the squares of p_j as it prints
    // them, to 3 decimals (.144, .144, .167, .306, .239).
    four(f.expected, "0.2199", "P̄e");
    let printed: f64 = f
        .shares
        .values()
        .map(|p| (p * 1000.0).round() / 1000.0)
        .map(|p| p * p)
        .sum();
    four(printed, "0.2201", "P̄e from the printed p_j");
    close(f.kappa.unwrap(), num(&x["fleiss_kappa"]), tol, "κ");
    four(f.kappa.unwrap(), "0.4302", "κ");
    let ctol = num(&x["category_tolerance"]);
    for (c, expected) in x["category_kappa"].as_object().unwrap() {
        let c: u32 = c.parse().unwrap();
        close(
            f.per_category[&c].unwrap(),
            num(expected),
            ctol,
            &format!("κ of {c}"),
        );
    }
}

#[test]
fn krippendorff_1995_digitized_codes() {
    let o = &oracles()["krippendorff1995_digitized"];
    for case in ["A", "B", "C"] {
        let c = &o[case];
        let codes = |r: &str| -> Vec<u32> {
            c[r].as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as u32)
                .collect()
        };
        let (r1, r2) = (codes("rater1"), codes("rater2"));
        let mut t = Contingency::new();
        for (a, b) in r1.iter().zip(&r2) {
            t.add(*a, *b, 1);
        }
        let items: Vec<[u32; 2]> = r1.iter().zip(&r2).map(|(a, b)| [*a, *b]).collect();
        let x = &c["expected"];
        let tol = num(&x["tolerance"]);
        close(
            cohen_kappa(&t).unwrap().kappa.unwrap(),
            num(&x["cohen_kappa"]),
            tol,
            case,
        );
        // With two raters Fleiss' κ is Scott's π.
        let pi = fleiss_kappa(items.iter().map(|i| &i[..]))
            .unwrap()
            .kappa
            .unwrap();
        close(pi, num(&x["scott_pi"]), tol, case);
        if let Some(alpha) = x.get("krippendorff_alpha_nominal") {
            let a = krippendorff_alpha_nominal(items.iter().map(|i| &i[..])).unwrap();
            close(a, num(alpha), tol, case);
        }
    }
    // Both raters code every position 1: undefined, not a panic and not NaN.
    let ones = [[1u32, 1]; 24];
    let mut t = Contingency::new();
    t.add(1, 1, 24);
    assert_eq!(cohen_kappa(&t).unwrap().kappa, None);
    assert_eq!(
        fleiss_kappa(ones.iter().map(|i| &i[..])).unwrap().kappa,
        None
    );
    assert_eq!(
        krippendorff_alpha_nominal(ones.iter().map(|i| &i[..])),
        None
    );
}

#[test]
fn krippendorff_2004_alpha_u() {
    let o = &oracles()["krippendorff2004_unitizing"];
    let begin = o["continuum"]["begin"].as_u64().unwrap();
    let length = o["continuum"]["length"].as_u64().unwrap();
    let segments: Vec<Segment<String>> = o["units_begin_length_rater_category"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let start = u[0].as_u64().unwrap();
            Segment {
                start,
                end: start + u[1].as_u64().unwrap(),
                rater: u[2].as_u64().unwrap() as usize,
                category: u[3].as_str().unwrap().to_owned(),
            }
        })
        .collect();
    let raters = o["raters"].as_u64().unwrap() as usize;
    let a = krippendorff_alpha_u(begin..begin + length, raters, &segments).unwrap();
    let x = &o["expected"];
    close(
        a.alpha.unwrap(),
        num(&x["alpha_u"]),
        num(&x["alpha_u_tolerance"]),
        "α_U",
    );
    let tol = num(&x["category_tolerance"]);
    for (c, e) in x["category"].as_object().unwrap() {
        let got = a.categories[c];
        close(got.observed, num(&e["observed_disagreement"]), tol, c);
        close(got.expected, num(&e["expected_disagreement"]), tol, c);
        close(got.alpha.unwrap(), num(&e["alpha"]), tol, c);
    }
    four(a.categories["c"].observed, "0.0144", "D_O(c)");
    four(a.categories["c"].expected, "0.0532", "D_E(c)");
    four(a.categories["c"].alpha.unwrap(), "0.7286", "α_c");
    four(a.categories["k"].expected, "0.0490", "D_E(k)");
    four(a.categories["k"].alpha.unwrap(), "1.0000", "α_k");
    // Exactly, α_U = 1 − 0.014444 / (0.053222 + 0.048979) = 0.8587. The book's 0.8591
    // (DKPro asserts it ± 0.0005) is the same formula over the disagreements as printed,
    // to 4 decimals.
    four(a.alpha.unwrap(), "0.8587", "α_U");
    let printed = |v: f64| (v * 10_000.0).round() / 10_000.0;
    let (o, e): (f64, f64) = a
        .categories
        .values()
        .map(|c| (printed(c.observed), printed(c.expected)))
        .fold((0.0, 0.0), |(o, e), (x, y)| (o + x, e + y));
    four(1.0 - o / e, "0.8591", "α_U from the printed disagreements");
    // The same study shifted to start at 0 gives the same α_U.
    let shifted: Vec<Segment<String>> = segments
        .iter()
        .map(|s| Segment {
            start: s.start - begin,
            end: s.end - begin,
            ..s.clone()
        })
        .collect();
    let b = krippendorff_alpha_u(0..length, raters, &shifted).unwrap();
    assert_eq!(a, b);
}

// ---------------------------------------------------------------------------------
// Matching documents, units, discontinuous spans

fn doc_with(text: &str, spans: &[(&str, usize, usize)]) -> Document {
    let d = Document::new(
        text.split_whitespace().next().unwrap_or("empty"),
        SourceMeta::default(),
        text,
    );
    let anns = spans
        .iter()
        .map(|&(tag, s, e)| Annotation::new(d.text(), d.char_index(), tag, s, e, "t").unwrap())
        .collect();
    Document::with_annotations(
        d.id,
        d.title.clone(),
        d.source.clone(),
        d.text().to_owned(),
        anns,
    )
}

fn project_of(documents: Vec<Document>) -> Project {
    let base = Project::new("p");
    let p = Project::from_parts(
        base.id,
        base.name,
        base.tags,
        base.relation_kinds,
        documents,
        Vec::new(),
        Vec::new(),
    );
    p.validate().unwrap();
    p
}

#[test]
fn documents_match_by_text_and_the_rest_are_listed() {
    let shared = "Maryam Rajavi spoke in Paris.";
    let a = project_of(vec![
        doc_with("Only in A.", &[]),
        doc_with(shared, &[("person", 0, 13)]),
        doc_with(shared, &[("person", 0, 6)]),
    ]);
    let b = project_of(vec![
        doc_with(shared, &[("person", 0, 13)]),
        doc_with("Only in B.", &[("event", 0, 4)]),
    ]);
    let units = agree::units_of(&a);
    assert_eq!(units.len(), 2);
    assert_eq!(
        units[&agree::DocKey::of_text(shared)],
        vec![Unit::span("person", 0, 13)],
        "the first copy is kept"
    );
    let r = agree::agree(&[
        Annotator::from_project("A", &a),
        Annotator::from_project("B", &b),
    ])
    .unwrap();
    assert_eq!(r.by_document.len(), 1);
    assert_eq!(r.overall.exact_f1.mean, Some(1.0));
    let listed: Vec<(&str, &[String])> = r
        .unmatched
        .iter()
        .map(|u| (u.title.as_str(), u.held_by.as_slice()))
        .collect();
    assert_eq!(
        listed,
        [
            ("Only", &["A".to_owned()][..]),
            ("Only", &["B".to_owned()][..])
        ]
    );
    assert_eq!(r.duplicates.len(), 1);
    assert_eq!(r.duplicates[0].annotator, "A");
    // "event" occurs only in an unmatched document, so it is not a compared label.
    assert_eq!(r.labels, ["person"]);
    let text = r.to_text(None, &|s| s.to_owned());
    assert!(text.contains("Not compared"), "{text}");
    assert!(text.contains("only in B"), "{text}");
}

#[test]
fn discontinuous_units_compare_by_all_their_fragments() {
    let text = "Polish and Czech governments met";
    let unit = |fragments: Vec<(usize, usize)>| Unit {
        label: "ORG".into(),
        fragments,
    };
    let a = Annotator {
        name: "a".into(),
        documents: vec![DocumentUnits::new(
            "t",
            text,
            vec![unit(vec![(0, 6), (17, 28)])],
        )],
    };
    let same_other_order = Annotator {
        name: "b".into(),
        documents: vec![DocumentUnits::new(
            "t",
            text,
            vec![unit(vec![(17, 28), (0, 6)])],
        )],
    };
    let r = agree::agree(&[a.clone(), same_other_order]).unwrap();
    assert_eq!(r.overall.exact_f1.mean, Some(1.0));
    let one_fragment = Annotator {
        name: "c".into(),
        documents: vec![DocumentUnits::new("t", text, vec![unit(vec![(17, 28)])])],
    };
    let r = agree::agree(&[a.clone(), one_fragment]).unwrap();
    assert_eq!(r.overall.exact_f1.mean, Some(0.0));
    assert_eq!(r.overall.overlap_f1.mean, Some(1.0));
    // Tokens: a labels "Polish" and "governments", c only "governments".
    assert_eq!(
        r.pairs[0].tokens,
        agree::Counts {
            matched: 1,
            a: 2,
            b: 1
        }
    );
    let outside = Annotator {
        name: "d".into(),
        documents: vec![DocumentUnits::new("t", text, vec![unit(vec![(30, 99)])])],
    };
    let e = agree::agree(&[a, outside]).unwrap_err().to_string();
    assert!(e.contains("30..99") && e.contains("32 chars"), "{e}");
}

#[test]
fn one_annotator_is_not_enough() {
    let p = project_of(vec![doc_with("x", &[])]);
    assert!(agree::agree(&[Annotator::from_project("A", &p)]).is_err());
}

// ---------------------------------------------------------------------------------
// Properties

/// A text of `words` words and spans (tag, first word, word count) over it.
fn generated(words: usize, spans: &[(usize, usize, usize)]) -> Project {
    let vocabulary = [
        "Évin", "prison", "مریم", "رجوی", "said", "1988", "café", "court",
    ];
    let mut text = String::new();
    let mut at = Vec::new();
    let mut chars = 0;
    for i in 0..words {
        if i > 0 {
            let sep = if i % 9 == 0 { "\n\n" } else { " " };
            text.push_str(sep);
            chars += sep.chars().count();
        }
        let w = vocabulary[(i * 7 + 3) % vocabulary.len()];
        at.push((chars, chars + w.chars().count()));
        text.push_str(w);
        chars += w.chars().count();
    }
    let tags = ["claim", "person", "event"];
    let spans: Vec<(&str, usize, usize)> = spans
        .iter()
        .map(|&(t, first, n)| {
            let first = first % words;
            let last = (first + n).min(words - 1);
            (tags[t % 3], at[first].0, at[last].1)
        })
        .collect();
    project_of(vec![doc_with(&text, &spans)])
}

fn spans() -> impl Strategy<Value = Vec<(usize, usize, usize)>> {
    prop::collection::vec((0usize..3, 0usize..200, 0usize..4), 0..25)
}

/// Every figure of a report, in a fixed order (None as NaN-free sentinel).
fn figures(r: &Report) -> Vec<Option<f64>> {
    let s = |x: &agree::Summary| {
        vec![
            x.exact_f1.mean,
            x.exact_f1.sd,
            x.overlap_f1.mean,
            x.token_f1.mean,
            x.cohen_kappa.mean,
            x.fleiss_kappa,
            x.krippendorff_alpha,
            x.alpha_u,
        ]
    };
    let mut out = s(&r.overall);
    for d in &r.by_document {
        out.extend(s(&d.summary));
    }
    for l in &r.by_label {
        out.extend([
            l.exact_f1.mean,
            l.overlap_f1.mean,
            l.token_f1.mean,
            l.alpha_u,
        ]);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_project_agrees_with_itself(words in 1usize..80, s in spans()) {
        let p = generated(words, &s);
        let r = agree::agree(&[Annotator::from_project("A", &p), Annotator::from_project("B", &p)]).unwrap();
        let o = &r.overall;
        let any = p.annotation_count() > 0;
        for v in [o.exact_f1.mean, o.overlap_f1.mean, o.token_f1.mean, o.alpha_u] {
            prop_assert_eq!(v, any.then_some(1.0));
        }
        for v in [o.cohen_kappa.mean, o.krippendorff_alpha] {
            prop_assert!(v.is_none() || v == Some(1.0), "{:?}", v);
        }
        for l in &r.by_label {
            prop_assert_eq!(l.exact_f1.mean, Some(1.0));
            prop_assert_eq!(l.alpha_u, Some(1.0));
        }
    }

    #[test]
    fn agreement_is_symmetric(words in 1usize..80, a in spans(), b in spans()) {
        let (pa, pb) = (generated(words, &a), generated(words, &b));
        let ab = agree::agree(&[Annotator::from_project("A", &pa), Annotator::from_project("B", &pb)]).unwrap();
        let ba = agree::agree(&[Annotator::from_project("B", &pb), Annotator::from_project("A", &pa)]).unwrap();
        for (x, y) in figures(&ab).into_iter().zip(figures(&ba)) {
            match (x, y) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{} vs {}", x, y),
                (x, y) => prop_assert_eq!(x, y),
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// `dossier agree`

fn dossier(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .env("DOSSIER_AUTHOR", "tester")
        .output()
        .expect("run dossier")
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Two analysts' projects of one article: A tags "Maryam Rajavi" and "Paris", B tags
/// "Maryam" and "Paris"; C has the article (tagged like A's person) and another one.
fn cli_projects(d: &Path) {
    std::fs::write(d.join("art.txt"), "Maryam Rajavi spoke in Paris on Monday.").unwrap();
    std::fs::write(d.join("other.txt"), "Another article entirely.").unwrap();
    ok(dossier(&["new", "a.ron", "art.txt"], d));
    ok(dossier(&["new", "b.ron", "art.txt"], d));
    ok(dossier(&["new", "c.ron", "art.txt", "other.txt"], d));
    for (p, tag, quote) in [
        ("a.ron", "person", "Maryam Rajavi"),
        ("a.ron", "event", "Paris"),
        ("b.ron", "person", "Maryam"),
        ("b.ron", "event", "Paris"),
        ("c.ron", "person", "Maryam Rajavi"),
    ] {
        ok(dossier(&["tag", p, "--tag", tag, "--quote", quote], d));
    }
}

// The figures for A and B, worked by hand. Tokens: Maryam Rajavi spoke in Paris on
// Monday. (7). Exact: 1 of 2 and 2 units match → 0.5; overlap: 2 → 1.0; labelled
// tokens: A 3, B 2, shared 2 → 0.8. κ: 6 of 7 tokens agree, chance 23/49 → 19/26.
// α: 14 values, 12 agreeing, Σn_c² = 94 → 1 − 13·2/102. α_U (39 chars): person
// D_O = 49/39², D_E = (2/39)·9089/5820; event D_O = 0, D_E = (2/39)·2720/5966.

#[test]
fn agree_prints_text_tables() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    cli_projects(d);
    let text = ok(dossier(&["agree", "a.ron", "b.ron"], d));
    assert!(
        text.starts_with("Agreement of 2 annotators: a.ron, b.ron\n"),
        "{text}"
    );
    for line in [
        "Span F1, exact             0.500",
        "Span F1, overlap           1.000",
        "Token F1                   0.800",
        "Cohen's κ (tokens)         0.731",
        "Krippendorff's α (tokens)  0.745",
        "Krippendorff's α_U         0.689",
    ] {
        assert!(text.contains(line), "{line:?} missing in\n{text}");
    }
    assert!(
        !text.contains("Fleiss"),
        "two annotators: no Fleiss' κ\n{text}"
    );
    let by_tag = ok(dossier(&["agree", "a.ron", "b.ron", "--by", "tag"], d));
    assert!(
        by_tag.contains("person     0.000       1.000     0.667  0.598"),
        "{by_tag}"
    );
    let by_doc = ok(dossier(
        &["agree", "a.ron", "b.ron", "c.ron", "--by", "document"],
        d,
    ));
    assert!(by_doc.contains("Fleiss' κ (tokens)"), "{by_doc}");
    assert!(by_doc.contains("a.ron · c.ron"), "{by_doc}");
    assert!(
        by_doc.contains("Maryam Rajavi spoke in Paris on Monday."),
        "{by_doc}"
    );
}

#[test]
fn agree_prints_json() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    cli_projects(d);
    let out = ok(dossier(&["agree", "a.ron", "b.ron", "--format", "json"], d));
    let v: Value = serde_json::from_str(&out).unwrap();
    let o = &v["overall"];
    let f = |x: &Value| format!("{:.4}", x.as_f64().unwrap());
    assert_eq!(f(&o["exact_f1"]["mean"]), "0.5000");
    assert_eq!(f(&o["overlap_f1"]["mean"]), "1.0000");
    assert_eq!(f(&o["token_f1"]["mean"]), "0.8000");
    assert_eq!(f(&o["cohen_kappa"]["mean"]), format!("{:.4}", 19.0 / 26.0));
    assert_eq!(
        f(&o["krippendorff_alpha"]),
        format!("{:.4}", 1.0 - 26.0 / 102.0)
    );
    assert!(o["fleiss_kappa"].is_null());
    let person_do = 49.0 / (39.0 * 39.0);
    let person_de = 2.0 / 39.0 * 9089.0 / 5820.0;
    let event_de = 2.0 / 39.0 * 2720.0 / 5966.0;
    assert_eq!(
        f(&o["alpha_u"]),
        format!("{:.4}", 1.0 - person_do / (person_de + event_de))
    );
    let person = v["by_label"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "person")
        .unwrap();
    assert_eq!(
        f(&person["alpha_u"]),
        format!("{:.4}", 1.0 - person_do / person_de)
    );
    assert_eq!(v["pairs"][0]["tokens"]["matched"], 2);
    assert_eq!(v["by_document"][0]["tokens"], 7);
    assert_eq!(v["unmatched"].as_array().unwrap().len(), 0);
}

#[test]
fn agree_lists_a_document_only_one_side_has() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    cli_projects(d);
    let text = ok(dossier(&["agree", "a.ron", "c.ron"], d));
    assert!(text.contains("1 document(s) compared"), "{text}");
    assert!(text.contains("“Another article entirely.”"), "{text}");
    assert!(text.contains("only in c.ron"), "{text}");
    let v: Value = serde_json::from_str(&ok(dossier(
        &["agree", "a.ron", "c.ron", "--format", "json"],
        d,
    )))
    .unwrap();
    assert_eq!(v["unmatched"][0]["held_by"], serde_json::json!(["c.ron"]));
    assert_eq!(v["unmatched"][0]["title"], "Another article entirely.");
}

#[test]
fn agree_needs_two_projects_and_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    cli_projects(d);
    assert_eq!(dossier(&["agree", "a.ron"], d).status.code(), Some(2));
    let o = dossier(&["agree", "a.ron", "missing.ron"], d);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("error: "));
    let o = dossier(&["agree", "a.ron", "b.ron", "--by", "paragraph"], d);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn agree_escapes_names_for_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    cli_projects(d);
    let evil = "e\u{1b}[2Jvil\u{202e}.ron";
    std::fs::copy(d.join("b.ron"), d.join(evil)).unwrap();
    for format in ["text", "json"] {
        let out = ok(dossier(&["agree", "a.ron", evil, "--format", format], d));
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{202e}'),
            "{out}"
        );
        if format == "json" {
            let v: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(
                v["annotators"][1], evil,
                "JSON escapes decode to the real name"
            );
        }
    }
}
