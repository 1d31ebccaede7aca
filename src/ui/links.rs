//! The inspector's analyst sections: which entity a mention refers to (with fuzzy
//! suggestions), a claim's status, speaker and subjects, and the relations of an
//! annotation.

use super::Action;
use crate::commands::Command;
use crate::commands::analyst::{self, EntityChoice, Occurrence};
use crate::model::{Annotation, ClaimStatus, DocumentId, Entity, Project, TagKind, Target, fuzzy};

/// How many fuzzy suggestions the inspector offers.
pub const SUGGESTIONS: usize = 3;

/// A short human label for a relation end.
pub fn target_label(p: &Project, t: Target) -> String {
    match t {
        Target::Entity(id) => p
            .entity(id)
            .map_or("(missing entity)".into(), |e| e.name.clone()),
        Target::Annotation(id) => p
            .find_annotation(id)
            .map_or("(missing annotation)".into(), |(_, a)| {
                format!("“{}”", super::reader::short(&a.quote, 40))
            }),
        Target::Document(id) => p.document(id).map_or("(missing document)".into(), |d| {
            format!(
                "the article’s author/outlet ({})",
                super::reader::short(&d.title, 30)
            )
        }),
    }
}

/// The colour of a claim status badge.
pub fn status_color(s: ClaimStatus, dark: bool) -> egui::Color32 {
    let (r, g, b) = match s {
        ClaimStatus::Unverified => (0x80, 0x80, 0x80),
        ClaimStatus::Corroborated => (0x1b, 0x9e, 0x77),
        ClaimStatus::Disputed => (0xd9, 0x5f, 0x02),
        ClaimStatus::False => (0xc0, 0x20, 0x20),
    };
    let c = egui::Color32::from_rgb(r, g, b);
    if dark {
        super::palette::blend(c, egui::Color32::WHITE, 0.2)
    } else {
        c
    }
}

/// The best entity suggestions for a mention (none when it is already linked).
pub fn suggestions(p: &Project, a: &Annotation) -> Vec<fuzzy::Suggestion> {
    if a.entity.is_some() {
        return Vec::new();
    }
    fuzzy::suggest(p, &a.tag, &a.quote, SUGGESTIONS)
}

/// The command Enter in the reader runs on a fresh mention: link it to the best
/// suggestion, or make a new entity named after it.
pub fn accept_command(p: &Project, doc: DocumentId, a: &Annotation) -> Option<Command> {
    let kind = p.tags.get(&a.tag)?.kind;
    if kind != TagKind::Entity || a.entity.is_some() {
        return None;
    }
    match suggestions(p, a).first() {
        Some(s) => Some(Command::LinkEntity {
            doc,
            id: a.id,
            entity: Some(s.entity),
        }),
        None => analyst::split_mention(p, doc, a.id, None)
            .ok()
            .map(|(c, _)| c),
    }
}

/// The entity section for a mention.
pub fn mention(
    ui: &mut egui::Ui,
    p: &Project,
    doc: DocumentId,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    match a.entity.and_then(|id| p.entity(id)) {
        Some(e) => {
            let n = p.mentions(e.id).len();
            ui.horizontal_wrapped(|ui| {
                ui.label("Mention of");
                if ui.link(&e.name).on_hover_text("Show this entity").clicked() {
                    actions.push(Action::SelectEntity(Some(e.id)));
                }
                ui.label(
                    egui::RichText::new(format!("({n} mention{})", if n == 1 { "" } else { "s" }))
                        .weak(),
                );
            });
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Unlink")
                    .on_hover_text("This span no longer refers to the entity")
                    .clicked()
                {
                    actions.push(Action::Edit(Command::LinkEntity {
                        doc,
                        id: a.id,
                        entity: None,
                    }));
                }
                if n > 1
                    && ui
                        .button("Split off")
                        .on_hover_text("Make this mention a new entity of its own")
                        .clicked()
                    && let Ok((c, id)) = analyst::split_mention(p, doc, a.id, None)
                {
                    actions.push(Action::Edit(c));
                    actions.push(Action::SelectEntity(Some(id)));
                }
            });
        }
        None => {
            ui.label("Refers to which entity?");
            let list = suggestions(p, a);
            for (i, s) in list.iter().enumerate() {
                let Some(e) = p.entity(s.entity) else {
                    continue;
                };
                let mut text = format!("Link to {}", e.name);
                if i == 0 {
                    text.push_str("  (Enter)");
                }
                let hover = format!("Matches “{}” ({:.0}%)", s.matched, s.score * 100.0);
                if ui.button(text).on_hover_text(hover).clicked() {
                    actions.push(Action::Edit(Command::LinkEntity {
                        doc,
                        id: a.id,
                        entity: Some(e.id),
                    }));
                }
            }
            let name = analyst::clean_name(&a.quote);
            let hint = if list.is_empty() { "  (Enter)" } else { "" };
            if ui
                .button(format!(
                    "New entity “{}”{hint}",
                    super::reader::short(&name, 40)
                ))
                .on_hover_text("Create a new entity for this mention")
                .clicked()
                && let Ok((c, _)) = analyst::split_mention(p, doc, a.id, Some(name))
            {
                actions.push(Action::Edit(c));
            }
            let others: Vec<&Entity> = p.entities().iter().filter(|e| e.kind == a.tag).collect();
            if !others.is_empty() {
                egui::ComboBox::new(("link-any", a.id), "Other")
                    .selected_text("Link to another…")
                    .show_ui(ui, |ui| {
                        for e in others {
                            if ui.button(&e.name).clicked() {
                                actions.push(Action::Edit(Command::LinkEntity {
                                    doc,
                                    id: a.id,
                                    entity: Some(e.id),
                                }));
                            }
                        }
                    });
            }
        }
    }
    annotate_all_button(ui, doc, a, actions);
}

fn annotate_all_button(
    ui: &mut egui::Ui,
    doc: DocumentId,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    if ui
        .button("Annotate all occurrences…")
        .on_hover_text("Find the other occurrences of this text and tag them all in one step")
        .clicked()
    {
        actions.push(Action::OpenAnnotateAll {
            text: a.quote.clone(),
            tag: a.tag.clone(),
            entity: a.entity,
            source: Some(Occurrence {
                doc,
                start: a.start,
                end: a.end,
            }),
        });
    }
}

/// The claim section: status, speaker, subjects.
pub fn claim(
    ui: &mut egui::Ui,
    p: &Project,
    doc: DocumentId,
    a: &Annotation,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label("Status");
        for s in ClaimStatus::ALL {
            let on = a.status.unwrap_or_default() == s;
            let text = egui::RichText::new(s.as_str()).color(if on {
                egui::Color32::WHITE
            } else {
                status_color(s, dark)
            });
            let mut b = egui::Button::selectable(on, text);
            if on {
                b = b.fill(status_color(s, dark));
            }
            if ui
                .add(b)
                .on_hover_text(format!("Mark the claim {}", s.as_str()))
                .clicked()
                && a.status != Some(s)
            {
                actions.push(Action::Edit(Command::SetStatus {
                    doc,
                    id: a.id,
                    status: Some(s),
                }));
            }
        }
    });
    let me = Target::Annotation(a.id);
    let speaker = p
        .relations()
        .iter()
        .find(|r| r.kind == "said_by" && r.from == me)
        .map(|r| r.to);
    ui.horizontal(|ui| {
        let current = speaker.map_or("—".to_owned(), |t| target_label(p, t));
        egui::ComboBox::new(("speaker", a.id), "Speaker")
            .selected_text(super::reader::short(&current, 36))
            .show_ui(ui, |ui| {
                let mut pick = |ui: &mut egui::Ui, label: String, t: Option<Target>| {
                    if ui.selectable_label(speaker == t, label).clicked()
                        && speaker != t
                        && let Ok(c) = analyst::set_speaker(p, a.id, t)
                    {
                        actions.push(Action::Edit(c));
                    }
                };
                pick(ui, "—".into(), None);
                pick(
                    ui,
                    "The article’s author/outlet".into(),
                    Some(Target::Document(doc)),
                );
                for e in p.entities().iter().filter(|e| e.kind == "person") {
                    pick(ui, e.name.clone(), Some(Target::Entity(e.id)));
                }
            });
    });
    let about: Vec<_> = p
        .relations()
        .iter()
        .filter(|r| r.kind == "about" && r.from == me)
        .collect();
    ui.horizontal_wrapped(|ui| {
        for r in &about {
            let text = format!("{} ×", super::reader::short(&target_label(p, r.to), 30));
            if ui
                .small_button(text)
                .on_hover_text("Remove this subject")
                .clicked()
            {
                actions.push(Action::Edit(Command::RemoveRelation { id: r.id }));
            }
        }
        egui::ComboBox::new(("about", a.id), "About")
            .selected_text("add…")
            .show_ui(ui, |ui| {
                for e in p.entities().iter().filter(|e| {
                    p.tags
                        .get(&e.kind)
                        .is_some_and(|t| t.kind == TagKind::Entity)
                }) {
                    let t = Target::Entity(e.id);
                    if about.iter().any(|r| r.to == t) {
                        continue;
                    }
                    if ui.button(format!("{} ({})", e.name, e.kind)).clicked()
                        && let Ok(c) = analyst::add_relation(p, "about", me, t)
                    {
                        actions.push(Action::Edit(c));
                    }
                }
            });
    });
    annotate_all_button(ui, doc, a, actions);
}

/// Every relation touching the annotation, as a list with remove buttons.
pub fn relations(ui: &mut egui::Ui, p: &Project, a: &Annotation, actions: &mut Vec<Action>) {
    let me = Target::Annotation(a.id);
    let rels: Vec<_> = p
        .relations()
        .iter()
        .filter(|r| r.from == me || r.to == me)
        .collect();
    if rels.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new("Relations").strong());
    for r in rels {
        let kind = p.relation_label(&r.kind);
        let text = if r.from == me {
            format!("{kind}: {}", target_label(p, r.to))
        } else {
            format!("{}: {kind} this", target_label(p, r.from))
        };
        ui.horizontal(|ui| {
            ui.label(super::reader::short(&text, 60));
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

/// Creates `EntityChoice` for annotate-all from the source annotation's entity.
pub fn choice_for(
    p: &Project,
    tag: &str,
    entity: Option<crate::model::EntityId>,
    text: &str,
) -> EntityChoice {
    match entity {
        Some(id) if p.entity(id).is_some() => EntityChoice::Existing(id),
        _ if p.tags.get(tag).is_some_and(|t| t.kind == TagKind::Entity) => {
            EntityChoice::New(Entity::new(tag, analyst::clean_name(text)))
        }
        _ => EntityChoice::None,
    }
}
