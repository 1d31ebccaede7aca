//! Where a span an analyst marks should begin and end: selections snap to whole
//! words (Unicode word boundaries, UAX #29), and a mention of a person or an event
//! loses the punctuation and quotes around it ("Lotfi Azzouz," → "Lotfi Azzouz").

use super::Document;
use super::text::is_word_char;
use unicode_segmentation::UnicodeSegmentation as _;

/// How far around a position word boundaries are looked for, in chars: words are
/// shorter than this, and a book-length text is never segmented whole.
const WINDOW: usize = 256;

/// The word segment (a word, a run of spaces, a punctuation mark) holding char
/// `pos`, as char offsets. At the end of the text, the empty range there.
pub fn segment_at(doc: &Document, pos: usize) -> (usize, usize) {
    let len = doc.char_len();
    if pos >= len {
        return (len, len);
    }
    let from = pos.saturating_sub(WINDOW);
    let to = (pos + WINDOW).min(len);
    let Some(window) = doc.slice(from, to) else {
        return (pos, pos + 1);
    };
    let mut at = from;
    for segment in window.split_word_bounds() {
        let n = segment.chars().count();
        if pos < at + n {
            return (at, at + n);
        }
        at += n;
    }
    (pos, pos + 1)
}

/// Whether a segment is a word (letters, digits, or a word joined by apostrophes
/// or hyphens as UAX #29 keeps them together), not spaces or punctuation.
fn is_word(doc: &Document, (s, e): (usize, usize)) -> bool {
    doc.slice(s, e)
        .is_some_and(|t| t.chars().any(char::is_alphanumeric))
}

/// A drag from `anchor` to `cursor`, snapped to words: the word under the anchor is
/// taken whole, and the far end goes to the word boundary nearest the cursor (so
/// "Habib Essid s" becomes "Habib Essid", and a drag into the middle of a word's
/// second half takes the word). Returns (anchor, cursor) in the drag's direction.
pub fn snap_drag(doc: &Document, anchor: usize, cursor: usize) -> (usize, usize) {
    let forward = cursor >= anchor;
    let (a_start, a_end) = segment_at(
        doc,
        if forward {
            anchor
        } else {
            anchor.saturating_sub(1)
        },
    );
    let anchor_snapped = if !is_word(doc, (a_start, a_end)) {
        anchor
    } else if forward {
        a_start
    } else {
        a_end
    };
    let (c_start, c_end) = segment_at(
        doc,
        if forward {
            cursor.saturating_sub(1)
        } else {
            cursor
        },
    );
    let mut cursor_snapped = if !is_word(doc, (c_start, c_end)) {
        cursor
    } else if cursor - c_start.min(cursor) <= c_end.saturating_sub(cursor) {
        c_start
    } else {
        c_end
    };
    // Never snap the selection away entirely: keep at least the anchor's word.
    if forward && cursor_snapped <= anchor_snapped {
        cursor_snapped = a_end.max(cursor);
    } else if !forward && cursor_snapped >= anchor_snapped {
        cursor_snapped = a_start.min(cursor);
    }
    // The white space at the ends is not part of what was meant.
    let (s, e) = doc.trim_span(
        anchor_snapped.min(cursor_snapped),
        anchor_snapped.max(cursor_snapped),
    );
    if s >= e {
        return (anchor_snapped, cursor_snapped);
    }
    if forward { (s, e) } else { (e, s) }
}

/// `start..end` without the white space, punctuation and quotes at its ends, for a
/// mention of an entity; empty if nothing else is left.
pub fn trim_mention(doc: &Document, start: usize, end: usize) -> (usize, usize) {
    let Some(text) = doc.slice(start, end) else {
        return (start, start);
    };
    let keep = |c: char| c.is_alphanumeric();
    let lead = text.chars().take_while(|&c| !keep(c)).count();
    let total = text.chars().count();
    if lead == total {
        return (start, start);
    }
    let trail = text.chars().rev().take_while(|&c| !keep(c)).count();
    (start + lead, end - trail)
}

/// The char at `pos`, if any.
fn char_at(doc: &Document, pos: usize) -> Option<char> {
    doc.slice(pos, pos + 1).and_then(|s| s.chars().next())
}

/// To the start of the word before `pos` (skipping spaces and punctuation first).
pub fn word_left(doc: &Document, mut pos: usize) -> usize {
    while pos > 0 && !char_at(doc, pos - 1).is_some_and(is_word_char) {
        pos -= 1;
    }
    while pos > 0 && char_at(doc, pos - 1).is_some_and(is_word_char) {
        pos -= 1;
    }
    pos
}

/// To the end of the word after `pos` (skipping spaces and punctuation first).
pub fn word_right(doc: &Document, mut pos: usize) -> usize {
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
pub fn word_at(doc: &Document, pos: usize) -> (usize, usize) {
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

    fn doc(text: &str) -> Document {
        Document::new("t", SourceMeta::default(), text)
    }

    fn drag(d: &Document, a: usize, c: usize) -> String {
        let (a, c) = snap_drag(d, a, c);
        d.slice(a.min(c), a.max(c)).unwrap_or_default().to_owned()
    }

    #[test]
    fn drags_snap_to_the_nearest_word_boundary() {
        let d = doc("Prime minister Habib Essid said, and Lotfi Azzouz, of Amnesty.");
        // From inside "Habib" to one char into "said".
        let habib = 15;
        assert_eq!(drag(&d, habib + 2, 28), "Habib Essid");
        // …and three chars into "said": the word is taken.
        assert_eq!(drag(&d, habib + 2, 30), "Habib Essid said");
        // Backwards.
        assert_eq!(drag(&d, 30, habib + 2), "Habib Essid said");
        // A drag inside one word keeps that word.
        assert_eq!(drag(&d, habib + 1, habib + 2), "Habib");
        // Non-Latin words and hyphens.
        let d = doc("گفت مریم رجوی و Eboe-Osuji’s report");
        assert_eq!(drag(&d, 5, 12), "مریم رجوی");
        assert_eq!(drag(&d, 17, 25), "Eboe-Osuji’s");
        assert_eq!(drag(&d, 17, 23), "Eboe-");
    }

    #[test]
    fn mentions_lose_punctuation_and_quotes_at_their_ends() {
        let d = doc("said “Lotfi Azzouz,” then");
        let (s, e) = trim_mention(&d, 5, 20);
        assert_eq!(d.slice(s, e), Some("Lotfi Azzouz"));
        let d = doc(" — ");
        assert_eq!(trim_mention(&d, 0, 3), (0, 0));
    }

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
