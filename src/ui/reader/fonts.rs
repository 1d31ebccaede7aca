//! The fonts Dossier brings along: Noto Naskh Arabic, so Persian and Arabic text
//! renders on any machine, not only where a system font happens to cover it.
//!
//! It goes after egui's own fonts in both families, as a fallback: Latin text keeps
//! egui's look, and only the chars those fonts lack (Arabic script, its digits and
//! its presentation forms, which the reader draws Arabic letters with) come from it. The
//! font is under the SIL Open Font License 1.1 (`assets/fonts/OFL.txt`).

use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};

/// The name the bundled Arabic-script font is registered under.
pub const ARABIC_FONT: &str = "Noto Naskh Arabic";

/// The font file (Noto Naskh Arabic Regular 2.004, OFL 1.1).
const NOTO_NASKH_ARABIC: &[u8] =
    include_bytes!("../../../assets/fonts/NotoNaskhArabic-Regular.ttf");

/// Adds the bundled fonts to `ctx` as fallbacks of the proportional and monospace
/// families (once: adding them again does nothing).
pub fn install(ctx: &egui::Context) {
    ctx.add_font(arabic_font());
}

/// The bundled Arabic-script font as a lowest-priority fallback of both families.
pub fn arabic_font() -> FontInsert {
    FontInsert::new(
        ARABIC_FONT,
        FontData::from_static(NOTO_NASKH_ARABIC),
        [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    )
}
