//! Applying what the views asked for: the one place where the project changes.

use super::{DossierApp, Pending, UiCommand};
use crate::commands::Command;
use crate::model::{Annotation, AnnotationId, DocumentId};
use crate::ui::reader::trim;
use crate::ui::{Action, TextSelection};

impl DossierApp {
    /// Applies actions collected during a frame, in order.
    pub fn apply_actions(&mut self, actions: Vec<Action>, ctx: &egui::Context) {
        for action in actions {
            self.apply_action(action, ctx);
        }
    }

    fn apply_action(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Edit(c) => self.edit(c),
            Action::EditCoalescing(c, key) => {
                if let Err(e) = self.editor.apply_coalescing(c, Some(key)) {
                    self.messages
                        .push(format!("Could not apply the change: {e}"));
                }
            }
            Action::EndBurst => self.editor.end_burst(),
            Action::Ui(c) => self.run_command(c, ctx),
            Action::ShowDocument(id) => self.show_document(id),
            Action::SelectAnnotation { id, reveal } => self.select_annotation(id, reveal, ctx),
            Action::ClearAnnotation => self.view.selected = None,
            Action::SetSelection(sel) => self.view.selection = sel,
            Action::TagSelection(tag) => self.tag_selection(&tag),
            Action::FindNext { backwards } => self.find_next(backwards),
            Action::OpenRecent(p) => self.request(Pending::Open(Some(p)), ctx),
        }
    }

    /// Applies a command, reporting a refusal as a message.
    pub fn edit(&mut self, c: Command) {
        if let Err(e) = self.editor.apply(c) {
            self.messages
                .push(format!("Could not apply the change: {e}"));
        }
    }

    /// Shows a document in the reader.
    pub fn show_document(&mut self, id: DocumentId) {
        if self.view.doc != Some(id) {
            self.view.doc = Some(id);
            self.view.selection = None;
            self.view.selected = None;
            self.view.find_from = 0;
        }
    }

    /// Selects an annotation; `reveal` scrolls the reader to it and flashes it.
    pub fn select_annotation(&mut self, id: AnnotationId, reveal: bool, ctx: &egui::Context) {
        let Some((doc, a)) = self.project().find_annotation(id) else {
            return;
        };
        let (doc_id, start) = (doc.id, a.start);
        self.show_document(doc_id);
        self.view.selected = Some(id);
        if reveal {
            let now = ctx.input(|i| i.time);
            self.view.reader.reveal(start, Some((id, now)));
        }
    }

    /// Tags the reader's selection (trimmed of surrounding whitespace).
    pub fn tag_selection(&mut self, tag: &str) {
        let (Some(doc_id), Some(sel)) = (self.view.doc, self.view.selection) else {
            return;
        };
        let Some(doc) = self.project().document(doc_id) else {
            return;
        };
        let (s, e) = sel.range();
        let (s, e) = trim(doc, s, e);
        if s >= e {
            return;
        }
        let Some(annotation) =
            Annotation::new(doc.text(), doc.char_index(), tag, s, e, &self.author)
        else {
            return;
        };
        let id = annotation.id;
        if self
            .editor
            .apply(Command::AddAnnotation {
                doc: doc_id,
                annotation,
            })
            .is_ok()
        {
            self.view.selected = Some(id);
            self.view.selection = Some(TextSelection::caret(e));
        }
    }

    /// Runs a menu or shortcut command.
    pub fn run_command(&mut self, c: UiCommand, ctx: &egui::Context) {
        match c {
            UiCommand::NewProject => self.request(Pending::New, ctx),
            UiCommand::OpenProject => self.request(Pending::Open(None), ctx),
            UiCommand::AddArticle => self.pick_article(),
            UiCommand::Save => {
                self.save();
            }
            UiCommand::SaveAs => {
                self.save_as();
            }
            UiCommand::CloseProject => self.request(Pending::Close, ctx),
            UiCommand::Quit => self.request(Pending::Quit, ctx),
            UiCommand::Undo => self.undo_redo(true),
            UiCommand::Redo => self.undo_redo(false),
            UiCommand::DeleteAnnotation => {
                if let (Some(doc), Some(id)) = (self.view.doc, self.view.selected) {
                    self.edit(Command::RemoveAnnotation { doc, id });
                    self.view.selected = None;
                }
            }
            UiCommand::Find => {
                if self.view.find.is_none() {
                    self.view.find = Some(String::new());
                }
                ctx.memory_mut(|m| m.request_focus(egui::Id::unique("find-text")));
            }
            UiCommand::ZoomIn => self.zoom(1.0),
            UiCommand::ZoomOut => self.zoom(-1.0),
            UiCommand::ZoomReset => self.zoom(0.0),
            UiCommand::ToggleTheme => {
                self.settings.dark = !self.settings.dark;
                self.apply_look(ctx);
                self.save_settings();
            }
            UiCommand::ToggleDocuments => {
                self.settings.show_documents = !self.settings.show_documents;
                self.save_settings();
            }
            UiCommand::ToggleAnnotations => {
                self.settings.show_annotations = !self.settings.show_annotations;
                self.save_settings();
            }
        }
    }

    fn zoom(&mut self, step: f32) {
        self.settings.font_size = if step == 0.0 {
            super::settings::DEFAULT_FONT_SIZE
        } else {
            (self.settings.font_size + step).clamp(10.0, 40.0)
        };
        self.save_settings();
    }

    fn undo_redo(&mut self, undo: bool) {
        let r = if undo {
            self.editor.undo()
        } else {
            self.editor.redo()
        };
        if let Err(e) = r {
            self.messages.push(format!(
                "Could not {}: {e}",
                if undo { "undo" } else { "redo" }
            ));
        }
        // The selection may point to an annotation that no longer exists.
        if let Some(id) = self.view.selected
            && self.project().find_annotation(id).is_none()
        {
            self.view.selected = None;
        }
        if let Some(doc) = self.view.doc
            && self.project().document(doc).is_none()
        {
            self.view.doc = self.project().documents().first().map(|d| d.id);
        }
        if self.view.doc.is_none() {
            self.view.doc = self.project().documents().first().map(|d| d.id);
        }
    }

    /// Selects the next (or previous) occurrence of the find text, case-insensitively.
    pub fn find_next(&mut self, backwards: bool) {
        let (Some(needle), Some(doc_id)) = (self.view.find.clone(), self.view.doc) else {
            return;
        };
        let Some(doc) = self.project().document(doc_id) else {
            return;
        };
        if needle.is_empty() {
            return;
        }
        let hay = doc.text().to_lowercase();
        let needle_l = needle.to_lowercase();
        if hay.len() != doc.text().len() {
            // Lower-casing changed byte lengths (rare scripts): fall back to exact case.
            return self.find_exact(&needle, backwards);
        }
        let index = doc.char_index();
        let from_byte = index.byte_of(doc.text(), self.view.find_from).unwrap_or(0);
        let hit = if backwards {
            hay[..from_byte]
                .rfind(&needle_l)
                .or_else(|| hay.rfind(&needle_l))
        } else {
            let start = (from_byte + 1).min(hay.len());
            hay.get(start..)
                .and_then(|h| h.find(&needle_l))
                .map(|b| b + start)
                .or_else(|| hay.find(&needle_l))
        };
        self.select_found(hit, needle.chars().count());
    }

    fn find_exact(&mut self, needle: &str, backwards: bool) {
        let Some(doc) = self.view.doc.and_then(|d| self.project().document(d)) else {
            return;
        };
        let from_byte = doc
            .char_index()
            .byte_of(doc.text(), self.view.find_from)
            .unwrap_or(0);
        let t = doc.text();
        let hit = if backwards {
            t[..from_byte].rfind(needle).or_else(|| t.rfind(needle))
        } else {
            let start = t.ceil_char_boundary((from_byte + 1).min(t.len()));
            t[start..]
                .find(needle)
                .map(|b| b + start)
                .or_else(|| t.find(needle))
        };
        self.select_found(hit, needle.chars().count());
    }

    fn select_found(&mut self, hit: Option<usize>, len: usize) {
        let Some(doc) = self.view.doc.and_then(|d| self.project().document(d)) else {
            return;
        };
        match hit.and_then(|b| doc.char_index().char_of(doc.text(), b)) {
            Some(start) => {
                self.view.find_from = start;
                self.view.selection = Some(TextSelection {
                    anchor: start,
                    cursor: start + len,
                });
                self.view.reader.reveal(start, None);
            }
            None => self.messages.push("Not found.".into()),
        }
    }
}
