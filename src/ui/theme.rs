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

    /// The colour of a claim status, readable as text on this page and on the
    /// panels (4.5:1).
    pub fn status(&self, s: ClaimStatus) -> Color32 {
        let (r, g, b) = match s {
            ClaimStatus::Unverified => (0x80, 0x80, 0x80),
            ClaimStatus::Corroborated => (0x1b, 0x9e, 0x77),
            ClaimStatus::Disputed => (0xd9, 0x5f, 0x02),
            ClaimStatus::False => (0xc0, 0x20, 0x20),
        };
        // A little above the minimum, for the lighter striped rows of lists.
        readable(
            Color32::from_rgb(r, g, b),
            self.panel(),
            TEXT_CONTRAST + 0.3,
        )
    }

    /// The text colour that reads best on a fill of colour `fill`.
    pub fn text_on(fill: Color32) -> Color32 {
        if contrast(Color32::BLACK, fill) >= contrast(Color32::WHITE, fill) {
            Color32::BLACK
        } else {
            Color32::WHITE
        }
    }

    /// The panels' background in this theme (see [`visuals`]).
    pub fn panel(&self) -> Color32 {
        visuals(self.dark).panel_fill
    }

    /// The tint a tag's highlight lays over the page (opaque, pre-blended).
    pub fn tint(&self, tag: Color) -> Color32 {
        blend(self.background, to_color32(tag), self.tint_alpha)
    }

    /// `below` with one more highlight layer of `tag` on top: nested spans darken.
    pub fn layer(&self, below: Color32, tag: Color) -> Color32 {
        blend(below, to_color32(tag), self.tint_alpha)
    }

    /// The tag colour made strong enough to mark a highlight on this page: an
    /// underline or outline in it stands out from the page at 3:1 (WCAG 1.4.11),
    /// whatever the tag's own colour.
    pub fn strong(&self, tag: Color) -> Color32 {
        // Against its own tint, which is nearer to it than the page: then it
        // stands out from the page too.
        let mark = readable(to_color32(tag), self.tint(tag), MARK_CONTRAST);
        readable(mark, self.background, MARK_CONTRAST)
    }
}

/// The contrast text needs against its background (WCAG AA).
pub const TEXT_CONTRAST: f64 = 4.5;

/// The contrast a mark (underline, outline, badge border) needs (WCAG 1.4.11).
pub const MARK_CONTRAST: f64 = 3.0;

/// `c`, darkened (on a light background) or lightened (on a dark one) just enough to
/// reach `min` contrast against `bg`.
pub fn readable(c: Color32, bg: Color32, min: f64) -> Color32 {
    let towards = if luminance(bg) > 0.18 {
        Color32::BLACK
    } else {
        Color32::WHITE
    };
    (0..=20)
        .map(|i| blend(c, towards, i as f32 / 20.0))
        .find(|x| contrast(*x, bg) >= min)
        .unwrap_or(towards)
}

/// Colours the tag editor offers: distinct, and each passing the contrast rules
/// in both themes (checked by the tests).
pub const TAG_PALETTE: [Color; 10] = [
    Color([0xe6, 0x9f, 0x00]),
    Color([0x00, 0x72, 0xb2]),
    Color([0xcc, 0x79, 0xa7]),
    Color([0x00, 0x9e, 0x73]),
    Color([0xd5, 0x5e, 0x00]),
    Color([0x56, 0xb4, 0xe9]),
    Color([0x8c, 0x56, 0x4b]),
    Color([0x7f, 0x3c, 0x8d]),
    Color([0x11, 0xa5, 0x79]),
    Color([0x99, 0x99, 0x33]),
];

/// egui's visuals for the light or dark theme, with every text colour (body, weak,
/// disabled, links, warnings, errors, selected) at 4.5:1 or more against the
/// backgrounds it is drawn on.
pub fn visuals(dark: bool) -> egui::Visuals {
    let mut v = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    let (text, weak, strong) = if dark {
        (
            Color32::from_gray(222),
            Color32::from_gray(172),
            Color32::WHITE,
        )
    } else {
        (
            Color32::from_gray(34),
            Color32::from_gray(92),
            Color32::BLACK,
        )
    };
    v.widgets.noninteractive.fg_stroke.color = text;
    v.widgets.inactive.fg_stroke.color = text;
    v.widgets.hovered.fg_stroke.color = strong;
    v.widgets.active.fg_stroke.color = strong;
    v.widgets.open.fg_stroke.color = strong;
    v.weak_text_color = Some(weak);
    // Disabled widgets fade, but their text stays readable.
    v.disabled_alpha = 0.72;
    let bg = v.panel_fill;
    v.hyperlink_color = readable(v.hyperlink_color, bg, TEXT_CONTRAST + 0.3);
    v.warn_fg_color = readable(v.warn_fg_color, bg, TEXT_CONTRAST + 0.3);
    v.error_fg_color = readable(v.error_fg_color, bg, TEXT_CONTRAST + 0.3);
    v.selection.stroke.color = Page::text_on(v.selection.bg_fill);
    v
}

/// Makes egui draw with [`visuals`] in both themes.
pub fn apply(ctx: &egui::Context) {
    ctx.set_visuals_of(egui::Theme::Light, visuals(false));
    ctx.set_visuals_of(egui::Theme::Dark, visuals(true));
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

    /// Every text colour against every background it is drawn on, both themes.
    #[test]
    fn all_text_reads_at_aa_contrast_in_both_themes() {
        for dark in [false, true] {
            let v = visuals(dark);
            let backgrounds = [
                ("panel", v.panel_fill),
                ("window", v.window_fill),
                ("text field", v.text_edit_bg_color()),
                // `faint_bg_color` is additive: it is added to what is below.
                (
                    "striped row",
                    Color32::from_rgb(
                        v.panel_fill.r().saturating_add(v.faint_bg_color.r()),
                        v.panel_fill.g().saturating_add(v.faint_bg_color.g()),
                        v.panel_fill.b().saturating_add(v.faint_bg_color.b()),
                    ),
                ),
            ];
            for (bg_name, bg) in backgrounds {
                let disabled = blend(bg, v.text_color(), v.disabled_alpha);
                for (name, fg) in [
                    ("text", v.text_color()),
                    ("weak text", v.weak_text_color()),
                    ("disabled text", disabled),
                    ("link", v.hyperlink_color),
                    ("warning", v.warn_fg_color),
                    ("error", v.error_fg_color),
                ] {
                    let r = contrast(fg, bg);
                    assert!(r >= 4.5, "{name} on {bg_name}, dark={dark}: {r:.2}");
                }
                for s in ClaimStatus::ALL {
                    let r = contrast(Page::new(dark).status(s), bg);
                    assert!(r >= 4.5, "status {s:?} on {bg_name}, dark={dark}: {r:.2}");
                    let fill = Page::new(dark).status(s);
                    let r = contrast(Page::text_on(fill), fill);
                    assert!(r >= 4.5, "text on status {s:?}, dark={dark}: {r:.2}");
                }
            }
            // Buttons: their text on their fill, in every state.
            for (state, w) in [
                ("inactive", v.widgets.inactive),
                ("hovered", v.widgets.hovered),
                ("active", v.widgets.active),
            ] {
                let r = contrast(w.fg_stroke.color, w.weak_bg_fill);
                assert!(r >= 4.5, "{state} button text, dark={dark}: {r:.2}");
                let r = contrast(w.fg_stroke.color, w.bg_fill);
                assert!(r >= 4.5, "{state} widget text, dark={dark}: {r:.2}");
            }
            let r = contrast(v.selection.stroke.color, v.selection.bg_fill);
            assert!(r >= 4.5, "selected text, dark={dark}: {r:.2}");
        }
    }

    /// Every tag colour the editor offers: its mark stands out from the page at 3:1,
    /// and text stays at 4.5:1 on its tint, one to three layers deep.
    #[test]
    fn every_offered_tag_colour_marks_highlights_visibly() {
        for dark in [false, true] {
            let page = Page::new(dark);
            for c in TAG_PALETTE {
                let r = contrast(page.strong(c), page.background);
                assert!(r >= 3.0, "mark of {c}, dark={dark}: {r:.2}");
                let mut fill = page.background;
                for depth in 1..=3 {
                    fill = page.layer(fill, c);
                    let r = contrast(page.text, fill);
                    assert!(
                        r >= 4.5,
                        "text on {depth} layers of {c}, dark={dark}: {r:.2}"
                    );
                    let r = contrast(page.strong(c), fill);
                    assert!(
                        r >= 3.0 || depth > 1,
                        "mark on its tint {c}, dark={dark}: {r:.2}"
                    );
                }
            }
            // Mixed layers of different palette colours.
            for a in TAG_PALETTE {
                for b in TAG_PALETTE {
                    let two = page.layer(page.tint(a), b);
                    let r = contrast(page.text, two);
                    assert!(r >= 4.5, "text on {a}+{b}, dark={dark}: {r:.2}");
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
