//! Tokens for token-level measures: maximal runs of non-white-space characters, as
//! bratiaa splits text (Python's `\S+`).

use std::ops::Range;

/// Whether `c` separates tokens. Python's `\s` (what bratiaa uses) is Rust's
/// white space plus the four information separators U+001C–U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// A text's tokens as char ranges (end-exclusive), in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tokens {
    /// Each token's `(start, end)`.
    pub spans: Vec<(usize, usize)>,
    /// The text's length in chars.
    pub char_len: usize,
}

impl Tokens {
    /// Splits `text` into runs of non-white-space characters.
    pub fn of(text: &str) -> Self {
        let mut spans = Vec::with_capacity(text.len() / 6);
        let mut start = None;
        let mut n = 0;
        for c in text.chars() {
            match (is_space(c), start) {
                (true, Some(s)) => {
                    spans.push((s, n));
                    start = None;
                }
                (false, None) => start = Some(n),
                _ => {}
            }
            n += 1;
        }
        if let Some(s) = start {
            spans.push((s, n));
        }
        Self { spans, char_len: n }
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The indices of the tokens that share at least one char with `start..end`: a
    /// span that covers part of a token counts for the whole token, as in bratiaa.
    pub fn overlapping(&self, start: usize, end: usize) -> Range<usize> {
        let first = self.spans.partition_point(|&(_, e)| e <= start);
        let last = self.spans.partition_point(|&(s, _)| s < end);
        first..last.max(first)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_non_space_in_chars() {
        let t = Tokens::of("  Évin prison\u{a0}café\n\nx");
        assert_eq!(t.spans, vec![(2, 6), (7, 13), (14, 18), (20, 21)]);
        assert_eq!(t.char_len, 21);
        assert!(Tokens::of(" \n ").is_empty());
        assert_eq!(Tokens::of("a\u{1f}b").len(), 2);
    }

    #[test]
    fn overlapping_tokens_expand_partial_spans() {
        let t = Tokens::of("ab cd ef");
        assert_eq!(t.overlapping(0, 2), 0..1);
        assert_eq!(t.overlapping(1, 4), 0..2);
        assert_eq!(t.overlapping(2, 3), 1..1);
        assert_eq!(t.overlapping(2, 6), 1..2);
        assert_eq!(t.overlapping(5, 8), 2..3);
        assert_eq!(t.overlapping(0, 8), 0..3);
    }
}
