//! The find bar above the reader (Ctrl+F): its text, next/previous, and the
//! number of matches.

use super::{Action, UiCommand};

/// The find bar's own state.
#[derive(Default)]
pub struct FindBar {
    /// The text to find; `None` when the bar is closed.
    pub text: Option<String>,
}

impl FindBar {
    /// The id of the bar's text field (for focus).
    pub fn field_id() -> egui::Id {
        egui::Id::unique("find-text")
    }

    /// Opens the bar (keeping its text) and puts the keyboard in it.
    pub fn open(&mut self, ctx: &egui::Context) {
        self.text.get_or_insert_with(String::new);
        ctx.memory_mut(|m| m.request_focus(Self::field_id()));
    }

    /// The text to find, when the bar is open and not empty.
    pub fn needle(&self) -> Option<&str> {
        self.text.as_deref().filter(|t| !t.is_empty())
    }

    /// Draws the bar when it is open; `matches` is how many the text has, `current`
    /// which of them is selected.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        matches: usize,
        current: Option<usize>,
        actions: &mut Vec<Action>,
    ) {
        let Some(text) = self.text.as_mut() else {
            return;
        };
        let mut close = false;
        ui.horizontal(|ui| {
            let label = ui.label("Find");
            let r = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .id(Self::field_id())
                        .desired_width(240.0),
                )
                .labelled_by(label.id);
            crate::ui::reader::bidi_field(ui, &r, text, false);
            // Enter goes to the next match and back to the reading: the match is
            // the selection, ready to tag (F3 goes on to the next one).
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                let backwards = ui.input(|i| i.modifiers.shift);
                actions.push(Action::FindNext { backwards });
                actions.push(Action::FocusReader);
            }
            for (c, label) in [
                (UiCommand::FindNext, "Next"),
                (UiCommand::FindPrevious, "Previous"),
            ] {
                let hint = c
                    .shortcuts()
                    .first()
                    .map(|s| format!(" ({})", ui.ctx().format_shortcut(s)))
                    .unwrap_or_default();
                if ui
                    .button(label)
                    .on_hover_text(format!("{}{hint}", c.tooltip()))
                    .clicked()
                {
                    actions.push(Action::Ui(c));
                }
            }
            if !text.is_empty() {
                ui.label(match (matches, current) {
                    (0, _) => "no matches".to_owned(),
                    (n, Some(i)) => format!("{} of {n}", i + 1),
                    (n, None) => crate::model::text::count(n, "match"),
                });
            }
            if ui.button("Close").clicked()
                || (r.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)))
            {
                close = true;
                actions.push(Action::FocusReader);
            }
        });
        if close {
            self.text = None;
        }
        ui.separator();
    }
}
