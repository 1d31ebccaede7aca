//! The inspector: the selected annotation's tag, note, and the sections of its
//! tag's kind — which entity a mention refers to, a claim's status, speakers and
//! subjects — and the relations it takes part in.

mod claim;
mod mention;
mod relations;

use super::{Action, UiCommand, ViewCtx};
use crate::commands::{CoalesceKey, Command};
use crate::model::text::short;
use crate::model::{AnnotationId, TagKind};

/// The inspector's state: the note being typed.
#[derive(Default)]
pub struct Inspector {
    note: String,
    note_for: Option<AnnotationId>,
}

impl Inspector {
    /// The id of the note field (for focus).
    pub fn note_id() -> egui::Id {
        egui::Id::unique("inspector-note")
    }

    /// Shows the inspector for the selected annotation of the current document.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let (Some(doc), Some(a)) = (ctx.doc, ctx.selected_annotation()) else {
            return;
        };
        let tags = &ctx.project.tags;
        let editing = ui.memory(|m| m.has_focus(Self::note_id()));
        // Follow the model (undo, another selection) unless the user is typing.
        if self.note_for != Some(a.id) || (!editing && self.note != a.note) {
            self.note = a.note.clone();
            self.note_for = Some(a.id);
        }
        ui.horizontal(|ui| {
            if ui
                .button(UiCommand::DeleteAnnotation.label())
                .on_hover_text("Delete this annotation (Delete key in the reader)")
                .clicked()
            {
                actions.push(Action::Ui(UiCommand::DeleteAnnotation));
            }
        });
        crate::ui::reader::wrapped_label(ui, &short(&a.quote, 240), true);
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Tag");
            for t in &tags.tags {
                let r = ui
                    .add(egui::Button::selectable(a.tag == t.key, t.label.as_str()))
                    .on_hover_text(format!("Retag as {}", t.label));
                if r.clicked() && a.tag != t.key {
                    actions.push(Action::Edit(Command::RetagAnnotation {
                        doc: doc.id,
                        id: a.id,
                        tag: t.key.clone(),
                    }));
                }
            }
        });
        ui.add_space(4.0);
        let label = ui.label("Note");
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut self.note)
                    .id(Self::note_id())
                    .hint_text("Evidence, source, doubts…")
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        crate::ui::reader::bidi_field(ui, &r, &self.note, true);
        if r.changed() {
            actions.push(Action::EditCoalescing(
                Command::SetNote {
                    doc: doc.id,
                    id: a.id,
                    note: self.note.clone(),
                },
                CoalesceKey::Note(a.id),
            ));
        }
        if r.lost_focus() {
            actions.push(Action::EndBurst);
        }
        match tags.get(&a.tag).map(|t| t.kind) {
            Some(TagKind::Entity) => mention::show(ui, ctx, doc, a, actions),
            Some(TagKind::Claim) => claim::show(ui, ctx, doc, a, actions),
            _ => {}
        }
        relations::show(ui, ctx, a, actions);
        super::orphans::reanchored_note(ui, doc.id, a, actions);
        let edited = if a.modified_by.is_empty() {
            String::new()
        } else {
            format!(" · changed by {}", a.modified_by)
        };
        ui.label(
            egui::RichText::new(format!(
                "chars {}–{} · by {}{edited} · {}",
                a.start,
                a.end,
                if a.author.is_empty() { "?" } else { &a.author },
                a.modified.format("%Y-%m-%d %H:%M")
            ))
            .small()
            .weak(),
        );
    }
}

/// "Annotate all occurrences…" for the annotation.
fn annotate_all_button(
    ui: &mut egui::Ui,
    doc: crate::model::DocumentId,
    a: &crate::model::Annotation,
    actions: &mut Vec<Action>,
) {
    if ui
        .button("Annotate all occurrences…")
        .on_hover_text("Find the other occurrences of this text and tag them all in one step")
        .clicked()
    {
        actions.push(Action::OpenAnnotateAll {
            text: a.quote.trim().to_owned(),
            tag: a.tag.clone(),
            entity: a.entity,
            source: Some(crate::commands::analyst::Occurrence {
                doc,
                start: a.start,
                end: a.end,
            }),
        });
    }
}
