//! The model's invariants, checked in one place.
//!
//! A project that breaks one is refused as a whole, with every violation named:
//! which document, which annotation, and why.

use super::ids::AnnotationId;
use super::{Document, Project, Target};
use std::collections::HashSet;
use std::fmt;

/// One broken invariant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The document concerned (`"title" (id)`), if any.
    pub document: Option<String>,
    /// The annotation concerned, if any.
    pub annotation: Option<AnnotationId>,
    /// What is wrong, in a plain sentence.
    pub reason: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(doc) = &self.document {
            write!(f, "document {doc}: ")?;
        }
        if let Some(id) = &self.annotation {
            write!(f, "annotation {id}: ")?;
        }
        f.write_str(&self.reason)
    }
}

/// Every violation found in a project.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct InvariantError {
    /// The violations, in file order.
    pub violations: Vec<Violation>,
}

/// How many violations a message lists before summarising the rest.
const SHOWN: usize = 20;

impl fmt::Display for InvariantError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(f, "{} found", super::text::count(n, "problem"))?;
        for v in self.violations.iter().take(SHOWN) {
            write!(f, "\n  - {v}")?;
        }
        if n > SHOWN {
            write!(f, "\n  … and {} more", n - SHOWN)?;
        }
        Ok(())
    }
}

fn doc_label(d: &Document) -> String {
    format!("\"{}\" ({})", d.title, d.id)
}

impl Project {
    /// Checks every invariant: unique ids, tags that exist, offsets inside the text
    /// (`start < end ≤ len`), quotes equal to the text they cover, page starts in order
    /// and inside the text, entity and relation references that resolve, no NUL in a
    /// text, no control character as a shortcut, conflict records that hold versions
    /// of their own subject.
    pub fn validate(&self) -> Result<(), InvariantError> {
        let mut out = Vec::new();
        let mut push =
            |document: Option<String>, annotation: Option<AnnotationId>, reason: String| {
                out.push(Violation {
                    document,
                    annotation,
                    reason,
                })
            };

        let mut tag_keys = HashSet::new();
        for t in &self.tags.tags {
            if t.key.trim().is_empty() {
                push(None, None, "a tag has an empty key".into());
            } else if !tag_keys.insert(t.key.as_str()) {
                push(None, None, format!("tag `{}` is defined twice", t.key));
            }
            if let Some(c) = t.shortcut
                && self
                    .tags
                    .tags
                    .iter()
                    .take_while(|o| o.key != t.key)
                    .any(|o| o.shortcut.is_some_and(|s| s.eq_ignore_ascii_case(&c)))
            {
                push(
                    None,
                    None,
                    format!("tag `{}` has the key {c}, which an earlier tag has", t.key),
                );
            }
            if let Some(c) = t.shortcut
                && c.is_control()
            {
                push(
                    None,
                    None,
                    format!(
                        "tag `{}` has the control character U+{:04X} as its shortcut; \
                         a shortcut is a key one can type",
                        t.key, c as u32
                    ),
                );
            }
        }
        let mut rel_keys = HashSet::new();
        for k in &self.relation_kinds {
            if !rel_keys.insert(k.key.as_str()) {
                push(
                    None,
                    None,
                    format!("relation kind `{}` is defined twice", k.key),
                );
            }
        }

        let mut entity_ids = HashSet::new();
        for e in &self.entities {
            if !entity_ids.insert(e.id) {
                push(None, None, format!("entity id {} is used twice", e.id));
            }
            if !tag_keys.contains(e.kind.as_str()) {
                push(
                    None,
                    None,
                    format!("entity \"{}\" has unknown kind `{}`", e.name, e.kind),
                );
            }
        }

        let mut doc_ids = HashSet::new();
        for d in &self.documents {
            if !doc_ids.insert(d.id) {
                push(Some(doc_label(d)), None, "document id is used twice".into());
            }
        }
        // Each document's own checks (quotes against the text are most of the work)
        // run in parallel; the results come back in document order.
        let per_document = crate::par::map(&self.documents, 16, |d| {
            document_problems(d, &tag_keys, &entity_ids)
        });
        for v in per_document.into_iter().flatten() {
            push(v.document, v.annotation, v.reason);
        }
        // The index keeps one entry per annotation id: fewer entries than
        // annotations means some id is used twice. Only then look for which.
        let total: usize = self.documents.iter().map(|d| d.annotations().len()).sum();
        if self.index_len() != total {
            let mut seen = HashSet::new();
            for d in &self.documents {
                for a in d.annotations() {
                    if !seen.insert(a.id) {
                        push(Some(doc_label(d)), Some(a.id), "id is used twice".into());
                    }
                }
            }
        }

        // An orphan comes back under its own id, so no other annotation may have it.
        let mut orphan_ids = HashSet::new();
        for d in &self.documents {
            for o in d.orphans() {
                let id = o.annotation.id;
                if self.document_of(id).is_some() || !orphan_ids.insert(id) {
                    push(
                        Some(doc_label(d)),
                        Some(id),
                        "an orphaned annotation has the id of another annotation".into(),
                    );
                }
            }
        }

        let mut relation_ids = HashSet::new();
        for r in &self.relations {
            if !relation_ids.insert(r.id) {
                push(None, None, format!("relation id {} is used twice", r.id));
            }
            if !rel_keys.contains(r.kind.as_str()) {
                push(
                    None,
                    None,
                    format!("relation {} has unknown kind `{}`", r.id, r.kind),
                );
            }
            for end in [r.from, r.to] {
                let ok = match end {
                    Target::Annotation(id) => self.document_of(id).is_some(),
                    Target::Entity(id) => entity_ids.contains(&id),
                    Target::Document(id) => doc_ids.contains(&id),
                };
                if !ok {
                    push(
                        None,
                        None,
                        format!("relation {} points to {end:?}, which does not exist", r.id),
                    );
                }
            }
        }

        for (i, c) in self.conflicts.iter().enumerate() {
            if let Some(reason) = c.problem() {
                push(None, None, format!("conflict {}: {reason}", i + 1));
            }
        }

        if out.is_empty() {
            Ok(())
        } else {
            Err(InvariantError { violations: out })
        }
    }
}

/// What is wrong inside one document: a NUL in its text, its page starts, and each
/// annotation's tag, offsets, quote and entity link.
fn document_problems(
    d: &Document,
    tag_keys: &HashSet<&str>,
    entity_ids: &HashSet<crate::model::EntityId>,
) -> Vec<Violation> {
    let mut out = Vec::new();
    let label = || Some(doc_label(d));
    let mut push = |annotation: Option<AnnotationId>, reason: String| {
        out.push(Violation {
            document: label(),
            annotation,
            reason,
        })
    };
    if let Some(byte) = d.text().find('\0') {
        let at = d.char_index().char_of(d.text(), byte).unwrap_or(0);
        push(
            None,
            format!("the text contains a NUL character (at char {at}); articles are text"),
        );
    }
    let index = d.char_index();
    let len = index.char_len();
    if let Some(reason) = page_starts_problem(&d.source.page_starts, len) {
        push(None, reason);
    }
    for a in d.annotations() {
        if !tag_keys.contains(a.tag.as_str()) {
            push(Some(a.id), format!("unknown tag `{}`", a.tag));
        }
        if let Some(reason) = d.range_problem(a) {
            push(Some(a.id), reason);
        }
        if let Some(e) = a.entity
            && !entity_ids.contains(&e)
        {
            push(
                Some(a.id),
                format!("links to entity {e}, which does not exist"),
            );
        }
    }
    out
}

/// What is wrong with a document's page starts, if anything: they must be
/// non-decreasing (a page without text begins where the next one does) and
/// within the text (`≤ len`).
fn page_starts_problem(starts: &[usize], len: usize) -> Option<String> {
    if let Some(i) = starts.windows(2).position(|w| w[0] > w[1]) {
        return Some(format!(
            "page starts are not in order: page {} begins at {} but page {} at {}",
            i + 1,
            starts[i],
            i + 2,
            starts[i + 1]
        ));
    }
    starts.iter().position(|&s| s > len).map(|i| {
        format!(
            "page {} begins at {}, past the end of the text ({len} chars)",
            i + 1,
            starts[i]
        )
    })
}

#[cfg(test)]
mod tests {
    use super::page_starts_problem;

    #[test]
    fn page_starts_must_be_in_order_and_inside_the_text() {
        assert_eq!(page_starts_problem(&[], 0), None);
        assert_eq!(page_starts_problem(&[0, 10, 10, 25], 25), None);
        assert!(page_starts_problem(&[0, 10, 5], 25).is_some_and(|r| r.contains("not in order")));
        assert!(page_starts_problem(&[0, 26], 25).is_some_and(|r| r.contains("past the end")));
    }
}
