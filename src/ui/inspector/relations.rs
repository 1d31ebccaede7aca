//! Every relation an annotation takes part in, with remove buttons.

use super::{Action, ViewCtx};
use crate::commands::Command;
use crate::model::text::short;
use crate::model::{Annotation, Target};

/// Lists the relations touching the annotation.
pub(super) fn show(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    let p = ctx.project;
    let me = Target::Annotation(a.id);
    let rels: Vec<_> = p
        .relations()
        .iter()
        .filter(|r| r.from == me || r.to == me)
        .collect();
    if rels.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Relations").strong());
    for r in rels {
        let kind = p.relation_label(&r.kind);
        let text = if r.from == me {
            format!("{kind}: {}", p.target_label(r.to))
        } else {
            format!("{}: {kind} this", p.target_label(r.from))
        };
        ui.horizontal(|ui| {
            ui.label(short(&text, 60));
            if ui
                .small_button("×")
                .on_hover_text("Remove this relation")
                .clicked()
            {
                actions.push(Action::Edit(Command::RemoveRelation { id: r.id }));
            }
        });
    }
}
