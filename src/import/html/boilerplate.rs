//! Boilerplate that Readability leaves inside the article it extracts: captions and
//! photo credits, share bars, "related" and "you may also like" blocks, newsletter
//! and cookie boxes, author boxes, tag lists and comment sections.
//!
//! Readability picks the element holding the article and keeps whatever sits inside
//! it. These blocks are recognised by general signals, never by site: the element
//! (`<figcaption>`, `<aside>`, `<nav>`…), words in its `class` or `id` that sites use
//! for such blocks, and blocks that are mostly links. A block that holds a large
//! share of the article's text is never removed, whatever its name says: content
//! wrappers are sometimes named after what they also contain (`entry share`).

use dom_query::{Document, NodeId, NodeRef};
use std::collections::HashMap;

/// A block holding more than this share of the article's visible characters is
/// article, not boilerplate, whatever its name.
const MAX_SHARE: f64 = 0.4;

/// Elements that are not article text when they sit inside the article.
const BOILERPLATE_ELEMENTS: &[&str] = &["figcaption", "aside", "nav", "footer", "form", "button"];

/// Words in a `class` or `id` (lower-cased, matched anywhere in it) that name
/// blocks around an article rather than its text.
const BOILERPLATE_NAMES: &[&str] = &[
    // Captions and credits.
    "caption",
    "credit",
    "copyright",
    // Sharing and social buttons.
    "share",
    "sharing",
    "social",
    "sociable",
    // Related, recommended and next articles.
    "related",
    "recommend",
    "nextstory",
    "next-post",
    "most-popular",
    "morearticles",
    "more-articles",
    // Newsletter, subscription and calls to action.
    "newsletter",
    "subscribe",
    "signup",
    "sign-up",
    "promo",
    "-cta",
    // Cookie and consent boxes.
    "cookie",
    "consent",
    "gdpr",
    // Comments.
    "comment",
    "kommentar",
    "disqus",
    "respond",
    // Author boxes, article meta, tags and categories.
    "author-bio",
    "author-info",
    "authorbox",
    "author-box",
    "about-author",
    "post-author",
    "saboxplugin",
    "entry-meta",
    "entry-utility",
    "entryfooter",
    "entry-footer",
    "post-meta",
    "categories",
    "tags",
    "breadcrumb",
    "pagination",
    // Navigation, sidebars and page footers that Readability took in.
    "sidebar",
    "footer",
    "aside",
    // Advertising.
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
];

/// Removes the boilerplate blocks from an extracted article.
pub(super) fn remove_boilerplate(article: &Document) {
    let root = article.root();
    let sizes = measure(&root);
    let total = sizes.get(&root.id).map_or(0, |s| s.chars);
    if total == 0 {
        return;
    }
    let doomed: Vec<NodeRef> = root
        .descendants_it()
        .filter(|node| node.is_element() && is_boilerplate(node, &sizes, total))
        .collect();
    for node in doomed {
        node.remove_from_parent();
    }
}

/// The visible characters of a node's text, and those inside links.
#[derive(Clone, Copy, Default)]
struct Size {
    chars: usize,
    linked: usize,
}

/// The [`Size`] of every node under `root`, computed bottom-up in one pass, so
/// the filter stays linear however deep the article nests.
fn measure(root: &NodeRef) -> HashMap<NodeId, Size> {
    let nodes: Vec<NodeRef> = std::iter::once(*root)
        .chain(root.descendants_it())
        .collect();
    let mut sizes: HashMap<NodeId, Size> = HashMap::with_capacity(nodes.len());
    // In reverse document order every node comes after its descendants.
    for node in nodes.iter().rev() {
        let mut size = Size::default();
        if node.is_text() {
            size.chars = visible_chars(&node.text());
        } else {
            for child in node.children_it(false) {
                let child = sizes.get(&child.id).copied().unwrap_or_default();
                size.chars += child.chars;
                size.linked += child.linked;
            }
            if node
                .node_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("a"))
            {
                size.linked = size.chars;
            }
        }
        sizes.insert(node.id, size);
    }
    sizes
}

/// Whether `node` is a boilerplate block in an article of `total` visible characters.
fn is_boilerplate(node: &NodeRef, sizes: &HashMap<NodeId, Size>, total: usize) -> bool {
    let Some(name) = node.node_name() else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    if matches!(name.as_str(), "html" | "head" | "body") {
        return false;
    }
    let size = sizes.get(&node.id).copied().unwrap_or_default();
    if size.chars as f64 > MAX_SHARE * total as f64 {
        return false;
    }
    BOILERPLATE_ELEMENTS.contains(&name.as_str())
        || has_boilerplate_name(node)
        || BLOCKS.contains(&name.as_str())
            && size.chars > 0
            && size.linked as f64 > MAX_LINK_DENSITY * size.chars as f64
        || (1..=MAX_CALL_CHARS).contains(&size.chars) && is_call_to_action(&node.text())
}

/// Longest block (visible characters) read as a call to action or a notice.
const MAX_CALL_CHARS: usize = 120;

/// How calls to action, "read also" pointers and notices begin, in the languages
/// of the test corpora (lower case).
const CALL_STARTS: &[&str] = &[
    // English.
    "read more",
    "read also",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "you may also like",
    "you might also like",
    "more from",
    "subscribe",
    "sign up",
    "share this",
    "follow us",
    "if you enjoyed",
    "more information",
    "for more information",
    "category:",
    "categories:",
    "tags:",
    "contact:",
    "advertisement",
    // German.
    "lesen sie auch",
    "lesen sie hier",
    "auch lesen",
    "mehr zum thema",
    "das könnte",
    "weitere artikel",
    "anzeige",
    "jetzt abonnieren",
    "gefällt dir",
    "gefällt ihnen",
    "artikel gefallen",
    "war der artikel",
    "möchten sie den artikel",
    "entdecke weitere",
    "entdecken sie",
    "weitere informationen",
    "mehr informationen",
    "kategorie",
    "schlagw",
    "kontakt:",
    // French.
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "voir aussi",
    "abonnez-vous",
    // Spanish.
    "lea también",
    "lea más",
    "lea:",
    "lee también",
    "te puede interesar",
    "suscríbete",
];

/// What a short notice contains anywhere: copyright lines, newsletter boxes.
const CALL_CONTAINS: &[&str] = &[
    "©",
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "newsletter",
    "abonnieren",
    "subscribe",
    "copyright",
    // Photo credits.
    "foto:",
    "photo:",
    "bild:",
    "image:",
    "imagen:",
    "credit:",
    "crédit",
];

/// Whether a short block's text is a call to action or a notice rather than
/// article text.
fn is_call_to_action(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let start = lower.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '[' | '(' | '-' | '–' | '—' | '•' | '*' | '»')
    });
    CALL_STARTS.iter().any(|s| start.starts_with(s))
        || CALL_CONTAINS.iter().any(|s| lower.contains(s))
}

/// Containers checked for link density. Not single paragraphs, list items or
/// headings (a sentence or heading that is one link is common in articles), nor
/// tables (infoboxes are mostly links).
const BLOCKS: &[&str] = &["ul", "ol", "dl", "div", "section"];

/// A container is a list of links (related articles, categories, other pages)
/// when more than this share of its text is link text. At 0.5, link round-ups
/// that are the article lost more text on the Readability corpus for no gain on
/// the trafilatura set.
const MAX_LINK_DENSITY: f64 = 0.7;

/// Prefixes of class names that state a property of the element ("no_caption",
/// "has-comments", "is-hidden-sm") rather than name what it is.
const STATE_PREFIXES: &[&str] = &["no-", "no_", "has-", "has_", "with-", "with_", "is-", "is_"];

/// Short names that only name a boilerplate block as a whole word of a class or
/// id ("menu-item", "main-nav"), not inside another ("CtxtMenu", "canvas").
const BOILERPLATE_WORDS: &[&str] = &["menu", "nav", "navbar", "navigation"];

/// An `id` of this many words or more is a slug of the section's heading
/// ("sharing-with-a-single-developer"), not the name of a kind of block.
const SLUG_WORDS: usize = 4;

/// Whether the element's `class` or `id` names a boilerplate block.
pub(super) fn has_boilerplate_name(node: &NodeRef) -> bool {
    let id_is_slug =
        |id: &str| id.split(['-', '_']).filter(|w| !w.is_empty()).count() >= SLUG_WORDS;
    ["class", "id"].iter().any(|attr| {
        node.attr(attr).is_some_and(|value| {
            value
                .to_ascii_lowercase()
                .split_ascii_whitespace()
                .filter(|token| !STATE_PREFIXES.iter().any(|p| token.starts_with(p)))
                .filter(|token| *attr == "class" || !id_is_slug(token))
                .any(|token| {
                    BOILERPLATE_NAMES.iter().any(|w| token.contains(w))
                        || token
                            .split(|c: char| !c.is_ascii_alphanumeric())
                            .any(|word| BOILERPLATE_WORDS.contains(&word))
                })
        })
    })
}

/// Characters of `text` that are not white space.
fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn cleaned(html: &str) -> String {
        let doc = Document::from(html);
        remove_boilerplate(&doc);
        doc.root()
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    const BODY: &str = "<p>The tribunal heard that prisoners were executed in the summer of 1988, \
        and witnesses said the committee met in Tehran. Families still demand justice and an \
        international investigation of the crimes.</p>";

    #[test]
    fn captions_share_bars_and_related_blocks_go() {
        let html = format!(
            "<div>{BODY}<figure><img src=x><figcaption>Photo: Agency</figcaption></figure>\
             <div class='share-buttons'>Share on X</div>\
             <section class='related-articles'><h3>You may also like</h3></section>{BODY}</div>"
        );
        let text = cleaned(&format!(
            "{html}<p>Read also: <a href=x>Another story</a></p><p>© 2020 Outlet. All rights reserved.</p>"
        ));
        assert!(text.contains("Families still demand justice"));
        for gone in [
            "Photo: Agency",
            "Share on X",
            "You may also like",
            "Another story",
            "All rights",
        ] {
            assert!(!text.contains(gone), "{gone} kept in {text}");
        }
    }

    #[test]
    fn names_inside_words_and_heading_slugs_are_not_boilerplate() {
        let html = format!(
            "<div>{BODY}<div id='sharing-with-a-single-developer'><h2>Sharing with one \
             developer</h2><p>Push and pull draft changesets.</p></div>\
             <p>Solve <span class='MathJax CtxtMenu_Attached_0'>x = 2</span> now.</p>\
             <ul><li class='menu-item'><a href=/>Home</a></li></ul>{BODY}</div>"
        );
        let text = cleaned(&html);
        assert!(text.contains("Push and pull draft changesets."), "{text}");
        assert!(text.contains("Solve x = 2 now."), "{text}");
        assert!(!text.contains("Home"), "{text}");
    }

    #[test]
    fn a_wrapper_holding_the_article_stays_whatever_its_name() {
        let html = format!("<div class='entry share'>{BODY}{BODY}</div><p>x</p>");
        assert!(cleaned(&html).contains("Families still demand justice"));
    }
}
