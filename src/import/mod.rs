//! Importing articles: one module per input format, each giving an [`Imported`]
//! article that [`import_file`] turns into a [`Document`]; and importing annotations
//! made elsewhere ([`import_annotations`]: brat standoff, W3C Web Annotation).

pub mod annotations;
pub mod brat;
mod decode;
mod docx;
mod guard;
mod html;
mod markdown;
mod pdf;
mod plain;
pub mod w3c;

pub use annotations::{
    AnnotationFiles, AnnotationFormat, AnnotationImport, AnnotationImportError, ImportSummary,
    import_annotations, import_files, read_annotation_files,
};
pub use decode::{Decoded, decode_text};
pub use docx::{MAX_ENTRIES as MAX_DOCX_ENTRIES, MAX_TOTAL_BYTES as MAX_DOCX_BYTES};
pub use pdf::MAX_PDF_PAGES;

use crate::fsutil::{self, ReadError, Size};
use crate::model::{Document, SourceMeta};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The largest article file Dossier imports, whatever its format: a long book in
/// HTML is ~20 MiB, a page saved as one file with its images inlined (SingleFile,
/// `.mhtml`-style) or a report as PDF with its fonts and images can reach ~100 MiB;
/// far above that is not an article.
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

/// The longest title an import gives a document (a page's `<title>` or a text's first
/// line can be any length; a title is for lists and headings).
pub const MAX_TITLE_CHARS: usize = 300;

/// Why an article could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said. Part of this error's own message, so it is not also its
        /// `source` (error chains would print it twice).
        error: std::io::Error,
    },
    /// The path is a directory.
    #[error("{0} is a folder, not an article file")]
    IsDirectory(String),
    /// The path is a FIFO, a device or a socket, which could block or never end.
    #[error("{path} is a {kind}, not an article file")]
    NotRegular {
        /// The file.
        path: String,
        /// What it is ("named pipe (FIFO)", "character device", …).
        kind: &'static str,
    },
    /// The file holds no text.
    #[error("{0} is empty: there is no text to annotate")]
    Empty(String),
    /// The file looks binary.
    #[error(
        "{path} does not look like text ({why}); Dossier imports .txt, .md, .html, .pdf and .docx articles"
    )]
    Binary {
        /// The file.
        path: String,
        /// What gave it away.
        why: String,
    },
    /// The markup would expand into far more text than the file holds (deeply nested
    /// or padded constructs); refused rather than grown without bound.
    #[error(
        "{path} would give more than {factor} times its size in text, which no article does; \
         nothing was imported"
    )]
    Expands {
        /// The file.
        path: String,
        /// The largest ratio of text to input allowed.
        factor: usize,
    },
    /// The file is larger than [`MAX_ARTICLE_BYTES`].
    #[error(
        "{path} is {} ({size} bytes); articles larger than {} are not imported",
        Size(*.size),
        Size(*.max)
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// A known kind of file that is not an article (an archive, an image, a program).
    #[error("{path} is {what}, not an article; Dossier imports .txt, .md, .html, .pdf and .docx")]
    NotAnArticle {
        /// The file.
        path: String,
        /// What it is, with its article: "a ZIP archive".
        what: String,
    },
    /// The file's name says one format but its content is not that format.
    #[error("{path} is named like a {named} file but its content is not {named}")]
    Misnamed {
        /// The file.
        path: String,
        /// The format its extension names: "PDF", "DOCX".
        named: &'static str,
    },
    /// A PDF that cannot be read.
    #[error("cannot import {path}: {why}")]
    Pdf {
        /// The file.
        path: String,
        /// What is wrong, in a plain sentence.
        why: String,
    },
    /// A PDF with pages but no text on them.
    #[error(
        "{0} has no text layer (a scanned document?); Dossier does not do OCR: run OCR on it first, then import the result"
    )]
    NoTextLayer(String),
    /// A PDF with more pages than [`MAX_PDF_PAGES`].
    #[error("{path} has {pages} pages; PDFs of more than {max} pages are not imported")]
    TooManyPages {
        /// The file.
        path: String,
        /// How many pages it has.
        pages: usize,
        /// The limit.
        max: usize,
    },
    /// A password-protected PDF or DOCX.
    #[error(
        "{0} is protected by a password; remove the protection (save an unprotected copy) and import that"
    )]
    Encrypted(String),
    /// A DOCX that cannot be read.
    #[error("cannot import {path}: {why}")]
    Docx {
        /// The file.
        path: String,
        /// What is wrong, in a plain sentence.
        why: String,
    },
}

/// The input formats Dossier reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text in any encoding.
    Text,
    /// Markdown.
    Markdown,
    /// A web page saved from a browser.
    Html,
    /// A PDF with a text layer.
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
}

impl Format {
    /// The name stored in [`SourceMeta::format`].
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// Picks the format by content first (a PDF or DOCX is recognised whatever its
    /// name), then by the file name's extension, then by sniffing the text.
    pub fn detect(file_name: &str, bytes: &[u8]) -> Format {
        let ext = extension(file_name);
        if pdf::starts_as_pdf(bytes) || (ext == "pdf" && pdf::is_pdf(bytes)) {
            return Format::Pdf;
        }
        if docx::is_docx(bytes) {
            return Format::Docx;
        }
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "txt" | "text" => Format::Text,
            _ => {
                let head =
                    String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
                let head = head.trim_start_matches('\u{feff}').trim_start();
                if head.starts_with("<!doctype html") || head.starts_with("<html") {
                    Format::Html
                } else {
                    Format::Text
                }
            }
        }
    }

    /// Whether a path looks like an article Dossier can import (by extension).
    pub fn is_article_path(path: &Path) -> bool {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        ARTICLE_EXTENSIONS.contains(&ext.as_str())
    }
}

/// The extensions of the article files Dossier imports, for file dialogs and drops.
pub const ARTICLE_EXTENSIONS: [&str; 12] = [
    "txt", "text", "md", "markdown", "mdown", "mkd", "html", "htm", "xhtml", "shtml", "pdf", "docx",
];

/// The file name's extension, lower-cased.
fn extension(file_name: &str) -> String {
    Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

/// Refuses content that is not an article whatever its name: archives, images,
/// programs, old Office files, and files named `.pdf`/`.docx` that are not.
fn refuse_non_article(file_name: &str, bytes: &[u8], format: Format) -> Result<(), ImportError> {
    let ext = extension(file_name);
    let misnamed = |named| ImportError::Misnamed {
        path: file_name.to_owned(),
        named,
    };
    let not_article = |what: &str| ImportError::NotAnArticle {
        path: file_name.to_owned(),
        what: what.to_owned(),
    };
    if matches!(format, Format::Pdf | Format::Docx) {
        return Ok(());
    }
    // An encrypted Word file is an OLE compound file, not a ZIP.
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        return Err(if ext == "docx" {
            ImportError::Encrypted(file_name.to_owned())
        } else {
            not_article("an old-style Office file (.doc, .xls, .ppt); save it as .docx")
        });
    }
    if docx::is_zip(bytes) {
        return Err(if ext == "docx" {
            ImportError::Docx {
                path: file_name.to_owned(),
                why: "it is a ZIP archive without word/document.xml, or a damaged one".into(),
            }
        } else {
            not_article("a ZIP archive")
        });
    }
    match ext.as_str() {
        "pdf" => return Err(misnamed("PDF")),
        "docx" => return Err(misnamed("DOCX")),
        _ => {}
    }
    const MAGIC: [(&[u8], &str); 9] = [
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"7z\xbc\xaf", "a 7-Zip archive"),
        (b"Rar!", "a RAR archive"),
        (b"\x7fELF", "a program"),
        (b"MZ", "a Windows program"),
        (b"%!PS", "a PostScript file"),
    ];
    match MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        Some((_, what)) => Err(not_article(what)),
        None => Ok(()),
    }
}

/// What an importer extracted from a file, before it becomes a [`Document`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The canonical text: LF line endings, paragraphs separated by a blank line where
    /// the format has paragraphs.
    pub text: String,
    /// The title, if the format gives one.
    pub title: Option<String>,
    /// Source metadata the importer found (URL, byline, date, site, encoding, note).
    pub source: SourceMeta,
}

/// Imports the article at `path` as a new document. Only a regular file (links
/// followed) of at most [`MAX_ARTICLE_BYTES`] is read.
pub fn import_file(path: &Path) -> Result<Document, ImportError> {
    let shown = path.display().to_string();
    let bytes = fsutil::read_bounded(path, MAX_ARTICLE_BYTES).map_err(|e| match e {
        ReadError::Io { path, error } => ImportError::Io { path, error },
        ReadError::IsDirectory(path) => ImportError::IsDirectory(path),
        ReadError::NotRegular { path, kind } => ImportError::NotRegular { path, kind },
        ReadError::TooLarge { path, size, max } => ImportError::TooLarge { path, size, max },
    })?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    import_bytes(&file_name, &bytes)
}

/// Imports an article from its bytes; `file_name` picks the format and is the
/// fallback title.
pub fn import_bytes(file_name: &str, bytes: &[u8]) -> Result<Document, ImportError> {
    let format = Format::detect(file_name, bytes);
    refuse_non_article(file_name, bytes, format)?;
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        return Err(ImportError::TooLarge {
            path: file_name.to_owned(),
            size: bytes.len() as u64,
            max: MAX_ARTICLE_BYTES,
        });
    }
    let mut imported = match format {
        Format::Text => plain::import(file_name, bytes)?,
        Format::Markdown => markdown::import(file_name, bytes)?,
        Format::Html => html::import(file_name, bytes)?,
        Format::Pdf => pdf::import(file_name, bytes)?,
        Format::Docx => docx::import(file_name, bytes)?,
    };
    if imported.text.trim().is_empty() {
        return Err(ImportError::Empty(file_name.to_owned()));
    }
    let title = imported
        .title
        .take()
        .map(|t| crate::model::text::short(&t, MAX_TITLE_CHARS))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| file_stem(file_name));
    let mut source = imported.source;
    source.file_name = Some(file_name.to_owned());
    source.format = Some(format.as_str().to_owned());
    source.sha256 = Some(sha256_hex(bytes));
    source.imported = Some(crate::model::now());
    Ok(Document::new(title, source, imported.text))
}

fn file_stem(file_name: &str) -> String {
    Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file_name.to_owned())
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The first non-empty line of `text`, trimmed: the title of a plain-text article.
pub(crate) fn first_line(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(200).collect())
}
