//! A document's text changes and its annotations follow: edits and new versions of
//! the sample article (a paragraph inserted at the top, words changed inside and
//! around quotes, a paragraph holding annotations deleted, a paragraph moved), and
//! random edits of random Unicode text with discontinuous annotations. Every
//! annotation ends where its quote matches or as an orphan with a reason; undo
//! and redo give back exactly the project before and after.

use dossier::anchor::{self, ChangeSet, update_text};
use dossier::commands::{Command, Editor};
use dossier::model::text::CharIndex;
use dossier::model::{
    AnchorMethod, Annotation, AnnotationId, Document, DocumentId, Project, SourceMeta,
};
use proptest::prelude::*;
use std::collections::HashSet;
use std::path::Path;

fn sample() -> Editor {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/paris-conference.ron");
    Editor::new(dossier::store::load(&path).expect("the sample loads"))
}

fn ids(p: &Project, doc: DocumentId) -> (HashSet<AnnotationId>, HashSet<AnnotationId>) {
    let d = p.document(doc).expect("doc");
    (
        d.annotations().iter().map(|a| a.id).collect(),
        d.orphans().iter().map(|o| o.annotation.id).collect(),
    )
}

/// Applies `command` and checks what every change must keep: the project
/// validates (every quote matches the text at its offsets), each annotation of
/// the document is still there or an orphan with a reason, and undo/redo are exact.
fn apply_checked(e: &mut Editor, doc: DocumentId, command: Command) {
    let before = e.project().clone();
    let (live, orphans) = ids(&before, doc);
    e.apply(command).expect("applies");
    let after = e.project().clone();
    after.validate().expect("valid after the change");
    let (live2, orphans2) = ids(&after, doc);
    let all: HashSet<_> = live.union(&orphans).copied().collect();
    let all2: HashSet<_> = live2.union(&orphans2).copied().collect();
    assert_eq!(all, all2, "no annotation is dropped or made up");
    assert!(live2.is_disjoint(&orphans2));
    let d = after.document(doc).expect("doc");
    assert!(d.orphans().iter().all(|o| !o.reason.is_empty()));
    e.undo().expect("undo");
    assert_eq!(e.project(), &before, "undo gives back the project exactly");
    e.redo().expect("redo");
    assert_eq!(e.project(), &after, "redo gives back the change exactly");
}

fn find(d: &Document, needle: &str) -> (usize, usize) {
    let b = d.text().find(needle).expect(needle);
    let s = d.char_index().char_of(d.text(), b).expect("boundary");
    (s, s + needle.chars().count())
}

#[test]
fn edits_of_the_sample_map_every_annotation() {
    let mut e = sample();
    let doc = e.project().documents()[0].id;
    let n = e.project().documents()[0].annotations().len();
    let original = e.project().documents()[0].text().to_owned();

    // A paragraph inserted at the top: every annotation only shifts.
    apply_checked(
        &mut e,
        doc,
        Command::EditText {
            doc,
            range: (0, 0),
            replacement: "Editor’s note: updated on 2 July.\n\n".into(),
        },
    );
    let d = &e.project().documents()[0];
    assert_eq!(d.annotations().len(), n);
    assert!(d.annotations().iter().all(|a| a.reanchored.is_none()));

    // A typo corrected inside quotes: "Rajavi" → "Rajavy" in one place.
    let (s, _) = find(d, "Maryam Rajavi, the President-elect");
    apply_checked(
        &mut e,
        doc,
        Command::EditText {
            doc,
            range: (s + 12, s + 13),
            replacement: "y".into(),
        },
    );
    let d = &e.project().documents()[0];
    let changed: Vec<&Annotation> = d
        .annotations()
        .iter()
        .filter(|a| a.reanchored.is_some())
        .collect();
    assert!(!changed.is_empty());
    assert!(changed.iter().all(|a| a.quote.contains("Rajavy")));

    // The junk at the top deleted: "Connect with us … European Union".
    let (s, _) = find(d, "Connect with us");
    let (junk_end, _) = find(d, "Paris Conference Renews");
    apply_checked(
        &mut e,
        doc,
        Command::EditText {
            doc,
            range: (s, junk_end),
            replacement: String::new(),
        },
    );

    // A paragraph holding annotations deleted: those inside it become orphans.
    let d = &e.project().documents()[0];
    let (s, _) = find(d, "This commission and others");
    let (t, _) = find(d, "It is believed that 30,000");
    let inside = d
        .annotations()
        .iter()
        .filter(|a| a.start >= s && a.end <= t)
        .count();
    assert!(inside > 0);
    apply_checked(
        &mut e,
        doc,
        Command::EditText {
            doc,
            range: (s, t),
            replacement: String::new(),
        },
    );
    let d = &e.project().documents()[0];
    assert_eq!(d.orphans().len(), inside);
    assert!(d.orphans().iter().all(|o| o.reason.contains("deleted")));
    assert_eq!(d.annotations().len() + d.orphans().len(), n);
    assert_eq!(d.history().len(), 4);
    assert_eq!(d.version_text(0).as_deref(), Some(original.as_str()));
}

/// The sample's text with a paragraph inserted at the top, words changed inside
/// and around quotes, a paragraph holding annotations deleted, and a paragraph
/// moved to the end.
fn new_version(old: &str) -> String {
    let text = old
        .replace(
            "Paris Conference Renews Call",
            "Paris Conference Renews Its Call",
        )
        .replacen(
            "1988 massacre of political",
            "1988 mass killing of political",
            1,
        )
        .replacen("Maryam Rajavi urged", "Mrs. Maryam Rajavi urged", 1);
    let mut paras: Vec<&str> = text.split("\n\n").collect();
    let deleted = paras
        .iter()
        .position(|p| p.starts_with("This commission and others"))
        .expect("paragraph");
    paras.remove(deleted);
    let moved = paras
        .iter()
        .position(|p| p.starts_with("The conference served"))
        .expect("paragraph");
    let m = paras.remove(moved);
    let end = paras
        .iter()
        .position(|p| p.starts_with("Share this article"))
        .expect("end of the article");
    paras.insert(end, m);
    paras.insert(0, "Editor’s note: this article was updated on 2 July.");
    paras.join("\n\n")
}

#[test]
fn a_new_version_of_the_sample_reanchors_or_orphans_every_annotation() {
    let mut e = sample();
    let doc = e.project().documents()[0].id;
    let old = e.project().documents()[0].clone();
    let new = new_version(old.text());
    let (change, report) =
        update_text(e.project(), doc, &new, None).expect("an update of the sample");
    let n = old.annotations().len();
    assert_eq!(report.reanchored() + report.orphaned.len(), n);
    eprintln!(
        "sample update: {} annotations: {} by position, {} by context, {} by quote, {} fuzzy, {} orphaned",
        n,
        report.count(AnchorMethod::Position),
        report.count(AnchorMethod::Context),
        report.count(AnchorMethod::Quote),
        report.count(AnchorMethod::Fuzzy),
        report.orphaned.len()
    );
    apply_checked(
        &mut e,
        doc,
        Command::ChangeText {
            doc,
            change: Box::new(change),
        },
    );
    let d = &e.project().documents()[0];
    assert_eq!(d.text(), new);
    // The deleted paragraph's annotations are orphans; nothing else is.
    let (s, _) = find(&old, "This commission and others");
    let (t, _) = find(&old, "It is believed that 30,000");
    let gone: HashSet<AnnotationId> = old
        .annotations()
        .iter()
        .filter(|a| a.start >= s && a.end <= t)
        .map(|a| a.id)
        .collect();
    let orphans: HashSet<AnnotationId> = d.orphans().iter().map(|o| o.annotation.id).collect();
    assert_eq!(orphans, gone);
    // The moved paragraph's annotations are found again with the same quote.
    let (s, _) = find(&old, "The conference served");
    let (t, _) = find(&old, "The participants, including");
    for a in old
        .annotations()
        .iter()
        .filter(|a| a.start >= s && a.end <= t)
    {
        let now = d.annotation(a.id).expect("re-anchored");
        assert_eq!(now.quote, a.quote);
        let method = now.reanchored.as_ref().map(|r| r.method);
        assert!(
            matches!(method, Some(AnchorMethod::Context | AnchorMethod::Quote)),
            "{method:?}"
        );
    }
    // Changed words: the headline and the massacre are found by a fuzzy match.
    let headline = d
        .annotations()
        .iter()
        .find(|a| a.quote.starts_with("Paris Conference Renews Its Call"))
        .expect("the headline claim");
    assert_eq!(
        headline.reanchored.as_ref().map(|r| r.method),
        Some(AnchorMethod::Fuzzy)
    );
    assert!(
        d.annotations()
            .iter()
            .any(|a| a.quote == "1988 mass killing of political prisoners")
    );
    // The earlier version comes back exactly, and everything survives a save.
    assert_eq!(d.version_text(0).as_deref(), Some(old.text()));
    let ron = dossier::store::to_ron(e.project()).expect("writes");
    let back = dossier::store::from_ron(&ron, "p.ron").expect("reads back");
    assert_eq!(&back, e.project());
}

#[test]
fn the_cli_edits_and_updates_with_a_report() {
    let dir = tempfile::tempdir().expect("tmp");
    let project = dir.path().join("p.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/paris-conference.ron"),
        &project,
    )
    .expect("copy");
    let bin = env!("CARGO_BIN_EXE_dossier");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(bin)
            .args(args)
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let p = project.to_str().expect("utf-8 path");
    let (code, out, err) = run(&["edit-text", p, "--doc", "1", "--delete", "0..64"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("edited “Paris Conference"), "{out}");
    let (code, text, _) = run(&["text", p, "1"]);
    assert_eq!(code, Some(0));
    assert!(text.starts_with("Paris Conference Renews Call"));
    let (code, _, err) = run(&["edit-text", p, "--replace", "0..5", "Parys"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = run(&["edit-text", p, "--delete", "10..999999"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("not inside the text"), "{err}");

    let new = dir.path().join("new.txt");
    std::fs::write(&new, new_version(&text)).expect("write");
    let (code, out, err) = run(&["update", p, "--doc", "1", new.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("re-anchored "), "{out}");
    assert!(out.contains("orphan\t"), "{out}");
    assert!(out.contains(" by fuzzy"), "{out}");
    let (code, out, _) = run(&["update", p, "--doc", "1", new.to_str().expect("utf-8")]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("unchanged"), "{out}");
    let (code, out, err) = run(&["check", p]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("ok:"));
}

// ----- random edits -----

/// Pieces of text that trip char/byte confusion and word boundaries.
const PIECES: &[&str] = &[
    "a",
    "Rajavi",
    " ",
    "\n",
    "\n\n",
    "مریم",
    "رجوی",
    "🙂",
    "e\u{301}",
    "1988",
    "—",
    ".",
    "“",
    "”",
    "the ",
    "massacre ",
    "Évin",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 1..60).prop_map(|v| v.concat())
}

/// A document with random annotations, some discontinuous.
fn document(text: String, spans: &[(usize, usize, usize)]) -> Document {
    let bare = Document::new("d", SourceMeta::default(), text);
    let len = bare.char_len();
    let mut list = Vec::new();
    for &(s, w, kind) in spans {
        if len < 2 {
            break;
        }
        let start = s % (len - 1);
        let end = (start + 1 + w % 12).min(len);
        let a = if kind % 3 == 0 && end + 2 < len {
            let later = end + 1 + (s % 5).min(len - end - 2);
            Annotation::new_fragmented(
                bare.text(),
                bare.char_index(),
                "claim",
                &[(start, end), (later, (later + 1 + w % 3).min(len))],
                "me",
            )
        } else {
            Annotation::new(bare.text(), bare.char_index(), "person", start, end, "me")
        };
        list.extend(a);
    }
    let text = bare.text().to_owned();
    Document::with_annotations(bare.id, bare.title, bare.source, text, list)
}

fn editor_with(d: Document) -> Editor {
    let mut p = Project::new("p");
    Command::AddDocument {
        document: Box::new(d),
        index: None,
    }
    .apply(&mut p)
    .expect("doc");
    Editor::new(p)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_edits_keep_every_annotation_and_undo_exactly(
        text in text_strategy(),
        spans in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..12),
        edits in prop::collection::vec((any::<usize>(), 0..20usize, text_strategy(), any::<bool>()), 1..8),
    ) {
        let d = document(text, &spans);
        let doc = d.id;
        let mut e = editor_with(d);
        let start = e.project().clone();
        for (at, width, with, delete) in edits {
            let len = e.project().documents()[0].char_len();
            let s = at % (len + 1);
            let end = (s + width).min(len);
            let replacement = if delete { String::new() } else { with };
            let cmd = Command::EditText { doc, range: (s, end), replacement };
            let before = e.project().clone();
            match e.apply(cmd) {
                Ok(()) => {
                    let after = e.project().clone();
                    prop_assert!(after.validate().is_ok(), "{:?}", after.validate());
                    let (l0, o0) = ids(&before, doc);
                    let (l1, o1) = ids(&after, doc);
                    prop_assert_eq!(l0.len() + o0.len(), l1.len() + o1.len());
                    e.undo().expect("undo");
                    prop_assert_eq!(e.project(), &before);
                    e.redo().expect("redo");
                    prop_assert_eq!(e.project(), &after);
                }
                Err(_) => prop_assert_eq!(e.project(), &before),
            }
        }
        while e.undo().expect("undo").is_some() {}
        prop_assert_eq!(e.project(), &start);
    }

    #[test]
    fn random_new_versions_reanchor_or_orphan_every_annotation(
        text in text_strategy(),
        spans in prop::collection::vec((any::<usize>(), any::<usize>(), any::<usize>()), 0..12),
        edits in prop::collection::vec((any::<usize>(), 0..20usize, text_strategy()), 1..6),
    ) {
        let d = document(text, &spans);
        let doc = d.id;
        // The new version: the old text with random replacements.
        let mut new = d.text().to_owned();
        for (at, width, with) in edits {
            let index = CharIndex::new(&new);
            let s = at % (index.char_len() + 1);
            let end = (s + width).min(index.char_len());
            let (b0, b1) = (index.byte_of(&new, s).expect("s"), index.byte_of(&new, end).expect("e"));
            new.replace_range(b0..b1, &with);
        }
        let mut e = editor_with(d);
        let before = e.project().clone();
        match update_text(e.project(), doc, &new, None) {
            Ok((change, report)) => {
                let n = before.documents()[0].annotations().len();
                prop_assert_eq!(report.reanchored() + report.orphaned.len(), n);
                e.apply(Command::ChangeText { doc, change: Box::new(change) }).expect("applies");
                let after = e.project().clone();
                prop_assert!(after.validate().is_ok(), "{:?}", after.validate());
                prop_assert_eq!(after.documents()[0].text(), new.as_str());
                prop_assert_eq!(after.documents()[0].annotations().len() + after.documents()[0].orphans().len(), n);
                let old = after.documents()[0].version_text(0);
                prop_assert_eq!(old.as_deref(), Some(before.documents()[0].text()));
                e.undo().expect("undo");
                prop_assert_eq!(e.project(), &before);
                e.redo().expect("redo");
                prop_assert_eq!(e.project(), &after);
            }
            Err(anchor::TextError::Unchanged) => prop_assert_eq!(new.as_str(), before.documents()[0].text()),
            Err(err) => prop_assert!(false, "{err}"),
        }
    }

    #[test]
    fn change_sets_apply_invert_compose_and_map(
        text in text_strategy(),
        a in prop::collection::vec((any::<usize>(), 0..6usize, text_strategy()), 0..5),
        b in prop::collection::vec((any::<usize>(), 0..6usize, text_strategy()), 0..5),
    ) {
        let make = |text: &str, edits: &[(usize, usize, String)]| -> ChangeSet {
            let len = text.chars().count();
            let mut cuts: Vec<(usize, usize, &str)> = Vec::new();
            let mut last = 0;
            let mut sorted: Vec<_> = edits.iter().map(|(at, w, t)| (at % (len + 1), *w, t.as_str())).collect();
            sorted.sort_by_key(|e| e.0);
            for (s, w, t) in sorted {
                if s < last { continue; }
                let end = (s + w).min(len);
                cuts.push((s, end, t));
                last = end;
            }
            ChangeSet::from_changes(len, cuts).expect("sorted changes")
        };
        let ti = CharIndex::new(&text);
        let ca = make(&text, &a);
        let mid = ca.apply(&text, &ti).expect("applies");
        let mi = CharIndex::new(&mid);
        prop_assert_eq!(mid.chars().count(), ca.len_after());
        // Inverting gives the text back.
        let inv = ca.invert(&text, &ti).expect("inverts");
        prop_assert_eq!(inv.apply(&mid, &mi).expect("applies"), text.clone());
        // Composing equals applying one after the other.
        let cb = make(&mid, &b);
        let end = cb.apply(&mid, &mi).expect("applies");
        let both = ca.clone().compose(cb).expect("composes");
        prop_assert_eq!(both.apply(&text, &ti).expect("applies"), end);
        // Positions map inside the new text, in order, and kept chars stay themselves.
        let len = text.chars().count();
        let mut last = 0;
        let old: Vec<char> = text.chars().collect();
        let new: Vec<char> = mid.chars().collect();
        for pos in 0..=len {
            let m = ca.map_pos(pos, anchor::Assoc::Before);
            prop_assert!(m <= ca.len_after());
            prop_assert!(m >= last);
            last = m;
            prop_assert!(ca.map_pos(pos, anchor::Assoc::After) >= m);
            if let Some(shift) = ca.retained_shift(pos, pos + 1) {
                prop_assert_eq!(old.get(pos), new.get(pos.wrapping_add_signed(shift)));
            }
        }
    }
}
