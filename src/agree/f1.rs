//! Pairwise F1 as bratiaa defines it: per annotator pair, counts summed over a grouping
//! (documents, labels, or both), F1 = 2·matched / (|A| + |B|); then the mean and the
//! population standard deviation of the pairs' F1.

use serde::Serialize;
use std::ops::AddAssign;

/// What two annotators' F1 is computed from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Units (or labelled tokens) the two share.
    pub matched: u64,
    /// How many the first annotator has.
    pub a: u64,
    /// How many the second annotator has.
    pub b: u64,
}

impl Counts {
    /// 2·matched / (a + b): equal to 2TP / (2TP + FP + FN) with either side as the
    /// reference. `None` when neither has anything (bratiaa prints `nan` there).
    pub fn f1(&self) -> Option<f64> {
        let total = self.a + self.b;
        (total > 0).then(|| 2.0 * self.matched as f64 / total as f64)
    }
}

impl AddAssign for Counts {
    fn add_assign(&mut self, o: Self) {
        self.matched += o.matched;
        self.a += o.a;
        self.b += o.b;
    }
}

/// A value per annotator pair, with their mean and population standard deviation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    /// Mean over the pairs where the value is defined.
    pub mean: Option<f64>,
    /// Population standard deviation over the same pairs (numpy's `std`).
    pub sd: Option<f64>,
    /// Each pair's value, in the order of [`super::Report::pairs`].
    pub pairs: Vec<Option<f64>>,
}

impl Spread {
    /// Mean and SD of the defined values among `pairs`.
    pub fn of(pairs: Vec<Option<f64>>) -> Self {
        let defined: Vec<f64> = pairs.iter().flatten().copied().collect();
        if defined.is_empty() {
            return Self {
                mean: None,
                sd: None,
                pairs,
            };
        }
        let n = defined.len() as f64;
        let mean = defined.iter().sum::<f64>() / n;
        let var = defined.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
        Self {
            mean: Some(mean),
            sd: Some(var.sqrt()),
            pairs,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn f1_and_population_sd() {
        let c = Counts {
            matched: 3,
            a: 4,
            b: 5,
        };
        assert!((c.f1().unwrap() - 6.0 / 9.0).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), None);
        let s = Spread::of(vec![Some(1.0), Some(0.5), None]);
        assert_eq!(s.mean, Some(0.75));
        assert_eq!(s.sd, Some(0.25));
        assert_eq!(Spread::of(vec![None]).mean, None);
    }
}
