//! Code points to UTF-16 code units and back, exactly, on book-length texts.
//!
//! Dossier counts Unicode scalar values (code points). JavaScript strings — and so
//! the web front ends of doccano and Label Studio — count UTF-16 code units, where
//! a character outside the Basic Multilingual Plane (an emoji, a flag's regional
//! indicators, many CJK extension ideographs) counts 2. A [`Utf16Map`] keeps the
//! positions of those characters only, so converting one offset is a binary search.

/// Converts offsets of one text between code points and UTF-16 code units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Utf16Map {
    /// Code-point offsets of the characters that take two UTF-16 units, ascending.
    astral: Vec<usize>,
    /// Length of the text in code points.
    len: usize,
}

impl Utf16Map {
    /// Scans `text` once.
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return Self {
                astral: Vec::new(),
                len: text.len(),
            };
        }
        let mut astral = Vec::new();
        let mut len = 0;
        for c in text.chars() {
            if c.len_utf16() == 2 {
                astral.push(len);
            }
            len += 1;
        }
        Self { astral, len }
    }

    /// The UTF-16 offset of code-point offset `cp` (`cp` may equal the length).
    pub fn to_utf16(&self, cp: usize) -> usize {
        cp + self.astral.partition_point(|&a| a < cp)
    }

    /// The code-point offset of UTF-16 offset `u`, or `None` when `u` is past the end
    /// or falls between the two halves of a surrogate pair.
    pub fn to_code_points(&self, u: usize) -> Option<usize> {
        // The number k of astral chars before the answer satisfies cp = u - k, and
        // k = #(astral < cp); find it by binary search over the astral positions.
        let mut lo = 0;
        let mut hi = self.astral.len();
        // k is the smallest index with astral[k] + k ≥ u (astral[k] + k is the UTF-16
        // offset of the kth astral char).
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.astral[mid] + mid < u {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let cp = u.checked_sub(lo)?;
        // Units before u − k hold k − 1 pairs and one half: u is inside the pair of
        // the (k−1)th astral char when that char starts at unit u − 1.
        let inside_pair = lo > 0 && self.astral[lo - 1] + lo == u;
        (cp <= self.len && !inside_pair).then_some(cp)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_flag_and_emoji_count_two_units_each() {
        // From brat/synthetic-edge-cases/astral_discontinuous.expected.json.
        let text = "🇺🇦 Kyiv, 3 March — President Volodymyr Zelensky said the talks with the Polish and Lithuanian governments would resume. 😊 Reuters reported the claim.";
        let m = Utf16Map::new(text);
        for (cp, u16) in [
            (3, 5),
            (7, 9),
            (29, 31),
            (47, 49),
            (72, 74),
            (105, 107),
            (122, 125),
        ] {
            assert_eq!(m.to_utf16(cp), u16);
            assert_eq!(m.to_code_points(u16), Some(cp));
        }
    }

    #[test]
    fn conversions_agree_with_encode_utf16_everywhere() {
        let text = "a😊b𝄞\u{10FFFF}é中🇺🇦z";
        let m = Utf16Map::new(text);
        let n = text.chars().count();
        for cp in 0..=n {
            let prefix: String = text.chars().take(cp).collect();
            let u = prefix.encode_utf16().count();
            assert_eq!(m.to_utf16(cp), u, "cp {cp}");
            assert_eq!(m.to_code_points(u), Some(cp), "u {u}");
        }
        // Between the halves of 😊 (units 1..3): no code point there.
        assert_eq!(m.to_code_points(2), None);
        assert_eq!(m.to_code_points(text.encode_utf16().count() + 1), None);
        assert_eq!(Utf16Map::new("abc").to_utf16(2), 2);
    }
}
