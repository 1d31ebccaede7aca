//! Right-to-left and mixed-direction units of the reader.
//!
//! egui lays text out left to right in the order it is given and does not run the
//! Unicode Bidirectional Algorithm. A unit holding right-to-left text (Persian,
//! Arabic, Hebrew, or explicit bidi controls) is therefore laid out here in two
//! passes:
//!
//! 1. its text in logical order, wrapped at the column width, to find where each
//!    visual line (row) breaks;
//! 2. each row reordered by `unicode-bidi` (UAX #9, rules L1–L2, per line), mirrored
//!    brackets in right-to-left runs (L4), Arabic letters in their contextual forms
//!    ([`super::shaping`]), rows joined by `\n` and laid out without wrapping,
//!    right-aligned when the paragraph's base direction (its first strong char,
//!    P2–P3) is right to left.
//!
//! Each grapheme of an Arabic-script (or other right-to-left script) is its own
//! layout section, so the shaper never sees a right-to-left run: egui draws exactly
//! one glyph per char in the order given, and the two maps kept here
//! (visual ↔ logical char) turn galley positions back into document offsets.
//! Offsets stay logical everywhere: highlights cover the glyphs of their logical
//! range (one rectangle per contiguous visual run), a hit gives the logical gap
//! under the pointer, and arrow keys step through the glyphs visually.
//!
//! Units without any right-to-left char never come here ([`needs_bidi`]), so the
//! reader's fast path for left-to-right text is unchanged.

use super::shaping;
use egui::epaint::text::{ByteIndex, FontsView, Galley, LayoutJob, LayoutSection, TextFormat};
use egui::{Align, Pos2, Rect, Vec2};
use std::collections::HashMap;
use std::sync::Arc;
use unicode_bidi::BidiInfo;
use unicode_normalization::char::is_combining_mark;

/// Marks a galley char that stands for no document char (the `\n` between rows).
const NONE: u32 = u32::MAX;

/// At most this many units' layouts are kept; past it the cache starts over (a
/// long Persian book scrolled end to end must not keep every unit's layout).
const MAX_CACHED_UNITS: usize = 512;

/// Whether `text` needs the bidirectional layout: it holds a right-to-left char
/// or a right-to-left bidi control. Text without any byte from `0xD6` up has no char
/// from U+0590 up and is answered by a byte scan.
pub fn needs_bidi(text: &str) -> bool {
    text.bytes().any(|b| b >= 0xD6) && text.chars().any(is_rtl_or_control)
}

/// Chars of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko,
/// Samaritan, Mandaic, their presentation forms, and the historic RTL blocks).
/// Their digits are included: the shaper would reverse a run of Arabic-Indic digits.
fn is_rtl_script(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Right-to-left chars and the controls that can make text run right to left.
fn is_rtl_or_control(c: char) -> bool {
    is_rtl_script(c)
        || matches!(
            c,
            '\u{200F}' | '\u{202B}' | '\u{202E}' | '\u{2067}' | '\u{2068}'
        )
}

/// The logical chars `rs..re` of a text (one visual line) in visual order, by
/// UAX #9 (rules L1–L2 on that line); records each char's resolved direction in
/// `char_rtl`. `byte_of` holds each char's byte offset and the text's length.
fn line_order(
    info: &BidiInfo<'_>,
    byte_of: &[usize],
    (rs, re): (usize, usize),
    char_rtl: &mut [bool],
) -> Vec<usize> {
    let text_len = byte_of.last().copied().unwrap_or(0);
    let char_of_byte = |b: usize| byte_of.partition_point(|&x| x < b);
    let (bs, be) = (
        byte_of.get(rs).copied().unwrap_or(0),
        byte_of.get(re).copied().unwrap_or(text_len),
    );
    let mut order: Vec<usize> = Vec::with_capacity(re.saturating_sub(rs));
    for para in &info.paragraphs {
        let line = para.range.start.max(bs)..para.range.end.min(be);
        if line.is_empty() {
            continue;
        }
        let (cs, ce) = (char_of_byte(line.start), char_of_byte(line.end));
        let levels = info.reordered_levels_per_char(para, line);
        let Some(line_levels) = levels.get(cs..ce) else {
            continue;
        };
        for (slot, level) in char_rtl.iter_mut().skip(cs).zip(line_levels) {
            *slot = level.is_rtl();
        }
        order.extend(
            BidiInfo::reorder_visual(line_levels)
                .into_iter()
                .map(|k| cs + k),
        );
    }
    order
}

/// Appends `text` to `job` as one line in visual order, for labels outside the
/// reader (lists, titles, the inspector): right-to-left runs reordered, Arabic
/// letters in their contextual forms, brackets mirrored, each right-to-left
/// grapheme in a section of its own (see the module comment). Text without
/// right-to-left chars is appended as it is. Line breaks become spaces; the label
/// should not wrap (a wrapped line would keep the visual order of the whole text).
pub fn append_visual(job: &mut LayoutJob, text: &str, format: egui::TextFormat) {
    if !needs_bidi(text) {
        job.append(text, 0.0, format);
        return;
    }
    let line: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let chars: Vec<char> = line.chars().collect();
    let shaped = shaping::contextual_forms(&chars);
    let groups = groups(&chars);
    let mut order = VisualOrder::new(&line, &shaped, &groups);
    let mut plain = String::new();
    for (s, e, alone) in order.row((0, chars.len())) {
        let display: String = order.display(s, e).collect();
        if alone {
            push_section(job, &std::mem::take(&mut plain), &format);
            push_section(job, &display, &format);
        } else {
            plain.push_str(&display);
        }
    }
    push_section(job, &plain, &format);
}

/// A text's groups (a letter with its marks) put in visual order line by line, with
/// what each char shows: what the reader's layout and one-line labels share.
struct VisualOrder<'t> {
    info: BidiInfo<'t>,
    /// Each char's byte offset, and the text's length.
    byte_of: Vec<usize>,
    /// The text's chars in their contextual forms.
    shaped: &'t [char],
    groups: &'t [(usize, usize, bool)],
    /// For each char, its group.
    group_of: Vec<usize>,
    /// Groups already placed (a group is placed once, where its first char falls).
    done: Vec<bool>,
    /// Whether the first paragraph runs right to left.
    base_rtl: bool,
    /// For each char, whether its resolved level is right to left (filled line by
    /// line; the base direction until then).
    char_rtl: Vec<bool>,
}

impl<'t> VisualOrder<'t> {
    fn new(text: &'t str, shaped: &'t [char], groups: &'t [(usize, usize, bool)]) -> Self {
        let n = shaped.len();
        let mut group_of = vec![0usize; n];
        for (g, &(s, e, _)) in groups.iter().enumerate() {
            for slot in group_of.get_mut(s..e).into_iter().flatten() {
                *slot = g;
            }
        }
        let info = BidiInfo::new(text, None);
        let base_rtl = info.paragraphs.first().is_some_and(|p| p.level.is_rtl());
        let byte_of = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        Self {
            info,
            byte_of,
            shaped,
            groups,
            group_of,
            done: vec![false; groups.len()],
            base_rtl,
            char_rtl: vec![base_rtl; n],
        }
    }

    /// The groups of the visual line of chars `rs..re`, left to right on screen.
    fn row(&mut self, range: (usize, usize)) -> Vec<(usize, usize, bool)> {
        let order = line_order(&self.info, &self.byte_of, range, &mut self.char_rtl);
        let mut out = Vec::new();
        for l in order {
            let Some(&g) = self.group_of.get(l) else {
                continue;
            };
            if self.done.get(g).copied().unwrap_or(true) {
                continue;
            }
            self.done[g] = true;
            out.push(self.groups[g]);
        }
        out
    }

    /// What chars `s..e` show: their contextual forms, brackets mirrored where they
    /// run right to left.
    fn display(&self, s: usize, e: usize) -> impl Iterator<Item = char> + '_ {
        (s..e).map(|k| {
            let c = self.shaped[k];
            if self.char_rtl[k] {
                shaping::mirrored(c).unwrap_or(c)
            } else {
                c
            }
        })
    }
}

/// Appends `text` as a section of its own (`LayoutJob::append` would merge it into
/// the previous one of the same format, making a right-to-left run of several
/// clusters).
fn push_section(job: &mut LayoutJob, text: &str, format: &egui::TextFormat) {
    if text.is_empty() {
        return;
    }
    let start = job.text.len();
    job.text.push_str(text);
    job.sections.push(LayoutSection {
        leading_space: 0.0,
        byte_range: ByteIndex(start)..ByteIndex(job.text.len()),
        format: format.clone(),
    });
}

/// `text` as a one-line label in visual order (see [`append_visual`]), in the
/// body font and text colour of `ui`.
pub fn visual_label(ui: &egui::Ui, text: &str) -> egui::WidgetText {
    if !needs_bidi(text) {
        return text.into();
    }
    let format = egui::TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    append_visual(&mut job, text, format);
    job.into()
}

/// A document title as a heading: wrapped as it is, or, holding right-to-left text,
/// on one line in visual order (cut with "…" if too long; the whole title shows on
/// hover), named with its logical text for AccessKit.
pub fn title_label(ui: &mut egui::Ui, title: &str) -> egui::Response {
    if !needs_bidi(title) {
        return ui.add(egui::Label::new(egui::RichText::new(title).heading()).wrap());
    }
    let format = egui::TextFormat {
        font_id: egui::TextStyle::Heading.resolve(ui.style()),
        color: ui.visuals().strong_text_color(),
        ..Default::default()
    };
    let mut job = LayoutJob::default();
    append_visual(&mut job, title, format);
    let r = ui.add(egui::Label::new(job).truncate());
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, title));
    r.on_hover_text(title)
}

/// A paragraph of text that wraps to the available width (the inspector's quote):
/// right-to-left text is cut into lines first and each line reordered, as the
/// reader does, so its lines read top to bottom and right-aligned; other text is an
/// ordinary wrapping label. Named by its logical text for screen readers.
pub fn wrapped_label(ui: &mut egui::Ui, text: &str, italics: bool) -> egui::Response {
    if !needs_bidi(text) {
        let mut t = egui::RichText::new(text);
        if italics {
            t = t.italics();
        }
        return ui.add(egui::Label::new(t).wrap());
    }
    let format = TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        italics,
        ..Default::default()
    };
    let width = ui.available_width().max(40.0);
    let layout = ui.fonts_mut(|f| BidiLayout::build(f, text, &format, width));
    let mut job = layout.job();
    job.wrap.max_width = f32::INFINITY;
    let layout_rtl = layout.rtl;
    let r = ui
        .with_layout(
            if layout_rtl {
                egui::Layout::top_down(Align::Max)
            } else {
                egui::Layout::top_down(Align::Min)
            },
            |ui| ui.add(egui::Label::new(job)),
        )
        .inner;
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    r
}

/// Makes a text field that holds right-to-left text read right. egui edits and
/// draws a field's text in logical order (Persian digits reversed, Latin runs and
/// brackets misplaced), and its editing should stay as it is — the caret walks the
/// logical text, which is what is stored — so, for a field holding such text:
/// - not focused, the text is drawn over egui's in visual order, right-aligned when
///   it is right to left (as a document's paragraphs are);
/// - focused, a preview in visual order floats under the field, so what is typed
///   can be read as it will show.
///
/// Only paint: the field itself (its value for screen readers, clicks, keys) and
/// the layout around it are untouched. `multiline` fields wrap line by line.
pub fn bidi_field(ui: &egui::Ui, field: &egui::Response, text: &str, multiline: bool) {
    if !needs_bidi(text) {
        return;
    }
    let format = TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    // Inside the field's frame and margin.
    let inner = field.rect.shrink2(Vec2::new(4.0, 2.0));
    let width = inner.width().max(20.0);
    let lines = field_lines(ui, text, &format, width, multiline);
    let height: f32 = lines.iter().map(|(g, _)| g.size().y).sum();
    let paint = |painter: &egui::Painter, area: Rect| {
        let mut y = if multiline {
            area.top()
        } else {
            area.center().y - height / 2.0
        };
        for (galley, rtl) in &lines {
            let x = if *rtl {
                area.right() - galley.size().x
            } else {
                area.left()
            };
            // A right-aligned galley's rows lie left of its origin.
            let origin = Pos2::new(x, y) - galley.rect.min.to_vec2();
            painter.galley(origin, galley.clone(), format.color);
            y += galley.size().y;
        }
    };
    if field.has_focus() {
        let layer = egui::LayerId::new(egui::Order::Tooltip, field.id.with("bidi-preview"));
        let painter = ui.ctx().layer_painter(layer);
        let area = Rect::from_min_size(
            Pos2::new(inner.left(), field.rect.bottom() + 6.0),
            Vec2::new(inner.width(), height),
        );
        let frame = area.expand(4.0);
        painter.rect(
            frame,
            4.0,
            ui.visuals().window_fill,
            ui.visuals().window_stroke,
            egui::StrokeKind::Outside,
        );
        paint(&painter, area);
    } else {
        let painter = ui.painter_at(field.rect.shrink(1.0));
        painter.rect_filled(
            field.rect.shrink(1.0),
            2.0,
            ui.visuals().text_edit_bg_color(),
        );
        paint(&painter, inner);
    }
}

/// The lines of a field's text in visual order, each with whether it is right to
/// left: one unwrapped line, or each paragraph wrapped to `width`.
fn field_lines(
    ui: &egui::Ui,
    text: &str,
    format: &TextFormat,
    width: f32,
    multiline: bool,
) -> Vec<(Arc<Galley>, bool)> {
    ui.fonts_mut(|f| {
        if !multiline {
            let mut job = LayoutJob::default();
            append_visual(&mut job, text, format.clone());
            let rtl = BidiInfo::new(text, None)
                .paragraphs
                .first()
                .is_some_and(|p| p.level.is_rtl());
            return vec![(f.layout_job(job), rtl)];
        }
        text.split('\n')
            .map(|line| {
                if line.is_empty() {
                    let mut job = LayoutJob::default();
                    job.append(" ", 0.0, format.clone());
                    return (f.layout_job(job), false);
                }
                let layout = BidiLayout::build(f, line, format, width);
                let mut job = layout.job();
                job.wrap.max_width = f32::INFINITY;
                (f.layout_job(job), layout.rtl)
            })
            .collect()
    })
}

/// A unit laid out in visual order, with the maps between galley chars and the
/// unit's own (logical) char offsets.
#[derive(Debug)]
pub(super) struct BidiLayout {
    /// The paragraph's base direction is right to left (it is right-aligned).
    pub(super) rtl: bool,
    /// The visual-order text to lay out (rows separated by `\n`).
    job: LayoutJob,
    /// For each char of the galley, the logical char it draws ([`NONE`] for `\n`).
    vis_to_log: Vec<u32>,
    /// For each logical char, its index in the galley.
    log_to_vis: Vec<u32>,
    /// For each logical char, whether its resolved level is right to left.
    char_rtl: Vec<bool>,
    /// For each logical char, the chars drawn together with it (a letter and its
    /// marks): they share one box on screen and are stepped over as one.
    group: Vec<(u32, u32)>,
}

/// The unit cut into groups drawn together, as char ranges, each with whether it
/// is drawn on its own (it holds a right-to-left char). A group is a char with the
/// combining marks after it, so a vowel sign is shaped on its letter; format chars
/// (zero-width non-joiner and joiner, bidi marks) are groups of their own: shaped
/// with a letter they would make a right-to-left run of two clusters.
fn groups(chars: &[char]) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let rtl = is_rtl_script(c);
        match out.last_mut() {
            Some(last)
                if is_combining_mark(c)
                    && chars
                        .get(last.0)
                        .is_some_and(|&base| !is_format(base) && !is_combining_mark(base)) =>
            {
                last.1 = i + 1;
                last.2 |= rtl;
            }
            _ => out.push((i, i + 1, rtl)),
        }
    }
    out
}

/// Where a unit's rows break at `width`, as egui wraps text: after whitespace, or
/// inside a word too long for a row; never inside a group (a letter with its
/// marks). Each row is a range of logical chars. Measured with each char's advance
/// in its font (cached per char): Dossier draws every right-to-left letter as a
/// shaped run of its own anyway, and laying the unit out once more just to see
/// where egui would wrap it cost as much as drawing it.
fn break_rows(
    fonts: &mut FontsView<'_>,
    shaped: &[char],
    groups: &[(usize, usize, bool)],
    format: &TextFormat,
    width: f32,
) -> Vec<(usize, usize)> {
    let n = shaped.len();
    // Sums of advances miss what shaping a run of Latin letters or digits adds
    // (kerning, the font's own digit forms): up to about 1.5 % here, so rows are
    // filled to 98 % and never pass the column.
    let width = width * 0.98;
    let mut advance: HashMap<char, f32> = HashMap::new();
    let mut rows = Vec::new();
    let (mut row_start, mut x) = (0usize, 0.0f32);
    // The group after the last whitespace of the row: where it may break.
    let mut after_space: Option<usize> = None;
    let mut g = 0;
    while g < groups.len() {
        let (s, e, _) = groups[g];
        let w: f32 = shaped
            .get(s..e)
            .into_iter()
            .flatten()
            .map(|&c| {
                *advance
                    .entry(c)
                    .or_insert_with(|| fonts.glyph_width(&format.font_id, c))
            })
            .sum();
        let space = shaped.get(s).is_some_and(|c| c.is_whitespace());
        // Whitespace may hang past the edge, as in egui.
        if !space && x + w > width && s > row_start {
            let at = after_space.filter(|&a| a > row_start).unwrap_or(s);
            rows.push((row_start, at));
            row_start = at;
            after_space = None;
            // Measure the rest of the broken word again on the new row.
            x = 0.0;
            g = groups.partition_point(|&(gs, _, _)| gs < at);
            continue;
        }
        x += w;
        if space {
            after_space = Some(e);
        }
        g += 1;
    }
    rows.push((row_start, n));
    rows
}

/// Zero-width format chars (general category Cf) that occur in Persian and
/// bidirectional text.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// Builds a layout job section by section: runs of ordinary chars share a section,
/// each right-to-left grapheme gets one of its own.
struct Sections {
    text: String,
    sections: Vec<LayoutSection>,
    /// The last section takes more ordinary chars.
    open: bool,
    format: TextFormat,
}

impl Sections {
    fn new(format: &TextFormat, capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            sections: Vec::new(),
            open: false,
            format: format.clone(),
        }
    }

    fn push(&mut self, chars: impl Iterator<Item = char>, alone: bool) {
        let start = self.text.len();
        self.text.extend(chars);
        let end = self.text.len();
        if !alone
            && self.open
            && let Some(last) = self.sections.last_mut()
        {
            last.byte_range.end = ByteIndex(end);
            return;
        }
        self.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(start)..ByteIndex(end),
            format: self.format.clone(),
        });
        self.open = !alone;
    }

    fn job(self, halign: Align, width: f32) -> LayoutJob {
        let mut job = LayoutJob {
            text: self.text,
            sections: self.sections,
            halign,
            ..Default::default()
        };
        job.wrap.max_width = width;
        job
    }
}

impl BidiLayout {
    /// Lays out `text` (one unit, no `\n`) for a column `width` points wide.
    pub(super) fn build(
        fonts: &mut FontsView<'_>,
        text: &str,
        format: &TextFormat,
        width: f32,
    ) -> Self {
        let layout = Self::build_with(fonts, text, format, width, false);
        // egui gives one glyph per char as long as no shaped run holds two
        // right-to-left clusters; should a grapheme ever break that, every char
        // goes alone, which always holds.
        if layout.glyph_count(fonts) == layout.chars_drawn() {
            layout
        } else {
            Self::build_with(fonts, text, format, width, true)
        }
    }

    fn build_with(
        fonts: &mut FontsView<'_>,
        text: &str,
        format: &TextFormat,
        width: f32,
        every_char_alone: bool,
    ) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let mut shaped = shaping::contextual_forms(&chars);
        let groups: Vec<(usize, usize, bool)> = if every_char_alone {
            // A mark shaped alone gets a dotted circle (a second glyph): draw it as
            // nothing instead.
            for c in shaped.iter_mut().filter(|c| is_combining_mark(**c)) {
                *c = '\u{200C}';
            }
            (0..n).map(|i| (i, i + 1, true)).collect()
        } else {
            groups(&chars)
        };
        // Pass 1: where the rows break (the shapes' widths do not depend on order).
        let rows = break_rows(fonts, &shaped, &groups, format, width);

        // Pass 2: each row in visual order.
        let mut order = VisualOrder::new(text, &shaped, &groups);
        let rtl = order.base_rtl;
        let mut visual = Sections::new(format, text.len() * 2 + rows.len());
        let mut vis_to_log: Vec<u32> = Vec::with_capacity(n + rows.len());
        for (r, &(rs, re)) in rows.iter().enumerate() {
            if r > 0 {
                visual.push(std::iter::once('\n'), false);
                vis_to_log.push(NONE);
            }
            for (s, e, alone) in order.row((rs, re)) {
                visual.push(order.display(s, e), alone);
                vis_to_log.extend((s..e).map(|k| k as u32));
            }
        }
        let char_rtl = order.char_rtl;
        let mut log_to_vis = vec![0u32; n];
        for (v, &l) in vis_to_log.iter().enumerate() {
            if let Some(slot) = log_to_vis.get_mut(l as usize) {
                *slot = v as u32;
            }
        }
        let mut group = vec![(0u32, 0u32); n];
        for &(gs, ge, _) in &groups {
            for slot in group.get_mut(gs..ge).into_iter().flatten() {
                *slot = (gs as u32, ge as u32);
            }
        }
        let halign = if rtl { Align::RIGHT } else { Align::LEFT };
        Self {
            rtl,
            group,
            job: visual.job(halign, f32::INFINITY),
            vis_to_log,
            log_to_vis,
            char_rtl,
        }
    }

    /// The layout job to hand egui (its galley is what the maps refer to).
    pub(super) fn job(&self) -> LayoutJob {
        self.job.clone()
    }

    /// How many document chars the galley draws.
    fn chars_drawn(&self) -> usize {
        self.log_to_vis.len()
    }

    /// How many glyphs egui gives the visual job.
    fn glyph_count(&self, fonts: &mut FontsView<'_>) -> usize {
        let g = fonts.layout_job(self.job());
        g.rows.iter().map(|r| r.glyphs.len()).sum()
    }

    /// The logical char drawn by galley char `v`, if any.
    fn logical(&self, v: usize) -> Option<usize> {
        self.vis_to_log
            .get(v)
            .filter(|&&l| l != NONE)
            .map(|&l| l as usize)
    }

    /// Whether logical char `l` runs right to left.
    fn is_rtl(&self, l: usize) -> bool {
        self.char_rtl.get(l).copied().unwrap_or(self.rtl)
    }

    /// The logical chars drawn together with logical char `l`.
    fn group_of(&self, l: usize) -> (usize, usize) {
        self.group
            .get(l)
            .map_or((l, l + 1), |&(s, e)| (s as usize, e as usize))
    }

    /// The galley row of galley char `v`, its index in the row, and where the row's
    /// chars start in the galley.
    fn locate(galley: &Galley, v: usize) -> Option<(usize, usize, usize)> {
        let mut start = 0;
        for (r, row) in galley.rows.iter().enumerate() {
            let len = row.glyphs.len();
            if v < start + len {
                return Some((r, v - start, start));
            }
            start += len + usize::from(row.ends_with_newline);
        }
        None
    }

    /// The box of the group holding logical char `l`: its row, the galley index of
    /// the row's first char, the group's first and one-past-last glyph on the row,
    /// and its left and right edge.
    fn group_box(&self, galley: &Galley, l: usize) -> Option<GroupBox> {
        let (gs, ge) = self.group_of(l);
        let v = *self.log_to_vis.get(gs)? as usize;
        let (r, g, start) = Self::locate(galley, v)?;
        let row = galley.rows.get(r)?;
        let end = (g + ge - gs).min(row.glyphs.len());
        let glyphs = row.glyphs.get(g..end)?;
        let x0 = glyphs
            .iter()
            .map(|gl| gl.pos.x)
            .fold(f32::INFINITY, f32::min);
        let x1 = glyphs
            .iter()
            .map(|gl| gl.pos.x + gl.advance_width)
            .fold(f32::NEG_INFINITY, f32::max);
        Some(GroupBox {
            row: r,
            row_start: start,
            glyphs: (g, end),
            x: (row.pos.x + x0, row.pos.x + x1),
        })
    }

    /// Screen rectangles covering logical chars `start..end` (unit offsets): one
    /// per contiguous visual run of them on each row.
    pub(super) fn range_rects(
        &self,
        galley: &Galley,
        origin: Pos2,
        start: usize,
        end: usize,
    ) -> Vec<Rect> {
        let mut rects = Vec::new();
        let mut v = 0;
        for row in &galley.rows {
            let mut run: Option<(f32, f32)> = None;
            let (top, bottom) = (row.pos.y, row.pos.y + row.height());
            let mut close = |run: &mut Option<(f32, f32)>| {
                if let Some((x0, x1)) = run.take() {
                    let r = Rect::from_min_max(Pos2::new(x0, top), Pos2::new(x1, bottom));
                    rects.push(r.translate(origin.to_vec2()));
                }
            };
            for (g, glyph) in row.glyphs.iter().enumerate() {
                let inside = self.logical(v + g).is_some_and(|l| start <= l && l < end);
                if inside {
                    let x0 = row.pos.x + glyph.pos.x;
                    let x1 = x0 + glyph.advance_width;
                    run = Some(run.map_or((x0, x1), |(a, b)| (a.min(x0), b.max(x1))));
                } else {
                    close(&mut run);
                }
            }
            close(&mut run);
            v += row.glyphs.len() + usize::from(row.ends_with_newline);
        }
        rects
    }

    /// The char whose edge shows the caret of logical position `local`, and whether
    /// it is its leading edge (the caret before it) or its trailing edge (after it).
    fn caret_char(&self, local: usize, after: bool) -> Option<(usize, bool)> {
        let n = self.chars_drawn();
        if (after && local > 0) || local >= n {
            Some((local.min(n).checked_sub(1)?, false))
        } else {
            Some((local, true))
        }
    }

    /// The caret before logical char `local` (galley coordinates, zero width): at
    /// the leading edge of char `local`, or, with `after` (or at the end), at the
    /// trailing edge of char `local - 1`. A right-to-left char leads on its right.
    pub(super) fn caret_rect(&self, galley: &Galley, local: usize, after: bool) -> Rect {
        let found = self.caret_char(local, after).and_then(|(c, leading)| {
            let b = self.group_box(galley, c)?;
            let x = if leading != self.is_rtl(c) {
                b.x.0
            } else {
                b.x.1
            };
            let row = galley.rows.get(b.row)?;
            Some(Rect::from_min_max(
                Pos2::new(x, row.pos.y),
                Pos2::new(x, row.pos.y + row.height()),
            ))
        });
        found.unwrap_or(Rect::from_min_size(Pos2::ZERO, Vec2::ZERO))
    }

    /// The row under height `y` (galley coordinates), clamped to the first and last.
    fn row_at(galley: &Galley, y: f32) -> usize {
        galley
            .rows
            .iter()
            .position(|r| y < r.pos.y + r.height())
            .unwrap_or(galley.rows.len().saturating_sub(1))
    }

    /// The galley index of row `r`'s first char.
    fn row_start(galley: &Galley, r: usize) -> usize {
        galley
            .rows
            .iter()
            .take(r)
            .map(|row| row.glyphs.len() + usize::from(row.ends_with_newline))
            .sum()
    }

    /// The group under `p` on its row (the nearest at the row's ends): its first
    /// logical char and its box.
    fn group_at(&self, galley: &Galley, p: Vec2) -> Option<(usize, GroupBox)> {
        let r = Self::row_at(galley, p.y);
        let start = Self::row_start(galley, r);
        let row = galley.rows.get(r)?;
        let last = row.glyphs.len().checked_sub(1)?;
        let g = row
            .glyphs
            .iter()
            .position(|glyph| p.x < row.pos.x + glyph.pos.x + glyph.advance_width)
            .unwrap_or(last);
        let l = self.logical(start + g)?;
        let (gs, _) = self.group_of(l);
        Some((gs, self.group_box(galley, gs)?))
    }

    /// The logical gap (caret position) nearest `p` (galley coordinates).
    pub(super) fn hit(&self, galley: &Galley, p: Vec2) -> usize {
        let Some((l, b)) = self.group_at(galley, p) else {
            return 0;
        };
        let left_half = p.x < (b.x.0 + b.x.1) / 2.0;
        let (gs, ge) = self.group_of(l);
        if left_half != self.is_rtl(l) { gs } else { ge }
    }

    /// The logical char under `p` (galley coordinates).
    pub(super) fn char_at(&self, galley: &Galley, p: Vec2) -> usize {
        self.group_at(galley, p).map_or(0, |(l, _)| l)
    }

    /// The middle of logical char `local` (galley coordinates).
    pub(super) fn char_center(&self, galley: &Galley, local: usize) -> Option<Pos2> {
        let b = self.group_box(galley, local)?;
        let row = galley.rows.get(b.row)?;
        Some(Pos2::new(
            (b.x.0 + b.x.1) / 2.0,
            row.pos.y + row.height() / 2.0,
        ))
    }

    /// Where the caret of logical position `local` is drawn: its galley row, the
    /// gap (0 = before the row's first glyph) on that row, and the galley index of
    /// the row's first char.
    fn caret_gap(&self, galley: &Galley, local: usize) -> Option<(usize, usize, usize)> {
        let (c, leading) = self.caret_char(local, false)?;
        let b = self.group_box(galley, c)?;
        let gap = if leading != self.is_rtl(c) {
            b.glyphs.0
        } else {
            b.glyphs.1
        };
        Some((b.row, gap, b.row_start))
    }

    /// The caret moved one glyph to the left or right on screen from logical
    /// position `local`, as browsers do; `None` at the row's edge (the caller steps
    /// logically into the neighbouring row or unit). Passing a glyph (a letter with
    /// its marks) gives the position on its far side; where a direction changes,
    /// that position may be drawn elsewhere (at its own char's edge), so the caret
    /// moves on until it reaches a gap where its position is drawn: every place a
    /// caret can be drawn on the row is visited.
    pub(super) fn step(&self, galley: &Galley, local: usize, left: bool) -> Option<usize> {
        let (r, mut gap, start) = self.caret_gap(galley, local)?;
        let len = galley.rows.get(r)?.glyphs.len();
        loop {
            let passed = if left {
                self.logical(start + gap.checked_sub(1)?)?
            } else if gap < len {
                self.logical(start + gap)?
            } else {
                return None;
            };
            let (gs, ge) = self.group_of(passed);
            let b = self.group_box(galley, gs)?;
            gap = if left { b.glyphs.0 } else { b.glyphs.1 };
            // The far side of the passed glyph, in logical terms.
            let next = if left == self.is_rtl(passed) { ge } else { gs };
            if next != local && self.caret_gap(galley, next) == Some((r, gap, start)) {
                return Some(next);
            }
        }
    }

    /// Past the edge of its row, the caret goes to the near edge of the adjacent
    /// row, as in a browser: moving onwards (left in a right-to-left paragraph,
    /// right in a left-to-right one) to the start edge of the next row, backwards to
    /// the end edge of the previous one. `None` on the first or last row. (Stepping
    /// one char logically instead goes wrong where a row ends in a run of the other
    /// direction: its visual edge is not its logical end.)
    pub(super) fn beyond_row(&self, galley: &Galley, local: usize, left: bool) -> Option<usize> {
        let (r, _, _) = self.caret_gap(galley, local)?;
        let onwards = left == self.rtl;
        let target = if onwards { r + 1 } else { r.checked_sub(1)? };
        // A row starts on its right in a right-to-left paragraph.
        self.row_edge(galley, target, onwards == self.rtl)
    }

    /// The caret position drawn at the right (or left) edge of galley row `r`:
    /// beside the row's outermost glyph, or, where that position is drawn elsewhere
    /// (a row's logical end is drawn at the next row's start; where two runs meet
    /// a position is drawn at the edge of the char after it), on the glyph's inner
    /// side.
    fn row_edge(&self, galley: &Galley, r: usize, right: bool) -> Option<usize> {
        let start = Self::row_start(galley, r);
        let len = galley.rows.get(r)?.glyphs.len();
        let g = if right { len.checked_sub(1)? } else { 0 };
        let l = self.logical(start + g)?;
        let (gs, ge) = self.group_of(l);
        // A right-to-left glyph's right side is the position before it.
        let (outer, inner) = if right == self.is_rtl(l) {
            (gs, ge)
        } else {
            (ge, gs)
        };
        let edge_gap = if right { len } else { 0 };
        let drawn = |p: usize| self.caret_gap(galley, p).map(|(row, gap, _)| (row, gap));
        Some(if drawn(outer) == Some((r, edge_gap)) {
            outer
        } else if drawn(inner).is_some_and(|(row, _)| row == r) {
            inner
        } else {
            outer
        })
    }

    /// The caret one row up or down from logical position `local`, at `x` (or where
    /// the caret is); `None` on the first/last row. Returns the new position and
    /// the x to keep for further moves.
    pub(super) fn vertical(
        &self,
        galley: &Galley,
        local: usize,
        up: bool,
        x: Option<f32>,
    ) -> Option<(usize, f32)> {
        let caret = self.caret_rect(galley, local, false);
        let r = Self::row_at(galley, caret.center().y);
        let target = if up { r.checked_sub(1)? } else { r + 1 };
        let row = galley.rows.get(target)?;
        let x = x.unwrap_or(caret.center().x);
        let p = Vec2::new(x, row.pos.y + row.height() / 2.0);
        Some((self.hit(galley, p), x))
    }

    #[cfg(test)]
    /// The logical chars in the order the galley draws them, each read back from
    /// its glyph (presentation forms as their letters, mirrored brackets
    /// un-mirrored), rows separated by `\n`: for tests comparing the drawing with
    /// `unicode-bidi`. egui names every glyph of a letter with marks after the
    /// letter, so those chars are taken from `text`, reversed in a right-to-left
    /// run as `unicode-bidi` leaves them (it does not apply rule L3).
    pub(super) fn drawn_text(&self, galley: &Galley, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::new();
        let mut v = 0;
        for (r, row) in galley.rows.iter().enumerate() {
            if r > 0 {
                out.push('\n');
            }
            let mut g = 0;
            while let Some(glyph) = row.glyphs.get(g) {
                let Some(l) = self.logical(v + g) else { break };
                let (gs, ge) = self.group_of(l);
                if ge - gs > 1 {
                    let group = chars[gs..ge].iter();
                    if self.is_rtl(l) {
                        out.extend(group.rev());
                    } else {
                        out.extend(group);
                    }
                    g += ge - gs;
                    continue;
                }
                let c = shaping::base_letter(glyph.chr);
                let c = if self.is_rtl(l) {
                    shaping::mirrored(c).unwrap_or(c)
                } else {
                    c
                };
                out.push(c);
                g += 1;
            }
            v += row.glyphs.len() + usize::from(row.ends_with_newline);
        }
        out
    }

    #[cfg(test)]
    /// The logical char offsets of each drawn row, in drawing order (for tests).
    pub(super) fn drawn_offsets(&self) -> Vec<Vec<usize>> {
        self.vis_to_log
            .split(|&l| l == NONE)
            .map(|row| row.iter().map(|&l| l as usize).collect())
            .collect()
    }
}

/// Where a group of glyphs (a letter and its marks) is on a galley.
struct GroupBox {
    /// Its row.
    row: usize,
    /// The galley index of the row's first char.
    row_start: usize,
    /// Its first and one-past-last glyph on the row.
    glyphs: (usize, usize),
    /// Its left and right edge.
    x: (f32, f32),
}

/// The layouts of a document's bidirectional units, for one set of metrics.
#[derive(Default)]
pub(super) struct BidiCache {
    key: Option<BidiKey>,
    units: HashMap<usize, Arc<BidiLayout>>,
}

/// What a unit's layout depends on besides its text: column width, font size, row
/// height, text colour and pixels per point.
pub(super) type BidiKey = (u32, u32, u32, [u8; 4], u32);

impl BidiCache {
    /// The layout of unit `unit`, built by `build` unless kept from an earlier frame
    /// with the same `key`.
    pub(super) fn get_or_build(
        &mut self,
        key: BidiKey,
        unit: usize,
        build: impl FnOnce() -> BidiLayout,
    ) -> Arc<BidiLayout> {
        if self.key != Some(key)
            || (self.units.len() >= MAX_CACHED_UNITS && !self.units.contains_key(&unit))
        {
            self.units.clear();
            self.key = Some(key);
        }
        self.units
            .entry(unit)
            .or_insert_with(|| Arc::new(build()))
            .clone()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use egui::epaint::text::{FontDefinitions, Fonts, TextOptions};

    /// egui's default fonts with the bundled Arabic font as their fallback, as the app has them.
    fn fonts() -> Fonts {
        let mut defs = FontDefinitions::default();
        let insert = super::super::fonts::arabic_font();
        defs.font_data
            .insert(insert.name.clone(), Arc::new(insert.data));
        for fam in defs.families.values_mut() {
            fam.push(insert.name.clone());
        }
        Fonts::new(TextOptions::default(), defs)
    }

    fn format() -> TextFormat {
        TextFormat {
            font_id: egui::FontId::proportional(16.0),
            line_height: Some(25.0),
            ..Default::default()
        }
    }

    fn lay_out(fonts: &mut Fonts, text: &str, width: f32) -> (BidiLayout, Arc<Galley>) {
        let mut view = fonts.with_pixels_per_point(1.0);
        let b = BidiLayout::build(&mut view, text, &format(), width);
        let g = view.layout_job(b.job());
        (b, g)
    }

    /// `unicode-bidi`'s visual order of the logical chars `rows` (each row a line).
    fn reference(text: &str, rows: &[Vec<usize>]) -> String {
        let info = BidiInfo::new(text, None);
        let para = &info.paragraphs[0];
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        rows.iter()
            .map(|row| {
                let (s, e) = (*row.iter().min().unwrap(), *row.iter().max().unwrap() + 1);
                info.reorder_line(para, byte_of[s]..byte_of[e]).into_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    const MIXED: &str = "سال ۱۳۶۷ (1988) در زندان اوین، Evin Prison، بیش از ۳۰۰۰ نفر اعدام شدند.";

    #[test]
    fn only_right_to_left_units_take_the_bidi_path() {
        assert!(!needs_bidi("Plain English, café, 🙂 and 漢字."));
        assert!(needs_bidi(MIXED));
        assert!(needs_bidi("Digits ٣ only"));
        assert!(needs_bidi("shalom שלום"));
        assert!(needs_bidi("a \u{202E}override"));
    }

    #[test]
    fn glyphs_are_drawn_in_unicode_bidi_visual_order() {
        let mut fonts = fonts();
        for text in [
            MIXED,
            "The trial (دادگاه) opened on ۱۳۶۷/۵/۸ in Tehran.",
            "«حقوق بشر» [گزارش ۲۰۲۳]: 45% of cases",
            "می‌خواهم بَدانم",
            "کتابِ «ما» و‌کتاب‌ها",
        ] {
            for width in [2000.0, 160.0] {
                let (b, g) = lay_out(&mut fonts, text, width);
                let drawn = b.drawn_text(&g, text);
                let rows = b.drawn_offsets();
                assert_eq!(drawn, reference(text, &rows), "{text:?} at {width}");
                // One glyph per char, every char drawn once.
                let mut all: Vec<usize> = rows.concat();
                all.sort_unstable();
                assert_eq!(all, (0..text.chars().count()).collect::<Vec<_>>());
                if width < 1000.0 && text.chars().count() > 30 {
                    assert!(rows.len() > 1, "{text:?} wraps");
                }
            }
        }
        // Persian digits keep their order: ۱۳۶۷ reads 1367, not ۷۶۳۱.
        let (b, g) = lay_out(&mut fonts, MIXED, 2000.0);
        assert!(b.drawn_text(&g, MIXED).contains("۱۳۶۷"));
        assert!(b.rtl);
    }

    #[test]
    fn brackets_are_mirrored_and_letters_joined_in_right_to_left_runs() {
        let mut fonts = fonts();
        let (b, g) = lay_out(&mut fonts, "سال (۱۳۶۷) شد", 2000.0);
        let glyphs: String = g.rows[0].glyphs.iter().map(|gl| gl.chr).collect();
        // Visual order, left to right: شد (dal final, then sheen initial), the year
        // between its brackets (each drawn mirrored, so they still open towards it), سال.
        assert_eq!(
            glyphs, "\u{FEAA}\u{FEB7} (۱۳۶۷) \u{FEDD}\u{FE8E}\u{FEB3}",
            "{glyphs:?}"
        );
        assert!(b.rtl);
    }

    #[test]
    fn labels_are_appended_in_visual_order() {
        let mut fonts = fonts();
        let mut job = LayoutJob::default();
        job.append("disputed ", 0.0, format());
        append_visual(&mut job, "سال ۱۳۶۷ (1988)", format());
        let g = fonts.with_pixels_per_point(1.0).layout_job(job);
        let drawn: String = g.rows[0]
            .glyphs
            .iter()
            .map(|gl| shaping::base_letter(gl.chr))
            .collect();
        // Visual order: the Latin year in its (mirrored, so still opening) brackets,
        // the Persian year in order, then سال reading right to left.
        assert_eq!(drawn, "disputed (1988) ۱۳۶۷ لاس");
        let mut plain = LayoutJob::default();
        append_visual(&mut plain, "Evin prison", format());
        assert_eq!(plain.sections.len(), 1);
    }

    #[test]
    fn right_to_left_paragraphs_are_right_aligned_and_left_to_right_ones_not() {
        let mut fonts = fonts();
        let (b, g) = lay_out(&mut fonts, "سلام دنیا", 400.0);
        assert!(b.rtl);
        assert!(g.rect.max.x.abs() < 1.0, "{:?}", g.rect);
        let (b, g) = lay_out(&mut fonts, "Hello سلام", 400.0);
        assert!(!b.rtl);
        assert!(g.rect.min.x.abs() < 1.0, "{:?}", g.rect);
    }

    #[test]
    fn highlights_cover_exactly_their_glyphs_across_a_direction_change() {
        let mut fonts = fonts();
        let text = "گزارش Amnesty International درباره اعدام‌ها";
        let (b, g) = lay_out(&mut fonts, text, 2000.0);
        let n = text.chars().count();
        // From inside the Persian word to inside the Latin run: two visual runs.
        let (start, end) = (2, 12);
        let rects = b.range_rects(&g, Pos2::ZERO, start, end);
        assert_eq!(rects.len(), 2, "{rects:?}");
        for l in 0..n {
            let c = b.char_center(&g, l).unwrap();
            let inside = rects.iter().any(|r| r.contains(c));
            assert_eq!(inside, (start..end).contains(&l), "char {l}");
        }
    }

    #[test]
    fn hits_and_carets_map_back_to_logical_offsets() {
        let mut fonts = fonts();
        let (b, g) = lay_out(&mut fonts, MIXED, 180.0);
        let n = MIXED.chars().count();
        for l in 0..n {
            let c = b.char_center(&g, l).unwrap();
            assert_eq!(b.char_at(&g, c.to_vec2()), l);
            // Just inside a glyph's leading edge is the gap before it.
            let caret = b.caret_rect(&g, l, false);
            let inward = if b.is_rtl(l) { -0.5 } else { 0.5 };
            let p = Vec2::new(caret.center().x + inward, caret.center().y);
            let glyph = b.char_at(&g, p);
            if glyph == l {
                assert_eq!(b.hit(&g, p), l, "gap before char {l}");
            }
        }
    }

    #[test]
    fn arrows_step_through_every_position_of_a_row_visually() {
        let mut fonts = fonts();
        let text = "سال 1988 بود";
        let (b, g) = lay_out(&mut fonts, text, 2000.0);
        let n = text.chars().count();
        // From the right edge (the start of a right-to-left paragraph) leftwards.
        let mut at = 0;
        let mut seen = vec![at];
        let mut xs = vec![b.caret_rect(&g, at, false).center().x];
        while let Some(next) = b.step(&g, at, true) {
            at = next;
            seen.push(at);
            xs.push(b.caret_rect(&g, at, false).center().x);
            assert!(seen.len() <= 2 * n + 2, "no end: {seen:?}");
        }
        // Every place a caret can be drawn is reached (two positions can share one,
        // where a direction changes: 4 and 8 are both left of "1988").
        let reached: Vec<_> = seen.iter().map(|&p| b.caret_gap(&g, p)).collect();
        for p in 0..=n {
            assert!(reached.contains(&b.caret_gap(&g, p)), "{p} in {seen:?}");
        }
        assert_eq!(seen.len(), n, "{seen:?}");
        // And rightwards back from where it stopped, to the start.
        let mut back = at;
        while let Some(next) = b.step(&g, back, false) {
            back = next;
        }
        assert_eq!(back, 0);
        // Moving left never moves right on screen (within a run the caret moves by glyphs).
        assert!(xs.first().unwrap() > xs.last().unwrap());
    }

    /// One arrow press in the reader within a unit: a glyph, else the next row.
    fn press(b: &BidiLayout, g: &Galley, at: usize, left: bool) -> Option<usize> {
        b.step(g, at, left).or_else(|| b.beyond_row(g, at, left))
    }

    #[test]
    fn arrows_cross_rows_at_their_visual_edges_never_moving_back_on_screen() {
        let mut fonts = fonts();
        let latin_ends = "گزارش Amnesty International درباره Evin Prison منتشر شد و UN Human Rights Council آن را پذیرفت";
        for text in [MIXED, latin_ends] {
            for width in [110.0, 150.0, 200.0, 260.0] {
                let (b, g) = lay_out(&mut fonts, text, width);
                assert!(g.rows.len() >= 2, "{width}: one row");
                let n = text.chars().count();
                let row_of = |p: usize| b.caret_gap(&g, p).unwrap().0;
                let x_of = |p: usize| b.caret_rect(&g, p, false).center().x;
                // Left from the start (the first row's right edge) to the end.
                let mut at = 0;
                let mut seen = vec![at];
                while let Some(next) = press(&b, &g, at, true) {
                    assert!(seen.len() <= 4 * n, "no end: {seen:?}");
                    let (r0, r1) = (row_of(at), row_of(next));
                    if r1 == r0 {
                        assert!(x_of(next) < x_of(at), "{width}: {at} → {next} moved right");
                    } else {
                        // Onto the next row, at its right edge.
                        assert_eq!(r1, r0 + 1, "{width}: {at} → {next} skipped a row");
                        let right = g.rows[r1].rect().right();
                        assert!(
                            (x_of(next) - right).abs() < 12.0,
                            "{width}: {next} not at the right edge: x {} right {right} row {r1} rows {:?}",
                            x_of(next),
                            g.rows
                                .iter()
                                .map(|r| (r.rect().left(), r.rect().right(), r.glyphs.len()))
                                .collect::<Vec<_>>()
                        );
                    }
                    at = next;
                    seen.push(at);
                }
                assert_eq!(row_of(at), g.rows.len() - 1, "{width}: stopped early");
                for p in 0..=n {
                    let gap = b.caret_gap(&g, p);
                    assert!(
                        seen.iter().any(|&q| b.caret_gap(&g, q) == gap),
                        "{width}: position {p} never reached in {seen:?}"
                    );
                }
                // And right, back to the first row, never moving left on a row.
                let mut back = at;
                while let Some(next) = press(&b, &g, back, false) {
                    if row_of(next) == row_of(back) {
                        assert!(
                            x_of(next) > x_of(back),
                            "{width}: {back} → {next} moved left"
                        );
                    } else {
                        assert_eq!(row_of(next) + 1, row_of(back));
                    }
                    back = next;
                }
                assert_eq!(row_of(back), 0);
            }
        }
    }

    #[test]
    fn rows_fit_the_column_and_break_after_spaces() {
        let mut fonts = fonts();
        for text in [MIXED, "یک‌کلمهٔ‌بسیار‌بلند‌بی‌فاصله‌که‌از‌ستون‌پهن‌تر‌است و بعد"]
        {
            for width in [90.0, 140.0, 220.0] {
                let (b, g) = lay_out(&mut fonts, text, width);
                assert!(g.rows.len() >= 2, "{width}: one row");
                let chars: Vec<char> = text.chars().collect();
                let offsets = b.drawn_offsets();
                for (row, logical) in g.rows.iter().zip(&offsets) {
                    // Trailing whitespace may hang past the edge, as in egui.
                    let inked = row
                        .glyphs
                        .iter()
                        .zip(logical)
                        .filter(|(_, l)| !chars[**l].is_whitespace())
                        .map(|(gl, _)| gl.pos.x + gl.advance_width)
                        .fold(0.0f32, f32::max)
                        - row
                            .glyphs
                            .iter()
                            .map(|gl| gl.pos.x)
                            .fold(f32::INFINITY, f32::min);
                    let one_char = logical.len() <= 1;
                    assert!(
                        inked <= width + 0.5 || one_char,
                        "{width}: row {inked} wide: {:?}",
                        logical.iter().map(|&l| chars[l]).collect::<String>()
                    );
                }
                // Every row but the last ends after a space, unless a word alone
                // is wider than the column.
                for logical in &offsets[..offsets.len() - 1] {
                    let last = *logical.iter().max().unwrap();
                    let has_space = logical.iter().any(|&l| chars[l] == ' ');
                    assert!(chars[last] == ' ' || !has_space, "{width}: {logical:?}");
                }
            }
        }
    }
}
