//! From the visual order of glyphs on a line back to the logical order of the text.
//!
//! A PDF stores right-to-left text (Persian, Arabic, Hebrew) as it is drawn: glyph by
//! glyph from left to right. The reader needs the logical order, the order in which
//! the text was typed. On a right-to-left line the runs are reversed, except the
//! left-to-right pieces inside it (Latin words, digits) which keep their order;
//! mirrored characters drawn in a right-to-left run (brackets, guillemets) are swapped
//! back; and combining marks stay after the letter they sit on.

use unicode_bidi::{BidiClass, bidi_class};
use unicode_normalization::char::is_combining_mark;

/// What a cluster contributes to the direction of the text around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A right-to-left letter (Hebrew, Arabic, Syriac, Thaana, …).
    Rtl,
    /// A left-to-right letter.
    Ltr,
    /// A digit (European or Arabic-Indic).
    Number,
    /// A sign that sticks to an adjacent number (`%`, `٪`, `$`, `°`, `#`).
    NumberSign,
    /// A separator inside a number (`,`, `.`, `:`, `/`, `٫`, `٬`).
    NumberSeparator,
    /// Everything else: spaces, punctuation, symbols.
    Neutral,
}

fn char_kind(c: char) -> Option<Kind> {
    match bidi_class(c) {
        BidiClass::R | BidiClass::AL => Some(Kind::Rtl),
        BidiClass::L => Some(Kind::Ltr),
        BidiClass::EN | BidiClass::AN => Some(Kind::Number),
        BidiClass::ET => Some(Kind::NumberSign),
        BidiClass::CS | BidiClass::ES => Some(Kind::NumberSeparator),
        BidiClass::NSM | BidiClass::BN => None,
        _ => Some(Kind::Neutral),
    }
}

/// The kind of a cluster: its strongest character.
fn cluster_kind(text: &str) -> Kind {
    let mut kind = Kind::Neutral;
    for k in text.chars().filter_map(char_kind) {
        match k {
            Kind::Rtl | Kind::Ltr => return k,
            Kind::Number => kind = Kind::Number,
            Kind::NumberSign | Kind::NumberSeparator if kind == Kind::Neutral => kind = k,
            _ => {}
        }
    }
    kind
}

/// Whether a char is written right to left (a strong R or AL character).
pub(super) fn is_rtl_char(c: char) -> bool {
    matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Whether a line whose glyph texts are `units` reads right to left: more strong
/// right-to-left characters than left-to-right letters.
pub(super) fn is_rtl_line<'a>(units: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in units.into_iter().flat_map(str::chars) {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL => rtl += 1,
            BidiClass::L => ltr += 1,
            _ => {}
        }
    }
    rtl > ltr
}

/// The character a mirrored glyph stands for when drawn in a right-to-left run.
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        '⟨' => '⟩',
        '⟩' => '⟨',
        '﴾' => '﴿',
        '﴿' => '﴾',
        other => other,
    }
}

/// Groups glyph texts into clusters: a glyph that starts with a combining mark
/// belongs to the glyph before it.
fn clusters(units: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(units.len());
    for u in units {
        let starts_with_mark = u.chars().next().is_some_and(is_combining_mark);
        match out.last_mut() {
            Some(last) if starts_with_mark => last.push_str(u),
            _ => out.push(u.clone()),
        }
    }
    out
}

/// The logical text of a line given its glyph texts in visual (left-to-right) order.
///
/// Producers disagree on what a mirrored glyph maps back to: the character typed
/// (`«` drawn as `»`) or the one drawn. Brackets are taken as drawn unless reading
/// them mirrored closes pairs that would otherwise open backwards (`)name(`).
pub(super) fn logical_text(units: &[String], rtl: bool) -> String {
    let as_drawn = ordered_text(units, rtl, false);
    if !as_drawn.chars().any(|c| mirror(c) != c) {
        return as_drawn;
    }
    let mirrored = ordered_text(units, rtl, true);
    // Mirroring swaps characters in place, so the two readings align char by char;
    // each kind of bracket is decided on its own.
    let mut out = String::with_capacity(as_drawn.len());
    let pairs = PAIRS
        .map(|(open, close)| oddness(&mirrored, open, close) < oddness(&as_drawn, open, close));
    for (drawn, mirror_read) in as_drawn.chars().zip(mirrored.chars()) {
        let kind = PAIRS
            .iter()
            .position(|&(o, c)| drawn == o || drawn == c || mirror_read == o || mirror_read == c);
        out.push(match kind {
            Some(k) if pairs[k] => mirror_read,
            _ => drawn,
        });
    }
    out
}

/// The bracket pairs that mirror in right-to-left text.
const PAIRS: [(char, char); 5] = [('(', ')'), ('[', ']'), ('{', '}'), ('«', '»'), ('‹', '›')];

/// How odd the brackets `open`/`close` look in `text`: pairs that close before they
/// open, and brackets on the wrong side of their word (`)word`, `word(`).
fn oddness(text: &str, open: char, close: char) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut odd = 2 * backwards_pairs(text, open, close);
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        let blank = |x: Option<char>| x.is_none_or(char::is_whitespace);
        if c == open && (word(before) || blank(after)) {
            odd += 1;
        }
        if c == close && (blank(before) || word(after)) {
            odd += 1;
        }
    }
    odd
}

/// How many `open`/`close` pairs close before they open: an unmatched closer always
/// comes before an unmatched opener.
fn backwards_pairs(text: &str, open: char, close: char) -> usize {
    let (mut depth, mut orphan_close) = (0usize, 0usize);
    for c in text.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth > 0 {
                depth -= 1;
            } else {
                orphan_close += 1;
            }
        }
    }
    orphan_close.min(depth)
}

fn ordered_text(units: &[String], rtl: bool, mirrored: bool) -> String {
    let cs = clusters(units);
    let kinds: Vec<Kind> = cs.iter().map(|c| cluster_kind(c)).collect();
    let mut out = String::new();
    if rtl {
        push_rtl_run(&cs, &kinds, mirrored, &mut out);
    } else {
        // A left-to-right line: only runs of right-to-left text (with the neutrals
        // and numbers between their letters) are reversed.
        let mut i = 0;
        while i < cs.len() {
            if kinds[i] != Kind::Rtl {
                out.push_str(&cs[i]);
                i += 1;
                continue;
            }
            let mut end = i;
            let mut j = i + 1;
            while j < cs.len() && kinds[j] != Kind::Ltr {
                if kinds[j] == Kind::Rtl {
                    end = j;
                }
                j += 1;
            }
            push_rtl_run(&cs[i..=end], &kinds[i..=end], mirrored, &mut out);
            i = end + 1;
        }
    }
    out
}

/// Appends a right-to-left run: its pieces in reverse order, where a piece is a
/// left-to-right run (Latin words, numbers, kept as drawn) or a single other
/// cluster (mirrored if `mirrored`).
fn push_rtl_run(cs: &[String], kinds: &[Kind], mirrored: bool, out: &mut String) {
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let end = ltr_run_end(kinds, i);
        match end {
            Some(end) => {
                pieces.push((i, end));
                i = end + 1;
            }
            None => {
                pieces.push((i, i));
                i += 1;
            }
        }
    }
    for &(start, end) in pieces.iter().rev() {
        if mirrored && start == end && !matches!(kinds[start], Kind::Ltr | Kind::Number) {
            out.extend(cs[start].chars().map(mirror));
        } else {
            for c in &cs[start..=end] {
                out.push_str(c);
            }
        }
    }
}

/// If a left-to-right run starts at `i`, its last index. A run starts with a
/// letter or digit (or a number sign right before a digit), and extends over
/// letters, digits and the neutrals between them; a run that starts with a
/// digit is a number and only spans digits, separators and signs.
fn ltr_run_end(kinds: &[Kind], i: usize) -> Option<usize> {
    let starts_number = match kinds[i] {
        Kind::Ltr => false,
        Kind::Number => true,
        Kind::NumberSign if kinds.get(i + 1) == Some(&Kind::Number) => true,
        _ => return None,
    };
    let mut end = i;
    let mut j = i + 1;
    while j < kinds.len() {
        match kinds[j] {
            Kind::Rtl => break,
            Kind::Ltr if starts_number => break,
            Kind::Ltr | Kind::Number => end = j,
            Kind::NumberSign if kinds[end] == Kind::Number && j == end + 1 => end = j,
            Kind::Neutral if starts_number => break,
            _ => {}
        }
        j += 1;
    }
    Some(end)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<String> {
        s.chars().map(String::from).collect()
    }

    #[test]
    fn a_persian_line_with_a_latin_name_and_digits_reads_logically() {
        // Drawn left to right: "(Maryam Rezaei) ییاضر" for "رضایی (Maryam Rezaei)".
        let visual = "(Maryam Rezaei) ییاضر ۴۵۰ زا";
        assert_eq!(
            logical_text(&units(visual), true),
            "از ۴۵۰ رضایی (Maryam Rezaei)"
        );
    }

    #[test]
    fn guillemets_are_mirrored_back_when_pairs_would_open_backwards() {
        assert_eq!(logical_text(&units("«نابز»"), true), "«زبان»");
        assert_eq!(logical_text(&units("»نابز«"), true), "«زبان»");
        assert_eq!(logical_text(&units("نابز«"), true), "«زبان");
    }

    #[test]
    fn a_combining_mark_stays_after_its_letter() {
        // heh + hamza above, drawn in that order, then zeh, waw, heh… reversed.
        let visual = vec![
            "ه".to_string(),
            "\u{654}".to_string(),
            "ز".into(),
            "و".into(),
            "ح".into(),
        ];
        assert_eq!(logical_text(&visual, true), "حوزه\u{654}");
    }

    #[test]
    fn a_percent_sign_stays_with_its_number() {
        assert_eq!(logical_text(&units("۲۰٪ ات"), true), "تا ۲۰٪");
    }

    #[test]
    fn an_rtl_word_inside_a_latin_line_is_reversed() {
        assert_eq!(
            logical_text(&units("the word مالس here"), false),
            "the word سلام here"
        );
    }
}
