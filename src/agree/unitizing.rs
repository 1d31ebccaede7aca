//! Krippendorff's α_U for unitizing (1995; 2004, p. 251–256), as DKPro Statistics'
//! `KrippendorffAlphaUnitizingAgreement` defines it.
//!
//! Each rater cuts the continuum, per category, into units of that category and gaps.
//! Observed disagreement sums, over rater pairs, a distance between every two pieces
//! that meet: for two overlapping units the squared differences of their starts and of
//! their ends; for a unit lying wholly inside the other rater's gap its squared length;
//! otherwise 0. Expected disagreement is what all possible placements of the same units
//! and gaps would give. Per category α_c = 1 − D_O(c)/D_E(c); overall α_U = 1 − mean
//! D_O / mean D_E over the categories that occur.

use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// One rater's unit: a category over `start..end` of the continuum (end-exclusive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment<C> {
    /// Which rater (0-based).
    pub rater: usize,
    /// Its category.
    pub category: C,
    /// First position.
    pub start: u64,
    /// One past the last position.
    pub end: u64,
}

/// One category's disagreements and α.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CategoryAlphaU {
    /// Observed disagreement D_O(c).
    pub observed: f64,
    /// Expected disagreement D_E(c).
    pub expected: f64,
    /// 1 − D_O/D_E; `None` when D_E is 0.
    pub alpha: Option<f64>,
}

/// α_U over all categories, and per category.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlphaU<C: Ord> {
    /// 1 − mean D_O / mean D_E; `None` when there are no units or D_E is 0.
    pub alpha: Option<f64>,
    /// Each category that has units.
    pub categories: BTreeMap<C, CategoryAlphaU>,
}

/// α_U of `raters` raters' segments over `continuum`. Parts of segments outside the
/// continuum are ignored; one rater's overlapping segments of one category (which α_U
/// cannot hold) are joined into one. `None` with fewer than two raters or an empty
/// continuum.
pub fn krippendorff_alpha_u<C: Ord + Clone>(
    continuum: Range<u64>,
    raters: usize,
    segments: &[Segment<C>],
) -> Option<AlphaU<C>> {
    if raters < 2 || continuum.is_empty() {
        return None;
    }
    // Per category, per rater: the segments, clipped, sorted and joined.
    let mut by_category: BTreeMap<C, Vec<Vec<(u64, u64)>>> = BTreeMap::new();
    for s in segments {
        let (start, end) = (s.start.max(continuum.start), s.end.min(continuum.end));
        if start >= end || s.rater >= raters {
            continue;
        }
        by_category
            .entry(s.category.clone())
            .or_insert_with(|| vec![Vec::new(); raters])[s.rater]
            .push((start, end));
    }
    let mut categories = BTreeMap::new();
    for (category, mut per_rater) in by_category {
        for units in &mut per_rater {
            join_overlaps(units);
        }
        let observed = observed_disagreement(&continuum, &per_rater);
        let expected = expected_disagreement(&continuum, &per_rater);
        let alpha = (expected > 0.0).then(|| 1.0 - observed / expected);
        categories.insert(
            category,
            CategoryAlphaU {
                observed,
                expected,
                alpha,
            },
        );
    }
    let observed: f64 = categories.values().map(|c| c.observed).sum();
    let expected: f64 = categories.values().map(|c| c.expected).sum();
    // The means share their denominator (the number of categories), so it cancels.
    let alpha = (expected > 0.0).then(|| 1.0 - observed / expected);
    Some(AlphaU { alpha, categories })
}

/// Sorts units and joins those that overlap (units that only touch stay apart).
fn join_overlaps(units: &mut Vec<(u64, u64)>) {
    units.sort_unstable();
    let mut joined: Vec<(u64, u64)> = Vec::with_capacity(units.len());
    for &(s, e) in units.iter() {
        match joined.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => joined.push((s, e)),
        }
    }
    *units = joined;
}

/// A rater's cut of the continuum: each piece with whether it is a unit (else a gap).
fn pieces(continuum: &Range<u64>, units: &[(u64, u64)]) -> Vec<(u64, u64, bool)> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut pos = continuum.start;
    for &(s, e) in units {
        if s > pos {
            out.push((pos, s, false));
        }
        out.push((s, e, true));
        pos = e;
    }
    if pos < continuum.end {
        out.push((pos, continuum.end, false));
    }
    out
}

/// DKPro's `measureDistance` between two pieces that meet.
fn distance(a: (u64, u64, bool), b: (u64, u64, bool)) -> f64 {
    let (a0, a1, b0, b1) = (a.0 as f64, a.1 as f64, b.0 as f64, b.1 as f64);
    match (a.2, b.2) {
        // Two units that overlap.
        (true, true) if a0 < b1 && b0 < a1 => (a0 - b0).powi(2) + (a1 - b1).powi(2),
        // A unit wholly inside a gap.
        (true, false) if b0 <= a0 && a1 <= b1 => (a1 - a0).powi(2),
        (false, true) if a0 <= b0 && b1 <= a1 => (b1 - b0).powi(2),
        _ => 0.0,
    }
}

/// D_O(c) = 2 / (R (R − 1) L²) · Σ over rater pairs of the distances between the
/// pieces that meet.
fn observed_disagreement(continuum: &Range<u64>, per_rater: &[Vec<(u64, u64)>]) -> f64 {
    let r = per_rater.len() as f64;
    let l = (continuum.end - continuum.start) as f64;
    let cuts: Vec<Vec<(u64, u64, bool)>> = per_rater.iter().map(|u| pieces(continuum, u)).collect();
    let mut sum = 0.0;
    for (i, a) in cuts.iter().enumerate() {
        for b in &cuts[i + 1..] {
            // Walk both cuts together; every two pieces that share a position meet once.
            let (mut x, mut y) = (0, 0);
            while x < a.len() && y < b.len() {
                sum += distance(a[x], b[y]);
                match a[x].1.cmp(&b[y].1) {
                    std::cmp::Ordering::Less => x += 1,
                    std::cmp::Ordering::Greater => y += 1,
                    std::cmp::Ordering::Equal => {
                        x += 1;
                        y += 1;
                    }
                }
            }
        }
    }
    2.0 * sum / (r * (r - 1.0) * l * l)
}

/// D_E(c) = 2/L · Σ_units [ (N_c − 1)(2ℓ³ − 3ℓ² + ℓ)/3 + ℓ² Σ_{gaps g ≥ ℓ} (g − ℓ + 1) ]
/// / (R L (R L − 1) − Σ_units ℓ(ℓ − 1)), over every rater's units and gaps of `c`.
fn expected_disagreement(continuum: &Range<u64>, per_rater: &[Vec<(u64, u64)>]) -> f64 {
    let r = per_rater.len() as f64;
    let l = (continuum.end - continuum.start) as f64;
    let mut gaps: Vec<u64> = Vec::new();
    let mut lengths: Vec<u64> = Vec::new();
    for units in per_rater {
        for (s, e, is_unit) in pieces(continuum, units) {
            if is_unit {
                lengths.push(e - s);
            } else {
                gaps.push(e - s);
            }
        }
    }
    let n_c = lengths.len() as f64;
    // Σ_{g ≥ ℓ} (g − ℓ + 1) = (Σ_{g ≥ ℓ} g) − (ℓ − 1)·#{g ≥ ℓ}, from sorted gaps and
    // suffix sums, so the sum costs a binary search per unit.
    gaps.sort_unstable();
    let mut suffix = vec![0.0; gaps.len() + 1];
    for i in (0..gaps.len()).rev() {
        suffix[i] = suffix[i + 1] + gaps[i] as f64;
    }
    let mut numerator = 0.0;
    let mut squared_lengths = 0.0;
    for &len in &lengths {
        let ell = len as f64;
        let from = gaps.partition_point(|&g| g < len);
        let fitting = (gaps.len() - from) as f64;
        let placements = suffix[from] - (ell - 1.0) * fitting;
        numerator += (n_c - 1.0) * (2.0 * ell.powi(3) - 3.0 * ell * ell + ell) / 3.0
            + ell * ell * placements;
        squared_lengths += ell * (ell - 1.0);
    }
    let denominator = r * l * (r * l - 1.0) - squared_lengths;
    if denominator <= 0.0 {
        return 0.0;
    }
    2.0 / l * numerator / denominator
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn seg(rater: usize, category: &'static str, start: u64, len: u64) -> Segment<&'static str> {
        Segment {
            rater,
            category,
            start,
            end: start + len,
        }
    }

    #[test]
    fn distances_match_dkpro_cases() {
        let unit = |s: u64, l: u64| (s, s + l, true);
        let gap = |s: u64, l: u64| (s, s + l, false);
        assert_eq!(distance(unit(5, 6), unit(4, 2)), 26.0);
        assert_eq!(distance(unit(5, 6), unit(5, 2)), 16.0);
        assert_eq!(distance(unit(5, 6), unit(6, 2)), 10.0);
        assert_eq!(distance(unit(5, 6), unit(7, 2)), 8.0);
        assert_eq!(distance(unit(5, 6), unit(6, 4)), 2.0);
        assert_eq!(distance(unit(5, 6), unit(5, 6)), 0.0);
        assert_eq!(distance(unit(225, 70), unit(220, 80)), 50.0);
        assert_eq!(distance(unit(370, 30), unit(355, 20)), 850.0);
        assert_eq!(distance(gap(400, 50), unit(400, 20)), 400.0);
        assert_eq!(
            distance(gap(2, 3), unit(2, 2)) + distance(unit(5, 6), gap(4, 7)),
            40.0
        );
    }

    #[test]
    fn identical_raters_agree_and_overlaps_join() {
        let s = [
            seg(0, "x", 2, 3),
            seg(0, "x", 4, 3),
            seg(1, "x", 2, 5),
            seg(0, "y", 10, 2),
            seg(1, "y", 10, 2),
        ];
        let a = krippendorff_alpha_u(0..20, 2, &s).unwrap();
        assert_eq!(a.alpha, Some(1.0));
        assert_eq!(a.categories["x"].observed, 0.0);
        assert!(krippendorff_alpha_u(0..0, 2, &s).is_none());
        assert!(krippendorff_alpha_u(0..20, 1, &s).is_none());
        let none: [Segment<&str>; 0] = [];
        assert_eq!(krippendorff_alpha_u(0..20, 2, &none).unwrap().alpha, None);
    }
}
