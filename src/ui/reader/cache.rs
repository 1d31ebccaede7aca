//! What the reader keeps about the document between frames: its paragraphs, the
//! spans touching each paragraph, and paragraph heights. Paragraphs are split once
//! per document; span lists follow the editor's change log (an annotation added or
//! removed updates only the paragraphs it touches); heights are re-estimated when
//! the column width or the font size changes.

use super::bidi::BidiCache;
use super::layout::{self, Heights, Paragraph};
use crate::commands::{Change, ChangeLog};
use crate::model::{Document, DocumentId, SpanKey};

/// Per-document caches of the reader.
pub(super) struct DocCache {
    /// The document they are for.
    pub doc: DocumentId,
    /// Which text of it (paragraphs are split anew when the text changes).
    text_revision: u64,
    /// Its paragraphs (lines of the canonical text).
    pub paras: Vec<Paragraph>,
    /// For each paragraph, the keys of the annotations that touch it.
    pub spans: Vec<Vec<SpanKey>>,
    /// The change-log generation `spans` are up to date with.
    generation: u64,
    /// Paragraph heights, measured or estimated.
    pub heights: Heights,
    /// Layouts of the units holding right-to-left text.
    pub bidi: BidiCache,
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
    fn new(doc: &Document, generation: u64, metrics: Metrics) -> Self {
        let paras = layout::paragraphs(doc);
        Self {
            doc: doc.id,
            text_revision: doc.text_revision(),
            spans: layout::spans_per_paragraph(doc, &paras),
            generation,
            heights: metrics.estimate(&paras),
            paras,
            bidi: BidiCache::default(),
        }
    }

    /// Brings the caches up to date with the project and the layout; returns whether
    /// it had to start over (another document, or its text changed).
    pub(super) fn sync(
        slot: &mut Option<Self>,
        doc: &Document,
        changes: &ChangeLog,
        metrics: Metrics,
    ) -> bool {
        match slot {
            Some(cache) if cache.doc == doc.id && cache.text_revision == doc.text_revision() => {
                if cache.generation != changes.generation() {
                    cache.follow(doc, changes);
                }
                if !cache.heights.matches(metrics.column, metrics.row_height) {
                    cache.heights = metrics.estimate(&cache.paras);
                }
                false
            }
            _ => {
                *slot = Some(Self::new(doc, changes.generation(), metrics));
                true
            }
        }
    }

    /// Applies the changes since the caches' generation, or rebuilds the span lists
    /// when they cannot be followed.
    fn follow(&mut self, doc: &Document, changes: &ChangeLog) {
        let mut rebuild = false;
        match changes.since(self.generation) {
            None => rebuild = true,
            Some(list) => {
                for change in list {
                    match change {
                        Change::Added { doc: d, key } if *d == doc.id => {
                            layout::add_span(&mut self.spans, &self.paras, *key)
                        }
                        Change::Removed { doc: d, key } if *d == doc.id => {
                            layout::remove_span(&mut self.spans, &self.paras, *key)
                        }
                        Change::Structure => rebuild = true,
                        _ => {}
                    }
                }
            }
        }
        if rebuild {
            self.spans = layout::spans_per_paragraph(doc, &self.paras);
        }
        self.generation = changes.generation();
    }

    /// The paragraph holding char `pos`.
    pub(super) fn paragraph_at(&self, pos: usize) -> usize {
        layout::paragraph_at(&self.paras, pos)
    }
}
