//! Dossier's own file dialog, for when the system's cannot be shown (no XDG desktop
//! portal: tiling window managers, Xvfb, a bare X session) or the user prefers it.
//! It opens with the keyboard in a path field: type or paste a path, Tab completes
//! it, Enter opens or saves; below, the folder's entries (folders first, filtered
//! by the right extensions), and buttons for the parent, home and recent folders.
//! Saving over an existing file asks first.

use super::Action;
use std::path::{Path, PathBuf};

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// Open a project (`.ron`).
    OpenProject,
    /// Save the project here (`.ron`); then do what was pending, if anything.
    SaveProject(Option<super::Pending>),
    /// Import articles.
    AddArticles,
    /// The new version of a document's article (to re-anchor its annotations on).
    UpdateArticle(crate::model::DocumentId),
    /// Another analyst's project, to compare with (`.ron`).
    CompareWith,
    /// Where to export the project (a folder for brat).
    Export(crate::export::Format),
    /// Annotations made in another tool, to import.
    ImportAnnotations(crate::import::AnnotationFormat),
}

impl Purpose {
    fn title(&self) -> String {
        match self {
            Purpose::OpenProject => "Open project".into(),
            Purpose::SaveProject(_) => "Save project as".into(),
            Purpose::AddArticles => "Add article".into(),
            Purpose::UpdateArticle(_) => "Update article: choose its new version".into(),
            Purpose::CompareWith => "Compare with another analyst's project".into(),
            Purpose::Export(f) if f.extension().is_none() => {
                format!("Export as {}: choose or name a folder", f.label())
            }
            Purpose::Export(f) => format!("Export as {}", f.label()),
            Purpose::ImportAnnotations(f) => format!("Import {}", f.label()),
        }
    }

    fn button(&self) -> &'static str {
        match self {
            Purpose::SaveProject(_) => "Save",
            Purpose::OpenProject => "Open",
            Purpose::AddArticles => "Add",
            Purpose::UpdateArticle(_) => "Update",
            Purpose::CompareWith => "Compare",
            Purpose::Export(_) => "Export",
            Purpose::ImportAnnotations(_) => "Import",
        }
    }

    fn saves(&self) -> bool {
        matches!(self, Purpose::SaveProject(_) | Purpose::Export(_))
    }

    /// Whether the choice is a folder (brat's export), which may exist already.
    fn wants_folder(&self) -> bool {
        matches!(self, Purpose::Export(f) if f.extension().is_none())
    }

    /// The extension a saved file gets when the name has none.
    fn save_extension(&self) -> Option<&'static str> {
        match self {
            Purpose::Export(f) => f.extension(),
            _ => Some("ron"),
        }
    }

    /// The extensions its files have (lower case, no dot).
    fn extensions(&self) -> Vec<&'static str> {
        match self {
            Purpose::OpenProject | Purpose::SaveProject(_) | Purpose::CompareWith => vec!["ron"],
            Purpose::AddArticles | Purpose::UpdateArticle(_) => {
                crate::import::ARTICLE_EXTENSIONS.to_vec()
            }
            Purpose::Export(f) => f.extension().into_iter().collect(),
            Purpose::ImportAnnotations(f) => f.extensions().to_vec(),
        }
    }
}

/// One entry of the folder shown.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    name: String,
    is_dir: bool,
}

/// The dialog's state.
pub struct FileDialog {
    /// What the file is for.
    pub purpose: Purpose,
    /// The path being typed.
    pub path: String,
    /// The folder listed.
    dir: PathBuf,
    entries: Vec<Entry>,
    listed: Option<PathBuf>,
    /// Why the folder could not be read, or the path not used.
    problem: Option<String>,
    /// A file that exists, waiting for "Replace?".
    confirm: Option<PathBuf>,
    /// Folders offered as shortcuts (of recent projects).
    recent: Vec<PathBuf>,
    /// Why this dialog is shown instead of the system's, if it was not asked for.
    pub note: Option<String>,
}

impl FileDialog {
    /// A dialog for `purpose`, starting in `dir` with `name` in the path field.
    pub fn new(purpose: Purpose, dir: PathBuf, name: &str, recent: &[PathBuf]) -> Self {
        let mut folders: Vec<PathBuf> = recent
            .iter()
            .filter_map(|p| p.parent().map(Path::to_path_buf))
            .collect();
        folders.dedup();
        folders.truncate(5);
        let path = dir.join(name).display().to_string();
        Self {
            purpose,
            path,
            dir,
            entries: Vec::new(),
            listed: None,
            problem: None,
            confirm: None,
            recent: folders,
            note: None,
        }
    }

    /// The id of the path field (for focus).
    pub fn field_id() -> egui::Id {
        egui::Id::unique("file-dialog-path")
    }

    /// Lists the folder again if it changed.
    fn list(&mut self) {
        if self.listed.as_deref() == Some(self.dir.as_path()) {
            return;
        }
        self.listed = Some(self.dir.clone());
        self.entries.clear();
        let extensions = self.purpose.extensions();
        match std::fs::read_dir(&self.dir) {
            Ok(read) => {
                for e in read.filter_map(Result::ok) {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    // Follows links: a link to a folder is a folder.
                    let is_dir = e.path().is_dir();
                    let wanted = is_dir
                        || Path::new(&name)
                            .extension()
                            .and_then(|x| x.to_str())
                            .is_some_and(|x| extensions.contains(&x.to_ascii_lowercase().as_str()));
                    if wanted {
                        self.entries.push(Entry { name, is_dir });
                    }
                }
                self.entries.sort_by(|a, b| {
                    b.is_dir
                        .cmp(&a.is_dir)
                        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                });
                self.problem = None;
            }
            Err(e) => self.problem = Some(format!("Cannot read {}: {e}", self.dir.display())),
        }
    }

    /// Shows the folder `dir` (the file name typed is kept).
    fn enter(&mut self, dir: PathBuf) {
        let name = Path::new(&self.path)
            .file_name()
            .filter(|_| !self.path.ends_with('/'))
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !Path::new(&self.path).is_dir() && !n.is_empty())
            .unwrap_or_default();
        self.path = dir.join(&name).display().to_string();
        if name.is_empty() && !self.path.ends_with('/') {
            self.path.push('/');
        }
        self.dir = dir;
        self.confirm = None;
    }

    /// Tab: completes the typed path as far as the folder's entries agree.
    fn complete(&mut self) {
        let typed = PathBuf::from(&self.path);
        let (dir, prefix) = if self.path.ends_with('/') {
            (typed.clone(), String::new())
        } else {
            (
                typed.parent().map(Path::to_path_buf).unwrap_or_default(),
                typed
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            )
        };
        if dir != self.dir && dir.is_dir() {
            self.dir = dir.clone();
            self.list();
        }
        let matches: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| e.name.starts_with(&prefix))
            .collect();
        let Some(first) = matches.first() else {
            return;
        };
        let mut common = first.name.clone();
        for m in &matches[1..] {
            let n = common
                .chars()
                .zip(m.name.chars())
                .take_while(|(a, b)| a == b)
                .count();
            common = common.chars().take(n).collect();
        }
        let mut completed = dir.join(&common).display().to_string();
        if matches.len() == 1 && first.is_dir {
            completed.push('/');
            self.dir = dir.join(&common);
        }
        self.path = completed;
    }

    /// Enter or the main button: a folder is entered; a file is chosen (saving over
    /// an existing file asks first).
    fn choose(&mut self, actions: &mut Vec<Action>) -> bool {
        let mut path = PathBuf::from(self.path.trim());
        if path.as_os_str().is_empty() {
            if !self.purpose.wants_folder() {
                return false;
            }
            // A folder export with no name: the folder shown.
            path.clone_from(&self.dir);
        }
        if path.is_relative() {
            path = self.dir.join(path);
        }
        if self.purpose.wants_folder() {
            if path.is_file() {
                self.problem = Some(format!("{} is a file, not a folder", path.display()));
                return false;
            }
            if !path.parent().is_some_and(Path::is_dir) {
                self.problem = Some(format!(
                    "There is no folder {}",
                    path.parent().unwrap_or(Path::new("")).display()
                ));
                return false;
            }
            actions.push(Action::FileChosen {
                purpose: self.purpose.clone(),
                paths: vec![path],
            });
            return true;
        }
        if path.is_dir() {
            self.enter(path);
            return false;
        }
        if self.purpose.saves() {
            if path.extension().is_none()
                && let Some(ext) = self.purpose.save_extension()
            {
                path.set_extension(ext);
            }
            if !path.parent().is_some_and(Path::is_dir) {
                self.problem = Some(format!(
                    "There is no folder {}",
                    path.parent().unwrap_or(Path::new("")).display()
                ));
                return false;
            }
            if path.exists() && self.confirm.as_deref() != Some(path.as_path()) {
                self.confirm = Some(path);
                return false;
            }
        } else if !path.is_file() {
            self.problem = Some(format!("There is no file {}", path.display()));
            return false;
        }
        actions.push(Action::FileChosen {
            purpose: self.purpose.clone(),
            paths: vec![path],
        });
        true
    }

    /// Draws the dialog; returns false once it is done (chosen or cancelled).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        self.list();
        let mut done = false;
        let mut open = true;
        egui::Window::new(self.purpose.title())
            .id(egui::Id::unique("file-dialog"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                if let Some(note) = &self.note {
                    ui.label(egui::RichText::new(note).weak());
                }
                let label = ui.label("Path");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.path)
                            .id(Self::field_id())
                            .desired_width(f32::INFINITY)
                            .lock_focus(true),
                    )
                    .labelled_by(label.id);
                if r.changed() {
                    self.confirm = None;
                    self.problem = None;
                    // Typing a folder shows it.
                    let typed = PathBuf::from(&self.path);
                    let folder = if self.path.ends_with('/') {
                        Some(typed)
                    } else {
                        typed.parent().map(Path::to_path_buf)
                    };
                    if let Some(f) = folder.filter(|f| f.is_dir() && *f != self.dir) {
                        self.dir = f;
                    }
                }
                if r.has_focus()
                    && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab))
                {
                    self.complete();
                    if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), Self::field_id())
                    {
                        let end = egui::text::CCursor::new(self.path.chars().count());
                        state
                            .cursor
                            .set_char_range(Some(egui::text::CCursorRange::one(end)));
                        state.store(ui.ctx(), Self::field_id());
                    }
                }
                let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if enter {
                    done = self.choose(actions);
                    r.request_focus();
                }
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Parent folder").clicked()
                        && let Some(parent) = self.dir.parent().map(Path::to_path_buf)
                    {
                        self.enter(parent);
                    }
                    if let Some(home) =
                        directories::UserDirs::new().map(|u| u.home_dir().to_path_buf())
                        && ui.button("Home").clicked()
                    {
                        self.enter(home);
                    }
                    for folder in self.recent.clone() {
                        let name = folder.file_name().map_or_else(
                            || folder.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .button(crate::model::text::short(&name, 30))
                            .on_hover_text(format!("Recent folder {}", folder.display()))
                            .clicked()
                        {
                            self.enter(folder);
                        }
                    }
                });
                ui.label(egui::RichText::new(self.dir.display().to_string()).weak());
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        let mut go: Option<PathBuf> = None;
                        let mut pick: Option<(String, bool)> = None;
                        for e in &self.entries {
                            let shown = if e.is_dir {
                                format!("{}/", e.name)
                            } else {
                                e.name.clone()
                            };
                            let r = ui.add(egui::Button::selectable(false, shown).truncate());
                            if r.clicked() {
                                if e.is_dir {
                                    go = Some(self.dir.join(&e.name));
                                } else {
                                    pick = Some((e.name.clone(), false));
                                }
                            }
                            if r.double_clicked() && !e.is_dir {
                                pick = Some((e.name.clone(), true));
                            }
                        }
                        if let Some((name, now)) = pick {
                            self.path = self.dir.join(&name).display().to_string();
                            self.confirm = None;
                            if now {
                                done = self.choose(actions);
                            }
                        }
                        if self.entries.is_empty() {
                            ui.label(egui::RichText::new("Nothing to show in this folder.").weak());
                        }
                        if let Some(dir) = go {
                            self.enter(dir);
                        }
                    });
                if let Some(problem) = &self.problem {
                    ui.colored_label(ui.visuals().error_fg_color, problem);
                }
                if let Some(existing) = self.confirm.clone() {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{} exists. Replace it?", existing.display()),
                    );
                }
                ui.horizontal(|ui| {
                    let main = if self.confirm.is_some() {
                        "Replace"
                    } else {
                        self.purpose.button()
                    };
                    if ui.button(main).clicked() {
                        done = self.choose(actions);
                    }
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
            });
        if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            done = true;
        }
        !done
    }
}
