//! The colours views draw with, for the light or dark theme: the reading page,
//! highlights that keep text readable (WCAG AA, 4.5:1), and claim-status badges.

use crate::model::{ClaimStatus, Color};
use egui::Color32;

/// How strongly a tag's colour tints the light page behind its text.
pub const TINT_ALPHA_LIGHT: f32 = 0.28;

/// The same on the dark page, lighter so three nested layers keep 4.5:1 with light text.
pub const TINT_ALPHA_DARK: f32 = 0.2;

/// Colours of the reading page for one theme.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Page {
    /// Page background.
    pub background: Color32,
    /// Body text.
    pub text: Color32,
    /// Whether the theme is dark.
    pub dark: bool,
    /// Opacity of one highlight layer.
    pub tint_alpha: f32,
}

impl Page {
    /// The page of the light or dark theme.
    pub fn new(dark: bool) -> Self {
        if dark {
            Self {
                background: Color32::from_rgb(0x1e, 0x1f, 0x22),
                text: Color32::from_rgb(0xe8, 0xe6, 0xe3),
                dark,
                tint_alpha: TINT_ALPHA_DARK,
            }
        } else {
            Self {
                background: Color32::from_rgb(0xfc, 0xfb, 0xf8),
                text: Color32::from_rgb(0x1a, 0x1a, 0x1a),
                dark,
                tint_alpha: TINT_ALPHA_LIGHT,
            }
        }
    }

    /// The page for the theme egui is drawing with.
    pub fn from_visuals(visuals: &egui::Visuals) -> Self {
        Self::new(visuals.dark_mode)
    }

    /// The colour of a claim status badge on this page.
    pub fn status(&self, s: ClaimStatus) -> Color32 {
        let (r, g, b) = match s {
            ClaimStatus::Unverified => (0x80, 0x80, 0x80),
            ClaimStatus::Corroborated => (0x1b, 0x9e, 0x77),
            ClaimStatus::Disputed => (0xd9, 0x5f, 0x02),
            ClaimStatus::False => (0xc0, 0x20, 0x20),
        };
        let c = Color32::from_rgb(r, g, b);
        if self.dark {
            blend(c, Color32::WHITE, 0.2)
        } else {
            c
        }
    }

    /// The tint a tag's highlight lays over the page (opaque, pre-blended).
    pub fn tint(&self, tag: Color) -> Color32 {
        blend(self.background, to_color32(tag), self.tint_alpha)
    }

    /// `below` with one more highlight layer of `tag` on top: nested spans darken.
    pub fn layer(&self, below: Color32, tag: Color) -> Color32 {
        blend(below, to_color32(tag), self.tint_alpha)
    }

    /// The tag colour made strong enough to read as a line or badge on this page.
    pub fn strong(&self, tag: Color) -> Color32 {
        let c = to_color32(tag);
        if self.dark {
            blend(c, Color32::WHITE, 0.25)
        } else {
            c
        }
    }
}

/// An sRGB colour as an egui colour.
pub fn to_color32(c: Color) -> Color32 {
    let [r, g, b] = c.0;
    Color32::from_rgb(r, g, b)
}

/// `a` with `b` laid over it at opacity `t`, in sRGB space (as the screen composites).
pub fn blend(a: Color32, b: Color32, t: f32) -> Color32 {
    let mix = |x: u8, y: u8| {
        (x as f32 + (y as f32 - x as f32) * t)
            .round()
            .clamp(0.0, 255.0) as u8
    };
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

/// WCAG relative luminance.
pub fn luminance(c: Color32) -> f64 {
    let lin = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// WCAG contrast ratio between two colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TagSet;

    #[test]
    fn every_highlight_keeps_aa_contrast_in_both_themes() {
        let tags = TagSet::default();
        for dark in [false, true] {
            let page = Page::new(dark);
            assert!(contrast(page.text, page.background) >= 7.0);
            // One, two and three layers of every combination of tags (nested spans).
            for a in &tags.tags {
                let one = page.tint(a.color);
                let r = contrast(page.text, one);
                assert!(r >= 4.5, "{} alone, dark={dark}: {r:.2}", a.key);
                for b in &tags.tags {
                    let two = page.layer(one, b.color);
                    let r = contrast(page.text, two);
                    assert!(r >= 4.5, "{} in {}, dark={dark}: {r:.2}", b.key, a.key);
                    for c in &tags.tags {
                        let three = page.layer(two, c.color);
                        let r = contrast(page.text, three);
                        assert!(
                            r >= 4.5,
                            "{}+{}+{}, dark={dark}: {r:.2}",
                            a.key,
                            b.key,
                            c.key
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 1e-9);
    }
}
