//! The real workbench rendered headless (egui `Context::run_ui` + tessellation, no
//! GPU) over a generated book: 1,000,000 words, 100,000 annotations; then the same
//! over a right-to-left book (Persian, with digits, bracketed years and Latin names
//! inside), where every laid-out line also runs the Unicode Bidirectional Algorithm.
//!
//! `cargo bench --bench reader` reports the median of several runs of: the first
//! frame, a steady frame, the frame after adding one annotation, the frame after
//! jumping to the middle of the book, and opening/saving the project.
//! Goals on the 2-core reference machine: steady ≤ 4 ms, after an edit ≤ 16 ms,
//! after a jump ≤ 8 ms, open ≤ 1 s. `-- --persian-words N` sizes the second book
//! (0 skips it).

mod common;

use dossier::app::{AppDirs, DossierApp};
use dossier::commands::Command;
use dossier::model::{Annotation, Project};
use std::time::Instant;

fn main() {
    let words = common::arg("--words", 1_000_000);
    let annotations = common::arg("--annotations", 100_000);
    let runs = common::arg("--runs", 15);
    let entities = common::arg("--entities", 5_000);
    // `--profile-tab N`: only N frames of the entities tab, for a profiler.
    let profile = common::arg("--profile-tab", 0);
    let project = common::project_with_entities(words, annotations, entities);
    println!(
        "reader benchmark: {words} words, {annotations} annotations linked to {entities} entities, 1280x820 window, {runs} runs each"
    );
    measure(project, runs, profile);
    let persian = common::arg("--persian-words", 1_000_000);
    if persian > 0 && profile == 0 {
        let persian_annotations = annotations * persian / words.max(1);
        let project = common::project_in(
            common::PERSIAN_WORDS,
            persian,
            persian_annotations,
            entities,
        );
        println!(
            "\nright-to-left book: {persian} Persian words (with digits, bracketed years and Latin names), {persian_annotations} annotations"
        );
        measure(project, runs, 0);
    }
}

/// Opens `project` in the app, renders it and prints the figures.
fn measure(project: Project, runs: usize, profile: usize) {
    let annotations = project.annotation_count();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.ron");
    dossier::store::save(&project, &path).expect("save");
    drop(project);
    let ctx = egui::Context::default();
    let t = Instant::now();
    let mut app = DossierApp::with_dirs(
        &ctx,
        vec![path.clone()],
        AppDirs::under(&dir.path().join("home")),
    );
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(
        app.project().annotation_count(),
        annotations,
        "project opened"
    );
    let mut time = 0.0;

    let first = common::frame(&ctx, &mut app, &mut time);
    if profile > 0 {
        app.view.right.tab = dossier::ui::RightTab::Entities;
        let t: Vec<f64> = (0..profile)
            .map(|_| common::frame(&ctx, &mut app, &mut time))
            .collect();
        println!("entities tab: median {:.2} ms", common::median(t));
        return;
    }
    assert!(
        !app.view.center.reader.visible_ranges().is_empty(),
        "the reader drew paragraphs"
    );
    // Let estimated heights settle before measuring steady frames.
    for _ in 0..5 {
        common::frame(&ctx, &mut app, &mut time);
    }
    let steady = common::median(
        (0..runs)
            .map(|_| common::frame(&ctx, &mut app, &mut time))
            .collect(),
    );

    let mut after_edit = Vec::new();
    for i in 0..runs {
        let doc = app.project().documents()[0].id;
        let d = &app.project().documents()[0];
        let a = Annotation::new(
            d.text(),
            d.char_index(),
            "person",
            10 + i * 20,
            15 + i * 20,
            "bench",
        )
        .expect("annotation");
        app.edit(Command::AddAnnotation { doc, annotation: a });
        after_edit.push(common::frame(&ctx, &mut app, &mut time));
    }
    let after_edit = common::median(after_edit);

    let mut after_jump = Vec::new();
    let n = app.project().documents()[0].annotations().len();
    for i in 0..runs {
        // Alternate between far-apart places so every jump lands on new paragraphs.
        let k = if i % 2 == 0 {
            n / 2 + i * 997
        } else {
            n / 4 + i * 991
        } % n;
        let id = app.project().documents()[0].annotations()[k].id;
        app.select_annotation(id, true, &ctx);
        after_jump.push(common::frame(&ctx, &mut app, &mut time));
        common::frame(&ctx, &mut app, &mut time);
    }
    let after_jump = common::median(after_jump);

    // The entities tab lists every entity with its mention count.
    app.view.right.tab = dossier::ui::RightTab::Entities;
    common::frame(&ctx, &mut app, &mut time);
    let entities_tab = common::median(
        (0..runs)
            .map(|_| common::frame(&ctx, &mut app, &mut time))
            .collect(),
    );
    app.view.right.tab = dossier::ui::RightTab::Annotations;

    let t = Instant::now();
    assert!(app.save_to(&path));
    let save_ms = t.elapsed().as_secs_f64() * 1000.0;

    println!(
        "open project (load + validate + first layout data): {open_ms:.0} ms   [goal ≤ 1000 ms]"
    );
    println!("first frame:                   {first:.1} ms");
    println!("steady frame (median):         {steady:.2} ms   [goal ≤ 4 ms]");
    println!("frame after adding annotation: {after_edit:.2} ms   [goal ≤ 16 ms]");
    println!("frame after jump to middle:    {after_jump:.2} ms   [goal ≤ 8 ms]");
    println!("frame with the entities tab:   {entities_tab:.2} ms");
    println!("save project:                  {save_ms:.0} ms");
}
