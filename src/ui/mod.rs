//! The views of the workbench. Each reads a [`ViewCtx`] and pushes [`Action`]s;
//! none changes the project or the app: the app applies the actions after the frame.

pub mod annotate_all;
pub mod annotations;
pub mod author_prompt;
pub mod banners;
pub mod command;
pub mod compare;
pub mod conflicts;
pub mod ctx;
pub mod dialogs;
pub mod documents;
pub mod entities;
pub mod file_dialog;
pub mod find_bar;
pub mod help;
pub mod inspector;
pub mod interchange_menu;
pub mod menu;
pub mod orphans;
pub mod palette;
pub mod reader;
pub mod reader_panel;
pub mod rename;
pub mod right_panel;
pub mod rows;
pub mod search;
pub mod status;
pub mod tags;
pub mod theme;
pub mod toolbar;
pub mod welcome;

pub use command::UiCommand;
pub use ctx::ViewCtx;

use crate::commands::analyst::Occurrence;
use crate::commands::{CoalesceKey, Command};
use crate::model::{AnnotationId, DocumentId, EntityId};
use crate::store::recovery::RecoveryCopy;
use std::path::PathBuf;

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

/// The tabs of the right panel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RightTab {
    /// The current document's annotations and the inspector.
    #[default]
    Annotations,
    /// People, events and other entities.
    Entities,
    /// Project-wide search.
    Search,
    /// Conflicts a merge left to resolve.
    Conflicts,
    /// Two analysts' annotations side by side, agreement and curation.
    Compare,
}

/// What was asked for that unsaved changes may stand in the way of.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Start a new project.
    New,
    /// Open a project (`None`: ask with a dialog).
    Open(Option<PathBuf>),
    /// Close the project.
    Close,
    /// Quit the app.
    Quit,
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
    /// Something went wrong that the user must hear about.
    Error(String),
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
    /// Select the next (or previous) match of the find bar's text in the document.
    FindNext {
        /// Search towards the start.
        backwards: bool,
    },
    /// Select a range of the current document and scroll to it (a search hit).
    RevealRange(TextSelection),
    /// Show an entity's page (or none).
    SelectEntity(Option<EntityId>),
    /// Select the next or previous mention of an entity, across documents.
    StepMention {
        /// Which entity.
        entity: EntityId,
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
        entity: Option<EntityId>,
        /// Where the search started (already annotated, pre-unchecked).
        source: Option<Occurrence>,
    },
    /// Close the annotate-all dialog.
    CloseAnnotateAll,
    /// Switch the right panel's tab.
    SetTab(RightTab),
    /// Open files: projects are opened, articles imported (command line, drop).
    OpenFiles(Vec<PathBuf>),
    /// Do something that may need unsaved changes saved or discarded first.
    Request(Pending),
    /// The unsaved-changes question was answered with Save: save, then do it.
    SaveThen(Pending),
    /// …with Discard: throw the changes away, then do it.
    DiscardThen(Pending),
    /// Close the dialog on screen without doing anything.
    CloseDialog,
    /// Restore a recovery copy.
    RestoreRecovery(RecoveryCopy),
    /// Delete a recovery copy.
    DiscardRecovery(RecoveryCopy),
    /// The file changed on disk: read it again, discarding this version.
    ReloadFromDisk,
    /// The file changed on disk: keep this version; the next save replaces the file.
    KeepMine,
    /// Hide the message at this position.
    DismissMessage(usize),
    /// Stop waiting for the background job at this position.
    CancelJob(usize),
    /// Put the keyboard in the reader (after a toolbar click, a find, a link).
    FocusReader,
    /// Close the command palette.
    ClosePalette,
    /// Close the tag editor.
    CloseTags,
    /// Ask for a new name of the project or a document.
    Rename(rename::RenameTarget),
    /// Close the rename window.
    CloseRename,
    /// Give the project, a document or an entity this name.
    RenameTo(rename::RenameTarget, String),
    /// A file was chosen in Dossier's file dialog.
    FileChosen {
        /// What for.
        purpose: file_dialog::Purpose,
        /// The file(s).
        paths: Vec<PathBuf>,
    },
    /// Close Dossier's file dialog.
    CloseFileDialog,
    /// Open the sample project as an unsaved copy.
    OpenSample(PathBuf),
    /// Replace chars `range` of a document's text with `replacement` (delete junk,
    /// correct a typo); annotations follow (see [`crate::anchor::edit_text`]).
    EditText {
        /// The document.
        doc: DocumentId,
        /// The chars replaced, `(start, end)`.
        range: (usize, usize),
        /// What replaces them (empty: a deletion).
        replacement: String,
    },
    /// Import a new version of a document's article and re-anchor its annotations.
    UpdateArticle {
        /// The document (`None`: the one in the reader).
        doc: Option<DocumentId>,
        /// The new version's file (`None`: ask for it).
        path: Option<PathBuf>,
    },
    /// Bring an orphaned annotation back: at the reader's selection if there is
    /// one, else where its quote is found.
    RestoreOrphan {
        /// The document.
        doc: DocumentId,
        /// The orphan's annotation id.
        id: AnnotationId,
    },
    /// The analyst's name, stamped on their edits (remembered in the settings).
    SetAuthor(String),
    /// Ask for the analyst's name again.
    AskAuthor,
    /// Tell git the project file's merge is resolved (`git add`).
    MarkResolved,
    /// Compare with another analyst's project file (`None`: ask with a dialog).
    OpenCompare(Option<PathBuf>),
    /// Export the project in a format to a path (`None`: ask where).
    Export {
        /// The format.
        format: crate::export::Format,
        /// The file (a folder for brat); `None` asks.
        path: Option<PathBuf>,
    },
    /// Import annotations made elsewhere, as one undo step (no paths: ask which).
    ImportAnnotations {
        /// The format of the files.
        format: crate::import::AnnotationFormat,
        /// The files or folders; empty asks.
        paths: Vec<PathBuf>,
    },
}

impl Action {
    /// The edit a command builder produced, or an error message saying `what` failed.
    pub fn edit_or_error(
        built: Result<Command, crate::commands::CommandError>,
        what: &str,
    ) -> Self {
        match built {
            Ok(c) => Action::Edit(c),
            Err(e) => Action::Error(format!("{what}: {e}")),
        }
    }
}
