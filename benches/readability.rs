//! How close HTML import comes to Readability.js on its whole upstream test corpus
//! (130 pages): bag-of-words F1 of the text and title matches. A measurement, not a
//! test (the fixtures in `tests/html_import.rs` carry the floors).
//!
//! `cargo bench --bench readability` reads the corpus from
//! `DOSSIER_READABILITY_CORPUS`, else `../shared/corpus/readability` beside the
//! repository, and says so if it is missing.

#[path = "../tests/html_import/readability_eval.rs"]
mod readability_eval;

use std::path::PathBuf;

fn main() {
    let dir = std::env::var_os("DOSSIER_READABILITY_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability")
        });
    if !dir.is_dir() {
        println!(
            "no corpus at {} (set DOSSIER_READABILITY_CORPUS); nothing measured",
            dir.display()
        );
        return;
    }
    readability_eval::report(&readability_eval::evaluate(&dir));
}
