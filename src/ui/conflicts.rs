//! The Conflicts tab: every conflict a merge recorded, the base, our and their
//! values side by side with who made them, and the ways to resolve each — keep
//! mine, take theirs, keep both (where that makes sense), edit, or accept the
//! project as it now is. Each resolution is one undoable edit. Once none is left,
//! the file can be marked resolved in git; and a banner says how many remain.

use super::{Action, RightTab, ViewCtx};
use crate::merge::resolve::{self, Resolution};
use crate::model::text::{count, short};
use crate::model::{Conflict, Field, Project, Subject, Version};

/// The tab's state: the conflict whose value is being typed, and the text.
#[derive(Default)]
pub struct ConflictsView {
    editing: Option<(usize, String)>,
}

impl ConflictsView {
    /// Draws the list.
    pub fn show(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
        let p = ctx.project;
        let conflicts = p.conflicts();
        if self
            .editing
            .as_ref()
            .is_some_and(|(i, _)| *i >= conflicts.len())
        {
            self.editing = None;
        }
        if conflicts.is_empty() {
            ui.label("No conflicts: the project is clean.");
        } else {
            ui.label(format!(
                "{} from a merge. The project holds the base value of each until you choose.",
                count(conflicts.len(), "unresolved conflict")
            ));
        }
        let mark = ui
            .add_enabled(
                conflicts.is_empty(),
                egui::Button::new("Mark resolved in git"),
            )
            .on_hover_text("Tell git the merge of this file is done (git add), once it is saved")
            .on_disabled_hover_text("Resolve every conflict first");
        if mark.clicked() {
            actions.push(Action::MarkResolved);
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("conflicts-scroll")
            .auto_shrink(false)
            .show(ui, |ui| {
                for (i, c) in conflicts.iter().enumerate() {
                    ui.push_id(("conflict", i), |ui| self.conflict(ui, p, i, c, actions));
                    ui.separator();
                }
            });
    }

    /// One conflict: what it is, the versions side by side, the resolutions.
    fn conflict(
        &mut self,
        ui: &mut egui::Ui,
        p: &Project,
        i: usize,
        c: &Conflict,
        actions: &mut Vec<Action>,
    ) {
        ui.label(egui::RichText::new(format!("{}. {}", i + 1, c.describe(p))).strong());
        egui::Grid::new(("versions", i))
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for h in ["", "Base", "Mine", "Theirs"] {
                    ui.label(egui::RichText::new(h).weak());
                }
                ui.end_row();
                let fields: Vec<Option<Field>> = if c.fields.is_empty() {
                    vec![None]
                } else {
                    c.fields.iter().copied().map(Some).collect()
                };
                for f in fields {
                    ui.label(f.map_or("it", |f| f.label()));
                    for (k, v) in [&c.base, &c.ours, &c.theirs].into_iter().enumerate() {
                        let text = match (v, f) {
                            (None, _) if k == 0 => "(none)".to_owned(),
                            (None, _) => "(deleted)".to_owned(),
                            (Some(v), Some(f)) => value(p, c, v, f),
                            (Some(v), None) => summary(p, v),
                        };
                        ui.add(egui::Label::new(short(&text, 200)).wrap());
                    }
                    ui.end_row();
                }
                ui.label(egui::RichText::new("by").weak());
                for v in [&c.base, &c.ours, &c.theirs] {
                    let who = v.as_ref().map_or("", Version::author);
                    ui.label(egui::RichText::new(if who.is_empty() { "?" } else { who }).weak());
                }
                ui.end_row();
            });
        let choices = resolve::choices(c);
        let push = |actions: &mut Vec<Action>, how: Resolution| {
            actions.push(match resolve::resolve(p, i, &how) {
                Ok(c) => Action::Edit(c),
                Err(e) => Action::Error(format!("Could not resolve the conflict: {e}")),
            });
        };
        ui.horizontal_wrapped(|ui| {
            if ui
                .button("Keep mine")
                .on_hover_text("Our version (our deletion, if we deleted it)")
                .clicked()
            {
                push(actions, Resolution::KeepMine);
            }
            if ui
                .button("Take theirs")
                .on_hover_text("Their version (their deletion, if they deleted it)")
                .clicked()
            {
                push(actions, Resolution::TakeTheirs);
            }
            if choices.keep_both
                && ui
                    .button("Keep both")
                    .on_hover_text(
                        "Notes joined, their name as an alias, their span or relation beside ours",
                    )
                    .clicked()
            {
                push(actions, Resolution::KeepBoth);
            }
            if let Some(f) = choices.edit
                && ui
                    .button("Edit…")
                    .on_hover_text(format!("Type the {} yourself", f.label()))
                    .clicked()
            {
                let start = c
                    .ours
                    .as_ref()
                    .map(|v| value(p, c, v, f))
                    .unwrap_or_default();
                self.editing = Some((i, start));
            }
            if let Some(show) = show_action(p, c)
                && ui
                    .button("Show")
                    .on_hover_text("Show it in the reader or on its entity page")
                    .clicked()
            {
                actions.extend(show);
            }
            if ui
                .button("Mark resolved")
                .on_hover_text("Keep the project as it is now (after editing it by hand)")
                .clicked()
            {
                push(actions, Resolution::AsIs);
            }
        });
        let mut done = false;
        if let Some((at, text)) = self.editing.as_mut()
            && *at == i
        {
            let label = ui.label("New value");
            let r = ui
                .add(egui::TextEdit::multiline(text).desired_rows(2))
                .labelled_by(label.id);
            crate::ui::reader::bidi_field(ui, &r, text, true);
            ui.horizontal(|ui| {
                if ui.button("Apply").clicked() {
                    push(actions, Resolution::Edit(text.clone()));
                    done = true;
                } else if ui.button("Cancel").clicked() {
                    done = true;
                }
            });
        }
        if done {
            self.editing = None;
        }
    }
}

/// How to show a conflict's subject in the app: select the annotation, open the
/// entity's page, show the document.
fn show_action(p: &Project, c: &Conflict) -> Option<Vec<Action>> {
    Some(match &c.subject {
        Subject::Annotation(id) => {
            p.find_annotation(*id)?;
            vec![
                Action::SelectAnnotation {
                    id: *id,
                    reveal: true,
                },
                Action::SetTab(RightTab::Conflicts),
            ]
        }
        Subject::Entity(id) => {
            p.entity(*id)?;
            vec![Action::SelectEntity(Some(*id))]
        }
        Subject::Document(id) => {
            p.document(*id)?;
            vec![Action::ShowDocument(*id)]
        }
        _ => return None,
    })
}

/// One field of one version, as text.
fn value(p: &Project, c: &Conflict, v: &Version, f: Field) -> String {
    let entity = |id: Option<crate::model::EntityId>| match id {
        None => "(none)".to_owned(),
        Some(id) => p
            .entity(id)
            .map_or("(an entity not in the project)".to_owned(), |e| {
                e.name.clone()
            }),
    };
    let text = |s: &str| {
        if s.is_empty() {
            "(empty)".to_owned()
        } else {
            s.to_owned()
        }
    };
    match (v, f) {
        (Version::Annotation { annotation: a, .. }, f) => match f {
            Field::Tag => p
                .tags
                .get(&a.tag)
                .map_or(a.tag.clone(), |t| t.label.clone()),
            Field::Span => format!("“{}” ({}–{})", a.quote, a.start, a.end),
            Field::Note => text(&a.note),
            Field::Entity => entity(a.entity),
            Field::Status => a.status.map_or("(none)", |s| s.as_str()).to_owned(),
            _ => String::new(),
        },
        (Version::Entity(e), f) => match f {
            Field::Name => e.name.clone(),
            Field::Kind => e.kind.clone(),
            Field::Note => text(&e.note),
            Field::Role => text(&e.role),
            Field::Date => text(&e.date),
            Field::DateIso => e.date_iso.clone().unwrap_or_else(|| "(none)".into()),
            Field::Place => text(&e.place),
            _ => String::new(),
        },
        (Version::Relation(r), f) => match f {
            Field::Kind => p.relation_label(&r.kind).to_owned(),
            Field::From => p.target_label(r.from),
            Field::To => p.target_label(r.to),
            Field::Note => text(&r.note),
            _ => String::new(),
        },
        (Version::Document { title, source }, f) => match f {
            Field::Title => title.clone(),
            Field::Source => [&source.site_name, &source.url, &source.file_name]
                .into_iter()
                .flatten()
                .next()
                .cloned()
                .unwrap_or_else(|| "(no source)".into()),
            Field::Text if v == c.ours.as_ref().unwrap_or(v) => "this document's text".into(),
            Field::Text => c
                .copy
                .and_then(|d| p.document(d))
                .map_or("(removed)".into(), |d| format!("the text of “{}”", d.title)),
            _ => String::new(),
        },
        (Version::Tag(t), f) => match f {
            Field::Label => t.label.clone(),
            Field::Color => t.color.to_string(),
            Field::Shortcut => t.shortcut.map_or("(none)".into(), String::from),
            Field::Kind => format!("{:?}", t.kind),
            Field::Role => t.role.map_or("(none)", |r| r.as_str()).to_owned(),
            _ => String::new(),
        },
        (Version::RelationKind(k), f) => match f {
            Field::Label => k.label.clone(),
            Field::Role => k.role.map_or("(none)".into(), |r| format!("{r:?}")),
            _ => String::new(),
        },
        (Version::Project { name }, _) => name.clone(),
    }
}

/// A version in a few words, for deletion conflicts.
fn summary(p: &Project, v: &Version) -> String {
    match v {
        Version::Annotation { annotation: a, .. } => {
            let mut s = format!("{} “{}”", a.tag, a.quote);
            if !a.note.is_empty() {
                s.push_str(&format!(" — {}", a.note));
            }
            if let Some(st) = a.status {
                s.push_str(&format!(" ({})", st.as_str()));
            }
            s
        }
        Version::Entity(e) => format!("{} “{}”", e.kind, e.name),
        Version::Relation(r) => format!(
            "{} {} {}",
            p.target_label(r.from),
            p.relation_label(&r.kind),
            p.target_label(r.to)
        ),
        Version::Document { title, .. } => format!("“{title}”"),
        Version::Tag(t) => format!("tag “{}”", t.label),
        Version::RelationKind(k) => format!("relation kind “{}”", k.label),
        Version::Project { name } => name.clone(),
    }
}

/// The banner over the workbench while conflicts remain.
pub fn banner(ui: &mut egui::Ui, count_left: usize, actions: &mut Vec<Action>) {
    if count_left == 0 {
        return;
    }
    ui.horizontal(|ui| {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} from a merge left to resolve (saving is fine meanwhile).",
                count(count_left, "conflict")
            ),
        );
        if ui
            .button("Resolve…")
            .on_hover_text("Open the Conflicts tab")
            .clicked()
        {
            actions.push(Action::SetTab(RightTab::Conflicts));
        }
    });
}
