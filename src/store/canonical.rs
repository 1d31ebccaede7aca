//! A fast reader for files in the canonical layout, the one [`super::writer`]
//! writes: `ron` reads ~100 MB/s, too slow to open a corpus of 400 MB in two
//! seconds. This reader walks the file line by line, parses the lines that make up
//! nearly all of it (text lines, annotations, entities) by hand, hands any other
//! line to `ron` on its own, and reads documents in parallel.
//!
//! It only ever says "this is the project" or "not my layout": any line it does not
//! expect (a hand-edited file, another version, an error) makes it give up, and the
//! caller parses the whole file with `ron`, which also gives the precise error
//! messages. So the two readers cannot disagree on what a file means: where this one
//! answers, it answers what `ron` would (`tests` checks it on random projects).

use super::format::{DocumentFile, FORMAT_NAME, ProjectFile};
use crate::model::{
    AnchorMethod, Annotation, AnnotationId, ClaimStatus, DocumentId, Entity, EntityId, Reanchor,
};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;

/// How many documents one thread reads at least.
const DOCUMENTS_PER_THREAD: usize = 64;

/// The file, if it is in the canonical layout of `version` (else `None`).
pub(super) fn parse(text: &str, version: u32) -> Option<ProjectFile> {
    let mut lines = Lines::new(text);
    lines.expect("(")?;
    let format = lit(lines.field("    format: ")?)?;
    if format != FORMAT_NAME {
        return None;
    }
    let v: u32 = lines.field("    version: ")?.parse().ok()?;
    if v != version {
        return None;
    }
    let id = ron_value(lines.field("    id: ")?)?;
    let name = lit(lines.field("    name: ")?)?;
    let tags = lines.list("    tags: ", ron_value)?;
    let relation_kinds = lines.list("    relation_kinds: ", ron_value)?;
    let entities = lines.list("    entities: ", |l| {
        fast_entity(l).or_else(|| ron_value(l))
    })?;
    let relations = lines.list("    relations: ", ron_value)?;
    let documents = lines.documents()?;
    let conflicts = if lines.peek()? == ")" {
        Vec::new()
    } else {
        lines.list("    conflicts: ", ron_value)?
    };
    lines.expect(")")?;
    lines.end()?;
    let documents = crate::par::map(&documents, DOCUMENTS_PER_THREAD, |d| document(d))
        .into_iter()
        .collect::<Option<Vec<_>>>()?;
    Some(ProjectFile {
        format,
        version: v,
        id,
        name,
        tags,
        relation_kinds,
        entities,
        relations,
        documents,
        conflicts,
    })
}

/// The lines of the file, read front to back.
struct Lines<'a> {
    rest: &'a str,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Self { rest: text }
    }

    fn next(&mut self) -> Option<&'a str> {
        let at = self.rest.find('\n')?;
        let line = &self.rest[..at];
        self.rest = &self.rest[at + 1..];
        Some(line)
    }

    fn peek(&self) -> Option<&'a str> {
        self.rest.find('\n').map(|at| &self.rest[..at])
    }

    fn expect(&mut self, exact: &str) -> Option<()> {
        (self.next()? == exact).then_some(())
    }

    /// The value of a `prefix…,` line.
    fn field(&mut self, prefix: &str) -> Option<&'a str> {
        self.next()?.strip_prefix(prefix)?.strip_suffix(',')
    }

    /// The file ends after the last line.
    fn end(&self) -> Option<()> {
        self.rest.is_empty().then_some(())
    }

    /// A list field with one item per line, each parsed by `item`.
    fn list<T>(&mut self, prefix: &str, item: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
        let open = self.next()?.strip_prefix(prefix)?;
        if open == "[]," {
            return Some(Vec::new());
        }
        if open != "[" {
            return None;
        }
        let close = &prefix[..prefix.len() - prefix.trim_start().len()];
        let mut out = Vec::new();
        loop {
            let line = self.next()?;
            if line.strip_prefix(close) == Some("],") {
                return Some(out);
            }
            let body = line
                .strip_prefix(close)?
                .strip_prefix("    ")?
                .strip_suffix(',')?;
            out.push(item(body)?);
        }
    }

    /// A list field that may be left out (empty).
    fn optional_list<T>(
        &mut self,
        prefix: &str,
        item: impl Fn(&str) -> Option<T>,
    ) -> Option<Vec<T>> {
        if self.peek()?.starts_with(prefix) {
            self.list(prefix, item)
        } else {
            Some(Vec::new())
        }
    }

    /// The lines of each document, unparsed, to be read in parallel.
    fn documents(&mut self) -> Option<Vec<&'a str>> {
        let open = self.next()?;
        if open == "    documents: []," {
            return Some(Vec::new());
        }
        if open != "    documents: [" {
            return None;
        }
        let mut out = Vec::new();
        loop {
            if self.peek()? == "    ]," {
                self.next();
                return Some(out);
            }
            let start = self.rest;
            self.expect("        (")?;
            // A document's lines all start deeper than its closing line.
            loop {
                let line = self.next()?;
                if line == "        )," {
                    break;
                }
                if !line.starts_with("            ") {
                    return None;
                }
            }
            let len = start.len() - self.rest.len();
            out.push(&start[..len]);
        }
    }
}

/// One document's lines, from its `(` to its `),`.
fn document(block: &str) -> Option<DocumentFile> {
    let mut lines = Lines::new(block);
    lines.expect("        (")?;
    let id: DocumentId = DocumentId::parse(&lit(lines.field("            id: ")?)?)?;
    let title = lit(lines.field("            title: ")?)?;
    let source = ron_value(lines.field("            source: ")?)?;
    let text = lines.list("            text: ", lit)?;
    let annotations = lines.list("            annotations: ", |l| {
        fast_annotation(l).or_else(|| ron_value(l))
    })?;
    // Rare lists (a text that changed), one `ron` value per line.
    let orphans = lines.optional_list("            orphans: ", ron_value)?;
    let history = lines.optional_list("            history: ", ron_value)?;
    lines.expect("        ),")?;
    lines.end()?;
    Some(DocumentFile {
        id,
        title,
        source,
        text,
        annotations,
        orphans,
        history,
    })
}

/// A value `ron` parses from one line, with the store's nesting limit.
fn ron_value<T: DeserializeOwned>(s: &str) -> Option<T> {
    ron::Options::default()
        .with_recursion_limit(super::RECURSION_LIMIT)
        .from_str(s)
        .ok()
}

/// A cursor over one line, for the hand-parsed kinds of line.
struct Cursor<'a> {
    s: &'a str,
}

impl<'a> Cursor<'a> {
    fn eat(&mut self, token: &str) -> Option<()> {
        self.s = self.s.strip_prefix(token)?;
        Some(())
    }

    fn try_eat(&mut self, token: &str) -> bool {
        self.eat(token).is_some()
    }

    /// A string literal.
    fn string(&mut self) -> Option<String> {
        let (value, rest) = lit_prefix(self.s)?;
        self.s = rest;
        Some(value)
    }

    /// An unsigned decimal number.
    fn number(&mut self) -> Option<usize> {
        let digits = self.s.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || (digits > 1 && self.s.starts_with('0')) {
            return None;
        }
        let n = self.s[..digits].parse().ok()?;
        self.s = &self.s[digits..];
        Some(n)
    }

    /// A quoted UUID.
    fn uuid(&mut self) -> Option<uuid::Uuid> {
        let inner = self.s.strip_prefix('"')?.get(..36)?;
        let id = uuid::Uuid::try_parse(inner).ok()?;
        self.s = self.s.get(37..)?.strip_prefix('"')?;
        Some(id)
    }

    /// A quoted RFC 3339 time as the writer writes it (whole seconds, `Z`).
    fn time(&mut self) -> Option<DateTime<Utc>> {
        let inner = self.s.strip_prefix('"')?.get(..20)?;
        if !inner.ends_with('Z') {
            return None;
        }
        let t = DateTime::parse_from_rfc3339(inner)
            .ok()?
            .with_timezone(&Utc);
        self.s = self.s.get(21..)?.strip_prefix('"')?;
        Some(t)
    }

    fn done(&self) -> Option<()> {
        self.s.is_empty().then_some(())
    }
}

/// An annotation line in exactly the writer's form, or `None`.
fn fast_annotation(line: &str) -> Option<Annotation> {
    let mut c = Cursor { s: line };
    c.eat("(id: ")?;
    let id = AnnotationId(c.uuid()?);
    c.eat(", tag: ")?;
    let tag = c.string()?;
    c.eat(", start: ")?;
    let start = c.number()?;
    c.eat(", end: ")?;
    let end = c.number()?;
    let mut fragments = Vec::new();
    if c.try_eat(", fragments: [") {
        loop {
            c.eat("(")?;
            let s = c.number()?;
            c.eat(", ")?;
            let e = c.number()?;
            c.eat(")")?;
            fragments.push((s, e));
            if c.try_eat("]") {
                break;
            }
            c.eat(", ")?;
        }
    }
    c.eat(", quote: ")?;
    let quote = c.string()?;
    c.eat(", prefix: ")?;
    let prefix = c.string()?;
    c.eat(", suffix: ")?;
    let suffix = c.string()?;
    let note = if c.try_eat(", note: ") {
        c.string()?
    } else {
        String::new()
    };
    let entity = if c.try_eat(", entity: Some(") {
        let e = EntityId(c.uuid()?);
        c.eat(")")?;
        Some(e)
    } else {
        None
    };
    let status = if c.try_eat(", status: Some(") {
        let s = ClaimStatus::ALL
            .into_iter()
            .find(|s| c.try_eat(&format!("{s:?})")))?;
        Some(s)
    } else {
        None
    };
    let author = if c.try_eat(", author: ") {
        c.string()?
    } else {
        String::new()
    };
    c.eat(", created: ")?;
    let created = c.time()?;
    c.eat(", modified: ")?;
    let modified = c.time()?;
    let reanchored = if c.try_eat(", reanchored: Some((method: ") {
        let method = AnchorMethod::ALL
            .into_iter()
            .find(|m| c.try_eat(&format!("{m:?}")))?;
        c.eat(", date: ")?;
        let date = c.time()?;
        let was = if c.try_eat(", was: ") {
            c.string().filter(|s| !s.is_empty())?
        } else {
            String::new()
        };
        c.eat("))")?;
        Some(Reanchor { method, date, was })
    } else {
        None
    };
    let modified_by = if c.try_eat(", modified_by: ") {
        c.string().filter(|s| !s.is_empty())?
    } else {
        String::new()
    };
    c.eat(")")?;
    c.done()?;
    Some(Annotation {
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
    })
}

/// An entity line in exactly the form `ron` writes it compactly, or `None`.
fn fast_entity(line: &str) -> Option<Entity> {
    let mut c = Cursor { s: line };
    c.eat("(id: ")?;
    let id = EntityId(c.uuid()?);
    c.eat(", kind: ")?;
    let kind = c.string()?;
    c.eat(", name: ")?;
    let name = c.string()?;
    let mut aliases = Vec::new();
    if c.try_eat(", aliases: [") {
        loop {
            aliases.push(c.string()?);
            if c.try_eat("]") {
                break;
            }
            c.eat(", ")?;
        }
    }
    let mut text_field = |name: &str| -> Option<String> {
        if c.try_eat(&format!(", {name}: ")) {
            c.string().filter(|s| !s.is_empty())
        } else {
            Some(String::new())
        }
    };
    let note = text_field("note")?;
    let role = text_field("role")?;
    let date = text_field("date")?;
    let date_iso = if c.try_eat(", date_iso: Some(") {
        let d = c.string()?;
        c.eat(")")?;
        Some(d)
    } else {
        None
    };
    let place = if c.try_eat(", place: ") {
        c.string().filter(|s| !s.is_empty())?
    } else {
        String::new()
    };
    let author = if c.try_eat(", author: ") {
        c.string().filter(|s| !s.is_empty())?
    } else {
        String::new()
    };
    let modified = if c.try_eat(", modified: Some(") {
        let t = c.time()?;
        c.eat(")")?;
        Some(t)
    } else {
        None
    };
    c.eat(")")?;
    c.done()?;
    Some(Entity {
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
    })
}

/// A whole value that is one string literal.
fn lit(s: &str) -> Option<String> {
    let (value, rest) = lit_prefix(s)?;
    rest.is_empty().then_some(value)
}

/// A string literal at the start of `s` (`"…"` with the escapes both writers use:
/// `\"`, `\\`, `\'`, `\n`, `\r`, `\t`, `\0` and `\u{…}`), and what follows it.
fn lit_prefix(s: &str) -> Option<(String, &str)> {
    let body = s.strip_prefix('"')?;
    let mut out = String::new();
    let mut rest = body;
    loop {
        let stop = rest.find(['"', '\\'])?;
        out.push_str(&rest[..stop]);
        let (c, after) = (rest.as_bytes()[stop], &rest[stop + 1..]);
        if c == b'"' {
            return Some((out, after));
        }
        let mut chars = after.chars();
        let e = chars.next()?;
        rest = chars.as_str();
        match e {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            'u' => {
                let inner = rest.strip_prefix('{')?;
                let close = inner.find('}')?;
                let hex = &inner[..close];
                if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                rest = &inner[close + 1..];
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{
        ClaimStatus, Conflict, Document, Entity, Field, Orphan, Project, Relation, RelationId,
        SourceMeta, Subject, Target, TextVersion, Version, VersionKind,
    };
    use proptest::prelude::*;

    fn tricky() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Z", " ", "é", "e\u{301}", "🙂", "مریم", "\u{200c}", "\"", "\\", "\t", "\n", "'",
            "}", ")", ",", "Some(", "\u{7}", "\u{0}", "\u{7f}", "\u{2028}",
        ]);
        prop::collection::vec(pieces, 0..10).prop_map(|v| v.concat())
    }

    /// Random projects with every field set somewhere.
    fn project() -> impl Strategy<Value = Project> {
        (
            tricky(),
            prop::collection::vec((tricky(), tricky(), tricky(), 0..4usize), 1..4),
            prop::collection::vec((tricky(), tricky(), prop::option::of(tricky())), 0..5),
            prop::collection::vec((0..400usize, 1..30usize, 0..4usize, tricky()), 0..25),
        )
            .prop_map(|(name, docs, ents, anns)| {
                let entities: Vec<Entity> = ents
                    .into_iter()
                    .enumerate()
                    .map(|(i, (n, note, iso))| Entity {
                        aliases: vec![note.clone(), "x".into()]
                            .into_iter()
                            .take(i % 3)
                            .collect(),
                        note: note.clone(),
                        role: n.clone(),
                        date: note,
                        date_iso: iso,
                        place: n.clone(),
                        ..Entity::new(["person", "event"][i % 2], format!("{n}{i}"))
                    })
                    .collect();
                let mut documents = Vec::new();
                for (i, (title, text, byline, _)) in docs.into_iter().enumerate() {
                    let text = format!("{text}\nline {i}\n\n{title} more text here");
                    let source = SourceMeta {
                        byline: Some(byline),
                        page_starts: vec![0, 1],
                        ..SourceMeta::default()
                    };
                    let bare = Document::new(title.clone(), source.clone(), text.clone());
                    let len = bare.char_len();
                    let list = anns
                        .iter()
                        .filter(|a| a.2 % 2 == i % 2)
                        .filter_map(|&(start, width, kind, ref note)| {
                            let start = start % len;
                            let end = (start + width).min(len);
                            let tag = ["claim", "person", "event"][kind % 3];
                            let mut a = crate::model::Annotation::new(
                                bare.text(),
                                bare.char_index(),
                                tag,
                                start,
                                end,
                                note,
                            )?;
                            a.note = note.clone();
                            if kind % 3 == 1 {
                                a.modified_by = format!("{note}!");
                            }
                            a.status = (kind % 2 == 0).then_some(ClaimStatus::ALL[kind % 4]);
                            a.entity = entities.get(kind).map(|e| e.id);
                            // Some were re-anchored, noting their old quote or not.
                            a.reanchored = start.is_multiple_of(3).then(|| Reanchor {
                                method: AnchorMethod::ALL[width % 4],
                                date: crate::model::now(),
                                was: if width.is_multiple_of(2) {
                                    note.clone()
                                } else {
                                    String::new()
                                },
                            });
                            Some(a)
                        })
                        .collect::<Vec<_>>();
                    // Documents whose text changed keep orphans and earlier versions.
                    let (orphans, history) = if i % 2 == 0 {
                        let orphans = list
                            .iter()
                            .take(2)
                            .map(|a| Orphan {
                                annotation: crate::model::Annotation {
                                    id: AnnotationId::new(),
                                    ..a.clone()
                                },
                                reason: format!("its text was deleted {title}"),
                                date: crate::model::now(),
                                relations: Vec::new(),
                            })
                            .collect();
                        let history = vec![TextVersion {
                            kind: VersionKind::Update,
                            date: crate::model::now(),
                            sha256: crate::model::text_sha256(&title),
                            chars: 12,
                            restore: vec![(0, 1, title.clone()), (3, 3, String::new())],
                            source: Some(source.clone()),
                            summary: title.clone(),
                        }];
                        (orphans, history)
                    } else {
                        (Vec::new(), Vec::new())
                    };
                    documents.push(
                        Document::with_annotations(bare.id, title, source, text, list)
                            .with_history(orphans, history),
                    );
                }
                let relations = entities
                    .windows(2)
                    .map(|w| Relation {
                        id: RelationId::new(),
                        kind: "participant_in".into(),
                        from: Target::Entity(w[0].id),
                        to: Target::Entity(w[1].id),
                        note: w[0].note.clone(),
                        author: w[0].name.clone(),
                        modified: Some(crate::model::now()),
                    })
                    .collect();
                // A conflict record for every annotation with a note: our version,
                // their deletion, the base (every optional part somewhere).
                let conflicts = documents
                    .iter()
                    .flat_map(|d| d.annotations().iter().map(move |a| (d.id, a)))
                    .filter(|(_, a)| !a.note.is_empty())
                    .enumerate()
                    .map(|(i, (doc, a))| {
                        let version = Version::Annotation {
                            doc,
                            annotation: a.clone(),
                        };
                        Conflict {
                            subject: Subject::Annotation(a.id),
                            fields: if i % 2 == 0 {
                                vec![Field::Note]
                            } else {
                                Vec::new()
                            },
                            base: (i % 3 != 0).then(|| version.clone()),
                            ours: Some(version),
                            theirs: None,
                            copy: (i % 4 == 1).then_some(doc),
                        }
                    })
                    .collect();
                let base = Project::new(name);
                Project::from_parts(
                    base.id,
                    base.name,
                    base.tags,
                    base.relation_kinds,
                    documents,
                    entities,
                    relations,
                )
                .with_conflicts(conflicts)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn the_fast_reader_reads_what_ron_reads(p in project()) {
            let text = crate::store::to_ron(&p).unwrap();
            let fast = parse(&text, crate::store::CURRENT_VERSION).expect("canonical layout");
            let slow: ProjectFile = ron_value(&text).expect("ron reads it");
            prop_assert_eq!(&fast.into_project(), &p);
            prop_assert_eq!(&slow.into_project(), &p);
            // Every annotation and entity line took the fast path, not `ron`'s.
            for line in text.lines() {
                let body = line.trim_start().trim_end_matches(',');
                if line.starts_with("                (id: ") {
                    prop_assert!(fast_annotation(body).is_some(), "{}", line);
                } else if line.starts_with("        (id: ") && !line.contains(", from: ") {
                    prop_assert!(fast_entity(body).is_some(), "{}", line);
                }
            }
        }
    }

    #[test]
    fn anything_but_the_canonical_layout_is_left_to_ron() {
        let p = Project::new("p");
        let text = crate::store::to_ron(&p).unwrap();
        assert!(parse(&text, crate::store::CURRENT_VERSION).is_some());
        for changed in [
            text.replace('\n', "\r\n"),
            text.replacen("    ", "  ", 1),
            text.replace("documents: [],", "documents: [ ],"),
            format!("{text}\n"),
            text.replace("version: 2", "version: 3"),
        ] {
            assert!(
                parse(&changed, crate::store::CURRENT_VERSION).is_none(),
                "{changed}"
            );
        }
    }

    #[test]
    fn string_literals_with_every_escape() {
        assert_eq!(
            lit(r#""a\"b\\c\'d\ne\rf\tg\0h\u{1f642}\u{301}""#).unwrap(),
            "a\"b\\c'd\ne\rf\tg\0h🙂\u{301}"
        );
        assert_eq!(lit(r#""مریم رجوی""#).unwrap(), "مریم رجوی");
        assert_eq!(lit("\"\"").unwrap(), "");
        for bad in [
            r#""open"#,
            r#""\x41""#,
            r#""\u{110000}""#,
            r#""\u{}""#,
            r#""a" tail"#,
        ] {
            assert_eq!(lit(bad), None, "{bad}");
        }
    }
}
