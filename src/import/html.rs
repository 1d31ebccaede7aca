//! Web pages saved from a browser: the article body, without navigation, ads or comments.

use super::{decode_text, ImportError, Imported};
use crate::model::SourceMeta;
use dom_smoothie::{Config, Readability, TextMode};

/// Extracts the article with a Readability port; if it finds nothing usable,
/// falls back to the page's visible text and says so in the import note.
pub(super) fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let charset = declared_charset(bytes);
    let decoded = decode_text(file_name, bytes, charset.as_deref())?;
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut source = SourceMeta {
        encoding: Some(decoded.encoding.clone()),
        ..SourceMeta::default()
    };
    let article = Readability::new(decoded.text.as_str(), None, Some(config))
        .ok()
        .and_then(|mut r| r.parse().ok());
    match article {
        Some(a) if !a.text_content.trim().is_empty() => {
            source.byline = a.byline.filter(|s| !s.trim().is_empty());
            source.published = a.published_time.filter(|s| !s.trim().is_empty());
            source.site_name = a.site_name.filter(|s| !s.trim().is_empty());
            source.url = a.url.filter(|s| !s.trim().is_empty());
            Ok(Imported {
                text: tidy(&a.text_content),
                title: Some(a.title).filter(|t| !t.trim().is_empty()),
                source,
            })
        }
        _ => {
            let doc = dom_query::Document::from(decoded.text.as_str());
            doc.select("script, style, noscript, template").remove();
            let title = doc.select("title").text().to_string();
            source.import_note =
                Some("No article body was found; this is the page's visible text.".into());
            Ok(Imported {
                text: tidy(&doc.select("body").text()),
                title: Some(title),
                source,
            })
        }
    }
}

/// The charset a page declares in its first 2 KiB (`<meta charset>` or http-equiv).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

/// Trims each line, collapses runs of blank lines into one, ends with one newline.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}
