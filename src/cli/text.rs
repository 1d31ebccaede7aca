//! `dossier edit-text` and `dossier update`: a document's text changes, its
//! annotations follow. Both are locked read-modify-writes through [`store::edit`].

use super::EditTextArgs;
use super::commands::find_doc;
use super::escape::tsv as escape;
use crate::anchor::{self, TextError, UpdateReport};
use crate::commands::{Command as Edit, Editor};
use crate::import;
use crate::model::text::short;
use crate::model::{AnchorMethod, Orphan};
use crate::store::{self, Outcome};
use anyhow::{Context as _, Result, bail};
use std::io::Write;
use std::path::Path;

/// `START..END` as char offsets.
fn parse_range(s: &str) -> Result<(usize, usize)> {
    let (a, b) = s
        .split_once("..")
        .with_context(|| format!("{s:?} is not a range; write START..END, e.g. 120..245"))?;
    let num = |x: &str| {
        x.trim()
            .parse::<usize>()
            .with_context(|| format!("{x:?} in {s:?} is not a char offset"))
    };
    let (start, end) = (num(a)?, num(b)?);
    if start > end {
        bail!("range {s} ends before it starts");
    }
    Ok((start, end))
}

/// What `edit-text` did, to print.
struct Edited {
    title: String,
    before: usize,
    after: usize,
    moved: usize,
    orphans: Vec<Orphan>,
}

/// `dossier edit-text PROJECT --doc DOC (--delete S..E | --replace S..E TEXT)`.
pub(super) fn edit_text(args: &EditTextArgs, out: &mut dyn Write) -> Result<()> {
    let (range, replacement) = match (&args.delete, &args.replace) {
        (Some(r), None) => (parse_range(r)?, String::new()),
        (None, Some(v)) => match v.as_slice() {
            [r, text] => (parse_range(r)?, text.clone()),
            _ => bail!("--replace takes START..END and the new text"),
        },
        _ => bail!("give --delete START..END or --replace START..END TEXT"),
    };
    let edited = store::edit(&args.project, |p| {
        let mut editor = Editor::new(p);
        let d = find_doc(editor.project(), &args.doc)?;
        let (doc, title, before) = (d.id, d.title.clone(), d.char_len());
        let change = anchor::edit_text(editor.project(), doc, range.0, range.1, &replacement)?;
        let (moved, orphans) = (change.placed.len(), change.orphaned.clone());
        editor.apply(Edit::ChangeText {
            doc,
            change: Box::new(change),
        })?;
        let after = editor.project().document(doc).map_or(0, |d| d.char_len());
        let edited = Edited {
            title,
            before,
            after,
            moved,
            orphans,
        };
        Ok::<_, anyhow::Error>(Outcome::Save(editor.into_project(), edited))
    })?
    .value;
    writeln!(
        out,
        "edited “{}”: {} → {} chars; {} annotation(s) near the change re-anchored, {} orphaned",
        escape(&short(&edited.title, 60)),
        edited.before,
        edited.after,
        edited.moved,
        edited.orphans.len()
    )?;
    for o in &edited.orphans {
        orphan_line(out, o.annotation.id, &o.annotation.quote, &o.reason)?;
    }
    Ok(())
}

/// `dossier update PROJECT --doc DOC NEW_FILE`.
pub(super) fn update(project: &Path, doc: &str, file: &Path, out: &mut dyn Write) -> Result<()> {
    // The article is read before the project is locked, so a slow import does not
    // hold up other commands.
    let new = import::import_file(file)?;
    let mut source = new.source.clone();
    source.imported = Some(crate::model::now());
    let outcome = store::edit(project, |p| {
        let mut editor = Editor::new(p);
        let d = find_doc(editor.project(), doc)?;
        let (id, title, before) = (d.id, d.title.clone(), d.char_len());
        let (change, report) =
            match anchor::update_text(editor.project(), id, new.text(), Some(source.clone())) {
                Ok(done) => done,
                Err(TextError::Unchanged) => return Ok(Outcome::Keep(None)),
                Err(e) => return Err(anyhow::Error::from(e)),
            };
        editor.apply(Edit::ChangeText {
            doc: id,
            change: Box::new(change),
        })?;
        let after = editor.project().document(id).map_or(0, |d| d.char_len());
        Ok::<_, anyhow::Error>(Outcome::Save(
            editor.into_project(),
            Some((title, before, after, report)),
        ))
    })?
    .value;
    let Some((title, before, after, report)) = outcome else {
        writeln!(
            out,
            "unchanged: {} has the same text as the document; nothing was saved",
            file.display()
        )?;
        return Ok(());
    };
    writeln!(
        out,
        "updated “{}”: {before} → {after} chars",
        escape(&short(&title, 60))
    )?;
    print_report(&report, out)
}

/// The re-anchoring counts, then one line per annotation to check: `moved` (found
/// by context, quote or a fuzzy match) and `orphan`.
fn print_report(report: &UpdateReport, out: &mut dyn Write) -> Result<()> {
    let by: Vec<String> = AnchorMethod::ALL
        .iter()
        .map(|m| format!("{} by {}", report.count(*m), m.as_str()))
        .collect();
    writeln!(
        out,
        "re-anchored {}: {}",
        report.reanchored(),
        by.join(", ")
    )?;
    writeln!(out, "orphaned {}", report.orphaned.len())?;
    for m in &report.moved {
        writeln!(
            out,
            "moved\t{}\t{}\t{}–{}\t{}\t{}",
            m.id,
            m.method.as_str(),
            m.start,
            m.end,
            escape(&short(&m.was, 60)),
            escape(&short(&m.now, 60))
        )?;
    }
    for (id, quote, reason) in &report.orphaned {
        orphan_line(out, *id, quote, reason)?;
    }
    Ok(())
}

fn orphan_line(
    out: &mut dyn Write,
    id: crate::model::AnnotationId,
    quote: &str,
    reason: &str,
) -> Result<()> {
    writeln!(
        out,
        "orphan\t{id}\t{}\t{}",
        escape(&short(quote, 60)),
        escape(reason)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_range;

    #[test]
    fn ranges_parse_as_start_dot_dot_end() {
        assert_eq!(parse_range("12..40").ok(), Some((12, 40)));
        assert_eq!(parse_range(" 3 .. 3").ok(), Some((3, 3)));
        assert!(parse_range("40..12").is_err());
        assert!(parse_range("12-40").is_err());
        assert!(parse_range("a..4").is_err());
    }
}
