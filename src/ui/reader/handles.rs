//! The selected annotation's handles: a bar at each end that the mouse drags to
//! widen or narrow the span (snapped to words unless Alt is held). The span moves
//! when the drag ends, as one `Command::Reshape` (one undo step; links stay).

use super::Reader;
use crate::commands::analyst;
use crate::model::{Annotation, Document, span};
use crate::ui::{Action, ViewCtx};
use egui::{Painter, Pos2, Rect, Stroke, Vec2};

/// Which end of an annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// Where it starts.
    Start,
    /// Where it ends.
    End,
}

/// Half the width of the area that grabs a handle, in points.
const GRAB: f32 = 5.0;

impl Reader {
    /// The screen rectangle of the caret position `pos` (a zero-width bar as tall as
    /// its row), if the paragraph holding it was drawn. `after` prefers the end of
    /// the unit that ends at `pos` over the start of the next.
    pub(super) fn caret_rect(&self, pos: usize, after: bool) -> Option<Rect> {
        let cache = self.cache.as_ref()?;
        let v = self.visible.iter().find(|v| {
            cache.paras.get(v.index).is_some_and(|p| {
                if after {
                    p.char_start < pos && pos <= p.char_end
                } else {
                    p.char_start <= pos && pos < p.char_end.max(p.char_start + 1)
                }
            })
        })?;
        let para = cache.paras.get(v.index)?;
        let local = pos - para.char_start;
        let r = match &v.bidi {
            Some(b) => b.caret_rect(&v.galley, local, after),
            None => v.galley.pos_from_cursor(egui::text::CCursor::new(local)),
        };
        Some(r.translate(v.origin.to_vec2()))
    }

    /// Where the selected annotation's handles are on screen.
    pub(super) fn handles(&self, a: &Annotation) -> Vec<(Edge, Rect)> {
        let (first, last) = (a.ranges().next(), a.ranges().last());
        [
            (
                Edge::Start,
                first.and_then(|(s, _)| self.caret_rect(s, false)),
            ),
            (Edge::End, last.and_then(|(_, e)| self.caret_rect(e, true))),
        ]
        .into_iter()
        .filter_map(|(edge, r)| r.map(|r| (edge, r)))
        .collect()
    }

    /// Paints the handles of the selected annotation (and where a dragged one is).
    pub(super) fn paint_handles(&self, painter: &Painter, a: &Annotation, color: egui::Color32) {
        for (edge, r) in self.handles(a) {
            let r = match self.handle_drag {
                Some((dragged, pos)) if dragged == edge => {
                    self.caret_rect(pos, edge == Edge::End).unwrap_or(r)
                }
                _ => r,
            };
            painter.line_segment([r.center_top(), r.center_bottom()], Stroke::new(2.0, color));
            let knob = match edge {
                Edge::Start => r.center_top(),
                Edge::End => r.center_bottom(),
            };
            painter.circle_filled(knob, 4.0, color);
        }
    }

    /// Starts a handle drag if the pointer went down on one; returns whether it did.
    pub(super) fn grab_handle(&mut self, press: Pos2, a: &Annotation) -> bool {
        let hit = self.handles(a).into_iter().find(|(_, r)| {
            r.expand2(Vec2::new(GRAB, 2.0)).contains(press)
                || r.center_top().distance(press) <= GRAB + 2.0
                || r.center_bottom().distance(press) <= GRAB + 2.0
        });
        match hit {
            Some((edge, _)) => {
                let pos = match edge {
                    Edge::Start => a.start,
                    Edge::End => a.end,
                };
                self.handle_drag = Some((edge, pos));
                true
            }
            None => false,
        }
    }

    /// Follows a handle drag to the char under the pointer.
    pub(super) fn drag_handle(&mut self, pointer: Pos2) {
        if let (Some((edge, _)), Some(c)) = (self.handle_drag, self.hit(pointer)) {
            self.handle_drag = Some((edge, c));
        }
    }

    /// Ends a handle drag: the annotation takes its new edge (snapped to the word
    /// boundary nearest the pointer unless `precise`).
    pub(super) fn drop_handle(
        &mut self,
        ctx: &ViewCtx<'_>,
        doc: &Document,
        a: &Annotation,
        precise: bool,
        actions: &mut Vec<Action>,
    ) {
        let Some((edge, pos)) = self.handle_drag.take() else {
            return;
        };
        let pos = if precise {
            pos
        } else {
            nearest_word_boundary(doc, pos)
        };
        let mut ranges: Vec<(usize, usize)> = a.ranges().collect();
        match edge {
            Edge::Start => {
                if let Some(first) = ranges.first_mut() {
                    first.0 = pos.min(first.1.saturating_sub(1));
                }
            }
            Edge::End => {
                if let Some(last) = ranges.last_mut() {
                    last.1 = pos.max(last.0 + 1);
                }
            }
        }
        match analyst::reshape(ctx.project, doc.id, a.id, &ranges) {
            Ok(c) => actions.push(Action::Edit(c)),
            Err(crate::commands::CommandError::Empty) => {}
            Err(e) => actions.push(Action::Error(format!("Could not move the edge: {e}"))),
        }
    }
}

/// The word boundary nearest `pos` (a position inside a word goes to whichever end
/// is closer).
fn nearest_word_boundary(doc: &Document, pos: usize) -> usize {
    let (s, e) = span::segment_at(doc, pos);
    let is_word = doc
        .slice(s, e)
        .is_some_and(|t| t.chars().any(char::is_alphanumeric));
    if !is_word || pos == s {
        pos
    } else if pos - s <= e - pos {
        s
    } else {
        e
    }
}
