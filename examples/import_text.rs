//! Prints the canonical text Dossier imports from an article file, for scoring
//! importers against a corpus (`score.py DIR 'target/release/examples/import_text {}'`).

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: import_text FILE");
        return ExitCode::from(2);
    };
    match dossier::import::import_file(Path::new(&path)) {
        Ok(doc) => {
            print!("{}", doc.text());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
