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

/// One tagged span of a document.
///
/// `start`/`end` are Unicode scalar offsets into the document's canonical text,
/// end-exclusive. `quote`, `prefix` and `suffix` let the span be found again if the
/// article text changes (W3C TextQuoteSelector style).
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
    /// The exact text of the span.
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
}

impl Annotation {
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
        let quote = index.slice(text, start, end)?.to_owned();
        let (prefix, suffix) = context(text, index, start, end);
        let now = now();
        Some(Self {
            id: AnnotationId::new(),
            tag: tag.to_owned(),
            start,
            end,
            quote,
            prefix,
            suffix,
            note: String::new(),
            entity: None,
            status: None,
            author: author.to_owned(),
            created: now,
            modified: now,
        })
    }

    /// Length of the span in chars.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span is empty (never true of a valid annotation).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The stable sort key: start, then end, then id.
    pub fn sort_key(&self) -> (usize, usize, AnnotationId) {
        (self.start, self.end, self.id)
    }
}

/// The current time, truncated to whole seconds so files stay short and diffs calm.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// Up to [`CONTEXT_CHARS`] chars before `start` and after `end`.
pub fn context(text: &str, index: &CharIndex, start: usize, end: usize) -> (String, String) {
    let p0 = start.saturating_sub(CONTEXT_CHARS);
    let s1 = (end + CONTEXT_CHARS).min(index.char_len());
    let prefix = index.slice(text, p0, start).unwrap_or_default().to_owned();
    let suffix = index.slice(text, end, s1).unwrap_or_default().to_owned();
    (prefix, suffix)
}
