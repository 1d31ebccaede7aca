//! Work that travels: a project (or one document) written in the formats analysts'
//! other tools read — W3C Web Annotation, brat standoff, CSV, doccano and Label
//! Studio JSON, and a report an editor can read and print.
//!
//! One entry, [`export`], gives an [`Output`]: one file's bytes, or a folder of
//! files (brat), plus what the format could not carry. Nothing here writes to disk
//! until [`Output::write`] is called; the layer reads only the model.
//!
//! Offsets are exact at every boundary: Unicode code points for W3C and brat (the
//! model's own unit), UTF-16 code units where a tool counts in JavaScript string
//! indices (doccano, Label Studio), see [`crate::model::utf16`].

pub mod brat;
pub mod csv;
pub mod jsonl;
pub mod report;
pub mod w3c;

use crate::model::{Document, DocumentId, Project};
use std::path::Path;

/// The formats a project can be exported to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// W3C Web Annotation: an `AnnotationCollection` with its page (JSON-LD).
    W3c,
    /// brat standoff: a folder of `DOC.txt` + `DOC.ann` and an `annotation.conf`.
    Brat,
    /// CSV (RFC 4180), one row per annotation, or the table [`Options::table`] names.
    Csv,
    /// doccano's JSONL: one document per line with its entities and relations.
    Doccano,
    /// Label Studio's task JSON: an array of tasks with their annotation results.
    LabelStudio,
    /// One self-contained HTML report (sources, claims, people and events, timeline).
    Report,
    /// The same report in Markdown.
    ReportMarkdown,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 7] = [
        Format::W3c,
        Format::Brat,
        Format::Csv,
        Format::Doccano,
        Format::LabelStudio,
        Format::Report,
        Format::ReportMarkdown,
    ];

    /// The name the command line uses (`--format NAME`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::W3c => "w3c",
            Format::Brat => "brat",
            Format::Csv => "csv",
            Format::Doccano => "jsonl",
            Format::LabelStudio => "label-studio",
            Format::Report => "report",
            Format::ReportMarkdown => "report-md",
        }
    }

    /// A name for people: menus and messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::W3c => "W3C Web Annotation (JSON-LD)",
            Format::Brat => "brat standoff (folder)",
            Format::Csv => "CSV spreadsheet",
            Format::Doccano => "doccano JSONL",
            Format::LabelStudio => "Label Studio tasks (JSON)",
            Format::Report => "Report (HTML)",
            Format::ReportMarkdown => "Report (Markdown)",
        }
    }

    /// Parses a command-line name (`doccano` is accepted for `jsonl`).
    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        if name == "doccano" {
            return Some(Format::Doccano);
        }
        if name == "labelstudio" {
            return Some(Format::LabelStudio);
        }
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The file extension of the output; `None` for brat, which writes a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::W3c => Some("jsonld"),
            Format::Brat => None,
            Format::Csv => Some("csv"),
            Format::Doccano => Some("jsonl"),
            Format::LabelStudio => Some("json"),
            Format::Report => Some("html"),
            Format::ReportMarkdown => Some("md"),
        }
    }
}

/// Which table a CSV export writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Table {
    /// One row per annotation.
    #[default]
    Annotations,
    /// One row per entity.
    Entities,
    /// One row per claim (annotations whose tag is a claim tag).
    Claims,
    /// One row per relation.
    Relations,
}

/// How offsets are counted in the JSON formats of annotation tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offsets {
    /// UTF-16 code units: JavaScript string indices (what doccano's and Label
    /// Studio's web front ends count; an emoji counts 2).
    Utf16,
    /// Unicode code points (Python string indices; an emoji counts 1).
    CodePoints,
}

/// What an export covers and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Only this document (and the relations and entities it touches); all when `None`.
    pub doc: Option<DocumentId>,
    /// The CSV table.
    pub table: Table,
    /// Offsets of the JSON formats; `None`: what each tool expects (UTF-16 for both).
    pub offsets: Option<Offsets>,
    /// Start a CSV file with a UTF-8 byte-order mark, so spreadsheets read it as UTF-8.
    pub bom: bool,
}

/// What an export produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The bytes to write.
    pub content: Content,
    /// What the format could not carry (e.g. a relation to an entity in brat), one
    /// sentence each; empty when nothing was left out.
    pub warnings: Vec<String>,
}

/// The bytes of an export: one file, or a folder of files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// One file.
    File(Vec<u8>),
    /// A folder: file names (no separators) and their bytes, in order.
    Folder(Vec<(String, Vec<u8>)>),
}

impl Output {
    /// An output of one file and no warnings.
    pub(crate) fn file(bytes: Vec<u8>) -> Self {
        Self {
            content: Content::File(bytes),
            warnings: Vec::new(),
        }
    }

    /// Writes the output to `path`: the file, or the folder (created if missing;
    /// files of the same names in it are replaced, others left alone).
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        match &self.content {
            Content::File(bytes) => std::fs::write(path, bytes),
            Content::Folder(files) => {
                std::fs::create_dir_all(path)?;
                for (name, bytes) in files {
                    std::fs::write(path.join(name), bytes)?;
                }
                Ok(())
            }
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The document asked for is not in the project.
    #[error("no document with id {0}")]
    NoDocument(DocumentId),
    /// The CSV writer failed (it writes to memory, so this is not expected).
    #[error("could not write CSV: {0}")]
    Csv(String),
    /// JSON could not be written (not expected either).
    #[error("could not write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// Exports `project` (or the document `options.doc`) in `format`.
pub fn export(project: &Project, format: Format, options: &Options) -> Result<Output, ExportError> {
    let docs = documents(project, options)?;
    match format {
        Format::W3c => w3c::export(project, &docs),
        Format::Brat => Ok(brat::export(project, &docs)),
        Format::Csv => csv::export(project, &docs, options.table, options.bom),
        Format::Doccano => {
            jsonl::doccano(project, &docs, options.offsets.unwrap_or(Offsets::Utf16))
        }
        Format::LabelStudio => {
            jsonl::label_studio(project, &docs, options.offsets.unwrap_or(Offsets::Utf16))
        }
        Format::Report => Ok(Output::file(report::html(project, &docs).into_bytes())),
        Format::ReportMarkdown => Ok(Output::file(report::markdown(project, &docs).into_bytes())),
    }
}

/// The documents an export covers, in project order.
fn documents<'p>(
    project: &'p Project,
    options: &Options,
) -> Result<Vec<&'p Document>, ExportError> {
    match options.doc {
        Some(id) => project
            .document(id)
            .map(|d| vec![d])
            .ok_or(ExportError::NoDocument(id)),
        None => Ok(project.documents().iter().collect()),
    }
}

/// The IRI an exported article is named by: its canonical URL when the source gives
/// one, else a `urn:` IRI of the SHA-256 of its canonical text (UTF-8), so the same
/// article imported twice gets the same name.
pub fn document_iri(d: &Document) -> String {
    match d.source.url.as_deref().map(str::trim) {
        Some(url) if is_absolute_iri(url) => url.to_owned(),
        _ => text_hash_iri(d.text()),
    }
}

/// `urn:dossier:article:sha256:HEX` of a canonical text.
pub fn text_hash_iri(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let mut out = String::from("urn:dossier:article:sha256:");
    for b in Sha256::digest(text.as_bytes()) {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Whether `s` is an absolute IRI without white space (scheme `:` rest), the form the
/// W3C schemas accept as a `uri`.
pub fn is_absolute_iri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !s.chars().any(char::is_whitespace)
}

/// A file name for a document: its title with anything but letters, digits, `-`,
/// `_` and `.` made `_`, at most 80 chars, and unique among `taken` (a number is
/// added when needed).
pub(crate) fn file_stem(title: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let mut stem: String = title
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    stem = stem.trim_start_matches('.').to_owned();
    if stem.is_empty() {
        stem = "document".into();
    }
    let mut candidate = stem.clone();
    let mut n = 2;
    while !taken.insert(candidate.to_lowercase()) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_their_names() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::parse("doccano"), Some(Format::Doccano));
        assert_eq!(Format::parse("xml"), None);
    }

    #[test]
    fn iris_are_urls_or_text_hashes() {
        assert!(is_absolute_iri("https://example.org/a?b#c"));
        assert!(is_absolute_iri(
            "urn:uuid:0a6e6d58-2c87-4a43-8f0f-5cbd1d2f7a11"
        ));
        assert!(!is_absolute_iri("not a uri"));
        assert!(!is_absolute_iri("/relative/path"));
        assert!(!is_absolute_iri("1http://x"));
        assert_eq!(
            text_hash_iri("test"),
            "urn:dossier:article:sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        );
    }

    #[test]
    fn file_stems_are_safe_and_unique() {
        let mut taken = Default::default();
        assert_eq!(
            file_stem("000-introduction", &mut taken),
            "000-introduction"
        );
        assert_eq!(
            file_stem("000-Introduction", &mut taken),
            "000-Introduction-2"
        );
        assert_eq!(file_stem("../etc/passwd", &mut taken), "_etc_passwd");
        assert_eq!(file_stem("Café “x”", &mut taken), "Café__x_");
        assert_eq!(file_stem("", &mut taken), "document");
    }
}
