//! The desktop workbench: owns the project (through the [`Editor`]), draws the
//! views, and applies what they ask for after each frame — the one place where the
//! project and the app's state change.
//!
//! - `frame`: one frame: input, panels, dialogs, then the actions;
//! - `actions`: applying [`Action`]s and [`UiCommand`]s;
//! - `files`: opening, saving, importing, recovery copies, the disk watch;
//! - `text`: editing a document's text, updating an article, restoring orphans;
//! - `interchange`: exporting, and importing annotations made elsewhere;
//! - `settings`: preferences and the app's folders.

mod actions;
mod files;
mod frame;
mod interchange;
mod jobs;
pub mod settings;
mod team;
mod text;

pub use jobs::Job;

pub use settings::{AppDirs, Settings};

use crate::commands::Editor;
use crate::model::{AnnotationId, DocumentId, EntityId, Project};
use crate::ui::annotate_all::AnnotateAll;
use crate::ui::dialogs::Dialog;
use crate::ui::reader_panel::ReaderPanel;
use crate::ui::right_panel::RightPanel;
use crate::ui::{Action, TextSelection, UiCommand};
use std::path::PathBuf;

/// Seconds between recovery copies while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Seconds between checks whether the project file changed on disk.
const DISK_CHECK_SECONDS: f64 = 2.0;

/// Size and modification time of the project file when we last read or wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl DiskStamp {
    fn of(path: &std::path::Path) -> Option<Self> {
        let m = std::fs::metadata(path).ok()?;
        Some(Self {
            len: m.len(),
            modified: m.modified().ok(),
        })
    }
}

/// The find bar's matches (char ranges), and the document and text they are for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindMatches {
    /// The document and text the matches were computed for.
    pub key: Option<(DocumentId, String)>,
    /// The matches, sorted by start.
    pub matches: Vec<(usize, usize)>,
    /// Where the last selected match started.
    pub from: usize,
}

/// The view state: what is shown and selected (not saved in the project).
#[derive(Default)]
pub struct ViewState {
    /// The document in the reader.
    pub doc: Option<DocumentId>,
    /// The reader's text selection.
    pub selection: Option<TextSelection>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The entity whose page is shown.
    pub entity: Option<EntityId>,
    /// The centre: find bar, header, toolbar, reader.
    pub center: ReaderPanel,
    /// The right panel's tabs.
    pub right: RightPanel,
    /// The annotate-all dialog, when open.
    pub annotate_all: Option<AnnotateAll>,
    /// Matches of the find bar in the current document.
    pub find: FindMatches,
    /// The command palette, when open.
    pub palette: Option<crate::ui::palette::Palette>,
    /// Whether the shortcuts window is open.
    pub help: bool,
    /// Dossier's own file dialog, when open.
    pub file_dialog: Option<crate::ui::file_dialog::FileDialog>,
    /// The question for the analyst's name, when on screen.
    pub author_prompt: Option<crate::ui::author_prompt::AuthorPrompt>,
    /// The tag editor, when open.
    pub tag_editor: Option<crate::ui::tags::TagEditor>,
    /// The rename window, when open.
    pub rename: Option<crate::ui::rename::Rename>,
}

/// The application.
pub struct DossierApp {
    /// The project and its history.
    pub editor: Editor,
    /// The file the project was opened from or saved to.
    pub path: Option<PathBuf>,
    disk: Option<DiskStamp>,
    /// Exactly the file contents the project was read from or last saved as: a save
    /// replaces nothing else (see `store::save_if_unchanged`).
    loaded: Option<crate::store::FileStamp>,
    /// Preferences.
    pub settings: Settings,
    dirs: AppDirs,
    /// What is shown and selected.
    pub view: ViewState,
    /// The modal on screen, if any.
    pub dialog: Option<Dialog>,
    /// Messages (errors, notices) shown until dismissed.
    pub messages: Vec<String>,
    /// The project file changed on disk since we read it.
    pub external_change: bool,
    /// Files being opened or imported off the UI thread.
    pub jobs: Vec<Job>,
    last_autosave: f64,
    last_disk_check: f64,
    was_focused: bool,
    title: String,
    author: String,
    /// The project is a copy of the shipped sample, not saved anywhere yet.
    pub sample_copy: bool,
    quit_confirmed: bool,
}

impl DossierApp {
    /// Creates the app for eframe: applies remembered look, then opens `files`
    /// (or the sample project) and looks for recovery copies.
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> Self {
        let mut app = Self::with_dirs(&cc.egui_ctx, files, AppDirs::from_env());
        app.ask_author_if_unset();
        app
    }

    /// Creates the app with explicit folders (tests use temporary ones).
    pub fn with_dirs(ctx: &egui::Context, files: Vec<PathBuf>, dirs: AppDirs) -> Self {
        let settings = Settings::load(&dirs);
        let mut app = Self {
            editor: Editor::new(Project::new("Untitled")),
            path: None,
            disk: None,
            loaded: None,
            settings,
            dirs,
            view: ViewState::default(),
            dialog: None,
            messages: Vec::new(),
            external_change: false,
            jobs: Vec::new(),
            last_autosave: 0.0,
            last_disk_check: 0.0,
            was_focused: true,
            title: String::new(),
            author: String::new(),
            sample_copy: false,
            quit_confirmed: false,
        };
        app.author = app.settings.author.clone().unwrap_or_default();
        app.editor.set_author(&app.author);
        crate::ui::reader::fonts::install(ctx);
        app.apply_look(ctx);
        // Files named on the command line open before the window shows, so the
        // first frame has them; everything opened later goes off the UI thread.
        // Without any, the sample opens as an unsaved copy: the file shipped in
        // `projects/` is never overwritten.
        if files.is_empty() {
            if let Some(sample) = sample_project() {
                app.open_sample_copy(&sample);
            }
        } else {
            app.open_files_now(files);
        }
        if let Some(copy) = crate::store::recovery::find(&app.dirs.recovery_dir())
            .into_iter()
            .next()
        {
            app.dialog = Some(Dialog::Recover(copy));
        }
        app
    }

    /// The folders the app writes to.
    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    /// The project.
    pub fn project(&self) -> &Project {
        self.editor.project()
    }

    /// Opens the sample project as an unsaved copy (the first save asks where).
    pub fn open_sample_copy(&mut self, sample: &std::path::Path) {
        if self.open_path(sample) {
            self.path = None;
            self.loaded = None;
            self.disk = None;
            self.editor.mark_unsaved();
            self.sample_copy = true;
        }
    }

    /// The window title: project name, a dirty marker, "— Dossier".
    pub fn window_title(&self) -> String {
        let dirty = if self.editor.is_dirty() { " •" } else { "" };
        // Cut for the window system: a project name may be any length (winit
        // panics on a title of 20 MB).
        let name = crate::model::text::short(&self.project().name, 100);
        let copy = if self.sample_copy && self.path.is_none() {
            " (copy of the sample, not saved)"
        } else {
            ""
        };
        format!("{name}{copy}{dirty} — Dossier")
    }

    fn apply_look(&self, ctx: &egui::Context) {
        crate::ui::theme::apply(ctx);
        ctx.set_zoom_factor(self.settings.zoom.clamp(0.5, 3.0));
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
    }
}

impl eframe::App for DossierApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, _storage: &mut dyn eframe::Storage) {
        self.save_settings();
    }
}

/// The sample project shipped with Dossier, if it can be found (beside the working
/// folder, or in the source tree it was built from).
pub fn sample_project() -> Option<PathBuf> {
    let local = PathBuf::from("projects/paris-conference.ron");
    let built = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/paris-conference.ron");
    [local, built].into_iter().find(|p| p.is_file())
}

/// Opens the desktop app on the given project or article files.
pub fn run(files: Vec<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Dossier")
            .with_app_id("dossier")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Dossier",
        options,
        Box::new(move |cc| Ok(Box::new(DossierApp::new(cc, files)))),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

/// The commands a key press triggered this frame, as actions.
fn shortcut_actions(ctx: &egui::Context) -> impl Iterator<Item = Action> {
    UiCommand::pressed(ctx).into_iter().map(Action::Ui)
}
