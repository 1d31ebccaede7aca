//! The headless command line: everything the desktop app does to files, scriptable.

mod commands;
pub mod escape;
pub mod interchange;
mod text;

pub use commands::run;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Command-line arguments of the `dossier` binary.
#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Annotate articles: claims, people and events, saved as one RON project file.",
    long_about = "Without a subcommand, opens the desktop workbench: `dossier PROJECT.ron` opens a project, \
                  `dossier ARTICLE.txt|.md|.html|.pdf|.docx` opens a new project holding that article."
)]
pub struct Cli {
    /// A headless subcommand; without one, the desktop app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Project or article files to open in the desktop app.
    pub files: Vec<PathBuf>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a project, importing articles into it.
    New {
        /// The project file to create (must not exist).
        project: PathBuf,
        /// Articles to import (.txt, .md, .html, .pdf, .docx).
        articles: Vec<PathBuf>,
        /// The project's name (default: the file name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Import more articles into a project.
    Add {
        /// The project file.
        project: PathBuf,
        /// Articles to import (.txt, .md, .html, .pdf, .docx).
        #[arg(required = true)]
        articles: Vec<PathBuf>,
    },
    /// Load and validate a project.
    Check {
        /// The project file.
        project: PathBuf,
    },
    /// Per document: title, characters, words, annotations per tag.
    Stats {
        /// The project file.
        project: PathBuf,
    },
    /// Print a document's canonical text exactly.
    ///
    /// Unlike every other command, `text` does not escape anything: control
    /// characters and bidi marks in the article (ESC sequences included) are written
    /// as they are, so the output is byte for byte the document. Redirect it to a
    /// file, or pipe it into `less` or `cat -v`, to look at an untrusted article.
    Text {
        /// The project file.
        project: PathBuf,
        /// The document: 1-based position or id.
        #[arg(default_value = "1")]
        doc: String,
    },
    /// Add an annotation and save.
    Tag(TagArgs),
    /// List annotations as TSV.
    List {
        /// The project file.
        project: PathBuf,
        /// Only this document (1-based position or id).
        #[arg(long)]
        doc: Option<String>,
        /// Only this tag (key or label).
        #[arg(long)]
        tag: Option<String>,
    },
    /// Set a document's title and save.
    Title {
        /// The project file.
        project: PathBuf,
        /// The new title.
        title: String,
        /// The document (1-based position or id).
        #[arg(long, default_value = "1")]
        doc: String,
    },
    /// Rewrite the project file in canonical form.
    Fmt {
        /// The project file.
        project: PathBuf,
    },
    /// List entities as TSV: kind, name, aliases, mentions.
    Entities {
        /// The project file.
        project: PathBuf,
    },
    /// Create an entity, or update the one with that kind and name, and save.
    Entity(EntityArgs),
    /// Link a mention to an entity (or unlink it with `--entity ""`) and save.
    Link {
        /// The project file.
        project: PathBuf,
        /// The annotation: its id, or a unique prefix of at least 8 hex digits.
        annotation: String,
        /// The entity's name or alias (case-insensitive); empty to unlink.
        #[arg(long)]
        entity: String,
    },
    /// Set a claim's status, speaker and subjects, and save.
    Claim(ClaimArgs),
    /// Add a typed relation between two entities (e.g. person participant_in event), and save.
    Relate {
        /// The project file.
        project: PathBuf,
        /// The relation kind's key, e.g. `participant_in` or `located_at`.
        #[arg(long)]
        kind: String,
        /// The entity the relation starts from (name or alias).
        #[arg(long)]
        from: String,
        /// The entity it points to (name or alias).
        #[arg(long)]
        to: String,
    },
    /// Delete or replace a range of a document's text (trim junk, correct a typo);
    /// annotations follow, those whose text is deleted become orphans. Saves.
    EditText(EditTextArgs),
    /// Import a new version of a document's article and re-anchor every annotation
    /// onto it (by position, context, quote or fuzzy match), or orphan it with the
    /// reason. Prints what happened to each, and saves.
    Update {
        /// The project file.
        project: PathBuf,
        /// The document (1-based position or id).
        #[arg(long, default_value = "1")]
        doc: String,
        /// The new version of the article (.txt, .md, .html, .pdf, .docx).
        file: PathBuf,
    },
    /// Measure how far analysts agree: span and token F1, Cohen's and Fleiss' κ,
    /// Krippendorff's α and α_U, over the documents all projects share (matched by text).
    Agree(AgreeArgs),
    /// Export the project (or one document) as W3C Web Annotation, brat, CSV, doccano
    /// JSONL, Label Studio JSON, or a report in HTML or Markdown.
    Export(interchange::ExportArgs),
    /// Import annotations made elsewhere (brat standoff, W3C Web Annotation) and save:
    /// all or nothing; what has no place in the project is listed on stderr.
    Import(interchange::ImportArgs),
    /// Merge two versions of a project with their common ancestor, object by object.
    ///
    /// Exit status 0 when the merge is clean, 1 when conflicts are recorded in OUT
    /// (open it in the app to resolve them), 2 when nothing was written (an error).
    Merge {
        /// The common ancestor.
        base: PathBuf,
        /// Our version.
        ours: PathBuf,
        /// Their version.
        theirs: PathBuf,
        /// Where to write the merged project (written atomically; may be OURS).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// The merge driver git runs for project files (`dossier git-setup` sets it up):
    /// merges OURS, BASE and THEIRS into OURS. Exit status 0 clean, 1 conflicts
    /// recorded, 2 nothing merged.
    MergeDriver {
        /// git's %O: the common ancestor (empty when the file was added on both sides).
        base: PathBuf,
        /// git's %A: our version, replaced by the result.
        ours: PathBuf,
        /// git's %B: their version.
        theirs: PathBuf,
        /// git's %L: the conflict marker size (unused: conflicts are recorded in the
        /// project, not marked in its text).
        marker_size: Option<String>,
        /// git's %P: the file's path in the repository, for messages.
        path: Option<String>,
    },
    /// Merge by meaning a project file git merged line by line (with `<<<<<<<`
    /// markers): rebuilds the three versions (from git's index when the file is
    /// still unmerged there, else from the markers) and writes the semantic merge
    /// over the file. Exit status as for `merge`.
    Resolve {
        /// The project file with conflict markers.
        file: PathBuf,
    },
    /// Set up the git repository of the current folder so that `git merge` and `git
    /// pull` merge project files with Dossier: adds `PATTERN merge=dossier` to
    /// `.gitattributes` and the driver to the repository's local configuration.
    GitSetup {
        /// Which files are Dossier projects (a `.gitattributes` pattern).
        #[arg(long, default_value = crate::merge::git::DEFAULT_PATTERN)]
        pattern: String,
    },
}

impl Command {
    /// Whether the command merges (its errors exit with status 2, its conflicts 1).
    pub fn merges(&self) -> bool {
        matches!(
            self,
            Command::Merge { .. } | Command::MergeDriver { .. } | Command::Resolve { .. }
        )
    }
}

/// Conflicts nobody resolved yet: the command did its work (or found them), and
/// exits with status 1.
#[derive(Debug, thiserror::Error)]
pub enum Unresolved {
    /// Conflict records in a project.
    #[error(
        "{count} unresolved conflict(s) in {path}; open it in Dossier (Conflicts tab) to \
         resolve them"
    )]
    Records {
        /// How many.
        count: usize,
        /// The project file.
        path: String,
    },
    /// A file that is not a project, which git merged line by line with conflicts.
    #[error("{path} is not a Dossier project; git left conflict markers in it")]
    Lines {
        /// The file.
        path: String,
    },
}

/// Arguments of `dossier edit-text`.
#[derive(Debug, Args)]
pub struct EditTextArgs {
    /// The project file.
    pub project: PathBuf,
    /// The document (1-based position or id).
    #[arg(long, default_value = "1")]
    pub doc: String,
    /// Delete chars START..END (char offsets, end exclusive).
    #[arg(long, value_name = "START..END", conflicts_with = "replace")]
    pub delete: Option<String>,
    /// Replace chars START..END with TEXT (START..START inserts TEXT).
    #[arg(long, num_args = 2, value_names = ["START..END", "TEXT"], required_unless_present = "delete")]
    pub replace: Option<Vec<String>>,
}

/// Arguments of `dossier agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Two or more analysts' project files.
    #[arg(required = true, num_args = 2..)]
    pub projects: Vec<PathBuf>,
    /// Add a table per document or per tag to the text report (JSON always has both).
    #[arg(long, value_enum)]
    pub by: Option<AgreeBy>,
    /// Text tables (values to 3 decimals) or JSON (everything, full precision).
    #[arg(long, value_enum, default_value_t = AgreeFormat::Text)]
    pub format: AgreeFormat,
}

/// The breakdown `dossier agree --by` adds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AgreeBy {
    /// One row per document.
    Document,
    /// One row per tag.
    Tag,
}

/// The output format of `dossier agree`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AgreeFormat {
    /// Aligned text tables.
    Text,
    /// JSON.
    Json,
}

/// Arguments of `dossier entity`.
#[derive(Debug, Args)]
pub struct EntityArgs {
    /// The project file.
    pub project: PathBuf,
    /// The entity's kind: an entity tag's key or label (e.g. `person`, `event`).
    #[arg(long)]
    pub kind: String,
    /// The canonical name; an existing entity of that kind and name is updated.
    #[arg(long)]
    pub name: String,
    /// Another name it goes by (repeatable); added to the existing aliases.
    #[arg(long = "alias")]
    pub aliases: Vec<String>,
    /// Role or affiliation (people).
    #[arg(long)]
    pub role: Option<String>,
    /// Date as free text, e.g. "summer 1988" (events).
    #[arg(long)]
    pub date: Option<String>,
    /// ISO 8601 date or range, e.g. `1988-07/1988-09` (events); empty clears it.
    #[arg(long)]
    pub date_iso: Option<String>,
    /// Where it happened (events).
    #[arg(long)]
    pub place: Option<String>,
    /// The analyst's note.
    #[arg(long)]
    pub note: Option<String>,
}

/// Arguments of `dossier claim`.
#[derive(Debug, Args)]
pub struct ClaimArgs {
    /// The project file.
    pub project: PathBuf,
    /// The claim annotation: its id, or a unique prefix of at least 8 hex digits.
    pub annotation: String,
    /// Verification status: unverified, corroborated, disputed or false.
    #[arg(long)]
    pub status: Option<String>,
    /// Who makes the claim: an entity's name or alias; repeat for joint speakers.
    /// Replaces the claim's earlier speakers.
    #[arg(long = "speaker", conflicts_with = "speaker_outlet")]
    pub speakers: Vec<String>,
    /// The article itself (its author or outlet) makes the claim; replaces earlier speakers.
    #[arg(long)]
    pub speaker_outlet: bool,
    /// An entity the claim is about (repeatable); existing links are kept.
    #[arg(long = "about")]
    pub about: Vec<String>,
}

/// Arguments of `dossier tag`.
#[derive(Debug, Args)]
pub struct TagArgs {
    /// The project file.
    pub project: PathBuf,
    /// The document (1-based position or id).
    #[arg(long, default_value = "1")]
    pub doc: String,
    /// The tag (key or label, e.g. `person`).
    #[arg(long)]
    pub tag: String,
    /// First char of the span (Unicode scalar offset).
    #[arg(long, requires = "end", conflicts_with = "quote")]
    pub start: Option<usize>,
    /// One past the last char of the span.
    #[arg(long, requires = "start")]
    pub end: Option<usize>,
    /// Tag an occurrence of this exact text instead of giving offsets.
    #[arg(long, required_unless_present = "start")]
    pub quote: Option<String>,
    /// Which occurrence of `--quote` to tag (1-based).
    #[arg(long, default_value_t = 1, requires = "quote")]
    pub nth: usize,
    /// A note for the annotation.
    #[arg(long)]
    pub note: Option<String>,
}

/// Checks the files the desktop app is asked to open before any window opens: each
/// must exist. A bare word that is not a file is most likely a mistyped subcommand
/// (`dossier frobnicate a b`), and is reported as one.
pub fn check_app_files(files: &[PathBuf]) -> anyhow::Result<()> {
    for f in files {
        if f.exists() {
            continue;
        }
        let word = f.to_str().filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
        match word {
            Some(w) if files.first() == Some(f) => anyhow::bail!(
                "`{w}` is not a dossier command, and there is no file of that name; \
                 run `dossier --help` for the commands"
            ),
            _ => anyhow::bail!("{} does not exist", f.display()),
        }
    }
    Ok(())
}
