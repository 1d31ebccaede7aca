//! Finding one range of an old text in a new version of it: by position (the
//! range followed through the diff still reads the same), by its exact quote
//! with its full context, by its exact quote where enough context matches, then by
//! a fuzzy match of the text the diff maps it to.

use super::changeset::{Assoc, PositionMap};
use super::diff::similarity;
use super::spans::{at_word_boundary, trim, widen_to_words};
use crate::model::text::{CharIndex, short};
use crate::model::{AnchorMethod, CONTEXT_CHARS, merge_ranges};

/// A quote found only by itself (no full context) needs this much evidence: its
/// own length plus the chars of context that match, so a short common word is not
/// pinned on another occurrence, but a long quote or a quote with one side of its
/// context intact is found (a moved paragraph).
const MIN_EVIDENCE: usize = 32;

/// A fuzzy match must be at least this similar to the old quote (difflib's ratio).
pub(super) const FUZZY_MIN: f64 = 0.6;

/// How many chars of the new text one range's quote search may read, at most.
const SEARCH_BUDGET: usize = 8 << 20;

/// Where one old range went.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Found {
    /// Here, by this method.
    At {
        start: usize,
        end: usize,
        method: AnchorMethod,
    },
    /// Nowhere, for this reason.
    Lost(String),
}

/// The two versions and the diff between them.
pub(super) struct Versions<'a> {
    pub old: &'a str,
    pub old_index: &'a CharIndex,
    pub new: &'a str,
    pub new_index: &'a CharIndex,
    pub map: &'a PositionMap,
    /// The new text's inserted ranges, in chars, sorted.
    pub inserted: Vec<(usize, usize)>,
}

impl Versions<'_> {
    /// Where old range `start..end` is in the new text.
    pub(super) fn place(&self, start: usize, end: usize) -> Found {
        let Some(quote) = self.old_index.slice(self.old, start, end) else {
            return Found::Lost("its range is outside the old text".into());
        };
        let (s, e) = (
            self.map.map(start, Assoc::After),
            self.map.map(end, Assoc::Before),
        );
        if s < e && self.new_index.slice(self.new, s, e) == Some(quote) {
            return Found::At {
                start: s,
                end: e,
                method: AnchorMethod::Position,
            };
        }
        if let Some(found) = self.by_quote(start, end, quote, s.min(e)) {
            return found;
        }
        self.fuzzy(start, end, quote)
    }

    /// The exact quote near where it was or in inserted text: with its full
    /// context (`Context`), or with the most context if that is evidence enough.
    fn by_quote(&self, start: usize, end: usize, quote: &str, near: usize) -> Option<Found> {
        let qlen = end - start;
        let prefix = self
            .old_index
            .slice(self.old, start.saturating_sub(CONTEXT_CHARS), start)
            .unwrap_or_default();
        let suffix = self
            .old_index
            .slice(
                self.old,
                end,
                (end + CONTEXT_CHARS).min(self.old_index.char_len()),
            )
            .unwrap_or_default();
        let (plen, slen) = (prefix.chars().count(), suffix.chars().count());
        // (full context, context chars matched, distance, start)
        let mut best: Option<(bool, usize, usize, usize)> = None;
        for c in self.occurrences(quote, qlen, near) {
            let before = self
                .new_index
                .slice(self.new, c.saturating_sub(CONTEXT_CHARS), c)
                .unwrap_or_default();
            let after = self
                .new_index
                .slice(
                    self.new,
                    c + qlen,
                    (c + qlen + CONTEXT_CHARS).min(self.new_index.char_len()),
                )
                .unwrap_or_default();
            let pm = prefix
                .chars()
                .rev()
                .zip(before.chars().rev())
                .take_while(|(a, b)| a == b)
                .count();
            let sm = suffix
                .chars()
                .zip(after.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let full = pm == plen && sm == slen;
            let key = (full, pm + sm, c.abs_diff(near), c);
            let better = match best {
                None => true,
                Some(b) => {
                    (key.0, key.1, std::cmp::Reverse(key.2)) > (b.0, b.1, std::cmp::Reverse(b.2))
                }
            };
            if better {
                best = Some(key);
            }
        }
        let (full, matched, _, c) = best?;
        if full {
            return Some(Found::At {
                start: c,
                end: c + qlen,
                method: AnchorMethod::Context,
            });
        }
        (qlen + matched >= MIN_EVIDENCE).then_some(Found::At {
            start: c,
            end: c + qlen,
            method: AnchorMethod::Quote,
        })
    }

    /// Char offsets where `quote` occurs in the new text: near `near`, and in or
    /// next to inserted text (nearest first), within [`SEARCH_BUDGET`] chars.
    fn occurrences(&self, quote: &str, qlen: usize, near: usize) -> Vec<usize> {
        let len = self.new_index.char_len();
        let window = 256 + 2 * qlen;
        let mut regions = vec![(near.saturating_sub(window), (near + window).min(len))];
        // Inserted ranges, from the one nearest `near` outwards.
        let at = self.inserted.partition_point(|r| r.1 < near);
        let (mut left, mut right) = (at, at);
        let mut budget = SEARCH_BUDGET;
        loop {
            let pick = match (left.checked_sub(1), self.inserted.get(right)) {
                (Some(l), Some(r)) => {
                    let dl = near.saturating_sub(self.inserted[l].1);
                    let dr = r.0.saturating_sub(near);
                    if dl <= dr {
                        left = l;
                        self.inserted[l]
                    } else {
                        right += 1;
                        *r
                    }
                }
                (Some(l), None) => {
                    left = l;
                    self.inserted[l]
                }
                (None, Some(r)) => {
                    right += 1;
                    *r
                }
                (None, None) => break,
            };
            // A quote may straddle the edge of inserted text.
            let region = (pick.0.saturating_sub(qlen), (pick.1 + qlen).min(len));
            let size = region.1 - region.0;
            if size > budget {
                break;
            }
            budget -= size;
            regions.push(region);
        }
        let mut out = Vec::new();
        let finder = memchr::memmem::Finder::new(quote.as_bytes());
        for (s, e) in merge_ranges(regions) {
            let (Some(b0), Some(b1)) = (
                self.new_index.byte_of(self.new, s),
                self.new_index.byte_of(self.new, e),
            ) else {
                continue;
            };
            for hit in finder.find_iter(&self.new.as_bytes()[b0..b1]) {
                if let Some(c) = self.new_index.char_of(self.new, b0 + hit) {
                    out.push(c);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The text the diff maps the range to, if it is close enough to the quote.
    fn fuzzy(&self, start: usize, end: usize, quote: &str) -> Found {
        let tight = (
            self.map.map(start, Assoc::After),
            self.map.map(end, Assoc::Before),
        );
        let loose = (
            self.map.map(start, Assoc::Before),
            self.map.map(end, Assoc::After),
        );
        let qlen = end - start;
        let words_start = at_word_boundary(self.old, self.old_index, start);
        let words_end = at_word_boundary(self.old, self.old_index, end);
        let mut best: Option<(f64, usize, usize)> = None;
        for (s, e) in [tight, loose] {
            if s >= e {
                continue;
            }
            let (ws, we) = widen_to_words(self.new, self.new_index, s, e, CONTEXT_CHARS);
            let (s, e) = trim(
                self.new,
                self.new_index,
                if words_start { ws } else { s },
                if words_end { we } else { e },
            );
            if s >= e || e - s > 4 * qlen + 64 {
                continue;
            }
            let Some(text) = self.new_index.slice(self.new, s, e) else {
                continue;
            };
            let ratio = similarity(quote, text);
            if best.is_none_or(|b| ratio > b.0) {
                best = Some((ratio, s, e));
            }
        }
        if best.is_none_or(|b| b.0 < FUZZY_MIN)
            && let Some(found) = self.moved_and_changed(quote, qlen, tight.0.min(tight.1))
            && best.is_none_or(|b| found.0 > b.0)
        {
            best = Some(found);
        }
        match best {
            Some((ratio, s, e)) if ratio >= FUZZY_MIN => Found::At {
                start: s,
                end: e,
                method: AnchorMethod::Fuzzy,
            },
            Some((ratio, s, e)) => Found::Lost(format!(
                "its text changed too much: the closest text, “{}” (chars {s}–{e}), is only {:.0}% like it",
                short(self.new_index.slice(self.new, s, e).unwrap_or_default(), 40),
                ratio * 100.0
            )),
            None => Found::Lost("its text is not in the new version".into()),
        }
    }
}

impl Versions<'_> {
    /// Text that moved and changed: the diff maps the old range to nothing (it was
    /// deleted there and inserted, changed, elsewhere). Around each occurrence of
    /// the quote's longest word near its old place or in inserted text, the
    /// stretch of the quote's length (whole words) most like it, if any. Only for
    /// quotes of [`MIN_EVIDENCE`] chars or more: a short quote (a name) is too
    /// likely to be like another mention of the same thing.
    fn moved_and_changed(
        &self,
        quote: &str,
        qlen: usize,
        near: usize,
    ) -> Option<(f64, usize, usize)> {
        if qlen < MIN_EVIDENCE {
            return None;
        }
        let (offset, word) = longest_word(quote)?;
        let wlen = word.chars().count();
        let mut best: Option<(f64, usize, usize)> = None;
        let mut hits = self.occurrences(word, wlen, near);
        hits.sort_by_key(|c| c.abs_diff(near));
        for c in hits.into_iter().take(MOVED_CANDIDATES) {
            let Some(s) = c.checked_sub(offset) else {
                continue;
            };
            let e = (s + qlen).min(self.new_index.char_len());
            let (s, e) = widen_to_words(self.new, self.new_index, s, e, CONTEXT_CHARS);
            let (s, e) = trim(self.new, self.new_index, s, e);
            let Some(text) = self.new_index.slice(self.new, s, e) else {
                continue;
            };
            let ratio = similarity(quote, text);
            if best.is_none_or(|b| ratio > b.0) {
                best = Some((ratio, s, e));
            }
        }
        best
    }
}

/// How many occurrences of a moved quote's longest word are tried, nearest first.
const MOVED_CANDIDATES: usize = 64;

/// The longest word of `quote` (at least 4 chars) and its char offset in it.
fn longest_word(quote: &str) -> Option<(usize, &str)> {
    let mut best: Option<(usize, &str)> = None;
    let mut chars_before = 0;
    for w in quote.split_inclusive(|c: char| !crate::model::text::is_word_char(c)) {
        let word = w.trim_end_matches(|c: char| !crate::model::text::is_word_char(c));
        let n = word.chars().count();
        if n >= 4 && best.is_none_or(|b| n > b.1.chars().count()) {
            best = Some((chars_before, word));
        }
        chars_before += w.chars().count();
    }
    best
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::anchor::diff::diff;

    fn place(old: &str, new: &str, quote: &str) -> (Found, String) {
        let changes = diff(old, new);
        let map = PositionMap::new(&changes);
        let (oi, ni) = (CharIndex::new(old), CharIndex::new(new));
        let v = Versions {
            old,
            old_index: &oi,
            new,
            new_index: &ni,
            map: &map,
            inserted: map.inserted_ranges().collect(),
        };
        let b = old.find(quote).unwrap();
        let s = oi.char_of(old, b).unwrap();
        let found = v.place(s, s + quote.chars().count());
        let text = match &found {
            Found::At { start, end, .. } => ni.slice(new, *start, *end).unwrap().to_owned(),
            Found::Lost(_) => String::new(),
        };
        (found, text)
    }

    fn method(f: &Found) -> Option<AnchorMethod> {
        match f {
            Found::At { method, .. } => Some(*method),
            Found::Lost(_) => None,
        }
    }

    const OLD: &str = "First paragraph about the tribunal.\n\nEbrahim Raisi, then deputy prosecutor of Tehran, denied the massacre of 1988 in Tehran and other cities.\n\nThird.\n\nFourth.\n\nLast words here.\n";

    #[test]
    fn unchanged_text_is_found_by_position() {
        let new = format!("A new lead paragraph.\n\n{OLD}");
        let (f, text) = place(OLD, &new, "Ebrahim Raisi");
        assert_eq!(
            (method(&f), text.as_str()),
            (Some(AnchorMethod::Position), "Ebrahim Raisi")
        );
    }

    #[test]
    fn moved_text_is_found_by_its_quote_and_context() {
        let new = "First paragraph about the tribunal.\n\nThird.\n\nFourth.\n\nLast words here.\n\nEbrahim Raisi, then deputy prosecutor of Tehran, denied the massacre of 1988 in Tehran and other cities.\n";
        let (f, text) = place(OLD, new, "denied the massacre");
        assert_eq!(
            (method(&f), text.as_str()),
            (Some(AnchorMethod::Context), "denied the massacre")
        );
        // At the start of the moved paragraph only the suffix matches.
        let (f, text) = place(OLD, new, "Ebrahim Raisi");
        assert_eq!(
            (method(&f), text.as_str()),
            (Some(AnchorMethod::Quote), "Ebrahim Raisi")
        );
    }

    #[test]
    fn changed_words_are_found_by_a_fuzzy_match() {
        let new = OLD.replace(
            "Raisi, then deputy prosecutor of Tehran, denied the massacre",
            "Raeesi, then deputy prosecutor of Tehran, denied the killings",
        );
        let (f, text) = place(OLD, &new, "Ebrahim Raisi");
        assert_eq!(
            (method(&f), text.as_str()),
            (Some(AnchorMethod::Fuzzy), "Ebrahim Raeesi")
        );
        let (f, _) = place(OLD, &new, "the massacre of 1988");
        assert_eq!(method(&f), Some(AnchorMethod::Fuzzy));
    }

    #[test]
    fn moved_and_changed_text_is_found_around_its_longest_word() {
        let changed = "Ebrahim Raeesi, then deputy prosecutor of Tehran, denied the massacre of 1988 in Tehran and other cities.";
        let new = format!(
            "First paragraph about the tribunal.\n\nThird.\n\nFourth.\n\nLast words here.\n\n{changed}\n"
        );
        let (f, text) = place(OLD, &new, "Ebrahim Raisi, then deputy prosecutor");
        assert_eq!(
            (method(&f), text.as_str()),
            (
                Some(AnchorMethod::Fuzzy),
                "Ebrahim Raeesi, then deputy prosecutor"
            )
        );
        assert_eq!(longest_word("the 1988 massacre of"), Some((9, "massacre")));
        assert_eq!(longest_word("a b c"), None);
    }

    #[test]
    fn deleted_or_rewritten_text_is_lost_with_a_reason() {
        let new = OLD.replace("Ebrahim Raisi, then deputy prosecutor of Tehran, denied the massacre of 1988 in Tehran and other cities.\n\n", "");
        let (f, _) = place(OLD, &new, "Ebrahim Raisi");
        assert!(
            matches!(f, Found::Lost(ref r) if r.contains("not in the new version")),
            "{f:?}"
        );
        let new = OLD.replace("Ebrahim Raisi", "The president");
        let (f, _) = place(OLD, &new, "Ebrahim Raisi");
        assert!(
            matches!(f, Found::Lost(ref r) if r.contains("changed too much")),
            "{f:?}"
        );
    }
}
