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
            set => {
                let next = self.labels + 1 + self.sets.len() as u32;
                *self.sets.entry(set.to_vec()).or_insert(next)
            }
        }
    }
}

/// One annotator's view of one shared document, ready for pairing.
struct Prepared {
    /// Distinct units, sorted by label then fragments (instance measures use sets).
    units: Vec<LabelledUnit>,
    /// One `token << 32 | label` per fragment and token it overlaps, sorted (a multiset,
    /// as bratiaa counts tokens).
    token_labels: Vec<u64>,
    /// Each token's category.
    categories: Vec<u32>,
}

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
            .map(|(d, name)| prepare(d, name, &label_id, &tokens, &mut categories))
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
    tokens: &Tokens,
    categories: &mut Categories,
) -> Result<Prepared, AgreeError> {
    let mut units = Vec::with_capacity(doc.units.len());
    let mut token_labels = Vec::new();
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
            token_labels.extend(
                tokens
                    .overlapping(start, end)
                    .map(|t| ((t as u64) << 32) | u64::from(label)),
            );
        }
        let mut fragments = u.fragments.clone();
        fragments.sort_unstable();
        units.push(LabelledUnit { label, fragments });
    }
    units.sort_unstable();
    units.dedup();
    token_labels.sort_unstable();
    let mut token_categories = vec![0u32; tokens.len()];
    let mut here: Vec<u32> = Vec::new();
    let mut i = 0;
    while i < token_labels.len() {
        let token = (token_labels[i] >> 32) as usize;
        here.clear();
        while i < token_labels.len() && (token_labels[i] >> 32) as usize == token {
            let label = token_labels[i] as u32;
            if here.last() != Some(&label) {
                here.push(label);
            }
            i += 1;
        }
        token_categories[token] = categories.of(&here);
    }
    Ok(Prepared {
        units,
        token_labels,
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

    let mut tokens = vec![Counts::default(); labels];
    let (ra, rb) = (runs(&a.token_labels), runs(&b.token_labels));
    for &(key, n) in &ra {
        tokens[(key as u32) as usize].a += n;
    }
    for &(key, n) in &rb {
        tokens[(key as u32) as usize].b += n;
    }
    let (mut x, mut y) = (0, 0);
    while x < ra.len() && y < rb.len() {
        match ra[x].0.cmp(&rb[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                tokens[(ra[x].0 as u32) as usize].matched += ra[x].1.min(rb[y].1);
                x += 1;
                y += 1;
            }
        }
    }

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

/// A sorted multiset as (value, count) runs.
fn runs(sorted: &[u64]) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::with_capacity(sorted.len());
    for &v in sorted {
        match out.last_mut() {
            Some((last, n)) if *last == v => *n += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}
