//! The real app on a copy of the sample project, for the UI tests driven through
//! AccessKit: a temporary folder (the project and Dossier's own home) and a harness.

use dossier::app::{AppDirs, DossierApp};
use egui_kittest::Harness;
use std::path::{Path, PathBuf};

/// A copy of the sample project and a home folder for the app, removed on drop.
pub(crate) struct Fixture {
    _dir: tempfile::TempDir,
    /// The project file.
    pub(crate) project: PathBuf,
    /// Dossier's home (settings, recovery copies).
    pub(crate) root: PathBuf,
}

/// A fresh copy of `projects/paris-conference.ron`.
pub(crate) fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/paris-conference.ron");
    let project = dir.path().join("sample.ron");
    std::fs::copy(&sample, &project).expect("copy sample");
    let root = dir.path().join("home");
    Fixture {
        project,
        root,
        _dir: dir,
    }
}

/// The app on the fixture's project in a 1280×800 window.
#[allow(dead_code)] // not every test file uses every helper
pub(crate) fn harness(f: &Fixture) -> Harness<'static, DossierApp> {
    harness_with(f, vec![f.project.clone()], [1280.0, 800.0])
}

/// The app on `files`, in a window of `size`, with Dossier's own file dialog (a
/// test must never open the system's).
pub(crate) fn harness_with(
    f: &Fixture,
    files: Vec<PathBuf>,
    size: [f32; 2],
) -> Harness<'static, DossierApp> {
    let dirs = AppDirs::under(&f.root);
    let mut h = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| DossierApp::with_dirs(&cc.egui_ctx, files.clone(), dirs.clone()));
    h.state_mut().settings.builtin_file_dialog = true;
    h.run_steps(4);
    h
}

/// A few frames, so that actions are applied and the screen is drawn again.
pub(crate) fn settle(h: &mut Harness<'_, DossierApp>) {
    h.run_steps(4);
}
