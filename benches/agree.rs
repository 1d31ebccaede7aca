//! Agreement between two analysts' copies of a book-length project: 1,000,000 words,
//! 100,000 annotations each, the second with 1,000 annotations changed (a third
//! retagged, a third moved one word right, a third removed).
//!
//! `cargo bench --bench agree` prints the median and best of several runs of the whole
//! computation (documents hashed and matched, every measure of the report), then its
//! parts. Goal on the 2-core reference machine: ≤ 1 s.

mod common;

use dossier::agree::{self, Annotator, Tokens};
use dossier::model::{Annotation, Document, Project};

/// `p` with `edits` of its annotations changed, spread evenly over the book.
fn edited(p: &Project, edits: usize) -> Project {
    let doc = &p.documents()[0];
    let tokens = Tokens::of(doc.text());
    let tags = ["claim", "person", "event"];
    let mut annotations = doc.annotations().to_vec();
    let step = (annotations.len() / edits.max(1)).max(1);
    let mut out = Vec::with_capacity(annotations.len());
    for (i, a) in annotations.drain(..).enumerate() {
        if i % step != 0 || i / step >= edits {
            out.push(a);
            continue;
        }
        match (i / step) % 3 {
            0 => {
                let next = tags[(tags.iter().position(|t| *t == a.tag).unwrap_or(0) + 1) % 3];
                out.push(Annotation {
                    tag: next.to_owned(),
                    ..a
                });
            }
            1 => {
                let first = tokens.overlapping(a.start, a.end);
                let (s, e) = (first.start + 1, first.end);
                if e < tokens.len() {
                    let (start, end) = (tokens.spans[s].0, tokens.spans[e].1);
                    let moved =
                        Annotation::new(doc.text(), doc.char_index(), &a.tag, start, end, "bench")
                            .expect("a moved span inside the text");
                    out.push(moved);
                }
            }
            _ => {} // removed
        }
    }
    let document = Document::with_annotations(
        doc.id,
        doc.title.clone(),
        doc.source.clone(),
        doc.text().to_owned(),
        out,
    );
    let q = Project::from_parts(
        p.id,
        p.name.clone(),
        p.tags.clone(),
        p.relation_kinds.clone(),
        vec![document],
        p.entities().to_vec(),
        p.relations().to_vec(),
    );
    q.validate().expect("an edited project is valid");
    q
}

fn main() {
    let words = common::arg("--words", 1_000_000);
    let annotations = common::arg("--annotations", 100_000);
    let edits = common::arg("--edits", 1_000);
    let runs = common::arg("--runs", 5);
    let a = common::project(words, annotations);
    let b = edited(&a, edits);
    println!(
        "projects: {words} words; {} and {} annotations ({edits} edits)",
        a.annotation_count(),
        b.annotation_count()
    );

    let mut report = None;
    let (med, min) = common::time_ms(runs, || {
        let annotators = [
            Annotator::from_project("A", &a),
            Annotator::from_project("B", &b),
        ];
        report = Some(agree::agree(&annotators).expect("agreement"));
    });
    let (build_med, _) = common::time_ms(runs, || {
        std::hint::black_box([
            Annotator::from_project("A", &a),
            Annotator::from_project("B", &b),
        ]);
    });
    let annotators = [
        Annotator::from_project("A", &a),
        Annotator::from_project("B", &b),
    ];
    let (measure_med, _) = common::time_ms(runs, || {
        std::hint::black_box(agree::agree(&annotators).expect("agreement"));
    });
    let (tokens_med, _) = common::time_ms(runs, || {
        std::hint::black_box(Tokens::of(a.documents()[0].text()));
    });
    println!(
        "agreement, all measures:            median {med:.0} ms, best {min:.0} ms  [goal ≤ 1000 ms]"
    );
    println!("  units and text hashes (2 projects): median {build_med:.0} ms");
    println!("  measures (agree):                   median {measure_med:.0} ms");
    println!("  of which tokenising the book once:  median {tokens_med:.0} ms");
    if let Some(r) = report {
        let o = &r.overall;
        let f = |v: Option<f64>| v.map_or("n/a".to_owned(), |x| format!("{x:.4}"));
        println!(
            "figures: exact F1 {}, overlap F1 {}, token F1 {}, Cohen's κ {}, α {}, α_U {} over {} tokens",
            f(o.exact_f1.mean),
            f(o.overlap_f1.mean),
            f(o.token_f1.mean),
            f(o.cohen_kappa.mean),
            f(o.krippendorff_alpha),
            f(o.alpha_u),
            r.tokens
        );
    }
}
