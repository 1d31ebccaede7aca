//! Computes every measure of a [`Report`] in one pass over the documents all
//! annotators share.

use super::AgreeError;
use super::f1::{Counts, Spread};
use super::input::{Annotator, DocKey, DocumentUnits};
use super::kappa::{Contingency, NominalTally, cohen_kappa};
use super::matching::{Fragments, max_overlap_matching};
use super::report::{
    DocumentSummary, Duplicate, LabelSummary, PairSummary, Report, Summary, Unmatched,
};
use super::tokens::Tokens;
use super::unitizing::{Segment, krippendorff_alpha_u};
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

/// A unit with its label interned and its fragments sorted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct LabelledUnit {
    label: u32,
    fragments: Vec<(usize, usize)>,
}

/// Token categories: 0 is "no label", `1 + l` label `l` alone, and each set of two or
/// more labels on one token (overlapping annotations) gets an id of its own.
struct Categories {
    labels: u32,
    sets: HashMap<Vec<u32>, u32>,
}

impl Categories {
    fn new(labels: usize) -> Self {
        Self {
            labels: labels as u32,
            sets: HashMap::new(),
        }
    }

    fn of(&mut self, labels: &[u32]) -> u32 {
        match labels {
            [] => 0,
            [l] => l + 1,
            set => match self.sets.get(set) {
                Some(&id) => id,
                None => {
                    let id = self.labels + 1 + self.sets.len() as u32;
                    self.sets.insert(set.to_vec(), id);
                    id
                }
            },
        }
    }
}

/// One annotator's view of one shared document, ready for pairing.
struct Prepared {
    /// Distinct units, sorted by label then fragments (instance measures use sets).
    units: Vec<LabelledUnit>,
    /// Per label, how many of the annotator's fragments cover each token, as runs
    /// `(first token, end token, count)` in order: the multiset of labelled tokens
    /// bratiaa counts, at a cost that does not grow with the length of the spans.
    token_runs: Vec<Vec<TokenRun>>,
    /// Each token's category.
    categories: Vec<u32>,
}

/// Tokens `start..end` each covered `count` times by one label.
type TokenRun = (usize, usize, u64);

/// Pairwise counts for one document, per label.
struct PairDoc {
    exact: Vec<Counts>,
    overlap: Vec<Counts>,
    tokens: Vec<Counts>,
    table: Contingency,
}

/// Measures the agreement of two or more annotators over the documents they all have
/// (matched by text). Documents only some of them have are listed, not compared.
pub fn agree(annotators: &[Annotator<'_>]) -> Result<Report, AgreeError> {
    if annotators.len() < 2 {
        return Err(AgreeError::TooFewAnnotators(annotators.len()));
    }
    let names: Vec<String> = annotators.iter().map(|a| a.name.clone()).collect();
    let (shared, unmatched, duplicates) = match_documents(annotators);
    let labels: Vec<String> = shared
        .iter()
        .flat_map(|docs| {
            docs.iter()
                .flat_map(|d| d.units.iter().map(|u| u.label.clone()))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let label_id: HashMap<&str, u32> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u32))
        .collect();
    let raters = annotators.len();
    let pairs: Vec<(usize, usize)> = (0..raters)
        .flat_map(|i| (i + 1..raters).map(move |j| (i, j)))
        .collect();
    let mut categories = Categories::new(labels.len());

    // Per pair, per document.
    let mut per_pair: Vec<Vec<PairDoc>> = pairs.iter().map(|_| Vec::new()).collect();
    let mut by_document = Vec::with_capacity(shared.len());
    let mut all_tally = NominalTally::default();
    let mut all_segments: Vec<Segment<u32>> = Vec::new();
    let mut offset = 0u64;
    let mut total_tokens = 0;
    for docs in &shared {
        let tokens = Tokens::of(docs[0].text);
        let prepared: Vec<Prepared> = docs
            .iter()
            .zip(&names)
            .map(|(d, name)| prepare(d, name, &label_id, labels.len(), &tokens, &mut categories))
            .collect::<Result<_, _>>()?;
        for (p, &(i, j)) in pairs.iter().enumerate() {
            per_pair[p].push(pair_document(&prepared[i], &prepared[j], labels.len()));
        }
        let mut tally = NominalTally::default();
        let mut item = vec![0u32; raters];
        for t in 0..tokens.len() {
            for (r, v) in item.iter_mut().enumerate() {
                *v = prepared[r].categories[t];
            }
            tally.add(&item);
        }
        all_tally.merge(&tally);
        let segments: Vec<Segment<u32>> = docs
            .iter()
            .enumerate()
            .flat_map(|(rater, d)| {
                d.units.iter().flat_map(move |u| {
                    u.fragments
                        .iter()
                        .map(move |&(s, e)| (rater, u.label.as_str(), s, e))
                })
            })
            .filter_map(|(rater, label, s, e)| {
                Some(Segment {
                    rater,
                    category: *label_id.get(label)?,
                    start: s as u64,
                    end: e as u64,
                })
            })
            .collect();
        let len = tokens.char_len as u64;
        let alpha_u = krippendorff_alpha_u(0..len, raters, &segments).and_then(|a| a.alpha);
        all_segments.extend(segments.into_iter().map(|s| Segment {
            start: s.start + offset,
            end: s.end + offset,
            ..s
        }));
        offset += len;
        total_tokens += tokens.len();
        let k = by_document.len();
        let sum_labels = |pick: fn(&PairDoc) -> &Vec<Counts>| -> Spread {
            Spread::of(
                per_pair
                    .iter()
                    .map(|docs| total(pick(&docs[k]).iter().copied()).f1())
                    .collect(),
            )
        };
        by_document.push(DocumentSummary {
            title: docs[0].title.clone(),
            sha256: docs[0].key.to_string(),
            tokens: tokens.len(),
            summary: Summary {
                exact_f1: sum_labels(|d| &d.exact),
                overlap_f1: sum_labels(|d| &d.overlap),
                token_f1: sum_labels(|d| &d.tokens),
                cohen_kappa: Spread::of(
                    per_pair
                        .iter()
                        .map(|docs| cohen_kappa(&docs[k].table).and_then(|c| c.kappa))
                        .collect(),
                ),
                fleiss_kappa: fleiss(&tally, raters),
                krippendorff_alpha: tally.alpha(),
                alpha_u,
            },
        });
    }

    let overall_alpha_u = krippendorff_alpha_u(0..offset, raters, &all_segments);
    let by_label = labels
        .iter()
        .enumerate()
        .map(|(l, label)| {
            let per_label = |pick: fn(&PairDoc) -> &Vec<Counts>| -> Spread {
                Spread::of(
                    per_pair
                        .iter()
                        .map(|docs| total(docs.iter().map(|d| pick(d)[l])).f1())
                        .collect(),
                )
            };
            LabelSummary {
                label: label.clone(),
                exact_f1: per_label(|d| &d.exact),
                overlap_f1: per_label(|d| &d.overlap),
                token_f1: per_label(|d| &d.tokens),
                alpha_u: overall_alpha_u
                    .as_ref()
                    .and_then(|a| a.categories.get(&(l as u32)))
                    .and_then(|c| c.alpha),
            }
        })
        .collect();

    let pair_summaries: Vec<PairSummary> = pairs
        .iter()
        .zip(&per_pair)
        .map(|(&(i, j), docs)| {
            let all = |pick: fn(&PairDoc) -> &Vec<Counts>| {
                total(docs.iter().flat_map(|d| pick(d).iter().copied()))
            };
            let mut table = Contingency::new();
            for d in docs {
                table.merge(&d.table);
            }
            let (exact, overlap, tokens) =
                (all(|d| &d.exact), all(|d| &d.overlap), all(|d| &d.tokens));
            PairSummary {
                a: names[i].clone(),
                b: names[j].clone(),
                exact_f1: exact.f1(),
                overlap_f1: overlap.f1(),
                token_f1: tokens.f1(),
                cohen_kappa: cohen_kappa(&table).and_then(|c| c.kappa),
                exact,
                overlap,
                tokens,
            }
        })
        .collect();
    let spread =
        |f: fn(&PairSummary) -> Option<f64>| Spread::of(pair_summaries.iter().map(f).collect());
    let overall = Summary {
        exact_f1: spread(|p| p.exact_f1),
        overlap_f1: spread(|p| p.overlap_f1),
        token_f1: spread(|p| p.token_f1),
        cohen_kappa: spread(|p| p.cohen_kappa),
        fleiss_kappa: fleiss(&all_tally, raters),
        krippendorff_alpha: all_tally.alpha(),
        alpha_u: overall_alpha_u.and_then(|a| a.alpha),
    };
    Ok(Report {
        annotators: names,
        labels,
        tokens: total_tokens,
        unmatched,
        duplicates,
        overall,
        pairs: pair_summaries,
        by_document,
        by_label,
    })
}

/// Fleiss' κ, reported for three or more annotators (with two it is Scott's π).
fn fleiss(tally: &NominalTally, raters: usize) -> Option<f64> {
    if raters < 3 {
        return None;
    }
    tally.fleiss().and_then(|f| f.kappa)
}

fn total(counts: impl Iterator<Item = Counts>) -> Counts {
    let mut sum = Counts::default();
    for c in counts {
        sum += c;
    }
    sum
}

/// The documents every annotator has, each as every annotator's version (in the first
/// annotator's order); the documents only some have; and documents whose text repeats
/// within one annotator's set (only the first is used).
#[allow(clippy::type_complexity)]
fn match_documents<'a, 't>(
    annotators: &'a [Annotator<'t>],
) -> (
    Vec<Vec<&'a DocumentUnits<'t>>>,
    Vec<Unmatched>,
    Vec<Duplicate>,
) {
    let mut duplicates = Vec::new();
    let indexes: Vec<HashMap<DocKey, &DocumentUnits<'t>>> = annotators
        .iter()
        .map(|a| {
            let mut index = HashMap::with_capacity(a.documents.len());
            for d in &a.documents {
                match index.entry(d.key) {
                    Entry::Occupied(_) => duplicates.push(Duplicate {
                        annotator: a.name.clone(),
                        title: d.title.clone(),
                        sha256: d.key.to_string(),
                    }),
                    Entry::Vacant(slot) => {
                        slot.insert(d);
                    }
                }
            }
            index
        })
        .collect();
    let mut shared = Vec::new();
    let mut unmatched = Vec::new();
    let mut listed = BTreeSet::new();
    for (a, annotator) in annotators.iter().enumerate() {
        for d in &annotator.documents {
            if indexes[a]
                .get(&d.key)
                .is_none_or(|first| !std::ptr::eq(*first, d))
            {
                continue; // a repeat, reported above
            }
            let versions: Vec<Option<&DocumentUnits<'t>>> =
                indexes.iter().map(|i| i.get(&d.key).copied()).collect();
            if versions.iter().all(Option::is_some) {
                if a == 0 {
                    shared.push(versions.into_iter().flatten().collect());
                }
            } else if listed.insert(d.key) {
                unmatched.push(Unmatched {
                    title: d.title.clone(),
                    sha256: d.key.to_string(),
                    held_by: annotators
                        .iter()
                        .zip(&versions)
                        .filter(|(_, v)| v.is_some())
                        .map(|(x, _)| x.name.clone())
                        .collect(),
                });
            }
        }
    }
    (shared, unmatched, duplicates)
}

/// Checks one annotator's units against the text and lays them out for pairing.
fn prepare(
    doc: &DocumentUnits<'_>,
    annotator: &str,
    label_id: &HashMap<&str, u32>,
    labels: usize,
    tokens: &Tokens,
    categories: &mut Categories,
) -> Result<Prepared, AgreeError> {
    let mut units = Vec::with_capacity(doc.units.len());
    // Where each fragment's tokens begin (true) and end (false), with its label.
    let mut edges: Vec<(usize, bool, u32)> = Vec::with_capacity(doc.units.len() * 2);
    for u in &doc.units {
        let Some(&label) = label_id.get(u.label.as_str()) else {
            continue; // cannot happen: labels are collected from these units
        };
        if u.fragments.is_empty() {
            return Err(AgreeError::NoFragments {
                annotator: annotator.to_owned(),
                document: doc.title.clone(),
                label: u.label.clone(),
            });
        }
        for &(start, end) in &u.fragments {
            if start >= end || end > tokens.char_len {
                return Err(AgreeError::FragmentOutsideText {
                    annotator: annotator.to_owned(),
                    document: doc.title.clone(),
                    label: u.label.clone(),
                    start,
                    end,
                    len: tokens.char_len,
                });
            }
            let covered = tokens.overlapping(start, end);
            if !covered.is_empty() {
                edges.push((covered.start, true, label));
                edges.push((covered.end, false, label));
            }
        }
        let mut fragments = u.fragments.clone();
        fragments.sort_unstable();
        units.push(LabelledUnit { label, fragments });
    }
    units.sort_unstable();
    units.dedup();

    // Sweep the edges: between two edge positions every label's cover is constant.
    edges.sort_unstable();
    let mut cover = vec![0u64; labels];
    let mut active: Vec<u32> = Vec::new();
    let mut token_runs: Vec<Vec<TokenRun>> = vec![Vec::new(); labels];
    let mut token_categories = vec![0u32; tokens.len()];
    let mut i = 0;
    while i < edges.len() {
        let at = edges[i].0;
        while let Some(&(_, opens, label)) = edges.get(i).filter(|e| e.0 == at) {
            let n = &mut cover[label as usize];
            if opens {
                *n += 1;
                if *n == 1 {
                    let slot = active.partition_point(|&l| l < label);
                    active.insert(slot, label);
                }
            } else {
                *n -= 1;
                if *n == 0 {
                    active.retain(|&l| l != label);
                }
            }
            i += 1;
        }
        let next = edges.get(i).map_or(at, |e| e.0);
        if next > at && !active.is_empty() {
            token_categories[at..next].fill(categories.of(&active));
            for &l in &active {
                token_runs[l as usize].push((at, next, cover[l as usize]));
            }
        }
    }
    Ok(Prepared {
        units,
        token_runs,
        categories: token_categories,
    })
}

/// Compares two annotators' versions of one document.
fn pair_document(a: &Prepared, b: &Prepared, labels: usize) -> PairDoc {
    let mut exact = vec![Counts::default(); labels];
    for u in &a.units {
        exact[u.label as usize].a += 1;
    }
    for u in &b.units {
        exact[u.label as usize].b += 1;
    }
    let (mut x, mut y) = (0, 0);
    while x < a.units.len() && y < b.units.len() {
        match a.units[x].cmp(&b.units[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                exact[a.units[x].label as usize].matched += 1;
                x += 1;
                y += 1;
            }
        }
    }

    let mut overlap = exact.clone();
    for (l, c) in overlap.iter_mut().enumerate() {
        c.matched = max_overlap_matching(&of_label(&a.units, l), &of_label(&b.units, l)) as u64;
    }

    let tokens: Vec<Counts> = a
        .token_runs
        .iter()
        .zip(&b.token_runs)
        .map(|(ra, rb)| shared_tokens(ra, rb))
        .collect();

    let mut table = Contingency::new();
    let mut both_none = 0;
    for (&ca, &cb) in a.categories.iter().zip(&b.categories) {
        if ca == 0 && cb == 0 {
            both_none += 1;
        } else {
            table.add(ca, cb, 1);
        }
    }
    table.add(0, 0, both_none);
    PairDoc {
        exact,
        overlap,
        tokens,
        table,
    }
}

/// The fragments of the units with label `l` (units are sorted by label).
fn of_label(units: &[LabelledUnit], l: usize) -> Vec<Fragments<'_>> {
    let l = l as u32;
    let from = units.partition_point(|u| u.label < l);
    let to = units.partition_point(|u| u.label <= l);
    units[from..to]
        .iter()
        .map(|u| u.fragments.as_slice())
        .collect()
}

/// Labelled-token counts of one label: each side's total, and the tokens they share
/// (per token, the smaller of the two covers).
fn shared_tokens(a: &[TokenRun], b: &[TokenRun]) -> Counts {
    let size = |runs: &[TokenRun]| runs.iter().map(|&(s, e, n)| (e - s) as u64 * n).sum();
    let mut counts = Counts {
        matched: 0,
        a: size(a),
        b: size(b),
    };
    let (mut x, mut y) = (0, 0);
    while x < a.len() && y < b.len() {
        let ((s1, e1, n1), (s2, e2, n2)) = (a[x], b[y]);
        let (from, to) = (s1.max(s2), e1.min(e2));
        if from < to {
            counts.matched += (to - from) as u64 * n1.min(n2);
        }
        if e1 <= e2 {
            x += 1;
        } else {
            y += 1;
        }
    }
    counts
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::agree::Unit;
    use proptest::prelude::*;

    const TEXT: &str = "aa bb  cc\nd ee ff gg hh ii jj";

    fn prepared(units: &[Unit], categories: &mut Categories) -> Prepared {
        let labels: HashMap<&str, u32> = [("X", 0), ("Y", 1)].into_iter().collect();
        let doc = DocumentUnits::new("t", TEXT, units.to_vec());
        prepare(&doc, "a", &labels, 2, &Tokens::of(TEXT), categories).unwrap()
    }

    /// bratiaa's way: one (token, label) per fragment and token it touches.
    fn naive(units: &[Unit]) -> Vec<(usize, u32)> {
        let tokens = Tokens::of(TEXT);
        let mut out = Vec::new();
        for u in units {
            let l = u32::from(u.label == "Y");
            for &(s, e) in &u.fragments {
                out.extend(tokens.overlapping(s, e).map(|t| (t, l)));
            }
        }
        out.sort_unstable();
        out
    }

    fn unit() -> impl Strategy<Value = Unit> {
        let len = TEXT.chars().count();
        (
            prop::bool::ANY,
            prop::collection::vec((0..len, 1usize..12), 1..3),
        )
            .prop_map(move |(y, f)| Unit {
                label: if y { "Y" } else { "X" }.into(),
                fragments: f.into_iter().map(|(s, l)| (s, (s + l).min(len))).collect(),
            })
    }

    proptest! {
        #[test]
        fn token_runs_count_what_bratiaa_counts(
            a in prop::collection::vec(unit(), 0..8),
            b in prop::collection::vec(unit(), 0..8),
        ) {
            let mut categories = Categories::new(2);
            let (pa, pb) = (prepared(&a, &mut categories), prepared(&b, &mut categories));
            let counts = pair_document(&pa, &pb, 2).tokens;
            let (na, nb) = (naive(&a), naive(&b));
            for l in 0..2u32 {
                let of = |v: &[(usize, u32)], t: usize| v.iter().filter(|&&x| x == (t, l)).count() as u64;
                let tokens = Tokens::of(TEXT).len();
                let matched: u64 = (0..tokens).map(|t| of(&na, t).min(of(&nb, t))).sum();
                let c = counts[l as usize];
                prop_assert_eq!((c.matched, c.a, c.b), (
                    matched,
                    na.iter().filter(|x| x.1 == l).count() as u64,
                    nb.iter().filter(|x| x.1 == l).count() as u64,
                ));
            }
            // Categories: the set of labels on each token.
            for (t, &c) in pa.categories.iter().enumerate() {
                let mut set: Vec<u32> = na.iter().filter(|x| x.0 == t).map(|x| x.1).collect();
                set.dedup();
                prop_assert_eq!(c, categories.of(&set));
            }
        }
    }

    #[test]
    fn long_spans_cost_their_number_not_their_length() {
        // 20,000 spans over a 200,000-token text: 4·10⁹ labelled tokens, counted as runs.
        let text = "w ".repeat(200_000);
        let len = text.chars().count();
        let units: Vec<Unit> = (0..20_000).map(|i| Unit::span("X", i, len - i)).collect();
        let annotators = [
            Annotator {
                name: "a".into(),
                documents: vec![DocumentUnits::new("t", &text, units.clone())],
            },
            Annotator {
                name: "b".into(),
                documents: vec![DocumentUnits::new("t", &text, units)],
            },
        ];
        let r = agree(&annotators).unwrap();
        assert_eq!(r.overall.token_f1.mean, Some(1.0));
        assert!(r.pairs[0].tokens.a > 3_000_000_000);
    }
}
