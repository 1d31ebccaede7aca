//! The entities tab: people, events and other entities with their mention counts,
//! and the selected entity's page (names, details, mentions, merge, relations).
//!
//! The list stays sorted as the project changes, one entity at a time (following
//! the editor's change log), so a project of 50,000 entities re-sorts nothing when
//! one is renamed or gains a mention.

use super::{Action, ViewCtx};
use crate::commands::{Change, CoalesceKey, Command, analyst};
use crate::model::text::{count, plural, short};
use crate::model::{Entity, EntityId, EntityRole, Project, RelationRole, TagKind, Target};
use std::collections::HashMap;

/// How the list is ordered within each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EntityOrder {
    /// Alphabetically, like an index.
    #[default]
    Name,
    /// Most mentioned first.
    Mentions,
}

/// Where an entity sorts: its kind's place in the tag set, then by mentions (when
/// so ordered), then by name, then id.
type SortKey = (usize, std::cmp::Reverse<usize>, String, EntityId);

/// The entities of the project in list order, kept sorted one change at a time.
#[derive(Default)]
struct Sorted {
    order: EntityOrder,
    keys: HashMap<EntityId, SortKey>,
    list: Vec<SortKey>,
    generation: Option<u64>,
}

impl Sorted {
    fn key(p: &Project, order: EntityOrder, e: &Entity) -> Option<SortKey> {
        let kind = p.tags.index_of(&e.kind).filter(|&i| {
            p.tags
                .tags
                .get(i)
                .is_some_and(|t| t.kind == TagKind::Entity)
        })?;
        let mentions = match order {
            EntityOrder::Name => 0,
            EntityOrder::Mentions => p.mention_count(e.id),
        };
        Some((
            kind,
            std::cmp::Reverse(mentions),
            e.name.to_lowercase(),
            e.id,
        ))
    }

    fn rebuild(&mut self, p: &Project) {
        self.keys.clear();
        for e in p.entities() {
            if let Some(k) = Self::key(p, self.order, e) {
                self.keys.insert(e.id, k);
            }
        }
        self.list = self.keys.values().cloned().collect();
        self.list.sort();
    }

    /// Moves one entity to where it belongs now (or out, if it is gone).
    fn update(&mut self, p: &Project, id: EntityId) {
        if let Some(old) = self.keys.remove(&id)
            && let Ok(at) = self.list.binary_search(&old)
        {
            self.list.remove(at);
        }
        if let Some(k) = p.entity(id).and_then(|e| Self::key(p, self.order, e)) {
            let at = self.list.binary_search(&k).unwrap_or_else(|at| at);
            self.list.insert(at, k.clone());
            self.keys.insert(id, k);
        }
    }

    /// Brings the list up to date with the project in `order`; returns whether
    /// anything moved.
    fn sync(&mut self, ctx: &ViewCtx<'_>, order: EntityOrder) -> bool {
        let p = ctx.project;
        let changes = self
            .generation
            .filter(|_| order == self.order)
            .and_then(|g| ctx.changes.since(g));
        self.generation = Some(ctx.changes.generation());
        let Some(list) = changes else {
            self.order = order;
            self.rebuild(p);
            return true;
        };
        let mut ids: Vec<EntityId> = Vec::new();
        for c in list {
            match c {
                Change::Entity(id) => ids.push(*id),
                Change::Mentions(id) if order == EntityOrder::Mentions => ids.push(*id),
                Change::Structure => {
                    self.rebuild(p);
                    return true;
                }
                _ => {}
            }
        }
        ids.sort();
        ids.dedup();
        for id in &ids {
            self.update(p, *id);
        }
        !ids.is_empty()
    }
}

/// One row of the list.
#[derive(Clone, Debug, PartialEq)]
enum Row {
    /// A kind's heading and how many of its entities are listed.
    Heading(String, usize),
    /// An entity.
    Entity(EntityId),
}

/// The tab's state.
#[derive(Default)]
pub struct EntitiesView {
    /// The list filter.
    pub filter: String,
    /// How the list is ordered.
    pub order: EntityOrder,
    sorted: Sorted,
    rows: Vec<Row>,
    /// The filter the rows were made with.
    rows_filter: Option<String>,
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
            // A date being typed that is not (yet) ISO 8601 leaves the stored one.
            date_iso: match self.date_iso.trim() {
                "" => None,
                d if crate::model::iso_date::iso_date_problem(d).is_none() => Some(d.to_owned()),
                _ => e.date_iso.clone(),
            },
            place: self.place.clone(),
            note: self.note.clone(),
            ..e.clone()
        }
    }
}

const ROW: f32 = 22.0;

impl EntitiesView {
    /// The rows for the sorted list and the filter.
    fn rows(&mut self, p: &Project) {
        let needle = self.filter.trim().to_lowercase();
        self.rows.clear();
        let mut kind: Option<usize> = None;
        let mut heading_at = 0;
        for (k, _, name, id) in &self.sorted.list {
            let matches = needle.is_empty()
                || name.contains(&needle)
                || p.entity(*id)
                    .is_some_and(|e| e.aliases.iter().any(|a| a.to_lowercase().contains(&needle)));
            if !matches {
                continue;
            }
            if kind != Some(*k) {
                kind = Some(*k);
                let label = p
                    .tags
                    .tags
                    .get(*k)
                    .map_or(String::new(), |t| plural(&t.label));
                heading_at = self.rows.len();
                self.rows.push(Row::Heading(label, 0));
            }
            self.rows.push(Row::Entity(*id));
            if let Some(Row::Heading(_, n)) = self.rows.get_mut(heading_at) {
                *n += 1;
            }
        }
        self.rows_filter = Some(self.filter.clone());
    }

    /// Shows the list, and the page of the selected entity below it.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let (p, selected) = (ctx.project, ctx.entity);
        if let Some(e) = selected.and_then(|id| p.entity(id)) {
            egui::Panel::bottom("entity-page")
                .resizable(true)
                .default_size(330.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("entity-page-scroll")
                        .show(ui, |ui| self.page(ui, p, e, p.mention_count(e.id), actions));
                });
        }
        ui.horizontal(|ui| {
            let label = ui.label("Filter");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filter)
                        .hint_text("name or alias")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            crate::ui::reader::bidi_field(ui, &r, &self.filter, false);
        });
        ui.horizontal(|ui| {
            egui::ComboBox::new("entity-order", "Order")
                .selected_text(match self.order {
                    EntityOrder::Name => "A–Z",
                    EntityOrder::Mentions => "most mentioned",
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.order, EntityOrder::Name, "A–Z");
                    ui.selectable_value(&mut self.order, EntityOrder::Mentions, "most mentioned");
                });
        });
        let moved = self.sorted.sync(ctx, self.order);
        if moved || self.rows_filter.as_deref() != Some(self.filter.as_str()) {
            self.rows(p);
        }
        if self.rows.is_empty() {
            ui.label(
                egui::RichText::new(if self.filter.trim().is_empty() {
                    "No entities yet. Tag a person or event, then press Enter to link it or create its entity."
                } else {
                    "No entity matches the filter."
                })
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
                    for row in &rows[range] {
                        match row {
                            Row::Heading(h, n) => {
                                ui.add_sized(
                                    [ui.available_width(), ROW],
                                    egui::Label::new(
                                        egui::RichText::new(format!("{h} ({n})")).strong(),
                                    ),
                                );
                            }
                            Row::Entity(id) => {
                                let Some(e) = p.entity(*id) else { continue };
                                let n = p.mention_count(e.id);
                                let text = format!("{} · {n}", short(&e.name, 120));
                                let on = selected == Some(e.id);
                                let shown = crate::ui::reader::visual_label(ui, &text);
                                let b = egui::Button::selectable(on, shown).truncate();
                                let r = ui
                                    .add_sized([ui.available_width(), ROW], b)
                                    .on_hover_text(count(n, "mention"));
                                // Named by the logical text (Persian names are drawn
                                // in visual order).
                                r.widget_info(|| {
                                    egui::WidgetInfo::selected(egui::Role::Button, true, on, &text)
                                });
                                if r.clicked() {
                                    actions.push(Action::SelectEntity(Some(e.id)));
                                }
                                r.context_menu(|ui| entity_menu(ui, p, e, actions));
                            }
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
        // One line, cut to the panel: a long name never re-wraps the fields below
        // while it is typed, so the next click lands where the user aimed.
        let header = format!("{kind_label}: {}", e.name);
        let shown = if crate::ui::reader::needs_bidi(&header) {
            crate::ui::reader::visual_label(ui, &header)
        } else {
            egui::RichText::new(&header).strong().into()
        };
        ui.add(egui::Label::new(shown).truncate())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &header));
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
                    crate::ui::reader::bidi_field(ui, &r, value, false);
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
                let role = p.tags.role_of(&e.kind);
                if role.is_none_or(|r| r.can_speak()) {
                    field(ui, "Role", &mut draft.role, "role or affiliation");
                }
                if role.is_none_or(|r| r == EntityRole::Event) {
                    field(ui, "Date", &mut draft.date, "e.g. summer 1988");
                    field(ui, "ISO date", &mut draft.date_iso, "e.g. 1988-07/1988-09");
                    // The reason a date is refused, in a row of its own that is
                    // always there, so the fields below never move.
                    ui.label("");
                    let problem = Some(draft.date_iso.trim())
                        .filter(|d| !d.is_empty())
                        .and_then(crate::model::iso_date::iso_date_problem);
                    ui.label(
                        egui::RichText::new(problem.unwrap_or_default())
                            .small()
                            .color(ui.visuals().error_fg_color),
                    );
                    ui.end_row();
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
                            merge_into(p, e, o, actions);
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
                .filter(|k| !matches!(k.role, Some(RelationRole::Speaker | RelationRole::Subject)))
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

/// The right-click menu of an entity in the list: rename, merge into another.
fn entity_menu(ui: &mut egui::Ui, p: &Project, e: &Entity, actions: &mut Vec<Action>) {
    if ui.button("Rename…").clicked() {
        actions.push(Action::Rename(super::rename::RenameTarget::Entity(e.id)));
        ui.close();
    }
    let others: Vec<&Entity> = p
        .entities()
        .iter()
        .filter(|o| o.kind == e.kind && o.id != e.id)
        .collect();
    ui.add_enabled_ui(!others.is_empty(), |ui| {
        ui.menu_button("Merge into", |ui| {
            for o in others {
                if ui.button(&o.name).clicked() {
                    merge_into(p, e, o, actions);
                    ui.close();
                }
            }
        });
    });
}

/// Merges entity `e` into `into` (its mentions move, its names become aliases) and
/// selects the result, or says why it cannot.
fn merge_into(p: &Project, e: &Entity, into: &Entity, actions: &mut Vec<Action>) {
    match analyst::merge_entities(p, into.id, e.id) {
        Ok(c) => {
            actions.push(Action::Edit(c));
            actions.push(Action::SelectEntity(Some(into.id)));
        }
        Err(err) => actions.push(Action::Error(format!(
            "Could not merge “{}” into “{}”: {err}",
            e.name, into.name
        ))),
    }
}
