//! Which entity a mention refers to: linked, or fuzzy suggestions to link it.

use super::{Action, ViewCtx, annotate_all_button};
use crate::commands::Command;
use crate::commands::analyst;
use crate::model::text::{count, short};
use crate::model::{Annotation, Document, Entity};

/// The entity section for a mention.
pub(super) fn show(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    doc: &Document,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    let p = ctx.project;
    let link = |entity| {
        Action::Edit(Command::LinkEntity {
            doc: doc.id,
            id: a.id,
            entity,
        })
    };
    ui.separator();
    match a.entity.and_then(|id| p.entity(id)) {
        Some(e) => {
            let n = p.mentions(e.id).len();
            ui.horizontal_wrapped(|ui| {
                ui.label("Mention of");
                if ui.link(&e.name).on_hover_text("Show this entity").clicked() {
                    actions.push(Action::SelectEntity(Some(e.id)));
                }
                ui.label(egui::RichText::new(format!("({})", count(n, "mention"))).weak());
            });
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Unlink")
                    .on_hover_text("This span no longer refers to the entity")
                    .clicked()
                {
                    actions.push(link(None));
                }
                if n > 1
                    && ui
                        .button("Split off")
                        .on_hover_text("Make this mention a new entity of its own")
                        .clicked()
                {
                    match analyst::split_mention(p, doc.id, a.id, None) {
                        Ok((c, id)) => {
                            actions.push(Action::Edit(c));
                            actions.push(Action::SelectEntity(Some(id)));
                        }
                        Err(e) => actions.push(Action::Error(format!("Could not split: {e}"))),
                    }
                }
            });
        }
        None => {
            ui.label("Refers to which entity?");
            let list = analyst::suggestions(p, a);
            for (i, s) in list.iter().enumerate() {
                let Some(e) = p.entity(s.entity) else {
                    continue;
                };
                let mut text = format!("Link to {}", e.name);
                if i == 0 {
                    text.push_str("  (Enter)");
                }
                let hover = format!("Matches “{}” ({:.0}%)", s.matched, s.score * 100.0);
                if ui.button(text).on_hover_text(hover).clicked() {
                    actions.push(link(Some(e.id)));
                    actions.push(Action::FocusReader);
                }
            }
            let name = analyst::clean_name(&a.quote);
            let hint = if list.is_empty() { "  (Enter)" } else { "" };
            if ui
                .button(format!("New entity “{}”{hint}", short(&name, 40)))
                .on_hover_text("Create a new entity for this mention")
                .clicked()
            {
                actions.push(Action::edit_or_error(
                    analyst::split_mention(p, doc.id, a.id, Some(name)).map(|(c, _)| c),
                    "Could not create the entity",
                ));
                actions.push(Action::FocusReader);
            }
            let others: Vec<&Entity> = p.entities().iter().filter(|e| e.kind == a.tag).collect();
            if !others.is_empty() {
                egui::ComboBox::new(("link-any", a.id), "Other")
                    .selected_text("Link to another…")
                    .show_ui(ui, |ui| {
                        for e in others {
                            if ui.button(&e.name).clicked() {
                                actions.push(link(Some(e.id)));
                            }
                        }
                    });
            }
        }
    }
    annotate_all_button(ui, doc.id, a, actions);
}
