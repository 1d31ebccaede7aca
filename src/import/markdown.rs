//! Markdown articles: the text a reader sees, markup removed.

use super::{ImportError, Imported, decode_text, first_line};
use crate::model::SourceMeta;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders Markdown to reading text: headings and paragraphs each their own
/// paragraph (blank line between), list items as bullet lines, links as their text.
pub(super) fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let decoded = decode_text(file_name, bytes, None)?;
    let (text, heading) = render(&decoded.text);
    Ok(Imported {
        title: heading.or_else(|| first_line(&text)),
        source: SourceMeta {
            encoding: Some(decoded.encoding),
            ..SourceMeta::default()
        },
        text,
    })
}

/// Returns the reading text and the first top-level heading.
fn render(markdown: &str) -> (String, Option<String>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut out = String::new();
    let mut title: Option<String> = None;
    let mut in_h1 = false;
    let mut in_metadata = false;
    // Ordered-list counters, innermost last; `None` for bullet lists.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let block_break = |out: &mut String| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str("\n\n");
        }
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            _ if in_metadata => {}
            Event::Start(Tag::Heading { level, .. }) => {
                block_break(&mut out);
                in_h1 = level == HeadingLevel::H1 && title.is_none();
                if in_h1 {
                    title = Some(String::new());
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                in_h1 = false;
                block_break(&mut out);
            }
            Event::Start(Tag::Paragraph) if lists.is_empty() => block_break(&mut out),
            Event::End(TagEnd::Paragraph) if lists.is_empty() => block_break(&mut out),
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Paragraph) => {}
            Event::Start(Tag::List(start)) => {
                if lists.is_empty() {
                    block_break(&mut out);
                }
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    block_break(&mut out);
                }
            }
            Event::Start(Tag::Item) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                let depth = lists.len().saturating_sub(1);
                out.push_str(&"  ".repeat(depth));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::BlockQuote(_))
            | Event::Start(Tag::Table(_)) => block_break(&mut out),
            Event::End(TagEnd::CodeBlock)
            | Event::End(TagEnd::BlockQuote(_))
            | Event::End(TagEnd::Table) => block_break(&mut out),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => out.push('\n'),
            Event::End(TagEnd::TableCell) => out.push('\t'),
            Event::Text(t) | Event::Code(t) => {
                if in_h1 && let Some(title) = title.as_mut() {
                    title.push_str(&t);
                }
                out.push_str(&t);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => block_break(&mut out),
            Event::FootnoteReference(label) => out.push_str(&format!("[{label}]")),
            _ => {}
        }
    }
    let text = out.trim_end().to_owned() + "\n";
    (text, title.filter(|t| !t.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_removed_and_paragraphs_kept() {
        let md = "---\nauthor: x\n---\n# Paris *conference*\n\nFirst  [para](http://x) with **bold**\nand a soft break.\n\n## Sub\n\n- one\n- two\n\n1. a\n2. b\n";
        let (text, title) = render(md);
        assert_eq!(title.as_deref(), Some("Paris conference"));
        assert_eq!(
            text,
            "Paris conference\n\nFirst  para with bold and a soft break.\n\nSub\n\n• one\n• two\n\n1. a\n2. b\n"
        );
    }
}
