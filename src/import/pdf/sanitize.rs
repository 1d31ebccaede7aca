//! Making a loaded PDF safe to walk with `pdf-extract`, which trusts its input.
//!
//! `pdf-extract` follows `/Parent` links and form XObjects by recursion without a
//! limit, and parses every XObject's data as a content stream, images included. So
//! before it runs: a page tree whose `/Parent` chain loops or runs too deep is
//! refused; forms that call themselves (directly or through others), nest too deep,
//! or fan out into too many drawings (a form drawing a form a thousand times, each
//! drawing another a thousand times…) are emptied; images are emptied (they hold no
//! text, and their data is not a content stream).

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{HashMap, HashSet};

/// How deep a page may sit in the page tree.
const MAX_PARENT_DEPTH: usize = 64;
/// How deep forms may nest inside each other.
const MAX_FORM_DEPTH: usize = 16;
/// How many form drawings one page may expand to.
const MAX_FORM_CALLS: u64 = 100_000;

/// Why a PDF cannot be walked safely.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Malformed(pub &'static str);

/// Checks the page tree and neutralises what would make text extraction recurse
/// without end or parse image data. Returns how many forms were emptied.
pub(super) fn sanitize(doc: &mut Document) -> Result<usize, Malformed> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for &page in &pages {
        check_parent_chain(doc, page)?;
    }
    empty_images(doc);
    let has_forms = doc.objects.keys().any(|id| is_form(doc, *id));
    let mut unsafe_forms: HashSet<ObjectId> = HashSet::new();
    if has_forms {
        let mut memo: HashMap<(ObjectId, ObjectId), u64> = HashMap::new();
        for &page in &pages {
            let Some(dict) = doc.get_dictionary(page).ok() else {
                continue;
            };
            let Some(offered) = inherited_resources(doc, dict).and_then(|r| xobject_dict(doc, r))
            else {
                continue;
            };
            let content = doc.get_page_content(page).unwrap_or_default();
            let calls = called_counts(&content);
            let mut stack = Vec::new();
            let cost = calls_cost(
                doc,
                &offered,
                &calls,
                &mut stack,
                &mut memo,
                &mut unsafe_forms,
            );
            if cost > MAX_FORM_CALLS {
                unsafe_forms.extend(
                    offered
                        .1
                        .iter()
                        .filter(|(n, _)| calls.contains_key(n))
                        .map(|f| f.1),
                );
            }
        }
    }
    for id in &unsafe_forms {
        if let Ok(Object::Stream(s)) = doc.get_object_mut(*id) {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.set_content(Vec::new());
        }
    }
    Ok(unsafe_forms.len())
}

fn check_parent_chain(doc: &Document, page: ObjectId) -> Result<(), Malformed> {
    let mut seen = HashSet::new();
    let mut current = page;
    for _ in 0..MAX_PARENT_DEPTH {
        if !seen.insert(current) {
            return Err(Malformed("its page tree loops back on itself"));
        }
        let Ok(dict) = doc.get_dictionary(current) else {
            return Ok(());
        };
        match dict.get(b"Parent").and_then(Object::as_reference) {
            Ok(parent) => current = parent,
            Err(_) => return Ok(()),
        }
    }
    Err(Malformed("its page tree is nested too deeply"))
}

/// A page's `/Resources`, looked up the page tree as PDF inheritance says.
fn inherited_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    let mut dict = page;
    for _ in 0..MAX_PARENT_DEPTH {
        if let Ok(r) = dict.get(b"Resources") {
            return deref_dict(doc, r);
        }
        let parent = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
        dict = doc.get_dictionary(parent).ok()?;
    }
    None
}

fn deref_dict<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Dictionary> {
    match obj {
        Object::Dictionary(d) => Some(d),
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        _ => None,
    }
}

/// The forms named in a resource dictionary's `/XObject` (name and id), with an
/// identity for the dictionary (the first form's id stands for an inline one).
type Offered = (ObjectId, Vec<(Vec<u8>, ObjectId)>);

fn xobject_dict(doc: &Document, resources: &Dictionary) -> Option<Offered> {
    let obj = resources.get(b"XObject").ok()?;
    let holder = match obj {
        Object::Reference(id) => Some(*id),
        _ => None,
    };
    let dict = deref_dict(doc, obj)?;
    let forms: Vec<(Vec<u8>, ObjectId)> = dict
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_reference().ok()?)))
        .filter(|(_, id)| is_form(doc, *id))
        .collect();
    let holder = holder.or_else(|| forms.first().map(|f| f.1))?;
    Some((holder, forms))
}

fn is_form(doc: &Document, id: ObjectId) -> bool {
    matches!(doc.get_object(id), Ok(Object::Stream(s))
        if s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form"))
}

/// How many times a content stream draws each XObject name with `Do`.
fn called_counts(content: &[u8]) -> HashMap<Vec<u8>, u64> {
    let mut counts = HashMap::new();
    let Ok(ops) = lopdf::content::Content::decode(content) else {
        return counts;
    };
    for op in ops.operations.iter().filter(|op| op.operator == "Do") {
        if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
            *counts.entry(name.to_vec()).or_insert(0u64) += 1;
        }
    }
    counts
}

fn form_content(doc: &Document, form: ObjectId) -> Vec<u8> {
    match doc.get_object(form) {
        Ok(Object::Stream(s)) => s
            .decompressed_content()
            .unwrap_or_else(|_| s.content.clone()),
        _ => Vec::new(),
    }
}

/// How many form drawings `calls` (names drawn, with counts) expand to when the
/// names resolve in `offered`, as `pdf-extract` will draw them: a form with its own
/// resources resolves its names there, one without in its caller's. Forms on a
/// loop, nested too deep or expanding past [`MAX_FORM_CALLS`] go to `unsafe_forms`
/// and count nothing.
fn calls_cost(
    doc: &Document,
    (holder, forms): &Offered,
    calls: &HashMap<Vec<u8>, u64>,
    stack: &mut Vec<ObjectId>,
    memo: &mut HashMap<(ObjectId, ObjectId), u64>,
    unsafe_forms: &mut HashSet<ObjectId>,
) -> u64 {
    let mut total = 0u64;
    for (name, form) in forms {
        let form = *form;
        let Some(&times) = calls.get(name) else {
            continue;
        };
        if unsafe_forms.contains(&form) {
            continue;
        }
        if stack.contains(&form) || stack.len() >= MAX_FORM_DEPTH {
            unsafe_forms.insert(form);
            continue;
        }
        let cost = match memo.get(&(form, *holder)) {
            Some(&c) => c,
            None => {
                let resources = match doc.get_object(form) {
                    Ok(Object::Stream(s)) => s.dict.get(b"Resources").ok(),
                    _ => None,
                };
                let offered = match resources {
                    Some(r) => deref_dict(doc, r).and_then(|r| xobject_dict(doc, r)),
                    None => Some((*holder, forms.clone())),
                };
                let mut c = 1u64;
                if let Some(offered) = offered {
                    let inner = called_counts(&form_content(doc, form));
                    if !inner.is_empty() {
                        stack.push(form);
                        c = c.saturating_add(calls_cost(
                            doc,
                            &offered,
                            &inner,
                            stack,
                            memo,
                            unsafe_forms,
                        ));
                        stack.pop();
                    }
                }
                memo.insert((form, *holder), c);
                c
            }
        };
        if cost > MAX_FORM_CALLS {
            unsafe_forms.insert(form);
            continue;
        }
        total = total.saturating_add(times.saturating_mul(cost));
    }
    total
}

/// Images hold no text, and `pdf-extract` would parse their data as drawing commands.
fn empty_images(doc: &mut Document) {
    for obj in doc.objects.values_mut() {
        if let Object::Stream(s) = obj
            && s.dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image")
        {
            s.dict.remove(b"Filter");
            s.dict.remove(b"DecodeParms");
            s.set_content(Vec::new());
        }
    }
}
