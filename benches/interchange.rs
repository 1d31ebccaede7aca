//! Export and import of the book-length project (1,000,000 words, 100,000
//! annotations) in each format. Goal on the 2-core reference machine: each export
//! and each import ≤ 1 s.
//!
//! `cargo bench --bench interchange` prints the median and best of several runs;
//! `-- --words N --annotations M --runs R` changes the project or the runs.

mod common;

use dossier::commands::{Command, Editor};
use dossier::export::{self, Content, Format, Options};
use dossier::import::{self, AnnotationFiles, brat::BratDocument, w3c::W3cFile};
use dossier::model::Project;

fn main() {
    let words = common::arg("--words", 1_000_000);
    let annotations = common::arg("--annotations", 100_000);
    let runs = common::arg("--runs", 5);
    let project = common::project_with_entities(words, annotations, 2_000);
    println!(
        "project: {words} words, {} annotations, {} entities",
        project.annotation_count(),
        project.entities().len()
    );
    let mut outputs = Vec::new();
    let only_import = common::arg("--only-import", 0) == 1;
    for format in Format::ALL {
        if only_import {
            if matches!(format, Format::W3c | Format::Brat) {
                outputs.push((
                    format,
                    export::export(&project, format, &Options::default()).expect("export"),
                ));
            }
            continue;
        }
        let mut size = 0;
        let (med, min) = common::time_ms(runs, || {
            let out = export::export(&project, format, &Options::default()).expect("export");
            size = match &out.content {
                Content::File(b) => b.len(),
                Content::Folder(files) => files.iter().map(|(_, b)| b.len()).sum(),
            };
            std::hint::black_box(&out);
        });
        println!(
            "export {:<13} median {med:6.0} ms, best {min:6.0} ms, {:7.1} MiB  [goal ≤ 1000 ms]",
            format.as_str(),
            size as f64 / 1048576.0
        );
        if matches!(format, Format::W3c | Format::Brat) {
            outputs.push((
                format,
                export::export(&project, format, &Options::default()).expect("export"),
            ));
        }
    }
    for (format, out) in outputs {
        let (into, files) = match (format, out.content) {
            (Format::W3c, Content::File(bytes)) => {
                println!(
                    "W3C file to import: {:.1} MiB",
                    bytes.len() as f64 / 1048576.0
                );
                // Into a copy of the project without its annotations, as a colleague would.
                let mut fresh = Editor::new(project.clone());
                let doc = project.documents()[0].id;
                let ids: Vec<_> = project.documents()[0]
                    .annotations()
                    .iter()
                    .map(|a| a.id)
                    .collect();
                let batch = ids
                    .into_iter()
                    .map(|id| Command::RemoveAnnotation { doc, id })
                    .collect();
                // Also a figure of its own: removing every annotation in one step (what
                // undoing an import of them does).
                let t = std::time::Instant::now();
                fresh
                    .apply(Command::Batch {
                        label: "clear".into(),
                        commands: batch,
                    })
                    .expect("clear");
                println!(
                    "remove all {} annotations in one step: {:.0} ms",
                    project.documents()[0].annotations().len(),
                    t.elapsed().as_secs_f64() * 1000.0
                );
                // Parsing the JSON is part of the import.
                (fresh.into_project(), Input::Json(bytes))
            }
            (Format::Brat, Content::Folder(files)) => (Project::new("brat"), Input::Brat(files)),
            _ => unreachable!("W3C is a file, brat a folder"),
        };
        let mut added = 0;
        let mut phases = [0.0f64; 3];
        // The project each run imports into is cloned before the clock starts, and
        // kept until it stops: the app imports into the project it has open and
        // frees nothing afterwards.
        let mut fresh: Vec<Editor> = (0..runs).map(|_| Editor::new(into.clone())).collect();
        let mut done: Vec<Editor> = Vec::with_capacity(runs);
        let (med, min) = common::time_ms(runs, || {
            let t0 = std::time::Instant::now();
            let files = match &files {
                // As read from the file; the import parses it.
                Input::Json(bytes) => AnnotationFiles::W3c(vec![W3cFile {
                    name: "export.jsonld".into(),
                    bytes: bytes.clone(),
                }]),
                Input::Brat(files) => AnnotationFiles::Brat(brat_documents(files)),
            };
            let t1 = std::time::Instant::now();
            let imported = import::import_files(&into, &files).expect("parses");
            let t2 = std::time::Instant::now();
            let mut editor = fresh.pop().expect("a project per run");
            editor
                .apply(imported.command.expect("something to import"))
                .expect("import applies");
            added = imported.summary.annotations;
            done.push(editor);
            let ms = |a: std::time::Instant, b: std::time::Instant| (b - a).as_secs_f64() * 1000.0;
            phases = [ms(t0, t1), ms(t1, t2), ms(t2, std::time::Instant::now())];
        });
        println!(
            "import {:<13} median {med:6.0} ms, best {min:6.0} ms, {added} annotations  [goal ≤ 1000 ms]",
            format.as_str()
        );
        println!(
            "  last run: read {:.0} ms, parse and build the batch {:.0} ms, apply it {:.0} ms",
            phases[0], phases[1], phases[2]
        );
    }
}

enum Input {
    Json(Vec<u8>),
    Brat(Vec<(String, Vec<u8>)>),
}

fn brat_documents(files: &[(String, Vec<u8>)]) -> Vec<BratDocument> {
    files
        .iter()
        .filter_map(|(n, b)| n.strip_suffix(".ann").map(|stem| (stem, b)))
        .map(|(stem, ann)| BratDocument {
            name: stem.to_owned(),
            ann: String::from_utf8(ann.clone()).expect("UTF-8"),
            txt: files
                .iter()
                .find(|(n, _)| *n == format!("{stem}.txt"))
                .map(|(_, b)| b.clone())
                .expect("its text"),
        })
        .collect()
}
