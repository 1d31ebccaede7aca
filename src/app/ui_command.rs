//! Every menu and shortcut command, in one place: its label, tooltip and keys, so
//! the menus, the shortcuts and any palette stay in agreement.

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Start a new, empty project.
    NewProject,
    /// Open a project file.
    OpenProject,
    /// Import an article into the project.
    AddArticle,
    /// Save the project.
    Save,
    /// Save under another name.
    SaveAs,
    /// Close the project.
    CloseProject,
    /// Quit Dossier.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Delete the selected annotation.
    DeleteAnnotation,
    /// Find in the current document.
    Find,
    /// Larger text.
    ZoomIn,
    /// Smaller text.
    ZoomOut,
    /// Default text size.
    ZoomReset,
    /// Switch between light and dark.
    ToggleTheme,
    /// Show or hide the documents panel.
    ToggleDocuments,
    /// Show or hide the annotations panel.
    ToggleAnnotations,
}

impl UiCommand {
    /// All commands, in an order where a shortcut with Shift comes before the same
    /// shortcut without (egui ignores an unrequested Shift when matching).
    pub const ALL: [UiCommand; 17] = [
        UiCommand::NewProject,
        UiCommand::OpenProject,
        UiCommand::AddArticle,
        UiCommand::SaveAs,
        UiCommand::Save,
        UiCommand::CloseProject,
        UiCommand::Quit,
        UiCommand::Redo,
        UiCommand::Undo,
        UiCommand::DeleteAnnotation,
        UiCommand::Find,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ZoomReset,
        UiCommand::ToggleTheme,
        UiCommand::ToggleDocuments,
        UiCommand::ToggleAnnotations,
    ];

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            UiCommand::NewProject => "New project",
            UiCommand::OpenProject => "Open project…",
            UiCommand::AddArticle => "Add article…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save As…",
            UiCommand::CloseProject => "Close project",
            UiCommand::Quit => "Quit",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::DeleteAnnotation => "Delete annotation",
            UiCommand::Find => "Find…",
            UiCommand::ZoomIn => "Larger text",
            UiCommand::ZoomOut => "Smaller text",
            UiCommand::ZoomReset => "Default text size",
            UiCommand::ToggleTheme => "Dark theme",
            UiCommand::ToggleDocuments => "Documents panel",
            UiCommand::ToggleAnnotations => "Annotations panel",
        }
    }

    /// Tooltip.
    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::NewProject => "Start an empty project (asks to save unsaved changes first)",
            UiCommand::OpenProject => "Open a .ron project file",
            UiCommand::AddArticle => "Import a .txt, .md or .html article into this project",
            UiCommand::Save => {
                "Save the project (atomically: the old file stays intact until the new one is complete)"
            }
            UiCommand::SaveAs => "Save the project to a new file",
            UiCommand::CloseProject => "Close the project",
            UiCommand::Quit => "Quit Dossier",
            UiCommand::Undo => "Undo the last change",
            UiCommand::Redo => "Redo the last undone change",
            UiCommand::DeleteAnnotation => "Delete the selected annotation",
            UiCommand::Find => "Find text in the current document",
            UiCommand::ZoomIn => "Make the reading text larger",
            UiCommand::ZoomOut => "Make the reading text smaller",
            UiCommand::ZoomReset => "Reset the reading text size",
            UiCommand::ToggleTheme => "Switch between the light and dark theme",
            UiCommand::ToggleDocuments => "Show or hide the list of documents",
            UiCommand::ToggleAnnotations => "Show or hide the annotation list and inspector",
        }
    }

    /// Keyboard shortcuts; the first is shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        match self {
            UiCommand::NewProject => vec![cmd(Key::N)],
            UiCommand::OpenProject => vec![cmd(Key::O)],
            UiCommand::AddArticle => vec![cmd_shift(Key::O)],
            UiCommand::Save => vec![cmd(Key::S)],
            UiCommand::SaveAs => vec![cmd_shift(Key::S)],
            UiCommand::CloseProject => vec![cmd(Key::W)],
            UiCommand::Quit => vec![cmd(Key::Q)],
            UiCommand::Undo => vec![cmd(Key::Z)],
            UiCommand::Redo => vec![cmd_shift(Key::Z), cmd(Key::Y)],
            // Delete is handled by the reader and the list, so typing in a text
            // field never deletes an annotation.
            UiCommand::DeleteAnnotation => vec![],
            UiCommand::Find => vec![cmd(Key::F)],
            UiCommand::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
            UiCommand::ZoomOut => vec![cmd(Key::Minus)],
            UiCommand::ZoomReset => vec![cmd(Key::Num0)],
            UiCommand::ToggleTheme => vec![],
            UiCommand::ToggleDocuments => vec![],
            UiCommand::ToggleAnnotations => vec![],
        }
    }

    /// The commands whose shortcut was pressed this frame (consumed from the input).
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for c in Self::ALL {
                for s in c.shortcuts() {
                    if i.consume_shortcut(&s) {
                        out.push(c);
                    }
                }
            }
        });
        out
    }

    /// A menu button for the command, with its shortcut shown; true when clicked.
    pub fn menu_button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let mut button = egui::Button::new(self.label());
        if let Some(s) = self.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(s));
        }
        ui.add_enabled(enabled, button)
            .on_hover_text(self.tooltip())
            .clicked()
    }
}
