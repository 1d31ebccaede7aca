//! Title, author and date from a PDF's Info dictionary, or from its XMP metadata
//! when the Info dictionary lacks them.

use lopdf::{Document, Object};
use quick_xml::events::Event;

/// What a PDF says about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct PdfMeta {
    /// The document title.
    pub title: Option<String>,
    /// The author(s).
    pub author: Option<String>,
    /// The creation date, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Reads the Info dictionary, then fills gaps from the XMP packet.
pub(super) fn read(doc: &Document) -> PdfMeta {
    let mut meta = PdfMeta::default();
    let info = doc.trailer.get(b"Info").ok().and_then(|o| match o {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    });
    if let Some(info) = info {
        let text = |key: &[u8]| {
            info.get(key)
                .ok()
                .and_then(|o| lopdf::decode_text_string(o).ok())
                .and_then(clean)
        };
        meta.title = text(b"Title");
        meta.author = text(b"Author");
        meta.date = text(b"CreationDate").and_then(|d| pdf_date(&d));
    }
    if meta.title.is_none() || meta.author.is_none() || meta.date.is_none() {
        let xmp = xmp(doc);
        meta.title = meta.title.or(xmp.title);
        meta.author = meta.author.or(xmp.author);
        meta.date = meta.date.or(xmp.date);
    }
    meta
}

fn clean(s: String) -> Option<String> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!s.is_empty()).then_some(s)
}

/// `D:20261129035100Z` (or an XMP `2026-11-29T03:51:00Z`) as `2026-11-29`.
fn pdf_date(raw: &str) -> Option<String> {
    let digits: String = raw
        .trim()
        .trim_start_matches("D:")
        .chars()
        .filter(char::is_ascii_digit)
        .take(8)
        .collect();
    if digits.len() < 4 {
        return None;
    }
    let year = &digits[..4];
    let month = digits.get(4..6).filter(|m| ("01"..="12").contains(m));
    let day = digits.get(6..8).filter(|d| ("01"..="31").contains(d));
    Some(match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m}-{d}"),
        (Some(m), None) => format!("{year}-{m}"),
        _ => year.to_owned(),
    })
}

/// Title, creator and create date from the catalogue's XMP packet.
fn xmp(doc: &Document) -> PdfMeta {
    let stream = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Metadata").ok())
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_object(id).ok())
        .and_then(|o| o.as_stream().ok());
    let Some(stream) = stream else {
        return PdfMeta::default();
    };
    let bytes = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    parse_xmp(&String::from_utf8_lossy(&bytes))
}

/// The first `rdf:li` of `dc:title`, the `rdf:li`s of `dc:creator`, and
/// `xmp:CreateDate`.
fn parse_xmp(xml: &str) -> PdfMeta {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut title: Option<String> = None;
    let mut creators: Vec<String> = Vec::new();
    let mut date: Option<String> = None;
    // Bounded: an XMP packet is small; stop after this many events whatever it holds.
    for _ in 0..100_000 {
        match reader.read_event() {
            Ok(Event::Start(e)) => path.push(e.name().as_ref().to_vec()),
            Ok(Event::End(_)) => {
                path.pop();
            }
            Ok(Event::Text(t)) => {
                let Ok(text) = t.decode() else { continue };
                let text = text.trim().to_owned();
                if text.is_empty() {
                    continue;
                }
                let inside = |name: &[u8]| path.iter().any(|p| p == name);
                if inside(b"dc:title") && title.is_none() {
                    title = Some(text);
                } else if inside(b"dc:creator") {
                    creators.push(text);
                } else if path.last().is_some_and(|p| p == b"xmp:CreateDate") {
                    date = pdf_date(&text);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    PdfMeta {
        title: title.and_then(clean),
        author: clean(creators.join(", ")),
        date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso() {
        assert_eq!(pdf_date("D:20261129035100Z").as_deref(), Some("2026-11-29"));
        assert_eq!(
            pdf_date("2024-05-01T10:00:00Z").as_deref(),
            Some("2024-05-01")
        );
        assert_eq!(pdf_date("D:1999").as_deref(), Some("1999"));
        assert_eq!(pdf_date("garbage"), None);
    }

    #[test]
    fn xmp_gives_title_creators_and_date() {
        let xml = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Annual report</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>A. Author</rdf:li><rdf:li>B. Writer</rdf:li></rdf:Seq></dc:creator>
            <xmp:CreateDate>2023-02-03T04:05:06Z</xmp:CreateDate>
            </rdf:Description></rdf:RDF></x:xmpmeta>"#;
        let m = parse_xmp(xml);
        assert_eq!(m.title.as_deref(), Some("Annual report"));
        assert_eq!(m.author.as_deref(), Some("A. Author, B. Writer"));
        assert_eq!(m.date.as_deref(), Some("2023-02-03"));
    }
}
