//! What Dossier remembers between runs, and where it keeps its own files.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent projects the File menu lists.
pub const MAX_RECENT: usize = 10;

/// Default body text size in points.
pub const DEFAULT_FONT_SIZE: f32 = 17.0;

/// The user's preferences, kept in `settings.ron` in the config folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Dark theme.
    pub dark: bool,
    /// Body text size in points.
    pub font_size: f32,
    /// Show the documents panel.
    pub show_documents: bool,
    /// Show the annotations panel.
    pub show_annotations: bool,
    /// Recently opened projects, newest first.
    pub recent: Vec<PathBuf>,
    /// Use Dossier's own file dialog instead of the system's.
    pub builtin_file_dialog: bool,
    /// How much the whole interface is scaled (1 = as the system says).
    pub zoom: f32,
    /// The analyst's name, stamped on their edits (`None`: not asked yet).
    pub author: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            dark: false,
            font_size: DEFAULT_FONT_SIZE,
            show_documents: true,
            show_annotations: true,
            recent: Vec::new(),
            builtin_file_dialog: false,
            zoom: 1.0,
            author: None,
        }
    }
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults (settings
    /// are a convenience, never a reason not to start).
    pub fn load(dirs: &AppDirs) -> Self {
        crate::fsutil::read_bounded(&dirs.settings_file(), 1 << 20)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|s| ron::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Writes the settings atomically.
    pub fn save(&self, dirs: &AppDirs) -> std::io::Result<()> {
        std::fs::create_dir_all(&dirs.config)?;
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new().new_line("\n"))
            .map_err(std::io::Error::other)?;
        crate::store::write_atomic(&dirs.settings_file(), text.as_bytes())
    }

    /// Puts `path` first in the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}

/// The folders Dossier writes its own files to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppDirs {
    /// Settings and the recent list.
    pub config: PathBuf,
    /// Recovery copies of unsaved work.
    pub data: PathBuf,
}

impl AppDirs {
    /// The platform's folders (`~/.config/dossier`, `~/.local/share/dossier` on Linux),
    /// or `$DOSSIER_HOME/{config,data}` when that is set (tests, portable installs).
    pub fn from_env() -> Self {
        if let Some(home) = std::env::var_os("DOSSIER_HOME") {
            return Self::under(Path::new(&home));
        }
        match directories::ProjectDirs::from("org", "Dossier", "dossier") {
            Some(p) => Self {
                config: p.config_dir().to_path_buf(),
                data: p.data_dir().to_path_buf(),
            },
            None => Self::under(&std::env::temp_dir().join("dossier")),
        }
    }

    /// Folders under one root.
    pub fn under(root: &Path) -> Self {
        Self {
            config: root.join("config"),
            data: root.join("data"),
        }
    }

    /// The settings file.
    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.ron")
    }

    /// The folder of recovery copies.
    pub fn recovery_dir(&self) -> PathBuf {
        self.data.join("recovery")
    }
}
