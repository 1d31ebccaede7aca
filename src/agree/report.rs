//! The result of an agreement computation, printable as aligned text tables (values to
//! 3 decimals, as bratiaa prints them) or as JSON (everything, full precision).

use super::f1::{Counts, Spread};
use serde::Serialize;
use std::fmt::Write as _;

/// Every measure, overall and broken down by annotator pair, document and label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The annotators' names, in the order given.
    pub annotators: Vec<String>,
    /// Every label used in the compared documents, sorted.
    pub labels: Vec<String>,
    /// Tokens (runs of non-space) in the compared documents.
    pub tokens: usize,
    /// All measures over all compared documents.
    pub overall: Summary,
    /// Each annotator pair (first with second, first with third, …).
    pub pairs: Vec<PairSummary>,
    /// Each document every annotator has, in the first annotator's order.
    pub by_document: Vec<DocumentSummary>,
    /// Each label.
    pub by_label: Vec<LabelSummary>,
    /// Documents not every annotator has: listed, not compared.
    pub unmatched: Vec<Unmatched>,
    /// Documents whose text an annotator has twice: only the first copy is compared.
    pub duplicates: Vec<Duplicate>,
}

/// The measures over one grouping (all documents, or one document).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// Span F1, a match being the same label and the same fragments.
    pub exact_f1: Spread,
    /// Span F1, a match being the same label and overlapping, paired one to one.
    pub overlap_f1: Spread,
    /// Token F1: each token a span overlaps counts once per label and span.
    pub token_f1: Spread,
    /// Cohen's κ per token (category: the token's label, a set of labels, or none).
    pub cohen_kappa: Spread,
    /// Fleiss' κ over the same token categories (three or more annotators).
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's α (nominal) over the same token categories.
    pub krippendorff_alpha: Option<f64>,
    /// Krippendorff's α_U (unitizing) over the text, labels as categories.
    pub alpha_u: Option<f64>,
}

/// One annotator pair's figures over all compared documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PairSummary {
    /// The first annotator.
    pub a: String,
    /// The second annotator.
    pub b: String,
    /// Span F1, exact.
    pub exact_f1: Option<f64>,
    /// Span F1, overlap.
    pub overlap_f1: Option<f64>,
    /// Token F1.
    pub token_f1: Option<f64>,
    /// Cohen's κ per token.
    pub cohen_kappa: Option<f64>,
    /// What exact F1 is computed from.
    pub exact: Counts,
    /// What overlap F1 is computed from.
    pub overlap: Counts,
    /// What token F1 is computed from (labelled tokens).
    pub tokens: Counts,
}

/// One compared document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentSummary {
    /// Its title (in the first annotator's project).
    pub title: String,
    /// SHA-256 of its text, which matched it across annotators.
    pub sha256: String,
    /// Its number of tokens.
    pub tokens: usize,
    /// The measures over this document alone.
    #[serde(flatten)]
    pub summary: Summary,
}

/// One label over all compared documents.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelSummary {
    /// The label.
    pub label: String,
    /// Span F1, exact, counting this label's units only.
    pub exact_f1: Spread,
    /// Span F1, overlap.
    pub overlap_f1: Spread,
    /// Token F1.
    pub token_f1: Spread,
    /// α_U of this category.
    pub alpha_u: Option<f64>,
}

/// A document not every annotator has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmatched {
    /// Its title, in the first project that has it.
    pub title: String,
    /// SHA-256 of its text.
    pub sha256: String,
    /// The annotators who have it.
    pub held_by: Vec<String>,
}

/// A document whose text one annotator has more than once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// Whose.
    pub annotator: String,
    /// The later copy's title (the one left out).
    pub title: String,
    /// SHA-256 of the text.
    pub sha256: String,
}

/// Which breakdown the text report adds below the overall figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    /// One row per compared document.
    Document,
    /// One row per label (tag).
    Label,
}

/// A value to 3 decimals, or `n/a`.
fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.3}"))
}

/// Columns padded to their widest cell: the first left-aligned, the others right.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, (c, w)) in cells.zip(&widths).enumerate() {
            let pad = " ".repeat(w.saturating_sub(c.chars().count()));
            if i == 0 {
                text.push_str(c);
                if columns > 1 {
                    text.push_str(&pad);
                }
            } else {
                text.push_str("  ");
                text.push_str(&pad);
                text.push_str(c);
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(out, &mut header.iter().copied());
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    line(out, &mut rule.iter().map(String::as_str));
    for row in rows {
        line(out, &mut row.iter().map(String::as_str));
    }
}

impl Report {
    /// The report as JSON: every figure, every breakdown, full precision; `null` where
    /// a measure is undefined.
    pub fn to_json(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }

    /// The report as text tables: overall figures (mean and SD over annotator pairs), a
    /// table of pairs when there are three or more annotators, and the `by` breakdown.
    /// `cell` turns a name or title into one printable line (the CLI escapes there).
    pub fn to_text(&self, by: Option<Breakdown>, cell: &dyn Fn(&str) -> String) -> String {
        let mut out = String::new();
        let names: Vec<String> = self.annotators.iter().map(|a| cell(a)).collect();
        let several_pairs = self.pairs.len() > 1;
        let _ = writeln!(
            out,
            "Agreement of {} annotators: {}",
            names.len(),
            names.join(", ")
        );
        let _ = writeln!(
            out,
            "{} document(s) compared, {} tokens; {} label(s): {}",
            self.by_document.len(),
            self.tokens,
            self.labels.len(),
            self.labels
                .iter()
                .map(|l| cell(l))
                .collect::<Vec<_>>()
                .join(", ")
        );
        out.push('\n');

        let o = &self.overall;
        let spread_row = |name: &str, s: &Spread| {
            let mut row = vec![name.to_owned(), num(s.mean)];
            if several_pairs {
                row.push(num(s.sd));
            }
            row
        };
        let single_row = |name: &str, v: Option<f64>| {
            let mut row = vec![name.to_owned(), num(v)];
            if several_pairs {
                row.push(String::new());
            }
            row
        };
        let mut rows = vec![
            spread_row("Span F1, exact", &o.exact_f1),
            spread_row("Span F1, overlap", &o.overlap_f1),
            spread_row("Token F1", &o.token_f1),
            spread_row("Cohen's κ (tokens)", &o.cohen_kappa),
        ];
        if self.annotators.len() >= 3 {
            rows.push(single_row("Fleiss' κ (tokens)", o.fleiss_kappa));
        }
        rows.push(single_row(
            "Krippendorff's α (tokens)",
            o.krippendorff_alpha,
        ));
        rows.push(single_row("Krippendorff's α_U", o.alpha_u));
        let header: &[&str] = if several_pairs {
            &["Overall", "Mean", "SD"]
        } else {
            &["Overall", "Value"]
        };
        table(&mut out, header, &rows);

        if several_pairs {
            out.push('\n');
            let rows: Vec<Vec<String>> = self
                .pairs
                .iter()
                .map(|p| {
                    vec![
                        format!("{} · {}", cell(&p.a), cell(&p.b)),
                        num(p.exact_f1),
                        num(p.overlap_f1),
                        num(p.token_f1),
                        num(p.cohen_kappa),
                    ]
                })
                .collect();
            table(
                &mut out,
                &["Pair", "Exact F1", "Overlap F1", "Token F1", "Cohen's κ"],
                &rows,
            );
        }

        let f1_cells = |row: &mut Vec<String>, spreads: [&Spread; 3]| {
            for s in spreads {
                row.push(num(s.mean));
                if several_pairs {
                    row.push(num(s.sd));
                }
            }
        };
        let f1_header = |first: &'static str| {
            let mut h = vec![first];
            for name in ["Exact F1", "Overlap F1", "Token F1"] {
                h.push(name);
                if several_pairs {
                    h.push("SD");
                }
            }
            h
        };
        match by {
            Some(Breakdown::Document) => {
                out.push('\n');
                let rows: Vec<Vec<String>> = self
                    .by_document
                    .iter()
                    .map(|d| {
                        let s = &d.summary;
                        let mut row = vec![cell(&d.title)];
                        f1_cells(&mut row, [&s.exact_f1, &s.overlap_f1, &s.token_f1]);
                        row.extend([
                            num(s.cohen_kappa.mean),
                            num(s.krippendorff_alpha),
                            num(s.alpha_u),
                        ]);
                        row
                    })
                    .collect();
                let mut header = f1_header("Document");
                header.extend(["Cohen's κ", "α", "α_U"]);
                table(&mut out, &header, &rows);
            }
            Some(Breakdown::Label) => {
                out.push('\n');
                let rows: Vec<Vec<String>> = self
                    .by_label
                    .iter()
                    .map(|l| {
                        let mut row = vec![cell(&l.label)];
                        f1_cells(&mut row, [&l.exact_f1, &l.overlap_f1, &l.token_f1]);
                        row.push(num(l.alpha_u));
                        row
                    })
                    .collect();
                let mut header = f1_header("Tag");
                header.push("α_U");
                table(&mut out, &header, &rows);
            }
            None => {}
        }

        if !self.unmatched.is_empty() {
            out.push('\n');
            let _ = writeln!(out, "Not compared (not in every project):");
            for u in &self.unmatched {
                let holders: Vec<String> = u.held_by.iter().map(|h| cell(h)).collect();
                let _ = writeln!(
                    out,
                    "  “{}” (sha256 {}…): only in {}",
                    cell(&u.title),
                    u.sha256.get(..12).unwrap_or(&u.sha256),
                    holders.join(", ")
                );
            }
        }
        if !self.duplicates.is_empty() {
            out.push('\n');
            let _ = writeln!(
                out,
                "Same text twice in one project (the later copy is left out):"
            );
            for d in &self.duplicates {
                let _ = writeln!(out, "  {}: “{}”", cell(&d.annotator), cell(&d.title));
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_chars() {
        let mut out = String::new();
        table(
            &mut out,
            &["Tag", "α_U"],
            &[
                vec!["café".into(), "0.500".into()],
                vec!["x".into(), "n/a".into()],
            ],
        );
        assert_eq!(out, "Tag     α_U\n----  -----\ncafé  0.500\nx       n/a\n");
    }
}
