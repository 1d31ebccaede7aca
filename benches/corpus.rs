//! An investigation's worth of articles: 10,000 documents, 10,000,000 words,
//! 1,000,000 annotations, 50,000 entities, opened in the real app (headless).
//!
//! `cargo bench --bench corpus` prints each figure with its goal on the 2-core
//! reference machine: open ≤ 2 s; RSS ≤ 1.5 GB; project-wide search ≤ 100 ms;
//! frame after an edit ≤ 4 ms and steady frame ≤ 1 ms with the documents panel and
//! the annotation list, and with the entities tab; switching document ≤ 16 ms;
//! save ≤ 1.5 s. Smaller corpora: `-- --docs N --words N --annotations N --entities N`.

mod common;

use dossier::app::{AppDirs, DossierApp};
use dossier::commands::Command;
use dossier::model::Annotation;
use dossier::model::search::{SearchOptions, find_in_project};
use dossier::ui::RightTab;
use std::time::Instant;

/// `--open PATH`: open the project in a fresh process and report the time and
/// memory it took, so the figures are not those of the process that generated it.
fn open_only(path: &std::path::Path) {
    let (rss_start, _) = common::rss_mib();
    let dir = tempfile::tempdir().expect("temp dir");
    let ctx = egui::Context::default();
    let t = Instant::now();
    let app = DossierApp::with_dirs(&ctx, vec![path.to_path_buf()], AppDirs::under(dir.path()));
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert!(app.project().annotation_count() > 0, "project opened");
    let (rss_open, rss_peak) = common::rss_mib();
    println!("OPEN {open_ms:.0} {rss_start:.0} {rss_open:.0} {rss_peak:.0}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--open") {
        return open_only(std::path::Path::new(&args[i + 1]));
    }
    let docs = common::arg("--docs", 10_000);
    let words = common::arg("--words", 1_000);
    let annotations = common::arg("--annotations", 100);
    let entities = common::arg("--entities", 50_000);
    let runs = common::arg("--runs", 15);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("corpus.ron");
    {
        let project = common::corpus(docs, words, annotations, entities);
        dossier::store::save(&project, &path).expect("save");
    }
    let bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    // Open time and memory, measured in a fresh process (median of three).
    let mut opens: Vec<Vec<f64>> = (0..3)
        .map(|_| {
            let out = std::process::Command::new(std::env::current_exe().expect("own path"))
                .arg("--open")
                .arg(&path)
                .output()
                .expect("run the open-only process");
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let line = text
                .lines()
                .find(|l| l.starts_with("OPEN "))
                .unwrap_or_else(|| panic!("open failed: {}", String::from_utf8_lossy(&out.stderr)));
            line.split_whitespace()
                .skip(1)
                .filter_map(|x| x.parse().ok())
                .collect()
        })
        .collect();
    opens.sort_by(|a, b| a[0].total_cmp(&b[0]));
    let (open_ms, rss_before, rss_open, rss_peak) =
        (opens[1][0], opens[1][1], opens[1][2], opens[1][3]);

    let ctx = egui::Context::default();
    let mut app = DossierApp::with_dirs(
        &ctx,
        vec![path.clone()],
        AppDirs::under(&dir.path().join("home")),
    );
    let total_annotations = app.project().annotation_count();
    assert_eq!(app.project().documents().len(), docs, "project opened");
    let mut time = 0.0;
    let first = common::frame(&ctx, &mut app, &mut time);

    // Project-wide search: a frequent word, a rare one, case-insensitive.
    let search = |needle: &str| {
        let p = app.project();
        let (med, _) = common::time_ms(5, || {
            std::hint::black_box(find_in_project(p, needle, SearchOptions::default()));
        });
        let hits: usize = find_in_project(p, needle, SearchOptions::default())
            .iter()
            .map(|(_, h)| h.len())
            .sum();
        (med, hits)
    };
    let (search_common, hits_common) = search("tribunal");
    let (search_rare, hits_rare) = search("Stockholm court");

    let mut measure = |app: &mut DossierApp, tab: RightTab| {
        app.view.right.tab = tab;
        for _ in 0..5 {
            common::frame(&ctx, app, &mut time);
        }
        let steady = common::median(
            (0..runs)
                .map(|_| common::frame(&ctx, app, &mut time))
                .collect(),
        );
        let mut after_edit = Vec::new();
        for i in 0..runs {
            let doc = app.view.doc.expect("a document is shown");
            let d = app.project().document(doc).expect("doc");
            let (s, e) = (i * 7 % 400, i * 7 % 400 + 5);
            let a = Annotation::new(d.text(), d.char_index(), "person", s, e, "bench")
                .expect("annotation");
            app.edit(Command::AddAnnotation { doc, annotation: a });
            after_edit.push(common::frame(&ctx, app, &mut time));
        }
        (steady, common::median(after_edit))
    };
    let (steady_list, edit_list) = measure(&mut app, RightTab::Annotations);
    let (steady_entities, edit_entities) = measure(&mut app, RightTab::Entities);

    app.view.right.tab = RightTab::Annotations;
    let mut switch = Vec::new();
    for i in 0..runs {
        let id = app.project().documents()[(i * 613 + 17) % docs].id;
        app.show_document(id);
        switch.push(common::frame(&ctx, &mut app, &mut time));
    }
    let switch = common::median(switch);

    let t = Instant::now();
    assert!(app.save_to(&path), "saved");
    let save_ms = t.elapsed().as_secs_f64() * 1000.0;

    println!(
        "corpus benchmark: {docs} documents × {words} words, {total_annotations} annotations, \
         {entities} entities, file {:.0} MiB, 1280×820 window, {runs} runs each",
        bytes as f64 / 1048576.0
    );
    println!(
        "open in a fresh process (load + validate + app state): {open_ms:.0} ms   [goal ≤ 2000 ms]"
    );
    println!(
        "RSS of that process: {rss_before:.0} MiB at start, {rss_open:.0} MiB open, peak {rss_peak:.0} MiB   [goal ≤ 1536 MiB]"
    );
    println!("first frame:                            {first:.1} ms");
    println!(
        "project search “tribunal”:              {search_common:.1} ms ({hits_common} hits)   [goal ≤ 100 ms]"
    );
    println!(
        "project search “Stockholm court”:       {search_rare:.1} ms ({hits_rare} hits)   [goal ≤ 100 ms]"
    );
    println!("steady frame, documents + list:         {steady_list:.2} ms   [goal ≤ 1 ms]");
    println!("frame after an edit, documents + list:  {edit_list:.2} ms   [goal ≤ 4 ms]");
    println!("steady frame, entities tab:             {steady_entities:.2} ms   [goal ≤ 1 ms]");
    println!("frame after an edit, entities tab:      {edit_entities:.2} ms   [goal ≤ 4 ms]");
    println!("switch document (frame):                {switch:.2} ms   [goal ≤ 16 ms]");
    println!("save (serialise + atomic write + fsync): {save_ms:.0} ms   [goal ≤ 1500 ms]");
}
