//! Hostile nesting (issue 8): pages nested 100,000 levels deep import, in time
//! proportional to their size (see `benches/html_import.rs` for the timings), with
//! their text. These pages are generated here rather than committed (each is
//! megabytes of repeated tags); `tests/fixtures/hostile/deep-mixed-3k.html` is a
//! committed one, 3,000 levels of divs, tables, lists, inline markup and quotes.

use dossier::import::import_bytes;

/// One paragraph of article text, so that the extractor finds an article.
const PARAGRAPH: &str = "The tribunal heard that prisoners were executed in the summer of 1988; \
    witnesses said the committee met in Tehran and families still demand justice.";

/// `depth` nested copies of `open`…`close` around five paragraphs of text.
fn nested(open: &str, close: &str, depth: usize) -> String {
    let mut html = String::from("<!doctype html><html><head><title>Deep page</title></head><body>");
    html.push_str(&open.repeat(depth));
    for i in 0..5 {
        html.push_str(&format!("<p>{i}. {PARAGRAPH}</p>"));
    }
    html.push_str(&close.repeat(depth));
    html.push_str("<p>The end.</p></body></html>");
    html
}

/// Imports `html` and checks the five paragraphs are there, in order, each on a
/// line of its own (separated by blank lines unless `in_list`).
fn assert_article(name: &str, html: &str, in_list: bool) -> String {
    let doc = import_bytes(name, html.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = doc.text().to_owned();
    let mut from = 0;
    for i in 0..5 {
        let para = format!("{i}. {PARAGRAPH}");
        let at = text[from..]
            .find(&para)
            .unwrap_or_else(|| panic!("{name}: paragraph {i} missing or out of order"));
        from += at + para.len();
    }
    let sep = if in_list { "\n" } else { "\n\n" };
    assert!(
        text.contains(&format!("{sep}1. {PARAGRAPH}{sep}")),
        "{name}: paragraphs run together: {:?}",
        text.chars().take(600).collect::<String>()
    );
    text
}

#[test]
fn deep_divs() {
    assert_article(
        "deep-div-100k.html",
        &nested("<div>", "</div>", 100_000),
        false,
    );
    // Unclosed, as a broken generator would write them.
    let mut page = nested("<div>", "", 100_000);
    page.push_str("<p>trailing</p>");
    assert_article("deep-div-unclosed-100k.html", &page, false);
}

#[test]
fn deep_tables() {
    assert_article(
        "deep-table-100k.html",
        &nested("<table><tr><td>", "</td></tr></table>", 100_000),
        false,
    );
    assert_article(
        "deep-table-unclosed-20k.html",
        &nested("<table><tr><td>cell", "", 20_000),
        false,
    );
}

#[test]
fn deep_inline_markup() {
    let text = assert_article(
        "deep-inline-100k.html",
        &nested("<span><b><i>", "</i></b></span>", 100_000),
        false,
    );
    assert!(!text.contains("<"), "markup leaked into the text");
}

#[test]
fn deep_lists_keep_one_item_per_line() {
    let depth = 100_000;
    let text = assert_article(
        "deep-list-100k.html",
        &nested("<ul><li>item", "</li></ul>", depth),
        true,
    );
    // Every item's text is kept, each on its own line.
    assert_eq!(text.lines().filter(|l| *l == "item").count(), depth);
}

#[test]
fn deep_quotes_in_an_article_keep_the_article() {
    // A real article, with a hostile thread of 50,000 nested quotes after it.
    let mut page = String::from("<html><head><title>Thread</title></head><body><article>");
    for i in 0..5 {
        page.push_str(&format!("<p>{i}. {PARAGRAPH}</p>"));
    }
    page.push_str("</article><div class=comments>");
    page.push_str(&"<blockquote>quoted ".repeat(50_000));
    page.push_str(&"</blockquote>".repeat(50_000));
    page.push_str("</div></body></html>");
    let doc = import_bytes("deep-quote-50k.html", page.as_bytes()).expect("imports");
    assert!(doc.text().contains(&format!("4. {PARAGRAPH}")));
}

#[test]
fn committed_deep_mixed_page() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile/deep-mixed-3k.html");
    let html = std::fs::read_to_string(path).expect("fixture");
    let text = assert_article("deep-mixed-3k.html", &html, true);
    // One list level in five: 600 items, each kept on a line of its own.
    assert_eq!(text.lines().filter(|l| *l == "item").count(), 600);
    assert!(
        text.trim_end().ends_with("The end."),
        "{}",
        &text[text.len() - 200..]
    );
}
