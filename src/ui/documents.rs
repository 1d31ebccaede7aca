//! The left panel: the project's documents; a click shows one in the reader.

use super::Action;
use crate::app::UiCommand;
use crate::model::{DocumentId, Project};

/// Lists the documents with their annotation counts.
pub fn show(
    ui: &mut egui::Ui,
    project: &Project,
    current: Option<DocumentId>,
    actions: &mut Vec<Action>,
) {
    ui.heading("Documents");
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .show(ui, |ui| {
            ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                for d in project.documents() {
                    let n = d.annotations().len();
                    let text = format!(
                        "{}\n{} annotation{}",
                        d.title,
                        n,
                        if n == 1 { "" } else { "s" }
                    );
                    let r = ui.add(egui::Button::selectable(current == Some(d.id), text));
                    if r.on_hover_text(&d.title).clicked() {
                        actions.push(Action::ShowDocument(d.id));
                    }
                }
            });
            if project.documents().is_empty() {
                ui.label(
                    egui::RichText::new("No documents yet. Add an article, or drop files here.")
                        .weak(),
                );
            }
            ui.add_space(8.0);
            if ui
                .button(UiCommand::AddArticle.label())
                .on_hover_text(UiCommand::AddArticle.tooltip())
                .clicked()
            {
                actions.push(Action::Ui(UiCommand::AddArticle));
            }
        });
}
