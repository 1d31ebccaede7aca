//! The desktop app never overwrites a project someone else saved since it was read
//! (issue 8 §1), even when the other write left the size and time as they were, so
//! only the save's check at the rename can tell.

#![allow(clippy::unwrap_used)]

use dossier::app::{AppDirs, DossierApp};
use dossier::commands::Command;
use dossier::model::{Document, Entity, Project, SourceMeta};
use dossier::store;

#[test]
fn the_app_refuses_to_save_over_a_file_changed_behind_its_back() {
    let root = tempfile::tempdir().unwrap();
    let path = root.path().join("p.ron");
    let mut project = Project::new("Test");
    let mut editor = dossier::commands::Editor::new(project.clone());
    editor
        .apply(Command::AddDocument {
            document: Box::new(Document::new(
                "Doc",
                SourceMeta::default(),
                "Maryam Rajavi spoke in Paris.\n",
            )),
            index: None,
        })
        .unwrap();
    project = editor.into_project();
    store::save(&project, &path).unwrap();

    let ctx = egui::Context::default();
    let mut app = DossierApp::with_dirs(&ctx, vec![path.clone()], AppDirs::under(root.path()));
    assert_eq!(app.path.as_deref(), Some(path.as_path()));
    app.editor
        .apply(Command::AddEntity {
            entity: Entity::new("person", "Added in the app"),
            index: None,
        })
        .unwrap();

    // Another program rewrites the file: same size, same modification time.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("name: \"Test\"", "name: \"Tess\"", 1)
        .into_bytes();
    std::fs::write(&path, &theirs).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    assert!(!app.changed_on_disk(), "size and time alone cannot see it");

    assert!(!app.save(&egui::Context::default()), "the save is refused");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        theirs,
        "their file is intact"
    );
    assert!(app.external_change, "the app offers to reload");
    assert!(
        app.messages
            .iter()
            .any(|m| m.contains("changed on disk since it was read")),
        "{:?}",
        app.messages
    );

    // "Keep mine": the user chose to overwrite.
    app.keep_mine();
    assert!(app.save(&egui::Context::default()));
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.entities()[0].name, "Added in the app");
    // The next save expects what this one wrote.
    app.editor
        .apply(Command::AddEntity {
            entity: Entity::new("person", "Second"),
            index: None,
        })
        .unwrap();
    assert!(app.save(&egui::Context::default()));
    assert_eq!(store::load(&path).unwrap().entities().len(), 2);
}
