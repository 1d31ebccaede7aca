//! The real workbench driven headless through AccessKit: keyboard selection and
//! tagging, undo/redo, delete, retag, notes, save/reload, the unsaved-changes
//! guard, and the annotation list revealing annotations in the reader.

use dossier::app::DossierApp;
use dossier::model::Annotation;
use dossier::store;
use dossier::ui::dialogs::Dialog;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::Path;

#[path = "common/app.rs"]
mod app;
use app::{Fixture, fixture, harness, harness_with, settle};

fn first_doc_annotations(h: &Harness<'_, DossierApp>) -> Vec<Annotation> {
    h.state().project().documents()[0].annotations().to_vec()
}

/// Focuses the reader, puts the caret at the start and selects `n` chars with Shift+Right.
fn select_from_start(h: &mut Harness<'_, DossierApp>, n: usize) {
    h.get_by_label("Reader").focus();
    settle(h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    settle(h);
    for _ in 0..n {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    settle(h);
}

#[test]
fn keyboard_selection_and_p_creates_a_person() {
    let f = fixture();
    let mut h = harness(&f);
    let before = first_doc_annotations(&h).len();
    select_from_start(&mut h, 7);
    let sel = h.state().view.selection.expect("selection");
    assert_eq!(sel.range(), (0, 7));
    h.key_press(Key::P);
    settle(&mut h);
    let anns = first_doc_annotations(&h);
    assert_eq!(anns.len(), before + 1);
    let new = anns
        .iter()
        .find(|a| a.start == 0 && a.end == 7)
        .expect("new annotation");
    assert_eq!(new.quote, "Connect");
    assert_eq!(new.tag, "person");
    assert_eq!(
        h.state().view.selected,
        Some(new.id),
        "the new annotation is selected"
    );
    assert!(h.state().editor.is_dirty());

    // Word-wise extension with Ctrl+Shift+Right, trimmed of the trailing space, tagged with 1 (claim).
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    settle(&mut h);
    assert_eq!(h.state().view.selection.map(|s| s.range()), Some((0, 12)));
    h.key_press(Key::Num1);
    settle(&mut h);
    assert!(
        first_doc_annotations(&h)
            .iter()
            .any(|a| a.quote == "Connect with" && a.tag == "claim")
    );
}

#[test]
fn undo_and_redo_with_the_keyboard() {
    let f = fixture();
    let mut h = harness(&f);
    let before = first_doc_annotations(&h);
    select_from_start(&mut h, 7);
    h.key_press(Key::E);
    settle(&mut h);
    assert_eq!(first_doc_annotations(&h).len(), before.len() + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(first_doc_annotations(&h), before);
    assert!(
        !h.state().editor.is_dirty(),
        "undo back to the opened state is clean"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut h);
    assert_eq!(first_doc_annotations(&h).len(), before.len() + 1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    settle(&mut h);
    assert_eq!(first_doc_annotations(&h).len(), before.len() + 1);
}

#[test]
fn list_click_selects_and_scrolls_then_retag_note_and_delete() {
    let f = fixture();
    let mut h = harness(&f);
    let target = first_doc_annotations(&h)
        .into_iter()
        .find(|a| a.quote.starts_with("It is believed that 30,000"))
        .expect("claim in the sample");
    assert!(
        !h.state()
            .view
            .center
            .reader
            .visible_ranges()
            .iter()
            .any(|&(s, e)| s <= target.start && target.start <= e),
        "the claim starts off-screen"
    );
    // Narrow the list with the filter, then click the entry.
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter")
        .focus();
    settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter")
        .type_text("30,000");
    settle(&mut h);
    h.get_by_label_contains("It is believed that 30,000")
        .click();
    settle(&mut h);
    assert_eq!(h.state().view.selected, Some(target.id));
    assert!(
        h.state()
            .view
            .center
            .reader
            .visible_ranges()
            .iter()
            .any(|&(s, e)| s <= target.start && target.start <= e),
        "the reader scrolled to the claim"
    );

    // Retag through the inspector.
    h.get_by_label("Event").click();
    settle(&mut h);
    let get = |h: &Harness<'_, DossierApp>| {
        first_doc_annotations(h)
            .into_iter()
            .find(|a| a.id == target.id)
    };
    assert_eq!(get(&h).map(|a| a.tag), Some("event".to_owned()));

    // Edit the note: typing is one undo step.
    let old_note = target.note.clone();
    let note = h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note");
    note.focus();
    settle(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "Note")
        .type_text(" Checked.");
    settle(&mut h);
    assert_eq!(
        get(&h).map(|a| a.note),
        Some(format!("{old_note} Checked."))
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(
        get(&h).map(|a| a.note),
        Some(old_note),
        "one undo step per editing burst"
    );
    assert_eq!(get(&h).map(|a| a.tag), Some("event".to_owned()));

    // Delete through the inspector.
    h.get_by_label("Delete annotation").click();
    settle(&mut h);
    assert!(get(&h).is_none());
    assert_eq!(h.state().view.selected, None);
}

#[test]
fn save_to_a_temp_folder_and_reload_gives_the_same_project() {
    let f = fixture();
    let mut h = harness(&f);
    select_from_start(&mut h, 7);
    h.key_press(Key::C);
    settle(&mut h);
    let out = f.root.join("saved.ron");
    std::fs::create_dir_all(&f.root).expect("mkdir");
    assert!(h.state_mut().save_to(&out));
    settle(&mut h);
    assert!(!h.state().editor.is_dirty());
    let reloaded = store::load(&out).expect("reload");
    assert_eq!(&reloaded, h.state().project());
    assert_eq!(
        store::to_ron(&reloaded).expect("ser"),
        std::fs::read_to_string(&out).expect("read")
    );
    assert!(h.state().window_title().starts_with("Iran 1988 massacre"));
    assert!(!h.state().window_title().contains('•'));
}

#[test]
fn unsaved_changes_guard_appears_and_cancel_keeps_the_work() {
    let f = fixture();
    let mut h = harness(&f);
    select_from_start(&mut h, 7);
    h.key_press(Key::P);
    settle(&mut h);
    assert!(h.state().window_title().contains('•'));
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut h);
    assert!(matches!(h.state().dialog, Some(Dialog::UnsavedChanges(_))));
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(h.state().dialog.is_none());
    assert!(h.state().editor.is_dirty());
    assert_eq!(h.state().project().documents().len(), 1);

    // Discard really starts the new project.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut h);
    h.get_by_label("Discard").click();
    settle(&mut h);
    assert!(h.state().project().documents().is_empty());
}

#[test]
fn escape_clears_the_selection_and_reveal_selects() {
    let f = fixture();
    let mut h = harness(&f);
    // Reveal (what a click in the list or on a search hit does): the annotation far
    // down the article is selected and scrolled into view.
    let target = first_doc_annotations(&h)
        .into_iter()
        .max_by_key(|a| a.start)
        .expect("annotations");
    let on_screen = |h: &Harness<'_, DossierApp>| {
        h.state()
            .view
            .center
            .reader
            .visible_ranges()
            .iter()
            .any(|&(s, e)| s <= target.start && target.start <= e)
    };
    assert!(!on_screen(&h), "the last annotation starts off-screen");
    h.state_mut().apply_actions(
        vec![dossier::ui::Action::SelectAnnotation {
            id: target.id,
            reveal: true,
        }],
        &egui::Context::default(),
    );
    settle(&mut h);
    assert_eq!(h.state().view.selected, Some(target.id));
    assert!(on_screen(&h), "revealed");
    // With both a text selection and a selected annotation, Esc clears both.
    select_from_start(&mut h, 3);
    assert_eq!(h.state().view.selection.map(|s| s.len()), Some(3));
    assert_eq!(h.state().view.selected, Some(target.id));
    h.key_press(Key::Escape);
    settle(&mut h);
    assert_eq!(h.state().view.selection, None);
    assert_eq!(h.state().view.selected, None);
}

#[test]
fn recovery_copy_is_offered_after_a_crash() {
    let f = fixture();
    {
        let mut h = harness(&f);
        select_from_start(&mut h, 7);
        h.key_press(Key::P);
        settle(&mut h);
        h.state_mut().autosave_now();
        // The harness is dropped without saving: a crash, as far as the files go.
    }
    let mut h = harness(&f);
    let Some(Dialog::Recover(copy)) = h.state().dialog.clone() else {
        panic!("no recovery offer");
    };
    assert_eq!(copy.original.as_deref(), Some(f.project.as_path()));
    h.get_by_label("Restore").click();
    settle(&mut h);
    assert!(h.state().editor.is_dirty());
    assert!(
        first_doc_annotations(&h)
            .iter()
            .any(|a| a.quote == "Connect" && a.tag == "person")
    );
    assert!(h.state_mut().save_to(&f.project));
    assert!(
        dossier::store::recovery::find(&h.state().dirs().recovery_dir()).is_empty(),
        "a clean save removes the copy"
    );
}

/// Adds a small article to the open project and shows it; returns its text.
fn add_article(h: &mut Harness<'_, DossierApp>, f: &Fixture, text: &str) {
    std::fs::create_dir_all(&f.root).expect("mkdir");
    let path = f.root.join("extra.txt");
    std::fs::write(&path, text).expect("write");
    h.state_mut().add_article(&path);
    settle(h);
}

fn entity_named(h: &Harness<'_, DossierApp>, name: &str) -> dossier::model::EntityId {
    h.state()
        .project()
        .entities()
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.id)
        .unwrap_or_else(|| panic!("no entity {name}"))
}

fn annotations_of(h: &Harness<'_, DossierApp>, doc: usize) -> Vec<Annotation> {
    h.state().project().documents()[doc].annotations().to_vec()
}

#[test]
fn tagging_a_person_offers_the_fuzzy_suggestion_and_enter_accepts_it() {
    let f = fixture();
    let mut h = harness(&f);
    add_article(&mut h, &f, "Rajavi met the press.\n");
    let rajavi = entity_named(&h, "Maryam Rajavi");
    select_from_start(&mut h, 6);
    h.key_press(Key::P);
    settle(&mut h);
    let a = annotations_of(&h, 1)
        .into_iter()
        .next()
        .expect("new mention");
    assert_eq!((a.quote.as_str(), a.entity), ("Rajavi", None));
    // The inspector offers the existing entity first.
    h.get_by_label_contains("Link to Maryam Rajavi");
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(
        annotations_of(&h, 1)[0].entity,
        Some(rajavi),
        "Enter accepted the suggestion"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(annotations_of(&h, 1)[0].entity, None);
}

#[test]
fn merging_two_entities_in_the_entities_tab_and_undoing_it() {
    let f = fixture();
    let mut h = harness(&f);
    add_article(&mut h, &f, "Mrs Rajavi spoke.\n");
    select_from_start(&mut h, 10);
    h.key_press(Key::P);
    settle(&mut h);
    // No exact match for "Mrs Rajavi" is forced: make it a new entity, then merge it.
    h.get_by_label_contains("New entity").click();
    settle(&mut h);
    let stray = annotations_of(&h, 1)[0].entity.expect("new entity");
    let before = h.state().project().clone();
    let rajavi = entity_named(&h, "Maryam Rajavi");
    let mentions = h.state().project().mentions(rajavi).len();
    h.state_mut().apply_actions(
        vec![dossier::ui::Action::SelectEntity(Some(stray))],
        &egui::Context::default(),
    );
    settle(&mut h);
    h.get_by_label("Merge").click();
    settle(&mut h);
    h.get_by_label("Maryam Rajavi").click();
    settle(&mut h);
    assert!(h.state().project().entity(stray).is_none());
    assert_eq!(h.state().project().mentions(rajavi).len(), mentions + 1);
    assert!(
        h.state()
            .project()
            .entity(rajavi)
            .is_some_and(|e| e.aliases.iter().any(|a| a == "Mrs Rajavi"))
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(
        h.state().project(),
        &before,
        "one undo step restores both entities"
    );
}

#[test]
fn annotate_all_previews_occurrences_and_applies_in_one_step() {
    let f = fixture();
    let mut h = harness(&f);
    add_article(
        &mut h,
        &f,
        "Raisi spoke. Later Raisi denied it; Raisin is not a name. RAISI again.\n",
    );
    let raisi = entity_named(&h, "Ebrahim Raisi");
    select_from_start(&mut h, 5);
    h.get_by_label("Annotate all…").click();
    settle(&mut h);
    // Whole words and any case: 3 hits in this document, Raisin excluded.
    let rows = h
        .state()
        .view
        .annotate_all
        .as_ref()
        .expect("dialog")
        .rows
        .len();
    assert_eq!(rows, 3);
    h.get_by_label("Tag 3").click();
    settle(&mut h);
    let anns = annotations_of(&h, 1);
    assert_eq!(anns.len(), 3);
    // Every occurrence mentions the existing Ebrahim Raisi: the fuzzy match of the
    // selected text, not a new entity named "Raisi".
    assert!(
        anns.iter()
            .all(|a| a.entity == Some(raisi) && a.tag == "person"),
        "{anns:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(annotations_of(&h, 1).is_empty(), "one undo step");
}

#[test]
fn find_highlights_and_steps_and_project_search_lists_hits() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find")
        .type_text("massacre");
    settle(&mut h);
    let n = h.state().view.find.matches.len();
    assert!(n >= 5, "matches are highlighted: {n}");
    h.key_press(Key::F3);
    settle(&mut h);
    let first = h.state().view.selection.expect("first match").range();
    h.key_press(Key::F3);
    settle(&mut h);
    let second = h.state().view.selection.expect("second match").range();
    assert!(second.0 > first.0);
    h.key_press_modifiers(Modifiers::SHIFT, Key::F3);
    settle(&mut h);
    assert_eq!(h.state().view.selection.map(|s| s.range()), Some(first));

    h.get_by_label("Search").click();
    settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search project")
        .focus();
    settle(&mut h);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search project")
        .type_text("Noury");
    settle(&mut h);
    h.get_by_label_contains("3 hits");
    h.get_all_by_label_contains("[Noury]")
        .next()
        .expect("a hit")
        .click();
    settle(&mut h);
    let sel = h.state().view.selection.expect("hit selected").range();
    let d = &h.state().project().documents()[0];
    assert_eq!(d.slice(sel.0, sel.1), Some("Noury"));
}

#[test]
fn entity_page_lists_relations_and_adds_a_typed_link() {
    let f = fixture();
    let mut h = harness(&f);
    let raisi = entity_named(&h, "Ebrahim Raisi");
    let massacre = entity_named(&h, "1988 massacre");
    h.state_mut().apply_actions(
        vec![dossier::ui::Action::SelectEntity(Some(raisi))],
        &egui::Context::default(),
    );
    settle(&mut h);
    // Claims about him and by him are listed on his page.
    h.get_all_by_label_contains("about")
        .next()
        .expect("a claim about Raisi is listed");
    // The page scrolls; AccessKit clicks reach widgets outside the visible area, as a screen reader would.
    h.get_by_label("participant in").click_accesskit();
    settle(&mut h);
    h.get_by_label("1988 massacre (event)").click_accesskit();
    settle(&mut h);
    let p = h.state().project();
    assert!(p.relations().iter().any(|r| r.kind == "participant_in"
        && r.from == dossier::model::Target::Entity(raisi)
        && r.to == dossier::model::Target::Entity(massacre)));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(
        !h.state()
            .project()
            .relations()
            .iter()
            .any(|r| r.kind == "participant_in" && r.from == dossier::model::Target::Entity(raisi))
    );
}

fn click_at(h: &mut Harness<'_, DossierApp>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.drag_at(pos);
    h.step();
    h.drop_at(pos);
    settle(h);
}

#[test]
fn mouse_click_on_a_highlight_selects_it_and_overlaps_offer_a_choice_and_drag_selects() {
    let f = fixture();
    let mut h = harness(&f);
    let anns = first_doc_annotations(&h);
    let person = anns
        .iter()
        .find(|a| a.quote == "Chile Eboe-Osuji")
        .expect("person")
        .clone();
    let pos = h
        .state()
        .view
        .center
        .reader
        .char_position(person.start + 3)
        .expect("on screen");
    click_at(&mut h, pos);
    assert_eq!(
        h.state().view.selected,
        Some(person.id),
        "a click on the highlight selects it"
    );

    // The headline's "Paris Conference" is an event inside a claim: a menu offers both.
    let event = anns
        .iter()
        .find(|a| a.quote == "Paris Conference" && a.tag == "event")
        .expect("event")
        .clone();
    let pos = h
        .state()
        .view
        .center
        .reader
        .char_position(event.start + 2)
        .expect("on screen");
    click_at(&mut h, pos);
    h.get_by_label("Overlapping annotations");
    h.get_by_label("Event: Paris Conference").click();
    settle(&mut h);
    assert_eq!(h.state().view.selected, Some(event.id));

    // Dragging from one char to another selects the text between them.
    let (a, b) = (person.start, person.end - 1);
    let (pa, pb) = (
        h.state().view.center.reader.char_position(a).expect("a"),
        h.state().view.center.reader.char_position(b).expect("b"),
    );
    h.hover_at(pa - egui::vec2(3.0, 0.0));
    h.drag_at(pa - egui::vec2(3.0, 0.0));
    h.step();
    for i in 1..=5 {
        h.hover_at(pa + (pb - pa) * (i as f32 / 5.0) + egui::vec2(3.0, 0.0));
        h.step();
    }
    h.drop_at(pb + egui::vec2(3.0, 0.0));
    settle(&mut h);
    assert_eq!(
        h.state().view.selection.map(|s| s.range()),
        Some((person.start, person.end))
    );
}

/// Runs frames until no background job is left (bounded, in real time: the job
/// runs on its own thread).
fn wait_for_jobs(h: &mut Harness<'_, DossierApp>) {
    let start = std::time::Instant::now();
    while h.state().jobs_running() {
        assert!(start.elapsed().as_secs() < 30, "a job did not finish");
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    settle(h);
}

#[test]
fn dropped_articles_import_off_the_ui_thread_and_a_job_can_be_cancelled() {
    let f = fixture();
    let mut h = harness(&f);
    let path = f.root.join("dropped.txt");
    std::fs::create_dir_all(&f.root).expect("dir");
    std::fs::write(&path, "Dropped article about the tribunal.\n").expect("write");
    let docs = h.state().project().documents().len();
    h.state_mut().apply_actions(
        vec![dossier::ui::Action::OpenFiles(vec![path.clone()])],
        &egui::Context::default(),
    );
    assert!(
        h.state().jobs_running(),
        "the import runs in the background"
    );
    wait_for_jobs(&mut h);
    assert_eq!(h.state().project().documents().len(), docs + 1);
    assert_eq!(
        h.state().project().documents()[docs].title,
        "Dropped article about the tribunal."
    );

    // A cancelled job's result is dropped.
    h.state_mut().apply_actions(
        vec![dossier::ui::Action::OpenFiles(vec![path])],
        &egui::Context::default(),
    );
    h.state_mut().apply_actions(
        vec![dossier::ui::Action::CancelJob(0)],
        &egui::Context::default(),
    );
    assert!(!h.state().jobs_running());
    std::thread::sleep(std::time::Duration::from_millis(200));
    settle(&mut h);
    assert_eq!(h.state().project().documents().len(), docs + 1);
    assert!(h.state().messages.iter().any(|m| m.contains("cancelled")));
}

#[test]
fn a_failed_open_shows_the_error_and_the_app_stays_usable() {
    let f = fixture();
    let mut h = harness(&f);
    let bad = f.root.join("bad.ron");
    std::fs::create_dir_all(&f.root).expect("dir");
    std::fs::write(&bad, "(format: \"dossier-project\", version: 2,").expect("write");
    let before = h.state().project().clone();
    h.state_mut().apply_actions(
        vec![dossier::ui::Action::Request(dossier::ui::Pending::Open(
            Some(bad),
        ))],
        &egui::Context::default(),
    );
    wait_for_jobs(&mut h);
    assert_eq!(h.state().project(), &before, "the open project stays");
    assert!(
        h.state()
            .messages
            .iter()
            .any(|m| m.contains("Could not open") && m.contains("bad.ron")),
        "{:?}",
        h.state().messages
    );
    // Still usable: tag something.
    select_from_start(&mut h, 7);
    h.key_press(Key::P);
    settle(&mut h);
    assert!(
        first_doc_annotations(&h)
            .iter()
            .any(|a| a.quote == "Connect")
    );
}

#[test]
fn huge_names_are_cut_for_the_window_and_a_long_line_is_laid_out_in_pieces() {
    let f = fixture();
    let mut h = harness(&f);
    h.state_mut()
        .edit(dossier::commands::Command::RenameProject {
            name: "N".repeat(1_000_000),
        });
    settle(&mut h);
    assert!(h.state().window_title().chars().count() < 150);
    // An article on one line of 300,000 chars: what is drawn are pieces of it.
    let path = f.root.join("one-line.txt");
    std::fs::create_dir_all(&f.root).expect("dir");
    std::fs::write(&path, "word ".repeat(60_000)).expect("write");
    h.state_mut().add_article(&path);
    settle(&mut h);
    let drawn = h.state().view.center.reader.visible_ranges();
    assert!(!drawn.is_empty());
    assert!(
        drawn
            .iter()
            .all(|(s, e)| e - s <= dossier::ui::reader::layout::MAX_UNIT_CHARS),
        "{drawn:?}"
    );
}

#[test]
fn a_new_project_is_saved_through_dossiers_own_file_dialog_and_loads_back() {
    let f = fixture();
    let mut h = harness(&f);
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    settle(&mut h);
    assert!(h.state().project().documents().is_empty());
    // The welcome view offers the ways to start.
    h.get_by_label_contains("Open the sample project");
    let article = f.root.join("note.txt");
    std::fs::create_dir_all(&f.root).expect("dir");
    std::fs::write(&article, "Hamid Noury was sentenced in Stockholm.\n").expect("write");
    // Add the article through the in-app dialog: type its path, Enter.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    settle(&mut h);
    assert!(
        h.state().view.file_dialog.is_some(),
        "Dossier's dialog opened"
    );
    type_path(&mut h, &article);
    wait_for_jobs(&mut h);
    assert_eq!(h.state().project().documents().len(), 1);
    // Save: the dialog proposes a name; type another path and press Enter.
    let out = f.root.join("new-project");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    type_path(&mut h, &out);
    let saved = f.root.join("new-project.ron");
    assert!(saved.is_file(), "saved, with the .ron extension added");
    assert_eq!(h.state().path.as_deref(), Some(saved.as_path()));
    assert!(!h.state().editor.is_dirty());
    assert_eq!(
        &store::load(&saved).expect("loads back"),
        h.state().project()
    );
    // Saving as the same file again asks before replacing it.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    type_path(&mut h, &saved);
    h.get_by_label_contains("exists. Replace it?");
    h.get_by_label("Replace").click();
    settle(&mut h);
    assert!(h.state().view.file_dialog.is_none());
}

/// Replaces the path in Dossier's file dialog and presses Enter.
fn type_path(h: &mut Harness<'_, DossierApp>, path: &Path) {
    h.get_by_label("Path").focus();
    settle(h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    settle(h);
    h.key_press(Key::Enter);
    settle(h);
}

#[test]
fn without_files_the_sample_opens_as_an_unsaved_copy() {
    let f = fixture();
    let mut h = harness_with(&f, Vec::new(), [1280.0, 800.0]);
    assert!(
        !h.state().project().documents().is_empty(),
        "the sample is open"
    );
    assert_eq!(h.state().path, None, "not attached to the shipped file");
    assert!(h.state().window_title().contains("copy of the sample"));
    // Saving asks where (the shipped sample is never overwritten).
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(h.state().view.file_dialog.is_some());
}
