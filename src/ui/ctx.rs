//! What every view reads: one shared, read-only context per frame.

use super::TextSelection;
use super::theme::Page;
use crate::model::{AnnotationId, Document, EntityId, Project};

/// The state a view reads. Views never change the project: they push
/// [`super::Action`]s, which the app applies after the frame.
#[derive(Clone, Copy)]
pub struct ViewCtx<'a> {
    /// The project.
    pub project: &'a Project,
    /// Changes whenever the project changes (edit, undo, redo); views key caches on it.
    pub revision: u64,
    /// What the last steps changed, for views that update their caches in place.
    pub changes: &'a crate::commands::ChangeLog,
    /// The document in the reader.
    pub doc: Option<&'a Document>,
    /// The reader's text selection.
    pub selection: Option<TextSelection>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The entity whose page is shown.
    pub entity: Option<EntityId>,
    /// Colours of the theme egui is drawing with.
    pub theme: Page,
    /// Body text size of the reader, in points.
    pub font_size: f32,
    /// The name stamped on new annotations.
    pub author: &'a str,
}

impl ViewCtx<'_> {
    /// The selected annotation, if it is in the current document.
    pub fn selected_annotation(&self) -> Option<&crate::model::Annotation> {
        self.doc
            .zip(self.selected)
            .and_then(|(d, id)| d.annotation(id))
    }

    /// The selected text of the current document, trimmed; `None` when empty.
    pub fn selected_text(&self) -> Option<&str> {
        let sel = self.selection.filter(|s| !s.is_empty())?;
        let (s, e) = sel.range();
        self.doc?
            .slice(s, e)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }
}
