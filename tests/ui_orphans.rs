//! The workbench after a text changes, driven headless through AccessKit: a
//! deleted paragraph's annotations appear under "Orphans", Restore brings one
//! back, the reader shows the new text, "Update article…" re-anchors onto a new
//! version and the inspector notes a re-anchored annotation.

use dossier::app::{AppDirs, DossierApp};
use dossier::ui::Action;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};

fn harness(dir: &Path) -> Harness<'static, DossierApp> {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/paris-conference.ron");
    let project = dir.join("sample.ron");
    std::fs::copy(&sample, &project).expect("copy sample");
    let files: Vec<PathBuf> = vec![project];
    let dirs = AppDirs::under(&dir.join("home"));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| DossierApp::with_dirs(&cc.egui_ctx, files.clone(), dirs.clone()));
    h.run_steps(4);
    h
}

fn act(h: &mut Harness<'_, DossierApp>, action: Action) {
    h.state_mut()
        .apply_actions(vec![action], &egui::Context::default());
    h.run_steps(4);
}

fn char_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect(needle)].chars().count()
}

#[test]
fn a_deleted_paragraph_leaves_orphans_that_can_be_restored() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut h = harness(dir.path());
    let doc = h.state().project().documents()[0].clone();
    let (s, t) = (
        char_of(doc.text(), "This commission and others"),
        char_of(doc.text(), "It is believed that 30,000"),
    );
    let paragraph = doc.text()[doc.text().find("This commission").expect("p")
        ..doc.text().find("It is believed").expect("p")]
        .to_owned();
    act(
        &mut h,
        Action::EditText {
            doc: doc.id,
            range: (s, t),
            replacement: String::new(),
        },
    );
    let orphans = h.state().project().documents()[0].orphans().to_vec();
    assert!(!orphans.is_empty());
    h.get_by_label(&format!("Orphans ({})", orphans.len()))
        .click();
    h.run_steps(4);
    assert_eq!(h.get_all_by_label("Restore").count(), orphans.len());
    // The text comes back; then Restore finds each orphan's quote again.
    act(
        &mut h,
        Action::EditText {
            doc: doc.id,
            range: (s, s),
            replacement: paragraph,
        },
    );
    for _ in 0..orphans.len() {
        h.get_all_by_label("Restore")
            .next()
            .expect("a Restore button")
            .click();
        h.run_steps(4);
    }
    let d = &h.state().project().documents()[0];
    assert!(d.orphans().is_empty(), "{:?}", d.orphans());
    for o in &orphans {
        let a = d.annotation(o.annotation.id).expect("restored");
        assert_eq!(a.quote, o.annotation.quote);
    }
    assert_eq!(d.text(), doc.text());
    assert!(h.state().project().validate().is_ok());
}

#[test]
fn updating_the_article_notes_reanchored_annotations_in_the_inspector() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut h = harness(dir.path());
    let doc = h.state().project().documents()[0].clone();
    let new = dir.path().join("new.txt");
    std::fs::write(
        &new,
        doc.text().replace(
            "1988 massacre of political",
            "1988 mass killing of political",
        ),
    )
    .expect("write");
    act(
        &mut h,
        Action::UpdateArticle {
            doc: None,
            path: Some(new),
        },
    );
    assert!(
        h.state().messages.iter().any(|m| m.contains("re-anchored")),
        "{:?}",
        h.state().messages
    );
    let d = &h.state().project().documents()[0];
    let moved = d
        .annotations()
        .iter()
        .find(|a| a.reanchored.is_some())
        .expect("a re-anchored annotation")
        .id;
    act(
        &mut h,
        Action::SelectAnnotation {
            id: moved,
            reveal: true,
        },
    );
    assert!(
        h.query_by_label_contains("Re-anchored by a fuzzy match")
            .is_some()
    );
    h.get_by_label("Mark checked").click_accesskit();
    h.run_steps(4);
    let d = &h.state().project().documents()[0];
    assert!(
        d.annotation(moved).is_some_and(|a| a.reanchored.is_none()),
        "{:?}",
        h.state().messages
    );
    h.get_by_label("Earlier versions (1)").click();
    h.run_steps(4);
}
