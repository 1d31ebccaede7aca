//! HTML import time on deeply nested pages (issue 8): every page must import in
//! time proportional to its size, a 100,000-deep page in ≤ 2 s on the 2-core
//! reference machine.
//!
//! `cargo bench --bench html_import` prints the median of three imports of each
//! generated page. Pass `KIND:DEPTH` arguments (kinds: `div`, `table`, `inline`,
//! `list`, `flat-list`) to time other pages, e.g. `cargo bench --bench html_import -- div:8000`.

use dossier::import::import_bytes;
use std::time::Instant;

/// One paragraph of article text, so the page is worth extracting.
const PARAGRAPH: &str = "The tribunal heard that prisoners were executed in the summer of 1988; \
    witnesses said the committee met in Tehran and families still demand justice.";

/// A page whose body is `depth` nested elements of `kind`, with article text inside;
/// `flat-list` is a list of `depth` items, not nested, to compare with `list`.
fn page(kind: &str, depth: usize) -> String {
    let (open, close) = match kind {
        "flat-list" => ("<li>item ", "</li>"),
        "div" => ("<div>", "</div>"),
        "table" => ("<table><tr><td>", "</td></tr></table>"),
        "inline" => ("<span><b>", "</b></span>"),
        "list" => ("<ul><li>item ", "</li></ul>"),
        other => panic!("unknown kind {other}"),
    };
    let mut html = String::from("<!doctype html><html><head><title>Deep</title></head><body>");
    if kind == "flat-list" {
        html.push_str("<ul>");
        html.push_str(&(open.to_owned() + close).repeat(depth));
        html.push_str("</ul>");
    } else {
        html.push_str(&open.repeat(depth));
    }
    for _ in 0..5 {
        html.push_str("<p>");
        html.push_str(PARAGRAPH);
        html.push_str("</p>");
    }
    if kind != "flat-list" {
        html.push_str(&close.repeat(depth));
    }
    html.push_str("</body></html>");
    html
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a.contains(':'))
        .collect();
    let cases: Vec<(String, usize)> = if args.is_empty() {
        vec![
            ("div".into(), 8_000),
            ("div".into(), 100_000),
            ("table".into(), 20_000),
            ("table".into(), 100_000),
            ("inline".into(), 100_000),
            ("list".into(), 100_000),
            ("flat-list".into(), 100_000),
        ]
    } else {
        args.iter()
            .map(|a| {
                let (kind, depth) = a.split_once(':').expect("KIND:DEPTH");
                (kind.to_owned(), depth.parse().expect("depth is a number"))
            })
            .collect()
    };
    println!(
        "{:<8} {:>8} {:>10} {:>10} {:>10}",
        "kind", "depth", "bytes", "median ms", "chars"
    );
    for (kind, depth) in cases {
        let html = page(&kind, depth);
        let mut times = Vec::new();
        let mut chars = 0;
        for _ in 0..3 {
            let start = Instant::now();
            let doc = import_bytes("deep.html", html.as_bytes()).expect("imports");
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            chars = doc.text().chars().count();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{kind:<8} {depth:>8} {:>10} {:>10.1} {chars:>10}",
            html.len(),
            times[1]
        );
    }
}
