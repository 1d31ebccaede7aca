//! The shortcuts window (F1): every command with its keys, the reader's own keys,
//! and the project's tag keys — all from the tables the app itself uses.

use super::command::READER_KEYS;
use super::{Action, UiCommand, ViewCtx};

/// Draws the window; returns false once it is closed.
pub fn show(ectx: &egui::Context, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .default_width(520.0)
        .default_height(520.0)
        .show(ectx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    ui.strong("Commands");
                    ui.end_row();
                    for c in UiCommand::all() {
                        let keys: Vec<String> = c
                            .shortcuts()
                            .iter()
                            .map(|s| ui.ctx().format_shortcut(s))
                            .collect();
                        if keys.is_empty() {
                            continue;
                        }
                        ui.label(keys.join(", "));
                        if ui.link(c.label()).on_hover_text(c.tooltip()).clicked() {
                            actions.push(Action::Ui(c));
                        }
                        ui.end_row();
                    }
                    ui.strong("In the reader");
                    ui.end_row();
                    for (key, what) in READER_KEYS {
                        ui.label(key.name());
                        ui.label(*what);
                        ui.end_row();
                    }
                    ui.label("Shift + arrows");
                    ui.label(
                        "extend the selection (a mouse drag snaps to words; hold Alt for chars)",
                    );
                    ui.end_row();
                    for (i, t) in ctx.project.tags.tags.iter().enumerate() {
                        let mut keys = Vec::new();
                        if let Some(k) = t.shortcut {
                            keys.push(k.to_string());
                        }
                        if i < 9 {
                            keys.push((i + 1).to_string());
                        }
                        ui.label(keys.join(" or "));
                        ui.label(format!(
                            "tag the selection as {} (or retag the selected annotation)",
                            t.label
                        ));
                        ui.end_row();
                    }
                });
                ui.add_space(6.0);
                let palette = UiCommand::CommandPalette
                    .shortcuts()
                    .first()
                    .map(|s| ui.ctx().format_shortcut(s))
                    .unwrap_or_default();
                ui.label(format!(
                    "Every command, with or without keys, is in the command palette ({palette})."
                ));
            });
        });
    open
}
