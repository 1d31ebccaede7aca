//! Updating a book-length article: the 1,000,000-word project of `common` with its
//! 100,000 annotations gets a new version with 100 scattered edits (words replaced,
//! inserted and deleted, spread evenly over the book), and every annotation is
//! re-anchored onto it (diff, re-anchoring, and the change applied to the project).
//! Goal on the 2-core reference machine: ≤ 1 s. Also: one edit near the top of
//! the book (every later annotation shifts).
//!
//! `cargo bench --bench anchor [-- --words N --annotations N --edits N]`

mod common;

use dossier::anchor::{edit_text, update_text};
use dossier::commands::Command;
use dossier::model::AnchorMethod;
use std::time::Instant;

/// The book's text with `edits` changes spread evenly: every third replaces a word,
/// every third inserts one, every third deletes one.
fn edited(text: &str, edits: usize) -> String {
    let words: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    let step = (words.len() / (edits + 1)).max(1);
    let mut out = String::with_capacity(text.len() + edits * 16);
    let mut copied = 0;
    for k in 1..=edits {
        let Some(&(at, w)) = words.get(k * step) else {
            break;
        };
        out.push_str(&text[copied..at]);
        match k % 3 {
            0 => {
                out.push_str("amended ");
                copied = at + w.len() + 1;
            }
            1 => {
                out.push_str("newly ");
                copied = at;
            }
            _ => copied = (at + w.len() + 1).min(text.len()),
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn main() {
    let words = common::arg("--words", 1_000_000);
    let annotations = common::arg("--annotations", 100_000);
    let edits = common::arg("--edits", 100);
    let runs = common::arg("--runs", 5);
    let base = common::project(words, annotations);
    let doc = base.documents()[0].id;
    let new = edited(base.documents()[0].text(), edits);
    println!(
        "book: {words} words, {} chars, {} annotations; new version: {edits} scattered edits",
        base.documents()[0].char_len(),
        base.documents()[0].annotations().len()
    );

    let mut times = Vec::new();
    let mut report = None;
    let mut parts = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let mut p = base.clone();
        let start = Instant::now();
        let (change, r) = update_text(&p, doc, &new, None).expect("an update");
        let built = start.elapsed().as_secs_f64() * 1000.0;
        Command::ChangeText {
            doc,
            change: Box::new(change),
        }
        .apply(&mut p)
        .expect("applies");
        let total = start.elapsed().as_secs_f64() * 1000.0;
        times.push(total);
        parts.0.push(built);
        parts.1.push(total - built);
        std::hint::black_box(&p);
        report = Some(r);
    }
    if let Some(r) = &report {
        println!(
            "re-anchored {} ({} by position, {} by context, {} by quote, {} fuzzy), orphaned {}",
            r.reanchored(),
            r.count(AnchorMethod::Position),
            r.count(AnchorMethod::Context),
            r.count(AnchorMethod::Quote),
            r.count(AnchorMethod::Fuzzy),
            r.orphaned.len()
        );
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!(
        "update (diff + re-anchor + apply): median {:.0} ms, best {best:.0} ms over {runs} runs (goal ≤ 1000 ms)",
        common::median(times.clone())
    );
    println!(
        "  of which building the change {:.0} ms, applying it {:.0} ms (medians)",
        common::median(parts.0),
        common::median(parts.1)
    );

    let (median, best) = common::time_ms(runs, || {
        let mut p = base.clone();
        let change = edit_text(&p, doc, 10, 20, "corrected").expect("an edit");
        Command::ChangeText {
            doc,
            change: Box::new(change),
        }
        .apply(&mut p)
        .expect("applies");
        std::hint::black_box(&p);
    });
    let (clone_median, _) = common::time_ms(runs, || {
        std::hint::black_box(base.clone());
    });
    println!(
        "one edit near the top (every annotation shifts): median {:.0} ms, best {:.0} ms (a clone of the project, included, takes {clone_median:.0} ms)",
        median, best
    );
}
