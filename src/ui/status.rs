//! The status bar: where the project lives, whether it is saved, and counts.

use super::ViewCtx;
use std::path::Path;

/// Draws the status bar.
pub fn show(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, path: Option<&Path>, dirty: bool) {
    ui.horizontal(|ui| {
        let path = path.map_or("not saved yet".to_owned(), |p| p.display().to_string());
        ui.label(path);
        ui.separator();
        ui.label(if dirty { "Unsaved changes" } else { "Saved" });
        ui.separator();
        if let Some(d) = ctx.doc {
            ui.label(format!(
                "{} here, {} in project",
                crate::model::text::count(d.annotations().len(), "annotation"),
                ctx.project.annotation_count()
            ));
        }
        if let Some(sel) = ctx.selection.filter(|s| !s.is_empty()) {
            ui.separator();
            ui.label(format!(
                "{} selected",
                crate::model::text::count(sel.len(), "char")
            ));
        }
    });
}
