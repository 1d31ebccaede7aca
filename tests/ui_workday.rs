//! A day of real work, driven headless through AccessKit: drags that snap to words,
//! a handle drag undone in one step, a keyboard-only session, the command palette,
//! the tag editor (a new "Organisation" tag with key O, tagged, linked, undone),
//! right-click menus, renaming, a discontinuous span by Ctrl+drag, and a 900×600
//! window where nothing hides under a panel.

use dossier::app::DossierApp;
use dossier::model::{Annotation, EntityRole, TagKind};
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

#[path = "common/app.rs"]
mod app;
use app::{fixture, harness, harness_with, settle};

fn harness_sized(f: &app::Fixture, size: [f32; 2]) -> Harness<'static, DossierApp> {
    harness_with(f, vec![f.project.clone()], size)
}

fn reader_focused(h: &Harness<'_, DossierApp>) -> bool {
    h.ctx
        .memory(|m| m.has_focus(dossier::ui::reader::Reader::id()))
}

fn annotations(h: &Harness<'_, DossierApp>) -> Vec<Annotation> {
    h.state().project().documents()[0].annotations().to_vec()
}

/// Char offset of the first occurrence of `needle` in the first document.
fn offset_of(h: &Harness<'_, DossierApp>, needle: &str) -> usize {
    let text = h.state().project().documents()[0].text();
    let byte = text.find(needle).expect("needle in the text");
    text[..byte].chars().count()
}

fn pos_of(h: &Harness<'_, DossierApp>, c: usize) -> Pos2 {
    h.state()
        .view
        .center
        .reader
        .char_position(c)
        .expect("char on screen")
}

/// A mouse drag from `a` to `b` in steps, with `modifiers` held throughout.
fn drag(h: &mut Harness<'_, DossierApp>, a: Pos2, b: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.hover_at(a);
    h.step();
    h.event(Event::PointerButton {
        pos: a,
        button: PointerButton::Primary,
        pressed: true,
        modifiers,
    });
    h.step();
    for i in 1..=6 {
        h.hover_at(a + (b - a) * (i as f32 / 6.0));
        h.step();
    }
    h.event(Event::PointerButton {
        pos: b,
        button: PointerButton::Primary,
        pressed: false,
        modifiers,
    });
    h.step();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    settle(h);
}

fn click(h: &mut Harness<'_, DossierApp>, p: Pos2) {
    h.hover_at(p);
    h.drag_at(p);
    h.step();
    h.drop_at(p);
    settle(h);
}

/// Clicks the person mention «Chile Eboe-Osuji», which selects it, and returns it.
fn select_person(h: &mut Harness<'_, DossierApp>) -> Annotation {
    let person = annotations(h)
        .into_iter()
        .find(|a| a.quote == "Chile Eboe-Osuji")
        .expect("person");
    let at = pos_of(h, person.start + 2);
    click(h, at);
    assert_eq!(h.state().view.selected, Some(person.id));
    person
}

fn right_click(h: &mut Harness<'_, DossierApp>, p: Pos2) {
    h.hover_at(p);
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: p,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    settle(h);
}

#[test]
fn a_drag_snaps_to_whole_words_and_alt_keeps_the_exact_chars() {
    let f = fixture();
    let mut h = harness(&f);
    // From inside "international" into the second half of "jurists" (the end
    // goes to the nearest word boundary): both words whole.
    let start = offset_of(&h, "international jurists");
    let (a, b) = (pos_of(&h, start + 3), pos_of(&h, start + 19));
    drag(&mut h, a, b, Modifiers::NONE);
    let sel = h.state().view.selection.expect("a selection").range();
    assert_eq!(sel, (start, start + "international jurists".len()));
    assert_eq!(
        h.state().project().documents()[0].slice(sel.0, sel.1),
        Some("international jurists")
    );
    // Alt: the chars between the two points, not snapped.
    drag(&mut h, a, b, Modifiers::ALT);
    let exact = h.state().view.selection.expect("a selection").range();
    assert!(
        exact.0 > start && exact.1 < start + 21,
        "Alt keeps char precision: {exact:?}"
    );
}

#[test]
fn dragging_the_end_handle_widens_the_span_and_one_undo_restores_it() {
    let f = fixture();
    let mut h = harness(&f);
    let person = select_person(&mut h);
    // The end handle sits at the span's end; drag it into the next word's last char.
    let handle = pos_of(&h, person.end);
    let after: Vec<char> = h.state().project().documents()[0]
        .text()
        .chars()
        .skip(person.end)
        .take(60)
        .collect();
    let word_start = after
        .iter()
        .position(|c| c.is_alphanumeric())
        .expect("a word");
    let word_len = after[word_start..]
        .iter()
        .position(|c| !c.is_alphanumeric())
        .expect("its end");
    let word_end = person.end + word_start + word_len;
    let target = pos_of(&h, word_end - 1);
    drag(&mut h, handle, target, Modifiers::NONE);
    let widened = annotations(&h)
        .into_iter()
        .find(|a| a.id == person.id)
        .expect("same id");
    assert_eq!(widened.start, person.start);
    assert_eq!(
        widened.end, word_end,
        "the end snapped to the next word's end"
    );
    assert_eq!(widened.entity, person.entity, "the link stays");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    let back = annotations(&h)
        .into_iter()
        .find(|a| a.id == person.id)
        .expect("same id");
    assert_eq!((back.start, back.end), (person.start, person.end));
    assert_eq!(back.quote, person.quote);
}

#[test]
fn a_keyboard_only_session_tags_steps_retags_and_deletes() {
    let f = fixture();
    let mut h = harness(&f);
    let before = annotations(&h).len();
    // F6 cycles the panes: documents → reader.
    for _ in 0..4 {
        if reader_focused(&h) {
            break;
        }
        h.key_press(Key::F6);
        settle(&mut h);
    }
    assert!(reader_focused(&h), "F6 reaches the reader");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    settle(&mut h);
    for _ in 0..7 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    }
    settle(&mut h);
    h.key_press(Key::P);
    settle(&mut h);
    let anns = annotations(&h);
    assert_eq!(anns.len(), before + 1);
    let new = anns
        .iter()
        .find(|a| a.start == 0 && a.end == 7)
        .expect("tagged")
        .clone();
    assert_eq!(h.state().view.selected, Some(new.id));
    // Next annotation, then back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowDown);
    settle(&mut h);
    let next = h.state().view.selected.expect("next selected");
    assert_ne!(next, new.id);
    h.key_press_modifiers(Modifiers::COMMAND, Key::ArrowUp);
    settle(&mut h);
    assert_eq!(h.state().view.selected, Some(new.id));
    // E retags the selected annotation instead of stacking another.
    h.key_press(Key::E);
    settle(&mut h);
    let anns = annotations(&h);
    assert_eq!(anns.len(), before + 1, "retagged, not duplicated");
    assert_eq!(
        anns.iter().find(|a| a.id == new.id).map(|a| a.tag.as_str()),
        Some("event")
    );
    h.key_press(Key::Delete);
    settle(&mut h);
    assert_eq!(annotations(&h).len(), before);
}

#[test]
fn the_command_palette_finds_and_runs_a_command() {
    let f = fixture();
    let mut h = harness(&f);
    let dark = h.state().settings.dark;
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    settle(&mut h);
    h.get_by_label("Command").type_text("dark th");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().settings.dark, !dark, "the palette ran Dark theme");
    assert!(h.state().view.palette.is_none(), "and closed");
}

#[test]
fn the_tag_editor_adds_organisation_with_key_o_then_tag_link_and_undo() {
    let f = fixture();
    let mut h = harness(&f);
    let tags_before = h.state().project().tags.clone();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    settle(&mut h);
    let field = h.get_by_label("New tag");
    field.focus();
    field.type_text("Organisation");
    settle(&mut h);
    // Kind and role are combo boxes; set them as a click would.
    {
        let editor = h
            .state_mut()
            .view
            .tag_editor
            .as_mut()
            .expect("tag editor open");
        editor.new_kind = TagKind::Entity;
        editor.new_role = Some(EntityRole::Organisation);
    }
    settle(&mut h);
    h.get_by_label("Add tag").click();
    settle(&mut h);
    let tag = h
        .state()
        .project()
        .tags
        .get("organisation")
        .expect("the new tag")
        .clone();
    assert_eq!(tag.label, "Organisation");
    assert_eq!(tag.shortcut, Some('O'));
    assert_eq!(tag.kind, TagKind::Entity);
    assert_eq!(tag.role, Some(EntityRole::Organisation));
    assert!(
        !tags_before.tags.iter().any(|t| t.color == tag.color),
        "a colour no other tag has"
    );
    // Close the editor (its window's close button), tag "European Union" with O.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    settle(&mut h);
    let start = offset_of(&h, "European Union");
    let (from_at, to_at) = (pos_of(&h, start + 1), pos_of(&h, start + 12));
    drag(&mut h, from_at, to_at, Modifiers::NONE);
    assert_eq!(
        h.state().view.selection.map(|s| s.range()),
        Some((start, start + 14))
    );
    h.key_press(Key::O);
    settle(&mut h);
    let mention = annotations(&h)
        .into_iter()
        .find(|a| a.tag == "organisation")
        .expect("tagged as Organisation");
    assert_eq!(mention.quote, "European Union");
    // Enter links the fresh mention: a new Organisation entity named after it.
    h.key_press(Key::Enter);
    settle(&mut h);
    let linked = annotations(&h)
        .into_iter()
        .find(|a| a.id == mention.id)
        .expect("mention");
    let entity = linked.entity.expect("linked");
    let e = h.state().project().entity(entity).expect("entity").clone();
    assert_eq!(
        (e.name.as_str(), e.kind.as_str()),
        ("European Union", "organisation")
    );
    assert_eq!(
        h.state().project().tags.role_of(&e.kind),
        Some(EntityRole::Organisation)
    );
    // Undo: the link, the mention, the tag — each one step.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        settle(&mut h);
    }
    assert_eq!(h.state().project().tags, tags_before);
    assert!(h.state().project().entity(entity).is_none());
}

#[test]
fn the_tag_editor_renames_reorders_and_deletes_with_a_fate() {
    let f = fixture();
    let mut h = harness(&f);
    let claims = annotations(&h).iter().filter(|a| a.tag == "claim").count();
    assert!(claims > 0);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::T);
    settle(&mut h);
    let claim = h
        .state()
        .project()
        .tags
        .get("claim")
        .expect("claim")
        .clone();
    // Rename: type into its label field and leave it.
    let name = format!("Label of {}", claim.label);
    let field = h.get_by_label(&name);
    field.focus();
    field.type_text(" (quoted)");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(
        h.state()
            .project()
            .tags
            .get("claim")
            .map(|t| t.label.clone()),
        Some(format!("{} (quoted)", claim.label))
    );
    // Move it down one: its 1–9 key changes with its place.
    let at = h.state().project().tags.index_of("claim").expect("index");
    h.get_by_label(&format!("Move {} (quoted) down", claim.label))
        .click();
    settle(&mut h);
    assert_eq!(h.state().project().tags.index_of("claim"), Some(at + 1));
    // Delete it: asked what becomes of its annotations; "Delete them too".
    h.get_by_label(&format!("Delete tag {} (quoted)", claim.label))
        .click();
    settle(&mut h);
    h.get_by_label("Delete them too").click();
    settle(&mut h);
    h.get_by_label(&format!("Delete “{} (quoted)”", claim.label))
        .click();
    settle(&mut h);
    assert!(h.state().project().tags.get("claim").is_none());
    assert_eq!(
        annotations(&h).iter().filter(|a| a.tag == "claim").count(),
        0
    );
    assert!(h.state().project().validate().is_ok());
    // One undo brings the tag and every claim back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert!(h.state().project().tags.get("claim").is_some());
    assert_eq!(
        annotations(&h).iter().filter(|a| a.tag == "claim").count(),
        claims
    );
}

#[test]
fn right_click_on_a_highlight_retags_it_and_deletes_it() {
    let f = fixture();
    let mut h = harness(&f);
    let person = annotations(&h)
        .into_iter()
        .find(|a| a.quote == "Chile Eboe-Osuji")
        .expect("person");
    let at = pos_of(&h, person.start + 3);
    right_click(&mut h, at);
    assert_eq!(
        h.state().view.selected,
        Some(person.id),
        "right-click selects"
    );
    h.get_by_label("Retag as").click();
    settle(&mut h);
    // The menu's item (drawn last, above the toolbar's Event button).
    h.get_all_by_label("Event")
        .last()
        .expect("menu item")
        .click();
    settle(&mut h);
    assert_eq!(
        annotations(&h)
            .iter()
            .find(|a| a.id == person.id)
            .map(|a| a.tag.as_str()),
        Some("event")
    );
    let at = pos_of(&h, person.start + 3);
    right_click(&mut h, at);
    h.get_all_by_label("Delete annotation")
        .last()
        .expect("menu item")
        .click();
    settle(&mut h);
    assert!(!annotations(&h).iter().any(|a| a.id == person.id));
}

#[test]
fn the_project_and_a_document_are_renamed_in_the_app() {
    let f = fixture();
    let mut h = harness(&f);
    let ctx = h.ctx.clone();
    h.state_mut()
        .run_command(dossier::ui::UiCommand::RenameProject, &ctx);
    settle(&mut h);
    // The name is selected: typing replaces it.
    h.get_by_label("New name").type_text("Iran 1988 (team B)");
    settle(&mut h);
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(h.state().project().name, "Iran 1988 (team B)");
    assert!(h.state().view.rename.is_none());
    // F2 renames the document in the reader.
    let title = h.state().project().documents()[0].title.clone();
    h.key_press(Key::F2);
    settle(&mut h);
    h.key_press(Key::End);
    h.get_by_label("New name").type_text(" — copy");
    settle(&mut h);
    h.get_by_label("Rename").click();
    settle(&mut h);
    assert_eq!(
        h.state().project().documents()[0].title,
        format!("{title} — copy")
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(h.state().project().documents()[0].title, title);
}

#[test]
fn ctrl_drag_adds_a_fragment_to_the_selected_annotation() {
    let f = fixture();
    let mut h = harness(&f);
    let person = select_person(&mut h);
    // A later word, Ctrl+dragged: the annotation becomes discontinuous.
    let text = h.state().project().documents()[0].text().to_owned();
    let from = text
        .chars()
        .skip(person.end + 40)
        .position(|c| c == ' ')
        .expect("a space")
        + person.end
        + 41;
    let (from_at, to_at) = (pos_of(&h, from + 1), pos_of(&h, from + 2));
    drag(&mut h, from_at, to_at, Modifiers::COMMAND);
    let a = annotations(&h)
        .into_iter()
        .find(|a| a.id == person.id)
        .expect("same annotation");
    assert_eq!(a.fragments.len(), 2, "two fragments: {:?}", a.fragments);
    assert_eq!(a.fragments[0], (person.start, person.end));
    assert!(a.quote.starts_with("Chile Eboe-Osuji … "), "{}", a.quote);
    assert_eq!(a.entity, person.entity);
    assert!(h.state().project().validate().is_ok());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    let back = annotations(&h)
        .into_iter()
        .find(|a| a.id == person.id)
        .expect("same annotation");
    assert!(back.fragments.is_empty());
}

#[test]
fn at_900_by_600_no_widget_of_the_reader_hides_under_a_side_panel() {
    let f = fixture();
    let h = harness_sized(&f, [900.0, 600.0]);
    let reader = h.get_by_label("Reader").rect();
    assert!(
        reader.width() >= 300.0,
        "the reader keeps a readable column: {reader:?}"
    );
    // The documents panel is left of the reader, the right panel's tabs right of it,
    // and every one of them inside the window.
    let title = h.state().project().documents()[0].title.clone();
    let shown = dossier::model::text::short(&title, 200);
    let prefix: String = shown.chars().take(20).collect();
    let doc_row = h
        .query_all_by_label_contains(&prefix)
        .map(|n| n.rect())
        .min_by(|a, b| a.left().total_cmp(&b.left()))
        .expect("the document's row");
    assert!(
        doc_row.right() <= reader.left() + 1.0,
        "document row {doc_row:?} overlaps the reader {reader:?}"
    );
    for tab in ["Annotations", "Entities", "Search", "Conflicts", "Compare"] {
        let r = h.get_by_label(tab).rect();
        assert!(
            r.left() >= reader.right() - 1.0,
            "tab {tab} {r:?} overlaps the reader {reader:?}"
        );
        assert!(r.right() <= 900.0 + 0.5, "tab {tab} is cut off: {r:?}");
    }
    // The toolbar's tag buttons fit above the reader.
    for t in h.state().project().tags.tags.clone() {
        for r in h.query_all_by_label_contains(&t.label).map(|n| n.rect()) {
            assert!(r.right() <= 900.0 + 0.5, "{} cut off: {r:?}", t.label);
        }
    }
}
