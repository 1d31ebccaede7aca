//! Applying what the views asked for: the one place where the project and the
//! app's state change.

use super::{DossierApp, UiCommand};
use crate::commands::{Command, analyst};
use crate::model::{Annotation, AnnotationId, DocumentId, EntityId};
use crate::ui::annotate_all::AnnotateAll;
use crate::ui::dialogs::Dialog;
use crate::ui::reader::Reader;
use crate::ui::{Action, Pending, RightTab, TextSelection};

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
                    self.report(format!("Could not apply the change: {e}"));
                }
            }
            Action::EndBurst => self.editor.end_burst(),
            Action::Ui(c) => self.run_command(c, ctx),
            Action::Error(message) => self.report(message),
            Action::ShowDocument(id) => self.show_document(id),
            Action::SelectAnnotation { id, reveal } => self.select_annotation(id, reveal, ctx),
            Action::ClearAnnotation => self.view.selected = None,
            Action::SetSelection(sel) => self.view.selection = sel,
            Action::TagSelection(tag) => self.tag_selection(&tag),
            Action::FindNext { backwards } => self.find_next(backwards),
            Action::RevealRange(sel) => {
                self.view.selection = Some(sel);
                self.view.center.reader.reveal(sel.range().0, None);
            }
            Action::SelectEntity(id) => {
                self.view.entity = id;
                if id.is_some() {
                    self.view.right.tab = RightTab::Entities;
                }
            }
            Action::StepMention { entity, forward } => self.step_mention(entity, forward, ctx),
            Action::AcceptSuggestion => self.accept_suggestion(),
            Action::OpenAnnotateAll {
                text,
                tag,
                entity,
                source,
            } => {
                self.view.annotate_all = Some(AnnotateAll::new(text, tag, entity, source));
            }
            Action::CloseAnnotateAll => self.view.annotate_all = None,
            Action::SetTab(tab) => self.view.right.tab = tab,
            Action::OpenFiles(files) => self.open_files(files, ctx),
            Action::Request(pending) => self.request(pending, ctx),
            Action::SaveThen(pending) => {
                self.dialog = None;
                if self.save() {
                    self.resume(pending, ctx);
                }
            }
            Action::DiscardThen(pending) => {
                self.dialog = None;
                self.discard_changes();
                self.resume(pending, ctx);
            }
            Action::CloseDialog => self.dialog = None,
            Action::RestoreRecovery(copy) => {
                self.dialog = None;
                self.restore(&copy);
            }
            Action::DiscardRecovery(copy) => {
                self.dialog = None;
                if let Err(e) = crate::store::recovery::discard(&copy) {
                    self.report(e.to_string());
                }
            }
            Action::ReloadFromDisk => self.reload(),
            Action::KeepMine => self.keep_mine(),
            Action::DismissMessage(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
            }
            Action::Export { format, path } => self.export_to(format, path),
            Action::ImportAnnotations { format, paths } => self.import_annotations(format, paths),
        }
    }

    /// Shows a message until the user dismisses it (the same one only once).
    pub fn report(&mut self, message: String) {
        if !self.messages.contains(&message) {
            self.messages.push(message);
        }
    }

    /// Applies a command, reporting a refusal as a message.
    pub fn edit(&mut self, c: Command) {
        if let Err(e) = self.editor.apply(c) {
            self.report(format!("Could not apply the change: {e}"));
        }
    }

    /// Shows a document in the reader.
    pub fn show_document(&mut self, id: DocumentId) {
        if self.view.doc != Some(id) {
            self.view.doc = Some(id);
            self.view.selection = None;
            self.view.selected = None;
            self.view.find.from = 0;
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
            self.view.center.reader.reveal(start, Some((id, now)));
        }
    }

    /// Tags the reader's selection (trimmed of surrounding white space).
    pub fn tag_selection(&mut self, tag: &str) {
        let (Some(doc_id), Some(sel)) = (self.view.doc, self.view.selection) else {
            return;
        };
        let Some(doc) = self.project().document(doc_id) else {
            return;
        };
        let (s, e) = sel.range();
        let (s, e) = doc.trim_span(s, e);
        if s >= e {
            return;
        }
        let Some(annotation) =
            Annotation::new(doc.text(), doc.char_index(), tag, s, e, &self.author)
        else {
            return;
        };
        let id = annotation.id;
        match self.editor.apply(Command::AddAnnotation {
            doc: doc_id,
            annotation,
        }) {
            Ok(()) => {
                self.view.selected = Some(id);
                self.view.selection = Some(TextSelection::caret(e));
            }
            Err(e) => self.report(format!("Could not tag the selection: {e}")),
        }
    }

    /// Enter on a fresh mention: link it to the best suggestion, or create its entity.
    fn accept_suggestion(&mut self) {
        let (Some(doc), Some(id)) = (self.view.doc, self.view.selected) else {
            return;
        };
        let Some(a) = self.project().document(doc).and_then(|d| d.annotation(id)) else {
            return;
        };
        if let Some(c) = analyst::accept_suggestion(self.project(), doc, a) {
            self.edit(c);
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
            UiCommand::Find => self.view.center.find.open(ctx),
            UiCommand::FindNext | UiCommand::FindPrevious => {
                if self.view.center.find.needle().is_some() {
                    self.find_next(c == UiCommand::FindPrevious);
                } else {
                    self.view.center.find.open(ctx);
                }
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
            self.report(format!(
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
        if self
            .view
            .doc
            .is_none_or(|doc| self.project().document(doc).is_none())
        {
            self.view.doc = self.project().documents().first().map(|d| d.id);
        }
    }

    /// Selects the next or previous mention of an entity, in project order, relative
    /// to the selected annotation.
    pub fn step_mention(&mut self, entity: EntityId, forward: bool, ctx: &egui::Context) {
        let mentions = self.project().mentions(entity);
        if mentions.is_empty() {
            return;
        }
        let at = self
            .view
            .selected
            .and_then(|s| mentions.iter().position(|(_, a)| *a == s));
        let next = match (at, forward) {
            (Some(i), true) => (i + 1) % mentions.len(),
            (Some(i), false) => (i + mentions.len() - 1) % mentions.len(),
            (None, true) => 0,
            (None, false) => mentions.len() - 1,
        };
        let (_, id) = mentions[next];
        self.select_annotation(id, true, ctx);
    }

    /// Recomputes the find bar's matches in the current document when the text changed.
    pub fn refresh_find_matches(&mut self) {
        let key = self
            .view
            .doc
            .zip(self.view.center.find.needle().map(str::to_owned));
        if self.view.find.key == key {
            return;
        }
        let matches = match &key {
            Some((d, t)) => self
                .project()
                .document(*d)
                .map(|doc| {
                    crate::model::search::find_in_document(
                        doc,
                        t,
                        crate::model::search::SearchOptions::default(),
                    )
                })
                .unwrap_or_default(),
            None => Vec::new(),
        };
        self.view.find.key = key;
        self.view.find.matches = matches;
    }

    /// Selects the next (or previous) match of the find bar (case-insensitive), wrapping.
    pub fn find_next(&mut self, backwards: bool) {
        self.refresh_find_matches();
        let matches = &self.view.find.matches;
        if matches.is_empty() {
            return;
        }
        let from = self.view.find.from;
        let hit = if backwards {
            matches.iter().rev().find(|m| m.0 < from).or(matches.last())
        } else {
            matches
                .iter()
                .find(|m| m.0 > from || (m.0 == from && self.view.selection.is_none()))
                .or(matches.first())
        };
        if let Some(&(s, e)) = hit {
            self.view.find.from = s;
            self.view.selection = Some(TextSelection {
                anchor: s,
                cursor: e,
            });
            self.view.center.reader.reveal(s, None);
        }
    }

    /// Does `pending` now, or asks first if there are unsaved changes.
    pub fn request(&mut self, pending: Pending, ctx: &egui::Context) {
        if self.editor.is_dirty() && !self.project().documents().is_empty() {
            self.dialog = Some(Dialog::UnsavedChanges(pending));
        } else {
            self.resume(pending, ctx);
        }
    }

    /// Puts the keyboard in the reader.
    pub fn focus_reader(&self, ctx: &egui::Context) {
        ctx.memory_mut(|m| m.request_focus(Reader::id()));
    }
}
