//! Markdown articles: the text a reader sees, markup removed.

use super::{ImportError, Imported, decode_text, first_line};
use crate::model::SourceMeta;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Nested lists are indented two spaces per level down to this depth, and no
/// further: deeper items line up with the last level. Real articles nest two or
/// three levels; indenting every level made `- - - - …` (48 KB) a 577 MB text.
pub(super) const MAX_LIST_INDENT: usize = 4;

/// The reading text may be at most this many times the Markdown's size (plus
/// [`OUTPUT_SLACK`] bytes). Rendering only removes markup, except for list bullets
/// and indents, curly quotes and table tabs, which stay well below this factor; an
/// input that would exceed it is refused rather than grown without bound.
pub(super) const MAX_EXPANSION: usize = 8;

/// Output allowed on top of [`MAX_EXPANSION`] times the input, for tiny inputs.
const OUTPUT_SLACK: usize = 64 * 1024;

/// Renders Markdown to reading text: headings and paragraphs each their own
/// paragraph (blank line between), list items as bullet lines, links as their text.
pub(super) fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    let decoded = decode_text(file_name, bytes, None)?;
    let budget = decoded
        .text
        .len()
        .saturating_mul(MAX_EXPANSION)
        .saturating_add(OUTPUT_SLACK);
    let (text, heading) = render(&decoded.text, budget).ok_or_else(|| ImportError::Expands {
        path: file_name.to_owned(),
        factor: MAX_EXPANSION,
    })?;
    Ok(Imported {
        title: heading.or_else(|| first_line(&text)),
        source: SourceMeta {
            encoding: Some(decoded.encoding),
            ..SourceMeta::default()
        },
        text,
    })
}

/// Returns the reading text and the first top-level heading, or `None` if the text
/// would grow beyond `budget` bytes.
fn render(markdown: &str, budget: usize) -> Option<(String, Option<String>)> {
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
    // Tabs owed for table cells already ended; written only when a later cell of the
    // row has text, so rows padded to a wide header's width cost nothing.
    let mut owed_tabs = 0usize;
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
                let depth = lists.len().saturating_sub(1).min(MAX_LIST_INDENT);
                for _ in 0..depth {
                    out.push_str("  ");
                }
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
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                owed_tabs = 0;
                out.push('\n');
            }
            Event::End(TagEnd::TableCell) => owed_tabs += 1,
            Event::Text(t) | Event::Code(t) => {
                if in_h1 && let Some(title) = title.as_mut() {
                    title.push_str(&t);
                }
                for _ in 0..std::mem::take(&mut owed_tabs) {
                    out.push('\t');
                }
                out.push_str(&t);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => block_break(&mut out),
            Event::FootnoteReference(label) => out.push_str(&format!("[{label}]")),
            _ => {}
        }
        if out.len() > budget || title.as_ref().is_some_and(|t| t.len() > budget) {
            return None;
        }
    }
    let text = out.trim_end().to_owned() + "\n";
    Some((text, title.filter(|t| !t.trim().is_empty())))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_removed_and_paragraphs_kept() {
        let md = "---\nauthor: x\n---\n# Paris *conference*\n\nFirst  [para](http://x) with **bold**\nand a soft break.\n\n## Sub\n\n- one\n- two\n\n1. a\n2. b\n";
        let (text, title) = render(md, usize::MAX).unwrap();
        assert_eq!(title.as_deref(), Some("Paris conference"));
        assert_eq!(
            text,
            "Paris conference\n\nFirst  para with bold and a soft break.\n\nSub\n\n• one\n• two\n\n1. a\n2. b\n"
        );
    }

    /// Imports `md` and checks the text is bounded by a small multiple of the input.
    fn bounded(md: &str) -> String {
        let imported = import("x.md", md.as_bytes()).unwrap();
        assert!(
            imported.text.len() <= 8 * md.len(),
            "{} bytes of Markdown gave {} bytes of text",
            md.len(),
            imported.text.len()
        );
        imported.text
    }

    #[test]
    fn nested_list_markers_stay_linear() {
        // The 48 KB of nested list markers: indenting every level gave 577 MB.
        let md = "- ".repeat(24 * 1024) + "x\n";
        let text = bounded(&md);
        assert!(
            text.lines().all(|l| l.len() <= 2 * MAX_LIST_INDENT + 8),
            "indent is capped"
        );
    }

    #[test]
    fn nested_ordered_list_stays_linear() {
        // The 150 KB nested ordered list: 2.5 GB with an indent per level.
        let md = "1. ".repeat(50 * 1024) + "x\n";
        bounded(&md);
        // Indented the way people write nested lists, one item per line.
        let mut md = String::new();
        for depth in 0..5000 {
            md.push_str(&"   ".repeat(depth.min(40)));
            md.push_str("1. item\n");
        }
        bounded(&md);
    }

    #[test]
    fn a_hundred_thousand_levels_import() {
        bounded(&("- ".repeat(100_000) + "x\n"));
        bounded(&("> ".repeat(100_000) + "x\n"));
        bounded(&("* 1. > ".repeat(30_000) + "x\n"));
    }

    #[test]
    fn wide_tables_with_empty_rows_stay_linear() {
        // A 4,000-column header, then rows of one cell each: pulldown-cmark pads every
        // row to the header's width, which gave a tab per padded cell.
        let mut md = String::new();
        md.push_str(&"|a".repeat(4000));
        md.push_str("|\n");
        md.push_str(&"|-".repeat(4000));
        md.push_str("|\n");
        md.push_str(&"x\n".repeat(8000));
        let text = bounded(&md);
        assert!(text.contains("a\ta\ta"), "real cells keep their tabs");
    }

    #[test]
    fn the_budget_refuses_what_would_grow_past_it() {
        let md = "- ".repeat(1000) + "x\n";
        assert!(render(&md, 100).is_none());
        assert!(render(&md, usize::MAX).is_some());
    }
}
