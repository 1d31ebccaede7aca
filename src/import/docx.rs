//! Word documents (DOCX): paragraphs, headings, list items one per line (ordered
//! ones with their visible number), tables as tab-separated rows, footnotes at the
//! end; title and author from the document properties.
//!
//! A DOCX is a ZIP of XML parts. The archive is read with bounds, since a small
//! file can claim or inflate to gigabytes: at most [`MAX_ENTRIES`] entries,
//! [`MAX_PART_BYTES`] per part read and [`MAX_TOTAL_BYTES`] in all, checked
//! against the declared sizes and again while inflating.

mod body;
mod numbering;

use super::guard::quietly;
use super::{ImportError, Imported};
use crate::model::SourceMeta;
use quick_xml::events::Event;
use std::io::{Cursor, Read};
use zip::ZipArchive;
use zip::result::ZipError;

/// The most entries a DOCX archive may list (a large report has a few hundred).
pub const MAX_ENTRIES: usize = 10_000;
/// The most bytes one XML part may inflate to.
pub(super) const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes all the parts read may inflate to together.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;

/// The part holding a Word document's body.
const DOCUMENT_PART: &str = "word/document.xml";

/// Whether the bytes start like a ZIP archive.
pub(super) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether the bytes are a ZIP archive holding a Word document body.
pub(super) fn is_docx(bytes: &[u8]) -> bool {
    is_zip(bytes)
        && quietly(|| {
            ZipArchive::new(Cursor::new(bytes))
                .is_ok_and(|a| a.index_for_name(DOCUMENT_PART).is_some())
        })
        .unwrap_or(false)
}

/// Imports a DOCX, or says why it cannot.
pub(super) fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let fail = |why: String| ImportError::Docx {
        path: file_name.to_owned(),
        why,
    };
    quietly(|| read(file_name, bytes))
        .map_err(|panic| fail(format!("the reader failed ({panic})")))?
}

fn read(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let fail = |why: String| ImportError::Docx {
        path: file_name.to_owned(),
        why,
    };
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        fail(format!(
            "it is not a readable ZIP archive ({e}); the file may be truncated"
        ))
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(fail(format!(
            "its archive lists {} entries, more than the {MAX_ENTRIES} a document needs",
            archive.len()
        )));
    }
    let mut parts = Parts {
        archive: &mut archive,
        file_name,
        total: 0,
    };
    let document = parts
        .read(DOCUMENT_PART)?
        .ok_or_else(|| fail("it has no word/document.xml: it is not a Word document".into()))?;
    let numbering = parts
        .read("word/numbering.xml")?
        .map(|xml| numbering::Numbering::parse(&xml))
        .unwrap_or_default();
    let footnotes = parts.read("word/footnotes.xml")?;
    let endnotes = parts.read("word/endnotes.xml")?;
    let core = parts.read("docProps/core.xml")?;

    let mut notes = body::Notes::default();
    for xml in [&footnotes, &endnotes].into_iter().flatten() {
        notes.read(xml);
    }
    let text = body::text(&document, &numbering, &notes)
        .map_err(|e| fail(format!("its document.xml is not well-formed ({e})")))?;
    let (title, author) = core.as_deref().map(properties).unwrap_or_default();
    Ok(Imported {
        text,
        title,
        source: SourceMeta {
            byline: author,
            ..SourceMeta::default()
        },
    })
}

/// Reads XML parts from the archive within the size bounds.
struct Parts<'a, 'b> {
    archive: &'a mut ZipArchive<Cursor<&'b [u8]>>,
    file_name: &'a str,
    total: u64,
}

impl Parts<'_, '_> {
    /// The part's text, `None` if the archive has no such part.
    fn read(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let fail = |why: String| ImportError::Docx {
            path: self.file_name.to_owned(),
            why,
        };
        let mut file = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(msg)) if msg.to_lowercase().contains("password") => {
                return Err(ImportError::Encrypted(self.file_name.to_owned()));
            }
            Err(e) => return Err(fail(format!("its part {name} cannot be read ({e})"))),
        };
        if file.encrypted() {
            return Err(ImportError::Encrypted(self.file_name.to_owned()));
        }
        let room = MAX_PART_BYTES.min(MAX_TOTAL_BYTES - self.total);
        if file.size() > room {
            return Err(fail(format!(
                "its part {name} claims {} bytes uncompressed, more than a document holds (a ZIP bomb?)",
                file.size()
            )));
        }
        // The declared size can lie: count while inflating too.
        let mut buf = Vec::new();
        (&mut file)
            .take(room + 1)
            .read_to_end(&mut buf)
            .map_err(|e| {
                fail(format!(
                    "its part {name} is damaged ({e}); the file may be truncated"
                ))
            })?;
        if buf.len() as u64 > room {
            return Err(fail(format!(
                "its part {name} inflates past {room} bytes (a ZIP bomb?)"
            )));
        }
        self.total += buf.len() as u64;
        String::from_utf8(buf)
            .map(Some)
            .map_err(|_| fail(format!("its part {name} is not UTF-8 XML")))
    }
}

/// Title and creator from `docProps/core.xml`.
fn properties(xml: &str) -> (Option<String>, Option<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut current: Option<&'static str> = None;
    let (mut title, mut creator) = (String::new(), String::new());
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = match e.name().as_ref() {
                    b"dc:title" => Some("title"),
                    b"dc:creator" => Some("creator"),
                    _ => None,
                }
            }
            Ok(Event::End(_)) => current = None,
            Ok(Event::Text(t)) => {
                if let (Some(field), Ok(s)) = (current, t.decode()) {
                    let target = if field == "title" {
                        &mut title
                    } else {
                        &mut creator
                    };
                    target.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let (Some(field), Some(c)) = (current, body::entity(&r)) {
                    let target = if field == "title" {
                        &mut title
                    } else {
                        &mut creator
                    };
                    target.push(c);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let clean = |s: String| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty()).then_some(s)
    };
    (clean(title), clean(creator))
}
