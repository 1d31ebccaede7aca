//! Inputs the CLI accepts and the window must survive: a 50 MB article on one
//! line, and Markdown nested 100,000 levels deep. Each is opened by the real app
//! (import, then frames rendered headless) in a fresh process, which reports its
//! time and peak memory. Goal on the 2-core reference machine: the 50 MB line
//! opens (import + first frame) in ≤ 2 s and ≤ 1 GB.
//!
//! `cargo bench --bench long_line [-- --mb N]`

mod common;

use dossier::app::{AppDirs, DossierApp};
use std::time::Instant;

/// `--open PATH`: open the article in a fresh process, render, report.
fn open_only(path: &std::path::Path) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ctx = egui::Context::default();
    let t = Instant::now();
    let mut app = DossierApp::with_dirs(&ctx, vec![path.to_path_buf()], AppDirs::under(dir.path()));
    let mut time = 0.0;
    let first = common::frame(&ctx, &mut app, &mut time);
    let open_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(app.project().documents().len(), 1, "{:?}", app.messages);
    // Jump to the end of the text, and draw a few frames there.
    let end = app.project().documents()[0].char_len();
    app.view.center.reader.reveal(end.saturating_sub(1), None);
    let jump = common::frame(&ctx, &mut app, &mut time);
    let steady = common::median(
        (0..5)
            .map(|_| common::frame(&ctx, &mut app, &mut time))
            .collect(),
    );
    let (_, peak) = common::rss_mib();
    println!("OPEN {open_ms:.0} {first:.1} {jump:.1} {steady:.2} {peak:.0}");
}

fn run(path: &std::path::Path, what: &str) {
    let out = std::process::Command::new(std::env::current_exe().expect("own path"))
        .arg("--open")
        .arg(path)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let Some(line) = text.lines().find(|l| l.starts_with("OPEN ")) else {
        panic!("{what}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let v: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    println!(
        "{what}: open (import + first frame) {:.0} ms, first frame {:.1} ms, jump to the end {:.1} ms, \
         steady {:.2} ms, peak memory {:.0} MiB   [goal ≤ 2000 ms, ≤ 1024 MiB]",
        v[0], v[1], v[2], v[3], v[4]
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--open") {
        return open_only(std::path::Path::new(&args[i + 1]));
    }
    let mb = common::arg("--mb", 50);
    let dir = tempfile::tempdir().expect("temp dir");
    let line = dir.path().join("one-line.txt");
    let mut text = String::with_capacity(mb << 20);
    let words = [
        "tribunal",
        "witnesses",
        "said",
        "Évin",
        "prison",
        "مریم",
        "1988",
    ];
    let mut i = 0;
    while text.len() < mb << 20 {
        text.push_str(words[i % words.len()]);
        text.push(' ');
        i += 1;
    }
    std::fs::write(&line, &text).expect("write");
    drop(text);
    run(&line, &format!("a {mb} MB article on one line"));

    // Quotes, bullets and ordered lists nested in one another, 100,000 levels deep
    // (the shape of `tests/fixtures/hostile/nesting-100k.md`), then some text.
    let nested = dir.path().join("nested.md");
    let mut md = "> - 1. ".repeat(33_334);
    md.push_str("the innermost item\n");
    std::fs::write(&nested, md).expect("write");
    run(&nested, "Markdown nested 100,000 levels");
}
