//! `dossier export` and `dossier import`: work that travels.

use super::escape::for_terminal;
use crate::commands::Editor;
use crate::export::{self, Content, Offsets, Options, Table};
use crate::import::{self, AnnotationFormat};
use crate::store::{self, Outcome};
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// The export formats on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// W3C Web Annotation JSON-LD (an AnnotationCollection).
    W3c,
    /// brat standoff: a folder of .txt/.ann files with annotation.conf.
    Brat,
    /// CSV, one row per annotation (or see --table).
    Csv,
    /// doccano JSONL.
    #[value(alias = "doccano")]
    Jsonl,
    /// Label Studio task JSON.
    #[value(alias = "labelstudio")]
    LabelStudio,
    /// A self-contained HTML report.
    Report,
    /// The report in Markdown.
    ReportMd,
}

impl From<ExportFormat> for export::Format {
    fn from(f: ExportFormat) -> Self {
        match f {
            ExportFormat::W3c => export::Format::W3c,
            ExportFormat::Brat => export::Format::Brat,
            ExportFormat::Csv => export::Format::Csv,
            ExportFormat::Jsonl => export::Format::Doccano,
            ExportFormat::LabelStudio => export::Format::LabelStudio,
            ExportFormat::Report => export::Format::Report,
            ExportFormat::ReportMd => export::Format::ReportMarkdown,
        }
    }
}

/// The CSV tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CsvTable {
    /// One row per annotation (the default).
    Annotations,
    /// One row per entity.
    Entities,
    /// One row per claim.
    Claims,
    /// One row per relation.
    Relations,
}

/// Offset units of the JSON formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OffsetUnit {
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
    /// Unicode code points.
    Codepoints,
}

/// Arguments of `dossier export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file.
    pub project: PathBuf,
    /// The format to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Only this document (1-based position or id).
    #[arg(long)]
    pub doc: Option<String>,
    /// For CSV: which table.
    #[arg(long, value_enum)]
    pub table: Option<CsvTable>,
    /// For jsonl and label-studio: how offsets count (default: UTF-16, as both tools do).
    #[arg(long, value_enum)]
    pub offsets: Option<OffsetUnit>,
    /// For CSV: start with a UTF-8 byte-order mark (for spreadsheets).
    #[arg(long)]
    pub bom: bool,
    /// Where to write: a file, or a folder for brat.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// The annotation formats `dossier import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// brat standoff: .ann files (or folders of them) beside their .txt.
    Brat,
    /// W3C Web Annotation JSON(-LD).
    W3c,
}

/// Arguments of `dossier import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file.
    pub project: PathBuf,
    /// The format of the files.
    #[arg(long, value_enum)]
    pub format: ImportFormat,
    /// Files or folders to import.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// `dossier export`.
pub(super) fn export_command(args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    let project = store::load(&args.project)?;
    let doc = match &args.doc {
        Some(r) => Some(
            project
                .resolve_document(r)
                .ok_or_else(|| anyhow::anyhow!("no document {r:?} in the project"))?
                .id,
        ),
        None => None,
    };
    let format = export::Format::from(args.format);
    if args.table.is_some() && format != export::Format::Csv {
        bail!("--table is for --format csv");
    }
    if args.bom && format != export::Format::Csv {
        bail!("--bom is for --format csv");
    }
    if args.offsets.is_some()
        && !matches!(
            format,
            export::Format::Doccano | export::Format::LabelStudio
        )
    {
        bail!("--offsets is for --format jsonl and label-studio (W3C and brat count code points)");
    }
    let options = Options {
        doc,
        table: match args.table {
            None | Some(CsvTable::Annotations) => Table::Annotations,
            Some(CsvTable::Entities) => Table::Entities,
            Some(CsvTable::Claims) => Table::Claims,
            Some(CsvTable::Relations) => Table::Relations,
        },
        offsets: args.offsets.map(|o| match o {
            OffsetUnit::Utf16 => Offsets::Utf16,
            OffsetUnit::Codepoints => Offsets::CodePoints,
        }),
        bom: args.bom,
    };
    let output = export::export(&project, format, &options)?;
    match &output.content {
        Content::Folder(_) if args.output.is_file() => {
            bail!("{} is a file; brat exports a folder", args.output.display())
        }
        Content::File(_) if args.output.is_dir() => bail!("{} is a folder", args.output.display()),
        _ => {}
    }
    output
        .write(&args.output)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", args.output.display()))?;
    for w in &output.warnings {
        eprintln!("warning: {}", for_terminal(w));
    }
    writeln!(out, "wrote {} ({})", args.output.display(), format.label())?;
    Ok(())
}

/// `dossier import`: a locked read-modify-write, all or nothing.
pub(super) fn import_command(args: &ImportArgs, out: &mut dyn Write) -> Result<()> {
    let format = match args.format {
        ImportFormat::Brat => AnnotationFormat::Brat,
        ImportFormat::W3c => AnnotationFormat::W3c,
    };
    // Read before the project is locked, so slow reading holds no one up.
    let files = import::read_annotation_files(format, &args.paths)?;
    let edited = store::edit(&args.project, |p| {
        let imported = import::import_files(&p, &files)?;
        let mut editor = Editor::new(p);
        match imported.command.clone() {
            Some(c) => {
                editor.apply(c)?;
                Ok::<_, anyhow::Error>(Outcome::Save(editor.into_project(), imported))
            }
            None => Ok(Outcome::Keep(imported)),
        }
    })?;
    let imported = edited.value;
    for w in &imported.warnings {
        eprintln!("warning: {}", for_terminal(w));
    }
    writeln!(out, "imported {}", imported.summary)?;
    Ok(())
}
