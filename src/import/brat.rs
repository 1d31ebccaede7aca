//! brat standoff in: each `DOC.ann` with its `DOC.txt` becomes a document with its
//! annotations.
//!
//! - `T` (with `;`-separated fragments) → annotations; a tag per type, created when
//!   the project has no tag of that key (colours from [`super::annotations::PALETTE`],
//!   no shortcut keys; an event trigger type becomes an event tag, a type with a
//!   claim status a claim tag, `Person`/`Organization`/`GPE`-like types entity tags).
//! - `E` → the trigger's annotation stands for the event; each argument becomes a
//!   relation from it, of a kind named by the role (`Org-Arg`), created if needed.
//! - `R` → relations (`Arg1` → `Arg2`), kinds created from the types.
//! - `A` → a claim's status when the attribute is `Status` with a status as value;
//!   any other attribute is kept as a line of the note (`Mention: Name`).
//! - `#` → notes (one line per `#`), on annotations, events or relations.
//! - `N` → entity links: one entity per reference (`Dossier:<id>` names a Dossier
//!   entity; others are kept in the entity's note as `Reference Wikipedia:64488`).
//! - `*` → the annotations it lists mention one entity.
//!
//! Offsets are code points. The text is read byte-exact as UTF-8. Dossier's canonical
//! text has LF line ends, so a CRLF text (brat's own server miscounts them,
//! nlplab/brat#853) is read as brat's files count it: offsets include each `\r`, and
//! are moved back by the `\r`s removed before them; a leading byte-order mark is
//! dropped the same way. Each span's text is checked against the document: if it
//! does not match, offsets already counted without the `\r`s, then UTF-16 units,
//! then UTF-8 bytes are tried (tools that count so exist), and what was used is
//! said in a warning. Whatever has no home is listed in the warnings.

use super::annotations::{
    AnnotationImport, AnnotationImportError, ImportSummary, new_colors, read,
};
use crate::commands::Command;
use crate::export::brat::{DOSSIER_KB, STATUS_ATTRIBUTE, recorded_reference};
use crate::model::utf16::Utf16Map;
use crate::model::{
    Annotation, AnnotationId, ClaimStatus, Document, DocumentId, Entity, EntityId, EntityRole,
    Project, Relation, RelationId, RelationKind, SourceMeta, TagDef, TagKind, Target,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// One brat document to import: its name (the file stem), its `.ann` text and the
/// bytes of its `.txt`.
#[derive(Clone, Debug)]
pub struct BratDocument {
    /// The document's name: the files' stem.
    pub name: String,
    /// The `.ann` file's content.
    pub ann: String,
    /// The `.txt` file's bytes.
    pub txt: Vec<u8>,
}

/// The `.ann` files named by `paths` (files, or folders whose `.ann` files are
/// taken in name order), each with its `.txt`.
pub fn read_documents(paths: &[PathBuf]) -> Result<Vec<BratDocument>, AnnotationImportError> {
    let mut anns: Vec<PathBuf> = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|error| AnnotationImportError::Io {
                    path: p.display().to_string(),
                    error,
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "ann") && f.is_file())
                .collect();
            if found.is_empty() {
                return Err(AnnotationImportError::NoFiles(
                    "brat .ann",
                    p.display().to_string(),
                ));
            }
            found.sort();
            anns.extend(found);
        } else if p.extension().is_some_and(|x| x == "txt") {
            anns.push(p.with_extension("ann"));
        } else {
            anns.push(p.clone());
        }
    }
    if anns.is_empty() {
        return Err(AnnotationImportError::NoFiles(
            "brat .ann",
            "the arguments".into(),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for ann_path in anns {
        if !seen.insert(ann_path.clone()) {
            continue;
        }
        let txt_path = ann_path.with_extension("txt");
        if !txt_path.is_file() {
            return Err(AnnotationImportError::NoText(
                ann_path.display().to_string(),
                txt_path.display().to_string(),
            ));
        }
        // A text without an .ann file is a document without annotations.
        let ann = if ann_path.exists() {
            String::from_utf8(read(&ann_path)?)
                .map_err(|_| AnnotationImportError::NotUtf8(ann_path.display().to_string()))?
        } else {
            String::new()
        };
        let txt = read(&txt_path)?;
        let name = stem(&ann_path);
        out.push(BratDocument { name, ann, txt });
    }
    Ok(out)
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into())
}

// ---------------------------------------------------------------------------------
// Parsing

#[derive(Clone, Debug)]
struct TLine {
    id: String,
    ty: String,
    fragments: Vec<(usize, usize)>,
    text: String,
    line: usize,
}

#[derive(Clone, Debug)]
struct ELine {
    id: String,
    ty: String,
    trigger: String,
    args: Vec<(String, String)>,
    line: usize,
}

#[derive(Clone, Debug)]
struct RLine {
    id: String,
    ty: String,
    args: Vec<(String, String)>,
    line: usize,
}

#[derive(Clone, Debug)]
enum Other {
    /// `A`/`M`: name, target, value.
    Attribute(String, String, Option<String>),
    /// `#`: target, text.
    Note(String, String),
    /// `N`: type, target, reference, text.
    Norm(String, String, String, String),
    /// `*`: members (the type, e.g. `Alias`, says only that they are one).
    Equiv(Vec<String>),
}

#[derive(Default, Debug)]
struct Parsed {
    t: Vec<TLine>,
    e: Vec<ELine>,
    r: Vec<RLine>,
    /// Attributes, notes, normalisations and equivalences, in file order.
    other: Vec<(usize, String, Other)>,
}

fn parse(ann: &str, doc: &str, warnings: &mut Vec<String>) -> Parsed {
    let mut p = Parsed::default();
    for (i, raw) in ann.split('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| format!("{doc}.ann line {line_no}: {why}, not imported: {line:?}");
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or_default().to_owned();
        let spec = cols.next().unwrap_or_default();
        let text = cols.next().unwrap_or_default().to_owned();
        let words: Vec<&str> = spec.split(' ').filter(|w| !w.is_empty()).collect();
        match id.chars().next() {
            Some('T') => match parse_t(spec) {
                Some((ty, fragments)) => p.t.push(TLine {
                    id,
                    ty,
                    fragments,
                    text,
                    line: line_no,
                }),
                None => warnings.push(bad("a text-bound annotation without type and offsets")),
            },
            Some('E') => {
                let mut parts = words.iter();
                let Some((ty, trigger)) = parts.next().and_then(|w| w.split_once(':')) else {
                    warnings.push(bad("an event without TYPE:TRIGGER"));
                    continue;
                };
                let args = parts
                    .filter_map(|w| w.split_once(':'))
                    .map(|(r, a)| (r.to_owned(), a.to_owned()))
                    .collect();
                p.e.push(ELine {
                    id,
                    ty: ty.to_owned(),
                    trigger: trigger.to_owned(),
                    args,
                    line: line_no,
                });
            }
            Some('R') => {
                let Some((ty, rest)) = words.split_first() else {
                    warnings.push(bad("a relation without type"));
                    continue;
                };
                let args = rest
                    .iter()
                    .filter_map(|w| w.split_once(':'))
                    .map(|(r, a)| (r.to_owned(), a.to_owned()))
                    .collect();
                p.r.push(RLine {
                    id,
                    ty: (*ty).to_owned(),
                    args,
                    line: line_no,
                });
            }
            Some('A' | 'M') => match words.as_slice() {
                [name, target] => p.other.push((
                    line_no,
                    id,
                    Other::Attribute((*name).into(), (*target).into(), None),
                )),
                [name, target, value] => p.other.push((
                    line_no,
                    id,
                    Other::Attribute((*name).into(), (*target).into(), Some((*value).into())),
                )),
                _ => warnings.push(bad("an attribute that is not NAME TARGET [VALUE]")),
            },
            Some('#') => match words.as_slice() {
                [_, target] => p
                    .other
                    .push((line_no, id, Other::Note((*target).into(), text))),
                _ => warnings.push(bad("a note that is not TYPE TARGET")),
            },
            Some('N') => match words.as_slice() {
                [ty, target, reference] if reference.contains(':') => p.other.push((
                    line_no,
                    id,
                    Other::Norm((*ty).into(), (*target).into(), (*reference).into(), text),
                )),
                _ => warnings.push(bad("a normalisation that is not TYPE TARGET RID:EID")),
            },
            Some('*') => match words.split_first() {
                Some((_, members)) if members.len() >= 2 => p.other.push((
                    line_no,
                    id,
                    Other::Equiv(members.iter().map(|m| (*m).to_owned()).collect()),
                )),
                _ => warnings.push(bad("an equivalence of fewer than two annotations")),
            },
            _ => warnings.push(bad("a line of an unknown kind")),
        }
    }
    p
}

/// `TYPE s e;s e` → type and fragments (in file order).
fn parse_t(spec: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let (ty, offsets) = spec.split_once(' ')?;
    let fragments = offsets
        .split(';')
        .map(|f| {
            let (s, e) = f.trim().split_once(' ')?;
            Some((s.trim().parse().ok()?, e.trim().parse().ok()?))
        })
        .collect::<Option<Vec<(usize, usize)>>>()?;
    (!ty.is_empty() && !fragments.is_empty()).then(|| (ty.to_owned(), fragments))
}

// ---------------------------------------------------------------------------------
// The text and its offsets

/// A brat text as Dossier keeps it, and how brat's code points map onto it.
struct Text {
    /// The canonical text (LF line ends, no byte-order mark).
    canonical: String,
    /// The file's text as brat counts it.
    raw: String,
    /// Raw code-point offsets of the chars removed (a `\r` before `\n`, a BOM).
    removed: Vec<usize>,
}

impl Text {
    fn new(raw: String) -> Self {
        let mut canonical = String::with_capacity(raw.len());
        let mut removed = Vec::new();
        let mut chars = raw.chars().peekable();
        let mut i = 0;
        while let Some(c) = chars.next() {
            match c {
                '\u{feff}' if i == 0 => removed.push(i),
                '\r' if chars.peek() == Some(&'\n') => removed.push(i),
                '\r' => canonical.push('\n'),
                c => canonical.push(c),
            }
            i += 1;
        }
        Self {
            canonical,
            raw,
            removed,
        }
    }

    /// The canonical offset of raw offset `raw`.
    fn canonical_of(&self, raw: usize) -> usize {
        raw - self.removed.partition_point(|&r| r < raw)
    }
}

/// A span's text compared as brat writes it: line breaks and tabs as spaces.
fn same_text(a: &str, b: &str) -> bool {
    let norm = |c: char| {
        if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        }
    };
    a.chars().map(norm).eq(b.chars().map(norm))
}

/// The text of `fragments` of `s` counted by `slice`, joined by one space.
fn joined(
    fragments: &[(usize, usize)],
    slice: impl Fn(usize, usize) -> Option<String>,
) -> Option<String> {
    let parts = fragments
        .iter()
        .map(|&(s, e)| if s <= e { slice(s, e) } else { None })
        .collect::<Option<Vec<String>>>()?;
    Some(parts.join(" "))
}

/// How a span's offsets had to be read for its text to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counted {
    /// Code points of the file, as brat counts (the normal case).
    Raw,
    /// Code points of the text without its `\r`s (a tool that normalised).
    Canonical,
    /// UTF-16 code units.
    Utf16,
    /// UTF-8 bytes.
    Bytes,
    /// Nothing matched: the offsets were used as code points anyway.
    Mismatch,
}

struct Anchors<'t> {
    text: &'t Text,
    raw_index: crate::model::text::CharIndex,
    canon_index: crate::model::text::CharIndex,
    utf16: Utf16Map,
}

impl<'t> Anchors<'t> {
    fn new(text: &'t Text) -> Self {
        Self {
            raw_index: crate::model::text::CharIndex::new(&text.raw),
            canon_index: crate::model::text::CharIndex::new(&text.canonical),
            utf16: Utf16Map::new(&text.raw),
            text,
        }
    }

    /// Canonical fragments for a T line, and how its offsets were counted.
    fn anchor(
        &self,
        fragments: &[(usize, usize)],
        expected: &str,
    ) -> Option<(Vec<(usize, usize)>, Counted)> {
        let raw = &self.text.raw;
        let by_raw = |s, e| self.raw_index.slice(raw, s, e).map(str::to_owned);
        let to_canonical = |f: &[(usize, usize)]| -> Vec<(usize, usize)> {
            f.iter()
                .map(|&(s, e)| (self.text.canonical_of(s), self.text.canonical_of(e)))
                .collect()
        };
        if joined(fragments, by_raw).is_some_and(|t| same_text(&t, expected)) {
            return Some((to_canonical(fragments), Counted::Raw));
        }
        if !self.text.removed.is_empty() {
            let canon = &self.text.canonical;
            let by_canon = |s, e| self.canon_index.slice(canon, s, e).map(str::to_owned);
            if joined(fragments, by_canon).is_some_and(|t| same_text(&t, expected)) {
                return Some((fragments.to_vec(), Counted::Canonical));
            }
        }
        let from_utf16: Option<Vec<(usize, usize)>> = fragments
            .iter()
            .map(|&(s, e)| Some((self.utf16.to_code_points(s)?, self.utf16.to_code_points(e)?)))
            .collect();
        if let Some(f) = from_utf16
            && f != fragments
            && joined(&f, by_raw).is_some_and(|t| same_text(&t, expected))
        {
            return Some((to_canonical(&f), Counted::Utf16));
        }
        let from_bytes: Option<Vec<(usize, usize)>> = fragments
            .iter()
            .map(|&(s, e)| {
                Some((
                    self.raw_index.char_of(raw, s)?,
                    self.raw_index.char_of(raw, e)?,
                ))
            })
            .collect();
        if let Some(f) = from_bytes
            && f != fragments
            && joined(&f, by_raw).is_some_and(|t| same_text(&t, expected))
        {
            return Some((to_canonical(&f), Counted::Bytes));
        }
        // Inside the text at all? Then brat would show it there: keep it, and say so.
        let len = self.raw_index.char_len();
        fragments
            .iter()
            .all(|&(s, e)| s < e && e <= len)
            .then(|| (to_canonical(fragments), Counted::Mismatch))
    }
}

/// Sorts fragments and merges those that overlap or touch (Dossier's fragments are
/// apart); says whether anything was merged.
fn tidy(mut f: Vec<(usize, usize)>) -> (Vec<(usize, usize)>, bool) {
    f.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(f.len());
    let mut merged = false;
    for (s, e) in f {
        match out.last_mut() {
            Some(last) if s <= last.1 => {
                last.1 = last.1.max(e);
                merged = true;
            }
            _ => out.push((s, e)),
        }
    }
    (out, merged)
}

// ---------------------------------------------------------------------------------
// Building the import

/// A relation waiting for its ends to be annotations.
struct PendingRelation {
    kind: String,
    from: AnnotationId,
    to: AnnotationId,
    brat: String,
}

/// What a brat id stands for in one document.
#[derive(Clone, Copy)]
enum Ref {
    Annotation(usize),
    Relation(usize),
}

/// Builds the import of some brat documents into `project`.
pub fn import(project: &Project, docs: &[BratDocument]) -> AnnotationImport {
    let mut warnings = Vec::new();
    // Per document: its text and its annotations (by index), with brat ids.
    struct Built {
        id: DocumentId,
        name: String,
        txt_sha: String,
        text: Text,
        annotations: Vec<Annotation>,
        crlf: usize,
    }
    let mut built: Vec<Built> = Vec::with_capacity(docs.len());
    let mut relations: Vec<(PendingRelation, String)> = Vec::new(); // + note
    let mut types_of_new: BTreeMap<String, TypeEvidence> = BTreeMap::new();
    let mut kinds_used: BTreeSet<String> = BTreeSet::new();
    // Entities: by key (Dossier id or recorded reference), and links to make.
    let mut entity_by_key: HashMap<String, usize> = HashMap::new();
    let mut new_entities: Vec<NewEntity> = Vec::new();

    for doc in docs {
        let raw = match String::from_utf8(doc.txt.clone()) {
            Ok(raw) => raw,
            Err(_) => {
                warnings.push(format!(
                    "{}.txt is not UTF-8 (brat texts are UTF-8); the document is not imported",
                    doc.name
                ));
                continue;
            }
        };
        let text = Text::new(raw);
        let parsed = parse(&doc.ann, &doc.name, &mut warnings);
        let anchors = Anchors::new(&text);
        let canon_index = crate::model::text::CharIndex::new(&text.canonical);
        let mut annotations: Vec<Annotation> = Vec::with_capacity(parsed.t.len());
        let mut ids: HashMap<String, Ref> = HashMap::new();
        let mut counted: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
        let mut crlf = 0;
        let doc_index = built.len();
        let _ = doc_index;
        for t in &parsed.t {
            let Some((fragments, how)) = anchors.anchor(&t.fragments, &t.text) else {
                warnings.push(format!(
                    "{}.ann line {}: {} {} {:?} lies outside the text; not imported",
                    doc.name, t.line, t.id, t.ty, t.fragments
                ));
                continue;
            };
            let (fragments, merged) = tidy(fragments);
            if merged {
                warnings.push(format!(
                    "{}.ann line {}: {}'s fragments overlap or touch; imported as {:?}",
                    doc.name, t.line, t.id, fragments
                ));
            }
            match how {
                Counted::Raw => {
                    if fragments.iter().any(|&(s, _)| s != 0) && !text.removed.is_empty() {
                        crlf += 1;
                    }
                }
                Counted::Canonical => counted.entry("without the \\r of CRLF line ends").or_default().push(t.id.clone()),
                Counted::Utf16 => counted.entry("in UTF-16 code units").or_default().push(t.id.clone()),
                Counted::Bytes => counted.entry("in UTF-8 bytes").or_default().push(t.id.clone()),
                Counted::Mismatch => warnings.push(format!(
                    "{}.ann line {}: {}'s text {:?} does not match the document at {:?}; imported at those offsets",
                    doc.name, t.line, t.id, t.text, t.fragments
                )),
            }
            let Some(a) =
                Annotation::new_fragmented(&text.canonical, &canon_index, &t.ty, &fragments, "")
            else {
                warnings.push(format!(
                    "{}.ann line {}: {} is empty once line ends are counted; not imported",
                    doc.name, t.line, t.id
                ));
                continue;
            };
            if !project.tags.tags.iter().any(|d| d.key == t.ty) {
                types_of_new.entry(t.ty.clone()).or_default();
            }
            ids.insert(t.id.clone(), Ref::Annotation(annotations.len()));
            annotations.push(a);
        }
        for (how, which) in counted {
            warnings.push(format!(
                "{}.ann: the offsets of {} count {how}, not brat's code points; read that way",
                doc.name,
                which.join(", ")
            ));
        }
        // Events: the trigger stands for the event; arguments become relations.
        let mut event_trigger: HashMap<String, usize> = HashMap::new();
        let mut triggers: std::collections::HashSet<usize> = std::collections::HashSet::new();
        for e in &parsed.e {
            match ids.get(&e.trigger) {
                Some(&Ref::Annotation(i)) => {
                    if !triggers.insert(i) {
                        warnings.push(format!(
                            "{}.ann line {}: {} shares its trigger {} with another event; its arguments join that event",
                            doc.name, e.line, e.id, e.trigger
                        ));
                    }
                    if annotations[i].tag != e.ty {
                        warnings.push(format!(
                            "{}.ann line {}: {} has type {} but its trigger {} is {}; the trigger's type is kept",
                            doc.name, e.line, e.id, e.ty, e.trigger, annotations[i].tag
                        ));
                    }
                    if let Some(ev) = types_of_new.get_mut(&annotations[i].tag) {
                        ev.event = true;
                    }
                    event_trigger.insert(e.id.clone(), i);
                    ids.insert(e.id.clone(), Ref::Annotation(i));
                }
                _ => warnings.push(format!(
                    "{}.ann line {}: {}'s trigger {} is not a text-bound annotation; event not imported",
                    doc.name, e.line, e.id, e.trigger
                )),
            }
        }
        for e in &parsed.e {
            let Some(&i) = event_trigger.get(&e.id) else {
                continue;
            };
            for (role, arg) in &e.args {
                match ids.get(arg) {
                    Some(&Ref::Annotation(j)) => {
                        kinds_used.insert(role.clone());
                        relations.push((
                            PendingRelation {
                                kind: role.clone(),
                                from: annotations[i].id,
                                to: annotations[j].id,
                                brat: format!("{} {role}:{arg}", e.id),
                            },
                            String::new(),
                        ));
                    }
                    _ => warnings.push(format!(
                        "{}.ann line {}: {}'s argument {role}:{arg} is not an annotation of the document; not imported",
                        doc.name, e.line, e.id
                    )),
                }
            }
        }
        let relation_base = relations.len();
        for r in &parsed.r {
            let named = |n: &str| r.args.iter().find(|(k, _)| k == n).map(|(_, v)| v);
            let (a1, a2) = match (named("Arg1"), named("Arg2")) {
                (Some(a), Some(b)) => (a, b),
                _ => {
                    if r.args.len() == 2 {
                        warnings.push(format!(
                            "{}.ann line {}: {}'s arguments {} and {} are imported as its first and second end",
                            doc.name, r.line, r.id, r.args[0].0, r.args[1].0
                        ));
                        (&r.args[0].1, &r.args[1].1)
                    } else {
                        warnings.push(format!(
                            "{}.ann line {}: {} does not have two arguments; not imported",
                            doc.name, r.line, r.id
                        ));
                        continue;
                    }
                }
            };
            match (ids.get(a1), ids.get(a2)) {
                (Some(&Ref::Annotation(i)), Some(&Ref::Annotation(j))) => {
                    kinds_used.insert(r.ty.clone());
                    ids.insert(r.id.clone(), Ref::Relation(relations.len()));
                    relations.push((
                        PendingRelation {
                            kind: r.ty.clone(),
                            from: annotations[i].id,
                            to: annotations[j].id,
                            brat: r.id.clone(),
                        },
                        String::new(),
                    ));
                }
                _ => warnings.push(format!(
                    "{}.ann line {}: {}'s arguments are not annotations of the document; not imported",
                    doc.name, r.line, r.id
                )),
            }
        }
        let _ = relation_base;
        // Attributes, notes, normalisations and equivalences, in file order.
        let mut equivalences: Vec<Vec<usize>> = Vec::new();
        // Each `#` or attribute line is one line of the note; an empty `#` line is
        // an empty line of it, so whether a note has begun is kept apart from its text.
        let mut begun: std::collections::HashSet<(bool, usize)> = std::collections::HashSet::new();
        let mut add_note = |note: &mut String, line: &str, key: (bool, usize)| {
            if !begun.insert(key) {
                note.push('\n');
            }
            note.push_str(line);
        };
        for (line_no, id, other) in &parsed.other {
            let gone = |what: &str| {
                format!(
                    "{}.ann line {line_no}: {id}: {what}; not imported",
                    doc.name
                )
            };
            match other {
                Other::Attribute(name, target, value) => {
                    let status = value
                        .as_deref()
                        .filter(|_| name.eq_ignore_ascii_case(STATUS_ATTRIBUTE))
                        .and_then(ClaimStatus::parse);
                    let line = match value {
                        Some(v) => format!("{name}: {v}"),
                        None => name.clone(),
                    };
                    match ids.get(target) {
                        Some(&Ref::Annotation(i)) => match status {
                            Some(s) => {
                                annotations[i].status = Some(s);
                                if let Some(ev) = types_of_new.get_mut(&annotations[i].tag) {
                                    ev.status = true;
                                }
                            }
                            None => add_note(&mut annotations[i].note, &line, (false, i)),
                        },
                        Some(&Ref::Relation(k)) => add_note(&mut relations[k].1, &line, (true, k)),
                        None => {
                            warnings.push(gone(&format!("attribute {line} of unknown {target}")))
                        }
                    }
                }
                Other::Note(target, text) => match ids.get(target) {
                    Some(&Ref::Annotation(i)) => {
                        add_note(&mut annotations[i].note, text, (false, i))
                    }
                    Some(&Ref::Relation(k)) => add_note(&mut relations[k].1, text, (true, k)),
                    None => warnings.push(gone(&format!("note {text:?} on unknown {target}"))),
                },
                Other::Norm(ty, target, reference, name) => {
                    let Some(&Ref::Annotation(i)) = ids.get(target) else {
                        warnings.push(gone(&format!(
                            "normalisation {reference} of unknown {target}"
                        )));
                        continue;
                    };
                    let slot = entity_slot(
                        project,
                        &mut entity_by_key,
                        &mut new_entities,
                        ty,
                        reference,
                        name,
                        &annotations[i],
                    );
                    link(
                        &mut new_entities,
                        &mut annotations[i],
                        slot,
                        &mut warnings,
                        &doc.name,
                        *line_no,
                    );
                    if let Some(ev) = types_of_new.get_mut(&annotations[i].tag) {
                        ev.entity = true;
                    }
                }
                Other::Equiv(members) => {
                    let mut group = Vec::new();
                    for m in members {
                        match ids.get(m) {
                            Some(&Ref::Annotation(i)) => group.push(i),
                            _ => warnings.push(gone(&format!(
                                "equivalence member {m} is not an annotation"
                            ))),
                        }
                    }
                    if group.len() >= 2 {
                        equivalences.push(group);
                    }
                }
            }
        }
        // Equivalences: the members mention one entity — one of theirs if any has one.
        for group in equivalences {
            let existing = group.iter().find_map(|&i| annotations[i].entity);
            let slot = match existing {
                Some(e) => match new_entities.iter().position(|n| n.entity.id == e) {
                    Some(k) => Slot::New(k),
                    None => Slot::Existing(e),
                },
                None => {
                    let first = &annotations[group[0]];
                    new_entities.push(NewEntity::new(Entity::new(
                        first.tag.clone(),
                        first.quote.clone(),
                    )));
                    Slot::New(new_entities.len() - 1)
                }
            };
            for &i in &group {
                if annotations[i].entity.is_some_and(|e| Some(e) != existing) {
                    warnings.push(format!(
                        "{}.ann: {} is linked to another entity than the rest of its equivalence; its own link is kept",
                        doc.name, annotations[i].quote
                    ));
                    continue;
                }
                link(
                    &mut new_entities,
                    &mut annotations[i],
                    slot,
                    &mut warnings,
                    &doc.name,
                    0,
                );
                if let Some(ev) = types_of_new.get_mut(&annotations[i].tag) {
                    ev.entity = true;
                }
            }
        }
        if !text.removed.is_empty() {
            crlf = crlf.max(1);
        }
        built.push(Built {
            id: DocumentId::new(),
            name: doc.name.clone(),
            txt_sha: super::sha256_hex(&doc.txt),
            text,
            annotations,
            crlf,
        });
    }

    // Tags: new ones in name order, so colours do not depend on file order.
    let mut commands = Vec::new();
    let mut summary = ImportSummary::default();
    let colors = new_colors(&project.tags, types_of_new.len());
    for ((ty, ev), color) in types_of_new.iter().zip(colors) {
        let (kind, role) = ev.kind(ty);
        commands.push(Command::AddTag {
            tag: TagDef {
                key: ty.clone(),
                label: ty.clone(),
                color,
                shortcut: None,
                kind,
                role,
            },
            index: None,
        });
        summary.tags += 1;
    }
    for kind in &kinds_used {
        if !project.relation_kinds.iter().any(|k| &k.key == kind) {
            commands.push(Command::AddRelationKind {
                kind: RelationKind {
                    key: kind.clone(),
                    label: kind.clone(),
                    role: None,
                },
                index: None,
            });
            summary.relation_kinds += 1;
        }
    }
    // Entities, in order of their first mention; names seen become aliases.
    let mut first_mention: HashMap<EntityId, (usize, (usize, usize, AnnotationId))> =
        HashMap::new();
    let new_at: HashMap<EntityId, usize> = new_entities
        .iter()
        .enumerate()
        .map(|(k, n)| (n.entity.id, k))
        .collect();
    for (d, b) in built.iter_mut().enumerate() {
        b.annotations.sort_by_key(Annotation::sort_key);
        for a in &b.annotations {
            if let Some(e) = a.entity {
                first_mention.entry(e).or_insert((d, a.sort_key()));
                if let Some(&k) = new_at.get(&e)
                    && !new_entities[k].quotes.contains(&a.quote)
                {
                    new_entities[k].quotes.push(a.quote.clone());
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..new_entities.len()).collect();
    order.sort_by_key(|&k| first_mention.get(&new_entities[k].entity.id).copied());
    for k in order {
        let n = &new_entities[k];
        if !first_mention.contains_key(&n.entity.id) {
            continue;
        }
        let mut entity = n.entity.clone();
        for q in &n.quotes {
            if *q != entity.name && !entity.aliases.contains(q) {
                entity.aliases.push(q.clone());
            }
        }
        commands.push(Command::AddEntity {
            entity,
            index: None,
        });
        summary.entities += 1;
    }
    for b in built {
        let crlf_note = b.text.raw.contains("\r\n").then(|| {
            "brat text with CRLF line ends: read with LF line ends, offsets moved back by the \\r before them".to_owned()
        });
        if b.crlf > 0 && b.text.raw.contains("\r\n") {
            warnings.push(format!(
                "{}.txt has CRLF line ends: Dossier keeps LF, so offsets after a line end are one less per line (brat counts the \\r, nlplab/brat#853)",
                b.name
            ));
        }
        summary.documents += 1;
        summary.annotations += b.annotations.len();
        let source = SourceMeta {
            file_name: Some(format!("{}.txt", b.name)),
            format: Some("brat".into()),
            sha256: Some(b.txt_sha),
            encoding: Some("UTF-8".into()),
            imported: Some(crate::model::now()),
            import_note: crlf_note,
            ..SourceMeta::default()
        };
        commands.push(Command::AddDocument {
            document: Box::new(Document::with_annotations(
                b.id,
                b.name,
                source,
                b.text.canonical,
                b.annotations,
            )),
            index: None,
        });
    }
    for (r, note) in relations {
        let _ = &r.brat;
        commands.push(Command::AddRelation {
            relation: Relation {
                id: RelationId::new(),
                kind: r.kind,
                from: Target::Annotation(r.from),
                to: Target::Annotation(r.to),
                note,
                author: String::new(),
                modified: None,
            },
            index: None,
        });
        summary.relations += 1;
    }
    let command = (!commands.is_empty()).then(|| Command::Batch {
        label: format!(
            "Import {}",
            crate::model::text::count(summary.documents, "brat document")
        ),
        commands,
    });
    AnnotationImport {
        command,
        warnings,
        summary,
    }
}

/// What the lines of a new type say about the tag it should become.
#[derive(Default, Debug)]
struct TypeEvidence {
    event: bool,
    status: bool,
    entity: bool,
}

impl TypeEvidence {
    fn kind(&self, ty: &str) -> (TagKind, Option<EntityRole>) {
        let by_name = role_by_name(ty);
        if self.event {
            (TagKind::Entity, Some(EntityRole::Event))
        } else if self.status || ty.eq_ignore_ascii_case("claim") {
            (TagKind::Claim, None)
        } else if self.entity || by_name.is_some() {
            (TagKind::Entity, by_name)
        } else {
            (TagKind::Span, None)
        }
    }
}

/// The entity role a brat type's name suggests (ACE, CoNLL and OntoNotes names).
fn role_by_name(ty: &str) -> Option<EntityRole> {
    match ty.to_ascii_lowercase().as_str() {
        "person" | "per" | "people" => Some(EntityRole::Person),
        "organization" | "organisation" | "org" => Some(EntityRole::Organisation),
        "gpe" | "loc" | "location" | "place" | "fac" | "facility" => Some(EntityRole::Place),
        _ => None,
    }
}

/// An entity this import creates, and the quotes of its mentions (for aliases).
struct NewEntity {
    entity: Entity,
    quotes: Vec<String>,
}

impl NewEntity {
    fn new(entity: Entity) -> Self {
        Self {
            entity,
            quotes: Vec::new(),
        }
    }
}

#[derive(Clone, Copy)]
enum Slot {
    New(usize),
    Existing(EntityId),
}

/// The entity an `N` line names: a Dossier entity by id, or one per reference.
fn entity_slot(
    project: &Project,
    by_key: &mut HashMap<String, usize>,
    new: &mut Vec<NewEntity>,
    ty: &str,
    reference: &str,
    name: &str,
    mention: &Annotation,
) -> Slot {
    let dossier_id = reference
        .strip_prefix(DOSSIER_KB)
        .and_then(|r| r.strip_prefix(':'))
        .and_then(EntityId::parse);
    let recorded = format!("{ty} {reference}");
    if let Some(id) = dossier_id
        && project.entity(id).is_some()
    {
        return Slot::Existing(id);
    }
    if dossier_id.is_none()
        && let Some(e) = project
            .entities()
            .iter()
            .find(|e| recorded_reference(&e.note) == Some(recorded.as_str()))
    {
        return Slot::Existing(e.id);
    }
    let key = dossier_id.map_or(recorded.clone(), |id| id.to_string());
    if let Some(&k) = by_key.get(&key) {
        return Slot::New(k);
    }
    let name = if name.trim().is_empty() {
        mention.quote.clone()
    } else {
        name.to_owned()
    };
    let mut entity = Entity::new(mention.tag.clone(), name);
    match dossier_id {
        Some(id) => entity.id = id,
        None => entity.note = recorded,
    }
    new.push(NewEntity::new(entity));
    by_key.insert(key, new.len() - 1);
    Slot::New(new.len() - 1)
}

fn link(
    new: &mut [NewEntity],
    a: &mut Annotation,
    slot: Slot,
    warnings: &mut Vec<String>,
    doc: &str,
    line: usize,
) {
    let id = match slot {
        Slot::New(k) => new[k].entity.id,
        Slot::Existing(id) => id,
    };
    if a.entity.is_some_and(|e| e != id) {
        warnings.push(format!(
            "{doc}.ann line {line}: “{}” is normalised to two entities; the first is kept",
            a.quote
        ));
        return;
    }
    a.entity = Some(id);
}
