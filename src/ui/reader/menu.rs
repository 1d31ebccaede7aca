//! The reader's right-click menu and hover card. Right-clicking a highlight selects
//! it and offers retag, link, annotate all and delete; right-clicking a text
//! selection offers its tags. Hovering a highlight shows a card with its tag,
//! entity, status, note and author.

use super::Reader;
use crate::commands::Command;
use crate::model::{Annotation, AnnotationId, Document, TagKind};
use crate::ui::{Action, RightTab, ViewCtx};

impl Reader {
    /// The innermost annotation under a screen position.
    fn annotation_under(&self, doc: &Document, pos: egui::Pos2) -> Option<AnnotationId> {
        let c = self.char_under(pos)?;
        self.annotations_at(doc, c).first().copied()
    }

    /// The hover card and the right-click menu, on the reader's response.
    pub(super) fn menus(
        &mut self,
        response: &egui::Response,
        ctx: &ViewCtx<'_>,
        doc: &Document,
        actions: &mut Vec<Action>,
    ) {
        if response.secondary_clicked() {
            let at = response.interact_pointer_pos();
            self.menu_target = at.and_then(|p| self.annotation_under(doc, p));
            if let Some(id) = self.menu_target {
                actions.push(Action::SelectAnnotation { id, reveal: false });
            }
        }
        let dragging = response.dragged() || self.handle_drag.is_some();
        if !dragging
            && !response.context_menu_opened()
            && let Some(a) = response
                .hover_pos()
                .and_then(|p| self.annotation_under(doc, p))
                .and_then(|id| doc.annotation(id))
        {
            response
                .clone()
                .on_hover_ui_at_pointer(|ui| hover_card(ui, ctx, a));
        }
        let target = self.menu_target;
        response.context_menu(|ui| match target.and_then(|id| doc.annotation(id)) {
            Some(a) => annotation_menu(ui, ctx, doc, a, actions),
            None => selection_menu(ui, ctx, actions),
        });
    }
}

/// The card shown over a hovered highlight.
fn hover_card(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, a: &Annotation) {
    let p = ctx.project;
    let tag = p.tags.get(&a.tag);
    ui.set_max_width(360.0);
    let label = tag.map_or(a.tag.as_str(), |t| t.label.as_str());
    match tag {
        Some(t) => ui.label(
            egui::RichText::new(label)
                .color(ctx.theme.strong(t.color))
                .strong(),
        ),
        None => ui.strong(label),
    };
    ui.label(format!("“{}”", crate::model::text::short(&a.quote, 160)));
    if let Some(e) = a.entity.and_then(|e| p.entity(e)) {
        ui.label(format!("Entity: {}", e.name));
    }
    if tag.is_some_and(|t| t.kind == TagKind::Claim) {
        let status = a.status.unwrap_or_default().as_str();
        ui.label(format!("Status: {status}"));
    }
    if !a.note.is_empty() {
        ui.label(format!("Note: {}", crate::model::text::short(&a.note, 240)));
    }
    let author = if a.author.is_empty() {
        "unknown"
    } else {
        a.author.as_str()
    };
    ui.label(
        egui::RichText::new(format!(
            "by {author} · {}",
            a.modified.format("%Y-%m-%d %H:%M")
        ))
        .small()
        .weak(),
    );
}

/// Retag, link, annotate all and delete for the highlight right-clicked.
fn annotation_menu(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    doc: &Document,
    a: &Annotation,
    actions: &mut Vec<Action>,
) {
    let p = ctx.project;
    ui.menu_button("Retag as", |ui| {
        for t in p.tags.tags.iter().filter(|t| t.key != a.tag) {
            if ui.button(&t.label).clicked() {
                actions.push(Action::Edit(Command::RetagAnnotation {
                    doc: doc.id,
                    id: a.id,
                    tag: t.key.clone(),
                }));
                ui.close();
            }
        }
    });
    let mentions = p
        .tags
        .get(&a.tag)
        .is_some_and(|t| t.kind == TagKind::Entity);
    if mentions {
        ui.menu_button("Link to entity", |ui| {
            let suggestions = crate::commands::analyst::suggestions(p, a);
            for s in &suggestions {
                let Some(e) = p.entity(s.entity) else {
                    continue;
                };
                if ui
                    .button(format!("{} ({:.0}%)", e.name, s.score * 100.0))
                    .clicked()
                {
                    actions.push(Action::Edit(Command::LinkEntity {
                        doc: doc.id,
                        id: a.id,
                        entity: Some(e.id),
                    }));
                    ui.close();
                }
            }
            if a.entity.is_none() && ui.button("New entity from this mention").clicked() {
                match crate::commands::analyst::split_mention(p, doc.id, a.id, None) {
                    Ok((c, _)) => actions.push(Action::Edit(c)),
                    Err(e) => actions.push(Action::Error(format!("Could not link: {e}"))),
                }
                ui.close();
            }
            if a.entity.is_some() && ui.button("Unlink").clicked() {
                actions.push(Action::Edit(Command::LinkEntity {
                    doc: doc.id,
                    id: a.id,
                    entity: None,
                }));
                ui.close();
            }
            if ui.button("Other entity… (inspector)").clicked() {
                actions.push(Action::SetTab(RightTab::Annotations));
                ui.close();
            }
        });
    }
    if ui.button("Annotate all occurrences…").clicked() {
        actions.push(Action::OpenAnnotateAll {
            text: a.quote.trim().to_owned(),
            tag: a.tag.clone(),
            entity: a.entity,
            source: Some(crate::commands::analyst::Occurrence {
                doc: doc.id,
                start: a.start,
                end: a.end,
            }),
        });
        ui.close();
    }
    ui.separator();
    if ui.button("Delete annotation").clicked() {
        actions.push(Action::Edit(Command::RemoveAnnotation {
            doc: doc.id,
            id: a.id,
        }));
        actions.push(Action::ClearAnnotation);
        ui.close();
    }
}

/// Tag the text selection, when one is made.
fn selection_menu(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, actions: &mut Vec<Action>) {
    if ctx.selection.is_none_or(|s| s.is_empty()) {
        ui.label("Select text to tag it, or right-click a highlight.");
        return;
    }
    for t in &ctx.project.tags.tags {
        if ui.button(format!("Tag as {}", t.label)).clicked() {
            actions.push(Action::TagSelection(t.key.clone()));
            ui.close();
        }
    }
}
