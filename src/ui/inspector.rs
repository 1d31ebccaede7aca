//! The inspector: the selected annotation's tag, note and deletion.

use super::Action;
use crate::app::UiCommand;
use crate::commands::{CoalesceKey, Command};
use crate::model::{Annotation, DocumentId, TagKind};

/// The inspector's state: the note being typed.
#[derive(Default)]
pub struct Inspector {
    note: String,
    note_for: Option<crate::model::AnnotationId>,
}

impl Inspector {
    /// Shows the inspector for `a`.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: DocumentId,
        a: &Annotation,
        project: &crate::model::Project,
        dark: bool,
        actions: &mut Vec<Action>,
    ) {
        let tags = &project.tags;
        let note_id = egui::Id::unique("inspector-note");
        let editing = ui.memory(|m| m.has_focus(note_id));
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
        ui.label(egui::RichText::new(super::reader::short(&a.quote, 240)).italics());
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Tag");
            for t in &tags.tags {
                let r = ui
                    .add(egui::Button::selectable(a.tag == t.key, t.label.as_str()))
                    .on_hover_text(format!("Retag as {}", t.label));
                if r.clicked() && a.tag != t.key {
                    actions.push(Action::Edit(Command::RetagAnnotation {
                        doc,
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
                    .id(note_id)
                    .hint_text("Evidence, source, doubts…")
                    .desired_rows(4)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if r.changed() {
            actions.push(Action::EditCoalescing(
                Command::SetNote {
                    doc,
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
            Some(TagKind::Entity) => super::links::mention(ui, project, doc, a, actions),
            Some(TagKind::Claim) => super::links::claim(ui, project, doc, a, dark, actions),
            _ => {}
        }
        super::links::relations(ui, project, a, actions);
        ui.label(
            egui::RichText::new(format!(
                "chars {}–{} · by {} · {}",
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
