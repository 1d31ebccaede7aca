//! Finding things: text search in a 1,000,000-word document (case-sensitive and
//! not, ASCII and non-ASCII needles) and fuzzy entity suggestions among 5,000
//! entities. `cargo bench --bench search` prints the median of several runs.
//! Goals on the 2-core reference machine: a document search ≤ 20 ms, a suggestion
//! ≤ 5 ms (it runs while the analyst types or tags).

mod common;

use dossier::commands::{Command, Editor};
use dossier::model::search::{SearchOptions, find_in_document};
use dossier::model::{Entity, Project, fuzzy};

fn main() {
    let words = common::arg("--words", 1_000_000);
    let runs = common::arg("--runs", 9);
    let project = common::project(words, 0);
    let doc = &project.documents()[0];
    let cs = SearchOptions {
        case_sensitive: true,
        whole_word: false,
    };
    let ci = SearchOptions::default();
    let whole = SearchOptions {
        case_sensitive: false,
        whole_word: true,
    };
    println!(
        "search benchmark: {words} words ({:.1} MB), {runs} runs each",
        doc.text().len() as f64 / 1e6
    );
    for (needle, opts, what) in [
        ("tribunal", cs, "ASCII, match case"),
        ("tribunal", ci, "ASCII, any case"),
        ("Stockholm court", whole, "two words, whole words"),
        ("ÉVIN", ci, "non-ASCII first letter, any case"),
        ("رجوی", ci, "Persian"),
        ("Rajavi", ci, "absent"),
    ] {
        let hits = find_in_document(doc, needle, opts).len();
        let (med, _) = common::time_ms(runs, || {
            std::hint::black_box(find_in_document(doc, needle, opts));
        });
        println!("find {needle:?} ({what}): {med:.1} ms, {hits} hits   [goal ≤ 20 ms]");
    }

    let mut editor = Editor::new(Project::new("entities"));
    let firsts = [
        "Maryam", "Ebrahim", "Ali", "Hamid", "Narges", "Reza", "Zahra",
    ];
    let lasts = [
        "Rajavi",
        "Raisi",
        "Khamenei",
        "Noury",
        "Mohammadi",
        "Tehrani",
    ];
    for i in 0..5000 {
        let mut e = Entity::new(
            "person",
            format!("{} {}{i}", firsts[i % firsts.len()], lasts[i % lasts.len()]),
        );
        e.aliases.push("Mr. Someone".into());
        editor
            .apply(Command::AddEntity {
                entity: e,
                index: None,
            })
            .expect("entity");
    }
    let p = editor.project();
    for mention in ["Mrs. Rajavy", "Raisi", "the Butcher of Tehran", "مریم رجوی"] {
        let (med, _) = common::time_ms(runs, || {
            std::hint::black_box(fuzzy::suggest(p, "person", mention, 3));
        });
        println!("suggest for {mention:?} among 5000 people: {med:.2} ms   [goal ≤ 5 ms]");
    }
}
