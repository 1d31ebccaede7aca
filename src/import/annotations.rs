//! Annotations in: brat standoff and W3C Web Annotation files become one
//! [`Command::Batch`] against a project (one undo step in the app, one locked save
//! on the command line), plus the warnings that list everything the files hold that
//! found no home in the project — nothing is dropped silently.

use crate::commands::Command;
use crate::model::{Color, Project, TagSet};
use std::path::{Path, PathBuf};

/// The annotation formats Dossier reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnnotationFormat {
    /// brat standoff: `DOC.ann` beside `DOC.txt` (files or folders of them).
    Brat,
    /// W3C Web Annotation JSON-LD (a collection, a page, one annotation or a list).
    W3c,
}

impl AnnotationFormat {
    /// Both formats.
    pub const ALL: [AnnotationFormat; 2] = [AnnotationFormat::Brat, AnnotationFormat::W3c];

    /// The command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            AnnotationFormat::Brat => "brat",
            AnnotationFormat::W3c => "w3c",
        }
    }

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            AnnotationFormat::Brat => "brat standoff (.ann + .txt)",
            AnnotationFormat::W3c => "W3C Web Annotation (JSON-LD)",
        }
    }

    /// The extensions of its files (lower case, no dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            AnnotationFormat::Brat => &["ann"],
            AnnotationFormat::W3c => &["json", "jsonld"],
        }
    }

    /// Parses the command-line name.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(name.trim()))
    }
}

/// How much an import adds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Documents added.
    pub documents: usize,
    /// Annotations added.
    pub annotations: usize,
    /// Relations added.
    pub relations: usize,
    /// Entities created.
    pub entities: usize,
    /// Tags created.
    pub tags: usize,
    /// Relation kinds created.
    pub relation_kinds: usize,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::model::text::count;
        write!(
            f,
            "{}, {}, {}, {}, {}, {}",
            count(self.documents, "document"),
            count(self.annotations, "annotation"),
            count(self.relations, "relation"),
            count(self.entities, "entity"),
            count(self.tags, "tag"),
            count(self.relation_kinds, "relation kind")
        )
    }
}

/// The result of reading annotation files against a project.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationImport {
    /// Everything to add, as one batch; `None` when the files add nothing.
    pub command: Option<Command>,
    /// What had no home, one line each (file, line or id, and why).
    pub warnings: Vec<String>,
    /// What the batch adds.
    pub summary: ImportSummary,
}

/// Why annotation files could not be imported at all (nothing is then imported).
#[derive(Debug, thiserror::Error)]
pub enum AnnotationImportError {
    /// A file could not be read.
    #[error("cannot read {path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What the OS said.
        error: std::io::Error,
    },
    /// A brat `.ann` has no `.txt` beside it.
    #[error("{0} has no text file beside it ({1} is missing)")]
    NoText(String, String),
    /// A text is not UTF-8 (brat texts are UTF-8).
    #[error("{0} is not UTF-8 text (brat texts are UTF-8)")]
    NotUtf8(String),
    /// A file is larger than an article may be.
    #[error("{0} is larger than {max} bytes", max = super::MAX_ARTICLE_BYTES)]
    TooLarge(String),
    /// A JSON file that cannot be parsed.
    #[error("{path} is not JSON: {why}")]
    Json {
        /// The file.
        path: String,
        /// What the parser said.
        why: String,
    },
    /// No files were given, or a folder holds none of the format.
    #[error("no {0} files found in {1}")]
    NoFiles(&'static str, String),
}

/// Annotation files read into memory, ready to be imported into a project (so a
/// command can read them before it locks the project file).
#[derive(Clone, Debug)]
pub enum AnnotationFiles {
    /// brat documents.
    Brat(Vec<super::brat::BratDocument>),
    /// W3C JSON files: name and bytes.
    W3c(Vec<super::w3c::W3cFile>),
}

/// Reads the files `paths` name, in `format`.
pub fn read_annotation_files(
    format: AnnotationFormat,
    paths: &[PathBuf],
) -> Result<AnnotationFiles, AnnotationImportError> {
    match format {
        AnnotationFormat::Brat => super::brat::read_documents(paths).map(AnnotationFiles::Brat),
        AnnotationFormat::W3c => super::w3c::read_files(paths).map(AnnotationFiles::W3c),
    }
}

/// What importing `files` into `project` adds (the project is not changed); an
/// error when a file cannot be parsed at all (W3C JSON is parsed here, once).
pub fn import_files(
    project: &Project,
    files: &AnnotationFiles,
) -> Result<AnnotationImport, AnnotationImportError> {
    match files {
        AnnotationFiles::Brat(docs) => Ok(super::brat::import(project, docs)),
        AnnotationFiles::W3c(files) => super::w3c::import(project, files),
    }
}

/// Reads annotation files of `format` and imports them against `project` (which is
/// not changed): the batch to apply, the warnings, and a summary.
pub fn import_annotations(
    project: &Project,
    format: AnnotationFormat,
    paths: &[PathBuf],
) -> Result<AnnotationImport, AnnotationImportError> {
    let files = read_annotation_files(format, paths)?;
    import_files(project, &files)
}

/// Reads a whole file of at most [`super::MAX_ARTICLE_BYTES`].
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, AnnotationImportError> {
    crate::fsutil::read_bounded(path, super::MAX_ARTICLE_BYTES).map_err(|e| match e {
        crate::fsutil::ReadError::TooLarge { path, .. } => AnnotationImportError::TooLarge(path),
        crate::fsutil::ReadError::Io { path, error } => AnnotationImportError::Io { path, error },
        other => AnnotationImportError::Io {
            path: path.display().to_string(),
            error: std::io::Error::other(other.to_string()),
        },
    })
}

/// Highlight colours for new tags. Each keeps body text at WCAG AA (4.5:1) on the
/// light and the dark page when one, two or three highlights of these and the
/// default tags' colours overlap (the rule `ui::theme`'s tests check; the
/// `interchange` tests check this palette against it). Light yellows and cyans
/// fail it on the dark page and are left out.
pub const PALETTE: [Color; 12] = [
    Color([0x56, 0xb4, 0xe9]), // sky blue
    Color([0x00, 0x9e, 0x73]), // bluish green
    Color([0xd5, 0x5e, 0x00]), // vermilion
    Color([0x88, 0x66, 0xcc]), // lavender
    Color([0x44, 0xaa, 0x99]), // teal
    Color([0xcc, 0x66, 0x77]), // rose
    Color([0x99, 0x99, 0x33]), // olive
    Color([0xaa, 0x44, 0x99]), // purple
    Color([0x33, 0x77, 0xbb]), // mid blue
    Color([0x11, 0x77, 0x33]), // forest green
    Color([0x99, 0x55, 0x33]), // brown
    Color([0x66, 0x77, 0x88]), // slate
];

/// Colours for `n` new tags: palette colours no tag of `tags` has yet, in palette
/// order, then the palette again.
pub(crate) fn new_colors(tags: &TagSet, n: usize) -> Vec<Color> {
    let unused: Vec<Color> = PALETTE
        .into_iter()
        .filter(|c| !tags.tags.iter().any(|t| t.color == *c))
        .collect();
    let cycle: Vec<Color> = if unused.is_empty() {
        PALETTE.to_vec()
    } else {
        unused
    };
    (0..n).map(|i| cycle[i % cycle.len()]).collect()
}
