//! What the reader keeps about the document between frames: its paragraphs, the
//! spans touching each paragraph, and paragraph heights. Paragraphs are split once
//! per document, spans re-indexed when the project changes, heights re-estimated
//! when the column width or the font size changes.

use super::layout::{self, Heights, Paragraph};
use crate::model::{Document, DocumentId};

/// Per-document caches of the reader.
pub(super) struct DocCache {
    /// The document they are for.
    pub doc: DocumentId,
    /// Its paragraphs (lines of the canonical text).
    pub paras: Vec<Paragraph>,
    /// For each paragraph, the indices of the annotations that touch it.
    pub spans: Vec<Vec<u32>>,
    /// The project revision `spans` were built for.
    spans_revision: u64,
    /// Paragraph heights, measured or estimated.
    pub heights: Heights,
}

/// The sizes the heights are estimated for.
#[derive(Clone, Copy, Debug)]
pub(super) struct Metrics {
    /// Width of the text column.
    pub column: f32,
    /// Height of one line.
    pub row_height: f32,
    /// Body font size.
    pub font_size: f32,
}

impl Metrics {
    fn estimate(&self, paras: &[Paragraph]) -> Heights {
        Heights::estimate(
            paras,
            self.column,
            self.row_height,
            self.font_size * 0.5,
            self.row_height * 0.5,
        )
    }
}

impl DocCache {
    /// Caches for a document seen for the first time.
    pub(super) fn new(doc: &Document, revision: u64, metrics: Metrics) -> Self {
        let paras = layout::paragraphs(doc);
        Self {
            doc: doc.id,
            spans: layout::spans_per_paragraph(doc, &paras),
            spans_revision: revision,
            heights: metrics.estimate(&paras),
            paras,
        }
    }

    /// Brings the caches up to date with the project and the layout; returns whether
    /// it had to start over (another document).
    pub(super) fn sync(
        slot: &mut Option<Self>,
        doc: &Document,
        revision: u64,
        metrics: Metrics,
    ) -> bool {
        match slot {
            Some(cache) if cache.doc == doc.id => {
                if cache.spans_revision != revision {
                    cache.spans = layout::spans_per_paragraph(doc, &cache.paras);
                    cache.spans_revision = revision;
                }
                if !cache.heights.matches(metrics.column, metrics.row_height) {
                    cache.heights = metrics.estimate(&cache.paras);
                }
                false
            }
            _ => {
                *slot = Some(Self::new(doc, revision, metrics));
                true
            }
        }
    }

    /// The paragraph holding char `pos`.
    pub(super) fn paragraph_at(&self, pos: usize) -> usize {
        layout::paragraph_at(&self.paras, pos)
    }
}
