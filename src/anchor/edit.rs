//! The analyst edits the text: a range deleted or replaced (junk trimmed, a typo
//! corrected). Every annotation's ranges are mapped through the change, helix-style:
//! a span's start sticks after text inserted right before it, its end before text
//! inserted right after it, so a span never swallows what is typed next to it.

use super::changeset::{Assoc, ChangeSet, PositionMap};
use super::spans::{placed_at, shift_of, trim};
use super::write::orphan;
use super::{HistoryStep, TextChange, TextError};
use crate::model::text::{CharIndex, normalize_newlines, short};
use crate::model::{
    AnchorMethod, Annotation, Document, Project, Reanchor, TextVersion, VersionKind, merge_ranges,
    text_sha256,
};
use chrono::{DateTime, Utc};

/// The change replacing chars `start..end` of document `doc` with `replacement`
/// (empty: a deletion; `start == end`: an insertion). Annotations are mapped
/// through it; those whose text is entirely deleted become orphans. The old text
/// goes into the document's history.
pub fn edit_text(
    p: &Project,
    doc: crate::model::DocumentId,
    start: usize,
    end: usize,
    replacement: &str,
) -> Result<TextChange, TextError> {
    let d = p.document(doc).ok_or(TextError::NoDocument(doc))?;
    edit_document(d, start, end, replacement, crate::model::now())
}

/// [`edit_text`] on a document, dated `date`.
pub(super) fn edit_document(
    d: &Document,
    start: usize,
    end: usize,
    replacement: &str,
    date: DateTime<Utc>,
) -> Result<TextChange, TextError> {
    let len = d.char_len();
    if start > end || end > len {
        return Err(TextError::BadRange { start, end, len });
    }
    let replacement = normalize_newlines(replacement);
    if replacement.contains('\0') {
        return Err(TextError::Nul);
    }
    let old = d.slice(start, end).unwrap_or_default();
    if old == replacement {
        return Err(TextError::Unchanged);
    }
    let label = if replacement.is_empty() {
        format!("Delete “{}”", short(old, 30))
    } else if old.is_empty() {
        format!("Insert “{}”", short(&replacement, 30))
    } else {
        format!(
            "Replace “{}” with “{}”",
            short(old, 20),
            short(&replacement, 20)
        )
    };
    let changes = ChangeSet::replace(len, start, end, &replacement)
        .map_err(|_| TextError::BadRange { start, end, len })?;
    let what = if replacement.is_empty() {
        format!("chars {start}–{end} were deleted")
    } else {
        format!("chars {start}–{end} were replaced")
    };
    map_through(d, changes, label, date, &what)
}

/// The change applying `changes` (an edit) to `d`: annotations mapped through it,
/// those left without text orphaned because `what`.
fn map_through(
    d: &Document,
    changes: ChangeSet,
    label: String,
    date: DateTime<Utc>,
    what: &str,
) -> Result<TextChange, TextError> {
    let new_text = changes
        .apply(d.text(), d.char_index())
        .ok_or(TextError::LengthMismatch {
            expected: changes.len(),
            found: d.char_len(),
        })?;
    let new_index = CharIndex::new(&new_text);
    let map = PositionMap::new(&changes);
    let mut placed = Vec::new();
    let mut orphaned = Vec::new();
    for a in d.annotations() {
        if shift_of(&map, a).is_some() {
            continue;
        }
        match mapped(a, &map, &new_text, &new_index, date) {
            Some(moved) => placed.push(moved),
            None => orphaned.push(orphan(a, format!("its text was deleted ({what})"), date)),
        }
    }
    let restore = changes
        .invert(d.text(), d.char_index())
        .map(|inverse| {
            inverse
                .changes()
                .into_iter()
                .map(|(s, e, t)| (s, e, t.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let summary = match (placed.len(), orphaned.len()) {
        (_, 0) => String::new(),
        (_, n) => format!("{} orphaned", crate::model::text::count(n, "annotation")),
    };
    let source = (!d.source.page_starts.is_empty()).then(|| {
        let mut s = d.source.clone();
        for p in &mut s.page_starts {
            *p = map.map(*p, Assoc::Before);
        }
        s
    });
    Ok(TextChange {
        label,
        changes,
        placed,
        orphaned,
        restored: Vec::new(),
        relations: Vec::new(),
        history: HistoryStep::Push(Box::new(TextVersion {
            kind: VersionKind::Edit,
            date,
            sha256: text_sha256(d.text()),
            chars: d.char_len(),
            restore,
            source: None,
            summary,
        })),
        source,
    })
}

/// `a` mapped through an edit, fragment by fragment (start after insertions at it,
/// end before them); fragments left empty or blank are dropped, ones brought
/// together merge. `None` when nothing is left. A changed quote is noted on the
/// annotation.
fn mapped(
    a: &Annotation,
    map: &PositionMap,
    text: &str,
    index: &CharIndex,
    date: DateTime<Utc>,
) -> Option<Annotation> {
    let ranges: Vec<(usize, usize)> = a
        .ranges()
        .map(|(s, e)| {
            let (s, e) = (map.map(s, Assoc::After), map.map(e, Assoc::Before));
            if s < e {
                trim(text, index, s, e)
            } else {
                (s, s)
            }
        })
        .collect();
    let ranges = merge_ranges(ranges);
    if ranges.is_empty() {
        return None;
    }
    let mut moved = placed_at(a, &ranges, text, index)?;
    if moved.quote != a.quote {
        moved.reanchored = Some(Reanchor {
            method: AnchorMethod::Position,
            date,
            was: a.quote.clone(),
        });
    }
    Some(moved)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::commands::{Command, Editor};
    use crate::model::{Entity, SourceMeta, Target};

    fn setup(text: &str, spans: &[&str]) -> (Editor, crate::model::DocumentId) {
        let d = Document::new("d", SourceMeta::default(), text);
        let id = d.id;
        let mut e = Editor::new(Project::new("p"));
        e.apply(Command::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .unwrap();
        for q in spans {
            let d = e.project().document(id).unwrap();
            let b = d.text().find(q).unwrap();
            let s = d.char_index().char_of(d.text(), b).unwrap();
            let a = Annotation::new(
                d.text(),
                d.char_index(),
                "claim",
                s,
                s + q.chars().count(),
                "me",
            )
            .unwrap();
            e.apply(Command::AddAnnotation {
                doc: id,
                annotation: a,
            })
            .unwrap();
        }
        (e, id)
    }

    fn quotes(e: &Editor, doc: crate::model::DocumentId) -> Vec<String> {
        let d = e.project().document(doc).unwrap();
        d.annotations().iter().map(|a| a.quote.clone()).collect()
    }

    #[test]
    fn a_deletion_shifts_later_spans_and_orphans_the_deleted_ones() {
        let text = "Connect with us. Share. Raisi denied it. Rajavi spoke.";
        let (mut e, doc) = setup(text, &["Share", "Raisi denied it", "Rajavi"]);
        let before = e.project().clone();
        let c = edit_text(e.project(), doc, 0, 24, "").unwrap();
        assert_eq!(c.orphaned.len(), 1);
        e.apply(Command::ChangeText {
            doc,
            change: Box::new(c),
        })
        .unwrap();
        let d = e.project().document(doc).unwrap();
        assert_eq!(d.text(), "Raisi denied it. Rajavi spoke.");
        assert_eq!(quotes(&e, doc), vec!["Raisi denied it", "Rajavi"]);
        assert_eq!(d.orphans().len(), 1);
        assert_eq!(d.orphans()[0].annotation.quote, "Share");
        assert!(d.orphans()[0].reason.contains("deleted"));
        assert_eq!(d.history().len(), 1);
        assert_eq!(d.version_text(0).as_deref(), Some(text));
        assert!(e.project().validate().is_ok());
        e.undo().unwrap();
        assert_eq!(e.project(), &before);
    }

    #[test]
    fn a_typo_corrected_inside_a_span_changes_its_quote() {
        let (mut e, doc) = setup("Maryam Rajavy spoke in Paris.", &["Maryam Rajavy", "Paris"]);
        let c = edit_text(e.project(), doc, 12, 13, "i").unwrap();
        e.apply(Command::ChangeText {
            doc,
            change: Box::new(c),
        })
        .unwrap();
        assert_eq!(quotes(&e, doc), vec!["Maryam Rajavi", "Paris"]);
        let d = e.project().document(doc).unwrap();
        let a = &d.annotations()[0];
        let note = a.reanchored.as_ref().unwrap();
        assert_eq!(note.was, "Maryam Rajavy");
        assert!(d.annotations()[1].reanchored.is_none(), "only shifted");
    }

    #[test]
    fn text_typed_at_a_spans_edges_stays_outside() {
        let (mut e, doc) = setup("say Rajavi now", &["Rajavi"]);
        for (at, what) in [(4, "Maryam "), (17, "!")] {
            let c = edit_text(e.project(), doc, at, at, what).unwrap();
            e.apply(Command::ChangeText {
                doc,
                change: Box::new(c),
            })
            .unwrap();
        }
        let d = e.project().document(doc).unwrap();
        assert_eq!(d.text(), "say Maryam Rajavi! now");
        assert_eq!(quotes(&e, doc), vec!["Rajavi"]);
    }

    #[test]
    fn fragments_map_one_by_one_and_an_emptied_one_is_dropped() {
        let text = "the Iranian state and its judiciary agreed";
        let d = Document::new("d", SourceMeta::default(), text);
        let doc = d.id;
        let a = Annotation::new_fragmented(
            d.text(),
            d.char_index(),
            "claim",
            &[(4, 11), (26, 35)],
            "me",
        )
        .unwrap();
        let id = a.id;
        let mut e = Editor::new(Project::new("p"));
        e.apply(Command::AddDocument {
            document: Box::new(d),
            index: None,
        })
        .unwrap();
        e.apply(Command::AddAnnotation { doc, annotation: a })
            .unwrap();
        // " state and its " becomes one space: the fragments stay apart.
        e.apply(Command::EditText {
            doc,
            range: (11, 26),
            replacement: " ".into(),
        })
        .unwrap();
        let d = e.project().document(doc).unwrap();
        assert_eq!(d.text(), "the Iranian judiciary agreed");
        let a = d.annotation(id).unwrap();
        assert_eq!(a.quote, "Iranian … judiciary");
        // Delete "Iranian ": one fragment is left, an ordinary span.
        e.apply(Command::EditText {
            doc,
            range: (4, 12),
            replacement: String::new(),
        })
        .unwrap();
        let a = e
            .project()
            .document(doc)
            .unwrap()
            .annotation(id)
            .unwrap()
            .clone();
        assert_eq!((a.quote.as_str(), a.fragments.len()), ("judiciary", 0));
        assert!(e.project().validate().is_ok());
    }

    #[test]
    fn an_orphan_takes_its_relations_and_restoring_brings_them_back() {
        let (mut e, doc) = setup(
            "Junk here. Raisi denied it.",
            &["Junk here", "Raisi denied it"],
        );
        let person = Entity::new("person", "Raisi");
        let pid = person.id;
        e.apply(Command::AddEntity {
            entity: person,
            index: None,
        })
        .unwrap();
        let junk = e.project().document(doc).unwrap().annotations()[0].id;
        e.apply(Command::add_relation(
            "said_by",
            Target::Annotation(junk),
            Target::Entity(pid),
        ))
        .unwrap();
        e.apply(Command::EditText {
            doc,
            range: (0, 11),
            replacement: String::new(),
        })
        .unwrap();
        assert!(e.project().relations().is_empty());
        let d = e.project().document(doc).unwrap();
        assert_eq!(d.orphans()[0].relations.len(), 1);
        // Put the text back by hand, then restore the orphan by its quote.
        e.apply(Command::EditText {
            doc,
            range: (0, 0),
            replacement: "Junk here. ".into(),
        })
        .unwrap();
        let before = e.project().clone();
        let c = crate::anchor::restore_orphan(e.project(), doc, junk, None).unwrap();
        e.apply(Command::ChangeText {
            doc,
            change: Box::new(c),
        })
        .unwrap();
        let d = e.project().document(doc).unwrap();
        assert!(d.orphans().is_empty());
        assert_eq!(d.annotation(junk).map(|a| a.start), Some(0));
        assert_eq!(e.project().relations().len(), 1);
        assert!(e.project().validate().is_ok());
        e.undo().unwrap();
        assert_eq!(e.project(), &before);
        e.redo().unwrap();
        assert_eq!(e.project().relations().len(), 1);
    }
}
