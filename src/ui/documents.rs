//! The left panel: the project's documents; a click shows one in the reader.
//! Only the visible rows are drawn, so a project of thousands of articles stays fast.

use super::{Action, UiCommand, ViewCtx};
use crate::model::text::{count, short};

/// Height of one row: title and annotation count.
const ROW: f32 = 40.0;

/// The id of a document's row (for focus).
pub fn row_id(doc: crate::model::DocumentId) -> egui::Id {
    egui::Id::unique(("document-row", doc))
}

/// Lists the documents with their annotation counts.
pub fn show(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
    let docs = ctx.project.documents();
    ui.horizontal(|ui| {
        ui.heading("Documents");
        if ui
            .small_button("+")
            .on_hover_text(UiCommand::AddArticle.tooltip())
            .clicked()
        {
            actions.push(Action::Ui(UiCommand::AddArticle));
        }
    });
    ui.add_space(4.0);
    if docs.is_empty() {
        ui.label(
            egui::RichText::new("No documents yet. Add an article, or drop files here.").weak(),
        );
        return;
    }
    let current = ctx.doc.map(|d| d.id);
    egui::ScrollArea::vertical()
        .id_salt("documents")
        .auto_shrink(false)
        .show_rows(ui, ROW, docs.len(), |ui, range| {
            ui.spacing_mut().item_spacing.y = 0.0;
            {
                for d in &docs[range] {
                    let title = short(&d.title, 200);
                    let shown = crate::ui::reader::visual_label(ui, &title);
                    let r = super::rows::two_line_row(
                        ui,
                        row_id(d.id),
                        current == Some(d.id),
                        &title,
                        shown,
                        count(d.annotations().len(), "annotation"),
                        ROW,
                    );
                    let r = r.on_hover_text(&d.title);
                    if r.clicked() {
                        actions.push(Action::ShowDocument(d.id));
                    }
                    r.context_menu(|ui| {
                        if ui.button("Rename…").clicked() {
                            actions
                                .push(Action::Rename(super::rename::RenameTarget::Document(d.id)));
                            ui.close();
                        }
                        if ui
                            .button("Remove from project")
                            .on_hover_text(
                                "Removes the document and its annotations (Undo restores them)",
                            )
                            .clicked()
                        {
                            actions.push(Action::Edit(crate::commands::Command::RemoveDocument {
                                id: d.id,
                            }));
                            ui.close();
                        }
                    });
                }
            }
        });
}
