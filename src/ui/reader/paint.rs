//! Painting highlights, the selection and the caret under a paragraph's text.

use super::bidi::BidiLayout;
use super::layout::Paragraph;
use crate::model::{Annotation, AnnotationId, Color, Document, SpanKey, TagSet};
use crate::ui::TextSelection;
use crate::ui::theme::{self, Page};
use egui::epaint::text::Galley;
use egui::{Color32, Painter, Pos2, Rect, Stroke, StrokeKind};

/// Screen rectangles covering chars `start..end` of a laid-out paragraph, one per row
/// (one per contiguous visual run in a bidirectional unit).
pub(super) fn range_rects(
    galley: &Galley,
    bidi: Option<&BidiLayout>,
    origin: Pos2,
    start: usize,
    end: usize,
) -> Vec<Rect> {
    if let Some(b) = bidi {
        return b.range_rects(galley, origin, start, end);
    }
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let row_end = row_start + n;
        let (s, e) = (start.max(row_start), end.min(row_end));
        if s < e {
            let x0 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(s - row_start));
            let x1 = row.pos.x + row.x_offset(egui::epaint::text::CharIndex(e - row_start));
            let r = Rect::from_min_max(
                Pos2::new(x0, row.pos.y),
                Pos2::new(x1, row.pos.y + row.height()),
            );
            rects.push(r.translate(origin.to_vec2()));
        }
        row_start = row_end;
        if row_start >= end {
            break;
        }
    }
    rects
}

/// A laid-out unit: its galley, and its bidirectional maps if it has any.
type Laid<'a> = (&'a Galley, Option<&'a BidiLayout>);

/// How a span is drawn in one paragraph.
pub(super) struct SpanPaint<'a> {
    /// The annotation.
    annotation: &'a Annotation,
    /// Its tag colour.
    color: Color,
    /// Chars of the paragraph it covers: one range, or one per fragment here.
    local: Vec<(usize, usize)>,
    /// Its lane: underlines of overlapping spans sit one above the other (0 =
    /// the lowest, drawn first).
    depth: usize,
}

/// The spans of one paragraph, outermost first, with their nesting depth.
pub(super) fn span_paints<'d>(
    doc: &'d Document,
    tags: &TagSet,
    keys: &[SpanKey],
    para: &Paragraph,
) -> Vec<SpanPaint<'d>> {
    let anns: Vec<_> = keys
        .iter()
        .filter_map(|&k| doc.annotations().by_key(k))
        .collect();
    // Each span gets a lane: the lowest not taken by a span it overlaps that came
    // before it (outer and earlier spans first). Nested spans stack upwards, and so
    // do spans that only partly overlap, so every underline stays visible.
    let mut order: Vec<&'d crate::model::Annotation> = anns;
    order.sort_by_key(|a| (a.start, std::cmp::Reverse(a.end), a.id));
    let mut out: Vec<SpanPaint<'d>> = Vec::with_capacity(order.len());
    for a in order {
        let taken: Vec<usize> = out
            .iter()
            .filter(|o| o.annotation.start < a.end && a.start < o.annotation.end)
            .map(|o| o.depth)
            .collect();
        let depth = (0..).find(|l| !taken.contains(l)).unwrap_or(0);
        out.push(SpanPaint {
            annotation: a,
            color: tags.get(&a.tag).map_or(Color([128, 128, 128]), |t| t.color),
            local: a
                .ranges()
                .map(|(s, e)| para.local(s, e))
                .filter(|(s, e)| s < e || para.is_blank())
                .collect(),
            depth,
        });
    }
    out.sort_by_key(|s| s.depth);
    out
}

/// Everything painted under and over one paragraph's text.
pub(super) struct ParagraphPaint<'a> {
    /// The paragraph.
    pub para: Paragraph,
    /// Its laid-out text.
    pub galley: &'a std::sync::Arc<Galley>,
    /// The maps of a bidirectional unit (its galley is in visual order).
    pub bidi: Option<&'a BidiLayout>,
    /// Where its top-left corner is on screen.
    pub origin: Pos2,
    /// Its spans.
    pub spans: Vec<SpanPaint<'a>>,
    /// The selected annotation, and how strongly it flashes (0 = not at all).
    pub selected: Option<(AnnotationId, f32)>,
    /// The text selection.
    pub selection: Option<TextSelection>,
    /// Whether the caret is shown (the reader has the keyboard).
    pub caret: bool,
    /// Find-bar matches, sorted by start.
    pub matches: &'a [(usize, usize)],
}

impl ParagraphPaint<'_> {
    /// Paints highlights, the selection, find matches, the text and the caret.
    pub(super) fn paint(&self, painter: &Painter, page: &Page, selection_color: Color32) {
        let (g, origin, para) = (self.galley, self.origin, &self.para);
        let bidi = self.bidi;
        let (selected, flash) = self.selected.unzip();
        spans(
            painter,
            page,
            (g, bidi),
            origin,
            &self.spans,
            selected,
            flash.unwrap_or(0.0),
        );
        if let Some(sel) = self.selection.filter(|s| !s.is_empty()) {
            let (s, e) = sel.range();
            if s < para.char_end && e > para.char_start {
                selection(
                    painter,
                    (g, bidi),
                    origin,
                    para.local(s, e),
                    selection_color,
                );
            }
        }
        let first = self.matches.partition_point(|m| m.1 <= para.char_start);
        for &(s, e) in self.matches[first..]
            .iter()
            .take_while(|m| m.0 < para.char_end)
        {
            find_match(painter, (g, bidi), origin, para.local(s, e), page.text);
        }
        painter.galley(origin, g.clone(), page.text);
        if self.caret
            && let Some(sel) = self.selection
            && (para.char_start..=para.char_end).contains(&sel.cursor)
        {
            caret(
                painter,
                (g, bidi),
                origin,
                sel.cursor - para.char_start,
                page.text,
            );
        }
    }
}

/// Paints tints (nested spans layer and darken), one underline per nesting level,
/// and an outline around the selected annotation.
fn spans(
    painter: &Painter,
    page: &Page,
    (galley, bidi): Laid<'_>,
    origin: Pos2,
    spans: &[SpanPaint<'_>],
    selected: Option<AnnotationId>,
    flash: f32,
) {
    for s in spans {
        let tint = theme::to_color32(s.color).gamma_multiply(page.tint_alpha);
        let line = page.strong(s.color);
        let is_selected = selected == Some(s.annotation.id);
        let rects = s
            .local
            .iter()
            .flat_map(|&(a, b)| range_rects(galley, bidi, origin, a, b));
        for r in rects {
            painter.rect_filled(r, 2.0, tint);
            // Underlines stack upwards with depth so a person inside a claim shows both.
            let y = r.bottom() - 1.0 - 3.0 * s.depth.min(3) as f32;
            painter.line_segment(
                [Pos2::new(r.left(), y), Pos2::new(r.right(), y)],
                Stroke::new(2.0, line),
            );
            if is_selected {
                painter.rect_stroke(
                    r.expand(1.0),
                    3.0,
                    Stroke::new(2.0, line),
                    StrokeKind::Outside,
                );
                if flash > 0.0 {
                    painter.rect_filled(r.expand(2.0), 3.0, line.gamma_multiply(0.45 * flash));
                }
            }
        }
    }
}

/// Paints the user's text selection (kept visible when focus moves elsewhere).
fn selection(
    painter: &Painter,
    (galley, bidi): Laid<'_>,
    origin: Pos2,
    local: (usize, usize),
    color: Color32,
) {
    for r in range_rects(galley, bidi, origin, local.0, local.1) {
        painter.rect_filled(r, 0.0, color);
    }
}

/// Paints the caret before char `local` of the paragraph.
fn caret(painter: &Painter, (galley, bidi): Laid<'_>, origin: Pos2, local: usize, color: Color32) {
    let r = match bidi {
        Some(b) => b.caret_rect(galley, local, false),
        None => galley.pos_from_cursor(egui::text::CCursor::new(local)),
    };
    let top = origin + r.min.to_vec2();
    painter.line_segment(
        [top, top + egui::vec2(0.0, r.height())],
        Stroke::new(1.5, color),
    );
}

/// Outlines a find-bar match.
fn find_match(
    painter: &Painter,
    (galley, bidi): Laid<'_>,
    origin: Pos2,
    local: (usize, usize),
    color: Color32,
) {
    for r in range_rects(galley, bidi, origin, local.0, local.1) {
        painter.rect_stroke(
            r,
            2.0,
            Stroke::new(1.5, color.gamma_multiply(0.7)),
            StrokeKind::Outside,
        );
    }
}
