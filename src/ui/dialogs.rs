//! Modal questions: save unsaved changes first, restore work after a crash.

use super::{Action, Pending};
use crate::store::recovery::RecoveryCopy;

/// A modal question on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Save / Discard / Cancel before doing `Pending`.
    UnsavedChanges(Pending),
    /// Offer to restore work from a crash.
    Recover(RecoveryCopy),
}

/// Draws the dialog; the answer becomes an action.
pub fn show(ctx: &egui::Context, dialog: &Dialog, project_name: &str, actions: &mut Vec<Action>) {
    match dialog {
        Dialog::UnsavedChanges(pending) => {
            egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading("Save changes?");
                ui.label(format!(
                    "“{}” has unsaved changes.",
                    crate::model::text::short(project_name, 80)
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        actions.push(Action::SaveThen(pending.clone()));
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Throw away the unsaved changes")
                        .clicked()
                    {
                        actions.push(Action::DiscardThen(pending.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        actions.push(Action::CloseDialog);
                    }
                });
            });
        }
        Dialog::Recover(copy) => {
            egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                ui.heading("Recover unsaved work?");
                let of = copy
                    .original
                    .as_ref()
                    .map_or("an unsaved project".to_owned(), |p| p.display().to_string());
                ui.label(format!(
                    "Dossier found unsaved changes to {of} from a session that did not end cleanly."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        actions.push(Action::RestoreRecovery(copy.clone()));
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Delete the recovery copy")
                        .clicked()
                    {
                        actions.push(Action::DiscardRecovery(copy.clone()));
                    }
                });
            });
        }
    }
}
