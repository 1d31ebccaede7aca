//! Agreement between analysts who annotated the same documents: span and token F1
//! (bratiaa's definitions), Cohen's and Fleiss' κ and Krippendorff's α per token, and
//! Krippendorff's α_U for unitizing (DKPro Statistics' definition).
//!
//! The measures work on [`Annotator`]s — per annotator, per document, a list of
//! labelled [`Unit`]s — however they were loaded; [`Annotator::from_project`] builds
//! one from a Dossier project. Documents are matched by the SHA-256 of their text, so
//! separately imported copies of an article compare. [`agree`] computes a [`Report`],
//! which prints as text or JSON. The coefficient functions are public too, so they can
//! be checked against textbook tables.
//!
//! This module reads only [`crate::model`].

mod compute;
mod f1;
mod input;
mod kappa;
mod matching;
mod report;
mod tokens;
mod unitizing;

pub use compute::agree;
pub use f1::{Counts, Spread};
pub use input::{Annotator, DocKey, DocumentUnits, Unit, unit_of, units_of, units_of_document};
pub use kappa::{
    CohenKappa, Contingency, FleissKappa, cohen_kappa, fleiss_kappa, krippendorff_alpha_nominal,
};
pub use report::{
    Breakdown, DocumentSummary, Duplicate, LabelSummary, PairSummary, Report, Summary, Unmatched,
};
pub use tokens::Tokens;
pub use unitizing::{AlphaU, CategoryAlphaU, Segment, krippendorff_alpha_u};

/// Why agreement could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum AgreeError {
    /// Agreement needs two annotators at least.
    #[error("agreement needs at least two annotators; got {0}")]
    TooFewAnnotators(usize),
    /// A unit without any fragment.
    #[error("{annotator}: in “{document}”, a `{label}` unit covers no text")]
    NoFragments {
        /// Whose unit.
        annotator: String,
        /// In which document.
        document: String,
        /// Its label.
        label: String,
    },
    /// A fragment that is empty or reaches past the text.
    #[error(
        "{annotator}: in “{document}”, a `{label}` unit's fragment {start}..{end} is not a \
         non-empty range inside the text ({len} chars)"
    )]
    FragmentOutsideText {
        /// Whose unit.
        annotator: String,
        /// In which document.
        document: String,
        /// Its label.
        label: String,
        /// Fragment start.
        start: usize,
        /// Fragment end.
        end: usize,
        /// The text's length in chars.
        len: usize,
    },
}
