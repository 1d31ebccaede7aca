//! A fast writer for the canonical project file.
//!
//! `ron`'s pretty printer manages ~60 MB/s, too slow for a book-length project
//! (40 MB with 100,000 annotations) or a corpus (400 MB). The file's shape is fixed,
//! so it is written here directly, documents in parallel: the same RON that `ron`
//! reads back, with one text line, annotation or entity per line (entities byte for
//! byte as `ron` writes them compactly). Small, rare parts (tags, sources, relations)
//! still go through `ron`, compactly, one item per line.

use super::StoreError;
use super::format::{CURRENT_VERSION, FORMAT_NAME};
use crate::model::{Annotation, Document, Entity, Project};
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

fn document(out: &mut String, d: &Document) -> Result<(), StoreError> {
    let _ = writeln!(out, "        (");
    let _ = writeln!(out, "            id: \"{}\",", d.id);
    out.push_str("            title: ");
    push_str_lit(out, &d.title);
    out.push_str(",\n");
    let _ = writeln!(out, "            source: {},", compact(&d.source)?);
    let _ = writeln!(out, "            text: [");
    for line in d.text().split('\n') {
        out.push_str("                ");
        push_str_lit(out, line);
        out.push_str(",\n");
    }
    let _ = writeln!(out, "            ],");
    if d.annotations().is_empty() {
        let _ = writeln!(out, "            annotations: [],");
    } else {
        let _ = writeln!(out, "            annotations: [");
        for a in d.annotations() {
            annotation(out, a);
        }
        let _ = writeln!(out, "            ],");
    }
    let _ = writeln!(out, "        ),");
    Ok(())
}

/// Appends `s` as `ron`'s serializer writes a string: every char through
/// `char::escape_debug`.
fn push_ron_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            // The common case, without the escape iterator.
            c if c.is_alphanumeric() && c.is_ascii() || c == ' ' => out.push(c),
            c => out.extend(c.escape_debug()),
        }
    }
    out.push('"');
}

/// One entity, exactly as `ron` writes it compactly (fields left out when empty).
fn entity(out: &mut String, e: &Entity) {
    let Entity {
        id,
        kind,
        name,
        aliases,
        note,
        role,
        date,
        date_iso,
        place,
    } = e;
    let _ = write!(out, "        (id: \"{id}\", kind: ");
    push_ron_str(out, kind);
    out.push_str(", name: ");
    push_ron_str(out, name);
    if !aliases.is_empty() {
        out.push_str(", aliases: [");
        for (i, a) in aliases.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_ron_str(out, a);
        }
        out.push(']');
    }
    for (field, value) in [("note", note), ("role", role), ("date", date)] {
        if !value.is_empty() {
            let _ = write!(out, ", {field}: ");
            push_ron_str(out, value);
        }
    }
    if let Some(iso) = date_iso {
        out.push_str(", date_iso: Some(");
        push_ron_str(out, iso);
        out.push(')');
    }
    if !place.is_empty() {
        out.push_str(", place: ");
        push_ron_str(out, place);
    }
    out.push_str("),\n");
}

/// How many documents one thread writes at least (fewer are not worth a thread).
const DOCUMENTS_PER_THREAD: usize = 64;

/// The whole file.
pub(super) fn write(project: &Project) -> Result<String, StoreError> {
    let text_bytes: usize = project
        .documents()
        .iter()
        .map(|d| d.text().len() + d.char_len() / 8 + d.annotations().len() * 320)
        .sum();
    let mut out = String::with_capacity(text_bytes + project.entities().len() * 120 + 4096);
    out.push_str("(\n");
    out.push_str("    format: ");
    push_str_lit(&mut out, FORMAT_NAME);
    let _ = writeln!(out, ",\n    version: {CURRENT_VERSION},");
    let _ = writeln!(out, "    id: \"{}\",", project.id);
    out.push_str("    name: ");
    push_str_lit(&mut out, &project.name);
    out.push_str(",\n");
    list(&mut out, "    ", "tags", &project.tags.tags)?;
    list(&mut out, "    ", "relation_kinds", &project.relation_kinds)?;
    if project.entities().is_empty() {
        out.push_str("    entities: [],\n");
    } else {
        out.push_str("    entities: [\n");
        for e in project.entities() {
            entity(&mut out, e);
        }
        out.push_str("    ],\n");
    }
    list(&mut out, "    ", "relations", project.relations())?;
    if project.documents().is_empty() {
        out.push_str("    documents: [],\n");
    } else {
        out.push_str("    documents: [\n");
        let parts = crate::par::map(project.documents(), DOCUMENTS_PER_THREAD, |d| {
            let mut part = String::with_capacity(d.text().len() + d.annotations().len() * 320);
            document(&mut part, d).map(|()| part)
        });
        for part in parts {
            out.push_str(&part?);
        }
        out.push_str("    ],\n");
    }
    out.push_str(")\n");
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_written_as_ron_writes_them() {
        let mut e = Entity::new(
            "person",
            "Maryam “Rajavi” O'Neil \\ tab\t e\u{301} 🙂 \u{7}",
        );
        let plain = Entity::new("event", "1988 massacre");
        e.aliases = vec!["Mrs. Rajavi".into(), "مریم رجوی".into(), "\"q\"".into()];
        e.note = "line\nbreak".into();
        e.role = "leader".into();
        e.date = "summer 1988".into();
        e.date_iso = Some("1988-07/1988-09".into());
        e.place = "Évin".into();
        for e in [e, plain] {
            let mut ours = String::new();
            entity(&mut ours, &e);
            assert_eq!(ours, format!("        {},\n", compact(&e).unwrap()));
        }
    }

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
