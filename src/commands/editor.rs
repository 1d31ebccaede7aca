//! The editor: owns a project, applies commands, keeps undo/redo and the dirty flag.

use super::{ChangeLog, Command, CommandError, Stamp, changes_of};
use crate::model::{AnnotationId, Project};

/// Consecutive commands with the same key merge into one undo step while a burst
/// lasts (e.g. typing a note); [`Editor::end_burst`] closes the burst.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CoalesceKey {
    /// Editing the note of one annotation.
    Note(AnnotationId),
    /// Editing a text field of some other object, named by the caller.
    Field(String),
}

#[derive(Debug)]
struct Entry {
    /// What the user did, for the menu ("Undo Tag “Maryam Rajavi”").
    label: String,
    /// The command that takes the project back (or forward, on the redo stack).
    command: Command,
    /// State revision before and after the step.
    before: u64,
    after: u64,
    coalesce: Option<CoalesceKey>,
}

/// A project plus its edit history, and who is editing it.
///
/// Every new edit is stamped here (see [`Stamp`]) with the editor's author and the
/// time, once for the app and the CLI alike; undo and redo restore objects exactly
/// as they were, stamps included.
#[derive(Debug)]
pub struct Editor {
    project: Project,
    /// Who edits: stamped on what each new command creates or changes.
    author: String,
    undo: Vec<Entry>,
    redo: Vec<Entry>,
    /// Identifies the current state; every new edit gets a fresh number.
    revision: u64,
    next_revision: u64,
    saved_revision: Option<u64>,
    burst_open: bool,
    /// What the last steps changed, for views' caches.
    changes: ChangeLog,
}

impl Editor {
    /// Wraps a project that matches what is on disk (not dirty).
    pub fn new(project: Project) -> Self {
        Self {
            project,
            author: String::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            next_revision: 1,
            saved_revision: Some(0),
            burst_open: false,
            changes: ChangeLog::default(),
        }
    }

    /// Wraps a project that has never been saved (dirty from the start).
    pub fn new_unsaved(project: Project) -> Self {
        let mut e = Self::new(project);
        e.saved_revision = None;
        e
    }

    /// The same editor, stamping new edits with `author`.
    pub fn with_author(mut self, author: &str) -> Self {
        self.set_author(author);
        self
    }

    /// Stamps new edits with `author` from now on (empty: only the time).
    pub fn set_author(&mut self, author: &str) {
        author.trim().clone_into(&mut self.author);
    }

    /// Who new edits are stamped with.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// The project, read-only. Change it with [`Editor::apply`].
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// A number that changes whenever the project changes (edit, undo or redo);
    /// views use it to know when to rebuild their caches.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// What the last steps changed.
    pub fn changes(&self) -> &ChangeLog {
        &self.changes
    }

    /// Applies a command as a new undo step.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        self.apply_coalescing(command, None)
    }

    /// Applies a command, merging it into the previous step if both carry the same key
    /// and the burst is still open.
    pub fn apply_coalescing(
        &mut self,
        command: Command,
        key: Option<CoalesceKey>,
    ) -> Result<(), CommandError> {
        let label = command.label();
        let changes = changes_of(&command, &self.project);
        let inverse = command.apply_stamped(&mut self.project, &Stamp::now(&self.author))?;
        self.changes.record(changes);
        let after = self.next_revision;
        self.next_revision += 1;
        self.redo.clear();
        let merge = self.burst_open
            && key.is_some()
            && self
                .undo
                .last()
                .is_some_and(|e| e.coalesce == key && e.after == self.revision);
        if merge {
            // Keep the oldest inverse: undo returns to the state before the whole burst.
            if let Some(top) = self.undo.last_mut() {
                top.after = after;
            }
        } else {
            self.undo.push(Entry {
                label,
                command: inverse,
                before: self.revision,
                after,
                coalesce: key.clone(),
            });
        }
        self.burst_open = key.is_some();
        self.revision = after;
        Ok(())
    }

    /// Ends an editing burst: the next command starts a new undo step.
    pub fn end_burst(&mut self) {
        self.burst_open = false;
    }

    /// Undoes the last step. Returns its label, or `None` if there was nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>, CommandError> {
        self.step(true)
    }

    /// Redoes the last undone step. Returns its label, or `None` if there was nothing to redo.
    pub fn redo(&mut self) -> Result<Option<String>, CommandError> {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> Result<Option<String>, CommandError> {
        self.burst_open = false;
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(entry) = from.pop() else {
            return Ok(None);
        };
        let changes = changes_of(&entry.command, &self.project);
        match entry.command.clone().apply(&mut self.project) {
            Ok(reverse) => {
                self.changes.record(changes);
                self.revision = if undo { entry.before } else { entry.after };
                let label = entry.label.clone();
                to.push(Entry {
                    command: reverse,
                    coalesce: None,
                    ..entry
                });
                Ok(Some(label))
            }
            Err(e) => {
                from.push(entry);
                Err(e)
            }
        }
    }

    /// Label of the step Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|e| e.label.as_str())
    }

    /// Label of the step Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|e| e.label.as_str())
    }

    /// Whether the project differs from what was last saved (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.revision)
    }

    /// Records that the current state is now on disk. History is kept.
    pub fn mark_saved(&mut self) {
        self.saved_revision = Some(self.revision);
        self.burst_open = false;
    }

    /// Forgets the saved state (e.g. after "Save As" failed half-way or a new file).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = None;
    }

    /// Takes the project out, dropping the history.
    pub fn into_project(self) -> Project {
        self.project
    }
}
