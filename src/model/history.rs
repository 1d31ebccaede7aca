//! What a document remembers of its text changing: the earlier versions of its
//! text ([`TextVersion`]), the annotations that lost their text ([`Orphan`]), and,
//! on an annotation, how it was last re-anchored ([`Reanchor`]).
//!
//! An earlier version is kept as its SHA-256, date and length, plus the
//! replacements that turn the next version back into it (`restore`): the text
//! that changed, not a copy of the whole article, so that trimming boilerplate or
//! correcting a typo in a book costs a few bytes, and any earlier version can still
//! be rebuilt exactly (and checked against its hash) with [`super::Document::version_text`].

use super::annotation::Annotation;
use super::document::SourceMeta;
use super::entity::Relation;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How an annotation found its place in a new version of its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AnchorMethod {
    /// Its range, followed through the changes, still holds its quote (or, for an
    /// edit inside it, holds the edited quote).
    Position,
    /// Its exact quote, with its prefix and suffix, found elsewhere (moved text).
    Context,
    /// Its exact quote found where most of its context matches.
    Quote,
    /// Its changed text, found through the diff of the two versions and close
    /// enough to the old quote.
    Fuzzy,
}

impl AnchorMethod {
    /// Every method, from the surest to the least sure.
    pub const ALL: [AnchorMethod; 4] = [
        AnchorMethod::Position,
        AnchorMethod::Context,
        AnchorMethod::Quote,
        AnchorMethod::Fuzzy,
    ];

    /// A short name for reports: "position", "context", "quote", "fuzzy".
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorMethod::Position => "position",
            AnchorMethod::Context => "context",
            AnchorMethod::Quote => "quote",
            AnchorMethod::Fuzzy => "fuzzy",
        }
    }

    /// How an analyst reads it: "by position", "by its quote and context", …
    pub fn describe(self) -> &'static str {
        match self {
            AnchorMethod::Position => "by position",
            AnchorMethod::Context => "by its quote and context",
            AnchorMethod::Quote => "by its quote",
            AnchorMethod::Fuzzy => "by a fuzzy match",
        }
    }
}

/// The mark an annotation carries after its text changed under it or it was found
/// again by something less sure than its position, so the inspector can say so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reanchor {
    /// How it was placed.
    pub method: AnchorMethod,
    /// When.
    pub date: DateTime<Utc>,
    /// Its quote before, when the quote changed (empty otherwise).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub was: String,
}

/// An annotation whose text is gone from the document (deleted, or not found in
/// a new version). Kept, listed and restorable; never silently dropped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Orphan {
    /// The annotation as it was last anchored: its offsets, quote and context
    /// refer to the text it was orphaned from.
    pub annotation: Annotation,
    /// Why it lost its place, in a sentence.
    pub reason: String,
    /// When.
    pub date: DateTime<Utc>,
    /// The relations that pointed to it (a claim's speaker and subjects), put back
    /// when it is restored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
}

impl Orphan {
    /// The order of a document's orphans: when they were orphaned, then id.
    pub fn sort_key(&self) -> (DateTime<Utc>, super::AnnotationId) {
        (self.date, self.annotation.id)
    }
}

/// How a text changed into its next version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VersionKind {
    /// The analyst edited it (trimmed junk, corrected a typo).
    Edit,
    /// A new version of the article was imported.
    Update,
}

/// One earlier version of a document's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextVersion {
    /// What replaced it.
    pub kind: VersionKind,
    /// When it was replaced.
    pub date: DateTime<Utc>,
    /// SHA-256 of its text (lower-case hex).
    pub sha256: String,
    /// Its length in chars.
    pub chars: usize,
    /// The replacements `(start, end, text)`, in char offsets of the next version,
    /// sorted and apart, that give this version back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub restore: Vec<(usize, usize, String)>,
    /// Its source, when the next version came from another file (updates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceMeta>,
    /// What happened to the annotations, e.g. "12 re-anchored (10 by position, 2
    /// by a fuzzy match), 1 orphaned".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

/// SHA-256 of a text, lower-case hex (as `source.sha256` and `dossier agree` write it).
pub fn text_sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 15), 16).unwrap_or('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::text_sha256;

    #[test]
    fn hashes_like_sha256sum() {
        assert_eq!(
            text_sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
