//! An orphan comes back: at ranges the analyst selects, or where its quote is
//! found in the current text (the best context match).

use super::changeset::ChangeSet;
use super::spans::placed_at;
use super::{HistoryStep, TextChange, TextError};
use crate::model::text::{CharIndex, short};
use crate::model::{
    AnchorMethod, Annotation, AnnotationId, DocumentId, FRAGMENT_JOINER, Project, Reanchor,
    merge_ranges,
};

/// The change bringing orphan `id` of document `doc` back into the text: at
/// `ranges` (its quote and context taken from the text there), or, without
/// ranges, where its quote occurs with the most of its context
/// ([`TextError::NotFound`] if it does not occur). Its relations come back with
/// it where both their ends exist; a link to an entity that no longer exists is
/// dropped.
pub fn restore_orphan(
    p: &Project,
    doc: DocumentId,
    id: AnnotationId,
    ranges: Option<&[(usize, usize)]>,
) -> Result<TextChange, TextError> {
    let d = p.document(doc).ok_or(TextError::NoDocument(doc))?;
    let orphan = d.orphan(id).ok_or(TextError::NoOrphan(id))?;
    let old = &orphan.annotation;
    let (text, index) = (d.text(), d.char_index());
    let len = index.char_len();
    let (ranges, note) = match ranges {
        Some(r) => {
            for &(start, end) in r {
                if start >= end || end > len {
                    return Err(TextError::BadRange { start, end, len });
                }
            }
            (merge_ranges(r.to_vec()), None)
        }
        None => {
            let (ranges, method) = find(old, text, index).ok_or(TextError::NotFound(id))?;
            (ranges, Some(method))
        }
    };
    let mut back = placed_at(old, &ranges, text, index).ok_or(TextError::BadRange {
        start: ranges.first().map_or(0, |r| r.0),
        end: ranges.last().map_or(0, |r| r.1),
        len,
    })?;
    back.reanchored = note.map(|method| Reanchor {
        method,
        date: crate::model::now(),
        was: String::new(),
    });
    if back.entity.is_some_and(|e| p.entity(e).is_none()) {
        back.entity = None;
    }
    Ok(TextChange {
        label: format!("Restore “{}”", short(&old.quote, 30)),
        changes: ChangeSet::identity(len),
        placed: vec![back],
        orphaned: Vec::new(),
        restored: vec![id],
        relations: Vec::new(),
        history: HistoryStep::Keep,
        source: None,
    })
}

/// Where an orphan's quote is in `text`: its first fragment where the most of its
/// prefix and suffix match (nearest its old place on a tie), each later fragment
/// at its next occurrence after the one before.
fn find(
    a: &Annotation,
    text: &str,
    index: &CharIndex,
) -> Option<(Vec<(usize, usize)>, AnchorMethod)> {
    let pieces: Vec<&str> = if a.fragments.is_empty() {
        vec![a.quote.as_str()]
    } else {
        a.quote.split(FRAGMENT_JOINER).collect()
    };
    if pieces.is_empty()
        || pieces.iter().any(|p| p.is_empty())
        || (!a.fragments.is_empty() && pieces.len() != a.fragments.len())
    {
        return None;
    }
    let first = pieces[0];
    let flen = first.chars().count();
    let mut best: Option<(bool, usize, usize, usize)> = None;
    for (b, _) in text.match_indices(first) {
        let c = index.char_of(text, b)?;
        let before = index.slice(text, c.saturating_sub(a.prefix.chars().count()), c)?;
        let pm = a
            .prefix
            .chars()
            .rev()
            .zip(before.chars().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let rest = &text[b + first.len()..];
        let sm = if pieces.len() == 1 {
            a.suffix
                .chars()
                .zip(rest.chars())
                .take_while(|(x, y)| x == y)
                .count()
        } else {
            0
        };
        let full =
            pm == a.prefix.chars().count() && (pieces.len() > 1 || sm == a.suffix.chars().count());
        let key = (full, pm + sm, c.abs_diff(a.start), c);
        if best.is_none_or(|k| {
            (key.0, key.1, std::cmp::Reverse(key.2)) > (k.0, k.1, std::cmp::Reverse(k.2))
        }) {
            best = Some(key);
        }
    }
    let (full, _, _, start) = best?;
    let mut ranges = vec![(start, start + flen)];
    for piece in &pieces[1..] {
        let from = ranges.last()?.1 + 1;
        let b0 = index.byte_of(text, from)?;
        let b = b0 + text[b0..].find(piece)?;
        let c = index.char_of(text, b)?;
        ranges.push((c, c + piece.chars().count()));
    }
    let method = if full {
        AnchorMethod::Context
    } else {
        AnchorMethod::Quote
    };
    Some((ranges, method))
}
