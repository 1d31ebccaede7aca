//! Running headers, footers and page numbers: printed on every page, not part of
//! the article.
//!
//! A line near the top or bottom edge of a page is dropped when one of its
//! segments recurs at the same height on other pages (digits ignored, so "3/8" and
//! "4/8" match), or looks like what printers put in margins: a page counter, a URL,
//! a date. The rest of such a line goes with it when it is set smaller than the body
//! text (a print header's title beside its date).

use super::lines::Line;
use std::collections::{HashMap, HashSet};

/// The share of the page height, at the top and at the bottom, where running
/// headers and footers live.
const MARGIN_BAND: f32 = 0.12;
/// How many lines from each edge are looked at.
const EDGE_LINES: usize = 2;
/// Two headers are at the same height if their baselines differ by less than this
/// (points).
const SAME_HEIGHT: f32 = 4.0;

/// Removes running headers, footers and page numbers from `pages` (lines per page,
/// with each page's height).
pub(super) fn remove_running_lines(pages: &mut [(f32, Vec<Line>)]) {
    let body = body_size(pages);
    // (page, line index) of each edge line.
    let mut candidates: Vec<(usize, usize)> = Vec::new();
    for (p, (height, lines)) in pages.iter().enumerate() {
        let mut by_y: Vec<usize> = (0..lines.len()).collect();
        by_y.sort_by(|&a, &b| lines[a].y.total_cmp(&lines[b].y));
        let top = by_y.iter().take(EDGE_LINES);
        let bottom = by_y.iter().rev().take(EDGE_LINES);
        let first = candidates.len();
        for &i in top.chain(bottom) {
            let y = lines[i].y;
            let in_band = y < MARGIN_BAND * height || y > (1.0 - MARGIN_BAND) * height;
            if in_band && !candidates[first..].contains(&(p, i)) {
                candidates.push((p, i));
            }
        }
    }
    // On how many pages each segment text sits at each height (in SAME_HEIGHT bands).
    let band = |y: f32| (y / SAME_HEIGHT).floor() as i64;
    let mut seen: HashSet<(String, i64, usize)> = HashSet::new();
    let mut pages_at: HashMap<(String, i64), usize> = HashMap::new();
    for &(p, i) in &candidates {
        let line = &pages[p].1[i];
        for s in &line.segments {
            let k = key(&s.text);
            if !k.is_empty() && seen.insert((k.clone(), band(line.y), p)) {
                *pages_at.entry((k, band(line.y))).or_default() += 1;
            }
        }
    }
    let pages_with_text = pages.iter().filter(|(_, l)| !l.is_empty()).count();
    let recurs = |text: &str, y: f32| {
        let k = key(text);
        let b = band(y);
        let n: usize = (b - 1..=b + 1)
            .map(|b| pages_at.get(&(k.clone(), b)).copied().unwrap_or(0))
            .sum();
        // Alternating headers (left and right pages) recur on a quarter of the pages.
        !k.is_empty() && pages_with_text >= 2 && n >= 2 && n * 4 >= pages_with_text
    };
    let mut drop: Vec<(usize, usize)> = Vec::new();
    for &(p, i) in &candidates {
        let line = &pages[p].1[i];
        let running: Vec<bool> = line
            .segments
            .iter()
            .map(|s| looks_like_margin_text(&s.text) || recurs(&s.text, line.y))
            .collect();
        let small = line.size < body * 0.95;
        if running.iter().all(|r| *r) || (small && running.iter().any(|r| *r)) {
            drop.push((p, i));
        }
    }
    drop.sort_unstable_by(|a, b| b.cmp(a));
    for (p, i) in drop {
        pages[p].1.remove(i);
    }
}

/// A segment's identity across pages: lower case, no spaces, digits as `#`.
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_numeric() { '#' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Page counters ("3", "3/8", "Page 3 of 8", "- 3 -", "iv"), URLs and dates.
fn looks_like_margin_text(text: &str) -> bool {
    let t = text.trim();
    is_page_counter(t) || is_url(t) || is_date(t)
}

fn is_page_counter(t: &str) -> bool {
    let lower = t.to_lowercase();
    let mut rest = lower.as_str();
    for prefix in ["page", "seite", "pagina", "página", "p."] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
            break;
        }
    }
    let rest = rest.trim_matches(|c: char| c == '-' || c == '–' || c == '—' || c == ' ');
    if (1..=100).any(|n| roman(n) == rest) {
        return true;
    }
    let words: Vec<&str> = rest
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 5 && w.chars().all(|c| c.is_numeric());
    match words.as_slice() {
        [n] => number(n),
        [a, b] => number(a) && number(b),
        [a, of, b] => number(a) && number(b) && ["of", "von", "sur", "de", "di", "из"].contains(of),
        _ => false,
    }
}

/// `n` in lower-case Roman numerals (front-matter page numbers).
fn roman(mut n: u32) -> String {
    let mut out = String::new();
    for (value, digits) in [
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

fn is_url(t: &str) -> bool {
    let lower = t.to_lowercase();
    !t.contains(' ')
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("file://")
            || lower.starts_with("www."))
}

/// A date, possibly with a time: "11/29/26, 3:51 AM", "2024-05-01", "29.11.2026 10:02".
fn is_date(t: &str) -> bool {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let numeric_date = |w: &str| {
        let parts: Vec<&str> = w.split(['/', '-', '.']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    };
    let time = |w: &str| {
        let parts: Vec<&str> = w.split(':').collect();
        (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    };
    let ampm = |w: &str| matches!(w.to_ascii_lowercase().as_str(), "am" | "pm");
    numeric_date(words[0]) && words[1..].iter().all(|w| time(w) || ampm(w))
}

/// The font size of most of the text.
fn body_size(pages: &[(f32, Vec<Line>)]) -> f32 {
    let mut counts: Vec<(f32, usize)> = Vec::new();
    for line in pages.iter().flat_map(|(_, l)| l) {
        let n: usize = line.segments.iter().map(|s| s.text.chars().count()).sum();
        match counts.iter_mut().find(|(s, _)| *s == line.size) {
            Some((_, c)) => *c += n,
            None => counts.push((line.size, n)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|c| c.1)
        .map_or(0.0, |(s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margin_texts_are_recognised() {
        for t in [
            "1/4",
            "Page 3 of 8",
            "- 12 -",
            "iv",
            "https://example.org/a/b",
            "11/29/26, 3:51 AM",
            "2024-05-01",
        ] {
            assert!(looks_like_margin_text(t), "{t}");
        }
        for t in [
            "Facebook Is Tracking Me",
            "1988 massacre",
            "See https://x.org for more",
            "12 people died",
            "civil",
            "mix",
        ] {
            assert!(!looks_like_margin_text(t), "{t}");
        }
    }
}
