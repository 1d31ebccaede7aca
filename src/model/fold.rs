//! Folding Arabic-script variants for matching (find, the annotation filter).
//!
//! Persian text typed on an Arabic keyboard, or copied from an Arabic source, uses
//! other code points for the same letters: Arabic yeh `ي` and alef maksura `ى` for
//! Persian yeh `ی`, Arabic kaf `ك` for keheh `ک`. Vowel signs (harakat), the
//! superscript alef, tatweel (the joining stroke) and the zero-width non-joiner
//! (Persian's half-space, often typed as nothing or as a space) change nothing a
//! reader would search for. Folding maps each char to at most one char, so a match
//! in folded text maps back to exact char offsets of the original:
//!
//! - [`fold_letter`]: `ي ى → ی`, `ك → ک`, `ة ۀ → ه`, `أ إ ٱ → ا` (hamza-carrying
//!   and wasla alefs; `آ` stays a letter of its own, as in Persian spelling),
//!   Persian and Arabic-Indic digits → ASCII digits;
//! - [`is_ignorable`]: harakat U+064B–U+065F, superscript alef U+0670, tatweel
//!   U+0640 and ZWNJ U+200C are skipped, so `میخواهم` finds `می‌خواهم` and `کتاب`
//!   finds `کِتاب`.
//!
//! Entity suggestions (`fuzzy`) fold the same variants in their own normaliser.

/// The folded form of an Arabic-script letter variant or digit, if `c` is one.
pub fn fold_letter(c: char) -> Option<char> {
    Some(match c {
        'ي' | 'ى' => 'ی',
        'ك' => 'ک',
        'ة' | 'ۀ' => 'ه',
        'أ' | 'إ' | 'ٱ' => 'ا',
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => return None,
    })
}

/// Whether `c` is skipped when matching: a vowel sign, the superscript alef,
/// tatweel or the zero-width non-joiner.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}'
    )
}

/// Whether `c` is a vowel sign (or superscript alef) that belongs with the letter
/// before it: a match ending at that letter takes its marks too.
pub fn is_vowel_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// `s` lower-cased, Arabic-script variants folded and ignorable chars dropped:
/// for substring filters (`fold_text(haystack).contains(&fold_text(needle))`).
pub fn fold_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(f) = fold_letter(c) {
            out.push(f);
        } else if !is_ignorable(c) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_persian_variants_fold_together() {
        assert_eq!(fold_text("علي"), fold_text("علی"));
        assert_eq!(fold_text("كريمي"), fold_text("کریمی"));
        assert_eq!(fold_text("مصطفى"), fold_text("مصطفی"));
        assert_eq!(fold_text("می‌خواهم"), fold_text("میخواهم"));
        assert_eq!(fold_text("کِتابُ"), "کتاب");
        assert_eq!(fold_text("قـــانون"), "قانون");
        assert_eq!(fold_text("سال ۱۳۶۷ و ١٩٨٨"), "سال 1367 و 1988");
        assert_eq!(fold_text("Evin ZINDAN"), "evin zindan");
        // آ stays apart from ا.
        assert_ne!(fold_text("آب"), fold_text("اب"));
        assert!(fold_text("گزارش سازمان عفو بين‌الملل").contains(&fold_text("بینالملل")));
    }

    #[test]
    fn entity_suggestions_fold_the_same_variants() {
        use super::super::fuzzy::score;
        assert_eq!(score("علي رضايي", "علی رضایی"), 1.0);
        assert_eq!(score("كاظم رجوي", "کاظم رجوی"), 1.0);
        assert_eq!(score("مَریَم رجوی", "مریم رجوی"), 1.0);
        assert_eq!(score("حسینعلی منتظری", "حسین‌علی منتظری"), 1.0);
        assert!(score("آیت‌الله منتظری", "حسینعلی منتظری") >= super::super::fuzzy::MIN_SCORE);
    }
}
