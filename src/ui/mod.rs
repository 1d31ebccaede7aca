//! The views of the workbench. Each reads state and returns [`Action`]s; none
//! changes the project: the app applies the actions after the frame.

pub mod annotate_all;
pub mod annotations;
pub mod documents;
pub mod entities;
pub mod inspector;
pub mod links;
pub mod palette;
pub mod reader;
pub mod search;

use crate::app::UiCommand;
use crate::commands::{CoalesceKey, Command};
use crate::model::{AnnotationId, DocumentId};

/// A text selection in the reader, in char offsets; `anchor` stays put while
/// `cursor` moves (with Shift or a drag).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSelection {
    /// Where the selection started.
    pub anchor: usize,
    /// Where the caret is.
    pub cursor: usize,
}

impl TextSelection {
    /// A caret with nothing selected.
    pub fn caret(pos: usize) -> Self {
        Self {
            anchor: pos,
            cursor: pos,
        }
    }

    /// The selected range, start ≤ end.
    pub fn range(&self) -> (usize, usize) {
        (self.anchor.min(self.cursor), self.anchor.max(self.cursor))
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        self.anchor == self.cursor
    }

    /// Number of chars selected.
    pub fn len(&self) -> usize {
        self.anchor.abs_diff(self.cursor)
    }
}

/// Something a view asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Change the project.
    Edit(Command),
    /// Change the project, merging with the previous step of the same burst.
    EditCoalescing(Command, CoalesceKey),
    /// The editing burst (e.g. typing a note) is over.
    EndBurst,
    /// A menu or shortcut command.
    Ui(UiCommand),
    /// Show another document.
    ShowDocument(DocumentId),
    /// Select an annotation; `reveal` scrolls the reader to it and flashes it.
    SelectAnnotation {
        /// Which annotation.
        id: AnnotationId,
        /// Scroll to it and flash it.
        reveal: bool,
    },
    /// Deselect the annotation.
    ClearAnnotation,
    /// Set or clear the reader's text selection.
    SetSelection(Option<TextSelection>),
    /// Tag the current text selection with this tag key.
    TagSelection(String),
    /// Select the next (or previous) match of the find bar's text.
    FindNext {
        /// Search towards the start.
        backwards: bool,
    },
    /// Select a range of the current document and scroll to it (a search hit).
    RevealRange(TextSelection),
    /// Show an entity's page (or none).
    SelectEntity(Option<crate::model::EntityId>),
    /// Select the next or previous mention of an entity, across documents.
    StepMention {
        /// Which entity.
        entity: crate::model::EntityId,
        /// Forward or back.
        forward: bool,
    },
    /// Enter on a fresh mention: link to the best suggestion or create an entity.
    AcceptSuggestion,
    /// Open the annotate-all dialog.
    OpenAnnotateAll {
        /// The text to look for.
        text: String,
        /// The tag to give the occurrences.
        tag: String,
        /// The entity they should mention.
        entity: Option<crate::model::EntityId>,
        /// Where the search started (already annotated, pre-unchecked).
        source: Option<crate::commands::analyst::Occurrence>,
    },
    /// Open a recent project.
    OpenRecent(std::path::PathBuf),
}
