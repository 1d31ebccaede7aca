//! Dossier: a desktop annotation workbench for articles.
//!
//! The crate is layered so that each layer knows only the ones below it:
//! - [`model`]: project, documents, annotations, entities, tag set, invariants (no UI);
//! - [`anchor`]: text changes (helix-style change sets) and annotations that follow
//!   them: mapped through edits, re-anchored on new versions, or kept as orphans;
//! - [`commands`]: the only way to change a project, each invertible, plus the editor
//!   that keeps undo/redo history and the analyst's larger edits;
//! - [`fsutil`]: bounded reads of regular files, under both the store and the importers;
//! - [`git`]: running `git`, bounded in time (Dossier works without it);
//! - [`store`]: the versioned RON project file, migration, locked and atomic saves,
//!   recovery copies;
//! - [`import`]: articles in, one module per format, and annotations in (brat, W3C);
//! - [`export`]: the project out: W3C Web Annotation, brat, CSV, doccano, Label
//!   Studio, and a report in HTML or Markdown;
//! - [`par`]: per-document work spread over the cores;
//! - [`agree`]: agreement measures between analysts' annotations of the same documents;
//! - [`cli`]: the headless command line;
//! - [`ui`]: the egui views, which read a [`ui::ViewCtx`] and push [`ui::Action`]s;
//! - [`app`]: the desktop workbench, which applies those actions.

pub mod agree;
pub mod anchor;
pub mod app;
pub mod cli;
pub mod commands;
pub mod export;
pub mod fsutil;
pub mod git;
pub mod import;
pub mod merge;
pub mod model;
pub mod par;
pub mod store;
pub mod ui;
