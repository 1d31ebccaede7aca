//! PDF articles: the text a reader sees, in reading order, as paragraphs.
//!
//! Glyphs and their positions come from `pdf-extract` (on `lopdf`); the layout is
//! ours: lines from baselines ([`lines`]), read column by column ([`order`]),
//! right-to-left lines back in logical order ([`rtl`]), running headers, footers and page numbers dropped ([`running`]),
//! paragraphs from line gaps and hyphenation joined ([`paragraphs`]). Page
//! boundaries are kept as char offsets in [`SourceMeta::page_starts`].
//!
//! Extractor choice, measured with the corpus scorer (`shared/corpus/documents`,
//! token F1 / share of paragraphs intact, macro means per kind):
//!
//! | candidate                         | 1col        | 1col-hf     | 2col        | 2col-hf     | fa-pdf      |
//! |-----------------------------------|-------------|-------------|-------------|-------------|-------------|
//! | pdftotext (poppler, reference)    | 1.000/0.992 | 0.977/0.930 | 1.000/0.960 | 0.979/0.923 | 0.600/0.000 |
//! | pdf-extract 0.12 `extract_text`   | 0.984/0.655 | 0.954/0.592 | 0.984/0.760 | 0.963/0.487 | 0.056/0.000 |
//! | pdf_oxide 0.3.78 `extract_text`   | 1.000/0.988 | 0.977/0.930 | 1.000/0.960 | 0.979/0.923 | 0.680/0.000 |
//! | pdf_oxide 0.3.78 `to_markdown`    | 0.930/0.593 | 0.940/0.574 | 0.982/0.640 | 0.941/0.410 | 0.507/0.000 |
//! | pdf-extract glyphs + this layout  | 1.000/1.000 | 0.997/0.996 | 1.000/1.000 | 1.000/1.000 | 1.000/1.000 |
//!
//! (`pdf_oxide` `to_plain_text_all` scores as its `extract_text`.) `pdf_oxide` alone
//! matches poppler but keeps headers and footers and scrambles Persian, and it is
//! ~450,000 lines of Rust (a scratch crate with both took 9 min 35 s to build on the
//! 2-core machine) against ~9,000 for `pdf-extract`, whose glyphs carry what our
//! layout needs.

mod glyphs;
mod lines;
mod metadata;
mod order;
mod paragraphs;
mod rtl;
mod running;
mod sanitize;

use super::guard::quietly;
use super::{ImportError, Imported};
use crate::model::SourceMeta;
use glyphs::{Collector, PageLines};
use lopdf::Document as PdfDocument;

/// The most pages a PDF may have to be imported (a long report has a few hundred).
pub const MAX_PDF_PAGES: usize = 5_000;
/// The most glyphs read from one PDF (a 5,000-page book has ~15 million).
const MAX_GLYPHS: usize = 25_000_000;
/// How far into the file the `%PDF-` signature may be (the spec allows junk before).
const SIGNATURE_WINDOW: usize = 1024;

/// Whether the bytes start with the PDF signature (after whitespace at most).
pub(super) fn starts_as_pdf(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    bytes[start..].starts_with(b"%PDF-")
}

/// Whether the bytes are a PDF: `%PDF-` near the start.
pub(super) fn is_pdf(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SIGNATURE_WINDOW)];
    head.windows(5).any(|w| w == b"%PDF-")
}

/// Imports a PDF's text layer, or says why it cannot.
pub(super) fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let fail = |why: String| ImportError::Pdf {
        path: file_name.to_owned(),
        why,
    };
    if !is_pdf(bytes) {
        return Err(fail("it does not start with a PDF signature".into()));
    }
    // The parser recurses on nested objects; a thread with a roomy stack keeps a
    // deep (but bounded) structure from overflowing the caller's.
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("pdf-import".into())
            .stack_size(64 * 1024 * 1024)
            .spawn_scoped(scope, || extract(file_name, bytes))
            .map_err(|e| fail(format!("could not start the reader: {e}")))?
            .join()
            .map_err(|_| fail("the PDF reader failed".into()))?
    })
}

fn extract(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let path = || file_name.to_owned();
    let fail = |why: String| ImportError::Pdf { path: path(), why };
    let mut doc = quietly(|| PdfDocument::load_mem(bytes))
        .map_err(|panic| fail(format!("the file is damaged ({panic})")))?
        .map_err(|e| fail(format!("the file is damaged or truncated ({e})")))?;
    if doc.trailer.get(b"Encrypt").is_ok() && !doc.was_encrypted() {
        return Err(ImportError::Encrypted(path()));
    }
    let page_count = doc.get_pages().len();
    if page_count > MAX_PDF_PAGES {
        return Err(ImportError::TooManyPages {
            path: path(),
            pages: page_count,
            max: MAX_PDF_PAGES,
        });
    }
    if page_count == 0 {
        return Err(fail("it has no pages".into()));
    }
    let emptied = quietly(|| sanitize::sanitize(&mut doc))
        .map_err(|panic| fail(format!("its structure could not be read ({panic})")))?
        .map_err(|sanitize::Malformed(why)| fail(why.into()))?;
    let meta = quietly(|| metadata::read(&doc)).unwrap_or_default();
    let (pages, unreadable) = read_pages(&doc, page_count).map_err(&fail)?;
    if pages.iter().all(|p| p.glyphs == 0) {
        return Err(if unreadable > 0 {
            fail("no page could be read".into())
        } else {
            ImportError::NoTextLayer(path())
        });
    }

    let widths: Vec<f32> = pages.iter().map(|p| p.width).collect();
    let mut laid_pages: Vec<(f32, Vec<lines::Line>)> =
        pages.into_iter().map(|p| (p.height, p.lines)).collect();
    running::remove_running_lines(&mut laid_pages);
    for (width, (_, lines)) in widths.into_iter().zip(laid_pages.iter_mut()) {
        *lines = order::reading_order(std::mem::take(lines), width);
    }
    let laid = paragraphs::assemble(&laid_pages);
    let text = lines::persian_digits(&laid.text);

    let mut notes = Vec::new();
    if unreadable > 0 {
        notes.push(format!(
            "{unreadable} of {page_count} pages could not be read and are missing."
        ));
    }
    if emptied > 0 {
        notes.push(format!(
            "{emptied} drawing(s) nested in a loop or too deeply were skipped."
        ));
    }
    Ok(Imported {
        text,
        title: meta.title,
        source: SourceMeta {
            byline: meta.author,
            published: meta.date,
            page_starts: laid.page_starts,
            import_note: (!notes.is_empty()).then(|| notes.join(" ")),
            ..SourceMeta::default()
        },
    })
}

/// The glyphs of every page, and how many pages could not be read. The whole
/// document is read in one pass; if the reader panics on some page, pages are
/// read one by one so that only the bad ones are lost.
fn read_pages(doc: &PdfDocument, page_count: usize) -> Result<(Vec<PageLines>, usize), String> {
    let mut all = Collector::new(MAX_GLYPHS);
    match quietly(|| pdf_extract::output_doc(doc, &mut all)) {
        Ok(Ok(())) if all.pages.len() == page_count => return Ok((all.pages, 0)),
        Ok(Err(_)) if all.glyph_budget_spent() => return Err(too_many_glyphs()),
        _ => {}
    }
    let mut pages = Vec::with_capacity(page_count);
    let mut unreadable = 0;
    let mut budget = MAX_GLYPHS;
    for number in 1..=page_count {
        let mut one = Collector::new(budget);
        let outcome = quietly(|| pdf_extract::output_doc_page(doc, &mut one, number as u32));
        if one.glyph_budget_spent() {
            return Err(too_many_glyphs());
        }
        let ok = matches!(outcome, Ok(Ok(())));
        let page = one.pages.into_iter().next().filter(|_| ok);
        match page {
            Some(p) => {
                budget -= p.glyphs;
                pages.push(p);
            }
            None => {
                unreadable += 1;
                pages.push(PageLines::default());
            }
        }
    }
    Ok((pages, unreadable))
}

fn too_many_glyphs() -> String {
    format!("it holds more than {MAX_GLYPHS} characters")
}
