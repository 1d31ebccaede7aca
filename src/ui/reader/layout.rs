//! What the reader knows about a document without laying it all out: where each
//! paragraph starts, which spans touch it, and how tall it is (measured or estimated).

use super::bidi::{self, BidiLayout};
use super::cache::{DocCache, Metrics};
use crate::model::{Document, SpanKey};
use egui::epaint::text::Galley;
use std::sync::Arc;

/// The longest piece of a line the reader lays out as one unit, in chars. A longer
/// line (a 50 MB article on one line, a pasted table) is cut into pieces at spaces,
/// stacked without a gap, so laying out what is visible stays bounded in time and
/// memory whatever the line's length.
pub const MAX_UNIT_CHARS: usize = 2_000;

/// One unit of layout: a line of the canonical text (the text split at `\n`), or a
/// piece of a long one (see [`MAX_UNIT_CHARS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Char offset of its first char in the document.
    pub char_start: usize,
    /// Char offset one past its last char (the `\n` is not part of it).
    pub char_end: usize,
    /// Byte range of its text in the document.
    pub byte_start: usize,
    /// End of the byte range.
    pub byte_end: usize,
}

impl Paragraph {
    /// Whether the line is empty (a paragraph break).
    pub fn is_blank(&self) -> bool {
        self.char_start == self.char_end
    }

    /// The part of `start..end` (document chars) inside this paragraph, in the
    /// paragraph's own char offsets.
    pub fn local(&self, start: usize, end: usize) -> (usize, usize) {
        (
            start.clamp(self.char_start, self.char_end) - self.char_start,
            end.clamp(self.char_start, self.char_end) - self.char_start,
        )
    }

    /// Its text.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.text()
            .get(self.byte_start..self.byte_end)
            .unwrap_or_default()
    }
}

/// Splits a document into paragraphs (lines, long ones in pieces of at most
/// [`MAX_UNIT_CHARS`], cut after a space when there is one), in one pass.
pub fn paragraphs(doc: &Document) -> Vec<Paragraph> {
    split_units(doc.text(), MAX_UNIT_CHARS)
}

fn split_units(text: &str, max: usize) -> Vec<Paragraph> {
    let mut out = Vec::new();
    // The unit being read, and the last place after a space where it could be cut.
    let (mut char_start, mut byte_start, mut chars) = (0, 0, 0);
    let mut cut: Option<(usize, usize)> = None;
    for (b, c) in text.char_indices() {
        if c == '\n' {
            out.push(Paragraph {
                char_start,
                char_end: chars,
                byte_start,
                byte_end: b,
            });
            char_start = chars + 1;
            byte_start = b + 1;
            cut = None;
        } else if chars - char_start >= max {
            let (cc, cb) = cut.filter(|&(cc, _)| cc > char_start).unwrap_or((chars, b));
            out.push(Paragraph {
                char_start,
                char_end: cc,
                byte_start,
                byte_end: cb,
            });
            char_start = cc;
            byte_start = cb;
            cut = None;
        }
        chars += 1;
        if c == ' ' {
            cut = Some((chars, b + 1));
        }
    }
    out.push(Paragraph {
        char_start,
        char_end: chars,
        byte_start,
        byte_end: text.len(),
    });
    out
}

/// The paragraph holding char `pos` (a position on a `\n` belongs to the line it ends).
pub fn paragraph_at(paras: &[Paragraph], pos: usize) -> usize {
    paras
        .partition_point(|p| p.char_end < pos)
        .min(paras.len().saturating_sub(1))
}

/// For every paragraph, the keys of the spans that overlap it, in the document's
/// order. Built in O(annotations + overlaps); kept up to date by [`add_span`] and
/// [`remove_span`], which touch only the paragraphs of one span.
pub fn spans_per_paragraph(doc: &Document, paras: &[Paragraph]) -> Vec<Vec<SpanKey>> {
    let mut out = vec![Vec::new(); paras.len()];
    for a in doc.annotations() {
        let key = a.sort_key();
        for p in paragraphs_of(paras, key) {
            if let Some(list) = out.get_mut(p) {
                list.push(key);
            }
        }
    }
    out
}

/// The paragraphs a span touches (a span over a blank line touches it too).
fn paragraphs_of(
    paras: &[Paragraph],
    (start, end, _): SpanKey,
) -> impl Iterator<Item = usize> + '_ {
    (paragraph_at(paras, start)..paras.len())
        .take_while(move |&p| paras[p].char_start < end)
        .filter(move |&p| start < paras[p].char_end.max(paras[p].char_start + 1))
}

/// Records a new span in the lists of the paragraphs it touches.
pub fn add_span(spans: &mut [Vec<SpanKey>], paras: &[Paragraph], key: SpanKey) {
    for p in paragraphs_of(paras, key) {
        if let Some(list) = spans.get_mut(p)
            && let Err(at) = list.binary_search(&key)
        {
            list.insert(at, key);
        }
    }
}

/// Drops a removed span from the lists of the paragraphs it touched.
pub fn remove_span(spans: &mut [Vec<SpanKey>], paras: &[Paragraph], key: SpanKey) {
    for p in paragraphs_of(paras, key) {
        if let Some(list) = spans.get_mut(p)
            && let Ok(at) = list.binary_search(&key)
        {
            list.remove(at);
        }
    }
}

/// Heights of paragraphs: measured once laid out, estimated before; and their
/// running sums, so the paragraph at a scroll position is found by binary search.
#[derive(Clone, Debug, Default)]
pub struct Heights {
    heights: Vec<f32>,
    measured: Vec<bool>,
    /// `tops[i]` is the y of paragraph `i`; `tops[n]` the total height.
    tops: Vec<f32>,
    stale: bool,
    /// The width and font size the measurements are for.
    key: (u32, u32),
}

impl Heights {
    /// Estimates every paragraph for a wrap width and row height.
    pub fn estimate(
        paras: &[Paragraph],
        width: f32,
        row_height: f32,
        char_width: f32,
        blank: f32,
    ) -> Self {
        let per_row = (width / char_width.max(1.0)).max(1.0);
        let heights: Vec<f32> = paras
            .iter()
            .map(|p| {
                if p.is_blank() {
                    blank
                } else {
                    ((p.char_end - p.char_start) as f32 / per_row)
                        .ceil()
                        .max(1.0)
                        * row_height
                }
            })
            .collect();
        let mut h = Self {
            measured: vec![false; heights.len()],
            heights,
            tops: Vec::new(),
            stale: true,
            key: (width.to_bits(), row_height.to_bits()),
        };
        h.refresh();
        h
    }

    /// Whether these heights were made for this width and row height.
    pub fn matches(&self, width: f32, row_height: f32) -> bool {
        self.key == (width.to_bits(), row_height.to_bits())
    }

    /// Records a measured height; returns whether it changed the layout.
    pub fn measure(&mut self, i: usize, h: f32) -> bool {
        match (self.heights.get_mut(i), self.measured.get_mut(i)) {
            (Some(old), Some(m)) => {
                *m = true;
                if (*old - h).abs() > 0.01 {
                    *old = h;
                    self.stale = true;
                    true
                } else {
                    false
                }
            }
            _ => false,
        }
    }

    /// Recomputes the running sums if a height changed.
    pub fn refresh(&mut self) {
        if !self.stale {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
        self.stale = false;
    }

    /// The y of paragraph `i`.
    pub fn top(&self, i: usize) -> f32 {
        self.tops.get(i).copied().unwrap_or_else(|| self.total())
    }

    /// Height of paragraph `i`.
    pub fn height(&self, i: usize) -> f32 {
        self.heights.get(i).copied().unwrap_or(0.0)
    }

    /// Total height of the document.
    pub fn total(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at height `y`.
    pub fn index_at(&self, y: f32) -> usize {
        self.tops
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
            .min(self.heights.len().saturating_sub(1))
    }
}

/// A unit laid out this frame.
pub(super) struct Laid {
    /// Which unit.
    pub index: usize,
    /// Its galley (in visual order for a bidirectional unit).
    pub galley: Arc<Galley>,
    /// The maps of a bidirectional unit between its galley and its chars.
    pub bidi: Option<Arc<BidiLayout>>,
}

/// Lays out the paragraphs inside `viewport`, recording their measured heights.
/// When a measurement corrects an estimate the visible range shifts, so this
/// repeats (a few times at most; egui caches the galleys).
pub(super) fn lay_out_visible(
    ui: &egui::Ui,
    doc: &Document,
    cache: &mut DocCache,
    viewport: egui::Rect,
    metrics: Metrics,
    color: egui::Color32,
) -> Vec<Laid> {
    let font = egui::FontId::proportional(metrics.font_size);
    cache.heights.refresh();
    let mut laid: Vec<Laid> = Vec::new();
    for _ in 0..4 {
        laid.clear();
        let mut changed = false;
        let mut i = cache.heights.index_at(viewport.min.y);
        while i < cache.paras.len() && cache.heights.top(i) < viewport.max.y {
            let para = cache.paras[i];
            if !para.is_blank() {
                let text = para.text(doc);
                let format = egui::TextFormat {
                    font_id: font.clone(),
                    color,
                    line_height: Some(metrics.row_height),
                    ..Default::default()
                };
                let (galley, bidi) = if bidi::needs_bidi(text) {
                    let key = (
                        metrics.column.to_bits(),
                        metrics.font_size.to_bits(),
                        metrics.row_height.to_bits(),
                        color.to_array(),
                        ui.ctx().pixels_per_point().to_bits(),
                    );
                    let layout = cache.bidi.get_or_build(key, i, || {
                        ui.fonts_mut(|f| BidiLayout::build(f, text, &format, metrics.column))
                    });
                    let g = ui.fonts_mut(|f| f.layout_job(layout.job()));
                    (g, Some(layout))
                } else {
                    let mut job = egui::text::LayoutJob::single_section(text.to_owned(), format);
                    job.wrap.max_width = metrics.column;
                    (ui.fonts_mut(|f| f.layout_job(job)), None)
                };
                changed |= cache.heights.measure(i, galley.size().y);
                laid.push(Laid {
                    index: i,
                    galley,
                    bidi,
                });
            }
            i += 1;
        }
        if !changed {
            break;
        }
        cache.heights.refresh();
    }
    laid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, SourceMeta};

    #[test]
    fn paragraphs_and_spans_by_char_offsets() {
        let text = "Rajavi 🙂 spoke.\n\nمریم رجوی here\nend";
        let bare = Document::new("t", SourceMeta::default(), text);
        let a = Annotation::new(bare.text(), bare.char_index(), "person", 0, 6, "").expect("a");
        let b = Annotation::new(bare.text(), bare.char_index(), "claim", 7, 26, "").expect("b");
        let doc = Document::with_annotations(
            bare.id,
            bare.title.clone(),
            SourceMeta::default(),
            text.into(),
            vec![a, b],
        );
        let paras = paragraphs(&doc);
        assert_eq!(paras.len(), 4);
        assert_eq!(paras[0].text(&doc), "Rajavi 🙂 spoke.");
        assert!(paras[1].is_blank());
        assert_eq!(paras[2].text(&doc), "مریم رجوی here");
        assert_eq!(paras[2].char_start, 17);
        assert_eq!(paragraph_at(&paras, 17), 2);
        let spans = spans_per_paragraph(&doc, &paras);
        let keys: Vec<SpanKey> = doc.annotations().iter().map(|a| a.sort_key()).collect();
        assert_eq!(spans[0], vec![keys[0], keys[1]]);
        assert_eq!(
            spans[1],
            vec![keys[1]],
            "a span over a blank line touches it"
        );
        assert_eq!(spans[2], vec![keys[1]]);
        assert!(spans[3].is_empty());
    }

    #[test]
    fn adding_and_removing_spans_in_place_matches_a_rebuild() {
        let text = "One para.\n\nTwo paras here.\nThree.\n\nFour, the last.";
        let bare = Document::new("t", SourceMeta::default(), text);
        let spans_of = |ranges: &[(usize, usize)]| {
            let anns = ranges
                .iter()
                .map(|&(s, e)| {
                    Annotation::new(bare.text(), bare.char_index(), "claim", s, e, "").expect("a")
                })
                .collect();
            Document::with_annotations(
                bare.id,
                "t".into(),
                SourceMeta::default(),
                text.into(),
                anns,
            )
        };
        let all = spans_of(&[(0, 3), (4, 20), (11, 13), (27, 40), (0, 48)]);
        let paras = paragraphs(&all);
        let full = spans_per_paragraph(&all, &paras);
        let mut grown = spans_per_paragraph(&spans_of(&[]), &paras);
        for a in all.annotations() {
            add_span(&mut grown, &paras, a.sort_key());
        }
        assert_eq!(grown, full);
        for a in all.annotations() {
            remove_span(&mut grown, &paras, a.sort_key());
        }
        assert!(grown.iter().all(Vec::is_empty));
    }

    #[test]
    fn long_lines_are_cut_into_units_after_spaces() {
        let text = "aaaa bbbb cccc\nx\n\nyyyyyyyyyy";
        let units = split_units(text, 6);
        let pieces: Vec<&str> = units
            .iter()
            .map(|u| &text[u.byte_start..u.byte_end])
            .collect();
        assert_eq!(
            pieces,
            vec!["aaaa ", "bbbb ", "cccc", "x", "", "yyyyyy", "yyyy"]
        );
        // The units cover the text with no gap inside a line and the `\n` between lines.
        for w in units.windows(2) {
            assert!(w[1].char_start == w[0].char_end || w[1].char_start == w[0].char_end + 1);
        }
        let long = "word ".repeat(100_000);
        let units = split_units(&long, MAX_UNIT_CHARS);
        assert!(
            units.len() >= 250
                && units
                    .iter()
                    .all(|u| u.char_end - u.char_start <= MAX_UNIT_CHARS + 1)
        );
        let mixed = "é🙂 ".repeat(3000);
        for u in split_units(&mixed, 100) {
            assert!(mixed.is_char_boundary(u.byte_start) && mixed.is_char_boundary(u.byte_end));
            assert_eq!(
                mixed[u.byte_start..u.byte_end].chars().count(),
                u.char_end - u.char_start
            );
        }
    }

    #[test]
    fn heights_find_paragraphs_by_y() {
        let doc = Document::new("t", SourceMeta::default(), "aaaa\n\nbbbbbbbb\ncc");
        let paras = paragraphs(&doc);
        let mut h = Heights::estimate(&paras, 40.0, 10.0, 10.0, 5.0);
        assert_eq!(h.total(), 10.0 + 5.0 + 20.0 + 10.0);
        assert_eq!(h.index_at(0.0), 0);
        assert_eq!(h.index_at(12.0), 1);
        assert_eq!(h.index_at(16.0), 2);
        assert_eq!(h.index_at(1e9), 3);
        assert!(h.measure(2, 30.0));
        h.refresh();
        assert_eq!(h.top(3), 45.0);
    }
}
