//! Asked once, on the first run: the name Dossier writes on every annotation,
//! entity and relation the analyst makes or changes, so that a team sees who did
//! what and its merges say whose version is whose.

use super::Action;

/// The prompt's state: the name being typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthorPrompt {
    /// The name in the field (prefilled with git's `user.name` or the login name).
    pub name: String,
}

impl AuthorPrompt {
    /// A prompt prefilled with `suggested`.
    pub fn new(suggested: String) -> Self {
        Self { name: suggested }
    }

    /// The id of the name field (for focus).
    pub fn field_id() -> egui::Id {
        egui::Id::unique("author-prompt-name")
    }

    /// Draws the modal; "Use this name" pushes [`Action::SetAuthor`].
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        egui::Modal::new(egui::Id::unique("author-prompt")).show(ctx, |ui| {
            ui.heading("Who is annotating?");
            ui.label(
                "Dossier writes your name on every annotation, entity and relation you make \
                 or change, so your team can see who did what and merge its work. You can \
                 change it later (View, Author name…).",
            );
            ui.add_space(6.0);
            let label = ui.label("Your name");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.name)
                        .id(Self::field_id())
                        .hint_text("e.g. Ana Moreno")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            let name = self.name.trim().to_owned();
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(6.0);
            let ok = ui
                .add_enabled(!name.is_empty(), egui::Button::new("Use this name"))
                .clicked();
            if (ok || entered) && !name.is_empty() {
                actions.push(Action::SetAuthor(name));
            }
        });
    }
}
