//! A claim's status, speakers (one, or several for a joint statement) and subjects.

use super::{Action, ViewCtx, annotate_all_button};
use crate::commands::Command;
use crate::commands::analyst;
use crate::model::text::short;
use crate::model::{Annotation, ClaimStatus, Document, RelationRole, TagKind, Target};

/// The claim section.
pub(super) fn show(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    doc: &Document,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    let p = ctx.project;
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label("Status");
        for s in ClaimStatus::ALL {
            let on = a.status.unwrap_or_default() == s;
            let color = ctx.theme.status(s);
            let text = egui::RichText::new(s.as_str()).color(if on {
                crate::ui::theme::Page::text_on(color)
            } else {
                color
            });
            let mut b = egui::Button::selectable(on, text);
            if on {
                b = b.fill(color);
            }
            if ui
                .add(b)
                .on_hover_text(format!("Mark the claim {}", s.as_str()))
                .clicked()
                && a.status != Some(s)
            {
                actions.push(Action::Edit(Command::SetStatus {
                    doc: doc.id,
                    id: a.id,
                    status: Some(s),
                }));
            }
        }
    });
    let me = Target::Annotation(a.id);
    // Anything that can speak: the article's outlet, and every entity.
    let candidates: Vec<(String, Target)> = std::iter::once((
        p.target_label(Target::Document(doc.id)),
        Target::Document(doc.id),
    ))
    .chain(
        p.entities()
            .iter()
            .filter(|e| {
                p.tags
                    .get(&e.kind)
                    .is_some_and(|t| t.kind == TagKind::Entity)
            })
            .map(|e| (e.name.clone(), Target::Entity(e.id))),
    )
    .collect();
    let speakers = analyst::speakers(p, a.id);
    list_with_adder(
        ui,
        ctx,
        ("speaker", a.id),
        "Said by",
        &speakers,
        &candidates,
        actions,
        |new| analyst::set_speakers(p, a.id, new),
    );
    let about = analyst::related(p, a.id, RelationRole::Subject);
    let about_kind = p.relation_kind(RelationRole::Subject);
    let subjects: Vec<(String, Target)> = p
        .entities()
        .iter()
        .filter(|e| {
            p.tags
                .get(&e.kind)
                .is_some_and(|t| t.kind == TagKind::Entity)
        })
        .map(|e| (e.name.clone(), Target::Entity(e.id)))
        .collect();
    ui.horizontal_wrapped(|ui| {
        ui.label("About");
        for t in &about {
            let text = format!("{} ×", short(&p.target_label(*t), 30));
            if ui
                .small_button(text)
                .on_hover_text("Remove this subject")
                .clicked()
                && let Some(r) = p
                    .relations()
                    .iter()
                    .find(|r| Some(r.kind.as_str()) == about_kind && r.from == me && r.to == *t)
            {
                actions.push(Action::Edit(Command::RemoveRelation { id: r.id }));
            }
        }
        egui::ComboBox::new(("about", a.id), "")
            .selected_text("add subject…")
            .show_ui(ui, |ui| {
                for (name, t) in subjects.iter().filter(|(_, t)| !about.contains(t)) {
                    if ui.button(name).clicked() {
                        actions.push(Action::edit_or_error(
                            analyst::add_subject(p, a.id, *t),
                            "Could not add the subject",
                        ));
                    }
                }
            });
    });
    annotate_all_button(ui, doc.id, a, actions);
}

/// The claim's speakers as removable chips, and a menu to add one.
#[allow(clippy::too_many_arguments)]
fn list_with_adder(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    id: (&str, crate::model::AnnotationId),
    label: &str,
    current: &[Target],
    candidates: &[(String, Target)],
    actions: &mut Vec<Action>,
    set: impl Fn(&[Target]) -> Result<Command, crate::commands::CommandError>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(label);
        if current.is_empty() {
            ui.label(egui::RichText::new("—").weak());
        }
        for t in current {
            let text = format!("{} ×", short(&ctx.project.target_label(*t), 40));
            if ui
                .small_button(text)
                .on_hover_text("Remove this speaker")
                .clicked()
            {
                let rest: Vec<Target> = current.iter().copied().filter(|x| x != t).collect();
                actions.push(Action::edit_or_error(
                    set(&rest),
                    "Could not change the speakers",
                ));
            }
        }
        egui::ComboBox::new(id, "")
            .selected_text(if current.is_empty() {
                "choose speaker…"
            } else {
                "add joint speaker…"
            })
            .show_ui(ui, |ui| {
                for (name, t) in candidates.iter().filter(|(_, t)| !current.contains(t)) {
                    if ui.button(name).clicked() {
                        let mut more = current.to_vec();
                        more.push(*t);
                        actions.push(Action::edit_or_error(
                            set(&more),
                            "Could not change the speakers",
                        ));
                    }
                }
            });
    });
}
