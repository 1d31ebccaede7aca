//! The diff of two versions of a text as a [`ChangeSet`], computed line by line,
//! then word by word inside changed lines, then char by char inside short changed
//! runs of words: fast on book-length texts (only changed paragraphs are looked at
//! closely) and precise where it matters (a corrected letter inside a name is a
//! one-char change, not a changed paragraph). Diffs are imara-diff's: histogram for
//! lines and words, Myers (with git's heuristics) for chars.

use super::changeset::ChangeSet;
use crate::model::text::is_word_char;
use imara_diff::{Algorithm, Diff, InternedInput};

/// Changed runs of words at most this long (in chars, each side) are diffed char by char.
const CHAR_DIFF_MAX: usize = 256;

/// How finely a changed run is compared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Lines,
    Words,
    Chars,
}

/// The change set taking `old` to `new`.
pub fn diff(old: &str, new: &str) -> ChangeSet {
    let mut out = ChangeSet::default();
    diff_tokens(&lines(old), &lines(new), Level::Lines, &mut out);
    out
}

/// `s` as lines, each with its line break and the blank lines after it: blank
/// lines between paragraphs are not tokens of their own, or they would pair an
/// old paragraph with whichever new one sits between the same blank lines (a
/// changed headline with a note inserted above it) instead of leaving both in one
/// changed run, where the word diff finds the headline's words again.
fn lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'\n', &bytes[i..]) {
        let mut end = i + at + 1;
        while bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        out.push(&s[start..end]);
        start = end;
        i = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// How alike two texts are: twice the chars they share in order, over their total
/// length (1 for equal texts, 0 for nothing in common; difflib's ratio).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (a_chars, b_chars) = (chars(a), chars(b));
    if a_chars.is_empty() && b_chars.is_empty() {
        return 1.0;
    }
    let mut input = InternedInput::default();
    input.update_before(a_chars.iter().copied());
    input.update_after(b_chars.iter().copied());
    let diff = Diff::compute(Algorithm::Myers, &input);
    let shared = a_chars.len() - diff.count_removals() as usize;
    2.0 * shared as f64 / (a_chars.len() + b_chars.len()) as f64
}

/// Appends to `out` the change from tokens `old` to tokens `new`, refining changed
/// runs at the next level.
fn diff_tokens(old: &[&str], new: &[&str], level: Level, out: &mut ChangeSet) {
    let mut input = InternedInput::default();
    input.update_before(old.iter().copied());
    input.update_after(new.iter().copied());
    let algorithm = if level == Level::Chars {
        Algorithm::Myers
    } else {
        Algorithm::Histogram
    };
    let diff = Diff::compute(algorithm, &input);
    let mut kept_from = 0;
    for hunk in diff.hunks() {
        let (b0, b1) = (hunk.before.start as usize, hunk.before.end as usize);
        let (a0, a1) = (hunk.after.start as usize, hunk.after.end as usize);
        out.retain(char_count(&old[kept_from..b0]));
        replace(&old[b0..b1], &new[a0..a1], level, out);
        kept_from = b1;
    }
    out.retain(char_count(&old[kept_from..]));
}

/// Appends the change of a changed run: refined at the next level when both
/// sides have something (and, for chars, are short), else a plain replacement.
fn replace(removed: &[&str], added: &[&str], level: Level, out: &mut ChangeSet) {
    let (old, new) = (removed.concat(), added.concat());
    let next = match level {
        _ if old.is_empty() || new.is_empty() => None,
        Level::Lines => Some(Level::Words),
        Level::Words
            if old.chars().count() <= CHAR_DIFF_MAX && new.chars().count() <= CHAR_DIFF_MAX =>
        {
            Some(Level::Chars)
        }
        Level::Words | Level::Chars => None,
    };
    match next {
        Some(Level::Words) => diff_tokens(&words(&old), &words(&new), Level::Words, out),
        Some(_) => diff_tokens(&chars(&old), &chars(&new), Level::Chars, out),
        None => {
            out.insert(&new);
            out.delete(old.chars().count());
        }
    }
}

fn char_count(tokens: &[&str]) -> usize {
    tokens.iter().map(|t| t.chars().count()).sum()
}

/// `s` as words, runs of white space, and single other chars.
fn words(s: &str) -> Vec<&str> {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if is_word_char(c) {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (i, c) in s.char_indices() {
        let k = class(c);
        if current.is_some_and(|cur| cur != k || k == Class::Other) {
            out.push(&s[start..i]);
            start = i;
        }
        current = Some(k);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `s` as single chars.
fn chars(s: &str) -> Vec<&str> {
    s.char_indices()
        .map(|(i, c)| &s[i..i + c.len_utf8()])
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::text::CharIndex;

    fn check(old: &str, new: &str) -> ChangeSet {
        let c = diff(old, new);
        assert_eq!(c.apply(old, &CharIndex::new(old)).unwrap(), new);
        c
    }

    #[test]
    fn the_diff_turns_the_old_text_into_the_new() {
        check("", "");
        check("", "new text\n");
        check("old text\n", "");
        check("a\nb\nc\n", "a\nc\nb\n");
        check(
            "Maryam Rajavy spoke.\n\nOthers listened.",
            "Maryam Rajavi spoke.\n\nOthers listened.",
        );
        check("مریم رجوی 🙂 سخن گفت", "مریم رجوی سخن گفت 🙂");
    }

    #[test]
    fn a_corrected_letter_is_a_one_char_change() {
        let c = check(
            "Para one.\n\nMaryam Rajavy spoke in Paris.\n\nPara three.\n",
            "Para one.\n\nMaryam Rajavi spoke in Paris.\n\nPara three.\n",
        );
        assert_eq!(c.changes(), vec![(23, 24, "i")]);
    }

    #[test]
    fn a_moved_paragraph_is_deleted_and_inserted() {
        let c = check(
            "A one.\n\nB two.\n\nC three.\n",
            "B two.\n\nC three.\n\nA one.\n",
        );
        assert!(c.changes().iter().any(|(_, _, t)| t.contains("A one.")));
    }

    #[test]
    fn lines_keep_the_blank_lines_after_them() {
        assert_eq!(lines("a\n\n\nb\nc"), vec!["a\n\n\n", "b\n", "c"]);
        assert_eq!(lines("\n\nx\n"), vec!["\n\n", "x\n"]);
        assert!(lines("").is_empty());
    }

    #[test]
    fn words_split_at_classes() {
        assert_eq!(
            words("Rajavi’s 1988, “massacre”  x"),
            vec![
                "Rajavi’s",
                " ",
                "1988",
                ",",
                " ",
                "“",
                "massacre",
                "”",
                "  ",
                "x"
            ]
        );
    }

    #[test]
    fn similarity_is_difflibs_ratio() {
        assert_eq!(similarity("abcd", "abcd"), 1.0);
        assert_eq!(similarity("abcd", "wxyz"), 0.0);
        assert!((similarity("Rajavi", "Radjavi") - 12.0 / 13.0).abs() < 1e-9);
    }
}
