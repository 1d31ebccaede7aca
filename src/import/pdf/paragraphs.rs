//! From lines to the canonical text: paragraphs, hard line breaks, joined
//! hyphenation, and the offset where each page begins.
//!
//! Within a column, a line starts a new paragraph when the gap above it is clearly
//! larger than the usual line pitch of its font size, or when the font size changes
//! (a heading). A line that ends early although the next line's first word would
//! have fitted is a hard break (a list item, a table row, a `<br>`), kept as a line
//! break. Across a column or page break, a paragraph goes on when its last line
//! reaches the column's edge.

use super::lines::Line;
use std::collections::{HashMap, HashSet};

/// A gap this many times the line pitch (or more) separates paragraphs.
const PARAGRAPH_GAP: f32 = 1.3;
/// Two lines whose sizes differ by more than this (points) are in different blocks.
const SIZE_STEP: f32 = 0.6;

/// The canonical text of a PDF and where its pages begin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Laid {
    /// Paragraphs separated by a blank line; hard breaks as single line breaks.
    pub text: String,
    /// For each page, the char offset in `text` where it begins (non-decreasing; a
    /// page without text begins where the next one does).
    pub page_starts: Vec<usize>,
}

/// How a line follows the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Break {
    Paragraph,
    Line,
    Join,
}

/// Lays out the lines of every page (in reading order) as text.
pub(super) fn assemble(pages: &[(f32, Vec<Line>)]) -> Laid {
    let lines: Vec<(usize, &Line)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, (_, ls))| ls.iter().map(move |l| (p, l)))
        .collect();
    let pitches = line_pitches(pages);
    let edges: Vec<(f32, f32)> = lines
        .iter()
        .map(|&(p, l)| column_edges(&pages[p].1, l))
        .collect();
    let vocabulary = vocabulary(lines.iter().map(|(_, l)| *l));

    let mut out = String::new();
    let mut chars = 0usize;
    let mut starts: Vec<Option<usize>> = vec![None; pages.len()];
    let mut prev_soft_hyphen = false;
    for (k, &(page, line)) in lines.iter().enumerate() {
        let raw = line.text();
        let soft = raw.ends_with('\u{ad}');
        let text: String = raw.chars().filter(|&c| c != '\u{ad}').collect();
        if k > 0 {
            let (prev_page, prev) = lines[k - 1];
            let relation = relation(prev, line, prev_page == page, edges[k - 1], &pitches);
            match relation {
                Break::Paragraph => {
                    out.push_str("\n\n");
                    chars += 2;
                }
                Break::Line => {
                    out.push('\n');
                    chars += 1;
                }
                Break::Join if prev_soft_hyphen => {}
                Break::Join => match hyphen_join(&out, &text, &vocabulary) {
                    HyphenJoin::Keep => {}
                    HyphenJoin::Remove => {
                        out.pop();
                        chars -= 1;
                    }
                    HyphenJoin::NotHyphenated => {
                        out.push(' ');
                        chars += 1;
                    }
                },
            }
        }
        if starts[page].is_none() {
            starts[page] = Some(chars);
        }
        chars += text.chars().count();
        out.push_str(&text);
        prev_soft_hyphen = soft;
    }
    let mut page_starts = vec![0; starts.len()];
    let mut next = chars;
    for p in (0..starts.len()).rev() {
        next = starts[p].unwrap_or(next);
        page_starts[p] = next;
    }
    Laid {
        text: out,
        page_starts,
    }
}

fn relation(
    prev: &Line,
    line: &Line,
    same_page: bool,
    edges: (f32, f32),
    pitches: &HashMap<u32, f32>,
) -> Break {
    if (prev.size - line.size).abs() > SIZE_STEP {
        return Break::Paragraph;
    }
    let dy = line.y - prev.y;
    let below = same_page && dy > 0.3 * prev.size;
    let short = ends_short(prev, line, edges);
    if below {
        let pitch = pitches
            .get(&size_key(prev.size))
            .copied()
            .unwrap_or(1.25 * prev.size);
        if dy > PARAGRAPH_GAP * pitch + 0.5 || dy > 2.5 * prev.size {
            return Break::Paragraph;
        }
        // A line that starts further out than the one before is a new block
        // (a hanging list marker aside, which sits to the left of its text).
        return if short { Break::Line } else { Break::Join };
    }
    // A new column or page: the paragraph goes on if the last line was full.
    if short { Break::Paragraph } else { Break::Join }
}

/// Whether `prev` ends well before its column's edge, although the first word of
/// `next` would have fitted there: then the break was intended.
fn ends_short(prev: &Line, next: &Line, (left, right): (f32, f32)) -> bool {
    let room = if prev.rtl {
        prev.x0 - left
    } else {
        right - prev.x1
    };
    room > next.first_word_width + 0.6 * prev.size
}

/// The left and right edges of the column a line is in: the extent of the lines of
/// its page that overlap it horizontally.
fn column_edges(page: &[Line], line: &Line) -> (f32, f32) {
    let mut left = line.x0;
    let mut right = line.x1;
    for other in page {
        if other.x0 < line.x1 && other.x1 > line.x0 && (other.size - line.size).abs() <= SIZE_STEP {
            left = left.min(other.x0);
            right = right.max(other.x1);
        }
    }
    (left, right)
}

fn size_key(size: f32) -> u32 {
    (size * 2.0).round() as u32
}

/// The usual distance between consecutive lines of a paragraph, per font size:
/// the lower quartile of the gaps between same-size lines that follow each other.
fn line_pitches(pages: &[(f32, Vec<Line>)]) -> HashMap<u32, f32> {
    let mut gaps: HashMap<u32, Vec<f32>> = HashMap::new();
    for (_, lines) in pages {
        for w in lines.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let dy = b.y - a.y;
            if (a.size - b.size).abs() < 0.5 && dy > 0.8 * a.size && dy < 2.5 * a.size {
                gaps.entry(size_key(a.size)).or_default().push(dy);
            }
        }
    }
    gaps.into_iter()
        .map(|(k, mut v)| {
            v.sort_by(f32::total_cmp);
            (k, v[v.len() / 4])
        })
        .collect()
}

/// The words of the document, lower-cased, with their inner hyphens.
fn vocabulary<'a>(lines: impl Iterator<Item = &'a Line>) -> HashSet<String> {
    let mut words = HashSet::new();
    for line in lines {
        for seg in &line.segments {
            for w in seg.text.split_whitespace() {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                if !w.is_empty() {
                    words.insert(w.to_lowercase());
                }
            }
        }
    }
    words
}

/// What to do where a line ends in a hyphen and the paragraph goes on.
#[derive(Debug, PartialEq, Eq)]
enum HyphenJoin {
    /// A compound broken after its hyphen ("decision-" "making"): no space.
    Keep,
    /// A word hyphenated to fit ("impor-" "tant"): drop the hyphen.
    Remove,
    /// The line does not end in a hyphen: join with a space.
    NotHyphenated,
}

/// Decides how a line ending in a hyphen joins the next. The hyphen is dropped only
/// when the document itself uses the joined word elsewhere and never the
/// hyphenated compound: a compound kept whole ("decision-making") loses nothing,
/// a wrongly joined one ("decisionmaking") does.
fn hyphen_join(before: &str, next: &str, vocabulary: &HashSet<String>) -> HyphenJoin {
    let mut rev = before.chars().rev();
    let Some(h) = rev.next() else {
        return HyphenJoin::NotHyphenated;
    };
    if !matches!(h, '-' | '\u{2010}') || !rev.next().is_some_and(char::is_alphabetic) {
        return HyphenJoin::NotHyphenated;
    }
    let Some(first) = next.chars().next() else {
        return HyphenJoin::NotHyphenated;
    };
    if !first.is_alphabetic() {
        return HyphenJoin::NotHyphenated;
    }
    if first.is_uppercase() {
        return HyphenJoin::Keep;
    }
    let left: String = before[..before.len() - h.len_utf8()]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right: String = next
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    let joined = format!("{left}{right}").to_lowercase();
    let compound = format!("{left}-{right}").to_lowercase();
    if vocabulary.contains(&joined) && !vocabulary.contains(&compound) {
        HyphenJoin::Remove
    } else {
        HyphenJoin::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphens_are_kept_unless_the_document_knows_the_joined_word() {
        let vocab: HashSet<String> = ["important".to_string()].into_iter().collect();
        assert_eq!(
            hyphen_join("an impor-", "tant point", &vocab),
            HyphenJoin::Remove
        );
        assert_eq!(
            hyphen_join("the decision-", "making", &vocab),
            HyphenJoin::Keep
        );
        assert_eq!(hyphen_join("Franco-", "German", &vocab), HyphenJoin::Keep);
        assert_eq!(
            hyphen_join("a line", "next", &vocab),
            HyphenJoin::NotHyphenated
        );
        assert_eq!(
            hyphen_join("pages 3 -", "next", &vocab),
            HyphenJoin::NotHyphenated
        );
    }
}
