//! A new version of an article: the text is replaced and every annotation is
//! re-anchored onto it, or orphaned with the reason.

use super::changeset::{Assoc, PositionMap};
use super::diff::diff;
use super::reanchor::{Found, Versions};
use super::spans::{placed_at, shift_of};
use super::write::orphan;
use super::{HistoryStep, TextChange, TextError};
use crate::model::text::{CharIndex, normalize_newlines, short};
use crate::model::{
    AnchorMethod, Annotation, AnnotationId, Document, DocumentId, Project, Reanchor, SourceMeta,
    TextVersion, VersionKind, merge_ranges, text_sha256,
};
use chrono::{DateTime, Utc};

/// One annotation re-anchored by something less sure than its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reanchored {
    /// Which annotation.
    pub id: AnnotationId,
    /// How it was found.
    pub method: AnchorMethod,
    /// Its quote before.
    pub was: String,
    /// Its quote now.
    pub now: String,
    /// Its new first char.
    pub start: usize,
    /// Its new end.
    pub end: usize,
}

/// What an update did to the annotations: every one is counted once, by the
/// method that re-anchored it, or listed as orphaned.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateReport {
    /// How many were re-anchored by each method, in the order of [`AnchorMethod::ALL`].
    pub counts: [usize; 4],
    /// The ones re-anchored by context, quote or fuzzy match (the ones to check).
    pub moved: Vec<Reanchored>,
    /// The ones orphaned: id, quote and reason.
    pub orphaned: Vec<(AnnotationId, String, String)>,
}

impl UpdateReport {
    /// How many were re-anchored by `method`.
    pub fn count(&self, method: AnchorMethod) -> usize {
        AnchorMethod::ALL
            .iter()
            .position(|m| *m == method)
            .map_or(0, |i| self.counts[i])
    }

    /// How many were re-anchored, by any method.
    pub fn reanchored(&self) -> usize {
        self.counts.iter().sum()
    }

    /// One line: "12 re-anchored (10 by position, 2 by a fuzzy match), 1 orphaned".
    pub fn summary(&self) -> String {
        let parts: Vec<String> = AnchorMethod::ALL
            .iter()
            .filter(|m| self.count(**m) > 0)
            .map(|m| format!("{} {}", self.count(*m), m.describe()))
            .collect();
        let mut s = format!("{} re-anchored", self.reanchored());
        if !parts.is_empty() {
            s.push_str(&format!(" ({})", parts.join(", ")));
        }
        s.push_str(&format!(", {} orphaned", self.orphaned.len()));
        s
    }

    fn add(&mut self, method: AnchorMethod) {
        if let Some(i) = AnchorMethod::ALL.iter().position(|m| *m == method) {
            self.counts[i] += 1;
        }
    }
}

/// The change replacing document `doc`'s text with `new_text` (a new version of
/// the article, e.g. re-imported), every annotation re-anchored onto it or
/// orphaned, and what happened to each. `source` is the new version's source
/// (`None`: the old one, its page starts mapped onto the new text). The old text
/// goes into the document's history.
pub fn update_text(
    p: &Project,
    doc: DocumentId,
    new_text: &str,
    source: Option<SourceMeta>,
) -> Result<(TextChange, UpdateReport), TextError> {
    let d = p.document(doc).ok_or(TextError::NoDocument(doc))?;
    update_document(d, new_text, source, crate::model::now())
}

/// [`update_text`] on a document, dated `date`.
pub(super) fn update_document(
    d: &Document,
    new_text: &str,
    source: Option<SourceMeta>,
    date: DateTime<Utc>,
) -> Result<(TextChange, UpdateReport), TextError> {
    let new_text = normalize_newlines(new_text);
    if new_text.contains('\0') {
        return Err(TextError::Nul);
    }
    if new_text == d.text() {
        return Err(TextError::Unchanged);
    }
    let changes = diff(d.text(), &new_text);
    let map = PositionMap::new(&changes);
    let new_index = CharIndex::new(&new_text);
    let versions = Versions {
        old: d.text(),
        old_index: d.char_index(),
        new: &new_text,
        new_index: &new_index,
        map: &map,
        inserted: map.inserted_ranges().collect(),
    };
    let mut report = UpdateReport::default();
    let mut placed = Vec::new();
    let mut orphaned = Vec::new();
    for a in d.annotations() {
        if shift_of(&map, a).is_some() {
            report.add(AnchorMethod::Position);
            continue;
        }
        match reanchor(a, &versions, date) {
            Ok((moved, method)) => {
                report.add(method);
                if method != AnchorMethod::Position {
                    report.moved.push(Reanchored {
                        id: a.id,
                        method,
                        was: a.quote.clone(),
                        now: moved.quote.clone(),
                        start: moved.start,
                        end: moved.end,
                    });
                }
                placed.push(moved);
            }
            Err(reason) => {
                report
                    .orphaned
                    .push((a.id, a.quote.clone(), reason.clone()));
                orphaned.push(orphan(a, reason, date));
            }
        }
    }
    let restore = changes
        .invert(d.text(), d.char_index())
        .map(|inverse| {
            inverse
                .changes()
                .into_iter()
                .map(|(s, e, t)| (s, e, t.to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let new_source = source.unwrap_or_else(|| {
        let mut s = d.source.clone();
        for p in &mut s.page_starts {
            *p = map.map(*p, Assoc::Before);
        }
        s
    });
    let change = TextChange {
        label: format!("Update “{}”", short(&d.title, 30)),
        changes,
        placed,
        orphaned,
        restored: Vec::new(),
        relations: Vec::new(),
        history: HistoryStep::Push(Box::new(TextVersion {
            kind: VersionKind::Update,
            date,
            sha256: text_sha256(d.text()),
            chars: d.char_len(),
            restore,
            source: Some(d.source.clone()),
            summary: report.summary(),
        })),
        source: Some(new_source),
    };
    Ok((change, report))
}

/// `a` re-anchored fragment by fragment, with the least sure method used; the
/// fragments not found are dropped (the annotation notes its old quote). `Err`
/// with the reason when none is found.
fn reanchor(
    a: &Annotation,
    v: &Versions<'_>,
    date: DateTime<Utc>,
) -> Result<(Annotation, AnchorMethod), String> {
    let mut ranges = Vec::new();
    let mut method = AnchorMethod::Position;
    let mut first_loss = None;
    let ranges_before: Vec<(usize, usize)> = a.ranges().collect();
    for &(s, e) in &ranges_before {
        match v.place(s, e) {
            Found::At {
                start,
                end,
                method: m,
            } => {
                ranges.push((start, end));
                if rank(m) > rank(method) {
                    method = m;
                }
            }
            Found::Lost(reason) => {
                first_loss.get_or_insert(reason);
            }
        }
    }
    let ranges = merge_ranges(ranges);
    if ranges.is_empty() {
        return Err(first_loss.unwrap_or_else(|| "its text is not in the new version".into()));
    }
    let mut moved = placed_at(a, &ranges, v.new, v.new_index)
        .ok_or_else(|| "its new place is outside the new text".to_owned())?;
    let lost_part = first_loss.is_some();
    if method != AnchorMethod::Position || moved.quote != a.quote || lost_part {
        moved.reanchored = Some(Reanchor {
            method,
            date,
            was: if moved.quote == a.quote {
                String::new()
            } else {
                a.quote.clone()
            },
        });
    }
    Ok((moved, method))
}

/// How sure a method is (lower is surer).
fn rank(m: AnchorMethod) -> usize {
    AnchorMethod::ALL.iter().position(|x| *x == m).unwrap_or(0)
}
