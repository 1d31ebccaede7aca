//! File › Export… and File › Import annotations…: the library's exporters and
//! annotation importers, with errors and warnings shown as messages. An import is
//! one undo step.

use super::DossierApp;
use crate::export::{self, Format, Options};
use crate::import::{self, AnnotationFormat};
use crate::ui::file_dialog::Purpose;
use std::path::PathBuf;

/// How many warnings one message lists before summarising the rest.
const SHOWN_WARNINGS: usize = 12;

impl DossierApp {
    /// Exports the project in `format` to `path`, or asks where first (`None`).
    pub fn export_to(&mut self, format: Format, path: Option<PathBuf>, ctx: &egui::Context) {
        let Some(path) = path else {
            self.ask_for_file(Purpose::Export(format), ctx);
            return;
        };
        match export::export(self.project(), format, &Options::default()) {
            Ok(output) => match output.write(&path) {
                Ok(()) => {
                    let mut message =
                        format!("Exported to {} ({}).", path.display(), format.label());
                    append_warnings(&mut message, &output.warnings);
                    self.report(message);
                }
                Err(e) => self.report(format!("Could not write {}: {e}", path.display())),
            },
            Err(e) => self.report(format!("Could not export: {e}")),
        }
    }

    /// Imports annotation files of `format` (asking which when `paths` is empty) as
    /// one undo step, and shows what was imported and what had no place.
    pub fn import_annotations(
        &mut self,
        format: AnnotationFormat,
        paths: Vec<PathBuf>,
        ctx: &egui::Context,
    ) {
        if paths.is_empty() {
            self.ask_for_file(Purpose::ImportAnnotations(format), ctx);
            return;
        }
        let imported = match import::import_annotations(self.project(), format, &paths) {
            Ok(i) => i,
            Err(e) => {
                self.report(format!("Could not import annotations: {e}"));
                return;
            }
        };
        let first_new = self.project().documents().len();
        let mut message = match imported.command {
            Some(c) => match self.editor.apply(c) {
                Ok(()) => format!("Imported {}.", imported.summary),
                Err(e) => {
                    self.report(format!("Could not import annotations: {e}"));
                    return;
                }
            },
            None => "Nothing to import.".to_owned(),
        };
        if let Some(d) = self.project().documents().get(first_new) {
            let id = d.id;
            self.show_document(id);
        }
        append_warnings(&mut message, &imported.warnings);
        self.report(message);
    }
}

fn append_warnings(message: &mut String, warnings: &[String]) {
    for w in warnings.iter().take(SHOWN_WARNINGS) {
        message.push_str("\n• ");
        message.push_str(w);
    }
    if warnings.len() > SHOWN_WARNINGS {
        message.push_str(&format!(
            "\n… and {} more (the command line `dossier import` lists them all)",
            warnings.len() - SHOWN_WARNINGS
        ));
    }
}
