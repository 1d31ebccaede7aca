//! The team views of the real workbench, driven headless through AccessKit: the
//! author asked once and stamped on new annotations; the Conflicts tab's edit,
//! keep mine and the banner; the Compare tab against another analyst's project,
//! with curation undone in one step; the annotation list filtered by author.

#![allow(clippy::unwrap_used)]

use dossier::app::{AppDirs, DossierApp, Settings};
use dossier::commands::Command;
use dossier::model::Annotation;
use dossier::ui::{Action, RightTab};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};

struct Fixture {
    _dir: tempfile::TempDir,
    project: PathBuf,
    root: PathBuf,
}

fn fixture(from: &Path) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project.ron");
    std::fs::copy(from, &project).unwrap();
    let root = dir.path().join("home");
    Fixture {
        project,
        root,
        _dir: dir,
    }
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/paris-conference.ron")
}

fn harness(f: &Fixture) -> Harness<'static, DossierApp> {
    let files = vec![f.project.clone()];
    let dirs = AppDirs::under(&f.root);
    let mut h = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| DossierApp::with_dirs(&cc.egui_ctx, files.clone(), dirs.clone()));
    h.run_steps(4);
    h
}

fn settle(h: &mut Harness<'_, DossierApp>) {
    h.run_steps(4);
}

fn act(h: &mut Harness<'_, DossierApp>, actions: Vec<Action>) {
    let ctx = h.ctx.clone();
    h.state_mut().apply_actions(actions, &ctx);
    settle(h);
}

#[test]
fn the_author_is_asked_once_and_stamped_on_new_annotations() {
    let f = fixture(&sample());
    let mut h = harness(&f);
    h.state_mut().ask_author();
    settle(&mut h);
    let field = h.get_by_role_and_label(Role::TextInput, "Your name");
    field.focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Your name")
        .type_text("Ana Moreno");
    settle(&mut h);
    h.get_by_label("Use this name").click();
    settle(&mut h);
    assert!(h.state().view.author_prompt.is_none());
    assert_eq!(h.state().author(), "Ana Moreno");
    assert_eq!(
        Settings::load(&AppDirs::under(&f.root)).author.as_deref(),
        Some("Ana Moreno"),
        "remembered: not asked again"
    );
    h.state_mut().ask_author_if_unset();
    assert!(h.state().view.author_prompt.is_none());

    // A new annotation carries the name; a change by someone else says who.
    h.get_by_label("Reader").focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    for _ in 0..7 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    settle(&mut h);
    h.key_press(Key::P);
    settle(&mut h);
    let id = h.state().view.selected.unwrap();
    let get = |h: &Harness<'_, DossierApp>| -> Annotation {
        h.state().project().find_annotation(id).unwrap().1.clone()
    };
    assert_eq!(get(&h).author, "Ana Moreno");
    act(&mut h, vec![Action::SetAuthor("Ben".into())]);
    let doc = h.state().project().document_of(id).unwrap();
    act(
        &mut h,
        vec![Action::Edit(Command::SetNote {
            doc,
            id,
            note: "Checked.".into(),
        })],
    );
    assert_eq!(get(&h).author, "Ana Moreno", "still hers");
    assert_eq!(get(&h).modified_by, "Ben");

    // The list filters by author: Ben's change shows under Ben, the rest not.
    act(&mut h, vec![Action::SetTab(RightTab::Annotations)]);
    h.state_mut().view.right.list.filter.author = Some("Ben".into());
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Nothing matches the filter")
            .is_none(),
        "Ben changed one"
    );
    h.state_mut().view.right.list.filter.author = Some("nobody".into());
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Nothing matches the filter")
            .is_some()
    );
}

#[test]
fn conflicts_are_edited_and_kept_in_the_app_with_a_banner() {
    let f = fixture(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/merge/conflicting-edits/expected.ron"),
    );
    let mut h = harness(&f);
    assert_eq!(h.state().project().conflicts().len(), 2);
    assert!(
        h.query_by_label_contains("2 conflicts from a merge")
            .is_some(),
        "the banner"
    );
    h.get_by_label("Resolve…").click();
    settle(&mut h);
    assert_eq!(h.state().view.right.tab, RightTab::Conflicts);
    // The entity's name: typed by hand.
    h.get_by_label("Edit…").click();
    settle(&mut h);
    let field = h.get_by_role_and_label(Role::MultilineTextInput, "New value");
    field.focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::MultilineTextInput, "New value")
        .type_text("Maryam Rajavi (president-elect)");
    settle(&mut h);
    h.get_by_label("Apply").click();
    settle(&mut h);
    let p = h.state().project();
    assert_eq!(p.conflicts().len(), 1);
    assert!(
        p.entities()
            .iter()
            .any(|e| e.name == "Maryam Rajavi (president-elect)")
    );
    assert!(
        h.query_by_label_contains("1 conflict from a merge")
            .is_some()
    );
    // The claim: ours.
    h.get_by_label("Keep mine").click();
    settle(&mut h);
    assert!(h.state().project().conflicts().is_empty());
    assert!(h.query_by_label_contains("conflict from a merge").is_none());
    let claim = h.state().project().documents()[0]
        .annotations()
        .iter()
        .find(|a| a.tag == "claim" && a.note.starts_with("Ana:"))
        .cloned();
    assert!(claim.is_some(), "our note and status");
    // Two undo steps bring both records back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(h.state().project().conflicts().len(), 2);
}

#[test]
fn compare_with_another_analyst_and_curate_span_by_span() {
    let f = fixture(&sample());
    // The other analyst: the same project with one annotation retagged and one gone.
    let mine = dossier::store::load(&f.project).unwrap();
    let mut other = mine.clone();
    let doc = &other.documents()[0];
    let (doc_id, first, second) = (
        doc.id,
        doc.annotations()[0].clone(),
        doc.annotations()[1].clone(),
    );
    let retag = ["claim", "person", "event"]
        .into_iter()
        .find(|t| *t != first.tag)
        .unwrap();
    Command::RetagAnnotation {
        doc: doc_id,
        id: first.id,
        tag: retag.into(),
    }
    .apply(&mut other)
    .unwrap();
    Command::RemoveAnnotation {
        doc: doc_id,
        id: second.id,
    }
    .apply(&mut other)
    .unwrap();
    let other_path = f.root.with_file_name("other.ron");
    dossier::store::save(&other, &other_path).unwrap();

    let mut h = harness(&f);
    act(&mut h, vec![Action::OpenCompare(Some(other_path))]);
    assert_eq!(h.state().view.right.tab, RightTab::Compare);
    assert!(h.query_by_label_contains("Span F1 exact").is_some());
    assert!(h.query_by_label_contains("1 only in A").is_some());
    assert!(h.query_by_label_contains("1 differ").is_some());
    let before = h.state().project().clone();
    // Take B's judgement on the first difference shown.
    h.get_all_by_label("Accept B").next().unwrap().click();
    settle(&mut h);
    assert_ne!(h.state().project(), &before);
    assert!(h.state().project().validate().is_ok());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(h.state().project(), &before, "one undo step");
    // Everything both agree on is already here.
    h.get_by_label_contains("Accept all").click();
    settle(&mut h);
    assert!(
        h.state()
            .messages
            .iter()
            .any(|m| m.contains("Nothing to accept")),
        "{:?}",
        h.state().messages
    );
}
