//! The reader: a document's text at a comfortable width, with highlights, mouse
//! and keyboard selection, and tagging keys. Only the visible paragraphs are laid
//! out and painted, so book-length documents scroll as fast as short ones.

mod caret;
pub mod layout;
mod paint;

pub use caret::{trim, word_at};

use super::palette::Page;
use super::{Action, TextSelection};
use crate::app::UiCommand;
use crate::model::{AnnotationId, Document, DocumentId, TagSet};
use egui::epaint::text::Galley;
use egui::{Event, EventFilter, Id, Key, Pos2, Rect, Sense, Vec2};
use layout::{Heights, Paragraph};
use std::sync::Arc;

/// The widest the text column grows, in points: about 75 characters a line.
pub const MAX_COLUMN_WIDTH: f32 = 720.0;

/// What the reader shows this frame.
pub struct ReaderInput<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The project's tags (colours, shortcuts).
    pub tags: &'a TagSet,
    /// The editor's revision: when it changes, span indexes are rebuilt.
    pub revision: u64,
    /// The pending text selection.
    pub selection: Option<TextSelection>,
    /// The selected annotation.
    pub selected: Option<AnnotationId>,
    /// Page colours.
    pub page: Page,
    /// Body text size in points.
    pub font_size: f32,
    /// Find-bar matches to highlight, sorted by start.
    pub matches: &'a [(usize, usize)],
}

/// Per-document caches.
struct DocCache {
    doc: DocumentId,
    paras: Vec<Paragraph>,
    spans: Vec<Vec<u32>>,
    spans_revision: u64,
    heights: Heights,
}

/// A paragraph laid out and drawn this frame, kept for hit-testing and caret moves.
struct Visible {
    index: usize,
    origin: Pos2,
    galley: Arc<Galley>,
}

/// Where to scroll on the next frame.
#[derive(Clone, Copy, Debug)]
enum ScrollRequest {
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
        }
    }
}

impl Reader {
    /// The id of the reader's text area (for focus).
    pub fn id() -> Id {
        Id::unique("dossier-reader")
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

    /// Shows the reader and collects what the user did.
    pub fn show(&mut self, ui: &mut egui::Ui, input: &ReaderInput<'_>, actions: &mut Vec<Action>) {
        let doc = input.doc;
        let id = Self::id();
        let font = egui::FontId::proportional(input.font_size);
        let row_height = (input.font_size * 1.55).round();
        // Leave room for the scroll bar and a margin on each side.
        let column = (ui.available_width() - 64.0).clamp(120.0, MAX_COLUMN_WIDTH);

        // Caches: paragraphs once per document, spans once per revision,
        // heights once per width and font size.
        let rebuild = self.cache.as_ref().is_none_or(|c| c.doc != doc.id);
        if rebuild {
            let paras = layout::paragraphs(doc);
            let heights = Heights::estimate(
                &paras,
                column,
                row_height,
                input.font_size * 0.5,
                row_height * 0.5,
            );
            self.cache = Some(DocCache {
                doc: doc.id,
                spans: layout::spans_per_paragraph(doc, &paras),
                spans_revision: input.revision,
                paras,
                heights,
            });
            self.visible.clear();
            self.pick = None;
        }
        let Some(cache) = self.cache.as_mut() else {
            return;
        };
        if cache.spans_revision != input.revision {
            cache.spans = layout::spans_per_paragraph(doc, &cache.paras);
            cache.spans_revision = input.revision;
        }
        if !cache.heights.matches(column, row_height) {
            cache.heights = Heights::estimate(
                &cache.paras,
                column,
                row_height,
                input.font_size * 0.5,
                row_height * 0.5,
            );
        }

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
            self.keys(ui, input, actions);
        }

        let mut area = egui::ScrollArea::vertical()
            .id_salt(("reader-scroll", doc.id))
            .auto_shrink(false)
            .animated(false);
        if let Some(req) = self.scroll.take()
            && let Some(cache) = self.cache.as_ref()
        {
            let p = layout::paragraph_at(
                &cache.paras,
                match req {
                    ScrollRequest::Reveal(c) | ScrollRequest::Follow(c) => c,
                },
            );
            let y = cache.heights.top(p);
            let h = self.viewport.height().max(row_height * 4.0);
            let target = match req {
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
            if let Some(t) = target {
                area = area.vertical_scroll_offset(t.max(0.0));
            }
        }

        let selection_color = ui.visuals().selection.bg_fill.gamma_multiply(0.55);
        let caret_color = input.page.text;
        let now = ui.input(|i| i.time);
        let flash = match self.flash {
            Some((fid, t0)) if now - t0 < 1.2 => {
                ui.ctx().request_repaint();
                Some((fid, (1.0 - (now - t0) / 1.2) as f32))
            }
            _ => None,
        };
        let mut response_out = None;
        area.show_viewport(ui, |ui, viewport| {
            self.viewport = viewport;
            let Some(cache) = self.cache.as_mut() else {
                return;
            };
            cache.heights.refresh();
            let total = cache.heights.total();
            let full =
                Rect::from_min_size(ui.max_rect().min, Vec2::new(ui.max_rect().width(), total));
            let response = ui.interact(full, id, Sense::click_and_drag());
            ui.allocate_rect(full, Sense::hover());
            let col_x = full.center().x - column / 2.0;
            let painter = ui.painter_at(ui.clip_rect());
            self.visible.clear();
            // Lay out the visible paragraphs; when a measured height corrects an
            // estimate, the visible range shifts, so repeat (galleys are cached).
            let mut laid: Vec<(usize, Arc<Galley>)> = Vec::new();
            for _ in 0..4 {
                laid.clear();
                let mut changed = false;
                let mut i = cache.heights.index_at(viewport.min.y);
                while i < cache.paras.len() && cache.heights.top(i) < viewport.max.y {
                    let para = cache.paras[i];
                    if !para.is_blank() {
                        let mut job = egui::text::LayoutJob::single_section(
                            para.text(doc).to_owned(),
                            egui::TextFormat {
                                font_id: font.clone(),
                                color: input.page.text,
                                line_height: Some(row_height),
                                ..Default::default()
                            },
                        );
                        job.wrap.max_width = column;
                        let g = ui.fonts_mut(|f| f.layout_job(job));
                        changed |= cache.heights.measure(i, g.size().y);
                        laid.push((i, g));
                    }
                    i += 1;
                }
                if !changed {
                    break;
                }
                cache.heights.refresh();
            }
            for (i, g) in laid {
                let para = cache.paras[i];
                let origin = Pos2::new(col_x, full.min.y + cache.heights.top(i));
                let spans = span_paints(doc, input.tags, &cache.spans[i], &para);
                let fl = flash
                    .filter(|(fid, _)| input.selected == Some(*fid))
                    .map_or(0.0, |(_, f)| f);
                paint::spans(
                    &painter,
                    &input.page,
                    &g,
                    origin,
                    &spans,
                    input.selected,
                    fl,
                );
                if let Some(sel) = input.selection.filter(|s| !s.is_empty()) {
                    let (s, e) = sel.range();
                    let local = (
                        s.max(para.char_start) - para.char_start,
                        e.min(para.char_end).saturating_sub(para.char_start),
                    );
                    if local.0 < local.1 && s < para.char_end && e > para.char_start {
                        paint::selection(&painter, &g, origin, local, selection_color);
                    }
                }
                let first = input.matches.partition_point(|m| m.1 <= para.char_start);
                for &(s, e) in input.matches[first..]
                    .iter()
                    .take_while(|m| m.0 < para.char_end)
                {
                    let local = (
                        s.max(para.char_start) - para.char_start,
                        e.min(para.char_end) - para.char_start,
                    );
                    paint::find_match(&painter, &g, origin, local, caret_color);
                }
                painter.galley(origin, g.clone(), input.page.text);
                if focused
                    && let Some(sel) = input.selection
                    && (para.char_start..=para.char_end).contains(&sel.cursor)
                {
                    paint::caret(
                        &painter,
                        &g,
                        origin,
                        sel.cursor - para.char_start,
                        caret_color,
                    );
                }
                self.visible.push(Visible {
                    index: i,
                    origin,
                    galley: g,
                });
            }
            response_out = Some(response);
        });
        if let Some(response) = response_out {
            self.mouse(ui, &response, input, actions);
            response.widget_info(|| {
                let mut info = egui::WidgetInfo::labeled(egui::Role::Document, true, "Reader");
                info.current_text_value = input
                    .selection
                    .filter(|s| !s.is_empty())
                    .and_then(|s| doc.slice(s.range().0, s.range().1))
                    .map(|s| s.chars().take(200).collect());
                info
            });
        }
        self.pick_menu(ui, input, actions);
    }

    /// Char offset under a screen position, if it is over a laid-out paragraph.
    fn hit(&self, pos: Pos2) -> Option<usize> {
        let cache = self.cache.as_ref()?;
        let first = self.visible.first()?;
        let v = self
            .visible
            .iter()
            .rev()
            .find(|v| v.origin.y <= pos.y)
            .unwrap_or(first);
        let para = cache.paras.get(v.index)?;
        let local = v.galley.cursor_from_pos(pos - v.origin).index.0;
        Some(para.char_start + local.min(para.char_end - para.char_start))
    }

    /// The char (not the gap between chars) under a position: for clicking spans.
    fn char_under(&self, pos: Pos2) -> Option<usize> {
        let c = self.hit(pos)?;
        let v = self.visible.iter().rev().find(|v| v.origin.y <= pos.y)?;
        let para = self.cache.as_ref()?.paras.get(v.index)?;
        let local = c - para.char_start;
        let r = v.galley.pos_from_cursor(egui::text::CCursor::new(local));
        Some(if (v.origin.x + r.min.x) > pos.x && c > para.char_start {
            c - 1
        } else {
            c
        })
    }

    fn mouse(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        input: &ReaderInput<'_>,
        actions: &mut Vec<Action>,
    ) {
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
        }
        let pointer = ui.input(|i| i.pointer.interact_pos());
        if response.drag_started() {
            response.request_focus();
            let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
            if let (Some(a), Some(c)) = (
                origin.and_then(|p| self.hit(p)),
                pointer.and_then(|p| self.hit(p)),
            ) {
                actions.push(Action::SetSelection(Some(TextSelection {
                    anchor: a,
                    cursor: c,
                })));
            }
        } else if response.dragged()
            && let (Some(sel), Some(c)) = (input.selection, pointer.and_then(|p| self.hit(p)))
        {
            actions.push(Action::SetSelection(Some(TextSelection {
                cursor: c,
                ..sel
            })));
        }
        if response.double_clicked() {
            if let Some(c) = pointer.and_then(|p| self.char_under(p)) {
                let (s, e) = caret::word_at(input.doc, c);
                actions.push(Action::SetSelection(Some(TextSelection {
                    anchor: s,
                    cursor: e,
                })));
            }
        } else if response.clicked() && ui.input(|i| i.pointer.any_released()) {
            // (Enter/Space on the focused reader also "click" it; those are keys, not clicks.)
            response.request_focus();
            self.pick = None;
            self.h_pos = None;
            let Some(pos) = pointer else { return };
            if let Some(c) = self.hit(pos) {
                let shift = ui.input(|i| i.modifiers.shift);
                match input.selection {
                    Some(sel) if shift => actions.push(Action::SetSelection(Some(TextSelection {
                        cursor: c,
                        ..sel
                    }))),
                    _ => actions.push(Action::SetSelection(Some(TextSelection::caret(c)))),
                }
            }
            let under: Vec<AnnotationId> = self
                .char_under(pos)
                .map(|c| annotations_at(input.doc, self.cache.as_ref(), c))
                .unwrap_or_default();
            match under.as_slice() {
                [] => actions.push(Action::ClearAnnotation),
                [one] => actions.push(Action::SelectAnnotation {
                    id: *one,
                    reveal: false,
                }),
                _ => self.pick = Some((pos, under)),
            }
        }
    }

    fn pick_menu(&mut self, ui: &egui::Ui, input: &ReaderInput<'_>, actions: &mut Vec<Action>) {
        let Some((pos, ids)) = self.pick.clone() else {
            return;
        };
        let mut close = false;
        egui::Area::new(Id::unique("reader-pick"))
            .fixed_pos(pos + Vec2::new(8.0, 8.0))
            .order(egui::Order::Foreground)
            .show(ui.ctx(), |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new("Overlapping annotations").weak());
                    for id in &ids {
                        let Some(a) = input.doc.annotation(*id) else {
                            continue;
                        };
                        let tag = input
                            .tags
                            .get(&a.tag)
                            .map_or(a.tag.as_str(), |t| t.label.as_str());
                        let text = format!("{tag}: {}", short(&a.quote, 60));
                        if ui.button(text).clicked() {
                            actions.push(Action::SelectAnnotation {
                                id: *id,
                                reveal: false,
                            });
                            close = true;
                        }
                    }
                });
            });
        if close || ui.input(|i| i.key_pressed(Key::Escape)) {
            self.pick = None;
        }
    }

    fn keys(&mut self, ui: &egui::Ui, input: &ReaderInput<'_>, actions: &mut Vec<Action>) {
        let doc = input.doc;
        let events = ui.input(|i| i.events.clone());
        let mut sel = input.selection.unwrap_or_default();
        let mut moved = false;
        for event in events {
            match event {
                Event::Copy => {
                    let (s, e) = sel.range();
                    if let Some(text) = doc.slice(s, e).filter(|t| !t.is_empty()) {
                        ui.ctx().copy_text(text.to_owned());
                    }
                }
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => {
                    let word =
                        modifiers.command || modifiers.ctrl || modifiers.alt || modifiers.mac_cmd;
                    let target = match key {
                        Key::ArrowLeft if !sel.is_empty() && !modifiers.shift => {
                            Some(sel.range().0)
                        }
                        Key::ArrowRight if !sel.is_empty() && !modifiers.shift => {
                            Some(sel.range().1)
                        }
                        Key::ArrowLeft if word => Some(caret::word_left(doc, sel.cursor)),
                        Key::ArrowRight if word => Some(caret::word_right(doc, sel.cursor)),
                        Key::ArrowLeft => Some(caret::left(sel.cursor)),
                        Key::ArrowRight => Some(caret::right(doc, sel.cursor)),
                        Key::ArrowUp => Some(self.vertical(doc, sel.cursor, true)),
                        Key::ArrowDown => Some(self.vertical(doc, sel.cursor, false)),
                        Key::Home if modifiers.command || modifiers.ctrl => Some(0),
                        Key::End if modifiers.command || modifiers.ctrl => Some(doc.char_len()),
                        Key::Home => self.para_edge(sel.cursor, true),
                        Key::End => self.para_edge(sel.cursor, false),
                        _ => None,
                    };
                    if let Some(t) = target {
                        if !matches!(key, Key::ArrowUp | Key::ArrowDown) {
                            self.h_pos = None;
                        }
                        sel = if modifiers.shift {
                            TextSelection { cursor: t, ..sel }
                        } else {
                            TextSelection::caret(t)
                        };
                        moved = true;
                        continue;
                    }
                    if modifiers.command || modifiers.ctrl || modifiers.alt || modifiers.mac_cmd {
                        continue;
                    }
                    match key {
                        Key::Escape => {
                            self.pick = None;
                            actions.push(Action::SetSelection(None));
                            actions.push(Action::ClearAnnotation);
                        }
                        Key::Delete | Key::Backspace => {
                            actions.push(Action::Ui(UiCommand::DeleteAnnotation))
                        }
                        Key::Enter => actions.push(Action::AcceptSuggestion),
                        _ => {
                            if let Some(tag) = tag_for_key(input.tags, key) {
                                actions.push(Action::TagSelection(tag));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        if moved {
            self.scroll = Some(ScrollRequest::Follow(sel.cursor));
            actions.push(Action::SetSelection(Some(sel)));
        }
    }

    /// Start or end of the paragraph holding `pos`.
    fn para_edge(&self, pos: usize, start: bool) -> Option<usize> {
        let cache = self.cache.as_ref()?;
        let p = cache.paras.get(layout::paragraph_at(&cache.paras, pos))?;
        Some(if start { p.char_start } else { p.char_end })
    }

    /// One row up or down, keeping the x position, across paragraphs.
    fn vertical(&mut self, doc: &Document, pos: usize, up: bool) -> usize {
        let Some(cache) = self.cache.as_ref() else {
            return pos;
        };
        let p = layout::paragraph_at(&cache.paras, pos);
        if let Some(v) = self.visible.iter().find(|v| v.index == p)
            && let Some(para) = cache.paras.get(p)
        {
            let cur = egui::text::CCursor::new(pos - para.char_start);
            let row = v.galley.layout_from_cursor(cur).row;
            let at_edge = if up {
                row == 0
            } else {
                row + 1 >= v.galley.rows.len()
            };
            if !at_edge {
                let (c, h) = if up {
                    v.galley.cursor_up_one_row(&cur, self.h_pos)
                } else {
                    v.galley.cursor_down_one_row(&cur, self.h_pos)
                };
                self.h_pos = h;
                return para.char_start + c.index.0;
            }
        }
        // Into the neighbouring non-blank paragraph.
        let mut q = p;
        loop {
            q = if up {
                match q.checked_sub(1) {
                    Some(q) => q,
                    None => return 0,
                }
            } else {
                q + 1
            };
            match cache.paras.get(q) {
                None => return doc.char_len(),
                Some(para) if !para.is_blank() => {
                    return if up { para.char_end } else { para.char_start };
                }
                Some(_) => {}
            }
        }
    }
}

/// The tag a key press stands for: its shortcut letter, or 1–9 by tag order.
fn tag_for_key(tags: &TagSet, key: Key) -> Option<String> {
    let name = key.name();
    if let Some(d) = name
        .chars()
        .next()
        .and_then(|c| c.to_digit(10))
        .filter(|_| name.len() == 1)
    {
        return (d as usize)
            .checked_sub(1)
            .and_then(|i| tags.tags.get(i))
            .map(|t| t.key.clone());
    }
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => tags.by_shortcut(c).map(|t| t.key.clone()),
        _ => None,
    }
}

/// Annotations covering char `c`, innermost (shortest) first.
fn annotations_at(doc: &Document, cache: Option<&DocCache>, c: usize) -> Vec<AnnotationId> {
    let Some(cache) = cache else {
        return Vec::new();
    };
    let p = layout::paragraph_at(&cache.paras, c);
    let mut hits: Vec<_> = cache
        .spans
        .get(p)
        .into_iter()
        .flatten()
        .filter_map(|&i| doc.annotations().get(i as usize))
        .filter(|a| a.start <= c && c < a.end)
        .collect();
    hits.sort_by_key(|a| a.len());
    hits.into_iter().map(|a| a.id).collect()
}

/// The spans of one paragraph, outermost first, with their nesting depth.
fn span_paints<'d>(
    doc: &'d Document,
    tags: &TagSet,
    indices: &[u32],
    para: &Paragraph,
) -> Vec<paint::SpanPaint<'d>> {
    let anns: Vec<_> = indices
        .iter()
        .filter_map(|&i| doc.annotations().get(i as usize))
        .collect();
    let mut out: Vec<paint::SpanPaint<'d>> = anns
        .iter()
        .map(|a| {
            let depth = anns
                .iter()
                .filter(|b| {
                    b.id != a.id
                        && b.start <= a.start
                        && a.end <= b.end
                        && (b.len() > a.len() || b.id < a.id)
                })
                .count();
            paint::SpanPaint {
                annotation: a,
                color: tags
                    .get(&a.tag)
                    .map_or(crate::model::Color([128, 128, 128]), |t| t.color),
                local: (
                    a.start.max(para.char_start) - para.char_start,
                    a.end.min(para.char_end).saturating_sub(para.char_start),
                ),
                depth,
            }
        })
        .collect();
    out.sort_by_key(|s| s.depth);
    out
}

/// A hit with `n` chars of context on each side, on one line: `…before[hit]after…`.
pub fn in_context(doc: &Document, start: usize, end: usize, n: usize) -> String {
    let before = doc
        .slice(start.saturating_sub(n), start)
        .unwrap_or_default();
    let hit = doc.slice(start, end).unwrap_or_default();
    let after = doc
        .slice(end, (end + n).min(doc.char_len()))
        .unwrap_or_default();
    format!("…{before}[{hit}]{after}…").replace('\n', " ")
}

/// The first `n` chars of `s` on one line, with an ellipsis if cut.
pub fn short(s: &str, n: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut t: String = flat.chars().take(n).collect();
    if t.len() < flat.len() {
        t.push('…');
    }
    t
}
