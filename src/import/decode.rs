//! Bytes to text: BOM, UTF-8, or a detected legacy encoding; CRLF/CR to LF.

use super::ImportError;
use crate::model::text::normalize_newlines;
use encoding_rs::{Encoding, UTF_8};

/// Decoded text and the encoding it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text with LF line endings and no BOM.
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub encoding: String,
}

/// Share of control or replacement characters above which a file is taken as binary.
const MAX_BAD_SHARE: f64 = 0.01;

/// Decodes article bytes. `hint` is an encoding label the container declared (an
/// HTML `<meta charset>`), used when there is no BOM and the bytes are not UTF-8.
pub fn decode_text(path: &str, bytes: &[u8], hint: Option<&str>) -> Result<Decoded, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty(path.to_owned()));
    }
    let binary = |why: &str| ImportError::Binary {
        path: path.to_owned(),
        why: why.to_owned(),
    };
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        (enc, &bytes[bom_len..])
    } else if bytes.contains(&0) {
        // UTF-16 without a BOM is indistinguishable from binary; we do not guess.
        return Err(binary("it contains NUL bytes"));
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, bytes)
    } else if let Some(enc) = hint.and_then(|h| Encoding::for_label(h.trim().as_bytes())) {
        (enc, bytes)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        (detector.guess(None, chardetng::Utf8Detection::Allow), bytes)
    };
    let (text, _) = encoding.decode_without_bom_handling(body);
    let total = text.chars().count().max(1) as f64;
    let replaced = text.chars().filter(|&c| c == '\u{fffd}').count() as f64;
    if replaced / total > MAX_BAD_SHARE {
        return Err(binary(&format!(
            "it cannot be decoded as {}",
            encoding.name()
        )));
    }
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count() as f64;
    if controls / total > MAX_BAD_SHARE || text.contains('\0') {
        return Err(binary("it is full of control characters"));
    }
    Ok(Decoded {
        text: normalize_newlines(&text),
        encoding: encoding.name().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Tehran’s “accountability” — café déjà vu\r\nsecond line\rthird\n";
    const CANONICAL: &str = "Tehran’s “accountability” — café déjà vu\nsecond line\nthird\n";

    fn utf16(le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in ARTICLE.encode_utf16() {
            let b = if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn every_encoding_gives_the_same_text() {
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(ARTICLE.as_bytes());
        let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(ARTICLE);
        assert!(!unmappable);
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("UTF-8", ARTICLE.as_bytes().to_vec()),
            ("UTF-8", bom),
            ("UTF-16LE", utf16(true)),
            ("UTF-16BE", utf16(false)),
            ("windows-1252", cp1252.into_owned()),
        ];
        for (name, bytes) in cases {
            let d = decode_text("a.txt", &bytes, None).expect(name);
            assert_eq!(d.text, CANONICAL, "{name}");
            assert_eq!(d.encoding, name);
        }
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert!(matches!(
            decode_text("x", b"", None),
            Err(ImportError::Empty(_))
        ));
        assert!(matches!(
            decode_text("x", b"PK\x03\x04\0\0\x01", None),
            Err(ImportError::Binary { .. })
        ));
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 32) as u8 + 1).collect();
        assert!(matches!(
            decode_text("x", &noise, None),
            Err(ImportError::Binary { .. })
        ));
    }
}
