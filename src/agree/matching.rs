//! Overlap-based matching of two annotators' units: the largest one-to-one pairing in
//! which paired units overlap (share at least one char).

/// One unit as the matcher sees it: its fragments, each `start < end`.
pub(crate) type Fragments<'u> = &'u [(usize, usize)];

/// The size of a maximum one-to-one matching between `a` and `b`, two units being
/// matchable when a fragment of one overlaps a fragment of the other.
///
/// When every unit is one interval, a greedy pass is optimal (take the units of `a` by
/// end; give each the free overlapping unit of `b` that ends first: exchanging any
/// other choice for this one never loses a pair), so the common case costs a sort and
/// a sweep. Discontinuous units break that argument; then the overlap graph is built
/// and augmenting paths complete the greedy matching.
pub(crate) fn max_overlap_matching(a: &[Fragments<'_>], b: &[Fragments<'_>]) -> usize {
    if a.is_empty() || b.is_empty() {
        return 0;
    }
    if let (Some(a), Some(b)) = (intervals(a), intervals(b)) {
        return greedy_intervals(a, b);
    }
    let graph = Graph::build(a, b);
    let mut matching = Matching::greedy(&graph);
    matching.augment_all(&graph);
    matching.size()
}

/// The units as plain intervals, when none is discontinuous.
fn intervals(units: &[Fragments<'_>]) -> Option<Vec<(usize, usize)>> {
    units
        .iter()
        .map(|f| match f {
            [one] => Some(*one),
            _ => None,
        })
        .collect()
}

/// The greedy matching for intervals without building the overlap graph (which can
/// be quadratic: many nested spans all overlap each other): the units of `b` that
/// start before the current unit of `a` ends wait in a set ordered by end, and the
/// first of them ending after the unit starts is its partner. O((|a| + |b|) log |b|).
fn greedy_intervals(mut a: Vec<(usize, usize)>, mut b: Vec<(usize, usize)>) -> usize {
    a.sort_unstable_by_key(|&(s, e)| (e, s));
    b.sort_unstable();
    let mut waiting: std::collections::BTreeSet<(usize, usize)> = Default::default();
    let mut next = 0;
    let mut matched = 0;
    for (start, end) in a {
        while next < b.len() && b[next].0 < end {
            waiting.insert((b[next].1, next));
            next += 1;
        }
        if let Some(&partner) = waiting.range((start + 1, 0)..).next() {
            waiting.remove(&partner);
            matched += 1;
        }
    }
    matched
}

/// The overlap graph: for each unit of `a`, the units of `b` it overlaps.
struct Graph {
    /// Units of `a` in the order the greedy pass takes them (by end).
    order: Vec<usize>,
    /// CSR offsets into `adjacent`, per unit of `a`.
    offsets: Vec<usize>,
    /// Units of `b` overlapping each unit of `a`, by end.
    adjacent: Vec<usize>,
    /// How many units `b` has.
    b_len: usize,
}

/// Where a unit ends, for ordering: its last char.
fn end_of(fragments: Fragments<'_>) -> usize {
    fragments.iter().map(|&(_, e)| e).max().unwrap_or(0)
}

impl Graph {
    fn build(a: &[Fragments<'_>], b: &[Fragments<'_>]) -> Self {
        // Sweep every fragment by start; each overlaps the other side's fragments still open.
        let mut events: Vec<(usize, usize, bool, usize)> = Vec::new();
        for (i, f) in a.iter().enumerate() {
            events.extend(f.iter().map(|&(s, e)| (s, e, false, i)));
        }
        for (j, f) in b.iter().enumerate() {
            events.extend(f.iter().map(|&(s, e)| (s, e, true, j)));
        }
        events.sort_unstable();
        // Open fragments of each side, as (end, unit).
        let mut open_a: Vec<(usize, usize)> = Vec::new();
        let mut open_b: Vec<(usize, usize)> = Vec::new();
        let mut edges: Vec<(usize, usize)> = Vec::new();
        for (s, e, in_b, unit) in events {
            open_a.retain(|&(end, _)| end > s);
            open_b.retain(|&(end, _)| end > s);
            if in_b {
                edges.extend(open_a.iter().map(|&(_, i)| (i, unit)));
                open_b.push((e, unit));
            } else {
                edges.extend(open_b.iter().map(|&(_, j)| (unit, j)));
                open_a.push((e, unit));
            }
        }
        let b_end: Vec<usize> = b.iter().map(|f| end_of(f)).collect();
        edges.sort_unstable_by_key(|&(i, j)| (i, b_end[j], j));
        edges.dedup();
        let mut offsets = vec![0; a.len() + 1];
        for &(i, _) in &edges {
            offsets[i + 1] += 1;
        }
        for i in 0..a.len() {
            offsets[i + 1] += offsets[i];
        }
        let adjacent = edges.into_iter().map(|(_, j)| j).collect();
        let mut order: Vec<usize> = (0..a.len()).collect();
        order.sort_by_key(|&i| (end_of(a[i]), i));
        Self {
            order,
            offsets,
            adjacent,
            b_len: b.len(),
        }
    }

    fn neighbours(&self, i: usize) -> &[usize] {
        &self.adjacent[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// A matching under construction.
struct Matching {
    of_a: Vec<Option<usize>>,
    of_b: Vec<Option<usize>>,
}

impl Matching {
    /// Each unit of `a`, by end, takes the first free unit of `b` it overlaps.
    fn greedy(g: &Graph) -> Self {
        let mut m = Self {
            of_a: vec![None; g.offsets.len() - 1],
            of_b: vec![None; g.b_len],
        };
        for &i in &g.order {
            if let Some(&j) = g.neighbours(i).iter().find(|&&j| m.of_b[j].is_none()) {
                m.of_a[i] = Some(j);
                m.of_b[j] = Some(i);
            }
        }
        m
    }

    /// Grows the matching along augmenting paths until there is none (then it is
    /// maximum). Breadth-first and iterative, so no input can overflow the stack.
    fn augment_all(&mut self, g: &Graph) {
        let mut parent: Vec<usize> = vec![0; g.b_len];
        let mut seen: Vec<usize> = vec![usize::MAX; g.b_len];
        for (round, &root) in g.order.iter().enumerate() {
            if self.of_a[root].is_some() {
                continue;
            }
            let mut queue = std::collections::VecDeque::from([root]);
            let mut free_end = None;
            'search: while let Some(i) = queue.pop_front() {
                for &j in g.neighbours(i) {
                    if seen[j] == round {
                        continue;
                    }
                    seen[j] = round;
                    parent[j] = i;
                    match self.of_b[j] {
                        None => {
                            free_end = Some(j);
                            break 'search;
                        }
                        Some(next) => queue.push_back(next),
                    }
                }
            }
            // Flip the path: each unit of `a` on it takes the `b` unit that led past it.
            let mut j = free_end;
            while let Some(b_unit) = j {
                let i = parent[b_unit];
                let previous = self.of_a[i];
                self.of_a[i] = Some(b_unit);
                self.of_b[b_unit] = Some(i);
                j = if i == root { None } else { previous };
            }
        }
    }

    fn size(&self) -> usize {
        self.of_a.iter().filter(|m| m.is_some()).count()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn units(spans: &[Vec<(usize, usize)>]) -> Vec<Fragments<'_>> {
        spans.iter().map(Vec::as_slice).collect()
    }

    /// Exhaustive maximum matching, for small inputs.
    fn brute(a: &[Fragments<'_>], b: &[Fragments<'_>]) -> usize {
        fn overlaps(x: Fragments<'_>, y: Fragments<'_>) -> bool {
            x.iter()
                .any(|&(s, e)| y.iter().any(|&(t, f)| s < f && t < e))
        }
        fn go(i: usize, a: &[Fragments<'_>], b: &[Fragments<'_>], used: &mut Vec<bool>) -> usize {
            if i == a.len() {
                return 0;
            }
            let mut best = go(i + 1, a, b, used);
            for j in 0..b.len() {
                if !used[j] && overlaps(a[i], b[j]) {
                    used[j] = true;
                    best = best.max(1 + go(i + 1, a, b, used));
                    used[j] = false;
                }
            }
            best
        }
        go(0, a, b, &mut vec![false; b.len()])
    }

    #[test]
    fn greedy_takes_the_earliest_ending_partner() {
        // A long unit of `a` overlaps both of `b`; the short one only the first.
        let a = vec![vec![(0, 10)], vec![(0, 2)]];
        let b = vec![vec![(1, 3)], vec![(5, 7)]];
        assert_eq!(max_overlap_matching(&units(&a), &units(&b)), 2);
        // Touching is not overlapping.
        let a = vec![vec![(0, 5)]];
        let b = vec![vec![(5, 9)]];
        assert_eq!(max_overlap_matching(&units(&a), &units(&b)), 0);
    }

    #[test]
    fn discontinuous_units_are_augmented() {
        // Greedy by end gives a0 (ends 6) b0 (ends 5) and leaves a1, which overlaps
        // only b0, without a partner; the augmenting path a1-b0-a0-b1 fixes it.
        let a = vec![vec![(4, 6)], vec![(4, 5), (7, 8)]];
        let b = vec![vec![(4, 5)], vec![(5, 6), (10, 11)]];
        let (ua, ub) = (units(&a), units(&b));
        let g = Graph::build(&ua, &ub);
        assert_eq!(Matching::greedy(&g).size(), 1);
        assert_eq!(max_overlap_matching(&ua, &ub), 2);
    }

    fn unit() -> impl Strategy<Value = Vec<(usize, usize)>> {
        prop::collection::vec((0usize..30, 1usize..6), 1..3)
            .prop_map(|v| v.into_iter().map(|(s, l)| (s, s + l)).collect())
    }

    fn interval() -> impl Strategy<Value = Vec<(usize, usize)>> {
        (0usize..30, 1usize..8).prop_map(|(s, l)| vec![(s, s + l)])
    }

    #[test]
    fn nested_spans_stay_cheap() {
        // Every unit overlaps every other: 4·10⁸ edges if the graph were built.
        let a: Vec<Vec<(usize, usize)>> = (0..20_000).map(|i| vec![(i, 40_000 - i)]).collect();
        let b: Vec<Vec<(usize, usize)>> = (0..20_000).map(|i| vec![(i + 1, 40_000 - i)]).collect();
        assert_eq!(max_overlap_matching(&units(&a), &units(&b)), 20_000);
    }

    proptest! {
        #[test]
        fn intervals_equal_exhaustive_search(
            a in prop::collection::vec(interval(), 0..7),
            b in prop::collection::vec(interval(), 0..7),
        ) {
            let (ua, ub) = (units(&a), units(&b));
            prop_assert_eq!(max_overlap_matching(&ua, &ub), brute(&ua, &ub));
            prop_assert_eq!(max_overlap_matching(&ub, &ua), brute(&ua, &ub));
        }

        #[test]
        fn equals_exhaustive_search(
            a in prop::collection::vec(unit(), 0..6),
            b in prop::collection::vec(unit(), 0..6),
        ) {
            let (ua, ub) = (units(&a), units(&b));
            prop_assert_eq!(max_overlap_matching(&ua, &ub), brute(&ua, &ub));
            prop_assert_eq!(max_overlap_matching(&ub, &ua), brute(&ua, &ub));
        }
    }
}
