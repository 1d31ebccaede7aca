//! The desktop workbench: owns the project (through the [`Editor`]), draws the
//! views, and applies what they ask for after each frame.

mod actions;
mod files;
mod frame;
pub mod recovery;
pub mod settings;
mod ui_command;

pub use settings::{AppDirs, Settings};
pub use ui_command::UiCommand;

use crate::commands::Editor;
use crate::model::{AnnotationId, DocumentId, Project};
use crate::ui::TextSelection;
use crate::ui::annotations::AnnotationList;
use crate::ui::inspector::Inspector;
use crate::ui::reader::Reader;
use std::path::PathBuf;

/// Seconds between recovery copies while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Seconds between checks whether the project file changed on disk.
const DISK_CHECK_SECONDS: f64 = 2.0;

/// What was asked for while unsaved changes stood in the way.
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

/// A modal question on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// Save / Discard / Cancel before doing `Pending`.
    UnsavedChanges(Pending),
    /// Offer to restore work from a crash.
    Recover(recovery::RecoveryCopy),
}

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

/// The find bar's matches (char ranges) and the document and text they are for.
pub type FindMatches = (Option<(DocumentId, String)>, Vec<(usize, usize)>);

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
}

/// The view state: what is shown and selected (not saved in the project).
#[derive(Default)]
pub struct ViewState {
    /// The right panel's tab.
    pub tab: RightTab,
    /// The entity whose page is shown.
    pub entity: Option<crate::model::EntityId>,
    /// The entities tab.
    pub entities: crate::ui::entities::EntitiesView,
    /// The search tab.
    pub search: crate::ui::search::SearchView,
    /// The annotate-all dialog, when open.
    pub annotate_all: Option<crate::ui::annotate_all::AnnotateAll>,
    /// Matches of the find bar in the current document, and what they are for.
    pub find_matches: FindMatches,
    /// The document in the reader.
    pub doc: Option<DocumentId>,
    /// The reader's text selection.
    pub selection: Option<TextSelection>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// The reader.
    pub reader: Reader,
    /// The annotation list.
    pub list: AnnotationList,
    /// The inspector.
    pub inspector: Inspector,
    /// The find bar's text, when the bar is open.
    pub find: Option<String>,
    /// Where the last find match started.
    pub find_from: usize,
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
    last_autosave: f64,
    last_disk_check: f64,
    was_focused: bool,
    title: String,
    author: String,
    quit_confirmed: bool,
}

impl DossierApp {
    /// Creates the app for eframe: applies remembered look, then opens `files`
    /// (or the sample project) and looks for recovery copies.
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> Self {
        Self::with_dirs(&cc.egui_ctx, files, AppDirs::from_env())
    }

    /// Creates the app with explicit folders (tests use temporary ones).
    pub fn with_dirs(ctx: &egui::Context, files: Vec<PathBuf>, dirs: AppDirs) -> Self {
        let settings = Settings::load(&dirs);
        let mut app = Self {
            editor: Editor::new_unsaved(Project::new("Untitled")),
            path: None,
            disk: None,
            loaded: None,
            settings,
            dirs,
            view: ViewState::default(),
            dialog: None,
            messages: Vec::new(),
            external_change: false,
            last_autosave: 0.0,
            last_disk_check: 0.0,
            was_focused: true,
            title: String::new(),
            author: crate::cli::author_name(),
            quit_confirmed: false,
        };
        app.editor.mark_saved();
        app.apply_look(ctx);
        let files = if files.is_empty() {
            default_files()
        } else {
            files
        };
        app.open_files(files);
        if let Some(copy) = recovery::find(&app.dirs).into_iter().next() {
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

    /// The window title: project name, a dirty marker, "— Dossier".
    pub fn window_title(&self) -> String {
        let dirty = if self.editor.is_dirty() { " •" } else { "" };
        format!("{}{dirty} — Dossier", self.project().name)
    }

    fn apply_look(&self, ctx: &egui::Context) {
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

/// The sample project, when Dossier runs from its source folder without arguments.
fn default_files() -> Vec<PathBuf> {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("projects/paris-conference.ron");
    let local = PathBuf::from("projects/paris-conference.ron");
    [local, sample]
        .into_iter()
        .filter(|p| p.is_file())
        .take(1)
        .collect()
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
