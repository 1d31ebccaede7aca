//! The entities tab: people, events and other entities with their mention counts,
//! and the selected entity's page (names, details, mentions, merge, relations).

use super::{Action, ViewCtx};
use crate::commands::analyst;
use crate::commands::{CoalesceKey, Command};
use crate::model::text::{count, plural, short};
use crate::model::{Entity, EntityId, Project, TagKind, Target};
use std::collections::HashMap;

/// The tab's state.
#[derive(Default)]
pub struct EntitiesView {
    /// The list filter.
    pub filter: String,
    rows: Vec<(Option<String>, Option<EntityId>, usize)>,
    key: Option<(u64, String)>,
    /// Mention counts, recounted when the project changes.
    counts: (Option<u64>, HashMap<EntityId, usize>),
    /// The page's fields while being typed, keyed by entity.
    edit: Option<(EntityId, Draft)>,
}

#[derive(Clone, Default, PartialEq)]
struct Draft {
    name: String,
    aliases: String,
    role: String,
    date: String,
    date_iso: String,
    place: String,
    note: String,
}

impl Draft {
    fn of(e: &Entity) -> Self {
        Self {
            name: e.name.clone(),
            aliases: e.aliases.join("; "),
            role: e.role.clone(),
            date: e.date.clone(),
            date_iso: e.date_iso.clone().unwrap_or_default(),
            place: e.place.clone(),
            note: e.note.clone(),
        }
    }

    fn apply(&self, e: &Entity) -> Entity {
        Entity {
            name: self.name.trim().to_owned(),
            aliases: self
                .aliases
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            role: self.role.clone(),
            date: self.date.clone(),
            date_iso: Some(self.date_iso.trim().to_owned()).filter(|s| !s.is_empty()),
            place: self.place.clone(),
            note: self.note.clone(),
            ..e.clone()
        }
    }
}

const ROW: f32 = 22.0;

impl EntitiesView {
    fn rebuild(&mut self, p: &Project, revision: u64, counts: &HashMap<EntityId, usize>) {
        let key = (revision, self.filter.clone());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let needle = self.filter.trim().to_lowercase();
        self.rows.clear();
        for t in p.tags.tags.iter().filter(|t| t.kind == TagKind::Entity) {
            let mut list: Vec<&Entity> = p
                .entities()
                .iter()
                .filter(|e| e.kind == t.key)
                .filter(|e| {
                    needle.is_empty()
                        || e.name.to_lowercase().contains(&needle)
                        || e.aliases.iter().any(|a| a.to_lowercase().contains(&needle))
                })
                .collect();
            if list.is_empty() {
                continue;
            }
            list.sort_by_key(|e| std::cmp::Reverse(counts.get(&e.id).copied().unwrap_or(0)));
            self.rows.push((Some(plural(&t.label)), None, list.len()));
            for e in list {
                self.rows
                    .push((None, Some(e.id), counts.get(&e.id).copied().unwrap_or(0)));
            }
        }
        self.key = Some(key);
    }

    /// Shows the list, and the page of the selected entity below it.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let (p, revision, selected) = (ctx.project, ctx.revision, ctx.entity);
        if self.counts.0 != Some(revision) {
            self.counts = (Some(revision), p.mention_counts());
        }
        let counts = std::mem::take(&mut self.counts.1);
        self.show_with_counts(ui, p, revision, selected, &counts, actions);
        self.counts.1 = counts;
    }

    fn show_with_counts(
        &mut self,
        ui: &mut egui::Ui,
        p: &Project,
        revision: u64,
        selected: Option<EntityId>,
        counts: &HashMap<EntityId, usize>,
        actions: &mut Vec<Action>,
    ) {
        if let Some(e) = selected.and_then(|id| p.entity(id)) {
            egui::Panel::bottom("entity-page")
                .resizable(true)
                .default_size(330.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("entity-page-scroll")
                        .show(ui, |ui| {
                            self.page(ui, p, e, counts.get(&e.id).copied().unwrap_or(0), actions);
                        });
                });
        }
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text("name or alias")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        self.rebuild(p, revision, counts);
        if self.rows.is_empty() {
            ui.label(
                egui::RichText::new(
                    "No entities yet. Tag a person or event, then press Enter to link it or create its entity.",
                )
                .weak(),
            );
            return;
        }
        let rows = &self.rows;
        egui::ScrollArea::vertical()
            .id_salt("entity-list")
            .auto_shrink(false)
            .show_rows(ui, ROW, rows.len(), |ui, range| {
                ui.with_layout(egui::Layout::top_down_justified(egui::Align::LEFT), |ui| {
                    for (heading, id, n) in &rows[range] {
                        match (heading, id.and_then(|id| p.entity(id))) {
                            (Some(h), _) => {
                                ui.add_sized(
                                    [ui.available_width(), ROW],
                                    egui::Label::new(
                                        egui::RichText::new(format!("{h} ({n})")).strong(),
                                    ),
                                );
                            }
                            (None, Some(e)) => {
                                let text = format!("{} · {n}", e.name);
                                let b = egui::Button::selectable(selected == Some(e.id), text)
                                    .truncate();
                                if ui
                                    .add_sized([ui.available_width(), ROW], b)
                                    .on_hover_text(count(*n, "mention"))
                                    .clicked()
                                {
                                    actions.push(Action::SelectEntity(Some(e.id)));
                                }
                            }
                            _ => {}
                        }
                    }
                });
            });
    }

    fn page(
        &mut self,
        ui: &mut egui::Ui,
        p: &Project,
        e: &Entity,
        mentions: usize,
        actions: &mut Vec<Action>,
    ) {
        let fresh = Draft::of(e);
        // Keep what is being typed; otherwise follow the model (undo, merge, rename elsewhere).
        let typing = ui.memory(|m| m.focused().is_some());
        let draft = match &mut self.edit {
            Some((id, d)) if *id == e.id && (typing || *d == fresh) => d,
            slot => {
                *slot = Some((e.id, fresh));
                match slot {
                    Some((_, d)) => d,
                    None => return,
                }
            }
        };
        let kind_label = p
            .tags
            .get(&e.kind)
            .map_or(e.kind.as_str(), |t| t.label.as_str());
        ui.strong(format!("{kind_label}: {}", e.name));
        let mut changed = false;
        let mut lost = false;
        egui::Grid::new(("entity-grid", e.id))
            .num_columns(2)
            .striped(false)
            .show(ui, |ui| {
                let mut field = |ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str| {
                    let l = ui.label(label);
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(value)
                                .hint_text(hint)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(l.id);
                    changed |= r.changed();
                    lost |= r.lost_focus();
                    ui.end_row();
                };
                field(ui, "Name", &mut draft.name, "canonical name");
                field(
                    ui,
                    "Aliases",
                    &mut draft.aliases,
                    "other names, separated by ;",
                );
                if e.kind == "person" {
                    field(ui, "Role", &mut draft.role, "role or affiliation");
                }
                if e.kind == "event" {
                    field(ui, "Date", &mut draft.date, "e.g. summer 1988");
                    field(ui, "ISO date", &mut draft.date_iso, "e.g. 1988-07/1988-09");
                    field(ui, "Place", &mut draft.place, "where it happened");
                }
                field(ui, "Note", &mut draft.note, "");
            });
        if changed && !draft.name.trim().is_empty() {
            actions.push(Action::EditCoalescing(
                Command::ReplaceEntity {
                    entity: draft.apply(e),
                },
                CoalesceKey::Field(format!("entity:{}", e.id)),
            ));
        }
        if lost {
            actions.push(Action::EndBurst);
        }
        ui.horizontal(|ui| {
            ui.label(count(mentions, "mention"));
            if ui
                .button("< Previous")
                .on_hover_text("Select the previous mention, across documents")
                .clicked()
            {
                actions.push(Action::StepMention {
                    entity: e.id,
                    forward: false,
                });
            }
            if ui
                .button("Next >")
                .on_hover_text("Select the next mention, across documents")
                .clicked()
            {
                actions.push(Action::StepMention {
                    entity: e.id,
                    forward: true,
                });
            }
        });
        let others: Vec<&Entity> = p
            .entities()
            .iter()
            .filter(|o| o.kind == e.kind && o.id != e.id)
            .collect();
        if !others.is_empty() {
            egui::ComboBox::new(("merge", e.id), "Merge")
                .selected_text("Merge into…")
                .show_ui(ui, |ui| {
                    for o in others {
                        if ui
                            .button(&o.name)
                            .on_hover_text(format!(
                                "Move every mention of “{}” to “{}” and keep its names as aliases",
                                e.name, o.name
                            ))
                            .clicked()
                        {
                            match analyst::merge_entities(p, o.id, e.id) {
                                Ok(c) => {
                                    actions.push(Action::Edit(c));
                                    actions.push(Action::SelectEntity(Some(o.id)));
                                }
                                Err(err) => actions.push(Action::Error(format!(
                                    "Could not merge “{}” into “{}”: {err}",
                                    e.name, o.name
                                ))),
                            }
                        }
                    }
                });
        }
        let me = Target::Entity(e.id);
        // Typed links to other entities: participant in an event, located at a place…
        ui.horizontal_wrapped(|ui| {
            for kind in p
                .relation_kinds
                .iter()
                .filter(|k| k.key != analyst::SAID_BY && k.key != analyst::ABOUT)
            {
                egui::ComboBox::new(("relate", e.id, kind.key.as_str()), kind.label.as_str())
                    .selected_text("add…")
                    .show_ui(ui, |ui| {
                        for o in p.entities().iter().filter(|o| o.id != e.id) {
                            if ui.button(format!("{} ({})", o.name, o.kind)).clicked() {
                                let to = Target::Entity(o.id);
                                actions.push(Action::edit_or_error(
                                    analyst::add_relation(p, &kind.key, me, to),
                                    "Could not add the relation",
                                ));
                            }
                        }
                    });
            }
        });
        let rels: Vec<_> = p
            .relations()
            .iter()
            .filter(|r| r.from == me || r.to == me)
            .collect();
        if !rels.is_empty() {
            ui.separator();
            ui.label(egui::RichText::new(format!("Relations ({})", rels.len())).strong());
            for r in rels {
                let kind = p.relation_label(&r.kind);
                let other = if r.from == me { r.to } else { r.from };
                let text = if r.from == me {
                    format!("{kind} {}", p.target_label(other))
                } else {
                    format!("{} — {kind}", p.target_label(other))
                };
                ui.horizontal(|ui| {
                    let r2 = ui.add(egui::Button::new(short(&text, 60)).frame(false));
                    if r2.clicked()
                        && let Target::Annotation(id) = other
                    {
                        actions.push(Action::SelectAnnotation { id, reveal: true });
                    }
                    if ui
                        .small_button("×")
                        .on_hover_text("Remove this relation")
                        .clicked()
                    {
                        actions.push(Action::Edit(Command::RemoveRelation { id: r.id }));
                    }
                });
            }
        }
        if ui
            .button("Delete entity")
            .on_hover_text("Remove the entity; its mentions stay tagged but unlinked")
            .clicked()
        {
            actions.push(Action::Edit(Command::RemoveEntity { id: e.id }));
            actions.push(Action::SelectEntity(None));
        }
    }
}
