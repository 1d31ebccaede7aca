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
    // Most strings need no escape at all: no quote, backslash, C0 control or DEL,
    // and no 0xC2 byte (the lead byte of the C1 controls, U+0080–U+009F).
    if s.bytes()
        .all(|b| b >= 0x20 && b != b'"' && b != b'\\' && b != 0x7f && b != 0xc2)
    {
        out.push('"');
        out.push_str(s);
        out.push('"');
        return;
    }
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
        fragments,
        quote,
        prefix,
        suffix,
        note,
        entity,
        status,
        author,
        created,
        modified,
        reanchored,
        modified_by,
    } = a;
    out.push_str("                (id: \"");
    push_uuid(out, &id.0);
    out.push_str("\", tag: ");
    push_str_lit(out, tag);
    out.push_str(", start: ");
    push_usize(out, *start);
    out.push_str(", end: ");
    push_usize(out, *end);
    if !fragments.is_empty() {
        out.push_str(", fragments: [");
        for (i, (s, e)) in fragments.iter().enumerate() {
            out.push_str(if i == 0 { "(" } else { ", (" });
            push_usize(out, *s);
            out.push_str(", ");
            push_usize(out, *e);
            out.push(')');
        }
        out.push(']');
    }
    out.push_str(", quote: ");
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
        out.push_str(", entity: Some(\"");
        push_uuid(out, &e.0);
        out.push_str("\")");
    }
    if let Some(s) = status {
        let _ = write!(out, ", status: Some({s:?})");
    }
    if !author.is_empty() {
        out.push_str(", author: ");
        push_str_lit(out, author);
    }
    out.push_str(", created: \"");
    push_time(out, created);
    out.push_str("\", modified: \"");
    push_time(out, modified);
    out.push('"');
    if let Some(r) = reanchored {
        let _ = write!(out, ", reanchored: Some((method: {:?}, date: \"", r.method);
        push_time(out, &r.date);
        out.push('"');
        if !r.was.is_empty() {
            out.push_str(", was: ");
            push_str_lit(out, &r.was);
        }
        out.push_str("))");
    }
    if !modified_by.is_empty() {
        out.push_str(", modified_by: ");
        push_str_lit(out, modified_by);
    }
    out.push_str("),\n");
}

/// Appends a UUID in its hyphenated lower-case form.
fn push_uuid(out: &mut String, id: &uuid::Uuid) {
    let mut buf = [0u8; uuid::fmt::Hyphenated::LENGTH];
    out.push_str(id.hyphenated().encode_lower(&mut buf));
}

/// Appends a number in decimal.
fn push_usize(out: &mut String, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    out.extend(buf[at..].iter().map(|&b| b as char));
}

/// Appends a time as RFC 3339 (`2026-11-29T04:58:33Z`, fractions of a second only
/// when there are any), as chrono's `to_rfc3339_opts(AutoSi, true)` writes it.
fn push_time(out: &mut String, t: &chrono::DateTime<chrono::Utc>) {
    use chrono::{Datelike as _, Timelike as _};
    let year = t.year();
    if t.nanosecond() != 0 || !(0..=9999).contains(&year) {
        out.push_str(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        return;
    }
    let two = |out: &mut String, n: u32| {
        out.push((b'0' + (n / 10) as u8) as char);
        out.push((b'0' + (n % 10) as u8) as char);
    };
    two(out, year as u32 / 100);
    two(out, year as u32 % 100);
    out.push('-');
    two(out, t.month());
    out.push('-');
    two(out, t.day());
    out.push('T');
    two(out, t.hour());
    out.push(':');
    two(out, t.minute());
    out.push(':');
    two(out, t.second());
    out.push('Z');
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
    // Written only when there are any, so documents whose text never changed are
    // written as before.
    if !d.orphans().is_empty() {
        list(out, "            ", "orphans", d.orphans())?;
    }
    if !d.history().is_empty() {
        list(out, "            ", "history", d.history())?;
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
        author,
        modified,
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
    if !author.is_empty() {
        out.push_str(", author: ");
        push_ron_str(out, author);
    }
    if let Some(t) = modified {
        out.push_str(", modified: Some(\"");
        push_time(out, t);
        out.push_str("\")");
    }
    out.push_str("),\n");
}

/// How many documents one thread writes at least (fewer are not worth a thread).
const DOCUMENTS_PER_THREAD: usize = 64;

/// A serialised project: the file's text in parts (the head, then one part per
/// document, then the tail), so that a corpus of hundreds of megabytes is written
/// and hashed without first being copied into one string.
pub struct Serialized {
    parts: Vec<String>,
}

impl std::fmt::Debug for Serialized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Serialized({} parts, {} bytes)",
            self.parts.len(),
            self.len()
        )
    }
}

impl Serialized {
    /// The file's size in bytes.
    pub fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }

    /// Whether the text is empty (never, for a project).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The parts, in order.
    pub fn parts(&self) -> impl Iterator<Item = &[u8]> {
        self.parts.iter().map(String::as_bytes)
    }

    /// Writes the whole text.
    pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        self.parts().try_for_each(|p| out.write_all(p))
    }

    /// The whole text as one string.
    pub fn into_string(self) -> String {
        if self.parts.len() == 1 {
            return self.parts.into_iter().next().unwrap_or_default();
        }
        let mut out = String::with_capacity(self.len());
        for p in &self.parts {
            out.push_str(p);
        }
        out
    }
}

/// The whole file.
pub(super) fn write(project: &Project) -> Result<Serialized, StoreError> {
    let mut head = String::with_capacity(project.entities().len() * 120 + 4096);
    head.push_str("(\n");
    head.push_str("    format: ");
    push_str_lit(&mut head, FORMAT_NAME);
    let _ = writeln!(head, ",\n    version: {CURRENT_VERSION},");
    let _ = writeln!(head, "    id: \"{}\",", project.id);
    head.push_str("    name: ");
    push_str_lit(&mut head, &project.name);
    head.push_str(",\n");
    list(&mut head, "    ", "tags", &project.tags.tags)?;
    list(&mut head, "    ", "relation_kinds", &project.relation_kinds)?;
    if project.entities().is_empty() {
        head.push_str("    entities: [],\n");
    } else {
        head.push_str("    entities: [\n");
        for e in project.entities() {
            entity(&mut head, e);
        }
        head.push_str("    ],\n");
    }
    list(&mut head, "    ", "relations", project.relations())?;
    let tail = tail(project)?;
    if project.documents().is_empty() {
        head.push_str("    documents: [],\n");
        head.push_str(&tail);
        return Ok(Serialized { parts: vec![head] });
    }
    head.push_str("    documents: [\n");
    let mut parts = Vec::with_capacity(project.documents().len() + 2);
    parts.push(head);
    for part in crate::par::map(project.documents(), DOCUMENTS_PER_THREAD, |d| {
        let mut part = String::with_capacity(
            d.text().len() + d.char_len() / 16 + d.annotations().len() * 300 + 512,
        );
        document(&mut part, d).map(|()| part)
    }) {
        parts.push(part?);
    }
    parts.push(format!("    ],\n{tail}"));
    Ok(Serialized { parts })
}

/// What follows the documents: the unresolved conflicts, one per line (only when
/// there are any, so files without conflicts are as before), and the closing `)`.
fn tail(project: &Project) -> Result<String, StoreError> {
    let mut out = String::new();
    if !project.conflicts().is_empty() {
        list(&mut out, "    ", "conflicts", project.conflicts())?;
    }
    out.push_str(")\n");
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers_uuids_and_times_as_the_formatters_write_them() {
        for n in [0, 7, 10, 99, 1234567, usize::MAX] {
            let mut s = String::new();
            push_usize(&mut s, n);
            assert_eq!(s, n.to_string());
        }
        let id = uuid::Uuid::now_v7();
        let mut s = String::new();
        push_uuid(&mut s, &id);
        assert_eq!(s, id.to_string());
        for t in [
            "2026-11-29T04:58:33Z",
            "0001-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z",
            "2026-11-29T04:58:33.250Z",
            "+10000-01-01T00:00:00Z",
        ] {
            let t: chrono::DateTime<chrono::Utc> = t.parse().unwrap();
            let mut s = String::new();
            push_time(&mut s, &t);
            assert_eq!(s, t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true));
        }
    }

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
        e.author = "Ana O'Neil".into();
        e.modified = Some(crate::model::now());
        let mut fraction = e.clone();
        fraction.modified = "2026-11-29T04:58:33.25Z".parse().ok();
        for e in [e, plain, fraction] {
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
