//! Applying what the views asked for: the one place where the project and the
//! app's state change.

use super::{DossierApp, UiCommand};
use crate::commands::{Command, analyst};
use crate::model::{Annotation, AnnotationId, DocumentId, EntityId, TagKind, span};
use crate::ui::annotate_all::AnnotateAll;
use crate::ui::dialogs::Dialog;
use crate::ui::reader::Edge;
use crate::ui::reader::Reader;
use crate::ui::rename::{Rename, RenameTarget};
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
                self.save_then(Some(pending), ctx);
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
            Action::ReloadFromDisk => self.reload(ctx),
            Action::CancelJob(i) => self.cancel_job(i),
            Action::FocusReader => self.focus_reader(ctx),
            Action::FileChosen { purpose, paths } => {
                self.view.file_dialog = None;
                self.file_chosen(purpose, paths, ctx);
            }
            Action::CloseFileDialog => self.view.file_dialog = None,
            Action::OpenSample(path) => {
                if self.editor.is_dirty() && !self.project().documents().is_empty() {
                    self.report("Save or close this project first, then open the sample.".into());
                } else {
                    self.open_sample_copy(&path);
                }
            }
            Action::CloseTags => {
                self.view.tag_editor = None;
                self.focus_reader(ctx);
            }
            Action::Rename(target) => self.open_rename(target, ctx),
            Action::CloseRename => self.view.rename = None,
            Action::RenameTo(target, name) => self.rename_to(target, name),
            Action::ClosePalette => {
                self.view.palette = None;
                self.focus_reader(ctx);
            }
            Action::KeepMine => self.keep_mine(),
            Action::DismissMessage(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
            }
            Action::EditText {
                doc,
                range,
                replacement,
            } => self.edit_text(doc, range, replacement),
            Action::UpdateArticle { doc, path } => self.update_article(doc, path, ctx),
            Action::RestoreOrphan { doc, id } => self.restore_orphan(doc, id),
            Action::SetAuthor(name) => self.set_author(&name),
            Action::AskAuthor => self.ask_author(),
            Action::MarkResolved => self.mark_resolved(ctx),
            Action::OpenCompare(path) => self.open_compare(path, ctx),
            Action::Export { format, path } => self.export_to(format, path, ctx),
            Action::ImportAnnotations { format, paths } => {
                self.import_annotations(format, paths, ctx)
            }
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

    /// Tags the reader's selection (trimmed of surrounding white space, and for a
    /// mention of an entity of punctuation and quotes too). With no text selected
    /// but an annotation selected, retags that annotation instead.
    pub fn tag_selection(&mut self, tag: &str) {
        let Some(doc_id) = self.view.doc else {
            return;
        };
        let text_selected = self.view.selection.filter(|s| !s.is_empty());
        let Some(sel) = text_selected else {
            if let Some(id) = self.view.selected
                && let Some(a) = self
                    .project()
                    .document(doc_id)
                    .and_then(|d| d.annotation(id))
                && a.tag != tag
            {
                self.edit(Command::RetagAnnotation {
                    doc: doc_id,
                    id,
                    tag: tag.to_owned(),
                });
            }
            return;
        };
        let Some(doc) = self.project().document(doc_id) else {
            return;
        };
        let (s, e) = sel.range();
        let (s, e) = doc.trim_span(s, e);
        let mention = self.project().tags.get(tag).map(|t| t.kind) == Some(TagKind::Entity);
        let (s, e) = if mention {
            crate::model::span::trim_mention(doc, s, e)
        } else {
            (s, e)
        };
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
            UiCommand::AddArticle => self.pick_article(ctx),
            UiCommand::Save => {
                self.save(ctx);
            }
            UiCommand::SaveAs => self.save_as(ctx),
            UiCommand::CloseProject => self.request(Pending::Close, ctx),
            UiCommand::Quit => self.request(Pending::Quit, ctx),
            UiCommand::Undo => self.undo_redo(true),
            UiCommand::Redo => self.undo_redo(false),
            UiCommand::DeleteAnnotation => {
                // The selected annotation, else the innermost one under the caret.
                let target = self.view.selected.or_else(|| self.annotation_at_caret());
                if let (Some(doc), Some(id)) = (self.view.doc, target) {
                    self.edit(Command::RemoveAnnotation { doc, id });
                    self.view.selected = None;
                }
            }
            UiCommand::StartWordLeft => self.move_edge(Edge::Start, false, true),
            UiCommand::StartWordRight => self.move_edge(Edge::Start, true, true),
            UiCommand::EndWordLeft => self.move_edge(Edge::End, false, true),
            UiCommand::EndWordRight => self.move_edge(Edge::End, true, true),
            UiCommand::StartCharLeft => self.move_edge(Edge::Start, false, false),
            UiCommand::StartCharRight => self.move_edge(Edge::Start, true, false),
            UiCommand::EndCharLeft => self.move_edge(Edge::End, false, false),
            UiCommand::EndCharRight => self.move_edge(Edge::End, true, false),
            UiCommand::NextAnnotation => self.step_annotation(true, ctx),
            UiCommand::PreviousAnnotation => self.step_annotation(false, ctx),
            UiCommand::Find => self.view.center.find.open(ctx),
            UiCommand::FindNext | UiCommand::FindPrevious => {
                if self.view.center.find.needle().is_some() {
                    self.find_next(c == UiCommand::FindPrevious);
                } else {
                    self.view.center.find.open(ctx);
                }
            }
            UiCommand::CommandPalette => {
                self.view.palette = Some(Default::default());
                ctx.memory_mut(|m| m.request_focus(crate::ui::palette::Palette::field_id()));
            }
            UiCommand::ShowShortcuts => self.view.help = !self.view.help,
            UiCommand::AddFragment => self.add_fragment(),
            UiCommand::EditTags => {
                self.view.tag_editor = match self.view.tag_editor {
                    Some(_) => None,
                    None => Some(Default::default()),
                }
            }
            UiCommand::RenameProject => self.open_rename(RenameTarget::Project, ctx),
            UiCommand::RenameDocument => {
                if let Some(doc) = self.view.doc {
                    self.open_rename(RenameTarget::Document(doc), ctx);
                }
            }
            UiCommand::FocusNextPane => self.focus_pane(true, ctx),
            UiCommand::FocusPreviousPane => self.focus_pane(false, ctx),
            UiCommand::ZoomIn => self.zoom(Some(0.1), ctx),
            UiCommand::ZoomOut => self.zoom(Some(-0.1), ctx),
            UiCommand::ZoomReset => self.zoom(None, ctx),
            UiCommand::TextLarger => self.text_size(1.0),
            UiCommand::TextSmaller => self.text_size(-1.0),
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

    /// Adds the text selection to the selected annotation as a fragment.
    fn add_fragment(&mut self) {
        let (Some(doc), Some(id)) = (self.view.doc, self.view.selected) else {
            self.report("Select an annotation first, then the text to add to it.".into());
            return;
        };
        let Some(sel) = self.view.selection.filter(|s| !s.is_empty()) else {
            self.report("Select the text to add to the annotation (Ctrl+drag).".into());
            return;
        };
        match analyst::add_fragment(self.project(), doc, id, sel.range()) {
            Ok(c) => {
                self.edit(c);
                self.view.selection = None;
            }
            Err(e) => self.report(format!("Could not add the fragment: {e}")),
        }
    }

    /// Renames the project, a document or an entity (one undo step).
    fn rename_to(&mut self, target: RenameTarget, name: String) {
        let command = match target {
            RenameTarget::Project => Command::RenameProject { name },
            RenameTarget::Document(id) => Command::RenameDocument { id, title: name },
            RenameTarget::Entity(id) => match self.project().entity(id) {
                Some(e) => Command::ReplaceEntity {
                    entity: crate::model::Entity { name, ..e.clone() },
                },
                None => return,
            },
        };
        self.edit(command);
    }

    /// Opens the rename window for the project or a document, its name selected.
    fn open_rename(&mut self, target: RenameTarget, ctx: &egui::Context) {
        let name = match target {
            RenameTarget::Project => self.project().name.clone(),
            RenameTarget::Document(id) => match self.project().document(id) {
                Some(d) => d.title.clone(),
                None => return,
            },
            RenameTarget::Entity(id) => match self.project().entity(id) {
                Some(e) => e.name.clone(),
                None => return,
            },
        };
        self.view.rename = Some(Rename::new(target, &name));
        ctx.memory_mut(|m| m.request_focus(Rename::field_id()));
    }

    /// Scales the whole interface (`None`: back to 1), keeping the paragraph at the
    /// top of the reader there.
    fn zoom(&mut self, step: Option<f32>, ctx: &egui::Context) {
        self.settings.zoom = match step {
            None => 1.0,
            Some(s) => ((self.settings.zoom + s) * 10.0).round() / 10.0,
        }
        .clamp(0.5, 3.0);
        ctx.set_zoom_factor(self.settings.zoom);
        self.view.center.reader.keep_top();
        self.save_settings();
    }

    fn text_size(&mut self, step: f32) {
        self.settings.font_size = (self.settings.font_size + step).clamp(10.0, 40.0);
        self.view.center.reader.keep_top();
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
        self.after_text_change();
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

    /// Moves one edge of the selected annotation by a word or a char (one undo step).
    fn move_edge(&mut self, edge: Edge, forward: bool, by_word: bool) {
        let (Some(doc_id), Some(id)) = (self.view.doc, self.view.selected) else {
            return;
        };
        let Some(d) = self.project().document(doc_id) else {
            return;
        };
        let Some(a) = d.annotation(id) else {
            return;
        };
        let mut ranges: Vec<(usize, usize)> = a.ranges().collect();
        let step = |pos: usize| match (by_word, forward) {
            (true, true) => span::word_right(d, pos),
            (true, false) => span::word_left(d, pos),
            (false, true) => (pos + 1).min(d.char_len()),
            (false, false) => pos.saturating_sub(1),
        };
        match edge {
            Edge::Start => {
                if let Some(first) = ranges.first_mut() {
                    first.0 = step(first.0).min(first.1.saturating_sub(1));
                }
            }
            Edge::End => {
                if let Some(last) = ranges.last_mut() {
                    last.1 = step(last.1).max(last.0 + 1);
                }
            }
        }
        match analyst::reshape(self.project(), doc_id, id, &ranges) {
            Ok(c) => self.edit(c),
            // At the text's edge, or already one char: nothing to do.
            Err(crate::commands::CommandError::Empty) => {}
            Err(e) => self.report(format!("Could not move the edge: {e}")),
        }
    }

    /// The innermost annotation covering the caret (an empty selection), if any.
    fn annotation_at_caret(&self) -> Option<AnnotationId> {
        let sel = self.view.selection.filter(|s| s.is_empty())?;
        let doc = self.project().document(self.view.doc?)?;
        doc.annotations()
            .iter()
            .filter(|a| a.covers(sel.cursor))
            .min_by_key(|a| a.len())
            .map(|a| a.id)
    }

    /// Selects the next (or previous) annotation of the document after the selected
    /// one, or after the caret, and scrolls to it.
    fn step_annotation(&mut self, forward: bool, ctx: &egui::Context) {
        let Some(doc) = self.view.doc.and_then(|d| self.project().document(d)) else {
            return;
        };
        let anns = doc.annotations();
        if anns.is_empty() {
            return;
        }
        let here = self
            .view
            .selected
            .and_then(|id| doc.annotation(id))
            .map(|a| anns.position_of_key(a.sort_key()));
        let next = match (here.flatten(), forward) {
            (Some(i), true) => (i + 1).min(anns.len() - 1),
            (Some(i), false) => i.saturating_sub(1),
            (None, true) => {
                let caret = self.view.selection.map_or(0, |s| s.cursor);
                anns.first_from(caret).min(anns.len() - 1)
            }
            (None, false) => {
                let caret = self.view.selection.map_or(doc.char_len(), |s| s.cursor);
                anns.first_from(caret).saturating_sub(1)
            }
        };
        if let Some(a) = anns.get(next) {
            let id = a.id;
            self.select_annotation(id, true, ctx);
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

    /// Moves the keyboard to the next (or previous) pane: documents → reader →
    /// annotation list → inspector, skipping hidden ones.
    pub fn focus_pane(&mut self, forward: bool, ctx: &egui::Context) {
        use crate::ui::{annotations::AnnotationList, documents, inspector::Inspector};
        let mut panes: Vec<egui::Id> = Vec::new();
        if self.settings.show_documents
            && let Some(doc) = self.view.doc
        {
            panes.push(documents::row_id(doc));
        }
        panes.push(Reader::id());
        if self.settings.show_annotations {
            self.view.right.tab = RightTab::Annotations;
            panes.push(AnnotationList::filter_id());
            if self.view.selected.is_some() {
                panes.push(Inspector::note_id());
            }
        }
        let focused = ctx.memory(|m| m.focused());
        let at = focused.and_then(|f| panes.iter().position(|p| *p == f));
        let next = match (at, forward) {
            (Some(i), true) => (i + 1) % panes.len(),
            (Some(i), false) => (i + panes.len() - 1) % panes.len(),
            // From anywhere else, start with the reader.
            (None, _) => panes.iter().position(|p| *p == Reader::id()).unwrap_or(0),
        };
        if let Some(id) = panes.get(next) {
            ctx.memory_mut(|m| m.request_focus(*id));
        }
    }

    /// Puts the keyboard in the reader.
    pub fn focus_reader(&self, ctx: &egui::Context) {
        ctx.memory_mut(|m| m.request_focus(Reader::id()));
    }
}
