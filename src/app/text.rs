//! Changing a document's text from the app: an edit (trim, correct), a new
//! version of the article, an orphan restored. Each is one undo step.

use super::DossierApp;
use crate::anchor::{self, TextChange};
use crate::commands::Command;
use crate::import;
use crate::model::text::count;
use crate::model::{AnnotationId, DocumentId};
use crate::ui::TextSelection;
use crate::ui::file_dialog::Purpose;
use std::path::PathBuf;

impl DossierApp {
    /// Replaces chars `range` of `doc` with `replacement`; annotations follow.
    pub fn edit_text(&mut self, doc: DocumentId, range: (usize, usize), replacement: String) {
        match anchor::edit_text(self.project(), doc, range.0, range.1, &replacement) {
            Ok(change) => {
                let orphaned = change.orphaned.len();
                if self.apply_text_change(doc, change) {
                    let caret = range.0 + replacement.chars().count();
                    self.view.selection = Some(TextSelection::caret(caret));
                    if orphaned > 0 {
                        self.report(format!(
                            "{} lost {} text; listed under Orphans, where {} can be restored.",
                            count(orphaned, "annotation"),
                            if orphaned == 1 { "its" } else { "their" },
                            if orphaned == 1 { "it" } else { "they" },
                        ));
                    }
                }
            }
            Err(anchor::TextError::Unchanged) => {}
            Err(e) => self.report(format!("Could not edit the text: {e}")),
        }
    }

    /// Imports a new version of `doc`'s article (`None`: the document in the
    /// reader) from `path` (`None`: ask for the file) and re-anchors its annotations.
    pub fn update_article(
        &mut self,
        doc: Option<DocumentId>,
        path: Option<PathBuf>,
        ctx: &egui::Context,
    ) {
        let Some(doc) = doc.or(self.view.doc) else {
            self.report("Open the document to update first.".into());
            return;
        };
        let Some(path) = path else {
            self.ask_for_file(Purpose::UpdateArticle(doc), ctx);
            return;
        };
        let new = match import::import_file(&path) {
            Ok(d) => d,
            Err(e) => {
                self.report(format!("Could not import: {e}"));
                return;
            }
        };
        let mut source = new.source.clone();
        source.imported = Some(crate::model::now());
        match anchor::update_text(self.project(), doc, new.text(), Some(source)) {
            Ok((change, report)) => {
                if self.apply_text_change(doc, change) {
                    self.show_document(doc);
                    self.report(format!(
                        "Updated from {}: {}.{}",
                        path.display(),
                        report.summary(),
                        if report.orphaned.is_empty() {
                            ""
                        } else {
                            " The orphans are listed above the annotations, to restore."
                        }
                    ));
                }
            }
            Err(anchor::TextError::Unchanged) => self.report(format!(
                "{} has the same text as the document; nothing changed.",
                path.display()
            )),
            Err(e) => self.report(format!("Could not update the article: {e}")),
        }
    }

    /// Brings an orphan back: at the reader's selection in its document if there is
    /// one, else where its quote is found.
    pub fn restore_orphan(&mut self, doc: DocumentId, id: AnnotationId) {
        let selected = self
            .view
            .selection
            .filter(|s| !s.is_empty() && self.view.doc == Some(doc))
            .and_then(|s| {
                let d = self.project().document(doc)?;
                let (s, e) = d.trim_span(s.range().0, s.range().1);
                (s < e).then_some([(s, e)])
            });
        match anchor::restore_orphan(self.project(), doc, id, selected.as_ref().map(|r| &r[..])) {
            Ok(change) => {
                if self.apply_text_change(doc, change) {
                    self.show_document(doc);
                    self.view.selected = Some(id);
                }
            }
            Err(e) => self.report(format!("Could not restore the annotation: {e}")),
        }
    }

    /// Applies a text change as one undo step; returns whether it was applied.
    fn apply_text_change(&mut self, doc: DocumentId, change: TextChange) -> bool {
        let applied = self.editor.apply(Command::ChangeText {
            doc,
            change: Box::new(change),
        });
        self.after_text_change();
        match applied {
            Ok(()) => true,
            Err(e) => {
                self.report(format!("Could not change the text: {e}"));
                false
            }
        }
    }

    /// Keeps the view in step after a step that may have changed a text (an edit,
    /// an update, an undo or redo of one): find matches are computed again, a
    /// selected annotation that became an orphan is deselected, the selection stays
    /// inside the text.
    pub(super) fn after_text_change(&mut self) {
        self.view.find.key = None;
        if let Some(id) = self.view.selected
            && self.project().find_annotation(id).is_none()
        {
            self.view.selected = None;
        }
        let len = self
            .view
            .doc
            .and_then(|d| self.project().document(d))
            .map(|d| d.char_len());
        if let (Some(sel), Some(len)) = (self.view.selection.as_mut(), len) {
            sel.anchor = sel.anchor.min(len);
            sel.cursor = sel.cursor.min(len);
        }
    }
}
