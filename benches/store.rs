//! Load and save of a book-length project: 1,000,000 words, 100,000 annotations —
//! or, with `-- --docs N`, of a corpus of N articles of 1,000 words and 100
//! annotations each, with 50,000 entities (`--docs 10000` is the corpus).
//!
//! `cargo bench --bench store` prints the median and best of several runs, and the
//! phases a save and a load are made of. Goals on the 2-core reference machine:
//! load ≤ 1 s, save ≤ 0.5 s for the book; open ≤ 2 s, save ≤ 1.5 s for the corpus.

mod common;

use dossier::store;

fn main() {
    let words = common::arg("--words", 1_000_000);
    let annotations = common::arg("--annotations", 100_000);
    let runs = common::arg("--runs", 5);
    let docs = common::arg("--docs", 0);
    let project = if docs > 0 {
        common::corpus(docs, 1_000, 100, 50_000)
    } else {
        common::project(words, annotations)
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("book.ron");
    store::save(&project, &path).expect("save");
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "project: {words} words, {} annotations, file {:.1} MiB",
        project.annotation_count(),
        bytes as f64 / 1048576.0
    );

    let (save_med, save_min) =
        common::time_ms(runs, || store::save(&project, &path).expect("save"));
    let (ser_med, _) = common::time_ms(runs, || {
        std::hint::black_box(store::to_ron(&project).expect("ser"));
    });
    let (load_med, load_min) = common::time_ms(runs, || {
        let p = store::load(&path).expect("load");
        assert_eq!(p.annotation_count(), project.annotation_count());
    });
    // What the app and every CLI edit do: read with a stamp, save only if unchanged
    // (the file is re-read and hashed under its lock just before the rename).
    let (_, mut stamp) = store::load_with_stamp(&path).expect("load");
    let (cond_med, cond_min) = common::time_ms(runs, || {
        stamp = store::save_if_unchanged(&project, &path, Some(&stamp)).expect("save");
    });
    let (stamp_med, _) = common::time_ms(runs, || {
        std::hint::black_box(store::load_with_stamp(&path).expect("load"));
    });
    println!(
        "save (serialise + atomic write + fsync): median {save_med:.0} ms, best {save_min:.0} ms  [goal ≤ 500 ms]"
    );
    println!(
        "  conditional (+ re-read and hash):      median {cond_med:.0} ms, best {cond_min:.0} ms"
    );
    println!("  of which serialise only:               median {ser_med:.0} ms");
    println!(
        "load (read + parse + validate):          median {load_med:.0} ms, best {load_min:.0} ms  [goal ≤ 1000 ms]"
    );
    println!("  with its stamp (+ hash):               median {stamp_med:.0} ms");

    // The phases, each alone.
    let text = store::to_ron(&project).expect("ser");
    let (validate, _) = common::time_ms(runs, || project.validate().expect("valid"));
    let (write, _) = common::time_ms(runs, || {
        store::write_atomic(&path, text.as_bytes()).expect("write")
    });
    let (read, _) = common::time_ms(runs, || {
        std::hint::black_box(std::fs::read(&path).expect("read"));
    });
    let (hash, _) = common::time_ms(runs, || {
        std::hint::black_box(store::FileStamp::new(
            text.as_bytes(),
            &std::fs::metadata(&path).expect("meta"),
        ));
    });
    println!(
        "phases: validate {validate:.0} ms, atomic write + fsync {write:.0} ms, read {read:.0} ms, stamp hash {hash:.0} ms"
    );
}
