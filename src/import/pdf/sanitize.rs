//! Making a loaded PDF safe to walk with `pdf-extract`, which trusts its input.
//!
//! `pdf-extract` follows `/Parent` links and form XObjects by recursion without a
//! limit, and parses every XObject's data as a content stream, images included. So
//! before it runs: a page tree whose `/Parent` chain loops or runs too deep is
//! refused; forms that call themselves (directly or through others) or nest too
//! deep are emptied; images are emptied (they hold no text, and their data is not a
//! content stream).

use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashSet;

/// How deep a page may sit in the page tree.
const MAX_PARENT_DEPTH: usize = 64;
/// How deep forms may nest inside each other.
const MAX_FORM_DEPTH: usize = 16;

/// Why a PDF cannot be walked safely.
#[derive(Debug, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

/// Checks the page tree and neutralises what would make text extraction recurse
/// without end or parse image data. Returns how many forms were emptied.
pub fn sanitize(doc: &mut Document) -> Result<usize, Malformed> {
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    for &page in &pages {
        check_parent_chain(doc, page)?;
    }
    empty_images(doc);
    let mut unsafe_forms: HashSet<ObjectId> = HashSet::new();
    let mut checked: HashSet<(ObjectId, ObjectId)> = HashSet::new();
    for &page in &pages {
        let Some(dict) = doc.get_dictionary(page).ok() else {
            continue;
        };
        let xobjects = inherited_resources(doc, dict).and_then(|r| xobject_dict(doc, r));
        let mut stack = Vec::new();
        if let Some(offered) = xobjects {
            walk_forms(
                doc,
                &offered,
                None,
                &mut stack,
                &mut checked,
                &mut unsafe_forms,
            );
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

/// The XObject names a form's content stream draws with `Do`.
fn called_names(doc: &Document, form: ObjectId) -> HashSet<Vec<u8>> {
    let Ok(Object::Stream(s)) = doc.get_object(form) else {
        return HashSet::new();
    };
    let content = s
        .decompressed_content()
        .unwrap_or_else(|_| s.content.clone());
    let Ok(ops) = lopdf::content::Content::decode(&content) else {
        return HashSet::new();
    };
    ops.operations
        .iter()
        .filter(|op| op.operator == "Do")
        .filter_map(|op| op.operands.first()?.as_name().ok().map(<[u8]>::to_vec))
        .collect()
}

/// Visits the forms `pdf-extract` may call from a resource dictionary (`names`
/// limits them to the ones drawn; a page offers all): a form with its own
/// resources offers those to the forms it draws, one without offers its caller's.
fn walk_forms(
    doc: &Document,
    (holder, forms): &Offered,
    names: Option<&HashSet<Vec<u8>>>,
    stack: &mut Vec<ObjectId>,
    checked: &mut HashSet<(ObjectId, ObjectId)>,
    unsafe_forms: &mut HashSet<ObjectId>,
) {
    for (name, form) in forms {
        let form = *form;
        if names.is_some_and(|n| !n.contains(name)) || unsafe_forms.contains(&form) {
            continue;
        }
        if stack.contains(&form) || stack.len() >= MAX_FORM_DEPTH {
            unsafe_forms.insert(form);
            continue;
        }
        if !checked.insert((form, *holder)) {
            continue;
        }
        let resources = match doc.get_object(form) {
            Ok(Object::Stream(s)) => s.dict.get(b"Resources").ok(),
            _ => None,
        };
        let offered = match resources {
            Some(r) => deref_dict(doc, r).and_then(|r| xobject_dict(doc, r)),
            None => Some((*holder, forms.clone())),
        };
        let Some(offered) = offered else {
            continue;
        };
        let calls = called_names(doc, form);
        if calls.is_empty() {
            continue;
        }
        stack.push(form);
        walk_forms(doc, &offered, Some(&calls), stack, checked, unsafe_forms);
        stack.pop();
    }
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
