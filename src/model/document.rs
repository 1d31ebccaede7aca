//! Documents: an imported article's canonical text, its source and its annotations.

use super::annotation::Annotation;
use super::annotations::Annotations;
use super::history::{Orphan, TextVersion};
use super::ids::{AnnotationId, DocumentId};
use super::text::CharIndex;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

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

    /// The pages chars `start..end` lie on, for citing: "4", or "4–5" across a page
    /// break (`None` for sources without pages).
    pub fn pages_of(&self, start: usize, end: usize) -> Option<String> {
        let first = self.page_at(start)?;
        let last = self.page_at(end.saturating_sub(1).max(start))?;
        Some(if first == last {
            first.to_string()
        } else {
            format!("{first}–{last}")
        })
    }
}

/// A document's text with everything tied to its offsets — annotations, orphans,
/// the history of earlier versions, and the source (whose page starts are offsets
/// too) — moved in and out as one when the text changes.
#[derive(Clone, Debug, Default)]
pub struct DocumentContents {
    /// The canonical text.
    pub text: String,
    /// Its annotations.
    pub annotations: Annotations,
    /// Annotations that lost their text, sorted by [`Orphan::sort_key`].
    pub orphans: Vec<Orphan>,
    /// Earlier versions of the text, oldest first.
    pub history: Vec<TextVersion>,
    /// Where the text came from.
    pub source: SourceMeta,
}

/// Numbers each text a document is given, so views can tell when a text changed
/// without comparing it (see [`Document::text_revision`]).
static TEXT_REVISIONS: AtomicU64 = AtomicU64::new(1);

fn next_text_revision() -> u64 {
    TEXT_REVISIONS.fetch_add(1, Ordering::Relaxed)
}

/// One article of a project: its canonical text, annotations over it, and what is
/// left of earlier versions. The text can change — the analyst trims or corrects
/// it, or a new version of the article is imported (see `crate::anchor`) — and
/// then its annotations are mapped or re-anchored onto the new text, or become
/// orphans; the old text is remembered in [`Document::history`].
#[derive(Clone, Debug)]
pub struct Document {
    /// Unique id.
    pub id: DocumentId,
    /// Title shown in lists and above the text.
    pub title: String,
    /// Where the text came from.
    pub source: SourceMeta,
    text: String,
    /// The char index of `text`; reset whenever the text changes.
    index: OnceLock<CharIndex>,
    /// Which text this is (not part of the value: equal texts may differ here).
    text_revision: u64,
    /// Kept sorted by [`Annotation::sort_key`]; changed only through the project's
    /// mutation methods, which keep its indexes in step.
    annotations: Annotations,
    /// Annotations whose text is gone, sorted by [`Orphan::sort_key`].
    orphans: Vec<Orphan>,
    /// Earlier versions of the text, oldest first.
    history: Vec<TextVersion>,
}

impl PartialEq for Document {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.title == other.title
            && self.source == other.source
            && self.text == other.text
            && self.annotations == other.annotations
            && self.orphans == other.orphans
            && self.history == other.history
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
            text_revision: next_text_revision(),
            annotations: Annotations::from_vec(annotations),
            orphans: Vec::new(),
            history: Vec::new(),
        }
    }

    /// The document with these orphans (sorted here) and earlier versions (oldest
    /// first), as read from a file.
    pub fn with_history(mut self, mut orphans: Vec<Orphan>, history: Vec<TextVersion>) -> Self {
        orphans.sort_by_key(Orphan::sort_key);
        self.orphans = orphans;
        self.history = history;
        self
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

    /// Annotations whose text is gone, oldest orphan first.
    pub fn orphans(&self) -> &[Orphan] {
        &self.orphans
    }

    /// The orphan with this annotation id.
    pub fn orphan(&self, id: AnnotationId) -> Option<&Orphan> {
        self.orphans.iter().find(|o| o.annotation.id == id)
    }

    /// Earlier versions of the text, oldest first.
    pub fn history(&self) -> &[TextVersion] {
        &self.history
    }

    /// A number that changes whenever the text does (a new text, an edit, an undo
    /// of one), for views that cache what they derive from the text (paragraphs,
    /// search matches). Not part of the document's value.
    pub fn text_revision(&self) -> u64 {
        self.text_revision
    }

    /// Puts `contents` in place of the document's text, annotations, orphans,
    /// history and source, and returns the old ones. Callers keep the project's
    /// indexes in step (see [`super::Project`]'s mutation methods).
    pub(super) fn swap_contents(&mut self, mut contents: DocumentContents) -> DocumentContents {
        std::mem::swap(&mut self.text, &mut contents.text);
        std::mem::swap(&mut self.annotations, &mut contents.annotations);
        std::mem::swap(&mut self.orphans, &mut contents.orphans);
        std::mem::swap(&mut self.history, &mut contents.history);
        std::mem::swap(&mut self.source, &mut contents.source);
        self.orphans.sort_by_key(Orphan::sort_key);
        if self.text != contents.text {
            self.index = OnceLock::new();
            self.text_revision = next_text_revision();
        }
        contents
    }

    /// The text of earlier version `k` (`0` is the oldest of [`Document::history`]),
    /// rebuilt from the current text by undoing the later versions' changes, and
    /// checked against the version's hash; `None` if it cannot be rebuilt exactly.
    pub fn version_text(&self, k: usize) -> Option<String> {
        let target = self.history.get(k)?;
        let mut text = self.text.clone();
        for v in self.history[k..].iter().rev() {
            text = replace_ranges(&text, &v.restore)?;
        }
        (super::text_sha256(&text) == target.sha256).then_some(text)
    }

    /// Why `a`'s ranges or quote do not fit this text, or `None` when they do: its
    /// fragments (if any) are two or more, sorted, apart, inside the text, and span
    /// `start..end`; its quote is the text they cover.
    pub fn range_problem(&self, a: &Annotation) -> Option<String> {
        range_problem(&self.text, self.char_index(), a)
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

/// Why `a`'s ranges or quote do not fit `text` (whose char index is `index`), or
/// `None` when they do: its fragments (if any) are two or more, sorted, apart,
/// inside the text, and span `start..end`; its quote is the text they cover.
pub fn range_problem(text: &str, index: &CharIndex, a: &Annotation) -> Option<String> {
    let len = index.char_len();
    if a.start >= a.end || a.end > len {
        return Some(format!(
            "offsets {}..{} are not a non-empty range inside the text ({len} chars)",
            a.start, a.end
        ));
    }
    let expected = if a.fragments.is_empty() {
        index.slice(text, a.start, a.end).map(str::to_owned)
    } else {
        let spans_outer = a.fragments.first().map(|f| f.0) == Some(a.start)
            && a.fragments.last().map(|f| f.1) == Some(a.end);
        if a.fragments.len() < 2 || !super::fragments_are_valid(&a.fragments, len) || !spans_outer {
            return Some(format!(
                "fragments {:?} are not two or more sorted, separate ranges spanning {}..{}",
                a.fragments, a.start, a.end
            ));
        }
        super::quote_of(text, index, &a.fragments)
    };
    match expected {
        Some(t) if t == a.quote => None,
        Some(t) => Some(format!(
            "quote {:?} does not match the text at {}..{}, which reads {:?}",
            super::text::short(&a.quote, 60),
            a.start,
            a.end,
            super::text::short(&t, 60)
        )),
        None => Some(format!(
            "offsets {}..{} are not inside the text",
            a.start, a.end
        )),
    }
}

/// `text` with the char ranges `(start, end)` replaced, sorted and apart.
fn replace_ranges(text: &str, changes: &[(usize, usize, String)]) -> Option<String> {
    let index = CharIndex::new(text);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end, with) in changes {
        if *start < last || start > end {
            return None;
        }
        out.push_str(index.slice(text, last, *start)?);
        out.push_str(with);
        last = *end;
    }
    out.push_str(index.slice(text, last, index.char_len())?);
    Some(out)
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
        assert_eq!(source.pages_of(2, 9).as_deref(), Some("1"));
        assert_eq!(source.pages_of(8, 12).as_deref(), Some("1–3"));
        assert_eq!(source.pages_of(24, 25).as_deref(), Some("3"));
        assert_eq!(source.pages_of(25, 26).as_deref(), Some("4"));
        assert_eq!(SourceMeta::default().pages_of(0, 3), None);
    }
}
