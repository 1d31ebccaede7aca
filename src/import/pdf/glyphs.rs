//! The positioned glyphs of each page, as `pdf-extract` decodes them.
//!
//! `pdf-extract` walks the content streams and resolves fonts, encodings and
//! ToUnicode maps; we only record where each glyph lands. Coordinates are turned
//! so that y grows downwards from the top of the page, as a reader scans it.

use super::lines::{Line, page_lines};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One drawn glyph: where it starts, how far it advances, and the text it stands for.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Glyph {
    /// Left edge, in points from the page's left.
    pub x: f32,
    /// Baseline, in points from the page's top.
    pub y: f32,
    /// Horizontal advance, in points.
    pub advance: f32,
    /// Font size on the page, in points.
    pub size: f32,
    /// The Unicode text the glyph maps to (may be several chars, e.g. a ligature).
    pub text: String,
}

/// The glyphs of one page, in content-stream order.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct PageGlyphs {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The glyphs in the order they are drawn.
    pub glyphs: Vec<Glyph>,
}

/// A page once read: its size and its text lines (the glyphs are not kept, so a
/// long document's memory is its text, not its glyphs).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct PageLines {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// How many glyphs the page drew.
    pub glyphs: usize,
    /// Its lines in drawing order.
    pub lines: Vec<Line>,
}

/// Collects glyphs page by page and turns each page into lines when it ends;
/// stops the walk (with an error) past `max_glyphs`, so a content stream that
/// draws millions of glyphs cannot exhaust memory.
pub(super) struct Collector {
    /// The pages read so far.
    pub pages: Vec<PageLines>,
    current: PageGlyphs,
    flip: Transform,
    glyph_budget: usize,
    exhausted: bool,
}

impl Collector {
    /// A collector that accepts at most `max_glyphs` glyphs in all.
    pub(super) fn new(max_glyphs: usize) -> Self {
        Self {
            pages: Vec::new(),
            current: PageGlyphs::default(),
            flip: Transform::identity(),
            glyph_budget: max_glyphs,
            exhausted: false,
        }
    }
}

impl Collector {
    /// Whether the walk was stopped because the glyph budget ran out.
    pub(super) fn glyph_budget_spent(&self) -> bool {
        self.exhausted
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.flip = Transform::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly);
        self.current = PageGlyphs {
            width: (media_box.urx - media_box.llx).abs() as f32,
            height: (media_box.ury - media_box.lly).abs() as f32,
            glyphs: Vec::new(),
        };
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        let page = std::mem::take(&mut self.current);
        self.pages.push(PageLines {
            width: page.width,
            height: page.height,
            glyphs: page.glyphs.len(),
            lines: page_lines(&page),
        });
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        if self.glyph_budget == 0 {
            self.exhausted = true;
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        self.glyph_budget -= 1;
        let position = trm.post_transform(&self.flip);
        // The side of the square with the area of the scaled em box (as pdf-extract
        // measures it): the size a reader perceives, whatever the text matrix.
        let sx = font_size * (trm.m11 + trm.m21);
        let sy = font_size * (trm.m12 + trm.m22);
        let size = (sx * sy).abs().sqrt();
        let (x, y) = (position.m31, position.m32);
        if !(x.is_finite() && y.is_finite() && size.is_finite() && width.is_finite()) {
            return Ok(());
        }
        {
            self.current.glyphs.push(Glyph {
                x: x as f32,
                y: y as f32,
                advance: (width * size) as f32,
                size: size as f32,
                text: text.to_owned(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}
