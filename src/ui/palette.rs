//! The command palette (Ctrl+Shift+P): every command of the table, found by typing
//! a few letters of its name, shown with its shortcut; Enter runs it.

use super::{Action, UiCommand};

/// The palette's own state while it is open.
#[derive(Default)]
pub struct Palette {
    /// What has been typed.
    pub query: String,
    /// The highlighted row.
    pub row: usize,
}

impl Palette {
    /// The id of its text field (for focus).
    pub fn field_id() -> egui::Id {
        egui::Id::unique("command-palette")
    }

    /// Draws the palette; returns false once it should close.
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        let found = matching(&self.query);
        self.row = self.row.min(found.len().saturating_sub(1));
        let (mut run, mut close) = (None, false);
        ctx.input_mut(|i| {
            if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                self.row = (self.row + 1).min(found.len().saturating_sub(1));
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                self.row = self.row.saturating_sub(1);
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Enter) {
                run = found.get(self.row).copied();
            }
            if i.consume_key(egui::Modifiers::NONE, egui::Key::Escape) {
                close = true;
            }
        });
        egui::Modal::new(egui::Id::unique("palette-modal")).show(ctx, |ui| {
            ui.set_width(460.0);
            let label = ui.label("Command");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(Self::field_id())
                        .hint_text("type to find a command")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if r.changed() {
                self.row = 0;
            }
            r.request_focus();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for (i, c) in found.iter().enumerate() {
                        let shortcut = c
                            .shortcuts()
                            .first()
                            .map(|s| ui.ctx().format_shortcut(s))
                            .unwrap_or_default();
                        let b = egui::Button::selectable(i == self.row, c.label())
                            .shortcut_text(shortcut);
                        let r = ui
                            .add_sized([ui.available_width(), 22.0], b)
                            .on_hover_text(c.tooltip());
                        if i == self.row {
                            r.scroll_to_me(None);
                        }
                        if r.clicked() {
                            run = Some(*c);
                        }
                    }
                    if found.is_empty() {
                        ui.label(egui::RichText::new("No command matches.").weak());
                    }
                });
        });
        if let Some(c) = run {
            actions.push(Action::Ui(c));
            close = true;
        }
        !close
    }
}

/// The commands whose label matches `query` (its letters in order, any case), best
/// first: where the letters start a word, and close together, scores higher.
pub fn matching(query: &str) -> Vec<UiCommand> {
    let mut scored: Vec<(i32, UiCommand)> = UiCommand::all()
        .filter_map(|c| score(query, c.label()).map(|s| (s, c)))
        .collect();
    // Stable: equal scores keep the table's order.
    scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    scored.into_iter().map(|(_, c)| c).collect()
}

/// How well `query` matches `label` as a subsequence, or `None`.
fn score(query: &str, label: &str) -> Option<i32> {
    let label: Vec<char> = label.to_lowercase().chars().collect();
    let mut at = 0;
    let mut score = 0;
    let mut last: Option<usize> = None;
    for q in query.to_lowercase().chars().filter(|c| !c.is_whitespace()) {
        let found = (at..label.len()).find(|&i| label[i] == q)?;
        let word_start = found == 0 || !label[found - 1].is_alphanumeric();
        score += if word_start { 10 } else { 1 };
        if last.is_some_and(|l| l + 1 == found) {
            score += 5;
        }
        last = Some(found);
        at = found + 1;
    }
    Some(score - label.len() as i32 / 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_commands_by_a_few_letters() {
        assert_eq!(matching("save as").first(), Some(&UiCommand::SaveAs));
        assert_eq!(
            matching("nxt ann").first(),
            Some(&UiCommand::NextAnnotation)
        );
        assert_eq!(matching("dark").first(), Some(&UiCommand::ToggleTheme));
        assert!(matching("zzzz").is_empty());
        assert_eq!(matching("").len(), UiCommand::all().count());
    }
}
