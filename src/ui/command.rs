//! Every menu and shortcut command in one table: its label, tooltip and keys, so
//! the menus, the shortcuts and the help stay in agreement (rerun's `UICommand`).
//! The list of commands is derived from the enum, and shortcuts are matched most
//! specific first, so no hand-kept order can silently decide which command a key runs.

use egui::{Key, KeyboardShortcut, Modifiers};
use strum::IntoEnumIterator as _;

/// A command the user can give from a menu or the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
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
    /// Add the text selection to the selected annotation as another fragment.
    AddFragment,
    /// Edit the project's tags (add, rename, recolour, key, reorder, delete).
    EditTags,
    /// Rename the project.
    RenameProject,
    /// Rename the document in the reader.
    RenameDocument,
    /// Select the next match of the find bar.
    FindNext,
    /// Select the previous match of the find bar.
    FindPrevious,
    /// Select the next annotation of the document.
    NextAnnotation,
    /// Select the previous annotation of the document.
    PreviousAnnotation,
    /// Move the selected annotation's start one word left (widen it).
    StartWordLeft,
    /// Move the selected annotation's start one word right (narrow it).
    StartWordRight,
    /// Move the selected annotation's end one word left (narrow it).
    EndWordLeft,
    /// Move the selected annotation's end one word right (widen it).
    EndWordRight,
    /// Move the selected annotation's start one char left.
    StartCharLeft,
    /// Move the selected annotation's start one char right.
    StartCharRight,
    /// Move the selected annotation's end one char left.
    EndCharLeft,
    /// Move the selected annotation's end one char right.
    EndCharRight,
    /// Open the command palette.
    CommandPalette,
    /// Show every keyboard shortcut.
    ShowShortcuts,
    /// Put the keyboard in the next pane (documents → reader → list → inspector).
    FocusNextPane,
    /// Put the keyboard in the previous pane.
    FocusPreviousPane,
    /// Scale the whole interface up.
    ZoomIn,
    /// Scale the whole interface down.
    ZoomOut,
    /// The interface at its normal scale.
    ZoomReset,
    /// Larger reading text (the article only).
    TextLarger,
    /// Smaller reading text.
    TextSmaller,
    /// Switch between light and dark.
    ToggleTheme,
    /// Show or hide the documents panel.
    ToggleDocuments,
    /// Show or hide the annotations panel.
    ToggleAnnotations,
}

impl UiCommand {
    /// Every command.
    pub fn all() -> impl Iterator<Item = UiCommand> {
        Self::iter()
    }

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
            UiCommand::AddFragment => "Add selection as fragment",
            UiCommand::EditTags => "Tags…",
            UiCommand::RenameProject => "Rename project…",
            UiCommand::RenameDocument => "Rename document…",
            UiCommand::FindNext => "Find next",
            UiCommand::FindPrevious => "Find previous",
            UiCommand::NextAnnotation => "Next annotation",
            UiCommand::PreviousAnnotation => "Previous annotation",
            UiCommand::StartWordLeft => "Widen start by a word",
            UiCommand::StartWordRight => "Narrow start by a word",
            UiCommand::EndWordLeft => "Narrow end by a word",
            UiCommand::EndWordRight => "Widen end by a word",
            UiCommand::StartCharLeft => "Widen start by a char",
            UiCommand::StartCharRight => "Narrow start by a char",
            UiCommand::EndCharLeft => "Narrow end by a char",
            UiCommand::EndCharRight => "Widen end by a char",
            UiCommand::CommandPalette => "Command palette…",
            UiCommand::ShowShortcuts => "Keyboard shortcuts",
            UiCommand::FocusNextPane => "Next pane",
            UiCommand::FocusPreviousPane => "Previous pane",
            UiCommand::ZoomIn => "Zoom in",
            UiCommand::ZoomOut => "Zoom out",
            UiCommand::ZoomReset => "Actual size",
            UiCommand::TextLarger => "Larger reading text",
            UiCommand::TextSmaller => "Smaller reading text",
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
            UiCommand::AddFragment => {
                "Add the selected text to the selected annotation, which becomes discontinuous \
                 (or Ctrl+drag in the reader)"
            }
            UiCommand::EditTags => {
                "Add, rename, recolour, reorder or delete tags and choose their keys and roles"
            }
            UiCommand::RenameProject => "Give the project another name",
            UiCommand::RenameDocument => "Give the document in the reader another title",
            UiCommand::FindNext => "Select the next match of the find bar",
            UiCommand::FindPrevious => "Select the previous match of the find bar",
            UiCommand::NextAnnotation => {
                "Select the next annotation in the document and scroll to it"
            }
            UiCommand::PreviousAnnotation => {
                "Select the previous annotation in the document and scroll to it"
            }
            UiCommand::StartWordLeft
            | UiCommand::StartWordRight
            | UiCommand::EndWordLeft
            | UiCommand::EndWordRight
            | UiCommand::StartCharLeft
            | UiCommand::StartCharRight
            | UiCommand::EndCharLeft
            | UiCommand::EndCharRight => {
                "Move an edge of the selected annotation (one undo step; its links stay)"
            }
            UiCommand::CommandPalette => "Find any command by name and run it",
            UiCommand::ShowShortcuts => "List every keyboard shortcut",
            UiCommand::FocusNextPane => {
                "Move the keyboard to the next pane: documents, reader, annotation list, inspector"
            }
            UiCommand::FocusPreviousPane => "Move the keyboard to the previous pane",
            UiCommand::ZoomIn => "Make everything larger (the place you are reading stays)",
            UiCommand::ZoomOut => "Make everything smaller (the place you are reading stays)",
            UiCommand::ZoomReset => "Show everything at its normal size",
            UiCommand::TextLarger => {
                "Make the article's text larger, leaving the panels as they are"
            }
            UiCommand::TextSmaller => {
                "Make the article's text smaller, leaving the panels as they are"
            }
            UiCommand::ToggleTheme => "Switch between the light and dark theme",
            UiCommand::ToggleDocuments => "Show or hide the list of documents",
            UiCommand::ToggleAnnotations => "Show or hide the annotation list and inspector",
        }
    }

    /// Keyboard shortcuts; the first is shown in menus.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
        let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
        let plain = |k| KeyboardShortcut::new(Modifiers::NONE, k);
        let with = KeyboardShortcut::new;
        let alt_shift = Modifiers::ALT | Modifiers::SHIFT;
        let alt_cmd = Modifiers::ALT | Modifiers::COMMAND;
        let alt_cmd_shift = Modifiers::ALT | Modifiers::COMMAND | Modifiers::SHIFT;
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
            // Delete is a reader key (see `READER_KEYS`), so typing in a text field
            // never deletes an annotation.
            UiCommand::DeleteAnnotation => vec![],
            UiCommand::Find => vec![cmd(Key::F)],
            UiCommand::AddFragment => vec![cmd_shift(Key::A)],
            UiCommand::EditTags => vec![cmd_shift(Key::T)],
            UiCommand::RenameProject => vec![],
            UiCommand::RenameDocument => vec![plain(Key::F2)],
            UiCommand::FindNext => vec![plain(Key::F3)],
            UiCommand::FindPrevious => {
                vec![KeyboardShortcut::new(Modifiers::SHIFT, Key::F3)]
            }
            UiCommand::NextAnnotation => vec![cmd(Key::ArrowDown)],
            UiCommand::PreviousAnnotation => vec![cmd(Key::ArrowUp)],
            UiCommand::StartWordLeft => vec![with(alt_shift, Key::ArrowLeft)],
            UiCommand::StartWordRight => vec![with(alt_shift, Key::ArrowRight)],
            UiCommand::EndWordLeft => vec![with(Modifiers::ALT, Key::ArrowLeft)],
            UiCommand::EndWordRight => vec![with(Modifiers::ALT, Key::ArrowRight)],
            UiCommand::StartCharLeft => vec![with(alt_cmd_shift, Key::ArrowLeft)],
            UiCommand::StartCharRight => vec![with(alt_cmd_shift, Key::ArrowRight)],
            UiCommand::EndCharLeft => vec![with(alt_cmd, Key::ArrowLeft)],
            UiCommand::EndCharRight => vec![with(alt_cmd, Key::ArrowRight)],
            UiCommand::CommandPalette => vec![cmd_shift(Key::P)],
            UiCommand::ShowShortcuts => vec![plain(Key::F1)],
            UiCommand::FocusNextPane => vec![plain(Key::F6)],
            UiCommand::FocusPreviousPane => vec![with(Modifiers::SHIFT, Key::F6)],
            UiCommand::ZoomIn => vec![cmd(Key::Plus), cmd(Key::Equals)],
            UiCommand::ZoomOut => vec![cmd(Key::Minus)],
            UiCommand::ZoomReset => vec![cmd(Key::Num0)],
            UiCommand::TextLarger | UiCommand::TextSmaller => vec![],
            UiCommand::ToggleTheme => vec![],
            UiCommand::ToggleDocuments => vec![],
            UiCommand::ToggleAnnotations => vec![],
        }
    }

    /// Every (command, shortcut) pair, most modifiers first: egui ignores an
    /// unrequested Shift when matching, so Ctrl+Shift+S must be tried before Ctrl+S.
    pub fn shortcut_table() -> Vec<(UiCommand, KeyboardShortcut)> {
        let mut table: Vec<(UiCommand, KeyboardShortcut)> = Self::all()
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        table.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        table
    }

    /// The commands whose shortcut was pressed this frame (consumed from the input).
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        let table = Self::shortcut_table();
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for (c, s) in &table {
                if i.consume_shortcut(s) {
                    out.push(*c);
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

/// How many modifier keys a shortcut needs.
fn modifier_count(m: Modifiers) -> u32 {
    [m.alt, m.ctrl, m.shift, m.command || m.mac_cmd]
        .into_iter()
        .filter(|&b| b)
        .count() as u32
}

/// Keys the reader handles itself while it has the keyboard focus (besides each
/// tag's letter and the digits 1–9), with what they do. Listed here so a test can
/// check that no command shortcut takes one of them.
pub const READER_KEYS: &[(Key, &str)] = &[
    (
        Key::Enter,
        "link the selected mention to the suggested entity",
    ),
    (Key::Delete, "delete the selected annotation"),
    (Key::Backspace, "delete the selected annotation"),
    (Key::Escape, "clear the selection"),
    (Key::ArrowLeft, "move the caret"),
    (Key::ArrowRight, "move the caret"),
    (Key::ArrowUp, "move the caret"),
    (Key::ArrowDown, "move the caret"),
    (Key::Home, "start of the paragraph"),
    (Key::End, "end of the paragraph"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagSet;
    use std::collections::HashMap;

    #[test]
    fn no_two_commands_share_a_shortcut_and_tag_keys_are_free() {
        let mut seen: HashMap<KeyboardShortcut, String> = HashMap::new();
        let mut claim = |s: KeyboardShortcut, who: String| {
            if let Some(other) = seen.insert(s, who.clone()) {
                panic!("{s:?} is taken by both {other} and {who}");
            }
        };
        for (c, s) in UiCommand::shortcut_table() {
            claim(s, format!("{c:?}"));
        }
        for t in TagSet::default().tags {
            if let Some(k) = t.shortcut.and_then(|c| Key::from_name(&c.to_string())) {
                claim(
                    KeyboardShortcut::new(Modifiers::NONE, k),
                    format!("tag {}", t.key),
                );
            }
        }
        for (i, key) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5]
            .into_iter()
            .enumerate()
        {
            claim(
                KeyboardShortcut::new(Modifiers::NONE, key),
                format!("tag #{}", i + 1),
            );
        }
        for (key, what) in READER_KEYS {
            // The reader reads these with and without Shift (extending the selection).
            for m in [Modifiers::NONE, Modifiers::SHIFT] {
                claim(
                    KeyboardShortcut::new(m, *key),
                    format!("reader: {what} ({m:?})"),
                );
            }
        }
    }

    #[test]
    fn shortcuts_are_tried_most_specific_first() {
        let table = UiCommand::shortcut_table();
        let pos = |c: UiCommand| table.iter().position(|(x, _)| *x == c);
        assert!(pos(UiCommand::SaveAs) < pos(UiCommand::Save));
        assert!(pos(UiCommand::AddArticle) < pos(UiCommand::OpenProject));
        assert!(pos(UiCommand::FindPrevious) < pos(UiCommand::FindNext));
        let counts: Vec<u32> = table
            .iter()
            .map(|(_, s)| modifier_count(s.modifiers))
            .collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    }

    #[test]
    fn every_command_has_a_label_and_tooltip() {
        for c in UiCommand::all() {
            assert!(!c.label().is_empty() && !c.tooltip().is_empty(), "{c:?}");
        }
        assert!(UiCommand::all().count() >= 19);
    }
}
