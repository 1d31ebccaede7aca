//! Char (Unicode scalar) offsets over UTF-8 text.
//!
//! Offsets everywhere in Dossier count Unicode scalar values, end-exclusive — the
//! unit of W3C Web Annotation and brat. Rust strings index by byte, so this module
//! converts, quickly even on book-length texts: [`CharIndex`] keeps the byte
//! offset of every 64th char, so a lookup walks at most 63 chars.

/// How many chars lie between two checkpoints of a [`CharIndex`].
const STRIDE: usize = 64;

/// Maps char offsets to byte offsets in one particular text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CharIndex {
    /// Number of chars in the text.
    char_len: usize,
    /// `checkpoints[k]` is the byte offset of char `k * STRIDE`; empty for ASCII text,
    /// where chars and bytes coincide.
    checkpoints: Vec<usize>,
}

impl CharIndex {
    /// Indexes `text` in one pass.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                char_len: text.len(),
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_len = 0;
        for (byte, _) in text.char_indices() {
            if char_len % STRIDE == 0 {
                checkpoints.push(byte);
            }
            char_len += 1;
        }
        Self {
            char_len,
            checkpoints,
        }
    }

    /// Number of chars in the indexed text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of char `char_pos` (`char_pos == char_len` gives the text's byte length).
    /// `None` past the end. `text` must be the text this index was built from.
    pub fn byte_of(&self, text: &str, char_pos: usize) -> Option<usize> {
        if char_pos > self.char_len {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(char_pos);
        }
        if char_pos == self.char_len {
            return Some(text.len());
        }
        let base = *self.checkpoints.get(char_pos / STRIDE)?;
        let rest = char_pos % STRIDE;
        let tail = text.get(base..)?;
        tail.char_indices().nth(rest).map(|(b, _)| base + b)
    }

    /// Char offset of byte `byte_pos`, which must lie on a char boundary of `text`.
    pub fn char_of(&self, text: &str, byte_pos: usize) -> Option<usize> {
        if !text.is_char_boundary(byte_pos) {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(byte_pos);
        }
        // The last checkpoint at or before byte_pos.
        let k = self
            .checkpoints
            .partition_point(|&b| b <= byte_pos)
            .saturating_sub(1);
        let base = *self.checkpoints.get(k)?;
        Some(k * STRIDE + text.get(base..byte_pos)?.chars().count())
    }

    /// The text between two char offsets, or `None` when the range is out of bounds or reversed.
    pub fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        if start > end {
            return None;
        }
        let b0 = self.byte_of(text, start)?;
        let b1 = self.byte_of(text, end)?;
        text.get(b0..b1)
    }
}

/// Number of chars in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// The text between two char offsets of a short string (no index needed).
pub fn slice_chars(s: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut indices = s
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(s.len()));
    let b0 = indices.nth(start)?;
    let b1 = if end == start {
        b0
    } else {
        indices.nth(end - start - 1)?
    };
    s.get(b0..b1)
}

/// Replaces CRLF and lone CR with LF, the only line ending of canonical text.
pub fn normalize_newlines(s: &str) -> String {
    if !s.contains('\r') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `c` is part of a word, for word selection and whole-word search.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\'' || c == '’' || is_combining(c)
}

/// Combining marks belong to the letter before them (Persian, Arabic and Indic texts rely on them).
fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// The first `n` chars of `s` on one line (runs of white space folded to one space),
/// with an ellipsis if anything was cut. For labels, lists and messages.
pub fn short(s: &str, n: usize) -> String {
    let mut out = String::with_capacity(s.len().min(n * 4) + 3);
    let mut taken = 0;
    let mut words = s.split_whitespace().peekable();
    while let Some(w) = words.next() {
        for c in w.chars() {
            if taken == n {
                out.push('…');
                return out;
            }
            out.push(c);
            taken += 1;
        }
        if words.peek().is_some() {
            if taken == n {
                out.push('…');
                return out;
            }
            out.push(' ');
            taken += 1;
        }
    }
    out
}

/// `n` and a noun, singular or plural: "1 annotation", "3 annotations", "2 entities".
pub fn count(n: usize, singular: &str) -> String {
    if n == 1 {
        format!("1 {singular}")
    } else {
        format!("{n} {}", plural(singular))
    }
}

/// The plural of an English noun or label: "Person" → "People", "Entity" → "Entities",
/// "Claim" → "Claims"; a label already ending in "s" is kept.
pub fn plural(word: &str) -> String {
    const IRREGULAR: [(&str, &str); 2] = [("person", "people"), ("Person", "People")];
    if let Some((_, p)) = IRREGULAR.iter().find(|(s, _)| *s == word) {
        return (*p).to_owned();
    }
    let vowel_y = ["ay", "ey", "oy", "uy"].iter().any(|v| word.ends_with(v));
    if word.ends_with('s') || word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
        if word.ends_with("ss")
            || word.ends_with('x')
            || word.ends_with("ch")
            || word.ends_with("sh")
        {
            format!("{word}es")
        } else {
            word.to_owned()
        }
    } else if let Some(stem) = word.strip_suffix('y').filter(|_| !vowel_y) {
        format!("{stem}ies")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips_on_mixed_text() {
        let text = "Ab 🙂 فارسی é\u{301} ".repeat(40);
        let index = CharIndex::new(&text);
        assert_eq!(index.char_len(), text.chars().count());
        for (c, (b, _)) in text.char_indices().enumerate() {
            assert_eq!(index.byte_of(&text, c), Some(b));
            assert_eq!(index.char_of(&text, b), Some(c));
        }
        assert_eq!(index.byte_of(&text, index.char_len()), Some(text.len()));
        assert_eq!(index.byte_of(&text, index.char_len() + 1), None);
    }

    #[test]
    fn slices_by_chars() {
        let text = "Maryam Rajavi — مریم رجوی";
        let index = CharIndex::new(text);
        assert_eq!(index.slice(text, 16, 20), Some("مریم"));
        assert_eq!(slice_chars(text, 16, 20), Some("مریم"));
        assert_eq!(slice_chars(text, 3, 3), Some(""));
        assert_eq!(index.slice(text, 5, 4), None);
        assert_eq!(slice_chars(text, 0, 99), None);
    }

    #[test]
    fn short_folds_white_space_and_cuts_by_chars() {
        assert_eq!(short("  Maryam\n  Rajavi ", 40), "Maryam Rajavi");
        assert_eq!(short("مریم رجوی سخن گفت", 4), "مریم…");
        assert_eq!(short("abc def", 3), "abc…");
        assert_eq!(short("abc", 3), "abc");
        assert_eq!(short("", 3), "");
    }

    #[test]
    fn counts_and_plurals() {
        assert_eq!(count(1, "annotation"), "1 annotation");
        assert_eq!(count(0, "annotation"), "0 annotations");
        assert_eq!(count(2, "entity"), "2 entities");
        assert_eq!(plural("Person"), "People");
        assert_eq!(plural("Day"), "Days");
        assert_eq!(plural("Process"), "Processes");
        assert_eq!(plural("Claims"), "Claims");
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }
}
