//! Opening, saving, importing, recovery and watching the file on disk.

use super::{AUTOSAVE_SECONDS, DISK_CHECK_SECONDS, DiskStamp, DossierApp};
use crate::commands::{Command, Editor};
use crate::import;
use crate::model::Project;
use crate::store::{self, recovery};
use crate::ui::Pending;
use crate::ui::file_dialog::{FileDialog, Purpose};
use std::path::{Path, PathBuf};

impl DossierApp {
    /// Opens files dropped on the window: the first project is opened (asking about
    /// unsaved changes first); articles are imported into the current project. Both
    /// off the UI thread.
    pub fn open_files(&mut self, files: Vec<PathBuf>, ctx: &egui::Context) {
        let (projects, articles) = split_projects(files);
        for a in articles {
            self.import_in_background(a, ctx);
        }
        if let Some(p) = projects.into_iter().next() {
            self.request(Pending::Open(Some(p)), ctx);
        }
    }

    /// Opens files named on the command line, now: the first project, then the
    /// articles into it.
    pub fn open_files_now(&mut self, files: Vec<PathBuf>) {
        let (projects, articles) = split_projects(files);
        if let Some(p) = projects.first() {
            self.open_path(p);
        }
        for a in &articles {
            self.add_article(a);
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

    pub(super) fn replace_project(&mut self, editor: Editor, path: Option<PathBuf>) {
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

    /// Imports an article as a new document (one undo step) and shows it, now (the
    /// window imports off the UI thread: see `import_in_background`).
    pub fn add_article(&mut self, path: &Path) {
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
    pub fn save(&mut self, ctx: &egui::Context) -> bool {
        self.save_then(None, ctx)
    }

    /// Saves to the current path and then does `then`; a project never saved asks
    /// for a file first (and does `then` once it is saved). Returns whether it is
    /// saved now.
    pub fn save_then(&mut self, then: Option<Pending>, ctx: &egui::Context) -> bool {
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
                let saved = self.save_to(&p);
                if saved && let Some(then) = then {
                    self.resume(then, ctx);
                }
                saved
            }
            None => {
                self.ask_for_file(Purpose::SaveProject(then), ctx);
                false
            }
        }
    }

    /// Asks where to save the project, then saves there.
    pub fn save_as(&mut self, ctx: &egui::Context) {
        self.ask_for_file(Purpose::SaveProject(None), ctx);
    }

    /// Asks for a file with the system's dialog, or — when it cannot be shown, or
    /// the user prefers it — with Dossier's own; the answer comes as
    /// [`crate::ui::Action::FileChosen`] (at once from the system's dialog).
    pub fn ask_for_file(&mut self, purpose: Purpose, ctx: &egui::Context) {
        let dir = self
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .or_else(|| {
                self.settings
                    .recent
                    .first()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
            })
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let name = match &purpose {
            Purpose::SaveProject(_) => format!("{}.ron", sanitise_file_name(&self.project().name)),
            Purpose::Export(f) => match f.extension() {
                Some(ext) => format!("{}.{ext}", sanitise_file_name(&self.project().name)),
                None => format!("{}-brat", sanitise_file_name(&self.project().name)),
            },
            _ => String::new(),
        };
        match system_dialog(&purpose, &dir, &name, self.settings.builtin_file_dialog) {
            SystemPick::Chosen(paths) => self.file_chosen(purpose, paths, ctx),
            SystemPick::Cancelled => {}
            SystemPick::Unavailable(why) => {
                let mut d = FileDialog::new(purpose, dir, &name, &self.settings.recent);
                d.note = why;
                self.view.file_dialog = Some(d);
                ctx.memory_mut(|m| m.request_focus(FileDialog::field_id()));
            }
        }
    }

    /// Does what a file was asked for.
    pub fn file_chosen(&mut self, purpose: Purpose, paths: Vec<PathBuf>, ctx: &egui::Context) {
        match purpose {
            Purpose::OpenProject => {
                if let Some(p) = paths.into_iter().next() {
                    self.open_in_background(p, ctx);
                }
            }
            Purpose::SaveProject(then) => {
                if let Some(p) = paths.first()
                    && self.save_to(p)
                {
                    self.sample_copy = false;
                    if let Some(then) = then {
                        self.resume(then, ctx);
                    }
                }
            }
            Purpose::AddArticles => {
                for p in paths {
                    self.import_in_background(p, ctx);
                }
            }
            Purpose::UpdateArticle(doc) => {
                if let Some(p) = paths.into_iter().next() {
                    self.update_article(Some(doc), Some(p), ctx);
                }
            }
            Purpose::CompareWith => {
                if let Some(p) = paths.into_iter().next() {
                    self.open_compare(Some(p), ctx);
                }
            }
            Purpose::Export(format) => {
                if let Some(p) = paths.into_iter().next() {
                    self.export_to(format, Some(p), ctx);
                }
            }
            Purpose::ImportAnnotations(format) => {
                if !paths.is_empty() {
                    self.import_annotations(format, paths, ctx);
                }
            }
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
            Pending::Open(Some(p)) => self.open_in_background(p, ctx),
            Pending::Open(None) => self.ask_for_file(Purpose::OpenProject, ctx),
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
    pub fn reload(&mut self, ctx: &egui::Context) {
        if let Some(p) = self.path.clone() {
            self.open_in_background(p, ctx);
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
    pub fn pick_article(&mut self, ctx: &egui::Context) {
        self.ask_for_file(Purpose::AddArticles, ctx);
    }
}

/// Project files (`.ron`) apart from articles.
fn split_projects(files: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    files
        .into_iter()
        .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
}

/// What the system's file dialog answered.
enum SystemPick {
    /// These files.
    Chosen(Vec<PathBuf>),
    /// The user closed it.
    Cancelled,
    /// It could not be shown (with why, when the user did not ask for Dossier's).
    Unavailable(Option<String>),
}

/// How fast a "no file" answer comes when the dialog never showed: nobody closes a
/// real dialog this fast.
const NOT_SHOWN: std::time::Duration = std::time::Duration::from_millis(250);

/// Asks with the system's dialog (XDG portal on Linux, through rfd), unless the user
/// chose Dossier's own (`builtin`, or `DOSSIER_FILE_DIALOG=builtin`). Without a
/// portal rfd answers "no file" at once, which cannot be told from a cancel but by
/// how fast it came.
fn system_dialog(purpose: &Purpose, dir: &Path, name: &str, builtin: bool) -> SystemPick {
    let env = std::env::var("DOSSIER_FILE_DIALOG").unwrap_or_default();
    if builtin || env == "builtin" {
        return SystemPick::Unavailable(None);
    }
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return SystemPick::Unavailable(Some(
            "The system's file dialog needs a desktop session (D-Bus), which is not running; \
             this is Dossier's own."
                .into(),
        ));
    }
    let dialog = rfd::FileDialog::new().set_directory(dir);
    let started = std::time::Instant::now();
    let picked: Option<Vec<PathBuf>> = match purpose {
        Purpose::OpenProject => dialog
            .add_filter("Dossier project", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        Purpose::Export(format) => match format.extension() {
            Some(ext) => dialog
                .set_title(format!("Export as {}", format.label()))
                .add_filter(format.label(), &[ext])
                .set_file_name(name)
                .save_file()
                .map(|p| vec![p]),
            None => dialog
                .set_title(format!("Export as {}: choose a folder", format.label()))
                .pick_folder()
                .map(|p| vec![p]),
        },
        Purpose::ImportAnnotations(format) => dialog
            .set_title(format!("Import {}", format.label()))
            .add_filter(format.label(), format.extensions())
            .pick_files(),
        Purpose::CompareWith => dialog
            .set_title("Compare with another analyst's project")
            .add_filter("Dossier project", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        Purpose::SaveProject(_) => dialog
            .add_filter("Dossier project", &["ron"])
            .set_file_name(name)
            .save_file()
            .map(|p| vec![p]),
        Purpose::AddArticles => dialog
            .add_filter("Articles", &import::ARTICLE_EXTENSIONS)
            .pick_files(),
        Purpose::UpdateArticle(_) => dialog
            .set_title("Update article: choose its new version")
            .add_filter("Articles", &import::ARTICLE_EXTENSIONS)
            .pick_file()
            .map(|p| vec![p]),
    };
    match picked {
        Some(paths) if !paths.is_empty() => SystemPick::Chosen(paths),
        _ if started.elapsed() < NOT_SHOWN => SystemPick::Unavailable(Some(
            "The system's file dialog could not be shown (no desktop portal?); this is Dossier's own."
                .into(),
        )),
        _ => SystemPick::Cancelled,
    }
}

/// A project name made safe as a file name.
fn sanitise_file_name(name: &str) -> String {
    let cleaned: String = crate::model::text::short(name, 60)
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "project".to_owned()
    } else {
        cleaned
    }
}
