//! The annotate-all dialog: find the other occurrences of a text, preview them with
//! checkboxes, and tag the checked ones — linked to one entity — in one step.

use super::{Action, ViewCtx};
use crate::commands::analyst::{self, EntityChoice, Occurrence};
use crate::model::search::{SearchOptions, find_in_document, find_in_project, hit_in_context};
use crate::model::text::short;
use crate::model::{EntityId, Project};

/// The dialog's state.
#[derive(Clone, Debug)]
pub struct AnnotateAll {
    /// The text to look for.
    pub text: String,
    /// The tag to give them.
    pub tag: String,
    /// The entity they mention (none: a new one is made for entity tags).
    pub entity: Option<EntityId>,
    /// Where the search started.
    pub source: Option<Occurrence>,
    /// Search the whole project (else only the source's document).
    pub whole_project: bool,
    /// Search options.
    pub options: SearchOptions,
    /// Occurrences with their checkbox.
    pub rows: Vec<(Occurrence, bool)>,
    key: Option<(bool, SearchOptions)>,
}

impl AnnotateAll {
    /// A dialog for `text`, searching first in the source's document, whole words.
    pub fn new(
        text: String,
        tag: String,
        entity: Option<EntityId>,
        source: Option<Occurrence>,
    ) -> Self {
        Self {
            text,
            tag,
            entity,
            source,
            whole_project: false,
            options: SearchOptions {
                case_sensitive: false,
                whole_word: true,
            },
            rows: Vec::new(),
            key: None,
        }
    }

    /// Finds the occurrences again when the scope or options change.
    pub fn refresh(&mut self, p: &Project, current_doc: Option<crate::model::DocumentId>) {
        let key = (self.whole_project, self.options);
        if self.key == Some(key) {
            return;
        }
        let doc = self.source.map(|s| s.doc).or(current_doc);
        let hits: Vec<Occurrence> = if self.whole_project {
            find_in_project(p, &self.text, self.options)
                .into_iter()
                .flat_map(|(doc, v)| {
                    v.into_iter()
                        .map(move |(start, end)| Occurrence { doc, start, end })
                })
                .collect()
        } else {
            doc.and_then(|d| p.document(d))
                .map(|d| {
                    find_in_document(d, &self.text, self.options)
                        .into_iter()
                        .map(|(start, end)| Occurrence {
                            doc: d.id,
                            start,
                            end,
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        // The entity the occurrences would join: one inside a mention of it (or
        // inside the same tag's span, when there is no entity) is never pre-ticked.
        let target = match analyst::entity_choice_for(p, &self.tag, self.entity, &self.text) {
            EntityChoice::Existing(id) => Some(id),
            _ => None,
        };
        self.rows = hits
            .into_iter()
            .map(|o| {
                let already = p
                    .document(o.doc)
                    .is_some_and(|d| covered(d, o, &self.tag, target));
                (o, !already)
            })
            .collect();
        self.key = Some(key);
    }

    /// Shows the dialog; closing it or tagging pushes [`Action::CloseAnnotateAll`].
    pub fn show(&mut self, ectx: &egui::Context, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let p = ctx.project;
        self.refresh(p, ctx.doc.map(|d| d.id));
        let mut open = true;
        let mut close = false;
        egui::Window::new("Annotate all occurrences")
            .open(&mut open)
            .default_width(460.0)
            .show(ectx, |ui| {
                let tag = p
                    .tags
                    .get(&self.tag)
                    .map_or(self.tag.clone(), |t| t.label.clone());
                let target = match analyst::entity_choice_for(p, &self.tag, self.entity, &self.text)
                {
                    EntityChoice::Existing(id) => p
                        .entity(id)
                        .map(|e| format!(", linked to {}", e.name))
                        .unwrap_or_default(),
                    EntityChoice::New(e) => format!(", linked to a new entity “{}”", e.name),
                    EntityChoice::None => String::new(),
                };
                ui.label(format!("Tag “{}” as {tag}{target}.", short(&self.text, 50)));
                ui.horizontal(|ui| {
                    ui.checkbox(&mut self.whole_project, "Whole project");
                    ui.checkbox(&mut self.options.case_sensitive, "Match case");
                    ui.checkbox(&mut self.options.whole_word, "Whole words");
                });
                let checked = self.rows.iter().filter(|r| r.1).count();
                ui.horizontal(|ui| {
                    ui.label(format!("{} found, {checked} checked", self.rows.len()));
                    if ui.small_button("Check all").clicked() {
                        self.rows.iter_mut().for_each(|r| r.1 = true);
                    }
                    if ui.small_button("Uncheck all").clicked() {
                        self.rows.iter_mut().for_each(|r| r.1 = false);
                    }
                });
                egui::ScrollArea::vertical().max_height(320.0).show_rows(
                    ui,
                    22.0,
                    self.rows.len(),
                    |ui, range| {
                        for (o, on) in &mut self.rows[range] {
                            let Some(d) = p.document(o.doc) else { continue };
                            let label = hit_in_context(d, o.start, o.end, 28);
                            ui.checkbox(on, label);
                        }
                    },
                );
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(checked > 0, egui::Button::new(format!("Tag {checked}")))
                        .clicked()
                    {
                        let occ: Vec<Occurrence> =
                            self.rows.iter().filter(|r| r.1).map(|r| r.0).collect();
                        let choice =
                            analyst::entity_choice_for(p, &self.tag, self.entity, &self.text);
                        // The source span itself joins the entity too.
                        let mut all = occ;
                        if let Some(s) = self.source {
                            all.push(s);
                        }
                        actions.push(Action::edit_or_error(
                            analyst::annotate_all(p, &all, &self.tag, choice, ctx.author),
                            "Could not annotate the occurrences",
                        ));
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        if !open || close {
            actions.push(Action::CloseAnnotateAll);
        }
    }
}

/// Whether occurrence `o` lies inside a mention of `entity` (any tag), or — with no
/// entity — inside a span of `tag`: tagging it again would stack a duplicate.
fn covered(d: &crate::model::Document, o: Occurrence, tag: &str, entity: Option<EntityId>) -> bool {
    // Annotations are sorted by start: only those starting at or before `o` can
    // contain it.
    let upto = d.annotations().first_from(o.start + 1);
    d.annotations().iter().take(upto).any(|a| {
        let inside = a.start <= o.start && o.end <= a.end;
        inside
            && match entity {
                Some(e) => a.entity == Some(e) || (a.tag == tag && a.entity.is_none()),
                None => a.tag == tag,
            }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::AnnotateAll;

    /// "Raisi" inside the mention "Ebrahim Raisi" (linked to him) is not pre-ticked;
    /// occurrences outside any of his mentions are.
    #[test]
    fn occurrences_inside_a_mention_of_the_same_entity_are_not_pre_ticked() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/paris-conference.ron");
        let mut editor =
            crate::commands::Editor::new(crate::store::load(std::path::Path::new(path)).unwrap());
        let raisi = editor
            .project()
            .entities()
            .iter()
            .find(|e| e.name == "Ebrahim Raisi")
            .unwrap()
            .id;
        let doc = editor.project().documents()[0].id;
        // One bare "Raisi" mention removed: that occurrence is new and pre-ticked.
        let bare = editor.project().documents()[0]
            .annotations()
            .iter()
            .find(|a| a.entity == Some(raisi) && a.quote == "Raisi")
            .unwrap()
            .id;
        editor
            .apply(crate::commands::Command::RemoveAnnotation { doc, id: bare })
            .unwrap();
        let p = editor.project();
        let mut all = AnnotateAll::new("Raisi".into(), "person".into(), Some(raisi), None);
        all.refresh(p, Some(doc));
        let d = p.document(doc).unwrap();
        let inside = |s: usize, e: usize| {
            d.annotations()
                .iter()
                .any(|a| a.entity == Some(raisi) && a.start <= s && e <= a.end)
        };
        assert!(all.rows.iter().any(|(o, _)| inside(o.start, o.end)));
        assert!(all.rows.iter().any(|(o, _)| !inside(o.start, o.end)));
        for (o, ticked) in &all.rows {
            assert_eq!(*ticked, !inside(o.start, o.end), "{}..{}", o.start, o.end);
        }
    }
}
