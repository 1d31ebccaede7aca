//! Right-to-left text end to end: the Persian test documents import (plain text,
//! web page, DOCX, PDF), keep logical offsets through tagging, search and a save;
//! and in the app, Persian is drawn right to left and a drag over a Persian word
//! selects it, so tagging it gives its logical offsets.

#![allow(clippy::unwrap_used)]

use dossier::app::{AppDirs, DossierApp};
use dossier::commands::{Command, Editor};
use dossier::import::import_bytes;
use dossier::model::search::{SearchOptions, find_in_document};
use dossier::model::{Annotation, Document, Project};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/documents")
}

/// Char offset of the first occurrence of `needle` in `doc`.
fn char_offset(doc: &Document, needle: &str) -> usize {
    let byte = doc
        .text()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle}"));
    doc.text()[..byte].chars().count()
}

#[test]
fn the_persian_documents_import_and_tag_with_logical_offsets() {
    let expected = std::fs::read_to_string(fixtures().join("fa-conference.expected.txt")).unwrap();
    let expected = expected.trim_end();
    for name in [
        "fa-conference.txt",
        "fa-conference.html",
        "fa-conference.docx",
        "fa-conference.pdf",
    ] {
        let bytes = std::fs::read(fixtures().join(name)).unwrap();
        let doc = import_bytes(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Persian reads in logical order, digits and Latin names included (the
        // byline of the web page goes to the document's source).
        for paragraph in expected.split("\n\n").skip(2) {
            assert!(doc.text().contains(paragraph), "{name}: {paragraph}");
        }
        // A person mention, a year in Persian digits, a Latin name in brackets.
        for (tag, quote) in [
            ("person", "کاوه سلیمانی"),
            ("event", "سال ۱۳۶۷"),
            ("person", "Kaveh Soleimani"),
            ("claim", "«زبان فارسی با بیش از صد میلیون گویشور"),
        ] {
            let s = char_offset(&doc, quote);
            let e = s + quote.chars().count();
            let a = Annotation::new(doc.text(), doc.char_index(), tag, s, e, "").unwrap();
            assert_eq!(a.quote, quote, "{name}");
            assert_eq!(doc.slice(s, e), Some(quote));
        }
        // Search finds the name typed with Arabic letters (ك for ک, ي for ی), at the
        // same offsets.
        let s = char_offset(&doc, "کاوه سلیمانی");
        let hits = find_in_document(&doc, "كاوه سليماني", SearchOptions::default());
        assert_eq!(hits.first(), Some(&(s, s + 12)), "{name}");
        // And the offsets survive a save and a load.
        let a = Annotation::new(doc.text(), doc.char_index(), "person", s, s + 12, "").unwrap();
        let id = a.id;
        let doc = Document::with_annotations(
            doc.id,
            doc.title.clone(),
            doc.source.clone(),
            doc.text().to_owned(),
            vec![a],
        );
        let mut editor = Editor::new(Project::new("fa"));
        editor
            .apply(Command::AddDocument {
                document: Box::new(doc),
                index: None,
            })
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fa.ron");
        dossier::store::save(editor.project(), &path).unwrap();
        let loaded = dossier::store::load(&path).unwrap();
        let a = loaded.documents()[0].annotation(id).unwrap();
        assert_eq!(
            (a.start, a.end, a.quote.as_str()),
            (s, s + 12, "کاوه سلیمانی")
        );
    }
}

/// The app on the Persian article, in a new project.
fn harness(root: &Path) -> Harness<'static, DossierApp> {
    let article = root.join("fa-conference.txt");
    std::fs::copy(fixtures().join("fa-conference.txt"), &article).unwrap();
    let dirs = AppDirs::under(&root.join("home"));
    let mut h = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            DossierApp::with_dirs(&cc.egui_ctx, vec![article.clone()], dirs.clone())
        });
    h.state_mut().settings.builtin_file_dialog = true;
    h.run_steps(6);
    h
}

fn position(h: &Harness<'_, DossierApp>, c: usize) -> egui::Pos2 {
    h.state()
        .view
        .center
        .reader
        .char_position(c)
        .unwrap_or_else(|| panic!("char {c} on screen"))
}

#[test]
fn dragging_over_a_persian_word_selects_it_and_tagging_it_gives_logical_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let doc = h.state().project().documents()[0].clone();
    let word = "پژوهشگر";
    let s = char_offset(&doc, word);
    let e = s + word.chars().count();

    // Drawn right to left: the word's first letter is right of its last, and the
    // paragraph's first char is at its right edge, right of the chars after it.
    let (first, last) = (position(&h, s), position(&h, e - 1));
    assert!(first.x > last.x + 20.0, "{first:?} {last:?}");
    let para = char_offset(&doc, "نخستین روز همایش");
    assert!(position(&h, para).x > position(&h, para + 10).x);
    // The Persian digits of ۴۵۰ run left to right inside the line.
    let n = char_offset(&doc, "۴۵۰");
    assert!(position(&h, n).x < position(&h, n + 2).x);

    // Drag from the right of the first letter to the left of the last one.
    let from = first + egui::vec2(3.0, 0.0);
    let to = last - egui::vec2(3.0, 0.0);
    h.hover_at(from);
    h.drag_at(from);
    h.step();
    for i in 1..=5 {
        h.hover_at(from + (to - from) * (i as f32 / 5.0));
        h.step();
    }
    h.drop_at(to);
    h.run_steps(4);
    assert_eq!(h.state().view.selection.map(|s| s.range()), Some((s, e)));

    // Tagging it (P: person) makes an annotation of exactly the word.
    h.get_by_label("Reader").focus();
    h.key_press(egui::Key::P);
    h.run_steps(4);
    let anns = h.state().project().documents()[0].annotations().to_vec();
    let a = anns.iter().find(|a| a.tag == "person").expect("tagged");
    assert_eq!((a.start, a.end, a.quote.as_str()), (s, e, word));
    // The inspector shows the new annotation's quote laid out right to left, named
    // by its logical text.
    assert_eq!(h.state().view.selected, Some(a.id));
    assert_eq!(
        h.query_all_by_label(word).count(),
        2,
        "the list's row and the inspector's quote"
    );

    // Arrow keys move on screen: with the caret before the word, Left goes into it
    // (the next char in logical order), Right back out.
    h.state_mut().view.selection = Some(dossier::ui::TextSelection::caret(s));
    h.get_by_label("Reader").focus();
    h.run_steps(2);
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(2);
    assert_eq!(h.state().view.selection.map(|s| s.cursor), Some(s + 1));
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    assert_eq!(h.state().view.selection.map(|s| s.cursor), Some(s));
}

/// Every text the last frame drew: its galley's text and its rectangle on screen.
fn drawn_texts(h: &Harness<'_, DossierApp>) -> Vec<(String, egui::Rect)> {
    fn walk(shape: &egui::Shape, out: &mut Vec<(String, egui::Rect)>) {
        match shape {
            egui::Shape::Text(t) => out.push((
                t.galley.job.text.clone(),
                t.galley.rect.translate(t.pos.to_vec2()),
            )),
            egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// Drawn in visual order by Dossier: Arabic letters in their presentation forms
/// (egui draws a field's logical text with the plain letters).
fn is_visual(text: &str) -> bool {
    text.chars()
        .any(|c| ('\u{FB50}'..='\u{FDFF}').contains(&c) || ('\u{FE70}'..='\u{FEFF}').contains(&c))
}

#[test]
fn a_persian_note_reads_right_in_its_field_and_while_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(dir.path());
    let doc = h.state().project().documents()[0].clone();
    let word = "پژوهشگر";
    let s = char_offset(&doc, word);
    let a = Annotation::new(doc.text(), doc.char_index(), "claim", s, s + 7, "").unwrap();
    let id = a.id;
    h.state_mut().edit(Command::AddAnnotation {
        doc: doc.id,
        annotation: a,
    });
    let note = "در سال ۱۳۶۷ (1988) اعدام شدند";
    h.state_mut().edit(Command::SetNote {
        doc: doc.id,
        id,
        note: note.into(),
    });
    let ctx = h.ctx.clone();
    h.state_mut().select_annotation(id, true, &ctx);
    h.run_steps(4);
    let field = h.get_by_label("Note").rect();
    // The field's value is the logical text (what screen readers read and is saved).
    assert_eq!(h.get_by_label("Note").value().as_deref(), Some(note));
    // Not focused: the note is drawn in visual order over the field, the year's
    // digits in their own order, right-aligned like the right-to-left text it is.
    let over: Vec<_> = drawn_texts(&h)
        .into_iter()
        .filter(|(t, r)| is_visual(t) && field.contains_rect(*r))
        .collect();
    assert_eq!(over.len(), 1, "{field:?} {over:?}");
    let (text, rect) = &over[0];
    assert!(text.contains("۱۳۶۷") && text.contains("(1988)"), "{text}");
    assert!(field.right() - rect.right() < 12.0, "{rect:?} in {field:?}");
    // Focused, it is edited as egui does (logical order), and a preview in visual
    // order floats under the field.
    h.get_by_label("Note").focus();
    h.run_steps(2);
    let preview: Vec<_> = drawn_texts(&h)
        .into_iter()
        .filter(|(t, r)| is_visual(t) && r.top() > field.bottom() && r.left() >= field.left() - 8.0)
        .collect();
    assert_eq!(preview.len(), 1, "{preview:?}");
    assert!(preview[0].0.contains("۱۳۶۷"), "{preview:?}");
    assert!(
        !drawn_texts(&h)
            .iter()
            .any(|(t, r)| is_visual(t) && field.contains_rect(*r))
    );
}
