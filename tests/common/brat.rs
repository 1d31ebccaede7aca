//! brat projects for the agreement tests, read by Dossier's own brat importer: one
//! project per annotator folder, each `.txt` (by file name) a document titled by its
//! stem, annotated from the `.ann` beside it.

use dossier::commands::Editor;
use dossier::import::{AnnotationFormat, import_annotations};
use dossier::model::Project;
use std::path::Path;

/// The project of the brat folder `dir`: every `.ann` with its `.txt`, imported with
/// no warning (the bratiaa files are plain `T` lines).
pub(crate) fn project(dir: &Path) -> Project {
    let name = dir
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let base = Project::new(name);
    let imported = import_annotations(&base, AnnotationFormat::Brat, &[dir.to_path_buf()])
        .expect("a brat folder");
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
    let mut editor = Editor::new(base);
    editor
        .apply(imported.command.expect("annotations"))
        .expect("a valid import");
    let p = editor.into_project();
    p.validate().expect("a valid project");
    p
}
