//! The File menu's "Export…" and "Import annotations…" submenus: one entry per
//! format, each asking the app to do it (the app asks for the path).

use super::Action;
use crate::export::Format;
use crate::import::AnnotationFormat;

/// Draws the two submenus.
pub fn show(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.menu_button("Export…", |ui| {
        for format in Format::ALL {
            if ui
                .button(format.label())
                .on_hover_text(format!("Export the project as {}", format.label()))
                .clicked()
            {
                actions.push(Action::Export { format, path: None });
            }
        }
    });
    ui.menu_button("Import annotations…", |ui| {
        for format in AnnotationFormat::ALL {
            if ui
                .button(format.label())
                .on_hover_text(format!("Import annotations from {}", format.label()))
                .clicked()
            {
                actions.push(Action::ImportAnnotations {
                    format,
                    paths: Vec::new(),
                });
            }
        }
    });
}
