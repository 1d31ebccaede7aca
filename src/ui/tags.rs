//! The tag editor (Edit › Tags…): the project's tag set is the analyst's. Add a tag
//! with a role (a new "Organisation" tag gets mentions, entities, suggestions and
//! merge as people do), rename it, recolour it from a palette that keeps the
//! contrast rules, choose its key, reorder it (which gives the 1–9 keys) and delete
//! it, saying what becomes of its annotations. Every change is one undoable command
//! (`Command::AddTag`, `ReplaceTag`, `MoveTag`, or the batch `delete_tag` builds).

use super::{Action, ViewCtx};
use crate::commands::Command;
use crate::commands::analyst::{TagFate, delete_tag, new_tag};
use crate::model::{EntityRole, Project, TagDef, TagKind};
use std::collections::HashMap;

/// The editor's state while it is open.
#[derive(Default)]
pub struct TagEditor {
    /// The label typed for a new tag.
    pub new_label: String,
    /// The new tag's kind.
    pub new_kind: TagKind,
    /// The new tag's role (entity tags only).
    pub new_role: Option<EntityRole>,
    /// Labels and keys being typed, by tag key (committed on Enter or leaving the field).
    drafts: HashMap<String, Draft>,
    /// The tag being deleted and what its annotations become (`None`: not chosen yet).
    deleting: Option<(String, Option<TagFate>)>,
    /// How many annotations and entities use each tag, at a revision.
    uses: Option<(u64, Uses)>,
}

/// How many annotations and entities use each tag, by key.
type Uses = HashMap<String, (usize, usize)>;

/// A row's fields as typed.
#[derive(Clone, Default)]
struct Draft {
    label: String,
    shortcut: String,
}

/// A button filled with a colour, named for screen readers and tests.
fn swatch(ui: &mut egui::Ui, color: crate::model::Color, name: String) -> egui::Response {
    let r = ui.add(
        egui::Button::new("")
            .fill(super::theme::to_color32(color))
            .min_size(egui::vec2(36.0, 18.0)),
    );
    named(r, name)
}

/// A button whose short text ("Up", "Delete…") needs its full name for screen
/// readers: the name becomes its accessible label and its tooltip.
fn named(r: egui::Response, name: String) -> egui::Response {
    let enabled = r.enabled();
    let r = r.on_hover_text(&name);
    r.widget_info(move || egui::WidgetInfo::labeled(egui::Role::Button, enabled, &name));
    r
}

/// A name for a tag kind.
fn kind_label(k: TagKind) -> &'static str {
    match k {
        TagKind::Span => "Span",
        TagKind::Entity => "Entity mention",
        TagKind::Claim => "Claim",
    }
}

/// A name for an entity role.
fn role_label(r: Option<EntityRole>) -> &'static str {
    match r {
        None => "no role",
        Some(EntityRole::Person) => "Person",
        Some(EntityRole::Organisation) => "Organisation",
        Some(EntityRole::Event) => "Event",
        Some(EntityRole::Place) => "Place",
    }
}

/// How many annotations and entities use each tag.
fn count_uses(p: &Project) -> Uses {
    let mut uses = Uses::new();
    for d in p.documents() {
        for a in d.annotations() {
            uses.entry(a.tag.clone()).or_default().0 += 1;
        }
    }
    for e in p.entities() {
        uses.entry(e.kind.clone()).or_default().1 += 1;
    }
    uses
}

impl TagEditor {
    /// Draws the editor; returns false once it is closed.
    pub fn show(
        &mut self,
        ectx: &egui::Context,
        ctx: &ViewCtx<'_>,
        actions: &mut Vec<Action>,
    ) -> bool {
        if self.uses.as_ref().is_none_or(|(r, _)| *r != ctx.revision) {
            self.uses = Some((ctx.revision, count_uses(ctx.project)));
            // Drafts of tags that changed under them (undo, another edit) start over.
            self.drafts.retain(|k, _| ctx.project.tags.get(k).is_some());
        }
        let mut open = true;
        egui::Window::new("Tags")
            .open(&mut open)
            .default_width(560.0)
            .show(ectx, |ui| {
                ui.label(
                    egui::RichText::new(
                        "Each change is one undo step. The 1–9 keys follow the order; a tag's own \
                         key is a letter.",
                    )
                    .weak(),
                );
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| self.rows(ui, ctx, actions));
                ui.separator();
                if self.deleting.is_some() {
                    self.delete_panel(ui, ctx, actions);
                    ui.separator();
                }
                self.add_row(ui, ctx, actions);
            });
        open
    }

    fn uses_of(&self, key: &str) -> (usize, usize) {
        self.uses
            .as_ref()
            .and_then(|(_, u)| u.get(key).copied())
            .unwrap_or_default()
    }

    fn rows(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let tags = &ctx.project.tags.tags;
        egui::Grid::new("tag-editor")
            .num_columns(7)
            .striped(true)
            .show(ui, |ui| {
                for h in ["Colour", "Label", "Key", "Kind", "Role", "Order", ""] {
                    ui.strong(h);
                }
                ui.end_row();
                for (i, tag) in tags.iter().enumerate() {
                    self.row(ui, ctx, i, tag, actions);
                    ui.end_row();
                }
            });
    }

    fn row(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        i: usize,
        tag: &TagDef,
        actions: &mut Vec<Action>,
    ) {
        let replace = |t: TagDef| Action::Edit(Command::ReplaceTag { tag: t });
        // Colour: the palette's swatches, each passing the contrast rules in both themes.
        let button = swatch(ui, tag.color, format!("Colour of {}", tag.label));
        egui::Popup::menu(&button).show(|ui| {
            for c in super::theme::TAG_PALETTE {
                let [r, g, b] = c.0;
                let s = swatch(ui, c, format!("Colour #{r:02x}{g:02x}{b:02x}"));
                if s.clicked() && c != tag.color {
                    actions.push(replace(TagDef {
                        color: c,
                        ..tag.clone()
                    }));
                }
            }
        });
        let draft = self.drafts.entry(tag.key.clone()).or_insert_with(|| Draft {
            label: tag.label.clone(),
            shortcut: tag.shortcut.map(String::from).unwrap_or_default(),
        });
        let label = ui.add(
            egui::TextEdit::singleline(&mut draft.label)
                .desired_width(140.0)
                .hint_text("label"),
        );
        crate::ui::reader::bidi_field(ui, &label, &draft.label, false);
        let label = label.on_hover_text(format!("Label of the tag `{}`", tag.key));
        label.widget_info({
            let t = format!("Label of {}", tag.label);
            move || egui::WidgetInfo::labeled(egui::Role::TextInput, true, &t)
        });
        if label.lost_focus() && draft.label.trim() != tag.label {
            if draft.label.trim().is_empty() {
                draft.label.clone_from(&tag.label);
            } else {
                actions.push(replace(TagDef {
                    label: draft.label.trim().to_owned(),
                    ..tag.clone()
                }));
            }
        }
        let key = ui.add(
            egui::TextEdit::singleline(&mut draft.shortcut)
                .desired_width(24.0)
                .char_limit(1),
        );
        key.widget_info({
            let t = format!("Key of {}", tag.label);
            move || egui::WidgetInfo::labeled(egui::Role::TextInput, true, &t)
        });
        let key = key.on_hover_text("A letter that tags the selection as this tag (empty: none)");
        if key.changed() {
            // Letters only (digits are the 1–9 position keys); empty: no key.
            let first = draft.shortcut.chars().next();
            let typed = first
                .filter(|c| c.is_alphabetic())
                .map(|c| c.to_uppercase().next().unwrap_or(c));
            if first.is_some() && typed.is_none() {
                draft.shortcut = tag.shortcut.map(String::from).unwrap_or_default();
            } else if typed != tag.shortcut {
                actions.push(replace(TagDef {
                    shortcut: typed,
                    ..tag.clone()
                }));
            }
        }
        if key.lost_focus() {
            // A refused key (taken, not a letter) shows the tag's real one again.
            draft.shortcut = tag.shortcut.map(String::from).unwrap_or_default();
        }
        let (annotations, entities) = self.uses_of(&tag.key);
        let in_use = annotations + entities > 0;
        ui.add_enabled_ui(!in_use, |ui| {
            egui::ComboBox::from_id_salt(("tag-kind", &tag.key))
                .selected_text(kind_label(tag.kind))
                .show_ui(ui, |ui| {
                    for k in [TagKind::Span, TagKind::Entity, TagKind::Claim] {
                        if ui.selectable_label(k == tag.kind, kind_label(k)).clicked()
                            && k != tag.kind
                        {
                            actions.push(replace(TagDef {
                                kind: k,
                                role: if k == TagKind::Entity { tag.role } else { None },
                                ..tag.clone()
                            }));
                        }
                    }
                })
                .response
                .on_disabled_hover_text(format!(
                    "In use by {annotations} annotation(s) and {entities} entit(ies): \
                     its kind stays"
                ));
        });
        if tag.kind == TagKind::Entity {
            egui::ComboBox::from_id_salt(("tag-role", &tag.key))
                .selected_text(role_label(tag.role))
                .show_ui(ui, |ui| {
                    let roles = std::iter::once(None).chain(EntityRole::ALL.into_iter().map(Some));
                    for r in roles {
                        if ui.selectable_label(r == tag.role, role_label(r)).clicked()
                            && r != tag.role
                        {
                            actions.push(replace(TagDef {
                                role: r,
                                ..tag.clone()
                            }));
                        }
                    }
                })
                .response
                .on_hover_text("What its entities are: the fields and relations they get");
        } else {
            ui.label("");
        }
        ui.horizontal(|ui| {
            let n = ctx.project.tags.tags.len();
            if named(
                ui.add_enabled(i > 0, egui::Button::new("Up")),
                format!("Move {} up", tag.label),
            )
            .clicked()
            {
                actions.push(Action::Edit(Command::MoveTag {
                    key: tag.key.clone(),
                    to: i - 1,
                }));
            }
            if named(
                ui.add_enabled(i + 1 < n, egui::Button::new("Down")),
                format!("Move {} down", tag.label),
            )
            .clicked()
            {
                actions.push(Action::Edit(Command::MoveTag {
                    key: tag.key.clone(),
                    to: i + 1,
                }));
            }
        });
        let delete = named(ui.button("Delete…"), format!("Delete tag {}", tag.label));
        if delete.clicked() {
            if in_use {
                self.deleting = Some((tag.key.clone(), None));
            } else if let Ok(c) = delete_tag(ctx.project, &tag.key, &TagFate::Delete) {
                actions.push(Action::Edit(c));
            }
        }
    }

    /// Asks what becomes of a used tag's annotations before deleting it.
    fn delete_panel(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let Some((key, fate)) = self.deleting.clone() else {
            return;
        };
        let Some(tag) = ctx.project.tags.get(&key) else {
            self.deleting = None;
            return;
        };
        let (annotations, entities) = self.uses_of(&key);
        ui.label(format!(
            "{annotations} annotation(s) and {entities} entit(ies) use “{}”. What becomes of them?",
            tag.label
        ));
        let others: Vec<&TagDef> = ctx
            .project
            .tags
            .tags
            .iter()
            .filter(|t| t.key != key && t.kind == tag.kind)
            .collect();
        ui.horizontal(|ui| {
            if ui
                .radio(fate == Some(TagFate::Delete), "Delete them too")
                .clicked()
            {
                self.deleting = Some((key.clone(), Some(TagFate::Delete)));
            }
            for o in &others {
                let f = TagFate::RetagTo(o.key.clone());
                if ui
                    .radio(
                        fate.as_ref() == Some(&f),
                        format!("Retag them as {}", o.label),
                    )
                    .clicked()
                {
                    self.deleting = Some((key.clone(), Some(f)));
                }
            }
        });
        ui.horizontal(|ui| {
            let chosen = self.deleting.as_ref().and_then(|(_, f)| f.clone());
            if ui
                .add_enabled(
                    chosen.is_some(),
                    egui::Button::new(format!("Delete “{}”", tag.label)),
                )
                .clicked()
                && let Some(f) = chosen
            {
                match delete_tag(ctx.project, &key, &f) {
                    Ok(c) => actions.push(Action::Edit(c)),
                    Err(e) => actions.push(Action::Error(format!("Could not delete the tag: {e}"))),
                }
                self.deleting = None;
            }
            if ui.button("Cancel").clicked() {
                self.deleting = None;
            }
        });
    }

    /// A new tag: label, kind, role, Add.
    fn add_row(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("New tag");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_label)
                        .desired_width(140.0)
                        .hint_text("e.g. Organisation"),
                )
                .labelled_by(label.id);
            crate::ui::reader::bidi_field(ui, &field, &self.new_label, false);
            egui::ComboBox::from_id_salt("new-tag-kind")
                .selected_text(kind_label(self.new_kind))
                .show_ui(ui, |ui| {
                    for k in [TagKind::Span, TagKind::Entity, TagKind::Claim] {
                        ui.selectable_value(&mut self.new_kind, k, kind_label(k));
                    }
                })
                .response
                .on_hover_text("New tag's kind");
            if self.new_kind == TagKind::Entity {
                egui::ComboBox::from_id_salt("new-tag-role")
                    .selected_text(role_label(self.new_role))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut self.new_role, None, role_label(None));
                        for r in EntityRole::ALL {
                            ui.selectable_value(&mut self.new_role, Some(r), role_label(Some(r)));
                        }
                    })
                    .response
                    .on_hover_text("New tag's role");
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let add = ui.add_enabled(
                !self.new_label.trim().is_empty(),
                egui::Button::new("Add tag"),
            );
            if (add.clicked() || enter) && !self.new_label.trim().is_empty() {
                let tag = new_tag(
                    ctx.project,
                    &self.new_label,
                    self.new_kind,
                    self.new_role,
                    &super::theme::TAG_PALETTE,
                );
                actions.push(Action::Edit(Command::AddTag { tag, index: None }));
                self.new_label.clear();
            }
        });
    }
}
