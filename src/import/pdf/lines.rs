//! From positioned glyphs to the text lines of a page.
//!
//! Glyphs drawn one after the other on the same baseline form a line (super- and
//! subscripts stay on it); inside a line, glyphs are read in visual order, a space is
//! inserted where the gap between two glyphs is wider than a letter space, and wide
//! gaps (table cells, a header's date and title) split the line into segments.
//! Right-to-left lines are turned back into logical order ([`super::rtl`]).

use super::glyphs::{Glyph, PageGlyphs};
use super::rtl;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A baseline shift up to this share of the font size stays on the same line.
const SAME_LINE_SHIFT: f32 = 0.45;
/// A gap wider than this share of the font size between two glyphs is a space.
const SPACE_GAP: f32 = 0.18;
/// Where the producer draws space glyphs, only a gap wider than this share of the
/// font size is a space it left out.
const DRAWN_SPACES_GAP: f32 = 0.6;
/// A gap wider than this share of the font size splits a line into segments.
const SEGMENT_GAP: f32 = 2.5;

/// A run of text on one line with no wide gap inside.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Segment {
    /// Left edge in points.
    pub x0: f32,
    /// Right edge in points.
    pub x1: f32,
    /// Logical text, single-spaced, trimmed.
    pub text: String,
}

/// One line of text on a page.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Line {
    /// Left edge in points.
    pub x0: f32,
    /// Right edge in points.
    pub x1: f32,
    /// Baseline, from the page's top, in points.
    pub y: f32,
    /// The font size most of its characters are set in.
    pub size: f32,
    /// Whether it reads right to left.
    pub rtl: bool,
    /// Width of the word the line starts with (logically), in points: whether it
    /// would have fitted on the line before tells a wrapped line from a hard break.
    pub first_word_width: f32,
    /// Its segments in reading order.
    pub segments: Vec<Segment>,
}

impl Line {
    /// The line's text: segments joined by a tab.
    pub(super) fn text(&self) -> String {
        let parts: Vec<&str> = self.segments.iter().map(|s| s.text.as_str()).collect();
        parts.join("\t")
    }
}

/// The text a glyph contributes: ligatures and presentation forms unfolded, no-break
/// spaces made plain, invisible characters dropped (soft hyphens are kept for the
/// hyphenation step).
pub(super) fn clean_glyph_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(' ')
            }
            '\t' | '\n' | '\r' => out.push(' '),
            '\u{feff}' | '\u{200b}' => {}
            c if c.is_control() => {}
            c if is_presentation_form(c) => out.extend(std::iter::once(c).nfkc()),
            c => out.push(c),
        }
    }
    out
}

/// Latin ligatures (ﬁ, ﬂ, ﬀ…), Armenian and Hebrew presentation forms, and the
/// Arabic contextual forms PDF fonts map their shaped glyphs to: the reader wants
/// the letters, as typed.
fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{fb00}'..='\u{fdff}' | '\u{fe70}'..='\u{fefe}')
}

fn is_space(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

fn is_arabic_letter(text: &str) -> bool {
    text.chars().any(rtl::is_rtl_char)
}

/// The lines of a page, in the order they are drawn.
pub(super) fn page_lines(page: &PageGlyphs) -> Vec<Line> {
    // Producers that draw space glyphs (browsers, word processors) position every
    // glyph exactly: only a wide gap is a missing space there, so a font's wrong
    // width table cannot split words. Others (TeX) leave word gaps undrawn.
    let spaces = page.glyphs.iter().filter(|g| is_space(&g.text)).count();
    let space_gap = if spaces * 20 >= page.glyphs.len() {
        DRAWN_SPACES_GAP
    } else {
        SPACE_GAP
    };
    let mut lines = Vec::new();
    let mut current: Vec<Glyph> = Vec::new();
    for g in &page.glyphs {
        let text = clean_glyph_text(&g.text);
        if text.is_empty() || g.size <= 0.0 {
            continue;
        }
        let glyph = Glyph { text, ..g.clone() };
        if let Some(first) = current.first() {
            let size = first.size.max(glyph.size);
            if (glyph.y - first.y).abs() > SAME_LINE_SHIFT * size {
                lines.extend(build_line(std::mem::take(&mut current), space_gap));
            }
        }
        current.push(glyph);
    }
    lines.extend(build_line(current, space_gap));
    lines
}

/// Puts a line's glyphs in visual order. Runs drawn left to right stay as drawn
/// (a ligature's parts may overlap, so sorting glyph by glyph would scramble them);
/// runs are sorted by where they start; a line drawn right to left is reversed.
fn visual_order(mut glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let (mut forward, mut backward) = (0usize, 0usize);
    for w in glyphs.windows(2) {
        let tolerance = 0.3 * w[0].size;
        if w[1].x > w[0].x + tolerance {
            forward += 1;
        } else if w[1].x < w[0].x - tolerance {
            backward += 1;
        }
    }
    if backward > forward {
        glyphs.reverse();
    }
    let mut runs: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        let starts_run = runs
            .last()
            .and_then(|r| r.last())
            .is_none_or(|prev| g.x < prev.x - 0.5 * prev.size);
        if starts_run {
            runs.push(Vec::new());
        }
        if let Some(run) = runs.last_mut() {
            run.push(g);
        }
    }
    runs.sort_by(|a, b| {
        let ax = a.first().map_or(0.0, |g| g.x);
        let bx = b.first().map_or(0.0, |g| g.x);
        ax.total_cmp(&bx)
    });
    runs.into_iter().flatten().collect()
}

/// Puts each combining mark (a hamza above, an accent drawn apart) after the letter
/// it sits on: the neighbour whose box holds it, else the nearer one. In a
/// right-to-left run the mark is often drawn before its letter.
fn attach_marks(glyphs: Vec<Glyph>) -> Vec<Glyph> {
    let is_mark = |g: &Glyph| g.text.chars().next().is_some_and(is_combining_mark);
    if !glyphs.iter().any(is_mark) {
        return glyphs;
    }
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    let mut pending: Vec<Glyph> = Vec::new();
    let mut iter = glyphs.into_iter().peekable();
    while let Some(g) = iter.next() {
        if !is_mark(&g) {
            out.push(g);
            // Marks waiting for the letter after them land on this one.
            if let Some(base) = out.last_mut() {
                for m in pending.drain(..) {
                    base.text.push_str(&m.text);
                }
            }
            continue;
        }
        let next = iter.peek().filter(|n| !is_mark(n));
        let prev = out.last();
        let contains = |b: &Glyph| g.x >= b.x - 0.1 * b.size && g.x <= b.x + b.advance.max(0.0);
        let distance = |b: &Glyph| (b.x + b.advance.max(0.0) / 2.0 - g.x).abs();
        let to_next = match (prev, next) {
            (None, Some(_)) => true,
            (Some(_), None) | (None, None) => false,
            (Some(p), Some(n)) => match (contains(p), contains(n)) {
                (false, true) => true,
                (true, false) => false,
                _ => distance(n) < distance(p),
            },
        };
        if to_next {
            pending.push(g);
        } else if let Some(base) = out.last_mut() {
            base.text.push_str(&g.text);
        } else {
            out.push(g);
        }
    }
    if let Some(base) = out.last_mut() {
        for m in pending.drain(..) {
            base.text.push_str(&m.text);
        }
    }
    out
}

/// Turns the glyphs of one line into a [`Line`], or nothing if it holds only spaces.
fn build_line(glyphs: Vec<Glyph>, space_gap: f32) -> Option<Line> {
    // A glyph drawn twice at the same place (fake bold) is read once.
    let mut unique: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let tolerance = 0.05 * g.size.max(1.0);
        let seen = unique.iter().rev().take(64).any(|u| {
            (u.x - g.x).abs() < tolerance && (u.y - g.y).abs() < tolerance && u.text == g.text
        });
        if !seen {
            unique.push(g);
        }
    }
    let mut glyphs = attach_marks(visual_order(unique));
    // A glyph whose font gives no width (some monospace subsets) advances to the
    // next glyph drawn after it.
    for i in 0..glyphs.len() {
        let starts_with_mark = glyphs[i].text.chars().next().is_some_and(is_combining_mark);
        if glyphs[i].advance <= 0.01 && !starts_with_mark {
            let size = glyphs[i].size;
            glyphs[i].advance = match glyphs.get(i + 1) {
                Some(next) if next.x > glyphs[i].x && next.x - glyphs[i].x < 1.5 * size => {
                    next.x - glyphs[i].x
                }
                _ => 0.5 * size,
            };
        }
    }
    // Zero-width "spaces" (how some producers draw a ZWNJ): the glyph after them
    // starts where they do.
    let zero_width: Vec<bool> = (0..glyphs.len())
        .map(|i| {
            let g = &glyphs[i];
            is_space(&g.text)
                && g.advance > 0.0
                && glyphs
                    .get(i + 1)
                    .is_some_and(|next| (next.x - g.x).abs() < 0.2 * g.advance)
        })
        .collect();
    if glyphs.iter().all(|g| is_space(&g.text)) {
        return None;
    }
    let rtl = rtl::is_rtl_line(glyphs.iter().map(|g| g.text.as_str()));
    let size = dominant_size(glyphs.iter());
    let baseline = dominant_baseline(glyphs.iter(), size);

    // Visual units per segment, with spaces where the glyphs leave a gap.
    let mut segments: Vec<(f32, f32, Vec<String>)> = Vec::new();
    let mut prev_end: Option<f32> = None;
    for (k, g) in glyphs.iter().enumerate() {
        let gap = prev_end.map(|end| g.x - end);
        if gap.is_none_or(|gap| gap > SEGMENT_GAP * g.size.max(size * 0.5)) {
            segments.push((g.x, g.x, Vec::new()));
        } else if gap.is_some_and(|gap| gap > space_gap * g.size)
            && let Some(seg) = segments.last_mut()
        {
            seg.2.push(" ".into());
        }
        let Some(seg) = segments.last_mut() else {
            continue;
        };
        if zero_width[k] {
            let before = k.checked_sub(1).map(|j| glyphs[j].text.as_str());
            let after = glyphs.get(k + 1).map(|n| n.text.as_str());
            if before.is_some_and(is_arabic_letter) && after.is_some_and(is_arabic_letter) {
                seg.2.push("\u{200c}".into());
            }
            prev_end = Some(g.x);
            continue;
        }
        seg.2.push(g.text.clone());
        let end = g.x + g.advance.max(0.0);
        seg.1 = seg.1.max(end);
        prev_end = Some(prev_end.map_or(end, |p| if is_space(&g.text) { end.max(p) } else { end }));
    }
    let mut segments: Vec<Segment> = segments
        .into_iter()
        .filter_map(|(x0, x1, units)| {
            let text = collapse_spaces(&rtl::logical_text(&units, rtl));
            (!text.is_empty()).then_some(Segment { x0, x1, text })
        })
        .collect();
    if rtl {
        segments.reverse();
    }
    let first = segments.first()?;
    let x0 = segments.iter().map(|s| s.x0).fold(f32::INFINITY, f32::min);
    let x1 = segments
        .iter()
        .map(|s| s.x1)
        .fold(f32::NEG_INFINITY, f32::max);
    let first_word_width = first_word_width(first, &glyphs, rtl);
    Some(Line {
        x0,
        x1,
        y: baseline,
        size,
        rtl,
        first_word_width,
        segments,
    })
}

/// Width of the logically first word of a segment, measured on its glyphs.
fn first_word_width(seg: &Segment, glyphs: &[Glyph], rtl: bool) -> f32 {
    let inside = glyphs
        .iter()
        .filter(|g| g.x >= seg.x0 - 0.01 && g.x <= seg.x1);
    let glyphs: Vec<&Glyph> = if rtl {
        inside.collect::<Vec<_>>().into_iter().rev().collect()
    } else {
        inside.collect()
    };
    let mut lo = f32::INFINITY;
    let mut hi = f32::NEG_INFINITY;
    for g in glyphs {
        if is_space(&g.text) {
            if lo.is_finite() {
                break;
            }
            continue;
        }
        lo = lo.min(g.x);
        hi = hi.max(g.x + g.advance);
    }
    if lo.is_finite() { hi - lo } else { 0.0 }
}

/// The font size that most characters of a line are set in.
fn dominant_size<'a>(glyphs: impl Iterator<Item = &'a Glyph>) -> f32 {
    let mut counts: Vec<(f32, usize)> = Vec::new();
    for g in glyphs.filter(|g| !is_space(&g.text)) {
        let size = (g.size * 2.0).round() / 2.0;
        match counts.iter_mut().find(|(s, _)| *s == size) {
            Some((_, n)) => *n += g.text.chars().count(),
            None => counts.push((size, g.text.chars().count())),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)))
        .map_or(0.0, |(s, _)| s)
}

/// The baseline of the line's main text (not of its superscripts).
fn dominant_baseline<'a>(glyphs: impl Iterator<Item = &'a Glyph>, size: f32) -> f32 {
    let mut ys: Vec<f32> = glyphs
        .filter(|g| !is_space(&g.text) && (g.size - size).abs() < 0.5)
        .map(|g| g.y)
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.get(ys.len() / 2).copied().unwrap_or(0.0)
}

/// Runs of spaces made one space; the ends trimmed.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// In Persian text, Arabic-Indic digits (U+0660–0669) as Extended Arabic-Indic
/// (U+06F0–06F9). Fonts draw both from one glyph, which the PDF maps back to only
/// one of them; a document that writes Persian (its own digits, or letters only
/// Persian has) means the Persian ones. Char-for-char, so offsets do not move.
pub(super) fn persian_digits(text: &str) -> String {
    let persian = text
        .chars()
        .any(|c| matches!(c, '\u{6f0}'..='\u{6f9}' | 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی'));
    if !persian {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            '\u{660}'..='\u{669}' => char::from_u32(c as u32 + 0x90).unwrap_or(c),
            c => c,
        })
        .collect()
}
