//! A fast writer for the canonical project file.
//!
//! `ron`'s pretty printer manages ~60 MB/s, too slow for a book-length project
//! (40 MB with 100,000 annotations). The file's shape is fixed, so it is written
//! here directly: the same RON that `ron` reads back, with one text line and one
//! annotation per line. Small, rare parts (tags, sources, entities) still go
//! through `ron`, compactly, one item per line.

use super::StoreError;
use super::format::{DocumentFile, ProjectFile};
use crate::model::Annotation;
use serde::Serialize;
use std::fmt::Write as _;

/// Appends `s` as a RON string literal: quotes, backslashes and control characters
/// escaped, everything else written as is (UTF-8).
pub(super) fn push_str_lit(out: &mut String, s: &str) {
    out.push('"');
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let esc: Option<&str> = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            c if c.is_control() => None,
            _ => continue,
        };
        out.push_str(&s[last..i]);
        match esc {
            Some(e) => out.push_str(e),
            None => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
        last = i + c.len_utf8();
    }
    out.push_str(&s[last..]);
    out.push('"');
}

fn compact<T: Serialize>(value: &T) -> Result<String, StoreError> {
    let one_line = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .compact_structs(true)
        .compact_arrays(true)
        .compact_maps(true);
    ron::ser::to_string_pretty(value, one_line).map_err(|e| StoreError::Serialize(e.to_string()))
}

/// Writes a list field whose items each take one line, compact.
fn list<T: Serialize>(
    out: &mut String,
    indent: &str,
    name: &str,
    items: &[T],
) -> Result<(), StoreError> {
    if items.is_empty() {
        let _ = writeln!(out, "{indent}{name}: [],");
        return Ok(());
    }
    let _ = writeln!(out, "{indent}{name}: [");
    for item in items {
        let _ = writeln!(out, "{indent}    {},", compact(item)?);
    }
    let _ = writeln!(out, "{indent}],");
    Ok(())
}

fn annotation(out: &mut String, a: &Annotation) {
    // Destructured field by field: a field added to `Annotation` fails to compile here
    // instead of being silently dropped on save.
    let Annotation {
        id,
        tag,
        start,
        end,
        quote,
        prefix,
        suffix,
        note,
        entity,
        status,
        author,
        created,
        modified,
    } = a;
    out.push_str("                (id: \"");
    let _ = write!(out, "{id}");
    out.push_str("\", tag: ");
    push_str_lit(out, tag);
    let _ = write!(out, ", start: {start}, end: {end}, quote: ");
    push_str_lit(out, quote);
    out.push_str(", prefix: ");
    push_str_lit(out, prefix);
    out.push_str(", suffix: ");
    push_str_lit(out, suffix);
    if !note.is_empty() {
        out.push_str(", note: ");
        push_str_lit(out, note);
    }
    if let Some(e) = entity {
        let _ = write!(out, ", entity: Some(\"{e}\")");
    }
    if let Some(s) = status {
        let _ = write!(out, ", status: Some({s:?})");
    }
    if !author.is_empty() {
        out.push_str(", author: ");
        push_str_lit(out, author);
    }
    let _ = writeln!(
        out,
        ", created: \"{}\", modified: \"{}\"),",
        created.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
        modified.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    );
}

fn document(out: &mut String, d: &DocumentFile) -> Result<(), StoreError> {
    let DocumentFile {
        id,
        title,
        source,
        text,
        annotations,
    } = d;
    let _ = writeln!(out, "        (");
    let _ = writeln!(out, "            id: \"{id}\",");
    out.push_str("            title: ");
    push_str_lit(out, title);
    out.push_str(",\n");
    let _ = writeln!(out, "            source: {},", compact(source)?);
    let _ = writeln!(out, "            text: [");
    for line in text {
        out.push_str("                ");
        push_str_lit(out, line);
        out.push_str(",\n");
    }
    let _ = writeln!(out, "            ],");
    if annotations.is_empty() {
        let _ = writeln!(out, "            annotations: [],");
    } else {
        let _ = writeln!(out, "            annotations: [");
        for a in annotations {
            annotation(out, a);
        }
        let _ = writeln!(out, "            ],");
    }
    let _ = writeln!(out, "        ),");
    Ok(())
}

/// The whole file.
pub(super) fn write(file: &ProjectFile) -> Result<String, StoreError> {
    let ProjectFile {
        format,
        version,
        id,
        name,
        tags,
        relation_kinds,
        entities,
        relations,
        documents,
    } = file;
    let text_bytes: usize = documents
        .iter()
        .map(|d| d.text.iter().map(|l| l.len() + 24).sum::<usize>() + d.annotations.len() * 320)
        .sum();
    let mut out = String::with_capacity(text_bytes + 4096);
    out.push_str("(\n");
    out.push_str("    format: ");
    push_str_lit(&mut out, format);
    let _ = writeln!(out, ",\n    version: {version},");
    let _ = writeln!(out, "    id: \"{id}\",");
    out.push_str("    name: ");
    push_str_lit(&mut out, name);
    out.push_str(",\n");
    list(&mut out, "    ", "tags", tags)?;
    list(&mut out, "    ", "relation_kinds", relation_kinds)?;
    list(&mut out, "    ", "entities", entities)?;
    list(&mut out, "    ", "relations", relations)?;
    if documents.is_empty() {
        out.push_str("    documents: [],\n");
    } else {
        out.push_str("    documents: [\n");
        for d in documents {
            document(&mut out, d)?;
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_read_back_exactly() {
        for s in [
            "plain",
            "quote \" and \\ back",
            "tab\tnew\nline\r",
            "bell \u{7} nul \u{0}",
            "مریم 🙂 e\u{301}",
            "",
        ] {
            let mut lit = String::new();
            push_str_lit(&mut lit, s);
            let back: String = ron::from_str(&lit).expect("valid RON string");
            assert_eq!(back, s);
        }
    }
}
