//! Arabic-script letters in the shape their neighbours give them, for display only.
//!
//! egui shapes each run of text with harfrust but does not reorder bidirectional
//! text, and its glyph list for a right-to-left run does not line up with the run's
//! chars. So the reader hands it Arabic-script text one grapheme at a time, already
//! in visual order (see `bidi`), and draws each letter in its contextual form
//! (isolated, final, initial, medial) from the Arabic Presentation Forms blocks,
//! which the bundled font covers. The mapping is one char to one char (no lam-alef
//! ligature), so every drawn glyph stands for exactly one char of the document and
//! offsets map back exactly.

/// Presentation forms of the Arabic-script letters that have them:
/// `[isolated, final, initial, medial]`, `'\0'` where a letter has no such form.
/// Generated from the Unicode decomposition mappings of the Presentation Forms-A and
/// -B blocks.
const FORMS: &[(char, [char; 4])] = &[
    ('\u{0621}', ['\u{FE80}', '\0', '\0', '\0']), // Hamza
    ('\u{0622}', ['\u{FE81}', '\u{FE82}', '\0', '\0']), // Alef With Madda Above
    ('\u{0623}', ['\u{FE83}', '\u{FE84}', '\0', '\0']), // Alef With Hamza Above
    ('\u{0624}', ['\u{FE85}', '\u{FE86}', '\0', '\0']), // Waw With Hamza Above
    ('\u{0625}', ['\u{FE87}', '\u{FE88}', '\0', '\0']), // Alef With Hamza Below
    ('\u{0626}', ['\u{FE89}', '\u{FE8A}', '\u{FE8B}', '\u{FE8C}']), // Yeh With Hamza Above
    ('\u{0627}', ['\u{FE8D}', '\u{FE8E}', '\0', '\0']), // Alef
    ('\u{0628}', ['\u{FE8F}', '\u{FE90}', '\u{FE91}', '\u{FE92}']), // Beh
    ('\u{0629}', ['\u{FE93}', '\u{FE94}', '\0', '\0']), // Teh Marbuta
    ('\u{062A}', ['\u{FE95}', '\u{FE96}', '\u{FE97}', '\u{FE98}']), // Teh
    ('\u{062B}', ['\u{FE99}', '\u{FE9A}', '\u{FE9B}', '\u{FE9C}']), // Theh
    ('\u{062C}', ['\u{FE9D}', '\u{FE9E}', '\u{FE9F}', '\u{FEA0}']), // Jeem
    ('\u{062D}', ['\u{FEA1}', '\u{FEA2}', '\u{FEA3}', '\u{FEA4}']), // Hah
    ('\u{062E}', ['\u{FEA5}', '\u{FEA6}', '\u{FEA7}', '\u{FEA8}']), // Khah
    ('\u{062F}', ['\u{FEA9}', '\u{FEAA}', '\0', '\0']), // Dal
    ('\u{0630}', ['\u{FEAB}', '\u{FEAC}', '\0', '\0']), // Thal
    ('\u{0631}', ['\u{FEAD}', '\u{FEAE}', '\0', '\0']), // Reh
    ('\u{0632}', ['\u{FEAF}', '\u{FEB0}', '\0', '\0']), // Zain
    ('\u{0633}', ['\u{FEB1}', '\u{FEB2}', '\u{FEB3}', '\u{FEB4}']), // Seen
    ('\u{0634}', ['\u{FEB5}', '\u{FEB6}', '\u{FEB7}', '\u{FEB8}']), // Sheen
    ('\u{0635}', ['\u{FEB9}', '\u{FEBA}', '\u{FEBB}', '\u{FEBC}']), // Sad
    ('\u{0636}', ['\u{FEBD}', '\u{FEBE}', '\u{FEBF}', '\u{FEC0}']), // Dad
    ('\u{0637}', ['\u{FEC1}', '\u{FEC2}', '\u{FEC3}', '\u{FEC4}']), // Tah
    ('\u{0638}', ['\u{FEC5}', '\u{FEC6}', '\u{FEC7}', '\u{FEC8}']), // Zah
    ('\u{0639}', ['\u{FEC9}', '\u{FECA}', '\u{FECB}', '\u{FECC}']), // Ain
    ('\u{063A}', ['\u{FECD}', '\u{FECE}', '\u{FECF}', '\u{FED0}']), // Ghain
    ('\u{0641}', ['\u{FED1}', '\u{FED2}', '\u{FED3}', '\u{FED4}']), // Feh
    ('\u{0642}', ['\u{FED5}', '\u{FED6}', '\u{FED7}', '\u{FED8}']), // Qaf
    ('\u{0643}', ['\u{FED9}', '\u{FEDA}', '\u{FEDB}', '\u{FEDC}']), // Kaf
    ('\u{0644}', ['\u{FEDD}', '\u{FEDE}', '\u{FEDF}', '\u{FEE0}']), // Lam
    ('\u{0645}', ['\u{FEE1}', '\u{FEE2}', '\u{FEE3}', '\u{FEE4}']), // Meem
    ('\u{0646}', ['\u{FEE5}', '\u{FEE6}', '\u{FEE7}', '\u{FEE8}']), // Noon
    ('\u{0647}', ['\u{FEE9}', '\u{FEEA}', '\u{FEEB}', '\u{FEEC}']), // Heh
    ('\u{0648}', ['\u{FEED}', '\u{FEEE}', '\0', '\0']), // Waw
    ('\u{0649}', ['\u{FEEF}', '\u{FEF0}', '\u{FBE8}', '\u{FBE9}']), // Alef Maksura
    ('\u{064A}', ['\u{FEF1}', '\u{FEF2}', '\u{FEF3}', '\u{FEF4}']), // Yeh
    ('\u{0671}', ['\u{FB50}', '\u{FB51}', '\0', '\0']), // Alef Wasla
    ('\u{0677}', ['\u{FBDD}', '\0', '\0', '\0']), // U With Hamza Above
    ('\u{0679}', ['\u{FB66}', '\u{FB67}', '\u{FB68}', '\u{FB69}']), // Tteh
    ('\u{067A}', ['\u{FB5E}', '\u{FB5F}', '\u{FB60}', '\u{FB61}']), // Tteheh
    ('\u{067B}', ['\u{FB52}', '\u{FB53}', '\u{FB54}', '\u{FB55}']), // Beeh
    ('\u{067E}', ['\u{FB56}', '\u{FB57}', '\u{FB58}', '\u{FB59}']), // Peh
    ('\u{067F}', ['\u{FB62}', '\u{FB63}', '\u{FB64}', '\u{FB65}']), // Teheh
    ('\u{0680}', ['\u{FB5A}', '\u{FB5B}', '\u{FB5C}', '\u{FB5D}']), // Beheh
    ('\u{0683}', ['\u{FB76}', '\u{FB77}', '\u{FB78}', '\u{FB79}']), // Nyeh
    ('\u{0684}', ['\u{FB72}', '\u{FB73}', '\u{FB74}', '\u{FB75}']), // Dyeh
    ('\u{0686}', ['\u{FB7A}', '\u{FB7B}', '\u{FB7C}', '\u{FB7D}']), // Tcheh
    ('\u{0687}', ['\u{FB7E}', '\u{FB7F}', '\u{FB80}', '\u{FB81}']), // Tcheheh
    ('\u{0688}', ['\u{FB88}', '\u{FB89}', '\0', '\0']), // Ddal
    ('\u{068C}', ['\u{FB84}', '\u{FB85}', '\0', '\0']), // Dahal
    ('\u{068D}', ['\u{FB82}', '\u{FB83}', '\0', '\0']), // Ddahal
    ('\u{068E}', ['\u{FB86}', '\u{FB87}', '\0', '\0']), // Dul
    ('\u{0691}', ['\u{FB8C}', '\u{FB8D}', '\0', '\0']), // Rreh
    ('\u{0698}', ['\u{FB8A}', '\u{FB8B}', '\0', '\0']), // Jeh
    ('\u{06A4}', ['\u{FB6A}', '\u{FB6B}', '\u{FB6C}', '\u{FB6D}']), // Veh
    ('\u{06A6}', ['\u{FB6E}', '\u{FB6F}', '\u{FB70}', '\u{FB71}']), // Peheh
    ('\u{06A9}', ['\u{FB8E}', '\u{FB8F}', '\u{FB90}', '\u{FB91}']), // Keheh
    ('\u{06AD}', ['\u{FBD3}', '\u{FBD4}', '\u{FBD5}', '\u{FBD6}']), // Ng
    ('\u{06AF}', ['\u{FB92}', '\u{FB93}', '\u{FB94}', '\u{FB95}']), // Gaf
    ('\u{06B1}', ['\u{FB9A}', '\u{FB9B}', '\u{FB9C}', '\u{FB9D}']), // Ngoeh
    ('\u{06B3}', ['\u{FB96}', '\u{FB97}', '\u{FB98}', '\u{FB99}']), // Gueh
    ('\u{06BA}', ['\u{FB9E}', '\u{FB9F}', '\0', '\0']), // Noon Ghunna
    ('\u{06BB}', ['\u{FBA0}', '\u{FBA1}', '\u{FBA2}', '\u{FBA3}']), // Rnoon
    ('\u{06BE}', ['\u{FBAA}', '\u{FBAB}', '\u{FBAC}', '\u{FBAD}']), // Heh Doachashmee
    ('\u{06C0}', ['\u{FBA4}', '\u{FBA5}', '\0', '\0']), // Heh With Yeh Above
    ('\u{06C1}', ['\u{FBA6}', '\u{FBA7}', '\u{FBA8}', '\u{FBA9}']), // Heh Goal
    ('\u{06C5}', ['\u{FBE0}', '\u{FBE1}', '\0', '\0']), // Kirghiz Oe
    ('\u{06C6}', ['\u{FBD9}', '\u{FBDA}', '\0', '\0']), // Oe
    ('\u{06C7}', ['\u{FBD7}', '\u{FBD8}', '\0', '\0']), // U
    ('\u{06C8}', ['\u{FBDB}', '\u{FBDC}', '\0', '\0']), // Yu
    ('\u{06C9}', ['\u{FBE2}', '\u{FBE3}', '\0', '\0']), // Kirghiz Yu
    ('\u{06CB}', ['\u{FBDE}', '\u{FBDF}', '\0', '\0']), // Ve
    ('\u{06CC}', ['\u{FBFC}', '\u{FBFD}', '\u{FBFE}', '\u{FBFF}']), // Farsi Yeh
    ('\u{06D0}', ['\u{FBE4}', '\u{FBE5}', '\u{FBE6}', '\u{FBE7}']), // E
    ('\u{06D2}', ['\u{FBAE}', '\u{FBAF}', '\0', '\0']), // Yeh Barree
    ('\u{06D3}', ['\u{FBB0}', '\u{FBB1}', '\0', '\0']), // Yeh Barree With Hamza Above
];

/// How a char joins its neighbours (Unicode's Joining_Type, simplified).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Joining {
    /// Joins on both sides (beh, seen, lam…).
    Dual,
    /// Joins only to the letter before it (alef, dal, reh, waw…).
    Right,
    /// Makes its neighbours join but has no forms (tatweel, zero-width joiner).
    Causing,
    /// Skipped when looking for neighbours (vowel signs and other marks).
    Transparent,
    /// Joins nothing (spaces, digits, Latin, zero-width non-joiner…).
    None,
}

/// The forms of `c`, if it is a letter with presentation forms.
fn forms(c: char) -> Option<&'static [char; 4]> {
    FORMS
        .binary_search_by_key(&c, |&(base, _)| base)
        .ok()
        .and_then(|i| FORMS.get(i))
        .map(|(_, f)| f)
}

fn joining(c: char) -> Joining {
    if let Some(&[_, fina, init, medi]) = forms(c) {
        return if fina != '\0' && init != '\0' && medi != '\0' {
            Joining::Dual
        } else if fina != '\0' {
            Joining::Right
        } else {
            Joining::None
        };
    }
    match c {
        '\u{0640}' | '\u{200D}' => Joining::Causing,
        '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{08D3}'..='\u{08FF}' => Joining::Transparent,
        _ => Joining::None,
    }
}

/// `chars` (logical order) with every Arabic-script letter replaced by the
/// presentation form its neighbours call for; same length, one char for one char.
pub(super) fn contextual_forms(chars: &[char]) -> Vec<char> {
    let mut out = chars.to_vec();
    if !chars.iter().any(|&c| forms(c).is_some()) {
        return out;
    }
    let joinings: Vec<Joining> = chars.iter().map(|&c| joining(c)).collect();
    // How the nearest non-transparent neighbour on one side joins.
    let neighbour = |i: usize, back: bool| -> Joining {
        let mut j = i;
        loop {
            let next = if back { j.checked_sub(1) } else { Some(j + 1) };
            match next.and_then(|n| joinings.get(n).map(|&t| (n, t))) {
                Some((n, Joining::Transparent)) => j = n,
                Some((_, t)) => return t,
                None => return Joining::None,
            }
        }
    };
    for (i, slot) in out.iter_mut().enumerate() {
        let Some(f) = forms(*slot) else { continue };
        let own = joinings.get(i).copied().unwrap_or(Joining::None);
        if own == Joining::None {
            continue;
        }
        let before = matches!(neighbour(i, true), Joining::Dual | Joining::Causing);
        let after = own == Joining::Dual
            && matches!(
                neighbour(i, false),
                Joining::Dual | Joining::Right | Joining::Causing
            );
        let form = match (before, after) {
            (false, false) => f[0],
            (true, false) => f[1],
            (false, true) => f[2],
            (true, true) => f[3],
        };
        if form != '\0' {
            *slot = form;
        }
    }
    out
}

#[cfg(test)]
/// The letter a presentation form stands for (the inverse of [`contextual_forms`]
/// for one char); other chars are returned as they are.
pub(super) fn base_letter(c: char) -> char {
    if !('\u{FB50}'..='\u{FEFF}').contains(&c) {
        return c;
    }
    FORMS
        .iter()
        .find(|(_, f)| f.contains(&c))
        .map_or(c, |&(base, _)| base)
}

/// The mirrored glyph of a bracket or another paired char, drawn in a right-to-left
/// run (UAX #9 rule L4), if it has one.
pub(super) fn mirrored(c: char) -> Option<char> {
    const PAIRS: &[(char, char)] = &[
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('≤', '≥'),
        ('⁅', '⁆'),
        ('⁽', '⁾'),
        ('₍', '₎'),
        ('〈', '〉'),
        ('⟨', '⟩'),
        ('﴾', '﴿'),
    ];
    PAIRS.iter().find_map(|&(open, close)| {
        if c == open {
            Some(close)
        } else if c == close {
            Some(open)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shaped(s: &str) -> String {
        contextual_forms(&s.chars().collect::<Vec<_>>())
            .into_iter()
            .collect()
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert!(FORMS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn letters_take_their_contextual_forms() {
        // سلام: seen initial, lam medial, alef final, meem isolated (alef does not join on).
        assert_eq!(shaped("سلام"), "\u{FEB3}\u{FEE0}\u{FE8E}\u{FEE1}");
        // پدر: peh initial, dal final, reh isolated (dal joins only backwards).
        assert_eq!(shaped("پدر"), "\u{FB58}\u{FEAA}\u{FEAD}");
        // A zero-width non-joiner breaks the join: می‌خواهم.
        assert_eq!(
            shaped("می\u{200C}خواهم"),
            "\u{FEE3}\u{FBFD}\u{200C}\u{FEA7}\u{FEEE}\u{FE8D}\u{FEEB}\u{FEE2}"
        );
        // Vowel signs are transparent: بَب joins across the fatha.
        assert_eq!(shaped("بَب"), "\u{FE91}\u{064E}\u{FE90}");
        // Latin, digits and spaces pass through; one char for one char.
        let mixed = "سال ۱۳۶۷ (1988) was";
        assert_eq!(shaped(mixed).chars().count(), mixed.chars().count());
        assert!(shaped(mixed).ends_with(" ۱۳۶۷ (1988) was"));
    }

    #[test]
    fn every_form_maps_back_to_its_letter() {
        for &(base, f) in FORMS {
            for &c in f.iter().filter(|&&c| c != '\0') {
                assert_eq!(base_letter(c), base, "{c:?}");
            }
        }
        assert_eq!(base_letter('a'), 'a');
        assert_eq!(mirrored('('), Some(')'));
        assert_eq!(mirrored(']'), Some('['));
        assert_eq!(mirrored('a'), None);
    }
}
