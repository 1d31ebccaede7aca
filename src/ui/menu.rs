//! The menu bar: File, Edit and View, built from the command table.

use super::{Action, UiCommand};
use std::path::PathBuf;

/// What the menus show besides the command table.
pub struct MenuState<'a> {
    /// "Undo …" label of the step Undo would undo, if any.
    pub undo: Option<&'a str>,
    /// "Redo …" label of the step Redo would redo, if any.
    pub redo: Option<&'a str>,
    /// Recently opened projects, newest first.
    pub recent: &'a [PathBuf],
    /// Whether an annotation is selected.
    pub has_selected: bool,
    /// Whether a document is open.
    pub has_document: bool,
    /// Dark theme on.
    pub dark: bool,
    /// Documents panel shown.
    pub show_documents: bool,
    /// Annotations panel shown.
    pub show_annotations: bool,
}

/// Draws the menu bar.
pub fn show(ui: &mut egui::Ui, state: &MenuState<'_>, actions: &mut Vec<Action>) {
    let run = |ui: &mut egui::Ui, actions: &mut Vec<Action>, c: UiCommand, enabled: bool| {
        if c.menu_button(ui, enabled) {
            actions.push(Action::Ui(c));
        }
    };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for c in [
                UiCommand::NewProject,
                UiCommand::OpenProject,
                UiCommand::AddArticle,
            ] {
                run(ui, actions, c, true);
            }
            super::orphans::update_menu_item(ui, state.has_document, actions);
            super::interchange_menu::show(ui, actions);
            ui.separator();
            run(ui, actions, UiCommand::Save, true);
            run(ui, actions, UiCommand::SaveAs, true);
            ui.menu_button("Open recent", |ui| {
                if state.recent.is_empty() {
                    ui.label("No recent projects");
                }
                for p in state.recent {
                    let shown = crate::model::text::short(&p.display().to_string(), 120);
                    if ui.button(shown).clicked() {
                        actions.push(Action::Request(super::Pending::Open(Some(p.clone()))));
                    }
                }
            });
            ui.separator();
            run(ui, actions, UiCommand::CloseProject, true);
            run(ui, actions, UiCommand::Quit, true);
        });
        ui.menu_button("Edit", |ui| {
            for (c, step) in [(UiCommand::Undo, state.undo), (UiCommand::Redo, state.redo)] {
                let label = step.map_or(c.label().to_owned(), |l| format!("{} {l}", c.label()));
                let mut b = egui::Button::new(label);
                if let Some(s) = c.shortcuts().first() {
                    b = b.shortcut_text(ui.ctx().format_shortcut(s));
                }
                if ui
                    .add_enabled(step.is_some(), b)
                    .on_hover_text(c.tooltip())
                    .clicked()
                {
                    actions.push(Action::Ui(c));
                }
            }
            ui.separator();
            run(ui, actions, UiCommand::DeleteAnnotation, state.has_selected);
            run(ui, actions, UiCommand::AddFragment, state.has_selected);
            run(ui, actions, UiCommand::Find, state.has_document);
            ui.separator();
            run(ui, actions, UiCommand::EditTags, true);
            run(ui, actions, UiCommand::RenameProject, true);
            run(ui, actions, UiCommand::RenameDocument, state.has_document);
        });
        ui.menu_button("View", |ui| {
            for c in [
                UiCommand::ZoomIn,
                UiCommand::ZoomOut,
                UiCommand::ZoomReset,
                UiCommand::TextLarger,
                UiCommand::TextSmaller,
            ] {
                run(ui, actions, c, true);
            }
            ui.separator();
            if ui
                .button("Author name…")
                .on_hover_text("The name written on your annotations and edits")
                .clicked()
            {
                actions.push(Action::AskAuthor);
            }
            ui.separator();
            for (c, on) in [
                (UiCommand::ToggleTheme, state.dark),
                (UiCommand::ToggleDocuments, state.show_documents),
                (UiCommand::ToggleAnnotations, state.show_annotations),
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
