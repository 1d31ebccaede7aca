//! Finding text in a document or across the whole project.
//!
//! Hits are char (Unicode scalar) ranges, end-exclusive, like every offset in the
//! model. Case-insensitive matching compares char by char after a simple per-char
//! lower-casing, so offsets stay exact on any script ("ÉVIN" finds "Évin"; "ß" does
//! not fold to "ss"); it also folds Arabic-script variants and skips vowel signs,
//! tatweel and ZWNJ ([`super::fold`]: "علي" finds "علی", "میخواهم" finds
//! "می‌خواهم", "1367" finds "۱۳۶۷"), the hit covering the skipped chars.

use super::fold;
use super::text::is_word_char;
use super::{Document, DocumentId, Project};

/// How to match.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Match case exactly; otherwise compare chars lower-cased.
    pub case_sensitive: bool,
    /// Only match where the chars just before and after the hit are not word chars
    /// (see [`is_word_char`]).
    pub whole_word: bool,
}

/// Char ranges (start, end) of every occurrence of `needle` in `doc`'s text, in
/// order, non-overlapping. An empty needle has no hits.
pub fn find_in_document(doc: &Document, needle: &str, opts: SearchOptions) -> Vec<(usize, usize)> {
    find_in_text(doc.text(), needle, opts)
}

/// Hits per document, in document order (documents with no hits are left out).
pub fn find_in_project(
    project: &Project,
    needle: &str,
    opts: SearchOptions,
) -> Vec<(DocumentId, Vec<(usize, usize)>)> {
    // Documents are searched in parallel (a corpus holds thousands).
    crate::par::map(project.documents(), 32, |doc| {
        (doc.id, find_in_document(doc, needle, opts))
    })
    .into_iter()
    .filter(|(_, hits)| !hits.is_empty())
    .collect()
}

/// A hit with `n` chars of context on each side, on one line: `…before[hit]after…`.
pub fn hit_in_context(doc: &Document, start: usize, end: usize, n: usize) -> String {
    let before = doc
        .slice(start.saturating_sub(n), start)
        .unwrap_or_default();
    let hit = doc.slice(start, end).unwrap_or_default();
    let after = doc
        .slice(end, (end + n).min(doc.char_len()))
        .unwrap_or_default();
    format!("…{before}[{hit}]{after}…").replace('\n', " ")
}

/// Char ranges of every occurrence of `needle` in `text`, in order, non-overlapping.
pub fn find_in_text(text: &str, needle: &str, opts: SearchOptions) -> Vec<(usize, usize)> {
    let mut hits = Vec::new();
    let pattern: Vec<char> = if opts.case_sensitive {
        needle.chars().collect()
    } else {
        needle
            .chars()
            .filter(|&c| !fold::is_ignorable(c))
            .map(fold)
            .collect()
    };
    let Some(&first) = pattern.first() else {
        return hits;
    };
    let mut candidates = Candidates::new(needle, first, opts.case_sensitive);
    let mut counted_byte = 0;
    let mut counted_chars = 0;
    let mut from = 0;
    while from < text.len() {
        let candidate = candidates.next(text.as_bytes(), from);
        let Some(start) = candidate else {
            break;
        };
        let end = if opts.case_sensitive {
            Some((start + needle.len(), pattern.len()))
        } else {
            match_folded(text, start, &pattern)
        };
        let accepted = end.filter(|&(end, _)| !opts.whole_word || is_whole_word(text, start, end));
        match accepted {
            Some((end, chars)) => {
                counted_chars += text
                    .get(counted_byte..start)
                    .map_or(0, |s| s.chars().count());
                counted_byte = start;
                hits.push((counted_chars, counted_chars + chars));
                from = end;
            }
            None => {
                let step = text
                    .get(start..)
                    .and_then(|t| t.chars().next())
                    .map_or(1, char::len_utf8);
                from = start + step;
            }
        }
    }
    hits
}

/// Where a match may start: the byte offsets of the needle (matching case) or of
/// any char that folds to its first char (any case), found with SIMD searches.
// One per search, on the stack: the size difference of the variants costs nothing.
#[allow(clippy::large_enum_variant)]
enum Candidates {
    /// The needle itself.
    Exact(memchr::memmem::Finder<'static>),
    /// An ASCII first letter in either case.
    AsciiPair(u8, u8),
    /// Every char folding to a non-ASCII first char, each with where it was last
    /// found (`None`: not searched yet; `Some(None)`: no more), so the text is
    /// scanned once per variant.
    Variants(Vec<(memchr::memmem::Finder<'static>, Option<Option<usize>>)>),
}

impl Candidates {
    fn new(needle: &str, first: char, case_sensitive: bool) -> Self {
        if case_sensitive {
            return Self::Exact(memchr::memmem::Finder::new(needle.as_bytes()).into_owned());
        }
        // ASCII first chars have no non-ASCII forms folding to them but the Kelvin
        // sign and the Persian and Arabic-Indic digits.
        if first.is_ascii() && first != 'k' && !first.is_ascii_digit() {
            let b = first as u8;
            return Self::AsciiPair(b, b.to_ascii_uppercase());
        }
        let finders = variants_of(first)
            .into_iter()
            .map(|c| {
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                (memchr::memmem::Finder::new(bytes).into_owned(), None)
            })
            .collect();
        Self::Variants(finders)
    }

    /// The first candidate at or after byte `from`.
    fn next(&mut self, text: &[u8], from: usize) -> Option<usize> {
        let rest = text.get(from..)?;
        match self {
            Self::Exact(f) => f.find(rest).map(|b| from + b),
            Self::AsciiPair(a, b) => memchr::memchr2(*a, *b, rest).map(|x| from + x),
            Self::Variants(finders) => {
                for (finder, next) in finders.iter_mut() {
                    let stale = match next {
                        None => true,
                        Some(Some(n)) => *n < from,
                        Some(None) => false,
                    };
                    if stale {
                        *next = Some(finder.find(rest).map(|b| from + b));
                    }
                }
                finders.iter().filter_map(|(_, n)| n.flatten()).min()
            }
        }
    }
}

/// Every char that [`fold`]s to `folded` (itself included when it folds to itself).
fn variants_of(folded: char) -> Vec<char> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    // The chars that fold to another char, grouped by what they fold to: about 1,400
    // of the 1,114,112, built once on the first search that needs it.
    static FOLDED_FROM: OnceLock<HashMap<char, Vec<char>>> = OnceLock::new();
    let table = FOLDED_FROM.get_or_init(|| {
        let mut t: HashMap<char, Vec<char>> = HashMap::new();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let f = fold(c);
            if f != c {
                t.entry(f).or_default().push(c);
            }
        }
        t
    });
    let mut out: Vec<char> = table.get(&folded).cloned().unwrap_or_default();
    if fold(folded) == folded {
        out.push(folded);
    }
    out
}

/// A char lower-cased when that gives exactly one char; final sigma reads as sigma;
/// Arabic-script variants and digits folded ([`fold::fold_letter`]).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(f) = fold::fold_letter(c) {
        return f;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some('ς'), None) => 'σ',
        (Some(l), None) => l,
        _ => c,
    }
}

/// Byte end and char length of `pattern` (folded chars, no ignorable ones) matched
/// at byte `start` of `text`, if it matches. Ignorable chars of the text between
/// matched chars are skipped, and vowel signs after the last one are taken along.
fn match_folded(text: &str, start: usize, pattern: &[char]) -> Option<(usize, usize)> {
    let mut chars = text.get(start..)?.chars().peekable();
    let (mut end, mut count) = (start, 0);
    for (i, &p) in pattern.iter().enumerate() {
        let mut c = chars.next()?;
        while i > 0 && fold::is_ignorable(c) {
            end += c.len_utf8();
            count += 1;
            c = chars.next()?;
        }
        if fold(c) != p {
            return None;
        }
        end += c.len_utf8();
        count += 1;
    }
    while let Some(&c) = chars.peek().filter(|&&c| fold::is_vowel_mark(c)) {
        end += c.len_utf8();
        count += 1;
        chars.next();
    }
    Some((end, count))
}

/// Whether the chars around byte range `start..end` are not word chars.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::commands::Command;
    use crate::model::SourceMeta;

    const CI: SearchOptions = SearchOptions {
        case_sensitive: false,
        whole_word: false,
    };
    const CS: SearchOptions = SearchOptions {
        case_sensitive: true,
        whole_word: false,
    };

    fn doc(text: &str) -> Document {
        Document::new("t", SourceMeta::default(), text)
    }

    /// The hits as the text they cover, checked against the document's own char slicing.
    fn hit_texts(d: &Document, needle: &str, opts: SearchOptions) -> Vec<String> {
        find_in_document(d, needle, opts)
            .into_iter()
            .map(|(s, e)| d.slice(s, e).unwrap().to_owned())
            .collect()
    }

    #[test]
    fn ascii_hits() {
        let d = doc("Raisi met Rajavi; raisi left. RAISI!");
        assert_eq!(find_in_document(&d, "Raisi", CS), vec![(0, 5)]);
        assert_eq!(
            find_in_document(&d, "raisi", CI),
            vec![(0, 5), (18, 23), (30, 35)]
        );
        assert!(find_in_document(&d, "Khamenei", CI).is_empty());
    }

    #[test]
    fn empty_needle_has_no_hits() {
        let d = doc("abc");
        assert!(find_in_document(&d, "", CI).is_empty());
        assert!(find_in_document(&d, "", CS).is_empty());
        assert!(find_in_document(&doc(""), "a", CI).is_empty());
    }

    #[test]
    fn offsets_are_chars_not_bytes() {
        let d = doc("🙂🙂 Évin prison, فارسی Evin");
        assert_eq!(find_in_document(&d, "Évin", CS), vec![(3, 7)]);
        assert_eq!(find_in_document(&d, "Evin", CS), vec![(22, 26)]);
        assert_eq!(find_in_document(&d, "فارسی", CI), vec![(16, 21)]);
        assert_eq!(hit_texts(&d, "prison", CI), vec!["prison"]);
    }

    #[test]
    fn case_folding_on_non_ascii() {
        let d = doc("🙂 Évin, évin and ÉVIN; Straße STRASSE ΣΟΦΊΑ σοφία");
        assert_eq!(hit_texts(&d, "ÉVIN", CI), vec!["Évin", "évin", "ÉVIN"]);
        assert_eq!(hit_texts(&d, "évin", CI), vec!["Évin", "évin", "ÉVIN"]);
        assert_eq!(hit_texts(&d, "ÉVIN", CS), vec!["ÉVIN"]);
        // No multi-char folding: ß is not ss.
        assert_eq!(hit_texts(&d, "straße", CI), vec!["Straße"]);
        assert_eq!(hit_texts(&d, "σοφία", CI), vec!["ΣΟΦΊΑ", "σοφία"]);
        // Kelvin sign lower-cases to k.
        let d = doc("5 \u{212A} or 5 k");
        assert_eq!(find_in_document(&d, "k", CI), vec![(2, 3), (9, 10)]);
    }

    #[test]
    fn ascii_prefilter_covers_every_fold_to_ascii() {
        // The byte prefilter assumes only the Kelvin sign and the Persian and
        // Arabic-Indic digits fold to ASCII from outside it (digits take the slow path).
        let odd: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| !c.is_ascii() && fold(c).is_ascii() && !fold(c).is_ascii_digit())
            .collect();
        assert_eq!(odd, vec!['\u{212A}']);
    }

    #[test]
    fn every_char_is_a_candidate_for_what_it_folds_to() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32).step_by(7) {
            assert!(variants_of(fold(c)).contains(&c), "{c:?}");
        }
        let d = doc("ΣΟΦΊΑ σοφία ΌΣΟΣ όσος");
        assert_eq!(hit_texts(&d, "σοφία", CI), vec!["ΣΟΦΊΑ", "σοφία"]);
        assert_eq!(hit_texts(&d, "ΌΣΟΣ", CI), vec!["ΌΣΟΣ", "όσος"]);
    }

    #[test]
    fn persian_and_arabic_variants_match_with_exact_offsets() {
        let d = doc("علی كريمي گفت: «می‌خواهم کِتابِ ۱۳۶۷ را بخوانم.» — علي کریمی");
        assert_eq!(hit_texts(&d, "علی", CI), vec!["علی", "علي"]);
        assert_eq!(hit_texts(&d, "کریمی", CI), vec!["كريمي", "کریمی"]);
        assert_eq!(hit_texts(&d, "میخواهم", CI), vec!["می‌خواهم"]);
        assert_eq!(hit_texts(&d, "می‌خواهم", CI), vec!["می‌خواهم"]);
        // A hit keeps the vowel signs of its last letter.
        assert_eq!(hit_texts(&d, "کتاب", CI), vec!["کِتابِ"]);
        assert_eq!(hit_texts(&d, "1367", CI), vec!["۱۳۶۷"]);
        assert_eq!(hit_texts(&d, "كتاب ١٣٦٧", CI), vec!["کِتابِ ۱۳۶۷"]);
        // Offsets are chars of the original text.
        let hits = find_in_document(&d, "میخواهم", CI);
        assert_eq!(hits.len(), 1);
        let (s, e) = hits[0];
        assert_eq!(d.slice(s, e), Some("می‌خواهم"));
        assert_eq!(e - s, 8);
        // Matching case exactly folds nothing.
        assert_eq!(hit_texts(&d, "علی", CS), vec!["علی"]);
        assert!(find_in_document(&d, "\u{064E}", CI).is_empty());
    }

    #[test]
    fn whole_word() {
        let opts = SearchOptions {
            case_sensitive: false,
            whole_word: true,
        };
        let d = doc("Raisin, Raisi's Raisi. raisi_x Raisi");
        // The apostrophe is a word char, so "Raisi's" is not the whole word.
        assert_eq!(
            find_in_document(&d, "Raisi", opts),
            vec![(16, 21), (31, 36)]
        );
        let d = doc("Raisin and Raisi");
        assert_eq!(find_in_document(&d, "Raisi", opts), vec![(11, 16)]);
        assert_eq!(find_in_document(&d, "Raisi", CI), vec![(0, 5), (11, 16)]);
        // A rejected candidate does not hide a later overlapping one.
        let d = doc("aaa aa");
        assert_eq!(find_in_document(&d, "aa", opts), vec![(4, 6)]);
        // Word chars of other scripts count.
        let d = doc("رجوی‌ها رجوی");
        assert_eq!(find_in_document(&d, "رجوی", opts), vec![(8, 12)]);
        let cs = SearchOptions {
            case_sensitive: true,
            whole_word: true,
        };
        let d = doc("Raisin and Raisi");
        assert_eq!(find_in_document(&d, "Raisi", cs), vec![(11, 16)]);
    }

    #[test]
    fn overlapping_needle_hits_do_not_overlap() {
        let d = doc("aaaa");
        assert_eq!(find_in_document(&d, "aa", CS), vec![(0, 2), (2, 4)]);
        assert_eq!(find_in_document(&d, "AA", CI), vec![(0, 2), (2, 4)]);
        assert_eq!(find_in_document(&doc("aaaaa"), "aa", CI).len(), 2);
    }

    #[test]
    fn project_hits_are_grouped_by_document() {
        let mut project = Project::new("p");
        let texts = ["Rajavi spoke.", "Nothing here.", "rajavi and Rajavi"];
        let mut ids = Vec::new();
        for t in texts {
            let d = doc(t);
            ids.push(d.id);
            Command::AddDocument {
                document: Box::new(d),
                index: None,
            }
            .apply(&mut project)
            .unwrap();
        }
        let hits = find_in_project(&project, "Rajavi", CI);
        assert_eq!(
            hits,
            vec![(ids[0], vec![(0, 6)]), (ids[2], vec![(0, 6), (11, 17)])]
        );
        assert!(find_in_project(&project, "", CI).is_empty());
    }

    #[test]
    fn hits_in_a_large_mixed_script_document_are_all_found() {
        let words = [
            "the",
            "regime",
            "Évin",
            "prison",
            "🙂",
            "Raisi",
            "said",
            "فارسی",
        ];
        let mut text = String::new();
        for i in 0..1_000_000 {
            text.push_str(words[i % words.len()]);
            text.push(if i % 17 == 0 { '\n' } else { ' ' });
        }
        // (Its speed is measured by `cargo bench --bench search`.)
        let d = doc(&text);
        assert_eq!(find_in_document(&d, "Raisi", CS).len(), 125_000);
        assert_eq!(find_in_document(&d, "raisi", CI).len(), 125_000);
        assert_eq!(find_in_document(&d, "ÉVIN", CI).len(), 125_000);
        assert!(find_in_document(&d, "Rajavi", CI).is_empty());
        let hits = find_in_document(&d, "فارسی", CI);
        assert_eq!(hits.len(), 125_000);
        assert!(hits.iter().all(|&(s, e)| d.slice(s, e) == Some("فارسی")));
    }
}
