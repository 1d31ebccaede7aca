//! The lead paragraph (standfirst, intro) that Readability leaves out.
//!
//! News sites put the article's first paragraph in its header, beside the headline,
//! under a class such as `lead`, `intro`, `standfirst` or `teaser`. Readability
//! keeps only the body below and drops it, though it is the article's most quoted
//! sentence. Before extraction we note such paragraphs in page order; afterwards,
//! the one right before the extracted body, if the body does not hold it, becomes
//! the text's first paragraph.

use super::block_text;
use super::boilerplate::has_boilerplate_name;
use dom_query::{Document, NodeRef};
use std::collections::HashMap;

/// Words in a `class` or `id` that name a lead paragraph (a word matches when it is
/// one of these or ends with one: `article-lead`, `ts-intro`, `articlelead`).
const LEAD_WORDS: &[&str] = &[
    "lead",
    "lede",
    "intro",
    "standfirst",
    "summary",
    "subtitle",
    "excerpt",
    "teaser",
    "deck",
    "dek",
    "abstract",
    "chapo",
    "sapo",
    "bajada",
    "entradilla",
    "vorspann",
];

/// A lead is a paragraph: longer than a label, shorter than an article.
const MIN_LEAD_CHARS: usize = 60;
/// See [`MIN_LEAD_CHARS`].
const MAX_LEAD_CHARS: usize = 1000;

/// A lead is text, not a list of links.
const MAX_LEAD_LINK_DENSITY: f64 = 0.3;

/// Elements of pictures and players: a lead paragraph is neither in nor around one.
const MEDIA: &[&str] = &[
    "figure",
    "figcaption",
    "img",
    "picture",
    "video",
    "audio",
    "iframe",
];

/// How many characters of a paragraph identify it in the page.
const KEY_CHARS: usize = 40;

/// The page's lead candidates and where its paragraphs start, in page order.
#[derive(Default)]
pub(super) struct Leads {
    /// (position in page order, text) of each lead candidate.
    candidates: Vec<(usize, String)>,
    /// The first characters of each paragraph → its first position in page order.
    paragraphs: HashMap<String, usize>,
}

/// Notes the page's lead candidates and paragraphs; call before extraction, which
/// takes the page apart.
pub(super) fn collect(page: &Document) -> Leads {
    let mut leads = Leads::default();
    for (position, node) in page
        .root()
        .descendants_it()
        .filter(|n| n.is_element())
        .enumerate()
    {
        let Some(name) = node.node_name() else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if matches!(name.as_str(), "p" | "h2" | "h3" | "h4" | "li") {
            let (start, _) = text_prefix(&node, KEY_CHARS);
            if start.chars().count() >= KEY_CHARS {
                leads.paragraphs.entry(key(&start)).or_insert(position);
            }
        }
        if matches!(
            name.as_str(),
            "p" | "div" | "h2" | "h3" | "span" | "section"
        ) && names_a_lead(&node)
            && let Some(text) = lead_text(&node)
        {
            leads.candidates.push((position, text));
        }
    }
    leads
}

/// The lead to put before the extracted `text`, if the page has one right before
/// the text's first paragraph that the text does not already hold.
pub(super) fn missing_lead(leads: &Leads, text: &str) -> Option<String> {
    let first = normalise(text.split("\n\n").next()?);
    if first.chars().count() < KEY_CHARS {
        return None;
    }
    let body_starts = *leads.paragraphs.get(&key(&first))?;
    let whole = normalise(text);
    leads
        .candidates
        .iter()
        .rev()
        .find(|(position, _)| *position < body_starts)
        .map(|(_, lead)| lead)
        .filter(|lead| !whole.contains(normalise(lead).as_str()))
        .cloned()
}

/// Whether the element's `class` or `id` names a lead.
fn names_a_lead(node: &NodeRef) -> bool {
    ["class", "id"].iter().any(|attr| {
        node.attr(attr).is_some_and(|value| {
            value
                .to_ascii_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|word| LEAD_WORDS.iter().any(|w| word.ends_with(w)))
        })
    })
}

/// The candidate's text, if it reads as a lead paragraph.
fn lead_text(node: &NodeRef) -> Option<String> {
    // Longer than a lead: no need to look further (nor through a large subtree).
    if !text_prefix(node, MAX_LEAD_CHARS).1 {
        return None;
    }
    // A picture's caption or a media block ("lead-asset", "lead-video") is not
    // the lead paragraph, nor is a teaser that promotes another article.
    let is_media = |n: &NodeRef| {
        n.node_name()
            .is_some_and(|name| MEDIA.iter().any(|m| name.eq_ignore_ascii_case(m)))
    };
    if node.ancestors_it(None).any(|a| is_media(&a))
        || node.descendants_it().any(|d| is_media(&d))
        || has_boilerplate_name(node)
    {
        return None;
    }
    let text = block_text(node);
    let text = text.trim();
    if text.contains('©') {
        return None;
    }
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    if !(MIN_LEAD_CHARS..=MAX_LEAD_CHARS).contains(&chars) || text.contains("\n\n") {
        return None;
    }
    let linked: usize = node
        .descendants_it()
        .filter(|n| {
            n.node_name()
                .is_some_and(|name| name.eq_ignore_ascii_case("a"))
        })
        .map(|a| a.text().chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    (linked as f64 <= MAX_LEAD_LINK_DENSITY * chars as f64).then(|| text.to_owned())
}

/// The node's text (white space collapsed) up to a little past `limit` visible
/// characters, and whether that is all of it. Walks only as far as it needs, so
/// checking the start of every paragraph stays linear in the page's size.
fn text_prefix(node: &NodeRef, limit: usize) -> (String, bool) {
    let mut raw = String::new();
    let mut visible = 0;
    for text in node.descendants_it().filter(|d| d.is_text()) {
        let text = text.text();
        visible += text.chars().filter(|c| !c.is_whitespace()).count();
        raw.push_str(&text);
        if visible > limit {
            return (normalise(&raw.replace(INVISIBLE, "")), false);
        }
    }
    (normalise(&raw.replace(INVISIBLE, "")), true)
}

/// Characters the text rendering drops (soft hyphen, zero-width space, BOM).
const INVISIBLE: [char; 3] = ['\u{ad}', '\u{200b}', '\u{feff}'];

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key(text: &str) -> String {
    text.chars().take(KEY_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAD: &str =
        "The tribunal heard new evidence on Monday about the executions in the summer of 1988.";
    const BODY: &str =
        "Witnesses said the committee met in Tehran, and families still demand justice.";

    #[test]
    fn a_header_lead_outside_the_body_is_found() {
        let page = Document::from(format!(
            "<header><h1>Title</h1><p class='article-lead'>{LEAD}</p></header><p>{BODY}</p>"
        ));
        let leads = collect(&page);
        let body = format!("{BODY}\n");
        assert_eq!(missing_lead(&leads, &body).as_deref(), Some(LEAD));
        // Not when the body holds it already.
        let both = format!("{LEAD}\n\n{BODY}\n");
        assert_eq!(missing_lead(&leads, &both), None);
    }

    #[test]
    fn leads_after_the_body_or_made_of_links_are_not() {
        let page = Document::from(format!(
            "<p>{BODY}</p><div class='teaser'>{LEAD}</div>\
             <p class='intro'><a href=x>{LEAD} and more</a></p>"
        ));
        assert_eq!(missing_lead(&collect(&page), &format!("{BODY}\n")), None);
    }
}
