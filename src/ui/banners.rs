//! Banners above the workbench: files being opened or imported (with Cancel), the
//! file changed on disk, and messages (errors, notices) shown until dismissed.

use super::Action;

/// A file being opened or imported off the UI thread: what, and for how long.
pub struct JobLine {
    /// What it does ("Importing report.pdf").
    pub label: String,
    /// Seconds since it started.
    pub seconds: f64,
}

/// Draws the banners.
pub fn show(
    ui: &mut egui::Ui,
    messages: &[String],
    external_change: bool,
    jobs: &[JobLine],
    actions: &mut Vec<Action>,
) {
    for (i, job) in jobs.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new());
            ui.label(format!("{}… {:.0} s", job.label, job.seconds));
            if ui
                .small_button("Cancel")
                .on_hover_text("Stop waiting; the result is dropped when it comes")
                .clicked()
            {
                actions.push(Action::CancelJob(i));
            }
        });
    }
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
