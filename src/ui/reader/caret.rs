//! Caret movement over the document text, by char, word, paragraph and document.

use crate::model::Document;
use crate::model::text::is_word_char;

/// The char at `pos`, if any.
fn char_at(doc: &Document, pos: usize) -> Option<char> {
    doc.slice(pos, pos + 1).and_then(|s| s.chars().next())
}

/// One char left.
pub(super) fn left(pos: usize) -> usize {
    pos.saturating_sub(1)
}

/// One char right.
pub(super) fn right(doc: &Document, pos: usize) -> usize {
    (pos + 1).min(doc.char_len())
}

/// To the start of the word before `pos` (skipping spaces and punctuation first).
pub(super) fn word_left(doc: &Document, mut pos: usize) -> usize {
    while pos > 0 && !char_at(doc, pos - 1).is_some_and(is_word_char) {
        pos -= 1;
    }
    while pos > 0 && char_at(doc, pos - 1).is_some_and(is_word_char) {
        pos -= 1;
    }
    pos
}

/// To the end of the word after `pos` (skipping spaces and punctuation first).
pub(super) fn word_right(doc: &Document, mut pos: usize) -> usize {
    let len = doc.char_len();
    while pos < len && !char_at(doc, pos).is_some_and(is_word_char) {
        pos += 1;
    }
    while pos < len && char_at(doc, pos).is_some_and(is_word_char) {
        pos += 1;
    }
    pos
}

/// The word around `pos`, for double-click selection; empty if `pos` is not in a word.
pub(super) fn word_at(doc: &Document, pos: usize) -> (usize, usize) {
    let len = doc.char_len();
    let in_word = |p: usize| char_at(doc, p).is_some_and(is_word_char);
    let mut start = pos.min(len);
    if !in_word(start) && start > 0 && in_word(start - 1) {
        start -= 1;
    }
    if !in_word(start) {
        return (pos, pos);
    }
    let mut end = start;
    while start > 0 && in_word(start - 1) {
        start -= 1;
    }
    while end < len && in_word(end) {
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceMeta;

    #[test]
    fn words_and_trimming_on_non_ascii_text() {
        let doc = Document::new(
            "t",
            SourceMeta::default(),
            "  مریم رجوی, Eboe-Osuji’s café ",
        );
        assert_eq!(word_right(&doc, 0), 6);
        assert_eq!(word_right(&doc, 6), 11);
        assert_eq!(word_left(&doc, 11), 7);
        assert_eq!(word_at(&doc, 8), (7, 11));
        assert_eq!(doc.slice(13, 17), Some("Eboe"));
        assert_eq!(word_at(&doc, 14), (13, 17));
        assert_eq!(word_at(&doc, 19), (18, 25));
        assert_eq!(doc.trim_span(0, doc.char_len()), (2, 30));
        assert_eq!(doc.trim_span(0, 2), (2, 2));
    }
}
