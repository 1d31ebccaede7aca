//! The reader: a document's text at a comfortable width, with highlights, mouse
//! and keyboard selection, and tagging keys. Only the visible paragraphs are laid
//! out and painted, so book-length documents scroll as fast as short ones.
//!
//! The parts: `cache` (paragraphs, spans and heights kept between frames),
//! [`layout`] (paragraph geometry and laying out the visible ones), `paint`
//! (highlights, selection, caret), `input` (mouse and keys), `bidi` and `shaping`
//! (right-to-left text: visual order, contextual letter forms, the maps back to
//! logical offsets), [`fonts`] (the bundled Arabic-script font); word moves and
//! snapping are `model::span`'s.

mod bidi;
mod cache;
pub mod fonts;
mod handles;
mod input;
pub mod layout;
mod menu;
mod paint;
mod shaping;

pub use bidi::{append_visual, bidi_field, needs_bidi, title_label, visual_label, wrapped_label};
pub use handles::Edge;

use super::{Action, ViewCtx};
use crate::model::{AnnotationId, Document};
use cache::{DocCache, Metrics};
use egui::epaint::text::Galley;
use egui::{EventFilter, Id, Pos2, Rect, Sense, Vec2};
use std::sync::Arc;

/// The widest the text column grows, in points: about 75 characters a line.
pub const MAX_COLUMN_WIDTH: f32 = 720.0;

/// The width of the reading column in a panel `available` points wide: room for
/// the scroll bar and a margin on each side, never wider than [`MAX_COLUMN_WIDTH`].
pub fn column_width(available: f32) -> f32 {
    (available - 64.0).clamp(120.0, MAX_COLUMN_WIDTH)
}

/// A paragraph laid out and drawn this frame, kept for hit-testing and caret moves.
struct Visible {
    index: usize,
    origin: Pos2,
    galley: Arc<Galley>,
    /// The maps of a unit holding right-to-left text (laid out in visual order).
    bidi: Option<Arc<bidi::BidiLayout>>,
}

/// Where to scroll on the next frame.
#[derive(Clone, Copy, Debug)]
enum ScrollRequest {
    /// Put this char at the top of the view (after the layout changed).
    Top(usize),
    /// Put this char a third of the way down the view.
    Reveal(usize),
    /// Scroll only as far as needed to show this char.
    Follow(usize),
}

/// The reader view's own state (not part of the project).
pub struct Reader {
    cache: Option<DocCache>,
    visible: Vec<Visible>,
    scroll: Option<ScrollRequest>,
    flash: Option<(AnnotationId, f64)>,
    /// Overlapping annotations under a click, offered in a small menu.
    pick: Option<(Pos2, Vec<AnnotationId>)>,
    /// Remembered x for up/down moves.
    h_pos: Option<f32>,
    viewport: Rect,
    /// Where the pointer went down for the drag in progress (before snapping).
    drag_anchor: Option<usize>,
    /// A handle of the selected annotation being dragged, and where it is now.
    handle_drag: Option<(Edge, usize)>,
    /// The highlight the right-click menu is for.
    menu_target: Option<AnnotationId>,
}

impl Default for Reader {
    fn default() -> Self {
        Self {
            cache: None,
            visible: Vec::new(),
            scroll: None,
            flash: None,
            pick: None,
            h_pos: None,
            viewport: Rect::NOTHING,
            drag_anchor: None,
            handle_drag: None,
            menu_target: None,
        }
    }
}

impl Reader {
    /// The id of the reader's text area (for focus).
    pub fn id() -> Id {
        Id::unique("dossier-reader")
    }

    /// Keeps the paragraph at the top of the view there through a change of the
    /// layout (zoom, text size): the next frame scrolls back to it.
    pub fn keep_top(&mut self) {
        if let Some(cache) = self.cache.as_ref() {
            let top = cache.heights.index_at(self.viewport.min.y);
            if let Some(p) = cache.paras.get(top) {
                self.scroll = Some(ScrollRequest::Top(p.char_start));
            }
        }
    }

    /// The char at the start of the paragraph at the top of the view.
    pub fn top_char(&self) -> Option<usize> {
        let cache = self.cache.as_ref()?;
        let top = cache.heights.index_at(self.viewport.min.y);
        cache.paras.get(top).map(|p| p.char_start)
    }

    /// Scrolls to `char_pos` and flashes the annotation `id` there.
    pub fn reveal(&mut self, char_pos: usize, flash: Option<(AnnotationId, f64)>) {
        self.scroll = Some(ScrollRequest::Reveal(char_pos));
        if flash.is_some() {
            self.flash = flash;
        }
    }

    /// The char ranges of the paragraphs drawn in the last frame (for tests).
    pub fn visible_ranges(&self) -> Vec<(usize, usize)> {
        let Some(cache) = self.cache.as_ref() else {
            return Vec::new();
        };
        self.visible
            .iter()
            .filter_map(|v| cache.paras.get(v.index))
            .map(|p| (p.char_start, p.char_end))
            .collect()
    }

    /// Screen position of the middle of char `pos`, if it was drawn in the last frame
    /// (for tests that click and drag like a user).
    pub fn char_position(&self, pos: usize) -> Option<Pos2> {
        let cache = self.cache.as_ref()?;
        let v = self.visible.iter().find(|v| {
            cache
                .paras
                .get(v.index)
                .is_some_and(|p| p.char_start <= pos && pos < p.char_end)
        })?;
        let para = cache.paras.get(v.index)?;
        if let Some(b) = &v.bidi {
            let c = b.char_center(&v.galley, pos - para.char_start)?;
            return Some(v.origin + c.to_vec2());
        }
        let r = v
            .galley
            .pos_from_cursor(egui::text::CCursor::new(pos - para.char_start));
        let next = v
            .galley
            .pos_from_cursor(egui::text::CCursor::new(pos + 1 - para.char_start));
        let x = if (next.min.y - r.min.y).abs() < 1.0 {
            (r.min.x + next.min.x) / 2.0
        } else {
            r.min.x + 2.0
        };
        Some(v.origin + Vec2::new(x, r.center().y))
    }

    /// Total laid-out height (for tests and benchmarks).
    pub fn content_height(&self) -> f32 {
        self.cache.as_ref().map_or(0.0, |c| c.heights.total())
    }

    /// Shows the current document and collects what the user did. `matches` are the
    /// find bar's matches, sorted by start.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        matches: &[(usize, usize)],
        actions: &mut Vec<Action>,
    ) {
        let Some(doc) = ctx.doc else {
            return;
        };
        let metrics = Metrics {
            column: column_width(ui.available_width()),
            row_height: (ctx.font_size * 1.55).round(),
            font_size: ctx.font_size,
        };
        if DocCache::sync(&mut self.cache, doc, ctx.changes, metrics) {
            self.visible.clear();
            self.pick = None;
        }

        let id = Self::id();
        let focused = ui.memory(|m| m.has_focus(id));
        if focused {
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    id,
                    EventFilter {
                        tab: false,
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        escape: true,
                    },
                )
            });
            self.keys(ui, ctx, doc, actions);
        }

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("reader-scroll", doc.id))
            .auto_shrink(false)
            .animated(false);
        if let Some(offset) = self.scroll_target(metrics.row_height) {
            area = area.vertical_scroll_offset(offset);
        }
        let now = ui.input(|i| i.time);
        let flash = match self.flash {
            Some((fid, t0)) if now - t0 < 1.2 => {
                ui.ctx().request_repaint();
                Some((fid, (1.0 - (now - t0) / 1.2) as f32))
            }
            _ => None,
        };
        let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.55);
        let mut response_out = None;
        area.show_viewport(ui, |ui, viewport| {
            self.viewport = viewport;
            let Some(cache) = self.cache.as_mut() else {
                return;
            };
            let laid = layout::lay_out_visible(ui, doc, cache, viewport, metrics, ctx.theme.text);
            let total = cache.heights.total();
            let full =
                Rect::from_min_size(ui.max_rect().min, Vec2::new(ui.max_rect().width(), total));
            let response = ui.interact(full, id, Sense::click_and_drag());
            ui.allocate_rect(full, Sense::hover());
            let col_x = full.center().x - metrics.column / 2.0;
            let painter = ui.painter_at(ui.clip_rect());
            let page_colour = ui.visuals().weak_text_color();
            self.visible.clear();
            for layout::Laid {
                index: i,
                galley,
                bidi,
            } in laid
            {
                let para = cache.paras[i];
                // A right-to-left paragraph is right-aligned: its galley ends at x = 0.
                let x = if bidi.as_ref().is_some_and(|b| b.rtl) {
                    col_x + metrics.column
                } else {
                    col_x
                };
                let origin = Pos2::new(x, full.min.y + cache.heights.top(i));
                let selected = ctx.selected.map(|s| {
                    let strength = flash.filter(|(fid, _)| *fid == s).map_or(0.0, |(_, f)| f);
                    (s, strength)
                });
                paint::ParagraphPaint {
                    para,
                    galley: &galley,
                    bidi: bidi.as_deref(),
                    origin,
                    spans: paint::span_paints(doc, &ctx.project.tags, &cache.spans[i], &para),
                    selected,
                    selection: ctx.selection,
                    caret: focused,
                    matches,
                }
                .paint(&painter, &ctx.theme, selection_color);
                if let Some(page) = page_starting_in(doc, &para) {
                    // The page of the PDF that begins here, in the left margin, so
                    // a quote can be cited by page.
                    painter.text(
                        Pos2::new(col_x - 10.0, origin.y + 2.0),
                        egui::Align2::RIGHT_TOP,
                        format!("p. {page}"),
                        egui::FontId::proportional((metrics.font_size * 0.7).max(9.0)),
                        page_colour,
                    );
                }
                self.visible.push(Visible {
                    index: i,
                    origin,
                    galley,
                    bidi,
                });
            }
            if let Some(a) = ctx.selected_annotation() {
                let color = ctx
                    .project
                    .tags
                    .get(&a.tag)
                    .map_or(ctx.theme.text, |t| ctx.theme.strong(t.color));
                self.paint_handles(&painter, a, color);
            }
            response_out = Some(response);
        });
        if let Some(response) = response_out {
            self.mouse(ui, &response, ctx, doc, actions);
            self.menus(&response, ctx, doc, actions);
            response.widget_info(|| accessible_info(doc, ctx));
        }
        self.pick_menu(ui, ctx, doc, actions);
    }

    /// The scroll offset a pending reveal or caret move asks for, if any.
    fn scroll_target(&mut self, row_height: f32) -> Option<f32> {
        let req = self.scroll.take()?;
        let cache = self.cache.as_ref()?;
        let (ScrollRequest::Reveal(c) | ScrollRequest::Follow(c) | ScrollRequest::Top(c)) = req;
        let p = cache.paragraph_at(c);
        let y = cache.heights.top(p);
        let h = self.viewport.height().max(row_height * 4.0);
        let target = match req {
            ScrollRequest::Top(_) => Some(y),
            ScrollRequest::Reveal(_) => Some((y - h / 3.0).max(0.0)),
            ScrollRequest::Follow(_) => {
                let bottom = y + cache.heights.height(p).min(h - row_height);
                if y < self.viewport.top() {
                    Some(y)
                } else if bottom > self.viewport.bottom() {
                    Some(bottom - h + row_height)
                } else {
                    None
                }
            }
        };
        target.map(|t| t.max(0.0))
    }
}

/// The 1-based number of the first page that begins inside unit `para` (a page
/// that begins on an empty line is shown beside it), for paged sources.
fn page_starting_in(doc: &Document, para: &layout::Paragraph) -> Option<usize> {
    let starts = &doc.source.page_starts;
    let j = starts.partition_point(|&s| s < para.char_start);
    let s = *starts.get(j)?;
    let inside = s < para.char_end || (para.is_blank() && s == para.char_start);
    // Page 1 begins with the text: no mark needed above the first line.
    (inside && j > 0).then_some(j + 1)
}

/// What AccessKit reports for the reader: a document named "Reader" whose value is
/// the selected text.
fn accessible_info(doc: &Document, ctx: &ViewCtx<'_>) -> egui::WidgetInfo {
    let mut info = egui::WidgetInfo::labeled(egui::Role::Document, true, "Reader");
    info.current_text_value = ctx
        .selection
        .filter(|s| !s.is_empty())
        .and_then(|s| doc.slice(s.range().0, s.range().1))
        .map(|s| s.chars().take(200).collect());
    info
}
