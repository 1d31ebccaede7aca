//! One frame of the workbench: input, menus, panels, reader, status bar and
//! dialogs. Views only push [`Action`]s; they are applied at the end of the frame.

use super::DossierApp;
use crate::ui::menu::MenuState;
use crate::ui::theme::Page;
use crate::ui::{Action, Pending, ViewCtx, banners, dialogs, documents, menu, status};

impl DossierApp {
    /// Draws the whole window and applies what the user did.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ectx = ui.ctx().clone();
        let mut actions: Vec<Action> = Vec::new();
        self.poll_jobs(&ectx);
        self.input(&ectx, &mut actions);
        self.refresh_find_matches();
        self.draw(ui, &mut actions);
        self.apply_actions(actions, &ectx);
        self.refresh_find_matches();
        self.background(&ectx);
        let title = self.window_title();
        if title != self.title {
            ectx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// Window-level input: shortcuts (before any text field can swallow Ctrl+Z or
    /// Ctrl+S), dropped files, and the window's close button.
    fn input(&mut self, ectx: &egui::Context, actions: &mut Vec<Action>) {
        if self.dialog.is_none() {
            actions.extend(super::shortcut_actions(ectx));
        }
        let dropped: Vec<_> = ectx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            actions.push(Action::OpenFiles(dropped));
        }
        if ectx.input(|i| i.viewport().close_requested())
            && !self.quit_confirmed
            && self.editor.is_dirty()
        {
            ectx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            actions.push(Action::Request(Pending::Quit));
        }
    }

    /// Draws every view from the current state; they push what the user did.
    fn draw(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let project = self.editor.project();
        let ctx = ViewCtx {
            project,
            revision: self.editor.revision(),
            changes: self.editor.changes(),
            doc: self.view.doc.and_then(|d| project.document(d)),
            selection: self.view.selection,
            selected: self.view.selected,
            entity: self.view.entity,
            theme: Page::from_visuals(ui.visuals()),
            font_size: self.settings.font_size,
            author: &self.author,
        };
        let menu_state = MenuState {
            undo: self.editor.undo_label(),
            redo: self.editor.redo_label(),
            recent: &self.settings.recent,
            has_selected: ctx.selected.is_some(),
            has_document: ctx.doc.is_some(),
            dark: self.settings.dark,
            show_documents: self.settings.show_documents,
            show_annotations: self.settings.show_annotations,
        };
        egui::Panel::top("menu").show(ui, |ui| menu::show(ui, &menu_state, actions));
        egui::Panel::bottom("status").show(ui, |ui| {
            status::show(ui, &ctx, self.path.as_deref(), self.editor.is_dirty())
        });
        let conflicts = project.conflicts().len();
        if !self.messages.is_empty()
            || self.external_change
            || !self.jobs.is_empty()
            || conflicts > 0
        {
            let jobs: Vec<banners::JobLine> = self
                .jobs
                .iter()
                .map(|j| banners::JobLine {
                    label: j.label.clone(),
                    seconds: j.started.elapsed().as_secs_f64(),
                })
                .collect();
            egui::Panel::top("messages").show(ui, |ui| {
                banners::show(ui, &self.messages, self.external_change, &jobs, actions);
                crate::ui::conflicts::banner(ui, conflicts, actions);
            });
        }
        // Side panels start narrower in a small window, so the reader keeps a
        // readable column (at 900 px: 180 + 270, leaving ~430 for the text).
        let width = ui.available_width();
        if self.settings.show_documents {
            egui::Panel::left("documents")
                .resizable(true)
                .default_size((width * 0.2).clamp(140.0, 220.0))
                .min_size(140.0)
                .show(ui, |ui| documents::show(ui, &ctx, actions));
        }
        if self.settings.show_annotations {
            egui::Panel::right("annotations")
                .resizable(true)
                .default_size((width * 0.3).clamp(240.0, 320.0))
                .min_size(220.0)
                .show(ui, |ui| self.view.right.show(ui, &ctx, actions));
        }
        let matches = match (&self.view.find.key, ctx.doc) {
            (Some((d, _)), Some(doc)) if *d == doc.id => self.view.find.matches.as_slice(),
            _ => &[],
        };
        let sample = super::sample_project();
        let welcome = crate::ui::welcome::Welcome {
            recent: &self.settings.recent,
            sample: sample.as_deref(),
        };
        egui::CentralPanel::default().show(ui, |ui| {
            self.view.center.show(ui, &ctx, matches, &welcome, actions)
        });
        if let Some(dialog) = &self.dialog {
            dialogs::show(ui.ctx(), dialog, &project.name, actions);
        }
        if let Some(all) = self.view.annotate_all.as_mut() {
            all.show(ui.ctx(), &ctx, actions);
        }
        if self.view.help && !crate::ui::help::show(ui.ctx(), &ctx, actions) {
            actions.push(Action::Ui(crate::ui::UiCommand::ShowShortcuts));
        }
        if let Some(dialog) = self.view.file_dialog.as_mut()
            && !dialog.show(ui.ctx(), actions)
            && !actions
                .iter()
                .any(|a| matches!(a, Action::FileChosen { .. }))
        {
            actions.push(Action::CloseFileDialog);
        }
        if let Some(palette) = self.view.palette.as_mut()
            && !palette.show(ui.ctx(), actions)
        {
            actions.push(Action::ClosePalette);
        }
        if let Some(editor) = self.view.tag_editor.as_mut()
            && !editor.show(ui.ctx(), &ctx, actions)
        {
            actions.push(Action::CloseTags);
        }
        if let Some(rename) = self.view.rename.as_mut() {
            rename.show(ui.ctx(), actions);
        }
        if let Some(prompt) = self.view.author_prompt.as_mut() {
            prompt.show(ui.ctx(), actions);
        }
    }
}
