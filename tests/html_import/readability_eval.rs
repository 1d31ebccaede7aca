//! Measuring HTML import against Readability.js' test pages: bag-of-words F1 of the
//! imported text against `expected.html`, and titles against
//! `expected-metadata.json`. Shared by `tests/html_import.rs` (the fixtures, with
//! floors) and `benches/readability.rs` (the whole upstream corpus, figures only).

use dossier::import::import_bytes;
use dossier::model::Document;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Imports a case's `source.html`.
pub(crate) fn import_case(case: &Path) -> Document {
    let bytes = std::fs::read(case.join("source.html")).expect("read source.html");
    import_bytes("source.html", &bytes)
        .unwrap_or_else(|e| panic!("{}: import failed: {e}", case.display()))
}

/// The case folders under `dir` (those with a `source.html`), sorted by name.
pub(crate) fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    out.sort();
    out
}

/// Lower-cased alphanumeric tokens with their counts. Soft hyphens (U+00AD) are
/// invisible and the importer drops them ("Netan&shy;yahu" is one word), so they do
/// not split tokens here either.
pub(crate) fn bag(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for token in text
        .replace('\u{ad}', "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *bag.entry(token.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Token-level F1 (bag-of-words precision and recall) of `got` against `want`.
pub(crate) fn f1(got: &str, want: &str) -> (f64, f64, f64) {
    let (g, w) = (bag(got), bag(want));
    let g_total: usize = g.values().sum();
    let w_total: usize = w.values().sum();
    let common: usize = g
        .iter()
        .map(|(t, n)| (*n).min(w.get(t).copied().unwrap_or(0)))
        .sum();
    if g_total == 0 || w_total == 0 || common == 0 {
        return (0.0, 0.0, 0.0);
    }
    let precision = common as f64 / g_total as f64;
    let recall = common as f64 / w_total as f64;
    (
        precision,
        recall,
        2.0 * precision * recall / (precision + recall),
    )
}

/// The visible text of an HTML fragment, with block elements on their own lines.
pub(crate) fn html_text(html: &str) -> String {
    dom_query::Document::from(html).formatted_text().to_string()
}

pub(crate) fn normalise_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Titles match if, after collapsing whitespace, they are equal or one contains the
/// other. Containment is allowed because sites decorate `<title>` with the outlet's
/// name ("… - BBC News") and Readability.js strips it with heuristics that differ in
/// detail between ports; a title that merely shares a few words does not match.
pub(crate) fn titles_match(got: &str, want: &str) -> bool {
    let (got, want) = (normalise_ws(got), normalise_ws(want));
    !got.is_empty()
        && !want.is_empty()
        && (got == want || got.contains(&want) || want.contains(&got))
}

/// Pulls a top-level string field out of `expected-metadata.json`; `None` for
/// `null`, a missing key or an empty string. Enough JSON for these flat files.
pub(crate) fn json_string(json: &str, key: &str) -> Option<String> {
    let at = json.find(&format!("\"{key}\""))? + key.len() + 2;
    let rest = json[at..].trim_start().strip_prefix(':')?.trim_start();
    let mut chars = rest.strip_prefix('"')?.chars();
    let mut out = String::new();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(out).filter(|s| !s.trim().is_empty()),
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'b' | 'f' => out.push(' '),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    let unit = u16::from_str_radix(&hex, 16).ok()?;
                    if (0xD800..0xDC00).contains(&unit) {
                        let rest: String = chars.by_ref().take(6).collect();
                        let low = u16::from_str_radix(rest.get(2..)?, 16).ok()?;
                        out.extend(
                            char::decode_utf16([unit, low]).map(|r| r.unwrap_or('\u{fffd}')),
                        );
                    } else {
                        out.push(char::from_u32(unit.into()).unwrap_or('\u{fffd}'));
                    }
                }
                other => out.push(other),
            },
            c => out.push(c),
        }
    }
    None
}

pub(crate) struct CaseResult {
    pub(crate) name: String,
    pub(crate) precision: f64,
    pub(crate) recall: f64,
    pub(crate) f1: f64,
    pub(crate) title_ok: bool,
    pub(crate) got_title: String,
    pub(crate) note: bool,
    pub(crate) want_title: Option<String>,
}

pub(crate) fn evaluate(dir: &Path) -> Vec<CaseResult> {
    cases(dir)
        .iter()
        .map(|case| {
            let doc = import_case(case);
            let expected =
                std::fs::read_to_string(case.join("expected.html")).expect("expected.html");
            let (precision, recall, f1) = f1(doc.text(), &html_text(&expected));
            let meta =
                std::fs::read_to_string(case.join("expected-metadata.json")).unwrap_or_default();
            let want_title = json_string(&meta, "title");
            let title_ok = want_title
                .as_deref()
                .is_none_or(|w| titles_match(&doc.title, w));
            CaseResult {
                name: case
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned(),
                precision,
                recall,
                f1,
                title_ok,
                got_title: doc.title.clone(),
                note: doc.source.import_note.is_some(),
                want_title,
            }
        })
        .collect()
}

/// Prints the table and returns (mean F1, title match rate).
pub(crate) fn report(results: &[CaseResult]) -> (f64, f64) {
    println!("{:<32} {:>6} {:>6} {:>6}  title", "case", "P", "R", "F1");
    for r in results {
        println!(
            "{:<32} {:>6.3} {:>6.3} {:>6.3}  {}{}",
            r.name,
            r.precision,
            r.recall,
            r.f1,
            if r.title_ok {
                "ok".to_owned()
            } else {
                format!("MISMATCH got {:?} want {:?}", r.got_title, r.want_title)
            },
            if r.note {
                " [fell back to visible text]"
            } else {
                ""
            }
        );
    }
    let n = results.len().max(1) as f64;
    let mean = results.iter().map(|r| r.f1).sum::<f64>() / n;
    let min = results.iter().map(|r| r.f1).fold(f64::INFINITY, f64::min);
    let titles = results.iter().filter(|r| r.title_ok).count() as f64 / n;
    println!(
        "cases: {}  mean F1: {mean:.4}  min F1: {min:.4}  titles matching: {:.1}%",
        results.len(),
        titles * 100.0
    );
    (mean, titles)
}
