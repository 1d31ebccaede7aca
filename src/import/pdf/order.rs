//! Reading order of the lines on a page: column by column.
//!
//! A page with two columns has a gutter: an x where no text crosses, with a fair
//! number of lines on each side. Lines that cross it (a title, a wide table) cut
//! the page into sections; each section is read left column first (right column
//! first on a right-to-left page), each column top to bottom, whatever order the
//! producer drew them in. A line with pieces on both sides of the gutter (a table
//! row) crosses it, so tables are read row by row. A page without a gutter keeps
//! the order the lines were drawn in: producers draw single-column text in reading
//! order, and a short page (the end of an article) gives too little to go on.

use super::lines::Line;

/// How many lines each column needs for the page to count as two columns.
const MIN_COLUMN_LINES: usize = 2;

/// The lines of one page in reading order.
pub(super) fn reading_order(lines: Vec<Line>, page_width: f32) -> Vec<Line> {
    let rtl_page = lines.iter().filter(|l| l.rtl).count() * 2 > lines.len();
    let Some(gutter) = find_gutter(&lines, page_width) else {
        return lines;
    };
    let mut pieces = lines;
    pieces.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out = Vec::with_capacity(pieces.len());
    let (mut left, mut right): (Vec<Line>, Vec<Line>) = (Vec::new(), Vec::new());
    let flush = |out: &mut Vec<Line>, left: &mut Vec<Line>, right: &mut Vec<Line>| {
        let (first, second) = if rtl_page {
            (right, left)
        } else {
            (left, right)
        };
        out.extend(rows(std::mem::take(first), rtl_page));
        out.extend(rows(std::mem::take(second), rtl_page));
    };
    for line in pieces {
        if line.x1 <= gutter {
            left.push(line);
        } else if line.x0 >= gutter {
            right.push(line);
        } else {
            flush(&mut out, &mut left, &mut right);
            out.push(line);
        }
    }
    flush(&mut out, &mut left, &mut right);
    out
}

/// Lines sorted top to bottom; lines on one baseline left to right (right to
/// left on a right-to-left page).
fn rows(mut lines: Vec<Line>, rtl_page: bool) -> Vec<Line> {
    lines.sort_by(|a, b| a.y.total_cmp(&b.y));
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut row: Vec<Line> = Vec::new();
    for line in lines {
        let same_row = row
            .first()
            .is_some_and(|r| (line.y - r.y).abs() < 0.3 * r.size.min(line.size));
        if !same_row {
            flush_row(&mut out, &mut row, rtl_page);
        }
        row.push(line);
    }
    flush_row(&mut out, &mut row, rtl_page);
    out
}

fn flush_row(out: &mut Vec<Line>, row: &mut Vec<Line>, rtl_page: bool) {
    row.sort_by(|a, b| {
        if rtl_page {
            b.x0.total_cmp(&a.x0)
        } else {
            a.x0.total_cmp(&b.x0)
        }
    });
    out.append(row);
}

/// The x of a two-column page's gutter, if it has one: in the middle half of the
/// page, crossed by few lines, with enough lines on either side.
fn find_gutter(lines: &[Line], page_width: f32) -> Option<f32> {
    if lines.len() < 2 * MIN_COLUMN_LINES || page_width <= 0.0 {
        return None;
    }
    let mut best: Option<(usize, f32)> = None;
    let mut x = 0.25 * page_width;
    while x <= 0.75 * page_width {
        let (mut left, mut right, mut crossing) = (0usize, 0usize, 0usize);
        for s in lines {
            if s.x1 <= x {
                left += 1;
            } else if s.x0 >= x {
                right += 1;
            } else {
                crossing += 1;
            }
        }
        let balance = left.min(right);
        let few_crossing = crossing * 4 <= left + right;
        if balance >= MIN_COLUMN_LINES && few_crossing && best.is_none_or(|(b, _)| balance > b) {
            best = Some((balance, x));
        }
        x += 1.0;
    }
    // The middle of the free band around the best x.
    let (_, x) = best?;
    let free = |x: f32| !lines.iter().any(|s| s.x0 < x && s.x1 > x);
    let (mut lo, mut hi) = (x, x);
    while lo > 0.25 * page_width && free(lo - 1.0) {
        lo -= 1.0;
    }
    while hi < 0.75 * page_width && free(hi + 1.0) {
        hi += 1.0;
    }
    Some((lo + hi) / 2.0)
}
