//! What each subcommand does. Edits go through the same [`Editor`] as the app.

use super::{Command, TagArgs, author_name};
use crate::commands::{Command as Edit, Editor};
use crate::import;
use crate::model::{Annotation, Document, Project};
use crate::store;
use anyhow::{Context as _, Result, bail};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Runs one subcommand, writing its output to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<()> {
    match command {
        Command::New {
            project,
            articles,
            name,
        } => {
            if project.exists() {
                bail!(
                    "{} already exists; use `dossier add` to import into it",
                    project.display()
                );
            }
            let name = name.unwrap_or_else(|| {
                project
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Untitled".into())
            });
            let mut editor = Editor::new_unsaved(Project::new(name));
            import_into(&mut editor, &articles)?;
            store::save(editor.project(), &project)?;
            writeln!(
                out,
                "created {} with {} document(s)",
                project.display(),
                editor.project().documents().len()
            )?;
        }
        Command::Add { project, articles } => {
            let mut editor = Editor::new(store::load(&project)?);
            let titles = import_into(&mut editor, &articles)?;
            store::save(editor.project(), &project)?;
            for t in titles {
                writeln!(out, "added {t}")?;
            }
        }
        Command::Check { project } => {
            let p = store::load(&project)?;
            let words: usize = p.documents().iter().map(Document::word_count).sum();
            writeln!(
                out,
                "ok: {} — {} document(s), {} words, {} annotation(s), {} entit{}, {} relation(s)",
                project.display(),
                p.documents().len(),
                words,
                p.annotation_count(),
                p.entities().len(),
                if p.entities().len() == 1 { "y" } else { "ies" },
                p.relations().len()
            )?;
        }
        Command::Stats { project } => stats(&store::load(&project)?, out)?,
        Command::Text { project, doc } => {
            let p = store::load(&project)?;
            let d = find_doc(&p, &doc)?;
            out.write_all(d.text().as_bytes())?;
        }
        Command::Tag(args) => tag(args, out)?,
        Command::List { project, doc, tag } => {
            list(&store::load(&project)?, doc.as_deref(), tag.as_deref(), out)?
        }
        Command::Title {
            project,
            title,
            doc,
        } => {
            let title = title.trim().to_owned();
            if title.is_empty() {
                bail!("the title is empty");
            }
            let mut editor = Editor::new(store::load(&project)?);
            let id = find_doc(editor.project(), &doc)?.id;
            editor.apply(Edit::RenameDocument { id, title })?;
            store::save(editor.project(), &project)?;
        }
        Command::Fmt { project } => {
            let before = std::fs::read(&project)
                .with_context(|| format!("cannot read {}", project.display()))?;
            let p = store::load(&project)?;
            let after = store::to_ron(&p)?;
            if before == after.as_bytes() {
                writeln!(out, "{} is already formatted", project.display())?;
            } else {
                store::write_atomic(&project, after.as_bytes())
                    .with_context(|| format!("cannot write {}", project.display()))?;
                writeln!(out, "formatted {}", project.display())?;
            }
        }
    }
    Ok(())
}

/// Imports each article as a document (all or nothing); returns their titles.
fn import_into(editor: &mut Editor, articles: &[impl AsRef<Path>]) -> Result<Vec<String>> {
    let mut documents = Vec::new();
    for path in articles {
        documents.push(import::import_file(path.as_ref())?);
    }
    let titles = documents.iter().map(|d| d.title.clone()).collect();
    let commands: Vec<Edit> = documents
        .into_iter()
        .map(|d| Edit::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .collect();
    if !commands.is_empty() {
        editor.apply(Edit::Batch {
            label: "Add articles".into(),
            commands,
        })?;
    }
    Ok(titles)
}

fn find_doc<'p>(p: &'p Project, reference: &str) -> Result<&'p Document> {
    p.resolve_document(reference).with_context(|| {
        format!(
            "no document {reference:?}: give a number from 1 to {} or a document id",
            p.documents().len()
        )
    })
}

fn stats(p: &Project, out: &mut dyn Write) -> Result<()> {
    let tags: Vec<_> = p.tags.tags.iter().map(|t| t.key.as_str()).collect();
    write!(out, "#\ttitle\tchars\twords")?;
    for t in &tags {
        write!(out, "\t{t}")?;
    }
    writeln!(out)?;
    for (i, d) in p.documents().iter().enumerate() {
        let mut per_tag: BTreeMap<&str, usize> = BTreeMap::new();
        for a in d.annotations() {
            *per_tag.entry(a.tag.as_str()).or_default() += 1;
        }
        write!(
            out,
            "{}\t{}\t{}\t{}",
            i + 1,
            escape(&d.title),
            d.char_len(),
            d.word_count()
        )?;
        for t in &tags {
            write!(out, "\t{}", per_tag.get(t).copied().unwrap_or(0))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn tag(args: TagArgs, out: &mut dyn Write) -> Result<()> {
    let mut editor = Editor::new(store::load(&args.project)?);
    let p = editor.project();
    let d = find_doc(p, &args.doc)?;
    let tag = p.tags.find(&args.tag).with_context(|| {
        let known: Vec<_> = p.tags.tags.iter().map(|t| t.key.as_str()).collect();
        format!(
            "unknown tag {:?}; this project has: {}",
            args.tag,
            known.join(", ")
        )
    })?;
    let (start, end) = match (&args.quote, args.start, args.end) {
        (Some(q), _, _) => find_quote(d, q, args.nth)?,
        (None, Some(s), Some(e)) => (s, e),
        _ => bail!("give --start and --end, or --quote"),
    };
    let len = d.char_len();
    if start >= end || end > len {
        bail!("span {start}..{end} is not a non-empty range inside the text ({len} chars)");
    }
    let mut annotation = Annotation::new(
        d.text(),
        d.char_index(),
        &tag.key,
        start,
        end,
        &author_name(),
    )
    .with_context(|| format!("span {start}..{end} is outside the text"))?;
    annotation.note = args.note.unwrap_or_default();
    let id = annotation.id;
    let quote = annotation.quote.clone();
    editor.apply(Edit::AddAnnotation {
        doc: d.id,
        annotation,
    })?;
    store::save(editor.project(), &args.project)?;
    writeln!(out, "{id}\t{start}\t{end}\t{}", escape(&quote))?;
    Ok(())
}

/// Char offsets of the `nth` (1-based) occurrence of `quote`.
fn find_quote(d: &Document, quote: &str, nth: usize) -> Result<(usize, usize)> {
    if quote.is_empty() {
        bail!("--quote is empty");
    }
    if nth == 0 {
        bail!("--nth counts from 1");
    }
    let matches: Vec<usize> = d.text().match_indices(quote).map(|(b, _)| b).collect();
    let Some(&byte) = matches.get(nth - 1) else {
        bail!(
            "{quote:?} occurs {} time(s) in \"{}\", so there is no occurrence {nth}",
            matches.len(),
            d.title
        );
    };
    let start = d
        .char_index()
        .char_of(d.text(), byte)
        .context("internal error: match is not on a char boundary")?;
    Ok((start, start + quote.chars().count()))
}

fn list(p: &Project, doc: Option<&str>, tag: Option<&str>, out: &mut dyn Write) -> Result<()> {
    let only_doc = doc.map(|r| find_doc(p, r).map(|d| d.id)).transpose()?;
    let only_tag = match tag {
        Some(t) => Some(
            p.tags
                .find(t)
                .with_context(|| format!("unknown tag {t:?}"))?
                .key
                .clone(),
        ),
        None => None,
    };
    writeln!(out, "id\tdoc\ttag\tstart\tend\tquote")?;
    for (i, d) in p.documents().iter().enumerate() {
        if only_doc.is_some_and(|id| id != d.id) {
            continue;
        }
        for a in d.annotations() {
            if only_tag.as_ref().is_some_and(|t| *t != a.tag) {
                continue;
            }
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                a.id,
                i + 1,
                a.tag,
                a.start,
                a.end,
                escape(&a.quote)
            )?;
        }
    }
    Ok(())
}

/// Escapes backslashes, tabs and newlines so a value stays in its TSV cell.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}
