//! Merging two analysts' copies of a book-length project: 1,000,000 words, 100,000
//! annotations (mentions linked to 5,000 entities), each side with 1,000 edits of
//! its own (notes, statuses, retags, deletions, new annotations, spans moved by a
//! word), 1 in 50 of them on an annotation the other side also changed (conflicts).
//!
//! `cargo bench --bench merge` prints the median and best of several runs of
//! `merge::merge` (indexing, merging, building and validating the merged project),
//! then, for scale, the same merge from and to files as `dossier merge` does it.
//! Goal on the 2-core reference machine: merge ≤ 1 s.

mod common;

use dossier::commands::{Command, Editor, analyst};
use dossier::merge;
use dossier::model::{Annotation, ClaimStatus, Project};

/// `base` after `edits` edits by `author`, spread evenly over the book, starting at
/// annotation `offset`; every 50th edit lands on an annotation `shared` picks, which
/// the other side edits too.
fn edited(base: &Project, author: &str, edits: usize, offset: usize, note: &str) -> Project {
    let doc = &base.documents()[0];
    let ids: Vec<_> = doc.annotations().iter().map(|a| a.id).collect();
    let step = (ids.len() / (edits * 2)).max(1);
    let mut e = Editor::new(base.clone()).with_author(author);
    let d = doc.id;
    for i in 0..edits {
        let at = if i % 50 == 0 {
            (i * step * 2) % ids.len()
        } else {
            (offset + i * step * 2) % ids.len()
        };
        let id = ids[at];
        let Some(a) = e.project().documents()[0].annotation(id).cloned() else {
            continue;
        };
        let command = match i % 20 {
            0..=5 => Command::SetNote {
                doc: d,
                id,
                note: format!("{note} {i}"),
            },
            6..=9 => Command::SetStatus {
                doc: d,
                id,
                status: Some(ClaimStatus::ALL[(i / 20 + offset) % 4]),
            },
            10..=12 => Command::RetagAnnotation {
                doc: d,
                id,
                tag: ["claim", "person", "event"][(i + offset) % 3].into(),
            },
            13..=15 => Command::RemoveAnnotation { doc: d, id },
            16..=17 => {
                let text = e.project().documents()[0].text();
                let index = e.project().documents()[0].char_index();
                let start = a.end + 1;
                let Some(new) = Annotation::new(
                    text,
                    index,
                    "claim",
                    start,
                    (start + 12).min(index.char_len()),
                    "",
                ) else {
                    continue;
                };
                Command::AddAnnotation {
                    doc: d,
                    annotation: new,
                }
            }
            _ => match analyst::reshape(e.project(), d, id, &[(a.start, a.end + 1)]) {
                Ok(c) => c,
                Err(_) => continue,
            },
        };
        let _ = e.apply(command);
    }
    e.into_project()
}

fn main() {
    let words = common::arg("--words", 1_000_000);
    let annotations = common::arg("--annotations", 100_000);
    let edits = common::arg("--edits", 1_000);
    let runs = common::arg("--runs", 5);
    let base = common::project_with_entities(words, annotations, 5_000);
    let ours = edited(&base, "Ana", edits, 0, "Ana checked");
    let theirs = edited(&base, "Ben", edits, 1, "Ben checked");
    println!(
        "projects: {words} words; base {} annotations, ours {}, theirs {} ({edits} edits each)",
        base.annotation_count(),
        ours.annotation_count(),
        theirs.annotation_count()
    );

    let mut result = None;
    let (med, min) = common::time_ms(runs, || {
        result = Some(merge::merge(&base, &ours, &theirs).expect("merge"));
    });
    let merged = result.expect("merged");
    let (validate_med, _) = common::time_ms(runs, || {
        merged.project.validate().expect("valid");
    });
    println!(
        "merge (index, merge, build, validate): median {med:.0} ms, best {min:.0} ms  [goal ≤ 1000 ms]"
    );
    println!("  of which validating the result:      median {validate_med:.0} ms");
    println!(
        "result: {} annotations, {} conflicts",
        merged.project.annotation_count(),
        merged.new_conflicts
    );

    // For scale: the whole `dossier merge` — three files read, merged, one written.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = |n: &str| dir.path().join(n);
    for (name, p) in [("base", &base), ("ours", &ours), ("theirs", &theirs)] {
        dossier::store::save(p, &path(&format!("{name}.ron"))).expect("save");
    }
    let (files_med, _) = common::time_ms(runs.min(3), || {
        let load = |n: &str| dossier::store::load(&path(n)).expect("load");
        let m =
            merge::merge(&load("base.ron"), &load("ours.ron"), &load("theirs.ron")).expect("merge");
        dossier::store::save(&m.project, &path("out.ron")).expect("save");
    });
    let size = std::fs::metadata(path("out.ron")).map_or(0, |m| m.len());
    println!(
        "dossier merge from files (3 × {:.0} MB read, 1 written): median {files_med:.0} ms",
        size as f64 / 1e6
    );
}
