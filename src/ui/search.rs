//! Project-wide search: hits per document, each a click away.

use super::{Action, TextSelection, ViewCtx};
use crate::model::search::{SearchOptions, find_in_project, hit_in_context};
use crate::model::{DocumentId, Project};

/// Most hits listed (the count is still given in full).
const MAX_ROWS: usize = 2000;
const ROW: f32 = 36.0;

/// The search tab's state.
#[derive(Default)]
pub struct SearchView {
    /// What to look for.
    pub text: String,
    /// Options.
    pub options: SearchOptions,
    rows: Vec<Row>,
    total: usize,
    /// What the hits were found for, and the change-log generation then.
    key: Option<(String, SearchOptions)>,
    generation: u64,
}

enum Row {
    Heading(String, usize),
    Hit(DocumentId, usize, usize, String),
}

impl SearchView {
    /// Searches again when the text, the options or the documents changed (edits
    /// of annotations leave the hits as they are).
    fn rebuild(&mut self, p: &Project, changes: &crate::commands::ChangeLog) {
        let key = (self.text.clone(), self.options);
        let texts_changed = changes.any_since(self.generation, |_| false);
        self.generation = changes.generation();
        if self.key.as_ref() == Some(&key) && !texts_changed {
            return;
        }
        self.rows.clear();
        self.total = 0;
        for (doc, hits) in find_in_project(p, &self.text, self.options) {
            let Some(d) = p.document(doc) else { continue };
            self.total += hits.len();
            if self.rows.len() >= MAX_ROWS {
                continue;
            }
            self.rows.push(Row::Heading(d.title.clone(), hits.len()));
            for (s, e) in hits.into_iter().take(MAX_ROWS) {
                let context = hit_in_context(d, s, e, 30);
                self.rows.push(Row::Hit(doc, s, e, context));
            }
        }
        self.key = Some(key);
    }

    /// Shows the search box, options and hits.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let p = ctx.project;
        ui.horizontal(|ui| {
            let label = ui.label("Search project");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .id(egui::Id::unique("project-search"))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            crate::ui::reader::bidi_field(ui, &r, &self.text, false);
        });
        ui.horizontal(|ui| {
            ui.checkbox(&mut self.options.case_sensitive, "Match case");
            ui.checkbox(&mut self.options.whole_word, "Whole words");
        });
        if self.text.is_empty() {
            return;
        }
        self.rebuild(p, ctx.changes);
        ui.label(crate::model::text::count(self.total, "hit"));
        let rows = &self.rows;
        egui::ScrollArea::vertical()
            .id_salt("search-hits")
            .auto_shrink(false)
            .show_rows(ui, ROW, rows.len(), |ui, range| {
                ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                    for row in &rows[range] {
                        match row {
                            Row::Heading(title, n) => {
                                ui.add_sized(
                                    [ui.available_width(), ROW],
                                    egui::Label::new(
                                        egui::RichText::new(format!("{title} ({n})")).strong(),
                                    )
                                    .truncate(),
                                );
                            }
                            Row::Hit(doc, s, e, context) => {
                                let b = egui::Button::new(context.as_str()).truncate();
                                if ui.add_sized([ui.available_width(), ROW], b).clicked() {
                                    actions.push(Action::ShowDocument(*doc));
                                    actions.push(Action::RevealRange(TextSelection {
                                        anchor: *s,
                                        cursor: *e,
                                    }));
                                }
                            }
                        }
                    }
                });
            });
    }
}
