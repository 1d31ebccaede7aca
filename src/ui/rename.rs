//! Renaming the project or a document: a small window with the name selected in a
//! text field; Enter renames (one undo step), Escape leaves it as it was.

use super::Action;
use crate::model::DocumentId;

/// What is being renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameTarget {
    /// The project.
    Project,
    /// A document.
    Document(DocumentId),
    /// An entity.
    Entity(crate::model::EntityId),
}

/// The rename window's state.
pub struct Rename {
    /// What is renamed.
    pub target: RenameTarget,
    /// The name being typed.
    pub name: String,
    /// The name it had, to tell whether anything changed.
    was: String,
    /// Whether the field got the keyboard (on the first frame).
    focused: bool,
}

impl Rename {
    /// A rename of `target`, currently called `name`.
    pub fn new(target: RenameTarget, name: &str) -> Self {
        Rename {
            target,
            name: name.to_owned(),
            was: name.to_owned(),
            focused: false,
        }
    }

    /// The id of its text field (for focus).
    pub fn field_id() -> egui::Id {
        egui::Id::unique("rename-field")
    }

    /// Draws the window; returns false once it is done (renamed or cancelled).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        let mut done = false;
        let title = match self.target {
            RenameTarget::Project => "Rename project",
            RenameTarget::Document(_) => "Rename document",
            RenameTarget::Entity(_) => "Rename entity",
        };
        egui::Modal::new(egui::Id::unique("rename-modal")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(title);
            let label = ui.label("New name");
            let mut output = egui::TextEdit::singleline(&mut self.name)
                .id(Self::field_id())
                .desired_width(f32::INFINITY)
                .show(ui);
            let field = output.response.response.clone().labelled_by(label.id);
            crate::ui::reader::bidi_field(ui, &field, &self.name, false);
            if !self.focused {
                // The whole name selected, as file managers do: typing replaces it,
                // an arrow key keeps it. (The field's state would otherwise keep
                // the caret of the last rename.)
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(self.name.chars().count()),
                );
                output.state.cursor.set_char_range(Some(all));
                output.state.store(ui.ctx(), Self::field_id());
                field.request_focus();
                self.focused = true;
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
            let empty = self.name.trim().is_empty();
            if empty {
                ui.label(egui::RichText::new("A name cannot be empty.").weak());
            }
            ui.horizontal(|ui| {
                let ok = ui.add_enabled(!empty, egui::Button::new("Rename"));
                if (ok.clicked() || enter) && !empty {
                    let name = self.name.trim().to_owned();
                    if name != self.was {
                        actions.push(Action::RenameTo(self.target, name));
                    }
                    done = true;
                }
                if ui.button("Cancel").clicked() || escape {
                    done = true;
                }
            });
        });
        if done {
            actions.push(Action::CloseRename);
            actions.push(Action::FocusReader);
        }
        !done
    }
}
