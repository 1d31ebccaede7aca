//! What the user does in the reader: mouse (click, double-click, drag, the
//! overlap menu) and keys (caret moves, selection, tag keys, Delete, Enter, Esc).

use super::{Reader, ScrollRequest, layout};
use crate::model::span;
use crate::model::text::short;
use crate::model::{AnnotationId, Document, TagSet};
use crate::ui::{Action, TextSelection, UiCommand, ViewCtx};
use egui::{Event, Id, Key, Pos2, Vec2};

impl Reader {
    /// Char offset under a screen position, if it is over a laid-out paragraph.
    pub(super) fn hit(&self, pos: Pos2) -> Option<usize> {
        let cache = self.cache.as_ref()?;
        let first = self.visible.first()?;
        let v = self
            .visible
            .iter()
            .rev()
            .find(|v| v.origin.y <= pos.y)
            .unwrap_or(first);
        let para = cache.paras.get(v.index)?;
        let local = match &v.bidi {
            Some(b) => b.hit(&v.galley, pos - v.origin),
            None => v.galley.cursor_from_pos(pos - v.origin).index.0,
        };
        Some(para.char_start + local.min(para.char_end - para.char_start))
    }

    /// The char (not the gap between chars) under a position: for clicking spans.
    pub(super) fn char_under(&self, pos: Pos2) -> Option<usize> {
        let c = self.hit(pos)?;
        let v = self.visible.iter().rev().find(|v| v.origin.y <= pos.y)?;
        let para = self.cache.as_ref()?.paras.get(v.index)?;
        if let Some(b) = &v.bidi {
            let local = b.char_at(&v.galley, pos - v.origin);
            return Some(para.char_start + local.min(para.char_end - para.char_start));
        }
        let local = c - para.char_start;
        let r = v.galley.pos_from_cursor(egui::text::CCursor::new(local));
        Some(if (v.origin.x + r.min.x) > pos.x && c > para.char_start {
            c - 1
        } else {
            c
        })
    }

    /// Annotations covering char `c`, innermost (shortest) first.
    pub(super) fn annotations_at(&self, doc: &Document, c: usize) -> Vec<AnnotationId> {
        let Some(cache) = self.cache.as_ref() else {
            return Vec::new();
        };
        let p = cache.paragraph_at(c);
        let mut hits: Vec<_> = cache
            .spans
            .get(p)
            .into_iter()
            .flatten()
            .filter_map(|&k| doc.annotations().by_key(k))
            .filter(|a| a.covers(c))
            .collect();
        hits.sort_by_key(|a| a.len());
        hits.into_iter().map(|a| a.id).collect()
    }

    /// Clicks, double-clicks and drags on the text.
    pub(super) fn mouse(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        ctx: &ViewCtx<'_>,
        doc: &Document,
        actions: &mut Vec<Action>,
    ) {
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::Text);
        }
        let pointer = ui.input(|i| i.pointer.interact_pos());
        // A drag selects whole words (Alt held: exact chars).
        let precise = ui.input(|i| i.modifiers.alt);
        let snapped = |anchor: usize, cursor: usize| {
            let (anchor, cursor) = if precise {
                (anchor, cursor)
            } else {
                crate::model::span::snap_drag(doc, anchor, cursor)
            };
            Action::SetSelection(Some(TextSelection { anchor, cursor }))
        };
        // A drag that starts on a handle of the selected annotation moves its edge.
        let selected = ctx.selected_annotation();
        if response.drag_started()
            && let (Some(a), Some(press)) = (selected, ui.input(|i| i.pointer.press_origin()))
            && self.grab_handle(press, a)
        {
            response.request_focus();
            return;
        }
        if self.handle_drag.is_some() {
            if let Some(p) = pointer {
                self.drag_handle(p);
            }
            if response.drag_stopped()
                && let Some(a) = selected
            {
                self.drop_handle(ctx, doc, a, precise, actions);
            }
            if !response.dragged() && !response.drag_stopped() {
                self.handle_drag = None;
            }
            return;
        }
        if response.drag_started() {
            response.request_focus();
            let origin = ui.input(|i| i.pointer.press_origin()).or(pointer);
            self.drag_anchor = origin.and_then(|p| self.hit(p));
            if let (Some(a), Some(c)) = (self.drag_anchor, pointer.and_then(|p| self.hit(p))) {
                actions.push(snapped(a, c));
            }
        } else if response.dragged()
            && let (Some(a), Some(c)) = (self.drag_anchor, pointer.and_then(|p| self.hit(p)))
        {
            actions.push(snapped(a, c));
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
            // Ctrl+drag with an annotation selected adds the dragged words to it.
            if selected.is_some() && ui.input(|i| i.modifiers.command) {
                actions.push(Action::Ui(UiCommand::AddFragment));
            }
        }
        if response.double_clicked() {
            if let Some(c) = pointer.and_then(|p| self.char_under(p)) {
                let (s, e) = span::word_at(doc, c);
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
                match ctx.selection {
                    Some(sel) if shift => actions.push(Action::SetSelection(Some(TextSelection {
                        cursor: c,
                        ..sel
                    }))),
                    _ => actions.push(Action::SetSelection(Some(TextSelection::caret(c)))),
                }
            }
            let under: Vec<AnnotationId> = self
                .char_under(pos)
                .map(|c| self.annotations_at(doc, c))
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

    /// The small menu offering each of several overlapping annotations under a click.
    pub(super) fn pick_menu(
        &mut self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        doc: &Document,
        actions: &mut Vec<Action>,
    ) {
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
                        let Some(a) = doc.annotation(*id) else {
                            continue;
                        };
                        let tag = ctx
                            .project
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

    /// Keys while the reader has the keyboard focus.
    pub(super) fn keys(
        &mut self,
        ui: &egui::Ui,
        ctx: &ViewCtx<'_>,
        doc: &Document,
        actions: &mut Vec<Action>,
    ) {
        let events = ui.input(|i| i.events.clone());
        let mut sel = ctx.selection.unwrap_or_default();
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
                    if let Some(t) = self.caret_target(doc, sel, key, modifiers) {
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
                            if let Some(tag) = tag_for_key(&ctx.project.tags, key) {
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

    /// Where a caret-moving key takes the caret, if `key` is one.
    fn caret_target(
        &mut self,
        doc: &Document,
        sel: TextSelection,
        key: Key,
        modifiers: egui::Modifiers,
    ) -> Option<usize> {
        // Alt with arrows moves the selected annotation's edges (see `UiCommand`).
        let word = modifiers.command || modifiers.ctrl || modifiers.mac_cmd;
        // In a right-to-left paragraph the left edge of a selection is its end.
        let rtl = self.rtl_at(sel.cursor);
        let (left_end, right_end) = if rtl {
            (sel.range().1, sel.range().0)
        } else {
            sel.range()
        };
        match key {
            Key::ArrowLeft if !sel.is_empty() && !modifiers.shift => Some(left_end),
            Key::ArrowRight if !sel.is_empty() && !modifiers.shift => Some(right_end),
            _ if modifiers.alt => None,
            Key::ArrowLeft if word => Some(span::word_left(doc, sel.cursor)),
            Key::ArrowRight if word => Some(span::word_right(doc, sel.cursor)),
            Key::ArrowLeft | Key::ArrowRight if self.bidi_at(sel.cursor).is_some() => {
                Some(self.visual_step(doc, sel.cursor, key == Key::ArrowLeft))
            }
            Key::ArrowLeft => Some(sel.cursor.saturating_sub(1)),
            Key::ArrowRight => Some((sel.cursor + 1).min(doc.char_len())),
            Key::ArrowUp => Some(self.vertical(doc, sel.cursor, true)),
            Key::ArrowDown => Some(self.vertical(doc, sel.cursor, false)),
            Key::Home if modifiers.command || modifiers.ctrl => Some(0),
            Key::End if modifiers.command || modifiers.ctrl => Some(doc.char_len()),
            Key::Home => self.para_edge(sel.cursor, true),
            Key::End => self.para_edge(sel.cursor, false),
            _ => None,
        }
    }

    /// The drawn bidirectional unit holding caret position `pos`, if it is one.
    fn bidi_at(&self, pos: usize) -> Option<(&super::Visible, &layout::Paragraph)> {
        let cache = self.cache.as_ref()?;
        let para = cache.paras.get(cache.paragraph_at(pos))?;
        let v = self
            .visible
            .iter()
            .find(|v| v.bidi.is_some() && cache.paras.get(v.index).is_some_and(|p| p == para))?;
        Some((v, para))
    }

    /// Whether caret position `pos` is in a drawn right-to-left paragraph.
    fn rtl_at(&self, pos: usize) -> bool {
        self.bidi_at(pos)
            .and_then(|(v, _)| v.bidi.as_ref())
            .is_some_and(|b| b.rtl)
    }

    /// The caret moved one glyph left or right on screen in a bidirectional unit;
    /// past the row's edge to the adjacent row's near edge; past the paragraph's
    /// first or last row it steps logically, forwards where the paragraph runs that
    /// way (left in a right-to-left paragraph is onwards).
    fn visual_step(&self, doc: &Document, pos: usize, left: bool) -> usize {
        let Some((v, para)) = self.bidi_at(pos) else {
            return pos;
        };
        let Some(b) = v.bidi.as_ref() else { return pos };
        let local = pos - para.char_start;
        if let Some(next) = b
            .step(&v.galley, local, left)
            .or_else(|| b.beyond_row(&v.galley, local, left))
        {
            return para.char_start + next;
        }
        if left == b.rtl {
            (pos + 1).min(doc.char_len())
        } else {
            pos.saturating_sub(1)
        }
    }

    /// Start or end of the paragraph holding `pos`.
    fn para_edge(&self, pos: usize, start: bool) -> Option<usize> {
        let cache = self.cache.as_ref()?;
        let p = cache.paras.get(cache.paragraph_at(pos))?;
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
            if let Some(b) = &v.bidi {
                if let Some((c, x)) = b.vertical(&v.galley, pos - para.char_start, up, self.h_pos) {
                    self.h_pos = Some(x);
                    return para.char_start + c;
                }
            } else {
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
