//! Builders for changes of a document's text, for the reader's gestures (select
//! text and delete it, type a correction), the File menu's "Update article…" and
//! the Orphans list. Each returns one [`Command::ChangeText`] — one undo step —
//! built against the project as it is now, so the caller can look at what it
//! will do (how many annotations it orphans) before applying it.

use super::{Command, CommandError};
use crate::anchor::{self, UpdateReport};
use crate::model::{AnnotationId, DocumentId, Project, SourceMeta};

/// Replaces chars `start..end` of `doc` with `replacement` (a correction); its
/// annotations follow, those left without text become orphans.
pub fn edit(
    p: &Project,
    doc: DocumentId,
    start: usize,
    end: usize,
    replacement: &str,
) -> Result<Command, CommandError> {
    let change = anchor::edit_text(p, doc, start, end, replacement)?;
    Ok(Command::ChangeText {
        doc,
        change: Box::new(change),
    })
}

/// Deletes chars `start..end` of `doc` (trimming junk).
pub fn delete(
    p: &Project,
    doc: DocumentId,
    start: usize,
    end: usize,
) -> Result<Command, CommandError> {
    edit(p, doc, start, end, "")
}

/// Replaces `doc`'s text with a new version of the article, re-anchoring every
/// annotation; with the report of what happened to each.
pub fn update(
    p: &Project,
    doc: DocumentId,
    text: &str,
    source: Option<SourceMeta>,
) -> Result<(Command, UpdateReport), CommandError> {
    let (change, report) = anchor::update_text(p, doc, text, source)?;
    Ok((
        Command::ChangeText {
            doc,
            change: Box::new(change),
        },
        report,
    ))
}

/// Brings orphan `id` of `doc` back at `ranges`, or where its quote is found.
pub fn restore_orphan(
    p: &Project,
    doc: DocumentId,
    id: AnnotationId,
    ranges: Option<&[(usize, usize)]>,
) -> Result<Command, CommandError> {
    let change = anchor::restore_orphan(p, doc, id, ranges)?;
    Ok(Command::ChangeText {
        doc,
        change: Box::new(change),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::commands::Editor;
    use crate::model::Document;

    #[test]
    fn a_deletion_is_one_undo_step() {
        let d = Document::new("d", SourceMeta::default(), "Share this. Real text.");
        let doc = d.id;
        let mut e = Editor::new(Project::new("p"));
        e.apply(Command::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .unwrap();
        let before = e.project().clone();
        e.apply(delete(e.project(), doc, 0, 12).unwrap()).unwrap();
        assert_eq!(e.project().documents()[0].text(), "Real text.");
        assert_eq!(e.undo_label(), Some("Delete “Share this.”"));
        e.undo().unwrap();
        assert_eq!(e.project(), &before);
        assert!(matches!(
            edit(e.project(), doc, 3, 99, "x"),
            Err(CommandError::Text(anchor::TextError::BadRange { .. }))
        ));
    }
}
