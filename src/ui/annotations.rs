//! The right panel's list: the current document's annotations grouped by tag,
//! filtered by a text box. Only visible rows are drawn, so 100,000 annotations
//! scroll smoothly.

use super::Action;
use super::reader::short;
use crate::model::{AnnotationId, Document, TagSet};

/// One row of the list.
#[derive(Clone, Debug, PartialEq)]
enum Row {
    /// A tag's heading with its count.
    Heading(String, usize),
    /// An annotation, by index into the document's annotations.
    Item(usize),
}

/// The list's state: the filter and the rows it gave.
#[derive(Default)]
pub struct AnnotationList {
    /// Text typed into the filter box.
    pub filter: String,
    rows: Vec<Row>,
    key: Option<(crate::model::DocumentId, u64, String)>,
}

const ROW_HEIGHT: f32 = 42.0;

impl AnnotationList {
    fn rebuild(&mut self, doc: &Document, tags: &TagSet, revision: u64) {
        let key = (doc.id, revision, self.filter.clone());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.trim().to_lowercase();
        let mut groups: Vec<(String, Vec<usize>)> = tags
            .tags
            .iter()
            .map(|t| (t.key.clone(), Vec::new()))
            .collect();
        for (i, a) in doc.annotations().iter().enumerate() {
            if !needle.is_empty()
                && !a.quote.to_lowercase().contains(&needle)
                && !a.note.to_lowercase().contains(&needle)
            {
                continue;
            }
            match groups.iter_mut().find(|(k, _)| *k == a.tag) {
                Some((_, list)) => list.push(i),
                None => groups.push((a.tag.clone(), vec![i])),
            }
        }
        self.rows.clear();
        for (key, items) in groups {
            if items.is_empty() {
                continue;
            }
            let label = tags.get(&key).map_or(key.clone(), |t| plural(&t.label));
            self.rows.push(Row::Heading(label, items.len()));
            self.rows.extend(items.into_iter().map(Row::Item));
        }
        self.key = Some(key);
    }

    /// Shows the filter box and the list.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        tags: &TagSet,
        revision: u64,
        selected: Option<AnnotationId>,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("quote or note")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(ui.label("").id);
        });
        self.rebuild(doc, tags, revision);
        if self.rows.is_empty() {
            ui.label(
                egui::RichText::new(if self.filter.is_empty() {
                    "No annotations yet: select text in the reader, then press a tag's key."
                } else {
                    "Nothing matches the filter."
                })
                .weak(),
            );
            return;
        }
        let rows = &self.rows;
        egui::ScrollArea::vertical()
            .id_salt(("annotation-list", doc.id))
            .auto_shrink(false)
            .show_rows(ui, ROW_HEIGHT, rows.len(), |ui, range| {
                ui.spacing_mut().item_spacing.y = 0.0;
                ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                    for row in &rows[range] {
                        match row {
                            Row::Heading(label, n) => {
                                ui.allocate_ui(
                                    egui::vec2(ui.available_width(), ROW_HEIGHT),
                                    |ui| {
                                        ui.set_min_height(ROW_HEIGHT);
                                        ui.add_space(ROW_HEIGHT - 20.0);
                                        ui.strong(format!("{label} ({n})"));
                                    },
                                );
                            }
                            Row::Item(i) => {
                                let Some(a) = doc.annotations().get(*i) else {
                                    continue;
                                };
                                let mut text = short(&a.quote, 48);
                                if !a.note.is_empty() {
                                    text.push('\n');
                                    text.push_str(&short(&a.note, 48));
                                } else {
                                    text.push('\n');
                                }
                                let button = egui::Button::selectable(selected == Some(a.id), text);
                                let r = ui.add(
                                    button.min_size(egui::vec2(ui.available_width(), ROW_HEIGHT)),
                                );
                                if r.clicked() {
                                    actions.push(Action::SelectAnnotation {
                                        id: a.id,
                                        reveal: true,
                                    });
                                }
                            }
                        }
                    }
                });
            });
    }
}

/// "Person" → "People", "Claim" → "Claims".
fn plural(label: &str) -> String {
    match label {
        "Person" => "People".into(),
        l if l.ends_with('s') => l.into(),
        l if l.ends_with('y') && !l.ends_with("ay") && !l.ends_with("ey") => {
            format!("{}ies", &l[..l.len() - 1])
        }
        l => format!("{l}s"),
    }
}
