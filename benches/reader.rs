//! The real workbench rendered headless (egui `Context::run_ui` + tessellation, no
//! GPU) over a generated book: 1,000,000 words, 100,000 annotations.
//!
//! `cargo bench --bench reader` reports the median of several runs of: the first
//! frame, a steady frame, the frame after adding one annotation, the frame after
//! jumping to the middle of the book, and opening/saving the project.
//! Goals on the 2-core reference machine: steady ≤ 4 ms, after an edit ≤ 16 ms,
//! after a jump ≤ 8 ms, open ≤ 1 s.

mod common;

use dossier::app::{AppDirs, DossierApp};
use dossier::commands::Command;
use dossier::model::Annotation;
use std::time::Instant;

fn frame(ctx: &egui::Context, app: &mut DossierApp, time: &mut f64) -> f64 {
    *time += 1.0 / 60.0;
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 820.0),
        )),
        time: Some(*time),
        ..Default::default()
    };
    let start = Instant::now();
    let out = ctx.run_ui(input, |ui| app.frame(ui));
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(prims);
    start.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let words = arg("--words", 1_000_000);
    let annotations = arg("--annotations", 100_000);
    let runs = arg("--runs", 15);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.ron");
    let entities = arg("--entities", 5_000);
    let project = common::project_with_entities(words, annotations, entities);
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

    let first = frame(&ctx, &mut app, &mut time);
    assert!(
        !app.view.center.reader.visible_ranges().is_empty(),
        "the reader drew paragraphs"
    );
    // Let estimated heights settle before measuring steady frames.
    for _ in 0..5 {
        frame(&ctx, &mut app, &mut time);
    }
    let steady = median(
        (0..runs)
            .map(|_| frame(&ctx, &mut app, &mut time))
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
        after_edit.push(frame(&ctx, &mut app, &mut time));
    }
    let after_edit = median(after_edit);

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
        after_jump.push(frame(&ctx, &mut app, &mut time));
        frame(&ctx, &mut app, &mut time);
    }
    let after_jump = median(after_jump);

    // The entities tab lists every entity with its mention count.
    app.view.right.tab = dossier::ui::RightTab::Entities;
    frame(&ctx, &mut app, &mut time);
    let entities_tab = median(
        (0..runs)
            .map(|_| frame(&ctx, &mut app, &mut time))
            .collect(),
    );
    app.view.right.tab = dossier::ui::RightTab::Annotations;

    let t = Instant::now();
    assert!(app.save_to(&path));
    let save_ms = t.elapsed().as_secs_f64() * 1000.0;

    println!(
        "reader benchmark: {words} words, {annotations} annotations linked to {entities} entities, 1280x820 window, {runs} runs each"
    );
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

/// `--name N` from the command line (cargo bench passes `--bench` too; it is ignored).
fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
