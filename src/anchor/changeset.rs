//! Changes to a text as a list of operations, helix-style: retain `n` chars, delete
//! `n` chars, insert a string. A [`ChangeSet`] knows the length of the text it
//! applies to and of the text it gives, can be applied, inverted (given the text it
//! was made for) and composed with the next one, and maps char offsets of the old
//! text to the new one ([`ChangeSet::map_pos`]).
//!
//! Offsets are Unicode scalar (char) offsets, like everywhere in the model.

use crate::model::text::CharIndex;

/// One step of a change set, read left to right over the old text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operation {
    /// Keep the next `n` chars.
    Retain(usize),
    /// Drop the next `n` chars.
    Delete(usize),
    /// Insert a string here.
    Insert(String),
}

/// Which side a position sticks to when text is inserted exactly there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assoc {
    /// Stay before the inserted text (the end of a span: an insertion right after
    /// it does not extend it).
    Before,
    /// Move after the inserted text (the start of a span: an insertion right before
    /// it does not enter it).
    After,
}

/// Why a list of changes cannot make a change set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChangeError {
    /// A change is reversed, overlaps the one before, or leaves the text.
    #[error(
        "change {start}..{end} is reversed, overlaps another change or leaves the text ({len} chars)"
    )]
    BadRange {
        /// First char.
        start: usize,
        /// One past the last char.
        end: usize,
        /// Length of the text in chars.
        len: usize,
    },
}

/// A change to a text: operations covering the whole old text, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    ops: Vec<Operation>,
    /// Length in chars of the text this applies to.
    len: usize,
    /// Length in chars of the text it gives.
    len_after: usize,
}

impl ChangeSet {
    /// The change that keeps a text of `len` chars as it is.
    pub fn identity(len: usize) -> Self {
        let mut c = Self::default();
        c.retain(len);
        c
    }

    /// Replaces `start..end` of a text of `len` chars with `text` (empty: a deletion;
    /// `start == end`: an insertion).
    pub fn replace(len: usize, start: usize, end: usize, text: &str) -> Result<Self, ChangeError> {
        Self::from_changes(len, [(start, end, text)])
    }

    /// A change set from replacements `(start, end, text)` of a text of `len` chars,
    /// sorted and not overlapping (they may touch).
    pub fn from_changes<'a>(
        len: usize,
        changes: impl IntoIterator<Item = (usize, usize, &'a str)>,
    ) -> Result<Self, ChangeError> {
        let mut c = Self::default();
        let mut last = 0;
        for (start, end, text) in changes {
            if start < last || start > end || end > len {
                return Err(ChangeError::BadRange { start, end, len });
            }
            c.retain(start - last);
            c.insert(text);
            c.delete(end - start);
            last = end;
        }
        c.retain(len - last);
        Ok(c)
    }

    /// Appends: keep `n` chars.
    pub fn retain(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        self.len += n;
        self.len_after += n;
        if let Some(Operation::Retain(count)) = self.ops.last_mut() {
            *count += n;
        } else {
            self.ops.push(Operation::Retain(n));
        }
    }

    /// Appends: drop `n` chars.
    pub fn delete(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        self.len += n;
        if let Some(Operation::Delete(count)) = self.ops.last_mut() {
            *count += n;
        } else {
            self.ops.push(Operation::Delete(n));
        }
    }

    /// Appends: insert `text`. An insertion always comes before a deletion at the
    /// same place, so equal changes have equal operations.
    pub fn insert(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.len_after += text.chars().count();
        match self.ops.as_mut_slice() {
            [.., Operation::Insert(prev)] | [.., Operation::Insert(prev), Operation::Delete(_)] => {
                prev.push_str(text);
            }
            [.., last @ Operation::Delete(_)] => {
                let delete = std::mem::replace(last, Operation::Insert(text.to_owned()));
                self.ops.push(delete);
            }
            _ => self.ops.push(Operation::Insert(text.to_owned())),
        }
    }

    /// The operations, in order.
    pub fn ops(&self) -> &[Operation] {
        &self.ops
    }

    /// Length in chars of the text this applies to.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Length in chars of the text it gives.
    pub fn len_after(&self) -> usize {
        self.len_after
    }

    /// Whether it applies to the empty text and gives the empty text.
    pub fn is_empty(&self) -> bool {
        self.len == 0 && self.len_after == 0
    }

    /// Whether it changes nothing.
    pub fn is_identity(&self) -> bool {
        self.ops.iter().all(|op| matches!(op, Operation::Retain(_)))
    }

    /// The replacements it makes, `(start, end, text)` in old offsets, in order.
    pub fn changes(&self) -> Vec<(usize, usize, &str)> {
        let mut out = Vec::new();
        let mut pos = 0;
        let mut ops = self.ops.iter().peekable();
        while let Some(op) = ops.next() {
            match op {
                Operation::Retain(n) => pos += n,
                Operation::Delete(n) => {
                    out.push((pos, pos + n, ""));
                    pos += n;
                }
                Operation::Insert(s) => {
                    let n = match ops.peek() {
                        Some(Operation::Delete(n)) => {
                            ops.next();
                            *n
                        }
                        _ => 0,
                    };
                    out.push((pos, pos + n, s.as_str()));
                    pos += n;
                }
            }
        }
        out
    }

    /// The new text, or `None` if `text` is not `len` chars long. `index` must be
    /// `text`'s char index.
    pub fn apply(&self, text: &str, index: &CharIndex) -> Option<String> {
        if index.char_len() != self.len {
            return None;
        }
        let mut out = String::with_capacity(text.len() + self.inserted_bytes());
        let mut pos = 0;
        for op in &self.ops {
            match op {
                Operation::Retain(n) => {
                    out.push_str(index.slice(text, pos, pos + n)?);
                    pos += n;
                }
                Operation::Delete(n) => pos += n,
                Operation::Insert(s) => out.push_str(s),
            }
        }
        Some(out)
    }

    fn inserted_bytes(&self) -> usize {
        self.ops
            .iter()
            .map(|op| match op {
                Operation::Insert(s) => s.len(),
                _ => 0,
            })
            .sum()
    }

    /// The change that takes the new text back to `original` (the text this change
    /// set applies to; `index` is its char index). `None` if the lengths differ.
    pub fn invert(&self, original: &str, index: &CharIndex) -> Option<Self> {
        if index.char_len() != self.len {
            return None;
        }
        let mut inverse = Self::default();
        let mut pos = 0;
        for op in &self.ops {
            match op {
                Operation::Retain(n) => {
                    inverse.retain(*n);
                    pos += n;
                }
                Operation::Delete(n) => {
                    inverse.insert(index.slice(original, pos, pos + n)?);
                    pos += n;
                }
                Operation::Insert(s) => inverse.delete(s.chars().count()),
            }
        }
        Some(inverse)
    }

    /// The change set doing `self`, then `next` (which must apply to the text
    /// `self` gives); `None` if the lengths do not fit.
    pub fn compose(self, next: Self) -> Option<Self> {
        if self.len_after != next.len {
            return None;
        }
        let mut out = Self::default();
        let mut a_ops = self.ops.into_iter();
        let mut b_ops = next.ops.into_iter();
        let mut a = a_ops.next();
        let mut b = b_ops.next();
        loop {
            match (a.take(), b.take()) {
                (None, None) => break,
                (Some(Operation::Delete(n)), rest) => {
                    out.delete(n);
                    a = a_ops.next();
                    b = rest;
                }
                (rest, Some(Operation::Insert(s))) => {
                    out.insert(&s);
                    a = rest;
                    b = b_ops.next();
                }
                (None, Some(_)) | (Some(_), None) => return None,
                (Some(Operation::Retain(i)), Some(Operation::Retain(j))) => {
                    out.retain(i.min(j));
                    (a, b) = split_rest(i, j, Operation::Retain, &mut a_ops, &mut b_ops);
                }
                (Some(Operation::Retain(i)), Some(Operation::Delete(j))) => {
                    out.delete(i.min(j));
                    (a, b) = split_rest(i, j, Operation::Delete, &mut a_ops, &mut b_ops);
                }
                (Some(Operation::Insert(s)), Some(Operation::Retain(j))) => {
                    let n = s.chars().count();
                    if n <= j {
                        out.insert(&s);
                        a = a_ops.next();
                        b = if n < j {
                            Some(Operation::Retain(j - n))
                        } else {
                            b_ops.next()
                        };
                    } else {
                        let (kept, rest) = split_chars(&s, j);
                        out.insert(kept);
                        a = Some(Operation::Insert(rest.to_owned()));
                        b = b_ops.next();
                    }
                }
                (Some(Operation::Insert(s)), Some(Operation::Delete(j))) => {
                    // Inserted, then deleted again: nothing.
                    let n = s.chars().count();
                    if n <= j {
                        a = a_ops.next();
                        b = if n < j {
                            Some(Operation::Delete(j - n))
                        } else {
                            b_ops.next()
                        };
                    } else {
                        let (_, rest) = split_chars(&s, j);
                        a = Some(Operation::Insert(rest.to_owned()));
                        b = b_ops.next();
                    }
                }
            }
        }
        Some(out)
    }

    /// Where char offset `pos` of the old text is in the new one. Positions inside
    /// deleted text go to where the deletion was; a position inside replaced text
    /// goes before (`Before`) or after (`After`) the replacement, except at its very
    /// start, which stays at the start. A position past the end maps to the end.
    pub fn map_pos(&self, pos: usize, assoc: Assoc) -> usize {
        PositionMap::new(self).map(pos, assoc)
    }

    /// Whether the old range `start..end` lies inside one retained run, and if so
    /// the run's shift (new offset minus old offset). See [`PositionMap::retained_shift`].
    pub fn retained_shift(&self, start: usize, end: usize) -> Option<isize> {
        PositionMap::new(self).retained_shift(start, end, false, false)
    }
}

/// `a` and `b` after taking `min(i, j)` of two operations of lengths `i` and `j`:
/// the rest of the longer one, and the next operation of the other.
fn split_rest(
    i: usize,
    j: usize,
    b_kind: fn(usize) -> Operation,
    a_ops: &mut impl Iterator<Item = Operation>,
    b_ops: &mut impl Iterator<Item = Operation>,
) -> (Option<Operation>, Option<Operation>) {
    match i.cmp(&j) {
        std::cmp::Ordering::Less => (a_ops.next(), Some(b_kind(j - i))),
        std::cmp::Ordering::Equal => (a_ops.next(), b_ops.next()),
        std::cmp::Ordering::Greater => (Some(Operation::Retain(i - j)), b_ops.next()),
    }
}

/// `s` split after `n` chars.
fn split_chars(s: &str, n: usize) -> (&str, &str) {
    let at = s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
    s.split_at(at)
}

/// One operation with where it starts in the old and the new text.
#[derive(Clone, Copy, Debug)]
struct Segment {
    /// Where it starts in the old text.
    old: usize,
    /// Where it starts in the new text.
    new: usize,
    /// Chars of the old text it covers (0 for a pure insertion).
    old_len: usize,
    /// Chars it inserts (0 for a retain or a pure deletion).
    inserted: usize,
    /// Whether it keeps its chars.
    retain: bool,
    /// The last old position it decides for, plus one: a pure insertion decides
    /// only for its own position.
    claim_end: usize,
}

/// A change set's operations indexed for mapping positions in any order in
/// `O(log n)` each.
#[derive(Clone, Debug)]
pub struct PositionMap {
    segments: Vec<Segment>,
    len: usize,
    len_after: usize,
}

impl PositionMap {
    /// Indexes a change set.
    pub fn new(changes: &ChangeSet) -> Self {
        let mut segments = Vec::with_capacity(changes.ops.len());
        let (mut old, mut new) = (0, 0);
        let mut ops = changes.ops.iter().peekable();
        while let Some(op) = ops.next() {
            let seg = match op {
                Operation::Retain(n) => Segment {
                    old,
                    new,
                    old_len: *n,
                    inserted: 0,
                    retain: true,
                    claim_end: old + n,
                },
                Operation::Delete(n) => Segment {
                    old,
                    new,
                    old_len: *n,
                    inserted: 0,
                    retain: false,
                    claim_end: old + n,
                },
                Operation::Insert(s) => {
                    let deleted = match ops.peek() {
                        Some(Operation::Delete(n)) => {
                            ops.next();
                            *n
                        }
                        _ => 0,
                    };
                    Segment {
                        old,
                        new,
                        old_len: deleted,
                        inserted: s.chars().count(),
                        retain: false,
                        claim_end: old + deleted.max(1),
                    }
                }
            };
            old += seg.old_len;
            new += if seg.retain {
                seg.old_len
            } else {
                seg.inserted
            };
            segments.push(seg);
        }
        Self {
            segments,
            len: changes.len,
            len_after: changes.len_after,
        }
    }

    /// The segment deciding where `pos` goes (the first one claiming it).
    fn segment(&self, pos: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.claim_end <= pos);
        self.segments.get(i)
    }

    /// See [`ChangeSet::map_pos`].
    pub fn map(&self, pos: usize, assoc: Assoc) -> usize {
        let Some(s) = self.segment(pos) else {
            return self.len_after;
        };
        if s.retain {
            s.new + (pos - s.old)
        } else if pos == s.old && s.old_len > 0 {
            // At the very start of a deletion or replacement.
            s.new
        } else {
            match assoc {
                Assoc::Before => s.new,
                Assoc::After => s.new + s.inserted,
            }
        }
    }

    /// See [`ChangeSet::retained_shift`]. With `pinned_start`, the range is also
    /// measured from the very start of the text (a span's context clipped there),
    /// so nothing may be inserted before it; with `pinned_end`, likewise at the end.
    pub fn retained_shift(
        &self,
        start: usize,
        end: usize,
        pinned_start: bool,
        pinned_end: bool,
    ) -> Option<isize> {
        if start >= end {
            return None;
        }
        // The run holding `start` (text inserted right at `start` stays outside).
        let i = self
            .segments
            .partition_point(|s| s.old + s.old_len <= start);
        let s = self.segments.get(i)?;
        if !s.retain || end > s.old + s.old_len {
            return None;
        }
        if pinned_start && (s.old != 0 || s.new != 0) {
            return None;
        }
        if pinned_end && (s.old + s.old_len != self.len || s.new + s.old_len != self.len_after) {
            return None;
        }
        Some(s.new as isize - s.old as isize)
    }

    /// The new ranges that were inserted (pure insertions and replacements), in order.
    pub fn inserted_ranges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.segments
            .iter()
            .filter(|s| !s.retain && s.inserted > 0)
            .map(|s| (s.new, s.new + s.inserted))
    }

    /// Length of the old text.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the old text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::Operation::*;
    use super::*;

    fn set(ops: Vec<Operation>) -> ChangeSet {
        let mut c = ChangeSet::default();
        for op in ops {
            match op {
                Retain(n) => c.retain(n),
                Delete(n) => c.delete(n),
                Insert(s) => c.insert(&s),
            }
        }
        c
    }

    fn apply(c: &ChangeSet, text: &str) -> String {
        c.apply(text, &CharIndex::new(text)).unwrap()
    }

    #[test]
    fn composition_applies_both() {
        let a = set(vec![
            Retain(5),
            Insert(" test!".into()),
            Retain(1),
            Delete(2),
            Insert("abc".into()),
        ]);
        assert_eq!((a.len(), a.len_after()), (8, 15));
        let b = set(vec![Delete(10), Insert("世orld".into()), Retain(5)]);
        assert_eq!((b.len(), b.len_after()), (15, 10));
        let composed = a.compose(b).unwrap();
        assert_eq!(composed.len(), 8);
        assert_eq!(apply(&composed, "hello xz"), "世orld! abc");
    }

    #[test]
    fn inversion_gives_the_original_back() {
        let changes = set(vec![Retain(4), Insert("test".into()), Delete(5), Retain(3)]);
        let doc = "世界3 hello xz";
        let revert = changes.invert(doc, &CharIndex::new(doc)).unwrap();
        let doc2 = apply(&changes, doc);
        assert_ne!(changes, revert);
        assert_ne!(doc, doc2);
        assert_eq!(
            changes,
            revert.invert(&doc2, &CharIndex::new(&doc2)).unwrap()
        );
        assert_eq!(apply(&revert, &doc2), doc);
    }

    #[test]
    fn positions_map_through_insertions_deletions_and_replacements() {
        // Insertions.
        let cs = set(vec![Retain(4), Insert("!!".into()), Retain(4)]);
        assert_eq!(cs.map_pos(0, Assoc::Before), 0); // before the insertion
        assert_eq!(cs.map_pos(4, Assoc::Before), 4); // at it, tracking before
        assert_eq!(cs.map_pos(4, Assoc::After), 6); // at it, tracking after
        assert_eq!(cs.map_pos(5, Assoc::Before), 7); // after it
        assert_eq!(cs.map_pos(8, Assoc::Before), 10); // the end
        // Deletions.
        let cs = set(vec![Retain(4), Delete(4), Retain(4)]);
        assert_eq!(cs.map_pos(0, Assoc::Before), 0);
        assert_eq!(cs.map_pos(4, Assoc::Before), 4); // before the deletion
        assert_eq!(cs.map_pos(5, Assoc::Before), 4); // inside it
        assert_eq!(cs.map_pos(5, Assoc::After), 4);
        assert_eq!(cs.map_pos(8, Assoc::After), 4); // right after it
        assert_eq!(cs.map_pos(9, Assoc::After), 5);
        // Positions stay between neighbouring replacements (made by hand: the
        // builder would merge them into one).
        let cs = ChangeSet {
            ops: vec![
                Insert("ab".into()),
                Delete(2),
                Insert("cd".into()),
                Delete(2),
            ],
            len: 4,
            len_after: 4,
        };
        assert_eq!(cs.map_pos(2, Assoc::Before), 2);
        assert_eq!(cs.map_pos(2, Assoc::After), 2);
        // Inside a replacement: before or after it.
        let cs = set(vec![Retain(1), Insert("xyz".into()), Delete(3), Retain(1)]);
        assert_eq!(cs.map_pos(1, Assoc::After), 1, "the start stays");
        assert_eq!(cs.map_pos(2, Assoc::Before), 1);
        assert_eq!(cs.map_pos(2, Assoc::After), 4);
        assert_eq!(cs.map_pos(4, Assoc::Before), 4);
        // An insertion at the end.
        let cs = set(vec![Retain(3), Insert("!".into())]);
        assert_eq!(cs.map_pos(3, Assoc::Before), 3);
        assert_eq!(cs.map_pos(3, Assoc::After), 4);
    }

    #[test]
    fn changes_round_trip_through_from_changes() {
        let doc = "hello world!\ntest 123";
        let changes = [(6, 11, "void"), (12, 17, "")];
        let c = ChangeSet::from_changes(21, changes).unwrap();
        assert_eq!(apply(&c, doc), "hello void! 123");
        assert_eq!(c.changes(), changes.to_vec());
        // An empty replacement of nothing is no change at all.
        let c = ChangeSet::from_changes(21, [(1, 1, "")]).unwrap();
        assert!(c.is_identity());
        assert_eq!(
            ChangeSet::from_changes(21, [(6, 11, "a"), (8, 9, "b")]),
            Err(ChangeError::BadRange {
                start: 8,
                end: 9,
                len: 21
            })
        );
    }

    #[test]
    fn typed_characters_compose_into_one_insertion() {
        let mut text = String::new();
        let mut total = ChangeSet::identity(0);
        for (i, c) in "hello".chars().enumerate() {
            let step = ChangeSet::replace(i, i, i, &c.to_string()).unwrap();
            text = apply(&step, &text);
            total = total.compose(step).unwrap();
        }
        assert_eq!(text, "hello");
        assert_eq!(total.ops(), &[Insert("hello".into())]);
    }

    #[test]
    fn unicode_inserts_count_chars() {
        const TEXT: &str = "Hello, これはヘリックスエディターです！";
        let c = ChangeSet::identity(0)
            .compose(ChangeSet::replace(0, 0, 0, TEXT).unwrap())
            .unwrap();
        assert_eq!(c.ops(), &[Insert(TEXT.into())]);
        assert_eq!(c.len_after(), TEXT.chars().count());
    }

    #[test]
    fn retained_shift_only_inside_one_kept_run() {
        let cs = set(vec![Retain(4), Insert("!!".into()), Retain(4)]);
        let map = PositionMap::new(&cs);
        assert_eq!(map.retained_shift(1, 4, false, false), Some(0));
        assert_eq!(map.retained_shift(4, 8, false, false), Some(2));
        assert_eq!(map.retained_shift(0, 4, true, false), Some(0));
        assert_eq!(
            map.retained_shift(3, 5, false, false),
            None,
            "across the insertion"
        );
        let map = PositionMap::new(&set(vec![Insert("!".into()), Retain(4)]));
        assert_eq!(map.retained_shift(0, 2, false, false), Some(1));
        assert_eq!(
            map.retained_shift(0, 2, true, false),
            None,
            "an insertion at the start"
        );
        let map = PositionMap::new(&set(vec![Retain(4), Insert("!".into())]));
        assert_eq!(map.retained_shift(2, 4, false, false), Some(0));
        assert_eq!(
            map.retained_shift(2, 4, false, true),
            None,
            "an insertion at the end"
        );
    }
}
