//! What the centre shows when there is nothing to read: start a project, open one,
//! import an article, or open the sample — and the recent projects.

use super::{Action, Pending, UiCommand};
use std::path::{Path, PathBuf};

/// What the welcome view offers besides the commands.
pub struct Welcome<'a> {
    /// Recently opened projects, newest first.
    pub recent: &'a [PathBuf],
    /// The sample project, if it ships with this build.
    pub sample: Option<&'a Path>,
}

/// Draws the welcome view.
pub fn show(ui: &mut egui::Ui, w: &Welcome<'_>, actions: &mut Vec<Action>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.15);
        ui.heading("Dossier");
        ui.label("Annotate articles: claims, people and events, in one project file.");
        ui.add_space(12.0);
        for c in [
            UiCommand::NewProject,
            UiCommand::OpenProject,
            UiCommand::AddArticle,
        ] {
            let keys = c
                .shortcuts()
                .first()
                .map(|s| format!("  ({})", ui.ctx().format_shortcut(s)))
                .unwrap_or_default();
            if ui
                .button(format!("{}{keys}", c.label()))
                .on_hover_text(c.tooltip())
                .clicked()
            {
                actions.push(Action::Ui(c));
            }
        }
        if let Some(sample) = w.sample
            && ui
                .button("Open the sample project")
                .on_hover_text("A conference report on Iran's 1988 massacre, annotated (a copy: the sample stays as shipped)")
                .clicked()
        {
            actions.push(Action::OpenSample(sample.to_path_buf()));
        }
        if !w.recent.is_empty() {
            ui.add_space(12.0);
            ui.strong("Recent projects");
            for p in w.recent {
                let name = p
                    .file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned());
                if ui
                    .link(crate::model::text::short(&name, 60))
                    .on_hover_text(p.display().to_string())
                    .clicked()
                {
                    actions.push(Action::Request(Pending::Open(Some(p.clone()))));
                }
            }
        }
        ui.add_space(12.0);
        ui.label(egui::RichText::new("Or drop articles or a project on this window.").weak());
    });
}
