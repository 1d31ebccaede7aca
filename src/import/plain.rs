//! Plain-text articles in any encoding.

use super::{ImportError, Imported, decode_text, first_line};
use crate::model::SourceMeta;

/// Decodes the text; the title is its first non-empty line.
pub(super) fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let decoded = decode_text(file_name, bytes, None)?;
    Ok(Imported {
        title: first_line(&decoded.text),
        source: SourceMeta {
            encoding: Some(decoded.encoding),
            ..SourceMeta::default()
        },
        text: decoded.text,
    })
}
