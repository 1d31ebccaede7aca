//! Documents: an imported article's canonical text, its source and its annotations.

use super::annotation::Annotation;
use super::annotations::Annotations;
use super::ids::{AnnotationId, DocumentId};
use super::text::CharIndex;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Where a document came from. Every field is optional: a pasted text has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceMeta {
    /// The imported file's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// The article's canonical URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Byline / author(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// Publication date as the page gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Name of the site or outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// Format the article was imported from: `text`, `markdown` or `html`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// SHA-256 of the original file's bytes, lower-case hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The character encoding the file was decoded from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// When the article was imported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported: Option<DateTime<Utc>>,
    /// Anything the importer wants the analyst to know (e.g. a fallback was used).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import_note: Option<String>,
    /// For paged sources (PDF): the char offset in the text where each page begins,
    /// page 1 first. Non-decreasing: a page without text begins where the next one
    /// does. Empty for sources without pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_starts: Vec<usize>,
}

impl SourceMeta {
    /// The 1-based page that the char at `offset` is on, for paged sources.
    pub fn page_at(&self, offset: usize) -> Option<usize> {
        if self.page_starts.is_empty() {
            return None;
        }
        let after = self.page_starts.partition_point(|&start| start <= offset);
        Some(after.max(1))
    }
}

/// One article of a project. Its text never changes after import; annotations do.
#[derive(Clone, Debug)]
pub struct Document {
    /// Unique id.
    pub id: DocumentId,
    /// Title shown in lists and above the text.
    pub title: String,
    /// Where the text came from.
    pub source: SourceMeta,
    text: String,
    index: OnceLock<CharIndex>,
    /// Kept sorted by [`Annotation::sort_key`]; changed only through the project's
    /// mutation methods, which keep its indexes in step.
    annotations: Annotations,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.title == other.title
            && self.source == other.source
            && self.text == other.text
            && self.annotations == other.annotations
    }
}

impl Document {
    /// A new document with no annotations.
    pub fn new(title: impl Into<String>, source: SourceMeta, text: impl Into<String>) -> Self {
        Self::with_annotations(
            DocumentId::new(),
            title.into(),
            source,
            text.into(),
            Vec::new(),
        )
    }

    /// A document as read from a file; annotations are sorted, not validated
    /// (see [`super::Project::validate`]).
    pub fn with_annotations(
        id: DocumentId,
        title: String,
        source: SourceMeta,
        text: String,
        annotations: Vec<Annotation>,
    ) -> Self {
        Self {
            id,
            title,
            source,
            text,
            index: OnceLock::new(),
            annotations: Annotations::from_vec(annotations),
        }
    }

    /// The canonical text (LF line endings).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The char-offset index of the text, built on first use.
    pub fn char_index(&self) -> &CharIndex {
        self.index.get_or_init(|| CharIndex::new(&self.text))
    }

    /// Length of the text in chars.
    pub fn char_len(&self) -> usize {
        self.char_index().char_len()
    }

    /// The text between two char offsets.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        self.char_index().slice(&self.text, start, end)
    }

    /// Annotations sorted by start, end, id.
    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    /// The annotation with this id.
    pub fn annotation(&self, id: AnnotationId) -> Option<&Annotation> {
        self.annotations.by_id(id)
    }

    /// The annotations, to change through the project's mutation methods.
    pub(super) fn annotations_mut(&mut self) -> &mut Annotations {
        &mut self.annotations
    }

    /// Why `a`'s ranges or quote do not fit this text, or `None` when they do: its
    /// fragments (if any) are two or more, sorted, apart, inside the text, and span
    /// `start..end`; its quote is the text they cover.
    pub fn range_problem(&self, a: &Annotation) -> Option<String> {
        let index = self.char_index();
        let len = index.char_len();
        if a.start >= a.end || a.end > len {
            return Some(format!(
                "offsets {}..{} are not a non-empty range inside the text ({len} chars)",
                a.start, a.end
            ));
        }
        let expected = if a.fragments.is_empty() {
            index.slice(&self.text, a.start, a.end).map(str::to_owned)
        } else {
            let spans_outer = a.fragments.first().map(|f| f.0) == Some(a.start)
                && a.fragments.last().map(|f| f.1) == Some(a.end);
            if a.fragments.len() < 2
                || !super::fragments_are_valid(&a.fragments, len)
                || !spans_outer
            {
                return Some(format!(
                    "fragments {:?} are not two or more sorted, separate ranges spanning {}..{}",
                    a.fragments, a.start, a.end
                ));
            }
            super::quote_of(&self.text, index, &a.fragments)
        };
        match expected {
            Some(text) if text == a.quote => None,
            Some(text) => Some(format!(
                "quote {:?} does not match the text at {}..{}, which reads {:?}",
                super::text::short(&a.quote, 60),
                a.start,
                a.end,
                super::text::short(&text, 60)
            )),
            None => Some(format!(
                "offsets {}..{} are not inside the text",
                a.start, a.end
            )),
        }
    }

    /// `start..end` without leading and trailing white space (empty when it is all white space).
    pub fn trim_span(&self, mut start: usize, mut end: usize) -> (usize, usize) {
        let index = self.char_index();
        let end_limit = end.min(index.char_len());
        end = end_limit;
        let Some(span) = index.slice(&self.text, start.min(end), end) else {
            return (start, start);
        };
        let lead = span.chars().take_while(|c| c.is_whitespace()).count();
        let trail = span.chars().rev().take_while(|c| c.is_whitespace()).count();
        start = start.min(end) + lead;
        end = end.saturating_sub(trail).max(start);
        (start, end)
    }

    /// Who stands behind the article, for naming it as a claim's speaker: its site,
    /// else its byline, else its URL's host; `None` when the source says nothing.
    pub fn outlet(&self) -> Option<String> {
        let s = &self.source;
        let host = || {
            s.url.as_deref().and_then(|u| {
                let rest = u.split_once("://").map_or(u, |(_, r)| r);
                rest.split(['/', '?', '#'])
                    .next()
                    .map(|h| h.trim_start_matches("www.").to_owned())
            })
        };
        [s.site_name.clone(), s.byline.clone()]
            .into_iter()
            .flatten()
            .map(|x| x.trim().to_owned())
            .find(|x| !x.is_empty())
            .or_else(host)
            .filter(|x| !x.is_empty())
    }

    /// Word count (whitespace-separated runs), for statistics.
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::SourceMeta;

    #[test]
    fn page_at_finds_the_page_of_an_offset() {
        let source = SourceMeta {
            page_starts: vec![0, 10, 10, 25],
            ..SourceMeta::default()
        };
        assert_eq!(source.page_at(0), Some(1));
        assert_eq!(source.page_at(9), Some(1));
        assert_eq!(source.page_at(10), Some(3));
        assert_eq!(source.page_at(30), Some(4));
        assert_eq!(SourceMeta::default().page_at(3), None);
    }
}
