//! Chance-corrected agreement on nominal codes: Cohen's κ (two raters), Fleiss' κ (any
//! fixed number of raters) and Krippendorff's α (nominal, any number of values per item).
//!
//! Categories are small integers (the caller interns its labels). Each coefficient is
//! `None` where it is undefined (no items, or expected agreement already perfect),
//! never NaN.

use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// How many items two raters put in each pair of categories (rows: the first rater).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contingency {
    cells: HashMap<(u32, u32), u64>,
}

impl Contingency {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// A table from rows (first rater) and columns (second rater); category `i` is row
    /// and column `i`.
    pub fn from_rows(rows: &[Vec<u64>]) -> Self {
        let mut t = Self::new();
        for (i, row) in rows.iter().enumerate() {
            for (j, &n) in row.iter().enumerate() {
                t.add(i as u32, j as u32, n);
            }
        }
        t
    }

    /// Counts `n` more items coded `a` by the first rater and `b` by the second.
    pub fn add(&mut self, a: u32, b: u32, n: u64) {
        if n > 0 {
            *self.cells.entry((a, b)).or_insert(0) += n;
        }
    }

    /// Adds another table's counts to this one.
    pub fn merge(&mut self, other: &Contingency) {
        for (&(a, b), &n) in &other.cells {
            self.add(a, b, n);
        }
    }

    /// Number of items.
    pub fn total(&self) -> u64 {
        self.cells.values().sum()
    }
}

/// Cohen's κ with the parts it is made of.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CohenKappa {
    /// Share of items both raters coded alike.
    pub observed: f64,
    /// Agreement expected by chance from each rater's own category shares.
    pub expected: f64,
    /// (observed − expected) / (1 − expected); `None` when expected agreement is 1.
    pub kappa: Option<f64>,
    /// The largest κ these marginals allow (Cohen 1960, p. 42).
    pub max_kappa: Option<f64>,
}

/// Cohen's κ of a two-rater table; `None` when it holds no item.
pub fn cohen_kappa(table: &Contingency) -> Option<CohenKappa> {
    let n = table.total() as f64;
    if n == 0.0 {
        return None;
    }
    let mut rows: HashMap<u32, u64> = HashMap::new();
    let mut cols: HashMap<u32, u64> = HashMap::new();
    let mut diagonal = 0;
    for (&(a, b), &c) in &table.cells {
        *rows.entry(a).or_insert(0) += c;
        *cols.entry(b).or_insert(0) += c;
        if a == b {
            diagonal += c;
        }
    }
    let observed = diagonal as f64 / n;
    let expected: f64 = rows
        .iter()
        .map(|(k, &r)| r as f64 * cols.get(k).copied().unwrap_or(0) as f64)
        .sum::<f64>()
        / (n * n);
    let best: u64 = rows
        .iter()
        .map(|(k, &r)| r.min(cols.get(k).copied().unwrap_or(0)))
        .sum();
    let chance_corrected = |p: f64| (expected < 1.0).then(|| (p - expected) / (1.0 - expected));
    Some(CohenKappa {
        observed,
        expected,
        kappa: chance_corrected(observed),
        max_kappa: chance_corrected(best as f64 / n),
    })
}

/// Fleiss' κ with the parts it is made of.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FleissKappa {
    /// Mean share of agreeing rater pairs per item (P̄).
    pub observed: f64,
    /// Σ p_j², from the categories' overall shares (P̄e).
    pub expected: f64,
    /// (P̄ − P̄e) / (1 − P̄e); `None` when P̄e is 1.
    pub kappa: Option<f64>,
    /// Each category's share of all values (p_j).
    pub shares: BTreeMap<u32, f64>,
    /// κ of each category against all others (Fleiss 1971, eq. 11); `None` for a
    /// category every item or no item has.
    pub per_category: BTreeMap<u32, Option<f64>>,
}

/// Adds up items for Fleiss' κ and Krippendorff's α in one pass: per category, how
/// many values it got and Σ over items of (its count in the item)².
#[derive(Clone, Debug, Default)]
pub(crate) struct NominalTally {
    /// Per category id: (values, Σ n_ic², Σ n_ic(n_ic − 1)/(m_i − 1)).
    categories: Vec<(u64, u64, f64)>,
    /// Items with at least two values.
    items: u64,
    /// The number of values of every such item, while it is the same for all.
    raters: Option<usize>,
    /// Whether items had different numbers of values (Fleiss' κ is then undefined).
    ragged: bool,
    /// Reused buffer for one item's values.
    scratch: Vec<u32>,
}

impl NominalTally {
    /// Counts one item: the categories its raters gave it (missing values left out).
    /// An item with fewer than two values cannot show agreement and is skipped.
    pub(crate) fn add(&mut self, values: &[u32]) {
        let m = values.len();
        if m < 2 {
            return;
        }
        match self.raters {
            None => self.raters = Some(m),
            Some(r) if r != m => self.ragged = true,
            Some(_) => {}
        }
        self.items += 1;
        self.scratch.clear();
        self.scratch.extend_from_slice(values);
        self.scratch.sort_unstable();
        let mut i = 0;
        while i < m {
            let c = self.scratch[i];
            let run = self.scratch[i..].iter().take_while(|&&v| v == c).count();
            let slot = c as usize;
            if self.categories.len() <= slot {
                self.categories.resize(slot + 1, (0, 0, 0.0));
            }
            let (n, sq, within) = &mut self.categories[slot];
            let k = run as u64;
            *n += k;
            *sq += k * k;
            *within += (k * (k - 1)) as f64 / (m - 1) as f64;
            i += run;
        }
    }

    /// Adds another tally's items to this one.
    pub(crate) fn merge(&mut self, other: &NominalTally) {
        if other.items == 0 {
            return;
        }
        match (self.raters, other.raters) {
            (None, r) => self.raters = r,
            (Some(a), Some(b)) if a != b => self.ragged = true,
            _ => {}
        }
        self.ragged |= other.ragged;
        self.items += other.items;
        if self.categories.len() < other.categories.len() {
            self.categories.resize(other.categories.len(), (0, 0, 0.0));
        }
        for (mine, theirs) in self.categories.iter_mut().zip(&other.categories) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
            mine.2 += theirs.2;
        }
    }

    /// Fleiss' κ; `None` without items or when items had different numbers of raters.
    pub(crate) fn fleiss(&self) -> Option<FleissKappa> {
        let m = self.raters? as f64;
        if self.ragged || self.items == 0 {
            return None;
        }
        let n = self.items as f64;
        let values = n * m;
        let pairs = n * m * (m - 1.0);
        let squares: u64 = self.categories.iter().map(|c| c.1).sum();
        let observed = (squares as f64 - values) / pairs;
        let expected: f64 = self
            .categories
            .iter()
            .map(|c| (c.0 as f64 / values).powi(2))
            .sum();
        let used = || self.categories.iter().enumerate().filter(|(_, c)| c.0 > 0);
        let shares = used()
            .map(|(id, c)| (id as u32, c.0 as f64 / values))
            .collect();
        let per_category = used()
            .map(|(id, &(count, sq, _))| {
                let p = count as f64 / values;
                let disagreeing = m * count as f64 - sq as f64;
                let kappa =
                    (p > 0.0 && p < 1.0).then(|| 1.0 - disagreeing / (pairs * p * (1.0 - p)));
                (id as u32, kappa)
            })
            .collect();
        Some(FleissKappa {
            observed,
            expected,
            kappa: (expected < 1.0).then(|| (observed - expected) / (1.0 - expected)),
            shares,
            per_category,
        })
    }

    /// Krippendorff's α for nominal data, from the coincidence matrix:
    /// α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k. `None` without pairable
    /// values or when all of them are one category.
    pub(crate) fn alpha(&self) -> Option<f64> {
        let n: f64 = self.categories.iter().map(|c| c.0 as f64).sum();
        let agreeing: f64 = self.categories.iter().map(|c| c.2).sum();
        let by_chance = n * n
            - self
                .categories
                .iter()
                .map(|c| (c.0 as f64).powi(2))
                .sum::<f64>();
        (n > 1.0 && by_chance > 0.0).then(|| 1.0 - (n - 1.0) * (n - agreeing) / by_chance)
    }
}

/// Fleiss' κ over items, each the categories its raters gave it (every item must have
/// the same number of raters, at least two); `None` otherwise or without items.
pub fn fleiss_kappa<'a>(items: impl IntoIterator<Item = &'a [u32]>) -> Option<FleissKappa> {
    let mut tally = NominalTally::default();
    for item in items {
        if item.len() < 2 {
            return None;
        }
        tally.add(item);
    }
    tally.fleiss()
}

/// Krippendorff's α (nominal) over items, each the categories it was given (missing
/// values left out; items with fewer than two values do not count).
pub fn krippendorff_alpha_nominal<'a>(items: impl IntoIterator<Item = &'a [u32]>) -> Option<f64> {
    let mut tally = NominalTally::default();
    for item in items {
        tally.add(item);
    }
    tally.alpha()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_undefined() {
        let mut t = Contingency::new();
        t.add(0, 0, 5);
        t.add(1, 1, 5);
        let k = cohen_kappa(&t).unwrap();
        assert_eq!(k.kappa, Some(1.0));
        assert!(cohen_kappa(&Contingency::new()).is_none());
        let mut one = Contingency::new();
        one.add(3, 3, 7);
        assert_eq!(cohen_kappa(&one).unwrap().kappa, None);
        let items = [[1u32, 1], [2, 2]];
        assert_eq!(
            krippendorff_alpha_nominal(items.iter().map(|i| &i[..])),
            Some(1.0)
        );
        let same = [[1u32, 1], [1, 1]];
        assert_eq!(
            krippendorff_alpha_nominal(same.iter().map(|i| &i[..])),
            None
        );
        assert!(fleiss_kappa([&[1u32, 2][..], &[1, 2, 3][..]]).is_none());
    }
}
