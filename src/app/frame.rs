//! One frame of the workbench: menus, panels, reader, status bar and dialogs.
//! Views only push [`Action`]s; they are applied at the end of the frame.

use super::{Dialog, DossierApp, Pending, UiCommand};
use crate::ui::palette::Page;
use crate::ui::reader::ReaderInput;
use crate::ui::{Action, documents};

impl DossierApp {
    /// Draws the whole window and applies what the user did.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions: Vec<Action> = Vec::new();

        // Shortcuts first, so a focused text field cannot swallow Ctrl+Z or Ctrl+S.
        if self.dialog.is_none() {
            actions.extend(UiCommand::pressed(&ctx).into_iter().map(Action::Ui));
        }
        let dropped: Vec<_> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.drop_files(dropped, &ctx);
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.quit_confirmed()
            && self.editor.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges(Pending::Quit));
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui, &mut actions));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if !self.messages.is_empty() || self.external_change {
            egui::Panel::top("messages").show(ui, |ui| self.banners(ui));
        }
        if self.settings.show_documents {
            egui::Panel::left("documents")
                .resizable(true)
                .default_size(220.0)
                .min_size(140.0)
                .show(ui, |ui| {
                    documents::show(ui, self.editor.project(), self.view.doc, &mut actions)
                });
        }
        if self.settings.show_annotations {
            egui::Panel::right("annotations")
                .resizable(true)
                .default_size(320.0)
                .min_size(220.0)
                .show(ui, |ui| self.annotations_panel(ui, &mut actions));
        }
        egui::CentralPanel::default().show(ui, |ui| self.reader_panel(ui, &mut actions));
        self.dialogs(&ctx);
        if let Some(mut dialog) = self.view.annotate_all.take() {
            let keep = dialog.show(
                &ctx,
                self.editor.project(),
                self.view.doc,
                &self.author,
                &mut actions,
            );
            if keep {
                self.view.annotate_all = Some(dialog);
            }
        }
        self.apply_actions(actions, &ctx);
        self.refresh_find_matches();
        self.background(&ctx);
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn drop_files(&mut self, files: Vec<std::path::PathBuf>, ctx: &egui::Context) {
        let (projects, articles): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        for a in &articles {
            self.add_article(a);
        }
        if let Some(p) = projects.into_iter().next() {
            self.request(Pending::Open(Some(p)), ctx);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [
                    UiCommand::NewProject,
                    UiCommand::OpenProject,
                    UiCommand::AddArticle,
                ] {
                    if c.menu_button(ui, true) {
                        actions.push(Action::Ui(c));
                    }
                }
                ui.separator();
                for c in [UiCommand::Save, UiCommand::SaveAs] {
                    if c.menu_button(ui, true) {
                        actions.push(Action::Ui(c));
                    }
                }
                ui.menu_button("Open recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.label("No recent projects");
                    }
                    for p in &self.settings.recent {
                        if ui.button(p.display().to_string()).clicked() {
                            actions.push(Action::OpenRecent(p.clone()));
                        }
                    }
                });
                ui.separator();
                for c in [UiCommand::CloseProject, UiCommand::Quit] {
                    if c.menu_button(ui, true) {
                        actions.push(Action::Ui(c));
                    }
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self.editor.undo_label().map(|l| format!("Undo {l}"));
                let redo = self.editor.redo_label().map(|l| format!("Redo {l}"));
                for (c, label) in [(UiCommand::Undo, undo), (UiCommand::Redo, redo)] {
                    let mut b =
                        egui::Button::new(label.clone().unwrap_or_else(|| c.label().into()));
                    if let Some(s) = c.shortcuts().first() {
                        b = b.shortcut_text(ui.ctx().format_shortcut(s));
                    }
                    if ui
                        .add_enabled(label.is_some(), b)
                        .on_hover_text(c.tooltip())
                        .clicked()
                    {
                        actions.push(Action::Ui(c));
                    }
                }
                ui.separator();
                if UiCommand::DeleteAnnotation.menu_button(ui, self.view.selected.is_some()) {
                    actions.push(Action::Ui(UiCommand::DeleteAnnotation));
                }
                if UiCommand::Find.menu_button(ui, self.view.doc.is_some()) {
                    actions.push(Action::Ui(UiCommand::Find));
                }
            });
            ui.menu_button("View", |ui| {
                for c in [UiCommand::ZoomIn, UiCommand::ZoomOut, UiCommand::ZoomReset] {
                    if c.menu_button(ui, true) {
                        actions.push(Action::Ui(c));
                    }
                }
                ui.separator();
                for (c, on) in [
                    (UiCommand::ToggleTheme, self.settings.dark),
                    (UiCommand::ToggleDocuments, self.settings.show_documents),
                    (UiCommand::ToggleAnnotations, self.settings.show_annotations),
                ] {
                    let mut v = on;
                    if ui
                        .checkbox(&mut v, c.label())
                        .on_hover_text(c.tooltip())
                        .clicked()
                    {
                        actions.push(Action::Ui(c));
                    }
                }
            });
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let path = self
                .path
                .as_ref()
                .map_or("not saved yet".to_owned(), |p| p.display().to_string());
            ui.label(path);
            ui.separator();
            ui.label(if self.editor.is_dirty() {
                "Unsaved changes"
            } else {
                "Saved"
            });
            ui.separator();
            let doc = self.view.doc.and_then(|d| self.project().document(d));
            if let Some(d) = doc {
                ui.label(format!(
                    "{} annotations here, {} in project",
                    d.annotations().len(),
                    self.project().annotation_count()
                ));
            }
            if let Some(sel) = self.view.selection.filter(|s| !s.is_empty()) {
                ui.separator();
                ui.label(format!("{} chars selected", sel.len()));
            }
        });
    }

    fn banners(&mut self, ui: &mut egui::Ui) {
        if self.external_change {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "The project file changed on disk.",
                );
                if ui
                    .button("Reload")
                    .on_hover_text("Discard this version and read the file again")
                    .clicked()
                {
                    self.reload();
                }
                if ui
                    .button("Keep mine")
                    .on_hover_text("Keep this version; the next save replaces the file")
                    .clicked()
                {
                    self.keep_mine();
                }
            });
        }
        let mut dismiss = None;
        for (i, m) in self.messages.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, m);
                if ui.small_button("Dismiss").clicked() {
                    dismiss = Some(i);
                }
            });
        }
        if let Some(i) = dismiss {
            self.messages.remove(i);
        }
    }

    fn annotations_panel(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        use super::RightTab;
        ui.horizontal(|ui| {
            for (tab, label) in [
                (RightTab::Annotations, "Annotations"),
                (RightTab::Entities, "Entities"),
                (RightTab::Search, "Search"),
            ] {
                if ui.selectable_label(self.view.tab == tab, label).clicked() {
                    self.view.tab = tab;
                }
            }
        });
        ui.separator();
        let project = self.editor.project();
        let revision = self.editor.revision();
        match self.view.tab {
            RightTab::Entities => {
                self.view
                    .entities
                    .show(ui, project, revision, self.view.entity, actions);
                return;
            }
            RightTab::Search => {
                self.view.search.show(ui, project, revision, actions);
                return;
            }
            RightTab::Annotations => {}
        }
        let Some(doc) = self.view.doc.and_then(|d| project.document(d)) else {
            ui.label("No document open.");
            return;
        };
        let selected = self.view.selected.and_then(|id| doc.annotation(id));
        if let Some(a) = selected {
            egui::Panel::bottom("inspector")
                .resizable(true)
                .default_size(300.0)
                .show(ui, |ui| {
                    ui.add_space(6.0);
                    ui.strong("Selected annotation");
                    egui::ScrollArea::vertical()
                        .id_salt("inspector-scroll")
                        .show(ui, |ui| {
                            self.view.inspector.show(
                                ui,
                                doc.id,
                                a,
                                project,
                                self.settings.dark,
                                actions,
                            );
                        });
                });
        }
        self.view
            .list
            .show(ui, project, doc, revision, self.view.selected, actions);
    }

    fn reader_panel(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let project = self.editor.project();
        let Some(doc) = self.view.doc.and_then(|d| project.document(d)) else {
            ui.centered_and_justified(|ui| {
                ui.label("Open a project (Ctrl+O) or add an article (Ctrl+Shift+O) — or drop files on this window.");
            });
            return;
        };
        if let Some(find) = self.view.find.as_mut() {
            let mut next = None;
            let mut close = false;
            ui.horizontal(|ui| {
                let label = ui.label("Find");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(find)
                            .id(egui::Id::unique("find-text"))
                            .desired_width(240.0),
                    )
                    .labelled_by(label.id);
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    next = Some(ui.input(|i| i.modifiers.shift));
                    r.request_focus();
                }
                if ui.button("Next").on_hover_text("Next match (F3)").clicked() {
                    next = Some(false);
                }
                if ui
                    .button("Previous")
                    .on_hover_text("Previous match (Shift+F3)")
                    .clicked()
                {
                    next = Some(true);
                }
                if ui.button("Close").clicked()
                    || (r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)))
                {
                    close = true;
                }
            });
            if ui.input(|i| i.key_pressed(egui::Key::F3)) {
                next = Some(ui.input(|i| i.modifiers.shift));
            }
            if close {
                self.view.find = None;
            }
            if let Some(back) = next {
                actions.push(Action::FindNext { backwards: back });
            }
            ui.separator();
        }
        ui.add_space(6.0);
        let width = (ui.available_width() - 64.0).clamp(120.0, crate::ui::reader::MAX_COLUMN_WIDTH);
        ui.vertical_centered(|ui| {
            ui.set_max_width(width);
            ui.add(egui::Label::new(egui::RichText::new(&doc.title).heading()).wrap());
            let s = &doc.source;
            let parts: Vec<&str> = [
                s.site_name.as_deref(),
                s.byline.as_deref(),
                s.published.as_deref(),
                s.url.as_deref(),
                s.file_name.as_deref(),
            ]
            .into_iter()
            .flatten()
            .filter(|p| !p.trim().is_empty())
            .collect();
            if !parts.is_empty() {
                ui.label(egui::RichText::new(parts.join(" · ")).weak());
            }
            if let Some(note) = &s.import_note {
                ui.label(egui::RichText::new(note).weak().italics());
            }
        });
        ui.add_space(4.0);
        self.tag_toolbar(ui, actions);
        let matches: &[(usize, usize)] = if self.view.find.is_some()
            && self
                .view
                .find_matches
                .0
                .as_ref()
                .is_some_and(|(d, _)| *d == doc.id)
        {
            &self.view.find_matches.1
        } else {
            &[]
        };
        let input = ReaderInput {
            matches,
            doc,
            tags: &project.tags,
            revision: self.editor.revision(),
            selection: self.view.selection,
            selected: self.view.selected,
            page: Page::new(self.settings.dark),
            font_size: self.settings.font_size,
        };
        let frame = egui::Frame::new()
            .fill(input.page.background)
            .inner_margin(egui::Margin::symmetric(0, 8));
        frame.show(ui, |ui| self.view.reader.show(ui, &input, actions));
    }

    /// Buttons to tag the current selection, one per tag, with their keys.
    fn tag_toolbar(&self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let has_selection = self.view.selection.is_some_and(|s| !s.is_empty());
        ui.horizontal(|ui| {
            ui.label(if has_selection {
                "Tag selection as:"
            } else {
                "Select text, then tag it as:"
            });
            for (i, t) in self.project().tags.tags.iter().enumerate() {
                let key = t.shortcut.map_or(format!("{}", i + 1), |k| k.to_string());
                let text = egui::RichText::new(format!("{} ({key})", t.label));
                let button =
                    egui::Button::new(text).fill(Page::new(self.settings.dark).tint(t.color));
                if ui
                    .add_enabled(has_selection, button)
                    .on_hover_text(format!(
                        "Tag the selection as {} — key {key} or {}",
                        t.label,
                        i + 1
                    ))
                    .clicked()
                {
                    actions.push(Action::TagSelection(t.key.clone()));
                }
            }
            let selected_text = self
                .view
                .selection
                .filter(|s| !s.is_empty())
                .and_then(|s| {
                    self.view
                        .doc
                        .and_then(|d| self.project().document(d))
                        .and_then(|d| d.slice(s.range().0, s.range().1))
                })
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty());
            if let Some(text) = selected_text
                && ui
                    .button("Annotate all…")
                    .on_hover_text(
                        "Find every occurrence of the selected text and tag them in one step",
                    )
                    .clicked()
                && let Some(tag) = self
                    .project()
                    .tags
                    .tags
                    .iter()
                    .find(|t| t.kind == crate::model::TagKind::Entity)
                    .or(self.project().tags.tags.first())
            {
                actions.push(Action::OpenAnnotateAll {
                    text,
                    tag: tag.key.clone(),
                    entity: None,
                    source: None,
                });
            }
        });
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.clone() else {
            return;
        };
        let mut close = false;
        match &dialog {
            Dialog::UnsavedChanges(pending) => {
                egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                    ui.heading("Save changes?");
                    ui.label(format!("“{}” has unsaved changes.", self.project().name));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            close = true;
                            if self.save() {
                                self.resume(pending.clone(), ctx);
                            }
                        }
                        if ui
                            .button("Discard")
                            .on_hover_text("Throw away the unsaved changes")
                            .clicked()
                        {
                            close = true;
                            self.discard_changes();
                            self.resume(pending.clone(), ctx);
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
            }
            Dialog::Recover(copy) => {
                egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                    ui.heading("Recover unsaved work?");
                    let of = copy.original.as_ref().map_or("an unsaved project".to_owned(), |p| p.display().to_string());
                    ui.label(format!("Dossier found unsaved changes to {of} from a session that did not end cleanly."));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            close = true;
                            self.restore(copy);
                        }
                        if ui.button("Discard").on_hover_text("Delete the recovery copy").clicked() {
                            close = true;
                            super::recovery::discard(copy);
                        }
                    });
                });
            }
        }
        if close && self.dialog.as_ref() == Some(&dialog) {
            self.dialog = None;
        }
    }
}
