//! Small helpers on annotation ranges shared by the builders.

use super::changeset::PositionMap;
use crate::model::text::{CharIndex, is_word_char};
use crate::model::{Annotation, CONTEXT_CHARS, context, quote_of};

/// The text an annotation's quote and context are made of: its span widened by
/// the context on both sides, clipped to the text.
pub(super) fn context_window(a: &Annotation, len: usize) -> (usize, usize) {
    (
        a.start.saturating_sub(CONTEXT_CHARS),
        (a.end + CONTEXT_CHARS).min(len),
    )
}

/// How far the annotation moves if the change keeps its span and context as they
/// are (all in one retained run; a context cut short by an end of the text must
/// still reach that end); `None` if the change touches them.
pub(super) fn shift_of(map: &PositionMap, a: &Annotation) -> Option<isize> {
    let len = map.len();
    let (s, e) = context_window(a, len);
    map.retained_shift(s, e, a.start < CONTEXT_CHARS, a.end + CONTEXT_CHARS > len)
}

/// Moves an annotation's offsets by `delta` chars.
pub(super) fn shift(a: &mut Annotation, delta: isize) {
    let by = |x: &mut usize| *x = x.saturating_add_signed(delta);
    by(&mut a.start);
    by(&mut a.end);
    for (s, e) in &mut a.fragments {
        by(s);
        by(e);
    }
}

/// `a` moved to `ranges` of `text` (normalized, non-empty), with its quote and
/// context made from the text; everything else kept.
pub(super) fn placed_at(
    a: &Annotation,
    ranges: &[(usize, usize)],
    text: &str,
    index: &CharIndex,
) -> Option<Annotation> {
    let (start, end) = (ranges.first()?.0, ranges.last()?.1);
    let quote = quote_of(text, index, ranges)?;
    let (prefix, suffix) = context(text, index, start, end);
    Some(Annotation {
        start,
        end,
        fragments: if ranges.len() > 1 {
            ranges.to_vec()
        } else {
            Vec::new()
        },
        quote,
        prefix,
        suffix,
        ..a.clone()
    })
}

/// `start..end` without white space at either end (empty if it is all white space).
pub(super) fn trim(text: &str, index: &CharIndex, start: usize, end: usize) -> (usize, usize) {
    let Some(span) = index.slice(text, start, end) else {
        return (start, start);
    };
    let lead = span.chars().take_while(|c| c.is_whitespace()).count();
    let trail = span.chars().rev().take_while(|c| c.is_whitespace()).count();
    let s = start + lead;
    (s, end.saturating_sub(trail).max(s))
}

/// Whether char `pos` of `text` is at a word boundary (not between two word chars).
pub(super) fn at_word_boundary(text: &str, index: &CharIndex, pos: usize) -> bool {
    let before = pos
        .checked_sub(1)
        .and_then(|p| index.slice(text, p, pos))
        .and_then(|s| s.chars().next());
    let after = index
        .slice(text, pos, pos + 1)
        .and_then(|s| s.chars().next());
    !matches!((before, after), (Some(b), Some(a)) if is_word_char(b) && is_word_char(a))
}

/// `start..end` widened to whole words at each end that cuts a word, looking at
/// most `limit` chars out.
pub(super) fn widen_to_words(
    text: &str,
    index: &CharIndex,
    mut start: usize,
    mut end: usize,
    limit: usize,
) -> (usize, usize) {
    let word_at = |p: usize| {
        index
            .slice(text, p, p + 1)
            .and_then(|s| s.chars().next())
            .is_some_and(is_word_char)
    };
    let floor = start.saturating_sub(limit);
    while start > floor && !at_word_boundary(text, index, start) && word_at(start - 1) {
        start -= 1;
    }
    let ceiling = (end + limit).min(index.char_len());
    while end < ceiling && !at_word_boundary(text, index, end) && word_at(end) {
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_sorted_and_merged() {
        assert_eq!(
            crate::model::merge_ranges(vec![(5, 7), (0, 2), (2, 3), (6, 9), (4, 4)]),
            vec![(0, 3), (5, 9)]
        );
    }

    #[test]
    fn words_are_completed() {
        let text = "Maryam Rajavi spoke";
        let index = CharIndex::new(text);
        assert_eq!(widen_to_words(text, &index, 9, 11, 20), (7, 13));
        assert_eq!(widen_to_words(text, &index, 7, 13, 20), (7, 13));
        assert_eq!(trim(text, &index, 6, 14), (7, 13));
        assert!(at_word_boundary(text, &index, 0));
        assert!(!at_word_boundary(text, &index, 9));
    }
}
