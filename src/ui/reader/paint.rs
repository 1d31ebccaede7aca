//! Painting highlights, the selection and the caret under a paragraph's text.

use crate::model::Annotation;
use crate::ui::palette::{self, Page};
use egui::epaint::text::Galley;
use egui::{Color32, Painter, Pos2, Rect, Stroke, StrokeKind};

/// Screen rectangles covering chars `start..end` of a laid-out paragraph, one per row.
pub fn range_rects(galley: &Galley, origin: Pos2, start: usize, end: usize) -> Vec<Rect> {
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

/// How a span is drawn in one paragraph.
pub struct SpanPaint<'a> {
    /// The annotation.
    pub annotation: &'a Annotation,
    /// Its tag colour.
    pub color: crate::model::Color,
    /// Chars of the paragraph it covers.
    pub local: (usize, usize),
    /// How many other spans of the paragraph contain it (0 = outermost).
    pub depth: usize,
}

/// Paints tints (nested spans layer and darken), one underline per nesting level,
/// and an outline around the selected annotation.
pub fn spans(
    painter: &Painter,
    page: &Page,
    galley: &Galley,
    origin: Pos2,
    spans: &[SpanPaint<'_>],
    selected: Option<crate::model::AnnotationId>,
    flash: f32,
) {
    for s in spans {
        let tint = palette::to_color32(s.color).gamma_multiply(page.tint_alpha);
        let line = page.strong(s.color);
        let is_selected = selected == Some(s.annotation.id);
        for r in range_rects(galley, origin, s.local.0, s.local.1) {
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
pub fn selection(
    painter: &Painter,
    galley: &Galley,
    origin: Pos2,
    local: (usize, usize),
    color: Color32,
) {
    for r in range_rects(galley, origin, local.0, local.1) {
        painter.rect_filled(r, 0.0, color);
    }
}

/// Paints the caret before char `local` of the paragraph.
pub fn caret(painter: &Painter, galley: &Galley, origin: Pos2, local: usize, color: Color32) {
    let r = galley.pos_from_cursor(egui::text::CCursor::new(local));
    let top = origin + r.min.to_vec2();
    painter.line_segment(
        [top, top + egui::vec2(0.0, r.height())],
        Stroke::new(1.5, color),
    );
}

/// Outlines a find-bar match.
pub fn find_match(
    painter: &Painter,
    galley: &Galley,
    origin: Pos2,
    local: (usize, usize),
    color: Color32,
) {
    for r in range_rects(galley, origin, local.0, local.1) {
        painter.rect_stroke(
            r,
            2.0,
            Stroke::new(1.5, color.gamma_multiply(0.7)),
            StrokeKind::Outside,
        );
    }
}
