//! The text of `word/document.xml`: blocks separated by a blank line, list items and
//! table rows one per line, footnote references as `[n]` with the notes at the end.

use super::numbering::Numbering;
use quick_xml::events::{BytesRef, BytesStart, Event};
use std::collections::HashMap;

/// Elements whose content is not the document's visible text: deleted revisions,
/// field codes, the fallback copy of alternate content, earlier paragraph
/// properties, and drawings.
const SKIPPED: [&[u8]; 9] = [
    b"w:del",
    b"w:delText",
    b"w:instrText",
    b"mc:Fallback",
    b"w:pPrChange",
    b"w:rPrChange",
    b"w:drawing",
    b"w:pict",
    b"w:object",
];

/// The text of footnotes and endnotes, by kind and id.
#[derive(Clone, Debug, Default)]
pub(super) struct Notes {
    by_id: HashMap<(bool, String), String>,
}

impl Notes {
    /// Adds the notes of a `footnotes.xml` or `endnotes.xml` part.
    pub(super) fn read(&mut self, xml: &str) {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut current: Option<(bool, String)> = None;
        let mut text = String::new();
        let mut in_t = false;
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) => match e.name().as_ref() {
                    name @ (b"w:footnote" | b"w:endnote") => {
                        let separator = attr(&e, b"w:type").is_some_and(|t| t != "normal");
                        current = attr(&e, b"w:id")
                            .filter(|_| !separator)
                            .map(|id| (name == b"w:endnote", id));
                        text.clear();
                    }
                    b"w:t" => in_t = true,
                    _ => {}
                },
                Ok(Event::Empty(e)) if e.name().as_ref() == b"w:tab" => text.push(' '),
                Ok(Event::End(e)) => match e.name().as_ref() {
                    b"w:t" => in_t = false,
                    b"w:p" => text.push(' '),
                    b"w:footnote" | b"w:endnote" => {
                        if let Some(key) = current.take() {
                            self.by_id.insert(key, clean_line(&text));
                        }
                    }
                    _ => {}
                },
                Ok(Event::Text(t)) if in_t => {
                    if let Ok(s) = t.decode() {
                        text.push_str(&s);
                    }
                }
                Ok(Event::GeneralRef(r)) if in_t => text.extend(entity(&r)),
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
    }
}

/// One block of the output.
enum Block {
    Paragraph(String),
    List(Vec<String>),
    Table(Vec<String>),
}

#[derive(Default)]
struct Paragraph {
    text: String,
    num_id: Option<String>,
    level: usize,
}

#[derive(Default)]
struct Table {
    rows: Vec<String>,
    cells: Vec<String>,
    cell: Vec<String>,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// The character an entity or character reference stands for.
pub(super) fn entity(r: &BytesRef<'_>) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    let name: &[u8] = r.as_ref();
    match name {
        b"amp" => Some('&'),
        b"lt" => Some('<'),
        b"gt" => Some('>'),
        b"quot" => Some('"'),
        b"apos" => Some('\''),
        _ => None,
    }
}

/// Spaces collapsed (tabs kept), invisible characters dropped, ends trimmed.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        match c {
            '\u{ad}' | '\u{200b}' | '\u{feff}' => {}
            '\t' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\t');
                space = false;
            }
            c if c.is_whitespace() => space = !out.is_empty() && !out.ends_with('\t'),
            c => {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
    }
    out.trim_end_matches('\t').to_owned()
}

/// A paragraph's text, line by line cleaned, without empty lines at its ends.
fn clean_paragraph(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(clean_line).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines[a..=b].join("\n"),
        _ => String::new(),
    }
}

/// The document's text (see the module doc).
pub(super) fn text(xml: &str, numbering: &Numbering, notes: &Notes) -> Result<String, String> {
    let mut numbering = numbering.clone();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut blocks: Vec<Block> = Vec::new();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut cited: Vec<String> = Vec::new();
    let mut skip = 0usize;
    let mut in_t = false;
    let mut in_properties = false;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        if skip > 0 {
            match event {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => {
                let name = e.name();
                let name = name.as_ref();
                if SKIPPED.contains(&name) {
                    skip = 1;
                    continue;
                }
                match name {
                    b"w:p" => paragraphs.push(Paragraph::default()),
                    b"w:pPr" => in_properties = true,
                    b"w:t" => in_t = true,
                    b"w:tbl" => tables.push(Table::default()),
                    b"w:tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.cells.clear();
                        }
                    }
                    b"w:tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell.clear();
                        }
                    }
                    _ => inline(&e, &mut paragraphs, in_properties, notes, &mut cited),
                }
            }
            Event::Empty(e) => inline(&e, &mut paragraphs, in_properties, notes, &mut cited),
            Event::Text(t) if in_t => {
                if let (Some(p), Ok(s)) = (paragraphs.last_mut(), t.decode()) {
                    p.text.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_t => {
                if let (Some(p), Some(c)) = (paragraphs.last_mut(), entity(&r)) {
                    p.text.push(c);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:pPr" => in_properties = false,
                b"w:p" => {
                    if let Some(p) = paragraphs.pop() {
                        end_paragraph(p, &mut numbering, &mut tables, &mut blocks);
                    }
                }
                b"w:tc" => {
                    if let Some(t) = tables.last_mut() {
                        let cell = t.cell.join(" ");
                        t.cells.push(cell);
                    }
                }
                b"w:tr" => {
                    if let Some(t) = tables.last_mut() {
                        let row = t.cells.join("\t");
                        if !row.trim().is_empty() {
                            t.rows.push(row);
                        }
                    }
                }
                b"w:tbl" => {
                    if let Some(t) = tables.pop() {
                        match tables.last_mut() {
                            // Rows of a nested table become lines of the outer cell.
                            Some(outer) => outer.cell.push(t.rows.join("\n")),
                            None if !t.rows.is_empty() => blocks.push(Block::Table(t.rows)),
                            None => {}
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let mut out: Vec<String> = blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(p) => p,
            Block::List(lines) | Block::Table(lines) => lines.join("\n"),
        })
        .collect();
    for (n, key) in cited.iter().enumerate() {
        let endnote = key.starts_with('e');
        let id = &key[1..];
        if let Some(note) = notes.by_id.get(&(endnote, id.to_owned()))
            && !note.is_empty()
        {
            out.push(format!("[{}] {note}", n + 1));
        }
    }
    Ok(out.join("\n\n"))
}

/// What an element inside a paragraph adds to it.
fn inline(
    e: &BytesStart<'_>,
    paragraphs: &mut [Paragraph],
    in_properties: bool,
    notes: &Notes,
    cited: &mut Vec<String>,
) {
    let Some(p) = paragraphs.last_mut() else {
        return;
    };
    match e.name().as_ref() {
        b"w:numId" if in_properties => p.num_id = attr(e, b"w:val"),
        b"w:ilvl" if in_properties => {
            p.level = attr(e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
        }
        b"w:tab" if !in_properties => p.text.push('\t'),
        b"w:br" => match attr(e, b"w:type").as_deref() {
            Some("page") | Some("column") => p.text.push(' '),
            _ => p.text.push('\n'),
        },
        b"w:cr" => p.text.push('\n'),
        b"w:noBreakHyphen" => p.text.push('-'),
        name @ (b"w:footnoteReference" | b"w:endnoteReference") => {
            let endnote = name == b"w:endnoteReference";
            if let Some(id) = attr(e, b"w:id")
                && notes.by_id.contains_key(&(endnote, id.clone()))
            {
                let key = format!("{}{id}", if endnote { 'e' } else { 'f' });
                let n = match cited.iter().position(|k| *k == key) {
                    Some(i) => i + 1,
                    None => {
                        cited.push(key);
                        cited.len()
                    }
                };
                p.text.push_str(&format!("[{n}]"));
            }
        }
        _ => {}
    }
}

fn end_paragraph(
    p: Paragraph,
    numbering: &mut Numbering,
    tables: &mut [Table],
    blocks: &mut Vec<Block>,
) {
    let text = clean_paragraph(&p.text);
    let list = p.num_id.filter(|id| id != "0");
    let marker = list
        .as_deref()
        .map(|id| numbering.next_marker(id, p.level))
        .unwrap_or_default();
    if text.is_empty() {
        return;
    }
    let line = if marker.is_empty() {
        text
    } else {
        format!("{marker} {text}")
    };
    if let Some(t) = tables.last_mut() {
        t.cell.push(line);
        return;
    }
    match (list, blocks.last_mut()) {
        (Some(_), Some(Block::List(lines))) => lines.push(line),
        (Some(_), _) => blocks.push(Block::List(vec![line])),
        (None, _) => blocks.push(Block::Paragraph(line)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn body(inner: &str) -> String {
        format!(r#"<w:document><w:body>{inner}</w:body></w:document>"#)
    }

    #[test]
    fn paragraphs_lists_tables_and_breaks() {
        let xml = body(concat!(
            r#"<w:p><w:r><w:t>Tom &amp; Jerry</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>one</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>two</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">line  one</w:t><w:br/><w:t>line two</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>"#,
        ));
        let numbering = Numbering::parse(
            r#"<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#,
        );
        let text = text(&xml, &numbering, &Notes::default()).unwrap();
        assert_eq!(
            text,
            "Tom & Jerry\n\n1. one\n2. two\n\na\tb\n\nline one\nline two"
        );
    }

    #[test]
    fn footnotes_come_at_the_end() {
        let mut notes = Notes::default();
        notes.read(r#"<w:footnotes><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>--</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:t>The source.</w:t></w:r></w:p></w:footnote></w:footnotes>"#);
        let xml = body(
            r#"<w:p><w:r><w:t>Claim.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>"#,
        );
        let text = text(&xml, &Numbering::default(), &notes).unwrap();
        assert_eq!(text, "Claim.[1]\n\n[1] The source.");
    }
}
