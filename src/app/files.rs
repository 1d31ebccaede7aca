//! Opening, saving, importing, recovery and watching the file on disk.

use super::{AUTOSAVE_SECONDS, DISK_CHECK_SECONDS, DiskStamp, DossierApp};
use crate::commands::{Command, Editor};
use crate::import::{self, Format};
use crate::model::Project;
use crate::store::{self, recovery};
use crate::ui::Pending;
use std::path::{Path, PathBuf};

impl DossierApp {
    /// Opens files given on the command line or dropped on the window: the first
    /// project is opened (asking about unsaved changes first); articles are added to
    /// the current project.
    pub fn open_files(&mut self, files: Vec<PathBuf>, ctx: &egui::Context) {
        let (projects, articles): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        for a in &articles {
            self.add_article(a);
        }
        if let Some(p) = projects.into_iter().next() {
            self.request(Pending::Open(Some(p)), ctx);
        }
    }

    /// Opens a project file, replacing the current project (no unsaved-changes check:
    /// callers go through [`DossierApp::request`]).
    pub fn open_path(&mut self, path: &Path) -> bool {
        match store::load_with_stamp(path) {
            Ok((project, stamp)) => {
                self.replace_project(Editor::new(project), Some(path.to_path_buf()));
                self.loaded = Some(stamp);
                self.settings.remember(path);
                self.save_settings();
                true
            }
            Err(e) => {
                self.report(format!("Could not open {}: {e}", path.display()));
                false
            }
        }
    }

    fn replace_project(&mut self, editor: Editor, path: Option<PathBuf>) {
        // The old project's recovery copy is only removed when it was clean.
        if !self.editor.is_dirty() {
            self.remove_recovery_copy();
        }
        self.editor = editor;
        self.editor.set_author(&self.author);
        self.disk = path.as_deref().and_then(DiskStamp::of);
        self.loaded = None;
        self.path = path;
        self.external_change = false;
        // A fresh view, keeping the panels' layout choices (tab, filters are per project).
        self.view = super::ViewState {
            doc: self.editor.project().documents().first().map(|d| d.id),
            ..Default::default()
        };
    }

    /// Starts an empty, unsaved project.
    pub fn new_project(&mut self) {
        let mut editor = Editor::new(Project::new("Untitled"));
        editor.mark_saved();
        self.replace_project(editor, None);
    }

    /// Imports an article as a new document (one undo step) and shows it.
    pub fn add_article(&mut self, path: &Path) {
        if !Format::is_article_path(path) {
            self.report(format!(
                "{} is not an article Dossier can import (.txt, .md, .html) or a project (.ron)",
                path.display()
            ));
            return;
        }
        match import::import_file(path) {
            Ok(doc) => {
                let id = doc.id;
                let r = self.editor.apply(Command::AddDocument {
                    document: Box::new(doc),
                    index: None,
                });
                match r {
                    Ok(()) => self.show_document(id),
                    Err(e) => self.report(format!("Could not add {}: {e}", path.display())),
                }
            }
            Err(e) => self.report(format!("Could not import: {e}")),
        }
    }

    /// Saves to the current path, or asks for one. Returns whether the project is saved.
    pub fn save(&mut self) -> bool {
        match self.path.clone() {
            Some(p) => {
                if self.changed_on_disk() {
                    self.external_change = true;
                    self.report(format!(
                        "{} changed on disk since it was opened. Reload it, or choose “Keep mine” and save again.",
                        p.display()
                    ));
                    return false;
                }
                self.save_to(&p)
            }
            None => self.save_as(),
        }
    }

    /// Asks for a file name and saves there.
    pub fn save_as(&mut self) -> bool {
        let name = format!("{}.ron", self.project().name);
        let picked = rfd::FileDialog::new()
            .add_filter("Dossier project", &["ron"])
            .set_file_name(name)
            .save_file();
        match picked {
            Some(p) => self.save_to(&p),
            None => false,
        }
    }

    /// Saves atomically to `path` and makes it the project's file. Saving over the
    /// project's own file replaces it only if it is still what was read or saved.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let expected = match &self.path {
            Some(current) if current == path => self.loaded.as_ref(),
            _ => None,
        };
        match store::save_if_unchanged(self.project(), path, expected) {
            Ok(stamp) => {
                self.editor.mark_saved();
                self.path = Some(path.to_path_buf());
                self.disk = DiskStamp::of(path);
                self.loaded = Some(stamp);
                self.external_change = false;
                self.remove_recovery_copy();
                self.settings.remember(path);
                self.save_settings();
                true
            }
            Err(e @ store::StoreError::ChangedOnDisk { .. }) => {
                self.external_change = true;
                self.messages.push(format!(
                    "Could not save: {e}. Reload it, or choose “Keep mine” and save again."
                ));
                false
            }
            Err(e) => {
                self.report(format!(
                    "Could not save: {e}. Your work is still open; try another folder."
                ));
                false
            }
        }
    }

    /// Does what was pending once the user chose Save or Discard.
    pub fn resume(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::New => self.new_project(),
            Pending::Open(Some(p)) => {
                self.open_path(&p);
            }
            Pending::Open(None) => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter("Dossier project", &["ron"])
                    .pick_file()
                {
                    self.open_path(&p);
                }
            }
            Pending::Close => self.new_project(),
            Pending::Quit => {
                self.quit_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Throws away unsaved changes (the guard's "Discard").
    pub fn discard_changes(&mut self) {
        self.remove_recovery_copy();
        self.editor.mark_saved();
    }

    /// Removes the current project's recovery copy, reporting a failure.
    fn remove_recovery_copy(&mut self) {
        if let Err(e) = recovery::remove(&self.dirs.recovery_dir(), self.project().id) {
            self.report(e.to_string());
        }
    }

    /// Restores a recovery copy as an unsaved project attached to its original file.
    pub fn restore(&mut self, copy: &recovery::RecoveryCopy) {
        match store::load(&copy.file) {
            Ok(project) => {
                let mut editor = Editor::new(project);
                editor.mark_unsaved();
                let original = copy.original.clone();
                self.editor = Editor::new(Project::new("Untitled"));
                self.replace_project(editor, original);
                if let Err(e) = recovery::discard(copy) {
                    self.report(e.to_string());
                }
                // Re-write it under the project's id so it stays safe until saved.
                self.autosave_now();
            }
            Err(e) => self.report(format!("Could not restore {}: {e}", copy.file.display())),
        }
    }

    /// Writes a recovery copy now if there are unsaved changes.
    pub fn autosave_now(&mut self) {
        if !self.editor.is_dirty() {
            return;
        }
        if let Err(e) = recovery::write(
            &self.dirs.recovery_dir(),
            self.project(),
            self.path.as_deref(),
        ) {
            self.report(format!("Could not keep a recovery copy: {e}"));
        }
    }

    /// Every frame: recovery copies on a timer and on focus loss, and the disk check.
    pub(super) fn background(&mut self, ctx: &egui::Context) {
        let (now, focused) = ctx.input(|i| (i.time, i.viewport().focused.unwrap_or(true)));
        let lost_focus = self.was_focused && !focused;
        self.was_focused = focused;
        if self.editor.is_dirty() && (lost_focus || now - self.last_autosave >= AUTOSAVE_SECONDS) {
            self.last_autosave = now;
            self.autosave_now();
        } else if !self.editor.is_dirty() {
            self.last_autosave = now;
        }
        if now - self.last_disk_check >= DISK_CHECK_SECONDS {
            self.last_disk_check = now;
            if !self.external_change && self.changed_on_disk() {
                self.external_change = true;
            }
        }
        // Wake up for the next autosave or disk check even when idle.
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_CHECK_SECONDS));
    }

    /// Whether the project file differs from what we last read or wrote.
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.disk) {
            (Some(p), Some(stamp)) => DiskStamp::of(p).as_ref() != Some(stamp),
            _ => false,
        }
    }

    /// Reloads the project from disk (the external-change banner's "Reload").
    pub fn reload(&mut self) {
        if let Some(p) = self.path.clone()
            && self.open_path(&p)
        {
            self.external_change = false;
        }
    }

    /// Keeps our version: the next save overwrites the file on disk.
    pub fn keep_mine(&mut self) {
        self.disk = self.path.as_deref().and_then(DiskStamp::of);
        self.loaded = None;
        self.external_change = false;
    }

    /// Writes the settings; failure is reported once, not fatal.
    pub fn save_settings(&mut self) {
        if let Err(e) = self.settings.save(&self.dirs) {
            self.report(format!("Could not save settings: {e}"));
        }
    }

    /// Asks for an article with a file dialog and imports it.
    pub fn pick_article(&mut self) {
        if let Some(paths) = rfd::FileDialog::new()
            .add_filter(
                "Articles",
                &["txt", "md", "markdown", "html", "htm", "pdf", "docx"],
            )
            .pick_files()
        {
            for p in paths {
                self.add_article(&p);
            }
        }
    }
}
