//! What is left when a document's text changes: the annotations that lost their
//! text (orphans, each with its reason and a Restore button), the earlier versions
//! of the text, the inspector's note on a re-anchored annotation, and the File
//! menu's "Update article…".

use super::{Action, ViewCtx};
use crate::commands::Command;
use crate::model::text::{count, short};
use crate::model::{Annotation, DocumentId, VersionKind};

/// The File menu's "Update article…": a new version of the document in the reader.
pub fn update_menu_item(ui: &mut egui::Ui, has_document: bool, actions: &mut Vec<Action>) {
    if ui
        .add_enabled(has_document, egui::Button::new("Update article…"))
        .on_hover_text(
            "Import a new version of this article and re-anchor its annotations \
             (those not found are kept as orphans)",
        )
        .clicked()
    {
        actions.push(Action::UpdateArticle {
            doc: None,
            path: None,
        });
    }
}

/// The current document's orphans and earlier versions, folded, above its
/// annotations; nothing when its text never changed.
pub fn show(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
    let Some(doc) = ctx.doc else {
        return;
    };
    let (orphans, versions) = (doc.orphans(), doc.history());
    if !orphans.is_empty() {
        egui::CollapsingHeader::new(format!("Orphans ({})", orphans.len()))
            .id_salt("orphans")
            .show(ui, |ui| {
                ui.label(
                    egui::RichText::new(
                        "Annotations whose text is gone. Restore puts one back at the \
                         selected text, or where its quote is found.",
                    )
                    .small()
                    .weak(),
                );
                egui::ScrollArea::vertical()
                    .id_salt("orphans-scroll")
                    .max_height(220.0)
                    .show(ui, |ui| {
                        for o in orphans.iter().rev() {
                            let a = &o.annotation;
                            let tag = ctx.project.tags.get(&a.tag).map_or(a.tag.as_str(), |t| t.label.as_str());
                            ui.horizontal(|ui| {
                                if ui
                                    .small_button("Restore")
                                    .on_hover_text(format!(
                                        "Restore “{}”: at the selected text, or where its quote is found",
                                        short(&a.quote, 60)
                                    ))
                                    .clicked()
                                {
                                    actions.push(Action::RestoreOrphan {
                                        doc: doc.id,
                                        id: a.id,
                                    });
                                }
                                ui.label(format!("{tag}: “{}”", short(&a.quote, 60)))
                                    .on_hover_text(&a.quote);
                            });
                            ui.label(
                                egui::RichText::new(format!(
                                    "{} · {}",
                                    o.reason,
                                    o.date.format("%Y-%m-%d %H:%M")
                                ))
                                .small()
                                .weak(),
                            );
                        }
                    });
            });
    }
    if !versions.is_empty() {
        egui::CollapsingHeader::new(format!("Earlier versions ({})", versions.len()))
            .id_salt("versions")
            .show(ui, |ui| {
                for v in versions.iter().rev() {
                    let what = match v.kind {
                        VersionKind::Edit => "edited",
                        VersionKind::Update => "updated",
                    };
                    let line = format!(
                        "{} {what}: {} before{}",
                        v.date.format("%Y-%m-%d %H:%M"),
                        count(v.chars, "char"),
                        if v.summary.is_empty() {
                            String::new()
                        } else {
                            format!(" · {}", v.summary)
                        }
                    );
                    ui.label(egui::RichText::new(line).small())
                        .on_hover_text(format!("SHA-256 of that text: {}", v.sha256));
                }
            });
    }
    if !orphans.is_empty() || !versions.is_empty() {
        ui.separator();
    }
}

/// One line in the inspector when the annotation was re-anchored: how, when, what
/// its quote was; "Mark checked" once the analyst has checked it.
pub fn reanchored_note(
    ui: &mut egui::Ui,
    doc: DocumentId,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    let Some(r) = &a.reanchored else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let mut text = format!(
            "Re-anchored {} on {}",
            r.method.describe(),
            r.date.format("%Y-%m-%d %H:%M")
        );
        if !r.was.is_empty() {
            text.push_str(&format!("; it read “{}”", short(&r.was, 80)));
        }
        ui.label(egui::RichText::new(text).small())
            .on_hover_text("Check that it still marks the right text");
        if ui
            .small_button("Mark checked")
            .on_hover_text("It is right: forget the note")
            .clicked()
        {
            actions.push(Action::Edit(Command::ReplaceAnnotation {
                doc,
                annotation: Annotation {
                    reanchored: None,
                    ..a.clone()
                },
            }));
        }
    });
}
