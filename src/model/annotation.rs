//! Annotations: tagged spans of a document's canonical text.

use super::ids::{AnnotationId, EntityId};
use super::text::CharIndex;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many chars of context an annotation keeps on each side, for re-anchoring.
pub const CONTEXT_CHARS: usize = 32;

/// How well a claim stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum ClaimStatus {
    /// Not checked yet.
    #[default]
    Unverified,
    /// Supported by independent evidence.
    Corroborated,
    /// Contested by credible sources.
    Disputed,
    /// Shown to be false.
    False,
}

impl ClaimStatus {
    /// All statuses in display order.
    pub const ALL: [ClaimStatus; 4] = [
        ClaimStatus::Unverified,
        ClaimStatus::Corroborated,
        ClaimStatus::Disputed,
        ClaimStatus::False,
    ];

    /// Lower-case name used by the CLI and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimStatus::Unverified => "unverified",
            ClaimStatus::Corroborated => "corroborated",
            ClaimStatus::Disputed => "disputed",
            ClaimStatus::False => "false",
        }
    }

    /// Parses the lower-case name (any case accepted).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// What joins the texts of a discontinuous annotation's fragments in its quote.
pub const FRAGMENT_JOINER: &str = " … ";

/// One tagged span of a document.
///
/// `start`/`end` are Unicode scalar offsets into the document's canonical text,
/// end-exclusive. `quote`, `prefix` and `suffix` let the span be found again when
/// the article's text changes (W3C TextQuoteSelector style; see `crate::anchor`).
///
/// A discontinuous annotation ("the *Iranian* … *judiciary*") also lists its
/// `fragments`: two or more ranges, sorted and apart, the first starting at `start`
/// and the last ending at `end`; its quote is their texts joined by
/// [`FRAGMENT_JOINER`]. An annotation of one range leaves `fragments` empty (and is
/// written exactly as in version 1 of the file format).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Globally unique id.
    pub id: AnnotationId,
    /// Key of the tag in the project's tag set.
    pub tag: String,
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
    /// The fragments of a discontinuous annotation; empty for one range.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<(usize, usize)>,
    /// The exact text of the span (of its fragments, joined by [`FRAGMENT_JOINER`]).
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] chars before the span.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] chars after the span.
    #[serde(default)]
    pub suffix: String,
    /// The analyst's note (evidence, doubts…).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The entity this span mentions (people, events…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<EntityId>,
    /// Verification status, for claims.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ClaimStatus>,
    /// Who made the annotation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// When it was made.
    pub created: DateTime<Utc>,
    /// When it last changed.
    pub modified: DateTime<Utc>,
    /// How it was last re-anchored, when its text changed under it or it was found
    /// again in a new version by something less sure than its position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reanchored: Option<super::history::Reanchor>,
    /// Who last changed it, when that was not its author (empty: its author, or
    /// nobody since it was made). `author` stays who made the span.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub modified_by: String,
}

impl Annotation {
    /// Whether two versions of an annotation say the same: tag, ranges, note,
    /// entity and status. Stamps (who, when, re-anchoring) aside, and the quote and
    /// context, which follow from the ranges. Editing stamps a change only when this
    /// is false, and merging takes a side's version only then. Listing every field
    /// makes a new one a decision here, not an oversight.
    pub fn same_content(&self, other: &Annotation) -> bool {
        let Annotation {
            id: _,
            tag,
            start,
            end,
            fragments,
            quote: _,
            prefix: _,
            suffix: _,
            note,
            entity,
            status,
            author: _,
            created: _,
            modified: _,
            reanchored: _,
            modified_by: _,
        } = self;
        *tag == other.tag
            && *start == other.start
            && *end == other.end
            && *fragments == other.fragments
            && *note == other.note
            && *entity == other.entity
            && *status == other.status
    }

    /// A new annotation over `start..end` of `text`, with quote and context filled in.
    /// `None` if the range is empty or outside the text.
    pub fn new(
        text: &str,
        index: &CharIndex,
        tag: &str,
        start: usize,
        end: usize,
        author: &str,
    ) -> Option<Self> {
        if start >= end {
            return None;
        }
        let (b0, b1) = (index.byte_of(text, start)?, index.byte_of(text, end)?);
        let quote = text.get(b0..b1)?.to_owned();
        let (prefix, suffix) = context_at_bytes(text, b0, b1);
        let now = now();
        Some(Self {
            id: AnnotationId::new(),
            tag: tag.to_owned(),
            start,
            end,
            fragments: Vec::new(),
            quote,
            prefix,
            suffix,
            note: String::new(),
            entity: None,
            status: None,
            author: author.to_owned(),
            created: now,
            modified: now,
            reanchored: None,
            modified_by: String::new(),
        })
    }

    /// A discontinuous annotation over `fragments` of `text` (two or more ranges,
    /// sorted and apart; one range gives an ordinary annotation). `None` if the
    /// fragments are empty, overlap, touch, or leave the text.
    pub fn new_fragmented(
        text: &str,
        index: &CharIndex,
        tag: &str,
        fragments: &[(usize, usize)],
        author: &str,
    ) -> Option<Self> {
        if !fragments_are_valid(fragments, index.char_len()) {
            return None;
        }
        let (start, end) = (fragments.first()?.0, fragments.last()?.1);
        let mut a = Self::new(text, index, tag, start, end, author)?;
        if fragments.len() > 1 {
            a.fragments = fragments.to_vec();
            a.quote = quote_of(text, index, fragments)?;
        }
        Some(a)
    }

    /// The ranges the annotation covers: its fragments, or `start..end`.
    pub fn ranges(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let single = self.fragments.is_empty().then_some((self.start, self.end));
        single.into_iter().chain(self.fragments.iter().copied())
    }

    /// Whether char `c` lies in one of its ranges.
    pub fn covers(&self, c: usize) -> bool {
        self.ranges().any(|(s, e)| s <= c && c < e)
    }

    /// Whether it is split into fragments.
    pub fn is_discontinuous(&self) -> bool {
        !self.fragments.is_empty()
    }

    /// Length of the span in chars.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span is empty (never true of a valid annotation).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Who changed it last: `modified_by`, else its author.
    pub fn last_author(&self) -> &str {
        if self.modified_by.is_empty() {
            &self.author
        } else {
            &self.modified_by
        }
    }

    /// The stable sort key: start, then end, then id.
    pub fn sort_key(&self) -> (usize, usize, AnnotationId) {
        (self.start, self.end, self.id)
    }
}

/// Ranges sorted, empty ones dropped, overlapping or touching ones merged: the
/// fragments of one annotation (kept apart by at least one char), from any ranges.
pub fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.retain(|(s, e)| s < e);
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Whether `fragments` are two or more non-empty ranges inside a text of `len`
/// chars, sorted and apart (a gap of at least one char between neighbours), or one
/// non-empty range.
pub fn fragments_are_valid(fragments: &[(usize, usize)], len: usize) -> bool {
    !fragments.is_empty()
        && fragments.iter().all(|&(s, e)| s < e && e <= len)
        && fragments.windows(2).all(|w| w[0].1 < w[1].0)
}

/// The quote of some fragments of `text`: their texts joined by [`FRAGMENT_JOINER`].
pub fn quote_of(text: &str, index: &CharIndex, fragments: &[(usize, usize)]) -> Option<String> {
    let mut quote = String::new();
    for (i, &(s, e)) in fragments.iter().enumerate() {
        if i > 0 {
            quote.push_str(FRAGMENT_JOINER);
        }
        quote.push_str(index.slice(text, s, e)?);
    }
    Some(quote)
}

/// The current time, truncated to whole seconds so files stay short and diffs calm.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// Up to [`CONTEXT_CHARS`] chars before `start` and after `end`.
pub fn context(text: &str, index: &CharIndex, start: usize, end: usize) -> (String, String) {
    match (index.byte_of(text, start), index.byte_of(text, end)) {
        (Some(b0), Some(b1)) if b0 <= b1 => context_at_bytes(text, b0, b1),
        _ => Default::default(),
    }
}

/// Up to [`CONTEXT_CHARS`] chars before byte `b0` and after byte `b1` (both on char
/// boundaries): what [`context`] gives once the span's bytes are known, without
/// finding them again.
fn context_at_bytes(text: &str, b0: usize, b1: usize) -> (String, String) {
    let before = text.get(..b0).unwrap_or_default();
    let p0 = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(b, _)| b);
    let after = text.get(b1..).unwrap_or_default();
    let s1 = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(b, _)| b);
    (before[p0..].to_owned(), after[..s1].to_owned())
}
