//! Banners above the workbench: the file changed on disk, and messages (errors,
//! notices) shown until dismissed.

use super::Action;

/// Draws the banners.
pub fn show(
    ui: &mut egui::Ui,
    messages: &[String],
    external_change: bool,
    actions: &mut Vec<Action>,
) {
    if external_change {
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
                actions.push(Action::ReloadFromDisk);
            }
            if ui
                .button("Keep mine")
                .on_hover_text("Keep this version; the next save replaces the file")
                .clicked()
            {
                actions.push(Action::KeepMine);
            }
        });
    }
    for (i, m) in messages.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.colored_label(ui.visuals().error_fg_color, m);
            if ui.small_button("Dismiss").clicked() {
                actions.push(Action::DismissMessage(i));
            }
        });
    }
}
