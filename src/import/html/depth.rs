//! Bounding the nesting depth of a page before it is parsed.
//!
//! html5ever's tree builder and the Readability scoring both walk the stack of open
//! elements or a node's ancestors for every element, so their time grows with the
//! square of the nesting depth: 8,000 nested `<div>`s took seconds, 100,000 never
//! finished. Real pages nest a few dozen levels; browsers themselves stop nesting
//! at 512 (Blink). [`cap_depth`] scans the markup once, keeping a cheap model of the
//! parser's stack of open elements, and drops the tags that would open an element
//! deeper than [`MAX_DEPTH`] together with their end tags, so the parser and the
//! extractor only ever see a shallow tree and the import stays linear in the size of
//! the page. The text inside the dropped elements is kept; a dropped block element
//! leaves a line or paragraph break so its text stays apart.
//!
//! The model follows the HTML parser where real pages rely on it (void elements,
//! raw-text elements, the implied end of `<p>`, `<li>`, table parts and the like);
//! where it errs, it only misjudges the depth of pages nested hundreds of levels
//! deep, which no analyst reads.

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest element the parser is shown; deeper start tags are dropped. The
/// pages of both test corpora nest at most 31 levels. The extractor's work per node
/// grows with its depth, so a lower cap is faster on hostile pages: at 128 a page
/// of 100,000 nested list items imports in about a second.
pub(super) const MAX_DEPTH: usize = 128;

/// How far up the open elements an implied end tag is looked for. Bounded, so the
/// scan stays linear; real pages close implied elements right away.
const IMPLIED_END_LOOKBACK: usize = 8;

/// Elements without content or end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "image",
];

/// Elements whose content is text up to their end tag (with scripting on, as
/// html5ever parses for us, `<noscript>` is one of them).
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    "template",
];

/// Elements that close an open `<p>` (in the parser's button scope).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "listing",
    "section",
    "summary",
    "table",
    "ul",
    "plaintext",
    "search",
];

/// Elements that stop the search for an element to close implicitly.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
    "svg", "math",
];

/// Elements that are lines of text: dropping one leaves a line break.
const LINE: &[&str] = &["li", "dd", "dt", "tr", "td", "th", "option"];

/// Elements that are paragraphs or hold them: dropping one leaves a paragraph
/// break (two `<br>`s, which the text rendering and Readability both read so).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "caption",
    "ul",
    "tbody",
    "thead",
    "tfoot",
];

/// How many `<br>`s a dropped tag of element `name` leaves.
fn break_level(name: &str) -> u8 {
    if BLOCK.contains(&name) {
        2
    } else if LINE.contains(&name) {
        1
    } else {
        0
    }
}

/// The page with every element deeper than [`MAX_DEPTH`] flattened into its
/// ancestor at that depth; the page itself (borrowed) when it is shallower.
pub(super) fn cap_depth(html: &str) -> Cow<'_, str> {
    let mut scan = Scan::new(html);
    scan.run();
    match scan.out {
        Some(mut out) => {
            out.push_str(&html[scan.copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(html),
    }
}

/// One pass over the markup.
struct Scan<'a> {
    html: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The model of the parser's open elements (lower-case names).
    open: Vec<String>,
    /// How many of each name are in `open`, so end tags find theirs in O(1).
    open_count: HashMap<String, usize>,
    /// Start tags dropped per name whose end tags are still to come.
    dropped: HashMap<String, usize>,
    /// The rewritten page, once something had to be dropped.
    out: Option<String>,
    /// `html[..copied]` is already in `out`.
    copied: usize,
    /// The break (`<br>`s) written since the last text or tag that was kept.
    last_break: u8,
}

impl<'a> Scan<'a> {
    fn new(html: &'a str) -> Self {
        Scan {
            html,
            bytes: html.as_bytes(),
            pos: 0,
            open: Vec::new(),
            open_count: HashMap::new(),
            dropped: HashMap::new(),
            out: None,
            copied: 0,
            last_break: 0,
        }
    }

    fn run(&mut self) {
        while let Some(lt) = find_byte(self.bytes, self.pos, b'<') {
            self.pos = lt;
            let next = self.bytes.get(lt + 1).copied().unwrap_or(0);
            if next.is_ascii_alphabetic() {
                self.start_tag();
            } else if next == b'/' {
                self.end_tag();
            } else if self.html[lt..].starts_with("<!--") {
                self.pos = comment_end(self.html, lt);
            } else if next == b'!' || next == b'?' {
                self.pos = find_byte(self.bytes, lt, b'>').map_or(self.bytes.len(), |i| i + 1);
            } else {
                self.pos = lt + 1;
            }
        }
    }

    /// Replaces `html[from..to]` by the break `level` in the output (one `<br>`
    /// per level). Breaks of adjacent replacements (nothing kept between them)
    /// merge into the strongest, so a run of dropped tags leaves one break.
    fn replace(&mut self, from: usize, to: usize, level: u8) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.html.len()));
        if self.copied != from {
            out.push_str(&self.html[self.copied..from]);
            self.last_break = 0;
        }
        for _ in self.last_break..level {
            out.push_str("<br>");
        }
        self.last_break = self.last_break.max(level);
        self.copied = to;
    }

    fn start_tag(&mut self) {
        let start = self.pos;
        let name_end = name_end(self.bytes, start + 1);
        let name = self.html[start + 1..name_end].to_ascii_lowercase();
        let (tag_end, self_closing) = tag_end(self.bytes, name_end);
        self.pos = tag_end;
        if name == "plaintext" {
            self.pos = self.bytes.len();
            return;
        }
        let raw = RAW_TEXT.contains(&name.as_str());
        let element_end = if raw {
            raw_text_end(self.html, tag_end, &name)
        } else {
            tag_end
        };
        if VOID.contains(&name.as_str()) || self_closing && !raw {
            return;
        }
        if matches!(name.as_str(), "html" | "head" | "body")
            || name == "form" && self.is_open("form")
        {
            // Merged into the elements the parser already has, or ignored.
            self.pos = element_end;
            return;
        }
        // Below the cap the model no longer follows the parser: an implied end
        // there must not close the kept elements.
        if self.open.len() < MAX_DEPTH {
            self.close_implied(&name);
        }
        if self.open.len() >= MAX_DEPTH {
            if raw {
                // Its content would turn into text if only the tags went.
                self.replace(start, element_end, 0);
            } else {
                self.replace(start, tag_end, break_level(&name));
                *self.dropped.entry(name).or_insert(0) += 1;
            }
            self.pos = element_end;
            return;
        }
        if raw {
            self.pos = element_end;
            return;
        }
        if name == "tr" && self.top_is(&["table"]) {
            self.push("tbody".into());
        }
        self.push(name);
    }

    fn end_tag(&mut self) {
        let start = self.pos;
        let Some(&first) = self.bytes.get(start + 2) else {
            self.pos = self.bytes.len();
            return;
        };
        if !first.is_ascii_alphabetic() {
            // `</>` or a bogus comment: up to the next `>`.
            self.pos = find_byte(self.bytes, start, b'>').map_or(self.bytes.len(), |i| i + 1);
            return;
        }
        let name_end = name_end(self.bytes, start + 2);
        let name = self.html[start + 2..name_end].to_ascii_lowercase();
        let (tag_end, _) = tag_end(self.bytes, name_end);
        self.pos = tag_end;
        if let Some(n) = self.dropped.get_mut(&name).filter(|n| **n > 0) {
            *n -= 1;
            self.replace(start, tag_end, break_level(&name));
            return;
        }
        if matches!(name.as_str(), "html" | "head" | "body") {
            return;
        }
        if self.is_open(&name) {
            while let Some(top) = self.pop() {
                if top == name {
                    break;
                }
            }
        }
    }

    fn is_open(&self, name: &str) -> bool {
        self.open_count.get(name).is_some_and(|n| *n > 0)
    }

    fn top_is(&self, names: &[&str]) -> bool {
        self.open
            .last()
            .is_some_and(|t| names.contains(&t.as_str()))
    }

    fn push(&mut self, name: String) {
        *self.open_count.entry(name.clone()).or_insert(0) += 1;
        self.open.push(name);
    }

    fn pop(&mut self) -> Option<String> {
        let top = self.open.pop()?;
        if let Some(n) = self.open_count.get_mut(&top) {
            *n = n.saturating_sub(1);
        }
        Some(top)
    }

    /// Pops the nearest open element named in `targets`, with everything above
    /// it, if it is among the last few open elements and no element named in
    /// `stop` lies above it.
    fn close_near(&mut self, targets: &[&str], stop: &[&str]) {
        if !targets.iter().any(|t| self.is_open(t)) {
            return;
        }
        let found = self
            .open
            .iter()
            .rev()
            .take(IMPLIED_END_LOOKBACK)
            .position(|n| targets.contains(&n.as_str()) || stop.contains(&n.as_str()))
            .filter(|&i| {
                let n = &self.open[self.open.len() - 1 - i];
                targets.contains(&n.as_str())
            });
        if let Some(i) = found {
            for _ in 0..=i {
                self.pop();
            }
        }
    }

    /// The end tags the parser implies before the start tag `name`.
    fn close_implied(&mut self, name: &str) {
        if CLOSES_P.contains(&name) {
            self.close_near(&["p"], SCOPE);
        }
        match name {
            "li" => self.close_near(&["li"], &["ul", "ol", "table", "td", "th"]),
            "dt" | "dd" => self.close_near(&["dt", "dd"], &["dl", "table", "td", "th"]),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self.top_is(&["h1", "h2", "h3", "h4", "h5", "h6"]) =>
            {
                self.pop();
            }
            "option" => self.close_near(&["option"], &["select", "datalist"]),
            "optgroup" => self.close_near(&["option", "optgroup"], &["select"]),
            "tr" => self.close_near(&["tr"], &["table", "tbody", "thead", "tfoot"]),
            "td" | "th" => self.close_near(&["td", "th"], &["tr", "table"]),
            "tbody" | "thead" | "tfoot" => {
                self.close_near(&["tbody", "thead", "tfoot"], &["table"]);
            }
            "a" | "button" | "nobr" | "select" => self.close_near(&[name], SCOPE),
            _ => {}
        }
    }
}

/// The index of the first `byte` at or after `from`.
fn find_byte(bytes: &[u8], from: usize, byte: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == byte)
        .map(|i| from + i)
}

/// The end of a tag name starting at `from`.
fn name_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        .map_or(bytes.len(), |i| from + i)
}

/// Just past the `>` that ends a tag whose attributes start at `from` (quoted
/// attribute values may hold `>`), and whether the tag ends with `/>`.
fn tag_end(bytes: &[u8], from: usize) -> (usize, bool) {
    let mut i = from;
    let mut after_equals = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (i + 1, i > from && bytes[i - 1] == b'/'),
            b'=' => after_equals = true,
            q @ (b'"' | b'\'') if after_equals => {
                i = find_byte(bytes, i + 1, q).unwrap_or(bytes.len());
                after_equals = false;
            }
            b if b.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// Just past the end of the comment starting at `from` (`<!--`).
fn comment_end(html: &str, from: usize) -> usize {
    let body = from + "<!--".len();
    let rest = &html[body..];
    if rest.starts_with('>') {
        return body + 1;
    }
    if rest.starts_with("->") {
        return body + 2;
    }
    rest.find("-->")
        .map_or(html.len(), |i| body + i + "-->".len())
}

/// Just past the end tag `</name` (any case, then white space, `/` or `>`) that
/// closes a raw-text element whose content starts at `from`.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    let mut at = from;
    while let Some(lt) = find_byte(bytes, at, b'<') {
        let name_at = lt + 2;
        let is_end = bytes.get(lt + 1) == Some(&b'/')
            && bytes
                .get(name_at..name_at + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && bytes
                .get(name_at + name.len())
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if is_end {
            return tag_end(bytes, name_at + name.len()).0;
        }
        at = lt + 1;
    }
    html.len()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn deepest(html: &str) -> usize {
        let doc = dom_query::Document::from(html);
        let mut max = 0;
        for node in doc.root().descendants_it() {
            max = max.max(node.ancestors_it(None).count());
        }
        max
    }

    #[test]
    fn shallow_pages_are_left_alone() {
        let page = "<html><head><title>a < b</title><script>if (a<b) x='</div>';</script></head>\
                    <body><p>one<p>two<ul><li>a<li>b</ul><table><tr><td>c<td>d<tr><td>e</table>\
                    <!-- <div><div> --><img src='x>y'><br/><svg><path/></svg></body></html>";
        assert!(matches!(cap_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn implied_ends_do_not_count_as_depth() {
        // Thousands of unclosed paragraphs, list items and cells are siblings to the
        // parser, so nothing is dropped.
        let mut page = String::from("<body>");
        for _ in 0..2000 {
            page.push_str("<p>para");
        }
        page.push_str("<ul>");
        for _ in 0..2000 {
            page.push_str("<li>item");
        }
        page.push_str("</ul><dl>");
        for _ in 0..2000 {
            page.push_str("<dt>term<dd>def");
        }
        page.push_str("</dl>");
        page.push_str("<table>");
        for _ in 0..2000 {
            page.push_str("<tr><td>a<td>b");
        }
        page.push_str("</table><select>");
        for _ in 0..2000 {
            page.push_str("<option>o");
        }
        assert!(matches!(cap_depth(&page), Cow::Borrowed(_)));
        assert!(deepest(&page) < 10);
    }

    #[test]
    fn deep_nesting_is_flattened_and_text_kept() {
        let depth = 5000;
        let page = format!(
            "<body>{}<p>inner text</p>{}<p>after</p></body>",
            "<div>z".repeat(depth),
            "</div>".repeat(depth)
        );
        let capped = cap_depth(&page);
        assert!(matches!(capped, Cow::Owned(_)));
        assert!(deepest(&capped) <= MAX_DEPTH + 4, "{}", deepest(&capped));
        let doc = dom_query::Document::from(capped.as_ref());
        let text = doc.root().text();
        assert_eq!(text.matches('z').count(), depth);
        assert!(text.contains("inner text") && text.ends_with("after"));
        // `after` is outside every div again: all the end tags were matched.
        assert_eq!(
            doc.select("body > p").text().to_string(),
            "after".to_owned()
        );
    }

    #[test]
    fn dropped_raw_text_elements_go_whole() {
        let page = format!(
            "{}<script>var secret = '<b>';</script><style>p{{}}</style>visible{}",
            "<span>".repeat(MAX_DEPTH + 10),
            "</span>".repeat(MAX_DEPTH + 10)
        );
        let capped = cap_depth(&page);
        assert!(!capped.contains("secret") && !capped.contains("p{}"));
        assert!(capped.contains("visible"));
    }
}
