//! The tag toolbar above the reader: one button per tag, with its key, and
//! "Annotate all…" for the selected text.

use super::{Action, ViewCtx};
use crate::model::TagKind;

/// Draws the toolbar.
pub fn show(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
    let tags = &ctx.project.tags;
    let has_selection = ctx.selection.is_some_and(|s| !s.is_empty());
    // A tag button tags the selected text, or retags the selected annotation.
    let enabled = has_selection || ctx.selected.is_some();
    // The label never changes, so the buttons never move under the pointer.
    ui.horizontal(|ui| {
        ui.label("Tag as:").on_hover_text(
            "Select text, then click a tag or press its key; with an annotation selected, retag it",
        );
        for (i, t) in tags.tags.iter().enumerate() {
            let key = t.shortcut.map_or(format!("{}", i + 1), |k| k.to_string());
            let text = egui::RichText::new(format!("{} ({key})", t.label));
            let button = egui::Button::new(text).fill(ctx.theme.tint(t.color));
            if ui
                .add_enabled(enabled, button)
                .on_hover_text(format!(
                    "Tag the selection as {} — key {key} or {}",
                    t.label,
                    i + 1
                ))
                .clicked()
            {
                actions.push(Action::TagSelection(t.key.clone()));
                actions.push(Action::FocusReader);
            }
        }
        if let Some(text) = ctx.selected_text()
            && ui
                .button("Annotate all…")
                .on_hover_text(
                    "Find every occurrence of the selected text and tag them in one step",
                )
                .clicked()
            && let Some(tag) = tags
                .tags
                .iter()
                .find(|t| t.kind == TagKind::Entity)
                .or(tags.tags.first())
        {
            actions.push(Action::OpenAnnotateAll {
                text: text.to_owned(),
                tag: tag.key.clone(),
                entity: None,
                source: None,
            });
        }
    });
}
